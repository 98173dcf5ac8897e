/*
 * test-numbers.c: number <-> string conversions (numbers/).
 *
 * Exact expectations from the spec and from what JS engines print, plus randomized checks
 * against independent oracles: glibc's strtod and printf (both correctly rounded, printf's
 * "%.1100f" prints a double's exact decimal expansion) and GMP.
 */
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numbers/bignum-dtoa.h"
#include "numbers/cached-powers.h"
#include "numbers/conversions.h"
#include "numbers/dtoa.h"
#include "numbers/fast-dtoa.h"
#include "numbers/strtod.h"
#include "test.h"

/* ---- Helpers ------------------------------------------------------------------------- */

/* xorshift64*: deterministic random numbers. */
static uint64_t rng_state;
static void rng_seed(uint64_t s) { rng_state = s ? s : 1; }
static uint64_t rng_next(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * UINT64_C(2685821657736338717);
}
static int rng_below(int n) { return (int)(rng_next() % (uint64_t)n); }

static double bits_double(uint64_t bits) {
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}
static uint64_t double_bits(double d) {
  uint64_t b;
  memcpy(&b, &d, sizeof b);
  return b;
}
static bool same_bits(double a, double b) { return double_bits(a) == double_bits(b); }

/* A random finite double from random bits. */
static double random_finite_double(void) {
  for (;;) {
    double d = bits_double(rng_next());
    if (isfinite(d)) return d;
  }
}

/* Reports a mismatch and returns false, so a table test can list all its failures. */
static bool check_str(const char *what, double v, int arg, const char *got, const char *want) {
  if (strcmp(got, want) == 0) return true;
  fprintf(stderr, "  %s(%.17g, %d): got \"%s\", want \"%s\"\n", what, v, arg, got, want);
  return false;
}

static bool check_num(const char *input, double got, double want) {
  if (same_bits(got, want) || (isnan(got) && isnan(want))) return true;
  fprintf(stderr, "  \"%s\": got %.17g, want %.17g\n", input, got, want);
  return false;
}

/* ---- Cached powers ------------------------------------------------------------------- */

TEST(numbers, cached_powers_are_rounded_powers_of_ten) {
  mpz_t num, den, q;
  mpz_inits(num, den, q, NULL);
  int bad = 0;
  for (int i = 0; i < kCachedPowersCount; i++) {
    int k;
    DiyFp p = cached_powers_entry(i, &k);
    EXPECT(k == kCachedPowersMinDecimalExponent + i * kCachedPowersDecimalExponentStep);
    /* round(10^k / 2^e) = floor((2 * 10^k / 2^e + 1) / 2) with everything made integral */
    mpz_set_ui(num, 1);
    mpz_set_ui(den, 1);
    mpz_ui_pow_ui(k >= 0 ? num : den, 10, (unsigned long)abs(k));
    if (p.e >= 0) mpz_mul_2exp(den, den, (mp_bitcnt_t)p.e);
    else mpz_mul_2exp(num, num, (mp_bitcnt_t)-p.e);
    mpz_mul_2exp(num, num, 1);
    mpz_add(num, num, den);
    mpz_mul_2exp(den, den, 1);
    mpz_fdiv_q(q, num, den);
    if (mpz_sizeinbase(q, 2) != 64 || mpz_get_ui(q) != p.f) bad++;
  }
  mpz_clears(num, den, q, NULL);
  EXPECT_EQ(bad, 0);
  int k;
  DiyFp p = cached_powers_for_decimal_exponent(17, &k);
  EXPECT(k == 12 && p.f == cached_powers_entry(45, &k).f);
  EXPECT(cached_powers_small(7).f == UINT64_C(10000000) << 40);
}

/* ---- Number::toString ------------------------------------------------------------------ */

typedef struct {
  double v;
  const char *s;
} DoubleString;

static const DoubleString kShortestCases[] = {
    {0.0, "0"},
    {-0.0, "0"},
    {NAN, "NaN"},
    {INFINITY, "Infinity"},
    {-INFINITY, "-Infinity"},
    {1, "1"},
    {-1, "-1"},
    {0.1, "0.1"},
    {0.1 + 0.2, "0.30000000000000004"},
    {123e-20, "1.23e-18"},
    {5e-324, "5e-324"},
    {-5e-324, "-5e-324"},
    {1e-323, "1e-323"},
    {2.2250738585072014e-308, "2.2250738585072014e-308"}, /* smallest normal */
    {2.225073858507201e-308, "2.225073858507201e-308"},   /* largest subnormal */
    {1.7976931348623157e308, "1.7976931348623157e+308"},
    {9007199254740992.0, "9007199254740992"},              /* 2^53 */
    {9007199254740994.0, "9007199254740994"},
    {18014398509481984.0, "18014398509481984"},            /* 2^54 */
    {1e21, "1e+21"},
    {999999999999999900000.0, "999999999999999900000"},
    {123456789012345680000.0, "123456789012345680000"},
    {1e20, "100000000000000000000"},
    {1.5e-7, "1.5e-7"},
    {1e-7, "1e-7"},
    {0.000001, "0.000001"},
    {0.0000015, "0.0000015"},
    {1.2e-6, "0.0000012"},
    {123.456, "123.456"},
    {-123.456, "-123.456"},
    {100, "100"},
    {1e100, "1e+100"},
    {1.5e300, "1.5e+300"},
    {4294967295.0, "4294967295"},
    {4294967296.0, "4294967296"},
    {-2147483648.0, "-2147483648"},
    {0.5, "0.5"},
    {1.0 / 3.0, "0.3333333333333333"},
    {2.0 / 3.0, "0.6666666666666666"},
    {5e-7, "5e-7"},
    {1e23, "1e+23"},
    {9.5367431640625e-7, "9.5367431640625e-7"},           /* 2^-20 */
    {1.0e-300, "1e-300"},
    {2.5e-5, "0.000025"},
    {1234567.875, "1234567.875"},
    {0.3, "0.3"},
    {1.7976931348623155e308, "1.7976931348623155e+308"},
    {4.4501477170144028e-308, "4.450147717014403e-308"},  /* 2^-1021: lower gap is closer */
    {4.4501477170144023e-308, "4.4501477170144023e-308"}, /* its predecessor */
};

TEST(numbers, shortest_spec_and_boundary_cases) {
  int bad = 0;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kShortestCases); i++) {
    char buf[kDtoaShortestBufferSize];
    int len = dtoa_shortest(kShortestCases[i].v, buf);
    if (!check_str("toString", kShortestCases[i].v, 10, buf, kShortestCases[i].s)) bad++;
    if (len != (int)strlen(buf)) bad++;
  }
  EXPECT_EQ(bad, 0);
}

