/*
 * builtins-async.c: ES2025 27.7 AsyncFunction objects, 27.4 AsyncGeneratorFunction
 * objects, 27.6 AsyncGenerator objects, 27.1.3 %AsyncIteratorPrototype% and 27.1.6
 * %AsyncFromSyncIteratorPrototype%; Array.fromAsync (an async algorithm, so it lives here).
 *
 * An async function runs as a resumable frame (interpreter/bytecode-generator-generators.c):
 * its object (JSAsyncFunctionObject) holds the promise the call returns, and each await
 * resumes it from a promise reaction job (objects/js-promise.h).
 */
#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-generator.h"
#include "objects/js-promise.h"
#include "objects/js-objects.h"
#include "objects/map.h"

#define ASYNC_GENERATOR_PROTOTYPE_BUILTINS(V) \
  V(AsyncGeneratorPrototypeNext, "next", 1)   \
  V(AsyncGeneratorPrototypeReturn, "return", 1) \
  V(AsyncGeneratorPrototypeThrow, "throw", 1)
#define ASYNC_FROM_SYNC_ITERATOR_PROTOTYPE_BUILTINS(V) \
  V(AsyncFromSyncIteratorPrototypeNext, "next", 1)     \
  V(AsyncFromSyncIteratorPrototypeReturn, "return", 1) \
  V(AsyncFromSyncIteratorPrototypeThrow, "throw", 1)

