/*
 * runtime-arguments.c: arguments objects (ES2025 10.4.4). Layout in objects.h
 * (JSArgumentsObject): the elements hold every argument; a mapped (sloppy) object's
 * `mapping` says which indexes alias a parameter's context slot. While index i is mapped,
 * its value is the context slot (the parameter variable) and the element store's copy is
 * stale: reads go to the context, and the store is refreshed before anything ordinary
 * looks at it (a redefinition), so unmapping leaves the right value behind.
 *
 * The interpreter must not take element fast paths on JS_ARGUMENTS_OBJECT_TYPE objects
 * whose mapping is a FixedArray: they go through runtime_get / runtime_set.
 */
#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/map.h"
#include "runtime/runtime-internal.h"

/* ---- creation ----------------------------------------------------------------------- */

/* The realm's map for arguments objects (made on first use, kept in the native context),
 * or a fresh one without a realm. May allocate. */
static Handle arguments_map(Isolate *iso, bool mapped) {
  int slot = mapped ? NATIVE_CONTEXT_sloppy_arguments_map : NATIVE_CONTEXT_strict_arguments_map;
  Tagged cached = runtime_realm_intrinsic(iso, slot);
  if (cached != 0 && is_map(cached) && map_instance_type(cached) == JS_ARGUMENTS_OBJECT_TYPE) {
    return handle_new(iso, cached);
  }
  enum { kInObject = 3 }; /* length, @@iterator, callee */
  Handle map = factory_new_map(iso, JS_ARGUMENTS_OBJECT_TYPE,
                               JSArgumentsObject_kHeaderSize + kInObject * kTaggedSize, kInObject);
  if (handle_is_null(map)) return map;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  Tagged proto = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_object_prototype);
  if (proto != 0) map_set_prototype(H(map), proto);
  if (iso->native_context != 0) context_set(iso->native_context, slot, H(map));
  return map;
}

/* An arguments object with argc elements and "length"; @@iterator when the realm has
 * %Array.prototype.values%. May allocate. */
static Handle arguments_new(Isolate *iso, bool mapped, int argc, const Tagged *argv) {
  Handle map = arguments_map(iso, mapped);
  if (handle_is_null(map)) return map;
  Handle store = argc == 0 ? ROOT_HANDLE(iso, empty_fixed_array) : factory_new_fixed_array(iso, argc);
  if (handle_is_null(store)) return store;
  for (int i = 0; i < argc; i++) fixed_array_set(H(store), i, argv[i]);
  Handle obj = js_object_new_with_map(iso, map);
  if (handle_is_null(obj)) return obj;
  js_object_set_elements(H(obj), H(store));
  js_arguments_object_set_context(H(obj), ROOT(iso, undefined_value));
  js_arguments_object_set_mapping(H(obj), ROOT(iso, undefined_value));
  Handle length = handle_new(iso, smi_from_int(argc));
  if (!js_object_define_own_property(iso, obj, ROOT_HANDLE(iso, length_string), length, DONT_ENUM)) {
    return HANDLE_NULL;
  }
  Tagged values = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_array_prototype_values);
  if (values != 0 &&
      !js_object_define_own_property(iso, obj, ROOT_HANDLE(iso, iterator_symbol),
                                     handle_new(iso, values), DONT_ENUM)) {
    return HANDLE_NULL;
  }
  return obj;
}

Handle runtime_new_unmapped_arguments(Isolate *iso, int argc, const Tagged *argv) {
  Handle obj = arguments_new(iso, false, argc, argv);
  if (handle_is_null(obj)) return obj;
  Tagged thrower = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_throw_type_error);
  Handle t = thrower != 0 ? handle_new(iso, thrower) : rt_undefined(iso);
  Handle pair = factory_new_accessor_pair(iso, t, t);
  if (handle_is_null(pair)) return pair;
  if (!js_object_define_accessor(iso, obj, ROOT_HANDLE(iso, callee_string), pair,
                                 DONT_ENUM | DONT_DELETE)) {
    return HANDLE_NULL;
  }
  return obj;
}

Handle runtime_new_mapped_arguments(Isolate *iso, Handle callee, Handle context, int argc,
                                    const Tagged *argv, int mapped_count,
                                    const int *context_slots) {
  Handle obj = arguments_new(iso, true, argc, argv);
  if (handle_is_null(obj)) return obj;
  if (!js_object_define_own_property(iso, obj, ROOT_HANDLE(iso, callee_string), callee, DONT_ENUM)) {
    return HANDLE_NULL;
  }
  if (mapped_count > argc) mapped_count = argc;
  Handle mapping = factory_new_fixed_array_with_holes(iso, mapped_count);
  if (handle_is_null(mapping)) return mapping;
  for (int i = 0; i < mapped_count; i++) {
    if (context_slots[i] >= 0) fixed_array_set(H(mapping), i, smi_from_int(context_slots[i]));
  }
  js_arguments_object_set_context(H(obj), H(context));
  js_arguments_object_set_mapping(H(obj), H(mapping));
  return obj;
}

/* ---- the map --------------------------------------------------------------------------- */

