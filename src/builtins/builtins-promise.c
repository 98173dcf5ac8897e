/*
 * builtins-promise.c: ES2025 27.2 Promise objects: the constructor, Promise.all,
 * allSettled, any, race, reject, resolve, try, withResolvers, @@species, and
 * Promise.prototype.then/catch/finally; and the await-dictionary proposal's allKeyed and
 * allSettledKeyed (test262's feature of that name). The abstract operations (resolving functions,
 * capabilities, PerformPromiseThen, the jobs) are in objects/js-promise.c.
 *
 * The combinators share one "state" Context per call: | values | capability | remaining |
 * count | (values: a FixedArray growing as the iteration goes, count its used length).
 * Each element function's own context holds | already called | index | and has the state
 * as its previous context (allSettled's pair shares one, so [[AlreadyCalled]] is shared).
 */
#include <stdlib.h>

#include "builtins/builtins-utils.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-generator.h"
#include "objects/js-objects.h"
#include "objects/js-promise.h"

#define PROMISE_BUILTINS(V)                       \
  V(PromiseAll, "all", 1)                         \
  V(PromiseAllSettled, "allSettled", 1)           \
  V(PromiseAllKeyed, "allKeyed", 1)               \
  V(PromiseAllSettledKeyed, "allSettledKeyed", 1) \
  V(PromiseAny, "any", 1)                         \
  V(PromiseRace, "race", 1)                       \
  V(PromiseReject, "reject", 1)                   \
  V(PromiseResolve, "resolve", 1)                 \
  V(PromiseTry, "try", 1)                         \
  V(PromiseWithResolvers, "withResolvers", 0)
#define PROMISE_PROTOTYPE_BUILTINS(V)             \
  V(PromisePrototypeThen, "then", 2)              \
  V(PromisePrototypeCatch, "catch", 1)            \
  V(PromisePrototypeFinally, "finally", 1)

PROMISE_BUILTINS(BUILTIN_DECLARE)
PROMISE_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
static const BuiltinSpec kPromiseBuiltins[] = {PROMISE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kPromisePrototypeBuiltins[] = {PROMISE_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

/* ---- helpers ------------------------------------------------------------------------- */

/* A capability's resolve and reject as functions a caller can pass around: an internal
 * capability gets real resolving functions now (as NewPromiseCapability would have made). */
static bool capability_materialize(Isolate *iso, Handle cap) {
  if (!is_undefined(iso, fixed_array_get(H(cap), kCapabilityResolve))) return true;
  Handle fns[2];
  if (!js_promise_create_resolving_functions(iso, js_promise_capability_promise(iso, cap), fns))
    return false;
  fixed_array_set(H(cap), kCapabilityResolve, H(fns[0]));
  fixed_array_set(H(cap), kCapabilityReject, H(fns[1]));
  return true;
}

static Handle capability_field(Isolate *iso, Handle cap, int field) {
  return handle_new(iso, fixed_array_get(H(cap), field));
}

/* The realm's %Promise%. */
static Handle intrinsic_promise(Isolate *iso, BuiltinArgs *args) {
  return handle_new(iso, context_get(H(builtins_realm(iso, args)), NATIVE_CONTEXT_promise_function));
}

/* `this` must be an object (the C of the static methods). */
static Handle receiver_object(Isolate *iso, BuiltinArgs *args, const char *method) {
  Handle c = builtin_receiver(args);
  if (!is_js_receiver(H(c))) {
    return builtins_throw_type_error(iso, "Promise.%s called on a non-object", method);
  }
  return c;
}

/* Invoke(value, "then", «a, b») */
static Handle invoke_then(Isolate *iso, Handle value, Handle a, Handle b) {
  Handle argv[2] = {a, b};
  Handle key = builtins_string(iso, "then");
  BUILTIN_TRY(key);
  return runtime_invoke(iso, value, key, 2, argv);
}

/* ---- the constructor (27.2.3.1) ------------------------------------------------------ */

static Handle Builtin_PromiseConstructor(Isolate *iso, BuiltinArgs *args) {
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Promise constructor cannot be invoked without 'new'");
  }
  Handle executor = BUILTIN_ARG(0);
  if (!runtime_is_callable(H(executor))) {
    return builtins_throw_type_error(iso, "Promise resolver is not a function");
  }
  Handle realm = builtins_realm(iso, args);
  Handle base = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_promise_map);
  Handle map = builtins_map_from_constructor(iso, builtin_new_target(args),
                                             NATIVE_CONTEXT_promise_prototype, base);
  BUILTIN_TRY(map);
  Handle promise = js_promise_new_with_map(iso, map);
  BUILTIN_TRY(promise);
  Handle fns[2];
  BUILTIN_CHECK(js_promise_create_resolving_functions(iso, promise, fns));
  if (handle_is_null(execution_call(iso, executor, BUILTIN_UNDEFINED, 2, fns))) {
    if (isolate_exception_is_uncatchable(iso)) return HANDLE_NULL;
    Handle error = handle_new(iso, iso->pending_exception);
    isolate_clear_pending_exception(iso);
    BUILTIN_TRY(execution_call(iso, fns[1], BUILTIN_UNDEFINED, 1, &error));
  }
  return promise;
}

