/*
 * scanner.h: the ES2025 lexical grammar over UTF-8 (WTF-8 allowed) source (ECMA-262 12).
 *
 * The scanner turns bytes into Tokens on demand; the parser drives it. Two goals of the
 * lexical grammar depend on the parser's state (ES2025 12 InputElementRegExp /
 * InputElementTemplateTail): the scanner always scans `/` and `/=` as operators and `}` as a
 * punctuator; the parser calls scanner_rescan_regexp or scanner_rescan_template where a
 * regular expression literal or a template continuation is expected.
 *
 * Strings (identifier names, string and template values) are interned per scan in the
 * zone: equal names give the same AstString pointer. AstString.hash is 32-bit FNV-1a of
 * the WTF-8 bytes.
 *
 * Errors: the scanner records the first error (message and byte position) and returns
 * TOKEN_ILLEGAL; the parser reports it as a SyntaxError.
 *
 * Positions are byte offsets into the source.
 */
#ifndef KILN_PARSING_SCANNER_H_
#define KILN_PARSING_SCANNER_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parsing/ast.h"
#include "parsing/token.h"
#include "parsing/zone.h"

typedef struct Token {
  TokenType type;
  int32_t pos, end;        /* the token's bytes: [pos, end) */
  bool newline_before;     /* a line terminator precedes it (ASI, restricted productions) */
  bool escaped;            /* IDENTIFIER/ESCAPED_KEYWORD: written with \u escapes */
  TokenType keyword;       /* ESCAPED_KEYWORD: the keyword it spells */
  int32_t octal_pos;       /* STRING: first legacy octal escape or \8 \9 (strict error);
                              NUMBER: the literal is legacy octal / 08-style; -1 if none */
  int32_t invalid_escape_pos;  /* TEMPLATE_*: first invalid escape (value is NULL), or -1 */
  const char *invalid_escape_message;
  const AstString *value;  /* IDENTIFIER, ESCAPED_KEYWORD, PRIVATE_NAME (with its '#'),
                              STRING, TEMPLATE_* cooked (NULL if invalid), REGEXP pattern,
                              BIGINT digits (no prefix, no separators) */
  const AstString *raw;    /* TEMPLATE_* raw text (CR LF and CR made LF); REGEXP flags */
  double number;           /* NUMBER */
  int radix;               /* BIGINT: 2, 8, 10 or 16 */
} Token;

typedef struct StringTable StringTable;

typedef struct Scanner {
  const uint8_t *source;
  size_t length;
  size_t pos;              /* the next byte to scan */
  Zone *zone;
  bool is_module;          /* no HTML-like comments (ES2025 B.1.1 is for scripts only) */
  StringTable *strings;
  char *buffer;            /* scratch for values with escapes (malloc'd) */
  size_t buffer_length, buffer_capacity;
  char *raw_buffer;        /* scratch for template raw strings */
  size_t raw_length, raw_capacity;
  bool has_error;
  bool out_of_memory;
  int32_t error_pos;
  char error_message[200];
} Scanner;

/* Prepares to scan source[0..length); skips a hashbang comment (ES2025 12.5). False when
 * out of memory. */
bool scanner_init(Scanner *s, Zone *zone, const char *source, size_t length, bool is_module);
void scanner_free(Scanner *s);

/* Scans the token at s->pos into *tok (InputElementDiv: `/` is division). */
void scanner_next(Scanner *s, Token *tok);
/* tok is a `/` or `/=` just scanned: rescans it as a RegularExpressionLiteral. */
void scanner_rescan_regexp(Scanner *s, Token *tok);
/* tok is a `}` just scanned that closes a template substitution: rescans from after it as
 * a TemplateMiddle or TemplateTail. */
void scanner_rescan_template(Scanner *s, Token *tok);

/* The interned string with these WTF-8 bytes. */
const AstString *scanner_intern(Scanner *s, const char *data, size_t length);
/* The keyword token that name spells, or TOKEN_IDENTIFIER. */
TokenType scanner_keyword(const AstString *name);

/* ID_Start / ID_Continue per ES2025 12.7 (ICU's properties plus $, _, ZWNJ, ZWJ). */
bool scanner_is_id_start(uint32_t c);
bool scanner_is_id_continue(uint32_t c);
bool scanner_is_line_terminator(uint32_t c);

/* Reports a scanner-style error at pos (first one wins). */
void scanner_error(Scanner *s, int32_t pos, const char *message);

#endif /* KILN_PARSING_SCANNER_H_ */
