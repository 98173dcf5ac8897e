/*
 * runtime-object.c: the object internal methods (ES2025 6.1.7.2) over every kind of
 * receiver. Each runtime_<method> dispatches on the instance type: proxies go to
 * runtime-proxy.c, mapped arguments objects to runtime-arguments.c, arrays and string
 * wrappers have their exotic [[DefineOwnProperty]] / [[GetOwnProperty]] here, and everything
 * else is an ordinary object (10.1) built on the object model (objects/js-objects.h).
 *
 * The object model stores a property as (kind, attributes, value): a data property's value,
 * or an accessor's AccessorPair. Elements normally have no attributes; an element with
 * attributes or an accessor lives in DICTIONARY_ELEMENTS, whose details carry both.
 * Changing an existing property's kind or attributes moves the object to dictionary mode
 * and rewrites its entry in place (its enumeration index, and so the key order, stays).
 */
#include <math.h>

#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/map.h"
#include "objects/source-text-module.h"
#include "runtime/runtime-internal.h"
#include "runtime/runtime-typed-array.h"

bool rt_key_is_array_index(Tagged key, uint32_t *index) {
  return is_string(key) && string_to_array_index(key, index);
}

Handle rt_call_getter(Isolate *iso, Handle getter, Handle receiver) {
  if (!runtime_is_callable(H(getter))) return rt_undefined(iso);
  return execution_call(iso, getter, receiver, 0, NULL);
}

static RuntimeMaybeBool object_maybe(Isolate *iso, bool ok) {
  if (ok) return RT_TRUE;
  return isolate_has_pending_exception(iso) ? RT_EXCEPTION : RT_FALSE;
}

/* An accessor pair's field as a descriptor value (absent accessors are undefined). */
static Handle object_accessor_part(Isolate *iso, Tagged part) {
  return is_null(iso, part) || part == 0 ? rt_undefined(iso) : handle_new(iso, part);
}

/* ---- [[GetOwnProperty]] ---------------------------------------------------------------- */

/* The descriptor of a property an own lookup found. Dictionary elements carry their own
 * details (the lookup reports elements as plain data). */
static RuntimeMaybeBool object_desc_from_lookup(Isolate *iso, Handle obj,
                                                const LookupResult *lr,
                                                PropertyDescriptor *desc) {
  PropertyDetails details = lr->details;
  Handle value;
  if (lr->state == LOOKUP_ELEMENT && js_object_elements_kind(H(obj)) == DICTIONARY_ELEMENTS) {
    Tagged dict = js_object_elements(H(obj));
    int entry = number_dictionary_find(iso, dict, lr->element);
    details = dictionary_details_at(dict, entry);
    value = handle_new(iso, dictionary_value_at(dict, entry));
  } else {
    value = lookup_result_value(iso, lr);
    if (handle_is_null(value)) return RT_EXCEPTION;
  }
  int attributes = (int)property_details_attributes(details);
  if (property_details_kind(details) == PROPERTY_ACCESSOR) {
    property_descriptor_init(iso, desc);
    desc->flags = PD_HAS_GET | PD_HAS_SET | PD_HAS_ENUMERABLE | PD_HAS_CONFIGURABLE;
    if (!(attributes & DONT_ENUM)) desc->flags |= PD_ENUMERABLE;
    if (!(attributes & DONT_DELETE)) desc->flags |= PD_CONFIGURABLE;
    Tagged pair = H(value);
    desc->get = object_accessor_part(iso, accessor_pair_getter(pair));
    desc->set = object_accessor_part(iso, accessor_pair_setter(H(value)));
    return RT_TRUE;
  }
  pd_data(iso, desc, value, attributes);
  return RT_TRUE;
}

RuntimeMaybeBool ordinary_get_own_property(Isolate *iso, Handle obj, Handle key,
                                           PropertyDescriptor *desc) {
  LookupResult lr;
  if (!property_lookup_own(iso, obj, key, &lr)) return RT_FALSE;
  return object_desc_from_lookup(iso, obj, &lr, desc);
}

