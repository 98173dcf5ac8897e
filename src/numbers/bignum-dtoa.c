/*
 * bignum-dtoa.c: exact digit generation (see bignum-dtoa.h).
 *
 * A finite double is v = f * 2^e exactly (diy-fp.h), so every question about its decimal
 * digits is a question about integers: r/s = v * 10^-k for a suitable k. The shortest digits
 * follow Steele & White's free-format algorithm as refined by Burger & Dybvig ("Printing
 * Floating-Point Numbers Quickly and Accurately", PLDI 1996); the counted and fixed digits
 * are one exact rounded division.
 */
#include "numbers/bignum-dtoa.h"

#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numbers/diy-fp.h"

__extension__ typedef unsigned __int128 u128;

/* ---- Shortest digits (Burger & Dybvig) ------------------------------------------------- */

/*
 * The state of the digit loop: v = r/s * 10^k, and the rounding interval is
 * (v - m_minus/s * 10^k, v + m_plus/s * 10^k), boundaries included when `even` (an even
 * significand wins ties when read back, so the midpoints themselves read back as v).
 */
typedef struct {
  mpz_t r, s, m_plus, m_minus;
  bool even;
} ShortestState;

/* Sets r, s, m+ and m- so that v = r/s and the interval's half-widths are m+/s and m-/s. */
static void shortest_init(ShortestState *st, double v) {
  DiyFp w = double_to_diy_fp(v);
  bool closer = double_lower_boundary_is_closer(v);
  /* The gaps to the neighbours are 2^e (2^(e-1) below a power of two), so the half-gaps are
   * 2^(e-1) and 2^(e-1) or 2^(e-2): scaling everything by 2 (or 4) makes them integers.
   * With b = 2^max(e, 0): r = f * b * scale, s = 2^max(-e, 0) * scale, m- = b, m+ = b or 2b. */
  int scale_log2 = closer ? 2 : 1;
  mpz_inits(st->r, st->s, st->m_plus, st->m_minus, NULL);
  mpz_set_ui(st->r, 1);
  mpz_set_ui(st->s, 1);
  mpz_set_ui(st->m_minus, 1);
  if (w.e >= 0) {
    mpz_mul_2exp(st->m_minus, st->m_minus, (mp_bitcnt_t)w.e);
  } else {
    mpz_mul_2exp(st->s, st->s, (mp_bitcnt_t)-w.e);
  }
  mpz_mul_2exp(st->s, st->s, (mp_bitcnt_t)scale_log2);
  mpz_mul_2exp(st->r, st->m_minus, (mp_bitcnt_t)scale_log2);
  mpz_mul_ui(st->r, st->r, w.f);
  mpz_mul_2exp(st->m_plus, st->m_minus, closer ? 1 : 0);
  st->even = (w.f & 1) == 0;
}

static void shortest_clear(ShortestState *st) {
  mpz_clears(st->r, st->s, st->m_plus, st->m_minus, NULL);
}

/* Is r + m+ at or beyond s, i.e. is the high end of the interval >= 1 (> 1 when the
 * boundary is excluded)? */
static bool shortest_high_reaches(const ShortestState *st, mpz_t scratch) {
  mpz_add(scratch, st->r, st->m_plus);
  int c = mpz_cmp(scratch, st->s);
  return st->even ? c >= 0 : c > 0;
}

/* Finds k with 10^(k-1) <= high < 10^k (both ends adjusted for inclusion) and scales r/s by
 * 10^-k, so that the first digit generated is the leading one. Returns k. */
static int shortest_scale(ShortestState *st, double v) {
  int k = (int)ceil(log10(v));
  mpz_t p, scratch;
  mpz_inits(p, scratch, NULL);
  mpz_ui_pow_ui(p, 10, (unsigned long)abs(k));
  if (k >= 0) {
    mpz_mul(st->s, st->s, p);
  } else {
    mpz_mul(st->r, st->r, p);
    mpz_mul(st->m_plus, st->m_plus, p);
    mpz_mul(st->m_minus, st->m_minus, p);
  }
  /* log10 may be off by one either way. */
  while (shortest_high_reaches(st, scratch)) {
    mpz_mul_ui(st->s, st->s, 10);
    k++;
  }
  for (;;) {
    mpz_mul_ui(st->r, st->r, 10);
    mpz_mul_ui(st->m_plus, st->m_plus, 10);
    mpz_mul_ui(st->m_minus, st->m_minus, 10);
    if (shortest_high_reaches(st, scratch)) break;
    k--;
  }
  /* r, m+ and m- are now premultiplied by 10 for the first digit. */
  mpz_clears(p, scratch, NULL);
  return k;
}

