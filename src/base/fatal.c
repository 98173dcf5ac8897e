/* fatal.c: the one way Kiln stops on a broken internal invariant. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/globals.h"

_Noreturn void kiln_fatal(const char *file, int line, const char *fmt, ...) {
  fflush(stdout);
  fprintf(stderr, "\n#\n# Kiln fatal error in %s:%d\n# ", file, line);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n#\n");
  abort();
}
