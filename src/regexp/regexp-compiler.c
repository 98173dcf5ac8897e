/*
 * regexp-compiler.c: regexp AST -> regexp bytecode (see regexp-compiler.h for the
 * instruction set), following the matchers of ES2025 22.2.2 (Pattern Semantics):
 *
 *   Alternative  x|y       SPLIT_NEXT L1; x; GOTO L2; L1: y; L2:
 *   Group        (x)       SAVE 2i; x; SAVE 2i+1        (ends swapped when backwards)
 *   Quantifier   x{m,n}    a counted loop (LOOP ... LOOP_END), or for * and ? an
 *                          uncounted one (SPLIT, CHECK_PROGRESS), or STAR for a single
 *                          character matcher without captures; 22.2.2.3.1
 *                          RepeatMatcher's rules: captures inside x are reset at each
 *                          iteration, and an iteration beyond the minimum that matched
 *                          the empty string fails
 *   Lookaround   (?=x)     LOOK r; x; LOOK_END r        (x compiled backwards for (?<=)
 *   Backreference          BACKREF
 * A character under /i becomes its case class (CHAR2 for a pair, else CLASS); a class
 * is closed over case, then complemented if negated (see regexp-unicode.h).
 */
#include "regexp/regexp-compiler.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

static const struct { const char *name; uint32_t operands; const char *format; } kOps[] = {
#define V(name, n, fmt) {#name, n, fmt},
  REGEXP_BYTECODE_LIST(V)
#undef V
};

const char *regexp_opcode_name(RegExpOpcode op) { return kOps[op].name; }
const char *regexp_opcode_format(RegExpOpcode op) { return kOps[op].format; }

uint32_t regexp_instruction_length(const uint32_t *code, uint32_t pc) {
  RegExpOpcode op = (RegExpOpcode)code[pc];
  if (op == RE_OP_BACKREF) return 3 + code[pc + 2];
  return 1 + kOps[op].operands;
}

/* ---- Emission ------------------------------------------------------------------------ */

typedef struct {
  const RegExpAst *ast;
  uint32_t *code;
  uint32_t length, capacity;
  RegExpClass *classes;
  uint32_t class_count, class_capacity;
  uint32_t *ranges;
  uint32_t range_count, range_capacity;     /* in pairs */
  uint16_t *strings;
  uint32_t strings_length, strings_capacity;
  int registers;
  bool unicode;
  bool backward;                            /* compiling a lookbehind's body */
  bool oom;
} Compiler;

static bool reserve(Compiler *c, void **items, uint32_t *capacity, uint32_t need, size_t size) {
  if (need <= *capacity) return true;
  uint32_t cap = *capacity ? *capacity : 64;
  while (cap < need) cap *= 2;
  void *m = realloc(*items, (size_t)cap * size);
  if (!m) { c->oom = true; return false; }
  *items = m;
  *capacity = cap;
  return true;
}

static void emit(Compiler *c, uint32_t word) {
  if (!reserve(c, (void **)&c->code, &c->capacity, c->length + 1, sizeof(uint32_t))) return;
  c->code[c->length++] = word;
}

static void emit1(Compiler *c, RegExpOpcode op, uint32_t a) { emit(c, op); emit(c, a); }
static void emit2(Compiler *c, RegExpOpcode op, uint32_t a, uint32_t b) {
  emit(c, op); emit(c, a); emit(c, b);
}

/* The index of a jump operand just emitted, to patch with patch(). */
static uint32_t last_operand(const Compiler *c) { return c->length - 1; }
static void patch(Compiler *c, uint32_t at, uint32_t target) {
  if (!c->oom) c->code[at] = target;
}

static int new_registers(Compiler *c, int n) {
  int r = c->registers;
  c->registers += n;
  return r;
}