ASYNC_GENERATOR_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
ASYNC_FROM_SYNC_ITERATOR_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
static const BuiltinSpec kAsyncGeneratorPrototypeBuiltins[] = {
    ASYNC_GENERATOR_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kAsyncFromSyncIteratorPrototypeBuiltins[] = {
    ASYNC_FROM_SYNC_ITERATOR_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

/* A new capability of the realm's %Promise% (internal: unobservable). */
static Handle intrinsic_capability(Isolate *iso, BuiltinArgs *args) {
  Handle realm = builtins_realm(iso, args);
  return js_promise_new_capability(iso, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_promise_function));
}

/* Rejects cap with a new TypeError; returns its promise. */
static Handle reject_with_type_error(Isolate *iso, Handle cap, const char *message) {
  isolate_throw_error(iso, kError_TYPE_ERROR, "%s", message);
  return js_promise_reject_with_pending(iso, cap);
}

/* ---- AsyncGenerator.prototype (27.6.1) -------------------------------------------------- */

/* 27.6.1.2 next, 27.6.1.3 return, 27.6.1.4 throw: each answers with a promise; the request
 * waits in the generator's queue while the body runs or awaits. */
static Handle async_generator_method(Isolate *iso, BuiltinArgs *args, JSGeneratorResumeMode mode) {
  Handle cap = intrinsic_capability(iso, args);
  BUILTIN_TRY(cap);
  Handle promise = js_promise_capability_promise(iso, cap);
  Handle gen = builtin_receiver(args), value = BUILTIN_ARG(0);
  if (!is_js_async_generator_object(H(gen))) {  /* 27.6.3.3 AsyncGeneratorValidate */
    return reject_with_type_error(iso, cap, "AsyncGenerator method called on an incompatible receiver");
  }
  bool closed = js_generator_is_closed(H(gen));
  bool suspended = js_async_generator_is_suspended(H(gen));
  bool at_start = suspended && js_generator_is_suspended_start(H(gen));
  if (mode == kGeneratorNext && closed) {
    Handle result = runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
    BUILTIN_TRY(result);
    BUILTIN_CHECK(js_promise_capability_resolve(iso, cap, result));
    return promise;
  }
  if (mode == kGeneratorThrow && (closed || at_start)) {
    js_generator_object_set_continuation(H(gen), kGeneratorClosed);
    BUILTIN_CHECK(js_promise_capability_reject(iso, cap, value));
    return promise;
  }
  BUILTIN_CHECK(js_async_generator_enqueue(iso, gen, mode, value, cap));
  if (mode == kGeneratorReturn && (closed || at_start)) {
    js_generator_object_set_continuation(H(gen), kGeneratorDrainingQueue);
    BUILTIN_CHECK(js_async_generator_await_return(iso, gen));
  } else if (suspended) {
    BUILTIN_CHECK(js_async_generator_resume(iso, gen, value, mode));
  }
  return promise;
}

BUILTIN(AsyncGeneratorPrototypeNext) { return async_generator_method(iso, args, kGeneratorNext); }
BUILTIN(AsyncGeneratorPrototypeReturn) { return async_generator_method(iso, args, kGeneratorReturn); }
BUILTIN(AsyncGeneratorPrototypeThrow) { return async_generator_method(iso, args, kGeneratorThrow); }

/* ---- %AsyncFromSyncIteratorPrototype% (27.1.6) ------------------------------------------ */

/* The unwrap closure (27.1.6.4 step 6): { value: v, done } with done from its context. */
Handle builtins_async_from_sync_unwrap(Isolate *iso, BuiltinArgs *args) {
  Tagged done = context_get(js_promise_closure_context(*args->target), 0);
  return runtime_create_iter_result(iso, BUILTIN_ARG(0), done == ROOT(iso, true_value));
}

/* The closeIterator closure (27.1.6.4 step 10.a): IteratorClose(sync, ThrowCompletion(error)). */
Handle builtins_async_from_sync_close(Isolate *iso, BuiltinArgs *args) {
  Handle iterator = handle_new(iso, context_get(js_promise_closure_context(*args->target), 0));
  IteratorRecord rec = {iterator, BUILTIN_UNDEFINED, false};
  isolate_throw(iso, H(BUILTIN_ARG(0)));
  runtime_iterator_close(iso, &rec, true);
  return HANDLE_NULL;
}

/* 27.1.6.4 AsyncFromSyncIteratorContinuation(result, promiseCapability, syncIteratorRecord,
 * closeOnRejection). */
static Handle async_from_sync_continuation(Isolate *iso, Handle result, Handle cap,
                                           Handle sync_iterator, bool close_on_rejection) {
  Handle d = runtime_get(iso, result, ROOT_HANDLE(iso, done_string), result);
  if (handle_is_null(d)) return js_promise_reject_with_pending(iso, cap);
  bool done = runtime_to_boolean(iso, H(d));
  Handle value = runtime_get(iso, result, ROOT_HANDLE(iso, value_string), result);
  if (handle_is_null(value)) return js_promise_reject_with_pending(iso, cap);
  Handle ctor = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_promise_function));
  Handle wrapper = js_promise_promise_resolve(iso, ctor, value);
  if (handle_is_null(wrapper)) {
    if (!done && close_on_rejection) {
      IteratorRecord rec = {sync_iterator, BUILTIN_UNDEFINED, false};
      runtime_iterator_close(iso, &rec, true);
    }
    return js_promise_reject_with_pending(iso, cap);
  }
  Handle unwrap = js_promise_new_closure(iso, kPromiseClosure_ASYNC_FROM_SYNC_UNWRAP, 1);
  BUILTIN_TRY(unwrap);
  context_set(js_promise_closure_context(H(unwrap)), 0, isolate_boolean(iso, done));
  Handle on_rejected = BUILTIN_UNDEFINED;
  if (!done && close_on_rejection) {
    on_rejected = js_promise_new_closure(iso, kPromiseClosure_ASYNC_FROM_SYNC_CLOSE, 1);
    BUILTIN_TRY(on_rejected);
    context_set(js_promise_closure_context(H(on_rejected)), 0, H(sync_iterator));
  }
  BUILTIN_TRY(js_promise_perform_then(iso, wrapper, unwrap, on_rejected, cap));
  return js_promise_capability_promise(iso, cap);
}

/* The receiver's sync iterator, or empty after rejecting cap (not one of ours). */
static Handle async_from_sync_receiver(Isolate *iso, BuiltinArgs *args, Handle cap) {
  Tagged o = *args->receiver;
  if (!is_js_async_from_sync_iterator(o)) {
    reject_with_type_error(iso, cap, "not an async-from-sync iterator");
    return HANDLE_NULL;
  }
  return handle_new(iso, js_async_from_sync_iterator_sync_iterator(o));
}

