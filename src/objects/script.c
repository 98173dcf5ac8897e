/* script.c: Script creation and line/column computation. */
#include "objects/script.h"

#include <stdlib.h>

#include "heap/factory.h"
#include "objects/string.h"

Handle script_new(Isolate *iso, Handle source, Handle name, int flags) {
  Handle script = factory_new_raw(iso, Script_kHeaderSize, ROOT(iso, script_map),
                                  ALLOCATE_OLD);
  if (handle_is_null(script)) return script;
  Tagged s = H(script);
  script_set_source(s, H(source));
  script_set_name(s, H(name));
  script_set_line_ends(s, isolate_undefined(iso));
  script_set_id(s, 0);
  script_set_flags(s, flags);
  return script;
}

/* Length of the line terminator at text[i], or 0. */
static int script_terminator_length(const char *text, size_t len, size_t i) {
  unsigned char c = (unsigned char)text[i];
  if (c == '\n') return 1;
  if (c == '\r') return (i + 1 < len && text[i + 1] == '\n') ? 2 : 1;
  if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
      ((unsigned char)text[i + 2] == 0xA8 || (unsigned char)text[i + 2] == 0xA9))
    return 3;
  return 0;
}

static Handle script_compute_line_starts(Isolate *iso, const char *text, size_t len) {
  int count = 1;
  for (size_t i = 0; i < len;) {
    int t = script_terminator_length(text, len, i);
    if (t) { count++; i += (size_t)t; } else { i++; }
  }
  Handle starts = factory_new_fixed_array(iso, count);
  if (handle_is_null(starts)) return starts;
  int k = 0;
  fixed_array_set(H(starts), k++, smi_from_int(0));
  for (size_t i = 0; i < len;) {
    int t = script_terminator_length(text, len, i);
    if (t) {
      i += (size_t)t;
      fixed_array_set(H(starts), k++, smi_from_int((int32_t)i));
    } else {
      i++;
    }
  }
  return starts;
}

bool script_line_column(Isolate *iso, Handle script, int pos, int *line, int *column) {
  size_t len = 0;
  char *text = string_to_utf8(iso, script_source(H(script)), &len);
  if (text == NULL) { isolate_throw_out_of_memory(iso); return false; }
  if (!is_fixed_array(script_line_ends(H(script)))) {
    Handle starts = script_compute_line_starts(iso, text, len);
    if (handle_is_null(starts)) { free(text); return false; }
    script_set_line_ends(H(script), H(starts));
  }
  if (pos < 0) pos = 0;
  if ((size_t)pos > len) pos = (int)len;
  Tagged starts = script_line_ends(H(script));
  int64_t lo = 0, hi = fixed_array_length(starts) - 1;
  while (lo < hi) {  /* the last line start <= pos */
    int64_t mid = (lo + hi + 1) / 2;
    if (smi_value(fixed_array_get(starts, mid)) <= pos) lo = mid; else hi = mid - 1;
  }
  int col = 0;
  for (int i = smi_value(fixed_array_get(starts, lo)); i < pos; i++) {
    unsigned char c = (unsigned char)text[i];
    if ((c & 0xC0) == 0x80) continue;     /* continuation byte */
    col += c >= 0xF0 ? 2 : 1;             /* 4-byte sequences are surrogate pairs */
  }
  free(text);
  *line = (int)lo + 1;
  *column = col + 1;
  return true;
}
