/*
 * dtoa.c: JavaScript's number -> string conversions (see dtoa.h).
 *
 * Each public function handles NaN, the infinities and the sign, asks fast-dtoa.c or
 * bignum-dtoa.c for digits d1..dk with a decimal point position n (v = 0.d1..dk * 10^n),
 * and lays them out as the spec's algorithm says.
 */
#include "numbers/dtoa.h"

#include <math.h>
#include <string.h>

#include "numbers/bignum-dtoa.h"
#include "numbers/diy-fp.h"
#include "numbers/fast-dtoa.h"

/* ---- Small writers ----------------------------------------------------------------------- */

static char *put_str(char *p, const char *s) {
  size_t n = strlen(s);
  memcpy(p, s, n);
  return p + n;
}

static char *put_zeros(char *p, int n) {
  if (n > 0) memset(p, '0', (size_t)n);
  return p + (n > 0 ? n : 0);
}

static char *put_digits(char *p, const char *digits, int n) {
  if (n > 0) memcpy(p, digits, (size_t)n);
  return p + (n > 0 ? n : 0);
}

/* "e+5", "e-7": the exponent part of exponential notation. */
static char *put_exponent(char *p, int e) {
  *p++ = 'e';
  *p++ = e < 0 ? '-' : '+';
  unsigned a = (unsigned)(e < 0 ? -e : e);
  char tmp[8];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + a % 10);
    a /= 10;
  } while (a != 0);
  while (n > 0) *p++ = tmp[--n];
  return p;
}

static int finish(char *buf, char *p) {
  *p = '\0';
  return (int)(p - buf);
}

/* "NaN", "Infinity" or "-Infinity" for a non-finite v. */
static int write_non_finite(double v, char *buf) {
  const char *s = isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  return finish(buf, put_str(buf, s));
}

/* d1[.d2..dk]e±(n-1): exponential notation for k digits with point position n. */
static char *put_exponential(char *p, const char *digits, int k, int n) {
  *p++ = digits[0];
  if (k > 1) {
    *p++ = '.';
    p = put_digits(p, digits + 1, k - 1);
  }
  return put_exponent(p, n - 1);
}

/* Plain notation for k digits with point position n: "ddd000", "dd.ddd" or "0.000ddd". */
static char *put_plain(char *p, const char *digits, int k, int n) {
  if (n >= k) { /* integer: digits then n - k zeros */
    p = put_digits(p, digits, k);
    return put_zeros(p, n - k);
  }
  if (n > 0) { /* d1..dn . dn+1..dk */
    p = put_digits(p, digits, n);
    *p++ = '.';
    return put_digits(p, digits + n, k - n);
  }
  *p++ = '0'; /* 0.000ddd */
  *p++ = '.';
  p = put_zeros(p, -n);
  return put_digits(p, digits, k);
}

/* ---- Shortest ------------------------------------------------------------------------ */

int dtoa_shortest_digits(double v, char *digits, int *point) {
  DCHECK(v > 0 && isfinite(v));
  char fast[kFastDtoaBufferSize];
  int length;
  if (fast_dtoa_shortest(v, fast, &length, point)) {
    while (length > 1 && fast[length - 1] == '0') length--;
    DCHECK(length <= kDtoaMaxShortestDigits);
    memcpy(digits, fast, (size_t)length);
    return length;
  }
  return bignum_dtoa_shortest(v, digits, point);
}

/* Integers below 2^53 are their own shortest digits: every shorter candidate is at least 1
 * away, more than half the gap to a neighbour. */
static int shortest_integer_digits(uint64_t n, char *digits, int *point) {
  char tmp[20];
  int len = 0;
  do {
    tmp[len++] = (char)('0' + n % 10);
    n /= 10;
  } while (n != 0);
  *point = len;
  int zeros = 0;
  while (tmp[zeros] == '0') zeros++;
  for (int i = 0; i < len - zeros; i++) digits[i] = tmp[len - 1 - i];
  return len - zeros;
}

/* ES2025 6.1.6.1.20 steps 5-12 for a finite v > 0. */
static char *put_shortest_positive(char *p, double v) {
  char digits[kDtoaMaxShortestDigits + 3];
  int n, k;
  if (v < 9007199254740992.0 && v == floor(v)) {
    k = shortest_integer_digits((uint64_t)v, digits, &n);
  } else {
    k = dtoa_shortest_digits(v, digits, &n);
  }
  if (n >= -5 && n <= 21) return put_plain(p, digits, k, n);
  return put_exponential(p, digits, k, n);
}

int dtoa_shortest(double v, char *buf) {
  if (!isfinite(v)) return write_non_finite(v, buf);
  if (v == 0) return finish(buf, put_str(buf, "0"));
  char *p = buf;
  if (v < 0) *p++ = '-';
  return finish(buf, put_shortest_positive(p, fabs(v)));
}

/* ---- toFixed, toExponential, toPrecision -------------------------------------------- */

