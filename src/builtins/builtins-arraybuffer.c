/*
 * builtins-arraybuffer.c: ArrayBuffer (ES2025 25.1) and SharedArrayBuffer (25.2), plus the
 * helpers every binary-data family shares (builtins-typed-array.h).
 *
 * Both constructors make JSArrayBuffers (objects/js-array-buffer.h); a SharedArrayBuffer is
 * one with the shared flag. Every length is validated with ToIndex (< 2^53) before any
 * arithmetic, and byte counts are uint64_t, so sums of two of them cannot overflow.
 */
#include <math.h>
#include <string.h>

#include "builtins/builtins-typed-array.h"
#include "execution/execution.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/map.h"

#define ARRAY_BUFFER_BUILTINS(V) V(ArrayBufferIsView, "isView", 1)

#define ARRAY_BUFFER_PROTOTYPE_BUILTINS(V)                               \
  V(ArrayBufferPrototypeResize, "resize", 1)                             \
  V(ArrayBufferPrototypeSlice, "slice", 2)                               \
  V(ArrayBufferPrototypeSliceToImmutable, "sliceToImmutable", 2)         \
  V(ArrayBufferPrototypeTransfer, "transfer", 0)                         \
  V(ArrayBufferPrototypeTransferToFixedLength, "transferToFixedLength", 0) \
  V(ArrayBufferPrototypeTransferToImmutable, "transferToImmutable", 0)

#define SHARED_ARRAY_BUFFER_PROTOTYPE_BUILTINS(V)     \
  V(SharedArrayBufferPrototypeGrow, "grow", 1)        \
  V(SharedArrayBufferPrototypeSlice, "slice", 2)

/* Accessors: V(Name, key) */
#define ARRAY_BUFFER_GETTERS(V)                                     \
  V(ArrayBufferPrototypeByteLength, "byteLength")                   \
  V(ArrayBufferPrototypeDetached, "detached")                       \
  V(ArrayBufferPrototypeImmutable, "immutable")                     \
  V(ArrayBufferPrototypeMaxByteLength, "maxByteLength")             \
  V(ArrayBufferPrototypeResizable, "resizable")
#define SHARED_ARRAY_BUFFER_GETTERS(V)                              \
  V(SharedArrayBufferPrototypeByteLength, "byteLength")             \
  V(SharedArrayBufferPrototypeGrowable, "growable")                 \
  V(SharedArrayBufferPrototypeMaxByteLength, "maxByteLength")

#define GETTER_DECLARE(Name, key) BUILTIN_DECLARE(Name, key, 0)
ARRAY_BUFFER_BUILTINS(BUILTIN_DECLARE)
ARRAY_BUFFER_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
SHARED_ARRAY_BUFFER_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
ARRAY_BUFFER_GETTERS(GETTER_DECLARE)
SHARED_ARRAY_BUFFER_GETTERS(GETTER_DECLARE)
BUILTIN_DECLARE(ArrayBufferConstructor, "ArrayBuffer", 1)
BUILTIN_DECLARE(SharedArrayBufferConstructor, "SharedArrayBuffer", 1)
BUILTIN_DECLARE(ArrayBufferSpecies, "@@species", 0)

/* ---- shared helpers (builtins-typed-array.h) ---------------------------------------- */

Handle builtins_typed_array_realm(Isolate *iso, BuiltinArgs *args) {
  Tagged target = *args->target;
  return handle_new(iso, is_js_function(target) ? js_function_native_context(target)
                                                : iso->native_context);
}

/* GetPrototypeFromConstructor (ES2025 10.1.14) with the default from new_target's realm. */
static Handle ab_prototype_from_constructor(Isolate *iso, Handle new_target, int proto_slot,
                                            int kind) {
  Handle proto = runtime_get(iso, new_target, ROOT_HANDLE(iso, prototype_string), new_target);
  if (handle_is_null(proto) || is_js_receiver(H(proto))) return proto;
  Tagged realm = runtime_get_function_realm(iso, new_target);
  if (realm == 0) return HANDLE_NULL;
  Tagged v;
  if (kind >= 0) {
    Tagged table = context_get(realm, NATIVE_CONTEXT_typed_array_constructors);
    v = is_fixed_array(table) ? fixed_array_get(table, (int64_t)kind * 3 + 1) : 0;
  } else {
    v = context_get(realm, proto_slot);
  }
  return handle_new(iso, v != 0 && is_js_receiver(v) ? v : ROOT(iso, null_value));
}

