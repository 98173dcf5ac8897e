/*
 * string.c: creating, concatenating, flattening, comparing and encoding strings, and
 * making symbols. See string.h for the shapes and their invariants.
 *
 * Ropes are walked with explicit, malloc'd stacks, never by recursion: a rope built by a
 * loop of appends is as deep as it is long.
 */
#include "objects/string.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "heap/factory.h"

static bool string_check_length(Isolate *iso, int64_t length) {
  if (length >= 0 && length <= kMaxStringLength) return true;
  isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid string length");
  return false;
}

static Handle string_empty(Isolate *iso) { return handle_new(iso, ROOT(iso, empty_string)); }

/* ---- Allocation ---------------------------------------------------------------------- */

Handle string_allocate_seq(Isolate *iso, int64_t length, bool one_byte, AllocationType type) {
  if (!string_check_length(iso, length)) return HANDLE_NULL;
  size_t size = round_up(SeqString_kHeaderSize + (size_t)length * (one_byte ? 1 : 2),
                         kObjectAlignment);
  Tagged map = one_byte ? ROOT(iso, one_byte_string_map) : ROOT(iso, two_byte_string_map);
  Handle h = factory_new_raw(iso, size, map, type);
  if (handle_is_null(h)) return h;
  Tagged s = H(h);
  field_write_no_barrier(s, size - kTaggedSize, 0); /* clear the padding first */
  seq_string_set_length(s, length);
  seq_string_set_raw_hash(s, 0);
  return h;
}

Handle string_allocate_one_byte(Isolate *iso, int64_t length) {
  if (length == 0) return string_empty(iso);
  return string_allocate_seq(iso, length, true, ALLOCATE_YOUNG);
}

Handle string_allocate_two_byte(Isolate *iso, int64_t length) {
  if (length == 0) return string_empty(iso);
  return string_allocate_seq(iso, length, false, ALLOCATE_YOUNG);
}

Handle string_new_one_byte(Isolate *iso, const uint8_t *chars, size_t length) {
  if (length > (size_t)kMaxStringLength) length = (size_t)kMaxStringLength + 1;
  Handle h = string_allocate_one_byte(iso, (int64_t)length);
  if (!handle_is_null(h) && length > 0) memcpy(seq_one_byte_chars(H(h)), chars, length);
  return h;
}

Handle string_new_two_byte(Isolate *iso, const uint16_t *chars, size_t length) {
  if (length > (size_t)kMaxStringLength) length = (size_t)kMaxStringLength + 1;
  Handle h = string_allocate_two_byte(iso, (int64_t)length);
  if (!handle_is_null(h) && length > 0) {
    memcpy(seq_two_byte_chars(H(h)), chars, length * sizeof(uint16_t));
  }
  return h;
}

Handle string_new_utf8(Isolate *iso, const char *utf8, size_t length) {
  const uint8_t *bytes = (const uint8_t *)utf8;
  uint32_t max_unit;
  size_t units = utf8_measure(bytes, length, &max_unit);
  if (units > (size_t)kMaxStringLength) units = (size_t)kMaxStringLength + 1;
  bool one_byte = max_unit <= 0xFF;
  Handle h = one_byte ? string_allocate_one_byte(iso, (int64_t)units)
                      : string_allocate_two_byte(iso, (int64_t)units);
  if (handle_is_null(h) || units == 0) return h;
  if (one_byte) {
    utf8_decode_to_one_byte(bytes, length, seq_one_byte_chars(H(h)));
  } else {
    utf8_decode_to_two_byte(bytes, length, seq_two_byte_chars(H(h)));
  }
  return h;
}

/* ---- Views and the in-order iterator --------------------------------------------------- */

StringView string_view_of(Tagged flat) {
  Tagged s = string_as_sequential(flat);
  DCHECK(s != 0);
  StringView v = {NULL, NULL, seq_string_length(s)};
  if (v.length == 0) return v;
  if (string_is_one_byte(s)) v.one_byte = seq_one_byte_chars(s);
  else v.two_byte = seq_two_byte_chars(s);
  return v;
}

