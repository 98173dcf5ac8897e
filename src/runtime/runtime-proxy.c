/*
 * runtime-proxy.c: Proxy exotic objects (ES2025 10.5): every internal method calls the
 * handler's trap when it has one (else forwards to the target), then checks the trap's
 * answer against the target's invariants, throwing a TypeError when they are broken.
 *
 * A revoked proxy has handler and target null; every operation on it throws. Deep chains
 * of proxies recurse through the C stack, so each entry checks execution_stack_ok.
 */
#include "execution/execution.h"
#include "heap/factory.h"
#include "runtime/runtime-internal.h"

/* The handler, target and trap (undefined when absent) for trap `name`. false with an
 * exception pending when revoked, on stack overflow, or when the trap is not callable. */
static bool proxy_trap(Isolate *iso, Handle proxy, Handle name, Handle *handler,
                       Handle *target, Handle *trap) {
  if (!execution_stack_ok(iso)) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Maximum call stack size exceeded");
    return false;
  }
  Tagged h = js_proxy_handler(H(proxy));
  if (!is_js_receiver(h)) {
    char nb[64];
    rt_throw_type_error(iso, "Cannot perform '%s' on a proxy that has been revoked",
                        rt_describe_key(iso, H(name), nb, sizeof nb));
    return false;
  }
  *handler = handle_new(iso, h);
  *target = handle_new(iso, js_proxy_target(H(proxy)));
  *trap = runtime_get_method(iso, *handler, name);
  return !handle_is_null(*trap);
}

/* Calls the trap with argc arguments; the result, or empty. */
static Handle proxy_call_trap(Isolate *iso, Handle trap, Handle handler, int argc,
                              const Handle *argv) {
  return execution_call(iso, trap, handler, argc, argv);
}

/* Calls a trap whose result is a boolean: RT_TRUE/RT_FALSE or RT_EXCEPTION. */
static RuntimeMaybeBool proxy_call_bool_trap(Isolate *iso, Handle trap, Handle handler,
                                             int argc, const Handle *argv) {
  Handle r = proxy_call_trap(iso, trap, handler, argc, argv);
  if (handle_is_null(r)) return RT_EXCEPTION;
  return runtime_to_boolean(iso, H(r)) ? RT_TRUE : RT_FALSE;
}

static RuntimeMaybeBool proxy_invariant(Isolate *iso, const char *trap, const char *what) {
  return rt_throw_type_error(iso, "'%s' on proxy: %s", trap, what);
}

/* ---- creation ----------------------------------------------------------------------- */

Handle runtime_proxy_create(Isolate *iso, Handle target, Handle handler) {
  if (!is_js_receiver(H(target)) || !is_js_receiver(H(handler))) {
    rt_throw_type_error(iso, "Cannot create proxy with a non-object as target or handler");
    return HANDLE_NULL;
  }
  Handle map = runtime_is_constructor(H(target)) ? ROOT_HANDLE(iso, constructor_proxy_map)
               : runtime_is_callable(H(target))  ? ROOT_HANDLE(iso, callable_proxy_map)
                                                 : ROOT_HANDLE(iso, proxy_map);
  Handle proxy = js_object_new_with_map(iso, map);
  if (handle_is_null(proxy)) return proxy;
  js_proxy_set_target(H(proxy), H(target));
  js_proxy_set_handler(H(proxy), H(handler));
  return proxy;
}

void runtime_proxy_revoke(Isolate *iso, Handle proxy) {
  js_proxy_set_target(H(proxy), ROOT(iso, null_value));
  js_proxy_set_handler(H(proxy), ROOT(iso, null_value));
}

/* ---- prototype and extensibility ---------------------------------------------------- */

