/*
 * elements.c: elements kinds, their transitions, and element get/set/delete/grow.
 * See elements.h for the stores and their invariants.
 */
#include "objects/elements.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/map.h"

static const char *const kElementsKindNames[] = {
#define V(kind) #kind,
    ELEMENTS_KIND_LIST(V)
#undef V
};

const char *elements_kind_name(ElementsKind kind) {
  return (unsigned)kind < kElementsKindCount ? kElementsKindNames[kind] : "<bad kind>";
}

/* Fast kinds are 2 * representation + holey, representation SMI 0, DOUBLE 1, OBJECT 2. */
ElementsKind elements_kind_union(ElementsKind a, ElementsKind b) {
  if (a == DICTIONARY_ELEMENTS || b == DICTIONARY_ELEMENTS) return DICTIONARY_ELEMENTS;
  int rep_a = a / 2, rep_b = b / 2;
  int rep = rep_a > rep_b ? rep_a : rep_b;
  return (ElementsKind)(rep * 2 + (elements_kind_is_holey(a) || elements_kind_is_holey(b)));
}

ElementsKind elements_kind_for_value(Tagged value) {
  if (is_smi(value)) return PACKED_SMI_ELEMENTS;
  if (is_heap_number(value)) return PACKED_DOUBLE_ELEMENTS;
  return PACKED_ELEMENTS;
}

/* ---- raw access --------------------------------------------------------------------- */

static bool double_slot_is_hole(Tagged store, int64_t i) {
  uint64_t bits;
  memcpy(&bits, &fixed_double_array_data(store)[i], sizeof bits);
  return bits == FIXED_DOUBLE_HOLE_NAN_BITS;
}

static void double_slot_set_hole(Tagged store, int64_t i) {
  uint64_t hole = FIXED_DOUBLE_HOLE_NAN_BITS;
  memcpy(&fixed_double_array_data(store)[i], &hole, sizeof hole);
}

/* Stores a number, canonicalising NaNs so none can look like the hole. */
static void double_slot_set(Tagged store, int64_t i, Tagged number) {
  double d = is_smi(number) ? (double)smi_value(number) : heap_number_value(number);
  if (isnan(d)) d = NAN;
  fixed_double_array_data(store)[i] = d;
}

uint32_t js_array_length_value(Tagged array) {
  Tagged length = js_array_length(array);
  return is_smi(length) ? (uint32_t)smi_value(length) : (uint32_t)heap_number_value(length);
}

/* A JSArray's length := length. May allocate (a HeapNumber above 2^31-1). */
static bool js_array_store_length(Isolate *iso, Handle array, uint32_t length) {
  Handle value = factory_new_number(iso, (double)length);
  if (handle_is_null(value)) return false;
  js_array_set_length(H(array), H(value));
  return true;
}

/* Slots of a fast store that may hold elements. */
KILN_INLINE uint32_t elements_fast_limit(Tagged obj) {
  uint32_t capacity = (uint32_t)fixed_array_length(js_object_elements(obj));
  if (!is_js_array(obj)) return capacity;
  uint32_t length = js_array_length_value(obj);
  return length < capacity ? length : capacity;
}

/* The dictionary entry or fast slot of own element `index`, or -1 when absent. */
KILN_INLINE int64_t elements_find(Isolate *iso, Tagged obj, uint32_t index) {
  Tagged store = js_object_elements(obj);
  if (js_object_elements_kind(obj) == DICTIONARY_ELEMENTS) {
    return number_dictionary_find(iso, store, index);
  }
  if (index >= elements_fast_limit(obj)) return -1;
  if (is_fixed_double_array(store)) return double_slot_is_hole(store, index) ? -1 : (int64_t)index;
  return fixed_array_get(store, index) != ROOT(iso, the_hole_value) ? (int64_t)index : -1;
}

bool elements_has_own(Isolate *iso, Tagged obj, uint32_t index) {
  return elements_find(iso, obj, index) >= 0;
}

