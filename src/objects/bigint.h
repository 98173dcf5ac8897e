/*
 * bigint.h: BigInt values (ES2025 6.1.6.2), arbitrary-precision integers on the JS heap.
 *
 * Layout (objects.h BIGINT_FIELDS):  | map | length | sign | limb 0 | ... | limb length-1 |
 * The magnitude is `length` 64-bit limbs, least significant first: exactly GMP's mpn
 * representation, so the arithmetic calls mpn_* functions on the limbs in place.
 *
 * Invariants:
 *  - Canonical form: the top limb is non-zero; 0n has length 0 and sign 0 (there is no -0n).
 *  - BigInts are immutable once made: an operation returns a new BigInt or one of its
 *    operands, never changes one.
 *  - At most kBigIntMaxBits bits; an operation whose result would be larger throws
 *    RangeError "Maximum BigInt size exceeded".
 *  - No GMP object (mpz_t) is ever made. Each operation allocates its result (and any
 *    scratch: a stack buffer for small sizes, a heap ByteArray otherwise) first, then takes
 *    raw limb pointers and calls mpn_*: nothing allocates between taking the pointers and
 *    the end of the mpn call, so no GC can move the limbs under GMP.
 *
 * Functions that "may allocate" may GC: they take and return Handles, and an empty result
 * means an exception is pending (RangeError for size or division by zero, or out of memory).
 * Functions on Tagged values never allocate.
 */
#ifndef KILN_OBJECTS_BIGINT_H_
#define KILN_OBJECTS_BIGINT_H_

#include "execution/isolate.h"

/* The largest BigInt has 2^30 bits (V8's limit). */
enum { kBigIntMaxBits = 1 << 30, kBigIntMaxLength = kBigIntMaxBits / 64 };

/* bigint_compare_to_double's answer when the double is NaN. */
enum { kBigIntCompareUndefined = 2 };

/* ---- Shape (never allocate) ---------------------------------------------------------- */

KILN_INLINE uint64_t *bigint_limbs(Tagged b) {
  return (uint64_t *)field_slot(b, BigInt_kHeaderSize);
}
KILN_INLINE bool bigint_is_zero(Tagged b) { return bigint_length(b) == 0; }
KILN_INLINE bool bigint_is_negative(Tagged b) { return bigint_sign(b) != 0; }
/* The number of bits of the magnitude (0 for 0n). */
int64_t bigint_bit_length(Tagged b);

/* ---- Making BigInts (may allocate) ----------------------------------------------------- */

Handle bigint_zero(Isolate *iso);
Handle bigint_from_int64(Isolate *iso, int64_t value);
Handle bigint_from_uint64(Isolate *iso, uint64_t value);
/* 21.2.1.1.1 NumberToBigInt for a value that is already known integral and finite. */
Handle bigint_from_double(Isolate *iso, double value);
/* The integer written with `length` ASCII digits of radix 2..36 (0-9, a-z, A-Z; every one
 * valid for the radix, none other), negated when negative. Used for literals. */
Handle bigint_from_digits(Isolate *iso, const char *digits, size_t length, int radix,
                          bool negative);
/* 7.1.14 StringToBigInt: the BigInt, or undefined when the string is not a
 * StringIntegerLiteral (whitespace around; a sign only for decimals; 0x 0o 0b prefixes;
 * "" is 0n). Empty only when an exception is pending (RangeError for size). */
Handle bigint_from_string(Isolate *iso, Handle string);

/* ---- Conversions (never allocate unless said) -------------------------------------- */

/* 7.1.16 ToBigInt64 / 7.1.17 ToBigUint64 of a BigInt: its value modulo 2^64. */
int64_t bigint_to_int64(Tagged b);
uint64_t bigint_to_uint64(Tagged b);
/* 6.1.6.2.x Number(bigint): the nearest double, ties to even; +-Infinity when too large. */
double bigint_to_double(Tagged b);
/* 6.1.6.2.23 BigInt::toString(x, radix), radix 2..36, as a String. May allocate. */
Handle bigint_to_string(Isolate *iso, Handle b, int radix);
/* A hash of the value (equal BigInts hash equally), for SameValueZero-keyed tables. */
uint32_t bigint_hash(Tagged b);

/* ---- Comparison (never allocate) ------------------------------------------------------ */

/* -1, 0 or 1 as x <, =, > y. */
int bigint_compare(Tagged x, Tagged y);
bool bigint_equals(Tagged x, Tagged y);
/* x compared with the Number y, exactly (non-integral y, +-Infinity included): -1, 0, 1,
 * or kBigIntCompareUndefined when y is NaN. */
int bigint_compare_to_double(Tagged x, double y);

/* ---- Arithmetic (6.1.6.2; all may allocate) ------------------------------------------ */

Handle bigint_negate(Isolate *iso, Handle x);                 /* 6.1.6.2.1 unaryMinus */
Handle bigint_bitwise_not(Isolate *iso, Handle x);            /* 6.1.6.2.2 bitwiseNOT */
Handle bigint_add(Isolate *iso, Handle x, Handle y);
Handle bigint_subtract(Isolate *iso, Handle x, Handle y);
Handle bigint_multiply(Isolate *iso, Handle x, Handle y);
/* Truncating division and its remainder (sign of x): RangeError when y is 0n. */
Handle bigint_divide(Isolate *iso, Handle x, Handle y);
Handle bigint_remainder(Isolate *iso, Handle x, Handle y);
/* x ** y: RangeError when y < 0n. */
Handle bigint_exponentiate(Isolate *iso, Handle x, Handle y);
/* x << y and x >> y (arithmetic: floor(x / 2^y)); a negative y shifts the other way. */
Handle bigint_shift_left(Isolate *iso, Handle x, Handle y);
Handle bigint_shift_right(Isolate *iso, Handle x, Handle y);
/* & | ^ with two's complement semantics (negative values have infinitely many 1 bits). */
Handle bigint_bitwise_and(Isolate *iso, Handle x, Handle y);
Handle bigint_bitwise_or(Isolate *iso, Handle x, Handle y);
Handle bigint_bitwise_xor(Isolate *iso, Handle x, Handle y);
/* 21.2.2.1 BigInt.asIntN / 21.2.2.2 asUintN with bits already ToIndex'd (<= 2^53 - 1):
 * x modulo 2^bits, as a signed (two's complement) or unsigned value. */
Handle bigint_as_int_n(Isolate *iso, uint64_t bits, Handle x);
Handle bigint_as_uint_n(Isolate *iso, uint64_t bits, Handle x);

#endif /* KILN_OBJECTS_BIGINT_H_ */
