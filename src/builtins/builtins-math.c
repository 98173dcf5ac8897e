/*
 * builtins-math.c: the Math object (ES2025 21.3).
 *
 * The one-argument functions are a table of C functions applied after ToNumber (the C
 * library's results agree with the spec's special cases for these); the others are
 * written out. Math.random is xorshift128+ with its state in the realm's
 * math_random_state (a ByteArray), seeded from the isolate's random seed.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "numbers/conversions.h"

static double math_sign(double x) { return isnan(x) || x == 0 ? x : x > 0 ? 1 : -1; }
static double math_fround(double x) { return (double)(float)x; }

/* ES2025 21.3.2.28 Math.round ( x ): ties toward +Infinity, -0 for (-0.5, -0]. */
static double math_round(double x) {
  if (!isfinite(x) || x == trunc(x)) return x;
  if (x > 0 && x < 0.5) return 0.0;
  if (x < 0 && x >= -0.5) return -0.0;
  double r = floor(x);
  return x - r >= 0.5 ? r + 1 : r;
}

static double math_clz32(double x) {
  uint32_t n = conversions_double_to_uint32(x);
  return n == 0 ? 32 : __builtin_clz(n);
}

/* Math.f16round: round to the nearest IEEE binary16 (ties to even), as a double. */
static double math_f16round(double x) {
  if (isnan(x) || isinf(x) || x == 0) return x;
  double a = fabs(x);
  if (a >= 65520.0) return copysign(INFINITY, x); /* rounds past the largest half, 65504 */
  int e;
  frexp(a, &e);                     /* a = m * 2^e, m in [0.5, 1) */
  int exp = e - 1 < -14 ? -14 : e - 1;
  double quantum = ldexp(1.0, exp - 10);  /* spacing of halves near a */
  double q = a / quantum;
  double r = nearbyint(q);          /* default rounding mode: ties to even */
  return copysign(r * quantum, x);
}

/* V(Name, "name", C function of one double) */
#define MATH_UNARY_LIST(V)                                            \
  V(MathAbs, "abs", fabs) V(MathAcos, "acos", acos)                    \
  V(MathAcosh, "acosh", acosh) V(MathAsin, "asin", asin)               \
  V(MathAsinh, "asinh", asinh) V(MathAtan, "atan", atan)               \
  V(MathAtanh, "atanh", atanh) V(MathCbrt, "cbrt", cbrt)               \
  V(MathCeil, "ceil", ceil) V(MathClz32, "clz32", math_clz32)          \
  V(MathCos, "cos", cos) V(MathCosh, "cosh", cosh)                     \
  V(MathExp, "exp", exp) V(MathExpm1, "expm1", expm1)                  \
  V(MathFloor, "floor", floor) V(MathFround, "fround", math_fround)    \
  V(MathF16round, "f16round", math_f16round) V(MathLog, "log", log)    \
  V(MathLog1p, "log1p", log1p) V(MathLog10, "log10", log10)            \
  V(MathLog2, "log2", log2) V(MathRound, "round", math_round)          \
  V(MathSign, "sign", math_sign) V(MathSin, "sin", sin)                \
  V(MathSinh, "sinh", sinh) V(MathSqrt, "sqrt", sqrt)                  \
  V(MathTan, "tan", tan) V(MathTanh, "tanh", tanh)                     \
  V(MathTrunc, "trunc", trunc)

#define MATH_BUILTINS(V)            \
  V(MathAtan2, "atan2", 2)          \
  V(MathHypot, "hypot", 2)          \
  V(MathImul, "imul", 2)            \
  V(MathMax, "max", 2)              \
  V(MathMin, "min", 2)              \
  V(MathPow, "pow", 2)              \
  V(MathRandom, "random", 0)        \
  V(MathSumPrecise, "sumPrecise", 1)

#define MATH_UNARY_DEFINE(Name, key, fn)                                  \
  BUILTIN(Name) {                                                          \
    double x;                                                              \
    BUILTIN_CHECK(runtime_to_number_double(iso, BUILTIN_ARG(0), &x));      \
    return builtins_number(iso, fn(x));                                    \
  }
