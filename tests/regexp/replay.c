/*
 * replay.c: checks Kiln's RegExp engine against the answers test262-record.js recorded
 * from node while it ran test262 (see there). Build and run with
 * tests/regexp/run-test262.sh. Prints each disagreement and, per test file, whether all
 * of its records agree; `-v` prints the agreeing files too.
 *
 * Record kinds (the +10 forms come from test files node itself failed):
 *   0 file name; 1 exec; 2 syntax (compiles or throws SyntaxError); 3 property ranges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "regexp/regexp.h"

typedef struct { const uint8_t *p, *end; } Reader;

static uint8_t rd8(Reader *r) { return *r->p++; }
static int32_t rd32(Reader *r) {
  int32_t v;
  memcpy(&v, r->p, 4);
  r->p += 4;
  return v;
}

typedef struct { const uint16_t *units; uint32_t length; } Str;

static Str rdstr(Reader *r) {
  Str s;
  s.length = (uint32_t)rd32(r);
  s.units = (const uint16_t *)r->p;   /* little-endian host assumed */
  r->p += 2 * (size_t)s.length;
  return s;
}

static void print_str(FILE *f, Str s, uint32_t max) {
  Wtf8Encoder e;
  for (uint32_t i = 0; i < s.length && i < max; i++) {
    char buf[8];
    wtf8_encoder_init(&e, buf);
    wtf8_encoder_put(&e, s.units[i]);
    if (utf16_is_lead_surrogate(s.units[i]) && i + 1 < s.length) wtf8_encoder_put(&e, s.units[++i]);
    wtf8_encoder_finish(&e);
    fwrite(buf, 1, e.length, f);
  }
  if (s.length > max) fputs("...", f);
}

static bool parse_flags(Str f, RegExpFlags *out) {
  return regexp_parse_flags(f.units, f.length, true, out);
}

static RegExpCode *compile(Str p, Str f, char *err, size_t errlen) {
  RegExpFlags flags;
  if (!parse_flags(f, &flags)) { snprintf(err, errlen, "invalid flags"); return NULL; }
  return regexp_compile(p.units, p.length, true, flags, err, errlen);
}

static const char *current_file;
static bool current_ok, verbose, unreliable;
static int files, files_ok, records, records_ok, unreliable_failures;

/* A disagreement; records from files node failed are reported but not counted. */
static void fail_header(Str p, Str f) {
  if (unreliable) {
    unreliable_failures++;
    records_ok++;
    fputs("   (node failed this file)", stdout);
  } else {
    if (current_ok) fprintf(stdout, "FAIL %s\n", current_file);
    current_ok = false;
  }
  fputs("   /", stdout);
  print_str(stdout, p, 120);
  fputs("/", stdout);
  print_str(stdout, f, 10);
}

static bool units_equal(const uint16_t *a, const uint16_t *b, uint32_t n) {
  return memcmp(a, b, 2 * (size_t)n) == 0;
}

static void check_exec(Reader *r) {
  Str p = rdstr(r), f = rdstr(r), s = rdstr(r);
  int32_t last = rd32(r), n = rd32(r);
  const uint8_t *expected = r->p;
  for (int32_t i = 0; i < n; i++) {
    uint8_t kind = rd8(r);
    if (kind == 1) { rd32(r); rd32(r); }
    if (kind == 2) rdstr(r);
  }
  char err[300];
  RegExpCode *code = compile(p, f, err, sizeof err);
  if (!code) { fail_header(p, f); printf(" does not compile: %s\n", err); return; }
  RegExpFlags flags = regexp_flags(code);
  size_t start = (flags & (RE_FLAG_G | RE_FLAG_Y)) ? (size_t)last : 0;
  int ncap = regexp_capture_count(code);
  int *caps = malloc(2 * (size_t)ncap * sizeof(int));
  RegExpResult res = start > s.length ? RE_NO_MATCH
                                      : regexp_exec(code, s.units, s.length, true, start, caps, NULL);
  bool ok;
  if (n < 0) {
    ok = res == RE_NO_MATCH;
  } else {
    ok = res == RE_MATCH && ncap == n;
    Reader e = {expected, r->p};
    for (int32_t i = 0; ok && i < n; i++) {
      uint8_t kind = rd8(&e);
      if (kind == 0) ok = caps[2 * i] < 0;
      else if (kind == 1) { int32_t a = rd32(&e), b = rd32(&e); ok = caps[2 * i] == a && caps[2 * i + 1] == b; }
      else {
        Str t = rdstr(&e);
        ok = caps[2 * i] >= 0 && (uint32_t)(caps[2 * i + 1] - caps[2 * i]) == t.length &&
             units_equal(s.units + caps[2 * i], t.units, t.length);
      }
    }
  }
  records_ok += ok;
  if (!ok) {
    fail_header(p, f);
    fputs(" on \"", stdout);
    print_str(stdout, s, 60);
    printf("\" from %d: ", last);
    if (res != RE_MATCH) printf("got %s", res == RE_NO_MATCH ? "null" : "an error");
    else {
      printf("got [");
      for (int i = 0; i < ncap; i++) printf("%s%d-%d", i ? " " : "", caps[2 * i], caps[2 * i + 1]);
      printf("]");
    }
    printf(", expected %s\n", n < 0 ? "null" : "a match");
  }
  free(caps);
  regexp_free(code);
}

