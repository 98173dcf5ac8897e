/*
 * js-promise.c: the Promise abstract operations and jobs (ES2025 27.2.1, 27.2.2). See
 * js-promise.h for the layouts of promises, reactions and capabilities.
 */
#include "objects/js-promise.h"

#include "execution/contexts.h"
#include "execution/execution.h"
#include "execution/microtask-queue.h"
#include "heap/factory.h"
#include "interpreter/interpreter-generators.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "runtime/runtime.h"

/* ---- promises ------------------------------------------------------------------------ */

Handle js_promise_new_with_map(Isolate *iso, Handle map) {
  Handle p = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(p)) return p;
  js_promise_set_reactions_or_result(H(p), ROOT(iso, undefined_value));
  js_promise_set_flags(H(p), kPromisePending);
  return p;
}

Handle js_promise_new(Isolate *iso, Handle native_context) {
  Handle map = handle_new(iso, context_get(H(native_context), NATIVE_CONTEXT_promise_map));
  return js_promise_new_with_map(iso, map);
}

static void promise_set_flag(Tagged p, int flag) { js_promise_set_flags(p, js_promise_flags(p) | flag); }

/* ---- builtin closures ---------------------------------------------------------------- */

/* A closure of kind over an existing context. */
static Handle closure_with_context(Isolate *iso, PromiseClosureKind kind, Handle context) {
  Tagged realm = iso->native_context;
  Tagged sfis = context_get(realm, NATIVE_CONTEXT_promise_builtin_sfis);
  Handle sfi = handle_new(iso, fixed_array_get(sfis, kind));
  Handle map = handle_new(iso, context_get(realm, NATIVE_CONTEXT_builtin_function_map));
  return js_function_new_with_map(iso, map, sfi, context);
}

Handle js_promise_new_closure(Isolate *iso, PromiseClosureKind kind, int slots) {
  Handle realm = handle_new(iso, iso->native_context);
  Handle context = context_new(iso, ROOT_HANDLE(iso, undefined_value), realm, realm, slots);
  if (handle_is_null(context)) return context;
  return closure_with_context(iso, kind, context);
}

Tagged js_promise_closure_context(Tagged closure) { return js_function_context(closure); }

bool js_promise_setup(Isolate *iso, Handle native_context, const BuiltinFunction *fns) {
  static const int kLengths[] = {
#define V(name, length) length,
      PROMISE_CLOSURE_LIST(V)
#undef V
  };
  Handle sfis = factory_new_fixed_array(iso, kPromiseClosureCount);
  if (handle_is_null(sfis)) return false;
  for (int i = 0; i < kPromiseClosureCount; i++) {
    Handle sfi = js_function_new_builtin_sfi(iso, ROOT_HANDLE(iso, empty_string), kLengths[i],
                                             fns[i], ROOT_HANDLE(iso, undefined_value));
    if (handle_is_null(sfi)) return false;
    fixed_array_set(H(sfis), i, H(sfi));
  }
  context_set(H(native_context), NATIVE_CONTEXT_promise_builtin_sfis, H(sfis));
  return true;
}

/* ---- resolving functions (27.2.1.3) -------------------------------------------------- */

enum { kResolvingPromise, kResolvingAlreadyResolved, kResolvingSlots };

bool js_promise_create_resolving_functions(Isolate *iso, Handle promise, Handle out[2]) {
  out[0] = js_promise_new_closure(iso, kPromiseClosure_RESOLVE, kResolvingSlots);
  if (handle_is_null(out[0])) return false;
  Handle context = handle_new(iso, js_function_context(H(out[0])));
  context_set(H(context), kResolvingPromise, H(promise));
  context_set(H(context), kResolvingAlreadyResolved, ROOT(iso, false_value));
  out[1] = closure_with_context(iso, kPromiseClosure_REJECT, context);
  return !handle_is_null(out[1]);
}

/* The promise of a resolving function, or empty when [[AlreadyResolved]] was set (it is
 * set now). */
static Handle resolving_function_promise(Isolate *iso, BuiltinArgs *args) {
  Tagged context = js_function_context(*args->target);
  if (context_get(context, kResolvingAlreadyResolved) == ROOT(iso, true_value)) return HANDLE_NULL;
  context_set(context, kResolvingAlreadyResolved, ROOT(iso, true_value));
  return handle_new(iso, context_get(context, kResolvingPromise));
}