Handle proxy_get_prototype_of(Isolate *iso, Handle proxy) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, get_prototype_of_string), &handler, &target, &trap)) {
    return HANDLE_NULL;
  }
  if (is_undefined(iso, H(trap))) return runtime_get_prototype_of(iso, target);
  Handle proto = proxy_call_trap(iso, trap, handler, 1, &target);
  if (handle_is_null(proto)) return proto;
  if (!is_js_receiver(H(proto)) && !is_null(iso, H(proto))) {
    proxy_invariant(iso, "getPrototypeOf", "trap returned neither object nor null");
    return HANDLE_NULL;
  }
  RuntimeMaybeBool ext = runtime_is_extensible(iso, target);
  if (ext != RT_FALSE) return ext == RT_TRUE ? proto : HANDLE_NULL;
  Handle target_proto = runtime_get_prototype_of(iso, target);
  if (handle_is_null(target_proto)) return target_proto;
  if (H(target_proto) != H(proto)) {
    proxy_invariant(iso, "getPrototypeOf",
                    "proxy target is non-extensible but the trap did not return its actual prototype");
    return HANDLE_NULL;
  }
  return proto;
}

RuntimeMaybeBool proxy_set_prototype_of(Isolate *iso, Handle proxy, Handle proto) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, set_prototype_of_string), &handler, &target, &trap)) {
    return RT_EXCEPTION;
  }
  if (is_undefined(iso, H(trap))) return runtime_set_prototype_of(iso, target, proto);
  Handle args[2] = {target, proto};
  RuntimeMaybeBool r = proxy_call_bool_trap(iso, trap, handler, 2, args);
  if (r != RT_TRUE) return r;
  RuntimeMaybeBool ext = runtime_is_extensible(iso, target);
  if (ext != RT_FALSE) return ext;
  Handle target_proto = runtime_get_prototype_of(iso, target);
  if (handle_is_null(target_proto)) return RT_EXCEPTION;
  if (H(target_proto) != H(proto)) {
    return proxy_invariant(iso, "setPrototypeOf",
                           "trap returned truish for setting a new prototype on the "
                           "non-extensible proxy target");
  }
  return RT_TRUE;
}

RuntimeMaybeBool proxy_is_extensible(Isolate *iso, Handle proxy) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, is_extensible_string), &handler, &target, &trap)) {
    return RT_EXCEPTION;
  }
  if (is_undefined(iso, H(trap))) return runtime_is_extensible(iso, target);
  RuntimeMaybeBool r = proxy_call_bool_trap(iso, trap, handler, 1, &target);
  if (r == RT_EXCEPTION) return r;
  RuntimeMaybeBool t = runtime_is_extensible(iso, target);
  if (t == RT_EXCEPTION) return t;
  if (t != r) {
    return proxy_invariant(iso, "isExtensible", "trap result does not reflect extensibility "
                                                "of proxy target");
  }
  return r;
}

RuntimeMaybeBool proxy_prevent_extensions(Isolate *iso, Handle proxy) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, prevent_extensions_string), &handler, &target,
                  &trap)) {
    return RT_EXCEPTION;
  }
  if (is_undefined(iso, H(trap))) return runtime_prevent_extensions(iso, target);
  RuntimeMaybeBool r = proxy_call_bool_trap(iso, trap, handler, 1, &target);
  if (r != RT_TRUE) return r;
  RuntimeMaybeBool t = runtime_is_extensible(iso, target);
  if (t == RT_EXCEPTION) return t;
  if (t == RT_TRUE) {
    return proxy_invariant(iso, "preventExtensions", "trap returned truish but the proxy "
                                                     "target is extensible");
  }
  return RT_TRUE;
}

/* ---- properties --------------------------------------------------------------------- */

/* The end of [[GetOwnProperty]] when the trap returned undefined (10.5.5 step 9). */
static RuntimeMaybeBool proxy_check_absent(Isolate *iso, Handle target, bool has_target_desc,
                                           const PropertyDescriptor *target_desc,
                                           const char *trap) {
  if (!has_target_desc) return RT_FALSE;
  if (!pd_configurable(target_desc)) {
    return proxy_invariant(iso, trap, "trap reported a non-configurable property as absent");
  }
  RuntimeMaybeBool ext = runtime_is_extensible(iso, target);
  if (ext == RT_EXCEPTION) return ext;
  if (ext == RT_FALSE) {
    return proxy_invariant(iso, trap, "trap reported an existing property of a non-extensible "
                                      "target as absent");
  }
  return RT_FALSE;
}

