/*
 * runtime-operators.c: the operators on any values (ES2025 13.x): arithmetic and bitwise
 * binary operators, unary operators, typeof, loose equality, relational comparison and
 * instanceof. The interpreter's fast paths handle Smis inline and call here otherwise.
 */
#include <math.h>

#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/bigint.h"
#include "runtime/runtime-internal.h"

/* ---- numeric operators ----------------------------------------------------------------- */

/* 6.1.6.1.3 Number::exponentiate: C's pow except where JS says NaN. */
static double operators_exponentiate(double base, double exponent) {
  if (isnan(exponent)) return NAN;
  if (exponent == 0) return 1;
  if ((base == 1 || base == -1) && isinf(exponent)) return NAN;
  return pow(base, exponent);
}

/* The Number operation op on doubles (6.1.6.1). */
static double operators_number_op(RuntimeBinaryOp op, double x, double y) {
  switch (op) {
    case RT_OP_ADD: return x + y;
    case RT_OP_SUB: return x - y;
    case RT_OP_MUL: return x * y;
    case RT_OP_DIV: return x / y;
    case RT_OP_MOD: return fmod(x, y); /* sign of the dividend; NaN for y = 0 or x infinite */
    case RT_OP_EXP: return operators_exponentiate(x, y);
    default: break;
  }
  int32_t a = runtime_double_to_int32(x), b = runtime_double_to_int32(y);
  uint32_t shift = (uint32_t)b & 31;
  switch (op) {
    case RT_OP_BIT_OR: return a | b;
    case RT_OP_BIT_XOR: return a ^ b;
    case RT_OP_BIT_AND: return a & b;
    case RT_OP_SHL: return (int32_t)((uint32_t)a << shift);
    case RT_OP_SAR: return a >> shift;
    case RT_OP_SHR: return (uint32_t)a >> shift;
    default: UNREACHABLE();
  }
}

/* Smi op Smi without overflow into doubles, or false. */
static bool operators_smi_op(RuntimeBinaryOp op, int32_t a, int32_t b, int64_t *out) {
  switch (op) {
    case RT_OP_ADD: *out = (int64_t)a + b; return true;
    case RT_OP_SUB: *out = (int64_t)a - b; return true;
    case RT_OP_MUL:
      *out = (int64_t)a * b;
      return *out != 0 || (a >= 0 && b >= 0); /* 0 * -5 is -0 */
    case RT_OP_MOD:
      if (b == 0 || a < 0) return false; /* NaN, or a possible -0 */
      *out = (int64_t)a % b;
      return true;
    default:
      return false;
  }
}

/* 13.15.3 ApplyStringOrNumericBinaryOperator steps 3-8 on two numerics (Numbers or
 * BigInts): the same type is required (TypeError when a BigInt meets a Number). */
static Handle operators_numeric_op(Isolate *iso, RuntimeBinaryOp op, Handle ln, Handle rn) {
  bool lbig = is_bigint(H(ln)), rbig = is_bigint(H(rn));
  if (lbig && rbig) return runtime_bigint_binary_op(iso, op, ln, rn);
  if (lbig || rbig) {
    rt_throw_type_error(iso, "Cannot mix BigInt and other types, use explicit conversions");
    return HANDLE_NULL;
  }
  double x = runtime_number_value(H(ln)), y = runtime_number_value(H(rn));
  return factory_new_number(iso, operators_number_op(op, x, y));
}

/* 13.15.3 ApplyStringOrNumericBinaryOperator for + (step 1). */
static Handle operators_add(Isolate *iso, Handle left, Handle right) {
  if (is_string(H(left)) && is_string(H(right))) return string_concat(iso, left, right);
  Handle lprim = runtime_to_primitive(iso, left, HINT_DEFAULT);
  if (handle_is_null(lprim)) return lprim;
  Handle rprim = runtime_to_primitive(iso, right, HINT_DEFAULT);
  if (handle_is_null(rprim)) return rprim;
  if (is_string(H(lprim)) || is_string(H(rprim))) {
    Handle ls = runtime_to_string(iso, lprim);
    if (handle_is_null(ls)) return ls;
    Handle rs = runtime_to_string(iso, rprim);
    if (handle_is_null(rs)) return rs;
    return string_concat(iso, ls, rs);
  }
  Handle ln = runtime_to_numeric(iso, lprim);
  if (handle_is_null(ln)) return ln;
  Handle rn = runtime_to_numeric(iso, rprim);
  if (handle_is_null(rn)) return rn;
  return operators_numeric_op(iso, RT_OP_ADD, ln, rn);
}

