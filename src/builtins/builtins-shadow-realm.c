/*
 * builtins-shadow-realm.c: ShadowRealm (the TC39 proposal, stage 2.7; test262's
 * built-ins/ShadowRealm).
 *
 * A ShadowRealm instance is an ordinary object with one hidden slot, [[ShadowRealm]]: the
 * native context of a fresh realm (bootstrapper_create_realm, as $262.createRealm). Values
 * cross the boundary only through GetWrappedValue: primitives as they are, callables as
 * wrapped function exotic objects (builtin functions of the caller's realm whose hidden
 * slot is [[WrappedTargetFunction]]), any other object a TypeError. Both slots use one
 * private symbol (ROOT shadow_realm_slot_symbol): an object has at most one of them.
 *
 * evaluate(source) is PerformShadowRealmEval: the source is parsed as an indirect eval
 * (var declarations become the realm's globals, let/const stay in a fresh scope per call)
 * and run in the ShadowRealm's realm; a parse error is a SyntaxError and a throw a
 * TypeError of the caller's realm. importValue needs modules, which Kiln does not load
 * yet: it returns a promise rejected with a TypeError after the synchronous checks.
 */
#include <math.h>
#include <stdlib.h>

#include "builtins/builtins-utils.h"
#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "interpreter/compiler.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/js-promise.h"
#include "objects/string.h"
#include "runtime/runtime.h"

#define SHADOW_REALM_BUILTINS(V)                              \
  V(ShadowRealmConstructor, "ShadowRealm", 0)                 \
  V(ShadowRealmPrototypeEvaluate, "evaluate", 1)              \
  V(ShadowRealmPrototypeImportValue, "importValue", 2)        \
  V(ShadowRealmWrappedFunction, "", 0)

SHADOW_REALM_BUILTINS(BUILTIN_DECLARE)

/* ---- the hidden slot -------------------------------------------------------------------- */

static Handle shadow_realm_slot_key(Isolate *iso) {
  if (ROOT(iso, shadow_realm_slot_symbol) == 0) {
    Handle sym = symbol_new(iso, ROOT_HANDLE(iso, undefined_value), true);
    if (handle_is_null(sym)) return sym;
    ROOT(iso, shadow_realm_slot_symbol) = H(sym);
  }
  return ROOT_HANDLE(iso, shadow_realm_slot_symbol);
}

/* The object's slot value, or empty (no exception) when it has none. */
static Handle shadow_realm_slot(Isolate *iso, Handle obj) {
  if (!is_js_receiver(H(obj)) || ROOT(iso, shadow_realm_slot_symbol) == 0) return HANDLE_NULL;
  LookupResult lookup;
  if (!property_lookup_own(iso, obj, ROOT_HANDLE(iso, shadow_realm_slot_symbol), &lookup)) {
    return HANDLE_NULL;
  }
  return lookup_result_value(iso, &lookup);
}

static bool shadow_realm_set_slot(Isolate *iso, Handle obj, Handle value) {
  Handle key = shadow_realm_slot_key(iso);
  if (handle_is_null(key)) return false;
  if (js_object_add_hidden_property(iso, obj, key, value)) return true;
  if (!isolate_has_pending_exception(iso)) isolate_throw_out_of_memory(iso);
  return false;
}

/* ValidateShadowRealmObject: the [[ShadowRealm]] native context of this, or a TypeError. */
static Handle shadow_realm_validate(Isolate *iso, Handle o, const char *method) {
  Handle realm = shadow_realm_slot(iso, o);
  if (handle_is_null(realm) || !is_context(H(realm))) {
    return builtins_throw_type_error(iso, "ShadowRealm.prototype.%s called on an object that "
                                          "is not a ShadowRealm", method);
  }
  return realm;
}

/* ---- wrapped functions ------------------------------------------------------------------ */

static Handle shadow_realm_get_wrapped_value(Isolate *iso, Handle caller_realm, Handle value);

/* The pending exception, unless it is uncatchable, becomes a TypeError of the current
 * realm (the caller's: the running builtin's). */
static Handle shadow_realm_rethrow_as_type_error(Isolate *iso, const char *what) {
  if (isolate_exception_is_uncatchable(iso)) return HANDLE_NULL;
  isolate_clear_pending_exception(iso);
  return builtins_throw_type_error(iso, "%s", what);
}

/* CopyNameAndLength(F, Target): "length" from Target's own length (a Number, clamped to
 * [0, +inf]), "name" from its name (a String, else ""). */
