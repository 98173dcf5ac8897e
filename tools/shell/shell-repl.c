/*
 * shell-repl.c: the read-eval-print loop, and running stdin when it is not a terminal.
 *
 * Each input is a classic script of the one realm, so top-level declarations stay visible
 * to later inputs. An input the parser finds cut short ("Unexpected end of input", an open
 * template literal) is continued on the next line ("... " prompt). Results print as Node's
 * REPL prints them (util.inspect: strings quoted), `undefined` dimmed on a colour terminal;
 * an uncaught exception prints its report and the loop goes on. `.exit` or Ctrl-D leaves.
 * Lines are edited with GNU readline; history is kept in ~/.kiln_history.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "shell.h"

enum { kHistoryLines = 1000 };

static const char kReplName[] = "repl";

/* ~/.kiln_history, malloc'd; NULL without $HOME. */
static char *repl_history_path(void) {
  const char *home = getenv("HOME");
  if (home == NULL || home[0] == '\0') return NULL;
  Buffer b;
  buffer_init(&b);
  buffer_printf(&b, "%s/.kiln_history", home);
  return buffer_take(&b);
}

/* Prints a completion value as the Node REPL does. */
static void repl_print_result(Isolate *iso, Handle value, bool color) {
  if (is_undefined(iso, H(value))) {
    printf(color ? "\x1b[90mundefined\x1b[39m\n" : "undefined\n");
    return;
  }
  InspectOptions opts;
  console_default_options(&opts);
  char *text = console_inspect(iso, value, &opts);
  if (text == NULL) {
    run_report_exception(iso);
    return;
  }
  printf("%s\n", text);
  free(text);
}

/* Evaluates one complete input. Returns false when the input is incomplete (the caller
 * reads another line); the pending SyntaxError is then dropped. */
static bool repl_eval(Isolate *iso, const char *source, size_t length, bool color) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle result = run_source(iso, source, length, kReplName);
  if (!handle_is_null(result) && !timers_run_loop(iso, false)) result = HANDLE_NULL;
  bool complete = true;
  if (handle_is_null(result)) {
    if (run_exception_is_incomplete_input(iso, kReplName)) {
      isolate_clear_pending_exception(iso);
      complete = false;
    } else {
      run_report_exception(iso);
    }
  } else {
    repl_print_result(iso, result, color);
  }
  fflush(stdout);
  handle_scope_close(&scope);
  return complete;
}

int repl_run(Isolate *iso) {
  bool color = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
  char *history = repl_history_path();
  using_history();
  if (history) read_history(history);
  printf("kiln %s (JavaScript engine); .exit or Ctrl-D to leave\n", KILN_SHELL_VERSION);
  Buffer input;
  buffer_init(&input);
  for (;;) {
    char *line = readline(input.length ? "... " : "> ");
    if (line == NULL) {
      printf("\n");
      break;
    }
    if (input.length == 0 && strcmp(line, ".exit") == 0) {
      free(line);
      break;
    }
    if (line[0] != '\0') add_history(line);
    if (input.length) buffer_putc(&input, '\n');
    buffer_puts(&input, line);
    free(line);
    if (input.data == NULL || input.data[strspn(input.data, " \t\n")] == '\0') {
      buffer_free(&input);
      continue;
    }
    if (repl_eval(iso, input.data, input.length, color)) buffer_free(&input);
  }
  buffer_free(&input);
  if (history) {
    write_history(history);
    history_truncate_file(history, kHistoryLines);
    free(history);
  }
  return kShellExitOk;
}

int repl_run_stdin(Isolate *iso) {
  Buffer source;
  buffer_init(&source);
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) buffer_append(&source, chunk, n);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle result = run_source(iso, source.data ? source.data : "", source.length, "[stdin]");
  int code = kShellExitOk;
  if (handle_is_null(result) || !timers_run_loop(iso, true)) {
    run_report_exception(iso);
    code = kShellExitException;
  }
  handle_scope_close(&scope);
  buffer_free(&source);
  return code;
}
