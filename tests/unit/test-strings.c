/* test-strings.c: strings, ropes, the string table, hashes, symbols (objects/string*.c). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "heap/heap.h"
#include "objects/string-table.h"
#include "objects/string.h"
#include "test.h"

static Handle str(Isolate *iso, const char *s) { return string_new_utf8(iso, s, strlen(s)); }

/* true if s's WTF-8 encoding is exactly the n bytes of expected. */
static bool utf8_is(Isolate *iso, Tagged s, const char *expected, size_t n) {
  size_t len;
  char *out = string_to_utf8(iso, s, &len);
  bool ok = out != NULL && len == n && memcmp(out, expected, n) == 0 && out[len] == '\0';
  free(out);
  return ok;
}

/* true if the flat string s has exactly the given code units. */
static bool units_are(Tagged s, const uint16_t *units, int64_t n) {
  if (string_length(s) != n || !string_is_flat(s)) return false;
  for (int64_t i = 0; i < n; i++) {
    if (string_get(s, i) != units[i]) return false;
  }
  return true;
}

/* Builds a rope of n one-character appends (or prepends), cycling through "a".."z". Under
 * --gc-interval=1 the build (n allocations, each with a heap walk) would take hours, so it
 * runs with a GC every 997 allocations instead; the rope still moves and gets promoted. */
static Handle build_rope(Isolate *iso, int n, bool prepend, char *expected) {
  Handle letters[26];
  for (int i = 0; i < 26; i++) {
    char c = (char)('a' + i);
    letters[i] = string_new_utf8(iso, &c, 1);
  }
  int64_t saved = iso->flags.gc_interval;
  if (saved > 0) iso->flags.gc_interval = 997;
  Handle acc = handle_new(iso, ROOT(iso, empty_string));
  for (int i = 0; i < n; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle letter = letters[i % 26];
    Handle r = prepend ? string_concat(iso, letter, acc) : string_concat(iso, acc, letter);
    if (handle_is_null(r)) FATAL("concat failed");
    *acc.loc = H(r);
    handle_scope_close(&scope);
    expected[prepend ? n - 1 - i : i] = (char)('a' + i % 26);
  }
  expected[n] = '\0';
  iso->flags.gc_interval = saved;
  return acc;
}

/* ---- Sequential strings ---------------------------------------------------------------- */

TEST(strings, seq_one_byte) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  const uint8_t latin1[] = {'c', 'a', 'f', 0xE9, 0xFF, 0};
  Handle s = string_new_one_byte(iso, latin1, 6);
  EXPECT(!handle_is_null(s));
  EXPECT(is_string(H(s)) && string_is_one_byte(H(s)) && string_is_sequential(H(s)));
  EXPECT(!string_is_internalized(H(s)));
  EXPECT_EQ(heap_object_map(H(s)), ROOT(iso, one_byte_string_map));
  EXPECT_EQ(string_length(H(s)), 6);
  EXPECT_EQ(seq_string_raw_hash(H(s)), 0u);
  EXPECT_EQ(string_get(H(s), 3), 0xE9);
  EXPECT_EQ(string_get(H(s), 4), 0xFF);
  EXPECT_EQ(string_get(H(s), 5), 0);
  EXPECT(memcmp(seq_one_byte_chars(H(s)), latin1, 6) == 0);
  EXPECT(heap_object_size(H(s)) == 32); /* 24-byte header + 6, rounded up to 8 */
  /* Empty input is the empty string itself. */
  EXPECT_EQ(H(string_new_one_byte(iso, latin1, 0)), ROOT(iso, empty_string));
  EXPECT_EQ(H(string_allocate_two_byte(iso, 0)), ROOT(iso, empty_string));
  handle_scope_close(&scope);
}

TEST(strings, seq_two_byte) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  const uint16_t units[] = {'h', 0x3C0, 0xD83D, 0xDE00, 0xDC00, 'x', 0};
  Handle s = string_new_two_byte(iso, units, 7);
  EXPECT(!handle_is_null(s) && !string_is_one_byte(H(s)));
  EXPECT_EQ(heap_object_map(H(s)), ROOT(iso, two_byte_string_map));
  EXPECT(units_are(H(s), units, 7));
  EXPECT(heap_object_size(H(s)) == 40); /* 24 + 14, rounded up */
  /* A builder fills an uninitialised string. */
  Handle b = string_allocate_two_byte(iso, 3);
  EXPECT(!handle_is_null(b));
  uint16_t *chars = seq_two_byte_chars(H(b));
  chars[0] = 'a', chars[1] = 0x100, chars[2] = 'c';
  Handle again = str(iso, "a\xC4\x80" "c");
  EXPECT(string_equals(H(b), H(again)));
  handle_scope_close(&scope);
}

