/* errors.c: the three places an exception can go: a kiln_try_catch, a C callback's
 * caller (JS catches what C threw), and the isolate's message callback. */
#include <stdio.h>

#include "kiln.h"

static void on_message(kiln_isolate *iso, kiln_value exception, const char *message, void *data) {
  printf("message callback: %s\n", message);
}

static void check_positive(kiln_callback_info *info) {
  kiln_isolate *iso = kiln_callback_isolate(info);
  double d = kiln_to_number(kiln_callback_context(info), kiln_callback_arg(info, 0));
  if (!(d > 0)) {
    kiln_throw(iso, kiln_error_new(iso, KILN_RANGE_ERROR, "expected a positive number"));
    return;
  }
  kiln_callback_return(info, kiln_boolean_new(iso, true));
}

int main(void) {
  kiln_isolate *iso = kiln_isolate_new(NULL);
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_set_message_callback(iso, on_message, NULL);

  /* 1. caught in C */
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  if (kiln_eval(ctx, "JSON.parse('{bad json')", -1, "parse.js") == NULL &&
      kiln_try_catch_has_caught(&tc)) {
    char *s = kiln_to_utf8(ctx, kiln_try_catch_exception(&tc), NULL);
    printf("try_catch: %s\n", s);
    kiln_free(iso, s);
  }
  kiln_try_catch_close(&tc);

  /* 2. thrown by C, caught by JS */
  kiln_object_set_named(ctx, kiln_context_global(ctx), "checkPositive",
                        kiln_template_get_function(ctx, kiln_function_template_new(iso, check_positive, NULL)));
  kiln_value r = kiln_eval(ctx, "try { checkPositive(-1) } catch (e) { `JS caught ${e.name}: ${e.message}` }",
                           -1, "check.js");
  char *s = kiln_to_utf8(ctx, r, NULL);
  printf("%s\n", s);
  kiln_free(iso, s);

  /* 3. uncaught: reported to the message callback; the call returns NULL */
  if (kiln_eval(ctx, "checkPositive(0)", -1, "uncaught.js") == NULL) printf("kiln_eval returned NULL\n");

  /* the isolate is fine afterwards */
  r = kiln_eval(ctx, "checkPositive(2)", -1, NULL);
  printf("afterwards: %s\n", kiln_boolean_value(r) ? "true" : "false");

  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
  return 0;
}