/* The fewest significant digits p for which glibc's correctly rounded "%.{p-1}e" reads back
 * as v, and those digits (no trailing zeros). That is the closest p-digit decimal, so it is
 * what Number::toString must choose (ties aside, which random doubles do not produce). */
static int glibc_shortest(double v, char *digits, int *point) {
  char buf[64];
  for (int p = 1; p <= 17; p++) {
    snprintf(buf, sizeof buf, "%.*e", p - 1, v);
    if (strtod(buf, NULL) != v) continue;
    int n = 0;
    for (char *c = buf; *c && *c != 'e'; c++) {
      if (*c >= '0' && *c <= '9') digits[n++] = *c;
    }
    while (n > 1 && digits[n - 1] == '0') n--;
    *point = atoi(strchr(buf, 'e') + 1) + 1;
    return n;
  }
  return -1;
}

/* Random bit patterns: the printed string reads back to the same bits, has glibc's shortest
 * digits, and Grisu3 agrees with the exact algorithm whenever it succeeds. */
TEST(numbers, shortest_random_round_trip) {
  rng_seed(12345);
  int bad = 0, grisu_failures = 0;
  const int n = 20000;
  for (int i = 0; i < n && bad < 10; i++) {
    double v = random_finite_double();
    if (i % 4 == 1) v = (double)(rng_next() >> rng_below(64)) / (double)(1 << rng_below(20));
    if (i % 4 == 2) v = ldexp((double)(rng_next() >> 11), rng_below(2098) - 1126);
    char buf[kDtoaShortestBufferSize];
    dtoa_shortest(v, buf);
    if (!same_bits(strtod(buf, NULL), v) && !(v == 0 && strtod(buf, NULL) == 0)) {
      fprintf(stderr, "  round trip: %.17g -> %s\n", v, buf);
      bad++;
    }
    if (v == 0) continue;
    double a = fabs(v);
    char want[20], got[kFastDtoaBufferSize], exact[20];
    int want_point, got_point, exact_point, got_len = 0;
    int want_len = glibc_shortest(a, want, &want_point);
    int exact_len = bignum_dtoa_shortest(a, exact, &exact_point);
    int short_len = dtoa_shortest_digits(a, got, &got_point);
    if (short_len != want_len || got_point != want_point || memcmp(got, want, want_len) != 0 ||
        exact_len != want_len || exact_point != want_point ||
        memcmp(exact, want, want_len) != 0) {
      fprintf(stderr, "  digits of %.17g: got %.*s/%d, exact %.*s/%d, glibc %.*s/%d\n", a,
              short_len, got, got_point, exact_len, exact, exact_point, want_len, want,
              want_point);
      bad++;
    }
    if (!fast_dtoa_shortest(a, got, &got_len, &got_point)) {
      grisu_failures++;
    } else if (got_len != exact_len || got_point != exact_point ||
               memcmp(got, exact, exact_len) != 0) {
      fprintf(stderr, "  grisu %.17g: %.*s\n", a, got_len, got);
      bad++;
    }
  }
  EXPECT_EQ(bad, 0);
  EXPECT(grisu_failures > 0 && grisu_failures < n / 50); /* about 0.5%: both paths run */
}

/* Short decimals ("3.25", "0.07", "1e-5"): their own digits are the shortest. */
TEST(numbers, shortest_of_short_decimals) {
  rng_seed(777);
  int bad = 0;
  for (int i = 0; i < 20000 && bad < 10; i++) {
    int digits = 1 + rng_below(15);
    uint64_t m = rng_next() % 1000000000000000ULL;
    while (m >= 10 && digits < 15 && m % 10 == 0) m /= 10;
    char in[64];
    snprintf(in, sizeof in, "%llue%d", (unsigned long long)(m % 1000000000000000ULL),
             rng_below(600) - 300);
    double v = strtod(in, NULL);
    if (v == 0 || !isfinite(v)) continue;
    char d[20], want[20];
    int point, want_point;
    int len = dtoa_shortest_digits(v, d, &point);
    int want_len = glibc_shortest(v, want, &want_point);
    if (len != want_len || point != want_point || memcmp(d, want, len) != 0) {
      fprintf(stderr, "  %s: %.*s/%d, glibc %.*s/%d\n", in, len, d, point, want_len, want,
              want_point);
      bad++;
    }
  }
  EXPECT_EQ(bad, 0);
}

/* ---- toFixed, toExponential, toPrecision ----------------------------------------------- */

typedef struct {
  double v;
  int arg;
  const char *s;
} FormatCase;

static const FormatCase kFixedCases[] = {
    {1.005, 2, "1.00"},  /* the double is 1.00499999999999989... */
    {1.45, 1, "1.4"},
    {8.345, 2, "8.35"},  /* 8.3450000000000006394884621841 */
    {0.5, 0, "1"},       /* ties away from zero */
    {1.5, 0, "2"},
    {2.5, 0, "3"},
    {-2.5, 0, "-3"},
    {0.125, 2, "0.13"},
    {-0.125, 2, "-0.13"},
    {0, 2, "0.00"},
    {-0.0, 2, "0.00"},
    {-1e-10, 3, "-0.000"},
    {1e-10, 3, "0.000"},
    {0.000001, 7, "0.0000010"},
    {123.456, 10, "123.4560000000"},
    {123.456, 0, "123"},
    {1e21, 2, "1e+21"},
    {-1e21, 2, "-1e+21"},
    {1e20, 2, "100000000000000000000.00"},
    {999999999999999868928.0, 0, "999999999999999868928"},
    {1000000000000000128.0, 0, "1000000000000000128"},
    {1000000000000000128.0, 1, "1000000000000000128.0"},
    {NAN, 2, "NaN"},
    {INFINITY, 2, "Infinity"},
    {-INFINITY, 0, "-Infinity"},
    {0.1, 20, "0.10000000000000000555"},
    {0.1, 30, "0.100000000000000005551115123126"},
    {5e-324, 100,
     "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000"},
    {1.2345e-5, 8, "0.00001234"}, /* 1.2344999999999999...e-5 */
    {99.995, 2, "100.00"},        /* 99.99500000000000454747... */
};

/* The toFixed oracle: glibc's exact expansion, rounded half up by hand. */
static void oracle_fixed(double v, int f, char *out) {
  static char exact[1500];
  snprintf(exact, sizeof exact, "%.1100f", fabs(v));
  char *point = strchr(exact, '.');
  int int_len = (int)(point - exact);
  char digits[1500];
  memcpy(digits, exact, (size_t)int_len);
  memcpy(digits + int_len, point + 1, (size_t)f);
  int n = int_len + f;
  if (point[1 + f] >= '5') { /* round up, carrying */
    int i = n - 1;
    while (i >= 0 && digits[i] == '9') digits[i--] = '0';
    if (i < 0) {
      memmove(digits + 1, digits, (size_t)n);
      digits[0] = '1';
      n++, int_len++;
    } else {
      digits[i]++;
    }
  }
  char *p = out;
  if (v < 0) *p++ = '-';
  memcpy(p, digits, (size_t)int_len);
  p += int_len;
  if (f > 0) {
    *p++ = '.';
    memcpy(p, digits + int_len, (size_t)f);
    p += f;
  }
  *p = '\0';
}

