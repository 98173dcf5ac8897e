/*
 * shell-run.c: running scripts and reporting what they throw.
 *
 * The report of an uncaught exception is a contract with tools/test262/run.py and
 * tests/js/run.sh (docs/shell.md): on stderr,
 *
 *   Uncaught TypeError: message
 *       at f (file.js:3:5)
 *       ...
 *
 * The first line is "Uncaught " and then:
 *   - for an error object, or any object whose prototype chain has a toString other than
 *     %Object.prototype.toString% of any realm (test262's Test262Error, the harness'
 *     AssertionError):
 *     ToString(value), so the error's name comes first;
 *   - for other values: util.inspect(value) ('str', 42, { a: 1 }).
 * The following lines are the "    at ..." lines of the value's "stack" property when it is
 * a string. A SyntaxError from the parser carries its position the same way ("    at
 * file.js:LINE:COL").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "execution/contexts.h"
#include "execution/execution.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "shell.h"

/* The host's HostPromiseRejectionTracker report (iso->unhandled_rejection): a promise
 * still rejected with no handler at the end of a microtask checkpoint is reported like an
 * uncaught exception, "Uncaught (in promise) ...", and the shell exits 1 (as Node does). */
static _Thread_local int run_unhandled_rejections;
static _Thread_local bool run_rejections_ignored; /* --test262: the suite has no notion of them */

void run_ignore_unhandled_rejections(void) { run_rejections_ignored = true; }

static void run_report_rejection(Isolate *iso, Handle promise, Handle reason) {
  KILN_UNUSED(promise);
  char *text = run_describe_uncaught(iso, reason);
  fflush(stdout);
  fprintf(stderr, "Uncaught (in promise) %s\n", text + strlen("Uncaught "));
  fflush(stderr);
  free(text);
  run_unhandled_rejections++;
}

int run_unhandled_rejection_count(void) { return run_unhandled_rejections; }

Handle run_source(Isolate *iso, const char *source, size_t length, const char *name) {
  iso->unhandled_rejection = run_rejections_ignored ? NULL : run_report_rejection;
  Handle result = execution_run_script(iso, source, length, name);
  /* The microtask checkpoint after the script (its promise jobs, async functions). */
  if (!handle_is_null(result) && !execution_run_microtasks(iso)) return HANDLE_NULL;
  return result;
}

char *run_read_file(const char *path, size_t *length) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  Buffer b;
  buffer_init(&b);
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buffer_append(&b, chunk, n);
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    buffer_free(&b);
    errno = EIO;
    return NULL;
  }
  *length = b.length;
  return buffer_take(&b);
}

Handle run_file(Isolate *iso, const char *path) {
  size_t length;
  char *source = run_read_file(path, &length);
  if (source == NULL) {
    isolate_throw_error(iso, kError_ERROR, "cannot read %s: %s", path, strerror(errno));
    return HANDLE_NULL;
  }
  Handle result = run_source(iso, source, length, path);
  free(source);
  return result;
}

/* true when fn is %Object.prototype.toString% of any realm: the C builtin that the current
 * realm's Object.prototype.toString runs. */
static bool is_object_prototype_to_string(Isolate *iso, Handle key, Tagged fn) {
  if (!is_js_function(fn) || js_function_builtin(fn) == NULL) return false;
  Handle proto = handle_new(iso, context_get(iso->native_context,
                                             NATIVE_CONTEXT_object_prototype));
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  if (runtime_get_own_property(iso, proto, key, &desc) != RT_TRUE ||
      !(desc.flags & PD_HAS_VALUE) || !is_js_function(H(desc.value)))
    return isolate_clear_pending_exception(iso), false;
  return js_function_builtin(H(desc.value)) == js_function_builtin(fn);
}

/* true when value should be reported with ToString: an error object, or an object whose
 * prototype chain has a toString other than %Object.prototype.toString% (of any realm). */
static bool report_with_to_string(Isolate *iso, Handle value) {
  if (!is_js_receiver(H(value))) return false;
  if (heap_object_type(H(value)) == JS_ERROR_TYPE) return true;
  Handle key = string_internalize_utf8(iso, "toString", 8);
  Handle current = value;
  for (int steps = 0; steps < 1000 && is_js_receiver(H(current)); steps++) {
    if (heap_object_type(H(current)) == JS_PROXY_TYPE) return false; /* no traps */
    PropertyDescriptor desc;
    property_descriptor_init(iso, &desc);
    RuntimeMaybeBool found = runtime_get_own_property(iso, current, key, &desc);
    if (found == RT_EXCEPTION) return isolate_clear_pending_exception(iso), false;
    if (found == RT_TRUE) {
      return !(desc.flags & PD_HAS_VALUE) ||
             !is_object_prototype_to_string(iso, key, H(desc.value));
    }
    current = runtime_get_prototype_of(iso, current);
    if (handle_is_null(current)) return isolate_clear_pending_exception(iso), false;
  }
  return false;
}