RuntimeMaybeBool proxy_get_own_property(Isolate *iso, Handle proxy, Handle key,
                                        PropertyDescriptor *desc) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, get_own_property_descriptor_string), &handler,
                  &target, &trap)) {
    return RT_EXCEPTION;
  }
  if (is_undefined(iso, H(trap))) return runtime_get_own_property(iso, target, key, desc);
  Handle args[2] = {target, key};
  Handle result = proxy_call_trap(iso, trap, handler, 2, args);
  if (handle_is_null(result)) return RT_EXCEPTION;
  if (!is_js_receiver(H(result)) && !is_undefined(iso, H(result))) {
    return proxy_invariant(iso, "getOwnPropertyDescriptor",
                           "trap returned neither object nor undefined");
  }
  PropertyDescriptor target_desc;
  RuntimeMaybeBool has = runtime_get_own_property(iso, target, key, &target_desc);
  if (has == RT_EXCEPTION) return has;
  if (is_undefined(iso, H(result))) {
    return proxy_check_absent(iso, target, has == RT_TRUE, &target_desc,
                              "getOwnPropertyDescriptor");
  }
  RuntimeMaybeBool ext = runtime_is_extensible(iso, target);
  if (ext == RT_EXCEPTION) return ext;
  PropertyDescriptor result_desc;
  if (!runtime_to_property_descriptor(iso, result, &result_desc)) return RT_EXCEPTION;
  pd_complete(iso, &result_desc);
  if (!pd_is_compatible(ext == RT_TRUE, &result_desc, has == RT_TRUE ? &target_desc : NULL)) {
    return proxy_invariant(iso, "getOwnPropertyDescriptor",
                           "trap returned a descriptor incompatible with the target property");
  }
  if (!pd_configurable(&result_desc)) {
    if (has != RT_TRUE || pd_configurable(&target_desc)) {
      return proxy_invariant(iso, "getOwnPropertyDescriptor",
                             "trap reported non-configurability for a property that is "
                             "configurable or absent on the target");
    }
    if ((result_desc.flags & PD_HAS_WRITABLE) && !pd_writable(&result_desc) &&
        pd_writable(&target_desc)) {
      return proxy_invariant(iso, "getOwnPropertyDescriptor",
                             "trap reported non-configurable and non-writable for a writable "
                             "target property");
    }
  }
  *desc = result_desc;
  return RT_TRUE;
}

/* 10.5.6 steps 15-16: the checks after a successful defineProperty trap. */
static RuntimeMaybeBool proxy_check_define(Isolate *iso, Handle target, Handle key,
                                           const PropertyDescriptor *desc) {
  PropertyDescriptor target_desc;
  RuntimeMaybeBool has = runtime_get_own_property(iso, target, key, &target_desc);
  if (has == RT_EXCEPTION) return has;
  RuntimeMaybeBool ext = runtime_is_extensible(iso, target);
  if (ext == RT_EXCEPTION) return ext;
  bool setting_config_false = (desc->flags & PD_HAS_CONFIGURABLE) && !pd_configurable(desc);
  if (has == RT_FALSE) {
    if (ext == RT_FALSE) {
      return proxy_invariant(iso, "defineProperty", "trap returned truish for adding a property "
                                                    "to a non-extensible target");
    }
    if (setting_config_false) {
      return proxy_invariant(iso, "defineProperty", "trap returned truish for defining a "
                                                    "non-configurable property absent on the target");
    }
    return RT_TRUE;
  }
  if (!pd_is_compatible(ext == RT_TRUE, desc, &target_desc) ||
      (setting_config_false && pd_configurable(&target_desc))) {
    return proxy_invariant(iso, "defineProperty", "trap returned truish for a descriptor "
                                                  "incompatible with the target property");
  }
  if (pd_is_data(&target_desc) && !pd_configurable(&target_desc) && pd_writable(&target_desc) &&
      (desc->flags & PD_HAS_WRITABLE) && !pd_writable(desc)) {
    return proxy_invariant(iso, "defineProperty", "trap returned truish for making a writable "
                                                  "non-configurable property non-writable");
  }
  return RT_TRUE;
}

