/*
 * elements.h: elements kinds and the indexed properties of JSObjects (objects/elements.c).
 *
 * An object's elements live in its `elements` field, in a store chosen by the elements kind
 * kept in its map's bits:
 *
 *   PACKED_SMI / HOLEY_SMI        FixedArray of Smis (holey: some slots hold the hole)
 *   PACKED_DOUBLE / HOLEY_DOUBLE  FixedDoubleArray of unboxed doubles; the hole is the NaN
 *                                 FIXED_DOUBLE_HOLE_NAN_BITS, other NaNs are canonicalised
 *   PACKED / HOLEY                FixedArray of any values
 *   DICTIONARY                    NumberDictionary (sparse: keys are indexes up to 2^32-2)
 *
 * Invariants:
 *  - a store of capacity 0 is always the empty FixedArray, whatever the kind;
 *  - a PACKED JSArray has no hole below its length; slots at or past the length are holes;
 *  - kinds only move toward more general ones (SMI -> DOUBLE -> OBJECT, PACKED -> HOLEY,
 *    anything -> DICTIONARY), and each move is a map transition keyed by
 *    elements_transition_symbol, so all objects with one map move to one new map.
 */
#ifndef KILN_OBJECTS_ELEMENTS_H_
#define KILN_OBJECTS_ELEMENTS_H_

#include "execution/isolate.h"

/* V(kind): in order of generality (packed before holey of the same representation). */
#define ELEMENTS_KIND_LIST(V) \
  V(PACKED_SMI_ELEMENTS)      \
  V(HOLEY_SMI_ELEMENTS)       \
  V(PACKED_DOUBLE_ELEMENTS)   \
  V(HOLEY_DOUBLE_ELEMENTS)    \
  V(PACKED_ELEMENTS)          \
  V(HOLEY_ELEMENTS)           \
  V(DICTIONARY_ELEMENTS)

typedef enum {
#define V(kind) kind,
  ELEMENTS_KIND_LIST(V)
#undef V
  kElementsKindCount
} ElementsKind;

/* The largest gap past the end of a fast store that a store may open before the object
 * goes to dictionary elements (V8's kMaxGap). */
enum { kMaxElementsGap = 1024, kMaxArrayIndex = 0xfffffffe };
#define KILN_MAX_ARRAY_LENGTH 4294967295.0

const char *elements_kind_name(ElementsKind kind);

KILN_INLINE bool elements_kind_is_holey(ElementsKind k) {
  return k == HOLEY_SMI_ELEMENTS || k == HOLEY_DOUBLE_ELEMENTS || k == HOLEY_ELEMENTS;
}
KILN_INLINE bool elements_kind_is_smi(ElementsKind k) { return k <= HOLEY_SMI_ELEMENTS; }
KILN_INLINE bool elements_kind_is_double(ElementsKind k) {
  return k == PACKED_DOUBLE_ELEMENTS || k == HOLEY_DOUBLE_ELEMENTS;
}
KILN_INLINE bool elements_kind_is_fast(ElementsKind k) { return k < DICTIONARY_ELEMENTS; }
KILN_INLINE ElementsKind elements_kind_to_holey(ElementsKind k) {
  return elements_kind_is_fast(k) && !elements_kind_is_holey(k) ? (ElementsKind)(k + 1) : k;
}
/* The least general kind that holds both a and b (for fast kinds). */
ElementsKind elements_kind_union(ElementsKind a, ElementsKind b);
/* The kind a value needs: SMI for Smis, DOUBLE for HeapNumbers, OBJECT otherwise. */
ElementsKind elements_kind_for_value(Tagged value);

KILN_INLINE ElementsKind js_object_elements_kind(Tagged obj) {
  return (ElementsKind)map_elements_kind(heap_object_map(obj));
}

/* Converts obj's store and map to kind `to` (more general than its kind). May allocate. */
bool elements_transition(Isolate *iso, Handle obj, ElementsKind to);

/* A JSArray's length as a uint32 (it is a Smi or a HeapNumber). Does not allocate. */
uint32_t js_array_length_value(Tagged array);

typedef enum { ELEMENT_ABSENT, ELEMENT_FOUND, ELEMENT_EXCEPTION } ElementResult;
/* Own element `index` of obj, without the prototype chain. May allocate (a double is boxed
 * into a HeapNumber): ELEMENT_EXCEPTION with OOM pending when that fails. */
ElementResult elements_get_own(Isolate *iso, Handle obj, uint32_t index, Handle *out);
/* true if obj has own element `index`. Does not allocate. */
bool elements_has_own(Isolate *iso, Tagged obj, uint32_t index);
/* [[Set]] of own element `index` (index <= kMaxArrayIndex): grows the store, transitions the
 * kind, goes to dictionary mode when sparse, grows a JSArray's length. false when the object
 * is not extensible and the element is new (no exception), or on OOM (pending). May allocate. */
bool elements_set(Isolate *iso, Handle obj, uint32_t index, Handle value);
/* Defines own element `index` with value and attributes (ES2025 10.1.6.3 for a complete data
 * descriptor). Attributes other than NONE move obj to dictionary elements. false when
 * refused (not extensible; a DONT_DELETE element that may not change). May allocate. */
bool elements_define(Isolate *iso, Handle obj, uint32_t index, Handle value, int attributes);
/* Deletes own element `index`; false when it is DONT_DELETE. May allocate (a packed kind
 * becomes holey, a transition). */
bool elements_delete(Isolate *iso, Handle obj, uint32_t index);
/* Shrinks or grows a JSArray to new_length (ES2025 10.4.2.4 ArraySetLength, step 5 on).
 * May allocate. */
bool elements_set_array_length(Isolate *iso, Handle array, uint32_t new_length);
/* Moves obj to DICTIONARY_ELEMENTS. May allocate. */
bool elements_normalize(Isolate *iso, Handle obj);
/* Appends the own element indexes of obj, ascending, to out (malloc'd, *count entries). */
uint32_t *elements_collect_indexes(Isolate *iso, Tagged obj, uint32_t *count);

#endif /* KILN_OBJECTS_ELEMENTS_H_ */