Handle builtins_typed_array_map_from_constructor(Isolate *iso, Handle new_target,
                                                 Handle base_map, int proto_slot, int kind) {
  Handle proto = ab_prototype_from_constructor(iso, new_target, proto_slot, kind);
  if (handle_is_null(proto)) return proto;
  if (map_prototype(H(base_map)) == H(proto)) return base_map;
  return map_copy_with_prototype(iso, base_map, proto);
}

Handle builtins_typed_array_new_map(Isolate *iso, InstanceType type, Handle proto) {
  size_t header = (size_t)kBodyDescriptors[type].header_words * kTaggedSize;
  Handle map = factory_new_map(iso, type, header, 0);
  if (handle_is_null(map)) return map;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(proto));
  return map;
}

/* ---- helpers -------------------------------------------------------------------------- */

/* `this` as an ArrayBuffer whose sharedness is `shared`, else a TypeError. */
static Handle ab_this(Isolate *iso, BuiltinArgs *args, bool shared, const char *method) {
  Handle o = builtin_receiver(args);
  if (!is_js_array_buffer(H(o)) || js_array_buffer_is_shared(H(o)) != shared) {
    return builtins_throw_type_error(iso, "%s.prototype.%s called on incompatible receiver",
                                     shared ? "SharedArrayBuffer" : "ArrayBuffer", method);
  }
  return o;
}

/* A relative index argument clamped to [0, len] (slice's start and end); undefined gives
 * dflt. */
static bool ab_relative_index(Isolate *iso, Handle arg, double len, double dflt, double *out) {
  if (is_undefined(iso, H(arg))) {
    *out = dflt;
    return true;
  }
  double rel;
  if (!runtime_to_integer_or_infinity(iso, arg, &rel)) return false;
  *out = rel < 0 ? fmax(len + rel, 0) : fmin(rel, len);
  return true;
}

/* ES2025 25.1.3.7 GetArrayBufferMaxByteLengthOption: *present false for EMPTY. */
static bool ab_max_byte_length_option(Isolate *iso, Handle options, bool *present,
                                      double *max) {
  *present = false;
  if (!is_js_receiver(H(options))) return true;
  Handle value = runtime_get_named(iso, options, "maxByteLength");
  if (handle_is_null(value)) return false;
  if (is_undefined(iso, H(value))) return true;
  *present = true;
  return runtime_to_index(iso, value, max);
}

/* ES2025 25.1.3.1 AllocateArrayBuffer / 25.2.2.1 AllocateSharedArrayBuffer from a
 * constructor's arguments. */
static Handle ab_construct(Isolate *iso, BuiltinArgs *args, bool shared) {
  const char *name = shared ? "SharedArrayBuffer" : "ArrayBuffer";
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Constructor %s requires 'new'", name);
  }
  double byte_length, max = 0;
  bool resizable;
  TA_CHECK(runtime_to_index(iso, builtin_arg(iso, args, 0), &byte_length));
  TA_CHECK(ab_max_byte_length_option(iso, builtin_arg(iso, args, 1), &resizable, &max));
  if (resizable && byte_length > max) {
    return builtins_throw_range_error(iso, "%s byte length exceeds maxByteLength", name);
  }
  Handle realm = builtins_typed_array_realm(iso, args);
  Handle base = builtins_intrinsic(iso, realm, shared ? NATIVE_CONTEXT_shared_array_buffer_map
                                                      : NATIVE_CONTEXT_array_buffer_map);
  Handle map = builtins_typed_array_map_from_constructor(
      iso, builtin_new_target(args), base,
      shared ? NATIVE_CONTEXT_shared_array_buffer_prototype : NATIVE_CONTEXT_array_buffer_prototype,
      -1);
  TA_TRY(map);
  return js_array_buffer_new(iso, map, (uint64_t)byte_length, resizable, (uint64_t)max, shared);
}

BUILTIN(ArrayBufferConstructor) { return ab_construct(iso, args, false); }
BUILTIN(SharedArrayBufferConstructor) { return ab_construct(iso, args, true); }