/* Adds a class for set (already closed over case and complemented as needed). */
static uint32_t add_class(Compiler *c, const RegExpCharSet *set) {
  if (!reserve(c, (void **)&c->classes, &c->class_capacity, c->class_count + 1,
               sizeof(RegExpClass))) {
    return 0;
  }
  RegExpClass *k = &c->classes[c->class_count];
  memset(k, 0, sizeof *k);
  k->range_start = c->range_count;
  for (uint32_t i = 0; i < set->count; i++) {
    uint32_t lo = set->ranges[2 * i], hi = set->ranges[2 * i + 1];
    for (uint32_t ch = lo; ch <= hi && ch < 256; ch++) k->bitmap[ch >> 5] |= 1u << (ch & 31);
    if (hi < 256) continue;
    if (lo < 256) lo = 256;
    if (!reserve(c, (void **)&c->ranges, &c->range_capacity, c->range_count + 1,
                 2 * sizeof(uint32_t))) {
      return 0;
    }
    c->ranges[2 * c->range_count] = lo;
    c->ranges[2 * c->range_count + 1] = hi;
    c->range_count++;
    k->range_count++;
  }
  return c->class_count++;
}

/* ---- Characters ------------------------------------------------------------------- */

/* Can c be compared as one code unit at pos? Under /u a surrogate cannot: it must not
 * match half of a pair. */
static bool is_simple_unit(const Compiler *c, uint32_t ch) {
  return ch < 0x10000 && !(c->unicode && ch >= 0xD800 && ch <= 0xDFFF);
}

/* Runs one single-character instruction in the current direction. */
static void begin_char(Compiler *c) { if (c->backward) emit(c, RE_OP_PREV); }
static void end_char(Compiler *c) { if (c->backward) emit(c, RE_OP_PREV); }

/* The set a CLASS node matches, final (closed over case, complemented). */
static void class_final_set(const Compiler *c, const RegExpNode *n, RegExpCharSet *out) {
  regexp_charset_copy(out, n->u.cls.set);
  if (n->ignore_case) regexp_charset_close_over_case(out, c->unicode);
  if (n->u.cls.negated) regexp_charset_invert(out, c->unicode ? kRegExpMaxCodePoint : 0xFFFF);
}

/* The set a CHAR node matches (its case class under /i). */
static void char_set(const Compiler *c, const RegExpNode *n, RegExpCharSet *out) {
  uint32_t eq[4];
  int count = n->ignore_case ? regexp_case_equivalents(n->u.c, c->unicode, eq) : 1;
  if (count == 1) eq[0] = n->u.c;
  for (int i = 0; i < count; i++) regexp_charset_add(out, eq[i]);
}

static void compile_set(Compiler *c, const RegExpCharSet *set) {
  if (set->oom) { c->oom = true; return; }
  begin_char(c);
  emit1(c, RE_OP_CLASS, add_class(c, set));
  end_char(c);
}

static void compile_char(Compiler *c, const RegExpNode *n) {
  uint32_t eq[4];
  int count = n->ignore_case ? regexp_case_equivalents(n->u.c, c->unicode, eq) : 1;
  if (count == 1) eq[0] = n->u.c;
  if (count <= 2 && is_simple_unit(c, eq[0]) && (count == 1 || is_simple_unit(c, eq[1]))) {
    begin_char(c);
    if (count == 1) emit1(c, RE_OP_CHAR, eq[0]); else emit2(c, RE_OP_CHAR2, eq[0], eq[1]);
    end_char(c);
    return;
  }
  if (count == 1) {
    begin_char(c);
    emit1(c, RE_OP_CHAR_CP, eq[0]);
    end_char(c);
    return;
  }
  RegExpCharSet set;
  regexp_charset_init(&set);
  for (int i = 0; i < count; i++) regexp_charset_add(&set, eq[i]);
  compile_set(c, &set);
  regexp_charset_free(&set);
}

static void compile_class(Compiler *c, const RegExpNode *n) {
  RegExpCharSet set;
  regexp_charset_init(&set);
  class_final_set(c, n, &set);
  compile_set(c, &set);
  regexp_charset_free(&set);
}

/* Is n a CHAR that STRING can match unit by unit? */
static bool is_literal_unit(const Compiler *c, const RegExpNode *n) {
  return n->type == RE_NODE_CHAR && !n->ignore_case && is_simple_unit(c, n->u.c);
}

