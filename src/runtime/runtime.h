/*
 * runtime.h: the spec's abstract operations over any JS value, and the object internal
 * methods ([[Get]], [[DefineOwnProperty]], ...) over any JSReceiver, ordinary or exotic.
 * The interpreter's slow paths, the builtins and the embedding API all go through these.
 *
 * Files: runtime/runtime-conversions.c (Type conversion, ES2025 7.1), runtime-operators.c
 * (equality, relational comparison, arithmetic on any values, typeof, instanceof),
 * runtime-object.c (internal methods and 7.3 Operations on Objects), runtime-error.c (error
 * objects with stack traces). More runtime-*.c files hold the interpreter's runtime
 * functions (RUNTIME_FUNCTION_LIST).
 *
 * Conventions: every function that can run user code (a getter, valueOf, a Proxy trap)
 * says "Calls user code": it may allocate (GC) and throw. A Handle result that is empty
 * means an exception is pending; a bool result of false from a "Maybe" function means the
 * same (check isolate_has_pending_exception where false is also a normal answer: those
 * functions return a RuntimeMaybeBool instead).
 */
#ifndef KILN_RUNTIME_RUNTIME_H_
#define KILN_RUNTIME_RUNTIME_H_

#include "execution/isolate.h"
#include "objects/elements.h"

/* A three-way answer for operations that can be true, false or throw. */
typedef enum { RT_FALSE = 0, RT_TRUE = 1, RT_EXCEPTION = -1 } RuntimeMaybeBool;

/* ---- Bootstrap and realm ------------------------------------------------------------- */

/* Creates the runtime's roots: the well-known symbols (roots.h WELL_KNOWN_SYMBOL_LIST) and
 * the proxy maps. Called once by isolate bootstrap. */
bool runtime_setup_roots(Isolate *iso);
/* The current realm's intrinsic in NATIVE_CONTEXT slot `slot`, or 0 when there is no realm
 * or the slot is not set (undefined). Never allocates. */
Tagged runtime_realm_intrinsic(Isolate *iso, int slot);
/* OrdinaryObjectCreate(%Object.prototype%) in the current realm ({}); without a realm, an
 * object with a null prototype. May allocate. */
Handle runtime_new_object(Isolate *iso);
/* OrdinaryObjectCreate(proto): proto is null or an object. May allocate. */
Handle runtime_object_create(Isolate *iso, Handle proto);
/* ArrayCreate(length) in the current realm (prototype %Array.prototype% when a realm
 * exists). RangeError when length > 2^32-1. May allocate. */
Handle runtime_new_array(Isolate *iso, double length);
/* A JSPrimitiveWrapper for a string, number, boolean or symbol value, whose prototype is
 * proto or, when proto is empty, the realm's %String.prototype% (and so on). May allocate. */
Handle runtime_new_primitive_wrapper(Isolate *iso, Handle value, Handle proto);

/* ---- Type conversion (ES2025 7.1) ----------------------------------------------------- */

typedef enum { HINT_DEFAULT, HINT_NUMBER, HINT_STRING } ToPrimitiveHint;

/* 7.1.1 ToPrimitive. Calls user code. */
Handle runtime_to_primitive(Isolate *iso, Handle value, ToPrimitiveHint hint);
/* 7.1.2 ToBoolean. Never allocates. */
bool runtime_to_boolean(Isolate *iso, Tagged value);
/* 7.1.3 ToNumeric: a Number or a BigInt. Calls user code. */
Handle runtime_to_numeric(Isolate *iso, Handle value);
/* 7.1.4 ToNumber. Calls user code. TypeError for Symbol and BigInt. */
Handle runtime_to_number(Isolate *iso, Handle value);
/* ToNumber as a C double; false with the exception pending. Calls user code. */
bool runtime_to_number_double(Isolate *iso, Handle value, double *out);
/* The number value of a Smi or HeapNumber. */
double runtime_number_value(Tagged number);
/* 7.1.5 ToIntegerOrInfinity, 7.1.6 ToInt32, 7.1.7 ToUint32, 7.1.20 ToLength,
 * 7.1.22 ToIndex (RangeError). Call user code. */
