/*
 * regexp-interpreter.c: the backtracking matcher and the search loop (see
 * regexp-interpreter.h and regexp-compiler.h for the instruction set).
 *
 * One dispatch function, `match`, is written once over (two_byte, unicode) and inlined
 * into three callers with those as constants, so each subject kind gets a loop without
 * per-character mode tests: Latin-1 (no surrogates, so /u changes nothing), UTF-16, and
 * UTF-16 read by code points.
 *
 * Backtrack entries (12 bytes): a choice point (pc, pos); a register's previous value
 * (written before every register write made while a choice point exists, so that
 * backtracking restores captures, counters and saved positions); a greedy STAR's state
 * (pc, pos, how many characters it can still give back); a lazy STAR's (pc, pos, count).
 */
#include "regexp/regexp-interpreter.h"

#include <stdlib.h>
#include <string.h>

#include "regexp/regexp-unicode.h"

enum { BT_CHOICE, BT_UNDO, BT_STAR, BT_STAR_LAZY };

typedef struct {
  uint32_t tag_pc;   /* pc << 2 | tag */
  int32_t a, b;
} Entry;

enum {
  kDefaultStackBytes = 64 << 20,
  kDefaultInterruptInterval = 65536,
  kInitialStackEntries = 256,
  kInlineRegisters = 64,   /* registers of smaller patterns live in the C frame */
};

typedef struct {
  const RegExpCode *code;
  const uint8_t *s8;
  const uint16_t *s16;
  int32_t length;
  int *regs;
  Entry *stack;
  size_t capacity, max_entries;
  uint32_t countdown, interval;
  const RegExpExecLimits *limits;
} Matcher;

/* Doubles the stack (allocating it on the first push), within the limit. */
static bool grow_stack(Matcher *m) {
  size_t cap = m->capacity ? m->capacity * 2 : kInitialStackEntries;
  if (cap > m->max_entries) cap = m->max_entries;
  if (cap <= m->capacity) return false;
  Entry *s = realloc(m->stack, cap * sizeof(Entry));
  if (!s) return false;
  m->stack = s;
  m->capacity = cap;
  return true;
}

/* Counts a step; true when the interrupt callback asks to stop. */
static KILN_NOINLINE bool interrupt_requested(Matcher *m) {
  m->countdown = m->interval;
  return m->limits && m->limits->interrupt && m->limits->interrupt(m->limits->interrupt_data);
}

/* ---- Characters ------------------------------------------------------------------- */

KILN_INLINE uint32_t unit_at(const Matcher *m, bool two_byte, int32_t i) {
  return two_byte ? m->s16[i] : m->s8[i];
}

/* The character at pos (< length), and its width in units. */
KILN_INLINE uint32_t char_at(const Matcher *m, bool two_byte, bool unicode, int32_t pos,
                             int32_t *width) {
  uint32_t c = unit_at(m, two_byte, pos);
  *width = 1;
  if (two_byte && unicode && (c & 0xFC00) == 0xD800 && pos + 1 < m->length) {
    uint32_t t = m->s16[pos + 1];
    if ((t & 0xFC00) == 0xDC00) {
      *width = 2;
      return 0x10000 + ((c - 0xD800) << 10) + (t - 0xDC00);
    }
  }
  return c;
}

/* The width of the character that ends at pos (> 0). */
KILN_INLINE int32_t width_before(const Matcher *m, bool two_byte, bool unicode, int32_t pos) {
  if (two_byte && unicode && pos >= 2 && (m->s16[pos - 1] & 0xFC00) == 0xDC00 &&
      (m->s16[pos - 2] & 0xFC00) == 0xD800) {
    return 2;
  }
  return 1;
}

/* ES2025 22.2.2.9.3? IsWordChar at index i (false outside the subject). */
KILN_INLINE bool word_at(const Matcher *m, bool two_byte, int32_t i, bool unicode_ic) {
  if (i < 0 || i >= m->length) return false;
  return regexp_is_word_char(unit_at(m, two_byte, i), unicode_ic);
}

/* ES2025 22.2.2.7.2 BackreferenceMatcher: does the text of [from, to) occur at *pos
 * (forwards) or end at *pos (backwards)? Moves *pos past it. */
