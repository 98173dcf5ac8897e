/*
 * shell-host.c: the host-defined globals of the kiln shell, installed in every realm it
 * makes:
 *
 *   print(...args)     ToString of each argument, space-separated, and a newline (d8's)
 *   load(file)         runs another file in the same realm; returns its completion value
 *   console.log/info/debug (stdout), console.error/warn (stderr): util.format's text
 *   setTimeout, setInterval, clearTimeout, clearInterval (shell-timers.c)
 *   require(name)      'type-pointer' and CommonJS files (shell-require.c)
 *   $262 (--test262)   test262's host object (INTERPRETING.md): global, gc, createRealm,
 *                      evalScript, detachArrayBuffer, agent, IsHTMLDDA
 *
 * Each function is a C builtin (builtins/builtins.h) of the realm it is installed in; the
 * realm a $262 method acts on is the realm of the function itself, so a $262 from
 * createRealm() evaluates in its own realm.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "builtins/builtins-utils.h"
#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-array-buffer.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "execution/modules.h"
#include "shell.h"

static bool host_install(Isolate *iso, Handle native_context, bool test262, Handle *out_262);

static Handle host_undefined(Isolate *iso) { return ROOT_HANDLE(iso, undefined_value); }

static Handle host_global(Isolate *iso, Handle native_context) {
  return builtins_intrinsic(iso, native_context, NATIVE_CONTEXT_global_object);
}

/* ---- print, load ---------------------------------------------------------------------- */

static Handle host_print(Isolate *iso, BuiltinArgs *args) {
  Buffer out;
  buffer_init(&out);
  for (int i = 0; i < args->argc; i++) {
    Handle s = runtime_to_string(iso, builtin_arg(iso, args, i));
    if (handle_is_null(s)) return buffer_free(&out), HANDLE_NULL;
    char *text = console_string_utf8(iso, H(s));
    if (i > 0) buffer_putc(&out, ' ');
    buffer_puts(&out, text);
    free(text);
  }
  buffer_putc(&out, '\n');
  fwrite(out.data, 1, out.length, stdout);
  fflush(stdout);
  buffer_free(&out);
  return host_undefined(iso);
}

static Handle host_load(Isolate *iso, BuiltinArgs *args) {
  Handle path = runtime_to_string(iso, builtin_arg(iso, args, 0));
  if (handle_is_null(path)) return path;
  char *file = console_string_utf8(iso, H(path));
  Handle result = run_file(iso, file);
  free(file);
  return result;
}

/* ---- console -------------------------------------------------------------------------- */

/* The arguments as Handles: they point at the argument slots, which the collector sees. */
static Handle *host_arg_handles(BuiltinArgs *args) {
  Handle *argv = malloc(sizeof(Handle) * (size_t)(args->argc + 1));
  if (argv == NULL) FATAL("kiln: out of memory");
  for (int i = 0; i < args->argc; i++) argv[i] = (Handle){&args->argv[i]};
  return argv;
}

static Handle host_console_write(Isolate *iso, BuiltinArgs *args, FILE *stream) {
  Handle *argv = host_arg_handles(args);
  char *text = console_format(iso, args->argc, argv);
  free(argv);
  if (text == NULL) return HANDLE_NULL;
  if (stream == stderr) fflush(stdout);
  fprintf(stream, "%s\n", text);
  fflush(stream);
  free(text);
  return host_undefined(iso);
}

static Handle host_console_log(Isolate *iso, BuiltinArgs *args) {
  return host_console_write(iso, args, stdout);
}
static Handle host_console_error(Isolate *iso, BuiltinArgs *args) {
  return host_console_write(iso, args, stderr);
}

/* V(name, function, length): console's methods. */
#define CONSOLE_METHOD_LIST(V)          \
  V("log", host_console_log, 0)         \
  V("info", host_console_log, 0)        \
  V("debug", host_console_log, 0)       \
  V("error", host_console_error, 0)     \
  V("warn", host_console_error, 0)

static bool host_install_console(Isolate *iso, Handle native_context, Handle global) {
  Handle proto = builtins_intrinsic(iso, native_context, NATIVE_CONTEXT_object_prototype);
  Handle console = builtins_new_object_with_proto(iso, native_context, proto);
  if (handle_is_null(console)) return false;
#define V(name, fn, length) \
  if (handle_is_null(builtins_install_method(iso, native_context, console, name, fn, length))) \
    return false;
  CONSOLE_METHOD_LIST(V)
#undef V
  return builtins_define_value(iso, global, "console", console, DONT_ENUM);
}

/* ---- $262 ------------------------------------------------------------------------------ */

/* The realm a $262 method belongs to: the realm of the function being called. */
static Handle host_realm_of(Isolate *iso, BuiltinArgs *args) {
  return handle_new(iso, js_function_native_context(*args->target));
}

static Handle host_262_gc(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(args);
  heap_collect_full(&iso->heap);
  return host_undefined(iso);
}

static Handle host_262_create_realm(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(args);
  Handle realm = bootstrapper_create_realm(iso);
  if (handle_is_null(realm)) return realm;
  Handle dollar_262;
  if (!host_install(iso, realm, true, &dollar_262)) return HANDLE_NULL;
  return dollar_262;
}

/* $262.evalScript(source): ES2025 16.1.6 ScriptEvaluation in the method's realm. */
static Handle host_262_eval_script(Isolate *iso, BuiltinArgs *args) {
  Handle source = runtime_to_string(iso, builtin_arg(iso, args, 0));
  if (handle_is_null(source)) return source;
  size_t length;
  char *text = string_to_utf8(iso, H(source), &length);
  if (text == NULL) FATAL("kiln: out of memory");
  Handle saved = handle_new(iso, iso->native_context);
  iso->native_context = H(host_realm_of(iso, args));
  Handle result = execution_run_script(iso, text, length, "evalScript");
  iso->native_context = H(saved);
  free(text);
  return result;
}

