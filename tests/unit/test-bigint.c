/* test-bigint.c: BigInt values (objects/bigint.c) against GMP's mpz as the reference:
 * every operation on random operands of many shapes (zero, one limb, all-ones limbs, powers
 * of two, long values whose scratch goes to the heap), canonical form of every result,
 * conversions (double rounding, strings in every radix), and the RangeErrors. */
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heap/heap.h"
#include "objects/bigint.h"
#include "objects/string.h"
#include "test.h"

/* ---- helpers ------------------------------------------------------------------------ */

static uint64_t rng_state = 0x243f6a8885a308d3u;
static uint64_t rnd(void) { /* xorshift64* */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545f4914f6cdd1du;
}

/* A random value of up to max_limbs limbs, in one of several shapes. */
static void random_mpz(mpz_t z, int max_limbs) {
  int n = (int)(rnd() % (uint64_t)(max_limbs + 1));
  int shape = (int)(rnd() % 6);
  mpz_set_ui(z, 0);
  for (int i = 0; i < n; i++) {
    uint64_t limb = shape == 0 ? ~UINT64_C(0) : shape == 1 ? (i == n - 1 ? 1 : 0)
                    : shape == 2 ? rnd() % 3 : rnd();
    mpz_mul_2exp(z, z, 64);
    mpz_add_ui(z, z, limb);
  }
  if (shape == 3) mpz_sub_ui(z, z, 1);
  if (rnd() & 1) mpz_neg(z, z);
}

/* A heap BigInt with z's value (built from its hex digits). */
static Handle from_mpz(Isolate *iso, const mpz_t z) {
  char *hex = mpz_get_str(NULL, 16, z);
  bool negative = hex[0] == '-';
  const char *digits = hex + negative;
  Handle h = bigint_from_digits(iso, digits, strlen(digits), 16, negative);
  free(hex);
  return h;
}

/* b is canonical and equals z exactly, limb by limb. */
static bool equals_mpz(Tagged b, const mpz_t z) {
  if (!is_bigint(b)) return false;
  size_t n = mpz_size(z);
  if ((size_t)bigint_length(b) != n) return false;
  if (bigint_is_negative(b) != (mpz_sgn(z) < 0)) return false;
  if (n > 0 && bigint_limbs(b)[n - 1] == 0) return false;
  for (size_t i = 0; i < n; i++) {
    if (bigint_limbs(b)[i] != mpz_getlimbn(z, (mp_size_t)i)) return false;
  }
  return true;
}

static bool string_is(Isolate *iso, Tagged s, const char *expected) {
  size_t len;
  char *out = string_to_utf8(iso, s, &len);
  bool ok = out != NULL && len == strlen(expected) && memcmp(out, expected, len) == 0;
  free(out);
  return ok;
}

static Handle str(Isolate *iso, const char *s) { return string_new_utf8(iso, s, strlen(s)); }

/* The pending exception is a RangeError (cleared). */
static bool took_range_error(Isolate *iso) {
  if (!isolate_has_pending_exception(iso)) return false;
  isolate_clear_pending_exception(iso);
  return true;
}

/* ---- arithmetic against mpz ------------------------------------------------------------ */

typedef Handle (*BinaryFn)(Isolate *, Handle, Handle);
typedef enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_REM, OP_AND, OP_OR, OP_XOR, OP_COUNT } Op;

static void reference(Op op, mpz_t r, const mpz_t x, const mpz_t y) {
  switch (op) {
    case OP_ADD: mpz_add(r, x, y); break;
    case OP_SUB: mpz_sub(r, x, y); break;
    case OP_MUL: mpz_mul(r, x, y); break;
    case OP_DIV: mpz_tdiv_q(r, x, y); break;
    case OP_REM: mpz_tdiv_r(r, x, y); break;
    case OP_AND: mpz_and(r, x, y); break;   /* mpz's logic ops are two's complement too */
    case OP_OR: mpz_ior(r, x, y); break;
    case OP_XOR: mpz_xor(r, x, y); break;
    default: break;
  }
}