bool string_view_equals(StringView a, StringView b) {
  if (a.length != b.length) return false;
  if (a.length == 0) return true;
  if (a.one_byte && b.one_byte) return memcmp(a.one_byte, b.one_byte, (size_t)a.length) == 0;
  if (a.two_byte && b.two_byte) {
    return memcmp(a.two_byte, b.two_byte, (size_t)a.length * sizeof(uint16_t)) == 0;
  }
  for (int64_t i = 0; i < a.length; i++) {
    if (string_view_get(a, i) != string_view_get(b, i)) return false;
  }
  return true;
}

static void string_iterator_push(StringIterator *it, Tagged s) {
  if (it->count == it->capacity) {
    size_t capacity = it->capacity * 2;
    Tagged *grown = it->stack == it->inline_stack ? malloc(capacity * sizeof(Tagged))
                                                   : realloc(it->stack, capacity * sizeof(Tagged));
    if (grown == NULL) FATAL("out of memory walking a rope");
    if (it->stack == it->inline_stack) memcpy(grown, it->inline_stack, sizeof it->inline_stack);
    it->stack = grown;
    it->capacity = capacity;
  }
  it->stack[it->count++] = s;
}

void string_iterator_init(StringIterator *it, Tagged s) {
  it->stack = it->inline_stack;
  it->capacity = KILN_ARRAY_SIZE(it->inline_stack);
  it->count = 0;
  string_iterator_push(it, s);
}

/* Goes down the left spine of the next pending piece, stacking the right halves. */
bool string_iterator_next(StringIterator *it, StringView *piece) {
  while (it->count > 0) {
    Tagged s = it->stack[--it->count];
    while (string_as_sequential(s) == 0) {
      string_iterator_push(it, cons_string_second(s));
      s = cons_string_first(s);
    }
    *piece = string_view_of(s);
    if (piece->length > 0) return true;
  }
  return false;
}

void string_iterator_dispose(StringIterator *it) {
  if (it->stack != it->inline_stack) free(it->stack);
  it->stack = it->inline_stack;
  it->count = 0;
}

/* Code units one at a time, across a rope's pieces. */
typedef struct {
  StringIterator it;
  StringView piece;
  int64_t pos;
} UnitReader;

static void unit_reader_init(UnitReader *r, Tagged s) {
  string_iterator_init(&r->it, s);
  r->piece = (StringView){NULL, NULL, 0};
  r->pos = 0;
}

static bool unit_reader_next(UnitReader *r, uint16_t *unit) {
  while (r->pos == r->piece.length) {
    if (!string_iterator_next(&r->it, &r->piece)) return false;
    r->pos = 0;
  }
  *unit = string_view_get(r->piece, r->pos++);
  return true;
}

/* ---- Writing a rope's characters into a flat buffer ----------------------------------- */

static void string_copy_seq(Tagged seq, void *dest, int64_t at, bool dest_one_byte) {
  StringView v = string_view_of(seq);
  if (dest_one_byte) {
    uint8_t *d = (uint8_t *)dest + at;
    if (v.one_byte) {
      memcpy(d, v.one_byte, (size_t)v.length);
      return;
    }
    for (int64_t i = 0; i < v.length; i++) {
      DCHECK(v.two_byte[i] <= 0xFF);
      d[i] = (uint8_t)v.two_byte[i];
    }
    return;
  }
  uint16_t *d = (uint16_t *)dest + at;
  if (v.two_byte) {
    memcpy(d, v.two_byte, (size_t)v.length * sizeof(uint16_t));
    return;
  }
  for (int64_t i = 0; i < v.length; i++) d[i] = v.one_byte[i];
}

typedef struct {
  Tagged node;
  int64_t at;  /* where its first character goes */
} WritePending;

typedef struct {
  WritePending *items;
  size_t count, capacity;
} WriteStack;

static void write_stack_push(WriteStack *w, Tagged node, int64_t at) {
  if (w->count == w->capacity) {
    w->capacity = w->capacity ? w->capacity * 2 : 64;
    w->items = realloc(w->items, w->capacity * sizeof(WritePending));
    if (w->items == NULL) FATAL("out of memory flattening a rope");
  }
  w->items[w->count++] = (WritePending){node, at};
}

/* Writes s's characters to dest[at...]. At each cons, a flat half is copied at once and
 * the walk continues into the other, so left-deep and right-deep ropes (built by appends
 * or prepends) need no stack at all; only a cons with two non-flat halves stacks one. */