MATH_UNARY_LIST(MATH_UNARY_DEFINE)
#undef MATH_UNARY_DEFINE

MATH_BUILTINS(BUILTIN_DECLARE)

/* The arguments as doubles, every one converted (in order) before any is used. */
static bool math_numbers(Isolate *iso, BuiltinArgs *args, double *out, int n) {
  for (int i = 0; i < n; i++) {
    if (!runtime_to_number_double(iso, BUILTIN_ARG(i), &out[i])) return false;
  }
  return true;
}

BUILTIN(MathAtan2) {
  double v[2];
  BUILTIN_CHECK(math_numbers(iso, args, v, 2));
  return builtins_number(iso, atan2(v[0], v[1]));
}

/* ES2025 21.3.2.18 Math.hypot ( ...args ) */
BUILTIN(MathHypot) {
  double sum = 0, largest = 0;
  bool inf = false, nan = false;
  double values[64];
  double *v = args->argc <= 64 ? values : malloc(sizeof(double) * (size_t)args->argc);
  if (v == NULL) return builtins_throw_range_error(iso, "out of memory");
  bool ok = math_numbers(iso, args, v, args->argc);
  for (int i = 0; ok && i < args->argc; i++) {
    inf |= isinf(v[i]);
    nan |= isnan(v[i]);
    if (fabs(v[i]) > largest) largest = fabs(v[i]);
  }
  for (int i = 0; ok && !inf && !nan && largest > 0 && i < args->argc; i++) {
    double r = v[i] / largest;
    sum += r * r;
  }
  if (v != values) free(v);
  BUILTIN_CHECK(ok);
  if (inf) return builtins_number(iso, INFINITY);
  if (nan) return builtins_number(iso, NAN);
  return builtins_number(iso, largest == 0 ? 0 : largest * sqrt(sum));
}

BUILTIN(MathImul) {
  uint32_t a, b;
  BUILTIN_CHECK(runtime_to_uint32(iso, BUILTIN_ARG(0), &a));
  BUILTIN_CHECK(runtime_to_uint32(iso, BUILTIN_ARG(1), &b));
  return builtins_number(iso, (double)(int32_t)(a * b));
}

/* Math.max / Math.min (21.3.2.24-25): all coerced first; NaN wins; +0 > -0. */
static Handle math_extreme(Isolate *iso, BuiltinArgs *args, bool max) {
  double result = max ? -INFINITY : INFINITY;
  bool nan = false;
  for (int i = 0; i < args->argc; i++) {
    double x;
    BUILTIN_CHECK(runtime_to_number_double(iso, BUILTIN_ARG(i), &x));
    if (isnan(x)) nan = true;
    if (nan) continue;
    if (max ? (x > result || (x == 0 && result == 0 && !signbit(x)))
            : (x < result || (x == 0 && result == 0 && signbit(x)))) {
      result = x;
    }
  }
  return builtins_number(iso, nan ? NAN : result);
}
BUILTIN(MathMax) { return math_extreme(iso, args, true); }
BUILTIN(MathMin) { return math_extreme(iso, args, false); }

/* ES2025 6.1.6.1.3 Number::exponentiate: where it differs from C's pow. */
static double math_pow(double base, double exponent) {
  if (isnan(exponent)) return NAN;
  if (exponent == 0) return 1;
  if (isnan(base)) return NAN;
  if (fabs(base) == 1 && isinf(exponent)) return NAN;
  return pow(base, exponent);
}

BUILTIN(MathPow) {
  double v[2];
  BUILTIN_CHECK(math_numbers(iso, args, v, 2));
  return builtins_number(iso, math_pow(v[0], v[1]));
}

