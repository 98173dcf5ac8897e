/*
 * isolate.h: one instance of the engine. An isolate owns a heap, its roots, its handle
 * scopes, global handles, string table and flags; nothing is shared between isolates and
 * Kiln has no global mutable state. One thread uses an isolate at a time.
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
 * it backtracks; the running script then unwinds with the uncatchable termination
 * exception (no catch or finally runs). When the outermost execution returns, the
 * termination is cancelled and the isolate is usable again. */
void isolate_request_termination(Isolate *iso);
KILN_INLINE bool isolate_interrupt_requested(Isolate *iso) {
  return atomic_load_explicit(&iso->interrupt_requested, memory_order_relaxed) != 0;
}
/* The poll: if a termination was requested, makes the termination exception pending and
 * returns false (the caller unwinds as for any exception); otherwise true. */
bool isolate_handle_interrupts(Isolate *iso);
/* true while the pending exception is the termination (catch handlers must not see it). */
bool isolate_is_terminating(Isolate *iso);
/* Clears a requested or pending termination (the outermost execution calls this). */
void isolate_cancel_termination(Isolate *iso);

#endif /* KILN_EXECUTION_ISOLATE_H_ */