/* 10.4.3.5 StringGetOwnProperty, plus the wrapper's own "length": false when key is
 * neither. */
static bool string_get_own_property(Isolate *iso, Handle obj, Handle key,
                                    PropertyDescriptor *desc) {
  Handle str = handle_new(iso, js_primitive_wrapper_value(H(obj)));
  int64_t length = string_length(H(str));
  uint32_t index;
  if (H(key) == ROOT(iso, length_string)) {
    pd_data(iso, desc, handle_new(iso, smi_from_int((int32_t)length)),
            READ_ONLY | DONT_ENUM | DONT_DELETE);
    return true;
  }
  if (!rt_key_is_array_index(H(key), &index) || index >= length) return false;
  Handle ch = string_substring(iso, str, index, (int64_t)index + 1);
  if (handle_is_null(ch)) return false;
  pd_data(iso, desc, ch, READ_ONLY | DONT_DELETE);
  return true;
}

RuntimeMaybeBool runtime_get_own_property(Isolate *iso, Handle obj, Handle key,
                                          PropertyDescriptor *desc) {
  Tagged o = H(obj);
  if (is_js_proxy(o)) return proxy_get_own_property(iso, obj, key, desc);
  if (is_js_typed_array(o)) return typed_array_get_own_property(iso, obj, key, desc);
  if (is_js_module_namespace(o)) return module_namespace_get_own_property(iso, obj, key, desc);
  if (arguments_is_mapped(o)) return arguments_get_own_property(iso, obj, key, desc);
  if (rt_is_string_wrapper(o)) {
    if (string_get_own_property(iso, obj, key, desc)) return RT_TRUE;
    if (isolate_has_pending_exception(iso)) return RT_EXCEPTION;
  }
  LookupResult lr;
  if (!property_lookup_own(iso, obj, key, &lr)) return RT_FALSE;
  return object_desc_from_lookup(iso, obj, &lr, desc);
}

/* ---- storing a validated property ------------------------------------------------------ */

/* Rewrites an existing named property's kind, attributes and value in dictionary mode. */
static bool object_reconfigure_named(Isolate *iso, Handle obj, Handle key, PropertyKind kind,
                                     Handle value, int attributes) {
  map_invalidate_prototype_chains(heap_object_map(H(obj))); /* objects/map.h's invariant */
  if (!js_object_normalize_properties(iso, obj)) return false;
  Tagged dict = js_object_properties(H(obj));
  int entry = name_dictionary_find(iso, dict, H(key));
  DCHECK(entry >= 0);
  PropertyDetails old = dictionary_details_at(dict, entry);
  dictionary_set_value_at(dict, entry, H(value));
  dictionary_set_details_at(dict, entry, property_details_make(kind, PROPERTY_FIELD, attributes,
                                                               property_details_index(old)));
  return true;
}

/* Stores element index with kind, attributes and value (a value or an AccessorPair). */
static bool object_store_element(Isolate *iso, Handle obj, uint32_t index, PropertyKind kind,
                                 Handle value, int attributes) {
  if (kind == PROPERTY_DATA && attributes == PROPERTY_ATTRIBUTES_NONE &&
      js_object_elements_kind(H(obj)) != DICTIONARY_ELEMENTS) {
    return elements_set(iso, obj, index, value);
  }
  if (!elements_normalize(iso, obj)) return false;
  Handle dict = handle_new(iso, js_object_elements(H(obj)));
  PropertyDetails details = property_details_make(kind, PROPERTY_FIELD, attributes, 0);
  Handle d = number_dictionary_put(iso, dict, index, value, details);
  if (handle_is_null(d)) return false;
  js_object_set_elements(H(obj), H(d));
  if (is_js_array(H(obj)) && index >= js_array_length_value(H(obj))) {
    return elements_set_array_length(iso, obj, index + 1);
  }
  return true;
}

