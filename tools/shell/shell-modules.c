/*
 * shell-modules.c: the shell's module loader (the host half of execution/modules.h).
 *
 * Resolution: a specifier is a file path, relative to the importing module's directory
 * (or, for import() in a classic script, to the script's directory, else the current
 * directory). When the path names no file, ".mjs" then ".js" are tried. The file's
 * canonical path (realpath) is the module's identity: one record per (path, type), cached
 * for the isolate's life, so every importer of a file shares one module instance.
 * Types: no "type" attribute: a JavaScript module; type "json": a JSON module; "text" (the
 * import text proposal): the file as a string; "bytes" (import bytes): a Uint8Array over
 * an immutable ArrayBuffer; any other type is a TypeError. import.meta gets url ("file://" + path), filename and dirname.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "execution/execution.h"
#include "execution/modules.h"
#include "interpreter/compiler.h"
#include "objects/js-promise.h"
#include "objects/source-text-module.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "shell.h"

/* What a file becomes, by its "type" import attribute. */
typedef enum { MODULE_KIND_JS, MODULE_KIND_JSON, MODULE_KIND_TEXT, MODULE_KIND_BYTES } ModuleKind;

typedef struct {
  char *key;       /* the ModuleKind number, ':', the canonical path */
  Handle module;   /* a global handle */
} CacheEntry;

typedef struct {
  ModuleHost host;
  char *script_base;  /* where import() in classic scripts resolves from, or NULL */
  CacheEntry *entries;
  int count, capacity;
} ShellModules;

/* The directory that relative specifiers of referrer resolve against (malloc'd). */
static char *referrer_directory(Isolate *iso, ShellModules *sm, Handle referrer) {
  if (!is_source_text_module(H(referrer)) && sm->script_base) return strdup(sm->script_base);
  Tagged name = is_source_text_module(H(referrer)) ? source_text_module_host_defined(H(referrer))
                                                   : H(referrer);
  if (!is_string(name)) {
    char cwd[PATH_MAX];
    return strdup(getcwd(cwd, sizeof cwd) ? cwd : ".");
  }
  char *path = console_string_utf8(iso, name);
  char *dir = strdup(dirname(path));
  free(path);
  return dir;
}

/* The canonical path of specifier from dir, trying the extensions; NULL when no file. */
static char *resolve_path(const char *dir, const char *specifier) {
  static const char *const kSuffixes[] = {"", ".mjs", ".js"};
  size_t n = strlen(dir) + strlen(specifier) + 8;
  char *joined = malloc(n);
  if (joined == NULL) return NULL;
  if (specifier[0] == '/') snprintf(joined, n, "%s", specifier);
  else snprintf(joined, n, "%s/%s", dir, specifier);
  size_t base = strlen(joined);
  for (size_t i = 0; i < sizeof kSuffixes / sizeof kSuffixes[0]; i++) {
    joined[base] = '\0';
    strcat(joined, kSuffixes[i]);
    char *real = realpath(joined, NULL);
    if (real) { free(joined); return real; }
  }
  free(joined);
  return NULL;
}

static Handle cache_find(Isolate *iso, ShellModules *sm, const char *key) {
  for (int i = 0; i < sm->count; i++)
    if (strcmp(sm->entries[i].key, key) == 0) return handle_new(iso, H(sm->entries[i].module));
  return HANDLE_NULL;
}

static void cache_add(Isolate *iso, ShellModules *sm, const char *key, Handle module) {
  if (sm->count == sm->capacity) {
    int cap = sm->capacity ? sm->capacity * 2 : 16;
    CacheEntry *e = realloc(sm->entries, sizeof(CacheEntry) * (size_t)cap);
    if (e == NULL) return;  /* uncached: still correct for this import */
    sm->entries = e;
    sm->capacity = cap;
  }
  sm->entries[sm->count++] = (CacheEntry){strdup(key), global_handle_new(iso, H(module))};
}

/* Reads and compiles path as a module of the given kind. */
static Handle compile_file(Isolate *iso, const char *path, ModuleKind kind) {
  size_t length;
  char *text = run_read_file(path, &length);
  if (text == NULL) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot read module '%s': %s", path, strerror(errno));
    return HANDLE_NULL;
  }
  Handle name = string_new_utf8(iso, path, strlen(path));
  Handle source = HANDLE_NULL;
  if (kind == MODULE_KIND_BYTES) source = modules_new_bytes_value(iso, (const uint8_t *)text, length);
  else source = string_new_utf8(iso, text, length);
  free(text);
  if (handle_is_null(source) || handle_is_null(name)) return HANDLE_NULL;
  switch (kind) {
    case MODULE_KIND_JSON: return modules_new_json_module(iso, source, name);
    case MODULE_KIND_TEXT:
    case MODULE_KIND_BYTES: return modules_new_synthetic_module(iso, source, name);
    default: return compiler_compile_module(iso, source, name, name);
  }
}

/* "<module source>" (test262's INTERPRETING.md): a module with a source representation, as
 * a WebAssembly module would be: an empty module whose source phase import gives a module
 * source object of class "ModuleSource". One per isolate. */
static Handle module_source_module(Isolate *iso, ShellModules *sm) {
  Handle cached = cache_find(iso, sm, "<module source>");
  if (!handle_is_null(cached)) return cached;
  Handle empty = ROOT_HANDLE(iso, empty_fixed_array);
  Handle source = modules_new_module_source(iso, "ModuleSource");
  Handle m = handle_is_null(source) ? source
             : source_text_module_new(iso, ROOT_HANDLE(iso, undefined_value), empty, empty,
                                      empty, empty, empty, false, ROOT_HANDLE(iso, undefined_value));
  if (handle_is_null(m)) return m;
  source_text_module_set_status(H(m), MODULE_EVALUATED);
  source_text_module_set_module_source(H(m), H(source));
  cache_add(iso, sm, "<module source>", m);
  return m;
}

