/*
 * builtins-utils.h: what the builtin families share (builtins/builtins-utils.c): the tables
 * that describe a family's functions, the installers that turn them into properties, and
 * the list of families the bootstrapper installs.
 *
 * A family file (builtins-object.c, ...) lists its functions once:
 *
 *   #define OBJECT_BUILTINS(V) V(ObjectKeys, "keys", 1) V(ObjectIs, "is", 2) ...
 *
 * and expands the list into its C functions' prototypes (BUILTIN_DECLARE) and a BuiltinSpec
 * table (BUILTIN_SPEC) that builtins_install_methods defines on an object. A key beginning
 * with "@@" names a well-known symbol ("@@iterator" is Symbol.iterator; the function's name
 * is then "[Symbol.iterator]").
 *
 * Properties made here have the attributes of ES2025 clause 18: methods and accessors are
 * writable (methods), non-enumerable and configurable unless the caller says otherwise.
 */
#ifndef KILN_BUILTINS_BUILTINS_UTILS_H_
#define KILN_BUILTINS_BUILTINS_UTILS_H_

#include "builtins/builtins.h"
#include "execution/contexts.h"
#include "objects/descriptors.h"
#include "objects/js-function.h"
#include "runtime/runtime.h"

/* The compiler's entry points (interpreter/compiler.h, the code generator's). Declared here
 * until that header is in main, with the same signatures. */
#if __has_include("interpreter/compiler.h")
#include "interpreter/compiler.h"
#else
Handle compiler_compile_indirect_eval(Isolate *iso, Handle source);
Handle compiler_compile_dynamic_function(Isolate *iso, Handle params, Handle body, int kind);
#endif

typedef struct {
  const char *key;      /* property key: a name, or "@@name" for Symbol.name */
  BuiltinFunction fn;
  int length;           /* the function's "length" */
} BuiltinSpec;

#define BUILTIN_NAME(Name) Builtin_##Name
#define BUILTIN_DECLARE(Name, key, length) \
  static Handle BUILTIN_NAME(Name)(Isolate * iso, BuiltinArgs * args);
#define BUILTIN_SPEC(Name, key, length) {key, BUILTIN_NAME(Name), length},
#define BUILTIN(Name) static Handle BUILTIN_NAME(Name)(Isolate * iso, BuiltinArgs * args)

/* The families, in installation order: V(family). builtins-<family>.c defines
 * bool builtins_install_<family>(Isolate *, Handle native_context). Object and Function
 * come first: every other family's functions inherit from %Function.prototype%. */
#define BUILTIN_FAMILY_LIST(V) \
  V(object)                    \
  V(function)                  \
  V(error)                     \
  V(symbol)                    \
  V(array)                     \
  V(string)                    \
  V(number)                    \
  V(global)                    \
  V(reflect)                   \
  V(math)                      \
  V(json)                      \
  V(array_buffer) V(typed_array) V(data_view) V(atomics) \
  V(collections)               \
  V(weak)                      \
  V(date)                      \
  V(generator) V(promise) V(async) \
  V(bigint)                    \
  V(dispose)                   \
  V(regexp)                    \
  V(shadow_realm)               \
  V(iterator)                  \
  V(annex_b)

#define V(family) bool builtins_install_##family(Isolate *iso, Handle native_context);
BUILTIN_FAMILY_LIST(V)
#undef V

/* Shared between families. */
bool builtins_install_function_constructor(Isolate *iso, Handle native_context);
/* ES2025 20.2.1.1.1 CreateDynamicFunction for the Function (kind 0) and generator (1)
 * constructors: args are the constructor's. Calls user code. */
Handle builtins_create_dynamic_function(Isolate *iso, BuiltinArgs *args, int kind);
/* ES2025 20.1.3.6 Object.prototype.toString with this = receiver. Calls user code. */
Handle builtins_object_prototype_to_string(Isolate *iso, Handle receiver);
/* ES2025 23.1.5.1 CreateArrayIterator(array, kind): kind 0 keys, 1 values, 2 entries. */
Handle builtins_create_array_iterator(Isolate *iso, Handle array, int kind);

