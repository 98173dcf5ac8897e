/*
 * test-termination.c: isolate_request_termination from a second thread stops running JS
 * (loops, calls, the regexp matcher, generators, promise jobs) without running catch or
 * finally handlers, and the isolate runs scripts normally afterwards.
 */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "runtime/runtime.h"
#include "test.h"

typedef struct {
  Isolate *iso;
  int delay_ms;
} Watchdog;

static void *watchdog_main(void *arg) {
  Watchdog *w = arg;
  struct timespec ts = {w->delay_ms / 1000, (long)(w->delay_ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
  isolate_request_termination(w->iso);
  return NULL;
}

static Handle run(Isolate *iso, const char *source) {
  return execution_run_script(iso, source, strlen(source), "test.js");
}

static double global_number(Isolate *iso, const char *name) {
  Handle global = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_global_object));
  Handle v = runtime_get_named(iso, global, name);
  return !handle_is_null(v) && is_number(H(v)) ? runtime_number_value(H(v)) : -1.0;
}

static Isolate *realm_isolate(void) {
  Isolate *iso = test_isolate();
  return bootstrapper_init_isolate(iso) ? iso : NULL;
}

/* Runs source while a second thread asks for termination after delay_ms; true when the
 * run was terminated (and leaves the isolate clean: no pending exception). */
static bool run_terminated(Isolate *iso, const char *source, int delay_ms) {
  Watchdog w = {iso, delay_ms};
  pthread_t thread;
  if (pthread_create(&thread, NULL, watchdog_main, &w) != 0) return false;
  Handle r = run(iso, source);
  pthread_join(thread, NULL);
  bool terminated = handle_is_null(r) && isolate_is_terminating(iso);
  /* The request was cancelled on the way out; only the pending sentinel remains. */
  bool cancelled = !isolate_interrupt_requested(iso);
  isolate_clear_pending_exception(iso);
  return terminated && cancelled;
}

/* After a termination the isolate runs a script to completion. */
static bool runs_normally(Isolate *iso) {
  Handle r = run(iso, "var sum = 0; for (var i = 0; i < 1000; i++) sum += i; sum");
  return !handle_is_null(r) && is_smi(H(r)) && smi_value(H(r)) == 499500;
}

TEST(termination, stops_an_infinite_loop) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  EXPECT(run_terminated(iso, "for (;;) {}", 30));
  EXPECT(runs_normally(iso));
  EXPECT(run_terminated(iso, "while (true) { Math.sqrt(2); }", 10));
  EXPECT(runs_normally(iso));
  handle_scope_close(&scope);
}

TEST(termination, runs_no_catch_or_finally) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  EXPECT(!handle_is_null(run(iso, "var after = 0;")));
  EXPECT(run_terminated(iso, "try { for (;;) {} } finally { after = 1; }", 30));
  EXPECT(global_number(iso, "after") == 0);
  EXPECT(run_terminated(iso, "try { for (;;) {} } catch (e) { after = 2; }", 10));
  EXPECT(global_number(iso, "after") == 0);
  EXPECT(run_terminated(iso,
                        "function f() { try { for (;;) {} } catch (e) { after = 3; } }\n"
                        "try { f(); } catch (e) { after = 4; } finally { after = 5; }",
                        10));
  EXPECT(global_number(iso, "after") == 0);
  EXPECT(runs_normally(iso));
  handle_scope_close(&scope);
}

TEST(termination, stops_regexp_backtracking) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  EXPECT(run_terminated(iso, "var caught = 0; try { /(a*)*b/.exec('a'.repeat(40)); }"
                             " catch (e) { caught = 1; }", 50));
  EXPECT(global_number(iso, "caught") == 0);
  EXPECT(runs_normally(iso));
  handle_scope_close(&scope);
}

TEST(termination, stops_calls_without_loops) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  /* No back-edge in JS: the poll at each call stops the callbacks. */
  EXPECT(run_terminated(iso, "var a = new Array(1e4).fill(0);"
                             "a.forEach(function () { a.forEach(function () {}); });", 20));
  EXPECT(runs_normally(iso));
  handle_scope_close(&scope);
}

TEST(termination, stops_generators_and_promise_jobs) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  EXPECT(!handle_is_null(run(iso, "var after = 0;")));
  EXPECT(run_terminated(iso, "function* g() { try { for (;;) yield 1; } finally { after = 1; } }"
                             "for (var x of g()) {}", 20));
  EXPECT(global_number(iso, "after") == 0);
  /* An async function terminated in a microtask: the checkpoint stops, nothing rejects. */
  EXPECT(!handle_is_null(run(iso, "async function f() { await 0; try { for (;;) {} }"
                                  " catch (e) { after = 2; } }"
                                  "f().catch(() => { after = 3; });"
                                  "Promise.resolve().then(() => { after = 4; });")));
  Watchdog w = {iso, 20};
  pthread_t thread;
  EXPECT(pthread_create(&thread, NULL, watchdog_main, &w) == 0);
  bool ok = execution_run_microtasks(iso);
  pthread_join(thread, NULL);
  EXPECT(!ok);
  EXPECT(isolate_is_terminating(iso));
  EXPECT(!isolate_interrupt_requested(iso));
  isolate_clear_pending_exception(iso);
  EXPECT(global_number(iso, "after") == 0);
  /* The remaining job stayed queued and runs at the next checkpoint. */
  EXPECT(execution_run_microtasks(iso));
  EXPECT(global_number(iso, "after") == 4);
  EXPECT(runs_normally(iso));
  handle_scope_close(&scope);
}

TEST(termination, request_before_running_and_cancel) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  /* A request made while nothing runs stops the next execution at its first poll... */
  isolate_request_termination(iso);
  EXPECT(handle_is_null(run(iso, "function f() {} f();")));
  EXPECT(isolate_is_terminating(iso));
  isolate_clear_pending_exception(iso);
  EXPECT(runs_normally(iso));
  /* ...unless it is cancelled first. */
  isolate_request_termination(iso);
  isolate_cancel_termination(iso);
  EXPECT(!isolate_interrupt_requested(iso));
  EXPECT(runs_normally(iso));
  handle_scope_close(&scope);
}

TEST(termination, stops_long_native_loops) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  /* Billions of holes: the builtins' element loops poll too. */
  EXPECT(run_terminated(iso, "new Array(2 ** 32 - 1).join('');", 20));
  EXPECT(runs_normally(iso));
  EXPECT(run_terminated(iso, "Array.prototype.indexOf.call({length: 2 ** 53 - 1}, 1);", 20));
  EXPECT(runs_normally(iso));
  EXPECT(run_terminated(iso, "var big = []; big.length = 3e6; big.fill('x'); big.sort();"
                             "big.sort(); big.sort(); big.sort(); big.sort();", 30));
  EXPECT(runs_normally(iso));
  handle_scope_close(&scope);
}