/* Emits digits until the rest is within the interval; picks the closer last digit. */
static int shortest_generate(ShortestState *st, char *digits) {
  mpz_t d, scratch;
  mpz_inits(d, scratch, NULL);
  int length = 0;
  for (bool first = true;; first = false) {
    if (!first) {
      mpz_mul_ui(st->r, st->r, 10);
      mpz_mul_ui(st->m_plus, st->m_plus, 10);
      mpz_mul_ui(st->m_minus, st->m_minus, 10);
    }
    mpz_tdiv_qr(d, st->r, st->r, st->s);
    int digit = (int)mpz_get_ui(d);
    int c_low = mpz_cmp(st->r, st->m_minus);
    bool low = st->even ? c_low <= 0 : c_low < 0;   /* digit itself is in the interval */
    bool high = shortest_high_reaches(st, scratch); /* digit + 1 is in the interval */
    if (!low && !high) {
      digits[length++] = (char)('0' + digit);
      continue;
    }
    if (low && high) {
      /* Both candidates read back as v: take the closer, the even one on a tie. */
      mpz_mul_2exp(scratch, st->r, 1);
      int c = mpz_cmp(scratch, st->s);
      if (c > 0 || (c == 0 && (digit & 1))) digit++;
    } else if (high) {
      digit++;
    }
    DCHECK(digit <= 9); /* a carry would mean a shorter candidate was missed */
    digits[length++] = (char)('0' + digit);
    break;
  }
  mpz_clears(d, scratch, NULL);
  return length;
}

int bignum_dtoa_shortest(double v, char *digits, int *point) {
  DCHECK(v > 0 && isfinite(v));
  ShortestState st;
  shortest_init(&st, v);
  *point = shortest_scale(&st, v);
  int length = shortest_generate(&st, digits);
  shortest_clear(&st);
  while (length > 1 && digits[length - 1] == '0') length--;
  return length;
}

/* ---- round(v * 10^scale) with ties away from zero -------------------------------------- */

static const u128 kPow10U128[20] = {
#define P(n) (u128)(n)
    P(1), P(10), P(100), P(1000), P(10000), P(100000), P(1000000), P(10000000),
    P(100000000), P(1000000000), P(10000000000), P(100000000000), P(1000000000000),
    P(10000000000000), P(100000000000000), P(1000000000000000), P(10000000000000000),
    P(100000000000000000), P(1000000000000000000), P(10000000000000000000u),
#undef P
};

/* 10^n for n <= 38 (< 2^127); above 10^19 as a product of two table entries. */
static u128 pow10_u128(int n) {
  DCHECK(n >= 0 && n <= 38);
  if (n <= 19) return kPow10U128[n];
  return kPow10U128[19] * kPow10U128[n - 19];
}

/* The fast case: v = f * 2^e and 10^|scale| small enough that num and den fit in 125 bits. */
static bool scaled_round_u128(DiyFp w, int scale, u128 *n) {
  const u128 limit = (u128)1 << 125;
  u128 num = w.f, den = 1;
  if (w.e > 0) {
    if (w.e > 125 - 53) return false;
    num <<= w.e;
  } else if (w.e < 0) {
    if (-w.e > 124) return false;
    den <<= -w.e;
  }
  if (abs(scale) > 38) return false;
  u128 p = pow10_u128(abs(scale));
  u128 *target = scale >= 0 ? &num : &den;
  if (*target > limit / p) return false;
  *target *= p;
  *n = (2 * num + den) / (2 * den);
  return true;
}