/* $262.detachArrayBuffer(buffer): ES2025 25.1.3.5 DetachArrayBuffer(buffer) (key undefined). */
static Handle host_262_detach_array_buffer(Isolate *iso, BuiltinArgs *args) {
  Handle buffer = builtin_arg(iso, args, 0);
  if (!js_array_buffer_detach(iso, buffer, host_undefined(iso))) return HANDLE_NULL;
  return host_undefined(iso);
}

/* $262.IsHTMLDDA: ES2025 B.3.6, an object with [[IsHTMLDDA]] (document.all's quirk). Called
 * with no arguments or "" it returns null (test262 INTERPRETING.md); any call returns null. */
static Handle host_262_is_htmldda_call(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(args);
  return ROOT_HANDLE(iso, null_value);
}

/* A function whose own map (a copy, never shared) carries MAP_IS_UNDETECTABLE: typeof gives
 * "undefined", ToBoolean false, and == null / == undefined hold; otherwise it is an ordinary
 * callable object. */
static Handle host_new_is_htmldda(Isolate *iso, Handle native_context) {
  Handle fn = builtins_new_function(iso, native_context, builtins_key(iso, "IsHTMLDDA"), 0,
                                    host_262_is_htmldda_call);
  if (handle_is_null(fn)) return fn;
  Handle map = map_copy(iso, handle_new(iso, heap_object_map(H(fn))));
  if (handle_is_null(map)) return map;
  map_set_flag(H(map), MAP_IS_UNDETECTABLE, true);
  heap_object_set_map(H(fn), H(map));
  return fn;
}

/* V(name, function, length) */
#define AGENT_METHOD_LIST(V)                          \
  V("start", agent_start, 1)                          \
  V("broadcast", agent_broadcast, 2)                  \
  V("receiveBroadcast", agent_receive_broadcast, 1)   \
  V("report", agent_report, 1)                        \
  V("leaving", agent_leaving, 0)                      \
  V("getReport", agent_get_report, 0)                 \
  V("sleep", agent_sleep, 1)                          \
  V("monotonicNow", agent_monotonic_now, 0)

#define DOLLAR_262_METHOD_LIST(V)                          \
  V("gc", host_262_gc, 0)                                  \
  V("createRealm", host_262_create_realm, 0)               \
  V("evalScript", host_262_eval_script, 1)                 \
  V("detachArrayBuffer", host_262_detach_array_buffer, 1)

static Handle host_new_262(Isolate *iso, Handle native_context, Handle global) {
  Handle proto = builtins_intrinsic(iso, native_context, NATIVE_CONTEXT_object_prototype);
  Handle dollar = builtins_new_object_with_proto(iso, native_context, proto);
  Handle agent = builtins_new_object_with_proto(iso, native_context, proto);
  if (handle_is_null(dollar) || handle_is_null(agent)) return HANDLE_NULL;
#define V(name, fn, length) \
  if (handle_is_null(builtins_install_method(iso, native_context, dollar, name, fn, length))) \
    return HANDLE_NULL;
  DOLLAR_262_METHOD_LIST(V)
#undef V
#define V(name, fn, length) \
  if (handle_is_null(builtins_install_method(iso, native_context, agent, name, fn, length))) \
    return HANDLE_NULL;
  AGENT_METHOD_LIST(V)
#undef V
  Handle ams = modules_abstract_module_source(iso, native_context);  /* source phase imports */
  if (handle_is_null(ams)) return HANDLE_NULL;
  Handle dda = host_new_is_htmldda(iso, native_context);
  if (handle_is_null(dda) ||
      !builtins_define_value(iso, dollar, "IsHTMLDDA", dda, DONT_ENUM) ||
      !builtins_define_value(iso, dollar, "global", global, DONT_ENUM) ||
      !builtins_define_value(iso, dollar, "agent", agent, DONT_ENUM) ||
      !builtins_define_value(iso, dollar, "AbstractModuleSource", ams, DONT_ENUM))
    return HANDLE_NULL;
  return dollar;
}

/* ---- installation ----------------------------------------------------------------------- */

/* Installs the host globals in the realm native_context; with test262 also $262 (returned
 * in *out_262). */
static bool host_install(Isolate *iso, Handle native_context, bool test262, Handle *out_262) {
  HandleScope scope;
  handle_scope_open_escapable(iso, &scope);
  Handle global = host_global(iso, native_context);
  bool ok = !handle_is_null(builtins_install_method(iso, native_context, global, "print",
                                                    host_print, 0)) &&
            !handle_is_null(builtins_install_method(iso, native_context, global, "load",
                                                    host_load, 1)) &&
            host_install_console(iso, native_context, global) &&
            timers_install(iso, native_context, global) &&
            require_install(iso, native_context, global);
  Handle dollar = HANDLE_NULL;
  if (ok && test262) {
    dollar = host_new_262(iso, native_context, global);
    ok = !handle_is_null(dollar) && builtins_define_value(iso, global, "$262", dollar, DONT_ENUM);
  }
  if (ok && out_262) *out_262 = handle_scope_escape(&scope, dollar);
  handle_scope_close(&scope);
  return ok;
}

bool host_setup(Isolate *iso, const HostOptions *opts) {
  if (!bootstrapper_init_isolate(iso)) {
    fprintf(stderr, "kiln: could not create the realm (out of memory)\n");
    return false;
  }
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle realm = handle_new(iso, iso->native_context);
  bool ok = host_install(iso, realm, opts->test262, NULL);
  handle_scope_close(&scope);
  return ok;
}
