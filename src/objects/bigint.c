/*
 * bigint.c: BigInt arithmetic on heap limbs with GMP's mpn layer. See bigint.h for the
 * layout and the rule every function here follows: allocate the result and the scratch
 * space first, then take raw limb pointers and call mpn_*, with no allocation in between.
 *
 * Results are allocated at their largest possible length and then normalized in place by
 * bigint_finish, which drops leading zero limbs and turns the freed tail into a filler.
 */
#include "objects/bigint.h"

#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heap/factory.h"
#include "heap/heap.h"
#include "numbers/conversions.h"
#include "objects/string.h"

typedef mp_limb_t Limb;
_Static_assert(sizeof(Limb) == 8 && GMP_NUMB_BITS == 64, "Kiln's BigInt limbs are GMP's");

static Limb *limbs(Tagged b) { return (Limb *)bigint_limbs(b); }
static int64_t len(Handle h) { return bigint_length(H(h)); }
static bool neg(Handle h) { return bigint_is_negative(H(h)); }

static Handle bigint_throw_too_big(Isolate *iso) {
  isolate_throw_error(iso, kError_RANGE_ERROR, "Maximum BigInt size exceeded");
  return HANDLE_NULL;
}

/* ---- Allocation and normalization ------------------------------------------------------ */

/* A BigInt of `length` limbs, left uninitialised, sign 0. Intermediate lengths may exceed
 * kBigIntMaxLength by a few limbs (bigint_finish checks the real size). May allocate. */
