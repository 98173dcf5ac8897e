/*
 * builtins-typed-array.c: %TypedArray% and its prototype (ES2025 23.2), and the ten
 * TypedArray constructors (Int8Array ... Float64Array, Float16Array).
 *
 * Reading and writing elements: Get(O, k) on a validated TypedArray is
 * TypedArrayGetElement (js_typed_array_get: undefined once the index is no longer valid),
 * and Set(O, k, v, true) is TypedArraySetElement (typed_array_set_element: ToNumber, then a
 * store only if the index is still valid). Any user code (a callback, valueOf, a species
 * constructor) may detach or shrink the buffer, so lengths are re-read where the spec
 * re-reads them and raw data pointers are never kept across such calls.
 *
 * Indexes and lengths are doubles in the spec's steps (they come from ToIntegerOrInfinity)
 * and become uint64_t only once clamped to a length, which is below 2^53.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins-typed-array.h"
#include "execution/execution.h"
#include "objects/bigint.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "runtime/runtime-typed-array.h"

#define TYPED_ARRAY_BUILTINS(V) \
  V(TypedArrayFrom, "from", 1)  \
  V(TypedArrayOf, "of", 0)

#define TYPED_ARRAY_PROTOTYPE_BUILTINS(V)                       \
  V(TypedArrayPrototypeAt, "at", 1)                             \
  V(TypedArrayPrototypeCopyWithin, "copyWithin", 2)             \
  V(TypedArrayPrototypeEntries, "entries", 0)                   \
  V(TypedArrayPrototypeEvery, "every", 1)                       \
  V(TypedArrayPrototypeFill, "fill", 1)                         \
  V(TypedArrayPrototypeFilter, "filter", 1)                     \
  V(TypedArrayPrototypeFind, "find", 1)                         \
  V(TypedArrayPrototypeFindIndex, "findIndex", 1)               \
  V(TypedArrayPrototypeFindLast, "findLast", 1)                 \
  V(TypedArrayPrototypeFindLastIndex, "findLastIndex", 1)       \
  V(TypedArrayPrototypeForEach, "forEach", 1)                   \
  V(TypedArrayPrototypeIncludes, "includes", 1)                 \
  V(TypedArrayPrototypeIndexOf, "indexOf", 1)                   \
  V(TypedArrayPrototypeJoin, "join", 1)                         \
  V(TypedArrayPrototypeKeys, "keys", 0)                         \
  V(TypedArrayPrototypeLastIndexOf, "lastIndexOf", 1)           \
  V(TypedArrayPrototypeMap, "map", 1)                           \
  V(TypedArrayPrototypeReduce, "reduce", 1)                     \
  V(TypedArrayPrototypeReduceRight, "reduceRight", 1)           \
  V(TypedArrayPrototypeReverse, "reverse", 0)                   \
  V(TypedArrayPrototypeSet, "set", 1)                           \
  V(TypedArrayPrototypeSlice, "slice", 2)                       \
  V(TypedArrayPrototypeSome, "some", 1)                         \
  V(TypedArrayPrototypeSort, "sort", 1)                         \
  V(TypedArrayPrototypeSubarray, "subarray", 2)                 \
  V(TypedArrayPrototypeToLocaleString, "toLocaleString", 0)     \
  V(TypedArrayPrototypeToReversed, "toReversed", 0)             \
  V(TypedArrayPrototypeToSorted, "toSorted", 1)                 \
  V(TypedArrayPrototypeWith, "with", 2)

/* Accessors of %TypedArray.prototype%: V(Name, key) */
#define TYPED_ARRAY_GETTERS(V)                        \
  V(TypedArrayPrototypeBuffer, "buffer")              \
  V(TypedArrayPrototypeByteLength, "byteLength")      \
  V(TypedArrayPrototypeByteOffset, "byteOffset")      \
  V(TypedArrayPrototypeLength, "length")              \
  V(TypedArrayPrototypeToStringTag, "@@toStringTag")