/* 27.1.6.2.1 %AsyncFromSyncIteratorPrototype%.next ( [ value ] ) */
BUILTIN(AsyncFromSyncIteratorPrototypeNext) {
  Handle cap = intrinsic_capability(iso, args);
  BUILTIN_TRY(cap);
  Handle sync = async_from_sync_receiver(iso, args, cap);
  if (handle_is_null(sync)) return js_promise_capability_promise(iso, cap);
  Handle next = handle_new(iso, js_async_from_sync_iterator_next(*args->receiver));
  Handle result = execution_call(iso, next, sync, args->argc > 0 ? 1 : 0, (Handle[]){BUILTIN_ARG(0)});
  if (!handle_is_null(result) && !is_js_receiver(H(result))) {
    return reject_with_type_error(iso, cap, "iterator result is not an object");
  }
  if (handle_is_null(result)) return js_promise_reject_with_pending(iso, cap);
  return async_from_sync_continuation(iso, result, cap, sync, true);
}

/* 27.1.6.2.2 return ( [ value ] ) and 27.1.6.2.3 throw ( [ value ] ). */
static Handle async_from_sync_abrupt(Isolate *iso, BuiltinArgs *args, bool is_return) {
  Handle cap = intrinsic_capability(iso, args);
  BUILTIN_TRY(cap);
  Handle sync = async_from_sync_receiver(iso, args, cap);
  if (handle_is_null(sync)) return js_promise_capability_promise(iso, cap);
  Handle method = runtime_get_method(iso, sync, is_return ? ROOT_HANDLE(iso, return_string)
                                                          : ROOT_HANDLE(iso, throw_string));
  if (handle_is_null(method)) return js_promise_reject_with_pending(iso, cap);
  if (is_undefined(iso, H(method))) {
    if (is_return) {
      Handle result = runtime_create_iter_result(iso, BUILTIN_ARG(0), true);
      BUILTIN_TRY(result);
      BUILTIN_CHECK(js_promise_capability_resolve(iso, cap, result));
      return js_promise_capability_promise(iso, cap);
    }
    /* No throw method: close the sync iterator, then reject with a TypeError. */
    IteratorRecord rec = {sync, BUILTIN_UNDEFINED, false};
    if (!runtime_iterator_close(iso, &rec, false)) return js_promise_reject_with_pending(iso, cap);
    return reject_with_type_error(iso, cap, "The iterator does not provide a 'throw' method");
  }
  Handle result = execution_call(iso, method, sync, args->argc > 0 ? 1 : 0, (Handle[]){BUILTIN_ARG(0)});
  if (handle_is_null(result)) return js_promise_reject_with_pending(iso, cap);
  if (!is_js_receiver(H(result))) return reject_with_type_error(iso, cap, "iterator result is not an object");
  return async_from_sync_continuation(iso, result, cap, sync, !is_return);
}

BUILTIN(AsyncFromSyncIteratorPrototypeReturn) { return async_from_sync_abrupt(iso, args, true); }
BUILTIN(AsyncFromSyncIteratorPrototypeThrow) { return async_from_sync_abrupt(iso, args, false); }

/* ---- Array.fromAsync (ES2026 23.1.2.2; test262 feature Array.fromAsync) ---------------
 * The spec's async closure runs as a state machine over one Context, its "frame": each
 * Await settles through the closures FROM_ASYNC_FULFILLED / FROM_ASYNC_REJECTED (whose
 * context is the state), which go on at the phase the state records. Any abrupt
 * completion rejects the promise (AsyncFunctionStart), after closing the iterator where
 * the spec says IfAbruptCloseAsyncIterator. */

enum {
  kFromAsyncCapability, kFromAsyncConstructor, kFromAsyncArray, kFromAsyncIndex,
  kFromAsyncMapfn,       /* undefined when not mapping */
  kFromAsyncThisArg,
  kFromAsyncIterator,    /* undefined on the array-like path */
  kFromAsyncNext, kFromAsyncArrayLike, kFromAsyncLength, kFromAsyncPhase,
  kFromAsyncError,       /* the error to reject with once the iterator is closed */
  kFromAsyncOnFulfilled, kFromAsyncOnRejected, kFromAsyncSlots
};
typedef enum {
  FROM_ASYNC_NEXT_RESULT,  /* awaiting next()'s result */
  FROM_ASYNC_ITER_MAPPED,  /* awaiting mapfn's result (iterator path) */
  FROM_ASYNC_CLOSING,      /* awaiting return()'s result before rejecting */
  FROM_ASYNC_ARRAY_VALUE,  /* awaiting arrayLike[k] */
  FROM_ASYNC_ARRAY_MAPPED, /* awaiting mapfn's result (array-like path) */
} FromAsyncPhase;