static Handle bigint_allocate(Isolate *iso, int64_t length) {
  if (length > kBigIntMaxLength + 2) return bigint_throw_too_big(iso);
  size_t size = BigInt_kHeaderSize + (size_t)length * sizeof(Limb);
  Handle h = factory_new_raw(iso, size, ROOT(iso, bigint_map), ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  bigint_set_length(H(h), length);
  bigint_set_sign(H(h), 0);
  return h;
}

/* Makes h canonical: leading zero limbs dropped (the object shrinks in place; the freed
 * tail becomes a filler, except in a large object's chunk, which holds nothing else), the
 * sign set unless the value is 0. RangeError past kBigIntMaxBits. Never allocates. */
static Handle bigint_finish(Isolate *iso, Handle h, bool negative) {
  Tagged b = H(h);
  int64_t old_length = bigint_length(b), n = old_length;
  const Limb *d = limbs(b);
  while (n > 0 && d[n - 1] == 0) n--;
  if (n != old_length) {
    uintptr_t end = heap_object_address(b) + BigInt_kHeaderSize + (size_t)n * sizeof(Limb);
    if (!(page_of(heap_object_address(b))->flags & PAGE_LARGE)) {
      heap_create_filler(&iso->heap, end, (size_t)(old_length - n) * sizeof(Limb));
    }
    bigint_set_length(b, n);
  }
  bigint_set_sign(b, n != 0 && negative);
  if (bigint_bit_length(b) > kBigIntMaxBits) return bigint_throw_too_big(iso);
  return h;
}

/* Scratch limbs: on the C stack when few, else in a heap ByteArray. scratch_reserve may
 * allocate, so it comes before any limb pointer is taken; scratch_limbs does not. */
enum { kStackScratchLimbs = 64 };
typedef struct {
  Limb stack[kStackScratchLimbs];
  Handle heap;
} Scratch;

static bool scratch_reserve(Isolate *iso, Scratch *s, int64_t n) {
  s->heap = HANDLE_NULL;
  if (n <= kStackScratchLimbs) return true;
  s->heap = factory_new_byte_array(iso, n * (int64_t)sizeof(Limb));
  return !handle_is_null(s->heap);
}

static Limb *scratch_limbs(Scratch *s) {
  return handle_is_null(s->heap) ? s->stack : (Limb *)byte_array_data(H(s->heap));
}

/* A new BigInt with x's magnitude and the given sign; x itself when the sign is x's. */
static Handle bigint_with_sign(Isolate *iso, Handle x, bool negative) {
  if (bigint_is_zero(H(x)) || neg(x) == negative) return x;
  Handle r = bigint_allocate(iso, len(x));
  if (handle_is_null(r)) return r;
  memcpy(limbs(H(r)), limbs(H(x)), (size_t)len(x) * sizeof(Limb));
  return bigint_finish(iso, r, negative);
}

/* ---- Shape ----------------------------------------------------------------------------- */

int64_t bigint_bit_length(Tagged b) {
  int64_t n = bigint_length(b);
  if (n == 0) return 0;
  return n * 64 - __builtin_clzll(limbs(b)[n - 1]);
}

/* -1, 0, 1 comparing magnitudes {a, an} and {b, bn} (canonical: no leading zeros). */
static int mag_compare(const Limb *a, int64_t an, const Limb *b, int64_t bn) {
  if (an != bn) return an < bn ? -1 : 1;
  int c = an == 0 ? 0 : mpn_cmp(a, b, an);
  return c < 0 ? -1 : c > 0;
}

/* ---- Making BigInts -------------------------------------------------------------------- */

Handle bigint_zero(Isolate *iso) { return bigint_allocate(iso, 0); }

static Handle bigint_from_magnitude(Isolate *iso, uint64_t magnitude, bool negative) {
  if (magnitude == 0) return bigint_zero(iso);
  Handle r = bigint_allocate(iso, 1);
  if (handle_is_null(r)) return r;
  limbs(H(r))[0] = magnitude;
  return bigint_finish(iso, r, negative);
}

Handle bigint_from_int64(Isolate *iso, int64_t value) {
  uint64_t magnitude = value < 0 ? -(uint64_t)value : (uint64_t)value;
  return bigint_from_magnitude(iso, magnitude, value < 0);
}

Handle bigint_from_uint64(Isolate *iso, uint64_t value) {
  return bigint_from_magnitude(iso, value, false);
}

/* Splits a finite |d| >= 1 into a 53-bit integer mantissa and a binary exponent:
 * |d| = mantissa * 2^shift. */
static uint64_t double_mantissa(double d, int *shift) {
  int e;
  double m = frexp(fabs(d), &e); /* |d| = m * 2^e, 0.5 <= m < 1 */
  *shift = e - 53;
  return (uint64_t)ldexp(m, 53);
}

/* The integer mantissa * 2^shift (shift > 0) into n zeroed limbs. */
static void place_mantissa(Limb *out, uint64_t mantissa, int shift) {
  int li = shift / 64, bi = shift % 64;
  out[li] |= mantissa << bi;
  if (bi != 0) out[li + 1] |= mantissa >> (64 - bi);
}

Handle bigint_from_double(Isolate *iso, double value) {
  DCHECK(isfinite(value) && trunc(value) == value);
  if (value == 0) return bigint_zero(iso);
  int shift;
  uint64_t mantissa = double_mantissa(value, &shift);
  if (shift <= 0) return bigint_from_magnitude(iso, mantissa >> -shift, value < 0);
  int64_t n = (shift + 53 + 63) / 64;
  Handle r = bigint_allocate(iso, n);
  if (handle_is_null(r)) return r;
  memset(limbs(H(r)), 0, (size_t)n * sizeof(Limb));
  place_mantissa(limbs(H(r)), mantissa, shift);
  return bigint_finish(iso, r, value < 0);
}

/* The value of an ASCII digit in radix 36, or 36 for a non-digit. */
static int digit_value(uint32_t c) {
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 'a' && c <= 'z') return (int)(c - 'a' + 10);
  if (c >= 'A' && c <= 'Z') return (int)(c - 'A' + 10);
  return 36;
}

Handle bigint_from_digits(Isolate *iso, const char *digits, size_t length, int radix,
                          bool negative) {
  while (length > 0 && *digits == '0') digits++, length--;
  if (length == 0) return bigint_zero(iso);
  double bits = (double)length * log2((double)radix);
  if (bits > (double)kBigIntMaxBits + 64) return bigint_throw_too_big(iso);
  int64_t n = (int64_t)(bits / 64) + 3; /* mpn_set_str wants a limb to spare; 1 for rounding */
  unsigned char *values = malloc(length);
  if (values == NULL) FATAL("out of C memory");
  for (size_t i = 0; i < length; i++) values[i] = (unsigned char)digit_value((uint8_t)digits[i]);
  Handle r = bigint_allocate(iso, n);
  if (handle_is_null(r)) {
    free(values);
    return r;
  }
  Limb *d = limbs(H(r));
  mp_size_t used = mpn_set_str(d, values, length, radix);
  free(values);
  memset(d + used, 0, (size_t)(n - used) * sizeof(Limb));
  return bigint_finish(iso, r, negative);
}

