/*
 * regexp.c: a libFuzzer target for the RegExp engine (src/regexp/). Each input is
 *
 *   | flags byte | pattern bytes | 0xFF | subject bytes |
 *
 * The flags byte picks RegExpFlags (its low 8 bits, u and v never together); with its
 * top bit... no: bit 7 of the byte is /y, as in RegExpFlags. The pattern and subject are
 * read as UTF-16 code units from byte pairs when the first pattern byte is odd, else as
 * Latin-1, so both string representations and lone surrogates are reached. Compile
 * errors are fine; a match runs with a small backtrack stack cap and an interrupt after a
 * bounded number of steps, so pathological patterns end quickly.
 *
 *   tests/fuzz/run.sh [seconds]     builds with clang -fsanitize=fuzzer,address,undefined
 */
#include <stdlib.h>
#include <string.h>

#include "regexp/regexp.h"

static int ticks;
static bool stop_soon(void *data) {
  (void)data;
  return ++ticks > 20;
}

static void run(const void *pattern, size_t plen, const void *subject, size_t slen,
                bool two_byte, RegExpFlags flags) {
  char err[128];
  RegExpCode *code = regexp_compile(pattern, plen, two_byte, flags, err, sizeof err);
  if (!code) return;
  int n = regexp_capture_count(code);
  int *caps = malloc(2 * (size_t)n * sizeof(int));
  RegExpExecLimits limits = {.max_stack_bytes = 1 << 20, .interrupt = stop_soon,
                             .interrupt_interval = 10000};
  ticks = 0;
  for (size_t start = 0; start <= slen && start < 3; start++) {
    RegExpResult r = regexp_exec(code, subject, slen, two_byte, start, caps, &limits);
    if (r != RE_MATCH) continue;
    /* Captures lie within the subject, starts before ends, group 0 set. */
    if (caps[0] < 0 || caps[1] < caps[0] || (size_t)caps[1] > slen) abort();
    for (int i = 1; i < n; i++) {
      if ((caps[2 * i] < 0) != (caps[2 * i + 1] < 0)) abort();
      if (caps[2 * i] >= 0 && (caps[2 * i + 1] < caps[2 * i] || (size_t)caps[2 * i + 1] > slen)) abort();
    }
  }
  free(caps);
  regexp_free(code);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  RegExpFlags flags = (RegExpFlags)data[0];
  if ((flags & RE_FLAG_U) && (flags & RE_FLAG_V)) flags &= ~RE_FLAG_V;
  const uint8_t *rest = data + 1;
  size_t n = size - 1;
  const uint8_t *sep = memchr(rest, 0xFF, n);
  size_t plen = sep ? (size_t)(sep - rest) : n;
  const uint8_t *subject = sep ? sep + 1 : rest + n;
  size_t slen = sep ? n - plen - 1 : 0;
  if (plen > 0 && (rest[0] & 1)) {
    uint16_t *p16 = malloc((plen / 2 + 1) * 2), *s16 = malloc((slen / 2 + 1) * 2);
    memcpy(p16, rest, plen / 2 * 2);
    memcpy(s16, subject, slen / 2 * 2);
    run(p16, plen / 2, s16, slen / 2, true, flags);
    free(p16);
    free(s16);
  } else {
    run(rest, plen, subject, slen, false, flags);
  }
  return 0;
}