/* Writes the complete descriptor full as own property key (existing says whether it is
 * there now, with descriptor current). */
static RuntimeMaybeBool object_store(Isolate *iso, Handle obj, Handle key,
                                     const PropertyDescriptor *full, bool existing,
                                     const PropertyDescriptor *current) {
  int attributes = pd_attributes(full);
  PropertyKind kind = pd_is_accessor(full) ? PROPERTY_ACCESSOR : PROPERTY_DATA;
  Handle value = full->value;
  if (kind == PROPERTY_ACCESSOR) {
    value = factory_new_accessor_pair(iso, full->get, full->set);
    if (handle_is_null(value)) return RT_EXCEPTION;
  }
  uint32_t index;
  if (rt_key_is_array_index(H(key), &index)) {
    return object_maybe(iso, object_store_element(iso, obj, index, kind, value, attributes));
  }
  if (!existing) {
    bool ok = kind == PROPERTY_ACCESSOR
                  ? js_object_define_accessor(iso, obj, key, value, attributes)
                  : js_object_define_own_property(iso, obj, key, value, attributes);
    return object_maybe(iso, ok);
  }
  if (kind == PROPERTY_DATA && pd_is_data(current) && attributes == pd_attributes(current)) {
    /* Same shape: only the value changes (validation proved it may). */
    if (runtime_same_value(H(value), H(current->value))) return RT_TRUE;
    return object_maybe(iso, js_object_define_own_property(iso, obj, key, value, attributes));
  }
  return object_maybe(iso, object_reconfigure_named(iso, obj, key, kind, value, attributes));
}

/* Is applying desc to current a no-op? */
static bool object_desc_unchanged(const PropertyDescriptor *merged,
                                  const PropertyDescriptor *current) {
  if (merged->flags != current->flags) return false;
  if (pd_is_accessor(merged)) {
    return H(merged->get) == H(current->get) && H(merged->set) == H(current->set);
  }
  return runtime_same_value(H(merged->value), H(current->value));
}

RuntimeMaybeBool ordinary_validate_and_apply(Isolate *iso, Handle obj, Handle key,
                                             bool extensible, const PropertyDescriptor *desc,
                                             const PropertyDescriptor *current) {
  if (!pd_is_compatible(extensible, desc, current)) return RT_FALSE;
  if (current == NULL) {
    PropertyDescriptor full = *desc;
    pd_complete(iso, &full);
    return object_store(iso, obj, key, &full, false, NULL);
  }
  if (desc->flags == 0) return RT_TRUE;
  PropertyDescriptor merged;
  pd_merge(iso, current, desc, &merged);
  if (object_desc_unchanged(&merged, current)) return RT_TRUE;
  return object_store(iso, obj, key, &merged, true, current);
}

RuntimeMaybeBool ordinary_define_own_property(Isolate *iso, Handle obj, Handle key,
                                              const PropertyDescriptor *desc) {
  PropertyDescriptor current;
  LookupResult lr;
  bool found = property_lookup_own(iso, obj, key, &lr);
  if (found && object_desc_from_lookup(iso, obj, &lr, &current) == RT_EXCEPTION) {
    return RT_EXCEPTION;
  }
  return ordinary_validate_and_apply(iso, obj, key, js_object_is_extensible(H(obj)), desc,
                                     found ? &current : NULL);
}

/* ---- arrays (10.4.2) ------------------------------------------------------------------- */

static void array_length_desc(Isolate *iso, Handle array, PropertyDescriptor *desc) {
  Handle length = handle_new(iso, js_array_length(H(array)));
  bool read_only = map_has_flag(heap_object_map(H(array)), MAP_HAS_READ_ONLY_LENGTH);
  pd_data(iso, desc, length, DONT_ENUM | DONT_DELETE | (read_only ? READ_ONLY : 0));
}

