/*
 * runtime-object-ops.c: Operations on Objects (ES2025 7.3) built on the internal methods,
 * property access on any value (primitives included), object creation in the current
 * realm, and the helpers for error messages.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/bigint.h"
#include "objects/dictionary.h"
#include "objects/map.h"
#include "runtime/runtime-internal.h"
#include "objects/js-array-buffer.h"
#include "runtime/runtime-typed-array.h"

/* ---- messages ------------------------------------------------------------------------ */

RuntimeMaybeBool rt_throw_type_error(Isolate *iso, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  isolate_throw_error(iso, kError_TYPE_ERROR, "%s", buf);
  return RT_EXCEPTION;
}

/* Copies up to size-1 bytes of a string's text (WTF-8) into buf. */
static void ops_copy_string(Isolate *iso, Tagged s, char *buf, size_t size) {
  size_t len;
  char *text = string_to_utf8(iso, s, &len);
  if (text == NULL) {
    snprintf(buf, size, "<string>");
    return;
  }
  snprintf(buf, size, "%s", text);
  free(text);
}

const char *rt_describe_key(Isolate *iso, Tagged key, char *buf, size_t size) {
  if (is_symbol(key)) {
    Tagged d = symbol_description(key);
    char inner[200] = "";
    if (is_string(d)) ops_copy_string(iso, d, inner, sizeof inner);
    snprintf(buf, size, "Symbol(%s)", inner);
  } else if (is_string(key)) {
    ops_copy_string(iso, key, buf, size);
  } else {
    snprintf(buf, size, "<key>");
  }
  return buf;
}

const char *rt_describe(Isolate *iso, Tagged value, char *buf, size_t size) {
  if (is_string(value)) {
    char inner[200];
    ops_copy_string(iso, value, inner, sizeof inner);
    snprintf(buf, size, "\"%s\"", inner);
  } else if (is_number(value)) {
    runtime_double_to_cstring(runtime_number_value(value), buf); /* size >= 32 */
  } else if (is_oddball(value)) {
    ops_copy_string(iso, oddball_to_string(value), buf, size);
  } else if (is_symbol(value)) {
    rt_describe_key(iso, value, buf, size);
  } else if (is_bigint(value)) {
    if (bigint_length(value) <= 1) {
      snprintf(buf, size, "%s%llun", bigint_is_negative(value) ? "-" : "",
               (unsigned long long)(bigint_is_zero(value) ? 0 : bigint_limbs(value)[0]));
    } else {
      snprintf(buf, size, "%sBigInt", bigint_is_negative(value) ? "a negative " : "a ");
    }
  } else if (runtime_is_callable(value)) {
    snprintf(buf, size, "function");
  } else if (is_js_array(value)) {
    snprintf(buf, size, "[object Array]");
  } else {
    snprintf(buf, size, "#<Object>");
  }
  return buf;
}

Handle runtime_throw_not_callable(Isolate *iso, Handle value) {
  char buf[256];
  rt_throw_type_error(iso, "%s is not a function", rt_describe(iso, H(value), buf, sizeof buf));
  return HANDLE_NULL;
}

/* ---- the realm and object creation ----------------------------------------------------- */

Tagged runtime_realm_intrinsic(Isolate *iso, int slot) {
  Tagged nc = iso->native_context;
  if (nc == 0 || !is_native_context(nc) || slot >= fixed_array_length(nc)) return 0;
  Tagged v = context_get(nc, slot);
  if (is_smi(v) || is_undefined(iso, v) || is_the_hole(iso, v)) return 0;
  return v;
}

Handle runtime_new_object(Isolate *iso) {
  Tagged map = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_object_map);
  if (map != 0 && is_map(map)) return js_object_new_with_map(iso, handle_new(iso, map));
  Handle obj = js_object_new(iso);
  Tagged proto = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_object_prototype);
  if (handle_is_null(obj) || proto == 0) return obj;
  if (!js_object_set_prototype(iso, obj, handle_new(iso, proto))) return HANDLE_NULL;
  return obj;
}

/* OrdinaryObjectCreate(null). The realm keeps the map of such objects, so they share one
 * map (and its transitions) instead of each getting a copy with the new prototype. */
static Handle ops_object_with_null_prototype(Isolate *iso) {
  Tagged cached = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_null_prototype_object_map);
  if (cached != 0 && is_heap_object(cached) && is_map(cached)) {
    return js_object_new_with_map(iso, handle_new(iso, cached));
  }
  Handle obj = js_object_new(iso);
  if (handle_is_null(obj)) return obj;
  if (!is_null(iso, js_object_get_prototype(H(obj))) &&
      !js_object_set_prototype(iso, obj, ROOT_HANDLE(iso, null_value))) {
    return HANDLE_NULL;
  }
  Tagged nc = iso->native_context;
  if (nc != 0 && is_native_context(nc) &&
      NATIVE_CONTEXT_null_prototype_object_map < fixed_array_length(nc)) {
    context_set(nc, NATIVE_CONTEXT_null_prototype_object_map,
                heap_object_map(H(obj)));
  }
  return obj;
}

