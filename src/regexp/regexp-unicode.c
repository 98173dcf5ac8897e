/*
 * regexp-unicode.c: code point sets, case canonicalization and property escapes for the
 * RegExp engine (see regexp-unicode.h).
 *
 * The case tables are built once per process (pthread_once) from ICU: for each of the two
 * Canonicalize functions, the code points whose equivalence class {c2 : Canonicalize(c2) =
 * Canonicalize(c)} has more than one member, sorted, with their classes. Every other code
 * point is alone in its class, which is what makes closing a set over case cheap: only
 * the ~2,800 listed points can add anything.
 */
#include "regexp/regexp-unicode.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>

/* ---- Sets ------------------------------------------------------------------------- */

void regexp_charset_init(RegExpCharSet *set) { memset(set, 0, sizeof *set); }

void regexp_charset_free(RegExpCharSet *set) {
  free(set->ranges);
  regexp_charset_init(set);
}

void regexp_charset_clear(RegExpCharSet *set) { set->count = 0; }

static bool charset_reserve(RegExpCharSet *set, uint32_t n) {
  if (n <= set->capacity) return true;
  uint32_t cap = set->capacity ? set->capacity : 4;
  while (cap < n) cap *= 2;
  uint32_t *r = realloc(set->ranges, (size_t)cap * 2 * sizeof(uint32_t));
  if (!r) { set->oom = true; return false; }
  set->ranges = r;
  set->capacity = cap;
  return true;
}

/* Appends a range that starts after every range in the set (merging when adjacent). */
static void charset_append(RegExpCharSet *set, uint32_t lo, uint32_t hi) {
  if (set->count > 0) {
    uint32_t *last_hi = &set->ranges[2 * set->count - 1];
    if (lo <= *last_hi + 1) {
      if (hi > *last_hi) *last_hi = hi;
      return;
    }
  }
  if (!charset_reserve(set, set->count + 1)) return;
  set->ranges[2 * set->count] = lo;
  set->ranges[2 * set->count + 1] = hi;
  set->count++;
}

void regexp_charset_add_range(RegExpCharSet *set, uint32_t lo, uint32_t hi) {
  DCHECK(lo <= hi);
  if (set->count == 0 || lo >= set->ranges[2 * set->count - 2]) {
    charset_append(set, lo, hi);   /* at or after the start of the last range */
    return;
  }
  RegExpCharSet one = {.ranges = (uint32_t[2]){lo, hi}, .count = 1, .capacity = 1};
  regexp_charset_union(set, &one);
}

void regexp_charset_add(RegExpCharSet *set, uint32_t c) { regexp_charset_add_range(set, c, c); }

/* Replaces set's ranges with out's (out is consumed). */
static void charset_take(RegExpCharSet *set, RegExpCharSet *out) {
  bool oom = set->oom || out->oom;
  free(set->ranges);
  *set = *out;
  set->oom = oom;
}

void regexp_charset_union(RegExpCharSet *set, const RegExpCharSet *other) {
  RegExpCharSet out;
  regexp_charset_init(&out);
  uint32_t i = 0, j = 0;
  while (i < set->count || j < other->count) {
    const uint32_t *r;
    if (j == other->count || (i < set->count && set->ranges[2 * i] <= other->ranges[2 * j])) {
      r = &set->ranges[2 * i++];
    } else {
      r = &other->ranges[2 * j++];
    }
    charset_append(&out, r[0], r[1]);
  }
  charset_take(set, &out);
}

void regexp_charset_intersect(RegExpCharSet *set, const RegExpCharSet *other) {
  RegExpCharSet out;
  regexp_charset_init(&out);
  uint32_t i = 0, j = 0;
  while (i < set->count && j < other->count) {
    uint32_t lo = set->ranges[2 * i] > other->ranges[2 * j] ? set->ranges[2 * i]
                                                             : other->ranges[2 * j];
    uint32_t hi1 = set->ranges[2 * i + 1], hi2 = other->ranges[2 * j + 1];
    uint32_t hi = hi1 < hi2 ? hi1 : hi2;
    if (lo <= hi) charset_append(&out, lo, hi);
    if (hi1 < hi2) i++; else j++;
  }
  charset_take(set, &out);
}

