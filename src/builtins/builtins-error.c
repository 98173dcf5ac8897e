/*
 * builtins-error.c: Error, the NativeErrors and AggregateError (ES2025 20.5).
 *
 * Each kind has a constructor, a prototype object (an ordinary object, not an error
 * instance) with "name" and "message", and an initial map in the realm's error_maps
 * (indexed by ErrorKind; objects/js-objects.h explains the hidden kind field) that
 * js_error_new and runtime_new_error use so the engine's own errors belong to the realm.
 * AggregateError objects use the Error kind's map with their own prototype.
 */
#include <stdlib.h>

#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"

BUILTIN_DECLARE(ErrorConstructor, "Error", 1)
BUILTIN_DECLARE(AggregateErrorConstructor, "AggregateError", 2)
BUILTIN_DECLARE(ErrorPrototypeToString, "toString", 0)
BUILTIN_DECLARE(ErrorIsError, "isError", 1)

/* The constructor and prototype slots of each ErrorKind, in ERROR_KIND_LIST order. */
static const struct { int function_slot, prototype_slot; } kErrorSlots[kErrorKindCount] = {
    {NATIVE_CONTEXT_error_function, NATIVE_CONTEXT_error_prototype},
    {NATIVE_CONTEXT_type_error_function, NATIVE_CONTEXT_type_error_prototype},
    {NATIVE_CONTEXT_range_error_function, NATIVE_CONTEXT_range_error_prototype},
    {NATIVE_CONTEXT_syntax_error_function, NATIVE_CONTEXT_syntax_error_prototype},
    {NATIVE_CONTEXT_reference_error_function, NATIVE_CONTEXT_reference_error_prototype},
    {NATIVE_CONTEXT_eval_error_function, NATIVE_CONTEXT_eval_error_prototype},
    {NATIVE_CONTEXT_uri_error_function, NATIVE_CONTEXT_uri_error_prototype},
};

/* OrdinaryCreateFromConstructor(newTarget, proto_slot, « [[ErrorData]] ») for an error of
 * kind: the realm's error map (or a copy with newTarget's prototype), hidden kind field
 * set. Calls user code. */
static Handle error_create(Isolate *iso, BuiltinArgs *args, ErrorKind kind, int proto_slot) {
  Handle realm = builtins_realm(iso, args);
  Handle new_target = builtin_new_target(args);
  if (is_undefined(iso, H(new_target))) new_target = builtin_target(args);
  Tagged maps = context_get(H(realm), NATIVE_CONTEXT_error_maps);
  Handle base = handle_new(iso, fixed_array_get(maps, kind));
  Handle map = builtins_map_from_constructor(iso, new_target, proto_slot, base);
  BUILTIN_TRY(map);
  Handle error = factory_new_js_object_from_map(iso, map);
  BUILTIN_TRY(error);
  field_write(H(error), map_inobject_start(H(map)), smi_from_int((int32_t)kind));
  return error;
}

/* CreateNonEnumerableDataPropertyOrThrow(O, name, value). */
static bool error_define(Isolate *iso, Handle error, const char *name, Handle value) {
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  desc.flags = PD_HAS_VALUE | PD_HAS_WRITABLE | PD_WRITABLE | PD_HAS_ENUMERABLE |
               PD_HAS_CONFIGURABLE | PD_CONFIGURABLE;
  desc.value = value;
  Handle key = builtins_string(iso, name);
  return !handle_is_null(key) && runtime_define_property_or_throw(iso, error, key, &desc);
}

/* Steps 3-4 of 20.5.1.1: the message and the cause (20.5.8.1 InstallErrorCause). */
static bool error_install_message_and_cause(Isolate *iso, Handle error, Handle message,
                                            Handle options) {
  if (!is_undefined(iso, H(message))) {
    Handle msg = runtime_to_string(iso, message);
    if (handle_is_null(msg) || !error_define(iso, error, "message", msg)) return false;
  }
  if (!is_js_receiver(H(options))) return true;
  Handle cause_key = builtins_string(iso, "cause");
  if (handle_is_null(cause_key)) return false;
  RuntimeMaybeBool has = runtime_has_property(iso, options, cause_key);
  if (has == RT_EXCEPTION) return false;
  if (has == RT_FALSE) return true;
  Handle cause = runtime_get(iso, options, cause_key, options);
  return !handle_is_null(cause) && error_define(iso, error, "cause", cause);
}