Handle runtime_object_create(Isolate *iso, Handle proto) {
  Tagged object_prototype = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_object_prototype);
  if (object_prototype != 0 && H(proto) == object_prototype) return runtime_new_object(iso);
  if (is_null(iso, H(proto))) return ops_object_with_null_prototype(iso);
  Handle obj = js_object_new(iso);
  if (handle_is_null(obj)) return obj;
  if (!js_object_set_prototype(iso, obj, proto)) return HANDLE_NULL;
  return obj;
}

/* Moves a new array made from the root array map to the realm's array map. */
static Handle ops_array_to_realm(Isolate *iso, Handle array) {
  Tagged realm_map = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_array_map);
  if (realm_map != 0 && is_map(realm_map) &&
      map_instance_size(realm_map) == map_instance_size(heap_object_map(H(array)))) {
    Handle map = map_transition_elements_kind(iso, handle_new(iso, realm_map),
                                              js_object_elements_kind(H(array)));
    if (handle_is_null(map)) return map;
    heap_object_set_map(H(array), H(map));
    return array;
  }
  Tagged proto = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_array_prototype);
  if (proto != 0 && !js_object_set_prototype(iso, array, handle_new(iso, proto))) {
    return HANDLE_NULL;
  }
  return array;
}

Handle runtime_new_array(Isolate *iso, double length) {
  if (!(length >= 0 && length <= KILN_MAX_ARRAY_LENGTH) || length != floor(length)) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid array length");
    return HANDLE_NULL;
  }
  Handle array = js_array_new(iso, PACKED_SMI_ELEMENTS, (uint32_t)length, 0);
  if (handle_is_null(array)) return array;
  return ops_array_to_realm(iso, array);
}

/* The realm's wrapper map for a primitive's type, made on first use. May allocate. */
static Handle ops_wrapper_map(Isolate *iso, Tagged value) {
  int map_slot, proto_slot;
  if (is_string(value)) {
    map_slot = NATIVE_CONTEXT_string_wrapper_map, proto_slot = NATIVE_CONTEXT_string_prototype;
  } else if (is_number(value)) {
    map_slot = NATIVE_CONTEXT_number_wrapper_map, proto_slot = NATIVE_CONTEXT_number_prototype;
  } else if (is_symbol(value)) {
    map_slot = NATIVE_CONTEXT_symbol_wrapper_map, proto_slot = NATIVE_CONTEXT_symbol_prototype;
  } else if (is_bigint(value)) {
    map_slot = NATIVE_CONTEXT_bigint_wrapper_map, proto_slot = NATIVE_CONTEXT_bigint_prototype;
  } else {
    map_slot = NATIVE_CONTEXT_boolean_wrapper_map, proto_slot = NATIVE_CONTEXT_boolean_prototype;
  }
  Tagged cached = runtime_realm_intrinsic(iso, map_slot);
  Tagged proto = runtime_realm_intrinsic(iso, proto_slot);
  if (cached != 0 && is_map(cached) && (proto == 0 || map_prototype(cached) == proto)) {
    return handle_new(iso, cached);
  }
  Handle map = factory_new_map(iso, JS_PRIMITIVE_WRAPPER_TYPE,
                               JSPrimitiveWrapper_kHeaderSize + 2 * kTaggedSize, 2);
  if (handle_is_null(map)) return map;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  proto = runtime_realm_intrinsic(iso, proto_slot);
  if (proto != 0) map_set_prototype(H(map), proto);
  if (iso->native_context != 0) context_set(iso->native_context, map_slot, H(map));
  return map;
}

Handle runtime_new_primitive_wrapper(Isolate *iso, Handle value, Handle proto) {
  Handle map = ops_wrapper_map(iso, H(value));
  if (handle_is_null(map)) return map;
  if (!handle_is_null(proto) && map_prototype(H(map)) != H(proto)) {
    map = map_copy_with_prototype(iso, map, proto);
    if (handle_is_null(map)) return map;
  }
  Handle obj = js_object_new_with_map(iso, map);
  if (handle_is_null(obj)) return obj;
  js_primitive_wrapper_set_value(H(obj), H(value));
  return obj;
}

/* ---- property access on any value ------------------------------------------------------ */

/* The object whose [[Get]] a primitive's property access starts at: its prototype. 0 when
 * there is no realm. */
static Tagged ops_primitive_prototype(Isolate *iso, Tagged value) {
  int slot = is_string(value)   ? NATIVE_CONTEXT_string_prototype
             : is_number(value) ? NATIVE_CONTEXT_number_prototype
             : is_symbol(value) ? NATIVE_CONTEXT_symbol_prototype
             : is_oddball(value) ? NATIVE_CONTEXT_boolean_prototype
                                 : NATIVE_CONTEXT_bigint_prototype;
  return runtime_realm_intrinsic(iso, slot);
}

