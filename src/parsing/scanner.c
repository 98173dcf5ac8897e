/* scanner.c: the ES2025 lexical grammar (see scanner.h). */
#include "parsing/scanner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "base/utf8.h"
#include "numbers/strtod.h"

/* ---- The string table: interning AstStrings ------------------------------------------ */

typedef struct {
  const AstString *string;
  TokenType keyword;        /* TOKEN_IDENTIFIER unless the string is a reserved word */
} StringEntry;

struct StringTable {
  StringEntry *entries;     /* open addressing, capacity a power of two */
  uint32_t capacity, count;
};

static const char *const kTokenTexts[] = {
#define T(name, text) text,
    TOKEN_LIST(T, T)
#undef T
};

const char *token_text(TokenType type) {
  return (unsigned)type < kTokenCount ? kTokenTexts[type] : "?";
}

static uint32_t string_hash(const char *data, size_t length) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < length; i++) h = (h ^ (uint8_t)data[i]) * 16777619u;
  return h;
}

/* UTF-16 length of WTF-8: one unit per sequence, two for 4-byte sequences. */
static uint32_t wtf8_utf16_length(const char *data, size_t length) {
  uint32_t n = 0;
  for (size_t i = 0; i < length; i++) {
    uint8_t b = (uint8_t)data[i];
    if ((b & 0xC0) != 0x80) n += b >= 0xF0 ? 2 : 1;
  }
  return n;
}

/* ES2025 6.1.7 array index: a canonical numeric string for an integer below 2^32 - 1. */
static bool string_array_index(const char *data, size_t length, uint32_t *index) {
  if (length == 0 || length > 10) return false;
  if (data[0] == '0') { *index = 0; return length == 1; }
  uint64_t v = 0;
  for (size_t i = 0; i < length; i++) {
    if (data[i] < '0' || data[i] > '9') return false;
    v = v * 10 + (uint64_t)(data[i] - '0');
  }
  if (v >= 4294967295u) return false;
  *index = (uint32_t)v;
  return true;
}

static bool string_table_grow(Scanner *s) {
  StringTable *t = s->strings;
  uint32_t capacity = t->capacity ? t->capacity * 2 : 1024;
  StringEntry *entries = calloc(capacity, sizeof(StringEntry));
  if (!entries) return false;
  for (uint32_t i = 0; i < t->capacity; i++) {
    const AstString *str = t->entries[i].string;
    if (!str) continue;
    uint32_t j = str->hash & (capacity - 1);
    while (entries[j].string) j = (j + 1) & (capacity - 1);
    entries[j] = t->entries[i];
  }
  free(t->entries);
  t->entries = entries;
  t->capacity = capacity;
  return true;
}

static StringEntry *string_table_lookup(Scanner *s, const char *data, size_t length) {
  StringTable *t = s->strings;
  if ((t->count + 1) * 2 > t->capacity && !string_table_grow(s)) {
    s->out_of_memory = true;
    scanner_error(s, (int32_t)s->pos, "out of memory");
    return NULL;
  }
  uint32_t hash = string_hash(data, length);
  uint32_t i = hash & (t->capacity - 1);
  for (;;) {
    StringEntry *e = &t->entries[i];
    if (!e->string) break;
    if (e->string->hash == hash && e->string->byte_length == length &&
        (length == 0 || memcmp(e->string->data, data, length) == 0))
      return e;
    i = (i + 1) & (t->capacity - 1);
  }
  AstString *str = zone_alloc(s->zone, sizeof(AstString) + length + 1);
  if (!str) {
    s->out_of_memory = true;
    scanner_error(s, (int32_t)s->pos, "out of memory");
    return NULL;
  }
  str->hash = hash;
  str->byte_length = (uint32_t)length;
  str->utf16_length = wtf8_utf16_length(data, length);
  str->array_index = 0;
  str->is_array_index = string_array_index(data, length, &str->array_index);
  if (length) memcpy(str->data, data, length);
  str->data[length] = 0;
  StringEntry *e = &t->entries[i];
  e->string = str;
  e->keyword = TOKEN_IDENTIFIER;
  t->count++;
  return e;
}

static const AstString kEmptyFallback = {0};

const AstString *scanner_intern(Scanner *s, const char *data, size_t length) {
  StringEntry *e = string_table_lookup(s, data, length);
  return e ? e->string : &kEmptyFallback;
}

TokenType scanner_keyword(const AstString *name) {
  for (int t = TOKEN_BREAK; t <= TOKEN_WITH; t++)
    if (strcmp(kTokenTexts[t], name->data) == 0) return (TokenType)t;
  return TOKEN_IDENTIFIER;
}

/* ---- Setup ----------------------------------------------------------------------------- */

void scanner_error(Scanner *s, int32_t pos, const char *message) {
  if (s->has_error) return;
  s->has_error = true;
  s->error_pos = pos;
  snprintf(s->error_message, sizeof s->error_message, "%s", message);
}

bool scanner_init(Scanner *s, Zone *zone, const char *source, size_t length, bool is_module) {
  memset(s, 0, sizeof *s);
  s->source = (const uint8_t *)source;
  s->length = length;
  s->zone = zone;
  s->is_module = is_module;
  s->strings = calloc(1, sizeof(StringTable));
  if (!s->strings || !string_table_grow(s)) return false;
  for (int t = TOKEN_BREAK; t <= TOKEN_WITH; t++) {
    StringEntry *e = string_table_lookup(s, kTokenTexts[t], strlen(kTokenTexts[t]));
    if (!e) return false;
    e->keyword = (TokenType)t;
  }
  /* ES2025 12.5 Hashbang Comments: only at the very start. */
  if (length >= 2 && source[0] == '#' && source[1] == '!') {
    size_t p = 2;
    while (p < length) {
      size_t q = p;
      uint32_t c = utf8_decode_next(s->source, length, &q);
      if (scanner_is_line_terminator(c)) break;
      p = q;
    }
    s->pos = p;
  }
  return true;
}