static const BinaryFn kOps[OP_COUNT] = {bigint_add, bigint_subtract, bigint_multiply,
                                        bigint_divide, bigint_remainder, bigint_bitwise_and,
                                        bigint_bitwise_or, bigint_bitwise_xor};

/* count random pairs of up to max_limbs limbs through every binary operator. */
static bool check_binary_ops(Isolate *iso, int count, int max_limbs) {
  mpz_t x, y, r;
  mpz_inits(x, y, r, NULL);
  bool ok = true;
  for (int i = 0; i < count && ok; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    random_mpz(x, max_limbs);
    random_mpz(y, max_limbs);
    Handle hx = from_mpz(iso, x), hy = from_mpz(iso, y);
    ok = equals_mpz(H(hx), x) && equals_mpz(H(hy), y);
    for (int op = 0; op < OP_COUNT && ok; op++) {
      if ((op == OP_DIV || op == OP_REM) && mpz_sgn(y) == 0) continue;
      reference((Op)op, r, x, y);
      Handle got = kOps[op](iso, hx, hy);
      ok = !handle_is_null(got) && equals_mpz(H(got), r);
      if (!ok) {
        fprintf(stderr, "op %d on %zu- and %zu-limb operands is wrong\n", op, mpz_size(x),
                mpz_size(y));
      }
    }
    int c = bigint_compare(H(hx), H(hy)), rc = mpz_cmp(x, y);
    ok = ok && c == (rc > 0) - (rc < 0) && bigint_equals(H(hx), H(hy)) == (rc == 0);
    handle_scope_close(&scope);
  }
  mpz_clears(x, y, r, NULL);
  return ok;
}

TEST(bigint, binary_operators_match_gmp_on_small_values) {
  EXPECT(check_binary_ops(test_isolate(), test_scale(3000), 4));
}

TEST(bigint, binary_operators_match_gmp_on_long_values) {
  /* over 64 limbs: scratch space comes from a heap ByteArray */
  EXPECT(check_binary_ops(test_isolate(), test_scale(200), 150));
}

TEST(bigint, unary_shift_and_exponent_match_gmp) {
  Isolate *iso = test_isolate();
  mpz_t x, r, t;
  mpz_inits(x, r, t, NULL);
  for (int i = 0; i < test_scale(2000); i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    random_mpz(x, 5);
    Handle hx = from_mpz(iso, x);
    mpz_neg(r, x);
    EXPECT(equals_mpz(H(bigint_negate(iso, hx)), r));
    mpz_com(r, x);
    EXPECT(equals_mpz(H(bigint_bitwise_not(iso, hx)), r));
    uint64_t n = rnd() % 300;
    Handle hn = bigint_from_int64(iso, (int64_t)n), hmn = bigint_from_int64(iso, -(int64_t)n);
    mpz_mul_2exp(r, x, n);
    EXPECT(equals_mpz(H(bigint_shift_left(iso, hx, hn)), r));
    EXPECT(equals_mpz(H(bigint_shift_right(iso, hx, hmn)), r));
    mpz_fdiv_q_2exp(r, x, n); /* >> rounds toward -infinity */
    EXPECT(equals_mpz(H(bigint_shift_right(iso, hx, hn)), r));
    EXPECT(equals_mpz(H(bigint_shift_left(iso, hx, hmn)), r));
    unsigned long e = (unsigned long)(rnd() % 12);
    mpz_pow_ui(r, x, e);
    EXPECT(equals_mpz(H(bigint_exponentiate(iso, hx, bigint_from_int64(iso, (int64_t)e))), r));
    handle_scope_close(&scope);
  }
  mpz_clears(x, r, t, NULL);
}

