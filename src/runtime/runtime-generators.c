/*
 * runtime-generators.c: the runtime functions of resumable functions (generators, async
 * functions, async generators): creating their objects from the running frame, and the
 * steps of await.
 */
#include "execution/execution.h"
#include "heap/factory.h"
#include "interpreter/interpreter-internal.h"
#include "objects/js-function.h"
#include "objects/js-generator.h"
#include "objects/js-promise.h"
#include "objects/map.h"
#include "objects/shared-function-info.h"
#include "runtime/runtime-functions.h"

/* The map of a generator object of closure: base (a realm map) with the prototype
 * OrdinaryCreateFromConstructor(closure, fallback) finds. A generator function is never a
 * constructor, so its prototype_or_initial_map field caches the map while "prototype"
 * stays the same. May run a getter (never in practice: the property is a data field). */
static Handle generator_object_map(Isolate *iso, Handle closure, int fallback_slot,
                                   int base_slot) {
  Handle proto = runtime_get(iso, closure, ROOT_HANDLE(iso, prototype_string), closure);
  if (handle_is_null(proto)) return proto;
  Tagged realm = js_function_native_context(H(closure));
  if (!is_js_receiver(H(proto))) proto = handle_new(iso, context_get(realm, fallback_slot));
  Handle base = handle_new(iso, context_get(realm, base_slot));
  if (map_prototype(H(base)) == H(proto)) return base;
  Tagged cached = js_function_prototype_or_initial_map(H(closure));
  if (is_map(cached) && map_prototype(cached) == H(proto) &&
      map_instance_type(cached) == map_instance_type(H(base))) {
    return handle_new(iso, cached);
  }
  Handle map = map_copy_with_prototype(iso, base, proto);
  if (!handle_is_null(map)) js_function_set_prototype_or_initial_map(H(closure), H(map));
  return map;
}

/* A generator object of type for the current frame, with map: function, receiver, state
 * executing, and a save area for the frame's parameters and registers. */
static Handle generator_object_new(Isolate *iso, Handle map) {
  JSFrame *f = interpreter_current_frame(iso);
  int slots = f->param_slots + (int)bytecode_array_frame_size(frame_bytecode(f));
  Handle saved = factory_new_fixed_array(iso, slots);
  if (handle_is_null(saved)) return saved;
  Handle gen = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(gen)) return gen;
  Tagged g = H(gen);
  js_generator_object_set_function(g, frame_closure(f));
  js_generator_object_set_context(g, frame_context(f));
  js_generator_object_set_receiver(g, *frame_receiver_slot(f));
  js_generator_object_set_resume_mode(g, kGeneratorNext);
  js_generator_object_set_continuation(g, kGeneratorExecuting);
  js_generator_object_set_parameters_and_registers(g, H(saved));
  return gen;
}

/* ES2025 15.5.2 EvaluateGeneratorBody step 2 (and 15.6.2 for async generators):
 * OrdinaryCreateFromConstructor(functionObject, "%GeneratorFunction.prototype.prototype%"). */
RUNTIME_FUNCTION(CreateGeneratorObject) {
  KILN_UNUSED(argc);
  KILN_UNUSED(args);
  JSFrame *f = interpreter_current_frame(iso);
  Handle closure = handle_new(iso, frame_closure(f));
  bool async = sfi_is_async(js_function_shared(H(closure)));
  Handle map = generator_object_map(
      iso, closure,
      async ? NATIVE_CONTEXT_async_generator_prototype : NATIVE_CONTEXT_generator_prototype,
      async ? NATIVE_CONTEXT_async_generator_object_map : NATIVE_CONTEXT_generator_object_map);
  if (handle_is_null(map)) return map;
  Handle gen = generator_object_new(iso, map);
  if (handle_is_null(gen) || !async) return gen;
  js_async_generator_object_set_queue(H(gen), ROOT(iso, undefined_value));
  js_async_generator_object_set_is_awaiting(H(gen), 0);
  return gen;
}

RUNTIME_FUNCTION(GeneratorGetResumeMode) {
  KILN_UNUSED(argc);
  return handle_new(iso, smi_from_int((int32_t)js_generator_object_resume_mode(args[0])));
}

/* ---- async functions (ES2025 27.7.5) ------------------------------------------------- */

/* 27.7.5.1 AsyncFunctionStart's object: the frame's generator object and the promise of
 * the call (NewPromiseCapability(%Promise%), made before the parameters are bound so
 * their errors reject it). */
