/*
 * kiln.h: the embedding API of the Kiln JavaScript engine. The only header an embedder
 * includes (docs/embedding.md is the tutorial and the reference).
 *
 * The model is V8's (seeds 002 and 004), in C:
 *
 *   kiln_isolate       one engine instance: a heap, its handles, its flags.
 *   kiln_context       a realm: a global object and its own set of built-ins. Calls that
 *                      can run JavaScript take the context they run in.
 *   kiln_value         a local handle: a pointer to a slot that holds a JS value. The
 *                      collector updates the slot when it moves the object, so the handle
 *                      stays valid across allocations, until its kiln_handle_scope closes.
 *   kiln_handle_scope  declared on the caller's stack; every handle made while it is the
 *                      innermost open scope is released when it closes. Calls that return
 *                      handles need an open scope.
 *   kiln_persistent    a handle that outlives scopes (V8's Persistent / Global), strong
 *                      until made weak; freed explicitly.
 *   kiln_template      a recipe for functions (function templates, backed by a C callback)
 *                      and objects (object templates: properties, methods, C accessors and
 *                      internal fields); instantiated in a context.
 *
 * Errors. A call that fails returns NULL (or false, or NaN for kiln_to_number) with an
 * exception pending. When the call returns to the embedder:
 *   - inside a kiln_try_catch (the innermost open one) the exception is caught there;
 *   - else inside a C callback called from JS, it is rethrown into the calling JS when the
 *     callback returns (as if the callback had called kiln_throw);
 *   - else it goes to the isolate's message callback (kiln_set_message_callback), or is
 *     dropped when there is none.
 * So the embedder never has to clear an exception by hand. Nothing bad JS can do (throw,
 * recurse forever, allocate without end) crashes the process: it becomes an exception.
 *
 * Misuse (a NULL where a value is needed, a handle from a closed scope, an internal field
 * index out of range, a value of the wrong type for the call) is a programming error: debug
 * builds of the library (KILN_DEBUG_CHECKS) abort with a message; release builds return
 * NULL / false with a TypeError pending where the check is cheap (NULL and type checks),
 * and are undefined otherwise (a handle from a closed scope).
 *
 * Threads. A process may hold several isolates; each is used by one thread at a time (any
 * thread, one after the other, but never two at once). Kiln has no global mutable state,
 * so different isolates can run on different threads in parallel. The one call that may
 * be made from any thread at any time is kiln_isolate_terminate.
 *
 * This header compiles as C11 and as C++.
 */
#ifndef KILN_H_
#define KILN_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h> /* ssize_t */

#define KILN_VERSION_MAJOR 0
#define KILN_VERSION_MINOR 1
#define KILN_VERSION_PATCH 0
#define KILN_VERSION_STRING "0.1.0"
/* One number that grows with each release: major * 10000 + minor * 100 + patch. */
#define KILN_VERSION (KILN_VERSION_MAJOR * 10000 + KILN_VERSION_MINOR * 100 + KILN_VERSION_PATCH)

#if defined(_WIN32)
#define KILN_EXPORT
#else
#define KILN_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Types --------------------------------------------------------------------------- */

typedef struct kiln_isolate kiln_isolate;             /* opaque */
typedef struct kiln_callback_info kiln_callback_info; /* opaque, valid during a callback */
typedef struct kiln_persistent kiln_persistent;       /* opaque */

/* Local handles: pointers to handle slots; NULL is the empty handle (a failed call). */
typedef struct kiln_value_slot *kiln_value;
typedef struct kiln_context_slot *kiln_context;
typedef struct kiln_template_slot *kiln_template;

typedef struct kiln_isolate_params {
  size_t heap_limit;   /* bytes the old generation may use; 0 for the default (1 GiB).
                          Past it, allocation throws "RangeError: out of memory". */
  size_t stack_limit;  /* bytes of C stack JS may use below the API call that enters it; 0
                          for the default (the thread's stack size less 1 MiB, at most 64
                          MiB), and never closer than 128 KiB to the end of the calling
                          thread's stack. Past it: "RangeError: Maximum call stack size
                          exceeded". */
  const char *flags;   /* engine flags as on the kiln command line, space-separated
                          ("--gc-interval=100 --verify-heap"), or NULL. Unknown flags make
                          kiln_isolate_new fail. The environment variable KILN_FLAGS,
                          when set, is applied after these (to run any embedder under
                          `--gc-interval=1 --verify-heap` without rebuilding it). */
} kiln_isolate_params;

