/*
 * fast-dtoa.h: the shortest decimal digits of a double by Grisu3 (numbers/fast-dtoa.c).
 *
 * Grisu3 (Loitsch, PLDI 2010) works on 64-bit integers only and either produces the
 * shortest digit string that reads back as v, choosing among equally short ones the one
 * closest to v, or reports that its imprecise arithmetic could not prove that it did
 * (about 0.5% of doubles); then the caller uses the exact bignum_dtoa_shortest.
 */
#ifndef KILN_NUMBERS_FAST_DTOA_H_
#define KILN_NUMBERS_FAST_DTOA_H_

#include "base/globals.h"

/* Room for the digits: a successful result has at most 17, and digit generation stops soon
 * after that even when it fails. */
enum { kFastDtoaBufferSize = 24 };

/* v must be finite and > 0; digits has kFastDtoaBufferSize chars. On success writes the
 * digits (no NUL, no leading or trailing zeros) to digits[0..*length) and sets *point so
 * that v ~ 0.d1d2...dn * 10^point; returns false (leaving garbage in digits) when the result
 * could not be guaranteed. */
bool fast_dtoa_shortest(double v, char *digits, int *length, int *point);

#endif /* KILN_NUMBERS_FAST_DTOA_H_ */