void scanner_free(Scanner *s) {
  if (s->strings) free(s->strings->entries);
  free(s->strings);
  free(s->buffer);
  free(s->raw_buffer);
  s->strings = NULL;
  s->buffer = s->raw_buffer = NULL;
}

/* ---- Character classes ----------------------------------------------------------------- */

bool scanner_is_line_terminator(uint32_t c) {
  return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

/* ES2025 12.2 WhiteSpace: TAB VT FF ZWNBSP and category Zs (includes SP and NBSP). */
static bool is_whitespace(uint32_t c) {
  if (c < 128) return c == ' ' || c == '\t' || c == '\v' || c == '\f';
  return c == 0xA0 || c == 0xFEFF || u_charType((UChar32)c) == U_SPACE_SEPARATOR;
}

/* ID_Start / ID_Continue code points added by Unicode 15.1, 16.0 and 17.0 (from the Unicode
 * Character Database's DerivedCoreProperties), for ICU builds older than those versions. */
static const uint32_t kLaterIdStart[][2] = {
  {0x88F, 0x88F}, {0xC5C, 0xC5C}, {0xCDC, 0xCDC}, {0x1C89, 0x1C8A}, {0xA7CB, 0xA7CF}, {0xA7D2,
  0xA7D2}, {0xA7D4, 0xA7D4}, {0xA7DA, 0xA7DC}, {0xA7F1, 0xA7F1}, {0x105C0, 0x105F3}, {0x10940,
  0x10959}, {0x10D4A, 0x10D65}, {0x10D6F, 0x10D85}, {0x10EC2, 0x10EC7}, {0x11380, 0x11389},
  {0x1138B, 0x1138B}, {0x1138E, 0x1138E}, {0x11390, 0x113B5}, {0x113B7, 0x113B7}, {0x113D1,
  0x113D1}, {0x113D3, 0x113D3}, {0x11BC0, 0x11BE0}, {0x11DB0, 0x11DDB}, {0x13460, 0x143FA},
  {0x16100, 0x1611D}, {0x16D40, 0x16D6C}, {0x16EA0, 0x16EB8}, {0x16EBB, 0x16ED3}, {0x16FF2,
  0x16FF6}, {0x187F8, 0x187FF}, {0x18CFF, 0x18CFF}, {0x18D09, 0x18D1E}, {0x18D80, 0x18DF2},
  {0x1E5D0, 0x1E5ED}, {0x1E5F0, 0x1E5F0}, {0x1E6C0, 0x1E6DE}, {0x1E6E0, 0x1E6E2}, {0x1E6E4,
  0x1E6E5}, {0x1E6E7, 0x1E6ED}, {0x1E6F0, 0x1E6F4}, {0x1E6FE, 0x1E6FF}, {0x2B73A, 0x2B73F},
  {0x2CEA2, 0x2CEAD}, {0x2EBF0, 0x2EE5D}, {0x323B0, 0x33479}
};
static const uint32_t kLaterIdContinue[][2] = {
  {0x897, 0x897}, {0x1ACF, 0x1ADD}, {0x1AE0, 0x1AEB}, {0x200C, 0x200D}, {0x30FB, 0x30FB},
  {0xFF65, 0xFF65}, {0x10D40, 0x10D49}, {0x10D69, 0x10D6D}, {0x10EFA, 0x10EFC}, {0x113B8,
  0x113C0}, {0x113C2, 0x113C2}, {0x113C5, 0x113C5}, {0x113C7, 0x113CA}, {0x113CC, 0x113D0},
  {0x113D2, 0x113D2}, {0x113E1, 0x113E2}, {0x116D0, 0x116E3}, {0x11B60, 0x11B67}, {0x11BF0,
  0x11BF9}, {0x11DE0, 0x11DE9}, {0x11F5A, 0x11F5A}, {0x1611E, 0x16139}, {0x16D70, 0x16D79},
  {0x1CCF0, 0x1CCF9}, {0x1E5EE, 0x1E5EF}, {0x1E5F1, 0x1E5FA}, {0x1E6E3, 0x1E6E3}, {0x1E6E6,
  0x1E6E6}, {0x1E6EE, 0x1E6EF}, {0x1E6F5, 0x1E6F5}
};

static bool in_ranges(const uint32_t (*ranges)[2], size_t count, uint32_t c) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < ranges[mid][0]) hi = mid;
    else if (c > ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

bool scanner_is_id_start(uint32_t c) {
  if (c < 128)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';
  return u_hasBinaryProperty((UChar32)c, UCHAR_ID_START) ||
         in_ranges(kLaterIdStart, sizeof kLaterIdStart / sizeof kLaterIdStart[0], c);
}

bool scanner_is_id_continue(uint32_t c) {
  if (c < 128)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '$' || c == '_';
  return c == 0x200C || c == 0x200D || u_hasBinaryProperty((UChar32)c, UCHAR_ID_CONTINUE) ||
         in_ranges(kLaterIdStart, sizeof kLaterIdStart / sizeof kLaterIdStart[0], c) ||
         in_ranges(kLaterIdContinue, sizeof kLaterIdContinue / sizeof kLaterIdContinue[0], c);
}

static inline int peek_byte(Scanner *s, size_t offset) {
  return s->pos + offset < s->length ? s->source[s->pos + offset] : -1;
}

static uint32_t peek_char(Scanner *s, size_t *next) {
  size_t q = s->pos;
  uint32_t c = utf8_decode_next(s->source, s->length, &q);
  if (next) *next = q;
  return c;
}

static int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* ---- Scratch buffers ------------------------------------------------------------------- */

static bool buffer_reserve(Scanner *s, char **buf, size_t *cap, size_t need) {
  if (need <= *cap) return true;
  size_t n = *cap ? *cap * 2 : 256;
  while (n < need) n *= 2;
  char *b = realloc(*buf, n);
  if (!b) {
    s->out_of_memory = true;
    scanner_error(s, (int32_t)s->pos, "out of memory");
    return false;
  }
  *buf = b;
  *cap = n;
  return true;
}

static void buffer_put_bytes(Scanner *s, const void *data, size_t n) {
  if (n == 0) return;
  if (!buffer_reserve(s, &s->buffer, &s->buffer_capacity, s->buffer_length + n)) return;
  memcpy(s->buffer + s->buffer_length, data, n);
  s->buffer_length += n;
}

static void raw_put_bytes(Scanner *s, const void *data, size_t n) {
  if (n == 0) return;
  if (!buffer_reserve(s, &s->raw_buffer, &s->raw_capacity, s->raw_length + n)) return;
  memcpy(s->raw_buffer + s->raw_length, data, n);
  s->raw_length += n;
}

/* Encodes a code point (a lone surrogate too: WTF-8) as UTF-8 into out; returns bytes. */
static int encode_utf8(uint32_t c, char *out) {
  if (c < 0x80) { out[0] = (char)c; return 1; }
  if (c < 0x800) {
    out[0] = (char)(0xC0 | (c >> 6)); out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | (c >> 12)); out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (c >> 18)); out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F)); out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* Appends a code point to the value buffer. A trail surrogate right after a lead one
 * written by the previous call joins it into one supplementary code point (a pair given
 * as two \u escapes is one character). */
