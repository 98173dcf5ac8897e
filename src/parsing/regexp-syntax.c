/* regexp-syntax.c: early errors of regular expression patterns (see regexp-syntax.h). */
#include "parsing/regexp-syntax.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "base/utf8.h"
#include "parsing/scanner.h"

enum { kMaxNesting = 1000 };

/* A named group and where it sits: the (disjunction, alternative) pairs from the root. */
typedef struct {
  uint32_t *name;
  int name_length;
  int *path;            /* 2 ints per level */
  int depth;
  size_t pos;
} NamedGroup;

typedef struct {
  const uint32_t *cp;   /* the pattern as code points */
  const size_t *offset; /* their byte offsets */
  size_t n, i;
  bool unicode;         /* u or v */
  bool vmode;           /* v */
  bool named;           /* the pattern has a named group: \k is always a reference */
  int group_count;
  bool failed;
  char *message;
  size_t message_size;
  size_t error_index;
  NamedGroup *groups;
  int group_names, group_capacity;
  NamedGroup *refs;     /* \k<name> references, checked at the end */
  int ref_count, ref_capacity;
  int path[2 * kMaxNesting];
  int depth, next_disjunction;
} RegExpParser;

static bool fail(RegExpParser *r, const char *message) {
  if (!r->failed) {
    r->failed = true;
    r->error_index = r->i;
    snprintf(r->message, r->message_size, "Invalid regular expression: %s", message);
  }
  return false;
}