TEST(numbers, to_fixed) {
  int bad = 0;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kFixedCases); i++) {
    const FormatCase *c = &kFixedCases[i];
    char buf[kDtoaFixedBufferSize];
    dtoa_fixed(c->v, c->arg, buf);
    char want[kDtoaFixedBufferSize];
    if (isfinite(c->v) && fabs(c->v) < 1e21) { /* the table agrees with the oracle */
      oracle_fixed(c->v, c->arg, want);
      if (!check_str("oracle toFixed", c->v, c->arg, want, c->s)) bad++;
    }
    if (!check_str("toFixed", c->v, c->arg, buf, c->s)) bad++;
  }
  /* Random values, including exact ties (k / 2^m), against the oracle. */
  rng_seed(99);
  for (int i = 0; i < 20000 && bad < 10; i++) {
    double v;
    switch (i % 3) {
      case 0:
        v = (double)(int64_t)(rng_next() >> rng_below(64)) / (double)(1 << rng_below(12));
        break;
      case 1: v = ldexp((double)(rng_next() >> 11), rng_below(120) - 110); break;
      default: v = (rng_next() % 2000000) / 1000.0; break;
    }
    if (rng_next() & 1) v = -v;
    if (fabs(v) >= 1e21) continue;
    int f = i < 100 ? 100 : rng_below(25);
    char buf[kDtoaFixedBufferSize], want[kDtoaFixedBufferSize + 1500];
    dtoa_fixed(v, f, buf);
    oracle_fixed(v, f, want);
    if (!check_str("toFixed", v, f, buf, want)) bad++;
  }
  EXPECT_EQ(bad, 0);
}

/* The counted oracle: the first p significant digits of the exact expansion, rounded half
 * up; returns the decimal exponent of the first digit. */
static int oracle_counted(double v, int p, char *digits) {
  static char exact[1500];
  snprintf(exact, sizeof exact, "%.1100f", fabs(v));
  char *point = strchr(exact, '.');
  char all[1500];
  int n = 0, first = -1;
  for (char *c = exact; *c; c++) {
    if (*c == '.') continue;
    if (first < 0 && *c != '0') first = n;
    all[n++] = *c;
  }
  int int_len = (int)(point - exact);
  int e = int_len - 1 - first;
  memcpy(digits, all + first, (size_t)p);
  if (all[first + p] >= '5') {
    int i = p - 1;
    while (i >= 0 && digits[i] == '9') digits[i--] = '0';
    if (i < 0) {
      digits[0] = '1';
      e++;
    } else {
      digits[i]++;
    }
  }
  return e;
}

static void oracle_exponential(double v, int f, char *out) {
  char d[128];
  int e = oracle_counted(v, f + 1, d);
  char *p = out;
  if (v < 0) *p++ = '-';
  *p++ = d[0];
  if (f > 0) {
    *p++ = '.';
    memcpy(p, d + 1, (size_t)f);
    p += f;
  }
  sprintf(p, "e%c%d", e < 0 ? '-' : '+', abs(e));
}

static const FormatCase kExponentialCases[] = {
    {123.456, 2, "1.23e+2"},
    {123.456, -1, "1.23456e+2"},
    {0, -1, "0e+0"},
    {0, 2, "0.00e+0"},
    {-0.0, 1, "0.0e+0"},
    {1.45, 1, "1.4e+0"},
    {1.25, 1, "1.3e+0"}, /* exact tie: the larger n */
    {-1.25, 1, "-1.3e+0"},
    {99.5, 1, "1.0e+2"},
    {5e-324, 2, "4.94e-324"},
    {5e-324, -1, "5e-324"},
    {1.7976931348623157e308, 0, "2e+308"},
    {1.7976931348623157e308, 20, "1.79769313486231570815e+308"},
    {1e21, -1, "1e+21"},
    {77.1234, 4, "7.7123e+1"},
    {77, -1, "7.7e+1"},
    {0.00015, 1, "1.5e-4"},
    {NAN, 2, "NaN"},
    {-INFINITY, 2, "-Infinity"},
    {1, 100,
     "1.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000e+0"},
};

TEST(numbers, to_exponential) {
  int bad = 0;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kExponentialCases); i++) {
    const FormatCase *c = &kExponentialCases[i];
    char buf[kDtoaExponentialBufferSize];
    dtoa_exponential(c->v, c->arg, buf);
    if (!check_str("toExponential", c->v, c->arg, buf, c->s)) bad++;
  }
  rng_seed(4242);
  for (int i = 0; i < 10000 && bad < 10; i++) {
    double v = i % 2 ? random_finite_double() : (double)(rng_next() % 100000) / 64.0;
    if (v == 0) continue;
    int f = i < 100 ? 100 : rng_below(21);
    char buf[kDtoaExponentialBufferSize], want[kDtoaExponentialBufferSize];
    dtoa_exponential(v, f, buf);
    oracle_exponential(v, f, want);
    if (!check_str("toExponential", v, f, buf, want)) bad++;
  }
  EXPECT_EQ(bad, 0);
}

static const FormatCase kPrecisionCases[] = {
    {123.456, 4, "123.5"},
    {123.456, 3, "123"},
    {123.456, 2, "1.2e+2"},
    {123.456, 1, "1e+2"},
    {0.000123, 2, "0.00012"},
    {0.00000123, 2, "0.0000012"}, /* e = -6: still plain */
    {0.000000123, 2, "1.2e-7"},   /* e = -7: exponential */
    {123456, 2, "1.2e+5"},
    {123456, 6, "123456"},
    {123456, 7, "123456.0"},
    {1e21, 1, "1e+21"},
    {1e21, 22, "1000000000000000000000"},
    {1e21, 23, "1000000000000000000000.0"},
    {0, 3, "0.00"},
    {0, 1, "0"},
    {-0.0, 2, "0.0"},
    {-1.5, 1, "-2"},
    {2.5, 1, "3"},
    {1.25, 2, "1.3"},
    {9.99, 2, "10"},
    {99.99, 3, "100"},
    {999.99, 3, "1.00e+3"},
    {5e-324, 1, "5e-324"},
    {1.7976931348623157e308, 1, "2e+308"},
    {0.1, 21, "0.100000000000000005551"},
    {NAN, 3, "NaN"},
    {INFINITY, 3, "Infinity"},
};