#define GETTER_DECLARE(Name, key) BUILTIN_DECLARE(Name, key, 0)
TYPED_ARRAY_BUILTINS(BUILTIN_DECLARE)
TYPED_ARRAY_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
TYPED_ARRAY_GETTERS(GETTER_DECLARE)
BUILTIN_DECLARE(TypedArrayConstructor, "TypedArray", 0)
BUILTIN_DECLARE(TypedArrayPrototypeValues, "values", 0)
BUILTIN_DECLARE(TypedArraySpecies, "@@species", 0)
#define CONSTRUCTOR_DECLARE(Name, NAME, ctype, size) \
  BUILTIN_DECLARE(Name##ArrayConstructor, #Name "Array", 3)
TYPED_ARRAY_KIND_LIST(CONSTRUCTOR_DECLARE)
#undef CONSTRUCTOR_DECLARE

/* The realm's (constructor, prototype, map) triple of each kind, in one FixedArray. */
enum { kTaConstructor = 0, kTaPrototype = 1, kTaMap = 2, kTaEntrySize = 3 };

static Handle ta_intrinsic(Isolate *iso, Handle realm, TypedArrayKind kind, int which) {
  Tagged table = context_get(H(realm), NATIVE_CONTEXT_typed_array_constructors);
  return handle_new(iso, fixed_array_get(table, (int64_t)kind * kTaEntrySize + which));
}

/* Do a and b (typed arrays) have the same [[ContentType]]? */
static bool ta_same_content(Tagged a, Tagged b) {
  return typed_array_kind_is_bigint(js_typed_array_kind(a)) ==
         typed_array_kind_is_bigint(js_typed_array_kind(b));
}

/* ---- validation and creation (ES2025 23.2.4) -------------------------------------------- */

bool builtins_typed_array_validate(Isolate *iso, Handle o, const char *method) {
  if (!is_js_typed_array(H(o))) {
    builtins_throw_type_error(iso, "%s: this is not a typed array", method);
    return false;
  }
  if (js_view_is_out_of_bounds(H(o))) {
    builtins_throw_type_error(iso, "%s: typed array is detached or out of bounds", method);
    return false;
  }
  return true;
}

bool builtins_typed_array_validate_write(Isolate *iso, Handle o, const char *method) {
  if (is_js_typed_array(H(o)) && js_view_is_immutable(H(o))) {
    builtins_throw_type_error(iso, "%s: the typed array's buffer is immutable", method);
    return false;
  }
  return builtins_typed_array_validate(iso, o, method);
}

/* ValidateTypedArray(this) and TypedArrayLength: steps 1-3 of most methods. */
static Handle ta_this(Isolate *iso, BuiltinArgs *args, const char *method, double *len) {
  Handle o = builtin_receiver(args);
  if (!builtins_typed_array_validate(iso, o, method)) return HANDLE_NULL;
  *len = (double)js_typed_array_length(H(o));
  return o;
}

/* The same for the methods that write into this (accessMode ~write~). */
static Handle ta_this_write(Isolate *iso, BuiltinArgs *args, const char *method, double *len) {
  Handle o = builtin_receiver(args);
  if (!builtins_typed_array_validate_write(iso, o, method)) return HANDLE_NULL;
  *len = (double)js_typed_array_length(H(o));
  return o;
}

/* ES2025 23.2.4.2 TypedArrayCreateFromConstructor; write: the result will be written
 * (accessMode ~write~: an immutable result is a TypeError). */
static Handle ta_create_from_constructor(Isolate *iso, Handle ctor, int argc,
                                         const Handle *argv, bool write) {
  Handle result = execution_construct(iso, ctor, argc, argv, HANDLE_NULL);
  TA_TRY(result);
  TA_CHECK(write ? builtins_typed_array_validate_write(iso, result, "TypedArray species")
                 : builtins_typed_array_validate(iso, result, "TypedArray species"));
  if (argc == 1 && is_number(H(argv[0])) &&
      (double)js_typed_array_length(H(result)) < runtime_number_value(H(argv[0]))) {
    return builtins_throw_type_error(iso, "TypedArray species constructor made a too short array");
  }
  return result;
}

/* ES2025 23.2.4.1 TypedArraySpeciesCreate */
static Handle ta_species_create(Isolate *iso, BuiltinArgs *args, Handle exemplar, int argc,
                                const Handle *argv, bool write) {
  Handle realm = builtins_typed_array_realm(iso, args);
  Handle dflt = ta_intrinsic(iso, realm, js_typed_array_kind(H(exemplar)), kTaConstructor);
  Handle ctor = runtime_species_constructor(iso, exemplar, dflt);
  TA_TRY(ctor);
  Handle result = ta_create_from_constructor(iso, ctor, argc, argv, write);
  if (!handle_is_null(result) && !ta_same_content(H(result), H(exemplar))) {
    return builtins_throw_type_error(iso, "TypedArray species constructor made an array of the other content type (BigInt or Number)");
  }
  return result;
}

/* TypedArraySpeciesCreate(exemplar, « length ») */
static Handle ta_species_create_length(Isolate *iso, BuiltinArgs *args, Handle exemplar,
                                       double length) {
  Handle n = builtins_typed_array_number(iso, length);
  TA_TRY(n);
  return ta_species_create(iso, args, exemplar, 1, &n, true);
}

/* ES2025 23.2.4.3 TypedArrayCreateSameType(exemplar, « length ») */
static Handle ta_create_same_type(Isolate *iso, BuiltinArgs *args, Handle exemplar,
                                  double length) {
  Handle realm = builtins_typed_array_realm(iso, args);
  TypedArrayKind kind = js_typed_array_kind(H(exemplar));
  return js_typed_array_new_with_length(iso, ta_intrinsic(iso, realm, kind, kTaMap), kind,
                                        builtins_intrinsic(iso, realm, NATIVE_CONTEXT_array_buffer_map),
                                        (uint64_t)length);
}

/* A relative index argument clamped to [0, len]; undefined gives dflt. */
static bool ta_relative_index(Isolate *iso, Handle arg, double len, double dflt, double *out) {
  if (is_undefined(iso, H(arg))) {
    *out = dflt;
    return true;
  }
  double rel;
  if (!runtime_to_integer_or_infinity(iso, arg, &rel)) return false;
  *out = rel < 0 ? fmax(len + rel, 0) : fmin(rel, len);
  return true;
}

static Handle ta_get(Isolate *iso, Handle o, double k) { return js_typed_array_get(iso, o, k); }

/* Call(fn, this_arg, « value, F(k), o »). */
static Handle ta_call_callback(Isolate *iso, Handle fn, Handle this_arg, Handle value,
                               double k, Handle o) {
  Handle index = builtins_typed_array_number(iso, k);
  TA_TRY(index);
  Handle argv[3] = {value, index, o};
  return execution_call(iso, fn, this_arg, 3, argv);
}

static bool ta_require_callable(Isolate *iso, Handle fn, const char *method) {
  if (runtime_is_callable(H(fn))) return true;
  builtins_throw_type_error(iso, "%s: callback is not a function", method);
  return false;
}

/* ---- the constructors (23.2.5.1) ------------------------------------------------------- */

/* 23.2.5.1.3 InitializeTypedArrayFromArrayBuffer, with the map already chosen. */
static Handle ta_from_array_buffer(Isolate *iso, Handle map, TypedArrayKind kind,
                                   Handle buffer, Handle byte_offset, Handle length) {
  uint64_t size = typed_array_kind_element_size(kind);
  double offset, new_length = 0;
  TA_CHECK(runtime_to_index(iso, byte_offset, &offset));
  if (fmod(offset, (double)size) != 0) {
    return builtins_throw_range_error(iso, "start offset of %s should be a multiple of %llu",
                                      typed_array_kind_name(kind), (unsigned long long)size);
  }
  bool has_length = !is_undefined(iso, H(length));
  if (has_length) TA_CHECK(runtime_to_index(iso, length, &new_length));
  if (js_array_buffer_is_detached(H(buffer))) {
    return builtins_throw_type_error(iso, "Cannot construct a typed array on a detached buffer");
  }
  uint64_t buffer_length = js_array_buffer_byte_length(H(buffer));
  uint64_t off = (uint64_t)offset;
  if (!has_length && js_array_buffer_is_resizable(H(buffer))) {
    if (off > buffer_length) {
      return builtins_throw_range_error(iso, "Start offset %llu is outside the bounds of the buffer",
                                        (unsigned long long)off);
    }
    return js_typed_array_new(iso, map, kind, buffer, off, 0, true);
  }
  uint64_t new_byte_length;
  if (!has_length) {
    if (buffer_length % size != 0) {
      return builtins_throw_range_error(iso, "byte length of %s should be a multiple of %llu",
                                        typed_array_kind_name(kind), (unsigned long long)size);
    }
    if (off > buffer_length) {
      return builtins_throw_range_error(iso, "Start offset %llu is outside the bounds of the buffer",
                                        (unsigned long long)off);
    }
    new_byte_length = buffer_length - off;
  } else {
    /* new_length < 2^53 and size <= 8: the product and the sum fit in 64 bits. */
    new_byte_length = (uint64_t)new_length * size;
    if (off + new_byte_length > buffer_length) {
      return builtins_throw_range_error(iso, "Invalid typed array length: %.0f", new_length);
    }
  }
  return js_typed_array_new(iso, map, kind, buffer, off, new_byte_length / size, false);
}

/* 23.2.5.1.2 InitializeTypedArrayFromTypedArray */
static Handle ta_from_typed_array(Isolate *iso, Handle realm, Handle map, TypedArrayKind kind,
                                  Handle source) {
  if (js_view_is_out_of_bounds(H(source))) {
    return builtins_throw_type_error(iso, "Cannot construct from a detached or out of bounds typed array");
  }
  TypedArrayKind src_kind = js_typed_array_kind(H(source));
  if (typed_array_kind_is_bigint(src_kind) != typed_array_kind_is_bigint(kind)) {
    return builtins_throw_type_error(iso, "Cannot mix BigInt and Number typed arrays");
  }
  uint64_t length = js_typed_array_length(H(source));
  Handle buffer_map = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_array_buffer_map);
  Handle result = js_typed_array_new_with_length(iso, map, kind, buffer_map, length);
  TA_TRY(result);
  const uint8_t *from = js_view_data(H(source));
  uint8_t *to = js_view_data(H(result));
  size_t src_size = typed_array_kind_element_size(src_kind), size = typed_array_kind_element_size(kind);
  if (length == 0) return result;
  if (src_kind == kind) {
    memcpy(to, from, length * size);
  } else {
    for (uint64_t i = 0; i < length; i++) {
      js_typed_array_convert(kind, to + i * size, src_kind, from + i * src_size);
    }
  }
  return result;
}

/* Stores values[0..count) into a new typed array of count elements (23.2.5.1.4
 * InitializeTypedArrayFromList). */
static Handle ta_from_list(Isolate *iso, Handle realm, Handle map, TypedArrayKind kind,
                           Handle list) {
  int64_t count = fixed_array_length(H(list));
  Handle buffer_map = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_array_buffer_map);
  Handle result = js_typed_array_new_with_length(iso, map, kind, buffer_map, (uint64_t)count);
  TA_TRY(result);
  for (int64_t k = 0; k < count; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool ok = typed_array_set_element(iso, result, (double)k,
                                      handle_new(iso, fixed_array_get(H(list), k)));
    handle_scope_close(&scope);
    TA_CHECK(ok);
  }
  return result;
}

/* 23.2.5.1.5 InitializeTypedArrayFromArrayLike */
static Handle ta_from_array_like(Isolate *iso, Handle realm, Handle map, TypedArrayKind kind,
                                 Handle array_like) {
  double len;
  TA_CHECK(runtime_length_of_array_like(iso, array_like, &len));
  Handle buffer_map = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_array_buffer_map);
  Handle result = js_typed_array_new_with_length(iso, map, kind, buffer_map, (uint64_t)len);
  TA_TRY(result);
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = runtime_get_index(iso, array_like, k);
    bool ok = !handle_is_null(value) && typed_array_set_element(iso, result, k, value);
    handle_scope_close(&scope);
    TA_CHECK(ok);
  }
  return result;
}

/* ES2025 7.4.3 GetIteratorFromMethod + 7.4.12 IteratorToList: a FixedArray. */
static Handle ta_iterate_to_list(Isolate *iso, Handle obj, Handle method) {
  Handle iterator = execution_call(iso, method, obj, 0, NULL);
  TA_TRY(iterator);
  if (!is_js_receiver(H(iterator))) {
    return builtins_throw_type_error(iso, "Result of the Symbol.iterator method is not an object");
  }
  Handle next = runtime_get(iso, iterator, ROOT_HANDLE(iso, next_string), iterator);
  TA_TRY(next);
  IteratorRecord rec = {iterator, next, false};
  Handle list = factory_new_fixed_array(iso, 8);
  TA_TRY(list);
  int64_t count = 0;
  for (;;) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done;
    Handle value = runtime_iterator_step_value(iso, &rec, &done);
    bool ok = done || !handle_is_null(value);
    if (ok && !done && count == fixed_array_length(H(list))) {
      Handle grown = factory_copy_fixed_array(iso, list, count * 2, ROOT(iso, undefined_value));
      ok = !handle_is_null(grown);
      if (ok) *list.loc = H(grown);
    }
    if (ok && !done) fixed_array_set(H(list), count++, H(value));
    handle_scope_close(&scope);
    TA_CHECK(ok);
    if (done) break;
  }
  return factory_copy_fixed_array(iso, list, count, ROOT(iso, undefined_value));
}