static Handle ops_throw_nullish(Isolate *iso, Tagged value, Handle key, const char *verb) {
  char kb[200];
  const char *what = is_undefined(iso, value) ? "undefined" : "null";
  if (handle_is_null(key)) {
    rt_throw_type_error(iso, "Cannot %s properties of %s", verb, what);
  } else if (is_string(H(key)) || is_symbol(H(key))) {
    rt_throw_type_error(iso, "Cannot %s properties of %s (%s '%s')", verb, what,
                        verb[0] == 'r' ? "reading" : "setting",
                        rt_describe_key(iso, H(key), kb, sizeof kb));
  } else {
    char vb[64];
    rt_throw_type_error(iso, "Cannot %s properties of %s (%s '%s')", verb, what,
                        verb[0] == 'r' ? "reading" : "setting",
                        rt_describe(iso, H(key), vb, sizeof vb));
  }
  return HANDLE_NULL;
}

/* A string's own "length" and index properties, read without a wrapper; empty with no
 * exception when key is neither. */
static Handle ops_string_own(Isolate *iso, Handle str, Handle key) {
  if (H(key) == ROOT(iso, length_string)) {
    return handle_new(iso, smi_from_int((int32_t)string_length(H(str))));
  }
  uint32_t index;
  if (rt_key_is_array_index(H(key), &index) && index < string_length(H(str))) {
    return string_substring(iso, str, index, (int64_t)index + 1);
  }
  return HANDLE_NULL;
}

/* `obj[i]` for a Smi i >= 0 when obj is ordinary and has element i as plain data: the
 * value, or empty with no exception when this is not that case. */
static Handle ops_get_own_element_fast(Isolate *iso, Handle obj, Tagged key) {
  Tagged o = H(obj);
  if (!is_smi(key) || smi_value(key) < 0 || !is_js_receiver(o) || is_js_proxy(o) ||
      is_js_arguments_object(o) || is_js_primitive_wrapper(o) ||
      js_object_elements_kind(o) == DICTIONARY_ELEMENTS ||
      !elements_has_own(iso, o, (uint32_t)smi_value(key))) {
    return HANDLE_NULL;
  }
  Handle value;
  ElementResult r = elements_get_own(iso, obj, (uint32_t)smi_value(key), &value);
  return r == ELEMENT_FOUND ? value : HANDLE_NULL;
}

Handle runtime_get_property(Isolate *iso, Handle value, Handle key) {
  Tagged v = H(value);
  if (is_undefined(iso, v) || is_null(iso, v)) return ops_throw_nullish(iso, v, key, "read");
  if (is_js_typed_array(v) && is_smi(H(key))) { /* 10.4.5.4 with a Smi index */
    return typed_array_get_numeric(iso, value, smi_value(H(key)));
  }
  Handle fast = ops_get_own_element_fast(iso, value, H(key));
  if (!handle_is_null(fast) || isolate_has_pending_exception(iso)) return fast;
  if (!is_name(H(key)) || (is_string(H(key)) && !string_is_internalized(H(key)))) {
    key = runtime_to_property_key(iso, key);
    if (handle_is_null(key)) return key;
  }
  if (is_js_receiver(H(value))) return runtime_get(iso, value, key, value);
  if (is_string(H(value))) {
    Handle own = ops_string_own(iso, value, key);
    if (!handle_is_null(own) || isolate_has_pending_exception(iso)) return own;
  }
  Tagged proto = ops_primitive_prototype(iso, H(value));
  if (proto == 0) return rt_undefined(iso);
  return runtime_get(iso, handle_new(iso, proto), key, value);
}

Handle runtime_get_named(Isolate *iso, Handle value, const char *name) {
  Handle key = string_internalize_utf8(iso, name, strlen(name));
  if (handle_is_null(key)) return key;
  return runtime_get_property(iso, value, key);
}

/* An own element of an ordinary object or array with fast elements: the common case of
 * index access from builtins, answered without making the index's string key. Returns
 * ELEMENT_ABSENT whenever the slow path must decide (exotic objects, holes, accessors). */
ElementResult runtime_fast_own_element(Isolate *iso, Handle obj, double index, Handle *out) {
  uint32_t i;
  if (!runtime_ordinary_index(H(obj), index, &i)) return ELEMENT_ABSENT;
  if (!elements_kind_is_fast(js_object_elements_kind(H(obj)))) return ELEMENT_ABSENT;
  return elements_get_own(iso, obj, i, out);
}

/* True when no object on obj's prototype chain has elements or is exotic, so [[Set]] of an
 * index on obj cannot meet a setter or a read-only inherited element. Does not allocate. */