static void oracle_precision(double v, int p, char *out) {
  char d[128];
  int e = oracle_counted(v, p, d);
  if (e < -6 || e >= p) {
    oracle_exponential(v, p - 1, out);
    return;
  }
  char *o = out;
  if (v < 0) *o++ = '-';
  if (e >= 0) {
    memcpy(o, d, (size_t)e + 1);
    o += e + 1;
    if (p > e + 1) {
      *o++ = '.';
      memcpy(o, d + e + 1, (size_t)(p - e - 1));
      o += p - e - 1;
    }
  } else {
    *o++ = '0';
    *o++ = '.';
    for (int i = 0; i < -(e + 1); i++) *o++ = '0';
    memcpy(o, d, (size_t)p);
    o += p;
  }
  *o = '\0';
}

TEST(numbers, to_precision) {
  int bad = 0;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kPrecisionCases); i++) {
    const FormatCase *c = &kPrecisionCases[i];
    char buf[kDtoaPrecisionBufferSize];
    dtoa_precision(c->v, c->arg, buf);
    if (!check_str("toPrecision", c->v, c->arg, buf, c->s)) bad++;
  }
  rng_seed(31337);
  for (int i = 0; i < 10000 && bad < 10; i++) {
    double v;
    switch (i % 3) {
      case 0: v = random_finite_double(); break;
      case 1: v = ldexp((double)(rng_next() >> 11), rng_below(120) - 90); break;
      default: v = (double)(rng_next() % 100000) / 128.0; break;
    }
    if (v == 0) continue;
    int p = i < 100 ? 100 : 1 + rng_below(21);
    char buf[kDtoaPrecisionBufferSize], want[kDtoaPrecisionBufferSize];
    dtoa_precision(v, p, buf);
    oracle_precision(v, p, want);
    if (!check_str("toPrecision", v, p, buf, want)) bad++;
  }
  EXPECT_EQ(bad, 0);
}

/* ---- toString(radix) --------------------------------------------------------------------- */

static const FormatCase kRadixCases[] = {
    {255, 16, "ff"},
    {-255, 16, "-ff"},
    {0.5, 2, "0.1"},
    {-255.5, 16, "-ff.8"},
    {0.1, 2, "0.0001100110011001100110011001100110011001100110011001101"},
    {0.1, 16, "0.1999999999999a"},
    {3.141592653589793, 16, "3.243f6a8885a3"},
    {35, 36, "z"},
    {36, 36, "10"},
    {0.5, 36, "0.i"},
    {-0.0, 2, "0"},
    {0, 36, "0"},
    {NAN, 2, "NaN"},
    {INFINITY, 16, "Infinity"},
    {-INFINITY, 7, "-Infinity"},
    {9007199254740992.0, 2, "100000000000000000000000000000000000000000000000000000"},
    {4294967295.0, 16, "ffffffff"},
    {1e21, 16, "3635c9adc5dea00000"},
    {123.456, 10, "123.456"},
    {0.75, 4, "0.3"},
    {10.25, 8, "12.2"},
};

/* For a power-of-two radix, reads s (integer part below 2^53) back exactly. */
static double parse_radix_exact(const char *s, int radix) {
  int bits = __builtin_ctz((unsigned)radix);
  bool neg = *s == '-';
  if (neg) s++;
  const char *dot = strchr(s, '.');
  char all[kDtoaRadixBufferSize];
  size_t n = 0;
  int frac = 0;
  for (const char *c = s; *c; c++) {
    if (*c == '.') continue;
    all[n++] = *c;
    if (dot && c > dot) frac++;
  }
  double v = ldexp(strtod_radix(all, n, false, radix), -bits * frac);
  return neg ? -v : v;
}

TEST(numbers, to_string_radix) {
  int bad = 0;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kRadixCases); i++) {
    const FormatCase *c = &kRadixCases[i];
    char buf[kDtoaRadixBufferSize];
    int len = dtoa_radix(c->v, c->arg, buf);
    if (!check_str("toString", c->v, c->arg, buf, c->s) || len != (int)strlen(buf)) bad++;
  }
  /* Power-of-two radixes read back exactly (values with few enough bits to stay normal). */
  rng_seed(2024);
  static const int kRadixes[] = {2, 4, 8, 16, 32};
  for (int i = 0; i < 5000 && bad < 10; i++) {
    double v = ldexp((double)(rng_next() >> 11), rng_below(100) - 120);
    if (i & 1) v = -v;
    int radix = kRadixes[i % 5];
    char buf[kDtoaRadixBufferSize];
    dtoa_radix(v, radix, buf);
    if (!same_bits(parse_radix_exact(buf, radix), v)) {
      fprintf(stderr, "  toString(%d) of %.17g: %s\n", radix, v, buf);
      bad++;
    }
  }
  /* The largest double, 1024 bits: 4 + 9 * 5 + 4 ones, a zero, then 194 zero digits. */
  char buf[kDtoaRadixBufferSize], want[kDtoaRadixBufferSize];
  strcpy(want, "fvvvvvvvvvu");
  memset(want + 11, '0', 194);
  want[205] = '\0';
  dtoa_radix(1.7976931348623157e308, 32, buf);
  EXPECT(strcmp(buf, want) == 0);
  /* The longest outputs fit the buffer. */
  EXPECT(dtoa_radix(-5e-324, 2, buf) == 1077); /* "-0." and 1074 digits */
  EXPECT(dtoa_radix(-1.7976931348623157e308, 2, buf) == 1025);
  EXPECT(dtoa_radix(-(1.0 + ldexp(1, -52)) * ldexp(1, -1022), 2, buf) < kDtoaRadixBufferSize);
  EXPECT_EQ(bad, 0);
}

/* ---- strtod -------------------------------------------------------------------------------- */

typedef struct {
  const char *s;
  double v;
} StringDouble;

static const StringDouble kStrtodCases[] = {
    {"0", 0.0},
    {"0.0", 0.0},
    {"000", 0.0},
    {"1", 1},
    {"2.2250738585072011e-308", 2.2250738585072009e-308},
    {"2.2250738585072012e-308", 2.2250738585072014e-308},
    {"9007199254740993", 9007199254740992.0},  /* tie: even */
    {"9007199254740995", 9007199254740996.0},  /* tie: even */
    {"9007199254740993.0000000000000000000000000001", 9007199254740994.0},
    {"1e-400", 0.0},
    {"1e400", INFINITY},
    {"1e309", INFINITY},
    {"1.7976931348623157e308", 1.7976931348623157e308},
    {"1.7976931348623158e308", 1.7976931348623157e308},
    {"1.7976931348623159e308", INFINITY},      /* above max + half ulp */
    {"4.9406564584124654e-324", 5e-324},
    {"2.4703282292062328e-324", 5e-324},
    {"2.4703282292062327e-324", 0.0},
    {"2.4703282292062327208828439643411068618252990130716238221279284125033775364e-324", 5e-324},
    {"0.1", 0.1},
    {".5", 0.5},
    {"5.", 5},
    {"1e23", 1e23},
    {"8.98846567431158e307", 8.98846567431158e307},
    {"123456789012345678901234567890", 123456789012345678901234567890.0},
    {"0.000000000000000000000000000000000000001", 1e-39},
    {"1E+2", 100},
    {"1e-0", 1},
    {"7.038531e-26", 7.038531e-26},
    {"1e-2147483649", 0.0},
    {"1e2147483648", INFINITY},
    {"0e999999999999999999", 0.0},
    {"1.8e308", INFINITY},
    {"", NAN},
    {".", NAN},
    {"e5", NAN},
    {"1e", NAN},
    {"1e+", NAN},
    {"+1", NAN},
    {"1_0", NAN},
    {"0x10", NAN},
};