/* 27.2.4.9 get Promise [ @@species ] */
static Handle Builtin_PromiseSpecies(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(iso);
  return builtin_receiver(args);
}

/* ---- Promise.prototype (27.2.5) -------------------------------------------------------- */

/* 27.2.5.4 Promise.prototype.then ( onFulfilled, onRejected ) */
BUILTIN(PromisePrototypeThen) {
  Handle promise = builtin_receiver(args);
  if (!is_js_promise(H(promise))) {
    return builtins_throw_type_error(iso, "Promise.prototype.then called on a non-promise");
  }
  Handle c = runtime_species_constructor(iso, promise, intrinsic_promise(iso, args));
  BUILTIN_TRY(c);
  Handle cap = js_promise_new_capability(iso, c);
  BUILTIN_TRY(cap);
  return js_promise_perform_then(iso, promise, BUILTIN_ARG(0), BUILTIN_ARG(1), cap);
}

/* 27.2.5.1 Promise.prototype.catch ( onRejected ) */
BUILTIN(PromisePrototypeCatch) {
  return invoke_then(iso, builtin_receiver(args), BUILTIN_UNDEFINED, BUILTIN_ARG(0));
}

enum { kFinallyOnFinally, kFinallyConstructor, kFinallySlots };

/* 27.2.5.3 Promise.prototype.finally ( onFinally ) */
BUILTIN(PromisePrototypeFinally) {
  Handle promise = builtin_receiver(args);
  if (!is_js_receiver(H(promise))) {
    return builtins_throw_type_error(iso, "Promise.prototype.finally called on a non-object");
  }
  Handle c = runtime_species_constructor(iso, promise, intrinsic_promise(iso, args));
  BUILTIN_TRY(c);
  Handle on_finally = BUILTIN_ARG(0);
  if (!runtime_is_callable(H(on_finally))) return invoke_then(iso, promise, on_finally, on_finally);
  Handle then_finally = js_promise_new_closure(iso, kPromiseClosure_THEN_FINALLY, kFinallySlots);
  BUILTIN_TRY(then_finally);
  Tagged context = js_promise_closure_context(H(then_finally));
  context_set(context, kFinallyOnFinally, H(on_finally));
  context_set(context, kFinallyConstructor, H(c));
  Handle ctx = handle_new(iso, context);
  Handle catch_finally = js_promise_new_closure(iso, kPromiseClosure_CATCH_FINALLY, 0);
  BUILTIN_TRY(catch_finally);
  js_function_set_context(H(catch_finally), H(ctx)); /* the same captured values */
  return invoke_then(iso, promise, then_finally, catch_finally);
}

/* thenFinally / catchFinally (27.2.5.3 steps 6.a, 6.c): call onFinally, then chain a
 * closure of kind (value thunk or thrower) holding value onto PromiseResolve(C, result). */
static Handle finally_step(Isolate *iso, BuiltinArgs *args, PromiseClosureKind kind) {
  Tagged context = js_promise_closure_context(*args->target);
  Handle on_finally = handle_new(iso, context_get(context, kFinallyOnFinally));
  Handle c = handle_new(iso, context_get(context, kFinallyConstructor));
  Handle result = execution_call(iso, on_finally, BUILTIN_UNDEFINED, 0, NULL);
  BUILTIN_TRY(result);
  Handle p = js_promise_promise_resolve(iso, c, result);
  BUILTIN_TRY(p);
  Handle thunk = js_promise_new_closure(iso, kind, 1);
  BUILTIN_TRY(thunk);
  context_set(js_promise_closure_context(H(thunk)), 0, H(BUILTIN_ARG(0)));
  Handle argv[1] = {thunk};
  Handle key = builtins_string(iso, "then");
  BUILTIN_TRY(key);
  return runtime_invoke(iso, p, key, 1, argv);
}

