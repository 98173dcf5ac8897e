/*
 * runtime-literals.c: runtime functions of array literals with spread, iterator results
 * and property keys.
 */
#include "interpreter/interpreter-internal.h"
#include "runtime/runtime-functions.h"

RUNTIME_FUNCTION(ArrayPushSpread) {
  Handle array = {&args[0]};
  Handle list = runtime_iterable_to_list(iso, (Handle){&args[1]});
  if (handle_is_null(list)) return list;
  int64_t n = fixed_array_length(H(list));
  for (int64_t i = 0; i < n; i++) {
    Handle v = handle_new(iso, fixed_array_get(H(list), i));
    if (!js_array_push(iso, array, v)) return HANDLE_NULL;
  }
  return array;
}

/* IteratorClose for a throw completion: the original exception wins, so anything thrown by
 * getting or calling return() is dropped. */
RUNTIME_FUNCTION(IteratorCloseQuiet) {
  Handle iterator = {&args[0]};
  Handle method = runtime_get_method(iso, iterator, ROOT_HANDLE(iso, return_string));
  if (!handle_is_null(method) && !is_undefined(iso, H(method))) {
    interpreter_call(iso, method.loc, iterator.loc, 0, NULL);
  }
  if (isolate_has_pending_exception(iso) &&
      !isolate_exception_is_uncatchable(iso)) {
    isolate_clear_pending_exception(iso);
  }
  /* An uncatchable one (termination, out of memory) stays pending and propagates. */
  return isolate_has_pending_exception(iso) ? HANDLE_NULL : ROOT_HANDLE(iso, undefined_value);
}

RUNTIME_FUNCTION(ToPropertyKey) { return runtime_to_property_key(iso, (Handle){&args[0]}); }

RUNTIME_FUNCTION(CreateIterResultObject) {
  return runtime_create_iter_result(iso, (Handle){&args[0]}, runtime_to_boolean(iso, args[1]));
}