/* ---- UTF-8 / WTF-8 ---------------------------------------------------------------------- */

TEST(strings, utf8_round_trip) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  static const struct { const char *text; int64_t units; bool one_byte; } kCases[] = {
      {"plain ascii", 11, true},
      {"caf\xC3\xA9 \xC3\xBF", 6, true},               /* Latin-1 stays one-byte */
      {"\xCF\x80=3.14", 6, false},                       /* U+03C0 */
      {"\xF0\x9F\x98\x80!", 3, false},                   /* U+1F600: a surrogate pair */
      {"a\xED\xA0\x80z", 3, false},                      /* lone lead surrogate D800 */
      {"\xED\xBF\xBF", 1, false},                        /* lone trail surrogate DFFF */
      {"\xED\xB0\x80\xF4\x8F\xBF\xBF\xED\xAF\xBF", 4, false}, /* trail, U+10FFFF, lead */
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kCases); i++) {
    Handle s = str(iso, kCases[i].text);
    EXPECT(!handle_is_null(s));
    EXPECT_EQ(string_length(H(s)), kCases[i].units);
    EXPECT_EQ(string_is_one_byte(H(s)), kCases[i].one_byte);
    EXPECT(utf8_is(iso, H(s), kCases[i].text, strlen(kCases[i].text)));
  }
  Handle pair = str(iso, "\xF0\x9F\x98\x80");
  EXPECT(string_get(H(pair), 0) == 0xD83D && string_get(H(pair), 1) == 0xDE00);
  Handle lone = str(iso, "\xED\xA0\x80");
  EXPECT(string_get(H(lone), 0) == 0xD800);
  /* A lead and a trail joined by concatenation encode as one 4-byte code point. */
  Handle lead = str(iso, "\xED\xA0\xBD"), trail = str(iso, "\xED\xB8\x80");
  Handle joined = string_concat(iso, lead, trail);
  EXPECT(utf8_is(iso, H(joined), "\xF0\x9F\x98\x80", 4));
  /* Embedded NULs survive. */
  Handle nul = string_new_utf8(iso, "a\0b", 3);
  EXPECT(string_length(H(nul)) == 3 && utf8_is(iso, H(nul), "a\0b", 3));
  handle_scope_close(&scope);
}

TEST(strings, utf8_invalid_becomes_replacement) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  static const struct { const char *in, *out; } kCases[] = {
      {"\x80", "\xEF\xBF\xBD"},                                 /* stray continuation */
      {"a\xFF" "b", "a\xEF\xBF\xBD" "b"},                       /* never a lead byte */
      {"\xC0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD"},                 /* overlong: 2 subparts */
      {"\xE0\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, /* overlong 3-byte */
      {"\xE1\x80" "A", "\xEF\xBF\xBD" "A"},                     /* truncated, then ASCII */
      {"\xF0\x9F\x98", "\xEF\xBF\xBD"},                         /* truncated at the end */
      {"\xF0\x9F\x98\xF0\x9F\x98\x80", "\xEF\xBF\xBD\xF0\x9F\x98\x80"},
      {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, /* > 10FFFF */
      {"\xF5", "\xEF\xBF\xBD"},
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kCases); i++) {
    Handle s = str(iso, kCases[i].in);
    EXPECT(!handle_is_null(s));
    EXPECT(utf8_is(iso, H(s), kCases[i].out, strlen(kCases[i].out)));
  }
  Handle one = str(iso, "\x80");
  EXPECT(string_length(H(one)) == 1 && string_get(H(one), 0) == 0xFFFD);
  handle_scope_close(&scope);
}

/* ---- Cons strings ----------------------------------------------------------------------- */

