/*
 * regexp.c: the public entry points of the RegExp engine (see regexp.h): flags, compile
 * (parse + compile, with V8-style error messages), accessors and exec.
 */
#include "regexp/regexp.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "regexp/regexp-compiler.h"
#include "regexp/regexp-interpreter.h"
#include "regexp/regexp-parser.h"

static const char kFlagChars[] = "dgimsuvy";   /* bit i is kFlagChars[i] */

bool regexp_parse_flags(const void *chars, size_t length, bool two_byte, RegExpFlags *out) {
  unsigned flags = 0;
  for (size_t i = 0; i < length; i++) {
    uint32_t c = two_byte ? ((const uint16_t *)chars)[i] : ((const uint8_t *)chars)[i];
    const char *at = c && c < 128 ? strchr(kFlagChars, (int)c) : NULL;
    if (!at) return false;
    unsigned bit = 1u << (at - kFlagChars);
    if (flags & bit) return false;
    flags |= bit;
  }
  if ((flags & RE_FLAG_U) && (flags & RE_FLAG_V)) return false;
  *out = (RegExpFlags)flags;
  return true;
}

void regexp_flags_to_string(RegExpFlags flags, char out[9]) {
  int n = 0;
  for (int i = 0; i < 8; i++) {
    if (flags & (1u << i)) out[n++] = kFlagChars[i];
  }
  out[n] = 0;
}

/* "Invalid regular expression: /<pattern as WTF-8>/<flags>: <message>". When that does
 * not fit in errlen, the pattern is shortened (at a character boundary) and ends in
 * "...", so the message itself always shows. */
static void format_error(const uint16_t *pattern, size_t length, RegExpFlags flags,
                         const char *message, char *err, size_t errlen) {
  if (!err || errlen == 0) return;
  char flag_text[9];
  regexp_flags_to_string(flags, flag_text);
  int fixed = snprintf(NULL, 0, "Invalid regular expression: //%s: %s", flag_text, message);
  size_t budget = errlen > (size_t)fixed + 4 ? errlen - (size_t)fixed - 4 : 0;
  /* How many units fit: a pair takes 4 bytes, another unit 1 to 3. */
  size_t fit = 0, bytes = 0;
  while (fit < length) {
    uint16_t u = pattern[fit];
    bool pair = utf16_is_lead_surrogate(u) && fit + 1 < length &&
                utf16_is_trail_surrogate(pattern[fit + 1]);
    size_t n = pair ? 4 : u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
    if (bytes + n > budget) break;
    bytes += n;
    fit += pair ? 2 : 1;
  }
  char *source = malloc(bytes + 1);
  if (!source) { snprintf(err, errlen, "Invalid regular expression: %s", message); return; }
  Wtf8Encoder e;
  wtf8_encoder_init(&e, source);
  for (size_t i = 0; i < fit; i++) wtf8_encoder_put(&e, pattern[i]);
  wtf8_encoder_finish(&e);
  source[e.length] = 0;
  size_t i = fit;
  snprintf(err, errlen, "Invalid regular expression: /%s%s/%s: %s", source,
           i < length ? "..." : "", flag_text, message);
  free(source);
}

RegExpCode *regexp_compile(const void *pattern, size_t length, bool two_byte,
                           RegExpFlags flags, char *err, size_t errlen) {
  const uint16_t *units = pattern;
  uint16_t *widened = NULL;
  if (!two_byte) {
    widened = malloc((length ? length : 1) * sizeof(uint16_t));
    if (!widened) {
      if (err && errlen) snprintf(err, errlen, "Invalid regular expression: %s",
                                  regexp_error_message(RE_ERROR_OUT_OF_MEMORY));
      return NULL;
    }
    for (size_t i = 0; i < length; i++) widened[i] = ((const uint8_t *)pattern)[i];
    units = widened;
  }
  RegExpAst ast;
  RegExpError error;
  size_t error_pos;
  RegExpCode *code = NULL;
  if (regexp_parse(units, length, flags, &ast, &error, &error_pos)) {
    code = regexp_compiler_compile(&ast);
    regexp_ast_free(&ast);
    if (!code) error = RE_ERROR_OUT_OF_MEMORY;
  }
  if (!code) format_error(units, length, flags, regexp_error_message(error), err, errlen);
  free(widened);
  return code;
}

void regexp_free(RegExpCode *code) { free(code); }

bool regexp_check_syntax(const uint16_t *pattern, size_t length, RegExpFlags flags,
                         const char **message, size_t *error_pos) {
  RegExpAst ast;
  RegExpError error;
  if (regexp_parse(pattern, length, flags, &ast, &error, error_pos)) {
    regexp_ast_free(&ast);
    return true;
  }
  *message = regexp_error_message(error);
  return false;
}

size_t regexp_code_size(const RegExpCode *code) { return code->size; }

RegExpFlags regexp_flags(const RegExpCode *code) { return code->flags; }

int regexp_capture_count(const RegExpCode *code) { return code->capture_count; }

const uint16_t *regexp_capture_name(const RegExpCode *code, int i, size_t *length) {
  const uint32_t *offsets = REGEXP_CODE_ARRAY(code, name_offsets_offset, uint32_t);
  if (i <= 0 || i >= code->capture_count || offsets[i] == 0) {
    *length = 0;
    return NULL;
  }
  *length = REGEXP_CODE_ARRAY(code, name_lengths_offset, uint32_t)[i];
  return REGEXP_CODE_ARRAY(code, names_offset, uint16_t) + offsets[i] - 1;
}

bool regexp_has_named_groups(const RegExpCode *code) { return code->has_named_groups; }

RegExpResult regexp_exec(const RegExpCode *code, const void *subject, size_t length,
                         bool two_byte, size_t start, int *captures,
                         const RegExpExecLimits *limits) {
  return regexp_interpreter_exec(code, subject, length, two_byte, start, captures, limits);
}