/* Makes an array's "length" non-writable (a map copy with the flag). */
static bool array_make_length_read_only(Isolate *iso, Handle array) {
  if (map_has_flag(heap_object_map(H(array)), MAP_HAS_READ_ONLY_LENGTH)) return true;
  Handle copy = map_copy(iso, handle_new(iso, heap_object_map(H(array))));
  if (handle_is_null(copy)) return false;
  map_set_flag(H(copy), MAP_HAS_READ_ONLY_LENGTH, true);
  map_invalidate_prototype_chains(heap_object_map(H(array)));
  heap_object_set_map(H(array), H(copy));
  return true;
}

/* OrdinaryDefineOwnProperty(A, "length", desc) where desc's value, if any, is a valid
 * uint32 Number. */
static RuntimeMaybeBool array_define_length_raw(Isolate *iso, Handle array,
                                                const PropertyDescriptor *desc) {
  PropertyDescriptor current;
  array_length_desc(iso, array, &current);
  if (!pd_is_compatible(true, desc, &current)) return RT_FALSE;
  if ((desc->flags & PD_HAS_VALUE) && !runtime_same_value(H(desc->value), H(current.value))) {
    if (!elements_set_array_length(iso, array, (uint32_t)runtime_number_value(H(desc->value)))) {
      return RT_EXCEPTION;
    }
  }
  if ((desc->flags & PD_HAS_WRITABLE) && !pd_writable(desc)) {
    if (!array_make_length_read_only(iso, array)) return RT_EXCEPTION;
  }
  return RT_TRUE;
}

/* The largest non-configurable element index >= from, or -1 (only dictionary elements can
 * have one). */
static int64_t array_last_sealed_index(Isolate *iso, Tagged array, uint32_t from) {
  if (js_object_elements_kind(array) != DICTIONARY_ELEMENTS) return -1;
  Tagged dict = js_object_elements(array);
  int64_t last = -1;
  for (int i = 0, n = dictionary_capacity(dict); i < n; i++) {
    if (!dictionary_is_live_entry(iso, dict, i)) continue;
    uint32_t index = number_dictionary_key_value(dictionary_key_at(dict, i));
    if (index >= from && (property_details_attributes(dictionary_details_at(dict, i)) & DONT_DELETE) &&
        (int64_t)index > last) {
      last = index;
    }
  }
  return last;
}

/* 10.4.2.4 ArraySetLength. Calls user code (the value's conversions). */
static RuntimeMaybeBool array_set_length(Isolate *iso, Handle array,
                                         const PropertyDescriptor *desc) {
  if (!(desc->flags & PD_HAS_VALUE)) return array_define_length_raw(iso, array, desc);
  uint32_t new_len;
  double number_len;
  if (!runtime_to_uint32(iso, desc->value, &new_len)) return RT_EXCEPTION;
  if (!runtime_to_number_double(iso, desc->value, &number_len)) return RT_EXCEPTION;
  if ((double)new_len != number_len) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid array length");
    return RT_EXCEPTION;
  }
  PropertyDescriptor new_desc = *desc;
  new_desc.value = factory_new_number(iso, new_len);
  if (handle_is_null(new_desc.value)) return RT_EXCEPTION;
  uint32_t old_len = js_array_length_value(H(array));
  if (new_len >= old_len) return array_define_length_raw(iso, array, &new_desc);
  if (map_has_flag(heap_object_map(H(array)), MAP_HAS_READ_ONLY_LENGTH)) return RT_FALSE;
  bool new_writable = !(desc->flags & PD_HAS_WRITABLE) || pd_writable(desc);
  new_desc.flags |= PD_HAS_WRITABLE | PD_WRITABLE;
  PropertyDescriptor current;
  array_length_desc(iso, array, &current);
  if (!pd_is_compatible(true, &new_desc, &current)) return RT_FALSE;
  int64_t sealed = array_last_sealed_index(iso, H(array), new_len);
  uint32_t final_len = sealed >= 0 ? (uint32_t)sealed + 1 : new_len;
  if (!elements_set_array_length(iso, array, final_len)) return RT_EXCEPTION;
  if (!new_writable && !array_make_length_read_only(iso, array)) return RT_EXCEPTION;
  return sealed >= 0 ? RT_FALSE : RT_TRUE;
}

