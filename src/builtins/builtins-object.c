/*
 * builtins-object.c: the Object constructor and Object.prototype (ES2025 20.1), with the
 * Annex B accessors (__proto__, __defineGetter__ and friends, B.2.2).
 */
#include <stdlib.h>

#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"

#define OBJECT_BUILTINS(V)                                         \
  V(ObjectAssign, "assign", 2)                                     \
  V(ObjectCreate, "create", 2)                                     \
  V(ObjectDefineProperties, "defineProperties", 2)                 \
  V(ObjectDefineProperty, "defineProperty", 3)                     \
  V(ObjectEntries, "entries", 1)                                   \
  V(ObjectFreeze, "freeze", 1)                                     \
  V(ObjectFromEntries, "fromEntries", 1)                           \
  V(ObjectGetOwnPropertyDescriptor, "getOwnPropertyDescriptor", 2) \
  V(ObjectGetOwnPropertyDescriptors, "getOwnPropertyDescriptors", 1) \
  V(ObjectGetOwnPropertyNames, "getOwnPropertyNames", 1)           \
  V(ObjectGetOwnPropertySymbols, "getOwnPropertySymbols", 1)       \
  V(ObjectGetPrototypeOf, "getPrototypeOf", 1)                     \
  V(ObjectGroupBy, "groupBy", 2)                                   \
  V(ObjectHasOwn, "hasOwn", 2)                                     \
  V(ObjectIs, "is", 2)                                             \
  V(ObjectIsExtensible, "isExtensible", 1)                         \
  V(ObjectIsFrozen, "isFrozen", 1)                                 \
  V(ObjectIsSealed, "isSealed", 1)                                 \
  V(ObjectKeys, "keys", 1)                                         \
  V(ObjectPreventExtensions, "preventExtensions", 1)               \
  V(ObjectSeal, "seal", 1)                                         \
  V(ObjectSetPrototypeOf, "setPrototypeOf", 2)                     \
  V(ObjectValues, "values", 1)

#define OBJECT_PROTOTYPE_BUILTINS(V)                                  \
  V(ObjectPrototypeHasOwnProperty, "hasOwnProperty", 1)               \
  V(ObjectPrototypeIsPrototypeOf, "isPrototypeOf", 1)                 \
  V(ObjectPrototypePropertyIsEnumerable, "propertyIsEnumerable", 1)   \
  V(ObjectPrototypeToLocaleString, "toLocaleString", 0)               \
  V(ObjectPrototypeToString, "toString", 0)                           \
  V(ObjectPrototypeValueOf, "valueOf", 0)                             \
  V(ObjectPrototypeDefineGetter, "__defineGetter__", 2)               \
  V(ObjectPrototypeDefineSetter, "__defineSetter__", 2)               \
  V(ObjectPrototypeLookupGetter, "__lookupGetter__", 1)               \
  V(ObjectPrototypeLookupSetter, "__lookupSetter__", 1)

OBJECT_BUILTINS(BUILTIN_DECLARE)
OBJECT_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(ObjectConstructor, "Object", 1)
BUILTIN_DECLARE(ObjectPrototypeGetProto, "__proto__", 0)
BUILTIN_DECLARE(ObjectPrototypeSetProto, "__proto__", 1)

/* ---- the constructor ------------------------------------------------------------------- */

/* ES2025 20.1.1.1 Object ( [ value ] ) */
BUILTIN(ObjectConstructor) {
  Handle new_target = builtin_new_target(args);
  if (!is_undefined(iso, H(new_target)) && H(new_target) != *args->target) {
    Handle realm = builtins_realm(iso, args);
    Handle map = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_object_map);
    return builtins_create_from_constructor(iso, new_target, NATIVE_CONTEXT_object_prototype,
                                            map);
  }
  Handle value = BUILTIN_ARG(0);
  if (is_undefined(iso, H(value)) || is_null(iso, H(value))) {
    Handle realm = builtins_realm(iso, args);
    return factory_new_js_object_from_map(
        iso, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_object_map));
  }
  return runtime_to_object(iso, value);
}