/* 23.2.5.1 TypedArray ( ...args ) for one kind. */
static Handle ta_construct(Isolate *iso, BuiltinArgs *args, TypedArrayKind kind) {
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Constructor %s requires 'new'",
                                     typed_array_kind_name(kind));
  }
  Handle realm = builtins_typed_array_realm(iso, args);
  Handle base_map = ta_intrinsic(iso, realm, kind, kTaMap);
  Handle first = builtin_arg(iso, args, 0);
  if (!is_js_receiver(H(first))) {
    double length;
    TA_CHECK(runtime_to_index(iso, first, &length));
    Handle map = builtins_typed_array_map_from_constructor(iso, builtin_new_target(args),
                                                           base_map, -1, (int)kind);
    TA_TRY(map);
    return js_typed_array_new_with_length(
        iso, map, kind, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_array_buffer_map),
        (uint64_t)length);
  }
  Handle map = builtins_typed_array_map_from_constructor(iso, builtin_new_target(args), base_map,
                                                         -1, (int)kind);
  TA_TRY(map);
  if (is_js_typed_array(H(first))) return ta_from_typed_array(iso, realm, map, kind, first);
  if (is_js_array_buffer(H(first))) {
    return ta_from_array_buffer(iso, map, kind, first, builtin_arg(iso, args, 1),
                                builtin_arg(iso, args, 2));
  }
  Handle using_iterator = runtime_get_method(iso, first, ROOT_HANDLE(iso, iterator_symbol));
  TA_TRY(using_iterator);
  if (!is_undefined(iso, H(using_iterator))) {
    Handle list = ta_iterate_to_list(iso, first, using_iterator);
    TA_TRY(list);
    return ta_from_list(iso, realm, map, kind, list);
  }
  return ta_from_array_like(iso, realm, map, kind, first);
}

#define CONSTRUCTOR_DEFINE(Name, NAME, ctype, size) \
  BUILTIN(Name##ArrayConstructor) { return ta_construct(iso, args, TYPED_ARRAY_##NAME); }
TYPED_ARRAY_KIND_LIST(CONSTRUCTOR_DEFINE)
#undef CONSTRUCTOR_DEFINE

/* 23.2.1.1 %TypedArray% ( ): always throws. */
BUILTIN(TypedArrayConstructor) {
  KILN_UNUSED(args);
  return builtins_throw_type_error(iso, "Abstract class TypedArray not directly constructable");
}

/* 23.2.2.4 get %TypedArray% [ @@species ] */
BUILTIN(TypedArraySpecies) {
  KILN_UNUSED(iso);
  return builtin_receiver(args);
}

/* ---- statics (23.2.2) ------------------------------------------------------------------- */

/* 23.2.2.1 %TypedArray%.from ( source [ , mapfn [ , thisArg ] ] ) */
BUILTIN(TypedArrayFrom) {
  Handle c = builtin_receiver(args);
  if (!runtime_is_constructor(H(c))) {
    return builtins_throw_type_error(iso, "TypedArray.from: this is not a constructor");
  }
  Handle mapfn = builtin_arg(iso, args, 1), this_arg = builtin_arg(iso, args, 2);
  bool mapping = !is_undefined(iso, H(mapfn));
  if (mapping && !ta_require_callable(iso, mapfn, "TypedArray.from")) return HANDLE_NULL;
  Handle source = builtin_arg(iso, args, 0);
  Handle using_iterator = runtime_get_method(iso, source, ROOT_HANDLE(iso, iterator_symbol));
  TA_TRY(using_iterator);
  Handle list = HANDLE_NULL, array_like = HANDLE_NULL;
  double len;
  if (!is_undefined(iso, H(using_iterator))) {
    list = ta_iterate_to_list(iso, source, using_iterator);
    TA_TRY(list);
    len = (double)fixed_array_length(H(list));
  } else {
    array_like = runtime_to_object(iso, source);
    TA_TRY(array_like);
    TA_CHECK(runtime_length_of_array_like(iso, array_like, &len));
  }
  Handle n = builtins_typed_array_number(iso, len);
  TA_TRY(n);
  Handle target = ta_create_from_constructor(iso, c, 1, &n, true);
  TA_TRY(target);
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = handle_is_null(list) ? runtime_get_index(iso, array_like, k)
                                        : handle_new(iso, fixed_array_get(H(list), (int64_t)k));
    if (!handle_is_null(value) && mapping) {
      Handle index = builtins_typed_array_number(iso, k);
      Handle argv[2] = {value, index};
      value = handle_is_null(index) ? index : execution_call(iso, mapfn, this_arg, 2, argv);
    }
    bool ok = !handle_is_null(value) && typed_array_set_element(iso, target, k, value);
    handle_scope_close(&scope);
    TA_CHECK(ok);
  }
  return target;
}

/* 23.2.2.2 %TypedArray%.of ( ...items ) */
BUILTIN(TypedArrayOf) {
  Handle c = builtin_receiver(args);
  if (!runtime_is_constructor(H(c))) {
    return builtins_throw_type_error(iso, "TypedArray.of: this is not a constructor");
  }
  Handle n = builtins_typed_array_number(iso, args->argc);
  TA_TRY(n);
  Handle target = ta_create_from_constructor(iso, c, 1, &n, true);
  TA_TRY(target);
  for (int k = 0; k < args->argc; k++) {
    TA_CHECK(typed_array_set_element(iso, target, k, builtin_arg(iso, args, k)));
  }
  return target;
}

/* ---- accessors (23.2.3) ----------------------------------------------------------------- */

static Handle ta_require(Isolate *iso, BuiltinArgs *args, const char *method) {
  Handle o = builtin_receiver(args);
  if (is_js_typed_array(H(o))) return o;
  return builtins_throw_type_error(iso, "%s: this is not a typed array", method);
}

BUILTIN(TypedArrayPrototypeBuffer) {
  Handle o = ta_require(iso, args, "get TypedArray.prototype.buffer");
  TA_TRY(o);
  return handle_new(iso, js_array_buffer_view_buffer(H(o)));
}

BUILTIN(TypedArrayPrototypeByteLength) {
  Handle o = ta_require(iso, args, "get TypedArray.prototype.byteLength");
  TA_TRY(o);
  return builtins_typed_array_number(iso, (double)js_view_byte_length(H(o)));
}

BUILTIN(TypedArrayPrototypeByteOffset) {
  Handle o = ta_require(iso, args, "get TypedArray.prototype.byteOffset");
  TA_TRY(o);
  if (js_view_is_out_of_bounds(H(o))) return handle_new(iso, smi_from_int(0));
  return builtins_typed_array_number(iso, (double)js_array_buffer_view_byte_offset(H(o)));
}

BUILTIN(TypedArrayPrototypeLength) {
  Handle o = ta_require(iso, args, "get TypedArray.prototype.length");
  TA_TRY(o);
  return builtins_typed_array_number(iso, (double)js_typed_array_length(H(o)));
}

/* 23.2.3.38 get %TypedArray%.prototype [ @@toStringTag ] */
BUILTIN(TypedArrayPrototypeToStringTag) {
  Tagged o = *args->receiver;
  if (!is_js_typed_array(o)) return ROOT_HANDLE(iso, undefined_value);
  const char *name = typed_array_kind_name(js_typed_array_kind(o));
  return string_internalize_utf8(iso, name, strlen(name));
}

/* ---- element-wise methods -------------------------------------------------------------- */

/* 23.2.3.1 %TypedArray%.prototype.at ( index ) */
BUILTIN(TypedArrayPrototypeAt) {
  double len, rel;
  Handle o = ta_this(iso, args, "TypedArray.prototype.at", &len);
  TA_TRY(o);
  TA_CHECK(runtime_to_integer_or_infinity(iso, builtin_arg(iso, args, 0), &rel));
  double k = rel >= 0 ? rel : len + rel;
  if (k < 0 || k >= len) return ROOT_HANDLE(iso, undefined_value);
  return ta_get(iso, o, k);
}

