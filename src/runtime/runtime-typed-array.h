/*
 * runtime-typed-array.h: the TypedArray exotic object's internal methods (ES2025 10.4.5),
 * in runtime/runtime-typed-array.c. runtime-object.c dispatches here for JS_TYPED_ARRAY_TYPE
 * receivers; keys that are not canonical numeric strings fall back to the ordinary methods.
 *
 * A typed array's integer-indexed properties are never stored in the object model: they are
 * its buffer's bytes, read and written through objects/js-array-buffer.h, and an index that
 * is not valid (past the length, negative, -0, fractional, or the buffer detached or out of
 * bounds) is simply absent, and cannot be created.
 */
#ifndef KILN_RUNTIME_RUNTIME_TYPED_ARRAY_H_
#define KILN_RUNTIME_RUNTIME_TYPED_ARRAY_H_

#include "runtime/runtime.h"

/* ES2025 7.1.21 CanonicalNumericIndexString for a property key: true, with the Number in
 * *index, when key is a String s with ToString(ToNumber(s)) == s, or "-0". false for
 * symbols and every other string. Never allocates. */
bool typed_array_canonical_numeric_index(Tagged key, double *index);

/* ToBigInt(value) for a BigInt64/BigUint64 array, else ToNumber(value): the value as the
 * array's content type. Calls user code. */
Handle typed_array_to_content(Isolate *iso, Handle ta, Handle value);

/* ES2025 10.4.5.16 TypedArraySetElement: ToNumber(value) or ToBigInt(value) (calls user
 * code), then the store if index is still valid. false with an exception pending when the
 * conversion throws. */
bool typed_array_set_element(Isolate *iso, Handle ta, double index, Handle value);

/* ES2025 10.4.5.? [[PreventExtensions]]: refused (RT_FALSE) unless the typed array's length
 * is fixed (IsTypedArrayFixedLength): its indexes could otherwise come and go. */
RuntimeMaybeBool typed_array_prevent_extensions(Isolate *iso, Handle ta);

/* 10.4.5.1-10.4.5.7, for any key (ordinary keys go to the ordinary methods). */
RuntimeMaybeBool typed_array_get_own_property(Isolate *iso, Handle ta, Handle key,
                                              PropertyDescriptor *desc);
RuntimeMaybeBool typed_array_define_own_property(Isolate *iso, Handle ta, Handle key,
                                                 const PropertyDescriptor *desc);
RuntimeMaybeBool typed_array_delete(Isolate *iso, Handle ta, Handle key);
Handle typed_array_own_property_keys(Isolate *iso, Handle ta);
/* [[HasProperty]], [[Get]] and [[Set]] for a canonical numeric key (already converted to
 * `index`); the caller does the ordinary walk for other keys. */
bool typed_array_has_numeric(Tagged ta, double index);
Handle typed_array_get_numeric(Isolate *iso, Handle ta, double index);
/* 10.4.5.5 step 1.b: [[Set]]'s result, unless *ordinary comes back true: then the caller
 * continues with OrdinarySet (receiver is another object and the index is valid). An
 * immutable buffer's elements refuse every store (RT_FALSE). Calls user code. */
RuntimeMaybeBool typed_array_set_numeric(Isolate *iso, Handle ta, double index, Handle value,
                                         Handle receiver, bool *ordinary);

#endif /* KILN_RUNTIME_RUNTIME_TYPED_ARRAY_H_ */