int dtoa_fixed(double v, int fraction_digits, char *buf) {
  DCHECK(fraction_digits >= 0 && fraction_digits <= kDtoaMaxFractionDigits);
  if (!isfinite(v) || fabs(v) >= 1e21) return dtoa_shortest(v, buf);
  char *p = buf;
  if (v < 0) *p++ = '-'; /* -0 is not < 0: (-0).toFixed(2) is "0.00" */
  char digits[kDtoaFixedBufferSize];
  int k = bignum_dtoa_fixed(fabs(v), fraction_digits, digits);
  /* digits = round(|v| * 10^f): the point goes f digits from the right ("0.0ddd" when
   * there are no more than f). */
  return finish(buf, put_plain(p, digits, k, k - fraction_digits));
}

/* The digits for toExponential and toPrecision: count of them (or the shortest when count is
 * -1), all zeros with n = 1 for v = 0. Returns the digit count. */
static int counted_digits(double v, int count, char *digits, int *point) {
  if (v == 0) {
    int k = count < 0 ? 1 : count;
    memset(digits, '0', (size_t)k);
    *point = 1;
    return k;
  }
  if (count < 0) return dtoa_shortest_digits(v, digits, point);
  return bignum_dtoa_counted(v, count, digits, point);
}

int dtoa_exponential(double v, int fraction_digits, char *buf) {
  DCHECK(fraction_digits >= -1 && fraction_digits <= kDtoaMaxFractionDigits);
  if (!isfinite(v)) return write_non_finite(v, buf);
  char *p = buf;
  if (v < 0) *p++ = '-';
  char digits[kBignumDtoaMaxCounted + 1];
  int n;
  int k = counted_digits(fabs(v), fraction_digits < 0 ? -1 : fraction_digits + 1, digits, &n);
  return finish(buf, put_exponential(p, digits, k, n));
}

int dtoa_precision(double v, int precision, char *buf) {
  DCHECK(precision >= kDtoaMinPrecision && precision <= kDtoaMaxPrecision);
  if (!isfinite(v)) return write_non_finite(v, buf);
  char *p = buf;
  if (v < 0) *p++ = '-';
  char digits[kBignumDtoaMaxCounted + 1];
  int n;
  int k = counted_digits(fabs(v), precision, digits, &n);
  int e = n - 1;
  if (e < -6 || e >= precision) return finish(buf, put_exponential(p, digits, k, n));
  return finish(buf, put_plain(p, digits, k, n));
}

/* ---- toString(radix) ------------------------------------------------------------------- */

static const char kRadixDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/*
 * The fraction digits of toString(radix) for 0 <= fraction < 1, as V8 computes them: delta
 * is half the gap from v to the next double; digits are emitted while the rest is at least
 * delta (each step scaling both by the radix), and when the rest exceeds one half (or equals
 * it after an odd digit) and rounding up stays within delta, the last digit is rounded up,
 * carrying as needed; a carry out of the first digit increments *integer. Returns the digit
 * count (digit values, not characters).
 */
static int radix_fraction_digits(double v, double fraction, int radix, uint8_t *out,
                                 double *integer) {
  double delta = 0.5 * (nextafter(v, INFINITY) - v);
  delta = fmax(nextafter(0.0, 1.0), delta);
  int n = 0;
  if (!(fraction >= delta)) return 0;
  do {
    fraction *= radix;
    delta *= radix;
    int digit = (int)fraction;
    out[n++] = (uint8_t)digit;
    fraction -= digit;
    if ((fraction > 0.5 || (fraction == 0.5 && (digit & 1))) && fraction + delta > 1) {
      for (;;) { /* round up; digits that overflow become trailing zeros and vanish */
        if (n == 0) {
          *integer += 1;
          break;
        }
        n--;
        if (out[n] + 1 < radix) {
          out[n++]++;
          break;
        }
      }
      break;
    }
  } while (fraction >= delta);
  return n;
}

/* The integer digits of an integral integer >= 0, least significant first. As in V8, the
 * digits below the 53-bit precision (while integer / radix >= 2^53) are written as zeros. */
static int radix_integer_digits(double integer, int radix, uint8_t *out) {
  int n = 0;
  while (integer / radix >= 9007199254740992.0) {
    integer /= radix;
    out[n++] = 0;
  }
  do {
    double remainder = fmod(integer, radix);
    out[n++] = (uint8_t)remainder;
    integer = (integer - remainder) / radix;
  } while (integer > 0);
  return n;
}

int dtoa_radix(double v, int radix, char *buf) {
  DCHECK(radix >= 2 && radix <= 36);
  if (radix == 10 || !isfinite(v)) return dtoa_shortest(v, buf);
  char *p = buf;
  if (v < 0) *p++ = '-';
  v = fabs(v);
  double integer = floor(v);
  uint8_t fraction[kDtoaRadixBufferSize / 2], whole[kDtoaRadixBufferSize / 2];
  int nf = radix_fraction_digits(v, v - integer, radix, fraction, &integer);
  int nw = radix_integer_digits(integer, radix, whole);
  while (nw > 0) *p++ = kRadixDigits[whole[--nw]];
  if (nf > 0) *p++ = '.';
  for (int i = 0; i < nf; i++) *p++ = kRadixDigits[fraction[i]];
  return finish(buf, p);
}
