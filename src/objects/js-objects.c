/*
 * js-objects.c: JSObject and JSArray creation, lookup and property operations.
 * See js-objects.h for the representation and the rules for dictionary mode.
 */
#include "objects/js-objects.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "execution/contexts.h"
#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/map.h"
#include "objects/string.h"

enum { kInitialObjectInObjectSlots = 4, kErrorInObjectSlots = 4, kErrorKindField = 0 };

/* ---- fields ------------------------------------------------------------------------- */

/* Reads field `field` of a fast-mode object with map `map`. Does not allocate. */
static Tagged js_object_field(Tagged obj, Tagged map, int field) {
  int inobject = map_inobject_properties(map);
  if (field < inobject) return field_read(obj, map_inobject_start(map) + (size_t)field * kTaggedSize);
  return fixed_array_get(js_object_properties(obj), field - inobject);
}

static void js_object_set_field(Tagged obj, Tagged map, int field, Tagged value) {
  int inobject = map_inobject_properties(map);
  if (field < inobject) {
    field_write(obj, map_inobject_start(map) + (size_t)field * kTaggedSize, value);
  } else {
    fixed_array_set(js_object_properties(obj), field - inobject, value);
  }
}

static bool name_is_array_index(Tagged name, uint32_t *index) {
  return is_string(name) && string_to_array_index(name, index);
}

static void js_object_check_name(Tagged name) {
  DCHECK(is_symbol(name) || heap_object_type(name) == INTERNALIZED_ONE_BYTE_STRING_TYPE ||
         heap_object_type(name) == INTERNALIZED_TWO_BYTE_STRING_TYPE);
  KILN_UNUSED(name);
}

/* ---- creation ----------------------------------------------------------------------- */

Handle js_object_new(Isolate *iso) {
  return factory_new_js_object_from_map(iso, ROOT_HANDLE(iso, initial_object_map));
}

Handle js_object_new_with_map(Isolate *iso, Handle map) {
  return factory_new_js_object_from_map(iso, map);
}

Handle js_array_new(Isolate *iso, ElementsKind kind, uint32_t length, uint32_t capacity) {
  if (length > 0) kind = elements_kind_to_holey(kind);
  ElementsKind fast_kind = kind == DICTIONARY_ELEMENTS ? HOLEY_ELEMENTS : kind;
  Handle map = map_transition_elements_kind(iso, ROOT_HANDLE(iso, initial_array_map), fast_kind);
  if (handle_is_null(map)) return map;
  Handle store = ROOT_HANDLE(iso, empty_fixed_array);
  if (capacity > 0 && kind != DICTIONARY_ELEMENTS) {
    store = elements_kind_is_double(kind) ? factory_new_fixed_double_array(iso, capacity)
                                          : factory_new_fixed_array_with_holes(iso, capacity);
    if (handle_is_null(store)) return store;
  }
  Handle len = factory_new_number(iso, (double)length);
  if (handle_is_null(len)) return len;
  Handle array = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(array)) return array;
  js_object_set_elements(H(array), H(store));
  js_array_set_length(H(array), H(len));
  if (kind == DICTIONARY_ELEMENTS && !elements_normalize(iso, array)) return HANDLE_NULL;
  return array;
}

Handle js_error_new(Isolate *iso, ErrorKind kind, Handle message) {
  /* In a realm, the realm's map for kind (its prototype %NativeError.prototype%). */
  Handle map = ROOT_HANDLE(iso, error_map);
  Tagged maps = iso->native_context ? context_get(iso->native_context, NATIVE_CONTEXT_error_maps)
                                    : 0;
  if (maps != 0 && is_fixed_array(maps)) map = handle_new(iso, fixed_array_get(maps, kind));
  Handle error = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(error)) return error;
  js_object_set_field(H(error), heap_object_map(H(error)), kErrorKindField,
                      smi_from_int((int32_t)kind));
  if (!js_object_define_own_property(iso, error, ROOT_HANDLE(iso, message_string), message,
                                     DONT_ENUM)) {
    return HANDLE_NULL;
  }
  return error;
}

ErrorKind js_error_kind(Tagged error) {
  DCHECK(heap_object_type(error) == JS_ERROR_TYPE);
  Tagged map = heap_object_map(error);
  return (ErrorKind)smi_value(field_read(error, map_inobject_start(map)));
}

