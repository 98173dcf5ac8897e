/*
 * runtime-typed-array.c: the TypedArray exotic object (ES2025 10.4.5). See
 * runtime-typed-array.h.
 */
#include "runtime/runtime-typed-array.h"

#include <string.h>

#include "heap/factory.h"
#include "numbers/conversions.h"
#include "objects/js-array-buffer.h"
#include "runtime/runtime-internal.h"

/* The longest canonical numeric string is about 24 characters
 * ("-1.2345678901234567e-308"); anything longer is not one. */
enum { kMaxCanonicalNumericLength = 40 };

bool typed_array_canonical_numeric_index(Tagged key, double *index) {
  if (!is_string(key)) return false;
  uint32_t array_index;
  if (string_to_array_index(key, &array_index)) {
    *index = array_index;
    return true;
  }
  int64_t length = string_length(key);
  Tagged flat = string_as_sequential(key);
  if (length == 0 || length >= kMaxCanonicalNumericLength || flat == 0) return false;
  uint16_t first = string_get(flat, 0);
  /* Every canonical numeric string starts with a digit, '-', 'I'nfinity or 'N'aN. */
  if (!(first == '-' || first == 'I' || first == 'N' || (first >= '0' && first <= '9'))) {
    return false;
  }
  char text[kMaxCanonicalNumericLength];
  for (int64_t i = 0; i < length; i++) {
    uint16_t c = string_get(flat, i);
    if (c >= 0x80) return false;
    text[i] = (char)c;
  }
  text[length] = '\0';
  if (strcmp(text, "-0") == 0) {
    *index = -0.0;
    return true;
  }
  double n = conversions_string_to_number(text, (size_t)length, false);
  char back[kMaxCanonicalNumericLength + 8];
  runtime_double_to_cstring(n, back);
  if (strcmp(back, text) != 0) return false;
  *index = n;
  return true;
}

Handle typed_array_to_content(Isolate *iso, Handle ta, Handle value) {
  return typed_array_kind_is_bigint(js_typed_array_kind(H(ta))) ? runtime_to_bigint(iso, value)
                                                                 : runtime_to_number(iso, value);
}

bool typed_array_set_element(Isolate *iso, Handle ta, double index, Handle value) {
  TypedArrayKind kind = js_typed_array_kind(H(ta));
  if (is_number(H(value)) && !typed_array_kind_is_bigint(kind)) {
    /* ToNumber of a Number is itself: nothing can run, so no re-check is needed */
    if (js_typed_array_is_valid_index(H(ta), index) && !js_view_is_immutable(H(ta))) {
      uint8_t *p = js_view_data(H(ta)) + (uint64_t)index * typed_array_kind_element_size(kind);
      js_typed_array_store_value(kind, p, H(value));
    }
    return true;
  }
  Handle numeric = typed_array_to_content(iso, ta, value);
  if (handle_is_null(numeric)) return false;
  /* An immutable buffer is never written (callers refuse first; this is the backstop). */
  if (!js_typed_array_is_valid_index(H(ta), index) || js_view_is_immutable(H(ta))) return true;
  uint8_t *p = js_view_data(H(ta)) + (uint64_t)index * typed_array_kind_element_size(kind);
  js_typed_array_store_value(kind, p, H(numeric));
  return true;
}

bool typed_array_has_numeric(Tagged ta, double index) {
  return js_typed_array_is_valid_index(ta, index);
}

Handle typed_array_get_numeric(Isolate *iso, Handle ta, double index) {
  return js_typed_array_get(iso, ta, index);
}

RuntimeMaybeBool typed_array_set_numeric(Isolate *iso, Handle ta, double index, Handle value,
                                         Handle receiver, bool *ordinary) {
  *ordinary = false;
  if (js_view_is_immutable(H(ta))) return RT_FALSE;
  if (H(ta) == H(receiver)) {
    return typed_array_set_element(iso, ta, index, value) ? RT_TRUE : RT_EXCEPTION;
  }
  if (!js_typed_array_is_valid_index(H(ta), index)) return RT_TRUE;
  *ordinary = true;
  return RT_TRUE;
}

RuntimeMaybeBool typed_array_prevent_extensions(Isolate *iso, Handle ta) {
  Tagged buffer = js_array_buffer_view_buffer(H(ta));
  bool fixed_length = !js_view_is_length_tracking(H(ta)) &&
                      (!js_array_buffer_is_resizable(buffer) || js_array_buffer_is_shared(buffer));
  if (!fixed_length) return RT_FALSE;
  return js_object_prevent_extensions(iso, ta) ? RT_TRUE : RT_EXCEPTION;
}

