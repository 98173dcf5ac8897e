/*
 * regexp-parser.c: ES2025 22.2.1 pattern syntax (with Annex B.1.2) -> regexp AST. See
 * regexp-parser.h for what the AST has already resolved.
 *
 * Recursive descent over the pattern's code units. Before parsing, a prescan counts the
 * capturing groups and notes whether any is named, because two Annex B rules look ahead
 * at the whole pattern: \N is a backreference only if N <= the number of groups, and \k
 * is a backreference only if the pattern has a named group.
 */
#include "regexp/regexp-parser.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

/* ---- Arena ---------------------------------------------------------------------- */

typedef struct ArenaChunk {
  struct ArenaChunk *next;
  size_t used, size;
  _Alignas(16) unsigned char data[];
} ArenaChunk;

struct RegExpArena { ArenaChunk *head; };

void *regexp_arena_alloc(RegExpArena *arena, size_t size) {
  size = round_up(size ? size : 1, 16);
  ArenaChunk *c = arena->head;
  if (!c || c->size - c->used < size) {
    size_t chunk = size > 16384 ? size : 16384;
    c = malloc(sizeof(ArenaChunk) + chunk);
    if (!c) return NULL;
    c->next = arena->head;
    c->used = 0;
    c->size = chunk;
    arena->head = c;
  }
  void *p = c->data + c->used;
  c->used += size;
  return p;
}

static void arena_free(RegExpArena *arena) {
  if (!arena) return;
  for (ArenaChunk *c = arena->head, *next; c; c = next) {
    next = c->next;
    free(c);
  }
  free(arena);
}

const char *regexp_error_message(RegExpError error) {
  static const char *const kMessages[] = {
#define V(name, msg) msg,
    REGEXP_ERROR_LIST(V)
#undef V
  };
  return error < RE_ERROR_COUNT ? kMessages[error] : "?";
}

/* ---- Parser state ---------------------------------------------------------------- */

/* Where a named group sits: for each enclosing Disjunction, its id and which of its
 * alternatives holds the group. Two groups can both participate (ES2025 22.2.1.1
 * CanBothParticipate) unless their paths first differ at the same disjunction. */
typedef struct { int disjunction, alternative; } PathStep;

typedef struct {
  const uint16_t *name;
  uint32_t length;
  int group;
  PathStep *path;
  uint32_t path_length;
} NamedGroup;

typedef struct {
  RegExpNode *node;
  const uint16_t *name;
  uint32_t length;
  size_t pos;
} NamedRef;

typedef struct {
  const uint16_t *src;
  size_t length, pos;
  bool unicode;            /* /u or /v: code points and the strict grammar */
  bool vmode;              /* /v: ClassSetExpression */
  bool named_groups;       /* some group is named (Annex B: \k is then a backreference) */
  bool ignore_case, multiline, dotall;   /* in force at pos (modifiers change them) */
  int total_captures;      /* from the prescan */
  int capture_count;       /* groups opened so far */
  int depth;
  RegExpAst *ast;
  bool failed;
  RegExpError error;
  size_t error_pos;
  NamedGroup *groups;
  uint32_t group_count, group_capacity;
  NamedRef *refs;
  uint32_t ref_count, ref_capacity;
  PathStep *path;
  uint32_t path_length, path_capacity;
  int next_disjunction;
} Parser;

static void *fail(Parser *p, RegExpError e) {
  if (!p->failed) {
    p->failed = true;
    p->error = e;
    p->error_pos = p->pos;
  }
  return NULL;
}

static void *alloc(Parser *p, size_t size) {
  void *m = regexp_arena_alloc(p->ast->arena, size);
  if (!m) fail(p, RE_ERROR_OUT_OF_MEMORY);
  return m;
}

/* Grows *items (element size `size`) to hold n + 1 elements. */
static bool grow(Parser *p, void **items, uint32_t *capacity, uint32_t n, size_t size) {
  if (n < *capacity) return true;
  uint32_t cap = *capacity ? *capacity * 2 : 8;
  void *m = realloc(*items, (size_t)cap * size);
  if (!m) { fail(p, RE_ERROR_OUT_OF_MEMORY); return false; }
  *items = m;
  *capacity = cap;
  return true;
}

static RegExpNode *new_node(Parser *p, RegExpNodeType type) {
  RegExpNode *n = alloc(p, sizeof *n);
  if (!n) return NULL;
  memset(n, 0, sizeof *n);
  n->type = type;
  n->ignore_case = p->ignore_case;
  return n;
}

/* A CLASS node owning a fresh empty set (registered for freeing with the AST). */
static RegExpNode *new_class(Parser *p) {
  RegExpNode *n = new_node(p, RE_NODE_CLASS);
  RegExpCharSet *set = alloc(p, sizeof *set);
  if (!n || !set) return NULL;
  regexp_charset_init(set);
  RegExpAst *ast = p->ast;
  if (!grow(p, (void **)&ast->sets, &ast->set_capacity, ast->set_count, sizeof(RegExpCharSet *))) {
    return NULL;
  }
  ast->sets[ast->set_count++] = set;
  n->u.cls.set = set;
  return n;
}

static RegExpNode *new_char(Parser *p, uint32_t c) {
  RegExpNode *n = new_node(p, RE_NODE_CHAR);
  if (n) n->u.c = c;
  return n;
}

/* ---- Reading --------------------------------------------------------------------- */

static bool at_end(const Parser *p) { return p->pos >= p->length; }

/* The code unit at pos + k, or -1 past the end. */
static int32_t peek_at(const Parser *p, size_t k) {
  return p->pos + k < p->length ? (int32_t)p->src[p->pos + k] : -1;
}
static int32_t peek(const Parser *p) { return peek_at(p, 0); }

static bool looking_at(const Parser *p, const char *s) {
  for (size_t i = 0; s[i]; i++) {
    if (peek_at(p, i) != (unsigned char)s[i]) return false;
  }
  return true;
}

/* The pattern character at pos: a code point under /u and /v (a surrogate pair in the
 * source is one character), a code unit otherwise. *width gets its length in units. */
static uint32_t current_char(const Parser *p, bool code_point, size_t *width) {
  uint32_t c = p->src[p->pos];
  *width = 1;
  if (code_point && utf16_is_lead_surrogate(c) && p->pos + 1 < p->length &&
      utf16_is_trail_surrogate(p->src[p->pos + 1])) {
    c = 0x10000 + ((c - 0xD800) << 10) + (p->src[p->pos + 1] - 0xDC00);
    *width = 2;
  }
  return c;
}

static uint32_t next_char(Parser *p) {
  size_t width;
  uint32_t c = current_char(p, p->unicode, &width);
  p->pos += width;
  return c;
}