void regexp_charset_invert(RegExpCharSet *set, uint32_t max) {
  RegExpCharSet out;
  regexp_charset_init(&out);
  uint32_t next = 0;
  for (uint32_t i = 0; i < set->count && next <= max; i++) {
    if (set->ranges[2 * i] > next) {
      uint32_t hi = set->ranges[2 * i] - 1;
      charset_append(&out, next, hi < max ? hi : max);
    }
    next = set->ranges[2 * i + 1] + 1;
  }
  if (next <= max) charset_append(&out, next, max);
  charset_take(set, &out);
}

void regexp_charset_subtract(RegExpCharSet *set, const RegExpCharSet *other) {
  RegExpCharSet inverse;
  regexp_charset_init(&inverse);
  regexp_charset_copy(&inverse, other);
  regexp_charset_invert(&inverse, kRegExpMaxCodePoint);
  regexp_charset_intersect(set, &inverse);
  if (inverse.oom) set->oom = true;
  regexp_charset_free(&inverse);
}

void regexp_charset_copy(RegExpCharSet *dst, const RegExpCharSet *src) {
  dst->count = 0;
  if (!charset_reserve(dst, src->count)) return;
  if (src->count) memcpy(dst->ranges, src->ranges, (size_t)src->count * 2 * sizeof(uint32_t));
  dst->count = src->count;
  if (src->oom) dst->oom = true;
}

