/*
 * builtins-dataview.c: DataView (ES2025 25.3).
 *
 * The get/set methods share GetViewValue / SetViewValue (25.3.1.5-6), parameterized by the
 * element kind of objects/js-array-buffer.h; the bytes are assembled in native (little-
 * endian) order and reversed for a big-endian access; the BigInt64 / BigUint64 accessors
 * read and write BigInts.
 */
#include <math.h>
#include <string.h>

#include "builtins/builtins-typed-array.h"
#include "objects/js-objects.h"

/* V(Name, KIND): getName / setName for each element kind a DataView reads. */
#define DATA_VIEW_KIND_LIST(V) \
  V(Int8, INT8)                \
  V(Uint8, UINT8)              \
  V(Int16, INT16)              \
  V(Uint16, UINT16)            \
  V(Int32, INT32)              \
  V(Uint32, UINT32)            \
  V(Float16, FLOAT16)          \
  V(Float32, FLOAT32)          \
  V(Float64, FLOAT64)          \
  V(BigInt64, BIGINT64)        \
  V(BigUint64, BIGUINT64)

#define DATA_VIEW_GETTERS(V)                            \
  V(DataViewPrototypeBuffer, "buffer")                  \
  V(DataViewPrototypeByteLength, "byteLength")          \
  V(DataViewPrototypeByteOffset, "byteOffset")

#define GETTER_DECLARE(Name, key) BUILTIN_DECLARE(Name, key, 0)
DATA_VIEW_GETTERS(GETTER_DECLARE)
BUILTIN_DECLARE(DataViewConstructor, "DataView", 1)
#define ACCESS_DECLARE(Name, KIND)                      \
  BUILTIN_DECLARE(DataViewPrototypeGet##Name, "get" #Name, 1) \
  BUILTIN_DECLARE(DataViewPrototypeSet##Name, "set" #Name, 2)
DATA_VIEW_KIND_LIST(ACCESS_DECLARE)
#undef ACCESS_DECLARE

/* ES2025 25.3.2.1 DataView ( buffer [ , byteOffset [ , byteLength ] ] ) */
BUILTIN(DataViewConstructor) {
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Constructor DataView requires 'new'");
  }
  Handle buffer = builtin_arg(iso, args, 0);
  if (!is_js_array_buffer(H(buffer))) {
    return builtins_throw_type_error(iso, "First argument to DataView constructor must be an ArrayBuffer");
  }
  double offset, view_byte_length = 0;
  TA_CHECK(runtime_to_index(iso, builtin_arg(iso, args, 1), &offset));
  if (js_array_buffer_is_detached(H(buffer))) {
    return builtins_throw_type_error(iso, "DataView: the buffer is detached");
  }
  double buffer_length = (double)js_array_buffer_byte_length(H(buffer));
  if (offset > buffer_length) {
    return builtins_throw_range_error(iso, "Start offset %.0f is outside the bounds of the buffer", offset);
  }
  Handle length_arg = builtin_arg(iso, args, 2);
  bool has_length = !is_undefined(iso, H(length_arg));
  bool tracking = !has_length && js_array_buffer_is_resizable(H(buffer));
  if (!has_length) {
    view_byte_length = buffer_length - offset;
  } else {
    TA_CHECK(runtime_to_index(iso, length_arg, &view_byte_length));
    /* Both below 2^53: the sum is exact enough to compare (it is > buffer_length whenever
     * rounding could matter). */
    if (offset + view_byte_length > buffer_length) {
      return builtins_throw_range_error(iso, "Invalid DataView length %.0f", view_byte_length);
    }
  }
  Handle realm = builtins_typed_array_realm(iso, args);
  Handle base = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_data_view_map);
  Handle map = builtins_typed_array_map_from_constructor(iso, builtin_new_target(args), base,
                                                         NATIVE_CONTEXT_data_view_prototype, -1);
  TA_TRY(map);
  /* Steps 11-14: the prototype lookup may have detached or shrunk the buffer. */
  if (js_array_buffer_is_detached(H(buffer))) {
    return builtins_throw_type_error(iso, "DataView: the buffer is detached");
  }
  buffer_length = (double)js_array_buffer_byte_length(H(buffer));
  if (offset > buffer_length || (has_length && offset + view_byte_length > buffer_length)) {
    return builtins_throw_range_error(iso, "DataView: the buffer shrank out of the view's range");
  }
  return js_data_view_new(iso, map, buffer, (uint64_t)offset, (uint64_t)view_byte_length, tracking);
}

/* ---- accessors (25.3.4) -------------------------------------------------------------------- */

static Handle dv_this(Isolate *iso, BuiltinArgs *args, const char *method) {
  Handle o = builtin_receiver(args);
  if (is_js_data_view(H(o))) return o;
  return builtins_throw_type_error(iso, "DataView.prototype.%s called on incompatible receiver",
                                   method);
}

BUILTIN(DataViewPrototypeBuffer) {
  Handle o = dv_this(iso, args, "buffer");
  TA_TRY(o);
  return handle_new(iso, js_array_buffer_view_buffer(H(o)));
}

BUILTIN(DataViewPrototypeByteLength) {
  Handle o = dv_this(iso, args, "byteLength");
  TA_TRY(o);
  if (js_view_is_out_of_bounds(H(o))) {
    return builtins_throw_type_error(iso, "DataView.prototype.byteLength: detached or out of bounds");
  }
  return builtins_typed_array_number(iso, (double)js_view_byte_length(H(o)));
}

BUILTIN(DataViewPrototypeByteOffset) {
  Handle o = dv_this(iso, args, "byteOffset");
  TA_TRY(o);
  if (js_view_is_out_of_bounds(H(o))) {
    return builtins_throw_type_error(iso, "DataView.prototype.byteOffset: detached or out of bounds");
  }
  return builtins_typed_array_number(iso, (double)js_array_buffer_view_byte_offset(H(o)));
}

