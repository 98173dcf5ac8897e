/*
 * test-promise.c: the job queue and promises from C (execution_run_microtasks, the
 * unhandled-rejection hook), suspended generators and async functions across collections,
 * and a 100,000-deep await chain on 256 KiB of C stack.
 */
#include <string.h>

#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "execution/microtask-queue.h"
#include "objects/js-objects.h"
#include "objects/js-promise.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "test.h"

static Handle run(Isolate *iso, const char *source) {
  return execution_run_script(iso, source, strlen(source), "test.js");
}

/* The number value of global name (NaN when it is not a number). */
static double global_number(Isolate *iso, const char *name) {
  Handle global = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_global_object));
  Handle v = runtime_get_named(iso, global, name);
  return !handle_is_null(v) && is_number(H(v)) ? runtime_number_value(H(v)) : 0.0 / 0.0;
}

static Isolate *realm_isolate(void) {
  Isolate *iso = test_isolate();
  return bootstrapper_init_isolate(iso) ? iso : NULL;
}

TEST(promise, jobs_run_at_the_checkpoint_in_order) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  EXPECT(!handle_is_null(run(iso, "var order = 0;"
                                  "Promise.resolve().then(() => { order = order * 10 + 1; });"
                                  "Promise.resolve().then(() => { order = order * 10 + 2; })"
                                  "  .then(() => { order = order * 10 + 4; });"
                                  "Promise.resolve().then(() => { order = order * 10 + 3; });")));
  EXPECT_EQ(global_number(iso, "order"), 0);  /* nothing runs before the checkpoint */
  EXPECT_EQ(microtask_queue_length(iso), 3);
  EXPECT(execution_run_microtasks(iso));
  EXPECT_EQ(global_number(iso, "order"), 1234);
  EXPECT_EQ(microtask_queue_length(iso), 0);
  handle_scope_close(&scope);
}

TEST(promise, a_job_that_throws_stops_the_checkpoint) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  /* A thenable's then getter throwing rejects; a job callback throwing is reported. */
  EXPECT(!handle_is_null(run(iso, "var done = 0;"
                                  "Promise.resolve({ get then() { throw 1; } })"
                                  "  .catch(e => { done = e; });")));
  EXPECT(execution_run_microtasks(iso));
  EXPECT_EQ(global_number(iso, "done"), 1);
  handle_scope_close(&scope);
}

static int rejections_seen;
static double last_reason;
static void count_rejection(Isolate *iso, Handle promise, Handle reason) {
  KILN_UNUSED(iso);
  EXPECT(is_js_promise(H(promise)));
  rejections_seen++;
  last_reason = is_number(H(reason)) ? runtime_number_value(H(reason)) : -1;
}

TEST(promise, unhandled_rejections_are_reported_after_the_checkpoint) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  rejections_seen = 0;
  iso->unhandled_rejection = count_rejection;
  EXPECT(!handle_is_null(run(iso, "Promise.reject(1).catch(() => {});"
                                  "var late = Promise.reject(2);"
                                  "Promise.resolve().then(() => late.then(null, () => {}));"
                                  "Promise.reject(3);"
                                  "(async () => { throw 4; })().then(() => {});")));
  EXPECT(execution_run_microtasks(iso));
  /* 3 and the promise then() derived from the async function's rejection (4). */
  EXPECT_EQ(rejections_seen, 2);
  EXPECT_EQ(last_reason, 4);
  EXPECT(execution_run_microtasks(iso));
  EXPECT_EQ(rejections_seen, 2); /* each is reported once */
  handle_scope_close(&scope);
}

TEST(promise, suspended_frames_survive_full_collections) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  EXPECT(!handle_is_null(run(iso, "function* gen(a) { var o = { v: a }; var s = yield o.v;"
                                  "  var t = [s, o.v]; yield t[0] + t[1]; }"
                                  "var g = gen(40); var first = g.next().value;"
                                  "var resolve; var result = 0;"
                                  "async function waiter(x) { var box = { x: x };"
                                  "  var y = await new Promise(r => { resolve = r; });"
                                  "  result = box.x + y; }"
                                  "waiter(20);")));
  EXPECT(execution_run_microtasks(iso));
  for (int i = 0; i < 3; i++) {
    heap_collect_young(&iso->heap);
    heap_collect_full(&iso->heap);
  }
  EXPECT(!handle_is_null(run(iso, "var second = g.next(2).value; resolve(22);")));
  EXPECT(execution_run_microtasks(iso));
  EXPECT_EQ(global_number(iso, "first"), 40);
  EXPECT_EQ(global_number(iso, "second"), 42);
  EXPECT_EQ(global_number(iso, "result"), 42);
  handle_scope_close(&scope);
}

/* The proof that awaiting needs no C stack: 100,000 async functions each awaiting
 * the previous one's promise, a 100,000-deep chain of promises resolved with promises, and
 * 100,000 awaits in one frame, all settled with 256 KiB of C stack. This test makes its
 * own isolate without --gc-interval (it is about the C stack, and 100,000 pending frames
 * under a collection per allocation would take hours). */
TEST(promise, await_chain_needs_no_c_stack) {
  Flags flags = *test_flags();
  flags.gc_interval = 0;
  Isolate *iso = isolate_new(&flags);
  EXPECT(iso != NULL);
  iso->c_stack_limit = (uintptr_t)__builtin_frame_address(0) - 256 * 1024;
  bool ok = bootstrapper_init_isolate(iso);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  ok = ok && !handle_is_null(run(iso,
      "var N = 100000, results = [];"
      "var p = Promise.resolve(0);"
      "for (var i = 0; i < N; i++) p = (prev => (async () => (await prev) + 1)())(p);"
      "p.then(v => { results[0] = v; });"
      "var q = Promise.resolve(7);"
      "for (var i = 0; i < N; i++) q = (inner => new Promise(r => r(inner)))(q);"
      "q.then(v => { results[1] = v; });"
      "(async () => { var t = 0; for (var i = 0; i < N; i++) t += await 1; results[2] = t; })();"
      "var a = () => results[0], b = () => results[1], c = () => results[2];"));
  ok = ok && execution_run_microtasks(iso);
  ok = ok && !handle_is_null(run(iso, "var r0 = a(), r1 = b(), r2 = c();"));
  bool values = ok && global_number(iso, "r0") == 100000 && global_number(iso, "r1") == 7 &&
                global_number(iso, "r2") == 100000;
  handle_scope_close(&scope);
  isolate_free(iso);
  EXPECT(ok);
  EXPECT(values);
}
