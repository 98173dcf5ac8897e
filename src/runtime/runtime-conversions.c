/*
 * runtime-conversions.c: type conversion (ES2025 7.1) and the 7.2 type tests that never run
 * user code (IsCallable, SameValue, ...).
 *
 * Number <-> String: the number text comes from numbers_format (below) and strings are read
 * by runtime_string_to_number; both keep to the spec's grammar and rounding (the digits are
 * the shortest that read back, via the C library's correctly rounded printf/strtod).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/map.h"
#include "runtime/runtime-internal.h"

/* ---- Number -> String ------------------------------------------------------------------ */

/* The shortest decimal digits of v (finite, > 0) that read back as v: digits (no NUL, no
 * trailing zeros) and the exponent n with v ~ 0.d1d2...dk * 10^n. Returns k. */
static int numbers_shortest_digits(double v, char *digits, int *n) {
  char buf[40];
  for (int precision = 0; precision <= 16; precision++) {
    snprintf(buf, sizeof buf, "%.*e", precision, v);
    if (strtod(buf, NULL) != v && precision < 16) continue;
    int k = 0;
    for (const char *p = buf; *p != 'e'; p++) {
      if (*p >= '0' && *p <= '9') digits[k++] = *p;
    }
    while (k > 1 && digits[k - 1] == '0') k--;
    *n = atoi(strchr(buf, 'e') + 1) + 1;
    return k;
  }
  UNREACHABLE();
}

int runtime_double_to_cstring(double x, char *buf) {
  if (isnan(x)) return sprintf(buf, "NaN");
  if (x == 0) return sprintf(buf, "0");
  if (isinf(x)) return sprintf(buf, x < 0 ? "-Infinity" : "Infinity");
  char digits[24];
  int n, len = 0;
  if (x < 0) buf[len++] = '-';
  int k = numbers_shortest_digits(fabs(x), digits, &n);
  if (k <= n && n <= 21) { /* 6.1.6.1.20 step 6: integer, padded with zeros */
    memcpy(buf + len, digits, (size_t)k);
    len += k;
    for (int i = k; i < n; i++) buf[len++] = '0';
  } else if (0 < n && n <= 21) { /* step 7: decimal point inside the digits */
    memcpy(buf + len, digits, (size_t)n);
    len += n;
    buf[len++] = '.';
    memcpy(buf + len, digits + n, (size_t)(k - n));
    len += k - n;
  } else if (-6 < n && n <= 0) { /* step 8: 0.000ddd */
    buf[len++] = '0';
    buf[len++] = '.';
    for (int i = 0; i < -n; i++) buf[len++] = '0';
    memcpy(buf + len, digits, (size_t)k);
    len += k;
  } else { /* steps 9-10: exponential */
    buf[len++] = digits[0];
    if (k > 1) {
      buf[len++] = '.';
      memcpy(buf + len, digits + 1, (size_t)(k - 1));
      len += k - 1;
    }
    len += sprintf(buf + len, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
  }
  buf[len] = '\0';
  return len;
}

Handle runtime_number_to_string(Isolate *iso, Tagged number) {
  char buf[40];
  int len;
  if (is_smi(number)) {
    len = snprintf(buf, sizeof buf, "%d", smi_value(number));
  } else {
    len = runtime_double_to_cstring(heap_number_value(number), buf);
  }
  return string_new_one_byte(iso, (const uint8_t *)buf, (size_t)len);
}

Handle runtime_index_to_key(Isolate *iso, double index) {
  char buf[40];
  int len = runtime_double_to_cstring(index, buf);
  return string_internalize_utf8(iso, buf, (size_t)len);
}

/* ---- String -> Number ------------------------------------------------------------------ */

/* ES2025 12.2 WhiteSpace and 12.3 LineTerminator: what StringToNumber trims. */
static bool conversions_is_js_space(uint16_t c) {
  switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

static int conversions_digit_value(uint16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

/* A NonDecimalIntegerLiteral's digits (radix 2, 8 or 16) rounded to nearest-even: the digits
 * are rewritten as a hexadecimal C literal for strtod, which rounds hex input exactly. */
static double conversions_parse_radix(const uint16_t *s, size_t n, int radix) {
  if (n == 0) return NAN;
  int bits_per_digit = radix == 16 ? 4 : radix == 8 ? 3 : 1;
  size_t total_bits = n * (size_t)bits_per_digit;
  size_t hex_digits = (total_bits + 3) / 4;
  char *hex = malloc(hex_digits + 4);
  if (hex == NULL) FATAL("out of C memory");
  memset(hex, 0, hex_digits + 4);
  hex[0] = '0';
  hex[1] = 'x';
  size_t bit = hex_digits * 4 - total_bits; /* leading pad bits */
  for (size_t i = 0; i < n; i++) {
    int d = conversions_digit_value(s[i]);
    if (d >= radix) {
      free(hex);
      return NAN;
    }
    for (int b = bits_per_digit - 1; b >= 0; b--, bit++) {
      if (d >> b & 1) hex[2 + bit / 4] |= (char)(1 << (3 - bit % 4));
    }
  }
  for (size_t i = 0; i < hex_digits; i++) hex[2 + i] = "0123456789abcdef"[(int)hex[2 + i]];
  double v = strtod(hex, NULL);
  free(hex);
  return v;
}

/* StrUnsignedDecimalLiteral (with an optional sign): digits, '.', digits, exponent. */
static double conversions_parse_decimal(const uint16_t *s, size_t n) {
  size_t i = 0, digits = 0;
  if (i < n && (s[i] == '+' || s[i] == '-')) i++;
  size_t body = i;
  if (n - i == 8 && memcmp(s + i, u"Infinity", 16) == 0) {
    return s[0] == '-' ? -INFINITY : INFINITY;
  }
  while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
  if (i < n && s[i] == '.') {
    i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
  }
  if (digits == 0) return NAN;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    size_t e = ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) e = ++i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == e) return NAN;
  }
  if (i != n) return NAN;
  KILN_UNUSED(body);
  char small[128];
  char *text = n < sizeof small ? small : malloc(n + 1);
  if (text == NULL) FATAL("out of C memory");
  for (size_t j = 0; j < n; j++) text[j] = (char)s[j];
  text[n] = '\0';
  double v = strtod(text, NULL);
  if (text != small) free(text);
  return v;
}