/* items[i..j) are literal units (at least 2): one STRING instruction. */
static void compile_string(Compiler *c, RegExpNode **items, uint32_t i, uint32_t j) {
  uint32_t n = j - i;
  if (!reserve(c, (void **)&c->strings, &c->strings_capacity, c->strings_length + n,
               sizeof(uint16_t))) {
    return;
  }
  uint32_t at = c->strings_length;
  for (uint32_t k = i; k < j; k++) c->strings[c->strings_length++] = (uint16_t)items[k]->u.c;
  emit2(c, RE_OP_STRING, at, n);
}

/* ---- Analysis -------------------------------------------------------------------------- */

/* The fewest characters n can match (saturating). */
static uint32_t min_length(const RegExpNode *n) {
  switch (n->type) {
    case RE_NODE_CHAR: case RE_NODE_CLASS: return 1;
    case RE_NODE_SEQ: {
      uint64_t sum = 0;
      for (uint32_t i = 0; i < n->u.list.count; i++) sum += min_length(n->u.list.items[i]);
      return sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
    }
    case RE_NODE_ALT: {
      uint32_t m = UINT32_MAX;
      for (uint32_t i = 0; i < n->u.list.count; i++) {
        uint32_t k = min_length(n->u.list.items[i]);
        if (k < m) m = k;
      }
      return m;
    }
    case RE_NODE_GROUP: return min_length(n->u.group.body);
    case RE_NODE_REPEAT: {
      uint64_t m = (uint64_t)n->u.repeat.min * min_length(n->u.repeat.body);
      return m > UINT32_MAX ? UINT32_MAX : (uint32_t)m;
    }
    default: return 0;
  }
}

/* Can n only match the empty string (assertions, lookarounds, empty groups)? */
static bool is_zero_width(const RegExpNode *n) {
  switch (n->type) {
    case RE_NODE_EMPTY: case RE_NODE_ASSERT: case RE_NODE_LOOK: return true;
    case RE_NODE_SEQ: case RE_NODE_ALT:
      for (uint32_t i = 0; i < n->u.list.count; i++) {
        if (!is_zero_width(n->u.list.items[i])) return false;
      }
      return true;
    case RE_NODE_GROUP: return is_zero_width(n->u.group.body);
    case RE_NODE_REPEAT: return n->u.repeat.max == 0 || is_zero_width(n->u.repeat.body);
    default: return false;
  }
}

/* Does n contain a capturing group? */
static bool has_captures(const RegExpNode *n) {
  switch (n->type) {
    case RE_NODE_GROUP: return true;
    case RE_NODE_SEQ: case RE_NODE_ALT:
      for (uint32_t i = 0; i < n->u.list.count; i++) {
        if (has_captures(n->u.list.items[i])) return true;
      }
      return false;
    case RE_NODE_LOOK: return has_captures(n->u.look.body);
    case RE_NODE_REPEAT: return has_captures(n->u.repeat.body);
    default: return false;
  }
}

/* ---- Nodes ----------------------------------------------------------------------------- */

static void compile_node(Compiler *c, const RegExpNode *n);

static void compile_seq(Compiler *c, const RegExpNode *n) {
  uint32_t count = n->u.list.count;
  RegExpNode **items = n->u.list.items;
  if (c->backward) {
    for (uint32_t i = count; i-- > 0;) compile_node(c, items[i]);
    return;
  }
  for (uint32_t i = 0; i < count;) {
    uint32_t j = i;
    while (j < count && is_literal_unit(c, items[j])) j++;
    if (j - i >= 2) {
      compile_string(c, items, i, j);
      i = j;
    } else {
      compile_node(c, items[i++]);
    }
  }
}