bool runtime_to_integer_or_infinity(Isolate *iso, Handle value, double *out);
bool runtime_to_int32(Isolate *iso, Handle value, int32_t *out);
bool runtime_to_uint32(Isolate *iso, Handle value, uint32_t *out);
bool runtime_to_length(Isolate *iso, Handle value, double *out);
bool runtime_to_index(Isolate *iso, Handle value, double *out);
/* 7.1.17 ToString. Calls user code. TypeError for Symbol. */
Handle runtime_to_string(Isolate *iso, Handle value);
/* Number::toString(x, 10) as a String. May allocate. */
Handle runtime_number_to_string(Isolate *iso, Tagged number);
/* 7.1.18 ToObject. TypeError for undefined and null. May allocate. */
Handle runtime_to_object(Isolate *iso, Handle value);
/* 7.1.19 ToPropertyKey: an internalized string or a symbol. Calls user code. */
Handle runtime_to_property_key(Isolate *iso, Handle value);
/* 7.1.21 CanonicalNumericIndexString is in the typed array family; not here. */
/* The property key for an integer index 0 <= index < 2^53 (an internalized string; array
 * indexes become elements). May allocate. */
Handle runtime_index_to_key(Isolate *iso, double index);
/* 7.1.4.1.1 StringToNumber. Never allocates. */
double runtime_string_to_number(Isolate *iso, Tagged string);
/* Number::toString(x, 10) into buf (at least 32 bytes); returns the length. */
int runtime_double_to_cstring(double x, char *buf);
/* Double -> int32/uint32 as ToInt32/ToUint32 do (modulo 2^32). Never allocate. */
int32_t runtime_double_to_int32(double d);

/* ---- Testing and comparison (ES2025 7.2) --------------------------------------------- */

bool runtime_is_callable(Tagged value);
bool runtime_is_constructor(Tagged value);
/* 7.2.2 IsArray (sees through proxies: TypeError on a revoked proxy). */
RuntimeMaybeBool runtime_is_array(Isolate *iso, Handle value);
/* 7.2.9 SameValue, 7.2.10 SameValueZero, 7.2.15 IsStrictlyEqual. Never allocate. */
bool runtime_same_value(Tagged a, Tagged b);
bool runtime_same_value_zero(Tagged a, Tagged b);
bool runtime_strict_equals(Tagged a, Tagged b);
/* 7.2.14 IsLooselyEqual. Calls user code. */
RuntimeMaybeBool runtime_loose_equals(Isolate *iso, Handle a, Handle b);
/* 7.2.13 IsLessThan as used by < > <= >=: op is the AstBinaryOp-like comparison. Returns
 * the boolean result of `a op b` (false for NaN). Calls user code. */
typedef enum { COMPARE_LT, COMPARE_GT, COMPARE_LTE, COMPARE_GTE } CompareOp;
RuntimeMaybeBool runtime_compare(Isolate *iso, Handle a, Handle b, CompareOp op);

/* ---- Operators (ES2025 13.x) ----------------------------------------------------------- */

/* V(name) for the binary arithmetic and bitwise operators, in bytecode order. */
#define RUNTIME_BINARY_OP_LIST(V) \
  V(ADD) V(SUB) V(MUL) V(DIV) V(MOD) V(EXP) V(BIT_OR) V(BIT_XOR) V(BIT_AND) \
  V(SHL) V(SAR) V(SHR)
typedef enum {
#define V(name) RT_OP_##name,
  RUNTIME_BINARY_OP_LIST(V)
#undef V
} RuntimeBinaryOp;
/* 13.15.3 ApplyStringOrNumericBinaryOperator. Calls user code. */
Handle runtime_binary_op(Isolate *iso, RuntimeBinaryOp op, Handle left, Handle right);
/* Unary minus, ~, ++ and -- on any value (ToNumeric first). Calls user code. */
typedef enum { RT_UNARY_NEG, RT_UNARY_BIT_NOT, RT_UNARY_INC, RT_UNARY_DEC } RuntimeUnaryOp;
Handle runtime_unary_op(Isolate *iso, RuntimeUnaryOp op, Handle value);
/* 13.5.3 typeof: an internalized string. Never allocates. */
Tagged runtime_typeof(Isolate *iso, Tagged value);
/* 13.10.2 InstanceofOperator. Calls user code. */
RuntimeMaybeBool runtime_instance_of(Isolate *iso, Handle value, Handle target);
/* 7.3.22 OrdinaryHasInstance. Calls user code (proxies on the chain). */
RuntimeMaybeBool runtime_ordinary_has_instance(Isolate *iso, Handle c, Handle o);

/* ---- BigInt (runtime/runtime-bigint.c; values in objects/bigint.h) ---------------------- */

/* 7.1.13 ToBigInt: TypeError for undefined, null, Numbers and Symbols, SyntaxError for a
 * string that is not an integer. Calls user code. */
Handle runtime_to_bigint(Isolate *iso, Handle value);
/* 21.2.1.1.1 NumberToBigInt: RangeError unless the Number is an integer. May allocate. */
Handle runtime_number_to_bigint(Isolate *iso, Handle number);
/* The BigInt::* operation of a binary operator on two BigInts (TypeError for >>>,
 * RangeError for size, division by zero and negative exponents). May allocate. */