RuntimeMaybeBool proxy_define_own_property(Isolate *iso, Handle proxy, Handle key,
                                           const PropertyDescriptor *desc) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, define_property_string), &handler, &target,
                  &trap)) {
    return RT_EXCEPTION;
  }
  if (is_undefined(iso, H(trap))) return runtime_define_own_property(iso, target, key, desc);
  Handle desc_obj = runtime_from_property_descriptor(iso, desc);
  if (handle_is_null(desc_obj)) return RT_EXCEPTION;
  Handle args[3] = {target, key, desc_obj};
  RuntimeMaybeBool r = proxy_call_bool_trap(iso, trap, handler, 3, args);
  if (r != RT_TRUE) return r;
  return proxy_check_define(iso, target, key, desc);
}

RuntimeMaybeBool proxy_has_property(Isolate *iso, Handle proxy, Handle key) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, has_string), &handler, &target, &trap)) {
    return RT_EXCEPTION;
  }
  if (is_undefined(iso, H(trap))) return runtime_has_property(iso, target, key);
  Handle args[2] = {target, key};
  RuntimeMaybeBool r = proxy_call_bool_trap(iso, trap, handler, 2, args);
  if (r != RT_FALSE) return r;
  PropertyDescriptor target_desc;
  RuntimeMaybeBool has = runtime_get_own_property(iso, target, key, &target_desc);
  if (has == RT_EXCEPTION) return has;
  return proxy_check_absent(iso, target, has == RT_TRUE, &target_desc, "has");
}

Handle proxy_get(Isolate *iso, Handle proxy, Handle key, Handle receiver) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, get_string), &handler, &target, &trap)) {
    return HANDLE_NULL;
  }
  if (is_undefined(iso, H(trap))) return runtime_get(iso, target, key, receiver);
  Handle args[3] = {target, key, receiver};
  Handle result = proxy_call_trap(iso, trap, handler, 3, args);
  if (handle_is_null(result)) return result;
  PropertyDescriptor td;
  RuntimeMaybeBool has = runtime_get_own_property(iso, target, key, &td);
  if (has == RT_EXCEPTION) return HANDLE_NULL;
  if (has == RT_TRUE && !pd_configurable(&td)) {
    if (pd_is_data(&td) && !pd_writable(&td) && !runtime_same_value(H(result), H(td.value))) {
      proxy_invariant(iso, "get", "the trap's result differs from the value of a "
                                  "non-writable, non-configurable target property");
      return HANDLE_NULL;
    }
    if (pd_is_accessor(&td) && is_undefined(iso, H(td.get)) && !is_undefined(iso, H(result))) {
      proxy_invariant(iso, "get", "the trap returned a value for a non-configurable accessor "
                                  "property without a getter");
      return HANDLE_NULL;
    }
  }
  return result;
}

RuntimeMaybeBool proxy_set(Isolate *iso, Handle proxy, Handle key, Handle value,
                           Handle receiver) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, set_string), &handler, &target, &trap)) {
    return RT_EXCEPTION;
  }
  if (is_undefined(iso, H(trap))) return runtime_set(iso, target, key, value, receiver);
  Handle args[4] = {target, key, value, receiver};
  RuntimeMaybeBool r = proxy_call_bool_trap(iso, trap, handler, 4, args);
  if (r != RT_TRUE) return r;
  PropertyDescriptor td;
  RuntimeMaybeBool has = runtime_get_own_property(iso, target, key, &td);
  if (has == RT_EXCEPTION) return has;
  if (has == RT_TRUE && !pd_configurable(&td)) {
    if (pd_is_data(&td) && !pd_writable(&td) && !runtime_same_value(H(value), H(td.value))) {
      return proxy_invariant(iso, "set", "trap returned truish for changing a non-writable, "
                                         "non-configurable property");
    }
    if (pd_is_accessor(&td) && is_undefined(iso, H(td.set))) {
      return proxy_invariant(iso, "set", "trap returned truish for a non-configurable accessor "
                                         "property without a setter");
    }
  }
  return RT_TRUE;
}

