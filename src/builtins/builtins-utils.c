/*
 * builtins-utils.c: installing builtin families. See builtins-utils.h.
 */
#include "builtins/builtins-utils.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heap/factory.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"

Handle builtins_string(Isolate *iso, const char *text) {
  return string_internalize_utf8(iso, text, strlen(text));
}

#ifdef WELL_KNOWN_SYMBOL_LIST
/* "@@iterator" -> the root index of Symbol.iterator: matches the description's tail. */
static Handle builtins_well_known_symbol(Isolate *iso, const char *name) {
  static const struct { const char *description; RootIndex root; } kSymbols[] = {
#define V(root, description) {description, ROOT_##root},
      WELL_KNOWN_SYMBOL_LIST(V)
#undef V
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kSymbols); i++) {
    if (strcmp(kSymbols[i].description + strlen("Symbol."), name) == 0) {
      return root_handle(iso, kSymbols[i].root);
    }
  }
  FATAL("unknown well-known symbol @@%s", name);
}
#endif

Handle builtins_key(Isolate *iso, const char *key) {
  if (key[0] == '@' && key[1] == '@') {
#ifdef WELL_KNOWN_SYMBOL_LIST
    return builtins_well_known_symbol(iso, key + 2);
#else
    FATAL("well-known symbols are not available: %s", key);
#endif
  }
  return builtins_string(iso, key);
}

/* The "name" a function installed under key gets, with an optional "get "/"set " prefix:
 * the key itself, or "[description]" for a symbol. */
static Handle builtins_function_name(Isolate *iso, Handle key, const char *prefix) {
  char buf[128];
  if (is_symbol(H(key))) {
    Tagged desc = symbol_description(H(key));
    size_t len;
    char *text = is_string(desc) ? string_to_utf8(iso, desc, &len) : NULL;
    snprintf(buf, sizeof buf, "%s%s[%s]", prefix ? prefix : "", prefix ? " " : "",
             text ? text : "");
    free(text);
    return builtins_string(iso, buf);
  }
  if (prefix == NULL) return key;
  size_t len;
  char *text = string_to_utf8(iso, H(key), &len);
  snprintf(buf, sizeof buf, "%s %s", prefix, text ? text : "");
  free(text);
  return builtins_string(iso, buf);
}

static Handle builtins_new_named(Isolate *iso, Handle native_context, Handle name, int length,
                                 BuiltinFunction fn) {
  Handle sfi = js_function_new_builtin_sfi(iso, name, length, fn,
                                           ROOT_HANDLE(iso, undefined_value));
  if (handle_is_null(sfi)) return sfi;
  return js_function_new_builtin(iso, native_context, sfi, false);
}

Handle builtins_new_function(Isolate *iso, Handle native_context, Handle key, int length,
                             BuiltinFunction fn) {
  Handle name = builtins_function_name(iso, key, NULL);
  if (handle_is_null(name)) return name;
  return builtins_new_named(iso, native_context, name, length, fn);
}

/* Defines holder[key] = value with attributes, throwing when refused. */
static bool builtins_define(Isolate *iso, Handle holder, Handle key, Handle value,
                            int attributes) {
  if (js_object_define_own_property(iso, holder, key, value, attributes)) return true;
  if (!isolate_has_pending_exception(iso)) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "cannot install a builtin property");
  }
  return false;
}

Handle builtins_install_method(Isolate *iso, Handle native_context, Handle holder,
                               const char *key, BuiltinFunction fn, int length) {
  Handle k = builtins_key(iso, key);
  if (handle_is_null(k)) return k;
  Handle f = builtins_new_function(iso, native_context, k, length, fn);
  if (handle_is_null(f) || !builtins_define(iso, holder, k, f, DONT_ENUM)) return HANDLE_NULL;
  return f;
}