static bool chain_has_no_elements(Isolate *iso, Tagged obj) {
  for (Tagged p = js_object_get_prototype(obj); !is_null(iso, p); p = js_object_get_prototype(p)) {
    InstanceType t = heap_object_type(p);
    if (t != JS_OBJECT_TYPE && t != JS_ARRAY_TYPE) return false;
    if (!elements_kind_is_fast(js_object_elements_kind(p))) return false;
    if (fixed_array_length(js_object_elements(p)) != 0) return false;
  }
  return true;
}

/* [[Set]] of an index on an ordinary extensible object or array with fast elements whose
 * chain has no elements: stores the element without making the index's string key.
 * ELEMENT_ABSENT means "not handled, take the general path". May allocate. */
ElementResult runtime_fast_set_element(Isolate *iso, Handle obj, double index, Handle value) {
  uint32_t i;
  Tagged o = H(obj);  /* no allocation before elements_set, which takes the handle */
  if (!runtime_ordinary_index(o, index, &i)) return ELEMENT_ABSENT;
  if (!elements_kind_is_fast(js_object_elements_kind(o)) || !js_object_is_extensible(o) ||
      map_has_flag(heap_object_map(o), MAP_HAS_READ_ONLY_LENGTH)) {
    return ELEMENT_ABSENT;
  }
  if (!elements_has_own(iso, o, i) && !chain_has_no_elements(iso, o)) return ELEMENT_ABSENT;
  return elements_set(iso, obj, i, value) ? ELEMENT_FOUND : ELEMENT_EXCEPTION;
}

Handle runtime_get_index(Isolate *iso, Handle value, double index) {
  Handle fast;
  ElementResult r = runtime_fast_own_element(iso, value, index, &fast);
  if (r == ELEMENT_FOUND) return fast;
  if (r == ELEMENT_EXCEPTION) return HANDLE_NULL;
  Handle key = runtime_index_to_key(iso, index);
  if (handle_is_null(key)) return key;
  return runtime_get_property(iso, value, key);
}

bool runtime_set_property(Isolate *iso, Handle value, Handle key, Handle v, bool strict) {
  Tagged base = H(value);
  if (is_undefined(iso, base) || is_null(iso, base)) {
    ops_throw_nullish(iso, base, key, "set");
    return false;
  }
  if (is_js_typed_array(base) && is_smi(H(key)) && !js_view_is_immutable(base)) {
    /* 10.4.5.5 with a Smi index */
    return typed_array_set_element(iso, value, smi_value(H(key)), v);
  }
  /* An existing plain element of an ordinary object: elements in fast mode are writable. */
  if (is_smi(H(key)) && smi_value(H(key)) >= 0 && is_js_receiver(base) && !is_js_proxy(base) &&
      !is_js_arguments_object(base) && !is_js_primitive_wrapper(base) &&
      js_object_elements_kind(base) != DICTIONARY_ELEMENTS &&
      elements_has_own(iso, base, (uint32_t)smi_value(H(key)))) {
    return elements_set(iso, value, (uint32_t)smi_value(H(key)), v);
  }
  if (!is_name(H(key)) || (is_string(H(key)) && !string_is_internalized(H(key)))) {
    key = runtime_to_property_key(iso, key);
    if (handle_is_null(key)) return false;
  }
  RuntimeMaybeBool r;
  if (is_js_receiver(H(value))) {
    r = runtime_set(iso, value, key, v, value);
  } else {
    Handle own = is_string(H(value)) ? ops_string_own(iso, value, key) : HANDLE_NULL;
    if (isolate_has_pending_exception(iso)) return false;
    Tagged proto = ops_primitive_prototype(iso, H(value));
    if (!handle_is_null(own) || proto == 0) {
      r = RT_FALSE; /* a string's own properties are read-only; primitives take no new ones */
    } else {
      r = runtime_set(iso, handle_new(iso, proto), key, v, value);
    }
  }
  if (r == RT_EXCEPTION) return false;
  if (r == RT_FALSE && strict) {
    char kb[200], vb[64];
    rt_throw_type_error(iso, "Cannot assign to read only property '%s' of %s",
                        rt_describe_key(iso, H(key), kb, sizeof kb),
                        rt_describe(iso, H(value), vb, sizeof vb));
    return false;
  }
  return true;
}

RuntimeMaybeBool runtime_delete_property(Isolate *iso, Handle value, Handle key, bool strict) {
  Handle obj = runtime_to_object(iso, value);
  if (handle_is_null(obj)) return RT_EXCEPTION;
  key = runtime_to_property_key(iso, key);
  if (handle_is_null(key)) return RT_EXCEPTION;
  RuntimeMaybeBool r = runtime_delete(iso, obj, key);
  if (r == RT_FALSE && strict) {
    char kb[200];
    return rt_throw_type_error(iso, "Cannot delete property '%s'",
                               rt_describe_key(iso, H(key), kb, sizeof kb));
  }
  return r;
}

