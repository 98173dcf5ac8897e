/*
 * kiln.c: the kiln shell's entry point: the command line, then each script in order in one
 * realm (shell-run.c), or the REPL (shell-repl.c).
 *
 *   kiln [flags] FILE...          run the files in order
 *   kiln [flags] -e CODE          run CODE (-e and files mix, in order)
 *   kiln [flags]                  a REPL on a terminal; else all of stdin as one script
 *
 * Exit codes: 0 ok, 1 an uncaught exception, 2 a usage error or an unreadable file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/flags.h"
#include "builtins/builtins-weak.h"
#include "execution/isolate.h"
#include "shell.h"

/* V(flag, help): the shell's own flags (the engine's come from base/flags.h). */
#define SHELL_FLAG_LIST(V)                                                              \
  V("-e CODE", "run CODE as a script (may be repeated; runs in order with the files)")  \
  V("--module FILE", "run FILE as an ES module (files ending in .mjs are modules too)")   \
  V("--module-base DIR", "resolve import() in classic scripts against DIR")             \
  V("--test262", "install the $262 host object of test262's INTERPRETING.md")           \
  V("--timeout=MS", "terminate the run after MS milliseconds (exit status 1)")          \
  V("--help, -h", "print this text")                                                    \
  V("--version", "print the version")

typedef enum { SCRIPT_FILE, SCRIPT_CODE, SCRIPT_MODULE } ScriptKind;

typedef struct {
  ScriptKind kind;
  const char *text;   /* the file name or the code */
} Script;

typedef struct {
  Flags flags;
  HostOptions host;
  Script *scripts;
  int script_count;
  long timeout_ms;      /* --timeout; 0: none */
  const char *module_base;  /* --module-base, or NULL */
} ShellArgs;

static void shell_usage(FILE *f) {
  fprintf(f,
          "Usage: kiln [flags] FILE...   run the files in order in one realm\n"
          "       kiln [flags] -e CODE   run CODE\n"
          "       kiln [flags]           start a REPL (or run stdin when it is not a terminal)\n"
          "\nShell flags:\n");
#define V(flag, help) fprintf(f, "  %-24s %s\n", flag, help);
  SHELL_FLAG_LIST(V)
#undef V
  fprintf(f, "\nEngine flags:\n");
  flags_print_help(f);
  fprintf(f, "\nExit status: 0 ok, 1 uncaught exception, 2 usage error or unreadable file.\n");
}

static void shell_add_script(ShellArgs *a, ScriptKind kind, const char *text) {
  a->scripts[a->script_count++] = (Script){kind, text};
}

/* Parses argv into a. Returns -1 to go on and run, else the exit code to stop with (0 after
 * --help and --version, 2 on a usage error). */
static int shell_parse_args(int argc, char **argv, ShellArgs *a) {
  flags_init_defaults(&a->flags);
  a->host = (HostOptions){false};
  a->timeout_ms = 0;
  a->script_count = 0;
  a->module_base = NULL;
  a->scripts = calloc((size_t)argc, sizeof(Script));
  if (a->scripts == NULL) return kShellExitUsage;
  bool only_files = false;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    char err[256];
    if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
      shell_add_script(a, SCRIPT_FILE, arg);
    } else if (!strcmp(arg, "--")) {
      only_files = true;
    } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
      shell_usage(stdout);
      return kShellExitOk;
    } else if (!strcmp(arg, "--version")) {
      printf("kiln " KILN_SHELL_VERSION "\n");
      return kShellExitOk;
    } else if (!strcmp(arg, "-e") || !strcmp(arg, "--module")) {
      if (i + 1 == argc) {
        fprintf(stderr, "kiln: %s needs an argument (see kiln --help)\n", arg);
        return kShellExitUsage;
      }
      shell_add_script(a, arg[1] == 'e' ? SCRIPT_CODE : SCRIPT_MODULE, argv[++i]);
    } else if (!strcmp(arg, "--module-base")) {
      if (i + 1 == argc) {
        fprintf(stderr, "kiln: %s needs an argument (see kiln --help)\n", arg);
        return kShellExitUsage;
      }
      a->module_base = argv[++i];
    } else if (!strcmp(arg, "--test262")) {
      a->host.test262 = true;
    } else if (!strncmp(arg, "--timeout=", 10)) {
      char *end;
      a->timeout_ms = strtol(arg + 10, &end, 10);
      if (end == arg + 10 || *end != '\0' || a->timeout_ms <= 0) {
        fprintf(stderr, "kiln: --timeout needs a positive number of milliseconds\n");
        return kShellExitUsage;
      }
    } else if (!flags_parse_one(&a->flags, arg, err, sizeof err)) {
      fprintf(stderr, "kiln: %s (see kiln --help)\n", err);
      return kShellExitUsage;
    }
  }
  return -1;
}