bool regexp_charset_contains(const RegExpCharSet *set, uint32_t c) {
  uint32_t lo = 0, hi = set->count;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (c < set->ranges[2 * mid]) hi = mid;
    else if (c > set->ranges[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

bool regexp_charset_equal(const RegExpCharSet *a, const RegExpCharSet *b) {
  return a->count == b->count &&
         (a->count == 0 ||
          memcmp(a->ranges, b->ranges, (size_t)a->count * 2 * sizeof(uint32_t)) == 0);
}

uint32_t regexp_charset_size(const RegExpCharSet *set) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < set->count; i++) n += set->ranges[2 * i + 1] - set->ranges[2 * i] + 1;
  return n;
}

/* ---- Case tables ------------------------------------------------------------------ */

enum { kMaxCaseClass = 4 };

typedef struct { uint32_t key, c; } CasePair;   /* key = Canonicalize(c) */

/* The code points in non-trivial case classes under one Canonicalize function, twice:
 * sorted by code point, and sorted by canonical value (so a class is a run). */
typedef struct {
  CasePair *by_char;
  CasePair *by_key;
  uint32_t count;
  RegExpCharSet moved;    /* {c : Canonicalize(c) != c} */
} CaseTable;

static uint16_t *legacy_canon;        /* Canonicalize without /u, per code unit */
static CaseTable case_tables[2];      /* [0]: without /u, [1]: with /u or /v */
static pthread_once_t case_once = PTHREAD_ONCE_INIT;

/* toUppercase(ch) per ES2025 22.2.2.7.3 steps 4-6, for a code unit. */
static uint16_t legacy_canonicalize(uint32_t c) {
  if (c >= 0xD800 && c <= 0xDFFF) return (uint16_t)c;
  UChar in[1] = {(UChar)c}, out[4];
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = u_strToUpper(out, 4, in, 1, "", &status);
  if (U_FAILURE(status) || n != 1) return (uint16_t)c;
  if (c >= 128 && out[0] < 128) return (uint16_t)c;
  return out[0];
}

/* Simple case folding. Unicode 15.1 added three simple foldings that ICU 72 (Unicode 15.0)
 * lacks; test262 expects them. */
static uint32_t unicode_canonicalize(uint32_t c) {
  switch (c) {
    case 0x1FD3: return 0x0390;
    case 0x1FE3: return 0x03B0;
    case 0xFB05: return 0xFB06;
    default: return (uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
  }
}

static uint32_t legacy_canon_fn(uint32_t c) { return legacy_canon[c]; }

static int pair_by_key(const void *a, const void *b) {
  const CasePair *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return x->c < y->c ? -1 : x->c > y->c;
}

static int pair_by_char(const void *a, const void *b) {
  const CasePair *x = a, *y = b;
  return x->c < y->c ? -1 : x->c > y->c;
}

/* Builds the table of one Canonicalize function over [0, max]: every c with canon(c) !=
 * c, and every canonical value k reached that is its own canonical form. Out of memory
 * while building this process-wide table is an engine failure, not bad input. */
static void case_table_build(CaseTable *t, uint32_t max, uint32_t (*canon)(uint32_t)) {
  size_t cap = 4096, n = 0;
  CasePair *pairs = malloc(cap * sizeof *pairs);
  CHECK(pairs);
  regexp_charset_init(&t->moved);
  for (uint32_t c = 0; c <= max; c++) {
    uint32_t k = canon(c);
    if (k == c) continue;
    regexp_charset_add(&t->moved, c);
    if (n + 2 > cap) {
      cap *= 2;
      pairs = realloc(pairs, cap * sizeof *pairs);
      CHECK(pairs);
    }
    pairs[n++] = (CasePair){k, c};
    if (canon(k) == k) pairs[n++] = (CasePair){k, k};
  }
  CHECK(!t->moved.oom);
  qsort(pairs, n, sizeof *pairs, pair_by_key);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (m > 0 && pairs[i].key == pairs[m - 1].key && pairs[i].c == pairs[m - 1].c) continue;
    pairs[m++] = pairs[i];
  }
  t->by_key = pairs;
  t->by_char = malloc((m + 1) * sizeof *pairs);
  CHECK(t->by_char);
  memcpy(t->by_char, pairs, m * sizeof *pairs);
  qsort(t->by_char, m, sizeof *pairs, pair_by_char);
  t->count = (uint32_t)m;
}

/* A class has at most kMaxCaseClass members (checked once, for both tables). */
static void case_table_check(const CaseTable *t) {
  uint32_t run = 0;
  for (uint32_t i = 0; i < t->count; i++) {
    run = (i > 0 && t->by_key[i].key == t->by_key[i - 1].key) ? run + 1 : 1;
    CHECK(run <= kMaxCaseClass);
  }
}

static void case_tables_init(void) {
  legacy_canon = malloc(0x10000 * sizeof(uint16_t));
  CHECK(legacy_canon);
  for (uint32_t c = 0; c < 0x10000; c++) legacy_canon[c] = legacy_canonicalize(c);
  case_table_build(&case_tables[0], 0xFFFF, legacy_canon_fn);
  case_table_build(&case_tables[1], kRegExpMaxCodePoint, unicode_canonicalize);
  case_table_check(&case_tables[0]);
  case_table_check(&case_tables[1]);
}

static const CaseTable *case_table(bool unicode) {
  pthread_once(&case_once, case_tables_init);
  return &case_tables[unicode];
}

uint32_t regexp_canonicalize(uint32_t c, bool unicode) {
  if (unicode) return unicode_canonicalize(c);
  if (c < 128) return c >= 'a' && c <= 'z' ? c - 32 : c;
  if (c >= 0x10000) return c;
  pthread_once(&case_once, case_tables_init);
  return legacy_canon[c];
}

/* The first index of by_key whose key is k, or t->count. */
static uint32_t case_table_class_start(const CaseTable *t, uint32_t k) {
  uint32_t lo = 0, hi = t->count;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (t->by_key[mid].key < k) lo = mid + 1; else hi = mid;
  }
  return lo;
}

int regexp_case_equivalents(uint32_t c, bool unicode, uint32_t out[4]) {
  const CaseTable *t = case_table(unicode);
  uint32_t k = regexp_canonicalize(c, unicode);
  out[0] = c;
  int n = 1;
  for (uint32_t i = case_table_class_start(t, k); i < t->count && t->by_key[i].key == k; i++) {
    if (t->by_key[i].c != c) out[n++] = t->by_key[i].c;
  }
  return n;
}

void regexp_charset_close_over_case(RegExpCharSet *set, bool unicode) {
  const CaseTable *t = case_table(unicode);
  RegExpCharSet extra;
  regexp_charset_init(&extra);
  uint32_t r = 0;
  for (uint32_t i = 0; i < t->count; i++) {
    uint32_t c = t->by_char[i].c;
    while (r < set->count && set->ranges[2 * r + 1] < c) r++;
    if (r == set->count) break;
    if (c < set->ranges[2 * r]) continue;
    uint32_t k = t->by_char[i].key;
    for (uint32_t j = case_table_class_start(t, k); j < t->count && t->by_key[j].key == k; j++) {
      regexp_charset_add(&extra, t->by_key[j].c);
    }
  }
  regexp_charset_union(set, &extra);
  regexp_charset_free(&extra);
}

