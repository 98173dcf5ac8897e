/*
 * builtins-generator.c: ES2025 27.3 GeneratorFunction objects and 27.5 Generator objects:
 * %GeneratorFunction%, %GeneratorFunction.prototype%, %GeneratorPrototype% (next, return,
 * throw, @@toStringTag), the realm's generator function and generator object maps.
 *
 * The generator's frame is resumed by interpreter_generator_resume
 * (interpreter/interpreter-generators.h); a yield suspends with the iterator result object
 * it made (a yield* with the inner iterator's own result), a return completes with the
 * plain value, wrapped here as { value, done: true }.
 */
#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "interpreter/interpreter-generators.h"
#include "objects/js-objects.h"
#include "objects/map.h"

#define GENERATOR_PROTOTYPE_BUILTINS(V) \
  V(GeneratorPrototypeNext, "next", 1)  \
  V(GeneratorPrototypeReturn, "return", 1) \
  V(GeneratorPrototypeThrow, "throw", 1)

GENERATOR_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
static const BuiltinSpec kGeneratorPrototypeBuiltins[] = {
    GENERATOR_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

/* ES2025 27.5.3.2 GeneratorValidate(generator, empty): the generator object, or empty
 * with a TypeError pending. */
static Handle generator_validate(Isolate *iso, Handle gen, const char *method) {
  Tagged g = H(gen);
  if (!is_heap_object(g) || heap_object_type(g) != JS_GENERATOR_OBJECT_TYPE) {
    return builtins_throw_type_error(iso, "Generator.prototype.%s called on a non-generator",
                                     method);
  }
  if (js_generator_is_executing(g)) return builtins_throw_type_error(iso, "Generator is already running");
  return gen;
}

/* What a resume gave back, as next/return/throw return it. */
static Handle generator_result(Isolate *iso, Handle gen, Handle result) {
  if (handle_is_null(result)) return result;
  if (js_generator_is_closed(H(gen))) return runtime_create_iter_result(iso, result, true);
  return result;
}

/* 27.5.3.4 GeneratorResumeAbrupt for a generator that has not started or has finished. */
static Handle generator_abrupt_when_done(Isolate *iso, Handle gen, Handle value,
                                         JSGeneratorResumeMode mode) {
  js_generator_object_set_continuation(H(gen), kGeneratorClosed);
  if (mode == kGeneratorReturn) return runtime_create_iter_result(iso, value, true);
  isolate_throw(iso, H(value));
  return HANDLE_NULL;
}

/* 27.5.3.3 GeneratorResume / 27.5.3.4 GeneratorResumeAbrupt. */
static Handle generator_resume(Isolate *iso, BuiltinArgs *args, JSGeneratorResumeMode mode,
                               const char *method) {
  Handle gen = generator_validate(iso, builtin_receiver(args), method);
  BUILTIN_TRY(gen);
  Handle value = BUILTIN_ARG(0);
  if (mode == kGeneratorNext) {
    if (js_generator_is_closed(H(gen))) return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
  } else if (js_generator_is_closed(H(gen)) || js_generator_is_suspended_start(H(gen))) {
    return generator_abrupt_when_done(iso, gen, value, mode);
  }
  Handle result = interpreter_generator_resume(iso, gen, value, mode);
  return generator_result(iso, gen, result);
}

/* 27.5.1.2 Generator.prototype.next ( value ) */
BUILTIN(GeneratorPrototypeNext) { return generator_resume(iso, args, kGeneratorNext, "next"); }
/* 27.5.1.3 Generator.prototype.return ( value ) */
BUILTIN(GeneratorPrototypeReturn) { return generator_resume(iso, args, kGeneratorReturn, "return"); }
/* 27.5.1.4 Generator.prototype.throw ( exception ) */
BUILTIN(GeneratorPrototypeThrow) { return generator_resume(iso, args, kGeneratorThrow, "throw"); }

/* 27.3.1.1 GeneratorFunction ( ...parameterArgs, bodyArg ) */
static Handle Builtin_GeneratorFunctionConstructor(Isolate *iso, BuiltinArgs *args) {
  return builtins_create_dynamic_function(iso, args, 1);
}

/* ---- installing ------------------------------------------------------------------------ */

#define INSTALL_CHECK(ok)                 \
  do {                                    \
    if (!(ok)) return false;              \
  } while (0)

/* A builtin constructor that is not a global: %GeneratorFunction% and its relatives
 * (27.3.2, 27.4.2, 27.7.2): "prototype" non-writable and non-configurable, the prototype's
 * "constructor" non-writable but configurable, [[Prototype]] the intrinsic parent. */
Handle builtins_install_hidden_constructor(Isolate *iso, Handle nc, const char *name,
                                           BuiltinFunction fn, Handle prototype, Handle parent) {
  Handle ctor = js_function_new_builtin_named(iso, nc, name, 1, fn, true);
  if (handle_is_null(ctor) || !js_function_set_prototype_property(iso, ctor, prototype) ||
      !builtins_define_value(iso, prototype, "constructor", ctor, READ_ONLY | DONT_ENUM) ||
      !js_object_set_prototype(iso, ctor, parent)) {
    return HANDLE_NULL;
  }
  return ctor;
}

/* Sets object[@@toStringTag] = tag (non-writable, non-enumerable, configurable). */
bool builtins_install_to_string_tag(Isolate *iso, Handle object, const char *tag) {
  Handle s = builtins_string(iso, tag);
  return !handle_is_null(s) && builtins_define_value(iso, object, "@@toStringTag", s,
                                                     READ_ONLY | DONT_ENUM);
}

/* A map for JS objects of type (no in-object properties) inheriting proto. */
Handle builtins_new_internal_map(Isolate *iso, InstanceType type, Handle proto) {
  size_t size = (size_t)kBodyDescriptors[type].header_words * kTaggedSize;
  Handle map = factory_new_map(iso, type, size, 0);
  if (handle_is_null(map)) return map;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(proto));
  return map;
}