/* ES2025 25.1.5.1 ArrayBuffer.isView ( arg ) */
BUILTIN(ArrayBufferIsView) {
  Tagged arg = H(builtin_arg(iso, args, 0));
  return builtins_typed_array_boolean(iso, is_js_typed_array(arg) || is_js_data_view(arg));
}

/* ES2025 25.1.5.3 get ArrayBuffer [ @@species ] (also SharedArrayBuffer's) */
BUILTIN(ArrayBufferSpecies) {
  KILN_UNUSED(iso);
  return builtin_receiver(args);
}

/* ---- ArrayBuffer.prototype accessors (25.1.6) -------------------------------------------- */

BUILTIN(ArrayBufferPrototypeByteLength) {
  Handle o = ab_this(iso, args, false, "byteLength");
  TA_TRY(o);
  return builtins_typed_array_number(iso, (double)js_array_buffer_byte_length(H(o)));
}

BUILTIN(ArrayBufferPrototypeDetached) {
  Handle o = ab_this(iso, args, false, "detached");
  TA_TRY(o);
  return builtins_typed_array_boolean(iso, js_array_buffer_is_detached(H(o)));
}

/* get ArrayBuffer.prototype.immutable (the immutable ArrayBuffer proposal) */
BUILTIN(ArrayBufferPrototypeImmutable) {
  Handle o = ab_this(iso, args, false, "immutable");
  TA_TRY(o);
  return builtins_typed_array_boolean(iso, js_array_buffer_is_immutable(H(o)));
}

BUILTIN(ArrayBufferPrototypeMaxByteLength) {
  Handle o = ab_this(iso, args, false, "maxByteLength");
  TA_TRY(o);
  Tagged b = H(o);
  if (js_array_buffer_is_detached(b)) return handle_new(iso, smi_from_int(0));
  uint64_t n = js_array_buffer_is_resizable(b) ? js_array_buffer_max_byte_length(b)
                                               : js_array_buffer_byte_length(b);
  return builtins_typed_array_number(iso, (double)n);
}

BUILTIN(ArrayBufferPrototypeResizable) {
  Handle o = ab_this(iso, args, false, "resizable");
  TA_TRY(o);
  return builtins_typed_array_boolean(iso, js_array_buffer_is_resizable(H(o)));
}

/* ---- ArrayBuffer.prototype methods ---------------------------------------------------- */

/* ES2025 25.1.6.6 ArrayBuffer.prototype.resize ( newLength ) */
BUILTIN(ArrayBufferPrototypeResize) {
  Handle o = ab_this(iso, args, false, "resize");
  TA_TRY(o);
  if (!js_array_buffer_is_resizable(H(o))) {
    return builtins_throw_type_error(iso, "ArrayBuffer.prototype.resize: not resizable");
  }
  double new_length;
  TA_CHECK(runtime_to_index(iso, builtin_arg(iso, args, 0), &new_length));
  if (js_array_buffer_is_detached(H(o))) {
    return builtins_throw_type_error(iso, "ArrayBuffer.prototype.resize: detached buffer");
  }
  if (new_length > (double)js_array_buffer_max_byte_length(H(o))) {
    return builtins_throw_range_error(iso, "ArrayBuffer.prototype.resize: length exceeds maxByteLength");
  }
  TA_CHECK(js_array_buffer_resize(iso, o, (uint64_t)new_length));
  return ROOT_HANDLE(iso, undefined_value);
}

/* The checks both slices make on the species constructor's result (25.1.6.7 steps 13-17,
 * 25.2.5.6 steps 12-15). */
static bool ab_check_slice_result(Isolate *iso, Handle o, Handle result, bool shared,
                                  double new_len) {
  const char *name = shared ? "SharedArrayBuffer" : "ArrayBuffer";
  Tagged r = H(result);
  if (!is_js_array_buffer(r) || js_array_buffer_is_shared(r) != shared) {
    builtins_throw_type_error(iso, "%s.prototype.slice: species constructor did not return a %s",
                              name, name);
    return false;
  }
  if (!shared && (js_array_buffer_is_detached(r) || js_array_buffer_is_immutable(r))) {
    builtins_throw_type_error(iso, "ArrayBuffer.prototype.slice: result is detached or immutable");
    return false;
  }
  if (r == H(o) || (shared && js_array_buffer_data(r) != NULL &&
                    js_array_buffer_data(r) == js_array_buffer_data(H(o)))) {
    builtins_throw_type_error(iso, "%s.prototype.slice: species constructor returned the same buffer",
                              name);
    return false;
  }
  if ((double)js_array_buffer_byte_length(r) < new_len) {
    builtins_throw_type_error(iso, "%s.prototype.slice: result is too small", name);
    return false;
  }
  return true;
}