/* 7.1.4.1.1 StringToNumber over code units. */
static double conversions_string_to_number(const uint16_t *s, size_t n) {
  while (n > 0 && conversions_is_js_space(s[0])) s++, n--;
  while (n > 0 && conversions_is_js_space(s[n - 1])) n--;
  if (n == 0) return 0;
  if (n > 2 && s[0] == '0') {
    switch (s[1]) {
      case 'x': case 'X': return conversions_parse_radix(s + 2, n - 2, 16);
      case 'o': case 'O': return conversions_parse_radix(s + 2, n - 2, 8);
      case 'b': case 'B': return conversions_parse_radix(s + 2, n - 2, 2);
      default: break;
    }
  }
  return conversions_parse_decimal(s, n);
}

double runtime_string_to_number(Isolate *iso, Tagged string) {
  KILN_UNUSED(iso);
  int64_t length = string_length(string);
  uint16_t small[64];
  uint16_t *chars = length <= 64 ? small : malloc(sizeof(uint16_t) * (size_t)length);
  if (chars == NULL) FATAL("out of C memory");
  StringIterator it;
  StringView piece;
  int64_t at = 0;
  string_iterator_init(&it, string);
  while (string_iterator_next(&it, &piece)) {
    for (int64_t i = 0; i < piece.length; i++) chars[at++] = string_view_get(piece, i);
  }
  string_iterator_dispose(&it);
  double v = conversions_string_to_number(chars, (size_t)length);
  if (chars != small) free(chars);
  return v;
}

/* ---- ToPrimitive ----------------------------------------------------------------------- */

/* 7.1.1.1 OrdinaryToPrimitive. Calls user code. */
static Handle conversions_ordinary_to_primitive(Isolate *iso, Handle obj, ToPrimitiveHint hint) {
  Handle names[2] = {ROOT_HANDLE(iso, value_of_string), ROOT_HANDLE(iso, to_string_string)};
  if (hint == HINT_STRING) {
    Handle t = names[0];
    names[0] = names[1];
    names[1] = t;
  }
  for (int i = 0; i < 2; i++) {
    Handle method = runtime_get(iso, obj, names[i], obj);
    if (handle_is_null(method)) return method;
    if (!runtime_is_callable(H(method))) continue;
    Handle result = execution_call(iso, method, obj, 0, NULL);
    if (handle_is_null(result) || !is_js_receiver(H(result))) return result;
  }
  rt_throw_type_error(iso, "Cannot convert object to primitive value");
  return HANDLE_NULL;
}

