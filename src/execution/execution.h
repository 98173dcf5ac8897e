/*
 * execution.h: entering JS from C. Every call into JS code, a builtin or a bound function
 * goes through here (the interpreter's own calls do too, so there is one path with one
 * stack check).
 *
 * Both functions run arbitrary code: they may allocate (GC) and throw. On a throw they
 * return an empty Handle with the exception pending. A RangeError "Maximum call stack size
 * exceeded" is thrown when the JS frame depth or the C stack would exceed the isolate's
 * limit, never a crash.
 *
 * argv: argc Handles (any slots the collector can see: local handles, or registers of a
 * frame on the isolate's JS stack).
 */
#ifndef KILN_EXECUTION_EXECUTION_H_
#define KILN_EXECUTION_EXECUTION_H_

#include "execution/isolate.h"

/* ES2025 7.3.13 Call(F, V, argumentsList). TypeError when callable is not callable. */
Handle execution_call(Isolate *iso, Handle callable, Handle receiver, int argc,
                      const Handle *argv);

/* ES2025 7.3.14 Construct(F, argumentsList, newTarget). new_target empty = F itself.
 * TypeError when constructor is not a constructor. */
Handle execution_construct(Isolate *iso, Handle constructor, int argc, const Handle *argv,
                           Handle new_target);

/* Compiles and runs a classic script in the isolate's current realm. Returns the
 * completion value. filename is used for stack traces and SyntaxError positions
 * ("file:line:column"). A SyntaxError is thrown (pending) like any other error. */
Handle execution_run_script(Isolate *iso, const char *source, size_t length,
                            const char *filename);

/* A microtask checkpoint (ES2025 9.5, HTML's "perform a microtask checkpoint"): runs the
 * isolate's queued jobs (promise reactions, async function resumptions) until none is
 * left, then reports each promise still rejected with no handler to
 * iso->unhandled_rejection. false with the exception pending when a job threw (the rest
 * stay queued). Embedders call it after each script; it runs any code. */
bool execution_run_microtasks(Isolate *iso);

/* True when the C stack has room for another level of recursion (parser, interpreter,
 * JSON, ...). Callers that recurse check this and throw
 * "RangeError: Maximum call stack size exceeded" when it is false. */
bool execution_stack_ok(Isolate *iso);

#endif /* KILN_EXECUTION_EXECUTION_H_ */
