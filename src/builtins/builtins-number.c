/*
 * builtins-number.c: Number (ES2025 21.1), Boolean (20.3), and the global functions that
 * Number shares with the global object (parseInt, parseFloat: the same function objects,
 * 21.1.2.12-13) plus isNaN and isFinite (19.2.2-3).
 *
 * Number formatting is numbers/dtoa.h's; parsing numbers/conversions.h's.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "builtins/builtins-utils.h"
#include "numbers/conversions.h"
#include "numbers/dtoa.h"
#include "objects/js-objects.h"
#include "objects/string.h"

#define NUMBER_BUILTINS(V)                       \
  V(NumberIsFinite, "isFinite", 1)               \
  V(NumberIsInteger, "isInteger", 1)             \
  V(NumberIsNaN, "isNaN", 1)                     \
  V(NumberIsSafeInteger, "isSafeInteger", 1)

#define NUMBER_PROTOTYPE_BUILTINS(V)                        \
  V(NumberPrototypeToExponential, "toExponential", 1)       \
  V(NumberPrototypeToFixed, "toFixed", 1)                   \
  V(NumberPrototypeToLocaleString, "toLocaleString", 0)     \
  V(NumberPrototypeToPrecision, "toPrecision", 1)           \
  V(NumberPrototypeToString, "toString", 1)                 \
  V(NumberPrototypeValueOf, "valueOf", 0)

#define NUMBER_GLOBAL_BUILTINS(V)        \
  V(GlobalIsFinite, "isFinite", 1)       \
  V(GlobalIsNaN, "isNaN", 1)

#define BOOLEAN_PROTOTYPE_BUILTINS(V)              \
  V(BooleanPrototypeToString, "toString", 0)       \
  V(BooleanPrototypeValueOf, "valueOf", 0)

NUMBER_BUILTINS(BUILTIN_DECLARE)
NUMBER_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
NUMBER_GLOBAL_BUILTINS(BUILTIN_DECLARE)
BOOLEAN_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(NumberConstructor, "Number", 1)
BUILTIN_DECLARE(BooleanConstructor, "Boolean", 1)
BUILTIN_DECLARE(GlobalParseInt, "parseInt", 2)
BUILTIN_DECLARE(GlobalParseFloat, "parseFloat", 1)

/* ---- Number ---------------------------------------------------------------------------- */

/* ES2025 21.1.1.1 Number ( value ) */
BUILTIN(NumberConstructor) {
  Handle n = handle_new(iso, smi_from_int(0));
  if (args->argc > 0) {
    Handle prim = runtime_to_numeric(iso, BUILTIN_ARG(0));
    BUILTIN_TRY(prim);
    if (!is_number(H(prim))) {
      /* A BigInt: Number(prim), through the string form (exact for every BigInt). */
      Handle str = runtime_to_string(iso, prim);
      BUILTIN_TRY(str);
      prim = builtins_number(iso, runtime_string_to_number(iso, H(str)));
      BUILTIN_TRY(prim);
    }
    n = prim;
  }
  Handle new_target = builtin_new_target(args);
  if (is_undefined(iso, H(new_target))) return n;
  Handle proto = runtime_get_prototype_from_constructor(iso, new_target,
                                                        NATIVE_CONTEXT_number_prototype);
  BUILTIN_TRY(proto);
  return runtime_new_primitive_wrapper(iso, n, proto);
}

static bool number_arg(Isolate *iso, BuiltinArgs *args, double *out) {
  Tagged v = H(BUILTIN_ARG(0));
  if (!is_number(v)) return false;
  *out = runtime_number_value(v);
  return true;
}