static bool backref_matches(const Matcher *m, bool two_byte, bool unicode, int32_t from,
                            int32_t to, int32_t *pos, bool ignore_case, bool backward) {
  int32_t len = to - from, p = *pos;
  if (!ignore_case) {
    if (backward ? p < len : p > m->length - len) return false;
    int32_t at = backward ? p - len : p;
    for (int32_t i = 0; i < len; i++) {
      if (unit_at(m, two_byte, from + i) != unit_at(m, two_byte, at + i)) return false;
    }
    *pos = backward ? at : p + len;
    return true;
  }
  /* Case-insensitively, character by character (code points under /u). */
  int32_t i = backward ? to : from;
  while (backward ? i > from : i < to) {
    int32_t wa, wb;
    uint32_t a, b;
    if (backward) {
      if (p <= 0) return false;
      wa = width_before(m, two_byte, unicode, i);
      wb = width_before(m, two_byte, unicode, p);
      a = char_at(m, two_byte, unicode, i - wa, &wa);
      b = char_at(m, two_byte, unicode, p - wb, &wb);
      i -= wa;
      p -= wb;
    } else {
      if (p >= m->length) return false;
      a = char_at(m, two_byte, unicode, i, &wa);
      b = char_at(m, two_byte, unicode, p, &wb);
      i += wa;
      p += wb;
    }
    if (a != b && regexp_canonicalize(a, unicode) != regexp_canonicalize(b, unicode)) return false;
  }
  *pos = p;
  return true;
}

/* ---- The matcher -------------------------------------------------------------------- */

#define PUSH(tag, at_pc, va, vb)                                              \
  do {                                                                        \
    if (KILN_UNLIKELY(sp == m->capacity) && !grow_stack(m)) goto out_of_memory; \
    m->stack[sp++] = (Entry){((uint32_t)(at_pc) << 2) | (tag), (va), (vb)};   \
  } while (0)

/* A register write, undo-logged when there is something to backtrack to. */
#define SET_REG(r, v)                                                         \
  do {                                                                        \
    int32_t reg_ = (int32_t)(r);                                              \
    if (sp > 0) PUSH(BT_UNDO, 0, reg_, regs[reg_]);                           \
    regs[reg_] = (v);                                                         \
  } while (0)

#define TICK()                                                                \
  do {                                                                        \
    if (KILN_UNLIKELY(--m->countdown == 0) && interrupt_requested(m)) goto interrupted; \
  } while (0)

