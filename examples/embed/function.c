/* function.c: a C function callable from JavaScript (a function template). */
#include <stdio.h>

#include "kiln.h"

/* print(...args): writes its arguments separated by spaces; returns how many it wrote. */
static void print(kiln_callback_info *info) {
  kiln_context ctx = kiln_callback_context(info);
  int n = kiln_callback_argc(info);
  const char *prefix = kiln_callback_data(info);
  fputs(prefix, stdout);
  for (int i = 0; i < n; i++) {
    char *s = kiln_to_utf8(ctx, kiln_callback_arg(info, i), NULL);
    if (s == NULL) return; /* ToString threw: the exception goes back to the script */
    printf("%s%s", i ? " " : "", s);
    kiln_free(kiln_callback_isolate(info), s);
  }
  putchar('\n');
  kiln_callback_return(info, kiln_int32_new(kiln_callback_isolate(info), n));
}

int main(void) {
  kiln_isolate *iso = kiln_isolate_new(NULL);
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);

  kiln_template print_template = kiln_function_template_new(iso, print, "[js] ");
  kiln_object_set_named(ctx, kiln_context_global(ctx), "print",
                        kiln_template_get_function(ctx, print_template));

  kiln_value count = kiln_eval(ctx,
                               "print('squares:', [1, 2, 3].map(x => x * x));"
                               "print('a', 'b', 'c')",
                               -1, "function.js");
  printf("the last call printed %d values\n", kiln_int32_value(count));

  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
  return 0;
}