static void buffer_put_char(Scanner *s, uint32_t c) {
  if (utf16_is_trail_surrogate(c) && s->buffer_length >= 3) {
    uint8_t *b = (uint8_t *)s->buffer + s->buffer_length - 3;
    if (b[0] == 0xED && (b[1] & 0xF0) == 0xA0) {
      uint32_t lead = 0xD000 | ((uint32_t)(b[1] & 0x3F) << 6) | (b[2] & 0x3F);
      s->buffer_length -= 3;
      c = 0x10000 + ((lead - 0xD800) << 10) + (c - 0xDC00);
    }
  }
  char tmp[4];
  buffer_put_bytes(s, tmp, (size_t)encode_utf8(c, tmp));
}

/* ---- Whitespace and comments ----------------------------------------------------------- */

/* Skips a single-line comment's text up to (not including) its line terminator. */
static void skip_line_comment(Scanner *s) {
  while (s->pos < s->length) {
    uint8_t b = s->source[s->pos];
    if (b == '\n' || b == '\r') return;
    if (b < 0x80) { s->pos++; continue; }
    size_t next;
    uint32_t c = peek_char(s, &next);
    if (c == 0x2028 || c == 0x2029) return;
    s->pos = next;
  }
}

/* Skips a multi-line comment (s->pos at its slash-star); sets *newline if it holds a line
 * terminator. */
static bool skip_block_comment(Scanner *s, bool *newline) {
  int32_t start = (int32_t)s->pos;
  s->pos += 2;
  while (s->pos < s->length) {
    uint8_t b = s->source[s->pos];
    if (b == '*' && peek_byte(s, 1) == '/') { s->pos += 2; return true; }
    if (b == '\n' || b == '\r') { *newline = true; s->pos++; continue; }
    if (b < 0x80) { s->pos++; continue; }
    size_t next;
    uint32_t c = peek_char(s, &next);
    if (c == 0x2028 || c == 0x2029) *newline = true;
    s->pos = next;
  }
  scanner_error(s, start, "unterminated comment");
  return false;
}

/* Skips whitespace, line terminators and comments (and, in scripts, the HTML-like comments
 * of ES2025 B.1.1). Returns whether a line terminator was crossed. */
static bool skip_whitespace(Scanner *s) {
  bool newline = false;
  bool line_start = s->pos == 0;  /* where `-->` may begin a comment */
  while (s->pos < s->length) {
    uint8_t b = s->source[s->pos];
    if (b == ' ' || b == '\t' || b == '\v' || b == '\f') { s->pos++; continue; }
    if (b == '\n' || b == '\r') { newline = line_start = true; s->pos++; continue; }
    if (b == '/') {
      int n = peek_byte(s, 1);
      if (n == '/') { s->pos += 2; skip_line_comment(s); continue; }
      if (n == '*') {
        if (!skip_block_comment(s, &newline)) return newline;
        line_start |= newline;
        continue;
      }
      break;
    }
    if (b == '<' && !s->is_module && peek_byte(s, 1) == '!' && peek_byte(s, 2) == '-' &&
        peek_byte(s, 3) == '-') {
      s->pos += 4;
      skip_line_comment(s);
      continue;
    }
    if (b == '-' && !s->is_module && line_start && peek_byte(s, 1) == '-' &&
        peek_byte(s, 2) == '>') {
      s->pos += 3;
      skip_line_comment(s);
      continue;
    }
    if (b < 0x80) break;
    size_t next;
    uint32_t c = peek_char(s, &next);
    if (c == 0x2028 || c == 0x2029) { newline = line_start = true; s->pos = next; continue; }
    if (is_whitespace(c)) { s->pos = next; continue; }
    break;
  }
  return newline;
}

/* ---- Identifiers ----------------------------------------------------------------------- */

/* Reads a \u escape in an identifier (s->pos at the backslash). Returns the code point or
 * -1 after reporting an error. */
