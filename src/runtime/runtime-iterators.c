/*
 * runtime-iterators.c: Operations on Iterator Objects (ES2025 7.4) for the sync protocol:
 * GetIterator, IteratorStepValue, IteratorClose, CreateIterResultObject, IterableToList.
 */
#include "execution/execution.h"
#include "heap/factory.h"
#include "runtime/runtime-internal.h"

bool runtime_get_iterator(Isolate *iso, Handle obj, IteratorRecord *out) {
  Handle method = runtime_get_method(iso, obj, ROOT_HANDLE(iso, iterator_symbol));
  if (handle_is_null(method)) return false;
  if (is_undefined(iso, H(method))) {
    char buf[256];
    rt_throw_type_error(iso, "%s is not iterable", rt_describe(iso, H(obj), buf, sizeof buf));
    return false;
  }
  Handle iterator = execution_call(iso, method, obj, 0, NULL);
  if (handle_is_null(iterator)) return false;
  if (!is_js_receiver(H(iterator))) {
    rt_throw_type_error(iso, "Result of the Symbol.iterator method is not an object");
    return false;
  }
  Handle next = runtime_get(iso, iterator, ROOT_HANDLE(iso, next_string), iterator);
  if (handle_is_null(next)) return false;
  *out = (IteratorRecord){iterator, next, false};
  return true;
}

Handle runtime_iterator_step_value(Isolate *iso, IteratorRecord *rec, bool *done) {
  *done = false;
  Handle result = execution_call(iso, rec->next, rec->iterator, 0, NULL);
  if (!handle_is_null(result) && !is_js_receiver(H(result))) {
    char buf[256];
    rt_throw_type_error(iso, "Iterator result %s is not an object",
                        rt_describe(iso, H(result), buf, sizeof buf));
    result = HANDLE_NULL;
  }
  if (handle_is_null(result)) {
    rec->done = true;
    return result;
  }
  Handle d = runtime_get(iso, result, ROOT_HANDLE(iso, done_string), result);
  if (handle_is_null(d)) {
    rec->done = true;
    return d;
  }
  if (runtime_to_boolean(iso, H(d))) {
    rec->done = *done = true;
    return rt_undefined(iso);
  }
  Handle value = runtime_get(iso, result, ROOT_HANDLE(iso, value_string), result);
  if (handle_is_null(value)) rec->done = true;
  return value;
}

/* Calls iterator.return() if there is one: true when it ran normally and returned an
 * object (or was absent). */
static bool iterators_call_return(Isolate *iso, Handle iterator) {
  Handle method = runtime_get_method(iso, iterator, ROOT_HANDLE(iso, return_string));
  if (handle_is_null(method)) return false;
  if (is_undefined(iso, H(method))) return true;
  Handle inner = execution_call(iso, method, iterator, 0, NULL);
  if (handle_is_null(inner)) return false;
  if (!is_js_receiver(H(inner))) {
    rt_throw_type_error(iso, "Iterator result %s is not an object", "of return()");
    return false;
  }
  return true;
}

bool runtime_iterator_close(Isolate *iso, IteratorRecord *rec, bool completion_is_throw) {
  if (!completion_is_throw) return iterators_call_return(iso, rec->iterator);
  if (isolate_exception_is_uncatchable(iso)) return false;  /* no JS runs on termination */
  /* The original throw wins over anything return() does (7.4.11 step 5). */
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle saved = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  iterators_call_return(iso, rec->iterator);
  isolate_throw(iso, H(saved));
  handle_scope_close(&scope);
  return false;
}

Handle runtime_create_iter_result(Isolate *iso, Handle value, bool done) {
  Tagged map = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_iterator_result_map);
  Handle obj = map != 0 && is_map(map) ? js_object_new_with_map(iso, handle_new(iso, map))
                                       : runtime_new_object(iso);
  if (handle_is_null(obj)) return obj;
  if (!js_object_set_property(iso, obj, ROOT_HANDLE(iso, value_string), value) ||
      !js_object_set_property(iso, obj, ROOT_HANDLE(iso, done_string), rt_boolean(iso, done))) {
    return HANDLE_NULL;
  }
  return obj;
}

Handle runtime_iterable_to_list(Isolate *iso, Handle iterable) {
  IteratorRecord rec;
  if (!runtime_get_iterator(iso, iterable, &rec)) return HANDLE_NULL;
  Handle list = factory_new_fixed_array(iso, 8);
  if (handle_is_null(list)) return list;
  int64_t count = 0;
  for (bool done = false; !done;) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = runtime_iterator_step_value(iso, &rec, &done);
    bool ok = !handle_is_null(value);
    if (ok && !done && count == fixed_array_length(H(list))) {
      Handle grown = factory_copy_fixed_array(iso, list, count * 2, ROOT(iso, undefined_value));
      ok = !handle_is_null(grown);
      if (ok) *list.loc = H(grown);
    }
    if (ok && !done) fixed_array_set(H(list), count++, H(value));
    handle_scope_close(&scope);
    if (!ok) return HANDLE_NULL;
  }
  return factory_copy_fixed_array(iso, list, count, ROOT(iso, undefined_value));
}