TEST(numbers, strtod_cases) {
  int bad = 0;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kStrtodCases); i++) {
    const StringDouble *c = &kStrtodCases[i];
    if (!check_num(c->s, strtod_ascii(c->s, strlen(c->s)), c->v)) bad++;
  }
  EXPECT_EQ(bad, 0);
}

/* Appends the exact decimal digits of the midpoint between the double with significand f
 * (53 bits) * 2^e and its successor, (2f + 1) * 2^(e - 1); returns the decimal exponent
 * that goes with the digits (value = digits * 10^exponent). */
static int midpoint_digits(uint64_t f, int e, char *out) {
  mpz_t m;
  mpz_init_set_ui(m, f);
  mpz_mul_2exp(m, m, 1);
  mpz_add_ui(m, m, 1);
  int exponent = 0;
  if (e - 1 >= 0) {
    mpz_mul_2exp(m, m, (mp_bitcnt_t)(e - 1));
  } else { /* m / 2^k = m * 5^k / 10^k */
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, 5, (unsigned long)(1 - e));
    mpz_mul(m, m, p);
    mpz_clear(p);
    exponent = e - 1;
  }
  mpz_get_str(out, 10, m);
  mpz_clear(m);
  return exponent;
}

/* Exact midpoints between neighbouring doubles (up to 767 significant digits), and values a
 * hair above and below them (by a digit far beyond the 780th), against glibc. */
TEST(numbers, strtod_halfway_cases) {
  rng_seed(555);
  static char digits[2000], text[2200];
  int bad = 0;
  for (int i = 0; i < 600 && bad < 10; i++) {
    uint64_t f = (rng_next() >> 11) | (UINT64_C(1) << 52);
    int e = rng_below(2098) - 1074 - 52;
    if (e + 52 > 1023) e = 1023 - 52;
    if (i % 3 == 0) { f >>= rng_below(53); e = -1074; } /* subnormals */
    if (f == 0) continue;
    int exponent = midpoint_digits(f, e, digits);
    size_t n = strlen(digits);
    for (int variant = 0; variant < 3; variant++) {
      const char *tail = variant == 0 ? "" : variant == 1 ? "0000000000000000001" : NULL;
      char *p = text;
      if (variant == 2) { /* just below: ...d - 1 then 9s */
        memcpy(text, digits, n);
        int j = (int)n - 1;
        while (text[j] == '0') text[j--] = '9';
        text[j]--;
        memset(text + n, '9', 820);
        p = text + n + 820;
        sprintf(p, "e%d", exponent - 820);
      } else {
        p += sprintf(p, "%s", digits);
        if (variant == 1) {
          memset(p, '0', 800);
          p += 800;
          p += sprintf(p, "%s", tail);
        }
        sprintf(p, "e%d", exponent - (variant == 1 ? 800 + (int)strlen(tail) : 0));
      }
      double got = strtod_ascii(text, strlen(text));
      double want = strtod(text, NULL);
      if (!same_bits(got, want)) {
        fprintf(stderr, "  halfway variant %d of f=%llu e=%d: got %a want %a\n", variant,
                (unsigned long long)f, e, got, want);
        bad++;
      }
    }
  }
  EXPECT_EQ(bad, 0);
}

/* Random decimal strings of 1..40 digits with random exponents; the fast paths against the
 * exact path and glibc. */
TEST(numbers, strtod_random_against_glibc) {
  rng_seed(8080);
  int bad = 0;
  char text[128];
  for (int i = 0; i < 40000 && bad < 10; i++) {
    char digits[64];
    int n;
    int exponent;
    if (i % 2 == 0) { /* a random double printed with 15..17 digits */
      double v = fabs(random_finite_double());
      snprintf(text, sizeof text, "%.*e", 14 + rng_below(3), v);
      n = 0;
      char *c = text;
      for (; *c != 'e'; c++) {
        if (*c != '.') digits[n++] = *c;
      }
      exponent = atoi(c + 1) - (n - 1);
    } else {
      n = 1 + rng_below(40);
      for (int j = 0; j < n; j++) digits[j] = (char)('0' + rng_below(10));
      exponent = rng_below(700) - 350 - n / 2;
    }
    digits[n] = '\0';
    snprintf(text, sizeof text, "%se%d", digits, exponent);
    double want = strtod(text, NULL);
    double got = strtod_digits(digits, (size_t)n, exponent);
    double exact = strtod_digits_exact(digits, (size_t)n, exponent);
    double scanned = strtod_ascii(text, strlen(text));
    if (!same_bits(got, want) || !same_bits(exact, want) || !same_bits(scanned, want)) {
      fprintf(stderr, "  %s: got %a exact %a scanned %a want %a\n", text, got, exact, scanned,
              want);
      bad++;
    }
  }
  EXPECT_EQ(bad, 0);
}

TEST(numbers, strtod_long_inputs) {
  /* 1000 digits of 1/3 with the point after the first: rounds like 0.333... */
  static char text[4000];
  text[0] = '0';
  text[1] = '.';
  memset(text + 2, '3', 1000);
  EXPECT(same_bits(strtod_ascii(text, 1002), 1.0 / 3.0));
  /* 900 integer digits: Infinity; with a point after 300 of them: a finite value. */
  memset(text, '7', 900);
  EXPECT(strtod_ascii(text, 900) == INFINITY);
  memmove(text + 301, text + 300, 600);
  text[300] = '.';
  text[901] = '\0';
  EXPECT(same_bits(strtod_ascii(text, 901), strtod(text, NULL)));
  /* 10000 leading zeros after the point. */
  text[0] = '0';
  text[1] = '.';
  memset(text + 2, '0', 3000);
  memcpy(text + 3002, "123e3000", 9);
  EXPECT(same_bits(strtod_ascii(text, strlen(text)), 1.23e-1));
  /* A long string of zeros is zero. */
  memset(text, '0', 3000);
  EXPECT(same_bits(strtod_digits(text, 3000, 400), 0.0));
  EXPECT(same_bits(strtod_digits(text, 0, 0), 0.0));
}