static int64_t scan_identifier_escape(Scanner *s) {
  int32_t start = (int32_t)s->pos;
  if (peek_byte(s, 1) != 'u') goto bad;
  s->pos += 2;
  uint32_t c = 0;
  if (peek_byte(s, 0) == '{') {
    s->pos++;
    int digits = 0;
    for (int h; (h = hex_value(peek_byte(s, 0))) >= 0; s->pos++, digits++) {
      c = c * 16 + (uint32_t)h;
      if (c > 0x10FFFF) goto bad;
    }
    if (digits == 0 || peek_byte(s, 0) != '}') goto bad;
    s->pos++;
    return c;
  }
  for (int i = 0; i < 4; i++) {
    int h = hex_value(peek_byte(s, 0));
    if (h < 0) goto bad;
    c = c * 16 + (uint32_t)h;
    s->pos++;
  }
  return c;
bad:
  scanner_error(s, start, "Invalid Unicode escape sequence");
  return -1;
}

/* Scans an IdentifierName whose first character is at s->pos (already known to start an
 * identifier, or a backslash). Sets tok->value, tok->escaped; returns false on error. */
static bool scan_identifier_name(Scanner *s, Token *tok, size_t prefix) {
  size_t start = s->pos;
  s->pos += prefix;
  /* Fast path: ASCII without escapes. */
  while (s->pos < s->length) {
    uint8_t b = s->source[s->pos];
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
        b == '$' || b == '_') {
      s->pos++;
      continue;
    }
    break;
  }
  if (s->pos >= s->length || (s->source[s->pos] != '\\' && s->source[s->pos] < 0x80)) {
    StringEntry *e = string_table_lookup(s, (const char *)s->source + start, s->pos - start);
    if (!e) return false;
    tok->value = e->string;
    tok->keyword = e->keyword;
    tok->escaped = false;
    return true;
  }
  /* Slow path: escapes or non-ASCII characters. */
  s->buffer_length = 0;
  buffer_put_bytes(s, s->source + start, s->pos - start);
  bool escaped = false;
  bool first = s->pos == start + prefix;
  while (s->pos < s->length) {
    int32_t char_pos = (int32_t)s->pos;
    uint32_t c;
    bool is_escape = s->source[s->pos] == '\\';
    if (is_escape) {
      int64_t e = scan_identifier_escape(s);
      if (e < 0) return false;
      c = (uint32_t)e;
      escaped = true;
    } else {
      size_t next;
      c = peek_char(s, &next);
      if (!(first ? scanner_is_id_start(c) : scanner_is_id_continue(c))) break;
      s->pos = next;
    }
    if (!(first ? scanner_is_id_start(c) : scanner_is_id_continue(c))) {
      scanner_error(s, char_pos, "Invalid Unicode escape sequence");
      return false;
    }
    buffer_put_char(s, c);
    first = false;
  }
  StringEntry *e = string_table_lookup(s, s->buffer, s->buffer_length);
  if (!e) return false;
  tok->value = e->string;
  tok->keyword = e->keyword;
  tok->escaped = escaped;
  return true;
}

static void scan_identifier(Scanner *s, Token *tok) {
  if (!scan_identifier_name(s, tok, 0)) { tok->type = TOKEN_ILLEGAL; return; }
  if (tok->keyword == TOKEN_IDENTIFIER) tok->type = TOKEN_IDENTIFIER;
  else if (tok->escaped) tok->type = TOKEN_ESCAPED_KEYWORD;
  else tok->type = tok->keyword;
}

static void scan_private_name(Scanner *s, Token *tok) {
  size_t next;
  s->pos++;
  uint32_t c = s->pos < s->length ? peek_char(s, &next) : 0;
  if (!(scanner_is_id_start(c) || c == '\\')) {
    scanner_error(s, tok->pos, "Invalid or unexpected token");
    tok->type = TOKEN_ILLEGAL;
    return;
  }
  s->pos--;
  if (!scan_identifier_name(s, tok, 1)) { tok->type = TOKEN_ILLEGAL; return; }
  /* The value keeps the '#'; an escape may only be the first character after it. */
  if (tok->value->data[0] != '#') {
    char tmp[256];
    size_t n = tok->value->byte_length;
    char *buf = n + 2 <= sizeof tmp ? tmp : malloc(n + 2);
    if (!buf) { scanner_error(s, tok->pos, "out of memory"); tok->type = TOKEN_ILLEGAL; return; }
    buf[0] = '#';
    memcpy(buf + 1, tok->value->data, n);
    tok->value = scanner_intern(s, buf, n + 1);
    if (buf != tmp) free(buf);
  }
  tok->type = TOKEN_PRIVATE_NAME;
}

/* ---- Numbers --------------------------------------------------------------------------- */

/* The one place decimal digit strings become doubles (correctly rounded). */
static double scanner_string_to_double(const char *digits) {
  return strtod_ascii(digits, strlen(digits));
}

static bool is_decimal_digit(int c) { return c >= '0' && c <= '9'; }

/* Scans digits of the radix with numeric separators (ES2025 12.9.3): a '_' only between two
 * digits. Appends the digits (without '_') to the buffer. Returns the digit count, or -1 on
 * a separator error. */
static int scan_digits(Scanner *s, int radix, bool allow_separators) {
  int count = 0;
  while (s->pos < s->length) {
    int c = s->source[s->pos];
    if (c == '_' && allow_separators) {
      int next = peek_byte(s, 1);
      int v = next < 0 ? -1 : hex_value(next);
      if (count == 0 || v < 0 || v >= radix) {
        scanner_error(s, (int32_t)s->pos, "Numeric separators are not allowed here");
        return -1;
      }
      s->pos++;
      continue;
    }
    int v = hex_value(c);
    if (v < 0 || v >= radix) break;
    char ch = (char)c;
    buffer_put_bytes(s, &ch, 1);
    s->pos++;
    count++;
  }
  return count;
}