static void string_write_node(WriteStack *w, Tagged s, int64_t at, void *dest, bool one_byte) {
  for (;;) {
    Tagged flat = string_as_sequential(s);
    if (flat != 0) {
      string_copy_seq(flat, dest, at, one_byte);
      return;
    }
    Tagged first = cons_string_first(s), second = cons_string_second(s);
    int64_t second_at = at + string_length(first);
    if (string_is_flat(second)) {
      string_copy_seq(string_as_sequential(second), dest, second_at, one_byte);
      s = first;
    } else if (string_is_flat(first)) {
      string_copy_seq(string_as_sequential(first), dest, at, one_byte);
      s = second, at = second_at;
    } else {
      write_stack_push(w, second, second_at);
      s = first;
    }
  }
}

static void string_write(Tagged s, void *dest, bool dest_one_byte) {
  WriteStack w = {NULL, 0, 0};
  string_write_node(&w, s, 0, dest, dest_one_byte);
  while (w.count > 0) {
    WritePending p = w.items[--w.count];
    string_write_node(&w, p.node, p.at, dest, dest_one_byte);
  }
  free(w.items);
}

KILN_INLINE void *seq_chars(Tagged s) { return field_slot(s, SeqString_kHeaderSize); }

/* ---- Concatenation, flattening, substrings -------------------------------------------- */