Handle runtime_to_primitive(Isolate *iso, Handle value, ToPrimitiveHint hint) {
  if (!is_js_receiver(H(value))) return value;
  Handle exotic = runtime_get_method(iso, value, ROOT_HANDLE(iso, to_primitive_symbol));
  if (handle_is_null(exotic)) return exotic;
  if (!is_undefined(iso, H(exotic))) {
    Handle hint_string = hint == HINT_DEFAULT  ? ROOT_HANDLE(iso, default_string)
                         : hint == HINT_NUMBER ? ROOT_HANDLE(iso, number_string)
                                               : ROOT_HANDLE(iso, string_string);
    Handle result = execution_call(iso, exotic, value, 1, &hint_string);
    if (handle_is_null(result)) return result;
    if (is_js_receiver(H(result))) {
      rt_throw_type_error(iso, "Cannot convert object to primitive value");
      return HANDLE_NULL;
    }
    return result;
  }
  return conversions_ordinary_to_primitive(iso, value, hint == HINT_STRING ? HINT_STRING
                                                                            : HINT_NUMBER);
}

/* ---- ToBoolean, ToNumber and the integer conversions ----------------------------------- */

bool runtime_to_boolean(Isolate *iso, Tagged value) {
  if (is_smi(value)) return value != smi_from_int(0);
  if (value == ROOT(iso, true_value)) return true;
  if (value == ROOT(iso, false_value) || is_undefined(iso, value) || is_null(iso, value)) {
    return false;
  }
  if (is_string(value)) return string_length(value) != 0;
  if (is_heap_number(value)) {
    double d = heap_number_value(value);
    return !(d == 0 || isnan(d));
  }
  if (is_js_receiver(value)) return !map_has_flag(heap_object_map(value), MAP_IS_UNDETECTABLE);
  return true; /* symbols */
}

double runtime_number_value(Tagged number) {
  return is_smi(number) ? (double)smi_value(number) : heap_number_value(number);
}

/* ToNumber of a primitive. */
static Handle conversions_primitive_to_number(Isolate *iso, Handle value) {
  Tagged v = H(value);
  if (is_number(v)) return value;
  if (is_string(v)) return factory_new_number(iso, runtime_string_to_number(iso, v));
  if (is_oddball(v)) return handle_new(iso, oddball_to_number(v));
  if (is_symbol(v)) {
    rt_throw_type_error(iso, "Cannot convert a Symbol value to a number");
  } else {
    rt_throw_type_error(iso, "Cannot convert a BigInt value to a number");
  }
  return HANDLE_NULL;
}

Handle runtime_to_numeric(Isolate *iso, Handle value) {
  if (is_number(H(value))) return value;
  Handle prim = runtime_to_primitive(iso, value, HINT_NUMBER);
  if (handle_is_null(prim)) return prim;
  return conversions_primitive_to_number(iso, prim);
}

Handle runtime_to_number(Isolate *iso, Handle value) { return runtime_to_numeric(iso, value); }

bool runtime_to_number_double(Isolate *iso, Handle value, double *out) {
  if (is_smi(H(value))) {
    *out = smi_value(H(value));
    return true;
  }
  Handle n = runtime_to_number(iso, value);
  if (handle_is_null(n)) return false;
  *out = runtime_number_value(H(n));
  return true;
}

bool runtime_to_integer_or_infinity(Isolate *iso, Handle value, double *out) {
  double d;
  if (!runtime_to_number_double(iso, value, &d)) return false;
  *out = isnan(d) || d == 0 ? 0 : isinf(d) ? d : trunc(d);
  if (*out == 0) *out = 0; /* no -0 */
  return true;
}

int32_t runtime_double_to_int32(double d) {
  if (!isfinite(d)) return 0;
  if (d >= INT32_MIN && d <= INT32_MAX) return (int32_t)d;
  double m = fmod(trunc(d), 4294967296.0);
  if (m < 0) m += 4294967296.0;
  return (int32_t)(uint32_t)m;
}

bool runtime_to_int32(Isolate *iso, Handle value, int32_t *out) {
  if (is_smi(H(value))) {
    *out = smi_value(H(value));
    return true;
  }
  double d;
  if (!runtime_to_number_double(iso, value, &d)) return false;
  *out = runtime_double_to_int32(d);
  return true;
}

bool runtime_to_uint32(Isolate *iso, Handle value, uint32_t *out) {
  int32_t i;
  if (!runtime_to_int32(iso, value, &i)) return false;
  *out = (uint32_t)i;
  return true;
}