RuntimeMaybeBool array_define_own_property(Isolate *iso, Handle array, Handle key,
                                           const PropertyDescriptor *desc) {
  if (H(key) == ROOT(iso, length_string)) return array_set_length(iso, array, desc);
  uint32_t index;
  if (rt_key_is_array_index(H(key), &index) && index >= js_array_length_value(H(array)) &&
      map_has_flag(heap_object_map(H(array)), MAP_HAS_READ_ONLY_LENGTH)) {
    return RT_FALSE;
  }
  return ordinary_define_own_property(iso, array, key, desc);
}

/* ---- [[DefineOwnProperty]] ------------------------------------------------------------- */

/* 10.4.3.2 for string wrappers. */
static RuntimeMaybeBool string_define_own_property(Isolate *iso, Handle obj, Handle key,
                                                   const PropertyDescriptor *desc) {
  PropertyDescriptor current;
  if (string_get_own_property(iso, obj, key, &current)) {
    return pd_is_compatible(js_object_is_extensible(H(obj)), desc, &current) ? RT_TRUE
                                                                             : RT_FALSE;
  }
  if (isolate_has_pending_exception(iso)) return RT_EXCEPTION;
  return ordinary_define_own_property(iso, obj, key, desc);
}

RuntimeMaybeBool runtime_define_own_property(Isolate *iso, Handle obj, Handle key,
                                             const PropertyDescriptor *desc) {
  Tagged o = H(obj);
  if (is_js_proxy(o)) return proxy_define_own_property(iso, obj, key, desc);
  if (is_js_array(o)) return array_define_own_property(iso, obj, key, desc);
  if (is_js_typed_array(o)) return typed_array_define_own_property(iso, obj, key, desc);
  if (is_js_module_namespace(o)) return module_namespace_define_own_property(iso, obj, key, desc);
  if (arguments_is_mapped(o)) return arguments_define_own_property(iso, obj, key, desc);
  if (rt_is_string_wrapper(o)) return string_define_own_property(iso, obj, key, desc);
  return ordinary_define_own_property(iso, obj, key, desc);
}

/* ---- prototype and extensibility ------------------------------------------------------- */

Handle runtime_get_prototype_of(Isolate *iso, Handle obj) {
  if (is_js_proxy(H(obj))) return proxy_get_prototype_of(iso, obj);
  return handle_new(iso, js_object_get_prototype(H(obj)));
}

RuntimeMaybeBool runtime_set_prototype_of(Isolate *iso, Handle obj, Handle proto) {
  if (is_js_proxy(H(obj))) return proxy_set_prototype_of(iso, obj, proto);
  /* 10.4.7 %Object.prototype% is an immutable prototype exotic object. */
  Tagged object_prototype = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_object_prototype);
  if (object_prototype != 0 && H(obj) == object_prototype) {
    return js_object_get_prototype(H(obj)) == H(proto) ? RT_TRUE : RT_FALSE;
  }
  return object_maybe(iso, js_object_set_prototype(iso, obj, proto));
}

RuntimeMaybeBool runtime_is_extensible(Isolate *iso, Handle obj) {
  if (is_js_proxy(H(obj))) return proxy_is_extensible(iso, obj);
  return js_object_is_extensible(H(obj)) ? RT_TRUE : RT_FALSE;
}

RuntimeMaybeBool runtime_prevent_extensions(Isolate *iso, Handle obj) {
  if (is_js_proxy(H(obj))) return proxy_prevent_extensions(iso, obj);
  if (is_js_typed_array(H(obj))) return typed_array_prevent_extensions(iso, obj);
  return js_object_prevent_extensions(iso, obj) ? RT_TRUE : RT_EXCEPTION;
}