/* ---- StringToBigInt ---------------------------------------------------------------------- */

/* Reads a StringIntegerLiteral (7.1.14) from code units: the digits (ASCII, into out, at
 * least length bytes), their radix and sign. false when it is not one. */
static bool parse_integer_literal(const uint16_t *s, size_t length, char *out, size_t *digits,
                                  int *radix, bool *negative) {
  size_t start = 0, end = length;
  while (start < end && conversions_is_whitespace(s[start])) start++;
  while (end > start && conversions_is_whitespace(s[end - 1])) end--;
  *radix = 10;
  *negative = false;
  *digits = 0;
  if (start == end) return true; /* "" and whitespace are 0n */
  if (end - start > 2 && s[start] == '0') {
    uint16_t p = s[start + 1] | 0x20;
    *radix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
    if (*radix != 10) start += 2;
  }
  if (*radix == 10 && (s[start] == '+' || s[start] == '-')) {
    *negative = s[start] == '-';
    start++;
  }
  if (start == end) return false;
  for (size_t i = start; i < end; i++) {
    if (digit_value(s[i]) >= *radix) return false;
    out[(*digits)++] = (char)s[i];
  }
  return true;
}

Handle bigint_from_string(Isolate *iso, Handle string) {
  Handle flat = string_flatten(iso, string);
  if (handle_is_null(flat)) return flat;
  size_t length = (size_t)string_length(H(flat));
  uint16_t *units = malloc((length + 1) * sizeof(uint16_t));
  char *digits = malloc(length + 1);
  if (units == NULL || digits == NULL) FATAL("out of C memory");
  Tagged seq = string_as_sequential(H(flat));
  for (size_t i = 0; i < length; i++) units[i] = string_get(seq, (int64_t)i);
  size_t count;
  int radix;
  bool negative;
  bool ok = parse_integer_literal(units, length, digits, &count, &radix, &negative);
  free(units);
  Handle result = ok ? bigint_from_digits(iso, digits, count, radix, negative)
                     : ROOT_HANDLE(iso, undefined_value);
  free(digits);
  return result;
}

/* ---- Conversions --------------------------------------------------------------------------- */

uint64_t bigint_to_uint64(Tagged b) {
  uint64_t low = bigint_is_zero(b) ? 0 : limbs(b)[0];
  return bigint_is_negative(b) ? -low : low;
}

int64_t bigint_to_int64(Tagged b) { return (int64_t)bigint_to_uint64(b); }

/* The 64 bits of d starting at bit `shift`, and whether any bit below them is set. */
static uint64_t top_bits(const Limb *d, int64_t shift, bool *sticky) {
  int64_t li = shift / 64;
  int bi = (int)(shift % 64);
  uint64_t top = d[li] >> bi;
  if (bi != 0) top |= d[li + 1] << (64 - bi);
  *sticky = bi != 0 && (d[li] & ((UINT64_C(1) << bi) - 1)) != 0;
  for (int64_t i = 0; i < li && !*sticky; i++) *sticky = d[i] != 0;
  return top;
}

double bigint_to_double(Tagged b) {
  int64_t bits = bigint_bit_length(b);
  double sign = bigint_is_negative(b) ? -1.0 : 1.0;
  if (bits == 0) return 0;
  if (bits <= 64) return sign * (double)limbs(b)[0]; /* C rounds to nearest, ties to even */
  if (bits > 1024) return sign * INFINITY;
  bool sticky;
  int64_t shift = bits - 64;
  uint64_t top = top_bits(limbs(b), shift, &sticky);
  uint64_t mantissa = top >> 11, rest = top & 0x7ff, half = 0x400;
  if (rest > half || (rest == half && (sticky || (mantissa & 1)))) mantissa++;
  return sign * ldexp((double)mantissa, (int)shift + 11); /* 2^1024 becomes Infinity */
}

static const char kDigitChars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