static Handle string_concat_flat(Isolate *iso, Handle a, Handle b, bool one_byte) {
  int64_t la = string_length(H(a)), lb = string_length(H(b));
  Handle h = string_allocate_seq(iso, la + lb, one_byte, ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  Tagged result = H(h);
  uint8_t *dest = seq_chars(result);
  string_write(H(a), dest, one_byte);
  string_write(H(b), dest + (size_t)la * (one_byte ? 1 : 2), one_byte);
  return h;
}

Handle string_concat(Isolate *iso, Handle a, Handle b) {
  int64_t la = string_length(H(a)), lb = string_length(H(b));
  if (la == 0) return b;
  if (lb == 0) return a;
  if (!string_check_length(iso, la + lb)) return HANDLE_NULL;
  bool one_byte = string_is_one_byte(H(a)) && string_is_one_byte(H(b));
  if (la + lb < kMinConsLength) return string_concat_flat(iso, a, b, one_byte);
  Tagged map = one_byte ? ROOT(iso, cons_one_byte_string_map) : ROOT(iso, cons_two_byte_string_map);
  Handle h = factory_new_raw(iso, ConsString_kHeaderSize, map, ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  Tagged cons = H(h);
  cons_string_set_length(cons, la + lb);
  cons_string_set_raw_hash(cons, 0);
  cons_string_set_first(cons, H(a));
  cons_string_set_second(cons, H(b));
  return h;
}

Handle string_flatten(Isolate *iso, Handle s) {
  Tagged flat = string_as_sequential(H(s));
  if (flat == H(s)) return s;
  if (flat != 0) return handle_new(iso, flat);
  bool one_byte = string_is_one_byte(H(s));
  Handle h = string_allocate_seq(iso, string_length(H(s)), one_byte, ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  Tagged cons = H(s), result = H(h);
  string_write(cons, seq_chars(result), one_byte);
  seq_string_set_raw_hash(result, cons_string_raw_hash(cons));
  /* V8's trick: the cons now reads as its flat copy, and flattening it again is free. */
  cons_string_set_first(cons, result);
  cons_string_set_second(cons, ROOT(iso, empty_string));
  return h;
}

Handle string_substring(Isolate *iso, Handle s, int64_t start, int64_t end) {
  int64_t length = string_length(H(s));
  start = start < 0 ? 0 : start > length ? length : start;
  end = end < start ? start : end > length ? length : end;
  if (start == end) return string_empty(iso);
  Handle flat = string_flatten(iso, s);
  if (handle_is_null(flat) || (start == 0 && end == length)) return flat;
  bool one_byte = string_is_one_byte(H(flat));
  Handle h = string_allocate_seq(iso, end - start, one_byte, ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  size_t width = one_byte ? 1 : 2;
  memcpy(seq_chars(H(h)), (uint8_t *)seq_chars(H(flat)) + (size_t)start * width,
         (size_t)(end - start) * width);
  return h;
}

/* ---- Comparison ---------------------------------------------------------------------- */

static int string_view_compare(StringView a, StringView b) {
  int64_t n = a.length < b.length ? a.length : b.length;
  for (int64_t i = 0; i < n; i++) {
    uint16_t x = string_view_get(a, i), y = string_view_get(b, i);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/* Code-unit order across two ropes. */
static int string_compare_slow(Tagged a, Tagged b) {
  UnitReader ra, rb;
  unit_reader_init(&ra, a);
  unit_reader_init(&rb, b);
  int result = 0;
  for (;;) {
    uint16_t x, y;
    bool more_a = unit_reader_next(&ra, &x), more_b = unit_reader_next(&rb, &y);
    if (!more_a || !more_b) {
      result = more_a ? 1 : more_b ? -1 : 0;
      break;
    }
    if (x != y) {
      result = x < y ? -1 : 1;
      break;
    }
  }
  string_iterator_dispose(&ra.it);
  string_iterator_dispose(&rb.it);
  return result;
}

int string_compare(Tagged a, Tagged b) {
  if (a == b) return 0;
  if (string_is_flat(a) && string_is_flat(b)) {
    return string_view_compare(string_view_of(a), string_view_of(b));
  }
  return string_compare_slow(a, b);
}

bool string_equals(Tagged a, Tagged b) {
  if (a == b) return true;
  if (string_is_internalized(a) && string_is_internalized(b)) return false;
  if (string_length(a) != string_length(b)) return false;
  uint64_t ha = seq_string_raw_hash(a), hb = seq_string_raw_hash(b);
  if (ha != 0 && hb != 0 && ha != hb) return false;
  if (string_is_flat(a) && string_is_flat(b)) {
    return string_view_equals(string_view_of(a), string_view_of(b));
  }
  return string_compare_slow(a, b) == 0;
}

bool string_equals_ascii(Tagged s, const char *ascii) {
  size_t n = strlen(ascii);
  if ((size_t)string_length(s) != n) return false;
  if (string_is_flat(s)) {
    StringView v = string_view_of(s);
    if (v.one_byte) return memcmp(v.one_byte, ascii, n) == 0;
  }
  UnitReader r;
  unit_reader_init(&r, s);
  bool equal = true;
  uint16_t unit;
  for (size_t i = 0; equal && unit_reader_next(&r, &unit); i++) {
    equal = unit == (uint8_t)ascii[i];
  }
  string_iterator_dispose(&r.it);
  return equal;
}

/* ---- WTF-8 output -------------------------------------------------------------------- */

static void string_encode_wtf8(Tagged s, Wtf8Encoder *e) {
  StringIterator it;
  StringView piece;
  string_iterator_init(&it, s);
  while (string_iterator_next(&it, &piece)) {
    for (int64_t i = 0; i < piece.length; i++) wtf8_encoder_put(e, string_view_get(piece, i));
  }
  string_iterator_dispose(&it);
  wtf8_encoder_finish(e);
}

char *string_to_utf8(Isolate *iso, Tagged s, size_t *length) {
  Wtf8Encoder e;
  wtf8_encoder_init(&e, NULL);
  string_encode_wtf8(s, &e);
  char *buffer = malloc(e.length + 1);
  if (buffer == NULL) return NULL;
  wtf8_encoder_init(&e, buffer);
  string_encode_wtf8(s, &e);
  buffer[e.length] = '\0';
  if (length) *length = e.length;
  return buffer;
}

/* ---- Symbols ------------------------------------------------------------------------- */

Handle symbol_new(Isolate *iso, Handle description, bool is_private) {
  DCHECK(is_undefined(iso, H(description)) || is_string(H(description)));
  Handle h = factory_new_raw(iso, Symbol_kHeaderSize, ROOT(iso, symbol_map), ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  Tagged sym = H(h);
  symbol_set_flags(sym, is_private ? SYMBOL_IS_PRIVATE : 0);
  symbol_set_raw_hash(sym, name_hash_next_symbol_hash(iso));
  symbol_set_description(sym, H(description));
  return h;
}
