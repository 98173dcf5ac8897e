/*
 * test.h: Kiln's unit-test harness. A test is
 *
 *   TEST(heap, survives_scavenge) { Isolate *iso = test_isolate(); ... EXPECT(cond); }
 *
 * Tests register themselves at load time; kiln-unittests runs them all (or those whose
 * "suite.name" contains its filter argument) and prints "ok" or "FAIL" per test, then
 * "N passed, N failed". Flags given on its command line (--gc-interval=1, --verify-heap,
 * ...) go to every isolate the tests make, which is how `make stress` reuses the tests.
 */
#ifndef KILN_TESTS_UNIT_TEST_H_
#define KILN_TESTS_UNIT_TEST_H_

#include <stdio.h>

#include "execution/isolate.h"

typedef void (*TestFn)(void);
void test_register(const char *suite, const char *name, TestFn fn);
void test_fail(const char *file, int line, const char *expr);

#define TEST(suite, name)                                                    \
  static void test_##suite##_##name(void);                                   \
  __attribute__((constructor)) static void test_register_##suite##_##name(void) { \
    test_register(#suite, #name, test_##suite##_##name);                     \
  }                                                                          \
  static void test_##suite##_##name(void)

/* Records a failure and returns from the test. */
#define EXPECT(cond)                                                         \
  do {                                                                       \
    if (!(cond)) { test_fail(__FILE__, __LINE__, #cond); return; }           \
  } while (0)
#define EXPECT_EQ(a, b) EXPECT((a) == (b))

/* The flags from the command line, for tests that make their own isolates. */
const Flags *test_flags(void);
/* n, or a tenth of it (at least 1) under --gc-interval, where every allocation collects. */
int test_scale(int n);
/* A fresh isolate with the command-line flags, freed after the test. One per test. */
Isolate *test_isolate(void);

#endif /* KILN_TESTS_UNIT_TEST_H_ */