RUNTIME_FUNCTION(CreateAsyncFunctionObject) {
  KILN_UNUSED(argc);
  KILN_UNUSED(args);
  Handle realm = handle_new(iso, iso->native_context);
  Handle promise = js_promise_new(iso, realm);
  if (handle_is_null(promise)) return promise;
  Handle map = handle_new(iso, context_get(H(realm), NATIVE_CONTEXT_async_function_object_map));
  Handle gen = generator_object_new(iso, map);
  if (!handle_is_null(gen)) js_async_function_object_set_promise(H(gen), H(promise));
  return gen;
}

/* 27.7.5.3 Await(value) steps 2-9 (the suspension is the bytecode's): the generator object
 * is both reactions (js-promise.h: an internal await resumes it). Returns what the frame
 * gives back when it suspends: an async function's promise (its caller's result on the
 * first run), undefined for an async generator. */
RUNTIME_FUNCTION(AsyncFunctionAwait) {
  KILN_UNUSED(argc);
  Handle gen = {&args[0]}, value = {&args[1]};
  Handle ctor = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_promise_function));
  Handle promise = js_promise_promise_resolve(iso, ctor, value);
  if (handle_is_null(promise)) return promise;
  if (handle_is_null(js_promise_perform_then(iso, promise, gen, gen,
                                             ROOT_HANDLE(iso, undefined_value))))
    return HANDLE_NULL;
  if (!is_js_async_function_object(H(gen))) {
    js_async_generator_object_set_is_awaiting(H(gen), 1);
    return ROOT_HANDLE(iso, undefined_value);
  }
  return handle_new(iso, js_async_function_object_promise(H(gen)));
}

/* 27.7.5.2 AsyncBlockStart step 3.e-f: the body returned value: resolve the promise. */
RUNTIME_FUNCTION(AsyncFunctionResolve) {
  KILN_UNUSED(argc);
  Handle promise = handle_new(iso, js_async_function_object_promise(args[0]));
  if (!js_promise_resolve(iso, promise, (Handle){&args[1]})) return HANDLE_NULL;
  return promise;
}

/* 27.7.5.2 AsyncBlockStart step 3.g: the body (or the parameters) threw: reject it. */
RUNTIME_FUNCTION(AsyncFunctionReject) {
  KILN_UNUSED(argc);
  Handle promise = handle_new(iso, js_async_function_object_promise(args[0]));
  if (!js_promise_reject(iso, promise, (Handle){&args[1]})) return HANDLE_NULL;
  return promise;
}

/* ---- async generators (ES2025 27.6.3) --------------------------------------------------- */

/* 27.6.3.8 AsyncGeneratorYield steps 5-8 (the value is already awaited; the bytecode then
 * suspends, and js_async_generator_resume goes on at once if another request waits). */
RUNTIME_FUNCTION(AsyncGeneratorYield) {
  KILN_UNUSED(argc);
  Handle gen = {&args[0]};
  if (!js_async_generator_complete_step(iso, gen, (Handle){&args[1]}, false, false))
    return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

/* 27.6.3.2 AsyncGeneratorStart step 4: the body returned (or threw) args[1]. */
RUNTIME_FUNCTION(AsyncGeneratorBodyComplete) {
  KILN_UNUSED(argc);
  Handle gen = {&args[0]};
  bool is_throw = args[2] == ROOT(iso, true_value);
  if (!js_async_generator_body_complete(iso, gen, (Handle){&args[1]}, is_throw)) return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

/* 27.1.6.1 CreateAsyncFromSyncIterator(syncIteratorRecord): the async iterator object. */
static Handle async_from_sync_iterator(Isolate *iso, IteratorRecord *sync) {
  Handle map = handle_new(iso, context_get(iso->native_context,
                                           NATIVE_CONTEXT_async_from_sync_iterator_map));
  Handle it = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(it)) return it;
  js_async_from_sync_iterator_set_sync_iterator(H(it), H(sync->iterator));
  js_async_from_sync_iterator_set_next(H(it), H(sync->next));
  return it;
}

/* 7.4.3 GetIterator(obj, async): the iterator object (the caller reads "next"). */
RUNTIME_FUNCTION(GetAsyncIterator) {
  KILN_UNUSED(argc);
  Handle obj = {&args[0]};
  Handle method = runtime_get_method(iso, obj, ROOT_HANDLE(iso, async_iterator_symbol));
  if (handle_is_null(method)) return method;
  if (is_undefined(iso, H(method))) {
    IteratorRecord sync;
    if (!runtime_get_iterator(iso, obj, &sync)) return HANDLE_NULL;
    return async_from_sync_iterator(iso, &sync);
  }
  Handle it = execution_call(iso, method, obj, 0, NULL);
  if (handle_is_null(it)) return it;
  if (!is_js_receiver(H(it))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Result of the Symbol.asyncIterator method is not an object");
    return HANDLE_NULL;
  }
  return it;
}
