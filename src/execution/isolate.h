/*
 * isolate.h: one instance of the engine. An isolate owns a heap, its roots, its handle
 * scopes, global handles, string table and flags; nothing is shared between isolates and
 * Kiln has no global mutable state, except what the spec shares between agents: the
 * memory of SharedArrayBuffers (heap/backing-store.h) and Atomics' WaiterList
 * (builtins-atomics.c), both thread-safe. Immutable tables are built once (pthread_once).
 * One thread uses an isolate at a time (tests/unit/test-threads.c runs four at once).
 *
 * Exceptions: a function that throws sets isolate->pending_exception and returns an empty
 * Handle (or false); callers pass the failure up (seed 002's MaybeHandle discipline).
 */
#ifndef KILN_EXECUTION_ISOLATE_H_
#define KILN_EXECUTION_ISOLATE_H_

#include <stdarg.h>
#include <stdatomic.h>

#include "base/flags.h"
#include "execution/roots.h"
#include "handles/global-handles.h"
#include "handles/handles.h"
#include "heap/heap.h"
#include "objects/objects.h"

struct StringTable;

typedef struct Isolate {
  Heap heap;
  Tagged roots[kRootCount];
  HandleScopeData handle_scope_data;
  GlobalHandles *global_handles;
  struct StringTable *string_table;
  Tagged pending_exception;     /* 0 when none; a GC root */
  Tagged native_context;        /* the current realm's NativeContext (execution/contexts.h),
                                   0 before bootstrap; a GC root */
  struct JSStack *js_stack;     /* the interpreter's register stack (interpreter/frames.h);
                                   its used part is a GC root */
  void (*iterate_extra_roots)(struct Isolate *iso, RootVisitor visit, void *ctx);
                                /* set by the interpreter: visits the JS stack */
  uintptr_t c_stack_limit;      /* lowest safe C stack address (execution_stack_ok) */
  Handle (*capture_stack_trace)(struct Isolate *iso);
                                /* set by the interpreter: the current JS stack as the
                                   text of an error's "stack" property (may allocate) */
  void (*unhandled_rejection)(struct Isolate *iso, Handle promise, Handle reason);
                                /* the host's report of a promise still rejected with no
                                   handler at the end of a microtask checkpoint
                                   (execution_run_microtasks), or NULL */
  void *api_data;               /* the embedding API's state (src/api), or NULL */
  uint64_t hash_seed;           /* random per isolate: string hashes cannot be predicted */
  uint64_t next_symbol_hash;
  Flags flags;
  atomic_int interrupt_requested; /* kInterrupt* bits, set from any thread
                                     (isolate_request_termination) */
  int execution_depth;          /* execution_call/construct entries from C in progress;
                                   the one leaving at 0 is the outermost */
  const struct ModuleHost *module_host; /* the host's module loader (execution/modules.h),
                                     or NULL: import then throws */
  int64_t module_async_order;   /* the next [[AsyncEvaluationOrder]] (execution/modules.c) */
} Isolate;

/* Creates an isolate: heap, roots, the string table. NULL if memory is short. */
Isolate *isolate_new(const Flags *flags);
void isolate_free(Isolate *iso);

/* A handle pointing into the roots table. Stable for the isolate's life. */
KILN_INLINE Handle root_handle(Isolate *iso, RootIndex index) {
  return (Handle){&iso->roots[index]};
}
#define ROOT(iso, name) ((iso)->roots[ROOT_##name])
#define ROOT_HANDLE(iso, name) root_handle((iso), ROOT_##name)

KILN_INLINE Tagged isolate_undefined(Isolate *iso) { return ROOT(iso, undefined_value); }
KILN_INLINE Tagged isolate_boolean(Isolate *iso, bool b) {
  return b ? ROOT(iso, true_value) : ROOT(iso, false_value);
}
KILN_INLINE bool is_undefined(Isolate *iso, Tagged v) { return v == ROOT(iso, undefined_value); }
KILN_INLINE bool is_null(Isolate *iso, Tagged v) { return v == ROOT(iso, null_value); }
KILN_INLINE bool is_the_hole(Isolate *iso, Tagged v) { return v == ROOT(iso, the_hole_value); }