/* splitmix64: turns the isolate seed into xorshift128+'s two words. */
static uint64_t math_splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* ES2025 21.3.2.27 Math.random ( ): xorshift128+, 53 random bits in [0, 1). */
BUILTIN(MathRandom) {
  Handle realm = builtins_realm(iso, args);
  Tagged state = context_get(H(realm), NATIVE_CONTEXT_math_random_state);
  uint64_t s[2];
  memcpy(s, byte_array_data(state), sizeof s);
  uint64_t s1 = s[0], s0 = s[1];
  s[0] = s0;
  s1 ^= s1 << 23;
  s[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
  memcpy(byte_array_data(state), s, sizeof s);
  uint64_t bits = (s[1] + s0) >> 11;
  return builtins_number(iso, (double)bits / 9007199254740992.0);
}

static const BuiltinSpec kMathBuiltins[] = {
#define MATH_UNARY_SPEC(Name, key, fn) {key, Builtin_##Name, 1},
    MATH_UNARY_LIST(MATH_UNARY_SPEC)
#undef MATH_UNARY_SPEC
    MATH_BUILTINS(BUILTIN_SPEC)};

static bool math_install_constants(Isolate *iso, Handle math) {
  static const struct { const char *name; double value; } kConstants[] = {
      {"E", 2.718281828459045}, {"LN10", 2.302585092994046}, {"LN2", 0.6931471805599453},
      {"LOG10E", 0.4342944819032518}, {"LOG2E", 1.4426950408889634},
      {"PI", 3.141592653589793}, {"SQRT1_2", 0.7071067811865476},
      {"SQRT2", 1.4142135623730951},
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kConstants); i++) {
    Handle v = builtins_number(iso, kConstants[i].value);
    if (handle_is_null(v) ||
        !builtins_define_value(iso, math, kConstants[i].name, v, READ_ONLY | DONT_ENUM | DONT_DELETE)) {
      return false;
    }
  }
  return true;
}

/* ---- Math.sumPrecise (ES2026 21.3.2.34) --------------------------------------------- */

/* The exact sum of finite doubles, as an integer count of 2^-1074 (the smallest subnormal):
 * every double is m * 2^e with e >= -1074, so each addend is exact. */
typedef struct {
  mpz_t sum, term;
} MathExactSum;

static void math_exact_add(MathExactSum *acc, double x) {
  int e;
  double m = frexp(x, &e);                   /* x = m * 2^e, 0.5 <= |m| < 1 */
  int64_t mant = (int64_t)ldexp(m, 53);      /* x = mant * 2^(e - 53), exact */
  int shift = e - 53 + 1074;
  mpz_set_si(acc->term, mant);
  if (shift >= 0) {
    mpz_mul_2exp(acc->term, acc->term, (mp_bitcnt_t)shift);
  } else {
    mpz_tdiv_q_2exp(acc->term, acc->term, (mp_bitcnt_t)-shift); /* subnormal: low bits are 0 */
  }
  mpz_add(acc->sum, acc->sum, acc->term);
}

/* F(sum * 2^-1074): rounded to nearest, ties to even (overflowing to +-Infinity). */
static double math_exact_to_double(MathExactSum *acc) {
  int sign = mpz_sgn(acc->sum);
  if (sign == 0) return 0.0;
  mpz_abs(acc->sum, acc->sum);
  size_t bits = mpz_sizeinbase(acc->sum, 2);
  if (bits <= 53) return sign * ldexp((double)mpz_get_ui(acc->sum), -1074);
  mp_bitcnt_t shift = bits - 53;
  mpz_tdiv_q_2exp(acc->term, acc->sum, shift);          /* the top 53 bits */
  uint64_t q = mpz_get_ui(acc->term);
  bool odd = q & 1, above_half = false, half = mpz_tstbit(acc->sum, shift - 1);
  if (half) above_half = mpz_scan1(acc->sum, 0) < shift - 1;
  if (half && (above_half || odd)) q++;
  return sign * ldexp((double)q, (int)shift - 1074);
}

/* What the values seen so far add up to, before the finite part (the spec's state). */
typedef enum { SUM_MINUS_ZERO, SUM_FINITE, SUM_PLUS_INF, SUM_MINUS_INF, SUM_NAN } MathSumState;