/* Checks before anything runs that every file can be read. */
static int shell_check_scripts(const ShellArgs *a) {
  for (int i = 0; i < a->script_count; i++) {
    const Script *s = &a->scripts[i];
    bool file = s->kind == SCRIPT_MODULE || (s->kind == SCRIPT_FILE && strcmp(s->text, "-") != 0);
    if (file && access(s->text, R_OK) != 0) {
      fprintf(stderr, "kiln: cannot read %s: %s\n", s->text, strerror(errno));
      return kShellExitUsage;
    }
  }
  return kShellExitOk;
}

/* Runs one script; returns its exit code. */
static int shell_run_script(Isolate *iso, const Script *s) {
  if (s->kind == SCRIPT_FILE && strcmp(s->text, "-") == 0) return repl_run_stdin(iso);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  int code = kShellExitOk;
  Handle result, module_promise = HANDLE_NULL;
  if (s->kind == SCRIPT_MODULE || (s->kind == SCRIPT_FILE && shell_is_module_path(s->text))) {
    result = run_module_file(iso, s->text, &module_promise);
  } else if (s->kind == SCRIPT_CODE) {
    result = run_source(iso, s->text, strlen(s->text), "[eval]");
  } else {
    size_t length;
    char *source = run_read_file(s->text, &length);
    if (source == NULL) {
      fprintf(stderr, "kiln: cannot read %s: %s\n", s->text, strerror(errno));
      handle_scope_close(&scope);
      return kShellExitUsage;
    }
    result = run_source(iso, source, length, s->text);
    free(source);
  }
  /* The end of the script's turn: WeakRef targets may die, registries clean up. Then the
   * event loop: the timers the script set, each a turn followed by its jobs. */
  if (handle_is_null(result) || !builtins_weak_host_turn_ended(iso) ||
      !timers_run_loop(iso, true) ||
      (!handle_is_null(module_promise) && !run_module_settled_ok(iso, module_promise))) {
    run_report_exception(iso);
    code = kShellExitException;
  }
  handle_scope_close(&scope);
  return code;
}

static int shell_run(ShellArgs *a) {
  Isolate *iso = isolate_new(&a->flags);
  if (iso == NULL) {
    fprintf(stderr, "kiln: could not create an isolate (out of memory)\n");
    return kShellExitException;
  }
  int code = kShellExitOk;
  Watchdog *watchdog = NULL;
  if (a->host.test262) run_ignore_unhandled_rejections();
  if (!host_setup(iso, &a->host) || !shell_modules_install(iso, a->module_base)) {
    run_report_exception(iso);
    code = kShellExitException;
  } else if ((watchdog = a->timeout_ms ? watchdog_start(iso, a->timeout_ms) : NULL) == NULL &&
             a->timeout_ms) {
    fprintf(stderr, "kiln: could not start the --timeout thread\n");
    code = kShellExitException;
  } else if (a->script_count == 0) {
    code = isatty(STDIN_FILENO) ? repl_run(iso) : repl_run_stdin(iso);
  } else {
    for (int i = 0; i < a->script_count && code == kShellExitOk; i++) {
      code = shell_run_script(iso, &a->scripts[i]);
      if (code == kShellExitOk && run_unhandled_rejection_count() > 0) code = kShellExitException;
    }
  }
  agents_shutdown();
  watchdog_stop(watchdog);
  fflush(stdout);
  shell_modules_free(iso);
  isolate_free(iso);
  return code;
}

int main(int argc, char **argv) {
  ShellArgs args;
  int code = shell_parse_args(argc, argv, &args);
  if (code < 0) {
    code = shell_check_scripts(&args);
    if (code == kShellExitOk) code = shell_run(&args);
  }
  free(args.scripts);
  return code;
}