TEST(strings, short_concat_is_flat) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = str(iso, "hello "), b = str(iso, "world!"); /* 12 < kMinConsLength */
  Handle c = string_concat(iso, a, b);
  EXPECT(!handle_is_null(c) && string_is_sequential(H(c)) && string_is_one_byte(H(c)));
  EXPECT(string_equals_ascii(H(c), "hello world!"));
  Handle empty = handle_new(iso, ROOT(iso, empty_string));
  EXPECT(handle_is_identical(string_concat(iso, a, empty), a));
  EXPECT(handle_is_identical(string_concat(iso, empty, b), b));
  Handle pi = str(iso, "\xCF\x80");
  Handle mixed = string_concat(iso, a, pi);
  EXPECT(!string_is_one_byte(H(mixed)) && utf8_is(iso, H(mixed), "hello \xCF\x80", 8));
  handle_scope_close(&scope);
}

TEST(strings, cons_create_and_flatten) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = str(iso, "hello, "), b = str(iso, "world!!");
  Handle c = string_concat(iso, a, b);
  EXPECT(!handle_is_null(c) && string_is_cons(H(c)) && !string_is_flat(H(c)));
  EXPECT_EQ(heap_object_map(H(c)), ROOT(iso, cons_one_byte_string_map));
  EXPECT_EQ(string_length(H(c)), 14);
  EXPECT(string_equals_ascii(H(c), "hello, world!!")); /* reads the rope as it is */
  EXPECT(!string_equals_ascii(H(c), "hello, world!?"));
  heap_collect_young(&iso->heap);
  EXPECT(cons_string_first(H(c)) == H(a) && cons_string_second(H(c)) == H(b));
  Handle flat = string_flatten(iso, c);
  EXPECT(!handle_is_null(flat) && string_is_sequential(H(flat)));
  EXPECT(string_equals_ascii(H(flat), "hello, world!!"));
  EXPECT_EQ(cons_string_first(H(c)), H(flat));
  EXPECT_EQ(cons_string_second(H(c)), ROOT(iso, empty_string));
  EXPECT(string_is_flat(H(c)) && string_get(H(c), 7) == 'w');
  EXPECT(handle_is_identical(string_flatten(iso, c), flat)); /* free the second time */
  heap_collect_full(&iso->heap);
  EXPECT(cons_string_first(H(c)) == H(flat) && string_equals_ascii(H(c), "hello, world!!"));
  /* Two-byte: one two-byte half makes a two-byte rope. */
  Handle pi = str(iso, "\xCF\x80 is roughly 3.14159");
  Handle c2 = string_concat(iso, a, pi);
  EXPECT_EQ(heap_object_map(H(c2)), ROOT(iso, cons_two_byte_string_map));
  Handle f2 = string_flatten(iso, c2);
  EXPECT(!string_is_one_byte(H(f2)) && string_get(H(f2), 7) == 0x3C0);
  static const char kExpected[] = "hello, \xCF\x80 is roughly 3.14159";
  EXPECT(utf8_is(iso, H(f2), kExpected, sizeof kExpected - 1));
  handle_scope_close(&scope);
}

TEST(strings, flatten_shared_dag) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle s = str(iso, "0123456789abc");
  for (int i = 0; i < 6; i++) s = string_concat(iso, s, s); /* 13 * 64, nodes shared */
  Handle inner = string_concat(iso, str(iso, "<<<"), s);
  Handle both = string_concat(iso, inner, string_concat(iso, s, str(iso, ">>>")));
  EXPECT(string_length(H(both)) == 13 * 64 * 2 + 6);
  Handle flat = string_flatten(iso, both);
  EXPECT(!handle_is_null(flat));
  EXPECT(string_get(H(flat), 0) == '<' && string_get(H(flat), 3) == '0');
  for (int64_t i = 0; i < 13 * 128; i++) {
    EXPECT(string_get(H(flat), 3 + i) == (uint16_t)"0123456789abc"[i % 13]);
  }
  EXPECT(string_get(H(flat), 13 * 128 + 5) == '>');
  handle_scope_close(&scope);
}

typedef struct {
  Isolate *iso;
  Handle rope;
  const char *expected;
  int64_t length;
} DeepRope;

/* Walks that do not flatten (equality, hash, WTF-8), then flattening, which must leave the
 * cons as a view of its flat copy. */