Handle bigint_to_string(Isolate *iso, Handle b, int radix) {
  DCHECK(radix >= 2 && radix <= 36);
  int64_t n = len(b);
  if (n == 0) return string_new_one_byte(iso, (const uint8_t *)"0", 1);
  /* mpn_get_str wants room for the largest n-limb number, plus one. */
  size_t room = (size_t)n * 64 / (size_t)(31 - __builtin_clz((unsigned)radix)) + 3;
  unsigned char *buf = malloc(room + 1);
  if (buf == NULL) FATAL("out of C memory");
  Scratch s;
  if (!scratch_reserve(iso, &s, n)) {
    free(buf);
    return HANDLE_NULL;
  }
  Limb *copy = scratch_limbs(&s); /* mpn_get_str clobbers its input */
  memcpy(copy, limbs(H(b)), (size_t)n * sizeof(Limb));
  size_t count = mpn_get_str(buf + 1, radix, copy, n);
  size_t at = 1;
  while (at < count && buf[at] == 0) at++;
  for (size_t i = at; i <= count; i++) buf[i] = (unsigned char)kDigitChars[buf[i]];
  if (neg(b)) buf[--at] = '-';
  Handle str = string_new_one_byte(iso, buf + at, count + 1 - at);
  free(buf);
  return str;
}

uint32_t bigint_hash(Tagged b) {
  uint64_t h = bigint_is_negative(b) ? 0x9e3779b97f4a7c15u : 0;
  int64_t n = bigint_length(b);
  for (int64_t i = 0; i < n; i++) {
    h ^= limbs(b)[i];
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
  }
  return (uint32_t)(h ^ (h >> 32));
}

/* ---- Comparison -------------------------------------------------------------------------- */

static int bigint_sign_of(Tagged b) {
  return bigint_is_zero(b) ? 0 : bigint_is_negative(b) ? -1 : 1;
}

int bigint_compare(Tagged x, Tagged y) {
  int xs = bigint_sign_of(x), ys = bigint_sign_of(y);
  if (xs != ys) return xs < ys ? -1 : 1;
  int c = mag_compare(limbs(x), bigint_length(x), limbs(y), bigint_length(y));
  return xs < 0 ? -c : c;
}

bool bigint_equals(Tagged x, Tagged y) { return bigint_compare(x, y) == 0; }

/* |x| (non-zero) compared with a finite a > 0: trunc(a) is built exactly in limbs on the
 * stack (at most 2^1024: 17 limbs), then a fractional part breaks a tie. */
static int mag_compare_double(Tagged x, double a) {
  double t = trunc(a);
  if (t == 0) return 1;
  Limb d[17] = {0};
  int64_t n;
  int shift;
  uint64_t mantissa = double_mantissa(t, &shift);
  if (shift <= 0) {
    d[0] = mantissa >> -shift;
    n = 1;
  } else {
    place_mantissa(d, mantissa, shift);
    n = (shift + 53 + 63) / 64;
  }
  while (n > 0 && d[n - 1] == 0) n--;
  int c = mag_compare(limbs(x), bigint_length(x), d, n);
  return c == 0 && t != a ? -1 : c;
}

int bigint_compare_to_double(Tagged x, double y) {
  if (isnan(y)) return kBigIntCompareUndefined;
  int xs = bigint_sign_of(x), ys = y > 0 ? 1 : y < 0 ? -1 : 0;
  if (xs != ys) return xs < ys ? -1 : 1;
  if (xs == 0) return 0;
  if (isinf(y)) return -ys;
  int c = mag_compare_double(x, fabs(y));
  return xs < 0 ? -c : c;
}

/* ---- Addition and subtraction ------------------------------------------------------------ */

/* |a| + |b| with the given sign. Both non-zero. */
static Handle add_magnitudes(Isolate *iso, Handle a, Handle b, bool negative) {
  if (len(a) < len(b)) {
    Handle t = a;
    a = b;
    b = t;
  }
  Handle r = bigint_allocate(iso, len(a) + 1);
  if (handle_is_null(r)) return r;
  Limb *rp = limbs(H(r));
  rp[len(a)] = mpn_add(rp, limbs(H(a)), len(a), limbs(H(b)), len(b));
  return bigint_finish(iso, r, negative);
}

/* |a| - |b| with the given sign, when |a| > |b| > 0. */
static Handle subtract_magnitudes(Isolate *iso, Handle a, Handle b, bool negative) {
  Handle r = bigint_allocate(iso, len(a));
  if (handle_is_null(r)) return r;
  mpn_sub(limbs(H(r)), limbs(H(a)), len(a), limbs(H(b)), len(b));
  return bigint_finish(iso, r, negative);
}

