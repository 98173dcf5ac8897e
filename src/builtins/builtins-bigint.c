/*
 * builtins-bigint.c: the BigInt constructor and BigInt.prototype (ES2025 21.2). The values
 * and their arithmetic are objects/bigint.h; ToBigInt and NumberToBigInt are the runtime's
 * (runtime/runtime-bigint.c).
 */
#include <math.h>

#include "builtins/builtins-utils.h"
#include "objects/bigint.h"

#define BIGINT_BUILTINS(V)         \
  V(BigIntAsIntN, "asIntN", 2)     \
  V(BigIntAsUintN, "asUintN", 2)

#define BIGINT_PROTOTYPE_BUILTINS(V)                       \
  V(BigIntPrototypeToLocaleString, "toLocaleString", 0)    \
  V(BigIntPrototypeToString, "toString", 0)                \
  V(BigIntPrototypeValueOf, "valueOf", 0)

BIGINT_BUILTINS(BUILTIN_DECLARE)
BIGINT_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(BigIntConstructor, "BigInt", 1)

/* ES2025 21.2.1.1 BigInt ( value ) */
BUILTIN(BigIntConstructor) {
  if (builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "BigInt is not a constructor");
  }
  Handle prim = runtime_to_primitive(iso, BUILTIN_ARG(0), HINT_NUMBER);
  BUILTIN_TRY(prim);
  if (is_number(H(prim))) return runtime_number_to_bigint(iso, prim);
  return runtime_to_bigint(iso, prim);
}

/* BigInt.asIntN and asUintN (21.2.2.1, 21.2.2.2): bits = ToIndex(bits), then ToBigInt. */
static Handle bigint_as_n(Isolate *iso, BuiltinArgs *args, bool is_signed) {
  double bits;
  BUILTIN_CHECK(runtime_to_index(iso, BUILTIN_ARG(0), &bits));
  Handle x = runtime_to_bigint(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(x);
  return is_signed ? bigint_as_int_n(iso, (uint64_t)bits, x)
                   : bigint_as_uint_n(iso, (uint64_t)bits, x);
}

BUILTIN(BigIntAsIntN) { return bigint_as_n(iso, args, true); }
BUILTIN(BigIntAsUintN) { return bigint_as_n(iso, args, false); }

/* ES2025 21.2.3.4.1 ThisBigIntValue ( value ) */
static Handle bigint_this_value(Isolate *iso, BuiltinArgs *args, const char *method) {
  Tagged v = *args->receiver;
  if (is_bigint(v)) return builtin_receiver(args);
  if (is_js_primitive_wrapper(v) && is_bigint(js_primitive_wrapper_value(v))) {
    return handle_new(iso, js_primitive_wrapper_value(v));
  }
  return builtins_throw_type_error(iso, "BigInt.prototype.%s requires that 'this' be a BigInt",
                                   method);
}

/* ES2025 21.2.3.3 BigInt.prototype.toString ( [ radix ] ) */
BUILTIN(BigIntPrototypeToString) {
  Handle x = bigint_this_value(iso, args, "toString");
  BUILTIN_TRY(x);
  double radix = 10;
  if (!is_undefined(iso, H(BUILTIN_ARG(0)))) {
    BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &radix));
    if (radix < 2 || radix > 36) {
      return builtins_throw_range_error(iso, "toString() radix must be between 2 and 36");
    }
  }
  return bigint_to_string(iso, x, (int)radix);
}

/* ES2025 21.2.3.2 BigInt.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ): without
 * ECMA-402, the implementation-defined form is toString's. */
BUILTIN(BigIntPrototypeToLocaleString) {
  Handle x = bigint_this_value(iso, args, "toLocaleString");
  BUILTIN_TRY(x);
  return bigint_to_string(iso, x, 10);
}

/* ES2025 21.2.3.4 BigInt.prototype.valueOf ( ) */
BUILTIN(BigIntPrototypeValueOf) { return bigint_this_value(iso, args, "valueOf"); }

static const BuiltinSpec kBigIntBuiltins[] = {BIGINT_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kBigIntPrototypeBuiltins[] = {BIGINT_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

bool builtins_install_bigint(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, "BigInt", 1, Builtin_BigIntConstructor,
                                             proto, NATIVE_CONTEXT_bigint_function,
                                             NATIVE_CONTEXT_bigint_prototype);
  if (handle_is_null(ctor)) return false;
  Handle tag = builtins_string(iso, "BigInt");
  return !handle_is_null(tag) &&
         builtins_install_methods(iso, nc, ctor, kBigIntBuiltins,
                                  KILN_ARRAY_SIZE(kBigIntBuiltins)) &&
         builtins_install_methods(iso, nc, proto, kBigIntPrototypeBuiltins,
                                  KILN_ARRAY_SIZE(kBigIntPrototypeBuiltins)) &&
         builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM);
}
