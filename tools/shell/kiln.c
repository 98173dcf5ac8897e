/*
 * kiln.c: the d8-like shell. Today it parses the engine flags and reports what it can run;
 * running JavaScript arrives with the front end (scanner, parser, bytecode interpreter).
 */
#include <stdio.h>
#include <string.h>

#include "base/flags.h"
#include "execution/isolate.h"

#define KILN_SHELL_VERSION "0.1.0"

static void shell_usage(FILE *f) {
  fprintf(f,
          "Usage: kiln [flags] FILE...   run the files in one realm\n"
          "       kiln [flags] -e CODE   run CODE\n"
          "       kiln [flags]           start a REPL\n\n"
          "Shell flags:\n"
          "  --help                  this text\n"
          "  --version               print the version\n\n"
          "Engine flags:\n");
  flags_print_help(f);
}

int main(int argc, char **argv) {
  Flags flags;
  flags_init_defaults(&flags);
  int scripts = 0;
  for (int i = 1; i < argc; i++) {
    char err[256];
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { shell_usage(stdout); return 0; }
    if (!strcmp(argv[i], "--version")) { printf("kiln " KILN_SHELL_VERSION "\n"); return 0; }
    if (!strcmp(argv[i], "-e")) { scripts++; i++; continue; }
    if (argv[i][0] != '-') { scripts++; continue; }
    if (!flags_parse_one(&flags, argv[i], err, sizeof err)) {
      fprintf(stderr, "kiln: %s (see kiln --help)\n", err);
      return 2;
    }
  }
  Isolate *iso = isolate_new(&flags);
  if (iso == NULL) {
    fprintf(stderr, "kiln: could not create an isolate (out of memory)\n");
    return 1;
  }
  isolate_free(iso);
  if (scripts > 0) {
    fprintf(stderr, "kiln: this build has the engine core only; running JavaScript needs the "
                    "front end, which has not landed yet\n");
    return 2;
  }
  printf("kiln " KILN_SHELL_VERSION ": engine core only (no parser yet); try --help\n");
  return 0;
}