void regexp_charset_simple_fold(RegExpCharSet *set) {
  const CaseTable *t = case_table(true);
  RegExpCharSet folded;
  regexp_charset_init(&folded);
  uint32_t r = 0;
  for (uint32_t i = 0; i < t->count; i++) {
    uint32_t c = t->by_char[i].c;
    while (r < set->count && set->ranges[2 * r + 1] < c) r++;
    if (r == set->count) break;
    if (c >= set->ranges[2 * r]) regexp_charset_add(&folded, t->by_char[i].key);
  }
  regexp_charset_subtract(set, &t->moved);
  regexp_charset_union(set, &folded);
  regexp_charset_free(&folded);
}

const RegExpCharSet *regexp_unicode_folded_away(void) { return &case_table(true)->moved; }

/* ---- The JS classes ------------------------------------------------------------------ */

void regexp_charset_add_digits(RegExpCharSet *set) { regexp_charset_add_range(set, '0', '9'); }

/* ES2025 12.2 WhiteSpace (TAB VT FF SP NBSP ZWNBSP and Zs) and 12.3 LineTerminator. */
static const uint32_t kSpaceRanges[] = {
  0x09, 0x0D, 0x20, 0x20, 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A,
  0x2028, 0x2029, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000, 0xFEFF, 0xFEFF,
};

void regexp_charset_add_spaces(RegExpCharSet *set) {
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kSpaceRanges); i += 2) {
    regexp_charset_add_range(set, kSpaceRanges[i], kSpaceRanges[i + 1]);
  }
}

void regexp_charset_add_word(RegExpCharSet *set, bool unicode_ignore_case) {
  regexp_charset_add_range(set, '0', '9');
  regexp_charset_add_range(set, 'A', 'Z');
  regexp_charset_add(set, '_');
  regexp_charset_add_range(set, 'a', 'z');
  if (unicode_ignore_case) {
    regexp_charset_add(set, 0x017F);
    regexp_charset_add(set, 0x212A);
  }
}

void regexp_charset_add_line_terminators(RegExpCharSet *set) {
  regexp_charset_add(set, '\n');
  regexp_charset_add(set, '\r');
  regexp_charset_add_range(set, 0x2028, 0x2029);
}

bool regexp_is_line_terminator(uint32_t c) {
  return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

bool regexp_is_word_char(uint32_t c, bool unicode_ignore_case) {
  if (c < 128) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '_';
  }
  return unicode_ignore_case && (c == 0x017F || c == 0x212A);
}

/* ---- Properties ------------------------------------------------------------------ */

void regexp_string_list_free(RegExpStringList *list) {
  free(list->code_points);
  free(list->starts);
  memset(list, 0, sizeof *list);
}

/* ES2025 table 67 (binary Unicode properties) and 68 (properties of strings): the
 * canonical name, its alias (or NULL) and ICU's property. -1 marks the three the spec
 * defines itself: Any, ASCII and Assigned. */