static Handle fa_get(Isolate *iso, Handle st, int slot) {
  return handle_new(iso, context_get(H(st), slot));
}

static double fa_index(Isolate *iso, Handle st) {
  return runtime_number_value(H(fa_get(iso, st, kFromAsyncIndex)));
}

/* Resolves the promise with value; undefined (the closures' result). */
static Handle fa_resolve(Isolate *iso, Handle st, Handle value) {
  BUILTIN_CHECK(js_promise_capability_resolve(iso, fa_get(iso, st, kFromAsyncCapability), value));
  return BUILTIN_UNDEFINED;
}

/* Rejects the promise with the pending exception. */
static Handle fa_reject(Isolate *iso, Handle st) {
  BUILTIN_TRY(js_promise_reject_with_pending(iso, fa_get(iso, st, kFromAsyncCapability)));
  return BUILTIN_UNDEFINED;
}

static Handle fa_reject_with(Isolate *iso, Handle st, Handle reason) {
  isolate_throw(iso, H(reason));
  return fa_reject(iso, st);
}

/* Await(value), going on at phase; false with the exception pending. */
static bool fa_await(Isolate *iso, Handle st, Handle value, FromAsyncPhase phase) {
  context_set(H(st), kFromAsyncPhase, smi_from_int(phase));
  Handle ctor = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_promise_function));
  Handle promise = js_promise_promise_resolve(iso, ctor, value);
  return !handle_is_null(promise) &&
         !handle_is_null(js_promise_perform_then(iso, promise, fa_get(iso, st, kFromAsyncOnFulfilled),
                                                 fa_get(iso, st, kFromAsyncOnRejected),
                                                 BUILTIN_UNDEFINED));
}

/* AsyncIteratorClose(iteratorRecord, the pending throw completion), then reject with it. */
static Handle fa_close_and_reject(Isolate *iso, Handle st) {
  if (isolate_exception_is_uncatchable(iso)) return HANDLE_NULL;
  Handle error = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  context_set(H(st), kFromAsyncError, H(error));
  Handle iterator = fa_get(iso, st, kFromAsyncIterator);
  Handle method = runtime_get_method(iso, iterator, ROOT_HANDLE(iso, return_string));
  Handle result = handle_is_null(method) || is_undefined(iso, H(method))
                      ? HANDLE_NULL : execution_call(iso, method, iterator, 0, NULL);
  if (handle_is_null(result) || !fa_await(iso, st, result, FROM_ASYNC_CLOSING)) {
    isolate_clear_pending_exception(iso);  /* the original throw completion wins */
    return fa_reject_with(iso, st, error);
  }
  return BUILTIN_UNDEFINED;
}

/* The iterator path's loop head: nextResult = Await(Call(next, iterator)). */
static Handle fa_iter_next(Isolate *iso, Handle st) {
  Handle result = execution_call(iso, fa_get(iso, st, kFromAsyncNext),
                                 fa_get(iso, st, kFromAsyncIterator), 0, NULL);
  if (handle_is_null(result) || !fa_await(iso, st, result, FROM_ASYNC_NEXT_RESULT))
    return fa_reject(iso, st);
  return BUILTIN_UNDEFINED;
}

/* CreateDataPropertyOrThrow(A, k, value), k + 1. */
static bool fa_store(Isolate *iso, Handle st, Handle value) {
  double k = fa_index(iso, st);
  Handle key = builtins_index_key(iso, k);
  if (handle_is_null(key) ||
      !runtime_create_data_property_or_throw(iso, fa_get(iso, st, kFromAsyncArray), key, value))
    return false;
  Handle next = builtins_number(iso, k + 1);
  if (handle_is_null(next)) return false;
  context_set(H(st), kFromAsyncIndex, H(next));
  return true;
}

