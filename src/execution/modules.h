/*
 * modules.h: the module graph algorithms of ES2025 16.2.1.5-16.2.1.6 over SourceTextModule
 * records (objects/source-text-module.h): loading requested modules through the host,
 * Link (InnerModuleLinking, InitializeEnvironment, ResolveExport, GetExportedNames),
 * Evaluate (InnerModuleEvaluation with top-level await: ExecuteAsyncModule,
 * AsyncModuleExecutionFulfilled/Rejected, GatherAvailableAncestors), dynamic import()
 * (13.3.10) and import.meta (13.3.12).
 *
 * The module function. A module's code compiles (compiler_compile_module) to a generator
 * function (an async generator when the module has top-level await) whose scope is the
 * module scope: every module binding is a slot of its context, named imports read other
 * modules' slots through Runtime_LoadModuleImport. Calling it once is InitializeEnvironment's
 * second half: the prologue makes the context (let/const/class: the hole), instantiates the
 * function declarations and suspends at its start; the context becomes the module's
 * environment (its extension slot names the module). Resuming it is ExecuteModule.
 *
 * The host. Everything outside the engine goes through one ModuleHost on the isolate
 * (modules_set_host): HostLoadImportedModule (synchronous: it returns the module record
 * for a specifier, compiled by compiler_compile_module or modules_new_json_module; the host
 * caches records so that one file is one module) and HostGetImportMetaProperties. Without a
 * host, every import throws a TypeError.
 *
 * All functions may allocate and run user code (module bodies, promise reactions are only
 * queued). Errors are values: an empty Handle / false with the exception pending.
 */
#ifndef KILN_EXECUTION_MODULES_H_
#define KILN_EXECUTION_MODULES_H_

#include "builtins/builtins.h"
#include "execution/isolate.h"

typedef struct ModuleHost {
  /* HostLoadImportedModule (ES2025 16.2.1.10), synchronously. referrer: the importing
   * SourceTextModule, or the name (a String, or undefined) of the classic script that
   * calls import(); specifier: a String; type: the "type" import attribute (a String) or
   * undefined. Returns a SourceTextModule (the same record for the same resolved module
   * every time), or empty with an exception pending. A promise-based loader returns a
   * promise of the module instead: import() waits for it (and for every promise the
   * loads of that module's graph return); static loading from C (modules_run) needs
   * modules at once and throws a TypeError on a promise. */
  Handle (*load)(Isolate *iso, Handle referrer, Handle specifier, Handle type, void *data);
  /* HostGetImportMetaProperties + HostFinalizeImportMeta: adds the host's properties to
   * meta (a null-prototype object) for module. May be NULL. false: an exception is pending. */
  bool (*init_import_meta)(Isolate *iso, Handle module, Handle meta, void *data);
  void *data;
} ModuleHost;

/* Installs host (kept by pointer: it must outlive the isolate's use of modules). */
void modules_set_host(Isolate *iso, const ModuleHost *host);

/* A JSON module (import attributes `type: "json"`): ParseJSONModule (JSON.parse of
 * source, a SyntaxError when it is not JSON) as a synthetic module whose one export,
 * "default", is the value. host_defined: kept for the host. */
Handle modules_new_json_module(Isolate *iso, Handle source, Handle host_defined);
/* A synthetic module whose one export, "default", is value: the import text proposal's
 * module (`type: "text"`, value a String) and the import bytes one (`type: "bytes"`, see
 * modules_new_bytes_value). */
Handle modules_new_synthetic_module(Isolate *iso, Handle value, Handle host_defined);
/* A Uint8Array over an immutable ArrayBuffer holding a copy of bytes (import bytes). */
Handle modules_new_bytes_value(Isolate *iso, const uint8_t *bytes, size_t length);

/* Source phase imports: %AbstractModuleSource% of the realm native_context (made on first
 * use; $262.AbstractModuleSource), and a new module source object of class class_name
 * (its @@toStringTag) inheriting %AbstractModuleSource.prototype%, for hosts whose
 * modules have a source representation (the shell's "<module source>"). */
Handle modules_abstract_module_source(Isolate *iso, Handle native_context);
Handle modules_new_module_source(Isolate *iso, const char *class_name);

/* LoadRequestedModules (16.2.1.5.1), synchronously through the host: every module of the
 * graph gets its requested modules. */
bool modules_load_requested(Isolate *iso, Handle module);
/* Link() (16.2.1.6.1): SyntaxError for imports that do not resolve. */
bool modules_link(Isolate *iso, Handle module);
/* Evaluate() (16.2.1.6.2): a promise settled when the module and its dependencies have
 * run (already settled when nothing awaited). */
Handle modules_evaluate(Isolate *iso, Handle module);
/* Load, link and evaluate: the promise of Evaluate(), or empty when loading or linking
 * threw. */
Handle modules_run(Isolate *iso, Handle module);

/* The import defer proposal's EnsureDeferredNamespaceEvaluation: evaluates module
 * synchronously unless it ran already; a TypeError when it cannot run synchronously now
 * (it is evaluating, or it or a dependency has top-level await); its evaluation error is
 * thrown. */
bool modules_evaluate_deferred(Isolate *iso, Handle module);

/* Sets promise's [[PromiseIsHandled]] (and tells the rejection tracker): for module
 * promises whose rejection the caller reports itself. Never allocates. */
void modules_promise_mark_handled(Isolate *iso, Handle promise);

/* GetExportedNames() (16.2.1.6.2 of the cyclic record): a FixedArray of names. */
Handle modules_get_exported_names(Isolate *iso, Handle module);
/* ResolveExport(name) (16.2.1.6.3) as a binding pair (source-text-module.h), or empty with
 * no exception when the name does not resolve or is ambiguous. */
Handle modules_resolve_export_binding(Isolate *iso, Handle module, Handle name);

/* The module whose code is running (found through the running frame's contexts), or 0. */
Tagged modules_current_module(Isolate *iso);
/* 13.3.12.1 import.meta of module: made on first use with the host's properties. */
Handle modules_import_meta(Isolate *iso, Handle module);
/* 13.3.10.1 EvaluateImportCall: import(specifier, options) from referrer (a module, or a
 * script name / undefined): always a promise (errors reject it). */
Handle modules_dynamic_import(Isolate *iso, Handle referrer, Handle specifier, Handle options,
                              int phase);

/* The promise closures of PROMISE_CLOSURE_LIST (builtins-promise.c's table). */
Handle modules_async_fulfilled_closure(Isolate *iso, BuiltinArgs *args);
Handle modules_async_rejected_closure(Isolate *iso, BuiltinArgs *args);
Handle modules_import_fulfilled_closure(Isolate *iso, BuiltinArgs *args);
Handle modules_import_rejected_closure(Isolate *iso, BuiltinArgs *args);
Handle modules_import_continue_closure(Isolate *iso, BuiltinArgs *args);
Handle modules_import_load_step_closure(Isolate *iso, BuiltinArgs *args);

#endif /* KILN_EXECUTION_MODULES_H_ */