/* Declared by the caller (on its stack); the fields are private. */
typedef struct kiln_handle_scope { void *private_[8]; } kiln_handle_scope;
typedef struct kiln_try_catch { void *private_[8]; } kiln_try_catch;

typedef void (*kiln_function_callback)(kiln_callback_info *info);
typedef void (*kiln_getter)(kiln_value self, kiln_value name, kiln_callback_info *info);
typedef void (*kiln_setter)(kiln_value self, kiln_value name, kiln_value value,
                            kiln_callback_info *info);
/* Receives each exception no kiln_try_catch caught: the value thrown and a one-line
 * description ("Uncaught TypeError: x is not a function"), valid during the call. */
typedef void (*kiln_message_callback)(kiln_isolate *iso, kiln_value exception,
                                      const char *message, void *data);

typedef enum {
  KILN_ERROR,
  KILN_TYPE_ERROR,
  KILN_RANGE_ERROR,
  KILN_SYNTAX_ERROR,
  KILN_REFERENCE_ERROR
} kiln_error_kind;

/* ---- Version ------------------------------------------------------------------------- */

/* "0.1.0": the library's version (KILN_VERSION_STRING of the build). */
KILN_EXPORT const char *kiln_version(void);

/* ---- Isolates ------------------------------------------------------------------------ */

KILN_EXPORT kiln_isolate *kiln_isolate_new(const kiln_isolate_params *params /* NULL = defaults */);
KILN_EXPORT void kiln_isolate_free(kiln_isolate *iso);
/* Thread-safe: ends the running script (no catch or finally runs); the API call that ran
 * it returns NULL and kiln_try_catch_has_terminated says so. The isolate stays usable. A
 * request made while no JS runs stops the next script at once. */
KILN_EXPORT void kiln_isolate_terminate(kiln_isolate *iso);
KILN_EXPORT void kiln_collect_garbage(kiln_isolate *iso); /* full GC, then weak callbacks */
/* Runs the queued promise jobs, then ends the host's turn (WeakRef targets may die). */
KILN_EXPORT void kiln_run_microtasks(kiln_isolate *iso);
KILN_EXPORT void kiln_free(kiln_isolate *iso, void *p); /* frees strings the API returned */
/* Sets the callback that receives exceptions no kiln_try_catch caught (NULL: drop them). */
KILN_EXPORT void kiln_set_message_callback(kiln_isolate *iso, kiln_message_callback cb,
                                           void *data);
/* Parses engine flags ("--gc-interval=1 --verify-heap") into the isolate's flags. false
 * (nothing changed) when one is unknown or malformed. */
KILN_EXPORT bool kiln_set_flags_from_string(kiln_isolate *iso, const char *flags);
/* Embedder data: one pointer the isolate keeps for the embedder. */
KILN_EXPORT void kiln_isolate_set_data(kiln_isolate *iso, void *data);
KILN_EXPORT void *kiln_isolate_get_data(kiln_isolate *iso);

/* ---- Handle scopes ------------------------------------------------------------------- */

KILN_EXPORT void kiln_handle_scope_open(kiln_isolate *iso, kiln_handle_scope *scope);
KILN_EXPORT void kiln_handle_scope_close(kiln_handle_scope *scope);
/* A handle for v's value in the scope enclosing `scope` (which must exist). Once per scope. */
KILN_EXPORT kiln_value kiln_handle_scope_escape(kiln_handle_scope *scope, kiln_value v);

/* ---- Contexts and scripts ------------------------------------------------------------ */

KILN_EXPORT kiln_context kiln_context_new(kiln_isolate *iso);
KILN_EXPORT kiln_value kiln_context_global(kiln_context ctx);
KILN_EXPORT kiln_isolate *kiln_context_isolate(kiln_context ctx);
/* Runs src as a classic script; returns its completion value. len -1: NUL-terminated.
 * filename (or NULL) appears in stack traces and SyntaxError positions. */
KILN_EXPORT kiln_value kiln_eval(kiln_context ctx, const char *src, ssize_t len,
                                 const char *filename);

/* ---- Modules ------------------------------------------------------------------------- */