/* ---- lookup ------------------------------------------------------------------------- */

static bool lookup_in_descriptors(Isolate *iso, Tagged obj, Tagged name, LookupResult *out) {
  Tagged map = heap_object_map(obj);
  int d = descriptor_array_search(map_instance_descriptors(map), map_own_descriptors(map), name);
  if (d < 0) return false;
  PropertyDetails details = descriptor_array_details(map_instance_descriptors(map), d);
  out->details = details;
  out->descriptor = d;
  if (property_details_location(details) == PROPERTY_DESCRIPTOR) {
    out->state = LOOKUP_DESCRIPTOR;
    return true;
  }
  int field = (int)property_details_index(details), inobject = map_inobject_properties(map);
  if (field < inobject) {
    out->state = LOOKUP_IN_OBJECT;
    out->offset = (int)(map_inobject_start(map) + (size_t)field * kTaggedSize);
  } else {
    out->state = LOOKUP_BACKING_STORE;
    out->index = field - inobject;
  }
  KILN_UNUSED(iso);
  return true;
}

static bool lookup_own_raw(Isolate *iso, Tagged obj, Tagged name, LookupResult *out) {
  uint32_t index;
  if (name_is_array_index(name, &index)) {
    if (!elements_has_own(iso, obj, index)) return false;
    out->state = LOOKUP_ELEMENT;
    out->element = index;
    out->details = 0;
    return true;
  }
  if (is_js_array(obj) && name == ROOT(iso, length_string)) {
    int attributes = DONT_ENUM | DONT_DELETE;
    if (map_has_flag(heap_object_map(obj), MAP_HAS_READ_ONLY_LENGTH)) attributes |= READ_ONLY;
    out->state = LOOKUP_ARRAY_LENGTH;
    out->details = property_details_make(PROPERTY_DATA, PROPERTY_FIELD, attributes, 0);
    return true;
  }
  if (!map_is_dictionary(heap_object_map(obj))) return lookup_in_descriptors(iso, obj, name, out);
  Tagged dict = js_object_properties(obj);
  int entry = name_dictionary_find(iso, dict, name);
  if (entry < 0) return false;
  out->state = LOOKUP_DICTIONARY;
  out->index = entry;
  out->details = dictionary_details_at(dict, entry);
  return true;
}

bool property_lookup_own(Isolate *iso, Handle obj, Handle name, LookupResult *out) {
  js_object_check_name(H(name));
  *out = (LookupResult){.state = LOOKUP_NOT_FOUND};
  if (!lookup_own_raw(iso, H(obj), H(name), out)) {
    out->state = LOOKUP_NOT_FOUND;
    return false;
  }
  out->holder = obj;
  out->holder_map = handle_new(iso, heap_object_map(H(obj)));
  return true;
}

bool property_lookup(Isolate *iso, Handle obj, Handle name, LookupResult *out) {
  js_object_check_name(H(name));
  *out = (LookupResult){.state = LOOKUP_NOT_FOUND};
  for (Tagged o = H(obj); is_js_receiver(o); o = js_object_get_prototype(o)) {
    if (lookup_own_raw(iso, o, H(name), out)) {
      out->holder = handle_new(iso, o);
      out->holder_map = handle_new(iso, heap_object_map(o));
      return true;
    }
  }
  out->state = LOOKUP_NOT_FOUND;
  return false;
}

Handle lookup_result_value(Isolate *iso, const LookupResult *lookup) {
  Tagged holder = lookup->holder.loc ? H(lookup->holder) : 0;
  switch (lookup->state) {
    case LOOKUP_NOT_FOUND:
      return ROOT_HANDLE(iso, undefined_value);
    case LOOKUP_IN_OBJECT:
      return handle_new(iso, field_read(holder, (size_t)lookup->offset));
    case LOOKUP_BACKING_STORE:
      return handle_new(iso, fixed_array_get(js_object_properties(holder), lookup->index));
    case LOOKUP_DESCRIPTOR:
      return handle_new(iso, descriptor_array_value(
                                 map_instance_descriptors(H(lookup->holder_map)),
                                 lookup->descriptor));
    case LOOKUP_DICTIONARY:
      return handle_new(iso, dictionary_value_at(js_object_properties(holder), lookup->index));
    case LOOKUP_ARRAY_LENGTH:
      return factory_new_number(iso, (double)js_array_length_value(holder));
    case LOOKUP_ELEMENT: {
      Handle value;
      ElementResult r = elements_get_own(iso, lookup->holder, lookup->element, &value);
      if (r == ELEMENT_EXCEPTION) return HANDLE_NULL;
      return r == ELEMENT_FOUND ? value : ROOT_HANDLE(iso, undefined_value);
    }
  }
  UNREACHABLE();
}