/* asUintN: x mod 2^bits; asIntN: that, minus 2^bits when bit (bits - 1) is set. */
TEST(bigint, as_int_n_and_as_uint_n_match_gmp) {
  Isolate *iso = test_isolate();
  mpz_t x, r, p;
  mpz_inits(x, r, p, NULL);
  for (int i = 0; i < test_scale(3000); i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    random_mpz(x, 4);
    uint64_t bits = rnd() % 300;
    if (i % 7 == 0) bits = 64 * (rnd() % 5);
    Handle hx = from_mpz(iso, x);
    mpz_fdiv_r_2exp(r, x, bits);
    EXPECT(equals_mpz(H(bigint_as_uint_n(iso, bits, hx)), r));
    if (bits > 0 && mpz_tstbit(r, bits - 1)) {
      mpz_set_ui(p, 1);
      mpz_mul_2exp(p, p, bits);
      mpz_sub(r, r, p);
    }
    EXPECT(equals_mpz(H(bigint_as_int_n(iso, bits, hx)), r));
    handle_scope_close(&scope);
  }
  HandleScope scope;
  handle_scope_open(iso, &scope);
  /* asIntN's edges: -2^(bits-1) stays, 2^(bits-1) wraps */
  mpz_set_si(x, -128);
  EXPECT(equals_mpz(H(bigint_as_int_n(iso, 8, from_mpz(iso, x))), x));
  mpz_set_ui(x, 128);
  mpz_set_si(r, -128);
  EXPECT(equals_mpz(H(bigint_as_int_n(iso, 8, from_mpz(iso, x))), r));
  /* huge bit counts: x unchanged, except a negative asUintN, which would be too big */
  mpz_set_si(x, -5);
  Handle hx = from_mpz(iso, x);
  EXPECT(H(bigint_as_int_n(iso, (UINT64_C(1) << 53) - 1, hx)) == H(hx));
  EXPECT(handle_is_null(bigint_as_uint_n(iso, (UINT64_C(1) << 53) - 1, hx)));
  EXPECT(took_range_error(iso));
  handle_scope_close(&scope);
  mpz_clears(x, r, p, NULL);
}

/* ---- conversions ----------------------------------------------------------------------- */

TEST(bigint, to_string_and_parsing_in_every_radix) {
  Isolate *iso = test_isolate();
  mpz_t x, y;
  mpz_inits(x, y, NULL);
  for (int i = 0; i < test_scale(1500); i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    random_mpz(x, i % 50 == 0 ? 100 : 4);
    int radix = 2 + (int)(rnd() % 35);
    Handle hx = from_mpz(iso, x);
    char *expected = mpz_get_str(NULL, radix, x);
    Handle s = bigint_to_string(iso, hx, radix);
    EXPECT(!handle_is_null(s) && string_is(iso, H(s), expected));
    /* digits back (without the sign) */
    const char *digits = expected + (expected[0] == '-');
    Handle back = bigint_from_digits(iso, digits, strlen(digits), radix, expected[0] == '-');
    EXPECT(equals_mpz(H(back), x));
    free(expected);
    /* StringToBigInt of the decimal form, with whitespace */
    char *dec = mpz_get_str(NULL, 10, x);
    char *padded = malloc(strlen(dec) + 8);
    sprintf(padded, " \n\t%s \r", dec);
    Handle parsed = bigint_from_string(iso, str(iso, padded));
    EXPECT(equals_mpz(H(parsed), x));
    free(dec);
    free(padded);
    handle_scope_close(&scope);
  }
  mpz_clears(x, y, NULL);
}

TEST(bigint, string_to_bigint_syntax) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  static const struct { const char *text; int64_t value; } kGood[] = {
      {"", 0}, {"   ", 0}, {"0", 0}, {"-0", 0}, {"+12", 12}, {"-12", -12}, {"0x1F", 31},
      {"0X1f", 31}, {"0o17", 15}, {"0O17", 15}, {"0b101", 5}, {"0B101", 5}, {"007", 7},
      {"\xc2\xa0 42\xe2\x80\xa8", 42}, /* NBSP and LINE SEPARATOR are whitespace */
  };
  for (size_t i = 0; i < sizeof kGood / sizeof kGood[0]; i++) {
    Handle b = bigint_from_string(iso, str(iso, kGood[i].text));
    EXPECT(is_bigint(H(b)));
    EXPECT_EQ(bigint_to_int64(H(b)), kGood[i].value);
    EXPECT(kGood[i].value != 0 || bigint_length(H(b)) == 0);
  }
  static const char *const kBad[] = {"1n", "1.5", "1e3", "-0x1", "0x", "0b2", "0o8", "+", "-",
                                     "1_000", "Infinity", "0xg", "12a", "- 1", "1 2"};
  for (size_t i = 0; i < sizeof kBad / sizeof kBad[0]; i++) {
    Handle b = bigint_from_string(iso, str(iso, kBad[i]));
    EXPECT(!handle_is_null(b) && is_undefined(iso, H(b)));
  }
  handle_scope_close(&scope);
}

