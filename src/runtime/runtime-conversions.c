/*
 * runtime-conversions.c: type conversion (ES2025 7.1) and the 7.2 type tests that never run
 * user code (IsCallable, SameValue, ...).
 *
 * Number <-> String go through numbers/ (dtoa_shortest, conversions_string_to_number).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "execution/execution.h"
#include "heap/factory.h"
#include "numbers/conversions.h"
#include "numbers/dtoa.h"
#include "objects/bigint.h"
#include "objects/map.h"
#include "runtime/runtime-internal.h"

/* ---- Number -> String ------------------------------------------------------------------ */

int runtime_double_to_cstring(double x, char *buf) { return dtoa_shortest(x, buf); }

Handle runtime_number_to_string(Isolate *iso, Tagged number) {
  char buf[40];
  int len;
  if (is_smi(number)) {
    len = snprintf(buf, sizeof buf, "%d", smi_value(number));
  } else {
    len = runtime_double_to_cstring(heap_number_value(number), buf);
  }
  return string_new_one_byte(iso, (const uint8_t *)buf, (size_t)len);
}

Handle runtime_index_to_key(Isolate *iso, double index) {
  char buf[40];
  int len = runtime_double_to_cstring(index, buf);
  return string_internalize_utf8(iso, buf, (size_t)len);
}

/* ---- String -> Number ------------------------------------------------------------------ */

double runtime_string_to_number(Isolate *iso, Tagged string) {
  KILN_UNUSED(iso);
  Tagged flat = string_as_sequential(string);
  if (flat != 0) {
    StringView v = string_view_of(flat);
    return v.one_byte ? conversions_string_to_number(v.one_byte, (size_t)v.length, false)
                      : conversions_string_to_number(v.two_byte, (size_t)v.length, true);
  }
  int64_t length = string_length(string);
  uint16_t *chars = malloc(sizeof(uint16_t) * (size_t)length);
  if (chars == NULL) FATAL("out of C memory");
  StringIterator it;
  StringView piece;
  int64_t at = 0;
  string_iterator_init(&it, string);
  while (string_iterator_next(&it, &piece)) {
    for (int64_t i = 0; i < piece.length; i++) chars[at++] = string_view_get(piece, i);
  }
  string_iterator_dispose(&it);
  double v = conversions_string_to_number(chars, (size_t)length, true);
  free(chars);
  return v;
}

/* ---- ToPrimitive ----------------------------------------------------------------------- */

/* 7.1.1.1 OrdinaryToPrimitive. Calls user code. */
static Handle conversions_ordinary_to_primitive(Isolate *iso, Handle obj, ToPrimitiveHint hint) {
  Handle names[2] = {ROOT_HANDLE(iso, value_of_string), ROOT_HANDLE(iso, to_string_string)};
  if (hint == HINT_STRING) {
    Handle t = names[0];
    names[0] = names[1];
    names[1] = t;
  }
  for (int i = 0; i < 2; i++) {
    Handle method = runtime_get(iso, obj, names[i], obj);
    if (handle_is_null(method)) return method;
    if (!runtime_is_callable(H(method))) continue;
    Handle result = execution_call(iso, method, obj, 0, NULL);
    if (handle_is_null(result) || !is_js_receiver(H(result))) return result;
  }
  rt_throw_type_error(iso, "Cannot convert object to primitive value");
  return HANDLE_NULL;
}

Handle runtime_to_primitive(Isolate *iso, Handle value, ToPrimitiveHint hint) {
  if (!is_js_receiver(H(value))) return value;
  Handle exotic = runtime_get_method(iso, value, ROOT_HANDLE(iso, to_primitive_symbol));
  if (handle_is_null(exotic)) return exotic;
  if (!is_undefined(iso, H(exotic))) {
    Handle hint_string = hint == HINT_DEFAULT  ? ROOT_HANDLE(iso, default_string)
                         : hint == HINT_NUMBER ? ROOT_HANDLE(iso, number_string)
                                               : ROOT_HANDLE(iso, string_string);
    Handle result = execution_call(iso, exotic, value, 1, &hint_string);
    if (handle_is_null(result)) return result;
    if (is_js_receiver(H(result))) {
      rt_throw_type_error(iso, "Cannot convert object to primitive value");
      return HANDLE_NULL;
    }
    return result;
  }
  return conversions_ordinary_to_primitive(iso, value, hint == HINT_STRING ? HINT_STRING
                                                                            : HINT_NUMBER);
}