Handle js_object_get_property(Isolate *iso, Handle obj, Handle name) {
  LookupResult lookup;
  property_lookup(iso, obj, name, &lookup);
  return lookup_result_value(iso, &lookup);
}

/* ---- adding properties -------------------------------------------------------------- */

/* Adds name to a dictionary-mode object. May allocate. */
static bool js_object_dictionary_add(Isolate *iso, Handle obj, Handle name, Handle value,
                                     PropertyDetails details) {
  map_invalidate_prototype_chains(heap_object_map(H(obj)));
  Handle dict = handle_new(iso, js_object_properties(H(obj)));
  if (H(dict) == ROOT(iso, empty_property_dictionary)) { /* shared: never written */
    dict = name_dictionary_new(iso, 2);
    if (handle_is_null(dict)) return false;
  }
  Handle d = name_dictionary_add(iso, dict, name, value, details);
  if (handle_is_null(d)) return false;
  js_object_set_properties(H(obj), H(d));
  return true;
}

/* Makes room in obj's PropertyArray for field `field` of a map with `inobject` in-object
 * slots. May allocate. */
static bool js_object_ensure_backing_store(Isolate *iso, Handle obj, int field, int inobject) {
  int64_t needed = field - inobject + 1;
  Handle old = handle_new(iso, js_object_properties(H(obj)));
  int64_t length = fixed_array_length(H(old));
  if (needed <= length) return true;
  int64_t grown = length + (length / 2 > kPropertyArraySlack ? length / 2 : kPropertyArraySlack);
  if (grown < needed) grown = needed;
  Handle store = factory_new_fixed_array_with_map(iso, ROOT_property_array_map, grown,
                                                  ROOT(iso, undefined_value));
  if (handle_is_null(store)) return false;
  for (int64_t i = 0; i < length; i++) fixed_array_set(H(store), i, fixed_array_get(H(old), i));
  js_object_set_properties(H(obj), H(store));
  return true;
}

/* Adds an own property (not present) of the given kind. May allocate. */
static bool js_object_add_property(Isolate *iso, Handle obj, Handle name, Handle value,
                                   PropertyKind kind, int attributes) {
  if (!js_object_is_extensible(H(obj))) return false;
  PropertyDetails details = property_details_make(kind, PROPERTY_FIELD, attributes, 0);
  if (map_is_dictionary(heap_object_map(H(obj)))) {
    return js_object_dictionary_add(iso, obj, name, value, details);
  }
  Handle map = handle_new(iso, heap_object_map(H(obj)));
  Handle target = map_transition_add_property(iso, map, name, kind, attributes, value);
  if (handle_is_null(target)) {
    if (isolate_has_pending_exception(iso) || !js_object_normalize_properties(iso, obj)) {
      return false;
    }
    return js_object_dictionary_add(iso, obj, name, value, details);
  }
  Tagged t = H(target);
  PropertyDetails added = descriptor_array_details(map_instance_descriptors(t),
                                                   map_own_descriptors(t) - 1);
  if (kind == PROPERTY_DATA) {
    int field = (int)property_details_index(added);
    int inobject = map_inobject_properties(t);
    if (field >= inobject && !js_object_ensure_backing_store(iso, obj, field, inobject)) {
      return false;
    }
    /* No allocation from here: the value and the map change together. */
    js_object_set_field(H(obj), H(target), field, H(value));
  }
  map_invalidate_prototype_chains(heap_object_map(H(obj)));
  heap_object_set_map(H(obj), H(target));
  return true;
}

/* Adds a hidden property (a private-symbol key: never reflected, never seen by proxy traps),
 * even when obj is not extensible: a non-extensible object first moves to dictionary mode,
 * whose add path does not consult the map's extensible flag. */
