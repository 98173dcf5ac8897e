/*
 * dtoa.h: double -> string, as JavaScript prints numbers (numbers/dtoa.c).
 *
 * Pure C over caller-provided char buffers: no JS heap, no isolate, no global state, so the
 * scanner, the runtime and the builtins can all use it. Every function writes a
 * NUL-terminated ASCII string into buf (which must hold the matching buffer size below) and
 * returns its length without the NUL.
 *
 * Digit generation: the shortest digits come from Grisu3 (fast-dtoa.c) with an exact
 * bignum fallback (bignum-dtoa.c) for the ~0.5% of doubles Grisu3 cannot settle; the
 * fixed-count forms (toFixed, toExponential, toPrecision) are computed exactly, with
 * 128-bit integers when they suffice and GMP otherwise. The radix form follows V8's
 * DoubleToRadixCString.
 *
 * The argument checks that throw RangeError (digits out of range, radix not in 2..36) are
 * the builtin's job: here they are DCHECKed preconditions.
 */
#ifndef KILN_NUMBERS_DTOA_H_
#define KILN_NUMBERS_DTOA_H_

#include "base/globals.h"

/* Buffer sizes, with the sign and the NUL. */
enum {
  kDtoaShortestBufferSize = 32,     /* longest: "-1.2345678901234567e-308" */
  kDtoaFixedBufferSize = 128,       /* sign, 21 integer digits, '.', 100 digits */
  kDtoaExponentialBufferSize = 128, /* sign, 101 digits, '.', "e-308" */
  kDtoaPrecisionBufferSize = 128,   /* sign, "0.00000", 100 digits */
  kDtoaRadixBufferSize = 2200,      /* sign, 1024 binary integer digits, '.', 1075 digits */
  kDtoaMaxFractionDigits = 100,     /* toFixed and toExponential: 0..100 */
  kDtoaMinPrecision = 1,            /* toPrecision: 1..100 */
  kDtoaMaxPrecision = 100,
  kDtoaMaxShortestDigits = 17,
};

/* ES2025 6.1.6.1.20 Number::toString(v, 10): "NaN", "Infinity", "-Infinity", "0" for
 * both zeros, otherwise the shortest digits that read back as v (closest to v when several
 * qualify) in plain notation for 1e-7 < |v| < 1e21 ("0.000001", "123456789012345680000")
 * and exponential otherwise ("1e+21", "1.5e-7"). buf: kDtoaShortestBufferSize. */
int dtoa_shortest(double v, char *buf);

/* The digits behind dtoa_shortest, for callers that format themselves (JSON, toExponential):
 * v finite and > 0; writes 1..17 digits (no NUL, no trailing zeros) to digits and sets
 * *point so that v ~ 0.d1d2...dk * 10^point. Returns k. */
int dtoa_shortest_digits(double v, char *digits, int *point);

/* ES2025 21.1.3.3 Number.prototype.toFixed(fraction_digits) from step 5 on (fraction_digits in
 * 0..100): the exact value rounded to fraction_digits decimals, ties away from zero
 * ((1.005).toFixed(2) is "1.00": the double is below 1.005); dtoa_shortest when
 * |v| >= 1e21 or v is not finite. buf: kDtoaFixedBufferSize. */
int dtoa_fixed(double v, int fraction_digits, char *buf);

/* ES2025 21.1.3.2 Number.prototype.toExponential(fraction_digits) from step 5 on:
 * fraction_digits in 0..100, or -1 for "undefined" (as many digits as it takes to read back
 * as v). "1.23e+2"; "Infinity" and "NaN" as dtoa_shortest. buf: kDtoaExponentialBufferSize. */
int dtoa_exponential(double v, int fraction_digits, char *buf);

/* ES2025 21.1.3.5 Number.prototype.toPrecision(precision) from step 5 on: precision in
 * 1..100 significant digits, ties away from zero; exponential notation when the exponent is
 * < -6 or >= precision. buf: kDtoaPrecisionBufferSize. */
int dtoa_precision(double v, int precision, char *buf);

/* ES2025 21.1.3.6 Number.prototype.toString(radix), radix in 2..36 (10 gives
 * dtoa_shortest). Lower-case digits; fractions get the fewest digits that still identify v
 * among its neighbours (V8's DoubleToRadixCString: digits stop once the remaining fraction
 * is below half the gap to the next double, and the last digit is rounded half to even);
 * integer parts beyond 2^53 after division by the radix print as zeros, as in V8.
 * buf: kDtoaRadixBufferSize. */
int dtoa_radix(double v, int radix, char *buf);

#endif /* KILN_NUMBERS_DTOA_H_ */