RuntimeMaybeBool runtime_in(Isolate *iso, Handle key, Handle obj) {
  if (!is_js_receiver(H(obj))) {
    char kb[200], vb[64];
    return rt_throw_type_error(iso, "Cannot use 'in' operator to search for '%s' in %s",
                               rt_describe(iso, H(key), kb, sizeof kb),
                               rt_describe(iso, H(obj), vb, sizeof vb));
  }
  key = runtime_to_property_key(iso, key);
  if (handle_is_null(key)) return RT_EXCEPTION;
  return runtime_has_property(iso, obj, key);
}

/* ---- 7.3 operations -------------------------------------------------------------------- */

RuntimeMaybeBool runtime_create_data_property(Isolate *iso, Handle obj, Handle key,
                                              Handle value) {
  PropertyDescriptor desc;
  pd_data(iso, &desc, value, PROPERTY_ATTRIBUTES_NONE);
  return runtime_define_own_property(iso, obj, key, &desc);
}

static bool ops_throw_cannot_define(Isolate *iso, Handle key) {
  char kb[200];
  rt_throw_type_error(iso, "Cannot redefine property: %s",
                      rt_describe_key(iso, H(key), kb, sizeof kb));
  return false;
}

bool runtime_create_data_property_or_throw(Isolate *iso, Handle obj, Handle key,
                                           Handle value) {
  RuntimeMaybeBool r = runtime_create_data_property(iso, obj, key, value);
  if (r == RT_FALSE) return ops_throw_cannot_define(iso, key);
  return r == RT_TRUE;
}

bool runtime_define_property_or_throw(Isolate *iso, Handle obj, Handle key,
                                      const PropertyDescriptor *desc) {
  RuntimeMaybeBool r = runtime_define_own_property(iso, obj, key, desc);
  if (r == RT_FALSE) return ops_throw_cannot_define(iso, key);
  return r == RT_TRUE;
}

bool runtime_delete_property_or_throw(Isolate *iso, Handle obj, Handle key) {
  RuntimeMaybeBool r = runtime_delete(iso, obj, key);
  if (r == RT_FALSE) {
    char kb[200];
    rt_throw_type_error(iso, "Cannot delete property '%s'",
                        rt_describe_key(iso, H(key), kb, sizeof kb));
    return false;
  }
  return r == RT_TRUE;
}

Handle runtime_get_method(Isolate *iso, Handle value, Handle key) {
  Handle f = runtime_get_property(iso, value, key);
  if (handle_is_null(f)) return f;
  if (is_undefined(iso, H(f)) || is_null(iso, H(f))) return rt_undefined(iso);
  if (!runtime_is_callable(H(f))) {
    char kb[200];
    rt_throw_type_error(iso, "%s is not a function", rt_describe_key(iso, H(key), kb, sizeof kb));
    return HANDLE_NULL;
  }
  return f;
}

RuntimeMaybeBool runtime_has_own_property(Isolate *iso, Handle obj, Handle key) {
  PropertyDescriptor desc;
  return runtime_get_own_property(iso, obj, key, &desc);
}

/* The descriptor SetIntegrityLevel defines for one key: 0 skip, 1 define, -1 exception. */
static int ops_integrity_desc(Isolate *iso, Handle obj, Handle key, bool frozen,
                              PropertyDescriptor *desc) {
  property_descriptor_init(iso, desc);
  desc->flags = PD_HAS_CONFIGURABLE;
  if (!frozen) return 1;
  PropertyDescriptor current;
  RuntimeMaybeBool has = runtime_get_own_property(iso, obj, key, &current);
  if (has != RT_TRUE) return has == RT_FALSE ? 0 : -1;
  if (!pd_is_accessor(&current)) desc->flags |= PD_HAS_WRITABLE;
  return 1;
}

bool runtime_set_integrity_level(Isolate *iso, Handle obj, bool frozen) {
  RuntimeMaybeBool r = runtime_prevent_extensions(iso, obj);
  if (r == RT_EXCEPTION) return false;
  if (r == RT_FALSE) {
    rt_throw_type_error(iso, "Cannot prevent extensions");
    return false;
  }
  Handle keys = runtime_own_property_keys(iso, obj);
  if (handle_is_null(keys)) return false;
  for (int64_t i = 0, n = fixed_array_length(H(keys)); i < n; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle key = handle_new(iso, fixed_array_get(H(keys), i));
    PropertyDescriptor desc;
    int what = ops_integrity_desc(iso, obj, key, frozen, &desc);
    bool ok = what >= 0 && (what == 0 || runtime_define_property_or_throw(iso, obj, key, &desc));
    handle_scope_close(&scope);
    if (!ok) return false;
  }
  return true;
}

