/*
 * modules.c: loading, linking and evaluating module graphs (see modules.h).
 *
 * Spec records are heap objects (SourceTextModule); the spec's lists that live only during
 * one algorithm (the DFS stack, resolveSet, exportStarSet, execList) are C arrays of
 * Handles in the caller's HandleScope.
 */
#include "execution/modules.h"

#include <stdlib.h>
#include <string.h>

#include "execution/contexts.h"
#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "interpreter/frames.h"
#include "interpreter/interpreter-generators.h"
#include "interpreter/interpreter-internal.h"
#include "objects/descriptors.h"
#include "objects/js-array-buffer.h"
#include "objects/js-function.h"
#include "objects/js-generator.h"
#include "objects/js-objects.h"
#include "objects/js-promise.h"
#include "objects/scope-info.h"
#include "objects/script.h"
#include "objects/shared-function-info.h"
#include "objects/source-text-module.h"
#include "objects/string.h"
#include "parsing/ast.h"
#include "runtime/runtime.h"

void modules_set_host(Isolate *iso, const ModuleHost *host) { iso->module_host = host; }

/* ---- small helpers ------------------------------------------------------------------- */

/* A growable array of Handles (the spec's transient Lists). */
typedef struct {
  Handle *items;
  int count, capacity;
} HandleList;

static bool list_push(Isolate *iso, HandleList *l, Handle h) {
  if (l->count == l->capacity) {
    int cap = l->capacity ? l->capacity * 2 : 16;
    Handle *items = realloc(l->items, sizeof(Handle) * (size_t)cap);
    if (items == NULL) { isolate_throw_out_of_memory(iso); return false; }
    l->items = items;
    l->capacity = cap;
  }
  l->items[l->count++] = h;
  return true;
}

static bool list_contains(const HandleList *l, Tagged v) {
  for (int i = 0; i < l->count; i++)
    if (H(l->items[i]) == v) return true;
  return false;
}

static Tagged M_loaded(Tagged m, int request) {
  return fixed_array_get(source_text_module_loaded(m), request);
}
static int M_request_count(Tagged m) {
  return (int)(fixed_array_length(source_text_module_requests(m)) / kRequestStride);
}
static int M_request_phase(Tagged m, int request) {
  return smi_value(fixed_array_get(source_text_module_requests(m), request * kRequestStride + 2));
}
static ModuleStatus M_status(Tagged m) { return (ModuleStatus)source_text_module_status(m); }
static void M_set_status(Tagged m, ModuleStatus s) { source_text_module_set_status(m, s); }
static bool M_is_async_evaluation(Tagged m) { return source_text_module_async_order(m) != 0; }

static char *utf8_of(Isolate *iso, Tagged s) {
  size_t n;
  return is_string(s) ? string_to_utf8(iso, s, &n) : NULL;
}

/* ---- loading (16.2.1.5.1 LoadRequestedModules, synchronous host) ---------------------- */

static Handle host_load(Isolate *iso, Handle referrer, Handle specifier, Handle type) {
  if (iso->module_host == NULL || iso->module_host->load == NULL) {
    char *s = utf8_of(iso, H(specifier));
    isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot load module '%s': no module loader",
                        s ? s : "?");
    free(s);
    return HANDLE_NULL;
  }
  Handle m = iso->module_host->load(iso, referrer, specifier, type, iso->module_host->data);
  if (!handle_is_null(m) && !is_source_text_module(H(m)) && !is_js_promise(H(m))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "The module loader returned no module");
    return HANDLE_NULL;
  }
  return m;
}

/* A request the host answered with a promise: loading stops until it settles. */
typedef struct {
  Handle promise, module;
  int request;
} PendingLoad;

/* InnerModuleLoading: depth-first over the graph; visited guards cycles. Stops early
 * (true, pending->promise set) at the first request answered with a promise. */
static bool load_graph(Isolate *iso, Handle module, HandleList *visited, PendingLoad *pending) {
  if (list_contains(visited, H(module))) return true;
  if (!list_push(iso, visited, module)) return false;
  if (source_text_module_is_synthetic(iso, H(module))) return true;
  int n = M_request_count(H(module));
  for (int i = 0; i < n; i++) {
    Handle required = handle_new(iso, M_loaded(H(module), i));
    if (!is_source_text_module(H(required))) {
      Tagged requests = source_text_module_requests(H(module));
      Handle specifier = handle_new(iso, fixed_array_get(requests, i * kRequestStride));
      Handle type = handle_new(iso, fixed_array_get(requests, i * kRequestStride + 1));
      required = host_load(iso, module, specifier, type);
      if (handle_is_null(required)) return false;
      if (is_js_promise(H(required))) {
        *pending = (PendingLoad){required, module, i};
        return true;
      }
      fixed_array_set(source_text_module_loaded(H(module)), i, H(required));
    }
    if (!load_graph(iso, required, visited, pending)) return false;
    if (!handle_is_null(pending->promise)) return true;
  }
  if (M_status(H(module)) == MODULE_NEW) M_set_status(H(module), MODULE_UNLINKED);
  return true;
}

/* Loads what it can; *pending gets the first promise the host answered with. */
static bool load_some(Isolate *iso, Handle module, PendingLoad *pending) {
  if (!execution_stack_ok(iso)) return false;
  HandleList visited = {0};
  *pending = (PendingLoad){HANDLE_NULL, HANDLE_NULL, 0};
  bool ok = load_graph(iso, module, &visited, pending);
  free(visited.items);
  return ok;
}

bool modules_load_requested(Isolate *iso, Handle module) {
  HandleScope hs;
  handle_scope_open(iso, &hs);
  PendingLoad pending;
  bool ok = load_some(iso, module, &pending);
  if (ok && !handle_is_null(pending.promise)) {
    isolate_throw_error(iso, kError_TYPE_ERROR,
                        "The module loader returned a promise: only import() waits for one");
    ok = false;
  }
  handle_scope_close(&hs);
  return ok;
}

/* ---- GetExportedNames and ResolveExport (16.2.1.6.2-3) -------------------------------- */

static bool exported_names(Isolate *iso, Handle module, HandleList *star_set, HandleList *out) {
  if (list_contains(star_set, H(module))) return true;  /* a star-export cycle */
  if (!list_push(iso, star_set, module)) return false;
  if (!execution_stack_ok(iso)) return false;
  Tagged locals = source_text_module_local_exports(H(module));
  for (int64_t i = 0; i < fixed_array_length(locals); i += kLocalExportStride)
    if (!list_push(iso, out, handle_new(iso, fixed_array_get(source_text_module_local_exports(H(module)), i)))) return false;
  Tagged indirect = source_text_module_indirect_exports(H(module));
  for (int64_t i = 0; i < fixed_array_length(indirect); i += kIndirectExportStride)
    if (!list_push(iso, out, handle_new(iso, fixed_array_get(source_text_module_indirect_exports(H(module)), i)))) return false;
  Handle stars = handle_new(iso, source_text_module_star_exports(H(module)));
  for (int64_t i = 0; i < fixed_array_length(H(stars)); i++) {
    int request = smi_value(fixed_array_get(H(stars), i));
    Handle requested = handle_new(iso, M_loaded(H(module), request));
    HandleList star_names = {0};
    bool ok = exported_names(iso, requested, star_set, &star_names);
    for (int j = 0; ok && j < star_names.count; j++) {
      Tagged name = H(star_names.items[j]);
      if (string_equals_ascii(name, "default") || list_contains(out, name)) continue;
      ok = list_push(iso, out, star_names.items[j]);
    }
    free(star_names.items);
    if (!ok) return false;
  }
  return true;
}