/* After a numeric literal: ES2025 12.9.3 "The SourceCharacter immediately following a
 * NumericLiteral must not be an IdentifierStart or DecimalDigit." */
static bool check_number_end(Scanner *s) {
  if (s->pos >= s->length) return true;
  size_t next;
  uint32_t c = peek_char(s, &next);
  if (is_decimal_digit((int)c) || scanner_is_id_start(c) || c == '\\') {
    scanner_error(s, (int32_t)s->pos, "Invalid or unexpected token");
    return false;
  }
  return true;
}

static void finish_bigint(Scanner *s, Token *tok, int radix) {
  s->pos++;  /* the n */
  tok->type = TOKEN_BIGINT;
  tok->radix = radix;
  /* Canonical digits: drop leading zeros (keep one). */
  size_t i = 0;
  while (i + 1 < s->buffer_length && s->buffer[i] == '0') i++;
  tok->value = scanner_intern(s, s->buffer + i, s->buffer_length - i);
}

static void scan_radix_number(Scanner *s, Token *tok, int radix) {
  s->pos += 2;
  s->buffer_length = 0;
  int n = scan_digits(s, radix, true);
  if (n < 0) { tok->type = TOKEN_ILLEGAL; return; }
  if (n == 0) {
    scanner_error(s, tok->pos, "Invalid or unexpected token");
    tok->type = TOKEN_ILLEGAL;
    return;
  }
  if (peek_byte(s, 0) == 'n') { finish_bigint(s, tok, radix); }
  else {
    tok->type = TOKEN_NUMBER;
    tok->number = strtod_radix(s->buffer, s->buffer_length, false, radix);
  }
  if (!check_number_end(s)) tok->type = TOKEN_ILLEGAL;
}

/* 0 followed by digits: LegacyOctalIntegerLiteral or NonOctalDecimalIntegerLiteral (ES2025
 * B.1.1 / 12.9.3). */
static void scan_legacy_number(Scanner *s, Token *tok) {
  size_t p = s->pos + 1;
  bool octal = true;
  while (p < s->length && is_decimal_digit(s->source[p])) {
    if (s->source[p] >= '8') octal = false;
    p++;
  }
  tok->octal_pos = tok->pos;
  tok->type = TOKEN_NUMBER;
  if (octal) {
    tok->number = strtod_radix(s->source + s->pos + 1, p - s->pos - 1, false, 8);
    s->pos = p;
  } else {
    /* 08, 09.5, 08e1: decimal (no separators). */
    s->buffer_length = 0;
    buffer_put_bytes(s, s->source + s->pos, p - s->pos);
    s->pos = p;
    if (peek_byte(s, 0) == '.') {
      buffer_put_bytes(s, ".", 1);
      s->pos++;
      if (scan_digits(s, 10, false) < 0) { tok->type = TOKEN_ILLEGAL; return; }
    }
    int e = peek_byte(s, 0);
    if (e == 'e' || e == 'E') {
      size_t save = s->buffer_length;
      buffer_put_bytes(s, "e", 1);
      s->pos++;
      int sign = peek_byte(s, 0);
      if (sign == '+' || sign == '-') { char c = (char)sign; buffer_put_bytes(s, &c, 1); s->pos++; }
      if (scan_digits(s, 10, false) <= 0) {
        scanner_error(s, tok->pos, "Invalid or unexpected token");
        tok->type = TOKEN_ILLEGAL;
        s->buffer_length = save;
        return;
      }
    }
    buffer_put_bytes(s, "", 1);
    tok->number = scanner_string_to_double(s->buffer);
  }
  if (peek_byte(s, 0) == 'n' || peek_byte(s, 0) == '_') {
    scanner_error(s, (int32_t)s->pos, "Invalid or unexpected token");
    tok->type = TOKEN_ILLEGAL;
    return;
  }
  if (!check_number_end(s)) tok->type = TOKEN_ILLEGAL;
}

static void scan_number(Scanner *s, Token *tok) {
  tok->octal_pos = -1;
  int c0 = peek_byte(s, 0), c1 = peek_byte(s, 1);
  if (c0 == '0') {
    if (c1 == 'x' || c1 == 'X') { scan_radix_number(s, tok, 16); return; }
    if (c1 == 'o' || c1 == 'O') { scan_radix_number(s, tok, 8); return; }
    if (c1 == 'b' || c1 == 'B') { scan_radix_number(s, tok, 2); return; }
    if (is_decimal_digit(c1)) { scan_legacy_number(s, tok); return; }
    if (c1 == '_') {
      scanner_error(s, (int32_t)s->pos + 1, "Numeric separator can not be used after leading 0.");
      tok->type = TOKEN_ILLEGAL;
      return;
    }
  }
  s->buffer_length = 0;
  bool is_integer = true;
  if (c0 != '.') {
    if (scan_digits(s, 10, true) < 0) { tok->type = TOKEN_ILLEGAL; return; }
  }
  if (peek_byte(s, 0) == '.') {
    is_integer = false;
    buffer_put_bytes(s, ".", 1);
    s->pos++;
    if (peek_byte(s, 0) == '_') {
      scanner_error(s, (int32_t)s->pos, "Numeric separators are not allowed here");
      tok->type = TOKEN_ILLEGAL;
      return;
    }
    if (scan_digits(s, 10, true) < 0) { tok->type = TOKEN_ILLEGAL; return; }
  }
  int e = peek_byte(s, 0);
  if (e == 'e' || e == 'E') {
    is_integer = false;
    buffer_put_bytes(s, "e", 1);
    s->pos++;
    int sign = peek_byte(s, 0);
    if (sign == '+' || sign == '-') { char c = (char)sign; buffer_put_bytes(s, &c, 1); s->pos++; }
    int n = peek_byte(s, 0) == '_' ? -1 : scan_digits(s, 10, true);
    if (n <= 0) {
      if (n == 0 || !s->has_error) scanner_error(s, tok->pos, "Invalid or unexpected token");
      tok->type = TOKEN_ILLEGAL;
      return;
    }
  }
  if (is_integer && peek_byte(s, 0) == 'n') {
    finish_bigint(s, tok, 10);
  } else {
    buffer_put_bytes(s, "", 1);
    tok->type = TOKEN_NUMBER;
    tok->number = scanner_string_to_double(s->buffer);
  }
  if (!check_number_end(s)) tok->type = TOKEN_ILLEGAL;
}

