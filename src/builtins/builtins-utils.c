/*
 * builtins-utils.c: installing builtin families. See builtins-utils.h.
 */
#include "builtins/builtins-utils.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "execution/execution.h"
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

/* ---- shortcuts ------------------------------------------------------------------------- */

Handle builtins_number(Isolate *iso, double value) { return factory_new_number(iso, value); }

Handle builtins_index_key(Isolate *iso, double index) {
  char buf[32];
  int n = snprintf(buf, sizeof buf, "%.0f", index);
  return string_internalize_utf8(iso, buf, (size_t)n);
}

Handle builtins_get_index(Isolate *iso, Handle obj, double index) {
  /* The termination poll of the builtins' element loops (join, indexOf, ... over huge
   * lengths): one relaxed load. */
  if (!isolate_poll_interrupts(iso)) return HANDLE_NULL;
  return runtime_get_index(iso, obj, index);
}

bool builtins_set_index(Isolate *iso, Handle obj, double index, Handle value) {
  ElementResult r = runtime_fast_set_element(iso, obj, index, value);
  if (r != ELEMENT_ABSENT) return r == ELEMENT_FOUND;
  Handle key = builtins_index_key(iso, index);
  return !handle_is_null(key) && runtime_set_property(iso, obj, key, value, true);
}

RuntimeMaybeBool builtins_has_index(Isolate *iso, Handle obj, double index) {
  if (!isolate_poll_interrupts(iso)) return RT_EXCEPTION;
  uint32_t i;
  if (runtime_ordinary_index(H(obj), index, &i) && elements_has_own(iso, H(obj), i)) {
    return RT_TRUE;  /* an own element: [[HasProperty]] is true without a key string */
  }
  Handle key = builtins_index_key(iso, index);
  if (handle_is_null(key)) return RT_EXCEPTION;
  return runtime_has_property(iso, obj, key);
}

bool builtins_create_data_index(Isolate *iso, Handle obj, double index, Handle value) {
  /* An ordinary extensible object with fast elements and no elements on its chain: its own
   * elements are plain writable, enumerable, configurable data, so defining one is setting
   * it (no key string: map, filter and friends build arrays this way). */
  ElementResult fast = runtime_fast_set_element(iso, obj, index, value);
  if (fast != ELEMENT_ABSENT) return fast == ELEMENT_FOUND;
  Handle key = builtins_index_key(iso, index);
  return !handle_is_null(key) && runtime_create_data_property_or_throw(iso, obj, key, value);
}

bool builtins_delete_index(Isolate *iso, Handle obj, double index) {
  Handle key = builtins_index_key(iso, index);
  return !handle_is_null(key) && runtime_delete_property_or_throw(iso, obj, key);
}

Handle builtins_get(Isolate *iso, Handle obj, const char *name) {
  return runtime_get_named(iso, obj, name);
}

bool builtins_set(Isolate *iso, Handle obj, const char *name, Handle value) {
  Handle key = builtins_string(iso, name);
  return !handle_is_null(key) && runtime_set_property(iso, obj, key, value, true);
}

Handle builtins_call(Isolate *iso, Handle fn, Handle receiver, int argc, const Handle *argv) {
  return execution_call(iso, fn, receiver, argc, argv);
}

Handle builtins_map_from_constructor(Isolate *iso, Handle new_target, int intrinsic_slot,
                                     Handle base_map) {
  Handle proto = runtime_get_prototype_from_constructor(iso, new_target, intrinsic_slot);
  if (handle_is_null(proto)) return proto;
  if (map_prototype(H(base_map)) == H(proto)) return base_map;
  if (is_js_function(H(new_target)) && map_instance_type(H(base_map)) == JS_OBJECT_TYPE &&
      !map_is_dictionary(H(base_map))) {
    return js_function_initial_map(iso, new_target, proto);
  }
  return map_copy_with_prototype(iso, base_map, proto);
}

Handle builtins_create_from_constructor(Isolate *iso, Handle new_target, int intrinsic_slot,
                                        Handle base_map) {
  Handle map = builtins_map_from_constructor(iso, new_target, intrinsic_slot, base_map);
  if (handle_is_null(map)) return map;
  return factory_new_js_object_from_map(iso, map);
}

/* ---- building strings ------------------------------------------------------------------ */