Handle modules_get_exported_names(Isolate *iso, Handle module) {
  HandleList star_set = {0}, names = {0};
  bool ok = exported_names(iso, module, &star_set, &names);
  Handle out = ok ? factory_new_fixed_array(iso, names.count) : HANDLE_NULL;
  for (int i = 0; !handle_is_null(out) && i < names.count; i++)
    fixed_array_set(H(out), i, H(names.items[i]));
  free(star_set.items);
  free(names.items);
  return out;
}

typedef enum { RESOLVE_NULL, RESOLVE_AMBIGUOUS, RESOLVE_FOUND, RESOLVE_ERROR } ResolveKind;
typedef struct {
  ResolveKind kind;
  Handle module;
  Handle name;  /* the binding name; empty: NAMESPACE */
} Resolution;

/* resolve_set holds (module, export name) pairs flattened. */
static Resolution resolve_export(Isolate *iso, Handle module, Handle name, HandleList *set) {
  Resolution none = {RESOLVE_NULL, HANDLE_NULL, HANDLE_NULL};
  if (!execution_stack_ok(iso)) { none.kind = RESOLVE_ERROR; return none; }
  for (int i = 0; i < set->count; i += 2)  /* step 3: a circular import request */
    if (H(set->items[i]) == H(module) && H(set->items[i + 1]) == H(name)) return none;
  if (!list_push(iso, set, module) || !list_push(iso, set, name)) {
    none.kind = RESOLVE_ERROR;
    return none;
  }
  if (source_text_module_is_synthetic(iso, H(module))) {
    if (string_equals_ascii(H(name), "default")) return (Resolution){RESOLVE_FOUND, module, name};
    return none;
  }
  Tagged locals = source_text_module_local_exports(H(module));
  for (int64_t i = 0; i < fixed_array_length(locals); i += kLocalExportStride) {
    if (fixed_array_get(locals, i) != H(name)) continue;
    return (Resolution){RESOLVE_FOUND, module, handle_new(iso, fixed_array_get(locals, i + 1))};
  }
  Tagged indirect = source_text_module_indirect_exports(H(module));
  for (int64_t i = 0; i < fixed_array_length(indirect); i += kIndirectExportStride) {
    if (fixed_array_get(indirect, i) != H(name)) continue;
    int request = smi_value(fixed_array_get(indirect, i + 1));
    Handle imported = handle_new(iso, M_loaded(H(module), request));
    Tagged import_name = fixed_array_get(indirect, i + 2);
    if (is_undefined(iso, import_name)) return (Resolution){RESOLVE_FOUND, imported, HANDLE_NULL};
    return resolve_export(iso, imported, handle_new(iso, import_name), set);
  }
  if (string_equals_ascii(H(name), "default")) return none;  /* step 8 */
  Resolution star = none;
  Handle stars = handle_new(iso, source_text_module_star_exports(H(module)));
  for (int64_t i = 0; i < fixed_array_length(H(stars)); i++) {
    int request = smi_value(fixed_array_get(H(stars), i));
    Handle imported = handle_new(iso, M_loaded(H(module), request));
    Resolution r = resolve_export(iso, imported, name, set);
    if (r.kind == RESOLVE_AMBIGUOUS || r.kind == RESOLVE_ERROR) return r;
    if (r.kind == RESOLVE_NULL) continue;
    if (star.kind == RESOLVE_NULL) { star = r; continue; }
    bool same_module = H(r.module) == H(star.module);
    bool same_name = handle_is_null(r.name) ? handle_is_null(star.name)
                                            : !handle_is_null(star.name) && H(r.name) == H(star.name);
    if (!same_module || !same_name) return (Resolution){RESOLVE_AMBIGUOUS, HANDLE_NULL, HANDLE_NULL};
  }
  return star;
}

/* The binding pair of a resolution (its slot found in the module's scope). */
static Handle resolution_binding(Isolate *iso, Resolution r) {
  if (handle_is_null(r.name)) return source_text_module_binding(iso, r.module, kBindingNamespace);
  int slot = 0;  /* a synthetic module's one slot */
  Tagged sfi = source_text_module_sfi(H(r.module));
  if (!is_undefined(iso, sfi)) slot = scope_info_context_slot_index(sfi_scope_info(sfi), H(r.name), NULL);
  if (slot < 0) {
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "Module binding has no slot");
    return HANDLE_NULL;
  }
  return source_text_module_binding(iso, r.module, slot);
}

Handle modules_resolve_export_binding(Isolate *iso, Handle module, Handle name) {
  HandleList set = {0};
  Resolution r = resolve_export(iso, module, name, &set);
  free(set.items);
  if (r.kind != RESOLVE_FOUND) return HANDLE_NULL;
  return resolution_binding(iso, r);
}

/* ---- Link (16.2.1.6.1, InnerModuleLinking 16.2.1.6.1.1) ------------------------------ */

static void throw_unresolved(Isolate *iso, Handle module, int request, Handle name, ResolveKind k) {
  char *n = utf8_of(iso, H(name));
  Tagged requests = source_text_module_requests(H(module));
  char *spec = utf8_of(iso, fixed_array_get(requests, request * kRequestStride));
  if (k == RESOLVE_AMBIGUOUS)
    isolate_throw_error(iso, kError_SYNTAX_ERROR,
                        "The requested module '%s' contains conflicting star exports for name '%s'",
                        spec ? spec : "?", n ? n : "?");
  else
    isolate_throw_error(iso, kError_SYNTAX_ERROR,
                        "The requested module '%s' does not provide an export named '%s'",
                        spec ? spec : "?", n ? n : "?");
  free(n);
  free(spec);
}

/* Resolves one name of module's request; empty with a SyntaxError when it does not. */
static Handle resolve_import(Isolate *iso, Handle module, int request, Handle name) {
  Handle imported = handle_new(iso, M_loaded(H(module), request));
  HandleList set = {0};
  Resolution r = resolve_export(iso, imported, name, &set);
  free(set.items);
  if (r.kind == RESOLVE_ERROR) return HANDLE_NULL;
  if (r.kind != RESOLVE_FOUND) { throw_unresolved(iso, module, request, name, r.kind); return HANDLE_NULL; }
  return resolution_binding(iso, r);
}

