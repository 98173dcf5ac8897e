/*
 * map.h: hidden classes, the transition tree and in-object slack tracking (objects/map.c).
 *
 * A Map describes the layout of every object that has it (layout drawn above MAP_FIELDS in
 * objects.h). Its instance_descriptors map names to fields; objects built by adding the
 * same properties in the same order go through the same chain of maps:
 *
 *   root map --"x"--> map{x} --"y"--> map{x,y}          (transitions, forward)
 *            <-------         <-------                  (back pointers, in
 *                                                        constructor_or_back_pointer)
 *
 * transitions is undefined (none), a single Map (its key is its last descriptor's key, kind
 * and attributes, or for an elements-kind transition its elements kind), or a
 * TransitionArray: FixedArray layout, map transition_array_map,
 *   | map | length = 2n | key 0 | target 0 | key 1 | target 1 | ... |
 * where key is the property name or elements_transition_symbol.
 *
 * bits2 (MAP_BITS2_LIST):
 *   own_descriptors       descriptors of this map (a prefix of instance_descriptors)
 *   number_of_fields      fields used (in-object first, then the PropertyArray); may exceed
 *                         the field descriptors when a map reserves hidden fields (error
 *                         objects keep their ErrorKind in field 0)
 *   construction_counter  slack tracking: objects still to be made from this root map
 *                         before tracking completes (0: not tracking). Only root maps count.
 *
 * Slack tracking: a root map made with map_start_slack_tracking keeps its generous in-object
 * slot count while kSlackTrackingCounterStart objects are made from its tree; their unused
 * slots hold one-word fillers. Then every map of the tree shrinks to the most in-object
 * fields any of them uses. Objects made earlier keep their size: the tail they no longer
 * own is made of fillers, so the heap stays iterable.
 */
#ifndef KILN_OBJECTS_MAP_H_
#define KILN_OBJECTS_MAP_H_

#include "execution/isolate.h"
#include "objects/descriptors.h"
#include "objects/elements.h"

/* V(name, shift, width) */
#define MAP_BITS2_LIST(V)        \
  V(own_descriptors, 0, 10)      \
  V(number_of_fields, 10, 10)    \
  V(construction_counter, 20, 4)

#define V(name, shift, width)                                                         \
  KILN_INLINE int map_##name(Tagged map) {                                            \
    return (int)((map_bits2(map) >> (shift)) & ((UINT64_C(1) << (width)) - 1));       \
  }                                                                                   \
  KILN_INLINE void map_set_##name(Tagged map, int v) {                                \
    uint64_t mask = ((UINT64_C(1) << (width)) - 1) << (shift);                        \
    DCHECK(v >= 0 && (((uint64_t)v << (shift)) & ~mask) == 0);                        \
    map_set_bits2(map, (map_bits2(map) & ~mask) | (((uint64_t)v << (shift)) & mask)); \
  }
MAP_BITS2_LIST(V)
#undef V

enum {
  kSlackTrackingCounterStart = 7,
  kMaxFastProperties = 128,   /* more fields than this: dictionary mode */
  kMaxTransitions = 128,      /* more transitions from one map: dictionary mode */
  kPropertyArraySlack = 3,    /* a PropertyArray grows by this many slots (or 50%) */
};

/* The byte offset of in-object slot 0 of objects with this map. */
KILN_INLINE size_t map_inobject_start(Tagged map) {
  return map_instance_size(map) - (size_t)map_inobject_properties(map) * kTaggedSize;
}
/* The back pointer: the map this one was made from by a transition, or undefined. */
KILN_INLINE Tagged map_back_pointer(Tagged map) { return map_constructor_or_back_pointer(map); }
KILN_INLINE bool map_is_dictionary(Tagged map) { return map_has_flag(map, MAP_IS_DICTIONARY); }

/* Starts slack tracking on a root map (no back pointer). */
void map_start_slack_tracking(Tagged map);
bool map_is_slack_tracking(Tagged map);
/* Called by factory_new_js_object_from_map for each new object, after its allocation and
 * before its slots are filled: the value for unused in-object slots (the one-pointer filler
 * map while tracking, else undefined). Counts the object; the last one completes tracking
 * (the object itself was allocated at the old size, so it still gets fillers).
 * Does not allocate. */
Tagged map_slack_tracking_filler(Isolate *iso, Tagged map);
/* Ends tracking of the tree rooted at root now, shrinking its maps. Does not allocate. */
void map_complete_slack_tracking(Isolate *iso, Tagged root);
/* The root of map's transition tree (follows back pointers). */
Tagged map_find_root(Isolate *iso, Tagged map);

/* ---- transitions ---- */

int map_transition_count(Isolate *iso, Tagged map);
/* The target of the property transition (name, kind, attributes) from map, or 0. */
Tagged map_find_transition(Isolate *iso, Tagged map, Tagged name, PropertyKind kind,
                           int attributes);