/* ES2025 25.1.6.7 ArrayBuffer.prototype.slice and 25.2.5.6 SharedArrayBuffer.prototype.slice */
static Handle ab_slice(Isolate *iso, BuiltinArgs *args, bool shared) {
  Handle o = ab_this(iso, args, shared, "slice");
  TA_TRY(o);
  if (!shared && js_array_buffer_is_detached(H(o))) {
    return builtins_throw_type_error(iso, "ArrayBuffer.prototype.slice: detached buffer");
  }
  double len = (double)js_array_buffer_byte_length(H(o)), first, final;
  TA_CHECK(ab_relative_index(iso, builtin_arg(iso, args, 0), len, 0, &first));
  TA_CHECK(ab_relative_index(iso, builtin_arg(iso, args, 1), len, len, &final));
  double new_len = fmax(final - first, 0);
  Handle realm = builtins_typed_array_realm(iso, args);
  Handle dflt = builtins_intrinsic(iso, realm, shared ? NATIVE_CONTEXT_shared_array_buffer_function
                                                      : NATIVE_CONTEXT_array_buffer_function);
  Handle ctor = runtime_species_constructor(iso, o, dflt);
  TA_TRY(ctor);
  Handle length = builtins_typed_array_number(iso, new_len);
  TA_TRY(length);
  Handle result = execution_construct(iso, ctor, 1, &length, HANDLE_NULL);
  TA_TRY(result);
  TA_CHECK(ab_check_slice_result(iso, o, result, shared, new_len));
  if (!shared && js_array_buffer_is_detached(H(o))) {
    return builtins_throw_type_error(iso, "ArrayBuffer.prototype.slice: detached buffer");
  }
  /* The source may have shrunk meanwhile (step 22): copy what is still there. */
  double current = (double)js_array_buffer_byte_length(H(o));
  if (first < current) {
    size_t count = (size_t)fmin(new_len, current - first);
    if (count > 0) {
      memmove(js_array_buffer_data(H(result)), js_array_buffer_data(H(o)) + (size_t)first,
              count);
    }
  }
  return result;
}

BUILTIN(ArrayBufferPrototypeSlice) { return ab_slice(iso, args, false); }
BUILTIN(SharedArrayBufferPrototypeSlice) { return ab_slice(iso, args, true); }

typedef enum { AB_PRESERVE_RESIZABILITY, AB_FIXED_LENGTH, AB_IMMUTABLE } AbTransferMode;

/* ES2025 25.1.3.3 ArrayBufferCopyAndDetach ( arrayBuffer, newLength, preserveResizability ),
 * with the immutable ArrayBuffer proposal's ~immutable~ mode. */
static Handle ab_copy_and_detach(Isolate *iso, BuiltinArgs *args, AbTransferMode mode) {
  static const char *const kMethods[] = {"transfer", "transferToFixedLength", "transferToImmutable"};
  const char *method = kMethods[mode];
  bool preserve = mode == AB_PRESERVE_RESIZABILITY;
  Handle o = ab_this(iso, args, false, method);
  TA_TRY(o);
  Handle new_length = builtin_arg(iso, args, 0);
  double new_byte_length;
  if (is_undefined(iso, H(new_length))) {
    new_byte_length = (double)js_array_buffer_byte_length(H(o));
  } else {
    TA_CHECK(runtime_to_index(iso, new_length, &new_byte_length));
  }
  if (js_array_buffer_is_detached(H(o)) || js_array_buffer_is_immutable(H(o))) {
    return builtins_throw_type_error(iso, "ArrayBuffer.prototype.%s: detached or immutable buffer",
                                     method);
  }
  bool resizable = preserve && js_array_buffer_is_resizable(H(o));
  uint64_t max = resizable ? js_array_buffer_max_byte_length(H(o)) : 0;
  if (!is_undefined(iso, js_array_buffer_detach_key(H(o)))) {
    return builtins_throw_type_error(iso, "ArrayBuffer.prototype.%s: buffer has a detach key",
                                     method);
  }
  Handle realm = builtins_typed_array_realm(iso, args);
  Handle map = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_array_buffer_map);
  Handle result = js_array_buffer_transfer(iso, o, map, (uint64_t)new_byte_length, resizable, max);
  if (!handle_is_null(result) && mode == AB_IMMUTABLE) js_array_buffer_make_immutable(H(result));
  return result;
}