/* Is key a mapped index of obj? Sets *index and *slot. */
static bool arguments_lookup_map(Tagged obj, Tagged key, uint32_t *index, int *slot) {
  if (!arguments_is_mapped(obj) || !rt_key_is_array_index(key, index)) return false;
  Tagged mapping = js_arguments_object_mapping(obj);
  if (*index >= fixed_array_length(mapping)) return false;
  Tagged entry = fixed_array_get(mapping, *index);
  if (!is_smi(entry)) return false;
  *slot = smi_value(entry);
  return true;
}

static Tagged arguments_mapped_value(Tagged obj, int slot) {
  return context_get(js_arguments_object_context(obj), slot);
}

static void arguments_unmap(Isolate *iso, Tagged obj, uint32_t index) {
  fixed_array_set(js_arguments_object_mapping(obj), index, ROOT(iso, the_hole_value));
}

/* Copies a mapped index's current value into the element store. Does not allocate. */
static void arguments_refresh_element(Isolate *iso, Tagged obj, uint32_t index, Tagged value) {
  Tagged store = js_object_elements(obj);
  if (js_object_elements_kind(obj) == DICTIONARY_ELEMENTS) {
    int entry = number_dictionary_find(iso, store, index);
    if (entry >= 0) dictionary_set_value_at(store, entry, value);
  } else if (index < fixed_array_length(store) && !is_fixed_double_array(store)) {
    fixed_array_set(store, index, value);
  }
}

/* ---- internal methods -------------------------------------------------------------- */

RuntimeMaybeBool arguments_get_own_property(Isolate *iso, Handle obj, Handle key,
                                            PropertyDescriptor *desc) {
  RuntimeMaybeBool r = ordinary_get_own_property(iso, obj, key, desc);
  uint32_t index;
  int slot;
  if (r == RT_TRUE && arguments_lookup_map(H(obj), H(key), &index, &slot)) {
    desc->value = handle_new(iso, arguments_mapped_value(H(obj), slot));
  }
  return r;
}

RuntimeMaybeBool arguments_define_own_property(Isolate *iso, Handle obj, Handle key,
                                               const PropertyDescriptor *desc) {
  uint32_t index;
  int slot;
  bool mapped = arguments_lookup_map(H(obj), H(key), &index, &slot);
  if (mapped) arguments_refresh_element(iso, H(obj), index, arguments_mapped_value(H(obj), slot));
  RuntimeMaybeBool r = ordinary_define_own_property(iso, obj, key, desc);
  if (r != RT_TRUE || !mapped) return r;
  if (pd_is_accessor(desc)) {
    arguments_unmap(iso, H(obj), index);
    return RT_TRUE;
  }
  if (desc->flags & PD_HAS_VALUE) {
    context_set(js_arguments_object_context(H(obj)), slot, H(desc->value));
  }
  if ((desc->flags & PD_HAS_WRITABLE) && !pd_writable(desc)) arguments_unmap(iso, H(obj), index);
  return RT_TRUE;
}

Handle arguments_get(Isolate *iso, Handle obj, Handle key, Handle receiver) {
  uint32_t index;
  int slot;
  if (arguments_lookup_map(H(obj), H(key), &index, &slot)) {
    return handle_new(iso, arguments_mapped_value(H(obj), slot));
  }
  PropertyDescriptor desc;
  RuntimeMaybeBool r = ordinary_get_own_property(iso, obj, key, &desc);
  if (r == RT_EXCEPTION) return HANDLE_NULL;
  if (r == RT_TRUE) {
    return pd_is_accessor(&desc) ? rt_call_getter(iso, desc.get, receiver) : desc.value;
  }
  Tagged proto = js_object_get_prototype(H(obj));
  if (!is_js_receiver(proto)) return rt_undefined(iso);
  return runtime_get(iso, handle_new(iso, proto), key, receiver);
}

RuntimeMaybeBool arguments_set(Isolate *iso, Handle obj, Handle key, Handle value,
                               Handle receiver) {
  uint32_t index;
  int slot;
  if (H(obj) == H(receiver) && arguments_lookup_map(H(obj), H(key), &index, &slot)) {
    context_set(js_arguments_object_context(H(obj)), slot, H(value));
  }
  PropertyDescriptor own;
  RuntimeMaybeBool r = arguments_get_own_property(iso, obj, key, &own);
  if (r == RT_EXCEPTION) return r;
  if (r == RT_TRUE) return ordinary_set_with_own_descriptor(iso, obj, key, value, receiver, &own);
  Tagged proto = js_object_get_prototype(H(obj));
  if (!is_js_receiver(proto)) {
    return ordinary_set_with_own_descriptor(iso, obj, key, value, receiver, NULL);
  }
  return runtime_set(iso, handle_new(iso, proto), key, value, receiver);
}

RuntimeMaybeBool arguments_delete(Isolate *iso, Handle obj, Handle key) {
  uint32_t index;
  int slot;
  bool mapped = arguments_lookup_map(H(obj), H(key), &index, &slot);
  RuntimeMaybeBool r = ordinary_delete(iso, obj, key);
  if (r == RT_TRUE && mapped) arguments_unmap(iso, H(obj), index);
  return r;
}
