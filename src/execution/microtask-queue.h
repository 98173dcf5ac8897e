/*
 * microtask-queue.h: the isolate's job queue (ES2025 9.5 Jobs; HostEnqueuePromiseJob), a
 * FIFO of jobs drained at each microtask checkpoint (execution_run_microtasks).
 *
 * The queue is a FixedArray in the roots table (ROOT microtask_queue), so the collector
 * sees every pending job's values: | head | count | job 0 | job 1 | ... |, a ring of
 * kMicrotaskSlots-word jobs | kind | a | b | c | that grows by copying when full.
 *
 * Jobs run one after the other on an empty JS stack, each in its own HandleScope; a job
 * that enqueues more jobs sees them run in the same checkpoint, after the jobs before
 * them. So a chain of 100,000 awaits runs as 100,000 jobs, none on another's C stack.
 */
#ifndef KILN_EXECUTION_MICROTASK_QUEUE_H_
#define KILN_EXECUTION_MICROTASK_QUEUE_H_

#include "execution/isolate.h"

typedef enum {
  kMicrotaskPromiseReaction,       /* a: PromiseReaction, b: argument, c: Smi state */
  kMicrotaskPromiseResolveThenable, /* a: promise to resolve, b: thenable, c: then */
  kMicrotaskCallback,              /* a: a callable, b: its argument (c unused) */
} MicrotaskKind;

enum { kMicrotaskSlots = 4 };

/* Appends a job. May allocate; false (out of memory pending) on failure. */
bool microtask_queue_enqueue(Isolate *iso, MicrotaskKind kind, Handle a, Handle b, Handle c);
/* The number of jobs waiting. */
int microtask_queue_length(Isolate *iso);
/* Runs jobs until the queue is empty, then reports the promises rejected with no handler
 * (iso->unhandled_rejection). Returns false, with the exception pending, when a job
 * completed abruptly (the remaining jobs stay queued for the next checkpoint). Runs any
 * code. */
bool microtask_queue_run(Isolate *iso);

#endif /* KILN_EXECUTION_MICROTASK_QUEUE_H_ */