bool js_object_add_hidden_property(Isolate *iso, Handle obj, Handle key, Handle value) {
  DCHECK(is_symbol(H(key)) && symbol_has_flag(H(key), SYMBOL_IS_PRIVATE));
  int attributes = READ_ONLY | DONT_ENUM | DONT_DELETE;
  if (js_object_is_extensible(H(obj))) {
    return js_object_add_property(iso, obj, key, value, PROPERTY_DATA, attributes);
  }
  if (!js_object_normalize_properties(iso, obj)) return false;
  return js_object_dictionary_add(iso, obj, key, value,
                                  property_details_make(PROPERTY_DATA, PROPERTY_FIELD,
                                                        attributes, 0));
}

/* ---- dictionary mode ---------------------------------------------------------------- */

bool js_object_normalize_properties(Isolate *iso, Handle obj) {
  if (map_is_dictionary(heap_object_map(H(obj)))) return true;
  Handle map = handle_new(iso, heap_object_map(H(obj)));
  int nof = map_own_descriptors(H(map));
  Handle dict = name_dictionary_new(iso, nof + 1);
  if (handle_is_null(dict)) return false;
  for (int i = 0; i < nof; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Tagged da = map_instance_descriptors(H(map));
    PropertyDetails details = descriptor_array_details(da, i);
    Tagged raw = property_details_location(details) == PROPERTY_FIELD
                     ? js_object_field(H(obj), H(map), (int)property_details_index(details))
                     : descriptor_array_value(da, i);
    Handle value = handle_new(iso, raw);
    Handle key = handle_new(iso, descriptor_array_key(da, i));
    Handle d = name_dictionary_add(iso, dict, key, value, details);
    if (!handle_is_null(d)) *dict.loc = H(d); /* the table may have grown: keep it */
    handle_scope_close(&scope);
    if (handle_is_null(d)) return false;
  }
  Handle dict_map = map_copy_for_dictionary(iso, map);
  if (handle_is_null(dict_map)) return false;
  /* In-object slots keep their old values (still valid) until the object dies; the error
   * kind of an error object stays in slot 0. */
  map_invalidate_prototype_chains(heap_object_map(H(obj)));
  js_object_set_properties(H(obj), H(dict));
  heap_object_set_map(H(obj), H(dict_map));
  return true;
}

/* Replaces the value and details of an own property (kept at its enumeration index) by
 * moving obj to dictionary mode. May allocate. */
static bool js_object_reconfigure(Isolate *iso, Handle obj, Handle name, Handle value,
                                  PropertyKind kind, int attributes) {
  map_invalidate_prototype_chains(heap_object_map(H(obj)));
  if (!js_object_normalize_properties(iso, obj)) return false;
  Tagged dict = js_object_properties(H(obj));
  int entry = name_dictionary_find(iso, dict, H(name));
  DCHECK(entry >= 0);
  PropertyDetails old = dictionary_details_at(dict, entry);
  PropertyDetails details = property_details_make(kind, PROPERTY_FIELD, attributes,
                                                  property_details_index(old));
  dictionary_set_value_at(dict, entry, H(value));
  dictionary_set_details_at(dict, entry, details);
  return true;
}

/* Writes a data property found by an own lookup. May allocate (elements, length). */
static bool js_object_write_found(Isolate *iso, Handle obj, const LookupResult *lookup,
                                  Handle value) {
  switch (lookup->state) {
    case LOOKUP_IN_OBJECT:
      field_write(H(obj), (size_t)lookup->offset, H(value));
      return true;
    case LOOKUP_BACKING_STORE:
      fixed_array_set(js_object_properties(H(obj)), lookup->index, H(value));
      return true;
    case LOOKUP_DICTIONARY:
      dictionary_set_value_at(js_object_properties(H(obj)), lookup->index, H(value));
      return true;
    case LOOKUP_ELEMENT:
      return elements_set(iso, obj, lookup->element, value);
    case LOOKUP_ARRAY_LENGTH:
      if (!is_number(H(value))) {
        isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid array length");
        return false;
      }
      return js_array_set_length_value(iso, obj, is_smi(H(value)) ? smi_value(H(value))
                                                                   : heap_number_value(H(value)));
    default:
      return false;
  }
}

/* ---- named property operations ------------------------------------------------------ */