/* x + y where y's sign is taken as y_negative (so subtraction is addition of -y). */
static Handle add_signed(Isolate *iso, Handle x, Handle y, bool y_negative) {
  if (bigint_is_zero(H(y))) return x;
  if (bigint_is_zero(H(x))) return bigint_with_sign(iso, y, y_negative);
  if (neg(x) == y_negative) return add_magnitudes(iso, x, y, y_negative);
  int c = mag_compare(limbs(H(x)), len(x), limbs(H(y)), len(y));
  if (c == 0) return bigint_zero(iso);
  return c > 0 ? subtract_magnitudes(iso, x, y, neg(x))
               : subtract_magnitudes(iso, y, x, y_negative);
}

Handle bigint_add(Isolate *iso, Handle x, Handle y) { return add_signed(iso, x, y, neg(y)); }
Handle bigint_subtract(Isolate *iso, Handle x, Handle y) { return add_signed(iso, x, y, !neg(y)); }

Handle bigint_negate(Isolate *iso, Handle x) { return bigint_with_sign(iso, x, !neg(x)); }

/* ~x = -x - 1: |x| + 1 negative for x >= 0, |x| - 1 positive for x < 0. */
Handle bigint_bitwise_not(Isolate *iso, Handle x) {
  int64_t n = len(x);
  bool negative = neg(x);
  Handle r = bigint_allocate(iso, n + 1);
  if (handle_is_null(r)) return r;
  Limb *rp = limbs(H(r));
  if (n == 0) {
    rp[0] = 1;
  } else if (!negative) {
    rp[n] = mpn_add_1(rp, limbs(H(x)), n, 1);
  } else {
    mpn_sub_1(rp, limbs(H(x)), n, 1);
    rp[n] = 0;
  }
  return bigint_finish(iso, r, !negative);
}

/* ---- Multiplication, division, exponentiation -------------------------------------------- */

Handle bigint_multiply(Isolate *iso, Handle x, Handle y) {
  if (bigint_is_zero(H(x))) return x;
  if (bigint_is_zero(H(y))) return y;
  if (len(x) < len(y)) {
    Handle t = x;
    x = y;
    y = t;
  }
  bool same = H(x) == H(y);
  Handle r = bigint_allocate(iso, len(x) + len(y));
  if (handle_is_null(r)) return r;
  if (same) {
    mpn_sqr(limbs(H(r)), limbs(H(x)), len(x));
  } else {
    mpn_mul(limbs(H(r)), limbs(H(x)), len(x), limbs(H(y)), len(y));
  }
  return bigint_finish(iso, r, neg(x) != neg(y));
}

/* Truncating division: the quotient or the remainder of x / y. */
static Handle divide(Isolate *iso, Handle x, Handle y, bool want_remainder) {
  if (bigint_is_zero(H(y))) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Division by zero");
    return HANDLE_NULL;
  }
  if (mag_compare(limbs(H(x)), len(x), limbs(H(y)), len(y)) < 0) {
    return want_remainder ? x : bigint_zero(iso);
  }
  int64_t qn = len(x) - len(y) + 1, rn = len(y);
  Handle r = bigint_allocate(iso, want_remainder ? rn : qn);
  if (handle_is_null(r)) return r;
  Scratch s;
  if (!scratch_reserve(iso, &s, want_remainder ? qn : rn)) return HANDLE_NULL;
  Limb *other = scratch_limbs(&s);
  Limb *qp = want_remainder ? other : limbs(H(r)), *rp = want_remainder ? limbs(H(r)) : other;
  mpn_tdiv_qr(qp, rp, 0, limbs(H(x)), len(x), limbs(H(y)), len(y));
  return bigint_finish(iso, r, want_remainder ? neg(x) : neg(x) != neg(y));
}

Handle bigint_divide(Isolate *iso, Handle x, Handle y) { return divide(iso, x, y, false); }
Handle bigint_remainder(Isolate *iso, Handle x, Handle y) { return divide(iso, x, y, true); }

