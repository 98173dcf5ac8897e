/*
 * builtins-reflect.c: the Reflect object (ES2025 28.1) and the Proxy constructor (28.2),
 * over the internal methods of runtime.h (which implement the Proxy exotic object).
 */
#include <stdlib.h>

#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-objects.h"

#define REFLECT_BUILTINS(V)                                          \
  V(ReflectApply, "apply", 3)                                        \
  V(ReflectConstruct, "construct", 2)                                \
  V(ReflectDefineProperty, "defineProperty", 3)                      \
  V(ReflectDeleteProperty, "deleteProperty", 2)                      \
  V(ReflectGet, "get", 2)                                            \
  V(ReflectGetOwnPropertyDescriptor, "getOwnPropertyDescriptor", 2)  \
  V(ReflectGetPrototypeOf, "getPrototypeOf", 1)                      \
  V(ReflectHas, "has", 2)                                            \
  V(ReflectIsExtensible, "isExtensible", 1)                          \
  V(ReflectOwnKeys, "ownKeys", 1)                                    \
  V(ReflectPreventExtensions, "preventExtensions", 1)                \
  V(ReflectSet, "set", 3)                                            \
  V(ReflectSetPrototypeOf, "setPrototypeOf", 2)

REFLECT_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(ProxyConstructor, "Proxy", 2)
BUILTIN_DECLARE(ProxyRevocable, "revocable", 2)
BUILTIN_DECLARE(ProxyRevoke, "", 0)

/* Step 1 of most Reflect functions: the target must be an object. */
static Handle reflect_target(Isolate *iso, BuiltinArgs *args, const char *method) {
  Handle target = BUILTIN_ARG(0);
  if (!is_js_receiver(H(target))) {
    return builtins_throw_type_error(iso, "Reflect.%s called on non-object", method);
  }
  return target;
}

static Handle reflect_result(Isolate *iso, RuntimeMaybeBool r) {
  if (r == RT_EXCEPTION) return HANDLE_NULL;
  return builtins_boolean(iso, r == RT_TRUE);
}

/* CreateListFromArrayLike as Handles (malloc'd; *argc of them). */
static Handle *reflect_argument_list(Isolate *iso, Handle array_like, int *argc) {
  if (!is_js_receiver(H(array_like))) {
    builtins_throw_type_error(iso, "CreateListFromArrayLike called on non-object");
    return NULL;
  }
  Handle list = runtime_create_list_from_array_like(iso, array_like);
  if (handle_is_null(list)) return NULL;
  *argc = (int)fixed_array_length(H(list));
  Handle *argv = malloc(sizeof(Handle) * (size_t)(*argc + 1));
  if (argv == NULL) {
    isolate_throw_out_of_memory(iso);
    return NULL;
  }
  for (int i = 0; i < *argc; i++) argv[i] = handle_new(iso, fixed_array_get(H(list), i));
  return argv;
}

/* ES2025 28.1.1 Reflect.apply ( target, thisArgument, argumentsList ) */
BUILTIN(ReflectApply) {
  Handle target = BUILTIN_ARG(0);
  if (!runtime_is_callable(H(target))) return runtime_throw_not_callable(iso, target);
  int argc;
  Handle *argv = reflect_argument_list(iso, BUILTIN_ARG(2), &argc);
  if (argv == NULL) return HANDLE_NULL;
  Handle result = builtins_call(iso, target, BUILTIN_ARG(1), argc, argv);
  free(argv);
  return result;
}

/* ES2025 28.1.2 Reflect.construct ( target, argumentsList [ , newTarget ] ) */
BUILTIN(ReflectConstruct) {
  Handle target = BUILTIN_ARG(0);
  if (!runtime_is_constructor(H(target))) {
    return builtins_throw_type_error(iso, "Reflect.construct: target is not a constructor");
  }
  Handle new_target = args->argc > 2 ? BUILTIN_ARG(2) : target;
  if (!runtime_is_constructor(H(new_target))) {
    return builtins_throw_type_error(iso, "Reflect.construct: newTarget is not a constructor");
  }
  int argc;
  Handle *argv = reflect_argument_list(iso, BUILTIN_ARG(1), &argc);
  if (argv == NULL) return HANDLE_NULL;
  Handle result = execution_construct(iso, target, argc, argv, new_target);
  free(argv);
  return result;
}

