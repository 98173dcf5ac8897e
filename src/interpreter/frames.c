/*
 * frames.c: the JS stack (a GC root), the C stack limit, and stack traces.
 */
#include "interpreter/frames.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "execution/contexts.h"
#include "heap/factory.h"
#include "interpreter/bytecode-array-builder.h"
#include "objects/script.h"
#include "objects/shared-function-info.h"
#include "objects/string.h"

/* The C stack the engine may use below the point where the isolate was set up: the
 * process's stack limit less a margin (kept free for the work done after a failed check:
 * error objects, stack traces, printing), or kCStackDefault when the limit is unknown. */
enum { kCStackDefault = 4 << 20, kCStackCap = 64 << 20, kCStackMargin = 1 << 20 };

static void frames_iterate_roots(Isolate *iso, RootVisitor visit, void *ctx) {
  JSStack *s = iso->js_stack;
  if (s == NULL) return;
  for (Tagged *p = s->base; p < s->top; p++) visit(p, ctx);
  visit(&s->pending_message, ctx);
  if (s->home_object_symbol) visit(&s->home_object_symbol, ctx);
  if (s->last_lookup_name) visit(&s->last_lookup_name, ctx);
  if (s->last_lookup_this) visit(&s->last_lookup_this, ctx);
}

static uintptr_t frames_c_stack_limit(void) {
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  size_t size = kCStackDefault;
  struct rlimit rl;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
      rl.rlim_cur > (rlim_t)kCStackMargin * 2) {
    size = (size_t)rl.rlim_cur - kCStackMargin;
    if (size > kCStackCap) size = kCStackCap;
  }
  return here > size ? here - size : 0;
}

bool frames_setup(Isolate *iso) {
  if (iso->js_stack != NULL) return true;
  JSStack *s = calloc(1, sizeof *s);
  if (s == NULL) return false;
  size_t bytes = (size_t)kJSStackSlots * sizeof(Tagged);
  void *mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
  if (mem == MAP_FAILED) {
    free(s);
    return false;
  }
  s->base = s->top = mem;
  s->limit = s->base + kJSStackSlots;
  s->pending_message = ROOT(iso, the_hole_value);
  iso->js_stack = s;
  iso->iterate_extra_roots = frames_iterate_roots;
  iso->capture_stack_trace = frames_capture_stack_trace;
  if (iso->c_stack_limit == 0) iso->c_stack_limit = frames_c_stack_limit();
  return true;
}

void frames_teardown(Isolate *iso) {
  JSStack *s = iso->js_stack;
  if (s == NULL) return;
  munmap(s->base, (size_t)kJSStackSlots * sizeof(Tagged));
  free(s);
  iso->js_stack = NULL;
  iso->iterate_extra_roots = NULL;
}

void frames_throw_stack_overflow(Isolate *iso) {
  isolate_throw_error(iso, kError_RANGE_ERROR, "Maximum call stack size exceeded");
}

Tagged *frames_reserve(Isolate *iso, size_t n) {
  JSStack *s = iso->js_stack;
  if (KILN_UNLIKELY((size_t)(s->limit - s->top) < n + kJSStackReserve)) {
    frames_throw_stack_overflow(iso);
    return NULL;
  }
  Tagged *p = s->top;
  s->top += n;
  return p;
}

int frames_source_position(Isolate *iso, const JSFrame *f) {
  Tagged bytecode = f->fp[kFrameBytecode];
  if (!is_bytecode_array(bytecode) || f->pc == NULL) return -1;
  const uint8_t *start = (const uint8_t *)field_slot(bytecode, BytecodeArray_kHeaderSize);
  KILN_UNUSED(iso);
  return bytecode_source_position(bytecode, (int)(f->pc - start));
}

/* ---- stack traces ------------------------------------------------------------------- */

typedef struct { char *text; size_t length, capacity; } TraceBuffer;

static void trace_append(TraceBuffer *b, const char *s, size_t n) {
  if (b->length + n + 1 > b->capacity) {
    size_t cap = (b->capacity + n + 64) * 2;
    char *t = realloc(b->text, cap);
    if (t == NULL) return;
    b->text = t;
    b->capacity = cap;
  }
  memcpy(b->text + b->length, s, n);
  b->length += n;
  b->text[b->length] = '\0';
}

static void trace_append_string(Isolate *iso, TraceBuffer *b, Tagged s, const char *fallback) {
  if (!is_string(s) || string_length(s) == 0) {
    trace_append(b, fallback, strlen(fallback));
    return;
  }
  size_t n;
  char *utf8 = string_to_utf8(iso, s, &n);
  if (utf8 == NULL) return;
  trace_append(b, utf8, n);
  free(utf8);
}

/* One line for frame f: "    at name (file:line:column)", or "    at file:line:column"
 * for anonymous and top-level code (V8's format). May allocate (the script's line ends
 * are computed on first use); f's values stay in its slots. */
static void trace_frame(Isolate *iso, TraceBuffer *b, const JSFrame *f) {
  Tagged closure = f->fp[kFrameClosure];
  if (!is_js_function(closure)) return;
  Tagged sfi = js_function_shared(closure);
  Tagged name = sfi_name(sfi);
  bool named = is_string(name) && string_length(name) > 0;
  if (b->length > 0) trace_append(b, "\n", 1);
  trace_append(b, "    at ", 7);
  if (named) {
    trace_append_string(iso, b, name, "");
    trace_append(b, " (", 2);
  }
  Tagged script = sfi_script(sfi);
  int line = 0, column = 0;
  int pos = frames_source_position(iso, f);
  if (is_script(script)) {
    trace_append_string(iso, b, script_name(script), "<anonymous>");
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle h = handle_new(iso, script);
    if (pos < 0 || !script_line_column(iso, h, pos, &line, &column)) {
      isolate_clear_pending_exception(iso);
      line = column = 0;
    }
    handle_scope_close(&scope);
  } else {
    trace_append(b, "native", 6);
  }
  char where[64];
  int n = line > 0 ? snprintf(where, sizeof where, ":%d:%d", line, column) : 0;
  trace_append(b, where, (size_t)n);
  if (named) trace_append(b, ")", 1);
}

Handle frames_capture_stack_trace(Isolate *iso) {
  TraceBuffer b = {0};
  int frames = 0;
  JSStack *s = iso->js_stack;
  for (const JSFrame *f = s ? s->current : NULL; f != NULL && frames < 10; f = f->caller) {
    trace_frame(iso, &b, f);
    frames++;
  }
  Handle result = string_new_utf8(iso, b.text ? b.text : "", b.length);
  free(b.text);
  return result;
}