/* Installers of builtins-generator.c the async and promise families share (may allocate):
 * a constructor that is not a global binding (%GeneratorFunction% and its relatives:
 * "prototype" non-writable, non-configurable; the prototype's "constructor" non-writable,
 * configurable; [[Prototype]] parent); object[@@toStringTag] = tag; a map for objects of
 * type with prototype proto; replacing the realm's function map in slot by a copy whose
 * prototype is proto. */
Handle builtins_install_hidden_constructor(Isolate *iso, Handle nc, const char *name,
                                           BuiltinFunction fn, Handle prototype, Handle parent);
bool builtins_install_to_string_tag(Isolate *iso, Handle object, const char *tag);
Handle builtins_new_internal_map(Isolate *iso, InstanceType type, Handle proto);
bool builtins_reparent_function_map(Isolate *iso, Handle nc, int slot, Handle proto);

/* ---- keys and installers (all may allocate; false/empty with an exception pending) ---- */

/* The property key a spec names: an internalized string or a well-known symbol. */
Handle builtins_key(Isolate *iso, const char *key);
/* An internalized string from C text. */
Handle builtins_string(Isolate *iso, const char *text);

/* A builtin function (not a constructor) named after key (a string or symbol). */
Handle builtins_new_function(Isolate *iso, Handle native_context, Handle key, int length,
                             BuiltinFunction fn);
/* Defines holder[spec.key] = a new builtin function for each spec, with attributes
 * DONT_ENUM (writable, configurable). */
bool builtins_install_methods(Isolate *iso, Handle native_context, Handle holder,
                              const BuiltinSpec *specs, size_t count);
/* One method; returns the function. */
Handle builtins_install_method(Isolate *iso, Handle native_context, Handle holder,
                               const char *key, BuiltinFunction fn, int length);
/* An accessor property (getter and/or setter may be NULL), DONT_ENUM unless attributes
 * says more. The functions are named "get key" / "set key". */
bool builtins_install_accessor(Isolate *iso, Handle native_context, Handle holder,
                               const char *key, BuiltinFunction getter, BuiltinFunction setter,
                               int attributes);
/* A data property with the given attributes. */
bool builtins_define_value(Isolate *iso, Handle holder, const char *key, Handle value,
                           int attributes);

/* A builtin constructor: the function, its "prototype" (read-only) set to prototype, and
 * prototype.constructor (DONT_ENUM) set back to it; also the global binding `name`
 * (DONT_ENUM) and, when function_slot / prototype_slot are >= 0, the native-context slots.
 * Returns the constructor. */
Handle builtins_install_constructor(Isolate *iso, Handle native_context, const char *name,
                                    int length, BuiltinFunction fn, Handle prototype,
                                    int function_slot, int prototype_slot);

/* A new ordinary object of the realm whose prototype is proto. */
Handle builtins_new_object_with_proto(Isolate *iso, Handle native_context, Handle proto);

/* %String.prototype%, %Number.prototype%, %Boolean.prototype%: primitive wrapper objects
 * (value "", +0, false) inheriting %Object.prototype%, with a map of their own. */
Handle builtins_new_wrapper_prototype(Isolate *iso, Handle native_context, Handle value);

/* The realm's intrinsic in a native-context slot. */
KILN_INLINE Handle builtins_intrinsic(Isolate *iso, Handle native_context, int slot) {
  return handle_new(iso, context_get(H(native_context), slot));
}

/* ---- shortcuts the families share ------------------------------------------------------ */

#define BUILTIN_ARG(i) builtin_arg(iso, args, (i))
#define BUILTIN_UNDEFINED ROOT_HANDLE(iso, undefined_value)
/* Returns the empty Handle from a builtin when h is empty (an exception is pending). */
#define BUILTIN_TRY(h)                    \
  do {                                    \
    if (handle_is_null(h)) return HANDLE_NULL; \
  } while (0)
#define BUILTIN_CHECK(ok)                 \
  do {                                    \
    if (!(ok)) return HANDLE_NULL;        \
  } while (0)

/* The realm of the running builtin (ES2025 10.3.1 step 6: a builtin runs in its own
 * [[Realm]]): its function's native context. */