/* ---- GetViewValue / SetViewValue (25.3.1.5, 25.3.1.6) ---------------------------------- */

/* Steps 6-11 of both: the byte address of the access, or NULL with the exception thrown. */
static uint8_t *dv_locate(Isolate *iso, Handle view, double index, size_t size,
                          const char *method) {
  if (js_view_is_out_of_bounds(H(view))) {
    builtins_throw_type_error(iso, "DataView.prototype.%s: detached or out of bounds", method);
    return NULL;
  }
  double view_size = (double)js_view_byte_length(H(view));
  if (index + (double)size > view_size) {
    builtins_throw_range_error(iso, "DataView.prototype.%s: offset is outside the bounds of the DataView",
                               method);
    return NULL;
  }
  return js_view_data(H(view)) + (uint64_t)index;
}

static void dv_reverse(uint8_t *bytes, size_t size) {
  for (size_t i = 0; i < size / 2; i++) {
    uint8_t t = bytes[i];
    bytes[i] = bytes[size - 1 - i];
    bytes[size - 1 - i] = t;
  }
}

static Handle dv_get(Isolate *iso, BuiltinArgs *args, TypedArrayKind kind, const char *method) {
  Handle view = dv_this(iso, args, method);
  TA_TRY(view);
  double index;
  TA_CHECK(runtime_to_index(iso, builtin_arg(iso, args, 0), &index));
  bool little = runtime_to_boolean(iso, H(builtin_arg(iso, args, 1)));
  size_t size = typed_array_kind_element_size(kind);
  uint8_t *p = dv_locate(iso, view, index, size, method);
  if (p == NULL) return HANDLE_NULL;
  uint8_t bytes[8];
  memcpy(bytes, p, size);
  if (!little) dv_reverse(bytes, size);
  return js_typed_array_load_value(iso, kind, bytes);
}

static Handle dv_set(Isolate *iso, BuiltinArgs *args, TypedArrayKind kind, const char *method) {
  Handle view = dv_this(iso, args, method);
  TA_TRY(view);
  if (js_view_is_immutable(H(view))) {
    return builtins_throw_type_error(iso, "DataView.prototype.%s: the buffer is immutable", method);
  }
  double index;
  TA_CHECK(runtime_to_index(iso, builtin_arg(iso, args, 0), &index));
  Handle value = typed_array_kind_is_bigint(kind) ? runtime_to_bigint(iso, builtin_arg(iso, args, 1))
                                                  : runtime_to_number(iso, builtin_arg(iso, args, 1));
  TA_TRY(value);
  bool little = runtime_to_boolean(iso, H(builtin_arg(iso, args, 2)));
  size_t size = typed_array_kind_element_size(kind);
  uint8_t *p = dv_locate(iso, view, index, size, method);
  if (p == NULL) return HANDLE_NULL;
  uint8_t bytes[8];
  js_typed_array_store_value(kind, bytes, H(value));
  if (!little) dv_reverse(bytes, size);
  memcpy(p, bytes, size);
  return ROOT_HANDLE(iso, undefined_value);
}

#define ACCESS_DEFINE(Name, KIND)                                           \
  BUILTIN(DataViewPrototypeGet##Name) {                                     \
    return dv_get(iso, args, TYPED_ARRAY_##KIND, "get" #Name);              \
  }                                                                         \
  BUILTIN(DataViewPrototypeSet##Name) {                                     \
    return dv_set(iso, args, TYPED_ARRAY_##KIND, "set" #Name);              \
  }
DATA_VIEW_KIND_LIST(ACCESS_DEFINE)
#undef ACCESS_DEFINE

/* ---- installation ---------------------------------------------------------------------- */

static const BuiltinSpec kDataViewPrototypeBuiltins[] = {
#define ACCESS_SPEC(Name, KIND)                                         \
  {"get" #Name, BUILTIN_NAME(DataViewPrototypeGet##Name), 1},           \
  {"set" #Name, BUILTIN_NAME(DataViewPrototypeSet##Name), 2},
    DATA_VIEW_KIND_LIST(ACCESS_SPEC)
#undef ACCESS_SPEC
};

static const struct {
  const char *key;
  BuiltinFunction getter;
} kDataViewGetters[] = {
#define GETTER_SPEC(Name, key) {key, BUILTIN_NAME(Name)},
    DATA_VIEW_GETTERS(GETTER_SPEC)
#undef GETTER_SPEC
};

bool builtins_install_data_view(Isolate *iso, Handle native_context) {
  Handle nc = native_context;
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, "DataView", 1, Builtin_DataViewConstructor,
                                             proto, NATIVE_CONTEXT_data_view_function,
                                             NATIVE_CONTEXT_data_view_prototype);
  if (handle_is_null(ctor) ||
      !builtins_install_methods(iso, nc, proto, kDataViewPrototypeBuiltins,
                                KILN_ARRAY_SIZE(kDataViewPrototypeBuiltins))) {
    return false;
  }
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kDataViewGetters); i++) {
    if (!builtins_install_accessor(iso, nc, proto, kDataViewGetters[i].key,
                                   kDataViewGetters[i].getter, NULL, 0)) {
      return false;
    }
  }
  Handle tag = builtins_string(iso, "DataView");
  if (handle_is_null(tag) ||
      !builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM)) {
    return false;
  }
  Handle map = builtins_typed_array_new_map(iso, JS_DATA_VIEW_TYPE, proto);
  if (handle_is_null(map)) return false;
  context_set(H(nc), NATIVE_CONTEXT_data_view_map, H(map));
  return true;
}