/* ---- Radix strings --------------------------------------------------------------------- */

/* The radix-r string's value correctly rounded, via GMP and glibc's hex float parser. */
static double oracle_radix(const char *digits, int radix) {
  mpz_t z;
  mpz_init(z);
  mpz_set_str(z, digits, radix);
  char *hex = mpz_get_str(NULL, 16, z);
  char *text = malloc(strlen(hex) + 3);
  sprintf(text, "0x%s", hex);
  double v = strtod(text, NULL);
  free(text);
  free(hex);
  mpz_clear(z);
  return v;
}

TEST(numbers, strtod_radix) {
  /* 2^53 + 1 and 2^53 + 3 in binary: ties to even. */
  const char *b1 = "100000000000000000000000000000000000000000000000000001";
  const char *b3 = "100000000000000000000000000000000000000000000000000011";
  EXPECT(strtod_radix(b1, strlen(b1), false, 2) == 9007199254740992.0);
  EXPECT(strtod_radix(b3, strlen(b3), false, 2) == 9007199254740996.0);
  EXPECT(strtod_radix("ff", 2, false, 16) == 255);
  EXPECT(strtod_radix("FF", 2, false, 16) == 255);
  EXPECT(strtod_radix("777", 3, false, 8) == 511);
  EXPECT(strtod_radix("", 0, false, 16) == 0);
  EXPECT(strtod_radix("0000", 4, false, 2) == 0);
  EXPECT(strtod_radix("zz", 2, false, 36) == 1295);
  EXPECT(strtod_radix("20000000000001", 14, false, 16) == 9007199254740992.0); /* tie, even */
  EXPECT(strtod_radix("20000000000001000000000001", 26, false, 16) ==
         ldexp(9007199254740994.0, 48)); /* just above the tie: up */
  const uint16_t two[] = {'1', 'a', 'F'};
  EXPECT(strtod_radix(two, 3, true, 16) == 0x1af);
  /* 2^1024 - 2^970 (max + half ulp) rounds to Infinity; one below it does not. */
  static char hex[400];
  memset(hex, 'f', 256);
  EXPECT(strtod_radix(hex, 256, false, 16) == INFINITY);
  memset(hex, 0, sizeof hex);
  strcpy(hex, "fffffffffffff7");
  memset(hex + 14, 'f', 242);
  EXPECT(strtod_radix(hex, 256, false, 16) == 1.7976931348623157e308);
  /* Random digit strings in every radix against GMP + glibc. */
  rng_seed(1);
  int bad = 0;
  static const char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  char text[1200];
  for (int i = 0; i < 6000 && bad < 10; i++) {
    int radix = 2 + i % 35;
    int n = 1 + rng_below(i % 10 == 0 ? 1100 : 40);
    for (int j = 0; j < n; j++) text[j] = kDigits[rng_below(radix)];
    text[n] = '\0';
    double got = strtod_radix(text, (size_t)n, false, radix);
    double want = oracle_radix(text, radix);
    if (!same_bits(got, want)) {
      fprintf(stderr, "  radix %d \"%s\": got %a want %a\n", radix, text, got, want);
      bad++;
    }
  }
  EXPECT_EQ(bad, 0);
}

/* ---- StringToNumber, parseFloat, parseInt ---------------------------------------------- */

static double to_number(const char *s) { return conversions_string_to_number(s, strlen(s), false); }
static double parse_float(const char *s) { return conversions_parse_float(s, strlen(s), false); }
static double parse_int(const char *s, int32_t radix) {
  return conversions_parse_int(s, strlen(s), false, radix);
}

static const StringDouble kToNumberCases[] = {
    {"", 0.0},
    {"   ", 0.0},
    {"\t\n\v\f\r ", 0.0},
    {"0", 0.0},
    {"-0", -0.0},
    {"+0", 0.0},
    {"  12  ", 12},
    {"12.5", 12.5},
    {"-12.5e-1", -1.25},
    {".5", 0.5},
    {"5.", 5},
    {"+.5", 0.5},
    {"-.5e1", -5},
    {"1e1000", INFINITY},
    {"-1e1000", -INFINITY},
    {"Infinity", INFINITY},
    {"+Infinity", INFINITY},
    {"-Infinity", -INFINITY},
    {"  Infinity\n", INFINITY},
    {"infinity", NAN},
    {"inf", NAN},
    {"INFINITY", NAN},
    {"Infinityx", NAN},
    {"0x10", 16},
    {"0X1f", 31},
    {"0o17", 15},
    {"0O17", 15},
    {"0b101", 5},
    {"0B11", 3},
    {" 0xff ", 255},
    {"-0x10", NAN},
    {"+0x10", NAN},
    {"0x", NAN},
    {"0b", NAN},
    {"0b102", NAN},
    {"0o8", NAN},
    {"0xg", NAN},
    {"1_000", NAN},
    {"0x1_0", NAN},
    {".", NAN},
    {"+", NAN},
    {"-", NAN},
    {"e5", NAN},
    {"1e", NAN},
    {"1e+", NAN},
    {"1.e1", 10},
    {"1..1", NAN},
    {"1 2", NAN},
    {"12abc", NAN},
    {"00012", 12},
    {"0.0e0", 0.0},
    {"-0.0e-5", -0.0},
    {"0x1fffffffffffff", 9007199254740991.0},
    {"0x20000000000001", 9007199254740992.0},
    {"9007199254740993", 9007199254740992.0},
    {"NaN", NAN},
    {"1e-400", 0.0},
    {"-1e-400", -0.0},
};

TEST(numbers, string_to_number) {
  int bad = 0;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kToNumberCases); i++) {
    const StringDouble *c = &kToNumberCases[i];
    if (!check_num(c->s, to_number(c->s), c->v)) bad++;
  }
  EXPECT_EQ(bad, 0);
  /* Every StrWhiteSpaceChar, in two-byte strings around "42". */
  static const uint16_t kSpaces[] = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000,
                                     0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
                                     0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
                                     0x3000, 0xFEFF};
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kSpaces); i++) {
    uint16_t s[] = {kSpaces[i], '4', '2', kSpaces[i]};
    EXPECT(conversions_string_to_number(s, 4, true) == 42);
    EXPECT(conversions_is_whitespace(kSpaces[i]));
  }
  /* Not whitespace: U+180E (no longer Zs), U+200B, NUL, U+0085. */
  static const uint16_t kNotSpaces[] = {0x180E, 0x200B, 0x0000, 0x0085};
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kNotSpaces); i++) {
    uint16_t s[] = {kNotSpaces[i], '4', '2'};
    EXPECT(isnan(conversions_string_to_number(s, 3, true)));
    EXPECT(!conversions_is_whitespace(kNotSpaces[i]));
  }
  /* One-byte Latin-1 NBSP; two-byte digits; a non-ASCII unit whose low byte is a digit. */
  const uint8_t latin1[] = {0xA0, '7', 0xA0};
  EXPECT(conversions_string_to_number(latin1, 3, false) == 7);
  const uint16_t hex[] = {'0', 'x', 'F', 'f'};
  EXPECT(conversions_string_to_number(hex, 4, true) == 255);
  const uint16_t fake[] = {'1', 0x0132}; /* low byte '2' */
  EXPECT(isnan(conversions_string_to_number(fake, 2, true)));
  const uint16_t exp[] = {'1', 'e', '2'};
  EXPECT(conversions_string_to_number(exp, 3, true) == 100);
}