/* GetModuleSource(): the host's module source object; a Source Text Module Record has
 * none (a SyntaxError). */
static Handle get_module_source(Isolate *iso, Handle module) {
  Tagged source = source_text_module_module_source(H(module));
  if (is_js_receiver(source)) return handle_new(iso, source);
  isolate_throw_error(iso, kError_SYNTAX_ERROR, "A JavaScript module has no source phase representation");
  return HANDLE_NULL;
}

/* Calls the module function: its prologue makes the environment and suspends. */
static bool create_environment(Isolate *iso, Handle module) {
  Handle sfi = handle_new(iso, source_text_module_sfi(H(module)));
  Handle realm = handle_new(iso, iso->native_context);
  Handle closure = js_function_new_closure(iso, sfi, realm);
  if (handle_is_null(closure)) return false;
  Handle gen = execution_call(iso, closure, ROOT_HANDLE(iso, undefined_value), 0, NULL);
  if (handle_is_null(gen)) return false;
  if (!is_js_generator_object(H(gen))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "module function did not suspend");
    return false;
  }
  Tagged env = js_generator_object_context(H(gen));
  context_set_extension(env, H(module));
  source_text_module_set_environment(H(module), env);
  source_text_module_set_generator(H(module), H(gen));
  return true;
}

/* 16.2.1.6.4 InitializeEnvironment. */
static bool initialize_environment(Isolate *iso, Handle module) {
  Handle indirect = handle_new(iso, source_text_module_indirect_exports(H(module)));
  for (int64_t i = 0; i < fixed_array_length(H(indirect)); i += kIndirectExportStride) {
    Tagged import_name = fixed_array_get(H(indirect), i + 2);
    if (is_undefined(iso, import_name)) continue;  /* export * as ns: always resolves */
    int request = smi_value(fixed_array_get(H(indirect), i + 1));
    if (handle_is_null(resolve_import(iso, module, request, handle_new(iso, import_name)))) return false;
  }
  Handle imports = handle_new(iso, source_text_module_imports(H(module)));
  int64_t count = fixed_array_length(H(imports)) / kImportStride;
  Handle bindings = factory_new_fixed_array(iso, count);
  if (handle_is_null(bindings)) return false;
  for (int64_t i = 0; i < count; i++) {
    int request = smi_value(fixed_array_get(H(imports), i * kImportStride));
    Handle name = handle_new(iso, fixed_array_get(H(imports), i * kImportStride + 1));
    Handle binding;
    if (is_undefined(iso, H(name))) {  /* import * as ns: the namespace object itself */
      Handle imported = handle_new(iso, M_loaded(H(module), request));
      int phase = M_request_phase(H(module), request);
      if (phase == AST_PHASE_SOURCE) {  /* GetModuleSource */
        binding = get_module_source(iso, imported);
      } else binding = phase == AST_PHASE_DEFER ? source_text_module_get_deferred_namespace(iso, imported)
                                         : source_text_module_get_namespace(iso, imported);
    } else {
      binding = resolve_import(iso, module, request, name);
    }
    if (handle_is_null(binding)) return false;
    fixed_array_set(H(bindings), i, H(binding));
  }
  source_text_module_set_import_bindings(H(module), H(bindings));
  if (!create_environment(iso, module)) return false;
  /* Namespace imports are ordinary immutable bindings of the environment. */
  Handle sfi = handle_new(iso, source_text_module_sfi(H(module)));
  for (int64_t i = 0; i < count; i++) {
    Tagged b = fixed_array_get(H(bindings), i);
    if (!is_js_receiver(b)) continue;  /* a namespace or a module source: a plain slot */
    Tagged local = fixed_array_get(H(imports), i * kImportStride + 2);
    int slot = scope_info_context_slot_index(sfi_scope_info(H(sfi)), local, NULL);
    if (slot >= 0) context_set(source_text_module_environment(H(module)), slot, b);
  }
  return true;
}

static int inner_link(Isolate *iso, Handle module, HandleList *stack, int index) {
  if (source_text_module_is_synthetic(iso, H(module))) return index;
  ModuleStatus st = M_status(H(module));
  if (st == MODULE_LINKING || st == MODULE_LINKED || st == MODULE_EVALUATING ||
      st == MODULE_EVALUATING_ASYNC || st == MODULE_EVALUATED)
    return index;
  if (!execution_stack_ok(iso)) return -1;
  M_set_status(H(module), MODULE_LINKING);
  source_text_module_set_dfs_index(H(module), index);
  source_text_module_set_dfs_ancestor_index(H(module), index);
  index++;
  if (!list_push(iso, stack, module)) return -1;
  int n = M_request_count(H(module));
  for (int i = 0; i < n; i++) {
    Handle required = handle_new(iso, M_loaded(H(module), i));
    index = inner_link(iso, required, stack, index);
    if (index < 0) return -1;
    if (!source_text_module_is_synthetic(iso, H(required)) &&
        M_status(H(required)) == MODULE_LINKING) {
      int64_t a = source_text_module_dfs_ancestor_index(H(module));
      int64_t b = source_text_module_dfs_ancestor_index(H(required));
      source_text_module_set_dfs_ancestor_index(H(module), a < b ? a : b);
    }
  }
  if (!initialize_environment(iso, module)) return -1;
  if (source_text_module_dfs_ancestor_index(H(module)) == source_text_module_dfs_index(H(module))) {
    for (;;) {
      Handle m = stack->items[--stack->count];
      M_set_status(H(m), MODULE_LINKED);
      if (H(m) == H(module)) break;
    }
  }
  return index;
}

bool modules_link(Isolate *iso, Handle module) {
  HandleScope hs;
  handle_scope_open(iso, &hs);
  HandleList stack = {0};
  bool ok = inner_link(iso, module, &stack, 0) >= 0;
  if (!ok) {  /* step 4: back to unlinked */
    for (int i = 0; i < stack.count; i++) {
      Tagged m = H(stack.items[i]);
      M_set_status(m, MODULE_UNLINKED);
      source_text_module_set_environment(m, ROOT(iso, undefined_value));
      source_text_module_set_generator(m, ROOT(iso, undefined_value));
    }
    if (M_status(H(module)) == MODULE_LINKING) M_set_status(H(module), MODULE_UNLINKED);
  }
  free(stack.items);
  handle_scope_close(&hs);
  return ok;
}

/* ---- Evaluate (16.2.1.6.2, InnerModuleEvaluation 16.2.1.6.2.1) ----------------------- */

static Handle new_capability(Isolate *iso) {
  Handle ctor = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_promise_function));
  return js_promise_new_capability(iso, ctor);
}

/* ExecuteModule() of a module without top-level await: resumes its body. */
static bool execute_module_sync(Isolate *iso, Handle module) {
  Handle gen = handle_new(iso, source_text_module_generator(H(module)));
  if (!js_generator_is_suspended(H(gen))) return true;
  Handle r = interpreter_generator_resume(iso, gen, ROOT_HANDLE(iso, undefined_value), kGeneratorNext);
  return !handle_is_null(r);
}

