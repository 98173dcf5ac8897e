/*
 * microtask-queue.c: the job queue and the microtask checkpoint. See microtask-queue.h.
 */
#include "execution/microtask-queue.h"

#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-promise.h"

enum { kQueueHead = 0, kQueueCount = 1, kQueueHeader = 2, kQueueInitialJobs = 16 };

static int queue_capacity(Tagged q) {
  return (int)((fixed_array_length(q) - kQueueHeader) / kMicrotaskSlots);
}

static Tagged *queue_job(Tagged q, int index) {
  return fixed_array_data(q) + kQueueHeader + (size_t)index * kMicrotaskSlots;
}

int microtask_queue_length(Isolate *iso) {
  Tagged q = ROOT(iso, microtask_queue);
  return is_fixed_array(q) ? smi_value(fixed_array_get(q, kQueueCount)) : 0;
}

/* Makes room for one more job: a first queue, or a copy twice as big with the jobs moved
 * to the front. */
static bool queue_reserve(Isolate *iso) {
  Tagged q = ROOT(iso, microtask_queue);
  int count = microtask_queue_length(iso);
  if (is_fixed_array(q) && count < queue_capacity(q)) return true;
  int capacity = is_fixed_array(q) ? queue_capacity(q) * 2 : kQueueInitialJobs;
  Handle bigger = factory_new_fixed_array(iso, kQueueHeader + (int64_t)capacity * kMicrotaskSlots);
  if (handle_is_null(bigger)) return false;
  q = ROOT(iso, microtask_queue);
  if (is_fixed_array(q)) {
    int head = smi_value(fixed_array_get(q, kQueueHead)), old_capacity = queue_capacity(q);
    for (int i = 0; i < count; i++) {
      Tagged *from = queue_job(q, (head + i) % old_capacity);
      for (int k = 0; k < kMicrotaskSlots; k++) {
        fixed_array_set(H(bigger), kQueueHeader + (int64_t)i * kMicrotaskSlots + k, from[k]);
      }
    }
  }
  fixed_array_set(H(bigger), kQueueHead, smi_from_int(0));
  fixed_array_set(H(bigger), kQueueCount, smi_from_int(count));
  ROOT(iso, microtask_queue) = H(bigger);
  return true;
}

bool microtask_queue_enqueue(Isolate *iso, MicrotaskKind kind, Handle a, Handle b, Handle c) {
  if (!queue_reserve(iso)) return false;
  Tagged q = ROOT(iso, microtask_queue);
  int head = smi_value(fixed_array_get(q, kQueueHead)), count = microtask_queue_length(iso);
  int64_t at = kQueueHeader + (int64_t)((head + count) % queue_capacity(q)) * kMicrotaskSlots;
  fixed_array_set(q, at, smi_from_int(kind));
  fixed_array_set(q, at + 1, H(a));
  fixed_array_set(q, at + 2, H(b));
  fixed_array_set(q, at + 3, H(c));
  fixed_array_set(q, kQueueCount, smi_from_int(count + 1));
  return true;
}

/* Removes the first job into handles job[0..kMicrotaskSlots). */
static void queue_take(Isolate *iso, Handle job[kMicrotaskSlots]) {
  Tagged q = ROOT(iso, microtask_queue);
  int head = smi_value(fixed_array_get(q, kQueueHead)), count = microtask_queue_length(iso);
  Tagged *slots = queue_job(q, head);
  for (int k = 0; k < kMicrotaskSlots; k++) {
    job[k] = handle_new(iso, slots[k]);
    slots[k] = ROOT(iso, undefined_value); /* a Smi-free store of an old-space root */
  }
  fixed_array_set(q, kQueueHead, smi_from_int((head + 1) % queue_capacity(q)));
  fixed_array_set(q, kQueueCount, smi_from_int(count - 1));
}

static bool run_job(Isolate *iso, Handle job[kMicrotaskSlots]) {
  switch ((MicrotaskKind)smi_value(H(job[0]))) {
    case kMicrotaskPromiseReaction:
      return js_promise_run_reaction_job(iso, job[1], job[2],
                                         (JSPromiseState)smi_value(H(job[3])));
    case kMicrotaskPromiseResolveThenable:
      return js_promise_run_thenable_job(iso, job[1], job[2], job[3]);
    case kMicrotaskCallback:
      return !handle_is_null(execution_call(iso, job[1], ROOT_HANDLE(iso, undefined_value), 1,
                                            &job[2]));
  }
  return true;
}

/* Reports (and forgets) the promises still rejected with no handler. */
static void report_unhandled_rejections(Isolate *iso) {
  Tagged list = ROOT(iso, pending_rejections);
  if (!is_fixed_array(list)) return;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle promises = handle_new(iso, list);
  ROOT(iso, pending_rejections) = smi_from_int(0);
  int64_t n = smi_value(fixed_array_get(H(promises), 0));
  for (int64_t i = 1; i <= n && iso->unhandled_rejection != NULL; i++) {
    Handle promise = handle_new(iso, fixed_array_get(H(promises), i));
    if (js_promise_is_handled(H(promise))) continue;
    iso->unhandled_rejection(iso, promise,
                             handle_new(iso, js_promise_reactions_or_result(H(promise))));
  }
  handle_scope_close(&scope);
}

bool microtask_queue_run(Isolate *iso) {
  while (microtask_queue_length(iso) > 0) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle job[kMicrotaskSlots];
    queue_take(iso, job);
    bool ok = run_job(iso, job);
    handle_scope_close(&scope);
    if (!ok) return false;
  }
  report_unhandled_rejections(iso);
  return true;
}