RuntimeMaybeBool runtime_test_integrity_level(Isolate *iso, Handle obj, bool frozen) {
  RuntimeMaybeBool ext = runtime_is_extensible(iso, obj);
  if (ext != RT_FALSE) return ext == RT_TRUE ? RT_FALSE : RT_EXCEPTION;
  Handle keys = runtime_own_property_keys(iso, obj);
  if (handle_is_null(keys)) return RT_EXCEPTION;
  for (int64_t i = 0, n = fixed_array_length(H(keys)); i < n; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    PropertyDescriptor desc;
    RuntimeMaybeBool r = runtime_get_own_property(iso, obj, handle_new(iso, fixed_array_get(H(keys), i)),
                                                  &desc);
    RuntimeMaybeBool verdict = RT_TRUE;
    if (r == RT_EXCEPTION) verdict = RT_EXCEPTION;
    else if (r == RT_TRUE && pd_configurable(&desc)) verdict = RT_FALSE;
    else if (r == RT_TRUE && frozen && pd_is_data(&desc) && pd_writable(&desc)) verdict = RT_FALSE;
    handle_scope_close(&scope);
    if (verdict != RT_TRUE) return verdict;
  }
  return RT_TRUE;
}

Handle runtime_create_array_from_list(Isolate *iso, int count, const Handle *items) {
  Handle array = js_array_new(iso, PACKED_ELEMENTS, 0, (uint32_t)count);
  if (handle_is_null(array)) return array;
  for (int i = 0; i < count; i++) {
    if (!elements_set(iso, array, (uint32_t)i, items[i])) return HANDLE_NULL;
  }
  return ops_array_to_realm(iso, array);
}

bool runtime_length_of_array_like(Isolate *iso, Handle obj, double *out) {
  Handle len = runtime_get(iso, obj, ROOT_HANDLE(iso, length_string), obj);
  if (handle_is_null(len)) return false;
  return runtime_to_length(iso, len, out);
}

Handle runtime_create_list_from_array_like(Isolate *iso, Handle obj) {
  if (!is_js_receiver(H(obj))) {
    rt_throw_type_error(iso, "CreateListFromArrayLike called on non-object");
    return HANDLE_NULL;
  }
  double len;
  if (!runtime_length_of_array_like(iso, obj, &len)) return HANDLE_NULL;
  if (len > kMaxFixedArrayLength) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Too many arguments in function call");
    return HANDLE_NULL;
  }
  Handle list = factory_new_fixed_array(iso, (int64_t)len);
  if (handle_is_null(list)) return list;
  for (int64_t i = 0; i < (int64_t)len; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle v = runtime_get_index(iso, obj, (double)i);
    if (!handle_is_null(v)) fixed_array_set(H(list), i, H(v));
    handle_scope_close(&scope);
    if (isolate_has_pending_exception(iso)) return HANDLE_NULL;
  }
  return list;
}

Handle runtime_invoke(Isolate *iso, Handle value, Handle key, int argc, const Handle *argv) {
  Handle f = runtime_get_property(iso, value, key);
  if (handle_is_null(f)) return f;
  return execution_call(iso, f, value, argc, argv);
}

Handle runtime_species_constructor(Isolate *iso, Handle obj, Handle default_ctor) {
  Handle c = runtime_get(iso, obj, ROOT_HANDLE(iso, constructor_string), obj);
  if (handle_is_null(c) || is_undefined(iso, H(c))) return handle_is_null(c) ? c : default_ctor;
  if (!is_js_receiver(H(c))) {
    rt_throw_type_error(iso, "object.constructor is not an object");
    return HANDLE_NULL;
  }
  Handle s = runtime_get(iso, c, ROOT_HANDLE(iso, species_symbol), c);
  if (handle_is_null(s)) return s;
  if (is_undefined(iso, H(s)) || is_null(iso, H(s))) return default_ctor;
  if (runtime_is_constructor(H(s))) return s;
  rt_throw_type_error(iso, "object.constructor[Symbol.species] is not a constructor");
  return HANDLE_NULL;
}

/* One element of EnumerableOwnProperties' result for key (kind 0, 1, 2). */
static Handle ops_enumerable_entry(Isolate *iso, Handle obj, Handle key, int kind) {
  if (kind == 0) return key;
  Handle value = runtime_get(iso, obj, key, obj);
  if (handle_is_null(value) || kind == 1) return value;
  Handle pair[2] = {key, value};
  return runtime_create_array_from_list(iso, 2, pair);
}

Handle runtime_enumerable_own_properties(Isolate *iso, Handle obj, int kind) {
  Handle keys = runtime_own_property_keys(iso, obj);
  if (handle_is_null(keys)) return keys;
  Handle result = runtime_new_array(iso, 0);
  if (handle_is_null(result)) return result;
  for (int64_t i = 0, n = fixed_array_length(H(keys)); i < n; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle key = handle_new(iso, fixed_array_get(H(keys), i));
    bool ok = true;
    if (is_string(H(key))) {
      PropertyDescriptor desc;
      RuntimeMaybeBool r = runtime_get_own_property(iso, obj, key, &desc);
      ok = r != RT_EXCEPTION;
      if (r == RT_TRUE && pd_enumerable(&desc)) {
        Handle entry = ops_enumerable_entry(iso, obj, key, kind);
        ok = !handle_is_null(entry) && js_array_push(iso, result, entry);
      }
    }
    handle_scope_close(&scope);
    if (!ok) return HANDLE_NULL;
  }
  return result;
}