/* 16.2.1.6.2.2 ExecuteAsyncModule. */
static bool execute_async_module(Isolate *iso, Handle module) {
  Handle cap = new_capability(iso);
  if (handle_is_null(cap)) return false;
  Handle on_ok = js_promise_new_closure(iso, kPromiseClosure_MODULE_ASYNC_FULFILLED, 1);
  Handle on_err = js_promise_new_closure(iso, kPromiseClosure_MODULE_ASYNC_REJECTED, 1);
  if (handle_is_null(on_ok) || handle_is_null(on_err)) return false;
  context_set(js_function_context(H(on_ok)), 0, H(module));
  context_set(js_function_context(H(on_err)), 0, H(module));
  Handle promise = js_promise_capability_promise(iso, cap);
  if (handle_is_null(js_promise_perform_then(iso, promise, on_ok, on_err,
                                             ROOT_HANDLE(iso, undefined_value))))
    return false;
  /* ExecuteModule(capability): the body runs as an async generator's first next(). */
  Handle gen = handle_new(iso, source_text_module_generator(H(module)));
  if (!js_async_generator_enqueue(iso, gen, kGeneratorNext, ROOT_HANDLE(iso, undefined_value), cap))
    return false;
  return js_async_generator_resume(iso, gen, ROOT_HANDLE(iso, undefined_value), kGeneratorNext);
}

static void append_async_parent(Isolate *iso, Handle required, Handle module) {
  Tagged parents = source_text_module_async_parents(H(required));
  int64_t n = is_fixed_array(parents) ? fixed_array_length(parents) : 0;
  Handle grown = factory_new_fixed_array(iso, n + 1);
  if (handle_is_null(grown)) return;
  parents = source_text_module_async_parents(H(required));
  for (int64_t i = 0; i < n; i++) fixed_array_set(H(grown), i, fixed_array_get(parents, i));
  fixed_array_set(H(grown), n, H(module));
  source_text_module_set_async_parents(H(required), H(grown));
}

/* The import defer proposal's GatherAsynchronousTransitiveDependencies: the modules with
 * top-level await that a deferred module's evaluation would wait on (they run eagerly). */
static bool gather_async_deps(Isolate *iso, Handle module, HandleList *seen, HandleList *out) {
  if (list_contains(seen, H(module))) return true;
  if (!list_push(iso, seen, module)) return false;
  if (source_text_module_is_synthetic(iso, H(module))) return true;
  ModuleStatus st = M_status(H(module));
  if (st == MODULE_EVALUATED || st == MODULE_EVALUATING_ASYNC || st == MODULE_EVALUATING) return true;
  if (source_text_module_has_tla(H(module))) return list_contains(out, H(module)) || list_push(iso, out, module);
  for (int i = 0; i < M_request_count(H(module)); i++) {
    if (!gather_async_deps(iso, handle_new(iso, M_loaded(H(module), i)), seen, out)) return false;
  }
  return true;
}

/* The modules InnerModuleEvaluation visits for module's requests, in order: a deferred
 * request contributes only its asynchronous dependencies; a source phase request none. */
static bool evaluation_list(Isolate *iso, Handle module, HandleList *out) {
  int n = M_request_count(H(module));
  for (int i = 0; i < n; i++) {
    Handle required = handle_new(iso, M_loaded(H(module), i));
    int phase = M_request_phase(H(module), i);
    if (phase == AST_PHASE_SOURCE) continue;
    if (phase == AST_PHASE_EVALUATION) {
      if (!list_contains(out, H(required)) && !list_push(iso, out, required)) return false;
      continue;
    }
    HandleList seen = {0}, deps = {0};
    bool ok = gather_async_deps(iso, required, &seen, &deps);
    for (int j = 0; ok && j < deps.count; j++)
      if (!list_contains(out, H(deps.items[j]))) ok = list_push(iso, out, deps.items[j]);
    free(seen.items);
    free(deps.items);
    if (!ok) return false;
  }
  return true;
}

static int inner_evaluate(Isolate *iso, Handle module, HandleList *stack, int index) {
  if (source_text_module_is_synthetic(iso, H(module))) return index;
  ModuleStatus st = M_status(H(module));
  if (st == MODULE_EVALUATING_ASYNC || st == MODULE_EVALUATED) {
    Tagged error = source_text_module_exception(H(module));
    if (is_undefined(iso, error)) return index;
    isolate_throw(iso, error);
    return -1;
  }
  if (st == MODULE_EVALUATING) return index;
  if (!execution_stack_ok(iso)) return -1;
  M_set_status(H(module), MODULE_EVALUATING);
  source_text_module_set_dfs_index(H(module), index);
  source_text_module_set_dfs_ancestor_index(H(module), index);
  source_text_module_set_pending_deps(H(module), 0);
  index++;
  if (!list_push(iso, stack, module)) return -1;
  HandleList list = {0};
  if (!evaluation_list(iso, module, &list)) { free(list.items); return -1; }
  for (int i = 0; i < list.count; i++) {
    Handle required = list.items[i];
    index = inner_evaluate(iso, required, stack, index);
    if (index < 0) { free(list.items); return -1; }
    if (source_text_module_is_synthetic(iso, H(required))) continue;
    if (M_status(H(required)) == MODULE_EVALUATING) {
      int64_t a = source_text_module_dfs_ancestor_index(H(module));
      int64_t b = source_text_module_dfs_ancestor_index(H(required));
      source_text_module_set_dfs_ancestor_index(H(module), a < b ? a : b);
    } else {
      required = handle_new(iso, source_text_module_cycle_root(H(required)));
      Tagged error = source_text_module_exception(H(required));
      if (!is_undefined(iso, error)) { free(list.items); isolate_throw(iso, error); return -1; }
    }
    if (M_is_async_evaluation(H(required)) && source_text_module_async_order(H(required)) > 0) {
      source_text_module_set_pending_deps(H(module), source_text_module_pending_deps(H(module)) + 1);
      append_async_parent(iso, required, module);
      if (isolate_has_pending_exception(iso)) { free(list.items); return -1; }
    }
  }
  free(list.items);
  if (source_text_module_pending_deps(H(module)) > 0 || source_text_module_has_tla(H(module))) {
    source_text_module_set_async_order(H(module), ++iso->module_async_order);
    if (source_text_module_pending_deps(H(module)) == 0 && !execute_async_module(iso, module))
      return -1;
  } else if (!execute_module_sync(iso, module)) {
    return -1;
  }
  if (source_text_module_dfs_ancestor_index(H(module)) == source_text_module_dfs_index(H(module))) {
    for (;;) {
      Handle m = stack->items[--stack->count];
      M_set_status(H(m), M_is_async_evaluation(H(m)) ? MODULE_EVALUATING_ASYNC : MODULE_EVALUATED);
      source_text_module_set_cycle_root(H(m), H(module));
      if (H(m) == H(module)) break;
    }
  }
  return index;
}

