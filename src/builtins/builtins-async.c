/*
 * builtins-async.c: ES2025 27.7 AsyncFunction objects, 27.4 AsyncGeneratorFunction
 * objects, 27.6 AsyncGenerator objects, 27.1.3 %AsyncIteratorPrototype% and 27.1.6
 * %AsyncFromSyncIteratorPrototype%.
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
  return async_install_functions(iso, nc) && async_install_generators(iso, nc);
}