/* ---- Strings and templates ------------------------------------------------------------- */

typedef enum { ESCAPE_OK, ESCAPE_OCTAL, ESCAPE_INVALID } EscapeResult;

/* Reads the escape after a backslash (s->pos just past the backslash) and appends its
 * value to the buffer. Legacy octal escapes and \8 \9 give ESCAPE_OCTAL (allowed in sloppy
 * strings; templates treat them as invalid); a malformed \x or \u gives ESCAPE_INVALID
 * with *message set. Line continuations append nothing. */
static EscapeResult scan_escape(Scanner *s, bool in_template, const char **message) {
  size_t next;
  uint32_t c = peek_char(s, &next);
  switch (c) {
    case 'b': s->pos++; buffer_put_char(s, '\b'); return ESCAPE_OK;
    case 't': s->pos++; buffer_put_char(s, '\t'); return ESCAPE_OK;
    case 'n': s->pos++; buffer_put_char(s, '\n'); return ESCAPE_OK;
    case 'v': s->pos++; buffer_put_char(s, '\v'); return ESCAPE_OK;
    case 'f': s->pos++; buffer_put_char(s, '\f'); return ESCAPE_OK;
    case 'r': s->pos++; buffer_put_char(s, '\r'); return ESCAPE_OK;
    case '\r':
      s->pos++;
      if (peek_byte(s, 0) == '\n') s->pos++;
      return ESCAPE_OK;
    case '\n': case 0x2028: case 0x2029:
      s->pos = next;
      return ESCAPE_OK;
    case 'x': {
      int h1 = hex_value(peek_byte(s, 1)), h2 = h1 < 0 ? -1 : hex_value(peek_byte(s, 2));
      if (h1 < 0 || h2 < 0) {
        *message = "Invalid hexadecimal escape sequence";
        return ESCAPE_INVALID;
      }
      s->pos += 3;
      buffer_put_char(s, (uint32_t)(h1 * 16 + h2));
      return ESCAPE_OK;
    }
    case 'u': {
      s->pos--;  /* scan_identifier_escape starts at the backslash */
      size_t save = s->pos;
      bool had_error = s->has_error;
      s->has_error = true;  /* suppress its error report; we report our own */
      int64_t v = scan_identifier_escape(s);
      s->has_error = had_error;
      if (v < 0) {
        s->pos = save + 1;
        *message = "Invalid Unicode escape sequence";
        return ESCAPE_INVALID;
      }
      buffer_put_char(s, (uint32_t)v);
      return ESCAPE_OK;
    }
    case '0':
      if (!is_decimal_digit(peek_byte(s, 1))) {
        s->pos++;
        buffer_put_char(s, 0);
        return ESCAPE_OK;
      }
      __attribute__((fallthrough)); /* legacy octal */
    case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      if (in_template) {
        *message = "Octal escape sequences are not allowed in template strings";
        return ESCAPE_INVALID;
      }
      /* ES2025 B.1.2 LegacyOctalEscapeSequence: up to 3 digits when the first is 0-3. */
      uint32_t v = c - '0';
      s->pos++;
      int max = c <= '3' ? 2 : 1;
      for (int i = 0; i < max; i++) {
        int d = peek_byte(s, 0);
        if (d < '0' || d > '7') break;
        v = v * 8 + (uint32_t)(d - '0');
        s->pos++;
      }
      buffer_put_char(s, v);
      return ESCAPE_OCTAL;
    }
    case '8': case '9':
      if (in_template) {
        *message = "\\8 and \\9 are not allowed in template strings";
        return ESCAPE_INVALID;
      }
      s->pos++;
      buffer_put_char(s, c);
      return ESCAPE_OCTAL;
    default:
      s->pos = next;
      buffer_put_char(s, c);
      return ESCAPE_OK;
  }
}

static void scan_string(Scanner *s, Token *tok) {
  uint8_t quote = s->source[s->pos++];
  size_t start = s->pos;
  tok->octal_pos = -1;
  /* Fast path: no escapes. */
  while (s->pos < s->length) {
    uint8_t b = s->source[s->pos];
    if (b == quote || b == '\\' || b == '\n' || b == '\r') break;
    s->pos++;
  }
  if (s->pos < s->length && s->source[s->pos] == quote) {
    tok->value = scanner_intern(s, (const char *)s->source + start, s->pos - start);
    s->pos++;
    tok->type = TOKEN_STRING;
    return;
  }
  s->buffer_length = 0;
  buffer_put_bytes(s, s->source + start, s->pos - start);
  for (;;) {
    if (s->pos >= s->length) break;
    uint8_t b = s->source[s->pos];
    if (b == quote) {
      s->pos++;
      tok->type = TOKEN_STRING;
      tok->value = scanner_intern(s, s->buffer, s->buffer_length);
      return;
    }
    if (b == '\n' || b == '\r') break;
    if (b == '\\') {
      int32_t escape_pos = (int32_t)s->pos;
      s->pos++;
      if (s->pos >= s->length) break;
      const char *message = NULL;
      EscapeResult r = scan_escape(s, false, &message);
      if (r == ESCAPE_INVALID) {
        scanner_error(s, escape_pos, message);
        tok->type = TOKEN_ILLEGAL;
        return;
      }
      if (r == ESCAPE_OCTAL && tok->octal_pos < 0) tok->octal_pos = escape_pos;
      continue;
    }
    if (b < 0x80) { buffer_put_bytes(s, &b, 1); s->pos++; continue; }
    size_t next;
    uint32_t c = peek_char(s, &next);
    s->pos = next;
    buffer_put_char(s, c);
  }
  scanner_error(s, tok->pos, "Invalid or unexpected token");
  tok->type = TOKEN_ILLEGAL;
}