static const StringDouble kParseFloatCases[] = {
    {"3.5abc", 3.5},
    {"  -3.5e2x", -350},
    {"1e", 1},
    {"1e+", 1},
    {"1e-x", 1},
    {"1.e1", 10},
    {".5.5", 0.5},
    {"0x10", 0},
    {"-0", -0.0},
    {"-.0", -0.0},
    {"Infinityx", INFINITY},
    {"-Infinity", -INFINITY},
    {"+Infinity", INFINITY},
    {"infinity", NAN},
    {".e1", NAN},
    {"", NAN},
    {"  ", NAN},
    {"-", NAN},
    {"+.", NAN},
    {"abc", NAN},
    {"\n\t 42", 42},
    {"1_000", 1},
    {"9007199254740993xyz", 9007199254740992.0},
    {"2.2250738585072011e-308", 2.2250738585072009e-308},
};

TEST(numbers, parse_float) {
  int bad = 0;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kParseFloatCases); i++) {
    const StringDouble *c = &kParseFloatCases[i];
    if (!check_num(c->s, parse_float(c->s), c->v)) bad++;
  }
  const uint16_t two[] = {0x3000, '-', '1', '.', '5', 0x2028};
  EXPECT(conversions_parse_float(two, 6, true) == -1.5);
  EXPECT_EQ(bad, 0);
}

typedef struct {
  const char *s;
  int32_t radix;
  double v;
} ParseIntCase;

static const ParseIntCase kParseIntCases[] = {
    {"123", 0, 123},
    {"  123  ", 10, 123},
    {"-123", 0, -123},
    {"+123", 0, 123},
    {"-0", 0, -0.0},
    {"0", 0, 0.0},
    {"123abc", 0, 123},
    {"1e3", 0, 1},
    {"12.9", 0, 12},
    {"0x1F", 0, 31},
    {"-0x1F", 0, -31},
    {"0X1f", 16, 31},
    {"0x1F", 10, 0},
    {"0x", 0, NAN},
    {"0x", 16, NAN},
    {"0xg", 0, NAN},
    {"0b11", 0, 0},
    {"0o7", 0, 0},
    {"11", 2, 3},
    {"12", 2, 1},
    {"2", 2, NAN},
    {"z", 36, 35},
    {"Z", 36, 35},
    {"10", 1, NAN},
    {"10", 37, NAN},
    {"10", -1, NAN},
    {"10", 36, 36},
    {"ff", 16, 255},
    {"777", 8, 511},
    {"", 0, NAN},
    {"-", 0, NAN},
    {"  ", 0, NAN},
    {"- 1", 0, NAN},
    {"--1", 0, NAN},
    {"Infinity", 0, NAN},
    {"9007199254740993", 0, 9007199254740992.0},
    {"9007199254740995", 10, 9007199254740996.0},
    {"123456789012345678901234567890", 0, 123456789012345678901234567890.0},
    {"1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
     0, INFINITY},
    {"20000000000001", 16, 9007199254740992.0},
    {"0x20000000000003", 0, 9007199254740996.0},
};

TEST(numbers, parse_int) {
  int bad = 0;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kParseIntCases); i++) {
    const ParseIntCase *c = &kParseIntCases[i];
    double got = parse_int(c->s, c->radix);
    if (!check_num(c->s, got, c->v)) {
      fprintf(stderr, "    (radix %d)\n", c->radix);
      bad++;
    }
  }
  const uint16_t two[] = {0xFEFF, '-', '0', 'x', 'A'};
  EXPECT(conversions_parse_int(two, 5, true, 0) == -10);
  EXPECT_EQ(bad, 0);
}

/* ---- Numbers -> integers ------------------------------------------------------------------- */

TEST(numbers, to_int32_family) {
  EXPECT_EQ(conversions_double_to_int32(0.0), 0);
  EXPECT_EQ(conversions_double_to_int32(-0.0), 0);
  EXPECT_EQ(conversions_double_to_int32(NAN), 0);
  EXPECT_EQ(conversions_double_to_int32(INFINITY), 0);
  EXPECT_EQ(conversions_double_to_int32(-INFINITY), 0);
  EXPECT_EQ(conversions_double_to_int32(1.9), 1);
  EXPECT_EQ(conversions_double_to_int32(-1.9), -1);
  EXPECT_EQ(conversions_double_to_int32(-0.5), 0);
  EXPECT_EQ(conversions_double_to_int32(2147483647.0), 2147483647);
  EXPECT_EQ(conversions_double_to_int32(2147483648.0), INT32_MIN);
  EXPECT_EQ(conversions_double_to_int32(-2147483648.0), INT32_MIN);
  EXPECT_EQ(conversions_double_to_int32(-2147483649.0), 2147483647);
  EXPECT_EQ(conversions_double_to_int32(4294967295.0), -1);
  EXPECT_EQ(conversions_double_to_int32(4294967296.0), 0);
  EXPECT_EQ(conversions_double_to_int32(4294967297.5), 1);
  EXPECT_EQ(conversions_double_to_int32(-4294967297.5), -1);
  EXPECT_EQ(conversions_double_to_int32(1e300), 0);
  EXPECT_EQ(conversions_double_to_int32(ldexp(1, 53) + ldexp(1, 32) + 8), 8);
  EXPECT_EQ(conversions_double_to_int32(-(ldexp(1, 60) + ldexp(1, 31))), INT32_MIN);
  EXPECT_EQ(conversions_double_to_int32(ldexp(1, 52) + 5), 5);
  EXPECT_EQ(conversions_double_to_int32(-(ldexp(1, 52) + 5)), -5);
  EXPECT_EQ(conversions_double_to_int32(ldexp(1, 31) * 3 + 0.5), INT32_MIN);
  EXPECT_EQ(conversions_double_to_int32(5e-324), 0);
  EXPECT_EQ(conversions_double_to_uint32(-1.0), 4294967295u);
  EXPECT_EQ(conversions_double_to_uint32(4294967296.0 + 7), 7u);
  EXPECT_EQ(conversions_double_to_uint32(3000000000.7), 3000000000u);
  EXPECT_EQ(conversions_double_to_uint32(-3000000000.7), 1294967296u);
  EXPECT_EQ(conversions_double_to_int16(32768), -32768);
  EXPECT_EQ(conversions_double_to_int16(-32769), 32767);
  EXPECT_EQ(conversions_double_to_uint16(-1), 65535);
  EXPECT_EQ(conversions_double_to_uint16(65537.9), 1);
  EXPECT_EQ(conversions_double_to_int8(128), -128);
  EXPECT_EQ(conversions_double_to_int8(-129), 127);
  EXPECT_EQ(conversions_double_to_int8(255), -1);
  EXPECT_EQ(conversions_double_to_uint8(256), 0);
  EXPECT_EQ(conversions_double_to_uint8(-1), 255);
  EXPECT_EQ(conversions_double_to_uint8(NAN), 0);
  /* Random doubles against a direct fmod computation of the spec's steps. */
  rng_seed(64);
  for (int i = 0; i < 20000; i++) {
    double v = random_finite_double();
    if (i & 1) v = ldexp(v, -(int)(double_bits(v) >> 52 & 0x7FF) + 1023 + rng_below(70));
    double t = trunc(v);
    double m = fmod(t, 4294967296.0);
    if (m < 0) m += 4294967296.0;
    uint32_t want = (uint32_t)m;
    if (conversions_double_to_uint32(v) != want) {
      fprintf(stderr, "  ToUint32(%.17g) = %u, want %u\n", v, conversions_double_to_uint32(v),
              want);
      EXPECT(false);
    }
    EXPECT_EQ(conversions_double_to_int32(v), (int32_t)want);
  }
}