/* The first line's text after "Uncaught ". */
static char *describe_header(Isolate *iso, Handle value) {
  if (report_with_to_string(iso, value)) {
    Handle s = runtime_to_string(iso, value);
    if (!handle_is_null(s)) return console_string_utf8(iso, H(s));
    isolate_clear_pending_exception(iso);
  }
  InspectOptions opts;
  console_default_options(&opts);
  char *text = console_inspect(iso, value, &opts);
  if (text != NULL) return text;
  isolate_clear_pending_exception(iso);
  return strdup(is_js_receiver(H(value)) ? "[object]" : "<value>");
}

/* An own data property of obj, or an empty handle (no exception) when it is absent or an
 * accessor. */
static Handle own_data_property(Isolate *iso, Handle obj, const char *name) {
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  Handle key = string_internalize_utf8(iso, name, strlen(name));
  if (handle_is_null(key)) {  /* out of memory while reporting: report less */
    isolate_clear_pending_exception(iso);
    return HANDLE_NULL;
  }
  RuntimeMaybeBool found = runtime_get_own_property(iso, obj, key, &desc);
  if (found == RT_EXCEPTION) isolate_clear_pending_exception(iso);
  return found == RT_TRUE && (desc.flags & PD_HAS_VALUE) ? desc.value : HANDLE_NULL;
}

/* The parse position of an error the compiler made (interpreter/compiler.h: own fileName,
 * lineNumber, columnNumber) as "    at file:line:column". */
static void append_parse_position(Isolate *iso, Handle error, Buffer *out) {
  Handle file = own_data_property(iso, error, "fileName");
  Handle line = own_data_property(iso, error, "lineNumber");
  Handle column = own_data_property(iso, error, "columnNumber");
  if (handle_is_null(file) || handle_is_null(line) || handle_is_null(column) ||
      !is_string(H(file)) || !is_number(H(line)) || !is_number(H(column)))
    return;
  char *name = console_string_utf8(iso, H(file));
  buffer_printf(out, "\n    at %s:%.0f:%.0f", name, runtime_number_value(H(line)),
                runtime_number_value(H(column)));
  free(name);
}

/* Appends the "    at ..." lines of value.stack (an own or inherited data property),
 * after the parse position of a SyntaxError. */
static void append_stack_frames(Isolate *iso, Handle value, Buffer *out) {
  if (!is_js_receiver(H(value)) || heap_object_type(H(value)) == JS_PROXY_TYPE) return;
  append_parse_position(iso, value, out);
  Handle stack = runtime_get_named(iso, value, "stack");
  if (handle_is_null(stack)) {
    isolate_clear_pending_exception(iso);
    return;
  }
  if (!is_string(H(stack))) return;
  char *text = console_string_utf8(iso, H(stack));
  for (char *line = text; line && *line;) {
    char *end = strchr(line, '\n');
    size_t n = end ? (size_t)(end - line) : strlen(line);
    if (strncmp(line, "    at ", 7) == 0) {
      buffer_putc(out, '\n');
      buffer_append(out, line, n);
    }
    line = end ? end + 1 : NULL;
  }
  free(text);
}

char *run_describe_uncaught(Isolate *iso, Handle value) {
  /* The preallocated out-of-memory error: describing it must not allocate on the JS heap. */
  if (H(value) == ROOT(iso, out_of_memory_error)) return strdup("Uncaught RangeError: out of memory");
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Buffer out;
  buffer_init(&out);
  buffer_puts(&out, "Uncaught ");
  char *header = describe_header(iso, value);
  buffer_puts(&out, header);
  free(header);
  append_stack_frames(iso, value, &out);
  handle_scope_close(&scope);
  return buffer_take(&out);
}

void run_report_exception(Isolate *iso) {
  if (!isolate_has_pending_exception(iso)) return;
  if (isolate_is_terminating(iso)) {
    /* The shell's only source of termination is --timeout (shell-watchdog.c). */
    isolate_cancel_termination(iso);
    fflush(stdout);
    fprintf(stderr, "Error: Script execution timed out.\n");
    fflush(stderr);
    return;
  }
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle exception = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  char *text = run_describe_uncaught(iso, exception);
  fflush(stdout);
  fprintf(stderr, "%s\n", text);
  fflush(stderr);
  free(text);
  isolate_clear_pending_exception(iso);
  handle_scope_close(&scope);
}

bool run_exception_is_incomplete_input(Isolate *iso, const char *name) {
  if (!isolate_has_pending_exception(iso)) return false;
  Tagged e = iso->pending_exception;
  if (!is_js_receiver(e) || heap_object_type(e) != JS_ERROR_TYPE ||
      js_error_kind(e) != kError_SYNTAX_ERROR)
    return false;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle error = handle_new(iso, e);
  isolate_clear_pending_exception(iso);
  Handle message = runtime_get_named(iso, error, "message");
  Handle file = own_data_property(iso, error, "fileName");
  bool ours = !handle_is_null(file) && is_string(H(file)) && string_equals_ascii(H(file), name);
  bool incomplete = false;
  if (ours && !handle_is_null(message) && is_string(H(message))) {
    char *text = console_string_utf8(iso, H(message));
    incomplete = strstr(text, "end of input") || strstr(text, "Unterminated template") ||
                 strstr(text, "Unterminated multi-line comment");
    free(text);
  }
  isolate_clear_pending_exception(iso);
  isolate_throw(iso, H(error)); /* the SyntaxError stays pending */
  handle_scope_close(&scope);
  return incomplete;
}