bool builtins_install_methods(Isolate *iso, Handle native_context, Handle holder,
                              const BuiltinSpec *specs, size_t count) {
  for (size_t i = 0; i < count; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle f = builtins_install_method(iso, native_context, holder, specs[i].key, specs[i].fn,
                                       specs[i].length);
    handle_scope_close(&scope);
    if (handle_is_null(f)) return false;
  }
  return true;
}

bool builtins_install_accessor(Isolate *iso, Handle native_context, Handle holder,
                               const char *key, BuiltinFunction getter, BuiltinFunction setter,
                               int attributes) {
  Handle k = builtins_key(iso, key);
  if (handle_is_null(k)) return false;
  Handle get = ROOT_HANDLE(iso, undefined_value), set = get;
  if (getter != NULL) {
    Handle name = builtins_function_name(iso, k, "get");
    if (handle_is_null(name)) return false;
    get = builtins_new_named(iso, native_context, name, 0, getter);
    if (handle_is_null(get)) return false;
  }
  if (setter != NULL) {
    Handle name = builtins_function_name(iso, k, "set");
    if (handle_is_null(name)) return false;
    set = builtins_new_named(iso, native_context, name, 1, setter);
    if (handle_is_null(set)) return false;
  }
  Handle pair = factory_new_accessor_pair(iso, get, set);
  if (handle_is_null(pair)) return false;
  if (js_object_define_accessor(iso, holder, k, pair, attributes | DONT_ENUM)) return true;
  if (!isolate_has_pending_exception(iso)) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "cannot install a builtin accessor");
  }
  return false;
}

bool builtins_define_value(Isolate *iso, Handle holder, const char *key, Handle value,
                           int attributes) {
  Handle k = builtins_key(iso, key);
  return !handle_is_null(k) && builtins_define(iso, holder, k, value, attributes);
}

Handle builtins_install_constructor(Isolate *iso, Handle native_context, const char *name,
                                    int length, BuiltinFunction fn, Handle prototype,
                                    int function_slot, int prototype_slot) {
  Handle ctor = js_function_new_builtin_named(iso, native_context, name, length, fn, true);
  if (handle_is_null(ctor)) return ctor;
  if (!js_function_set_prototype_property(iso, ctor, prototype) ||
      !builtins_define(iso, prototype, ROOT_HANDLE(iso, constructor_string), ctor, DONT_ENUM)) {
    return HANDLE_NULL;
  }
  Handle global = builtins_intrinsic(iso, native_context, NATIVE_CONTEXT_global_object);
  if (!builtins_define_value(iso, global, name, ctor, DONT_ENUM)) return HANDLE_NULL;
  if (function_slot >= 0) context_set(H(native_context), function_slot, H(ctor));
  if (prototype_slot >= 0) context_set(H(native_context), prototype_slot, H(prototype));
  return ctor;
}

Handle builtins_new_object_with_proto(Isolate *iso, Handle native_context, Handle proto) {
  Handle map = builtins_intrinsic(iso, native_context, NATIVE_CONTEXT_object_map);
  if (map_prototype(H(map)) != H(proto)) {
    map = map_copy_with_prototype(iso, map, proto);
    if (handle_is_null(map)) return map;
  }
  return factory_new_js_object_from_map(iso, map);
}

static Handle builtins_throw_va(Isolate *iso, ErrorKind kind, const char *fmt, va_list ap) {
  char buf[512];
  vsnprintf(buf, sizeof buf, fmt, ap);
  isolate_throw_error(iso, kind, "%s", buf);
  return HANDLE_NULL;
}

Handle builtins_throw_type_error(Isolate *iso, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  builtins_throw_va(iso, kError_TYPE_ERROR, fmt, ap);
  va_end(ap);
  return HANDLE_NULL;
}

Handle builtins_throw_range_error(Isolate *iso, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  builtins_throw_va(iso, kError_RANGE_ERROR, fmt, ap);
  va_end(ap);
  return HANDLE_NULL;
}