/* ---- [[HasProperty]], [[Get]], [[Set]] ------------------------------------------------- */

/* Whether obj's own properties need more than the object model's lookup. */
static bool object_has_exotic_own(Tagged obj) {
  InstanceType t = heap_object_type(obj);
  return t == JS_PROXY_TYPE || t == JS_ARGUMENTS_OBJECT_TYPE || t == JS_MODULE_NAMESPACE_TYPE ||
         (t == JS_PRIMITIVE_WRAPPER_TYPE && is_string(js_primitive_wrapper_value(obj)));
}

RuntimeMaybeBool runtime_has_property(Isolate *iso, Handle obj, Handle key) {
  Handle o = obj;
  for (;;) {
    if (is_js_proxy(H(o))) return proxy_has_property(iso, o, key);
    if (is_js_module_namespace(H(o))) return module_namespace_has_property(iso, o, key);
    double index; /* typed arrays (10.4.5.2): numeric keys never reach the prototype */
    if (is_js_typed_array(H(o)) && typed_array_canonical_numeric_index(H(key), &index)) {
      return typed_array_has_numeric(H(o), index) ? RT_TRUE : RT_FALSE;
    }
    if (object_has_exotic_own(H(o))) {
      PropertyDescriptor desc;
      RuntimeMaybeBool r = runtime_get_own_property(iso, o, key, &desc);
      if (r != RT_FALSE) return r;
    } else {
      LookupResult lr;
      if (property_lookup_own(iso, o, key, &lr)) return RT_TRUE;
    }
    Tagged proto = js_object_get_prototype(H(o));
    if (!is_js_receiver(proto)) return RT_FALSE;
    o = handle_new(iso, proto);
  }
}

Handle runtime_get(Isolate *iso, Handle obj, Handle key, Handle receiver) {
  Handle o = obj;
  for (;;) {
    double index; /* typed arrays (10.4.5.4): numeric keys never reach the prototype */
    if (is_js_typed_array(H(o)) && typed_array_canonical_numeric_index(H(key), &index)) {
      return typed_array_get_numeric(iso, o, index);
    }
    if (object_has_exotic_own(H(o))) {
      if (is_js_proxy(H(o))) return proxy_get(iso, o, key, receiver);
      if (is_js_module_namespace(H(o))) return module_namespace_get(iso, o, key, receiver);
      if (arguments_is_mapped(H(o))) return arguments_get(iso, o, key, receiver);
      PropertyDescriptor desc;
      RuntimeMaybeBool r = runtime_get_own_property(iso, o, key, &desc);
      if (r == RT_EXCEPTION) return HANDLE_NULL;
      if (r == RT_TRUE) {
        return pd_is_accessor(&desc) ? rt_call_getter(iso, desc.get, receiver) : desc.value;
      }
    } else {
      LookupResult lr;
      if (property_lookup_own(iso, o, key, &lr)) {
        PropertyDescriptor desc;
        if (lr.state != LOOKUP_ELEMENT && property_details_kind(lr.details) == PROPERTY_DATA) {
          return lookup_result_value(iso, &lr);
        }
        if (object_desc_from_lookup(iso, o, &lr, &desc) == RT_EXCEPTION) return HANDLE_NULL;
        return pd_is_accessor(&desc) ? rt_call_getter(iso, desc.get, receiver) : desc.value;
      }
    }
    Tagged proto = js_object_get_prototype(H(o));
    if (!is_js_receiver(proto)) return rt_undefined(iso);
    o = handle_new(iso, proto);
  }
}