static bool shadow_realm_copy_name_and_length(Isolate *iso, Handle f, Handle target) {
  double length = 0;
  RuntimeMaybeBool has = runtime_has_own_property(iso, target, ROOT_HANDLE(iso, length_string));
  if (has == RT_EXCEPTION) return false;
  if (has == RT_TRUE) {
    Handle target_len = runtime_get_property(iso, target, ROOT_HANDLE(iso, length_string));
    if (handle_is_null(target_len)) return false;
    if (is_number(H(target_len))) {
      double d = runtime_number_value(H(target_len));
      if (d == INFINITY) length = INFINITY;
      else if (d == -INFINITY || d != d) length = 0;
      else length = d < 0 ? 0 : (double)(int64_t)d;
      if (length == 0) length = 0;  /* never -0 */
    }
  }
  Handle len = builtins_number(iso, length);
  if (handle_is_null(len) ||
      !js_object_define_own_property(iso, f, ROOT_HANDLE(iso, length_string), len,
                                     READ_ONLY | DONT_ENUM)) {
    return false;
  }
  Handle name = runtime_get_property(iso, target, ROOT_HANDLE(iso, name_string));
  if (handle_is_null(name)) return false;
  if (!is_string(H(name))) name = ROOT_HANDLE(iso, empty_string);
  return js_object_define_own_property(iso, f, ROOT_HANDLE(iso, name_string), name,
                                       READ_ONLY | DONT_ENUM);
}

/* WrappedFunctionCreate(callerRealm, Target). */
static Handle shadow_realm_wrap(Isolate *iso, Handle caller_realm, Handle target) {
  Handle f = builtins_new_function(iso, caller_realm, ROOT_HANDLE(iso, empty_string), 0,
                                   Builtin_ShadowRealmWrappedFunction);
  if (handle_is_null(f) || !shadow_realm_set_slot(iso, f, target)) return HANDLE_NULL;
  Tagged saved = iso->native_context;
  iso->native_context = H(caller_realm);
  bool ok = shadow_realm_copy_name_and_length(iso, f, target);
  iso->native_context = saved;
  if (!ok) return shadow_realm_rethrow_as_type_error(iso, "ShadowRealm: cannot copy the "
                                                          "name and length of a wrapped function");
  return f;
}

/* GetWrappedValue(callerRealm, value). */
static Handle shadow_realm_get_wrapped_value(Isolate *iso, Handle caller_realm, Handle value) {
  if (!is_js_receiver(H(value))) return value;
  if (!runtime_is_callable(H(value))) {
    return builtins_throw_type_error(iso, "ShadowRealm: only primitives and callables can "
                                          "cross the realm boundary");
  }
  return shadow_realm_wrap(iso, caller_realm, value);
}

/* [[Call]] of a wrapped function exotic object (ordinary wrapped function call). */
BUILTIN(ShadowRealmWrappedFunction) {
  if (builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "a wrapped function is not a constructor");
  }
  Handle self = handle_new(iso, *args->target);
  Handle target = shadow_realm_slot(iso, self);
  if (handle_is_null(target)) return builtins_throw_type_error(iso, "not a wrapped function");
  Handle caller_realm = builtins_realm(iso, args);
  Tagged target_realm_tagged = runtime_get_function_realm(iso, target);
  if (target_realm_tagged == 0) return HANDLE_NULL;
  Handle target_realm = handle_new(iso, target_realm_tagged);
  int argc = args->argc;
  Handle *argv = argc ? calloc((size_t)argc, sizeof(Handle)) : NULL;
  if (argc && argv == NULL) return builtins_throw_range_error(iso, "out of memory");
  Handle result = HANDLE_NULL;
  for (int i = 0; i < argc; i++) {
    argv[i] = shadow_realm_get_wrapped_value(iso, target_realm, builtin_arg(iso, args, i));
    if (handle_is_null(argv[i])) goto done;
  }
  Handle this_value = shadow_realm_get_wrapped_value(iso, target_realm, handle_new(iso, *args->receiver));
  if (handle_is_null(this_value)) goto done;
  result = execution_call(iso, target, this_value, argc, argv);
  if (handle_is_null(result)) {
    result = shadow_realm_rethrow_as_type_error(iso, "ShadowRealm: the wrapped function threw");
    goto done;
  }
  result = shadow_realm_get_wrapped_value(iso, caller_realm, result);
done:
  free(argv);
  return result;
}

/* ---- the constructor and prototype -------------------------------------------------------- */