bool js_object_set_property(Isolate *iso, Handle obj, Handle name, Handle value) {
  uint32_t index;
  if (name_is_array_index(H(name), &index)) return js_object_set_element(iso, obj, index, value);
  LookupResult lookup;
  if (property_lookup(iso, obj, name, &lookup)) {
    if (property_details_kind(lookup.details) == PROPERTY_ACCESSOR) return false;
    if (property_details_attributes(lookup.details) & READ_ONLY) return false;
    if (H(lookup.holder) == H(obj)) return js_object_write_found(iso, obj, &lookup, value);
  }
  return js_object_add_property(iso, obj, name, value, PROPERTY_DATA, 0);
}

/* Whether redefining a DONT_DELETE property as (kind, attributes, value) is allowed
 * (ES2025 10.1.6.3 step 4 on, for complete descriptors). */
static bool js_object_may_redefine(Isolate *iso, const LookupResult *lookup, PropertyKind kind,
                                   int attributes, Handle value) {
  uint32_t old_attributes = property_details_attributes(lookup->details);
  if (!(old_attributes & DONT_DELETE)) return true;
  if ((uint32_t)attributes != old_attributes) return false;
  if (property_details_kind(lookup->details) != (uint32_t)kind) return false;
  if (kind == PROPERTY_ACCESSOR || (old_attributes & READ_ONLY)) {
    Handle current = lookup_result_value(iso, lookup);
    return !handle_is_null(current) && H(current) == H(value);
  }
  return true;
}

static bool js_object_define(Isolate *iso, Handle obj, Handle name, Handle value,
                             PropertyKind kind, int attributes) {
  js_object_check_name(H(name));
  LookupResult lookup;
  if (!property_lookup_own(iso, obj, name, &lookup)) {
    return js_object_add_property(iso, obj, name, value, kind, attributes);
  }
  if (lookup.state == LOOKUP_ELEMENT || lookup.state == LOOKUP_ARRAY_LENGTH) {
    if (kind != PROPERTY_DATA) return false; /* accessor elements: not supported yet */
    return js_object_write_found(iso, obj, &lookup, value);
  }
  if (!js_object_may_redefine(iso, &lookup, kind, attributes, value)) return false;
  if (property_details_kind(lookup.details) == (uint32_t)kind && kind == PROPERTY_DATA &&
      property_details_attributes(lookup.details) == (uint32_t)attributes) {
    return js_object_write_found(iso, obj, &lookup, value);
  }
  return js_object_reconfigure(iso, obj, name, value, kind, attributes);
}

bool js_object_define_own_property(Isolate *iso, Handle obj, Handle name, Handle value,
                                   int attributes) {
  uint32_t index;
  if (name_is_array_index(H(name), &index)) {
    return elements_define(iso, obj, index, value, attributes);
  }
  return js_object_define(iso, obj, name, value, PROPERTY_DATA, attributes);
}

bool js_object_define_accessor(Isolate *iso, Handle obj, Handle name, Handle pair,
                               int attributes) {
  DCHECK(is_accessor_pair(H(pair)));
  return js_object_define(iso, obj, name, pair, PROPERTY_ACCESSOR, attributes & ~READ_ONLY);
}

/* Deletes the last-added property of a fast object by going back to the map it came from.
 * false when that is not possible. Does not allocate. */
static bool js_object_delete_last(Isolate *iso, Handle obj, const LookupResult *lookup) {
  Tagged map = heap_object_map(H(obj));
  Tagged back = map_back_pointer(map);
  if (!is_map(back) || lookup->descriptor != map_own_descriptors(map) - 1 ||
      map_own_descriptors(back) != map_own_descriptors(map) - 1 ||
      map_elements_kind(back) != map_elements_kind(map)) {
    return false;
  }
  /* The slot no longer belongs to a property: clear it so it keeps nothing alive. */
  if (lookup->state == LOOKUP_IN_OBJECT || lookup->state == LOOKUP_BACKING_STORE) {
    js_object_write_found(iso, obj, lookup, ROOT_HANDLE(iso, undefined_value));
  }
  map_invalidate_prototype_chains(map);
  heap_object_set_map(H(obj), back);
  return true;
}