/* Visits every strong root: the roots table, local and global handles, the pending
 * exception. The collector calls this; so does the heap verifier. */
void isolate_iterate_roots(Isolate *iso, RootVisitor visit, void *ctx);

/* ---- Exceptions --------------------------------------------------------------------- */

/* The error kinds the engine throws. */
#define ERROR_KIND_LIST(V) \
  V(ERROR, "Error")        \
  V(TYPE_ERROR, "TypeError") \
  V(RANGE_ERROR, "RangeError") \
  V(SYNTAX_ERROR, "SyntaxError") \
  V(REFERENCE_ERROR, "ReferenceError") \
  V(EVAL_ERROR, "EvalError") \
  V(URI_ERROR, "URIError")

typedef enum {
#define V(kind, name) kError_##kind,
  ERROR_KIND_LIST(V)
#undef V
  kErrorKindCount
} ErrorKind;

const char *error_kind_name(ErrorKind kind);

KILN_INLINE bool isolate_has_pending_exception(Isolate *iso) {
  return iso->pending_exception != 0;
}
void isolate_throw(Isolate *iso, Tagged exception);
void isolate_clear_pending_exception(Isolate *iso);
/* Throws a new error object of the given kind with a formatted message. May allocate; if
 * that fails, the pending exception is the out-of-memory error instead. */
void isolate_throw_error(Isolate *iso, ErrorKind kind, const char *fmt, ...) KILN_PRINTF(3, 4);
/* Throws the preallocated "RangeError: out of memory"; never allocates. */
void isolate_throw_out_of_memory(Isolate *iso);

/* ---- Interrupts and termination (V8's StackGuard / TerminateExecution) ---------------- */

enum { kInterruptTerminate = 1 };

/* Asks the isolate to stop running JS. Safe from any thread, even while the isolate runs
 * on another. The interpreter polls at loop back-edges and calls, the regexp matcher while
 * it backtracks, long native loops (join, sort, repeat, JSON) as they go; the running
 * script then unwinds with the uncatchable termination exception (no catch or finally
 * runs, no generator or async function catches it, no promise is rejected with it).
 *
 * How the host sees it: the outermost execution_call / execution_construct /
 * execution_run_script returns an empty Handle with the termination sentinel as the
 * pending exception, so isolate_is_terminating(iso) is true; the request itself is
 * cancelled at that point, so once the host clears the pending exception (as after any
 * throw; isolate_cancel_termination does both) the isolate runs code normally again.
 * Microtasks: a checkpoint (execution_run_microtasks) stops at the terminated job and
 * the remaining jobs stay queued (as in V8); the host may run or drop them.
 * A request that arrives when no JS runs stays set: the next execution stops at its
 * first poll (cancel it first to prevent that). */
void isolate_request_termination(Isolate *iso);
KILN_INLINE bool isolate_interrupt_requested(Isolate *iso) {
  return atomic_load_explicit(&iso->interrupt_requested, memory_order_relaxed) != 0;
}
/* The poll: if a termination was requested, makes the termination exception pending and
 * returns false (the caller unwinds as for any exception); otherwise true. */
bool isolate_handle_interrupts(Isolate *iso);
/* The poll for long native loops: true to go on; false with the termination pending. */
KILN_INLINE bool isolate_poll_interrupts(Isolate *iso) {
  return KILN_LIKELY(!isolate_interrupt_requested(iso)) || isolate_handle_interrupts(iso);
}
/* true while the pending exception is the termination (catch handlers must not see it). */
bool isolate_is_terminating(Isolate *iso);
/* Clears a requested and a pending termination: the isolate runs code again. */
void isolate_cancel_termination(Isolate *iso);
/* Called by the outermost execution as it returns: cancels the request when the
 * termination is pending (it stays pending for the host to see). */
void isolate_leave_outermost_execution(Isolate *iso);
/* The pending exception cannot be caught by JS (catch, finally, promise rejection):
 * the out-of-memory error or the termination. */
KILN_INLINE bool isolate_exception_is_uncatchable(Isolate *iso) {
  Tagged e = iso->pending_exception;
  return e == iso->roots[ROOT_out_of_memory_error] || e == iso->roots[ROOT_termination_exception];
}

#endif /* KILN_EXECUTION_ISOLATE_H_ */
