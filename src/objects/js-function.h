/*
 * js-function.h: function objects (objects/js-function.c): SharedFunctionInfos for C
 * builtins, builtin function objects, closures of compiled code, bound functions, and the
 * function maps of a realm.
 *
 * Layouts (objects.h):
 *   JSFunction:      | map | properties | elements | shared | context | feedback_vector |
 *                    | prototype_or_initial_map | length | name | [prototype] |
 *   JSBoundFunction: | map | properties | elements | target | bound_this | bound_arguments |
 *                    | length | name |
 *
 * Own properties live in in-object fields described by the realm's function maps, so every
 * function of one kind shares one map (until a property is added or reconfigured):
 *   field 0 "length"     { [[Writable]]: false, [[Enumerable]]: false, [[Configurable]]: true }
 *   field 1 "name"       { [[Writable]]: false, [[Enumerable]]: false, [[Configurable]]: true }
 *   field 2 "prototype"  constructors only: { [[Writable]]: true (false for classes and
 *                        builtins), [[Enumerable]]: false, [[Configurable]]: false }
 * The maps (execution/contexts.h NATIVE_CONTEXT_LIST) and who uses them:
 *   sloppy_function_map, strict_function_map  function declarations/expressions
 *                                             (callable, constructor, length/name/prototype)
 *   method_map        methods, arrows, accessors, field initializers, async functions
 *                     (callable, not a constructor, length/name)
 *   class_constructor_map   classes (callable, constructor, read-only prototype)
 *   generator_function_map  generators (callable, not a constructor, writable prototype)
 *   builtin_function_map    C builtins (callable, length/name)
 *   builtin_constructor_map C builtin constructors (read-only prototype)
 *   bound_function_map, bound_constructor_map  bound functions
 *
 * prototype_or_initial_map holds the hole until `new F` first runs; then the initial map
 * of F's instances (js_function_initial_map), whose prototype field is F.prototype as it was
 * then. The "prototype" property itself is always the in-object field (or wherever the
 * object model moved it), so reading it is an ordinary [[Get]].
 *
 * The realm of a function (ES2025 [[Realm]]) is the NativeContext at the end of its context
 * chain; builtins hold the NativeContext itself as context.
 */
#ifndef KILN_OBJECTS_JS_FUNCTION_H_
#define KILN_OBJECTS_JS_FUNCTION_H_

#include "builtins/builtins.h"
#include "execution/contexts.h"

/* In-object field indexes of function objects. */
enum {
  kFunctionLengthField = 0,
  kFunctionNameField = 1,
  kFunctionPrototypeField = 2,
  /* Sloppy functions only: the legacy "arguments" and "caller" own properties
   * (undefined: Kiln does not track callers; non-writable, non-configurable), which keep
   * Function.prototype's %ThrowTypeError% accessors from answering for them, as sloppy
   * functions have own properties in V8 and JSC. */
  kFunctionArgumentsField = 3,
  kFunctionCallerField = 4,
};

/* ---- SharedFunctionInfo flags -----------------------------------------------------------
 * The code generator owns SFI_FLAG_LIST (objects/shared-function-info.h). These accessors
 * are the only place js-function.c reads the flags, so switching layouts is one edit. */
typedef enum {
  FUNCTION_KIND_NORMAL,             /* AstFunctionKind order (parsing/ast.h) */
  FUNCTION_KIND_ARROW,
  FUNCTION_KIND_METHOD,
  FUNCTION_KIND_GETTER,
  FUNCTION_KIND_SETTER,
  FUNCTION_KIND_CLASS_CONSTRUCTOR,
  FUNCTION_KIND_DERIVED_CONSTRUCTOR,
  FUNCTION_KIND_CLASS_FIELDS_INIT,
  FUNCTION_KIND_CLASS_STATIC_INIT,
} FunctionKind;

FunctionKind js_function_sfi_kind(Tagged sfi);
bool js_function_sfi_is_strict(Tagged sfi);
bool js_function_sfi_is_generator(Tagged sfi);
bool js_function_sfi_is_async(Tagged sfi);

/* ---- creation (all may allocate) ------------------------------------------------------ */

/* A SharedFunctionInfo for a C builtin: name a String ("" allowed), length the "length"
 * property's value, data any value the builtin reads back (js_function_builtin_data). */
Handle js_function_new_builtin_sfi(Isolate *iso, Handle name, int length, BuiltinFunction fn,
                                   Handle data);

