/*
 * strtod.c: correctly rounded decimal and radix digit strings -> double (see strtod.h).
 *
 * strtod_digits normalizes its input to D * 10^E with D's digits free of leading and
 * trailing zeros and at most kStrtodMaxSignificantDigits + 1 of them, then tries:
 *
 *   1. Clinger's fast path: D < 10^15 and 10^|E| <= 10^22 are exact doubles, so one
 *      IEEE multiplication or division rounds correctly.
 *   2. An approximation: the first 19 digits times a cached power of ten (cached-powers.h)
 *      in 64-bit DiyFp arithmetic, with the error bounded in eighths of a unit in the last
 *      place. Unless the bound straddles the rounding midpoint, the rounding is decided.
 *   3. Exact: D * 10^E (or D * 2^s / 10^-E with a sticky remainder) as GMP integers,
 *      rounded half to even.
 */
#include "numbers/strtod.h"

#include <gmp.h>
#include <math.h>
#include <string.h>

#include "numbers/cached-powers.h"
#include "numbers/diy-fp.h"

/* Powers of ten that are exact doubles (10^22 < 2^53 * 2^22 = 5^22 fits 53 bits). */
static const double kExactPowersOfTen[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};
enum {
  kMaxExactPowerOfTen = 22,
  kMaxExactDigits = 15,         /* 10^15 < 2^53: any 15 digits are an exact double */
  kMaxUint64Digits = 19,        /* 10^19 - 1 < 2^64 */
  kMaxDecimalPower = 309,       /* D * 10^E >= 10^310 is beyond the largest double */
  kMinDecimalPower = -324,      /* D * 10^E < 10^-324 rounds to 0 */
};

/* ---- Rounding an exact big integer --------------------------------------------------- */

/* The double nearest to q * 2^exp2, where a set `sticky` says the true value is a little
 * above q * 2^exp2 (a nonzero remainder was dropped), ties to even. q > 0. */
static double round_mpz_to_double(const mpz_t q, int64_t exp2, bool sticky) {
  int64_t bits = (int64_t)mpz_sizeinbase(q, 2);
  int64_t top = bits - 1 + exp2; /* binary exponent of the leading bit */
  if (top > 1023) return INFINITY;
  int64_t lsb = top - 52 < -1074 ? -1074 : top - 52; /* weight of the last kept bit */
  int64_t drop = lsb - exp2;
  if (drop <= 0) return ldexp((double)mpz_get_ui(q), (int)exp2); /* <= 53 bits: exact */
  if (drop > bits + 1) return 0.0; /* below a quarter of the smallest subnormal */
  mpz_t m;
  mpz_init(m);
  mpz_tdiv_q_2exp(m, q, (mp_bitcnt_t)drop);
  uint64_t kept = mpz_get_ui(m);
  bool half = mpz_tstbit(q, (mp_bitcnt_t)(drop - 1));
  bool below = sticky || (int64_t)mpz_scan1(q, 0) < drop - 1;
  mpz_clear(m);
  if (half && (below || (kept & 1))) kept++;
  return ldexp((double)kept, (int)lsb);
}

/* ---- Exact path ---------------------------------------------------------------------- */

/* digits (1..kStrtodMaxSignificantDigits + 1 of them, no leading zero) * 10^exponent, with
 * exponent + length within [kMinDecimalPower, kMaxDecimalPower + 1]. */
static double strtod_exact(const char *digits, size_t length, int exponent) {
  char text[kStrtodMaxSignificantDigits + 2];
  DCHECK(length < sizeof text);
  memcpy(text, digits, length);
  text[length] = '\0';
  mpz_t d, p, q;
  mpz_inits(d, p, q, NULL);
  mpz_set_str(d, text, 10);
  double result;
  if (exponent >= 0) {
    mpz_ui_pow_ui(p, 10, (unsigned long)exponent);
    mpz_mul(q, d, p);
    result = round_mpz_to_double(q, 0, false);
  } else {
    /* q = floor(d * 2^s / 10^-exponent) with s chosen so that q has at least 55 bits:
     * 53 for the significand, one to round and one more so the remainder is only sticky. */
    mpz_ui_pow_ui(p, 10, (unsigned long)-exponent);
    int64_t s = (int64_t)mpz_sizeinbase(p, 2) - (int64_t)mpz_sizeinbase(d, 2) + 55;
    if (s < 0) s = 0;
    mpz_mul_2exp(d, d, (mp_bitcnt_t)s);
    mpz_tdiv_qr(q, d, d, p);
    result = round_mpz_to_double(q, -s, mpz_sgn(d) != 0);
  }
  mpz_clears(d, p, q, NULL);
  return result;
}

/* ---- Fast paths ---------------------------------------------------------------------- */

