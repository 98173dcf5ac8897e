/*
 * api-modules.c: kiln_set_module_loader and kiln_import_module (include/kiln.h) over the
 * engine's ModuleHost (execution/modules.h). The embedder resolves and fetches; Kiln
 * compiles, caches one module per (resolved name, type), links and evaluates. A fetch may
 * be asynchronous: the loader then returns a promise of the source text, which becomes a
 * promise of the module (import() waits for it).
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-internal.h"
#include "execution/contexts.h"
#include "execution/modules.h"
#include "interpreter/compiler.h"
#include "objects/js-function.h"
#include "objects/js-promise.h"
#include "objects/source-text-module.h"
#include "objects/string.h"

typedef struct {
  char *key;       /* "js:" or "json:" + the resolved name */
  Handle module;   /* a global handle */
} ApiModuleEntry;

typedef struct {
  ModuleHost host;
  kiln_module_loader loader;
  void *data;
  ApiModuleEntry *entries;
  int count, capacity;
} ApiModules;

static ApiModules *api_modules(Isolate *iso) {
  return iso->module_host ? (ApiModules *)iso->module_host->data : NULL;
}

static Handle cache_find(Isolate *iso, ApiModules *am, const char *key) {
  for (int i = 0; i < am->count; i++)
    if (strcmp(am->entries[i].key, key) == 0) return handle_new(iso, H(am->entries[i].module));
  return HANDLE_NULL;
}

static void cache_add(Isolate *iso, ApiModules *am, const char *key, Handle module) {
  if (am->count == am->capacity) {
    int cap = am->capacity ? am->capacity * 2 : 16;
    ApiModuleEntry *e = realloc(am->entries, sizeof(ApiModuleEntry) * (size_t)cap);
    if (e == NULL) return;  /* uncached: still correct for this import */
    am->entries = e;
    am->capacity = cap;
  }
  am->entries[am->count++] = (ApiModuleEntry){strdup(key), global_handle_new(iso, H(module))};
}

/* The module for key ("js:name" / "json:name") from its source text (cached). */
static Handle module_from_source(Isolate *iso, ApiModules *am, Handle key, Handle source) {
  size_t n;
  char *k = string_to_utf8(iso, H(key), &n);
  Handle m = k ? cache_find(iso, am, k) : HANDLE_NULL;
  if (handle_is_null(m) && k) {
    bool json = strncmp(k, "json:", 5) == 0;
    Handle name = string_new_utf8(iso, strchr(k, ':') + 1, strlen(strchr(k, ':') + 1));
    m = handle_is_null(name) ? name
        : json ? modules_new_json_module(iso, source, name)
               : compiler_compile_module(iso, source, name, name);
    if (!handle_is_null(m)) cache_add(iso, am, k, m);
  }
  free(k);
  return m;
}

/* The then-callback of an asynchronous fetch: source text -> module (builtin data: key). */
static Handle fetched(Isolate *iso, BuiltinArgs *args) {
  Handle key = handle_new(iso, js_function_builtin_data(*args->target));
  Handle source = builtin_arg(iso, args, 0);
  if (!is_string(H(source))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "The module loader's promise gave no source text");
    return HANDLE_NULL;
  }
  return module_from_source(iso, api_modules(iso), key, source);
}

/* ModuleHost.load: calls the embedder's loader. */
static Handle api_module_load(Isolate *iso, Handle referrer, Handle specifier, Handle type,
                              void *data) {
  ApiModules *am = data;
  if (is_string(H(type)) && !string_equals_ascii(H(type), "json")) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Unsupported module type");
    return HANDLE_NULL;
  }
  size_t n;
  Tagged ref = is_source_text_module(H(referrer)) ? source_text_module_host_defined(H(referrer))
                                                  : H(referrer);
  char *ref_text = is_string(ref) ? string_to_utf8(iso, ref, &n) : NULL;
  char *spec = string_to_utf8(iso, H(specifier), &n);
  char *type_text = is_string(H(type)) ? string_to_utf8(iso, H(type), &n) : NULL;
  char *resolved = NULL;
  kiln_context ctx = api_local_context(handle_new(iso, iso->native_context));
  kiln_value v = am->loader(ctx, ref_text, spec, type_text, &resolved, am->data);
  Handle result = HANDLE_NULL;
  if (v != NULL && !isolate_has_pending_exception(iso)) {
    const char *name = resolved ? resolved : spec;
    size_t len = strlen(name) + 8;
    char *key = malloc(len);
    snprintf(key, len, "%s:%s", type_text ? "json" : "js", name);
    Handle hkey = string_new_utf8(iso, key, strlen(key));
    Handle value = api_open(v);
    result = cache_find(iso, am, key);
    if (!handle_is_null(result) || handle_is_null(hkey)) {
      /* cached (or out of memory) */
    } else if (is_string(H(value))) {
      result = module_from_source(iso, am, hkey, value);
    } else if (is_js_promise(H(value))) {
      Handle fname = string_new_utf8(iso, "", 0);
      Handle sfi = handle_is_null(fname) ? fname : js_function_new_builtin_sfi(iso, fname, 1, fetched, hkey);
      Handle fn = handle_is_null(sfi) ? sfi : js_function_new_builtin(iso, handle_new(iso, iso->native_context), sfi, false);
      Handle ctor = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_promise_function));
      Handle cap = handle_is_null(fn) ? fn : js_promise_new_capability(iso, ctor);
      if (!handle_is_null(cap) &&
          !handle_is_null(js_promise_perform_then(iso, value, fn, ROOT_HANDLE(iso, undefined_value), cap)))
        result = js_promise_capability_promise(iso, cap);
    } else {
      isolate_throw_error(iso, kError_TYPE_ERROR, "The module loader returned no source text");
    }
    free(key);
  } else if (!isolate_has_pending_exception(iso)) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot load module '%s'", spec ? spec : "?");
  }
  free(resolved);
  free(ref_text);
  free(spec);
  free(type_text);
  return result;
}

static void api_modules_free_state(void *state) {
  ApiModules *am = state;
  if (am == NULL) return;
  for (int i = 0; i < am->count; i++) free(am->entries[i].key);
  free(am->entries);
  free(am);
}

void kiln_set_module_loader(kiln_isolate *api, kiln_module_loader loader, void *data) {
  if (api == NULL) return;
  ApiModules *am = api_modules(api->iso);
  if (am == NULL) {
    am = calloc(1, sizeof *am);
    if (am == NULL) return;
    am->host.load = api_module_load;
    am->host.data = am;
  }
  am->loader = loader;
  am->data = data;
  modules_set_host(api->iso, loader ? &am->host : NULL);
  if (loader == NULL) api_modules_free_state(am);
}

void api_modules_free(kiln_isolate *api) {
  ApiModules *am = api_modules(api->iso);
  modules_set_host(api->iso, NULL);
  api_modules_free_state(am);
}

kiln_value kiln_import_module(kiln_context ctx, const char *specifier) {
  if (ctx == NULL) return NULL;
  kiln_isolate *api = api_of_context(ctx);
  if (!API_CHECK(api, specifier != NULL, "kiln_import_module: NULL specifier")) return NULL;
  ApiEntry e;
  api_enter(&e, ctx);
  Handle spec = string_internalize_utf8(api->iso, specifier, strlen(specifier));
  Handle undef = ROOT_HANDLE(api->iso, undefined_value);
  Handle promise = handle_is_null(spec) ? spec : modules_dynamic_import(api->iso, undef, spec, undef, 0);
  api_leave(&e);
  return api_local(promise);
}
