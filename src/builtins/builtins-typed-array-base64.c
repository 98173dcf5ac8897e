/*
 * builtins-typed-array-base64.c: Uint8Array's base64 and hex conversions (ES2026 23.3:
 * Uint8Array.fromBase64, Uint8Array.fromHex, Uint8Array.prototype.setFromBase64,
 * setFromHex, toBase64, toHex). Installed by builtins_install_typed_array once
 * %Uint8Array% exists.
 *
 * The decoders follow FromBase64 / FromHex step by step, with a byte limit (maxLength, the
 * target's length for the set* methods) and a result record {read, bytes, error}: the set*
 * methods write the bytes decoded before an error and then throw it. Decoding runs no user
 * code, so the target cannot be detached in between.
 */
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins-typed-array.h"
#include "objects/js-objects.h"
#include "objects/string.h"

#define BASE64_BUILTINS(V)            \
  V(Uint8ArrayFromBase64, "fromBase64", 1) \
  V(Uint8ArrayFromHex, "fromHex", 1)
#define BASE64_PROTOTYPE_BUILTINS(V)                        \
  V(Uint8ArrayPrototypeSetFromBase64, "setFromBase64", 1)   \
  V(Uint8ArrayPrototypeSetFromHex, "setFromHex", 1)         \
  V(Uint8ArrayPrototypeToBase64, "toBase64", 0)             \
  V(Uint8ArrayPrototypeToHex, "toHex", 0)

BASE64_BUILTINS(BUILTIN_DECLARE)
BASE64_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)

typedef enum { LAST_CHUNK_LOOSE, LAST_CHUNK_STRICT, LAST_CHUNK_STOP_BEFORE_PARTIAL } LastChunk;

/* The result of FromBase64 / FromHex: `bytes` is malloc'd (count of them). */
typedef struct {
  uint8_t *bytes;
  size_t count;
  size_t read;
  bool error; /* a SyntaxError to throw once the bytes are written */
} DecodeResult;

static const char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* ---- options -------------------------------------------------------------------------- */

/* GetOptionsObject: undefined gives no options (NULL handle: every Get is undefined). */
static bool base64_options(Isolate *iso, Handle options, Handle *out) {
  *out = HANDLE_NULL;
  if (is_undefined(iso, H(options))) return true;
  if (!is_js_receiver(H(options))) {
    builtins_throw_type_error(iso, "options must be an object");
    return false;
  }
  *out = options;
  return true;
}

static Handle base64_option(Isolate *iso, Handle opts, const char *name) {
  if (handle_is_null(opts)) return ROOT_HANDLE(iso, undefined_value);
  return runtime_get_named(iso, opts, name);
}

/* The "alphabet" option: true for base64url. */
static bool base64_alphabet(Isolate *iso, Handle opts, bool *url) {
  Handle v = base64_option(iso, opts, "alphabet");
  if (handle_is_null(v)) return false;
  *url = false;
  if (is_undefined(iso, H(v))) return true;
  if (is_string(H(v)) && string_equals_ascii(H(v), "base64")) return true;
  if (is_string(H(v)) && string_equals_ascii(H(v), "base64url")) {
    *url = true;
    return true;
  }
  builtins_throw_type_error(iso, "alphabet must be \"base64\" or \"base64url\"");
  return false;
}

static bool base64_last_chunk(Isolate *iso, Handle opts, LastChunk *out) {
  Handle v = base64_option(iso, opts, "lastChunkHandling");
  if (handle_is_null(v)) return false;
  *out = LAST_CHUNK_LOOSE;
  if (is_undefined(iso, H(v))) return true;
  if (is_string(H(v))) {
    if (string_equals_ascii(H(v), "loose")) return true;
    if (string_equals_ascii(H(v), "strict")) {
      *out = LAST_CHUNK_STRICT;
      return true;
    }
    if (string_equals_ascii(H(v), "stop-before-partial")) {
      *out = LAST_CHUNK_STOP_BEFORE_PARTIAL;
      return true;
    }
  }
  builtins_throw_type_error(iso, "lastChunkHandling must be \"loose\", \"strict\" or \"stop-before-partial\"");
  return false;
}

/* ---- decoding ------------------------------------------------------------------------- */

static bool base64_is_space(uint16_t c) {
  return c == 0x09 || c == 0x0a || c == 0x0c || c == 0x0d || c == 0x20;
}

static size_t base64_skip_space(const uint16_t *s, size_t length, size_t i) {
  while (i < length && base64_is_space(s[i])) i++;
  return i;
}

