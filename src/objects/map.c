/*
 * map.c: hidden classes, transitions and slack tracking. See map.h.
 */
#include "objects/map.h"

#include "debug/debug-print.h"
#include "heap/factory.h"

/* ---- slack tracking ----------------------------------------------------------------- */

void map_start_slack_tracking(Tagged map) {
  DCHECK(!is_map(map_back_pointer(map)));
  map_set_construction_counter(map, kSlackTrackingCounterStart);
}

Tagged map_find_root(Isolate *iso, Tagged map) {
  KILN_UNUSED(iso);
  while (is_map(map_back_pointer(map))) map = map_back_pointer(map);
  return map;
}

bool map_is_slack_tracking(Tagged map) {
  while (is_map(map_back_pointer(map))) map = map_back_pointer(map);
  return map_construction_counter(map) > 0;
}

Tagged map_slack_tracking_filler(Isolate *iso, Tagged map) {
  Tagged root = map_find_root(iso, map);
  int counter = map_construction_counter(root);
  if (counter == 0) return ROOT(iso, undefined_value);
  map_set_construction_counter(root, counter - 1);
  /* This object was allocated at the old size: it needs fillers even if it is the last. */
  if (counter == 1) map_complete_slack_tracking(iso, root);
  return ROOT(iso, one_pointer_filler_map);
}

static int map_transition_count_raw(Tagged transitions);
static Tagged map_transition_target_raw(Tagged transitions, int i);

/* The most in-object slots any map of the tree uses. */
static int map_tree_inobject_used(Tagged map) {
  int inobject = map_inobject_properties(map);
  int used = map_number_of_fields(map) < inobject ? map_number_of_fields(map) : inobject;
  Tagged t = map_transitions(map);
  for (int i = 0, n = map_transition_count_raw(t); i < n; i++) {
    int child = map_tree_inobject_used(map_transition_target_raw(t, i));
    if (child > used) used = child;
  }
  return used;
}

/* Invariant kept: a map that shrinks has no field outside the object (every map of the
 * tree uses at most `inobject` fields), so no field moves. */
static void map_tree_shrink(Tagged map, int inobject) {
  int old = map_inobject_properties(map);
  DCHECK(inobject <= old);
  map_set_instance_size(map, map_instance_size(map) - (size_t)(old - inobject) * kTaggedSize);
  map_set_inobject_properties(map, inobject);
  Tagged t = map_transitions(map);
  for (int i = 0, n = map_transition_count_raw(t); i < n; i++) {
    map_tree_shrink(map_transition_target_raw(t, i), inobject);
  }
}

void map_complete_slack_tracking(Isolate *iso, Tagged root) {
  DCHECK(map_find_root(iso, root) == root);
  map_set_construction_counter(root, 0);
  map_tree_shrink(root, map_tree_inobject_used(root));
}

/* ---- transitions -------------------------------------------------------------------- */

static int map_transition_count_raw(Tagged transitions) {
  if (is_map(transitions)) return 1;
  if (is_heap_object(transitions) && heap_object_type(transitions) == TRANSITION_ARRAY_TYPE) {
    return (int)(fixed_array_length(transitions) / 2);
  }
  return 0;
}

static Tagged map_transition_target_raw(Tagged transitions, int i) {
  if (is_map(transitions)) return transitions;
  return fixed_array_get(transitions, 2 * i + 1);
}

int map_transition_count(Isolate *iso, Tagged map) {
  KILN_UNUSED(iso);
  return map_transition_count_raw(map_transitions(map));
}

/* The key a transition to target is filed under: the name of the descriptor it added, or
 * elements_transition_symbol when it changed the elements kind. */
static Tagged map_transition_key_of(Isolate *iso, Tagged target) {
  Tagged source = map_back_pointer(target);
  int nof = map_own_descriptors(target);
  if (nof == map_own_descriptors(source)) return ROOT(iso, elements_transition_symbol);
  return descriptor_array_key(map_instance_descriptors(target), nof - 1);
}

static Tagged map_transition_key_raw(Isolate *iso, Tagged transitions, int i) {
  if (is_map(transitions)) return map_transition_key_of(iso, transitions);
  return fixed_array_get(transitions, 2 * i);
}

Tagged map_find_transition(Isolate *iso, Tagged map, Tagged name, PropertyKind kind,
                           int attributes) {
  Tagged t = map_transitions(map);
  for (int i = 0, n = map_transition_count_raw(t); i < n; i++) {
    if (map_transition_key_raw(iso, t, i) != name) continue;
    Tagged target = map_transition_target_raw(t, i);
    int last = map_own_descriptors(target) - 1;
    PropertyDetails d = descriptor_array_details(map_instance_descriptors(target), last);
    if (property_details_kind(d) == (uint32_t)kind &&
        property_details_attributes(d) == (uint32_t)attributes) {
      return target;
    }
  }
  return 0;
}