/* The module loader (ES modules: docs/modules.md). Resolves `specifier`, imported by the
 * module whose resolved name is `referrer` (NULL for kiln_import_module and import() in a
 * classic script), with the import attribute `type` ("json", or NULL when none), and
 * fetches it: returns the module's source text (a String), or a promise of it for an
 * asynchronous fetch (import() and kiln_import_module wait for every such promise of the
 * graph), or NULL to fail (after throwing, or a TypeError).
 * *resolved_name may receive the module's resolved name, malloc'd (Kiln frees it; default:
 * the specifier): one module per (resolved name, type), and the referrer of its imports. */
typedef kiln_value (*kiln_module_loader)(kiln_context ctx, const char *referrer,
                                         const char *specifier, const char *type,
                                         char **resolved_name, void *data);
/* Installs the loader (NULL: none; imports then throw). */
KILN_EXPORT void kiln_set_module_loader(kiln_isolate *iso, kiln_module_loader loader,
                                        void *data);
/* import(specifier) from C: loads, links and evaluates the module graph; returns a promise
 * of the module's namespace object (settled by kiln_run_microtasks). */
KILN_EXPORT kiln_value kiln_import_module(kiln_context ctx, const char *specifier);

/* ---- Primitive values ---------------------------------------------------------------- */

KILN_EXPORT kiln_value kiln_undefined(kiln_isolate *iso);
KILN_EXPORT kiln_value kiln_null(kiln_isolate *iso);
KILN_EXPORT kiln_value kiln_boolean_new(kiln_isolate *iso, bool b);
KILN_EXPORT kiln_value kiln_number_new(kiln_isolate *iso, double d);
KILN_EXPORT kiln_value kiln_int32_new(kiln_isolate *iso, int32_t i);
/* UTF-8 (invalid sequences become U+FFFD); len -1: NUL-terminated. */
KILN_EXPORT kiln_value kiln_string_new_utf8(kiln_isolate *iso, const char *s, ssize_t len);

/* ---- Type checks and getters (never run JS, never allocate) -------------------------- */

KILN_EXPORT bool kiln_is_undefined(kiln_value v);
KILN_EXPORT bool kiln_is_null(kiln_value v);
KILN_EXPORT bool kiln_is_boolean(kiln_value v);
KILN_EXPORT bool kiln_is_number(kiln_value v);
KILN_EXPORT bool kiln_is_int32(kiln_value v);   /* a Number whose value is an int32 (-0 not) */
KILN_EXPORT bool kiln_is_string(kiln_value v);
KILN_EXPORT bool kiln_is_symbol(kiln_value v);
KILN_EXPORT bool kiln_is_object(kiln_value v);  /* any object, functions and arrays too */
KILN_EXPORT bool kiln_is_function(kiln_value v);
KILN_EXPORT bool kiln_is_array(kiln_value v);
KILN_EXPORT bool kiln_is_external(kiln_value v);
KILN_EXPORT bool kiln_is_error(kiln_value v);   /* made by an Error constructor */
/* typeof-like names: "undefined", "null", "boolean", "number", "string", "symbol",
 * "bigint", "function", "array", "external", "object". */
KILN_EXPORT const char *kiln_value_type_name(kiln_value v);
KILN_EXPORT bool kiln_boolean_value(kiln_value v);  /* false unless v is true */
KILN_EXPORT double kiln_number_value(kiln_value v); /* NaN unless v is a Number */
KILN_EXPORT int32_t kiln_int32_value(kiln_value v); /* 0 unless kiln_is_int32 */
/* ES2025 7.2.15 IsStrictlyEqual (===). */
KILN_EXPORT bool kiln_strict_equals(kiln_value a, kiln_value b);

/* ---- Conversions (may run JS) -------------------------------------------------------- */

/* ToNumber: NaN + pending exception on failure. */
KILN_EXPORT double kiln_to_number(kiln_context ctx, kiln_value v);
/* ToBoolean (never throws). */
KILN_EXPORT bool kiln_to_boolean(kiln_value v);
/* ToString, as malloc'd UTF-8 (*len, if not NULL, gets the length without the NUL); free
 * with kiln_free. NULL with an exception pending on failure. */
KILN_EXPORT char *kiln_to_utf8(kiln_context ctx, kiln_value v, size_t *len);
KILN_EXPORT kiln_value kiln_to_string(kiln_context ctx, kiln_value v);

/* ---- Objects, arrays, functions ------------------------------------------------------ */