/* 23.2.3.6 %TypedArray%.prototype.copyWithin ( target, start [ , end ] ) */
BUILTIN(TypedArrayPrototypeCopyWithin) {
  double len, to, from, final;
  Handle o = ta_this_write(iso, args, "TypedArray.prototype.copyWithin", &len);
  TA_TRY(o);
  TA_CHECK(ta_relative_index(iso, builtin_arg(iso, args, 0), len, 0, &to));
  TA_CHECK(ta_relative_index(iso, builtin_arg(iso, args, 1), len, 0, &from));
  TA_CHECK(ta_relative_index(iso, builtin_arg(iso, args, 2), len, len, &final));
  double count = fmin(final - from, len - to);
  if (count <= 0) return o;
  TA_CHECK(builtins_typed_array_validate(iso, o, "TypedArray.prototype.copyWithin"));
  /* The array may have shrunk: clamp the count to what is left at both ends (as engines
   * and test262 do; the spec's byte loop stops at the new length too, except that it gives
   * up entirely on a backward copy whose end is past it). memmove handles the overlap. */
  len = (double)js_typed_array_length(H(o));
  count = fmin(count, fmin(len - from, len - to));
  if (count <= 0) return o;
  uint64_t size = js_typed_array_element_size(H(o));
  uint8_t *data = js_view_data(H(o));
  memmove(data + (uint64_t)to * size, data + (uint64_t)from * size, (uint64_t)count * size);
  return o;
}

typedef enum { TA_EVERY, TA_SOME, TA_FOR_EACH } TaIterateMode;

/* every, some and forEach (23.2.3.7, 23.2.3.28, 23.2.3.15). */
static Handle ta_iterate(Isolate *iso, BuiltinArgs *args, TaIterateMode mode, const char *method) {
  double len;
  Handle o = ta_this(iso, args, method, &len);
  TA_TRY(o);
  Handle fn = builtin_arg(iso, args, 0), this_arg = builtin_arg(iso, args, 1);
  TA_CHECK(ta_require_callable(iso, fn, method));
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = ta_get(iso, o, k);
    Handle r = handle_is_null(value) ? value : ta_call_callback(iso, fn, this_arg, value, k, o);
    bool truthy = !handle_is_null(r) && runtime_to_boolean(iso, H(r));
    handle_scope_close(&scope);
    TA_TRY(r);
    if (mode == TA_EVERY && !truthy) return ROOT_HANDLE(iso, false_value);
    if (mode == TA_SOME && truthy) return ROOT_HANDLE(iso, true_value);
  }
  if (mode == TA_FOR_EACH) return ROOT_HANDLE(iso, undefined_value);
  return builtins_typed_array_boolean(iso, mode == TA_EVERY);
}

BUILTIN(TypedArrayPrototypeEvery) {
  return ta_iterate(iso, args, TA_EVERY, "TypedArray.prototype.every");
}
BUILTIN(TypedArrayPrototypeSome) {
  return ta_iterate(iso, args, TA_SOME, "TypedArray.prototype.some");
}
BUILTIN(TypedArrayPrototypeForEach) {
  return ta_iterate(iso, args, TA_FOR_EACH, "TypedArray.prototype.forEach");
}

/* 23.2.3.9 %TypedArray%.prototype.fill ( value [ , start [ , end ] ] ) */
BUILTIN(TypedArrayPrototypeFill) {
  double len, start, final;
  Handle o = ta_this_write(iso, args, "TypedArray.prototype.fill", &len);
  TA_TRY(o);
  Handle value = typed_array_to_content(iso, o, builtin_arg(iso, args, 0));
  TA_TRY(value);
  TA_CHECK(ta_relative_index(iso, builtin_arg(iso, args, 1), len, 0, &start));
  TA_CHECK(ta_relative_index(iso, builtin_arg(iso, args, 2), len, len, &final));
  TA_CHECK(builtins_typed_array_validate(iso, o, "TypedArray.prototype.fill"));
  final = fmin(final, (double)js_typed_array_length(H(o)));
  TypedArrayKind kind = js_typed_array_kind(H(o));
  size_t size = typed_array_kind_element_size(kind);
  uint8_t *data = js_view_data(H(o));
  for (uint64_t k = (uint64_t)start; (double)k < final; k++) {
    js_typed_array_store_value(kind, data + k * size, H(value));
  }
  return o;
}

/* 23.2.3.10 %TypedArray%.prototype.filter ( callbackfn [ , thisArg ] ) */
BUILTIN(TypedArrayPrototypeFilter) {
  double len;
  Handle o = ta_this(iso, args, "TypedArray.prototype.filter", &len);
  TA_TRY(o);
  Handle fn = builtin_arg(iso, args, 0), this_arg = builtin_arg(iso, args, 1);
  TA_CHECK(ta_require_callable(iso, fn, "TypedArray.prototype.filter"));
  Handle kept = factory_new_fixed_array(iso, len < 8 ? 8 : (int64_t)fmin(len, 1 << 20));
  TA_TRY(kept);
  int64_t captured = 0;
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = ta_get(iso, o, k);
    Handle r = handle_is_null(value) ? value : ta_call_callback(iso, fn, this_arg, value, k, o);
    bool ok = !handle_is_null(r);
    if (ok && runtime_to_boolean(iso, H(r))) {
      if (captured == fixed_array_length(H(kept))) {
        Handle grown = factory_copy_fixed_array(iso, kept, captured * 2, ROOT(iso, undefined_value));
        ok = !handle_is_null(grown);
        if (ok) *kept.loc = H(grown);
      }
      if (ok) fixed_array_set(H(kept), captured++, H(value));
    }
    handle_scope_close(&scope);
    TA_CHECK(ok);
  }
  Handle a = ta_species_create_length(iso, args, o, (double)captured);
  TA_TRY(a);
  for (int64_t n = 0; n < captured; n++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool ok = typed_array_set_element(iso, a, (double)n, handle_new(iso, fixed_array_get(H(kept), n)));
    handle_scope_close(&scope);
    TA_CHECK(ok);
  }
  return a;
}

typedef enum { TA_FIND_VALUE, TA_FIND_INDEX } TaFindResult;

/* find, findIndex, findLast, findLastIndex (23.2.3.11-14, FindViaPredicate). */
static Handle ta_find(Isolate *iso, BuiltinArgs *args, bool ascending, TaFindResult want,
                      const char *method) {
  double len;
  Handle o = ta_this(iso, args, method, &len);
  TA_TRY(o);
  Handle fn = builtin_arg(iso, args, 0), this_arg = builtin_arg(iso, args, 1);
  TA_CHECK(ta_require_callable(iso, fn, method));
  Handle found = handle_new(iso, ROOT(iso, undefined_value));
  for (double i = 0; i < len; i++) {
    double k = ascending ? i : len - 1 - i;
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = ta_get(iso, o, k);
    Handle r = handle_is_null(value) ? value : ta_call_callback(iso, fn, this_arg, value, k, o);
    bool hit = !handle_is_null(r) && runtime_to_boolean(iso, H(r));
    if (hit) *found.loc = H(value);
    handle_scope_close(&scope);
    TA_TRY(r);
    if (hit) return want == TA_FIND_VALUE ? found : builtins_typed_array_number(iso, k);
  }
  return want == TA_FIND_VALUE ? ROOT_HANDLE(iso, undefined_value)
                               : handle_new(iso, smi_from_int(-1));
}

BUILTIN(TypedArrayPrototypeFind) {
  return ta_find(iso, args, true, TA_FIND_VALUE, "TypedArray.prototype.find");
}
BUILTIN(TypedArrayPrototypeFindIndex) {
  return ta_find(iso, args, true, TA_FIND_INDEX, "TypedArray.prototype.findIndex");
}
BUILTIN(TypedArrayPrototypeFindLast) {
  return ta_find(iso, args, false, TA_FIND_VALUE, "TypedArray.prototype.findLast");
}
BUILTIN(TypedArrayPrototypeFindLastIndex) {
  return ta_find(iso, args, false, TA_FIND_INDEX, "TypedArray.prototype.findLastIndex");
}

/* Is v a value of o's content type (a BigInt for BigInt64/BigUint64 arrays, else a
 * Number)? Strict equality with an element needs it. */
static bool ta_is_content(Handle o, Tagged v) {
  return typed_array_kind_is_bigint(js_typed_array_kind(H(o))) ? is_bigint(v) : is_number(v);
}

/* 23.2.3.16 includes and 23.2.3.17 indexOf: the start index from fromIndex, or -1 when the
 * search cannot find anything. */
static bool ta_search_start(Isolate *iso, Handle from_index, double len, double *start) {
  double n;
  if (!runtime_to_integer_or_infinity(iso, from_index, &n)) return false;
  if (n == INFINITY) {
    *start = -1;
  } else if (n >= 0) {
    *start = n;
  } else {
    *start = fmax(len + n, 0);
  }
  return true;
}

