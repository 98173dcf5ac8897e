/*
 * runtime-error.c: error objects in the current realm, with their "stack".
 *
 * An error object is JS_ERROR_TYPE with its ErrorKind in hidden in-object field 0
 * (objects/js-objects.h). Its map comes from the realm: NATIVE_CONTEXT error_maps[kind]
 * when set, else a copy of the root error_map with the kind's %NativeError.prototype%
 * (read from the realm's *_error_function), cached in error_maps; without a realm, the
 * root error_map (prototype null).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heap/factory.h"
#include "objects/map.h"
#include "runtime/runtime-internal.h"

static const int kErrorFunctionSlots[kErrorKindCount] = {
    NATIVE_CONTEXT_error_function,           NATIVE_CONTEXT_type_error_function,
    NATIVE_CONTEXT_range_error_function,     NATIVE_CONTEXT_syntax_error_function,
    NATIVE_CONTEXT_reference_error_function, NATIVE_CONTEXT_eval_error_function,
    NATIVE_CONTEXT_uri_error_function,
};

/* A map that can hold an error (JS_ERROR_TYPE with the hidden kind field). */
static bool error_map_is_usable(Tagged map) {
  return is_map(map) && map_instance_type(map) == JS_ERROR_TYPE &&
         map_inobject_properties(map) >= 1 && map_number_of_fields(map) >= 1;
}

/* The realm's error_maps FixedArray, made on first use; empty when there is no realm. */
static Handle error_realm_maps(Isolate *iso) {
  Tagged maps = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_error_maps);
  if (maps != 0 && is_fixed_array(maps) && fixed_array_length(maps) >= kErrorKindCount) {
    return handle_new(iso, maps);
  }
  if (iso->native_context == 0) return HANDLE_NULL;
  Handle fresh = factory_new_fixed_array(iso, kErrorKindCount);
  if (handle_is_null(fresh)) return fresh;
  context_set(iso->native_context, NATIVE_CONTEXT_error_maps, H(fresh));
  return fresh;
}

/* The map for a new error of kind. May allocate. */
static Handle error_map_for(Isolate *iso, ErrorKind kind) {
  Handle root = ROOT_HANDLE(iso, error_map);
  if (iso->native_context == 0) return root;
  Handle maps = error_realm_maps(iso);
  if (handle_is_null(maps)) return maps;
  Tagged cached = fixed_array_get(H(maps), kind);
  if (error_map_is_usable(cached)) return handle_new(iso, cached);
  Tagged ctor = runtime_realm_intrinsic(iso, kErrorFunctionSlots[kind]);
  if (ctor == 0 || !is_js_receiver(ctor)) return root;
  Handle proto = js_object_get_property(iso, handle_new(iso, ctor), ROOT_HANDLE(iso, prototype_string));
  if (handle_is_null(proto)) return proto;
  if (!is_js_receiver(H(proto))) return root;
  Handle map = map_copy_with_prototype(iso, root, proto);
  if (handle_is_null(map)) return map;
  fixed_array_set(H(maps), kind, H(map));
  return map;
}

/* A data property's string value found through the chain without running user code, or
 * dflt. */
static Handle error_string_property(Isolate *iso, Handle error, Handle key, Handle dflt) {
  Handle v = js_object_get_property(iso, error, key);
  if (handle_is_null(v)) return v;
  return is_string(H(v)) ? v : dflt;
}

bool runtime_install_error_stack(Isolate *iso, Handle error) {
  Handle name = error_string_property(iso, error, ROOT_HANDLE(iso, name_string),
                                      ROOT_HANDLE(iso, empty_string));
  if (handle_is_null(name)) return false;
  if (string_length(H(name)) == 0 && is_js_object(H(error)) &&
      heap_object_type(H(error)) == JS_ERROR_TYPE) {
    const char *n = error_kind_name(js_error_kind(H(error)));
    name = string_new_utf8(iso, n, strlen(n));
    if (handle_is_null(name)) return false;
  }
  Handle message = error_string_property(iso, error, ROOT_HANDLE(iso, message_string),
                                         ROOT_HANDLE(iso, empty_string));
  if (handle_is_null(message)) return false;
  Handle text = name;
  if (string_length(H(message)) > 0) {
    Handle sep = string_new_utf8(iso, ": ", 2);
    if (handle_is_null(sep) || handle_is_null(text = string_concat(iso, text, sep)) ||
        handle_is_null(text = string_concat(iso, text, message))) {
      return false;
    }
  }
  if (iso->capture_stack_trace != NULL) {
    Handle frames = iso->capture_stack_trace(iso);
    if (handle_is_null(frames)) return false;
    if (is_string(H(frames)) && string_length(H(frames)) > 0) {
      Handle nl = string_new_utf8(iso, "\n", 1);
      if (handle_is_null(nl) || handle_is_null(text = string_concat(iso, text, nl)) ||
          handle_is_null(text = string_concat(iso, text, frames))) {
        return false;
      }
    }
  }
  return js_object_define_own_property(iso, error, ROOT_HANDLE(iso, stack_string), text,
                                       DONT_ENUM);
}

Handle runtime_new_error(Isolate *iso, ErrorKind kind, Handle message) {
  Handle map = error_map_for(iso, kind);
  if (handle_is_null(map)) return map;
  Handle error = js_object_new_with_map(iso, map);
  if (handle_is_null(error)) return error;
  field_write(H(error), map_inobject_start(H(map)), smi_from_int((int32_t)kind));
  if (!is_undefined(iso, H(message)) &&
      !js_object_define_own_property(iso, error, ROOT_HANDLE(iso, message_string), message,
                                     DONT_ENUM)) {
    return HANDLE_NULL;
  }
  if (!runtime_install_error_stack(iso, error)) return HANDLE_NULL;
  return error;
}

Handle runtime_new_error_fmt(Isolate *iso, ErrorKind kind, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  size_t len = n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
  Handle message = string_new_utf8(iso, buf, len);
  if (handle_is_null(message)) return message;
  return runtime_new_error(iso, kind, message);
}
