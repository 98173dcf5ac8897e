/*
 * runtime-frames.c: runtime functions that read the current interpreter frame, and the
 * throwing helpers of RUNTIME_FUNCTION_LIST.
 */
#include <stdlib.h>

#include "interpreter/interpreter-internal.h"
#include "objects/string.h"
#include "runtime/runtime-functions.h"

RUNTIME_FUNCTION(GetNewTarget) {
  JSFrame *f = interpreter_current_frame(iso);
  return handle_new(iso, f ? f->fp[kFrameNewTarget] : ROOT(iso, undefined_value));
}

RUNTIME_FUNCTION(GetActiveFunction) {
  JSFrame *f = interpreter_current_frame(iso);
  return handle_new(iso, f ? frame_closure(f) : ROOT(iso, undefined_value));
}

RUNTIME_FUNCTION(GetHomeObject) {
  return handle_new(iso, interpreter_home_object(iso, args[0]));
}

/* Throws kind with the message in args[0] (a string). */
static Handle throw_message(Isolate *iso, ErrorKind kind, Tagged message) {
  size_t n;
  char *text = is_string(message) ? string_to_utf8(iso, message, &n) : NULL;
  isolate_throw_error(iso, kind, "%s", text ? text : "");
  free(text);
  return HANDLE_NULL;
}

RUNTIME_FUNCTION(ThrowTypeError) { return throw_message(iso, kError_TYPE_ERROR, args[0]); }
RUNTIME_FUNCTION(ThrowReferenceError) {
  return throw_message(iso, kError_REFERENCE_ERROR, args[0]);
}
RUNTIME_FUNCTION(ThrowSyntaxError) { return throw_message(iso, kError_SYNTAX_ERROR, args[0]); }

RUNTIME_FUNCTION(ThrowIteratorResultNotAnObject) {
  isolate_throw_error(iso, kError_TYPE_ERROR, "Iterator result is not an object");
  return HANDLE_NULL;
}

RUNTIME_FUNCTION(ThrowNotIterable) {
  isolate_throw_error(iso, kError_TYPE_ERROR, "object is not iterable");
  return HANDLE_NULL;
}

RUNTIME_FUNCTION(ThrowCalledNonCallable) {
  return runtime_throw_not_callable(iso, (Handle){&args[0]});
}