/* The value of a Number (Smi or HeapNumber), inline for the arithmetic fast path. */
KILN_INLINE double operators_number_value(Tagged number) {
  return is_smi(number) ? (double)smi_value(number) : heap_number_value(number);
}

Handle runtime_binary_op(Isolate *iso, RuntimeBinaryOp op, Handle left, Handle right) {
  Tagged l = H(left), r = H(right);
  if (is_smi(l) && is_smi(r)) {
    int64_t out;
    if (operators_smi_op(op, smi_value(l), smi_value(r), &out) && smi_is_valid(out)) {
      return handle_new(iso, smi_from_int((int32_t)out));
    }
  }
  /* Two Numbers: ToPrimitive and ToNumeric are the identity, so the Number operation
   * applies directly (the common case of double arithmetic). */
  if (is_number(l) && is_number(r)) {
    return factory_new_number(
        iso, operators_number_op(op, operators_number_value(l), operators_number_value(r)));
  }
  if (op == RT_OP_ADD) return operators_add(iso, left, right);
  Handle ln = runtime_to_numeric(iso, left);
  if (handle_is_null(ln)) return ln;
  Handle rn = runtime_to_numeric(iso, right);
  if (handle_is_null(rn)) return rn;
  return operators_numeric_op(iso, op, ln, rn);
}

Handle runtime_unary_op(Isolate *iso, RuntimeUnaryOp op, Handle value) {
  Handle n = is_number(H(value)) ? value : runtime_to_numeric(iso, value);
  if (handle_is_null(n)) return n;
  if (is_bigint(H(n))) return runtime_bigint_unary_op(iso, op, n);
  double x = operators_number_value(H(n));
  switch (op) {
    case RT_UNARY_NEG: return factory_new_number(iso, -x);
    case RT_UNARY_BIT_NOT: return factory_new_number(iso, ~runtime_double_to_int32(x));
    case RT_UNARY_INC: return factory_new_number(iso, x + 1);
    case RT_UNARY_DEC: return factory_new_number(iso, x - 1);
  }
  UNREACHABLE();
}

/* ---- typeof ---------------------------------------------------------------------------- */

Tagged runtime_typeof(Isolate *iso, Tagged value) {
  if (is_number(value)) return ROOT(iso, number_string);
  if (is_string(value)) return ROOT(iso, string_string);
  if (is_oddball(value)) return oddball_type_of(value);
  if (is_symbol(value)) return ROOT(iso, symbol_string);
  if (is_js_receiver(value)) {
    if (map_has_flag(heap_object_map(value), MAP_IS_UNDETECTABLE)) {
      return ROOT(iso, undefined_string);
    }
    return runtime_is_callable(value) ? ROOT(iso, function_string) : ROOT(iso, object_string);
  }
  return ROOT(iso, bigint_string);
}

/* ---- equality -------------------------------------------------------------------------- */

static bool operators_is_nullish(Isolate *iso, Tagged v) {
  return is_undefined(iso, v) || is_null(iso, v) ||
         (is_js_receiver(v) && map_has_flag(heap_object_map(v), MAP_IS_UNDETECTABLE));
}

static bool operators_is_boolean(Isolate *iso, Tagged v) {
  return v == ROOT(iso, true_value) || v == ROOT(iso, false_value);
}

/* The "same type" test of 7.2.14 step 1 (Number, String, Symbol, Boolean, Undefined, Null,
 * Object). */
static int operators_type_tag(Isolate *iso, Tagged v) {
  if (is_number(v)) return 1;
  if (is_string(v)) return 2;
  if (is_symbol(v)) return 3;
  if (operators_is_boolean(iso, v)) return 4;
  if (is_undefined(iso, v)) return 5;
  if (is_null(iso, v)) return 6;
  if (is_js_receiver(v)) return 7;
  return 8;
}

/* 7.2.14 steps 6-7: a BigInt and a String are equal when StringToBigInt(string) is the
 * same BigInt. */