/* Replaces the realm's function map in slot with a copy inheriting proto. */
bool builtins_reparent_function_map(Isolate *iso, Handle nc, int slot, Handle proto) {
  Handle map = builtins_intrinsic(iso, nc, slot);
  Handle copy = map_copy_with_prototype(iso, map, proto);
  if (handle_is_null(copy)) return false;
  context_set(H(nc), slot, H(copy));
  return true;
}

bool builtins_install_generator(Isolate *iso, Handle nc) {
  Handle function_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_prototype);
  Handle iterator_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_iterator_prototype);
  Handle function_fn = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_function_function);
  /* 27.3.3 %GeneratorFunction.prototype% and 27.5.1 %GeneratorPrototype% */
  Handle gfp = builtins_new_object_with_proto(iso, nc, function_proto);
  INSTALL_CHECK(!handle_is_null(gfp));
  Handle gp = builtins_new_object_with_proto(iso, nc, iterator_proto);
  INSTALL_CHECK(!handle_is_null(gp));
  INSTALL_CHECK(builtins_install_methods(iso, nc, gp, kGeneratorPrototypeBuiltins,
                                         KILN_ARRAY_SIZE(kGeneratorPrototypeBuiltins)));
  INSTALL_CHECK(builtins_install_to_string_tag(iso, gp, "Generator"));
  INSTALL_CHECK(builtins_define_value(iso, gp, "constructor", gfp, READ_ONLY | DONT_ENUM));
  INSTALL_CHECK(builtins_define_value(iso, gfp, "prototype", gp, READ_ONLY | DONT_ENUM));
  INSTALL_CHECK(builtins_install_to_string_tag(iso, gfp, "GeneratorFunction"));
  /* 27.3.1 %GeneratorFunction% */
  Handle ctor = builtins_install_hidden_constructor(iso, nc, "GeneratorFunction",
                                                    Builtin_GeneratorFunctionConstructor, gfp,
                                                    function_fn);
  INSTALL_CHECK(!handle_is_null(ctor));
  context_set(H(nc), NATIVE_CONTEXT_generator_function_function, H(ctor));
  context_set(H(nc), NATIVE_CONTEXT_generator_function_prototype, H(gfp));
  context_set(H(nc), NATIVE_CONTEXT_generator_prototype, H(gp));
  INSTALL_CHECK(builtins_reparent_function_map(iso, nc, NATIVE_CONTEXT_generator_function_map, gfp));
  Handle map = builtins_new_internal_map(iso, JS_GENERATOR_OBJECT_TYPE, gp);
  INSTALL_CHECK(!handle_is_null(map));
  context_set(H(nc), NATIVE_CONTEXT_generator_object_map, H(map));
  return true;
}