static Handle Builtin_PromiseThenFinally(Isolate *iso, BuiltinArgs *args) {
  return finally_step(iso, args, kPromiseClosure_VALUE_THUNK);
}
static Handle Builtin_PromiseCatchFinally(Isolate *iso, BuiltinArgs *args) {
  return finally_step(iso, args, kPromiseClosure_THROWER);
}
static Handle Builtin_PromiseValueThunk(Isolate *iso, BuiltinArgs *args) {
  return handle_new(iso, context_get(js_promise_closure_context(*args->target), 0));
}
static Handle Builtin_PromiseThrower(Isolate *iso, BuiltinArgs *args) {
  isolate_throw(iso, context_get(js_promise_closure_context(*args->target), 0));
  return HANDLE_NULL;
}

/* ---- Promise.resolve, reject, try, withResolvers --------------------------------------- */

/* 27.2.4.7 Promise.resolve ( x ) */
BUILTIN(PromiseResolve) {
  Handle c = receiver_object(iso, args, "resolve");
  BUILTIN_TRY(c);
  return js_promise_promise_resolve(iso, c, BUILTIN_ARG(0));
}

/* 27.2.4.6 Promise.reject ( r ) */
BUILTIN(PromiseReject) {
  Handle cap = js_promise_new_capability(iso, builtin_receiver(args));
  BUILTIN_TRY(cap);
  BUILTIN_CHECK(js_promise_capability_reject(iso, cap, BUILTIN_ARG(0)));
  return js_promise_capability_promise(iso, cap);
}

/* 27.2.4.8 Promise.try ( callback, ...args ) */
BUILTIN(PromiseTry) {
  Handle c = receiver_object(iso, args, "try");
  BUILTIN_TRY(c);
  Handle cap = js_promise_new_capability(iso, c);
  BUILTIN_TRY(cap);
  int argc = args->argc > 1 ? args->argc - 1 : 0;
  Handle *argv = argc ? malloc(sizeof(Handle) * (size_t)argc) : NULL;
  if (argc && argv == NULL) FATAL("out of memory");
  for (int i = 0; i < argc; i++) argv[i] = (Handle){&args->argv[i + 1]};
  Handle status = execution_call(iso, BUILTIN_ARG(0), BUILTIN_UNDEFINED, argc, argv);
  free(argv);
  if (handle_is_null(status)) return js_promise_reject_with_pending(iso, cap);
  BUILTIN_CHECK(js_promise_capability_resolve(iso, cap, status));
  return js_promise_capability_promise(iso, cap);
}

/* 27.2.4.10 Promise.withResolvers ( ) */
BUILTIN(PromiseWithResolvers) {
  Handle cap = js_promise_new_capability(iso, builtin_receiver(args));
  BUILTIN_TRY(cap);
  BUILTIN_CHECK(capability_materialize(iso, cap));
  Handle obj = runtime_new_object(iso);
  BUILTIN_TRY(obj);
  static const char *const kNames[] = {"promise", "resolve", "reject"};
  for (int i = 0; i < 3; i++) {
    Handle key = builtins_string(iso, kNames[i]);
    BUILTIN_TRY(key);
    BUILTIN_CHECK(runtime_create_data_property_or_throw(iso, obj, key, capability_field(iso, cap, i)));
  }
  return obj;
}

/* ---- the combinators (27.2.4.1-27.2.4.5) ------------------------------------------------ */

enum { kStateValues, kStateCapability, kStateRemaining, kStateCount, kStateKeys, kStateSlots };
enum { kElementAlreadyCalled, kElementIndex, kElementSlots };

typedef enum { COMBINE_ALL, COMBINE_ALL_SETTLED, COMBINE_ANY } CombinatorKind;

static int state_remaining(Tagged state) { return smi_value(context_get(state, kStateRemaining)); }
static void state_set_remaining(Tagged state, int n) {
  context_set(state, kStateRemaining, smi_from_int(n));
}

