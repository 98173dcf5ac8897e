/*
 * bignum-dtoa.h: exact double -> decimal digit generation (numbers/bignum-dtoa.c).
 *
 * These are the exact algorithms behind dtoa.c: the shortest digits when Grisu3 gives up,
 * and the correctly rounded fixed-count digits of toFixed, toExponential and toPrecision.
 * They compute with exact integers: 128-bit ones when the numbers fit, GMP's mpz (whose
 * limbs live in malloc'd memory, never in the JS heap) otherwise.
 *
 * Digits are ASCII '0'..'9' without a NUL; *point places the decimal point:
 * value ~ 0.d1d2...dn * 10^point.
 */
#ifndef KILN_NUMBERS_BIGNUM_DTOA_H_
#define KILN_NUMBERS_BIGNUM_DTOA_H_

#include "base/globals.h"

/* The most significant digits bignum_dtoa_counted produces (toExponential(100) needs 101). */
enum { kBignumDtoaMaxCounted = 101 };

/* The shortest digits that read back as v (finite, > 0) under round-to-nearest-even,
 * choosing the one closest to v among equally short candidates and the even last digit on an
 * exact tie (ES2025 6.1.6.1.20 step 5). No trailing zeros. Returns the digit count
 * (at most 17). */
int bignum_dtoa_shortest(double v, char *digits, int *point);

/* Exactly count (1..kBignumDtoaMaxCounted) significant digits of v (finite, > 0), rounded to
 * nearest with ties away from zero, as toPrecision and toExponential specify ("if there are
 * two such n, pick the larger"). Trailing zeros are kept. Returns count. */
int bignum_dtoa_counted(double v, int count, char *digits, int *point);

/* The decimal digits of n = round(v * 10^fraction_digits) with ties away from zero, for
 * toFixed: v finite and >= 0, fraction_digits in 0..100. Writes "0" when n = 0. Returns the
 * number of digits written; digits needs room for 22 + fraction_digits when v < 1e21. */
int bignum_dtoa_fixed(double v, int fraction_digits, char *digits);

#endif /* KILN_NUMBERS_BIGNUM_DTOA_H_ */