/* The map objects of `map` go to when `name` is added with kind and attributes: an existing
 * transition's target, or a new map recorded as a transition (a data property gets the next
 * field; an accessor gets `value`, an AccessorPair, as its descriptor constant).
 * Returns an empty handle with no exception pending when the object should go to dictionary
 * mode instead (too many fields or transitions), or with OOM pending. May allocate. */
Handle map_transition_add_property(Isolate *iso, Handle map, Handle name, PropertyKind kind,
                                   int attributes, Handle value);
/* The map for map's objects with elements kind `kind` (a transition). May allocate. */
Handle map_transition_elements_kind(Isolate *iso, Handle map, ElementsKind kind);

/* ---- copies (new roots: no back pointer, no transitions, not tracking) ---- */

/* A copy sharing map's descriptors. May allocate. */
Handle map_copy(Isolate *iso, Handle map);
/* A copy for an object in dictionary mode: MAP_IS_DICTIONARY, no descriptors, same
 * prototype, type, size and elements kind. May allocate. */
Handle map_copy_for_dictionary(Isolate *iso, Handle map);
/* A copy with another prototype. Not cached: each call makes a new map. May allocate. */
Handle map_copy_with_prototype(Isolate *iso, Handle map, Handle prototype);

/* ---- prototype validity (docs/object-model.md, "Inline caches and prototype validity") ----
 *
 * An object is a prototype when its map has MAP_IS_PROTOTYPE. map_make_prototype gives it a
 * copy of its map with the flag, so a prototype map never describes an ordinary object;
 * the maps a prototype moves to later (transitions and copies of its map) keep the flag.
 *
 * A prototype map's prototype_validity_cell is the ValidityCell of the chain that starts at
 * its object: valid while neither that object nor any object above it has changed shape
 * since the cell was made. The cell of P links to the cell of P's prototype (parent), and a
 * cell counts as valid only when every cell up its parent links is (validity_cell_chain_valid).
 * So invalidating one object's cell invalidates the chains of every object below it with
 * no list of users to walk (V8 keeps such a list, with weak references, to invalidate
 * eagerly; Kiln pays one load per level of the chain on each cache hit instead).
 *
 * Invariant (kept by objects/js-objects.c, objects/elements.c and runtime/): every change of
 * a prototype's shape -- its map (a property added, deleted or reconfigured, dictionary
 * mode, a new [[Prototype]], extensibility, elements kind) or the named entries of its
 * dictionary -- calls map_invalidate_prototype_chains(its map) first. A value written into
 * an existing data property is not a change of shape. A cell once invalid stays invalid;
 * the next map_prototype_chain_validity_cell makes a fresh one.
 */
enum { kValidityCellValid = 1, kValidityCellInvalid = 0, kMaxPrototypeChainDepth = 64 };

KILN_INLINE bool map_is_prototype_map(Tagged map) { return map_has_flag(map, MAP_IS_PROTOTYPE); }

/* Whether cell (a ValidityCell, or Smi 0 for an empty chain) and every cell above it are
 * valid. Does not allocate. */
KILN_INLINE bool validity_cell_chain_valid(Tagged cell) {
  for (; !is_smi(cell); cell = validity_cell_parent(cell)) {
    if (validity_cell_value(cell) != kValidityCellValid) return false;
  }
  return true;
}

/* Before an object with map `map` changes shape: if map is a prototype map, invalidates
 * its cell (and so the chains of every object below). Does not allocate. */
KILN_INLINE void map_invalidate_prototype_chains(Tagged map) {
  if (!map_is_prototype_map(map)) return;
  Tagged cell = map_prototype_validity_cell(map);
  if (is_smi(cell)) return;
  validity_cell_set_value(cell, kValidityCellInvalid);
  map_set_prototype_validity_cell(map, smi_from_int(0));
}

/* Whether named-property lookups on o are what its map or dictionary describes, so that o
 * may sit on a cached prototype chain: ordinary objects, arrays, functions, errors and
 * primitive wrappers (a String wrapper's "length" is not in its map: callers that look up
 * "length" check for String wrappers themselves), without interceptors. */
bool map_is_cacheable_prototype(Tagged o);
/* Makes obj a prototype: a copy of its map with MAP_IS_PROTOTYPE, unless it has one
 * already. false with an exception pending on OOM. May allocate. */
bool map_make_prototype(Isolate *iso, Handle obj);
/* The validity cell of the chain that starts at prototype (a receiver map's [[Prototype]]):
 * Smi 0 for null; made (with the cells above it) when missing or invalid, making each
 * object on the chain a prototype. Empty, with no exception pending, when the chain is not
 * cacheable (an object that is not map_is_cacheable_prototype, or deeper than
 * kMaxPrototypeChainDepth) or on OOM. May allocate. */
Handle map_prototype_chain_validity_cell(Isolate *iso, Handle prototype);

#endif /* KILN_OBJECTS_MAP_H_ */
