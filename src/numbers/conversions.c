/*
 * conversions.c: string <-> number and number -> integer conversions (see conversions.h).
 *
 * The string side only finds the syntax (whitespace, signs, prefixes, "Infinity");
 * strtod.c scans the digits and rounds.
 */
#include "numbers/conversions.h"

#include <math.h>
#include <string.h>

#include "numbers/diy-fp.h"
#include "numbers/strtod.h"

/* ---- Strings -> numbers ------------------------------------------------------------ */

bool conversions_is_whitespace(uint32_t c) {
  switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

/* A view of code units [start, end) of a one-byte or two-byte buffer. */
typedef struct {
  const void *chars;
  size_t start, end;
  bool two_byte;
} Text;

static uint32_t text_at(const Text *t, size_t i) {
  return strtod_unit_at(t->chars, t->two_byte, i);
}

/* The address of unit i, to hand a sub-buffer to strtod. */
static const void *text_ptr(const Text *t, size_t i) {
  return t->two_byte ? (const void *)((const uint16_t *)t->chars + i)
                     : (const void *)((const uint8_t *)t->chars + i);
}

static void text_trim_start(Text *t) {
  while (t->start < t->end && conversions_is_whitespace(text_at(t, t->start))) t->start++;
}

static void text_trim_end(Text *t) {
  while (t->end > t->start && conversions_is_whitespace(text_at(t, t->end - 1))) t->end--;
}

/* Does the text at t->start begin with the ASCII word w? */
static bool text_starts_with(const Text *t, const char *w) {
  size_t n = strlen(w);
  if (t->end - t->start < n) return false;
  for (size_t i = 0; i < n; i++) {
    if (text_at(t, t->start + i) != (uint8_t)w[i]) return false;
  }
  return true;
}

/* Consumes a '+' or '-'; returns -1 for '-', else 1. */
static int text_take_sign(Text *t) {
  if (t->start == t->end) return 1;
  uint32_t c = text_at(t, t->start);
  if (c != '+' && c != '-') return 1;
  t->start++;
  return c == '-' ? -1 : 1;
}

/* The radix of a 0x/0o/0b prefix at t->start (either case), or 0. */
static int text_radix_prefix(const Text *t, bool only_hex) {
  if (t->end - t->start < 2 || text_at(t, t->start) != '0') return 0;
  switch (text_at(t, t->start + 1) | 0x20) {
    case 'x': return 16;
    case 'o': return only_hex ? 0 : 8;
    case 'b': return only_hex ? 0 : 2;
    default: return 0;
  }
}

/* The number of radix digits from t->start on. */
static size_t text_count_digits(const Text *t, int radix) {
  size_t i = t->start;
  while (i < t->end && strtod_digit_value(text_at(t, i), radix) >= 0) i++;
  return i - t->start;
}

/* [sign] (Infinity | StrUnsignedDecimalLiteral) as a prefix of t: the value, with t->start
 * moved past what was read; false if no prefix qualifies. */
static bool text_scan_signed_decimal(Text *t, double *value) {
  int sign = text_take_sign(t);
  if (text_starts_with(t, "Infinity")) {
    t->start += 8;
    *value = sign * INFINITY;
    return true;
  }
  size_t n = strtod_scan_decimal(text_ptr(t, t->start), t->end - t->start, t->two_byte, value);
  if (n == 0) return false;
  t->start += n;
  *value *= sign; /* -0 for "-0" */
  return true;
}

double conversions_string_to_number(const void *chars, size_t length, bool two_byte) {
  Text t = {chars, 0, length, two_byte};
  text_trim_start(&t);
  text_trim_end(&t);
  if (t.start == t.end) return 0.0; /* StringNumericValue of StrWhiteSpace_opt */
  int radix = text_radix_prefix(&t, false);
  if (radix != 0) { /* NonDecimalIntegerLiteral: unsigned, at least one digit, nothing else */
    t.start += 2;
    size_t n = text_count_digits(&t, radix);
    if (n == 0 || t.start + n != t.end) return NAN;
    return strtod_radix(text_ptr(&t, t.start), n, two_byte, radix);
  }
  double value;
  if (!text_scan_signed_decimal(&t, &value) || t.start != t.end) return NAN;
  return value;
}

double conversions_parse_float(const void *chars, size_t length, bool two_byte) {
  Text t = {chars, 0, length, two_byte};
  text_trim_start(&t);
  double value;
  return text_scan_signed_decimal(&t, &value) ? value : NAN;
}

double conversions_parse_int(const void *chars, size_t length, bool two_byte, int32_t radix) {
  Text t = {chars, 0, length, two_byte};
  text_trim_start(&t);
  int sign = text_take_sign(&t);
  bool strip_prefix = true;
  if (radix != 0) {
    if (radix < 2 || radix > 36) return NAN;
    strip_prefix = radix == 16;
  } else {
    radix = 10;
  }
  if (strip_prefix && text_radix_prefix(&t, true) == 16) {
    t.start += 2;
    radix = 16;
  }
  size_t n = text_count_digits(&t, radix);
  if (n == 0) return NAN;
  return sign * strtod_radix(text_ptr(&t, t.start), n, two_byte, radix);
}

/* ---- Numbers -> integers --------------------------------------------------------------- */

/* The value truncated towards zero, modulo 2^32; 0 for NaN and the infinities. Works on the
 * bits, since converting an out-of-range double to an integer type is undefined in C. */
static uint32_t double_to_uint32_bits(double v) {
  if (v > -2147483648.0 && v < 4294967296.0) { /* the common case: a direct conversion */
    return v >= 0 ? (uint32_t)v : (uint32_t)(int32_t)v;
  }
  if (!isfinite(v)) return 0;
  DiyFp w = double_to_diy_fp(v); /* |v| = f * 2^e, and |v| >= 2^31 so e >= -21 */
  uint32_t magnitude;
  if (w.e >= 32) {
    magnitude = 0; /* a multiple of 2^32 */
  } else if (w.e >= 0) {
    magnitude = (uint32_t)(w.f << w.e);
  } else {
    magnitude = (uint32_t)(w.f >> -w.e);
  }
  return v < 0 ? 0u - magnitude : magnitude;
}

int32_t conversions_double_to_int32(double v) { return (int32_t)double_to_uint32_bits(v); }
uint32_t conversions_double_to_uint32(double v) { return double_to_uint32_bits(v); }
int16_t conversions_double_to_int16(double v) { return (int16_t)double_to_uint32_bits(v); }
uint16_t conversions_double_to_uint16(double v) { return (uint16_t)double_to_uint32_bits(v); }
int8_t conversions_double_to_int8(double v) { return (int8_t)double_to_uint32_bits(v); }
uint8_t conversions_double_to_uint8(double v) { return (uint8_t)double_to_uint32_bits(v); }

uint8_t conversions_double_to_uint8_clamp(double v) {
  if (!(v > 0)) return 0; /* NaN too */
  if (v >= 255) return 255;
  double f = floor(v);
  double diff = v - f; /* exact: v < 256 */
  if (diff > 0.5 || (diff == 0.5 && fmod(f, 2) != 0)) f += 1;
  return (uint8_t)f;
}

double conversions_to_integer_or_infinity(double v) {
  if (isnan(v)) return 0.0;
  return trunc(v) + 0.0; /* -0.5 truncates to -0, which is +0 as a mathematical value */
}

bool conversions_double_is_integer(double v) { return isfinite(v) && v == trunc(v); }

bool conversions_double_is_int32(double v, int32_t *out) {
  if (!(v >= -2147483648.0 && v <= 2147483647.0)) return false;
  int32_t i = (int32_t)v;
  if ((double)i != v || (i == 0 && signbit(v))) return false;
  *out = i;
  return true;
}

bool conversions_double_to_array_index(double v, uint32_t *index) {
  if (!(v >= 0 && v <= 4294967294.0)) return false;
  uint32_t i = (uint32_t)v;
  if ((double)i != v) return false;
  *index = i;
  return true;
}

/* ---- Integers -> strings ----------------------------------------------------------------- */

int conversions_uint32_to_chars(uint32_t n, char *buf) {
  char tmp[10];
  int len = 0;
  do {
    tmp[len++] = (char)('0' + n % 10);
    n /= 10;
  } while (n != 0);
  for (int i = 0; i < len; i++) buf[i] = tmp[len - 1 - i];
  buf[len] = '\0';
  return len;
}

int conversions_int32_to_chars(int32_t n, char *buf) {
  if (n >= 0) return conversions_uint32_to_chars((uint32_t)n, buf);
  buf[0] = '-';
  return 1 + conversions_uint32_to_chars(0u - (uint32_t)n, buf + 1);
}