/* Template characters from s->pos up to ` or ${ (ES2025 12.9.6). */
static void scan_template_characters(Scanner *s, Token *tok) {
  s->buffer_length = 0;
  s->raw_length = 0;
  tok->invalid_escape_pos = -1;
  tok->invalid_escape_message = NULL;
  for (;;) {
    if (s->pos >= s->length) {
      scanner_error(s, tok->pos, "Unterminated template literal");
      tok->type = TOKEN_ILLEGAL;
      return;
    }
    uint8_t b = s->source[s->pos];
    if (b == '`') { s->pos++; tok->type = TOKEN_TEMPLATE_TAIL; break; }
    if (b == '$' && peek_byte(s, 1) == '{') { s->pos += 2; tok->type = TOKEN_TEMPLATE_SPAN; break; }
    if (b == '\\') {
      size_t escape_start = s->pos;
      s->pos++;
      if (s->pos >= s->length) continue;
      const char *message = NULL;
      EscapeResult r = scan_escape(s, true, &message);
      if (r != ESCAPE_OK) {
        if (tok->invalid_escape_pos < 0) {
          tok->invalid_escape_pos = (int32_t)escape_start;
          tok->invalid_escape_message = message;
        }
        /* Skip the bad escape's character so scanning continues (raw keeps it). */
        if (s->pos == escape_start + 1) {
          size_t next;
          peek_char(s, &next);
          s->pos = next;
        }
      }
      /* Raw: the escape's source text, with CR LF / CR as LF. */
      for (size_t i = escape_start; i < s->pos; i++) {
        uint8_t r2 = s->source[i];
        if (r2 == '\r') {
          raw_put_bytes(s, "\n", 1);
          if (i + 1 < s->pos && s->source[i + 1] == '\n') i++;
        } else {
          raw_put_bytes(s, &r2, 1);
        }
      }
      continue;
    }
    if (b == '\r') {
      s->pos++;
      if (peek_byte(s, 0) == '\n') s->pos++;
      buffer_put_bytes(s, "\n", 1);
      raw_put_bytes(s, "\n", 1);
      continue;
    }
    if (b < 0x80) {
      buffer_put_bytes(s, &b, 1);
      raw_put_bytes(s, &b, 1);
      s->pos++;
      continue;
    }
    size_t start = s->pos, next;
    uint32_t c = peek_char(s, &next);
    s->pos = next;
    buffer_put_char(s, c);
    raw_put_bytes(s, s->source + start, next - start);
  }
  tok->value = tok->invalid_escape_pos >= 0 ? NULL
                                            : scanner_intern(s, s->buffer, s->buffer_length);
  tok->raw = scanner_intern(s, s->raw_buffer, s->raw_length);
}

void scanner_rescan_template(Scanner *s, Token *tok) {
  s->pos = (size_t)tok->pos + 1;
  scan_template_characters(s, tok);
  tok->end = (int32_t)s->pos;
}

/* ---- Regular expressions --------------------------------------------------------------- */

void scanner_rescan_regexp(Scanner *s, Token *tok) {
  s->pos = (size_t)tok->pos + 1;
  bool in_class = false;
  size_t body_start = s->pos;
  for (;;) {
    if (s->pos >= s->length) goto unterminated;
    size_t next;
    uint32_t c = peek_char(s, &next);
    if (scanner_is_line_terminator(c)) goto unterminated;
    if (c == '\\') {
      s->pos = next;
      if (s->pos >= s->length) goto unterminated;
      c = peek_char(s, &next);
      if (scanner_is_line_terminator(c)) goto unterminated;
      s->pos = next;
      continue;
    }
    s->pos = next;
    if (c == '[') in_class = true;
    else if (c == ']') in_class = false;
    else if (c == '/' && !in_class) break;
  }
  tok->value = scanner_intern(s, (const char *)s->source + body_start, s->pos - 1 - body_start);
  /* Flags: IdentifierPartChars; valid ones are dgimsuvy, each once, not both u and v. */
  size_t flags_start = s->pos;
  unsigned seen = 0;
  while (s->pos < s->length) {
    size_t next;
    uint32_t c = peek_char(s, &next);
    if (c == '\\') {
      scanner_error(s, (int32_t)s->pos, "Invalid regular expression flags");
      tok->type = TOKEN_ILLEGAL;
      return;
    }
    if (!scanner_is_id_continue(c)) break;
    const char *valid = "dgimsuvy";
    const char *f = c < 128 ? strchr(valid, (int)c) : NULL;
    unsigned bit = f ? 1u << (f - valid) : 0;
    if (!f || c == 0 || (seen & bit)) {
      scanner_error(s, tok->pos, "Invalid regular expression flags");
      tok->type = TOKEN_ILLEGAL;
      return;
    }
    seen |= bit;
    s->pos = next;
  }
  if ((seen & (1u << 5)) && (seen & (1u << 6))) {
    scanner_error(s, tok->pos, "Invalid regular expression flags");
    tok->type = TOKEN_ILLEGAL;
    return;
  }
  tok->raw = scanner_intern(s, (const char *)s->source + flags_start, s->pos - flags_start);
  tok->type = TOKEN_REGEXP;
  tok->end = (int32_t)s->pos;
  return;
unterminated:
  scanner_error(s, tok->pos, "Invalid regular expression: missing /");
  tok->type = TOKEN_ILLEGAL;
}