/* ES2025 28.1.3 Reflect.defineProperty ( target, propertyKey, attributes ) */
BUILTIN(ReflectDefineProperty) {
  Handle target = reflect_target(iso, args, "defineProperty");
  BUILTIN_TRY(target);
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(key);
  PropertyDescriptor desc;
  BUILTIN_CHECK(runtime_to_property_descriptor(iso, BUILTIN_ARG(2), &desc));
  return reflect_result(iso, runtime_define_own_property(iso, target, key, &desc));
}

/* ES2025 28.1.4 Reflect.deleteProperty ( target, propertyKey ) */
BUILTIN(ReflectDeleteProperty) {
  Handle target = reflect_target(iso, args, "deleteProperty");
  BUILTIN_TRY(target);
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(key);
  return reflect_result(iso, runtime_delete(iso, target, key));
}

/* ES2025 28.1.5 Reflect.get ( target, propertyKey [ , receiver ] ) */
BUILTIN(ReflectGet) {
  Handle target = reflect_target(iso, args, "get");
  BUILTIN_TRY(target);
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(key);
  Handle receiver = args->argc > 2 ? BUILTIN_ARG(2) : target;
  return runtime_get(iso, target, key, receiver);
}

/* ES2025 28.1.6 Reflect.getOwnPropertyDescriptor ( target, propertyKey ) */
BUILTIN(ReflectGetOwnPropertyDescriptor) {
  Handle target = reflect_target(iso, args, "getOwnPropertyDescriptor");
  BUILTIN_TRY(target);
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(key);
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  RuntimeMaybeBool has = runtime_get_own_property(iso, target, key, &desc);
  if (has == RT_EXCEPTION) return HANDLE_NULL;
  if (has == RT_FALSE) return BUILTIN_UNDEFINED;
  return runtime_from_property_descriptor(iso, &desc);
}

/* ES2025 28.1.7 Reflect.getPrototypeOf ( target ) */
BUILTIN(ReflectGetPrototypeOf) {
  Handle target = reflect_target(iso, args, "getPrototypeOf");
  BUILTIN_TRY(target);
  return runtime_get_prototype_of(iso, target);
}

/* ES2025 28.1.8 Reflect.has ( target, propertyKey ) */
BUILTIN(ReflectHas) {
  Handle target = reflect_target(iso, args, "has");
  BUILTIN_TRY(target);
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(key);
  return reflect_result(iso, runtime_has_property(iso, target, key));
}

/* ES2025 28.1.9 Reflect.isExtensible ( target ) */
BUILTIN(ReflectIsExtensible) {
  Handle target = reflect_target(iso, args, "isExtensible");
  BUILTIN_TRY(target);
  return reflect_result(iso, runtime_is_extensible(iso, target));
}

/* ES2025 28.1.10 Reflect.ownKeys ( target ) */
BUILTIN(ReflectOwnKeys) {
  Handle target = reflect_target(iso, args, "ownKeys");
  BUILTIN_TRY(target);
  Handle keys = runtime_own_property_keys(iso, target);
  BUILTIN_TRY(keys);
  int n = (int)fixed_array_length(H(keys));
  Handle *items = malloc(sizeof(Handle) * (size_t)(n + 1));
  if (items == NULL) return builtins_throw_range_error(iso, "out of memory");
  for (int i = 0; i < n; i++) items[i] = handle_new(iso, fixed_array_get(H(keys), i));
  Handle array = runtime_create_array_from_list(iso, n, items);
  free(items);
  return array;
}

/* ES2025 28.1.11 Reflect.preventExtensions ( target ) */
BUILTIN(ReflectPreventExtensions) {
  Handle target = reflect_target(iso, args, "preventExtensions");
  BUILTIN_TRY(target);
  return reflect_result(iso, runtime_prevent_extensions(iso, target));
}

/* ES2025 28.1.12 Reflect.set ( target, propertyKey, V [ , receiver ] ) */
BUILTIN(ReflectSet) {
  Handle target = reflect_target(iso, args, "set");
  BUILTIN_TRY(target);
  Handle key = runtime_to_property_key(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(key);
  Handle receiver = args->argc > 3 ? BUILTIN_ARG(3) : target;
  return reflect_result(iso, runtime_set(iso, target, key, BUILTIN_ARG(2), receiver));
}

/* ES2025 28.1.13 Reflect.setPrototypeOf ( target, proto ) */
BUILTIN(ReflectSetPrototypeOf) {
  Handle target = reflect_target(iso, args, "setPrototypeOf");
  BUILTIN_TRY(target);
  Handle proto = BUILTIN_ARG(1);
  if (!is_js_receiver(H(proto)) && !is_null(iso, H(proto))) {
    return builtins_throw_type_error(iso, "Object prototype may only be an Object or null");
  }
  return reflect_result(iso, runtime_set_prototype_of(iso, target, proto));
}

/* ---- Proxy ------------------------------------------------------------------------------ */

/* ES2025 28.2.1.1 Proxy ( target, handler ) */
BUILTIN(ProxyConstructor) {
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Constructor Proxy requires 'new'");
  }
  return runtime_proxy_create(iso, BUILTIN_ARG(0), BUILTIN_ARG(1));
}