/* ES2025 20.5.1.1 Error ( message [ , options ] ) and 20.5.6.1 NativeError ( message
 * [ , options ] ): builtin_data is the ErrorKind. */
BUILTIN(ErrorConstructor) {
  ErrorKind kind = (ErrorKind)smi_value(js_function_builtin_data(*args->target));
  Handle error = error_create(iso, args, kind, kErrorSlots[kind].prototype_slot);
  BUILTIN_TRY(error);
  BUILTIN_CHECK(error_install_message_and_cause(iso, error, BUILTIN_ARG(0), BUILTIN_ARG(1)));
  BUILTIN_CHECK(runtime_install_error_stack(iso, error));
  return error;
}

/* ES2025 20.5.7.1 AggregateError ( errors, message [ , options ] ) */
BUILTIN(AggregateErrorConstructor) {
  Handle error = error_create(iso, args, kError_ERROR, NATIVE_CONTEXT_aggregate_error_prototype);
  BUILTIN_TRY(error);
  BUILTIN_CHECK(error_install_message_and_cause(iso, error, BUILTIN_ARG(1), BUILTIN_ARG(2)));
  Handle list = runtime_iterable_to_list(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(list);
  int n = (int)fixed_array_length(H(list));
  Handle *items = malloc(sizeof(Handle) * (size_t)(n + 1));
  if (items == NULL) return builtins_throw_range_error(iso, "out of memory");
  for (int i = 0; i < n; i++) items[i] = handle_new(iso, fixed_array_get(H(list), i));
  Handle array = runtime_create_array_from_list(iso, n, items);
  free(items);
  BUILTIN_TRY(array);
  BUILTIN_CHECK(error_define(iso, error, "errors", array));
  BUILTIN_CHECK(runtime_install_error_stack(iso, error));
  return error;
}

/* ES2025 20.5.3.4 Error.prototype.toString ( ) */
BUILTIN(ErrorPrototypeToString) {
  Handle obj = builtin_receiver(args);
  if (!is_js_receiver(H(obj))) {
    return builtins_throw_type_error(iso, "Error.prototype.toString called on non-object");
  }
  Handle name = runtime_get(iso, obj, ROOT_HANDLE(iso, name_string), obj);
  BUILTIN_TRY(name);
  name = is_undefined(iso, H(name)) ? builtins_string(iso, "Error") : runtime_to_string(iso, name);
  BUILTIN_TRY(name);
  Handle msg = runtime_get(iso, obj, ROOT_HANDLE(iso, message_string), obj);
  BUILTIN_TRY(msg);
  msg = is_undefined(iso, H(msg)) ? ROOT_HANDLE(iso, empty_string) : runtime_to_string(iso, msg);
  BUILTIN_TRY(msg);
  if (string_length(H(name)) == 0) return msg;
  if (string_length(H(msg)) == 0) return name;
  Handle sep = builtins_string(iso, ": ");
  BUILTIN_TRY(sep);
  Handle s = string_concat(iso, name, sep);
  BUILTIN_TRY(s);
  return string_concat(iso, s, msg);
}

/* The prototype of kind's prototype: Error.prototype, or Object.prototype for Error. */
static Handle error_parent_prototype(Isolate *iso, Handle nc, Handle error_proto) {
  return handle_is_null(error_proto)
             ? builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype)
             : error_proto;
}

