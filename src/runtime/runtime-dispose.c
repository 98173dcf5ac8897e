/*
 * runtime-dispose.c: DisposeCapability records, AddDisposableResource and DisposeResources
 * (ES2026 "Disposable Resource Management"), and the runtime functions `using`
 * declarations reach through CallRuntime. runtime-dispose.h draws the resource list.
 */
#include "runtime/runtime-dispose.h"

#include <string.h>

#include "execution/contexts.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "runtime/runtime-functions.h"
#include "runtime/runtime.h"

enum { kDisposeFlagNeedsAwait = 1, kDisposeFlagHasAwaited = 2 };
enum { kDisposeInitialResources = 4 };

int runtime_dispose_count(Tagged capability) {
  return is_fixed_array(capability) ? (int)smi_value(fixed_array_get(capability, kDisposeCount))
                                    : 0;
}

static Handle dispose_new_list(Isolate *iso, int resources) {
  Handle list = factory_new_fixed_array(iso, kDisposeFirstResource + 3 * resources);
  if (handle_is_null(list)) return list;
  fixed_array_set(H(list), kDisposeCount, smi_from_int(0));
  fixed_array_set(H(list), kDisposeCompletion, smi_from_int(0));
  fixed_array_set(H(list), kDisposeFlags, smi_from_int(0));
  return list;
}

/* Appends (value, method, hint) to the list, growing it when full. May allocate. */
Handle runtime_dispose_add_method(Isolate *iso, Handle capability, Handle value,
                                  Handle method, int hint) {
  Handle list = capability;
  if (!is_fixed_array(H(list))) list = dispose_new_list(iso, kDisposeInitialResources);
  if (handle_is_null(list)) return list;
  int count = runtime_dispose_count(H(list));
  int64_t at = kDisposeFirstResource + 3 * (int64_t)count;
  if (at + 3 > fixed_array_length(H(list))) {
    list = factory_copy_fixed_array(iso, list, kDisposeFirstResource + 6 * (int64_t)count,
                                    ROOT(iso, undefined_value));
    if (handle_is_null(list)) return list;
  }
  fixed_array_set(H(list), at, H(value));
  fixed_array_set(H(list), at + 1, H(method));
  fixed_array_set(H(list), at + 2, smi_from_int(hint));
  fixed_array_set(H(list), kDisposeCount, smi_from_int(count + 1));
  return list;
}

/* GetDisposeMethod(V, hint): for async-dispose, @@asyncDispose, else @@dispose (then
 * *hint gains DISPOSE_HINT_SYNC_METHOD). Calls user code. */
static Handle dispose_get_method(Isolate *iso, Handle value, int *hint) {
  if (*hint & DISPOSE_HINT_ASYNC) {
    Handle m = runtime_get_method(iso, value, ROOT_HANDLE(iso, async_dispose_symbol));
    if (handle_is_null(m) || !is_undefined(iso, H(m))) return m;
    *hint |= DISPOSE_HINT_SYNC_METHOD;
  }
  return runtime_get_method(iso, value, ROOT_HANDLE(iso, dispose_symbol));
}

Handle runtime_dispose_add(Isolate *iso, Handle capability, Handle value, int hint) {
  Handle undefined = ROOT_HANDLE(iso, undefined_value);
  if (is_undefined(iso, H(value)) || is_null(iso, H(value))) {
    /* A sync resource of null/undefined is skipped; an async one is recorded so that the
     * scope still awaits. */
    if (!(hint & DISPOSE_HINT_ASYNC)) return capability;
    return runtime_dispose_add_method(iso, capability, undefined, undefined, hint);
  }
  if (!is_js_receiver(H(value))) {
    isolate_throw_error(iso, kError_TYPE_ERROR,
                        "using: the value of a using declaration must be an object");
    return HANDLE_NULL;
  }
  Handle method = dispose_get_method(iso, value, &hint);
  if (handle_is_null(method)) return method;
  if (is_undefined(iso, H(method))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "using: the value has no %s method",
                        (hint & DISPOSE_HINT_ASYNC) ? "Symbol.asyncDispose or Symbol.dispose"
                                                    : "Symbol.dispose");
    return HANDLE_NULL;
  }
  return runtime_dispose_add_method(iso, capability, value, method, hint);
}

/* ---- SuppressedError ------------------------------------------------------------------- */

static bool dispose_define_hidden(Isolate *iso, Handle obj, const char *name, Handle value) {
  Handle key = string_internalize_utf8(iso, name, strlen(name));
  return !handle_is_null(key) && js_object_define_own_property(iso, obj, key, value, DONT_ENUM);
}