/* Number(bigint) rounds to nearest, ties to even: the reference is strtod of the decimal
 * digits (glibc's strtod rounds correctly). */
TEST(bigint, to_double_rounds_half_to_even) {
  Isolate *iso = test_isolate();
  mpz_t x;
  mpz_init(x);
  for (int i = 0; i < test_scale(3000); i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    random_mpz(x, 17);
    if (i % 3 == 0) { /* ties: 2^k * (odd 54-bit number) */
      mpz_set_ui(x, (rnd() >> 10) | 1 | (UINT64_C(1) << 53));
      mpz_mul_2exp(x, x, rnd() % 900);
    }
    char *dec = mpz_get_str(NULL, 10, x);
    double expected = strtod(dec, NULL);
    free(dec);
    double got = bigint_to_double(H(from_mpz(iso, x)));
    EXPECT(got == expected || (isinf(got) && isinf(expected) && signbit(got) == signbit(expected)));
    handle_scope_close(&scope);
  }
  mpz_clear(x);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle b = bigint_from_string(iso, str(iso, "9007199254740993")); /* 2^53 + 1: a tie */
  EXPECT(bigint_to_double(H(b)) == 9007199254740992.0);
  b = bigint_from_string(iso, str(iso, "9007199254740995")); /* 2^53 + 3: up to even */
  EXPECT(bigint_to_double(H(b)) == 9007199254740996.0);
  handle_scope_close(&scope);
}

TEST(bigint, from_double_and_compare_to_double_are_exact) {
  Isolate *iso = test_isolate();
  mpz_t x, d;
  mpz_inits(x, d, NULL);
  for (int i = 0; i < test_scale(3000); i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    double v = ldexp((double)(rnd() >> 11), (int)(rnd() % 1000) - 60);
    if (rnd() & 1) v = -v;
    if (trunc(v) == v) {
      mpz_set_d(d, v);
      EXPECT(equals_mpz(H(bigint_from_double(iso, v)), d));
    }
    random_mpz(x, 17);
    if (i % 4 == 0) mpz_set_d(x, trunc(v)); /* equal or off by the fraction */
    int c = bigint_compare_to_double(H(from_mpz(iso, x)), v);
    int rc = mpz_cmp_d(x, v); /* exact, fractions included */
    EXPECT_EQ(c, (rc > 0) - (rc < 0));
    handle_scope_close(&scope);
  }
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle big = bigint_from_string(iso, str(iso, "-12345678901234567890123"));
  EXPECT_EQ(bigint_compare_to_double(H(big), NAN), kBigIntCompareUndefined);
  EXPECT_EQ(bigint_compare_to_double(H(big), INFINITY), -1);
  EXPECT_EQ(bigint_compare_to_double(H(big), -INFINITY), 1);
  EXPECT_EQ(bigint_compare_to_double(H(bigint_zero(iso)), -0.0), 0);
  EXPECT_EQ(bigint_compare_to_double(H(bigint_zero(iso)), 0.5), -1);
  EXPECT_EQ(bigint_compare_to_double(H(bigint_from_int64(iso, 1)), 0.5), 1);
  handle_scope_close(&scope);
  mpz_clears(x, d, NULL);
}