#define REGEXP_BINARY_PROPERTY_LIST(V)                                            \
  V("ASCII", NULL, -1) V("ASCII_Hex_Digit", "AHex", UCHAR_ASCII_HEX_DIGIT)          \
  V("Alphabetic", "Alpha", UCHAR_ALPHABETIC) V("Any", NULL, -2)                     \
  V("Assigned", NULL, -3) V("Bidi_Control", "Bidi_C", UCHAR_BIDI_CONTROL)           \
  V("Bidi_Mirrored", "Bidi_M", UCHAR_BIDI_MIRRORED)                                 \
  V("Case_Ignorable", "CI", UCHAR_CASE_IGNORABLE) V("Cased", NULL, UCHAR_CASED)     \
  V("Changes_When_Casefolded", "CWCF", UCHAR_CHANGES_WHEN_CASEFOLDED)               \
  V("Changes_When_Casemapped", "CWCM", UCHAR_CHANGES_WHEN_CASEMAPPED)               \
  V("Changes_When_Lowercased", "CWL", UCHAR_CHANGES_WHEN_LOWERCASED)                \
  V("Changes_When_NFKC_Casefolded", "CWKCF", UCHAR_CHANGES_WHEN_NFKC_CASEFOLDED)    \
  V("Changes_When_Titlecased", "CWT", UCHAR_CHANGES_WHEN_TITLECASED)                \
  V("Changes_When_Uppercased", "CWU", UCHAR_CHANGES_WHEN_UPPERCASED)                \
  V("Dash", NULL, UCHAR_DASH)                                                       \
  V("Default_Ignorable_Code_Point", "DI", UCHAR_DEFAULT_IGNORABLE_CODE_POINT)       \
  V("Deprecated", "Dep", UCHAR_DEPRECATED) V("Diacritic", "Dia", UCHAR_DIACRITIC)   \
  V("Emoji", NULL, UCHAR_EMOJI) V("Emoji_Component", "EComp", UCHAR_EMOJI_COMPONENT) \
  V("Emoji_Modifier", "EMod", UCHAR_EMOJI_MODIFIER)                                 \
  V("Emoji_Modifier_Base", "EBase", UCHAR_EMOJI_MODIFIER_BASE)                      \
  V("Emoji_Presentation", "EPres", UCHAR_EMOJI_PRESENTATION)                        \
  V("Extended_Pictographic", "ExtPict", UCHAR_EXTENDED_PICTOGRAPHIC)                \
  V("Extender", "Ext", UCHAR_EXTENDER) V("Grapheme_Base", "Gr_Base", UCHAR_GRAPHEME_BASE) \
  V("Grapheme_Extend", "Gr_Ext", UCHAR_GRAPHEME_EXTEND)                             \
  V("Hex_Digit", "Hex", UCHAR_HEX_DIGIT)                                            \
  V("IDS_Binary_Operator", "IDSB", UCHAR_IDS_BINARY_OPERATOR)                       \
  V("IDS_Trinary_Operator", "IDST", UCHAR_IDS_TRINARY_OPERATOR)                     \
  V("ID_Continue", "IDC", UCHAR_ID_CONTINUE) V("ID_Start", "IDS", UCHAR_ID_START)   \
  V("Ideographic", "Ideo", UCHAR_IDEOGRAPHIC) V("Join_Control", "Join_C", UCHAR_JOIN_CONTROL) \
  V("Logical_Order_Exception", "LOE", UCHAR_LOGICAL_ORDER_EXCEPTION)                \
  V("Lowercase", "Lower", UCHAR_LOWERCASE) V("Math", NULL, UCHAR_MATH)              \
  V("Noncharacter_Code_Point", "NChar", UCHAR_NONCHARACTER_CODE_POINT)              \
  V("Pattern_Syntax", "Pat_Syn", UCHAR_PATTERN_SYNTAX)                              \
  V("Pattern_White_Space", "Pat_WS", UCHAR_PATTERN_WHITE_SPACE)                     \
  V("Quotation_Mark", "QMark", UCHAR_QUOTATION_MARK) V("Radical", NULL, UCHAR_RADICAL) \
  V("Regional_Indicator", "RI", UCHAR_REGIONAL_INDICATOR)                           \
  V("Sentence_Terminal", "STerm", UCHAR_S_TERM) V("Soft_Dotted", "SD", UCHAR_SOFT_DOTTED) \
  V("Terminal_Punctuation", "Term", UCHAR_TERMINAL_PUNCTUATION)                     \
  V("Unified_Ideograph", "UIdeo", UCHAR_UNIFIED_IDEOGRAPH)                          \
  V("Uppercase", "Upper", UCHAR_UPPERCASE)                                          \
  V("Variation_Selector", "VS", UCHAR_VARIATION_SELECTOR)                           \
  V("White_Space", "space", UCHAR_WHITE_SPACE) V("XID_Continue", "XIDC", UCHAR_XID_CONTINUE) \
  V("XID_Start", "XIDS", UCHAR_XID_START)

#define REGEXP_STRING_PROPERTY_LIST(V)                                               \
  V("Basic_Emoji", UCHAR_BASIC_EMOJI) V("Emoji_Keycap_Sequence", UCHAR_EMOJI_KEYCAP_SEQUENCE) \
  V("RGI_Emoji_Modifier_Sequence", UCHAR_RGI_EMOJI_MODIFIER_SEQUENCE)                \
  V("RGI_Emoji_Flag_Sequence", UCHAR_RGI_EMOJI_FLAG_SEQUENCE)                        \
  V("RGI_Emoji_Tag_Sequence", UCHAR_RGI_EMOJI_TAG_SEQUENCE)                          \
  V("RGI_Emoji_ZWJ_Sequence", UCHAR_RGI_EMOJI_ZWJ_SEQUENCE) V("RGI_Emoji", UCHAR_RGI_EMOJI)

