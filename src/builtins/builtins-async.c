/*
 * builtins-async.c: ES2025 27.7 AsyncFunction objects, 27.4 AsyncGeneratorFunction
 * objects, 27.6 AsyncGenerator objects, 27.1.3 %AsyncIteratorPrototype% and 27.1.6
 * %AsyncFromSyncIteratorPrototype%.
 *
 * An async function runs as a resumable frame (interpreter/bytecode-generator-generators.c):
 * its object (JSAsyncFunctionObject) holds the promise the call returns, and each await
 * resumes it from a promise reaction job (objects/js-promise.h).
 */
#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/map.h"

#define INSTALL_CHECK(ok)                 \
  do {                                    \
    if (!(ok)) return false;              \
  } while (0)

/* 27.7.1.1 AsyncFunction ( ...parameterArgs, bodyArg ) */
static Handle Builtin_AsyncFunctionConstructor(Isolate *iso, BuiltinArgs *args) {
  return builtins_create_dynamic_function(iso, args, 2);
}

/* 27.4.1.1 AsyncGeneratorFunction ( ...parameterArgs, bodyArg ) */
static Handle Builtin_AsyncGeneratorFunctionConstructor(Isolate *iso, BuiltinArgs *args) {
  return builtins_create_dynamic_function(iso, args, 3);
}

/* 27.1.3.1 %AsyncIteratorPrototype% [ @@asyncIterator ] ( ) */
static Handle Builtin_AsyncIteratorPrototypeAsyncIterator(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(iso);
  return builtin_receiver(args);
}

/* %AsyncFunction%, %AsyncFunction.prototype% and the maps of async functions. */
static bool async_install_functions(Isolate *iso, Handle nc) {
  Handle function_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_prototype);
  Handle function_fn = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_function);
  Handle afp = builtins_new_object_with_proto(iso, nc, function_proto);
  INSTALL_CHECK(!handle_is_null(afp));
  INSTALL_CHECK(builtins_install_to_string_tag(iso, afp, "AsyncFunction"));
  Handle ctor = builtins_install_hidden_constructor(iso, nc, "AsyncFunction",
                                                    Builtin_AsyncFunctionConstructor, afp,
                                                    function_fn);
  INSTALL_CHECK(!handle_is_null(ctor));
  context_set(H(nc), NATIVE_CONTEXT_async_function_function, H(ctor));
  context_set(H(nc), NATIVE_CONTEXT_async_function_prototype, H(afp));
  Handle method_map = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_method_map);
  Handle map = map_copy_with_prototype(iso, method_map, afp);
  INSTALL_CHECK(!handle_is_null(map));
  context_set(H(nc), NATIVE_CONTEXT_async_function_map, H(map));
  Handle object_map = builtins_new_internal_map(iso, JS_ASYNC_FUNCTION_OBJECT_TYPE,
                                                ROOT_HANDLE(iso, null_value));
  INSTALL_CHECK(!handle_is_null(object_map));
  context_set(H(nc), NATIVE_CONTEXT_async_function_object_map, H(object_map));
  return true;
}

/* %AsyncIteratorPrototype%, %AsyncGeneratorFunction%, its prototype, %AsyncGeneratorPrototype%
 * and the maps of async generator functions and their objects. */
static bool async_install_generators(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle function_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_prototype);
  Handle function_fn = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_function);
  Handle aip = builtins_new_object_with_proto(iso, nc, object_proto);
  INSTALL_CHECK(!handle_is_null(aip));
  INSTALL_CHECK(!handle_is_null(builtins_install_method(
      iso, nc, aip, "@@asyncIterator", Builtin_AsyncIteratorPrototypeAsyncIterator, 0)));
  context_set(H(nc), NATIVE_CONTEXT_async_iterator_prototype, H(aip));
  Handle agfp = builtins_new_object_with_proto(iso, nc, function_proto);
  INSTALL_CHECK(!handle_is_null(agfp));
  Handle agp = builtins_new_object_with_proto(iso, nc, aip);
  INSTALL_CHECK(!handle_is_null(agp));
  INSTALL_CHECK(builtins_install_to_string_tag(iso, agp, "AsyncGenerator"));
  INSTALL_CHECK(builtins_define_value(iso, agp, "constructor", agfp, READ_ONLY | DONT_ENUM));
  INSTALL_CHECK(builtins_define_value(iso, agfp, "prototype", agp, READ_ONLY | DONT_ENUM));
  INSTALL_CHECK(builtins_install_to_string_tag(iso, agfp, "AsyncGeneratorFunction"));
  Handle ctor = builtins_install_hidden_constructor(iso, nc, "AsyncGeneratorFunction",
                                                    Builtin_AsyncGeneratorFunctionConstructor,
                                                    agfp, function_fn);
  INSTALL_CHECK(!handle_is_null(ctor));
  context_set(H(nc), NATIVE_CONTEXT_async_generator_function_function, H(ctor));
  context_set(H(nc), NATIVE_CONTEXT_async_generator_function_prototype, H(agfp));
  context_set(H(nc), NATIVE_CONTEXT_async_generator_prototype, H(agp));
  Handle gen_fn_map = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_generator_function_map);
  Handle map = map_copy_with_prototype(iso, gen_fn_map, agfp);
  INSTALL_CHECK(!handle_is_null(map));
  context_set(H(nc), NATIVE_CONTEXT_async_generator_function_map, H(map));
  Handle object_map = builtins_new_internal_map(iso, JS_ASYNC_GENERATOR_OBJECT_TYPE, agp);
  INSTALL_CHECK(!handle_is_null(object_map));
  context_set(H(nc), NATIVE_CONTEXT_async_generator_object_map, H(object_map));
  return true;
}

bool builtins_install_async(Isolate *iso, Handle nc) {
  return async_install_functions(iso, nc) && async_install_generators(iso, nc);
}