static void deep_rope_checks(DeepRope *d) {
  Isolate *iso = d->iso;
  Handle rope = d->rope;
  Handle flat_copy = string_new_utf8(iso, d->expected, (size_t)d->length);
  uint32_t rope_hash = name_hash(iso, H(rope));
  EXPECT(string_equals(H(rope), H(flat_copy)));
  EXPECT_EQ(string_compare(H(rope), H(flat_copy)), 0);
  EXPECT_EQ(rope_hash, name_hash(iso, H(flat_copy)));
  EXPECT(utf8_is(iso, H(rope), d->expected, (size_t)d->length));
  EXPECT(string_is_cons(H(rope)) && !string_is_flat(H(rope)));
  Handle flat = string_flatten(iso, rope);
  EXPECT(!handle_is_null(flat) && string_is_sequential(H(flat)));
  EXPECT(memcmp(seq_one_byte_chars(H(flat)), d->expected, (size_t)d->length) == 0);
  EXPECT_EQ(cons_string_second(H(rope)), ROOT(iso, empty_string));
  EXPECT_EQ(name_hash(iso, H(flat)), rope_hash);
}

static void *deep_rope_thread(void *arg) {
  deep_rope_checks(arg);
  return NULL;
}

/* The checks run on a thread with a 256 KiB stack (the isolate is used by one thread at a
 * time: this one waits), so a walk that recursed once per rope level would overflow it. */
static void check_deep_rope(bool prepend) {
  enum { kAppends = 100000 };
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  char *expected = malloc(kAppends + 1);
  Handle rope = build_rope(iso, kAppends, prepend, expected);
  EXPECT(string_is_cons(H(rope)) && string_length(H(rope)) == kAppends);
  DeepRope d = {iso, rope, expected, kAppends};
  pthread_attr_t attr;
  pthread_t thread;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  bool started = pthread_create(&thread, &attr, deep_rope_thread, &d) == 0;
  if (started) pthread_join(thread, NULL);
  pthread_attr_destroy(&attr);
  free(expected);
  EXPECT(started);
  handle_scope_close(&scope);
}

TEST(strings, deep_rope_of_appends) { check_deep_rope(false); }
TEST(strings, deep_rope_of_prepends) { check_deep_rope(true); }

TEST(strings, substring) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle rope = string_concat(iso, str(iso, "abcdefgh"), str(iso, "ijklmnop"));
  Handle sub = string_substring(iso, rope, 6, 10);
  EXPECT(!handle_is_null(sub) && string_is_sequential(H(sub)));
  EXPECT(string_equals_ascii(H(sub), "ghij"));
  EXPECT(string_is_flat(H(rope))); /* substring flattened its source */
  EXPECT(string_equals_ascii(H(string_substring(iso, rope, -5, 3)), "abc"));
  EXPECT(string_equals_ascii(H(string_substring(iso, rope, 14, 99)), "op"));
  EXPECT_EQ(H(string_substring(iso, rope, 9, 4)), ROOT(iso, empty_string));
  Handle two = str(iso, "x\xF0\x9F\x98\x80y");
  Handle half = string_substring(iso, two, 1, 2); /* just the lead surrogate */
  EXPECT(string_length(H(half)) == 1 && string_get(H(half), 0) == 0xD83D);
  EXPECT(utf8_is(iso, H(half), "\xED\xA0\xBD", 3));
  handle_scope_close(&scope);
}

/* ---- Comparison ----------------------------------------------------------------------- */

TEST(strings, compare_and_equals) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = str(iso, "apple"), b = str(iso, "apricot"), ab = str(iso, "app");
  Handle empty = handle_new(iso, ROOT(iso, empty_string));
  EXPECT(string_compare(H(a), H(b)) < 0 && string_compare(H(b), H(a)) > 0);
  EXPECT(string_compare(H(ab), H(a)) < 0);        /* a prefix sorts first */
  EXPECT(string_compare(H(empty), H(ab)) < 0 && string_compare(H(a), H(a)) == 0);
  Handle upper = str(iso, "Zebra");
  EXPECT(string_compare(H(upper), H(a)) < 0);     /* code units, not locale */
  /* U+FF61 sorts after U+D83D in UTF-16 order (unlike code point order). */
  Handle high = str(iso, "\xEF\xBD\xA1"), astral = str(iso, "\xF0\x9F\x98\x80");
  EXPECT(string_compare(H(astral), H(high)) < 0);
  /* One-byte and two-byte with equal content. */
  const uint16_t wide[] = {'a', 'p', 'p', 'l', 'e'};
  Handle a2 = string_new_two_byte(iso, wide, 5);
  EXPECT(string_equals(H(a), H(a2)) && string_compare(H(a), H(a2)) == 0);
  EXPECT(!string_equals(H(a), H(b)) && !string_equals(H(a), H(ab)));
  /* Ropes against flat strings, both ways, with a difference at the very end. */
  Handle r1 = string_concat(iso, str(iso, "0123456789"), str(iso, "abcdef"));
  Handle r2 = string_concat(iso, str(iso, "012345"), str(iso, "6789abcdeg"));
  EXPECT(string_is_cons(H(r1)) && string_is_cons(H(r2)));
  EXPECT(!string_equals(H(r1), H(r2)) && string_compare(H(r1), H(r2)) < 0);
  EXPECT(string_equals(H(r1), H(str(iso, "0123456789abcdef"))));
  EXPECT(string_equals_ascii(H(r2), "0123456789abcdeg"));
  EXPECT(!string_equals_ascii(H(r2), "0123456789abcde"));
  handle_scope_close(&scope);
}