static void compile_alt(Compiler *c, const RegExpNode *n) {
  uint32_t count = n->u.list.count;
  uint32_t *ends = malloc(count * sizeof(uint32_t));
  if (!ends) { c->oom = true; return; }
  for (uint32_t i = 0; i + 1 < count; i++) {
    emit1(c, RE_OP_SPLIT_NEXT, 0);
    uint32_t next = last_operand(c);
    compile_node(c, n->u.list.items[i]);
    emit1(c, RE_OP_GOTO, 0);
    ends[i] = last_operand(c);
    patch(c, next, c->length);
  }
  compile_node(c, n->u.list.items[count - 1]);
  for (uint32_t i = 0; i + 1 < count; i++) patch(c, ends[i], c->length);
  free(ends);
}

static void compile_group(Compiler *c, const RegExpNode *n) {
  uint32_t start = 2 * (uint32_t)n->u.group.index, end = start + 1;
  emit1(c, RE_OP_SAVE, c->backward ? end : start);
  compile_node(c, n->u.group.body);
  emit1(c, RE_OP_SAVE, c->backward ? start : end);
}

/* ES2025 22.2.2.4 Assertion :: (?= ...) (?! ...) (?<= ...) (?<! ...). */
static void compile_look(Compiler *c, const RegExpNode *n) {
  int r = new_registers(c, 2);
  emit2(c, n->u.look.negative ? RE_OP_NEG_LOOK : RE_OP_LOOK, (uint32_t)r, 0);
  uint32_t exit = last_operand(c);
  bool saved = c->backward;
  c->backward = n->u.look.behind;
  compile_node(c, n->u.look.body);
  c->backward = saved;
  emit1(c, n->u.look.negative ? RE_OP_NEG_LOOK_END : RE_OP_LOOK_END, (uint32_t)r);
  patch(c, exit, c->length);
}

/* x* x? x{m,n} over a single-character body without captures, forwards: STAR. */
static bool compile_star(Compiler *c, const RegExpNode *n) {
  const RegExpNode *body = n->u.repeat.body;
  if (c->backward || (body->type != RE_NODE_CHAR && body->type != RE_NODE_CLASS)) return false;
  RegExpCharSet set;
  regexp_charset_init(&set);
  if (body->type == RE_NODE_CHAR) char_set(c, body, &set); else class_final_set(c, body, &set);
  if (set.oom) c->oom = true;
  uint32_t k = add_class(c, &set);
  regexp_charset_free(&set);
  emit(c, n->u.repeat.greedy ? RE_OP_STAR : RE_OP_STAR_LAZY);
  emit(c, k);
  emit(c, n->u.repeat.min);
  emit(c, n->u.repeat.max);
  return true;
}

/* The start of one iteration: note the position for the empty check, reset captures. */
static void iteration_start(Compiler *c, const RegExpNode *n, int posreg) {
  if (posreg >= 0) emit1(c, RE_OP_SAVE, (uint32_t)posreg);
  if (n->u.repeat.capture_start < n->u.repeat.capture_end && has_captures(n->u.repeat.body)) {
    emit2(c, RE_OP_RESET, 2 * (uint32_t)n->u.repeat.capture_start,
          2 * (uint32_t)n->u.repeat.capture_end);
  }
}

/* x* x*? x? x?? : no counter needed. */
static void compile_uncounted(Compiler *c, const RegExpNode *n, int posreg) {
  bool once = n->u.repeat.max == 1;
  uint32_t head = c->length;
  emit1(c, n->u.repeat.greedy ? RE_OP_SPLIT_NEXT : RE_OP_SPLIT_JUMP, 0);
  uint32_t exit = last_operand(c);
  iteration_start(c, n, posreg);
  compile_node(c, n->u.repeat.body);
  if (posreg >= 0) emit1(c, RE_OP_CHECK_PROGRESS, (uint32_t)posreg);
  if (!once) emit1(c, RE_OP_GOTO, head);
  patch(c, exit, c->length);
}

