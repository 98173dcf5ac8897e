/*
 * regexp-compiler.h: the regexp bytecode, the compiled-code object, and the compiler from
 * the AST (regexp/regexp-compiler.c).
 *
 * Code is an array of 32-bit words: an opcode word, then its operands. Jump targets are
 * word indices. The matcher state is (pc, pos, registers); registers 0..2n-1 are the
 * capture starts and ends (n groups including group 0), the rest are the compiler's
 * (loop counters, iteration start positions, lookaround bookkeeping). Every register
 * write is undo-logged on the backtrack stack, so backtracking restores them; a failing
 * instruction backtracks to the last choice point.
 *
 * Characters: "the character at pos" is a code unit, or under /u and /v a code point (a
 * surrogate pair read whole). Matching backwards (inside lookbehind) brackets each
 * character instruction with PREV: PREV, CHAR c, PREV.
 */
#ifndef KILN_REGEXP_REGEXP_COMPILER_H_
#define KILN_REGEXP_REGEXP_COMPILER_H_

#include "regexp/regexp-parser.h"

/* V(NAME, operands, format): format letters for the printer, one per operand:
 * c character, k class index, n number, r register, t jump target, s string pool index,
 * g group list (a count, then that many groups: variable length). */
#define REGEXP_BYTECODE_LIST(V)                                                            \
  V(CHAR, 1, "c")        /* c: the code unit at pos is c (c is never a surrogate under u) */ \
  V(CHAR2, 2, "cc")      /* a b: the code unit at pos is a or b (a case pair) */            \
  V(CHAR_CP, 1, "c")     /* c: the character (code point under u) at pos is c */          \
  V(CLASS, 1, "k")       /* k: the character at pos is in class k; advance past it */     \
  V(STRING, 2, "sn")     /* s n: the n code units of pool string s follow pos */          \
  V(PREV, 0, "")         /* pos moves back one character; fails at 0 */                   \
  V(ASSERT_START, 0, "") /* pos == 0 */                                                   \
  V(ASSERT_END, 0, "")   /* pos == length */                                              \
  V(ASSERT_LINE_START, 0, "") /* pos == 0 or a line terminator precedes pos */            \
  V(ASSERT_LINE_END, 0, "")   /* pos == length or a line terminator is at pos */          \
  V(WORD_BOUNDARY, 1, "n")    /* f: IsWordChar(pos-1) != IsWordChar(pos); f&1 negates,  \
                                 f&2 uses the /ui word set */                              \
  V(GOTO, 1, "t")        /* t: pc = t */                                                  \
  V(SPLIT_NEXT, 1, "t")  /* t: push a choice resuming at t; go on (prefer what follows) */ \
  V(SPLIT_JUMP, 1, "t")  /* t: push a choice resuming after this; pc = t (prefer t) */     \
  V(SAVE, 1, "r")        /* r: regs[r] = pos */                                           \
  V(SET, 2, "rn")        /* r v: regs[r] = v */                                           \
  V(RESET, 2, "rr")      /* a b: regs[a..b) = -1 (captures of a quantified atom) */       \
  V(LOOP, 4, "rnnt")     /* c min max t: greedy counted loop head: regs[c] < min: go on;  \
                            >= max: pc = t; else push a choice resuming at t, go on */    \
  V(LOOP_LAZY, 4, "rnnt") /* c min max t: lazy: < min: go on; >= max: pc = t; else push  \
                            a choice resuming after this and pc = t */                    \
  V(LOOP_END, 4, "rrnt") /* c p min t: if p != -1, regs[c] >= min and pos == regs[p]:     \
                            fail (the empty check); regs[c]++; pc = t */                  \
  V(CHECK_PROGRESS, 1, "r") /* p: fail if pos == regs[p] (empty check of * and ?) */      \
  V(BACKREF, 2, "ng")    /* f g..: the text of the group that is set among g.. (or "")   \
                            follows pos; f&1 ignores case, f&2 matches backwards */       \
  V(LOOK, 2, "rt")       /* r t: positive lookaround: regs[r] = stack height,             \
                            regs[r+1] = pos; the body follows, then LOOK_END r; t: after */ \
  V(LOOK_END, 1, "r")    /* r: the body matched: drop its choice points (keeping register \
                            undo entries), pos = regs[r+1] */                              \
  V(NEG_LOOK, 2, "rt")   /* r t: negative lookaround: as LOOK, and push a choice resuming \
                            at t (taken when the body fails) */                           \
  V(NEG_LOOK_END, 1, "r") /* r: the body matched: unwind the stack to regs[r] undoing     \
                            register writes, then fail */                                  \
  V(STAR, 3, "knn")      /* k min max: greedy run of class-k characters, at least min, at \
                            most max; backtracking gives back one at a time */            \
  V(STAR_LAZY, 3, "knn") /* k min max: the same, lazy: backtracking takes one more */     \
  V(MATCH, 0, "")        /* success: regs[1] = pos */                                     \
  V(FAIL, 0, "")         /* backtrack */

