/*
 * parse-check.c: kiln-parse, the parser's command-line check.
 *
 *   kiln-parse [--module] [--strict] [--print-ast] [--test262] [--time] file...
 *
 * Parses each file and exits 0 if all parsed, 1 if any had an error (printed as
 * "file:line:col: SyntaxError: message"). With --test262 the flags come from each file's
 * frontmatter (flags: [module, onlyStrict]; negative: phase: parse) and the exit status
 * says whether the parser agreed with the expectation; with several files it prints one
 * line per disagreement and a summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parsing/ast.h"
#include "parsing/parser.h"
#include "parsing/zone.h"

static char *read_file(const char *path, size_t *length) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (!buf) { fclose(f); return NULL; }
  size_t got = fread(buf, 1, (size_t)n, f);
  fclose(f);
  buf[got] = 0;
  *length = got;
  return buf;
}

typedef struct {
  bool module, strict, raw, negative_parse;
} Test262Meta;

/* Reads the test262 frontmatter (between its opening and closing markers). */
static Test262Meta test262_meta(const char *src) {
  Test262Meta m = {false, false, false, false};
  const char *start = strstr(src, "/*---");
  const char *end = start ? strstr(start, "---*/") : NULL;
  if (!start || !end) return m;
  size_t n = (size_t)(end - start);
  char *fm = malloc(n + 1);
  memcpy(fm, start, n);
  fm[n] = 0;
  char *flags = strstr(fm, "flags:");
  if (flags) {
    char *eol = strchr(flags, ']');
    if (eol) *eol = 0;
    m.module = strstr(flags, "module") != NULL;
    m.strict = strstr(flags, "onlyStrict") != NULL;
    m.raw = strstr(flags, "raw") != NULL;
    if (eol) *eol = ']';
  }
  char *neg = strstr(fm, "negative:");
  if (neg) {
    char *phase = strstr(neg, "phase:");
    if (phase) {
      phase += 6;
      while (*phase == ' ') phase++;
      m.negative_parse = strncmp(phase, "parse", 5) == 0;
    }
  }
  free(fm);
  return m;
}

int main(int argc, char **argv) {
  bool module = false, strict = false, print_ast = false, test262 = false, timing = false;
  int files = 0, failures = 0, agreed = 0;
  double total_seconds = 0;
  size_t total_bytes = 0;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "--module") == 0) { module = true; continue; }
    if (strcmp(arg, "--strict") == 0) { strict = true; continue; }
    if (strcmp(arg, "--print-ast") == 0) { print_ast = true; continue; }
    if (strcmp(arg, "--test262") == 0) { test262 = true; continue; }
    if (strcmp(arg, "--time") == 0) { timing = true; continue; }
    size_t length;
    char *src = read_file(arg, &length);
    if (!src) { fprintf(stderr, "kiln-parse: cannot read %s\n", arg); failures++; continue; }
    files++;
    Test262Meta meta = {module, strict, false, false};
    if (test262) meta = test262_meta(src);
    ParseInfo info;
    memset(&info, 0, sizeof info);
    info.source = src;
    info.length = length;
    info.filename = arg;
    info.is_module = meta.module;
    info.is_strict = meta.strict;
    Zone *zone = zone_new();
    clock_t t0 = clock();
    bool ok = parser_parse(zone, &info);
    total_seconds += (double)(clock() - t0) / CLOCKS_PER_SEC;
    total_bytes += length;
    if (test262) {
      bool expected_ok = !meta.negative_parse;
      if (ok == expected_ok) agreed++;
      else {
        failures++;
        if (ok) printf("%s: parsed, expected a SyntaxError\n", arg);
        else printf("%s:%d:%d: %s (expected success)\n", arg, info.error.line,
                    info.error.column, info.error.message);
      }
    } else if (!ok) {
      failures++;
      printf("%s:%d:%d: %s: %s\n", arg, info.error.line, info.error.column,
             info.error.kind == PARSE_ERROR_RANGE ? "RangeError" : "SyntaxError",
             info.error.message);
    } else if (print_ast) {
      ast_print(stdout, info.program);
      putchar('\n');
    }
    zone_free(zone);
    free(src);
  }
  if (test262 && files > 1) printf("agreed %d / %d\n", agreed, files);
  if (timing)
    fprintf(stderr, "%zu bytes in %.3fs: %.1f MB/s\n", total_bytes, total_seconds,
            total_seconds > 0 ? total_bytes / total_seconds / 1e6 : 0.0);
  return failures ? 1 : 0;
}