Handle runtime_bigint_binary_op(Isolate *iso, RuntimeBinaryOp op, Handle x, Handle y);
/* -x, ~x, x + 1n, x - 1n on a BigInt. May allocate. */
Handle runtime_bigint_unary_op(Isolate *iso, RuntimeUnaryOp op, Handle x);

/* ---- Property descriptors (ES2025 6.2.6) ----------------------------------------------- */

typedef enum {
  PD_HAS_VALUE = 1, PD_HAS_WRITABLE = 2, PD_HAS_GET = 4, PD_HAS_SET = 8,
  PD_HAS_ENUMERABLE = 16, PD_HAS_CONFIGURABLE = 32,
  PD_WRITABLE = 64, PD_ENUMERABLE = 128, PD_CONFIGURABLE = 256,
} PropertyDescriptorFlags;

/* A property descriptor with any subset of its fields. The Handles must be valid (they may
 * be the undefined root when absent). */
typedef struct {
  int flags;          /* PropertyDescriptorFlags */
  Handle value, get, set;
} PropertyDescriptor;

/* An empty descriptor (all fields absent). */
void property_descriptor_init(Isolate *iso, PropertyDescriptor *desc);
/* 6.2.6.5 ToPropertyDescriptor. Calls user code. */
bool runtime_to_property_descriptor(Isolate *iso, Handle obj, PropertyDescriptor *out);
/* 6.2.6.4 FromPropertyDescriptor: an object, or undefined for "no property". */
Handle runtime_from_property_descriptor(Isolate *iso, const PropertyDescriptor *desc);

/* ---- Object internal methods (ES2025 10.1 ordinary, 10.4 exotic, 10.5 Proxy) ---------- */
/* key: an internalized string or a symbol (runtime_to_property_key's result); array index
 * strings are elements. All may call user code when obj is (or has on its chain) a Proxy
 * or an exotic object with user-visible behaviour. */

Handle runtime_get_prototype_of(Isolate *iso, Handle obj);            /* null or object */
RuntimeMaybeBool runtime_set_prototype_of(Isolate *iso, Handle obj, Handle proto);
RuntimeMaybeBool runtime_is_extensible(Isolate *iso, Handle obj);
RuntimeMaybeBool runtime_prevent_extensions(Isolate *iso, Handle obj);
/* [[GetOwnProperty]]: RT_FALSE when absent (desc untouched). */
RuntimeMaybeBool runtime_get_own_property(Isolate *iso, Handle obj, Handle key,
                                          PropertyDescriptor *desc);
RuntimeMaybeBool runtime_define_own_property(Isolate *iso, Handle obj, Handle key,
                                             const PropertyDescriptor *desc);
RuntimeMaybeBool runtime_has_property(Isolate *iso, Handle obj, Handle key);
/* [[Get]](key, receiver): receiver is any value (a primitive for property access on one). */
Handle runtime_get(Isolate *iso, Handle obj, Handle key, Handle receiver);
/* [[Set]](key, value, receiver). */
RuntimeMaybeBool runtime_set(Isolate *iso, Handle obj, Handle key, Handle value,
                             Handle receiver);
RuntimeMaybeBool runtime_delete(Isolate *iso, Handle obj, Handle key);
/* [[OwnPropertyKeys]]: a FixedArray of keys in the spec's order. */
Handle runtime_own_property_keys(Isolate *iso, Handle obj);

/* ---- Operations on objects (ES2025 7.3) ----------------------------------------------- */

/* 7.3.2 GetV / property access on any value (ToObject for primitives, with the primitive as
 * receiver): `value[key]`. key is any value (converted with ToPropertyKey). */
Handle runtime_get_property(Isolate *iso, Handle value, Handle key);
/* The same with a C string name (internalized on the way). */
Handle runtime_get_named(Isolate *iso, Handle value, const char *name);
/* `value[key] = v` with the strictness of the calling code: strict => TypeError when
 * refused, and on undefined/null. */
bool runtime_set_property(Isolate *iso, Handle value, Handle key, Handle v, bool strict);
/* 7.3.5 CreateDataProperty, 7.3.7 CreateDataPropertyOrThrow. */
RuntimeMaybeBool runtime_create_data_property(Isolate *iso, Handle obj, Handle key,
                                              Handle value);
bool runtime_create_data_property_or_throw(Isolate *iso, Handle obj, Handle key,
                                           Handle value);