TEST(bigint, int64_wrapping_and_hashes) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  static const int64_t kValues[] = {0, 1, -1, INT64_MAX, INT64_MIN, 42, -42};
  for (size_t i = 0; i < sizeof kValues / sizeof kValues[0]; i++) {
    Handle b = bigint_from_int64(iso, kValues[i]);
    EXPECT_EQ(bigint_to_int64(H(b)), kValues[i]);
    EXPECT_EQ(bigint_to_uint64(H(b)), (uint64_t)kValues[i]);
  }
  Handle u = bigint_from_uint64(iso, UINT64_MAX);
  EXPECT_EQ(bigint_to_uint64(H(u)), UINT64_MAX);
  EXPECT_EQ(bigint_to_int64(H(u)), -1);
  /* 2^64 + 5 and -(2^64 + 5) wrap to 5 and -5 */
  Handle b = bigint_from_string(iso, str(iso, "18446744073709551621"));
  EXPECT_EQ(bigint_to_int64(H(b)), 5);
  EXPECT_EQ(bigint_to_int64(H(bigint_negate(iso, b))), -5);
  Handle b2 = bigint_from_string(iso, str(iso, "0x10000000000000005"));
  EXPECT(bigint_hash(H(b)) == bigint_hash(H(b2)));
  EXPECT(bigint_hash(H(b)) != bigint_hash(H(bigint_negate(iso, b))));
  handle_scope_close(&scope);
}

/* ---- limits and errors ------------------------------------------------------------------- */

TEST(bigint, range_errors) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle one = bigint_from_int64(iso, 1), zero = bigint_zero(iso);
  Handle two = bigint_from_int64(iso, 2), minus = bigint_from_int64(iso, -1);
  EXPECT(handle_is_null(bigint_divide(iso, one, zero)) && took_range_error(iso));
  EXPECT(handle_is_null(bigint_remainder(iso, one, zero)) && took_range_error(iso));
  EXPECT(handle_is_null(bigint_exponentiate(iso, two, minus)) && took_range_error(iso));
  Handle max_bits = bigint_from_int64(iso, kBigIntMaxBits);
  EXPECT(handle_is_null(bigint_shift_left(iso, one, max_bits)) && took_range_error(iso));
  EXPECT(handle_is_null(bigint_exponentiate(iso, two, max_bits)) && took_range_error(iso));
  Handle huge = bigint_shift_left(iso, one, bigint_from_int64(iso, 200));
  EXPECT(handle_is_null(bigint_shift_left(iso, one, huge)) && took_range_error(iso));
  /* shifting right by anything huge gives 0n or -1n; 0n << huge is 0n */
  EXPECT(bigint_is_zero(H(bigint_shift_right(iso, one, huge))));
  EXPECT_EQ(bigint_to_int64(H(bigint_shift_right(iso, minus, huge))), -1);
  EXPECT(bigint_is_zero(H(bigint_shift_left(iso, zero, huge))));
  /* the largest allowed value: 2^(2^30 - 1) */
  Handle top = bigint_shift_left(iso, one, bigint_from_int64(iso, kBigIntMaxBits - 1));
  EXPECT(!handle_is_null(top) && bigint_bit_length(H(top)) == kBigIntMaxBits);
  EXPECT(handle_is_null(bigint_add(iso, top, top)) && took_range_error(iso));
  EXPECT(!isolate_has_pending_exception(iso));
  handle_scope_close(&scope);
}

/* Results in large-object chunks (over 128 KiB) shrink in place, and the heap stays
 * iterable (--verify-heap checks it). */
TEST(bigint, large_values_are_trimmed_in_place) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  mpz_t x, y, r;
  mpz_inits(x, y, r, NULL);
  mpz_set_ui(x, 1);
  mpz_mul_2exp(x, x, 64 * 12000); /* 12001 limbs */
  mpz_set_ui(y, 3);
  mpz_mul(r, x, y);
  Handle hx = from_mpz(iso, x), hy = from_mpz(iso, y);
  Handle p = bigint_multiply(iso, hx, hy); /* allocated 12002 limbs, 12001 used */
  EXPECT(equals_mpz(H(p), r));
  mpz_sub(r, r, x);
  Handle s = bigint_subtract(iso, p, hx);
  EXPECT(equals_mpz(H(s), r));
  Handle q = bigint_divide(iso, p, hx);
  EXPECT_EQ(bigint_to_int64(H(q)), 3);
  heap_collect_full(&iso->heap);
  mpz_mul(r, x, y);
  EXPECT(equals_mpz(H(p), r));
  mpz_clears(x, y, r, NULL);
  handle_scope_close(&scope);
}