TEST(numbers, to_uint8_clamp) {
  EXPECT_EQ(conversions_double_to_uint8_clamp(NAN), 0);
  EXPECT_EQ(conversions_double_to_uint8_clamp(-1), 0);
  EXPECT_EQ(conversions_double_to_uint8_clamp(-0.0), 0);
  EXPECT_EQ(conversions_double_to_uint8_clamp(-INFINITY), 0);
  EXPECT_EQ(conversions_double_to_uint8_clamp(INFINITY), 255);
  EXPECT_EQ(conversions_double_to_uint8_clamp(300), 255);
  EXPECT_EQ(conversions_double_to_uint8_clamp(255), 255);
  EXPECT_EQ(conversions_double_to_uint8_clamp(254.5), 254); /* ties to even */
  EXPECT_EQ(conversions_double_to_uint8_clamp(253.5), 254);
  EXPECT_EQ(conversions_double_to_uint8_clamp(0.5), 0);
  EXPECT_EQ(conversions_double_to_uint8_clamp(1.5), 2);
  EXPECT_EQ(conversions_double_to_uint8_clamp(2.5), 2);
  EXPECT_EQ(conversions_double_to_uint8_clamp(2.5000000000000004), 3);
  EXPECT_EQ(conversions_double_to_uint8_clamp(0.49999999999999994), 0);
  EXPECT_EQ(conversions_double_to_uint8_clamp(5e-324), 0);
  EXPECT_EQ(conversions_double_to_uint8_clamp(254.99), 255);
}

TEST(numbers, integer_predicates) {
  EXPECT(conversions_to_integer_or_infinity(NAN) == 0 &&
         !signbit(conversions_to_integer_or_infinity(NAN)));
  EXPECT(!signbit(conversions_to_integer_or_infinity(-0.0)));
  EXPECT(!signbit(conversions_to_integer_or_infinity(-0.5)));
  EXPECT(conversions_to_integer_or_infinity(-0.5) == 0);
  EXPECT(conversions_to_integer_or_infinity(-1.5) == -1);
  EXPECT(conversions_to_integer_or_infinity(2.9) == 2);
  EXPECT(conversions_to_integer_or_infinity(-INFINITY) == -INFINITY);
  EXPECT(conversions_double_is_integer(0.0) && conversions_double_is_integer(-0.0));
  EXPECT(conversions_double_is_integer(1e300) && conversions_double_is_integer(-7));
  EXPECT(!conversions_double_is_integer(0.5) && !conversions_double_is_integer(NAN));
  EXPECT(!conversions_double_is_integer(INFINITY) && !conversions_double_is_integer(5e-324));
  int32_t i = 99;
  EXPECT(conversions_double_is_int32(-2147483648.0, &i) && i == INT32_MIN);
  EXPECT(conversions_double_is_int32(2147483647.0, &i) && i == INT32_MAX);
  EXPECT(conversions_double_is_int32(0.0, &i) && i == 0);
  EXPECT(!conversions_double_is_int32(-0.0, &i));
  EXPECT(!conversions_double_is_int32(2147483648.0, &i));
  EXPECT(!conversions_double_is_int32(-2147483649.0, &i));
  EXPECT(!conversions_double_is_int32(1.5, &i) && !conversions_double_is_int32(NAN, &i));
  uint32_t index = 99;
  EXPECT(conversions_double_to_array_index(0.0, &index) && index == 0);
  EXPECT(conversions_double_to_array_index(-0.0, &index) && index == 0);
  EXPECT(conversions_double_to_array_index(4294967294.0, &index) && index == 4294967294u);
  EXPECT(!conversions_double_to_array_index(4294967295.0, &index));
  EXPECT(!conversions_double_to_array_index(-1, &index));
  EXPECT(!conversions_double_to_array_index(1.5, &index));
  EXPECT(!conversions_double_to_array_index(NAN, &index));
  EXPECT(!conversions_double_to_array_index(INFINITY, &index));
}

TEST(numbers, int_to_chars) {
  char buf[kConversionsIntBufferSize];
  EXPECT(conversions_int32_to_chars(0, buf) == 1 && strcmp(buf, "0") == 0);
  EXPECT(conversions_int32_to_chars(-1, buf) == 2 && strcmp(buf, "-1") == 0);
  EXPECT(conversions_int32_to_chars(INT32_MIN, buf) == 11 && strcmp(buf, "-2147483648") == 0);
  EXPECT(conversions_int32_to_chars(INT32_MAX, buf) == 10 && strcmp(buf, "2147483647") == 0);
  EXPECT(conversions_uint32_to_chars(UINT32_MAX, buf) == 10 && strcmp(buf, "4294967295") == 0);
  rng_seed(3);
  for (int k = 0; k < 1000; k++) {
    int32_t n = (int32_t)(uint32_t)rng_next();
    char want[16];
    snprintf(want, sizeof want, "%d", n);
    EXPECT(conversions_int32_to_chars(n, buf) == (int)strlen(want) && strcmp(buf, want) == 0);
  }
}