Handle bigint_exponentiate(Isolate *iso, Handle x, Handle y) {
  if (neg(y)) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Exponent must be non-negative");
    return HANDLE_NULL;
  }
  if (bigint_is_zero(H(y))) return bigint_from_int64(iso, 1);
  int64_t base_bits = bigint_bit_length(H(x));
  if (base_bits <= 1) { /* 0n, 1n, -1n */
    bool odd = limbs(H(y))[0] & 1;
    return odd ? x : bigint_with_sign(iso, x, false); /* (-1n) ** even is 1n */
  }
  /* |x| >= 2, so the result has more than (base_bits - 1) * y bits. */
  if (len(y) > 1 || limbs(H(y))[0] > (uint64_t)kBigIntMaxBits ||
      (uint64_t)(base_bits - 1) * limbs(H(y))[0] >= (uint64_t)kBigIntMaxBits) {
    return bigint_throw_too_big(iso);
  }
  uint64_t e = limbs(H(y))[0];
  Handle result = x;
  for (int bit = 62 - __builtin_clzll(e); bit >= 0 && !handle_is_null(result); bit--) {
    result = bigint_multiply(iso, result, result);
    if (!handle_is_null(result) && ((e >> bit) & 1)) result = bigint_multiply(iso, result, x);
  }
  return result;
}

/* ---- Shifts ----------------------------------------------------------------------------- */

/* |x| << n for n < kBigIntMaxBits + 64, with x's sign. */
static Handle shift_left_by(Isolate *iso, Handle x, uint64_t n) {
  int64_t ls = (int64_t)(n / 64), xn = len(x);
  unsigned bs = (unsigned)(n % 64);
  Handle r = bigint_allocate(iso, xn + ls + 1);
  if (handle_is_null(r)) return r;
  Limb *rp = limbs(H(r));
  memset(rp, 0, (size_t)ls * sizeof(Limb));
  if (bs != 0) {
    rp[xn + ls] = mpn_lshift(rp + ls, limbs(H(x)), xn, bs);
  } else {
    memcpy(rp + ls, limbs(H(x)), (size_t)xn * sizeof(Limb));
    rp[xn + ls] = 0;
  }
  return bigint_finish(iso, r, neg(x));
}

/* floor(x / 2^n): for negative x, -ceil(|x| / 2^n). */
static Handle shift_right_by(Isolate *iso, Handle x, uint64_t n, bool n_is_huge) {
  bool negative = neg(x);
  if (n_is_huge || n >= (uint64_t)bigint_bit_length(H(x))) {
    return negative ? bigint_from_int64(iso, -1) : bigint_zero(iso);
  }
  int64_t ls = (int64_t)(n / 64), rn = len(x) - ls;
  unsigned bs = (unsigned)(n % 64);
  Handle r = bigint_allocate(iso, rn + 1);
  if (handle_is_null(r)) return r;
  Limb *rp = limbs(H(r)), *xp = limbs(H(x));
  bool lost = false;
  for (int64_t i = 0; i < ls && !lost; i++) lost = xp[i] != 0;
  if (bs != 0) {
    lost |= mpn_rshift(rp, xp + ls, rn, bs) != 0;
  } else {
    memcpy(rp, xp + ls, (size_t)rn * sizeof(Limb));
  }
  rp[rn] = 0;
  if (negative && lost) mpn_add_1(rp, rp, rn + 1, 1);
  return bigint_finish(iso, r, negative);
}

/* x << y for y >= 0 (left) or x >> -y, and the converse: `left` says which way. */
static Handle shift(Isolate *iso, Handle x, Handle y, bool left) {
  if (bigint_is_zero(H(x)) || bigint_is_zero(H(y))) return x;
  if (neg(y)) left = !left;
  bool huge = len(y) > 1 || limbs(H(y))[0] > (uint64_t)kBigIntMaxBits;
  if (!left) return shift_right_by(iso, x, limbs(H(y))[0], huge);
  if (huge) return bigint_throw_too_big(iso);
  return shift_left_by(iso, x, limbs(H(y))[0]);
}

Handle bigint_shift_left(Isolate *iso, Handle x, Handle y) { return shift(iso, x, y, true); }
Handle bigint_shift_right(Isolate *iso, Handle x, Handle y) { return shift(iso, x, y, false); }

/* ---- Bitwise operators (two's complement) ------------------------------------------------- */

/* x modulo B^n in two's complement: the low limbs of |x|, zero-extended, negated (mod B^n)
 * when x < 0. */
static void to_twos_complement(Tagged x, Limb *out, int64_t n) {
  int64_t copy = bigint_length(x) < n ? bigint_length(x) : n;
  memcpy(out, limbs(x), (size_t)copy * sizeof(Limb));
  memset(out + copy, 0, (size_t)(n - copy) * sizeof(Limb));
  if (bigint_is_negative(x)) mpn_neg(out, out, n);
}