BUILTIN(TypedArrayPrototypeIncludes) {
  double len, k;
  Handle o = ta_this(iso, args, "TypedArray.prototype.includes", &len);
  TA_TRY(o);
  if (len == 0) return ROOT_HANDLE(iso, false_value);
  TA_CHECK(ta_search_start(iso, builtin_arg(iso, args, 1), len, &k));
  Handle search = builtin_arg(iso, args, 0); /* re-read: ta_get may move it */
  for (; k >= 0 && k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle element = ta_get(iso, o, k);
    bool same = !handle_is_null(element) && runtime_same_value_zero(H(search), H(element));
    handle_scope_close(&scope);
    if (isolate_has_pending_exception(iso)) return HANDLE_NULL;
    if (same) return ROOT_HANDLE(iso, true_value);
  }
  return ROOT_HANDLE(iso, false_value);
}

BUILTIN(TypedArrayPrototypeIndexOf) {
  double len, k;
  Handle o = ta_this(iso, args, "TypedArray.prototype.indexOf", &len);
  TA_TRY(o);
  if (len == 0) return handle_new(iso, smi_from_int(-1));
  TA_CHECK(ta_search_start(iso, builtin_arg(iso, args, 1), len, &k));
  Handle search = builtin_arg(iso, args, 0); /* re-read: ta_get may move it */
  if (!ta_is_content(o, H(search))) return handle_new(iso, smi_from_int(-1));
  for (; k >= 0 && k < len; k++) {
    if (!js_typed_array_is_valid_index(H(o), k)) continue; /* HasProperty */
    Handle element = ta_get(iso, o, k);
    TA_TRY(element);
    if (runtime_strict_equals(H(search), H(element))) return builtins_typed_array_number(iso, k);
  }
  return handle_new(iso, smi_from_int(-1));
}

/* 23.2.3.20 %TypedArray%.prototype.lastIndexOf ( searchElement [ , fromIndex ] ) */
BUILTIN(TypedArrayPrototypeLastIndexOf) {
  double len, n, k;
  Handle o = ta_this(iso, args, "TypedArray.prototype.lastIndexOf", &len);
  TA_TRY(o);
  if (len == 0) return handle_new(iso, smi_from_int(-1));
  if (args->argc > 1) {
    TA_CHECK(runtime_to_integer_or_infinity(iso, builtin_arg(iso, args, 1), &n));
  } else {
    n = len - 1;
  }
  if (n == -INFINITY) return handle_new(iso, smi_from_int(-1));
  k = n >= 0 ? fmin(n, len - 1) : len + n;
  Handle search = builtin_arg(iso, args, 0); /* re-read: ta_get may move it */
  if (!ta_is_content(o, H(search))) return handle_new(iso, smi_from_int(-1));
  for (; k >= 0; k--) {
    if (!js_typed_array_is_valid_index(H(o), k)) continue;
    Handle element = ta_get(iso, o, k);
    TA_TRY(element);
    if (runtime_strict_equals(H(search), H(element))) return builtins_typed_array_number(iso, k);
  }
  return handle_new(iso, smi_from_int(-1));
}

/* 23.2.3.22 %TypedArray%.prototype.map ( callbackfn [ , thisArg ] ) */
BUILTIN(TypedArrayPrototypeMap) {
  double len;
  Handle o = ta_this(iso, args, "TypedArray.prototype.map", &len);
  TA_TRY(o);
  Handle fn = builtin_arg(iso, args, 0), this_arg = builtin_arg(iso, args, 1);
  TA_CHECK(ta_require_callable(iso, fn, "TypedArray.prototype.map"));
  Handle a = ta_species_create_length(iso, args, o, len);
  TA_TRY(a);
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = ta_get(iso, o, k);
    Handle mapped = handle_is_null(value) ? value : ta_call_callback(iso, fn, this_arg, value, k, o);
    bool ok = !handle_is_null(mapped) && typed_array_set_element(iso, a, k, mapped);
    handle_scope_close(&scope);
    TA_CHECK(ok);
  }
  return a;
}

/* reduce and reduceRight (23.2.3.23, 23.2.3.24). */
static Handle ta_reduce(Isolate *iso, BuiltinArgs *args, bool right, const char *method) {
  double len;
  Handle o = ta_this(iso, args, method, &len);
  TA_TRY(o);
  Handle fn = builtin_arg(iso, args, 0);
  TA_CHECK(ta_require_callable(iso, fn, method));
  if (len == 0 && args->argc < 2) {
    return builtins_throw_type_error(iso, "%s of empty array with no initial value", method);
  }
  double i = 0;
  Handle acc = handle_new(iso, ROOT(iso, undefined_value));
  if (args->argc >= 2) {
    *acc.loc = H(builtin_arg(iso, args, 1));
  } else {
    Handle first = ta_get(iso, o, right ? len - 1 : 0);
    TA_TRY(first);
    *acc.loc = H(first);
    i = 1;
  }
  for (; i < len; i++) {
    double k = right ? len - 1 - i : i;
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = ta_get(iso, o, k);
    Handle index = builtins_typed_array_number(iso, k);
    Handle r = HANDLE_NULL;
    if (!handle_is_null(value) && !handle_is_null(index)) {
      Handle argv[4] = {acc, value, index, o};
      r = execution_call(iso, fn, ROOT_HANDLE(iso, undefined_value), 4, argv);
    }
    if (!handle_is_null(r)) *acc.loc = H(r);
    handle_scope_close(&scope);
    TA_TRY(r);
  }
  return acc;
}

BUILTIN(TypedArrayPrototypeReduce) {
  return ta_reduce(iso, args, false, "TypedArray.prototype.reduce");
}
BUILTIN(TypedArrayPrototypeReduceRight) {
  return ta_reduce(iso, args, true, "TypedArray.prototype.reduceRight");
}

/* 23.2.3.25 %TypedArray%.prototype.reverse ( ): no user code runs, so bytes swap in place. */
BUILTIN(TypedArrayPrototypeReverse) {
  double len;
  Handle o = ta_this_write(iso, args, "TypedArray.prototype.reverse", &len);
  TA_TRY(o);
  size_t size = js_typed_array_element_size(H(o));
  uint8_t *data = js_view_data(H(o)), tmp[8];
  for (uint64_t lower = 0, upper = (uint64_t)len; upper > lower + 1; lower++) {
    upper--;
    memcpy(tmp, data + lower * size, size);
    memcpy(data + lower * size, data + upper * size, size);
    memcpy(data + upper * size, tmp, size);
  }
  return o;
}

/* 23.2.3.35 %TypedArray%.prototype.toReversed ( ) */
BUILTIN(TypedArrayPrototypeToReversed) {
  double len;
  Handle o = ta_this(iso, args, "TypedArray.prototype.toReversed", &len);
  TA_TRY(o);
  Handle a = ta_create_same_type(iso, args, o, len);
  TA_TRY(a);
  size_t size = js_typed_array_element_size(H(o));
  const uint8_t *from = js_view_data(H(o));
  uint8_t *to = js_view_data(H(a));
  for (uint64_t k = 0, n = (uint64_t)len; k < n; k++) {
    memcpy(to + k * size, from + (n - 1 - k) * size, size);
  }
  return a;
}

/* ---- set, slice, subarray ---------------------------------------------------------------- */

/* 23.2.3.26.1 SetTypedArrayFromTypedArray */
static bool ta_set_from_typed_array(Isolate *iso, Handle target, double target_offset,
                                    Handle source) {
  const char *method = "TypedArray.prototype.set";
  if (js_view_is_out_of_bounds(H(target)) || js_view_is_out_of_bounds(H(source))) {
    builtins_throw_type_error(iso, "%s: typed array is detached or out of bounds", method);
    return false;
  }
  double target_length = (double)js_typed_array_length(H(target));
  double src_length = (double)js_typed_array_length(H(source));
  if (target_offset == INFINITY || src_length + target_offset > target_length) {
    builtins_throw_range_error(iso, "%s: offset is out of bounds", method);
    return false;
  }
  if (!ta_same_content(H(target), H(source))) {
    builtins_throw_type_error(iso, "%s: cannot mix BigInt and Number typed arrays", method);
    return false;
  }
  TypedArrayKind kind = js_typed_array_kind(H(target)), src_kind = js_typed_array_kind(H(source));
  size_t size = typed_array_kind_element_size(kind), src_size = typed_array_kind_element_size(src_kind);
  uint64_t n = (uint64_t)src_length;
  uint8_t *to = js_view_data(H(target)) + (uint64_t)target_offset * size;
  const uint8_t *from = js_view_data(H(source));
  if (n == 0) return true;
  if (kind == src_kind) {
    memmove(to, from, n * size);
    return true;
  }
  /* Different types over one buffer may overlap: read a copy (the spec's CloneArrayBuffer). */
  uint8_t *copy = NULL;
  if (js_array_buffer_view_buffer(H(target)) == js_array_buffer_view_buffer(H(source))) {
    copy = malloc(n * src_size);
    if (copy == NULL) {
      isolate_throw_out_of_memory(iso);
      return false;
    }
    memcpy(copy, from, n * src_size);
    from = copy;
  }
  for (uint64_t k = 0; k < n; k++) {
    js_typed_array_convert(kind, to + k * size, src_kind, from + k * src_size);
  }
  free(copy);
  return true;
}

