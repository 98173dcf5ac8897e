/*
 * builtins-global.c: the value properties of the global object (ES2025 19.1: NaN,
 * Infinity, undefined) and the URI handling functions (19.2.6). globalThis is defined by
 * the bootstrapper; parseInt, parseFloat, isNaN and isFinite by builtins-number.c. %eval%
 * (19.2.1) is here: called through a property or a variable other than a direct `eval(...)`
 * it is an indirect eval; the interpreter recognises direct eval by comparing the callee
 * with the realm's eval_function.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins-utils.h"
#include "objects/string.h"

#define GLOBAL_BUILTINS(V)                                 \
  V(GlobalEval, "eval", 1)                                 \
  V(GlobalDecodeURI, "decodeURI", 1)                       \
  V(GlobalDecodeURIComponent, "decodeURIComponent", 1)     \
  V(GlobalEncodeURI, "encodeURI", 1)                       \
  V(GlobalEncodeURIComponent, "encodeURIComponent", 1)

GLOBAL_BUILTINS(BUILTIN_DECLARE)

static const char kUriReserved[] = ";/?:@&=+$,";
static const char kUriUnescapedExtra[] = "-_.!~*'()";

static bool uri_is_alnum(uint16_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
static bool uri_in_set(uint16_t c, const char *set) {
  return c != 0 && c < 128 && strchr(set, (char)c) != NULL;
}

/* ES2025 19.2.6.5 Encode ( string, extraUnescaped ) */
static Handle uri_encode(Isolate *iso, BuiltinArgs *args, bool component) {
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  size_t len;
  uint16_t *u = builtins_string_units(iso, H(s), &len);
  if (u == NULL) return HANDLE_NULL;
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  for (size_t k = 0; k < len; k++) {
    uint16_t c = u[k];
    if (uri_is_alnum(c) || uri_in_set(c, kUriUnescapedExtra) ||
        (!component && (uri_in_set(c, kUriReserved) || c == '#'))) {
      builtins_buffer_append_unit(&b, c);
      continue;
    }
    uint32_t cp = c;
    if (c >= 0xDC00 && c <= 0xDFFF) goto malformed;
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (k + 1 >= len || u[k + 1] < 0xDC00 || u[k + 1] > 0xDFFF) goto malformed;
      cp = 0x10000 + (((uint32_t)c - 0xD800) << 10) + (u[++k] - 0xDC00);
    }
    uint8_t bytes[4];
    int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (n == 1) {
      bytes[0] = (uint8_t)cp;
    } else {
      for (int i = n - 1; i > 0; i--) {
        bytes[i] = (uint8_t)(0x80 | (cp & 0x3F));
        cp >>= 6;
      }
      bytes[0] = (uint8_t)((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | cp);
    }
    for (int i = 0; i < n; i++) {
      char hex[4];
      snprintf(hex, sizeof hex, "%%%02X", bytes[i]);
      builtins_buffer_append_ascii(&b, hex);
    }
  }
  free(u);
  return builtins_buffer_finish(iso, &b);
malformed:
  free(u);
  builtins_buffer_free(&b);
  isolate_throw_error(iso, kError_URI_ERROR, "URI malformed");
  return HANDLE_NULL;
}

static int uri_hex(uint16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* The byte of "%XY" at u[k]; -1 when malformed. */
static int uri_byte_at(const uint16_t *u, size_t len, size_t k) {
  if (k + 2 >= len || u[k] != '%') return -1;
  int hi = uri_hex(u[k + 1]), lo = uri_hex(u[k + 2]);
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

/* ES2025 19.2.6.6 Decode ( string, preserveEscapeSet ) */
static Handle uri_decode(Isolate *iso, BuiltinArgs *args, bool component) {
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  size_t len;
  uint16_t *u = builtins_string_units(iso, H(s), &len);
  if (u == NULL) return HANDLE_NULL;
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  for (size_t k = 0; k < len; k++) {
    if (u[k] != '%') {
      builtins_buffer_append_unit(&b, u[k]);
      continue;
    }
    size_t start = k;
    int byte = uri_byte_at(u, len, k);
    if (byte < 0) goto malformed;
    k += 2;
    if (byte < 0x80) {
      if (!component && (uri_in_set((uint16_t)byte, kUriReserved) || byte == '#')) {
        for (size_t i = start; i <= k; i++) builtins_buffer_append_unit(&b, u[i]);
      } else {
        builtins_buffer_append_unit(&b, (uint16_t)byte);
      }
      continue;
    }
    int n = (byte & 0xE0) == 0xC0 ? 2 : (byte & 0xF0) == 0xE0 ? 3 : (byte & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0) goto malformed;
    uint32_t cp = (uint32_t)byte & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (int j = 1; j < n; j++) {
      int cont = uri_byte_at(u, len, k + 1);
      if (cont < 0 || (cont & 0xC0) != 0x80) goto malformed;
      k += 3;
      cp = (cp << 6) | ((uint32_t)cont & 0x3F);
    }
    static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto malformed;
    builtins_buffer_append_code_point(&b, cp);
  }
  free(u);
  return builtins_buffer_finish(iso, &b);
malformed:
  free(u);
  builtins_buffer_free(&b);
  isolate_throw_error(iso, kError_URI_ERROR, "URI malformed");
  return HANDLE_NULL;
}

/* ES2025 19.2.1 eval ( x ): 19.2.1.1 PerformEval(x, false, false), global code of this
 * function's realm. */
BUILTIN(GlobalEval) {
  Handle x = BUILTIN_ARG(0);
  if (!is_string(H(x))) return x;
  Handle sfi = compiler_compile_indirect_eval(iso, x);
  BUILTIN_TRY(sfi);
  Handle realm = builtins_realm(iso, args);
  Handle fn = js_function_new_closure(iso, sfi, realm);
  BUILTIN_TRY(fn);
  Handle this_value = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_global_this);
  return builtins_call(iso, fn, this_value, 0, NULL);
}

BUILTIN(GlobalDecodeURI) { return uri_decode(iso, args, false); }
BUILTIN(GlobalDecodeURIComponent) { return uri_decode(iso, args, true); }
BUILTIN(GlobalEncodeURI) { return uri_encode(iso, args, false); }
BUILTIN(GlobalEncodeURIComponent) { return uri_encode(iso, args, true); }

static const BuiltinSpec kGlobalBuiltins[] = {GLOBAL_BUILTINS(BUILTIN_SPEC)};

/* %eval% in the realm's eval_function slot (direct eval is a call of this function). */
static bool global_record_eval(Isolate *iso, Handle nc, Handle global) {
  Handle eval = builtins_get(iso, global, "eval");
  if (handle_is_null(eval)) return false;
  context_set(H(nc), NATIVE_CONTEXT_eval_function, H(eval));
  return true;
}

bool builtins_install_global(Isolate *iso, Handle nc) {
  Handle global = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_global_object);
  int attrs = READ_ONLY | DONT_ENUM | DONT_DELETE;
  Handle infinity = builtins_number(iso, INFINITY);
  return !handle_is_null(infinity) &&
         builtins_define_value(iso, global, "NaN", ROOT_HANDLE(iso, nan_value), attrs) &&
         builtins_define_value(iso, global, "Infinity", infinity, attrs) &&
         builtins_define_value(iso, global, "undefined", ROOT_HANDLE(iso, undefined_value), attrs) &&
         builtins_install_methods(iso, nc, global, kGlobalBuiltins, KILN_ARRAY_SIZE(kGlobalBuiltins)) &&
         global_record_eval(iso, nc, global);
}