/* ---- ToBoolean, ToNumber and the integer conversions ----------------------------------- */

bool runtime_to_boolean(Isolate *iso, Tagged value) {
  if (is_smi(value)) return value != smi_from_int(0);
  if (value == ROOT(iso, true_value)) return true;
  if (value == ROOT(iso, false_value) || is_undefined(iso, value) || is_null(iso, value)) {
    return false;
  }
  if (is_string(value)) return string_length(value) != 0;
  if (is_heap_number(value)) {
    double d = heap_number_value(value);
    return !(d == 0 || isnan(d));
  }
  if (is_js_receiver(value)) return !map_has_flag(heap_object_map(value), MAP_IS_UNDETECTABLE);
  if (is_bigint(value)) return !bigint_is_zero(value);
  return true; /* symbols */
}

double runtime_number_value(Tagged number) {
  return is_smi(number) ? (double)smi_value(number) : heap_number_value(number);
}

/* ToNumber of a primitive. */
static Handle conversions_primitive_to_number(Isolate *iso, Handle value) {
  Tagged v = H(value);
  if (is_number(v)) return value;
  if (is_string(v)) return factory_new_number(iso, runtime_string_to_number(iso, v));
  if (is_oddball(v)) return handle_new(iso, oddball_to_number(v));
  if (is_symbol(v)) {
    rt_throw_type_error(iso, "Cannot convert a Symbol value to a number");
  } else {
    rt_throw_type_error(iso, "Cannot convert a BigInt value to a number");
  }
  return HANDLE_NULL;
}

Handle runtime_to_numeric(Isolate *iso, Handle value) {
  if (is_number(H(value))) return value;
  Handle prim = runtime_to_primitive(iso, value, HINT_NUMBER);
  if (handle_is_null(prim) || is_bigint(H(prim))) return prim;
  return conversions_primitive_to_number(iso, prim);
}

Handle runtime_to_number(Isolate *iso, Handle value) {
  if (is_number(H(value))) return value;
  Handle prim = runtime_to_primitive(iso, value, HINT_NUMBER);
  if (handle_is_null(prim)) return prim;
  return conversions_primitive_to_number(iso, prim);
}

bool runtime_to_number_double(Isolate *iso, Handle value, double *out) {
  if (is_smi(H(value))) {
    *out = smi_value(H(value));
    return true;
  }
  Handle n = runtime_to_number(iso, value);
  if (handle_is_null(n)) return false;
  *out = runtime_number_value(H(n));
  return true;
}

bool runtime_to_integer_or_infinity(Isolate *iso, Handle value, double *out) {
  double d;
  if (!runtime_to_number_double(iso, value, &d)) return false;
  *out = isnan(d) || d == 0 ? 0 : isinf(d) ? d : trunc(d);
  if (*out == 0) *out = 0; /* no -0 */
  return true;
}

int32_t runtime_double_to_int32(double d) { return conversions_double_to_int32(d); }

bool runtime_to_int32(Isolate *iso, Handle value, int32_t *out) {
  if (is_smi(H(value))) {
    *out = smi_value(H(value));
    return true;
  }
  double d;
  if (!runtime_to_number_double(iso, value, &d)) return false;
  *out = runtime_double_to_int32(d);
  return true;
}

bool runtime_to_uint32(Isolate *iso, Handle value, uint32_t *out) {
  int32_t i;
  if (!runtime_to_int32(iso, value, &i)) return false;
  *out = (uint32_t)i;
  return true;
}

bool runtime_to_length(Isolate *iso, Handle value, double *out) {
  double d;
  if (!runtime_to_integer_or_infinity(iso, value, &d)) return false;
  *out = d <= 0 ? 0 : d > 9007199254740991.0 ? 9007199254740991.0 : d;
  return true;
}