Tagged runtime_get_function_realm(Isolate *iso, Handle fn) {
  Tagged f = H(fn);
  for (;;) {
    if (is_js_function(f)) {
      Tagged c = js_function_context(f);
      while (is_context(c) && !is_native_context(c)) c = context_previous(c);
      return is_native_context(c) ? c : iso->native_context;
    }
    if (is_js_bound_function(f)) {
      f = js_bound_function_target(f);
    } else if (is_js_proxy(f)) {
      if (!is_js_receiver(js_proxy_handler(f))) {
        rt_throw_type_error(iso, "Cannot perform operation on a revoked proxy");
        return 0;
      }
      f = js_proxy_target(f);
    } else {
      return iso->native_context;
    }
  }
}

Handle runtime_get_prototype_from_constructor(Isolate *iso, Handle constructor,
                                              int intrinsic_slot) {
  Handle proto = runtime_get(iso, constructor, ROOT_HANDLE(iso, prototype_string), constructor);
  if (handle_is_null(proto) || is_js_receiver(H(proto))) return proto;
  Tagged realm = runtime_get_function_realm(iso, constructor);
  if (realm == 0 && isolate_has_pending_exception(iso)) return HANDLE_NULL;
  if (realm == 0 || !is_native_context(realm)) return ROOT_HANDLE(iso, null_value);
  Tagged v = context_get(realm, intrinsic_slot);
  return is_js_receiver(v) ? handle_new(iso, v) : ROOT_HANDLE(iso, null_value);
}

/* ---- spread, rest and for-in ----------------------------------------------------------- */

static bool ops_is_excluded(Tagged key, int count, const Handle *excluded) {
  for (int i = 0; i < count; i++) {
    if (H(excluded[i]) == key) return true;
  }
  return false;
}

bool runtime_copy_data_properties(Isolate *iso, Handle target, Handle source,
                                  int excluded_count, const Handle *excluded) {
  if (is_undefined(iso, H(source)) || is_null(iso, H(source))) return true;
  Handle from = runtime_to_object(iso, source);
  if (handle_is_null(from)) return false;
  Handle keys = runtime_own_property_keys(iso, from);
  if (handle_is_null(keys)) return false;
  for (int64_t i = 0, n = fixed_array_length(H(keys)); i < n; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle key = handle_new(iso, fixed_array_get(H(keys), i));
    bool ok = true;
    if (!ops_is_excluded(H(key), excluded_count, excluded)) {
      PropertyDescriptor desc;
      RuntimeMaybeBool r = runtime_get_own_property(iso, from, key, &desc);
      ok = r != RT_EXCEPTION;
      if (r == RT_TRUE && pd_enumerable(&desc)) {
        Handle value = runtime_get(iso, from, key, from);
        ok = !handle_is_null(value) && runtime_create_data_property_or_throw(iso, target, key, value);
      }
    }
    handle_scope_close(&scope);
    if (!ok) return false;
  }
  return true;
}

/* Adds key to the for-in result unless seen (a NameDictionary used as a set). */
static bool ops_for_in_add(Isolate *iso, Handle *seen, Handle result, Handle key,
                           bool enumerable) {
  if (name_dictionary_find(iso, H(*seen), H(key)) >= 0) return true;
  Handle d = name_dictionary_add(iso, *seen, key, rt_undefined(iso), 0);
  if (handle_is_null(d)) return false;
  *seen->loc = H(d);
  return !enumerable || js_array_push(iso, result, key);
}

/* The keys of one object of the chain. */
static bool ops_for_in_object(Isolate *iso, Handle obj, Handle *seen, Handle result) {
  Handle keys = runtime_own_property_keys(iso, obj);
  if (handle_is_null(keys)) return false;
  for (int64_t i = 0, n = fixed_array_length(H(keys)); i < n; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle key = handle_new(iso, fixed_array_get(H(keys), i));
    bool ok = true;
    if (is_string(H(key))) {
      PropertyDescriptor desc;
      RuntimeMaybeBool r = runtime_get_own_property(iso, obj, key, &desc);
      ok = r != RT_EXCEPTION;
      if (r == RT_TRUE) ok = ops_for_in_add(iso, seen, result, key, pd_enumerable(&desc));
    }
    handle_scope_close(&scope);
    if (!ok) return false;
  }
  return true;
}