/* 27.2.1.3.2 Promise Resolve Functions */
Handle js_promise_resolve_function(Isolate *iso, BuiltinArgs *args) {
  Handle promise = resolving_function_promise(iso, args);
  if (!handle_is_null(promise) && !js_promise_resolve(iso, promise, builtin_arg(iso, args, 0)))
    return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

/* 27.2.1.3.1 Promise Reject Functions */
Handle js_promise_reject_function(Isolate *iso, BuiltinArgs *args) {
  Handle promise = resolving_function_promise(iso, args);
  if (!handle_is_null(promise) && !js_promise_reject(iso, promise, builtin_arg(iso, args, 0)))
    return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

/* ---- settling ------------------------------------------------------------------------- */

/* 27.2.1.8 TriggerPromiseReactions: a job per reaction, oldest first. The list is newest
 * first: reverse it in place (it is never used again), then enqueue. */
static bool trigger_reactions(Isolate *iso, Tagged list, Handle argument, JSPromiseState type) {
  Tagged reversed = ROOT(iso, undefined_value);
  while (is_fixed_array(list)) {
    Tagged next = fixed_array_get(list, kReactionNext);
    fixed_array_set(list, kReactionNext, reversed);
    reversed = list;
    list = next;
  }
  Handle reaction = handle_new(iso, reversed);
  Handle kind = handle_new(iso, smi_from_int(type));
  while (is_fixed_array(H(reaction))) {
    if (!microtask_queue_enqueue(iso, kMicrotaskPromiseReaction, reaction, argument, kind))
      return false;
    reaction = handle_new(iso, fixed_array_get(H(reaction), kReactionNext));
  }
  return true;
}

/* Settles a pending promise with value and state. */
static bool settle(Isolate *iso, Handle promise, Handle value, JSPromiseState state) {
  Tagged p = H(promise);
  DCHECK(js_promise_state(p) == kPromisePending);
  Tagged reactions = js_promise_reactions_or_result(p);
  js_promise_set_reactions_or_result(p, H(value));
  js_promise_set_flags(p, (js_promise_flags(p) & ~kPromiseStateMask) | state);
  return trigger_reactions(iso, reactions, value, state);
}

bool js_promise_fulfill(Isolate *iso, Handle promise, Handle value) {
  return settle(iso, promise, value, kPromiseFulfilled);
}

bool js_promise_reject(Isolate *iso, Handle promise, Handle reason) {
  if (!js_promise_is_handled(H(promise))) {
    js_promise_track_rejection(iso, promise, kPromiseRejectWithNoHandler);
  }
  return settle(iso, promise, reason, kPromiseRejected);
}

/* Rejects promise with the pending exception (cleared). */
static bool reject_with_pending(Isolate *iso, Handle promise) {
  if (isolate_exception_is_uncatchable(iso)) return false;
  Handle error = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  return js_promise_reject(iso, promise, error);
}

bool js_promise_resolve(Isolate *iso, Handle promise, Handle resolution) {
  if (H(resolution) == H(promise)) {
    Handle error = runtime_new_error_fmt(iso, kError_TYPE_ERROR,
                                         "Chaining cycle detected for promise");
    return !handle_is_null(error) && js_promise_reject(iso, promise, error);
  }
  if (!is_js_receiver(H(resolution))) return js_promise_fulfill(iso, promise, resolution);
  Handle then = runtime_get_named(iso, resolution, "then");
  if (handle_is_null(then)) return reject_with_pending(iso, promise);
  if (!runtime_is_callable(H(then))) return js_promise_fulfill(iso, promise, resolution);
  return microtask_queue_enqueue(iso, kMicrotaskPromiseResolveThenable, promise, resolution,
                                 then);
}

/* ---- capabilities (27.2.1.5) ------------------------------------------------------- */

enum { kExecutorResolve, kExecutorReject, kExecutorSlots };

/* 27.2.1.5.1 GetCapabilitiesExecutor Functions */
Handle js_promise_capability_executor(Isolate *iso, BuiltinArgs *args) {
  Tagged context = js_function_context(*args->target);
  if (!is_undefined(iso, context_get(context, kExecutorResolve)) ||
      !is_undefined(iso, context_get(context, kExecutorReject))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Promise executor has already been invoked");
    return HANDLE_NULL;
  }
  context_set(context, kExecutorResolve, H(builtin_arg(iso, args, 0)));
  context_set(context, kExecutorReject, H(builtin_arg(iso, args, 1)));
  return ROOT_HANDLE(iso, undefined_value);
}

static Handle new_capability_record(Isolate *iso, Handle promise, Handle resolve, Handle reject) {
  Handle cap = factory_new_fixed_array(iso, kCapabilitySize);
  if (handle_is_null(cap)) return cap;
  fixed_array_set(H(cap), kCapabilityPromise, H(promise));
  fixed_array_set(H(cap), kCapabilityResolve, H(resolve));
  fixed_array_set(H(cap), kCapabilityReject, H(reject));
  return cap;
}

/* Is C the intrinsic %Promise% of its realm (NewPromiseCapability unobservable)? */
static bool is_intrinsic_promise(Tagged c) {
  return is_js_function(c) &&
         context_get(js_function_native_context(c), NATIVE_CONTEXT_promise_function) == c;
}

Handle js_promise_new_capability(Isolate *iso, Handle constructor) {
  if (!runtime_is_constructor(H(constructor))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Promise resolver is not a constructor");
    return HANDLE_NULL;
  }
  if (is_intrinsic_promise(H(constructor))) {
    Handle realm = handle_new(iso, js_function_native_context(H(constructor)));
    Handle promise = js_promise_new(iso, realm);
    if (handle_is_null(promise)) return promise;
    Handle undefined = ROOT_HANDLE(iso, undefined_value);
    return new_capability_record(iso, promise, undefined, undefined);
  }
  Handle executor = js_promise_new_closure(iso, kPromiseClosure_CAPABILITY_EXECUTOR,
                                           kExecutorSlots);
  if (handle_is_null(executor)) return executor;
  Handle promise = execution_construct(iso, constructor, 1, &executor, HANDLE_NULL);
  if (handle_is_null(promise)) return promise;
  Tagged context = js_function_context(H(executor));
  Handle resolve = handle_new(iso, context_get(context, kExecutorResolve));
  Handle reject = handle_new(iso, context_get(context, kExecutorReject));
  if (!runtime_is_callable(H(resolve)) || !runtime_is_callable(H(reject))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Promise resolve or reject function is not callable");
    return HANDLE_NULL;
  }
  return new_capability_record(iso, promise, resolve, reject);
}

/* Resolves (reject false) or rejects an internal capability: once only. */
static bool internal_settle(Isolate *iso, Handle promise, Handle value, bool reject) {
  if (js_promise_flags(H(promise)) & kPromiseInternallyResolved) return true;
  promise_set_flag(H(promise), kPromiseInternallyResolved);
  return reject ? js_promise_reject(iso, promise, value) : js_promise_resolve(iso, promise, value);
}

static bool capability_call(Isolate *iso, Handle cap, int which, Handle value) {
  Handle fn = handle_new(iso, fixed_array_get(H(cap), which));
  if (is_undefined(iso, H(fn))) {
    return internal_settle(iso, js_promise_capability_promise(iso, cap), value,
                           which == kCapabilityReject);
  }
  return !handle_is_null(execution_call(iso, fn, ROOT_HANDLE(iso, undefined_value), 1, &value));
}

bool js_promise_capability_resolve(Isolate *iso, Handle capability, Handle value) {
  return capability_call(iso, capability, kCapabilityResolve, value);
}

bool js_promise_capability_reject(Isolate *iso, Handle capability, Handle reason) {
  return capability_call(iso, capability, kCapabilityReject, reason);
}

Handle js_promise_reject_with_pending(Isolate *iso, Handle capability) {
  if (isolate_exception_is_uncatchable(iso)) return HANDLE_NULL;
  Handle error = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  if (!js_promise_capability_reject(iso, capability, error)) return HANDLE_NULL;
  return js_promise_capability_promise(iso, capability);
}

/* ---- then (27.2.5.4.1) and PromiseResolve (27.2.4.7.1) --------------------------------- */

static Tagged usable_handler(Isolate *iso, Tagged handler) {
  if (runtime_is_callable(handler) || is_js_generator_object(handler)) return handler;
  return ROOT(iso, undefined_value);
}

Handle js_promise_perform_then(Isolate *iso, Handle promise, Handle on_fulfilled,
                               Handle on_rejected, Handle capability) {
  Handle reaction = factory_new_fixed_array(iso, kReactionSize);
  if (handle_is_null(reaction)) return reaction;
  Tagged r = H(reaction), p = H(promise);
  JSPromiseState state = js_promise_state(p);
  fixed_array_set(r, kReactionNext, state == kPromisePending ? js_promise_reactions_or_result(p)
                                                             : ROOT(iso, undefined_value));
  fixed_array_set(r, kReactionCapability, H(capability));
  fixed_array_set(r, kReactionFulfill, usable_handler(iso, H(on_fulfilled)));
  fixed_array_set(r, kReactionReject, usable_handler(iso, H(on_rejected)));
  if (state == kPromisePending) {
    js_promise_set_reactions_or_result(p, r);
  } else {
    if (state == kPromiseRejected && !js_promise_is_handled(p)) {
      js_promise_track_rejection(iso, promise, kPromiseHandlerAdded);
    }
    Handle result = handle_new(iso, js_promise_reactions_or_result(H(promise)));
    Handle kind = handle_new(iso, smi_from_int(state));
    if (!microtask_queue_enqueue(iso, kMicrotaskPromiseReaction, reaction, result, kind))
      return HANDLE_NULL;
  }
  promise_set_flag(H(promise), kPromiseIsHandled);
  if (is_undefined(iso, H(capability))) return capability;
  return js_promise_capability_promise(iso, capability);
}

Handle js_promise_promise_resolve(Isolate *iso, Handle constructor, Handle value) {
  if (is_js_promise(H(value))) {
    Handle ctor = runtime_get(iso, value, ROOT_HANDLE(iso, constructor_string), value);
    if (handle_is_null(ctor)) return ctor;
    if (runtime_same_value(H(ctor), H(constructor))) return value;
  }
  Handle cap = js_promise_new_capability(iso, constructor);
  if (handle_is_null(cap) || !js_promise_capability_resolve(iso, cap, value)) return HANDLE_NULL;
  return js_promise_capability_promise(iso, cap);
}

/* ---- jobs (27.2.2) --------------------------------------------------------------------- */

/* An internal await: resumes the async function or async generator. */
static bool resume_awaiting(Isolate *iso, Handle gen, Handle argument, JSPromiseState type) {
  if (!js_generator_is_suspended(H(gen))) return true;
  JSGeneratorResumeMode mode = type == kPromiseFulfilled ? kGeneratorNext : kGeneratorThrow;
  if (is_js_async_generator_object(H(gen))) return js_async_generator_resume(iso, gen, argument, mode);
  return !handle_is_null(interpreter_generator_resume(iso, gen, argument, mode));
}

bool js_promise_run_reaction_job(Isolate *iso, Handle reaction, Handle argument,
                                 JSPromiseState type) {
  Handle cap = handle_new(iso, fixed_array_get(H(reaction), kReactionCapability));
  Handle handler = handle_new(iso, fixed_array_get(H(reaction), type == kPromiseFulfilled
                                                                    ? kReactionFulfill
                                                                    : kReactionReject));
  if (is_js_generator_object(H(handler))) return resume_awaiting(iso, handler, argument, type);
  Handle value = argument;
  bool abrupt = type == kPromiseRejected;
  if (!is_undefined(iso, H(handler))) {
    value = execution_call(iso, handler, ROOT_HANDLE(iso, undefined_value), 1, &argument);
    abrupt = handle_is_null(value);
    if (abrupt) {
      if (isolate_exception_is_uncatchable(iso)) return false;
      value = handle_new(iso, iso->pending_exception);
      isolate_clear_pending_exception(iso);
    }
  }
  if (is_undefined(iso, H(cap))) {
    if (abrupt) isolate_throw(iso, H(value)); /* no capability: report it */
    return !abrupt;
  }
  return abrupt ? js_promise_capability_reject(iso, cap, value)
                : js_promise_capability_resolve(iso, cap, value);
}

bool js_promise_run_thenable_job(Isolate *iso, Handle promise, Handle thenable, Handle then) {
  Handle fns[2];
  if (!js_promise_create_resolving_functions(iso, promise, fns)) return false;
  Handle r = execution_call(iso, then, thenable, 2, fns);
  if (!handle_is_null(r)) return true;
  if (isolate_exception_is_uncatchable(iso)) return false;
  Handle error = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  return !handle_is_null(execution_call(iso, fns[1], ROOT_HANDLE(iso, undefined_value), 1, &error));
}

/* ---- rejection tracking ------------------------------------------------------------------ */

/* The list: a FixedArray | count | promise ... | in ROOT pending_rejections. */
void js_promise_track_rejection(Isolate *iso, Handle promise, PromiseRejectionEvent event) {
  Tagged list = ROOT(iso, pending_rejections);
  int64_t n = is_fixed_array(list) ? smi_value(fixed_array_get(list, 0)) : 0;
  if (event == kPromiseHandlerAdded) {
    for (int64_t i = 1; i <= n; i++) {
      if (fixed_array_get(list, i) != H(promise)) continue;
      fixed_array_set(list, i, fixed_array_get(list, n));
      fixed_array_set(list, n, ROOT(iso, undefined_value));
      fixed_array_set(list, 0, smi_from_int((int32_t)(n - 1)));
      return;
    }
    return;
  }
  if (!is_fixed_array(list) || n + 1 >= fixed_array_length(list)) {
    Handle bigger = factory_new_fixed_array(iso, 2 * (n + 1) + 8);
    if (handle_is_null(bigger)) {
      isolate_clear_pending_exception(iso); /* tracking is best effort */
      return;
    }
    list = ROOT(iso, pending_rejections);
    for (int64_t i = 1; i <= n; i++) fixed_array_set(H(bigger), i, fixed_array_get(list, i));
    list = H(bigger);
    ROOT(iso, pending_rejections) = list;
  }
  fixed_array_set(list, n + 1, H(promise));
  fixed_array_set(list, 0, smi_from_int((int32_t)(n + 1)));
}