KILN_EXPORT kiln_value kiln_object_new(kiln_context ctx);
KILN_EXPORT kiln_value kiln_array_new(kiln_context ctx, uint32_t length);
/* An array's "length" (0 for other values). */
KILN_EXPORT uint32_t kiln_array_length(kiln_value array);
/* obj[key] and obj[key] = value (obj any value but undefined/null; keys converted with ToPropertyKey; a
 * number key is an index). Run getters, setters and proxy traps. Set is strict: a refused
 * assignment throws TypeError. */
KILN_EXPORT kiln_value kiln_object_get(kiln_context ctx, kiln_value obj, kiln_value key);
KILN_EXPORT bool kiln_object_set(kiln_context ctx, kiln_value obj, kiln_value key,
                                 kiln_value value);
/* The same with a UTF-8 name, and with an index. */
KILN_EXPORT kiln_value kiln_object_get_named(kiln_context ctx, kiln_value obj, const char *name);
KILN_EXPORT bool kiln_object_set_named(kiln_context ctx, kiln_value obj, const char *name,
                                       kiln_value value);
KILN_EXPORT kiln_value kiln_object_get_index(kiln_context ctx, kiln_value obj, uint32_t index);
KILN_EXPORT bool kiln_object_set_index(kiln_context ctx, kiln_value obj, uint32_t index,
                                       kiln_value value);
/* `key in obj`; false with an exception pending on failure. */
KILN_EXPORT bool kiln_object_has(kiln_context ctx, kiln_value obj, kiln_value key);
/* `delete obj[key]` in strict code: false + TypeError for a non-configurable property. */
KILN_EXPORT bool kiln_object_delete(kiln_context ctx, kiln_value obj, kiln_value key);
/* fn.call(self, ...argv). self NULL: undefined. */
KILN_EXPORT kiln_value kiln_function_call(kiln_context ctx, kiln_value fn, kiln_value self,
                                          int argc, kiln_value *argv);
/* new fn(...argv). */
KILN_EXPORT kiln_value kiln_function_new_instance(kiln_context ctx, kiln_value fn, int argc,
                                                  kiln_value *argv);

/* ---- Templates ------------------------------------------------------------------------
 * A template is a heap object of the isolate, held by a handle like any value (keep it in a
 * kiln_persistent to use it across scopes). A function template gives one function per
 * context (kiln_template_get_function returns the same function each time in a context).
 * Calling it runs cb with a kiln_callback_info; `new F()` gives the callback a new `this`
 * made from F's instance template (kiln_function_template_instance_template), and the
 * result is `this` unless the callback returns an object. */
KILN_EXPORT kiln_template kiln_function_template_new(kiln_isolate *iso, kiln_function_callback cb,
                                                     void *data);
KILN_EXPORT kiln_value kiln_template_get_function(kiln_context ctx, kiln_template function_template);
/* The object template of `this` in constructor calls (made on first use). */
KILN_EXPORT kiln_template kiln_function_template_instance_template(kiln_template function_template);
/* The object template applied to F.prototype when F is made (made on first use). */
KILN_EXPORT kiln_template kiln_function_template_prototype_template(kiln_template function_template);
/* Sets the function's "name" (a String). */
KILN_EXPORT void kiln_function_template_set_class_name(kiln_template function_template,
                                                       kiln_value name);

KILN_EXPORT kiln_template kiln_object_template_new(kiln_isolate *iso);
/* Instances get `count` internal fields (0 to 64), each starting undefined. */
KILN_EXPORT void kiln_object_template_set_internal_field_count(kiln_template t, int count);
/* An accessor property on each instance (get or set may be NULL): reading calls get,
 * assigning calls set (without set, an assignment is ignored, or throws in strict code). */
KILN_EXPORT void kiln_object_template_set_accessor(kiln_template t, kiln_value name,
                                                   kiln_getter get, kiln_setter set);
/* A data property of every instance (object template) or of the function (function
 * template). value is a primitive or a function/object shared by all instances. */
KILN_EXPORT void kiln_template_set(kiln_template t, kiln_value name, kiln_value value);
/* A method: the function of function_template, made in the instance's context. */
KILN_EXPORT void kiln_template_set_method(kiln_template t, kiln_value name,
                                          kiln_template function_template);
KILN_EXPORT kiln_value kiln_object_template_new_instance(kiln_context ctx, kiln_template t);

/* ---- Internal fields and externals ---------------------------------------------------- */