void builtins_buffer_init(BuiltinsBuffer *b) { *b = (BuiltinsBuffer){0}; }

void builtins_buffer_free(BuiltinsBuffer *b) {
  free(b->data);
  *b = (BuiltinsBuffer){0};
}

static bool builtins_buffer_reserve(BuiltinsBuffer *b, size_t extra) {
  if (b->failed) return false;
  if (b->length + extra <= b->capacity) return true;
  size_t capacity = b->capacity ? b->capacity * 2 : 64;
  while (capacity < b->length + extra) capacity *= 2;
  uint16_t *data = b->length + extra > (size_t)kMaxStringLength
                       ? NULL : realloc(b->data, capacity * sizeof *data);
  if (data == NULL) {
    b->failed = true; /* b->data is still the old block: builtins_buffer_free frees it */
    return false;
  }
  b->data = data;
  b->capacity = capacity;
  return true;
}

void builtins_buffer_append_unit(BuiltinsBuffer *b, uint16_t unit) {
  if (builtins_buffer_reserve(b, 1)) b->data[b->length++] = unit;
}

void builtins_buffer_append_code_point(BuiltinsBuffer *b, uint32_t cp) {
  if (cp < 0x10000) {
    builtins_buffer_append_unit(b, (uint16_t)cp);
    return;
  }
  cp -= 0x10000;
  builtins_buffer_append_unit(b, (uint16_t)(0xD800 + (cp >> 10)));
  builtins_buffer_append_unit(b, (uint16_t)(0xDC00 + (cp & 0x3FF)));
}

void builtins_buffer_append_ascii(BuiltinsBuffer *b, const char *text) {
  size_t n = strlen(text);
  if (!builtins_buffer_reserve(b, n)) return;
  for (size_t i = 0; i < n; i++) b->data[b->length++] = (uint8_t)text[i];
}

void builtins_buffer_append_string(BuiltinsBuffer *b, Tagged string) {
  if (!builtins_buffer_reserve(b, (size_t)string_length(string))) return;
  StringIterator it;
  string_iterator_init(&it, string);
  StringView piece;
  while (string_iterator_next(&it, &piece)) {
    for (int64_t i = 0; i < piece.length; i++) b->data[b->length++] = string_view_get(piece, i);
  }
  string_iterator_dispose(&it);
}

Handle builtins_string_from_units(Isolate *iso, const uint16_t *units, size_t length) {
  bool one_byte = true;
  for (size_t i = 0; i < length && one_byte; i++) one_byte = units[i] <= 0xFF;
  if (length > (size_t)kMaxStringLength) {
    return builtins_throw_range_error(iso, "Invalid string length");
  }
  if (!one_byte) return string_new_two_byte(iso, units, length);
  Handle s = string_allocate_one_byte(iso, (int64_t)length);
  if (handle_is_null(s) || length == 0) return s;
  uint8_t *chars = seq_one_byte_chars(H(s));
  for (size_t i = 0; i < length; i++) chars[i] = (uint8_t)units[i];
  return s;
}

Handle builtins_buffer_finish(Isolate *iso, BuiltinsBuffer *b) {
  if (b->failed) {
    builtins_buffer_free(b);
    return builtins_throw_range_error(iso, "Invalid string length");
  }
  Handle s = builtins_string_from_units(iso, b->data, b->length);
  builtins_buffer_free(b);
  return s;
}

uint16_t *builtins_string_units(Isolate *iso, Tagged string, size_t *length) {
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  builtins_buffer_append_string(&b, string);
  builtins_buffer_append_unit(&b, 0); /* never a NULL result for the empty string */
  if (b.failed) {
    builtins_buffer_free(&b);
    isolate_throw_out_of_memory(iso);
    return NULL;
  }
  *length = b.length - 1;
  return b.data;
}

Handle builtins_new_wrapper_prototype(Isolate *iso, Handle native_context, Handle value) {
  Handle map = factory_new_map(iso, JS_PRIMITIVE_WRAPPER_TYPE, JSPrimitiveWrapper_kHeaderSize, 0);
  if (handle_is_null(map)) return map;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), context_get(H(native_context), NATIVE_CONTEXT_object_prototype));
  Handle obj = factory_new_js_object_from_map(iso, map);
  if (!handle_is_null(obj)) js_primitive_wrapper_set_value(H(obj), H(value));
  return obj;
}
