/* test-scanner.c: the lexical grammar (parsing/scanner.c). */
#include <math.h>
#include <string.h>

#include "parsing/scanner.h"
#include "parsing/zone.h"
#include "test.h"

/* Scans src and writes "TYPE TYPE ..." (token texts, '\n' marking newline_before) into out. */
static bool scan_all(const char *src, TokenType *types, int max, int *count) {
  Zone *zone = zone_new();
  Scanner s;
  scanner_init(&s, zone, src, strlen(src), false);
  Token t;
  int n = 0;
  bool ok = true;
  for (;;) {
    scanner_next(&s, &t);
    if (t.type == TOKEN_EOS) break;
    if (t.type == TOKEN_ILLEGAL) { ok = false; break; }
    if (n < max) types[n] = t.type;
    n++;
  }
  *count = n;
  scanner_free(&s);
  zone_free(zone);
  return ok;
}

/* The first token of src. */
static Token first_token(Zone *zone, Scanner *s, const char *src) {
  scanner_init(s, zone, src, strlen(src), false);
  Token t;
  scanner_next(s, &t);
  return t;
}

TEST(scanner, punctuators_longest_match) {
  TokenType types[32];
  int n;
  EXPECT(scan_all(">>>= >>= >> > ?. ?? ?\?= ** **= ... => &&= ||= ?.5", types, 32, &n));
  TokenType want[] = {TOKEN_ASSIGN_SHR, TOKEN_ASSIGN_SAR, TOKEN_SAR, TOKEN_GT, TOKEN_QUESTION_DOT,
                      TOKEN_NULLISH, TOKEN_ASSIGN_NULLISH, TOKEN_EXP, TOKEN_ASSIGN_EXP,
                      TOKEN_ELLIPSIS, TOKEN_ARROW, TOKEN_ASSIGN_AND, TOKEN_ASSIGN_OR,
                      TOKEN_QUESTION, TOKEN_NUMBER};
  EXPECT_EQ(n, (int)(sizeof want / sizeof want[0]));
  for (int i = 0; i < n; i++) EXPECT_EQ(types[i], want[i]);
}

