/*
 * errors.c: throwing the engine's own errors (isolate_throw_error).
 *
 * An error object is a JS_ERROR_TYPE object with its ErrorKind in the hidden field 0 and an
 * own "message" string (objects/js-objects.h), made by runtime_new_error: its prototype is
 * the current realm's %NativeError.prototype% when a realm exists. When any allocation
 * fails on the way, the factory has already left the preallocated out-of-memory error
 * pending, and that is what the caller sees.
 */
#include <stdio.h>
#include <stdlib.h>

#include "execution/isolate.h"
#include "objects/js-objects.h"
#include "objects/string.h"
#include "runtime/runtime.h"

/* Formats into buf, or into a malloc'd buffer when longer; returns the text. */
static char *errors_format(char *buf, size_t size, size_t *len, const char *fmt, va_list ap) {
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(buf, size, fmt, ap);
  char *text = buf;
  if (n < 0) {
    n = 0;
    buf[0] = '\0';
  } else if ((size_t)n >= size) {
    text = malloc((size_t)n + 1);
    if (text == NULL) {
      text = buf;
      n = (int)size - 1;
    } else {
      vsnprintf(text, (size_t)n + 1, fmt, again);
    }
  }
  va_end(again);
  *len = (size_t)n;
  return text;
}

/* May allocate. */
void isolate_throw_error(Isolate *iso, ErrorKind kind, const char *fmt, ...) {
  char buf[256];
  size_t len;
  va_list ap;
  va_start(ap, fmt);
  char *text = errors_format(buf, sizeof buf, &len, fmt, ap);
  va_end(ap);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle message = string_new_utf8(iso, text, len);
  if (text != buf) free(text);
  if (!handle_is_null(message)) {
    Handle error = runtime_new_error(iso, kind, message); /* the realm's prototype, "stack" */
    if (!handle_is_null(error)) isolate_throw(iso, H(error));
  }
  handle_scope_close(&scope);
}