Handle modules_evaluate(Isolate *iso, Handle module) {
  HandleScope hs;
  handle_scope_open_escapable(iso, &hs);
  Handle result = HANDLE_NULL;
  ModuleStatus st = M_status(H(module));
  if ((st == MODULE_EVALUATING_ASYNC || st == MODULE_EVALUATED) &&
      is_source_text_module(source_text_module_cycle_root(H(module))))
    module = handle_new(iso, source_text_module_cycle_root(H(module)));
  Tagged existing = source_text_module_capability(H(module));
  if (!is_undefined(iso, existing)) {
    result = handle_scope_escape(&hs, js_promise_capability_promise(iso, handle_new(iso, existing)));
    handle_scope_close(&hs);
    return result;
  }
  Handle cap = new_capability(iso);
  if (handle_is_null(cap)) { handle_scope_close(&hs); return HANDLE_NULL; }
  source_text_module_set_capability(H(module), H(cap));
  if (source_text_module_is_synthetic(iso, H(module))) {
    if (js_promise_capability_resolve(iso, cap, ROOT_HANDLE(iso, undefined_value)))
      result = handle_scope_escape(&hs, js_promise_capability_promise(iso, cap));
    handle_scope_close(&hs);
    return result;
  }
  HandleList stack = {0};
  bool ok;
  if (inner_evaluate(iso, module, &stack, 0) < 0) {
    Handle error = handle_new(iso, iso->pending_exception ? iso->pending_exception
                                                          : ROOT(iso, undefined_value));
    isolate_clear_pending_exception(iso);
    for (int i = 0; i < stack.count; i++) {
      M_set_status(H(stack.items[i]), MODULE_EVALUATED);
      source_text_module_set_exception(H(stack.items[i]), H(error));
    }
    M_set_status(H(module), MODULE_EVALUATED);
    if (is_undefined(iso, source_text_module_exception(H(module))))
      source_text_module_set_exception(H(module), H(error));
    ok = js_promise_capability_reject(iso, cap, error);
  } else {
    ok = M_is_async_evaluation(H(module)) ||
         js_promise_capability_resolve(iso, cap, ROOT_HANDLE(iso, undefined_value));
  }
  free(stack.items);
  if (ok) result = handle_scope_escape(&hs, js_promise_capability_promise(iso, cap));
  handle_scope_close(&hs);
  return result;
}

void modules_promise_mark_handled(Isolate *iso, Handle promise) {
  if (js_promise_is_handled(H(promise))) return;
  js_promise_set_flags(H(promise), js_promise_flags(H(promise)) | kPromiseIsHandled);
  if (js_promise_state(H(promise)) == kPromiseRejected)
    js_promise_track_rejection(iso, promise, kPromiseHandlerAdded);
}

/* The import defer proposal's ReadyForSyncExecution. */
static bool ready_for_sync(Isolate *iso, Handle module, HandleList *seen) {
  if (list_contains(seen, H(module))) return true;
  if (!list_push(iso, seen, module)) return false;
  if (source_text_module_is_synthetic(iso, H(module))) return true;
  ModuleStatus st = M_status(H(module));
  if (st == MODULE_EVALUATED) return true;
  if (st == MODULE_EVALUATING || st == MODULE_EVALUATING_ASYNC) return false;
  if (source_text_module_has_tla(H(module))) return false;
  for (int i = 0; i < M_request_count(H(module)); i++) {
    /* deferred requests count too: their asynchronous dependencies would run eagerly */
    if (M_request_phase(H(module), i) == AST_PHASE_SOURCE) continue;
    if (!ready_for_sync(iso, handle_new(iso, M_loaded(H(module), i)), seen)) return false;
  }
  return true;
}

bool modules_evaluate_deferred(Isolate *iso, Handle module) {
  if (M_status(H(module)) == MODULE_EVALUATED && is_undefined(iso, source_text_module_exception(H(module))))
    return true;
  HandleList seen = {0};
  bool ready = ready_for_sync(iso, module, &seen);
  free(seen.items);
  if (isolate_has_pending_exception(iso)) return false;
  if (!ready) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "A deferred module cannot be evaluated now");
    return false;
  }
  Handle promise = modules_evaluate(iso, module);
  if (handle_is_null(promise)) return false;
  modules_promise_mark_handled(iso, promise);  /* thrown here instead */
  if (js_promise_state(H(promise)) == kPromiseRejected) {
    isolate_throw(iso, js_promise_reactions_or_result(H(promise)));
    return false;
  }
  return true;
}

Handle modules_run(Isolate *iso, Handle module) {
  if (!modules_load_requested(iso, module) || !modules_link(iso, module)) return HANDLE_NULL;
  return modules_evaluate(iso, module);
}

/* ---- top-level await completions (16.2.1.6.2.3-5) ------------------------------------ */

static bool async_rejected(Isolate *iso, Handle module, Handle error);

/* 16.2.1.6.2.3 GatherAvailableAncestors. */
static bool gather_ancestors(Isolate *iso, Handle module, HandleList *exec) {
  Handle parents = handle_new(iso, source_text_module_async_parents(H(module)));
  if (!is_fixed_array(H(parents))) return true;
  for (int64_t i = 0; i < fixed_array_length(H(parents)); i++) {
    Handle m = handle_new(iso, fixed_array_get(H(parents), i));
    if (list_contains(exec, H(m))) continue;
    Tagged root = source_text_module_cycle_root(H(m));
    if (is_source_text_module(root) && !is_undefined(iso, source_text_module_exception(root))) continue;
    int64_t pending = source_text_module_pending_deps(H(m)) - 1;
    source_text_module_set_pending_deps(H(m), pending);
    if (pending != 0) continue;
    if (!list_push(iso, exec, m)) return false;
    if (!source_text_module_has_tla(H(m)) && !gather_ancestors(iso, m, exec)) return false;
  }
  return true;
}

static int compare_async_order(const void *a, const void *b) {
  int64_t x = source_text_module_async_order(H(*(const Handle *)a));
  int64_t y = source_text_module_async_order(H(*(const Handle *)b));
  return x < y ? -1 : x > y;
}

static bool resolve_capability(Isolate *iso, Handle module) {
  Tagged cap = source_text_module_capability(H(module));
  if (is_undefined(iso, cap)) return true;
  return js_promise_capability_resolve(iso, handle_new(iso, cap), ROOT_HANDLE(iso, undefined_value));
}