static void compile_counted(Compiler *c, const RegExpNode *n, int posreg) {
  int counter = new_registers(c, 1);
  emit2(c, RE_OP_SET, (uint32_t)counter, 0);
  uint32_t head = c->length;
  emit(c, n->u.repeat.greedy ? RE_OP_LOOP : RE_OP_LOOP_LAZY);
  emit(c, (uint32_t)counter);
  emit(c, n->u.repeat.min);
  emit(c, n->u.repeat.max);
  emit(c, 0);
  uint32_t exit = last_operand(c);
  iteration_start(c, n, posreg);
  compile_node(c, n->u.repeat.body);
  emit(c, RE_OP_LOOP_END);
  emit(c, (uint32_t)counter);
  emit(c, (uint32_t)posreg);
  emit(c, n->u.repeat.min);
  emit(c, head);
  patch(c, exit, c->length);
}

/* ES2025 22.2.2.3.1 RepeatMatcher. A zero-width body leaves the state as it found it
 * (captures are reset each iteration), so its mandatory iterations all succeed or fail
 * alike and its optional ones fail the empty check: x{m,n} is x once (m > 0) or x? (m = 0),
 * which keeps (?:){4294967295} from looping four billion times. */
static void compile_repeat(Compiler *c, const RegExpNode *n) {
  if (n->u.repeat.max == 0) return;
  if (is_zero_width(n->u.repeat.body) && n->u.repeat.max > 1) {
    RegExpNode once = *n;
    once.u.repeat.min = n->u.repeat.min > 0 ? 1 : 0;
    once.u.repeat.max = 1;
    compile_repeat(c, &once);
    return;
  }
  if (!has_captures(n->u.repeat.body) && compile_star(c, n)) return;
  int posreg = min_length(n->u.repeat.body) == 0 ? new_registers(c, 1) : -1;
  if (n->u.repeat.min == 0 && (n->u.repeat.max == 1 || n->u.repeat.max == kRegExpInfinity)) {
    compile_uncounted(c, n, posreg);
  } else if (n->u.repeat.min == 1 && n->u.repeat.max == 1) {
    iteration_start(c, n, -1);
    compile_node(c, n->u.repeat.body);
  } else {
    compile_counted(c, n, posreg);
  }
}

static void compile_backref(Compiler *c, const RegExpNode *n) {
  emit(c, RE_OP_BACKREF);
  emit(c, (n->ignore_case ? 1u : 0u) | (c->backward ? 2u : 0u));
  emit(c, (uint32_t)n->u.backref.count);
  for (int i = 0; i < n->u.backref.count; i++) emit(c, (uint32_t)n->u.backref.groups[i]);
}

static void compile_assert(Compiler *c, const RegExpNode *n) {
  switch (n->u.assertion) {
    case RE_ASSERT_START: emit(c, RE_OP_ASSERT_START); break;
    case RE_ASSERT_END: emit(c, RE_OP_ASSERT_END); break;
    case RE_ASSERT_LINE_START: emit(c, RE_OP_ASSERT_LINE_START); break;
    case RE_ASSERT_LINE_END: emit(c, RE_OP_ASSERT_LINE_END); break;
    case RE_ASSERT_WORD: case RE_ASSERT_NOT_WORD: {
      uint32_t f = (n->u.assertion == RE_ASSERT_NOT_WORD ? 1u : 0u) |
                   (n->ignore_case && c->unicode ? 2u : 0u);
      emit1(c, RE_OP_WORD_BOUNDARY, f);
      break;
    }
  }
}

static void compile_node(Compiler *c, const RegExpNode *n) {
  switch (n->type) {
    case RE_NODE_EMPTY: break;
    case RE_NODE_CHAR: compile_char(c, n); break;
    case RE_NODE_CLASS: compile_class(c, n); break;
    case RE_NODE_SEQ: compile_seq(c, n); break;
    case RE_NODE_ALT: compile_alt(c, n); break;
    case RE_NODE_GROUP: compile_group(c, n); break;
    case RE_NODE_LOOK: compile_look(c, n); break;
    case RE_NODE_REPEAT: compile_repeat(c, n); break;
    case RE_NODE_BACKREF: compile_backref(c, n); break;
    case RE_NODE_ASSERT: compile_assert(c, n); break;
  }
}

/* ---- Search acceleration ------------------------------------------------------------ */