ElementResult elements_get_own(Isolate *iso, Handle obj, uint32_t index, Handle *out) {
  int64_t at = elements_find(iso, H(obj), index);
  if (at < 0) return ELEMENT_ABSENT;
  Tagged store = js_object_elements(H(obj));
  if (js_object_elements_kind(H(obj)) == DICTIONARY_ELEMENTS) {
    *out = handle_new(iso, dictionary_value_at(store, (int)at));
  } else if (is_fixed_double_array(store)) {
    *out = factory_new_number(iso, fixed_double_array_data(store)[at]);
    if (handle_is_null(*out)) return ELEMENT_EXCEPTION;
  } else {
    *out = handle_new(iso, fixed_array_get(store, at));
  }
  return ELEMENT_FOUND;
}

/* ---- kind transitions --------------------------------------------------------------- */

/* A FixedDoubleArray holding the Smis of a FixedArray store. May allocate. */
static Handle elements_smis_to_doubles(Isolate *iso, Handle store) {
  int64_t n = fixed_array_length(H(store));
  if (n == 0) return ROOT_HANDLE(iso, empty_fixed_array);
  Handle result = factory_new_fixed_double_array(iso, n);
  if (handle_is_null(result)) return result;
  Tagged src = H(store), dst = H(result);
  for (int64_t i = 0; i < n; i++) {
    Tagged v = fixed_array_get(src, i);
    if (v != ROOT(iso, the_hole_value)) double_slot_set(dst, i, v);
  }
  return result;
}

/* A FixedArray holding the doubles of a store as Numbers. May allocate (per element). */
static Handle elements_doubles_to_objects(Isolate *iso, Handle store) {
  int64_t n = fixed_array_length(H(store));
  if (n == 0) return ROOT_HANDLE(iso, empty_fixed_array);
  Handle result = factory_new_fixed_array_with_holes(iso, n);
  if (handle_is_null(result)) return result;
  for (int64_t i = 0; i < n; i++) {
    if (double_slot_is_hole(H(store), i)) continue;
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle number = factory_new_number(iso, fixed_double_array_data(H(store))[i]);
    if (!handle_is_null(number)) fixed_array_set(H(result), i, H(number));
    handle_scope_close(&scope);
    if (isolate_has_pending_exception(iso)) return HANDLE_NULL;
  }
  return result;
}

/* Installs a new store and map together: no allocation between the two stores. */
static void elements_install(Handle obj, Handle store, Handle map) {
  js_object_set_elements(H(obj), H(store));
  map_invalidate_prototype_chains(heap_object_map(H(obj))); /* objects/map.h's invariant */
  heap_object_set_map(H(obj), H(map));
}

bool elements_transition(Isolate *iso, Handle obj, ElementsKind to) {
  ElementsKind from = js_object_elements_kind(H(obj));
  if (from == to) return true;
  if (to == DICTIONARY_ELEMENTS) return elements_normalize(iso, obj);
  DCHECK(elements_kind_union(from, to) == to);
  Handle store = handle_new(iso, js_object_elements(H(obj)));
  if (elements_kind_is_double(to) && !elements_kind_is_double(from)) {
    store = elements_smis_to_doubles(iso, store);
  } else if (!elements_kind_is_double(to) && elements_kind_is_double(from)) {
    store = elements_doubles_to_objects(iso, store);
  }
  if (handle_is_null(store)) return false;
  Handle map = map_transition_elements_kind(iso, handle_new(iso, heap_object_map(H(obj))), to);
  if (handle_is_null(map)) return false;
  elements_install(obj, store, map);
  return true;
}

bool elements_normalize(Isolate *iso, Handle obj) {
  if (js_object_elements_kind(H(obj)) == DICTIONARY_ELEMENTS) return true;
  uint32_t limit = elements_fast_limit(H(obj)), count = 0;
  for (uint32_t i = 0; i < limit; i++) count += elements_has_own(iso, H(obj), i);
  Handle dict = number_dictionary_new(iso, (int)count + 1);
  if (handle_is_null(dict)) return false;
  for (uint32_t i = 0; i < limit; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value;
    ElementResult r = elements_get_own(iso, obj, i, &value);
    if (r == ELEMENT_FOUND) {
      Handle d = number_dictionary_put(iso, dict, i, value, 0);
      if (!handle_is_null(d)) *dict.loc = H(d); /* keep the (maybe new) table in the outer slot */
      else r = ELEMENT_EXCEPTION;
    }
    handle_scope_close(&scope);
    if (r == ELEMENT_EXCEPTION) return false;
  }
  Handle map = map_transition_elements_kind(iso, handle_new(iso, heap_object_map(H(obj))),
                                            DICTIONARY_ELEMENTS);
  if (handle_is_null(map)) return false;
  elements_install(obj, dict, map);
  return true;
}