static MathSumState math_sum_state_add(MathSumState state, double n, MathExactSum *acc) {
  if (state == SUM_NAN) return state;
  if (isnan(n)) return SUM_NAN;
  if (isinf(n)) {
    MathSumState inf = n > 0 ? SUM_PLUS_INF : SUM_MINUS_INF;
    bool opposite = (state == SUM_PLUS_INF || state == SUM_MINUS_INF) && state != inf;
    return opposite ? SUM_NAN : inf;
  }
  if (n == 0 && signbit(n)) return state;
  if (state == SUM_MINUS_ZERO || state == SUM_FINITE) {
    if (n != 0) math_exact_add(acc, n);
    return SUM_FINITE;
  }
  return state;
}

/* Steps 2-6: iterates items; every value must be a Number (else TypeError, closing the
 * iterator). Calls user code. */
static bool math_sum_iterate(Isolate *iso, Handle items, MathExactSum *acc, MathSumState *state) {
  IteratorRecord rec;
  if (!runtime_get_iterator(iso, items, &rec)) return false;
  for (double count = 0;; count++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle value = runtime_iterator_step_value(iso, &rec, &done);
    bool ok = !handle_is_null(value);
    if (ok && !done && count + 1 >= 9007199254740992.0) {
      builtins_throw_range_error(iso, "Math.sumPrecise: too many values");
      ok = runtime_iterator_close(iso, &rec, true);
    } else if (ok && !done && !is_number(H(value))) {
      builtins_throw_type_error(iso, "Math.sumPrecise: a value is not a Number");
      ok = runtime_iterator_close(iso, &rec, true);
    } else if (ok && !done) {
      *state = math_sum_state_add(*state, runtime_number_value(H(value)), acc);
    }
    handle_scope_close(&scope);
    if (!ok) return false;
    if (done) return true;
  }
}

/* ES2026 21.3.2.34 Math.sumPrecise ( items ): the sum of the values computed exactly (a GMP
 * integer) and rounded once. */
BUILTIN(MathSumPrecise) {
  Handle items = BUILTIN_ARG(0);
  if (is_undefined(iso, H(items)) || is_null(iso, H(items))) {
    return builtins_throw_type_error(iso, "Math.sumPrecise called on null or undefined");
  }
  MathExactSum acc;
  mpz_init(acc.sum);
  mpz_init(acc.term);
  MathSumState state = SUM_MINUS_ZERO;
  bool ok = math_sum_iterate(iso, items, &acc, &state);
  double result = state == SUM_NAN        ? NAN
                  : state == SUM_PLUS_INF  ? INFINITY
                  : state == SUM_MINUS_INF ? -INFINITY
                  : state == SUM_MINUS_ZERO ? -0.0
                                            : math_exact_to_double(&acc);
  mpz_clear(acc.sum);
  mpz_clear(acc.term);
  BUILTIN_CHECK(ok);
  return builtins_number(iso, result);
}

static bool math_seed(Isolate *iso, Handle nc) {
  Handle state = factory_new_byte_array(iso, 16);
  if (handle_is_null(state)) return false;
  uint64_t x = iso->hash_seed ^ (uint64_t)H(nc), s[2];
  s[0] = math_splitmix(&x);
  s[1] = math_splitmix(&x);
  if ((s[0] | s[1]) == 0) s[1] = 1;
  memcpy(byte_array_data(H(state)), s, sizeof s);
  context_set(H(nc), NATIVE_CONTEXT_math_random_state, H(state));
  return true;
}

bool builtins_install_math(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle math = builtins_new_object_with_proto(iso, nc, object_proto);
  Handle tag = handle_is_null(math) ? math : builtins_string(iso, "Math");
  Handle global = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_global_object);
  return !handle_is_null(tag) && math_seed(iso, nc) && math_install_constants(iso, math) &&
         builtins_install_methods(iso, nc, math, kMathBuiltins, KILN_ARRAY_SIZE(kMathBuiltins)) &&
         builtins_define_value(iso, math, "@@toStringTag", tag, READ_ONLY | DONT_ENUM) &&
         builtins_define_value(iso, global, "Math", math, DONT_ENUM);
}
