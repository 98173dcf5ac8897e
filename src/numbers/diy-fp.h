/*
 * diy-fp.h: "do-it-yourself floating point" numbers and the fields of an IEEE double, for
 * the number conversions (numbers/). Header-only: every function is inline.
 *
 * A DiyFp is f * 2^e with a 64-bit significand f and no hidden bit, no sign, no rounding
 * mode: the building block of Grisu (Loitsch, "Printing Floating-Point Numbers Quickly and
 * Accurately with Integers", PLDI 2010) and of the approximate path of strtod.
 * "Normalized" means bit 63 of f is set.
 *
 * A finite double v decomposes as v = f * 2^e with
 *   normal:     f = 2^52 | fraction (53 bits),  e = biased_exponent - 1075
 *   subnormal:  f = fraction (< 2^52),         e = -1074
 */
#ifndef KILN_NUMBERS_DIY_FP_H_
#define KILN_NUMBERS_DIY_FP_H_

#include <string.h>

#include "base/globals.h"

typedef struct {
  uint64_t f;
  int e;
} DiyFp;

enum {
  kDoubleSignificandBits = 53,      /* with the hidden bit */
  kDoubleExponentBias = 1075,       /* 0x3FF + 52 */
  kDoubleDenormalExponent = -1074,  /* e of every subnormal (and of the smallest normals) */
};
#define kDoubleHiddenBit (UINT64_C(1) << 52)
#define kDoubleFractionMask (kDoubleHiddenBit - 1)
#define kDoubleExponentMask UINT64_C(0x7FF0000000000000)

KILN_INLINE uint64_t double_to_bits(double v) {
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  return bits;
}

KILN_INLINE double double_from_bits(uint64_t bits) {
  double v;
  memcpy(&v, &bits, sizeof v);
  return v;
}

/* The decomposition above; v must be finite. The sign is ignored. */
KILN_INLINE DiyFp double_to_diy_fp(double v) {
  uint64_t bits = double_to_bits(v);
  int biased = (int)((bits & kDoubleExponentMask) >> 52);
  uint64_t fraction = bits & kDoubleFractionMask;
  if (biased == 0) return (DiyFp){fraction, kDoubleDenormalExponent};
  return (DiyFp){fraction | kDoubleHiddenBit, biased - kDoubleExponentBias};
}

/* Is the gap to the next-lower double half the gap to the next-higher one? True for powers of
 * two above the smallest normal (their predecessor has the smaller exponent). */
KILN_INLINE bool double_lower_boundary_is_closer(double v) {
  uint64_t bits = double_to_bits(v);
  return (bits & kDoubleFractionMask) == 0 && ((bits & kDoubleExponentMask) >> 52) > 1;
}

/* Shifts f left until bit 63 is set; x.f must not be 0. */
KILN_INLINE DiyFp diy_fp_normalize(DiyFp x) {
  int shift = __builtin_clzll(x.f);
  return (DiyFp){x.f << shift, x.e - shift};
}

/* The 64 high bits of the 128-bit product, rounded to nearest (half up): the result's error
 * is at most half a unit in its last place. */
KILN_INLINE DiyFp diy_fp_multiply(DiyFp a, DiyFp b) {
  __extension__ unsigned __int128 p = (unsigned __int128)a.f * b.f;
  p += (unsigned __int128)1 << 63;
  return (DiyFp){(uint64_t)(p >> 64), a.e + b.e + 64};
}

/* a - b for equal exponents and a.f >= b.f: exact. */
KILN_INLINE DiyFp diy_fp_minus(DiyFp a, DiyFp b) { return (DiyFp){a.f - b.f, a.e}; }

#endif /* KILN_NUMBERS_DIY_FP_H_ */
