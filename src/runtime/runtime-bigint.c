/*
 * runtime-bigint.c: the BigInt abstract operations (ES2025 7.1.13 ToBigInt, 21.2.1.1.1
 * NumberToBigInt) and the BigInt side of the operators (6.1.6.2 BigInt::*), over the values
 * of objects/bigint.h. runtime-operators.c sends here any operator whose operands are
 * BigInts after ToNumeric; mixing a BigInt with a Number is its TypeError, not ours.
 */
#include <math.h>

#include "heap/factory.h"
#include "objects/bigint.h"
#include "runtime/runtime-internal.h"

Handle runtime_to_bigint(Isolate *iso, Handle value) {
  Handle prim = runtime_to_primitive(iso, value, HINT_NUMBER);
  if (handle_is_null(prim)) return prim;
  Tagged p = H(prim);
  if (is_bigint(p)) return prim;
  if (p == ROOT(iso, true_value)) return bigint_from_int64(iso, 1);
  if (p == ROOT(iso, false_value)) return bigint_zero(iso);
  char buf[256];
  if (is_string(p)) {
    Handle n = bigint_from_string(iso, prim);
    if (handle_is_null(n) || !is_undefined(iso, H(n))) return n;
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "Cannot convert %s to a BigInt",
                        rt_describe(iso, p, buf, sizeof buf));
    return HANDLE_NULL;
  }
  rt_throw_type_error(iso, "Cannot convert %s to a BigInt", rt_describe(iso, p, buf, sizeof buf));
  return HANDLE_NULL;
}

Handle runtime_number_to_bigint(Isolate *iso, Handle number) {
  double d = runtime_number_value(H(number));
  if (!isfinite(d) || trunc(d) != d) {
    char buf[64];
    runtime_double_to_cstring(d, buf);
    isolate_throw_error(iso, kError_RANGE_ERROR,
                        "The number %s cannot be converted to a BigInt because it is not an "
                        "integer", buf);
    return HANDLE_NULL;
  }
  return bigint_from_double(iso, d);
}

Handle runtime_bigint_binary_op(Isolate *iso, RuntimeBinaryOp op, Handle x, Handle y) {
  switch (op) {
    case RT_OP_ADD: return bigint_add(iso, x, y);
    case RT_OP_SUB: return bigint_subtract(iso, x, y);
    case RT_OP_MUL: return bigint_multiply(iso, x, y);
    case RT_OP_DIV: return bigint_divide(iso, x, y);
    case RT_OP_MOD: return bigint_remainder(iso, x, y);
    case RT_OP_EXP: return bigint_exponentiate(iso, x, y);
    case RT_OP_BIT_OR: return bigint_bitwise_or(iso, x, y);
    case RT_OP_BIT_XOR: return bigint_bitwise_xor(iso, x, y);
    case RT_OP_BIT_AND: return bigint_bitwise_and(iso, x, y);
    case RT_OP_SHL: return bigint_shift_left(iso, x, y);
    case RT_OP_SAR: return bigint_shift_right(iso, x, y);
    case RT_OP_SHR: /* 6.1.6.2.11 BigInt::unsignedRightShift */
      rt_throw_type_error(iso, "BigInts have no unsigned right shift, use >> instead");
      return HANDLE_NULL;
  }
  UNREACHABLE();
}

Handle runtime_bigint_unary_op(Isolate *iso, RuntimeUnaryOp op, Handle x) {
  switch (op) {
    case RT_UNARY_NEG: return bigint_negate(iso, x);
    case RT_UNARY_BIT_NOT: return bigint_bitwise_not(iso, x);
    case RT_UNARY_INC:
    case RT_UNARY_DEC: {
      Handle one = bigint_from_int64(iso, 1);
      if (handle_is_null(one)) return one;
      return op == RT_UNARY_INC ? bigint_add(iso, x, one) : bigint_subtract(iso, x, one);
    }
  }
  UNREACHABLE();
}