bool js_object_delete_property(Isolate *iso, Handle obj, Handle name) {
  uint32_t index;
  if (name_is_array_index(H(name), &index)) return elements_delete(iso, obj, index);
  LookupResult lookup;
  if (!property_lookup_own(iso, obj, name, &lookup)) return true;
  if (lookup.state == LOOKUP_ARRAY_LENGTH) return false;
  if (property_details_attributes(lookup.details) & DONT_DELETE) return false;
  if (lookup.state != LOOKUP_DICTIONARY) {
    if (js_object_delete_last(iso, obj, &lookup)) return true;
    if (!js_object_normalize_properties(iso, obj)) return false;
  }
  map_invalidate_prototype_chains(heap_object_map(H(obj)));
  Handle dict = handle_new(iso, js_object_properties(H(obj)));
  dictionary_remove(iso, H(dict), name_dictionary_find(iso, H(dict), H(name)));
  Handle shrunk = dictionary_shrink(iso, dict);
  if (handle_is_null(shrunk)) return false;
  js_object_set_properties(H(obj), H(shrunk));
  return true;
}

/* ---- own keys ----------------------------------------------------------------------- */

/* Appends obj's own named keys to out[*n], strings (want_symbols false) or symbols, in
 * insertion order. Does not allocate. */
static void js_object_append_names(Isolate *iso, Tagged obj, Tagged out, int *n,
                                   bool want_symbols) {
  Tagged map = heap_object_map(obj);
  if (!map_is_dictionary(map)) {
    Tagged da = map_instance_descriptors(map);
    for (int i = 0; i < map_own_descriptors(map); i++) {
      Tagged key = descriptor_array_key(da, i);
      if (is_symbol(key) == want_symbols) fixed_array_set(out, (*n)++, key);
    }
    return;
  }
  Tagged dict = js_object_properties(obj);
  int count;
  int *entries = dictionary_entries_in_order(iso, dict, &count);
  for (int i = 0; i < count; i++) {
    Tagged key = dictionary_key_at(dict, entries[i]);
    if (is_symbol(key) == want_symbols) fixed_array_set(out, (*n)++, key);
  }
  free(entries);
}

static int js_object_count_names(Tagged obj) {
  Tagged map = heap_object_map(obj);
  if (map_is_dictionary(map)) return dictionary_count(js_object_properties(obj));
  return map_own_descriptors(map);
}

Handle js_object_own_property_keys(Isolate *iso, Handle obj) {
  uint32_t n_indexes;
  uint32_t *indexes = elements_collect_indexes(iso, H(obj), &n_indexes);
  int with_length = is_js_array(H(obj)) ? 1 : 0;
  int64_t total = (int64_t)n_indexes + with_length + js_object_count_names(H(obj));
  Handle keys = factory_new_fixed_array(iso, total);
  if (handle_is_null(keys)) {
    free(indexes);
    return keys;
  }
  int n = (int)n_indexes;
  if (with_length) fixed_array_set(H(keys), n++, ROOT(iso, length_string));
  js_object_append_names(iso, H(obj), H(keys), &n, false);
  js_object_append_names(iso, H(obj), H(keys), &n, true);
  for (uint32_t i = 0; i < n_indexes; i++) {
    char text[16];
    int len = snprintf(text, sizeof text, "%u", indexes[i]);
    Handle key = string_internalize_utf8(iso, text, (size_t)len);
    if (handle_is_null(key)) {
      free(indexes);
      return key;
    }
    fixed_array_set(H(keys), i, H(key));
  }
  free(indexes);
  return keys;
}

/* ---- elements ----------------------------------------------------------------------- */

Handle js_object_get_element(Isolate *iso, Handle obj, uint32_t index) {
  for (Tagged o = H(obj); is_js_receiver(o); o = js_object_get_prototype(o)) {
    if (!elements_has_own(iso, o, index)) continue;
    Handle value;
    ElementResult r = elements_get_own(iso, handle_new(iso, o), index, &value);
    return r == ELEMENT_FOUND ? value : HANDLE_NULL;
  }
  return ROOT_HANDLE(iso, undefined_value);
}

bool js_object_set_element(Isolate *iso, Handle obj, uint32_t index, Handle value) {
  if (index > kMaxArrayIndex) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid array index");
    return false;
  }
  return elements_set(iso, obj, index, value);
}

bool js_array_push(Isolate *iso, Handle array, Handle value) {
  uint32_t length = js_array_length_value(H(array));
  if (length >= (uint32_t)kMaxArrayIndex + 1) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid array length");
    return false;
  }
  return elements_set(iso, array, length, value);
}