/* A prototype object with "name" and "message" (20.5.3.2, 20.5.3.3). */
static Handle error_new_prototype(Isolate *iso, Handle nc, const char *name, Handle parent) {
  Handle proto = builtins_new_object_with_proto(iso, nc, parent);
  if (handle_is_null(proto)) return proto;
  Handle name_str = builtins_string(iso, name);
  if (handle_is_null(name_str) || !builtins_define_value(iso, proto, "name", name_str, DONT_ENUM) ||
      !builtins_define_value(iso, proto, "message", ROOT_HANDLE(iso, empty_string),
                             DONT_ENUM)) {
    return HANDLE_NULL;
  }
  return proto;
}

/* %NativeError.prototype% and %NativeError% for kind, and its initial map in error_maps. */
static Handle error_install_kind(Isolate *iso, Handle nc, ErrorKind kind, Handle error_proto,
                                 Handle error_ctor, Handle maps) {
  Handle parent = error_parent_prototype(iso, nc, error_proto);
  Handle proto = error_new_prototype(iso, nc, error_kind_name(kind), parent);
  if (handle_is_null(proto)) return proto;
  Handle map = map_copy_with_prototype(iso, ROOT_HANDLE(iso, error_map), proto);
  if (handle_is_null(map)) return map;
  fixed_array_set(H(maps), kind, H(map));
  Handle ctor = builtins_install_constructor(iso, nc, error_kind_name(kind), 1,
                                             Builtin_ErrorConstructor, proto,
                                             kErrorSlots[kind].function_slot,
                                             kErrorSlots[kind].prototype_slot);
  if (handle_is_null(ctor)) return ctor;
  sfi_set_builtin_data(js_function_shared(H(ctor)), smi_from_int((int32_t)kind));
  /* 20.5.6.2: the [[Prototype]] of a NativeError constructor is %Error%. */
  if (!handle_is_null(error_ctor) && !js_object_set_prototype(iso, ctor, error_ctor)) {
    return HANDLE_NULL;
  }
  return ctor;
}

static bool error_install_aggregate(Isolate *iso, Handle nc, Handle error_proto,
                                    Handle error_ctor) {
  Handle proto = error_new_prototype(iso, nc, "AggregateError", error_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, "AggregateError", 2,
                                             Builtin_AggregateErrorConstructor, proto,
                                             NATIVE_CONTEXT_aggregate_error_function,
                                             NATIVE_CONTEXT_aggregate_error_prototype);
  return !handle_is_null(ctor) && js_object_set_prototype(iso, ctor, error_ctor);
}

/* Error.isError ( arg ) (ES2026 20.5.2.1): true for objects with [[ErrorData]], which
 * are exactly the JS_ERROR_TYPE objects (never a proxy). */
BUILTIN(ErrorIsError) {
  Tagged arg = H(BUILTIN_ARG(0));
  return builtins_boolean(iso, is_heap_object(arg) && heap_object_type(arg) == JS_ERROR_TYPE);
}

bool builtins_install_error(Isolate *iso, Handle nc) {
  Handle maps = factory_new_fixed_array(iso, kErrorKindCount);
  if (handle_is_null(maps)) return false;
  context_set(H(nc), NATIVE_CONTEXT_error_maps, H(maps));
  Handle error_ctor = error_install_kind(iso, nc, kError_ERROR, HANDLE_NULL, HANDLE_NULL, maps);
  if (handle_is_null(error_ctor)) return false;
  Handle error_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_error_prototype);
  if (handle_is_null(builtins_install_method(iso, nc, error_proto, "toString",
                                             Builtin_ErrorPrototypeToString, 0)) ||
      handle_is_null(builtins_install_method(iso, nc, error_ctor, "isError",
                                             Builtin_ErrorIsError, 1))) {
    return false;
  }
  for (int kind = kError_ERROR + 1; kind < kErrorKindCount; kind++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle ctor = error_install_kind(iso, nc, (ErrorKind)kind, error_proto, error_ctor, maps);
    handle_scope_close(&scope);
    if (handle_is_null(ctor)) return false;
  }
  return error_install_aggregate(iso, nc, error_proto, error_ctor);
}