/* Runs the program from pc 0 at pos. regs are initialized by the caller. */
KILN_INLINE RegExpResult match(Matcher *m, int32_t pos, bool two_byte, bool unicode) {
  const RegExpCode *code = m->code;
  const uint32_t *pc_base = regexp_code_words(code);
  const RegExpClass *classes = regexp_code_classes(code);
  int *regs = m->regs;
  const int32_t length = m->length;
  size_t sp = 0;
  uint32_t pc = 0;
  int32_t w;
  for (;;) {
    const uint32_t *ins = pc_base + pc;
    switch ((RegExpOpcode)ins[0]) {
      case RE_OP_CHAR:
        if (pos >= length || unit_at(m, two_byte, pos) != ins[1]) goto fail;
        pos++;
        pc += 2;
        break;
      case RE_OP_CHAR2: {
        if (pos >= length) goto fail;
        uint32_t c = unit_at(m, two_byte, pos);
        if (c != ins[1] && c != ins[2]) goto fail;
        pos++;
        pc += 3;
        break;
      }
      case RE_OP_CHAR_CP:
        if (pos >= length || char_at(m, two_byte, unicode, pos, &w) != ins[1]) goto fail;
        pos += w;
        pc += 2;
        break;
      case RE_OP_CLASS: {
        if (pos >= length) goto fail;
        uint32_t c = char_at(m, two_byte, unicode, pos, &w);
        if (!regexp_class_contains(code, &classes[ins[1]], c)) goto fail;
        pos += w;
        pc += 2;
        break;
      }
      case RE_OP_STRING: {
        uint32_t n = ins[2];
        if ((uint32_t)(length - pos) < n) goto fail;
        const uint16_t *str = regexp_code_strings(code) + ins[1];
        for (uint32_t i = 0; i < n; i++) {
          if (unit_at(m, two_byte, pos + (int32_t)i) != str[i]) goto fail;
        }
        pos += (int32_t)n;
        pc += 3;
        break;
      }
      case RE_OP_PREV:
        if (pos == 0) goto fail;
        pos -= width_before(m, two_byte, unicode, pos);
        pc += 1;
        break;
      case RE_OP_ASSERT_START:
        if (pos != 0) goto fail;
        pc += 1;
        break;
      case RE_OP_ASSERT_END:
        if (pos != length) goto fail;
        pc += 1;
        break;
      case RE_OP_ASSERT_LINE_START:
        if (pos != 0 && !regexp_is_line_terminator(unit_at(m, two_byte, pos - 1))) goto fail;
        pc += 1;
        break;
      case RE_OP_ASSERT_LINE_END:
        if (pos != length && !regexp_is_line_terminator(unit_at(m, two_byte, pos))) goto fail;
        pc += 1;
        break;
      case RE_OP_WORD_BOUNDARY: {
        bool uic = (ins[1] & 2) != 0;
        bool boundary = word_at(m, two_byte, pos - 1, uic) != word_at(m, two_byte, pos, uic);
        if (boundary == ((ins[1] & 1) != 0)) goto fail;
        pc += 2;
        break;
      }
      case RE_OP_GOTO:
        TICK();
        pc = ins[1];
        break;
      case RE_OP_SPLIT_NEXT:
        PUSH(BT_CHOICE, ins[1], pos, 0);
        pc += 2;
        break;
      case RE_OP_SPLIT_JUMP:
        PUSH(BT_CHOICE, pc + 2, pos, 0);
        pc = ins[1];
        break;
      case RE_OP_SAVE:
        SET_REG(ins[1], pos);
        pc += 2;
        break;
      case RE_OP_SET:
        SET_REG(ins[1], (int32_t)ins[2]);
        pc += 3;
        break;
      case RE_OP_RESET:
        for (uint32_t r = ins[1]; r < ins[2]; r++) {
          if (regs[r] != -1) SET_REG(r, -1);
        }
        pc += 3;
        break;
      case RE_OP_LOOP:
      case RE_OP_LOOP_LAZY: {
        uint32_t count = (uint32_t)regs[ins[1]];
        if (count < ins[2]) { pc += 5; break; }
        if (count >= ins[3]) { pc = ins[4]; break; }
        if (ins[0] == RE_OP_LOOP) {
          PUSH(BT_CHOICE, ins[4], pos, 0);
          pc += 5;
        } else {
          PUSH(BT_CHOICE, pc + 5, pos, 0);
          pc = ins[4];
        }
        break;
      }
      case RE_OP_LOOP_END: {
        int32_t count = regs[ins[1]];
        if ((int32_t)ins[2] >= 0 && (uint32_t)count >= ins[3] && pos == regs[ins[2]]) goto fail;
        SET_REG(ins[1], count + 1);
        TICK();
        pc = ins[4];
        break;
      }
      case RE_OP_CHECK_PROGRESS:
        if (pos == regs[ins[1]]) goto fail;
        pc += 2;
        break;
      case RE_OP_BACKREF: {
        uint32_t n = ins[2];
        int32_t from = -1, to = -1;
        for (uint32_t i = 0; i < n; i++) {
          uint32_t g = ins[3 + i];
          if (regs[2 * g] >= 0 && regs[2 * g + 1] >= 0) {
            from = regs[2 * g];
            to = regs[2 * g + 1];
            break;
          }
        }
        if (from >= 0 && !backref_matches(m, two_byte, unicode, from, to, &pos,
                                          (ins[1] & 1) != 0, (ins[1] & 2) != 0)) {
          goto fail;
        }
        pc += 3 + n;
        break;
      }
      case RE_OP_LOOK:
        regs[ins[1]] = (int32_t)sp;
        regs[ins[1] + 1] = pos;
        pc += 3;
        break;
      case RE_OP_NEG_LOOK:
        regs[ins[1]] = (int32_t)sp;
        regs[ins[1] + 1] = pos;
        PUSH(BT_CHOICE, ins[2], pos, 0);
        pc += 3;
        break;
      case RE_OP_LOOK_END: {
        /* Atomic: the body's choice points go; its register undo records stay. */
        size_t base = (size_t)regs[ins[1]], j = base;
        for (size_t i = base; i < sp; i++) {
          if ((m->stack[i].tag_pc & 3) == BT_UNDO) m->stack[j++] = m->stack[i];
        }
        sp = j;
        pos = regs[ins[1] + 1];
        pc += 2;
        break;
      }
      case RE_OP_NEG_LOOK_END: {
        size_t base = (size_t)regs[ins[1]];
        while (sp > base) {
          Entry e = m->stack[--sp];
          if ((e.tag_pc & 3) == BT_UNDO) regs[e.a] = e.b;
        }
        goto fail;
      }
      case RE_OP_STAR: {
        const RegExpClass *k = &classes[ins[1]];
        uint32_t min = ins[2], max = ins[3], count = 0;
        int32_t p = pos;
        if (!two_byte || !unicode) {
          uint32_t avail = (uint32_t)(length - p);
          if (avail > max) avail = max;
          while (count < avail && regexp_class_contains(code, k, unit_at(m, two_byte, p))) {
            p++;
            count++;
          }
        } else {
          while (count < max && p < length &&
                 regexp_class_contains(code, k, char_at(m, two_byte, unicode, p, &w))) {
            p += w;
            count++;
          }
        }
        if (count < min) goto fail;
        if (count > min) PUSH(BT_STAR, pc, p, (int32_t)(count - min));
        pos = p;
        pc += 4;
        break;
      }
      case RE_OP_STAR_LAZY: {
        const RegExpClass *k = &classes[ins[1]];
        uint32_t count = 0;
        while (count < ins[2]) {
          if (pos >= length ||
              !regexp_class_contains(code, k, char_at(m, two_byte, unicode, pos, &w))) {
            goto fail;
          }
          pos += w;
          count++;
        }
        if (count < ins[3]) PUSH(BT_STAR_LAZY, pc, pos, (int32_t)count);
        pc += 4;
        break;
      }
      case RE_OP_MATCH:
        regs[1] = pos;
        return RE_MATCH;
      case RE_OP_FAIL:
        goto fail;
      default:
        UNREACHABLE();
    }
    continue;
  fail:
    for (;;) {
      if (sp == 0) return RE_NO_MATCH;
      Entry *e = &m->stack[sp - 1];
      uint32_t tag = e->tag_pc & 3;
      if (tag == BT_UNDO) {
        regs[e->a] = e->b;
        sp--;
        continue;
      }
      TICK();
      uint32_t at = e->tag_pc >> 2;
      if (tag == BT_CHOICE) {
        pc = at;
        pos = e->a;
        sp--;
        break;
      }
      if (tag == BT_STAR) {
        /* Give back one character. */
        pos = e->a - width_before(m, two_byte, unicode, e->a);
        if (--e->b == 0) sp--; else e->a = pos;
        pc = at + 4;
        break;
      }
      /* BT_STAR_LAZY: take one more character. */
      const uint32_t *ins = pc_base + at;
      pos = e->a;
      sp--;
      if (pos >= length ||
          !regexp_class_contains(code, &classes[ins[1]],
                                 char_at(m, two_byte, unicode, pos, &w))) {
        continue;
      }
      pos += w;
      uint32_t count = (uint32_t)e->b + 1;
      if (count < ins[3]) { e->a = pos; e->b = (int32_t)count; sp++; }
      pc = at + 4;
      break;
    }
  }
out_of_memory:
  return RE_ERROR_MEMORY;
interrupted:
  return RE_ERROR_INTERRUPTED;
}