typedef enum { BIT_AND, BIT_OR, BIT_XOR } BitOp;

/* Both operands in two's complement over one limb more than the longer, so the top bit is
 * the sign; the result is read back the same way. */
static Handle bitwise(Isolate *iso, BitOp op, Handle x, Handle y) {
  int64_t n = (len(x) > len(y) ? len(x) : len(y)) + 1;
  Handle r = bigint_allocate(iso, n);
  if (handle_is_null(r)) return r;
  Scratch s;
  if (!scratch_reserve(iso, &s, 2 * n)) return HANDLE_NULL;
  Limb *a = scratch_limbs(&s), *b = a + n, *rp = limbs(H(r));
  to_twos_complement(H(x), a, n);
  to_twos_complement(H(y), b, n);
  switch (op) {
    case BIT_AND: mpn_and_n(rp, a, b, n); break;
    case BIT_OR: mpn_ior_n(rp, a, b, n); break;
    case BIT_XOR: mpn_xor_n(rp, a, b, n); break;
  }
  bool negative = rp[n - 1] >> 63;
  if (negative) mpn_neg(rp, rp, n);
  return bigint_finish(iso, r, negative);
}

Handle bigint_bitwise_and(Isolate *iso, Handle x, Handle y) { return bitwise(iso, BIT_AND, x, y); }
Handle bigint_bitwise_or(Isolate *iso, Handle x, Handle y) { return bitwise(iso, BIT_OR, x, y); }
Handle bigint_bitwise_xor(Isolate *iso, Handle x, Handle y) { return bitwise(iso, BIT_XOR, x, y); }

/* ---- asIntN / asUintN --------------------------------------------------------------------- */

/* x modulo 2^bits as a non-negative value in a new BigInt of ceil(bits / 64) limbs, before
 * finishing (so the caller may still negate it). */
static Handle modulo_power_of_two(Isolate *iso, uint64_t bits, Handle x) {
  int64_t n = (int64_t)((bits + 63) / 64);
  Handle r = bigint_allocate(iso, n);
  if (handle_is_null(r)) return r;
  Limb *rp = limbs(H(r));
  to_twos_complement(H(x), rp, n);
  if (bits % 64 != 0) rp[n - 1] &= (UINT64_C(1) << (bits % 64)) - 1;
  return r;
}

Handle bigint_as_uint_n(Isolate *iso, uint64_t bits, Handle x) {
  if (bits == 0 || bigint_is_zero(H(x))) return bigint_zero(iso);
  if (!neg(x) && (uint64_t)bigint_bit_length(H(x)) <= bits) return x;
  if (bits > (uint64_t)kBigIntMaxBits) return bigint_throw_too_big(iso);
  Handle r = modulo_power_of_two(iso, bits, x);
  return handle_is_null(r) ? r : bigint_finish(iso, r, false);
}

/* Whether |x| is a power of two. */
static bool is_power_of_two(Tagged x) {
  int64_t n = bigint_length(x);
  const Limb *d = limbs(x);
  for (int64_t i = 0; i < n - 1; i++) {
    if (d[i] != 0) return false;
  }
  return n > 0 && (d[n - 1] & (d[n - 1] - 1)) == 0;
}

Handle bigint_as_int_n(Isolate *iso, uint64_t bits, Handle x) {
  if (bits == 0) return bigint_zero(iso);
  uint64_t x_bits = (uint64_t)bigint_bit_length(H(x));
  /* -2^(bits-1) <= x < 2^(bits-1): x itself. */
  if (x_bits < bits || (neg(x) && x_bits == bits && is_power_of_two(H(x)))) return x;
  Handle r = modulo_power_of_two(iso, bits, x); /* bits <= x_bits: no larger than x */
  if (handle_is_null(r)) return r;
  int64_t n = len(r);
  Limb *rp = limbs(H(r));
  uint64_t top = (bits - 1) % 64;
  bool negative = (rp[(bits - 1) / 64] >> top) & 1;
  if (negative) { /* r - 2^bits: magnitude 2^bits - r */
    mpn_neg(rp, rp, n);
    if (bits % 64 != 0) rp[n - 1] &= (UINT64_C(1) << (bits % 64)) - 1;
  }
  return bigint_finish(iso, r, negative);
}