/* Adds to first the characters a match of n can begin with. Returns whether n can match
 * without consuming (so what follows may supply the first character); *unknown is set
 * when no useful set exists (a backreference can begin with anything). */
static bool first_chars(const Compiler *c, const RegExpNode *n, RegExpCharSet *first,
                        bool *unknown) {
  switch (n->type) {
    case RE_NODE_CHAR: char_set(c, n, first); return false;
    case RE_NODE_CLASS: {
      RegExpCharSet s;
      regexp_charset_init(&s);
      class_final_set(c, n, &s);
      regexp_charset_union(first, &s);
      regexp_charset_free(&s);
      return false;
    }
    case RE_NODE_SEQ:
      for (uint32_t i = 0; i < n->u.list.count; i++) {
        if (!first_chars(c, n->u.list.items[i], first, unknown)) return false;
      }
      return true;
    case RE_NODE_ALT: {
      bool nullable = false;
      for (uint32_t i = 0; i < n->u.list.count; i++) {
        nullable |= first_chars(c, n->u.list.items[i], first, unknown);
      }
      return nullable;
    }
    case RE_NODE_GROUP: return first_chars(c, n->u.group.body, first, unknown);
    case RE_NODE_REPEAT:
      if (n->u.repeat.max == 0) return true;
      return first_chars(c, n->u.repeat.body, first, unknown) || n->u.repeat.min == 0;
    case RE_NODE_BACKREF: *unknown = true; return true;
    default: return true;   /* EMPTY, ASSERT, LOOK: zero-width */
  }
}

/* Does every match of n begin at position 0 (a leading ^ without /m)? */
static bool is_anchored(const RegExpNode *n) {
  switch (n->type) {
    case RE_NODE_ASSERT: return n->u.assertion == RE_ASSERT_START;
    case RE_NODE_SEQ: return n->u.list.count > 0 && is_anchored(n->u.list.items[0]);
    case RE_NODE_GROUP: return is_anchored(n->u.group.body);
    case RE_NODE_ALT:
      for (uint32_t i = 0; i < n->u.list.count; i++) {
        if (!is_anchored(n->u.list.items[i])) return false;
      }
      return true;
    default: return false;
  }
}

/* The number of literal code units every match begins with: the case-sensitive CHARs
 * heading the pattern's top-level sequence (0 if fewer than 2). */
static uint32_t literal_prefix_length(const Compiler *c, const RegExpNode *root) {
  if (root->type != RE_NODE_SEQ) return 0;
  uint32_t k = 0;
  while (k < root->u.list.count && is_literal_unit(c, root->u.list.items[k])) k++;
  return k >= 2 ? k : 0;
}

static void compute_search_hints(const Compiler *c, const RegExpNode *root, RegExpCode *code) {
  code->anchored = is_anchored(root);
  RegExpCharSet first;
  regexp_charset_init(&first);
  bool unknown = false;
  bool nullable = first_chars(c, root, &first, &unknown);
  if (!nullable && !unknown && !first.oom) {
    code->has_first_set = true;
    for (uint32_t i = 0; i < first.count; i++) {
      uint32_t lo = first.ranges[2 * i], hi = first.ranges[2 * i + 1];
      for (uint32_t ch = lo; ch <= hi && ch < 256; ch++) {
        code->first_bitmap[ch >> 5] |= 1u << (ch & 31);
      }
      if (hi >= 256) code->first_above_latin1 = true;
    }
  }
  regexp_charset_free(&first);
}

/* ---- Entry: packing into one block ---------------------------------------------------- */

/* Appends n elements of size `size` at *at (aligned to align) and returns their offset. */
static uint32_t layout(uint32_t *at, uint32_t n, uint32_t size, uint32_t align) {
  *at = (uint32_t)round_up(*at, align);
  uint32_t offset = *at;
  *at += n * size;
  return offset;
}

static uint32_t names_total(const RegExpAst *ast) {
  uint32_t n = 0;
  for (int i = 0; i < ast->capture_count; i++) {
    if (ast->capture_names[i]) n += ast->capture_name_lengths[i];
  }
  return n;
}