/* A builtin function object of the realm native_context, from an SFI made above. With
 * is_constructor, the map is builtin_constructor_map and "prototype" starts undefined (set
 * it with js_function_set_prototype_property). */
Handle js_function_new_builtin(Isolate *iso, Handle native_context, Handle sfi,
                               bool is_constructor);

/* A function object with the given map (a function map), shared and context, "length"
 * and "name" from the SFI; any "prototype" field undefined. */
Handle js_function_new_with_map(Isolate *iso, Handle map, Handle sfi, Handle context);

/* Both at once, from a C string name (UTF-8). */
Handle js_function_new_builtin_named(Isolate *iso, Handle native_context, const char *name,
                                     int length, BuiltinFunction fn, bool is_constructor);

/* ES2025 10.2.3 OrdinaryFunctionCreate + MakeConstructor for a compiled SFI: a closure over
 * context, its map chosen by the SFI's kind and strictness in context's realm. Ordinary
 * functions get a fresh prototype object { constructor: F } (generators one inheriting
 * %GeneratorPrototype%); class constructors get "prototype" undefined, for the class
 * definition to set with js_function_set_prototype_property. */
Handle js_function_new_closure(Isolate *iso, Handle sfi, Handle context);

/* ES2025 10.4.1.3 BoundFunctionCreate from steps 3 on: proto is target.[[GetPrototypeOf]]()
 * (the caller asks, since a Proxy target runs user code). The map is the current realm's
 * bound (constructor) map; "length" starts 0 and "name" "" until Function.prototype.bind
 * sets them (js_function_set_length / js_function_set_name). May allocate. */
Handle js_bound_function_new(Isolate *iso, Handle target, Handle proto, Handle bound_this,
                             int argc, const Handle *argv);

/* ---- properties ----------------------------------------------------------------------- */

/* ES2025 10.2.9 SetFunctionName: name is a String or a Symbol (a symbol's description in
 * brackets, "" when it has none); prefix ("get", "set", "bound") or NULL. Redefines "name"
 * with the function's usual attributes. May allocate. */
bool js_function_set_name(Isolate *iso, Handle fn, Handle name, const char *prefix);
/* ES2025 10.2.10 SetFunctionLength. May allocate. */
bool js_function_set_length(Isolate *iso, Handle fn, double length);
/* Sets F's own "prototype" value, keeping its attributes. May allocate (dictionary mode). */
bool js_function_set_prototype_property(Isolate *iso, Handle fn, Handle prototype);
/* ES2025 10.2.5 MakeConstructor's prototype part for an ordinary function: a new object of
 * the function's realm whose "constructor" is fn (DONT_ENUM). May allocate. */
Handle js_function_new_prototype_object(Isolate *iso, Handle fn);

/* ---- queries ---------------------------------------------------------------------------- */

/* The NativeContext (realm) of a JSFunction. Does not allocate. */
Tagged js_function_native_context(Tagged fn);
/* The builtin C function of fn, or NULL when fn runs bytecode. */
KILN_INLINE BuiltinFunction js_function_builtin(Tagged fn) {
  return (BuiltinFunction)sfi_builtin(js_function_shared(fn));
}
KILN_INLINE Tagged js_function_builtin_data(Tagged fn) {
  return sfi_builtin_data(js_function_shared(fn));
}
/* Class constructors throw when called without new (ES2025 10.2.1 step 2). */
bool js_function_is_class_constructor(Tagged fn);

/* The map `new F` gives its objects when prototype (an object, the value F.prototype had
 * when [[Get]] read it) is their prototype: cached in prototype_or_initial_map while the
 * prototype stays the same. A JS_OBJECT_TYPE map with slack tracking. May allocate. */
Handle js_function_initial_map(Isolate *iso, Handle fn, Handle prototype);

/* ---- realm setup (bootstrapper) ------------------------------------------------------- */

/* Creates the realm's function maps (the NATIVE_CONTEXT_LIST *_function_map slots) once
 * %Function.prototype% and %Object.prototype% are in native_context. May allocate. */
bool js_function_setup_maps(Isolate *iso, Handle native_context);
/* A map for a function object with prototype proto, the given map flags
 * (MAP_IS_CALLABLE | ...) and, when with_prototype, a "prototype" field with attributes
 * prototype_attributes. type: JS_FUNCTION_TYPE or JS_BOUND_FUNCTION_TYPE. May allocate. */
Handle js_function_map_new(Isolate *iso, InstanceType type, Handle proto, int map_flags,
                           bool with_prototype, int prototype_attributes);

#endif /* KILN_OBJECTS_JS_FUNCTION_H_ */