/* ---- The search loop --------------------------------------------------------------- */

/* The position after the character at pos (AdvanceStringIndex). */
KILN_INLINE int32_t advance(const Matcher *m, int32_t pos, bool two_byte, bool unicode) {
  if (two_byte && unicode && pos + 1 < m->length && (m->s16[pos] & 0xFC00) == 0xD800 &&
      (m->s16[pos + 1] & 0xFC00) == 0xDC00) {
    return pos + 2;
  }
  return pos + 1;
}

/* The next position >= pos where a match can begin, by the code's hints; length + 1 if
 * none. */
KILN_INLINE int32_t next_candidate(const Matcher *m, int32_t pos, bool two_byte, bool unicode) {
  const RegExpCode *code = m->code;
  int32_t length = m->length;
  if (code->prefix_length > 0) {
    uint32_t n = code->prefix_length;
    const uint16_t *prefix = regexp_code_prefix(code);
    uint16_t first = prefix[0];
    if (!two_byte) {
      uint8_t pat[64];
      if (n > sizeof pat) n = sizeof pat;
      for (uint32_t i = 0; i < n; i++) {
        if (prefix[i] > 0xFF) return length + 1;
        pat[i] = (uint8_t)prefix[i];
      }
      const uint8_t *hit = memmem(m->s8 + pos, (size_t)(length - pos), pat, n);
      return hit ? (int32_t)(hit - m->s8) : length + 1;
    }
    for (int32_t i = pos; i + (int32_t)n <= length; i++) {
      if (m->s16[i] == first && memcmp(m->s16 + i, prefix, n * sizeof(uint16_t)) == 0) {
        return i;
      }
    }
    return length + 1;
  }
  if (!code->has_first_set) return pos;
  while (pos < length) {
    uint32_t c = unit_at(m, two_byte, pos);
    if (c < 256 ? (code->first_bitmap[c >> 5] >> (c & 31)) & 1 : code->first_above_latin1) {
      return pos;
    }
    pos = advance(m, pos, two_byte, unicode);
  }
  return length + 1;
}

