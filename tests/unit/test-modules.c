/*
 * test-modules.c: ES modules from C through an in-memory ModuleHost (execution/modules.h):
 * linking and evaluating a graph with a cycle, live bindings read through a namespace,
 * link errors, top-level await across jobs, a module suspended at an await surviving
 * collections, and a promise-based loader (import() waits; a static load cannot).
 */
#include <string.h>

#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "execution/modules.h"
#include "heap/heap.h"
#include "interpreter/compiler.h"
#include "objects/js-promise.h"
#include "objects/source-text-module.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "test.h"

/* The host: a fixed table of (name, source); every load compiles afresh unless cached. */
typedef struct {
  const char *names[8];
  const char *sources[8];
  Handle modules[8];  /* global handles, once compiled */
  int count;
  int loads;
} MemoryHost;

static Handle memory_load(Isolate *iso, Handle referrer, Handle specifier, Handle type, void *data) {
  KILN_UNUSED(referrer);
  KILN_UNUSED(type);
  MemoryHost *h = data;
  h->loads++;
  for (int i = 0; i < h->count; i++) {
    if (!string_equals_ascii(H(specifier), h->names[i])) continue;
    if (!handle_is_null(h->modules[i])) return handle_new(iso, H(h->modules[i]));
    Handle source = string_new_utf8(iso, h->sources[i], strlen(h->sources[i]));
    Handle name = string_new_utf8(iso, h->names[i], strlen(h->names[i]));
    Handle m = compiler_compile_module(iso, source, name, name);
    if (!handle_is_null(m)) h->modules[i] = global_handle_new(iso, H(m));
    return m;
  }
  isolate_throw_error(iso, kError_TYPE_ERROR, "no such module");
  return HANDLE_NULL;
}

static Isolate *module_isolate(MemoryHost *h, ModuleHost *host) {
  Isolate *iso = test_isolate();
  if (!bootstrapper_init_isolate(iso)) return NULL;
  *host = (ModuleHost){memory_load, NULL, h};
  modules_set_host(iso, host);
  return iso;
}

static Handle load(Isolate *iso, const char *name) {
  Handle spec = string_internalize_utf8(iso, name, strlen(name));
  return iso->module_host->load(iso, ROOT_HANDLE(iso, undefined_value), spec,
                                ROOT_HANDLE(iso, undefined_value), iso->module_host->data);
}

static double ns_number(Isolate *iso, Handle module, const char *key) {
  Handle ns = source_text_module_get_namespace(iso, module);
  Handle v = handle_is_null(ns) ? ns : runtime_get_named(iso, ns, key);
  return !handle_is_null(v) && is_number(H(v)) ? runtime_number_value(H(v)) : -1;
}

TEST(modules, a_cycle_links_and_evaluates_once_with_live_bindings) {
  MemoryHost h = {{"main", "dep"},
                  {"import { dep, bump } from 'dep'; export let seen = dep; bump();"
                   "export function f() { return 7; }",
                   "import { f } from 'main'; export let dep = f(); export function bump() { dep++; }"},
                  {{0}}, 2, 0};
  ModuleHost host;
  Isolate *iso = module_isolate(&h, &host);
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle main = load(iso, "main");
  EXPECT(!handle_is_null(main));
  Handle promise = modules_run(iso, main);
  EXPECT(!handle_is_null(promise));
  EXPECT_EQ(js_promise_state(H(promise)), kPromiseFulfilled);
  EXPECT_EQ(ns_number(iso, main, "seen"), 7);
  EXPECT_EQ(h.loads, 3);  /* main, dep, and dep's request of main */
  Handle dep = load(iso, "dep");
  EXPECT_EQ(ns_number(iso, dep, "dep"), 8);  /* bump() ran after `seen` read 7: live */
  EXPECT_EQ(source_text_module_status(H(dep)), MODULE_EVALUATED);
  handle_scope_close(&scope);
}

