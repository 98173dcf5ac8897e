/*
 * interpreter.h: the bytecode interpreter (interpreter/interpreter.c) and the one call path
 * every [[Call]] and [[Construct]] takes (execution.c wraps it for Handle callers).
 *
 * Slots: callee, receiver, argv and new_target point at Tagged slots the collector sees
 * (frame registers on the JS stack, or handle slots). argv holds argc values in ascending
 * order. The result is a raw value, valid until the next allocation, or kException when
 * an exception is pending.
 *
 * Calls recurse on the C stack once per JS function (as QuickJS does); each entry checks
 * the JS stack space and the C stack limit (execution_stack_ok) and throws
 * "RangeError: Maximum call stack size exceeded" instead of overflowing.
 */
#ifndef KILN_INTERPRETER_INTERPRETER_H_
#define KILN_INTERPRETER_INTERPRETER_H_

#include "interpreter/frames.h"

/* What a call that threw returns: a heap pointer to address 0, never a valid value. */
#define kException ((Tagged)kHeapObjectTag)

/* ES2025 7.3.13 Call(F, V, args). receiver NULL means undefined. Runs any code. */
Tagged interpreter_call(Isolate *iso, Tagged *callee, Tagged *receiver, int argc,
                        Tagged *argv);
/* ES2025 7.3.14 Construct(F, args, newTarget). new_target NULL means F. TypeError when F
 * is not a constructor. Runs any code. */
Tagged interpreter_construct(Isolate *iso, Tagged *constructor, int argc, Tagged *argv,
                             Tagged *new_target);

/* The innermost interpreted frame, or NULL. */
KILN_INLINE JSFrame *interpreter_current_frame(Isolate *iso) {
  return iso->js_stack ? iso->js_stack->current : NULL;
}

/* The realm (NativeContext) at the end of a context chain. Does not allocate. */
KILN_INLINE Tagged interpreter_native_context_of(Tagged context) {
  while (!is_native_context(context)) context = context_previous(context);
  return context;
}

#endif /* KILN_INTERPRETER_INTERPRETER_H_ */
