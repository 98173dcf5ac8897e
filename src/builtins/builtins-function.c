/*
 * builtins-function.c: Function.prototype (ES2025 20.2.3), %ThrowTypeError% (10.2.4.1) and
 * the restricted "caller"/"arguments" accessors of Function.prototype (10.2.4).
 * The Function constructor compiles through interpreter/compiler.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/string.h"
#include "runtime/runtime-functions.h"

#define FUNCTION_PROTOTYPE_BUILTINS(V)           \
  V(FunctionPrototypeApply, "apply", 2)          \
  V(FunctionPrototypeBind, "bind", 1)            \
  V(FunctionPrototypeCall, "call", 1)            \
  V(FunctionPrototypeToString, "toString", 0)

FUNCTION_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(FunctionPrototypeHasInstance, "@@hasInstance", 1)
BUILTIN_DECLARE(ThrowTypeError, "", 0)

/* ES2025 20.2.3.1 Function.prototype.apply ( thisArg, argArray ) */
BUILTIN(FunctionPrototypeApply) {
  Handle fn = builtin_receiver(args);
  if (!runtime_is_callable(H(fn))) return runtime_throw_not_callable(iso, fn);
  Handle array = BUILTIN_ARG(1);
  if (is_undefined(iso, H(array)) || is_null(iso, H(array))) {
    return builtins_call(iso, fn, BUILTIN_ARG(0), 0, NULL);
  }
  if (!is_js_receiver(H(array))) {
    return builtins_throw_type_error(iso, "CreateListFromArrayLike called on non-object");
  }
  Handle list = runtime_create_list_from_array_like(iso, array);
  BUILTIN_TRY(list);
  int n = (int)fixed_array_length(H(list));
  Handle *argv = malloc(sizeof(Handle) * (size_t)(n + 1));
  if (argv == NULL) return builtins_throw_range_error(iso, "out of memory");
  for (int i = 0; i < n; i++) argv[i] = handle_new(iso, fixed_array_get(H(list), i));
  Handle result = builtins_call(iso, fn, BUILTIN_ARG(0), n, argv);
  free(argv);
  return result;
}

/* The "length" of a bound function: 20.2.3.2 steps 4-6. Calls user code. */
static bool function_bound_length(Isolate *iso, Handle target, int argc, double *out) {
  *out = 0;
  RuntimeMaybeBool has = runtime_has_own_property(iso, target, ROOT_HANDLE(iso, length_string));
  if (has == RT_EXCEPTION) return false;
  if (has == RT_FALSE) return true;
  Handle len = runtime_get(iso, target, ROOT_HANDLE(iso, length_string), target);
  if (handle_is_null(len)) return false;
  if (!is_number(H(len))) return true;
  double d = runtime_number_value(H(len));
  if (d == INFINITY) {
    *out = INFINITY;
    return true;
  }
  if (d == -INFINITY) return true;
  double as_int;
  if (!runtime_to_integer_or_infinity(iso, len, &as_int)) return false;
  *out = as_int - argc > 0 ? as_int - argc : 0;
  return true;
}

/* ES2025 20.2.3.2 Function.prototype.bind ( thisArg, ...args ) */
BUILTIN(FunctionPrototypeBind) {
  Handle target = builtin_receiver(args);
  if (!runtime_is_callable(H(target))) {
    return builtins_throw_type_error(iso, "Bind must be called on a function");
  }
  Handle proto = runtime_get_prototype_of(iso, target);
  BUILTIN_TRY(proto);
  int argc = args->argc > 1 ? args->argc - 1 : 0;
  Handle *argv = malloc(sizeof(Handle) * (size_t)(argc + 1));
  if (argv == NULL) return builtins_throw_range_error(iso, "out of memory");
  for (int i = 0; i < argc; i++) argv[i] = BUILTIN_ARG(i + 1);
  Handle fn = js_bound_function_new(iso, target, proto, BUILTIN_ARG(0), argc, argv);
  free(argv);
  BUILTIN_TRY(fn);
  double length;
  BUILTIN_CHECK(function_bound_length(iso, target, argc, &length));
  BUILTIN_CHECK(js_function_set_length(iso, fn, length));
  Handle name = runtime_get(iso, target, ROOT_HANDLE(iso, name_string), target);
  BUILTIN_TRY(name);
  if (!is_string(H(name))) name = ROOT_HANDLE(iso, empty_string);
  BUILTIN_CHECK(js_function_set_name(iso, fn, name, "bound"));
  return fn;
}

