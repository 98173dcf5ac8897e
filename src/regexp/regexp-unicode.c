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
#include <unicode/ustring.h>

#include "regexp/regexp-unicode-tables.inc"

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

static int u32_pair_compare(const void *key, const void *entry) {
  uint32_t k = *(const uint32_t *)key, e = *(const uint32_t *)entry;
  return k < e ? -1 : k > e;
}

/* Simple case folding, from the generated table (CaseFolding.txt, statuses C and S). */
static uint32_t unicode_canonicalize(uint32_t c) {
  const uint32_t *hit = bsearch(&c, kUcdSimpleFolding, KILN_ARRAY_SIZE(kUcdSimpleFolding) / 2,
                                2 * sizeof(uint32_t), u32_pair_compare);
  return hit ? hit[1] : c;
}

static uint32_t legacy_canon_fn(uint32_t c) { return legacy_canon[c]; }

/* The characters that may canonicalize to something else: every code unit without /u,
 * the keys of the folding table with it. */
static uint32_t every_unit(uint32_t i) { return i; }
static uint32_t folded_char(uint32_t i) { return kUcdSimpleFolding[2 * i]; }

static int pair_by_key(const void *a, const void *b) {
  const CasePair *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return x->c < y->c ? -1 : x->c > y->c;
}

static int pair_by_char(const void *a, const void *b) {
  const CasePair *x = a, *y = b;
  return x->c < y->c ? -1 : x->c > y->c;
}

/* Builds the table of one Canonicalize function from count candidates: every c with canon(c) !=
 * c, and every canonical value k reached that is its own canonical form. Out of memory
 * while building this process-wide table is an engine failure, not bad input. */