typedef struct { const char *name, *alias; int property; } BinaryProperty;
static const BinaryProperty kBinaryProperties[] = {
#define V(name, alias, prop) {name, alias, prop},
  REGEXP_BINARY_PROPERTY_LIST(V)
#undef V
};

typedef struct { const char *name; int property; } StringProperty;
static const StringProperty kStringProperties[] = {
#define V(name, prop) {name, prop},
  REGEXP_STRING_PROPERTY_LIST(V)
#undef V
};

/* Copies an ICU set's ranges into set, and its strings (if any) into strings. */
static RegExpPropertyStatus charset_from_uset(const USet *u, RegExpCharSet *set,
                                              RegExpStringList *strings) {
  int32_t ranges = uset_getRangeCount(u), items = uset_getItemCount(u);
  for (int32_t i = 0; i < ranges; i++) {
    UChar32 lo, hi;
    UErrorCode status = U_ZERO_ERROR;
    uset_getItem(u, i, &lo, &hi, NULL, 0, &status);
    regexp_charset_add_range(set, (uint32_t)lo, (uint32_t)hi);
  }
  if (items > ranges && strings) {
    size_t n = (size_t)(items - ranges);
    UChar buf[64];
    size_t cap = n * 8, used = 0;
    strings->code_points = malloc(cap * sizeof(uint32_t));
    strings->starts = malloc((n + 1) * sizeof(uint32_t));
    if (!strings->code_points || !strings->starts) return RE_PROPERTY_OOM;
    strings->count = 0;
    for (int32_t i = ranges; i < items; i++) {
      UChar32 lo, hi;
      UErrorCode status = U_ZERO_ERROR;
      int32_t len = uset_getItem(u, i, &lo, &hi, buf, 64, &status);
      if (U_FAILURE(status)) continue;
      if (used + (size_t)len > cap) {
        cap = (used + (size_t)len) * 2;
        uint32_t *grown = realloc(strings->code_points, cap * sizeof(uint32_t));
        if (!grown) return RE_PROPERTY_OOM;
        strings->code_points = grown;
      }
      strings->starts[strings->count++] = (uint32_t)used;
      for (int32_t k = 0; k < len;) {
        UChar32 c;
        U16_NEXT(buf, k, len, c);
        strings->code_points[used++] = (uint32_t)c;
      }
    }
    strings->starts[strings->count] = (uint32_t)used;
  }
  return set->oom ? RE_PROPERTY_OOM : RE_PROPERTY_OK;
}

/* The members of ICU property `prop` with value `value` (1 for binary properties). */
static RegExpPropertyStatus property_set(UProperty prop, int32_t value, RegExpCharSet *set,
                                         RegExpStringList *strings) {
  UErrorCode status = U_ZERO_ERROR;
  USet *u = uset_openEmpty();
  if (!u) return RE_PROPERTY_OOM;
  if (prop >= UCHAR_BASIC_EMOJI && prop <= UCHAR_RGI_EMOJI) {
    /* Properties of strings come through a pattern: applyIntPropertyValue only gives
     * their code points. */
    char pattern[64];
    UChar upattern[64];
    snprintf(pattern, sizeof pattern, "[\\p{%s}]", u_getPropertyName(prop, U_LONG_PROPERTY_NAME));
    u_uastrcpy(upattern, pattern);
    uset_applyPattern(u, upattern, -1, 0, &status);
  } else {
    uset_applyIntPropertyValue(u, prop, value, &status);
  }
  RegExpPropertyStatus result =
      U_FAILURE(status) ? RE_PROPERTY_INVALID : charset_from_uset(u, set, strings);
  uset_close(u);
  return result;
}

/* Is `given` exactly one of ICU's names for value v of property prop? */
static bool value_name_matches(UProperty prop, int32_t v, const char *given) {
  for (int choice = 0; choice < 10; choice++) {
    const char *name = u_getPropertyValueName(prop, v, (UPropertyNameChoice)choice);
    if (!name) {
      if (choice >= 2) break;
      continue;
    }
    if (strcmp(name, given) == 0) return true;
  }
  return false;
}