/* The general case, with GMP: n = floor((2 num + den) / (2 den)). */
static void scaled_round_mpz(DiyFp w, int scale, mpz_t n) {
  mpz_t num, den, p;
  mpz_inits(num, den, p, NULL);
  mpz_set_ui(num, w.f);
  mpz_set_ui(den, 1);
  if (w.e >= 0) {
    mpz_mul_2exp(num, num, (mp_bitcnt_t)w.e);
  } else {
    mpz_mul_2exp(den, den, (mp_bitcnt_t)-w.e);
  }
  mpz_ui_pow_ui(p, 10, (unsigned long)abs(scale));
  mpz_mul(scale >= 0 ? num : den, scale >= 0 ? num : den, p);
  mpz_mul_2exp(num, num, 1);
  mpz_add(num, num, den);
  mpz_mul_2exp(den, den, 1);
  mpz_fdiv_q(n, num, den);
  mpz_clears(num, den, p, NULL);
}

/* Writes the decimal digits of n (at least one) and returns their count. */
static int u128_to_digits(u128 n, char *out) {
  char tmp[40];
  int len = 0;
  do {
    tmp[len++] = (char)('0' + (int)(n % 10));
    n /= 10;
  } while (n != 0);
  for (int i = 0; i < len; i++) out[i] = tmp[len - 1 - i];
  return len;
}

/*
 * The digits of round(v * 10^scale), ties away from zero. If want_digits >= 0 and the
 * result has a different number of digits, returns that count without writing (the counted
 * mode's probe); otherwise writes them and returns their count.
 */
static int scaled_round_digits(double v, int scale, char *digits, int want_digits) {
  DiyFp w = double_to_diy_fp(v);
  u128 small;
  if (scaled_round_u128(w, scale, &small)) {
    char tmp[40];
    int len = u128_to_digits(small, tmp);
    if (want_digits < 0 || len == want_digits) memcpy(digits, tmp, (size_t)len);
    return len;
  }
  mpz_t n;
  mpz_init(n);
  scaled_round_mpz(w, scale, n);
  int len;
  if (mpz_sgn(n) == 0) {
    len = 1;
    if (want_digits < 0 || want_digits == 1) digits[0] = '0';
  } else {
    /* sizeinbase is exact or one too big; get_str tells the truth. */
    size_t size = mpz_sizeinbase(n, 10) + 2;
    char stack_buf[256];
    char *buf = size <= sizeof stack_buf ? stack_buf : malloc(size);
    CHECK(buf != NULL);
    mpz_get_str(buf, 10, n);
    len = (int)strlen(buf);
    if (want_digits < 0 || len == want_digits) memcpy(digits, buf, (size_t)len);
    if (buf != stack_buf) free(buf);
  }
  mpz_clear(n);
  return len;
}

int bignum_dtoa_counted(double v, int count, char *digits, int *point) {
  DCHECK(v > 0 && isfinite(v));
  DCHECK(count >= 1 && count <= kBignumDtoaMaxCounted);
  /* e10 = floor(log10(v)), up to an error of one that the loop corrects: round(v *
   * 10^(count - 1 - e10)) must have exactly count digits. Rounding up to 10^count means the
   * exponent is one higher, which the next round (10 times smaller) confirms. */
  int e10 = (int)floor(log10(v));
  for (;;) {
    int len = scaled_round_digits(v, count - 1 - e10, digits, count);
    if (len == count) break;
    e10 += len > count ? 1 : -1;
  }
  /* "100...0" may be a value just below 10^e10 rounded up (log10 rounded up to e10, as for
   * 1e-21, whose double is 9.99...e-22): then e10 - 1 also gives count digits, and is the
   * true exponent. */
  bool power_of_ten = digits[0] == '1';
  for (int i = 1; power_of_ten && i < count; i++) power_of_ten = digits[i] == '0';
  if (power_of_ten) {
    char lower[kBignumDtoaMaxCounted + 1];
    if (scaled_round_digits(v, count - e10, lower, count) == count) {
      memcpy(digits, lower, (size_t)count);
      e10--;
    }
  }
  *point = e10 + 1;
  return count;
}

int bignum_dtoa_fixed(double v, int fraction_digits, char *digits) {
  DCHECK(v >= 0 && v < 1e21);
  DCHECK(fraction_digits >= 0 && fraction_digits <= 100);
  return scaled_round_digits(v, fraction_digits, digits, -1);
}