/* 16.2.1.6.2.4 AsyncModuleExecutionFulfilled. */
static bool async_fulfilled(Isolate *iso, Handle module) {
  if (M_status(H(module)) == MODULE_EVALUATED) return true;  /* already rejected */
  source_text_module_set_async_order(H(module), -1);
  M_set_status(H(module), MODULE_EVALUATED);
  if (!resolve_capability(iso, module)) return false;
  HandleList exec = {0};
  bool ok = gather_ancestors(iso, module, &exec);
  if (ok && exec.count > 1) qsort(exec.items, (size_t)exec.count, sizeof(Handle), compare_async_order);
  for (int i = 0; ok && i < exec.count; i++) {
    Handle m = exec.items[i];
    if (M_status(H(m)) == MODULE_EVALUATED) continue;  /* rejected meanwhile */
    if (source_text_module_has_tla(H(m))) {
      ok = execute_async_module(iso, m);
    } else if (!execute_module_sync(iso, m)) {
      Handle error = handle_new(iso, iso->pending_exception);
      isolate_clear_pending_exception(iso);
      ok = async_rejected(iso, m, error);
    } else {
      source_text_module_set_async_order(H(m), -1);
      M_set_status(H(m), MODULE_EVALUATED);
      ok = resolve_capability(iso, m);
    }
  }
  free(exec.items);
  return ok;
}

/* 16.2.1.6.2.5 AsyncModuleExecutionRejected. */
static bool async_rejected(Isolate *iso, Handle module, Handle error) {
  if (M_status(H(module)) == MODULE_EVALUATED) return true;
  if (!execution_stack_ok(iso)) return false;
  source_text_module_set_exception(H(module), H(error));
  M_set_status(H(module), MODULE_EVALUATED);
  source_text_module_set_async_order(H(module), -1);
  /* The module's own capability first, then its parents' (the order of test262's
   * rejection-order.js: the current spec rejects the top-level capability before
   * propagating, as fulfillment resolves it before the ancestors run). */
  Tagged cap = source_text_module_capability(H(module));
  if (!is_undefined(iso, cap) && !js_promise_capability_reject(iso, handle_new(iso, cap), error))
    return false;
  Handle parents = handle_new(iso, source_text_module_async_parents(H(module)));
  if (is_fixed_array(H(parents))) {
    for (int64_t i = 0; i < fixed_array_length(H(parents)); i++)
      if (!async_rejected(iso, handle_new(iso, fixed_array_get(H(parents), i)), error)) return false;
  }
  return true;
}

static Handle closure_slot(Isolate *iso, BuiltinArgs *args, int slot) {
  return handle_new(iso, context_get(js_promise_closure_context(*args->target), slot));
}

Handle modules_async_fulfilled_closure(Isolate *iso, BuiltinArgs *args) {
  if (!async_fulfilled(iso, closure_slot(iso, args, 0))) return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

Handle modules_async_rejected_closure(Isolate *iso, BuiltinArgs *args) {
  if (!async_rejected(iso, closure_slot(iso, args, 0), builtin_arg(iso, args, 0))) return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

/* ---- the running module, import.meta, import() ---------------------------------------- */

Tagged modules_current_module(Isolate *iso) {
  JSFrame *f = interpreter_current_frame(iso);
  if (f == NULL) return 0;
  for (Tagged c = frame_context(f); is_context(c) && !is_native_context(c); c = context_previous(c)) {
    Tagged ext = context_extension(c);
    if (is_source_text_module(ext)) return ext;
  }
  return 0;
}

Handle modules_import_meta(Isolate *iso, Handle module) {
  Tagged meta = source_text_module_import_meta(H(module));
  if (!is_undefined(iso, meta)) return handle_new(iso, meta);
  Handle obj = runtime_object_create(iso, ROOT_HANDLE(iso, null_value)); /* OrdinaryObjectCreate(null) */
  if (handle_is_null(obj)) return HANDLE_NULL;
  const ModuleHost *host = iso->module_host;
  if (host && host->init_import_meta && !host->init_import_meta(iso, module, obj, host->data))
    return HANDLE_NULL;
  source_text_module_set_import_meta(H(module), H(obj));
  return obj;
}

/* The "type" attribute of import()'s options (13.3.10.1 steps 10-11): undefined when
 * absent; empty with a TypeError for malformed options. */
static Handle import_type_attribute(Isolate *iso, Handle options, bool *unsupported) {
  Handle type = ROOT_HANDLE(iso, undefined_value);
  if (is_undefined(iso, H(options))) return type;
  if (!is_js_receiver(H(options))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "The second argument of import() must be an object");
    return HANDLE_NULL;
  }
  Handle with_key = string_internalize_utf8(iso, "with", 4);
  if (handle_is_null(with_key)) return with_key;
  Handle attrs = runtime_get(iso, options, with_key, options);
  if (handle_is_null(attrs) || is_undefined(iso, H(attrs))) return handle_is_null(attrs) ? attrs : type;
  if (!is_js_receiver(H(attrs))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "The 'with' option of import() must be an object");
    return HANDLE_NULL;
  }
  Handle entries = runtime_enumerable_own_properties(iso, attrs, 2);
  if (handle_is_null(entries)) return entries;
  Handle length = runtime_get(iso, entries, ROOT_HANDLE(iso, length_string), entries);
  if (handle_is_null(length)) return length;
  int64_t n = is_smi(H(length)) ? smi_value(H(length)) : 0;
  for (int64_t i = 0; i < n; i++) {
    Handle entry = runtime_get_index(iso, entries, (double)i);
    if (handle_is_null(entry)) return entry;
    Handle key = runtime_get_index(iso, entry, 0);
    Handle value = handle_is_null(key) ? key : runtime_get_index(iso, entry, 1);
    if (handle_is_null(value)) return value;
    if (!is_string(H(value))) {
      isolate_throw_error(iso, kError_TYPE_ERROR, "Import attribute values must be strings");
      return HANDLE_NULL;
    }
    if (string_equals_ascii(H(key), "type")) type = value;
    else *unsupported = true;
  }
  return type;
}

/* import()'s closures share one state FixedArray (closure context slot 0):
 * | module | capability | phase | promises still to settle |. */
enum { kImportModule, kImportCapability, kImportPhase, kImportRemaining, kImportStateSize };

static Handle import_closure(Isolate *iso, PromiseClosureKind kind, Handle state) {
  Handle c = js_promise_new_closure(iso, kind, 1);
  if (!handle_is_null(c)) context_set(js_function_context(H(c)), 0, H(state));
  return c;
}

static Handle state_get(Isolate *iso, Handle state, int i) {
  return handle_new(iso, fixed_array_get(H(state), i));
}

/* A promise-based loader: when pending.promise fulfills, its module becomes the request's
 * (or import()'s own module when pending.module is undefined) and loading goes on. */
static bool import_wait_for_load(Isolate *iso, Handle state, PendingLoad pending) {
  Handle step = js_promise_new_closure(iso, kPromiseClosure_IMPORT_LOAD_STEP, 3);
  Handle fail = handle_is_null(step) ? step : import_closure(iso, kPromiseClosure_IMPORT_REJECTED, state);
  if (handle_is_null(fail)) return false;
  Tagged c = js_function_context(H(step));
  context_set(c, 0, H(state));
  context_set(c, 1, handle_is_null(pending.module) ? ROOT(iso, undefined_value) : H(pending.module));
  context_set(c, 2, smi_from_int(pending.request));
  return !handle_is_null(js_promise_perform_then(iso, pending.promise, step, fail,
                                                 ROOT_HANDLE(iso, undefined_value)));
}