/* Set(A, "length", len, true), then resolve with A. */
static Handle fa_finish(Isolate *iso, Handle st, Handle length) {
  Handle a = fa_get(iso, st, kFromAsyncArray);
  if (!runtime_set_property(iso, a, ROOT_HANDLE(iso, length_string), length, true))
    return fa_reject(iso, st);
  return fa_resolve(iso, st, a);
}

/* The array-like path's loop head: kValue = Await(Get(arrayLike, k)), or the end. */
static Handle fa_array_step(Isolate *iso, Handle st) {
  Handle length = fa_get(iso, st, kFromAsyncLength);
  double k = fa_index(iso, st);
  if (k >= runtime_number_value(H(length))) return fa_finish(iso, st, length);
  Handle value = builtins_get_index(iso, fa_get(iso, st, kFromAsyncArrayLike), k);
  if (handle_is_null(value) || !fa_await(iso, st, value, FROM_ASYNC_ARRAY_VALUE))
    return fa_reject(iso, st);
  return BUILTIN_UNDEFINED;
}

/* mapfn(value, k), awaited at phase; false with the exception pending. */
static bool fa_map(Isolate *iso, Handle st, Handle value, FromAsyncPhase phase) {
  Handle k = builtins_number(iso, fa_index(iso, st));
  if (handle_is_null(k)) return false;
  Handle argv[2] = {value, k};
  Handle mapped = execution_call(iso, fa_get(iso, st, kFromAsyncMapfn),
                                 fa_get(iso, st, kFromAsyncThisArg), 2, argv);
  return !handle_is_null(mapped) && fa_await(iso, st, mapped, phase);
}

/* An iterator result arrived (FROM_ASYNC_NEXT_RESULT, fulfilled). */
static Handle fa_next_result(Isolate *iso, Handle st, Handle result) {
  if (!is_js_receiver(H(result))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "iterator result is not an object");
    return fa_reject(iso, st);
  }
  Handle done = runtime_get(iso, result, ROOT_HANDLE(iso, done_string), result);
  if (handle_is_null(done)) return fa_reject(iso, st);
  if (runtime_to_boolean(iso, H(done))) return fa_finish(iso, st, fa_get(iso, st, kFromAsyncIndex));
  Handle value = runtime_get(iso, result, ROOT_HANDLE(iso, value_string), result);
  if (handle_is_null(value)) return fa_reject(iso, st);
  if (!is_undefined(iso, context_get(H(st), kFromAsyncMapfn))) {
    if (!fa_map(iso, st, value, FROM_ASYNC_ITER_MAPPED)) return fa_close_and_reject(iso, st);
    return BUILTIN_UNDEFINED;
  }
  if (!fa_store(iso, st, value)) return fa_close_and_reject(iso, st);
  return fa_iter_next(iso, st);
}

/* An Await settled: value is the fulfillment value, or the reason when rejected. */
static Handle fa_continue(Isolate *iso, BuiltinArgs *args, bool rejected) {
  Handle st = handle_new(iso, js_promise_closure_context(*args->target));
  Handle value = BUILTIN_ARG(0);
  switch ((FromAsyncPhase)smi_value(context_get(H(st), kFromAsyncPhase))) {
    case FROM_ASYNC_NEXT_RESULT:
      return rejected ? fa_reject_with(iso, st, value) : fa_next_result(iso, st, value);
    case FROM_ASYNC_ITER_MAPPED:
      if (rejected) return isolate_throw(iso, H(value)), fa_close_and_reject(iso, st);
      if (!fa_store(iso, st, value)) return fa_close_and_reject(iso, st);
      return fa_iter_next(iso, st);
    case FROM_ASYNC_CLOSING:
      return fa_reject_with(iso, st, fa_get(iso, st, kFromAsyncError));
    case FROM_ASYNC_ARRAY_VALUE:
      if (rejected) return fa_reject_with(iso, st, value);
      if (!is_undefined(iso, context_get(H(st), kFromAsyncMapfn))) {
        return fa_map(iso, st, value, FROM_ASYNC_ARRAY_MAPPED) ? BUILTIN_UNDEFINED : fa_reject(iso, st);
      }
      return fa_store(iso, st, value) ? fa_array_step(iso, st) : fa_reject(iso, st);
    case FROM_ASYNC_ARRAY_MAPPED:
      if (rejected) return fa_reject_with(iso, st, value);
      return fa_store(iso, st, value) ? fa_array_step(iso, st) : fa_reject(iso, st);
  }
  return BUILTIN_UNDEFINED;
}