static Tagged map_find_elements_transition(Isolate *iso, Tagged map, ElementsKind kind) {
  Tagged t = map_transitions(map);
  Tagged symbol = ROOT(iso, elements_transition_symbol);
  for (int i = 0, n = map_transition_count_raw(t); i < n; i++) {
    Tagged target = map_transition_target_raw(t, i);
    if (map_transition_key_raw(iso, t, i) == symbol && map_elements_kind(target) == (int)kind) {
      return target;
    }
  }
  return 0;
}

/* Records map --key--> target. May allocate (a TransitionArray). */
static bool map_add_transition(Isolate *iso, Handle map, Handle key, Handle target) {
  Tagged t = map_transitions(H(map));
  if (map_transition_count_raw(t) == 0) {
    map_set_transitions(H(map), H(target));
    return true;
  }
  Handle array;
  if (is_map(t)) {
    Handle first = handle_new(iso, t);
    array = factory_new_fixed_array_with_map(iso, ROOT_transition_array_map, 4,
                                             ROOT(iso, undefined_value));
    if (handle_is_null(array)) return false;
    fixed_array_set(H(array), 0, map_transition_key_of(iso, H(first)));
    fixed_array_set(H(array), 1, H(first));
  } else {
    Handle old = handle_new(iso, t);
    array = factory_copy_fixed_array(iso, old, fixed_array_length(H(old)) + 2,
                                     ROOT(iso, undefined_value));
    if (handle_is_null(array)) return false;
  }
  int64_t n = fixed_array_length(H(array));
  fixed_array_set(H(array), n - 2, H(key));
  fixed_array_set(H(array), n - 1, H(target));
  map_set_transitions(H(map), H(array));
  return true;
}

/* map_add_transition, logged under --trace-maps (debug/debug-maps.c). May allocate. */
static bool map_add_transition_traced(Isolate *iso, Handle map, Handle key, Handle target) {
  if (!map_add_transition(iso, map, key, target)) return false;
  debug_maps_trace(iso, "Transition", H(map), H(target), H(key));
  return true;
}

/* ---- copies ------------------------------------------------------------------------- */

/* A map with map's bits, bits2 (not counting), prototype and descriptors; no back pointer,
 * no transitions. May allocate. */
static Handle map_copy_raw(Isolate *iso, Handle map) {
  Tagged m = H(map);
  Handle copy = factory_new_map(iso, map_instance_type(m), map_instance_size(m),
                                map_inobject_properties(m));
  if (handle_is_null(copy)) return copy;
  Tagged c = H(copy), src = H(map);
  map_set_bits(c, map_bits(src));
  map_set_bits2(c, map_bits2(src));
  map_set_construction_counter(c, 0);
  map_set_prototype(c, map_prototype(src));
  map_set_instance_descriptors(c, map_instance_descriptors(src));
  return copy;
}

Handle map_copy(Isolate *iso, Handle map) { return map_copy_raw(iso, map); }

Handle map_copy_for_dictionary(Isolate *iso, Handle map) {
  Handle copy = map_copy_raw(iso, map);
  if (handle_is_null(copy)) return copy;
  Tagged c = H(copy);
  map_set_flag(c, MAP_IS_DICTIONARY, true);
  map_set_instance_descriptors(c, ROOT(iso, empty_descriptor_array));
  map_set_own_descriptors(c, 0);
  map_set_number_of_fields(c, 0);
  debug_maps_trace(iso, "Normalize", H(map), c, 0);
  return copy;
}

Handle map_copy_with_prototype(Isolate *iso, Handle map, Handle prototype) {
  Handle copy = map_copy_raw(iso, map);
  if (!handle_is_null(copy)) map_set_prototype(H(copy), H(prototype));
  if (!handle_is_null(copy)) debug_maps_trace(iso, "CopyWithPrototype", H(map), H(copy), 0);
  return copy;
}

/* A new map: map plus one descriptor, linked both ways with map. May allocate. */
static Handle map_copy_add_descriptor(Isolate *iso, Handle map, Handle name,
                                      PropertyKind kind, int attributes, Handle value) {
  int nof = map_own_descriptors(H(map));
  int fields = map_number_of_fields(H(map));
  PropertyDetails details;
  if (kind == PROPERTY_DATA) {
    details = property_details_make(kind, PROPERTY_FIELD, attributes, (uint32_t)fields);
    value = handle_new(iso, smi_from_int(fields));
  } else {
    details = property_details_make(kind, PROPERTY_DESCRIPTOR, attributes, 0);
  }
  Handle old = handle_new(iso, map_instance_descriptors(H(map)));
  Handle da = descriptor_array_copy_add(iso, old, nof, name, details, value);
  if (handle_is_null(da)) return da;
  Handle target = map_copy_raw(iso, map);
  if (handle_is_null(target)) return target;
  Tagged t = H(target);
  map_set_instance_descriptors(t, H(da));
  map_set_own_descriptors(t, nof + 1);
  map_set_number_of_fields(t, fields + (kind == PROPERTY_DATA));
  map_set_constructor_or_back_pointer(t, H(map));
  if (!map_add_transition_traced(iso, map, name, target)) return HANDLE_NULL;
  return target;
}