static bool continue_dynamic_import(Isolate *iso, Handle state);

Handle modules_import_load_step_closure(Isolate *iso, BuiltinArgs *args) {
  Handle state = closure_slot(iso, args, 0), importer = closure_slot(iso, args, 1);
  int request = smi_value(context_get(js_promise_closure_context(*args->target), 2));
  Handle loaded = builtin_arg(iso, args, 0);
  bool ok = is_source_text_module(H(loaded));
  if (!ok) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "The module loader's promise gave no module");
  } else {
    if (is_source_text_module(H(importer)))
      fixed_array_set(source_text_module_loaded(H(importer)), request, H(loaded));
    else
      fixed_array_set(H(state), kImportModule, H(loaded));
    ok = continue_dynamic_import(iso, state);
  }
  if (!ok && handle_is_null(js_promise_reject_with_pending(iso, state_get(iso, state, kImportCapability))))
    return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

/* ContinueDynamicImport (16.2.1.9): the graph loads now (the host is synchronous); Link()
 * and Evaluate() run in a job once the load promise settles, as they do when loading is
 * asynchronous (step 6's PerformPromiseThen). A source phase import stops after loading:
 * a JavaScript module has no source object (GetModuleSource throws a SyntaxError). */
static bool continue_dynamic_import(Isolate *iso, Handle state) {
  Handle module = state_get(iso, state, kImportModule);
  if (smi_value(fixed_array_get(H(state), kImportPhase)) == AST_PHASE_SOURCE) {
    Handle source = get_module_source(iso, module);
    return !handle_is_null(source) &&
           js_promise_capability_resolve(iso, state_get(iso, state, kImportCapability), source);
  }
  PendingLoad pending;
  if (!load_some(iso, module, &pending)) return false;
  if (!handle_is_null(pending.promise)) return import_wait_for_load(iso, state, pending);
  Handle ctor = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_promise_function));
  Handle loaded = js_promise_promise_resolve(iso, ctor, ROOT_HANDLE(iso, undefined_value));
  Handle next = handle_is_null(loaded) ? loaded
                                       : import_closure(iso, kPromiseClosure_IMPORT_CONTINUE, state);
  if (handle_is_null(next)) return false;
  return !handle_is_null(js_promise_perform_then(iso, loaded, next, ROOT_HANDLE(iso, undefined_value),
                                                 ROOT_HANDLE(iso, undefined_value)));
}

/* The promises import() waits for after linking: Evaluate() of the module, or for
 * import.defer() the evaluations of its asynchronous dependencies (none: an empty list). */
static bool import_wait_list(Isolate *iso, Handle state, HandleList *promises) {
  Handle module = state_get(iso, state, kImportModule);
  HandleList modules = {0}, seen = {0};
  bool ok = true;
  if (smi_value(fixed_array_get(H(state), kImportPhase)) == AST_PHASE_DEFER)
    ok = gather_async_deps(iso, module, &seen, &modules);
  else
    ok = list_push(iso, &modules, module);
  for (int i = 0; ok && i < modules.count; i++) {
    Handle p = modules_evaluate(iso, modules.items[i]);
    ok = !handle_is_null(p) && list_push(iso, promises, p);
  }
  free(modules.items);
  free(seen.items);
  return ok;
}

static bool import_resolve(Isolate *iso, Handle state) {
  Handle module = state_get(iso, state, kImportModule), cap = state_get(iso, state, kImportCapability);
  bool deferred = smi_value(fixed_array_get(H(state), kImportPhase)) == AST_PHASE_DEFER;
  Handle ns = deferred ? source_text_module_get_deferred_namespace(iso, module)
                       : source_text_module_get_namespace(iso, module);
  if (handle_is_null(ns)) return !handle_is_null(js_promise_reject_with_pending(iso, cap));
  return js_promise_capability_resolve(iso, cap, ns);
}

/* The linkAndEvaluate closure of ContinueDynamicImport (steps 6.a-6.f). */
Handle modules_import_continue_closure(Isolate *iso, BuiltinArgs *args) {
  Handle state = closure_slot(iso, args, 0);
  Handle cap = state_get(iso, state, kImportCapability);
  HandleList promises = {0};
  bool ok = modules_link(iso, state_get(iso, state, kImportModule)) &&
            import_wait_list(iso, state, &promises);
  fixed_array_set(H(state), kImportRemaining, smi_from_int(promises.count));
  if (ok && promises.count == 0) ok = import_resolve(iso, state);
  for (int i = 0; ok && i < promises.count; i++) {
    Handle on_ok = import_closure(iso, kPromiseClosure_IMPORT_FULFILLED, state);
    Handle on_err = handle_is_null(on_ok) ? on_ok
                    : import_closure(iso, kPromiseClosure_IMPORT_REJECTED, state);
    ok = !handle_is_null(on_err) &&
         !handle_is_null(js_promise_perform_then(iso, promises.items[i], on_ok, on_err,
                                                 ROOT_HANDLE(iso, undefined_value)));
  }
  free(promises.items);
  if (!ok && isolate_has_pending_exception(iso) &&
      handle_is_null(js_promise_reject_with_pending(iso, cap)))
    return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

Handle modules_dynamic_import(Isolate *iso, Handle referrer, Handle specifier, Handle options,
                              int phase) {
  Handle cap = new_capability(iso);
  if (handle_is_null(cap)) return cap;
  Handle spec = runtime_to_string(iso, specifier);
  if (handle_is_null(spec)) return js_promise_reject_with_pending(iso, cap);
  bool unsupported = false;
  Handle type = import_type_attribute(iso, options, &unsupported);
  if (handle_is_null(type)) return js_promise_reject_with_pending(iso, cap);
  if (unsupported) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Unsupported import attribute");
    return js_promise_reject_with_pending(iso, cap);
  }
  spec = string_internalize(iso, spec);
  Handle module = handle_is_null(spec) ? spec : host_load(iso, referrer, spec, type);
  Handle state = handle_is_null(module) ? module : factory_new_fixed_array(iso, kImportStateSize);
  if (handle_is_null(state)) return js_promise_reject_with_pending(iso, cap);
  fixed_array_set(H(state), kImportModule, H(module));
  fixed_array_set(H(state), kImportCapability, H(cap));
  fixed_array_set(H(state), kImportPhase, smi_from_int(phase));
  fixed_array_set(H(state), kImportRemaining, smi_from_int(0));
  bool ok = is_js_promise(H(module))
                ? import_wait_for_load(iso, state, (PendingLoad){module, HANDLE_NULL, 0})
                : continue_dynamic_import(iso, state);
  if (!ok) return js_promise_reject_with_pending(iso, cap);
  return js_promise_capability_promise(iso, cap);
}