/* ES2025 20.2.3.3 Function.prototype.call ( thisArg, ...args ) */
BUILTIN(FunctionPrototypeCall) {
  Handle fn = builtin_receiver(args);
  if (!runtime_is_callable(H(fn))) return runtime_throw_not_callable(iso, fn);
  int argc = args->argc > 1 ? args->argc - 1 : 0;
  Handle *argv = malloc(sizeof(Handle) * (size_t)(argc + 1));
  if (argv == NULL) return builtins_throw_range_error(iso, "out of memory");
  for (int i = 0; i < argc; i++) argv[i] = BUILTIN_ARG(i + 1);
  Handle result = builtins_call(iso, fn, BUILTIN_ARG(0), argc, argv);
  free(argv);
  return result;
}

/* "function name() { [native code] }" (ES2025 20.2.3.5 step 3's NativeFunction form). */
/* Whether a builtin's name can follow "function " as is (NativeFunction's PropertyName):
 * empty, an IdentifierName (non-ASCII taken on trust) or a computed "[Symbol.x]". */
static bool function_name_is_property_name(const char *name) {
  if (name[0] == '\0' || name[0] == '[') return true;
  for (const char *c = name; *c != '\0'; c++) {
    unsigned char u = (unsigned char)*c;
    bool ok = u >= 0x80 || u == '$' || u == '_' || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
              (c != name && u >= '0' && u <= '9');
    if (!ok) return false;
  }
  return true;
}

static Handle function_native_source(Isolate *iso, Tagged name) {
  size_t len = 0;
  char *text = is_string(name) ? string_to_utf8(iso, name, &len) : NULL;
  size_t size = len + 40;
  char *buf = malloc(size);
  if (buf == NULL) {
    free(text);
    return builtins_throw_range_error(iso, "out of memory");
  }
  const char *name_text = text ? text : "";
  size_t prefix = strncmp(name_text, "get ", 4) == 0 || strncmp(name_text, "set ", 4) == 0 ? 4 : 0;
  int n;
  if (function_name_is_property_name(name_text + prefix)) {
    n = snprintf(buf, size, "function %s() { [native code] }", name_text);
  } else { /* "$&" and the like: a computed name, ["$&"] (they hold no quotes or escapes) */
    n = snprintf(buf, size, "function %.*s[\"%s\"]() { [native code] }", (int)prefix, name_text,
                 name_text + prefix);
  }
  free(text);
  Handle result = string_new_utf8(iso, buf, (size_t)n);
  free(buf);
  return result;
}

/* The source text of a compiled function: its script's source between the SFI's start and
 * end (byte offsets into the UTF-8 form of the source). */
static Handle function_source_text(Isolate *iso, Tagged sfi) {
  Tagged script = sfi_script(sfi);
  int64_t start = sfi_start_position(sfi), end = sfi_end_position(sfi);
  if (!is_script(script) || !is_string(script_source(script)) || start < 0 || end < start) {
    return function_native_source(iso, sfi_name(sfi));
  }
  size_t len;
  char *utf8 = string_to_utf8(iso, script_source(script), &len);
  if (utf8 == NULL) return builtins_throw_range_error(iso, "out of memory");
  if ((size_t)end > len) end = (int64_t)len;
  if (start > end) start = end;
  Handle result = string_new_utf8(iso, utf8 + start, (size_t)(end - start));
  free(utf8);
  return result;
}

