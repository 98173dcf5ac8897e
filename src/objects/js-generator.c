/*
 * js-generator.c: the AsyncGenerator abstract operations (ES2025 27.6.3): the request
 * queue, resuming the body, answering requests, and draining the queue once the body has
 * completed. The states are described in js-generator.h.
 */
#include "objects/js-generator.h"

#include "execution/contexts.h"
#include "heap/factory.h"
#include "interpreter/interpreter-generators.h"
#include "objects/js-function.h"
#include "objects/js-promise.h"
#include "runtime/runtime.h"

static void set_state(Tagged gen, int continuation) {
  js_generator_object_set_continuation(gen, continuation);
}

bool js_async_generator_enqueue(Isolate *iso, Handle gen, JSGeneratorResumeMode mode,
                                Handle value, Handle capability) {
  Handle request = factory_new_fixed_array(iso, kRequestSize);
  if (handle_is_null(request)) return false;
  Tagged r = H(request);
  fixed_array_set(r, kRequestMode, smi_from_int(mode));
  fixed_array_set(r, kRequestValue, H(value));
  fixed_array_set(r, kRequestCapability, H(capability));
  Tagged last = js_async_generator_object_queue(H(gen));
  if (!is_fixed_array(last)) {
    js_async_generator_object_set_queue(H(gen), r);
    return true;
  }
  while (is_fixed_array(fixed_array_get(last, kRequestNext))) last = fixed_array_get(last, kRequestNext);
  fixed_array_set(last, kRequestNext, r);
  return true;
}

bool js_async_generator_complete_step(Isolate *iso, Handle gen, Handle value, bool is_throw,
                                      bool done) {
  Handle request = handle_new(iso, js_async_generator_object_queue(H(gen)));
  DCHECK(is_fixed_array(H(request)));
  js_async_generator_object_set_queue(H(gen), fixed_array_get(H(request), kRequestNext));
  Handle cap = handle_new(iso, fixed_array_get(H(request), kRequestCapability));
  if (is_throw) return js_promise_capability_reject(iso, cap, value);
  Handle result = runtime_create_iter_result(iso, value, done);
  return !handle_is_null(result) && js_promise_capability_resolve(iso, cap, result);
}

bool js_async_generator_body_complete(Isolate *iso, Handle gen, Handle value, bool is_throw) {
  set_state(H(gen), kGeneratorDrainingQueue);
  return js_async_generator_complete_step(iso, gen, value, is_throw, true) &&
         js_async_generator_drain_queue(iso, gen);
}

bool js_async_generator_drain_queue(Isolate *iso, Handle gen) {
  for (;;) {
    Tagged request = js_async_generator_object_queue(H(gen));
    if (!is_fixed_array(request)) {
      set_state(H(gen), kGeneratorClosed);
      return true;
    }
    JSGeneratorResumeMode mode = (JSGeneratorResumeMode)smi_value(fixed_array_get(request, kRequestMode));
    if (mode == kGeneratorReturn) return js_async_generator_await_return(iso, gen);
    bool is_throw = mode == kGeneratorThrow;
    Handle value = is_throw ? handle_new(iso, fixed_array_get(request, kRequestValue))
                            : ROOT_HANDLE(iso, undefined_value);
    if (!js_async_generator_complete_step(iso, gen, value, is_throw, true)) return false;
  }
}

/* The pending exception, cleared (empty when it is the uncatchable out-of-memory error). */
static Handle take_exception(Isolate *iso) {
  if (isolate_exception_is_uncatchable(iso)) return HANDLE_NULL;
  Handle e = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  return e;
}

bool js_async_generator_await_return(Isolate *iso, Handle gen) {
  Tagged request = js_async_generator_object_queue(H(gen));
  Handle value = handle_new(iso, fixed_array_get(request, kRequestValue));
  Handle ctor = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_promise_function));
  Handle promise = js_promise_promise_resolve(iso, ctor, value);
  if (handle_is_null(promise)) {
    Handle error = take_exception(iso);
    return !handle_is_null(error) && js_async_generator_complete_step(iso, gen, error, true, true) &&
           js_async_generator_drain_queue(iso, gen);
  }
  Handle on_fulfilled = js_promise_new_closure(iso, kPromiseClosure_ASYNC_GENERATOR_RETURN_FULFILLED, 1);
  if (handle_is_null(on_fulfilled)) return false;
  Handle context = handle_new(iso, js_function_context(H(on_fulfilled)));
  context_set(H(context), 0, H(gen));
  Handle on_rejected = js_promise_new_closure(iso, kPromiseClosure_ASYNC_GENERATOR_RETURN_REJECTED, 0);
  if (handle_is_null(on_rejected)) return false;
  js_function_set_context(H(on_rejected), H(context));
  return !handle_is_null(js_promise_perform_then(iso, promise, on_fulfilled, on_rejected,
                                                 ROOT_HANDLE(iso, undefined_value)));
}

/* 27.6.3.9 steps 11 and 14: AsyncGeneratorAwaitReturn's fulfilledClosure/rejectedClosure. */
static Handle await_return_settled(Isolate *iso, BuiltinArgs *args, bool is_throw) {
  Handle gen = handle_new(iso, context_get(js_function_context(*args->target), 0));
  if (!js_async_generator_complete_step(iso, gen, builtin_arg(iso, args, 0), is_throw, true) ||
      !js_async_generator_drain_queue(iso, gen)) {
    return HANDLE_NULL;
  }
  return ROOT_HANDLE(iso, undefined_value);
}

Handle js_async_generator_return_fulfilled(Isolate *iso, BuiltinArgs *args) {
  return await_return_settled(iso, args, false);
}

Handle js_async_generator_return_rejected(Isolate *iso, BuiltinArgs *args) {
  return await_return_settled(iso, args, true);
}

bool js_async_generator_resume(Isolate *iso, Handle gen, Handle value,
                               JSGeneratorResumeMode mode) {
  for (;;) {
    js_async_generator_object_set_is_awaiting(H(gen), 0);
    Handle r = interpreter_generator_resume(iso, gen, value, mode);
    if (handle_is_null(r)) {
      /* The frame could not be entered (stack overflow): the body completes with it. */
      Handle error = take_exception(iso);
      if (handle_is_null(error)) return false;
      return !is_fixed_array(js_async_generator_object_queue(H(gen))) ||
             js_async_generator_body_complete(iso, gen, error, true);
    }
    if (!js_async_generator_is_suspended(H(gen))) return true;  /* awaiting or done */
    Tagged request = js_async_generator_object_queue(H(gen));
    if (!is_fixed_array(request)) return true;                    /* suspended-yield */
    /* 27.6.3.8 step 10: a request is waiting: the body goes on with it at once. */
    value = handle_new(iso, fixed_array_get(request, kRequestValue));
    mode = (JSGeneratorResumeMode)smi_value(fixed_array_get(request, kRequestMode));
  }
}