Handle runtime_new_suppressed_error(Isolate *iso, Handle error, Handle suppressed) {
  Tagged map_value = runtime_realm_intrinsic(iso, NATIVE_CONTEXT_suppressed_error_map);
  if (map_value == 0) return runtime_new_error_fmt(iso, kError_ERROR, "suppressed error");
  Handle map = handle_new(iso, map_value);
  Handle obj = js_object_new_with_map(iso, map);
  if (handle_is_null(obj)) return obj;
  field_write(H(obj), map_inobject_start(H(map)), smi_from_int((int32_t)kError_ERROR));
  if (!dispose_define_hidden(iso, obj, "error", error) ||
      !dispose_define_hidden(iso, obj, "suppressed", suppressed) ||
      !runtime_install_error_stack(iso, obj)) {
    return HANDLE_NULL;
  }
  return obj;
}

/* ---- DisposeResources ------------------------------------------------------------------ */

void runtime_dispose_begin(Isolate *iso, Handle capability, bool is_throw, Handle value) {
  (void)iso;
  fixed_array_set(H(capability), kDisposeCompletion, smi_from_int(is_throw ? 1 : 0));
  fixed_array_set(H(capability), kDisposeError, H(value));
  fixed_array_set(H(capability), kDisposeFlags, smi_from_int(0));
}

/* Step 3.c.iii: a throw from a dispose method replaces the completion, wrapping a throw
 * completion in a SuppressedError. Consumes the pending exception. May allocate. */
static bool dispose_record_error(Isolate *iso, Handle capability, Handle thrown) {
  if (smi_value(fixed_array_get(H(capability), kDisposeCompletion)) != 0) {
    Handle suppressed = handle_new(iso, fixed_array_get(H(capability), kDisposeError));
    thrown = runtime_new_suppressed_error(iso, thrown, suppressed);
    if (handle_is_null(thrown)) return false;
  }
  fixed_array_set(H(capability), kDisposeCompletion, smi_from_int(1));
  fixed_array_set(H(capability), kDisposeError, H(thrown));
  return true;
}

static bool dispose_take_exception(Isolate *iso, Handle capability) {
  Handle thrown = handle_new(iso, iso->pending_exception);
  if (isolate_exception_is_uncatchable(iso)) return false;
  isolate_clear_pending_exception(iso);
  return dispose_record_error(iso, capability, thrown);
}

static int dispose_flags(Handle capability) {
  return (int)smi_value(fixed_array_get(H(capability), kDisposeFlags));
}
static void dispose_set_flags(Handle capability, int flags) {
  fixed_array_set(H(capability), kDisposeFlags, smi_from_int(flags));
}

/* Calls the top resource's method (popping it): the method's result, or empty with the
 * exception pending. */
static Handle dispose_call_top(Isolate *iso, Handle capability, int *hint) {
  int count = runtime_dispose_count(H(capability));
  int64_t at = kDisposeFirstResource + 3 * (int64_t)(count - 1);
  Handle value = handle_new(iso, fixed_array_get(H(capability), at));
  Handle method = handle_new(iso, fixed_array_get(H(capability), at + 1));
  *hint = (int)smi_value(fixed_array_get(H(capability), at + 2));
  for (int i = 0; i < 3; i++) fixed_array_set(H(capability), at + i, ROOT(iso, undefined_value));
  fixed_array_set(H(capability), kDisposeCount, smi_from_int(count - 1));
  if (is_undefined(iso, H(method))) return ROOT_HANDLE(iso, undefined_value);
  if (*hint & DISPOSE_HINT_ADOPT) {
    return execution_call(iso, method, ROOT_HANDLE(iso, undefined_value), 1, &value);
  }
  return execution_call(iso, method, value, 0, NULL);
}

