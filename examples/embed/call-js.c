/* call-js.c: calling JavaScript from C: look a function up on the global object, call it
 * with C-made arguments, read an object it returns; keep a function in a persistent handle
 * across scopes. */
#include <stdio.h>

#include "kiln.h"

int main(void) {
  kiln_isolate *iso = kiln_isolate_new(NULL);
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);

  kiln_eval(ctx,
            "function stats(values) {"
            "  const sum = values.reduce((a, b) => a + b, 0);"
            "  return { sum, mean: sum / values.length, max: Math.max(...values) };"
            "}",
            -1, "stats.js");

  kiln_value stats = kiln_object_get_named(ctx, kiln_context_global(ctx), "stats");
  kiln_persistent *keep = kiln_persistent_new(iso, stats);

  for (int round = 1; round <= 3; round++) {
    kiln_handle_scope inner;  /* each round's handles are released at its end */
    kiln_handle_scope_open(iso, &inner);
    kiln_value values = kiln_array_new(ctx, 0);
    for (uint32_t i = 0; i < 4; i++) {
      kiln_object_set_index(ctx, values, i, kiln_number_new(iso, round * (i + 1)));
    }
    kiln_value fn = kiln_persistent_get(iso, keep);
    kiln_value result = kiln_function_call(ctx, fn, NULL, 1, &values);
    printf("round %d: sum %g mean %g max %g\n", round,
           kiln_number_value(kiln_object_get_named(ctx, result, "sum")),
           kiln_number_value(kiln_object_get_named(ctx, result, "mean")),
           kiln_number_value(kiln_object_get_named(ctx, result, "max")));
    kiln_handle_scope_close(&inner);
  }

  kiln_persistent_free(keep);
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
  return 0;
}