/* ES2025 10.4.5.1 [[GetOwnProperty]] */
RuntimeMaybeBool typed_array_get_own_property(Isolate *iso, Handle ta, Handle key,
                                              PropertyDescriptor *desc) {
  double index;
  if (!typed_array_canonical_numeric_index(H(key), &index)) {
    return ordinary_get_own_property(iso, ta, key, desc);
  }
  if (!js_typed_array_is_valid_index(H(ta), index)) return RT_FALSE;
  Handle value = js_typed_array_get(iso, ta, index);
  if (handle_is_null(value)) return RT_EXCEPTION;
  bool immutable = js_view_is_immutable(H(ta));
  pd_data(iso, desc, value, immutable ? READ_ONLY | DONT_DELETE : PROPERTY_ATTRIBUTES_NONE);
  return RT_TRUE;
}

/* ES2025 10.4.5.3 [[DefineOwnProperty]] */
RuntimeMaybeBool typed_array_define_own_property(Isolate *iso, Handle ta, Handle key,
                                                 const PropertyDescriptor *desc) {
  double index;
  if (!typed_array_canonical_numeric_index(H(key), &index)) {
    return ordinary_define_own_property(iso, ta, key, desc);
  }
  if (!js_typed_array_is_valid_index(H(ta), index)) return RT_FALSE;
  if (js_view_is_immutable(H(ta))) {
    /* Immutable elements are non-writable and non-configurable: any change fails. */
    PropertyDescriptor current;
    if (typed_array_get_own_property(iso, ta, key, &current) != RT_TRUE) return RT_EXCEPTION;
    return pd_is_compatible(false, desc, &current) ? RT_TRUE : RT_FALSE;
  }
  int flags = desc->flags;
  if ((flags & PD_HAS_CONFIGURABLE) && !(flags & PD_CONFIGURABLE)) return RT_FALSE;
  if ((flags & PD_HAS_ENUMERABLE) && !(flags & PD_ENUMERABLE)) return RT_FALSE;
  if (pd_is_accessor(desc)) return RT_FALSE;
  if ((flags & PD_HAS_WRITABLE) && !(flags & PD_WRITABLE)) return RT_FALSE;
  if (flags & PD_HAS_VALUE) {
    if (!typed_array_set_element(iso, ta, index, desc->value)) return RT_EXCEPTION;
  }
  return RT_TRUE;
}

/* ES2025 10.4.5.6 [[Delete]] */
RuntimeMaybeBool typed_array_delete(Isolate *iso, Handle ta, Handle key) {
  double index;
  if (!typed_array_canonical_numeric_index(H(key), &index)) return ordinary_delete(iso, ta, key);
  return js_typed_array_is_valid_index(H(ta), index) ? RT_FALSE : RT_TRUE;
}

/* ES2025 10.4.5.7 [[OwnPropertyKeys]]: the indexes 0..length-1 (none when out of bounds),
 * then the ordinary keys, none of which is an integer index. */
Handle typed_array_own_property_keys(Isolate *iso, Handle ta) {
  uint64_t length = js_typed_array_length(H(ta));
  if (length > (uint64_t)kMaxFixedArrayLength) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Too many properties to enumerate");
    return HANDLE_NULL;
  }
  Handle ordinary = ordinary_own_property_keys(iso, ta);
  if (handle_is_null(ordinary) || length == 0) return ordinary;
  int64_t n = fixed_array_length(H(ordinary));
  if ((int64_t)length + n > (int64_t)kMaxFixedArrayLength) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Too many properties to enumerate");
    return HANDLE_NULL;
  }
  Handle out = factory_new_fixed_array(iso, (int64_t)length + n);
  if (handle_is_null(out)) return out;
  for (uint64_t i = 0; i < length; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle key = runtime_index_to_key(iso, (double)i);
    if (!handle_is_null(key)) fixed_array_set(H(out), (int64_t)i, H(key));
    handle_scope_close(&scope);
    if (isolate_has_pending_exception(iso)) return HANDLE_NULL;
  }
  for (int64_t i = 0; i < n; i++) {
    fixed_array_set(H(out), (int64_t)length + i, fixed_array_get(H(ordinary), i));
  }
  return out;
}