Handle builtins_array_from_async_fulfilled(Isolate *iso, BuiltinArgs *args) {
  return fa_continue(iso, args, false);
}
Handle builtins_array_from_async_rejected(Isolate *iso, BuiltinArgs *args) {
  return fa_continue(iso, args, true);
}

/* GetIteratorFromMethod(obj, method) for fromAsync: the iterator and its next method in the
 * state; an async-from-sync iterator around a sync one. false with the exception pending. */
static bool fa_iterator(Isolate *iso, Handle st, Handle items, Handle method, bool sync) {
  Handle it = execution_call(iso, method, items, 0, NULL);
  if (handle_is_null(it)) return false;
  if (!is_js_receiver(H(it))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Result of the iterator method is not an object");
    return false;
  }
  Handle next = runtime_get(iso, it, ROOT_HANDLE(iso, next_string), it);
  if (handle_is_null(next)) return false;
  if (sync) {  /* 27.1.6.1 CreateAsyncFromSyncIterator */
    Handle map = handle_new(iso, context_get(iso->native_context,
                                             NATIVE_CONTEXT_async_from_sync_iterator_map));
    Handle wrapper = factory_new_js_object_from_map(iso, map);
    if (handle_is_null(wrapper)) return false;
    js_async_from_sync_iterator_set_sync_iterator(H(wrapper), H(it));
    js_async_from_sync_iterator_set_next(H(wrapper), H(next));
    it = wrapper;
    next = runtime_get(iso, it, ROOT_HANDLE(iso, next_string), it);
    if (handle_is_null(next)) return false;
  }
  context_set(H(st), kFromAsyncIterator, H(it));
  context_set(H(st), kFromAsyncNext, H(next));
  return true;
}

/* A = IsConstructor(C) ? Construct(C, args) : ArrayCreate(length). */
static bool fa_make_array(Isolate *iso, Handle st, int argc, Handle length) {
  Handle c = fa_get(iso, st, kFromAsyncConstructor);
  Handle a = runtime_is_constructor(H(c))
                 ? execution_construct(iso, c, argc, &length, HANDLE_NULL)
                 : runtime_new_array(iso, argc ? runtime_number_value(H(length)) : 0);
  if (handle_is_null(a)) return false;
  context_set(H(st), kFromAsyncArray, H(a));
  return true;
}

/* The closure's steps up to its first await. */
static Handle fa_start(Isolate *iso, Handle st, Handle items) {
  Handle mapfn = fa_get(iso, st, kFromAsyncMapfn);
  if (!is_undefined(iso, H(mapfn)) && !runtime_is_callable(H(mapfn))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Array.fromAsync: the mapper is not a function");
    return fa_reject(iso, st);
  }
  Handle method = runtime_get_method(iso, items, ROOT_HANDLE(iso, async_iterator_symbol));
  if (handle_is_null(method)) return fa_reject(iso, st);
  bool sync = is_undefined(iso, H(method));
  if (sync) method = runtime_get_method(iso, items, ROOT_HANDLE(iso, iterator_symbol));
  if (handle_is_null(method)) return fa_reject(iso, st);
  if (!is_undefined(iso, H(method))) {
    if (!fa_iterator(iso, st, items, method, sync) || !fa_make_array(iso, st, 0, BUILTIN_UNDEFINED))
      return fa_reject(iso, st);
    return fa_iter_next(iso, st);
  }
  Handle array_like = runtime_to_object(iso, items);
  double length;
  if (handle_is_null(array_like) || !runtime_length_of_array_like(iso, array_like, &length))
    return fa_reject(iso, st);
  Handle len = builtins_number(iso, length);
  if (handle_is_null(len) || !fa_make_array(iso, st, 1, len)) return fa_reject(iso, st);
  context_set(H(st), kFromAsyncArrayLike, H(array_like));
  context_set(H(st), kFromAsyncLength, H(len));
  return fa_array_step(iso, st);
}