/* ---- Internalization and the string table --------------------------------------------- */

TEST(strings, internalize_unique) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = str(iso, "shared-name"), b = str(iso, "shared-name");
  EXPECT(H(a) != H(b));
  Handle ia = string_internalize(iso, a), ib = string_internalize(iso, b);
  EXPECT(!handle_is_null(ia) && string_is_internalized(H(ia)));
  EXPECT(handle_is_identical(ia, ib));
  EXPECT(handle_is_identical(ia, string_internalize(iso, ia)));
  EXPECT(handle_is_identical(ia, string_internalize_utf8(iso, "shared-name", 11)));
  EXPECT(raw_hash_is_computed(seq_string_raw_hash(H(ia))));
  /* The root strings are in the table. */
  EXPECT_EQ(H(string_internalize(iso, str(iso, "length"))), ROOT(iso, length_string));
  EXPECT_EQ(H(string_internalize_utf8(iso, "", 0)), ROOT(iso, empty_string));
  /* Different content, different strings. */
  Handle other = string_internalize(iso, str(iso, "shared-namE"));
  EXPECT(H(other) != H(ia) && !string_equals(H(other), H(ia)));
  /* A rope internalizes to the same string as its flat content. */
  Handle rope = string_concat(iso, str(iso, "shared-"), str(iso, "rope-name"));
  Handle ir = string_internalize(iso, rope);
  EXPECT(H(ir) == H(string_internalize_utf8(iso, "shared-rope-name", 16)));
  handle_scope_close(&scope);
}

TEST(strings, internalize_across_widths) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  const uint16_t wide[] = {'c', 'a', 'f', 0xE9};
  Handle two = string_new_two_byte(iso, wide, 4);
  Handle one = str(iso, "caf\xC3\xA9");
  EXPECT(!string_is_one_byte(H(two)) && string_is_one_byte(H(one)));
  EXPECT(string_equals(H(one), H(two)));
  EXPECT_EQ(name_hash(iso, H(one)), name_hash(iso, H(two)));
  Handle i1 = string_internalize(iso, one), i2 = string_internalize(iso, two);
  EXPECT(handle_is_identical(i1, i2));
  /* And the other way round: a two-byte string in the table first. */
  const uint16_t wide2[] = {'x', 'y', 'z', 'z', 'y'};
  Handle t = string_internalize(iso, string_new_two_byte(iso, wide2, 5));
  EXPECT(!string_is_one_byte(H(t)) && string_is_internalized(H(t)));
  EXPECT(H(string_internalize(iso, str(iso, "xyzzy"))) == H(t));
  EXPECT(H(string_internalize_utf8(iso, "xyzzy", 5)) == H(t));
  /* Non-Latin-1 content through the UTF-8 path. */
  Handle snow = string_internalize(iso, str(iso, "\xE2\x98\x83 snow"));
  EXPECT(H(string_internalize_utf8(iso, "\xE2\x98\x83 snow", 8)) == H(snow));
  handle_scope_close(&scope);
}

