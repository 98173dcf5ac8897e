/* test-dispose.c: DisposeCapability lists and DisposeResources (runtime/runtime-dispose.h)
 * driven from C on resources made in JS: growth, reverse order, the sync/async stepping
 * and SuppressedError chains. Meaningful under --gc-interval=1 --verify-heap too. */
#include <stdlib.h>
#include <string.h>

#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "runtime/runtime.h"
#include "runtime/runtime-dispose.h"
#include "objects/string.h"
#include "test.h"

static Isolate *realm_isolate(HandleScope *scope) {
  Isolate *iso = test_isolate();
  if (!bootstrapper_init_isolate(iso)) return NULL;
  handle_scope_open(iso, scope);
  return iso;
}

static Handle run(Isolate *iso, const char *source) {
  return execution_run_script(iso, source, strlen(source), "test-dispose.js");
}

/* The global `log` joined with commas, as a C string compared to expected. */
static bool log_is(Isolate *iso, const char *expected) {
  Handle s = run(iso, "log.join()");
  if (handle_is_null(s) || !is_string(H(s))) return false;
  size_t len;
  char *text = string_to_utf8(iso, H(s), &len);
  bool same = text && strcmp(text, expected) == 0;
  free(text);
  return same;
}

static const char kSetup[] =
    "var log = [];"
    "function res(n) { return { [Symbol.dispose]() { log.push(n); } }; }"
    "function bad(n) { return { [Symbol.dispose]() { log.push(n); throw new Error(n); } }; }"
    "function ares(n) { return { [Symbol.asyncDispose]() { log.push(n); return n; } }; }";

TEST(dispose, resources_run_in_reverse_order_and_the_list_grows) {
  HandleScope scope;
  Isolate *iso = realm_isolate(&scope);
  EXPECT(iso != NULL);
  EXPECT(!handle_is_null(run(iso, kSetup)));
  Handle cap = ROOT_HANDLE(iso, undefined_value);
  char source[32];
  for (int i = 0; i < 20; i++) {
    snprintf(source, sizeof source, "res('%d')", i);
    Handle r = run(iso, source);
    EXPECT(!handle_is_null(r));
    cap = runtime_dispose_add(iso, cap, r, 0);
    EXPECT(!handle_is_null(cap));
  }
  /* null and undefined are not recorded for a sync using. */
  cap = runtime_dispose_add(iso, cap, ROOT_HANDLE(iso, null_value), 0);
  EXPECT_EQ(runtime_dispose_count(H(cap)), 20);
  EXPECT(runtime_dispose_resources_sync(iso, cap, false, ROOT_HANDLE(iso, undefined_value)));
  EXPECT(log_is(iso, "19,18,17,16,15,14,13,12,11,10,9,8,7,6,5,4,3,2,1,0"));
  EXPECT_EQ(runtime_dispose_count(H(cap)), 0);
  handle_scope_close(&scope);
}

TEST(dispose, bad_values_are_type_errors) {
  HandleScope scope;
  Isolate *iso = realm_isolate(&scope);
  EXPECT(!handle_is_null(run(iso, kSetup)));
  Handle cap = ROOT_HANDLE(iso, undefined_value);
  EXPECT(handle_is_null(runtime_dispose_add(iso, cap, handle_new(iso, smi_from_int(1)), 0)));
  EXPECT(isolate_has_pending_exception(iso));
  isolate_clear_pending_exception(iso);
  Handle plain = run(iso, "({})");
  EXPECT(handle_is_null(runtime_dispose_add(iso, cap, plain, 0)));
  isolate_clear_pending_exception(iso);
  handle_scope_close(&scope);
}

TEST(dispose, errors_chain_into_suppressed_errors) {
  HandleScope scope;
  Isolate *iso = realm_isolate(&scope);
  EXPECT(!handle_is_null(run(iso, kSetup)));
  Handle cap = ROOT_HANDLE(iso, undefined_value);
  cap = runtime_dispose_add(iso, cap, run(iso, "bad('a')"), 0);
  cap = runtime_dispose_add(iso, cap, run(iso, "res('b')"), 0);
  cap = runtime_dispose_add(iso, cap, run(iso, "bad('c')"), 0);
  EXPECT(!handle_is_null(cap));
  Handle body_error = run(iso, "new Error('body')");
  EXPECT(!runtime_dispose_resources_sync(iso, cap, true, body_error));
  Handle thrown = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  EXPECT(log_is(iso, "c,b,a"));
  /* SuppressedError(a, SuppressedError(c, body)). */
  Handle global = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_global_object));
  Handle key = string_new_utf8(iso, "thrown", 6);
  EXPECT(runtime_set_property(iso, global, key, thrown, true));
  Handle check = run(iso, "thrown instanceof SuppressedError && thrown.error.message === 'a' &&"
                          "thrown.suppressed.error.message === 'c' &&"
                          "thrown.suppressed.suppressed.message === 'body'");
  EXPECT(!handle_is_null(check) && H(check) == ROOT(iso, true_value));
  handle_scope_close(&scope);
}

TEST(dispose, async_resources_step_one_await_at_a_time) {
  HandleScope scope;
  Isolate *iso = realm_isolate(&scope);
  EXPECT(!handle_is_null(run(iso, kSetup)));
  Handle cap = ROOT_HANDLE(iso, undefined_value);
  cap = runtime_dispose_add(iso, cap, run(iso, "res('s1')"), DISPOSE_HINT_ASYNC);
  cap = runtime_dispose_add(iso, cap, ROOT_HANDLE(iso, null_value), DISPOSE_HINT_ASYNC);
  cap = runtime_dispose_add(iso, cap, run(iso, "res('s2')"), 0);
  cap = runtime_dispose_add(iso, cap, run(iso, "ares('a1')"), DISPOSE_HINT_ASYNC);
  EXPECT_EQ(runtime_dispose_count(H(cap)), 4);
  runtime_dispose_begin(iso, cap, false, ROOT_HANDLE(iso, undefined_value));
  /* a1: its result is awaited. */
  Handle next = runtime_dispose_step(iso, cap);
  EXPECT(!handle_is_null(next) && is_string(H(next)));
  EXPECT(runtime_dispose_after_await(iso, cap, false, next));
  /* s2 (sync) runs at once; the null entry asks for no await yet (one happened). */
  /* s1 through @@dispose: awaited as undefined. */
  next = runtime_dispose_step(iso, cap);
  EXPECT(!handle_is_null(next) && is_undefined(iso, H(next)));
  EXPECT(log_is(iso, "a1,s2,s1"));
  next = runtime_dispose_step(iso, cap);
  EXPECT(!handle_is_null(next) && is_the_hole(iso, H(next)));
  EXPECT(runtime_dispose_end(iso, cap));
  handle_scope_close(&scope);
}

TEST(dispose, an_async_null_resource_alone_still_awaits_once) {
  HandleScope scope;
  Isolate *iso = realm_isolate(&scope);
  Handle cap = ROOT_HANDLE(iso, undefined_value);
  cap = runtime_dispose_add(iso, cap, ROOT_HANDLE(iso, undefined_value), DISPOSE_HINT_ASYNC);
  EXPECT_EQ(runtime_dispose_count(H(cap)), 1);
  runtime_dispose_begin(iso, cap, false, ROOT_HANDLE(iso, undefined_value));
  Handle next = runtime_dispose_step(iso, cap);
  EXPECT(!handle_is_null(next) && is_undefined(iso, H(next)));
  next = runtime_dispose_step(iso, cap);
  EXPECT(is_the_hole(iso, H(next)));
  EXPECT(runtime_dispose_end(iso, cap));
  handle_scope_close(&scope);
}