/* await-dictionary's CreateKeyedPromiseCombinatorResultObject(keys, values): a
 * null-prototype object with a data property per key, in order. */
static Handle state_keyed_result(Isolate *iso, Handle state) {
  int count = smi_value(context_get(H(state), kStateCount));
  Handle keys = handle_new(iso, context_get(H(state), kStateKeys));
  Handle values = handle_new(iso, context_get(H(state), kStateValues));
  Handle null_proto = ROOT_HANDLE(iso, null_value);
  Handle obj = runtime_object_create(iso, null_proto);
  BUILTIN_TRY(obj);
  for (int i = 0; i < count; i++) {
    Handle key = handle_new(iso, fixed_array_get(H(keys), i));
    Handle v = handle_new(iso, fixed_array_get(H(values), i));
    BUILTIN_CHECK(runtime_create_data_property_or_throw(iso, obj, key, v));
  }
  return obj;
}

/* The values (or errors) as an array, or the keyed object of allKeyed/allSettledKeyed. */
static Handle state_values_array(Isolate *iso, Handle state) {
  if (is_fixed_array(context_get(H(state), kStateKeys))) return state_keyed_result(iso, state);
  int count = smi_value(context_get(H(state), kStateCount));
  Handle list = handle_new(iso, context_get(H(state), kStateValues));
  Handle array = runtime_new_array(iso, count);
  BUILTIN_TRY(array);
  for (int i = 0; i < count; i++) {
    Handle v = handle_new(iso, fixed_array_get(H(list), i));
    BUILTIN_CHECK(builtins_create_data_index(iso, array, i, v));
  }
  return array;
}

/* Makes room for element count in the state's list in slot. */
static bool state_grow(Isolate *iso, Handle state, int slot, int count) {
  Handle list = handle_new(iso, context_get(H(state), slot));
  if (count < fixed_array_length(H(list))) return true;
  list = factory_copy_fixed_array(iso, list, 2 * count + 4, ROOT(iso, undefined_value));
  if (handle_is_null(list)) return false;
  context_set(H(state), slot, H(list));
  return true;
}

/* Appends undefined to the values (and key to the keys of a keyed combinator); returns
 * its index, or -1 (out of memory). */
static int state_append(Isolate *iso, Handle state, Handle key) {
  int count = smi_value(context_get(H(state), kStateCount));
  if (!state_grow(iso, state, kStateValues, count)) return -1;
  if (!handle_is_null(key)) {
    if (!state_grow(iso, state, kStateKeys, count)) return -1;
    fixed_array_set(context_get(H(state), kStateKeys), count, H(key));
  }
  context_set(H(state), kStateCount, smi_from_int(count + 1));
  return count;
}

/* 27.2.4.3.1 step 9.d / 27.2.4.1.3 step 10 etc.: the AggregateError of Promise.any. */
static Handle aggregate_error(Isolate *iso, Handle errors) {
  Handle ctor = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_aggregate_error_function));
  Handle message = builtins_string(iso, "All promises were rejected");
  BUILTIN_TRY(message);
  Handle argv[2] = {errors, message};
  Handle error = execution_construct(iso, ctor, 2, argv, HANDLE_NULL);
  BUILTIN_TRY(error);
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  desc.flags = PD_HAS_VALUE | PD_HAS_WRITABLE | PD_WRITABLE | PD_HAS_ENUMERABLE |
               PD_HAS_CONFIGURABLE | PD_CONFIGURABLE;
  desc.value = errors;
  Handle key = builtins_string(iso, "errors");
  BUILTIN_TRY(key);
  BUILTIN_CHECK(runtime_define_property_or_throw(iso, error, key, &desc));
  return error;
}

/* The last element settled (or the iteration ended with none pending): resolve with the
 * values, or (any) reject with an AggregateError of the errors. */
static Handle combinator_finish(Isolate *iso, Handle state, CombinatorKind kind) {
  Handle cap = handle_new(iso, context_get(H(state), kStateCapability));
  Handle values = state_values_array(iso, state);
  BUILTIN_TRY(values);
  if (kind == COMBINE_ANY) {
    Handle error = aggregate_error(iso, values);
    BUILTIN_TRY(error);
    BUILTIN_CHECK(js_promise_capability_reject(iso, cap, error));
  } else {
    BUILTIN_CHECK(js_promise_capability_resolve(iso, cap, values));
  }
  return BUILTIN_UNDEFINED;
}