/* 23.2.3.26.2 SetTypedArrayFromArrayLike */
static bool ta_set_from_array_like(Isolate *iso, Handle target, double target_offset,
                                   Handle source) {
  const char *method = "TypedArray.prototype.set";
  if (js_view_is_out_of_bounds(H(target))) {
    builtins_throw_type_error(iso, "%s: typed array is detached or out of bounds", method);
    return false;
  }
  double target_length = (double)js_typed_array_length(H(target)), src_length;
  Handle src = runtime_to_object(iso, source);
  if (handle_is_null(src) || !runtime_length_of_array_like(iso, src, &src_length)) return false;
  if (target_offset == INFINITY || src_length + target_offset > target_length) {
    builtins_throw_range_error(iso, "%s: offset is out of bounds", method);
    return false;
  }
  for (double k = 0; k < src_length; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = runtime_get_index(iso, src, k);
    bool ok = !handle_is_null(value) &&
              typed_array_set_element(iso, target, target_offset + k, value);
    handle_scope_close(&scope);
    if (!ok) return false;
  }
  return true;
}

/* 23.2.3.26 %TypedArray%.prototype.set ( source [ , offset ] ) */
BUILTIN(TypedArrayPrototypeSet) {
  Handle target = ta_require(iso, args, "TypedArray.prototype.set");
  TA_TRY(target);
  if (js_view_is_immutable(H(target))) {
    return builtins_throw_type_error(iso, "TypedArray.prototype.set: the buffer is immutable");
  }
  double offset;
  TA_CHECK(runtime_to_integer_or_infinity(iso, builtin_arg(iso, args, 1), &offset));
  if (offset < 0) return builtins_throw_range_error(iso, "TypedArray.prototype.set: offset is out of bounds");
  Handle source = builtin_arg(iso, args, 0);
  bool ok = is_js_typed_array(H(source)) ? ta_set_from_typed_array(iso, target, offset, source)
                                         : ta_set_from_array_like(iso, target, offset, source);
  TA_CHECK(ok);
  return ROOT_HANDLE(iso, undefined_value);
}

/* 23.2.3.27 %TypedArray%.prototype.slice ( start, end ) */
BUILTIN(TypedArrayPrototypeSlice) {
  double len, start, final;
  Handle o = ta_this(iso, args, "TypedArray.prototype.slice", &len);
  TA_TRY(o);
  TA_CHECK(ta_relative_index(iso, builtin_arg(iso, args, 0), len, 0, &start));
  TA_CHECK(ta_relative_index(iso, builtin_arg(iso, args, 1), len, len, &final));
  double count = fmax(final - start, 0);
  Handle a = ta_species_create_length(iso, args, o, count);
  TA_TRY(a);
  if (count <= 0) return a;
  TA_CHECK(builtins_typed_array_validate(iso, o, "TypedArray.prototype.slice"));
  final = fmin(final, (double)js_typed_array_length(H(o)));
  count = fmax(final - start, 0);
  TypedArrayKind kind = js_typed_array_kind(H(o)), a_kind = js_typed_array_kind(H(a));
  if (kind == a_kind) {
    /* Byte by byte, forwards (the spec's loop; the two may share a buffer). */
    size_t size = typed_array_kind_element_size(kind);
    const uint8_t *from = js_view_data(H(o)) + (uint64_t)start * size;
    uint8_t *to = js_view_data(H(a));
    uint64_t bytes = (uint64_t)count * size;
    uint64_t room = js_view_byte_length(H(a)); /* a may be shorter than asked if resizable */
    for (uint64_t i = 0; i < bytes && i < room; i++) to[i] = from[i];
    return a;
  }
  for (double n = 0, k = start; k < final; k++, n++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = ta_get(iso, o, k);
    bool ok = !handle_is_null(value) && typed_array_set_element(iso, a, n, value);
    handle_scope_close(&scope);
    TA_CHECK(ok);
  }
  return a;
}

/* 23.2.3.30 %TypedArray%.prototype.subarray ( start, end ) */
BUILTIN(TypedArrayPrototypeSubarray) {
  Handle o = ta_require(iso, args, "TypedArray.prototype.subarray");
  TA_TRY(o);
  Handle buffer = handle_new(iso, js_array_buffer_view_buffer(H(o)));
  double src_length = (double)js_typed_array_length(H(o)); /* 0 when out of bounds */
  double start, final;
  TA_CHECK(ta_relative_index(iso, builtin_arg(iso, args, 0), src_length, 0, &start));
  Handle end = builtin_arg(iso, args, 1);
  bool tracking = js_view_is_length_tracking(H(o));
  size_t size = js_typed_array_element_size(H(o));
  double begin_byte_offset = (double)js_array_buffer_view_byte_offset(H(o)) + start * (double)size;
  Handle argv[3];
  argv[0] = buffer;
  argv[1] = builtins_typed_array_number(iso, begin_byte_offset);
  TA_TRY(argv[1]);
  int argc = 2;
  if (!tracking || !is_undefined(iso, H(end))) {
    TA_CHECK(ta_relative_index(iso, end, src_length, src_length, &final));
    argv[2] = builtins_typed_array_number(iso, fmax(final - start, 0));
    TA_TRY(argv[2]);
    argc = 3;
  }
  return ta_species_create(iso, args, o, argc, argv, false);
}

/* ---- sorting ----------------------------------------------------------------------------- */

typedef struct {
  Isolate *iso;
  TypedArrayKind kind;
  Handle comparefn; /* undefined for the default order */
  bool failed;
} TaSortContext;

/* Elements are sorted as their raw bits: the element's bytes in the low bytes of a
 * uint64_t (little-endian), so every kind sorts the same way and NaN payloads survive. */
static double ta_raw_number(TypedArrayKind kind, uint64_t raw) {
  return js_typed_array_load(kind, (const uint8_t *)&raw);
}

/* The default order of CompareTypedArrayElements: numeric, NaN last, -0 before +0. */
static int ta_compare_default(TypedArrayKind kind, uint64_t a, uint64_t b) {
  if (kind == TYPED_ARRAY_BIGINT64) return (int64_t)a < (int64_t)b ? -1 : (int64_t)a > (int64_t)b;
  if (kind == TYPED_ARRAY_BIGUINT64) return a < b ? -1 : a > b;
  double x = ta_raw_number(kind, a), y = ta_raw_number(kind, b);
  if (isnan(x)) return isnan(y) ? 0 : 1;
  if (isnan(y)) return -1;
  if (x < y) return -1;
  if (x > y) return 1;
  if (x == 0 && y == 0) return signbit(x) && !signbit(y) ? -1 : (!signbit(x) && signbit(y) ? 1 : 0);
  return 0;
}

/* ES2025 23.2.4.7 CompareTypedArrayElements: < 0, 0 or > 0; sets failed on a throw. */
static double ta_compare(TaSortContext *c, uint64_t a, uint64_t b) {
  if (c->failed) return 0;
  if (is_undefined(c->iso, H(c->comparefn))) return ta_compare_default(c->kind, a, b);
  Isolate *iso = c->iso;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle argv[2] = {js_typed_array_load_value(iso, c->kind, (const uint8_t *)&a),
                    js_typed_array_load_value(iso, c->kind, (const uint8_t *)&b)};
  double v = 0;
  Handle r = HANDLE_NULL;
  if (!handle_is_null(argv[0]) && !handle_is_null(argv[1])) {
    r = execution_call(iso, c->comparefn, ROOT_HANDLE(iso, undefined_value), 2, argv);
  }
  if (handle_is_null(r) || !runtime_to_number_double(iso, r, &v)) c->failed = true;
  handle_scope_close(&scope);
  return isnan(v) ? 0 : v;
}

/* A stable bottom-up merge sort of n elements (SortIndexedProperties with the
 * comparator); stops early once the comparator throws. false with the exception pending
 * then. */
