/*
 * js-promise.h: Promise objects and their abstract operations (ES2025 27.2.1, 27.2.2,
 * 27.2.5.4.1 PerformPromiseThen, 27.2.4.7.1 PromiseResolve), objects/js-promise.c. The
 * builtins (constructor, then, all, ...) are in builtins/builtins-promise.c; the jobs run
 * from the isolate's microtask queue (execution/microtask-queue.h).
 *
 * JSPromise (objects.h): | map | properties | elements | reactions_or_result | flags |
 *   flags: the state (JSPromiseState) in bits 0-1; kPromiseIsHandled
 *   ([[PromiseIsHandled]]); kPromiseInternallyResolved (the [[AlreadyResolved]] record of
 *   an internal capability, below).
 *   reactions_or_result: pending: undefined or the newest PromiseReaction; settled: the
 *   value or the reason.
 *
 * PromiseReaction (27.2.1.2): a FixedArray | next | capability | on_fulfilled | on_rejected |
 *   next: the previously added reaction (undefined at the end: the list is newest first,
 *   and triggering walks it backwards to keep the spec's order). A handler is undefined
 *   (the spec's empty), a callable, or a generator object: an internal await, which resumes
 *   that async function or async generator with the value (fulfilled) or the reason
 *   (thrown into it).
 *
 * PromiseCapability (27.2.1.1): a FixedArray | promise | resolve | reject |. resolve and
 *   reject undefined mark an internal capability: the promise is a JSPromise made by the
 *   intrinsic %Promise% (for which NewPromiseCapability is unobservable), resolved directly
 *   (its kPromiseInternallyResolved flag playing the part of [[AlreadyResolved]]).
 *
 * Everything here may allocate; what calls user code says so.
 */
#ifndef KILN_OBJECTS_JS_PROMISE_H_
#define KILN_OBJECTS_JS_PROMISE_H_

#include "builtins/builtins.h"
#include "execution/isolate.h"

typedef enum { kPromisePending = 0, kPromiseFulfilled = 1, kPromiseRejected = 2 } JSPromiseState;
enum {
  kPromiseStateMask = 3,
  kPromiseIsHandled = 1 << 2,
  kPromiseInternallyResolved = 1 << 3,
};

/* PromiseReaction and PromiseCapability fields (FixedArray indexes). */
enum { kReactionNext, kReactionCapability, kReactionFulfill, kReactionReject, kReactionSize };
enum { kCapabilityPromise, kCapabilityResolve, kCapabilityReject, kCapabilitySize };

/* HostPromiseRejectionTracker's operations. */
typedef enum { kPromiseRejectWithNoHandler, kPromiseHandlerAdded } PromiseRejectionEvent;

KILN_INLINE JSPromiseState js_promise_state(Tagged p) {
  return (JSPromiseState)(js_promise_flags(p) & kPromiseStateMask);
}
KILN_INLINE bool js_promise_is_handled(Tagged p) {
  return (js_promise_flags(p) & kPromiseIsHandled) != 0;
}

/* A pending promise of the realm native_context (prototype %Promise.prototype%). */
Handle js_promise_new(Isolate *iso, Handle native_context);
/* A pending promise with map (a promise map; subclasses have their own). */
Handle js_promise_new_with_map(Isolate *iso, Handle map);

/* 27.2.1.3 CreateResolvingFunctions(promise): out[0] resolve, out[1] reject. */
bool js_promise_create_resolving_functions(Isolate *iso, Handle promise, Handle out[2]);
/* The steps of a resolve function after its [[AlreadyResolved]] check (27.2.1.3.2 steps
 * 7-16): self-resolution TypeError, non-objects fulfill, thenables get a job. Calls user
 * code (the "then" getter); its exception rejects the promise instead of propagating.
 * false only when memory runs out. */
bool js_promise_resolve(Isolate *iso, Handle promise, Handle resolution);
/* 27.2.1.4 FulfillPromise / 27.2.1.7 RejectPromise (promise pending). */
bool js_promise_fulfill(Isolate *iso, Handle promise, Handle value);
bool js_promise_reject(Isolate *iso, Handle promise, Handle reason);

/* 27.2.1.5 NewPromiseCapability(C): a capability record. Calls user code (C). */
Handle js_promise_new_capability(Isolate *iso, Handle constructor);
/* Resolves / rejects through a capability: Call(capability.[[Resolve]], undefined, «v»),
 * or the internal resolution. Calls user code. */
bool js_promise_capability_resolve(Isolate *iso, Handle capability, Handle value);
bool js_promise_capability_reject(Isolate *iso, Handle capability, Handle reason);
KILN_INLINE Handle js_promise_capability_promise(Isolate *iso, Handle capability) {
  return handle_new(iso, fixed_array_get(H(capability), kCapabilityPromise));
}
/* Rejects capability with the pending exception (IfAbruptRejectPromise): clears it, calls
 * reject and returns the capability's promise (empty if reject threw). Calls user code. */
Handle js_promise_reject_with_pending(Isolate *iso, Handle capability);

