/*
 * execution.c: entering JS from C (execution.h). Handles are copied to JS stack slots and
 * the interpreter's one call path (interpreter/interpreter.h) does the rest.
 */
#include "execution/execution.h"

#include <string.h>

#include "execution/contexts.h"
#include "execution/microtask-queue.h"
#include "interpreter/compiler.h"
#include "interpreter/interpreter.h"
#include "objects/js-function.h"
#include "objects/string.h"

/* [callee | receiver or new.target | argv...] on the JS stack; NULL when full. */
static Tagged *execution_push(Isolate *iso, Handle first, Handle second, int argc,
                              const Handle *argv) {
  if (!frames_setup(iso)) {
    isolate_throw_out_of_memory(iso);
    return NULL;
  }
  Tagged *slots = frames_reserve(iso, (size_t)argc + 2);
  if (slots == NULL) return NULL;
  slots[0] = H(first);
  slots[1] = handle_is_null(second) ? H(first) : H(second);
  for (int i = 0; i < argc; i++) slots[2 + i] = H(argv[i]);
  return slots;
}

Handle execution_call(Isolate *iso, Handle callable, Handle receiver, int argc,
                      const Handle *argv) {
  Tagged *saved = iso->js_stack ? iso->js_stack->top : NULL;
  Tagged *slots = execution_push(iso, callable, receiver, argc, argv);
  if (slots == NULL) return HANDLE_NULL;
  if (saved == NULL) saved = slots;
  iso->execution_depth++;
  Tagged r = interpreter_call(iso, &slots[0], &slots[1], argc, &slots[2]);
  iso->js_stack->top = saved;
  if (--iso->execution_depth == 0) isolate_leave_outermost_execution(iso);
  return r != kException ? handle_new(iso, r) : HANDLE_NULL;
}

Handle execution_construct(Isolate *iso, Handle constructor, int argc, const Handle *argv,
                           Handle new_target) {
  Tagged *saved = iso->js_stack ? iso->js_stack->top : NULL;
  Tagged *slots = execution_push(iso, constructor, new_target, argc, argv);
  if (slots == NULL) return HANDLE_NULL;
  if (saved == NULL) saved = slots;
  iso->execution_depth++;
  Tagged r = interpreter_construct(iso, &slots[0], argc, &slots[2], &slots[1]);
  iso->js_stack->top = saved;
  if (--iso->execution_depth == 0) isolate_leave_outermost_execution(iso);
  return r != kException ? handle_new(iso, r) : HANDLE_NULL;
}

Handle execution_run_script(Isolate *iso, const char *source, size_t length,
                            const char *filename) {
  if (iso->native_context == 0) {
    isolate_throw_error(iso, kError_ERROR, "no realm to run the script in");
    return HANDLE_NULL;
  }
  HandleScope scope;
  handle_scope_open_escapable(iso, &scope);
  Handle result = HANDLE_NULL;
  Handle src = string_new_utf8(iso, source, length);
  Handle name = filename ? string_new_utf8(iso, filename, strlen(filename))
                         : ROOT_HANDLE(iso, undefined_value);
  if (handle_is_null(src) || handle_is_null(name)) goto done;
  Handle sfi = compiler_compile_script(iso, src, name);
  if (handle_is_null(sfi)) goto done;
  Handle realm = handle_new(iso, iso->native_context);
  Handle closure = js_function_new_closure(iso, sfi, realm);
  if (handle_is_null(closure)) goto done;
  Handle receiver = handle_new(iso, context_get(H(realm), NATIVE_CONTEXT_global_this));
  result = execution_call(iso, closure, receiver, 0, NULL);
  if (!handle_is_null(result)) result = handle_scope_escape(&scope, result);
done:
  handle_scope_close(&scope);
  return result;
}

bool execution_stack_ok(Isolate *iso) {
  return (uintptr_t)__builtin_frame_address(0) > iso->c_stack_limit;
}

/* A checkpoint is one execution: a job that terminates stops it, and the termination is
 * cancelled only when the checkpoint (not the job) returns to the host. */
bool execution_run_microtasks(Isolate *iso) {
  iso->execution_depth++;
  bool ok = microtask_queue_run(iso);
  if (--iso->execution_depth == 0) isolate_leave_outermost_execution(iso);
  return ok;
}