/* ShadowRealm ( ) */
BUILTIN(ShadowRealmConstructor) {
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Constructor ShadowRealm requires 'new'");
  }
  Handle base = builtins_intrinsic(iso, builtins_realm(iso, args), NATIVE_CONTEXT_shadow_realm_map);
  Handle o = builtins_create_from_constructor(iso, builtin_new_target(args),
                                              NATIVE_CONTEXT_shadow_realm_prototype, base);
  BUILTIN_TRY(o);
  Tagged saved = iso->native_context;
  Handle realm = bootstrapper_create_realm(iso);
  iso->native_context = saved;
  BUILTIN_TRY(realm);
  BUILTIN_CHECK(shadow_realm_set_slot(iso, o, realm));
  return o;
}

/* ShadowRealm.prototype.evaluate ( sourceText ): PerformShadowRealmEval. */
BUILTIN(ShadowRealmPrototypeEvaluate) {
  Handle eval_realm = shadow_realm_validate(iso, handle_new(iso, *args->receiver), "evaluate");
  BUILTIN_TRY(eval_realm);
  Handle source = BUILTIN_ARG(0);
  if (!is_string(H(source))) {
    return builtins_throw_type_error(iso, "ShadowRealm.prototype.evaluate: the source must "
                                          "be a string");
  }
  Handle caller_realm = builtins_realm(iso, args);
  /* Parsed in the caller's realm, so a SyntaxError is the caller's. */
  Handle sfi = compiler_compile_indirect_eval(iso, source);
  BUILTIN_TRY(sfi);
  Handle fn = js_function_new_closure(iso, sfi, eval_realm);
  BUILTIN_TRY(fn);
  Handle this_value = builtins_intrinsic(iso, eval_realm, NATIVE_CONTEXT_global_this);
  Tagged saved = iso->native_context;
  iso->native_context = H(eval_realm);
  Handle result = execution_call(iso, fn, this_value, 0, NULL);
  iso->native_context = saved;
  if (handle_is_null(result)) {
    return shadow_realm_rethrow_as_type_error(iso, "ShadowRealm.prototype.evaluate: the "
                                                   "evaluated code threw");
  }
  return shadow_realm_get_wrapped_value(iso, caller_realm, result);
}

/* ShadowRealm.prototype.importValue ( specifier, exportName ) */
BUILTIN(ShadowRealmPrototypeImportValue) {
  Handle realm = shadow_realm_validate(iso, handle_new(iso, *args->receiver), "importValue");
  BUILTIN_TRY(realm);
  Handle specifier = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(specifier);
  if (!is_string(H(BUILTIN_ARG(1)))) {
    return builtins_throw_type_error(iso, "ShadowRealm.prototype.importValue: the export "
                                          "name must be a string");
  }
  /* ShadowRealmImportValue: the import itself would run in the realm; without module
   * loading the promise is rejected with a TypeError of the caller's realm. */
  Handle caller_realm = builtins_realm(iso, args);
  Handle promise = js_promise_new(iso, caller_realm);
  BUILTIN_TRY(promise);
  builtins_throw_type_error(iso, "ShadowRealm.prototype.importValue: modules are not "
                                 "supported yet");
  if (isolate_exception_is_uncatchable(iso)) return HANDLE_NULL;
  Handle error = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  BUILTIN_CHECK(js_promise_reject(iso, promise, error));
  return promise;
}

/* ---- installation ---------------------------------------------------------------------- */

bool builtins_install_shadow_realm(Isolate *iso, Handle native_context) {
  Handle object_proto = builtins_intrinsic(iso, native_context, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, native_context, object_proto);
  if (handle_is_null(proto)) return false;
  Handle map = builtins_new_internal_map(iso, JS_OBJECT_TYPE, proto);
  if (handle_is_null(map)) return false;
  context_set(H(native_context), NATIVE_CONTEXT_shadow_realm_prototype, H(proto));
  context_set(H(native_context), NATIVE_CONTEXT_shadow_realm_map, H(map));
  Handle ctor = builtins_install_constructor(iso, native_context, "ShadowRealm", 0,
                                             Builtin_ShadowRealmConstructor, proto, -1, -1);
  return !handle_is_null(ctor) &&
         !handle_is_null(builtins_install_method(iso, native_context, proto, "evaluate",
                                                 Builtin_ShadowRealmPrototypeEvaluate, 1)) &&
         !handle_is_null(builtins_install_method(iso, native_context, proto, "importValue",
                                                 Builtin_ShadowRealmPrototypeImportValue, 2)) &&
         builtins_install_to_string_tag(iso, proto, "ShadowRealm");
}