static RegExpPropertyStatus general_category(const char *value, RegExpCharSet *set) {
  int32_t v = u_getPropertyValueEnum(UCHAR_GENERAL_CATEGORY_MASK, value);
  if (v == UCHAR_INVALID_CODE || !value_name_matches(UCHAR_GENERAL_CATEGORY_MASK, v, value)) {
    return RE_PROPERTY_INVALID;
  }
  return property_set(UCHAR_GENERAL_CATEGORY_MASK, v, set, NULL);
}

/* Script and Script_Extensions values. ICU knows ISO 15924 codes that Unicode has no
 * characters for (Latf, Aran, ...); PropertyValueAliases.txt lists only Unicode's, which
 * all have characters except Katakana_Or_Hiragana and Unknown. */
static RegExpPropertyStatus script(UProperty prop, const char *value, RegExpCharSet *set) {
  int32_t v = u_getPropertyValueEnum(UCHAR_SCRIPT, value);
  if (v == UCHAR_INVALID_CODE || !value_name_matches(UCHAR_SCRIPT, v, value)) {
    return RE_PROPERTY_INVALID;
  }
  RegExpPropertyStatus status = property_set(prop, v, set, NULL);
  if (status != RE_PROPERTY_OK) return status;
  if (set->count == 0) {
    RegExpCharSet probe;
    regexp_charset_init(&probe);
    property_set(UCHAR_SCRIPT, v, &probe, NULL);
    bool known = probe.count > 0 || v == USCRIPT_KATAKANA_OR_HIRAGANA || v == USCRIPT_UNKNOWN;
    regexp_charset_free(&probe);
    if (!known) return RE_PROPERTY_INVALID;
  }
  return RE_PROPERTY_OK;
}

static RegExpPropertyStatus binary_property(const BinaryProperty *p, RegExpCharSet *set) {
  switch (p->property) {
    case -1: regexp_charset_add_range(set, 0, 0x7F); return RE_PROPERTY_OK;
    case -2: regexp_charset_add_range(set, 0, kRegExpMaxCodePoint); return RE_PROPERTY_OK;
    case -3: {
      RegExpPropertyStatus s = property_set(UCHAR_GENERAL_CATEGORY_MASK, U_GC_CN_MASK, set, NULL);
      regexp_charset_invert(set, kRegExpMaxCodePoint);
      return s;
    }
    default: return property_set((UProperty)p->property, 1, set, NULL);
  }
}

static RegExpPropertyStatus lone_property(const char *name, RegExpCharSet *set,
                                          RegExpStringList *strings) {
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kBinaryProperties); i++) {
    const BinaryProperty *p = &kBinaryProperties[i];
    if (strcmp(p->name, name) == 0 || (p->alias && strcmp(p->alias, name) == 0)) {
      return binary_property(p, set);
    }
  }
  if (strings) {
    for (size_t i = 0; i < KILN_ARRAY_SIZE(kStringProperties); i++) {
      if (strcmp(kStringProperties[i].name, name) == 0) {
        return property_set((UProperty)kStringProperties[i].property, 1, set, strings);
      }
    }
  }
  return general_category(name, set);
}

RegExpPropertyStatus regexp_unicode_property(const char *name, const char *value,
                                             RegExpCharSet *set, RegExpStringList *strings) {
  if (!value) return lone_property(name, set, strings);
  if (strcmp(name, "General_Category") == 0 || strcmp(name, "gc") == 0) {
    return general_category(value, set);
  }
  if (strcmp(name, "Script") == 0 || strcmp(name, "sc") == 0) {
    return script(UCHAR_SCRIPT, value, set);
  }
  if (strcmp(name, "Script_Extensions") == 0 || strcmp(name, "scx") == 0) {
    return script(UCHAR_SCRIPT_EXTENSIONS, value, set);
  }
  return RE_PROPERTY_INVALID;
}

bool regexp_is_identifier_start(uint32_t c) {
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';
  return u_hasBinaryProperty((UChar32)c, UCHAR_ID_START);
}

bool regexp_is_identifier_part(uint32_t c) {
  if (c < 128) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '$' || c == '_';
  }
  return c == 0x200C || c == 0x200D || u_hasBinaryProperty((UChar32)c, UCHAR_ID_CONTINUE);
}