static void case_table_build(CaseTable *t, uint32_t count, uint32_t (*candidate)(uint32_t),
                             uint32_t (*canon)(uint32_t)) {
  size_t cap = 4096, n = 0;
  CasePair *pairs = malloc(cap * sizeof *pairs);
  CHECK(pairs);
  regexp_charset_init(&t->moved);
  for (uint32_t i = 0; i < count; i++) {
    uint32_t c = candidate(i), k = canon(c);
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
  case_table_build(&case_tables[0], 0x10000, every_unit, legacy_canon_fn);
  case_table_build(&case_tables[1], KILN_ARRAY_SIZE(kUcdSimpleFolding) / 2, folded_char,
                   unicode_canonicalize);
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

/* ---- Properties: the generated tables ------------------------------------------ */

static int ucd_set_compare(const void *key, const void *entry) {
  return strcmp((const char *)key, ((const UcdSet *)entry)->name);
}

/* The table entry named name, or NULL. */
static const UcdSet *ucd_find(const UcdSet *table, size_t n, const char *name) {
  return bsearch(name, table, n, sizeof(UcdSet), ucd_set_compare);
}
#define UCD_FIND(table, name) ucd_find(table, KILN_ARRAY_SIZE(table), name)

static void ucd_add(const UcdSet *s, RegExpCharSet *set) {
  const uint32_t *r = kUcdRanges + 2 * s->start;
  for (uint32_t i = 0; i < s->count; i++) regexp_charset_add_range(set, r[2 * i], r[2 * i + 1]);
}

static bool ucd_contains(const UcdSet *s, uint32_t c) {
  const uint32_t *r = kUcdRanges + 2 * s->start;
  uint32_t lo = 0, hi = s->count;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (c < r[2 * mid]) hi = mid;
    else if (c > r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/* ES2025 table 67: the binary properties' canonical names and aliases. Any, ASCII and
 * Assigned are the spec's own; the others are in kUcdBinary by canonical name. */
#define REGEXP_BINARY_ALIAS_LIST(V)                                                     \
  V("ASCII_Hex_Digit", "AHex") V("Alphabetic", "Alpha") V("Bidi_Control", "Bidi_C")      \
  V("Bidi_Mirrored", "Bidi_M") V("Case_Ignorable", "CI")                                 \
  V("Changes_When_Casefolded", "CWCF") V("Changes_When_Casemapped", "CWCM")              \
  V("Changes_When_Lowercased", "CWL") V("Changes_When_NFKC_Casefolded", "CWKCF")         \
  V("Changes_When_Titlecased", "CWT") V("Changes_When_Uppercased", "CWU")                \
  V("Default_Ignorable_Code_Point", "DI") V("Deprecated", "Dep") V("Diacritic", "Dia")   \
  V("Emoji_Component", "EComp") V("Emoji_Modifier", "EMod")                              \
  V("Emoji_Modifier_Base", "EBase") V("Emoji_Presentation", "EPres")                     \
  V("Extended_Pictographic", "ExtPict") V("Extender", "Ext") V("Grapheme_Base", "Gr_Base") \
  V("Grapheme_Extend", "Gr_Ext") V("Hex_Digit", "Hex") V("IDS_Binary_Operator", "IDSB")  \
  V("IDS_Trinary_Operator", "IDST") V("ID_Continue", "IDC") V("ID_Start", "IDS")         \
  V("Ideographic", "Ideo") V("Join_Control", "Join_C") V("Logical_Order_Exception", "LOE") \
  V("Lowercase", "Lower") V("Noncharacter_Code_Point", "NChar")                          \
  V("Pattern_Syntax", "Pat_Syn") V("Pattern_White_Space", "Pat_WS")                      \
  V("Quotation_Mark", "QMark") V("Regional_Indicator", "RI") V("Sentence_Terminal", "STerm") \
  V("Soft_Dotted", "SD") V("Terminal_Punctuation", "Term") V("Unified_Ideograph", "UIdeo") \
  V("Uppercase", "Upper") V("Variation_Selector", "VS") V("White_Space", "space")        \
  V("XID_Continue", "XIDC") V("XID_Start", "XIDS")

static const char *const kBinaryAliases[][2] = {
#define V(name, alias) {alias, name},
  REGEXP_BINARY_ALIAS_LIST(V)
#undef V
};

/* Adds the strings of a property of strings: single code points to set, longer ones to
 * strings. */
static RegExpPropertyStatus string_property(const UcdSet *p, RegExpCharSet *set,
                                            RegExpStringList *strings) {
  size_t words = 0;
  const uint32_t *w = kUcdStrings + p->start;
  for (uint32_t i = 0; i < p->count; i++) { words += w[0]; w += w[0] + 1; }
  strings->code_points = malloc((words + 1) * sizeof(uint32_t));
  strings->starts = malloc(((size_t)p->count + 1) * sizeof(uint32_t));
  if (!strings->code_points || !strings->starts) return RE_PROPERTY_OOM;
  strings->count = 0;
  uint32_t used = 0;
  w = kUcdStrings + p->start;
  for (uint32_t i = 0; i < p->count; i++, w += w[0] + 1) {
    if (w[0] == 1) { regexp_charset_add(set, w[1]); continue; }
    strings->starts[strings->count++] = used;
    memcpy(strings->code_points + used, w + 1, w[0] * sizeof(uint32_t));
    used += w[0];
  }
  strings->starts[strings->count] = used;
  return set->oom ? RE_PROPERTY_OOM : RE_PROPERTY_OK;
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

/* General_Category values: names and aliases from ICU (stable since Unicode 6.1), sets
 * from the tables by long name. */
static RegExpPropertyStatus general_category(const char *value, RegExpCharSet *set) {
  int32_t v = u_getPropertyValueEnum(UCHAR_GENERAL_CATEGORY_MASK, value);
  if (v == UCHAR_INVALID_CODE || !value_name_matches(UCHAR_GENERAL_CATEGORY_MASK, v, value)) {
    return RE_PROPERTY_INVALID;
  }
  const char *name = u_getPropertyValueName(UCHAR_GENERAL_CATEGORY_MASK, v, U_LONG_PROPERTY_NAME);
  const UcdSet *s = name ? UCD_FIND(kUcdGeneralCategory, name) : NULL;
  if (!s) return RE_PROPERTY_INVALID;
  ucd_add(s, set);
  return set->oom ? RE_PROPERTY_OOM : RE_PROPERTY_OK;
}

/* The long name of a Script value given by any of its names, or NULL. ICU knows the
 * names up to its Unicode version; kUcdNewScriptAliases the newer ones. ICU also knows
 * ISO 15924 codes Unicode has no characters for (Latf, Aran...): those are not in the
 * tables, so they stay invalid. */
static const char *script_long_name(const char *value) {
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kUcdNewScriptAliases); i++) {
    if (strcmp(value, kUcdNewScriptAliases[i][0]) == 0 ||
        strcmp(value, kUcdNewScriptAliases[i][1]) == 0) {
      return kUcdNewScriptAliases[i][1];
    }
  }
  int32_t v = u_getPropertyValueEnum(UCHAR_SCRIPT, value);
  if (v == UCHAR_INVALID_CODE || !value_name_matches(UCHAR_SCRIPT, v, value)) return NULL;
  return u_getPropertyValueName(UCHAR_SCRIPT, v, U_LONG_PROPERTY_NAME);
}

static RegExpPropertyStatus script(bool extensions, const char *value, RegExpCharSet *set) {
  const char *name = script_long_name(value);
  if (!name) return RE_PROPERTY_INVALID;
  if (strcmp(name, "Katakana_Or_Hiragana") == 0) return RE_PROPERTY_OK;   /* no characters */
  const UcdSet *s = extensions ? UCD_FIND(kUcdScriptExtensions, name) : UCD_FIND(kUcdScript, name);
  if (!s) return RE_PROPERTY_INVALID;
  ucd_add(s, set);
  return set->oom ? RE_PROPERTY_OOM : RE_PROPERTY_OK;
}

/* A lone name: a binary property (or, with strings, a property of strings), else a
 * General_Category value. */
static RegExpPropertyStatus lone_property(const char *name, RegExpCharSet *set,
                                          RegExpStringList *strings) {
  if (strcmp(name, "Any") == 0) { regexp_charset_add_range(set, 0, kRegExpMaxCodePoint); return RE_PROPERTY_OK; }
  if (strcmp(name, "ASCII") == 0) { regexp_charset_add_range(set, 0, 0x7F); return RE_PROPERTY_OK; }
  if (strcmp(name, "Assigned") == 0) {
    ucd_add(UCD_FIND(kUcdGeneralCategory, "Unassigned"), set);
    regexp_charset_invert(set, kRegExpMaxCodePoint);
    return set->oom ? RE_PROPERTY_OOM : RE_PROPERTY_OK;
  }
  const char *canonical = name;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kBinaryAliases); i++) {
    if (strcmp(kBinaryAliases[i][0], name) == 0) canonical = kBinaryAliases[i][1];
  }
  const UcdSet *b = UCD_FIND(kUcdBinary, canonical);
  if (b) {
    ucd_add(b, set);
    return set->oom ? RE_PROPERTY_OOM : RE_PROPERTY_OK;
  }
  const UcdSet *sp = strings ? UCD_FIND(kUcdStringProperties, name) : NULL;
  if (sp) return string_property(sp, set, strings);
  return general_category(name, set);
}

RegExpPropertyStatus regexp_unicode_property(const char *name, const char *value,
                                             RegExpCharSet *set, RegExpStringList *strings) {
  if (!value) return lone_property(name, set, strings);
  if (strcmp(name, "General_Category") == 0 || strcmp(name, "gc") == 0) {
    return general_category(value, set);
  }
  if (strcmp(name, "Script") == 0 || strcmp(name, "sc") == 0) return script(false, value, set);
  if (strcmp(name, "Script_Extensions") == 0 || strcmp(name, "scx") == 0) {
    return script(true, value, set);
  }
  return RE_PROPERTY_INVALID;
}

const char *regexp_unicode_version(void) { return REGEXP_UNICODE_VERSION; }

bool regexp_is_identifier_start(uint32_t c) {
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';
  return ucd_contains(UCD_FIND(kUcdBinary, "ID_Start"), c);
}

bool regexp_is_identifier_part(uint32_t c) {
  if (c < 128) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '$' || c == '_';
  }
  return c == 0x200C || c == 0x200D || ucd_contains(UCD_FIND(kUcdBinary, "ID_Continue"), c);
}