bool runtime_to_index(Isolate *iso, Handle value, double *out) {
  if (is_undefined(iso, H(value))) {
    *out = 0;
    return true;
  }
  double d;
  if (!runtime_to_integer_or_infinity(iso, value, &d)) return false;
  if (d < 0 || d > 9007199254740991.0) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid index");
    return false;
  }
  *out = d;
  return true;
}

/* ---- ToString, ToObject, ToPropertyKey ------------------------------------------------- */

Handle runtime_to_string(Isolate *iso, Handle value) {
  for (;;) {
    Tagged v = H(value);
    if (is_string(v)) return value;
    if (is_number(v)) return runtime_number_to_string(iso, v);
    if (is_oddball(v)) return handle_new(iso, oddball_to_string(v));
    if (is_symbol(v)) {
      rt_throw_type_error(iso, "Cannot convert a Symbol value to a string");
      return HANDLE_NULL;
    }
    if (is_bigint(v)) return bigint_to_string(iso, value, 10);
    value = runtime_to_primitive(iso, value, HINT_STRING);
    if (handle_is_null(value)) return value;
  }
}

Handle runtime_to_object(Isolate *iso, Handle value) {
  Tagged v = H(value);
  if (is_js_receiver(v)) return value;
  if (is_undefined(iso, v) || is_null(iso, v)) {
    rt_throw_type_error(iso, "Cannot convert undefined or null to object");
    return HANDLE_NULL;
  }
  return runtime_new_primitive_wrapper(iso, value, HANDLE_NULL);
}

Handle runtime_to_property_key(Isolate *iso, Handle value) {
  Tagged v = H(value);
  if (is_string(v)) return string_is_internalized(v) ? value : string_internalize(iso, value);
  if (is_symbol(v)) return value;
  if (is_smi(v) && smi_value(v) >= 0) {
    char buf[16];
    int len = snprintf(buf, sizeof buf, "%d", smi_value(v));
    return string_internalize_utf8(iso, buf, (size_t)len);
  }
  Handle key = runtime_to_primitive(iso, value, HINT_STRING);
  if (handle_is_null(key) || is_symbol(H(key))) return key;
  key = runtime_to_string(iso, key);
  if (handle_is_null(key)) return key;
  return string_internalize(iso, key);
}

/* ---- 7.2 tests ------------------------------------------------------------------------- */

bool runtime_is_callable(Tagged value) {
  return is_heap_object(value) && map_has_flag(heap_object_map(value), MAP_IS_CALLABLE);
}

bool runtime_is_constructor(Tagged value) {
  return is_heap_object(value) && map_has_flag(heap_object_map(value), MAP_IS_CONSTRUCTOR);
}

RuntimeMaybeBool runtime_is_array(Isolate *iso, Handle value) {
  Tagged v = H(value);
  for (;;) {
    if (is_js_array(v)) return RT_TRUE;
    if (!is_js_proxy(v)) return RT_FALSE;
    if (!is_js_receiver(js_proxy_handler(v))) {
      return rt_throw_type_error(iso, "Cannot perform 'IsArray' on a proxy that has been revoked");
    }
    v = js_proxy_target(v);
  }
}

static bool conversions_number_equal(Tagged a, Tagged b, bool same_value, bool zero) {
  double x = runtime_number_value(a), y = runtime_number_value(b);
  if (isnan(x) || isnan(y)) return same_value && isnan(x) && isnan(y);
  if (same_value && !zero && x == 0 && y == 0) return signbit(x) == signbit(y);
  return x == y;
}

static bool conversions_same(Tagged a, Tagged b, bool same_value, bool zero) {
  if (a == b) return !(is_heap_number(a) && isnan(heap_number_value(a))) || same_value;
  if (is_number(a) && is_number(b)) return conversions_number_equal(a, b, same_value, zero);
  if (is_string(a) && is_string(b)) return string_equals(a, b);
  if (is_bigint(a) && is_bigint(b)) return bigint_equals(a, b);
  return false;
}

bool runtime_same_value(Tagged a, Tagged b) { return conversions_same(a, b, true, false); }
bool runtime_same_value_zero(Tagged a, Tagged b) { return conversions_same(a, b, true, true); }
bool runtime_strict_equals(Tagged a, Tagged b) { return conversions_same(a, b, false, false); }