typedef enum {
#define V(name, n, fmt) RE_OP_##name,
  REGEXP_BYTECODE_LIST(V)
#undef V
  RE_OP_COUNT
} RegExpOpcode;

/* The words an instruction takes, the opcode word included. */
uint32_t regexp_instruction_length(const uint32_t *code, uint32_t pc);
const char *regexp_opcode_name(RegExpOpcode op);
const char *regexp_opcode_format(RegExpOpcode op);

/* A character class as the matcher tests it: a bitmap for 0..255, sorted inclusive
 * ranges for the rest. */
typedef struct {
  uint32_t bitmap[8];
  uint32_t range_start, range_count;   /* pairs in RegExpCode.ranges */
} RegExpClass;

/* The compiled pattern (regexp.h's RegExpCode): ONE block of `size` bytes, the header
 * then the arrays, every array named by its byte offset from the start of the block. So
 * the code is position-independent: a memcpy of it (for instance into a heap ByteArray,
 * 8-byte aligned) is a valid RegExpCode, and nothing in it needs freeing but the block.
 *
 *   | header | code words | classes | ranges (lo, hi pairs) | name offsets | name lengths |
 *   | literal pool (uint16) | prefix (uint16) | names (uint16) |
 */
struct RegExpCode {
  uint32_t size;                  /* bytes, header included */
  uint32_t code_offset, code_length;            /* uint32 words */
  uint32_t classes_offset, class_count;         /* RegExpClass */
  uint32_t ranges_offset, range_count;          /* pairs of uint32 */
  uint32_t strings_offset, strings_length;      /* uint16 units: the STRING pool */
  uint32_t prefix_offset, prefix_length;        /* uint16: every match starts with these */
  uint32_t name_offsets_offset;   /* uint32[capture_count]: unit index of the name in the
                                     names pool plus 1, 0 for an unnamed group */
  uint32_t name_lengths_offset;   /* uint32[capture_count] */
  uint32_t names_offset;          /* uint16 units */
  int capture_count;              /* including group 0 */
  int register_count;             /* 2 * capture_count + the compiler's */
  RegExpFlags flags;
  bool has_named_groups;
  /* Search acceleration: see regexp-interpreter.c. */
  bool anchored;                  /* every match starts at 0 (leading ^ without /m) */
  bool has_first_set;             /* no match is empty; it starts with a character in: */
  bool first_above_latin1;        /*   any unit >= 256 if this, or */
  uint32_t first_bitmap[8];       /*   this set, for units 0..255 */
};

#define REGEXP_CODE_ARRAY(code, offset, type) \
  ((const type *)(const void *)((const char *)(code) + (code)->offset))

KILN_INLINE const uint32_t *regexp_code_words(const RegExpCode *code) {
  return REGEXP_CODE_ARRAY(code, code_offset, uint32_t);
}
KILN_INLINE const RegExpClass *regexp_code_classes(const RegExpCode *code) {
  return REGEXP_CODE_ARRAY(code, classes_offset, RegExpClass);
}
KILN_INLINE const uint32_t *regexp_code_ranges(const RegExpCode *code) {
  return REGEXP_CODE_ARRAY(code, ranges_offset, uint32_t);
}
KILN_INLINE const uint16_t *regexp_code_strings(const RegExpCode *code) {
  return REGEXP_CODE_ARRAY(code, strings_offset, uint16_t);
}
KILN_INLINE const uint16_t *regexp_code_prefix(const RegExpCode *code) {
  return REGEXP_CODE_ARRAY(code, prefix_offset, uint16_t);
}

/* Compiles the AST (flags from ast->flags). NULL when memory runs out. The AST stays
 * the caller's; names are copied. Free the result with free(). */
RegExpCode *regexp_compiler_compile(RegExpAst *ast);

KILN_INLINE bool regexp_class_contains(const RegExpCode *code, const RegExpClass *k,
                                       uint32_t c) {
  if (c < 256) return (k->bitmap[c >> 5] >> (c & 31)) & 1;
  if (k->range_count == 0) return false;
  const uint32_t *r = regexp_code_ranges(code) + 2 * k->range_start;
  uint32_t lo = 0, hi = k->range_count;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (c < r[2 * mid]) hi = mid;
    else if (c > r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

#endif /* KILN_REGEXP_REGEXP_COMPILER_H_ */