static bool ta_merge_sort(TaSortContext *c, uint64_t *a, size_t n) {
  if (n < 2) return true;
  uint64_t *tmp = malloc(n * sizeof *tmp);
  if (tmp == NULL) {
    isolate_throw_out_of_memory(c->iso);
    return false;
  }
  for (size_t width = 1; width < n && !c->failed; width *= 2) {
    for (size_t lo = 0; lo < n && !c->failed; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        tmp[k++] = ta_compare(c, a[j], a[i]) < 0 ? a[j++] : a[i++];
        if (c->failed) break;
      }
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
      if (!c->failed) memcpy(a + lo, tmp + lo, (hi - lo) * sizeof *a);
    }
  }
  free(tmp);
  return !c->failed;
}

/* The raw bits of o's first len elements, sorted (a malloc'd array the caller frees), or
 * NULL with an exception pending. */
static uint64_t *ta_sorted_values(Isolate *iso, Handle o, uint64_t len, Handle comparefn) {
  uint64_t *values = calloc(len ? len : 1, sizeof *values);
  if (values == NULL) {
    isolate_throw_out_of_memory(iso);
    return NULL;
  }
  TypedArrayKind kind = js_typed_array_kind(H(o));
  size_t size = typed_array_kind_element_size(kind);
  const uint8_t *data = js_view_data(H(o));
  for (uint64_t k = 0; k < len; k++) memcpy(&values[k], data + k * size, size);
  TaSortContext c = {iso, kind, comparefn, false};
  if (!ta_merge_sort(&c, values, (size_t)len)) {
    free(values);
    return NULL;
  }
  return values;
}

/* Writes the sorted elements into ta's elements that are still valid (Set(obj, j, v,
 * true)); ta has the same kind as the sorted array. */
static void ta_store_values(Handle ta, const uint64_t *values, uint64_t len) {
  size_t size = js_typed_array_element_size(H(ta));
  uint64_t valid = js_typed_array_length(H(ta));
  uint8_t *data = js_view_data(H(ta));
  for (uint64_t k = 0; k < len && k < valid; k++) memcpy(data + k * size, &values[k], size);
}

/* 23.2.3.29 %TypedArray%.prototype.sort ( comparefn ) */
BUILTIN(TypedArrayPrototypeSort) {
  Handle comparefn = builtin_arg(iso, args, 0);
  if (!is_undefined(iso, H(comparefn)) && !runtime_is_callable(H(comparefn))) {
    return builtins_throw_type_error(iso, "TypedArray.prototype.sort: comparator is not a function");
  }
  double len;
  Handle o = ta_this_write(iso, args, "TypedArray.prototype.sort", &len);
  TA_TRY(o);
  uint64_t *values = ta_sorted_values(iso, o, (uint64_t)len, comparefn);
  if (values == NULL) return HANDLE_NULL;
  ta_store_values(o, values, (uint64_t)len);
  free(values);
  return o;
}

/* 23.2.3.36 %TypedArray%.prototype.toSorted ( comparefn ) */
BUILTIN(TypedArrayPrototypeToSorted) {
  Handle comparefn = builtin_arg(iso, args, 0);
  if (!is_undefined(iso, H(comparefn)) && !runtime_is_callable(H(comparefn))) {
    return builtins_throw_type_error(iso, "TypedArray.prototype.toSorted: comparator is not a function");
  }
  double len;
  Handle o = ta_this(iso, args, "TypedArray.prototype.toSorted", &len);
  TA_TRY(o);
  Handle a = ta_create_same_type(iso, args, o, len);
  TA_TRY(a);
  uint64_t *values = ta_sorted_values(iso, o, (uint64_t)len, comparefn);
  if (values == NULL) return HANDLE_NULL;
  ta_store_values(a, values, (uint64_t)len);
  free(values);
  return a;
}

/* 23.2.3.39 %TypedArray%.prototype.with ( index, value ) */
BUILTIN(TypedArrayPrototypeWith) {
  double len, rel;
  Handle o = ta_this(iso, args, "TypedArray.prototype.with", &len);
  TA_TRY(o);
  TA_CHECK(runtime_to_integer_or_infinity(iso, builtin_arg(iso, args, 0), &rel));
  double actual = rel >= 0 ? rel : len + rel;
  Handle value = typed_array_to_content(iso, o, builtin_arg(iso, args, 1));
  TA_TRY(value);
  if (!js_typed_array_is_valid_index(H(o), actual)) {
    return builtins_throw_range_error(iso, "TypedArray.prototype.with: invalid index");
  }
  Handle a = ta_create_same_type(iso, args, o, len);
  TA_TRY(a);
  TypedArrayKind kind = js_typed_array_kind(H(o));
  size_t size = typed_array_kind_element_size(kind);
  uint64_t valid = js_typed_array_length(H(o));
  const uint8_t *from = js_view_data(H(o));
  uint8_t *to = js_view_data(H(a));
  for (uint64_t k = 0; k < (uint64_t)len; k++) {
    if ((double)k == actual) {
      js_typed_array_store_value(kind, to + k * size, H(value));
    } else if (k < valid) {
      memcpy(to + k * size, from + k * size, size);
    } else if (!typed_array_kind_is_bigint(kind)) {
      js_typed_array_store(kind, to + k * size, NAN); /* Get(O, k) is undefined: NaN */
    }
  }
  return a;
}

/* ---- join and toLocaleString ------------------------------------------------------------ */

/* A growable UTF-16 buffer (malloc'd). */
typedef struct {
  uint16_t *data;
  size_t length, capacity;
  bool failed;
} TaText;

static void ta_text_append_unit(TaText *t, uint16_t unit) {
  if (t->failed) return;
  if (t->length == t->capacity) {
    size_t cap = t->capacity ? t->capacity * 2 : 64;
    uint16_t *grown = realloc(t->data, cap * sizeof *grown);
    if (grown == NULL) {
      t->failed = true;
      return;
    }
    t->data = grown;
    t->capacity = cap;
  }
  t->data[t->length++] = unit;
}

static void ta_text_append_string(TaText *t, Tagged s) {
  StringIterator it;
  StringView piece;
  string_iterator_init(&it, s);
  while (string_iterator_next(&it, &piece)) {
    for (int64_t i = 0; i < piece.length; i++) ta_text_append_unit(t, string_view_get(piece, i));
  }
  string_iterator_dispose(&it);
}

static void ta_text_append_number(TaText *t, double v) {
  char buf[64];
  int n = runtime_double_to_cstring(v, buf);
  for (int i = 0; i < n; i++) ta_text_append_unit(t, (uint8_t)buf[i]);
}

/* The text as a String; frees it. May allocate. */
static Handle ta_text_finish(Isolate *iso, TaText *t) {
  Handle result = HANDLE_NULL;
  if (t->failed || t->length > (size_t)INT32_MAX) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid string length");
  } else {
    bool one_byte = true;
    for (size_t i = 0; i < t->length && one_byte; i++) one_byte = t->data[i] < 0x100;
    if (one_byte) {
      uint8_t *bytes = malloc(t->length ? t->length : 1);
      if (bytes == NULL) {
        isolate_throw_out_of_memory(iso);
      } else {
        for (size_t i = 0; i < t->length; i++) bytes[i] = (uint8_t)t->data[i];
        result = string_new_one_byte(iso, bytes, t->length);
        free(bytes);
      }
    } else {
      result = string_new_two_byte(iso, t->data, t->length);
    }
  }
  free(t->data);
  t->data = NULL;
  return result;
}

/* 23.2.3.18 %TypedArray%.prototype.join ( separator ) */
BUILTIN(TypedArrayPrototypeJoin) {
  double len;
  Handle o = ta_this(iso, args, "TypedArray.prototype.join", &len);
  TA_TRY(o);
  Handle separator = builtin_arg(iso, args, 0);
  Handle sep = is_undefined(iso, H(separator)) ? builtins_string(iso, ",")
                                               : runtime_to_string(iso, separator);
  TA_TRY(sep);
  TaText t = {0};
  /* After ToString(separator) the array may be shorter: Get gives undefined, i.e. "". */
  uint64_t valid = js_typed_array_length(H(o));
  TypedArrayKind kind = js_typed_array_kind(H(o));
  size_t size = typed_array_kind_element_size(kind);
  const uint8_t *data = js_view_data(H(o));
  for (uint64_t k = 0; k < (uint64_t)len; k++) {
    if (k > 0) ta_text_append_string(&t, H(sep));
    if (k < valid && typed_array_kind_is_bigint(kind)) {
      /* Allocates, but runs no user code: the buffer stays as it is. */
      HandleScope scope;
      handle_scope_open(iso, &scope);
      Handle value = js_typed_array_load_value(iso, kind, js_view_data(H(o)) + k * size);
      Handle text = handle_is_null(value) ? value : bigint_to_string(iso, value, 10);
      if (!handle_is_null(text)) ta_text_append_string(&t, H(text));
      handle_scope_close(&scope);
      if (handle_is_null(text)) {
        free(t.data);
        return HANDLE_NULL;
      }
    } else if (k < valid) {
      ta_text_append_number(&t, js_typed_array_load(kind, data + k * size));
    }
    if (t.failed) break;
  }
  return ta_text_finish(iso, &t);
}