/* ES2025 28.2.2.1.1 Proxy Revocation Functions: builtin_data is the proxy, or null once
 * revoked. */
BUILTIN(ProxyRevoke) {
  Tagged sfi = js_function_shared(*args->target);
  Handle proxy = handle_new(iso, sfi_builtin_data(sfi));
  if (is_null(iso, H(proxy))) return BUILTIN_UNDEFINED;
  sfi_set_builtin_data(sfi, ROOT(iso, null_value));
  runtime_proxy_revoke(iso, proxy);
  return BUILTIN_UNDEFINED;
}

/* ES2025 28.2.2.1 Proxy.revocable ( target, handler ) */
BUILTIN(ProxyRevocable) {
  Handle proxy = runtime_proxy_create(iso, BUILTIN_ARG(0), BUILTIN_ARG(1));
  BUILTIN_TRY(proxy);
  Handle realm = builtins_realm(iso, args);
  Handle sfi = js_function_new_builtin_sfi(iso, ROOT_HANDLE(iso, empty_string), 0,
                                           Builtin_ProxyRevoke, proxy);
  BUILTIN_TRY(sfi);
  Handle revoker = js_function_new_builtin(iso, realm, sfi, false);
  BUILTIN_TRY(revoker);
  Handle result = factory_new_js_object_from_map(
      iso, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_object_map));
  BUILTIN_TRY(result);
  Handle proxy_key = builtins_string(iso, "proxy");
  BUILTIN_TRY(proxy_key);
  Handle revoke_key = builtins_string(iso, "revoke");
  BUILTIN_TRY(revoke_key);
  BUILTIN_CHECK(runtime_create_data_property_or_throw(iso, result, proxy_key, proxy));
  BUILTIN_CHECK(runtime_create_data_property_or_throw(iso, result, revoke_key, revoker));
  return result;
}

static const BuiltinSpec kReflectBuiltins[] = {REFLECT_BUILTINS(BUILTIN_SPEC)};

/* %Proxy%: a constructor without a "prototype" property (28.2.2). */
static bool reflect_install_proxy(Isolate *iso, Handle nc) {
  Handle fp = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_prototype);
  Handle map = js_function_map_new(iso, JS_FUNCTION_TYPE, fp, MAP_IS_CALLABLE | MAP_IS_CONSTRUCTOR,
                                   false, 0);
  Handle name = handle_is_null(map) ? map : builtins_string(iso, "Proxy");
  Handle sfi = handle_is_null(name) ? name
                                    : js_function_new_builtin_sfi(iso, name, 2, Builtin_ProxyConstructor,
                                                                  ROOT_HANDLE(iso, undefined_value));
  Handle ctor = handle_is_null(sfi) ? sfi : js_function_new_with_map(iso, map, sfi, nc);
  if (handle_is_null(ctor)) return false;
  context_set(H(nc), NATIVE_CONTEXT_proxy_function, H(ctor));
  Handle global = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_global_object);
  return builtins_define_value(iso, global, "Proxy", ctor, DONT_ENUM) &&
         !handle_is_null(builtins_install_method(iso, nc, ctor, "revocable", Builtin_ProxyRevocable, 2));
}

bool builtins_install_reflect(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle reflect = builtins_new_object_with_proto(iso, nc, object_proto);
  Handle tag = handle_is_null(reflect) ? reflect : builtins_string(iso, "Reflect");
  Handle global = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_global_object);
  return !handle_is_null(tag) &&
         builtins_install_methods(iso, nc, reflect, kReflectBuiltins, KILN_ARRAY_SIZE(kReflectBuiltins)) &&
         builtins_define_value(iso, reflect, "@@toStringTag", tag, READ_ONLY | DONT_ENUM) &&
         builtins_define_value(iso, global, "Reflect", reflect, DONT_ENUM) &&
         reflect_install_proxy(iso, nc);
}