static uint64_t read_uint64(const char *digits, size_t length) {
  uint64_t v = 0;
  for (size_t i = 0; i < length; i++) v = v * 10 + (uint64_t)(digits[i] - '0');
  return v;
}

/* Clinger: exact operands, one rounding. */
static bool strtod_clinger(const char *digits, size_t length, int exponent, double *result) {
  if (length > kMaxExactDigits) return false;
  double d = (double)read_uint64(digits, length);
  if (exponent < 0 && -exponent <= kMaxExactPowerOfTen) {
    *result = d / kExactPowersOfTen[-exponent];
    return true;
  }
  if (exponent >= 0 && exponent <= kMaxExactPowerOfTen) {
    *result = d * kExactPowersOfTen[exponent];
    return true;
  }
  /* 123e25 = 123000e22: move zeros into the digits while they stay exact. */
  int spare = kMaxExactDigits - (int)length;
  if (exponent > 0 && exponent - kMaxExactPowerOfTen <= spare) {
    d *= kExactPowersOfTen[exponent - kMaxExactPowerOfTen];
    *result = d * kExactPowersOfTen[kMaxExactPowerOfTen];
    return true;
  }
  return false;
}

/* Eighths of a unit in the last place: the error unit of strtod_approximate. */
enum { kErrorScaleLog2 = 3, kHalfUnit = 4 };

/*
 * The first 19 digits times 10^(exponent + dropped digits) as a normalized DiyFp, with
 * *error (in eighths of its last unit) bounding the distance to the exact value. Each
 * multiplication of inexact a (error ea) and b (error eb) rounds to nearest, so the product
 * is off by at most ea + eb + ea*eb/2^64 + 1/2 units; normalizing shifts the error along.
 */
static DiyFp strtod_approximate(const char *digits, size_t length, int exponent,
                                uint64_t *error) {
  size_t read = length < kMaxUint64Digits ? length : kMaxUint64Digits;
  DiyFp x = {read_uint64(digits, read), 0};
  int e10 = exponent + (int)(length - read);
  *error = read < length ? 2 * kHalfUnit : 0; /* truncated digits: less than one unit */
  int shift = __builtin_clzll(x.f);
  x = diy_fp_normalize(x);
  *error <<= shift;
  int cached_e10;
  DiyFp power = cached_powers_for_decimal_exponent(e10, &cached_e10);
  if (e10 != cached_e10) { /* exact 10^a: only the rounding adds error */
    x = diy_fp_multiply(x, cached_powers_small(e10 - cached_e10));
    *error += kHalfUnit;
  }
  x = diy_fp_multiply(x, power); /* power is off by at most half a unit */
  *error += kHalfUnit + kHalfUnit + (*error != 0 ? 1 : 0);
  shift = __builtin_clzll(x.f);
  x = diy_fp_normalize(x);
  *error <<= shift;
  return x;
}

/* Rounds the approximation to the double's precision if the error bound allows a sure
 * decision; false sends the caller to the exact path. */
static bool strtod_diy_fp(const char *digits, size_t length, int exponent, double *result) {
  uint64_t error;
  DiyFp x = strtod_approximate(digits, length, exponent, &error);
  int top = x.e + 63; /* binary exponent of the leading bit */
  int kept_bits = top >= -1022 ? kDoubleSignificandBits : top + 1075; /* subnormals: fewer */
  int dropped = 64 - kept_bits;
  if (dropped + kErrorScaleLog2 >= 64 || error >= (UINT64_C(1) << 32)) return false;
  uint64_t low = (x.f & ((UINT64_C(1) << dropped) - 1)) << kErrorScaleLog2;
  uint64_t half = (UINT64_C(1) << (dropped - 1)) << kErrorScaleLog2;
  uint64_t kept = x.f >> dropped;
  if (low + error < half) {
    /* surely below the midpoint */
  } else if (low > half + error) {
    kept++; /* surely above; 2^53 is fine, ldexp takes it */
  } else {
    return false;
  }
  *result = ldexp((double)kept, x.e + dropped);
  return true;
}

/* ---- Entry points -------------------------------------------------------------------- */

/* Strips leading and trailing zeros (moving the latter into the exponent) and rules out
 * results that are 0 or Infinity. Returns false with *result set when that settles it. */
static bool strtod_normalize(const char **digits, size_t *length, int64_t *exponent,
                             double *result) {
  while (*length > 0 && **digits == '0') (*digits)++, (*length)--;
  while (*length > 0 && (*digits)[*length - 1] == '0') (*length)--, (*exponent)++;
  if (*length == 0) {
    *result = 0.0;
    return false;
  }
  /* 10^(exponent + length - 1) <= value < 10^(exponent + length). */
  int64_t magnitude = *exponent + (int64_t)*length;
  if (magnitude > kMaxDecimalPower + 1) {
    *result = INFINITY;
    return false;
  }
  if (magnitude <= kMinDecimalPower) {
    *result = 0.0;
    return false;
  }
  return true;
}