/* ES2025 21.1.2.2 Number.isFinite, .3 isInteger, .4 isNaN, .5 isSafeInteger */
BUILTIN(NumberIsFinite) {
  double d;
  return builtins_boolean(iso, number_arg(iso, args, &d) && isfinite(d));
}
BUILTIN(NumberIsInteger) {
  double d;
  return builtins_boolean(iso, number_arg(iso, args, &d) && isfinite(d) && d == trunc(d));
}
BUILTIN(NumberIsNaN) {
  double d;
  return builtins_boolean(iso, number_arg(iso, args, &d) && isnan(d));
}
BUILTIN(NumberIsSafeInteger) {
  double d;
  return builtins_boolean(iso, number_arg(iso, args, &d) && isfinite(d) && d == trunc(d) &&
                                   fabs(d) <= 9007199254740991.0);
}

/* ES2025 21.1.3.7.1 ThisNumberValue ( value ) */
static bool number_this_value(Isolate *iso, BuiltinArgs *args, const char *method, double *out) {
  Tagged v = *args->receiver;
  if (is_js_primitive_wrapper(v) && is_number(js_primitive_wrapper_value(v))) {
    v = js_primitive_wrapper_value(v);
  }
  if (!is_number(v)) {
    builtins_throw_type_error(iso, "Number.prototype.%s requires that 'this' be a Number", method);
    return false;
  }
  *out = runtime_number_value(v);
  return true;
}

static Handle number_ascii(Isolate *iso, const char *buf, int n) {
  return string_new_one_byte(iso, (const uint8_t *)buf, (size_t)n);
}

/* ES2025 21.1.3.2 Number.prototype.toExponential ( fractionDigits ) */
BUILTIN(NumberPrototypeToExponential) {
  double x, f;
  BUILTIN_CHECK(number_this_value(iso, args, "toExponential", &x));
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &f));
  char buf[kDtoaExponentialBufferSize];
  if (!isfinite(x)) return number_ascii(iso, buf, dtoa_shortest(x, buf));
  if (f < 0 || f > 100) return builtins_throw_range_error(iso, "toExponential() argument must be between 0 and 100");
  int digits = is_undefined(iso, H(BUILTIN_ARG(0))) ? -1 : (int)f;
  return number_ascii(iso, buf, dtoa_exponential(x, digits, buf));
}

/* ES2025 21.1.3.3 Number.prototype.toFixed ( fractionDigits ) */
BUILTIN(NumberPrototypeToFixed) {
  double x, f;
  BUILTIN_CHECK(number_this_value(iso, args, "toFixed", &x));
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &f));
  if (!isfinite(f) || f < 0 || f > 100) {
    return builtins_throw_range_error(iso, "toFixed() digits argument must be between 0 and 100");
  }
  char buf[kDtoaFixedBufferSize];
  return number_ascii(iso, buf, dtoa_fixed(x, (int)f, buf));
}

/* ES2025 21.1.3.4 Number.prototype.toLocaleString ( ): the toString(10) form. */
BUILTIN(NumberPrototypeToLocaleString) {
  double x;
  BUILTIN_CHECK(number_this_value(iso, args, "toLocaleString", &x));
  char buf[kDtoaShortestBufferSize];
  return number_ascii(iso, buf, dtoa_shortest(x, buf));
}

/* ES2025 21.1.3.5 Number.prototype.toPrecision ( precision ) */
BUILTIN(NumberPrototypeToPrecision) {
  double x, p;
  BUILTIN_CHECK(number_this_value(iso, args, "toPrecision", &x));
  char buf[kDtoaPrecisionBufferSize];
  if (is_undefined(iso, H(BUILTIN_ARG(0)))) return number_ascii(iso, buf, dtoa_shortest(x, buf));
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &p));
  if (!isfinite(x)) return number_ascii(iso, buf, dtoa_shortest(x, buf));
  if (p < 1 || p > 100) return builtins_throw_range_error(iso, "toPrecision() argument must be between 1 and 100");
  return number_ascii(iso, buf, dtoa_precision(x, (int)p, buf));
}