static RuntimeMaybeBool operators_bigint_equals_string(Isolate *iso, Handle big, Handle str) {
  Handle n = bigint_from_string(iso, str);
  if (handle_is_null(n)) return RT_EXCEPTION;
  return !is_undefined(iso, H(n)) && bigint_equals(H(big), H(n)) ? RT_TRUE : RT_FALSE;
}

RuntimeMaybeBool runtime_loose_equals(Isolate *iso, Handle a, Handle b) {
  for (;;) {
    Tagged x = H(a), y = H(b);
    if (operators_type_tag(iso, x) == operators_type_tag(iso, y)) {
      return runtime_strict_equals(x, y) ? RT_TRUE : RT_FALSE;
    }
    bool xn = operators_is_nullish(iso, x), yn = operators_is_nullish(iso, y);
    if (xn || yn) return xn && yn ? RT_TRUE : RT_FALSE;
    if (is_number(x) && is_string(y)) {
      return runtime_number_value(x) == runtime_string_to_number(iso, y) ? RT_TRUE : RT_FALSE;
    }
    if (is_string(x) && is_number(y)) {
      return runtime_string_to_number(iso, x) == runtime_number_value(y) ? RT_TRUE : RT_FALSE;
    }
    if (is_bigint(x) && is_string(y)) return operators_bigint_equals_string(iso, a, b);
    if (is_string(x) && is_bigint(y)) return operators_bigint_equals_string(iso, b, a);
    if (is_bigint(x) && is_number(y)) {
      return bigint_compare_to_double(x, runtime_number_value(y)) == 0 ? RT_TRUE : RT_FALSE;
    }
    if (is_number(x) && is_bigint(y)) {
      return bigint_compare_to_double(y, runtime_number_value(x)) == 0 ? RT_TRUE : RT_FALSE;
    }
    if (operators_is_boolean(iso, x)) {
      a = handle_new(iso, oddball_to_number(x));
    } else if (operators_is_boolean(iso, y)) {
      b = handle_new(iso, oddball_to_number(y));
    } else if (!is_js_receiver(x) && is_js_receiver(y)) {
      b = runtime_to_primitive(iso, b, HINT_DEFAULT);
      if (handle_is_null(b)) return RT_EXCEPTION;
    } else if (is_js_receiver(x) && !is_js_receiver(y)) {
      a = runtime_to_primitive(iso, a, HINT_DEFAULT);
      if (handle_is_null(a)) return RT_EXCEPTION;
    } else {
      return RT_FALSE;
    }
  }
}

/* ---- relational comparison ------------------------------------------------------------- */

/* 7.2.13 IsLessThan steps 4-5 on two numerics (Numbers or BigInts, mixed or not, compared
 * exactly): 1 true, 0 false, 2 undefined (NaN). */
static int operators_numeric_less_than(Tagged x, Tagged y) {
  if (is_bigint(x) && is_bigint(y)) return bigint_compare(x, y) < 0;
  if (is_bigint(x)) {
    int c = bigint_compare_to_double(x, runtime_number_value(y));
    return c == kBigIntCompareUndefined ? 2 : c < 0;
  }
  if (is_bigint(y)) {
    int c = bigint_compare_to_double(y, runtime_number_value(x));
    return c == kBigIntCompareUndefined ? 2 : c > 0;
  }
  double a = runtime_number_value(x), b = runtime_number_value(y);
  if (isnan(a) || isnan(b)) return 2;
  return a < b;
}

/* 7.2.13 IsLessThan(x, y, LeftFirst): 1 true, 0 false, 2 undefined (NaN), -1 exception. */
static int operators_less_than(Isolate *iso, Handle x, Handle y, bool left_first) {
  Handle px, py;
  if (left_first) {
    if (handle_is_null(px = runtime_to_primitive(iso, x, HINT_NUMBER))) return -1;
    if (handle_is_null(py = runtime_to_primitive(iso, y, HINT_NUMBER))) return -1;
  } else {
    if (handle_is_null(py = runtime_to_primitive(iso, y, HINT_NUMBER))) return -1;
    if (handle_is_null(px = runtime_to_primitive(iso, x, HINT_NUMBER))) return -1;
  }
  if (is_string(H(px)) && is_string(H(py))) return string_compare(H(px), H(py)) < 0;
  if (is_bigint(H(px)) && is_string(H(py))) {
    if (handle_is_null(py = bigint_from_string(iso, py))) return -1;
    if (is_undefined(iso, H(py))) return 2;
  } else if (is_string(H(px)) && is_bigint(H(py))) {
    if (handle_is_null(px = bigint_from_string(iso, px))) return -1;
    if (is_undefined(iso, H(px))) return 2;
  }
  Handle nx = runtime_to_numeric(iso, px);
  if (handle_is_null(nx)) return -1;
  Handle ny = runtime_to_numeric(iso, py);
  if (handle_is_null(ny)) return -1;
  return operators_numeric_less_than(H(nx), H(ny));
}

