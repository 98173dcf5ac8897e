/* hello.c: the smallest embedding: an isolate, a context, a script, its result. */
#include <stdio.h>

#include "kiln.h"

int main(void) {
  kiln_isolate *iso = kiln_isolate_new(NULL);
  if (iso == NULL) return 1;
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);

  kiln_context ctx = kiln_context_new(iso);
  kiln_value result = kiln_eval(ctx, "'Hello, ' + ['K', 'i', 'l', 'n'].join('') + '!'", -1, "hello.js");
  char *text = kiln_to_utf8(ctx, result, NULL);
  printf("%s\n", text);
  kiln_free(iso, text);

  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
  return 0;
}