/* The search loop of regexp_exec: tries pos, then (unless sticky) each later candidate
 * position, until a match. Written once and instantiated per subject kind below, so the
 * matcher is inlined into it (no call per candidate position). */
KILN_INLINE RegExpResult search(Matcher *m, int32_t pos, bool sticky, bool two_byte,
                                bool unicode) {
  const RegExpCode *code = m->code;
  RegExpResult result = RE_NO_MATCH;
  for (;;) {
    if (code->anchored && pos != 0) break;
    if (!sticky) {
      pos = next_candidate(m, pos, two_byte, unicode);
      if (pos > m->length) break;
    }
    for (int i = 0; i < code->register_count; i++) m->regs[i] = -1;
    m->regs[0] = pos;
    result = match(m, pos, two_byte, unicode);
    if (result != RE_NO_MATCH || sticky || pos >= m->length) break;
    pos = advance(m, pos, two_byte, unicode);
  }
  return result;
}

static KILN_NOINLINE RegExpResult search_latin1(Matcher *m, int32_t pos, bool sticky) {
  return search(m, pos, sticky, false, false);
}
static KILN_NOINLINE RegExpResult search_utf16(Matcher *m, int32_t pos, bool sticky) {
  return search(m, pos, sticky, true, false);
}
static KILN_NOINLINE RegExpResult search_utf16_unicode(Matcher *m, int32_t pos, bool sticky) {
  return search(m, pos, sticky, true, true);
}

RegExpResult regexp_interpreter_exec(const RegExpCode *code, const void *subject,
                                     size_t length, bool two_byte, size_t start,
                                     int *captures, const RegExpExecLimits *limits) {
  if (length > INT32_MAX || start > length) return RE_NO_MATCH;
  bool unicode = (code->flags & (RE_FLAG_U | RE_FLAG_V)) != 0;
  bool sticky = (code->flags & RE_FLAG_Y) != 0;
  Matcher m = {.code = code, .length = (int32_t)length, .limits = limits};
  m.s8 = subject;
  m.s16 = subject;
  size_t max_bytes = limits && limits->max_stack_bytes ? limits->max_stack_bytes
                                                       : kDefaultStackBytes;
  m.max_entries = max_bytes / sizeof(Entry);
  if (m.max_entries < 16) m.max_entries = 16;
  m.interval = limits && limits->interrupt_interval ? limits->interrupt_interval
                                                    : kDefaultInterruptInterval;
  m.countdown = m.interval;
  /* The backtrack stack is malloc'd on the first push: many matches never push. */
  m.capacity = 0;
  m.stack = NULL;
  int inline_regs[kInlineRegisters];
  m.regs = code->register_count <= kInlineRegisters
               ? inline_regs : malloc((size_t)code->register_count * sizeof(int));
  if (!m.regs) return RE_ERROR_MEMORY;
  int32_t pos = (int32_t)start;
  /* Under /u a start inside a surrogate pair begins at the pair. */
  if (unicode && two_byte && pos > 0 && pos < m.length && (m.s16[pos] & 0xFC00) == 0xDC00 &&
      (m.s16[pos - 1] & 0xFC00) == 0xD800) {
    pos--;
  }
  RegExpResult result = !two_byte ? search_latin1(&m, pos, sticky)
                        : unicode ? search_utf16_unicode(&m, pos, sticky)
                                  : search_utf16(&m, pos, sticky);
  if (result == RE_MATCH) {
    for (int i = 0; i < code->capture_count; i++) {
      bool set = m.regs[2 * i] >= 0 && m.regs[2 * i + 1] >= 0;
      captures[2 * i] = set ? m.regs[2 * i] : -1;
      captures[2 * i + 1] = set ? m.regs[2 * i + 1] : -1;
    }
  }
  free(m.stack);
  if (m.regs != inline_regs) free(m.regs);
  return result;
}
