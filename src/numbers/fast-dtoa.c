/*
 * fast-dtoa.c: Grisu3 (see fast-dtoa.h).
 *
 * Idea: the doubles that read back as v form the rounding interval [m-, m+] around v (the
 * midpoints to its neighbours). Scale v, m- and m+ by a cached power of ten so that the
 * integer part of the scaled m+ has at most 32 bits and the fraction sits in the low 32..60
 * bits, then emit digits of the scaled m+ until the rest falls inside the interval: the
 * shortest number in the interval. Finally move the last digit down towards v while that
 * stays inside the interval and gets closer ("round-weeding").
 *
 * The scaled values are off by up to one unit (the cached power and the multiplication each
 * err by half a unit), so Grisu3 works with an "unsafe" interval widened by one unit on each
 * side and a "safe" one narrowed by one unit. It only reports success when the chosen digits
 * are provably inside the real interval and provably the closest choice.
 */
#include "numbers/fast-dtoa.h"

#include "numbers/cached-powers.h"
#include "numbers/diy-fp.h"

/* The scaled w's exponent lies in this range, so its integer part fits in 32 bits and there
 * are at least 32 fraction bits. */
enum { kMinimalTargetExponent = -60, kMaximalTargetExponent = -32 };

/* The boundaries m- and m+ of v's rounding interval, with m+ normalized and m- brought to
 * m+'s exponent. */
static void fast_dtoa_boundaries(double v, DiyFp *minus, DiyFp *plus) {
  DiyFp w = double_to_diy_fp(v);
  *plus = diy_fp_normalize((DiyFp){(w.f << 1) + 1, w.e - 1});
  if (double_lower_boundary_is_closer(v)) {
    *minus = (DiyFp){(w.f << 2) - 1, w.e - 2};
  } else {
    *minus = (DiyFp){(w.f << 1) - 1, w.e - 1};
  }
  minus->f <<= minus->e - plus->e;
  minus->e = plus->e;
}

/*
 * Moves the last digit down while the number stays in the unsafe interval and gets closer to
 * w, then checks that the result is provably right. All quantities are in the same unit:
 *   distance_too_high_w = too_high - w     unsafe_interval = too_high - too_low
 *   rest = too_high - digits               ten_kappa = the value of one last digit
 *   unit = the possible error of w (1 before any fraction digit, then 10, 100, ...)
 * w lies somewhere in (too_high - distance - unit, too_high - distance + unit).
 */
static bool fast_dtoa_round_weed(char *digits, int length, uint64_t distance_too_high_w,
                                 uint64_t unsafe_interval, uint64_t rest, uint64_t ten_kappa,
                                 uint64_t unit) {
  uint64_t small_distance = distance_too_high_w - unit; /* too_high - (largest possible w) */
  uint64_t big_distance = distance_too_high_w + unit;   /* too_high - (smallest possible w) */
  /* Step down while the candidate is above the largest possible w, and the next-lower one is
   * still inside the interval and at least as close to it. */
  while (rest < small_distance && unsafe_interval - rest >= ten_kappa &&
         (rest + ten_kappa < small_distance ||
          small_distance - rest >= rest + ten_kappa - small_distance)) {
    digits[length - 1]--;
    rest += ten_kappa;
  }
  /* If the next-lower candidate could be closer to the smallest possible w, the choice
   * depends on where exactly w is: give up. */
  if (rest < big_distance && unsafe_interval - rest >= ten_kappa &&
      (rest + ten_kappa < big_distance ||
       big_distance - rest > rest + ten_kappa - big_distance)) {
    return false;
  }
  /* The safe interval is [too_low + 2 unit, too_high - 2 unit]. */
  return 2 * unit <= rest && rest <= unsafe_interval - 4 * unit;
}

/* The largest power of ten <= n (n > 0), and its exponent plus one. */
static uint32_t fast_dtoa_biggest_power_ten(uint32_t n, int *exponent_plus_one) {
  uint64_t power = 1;
  int e = 1;
  while (power * 10 <= n) power *= 10, e++;
  *exponent_plus_one = e;
  return (uint32_t)power;
}

/*
 * Generates the digits of too_high = high + 1 unit until the rest (too_high - digits) is
 * smaller than the unsafe interval, then round-weeds. low, w and high share one exponent in
 * [kMinimalTargetExponent, kMaximalTargetExponent]. On return digits * 10^kappa ~ w.
 */
static bool fast_dtoa_digit_gen(DiyFp low, DiyFp w, DiyFp high, char *digits, int *length,
                                int *kappa) {
  uint64_t unit = 1;
  DiyFp too_low = {low.f - unit, low.e};
  DiyFp too_high = {high.f + unit, high.e};
  uint64_t unsafe_interval = diy_fp_minus(too_high, too_low).f;
  int shift = -w.e;
  uint64_t one = UINT64_C(1) << shift;
  uint32_t integrals = (uint32_t)(too_high.f >> shift);
  uint64_t fractionals = too_high.f & (one - 1);
  uint32_t divisor = fast_dtoa_biggest_power_ten(integrals, kappa);
  *length = 0;
  /* Integral digits. */
  while (*kappa > 0) {
    digits[(*length)++] = (char)('0' + integrals / divisor);
    integrals %= divisor;
    (*kappa)--;
    uint64_t rest = ((uint64_t)integrals << shift) + fractionals;
    if (rest < unsafe_interval) {
      return fast_dtoa_round_weed(digits, *length, diy_fp_minus(too_high, w).f,
                                  unsafe_interval, rest, (uint64_t)divisor << shift, unit);
    }
    divisor /= 10;
  }
  /* Fraction digits: multiply by ten instead of dividing, scaling the interval and the
   * error along. */
  for (;;) {
    fractionals *= 10;
    unit *= 10;
    unsafe_interval *= 10;
    digits[(*length)++] = (char)('0' + (fractionals >> shift));
    fractionals &= one - 1;
    (*kappa)--;
    if (fractionals < unsafe_interval) {
      return fast_dtoa_round_weed(digits, *length, diy_fp_minus(too_high, w).f * unit,
                                  unsafe_interval, fractionals, one, unit);
    }
  }
}

bool fast_dtoa_shortest(double v, char *digits, int *length, int *point) {
  DCHECK(v > 0 && v <= 1.7976931348623157e308);
  DiyFp w = diy_fp_normalize(double_to_diy_fp(v));
  DiyFp minus, plus;
  fast_dtoa_boundaries(v, &minus, &plus);
  DCHECK(plus.e == w.e);
  int mk;
  DiyFp ten_mk = cached_powers_for_binary_exponent_range(
      kMinimalTargetExponent - (w.e + 64), kMaximalTargetExponent - (w.e + 64), &mk);
  DiyFp scaled_w = diy_fp_multiply(w, ten_mk);
  DiyFp scaled_minus = diy_fp_multiply(minus, ten_mk);
  DiyFp scaled_plus = diy_fp_multiply(plus, ten_mk);
  int kappa;
  if (!fast_dtoa_digit_gen(scaled_minus, scaled_w, scaled_plus, digits, length, &kappa)) {
    return false;
  }
  /* digits * 10^(kappa - mk) ~ v. */
  *point = *length + kappa - mk;
  return true;
}
