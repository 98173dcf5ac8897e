/*
 * string.h: JavaScript strings and symbols (objects/string.c; internalization in
 * objects/string-table.c; hashes in objects/string-hash.c).
 *
 * A string is a sequence of UTF-16 code units, in one of three shapes (objects.h declares
 * the layouts):
 *
 *   SeqString, one-byte:  | map | length | raw_hash | Latin-1 bytes ...     | pad to 8 |
 *   SeqString, two-byte:  | map | length | raw_hash | UTF-16 code units ... | pad to 8 |
 *   ConsString (a rope):  | map | length | raw_hash | first | second |
 *
 * Invariants:
 *  - A one-byte string holds only code units <= 0xFF. A two-byte string may hold any,
 *    including only Latin-1 ones: width is representation, not meaning. Equality, order
 *    and hashes are over code units, so "abc" one-byte and "abc" two-byte are equal.
 *  - A cons string is one-byte iff both halves are. Its length is >= kMinConsLength and
 *    both halves are non-empty, until it is flattened: then first is the flat SeqString
 *    and second is the empty string (V8's trick), so flattening it again is free.
 *  - Internalized strings (the INTERNALIZED_* types) are sequential, have their hash
 *    computed, and are unique by content in the isolate's string table: two internalized
 *    strings are equal iff they are the same object.
 *  - length <= kMaxStringLength. raw_hash is 0 until computed (string-hash.h).
 *
 * "Flat" below means sequential, or a flattened cons (whose first is then used).
 *
 * GC: functions marked "May GC" allocate, so they take and return Handles; an empty
 * result means an exception is pending (RangeError "Invalid string length", or out of
 * memory). The others take raw Tagged values and never allocate on the JS heap; those that
 * walk ropes use a malloc'd stack, never recursion, so rope depth cannot overflow the C
 * stack.
 */
#ifndef KILN_OBJECTS_STRING_H_
#define KILN_OBJECTS_STRING_H_

#include "execution/isolate.h"
#include "objects/string-hash.h"

enum {
  kMinConsLength = 13,                  /* shorter concatenations are copied flat */
  kMaxStringLength = (1 << 29) - 24,    /* as V8 on 64-bit targets */
};

/* ---- Shape queries (never allocate) --------------------------------------------------- */

KILN_INLINE int64_t string_length(Tagged s) {
  DCHECK(is_string(s));
  return seq_string_length(s);
}
KILN_INLINE bool string_is_one_byte(Tagged s) {
  DCHECK(is_string(s));
  InstanceType t = heap_object_type(s);
  return t == SEQ_ONE_BYTE_STRING_TYPE || t == INTERNALIZED_ONE_BYTE_STRING_TYPE ||
         t == CONS_ONE_BYTE_STRING_TYPE;
}
KILN_INLINE bool string_is_internalized(Tagged s) {
  DCHECK(is_string(s));
  InstanceType t = heap_object_type(s);
  return t == INTERNALIZED_ONE_BYTE_STRING_TYPE || t == INTERNALIZED_TWO_BYTE_STRING_TYPE;
}
KILN_INLINE bool string_is_cons(Tagged s) {
  DCHECK(is_string(s));
  InstanceType t = heap_object_type(s);
  return t == CONS_ONE_BYTE_STRING_TYPE || t == CONS_TWO_BYTE_STRING_TYPE;
}
KILN_INLINE bool string_is_sequential(Tagged s) { return !string_is_cons(s); }

/* The SeqString that holds s's characters if s is flat, else 0. */
KILN_INLINE Tagged string_as_sequential(Tagged s) {
  if (!string_is_cons(s)) return s;
  return seq_string_length(cons_string_second(s)) == 0 ? cons_string_first(s) : 0;
}
KILN_INLINE bool string_is_flat(Tagged s) { return string_as_sequential(s) != 0; }

/* The characters of a SeqString (valid until the next allocation). */
KILN_INLINE uint8_t *seq_one_byte_chars(Tagged s) {
  DCHECK(string_is_sequential(s) && string_is_one_byte(s));
  return (uint8_t *)field_slot(s, SeqString_kHeaderSize);
}
KILN_INLINE uint16_t *seq_two_byte_chars(Tagged s) {
  DCHECK(string_is_sequential(s) && !string_is_one_byte(s));
  return (uint16_t *)field_slot(s, SeqString_kHeaderSize);
}

/* The code unit at index i of a flat string. */
KILN_INLINE uint16_t string_get(Tagged flat, int64_t i) {
  Tagged s = string_as_sequential(flat);
  DCHECK(s != 0 && i >= 0 && i < seq_string_length(s));
  return string_is_one_byte(s) ? seq_one_byte_chars(s)[i] : seq_two_byte_chars(s)[i];
}

/* ---- Creation (May GC) ---------------------------------------------------------------- */

/* Strings with a copy of the given characters. string_new_one_byte's are Latin-1;
 * string_new_two_byte always makes a two-byte string (it does not narrow). A length of 0
 * gives the empty string. */