/* Copies the names into the block and the per-group offset and length tables. */
static void pack_names(const RegExpAst *ast, RegExpCode *code) {
  uint32_t *offsets = (uint32_t *)((char *)code + code->name_offsets_offset);
  uint32_t *lengths = (uint32_t *)((char *)code + code->name_lengths_offset);
  uint16_t *pool = (uint16_t *)((char *)code + code->names_offset);
  uint32_t used = 0;
  for (int i = 0; i < ast->capture_count; i++) {
    offsets[i] = lengths[i] = 0;
    if (!ast->capture_names[i]) continue;
    uint32_t len = ast->capture_name_lengths[i];
    memcpy(pool + used, ast->capture_names[i], len * sizeof(uint16_t));
    offsets[i] = used + 1;
    lengths[i] = len;
    used += len;
    code->has_named_groups = true;
  }
}

/* One block holding header and arrays (see RegExpCode in regexp-compiler.h). */
static RegExpCode *pack(const Compiler *c, const RegExpAst *ast, const RegExpCode *header,
                        uint32_t prefix_length) {
  uint32_t ncap = (uint32_t)ast->capture_count, at = sizeof(RegExpCode);
  RegExpCode h = *header;
  h.code_offset = layout(&at, c->length, sizeof(uint32_t), 4);
  h.classes_offset = layout(&at, c->class_count, sizeof(RegExpClass), 4);
  h.ranges_offset = layout(&at, c->range_count, 2 * sizeof(uint32_t), 4);
  h.name_offsets_offset = layout(&at, ncap, sizeof(uint32_t), 4);
  h.name_lengths_offset = layout(&at, ncap, sizeof(uint32_t), 4);
  h.strings_offset = layout(&at, c->strings_length, sizeof(uint16_t), 2);
  h.prefix_offset = layout(&at, prefix_length, sizeof(uint16_t), 2);
  h.names_offset = layout(&at, names_total(ast), sizeof(uint16_t), 2);
  h.size = (uint32_t)round_up(at, 8);
  RegExpCode *code = calloc(1, h.size);
  if (!code) return NULL;
  h.code_length = c->length;
  h.class_count = c->class_count;
  h.range_count = c->range_count;
  h.strings_length = c->strings_length;
  h.prefix_length = prefix_length;
  *code = h;
  char *base = (char *)code;
  if (c->length) memcpy(base + h.code_offset, c->code, c->length * sizeof(uint32_t));
  if (c->class_count) memcpy(base + h.classes_offset, c->classes, c->class_count * sizeof(RegExpClass));
  if (c->range_count) memcpy(base + h.ranges_offset, c->ranges, c->range_count * 2 * sizeof(uint32_t));
  if (c->strings_length) memcpy(base + h.strings_offset, c->strings, c->strings_length * sizeof(uint16_t));
  uint16_t *prefix = (uint16_t *)(base + h.prefix_offset);
  for (uint32_t i = 0; i < prefix_length; i++) prefix[i] = (uint16_t)ast->root->u.list.items[i]->u.c;
  pack_names(ast, code);
  return code;
}

RegExpCode *regexp_compiler_compile(RegExpAst *ast) {
  Compiler c = {.ast = ast};
  c.unicode = (ast->flags & (RE_FLAG_U | RE_FLAG_V)) != 0;
  c.registers = 2 * ast->capture_count;
  compile_node(&c, ast->root);
  emit(&c, RE_OP_MATCH);
  RegExpCode header;
  memset(&header, 0, sizeof header);
  header.capture_count = ast->capture_count;
  header.register_count = c.registers;
  header.flags = ast->flags;
  RegExpCode *code = NULL;
  if (!c.oom) {
    compute_search_hints(&c, ast->root, &header);
    code = pack(&c, ast, &header, literal_prefix_length(&c, ast->root));
  }
  free(c.code);
  free(c.classes);
  free(c.ranges);
  free(c.strings);
  return code;
}
