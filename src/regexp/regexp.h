/*
 * regexp.h: Kiln's regular-expression engine, the public face of src/regexp/.
 *
 * Pure C over character buffers: no JS heap, no isolate, so the RegExp objects of the
 * builtins wrap it (they cache compiled code per source and flags, implement lastIndex,
 * species, Symbol.replace...). The pipeline:
 *
 *   pattern (UTF-16 or Latin-1) --regexp-parser--> AST --regexp-compiler--> bytecode
 *   bytecode + subject --regexp-interpreter--> captures
 *
 * Semantics are ES2025 22.2 (RegExp objects) and Annex B.1.2 (legacy syntax without /u
 * or /v). The matcher backtracks on an explicit stack in malloc'd memory (never C
 * recursion), bounded by the caller's byte limit, and calls the caller's interrupt
 * callback every few thousand steps.
 *
 * Positions and lengths are code unit indices; a subject is at most INT32_MAX units.
 * Under /u and /v the matcher reads code points (a surrogate pair is one character; a
 * lone surrogate is a character of its own and never matches half of a pair).
 */
#ifndef KILN_REGEXP_REGEXP_H_
#define KILN_REGEXP_REGEXP_H_

#include <stdio.h>

#include "base/globals.h"

/* The flags, one bit each (ES2025 22.2.6.4 get RegExp.prototype.flags lists them in the
 * order d g i m s u v y). */
typedef enum {
  RE_FLAG_D = 1,      /* hasIndices: the caller builds .indices */
  RE_FLAG_G = 2,      /* global: the caller's lastIndex loop */
  RE_FLAG_I = 4,      /* ignoreCase */
  RE_FLAG_M = 8,      /* multiline: ^ and $ at line terminators */
  RE_FLAG_S = 16,     /* dotAll */
  RE_FLAG_U = 32,     /* unicode */
  RE_FLAG_V = 64,     /* unicodeSets */
  RE_FLAG_Y = 128,    /* sticky: regexp_exec tries only the start position */
} RegExpFlags;

/* Parses a flags string (ES2025 22.2.3.1 RegExpInitialize steps 5-6): each of "dgimsuvy"
 * at most once, not both u and v. Returns false on anything else (the caller throws a
 * SyntaxError "Invalid flags supplied to RegExp constructor: '...'"). */
bool regexp_parse_flags(const void *chars, size_t length, bool two_byte, RegExpFlags *out);

/* Writes the flags in canonical order ("dgimsuvy" subset) with a NUL; out needs 9 bytes. */
void regexp_flags_to_string(RegExpFlags flags, char out[9]);

/* A compiled pattern: immutable, owned by whoever compiled it, safe to share between
 * threads (regexp_exec keeps its state on the caller's side). It is one position-
 * independent block of regexp_code_size() bytes: a memcpy of it to any 8-byte-aligned
 * place (a heap ByteArray, say) is a valid RegExpCode for every function here, as long
 * as it does not move during a call. */
typedef struct RegExpCode RegExpCode;

/* Compiles pattern (length code units, UTF-16 or Latin-1 as two_byte says) with flags.
 * On a syntax error returns NULL and writes the message to err (errlen bytes, always
 * NUL-terminated), in V8's form: "Invalid regular expression: /(/: Unterminated group"
 * (the pattern as WTF-8 between slashes, cut with "..." if it does not fit, then every
 * flag given, in canonical order). Running out of memory is reported the same way, with
 * its own message. */
RegExpCode *regexp_compile(const void *pattern, size_t length, bool two_byte,
                           RegExpFlags flags, char *err, size_t errlen);
void regexp_free(RegExpCode *code);
size_t regexp_code_size(const RegExpCode *code);

/* Only the early errors (ES2025 22.2.1.1), for the parser's regexp literals: true if
 * pattern (UTF-16) parses under flags; else false with *message (static text, without
 * the "Invalid regular expression" prefix) and *error_pos (a code unit index). */
bool regexp_check_syntax(const uint16_t *pattern, size_t length, RegExpFlags flags,
                         const char **message, size_t *error_pos);

RegExpFlags regexp_flags(const RegExpCode *code);
/* The number of capture groups including group 0 (so captures[] needs 2 * this ints). */
int regexp_capture_count(const RegExpCode *code);
/* The name of group i (1 <= i < capture count) as UTF-16, NULL if it has none. */
const uint16_t *regexp_capture_name(const RegExpCode *code, int i, size_t *length);
/* Does any group have a name? (whether exec results get a `groups` object) */
bool regexp_has_named_groups(const RegExpCode *code);

/* Limits of one regexp_exec call. NULL limits: 64 MiB of backtrack stack, no interrupt. */
typedef struct {
  size_t max_stack_bytes;             /* backtrack stack cap; past it RE_ERROR_MEMORY */
  /* Called every `interrupt_interval` steps (0: 65536) with interrupt_data; returning
   * true stops the match with RE_ERROR_INTERRUPTED. NULL: never called. */
  bool (*interrupt)(void *interrupt_data);
  void *interrupt_data;
  uint32_t interrupt_interval;
} RegExpExecLimits;

typedef enum {
  RE_MATCH,
  RE_NO_MATCH,
  RE_ERROR_MEMORY,        /* the backtrack stack passed max_stack_bytes: RangeError */
  RE_ERROR_INTERRUPTED,   /* the interrupt callback said stop */
} RegExpResult;

/* ES2025 22.2.7.2 RegExpBuiltinExec steps 11-13, the matching loop: tries to match at
 * `start`, then (unless the pattern is sticky, /y) at each later position up to `length`
 * (by code points under /u and /v) until one matches. A start inside a surrogate pair
 * under /u or /v begins at the pair (the character "obtained from element lastIndex").
 * On RE_MATCH, captures[2*i] and captures[2*i+1] hold the start and end of group i, or
 * -1 and -1 when the group did not participate; captures has 2 * regexp_capture_count
 * ints. subject holds length code units, one byte each (Latin-1) or two (UTF-16). The
 * caller checks start <= length (lastIndex > length is a failed match without calling). */
RegExpResult regexp_exec(const RegExpCode *code, const void *subject, size_t length,
                         bool two_byte, size_t start, int *captures,
                         const RegExpExecLimits *limits);

/* --print-regexp-code: writes the pattern's bytecode, one instruction a line. */
void regexp_print_code(const RegExpCode *code, FILE *out);

#endif /* KILN_REGEXP_REGEXP_H_ */