static int hex_value(int32_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static bool is_decimal(int32_t c) { return c >= '0' && c <= '9'; }
static bool is_ascii_letter(int32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Reads exactly n hex digits at pos; -1 (pos unmoved) if they are not there. */
static int32_t read_hex(Parser *p, int n) {
  int32_t v = 0;
  for (int i = 0; i < n; i++) {
    int d = hex_value(peek_at(p, i));
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  p->pos += n;
  return v;
}

/* After "\u": RegExpUnicodeEscapeSequence. With unicode_mode: \u{...} and a \uLead\uTrail
 * pair as one code point. Returns the value, or -1 with pos unmoved. */
static int32_t read_unicode_escape(Parser *p, bool unicode_mode) {
  size_t start = p->pos;
  if (unicode_mode && peek(p) == '{') {
    p->pos++;
    int32_t v = 0;
    int digits = 0;
    while (hex_value(peek(p)) >= 0) {
      v = v * 16 + hex_value(peek(p));
      p->pos++;
      digits++;
      if (v > kRegExpMaxCodePoint) { p->pos = start; return -1; }
    }
    if (digits == 0 || peek(p) != '}') { p->pos = start; return -1; }
    p->pos++;
    return v;
  }
  int32_t v = read_hex(p, 4);
  if (v < 0) return -1;
  if (unicode_mode && utf16_is_lead_surrogate((uint32_t)v) && looking_at(p, "\\u")) {
    size_t save = p->pos;
    p->pos += 2;
    int32_t t = read_hex(p, 4);
    if (t >= 0 && utf16_is_trail_surrogate((uint32_t)t)) {
      return 0x10000 + ((v - 0xD800) << 10) + (t - 0xDC00);
    }
    p->pos = save;
  }
  return v;
}

/* Reads a decimal number, saturating at 2^53 (quantifier bounds and backreferences). */
static uint64_t read_decimal(Parser *p) {
  uint64_t v = 0;
  while (is_decimal(peek(p))) {
    if (v < (1ull << 53)) v = v * 10 + (uint64_t)(peek(p) - '0');
    if (v > (1ull << 53)) v = 1ull << 53;
    p->pos++;
  }
  return v;
}

/* ---- Prescan --------------------------------------------------------------------- */

/* Counts the capturing groups and notes whether one is named. Classes are skipped (a
 * '(' inside one is literal; /v classes nest). */
static void prescan(Parser *p) {
  int class_depth = 0;
  for (size_t i = 0; i < p->length; i++) {
    uint16_t c = p->src[i];
    if (c == '\\') { i++; continue; }
    if (class_depth > 0) {
      if (c == ']') class_depth--;
      else if (c == '[' && p->vmode) class_depth++;
      continue;
    }
    if (c == '[') { class_depth = 1; continue; }
    if (c != '(') continue;
    if (i + 1 < p->length && p->src[i + 1] == '?') {
      if (i + 2 < p->length && p->src[i + 2] == '<' && i + 3 < p->length &&
          p->src[i + 3] != '=' && p->src[i + 3] != '!') {
        p->total_captures++;
        p->named_groups = true;
      }
    } else {
      p->total_captures++;
    }
  }
}

/* ---- Group names ----------------------------------------------------------------- */

/* ES2025 22.2.1 GroupName :: < RegExpIdentifierName >, at pos (just after '<'). Escapes
 * are \u sequences in their /u form in every mode, and a literal surrogate pair is one
 * character. The name goes to the arena as UTF-16. */
static bool parse_group_name(Parser *p, const uint16_t **name, uint32_t *length) {
  uint16_t buf[256];
  uint32_t n = 0;
  uint16_t *heap = NULL;
  uint16_t *out = buf;
  uint32_t cap = KILN_ARRAY_SIZE(buf);
  for (bool first = true;; first = false) {
    if (at_end(p)) { free(heap); fail(p, RE_ERROR_INVALID_CAPTURE_NAME); return false; }
    uint32_t c;
    if (peek(p) == '>') {
      if (first) { free(heap); fail(p, RE_ERROR_INVALID_CAPTURE_NAME); return false; }
      p->pos++;
      break;
    }
    if (peek(p) == '\\') {
      p->pos++;
      int32_t v = peek(p) == 'u' ? (p->pos++, read_unicode_escape(p, true)) : -1;
      if (v < 0) { free(heap); fail(p, RE_ERROR_INVALID_CAPTURE_NAME); return false; }
      c = (uint32_t)v;
    } else {
      size_t width;
      c = current_char(p, true, &width);
      p->pos += width;
    }
    if (!(first ? regexp_is_identifier_start(c) : regexp_is_identifier_part(c))) {
      free(heap);
      fail(p, RE_ERROR_INVALID_CAPTURE_NAME);
      return false;
    }
    if (n + 2 > cap) {
      uint16_t *grown = malloc(cap * 2 * sizeof(uint16_t));
      if (!grown) { free(heap); fail(p, RE_ERROR_OUT_OF_MEMORY); return false; }
      memcpy(grown, out, n * sizeof(uint16_t));
      free(heap);
      out = heap = grown;
      cap *= 2;
    }
    if (c >= 0x10000) {
      out[n++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
      out[n++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      out[n++] = (uint16_t)c;
    }
  }
  uint16_t *copy = alloc(p, n * sizeof(uint16_t));
  if (copy) memcpy(copy, out, n * sizeof(uint16_t));
  free(heap);
  *name = copy;
  *length = n;
  return copy != NULL;
}

static bool names_equal(const uint16_t *a, uint32_t alen, const uint16_t *b, uint32_t blen) {
  return alen == blen && memcmp(a, b, alen * sizeof(uint16_t)) == 0;
}

static bool can_both_participate(const NamedGroup *a, const NamedGroup *b) {
  uint32_t n = a->path_length < b->path_length ? a->path_length : b->path_length;
  for (uint32_t i = 0; i < n; i++) {
    if (a->path[i].disjunction != b->path[i].disjunction) return true;
    if (a->path[i].alternative != b->path[i].alternative) return false;
  }
  return true;
}

/* Records group `index` named `name`; a duplicate that can participate together with an
 * earlier one is an early error. */
static bool add_named_group(Parser *p, const uint16_t *name, uint32_t length, int index) {
  if (!grow(p, (void **)&p->groups, &p->group_capacity, p->group_count, sizeof(NamedGroup))) {
    return false;
  }
  NamedGroup *g = &p->groups[p->group_count];
  g->name = name;
  g->length = length;
  g->group = index;
  g->path_length = p->path_length;
  g->path = alloc(p, (p->path_length + 1) * sizeof(PathStep));
  if (!g->path) return false;
  memcpy(g->path, p->path, p->path_length * sizeof(PathStep));
  for (uint32_t i = 0; i < p->group_count; i++) {
    const NamedGroup *o = &p->groups[i];
    if (names_equal(o->name, o->length, name, length) && can_both_participate(o, g)) {
      fail(p, RE_ERROR_DUPLICATE_CAPTURE_NAME);
      return false;
    }
  }
  p->group_count++;
  return true;
}

/* Resolves each \k<name> to the groups of that name (ES2025 22.2.1.1: it is an early
 * error if there is none). */
static bool resolve_named_refs(Parser *p) {
  for (uint32_t i = 0; i < p->ref_count; i++) {
    NamedRef *r = &p->refs[i];
    int *groups = alloc(p, (p->group_count + 1) * sizeof(int));
    if (!groups) return false;
    int n = 0;
    for (uint32_t j = 0; j < p->group_count; j++) {
      if (names_equal(p->groups[j].name, p->groups[j].length, r->name, r->length)) {
        groups[n++] = p->groups[j].group;
      }
    }
    if (n == 0) {
      p->pos = r->pos;
      fail(p, RE_ERROR_UNKNOWN_NAMED_REFERENCE);
      return false;
    }
    r->node->u.backref.groups = groups;
    r->node->u.backref.count = n;
  }
  return true;
}

/* ---- Escapes ----------------------------------------------------------------------- */

/* What an escape denotes. */
typedef enum { ESC_CHAR, ESC_CLASS, ESC_BACKREF, ESC_NAMED_BACKREF, ESC_ASSERT } EscapeKind;

typedef struct {
  EscapeKind kind;
  uint32_t c;                 /* ESC_CHAR: the character; ESC_BACKREF: the group */
  RegExpAssertKind assertion;
  RegExpNode *node;           /* ESC_CLASS: a CLASS node; ESC_NAMED_BACKREF: a BACKREF */
} Escape;

/* ES2025 B.1.2 LegacyOctalEscapeSequence, at pos (an octal digit). */
static uint32_t read_legacy_octal(Parser *p) {
  uint32_t first = (uint32_t)(peek(p) - '0');
  uint32_t v = first;
  p->pos++;
  if (peek(p) >= '0' && peek(p) <= '7') {
    v = v * 8 + (uint32_t)(peek(p) - '0');
    p->pos++;
    if (first <= 3 && peek(p) >= '0' && peek(p) <= '7') {
      v = v * 8 + (uint32_t)(peek(p) - '0');
      p->pos++;
    }
  }
  return v;
}

/* The complement of set in the universe of the pattern: code units without /u, code
 * points with it, and under /vi only the characters that are their own simple case
 * folding (ES2025 22.2.2.9.5 CharacterComplement and AllCharacters). */
static void complement(Parser *p, RegExpCharSet *set) {
  regexp_charset_invert(set, p->unicode ? kRegExpMaxCodePoint : 0xFFFF);
  if (p->vmode && p->ignore_case) regexp_charset_subtract(set, regexp_unicode_folded_away());
}

/* \d \D \s \S \w \W into a fresh CLASS node. Under /vi the sets are simple-folded first
 * (MaybeSimpleCaseFolding); only \w has case. */
static RegExpNode *class_escape(Parser *p, uint32_t letter) {
  RegExpNode *n = new_class(p);
  if (!n) return NULL;
  RegExpCharSet *set = n->u.cls.set;
  switch (letter | 0x20) {
    case 'd': regexp_charset_add_digits(set); break;
    case 's': regexp_charset_add_spaces(set); break;
    default:
      regexp_charset_add_word(set, p->unicode && p->ignore_case);
      if (p->vmode && p->ignore_case) regexp_charset_simple_fold(set);
      break;
  }
  if (letter >= 'A' && letter <= 'Z') complement(p, set);
  return n;
}

/* After "\p" or "\P" (pos at '{'): UnicodePropertyValueExpression into a CLASS node. With
 * allow_strings (/v, \p), a property of strings fills *strings. */
static RegExpNode *property_escape(Parser *p, bool negated, RegExpStringList *strings) {
  char name[64], value[64];
  size_t nn = 0, vn = 0;
  bool has_value = false;
  if (peek(p) != '{') return fail(p, RE_ERROR_INVALID_PROPERTY_NAME);
  p->pos++;
  for (;;) {
    int32_t c = peek(p);
    if (c == '}') break;
    if (c == '=' && !has_value && nn > 0) { has_value = true; p->pos++; continue; }
    bool ok = is_ascii_letter(c) || c == '_' || (has_value && is_decimal(c)) ||
              (!has_value && is_decimal(c));
    if (!ok || (has_value ? vn : nn) >= 63) return fail(p, RE_ERROR_INVALID_PROPERTY_NAME);
    if (has_value) value[vn++] = (char)c; else name[nn++] = (char)c;
    p->pos++;
  }
  p->pos++;
  name[nn] = value[vn] = 0;
  if (nn == 0 || (has_value && vn == 0)) return fail(p, RE_ERROR_INVALID_PROPERTY_NAME);
  RegExpNode *n = new_class(p);
  if (!n) return NULL;
  RegExpPropertyStatus s =
      regexp_unicode_property(name, has_value ? value : NULL, n->u.cls.set,
                              negated ? NULL : strings);
  if (s == RE_PROPERTY_OOM) return fail(p, RE_ERROR_OUT_OF_MEMORY);
  if (s != RE_PROPERTY_OK) return fail(p, RE_ERROR_INVALID_PROPERTY_NAME);
  if (p->vmode && p->ignore_case) regexp_charset_simple_fold(n->u.cls.set);
  if (negated) complement(p, n->u.cls.set);
  return n;
}

/* \c: ES2025 CharacterEscape :: c AsciiLetter, and Annex B's ClassControlLetter (digits
 * and _ inside classes). False if the escape is not one (pos then still at 'c'). */
static bool control_escape(Parser *p, bool in_class, uint32_t *out) {
  int32_t l = peek_at(p, 1);
  if (is_ascii_letter(l) || (in_class && !p->unicode && (is_decimal(l) || l == '_'))) {
    p->pos += 2;
    *out = (uint32_t)l % 32;
    return true;
  }
  return false;
}

/* \1..\9 and \0 followed by a digit. */
static bool decimal_escape(Parser *p, bool in_class, Escape *e) {
  if (!in_class && peek(p) != '0') {
    size_t start = p->pos;
    uint64_t n = read_decimal(p);
    if (n <= (uint64_t)p->total_captures) {
      e->kind = ESC_BACKREF;
      e->c = (uint32_t)n;
      return true;
    }
    if (p->unicode) { fail(p, RE_ERROR_INVALID_REFERENCE); return false; }
    p->pos = start;
  }
  if (p->unicode) {
    fail(p, in_class ? RE_ERROR_INVALID_CLASS_ESCAPE : RE_ERROR_INVALID_DECIMAL_ESCAPE);
    return false;
  }
  e->kind = ESC_CHAR;
  if (peek(p) >= '8') { e->c = (uint32_t)peek(p); p->pos++; return true; }   /* \8 \9 */
  e->c = read_legacy_octal(p);
  return true;
}

/* After "\k": GroupName. */
static bool named_backref_escape(Parser *p, Escape *e) {
  p->pos++;
  if (peek(p) != '<') { fail(p, RE_ERROR_INVALID_NAMED_REFERENCE); return false; }
  size_t at = p->pos - 2;
  p->pos++;
  const uint16_t *name;
  uint32_t length;
  if (!parse_group_name(p, &name, &length)) return false;
  RegExpNode *n = new_node(p, RE_NODE_BACKREF);
  if (!n || !grow(p, (void **)&p->refs, &p->ref_capacity, p->ref_count, sizeof(NamedRef))) {
    return false;
  }
  p->refs[p->ref_count++] = (NamedRef){n, name, length, at};
  e->kind = ESC_NAMED_BACKREF;
  e->node = n;
  return true;
}

static bool is_syntax_character(int32_t c) {
  return c >= 0 && c < 128 && strchr("^$\\.*+?()[]{}|", c) != NULL && c != 0;
}

/* The escapes that denote one character (ES2025 CharacterEscape and Annex B's
 * IdentityEscape), at pos (just after the backslash). */
static bool character_escape(Parser *p, bool in_class, Escape *e) {
  int32_t c = peek(p);
  e->kind = ESC_CHAR;
  switch (c) {
    case 'f': e->c = '\f'; p->pos++; return true;
    case 'n': e->c = '\n'; p->pos++; return true;
    case 'r': e->c = '\r'; p->pos++; return true;
    case 't': e->c = '\t'; p->pos++; return true;
    case 'v': e->c = '\v'; p->pos++; return true;
    case 'c':
      if (control_escape(p, in_class, &e->c)) return true;
      if (p->unicode) { fail(p, RE_ERROR_INVALID_UNICODE_ESCAPE); return false; }
      e->c = '\\';     /* Annex B: the backslash alone; "c" is read next */
      return true;
    case 'x': {
      p->pos++;
      int32_t v = read_hex(p, 2);
      if (v >= 0) { e->c = (uint32_t)v; return true; }
      if (p->unicode) { fail(p, RE_ERROR_INVALID_ESCAPE); return false; }
      e->c = 'x';
      return true;
    }
    case 'u': {
      p->pos++;
      int32_t v = read_unicode_escape(p, p->unicode);
      if (v >= 0) { e->c = (uint32_t)v; return true; }
      if (p->unicode) { fail(p, RE_ERROR_INVALID_UNICODE_ESCAPE); return false; }
      e->c = 'u';
      return true;
    }
    default: break;
  }
  if (p->unicode) {
    if (is_syntax_character(c) || c == '/' || (in_class && c == '-')) {
      e->c = (uint32_t)c;
      p->pos++;
      return true;
    }
    fail(p, in_class ? RE_ERROR_INVALID_CLASS_ESCAPE : RE_ERROR_INVALID_ESCAPE);
    return false;
  }
  if (c == 'k' && p->named_groups) { fail(p, RE_ERROR_INVALID_ESCAPE); return false; }
  e->c = (uint32_t)c;   /* Annex B IdentityEscape: any code unit */
  p->pos++;
  return true;
}

static RegExpNode *vmode_property_escape(Parser *p);

/* After a backslash (pos just past it), outside a /v class. */
static bool parse_escape(Parser *p, bool in_class, Escape *e) {
  if (at_end(p)) { fail(p, RE_ERROR_ESCAPE_AT_END); return false; }
  int32_t c = peek(p);
  switch (c) {
    case 'b':
      p->pos++;
      if (in_class) { e->kind = ESC_CHAR; e->c = '\b'; return true; }
      e->kind = ESC_ASSERT;
      e->assertion = RE_ASSERT_WORD;
      return true;
    case 'B':
      if (in_class) break;
      p->pos++;
      e->kind = ESC_ASSERT;
      e->assertion = RE_ASSERT_NOT_WORD;
      return true;
    case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
      p->pos++;
      e->kind = ESC_CLASS;
      e->node = class_escape(p, (uint32_t)c);
      return e->node != NULL;
    case 'p': case 'P':
      if (!p->unicode) break;
      if (p->vmode && !in_class) {   /* may be a property of strings */
        e->kind = ESC_CLASS;
        e->node = vmode_property_escape(p);
        return e->node != NULL;
      }
      p->pos++;
      e->kind = ESC_CLASS;
      e->node = property_escape(p, c == 'P', NULL);
      return e->node != NULL;
    case 'k':
      if (in_class || !(p->unicode || p->named_groups)) break;
      return named_backref_escape(p, e);
    case '0':
      if (!is_decimal(peek_at(p, 1))) { p->pos++; e->kind = ESC_CHAR; e->c = 0; return true; }
      return decimal_escape(p, in_class, e);
    default:
      if (c >= '1' && c <= '9') return decimal_escape(p, in_class, e);
      break;
  }
  return character_escape(p, in_class, e);
}

/* ---- Classes without /v -------------------------------------------------------------- */

/* One ClassAtom: a character (*c, returns true with *set_node NULL) or a class escape
 * (*set_node). */
static bool class_atom(Parser *p, uint32_t *c, RegExpNode **set_node) {
  *set_node = NULL;
  if (peek(p) != '\\') { *c = next_char(p); return true; }
  p->pos++;
  Escape e;
  if (!parse_escape(p, true, &e)) return false;
  if (e.kind == ESC_CLASS) { *set_node = e.node; return true; }
  *c = e.c;
  return true;
}

/* ES2025 22.2.1 CharacterClass (after '[' and an optional '^') with Annex B's
 * ClassContents: a range whose end is a class escape is the union of its parts in
 * legacy mode, an error under /u. Fills set. */
static bool parse_class_ranges(Parser *p, RegExpCharSet *set) {
  for (;;) {
    if (at_end(p)) { fail(p, RE_ERROR_UNTERMINATED_CLASS); return false; }
    if (peek(p) == ']') { p->pos++; return true; }
    uint32_t lo = 0, hi = 0;
    RegExpNode *lo_set, *hi_set;
    if (!class_atom(p, &lo, &lo_set)) return false;
    if (peek(p) != '-' || peek_at(p, 1) == ']' || peek_at(p, 1) < 0) {
      if (lo_set) regexp_charset_union(set, lo_set->u.cls.set); else regexp_charset_add(set, lo);
      continue;
    }
    p->pos++;   /* '-' */
    if (!class_atom(p, &hi, &hi_set)) return false;
    if (lo_set || hi_set) {
      if (p->unicode) { fail(p, RE_ERROR_INVALID_CLASS_RANGE); return false; }
      if (lo_set) regexp_charset_union(set, lo_set->u.cls.set); else regexp_charset_add(set, lo);
      regexp_charset_add(set, '-');
      if (hi_set) regexp_charset_union(set, hi_set->u.cls.set); else regexp_charset_add(set, hi);
      continue;
    }
    if (lo > hi) { fail(p, RE_ERROR_RANGE_ORDER); return false; }
    regexp_charset_add_range(set, lo, hi);
  }
}

/* ---- Classes with /v (ClassSetExpression) ------------------------------------------------ */

typedef struct { uint32_t *cps; uint32_t length; } ClassString;

/* A /v class value: single characters in set, other strings (length 0 or >= 2) sorted
 * longest first then by code points, without duplicates. */
typedef struct {
  RegExpCharSet set;
  ClassString *strings;
  uint32_t count, capacity;
  bool may_contain_strings;    /* ES2025 22.2.1.6 MayContainStrings (syntactic) */
} ClassValue;

static void class_value_init(ClassValue *v) { memset(v, 0, sizeof *v); }
static void class_value_free(ClassValue *v) {
  regexp_charset_free(&v->set);
  free(v->strings);
  class_value_init(v);
}

static int string_compare(const ClassString *a, const ClassString *b) {
  if (a->length != b->length) return a->length > b->length ? -1 : 1;
  for (uint32_t i = 0; i < a->length; i++) {
    if (a->cps[i] != b->cps[i]) return a->cps[i] < b->cps[i] ? -1 : 1;
  }
  return 0;
}

static int string_compare_qsort(const void *a, const void *b) { return string_compare(a, b); }

static bool class_value_push(Parser *p, ClassValue *v, ClassString s) {
  if (!grow(p, (void **)&v->strings, &v->capacity, v->count, sizeof(ClassString))) return false;
  v->strings[v->count++] = s;
  return true;
}

/* Sorts and deduplicates v's strings. */
static void class_value_normalize(ClassValue *v) {
  if (v->count < 2) return;
  qsort(v->strings, v->count, sizeof(ClassString), string_compare_qsort);
  uint32_t n = 0;
  for (uint32_t i = 0; i < v->count; i++) {
    if (n > 0 && string_compare(&v->strings[n - 1], &v->strings[i]) == 0) continue;
    v->strings[n++] = v->strings[i];
  }
  v->count = n;
}

typedef enum { SET_UNION, SET_INTERSECT, SET_SUBTRACT } SetOp;

/* a := a op b on both parts (b is consumed). */
static bool class_value_combine(Parser *p, ClassValue *a, ClassValue *b, SetOp op) {
  switch (op) {
    case SET_UNION: regexp_charset_union(&a->set, &b->set); break;
    case SET_INTERSECT: regexp_charset_intersect(&a->set, &b->set); break;
    case SET_SUBTRACT: regexp_charset_subtract(&a->set, &b->set); break;
  }
  ClassValue out;
  class_value_init(&out);
  uint32_t i = 0, j = 0;
  bool ok = true;
  while (ok && (i < a->count || j < b->count)) {
    int cmp = i == a->count ? 1 : j == b->count ? -1 : string_compare(&a->strings[i], &b->strings[j]);
    if (cmp < 0) {
      if (op != SET_INTERSECT) ok = class_value_push(p, &out, a->strings[i]);
      i++;
    } else if (cmp > 0) {
      if (op == SET_UNION) ok = class_value_push(p, &out, b->strings[j]);
      j++;
    } else {
      if (op != SET_SUBTRACT) ok = class_value_push(p, &out, a->strings[i]);
      i++;
      j++;
    }
  }
  if (a->set.oom || b->set.oom) ok = fail(p, RE_ERROR_OUT_OF_MEMORY) != NULL;
  free(a->strings);
  a->strings = out.strings;
  a->count = out.count;
  a->capacity = out.capacity;
  class_value_free(b);
  return ok;
}

/* Adds one string (code points, arena-owned) to v: a single character goes to the set.
 * Under /vi each character is simple-folded first (MaybeSimpleCaseFolding). */
static bool class_value_add_string(Parser *p, ClassValue *v, uint32_t *cps, uint32_t n) {
  if (p->ignore_case) {
    for (uint32_t i = 0; i < n; i++) cps[i] = regexp_canonicalize(cps[i], true);
  }
  if (n == 1) { regexp_charset_add(&v->set, cps[0]); return true; }
  return class_value_push(p, v, (ClassString){cps, n});
}

static void class_value_complement(Parser *p, ClassValue *v) { complement(p, &v->set); }

static bool parse_class_set_expression(Parser *p, ClassValue *out);

static bool is_class_set_syntax_character(int32_t c) {
  return c >= 0 && c < 128 && c != 0 && strchr("()[]{}/-\\|", c) != NULL;
}
static bool is_class_set_reserved_double(int32_t c) {
  return c >= 0 && c < 128 && c != 0 && strchr("&!#$%*+,.:;<=>?@^`~", c) != NULL;
}
static bool is_class_set_reserved_punctuator(int32_t c) {
  return c >= 0 && c < 128 && c != 0 && strchr("&-!#%,:;<=>@`~", c) != NULL;
}

/* ClassSetCharacter at pos; false (with an error) if there is none. */
static bool class_set_character(Parser *p, uint32_t *c) {
  int32_t u = peek(p);
  if (u < 0) { fail(p, RE_ERROR_UNTERMINATED_CLASS); return false; }
  if (u == '\\') {
    int32_t e = peek_at(p, 1);
    if (e == 'b') { p->pos += 2; *c = '\b'; return true; }
    if (is_class_set_reserved_punctuator(e)) { p->pos += 2; *c = (uint32_t)e; return true; }
    p->pos++;
    if (at_end(p)) { fail(p, RE_ERROR_ESCAPE_AT_END); return false; }
    if (is_decimal(peek(p))) {
      if (peek(p) == '0' && !is_decimal(peek_at(p, 1))) { p->pos++; *c = 0; return true; }
      fail(p, RE_ERROR_INVALID_CLASS_ESCAPE);
      return false;
    }
    Escape esc;
    if (!character_escape(p, true, &esc)) return false;
    *c = esc.c;
    return true;
  }
  if (is_class_set_syntax_character(u) ||
      (is_class_set_reserved_double(u) && peek_at(p, 1) == u)) {
    fail(p, RE_ERROR_INVALID_CLASS_SET_CHARACTER);
    return false;
  }
  *c = next_char(p);
  return true;
}

/* After "\q{": ClassStringDisjunctionContents up to '}'. */
static bool class_string_disjunction(Parser *p, ClassValue *v) {
  uint32_t buf_cap = 16, n = 0;
  uint32_t *buf = malloc(buf_cap * sizeof(uint32_t));
  if (!buf) { fail(p, RE_ERROR_OUT_OF_MEMORY); return false; }
  bool ok = true;
  for (;;) {
    if (peek(p) == '}' || peek(p) == '|') {
      if (n != 1) v->may_contain_strings = true;
      uint32_t *cps = alloc(p, (n + 1) * sizeof(uint32_t));
      if (!cps) { ok = false; break; }
      memcpy(cps, buf, n * sizeof(uint32_t));
      if (!class_value_add_string(p, v, cps, n)) { ok = false; break; }
      n = 0;
      if (peek(p) == '}') { p->pos++; break; }
      p->pos++;
      continue;
    }
    uint32_t c;
    if (!class_set_character(p, &c)) { ok = false; break; }
    if (n == buf_cap) {
      uint32_t *grown = realloc(buf, buf_cap * 2 * sizeof(uint32_t));
      if (!grown) { ok = fail(p, RE_ERROR_OUT_OF_MEMORY) != NULL; break; }
      buf = grown;
      buf_cap *= 2;
    }
    buf[n++] = c;
  }
  free(buf);
  return ok;
}

/* A class escape inside a /v class (\d, \p{...}, ...) into v. */
static bool class_set_escape_operand(Parser *p, ClassValue *v) {
  int32_t c = peek_at(p, 1);
  RegExpStringList strings = {0};
  RegExpNode *n;
  p->pos += 2;
  if (c == 'p' || c == 'P') n = property_escape(p, c == 'P', &strings);
  else n = class_escape(p, (uint32_t)c);
  if (!n) { regexp_string_list_free(&strings); return false; }
  regexp_charset_union(&v->set, n->u.cls.set);
  bool ok = true;
  for (uint32_t i = 0; ok && i < strings.count; i++) {
    uint32_t len = strings.starts[i + 1] - strings.starts[i];
    uint32_t *cps = alloc(p, (len + 1) * sizeof(uint32_t));
    if (!cps) { ok = false; break; }
    memcpy(cps, strings.code_points + strings.starts[i], len * sizeof(uint32_t));
    ok = class_value_add_string(p, v, cps, len);
  }
  if (strings.count) v->may_contain_strings = true;
  regexp_string_list_free(&strings);
  return ok;
}

/* ClassSetOperand into v (a fresh value): NestedClass, ClassStringDisjunction or a
 * ClassSetCharacter. *is_char says it was a single character (a range may follow). */
static bool class_set_operand(Parser *p, ClassValue *v, bool *is_char, uint32_t *c) {
  *is_char = false;
  if (peek(p) == '[') {
    p->pos++;
    if (++p->depth > kRegExpMaxDepth) { fail(p, RE_ERROR_TOO_DEEP); return false; }
    bool ok = parse_class_set_expression(p, v);
    p->depth--;
    return ok;
  }
  if (peek(p) == '\\') {
    int32_t e = peek_at(p, 1);
    if (e == 'q' && peek_at(p, 2) == '{') {
      p->pos += 3;
      return class_string_disjunction(p, v);
    }
    if (e > 0 && e < 128 && strchr("dDsSwWpP", e)) return class_set_escape_operand(p, v);
  }
  if (!class_set_character(p, c)) return false;
  *is_char = true;
  uint32_t folded = p->ignore_case ? regexp_canonicalize(*c, true) : *c;
  regexp_charset_add(&v->set, folded);
  return true;
}

/* A ClassSetRange's end was just read as a single character: lo - hi. */
static bool class_set_range(Parser *p, ClassValue *v, uint32_t lo) {
  p->pos++;   /* '-' */
  uint32_t hi;
  if (!class_set_character(p, &hi)) return false;
  if (lo > hi) { fail(p, RE_ERROR_RANGE_ORDER); return false; }
  regexp_charset_clear(&v->set);
  regexp_charset_add_range(&v->set, lo, hi);
  if (p->ignore_case) regexp_charset_simple_fold(&v->set);
  return true;
}

/* The operators of ClassIntersection (&&) and ClassSubtraction (--) between operands;
 * then ']' closes. first is the first operand (consumed into out). */
static bool class_set_operation(Parser *p, ClassValue *out, SetOp op) {
  const char *token = op == SET_INTERSECT ? "&&" : "--";
  while (peek(p) != ']') {
    if (!looking_at(p, token)) { fail(p, RE_ERROR_INVALID_SET_OPERATION); return false; }
    p->pos += 2;
    if (op == SET_INTERSECT && peek(p) == '&') {
      fail(p, RE_ERROR_INVALID_CLASS_SET_CHARACTER);
      return false;
    }
    ClassValue next;
    class_value_init(&next);
    bool is_char;
    uint32_t c;
    if (!class_set_operand(p, &next, &is_char, &c)) { class_value_free(&next); return false; }
    bool may = next.may_contain_strings;
    if (!class_value_combine(p, out, &next, op)) return false;
    if (op == SET_INTERSECT) out->may_contain_strings = out->may_contain_strings && may;
  }
  p->pos++;
  return true;
}

/* ES2025 22.2.1 ClassSetExpression after '[' (pos at '^' or the first operand): a
 * union, an intersection or a subtraction, to the closing ']'. A negated class is
 * complemented here (its strings are an early error). */
static bool parse_class_set_expression(Parser *p, ClassValue *out) {
  bool negated = false;
  if (peek(p) == '^') { negated = true; p->pos++; }
  bool first = true;
  for (;;) {
    if (at_end(p)) { fail(p, RE_ERROR_UNTERMINATED_CLASS); return false; }
    if (peek(p) == ']') { p->pos++; break; }
    if (!first && (looking_at(p, "&&") || looking_at(p, "--"))) {
      fail(p, RE_ERROR_INVALID_SET_OPERATION);
      return false;
    }
    ClassValue operand;
    class_value_init(&operand);
    bool is_char;
    uint32_t c;
    if (!class_set_operand(p, &operand, &is_char, &c)) { class_value_free(&operand); return false; }
    if (is_char && peek(p) == '-' && peek_at(p, 1) != '-') {
      if (!class_set_range(p, &operand, c)) { class_value_free(&operand); return false; }
      is_char = false;
    } else if (first && (looking_at(p, "&&") || looking_at(p, "--"))) {
      *out = operand;
      if (!class_set_operation(p, out, looking_at(p, "&&") ? SET_INTERSECT : SET_SUBTRACT)) {
        return false;
      }
      goto done;
    }
    bool may = operand.may_contain_strings;
    if (!class_value_combine(p, out, &operand, SET_UNION)) return false;
    out->may_contain_strings = out->may_contain_strings || may;
    first = false;
  }
done:
  if (negated) {
    if (out->may_contain_strings) { fail(p, RE_ERROR_NEGATED_CLASS_STRINGS); return false; }
    class_value_complement(p, out);
    out->may_contain_strings = false;
  }
  return true;
}

/* A /v class as a node: the set alone, or (with strings) an ALT trying the strings
 * longest first, then the single characters, then the empty string. */
static RegExpNode *class_value_to_node(Parser *p, ClassValue *v) {
  RegExpNode *cls = new_class(p);
  if (!cls) return NULL;
  regexp_charset_copy(cls->u.cls.set, &v->set);
  if (v->count == 0) return cls;
  RegExpNode *alt = new_node(p, RE_NODE_ALT);
  RegExpNode **items = alloc(p, (v->count + 1) * sizeof(RegExpNode *));
  if (!alt || !items) return NULL;
  uint32_t n = 0;
  bool has_empty = false;
  for (uint32_t i = 0; i < v->count; i++) {
    const ClassString *s = &v->strings[i];
    if (s->length == 0) { has_empty = true; continue; }
    RegExpNode *seq = new_node(p, RE_NODE_SEQ);
    RegExpNode **chars = alloc(p, s->length * sizeof(RegExpNode *));
    if (!seq || !chars) return NULL;
    for (uint32_t k = 0; k < s->length; k++) {
      if (!(chars[k] = new_char(p, s->cps[k]))) return NULL;
    }
    seq->u.list.items = chars;
    seq->u.list.count = s->length;
    items[n++] = seq;
  }
  if (v->set.count) items[n++] = cls;
  if (has_empty && !(items[n++] = new_node(p, RE_NODE_EMPTY))) return NULL;
  alt->u.list.items = items;
  alt->u.list.count = n;
  return alt;
}

/* \p{...} or \P{...} outside a class under /v (pos just past the backslash). */
static RegExpNode *vmode_property_escape(Parser *p) {
  p->pos--;
  ClassValue v;
  class_value_init(&v);
  RegExpNode *n = NULL;
  if (class_set_escape_operand(p, &v)) {
    class_value_normalize(&v);
    n = v.set.oom ? fail(p, RE_ERROR_OUT_OF_MEMORY) : class_value_to_node(p, &v);
  }
  class_value_free(&v);
  return n;
}

/* '[' ... ']' in any mode, as a node. */
static RegExpNode *parse_class(Parser *p) {
  p->pos++;   /* '[' */
  if (p->vmode) {
    ClassValue v;
    class_value_init(&v);
    RegExpNode *n = NULL;
    if (parse_class_set_expression(p, &v)) {
      class_value_normalize(&v);
      n = v.set.oom ? fail(p, RE_ERROR_OUT_OF_MEMORY) : class_value_to_node(p, &v);
    }
    class_value_free(&v);
    return n;
  }
  RegExpNode *n = new_class(p);
  if (!n) return NULL;
  if (peek(p) == '^') { n->u.cls.negated = true; p->pos++; }
  if (!parse_class_ranges(p, n->u.cls.set)) return NULL;
  if (n->u.cls.set->oom) return fail(p, RE_ERROR_OUT_OF_MEMORY);
  return n;
}

/* ---- Terms ----------------------------------------------------------------------- */

static RegExpNode *parse_disjunction(Parser *p);

/* ES2025 22.2.1 QuantifierPrefix { n }, { n, }, { n, m } at pos ('{'). Returns false
 * (pos unmoved) if the text is not one: a literal '{' under Annex B. */
static bool parse_braces(Parser *p, uint64_t *min, uint64_t *max) {
  size_t start = p->pos;
  p->pos++;
  if (!is_decimal(peek(p))) { p->pos = start; return false; }
  *min = *max = read_decimal(p);
  if (peek(p) == ',') {
    p->pos++;
    *max = is_decimal(peek(p)) ? read_decimal(p) : UINT64_MAX;
  }
  if (peek(p) != '}') { p->pos = start; return false; }
  p->pos++;
  return true;
}

static bool is_quantifier_start(Parser *p) {
  int32_t c = peek(p);
  if (c == '*' || c == '+' || c == '?') return true;
  if (c != '{') return false;
  size_t save = p->pos;
  uint64_t a, b;
  bool ok = parse_braces(p, &a, &b);
  p->pos = save;
  return ok;
}

/* A Quantifier after atom (captures [cap_start, p->capture_count) are inside it). */
static RegExpNode *parse_quantifier(Parser *p, RegExpNode *atom, int cap_start) {
  uint64_t min, max;
  int32_t c = peek(p);
  if (c == '*') { min = 0; max = UINT64_MAX; p->pos++; }
  else if (c == '+') { min = 1; max = UINT64_MAX; p->pos++; }
  else if (c == '?') { min = 0; max = 1; p->pos++; }
  else if (c == '{') {
    if (!parse_braces(p, &min, &max)) {
      if (p->unicode) return fail(p, RE_ERROR_INCOMPLETE_QUANTIFIER);
      return atom;   /* Annex B: a literal '{' comes next */
    }
    if (min > max) return fail(p, RE_ERROR_QUANTIFIER_ORDER);
  } else {
    return atom;
  }
  RegExpNode *n = new_node(p, RE_NODE_REPEAT);
  if (!n) return NULL;
  n->u.repeat.body = atom;
  n->u.repeat.min = min >= kRegExpInfinity ? kRegExpInfinity - 1 : (uint32_t)min;
  n->u.repeat.max = max >= kRegExpInfinity ? kRegExpInfinity : (uint32_t)max;
  n->u.repeat.greedy = true;
  if (peek(p) == '?') { n->u.repeat.greedy = false; p->pos++; }
  n->u.repeat.capture_start = cap_start;
  n->u.repeat.capture_end = p->capture_count + 1;
  return n;
}

/* (?ims-ims: ...): the flags after "(?" up to ':' (ES2025 22.2.1.1 early errors: no flag
 * twice, not both empty). */
static bool parse_modifiers(Parser *p, int *add, int *remove) {
  *add = *remove = 0;
  int *side = add;
  bool dash = false;
  for (;;) {
    int32_t c = peek(p);
    int bit = c == 'i' ? RE_FLAG_I : c == 'm' ? RE_FLAG_M : c == 's' ? RE_FLAG_S : 0;
    if (c == ':') break;
    if (c == '-' && !dash) { dash = true; side = remove; p->pos++; continue; }
    if (!bit) { fail(p, RE_ERROR_INVALID_MODIFIERS); return false; }
    if ((*add | *remove) & bit) { fail(p, RE_ERROR_REPEATED_MODIFIER); return false; }
    *side |= bit;
    p->pos++;
  }
  if (dash && *add == 0 && *remove == 0) { fail(p, RE_ERROR_INVALID_MODIFIERS); return false; }
  p->pos++;
  return true;
}

/* The body of a group up to its ')'. */
static RegExpNode *group_body(Parser *p) {
  if (++p->depth > kRegExpMaxDepth) return fail(p, RE_ERROR_TOO_DEEP);
  RegExpNode *body = parse_disjunction(p);
  p->depth--;
  if (!body) return NULL;
  if (peek(p) != ')') return fail(p, RE_ERROR_UNTERMINATED_GROUP);
  p->pos++;
  return body;
}

/* '(' at pos. *quantifiable says whether a quantifier may follow (not after a
 * lookbehind; after a lookahead only under Annex B). */
static RegExpNode *parse_group(Parser *p, bool *quantifiable) {
  p->pos++;
  *quantifiable = true;
  if (peek(p) != '?') {
    int index = ++p->capture_count;
    RegExpNode *n = new_node(p, RE_NODE_GROUP);
    if (!n) return NULL;
    n->u.group.index = index;
    n->u.group.body = group_body(p);
    return n->u.group.body ? n : NULL;
  }
  if (looking_at(p, "?:")) { p->pos += 2; return group_body(p); }
  bool behind = looking_at(p, "?<=") || looking_at(p, "?<!");
  if (looking_at(p, "?=") || looking_at(p, "?!") || behind) {
    bool negative = peek_at(p, behind ? 2 : 1) == '!';
    p->pos += behind ? 3 : 2;
    *quantifiable = !behind && !p->unicode;
    RegExpNode *n = new_node(p, RE_NODE_LOOK);
    if (!n) return NULL;
    n->u.look.behind = behind;
    n->u.look.negative = negative;
    n->u.look.body = group_body(p);
    return n->u.look.body ? n : NULL;
  }
  if (looking_at(p, "?<")) {
    p->pos += 2;
    const uint16_t *name;
    uint32_t length;
    if (!parse_group_name(p, &name, &length)) return NULL;
    int index = ++p->capture_count;
    if (!add_named_group(p, name, length, index)) return NULL;
    p->ast->capture_names[index] = (uint16_t *)name;
    p->ast->capture_name_lengths[index] = length;
    RegExpNode *n = new_node(p, RE_NODE_GROUP);
    if (!n) return NULL;
    n->u.group.index = index;
    n->u.group.body = group_body(p);
    return n->u.group.body ? n : NULL;
  }
  p->pos++;
  int add, remove;
  if (!parse_modifiers(p, &add, &remove)) return NULL;
  bool saved_i = p->ignore_case, saved_m = p->multiline, saved_s = p->dotall;
  if (add & RE_FLAG_I) p->ignore_case = true;
  if (add & RE_FLAG_M) p->multiline = true;
  if (add & RE_FLAG_S) p->dotall = true;
  if (remove & RE_FLAG_I) p->ignore_case = false;
  if (remove & RE_FLAG_M) p->multiline = false;
  if (remove & RE_FLAG_S) p->dotall = false;
  RegExpNode *body = group_body(p);
  p->ignore_case = saved_i;
  p->multiline = saved_m;
  p->dotall = saved_s;
  return body;
}

static RegExpNode *dot(Parser *p) {
  p->pos++;
  RegExpNode *n = new_class(p);
  if (!n) return NULL;
  n->ignore_case = false;
  regexp_charset_add_range(n->u.cls.set, 0, p->unicode ? kRegExpMaxCodePoint : 0xFFFF);
  if (!p->dotall) {
    RegExpCharSet lt;
    regexp_charset_init(&lt);
    regexp_charset_add_line_terminators(&lt);
    regexp_charset_subtract(n->u.cls.set, &lt);
    regexp_charset_free(&lt);
  }
  return n;
}

static RegExpNode *assertion(Parser *p, RegExpAssertKind kind) {
  RegExpNode *n = new_node(p, RE_NODE_ASSERT);
  if (n) n->u.assertion = kind;
  return n;
}

/* An escape outside classes as a term. */
static RegExpNode *atom_escape(Parser *p, bool *quantifiable) {
  p->pos++;
  Escape e;
  if (!parse_escape(p, false, &e)) return NULL;
  switch (e.kind) {
    case ESC_CHAR: return new_char(p, e.c);
    case ESC_CLASS: return e.node;
    case ESC_NAMED_BACKREF: return e.node;
    case ESC_ASSERT: *quantifiable = false; return assertion(p, e.assertion);
    case ESC_BACKREF: {
      RegExpNode *n = new_node(p, RE_NODE_BACKREF);
      int *groups = alloc(p, sizeof(int));
      if (!n || !groups) return NULL;
      groups[0] = (int)e.c;
      n->u.backref.groups = groups;
      n->u.backref.count = 1;
      return n;
    }
  }
  UNREACHABLE();
}

/* ES2025 22.2.1 Term (with Annex B's ExtendedAtom). Returns NULL on error. */
static RegExpNode *parse_term(Parser *p) {
  int32_t c = peek(p);
  int cap_start = p->capture_count + 1;
  bool quantifiable = true;
  RegExpNode *atom;
  switch (c) {
    case '^':
      p->pos++;
      atom = assertion(p, p->multiline ? RE_ASSERT_LINE_START : RE_ASSERT_START);
      quantifiable = false;
      break;
    case '$':
      p->pos++;
      atom = assertion(p, p->multiline ? RE_ASSERT_LINE_END : RE_ASSERT_END);
      quantifiable = false;
      break;
    case '(': atom = parse_group(p, &quantifiable); break;
    case '.': atom = dot(p); break;
    case '[': atom = parse_class(p); break;
    case '\\': atom = atom_escape(p, &quantifiable); break;
    case '*': case '+': case '?': return fail(p, RE_ERROR_NOTHING_TO_REPEAT);
    case '{':
      if (is_quantifier_start(p)) return fail(p, RE_ERROR_NOTHING_TO_REPEAT);
      if (p->unicode) return fail(p, RE_ERROR_LONE_QUANTIFIER_BRACKETS);
      p->pos++;
      atom = new_char(p, '{');
      break;
    case '}': case ']':
      if (p->unicode) return fail(p, RE_ERROR_LONE_QUANTIFIER_BRACKETS);
      p->pos++;
      atom = new_char(p, (uint32_t)c);
      break;
    default: atom = new_char(p, next_char(p)); break;
  }
  if (!atom) return NULL;
  if (!quantifiable) {
    if (is_quantifier_start(p)) return fail(p, RE_ERROR_NOTHING_TO_REPEAT);
    return atom;
  }
  return parse_quantifier(p, atom, cap_start);
}

/* ---- Disjunctions ------------------------------------------------------------------- */

typedef struct { RegExpNode **items; uint32_t count, capacity; } NodeList;

static bool node_list_push(Parser *p, NodeList *l, RegExpNode *n) {
  if (!grow(p, (void **)&l->items, &l->capacity, l->count, sizeof(RegExpNode *))) return false;
  l->items[l->count++] = n;
  return true;
}

/* The list as a node of `type` (a single item stands alone; none is EMPTY). Frees l. */
static RegExpNode *node_list_finish(Parser *p, NodeList *l, RegExpNodeType type) {
  RegExpNode *n = NULL;
  if (l->count == 0) n = new_node(p, RE_NODE_EMPTY);
  else if (l->count == 1) n = l->items[0];
  else if ((n = new_node(p, type))) {
    n->u.list.items = alloc(p, l->count * sizeof(RegExpNode *));
    if (n->u.list.items) {
      memcpy(n->u.list.items, l->items, l->count * sizeof(RegExpNode *));
      n->u.list.count = l->count;
    } else {
      n = NULL;
    }
  }
  free(l->items);
  return n;
}

static RegExpNode *parse_alternative(Parser *p) {
  NodeList terms = {0};
  while (!at_end(p) && peek(p) != '|' && peek(p) != ')') {
    RegExpNode *t = parse_term(p);
    if (!t || !node_list_push(p, &terms, t)) { free(terms.items); return NULL; }
  }
  return node_list_finish(p, &terms, RE_NODE_SEQ);
}

/* ES2025 22.2.1 Disjunction, up to ')' or the end (not consumed). */
static RegExpNode *parse_disjunction(Parser *p) {
  if (!grow(p, (void **)&p->path, &p->path_capacity, p->path_length, sizeof(PathStep))) {
    return NULL;
  }
  p->path[p->path_length++] = (PathStep){p->next_disjunction++, 0};
  NodeList alts = {0};
  for (;;) {
    RegExpNode *a = parse_alternative(p);
    if (!a || !node_list_push(p, &alts, a)) { free(alts.items); return NULL; }
    if (peek(p) != '|') break;
    p->pos++;
    p->path[p->path_length - 1].alternative++;
  }
  p->path_length--;
  return node_list_finish(p, &alts, RE_NODE_ALT);
}

/* ---- Entry -------------------------------------------------------------------------- */

static void parser_free(Parser *p) {
  free(p->groups);
  free(p->refs);
  free(p->path);
}

bool regexp_parse(const uint16_t *pattern, size_t length, RegExpFlags flags, RegExpAst *ast,
                  RegExpError *error, size_t *error_pos) {
  memset(ast, 0, sizeof *ast);
  Parser p = {.src = pattern, .length = length, .ast = ast};
  p.unicode = (flags & (RE_FLAG_U | RE_FLAG_V)) != 0;
  p.vmode = (flags & RE_FLAG_V) != 0;
  p.ignore_case = (flags & RE_FLAG_I) != 0;
  p.multiline = (flags & RE_FLAG_M) != 0;
  p.dotall = (flags & RE_FLAG_S) != 0;
  ast->flags = flags;
  ast->arena = calloc(1, sizeof(RegExpArena));
  if (!ast->arena) { *error = RE_ERROR_OUT_OF_MEMORY; *error_pos = 0; return false; }
  prescan(&p);
  ast->capture_count = p.total_captures + 1;
  ast->capture_names = alloc(&p, (size_t)ast->capture_count * sizeof(uint16_t *));
  ast->capture_name_lengths = alloc(&p, (size_t)ast->capture_count * sizeof(uint32_t));
  if (ast->capture_names) {
    memset(ast->capture_names, 0, (size_t)ast->capture_count * sizeof(uint16_t *));
    memset(ast->capture_name_lengths, 0, (size_t)ast->capture_count * sizeof(uint32_t));
    ast->root = parse_disjunction(&p);
  }
  if (!p.failed && !at_end(&p)) fail(&p, RE_ERROR_UNMATCHED_PAREN);
  if (!p.failed) resolve_named_refs(&p);
  parser_free(&p);
  if (p.failed) {
    *error = p.error;
    *error_pos = p.error_pos;
    regexp_ast_free(ast);
    return false;
  }
  DCHECK(p.capture_count == p.total_captures);
  return true;
}

void regexp_ast_free(RegExpAst *ast) {
  for (uint32_t i = 0; i < ast->set_count; i++) regexp_charset_free(ast->sets[i]);
  free(ast->sets);
  arena_free(ast->arena);
  memset(ast, 0, sizeof *ast);
}