KILN_INLINE Handle builtins_realm(Isolate *iso, BuiltinArgs *args) {
  Tagged target = *args->target;
  return handle_new(iso, is_js_function(target) ? js_function_native_context(target)
                                                : iso->native_context);
}

/* A Number value as a Handle (Smi when it fits). May allocate. */
Handle builtins_number(Isolate *iso, double value);
KILN_INLINE Handle builtins_boolean(Isolate *iso, bool b) {
  return b ? ROOT_HANDLE(iso, true_value) : ROOT_HANDLE(iso, false_value);
}
/* The property key of an integer index (0 <= index < 2^53): an internalized string. */
Handle builtins_index_key(Isolate *iso, double index);
/* Get(O, index), Set(O, index, V, true), HasProperty(O, index), CreateDataPropertyOrThrow,
 * DeletePropertyOrThrow with integer-index keys. Call user code. */
Handle builtins_get_index(Isolate *iso, Handle obj, double index);
bool builtins_set_index(Isolate *iso, Handle obj, double index, Handle value);
RuntimeMaybeBool builtins_has_index(Isolate *iso, Handle obj, double index);
bool builtins_create_data_index(Isolate *iso, Handle obj, double index, Handle value);
bool builtins_delete_index(Isolate *iso, Handle obj, double index);
/* Get(O, name) / Set(O, name, V, true) with a C string key. Call user code. */
Handle builtins_get(Isolate *iso, Handle obj, const char *name);
bool builtins_set(Isolate *iso, Handle obj, const char *name, Handle value);
/* Call(F, thisArg, args). Calls user code. */
Handle builtins_call(Isolate *iso, Handle fn, Handle receiver, int argc, const Handle *argv);

/* ES2025 10.1.13 OrdinaryCreateFromConstructor: an object whose map is base_map (a map of
 * the realm with the intrinsic default prototype) or a copy of it with the prototype
 * GetPrototypeFromConstructor(new_target, intrinsic_slot) gives; a JSFunction new_target
 * caches the plain-object case in its initial map. Calls user code. */
Handle builtins_create_from_constructor(Isolate *iso, Handle new_target, int intrinsic_slot,
                                        Handle base_map);
/* The map for that object, without making it. Calls user code. */
Handle builtins_map_from_constructor(Isolate *iso, Handle new_target, int intrinsic_slot,
                                     Handle base_map);

/* ---- building strings in C ---------------------------------------------------------- */

/* A growable UTF-16 buffer (malloc'd). Appending never allocates on the JS heap; a failed
 * malloc sets `failed`, and builtins_buffer_finish then throws. */
typedef struct {
  uint16_t *data;
  size_t length, capacity;
  bool failed;
} BuiltinsBuffer;

void builtins_buffer_init(BuiltinsBuffer *b);
void builtins_buffer_free(BuiltinsBuffer *b);
void builtins_buffer_append_unit(BuiltinsBuffer *b, uint16_t unit);
void builtins_buffer_append_code_point(BuiltinsBuffer *b, uint32_t cp);
void builtins_buffer_append_ascii(BuiltinsBuffer *b, const char *text);
void builtins_buffer_append_string(BuiltinsBuffer *b, Tagged string);
/* The buffer's content as a String (one-byte when every unit fits), freeing the buffer.
 * May allocate. */
Handle builtins_buffer_finish(Isolate *iso, BuiltinsBuffer *b);
/* A String from UTF-16 code units (one-byte when every unit fits). May allocate. */
Handle builtins_string_from_units(Isolate *iso, const uint16_t *units, size_t length);
/* A malloc'd copy of a string's code units (*length of them); NULL on malloc failure (with
 * the out-of-memory error thrown). Does not allocate on the JS heap. */
uint16_t *builtins_string_units(Isolate *iso, Tagged string, size_t *length);

/* Throws a TypeError (RangeError) with a formatted message; returns the empty Handle. */
Handle builtins_throw_type_error(Isolate *iso, const char *fmt, ...) KILN_PRINTF(2, 3);
Handle builtins_throw_range_error(Isolate *iso, const char *fmt, ...) KILN_PRINTF(2, 3);

#endif /* KILN_BUILTINS_BUILTINS_UTILS_H_ */