bool runtime_to_length(Isolate *iso, Handle value, double *out) {
  double d;
  if (!runtime_to_integer_or_infinity(iso, value, &d)) return false;
  *out = d <= 0 ? 0 : d > 9007199254740991.0 ? 9007199254740991.0 : d;
  return true;
}

bool runtime_to_index(Isolate *iso, Handle value, double *out) {
  if (is_undefined(iso, H(value))) {
    *out = 0;
    return true;
  }
  double d;
  if (!runtime_to_integer_or_infinity(iso, value, &d)) return false;
  if (d < 0 || d > 9007199254740991.0) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid index");
    return false;
  }
  *out = d;
  return true;
}

/* ---- ToString, ToObject, ToPropertyKey ------------------------------------------------- */

Handle runtime_to_string(Isolate *iso, Handle value) {
  for (;;) {
    Tagged v = H(value);
    if (is_string(v)) return value;
    if (is_number(v)) return runtime_number_to_string(iso, v);
    if (is_oddball(v)) return handle_new(iso, oddball_to_string(v));
    if (is_symbol(v)) {
      rt_throw_type_error(iso, "Cannot convert a Symbol value to a string");
      return HANDLE_NULL;
    }
    if (!is_js_receiver(v)) {
      rt_throw_type_error(iso, "Cannot convert a BigInt value to a string");
      return HANDLE_NULL;
    }
    value = runtime_to_primitive(iso, value, HINT_STRING);
    if (handle_is_null(value)) return value;
  }
}

Handle runtime_to_object(Isolate *iso, Handle value) {
  Tagged v = H(value);
  if (is_js_receiver(v)) return value;
  if (is_undefined(iso, v) || is_null(iso, v)) {
    rt_throw_type_error(iso, "Cannot convert undefined or null to object");
    return HANDLE_NULL;
  }
  return runtime_new_primitive_wrapper(iso, value, HANDLE_NULL);
}

Handle runtime_to_property_key(Isolate *iso, Handle value) {
  Tagged v = H(value);
  if (is_string(v)) return string_is_internalized(v) ? value : string_internalize(iso, value);
  if (is_symbol(v)) return value;
  if (is_smi(v) && smi_value(v) >= 0) {
    char buf[16];
    int len = snprintf(buf, sizeof buf, "%d", smi_value(v));
    return string_internalize_utf8(iso, buf, (size_t)len);
  }
  Handle key = runtime_to_primitive(iso, value, HINT_STRING);
  if (handle_is_null(key) || is_symbol(H(key))) return key;
  key = runtime_to_string(iso, key);
  if (handle_is_null(key)) return key;
  return string_internalize(iso, key);
}

/* ---- 7.2 tests ------------------------------------------------------------------------- */

bool runtime_is_callable(Tagged value) {
  return is_heap_object(value) && map_has_flag(heap_object_map(value), MAP_IS_CALLABLE);
}

bool runtime_is_constructor(Tagged value) {
  return is_heap_object(value) && map_has_flag(heap_object_map(value), MAP_IS_CONSTRUCTOR);
}

RuntimeMaybeBool runtime_is_array(Isolate *iso, Handle value) {
  Tagged v = H(value);
  for (;;) {
    if (is_js_array(v)) return RT_TRUE;
    if (!is_js_proxy(v)) return RT_FALSE;
    if (!is_js_receiver(js_proxy_handler(v))) {
      return rt_throw_type_error(iso, "Cannot perform 'IsArray' on a proxy that has been revoked");
    }
    v = js_proxy_target(v);
  }
}

static bool conversions_number_equal(Tagged a, Tagged b, bool same_value, bool zero) {
  double x = runtime_number_value(a), y = runtime_number_value(b);
  if (isnan(x) || isnan(y)) return same_value && isnan(x) && isnan(y);
  if (same_value && !zero && x == 0 && y == 0) return signbit(x) == signbit(y);
  return x == y;
}

static bool conversions_same(Tagged a, Tagged b, bool same_value, bool zero) {
  if (a == b) return !(is_heap_number(a) && isnan(heap_number_value(a))) || same_value;
  if (is_number(a) && is_number(b)) return conversions_number_equal(a, b, same_value, zero);
  if (is_string(a) && is_string(b)) return string_equals(a, b);
  return false;
}

bool runtime_same_value(Tagged a, Tagged b) { return conversions_same(a, b, true, false); }
bool runtime_same_value_zero(Tagged a, Tagged b) { return conversions_same(a, b, true, true); }
bool runtime_strict_equals(Tagged a, Tagged b) { return conversions_same(a, b, false, false); }
