/*
 * builtins-typed-array.h: what the binary-data builtins share (builtins-arraybuffer.c,
 * builtins-typed-array.c, builtins-dataview.c, builtins-atomics.c): the realm of the
 * running builtin, OrdinaryCreateFromConstructor's map choice for their objects, and the
 * typed array validations (ES2025 23.2.4) the Atomics reuse.
 *
 * The installers are called in this order by the bootstrapper (BUILTIN_FAMILY_LIST):
 * array_buffer (ArrayBuffer, SharedArrayBuffer), typed_array (%TypedArray% and the
 * constructors), data_view, atomics.
 */
#ifndef KILN_BUILTINS_BUILTINS_TYPED_ARRAY_H_
#define KILN_BUILTINS_BUILTINS_TYPED_ARRAY_H_

#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "objects/js-array-buffer.h"
#include "runtime/runtime.h"

/* Returns the empty Handle from a builtin when h is empty / ok is false. */
#define TA_TRY(h)                              \
  do {                                         \
    if (handle_is_null(h)) return HANDLE_NULL; \
  } while (0)
#define TA_CHECK(ok)                    \
  do {                                  \
    if (!(ok)) return HANDLE_NULL;      \
  } while (0)

/* The realm of the running builtin (its function's native context). */
Handle builtins_typed_array_realm(Isolate *iso, BuiltinArgs *args);

/* ES2025 10.1.13 OrdinaryCreateFromConstructor's map: base_map (the realm's map of such
 * objects, whose prototype is the intrinsic default) or a copy of it with the prototype
 * GetPrototypeFromConstructor(new_target, default) finds. The default prototype comes from
 * new_target's realm: native-context slot proto_slot, or, when kind >= 0, that typed array
 * kind's prototype. Calls user code (the "prototype" getter). */
Handle builtins_typed_array_map_from_constructor(Isolate *iso, Handle new_target,
                                                 Handle base_map, int proto_slot, int kind);

/* A JS map for instances of `type` with prototype proto (no in-object properties). */
Handle builtins_typed_array_new_map(Isolate *iso, InstanceType type, Handle proto);

/* ES2025 23.2.4.4 ValidateTypedArray: TypeError unless o is a TypedArray that is not out
 * of bounds; `method` names the caller in the message. */
bool builtins_typed_array_validate(Isolate *iso, Handle o, const char *method);
/* ValidateTypedArray with accessMode ~write~ (immutable ArrayBuffer proposal): also a
 * TypeError when o's buffer is immutable. */
bool builtins_typed_array_validate_write(Isolate *iso, Handle o, const char *method);

/* A Number as a Handle (a Smi when it fits). May allocate. */
KILN_INLINE Handle builtins_typed_array_number(Isolate *iso, double v) {
  return factory_new_number(iso, v);
}

KILN_INLINE Handle builtins_typed_array_boolean(Isolate *iso, bool b) {
  return b ? ROOT_HANDLE(iso, true_value) : ROOT_HANDLE(iso, false_value);
}

/* Uint8Array's base64 and hex methods (builtins-typed-array-base64.c). */
bool builtins_typed_array_install_base64(Isolate *iso, Handle native_context, Handle ctor,
                                         Handle proto);

bool builtins_install_array_buffer(Isolate *iso, Handle native_context);
bool builtins_install_typed_array(Isolate *iso, Handle native_context);
bool builtins_install_data_view(Isolate *iso, Handle native_context);
bool builtins_install_atomics(Isolate *iso, Handle native_context);

#endif /* KILN_BUILTINS_BUILTINS_TYPED_ARRAY_H_ */