/* Keeps kStrtodMaxSignificantDigits digits plus a sticky '1' standing for the rest, which
 * is nonzero (its last digit is, after strtod_normalize). */
static const char *strtod_truncate(const char *digits, size_t *length, int64_t *exponent,
                                   char *buffer) {
  if (*length <= kStrtodMaxSignificantDigits) return digits;
  memcpy(buffer, digits, kStrtodMaxSignificantDigits);
  buffer[kStrtodMaxSignificantDigits] = '1';
  *exponent += (int64_t)*length - (kStrtodMaxSignificantDigits + 1);
  *length = kStrtodMaxSignificantDigits + 1;
  return buffer;
}

double strtod_digits(const char *digits, size_t length, int64_t exponent) {
  double result;
  if (!strtod_normalize(&digits, &length, &exponent, &result)) return result;
  char buffer[kStrtodMaxSignificantDigits + 1];
  digits = strtod_truncate(digits, &length, &exponent, buffer);
  int e = (int)exponent; /* now within [-324 - 781, 310] */
  if (strtod_clinger(digits, length, e, &result)) return result;
  if (strtod_diy_fp(digits, length, e, &result)) return result;
  return strtod_exact(digits, length, e);
}

double strtod_digits_exact(const char *digits, size_t length, int64_t exponent) {
  double result;
  if (!strtod_normalize(&digits, &length, &exponent, &result)) return result;
  char buffer[kStrtodMaxSignificantDigits + 1];
  digits = strtod_truncate(digits, &length, &exponent, buffer);
  return strtod_exact(digits, length, (int)exponent);
}

/* ---- Decimal text ---------------------------------------------------------------------- */

/* Collects the significant digits of a decimal literal as they are scanned:
 * value = digits * 10^exponent, with the digits past kStrtodMaxSignificantDigits reduced to
 * whether any of them was nonzero. */
typedef struct {
  char digits[kStrtodMaxSignificantDigits + 1];
  size_t length;
  int64_t exponent;
  bool sticky;
} DecimalDigits;

/* A digit before the point; a dropped one still multiplies the value by ten. */
static void decimal_add_integer_digit(DecimalDigits *d, uint32_t c) {
  if (d->length == 0 && c == '0') return;
  if (d->length < kStrtodMaxSignificantDigits) {
    d->digits[d->length++] = (char)c;
  } else {
    d->exponent++;
    d->sticky |= c != '0';
  }
}

/* A digit after the point; a dropped one changes nothing but the sticky bit. */
static void decimal_add_fraction_digit(DecimalDigits *d, uint32_t c) {
  if (d->length == 0 && c == '0') {
    d->exponent--;
  } else if (d->length < kStrtodMaxSignificantDigits) {
    d->digits[d->length++] = (char)c;
    d->exponent--;
  } else {
    d->sticky |= c != '0';
  }
}

static double decimal_finish(DecimalDigits *d, int64_t explicit_exponent) {
  if (d->sticky) {
    d->digits[d->length++] = '1';
    d->exponent--;
  }
  return strtod_digits(d->digits, d->length, d->exponent + explicit_exponent);
}

static bool is_decimal_digit(uint32_t c) { return c - '0' < 10; }

/* Scans "e[+-]digits" at chars[i]; returns the index after it, or i if there is none. The
 * exponent saturates at +-1e9, which already makes any value 0 or Infinity. */
static size_t scan_exponent(const void *chars, size_t length, bool two_byte, size_t i,
                            int64_t *exponent) {
  if (i >= length || (strtod_unit_at(chars, two_byte, i) | 0x20) != 'e') return i;
  size_t j = i + 1;
  bool negative = false;
  if (j < length && (strtod_unit_at(chars, two_byte, j) == '+' ||
                     strtod_unit_at(chars, two_byte, j) == '-')) {
    negative = strtod_unit_at(chars, two_byte, j) == '-';
    j++;
  }
  if (j >= length || !is_decimal_digit(strtod_unit_at(chars, two_byte, j))) return i;
  int64_t e = 0;
  for (; j < length && is_decimal_digit(strtod_unit_at(chars, two_byte, j)); j++) {
    if (e < 1000000000) e = e * 10 + (strtod_unit_at(chars, two_byte, j) - '0');
  }
  *exponent = negative ? -e : e;
  return j;
}