/* ES2025 20.1.2.1 Object.assign ( target, ...sources ) */
BUILTIN(ObjectAssign) {
  Handle to = runtime_to_object(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(to);
  for (int i = 1; i < args->argc; i++) {
    Handle source = BUILTIN_ARG(i);
    if (is_undefined(iso, H(source)) || is_null(iso, H(source))) continue;
    Handle from = runtime_to_object(iso, source);
    BUILTIN_TRY(from);
    Handle keys = runtime_own_property_keys(iso, from);
    BUILTIN_TRY(keys);
    for (int64_t k = 0; k < fixed_array_length(H(keys)); k++) {
      HandleScope scope;
      handle_scope_open(iso, &scope);
      Handle key = handle_new(iso, fixed_array_get(H(keys), k));
      PropertyDescriptor desc;
      property_descriptor_init(iso, &desc);
      RuntimeMaybeBool has = runtime_get_own_property(iso, from, key, &desc);
      bool ok = has != RT_EXCEPTION;
      if (has == RT_TRUE && (desc.flags & PD_ENUMERABLE)) {
        Handle value = runtime_get(iso, from, key, from);
        ok = !handle_is_null(value) && runtime_set_property(iso, to, key, value, true);
      }
      handle_scope_close(&scope);
      BUILTIN_CHECK(ok);
    }
  }
  return to;
}

/* ES2025 20.1.2.3.1 ObjectDefineProperties ( O, Properties ) */
static bool object_define_properties(Isolate *iso, Handle obj, Handle properties) {
  Handle props = runtime_to_object(iso, properties);
  if (handle_is_null(props)) return false;
  Handle keys = runtime_own_property_keys(iso, props);
  if (handle_is_null(keys)) return false;
  int64_t n = fixed_array_length(H(keys));
  PropertyDescriptor *descs = calloc((size_t)n + 1, sizeof *descs);
  Handle *descs_keys = calloc((size_t)n + 1, sizeof *descs_keys);
  int count = 0;
  bool ok = descs != NULL && descs_keys != NULL;
  for (int64_t k = 0; ok && k < n; k++) {
    Handle key = handle_new(iso, fixed_array_get(H(keys), k));
    PropertyDescriptor prop;
    property_descriptor_init(iso, &prop);
    RuntimeMaybeBool has = runtime_get_own_property(iso, props, key, &prop);
    if (has == RT_EXCEPTION) ok = false;
    if (!ok || has != RT_TRUE || !(prop.flags & PD_ENUMERABLE)) continue;
    Handle desc_obj = runtime_get(iso, props, key, props);
    ok = !handle_is_null(desc_obj) &&
         runtime_to_property_descriptor(iso, desc_obj, &descs[count]);
    descs_keys[count++] = key;
  }
  for (int i = 0; ok && i < count; i++) {
    ok = runtime_define_property_or_throw(iso, obj, descs_keys[i], &descs[i]);
  }
  free(descs);
  free(descs_keys);
  return ok;
}

/* ES2025 20.1.2.2 Object.create ( O, Properties ) */
BUILTIN(ObjectCreate) {
  Handle proto = BUILTIN_ARG(0);
  if (!is_js_receiver(H(proto)) && !is_null(iso, H(proto))) {
    return builtins_throw_type_error(iso, "Object prototype may only be an Object or null");
  }
  Handle obj = builtins_new_object_with_proto(iso, builtins_realm(iso, args), proto);
  BUILTIN_TRY(obj);
  Handle properties = BUILTIN_ARG(1);
  if (!is_undefined(iso, H(properties))) {
    BUILTIN_CHECK(object_define_properties(iso, obj, properties));
  }
  return obj;
}

/* ES2025 20.1.2.3 Object.defineProperties ( O, Properties ) */
BUILTIN(ObjectDefineProperties) {
  Handle obj = BUILTIN_ARG(0);
  if (!is_js_receiver(H(obj))) {
    return builtins_throw_type_error(iso, "Object.defineProperties called on non-object");
  }
  BUILTIN_CHECK(object_define_properties(iso, obj, BUILTIN_ARG(1)));
  return obj;
}

/* ES2025 20.1.2.4 Object.defineProperty ( O, P, Attributes ) */
BUILTIN(ObjectDefineProperty) {
  Handle obj = BUILTIN_ARG(0);
  if (!is_js_receiver(H(obj))) {
    return builtins_throw_type_error(iso, "Object.defineProperty called on non-object");
  }
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(key);
  PropertyDescriptor desc;
  BUILTIN_CHECK(runtime_to_property_descriptor(iso, BUILTIN_ARG(2), &desc));
  BUILTIN_CHECK(runtime_define_property_or_throw(iso, obj, key, &desc));
  return obj;
}

static Handle object_enumerable_own(Isolate *iso, BuiltinArgs *args, int kind) {
  Handle obj = runtime_to_object(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(obj);
  return runtime_enumerable_own_properties(iso, obj, kind);
}

/* ES2025 20.1.2.5 Object.entries, 20.1.2.18 Object.keys, 20.1.2.23 Object.values */
BUILTIN(ObjectEntries) { return object_enumerable_own(iso, args, 2); }
BUILTIN(ObjectKeys) { return object_enumerable_own(iso, args, 0); }
BUILTIN(ObjectValues) { return object_enumerable_own(iso, args, 1); }

/* ES2025 20.1.2.6 Object.freeze, 20.1.2.22 Object.seal */
static Handle object_set_integrity(Isolate *iso, BuiltinArgs *args, bool frozen) {
  Handle obj = BUILTIN_ARG(0);
  if (!is_js_receiver(H(obj))) return obj;
  if (!runtime_set_integrity_level(iso, obj, frozen)) {
    if (isolate_has_pending_exception(iso)) return HANDLE_NULL;
    return builtins_throw_type_error(iso, "Cannot %s object", frozen ? "freeze" : "seal");
  }
  return obj;
}
BUILTIN(ObjectFreeze) { return object_set_integrity(iso, args, true); }
BUILTIN(ObjectSeal) { return object_set_integrity(iso, args, false); }

/* ES2025 20.1.2.7 Object.fromEntries ( iterable ) */
BUILTIN(ObjectFromEntries) {
  Handle iterable = BUILTIN_ARG(0);
  if (is_undefined(iso, H(iterable)) || is_null(iso, H(iterable))) {
    return builtins_throw_type_error(iso, "Object.fromEntries requires an iterable");
  }
  Handle realm = builtins_realm(iso, args);
  Handle obj = factory_new_js_object_from_map(
      iso, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_object_map));
  BUILTIN_TRY(obj);
  IteratorRecord rec;
  BUILTIN_CHECK(runtime_get_iterator(iso, iterable, &rec));
  for (;;) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle entry = runtime_iterator_step_value(iso, &rec, &done);
    bool ok = !handle_is_null(entry) || done;
    bool abrupt = false;
    if (ok && !done) {
      if (!is_js_receiver(H(entry))) {
        builtins_throw_type_error(iso, "Iterator value is not an entry object");
        abrupt = true;
      } else {
        Handle k = builtins_get_index(iso, entry, 0);
        Handle v = handle_is_null(k) ? k : builtins_get_index(iso, entry, 1);
        Handle key = handle_is_null(v) ? v : runtime_to_property_key(iso, k);
        abrupt = handle_is_null(key) ||
                 !runtime_create_data_property_or_throw(iso, obj, key, v);
      }
      if (abrupt) runtime_iterator_close(iso, &rec, true);
    }
    handle_scope_close(&scope);
    if (!ok || abrupt) return HANDLE_NULL;
    if (done) return obj;
  }
}