static void check_syntax(Reader *r) {
  Str p = rdstr(r), f = rdstr(r);
  uint8_t expect_error = rd8(r);
  char err[300];
  RegExpCode *code = compile(p, f, err, sizeof err);
  bool ok = (code == NULL) == (expect_error != 0);
  records_ok += ok;
  if (!ok) {
    fail_header(p, f);
    if (code) printf(" compiles; expected a SyntaxError\n");
    else printf(": %s; expected it to compile\n", err);
  }
  regexp_free(code);
}

/* /^\p{...}+$/u must match the string of all the listed code points. */
static void check_property(Reader *r) {
  Str p = rdstr(r), f = rdstr(r);
  int32_t nlone = rd32(r);
  size_t cap = 1024, n = 0;
  uint16_t *s = malloc(cap * 2);
  uint32_t *cps = malloc(sizeof(uint32_t) * ((size_t)nlone + 1));
  for (int32_t i = 0; i < nlone; i++) cps[i] = (uint32_t)rd32(r);
  int32_t nranges = rd32(r);
  uint32_t *ranges = malloc(sizeof(uint32_t) * 2 * ((size_t)nranges + 1));
  for (int32_t i = 0; i < 2 * nranges; i++) ranges[i] = (uint32_t)rd32(r);
  for (int32_t k = -nlone; k < nranges; k++) {
    uint32_t lo = k < 0 ? cps[k + nlone] : ranges[2 * k], hi = k < 0 ? lo : ranges[2 * k + 1];
    for (uint32_t c = lo; c <= hi; c++) {
      if (n + 2 > cap) { cap *= 2; s = realloc(s, cap * 2); }
      if (c >= 0x10000) {
        s[n++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
        s[n++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
      } else {
        s[n++] = (uint16_t)c;
      }
    }
  }
  char err[300];
  RegExpCode *code = compile(p, f, err, sizeof err);
  int caps[2];
  bool ok = code && regexp_exec(code, s, n, true, 0, caps, NULL) == RE_MATCH;
  records_ok += ok;
  if (!ok) {
    fail_header(p, f);
    if (!code) printf(": %s\n", err);
    else {
      /* Name the first code point that does not match alone. */
      int shown = 0;
      printf(" does not match:");
      for (size_t i = 0; i < n && shown < 8;) {
        size_t w = utf16_is_lead_surrogate(s[i]) && i + 1 < n ? 2 : 1;
        if (regexp_exec(code, s + i, w, true, 0, caps, NULL) != RE_MATCH) {
          uint32_t c = w == 2 ? 0x10000 + ((s[i] - 0xD800u) << 10) + (s[i + 1] - 0xDC00u) : s[i];
          printf(" U+%04X", c);
          shown++;
        }
        i += w;
      }
      printf("\n");
    }
  }
  regexp_free(code);
  free(s);
  free(cps);
  free(ranges);
}

static void end_file(void) {
  if (!current_file) return;
  files++;
  files_ok += current_ok;
  if (current_ok && verbose) printf("ok %s\n", current_file);
}

int main(int argc, char **argv) {
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-v") == 0) verbose = true; else path = argv[i];
  }
  FILE *in = path ? fopen(path, "rb") : NULL;
  if (!in) { fprintf(stderr, "usage: replay [-v] records.bin\n"); return 2; }
  fseek(in, 0, SEEK_END);
  long size = ftell(in);
  fseek(in, 0, SEEK_SET);
  uint8_t *data = malloc((size_t)size);
  if (fread(data, 1, (size_t)size, in) != (size_t)size) return 2;
  fclose(in);
  Reader r = {data, data + size};
  char name[1024];
  while (r.p < r.end) {
    uint8_t kind = rd8(&r);
    if (kind == 0) {
      end_file();
      Str s = rdstr(&r);
      uint32_t i;
      for (i = 0; i < s.length && i < sizeof name - 1; i++) name[i] = (char)s.units[i];
      name[i] = 0;
      current_file = name;
      current_ok = true;
      continue;
    }
    records++;
    unreliable = kind >= 10;
    switch (kind % 10) {
      case 1: check_exec(&r); break;
      case 2: check_syntax(&r); break;
      case 3: check_property(&r); break;
      default: fprintf(stderr, "bad record %d\n", kind); return 2;
    }
  }
  end_file();
  printf("%d/%d records agree; %d/%d files with records agree; %d disagreements in "
         "files node itself failed\n", records_ok, records, files_ok, files, unreliable_failures);
  return records_ok == records ? 0 : 1;
}