static int peek_at(RegExpParser *r, size_t k) { return r->i + k < r->n ? (int)r->cp[r->i + k] : -1; }
static int cur(RegExpParser *r) { return peek_at(r, 0); }
static bool eat(RegExpParser *r, int c) {
  if (cur(r) != c) return false;
  r->i++;
  return true;
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static bool is_syntax_char(int c) { return c >= 0 && strchr("^$\\.*+?()[]{}|", c) && c != 0; }

/* ---- Pre-scan: capturing groups and named groups ---- */

static void prescan(RegExpParser *r) {
  bool in_class = false;
  for (size_t i = 0; i < r->n; i++) {
    uint32_t c = r->cp[i];
    if (c == '\\') { i++; continue; }
    if (in_class) { if (c == ']') in_class = false; continue; }
    if (c == '[') { in_class = true; continue; }
    if (c != '(') continue;
    if (i + 1 < r->n && r->cp[i + 1] == '?') {
      if (i + 2 < r->n && r->cp[i + 2] == '<' && i + 3 < r->n && r->cp[i + 3] != '=' &&
          r->cp[i + 3] != '!') {
        r->group_count++;
        r->named = true;
      }
      continue;
    }
    r->group_count++;
  }
}

/* ---- Escapes ---- */

/* \u escapes: RegExpUnicodeEscapeSequence (r->i just past 'u'). Returns the code point or
 * -1 if malformed (not reported). */
static int64_t unicode_escape(RegExpParser *r, bool allow_braces) {
  if (allow_braces && cur(r) == '{') {
    size_t save = r->i;
    r->i++;
    int64_t v = 0;
    int digits = 0;
    for (int h; (h = hexval(cur(r))) >= 0; r->i++, digits++) {
      v = v * 16 + h;
      if (v > 0x10FFFF) { r->i = save; return -1; }
    }
    if (digits == 0 || !eat(r, '}')) { r->i = save; return -1; }
    return v;
  }
  int64_t v = 0;
  for (int k = 0; k < 4; k++) {
    int h = hexval(peek_at(r, (size_t)k));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  r->i += 4;
  /* A lead surrogate escape followed by a trail surrogate escape is one code point. */
  if (allow_braces && utf16_is_lead_surrogate((uint32_t)v) && cur(r) == '\\' && peek_at(r, 1) == 'u') {
    int64_t t = 0;
    bool ok = true;
    for (int k = 0; k < 4 && ok; k++) {
      int h = hexval(peek_at(r, (size_t)k + 2));
      if (h < 0) ok = false;
      else t = t * 16 + h;
    }
    if (ok && utf16_is_trail_surrogate((uint32_t)t)) {
      r->i += 6;
      v = 0x10000 + ((v - 0xD800) << 10) + (t - 0xDC00);
    }
  }
  return v;
}

/* RegExpIdentifierName for group names (ES2025 22.2.1), into buf. r->i at its start. */
static bool group_name(RegExpParser *r, uint32_t *buf, int *length, int max) {
  int n = 0;
  for (;;) {
    int64_t c = cur(r);
    if (c == '>') break;
    if (c < 0) return fail(r, "Invalid capture group name");
    if (c == '\\') {
      r->i++;
      if (!eat(r, 'u')) return fail(r, "Invalid Unicode escape in group name");
      c = unicode_escape(r, true);
      if (c < 0) return fail(r, "Invalid Unicode escape in group name");
    } else {
      r->i++;
      /* Without u, a surrogate pair written in the source is still one character. */
    }
    bool ok = n == 0 ? (scanner_is_id_start((uint32_t)c) || c == '$' || c == '_')
                     : (scanner_is_id_continue((uint32_t)c) || c == '$');
    if (!ok) return fail(r, "Invalid capture group name");
    if (n < max) buf[n++] = (uint32_t)c;
  }
  if (n == 0) return fail(r, "Invalid capture group name");
  r->i++;  /* > */
  *length = n;
  return true;
}

static bool push_named(RegExpParser *r, NamedGroup **list, int *count, int *capacity,
                       const uint32_t *name, int length, bool with_path) {
  if (*count == *capacity) {
    *capacity = *capacity ? *capacity * 2 : 8;
    NamedGroup *grown = realloc(*list, sizeof(NamedGroup) * (size_t)*capacity);
    if (!grown) return fail(r, "out of memory");
    *list = grown;
  }
  NamedGroup *g = &(*list)[(*count)++];
  g->name = malloc(sizeof(uint32_t) * (size_t)length);
  g->path = with_path ? malloc(sizeof(int) * (size_t)(2 * r->depth + 1)) : NULL;
  if (!g->name || (with_path && !g->path)) return fail(r, "out of memory");
  memcpy(g->name, name, sizeof(uint32_t) * (size_t)length);
  g->name_length = length;
  g->depth = with_path ? r->depth : 0;
  if (with_path) memcpy(g->path, r->path, sizeof(int) * (size_t)(2 * r->depth));
  g->pos = r->i;
  return true;
}

static bool same_name(const NamedGroup *a, const NamedGroup *b) {
  return a->name_length == b->name_length &&
         memcmp(a->name, b->name, sizeof(uint32_t) * (size_t)a->name_length) == 0;
}

/* ES2025 22.2.1.1: two groups of the same name must be in different alternatives of some
 * disjunction containing both. */
static bool can_both_participate(const NamedGroup *a, const NamedGroup *b) {
  int depth = a->depth < b->depth ? a->depth : b->depth;
  for (int k = 0; k < depth; k++) {
    if (a->path[2 * k] != b->path[2 * k]) return true;
    if (a->path[2 * k + 1] != b->path[2 * k + 1]) return false;
  }
  return true;
}

static bool named_group(RegExpParser *r) {
  uint32_t name[256];
  int length;
  size_t start = r->i;
  if (!group_name(r, name, &length, 256)) return false;
  NamedGroup probe = {name, length, NULL, 0, start};
  for (int k = 0; k < r->group_names; k++) {
    if (!same_name(&r->groups[k], &probe)) continue;
    NamedGroup here = {name, length, r->path, r->depth, start};
    if (can_both_participate(&r->groups[k], &here)) {
      r->i = start;
      return fail(r, "Duplicate capture group name");
    }
  }
  return push_named(r, &r->groups, &r->group_names, &r->group_capacity, name, length, true);
}

/* \p{...} / \P{...} (r->i just past p or P). ES2025 22.2.2.9 UnicodePropertyValueExpression. */
static const char *const kBinaryProperties[] = {
  "ASCII", "ASCII_Hex_Digit", "AHex", "Alphabetic", "Alpha", "Any", "Assigned",
  "Bidi_Control", "Bidi_C", "Bidi_Mirrored", "Bidi_M", "Case_Ignorable", "CI", "Cased",
  "Changes_When_Casefolded", "CWCF", "Changes_When_Casemapped", "CWCM",
  "Changes_When_Lowercased", "CWL", "Changes_When_NFKC_Casefolded", "CWKCF",
  "Changes_When_Titlecased", "CWT", "Changes_When_Uppercased", "CWU", "Dash",
  "Default_Ignorable_Code_Point", "DI", "Deprecated", "Dep", "Diacritic", "Dia", "Emoji",
  "Emoji_Component", "EComp", "Emoji_Modifier", "EMod", "Emoji_Modifier_Base", "EBase",
  "Emoji_Presentation", "EPres", "Extended_Pictographic", "ExtPict", "Extender", "Ext",
  "Grapheme_Base", "Gr_Base", "Grapheme_Extend", "Gr_Ext", "Hex_Digit", "Hex",
  "IDS_Binary_Operator", "IDSB", "IDS_Trinary_Operator", "IDST", "ID_Continue", "IDC",
  "ID_Start", "IDS", "Ideographic", "Ideo", "Join_Control", "Join_C",
  "Logical_Order_Exception", "LOE", "Lowercase", "Lower", "Math", "Noncharacter_Code_Point",
  "NChar", "Pattern_Syntax", "Pat_Syn", "Pattern_White_Space", "Pat_WS", "Quotation_Mark",
  "QMark", "Radical", "Regional_Indicator", "RI", "Sentence_Terminal", "STerm",
  "Soft_Dotted", "SD", "Terminal_Punctuation", "Term", "Unified_Ideograph", "UIdeo",
  "Uppercase", "Upper", "Variation_Selector", "VS", "White_Space", "space", "XID_Continue",
  "XIDC", "XID_Start", "XIDS", NULL};

static const char *const kStringProperties[] = {
  "Basic_Emoji", "Emoji_Keycap_Sequence", "RGI_Emoji_Modifier_Sequence",
  "RGI_Emoji_Flag_Sequence", "RGI_Emoji_Tag_Sequence", "RGI_Emoji_ZWJ_Sequence", "RGI_Emoji",
  NULL};

static bool in_list(const char *const *list, const char *s) {
  for (; *list; list++)
    if (strcmp(*list, s) == 0) return true;
  return false;
}

/* Whether value is exactly one of ICU's names for a value of property (no loose matching). */
static bool exact_value_name(UProperty property, const char *value) {
  int32_t v = u_getPropertyValueEnum(property, value);
  if (v == UCHAR_INVALID_CODE) return false;
  for (int choice = 0; choice < 4; choice++) {
    const char *name = u_getPropertyValueName(property, v, (UPropertyNameChoice)choice);
    if (name && strcmp(name, value) == 0) return true;
  }
  /* ICU lists a few ES aliases under other choices; accept its canonical forms above only,
   * plus these ES spellings. */
  return property == UCHAR_GENERAL_CATEGORY_MASK && strcmp(value, "punct") == 0;
}

/* Returns 1 for a property of strings, 0 for a valid code point property, -1 if invalid. */
static int property_escape(RegExpParser *r, bool negated, bool in_negated_class) {
  if (!eat(r, '{')) { fail(r, "Invalid property name"); return -1; }
  char name[64], value[64];
  int nl = 0, vl = 0;
  bool has_value = false;
  for (;;) {
    int c = cur(r);
    if (c == '}') { r->i++; break; }
    if (c == '=' && !has_value) { has_value = true; r->i++; continue; }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      fail(r, "Invalid property name");
      return -1;
    }
    if (has_value) { if (vl < 63) value[vl++] = (char)c; }
    else if (nl < 63) name[nl++] = (char)c;
    r->i++;
  }
  name[nl] = 0;
  value[vl] = 0;
  if (has_value) {
    UProperty prop;
    if (!strcmp(name, "General_Category") || !strcmp(name, "gc")) prop = UCHAR_GENERAL_CATEGORY_MASK;
    else if (!strcmp(name, "Script") || !strcmp(name, "sc")) prop = UCHAR_SCRIPT;
    else if (!strcmp(name, "Script_Extensions") || !strcmp(name, "scx")) prop = UCHAR_SCRIPT;
    else { fail(r, "Invalid property name"); return -1; }
    if (vl == 0 || !exact_value_name(prop, value)) { fail(r, "Invalid property name"); return -1; }
    return 0;
  }
  if (nl == 0) { fail(r, "Invalid property name"); return -1; }
  if (exact_value_name(UCHAR_GENERAL_CATEGORY_MASK, name) || in_list(kBinaryProperties, name))
    return 0;
  if (r->vmode && in_list(kStringProperties, name)) {
    if (negated || in_negated_class) { fail(r, "Invalid property name"); return -1; }
    return 1;
  }
  fail(r, "Invalid property name");
  return -1;
}

/* The escape after a backslash (r->i past it) as an atom or in a class. Returns the
 * character value, or -2 for a class escape (\d, \p{..}: a set), -1 on error. */
static int64_t character_escape(RegExpParser *r, bool in_class, bool negated_class) {
  int c = cur(r);
  if (c < 0) { fail(r, "\\ at end of pattern"); return -1; }
  r->i++;
  switch (c) {
    case 'd': case 'D': case 's': case 'S': case 'w': case 'W': return -2;
    case 'p': case 'P':
      if (!r->unicode) return c;
      return property_escape(r, c == 'P', negated_class) < 0 ? -1 : -2;
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    case 'b': return in_class ? '\b' : c;
    case '-':
      if (r->unicode && !in_class) { fail(r, "Invalid escape"); return -1; }
      return '-';
    case 'c': {
      int l = cur(r);
      if ((l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z')) { r->i++; return l % 32; }
      if (!r->unicode && in_class && ((l >= '0' && l <= '9') || l == '_')) { r->i++; return l % 32; }
      if (r->unicode) { fail(r, "Invalid unicode escape"); return -1; }
      r->i--;  /* annex B: the backslash is a literal, c is next */
      return '\\';
    }
    case 'x': {
      int h1 = hexval(cur(r)), h2 = hexval(peek_at(r, 1));
      if (h1 >= 0 && h2 >= 0) { r->i += 2; return h1 * 16 + h2; }
      if (r->unicode) { fail(r, "Invalid escape"); return -1; }
      return 'x';
    }
    case 'u': {
      int64_t v = unicode_escape(r, r->unicode);
      if (v >= 0) return v;
      if (r->unicode) { fail(r, "Invalid Unicode escape"); return -1; }
      return 'u';
    }
    case '0':
      if (cur(r) >= '0' && cur(r) <= '9') {
        if (r->unicode) { fail(r, "Invalid decimal escape"); return -1; }
        int v = 0;
        r->i--;
        for (int k = 0; k < 3 && cur(r) >= '0' && cur(r) <= '7'; k++) v = v * 8 + (r->cp[r->i++] - '0');
        return v;
      }
      return 0;
    case 'k':
      if (r->unicode || r->named) {
        if (in_class) { fail(r, "Invalid escape"); return -1; }
        if (!eat(r, '<')) { fail(r, "Invalid named reference"); return -1; }
        uint32_t name[256];
        int length;
        if (!group_name(r, name, &length, 256)) return -1;
        if (!push_named(r, &r->refs, &r->ref_count, &r->ref_capacity, name, length, false)) return -1;
        return -2;
      }
      return 'k';
    default:
      break;
  }
  if (c >= '1' && c <= '9') {
    if (in_class) {
      if (r->unicode) { fail(r, "Invalid class escape"); return -1; }
      if (c >= '8') return c;  /* annex B identity escape */
      /* Annex B LegacyOctalEscapeSequence: up to 3 digits when the first is 0-3. */
      int v = c - '0', max = c <= '3' ? 2 : 1;
      for (int k = 0; k < max && cur(r) >= '0' && cur(r) <= '7'; k++) v = v * 8 + (r->cp[r->i++] - '0');
      return v;
    }
    int64_t v = c - '0';
    while (cur(r) >= '0' && cur(r) <= '9') {
      v = v * 10 + (cur(r) - '0');
      if (v > 1000000) v = 1000000;
      r->i++;
    }
    if (r->unicode && v > r->group_count) { fail(r, "Invalid escape"); return -1; }
    return -2;
  }
  if (r->unicode) {
    if (is_syntax_char(c) || c == '/') return c;
    if (r->vmode && in_class && strchr("&-!#%,:;<=>@`~", c)) return c;
    fail(r, "Invalid escape");
    return -1;
  }
  return c;
}

/* ---- Classes ---- */

static bool class_ranges(RegExpParser *r, bool negated) {
  for (;;) {
    int c = cur(r);
    if (c < 0) return fail(r, "Unterminated character class");
    if (c == ']') { r->i++; return true; }
    int64_t a;
    if (c == '\\') { r->i++; a = character_escape(r, true, negated); if (a == -1) return false; }
    else { r->i++; a = c; }
    if (cur(r) == '-' && peek_at(r, 1) != ']' && peek_at(r, 1) >= 0) {
      r->i++;
      int64_t b;
      int d = cur(r);
      if (d == '\\') { r->i++; b = character_escape(r, true, negated); if (b == -1) return false; }
      else { r->i++; b = d; }
      if (a == -2 || b == -2) {
        if (r->unicode) return fail(r, "Invalid character class");
        continue;
      }
      if (a > b) return fail(r, "Range out of order in character class");
    }
  }
}

static bool is_set_syntax_char(int c) { return c >= 0 && strchr("()[]{}/-\\|", c) && c != 0; }
static bool is_double_punct(RegExpParser *r) {
  int c = cur(r);
  return c >= 0 && c != 0 && strchr("&!#$%*+,.:;<=>?@^`~", c) && peek_at(r, 1) == c;
}

static bool class_set(RegExpParser *r, bool negated, int nesting);

/* One ClassSetOperand or ClassSetCharacter; *is_char says whether it is a single character
 * (then *value is it). */
static bool class_set_operand(RegExpParser *r, bool negated, int nesting, bool *is_char, int64_t *value) {
  *is_char = false;
  int c = cur(r);
  if (c == '[') {
    r->i++;
    bool inner_negated = eat(r, '^');
    return class_set(r, inner_negated, nesting + 1);
  }
  if (c == '\\') {
    r->i++;
    if (cur(r) == 'q') {
      r->i++;
      if (!eat(r, '{')) return fail(r, "Invalid escape");
      int length = 0;
      bool multi = false;
      for (;;) {
        int d = cur(r);
        if (d < 0) return fail(r, "Invalid escape");
        if (d == '}') { r->i++; break; }
        if (d == '|') { if (length != 1) multi = true; length = 0; r->i++; continue; }
        if (d == '\\') { r->i++; if (character_escape(r, true, negated) < 0) return fail(r, "Invalid escape"); }
        else {
          if (is_set_syntax_char(d) || is_double_punct(r)) return fail(r, "Invalid set operation in character class");
          r->i++;
        }
        length++;
      }
      if (length != 1) multi = true;
      if (multi && negated) return fail(r, "Negated character class may contain strings");
      return true;
    }
    int64_t v = character_escape(r, true, negated);
    if (v == -1) return false;
    if (v >= 0) { *is_char = true; *value = v; }
    return true;
  }
  if (c < 0) return fail(r, "Unterminated character class");
  if (is_double_punct(r) || is_set_syntax_char(c)) return fail(r, "Invalid set operation in character class");
  r->i++;
  *is_char = true;
  *value = c;
  return true;
}

/* ClassSetExpression after `[` (and `^`), through the closing `]` (v flag). */
static bool class_set(RegExpParser *r, bool negated, int nesting) {
  if (nesting > kMaxNesting) return fail(r, "too deep");
  if (eat(r, ']')) return true;
  bool is_char;
  int64_t value;
  if (!class_set_operand(r, negated, nesting, &is_char, &value)) return false;
  int op = 0;  /* 0 union, '&' intersection, '-' subtraction */
  if (cur(r) == '&' && peek_at(r, 1) == '&') op = '&';
  else if (cur(r) == '-' && peek_at(r, 1) == '-') op = '-';
  if (op) {
    while (!eat(r, ']')) {
      if (!(cur(r) == op && peek_at(r, 1) == op)) return fail(r, "Invalid set operation in character class");
      r->i += 2;
      if (op == '&' && cur(r) == '&') return fail(r, "Invalid set operation in character class");
      if (!class_set_operand(r, negated, nesting, &is_char, &value)) return false;
    }
    return true;
  }
  /* A union: operands and ranges. */
  for (;;) {
    if (is_char && cur(r) == '-' && peek_at(r, 1) != '-') {
      r->i++;
      bool b_char;
      int64_t b;
      if (!class_set_operand(r, negated, nesting, &b_char, &b)) return false;
      if (!b_char) return fail(r, "Invalid character class");
      if (value > b) return fail(r, "Range out of order in character class");
    }
    if (eat(r, ']')) return true;
    if ((cur(r) == '&' && peek_at(r, 1) == '&') || (cur(r) == '-' && peek_at(r, 1) == '-'))
      return fail(r, "Invalid set operation in character class");
    if (!class_set_operand(r, negated, nesting, &is_char, &value)) return false;
  }
}

/* ---- Terms ---- */

static bool disjunction(RegExpParser *r);

/* A quantifier if one starts here; in non-u mode a `{` that is not a valid quantifier is a
 * literal. *present says whether one was consumed. */
static bool quantifier(RegExpParser *r, bool *present) {
  *present = false;
  int c = cur(r);
  if (c == '*' || c == '+' || c == '?') {
    r->i++;
    *present = true;
    eat(r, '?');
    return true;
  }
  if (c != '{') return true;
  size_t save = r->i;
  r->i++;
  int64_t lo = 0, hi = -1;
  int digits = 0;
  while (cur(r) >= '0' && cur(r) <= '9') { lo = lo * 10 + (cur(r) - '0'); if (lo > 1e15) lo = (int64_t)1e15; r->i++; digits++; }
  bool ok = digits > 0;
  if (ok && eat(r, ',')) {
    int d2 = 0;
    hi = 0;
    while (cur(r) >= '0' && cur(r) <= '9') { hi = hi * 10 + (cur(r) - '0'); if (hi > 1e15) hi = (int64_t)1e15; r->i++; d2++; }
    if (d2 == 0) hi = -1;
  } else {
    hi = lo;
  }
  if (ok && eat(r, '}')) {
    if (hi >= 0 && lo > hi) { r->i = save; return fail(r, "numbers out of order in {} quantifier"); }
    *present = true;
    eat(r, '?');
    return true;
  }
  r->i = save;
  if (r->unicode) return fail(r, "Incomplete quantifier");
  return true;
}

/* (?flags-flags: modifiers (ES2025 22.2.1 RegularExpressionModifiers). r->i after "(?". */
static bool modifiers(RegExpParser *r) {
  unsigned add = 0, remove = 0;
  bool dash = false;
  for (;;) {
    int c = cur(r);
    if (c == ':') { r->i++; break; }
    if (c == '-' && !dash) { dash = true; r->i++; continue; }
    unsigned bit = c == 'i' ? 1 : c == 'm' ? 2 : c == 's' ? 4 : 0;
    if (!bit) return fail(r, "Invalid group");
    if ((add | remove) & bit) return fail(r, "Repeated flag in modifiers");
    if (dash) remove |= bit; else add |= bit;
    r->i++;
  }
  if (dash && !add && !remove) return fail(r, "Invalid group");
  return true;
}

static bool group(RegExpParser *r, bool *quantifiable) {
  size_t start = r->i;
  r->i++;  /* ( */
  *quantifiable = true;
  if (eat(r, '?')) {
    int c = cur(r);
    if (c == '=' || c == '!') {
      r->i++;
      *quantifiable = !r->unicode;
    } else if (c == '<' && (peek_at(r, 1) == '=' || peek_at(r, 1) == '!')) {
      r->i += 2;
      *quantifiable = false;
    } else if (c == '<') {
      r->i++;
      if (!named_group(r)) return false;
    } else if (c == ':') {
      r->i++;
    } else {
      if (!modifiers(r)) return false;
    }
  }
  if (r->depth >= kMaxNesting) return fail(r, "too deep");
  if (!disjunction(r)) return false;
  if (!eat(r, ')')) { r->i = start; return fail(r, "Unterminated group"); }
  return true;
}

static bool term(RegExpParser *r) {
  int c = cur(r);
  bool quantifiable = true;
  switch (c) {
    case '^': case '$':
      r->i++;
      quantifiable = false;
      break;
    case '\\':
      if (peek_at(r, 1) == 'b' || peek_at(r, 1) == 'B') {
        r->i += 2;
        quantifiable = false;
        break;
      }
      r->i++;
      if (character_escape(r, false, false) == -1) return false;
      break;
    case '(':
      if (!group(r, &quantifiable)) return false;
      break;
    case '[': {
      r->i++;
      bool negated = eat(r, '^');
      if (!(r->vmode ? class_set(r, negated, 0) : class_ranges(r, negated))) return false;
      break;
    }
    case '*': case '+': case '?':
      return fail(r, "Nothing to repeat");
    case '{': {
      if (r->unicode) return fail(r, "Nothing to repeat");
      bool present;
      if (!quantifier(r, &present)) return false;
      if (present) return fail(r, "Nothing to repeat");
      r->i++;
      break;
    }
    case '}': case ']':
      if (r->unicode) return fail(r, "Lone quantifier brackets");
      r->i++;
      break;
    default:
      r->i++;
      break;
  }
  bool present;
  if (cur(r) == '*' || cur(r) == '+' || cur(r) == '?' || cur(r) == '{') {
    size_t at = r->i;
    if (!quantifier(r, &present)) return false;
    if (present && !quantifiable) { r->i = at; return fail(r, "Nothing to repeat"); }
  }
  return true;
}

static bool disjunction(RegExpParser *r) {
  int id = r->next_disjunction++;
  int alternative = 0;
  r->path[2 * r->depth] = id;
  r->path[2 * r->depth + 1] = alternative;
  r->depth++;
  for (;;) {
    while (r->i < r->n && cur(r) != '|' && cur(r) != ')')
      if (!term(r)) return false;
    if (!eat(r, '|')) break;
    r->path[2 * (r->depth - 1) + 1] = ++alternative;
  }
  r->depth--;
  return true;
}

bool regexp_syntax_check(const char *pattern, size_t length, const char *flags, char *message,
                         size_t message_size, int *error_offset) {
  uint32_t *cp = malloc(sizeof(uint32_t) * (length + 1));
  size_t *offset = malloc(sizeof(size_t) * (length + 1));
  if (!cp || !offset) {
    free(cp);
    free(offset);
    snprintf(message, message_size, "out of memory");
    *error_offset = 0;
    return false;
  }
  size_t n = 0, pos = 0;
  while (pos < length) {
    offset[n] = pos;
    cp[n++] = utf8_decode_next((const uint8_t *)pattern, length, &pos);
  }
  offset[n] = length;
  RegExpParser r;
  memset(&r, 0, sizeof r);
  r.cp = cp;
  r.offset = offset;
  r.n = n;
  r.unicode = strchr(flags, 'u') || strchr(flags, 'v');
  r.vmode = strchr(flags, 'v') != NULL;
  r.message = message;
  r.message_size = message_size;
  prescan(&r);
  if (disjunction(&r) && r.i < r.n) fail(&r, "Unmatched ')'");
  for (int k = 0; k < r.ref_count && !r.failed; k++) {
    bool found = false;
    for (int g = 0; g < r.group_names && !found; g++) found = same_name(&r.refs[k], &r.groups[g]);
    if (!found) { r.i = r.refs[k].pos; fail(&r, "Invalid named capture referenced"); }
  }
  bool ok = !r.failed;
  if (!ok) *error_offset = (int)offset[r.error_index < n ? r.error_index : n];
  for (int k = 0; k < r.group_names; k++) { free(r.groups[k].name); free(r.groups[k].path); }
  for (int k = 0; k < r.ref_count; k++) free(r.refs[k].name);
  free(r.groups);
  free(r.refs);
  free(cp);
  free(offset);
  return ok;
}
