/*
 * runtime-dispose.h: DisposeCapability records and DisposeResources (explicit resource
 * management, ECMA-262 2026 "Disposable Resource Management" and the `using` declarations).
 *
 * A DisposeCapability is undefined (no resource yet) or a resource list, a FixedArray:
 *
 *   | count | completion | error | flags | value 0 | method 0 | hint 0 | value 1 | ... |
 *
 * count: the resources on the stack (Smi); they sit in (value, method, hint) triples from
 * kDisposeFirstResource, oldest first, so disposal walks them from the top down. completion
 * / error: the completion DisposeResources carries while it runs (Smi 1 with error the
 * thrown value for a throw completion, Smi 0 for a normal one). flags: DisposeFlag bits of
 * a disposal in progress (needsAwait / hasAwaited of the spec's steps). hint: DisposeHint
 * bits. Lists grow by copying, so every function that adds returns the capability to keep.
 *
 * Disposal runs one resource at a time (runtime_dispose_step), so an `await using` scope's
 * bytecode and AsyncDisposableStack can await between resources; sync disposal loops in C.
 */
#ifndef KILN_RUNTIME_RUNTIME_DISPOSE_H_
#define KILN_RUNTIME_RUNTIME_DISPOSE_H_

#include "execution/isolate.h"

typedef enum {
  DISPOSE_HINT_ASYNC = 1,       /* async-dispose: the method's result is awaited */
  DISPOSE_HINT_ADOPT = 2,       /* Call(method, undefined, « value ») (DisposableStack adopt) */
  DISPOSE_HINT_SYNC_METHOD = 4, /* async-dispose with a @@dispose method: its result is not
                                   awaited, undefined is (GetDisposeMethod's closure) */
} DisposeHint;

enum {
  kDisposeCount = 0,
  kDisposeCompletion = 1,
  kDisposeError = 2,
  kDisposeFlags = 3,
  kDisposeFirstResource = 4,
};

/* ES2026 AddDisposableResource(capability, value, hint) (method absent): nothing for a sync
 * null/undefined value; else TypeError unless value is an object with a callable dispose
 * method (GetDisposeMethod). Returns the capability to keep (a new list when capability
 * was undefined or full). Calls user code. */
Handle runtime_dispose_add(Isolate *iso, Handle capability, Handle value, int hint);
/* The same with the method given (DisposableStack defer/adopt): method must be callable
 * (the caller checked). May allocate. */
Handle runtime_dispose_add_method(Isolate *iso, Handle capability, Handle value,
                                  Handle method, int hint);
/* The number of resources in a capability. */
int runtime_dispose_count(Tagged capability);

/* Starts DisposeResources(capability, completion): records the completion (a throw of
 * value when is_throw). capability must be a list (not undefined). */
void runtime_dispose_begin(Isolate *iso, Handle capability, bool is_throw, Handle value);
/* Runs resources from the top until one needs an Await: returns the value to await (the
 * async method's result, or undefined), or the hole when every resource has run. Errors
 * thrown by dispose methods are folded into the completion; never throws itself (false
 * only for out of memory: empty handle). Calls user code. */
Handle runtime_dispose_step(Isolate *iso, Handle capability);
/* After the Await runtime_dispose_step asked for: a rejection (is_throw) is folded into
 * the completion as a throw from the method would be. */
bool runtime_dispose_after_await(Isolate *iso, Handle capability, bool is_throw,
                                 Handle value);
/* Ends it: returns false with the completion's value pending when it is a throw
 * completion, true for a normal one. The list is emptied. */
bool runtime_dispose_end(Isolate *iso, Handle capability);

/* The whole of DisposeResources for a capability whose resources are all sync (or
 * undefined): false with the resulting exception pending, or true. Calls user code. */
bool runtime_dispose_resources_sync(Isolate *iso, Handle capability, bool is_throw,
                                    Handle value);

/* A new SuppressedError of the current realm with "error" and "suppressed" (no message),
 * as DisposeResources makes. May allocate. */
Handle runtime_new_suppressed_error(Isolate *iso, Handle error, Handle suppressed);

#endif /* KILN_RUNTIME_RUNTIME_DISPOSE_H_ */