TEST(strings, table_drops_dead_strings) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  heap_collect_full(&iso->heap);
  int before = string_table_count(iso->string_table);
  Handle keep = string_internalize(iso, str(iso, "kept-alive"));
  HandleScope inner;
  handle_scope_open(iso, &inner);
  for (int i = 0; i < 200; i++) {
    char name[32];
    int n = snprintf(name, sizeof name, "dead-%d", i);
    Handle h = i % 2 ? string_internalize_utf8(iso, name, (size_t)n)      /* old space */
                     : string_internalize(iso, string_new_utf8(iso, name, (size_t)n)); /* young */
    EXPECT(!handle_is_null(h));
  }
  EXPECT_EQ(string_table_count(iso->string_table), before + 201);
  handle_scope_close(&inner);
  heap_collect_full(&iso->heap);
  EXPECT_EQ(string_table_count(iso->string_table), before + 1);
  EXPECT(H(string_internalize_utf8(iso, "kept-alive", 10)) == H(keep));
  /* Re-internalizing a dead name makes a new string and the table still works. */
  Handle again = string_internalize_utf8(iso, "dead-7", 6);
  EXPECT(!handle_is_null(again) && string_equals_ascii(H(again), "dead-7"));
  EXPECT_EQ(string_table_count(iso->string_table), before + 2);
  handle_scope_close(&scope);
}

TEST(strings, table_finds_moved_strings) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle young = string_internalize(iso, str(iso, "young-internalized"));
  EXPECT(page_is_young(H(young)) || iso->flags.gc_interval > 0);
  for (int i = 0; i < 3; i++) {
    heap_collect_young(&iso->heap); /* moves it, then promotes it */
    EXPECT(H(string_internalize(iso, str(iso, "young-internalized"))) == H(young));
  }
  EXPECT(!page_is_young(H(young)));
  heap_collect_full(&iso->heap);
  EXPECT(H(string_internalize_utf8(iso, "young-internalized", 18)) == H(young));
  EXPECT(string_equals_ascii(H(young), "young-internalized"));
  handle_scope_close(&scope);
}

TEST(strings, table_grows) {
  enum { kCount = 3000 };
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  int before = string_table_count(iso->string_table);
  Handle *kept = malloc(kCount * sizeof(Handle));
  for (int i = 0; i < kCount; i++) {
    char name[32];
    int n = snprintf(name, sizeof name, "k%d", i * 7919);
    kept[i] = string_internalize(iso, string_new_utf8(iso, name, (size_t)n));
  }
  EXPECT_EQ(string_table_count(iso->string_table), before + kCount);
  heap_collect_full(&iso->heap);
  bool all_found = true;
  for (int i = 0; i < kCount; i++) {
    char name[32];
    int n = snprintf(name, sizeof name, "k%d", i * 7919);
    all_found &= H(string_internalize_utf8(iso, name, (size_t)n)) == H(kept[i]);
  }
  free(kept);
  EXPECT(all_found);
  EXPECT_EQ(string_table_count(iso->string_table), before + kCount);
  handle_scope_close(&scope);
}

/* ---- Hashes ---------------------------------------------------------------------------- */

/* SipHash-1-3 with the all-zero key, against CPython 3.11's hash of bytes objects
 * (PYTHONHASHSEED=0 python3 -c 'print(hex(hash(b"abc") % 2**64))'), and SipHash-2-4
 * against the paper's test vectors (key 00..0f, message 00..len-1). */
TEST(strings, siphash_known_answers) {
  static const struct { const char *msg; uint64_t hash; } k13[] = {
      {"a", UINT64_C(0x407448d2b89b1813)},
      {"abc", UINT64_C(0xc03bc3a0042630f2)},
      {"abcdefgh", UINT64_C(0x3f7b849c0b8e35ea)},
      {"abcdefghijklmno", UINT64_C(0x1fd27a29b0e9dc7a)},
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(k13); i++) {
    SipHash h;
    siphash_init(&h, 0, 0, 1, 3);
    siphash_add_bytes(&h, (const uint8_t *)k13[i].msg, strlen(k13[i].msg));
    EXPECT_EQ(siphash_finish(&h), k13[i].hash);
  }
  static const struct { size_t len; uint64_t hash; } k24[] = {
      {0, UINT64_C(0x726fdb47dd0e0e31)},
      {1, UINT64_C(0x74f839c593dc67fd)},
      {15, UINT64_C(0xa129ca6149be45e5)},
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(k24); i++) {
    uint8_t msg[16];
    for (size_t j = 0; j < sizeof msg; j++) msg[j] = (uint8_t)j;
    SipHash h;
    siphash_init(&h, UINT64_C(0x0706050403020100), UINT64_C(0x0f0e0d0c0b0a0908), 2, 4);
    siphash_add_bytes(&h, msg, k24[i].len);
    EXPECT_EQ(siphash_finish(&h), k24[i].hash);
  }
}