/* index < the template's internal field count (misuse otherwise). */
KILN_EXPORT void kiln_object_set_internal_field(kiln_value obj, int index, kiln_value v);
KILN_EXPORT kiln_value kiln_object_get_internal_field(kiln_value obj, int index);
/* The internal field count of obj (0 for objects not made from a template with fields). */
KILN_EXPORT int kiln_object_internal_field_count(kiln_value obj);
/* A value wrapping a C pointer (not a JS object: typeof says "object" but it has no
 * properties; keep it in internal fields). */
KILN_EXPORT kiln_value kiln_external_new(kiln_isolate *iso, void *ptr);
KILN_EXPORT void *kiln_external_value(kiln_value external); /* NULL if not an external */

/* ---- Callbacks ------------------------------------------------------------------------ */

KILN_EXPORT int kiln_callback_argc(kiln_callback_info *info);
KILN_EXPORT kiln_value kiln_callback_arg(kiln_callback_info *info, int i); /* undefined past argc */
KILN_EXPORT kiln_value kiln_callback_this(kiln_callback_info *info);
KILN_EXPORT void *kiln_callback_data(kiln_callback_info *info);
KILN_EXPORT kiln_isolate *kiln_callback_isolate(kiln_callback_info *info);
KILN_EXPORT kiln_context kiln_callback_context(kiln_callback_info *info);
/* true for `new F()`. */
KILN_EXPORT bool kiln_callback_is_construct_call(kiln_callback_info *info);
/* The callback's result (undefined if never called; the last call wins). */
KILN_EXPORT void kiln_callback_return(kiln_callback_info *info, kiln_value v);

/* ---- Errors and exceptions ------------------------------------------------------------ */

KILN_EXPORT kiln_value kiln_error_new(kiln_isolate *iso, kiln_error_kind kind, const char *message);
/* Throws exception: in a callback, the callback then returns normally and JS sees the
 * throw; elsewhere it is handled as any failed call's (try_catch or message callback). */
KILN_EXPORT void kiln_throw(kiln_isolate *iso, kiln_value exception);
/* Opens a try/catch: until it closes, exceptions of calls made at this level are caught
 * here (not reported). Nest them like scopes; close each before its enclosing handle scope. */
KILN_EXPORT void kiln_try_catch_open(kiln_isolate *iso, kiln_try_catch *tc);
KILN_EXPORT bool kiln_try_catch_has_caught(kiln_try_catch *tc);
/* true when the caught "exception" was kiln_isolate_terminate's termination. */
KILN_EXPORT bool kiln_try_catch_has_terminated(kiln_try_catch *tc);
/* The caught value (NULL when nothing was caught or on termination). */
KILN_EXPORT kiln_value kiln_try_catch_exception(kiln_try_catch *tc);
/* Forgets the caught exception (the try_catch catches the next one). */
KILN_EXPORT void kiln_try_catch_reset(kiln_try_catch *tc);
KILN_EXPORT void kiln_try_catch_close(kiln_try_catch *tc);

/* ---- Persistent handles --------------------------------------------------------------- */

KILN_EXPORT kiln_persistent *kiln_persistent_new(kiln_isolate *iso, kiln_value v);
/* A local handle for the value; NULL once a weak target died. */
KILN_EXPORT kiln_value kiln_persistent_get(kiln_isolate *iso, kiln_persistent *p);
/* Makes p weak: it no longer keeps its value alive; when the value dies p is cleared and,
 * after that GC, callback(data) runs (it may use the API, but not free p's value). */
KILN_EXPORT void kiln_persistent_set_weak(kiln_persistent *p, void (*callback)(void *data),
                                          void *data);
KILN_EXPORT void kiln_persistent_free(kiln_persistent *p);

/* ---- type-pointer (issue 9): a value's address as a number ----------------------------
 * kiln_pointer_alloc keeps v in a new strong slot and returns the slot's address. The
 * other calls take such an address; one that is not a live slot of this isolate (freed,
 * made up, another isolate's) gives NULL / false with a TypeError pending, and is never
 * dereferenced. */
KILN_EXPORT uintptr_t kiln_pointer_alloc(kiln_isolate *iso, kiln_value v);
KILN_EXPORT kiln_value kiln_pointer_read(kiln_isolate *iso, uintptr_t addr);
KILN_EXPORT bool kiln_pointer_write(kiln_isolate *iso, uintptr_t addr, kiln_value v);
KILN_EXPORT bool kiln_pointer_free(kiln_isolate *iso, uintptr_t addr);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_H_ */
