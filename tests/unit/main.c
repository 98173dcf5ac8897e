/* main.c: the unit-test runner (see test.h). */
#include <stdlib.h>
#include <string.h>

#include "test.h"

typedef struct { const char *suite, *name; TestFn fn; } TestCase;

static TestCase tests[1024];
static int test_count;
static bool current_failed;
static Flags flags;
static Isolate *current_isolate;

void test_register(const char *suite, const char *name, TestFn fn) {
  if (test_count == (int)KILN_ARRAY_SIZE(tests)) FATAL("too many tests");
  tests[test_count++] = (TestCase){suite, name, fn};
}

void test_fail(const char *file, int line, const char *expr) {
  fprintf(stderr, "  %s:%d: expected %s\n", file, line, expr);
  current_failed = true;
}

const Flags *test_flags(void) { return &flags; }

int test_scale(int n) {
  if (flags.gc_interval == 0) return n;
  return n / 10 > 0 ? n / 10 : 1;
}

Isolate *test_isolate(void) {
  if (current_isolate) FATAL("one test_isolate per test");
  current_isolate = isolate_new(&flags);
  if (!current_isolate) FATAL("isolate_new failed");
  return current_isolate;
}

static int test_compare(const void *a, const void *b) {
  const TestCase *x = a, *y = b;
  int c = strcmp(x->suite, y->suite);
  return c ? c : strcmp(x->name, y->name);
}

int main(int argc, char **argv) {
  flags_init_defaults(&flags);
  const char *filter = NULL;
  for (int i = 1; i < argc; i++) {
    char err[200];
    if (argv[i][0] != '-') { filter = argv[i]; continue; }
    if (!flags_parse_one(&flags, argv[i], err, sizeof err)) {
      fprintf(stderr, "kiln-unittests: %s\n", err);
      return 2;
    }
  }
  qsort(tests, test_count, sizeof tests[0], test_compare);
  int passed = 0, failed = 0;
  for (int i = 0; i < test_count; i++) {
    char full[256];
    snprintf(full, sizeof full, "%s.%s", tests[i].suite, tests[i].name);
    if (filter && !strstr(full, filter)) continue;
    current_failed = false;
    tests[i].fn();
    if (current_isolate) { isolate_free(current_isolate); current_isolate = NULL; }
    printf("%s %s\n", current_failed ? "FAIL" : "ok", full);
    fflush(stdout);
    if (current_failed) failed++; else passed++;
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