TEST(scanner, keywords_and_escapes) {
  Zone *zone = zone_new();
  Scanner s;
  Token t = first_token(zone, &s, "while");
  EXPECT_EQ(t.type, TOKEN_WHILE);
  scanner_free(&s);
  t = first_token(zone, &s, "wh\\u0069le");
  EXPECT_EQ(t.type, TOKEN_ESCAPED_KEYWORD);
  EXPECT_EQ(t.keyword, TOKEN_WHILE);
  EXPECT(strcmp(t.value->data, "while") == 0);
  scanner_free(&s);
  t = first_token(zone, &s, "\\u{61}b\\u0063");
  EXPECT_EQ(t.type, TOKEN_IDENTIFIER);
  EXPECT(t.escaped);
  EXPECT(strcmp(t.value->data, "abc") == 0);
  scanner_free(&s);
  /* Same name, same pointer (interned). */
  scanner_init(&s, zone, "abc \\u0061bc", 12, false);
  Token a, b;
  scanner_next(&s, &a);
  scanner_next(&s, &b);
  EXPECT(a.value == b.value);
  scanner_free(&s);
  /* Unicode identifiers through ICU; an escape must still be an identifier char. */
  t = first_token(zone, &s, "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(t.type, TOKEN_IDENTIFIER);
  EXPECT_EQ(t.value->utf16_length, 3u);
  scanner_free(&s);
  t = first_token(zone, &s, "a\\u002Db");
  EXPECT_EQ(t.type, TOKEN_ILLEGAL);
  scanner_free(&s);
  zone_free(zone);
}

TEST(scanner, numbers) {
  struct { const char *src; double value; } cases[] = {
    {"0", 0}, {"1_000_000", 1e6}, {"0x1F", 31}, {"0o17", 15}, {"0b1010", 10},
    {".5", 0.5}, {"1.5e3", 1500}, {"1E-2", 0.01}, {"010", 8}, {"08", 8}, {"09.5", 9.5},
    {"0x1fffffffffffff", 9007199254740991.0}, {"0x20000000000001", 9007199254740992.0},
    {"0x20000000000003", 9007199254740996.0}, {"1e400", INFINITY},
    {"0.1", 0.1}, {"123456789012345678901234567890", 1.2345678901234568e29},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    Zone *zone = zone_new();
    Scanner s;
    Token t = first_token(zone, &s, cases[i].src);
    if (t.type != TOKEN_NUMBER || t.number != cases[i].value)
      fprintf(stderr, "  case %s: type %d value %.17g\n", cases[i].src, t.type, t.number);
    EXPECT_EQ(t.type, TOKEN_NUMBER);
    EXPECT(t.number == cases[i].value);
    EXPECT_EQ(t.octal_pos >= 0, cases[i].src[0] == '0' && cases[i].src[1] >= '0' && cases[i].src[1] <= '9');
    scanner_free(&s);
    zone_free(zone);
  }
}

TEST(scanner, bigints) {
  Zone *zone = zone_new();
  Scanner s;
  Token t = first_token(zone, &s, "0x1Fn");
  EXPECT_EQ(t.type, TOKEN_BIGINT);
  EXPECT_EQ(t.radix, 16);
  EXPECT(strcmp(t.value->data, "1F") == 0);
  scanner_free(&s);
  t = first_token(zone, &s, "1_000n");
  EXPECT_EQ(t.type, TOKEN_BIGINT);
  EXPECT(strcmp(t.value->data, "1000") == 0);
  scanner_free(&s);
  zone_free(zone);
}

TEST(scanner, invalid_numbers) {
  const char *bad[] = {"1_", "1__0", "0_1", "1._5", "1_.5", "1e_5", "0x_1", "0x", "3in",
                       "1.5n", "010n", "08n", "1e", "0b2", "0o8", "5_n"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    Zone *zone = zone_new();
    Scanner s;
    Token t = first_token(zone, &s, bad[i]);
    if (t.type != TOKEN_ILLEGAL) fprintf(stderr, "  case %s scanned\n", bad[i]);
    EXPECT_EQ(t.type, TOKEN_ILLEGAL);
    EXPECT(s.has_error);
    scanner_free(&s);
    zone_free(zone);
  }
}

TEST(scanner, strings_and_escapes) {
  struct { const char *src, *value; int octal; } cases[] = {
    {"'abc'", "abc", 0}, {"\"a\\nb\"", "a\nb", 0}, {"'\\x41\\u0042\\u{43}'", "ABC", 0},
    {"'a\\\nb'", "ab", 0}, {"'a\\\r\nb'", "ab", 0}, {"'\\0'", "", 0}, {"'\\101'", "A", 1},
    {"'\\8'", "8", 1}, {"'\\u{1F600}'", "\xF0\x9F\x98\x80", 0},
    {"'\\uD83D\\uDE00'", "\xF0\x9F\x98\x80", 0}, {"'\\uD800'", "\xED\xA0\x80", 0},
    {"'\xE2\x80\xA8'", "\xE2\x80\xA8", 0}, {"'\\q'", "q", 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    Zone *zone = zone_new();
    Scanner s;
    Token t = first_token(zone, &s, cases[i].src);
    EXPECT_EQ(t.type, TOKEN_STRING);
    if (cases[i].src[1] != '\\' || cases[i].src[2] != '0')
      EXPECT(strcmp(t.value->data, cases[i].value) == 0);
    else
      EXPECT(t.value->byte_length == 1 && t.value->data[0] == 0);
    EXPECT_EQ(t.octal_pos >= 0, cases[i].octal != 0);
    scanner_free(&s);
    zone_free(zone);
  }
  /* Lone surrogate: UTF-16 length 1, pair: length 2 */
  Zone *zone = zone_new();
  Scanner s;
  Token t = first_token(zone, &s, "'\\uD800'");
  EXPECT_EQ(t.value->utf16_length, 1u);
  scanner_free(&s);
  t = first_token(zone, &s, "'\\u{1F600}'");
  EXPECT_EQ(t.value->utf16_length, 2u);
  scanner_free(&s);
  const char *bad[] = {"'abc", "'a\nb'", "'\\x4'", "'\\u12'", "'\\u{110000}'"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    t = first_token(zone, &s, bad[i]);
    EXPECT_EQ(t.type, TOKEN_ILLEGAL);
    scanner_free(&s);
  }
  zone_free(zone);
}

TEST(scanner, templates_cooked_and_raw) {
  Zone *zone = zone_new();
  Scanner s;
  Token t = first_token(zone, &s, "`a\\n${");
  EXPECT_EQ(t.type, TOKEN_TEMPLATE_SPAN);
  EXPECT(strcmp(t.value->data, "a\n") == 0);
  EXPECT(strcmp(t.raw->data, "a\\n") == 0);
  scanner_free(&s);
  t = first_token(zone, &s, "`x\r\ny`");
  EXPECT_EQ(t.type, TOKEN_TEMPLATE_TAIL);
  EXPECT(strcmp(t.value->data, "x\ny") == 0);
  EXPECT(strcmp(t.raw->data, "x\ny") == 0);
  scanner_free(&s);
  /* Invalid escapes: cooked NULL (allowed only in tagged templates). */
  t = first_token(zone, &s, "`\\unicode and \\u{55}`");
  EXPECT_EQ(t.type, TOKEN_TEMPLATE_TAIL);
  EXPECT(t.value == NULL);
  EXPECT_EQ(t.invalid_escape_pos, 1);
  EXPECT(strcmp(t.raw->data, "\\unicode and \\u{55}") == 0);
  scanner_free(&s);
  t = first_token(zone, &s, "`\\01`");
  EXPECT(t.value == NULL);
  scanner_free(&s);
  t = first_token(zone, &s, "`\\0`");
  EXPECT(t.value != NULL && t.value->byte_length == 1);
  scanner_free(&s);
  zone_free(zone);
}

TEST(scanner, regexp_rescan_and_flags) {
  Zone *zone = zone_new();
  Scanner s;
  Token t = first_token(zone, &s, "/[/]\\/x/gimsuyd;");
  EXPECT_EQ(t.type, TOKEN_DIV);
  scanner_rescan_regexp(&s, &t);
  EXPECT_EQ(t.type, TOKEN_REGEXP);
  EXPECT(strcmp(t.value->data, "[/]\\/x") == 0);
  EXPECT(strcmp(t.raw->data, "gimsuyd") == 0);
  scanner_free(&s);
  const char *bad[] = {"/a/gg", "/a/x", "/a/uv", "/a\n/", "/a", "/a/\\u0067"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    t = first_token(zone, &s, bad[i]);
    scanner_rescan_regexp(&s, &t);
    EXPECT_EQ(t.type, TOKEN_ILLEGAL);
    scanner_free(&s);
  }
  zone_free(zone);
}

TEST(scanner, whitespace_comments_newlines) {
  TokenType types[16];
  int n;
  /* NBSP, ZWNBSP, U+2003 EM SPACE are whitespace; LS/PS are line terminators. */
  EXPECT(scan_all("a\xC2\xA0\xEF\xBB\xBF\xE2\x80\x83 b /* c */ d // e\n f", types, 16, &n));
  EXPECT_EQ(n, 4);
  Zone *zone = zone_new();
  Scanner s;
  scanner_init(&s, zone, "a /*\n*/ b\xE2\x80\xA8 c", strlen("a /*\n*/ b\xE2\x80\xA8 c"), false);
  Token t;
  scanner_next(&s, &t);
  EXPECT(!t.newline_before);
  scanner_next(&s, &t);
  EXPECT(t.newline_before);
  scanner_next(&s, &t);
  EXPECT(t.newline_before);
  scanner_free(&s);
  /* Hashbang and HTML-like comments (scripts only). */
  EXPECT(scan_all("#!/usr/bin/env kiln\nx <!-- y\n--> z\n", types, 16, &n));
  EXPECT_EQ(n, 1);
  EXPECT(!scan_all("/* unterminated", types, 16, &n));
  /* In a module, <!-- is an operator sequence. */
  scanner_init(&s, zone, "x <!-- y", 8, true);
  scanner_next(&s, &t);
  scanner_next(&s, &t);
  EXPECT_EQ(t.type, TOKEN_LT);
  scanner_free(&s);
  zone_free(zone);
}

TEST(scanner, private_names) {
  Zone *zone = zone_new();
  Scanner s;
  Token t = first_token(zone, &s, "#foo");
  EXPECT_EQ(t.type, TOKEN_PRIVATE_NAME);
  EXPECT(strcmp(t.value->data, "#foo") == 0);
  scanner_free(&s);
  t = first_token(zone, &s, "#\\u0061");
  EXPECT_EQ(t.type, TOKEN_PRIVATE_NAME);
  EXPECT(strcmp(t.value->data, "#a") == 0);
  scanner_free(&s);
  t = first_token(zone, &s, "# a");
  EXPECT_EQ(t.type, TOKEN_ILLEGAL);
  scanner_free(&s);
  zone_free(zone);
}

TEST(scanner, array_index_strings) {
  Zone *zone = zone_new();
  Scanner s;
  scanner_init(&s, zone, "", 0, false);
  EXPECT(scanner_intern(&s, "0", 1)->is_array_index);
  EXPECT(scanner_intern(&s, "4294967294", 10)->is_array_index);
  EXPECT_EQ(scanner_intern(&s, "4294967294", 10)->array_index, 4294967294u);
  EXPECT(!scanner_intern(&s, "4294967295", 10)->is_array_index);
  EXPECT(!scanner_intern(&s, "01", 2)->is_array_index);
  EXPECT(!scanner_intern(&s, "", 0)->is_array_index);
  scanner_free(&s);
  zone_free(zone);
}