/* ---- set ---------------------------------------------------------------------------- */

/* Grows obj's fast store to capacity (new slots are holes). May allocate. */
static bool elements_grow(Isolate *iso, Handle obj, int64_t capacity) {
  Handle old = handle_new(iso, js_object_elements(H(obj)));
  Handle store;
  if (elements_kind_is_double(js_object_elements_kind(H(obj)))) {
    store = is_fixed_double_array(H(old)) ? factory_copy_fixed_double_array(iso, old, capacity)
                                          : factory_new_fixed_double_array(iso, capacity);
  } else {
    store = factory_copy_fixed_array(iso, old, capacity, ROOT(iso, the_hole_value));
  }
  if (handle_is_null(store)) return false;
  js_object_set_elements(H(obj), H(store));
  return true;
}

static bool elements_is_extensible(Tagged obj) {
  return map_has_flag(heap_object_map(obj), MAP_IS_EXTENSIBLE);
}

/* A JSArray whose "length" is non-writable can get no element at or past its length. */
static bool elements_length_blocks(Tagged obj, uint32_t index) {
  return is_js_array(obj) && map_has_flag(heap_object_map(obj), MAP_HAS_READ_ONLY_LENGTH) &&
         index >= js_array_length_value(obj);
}

/* Grows a JSArray's length to cover index. May allocate. */
static bool elements_cover_index(Isolate *iso, Handle obj, uint32_t index) {
  if (!is_js_array(H(obj)) || index < js_array_length_value(H(obj))) return true;
  return js_array_store_length(iso, obj, index + 1);
}

static bool elements_set_dictionary(Isolate *iso, Handle obj, uint32_t index, Handle value) {
  Handle dict = handle_new(iso, js_object_elements(H(obj)));
  int entry = number_dictionary_find(iso, H(dict), index);
  if (entry < 0 && !elements_is_extensible(H(obj))) return false;
  PropertyDetails details = entry < 0 ? 0 : dictionary_details_at(H(dict), entry);
  if (property_details_attributes(details) & READ_ONLY) return false;
  Handle d = number_dictionary_put(iso, dict, index, value, details);
  if (handle_is_null(d)) return false;
  js_object_set_elements(H(obj), H(d));
  return elements_cover_index(iso, obj, index);
}

/* The kind obj needs to hold value at index. */
static ElementsKind elements_kind_after_store(Tagged obj, uint32_t index, Tagged value) {
  ElementsKind kind = js_object_elements_kind(obj);
  ElementsKind needed = elements_kind_union(kind, elements_kind_for_value(value));
  bool opens_hole = is_js_array(obj) ? index > js_array_length_value(obj) : true;
  return opens_hole ? elements_kind_to_holey(needed) : needed;
}

/* Whether a fast store of kind `kind` can hold value without a transition. */
KILN_INLINE bool elements_kind_holds(ElementsKind kind, Tagged value) {
  if (elements_kind_is_smi(kind)) return is_smi(value);
  if (elements_kind_is_double(kind)) return is_number(value);
  return true;
}

/* The common stores, which need no transition, growth or new map: overwriting an existing
 * element of a fast store, or appending to a JSArray at its length within its capacity
 * (the array stays packed; slots past the length are holes already), with a value the
 * kind holds. false when this is not that case (nothing done). Does not allocate. */
static bool elements_store_fast(Isolate *iso, Tagged obj, uint32_t index, Tagged value) {
  ElementsKind kind = js_object_elements_kind(obj);
  if (!elements_kind_is_fast(kind) || !elements_kind_holds(kind, value)) return false;
  Tagged store = js_object_elements(obj);
  if (index >= elements_fast_limit(obj)) {
    Tagged map = heap_object_map(obj);
    if (!is_js_array(obj) || index != js_array_length_value(obj) ||
        index >= (uint64_t)fixed_array_length(store) || !map_has_flag(map, MAP_IS_EXTENSIBLE) ||
        map_has_flag(map, MAP_HAS_READ_ONLY_LENGTH) || index >= (uint32_t)KILN_SMI_MAX) {
      return false;
    }
    js_array_set_length(obj, smi_from_int((int32_t)index + 1));
  } else if (elements_kind_is_double(kind) ? double_slot_is_hole(store, index)
                                           : fixed_array_get(store, index) ==
                                                 ROOT(iso, the_hole_value)) {
    return false; /* filling a hole may need the extensibility check */
  }
  if (elements_kind_is_double(kind)) {
    double_slot_set(store, index, value);
  } else {
    fixed_array_set(store, index, value);
  }
  return true;
}