Handle map_transition_add_property(Isolate *iso, Handle map, Handle name, PropertyKind kind,
                                   int attributes, Handle value) {
  DCHECK(!map_is_dictionary(H(map)));
  Tagged found = map_find_transition(iso, H(map), H(name), kind, attributes);
  if (found != 0) {
    /* An accessor transition is shared only when it carries the same pair. */
    Tagged da = map_instance_descriptors(found);
    if (kind == PROPERTY_DATA ||
        descriptor_array_value(da, map_own_descriptors(found) - 1) == H(value)) {
      return handle_new(iso, found);
    }
  }
  if (map_number_of_fields(H(map)) >= kMaxFastProperties ||
      map_own_descriptors(H(map)) >= kMaxFastProperties ||
      map_transition_count(iso, H(map)) >= kMaxTransitions) {
    return HANDLE_NULL; /* no exception: the caller goes to dictionary mode */
  }
  return map_copy_add_descriptor(iso, map, name, kind, attributes, value);
}

Handle map_transition_elements_kind(Isolate *iso, Handle map, ElementsKind kind) {
  if (map_elements_kind(H(map)) == (int)kind) return map;
  if (map_is_dictionary(H(map))) {
    /* Dictionary maps belong to one object each: a plain copy, no transition. */
    Handle copy = map_copy_raw(iso, map);
    if (!handle_is_null(copy)) map_set_elements_kind(H(copy), kind);
    return copy;
  }
  Tagged found = map_find_elements_transition(iso, H(map), kind);
  if (found != 0) return handle_new(iso, found);
  Handle target = map_copy_raw(iso, map);
  if (handle_is_null(target)) return target;
  map_set_elements_kind(H(target), kind);
  map_set_constructor_or_back_pointer(H(target), H(map));
  if (!map_add_transition_traced(iso, map, ROOT_HANDLE(iso, elements_transition_symbol), target)) {
    return HANDLE_NULL;
  }
  return target;
}

/* ---- prototype validity ------------------------------------------------------------- */

bool map_is_cacheable_prototype(Tagged o) {
  if (!is_heap_object(o)) return false;
  Tagged map = heap_object_map(o);
  if (map_has_flag(map, MAP_HAS_NAMED_INTERCEPTOR)) return false;
  switch (map_instance_type(map)) {
    case JS_OBJECT_TYPE:
    case JS_ARRAY_TYPE:
    case JS_FUNCTION_TYPE:
    case JS_ERROR_TYPE:
    case JS_PRIMITIVE_WRAPPER_TYPE:
      return true;
    default:
      return false;
  }
}

bool map_make_prototype(Isolate *iso, Handle obj) {
  Handle map = handle_new(iso, heap_object_map(H(obj)));
  if (map_is_prototype_map(H(map))) return true;
  Handle copy = map_copy_raw(iso, map);
  if (handle_is_null(copy)) return false;
  map_set_flag(H(copy), MAP_IS_PROTOTYPE, true);
  /* Same layout, descriptors and prototype: only the map's identity changes. The old map
   * was not a prototype map, so no cell depends on it. */
  heap_object_set_map(H(obj), H(copy));
  debug_maps_trace(iso, "PrototypeMap", H(map), H(copy), 0);
  return true;
}

/* A valid cell for the chain at prototype, whose parent is the cell above. May allocate. */
static Handle map_new_validity_cell(Isolate *iso, Handle prototype, Handle parent) {
  Handle cell = factory_new_raw(iso, ValidityCell_kHeaderSize, ROOT(iso, validity_cell_map),
                                ALLOCATE_YOUNG);
  if (handle_is_null(cell)) return cell;
  validity_cell_set_value(H(cell), kValidityCellValid);
  field_write_no_barrier(H(cell), ValidityCell_parent_offset, H(parent));
  map_set_prototype_validity_cell(heap_object_map(H(prototype)), H(cell));
  return cell;
}

static Handle map_chain_cell(Isolate *iso, Handle prototype, int depth) {
  if (is_null(iso, H(prototype))) return handle_new(iso, smi_from_int(0));
  if (depth >= kMaxPrototypeChainDepth || !map_is_cacheable_prototype(H(prototype))) {
    return HANDLE_NULL;
  }
  if (!map_make_prototype(iso, prototype)) {
    isolate_clear_pending_exception(iso);
    return HANDLE_NULL;
  }
  Tagged current = map_prototype_validity_cell(heap_object_map(H(prototype)));
  if (validity_cell_chain_valid(current) && !is_smi(current)) return handle_new(iso, current);
  Handle above = handle_new(iso, map_prototype(heap_object_map(H(prototype))));
  Handle parent = map_chain_cell(iso, above, depth + 1);
  if (handle_is_null(parent)) return parent;
  Handle cell = map_new_validity_cell(iso, prototype, parent);
  if (handle_is_null(cell)) isolate_clear_pending_exception(iso);
  return cell;
}

Handle map_prototype_chain_validity_cell(Isolate *iso, Handle prototype) {
  return map_chain_cell(iso, prototype, 0);
}