RuntimeMaybeBool ordinary_set_with_own_descriptor(Isolate *iso, Handle obj, Handle key,
                                                  Handle value, Handle receiver,
                                                  const PropertyDescriptor *own_desc) {
  KILN_UNUSED(obj);
  PropertyDescriptor absent;
  if (own_desc == NULL) {
    pd_data(iso, &absent, rt_undefined(iso), PROPERTY_ATTRIBUTES_NONE);
    own_desc = &absent;
  }
  if (pd_is_accessor(own_desc)) {
    if (!runtime_is_callable(H(own_desc->set))) return RT_FALSE;
    Handle r = execution_call(iso, own_desc->set, receiver, 1, &value);
    return handle_is_null(r) ? RT_EXCEPTION : RT_TRUE;
  }
  if (!pd_writable(own_desc) || !is_js_receiver(H(receiver))) return RT_FALSE;
  PropertyDescriptor existing;
  RuntimeMaybeBool r = runtime_get_own_property(iso, receiver, key, &existing);
  if (r == RT_EXCEPTION) return r;
  PropertyDescriptor desc;
  if (r == RT_TRUE) {
    if (pd_is_accessor(&existing) || !pd_writable(&existing)) return RT_FALSE;
    property_descriptor_init(iso, &desc);
    desc.flags = PD_HAS_VALUE;
    desc.value = value;
  } else {
    pd_data(iso, &desc, value, PROPERTY_ATTRIBUTES_NONE);
  }
  return runtime_define_own_property(iso, receiver, key, &desc);
}

/* The common case of [[Set]]: receiver is obj, an ordinary object with a writable own data
 * property (not an array's length). 1 done, 0 not this case, -1 exception. */
static int object_set_fast(Isolate *iso, Handle obj, Handle key, Handle value) {
  LookupResult lr;
  if (!property_lookup_own(iso, obj, key, &lr)) return 0;
  if (property_details_kind(lr.details) != PROPERTY_DATA ||
      (property_details_attributes(lr.details) & READ_ONLY)) {
    return 0;
  }
  switch (lr.state) {
    case LOOKUP_IN_OBJECT:
    case LOOKUP_BACKING_STORE:
    case LOOKUP_DICTIONARY:
      if (js_object_define_own_property(iso, obj, key, value,
                                        (int)property_details_attributes(lr.details))) {
        return 1;
      }
      return isolate_has_pending_exception(iso) ? -1 : 0;
    case LOOKUP_ELEMENT:
      if (js_object_elements_kind(H(obj)) == DICTIONARY_ELEMENTS) return 0;
      return elements_set(iso, obj, lr.element, value) ? 1 : -1;
    default:
      return 0;
  }
}

RuntimeMaybeBool runtime_set(Isolate *iso, Handle obj, Handle key, Handle value,
                             Handle receiver) {
  if (H(obj) == H(receiver) && !object_has_exotic_own(H(obj))) {
    int fast = object_set_fast(iso, obj, key, value);
    if (fast != 0) return fast > 0 ? RT_TRUE : RT_EXCEPTION;
  }
  Handle o = obj;
  for (;;) {
    if (is_js_proxy(H(o))) return proxy_set(iso, o, key, value, receiver);
    if (is_js_module_namespace(H(o))) return RT_FALSE;  /* 10.4.6.9 [[Set]] */
    if (arguments_is_mapped(H(o))) return arguments_set(iso, o, key, value, receiver);
    double index; /* typed arrays (10.4.5.5), or OrdinarySet below */
    if (is_js_typed_array(H(o)) && typed_array_canonical_numeric_index(H(key), &index)) {
      bool ordinary;
      RuntimeMaybeBool handled = typed_array_set_numeric(iso, o, index, value, receiver, &ordinary);
      if (!ordinary) return handled;
    }
    PropertyDescriptor own;
    RuntimeMaybeBool r = runtime_get_own_property(iso, o, key, &own);
    if (r == RT_EXCEPTION) return r;
    if (r == RT_TRUE) return ordinary_set_with_own_descriptor(iso, o, key, value, receiver, &own);
    Tagged proto = js_object_get_prototype(H(o));
    if (!is_js_receiver(proto)) {
      return ordinary_set_with_own_descriptor(iso, o, key, value, receiver, NULL);
    }
    o = handle_new(iso, proto);
  }
}