/* Array.fromAsync ( asyncItems [ , mapfn [ , thisArg ] ] ) */
static Handle Builtin_ArrayFromAsync(Isolate *iso, BuiltinArgs *args) {
  Handle cap = intrinsic_capability(iso, args);
  BUILTIN_TRY(cap);
  Handle realm = builtins_realm(iso, args);
  Handle st = context_new(iso, BUILTIN_UNDEFINED, realm, realm, kFromAsyncSlots);
  BUILTIN_TRY(st);
  context_set(H(st), kFromAsyncCapability, H(cap));
  context_set(H(st), kFromAsyncConstructor, *args->receiver);
  context_set(H(st), kFromAsyncIndex, smi_from_int(0));
  context_set(H(st), kFromAsyncMapfn, H(BUILTIN_ARG(1)));
  context_set(H(st), kFromAsyncThisArg, H(BUILTIN_ARG(2)));
  static const PromiseClosureKind kKinds[2] = {kPromiseClosure_FROM_ASYNC_FULFILLED,
                                                kPromiseClosure_FROM_ASYNC_REJECTED};
  for (int i = 0; i < 2; i++) {
    Handle fn = js_promise_new_closure(iso, kKinds[i], 0);
    BUILTIN_TRY(fn);
    js_function_set_context(H(fn), H(st));
    context_set(H(st), kFromAsyncOnFulfilled + i, H(fn));
  }
  BUILTIN_TRY(fa_start(iso, st, BUILTIN_ARG(0)));
  return js_promise_capability_promise(iso, cap);
}

#define INSTALL_CHECK(ok)                 \
  do {                                    \
    if (!(ok)) return false;              \
  } while (0)

/* 27.7.1.1 AsyncFunction ( ...parameterArgs, bodyArg ) */
static Handle Builtin_AsyncFunctionConstructor(Isolate *iso, BuiltinArgs *args) {
  return builtins_create_dynamic_function(iso, args, 2);
}

/* 27.4.1.1 AsyncGeneratorFunction ( ...parameterArgs, bodyArg ) */
static Handle Builtin_AsyncGeneratorFunctionConstructor(Isolate *iso, BuiltinArgs *args) {
  return builtins_create_dynamic_function(iso, args, 3);
}

/* 27.1.3.1 %AsyncIteratorPrototype% [ @@asyncIterator ] ( ) */
static Handle Builtin_AsyncIteratorPrototypeAsyncIterator(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(iso);
  return builtin_receiver(args);
}

/* %AsyncFunction%, %AsyncFunction.prototype% and the maps of async functions. */
static bool async_install_functions(Isolate *iso, Handle nc) {
  Handle function_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_prototype);
  Handle function_fn = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_function);
  Handle afp = builtins_new_object_with_proto(iso, nc, function_proto);
  INSTALL_CHECK(!handle_is_null(afp));
  INSTALL_CHECK(builtins_install_to_string_tag(iso, afp, "AsyncFunction"));
  Handle ctor = builtins_install_hidden_constructor(iso, nc, "AsyncFunction",
                                                    Builtin_AsyncFunctionConstructor, afp,
                                                    function_fn);
  INSTALL_CHECK(!handle_is_null(ctor));
  context_set(H(nc), NATIVE_CONTEXT_async_function_function, H(ctor));
  context_set(H(nc), NATIVE_CONTEXT_async_function_prototype, H(afp));
  Handle method_map = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_method_map);
  Handle map = map_copy_with_prototype(iso, method_map, afp);
  INSTALL_CHECK(!handle_is_null(map));
  context_set(H(nc), NATIVE_CONTEXT_async_function_map, H(map));
  Handle object_map = builtins_new_internal_map(iso, JS_ASYNC_FUNCTION_OBJECT_TYPE,
                                                ROOT_HANDLE(iso, null_value));
  INSTALL_CHECK(!handle_is_null(object_map));
  context_set(H(nc), NATIVE_CONTEXT_async_function_object_map, H(object_map));
  return true;
}

