/*
 * cached-powers.h: powers of ten as normalized DiyFps, for Grisu (fast-dtoa.c) and the
 * approximate path of strtod (numbers/cached-powers.c).
 *
 * The table holds 10^k for k = -348, -340, ..., 340 (every 8th power), each as f * 2^e with
 * 2^63 <= f < 2^64, f rounded to nearest: every entry is within half a unit in its last
 * place of the true power (tests/unit/test-numbers.c checks each one exactly with GMP).
 * In between, 10^k = cached 10^(k - a) * 10^a with an exact 10^a, 0 <= a < 8.
 */
#ifndef KILN_NUMBERS_CACHED_POWERS_H_
#define KILN_NUMBERS_CACHED_POWERS_H_

#include "numbers/diy-fp.h"

enum {
  kCachedPowersMinDecimalExponent = -348,
  kCachedPowersMaxDecimalExponent = 340,
  kCachedPowersDecimalExponentStep = 8,
  kCachedPowersCount = 87,
};

/* Entry i of the table: 10^(decimal_exponent) ~ power, i in [0, kCachedPowersCount). */
DiyFp cached_powers_entry(int i, int *decimal_exponent);

/* A cached power 10^k (*decimal_exponent = k) whose binary exponent e satisfies
 * min_exponent <= e <= max_exponent. The range must be at least 27 wide (the table's
 * binary exponents are at most 27 apart) and inside the table's range. */
DiyFp cached_powers_for_binary_exponent_range(int min_exponent, int max_exponent,
                                               int *decimal_exponent);

/* The cached power 10^k with the largest k <= requested, which must be in
 * [kCachedPowersMinDecimalExponent, kCachedPowersMaxDecimalExponent + 7]. */
DiyFp cached_powers_for_decimal_exponent(int requested, int *decimal_exponent);

/* 10^a exactly, normalized, for 0 <= a < kCachedPowersDecimalExponentStep. */
DiyFp cached_powers_small(int a);

#endif /* KILN_NUMBERS_CACHED_POWERS_H_ */