/* ---- for-in's enumeration cache ----
 * A fast-mode ordinary object without elements has exactly the own enumerable string keys
 * its map's descriptors list, so the map caches them (Map.enum_cache). for-in over such an
 * object uses the cache when nothing on the prototype chain has elements or enumerable
 * properties (the common case: a plain object over %Object.prototype%); the interpreter
 * still checks that each key is present when it reaches it. */

/* The own enumerable string keys of a fast-mode map, cached on it. May allocate. */
static Handle for_in_enum_cache(Isolate *iso, Handle map) {
  Tagged cache = map_enum_cache(H(map));
  if (is_fixed_array(cache)) return handle_new(iso, cache);
  Tagged da = map_instance_descriptors(H(map));
  int nof = map_own_descriptors(H(map)), n = 0;
  for (int i = 0; i < nof; i++) {
    Tagged key = descriptor_array_key(da, i);
    if (is_string(key) && !(property_details_attributes(descriptor_array_details(da, i)) & DONT_ENUM)) n++;
  }
  Handle keys = factory_new_fixed_array(iso, n);
  if (handle_is_null(keys)) return keys;
  da = map_instance_descriptors(H(map));
  for (int i = 0, j = 0; i < nof; i++) {
    Tagged key = descriptor_array_key(da, i);
    if (is_string(key) && !(property_details_attributes(descriptor_array_details(da, i)) & DONT_ENUM)) {
      fixed_array_set(H(keys), j++, key);
    }
  }
  map_set_enum_cache(H(map), H(keys));
  return keys;
}

/* Can obj's keys come from its map's cache (fast mode, ordinary, no elements)? */
static bool enum_cacheable(Tagged obj) {
  Tagged map = heap_object_map(obj);
  return map_instance_type(map) == JS_OBJECT_TYPE && !map_is_dictionary(map) &&
         fixed_array_length(js_object_elements(obj)) == 0;
}

/* Does a NameDictionary hold an enumerable string key? Does not allocate. */
static bool dictionary_has_enumerable_string(Isolate *iso, Tagged d) {
  for (int e = 0, cap = dictionary_capacity(d); e < cap; e++) {
    if (!dictionary_is_live_entry(iso, d, e) || !is_string(dictionary_key_at(d, e))) continue;
    if (!(property_details_attributes(dictionary_details_at(d, e)) & DONT_ENUM)) return true;
  }
  return false;
}

/* True when no prototype of obj is exotic or has elements or enumerable string-keyed
 * properties. Pass 0 fills the caches of fast prototypes (may allocate); pass 1 checks. */
static bool chain_enumerates_nothing(Isolate *iso, Handle obj) {
  for (int pass = 0; pass < 2; pass++) {
    for (Handle p = handle_new(iso, js_object_get_prototype(H(obj))); !is_null(iso, H(p));
         p = handle_new(iso, js_object_get_prototype(H(p)))) {
      Tagged po = H(p), map = heap_object_map(po);
      if (map_instance_type(map) != JS_OBJECT_TYPE) return false;
      if (fixed_array_length(js_object_elements(po)) != 0) return false;
      if (map_is_dictionary(map)) {
        if (dictionary_has_enumerable_string(iso, js_object_properties(po))) return false;
      } else if (pass == 0) {
        if (handle_is_null(for_in_enum_cache(iso, handle_new(iso, map)))) {
          isolate_clear_pending_exception(iso);  /* out of memory: take the general path */
          return false;
        }
      } else if (fixed_array_length(map_enum_cache(map)) != 0) {
        return false;
      }
    }
  }
  return true;
}

Handle runtime_for_in_keys(Isolate *iso, Handle obj) {
  if (is_undefined(iso, H(obj)) || is_null(iso, H(obj))) return ROOT_HANDLE(iso, empty_fixed_array);
  if (is_heap_object(H(obj)) && enum_cacheable(H(obj)) && chain_enumerates_nothing(iso, obj)) {
    Handle map = handle_new(iso, heap_object_map(H(obj)));
    Handle keys = for_in_enum_cache(iso, map);
    if (!handle_is_null(keys)) return keys;
    isolate_clear_pending_exception(iso);  /* out of memory: the general path reports it */
  }
  Handle o = runtime_to_object(iso, obj);
  if (handle_is_null(o)) return o;
  Handle result = js_array_new(iso, PACKED_ELEMENTS, 0, 8);
  Handle seen = name_dictionary_new(iso, 8);
  if (handle_is_null(result) || handle_is_null(seen)) return HANDLE_NULL;
  while (!is_null(iso, H(o))) {
    if (!ops_for_in_object(iso, o, &seen, result)) return HANDLE_NULL;
    o = runtime_get_prototype_of(iso, o);
    if (handle_is_null(o)) return o;
  }
  uint32_t n = js_array_length_value(H(result));
  Handle list = factory_new_fixed_array(iso, n);
  if (handle_is_null(list)) return list;
  for (uint32_t i = 0; i < n; i++) fixed_array_set(H(list), i, fixed_array_get(js_object_elements(H(result)), i));
  return list;
}