/* An element function: records x (as allSettled's kind of result object) at its index. */
static Handle combinator_element(Isolate *iso, BuiltinArgs *args, CombinatorKind kind,
                                 const char *status, const char *field) {
  Tagged element = js_promise_closure_context(*args->target);
  if (context_get(element, kElementAlreadyCalled) == ROOT(iso, true_value)) return BUILTIN_UNDEFINED;
  context_set(element, kElementAlreadyCalled, ROOT(iso, true_value));
  int index = smi_value(context_get(element, kElementIndex));
  Handle state = handle_new(iso, context_previous(element));
  Handle value = BUILTIN_ARG(0);
  if (status != NULL) {
    Handle obj = runtime_new_object(iso);
    BUILTIN_TRY(obj);
    Handle status_key = builtins_string(iso, "status");
    Handle status_value = handle_is_null(status_key) ? status_key : builtins_string(iso, status);
    Handle field_key = handle_is_null(status_value) ? status_value : builtins_string(iso, field);
    BUILTIN_TRY(field_key);
    BUILTIN_CHECK(runtime_create_data_property_or_throw(iso, obj, status_key, status_value));
    BUILTIN_CHECK(runtime_create_data_property_or_throw(iso, obj, field_key, value));
    value = obj;
  }
  fixed_array_set(context_get(H(state), kStateValues), index, H(value));
  int remaining = state_remaining(H(state)) - 1;
  state_set_remaining(H(state), remaining);
  if (remaining > 0) return BUILTIN_UNDEFINED;
  return combinator_finish(iso, state, kind);
}

static Handle Builtin_PromiseAllResolveElement(Isolate *iso, BuiltinArgs *args) {
  return combinator_element(iso, args, COMBINE_ALL, NULL, NULL);
}
static Handle Builtin_PromiseAllSettledResolveElement(Isolate *iso, BuiltinArgs *args) {
  return combinator_element(iso, args, COMBINE_ALL_SETTLED, "fulfilled", "value");
}
static Handle Builtin_PromiseAllSettledRejectElement(Isolate *iso, BuiltinArgs *args) {
  return combinator_element(iso, args, COMBINE_ALL_SETTLED, "rejected", "reason");
}
static Handle Builtin_PromiseAnyRejectElement(Isolate *iso, BuiltinArgs *args) {
  return combinator_element(iso, args, COMBINE_ANY, NULL, NULL);
}

/* The element functions of one element (onFulfilled, onRejected), over a new element
 * context whose previous is the state. */
static bool combinator_functions(Isolate *iso, Handle state, int index, CombinatorKind kind,
                                 Handle cap, Handle out[2]) {
  Handle element = context_new(iso, BUILTIN_UNDEFINED, state, state, kElementSlots);
  if (handle_is_null(element)) return false;
  context_set(H(element), kElementAlreadyCalled, ROOT(iso, false_value));
  context_set(H(element), kElementIndex, smi_from_int(index));
  static const int kKinds[][2] = {
      {kPromiseClosure_ALL_RESOLVE_ELEMENT, -1},
      {kPromiseClosure_ALL_SETTLED_RESOLVE_ELEMENT, kPromiseClosure_ALL_SETTLED_REJECT_ELEMENT},
      {-1, kPromiseClosure_ANY_REJECT_ELEMENT},
  };
  for (int i = 0; i < 2; i++) {
    int k = kKinds[kind][i];
    if (k < 0) {
      out[i] = capability_field(iso, cap, i == 0 ? kCapabilityResolve : kCapabilityReject);
      continue;
    }
    out[i] = js_promise_new_closure(iso, (PromiseClosureKind)k, 0);
    if (handle_is_null(out[i])) return false;
    js_function_set_context(H(out[i]), H(element));
  }
  return true;
}

/* A combinator's state: empty values (and keys when keyed), remaining 1. */
static Handle combinator_state(Isolate *iso, Handle cap, bool keyed) {
  Handle undefined = BUILTIN_UNDEFINED;
  Handle state = context_new(iso, undefined, handle_new(iso, iso->native_context), undefined,
                             kStateSlots);
  BUILTIN_TRY(state);
  for (int slot = kStateValues; slot <= (keyed ? kStateKeys : kStateValues); slot += kStateKeys) {
    Handle list = factory_new_fixed_array(iso, 4);
    BUILTIN_TRY(list);
    context_set(H(state), slot, H(list));
  }
  context_set(H(state), kStateCapability, H(cap));
  state_set_remaining(H(state), 1);
  context_set(H(state), kStateCount, smi_from_int(0));
  return state;
}