bool js_array_set_length_value(Isolate *iso, Handle array, double length) {
  if (!(length >= 0 && length <= KILN_MAX_ARRAY_LENGTH) || length != floor(length)) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid array length");
    return false;
  }
  return elements_set_array_length(iso, array, (uint32_t)length);
}

/* ---- prototype and extensibility ---------------------------------------------------- */

bool js_object_set_prototype(Isolate *iso, Handle obj, Handle prototype) {
  DCHECK(is_null(iso, H(prototype)) || is_js_receiver(H(prototype)));
  if (js_object_get_prototype(H(obj)) == H(prototype)) return true;
  if (!js_object_is_extensible(H(obj))) return false;
  for (Tagged p = H(prototype); is_js_receiver(p); p = js_object_get_prototype(p)) {
    if (p == H(obj)) return false; /* would make a cycle */
  }
  Handle map = handle_new(iso, heap_object_map(H(obj)));
  Handle copy = map_copy_with_prototype(iso, map, prototype);
  if (handle_is_null(copy)) return false;
  map_invalidate_prototype_chains(H(map));
  heap_object_set_map(H(obj), H(copy));
  return true;
}

bool js_object_prevent_extensions(Isolate *iso, Handle obj) {
  if (!js_object_is_extensible(H(obj))) return true;
  Handle copy = map_copy(iso, handle_new(iso, heap_object_map(H(obj))));
  if (handle_is_null(copy)) return false;
  map_set_flag(H(copy), MAP_IS_EXTENSIBLE, false);
  map_invalidate_prototype_chains(heap_object_map(H(obj)));
  heap_object_set_map(H(obj), H(copy));
  return true;
}

/* ---- roots -------------------------------------------------------------------------- */

static Handle objects_new_js_map(Isolate *iso, InstanceType type, int inobject,
                                 ElementsKind kind) {
  size_t header = (size_t)kBodyDescriptors[type].header_words * kTaggedSize;
  Handle map = factory_new_map(iso, type, header + (size_t)inobject * kTaggedSize, inobject);
  if (!handle_is_null(map)) map_set_elements_kind(H(map), kind);
  return map;
}

static bool objects_setup_maps(Isolate *iso) {
  Handle object_map = objects_new_js_map(iso, JS_OBJECT_TYPE, kInitialObjectInObjectSlots,
                                         HOLEY_ELEMENTS);
  Handle array_map = objects_new_js_map(iso, JS_ARRAY_TYPE, 0, PACKED_SMI_ELEMENTS);
  Handle error_map = objects_new_js_map(iso, JS_ERROR_TYPE, kErrorInObjectSlots,
                                        HOLEY_ELEMENTS);
  if (handle_is_null(object_map) || handle_is_null(array_map) || handle_is_null(error_map)) {
    return false;
  }
  map_start_slack_tracking(H(object_map));
  map_set_number_of_fields(H(error_map), kErrorKindField + 1); /* the hidden kind field */
  ROOT(iso, initial_object_map) = H(object_map);
  ROOT(iso, initial_array_map) = H(array_map);
  ROOT(iso, error_map) = H(error_map);
  return true;
}

bool objects_setup_roots(Isolate *iso) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  bool ok = false;
  Handle empty = factory_new_fixed_array_with_map(iso, ROOT_descriptor_array_map, 0,
                                                  ROOT(iso, undefined_value));
  if (handle_is_null(empty)) goto done;
  ROOT(iso, empty_descriptor_array) = H(empty);
  Handle dict = name_dictionary_new(iso, 0);
  if (handle_is_null(dict)) goto done;
  ROOT(iso, empty_property_dictionary) = H(dict);
  Handle symbol = symbol_new(iso, ROOT_HANDLE(iso, undefined_value), true);
  if (handle_is_null(symbol)) goto done;
  ROOT(iso, elements_transition_symbol) = H(symbol);
  if (!objects_setup_maps(iso)) goto done;
  Handle oom = js_error_new(iso, kError_RANGE_ERROR, ROOT_HANDLE(iso, out_of_memory_string));
  if (handle_is_null(oom)) goto done;
  ROOT(iso, out_of_memory_error) = H(oom);
  ok = true;
done:
  handle_scope_close(&scope);
  return ok;
}