/* One awaited evaluation fulfilled: the last one resolves import()'s promise. */
Handle modules_import_fulfilled_closure(Isolate *iso, BuiltinArgs *args) {
  Handle state = closure_slot(iso, args, 0);
  int remaining = smi_value(fixed_array_get(H(state), kImportRemaining)) - 1;
  fixed_array_set(H(state), kImportRemaining, smi_from_int(remaining));
  if (remaining == 0 && !import_resolve(iso, state)) return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

Handle modules_import_rejected_closure(Isolate *iso, BuiltinArgs *args) {
  Handle cap = state_get(iso, closure_slot(iso, args, 0), kImportCapability);
  if (!js_promise_capability_reject(iso, cap, builtin_arg(iso, args, 0))) return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

/* ---- module sources (source phase imports) --------------------------------------------- */

/* %AbstractModuleSource% ( ): an abstract class: always a TypeError. */
static Handle abstract_module_source_call(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(args);
  isolate_throw_error(iso, kError_TYPE_ERROR, "AbstractModuleSource cannot be constructed");
  return HANDLE_NULL;
}

/* get %AbstractModuleSource%.prototype [ @@toStringTag ]: [[ModuleSourceClassName]] of
 * this, or undefined when this is not a module source. */
static Handle abstract_module_source_tag(Isolate *iso, BuiltinArgs *args) {
  Handle self = {args->receiver};
  Tagged key = context_get(iso->native_context, NATIVE_CONTEXT_module_source_class_symbol);
  if (!is_js_receiver(H(self)) || !is_symbol(key)) return ROOT_HANDLE(iso, undefined_value);
  PropertyDescriptor desc;
  RuntimeMaybeBool r = runtime_get_own_property(iso, self, handle_new(iso, key), &desc);
  if (r == RT_EXCEPTION) return HANDLE_NULL;
  return r == RT_TRUE ? desc.value : ROOT_HANDLE(iso, undefined_value);
}

Handle modules_abstract_module_source(Isolate *iso, Handle nc) {
  Tagged existing = context_get(H(nc), NATIVE_CONTEXT_abstract_module_source_function);
  if (is_js_function(existing)) return handle_new(iso, existing);
  Handle ctor = js_function_new_builtin_named(iso, nc, "AbstractModuleSource", 0,
                                              abstract_module_source_call, true);
  Handle object_proto = handle_new(iso, context_get(H(nc), NATIVE_CONTEXT_object_prototype));
  Handle proto = handle_is_null(ctor) ? ctor : builtins_new_object_with_proto(iso, nc, object_proto);
  Handle desc = handle_is_null(proto) ? proto : string_internalize_utf8(iso, "ModuleSourceClassName", 21);
  Handle key = handle_is_null(desc) ? desc : symbol_new(iso, desc, true);
  if (handle_is_null(key) || !js_function_set_prototype_property(iso, ctor, proto) ||
      !builtins_define_value(iso, proto, "constructor", ctor, DONT_ENUM) ||
      !builtins_install_accessor(iso, nc, proto, "@@toStringTag", abstract_module_source_tag,
                                 NULL, DONT_ENUM))
    return HANDLE_NULL;
  context_set(H(nc), NATIVE_CONTEXT_module_source_class_symbol, H(key));
  context_set(H(nc), NATIVE_CONTEXT_abstract_module_source_function, H(ctor));
  return ctor;
}

Handle modules_new_module_source(Isolate *iso, const char *class_name) {
  Handle nc = handle_new(iso, iso->native_context);
  Handle ctor = modules_abstract_module_source(iso, nc);
  Handle proto = handle_is_null(ctor) ? ctor : runtime_get_named(iso, ctor, "prototype");
  Handle obj = handle_is_null(proto) ? proto : runtime_object_create(iso, proto);
  Handle name = handle_is_null(obj) ? obj : string_new_utf8(iso, class_name, strlen(class_name));
  if (handle_is_null(name)) return name;
  Handle key = handle_new(iso, context_get(H(nc), NATIVE_CONTEXT_module_source_class_symbol));
  if (!js_object_define_own_property(iso, obj, key, name, READ_ONLY | DONT_ENUM | DONT_DELETE))
    return HANDLE_NULL;
  return obj;
}

/* ---- JSON modules ---------------------------------------------------------------------- */

Handle modules_new_json_module(Isolate *iso, Handle source, Handle host_defined) {
  Handle global = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_global_object));
  Handle json_key = string_internalize_utf8(iso, "JSON", 4);
  Handle parse_key = string_internalize_utf8(iso, "parse", 5);
  if (handle_is_null(json_key) || handle_is_null(parse_key)) return HANDLE_NULL;
  Handle json = runtime_get(iso, global, json_key, global);
  Handle parse = handle_is_null(json) ? json : runtime_get_property(iso, json, parse_key);
  Handle value = handle_is_null(parse) ? parse : execution_call(iso, parse, json, 1, &source);
  if (handle_is_null(value)) return value;
  return modules_new_synthetic_module(iso, value, host_defined);
}

Handle modules_new_bytes_value(Isolate *iso, const uint8_t *bytes, size_t length) {
  Handle map = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_array_buffer_map));
  Handle buffer = js_array_buffer_new_immutable(iso, map, length, bytes, length);
  if (handle_is_null(buffer)) return buffer;
  Handle global = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_global_object));
  Handle name = string_internalize_utf8(iso, "Uint8Array", 10);
  Handle ctor = handle_is_null(name) ? name : runtime_get(iso, global, name, global);
  if (handle_is_null(ctor)) return ctor;
  return execution_construct(iso, ctor, 1, &buffer, HANDLE_NULL);
}

Handle modules_new_synthetic_module(Isolate *iso, Handle value, Handle host_defined) {
  Handle empty = ROOT_HANDLE(iso, empty_fixed_array);
  Handle exports = factory_new_fixed_array(iso, kLocalExportStride);
  Handle dflt = string_internalize_utf8(iso, "default", 7);
  if (handle_is_null(exports) || handle_is_null(dflt)) return HANDLE_NULL;
  fixed_array_set(H(exports), 0, H(dflt));
  fixed_array_set(H(exports), 1, H(dflt));
  Handle m = source_text_module_new(iso, ROOT_HANDLE(iso, undefined_value), empty, empty,
                                    exports, empty, empty, false, host_defined);
  if (handle_is_null(m)) return m;
  Handle realm = handle_new(iso, iso->native_context);
  Handle env = context_new(iso, ROOT_HANDLE(iso, undefined_value), realm, realm, 1);
  if (handle_is_null(env)) return env;
  context_set(H(env), 0, H(value));
  source_text_module_set_environment(H(m), H(env));
  M_set_status(H(m), MODULE_EVALUATED);
  source_text_module_set_async_order(H(m), 0);
  return m;
}