/* The standard alphabet's value of c, or -1. */
static int base64_value(uint16_t c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

/* DecodeBase64Chunk: appends 1-3 bytes for a chunk of 2-4 values; false when
 * throw_on_extra_bits and the unused bits are not zero. */
static bool base64_decode_chunk(DecodeResult *r, const int *chunk, int chunk_length,
                                bool throw_on_extra_bits) {
  int v[4] = {chunk[0], chunk[1], chunk_length > 2 ? chunk[2] : 0, chunk_length > 3 ? chunk[3] : 0};
  uint32_t n = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
  uint8_t bytes[3] = {(uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
  int count = chunk_length - 1;
  if (throw_on_extra_bits && count < 3 && bytes[count] != 0) return false;
  for (int i = 0; i < count; i++) r->bytes[r->count++] = bytes[i];
  return true;
}

/* FromBase64 ( string, alphabet, lastChunkHandling [ , maxLength ] ). r->bytes must hold
 * up to 3 * (length / 4 + 1) bytes and max_length. */
static void base64_decode(const uint16_t *s, size_t length, bool url, LastChunk last,
                          size_t max_length, DecodeResult *r) {
  r->count = 0;
  r->read = 0;
  r->error = false;
  if (max_length == 0) return;
  int chunk[4];
  int chunk_length = 0;
  size_t index = 0;
  for (;;) {
    index = base64_skip_space(s, length, index);
    if (index == length) {
      if (chunk_length > 0) {
        if (last == LAST_CHUNK_STOP_BEFORE_PARTIAL) return;
        if (last == LAST_CHUNK_STRICT || chunk_length == 1) {
          r->error = true;
          return;
        }
        base64_decode_chunk(r, chunk, chunk_length, false);
      }
      r->read = length;
      return;
    }
    uint16_t c = s[index++];
    if (c == '=') {
      if (chunk_length < 2) {
        r->error = true;
        return;
      }
      index = base64_skip_space(s, length, index);
      if (chunk_length == 2) {
        if (index == length) {
          if (last != LAST_CHUNK_STOP_BEFORE_PARTIAL) r->error = true;
          return;
        }
        if (s[index] == '=') index = base64_skip_space(s, length, index + 1);
      }
      if (index < length ||
          !base64_decode_chunk(r, chunk, chunk_length, last == LAST_CHUNK_STRICT)) {
        r->error = true;
        return;
      }
      r->read = length;
      return;
    }
    if (url) {
      if (c == '+' || c == '/') {
        r->error = true;
        return;
      }
      if (c == '-') c = '+';
      else if (c == '_') c = '/';
    }
    int value = base64_value(c);
    if (value < 0) {
      r->error = true;
      return;
    }
    size_t remaining = max_length - r->count;
    if ((remaining == 1 && chunk_length == 2) || (remaining == 2 && chunk_length == 3)) return;
    chunk[chunk_length++] = value;
    if (chunk_length == 4) {
      base64_decode_chunk(r, chunk, 4, false);
      chunk_length = 0;
      r->read = index;
      if (r->count == max_length) return;
    }
  }
}

static int hex_value(uint16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* FromHex ( string [ , maxLength ] ) */
static void hex_decode(const uint16_t *s, size_t length, size_t max_length, DecodeResult *r) {
  r->count = 0;
  r->read = 0;
  r->error = false;
  if (length % 2 != 0) {
    r->error = true;
    return;
  }
  while (r->read < length && r->count < max_length) {
    int hi = hex_value(s[r->read]), lo = hex_value(s[r->read + 1]);
    if (hi < 0 || lo < 0) {
      r->error = true;
      return;
    }
    r->read += 2;
    r->bytes[r->count++] = (uint8_t)(hi << 4 | lo);
  }
}

/* ---- shared steps ---------------------------------------------------------------------- */

/* The code units of a string argument (TypeError unless a String), malloc'd. */
static uint16_t *base64_string_arg(Isolate *iso, Handle s, size_t *length) {
  if (!is_string(H(s))) {
    builtins_throw_type_error(iso, "argument must be a string");
    return NULL;
  }
  return builtins_string_units(iso, H(s), length);
}

static bool base64_alloc(Isolate *iso, DecodeResult *r, size_t capacity) {
  r->bytes = malloc(capacity ? capacity : 1);
  if (r->bytes == NULL) isolate_throw_out_of_memory(iso);
  return r->bytes != NULL;
}

/* A new Uint8Array of the running realm holding r's bytes, or r's SyntaxError. */
static Handle base64_new_uint8_array(Isolate *iso, BuiltinArgs *args, DecodeResult *r) {
  Handle result = HANDLE_NULL;
  if (r->error) {
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "invalid encoded string");
  } else {
    Handle realm = builtins_typed_array_realm(iso, args);
    Tagged table = context_get(H(realm), NATIVE_CONTEXT_typed_array_constructors);
    Handle map = handle_new(iso, fixed_array_get(table, (int64_t)TYPED_ARRAY_UINT8 * 3 + 2));
    result = js_typed_array_new_with_length(
        iso, map, TYPED_ARRAY_UINT8, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_array_buffer_map),
        r->count);
    if (!handle_is_null(result) && r->count > 0) memcpy(js_view_data(H(result)), r->bytes, r->count);
  }
  free(r->bytes);
  return result;
}

/* ValidateUint8Array: `this` is a Uint8Array. */
static Handle base64_this(Isolate *iso, BuiltinArgs *args, const char *method) {
  Handle o = builtin_receiver(args);
  if (is_js_typed_array(H(o)) && js_typed_array_kind(H(o)) == TYPED_ARRAY_UINT8) return o;
  return builtins_throw_type_error(iso, "Uint8Array.prototype.%s: this is not a Uint8Array", method);
}

/* ValidateUint8Array for the set* methods, which write: an immutable buffer is a TypeError. */
static Handle base64_this_write(Isolate *iso, BuiltinArgs *args, const char *method) {
  Handle o = base64_this(iso, args, method);
  if (!handle_is_null(o) && js_view_is_immutable(H(o))) {
    return builtins_throw_type_error(iso, "Uint8Array.prototype.%s: the buffer is immutable", method);
  }
  return o;
}

/* The set* methods' ending: the bytes written, then the error, else { read, written }. */
static Handle base64_set_result(Isolate *iso, Handle into, DecodeResult *r) {
  if (r->count > 0) memcpy(js_view_data(H(into)), r->bytes, r->count);
  free(r->bytes);
  if (r->error) {
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "invalid encoded string");
    return HANDLE_NULL;
  }
  Handle result = runtime_new_object(iso);
  TA_TRY(result);
  Handle read = builtins_typed_array_number(iso, (double)r->read);
  TA_TRY(read);
  Handle written = builtins_typed_array_number(iso, (double)r->count);
  TA_TRY(written);
  Handle read_key = builtins_string(iso, "read"), written_key = builtins_string(iso, "written");
  TA_TRY(read_key);
  TA_TRY(written_key);
  TA_CHECK(runtime_create_data_property_or_throw(iso, result, read_key, read));
  TA_CHECK(runtime_create_data_property_or_throw(iso, result, written_key, written));
  return result;
}

/* The target's current length, or a TypeError when it is out of bounds. */
static bool base64_target_length(Isolate *iso, Handle into, size_t *length) {
  if (js_view_is_out_of_bounds(H(into))) {
    builtins_throw_type_error(iso, "the Uint8Array is detached or out of bounds");
    return false;
  }
  *length = (size_t)js_typed_array_length(H(into));
  return true;
}

/* ---- the builtins ----------------------------------------------------------------------- */

BUILTIN(Uint8ArrayFromBase64) {
  size_t length;
  uint16_t *s = base64_string_arg(iso, builtin_arg(iso, args, 0), &length);
  if (s == NULL) return HANDLE_NULL;
  Handle opts;
  bool url;
  LastChunk last;
  if (!base64_options(iso, builtin_arg(iso, args, 1), &opts) || !base64_alphabet(iso, opts, &url) ||
      !base64_last_chunk(iso, opts, &last)) {
    free(s);
    return HANDLE_NULL;
  }
  DecodeResult r;
  if (!base64_alloc(iso, &r, length / 4 * 3 + 3)) {
    free(s);
    return HANDLE_NULL;
  }
  base64_decode(s, length, url, last, SIZE_MAX, &r);
  free(s);
  return base64_new_uint8_array(iso, args, &r);
}

BUILTIN(Uint8ArrayFromHex) {
  size_t length;
  uint16_t *s = base64_string_arg(iso, builtin_arg(iso, args, 0), &length);
  if (s == NULL) return HANDLE_NULL;
  DecodeResult r;
  if (!base64_alloc(iso, &r, length / 2)) {
    free(s);
    return HANDLE_NULL;
  }
  hex_decode(s, length, SIZE_MAX, &r);
  free(s);
  return base64_new_uint8_array(iso, args, &r);
}

BUILTIN(Uint8ArrayPrototypeSetFromBase64) {
  Handle into = base64_this_write(iso, args, "setFromBase64");
  TA_TRY(into);
  Handle str = builtin_arg(iso, args, 0);
  if (!is_string(H(str))) return builtins_throw_type_error(iso, "setFromBase64: argument must be a string");
  Handle opts;
  bool url;
  LastChunk last;
  size_t max;
  TA_CHECK(base64_options(iso, builtin_arg(iso, args, 1), &opts));
  TA_CHECK(base64_alphabet(iso, opts, &url));
  TA_CHECK(base64_last_chunk(iso, opts, &last));
  TA_CHECK(base64_target_length(iso, into, &max));
  size_t length;
  uint16_t *s = base64_string_arg(iso, str, &length);
  if (s == NULL) return HANDLE_NULL;
  DecodeResult r;
  if (!base64_alloc(iso, &r, length / 4 * 3 + 3)) {
    free(s);
    return HANDLE_NULL;
  }
  base64_decode(s, length, url, last, max, &r);
  free(s);
  return base64_set_result(iso, into, &r);
}

BUILTIN(Uint8ArrayPrototypeSetFromHex) {
  Handle into = base64_this_write(iso, args, "setFromHex");
  TA_TRY(into);
  Handle str = builtin_arg(iso, args, 0);
  if (!is_string(H(str))) return builtins_throw_type_error(iso, "setFromHex: argument must be a string");
  size_t max, length;
  TA_CHECK(base64_target_length(iso, into, &max));
  uint16_t *s = base64_string_arg(iso, str, &length);
  if (s == NULL) return HANDLE_NULL;
  DecodeResult r;
  if (!base64_alloc(iso, &r, length / 2)) {
    free(s);
    return HANDLE_NULL;
  }
  hex_decode(s, length, max, &r);
  free(s);
  return base64_set_result(iso, into, &r);
}

/* A one-byte String of `length` characters from text (malloc'd, freed here). */
static Handle base64_finish_text(Isolate *iso, char *text, size_t length) {
  if (text == NULL) {
    isolate_throw_out_of_memory(iso);
    return HANDLE_NULL;
  }
  Handle s = string_new_one_byte(iso, (const uint8_t *)text, length);
  free(text);
  return s;
}

BUILTIN(Uint8ArrayPrototypeToBase64) {
  Handle o = base64_this(iso, args, "toBase64");
  TA_TRY(o);
  Handle opts;
  bool url;
  TA_CHECK(base64_options(iso, builtin_arg(iso, args, 0), &opts));
  TA_CHECK(base64_alphabet(iso, opts, &url));
  Handle omit = base64_option(iso, opts, "omitPadding");
  TA_TRY(omit);
  bool omit_padding = runtime_to_boolean(iso, H(omit));
  size_t n;
  TA_CHECK(base64_target_length(iso, o, &n));
  const uint8_t *bytes = js_view_data(H(o));
  const char *alphabet = url ? kBase64Url : kBase64;
  char *text = malloc((n + 2) / 3 * 4 + 1);
  size_t at = 0;
  for (size_t i = 0; text != NULL && i < n; i += 3) {
    uint32_t v = (uint32_t)bytes[i] << 16 | (i + 1 < n ? (uint32_t)bytes[i + 1] << 8 : 0) |
                 (i + 2 < n ? bytes[i + 2] : 0);
    size_t count = n - i >= 3 ? 4 : n - i + 1;
    for (size_t k = 0; k < 4; k++) {
      if (k < count) text[at++] = alphabet[(v >> (18 - 6 * k)) & 63];
      else if (!omit_padding) text[at++] = '=';
    }
  }
  return base64_finish_text(iso, text, at);
}

BUILTIN(Uint8ArrayPrototypeToHex) {
  Handle o = base64_this(iso, args, "toHex");
  TA_TRY(o);
  size_t n;
  TA_CHECK(base64_target_length(iso, o, &n));
  const uint8_t *bytes = js_view_data(H(o));
  static const char kDigits[] = "0123456789abcdef";
  char *text = malloc(n * 2 + 1);
  for (size_t i = 0; text != NULL && i < n; i++) {
    text[2 * i] = kDigits[bytes[i] >> 4];
    text[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return base64_finish_text(iso, text, n * 2);
}

/* ---- installation ---------------------------------------------------------------------- */

static const BuiltinSpec kBase64Builtins[] = {BASE64_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kBase64PrototypeBuiltins[] = {BASE64_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

/* Installs the methods on %Uint8Array% and %Uint8Array.prototype%. */
bool builtins_typed_array_install_base64(Isolate *iso, Handle native_context, Handle ctor,
                                         Handle proto) {
  return builtins_install_methods(iso, native_context, ctor, kBase64Builtins,
                                  KILN_ARRAY_SIZE(kBase64Builtins)) &&
         builtins_install_methods(iso, native_context, proto, kBase64PrototypeBuiltins,
                                  KILN_ARRAY_SIZE(kBase64PrototypeBuiltins));
}