/* ES2025 20.2.3.5 Function.prototype.toString ( ) */
BUILTIN(FunctionPrototypeToString) {
  Tagged fn = *args->receiver;
  if (is_js_function(fn)) {
    Tagged sfi = js_function_shared(fn);
    if (sfi_builtin(sfi) != NULL) return function_native_source(iso, sfi_name(sfi));
    return function_source_text(iso, sfi);
  }
  if (runtime_is_callable(fn)) return function_native_source(iso, ROOT(iso, empty_string));
  return builtins_throw_type_error(iso, "Function.prototype.toString requires a function");
}

/* ES2025 20.2.3.6 Function.prototype [ @@hasInstance ] ( V ) */
BUILTIN(FunctionPrototypeHasInstance) {
  RuntimeMaybeBool r = runtime_ordinary_has_instance(iso, builtin_receiver(args), BUILTIN_ARG(0));
  if (r == RT_EXCEPTION) return HANDLE_NULL;
  return builtins_boolean(iso, r == RT_TRUE);
}

/* ES2025 10.2.4.1 %ThrowTypeError% ( ) */
BUILTIN(ThrowTypeError) {
  KILN_UNUSED(args);
  return builtins_throw_type_error(
      iso, "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode "
           "functions or the arguments objects for calls to them");
}

/* %ThrowTypeError%: a frozen function whose "length" and "name" are non-configurable. */
static Handle function_make_throw_type_error(Isolate *iso, Handle nc) {
  Handle fn = js_function_new_builtin_named(iso, nc, "", 0, Builtin_ThrowTypeError, false);
  if (handle_is_null(fn)) return fn;
  int attrs = READ_ONLY | DONT_ENUM | DONT_DELETE;
  if (!js_object_define_own_property(iso, fn, ROOT_HANDLE(iso, length_string),
                                     handle_new(iso, smi_from_int(0)), attrs) ||
      !js_object_define_own_property(iso, fn, ROOT_HANDLE(iso, name_string),
                                     ROOT_HANDLE(iso, empty_string), attrs) ||
      !js_object_prevent_extensions(iso, fn)) {
    return HANDLE_NULL;
  }
  context_set(H(nc), NATIVE_CONTEXT_throw_type_error, H(fn));
  return fn;
}

/* The restricted "caller" and "arguments" of Function.prototype (10.2.4 AddRestricted-
 * FunctionProperties): accessors whose getter and setter are %ThrowTypeError%. */
static bool function_add_restricted_properties(Isolate *iso, Handle proto, Handle thrower) {
  const char *names[] = {"caller", "arguments"};
  for (int i = 0; i < 2; i++) {
    Handle pair = factory_new_accessor_pair(iso, thrower, thrower);
    Handle key = handle_is_null(pair) ? pair : builtins_string(iso, names[i]);
    if (handle_is_null(key) || !js_object_define_accessor(iso, proto, key, pair, DONT_ENUM)) {
      return false;
    }
  }
  return true;
}

static const BuiltinSpec kFunctionPrototypeBuiltins[] = {
    FUNCTION_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

bool builtins_install_function(Isolate *iso, Handle nc) {
  Handle proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_prototype);
  if (!builtins_install_methods(iso, nc, proto, kFunctionPrototypeBuiltins,
                                KILN_ARRAY_SIZE(kFunctionPrototypeBuiltins))) {
    return false;
  }
  Handle key = builtins_key(iso, "@@hasInstance");
  Handle has_instance = handle_is_null(key) ? key
                                            : builtins_new_function(iso, nc, key, 1,
                                                                    Builtin_FunctionPrototypeHasInstance);
  if (handle_is_null(has_instance) ||
      !js_object_define_own_property(iso, proto, key, has_instance,
                                     READ_ONLY | DONT_ENUM | DONT_DELETE)) {
    return false;
  }
  Handle thrower = function_make_throw_type_error(iso, nc);
  return !handle_is_null(thrower) && function_add_restricted_properties(iso, proto, thrower) &&
         builtins_install_function_constructor(iso, nc);
}