RuntimeMaybeBool proxy_delete(Isolate *iso, Handle proxy, Handle key) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, delete_property_string), &handler, &target,
                  &trap)) {
    return RT_EXCEPTION;
  }
  if (is_undefined(iso, H(trap))) return runtime_delete(iso, target, key);
  Handle args[2] = {target, key};
  RuntimeMaybeBool r = proxy_call_bool_trap(iso, trap, handler, 2, args);
  if (r != RT_TRUE) return r;
  PropertyDescriptor td;
  RuntimeMaybeBool has = runtime_get_own_property(iso, target, key, &td);
  if (has != RT_TRUE) return has == RT_EXCEPTION ? has : RT_TRUE;
  if (!pd_configurable(&td)) {
    return proxy_invariant(iso, "deleteProperty", "trap returned truish for a non-configurable "
                                                  "property");
  }
  RuntimeMaybeBool ext = runtime_is_extensible(iso, target);
  if (ext == RT_EXCEPTION) return ext;
  if (ext == RT_FALSE) {
    return proxy_invariant(iso, "deleteProperty", "trap returned truish for a property of a "
                                                  "non-extensible target");
  }
  return RT_TRUE;
}

/* ---- [[OwnPropertyKeys]] ------------------------------------------------------------ */

/* CreateListFromArrayLike(result, « String, Symbol ») with keys internalized, and no
 * duplicates (10.5.11 steps 5-6). */
static Handle proxy_keys_from_trap(Isolate *iso, Handle result) {
  Handle list = runtime_create_list_from_array_like(iso, result);
  if (handle_is_null(list)) return list;
  for (int64_t i = 0, n = fixed_array_length(H(list)); i < n; i++) {
    Tagged k = fixed_array_get(H(list), i);
    if (!is_string(k) && !is_symbol(k)) {
      rt_throw_type_error(iso, "'ownKeys' on proxy: trap result elements must be strings or "
                               "symbols");
      return HANDLE_NULL;
    }
    if (is_string(k) && !string_is_internalized(k)) {
      Handle key = string_internalize(iso, handle_new(iso, k));
      if (handle_is_null(key)) return key;
      fixed_array_set(H(list), i, H(key));
    }
    for (int64_t j = 0; j < i; j++) {
      if (fixed_array_get(H(list), j) == fixed_array_get(H(list), i)) {
        rt_throw_type_error(iso, "'ownKeys' on proxy: trap returned duplicate entries");
        return HANDLE_NULL;
      }
    }
  }
  return list;
}

/* Removes key from the first *n entries of unchecked (the hole marks removed); false when
 * it is not there. */
static bool proxy_take_key(Isolate *iso, Tagged unchecked, Tagged key) {
  for (int64_t i = 0, n = fixed_array_length(unchecked); i < n; i++) {
    if (fixed_array_get(unchecked, i) == key) {
      fixed_array_set(unchecked, i, ROOT(iso, the_hole_value));
      return true;
    }
  }
  return false;
}

/* Splits the target's keys (10.5.11 steps 15-16): *nonconfig gets the Smi flag per key. */
static Handle proxy_target_key_flags(Isolate *iso, Handle target, Handle keys,
                                     bool *any_nonconfig) {
  int64_t n = fixed_array_length(H(keys));
  Handle flags = factory_new_fixed_array(iso, n);
  if (handle_is_null(flags)) return flags;
  *any_nonconfig = false;
  for (int64_t i = 0; i < n; i++) {
    PropertyDescriptor d;
    RuntimeMaybeBool r = runtime_get_own_property(iso, target, handle_new(iso, fixed_array_get(H(keys), i)),
                                                  &d);
    if (r == RT_EXCEPTION) return HANDLE_NULL;
    bool nonconfig = r == RT_TRUE && !pd_configurable(&d);
    *any_nonconfig |= nonconfig;
    fixed_array_set(H(flags), i, smi_from_int(nonconfig));
  }
  return flags;
}