/* 27.2.5.4.1 PerformPromiseThen(promise, onFulfilled, onRejected, resultCapability):
 * capability undefined for none. Handlers that are not callable are dropped, except a
 * generator object (an internal await). Returns the capability's promise or undefined. */
Handle js_promise_perform_then(Isolate *iso, Handle promise, Handle on_fulfilled,
                               Handle on_rejected, Handle capability);
/* 27.2.4.7.1 PromiseResolve(C, x). Calls user code. */
Handle js_promise_promise_resolve(Isolate *iso, Handle constructor, Handle value);

/* The jobs (27.2.2.1 NewPromiseReactionJob, 27.2.2.2 NewPromiseResolveThenableJob), run
 * by the microtask queue: false with an exception pending when the job itself completes
 * abruptly (HostReportErrors). Call user code. */
bool js_promise_run_reaction_job(Isolate *iso, Handle reaction, Handle argument,
                                 JSPromiseState type);
bool js_promise_run_thenable_job(Isolate *iso, Handle promise, Handle thenable, Handle then);

/* The builtin closures promises make (each a builtin function whose context holds its
 * captured values). The realm's SFIs are made once by js_promise_setup. */
#define PROMISE_CLOSURE_LIST(V)                                                          \
  V(RESOLVE, 1)                 /* resolving functions: [promise, already resolved] */  \
  V(REJECT, 1)                                                                           \
  V(CAPABILITY_EXECUTOR, 2)     /* GetCapabilitiesExecutor: [resolve, reject] */         \
  V(ALL_RESOLVE_ELEMENT, 1)     /* Promise.all: [already called, index, values,          \
                                   capability, remaining] */                             \
  V(ALL_SETTLED_RESOLVE_ELEMENT, 1)                                                      \
  V(ALL_SETTLED_REJECT_ELEMENT, 1)                                                       \
  V(ANY_REJECT_ELEMENT, 1)                                                               \
  V(THEN_FINALLY, 1)            /* finally: [onFinally, C] */                            \
  V(CATCH_FINALLY, 1)                                                                    \
  V(VALUE_THUNK, 0)             /* [value] */                                            \
  V(THROWER, 0)                 /* [reason] */                                           \
  V(ASYNC_FROM_SYNC_UNWRAP, 1)  /* [done] (builtins-async.c) */                          \
  V(ASYNC_FROM_SYNC_CLOSE, 1)   /* [sync iterator] */                                    \
  V(ASYNC_GENERATOR_RETURN_FULFILLED, 1) /* [generator] */                               \
  V(ASYNC_GENERATOR_RETURN_REJECTED, 1)                                                  \
  V(FROM_ASYNC_FULFILLED, 1)    /* Array.fromAsync's await: [its state] (builtins-async.c) */ \
  V(FROM_ASYNC_REJECTED, 1)                                                              \
  V(MODULE_ASYNC_FULFILLED, 1)  /* a TLA module's body settled: [module] (modules.c) */    \
  V(MODULE_ASYNC_REJECTED, 1)                                                            \
  V(IMPORT_FULFILLED, 1)        /* import()'s Evaluate() settled: [module, capability] */ \
  V(IMPORT_REJECTED, 1)                                                                  \
  V(IMPORT_CONTINUE, 1)         /* import()'s loaded graph: link and evaluate: [module,    \
                                   capability] */                                        \
  V(IMPORT_LOAD_STEP, 1)        /* a module loader's promise fulfilled: [import state,    \
                                   importing module or undefined, Smi request] */

typedef enum {
#define V(name, length) kPromiseClosure_##name,
  PROMISE_CLOSURE_LIST(V)
#undef V
  kPromiseClosureCount
} PromiseClosureKind;

/* A new closure of kind in the current realm whose context has `slots` slots (undefined). */
Handle js_promise_new_closure(Isolate *iso, PromiseClosureKind kind, int slots);
/* The context slots of the running closure (BuiltinArgs' target). */
Tagged js_promise_closure_context(Tagged closure);
/* Creates the realm's closure SFIs (NATIVE_CONTEXT promise_builtin_sfis) from fns, the C
 * function of each kind (builtins-promise.c has the table). */
bool js_promise_setup(Isolate *iso, Handle native_context, const BuiltinFunction *fns);
/* The C functions of the closures defined in js-promise.c. */
Handle js_promise_resolve_function(Isolate *iso, BuiltinArgs *args);
Handle js_promise_reject_function(Isolate *iso, BuiltinArgs *args);
Handle js_promise_capability_executor(Isolate *iso, BuiltinArgs *args);

/* HostPromiseRejectionTracker and the end of a microtask checkpoint: promises rejected
 * with no handler are kept in the isolate's list until a handler is added; the checkpoint
 * reports those still there (execution/microtask-queue.c). */
void js_promise_track_rejection(Isolate *iso, Handle promise, PromiseRejectionEvent event);

#endif /* KILN_OBJECTS_JS_PROMISE_H_ */