/* ES2025 20.1.2.8 Object.getOwnPropertyDescriptor ( O, P ) */
BUILTIN(ObjectGetOwnPropertyDescriptor) {
  Handle obj = runtime_to_object(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(obj);
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(key);
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  RuntimeMaybeBool has = runtime_get_own_property(iso, obj, key, &desc);
  if (has == RT_EXCEPTION) return HANDLE_NULL;
  if (has == RT_FALSE) return BUILTIN_UNDEFINED;
  return runtime_from_property_descriptor(iso, &desc);
}

/* ES2025 20.1.2.9 Object.getOwnPropertyDescriptors ( O ) */
BUILTIN(ObjectGetOwnPropertyDescriptors) {
  Handle obj = runtime_to_object(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(obj);
  Handle keys = runtime_own_property_keys(iso, obj);
  BUILTIN_TRY(keys);
  Handle realm = builtins_realm(iso, args);
  Handle result = factory_new_js_object_from_map(
      iso, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_object_map));
  BUILTIN_TRY(result);
  for (int64_t i = 0; i < fixed_array_length(H(keys)); i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle key = handle_new(iso, fixed_array_get(H(keys), i));
    PropertyDescriptor desc;
    property_descriptor_init(iso, &desc);
    RuntimeMaybeBool has = runtime_get_own_property(iso, obj, key, &desc);
    bool ok = has != RT_EXCEPTION;
    if (has == RT_TRUE) {
      Handle d = runtime_from_property_descriptor(iso, &desc);
      ok = !handle_is_null(d) && runtime_create_data_property_or_throw(iso, result, key, d);
    }
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
  }
  return result;
}

/* ES2025 20.1.2.11.1 GetOwnPropertyKeys ( O, type ) */
static Handle object_own_keys_of_type(Isolate *iso, BuiltinArgs *args, bool symbols) {
  Handle obj = runtime_to_object(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(obj);
  Handle keys = runtime_own_property_keys(iso, obj);
  BUILTIN_TRY(keys);
  int64_t n = fixed_array_length(H(keys)), count = 0;
  Handle list = factory_new_fixed_array(iso, n);
  BUILTIN_TRY(list);
  for (int64_t i = 0; i < n; i++) {
    Tagged key = fixed_array_get(H(keys), i);
    if (is_symbol(key) != symbols) continue;
    if (is_symbol(key) && symbol_has_flag(key, SYMBOL_IS_PRIVATE)) continue;
    fixed_array_set(H(list), count++, key);
  }
  Handle *items = malloc(sizeof(Handle) * (size_t)(count + 1));
  if (items == NULL) return builtins_throw_range_error(iso, "out of memory");
  for (int64_t i = 0; i < count; i++) items[i] = handle_new(iso, fixed_array_get(H(list), i));
  Handle array = runtime_create_array_from_list(iso, (int)count, items);
  free(items);
  return array;
}

/* ES2025 20.1.2.10 Object.getOwnPropertyNames, 20.1.2.11 Object.getOwnPropertySymbols */
BUILTIN(ObjectGetOwnPropertyNames) { return object_own_keys_of_type(iso, args, false); }
BUILTIN(ObjectGetOwnPropertySymbols) { return object_own_keys_of_type(iso, args, true); }

/* ES2025 20.1.2.12 Object.getPrototypeOf ( O ) */
BUILTIN(ObjectGetPrototypeOf) {
  Handle obj = runtime_to_object(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(obj);
  return runtime_get_prototype_of(iso, obj);
}

/* ES2025 20.1.2.13 Object.groupBy ( items, callback ): 7.3.35 GroupBy with property keys. */
BUILTIN(ObjectGroupBy) {
  Handle items = BUILTIN_ARG(0), callback = BUILTIN_ARG(1);
  if (is_undefined(iso, H(items)) || is_null(iso, H(items))) {
    return builtins_throw_type_error(iso, "Object.groupBy called on null or undefined");
  }
  if (!runtime_is_callable(H(callback))) return runtime_throw_not_callable(iso, callback);
  Handle realm = builtins_realm(iso, args);
  Handle result = builtins_new_object_with_proto(iso, realm, ROOT_HANDLE(iso, null_value));
  BUILTIN_TRY(result);
  IteratorRecord rec;
  BUILTIN_CHECK(runtime_get_iterator(iso, items, &rec));
  for (double k = 0;; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle value = runtime_iterator_step_value(iso, &rec, &done);
    bool ok = !handle_is_null(value) || done, abrupt = false;
    if (ok && !done) {
      Handle cb_args[2] = {value, builtins_number(iso, k)};
      Handle key = handle_is_null(cb_args[1])
                       ? cb_args[1]
                       : builtins_call(iso, callback, BUILTIN_UNDEFINED, 2, cb_args);
      if (!handle_is_null(key)) key = runtime_to_property_key(iso, key);
      Handle group = handle_is_null(key) ? key : runtime_get(iso, result, key, result);
      if (!handle_is_null(group) && is_undefined(iso, H(group))) {
        group = runtime_create_array_from_list(iso, 0, NULL);
        if (!handle_is_null(group) &&
            !runtime_create_data_property_or_throw(iso, result, key, group)) {
          group = HANDLE_NULL;
        }
      }
      abrupt = handle_is_null(group) || !js_array_push(iso, group, value);
      if (abrupt) runtime_iterator_close(iso, &rec, true);
    }
    handle_scope_close(&scope);
    if (!ok || abrupt) return HANDLE_NULL;
    if (done) return result;
  }
}

/* ES2025 20.1.2.14 Object.hasOwn ( O, P ) */
BUILTIN(ObjectHasOwn) {
  Handle obj = runtime_to_object(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(obj);
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(key);
  RuntimeMaybeBool has = runtime_has_own_property(iso, obj, key);
  if (has == RT_EXCEPTION) return HANDLE_NULL;
  return builtins_boolean(iso, has == RT_TRUE);
}

/* ES2025 20.1.2.15 Object.is ( value1, value2 ) */
BUILTIN(ObjectIs) {
  return builtins_boolean(iso, runtime_same_value(H(BUILTIN_ARG(0)), H(BUILTIN_ARG(1))));
}

/* ES2025 20.1.2.16 Object.isExtensible ( O ) */
BUILTIN(ObjectIsExtensible) {
  Handle obj = BUILTIN_ARG(0);
  if (!is_js_receiver(H(obj))) return ROOT_HANDLE(iso, false_value);
  RuntimeMaybeBool r = runtime_is_extensible(iso, obj);
  if (r == RT_EXCEPTION) return HANDLE_NULL;
  return builtins_boolean(iso, r == RT_TRUE);
}

static Handle object_test_integrity(Isolate *iso, BuiltinArgs *args, bool frozen) {
  Handle obj = BUILTIN_ARG(0);
  if (!is_js_receiver(H(obj))) return ROOT_HANDLE(iso, true_value);
  RuntimeMaybeBool r = runtime_test_integrity_level(iso, obj, frozen);
  if (r == RT_EXCEPTION) return HANDLE_NULL;
  return builtins_boolean(iso, r == RT_TRUE);
}

/* ES2025 20.1.2.17 Object.isFrozen, 20.1.2.18 Object.isSealed */
BUILTIN(ObjectIsFrozen) { return object_test_integrity(iso, args, true); }
BUILTIN(ObjectIsSealed) { return object_test_integrity(iso, args, false); }

/* ES2025 20.1.2.20 Object.preventExtensions ( O ) */
BUILTIN(ObjectPreventExtensions) {
  Handle obj = BUILTIN_ARG(0);
  if (!is_js_receiver(H(obj))) return obj;
  RuntimeMaybeBool r = runtime_prevent_extensions(iso, obj);
  if (r == RT_EXCEPTION) return HANDLE_NULL;
  if (r == RT_FALSE) return builtins_throw_type_error(iso, "Cannot prevent extensions");
  return obj;
}

/* ES2025 20.1.2.23 Object.setPrototypeOf ( O, proto ) */
BUILTIN(ObjectSetPrototypeOf) {
  Handle obj = BUILTIN_ARG(0), proto = BUILTIN_ARG(1);
  if (is_undefined(iso, H(obj)) || is_null(iso, H(obj))) {
    return builtins_throw_type_error(iso, "Object.setPrototypeOf called on null or undefined");
  }
  if (!is_js_receiver(H(proto)) && !is_null(iso, H(proto))) {
    return builtins_throw_type_error(iso, "Object prototype may only be an Object or null");
  }
  if (!is_js_receiver(H(obj))) return obj;
  RuntimeMaybeBool r = runtime_set_prototype_of(iso, obj, proto);
  if (r == RT_EXCEPTION) return HANDLE_NULL;
  if (r == RT_FALSE) return builtins_throw_type_error(iso, "Cannot set prototype of object");
  return obj;
}

/* ---- Object.prototype ------------------------------------------------------------------ */

/* ES2025 20.1.3.2 Object.prototype.hasOwnProperty ( V ) */
BUILTIN(ObjectPrototypeHasOwnProperty) {
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(key);
  Handle obj = runtime_to_object(iso, builtin_receiver(args));
  BUILTIN_TRY(obj);
  RuntimeMaybeBool has = runtime_has_own_property(iso, obj, key);
  if (has == RT_EXCEPTION) return HANDLE_NULL;
  return builtins_boolean(iso, has == RT_TRUE);
}

/* ES2025 20.1.3.3 Object.prototype.isPrototypeOf ( V ) */
BUILTIN(ObjectPrototypeIsPrototypeOf) {
  Handle v = BUILTIN_ARG(0);
  if (!is_js_receiver(H(v))) return ROOT_HANDLE(iso, false_value);
  Handle obj = runtime_to_object(iso, builtin_receiver(args));
  BUILTIN_TRY(obj);
  for (;;) {
    v = runtime_get_prototype_of(iso, v);
    BUILTIN_TRY(v);
    if (is_null(iso, H(v))) return ROOT_HANDLE(iso, false_value);
    if (H(v) == H(obj)) return ROOT_HANDLE(iso, true_value);
  }
}

/* ES2025 20.1.3.4 Object.prototype.propertyIsEnumerable ( V ) */
BUILTIN(ObjectPrototypePropertyIsEnumerable) {
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(key);
  Handle obj = runtime_to_object(iso, builtin_receiver(args));
  BUILTIN_TRY(obj);
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  RuntimeMaybeBool has = runtime_get_own_property(iso, obj, key, &desc);
  if (has == RT_EXCEPTION) return HANDLE_NULL;
  return builtins_boolean(iso, has == RT_TRUE && (desc.flags & PD_ENUMERABLE));
}

/* ES2025 20.1.3.5 Object.prototype.toLocaleString ( ) */
BUILTIN(ObjectPrototypeToLocaleString) {
  Handle key = builtins_string(iso, "toString");
  BUILTIN_TRY(key);
  return runtime_invoke(iso, builtin_receiver(args), key, 0, NULL);
}

/* The builtinTag of ES2025 20.1.3.6 steps 5-14. */
static const char *object_builtin_tag(Isolate *iso, Handle obj, bool *error) {
  RuntimeMaybeBool is_array = runtime_is_array(iso, obj);
  *error = is_array == RT_EXCEPTION;
  if (is_array == RT_TRUE) return "Array";
  Tagged o = H(obj);
  InstanceType type = heap_object_type(o);
  if (type == JS_ERROR_TYPE) return "Error";
  if (type == JS_DATE_TYPE) return "Date";
  if (type == JS_REG_EXP_TYPE) return "RegExp";
  if (type == JS_PRIMITIVE_WRAPPER_TYPE) {
    Tagged value = js_primitive_wrapper_value(o);
    if (is_string(value)) return "String";
    if (is_number(value)) return "Number";
    if (is_oddball(value)) return "Boolean";
  }
#ifdef JS_ARGUMENTS_OBJECT_FIELDS
  if (type == JS_ARGUMENTS_OBJECT_TYPE) return "Arguments";
#endif
  if (runtime_is_callable(o)) return "Function";
  return "Object";
}

/* ES2025 20.1.3.6 Object.prototype.toString ( ) */
BUILTIN(ObjectPrototypeToString) {
  return builtins_object_prototype_to_string(iso, builtin_receiver(args));
}

Handle builtins_object_prototype_to_string(Isolate *iso, Handle receiver) {
  if (is_undefined(iso, H(receiver))) return builtins_string(iso, "[object Undefined]");
  if (is_null(iso, H(receiver))) return builtins_string(iso, "[object Null]");
  Handle obj = runtime_to_object(iso, receiver);
  BUILTIN_TRY(obj);
  bool error;
  const char *builtin_tag = object_builtin_tag(iso, obj, &error);
  if (error) return HANDLE_NULL;
  Handle tag = runtime_get(iso, obj, ROOT_HANDLE(iso, to_string_tag_symbol), obj);
  BUILTIN_TRY(tag);
  char buf[64];
  if (!is_string(H(tag))) {
    snprintf(buf, sizeof buf, "[object %s]", builtin_tag);
    return builtins_string(iso, buf);
  }
  Handle open = builtins_string(iso, "[object ");
  BUILTIN_TRY(open);
  Handle close = builtins_string(iso, "]");
  BUILTIN_TRY(close);
  Handle s = string_concat(iso, open, tag);
  BUILTIN_TRY(s);
  return string_concat(iso, s, close);
}

/* ES2025 20.1.3.7 Object.prototype.valueOf ( ) */
BUILTIN(ObjectPrototypeValueOf) { return runtime_to_object(iso, builtin_receiver(args)); }

/* ES2025 B.2.2.2 / B.2.2.3 __defineGetter__ / __defineSetter__ */
static Handle object_define_accessor(Isolate *iso, BuiltinArgs *args, bool getter) {
  Handle obj = runtime_to_object(iso, builtin_receiver(args));
  BUILTIN_TRY(obj);
  Handle fn = BUILTIN_ARG(1);
  if (!runtime_is_callable(H(fn))) return runtime_throw_not_callable(iso, fn);
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  desc.flags = PD_HAS_ENUMERABLE | PD_ENUMERABLE | PD_HAS_CONFIGURABLE | PD_CONFIGURABLE |
               (getter ? PD_HAS_GET : PD_HAS_SET);
  if (getter) desc.get = fn; else desc.set = fn;
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(key);
  BUILTIN_CHECK(runtime_define_property_or_throw(iso, obj, key, &desc));
  return BUILTIN_UNDEFINED;
}
BUILTIN(ObjectPrototypeDefineGetter) { return object_define_accessor(iso, args, true); }
BUILTIN(ObjectPrototypeDefineSetter) { return object_define_accessor(iso, args, false); }

/* ES2025 B.2.2.4 / B.2.2.5 __lookupGetter__ / __lookupSetter__ */
static Handle object_lookup_accessor(Isolate *iso, BuiltinArgs *args, bool getter) {
  Handle obj = runtime_to_object(iso, builtin_receiver(args));
  BUILTIN_TRY(obj);
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(key);
  for (;;) {
    PropertyDescriptor desc;
    property_descriptor_init(iso, &desc);
    RuntimeMaybeBool has = runtime_get_own_property(iso, obj, key, &desc);
    if (has == RT_EXCEPTION) return HANDLE_NULL;
    if (has == RT_TRUE) {
      if (getter && (desc.flags & PD_HAS_GET)) return desc.get;
      if (!getter && (desc.flags & PD_HAS_SET)) return desc.set;
      return BUILTIN_UNDEFINED;
    }
    obj = runtime_get_prototype_of(iso, obj);
    BUILTIN_TRY(obj);
    if (is_null(iso, H(obj))) return BUILTIN_UNDEFINED;
  }
}
BUILTIN(ObjectPrototypeLookupGetter) { return object_lookup_accessor(iso, args, true); }
BUILTIN(ObjectPrototypeLookupSetter) { return object_lookup_accessor(iso, args, false); }

/* ES2025 B.2.2.1.1 get Object.prototype.__proto__ */
BUILTIN(ObjectPrototypeGetProto) {
  Handle obj = runtime_to_object(iso, builtin_receiver(args));
  BUILTIN_TRY(obj);
  return runtime_get_prototype_of(iso, obj);
}

/* ES2025 B.2.2.1.2 set Object.prototype.__proto__ */
BUILTIN(ObjectPrototypeSetProto) {
  Handle receiver = builtin_receiver(args), proto = BUILTIN_ARG(0);
  if (is_undefined(iso, H(receiver)) || is_null(iso, H(receiver))) {
    return builtins_throw_type_error(iso, "set __proto__ called on null or undefined");
  }
  if (!is_js_receiver(H(proto)) && !is_null(iso, H(proto))) return BUILTIN_UNDEFINED;
  if (!is_js_receiver(H(receiver))) return BUILTIN_UNDEFINED;
  RuntimeMaybeBool r = runtime_set_prototype_of(iso, receiver, proto);
  if (r == RT_EXCEPTION) return HANDLE_NULL;
  if (r == RT_FALSE) return builtins_throw_type_error(iso, "Cannot set prototype of object");
  return BUILTIN_UNDEFINED;
}

static const BuiltinSpec kObjectBuiltins[] = {OBJECT_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kObjectPrototypeBuiltins[] = {OBJECT_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

bool builtins_install_object(Isolate *iso, Handle nc) {
  Handle proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle ctor = builtins_install_constructor(iso, nc, "Object", 1, Builtin_ObjectConstructor,
                                             proto, NATIVE_CONTEXT_object_function, -1);
  return !handle_is_null(ctor) &&
         builtins_install_methods(iso, nc, ctor, kObjectBuiltins,
                                  KILN_ARRAY_SIZE(kObjectBuiltins)) &&
         builtins_install_methods(iso, nc, proto, kObjectPrototypeBuiltins,
                                  KILN_ARRAY_SIZE(kObjectPrototypeBuiltins)) &&
         builtins_install_accessor(iso, nc, proto, "__proto__", Builtin_ObjectPrototypeGetProto,
                                   Builtin_ObjectPrototypeSetProto, 0);
}
