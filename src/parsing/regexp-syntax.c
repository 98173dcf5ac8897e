/*
 * regexp-syntax.c: the early errors of a regexp literal's pattern (see regexp-syntax.h),
 * by the RegExp engine's own parser (regexp/regexp.h regexp_check_syntax), so that a
 * literal is accepted exactly when RegExp(pattern, flags) would compile it.
 */
#include "parsing/regexp-syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "regexp/regexp.h"

bool regexp_syntax_check(const char *pattern, size_t length, const char *flags, char *message,
                         size_t message_size, int *error_offset) {
  /* WTF-8 -> UTF-16, remembering the byte offset of each unit. */
  uint16_t *units = malloc(sizeof(uint16_t) * (2 * length + 1));
  size_t *offsets = malloc(sizeof(size_t) * (2 * length + 1));
  RegExpFlags f = 0;
  if (!units || !offsets) {
    free(units);
    free(offsets);
    snprintf(message, message_size, "out of memory");
    *error_offset = 0;
    return false;
  }
  size_t n = 0, pos = 0;
  while (pos < length) {
    size_t at = pos;
    uint32_t c = utf8_decode_next((const uint8_t *)pattern, length, &pos);
    if (c >= 0x10000) {
      offsets[n] = at;
      units[n++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
      offsets[n] = at;
      units[n++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      offsets[n] = at;
      units[n++] = (uint16_t)c;
    }
  }
  offsets[n] = length;
  regexp_parse_flags(flags, strlen(flags), false, &f);
  const char *text = NULL;
  size_t error_pos = 0;
  bool ok = regexp_check_syntax(units, n, f, &text, &error_pos);
  if (!ok) {
    snprintf(message, message_size, "Invalid regular expression: %s", text);
    *error_offset = (int)offsets[error_pos < n ? error_pos : n];
  }
  free(units);
  free(offsets);
  return ok;
}