/* One element of a combinator (or race, kind -1): Call(promiseResolve, C, « next »), then
 * Invoke(nextPromise, "then", « onFulfilled, onRejected »). key: its key when keyed. */
static bool combinator_step(Isolate *iso, Handle state, Handle c, Handle cap,
                            Handle promise_resolve, int kind, Handle next, Handle key) {
  Handle fns[2];
  if (kind >= 0) {
    int index = state_append(iso, state, key);
    if (index < 0 || !combinator_functions(iso, state, index, (CombinatorKind)kind, cap, fns))
      return false;
    state_set_remaining(H(state), state_remaining(H(state)) + 1);
  } else {
    fns[0] = capability_field(iso, cap, kCapabilityResolve);
    fns[1] = capability_field(iso, cap, kCapabilityReject);
  }
  Handle next_promise = execution_call(iso, promise_resolve, c, 1, &next);
  return !handle_is_null(next_promise) && !handle_is_null(invoke_then(iso, next_promise, fns[0], fns[1]));
}

/* The end of the loop: the initial count of 1 goes; at 0 the combinator settles now. */
static Handle combinator_end(Isolate *iso, Handle state, Handle cap, int kind) {
  if (kind >= 0) {
    int remaining = state_remaining(H(state)) - 1;
    state_set_remaining(H(state), remaining);
    if (remaining == 0) BUILTIN_TRY(combinator_finish(iso, state, (CombinatorKind)kind));
  }
  return js_promise_capability_promise(iso, cap);
}

/* PerformPromiseAll / AllSettled / Any / Race (27.2.4.1.2, 27.2.4.2.1, 27.2.4.3.1,
 * 27.2.4.5.1): the iteration. Returns the capability's promise, or empty with the
 * exception pending (the caller closes the iterator unless rec->done). */
static Handle perform_combinator(Isolate *iso, IteratorRecord *rec, Handle c, Handle cap,
                                 Handle promise_resolve, int kind /* -1: race */) {
  Handle state = kind >= 0 ? combinator_state(iso, cap, false) : BUILTIN_UNDEFINED;
  BUILTIN_TRY(state);
  for (;;) {
    bool done;
    Handle next = runtime_iterator_step_value(iso, rec, &done);
    if (handle_is_null(next)) return next;
    if (done) break;
    if (!combinator_step(iso, state, c, cap, promise_resolve, kind, next, HANDLE_NULL))
      return HANDLE_NULL;
  }
  return combinator_end(iso, state, cap, kind);
}

/* await-dictionary's PerformPromiseAllKeyed(variant, promises, C, capability,
 * promiseResolve): each own enumerable property (string or symbol key, in
 * [[OwnPropertyKeys]] order) is one element. */
static Handle perform_keyed(Isolate *iso, Handle promises, Handle c, Handle cap,
                            Handle promise_resolve, CombinatorKind kind) {
  Handle keys = runtime_own_property_keys(iso, promises);
  BUILTIN_TRY(keys);
  Handle state = combinator_state(iso, cap, true);
  BUILTIN_TRY(state);
  for (int64_t i = 0; i < fixed_array_length(H(keys)); i++) {
    Handle key = handle_new(iso, fixed_array_get(H(keys), i));
    PropertyDescriptor desc;
    property_descriptor_init(iso, &desc);
    RuntimeMaybeBool found = runtime_get_own_property(iso, promises, key, &desc);
    if (found == RT_EXCEPTION) return HANDLE_NULL;
    if (found == RT_FALSE || !(desc.flags & PD_ENUMERABLE)) continue;
    Handle value = runtime_get(iso, promises, key, promises);
    BUILTIN_TRY(value);
    if (!combinator_step(iso, state, c, cap, promise_resolve, kind, value, key)) return HANDLE_NULL;
  }
  return combinator_end(iso, state, cap, kind);
}