/* 23.2.3.31 %TypedArray%.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ) */
BUILTIN(TypedArrayPrototypeToLocaleString) {
  double len;
  Handle o = ta_this(iso, args, "TypedArray.prototype.toLocaleString", &len);
  TA_TRY(o);
  Handle key = builtins_string(iso, "toLocaleString");
  TA_TRY(key);
  TaText t = {0};
  for (double k = 0; k < len; k++) {
    if (k > 0) ta_text_append_unit(&t, ',');
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle element = ta_get(iso, o, k);
    Handle s = element;
    if (!handle_is_null(element) && !is_undefined(iso, H(element))) {
      s = runtime_invoke(iso, element, key, 0, NULL);
      if (!handle_is_null(s)) s = runtime_to_string(iso, s);
      if (!handle_is_null(s)) ta_text_append_string(&t, H(s));
    }
    handle_scope_close(&scope);
    if (handle_is_null(s)) {
      free(t.data);
      return HANDLE_NULL;
    }
  }
  return ta_text_finish(iso, &t);
}

/* ---- iterators (23.2.3.8, 23.2.3.19, 23.2.3.37) ------------------------------------------- */

/* ES2025 23.1.5.1 CreateArrayIterator(o, kind) with the realm's Array Iterator map. */
static Handle ta_create_iterator(Isolate *iso, BuiltinArgs *args, int kind, const char *method) {
  double len;
  Handle o = ta_this(iso, args, method, &len);
  TA_TRY(o);
  Handle realm = builtins_typed_array_realm(iso, args);
  Handle map = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_array_iterator_map);
  if (!is_map(H(map))) return builtins_throw_type_error(iso, "%s: no Array Iterator in this realm", method);
  Handle it = factory_new_js_object_from_map(iso, map);
  TA_TRY(it);
  js_array_iterator_set_iterated(H(it), H(o));
  js_array_iterator_set_next_index(H(it), smi_from_int(0));
  js_array_iterator_set_kind(H(it), kind);
  return it;
}

BUILTIN(TypedArrayPrototypeKeys) {
  return ta_create_iterator(iso, args, 0, "TypedArray.prototype.keys");
}
BUILTIN(TypedArrayPrototypeValues) {
  return ta_create_iterator(iso, args, 1, "TypedArray.prototype.values");
}
BUILTIN(TypedArrayPrototypeEntries) {
  return ta_create_iterator(iso, args, 2, "TypedArray.prototype.entries");
}

/* ---- installation ---------------------------------------------------------------------- */

typedef struct {
  const char *key;
  BuiltinFunction getter;
} TaGetterSpec;

#define GETTER_SPEC(Name, key) {key, BUILTIN_NAME(Name)},
static const BuiltinSpec kTypedArrayBuiltins[] = {TYPED_ARRAY_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kTypedArrayPrototypeBuiltins[] = {
    TYPED_ARRAY_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const TaGetterSpec kTypedArrayGetters[] = {TYPED_ARRAY_GETTERS(GETTER_SPEC)};
#undef GETTER_SPEC

static const BuiltinFunction kConstructors[] = {
#define V(Name, NAME, ctype, size) BUILTIN_NAME(Name##ArrayConstructor),
    TYPED_ARRAY_KIND_LIST(V)
#undef V
};

/* values, and the same function object as @@iterator (23.2.3.40); toString is
 * %Array.prototype.toString% itself (23.2.3.34) when the realm has it. */
static bool ta_install_shared_functions(Isolate *iso, Handle nc, Handle proto) {
  Handle values = builtins_install_method(iso, nc, proto, "values", Builtin_TypedArrayPrototypeValues, 0);
  if (handle_is_null(values) || !builtins_define_value(iso, proto, "@@iterator", values, DONT_ENUM)) {
    return false;
  }
  Handle array_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_array_prototype);
  Handle key = builtins_string(iso, "toString");
  if (handle_is_null(key)) return false;
  Handle to_string = js_object_get_property(iso, array_proto, key);
  if (handle_is_null(to_string)) return false;
  if (!runtime_is_callable(H(to_string))) return true;
  return builtins_define_value(iso, proto, "toString", to_string, DONT_ENUM);
}

/* %TypedArray% and %TypedArray.prototype% (23.2.1-23.2.3). */
static bool ta_install_intrinsic(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = js_function_new_builtin_named(iso, nc, "TypedArray", 0,
                                              Builtin_TypedArrayConstructor, true);
  if (handle_is_null(ctor) || !js_function_set_prototype_property(iso, ctor, proto) ||
      !builtins_define_value(iso, proto, "constructor", ctor, DONT_ENUM) ||
      !builtins_install_methods(iso, nc, ctor, kTypedArrayBuiltins,
                                KILN_ARRAY_SIZE(kTypedArrayBuiltins)) ||
      !builtins_install_accessor(iso, nc, ctor, "@@species", Builtin_TypedArraySpecies, NULL, 0) ||
      !builtins_install_methods(iso, nc, proto, kTypedArrayPrototypeBuiltins,
                                KILN_ARRAY_SIZE(kTypedArrayPrototypeBuiltins)) ||
      !ta_install_shared_functions(iso, nc, proto)) {
    return false;
  }
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kTypedArrayGetters); i++) {
    if (!builtins_install_accessor(iso, nc, proto, kTypedArrayGetters[i].key,
                                   kTypedArrayGetters[i].getter, NULL, 0)) {
      return false;
    }
  }
  context_set(H(nc), NATIVE_CONTEXT_typed_array_function, H(ctor));
  context_set(H(nc), NATIVE_CONTEXT_typed_array_prototype, H(proto));
  return true;
}

/* One concrete constructor (23.2.6, 23.2.7): prototype chain to %TypedArray%,
 * BYTES_PER_ELEMENT on both, and its instance map. */
static bool ta_install_kind(Isolate *iso, Handle nc, Handle table, TypedArrayKind kind) {
  Handle ta_ctor = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_typed_array_function);
  Handle ta_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_typed_array_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, ta_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, typed_array_kind_name(kind), 3,
                                             kConstructors[kind], proto, -1, -1);
  if (handle_is_null(ctor) || !js_object_set_prototype(iso, ctor, ta_ctor)) return false;
  Handle size = handle_new(iso, smi_from_int((int32_t)typed_array_kind_element_size(kind)));
  int fixed = READ_ONLY | DONT_ENUM | DONT_DELETE;
  if (!builtins_define_value(iso, ctor, "BYTES_PER_ELEMENT", size, fixed) ||
      !builtins_define_value(iso, proto, "BYTES_PER_ELEMENT", size, fixed)) {
    return false;
  }
  if (kind == TYPED_ARRAY_UINT8 && !builtins_typed_array_install_base64(iso, nc, ctor, proto)) {
    return false;
  }
  Handle map = builtins_typed_array_new_map(iso, JS_TYPED_ARRAY_TYPE, proto);
  if (handle_is_null(map)) return false;
  fixed_array_set(H(table), (int64_t)kind * kTaEntrySize + kTaConstructor, H(ctor));
  fixed_array_set(H(table), (int64_t)kind * kTaEntrySize + kTaPrototype, H(proto));
  fixed_array_set(H(table), (int64_t)kind * kTaEntrySize + kTaMap, H(map));
  return true;
}

bool builtins_install_typed_array(Isolate *iso, Handle native_context) {
  if (!ta_install_intrinsic(iso, native_context)) return false;
  Handle table = factory_new_fixed_array(iso, (int64_t)kTypedArrayKindCount * kTaEntrySize);
  if (handle_is_null(table)) return false;
  context_set(H(native_context), NATIVE_CONTEXT_typed_array_constructors, H(table));
  for (int kind = 0; kind < kTypedArrayKindCount; kind++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool ok = ta_install_kind(iso, native_context, table, (TypedArrayKind)kind);
    handle_scope_close(&scope);
    if (!ok) return false;
  }
  return true;
}
