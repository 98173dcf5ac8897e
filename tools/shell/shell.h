/*
 * shell.h: the modules of the kiln shell (tools/shell/), d8's counterpart.
 *
 *   kiln.c           main: the command line, the list of scripts, exit codes;
 *   shell-run.c      running a script or a file in the current realm, reporting uncaught
 *                    exceptions ("Uncaught TypeError: message" + stack lines on stderr);
 *   shell-repl.c     the read-eval-print loop (readline, history, multi-line input);
 *   shell-console.c  Node's util.inspect and util.format, for console.log and the REPL;
 *   shell-host.c     the host functions of the global object: print, load, console, $262;
 *   shell-timers.c   setTimeout/setInterval/clearTimeout/clearInterval and the event loop;
 *   shell-modules.c  the module loader (paths, .mjs/.js/.json, a cache by realpath);
 *   shell-require.c  require: the built-in 'type-pointer' module and CommonJS files;
 *   shell-agent.c    $262.agent: agents on threads with their own isolates;
 *   shell-watchdog.c --timeout: a thread that terminates the isolate after a delay;
 *   shell-buffer.c   a growable byte buffer.
 *
 * Exit codes (a contract with tools/test262/run.py and tests/js/run.sh): 0 every script ran,
 * 1 an uncaught exception, 2 a usage error or a file that cannot be read.
 */
#ifndef KILN_TOOLS_SHELL_SHELL_H_
#define KILN_TOOLS_SHELL_SHELL_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "builtins/builtins.h"
#include "execution/isolate.h"

#define KILN_SHELL_VERSION "0.1.0"

enum { kShellExitOk = 0, kShellExitException = 1, kShellExitUsage = 2 };

/* ---- shell-buffer.c: a growable NUL-terminated byte buffer --------------------------- */

typedef struct {
  char *data;    /* always NUL-terminated once anything is appended; NULL when empty */
  size_t length;
  size_t capacity;
} Buffer;

void buffer_init(Buffer *b);
void buffer_free(Buffer *b);
/* malloc failure is fatal here: the shell cannot report anything without memory. */
void buffer_append(Buffer *b, const char *s, size_t n);
void buffer_puts(Buffer *b, const char *s);
void buffer_putc(Buffer *b, char c);
void buffer_printf(Buffer *b, const char *fmt, ...) KILN_PRINTF(2, 3);
void buffer_repeat(Buffer *b, char c, int n);
/* Hands the text over to the caller (malloc'd, never NULL) and resets b. */
char *buffer_take(Buffer *b);
/* The number of code points of a UTF-8 text: the column width the inspector assumes. */
size_t buffer_text_width(const char *s);

/* ---- shell-console.c: inspection and console formatting ----------------------------- */

typedef struct {
  int depth;            /* nesting shown before [Object] (Node: 2); -1 for unlimited */
  bool show_hidden;     /* also non-enumerable properties, as [key] (console's %o) */
  int break_length;     /* Node: 80 */
} InspectOptions;

void console_default_options(InspectOptions *opts);
/* util.inspect(value): a malloc'd UTF-8 text, or NULL with an exception pending (a getter
 * of "name" or a Proxy trap may throw). Calls user code; may GC. */
char *console_inspect(Isolate *iso, Handle value, const InspectOptions *opts);
/* util.format(...args): what console.log prints (without the newline): a first string
 * argument's %s %d %i %f %j %o %O %c %% specifiers are replaced by the arguments they take;
 * the rest follow, space-separated, strings raw, other values inspected. NULL with an
 * exception pending. Calls user code; may GC. */
char *console_format(Isolate *iso, int argc, const Handle *argv);
/* A JS string as UTF-8 (WTF-8), malloc'd; never NULL. */
char *console_string_utf8(Isolate *iso, Tagged string);

/* ---- shell-run.c: running code -------------------------------------------------------- */

/* Runs source as a classic script of the current realm, then the jobs it queued (a
 * microtask checkpoint). Returns the completion value, or an empty handle with the
 * exception pending (the script's, or a job's). Promises left rejected with no handler are
 * reported on stderr as "Uncaught (in promise) ..." and counted. */
Handle run_source(Isolate *iso, const char *source, size_t length, const char *name);
/* How many unhandled rejections have been reported: a run with any exits 1. */
int run_unhandled_rejection_count(void);
/* Stops reporting (and counting) them: test262 mode, where tests leave rejected promises
 * unhandled on purpose. */