TEST(modules, a_missing_export_is_a_syntax_error_at_link_time) {
  MemoryHost h = {{"main", "dep"},
                  {"globalThis.ran = true; import { nope } from 'dep';", "export let yes = 1;"},
                  {{0}}, 2, 0};
  ModuleHost host;
  Isolate *iso = module_isolate(&h, &host);
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle main = load(iso, "main");
  EXPECT(modules_load_requested(iso, main));
  EXPECT(!modules_link(iso, main));
  EXPECT(isolate_has_pending_exception(iso));
  isolate_clear_pending_exception(iso);
  EXPECT_EQ(source_text_module_status(H(main)), MODULE_UNLINKED);
  Handle global = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_global_object));
  Handle ran = runtime_get_named(iso, global, "ran");
  EXPECT(!handle_is_null(ran) && is_undefined(iso, H(ran)));  /* nothing ran */
  handle_scope_close(&scope);
}

TEST(modules, top_level_await_survives_collections_while_suspended) {
  MemoryHost h = {{"main", "slow"},
                  {"import { v } from 'slow'; export const out = v + 1;",
                   "let o = { n: 41 }; await null; await null; export const v = o.n;"},
                  {{0}}, 2, 0};
  ModuleHost host;
  Isolate *iso = module_isolate(&h, &host);
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle main = load(iso, "main");
  Handle promise = modules_run(iso, main);
  EXPECT(!handle_is_null(promise));
  EXPECT_EQ(js_promise_state(H(promise)), kPromisePending);
  EXPECT_EQ(source_text_module_status(H(main)), MODULE_EVALUATING_ASYNC);
  heap_collect_full(&iso->heap);  /* the suspended frame lives in the heap */
  EXPECT(execution_run_microtasks(iso));
  heap_collect_young(&iso->heap);
  EXPECT_EQ(js_promise_state(H(promise)), kPromiseFulfilled);
  EXPECT_EQ(ns_number(iso, main, "out"), 42);
  handle_scope_close(&scope);
}

/* A promise-based loader: every load answers with a promise of the module. */
static Handle promise_load(Isolate *iso, Handle referrer, Handle specifier, Handle type, void *data) {
  Handle m = memory_load(iso, referrer, specifier, type, data);
  if (handle_is_null(m)) return m;
  Handle ctor = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_promise_function));
  return js_promise_promise_resolve(iso, ctor, m);
}

TEST(modules, import_waits_for_a_promise_based_loader) {
  MemoryHost h = {{"main", "dep"},
                  {"import { v } from 'dep'; export const out = v * 2;", "export const v = 21;"},
                  {{0}}, 2, 0};
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  ModuleHost host = {promise_load, NULL, &h};
  modules_set_host(iso, &host);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle spec = string_internalize_utf8(iso, "main", 4);
  Handle undef = ROOT_HANDLE(iso, undefined_value);
  Handle promise = modules_dynamic_import(iso, undef, spec, undef, 0);
  EXPECT(!handle_is_null(promise));
  EXPECT_EQ(js_promise_state(H(promise)), kPromisePending);
  EXPECT(execution_run_microtasks(iso));
  EXPECT_EQ(js_promise_state(H(promise)), kPromiseFulfilled);
  Handle ns = handle_new(iso, js_promise_reactions_or_result(H(promise)));
  Handle out = runtime_get_named(iso, ns, "out");
  EXPECT(!handle_is_null(out) && is_number(H(out)) && runtime_number_value(H(out)) == 42);
  handle_scope_close(&scope);
}

TEST(modules, a_static_load_cannot_wait_for_a_promise) {
  MemoryHost h = {{"main", "dep"}, {"import 'dep';", ""}, {{0}}, 2, 0};
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  ModuleHost host = {promise_load, NULL, &h};
  modules_set_host(iso, &host);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle main = memory_load(iso, ROOT_HANDLE(iso, undefined_value),
                            string_internalize_utf8(iso, "main", 4),
                            ROOT_HANDLE(iso, undefined_value), &h);
  EXPECT(!handle_is_null(main));
  EXPECT(!modules_load_requested(iso, main));  /* dep's load answered with a promise */
  EXPECT(isolate_has_pending_exception(iso));
  isolate_clear_pending_exception(iso);
  handle_scope_close(&scope);
}