BUILTIN(ArrayBufferPrototypeTransfer) {
  return ab_copy_and_detach(iso, args, AB_PRESERVE_RESIZABILITY);
}
BUILTIN(ArrayBufferPrototypeTransferToFixedLength) {
  return ab_copy_and_detach(iso, args, AB_FIXED_LENGTH);
}
BUILTIN(ArrayBufferPrototypeTransferToImmutable) {
  return ab_copy_and_detach(iso, args, AB_IMMUTABLE);
}

/* ArrayBuffer.prototype.sliceToImmutable ( start, end ) (the immutable ArrayBuffer
 * proposal): a new immutable buffer with a copy of the range; no species. */
BUILTIN(ArrayBufferPrototypeSliceToImmutable) {
  Handle o = ab_this(iso, args, false, "sliceToImmutable");
  TA_TRY(o);
  if (js_array_buffer_is_detached(H(o))) {
    return builtins_throw_type_error(iso, "ArrayBuffer.prototype.sliceToImmutable: detached buffer");
  }
  double len = (double)js_array_buffer_byte_length(H(o)), first, final;
  TA_CHECK(ab_relative_index(iso, builtin_arg(iso, args, 0), len, 0, &first));
  TA_CHECK(ab_relative_index(iso, builtin_arg(iso, args, 1), len, len, &final));
  double new_len = fmax(final - first, 0);
  if (js_array_buffer_is_detached(H(o))) {
    return builtins_throw_type_error(iso, "ArrayBuffer.prototype.sliceToImmutable: detached buffer");
  }
  if ((double)js_array_buffer_byte_length(H(o)) < final) {
    return builtins_throw_range_error(iso, "ArrayBuffer.prototype.sliceToImmutable: the buffer shrank");
  }
  Handle realm = builtins_typed_array_realm(iso, args);
  Handle map = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_array_buffer_map);
  const uint8_t *data = js_array_buffer_data(H(o));
  return js_array_buffer_new_immutable(iso, map, (uint64_t)new_len,
                                       data ? data + (size_t)first : NULL, (uint64_t)new_len);
}

/* ---- SharedArrayBuffer.prototype (25.2.5) ------------------------------------------------ */

BUILTIN(SharedArrayBufferPrototypeByteLength) {
  Handle o = ab_this(iso, args, true, "byteLength");
  TA_TRY(o);
  return builtins_typed_array_number(iso, (double)js_array_buffer_byte_length(H(o)));
}

BUILTIN(SharedArrayBufferPrototypeGrowable) {
  Handle o = ab_this(iso, args, true, "growable");
  TA_TRY(o);
  return builtins_typed_array_boolean(iso, js_array_buffer_is_resizable(H(o)));
}

BUILTIN(SharedArrayBufferPrototypeMaxByteLength) {
  Handle o = ab_this(iso, args, true, "maxByteLength");
  TA_TRY(o);
  Tagged b = H(o);
  uint64_t n = js_array_buffer_is_resizable(b) ? js_array_buffer_max_byte_length(b)
                                               : js_array_buffer_byte_length(b);
  return builtins_typed_array_number(iso, (double)n);
}