/* ES2025 21.1.3.6 Number.prototype.toString ( [ radix ] ) */
BUILTIN(NumberPrototypeToString) {
  double x, radix = 10;
  BUILTIN_CHECK(number_this_value(iso, args, "toString", &x));
  if (!is_undefined(iso, H(BUILTIN_ARG(0)))) {
    BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &radix));
  }
  if (radix < 2 || radix > 36) return builtins_throw_range_error(iso, "toString() radix must be between 2 and 36");
  if (radix == 10) return runtime_number_to_string(iso, H(builtins_number(iso, x)));
  char *buf = malloc(kDtoaRadixBufferSize);
  if (buf == NULL) return builtins_throw_range_error(iso, "out of memory");
  Handle result = number_ascii(iso, buf, dtoa_radix(x, (int)radix, buf));
  free(buf);
  return result;
}

/* ES2025 21.1.3.7 Number.prototype.valueOf ( ) */
BUILTIN(NumberPrototypeValueOf) {
  double x;
  BUILTIN_CHECK(number_this_value(iso, args, "valueOf", &x));
  return builtins_number(iso, x);
}

/* ---- global number functions ------------------------------------------------------------ */

/* ES2025 19.2.2 isFinite ( number ), 19.2.3 isNaN ( number ) */
BUILTIN(GlobalIsFinite) {
  double d;
  BUILTIN_CHECK(runtime_to_number_double(iso, BUILTIN_ARG(0), &d));
  return builtins_boolean(iso, isfinite(d));
}
BUILTIN(GlobalIsNaN) {
  double d;
  BUILTIN_CHECK(runtime_to_number_double(iso, BUILTIN_ARG(0), &d));
  return builtins_boolean(iso, isnan(d));
}

/* ES2025 19.2.5 parseInt ( string, radix ) */
BUILTIN(GlobalParseInt) {
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  int32_t radix;
  BUILTIN_CHECK(runtime_to_int32(iso, BUILTIN_ARG(1), &radix));
  size_t len;
  uint16_t *units = builtins_string_units(iso, H(s), &len);
  if (units == NULL) return HANDLE_NULL;
  double d = conversions_parse_int(units, len, true, radix);
  free(units);
  return builtins_number(iso, d);
}

/* ES2025 19.2.4 parseFloat ( string ) */
BUILTIN(GlobalParseFloat) {
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  size_t len;
  uint16_t *units = builtins_string_units(iso, H(s), &len);
  if (units == NULL) return HANDLE_NULL;
  double d = conversions_parse_float(units, len, true);
  free(units);
  return builtins_number(iso, d);
}

/* ---- Boolean --------------------------------------------------------------------------- */

/* ES2025 20.3.1.1 Boolean ( value ) */
BUILTIN(BooleanConstructor) {
  Handle b = builtins_boolean(iso, runtime_to_boolean(iso, H(BUILTIN_ARG(0))));
  Handle new_target = builtin_new_target(args);
  if (is_undefined(iso, H(new_target))) return b;
  Handle proto = runtime_get_prototype_from_constructor(iso, new_target,
                                                        NATIVE_CONTEXT_boolean_prototype);
  BUILTIN_TRY(proto);
  return runtime_new_primitive_wrapper(iso, b, proto);
}

/* ES2025 20.3.3.3.1 ThisBooleanValue ( value ) */
static Handle boolean_this_value(Isolate *iso, BuiltinArgs *args, const char *method) {
  Tagged v = *args->receiver;
  if (is_js_primitive_wrapper(v)) v = js_primitive_wrapper_value(v);
  if (v == ROOT(iso, true_value) || v == ROOT(iso, false_value)) return handle_new(iso, v);
  return builtins_throw_type_error(iso, "Boolean.prototype.%s requires that 'this' be a Boolean",
                                   method);
}

BUILTIN(BooleanPrototypeToString) {
  Handle b = boolean_this_value(iso, args, "toString");
  BUILTIN_TRY(b);
  return H(b) == ROOT(iso, true_value) ? ROOT_HANDLE(iso, true_string)
                                       : ROOT_HANDLE(iso, false_string);
}
BUILTIN(BooleanPrototypeValueOf) { return boolean_this_value(iso, args, "valueOf"); }