/* ES2025 10.1.9.2 OrdinarySetWithOwnDescriptor, for an own data element. */
bool elements_set(Isolate *iso, Handle obj, uint32_t index, Handle value) {
  DCHECK(index <= kMaxArrayIndex);
  if (elements_store_fast(iso, H(obj), index, H(value))) return true;
  if (elements_length_blocks(H(obj), index)) return false;
  if (js_object_elements_kind(H(obj)) == DICTIONARY_ELEMENTS) {
    return elements_set_dictionary(iso, obj, index, value);
  }
  if (!elements_is_extensible(H(obj)) && !elements_has_own(iso, H(obj), index)) return false;
  int64_t capacity = fixed_array_length(js_object_elements(H(obj)));
  if (index >= capacity) {
    int64_t grown = (int64_t)index + 1 + ((int64_t)index + 1) / 2 + 16;
    if (index - capacity > kMaxElementsGap || grown > kMaxFixedArrayLength) {
      if (!elements_normalize(iso, obj)) return false;
      return elements_set_dictionary(iso, obj, index, value);
    }
  }
  ElementsKind kind = elements_kind_after_store(H(obj), index, H(value));
  if (!elements_transition(iso, obj, kind)) return false;
  if (index >= capacity &&
      !elements_grow(iso, obj, (int64_t)index + 1 + ((int64_t)index + 1) / 2 + 16)) {
    return false;
  }
  if (!elements_cover_index(iso, obj, index)) return false;
  Tagged store = js_object_elements(H(obj));
  if (is_fixed_double_array(store)) {
    double_slot_set(store, index, H(value));
  } else {
    fixed_array_set(store, index, H(value));
  }
  return true;
}

/* Attributes other than NONE need dictionary elements, whose details carry them. */
bool elements_define(Isolate *iso, Handle obj, uint32_t index, Handle value, int attributes) {
  if (elements_length_blocks(H(obj), index)) return false;
  if (attributes == PROPERTY_ATTRIBUTES_NONE &&
      js_object_elements_kind(H(obj)) != DICTIONARY_ELEMENTS) {
    return elements_set(iso, obj, index, value);
  }
  if (!elements_normalize(iso, obj)) return false;
  Handle dict = handle_new(iso, js_object_elements(H(obj)));
  int entry = number_dictionary_find(iso, H(dict), index);
  if (entry < 0 && !elements_is_extensible(H(obj))) return false;
  if (entry >= 0) {
    PropertyDetails old = dictionary_details_at(H(dict), entry);
    uint32_t old_attributes = property_details_attributes(old);
    bool same_value = dictionary_value_at(H(dict), entry) == H(value);
    if ((old_attributes & DONT_DELETE) &&
        (old_attributes != (uint32_t)attributes || ((old_attributes & READ_ONLY) && !same_value))) {
      return false;
    }
  }
  PropertyDetails details = property_details_make(PROPERTY_DATA, PROPERTY_FIELD, attributes, 0);
  Handle d = number_dictionary_put(iso, dict, index, value, details);
  if (handle_is_null(d)) return false;
  js_object_set_elements(H(obj), H(d));
  return elements_cover_index(iso, obj, index);
}

/* ---- delete and length -------------------------------------------------------------- */

/* Writes a hole at index of a fast store (the kind must be holey). */
static void elements_write_hole(Isolate *iso, Tagged store, uint32_t index) {
  if (is_fixed_double_array(store)) {
    double_slot_set_hole(store, index);
  } else {
    fixed_array_set(store, index, ROOT(iso, the_hole_value));
  }
}