/* ES2025 25.2.5.3 SharedArrayBuffer.prototype.grow ( newLength ) */
BUILTIN(SharedArrayBufferPrototypeGrow) {
  Handle o = ab_this(iso, args, true, "grow");
  TA_TRY(o);
  if (!js_array_buffer_is_resizable(H(o))) {
    return builtins_throw_type_error(iso, "SharedArrayBuffer.prototype.grow: not growable");
  }
  double new_length;
  TA_CHECK(runtime_to_index(iso, builtin_arg(iso, args, 0), &new_length));
  if (new_length > (double)js_array_buffer_max_byte_length(H(o))) {
    return builtins_throw_range_error(iso, "SharedArrayBuffer.prototype.grow: length exceeds maxByteLength");
  }
  if (new_length < (double)js_array_buffer_byte_length(H(o))) {
    return builtins_throw_range_error(iso, "SharedArrayBuffer.prototype.grow: cannot shrink");
  }
  TA_CHECK(js_array_buffer_resize(iso, o, (uint64_t)new_length));
  return ROOT_HANDLE(iso, undefined_value);
}

/* ---- installation ---------------------------------------------------------------------- */

typedef struct {
  const char *key;
  BuiltinFunction getter;
} AbGetterSpec;

#define GETTER_SPEC(Name, key) {key, BUILTIN_NAME(Name)},
static const BuiltinSpec kArrayBufferBuiltins[] = {ARRAY_BUFFER_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kArrayBufferPrototypeBuiltins[] = {
    ARRAY_BUFFER_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kSharedArrayBufferPrototypeBuiltins[] = {
    SHARED_ARRAY_BUFFER_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const AbGetterSpec kArrayBufferGetters[] = {ARRAY_BUFFER_GETTERS(GETTER_SPEC)};
static const AbGetterSpec kSharedArrayBufferGetters[] = {SHARED_ARRAY_BUFFER_GETTERS(GETTER_SPEC)};
#undef GETTER_SPEC

/* One of the two constructors with its prototype, methods, getters, @@species,
 * @@toStringTag and instance map. */
static bool ab_install(Isolate *iso, Handle nc, bool shared, const BuiltinSpec *methods,
                       size_t method_count, const AbGetterSpec *getters, size_t getter_count) {
  const char *name = shared ? "SharedArrayBuffer" : "ArrayBuffer";
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(
      iso, nc, name, 1, shared ? Builtin_SharedArrayBufferConstructor : Builtin_ArrayBufferConstructor,
      proto, shared ? NATIVE_CONTEXT_shared_array_buffer_function : NATIVE_CONTEXT_array_buffer_function,
      shared ? NATIVE_CONTEXT_shared_array_buffer_prototype : NATIVE_CONTEXT_array_buffer_prototype);
  if (handle_is_null(ctor)) return false;
  if (!shared && !builtins_install_methods(iso, nc, ctor, kArrayBufferBuiltins,
                                           KILN_ARRAY_SIZE(kArrayBufferBuiltins))) {
    return false;
  }
  if (!builtins_install_accessor(iso, nc, ctor, "@@species", Builtin_ArrayBufferSpecies, NULL, 0) ||
      !builtins_install_methods(iso, nc, proto, methods, method_count)) {
    return false;
  }
  for (size_t i = 0; i < getter_count; i++) {
    if (!builtins_install_accessor(iso, nc, proto, getters[i].key, getters[i].getter, NULL, 0)) {
      return false;
    }
  }
  Handle tag = builtins_string(iso, name);
  if (handle_is_null(tag) ||
      !builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM)) {
    return false;
  }
  Handle map = builtins_typed_array_new_map(iso, JS_ARRAY_BUFFER_TYPE, proto);
  if (handle_is_null(map)) return false;
  context_set(H(nc), shared ? NATIVE_CONTEXT_shared_array_buffer_map : NATIVE_CONTEXT_array_buffer_map,
              H(map));
  return true;
}

bool builtins_install_array_buffer(Isolate *iso, Handle native_context) {
  return ab_install(iso, native_context, false, kArrayBufferPrototypeBuiltins,
                    KILN_ARRAY_SIZE(kArrayBufferPrototypeBuiltins), kArrayBufferGetters,
                    KILN_ARRAY_SIZE(kArrayBufferGetters)) &&
         ab_install(iso, native_context, true, kSharedArrayBufferPrototypeBuiltins,
                    KILN_ARRAY_SIZE(kSharedArrayBufferPrototypeBuiltins),
                    kSharedArrayBufferGetters, KILN_ARRAY_SIZE(kSharedArrayBufferGetters));
}