/* 7.3.8 DefinePropertyOrThrow. */
bool runtime_define_property_or_throw(Isolate *iso, Handle obj, Handle key,
                                      const PropertyDescriptor *desc);
/* 7.3.9 DeletePropertyOrThrow. */
bool runtime_delete_property_or_throw(Isolate *iso, Handle obj, Handle key);
/* 7.3.10 GetMethod: undefined when null/undefined; TypeError when not callable. */
Handle runtime_get_method(Isolate *iso, Handle value, Handle key);
/* 7.3.12 HasOwnProperty. */
RuntimeMaybeBool runtime_has_own_property(Isolate *iso, Handle obj, Handle key);
/* 7.3.15 SetIntegrityLevel / 7.3.16 TestIntegrityLevel: frozen or sealed. */
bool runtime_set_integrity_level(Isolate *iso, Handle obj, bool frozen);
RuntimeMaybeBool runtime_test_integrity_level(Isolate *iso, Handle obj, bool frozen);
/* 7.3.17 CreateArrayFromList. */
Handle runtime_create_array_from_list(Isolate *iso, int count, const Handle *items);
/* 7.3.18 LengthOfArrayLike. */
bool runtime_length_of_array_like(Isolate *iso, Handle obj, double *out);
/* 7.3.19 CreateListFromArrayLike: a FixedArray. */
Handle runtime_create_list_from_array_like(Isolate *iso, Handle obj);
/* 7.3.20 Invoke(V, P, args). */
Handle runtime_invoke(Isolate *iso, Handle value, Handle key, int argc, const Handle *argv);
/* 7.3.22 SpeciesConstructor. */
Handle runtime_species_constructor(Isolate *iso, Handle obj, Handle default_ctor);
/* 7.3.23 EnumerableOwnProperties: kind 0 keys, 1 values, 2 entries; an array. */
Handle runtime_enumerable_own_properties(Isolate *iso, Handle obj, int kind);
/* 10.1.13 OrdinaryCreateFromConstructor's prototype step: GetPrototypeFromConstructor
 * with the realm's intrinsic (a NATIVE_CONTEXT slot index) as fallback. */
Handle runtime_get_prototype_from_constructor(Isolate *iso, Handle constructor,
                                              int intrinsic_slot);
/* 7.3.2 GetV for an integer index (runtime_index_to_key then runtime_get_property). */
/* True when value is an ordinary object or array (no exotic element behaviour) and index is
 * an array index (an integer in [0, 2^32-2]), written to *out: the precondition of the
 * element fast paths below. Never allocates. */
KILN_INLINE bool runtime_ordinary_index(Tagged value, double index, uint32_t *out) {
  if (!is_heap_object(value)) return false;
  InstanceType t = heap_object_type(value);
  if (t != JS_OBJECT_TYPE && t != JS_ARRAY_TYPE) return false;
  if (!(index >= 0 && index < 4294967295.0) || index != (double)(uint32_t)index) return false;
  *out = (uint32_t)index;
  return true;
}
/* An own element of a JS_OBJECT_TYPE/JS_ARRAY_TYPE object with fast elements, without
 * making a string key: ELEMENT_FOUND (*out set), ELEMENT_ABSENT (the caller takes the
 * general path), ELEMENT_EXCEPTION (OOM boxing a double). */
ElementResult runtime_fast_own_element(Isolate *iso, Handle obj, double index, Handle *out);
/* [[Set]] of an index with the receiver obj itself, when obj is an ordinary extensible
 * object/array with fast elements and nothing on its chain has elements: ELEMENT_FOUND when
 * stored, ELEMENT_EXCEPTION on OOM, ELEMENT_ABSENT when the caller must take the general
 * path. May allocate. */
ElementResult runtime_fast_set_element(Isolate *iso, Handle obj, double index, Handle value);
Handle runtime_get_index(Isolate *iso, Handle value, double index);
/* `delete value[key]`: ToObject (TypeError on undefined/null), ToPropertyKey, [[Delete]];
 * strict => TypeError when it returns false. */
RuntimeMaybeBool runtime_delete_property(Isolate *iso, Handle value, Handle key, bool strict);
/* `key in obj` (13.10.1): TypeError unless obj is an object; then HasProperty. */
RuntimeMaybeBool runtime_in(Isolate *iso, Handle key, Handle obj);
/* 7.3.25 CopyDataProperties(target, source, excluded): object spread and rest; excluded
 * holds property keys. */
bool runtime_copy_data_properties(Isolate *iso, Handle target, Handle source,
                                  int excluded_count, const Handle *excluded);