Handle proxy_own_property_keys(Isolate *iso, Handle proxy) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, own_keys_string), &handler, &target, &trap)) {
    return HANDLE_NULL;
  }
  if (is_undefined(iso, H(trap))) return runtime_own_property_keys(iso, target);
  Handle result = proxy_call_trap(iso, trap, handler, 1, &target);
  if (handle_is_null(result)) return result;
  Handle keys = proxy_keys_from_trap(iso, result);
  if (handle_is_null(keys)) return keys;
  RuntimeMaybeBool ext = runtime_is_extensible(iso, target);
  if (ext == RT_EXCEPTION) return HANDLE_NULL;
  Handle target_keys = runtime_own_property_keys(iso, target);
  if (handle_is_null(target_keys)) return target_keys;
  bool any_nonconfig;
  Handle flags = proxy_target_key_flags(iso, target, target_keys, &any_nonconfig);
  if (handle_is_null(flags)) return flags;
  if (ext == RT_TRUE && !any_nonconfig) return keys;
  Handle unchecked = factory_copy_fixed_array(iso, keys, fixed_array_length(H(keys)),
                                              ROOT(iso, undefined_value));
  if (handle_is_null(unchecked)) return unchecked;
  for (int pass = 0; pass < 2; pass++) { /* non-configurable keys, then (non-extensible) the rest */
    if (pass == 1 && ext == RT_TRUE) return keys;
    for (int64_t i = 0, n = fixed_array_length(H(target_keys)); i < n; i++) {
      if (fixed_array_get(H(flags), i) != smi_from_int(pass == 0)) continue;
      if (!proxy_take_key(iso, H(unchecked), fixed_array_get(H(target_keys), i))) {
        rt_throw_type_error(iso, "'ownKeys' on proxy: trap result did not include a key of the "
                                 "%s target", pass == 0 ? "non-configurable property of the" : "non-extensible");
        return HANDLE_NULL;
      }
    }
  }
  for (int64_t i = 0, n = fixed_array_length(H(unchecked)); i < n; i++) {
    if (!is_the_hole(iso, fixed_array_get(H(unchecked), i))) {
      rt_throw_type_error(iso, "'ownKeys' on proxy: trap returned extra keys but proxy target "
                               "is non-extensible");
      return HANDLE_NULL;
    }
  }
  return keys;
}

/* ---- [[Call]] and [[Construct]] ----------------------------------------------------- */

Handle runtime_proxy_call(Isolate *iso, Handle proxy, Handle receiver, int argc,
                          const Handle *argv) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, apply_string), &handler, &target, &trap)) {
    return HANDLE_NULL;
  }
  if (is_undefined(iso, H(trap))) return execution_call(iso, target, receiver, argc, argv);
  Handle array = runtime_create_array_from_list(iso, argc, argv);
  if (handle_is_null(array)) return array;
  Handle args[3] = {target, receiver, array};
  return proxy_call_trap(iso, trap, handler, 3, args);
}

Handle runtime_proxy_construct(Isolate *iso, Handle proxy, int argc, const Handle *argv,
                               Handle new_target) {
  Handle handler, target, trap;
  if (!proxy_trap(iso, proxy, ROOT_HANDLE(iso, construct_string), &handler, &target, &trap)) {
    return HANDLE_NULL;
  }
  if (is_undefined(iso, H(trap))) {
    return execution_construct(iso, target, argc, argv, new_target);
  }
  Handle array = runtime_create_array_from_list(iso, argc, argv);
  if (handle_is_null(array)) return array;
  Handle args[3] = {target, array, new_target};
  Handle result = proxy_call_trap(iso, trap, handler, 3, args);
  if (handle_is_null(result)) return result;
  if (!is_js_receiver(H(result))) {
    rt_throw_type_error(iso, "'construct' on proxy: trap returned non-object");
    return HANDLE_NULL;
  }
  return result;
}