/* ---- the Function constructor ----------------------------------------------------------- */

/* ES2025 20.2.1.1.1 CreateDynamicFunction ( constructor, newTarget, kind, parameterArgs,
 * bodyArg ): the parameter and body strings (steps 1-15), the compilation
 * (compiler_compile_dynamic_function: a SyntaxError for bad source), the closure in the
 * constructor's realm, then the prototype from newTarget. kind: 0 normal, 1 generator,
 * 2 async, 3 async generator. */
Handle builtins_create_dynamic_function(Isolate *iso, BuiltinArgs *args, int kind) {
  int argc = args->argc;
  Handle params = ROOT_HANDLE(iso, empty_string);
  Handle comma = builtins_string(iso, ",");
  BUILTIN_TRY(comma);
  for (int i = 0; i < argc - 1; i++) {
    Handle p = runtime_to_string(iso, BUILTIN_ARG(i));
    BUILTIN_TRY(p);
    if (i > 0) params = string_concat(iso, params, comma);
    BUILTIN_TRY(params);
    params = string_concat(iso, params, p);
    BUILTIN_TRY(params);
  }
  Handle body = argc > 0 ? runtime_to_string(iso, BUILTIN_ARG(argc - 1))
                         : ROOT_HANDLE(iso, empty_string);
  BUILTIN_TRY(body);
  Handle sfi = compiler_compile_dynamic_function(iso, params, body, kind);
  BUILTIN_TRY(sfi);
  Handle realm = builtins_realm(iso, args);
  Handle fn = js_function_new_closure(iso, sfi, realm);
  BUILTIN_TRY(fn);
  Handle new_target = builtin_new_target(args);
  if (is_undefined(iso, H(new_target))) new_target = builtin_target(args);
  static const int kFallbacks[] = {
      NATIVE_CONTEXT_function_prototype, NATIVE_CONTEXT_generator_function_prototype,
      NATIVE_CONTEXT_async_function_prototype, NATIVE_CONTEXT_async_generator_function_prototype};
  int fallback = kFallbacks[kind >= 0 && kind < 4 ? kind : 0];
  Handle proto = runtime_get_prototype_from_constructor(iso, new_target, fallback);
  BUILTIN_TRY(proto);
  if (js_object_get_prototype(H(fn)) != H(proto)) {
    BUILTIN_CHECK(js_object_set_prototype(iso, fn, proto));
  }
  return fn;
}

/* ES2025 20.2.1.1 Function ( ...parameterArgs, bodyArg ) */
static Handle Builtin_FunctionConstructor(Isolate *iso, BuiltinArgs *args) {
  return builtins_create_dynamic_function(iso, args, 0);
}

bool builtins_install_function_constructor(Isolate *iso, Handle nc) {
  Handle proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_prototype);
  Handle ctor = builtins_install_constructor(iso, nc, "Function", 1, Builtin_FunctionConstructor,
                                             proto, NATIVE_CONTEXT_function_function, -1);
  return !handle_is_null(ctor);
}

/* Runtime_NewFunction (runtime/runtime-functions.h): (params string, body string, kind Smi)
 * -> a closure of CreateDynamicFunction's compiled source in the current realm. */
Handle runtime_fn_NewFunction(Isolate *iso, int argc, Tagged *args) {
  if (argc < 3) FATAL("NewFunction needs 3 arguments");
  Handle params = (Handle){&args[0]}, body = (Handle){&args[1]};
  Handle sfi = compiler_compile_dynamic_function(iso, params, body, smi_value(args[2]));
  if (handle_is_null(sfi)) return sfi;
  return js_function_new_closure(iso, sfi, handle_new(iso, iso->native_context));
}