/* %AsyncIteratorPrototype%, %AsyncGeneratorFunction%, its prototype, %AsyncGeneratorPrototype%
 * and the maps of async generator functions and their objects. */
static bool async_install_generators(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle function_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_prototype);
  Handle function_fn = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_function);
  Handle aip = builtins_new_object_with_proto(iso, nc, object_proto);
  INSTALL_CHECK(!handle_is_null(aip));
  INSTALL_CHECK(!handle_is_null(builtins_install_method(
      iso, nc, aip, "@@asyncIterator", Builtin_AsyncIteratorPrototypeAsyncIterator, 0)));
  context_set(H(nc), NATIVE_CONTEXT_async_iterator_prototype, H(aip));
  Handle agfp = builtins_new_object_with_proto(iso, nc, function_proto);
  INSTALL_CHECK(!handle_is_null(agfp));
  Handle agp = builtins_new_object_with_proto(iso, nc, aip);
  INSTALL_CHECK(!handle_is_null(agp));
  INSTALL_CHECK(builtins_install_to_string_tag(iso, agp, "AsyncGenerator"));
  INSTALL_CHECK(builtins_install_methods(iso, nc, agp, kAsyncGeneratorPrototypeBuiltins,
                                         KILN_ARRAY_SIZE(kAsyncGeneratorPrototypeBuiltins)));
  INSTALL_CHECK(builtins_define_value(iso, agp, "constructor", agfp, READ_ONLY | DONT_ENUM));
  INSTALL_CHECK(builtins_define_value(iso, agfp, "prototype", agp, READ_ONLY | DONT_ENUM));
  INSTALL_CHECK(builtins_install_to_string_tag(iso, agfp, "AsyncGeneratorFunction"));
  Handle ctor = builtins_install_hidden_constructor(iso, nc, "AsyncGeneratorFunction",
                                                    Builtin_AsyncGeneratorFunctionConstructor,
                                                    agfp, function_fn);
  INSTALL_CHECK(!handle_is_null(ctor));
  context_set(H(nc), NATIVE_CONTEXT_async_generator_function_function, H(ctor));
  context_set(H(nc), NATIVE_CONTEXT_async_generator_function_prototype, H(agfp));
  context_set(H(nc), NATIVE_CONTEXT_async_generator_prototype, H(agp));
  Handle gen_fn_map = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_generator_function_map);
  Handle map = map_copy_with_prototype(iso, gen_fn_map, agfp);
  INSTALL_CHECK(!handle_is_null(map));
  context_set(H(nc), NATIVE_CONTEXT_async_generator_function_map, H(map));
  Handle object_map = builtins_new_internal_map(iso, JS_ASYNC_GENERATOR_OBJECT_TYPE, agp);
  INSTALL_CHECK(!handle_is_null(object_map));
  context_set(H(nc), NATIVE_CONTEXT_async_generator_object_map, H(object_map));
  /* 27.1.6.2 %AsyncFromSyncIteratorPrototype% */
  Handle afsp = builtins_new_object_with_proto(iso, nc, aip);
  INSTALL_CHECK(!handle_is_null(afsp));
  INSTALL_CHECK(builtins_install_methods(iso, nc, afsp, kAsyncFromSyncIteratorPrototypeBuiltins,
                                         KILN_ARRAY_SIZE(kAsyncFromSyncIteratorPrototypeBuiltins)));
  context_set(H(nc), NATIVE_CONTEXT_async_from_sync_iterator_prototype, H(afsp));
  Handle afs_map = builtins_new_internal_map(iso, JS_ASYNC_FROM_SYNC_ITERATOR_TYPE, afsp);
  INSTALL_CHECK(!handle_is_null(afs_map));
  context_set(H(nc), NATIVE_CONTEXT_async_from_sync_iterator_map, H(afs_map));
  return true;
}

bool builtins_install_async(Isolate *iso, Handle nc) {
  Handle array_fn = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_array_function);
  return async_install_functions(iso, nc) && async_install_generators(iso, nc) &&
         !handle_is_null(builtins_install_method(iso, nc, array_fn, "fromAsync",
                                                 Builtin_ArrayFromAsync, 1));
}