Handle string_new_one_byte(Isolate *iso, const uint8_t *chars, size_t length);
Handle string_new_two_byte(Isolate *iso, const uint16_t *chars, size_t length);

/* Decodes UTF-8, or WTF-8 with lone surrogates (base/utf8.h: invalid bytes become U+FFFD,
 * maximal subpart by maximal subpart). One-byte if every code point is <= 0xFF. */
Handle string_new_utf8(Isolate *iso, const char *utf8, size_t length);

/* A sequential string whose characters are uninitialised, for builders: fill them through
 * seq_*_chars before anything else sees the string (and before internalizing it).
 * A length of 0 gives the empty string. */
Handle string_allocate_one_byte(Isolate *iso, int64_t length);
Handle string_allocate_two_byte(Isolate *iso, int64_t length);
/* The same, in the given space, never substituting the empty string. */
Handle string_allocate_seq(Isolate *iso, int64_t length, bool one_byte, AllocationType type);

/* String concatenation (ES2025 13.15.3 ApplyStringOrNumericBinaryOperator, the string
 * case): a cons string if the result has kMinConsLength or more characters, else a flat
 * copy. RangeError if the result would exceed kMaxStringLength. Returns a or b itself
 * when the other is empty. */
Handle string_concat(Isolate *iso, Handle a, Handle b);

/* A flat sequential string with s's characters: s itself if sequential. A cons is copied
 * (iteratively) once, then rewritten in place to point at the copy. */
Handle string_flatten(Isolate *iso, Handle s);

/* A flat copy of s[start, end) (both clamped to [0, length]); s flattened first. */
Handle string_substring(Isolate *iso, Handle s, int64_t start, int64_t end);

/* ---- Content (never allocate; work on ropes) ------------------------------------------ */

/* Content equality. Two internalized strings compare by identity. */
bool string_equals(Tagged a, Tagged b);
/* Code-unit order (what the < operator on strings uses): < 0, 0 or > 0. */
int string_compare(Tagged a, Tagged b);
/* true if s has exactly the characters of the NUL-terminated ASCII string. */
bool string_equals_ascii(Tagged s, const char *ascii);

/* s as a malloc'd, NUL-terminated WTF-8 buffer (surrogate pairs as 4-byte UTF-8, lone
 * surrogates as 3 bytes); *length gets its length without the NUL. The caller frees it.
 * NULL if malloc fails. Never allocates on the JS heap. */
char *string_to_utf8(Isolate *iso, Tagged s, size_t *length);

/* ---- Walking characters (never allocate; no GC may run while one is in use) ----------- */

/* A run of characters: Latin-1 bytes or UTF-16 code units. */
typedef struct {
  const uint8_t *one_byte;   /* exactly one of these is set (both NULL when empty) */
  const uint16_t *two_byte;
  int64_t length;
} StringView;

KILN_INLINE uint16_t string_view_get(StringView v, int64_t i) {
  return v.one_byte ? v.one_byte[i] : v.two_byte[i];
}
/* The view of a flat string's characters. */
StringView string_view_of(Tagged flat);
bool string_view_equals(StringView a, StringView b);

/* The flat pieces of a string, in order: an explicit stack of pending right halves. */
typedef struct {
  Tagged *stack;
  size_t count, capacity;
  Tagged inline_stack[16];
} StringIterator;

void string_iterator_init(StringIterator *it, Tagged s);
/* The next non-empty piece; false at the end. */
bool string_iterator_next(StringIterator *it, StringView *piece);
void string_iterator_dispose(StringIterator *it);

/* ---- Internalization (objects/string-table.c) ----------------------------------------- */

/* The internalized string with s's content: s itself if internalized; else an existing
 * one from the table, or s's flat form turned internalized in place (its map changes)
 * and added. May GC (flattening). */
Handle string_internalize(Isolate *iso, Handle s);
/* The internalized string with the content of the UTF-8/WTF-8 text; a new one is made in
 * old space. May GC. Used by the bootstrap for the root strings. */
Handle string_internalize_utf8(Isolate *iso, const char *utf8, size_t length);

/* ---- Symbols -------------------------------------------------------------------------- */

/* Symbol.flags bits. */
typedef enum {
  SYMBOL_IS_PRIVATE = 1 << 0,      /* a private name (#x): never reflected */
  SYMBOL_IS_WELL_KNOWN = 1 << 1,   /* Symbol.iterator and friends */
} SymbolFlag;

/* ES2025 20.4.1.1 Symbol ( [ description ] ): a new symbol with the given description
 * (undefined or a string) and a random hash. May GC. */
Handle symbol_new(Isolate *iso, Handle description, bool is_private);
KILN_INLINE bool symbol_has_flag(Tagged sym, SymbolFlag flag) {
  DCHECK(is_symbol(sym));
  return (symbol_flags(sym) & flag) != 0;
}

#endif /* KILN_OBJECTS_STRING_H_ */