/* 27.2.4.1.1 GetPromiseResolve(C), or empty with the exception pending. */
static Handle get_promise_resolve(Isolate *iso, Handle c) {
  Handle promise_resolve = runtime_get(iso, c, builtins_string(iso, "resolve"), c);
  if (!handle_is_null(promise_resolve) && !runtime_is_callable(H(promise_resolve))) {
    builtins_throw_type_error(iso, "Promise resolve is not a function");
    return HANDLE_NULL;
  }
  return promise_resolve;
}

/* The common steps of all, allSettled, any and race. */
static Handle promise_combinator(Isolate *iso, BuiltinArgs *args, int kind) {
  Handle c = builtin_receiver(args);
  Handle cap = js_promise_new_capability(iso, c);
  BUILTIN_TRY(cap);
  BUILTIN_CHECK(capability_materialize(iso, cap));
  Handle promise_resolve = get_promise_resolve(iso, c);
  if (handle_is_null(promise_resolve)) return js_promise_reject_with_pending(iso, cap);
  IteratorRecord rec;
  if (!runtime_get_iterator(iso, BUILTIN_ARG(0), &rec)) return js_promise_reject_with_pending(iso, cap);
  Handle result = perform_combinator(iso, &rec, c, cap, promise_resolve, kind);
  if (!handle_is_null(result)) return result;
  if (!rec.done) runtime_iterator_close(iso, &rec, true);
  return js_promise_reject_with_pending(iso, cap);
}

/* await-dictionary: Promise.allKeyed / Promise.allSettledKeyed ( promises ). */
static Handle promise_keyed_combinator(Isolate *iso, BuiltinArgs *args, CombinatorKind kind) {
  Handle c = builtin_receiver(args);
  Handle cap = js_promise_new_capability(iso, c);
  BUILTIN_TRY(cap);
  BUILTIN_CHECK(capability_materialize(iso, cap));
  Handle promise_resolve = get_promise_resolve(iso, c);
  if (handle_is_null(promise_resolve)) return js_promise_reject_with_pending(iso, cap);
  Handle promises = BUILTIN_ARG(0);
  if (!is_js_receiver(H(promises))) {
    builtins_throw_type_error(iso, "Promise.%s called with a non-object",
                              kind == COMBINE_ALL ? "allKeyed" : "allSettledKeyed");
    Handle error = handle_new(iso, iso->pending_exception);
    isolate_clear_pending_exception(iso);
    BUILTIN_CHECK(js_promise_capability_reject(iso, cap, error));
    return js_promise_capability_promise(iso, cap);
  }
  Handle result = perform_keyed(iso, promises, c, cap, promise_resolve, kind);
  if (!handle_is_null(result)) return result;
  return js_promise_reject_with_pending(iso, cap);
}

BUILTIN(PromiseAllKeyed) { return promise_keyed_combinator(iso, args, COMBINE_ALL); }
BUILTIN(PromiseAllSettledKeyed) { return promise_keyed_combinator(iso, args, COMBINE_ALL_SETTLED); }
BUILTIN(PromiseAll) { return promise_combinator(iso, args, COMBINE_ALL); }
BUILTIN(PromiseAllSettled) { return promise_combinator(iso, args, COMBINE_ALL_SETTLED); }
BUILTIN(PromiseAny) { return promise_combinator(iso, args, COMBINE_ANY); }
BUILTIN(PromiseRace) { return promise_combinator(iso, args, -1); }

/* ---- installing -------------------------------------------------------------------------- */


/* execution/modules.c */
Handle modules_async_fulfilled_closure(Isolate *iso, BuiltinArgs *args);
Handle modules_async_rejected_closure(Isolate *iso, BuiltinArgs *args);
Handle modules_import_fulfilled_closure(Isolate *iso, BuiltinArgs *args);
Handle modules_import_rejected_closure(Isolate *iso, BuiltinArgs *args);
Handle modules_import_continue_closure(Isolate *iso, BuiltinArgs *args);
Handle modules_import_load_step_closure(Isolate *iso, BuiltinArgs *args);

/* builtins-async.c */
Handle builtins_async_from_sync_unwrap(Isolate *iso, BuiltinArgs *args);
Handle builtins_async_from_sync_close(Isolate *iso, BuiltinArgs *args);
Handle builtins_array_from_async_fulfilled(Isolate *iso, BuiltinArgs *args);
Handle builtins_array_from_async_rejected(Isolate *iso, BuiltinArgs *args);