/* ---- installation ---------------------------------------------------------------------- */

static const BuiltinSpec kNumberBuiltins[] = {NUMBER_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kNumberPrototypeBuiltins[] = {NUMBER_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kNumberGlobalBuiltins[] = {NUMBER_GLOBAL_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kBooleanPrototypeBuiltins[] = {BOOLEAN_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

/* The value properties of Number (21.1.2): non-writable, non-enumerable, non-configurable. */
static bool number_install_constants(Isolate *iso, Handle ctor) {
  static const struct { const char *name; double value; } kConstants[] = {
      {"EPSILON", DBL_EPSILON},
      {"MAX_SAFE_INTEGER", 9007199254740991.0},
      {"MAX_VALUE", DBL_MAX},
      {"MIN_SAFE_INTEGER", -9007199254740991.0},
      {"MIN_VALUE", 4.9406564584124654e-324},
      {"NaN", NAN},
      {"NEGATIVE_INFINITY", -INFINITY},
      {"POSITIVE_INFINITY", INFINITY},
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kConstants); i++) {
    Handle v = builtins_number(iso, kConstants[i].value);
    if (handle_is_null(v) ||
        !builtins_define_value(iso, ctor, kConstants[i].name, v, READ_ONLY | DONT_ENUM | DONT_DELETE)) {
      return false;
    }
  }
  return true;
}

/* parseInt and parseFloat: one function object each, on the global object and Number. */
static bool number_install_parsers(Isolate *iso, Handle nc, Handle ctor) {
  Handle global = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_global_object);
  Handle parse_int = builtins_install_method(iso, nc, global, "parseInt", Builtin_GlobalParseInt, 2);
  Handle parse_float = handle_is_null(parse_int)
                           ? parse_int
                           : builtins_install_method(iso, nc, global, "parseFloat",
                                                     Builtin_GlobalParseFloat, 1);
  return !handle_is_null(parse_float) &&
         builtins_define_value(iso, ctor, "parseInt", parse_int, DONT_ENUM) &&
         builtins_define_value(iso, ctor, "parseFloat", parse_float, DONT_ENUM) &&
         builtins_install_methods(iso, nc, global, kNumberGlobalBuiltins,
                                  KILN_ARRAY_SIZE(kNumberGlobalBuiltins));
}

bool builtins_install_number(Isolate *iso, Handle nc) {
  Handle proto = builtins_new_wrapper_prototype(iso, nc, handle_new(iso, smi_from_int(0)));
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, "Number", 1, Builtin_NumberConstructor,
                                             proto, NATIVE_CONTEXT_number_function,
                                             NATIVE_CONTEXT_number_prototype);
  if (handle_is_null(ctor) || !number_install_constants(iso, ctor) ||
      !builtins_install_methods(iso, nc, ctor, kNumberBuiltins, KILN_ARRAY_SIZE(kNumberBuiltins)) ||
      !builtins_install_methods(iso, nc, proto, kNumberPrototypeBuiltins,
                                KILN_ARRAY_SIZE(kNumberPrototypeBuiltins)) ||
      !number_install_parsers(iso, nc, ctor)) {
    return false;
  }
  Handle bool_proto = builtins_new_wrapper_prototype(iso, nc, ROOT_HANDLE(iso, false_value));
  if (handle_is_null(bool_proto)) return false;
  Handle bool_ctor = builtins_install_constructor(iso, nc, "Boolean", 1, Builtin_BooleanConstructor,
                                                  bool_proto, NATIVE_CONTEXT_boolean_function,
                                                  NATIVE_CONTEXT_boolean_prototype);
  return !handle_is_null(bool_ctor) &&
         builtins_install_methods(iso, nc, bool_proto, kBooleanPrototypeBuiltins,
                                  KILN_ARRAY_SIZE(kBooleanPrototypeBuiltins));
}