/* ModuleHost.load: HostLoadImportedModule. */
static Handle shell_load_module(Isolate *iso, Handle referrer, Handle specifier, Handle type,
                                void *data) {
  ShellModules *sm = data;
  ModuleKind kind = MODULE_KIND_JS;
  if (is_string(H(type))) {
    if (string_equals_ascii(H(type), "json")) kind = MODULE_KIND_JSON;
    else if (string_equals_ascii(H(type), "text")) kind = MODULE_KIND_TEXT;
    else if (string_equals_ascii(H(type), "bytes")) kind = MODULE_KIND_BYTES;
    else {
      char *t = console_string_utf8(iso, H(type));
      isolate_throw_error(iso, kError_TYPE_ERROR, "Unsupported module type '%s'", t);
      free(t);
      return HANDLE_NULL;
    }
  }
  if (string_equals_ascii(H(specifier), "<module source>") && kind == MODULE_KIND_JS)
    return module_source_module(iso, sm);
  char *spec = console_string_utf8(iso, H(specifier));
  char *dir = referrer_directory(iso, sm, referrer);
  char *path = resolve_path(dir, spec);
  Handle result = HANDLE_NULL;
  if (path == NULL) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot find module '%s' from '%s'", spec, dir);
  } else {
    size_t n = strlen(path) + 8;
    char *key = malloc(n);
    snprintf(key, n, "%d:%s", (int)kind, path);
    result = cache_find(iso, sm, key);
    if (handle_is_null(result)) {
      result = compile_file(iso, path, kind);
      if (!handle_is_null(result)) cache_add(iso, sm, key, result);
    }
    free(key);
  }
  free(spec);
  free(dir);
  free(path);
  return result;
}

static bool set_string(Isolate *iso, Handle obj, const char *key, const char *value) {
  Handle k = string_internalize_utf8(iso, key, strlen(key));
  Handle v = handle_is_null(k) ? k : string_new_utf8(iso, value, strlen(value));
  return !handle_is_null(v) && runtime_create_data_property_or_throw(iso, obj, k, v);
}

/* ModuleHost.init_import_meta: url, filename and dirname of the module's file. */
static bool shell_init_import_meta(Isolate *iso, Handle module, Handle meta, void *data) {
  KILN_UNUSED(data);
  Tagged name = source_text_module_host_defined(H(module));
  if (!is_string(name)) return true;
  char *path = console_string_utf8(iso, name);
  size_t n = strlen(path) + 8;
  char *url = malloc(n);
  snprintf(url, n, "file://%s", path);
  char *copy = strdup(path);
  bool ok = set_string(iso, meta, "url", url) && set_string(iso, meta, "filename", path) &&
            set_string(iso, meta, "dirname", dirname(copy));
  free(copy);
  free(url);
  free(path);
  return ok;
}

bool shell_modules_install(Isolate *iso, const char *script_base) {
  ShellModules *sm = calloc(1, sizeof *sm);
  if (sm == NULL) return false;
  sm->script_base = script_base ? strdup(script_base) : NULL;
  sm->host.load = shell_load_module;
  sm->host.init_import_meta = shell_init_import_meta;
  sm->host.data = sm;
  modules_set_host(iso, &sm->host);
  return true;
}

void shell_modules_free(Isolate *iso) {
  if (iso->module_host == NULL) return;
  ShellModules *sm = iso->module_host->data;
  for (int i = 0; i < sm->count; i++) {
    free(sm->entries[i].key);
    global_handle_free(iso, sm->entries[i].module);
  }
  free(sm->entries);
  free(sm->script_base);
  free(sm);
  modules_set_host(iso, NULL);
}

bool shell_is_module_path(const char *path) {
  size_t n = strlen(path);
  return n > 4 && strcmp(path + n - 4, ".mjs") == 0;
}

/* A rejected module promise becomes the pending exception. */
static bool module_promise_ok(Isolate *iso, Handle promise) {
  if (js_promise_state(H(promise)) != kPromiseRejected) return true;
  isolate_clear_pending_exception(iso);
  isolate_throw(iso, js_promise_reactions_or_result(H(promise)));
  return false;
}

Handle run_module_file(Isolate *iso, const char *path, Handle *promise_out) {
  run_source(iso, "", 0, "[module setup]");  /* installs the rejection reporter */
  Handle spec = string_new_utf8(iso, path, strlen(path));
  if (handle_is_null(spec)) return spec;
  Handle module = shell_load_module(iso, ROOT_HANDLE(iso, undefined_value), spec,
                                    ROOT_HANDLE(iso, undefined_value), (void *)iso->module_host->data);
  if (handle_is_null(module)) return module;
  Handle promise = modules_run(iso, module);
  if (handle_is_null(promise)) return promise;
  /* The shell reports its rejection itself (not as an unhandled rejection): handled. */
  modules_promise_mark_handled(iso, promise);
  if (!execution_run_microtasks(iso)) return HANDLE_NULL;
  if (!module_promise_ok(iso, promise)) return HANDLE_NULL;
  *promise_out = promise;
  return promise;
}

bool run_module_settled_ok(Isolate *iso, Handle promise) {
  return module_promise_ok(iso, promise);
}