/* ---- [[Delete]] and [[OwnPropertyKeys]] ------------------------------------------------ */

RuntimeMaybeBool ordinary_delete(Isolate *iso, Handle obj, Handle key) {
  return object_maybe(iso, js_object_delete_property(iso, obj, key));
}

RuntimeMaybeBool runtime_delete(Isolate *iso, Handle obj, Handle key) {
  Tagged o = H(obj);
  if (is_js_proxy(o)) return proxy_delete(iso, obj, key);
  if (is_js_module_namespace(o)) return module_namespace_delete(iso, obj, key);
  if (arguments_is_mapped(o)) return arguments_delete(iso, obj, key);
  if (is_js_typed_array(o)) return typed_array_delete(iso, obj, key);
  if (rt_is_string_wrapper(o)) {
    PropertyDescriptor desc;
    if (string_get_own_property(iso, obj, key, &desc)) return RT_FALSE;
    if (isolate_has_pending_exception(iso)) return RT_EXCEPTION;
  }
  return ordinary_delete(iso, obj, key);
}

Handle ordinary_own_property_keys(Isolate *iso, Handle obj) {
  Handle keys = js_object_own_property_keys(iso, obj);
  if (handle_is_null(keys)) return keys;
  int64_t n = fixed_array_length(H(keys)), kept = 0;
  for (int64_t i = 0; i < n; i++) {
    Tagged k = fixed_array_get(H(keys), i);
    if (!rt_is_private_symbol(k)) fixed_array_set(H(keys), kept++, k);
  }
  if (kept == n) return keys;
  return factory_copy_fixed_array(iso, keys, kept, ROOT(iso, undefined_value));
}

/* 10.4.3.3: the string's indexes, then the ordinary keys (whose indexes are all past the
 * string's length), with "length" first among the string keys. */
static Handle string_own_property_keys(Isolate *iso, Handle obj) {
  Handle keys = ordinary_own_property_keys(iso, obj);
  if (handle_is_null(keys)) return keys;
  int64_t length = string_length(js_primitive_wrapper_value(H(obj)));
  int64_t n = fixed_array_length(H(keys)), index_keys = 0;
  uint32_t index;
  while (index_keys < n && rt_key_is_array_index(fixed_array_get(H(keys), index_keys), &index)) {
    index_keys++;
  }
  Handle out = factory_new_fixed_array(iso, length + 1 + n);
  if (handle_is_null(out)) return out;
  for (int64_t i = 0; i < length; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle key = runtime_index_to_key(iso, (double)i);
    if (!handle_is_null(key)) fixed_array_set(H(out), i, H(key));
    handle_scope_close(&scope);
    if (isolate_has_pending_exception(iso)) return HANDLE_NULL;
  }
  int64_t at = length;
  for (int64_t i = 0; i < index_keys; i++) fixed_array_set(H(out), at++, fixed_array_get(H(keys), i));
  fixed_array_set(H(out), at++, ROOT(iso, length_string));
  for (int64_t i = index_keys; i < n; i++) fixed_array_set(H(out), at++, fixed_array_get(H(keys), i));
  return out;
}

Handle runtime_own_property_keys(Isolate *iso, Handle obj) {
  if (is_js_proxy(H(obj))) return proxy_own_property_keys(iso, obj);
  if (rt_is_string_wrapper(H(obj))) return string_own_property_keys(iso, obj);
  if (is_js_typed_array(H(obj))) return typed_array_own_property_keys(iso, obj);
  if (is_js_module_namespace(H(obj))) return module_namespace_own_property_keys(iso, obj);
  return ordinary_own_property_keys(iso, obj);
}