bool elements_delete(Isolate *iso, Handle obj, uint32_t index) {
  if (!elements_has_own(iso, H(obj), index)) return true;
  ElementsKind kind = js_object_elements_kind(H(obj));
  if (kind == DICTIONARY_ELEMENTS) {
    Handle dict = handle_new(iso, js_object_elements(H(obj)));
    int entry = number_dictionary_find(iso, H(dict), index);
    if (property_details_attributes(dictionary_details_at(H(dict), entry)) & DONT_DELETE) {
      return false;
    }
    dictionary_remove(iso, H(dict), entry);
    Handle shrunk = dictionary_shrink(iso, dict);
    if (handle_is_null(shrunk)) return false;
    js_object_set_elements(H(obj), H(shrunk));
    return true;
  }
  if (!elements_transition(iso, obj, elements_kind_to_holey(kind))) return false;
  elements_write_hole(iso, js_object_elements(H(obj)), index);
  return true;
}

static bool elements_truncate_dictionary(Isolate *iso, Handle array, uint32_t new_length) {
  Handle dict = handle_new(iso, js_object_elements(H(array)));
  for (int i = 0, n = dictionary_capacity(H(dict)); i < n; i++) {
    if (!dictionary_is_live_entry(iso, H(dict), i)) continue;
    if (number_dictionary_key_value(dictionary_key_at(H(dict), i)) >= new_length) {
      dictionary_remove(iso, H(dict), i);
    }
  }
  Handle shrunk = dictionary_shrink(iso, dict);
  if (handle_is_null(shrunk)) return false;
  js_object_set_elements(H(array), H(shrunk));
  return true;
}

/* Shrinks a fast store: copies it when less than half would stay in use, else writes holes
 * over the cut tail so the slots past the length keep holding holes. May allocate. */
static bool elements_truncate_fast(Isolate *iso, Handle array, uint32_t new_length) {
  int64_t capacity = fixed_array_length(js_object_elements(H(array)));
  if (new_length >= capacity) return true;
  if (new_length == 0) {
    js_object_set_elements(H(array), ROOT(iso, empty_fixed_array));
    return true;
  }
  if ((int64_t)new_length * 2 < capacity) {
    Handle old = handle_new(iso, js_object_elements(H(array)));
    Handle store = is_fixed_double_array(H(old))
                       ? factory_copy_fixed_double_array(iso, old, new_length)
                       : factory_copy_fixed_array(iso, old, new_length, ROOT(iso, the_hole_value));
    if (handle_is_null(store)) return false;
    js_object_set_elements(H(array), H(store));
    return true;
  }
  Tagged store = js_object_elements(H(array));
  for (int64_t i = new_length; i < capacity; i++) elements_write_hole(iso, store, (uint32_t)i);
  return true;
}

/* ES2025 10.4.2.4 ArraySetLength, steps 5 on (new_length already validated; elements are
 * always configurable here, so deletion never stops early). */
bool elements_set_array_length(Isolate *iso, Handle array, uint32_t new_length) {
  uint32_t old_length = js_array_length_value(H(array));
  ElementsKind kind = js_object_elements_kind(H(array));
  if (new_length < old_length) {
    bool ok = kind == DICTIONARY_ELEMENTS ? elements_truncate_dictionary(iso, array, new_length)
                                          : elements_truncate_fast(iso, array, new_length);
    if (!ok) return false;
  } else if (new_length > old_length && kind != DICTIONARY_ELEMENTS) {
    /* The new slots are holes. */
    if (!elements_transition(iso, array, elements_kind_to_holey(kind))) return false;
  }
  return js_array_store_length(iso, array, new_length);
}

static int elements_compare_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

uint32_t *elements_collect_indexes(Isolate *iso, Tagged obj, uint32_t *count) {
  Tagged store = js_object_elements(obj);
  bool dict = js_object_elements_kind(obj) == DICTIONARY_ELEMENTS;
  uint32_t n = dict ? (uint32_t)dictionary_count(store) : elements_fast_limit(obj), k = 0;
  uint32_t *out = malloc(sizeof(uint32_t) * ((size_t)n + 1));
  if (out == NULL) FATAL("out of C memory");
  if (dict) {
    for (int i = 0, cap = dictionary_capacity(store); i < cap; i++) {
      if (dictionary_is_live_entry(iso, store, i)) {
        out[k++] = number_dictionary_key_value(dictionary_key_at(store, i));
      }
    }
    qsort(out, k, sizeof(uint32_t), elements_compare_u32);
  } else {
    for (uint32_t i = 0; i < n; i++) {
      if (elements_has_own(iso, obj, i)) out[k++] = i;
    }
  }
  *count = k;
  return out;
}
