/*
 * runtime-execution-weak.c: weak stand-ins for execution/execution.h, so the runtime links
 * (and its unit tests run) before the interpreter's execution/execution.c exists.
 *
 * Every symbol here is weak: the interpreter's strong definitions replace them wherever
 * execution.c is linked, and this file can then be deleted. The stand-ins call what needs
 * no interpreter: C builtins (SharedFunctionInfo.builtin), bound functions and proxies.
 * Calling bytecode throws a TypeError.
 */
#include <stdlib.h>

#include "builtins/builtins.h"
#include "execution/execution.h"
#include "runtime/runtime-internal.h"

/* Copies n values into contiguous handle slots (the collector sees them). */
static Tagged *weak_slots(Isolate *iso, int n, const Handle *values) {
  if (n == 0) return handle_new(iso, 0).loc;
  for (int attempt = 0; attempt < 2; attempt++) {
    Tagged *first = handle_new(iso, H(values[0])).loc;
    bool contiguous = true;
    for (int i = 1; i < n && contiguous; i++) {
      contiguous = handle_new(iso, H(values[i])).loc == first + i;
    }
    if (contiguous) return first;
  }
  FATAL("handle slots are not contiguous");
}

static Handle weak_call_builtin(Isolate *iso, Handle fn, Handle receiver, int argc,
                                const Handle *argv, Handle new_target) {
  BuiltinFunction builtin = (BuiltinFunction)sfi_builtin(js_function_shared(H(fn)));
  if (builtin == NULL) {
    rt_throw_type_error(iso, "cannot run bytecode without the interpreter");
    return HANDLE_NULL;
  }
  HandleScope scope;
  handle_scope_open_escapable(iso, &scope);
  Handle recv = handle_new(iso, H(receiver));
  Handle target = handle_new(iso, H(fn));
  Handle nt = handle_new(iso, H(new_target));
  BuiltinArgs args = {recv.loc, target.loc, nt.loc, argc, weak_slots(iso, argc, argv)};
  Handle result = builtin(iso, &args);
  if (!handle_is_null(result)) result = handle_scope_escape(&scope, result);
  handle_scope_close(&scope);
  return result;
}

/* The bound function's arguments followed by argv, in handles. */
static Handle *weak_bound_args(Isolate *iso, Tagged bound, int argc, const Handle *argv,
                               int *total) {
  Tagged list = js_bound_function_bound_arguments(bound);
  int n = is_fixed_array(list) ? (int)fixed_array_length(list) : 0;
  *total = n + argc;
  Handle *all = malloc(sizeof(Handle) * (size_t)(*total + 1));
  if (all == NULL) FATAL("out of C memory");
  for (int i = 0; i < n; i++) all[i] = handle_new(iso, fixed_array_get(list, i));
  for (int i = 0; i < argc; i++) all[n + i] = argv[i];
  return all;
}

__attribute__((weak)) Handle execution_call(Isolate *iso, Handle callable, Handle receiver,
                                            int argc, const Handle *argv) {
  Tagged f = H(callable);
  if (!runtime_is_callable(f)) return runtime_throw_not_callable(iso, callable);
  if (is_js_proxy(f)) return runtime_proxy_call(iso, callable, receiver, argc, argv);
  if (is_js_bound_function(f)) {
    int total;
    Handle *all = weak_bound_args(iso, f, argc, argv, &total);
    Handle target = handle_new(iso, js_bound_function_target(f));
    Handle bound_this = handle_new(iso, js_bound_function_bound_this(H(callable)));
    Handle r = execution_call(iso, target, bound_this, total, all);
    free(all);
    return r;
  }
  return weak_call_builtin(iso, callable, receiver, argc, argv, rt_undefined(iso));
}

__attribute__((weak)) Handle execution_construct(Isolate *iso, Handle constructor, int argc,
                                                 const Handle *argv, Handle new_target) {
  if (!runtime_is_constructor(H(constructor))) {
    rt_throw_type_error(iso, "not a constructor");
    return HANDLE_NULL;
  }
  if (handle_is_null(new_target)) new_target = constructor;
  if (is_js_proxy(H(constructor))) {
    return runtime_proxy_construct(iso, constructor, argc, argv, new_target);
  }
  if (is_js_bound_function(H(constructor))) {
    int total;
    Handle *all = weak_bound_args(iso, H(constructor), argc, argv, &total);
    Handle target = handle_new(iso, js_bound_function_target(H(constructor)));
    if (H(new_target) == H(constructor)) new_target = target;
    Handle r = execution_construct(iso, target, total, all, new_target);
    free(all);
    return r;
  }
  return weak_call_builtin(iso, constructor, rt_undefined(iso), argc, argv, new_target);
}

__attribute__((weak)) bool execution_stack_ok(Isolate *iso) {
  char here;
  return iso->c_stack_limit == 0 || (uintptr_t)&here > iso->c_stack_limit;
}
