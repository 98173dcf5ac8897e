/*
 * strtod.h: correctly rounded digit strings -> double (numbers/strtod.c).
 *
 * Every function returns the double nearest to the exact value of its input, ties to the
 * even significand (IEEE round-to-nearest-even), whatever the number of digits: values
 * beyond the largest double become Infinity, values below half the smallest subnormal
 * become 0. Pure C over caller buffers: no JS heap, no isolate, no global state. Signs,
 * prefixes (0x), numeric separators and whitespace are the caller's business:
 * conversions.c for strings, the scanner for literals.
 *
 * Text arrives as one-byte (Latin-1 or ASCII) or two-byte (UTF-16) code units, chosen by
 * the two_byte flag, so JS strings of either representation are read in place.
 *
 * Method, fastest first (strtod.c): exact double arithmetic when the digits and the power
 * of ten are both exact doubles (Clinger); else a 64-bit approximation with a tracked error
 * bound, accepted when the bound cannot change the rounding; else exact big-integer
 * arithmetic with GMP.
 */
#ifndef KILN_NUMBERS_STRTOD_H_
#define KILN_NUMBERS_STRTOD_H_

#include "base/globals.h"

/* Significant digits that decide any rounding: every midpoint between two doubles has at
 * most 767 significant digits, so 780 digits plus one nonzero "sticky" digit standing for
 * any longer tail round exactly like the full input. */
enum { kStrtodMaxSignificantDigits = 780 };

/* digits * 10^exponent, for length ASCII digits '0'..'9' (leading and trailing zeros
 * allowed, length may be 0 or any size). Exponents of any int64 size are fine; callers
 * reading an exponent from text may saturate it at +-1e9 (or anywhere beyond +-1e6). */
double strtod_digits(const char *digits, size_t length, int64_t exponent);

/* A decimal literal without sign: digits, an optional '.' and fraction digits, an optional
 * exponent e/E [+-] digits ("12", "1.5", ".5", "5.", "1e-7", "2.2250738585072011e-308"),
 * ES2025 7.1.4.1's StrUnsignedDecimalLiteral without "Infinity". Returns NaN if s (length
 * chars, not NUL-terminated) is not exactly that. */
double strtod_ascii(const char *s, size_t length);

/* The longest prefix of chars[0..length) that is such a literal: returns its length in code
 * units (0 if there is none: then *value is untouched) and stores its value in *value.
 * "1e" and "1e+" scan as "1"; "." and "e5" do not scan. parseFloat and StringToNumber
 * build on this. */
size_t strtod_scan_decimal(const void *chars, size_t length, bool two_byte, double *value);

/* The integer written in radix 2..36 by length digits (0-9, a-z, A-Z), one byte each or
 * (two_byte) UTF-16 code units; every unit must be a digit of that radix, length may be 0.
 * Correctly rounded for every radix (exact power-of-two radixes need no big numbers). Used
 * for 0x/0o/0b and legacy octal literals and by parseInt. */
double strtod_radix(const void *digits, size_t length, bool two_byte, int radix);

/* strtod_digits by the exact big-integer path alone, for tests of the faster paths. */
double strtod_digits_exact(const char *digits, size_t length, int64_t exponent);

/* Code unit i of a one-byte or two-byte buffer. */
KILN_INLINE uint32_t strtod_unit_at(const void *chars, bool two_byte, size_t i) {
  return two_byte ? ((const uint16_t *)chars)[i] : ((const uint8_t *)chars)[i];
}

/* The value of digit character c in radix 2..36, or -1 if it is not one. */
KILN_INLINE int strtod_digit_value(uint32_t c, int radix) {
  int d;
  if (c >= '0' && c <= '9') {
    d = (int)(c - '0');
  } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
    d = (int)((c | 0x20) - 'a') + 10;
  } else {
    return -1;
  }
  return d < radix ? d : -1;
}

#endif /* KILN_NUMBERS_STRTOD_H_ */