/* Steps 3.a-d for one resource after another until an Await is due. */
Handle runtime_dispose_step(Isolate *iso, Handle capability) {
  while (runtime_dispose_count(H(capability)) > 0) {
    int count = runtime_dispose_count(H(capability));
    int64_t at = kDisposeFirstResource + 3 * (int64_t)(count - 1);
    int hint = (int)smi_value(fixed_array_get(H(capability), at + 2));
    int flags = dispose_flags(capability);
    bool method_undefined = is_undefined(iso, fixed_array_get(H(capability), at + 1));
    /* 3.b: a sync resource after an unawaited null/undefined async one awaits first. */
    if (!(hint & DISPOSE_HINT_ASYNC) && (flags & kDisposeFlagNeedsAwait) &&
        !(flags & kDisposeFlagHasAwaited)) {
      dispose_set_flags(capability, flags & ~kDisposeFlagNeedsAwait);
      return ROOT_HANDLE(iso, undefined_value);
    }
    if (method_undefined && (hint & DISPOSE_HINT_ASYNC)) {  /* 3.d */
      dispose_call_top(iso, capability, &hint);
      dispose_set_flags(capability, flags | kDisposeFlagNeedsAwait);
      continue;
    }
    Handle result = dispose_call_top(iso, capability, &hint);
    if (!(hint & DISPOSE_HINT_ASYNC)) {
      if (handle_is_null(result) && !dispose_take_exception(iso, capability)) return HANDLE_NULL;
      continue;
    }
    /* 3.c.ii: an async method's result is awaited (the closure GetDisposeMethod makes of
     * a sync method turns its throw into a rejection and resolves to undefined). */
    dispose_set_flags(capability, flags | kDisposeFlagHasAwaited);
    if (handle_is_null(result)) {
      if (!dispose_take_exception(iso, capability)) return HANDLE_NULL;
      return ROOT_HANDLE(iso, undefined_value);
    }
    if (hint & DISPOSE_HINT_SYNC_METHOD) return ROOT_HANDLE(iso, undefined_value);
    return result;
  }
  int flags = dispose_flags(capability);
  if ((flags & kDisposeFlagNeedsAwait) && !(flags & kDisposeFlagHasAwaited)) {  /* step 4 */
    dispose_set_flags(capability, flags | kDisposeFlagHasAwaited);
    return ROOT_HANDLE(iso, undefined_value);
  }
  return ROOT_HANDLE(iso, the_hole_value);
}

bool runtime_dispose_after_await(Isolate *iso, Handle capability, bool is_throw,
                                 Handle value) {
  if (!is_throw) return true;
  return dispose_record_error(iso, capability, value);
}

bool runtime_dispose_end(Isolate *iso, Handle capability) {
  bool is_throw = smi_value(fixed_array_get(H(capability), kDisposeCompletion)) != 0;
  Handle error = handle_new(iso, fixed_array_get(H(capability), kDisposeError));
  fixed_array_set(H(capability), kDisposeError, ROOT(iso, undefined_value));
  fixed_array_set(H(capability), kDisposeCompletion, smi_from_int(0));
  if (!is_throw) return true;
  isolate_throw(iso, H(error));
  return false;
}

bool runtime_dispose_resources_sync(Isolate *iso, Handle capability, bool is_throw,
                                    Handle value) {
  if (!is_fixed_array(H(capability))) {
    if (is_throw) isolate_throw(iso, H(value));
    return !is_throw;
  }
  runtime_dispose_begin(iso, capability, is_throw, value);
  for (;;) {
    Handle next = runtime_dispose_step(iso, capability);
    if (handle_is_null(next)) return false;
    if (is_the_hole(iso, H(next))) break;
  }
  return runtime_dispose_end(iso, capability);
}

/* ---- Runtime functions ----------------------------------------------------------------- */

RUNTIME_FUNCTION(AddDisposableResource) {
  (void)argc;
  return runtime_dispose_add(iso, (Handle){&args[0]}, (Handle){&args[1]},
                             (int)smi_value(args[2]));
}

/* The finally of a scope with `using` declarations: token -1 is a throw completion. */
RUNTIME_FUNCTION(DisposeResources) {
  (void)argc;
  bool is_throw = is_smi(args[1]) && smi_value(args[1]) == -1;
  if (!runtime_dispose_resources_sync(iso, (Handle){&args[0]}, is_throw, (Handle){&args[2]})) {
    return HANDLE_NULL;
  }
  return ROOT_HANDLE(iso, undefined_value);
}

/* The finally of a scope with `await using` declarations runs DisposeBegin, then
 * DisposeStep and an Await of its value until it gives the hole (DisposeAwaitRejected
 * when the Await throws), then DisposeEnd. */
RUNTIME_FUNCTION(DisposeBegin) {
  (void)argc;
  Handle cap = {&args[0]};
  if (!is_fixed_array(H(cap))) cap = dispose_new_list(iso, 0);
  if (handle_is_null(cap)) return cap;
  bool is_throw = is_smi(args[1]) && smi_value(args[1]) == -1;
  runtime_dispose_begin(iso, cap, is_throw, (Handle){&args[2]});
  return cap;
}

RUNTIME_FUNCTION(DisposeStep) {
  (void)argc;
  return runtime_dispose_step(iso, (Handle){&args[0]});
}

RUNTIME_FUNCTION(DisposeAwaitRejected) {
  (void)argc;
  if (!runtime_dispose_after_await(iso, (Handle){&args[0]}, true, (Handle){&args[1]})) {
    return HANDLE_NULL;
  }
  return ROOT_HANDLE(iso, undefined_value);
}

RUNTIME_FUNCTION(DisposeEnd) {
  (void)argc;
  if (!runtime_dispose_end(iso, (Handle){&args[0]})) return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}