TEST(strings, hash_equal_content) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = str(iso, "some property name"), b = str(iso, "some property name");
  Handle rope = string_concat(iso, str(iso, "some property"), str(iso, " name"));
  EXPECT(seq_string_raw_hash(H(a)) == 0);
  uint32_t h = name_hash(iso, H(a));
  EXPECT(raw_hash_is_computed(seq_string_raw_hash(H(a)))); /* cached */
  EXPECT_EQ(raw_hash_value(seq_string_raw_hash(H(a))), h);
  EXPECT(h <= kNameHashMask);
  EXPECT_EQ(name_hash(iso, H(b)), h);
  EXPECT_EQ(name_hash(iso, H(rope)), h);
  EXPECT(string_is_cons(H(rope)) && !string_is_flat(H(rope))); /* hashing did not flatten */
  EXPECT(name_hash(iso, H(str(iso, "some property namE"))) != h ||
         name_hash(iso, H(str(iso, "some property nam"))) != h);
  /* The empty string and array indices hash too. */
  EXPECT(raw_hash_is_computed(string_raw_hash(iso, ROOT(iso, empty_string))));
  uint64_t raw7 = string_raw_hash(iso, H(str(iso, "7")));
  EXPECT(raw_hash_is_array_index(raw7) && raw_hash_array_index(raw7) == 7);
  /* Symbols: each its own hash, in range, stored at creation. */
  Handle undef = handle_new(iso, isolate_undefined(iso));
  Handle s1 = symbol_new(iso, a, false), s2 = symbol_new(iso, a, false);
  EXPECT(name_hash(iso, H(s1)) != name_hash(iso, H(s2)));
  EXPECT(name_hash(iso, H(s1)) <= kNameHashMask && name_hash(iso, H(s1)) == name_hash(iso, H(s1)));
  Handle p = symbol_new(iso, undef, true);
  EXPECT(symbol_has_flag(H(p), SYMBOL_IS_PRIVATE) && !symbol_has_flag(H(s1), SYMBOL_IS_PRIVATE));
  EXPECT(is_undefined(iso, symbol_description(H(p))));
  heap_collect_full(&iso->heap);
  EXPECT(string_equals(symbol_description(H(s1)), H(a)));
  EXPECT(is_symbol(H(s1)) && is_name(H(s1)) && !is_string(H(s1)));
  handle_scope_close(&scope);
}

static bool hashes_of(Isolate *iso, uint32_t out[3]) {
  static const char *const kNames[] = {"hello", "constructor", "a much longer property name"};
  HandleScope scope;
  handle_scope_open(iso, &scope);
  bool ok = true;
  for (int i = 0; i < 3; i++) {
    Handle s = string_new_utf8(iso, kNames[i], strlen(kNames[i]));
    ok &= !handle_is_null(s);
    if (ok) out[i] = name_hash(iso, H(s));
  }
  handle_scope_close(&scope);
  return ok;
}

TEST(strings, hash_is_keyed_per_isolate) {
  Isolate *iso = test_isolate();
  Isolate *other = isolate_new(test_flags());
  EXPECT(other != NULL);
  uint32_t h1[3], h2[3], h1_again[3];
  bool ok = hashes_of(iso, h1) && hashes_of(other, h2) && hashes_of(iso, h1_again);
  isolate_free(other);
  EXPECT(ok);
  EXPECT(memcmp(h1, h1_again, sizeof h1) == 0); /* stable within an isolate */
  /* Equal by chance with probability 2^-90. */
  EXPECT(h1[0] != h2[0] || h1[1] != h2[1] || h1[2] != h2[2]);
}

TEST(strings, array_index) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  static const struct { const char *text; bool is_index; uint32_t index; } kCases[] = {
      {"0", true, 0},          {"7", true, 7},
      {"01", false, 0},        {"00", false, 0},
      {"4294967294", true, UINT32_C(4294967294)},
      {"4294967295", false, 0}, {"4294967296", false, 0},
      {"9999999999", false, 0}, {"10000000000", false, 0},
      {"-1", false, 0},        {"", false, 0},
      {"1.5", false, 0},       {"1e3", false, 0},
      {" 1", false, 0},        {"123", true, 123},
      {"2147483648", true, UINT32_C(2147483648)},
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kCases); i++) {
    /* Twice: parsed directly, then read from the cached hash bits. */
    Handle s = str(iso, kCases[i].text);
    for (int pass = 0; pass < 2; pass++) {
      uint32_t index = 12345;
      bool is_index = string_to_array_index(H(s), &index);
      EXPECT_EQ(is_index, kCases[i].is_index);
      if (is_index) EXPECT_EQ(index, kCases[i].index);
      (void)string_raw_hash(iso, H(s));
    }
  }
  const uint16_t wide[] = {'4', '2'};
  uint32_t index = 0;
  EXPECT(string_to_array_index(H(string_new_two_byte(iso, wide, 2)), &index) && index == 42);
  handle_scope_close(&scope);
}

