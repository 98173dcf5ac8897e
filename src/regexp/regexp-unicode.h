/*
 * regexp-unicode.h: the character knowledge of the RegExp engine (regexp/regexp-unicode.c):
 * sets of code points, the two Canonicalize functions of ES2025 22.2.2.7.3, the case
 * closure of a set, the JS character classes (\d \s \w, line terminators) and Unicode
 * property escapes (\p{...}).
 *
 * Unicode data: the property sets, simple case folding and identifier characters come
 * from regexp-unicode-tables.inc, generated from the UCD version test262 expects
 * (regexp_unicode_version()); ICU supplies the names and aliases of General_Category and
 * Script values and the full uppercase mapping of Canonicalize without /u.
 *
 * A RegExpCharSet is a sorted list of disjoint, non-adjacent, inclusive ranges of code
 * points [lo, hi] within 0..0x10FFFF. Operations keep that invariant. Allocation failure
 * sets `oom` and leaves the set unchanged in content otherwise (callers check oom once at
 * the end of building a set and report it as an error: no abort on big patterns).
 *
 * Case-insensitive matching (ES2025 22.2.2.7.3 Canonicalize(rer, ch)):
 *   - with /u or /v: simple case folding, scf(ch) (ICU's u_foldCase);
 *   - otherwise: toUppercase(ch) by the full Unicode mapping; if that is not a single code
 *     unit, ch itself; if ch is non-ASCII and the result is ASCII, ch itself.
 * Two characters match case-insensitively when their canonical forms are equal, so the
 * engine compiles a set S under /i to its closure {c : Canonicalize(c) = Canonicalize(s)
 * for some s in S} and then tests the subject's character without canonicalizing it.
 */
#ifndef KILN_REGEXP_REGEXP_UNICODE_H_
#define KILN_REGEXP_REGEXP_UNICODE_H_

#include "base/globals.h"

enum { kRegExpMaxCodePoint = 0x10FFFF };

typedef struct {
  uint32_t *ranges;   /* 2 * count words: lo0, hi0, lo1, hi1, ... */
  uint32_t count;     /* number of ranges */
  uint32_t capacity;  /* in ranges */
  bool oom;           /* an allocation failed while building this set */
} RegExpCharSet;

/* ---- Sets ------------------------------------------------------------------------- */

void regexp_charset_init(RegExpCharSet *set);
void regexp_charset_free(RegExpCharSet *set);
void regexp_charset_clear(RegExpCharSet *set);
/* Adds [lo, hi] (lo <= hi). Cheap when ranges arrive in increasing order. */
void regexp_charset_add_range(RegExpCharSet *set, uint32_t lo, uint32_t hi);
void regexp_charset_add(RegExpCharSet *set, uint32_t c);
/* set := set ∪ other, set ∩ other, set \ other. */
void regexp_charset_union(RegExpCharSet *set, const RegExpCharSet *other);
void regexp_charset_intersect(RegExpCharSet *set, const RegExpCharSet *other);
void regexp_charset_subtract(RegExpCharSet *set, const RegExpCharSet *other);
/* set := [0, max] \ set. */
void regexp_charset_invert(RegExpCharSet *set, uint32_t max);
void regexp_charset_copy(RegExpCharSet *dst, const RegExpCharSet *src);
bool regexp_charset_contains(const RegExpCharSet *set, uint32_t c);
bool regexp_charset_equal(const RegExpCharSet *a, const RegExpCharSet *b);
/* The number of code points in the set (saturates at UINT32_MAX; it cannot exceed it). */
uint32_t regexp_charset_size(const RegExpCharSet *set);

/* ---- Case ------------------------------------------------------------------------- */

/* Canonicalize(rer, ch) with rer.[[IgnoreCase]] true; `unicode` is /u or /v. */
uint32_t regexp_canonicalize(uint32_t c, bool unicode);
/* Fills out (room for 4) with every c2 such that Canonicalize(c2) = Canonicalize(c),
 * c first; returns how many (1 when c has no case partners). */
int regexp_case_equivalents(uint32_t c, bool unicode, uint32_t out[4]);
/* set := {c : Canonicalize(c) = Canonicalize(s) for some s in set}. */
void regexp_charset_close_over_case(RegExpCharSet *set, bool unicode);
/* set := {scf(c) : c in set}, ES2025 22.2.2.9.3 MaybeSimpleCaseFolding for /vi. */
void regexp_charset_simple_fold(RegExpCharSet *set);
/* The code points c with scf(c) != c; AllCharacters under /vi is their complement. */
const RegExpCharSet *regexp_unicode_folded_away(void);

/* ---- The JS classes ------------------------------------------------------------------ */

/* \d, \s (WhiteSpace and LineTerminator), \w; with unicode_ignore_case (/ui, /vi) \w also
 * holds U+017F and U+212A, whose canonical forms are word characters (ES2025
 * 22.2.2.9.4 WordCharacters). Each adds to set. */
void regexp_charset_add_digits(RegExpCharSet *set);
void regexp_charset_add_spaces(RegExpCharSet *set);
void regexp_charset_add_word(RegExpCharSet *set, bool unicode_ignore_case);
void regexp_charset_add_line_terminators(RegExpCharSet *set);
bool regexp_is_line_terminator(uint32_t c);
/* ES2025 22.2.2.9.4 IsWordChar over a single character. */
bool regexp_is_word_char(uint32_t c, bool unicode_ignore_case);

/* ---- Properties (\p{...}) -------------------------------------------------------------- */

/* A property of strings (for /v): a list of code point sequences, each of length >= 2;
 * single code points go to the set. */
typedef struct {
  uint32_t *code_points;   /* all strings back to back */
  uint32_t *starts;        /* string i is code_points[starts[i] .. starts[i+1]) */
  uint32_t count;
} RegExpStringList;

void regexp_string_list_free(RegExpStringList *list);

typedef enum {
  RE_PROPERTY_OK,
  RE_PROPERTY_INVALID,      /* not a property or value the spec allows: SyntaxError */
  RE_PROPERTY_OOM,
} RegExpPropertyStatus;

/* ES2025 22.2.2.9 UnicodePropertyValueExpression. name/value are ASCII code points (the
 * parser rejects anything else); value is NULL for a lone name (\p{Lu}, \p{Alphabetic}).
 * Matching is exact: the canonical names and aliases of PropertyValueAliases.txt and of
 * the spec's tables of non-binary and binary properties, no loose matching. A property of
 * strings (Basic_Emoji, RGI_Emoji, ...) is accepted only if strings is not NULL (the
 * caller allows it under /v and not in \P); its multi-code-point members go to strings. */
RegExpPropertyStatus regexp_unicode_property(const char *name, const char *value,
                                             RegExpCharSet *set, RegExpStringList *strings);

/* The Unicode version of the generated tables ("17.0.0"). */
const char *regexp_unicode_version(void);

/* Group names: ES2025 RegExpIdentifierStart / RegExpIdentifierPart over code points. */
bool regexp_is_identifier_start(uint32_t c);
bool regexp_is_identifier_part(uint32_t c);

#endif /* KILN_REGEXP_REGEXP_UNICODE_H_ */
