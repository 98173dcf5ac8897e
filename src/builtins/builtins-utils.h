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
  V(error)                     \
  V(array_buffer) V(typed_array) V(data_view) V(atomics)

#define V(family) bool builtins_install_##family(Isolate *iso, Handle native_context);
BUILTIN_FAMILY_LIST(V)
#undef V

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

/* The realm's intrinsic in a native-context slot. */
KILN_INLINE Handle builtins_intrinsic(Isolate *iso, Handle native_context, int slot) {
  return handle_new(iso, context_get(H(native_context), slot));
}

/* Throws a TypeError (RangeError) with a formatted message; returns the empty Handle. */
Handle builtins_throw_type_error(Isolate *iso, const char *fmt, ...) KILN_PRINTF(2, 3);
Handle builtins_throw_range_error(Isolate *iso, const char *fmt, ...) KILN_PRINTF(2, 3);

#endif /* KILN_BUILTINS_BUILTINS_UTILS_H_ */