/* ---- Limits ----------------------------------------------------------------------------- */

TEST(strings, too_long_throws_range_error) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  EXPECT(!isolate_has_pending_exception(iso));
  Handle big = string_allocate_one_byte(iso, (int64_t)kMaxStringLength + 1);
  EXPECT(handle_is_null(big) && isolate_has_pending_exception(iso));
  isolate_clear_pending_exception(iso);
  /* Doubling a rope reaches the limit without memory: 16 << 24 = 2^28 fits. */
  Handle s = str(iso, "0123456789abcdef");
  for (int i = 0; i < 24; i++) s = string_concat(iso, s, s);
  EXPECT(!handle_is_null(s) && string_length(H(s)) == (int64_t)1 << 28);
  EXPECT(!isolate_has_pending_exception(iso));
  Handle too_long = string_concat(iso, s, s);  /* 2^29 > kMaxStringLength */
  EXPECT(handle_is_null(too_long) && isolate_has_pending_exception(iso));
  isolate_clear_pending_exception(iso);
  /* The isolate is still usable. */
  Handle ok = string_concat(iso, str(iso, "still "), str(iso, "working fine"));
  EXPECT(!handle_is_null(ok) && string_equals_ascii(H(ok), "still working fine"));
  handle_scope_close(&scope);
}

/* A scavenge visits only the table's young entries: dead young strings leave, survivors
 * are found at their new addresses, also after the table was rebuilt while they were
 * young, and old entries are untouched. */
TEST(strings, table_scavenge_visits_young_entries) {
  enum { kCount = 600 };
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  heap_collect_full(&iso->heap);
  int before = string_table_count(iso->string_table);
  Handle old = string_internalize_utf8(iso, "old-entry", 9);
  Handle *kept = malloc(kCount * sizeof(Handle));
  HandleScope inner;
  handle_scope_open(iso, &inner);
  for (int i = 0; i < kCount; i++) { /* enough to make the table rehash */
    char name[32];
    int n = snprintf(name, sizeof name, "young-%d", i);
    Handle h = string_internalize(iso, string_new_utf8(iso, name, (size_t)n));
    EXPECT(!handle_is_null(h));
    kept[i] = i % 3 == 0 ? handle_new(iso, H(h)) : HANDLE_NULL;
  }
  EXPECT_EQ(string_table_count(iso->string_table), before + 1 + kCount);
  /* keep every third one alive in the outer scope, drop the rest */
  Tagged keep_values[kCount];
  for (int i = 0; i < kCount; i++) keep_values[i] = handle_is_null(kept[i]) ? 0 : H(kept[i]);
  handle_scope_close(&inner);
  for (int i = 0; i < kCount; i++) kept[i] = keep_values[i] ? handle_new(iso, keep_values[i])
                                                           : HANDLE_NULL;
  /* (with --gc-interval, forced collections promote some of them first: old strings die
   * only in a full collection) */
  bool exact = iso->flags.gc_interval <= 0;
  heap_collect_young(&iso->heap);
  if (exact) EXPECT_EQ(string_table_count(iso->string_table), before + 1 + kCount / 3);
  heap_collect_young(&iso->heap);
  for (int i = 0; i < kCount; i += 3) {
    char name[32];
    int n = snprintf(name, sizeof name, "young-%d", i);
    EXPECT(H(string_internalize_utf8(iso, name, (size_t)n)) == H(kept[i]));
  }
  EXPECT(H(string_internalize_utf8(iso, "old-entry", 9)) == H(old));
  heap_collect_full(&iso->heap);
  EXPECT_EQ(string_table_count(iso->string_table), before + 1 + kCount / 3);
  free(kept);
  handle_scope_close(&scope);
}