static const BuiltinFunction kPromiseClosures[kPromiseClosureCount] = {
    [kPromiseClosure_RESOLVE] = js_promise_resolve_function,
    [kPromiseClosure_REJECT] = js_promise_reject_function,
    [kPromiseClosure_CAPABILITY_EXECUTOR] = js_promise_capability_executor,
    [kPromiseClosure_ALL_RESOLVE_ELEMENT] = Builtin_PromiseAllResolveElement,
    [kPromiseClosure_ALL_SETTLED_RESOLVE_ELEMENT] = Builtin_PromiseAllSettledResolveElement,
    [kPromiseClosure_ALL_SETTLED_REJECT_ELEMENT] = Builtin_PromiseAllSettledRejectElement,
    [kPromiseClosure_ANY_REJECT_ELEMENT] = Builtin_PromiseAnyRejectElement,
    [kPromiseClosure_THEN_FINALLY] = Builtin_PromiseThenFinally,
    [kPromiseClosure_CATCH_FINALLY] = Builtin_PromiseCatchFinally,
    [kPromiseClosure_VALUE_THUNK] = Builtin_PromiseValueThunk,
    [kPromiseClosure_THROWER] = Builtin_PromiseThrower,
    [kPromiseClosure_ASYNC_FROM_SYNC_UNWRAP] = builtins_async_from_sync_unwrap,
    [kPromiseClosure_ASYNC_FROM_SYNC_CLOSE] = builtins_async_from_sync_close,
    [kPromiseClosure_ASYNC_GENERATOR_RETURN_FULFILLED] = js_async_generator_return_fulfilled,
    [kPromiseClosure_ASYNC_GENERATOR_RETURN_REJECTED] = js_async_generator_return_rejected,
    [kPromiseClosure_FROM_ASYNC_FULFILLED] = builtins_array_from_async_fulfilled,
    [kPromiseClosure_FROM_ASYNC_REJECTED] = builtins_array_from_async_rejected,
    [kPromiseClosure_MODULE_ASYNC_FULFILLED] = modules_async_fulfilled_closure,
    [kPromiseClosure_MODULE_ASYNC_REJECTED] = modules_async_rejected_closure,
    [kPromiseClosure_IMPORT_FULFILLED] = modules_import_fulfilled_closure,
    [kPromiseClosure_IMPORT_REJECTED] = modules_import_rejected_closure,
    [kPromiseClosure_IMPORT_CONTINUE] = modules_import_continue_closure,
    [kPromiseClosure_IMPORT_LOAD_STEP] = modules_import_load_step_closure,
};

#define INSTALL_CHECK(ok)                 \
  do {                                    \
    if (!(ok)) return false;              \
  } while (0)

bool builtins_install_promise(Isolate *iso, Handle nc) {
  INSTALL_CHECK(js_promise_setup(iso, nc, kPromiseClosures));
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  INSTALL_CHECK(!handle_is_null(proto));
  Handle ctor = builtins_install_constructor(iso, nc, "Promise", 1, Builtin_PromiseConstructor,
                                             proto, NATIVE_CONTEXT_promise_function,
                                             NATIVE_CONTEXT_promise_prototype);
  INSTALL_CHECK(!handle_is_null(ctor));
  INSTALL_CHECK(builtins_install_methods(iso, nc, ctor, kPromiseBuiltins,
                                         KILN_ARRAY_SIZE(kPromiseBuiltins)));
  INSTALL_CHECK(builtins_install_accessor(iso, nc, ctor, "@@species", Builtin_PromiseSpecies,
                                          NULL, 0));
  INSTALL_CHECK(builtins_install_methods(iso, nc, proto, kPromisePrototypeBuiltins,
                                         KILN_ARRAY_SIZE(kPromisePrototypeBuiltins)));
  INSTALL_CHECK(builtins_install_to_string_tag(iso, proto, "Promise"));
  Handle then = runtime_get_named(iso, proto, "then");
  INSTALL_CHECK(!handle_is_null(then));
  context_set(H(nc), NATIVE_CONTEXT_promise_then, H(then));
  Handle map = builtins_new_internal_map(iso, JS_PROMISE_TYPE, proto);
  INSTALL_CHECK(!handle_is_null(map));
  context_set(H(nc), NATIVE_CONTEXT_promise_map, H(map));
  return true;
}