/* 14.7.5.9 EnumerateObjectProperties for for-in: a FixedArray of the enumerable string keys
 * of obj and its prototype chain (shadowed and duplicate names once, own keys first). The
 * loop should skip a key that is no longer present when it comes to it (HasProperty).
 * obj undefined or null gives an empty array; primitives are converted. */
Handle runtime_for_in_keys(Isolate *iso, Handle obj);
/* 7.3.24 GetFunctionRealm: the NativeContext of a function (bound functions and proxies
 * followed; the current realm otherwise). TypeError for a revoked proxy: returns 0. */
Tagged runtime_get_function_realm(Isolate *iso, Handle fn);

/* ---- Proxy (ES2025 10.5) ------------------------------------------------------------- */

/* 10.5.14 ProxyCreate: TypeError unless target and handler are objects. */
Handle runtime_proxy_create(Isolate *iso, Handle target, Handle handler);
/* Revokes a proxy (Proxy.revocable's revoke function): target and handler become null. */
void runtime_proxy_revoke(Isolate *iso, Handle proxy);
/* 10.5.12 [[Call]] and 10.5.13 [[Construct]] of a callable proxy, for execution_call and
 * execution_construct to dispatch to. new_target is an object (the proxy itself for `new
 * proxy()`). Call user code. */
Handle runtime_proxy_call(Isolate *iso, Handle proxy, Handle receiver, int argc,
                          const Handle *argv);
Handle runtime_proxy_construct(Isolate *iso, Handle proxy, int argc, const Handle *argv,
                               Handle new_target);

/* ---- Arguments objects (ES2025 10.4.4) ------------------------------------------------ */

/* 10.4.4.6 CreateUnmappedArgumentsObject (strict functions, non-simple parameter lists):
 * argv holds argc values in slots the collector sees (frame registers or handles). */
Handle runtime_new_unmapped_arguments(Isolate *iso, int argc, const Tagged *argv);
/* 10.4.4.7 CreateMappedArgumentsObject: argument i < mapped_count aliases slot
 * context_slots[i] of `context` (-1: not mapped, e.g. a duplicate parameter name that a later
 * one shadows). mapped_count is min(argc, number of formals). "callee" is callee. */
Handle runtime_new_mapped_arguments(Isolate *iso, Handle callee, Handle context, int argc,
                                    const Tagged *argv, int mapped_count,
                                    const int *context_slots);

/* ---- Iterators (ES2025 7.4) ------------------------------------------------------------ */

/* An Iterator Record: the iterator object, its next method, done flag. Handles. */
typedef struct { Handle iterator, next; bool done; } IteratorRecord;
/* 7.4.2 GetIterator(obj, sync). */
bool runtime_get_iterator(Isolate *iso, Handle obj, IteratorRecord *out);
/* 7.4.8 IteratorStep + IteratorValue: *done set at the end; else the value. Empty handle
 * with *done false means an exception. */
Handle runtime_iterator_step_value(Isolate *iso, IteratorRecord *rec, bool *done);
/* 7.4.11 IteratorClose. completion_is_throw: keep the pending exception, ignore errors from
 * return(). Returns false if an exception is (now) pending. */
bool runtime_iterator_close(Isolate *iso, IteratorRecord *rec, bool completion_is_throw);
/* 7.4.14 CreateIterResultObject. */
Handle runtime_create_iter_result(Isolate *iso, Handle value, bool done);
/* 7.4.17 IteratorToList / IterableToList: a FixedArray. */
Handle runtime_iterable_to_list(Isolate *iso, Handle iterable);

/* ---- Errors ------------------------------------------------------------------------- */

/* A new error object of kind in the current realm (its prototype the realm's
 * %NativeError.prototype%), with message and a "stack" own property captured from the
 * current JS frames. May allocate. */
Handle runtime_new_error(Isolate *iso, ErrorKind kind, Handle message);
/* The same with a formatted message. May allocate. */
Handle runtime_new_error_fmt(Isolate *iso, ErrorKind kind, const char *fmt, ...)
    KILN_PRINTF(3, 4);
/* Gives error an own non-enumerable "stack": "Name: message" (read from the error's own
 * properties: name through the chain, message) followed by "\n" and the frames text from
 * iso->capture_stack_trace when that is set and returns a non-empty string (the hook returns
 * only the frame lines, "    at f (file:1:2)" joined by "\n"). For the Error constructors.
 * May allocate; calls no user code (getters are not run). */
bool runtime_install_error_stack(Isolate *iso, Handle error);
/* Throws a TypeError "x is not a function"-style message naming the value. Returns an
 * empty Handle for convenient `return runtime_throw_...`. */
Handle runtime_throw_not_callable(Isolate *iso, Handle value);

#endif /* KILN_RUNTIME_RUNTIME_H_ */