RuntimeMaybeBool runtime_compare(Isolate *iso, Handle a, Handle b, CompareOp op) {
  if (is_smi(H(a)) && is_smi(H(b))) {
    int32_t x = smi_value(H(a)), y = smi_value(H(b));
    bool r = op == COMPARE_LT ? x < y : op == COMPARE_GT ? x > y : op == COMPARE_LTE ? x <= y
                                                                                     : x >= y;
    return r ? RT_TRUE : RT_FALSE;
  }
  if (is_number(H(a)) && is_number(H(b))) { /* no conversion can run: compare directly */
    double x = operators_number_value(H(a)), y = operators_number_value(H(b));
    bool r = op == COMPARE_LT ? x < y : op == COMPARE_GT ? x > y : op == COMPARE_LTE ? x <= y
                                                                                     : x >= y;
    return r ? RT_TRUE : RT_FALSE; /* every comparison with NaN is false */
  }
  int r;
  switch (op) {
    case COMPARE_LT:
      r = operators_less_than(iso, a, b, true);
      return r < 0 ? RT_EXCEPTION : r == 1 ? RT_TRUE : RT_FALSE;
    case COMPARE_GT:
      r = operators_less_than(iso, b, a, false);
      return r < 0 ? RT_EXCEPTION : r == 1 ? RT_TRUE : RT_FALSE;
    case COMPARE_LTE:
      r = operators_less_than(iso, b, a, false);
      return r < 0 ? RT_EXCEPTION : r == 0 ? RT_TRUE : RT_FALSE;
    case COMPARE_GTE:
      r = operators_less_than(iso, a, b, true);
      return r < 0 ? RT_EXCEPTION : r == 0 ? RT_TRUE : RT_FALSE;
  }
  UNREACHABLE();
}

/* ---- instanceof ------------------------------------------------------------------------ */

RuntimeMaybeBool runtime_instance_of(Isolate *iso, Handle value, Handle target) {
  if (!is_js_receiver(H(target))) {
    return rt_throw_type_error(iso, "Right-hand side of 'instanceof' is not an object");
  }
  Handle handler = runtime_get_method(iso, target, ROOT_HANDLE(iso, has_instance_symbol));
  if (handle_is_null(handler)) return RT_EXCEPTION;
  if (!is_undefined(iso, H(handler))) {
    Handle result = execution_call(iso, handler, target, 1, &value);
    if (handle_is_null(result)) return RT_EXCEPTION;
    return runtime_to_boolean(iso, H(result)) ? RT_TRUE : RT_FALSE;
  }
  if (!runtime_is_callable(H(target))) {
    return rt_throw_type_error(iso, "Right-hand side of 'instanceof' is not callable");
  }
  return runtime_ordinary_has_instance(iso, target, value);
}

RuntimeMaybeBool runtime_ordinary_has_instance(Isolate *iso, Handle c, Handle o) {
  if (!runtime_is_callable(H(c))) return RT_FALSE;
  if (is_js_bound_function(H(c))) {
    Handle target = handle_new(iso, js_bound_function_target(H(c)));
    return runtime_instance_of(iso, o, target);
  }
  if (!is_js_receiver(H(o))) return RT_FALSE;
  Handle proto = runtime_get(iso, c, ROOT_HANDLE(iso, prototype_string), c);
  if (handle_is_null(proto)) return RT_EXCEPTION;
  if (!is_js_receiver(H(proto))) {
    return rt_throw_type_error(iso, "Function has non-object prototype in instanceof check");
  }
  Handle cur = o;
  for (;;) {
    cur = runtime_get_prototype_of(iso, cur);
    if (handle_is_null(cur)) return RT_EXCEPTION;
    if (is_null(iso, H(cur))) return RT_FALSE;
    if (H(cur) == H(proto)) return RT_TRUE;
  }
}