/* ---- Punctuators and the main loop ----------------------------------------------------- */

/* Picks the longest of the operators starting with the byte at s->pos. */
static TokenType scan_punctuator(Scanner *s) {
  int c = peek_byte(s, 0), c1 = peek_byte(s, 1), c2 = peek_byte(s, 2), c3 = peek_byte(s, 3);
#define TAKE(n, t) do { s->pos += (n); return TOKEN_##t; } while (0)
  switch (c) {
    case '(': TAKE(1, LPAREN);
    case ')': TAKE(1, RPAREN);
    case '[': TAKE(1, LBRACK);
    case ']': TAKE(1, RBRACK);
    case '{': TAKE(1, LBRACE);
    case '}': TAKE(1, RBRACE);
    case ';': TAKE(1, SEMICOLON);
    case ',': TAKE(1, COMMA);
    case ':': TAKE(1, COLON);
    case '~': TAKE(1, BIT_NOT);
    case '.':
      if (c1 == '.' && c2 == '.') TAKE(3, ELLIPSIS);
      TAKE(1, DOT);
    case '?':
      if (c1 == '?') { if (c2 == '=') TAKE(3, ASSIGN_NULLISH); TAKE(2, NULLISH); }
      if (c1 == '.' && !is_decimal_digit(c2)) TAKE(2, QUESTION_DOT);
      TAKE(1, QUESTION);
    case '=':
      if (c1 == '>') TAKE(2, ARROW);
      if (c1 == '=') { if (c2 == '=') TAKE(3, EQ_STRICT); TAKE(2, EQ); }
      TAKE(1, ASSIGN);
    case '!':
      if (c1 == '=') { if (c2 == '=') TAKE(3, NE_STRICT); TAKE(2, NE); }
      TAKE(1, NOT);
    case '+':
      if (c1 == '+') TAKE(2, INC);
      if (c1 == '=') TAKE(2, ASSIGN_ADD);
      TAKE(1, ADD);
    case '-':
      if (c1 == '-') TAKE(2, DEC);
      if (c1 == '=') TAKE(2, ASSIGN_SUB);
      TAKE(1, SUB);
    case '*':
      if (c1 == '*') { if (c2 == '=') TAKE(3, ASSIGN_EXP); TAKE(2, EXP); }
      if (c1 == '=') TAKE(2, ASSIGN_MUL);
      TAKE(1, MUL);
    case '/':
      if (c1 == '=') TAKE(2, ASSIGN_DIV);
      TAKE(1, DIV);
    case '%':
      if (c1 == '=') TAKE(2, ASSIGN_MOD);
      TAKE(1, MOD);
    case '<':
      if (c1 == '<') { if (c2 == '=') TAKE(3, ASSIGN_SHL); TAKE(2, SHL); }
      if (c1 == '=') TAKE(2, LTE);
      TAKE(1, LT);
    case '>':
      if (c1 == '>') {
        if (c2 == '>') { if (c3 == '=') TAKE(4, ASSIGN_SHR); TAKE(3, SHR); }
        if (c2 == '=') TAKE(3, ASSIGN_SAR);
        TAKE(2, SAR);
      }
      if (c1 == '=') TAKE(2, GTE);
      TAKE(1, GT);
    case '&':
      if (c1 == '&') { if (c2 == '=') TAKE(3, ASSIGN_AND); TAKE(2, AND); }
      if (c1 == '=') TAKE(2, ASSIGN_BIT_AND);
      TAKE(1, BIT_AND);
    case '|':
      if (c1 == '|') { if (c2 == '=') TAKE(3, ASSIGN_OR); TAKE(2, OR); }
      if (c1 == '=') TAKE(2, ASSIGN_BIT_OR);
      TAKE(1, BIT_OR);
    case '^':
      if (c1 == '=') TAKE(2, ASSIGN_BIT_XOR);
      TAKE(1, BIT_XOR);
    default:
      return TOKEN_ILLEGAL;
  }
#undef TAKE
}

void scanner_next(Scanner *s, Token *tok) {
  tok->newline_before = skip_whitespace(s);
  tok->pos = (int32_t)s->pos;
  tok->escaped = false;
  tok->value = tok->raw = NULL;
  tok->octal_pos = -1;
  tok->invalid_escape_pos = -1;
  if (s->has_error) {
    tok->type = TOKEN_ILLEGAL;
  } else if (s->pos >= s->length) {
    tok->type = TOKEN_EOS;
  } else {
    uint8_t b = s->source[s->pos];
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '$' || b == '_' ||
        b == '\\') {
      scan_identifier(s, tok);
    } else if (is_decimal_digit(b) || (b == '.' && is_decimal_digit(peek_byte(s, 1)))) {
      scan_number(s, tok);
    } else if (b == '"' || b == '\'') {
      scan_string(s, tok);
    } else if (b == '`') {
      s->pos++;
      scan_template_characters(s, tok);
    } else if (b == '#') {
      scan_private_name(s, tok);
    } else if (b >= 0x80) {
      uint32_t c = peek_char(s, NULL);
      if (scanner_is_id_start(c)) {
        scan_identifier(s, tok);
      } else {
        scanner_error(s, tok->pos, "Invalid or unexpected token");
        tok->type = TOKEN_ILLEGAL;
      }
    } else {
      tok->type = scan_punctuator(s);
      if (tok->type == TOKEN_ILLEGAL) scanner_error(s, tok->pos, "Invalid or unexpected token");
    }
  }
  tok->end = (int32_t)s->pos;
}