void run_ignore_unhandled_rejections(void);
/* Reads a whole file (malloc'd, *length set). NULL with errno set when it cannot. */
char *run_read_file(const char *path, size_t *length);
/* Reads and runs a file. Returns the completion value, or an empty handle with an exception
 * pending (an Error when the file cannot be read). */
Handle run_file(Isolate *iso, const char *path);
/* Prints the pending exception as "Uncaught ..." with its stack on stderr and clears it. */
void run_report_exception(Isolate *iso);
/* The text of the "Uncaught" report of value (malloc'd). Calls user code (toString); an
 * exception it throws is cleared and the value inspected instead. */
char *run_describe_uncaught(Isolate *iso, Handle value);
/* true when the pending exception is the compiler's SyntaxError about the end of the input
 * of the script called name (not one that code inside it threw, e.g. from eval): the REPL
 * then reads another line. Does not clear it. */
bool run_exception_is_incomplete_input(Isolate *iso, const char *name);

/* ---- shell-host.c: the global object's host functions --------------------------------- */

typedef struct {
  bool test262;         /* install $262 */
} HostOptions;

/* Creates a realm, makes it current and installs print, load, console (and $262). false
 * with an exception pending, or with a message on stderr when the realm cannot be made. */
bool host_setup(Isolate *iso, const HostOptions *opts);

/* ---- shell-require.c: require('type-pointer') and CommonJS files --------------------- */

/* Installs require on global (realm native_context). false with an exception pending. */
bool require_install(Isolate *iso, Handle native_context, Handle global);

/* ---- shell-timers.c: timers and the event loop ----------------------------------------- */

/* Installs setTimeout, setInterval, clearTimeout and clearInterval on global. */
bool timers_install(Isolate *iso, Handle native_context, Handle global);
/* The event loop: runs the timers in order of due time (sleeping until each is due when
 * wait, else only those already due), with a microtask checkpoint after each. false with
 * the exception pending when a callback (or a job) threw. */
bool timers_run_loop(Isolate *iso, bool wait);

/* ---- shell-agent.c: $262.agent on threads ------------------------------------------------ */

/* The methods of $262.agent (the builtin signature; see shell-agent.c). */
Handle agent_start(Isolate *iso, BuiltinArgs *args);
Handle agent_broadcast(Isolate *iso, BuiltinArgs *args);
Handle agent_get_report(Isolate *iso, BuiltinArgs *args);
Handle agent_receive_broadcast(Isolate *iso, BuiltinArgs *args);
Handle agent_report(Isolate *iso, BuiltinArgs *args);
Handle agent_leaving(Isolate *iso, BuiltinArgs *args);
Handle agent_sleep(Isolate *iso, BuiltinArgs *args);
Handle agent_monotonic_now(Isolate *iso, BuiltinArgs *args);
/* Terminates the agents still running and joins their threads (at exit). */
void agents_shutdown(void);

/* ---- shell-watchdog.c: --timeout ------------------------------------------------------ */

typedef struct Watchdog Watchdog;
/* Starts a thread that calls isolate_request_termination(iso) after ms milliseconds.
 * NULL if the thread cannot be made. */
Watchdog *watchdog_start(Isolate *iso, long ms);
/* Stops (or reaps) the watchdog; returns whether it fired. */
bool watchdog_stop(Watchdog *w);

/* ---- shell-modules.c: ES modules ------------------------------------------------------ */

/* Installs the shell's module loader on iso (execution/modules.h ModuleHost). script_base:
 * the directory import() in classic scripts resolves against (--module-base), or NULL for
 * the script's own directory. */
bool shell_modules_install(Isolate *iso, const char *script_base);
/* Uninstalls the loader and frees its cache (before the isolate is freed). */
void shell_modules_free(Isolate *iso);
/* Does path name a module by its extension (.mjs)? */
bool shell_is_module_path(const char *path);
/* Loads, links and evaluates the module file path, then runs the jobs. Returns the promise
 * of its evaluation (also in *promise_out; pending while top-level await waits on timers),
 * or an empty handle with the exception pending (a load, link or evaluation error). */
Handle run_module_file(Isolate *iso, const char *path, Handle *promise_out);
/* After the event loop: false with the exception pending when the promise was rejected. */
bool run_module_settled_ok(Isolate *iso, Handle promise);

/* ---- shell-repl.c ------------------------------------------------------------------- */

/* Reads lines from the terminal (readline when present) and prints each result. Returns
 * the exit code (0 on .exit or end of input). */
int repl_run(Isolate *iso);
/* Runs all of stdin as one script (stdin is not a terminal). Returns the exit code. */
int repl_run_stdin(Isolate *iso);

#endif /* KILN_TOOLS_SHELL_SHELL_H_ */