size_t strtod_scan_decimal(const void *chars, size_t length, bool two_byte, double *value) {
  DecimalDigits d = {.length = 0, .exponent = 0, .sticky = false};
  size_t i = 0;
  bool any_digit = false;
  for (; i < length && is_decimal_digit(strtod_unit_at(chars, two_byte, i)); i++) {
    decimal_add_integer_digit(&d, strtod_unit_at(chars, two_byte, i));
    any_digit = true;
  }
  if (i < length && strtod_unit_at(chars, two_byte, i) == '.') {
    size_t j = i + 1;
    for (; j < length && is_decimal_digit(strtod_unit_at(chars, two_byte, j)); j++) {
      decimal_add_fraction_digit(&d, strtod_unit_at(chars, two_byte, j));
      any_digit = true;
    }
    if (any_digit) i = j; /* "5." is a literal; a lone "." is not */
  }
  if (!any_digit) return 0;
  int64_t exponent = 0;
  i = scan_exponent(chars, length, two_byte, i, &exponent);
  *value = decimal_finish(&d, exponent);
  return i;
}

double strtod_ascii(const char *s, size_t length) {
  double value;
  if (strtod_scan_decimal(s, length, false, &value) != length || length == 0) return NAN;
  return value;
}

/* ---- Radix text ------------------------------------------------------------------------ */

/* Power-of-two radixes: the bits are exact; keep the first 55 or more (at most 59) of them
 * and remember whether any later one is set. */
static double radix_power_of_two(const void *digits, size_t length, bool two_byte,
                                 int radix) {
  int bits_per_digit = __builtin_ctz((unsigned)radix);
  uint64_t mantissa = 0;
  int64_t exp2 = 0;
  bool sticky = false;
  for (size_t i = 0; i < length; i++) {
    int d = strtod_digit_value(strtod_unit_at(digits, two_byte, i), radix);
    DCHECK(d >= 0);
    if (mantissa >> 54 == 0) {
      mantissa = mantissa << bits_per_digit | (uint64_t)d;
    } else {
      exp2 += bits_per_digit;
      sticky |= d != 0;
    }
  }
  int bits = mantissa == 0 ? 0 : 64 - __builtin_clzll(mantissa);
  if (bits <= kDoubleSignificandBits) return ldexp((double)mantissa, (int)exp2);
  int drop = bits - kDoubleSignificandBits;
  uint64_t kept = mantissa >> drop;
  bool half = (mantissa >> (drop - 1)) & 1;
  bool below = sticky || (mantissa & ((UINT64_C(1) << (drop - 1)) - 1)) != 0;
  if (half && (below || (kept & 1))) kept++;
  int64_t e = exp2 + drop;
  return e > 1100 ? INFINITY : ldexp((double)kept, (int)e);
}

/* Other radixes: exact in 64 bits while it fits, then in GMP. Digits past the point where
 * the value surely exceeds 2^1024 are not needed. */
static double radix_general(const void *digits, size_t length, bool two_byte, int radix) {
  int floor_log2 = 31 - __builtin_clz((unsigned)radix);
  if (length > 0 && (uint64_t)(length - 1) * (uint64_t)floor_log2 >= 1025) return INFINITY;
  uint64_t small = 0;
  size_t i = 0;
  for (; i < length && small <= (UINT64_MAX - 35) / 36; i++) {
    small = small * (uint64_t)radix +
            (uint64_t)strtod_digit_value(strtod_unit_at(digits, two_byte, i), radix);
  }
  if (i == length) return (double)small; /* converting rounds to nearest, ties to even */
  mpz_t z;
  mpz_init_set_ui(z, small);
  for (; i < length; i++) {
    mpz_mul_ui(z, z, (unsigned long)radix);
    mpz_add_ui(z, z, (unsigned long)strtod_digit_value(strtod_unit_at(digits, two_byte, i),
                                                       radix));
  }
  double r = round_mpz_to_double(z, 0, false);
  mpz_clear(z);
  return r;
}

double strtod_radix(const void *digits, size_t length, bool two_byte, int radix) {
  DCHECK(radix >= 2 && radix <= 36);
  size_t start = 0;
  while (start < length && strtod_unit_at(digits, two_byte, start) == '0') start++;
  const void *rest = two_byte ? (const void *)((const uint16_t *)digits + start)
                              : (const void *)((const uint8_t *)digits + start);
  length -= start;
  if ((radix & (radix - 1)) == 0) return radix_power_of_two(rest, length, two_byte, radix);
  if (radix == 10) {
    DecimalDigits d = {.length = 0, .exponent = 0, .sticky = false};
    for (size_t i = 0; i < length; i++) {
      decimal_add_integer_digit(&d, strtod_unit_at(rest, two_byte, i));
    }
    return decimal_finish(&d, 0);
  }
  return radix_general(rest, length, two_byte, radix);
}
