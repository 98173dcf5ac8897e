/* test-runtime.c: conversions, operators, internal methods (ordinary, array, string,
 * arguments, proxy), 7.3 operations, iterators and errors (runtime/runtime.h).
 *
 * Functions are C builtins made here by hand (a SharedFunctionInfo with `builtin` set and a
 * callable map); builtin_data carries a value the builtin reads. A "realm" is a bare
 * NativeContext with only the slots a test fills. */
#include <math.h>
#include <string.h>

#include "builtins/builtins.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "test.h"

/* ---- helpers ---- */

static Handle key(Isolate *iso, const char *s) { return string_internalize_utf8(iso, s, strlen(s)); }
static Handle str(Isolate *iso, const char *s) { return string_new_utf8(iso, s, strlen(s)); }
static Handle num(Isolate *iso, double d) { return factory_new_number(iso, d); }
static Handle smi(Isolate *iso, int v) { return handle_new(iso, smi_from_int(v)); }
static double dbl(Handle h) { return runtime_number_value(H(h)); }
static bool str_is(Tagged s, const char *text) { return is_string(s) && string_equals_ascii(s, text); }

static Handle builtin_fn(Isolate *iso, BuiltinFunction fn, Handle data, bool constructor) {
  Handle sfi = factory_new_raw(iso, SharedFunctionInfo_kHeaderSize,
                               ROOT(iso, shared_function_info_map), ALLOCATE_YOUNG);
  for (size_t off = kTaggedSize; off < SharedFunctionInfo_kHeaderSize; off += kTaggedSize) {
    field_write_no_barrier(H(sfi), off, ROOT(iso, undefined_value));
  }
  sfi_set_flags(H(sfi), 0);
  sfi_set_builtin(H(sfi), (void *)fn);
  sfi_set_builtin_data(H(sfi), H(data));
  Handle map = factory_new_map(iso, JS_FUNCTION_TYPE, JSFunction_kHeaderSize + 2 * kTaggedSize, 2);
  map_set_flag(H(map), MAP_IS_CALLABLE, true);
  map_set_flag(H(map), MAP_IS_CONSTRUCTOR, constructor);
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  Handle f = js_object_new_with_map(iso, map);
  js_function_set_shared(H(f), H(sfi));
  js_function_set_context(H(f), ROOT(iso, undefined_value));
  js_function_set_feedback_vector(H(f), ROOT(iso, undefined_value));
  js_function_set_prototype_or_initial_map(H(f), ROOT(iso, the_hole_value));
  return f;
}

static Handle fn_data(Isolate *iso, BuiltinArgs *args) {
  return handle_new(iso, sfi_builtin_data(js_function_shared(*args->target)));
}

/* Returns its data. */
static Handle bi_return_data(Isolate *iso, BuiltinArgs *args) { return fn_data(iso, args); }
/* Returns its receiver. */
static Handle bi_return_this(Isolate *iso, BuiltinArgs *args) {
  return handle_new(iso, *args->receiver);
}
/* Returns its first argument. */
static Handle bi_return_arg0(Isolate *iso, BuiltinArgs *args) { return builtin_arg(iso, args, 0); }
/* Stores (receiver, arg0) into data[0], data[1] (data a FixedArray); returns the receiver. */
static Handle bi_record(Isolate *iso, BuiltinArgs *args) {
  Handle d = fn_data(iso, args);
  fixed_array_set(H(d), 0, *args->receiver);
  fixed_array_set(H(d), 1, H(builtin_arg(iso, args, 0)));
  return handle_new(iso, *args->receiver);
}
/* Throws a TypeError. */
static Handle bi_throw(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(args);
  isolate_throw_error(iso, kError_TYPE_ERROR, "thrown by builtin");
  return HANDLE_NULL;
}
/* An iterator's next(): this.i counts up; done when it reaches this.n. */
static Handle bi_next(Isolate *iso, BuiltinArgs *args) {
  Handle self = handle_new(iso, *args->receiver);
  Handle i = runtime_get_named(iso, self, "i");
  Handle n = runtime_get_named(iso, self, "n");
  bool done = smi_value(H(i)) >= smi_value(H(n));
  runtime_set_property(iso, self, key(iso, "i"), smi(iso, smi_value(H(i)) + 1), true);
  return runtime_create_iter_result(iso, done ? ROOT_HANDLE(iso, undefined_value) : i, done);
}

static Handle fn(Isolate *iso, BuiltinFunction f, Handle data) { return builtin_fn(iso, f, data, false); }
static Handle undef(Isolate *iso) { return ROOT_HANDLE(iso, undefined_value); }

/* A bare realm: a NativeContext whose slots are undefined. */
static Handle make_realm(Isolate *iso) {
  int64_t n = kNativeContextSlotCount;
  Handle nc = factory_new_raw(iso, Context_kHeaderSize + (size_t)n * kTaggedSize,
                              ROOT(iso, native_context_map), ALLOCATE_OLD);
  fixed_array_set_length(H(nc), n);
  for (size_t off = Context_scope_info_offset; off < Context_kHeaderSize + (size_t)n * kTaggedSize;
       off += kTaggedSize) {
    field_write_no_barrier(H(nc), off, ROOT(iso, undefined_value));
  }
  iso->native_context = H(nc);
  return nc;
}

static void realm_set(Isolate *iso, int slot, Handle v) { context_set(iso->native_context, slot, H(v)); }

static bool set_data(Isolate *iso, Handle obj, const char *k, Handle v, int attributes) {
  PropertyDescriptor d;
  property_descriptor_init(iso, &d);
  d.flags = PD_HAS_VALUE | PD_HAS_WRITABLE | PD_HAS_ENUMERABLE | PD_HAS_CONFIGURABLE |
            (attributes & READ_ONLY ? 0 : PD_WRITABLE) | (attributes & DONT_ENUM ? 0 : PD_ENUMERABLE) |
            (attributes & DONT_DELETE ? 0 : PD_CONFIGURABLE);
  d.value = v;
  return runtime_define_own_property(iso, obj, key(iso, k), &d) == RT_TRUE;
}

static RuntimeMaybeBool define(Isolate *iso, Handle obj, const char *k, int flags, Handle value) {
  PropertyDescriptor d;
  property_descriptor_init(iso, &d);
  d.flags = flags;
  if (flags & PD_HAS_VALUE) d.value = value;
  return runtime_define_own_property(iso, obj, key(iso, k), &d);
}

static RuntimeMaybeBool define_accessor(Isolate *iso, Handle obj, const char *k, Handle get,
                                        Handle set, int flags) {
  PropertyDescriptor d;
  property_descriptor_init(iso, &d);
  d.flags = flags;
  if (!handle_is_null(get)) d.flags |= PD_HAS_GET, d.get = get;
  if (!handle_is_null(set)) d.flags |= PD_HAS_SET, d.set = set;
  return runtime_define_own_property(iso, obj, key(iso, k), &d);
}

static Handle get(Isolate *iso, Handle obj, const char *k) { return runtime_get_property(iso, obj, key(iso, k)); }

static bool own_desc(Isolate *iso, Handle obj, const char *k, PropertyDescriptor *d) {
  return runtime_get_own_property(iso, obj, key(iso, k), d) == RT_TRUE;
}

/* Clears and checks the pending exception is an error of kind. */
static bool took_error(Isolate *iso, ErrorKind kind) {
  Tagged e = iso->pending_exception;
  isolate_clear_pending_exception(iso);
  return e != 0 && is_heap_object(e) && heap_object_type(e) == JS_ERROR_TYPE && js_error_kind(e) == kind;
}

#define SCOPE()                     \
  Isolate *iso = test_isolate();    \
  HandleScope scope;                \
  handle_scope_open(iso, &scope)
#define END() handle_scope_close(&scope)

/* ---- conversions ---- */

static bool number_text_is(Isolate *iso, double d, const char *text) {
  return str_is(H(runtime_to_string(iso, num(iso, d))), text);
}

TEST(runtime, number_to_string_follows_number_tostring) {
  SCOPE();
  EXPECT(number_text_is(iso, 0, "0") && number_text_is(iso, -0.0, "0"));
  EXPECT(number_text_is(iso, 1.5, "1.5") && number_text_is(iso, -1.5, "-1.5"));
  EXPECT(number_text_is(iso, 1e21, "1e+21") && number_text_is(iso, 1e20, "100000000000000000000"));
  EXPECT(number_text_is(iso, 1e-7, "1e-7") && number_text_is(iso, 0.000001, "0.000001"));
  EXPECT(number_text_is(iso, 1.0 / 3, "0.3333333333333333"));
  EXPECT(number_text_is(iso, 0.1 + 0.2, "0.30000000000000004"));
  EXPECT(number_text_is(iso, 123e-20, "1.23e-18") && number_text_is(iso, -1.5e300, "-1.5e+300"));
  EXPECT(number_text_is(iso, NAN, "NaN") && number_text_is(iso, -INFINITY, "-Infinity"));
  EXPECT(number_text_is(iso, 9007199254740992.0, "9007199254740992"));
  EXPECT(number_text_is(iso, 5e-324, "5e-324") && number_text_is(iso, 2147483648.0, "2147483648"));
  EXPECT(number_text_is(iso, 123.456, "123.456"));
  END();
}

static double to_num(Isolate *iso, const char *s) {
  double d = -12345;
  runtime_to_number_double(iso, str(iso, s), &d);
  return d;
}

TEST(runtime, string_to_number_grammar) {
  SCOPE();
  EXPECT(to_num(iso, " 12 ") == 12 && to_num(iso, "") == 0 && to_num(iso, " \n\t") == 0);
  EXPECT(to_num(iso, "0x1F") == 31 && to_num(iso, "0b101") == 5 && to_num(iso, "0O17") == 15);
  EXPECT(to_num(iso, "1e3") == 1000 && to_num(iso, ".5") == 0.5 && to_num(iso, "5.") == 5);
  EXPECT(to_num(iso, "+Infinity") == INFINITY && to_num(iso, "-Infinity") == -INFINITY);
  EXPECT(signbit(to_num(iso, "-0")) && to_num(iso, "-0") == 0);
  EXPECT(isnan(to_num(iso, "abc")) && isnan(to_num(iso, "1e")) && isnan(to_num(iso, "0x")));
  EXPECT(isnan(to_num(iso, "inf")) && isnan(to_num(iso, "1_000")) && isnan(to_num(iso, "-0x10")));
  EXPECT(isnan(to_num(iso, "0x1p3")) && isnan(to_num(iso, ".")) && isnan(to_num(iso, "infinity")));
  EXPECT(to_num(iso, "\xc2\xa0 42 \xe2\x80\xa8") == 42); /* NBSP, LS */
  EXPECT(to_num(iso, "0x20000000000001") == 9007199254740992.0);   /* ties to even */
  EXPECT(to_num(iso, "0x20000000000003") == 9007199254740996.0);
  EXPECT(to_num(iso, "0.1") == 0.1 && to_num(iso, "1e400") == INFINITY);
  END();
}

TEST(runtime, integer_conversions) {
  SCOPE();
  int32_t i;
  uint32_t u;
  double d;
  EXPECT(runtime_to_int32(iso, num(iso, 4294967301.0), &i) && i == 5);
  EXPECT(runtime_to_uint32(iso, num(iso, -1), &u) && u == 4294967295u);
  EXPECT(runtime_to_int32(iso, num(iso, 2147483648.0), &i) && i == INT32_MIN);
  EXPECT(runtime_to_int32(iso, num(iso, NAN), &i) && i == 0);
  EXPECT(runtime_to_int32(iso, num(iso, -4294967297.5), &i) && i == -1);
  EXPECT(runtime_to_integer_or_infinity(iso, num(iso, -0.5), &d) && d == 0 && !signbit(d));
  EXPECT(runtime_to_length(iso, num(iso, 1e300), &d) && d == 9007199254740991.0);
  EXPECT(runtime_to_length(iso, num(iso, -5), &d) && d == 0);
  EXPECT(!runtime_to_index(iso, num(iso, -1), &d) && took_error(iso, kError_RANGE_ERROR));
  EXPECT(runtime_to_int32(iso, str(iso, "0x10"), &i) && i == 16);
  END();
}

TEST(runtime, to_boolean_typeof_and_property_keys) {
  SCOPE();
  EXPECT(!runtime_to_boolean(iso, H(num(iso, NAN))) && !runtime_to_boolean(iso, H(num(iso, -0.0))));
  EXPECT(!runtime_to_boolean(iso, H(str(iso, ""))) && runtime_to_boolean(iso, H(str(iso, "0"))));
  EXPECT(runtime_to_boolean(iso, H(js_object_new(iso))) && !runtime_to_boolean(iso, ROOT(iso, null_value)));
  EXPECT(runtime_typeof(iso, ROOT(iso, null_value)) == ROOT(iso, object_string));
  EXPECT(runtime_typeof(iso, H(num(iso, 1.5))) == ROOT(iso, number_string));
  EXPECT(runtime_typeof(iso, ROOT(iso, iterator_symbol)) == ROOT(iso, symbol_string));
  EXPECT(runtime_typeof(iso, H(fn(iso, bi_return_this, undef(iso)))) == ROOT(iso, function_string));
  EXPECT(runtime_typeof(iso, H(js_object_new(iso))) == ROOT(iso, object_string));
  Handle k = runtime_to_property_key(iso, smi(iso, 7));
  EXPECT(H(k) == H(key(iso, "7")));
  k = runtime_to_property_key(iso, num(iso, 1.5));
  EXPECT(H(k) == H(key(iso, "1.5")));
  k = runtime_to_property_key(iso, str(iso, "abc"));
  EXPECT(H(k) == H(key(iso, "abc")) && string_is_internalized(H(k)));
  EXPECT(H(runtime_to_property_key(iso, ROOT_HANDLE(iso, iterator_symbol))) == ROOT(iso, iterator_symbol));
  EXPECT(handle_is_null(runtime_to_string(iso, ROOT_HANDLE(iso, iterator_symbol))) &&
         took_error(iso, kError_TYPE_ERROR));
  EXPECT(handle_is_null(runtime_to_object(iso, undef(iso))) && took_error(iso, kError_TYPE_ERROR));
  END();
}

TEST(runtime, to_primitive_uses_to_primitive_then_value_of_then_to_string) {
  SCOPE();
  Handle o = js_object_new(iso);
  /* @@toPrimitive returning its hint */
  EXPECT(runtime_create_data_property(iso, o, ROOT_HANDLE(iso, to_primitive_symbol),
                                      fn(iso, bi_return_arg0, undef(iso))) == RT_TRUE);
  EXPECT(str_is(H(runtime_to_string(iso, o)), "string"));
  EXPECT(str_is(H(runtime_binary_op(iso, RT_OP_ADD, o, str(iso, "!"))), "default!"));
  Handle p = js_object_new(iso);
  EXPECT(set_data(iso, p, "valueOf", fn(iso, bi_return_this, undef(iso)), 0)); /* returns an object */
  EXPECT(set_data(iso, p, "toString", fn(iso, bi_return_data, str(iso, "ts")), 0));
  EXPECT(str_is(H(runtime_binary_op(iso, RT_OP_ADD, p, smi(iso, 1))), "ts1"));
  Handle q = js_object_new(iso);
  EXPECT(set_data(iso, q, "valueOf", fn(iso, bi_return_data, smi(iso, 41)), 0));
  EXPECT(H(runtime_binary_op(iso, RT_OP_ADD, q, smi(iso, 1))) == smi_from_int(42));
  Handle bad = js_object_new(iso);
  EXPECT(handle_is_null(runtime_to_primitive(iso, bad, HINT_NUMBER)) && took_error(iso, kError_TYPE_ERROR));
  Handle thrower = js_object_new(iso);
  EXPECT(set_data(iso, thrower, "valueOf", fn(iso, bi_throw, undef(iso)), 0));
  EXPECT(handle_is_null(runtime_to_number(iso, thrower)) && took_error(iso, kError_TYPE_ERROR));
  END();
}

/* ---- operators ---- */

static double binop(Isolate *iso, RuntimeBinaryOp op, double a, double b) {
  return dbl(runtime_binary_op(iso, op, num(iso, a), num(iso, b)));
}

TEST(runtime, arithmetic_follows_js_number_semantics) {
  SCOPE();
  EXPECT(binop(iso, RT_OP_MOD, -5, 2) == -1 && binop(iso, RT_OP_MOD, 5, -2) == 1);
  EXPECT(signbit(binop(iso, RT_OP_MOD, -4, 2)) && isnan(binop(iso, RT_OP_MOD, 1, 0)));
  EXPECT(binop(iso, RT_OP_MOD, 5.5, INFINITY) == 5.5 && isnan(binop(iso, RT_OP_MOD, INFINITY, 2)));
  EXPECT(signbit(binop(iso, RT_OP_MOD, INT32_MIN, -1)));
  EXPECT(binop(iso, RT_OP_EXP, NAN, 0) == 1 && isnan(binop(iso, RT_OP_EXP, 1, INFINITY)));
  EXPECT(isnan(binop(iso, RT_OP_EXP, -1, -INFINITY)) && binop(iso, RT_OP_EXP, 2, -1) == 0.5);
  EXPECT(binop(iso, RT_OP_SAR, -8, 1) == -4 && binop(iso, RT_OP_SHR, -1, 0) == 4294967295.0);
  EXPECT(binop(iso, RT_OP_SHL, 1, 32) == 1 && binop(iso, RT_OP_SHL, 1, 31) == INT32_MIN);
  EXPECT(binop(iso, RT_OP_BIT_AND, 4294967295.0, 255) == 255);
  EXPECT(signbit(binop(iso, RT_OP_MUL, 0, -5)) && binop(iso, RT_OP_ADD, INT32_MAX, 1) == 2147483648.0);
  EXPECT(binop(iso, RT_OP_SUB, INT32_MIN, 1) == -2147483649.0 && binop(iso, RT_OP_DIV, 1, 4) == 0.25);
  EXPECT(is_smi(H(runtime_binary_op(iso, RT_OP_ADD, smi(iso, 2), smi(iso, 3)))));
  EXPECT(str_is(H(runtime_binary_op(iso, RT_OP_ADD, str(iso, "a"), smi(iso, 1))), "a1"));
  EXPECT(str_is(H(runtime_binary_op(iso, RT_OP_ADD, ROOT_HANDLE(iso, null_value), str(iso, "x"))), "nullx"));
  EXPECT(isnan(dbl(runtime_binary_op(iso, RT_OP_ADD, undef(iso), smi(iso, 1)))));
  EXPECT(dbl(runtime_binary_op(iso, RT_OP_ADD, ROOT_HANDLE(iso, true_value), smi(iso, 1))) == 2);
  EXPECT(dbl(runtime_binary_op(iso, RT_OP_SUB, str(iso, "10"), str(iso, "4"))) == 6);
  EXPECT(signbit(dbl(runtime_unary_op(iso, RT_UNARY_NEG, smi(iso, 0)))));
  EXPECT(dbl(runtime_unary_op(iso, RT_UNARY_BIT_NOT, num(iso, 4294967295.0))) == 0);
  EXPECT(dbl(runtime_unary_op(iso, RT_UNARY_INC, str(iso, "1"))) == 2);
  EXPECT(handle_is_null(runtime_binary_op(iso, RT_OP_MUL, ROOT_HANDLE(iso, iterator_symbol), smi(iso, 1))) &&
         took_error(iso, kError_TYPE_ERROR));
  END();
}

static RuntimeMaybeBool loose(Isolate *iso, Handle a, Handle b) { return runtime_loose_equals(iso, a, b); }

TEST(runtime, equality_and_comparison) {
  SCOPE();
  Handle null = ROOT_HANDLE(iso, null_value), t = ROOT_HANDLE(iso, true_value), f = ROOT_HANDLE(iso, false_value);
  EXPECT(loose(iso, null, undef(iso)) == RT_TRUE && loose(iso, null, smi(iso, 0)) == RT_FALSE);
  EXPECT(loose(iso, str(iso, "1"), smi(iso, 1)) == RT_TRUE && loose(iso, t, smi(iso, 1)) == RT_TRUE);
  EXPECT(loose(iso, str(iso, "0"), f) == RT_TRUE && loose(iso, str(iso, ""), smi(iso, 0)) == RT_TRUE);
  EXPECT(loose(iso, num(iso, NAN), num(iso, NAN)) == RT_FALSE);
  EXPECT(loose(iso, str(iso, "ab"), str(iso, "ab")) == RT_TRUE);
  Handle o = js_object_new(iso);
  EXPECT(set_data(iso, o, "valueOf", fn(iso, bi_return_data, smi(iso, 3)), 0));
  EXPECT(loose(iso, o, str(iso, "3")) == RT_TRUE && loose(iso, o, o) == RT_TRUE);
  EXPECT(loose(iso, o, js_object_new(iso)) == RT_FALSE);
  EXPECT(runtime_strict_equals(H(num(iso, 0)), H(num(iso, -0.0))) && !runtime_same_value(H(num(iso, 0)), H(num(iso, -0.0))));
  Handle nan1 = num(iso, NAN), nan2 = num(iso, NAN), mz = num(iso, -0.0);
  EXPECT(runtime_same_value(H(nan1), H(nan2)) && runtime_same_value_zero(H(num(iso, 0)), H(mz)));
  EXPECT(!runtime_strict_equals(H(nan1), H(nan2)) && !runtime_strict_equals(H(nan1), H(nan1)));
  EXPECT(runtime_compare(iso, str(iso, "10"), str(iso, "9"), COMPARE_LT) == RT_TRUE);
  EXPECT(runtime_compare(iso, smi(iso, 10), str(iso, "9"), COMPARE_LT) == RT_FALSE);
  EXPECT(runtime_compare(iso, num(iso, NAN), smi(iso, 1), COMPARE_GTE) == RT_FALSE);
  EXPECT(runtime_compare(iso, smi(iso, 1), num(iso, NAN), COMPARE_LTE) == RT_FALSE);
  EXPECT(runtime_compare(iso, smi(iso, 2), num(iso, 2.0), COMPARE_LTE) == RT_TRUE);
  EXPECT(runtime_compare(iso, str(iso, "a"), str(iso, "ab"), COMPARE_GT) == RT_FALSE);
  EXPECT(runtime_compare(iso, str(iso, "\xef\xbf\xbf"), str(iso, "\xf0\x90\x80\x80"), COMPARE_GT) == RT_TRUE);
  END();
}

TEST(runtime, instanceof_uses_prototype_chain_has_instance_and_bound_functions) {
  SCOPE();
  Handle c = builtin_fn(iso, bi_return_this, undef(iso), true);
  Handle proto = js_object_new(iso);
  EXPECT(set_data(iso, c, "prototype", proto, 0));
  Handle o = runtime_object_create(iso, proto);
  Handle other = js_object_new(iso);
  EXPECT(runtime_instance_of(iso, o, c) == RT_TRUE && runtime_instance_of(iso, other, c) == RT_FALSE);
  EXPECT(runtime_instance_of(iso, smi(iso, 1), c) == RT_FALSE);
  EXPECT(runtime_instance_of(iso, o, js_object_new(iso)) == RT_EXCEPTION && took_error(iso, kError_TYPE_ERROR));
  /* @@hasInstance overrides */
  Handle d = js_object_new(iso);
  EXPECT(runtime_create_data_property(iso, d, ROOT_HANDLE(iso, has_instance_symbol),
                                      fn(iso, bi_return_data, smi(iso, 1))) == RT_TRUE);
  EXPECT(runtime_instance_of(iso, smi(iso, 5), d) == RT_TRUE);
  /* a non-object prototype throws */
  Handle c2 = builtin_fn(iso, bi_return_this, undef(iso), true);
  EXPECT(set_data(iso, c2, "prototype", smi(iso, 1), 0));
  EXPECT(runtime_instance_of(iso, o, c2) == RT_EXCEPTION && took_error(iso, kError_TYPE_ERROR));
  END();
}

/* ---- ordinary objects ---- */

TEST(runtime, define_partial_descriptors_keep_other_fields) {
  SCOPE();
  Handle o = js_object_new(iso);
  EXPECT(set_data(iso, o, "x", smi(iso, 1), 0));
  EXPECT(define(iso, o, "x", PD_HAS_ENUMERABLE, undef(iso)) == RT_TRUE);
  PropertyDescriptor d;
  EXPECT(own_desc(iso, o, "x", &d));
  EXPECT(H(d.value) == smi_from_int(1) && !(d.flags & PD_ENUMERABLE) && (d.flags & PD_WRITABLE) &&
         (d.flags & PD_CONFIGURABLE));
  EXPECT(define(iso, o, "x", PD_HAS_VALUE, smi(iso, 2)) == RT_TRUE);
  EXPECT(H(get(iso, o, "x")) == smi_from_int(2));
  /* a new property from a partial descriptor gets false/undefined defaults */
  EXPECT(define(iso, o, "y", PD_HAS_ENUMERABLE | PD_ENUMERABLE, undef(iso)) == RT_TRUE);
  EXPECT(own_desc(iso, o, "y", &d) && is_undefined(iso, H(d.value)) && !(d.flags & PD_WRITABLE) &&
         !(d.flags & PD_CONFIGURABLE) && (d.flags & PD_ENUMERABLE));
  /* key order survives the reconfiguration */
  Handle keys = runtime_own_property_keys(iso, o);
  EXPECT(fixed_array_length(H(keys)) == 2 && fixed_array_get(H(keys), 0) == H(key(iso, "x")));
  END();
}

TEST(runtime, non_configurable_rules) {
  SCOPE();
  Handle o = js_object_new(iso);
  EXPECT(set_data(iso, o, "c", smi(iso, 1), READ_ONLY | DONT_DELETE));
  EXPECT(define(iso, o, "c", PD_HAS_VALUE, smi(iso, 2)) == RT_FALSE);
  EXPECT(define(iso, o, "c", PD_HAS_VALUE, smi(iso, 1)) == RT_TRUE);
  EXPECT(define(iso, o, "c", PD_HAS_WRITABLE | PD_WRITABLE, undef(iso)) == RT_FALSE);
  EXPECT(define(iso, o, "c", PD_HAS_CONFIGURABLE | PD_CONFIGURABLE, undef(iso)) == RT_FALSE);
  EXPECT(define(iso, o, "c", PD_HAS_ENUMERABLE, undef(iso)) == RT_FALSE);
  EXPECT(define_accessor(iso, o, "c", undef(iso), HANDLE_NULL, 0) == RT_FALSE);
  EXPECT(runtime_delete(iso, o, key(iso, "c")) == RT_FALSE);
  /* writable non-configurable: value may change, writable may only go to false */
  EXPECT(set_data(iso, o, "w", smi(iso, 1), DONT_DELETE));
  EXPECT(define(iso, o, "w", PD_HAS_VALUE, smi(iso, 5)) == RT_TRUE && H(get(iso, o, "w")) == smi_from_int(5));
  EXPECT(define(iso, o, "w", PD_HAS_WRITABLE, undef(iso)) == RT_TRUE);
  EXPECT(define(iso, o, "w", PD_HAS_WRITABLE | PD_WRITABLE, undef(iso)) == RT_FALSE);
  EXPECT(runtime_set_property(iso, o, key(iso, "w"), smi(iso, 9), false) && H(get(iso, o, "w")) == smi_from_int(5));
  EXPECT(!runtime_set_property(iso, o, key(iso, "w"), smi(iso, 9), true) && took_error(iso, kError_TYPE_ERROR));
  /* NaN stays SameValue */
  EXPECT(set_data(iso, o, "n", num(iso, NAN), READ_ONLY | DONT_DELETE));
  EXPECT(define(iso, o, "n", PD_HAS_VALUE, num(iso, NAN)) == RT_TRUE);
  /* not extensible: no new properties, existing ones still change */
  EXPECT(set_data(iso, o, "e", smi(iso, 1), 0));
  EXPECT(runtime_prevent_extensions(iso, o) == RT_TRUE && runtime_is_extensible(iso, o) == RT_FALSE);
  EXPECT(!set_data(iso, o, "new", smi(iso, 1), 0) && !isolate_has_pending_exception(iso));
  EXPECT(set_data(iso, o, "e", smi(iso, 2), 0));
  EXPECT(runtime_delete(iso, o, key(iso, "e")) == RT_TRUE && runtime_has_property(iso, o, key(iso, "e")) == RT_FALSE);
  END();
}

TEST(runtime, accessors_get_set_and_convert) {
  SCOPE();
  Handle record = factory_new_fixed_array(iso, 2);
  Handle getter = fn(iso, bi_return_this, undef(iso)), setter = fn(iso, bi_record, record);
  Handle proto = js_object_new(iso);
  EXPECT(define_accessor(iso, proto, "a", getter, setter, PD_HAS_CONFIGURABLE | PD_CONFIGURABLE) == RT_TRUE);
  Handle o = runtime_object_create(iso, proto);
  EXPECT(H(get(iso, o, "a")) == H(o)); /* getter called with the receiver */
  EXPECT(runtime_set_property(iso, o, key(iso, "a"), smi(iso, 7), true));
  EXPECT(fixed_array_get(H(record), 0) == H(o) && fixed_array_get(H(record), 1) == smi_from_int(7));
  PropertyDescriptor d;
  EXPECT(runtime_has_own_property(iso, o, key(iso, "a")) == RT_FALSE);
  EXPECT(own_desc(iso, proto, "a", &d) && H(d.get) == H(getter) && H(d.set) == H(setter) &&
         !(d.flags & PD_ENUMERABLE));
  /* only a getter: setting fails (strict throws), no own property appears */
  EXPECT(define_accessor(iso, proto, "g", getter, HANDLE_NULL, PD_HAS_CONFIGURABLE | PD_CONFIGURABLE) == RT_TRUE);
  EXPECT(!runtime_set_property(iso, o, key(iso, "g"), smi(iso, 1), true) && took_error(iso, kError_TYPE_ERROR));
  EXPECT(own_desc(iso, proto, "g", &d) && is_undefined(iso, H(d.set)));
  /* partial accessor update keeps the other half */
  EXPECT(define_accessor(iso, proto, "a", HANDLE_NULL, undef(iso), 0) == RT_TRUE);
  EXPECT(own_desc(iso, proto, "a", &d) && H(d.get) == H(getter) && is_undefined(iso, H(d.set)));
  /* accessor -> data keeps configurable/enumerable, value undefined, writable false */
  EXPECT(define(iso, proto, "a", PD_HAS_WRITABLE, undef(iso)) == RT_TRUE);
  EXPECT(own_desc(iso, proto, "a", &d) && (d.flags & PD_HAS_VALUE) && is_undefined(iso, H(d.value)) &&
         !(d.flags & PD_WRITABLE) && (d.flags & PD_CONFIGURABLE));
  /* getter that throws propagates */
  EXPECT(define_accessor(iso, o, "t", fn(iso, bi_throw, undef(iso)), HANDLE_NULL, 0) == RT_TRUE);
  EXPECT(handle_is_null(get(iso, o, "t")) && took_error(iso, kError_TYPE_ERROR));
  END();
}

TEST(runtime, ordinary_set_with_receiver_cases) {
  SCOPE();
  Handle proto = js_object_new(iso);
  EXPECT(set_data(iso, proto, "ro", smi(iso, 1), READ_ONLY));
  EXPECT(set_data(iso, proto, "rw", smi(iso, 1), 0));
  Handle o = runtime_object_create(iso, proto);
  /* an inherited read-only property blocks the set */
  EXPECT(runtime_set(iso, o, key(iso, "ro"), smi(iso, 2), o) == RT_FALSE);
  EXPECT(runtime_has_own_property(iso, o, key(iso, "ro")) == RT_FALSE);
  /* an inherited writable one makes an own property on the receiver */
  EXPECT(runtime_set(iso, o, key(iso, "rw"), smi(iso, 2), o) == RT_TRUE);
  EXPECT(H(get(iso, o, "rw")) == smi_from_int(2) && H(get(iso, proto, "rw")) == smi_from_int(1));
  /* receiver different from the holder */
  Handle r = js_object_new(iso);
  EXPECT(runtime_set(iso, proto, key(iso, "z"), smi(iso, 3), r) == RT_TRUE);
  EXPECT(H(get(iso, r, "z")) == smi_from_int(3) && runtime_has_own_property(iso, proto, key(iso, "z")) == RT_FALSE);
  /* receiver has an accessor / a read-only own property: refused */
  EXPECT(define_accessor(iso, r, "acc", undef(iso), undef(iso), PD_HAS_CONFIGURABLE | PD_CONFIGURABLE) == RT_TRUE);
  EXPECT(runtime_set(iso, proto, key(iso, "acc"), smi(iso, 3), r) == RT_FALSE);
  EXPECT(set_data(iso, r, "fixed", smi(iso, 1), READ_ONLY));
  EXPECT(runtime_set(iso, proto, key(iso, "fixed"), smi(iso, 3), r) == RT_FALSE);
  /* a primitive receiver cannot take data properties */
  EXPECT(runtime_set(iso, proto, key(iso, "rw"), smi(iso, 3), smi(iso, 1)) == RT_FALSE);
  /* a receiver's existing property keeps its attributes */
  EXPECT(set_data(iso, r, "hidden", smi(iso, 1), DONT_ENUM));
  EXPECT(runtime_set(iso, proto, key(iso, "hidden"), smi(iso, 4), r) == RT_TRUE);
  PropertyDescriptor d;
  EXPECT(own_desc(iso, r, "hidden", &d) && H(d.value) == smi_from_int(4) && !(d.flags & PD_ENUMERABLE));
  END();
}

TEST(runtime, elements_with_attributes_and_accessors) {
  SCOPE();
  Handle o = js_object_new(iso);
  EXPECT(set_data(iso, o, "2", smi(iso, 20), 0) && set_data(iso, o, "b", smi(iso, 1), 0));
  EXPECT(set_data(iso, o, "0", smi(iso, 0), READ_ONLY));
  EXPECT(runtime_set_property(iso, o, key(iso, "0"), smi(iso, 5), false) && H(get(iso, o, "0")) == smi_from_int(0));
  Handle getter = fn(iso, bi_return_data, smi(iso, 33));
  EXPECT(define_accessor(iso, o, "3", getter, HANDLE_NULL, PD_HAS_ENUMERABLE | PD_ENUMERABLE) == RT_TRUE);
  EXPECT(H(get(iso, o, "3")) == smi_from_int(33));
  EXPECT(H(runtime_get_index(iso, o, 3)) == smi_from_int(33));
  Handle a = ROOT_HANDLE(iso, iterator_symbol);
  EXPECT(runtime_create_data_property(iso, o, a, smi(iso, 1)) == RT_TRUE);
  Handle priv = symbol_new(iso, undef(iso), true);
  EXPECT(runtime_create_data_property(iso, o, priv, smi(iso, 1)) == RT_TRUE);
  Handle keys = runtime_own_property_keys(iso, o);
  EXPECT(fixed_array_length(H(keys)) == 5);
  EXPECT(fixed_array_get(H(keys), 0) == H(key(iso, "0")) && fixed_array_get(H(keys), 1) == H(key(iso, "2")));
  EXPECT(fixed_array_get(H(keys), 2) == H(key(iso, "3")) && fixed_array_get(H(keys), 3) == H(key(iso, "b")));
  EXPECT(fixed_array_get(H(keys), 4) == H(a));
  EXPECT(H(runtime_get(iso, o, priv, o)) == smi_from_int(1));
  EXPECT(runtime_delete(iso, o, key(iso, "3")) == RT_FALSE); /* non-configurable */
  EXPECT(runtime_delete(iso, o, key(iso, "2")) == RT_TRUE && runtime_has_property(iso, o, key(iso, "2")) == RT_FALSE);
  END();
}

/* ---- arrays ---- */

static Handle make_array(Isolate *iso, int n) {
  Handle a = runtime_new_array(iso, 0);
  for (int i = 0; i < n; i++) js_array_push(iso, a, smi(iso, i));
  return a;
}

TEST(runtime, array_length_semantics) {
  SCOPE();
  Handle a = make_array(iso, 5);
  EXPECT(define(iso, a, "length", PD_HAS_VALUE, smi(iso, 2)) == RT_TRUE);
  EXPECT(js_array_length_value(H(a)) == 2 && runtime_has_property(iso, a, key(iso, "3")) == RT_FALSE);
  EXPECT(runtime_set_property(iso, a, key(iso, "length"), str(iso, "4"), true) && js_array_length_value(H(a)) == 4);
  EXPECT(!runtime_set_property(iso, a, key(iso, "length"), num(iso, 1.5), true) && took_error(iso, kError_RANGE_ERROR));
  EXPECT(define(iso, a, "length", PD_HAS_ENUMERABLE | PD_ENUMERABLE, undef(iso)) == RT_FALSE);
  /* a non-configurable element stops the truncation */
  Handle b = make_array(iso, 6);
  EXPECT(set_data(iso, b, "3", smi(iso, 3), DONT_DELETE));
  EXPECT(define(iso, b, "length", PD_HAS_VALUE | PD_HAS_WRITABLE, smi(iso, 1)) == RT_FALSE);
  EXPECT(js_array_length_value(H(b)) == 4 && runtime_has_property(iso, b, key(iso, "3")) == RT_TRUE);
  PropertyDescriptor d;
  EXPECT(own_desc(iso, b, "length", &d) && !(d.flags & PD_WRITABLE)); /* writable: false still applied */
  /* non-writable length: no growth, no length change */
  Handle c = make_array(iso, 2);
  EXPECT(define(iso, c, "length", PD_HAS_WRITABLE, undef(iso)) == RT_TRUE);
  EXPECT(define(iso, c, "5", PD_HAS_VALUE | PD_HAS_WRITABLE | PD_WRITABLE, smi(iso, 1)) == RT_FALSE);
  EXPECT(!runtime_set_property(iso, c, key(iso, "2"), smi(iso, 1), true) && took_error(iso, kError_TYPE_ERROR));
  EXPECT(!js_array_push(iso, c, smi(iso, 1)) || js_array_length_value(H(c)) == 2);
  isolate_clear_pending_exception(iso);
  EXPECT(runtime_set_property(iso, c, key(iso, "1"), smi(iso, 9), true)); /* existing elements still writable */
  EXPECT(define(iso, c, "length", PD_HAS_VALUE, smi(iso, 0)) == RT_FALSE);
  EXPECT(define(iso, c, "length", PD_HAS_VALUE, smi(iso, 2)) == RT_TRUE);
  /* defining an element past the length grows it */
  Handle e = make_array(iso, 1);
  EXPECT(set_data(iso, e, "9", smi(iso, 9), DONT_ENUM) && js_array_length_value(H(e)) == 10);
  Handle keys = runtime_own_property_keys(iso, e);
  EXPECT(fixed_array_length(H(keys)) == 3 && fixed_array_get(H(keys), 2) == ROOT(iso, length_string));
  /* freezing an array */
  Handle f = make_array(iso, 3);
  EXPECT(runtime_set_integrity_level(iso, f, true) && runtime_test_integrity_level(iso, f, true) == RT_TRUE);
  EXPECT(!runtime_set_property(iso, f, key(iso, "0"), smi(iso, 5), true) && took_error(iso, kError_TYPE_ERROR));
  EXPECT(H(get(iso, f, "0")) == smi_from_int(0));
  END();
}

TEST(runtime, integrity_levels) {
  SCOPE();
  Handle o = js_object_new(iso);
  EXPECT(set_data(iso, o, "a", smi(iso, 1), 0));
  EXPECT(define_accessor(iso, o, "g", undef(iso), undef(iso), PD_HAS_CONFIGURABLE | PD_CONFIGURABLE) == RT_TRUE);
  EXPECT(runtime_test_integrity_level(iso, o, false) == RT_FALSE);
  EXPECT(runtime_set_integrity_level(iso, o, false));
  EXPECT(runtime_test_integrity_level(iso, o, false) == RT_TRUE && runtime_test_integrity_level(iso, o, true) == RT_FALSE);
  EXPECT(runtime_set_property(iso, o, key(iso, "a"), smi(iso, 2), true)); /* sealed: still writable */
  EXPECT(runtime_set_integrity_level(iso, o, true) && runtime_test_integrity_level(iso, o, true) == RT_TRUE);
  EXPECT(H(get(iso, o, "a")) == smi_from_int(2));
  END();
}

/* ---- string wrappers and primitives ---- */

TEST(runtime, string_exotic_objects) {
  SCOPE();
  Handle s = runtime_to_object(iso, str(iso, "abc"));
  EXPECT(is_js_primitive_wrapper(H(s)));
  PropertyDescriptor d;
  EXPECT(own_desc(iso, s, "1", &d) && str_is(H(d.value), "b") && !(d.flags & PD_WRITABLE) &&
         (d.flags & PD_ENUMERABLE) && !(d.flags & PD_CONFIGURABLE));
  EXPECT(own_desc(iso, s, "length", &d) && H(d.value) == smi_from_int(3));
  EXPECT(!own_desc(iso, s, "3", &d));
  EXPECT(set_data(iso, s, "5", smi(iso, 5), 0) && set_data(iso, s, "x", smi(iso, 1), 0));
  Handle keys = runtime_own_property_keys(iso, s);
  EXPECT(fixed_array_length(H(keys)) == 6);
  EXPECT(fixed_array_get(H(keys), 0) == H(key(iso, "0")) && fixed_array_get(H(keys), 3) == H(key(iso, "5")));
  EXPECT(fixed_array_get(H(keys), 4) == ROOT(iso, length_string) && fixed_array_get(H(keys), 5) == H(key(iso, "x")));
  EXPECT(define(iso, s, "0", PD_HAS_VALUE, str(iso, "a")) == RT_TRUE);
  EXPECT(define(iso, s, "0", PD_HAS_VALUE, str(iso, "z")) == RT_FALSE);
  EXPECT(runtime_delete(iso, s, key(iso, "0")) == RT_FALSE && runtime_delete(iso, s, key(iso, "x")) == RT_TRUE);
  EXPECT(!runtime_set_property(iso, s, key(iso, "0"), str(iso, "q"), true) && took_error(iso, kError_TYPE_ERROR));
  /* primitive strings */
  Handle p = str(iso, "hello");
  EXPECT(H(get(iso, p, "length")) == smi_from_int(5) && str_is(H(get(iso, p, "4")), "o"));
  EXPECT(is_undefined(iso, H(get(iso, p, "9"))));
  EXPECT(!runtime_set_property(iso, p, key(iso, "x"), smi(iso, 1), true) && took_error(iso, kError_TYPE_ERROR));
  EXPECT(runtime_set_property(iso, p, key(iso, "x"), smi(iso, 1), false));
  EXPECT(handle_is_null(get(iso, undef(iso), "x")) && took_error(iso, kError_TYPE_ERROR));
  END();
}

TEST(runtime, primitives_use_the_realms_prototypes) {
  SCOPE();
  make_realm(iso);
  Handle number_proto = js_object_new(iso);
  realm_set(iso, NATIVE_CONTEXT_number_prototype, number_proto);
  Handle object_proto = js_object_new(iso);
  realm_set(iso, NATIVE_CONTEXT_object_prototype, object_proto);
  EXPECT(set_data(iso, number_proto, "answer", smi(iso, 42), 0));
  EXPECT(define_accessor(iso, number_proto, "self", fn(iso, bi_return_this, undef(iso)), HANDLE_NULL, 0) == RT_TRUE);
  Handle n = num(iso, 1.5);
  EXPECT(H(get(iso, n, "answer")) == smi_from_int(42));
  EXPECT(H(get(iso, n, "self")) == H(n)); /* the getter sees the primitive itself */
  Handle w = runtime_to_object(iso, n);
  EXPECT(js_object_get_prototype(H(w)) == H(number_proto) && js_primitive_wrapper_value(H(w)) == H(n));
  Handle w2 = runtime_to_object(iso, smi(iso, 2));
  EXPECT(heap_object_map(H(w2)) == heap_object_map(H(w))); /* the wrapper map is cached */
  Handle o = runtime_new_object(iso);
  EXPECT(js_object_get_prototype(H(o)) == H(object_proto));
  /* %Object.prototype% has an immutable prototype */
  EXPECT(runtime_set_prototype_of(iso, object_proto, js_object_new(iso)) == RT_FALSE);
  EXPECT(runtime_set_prototype_of(iso, object_proto, ROOT_HANDLE(iso, null_value)) == RT_TRUE);
  /* prototype cycles are refused */
  Handle x = js_object_new(iso), y = runtime_object_create(iso, x);
  EXPECT(runtime_set_prototype_of(iso, x, y) == RT_FALSE);
  END();
}

/* ---- proxies ---- */

TEST(runtime, proxy_forwards_without_traps) {
  SCOPE();
  Handle target = js_object_new(iso), handler = js_object_new(iso);
  EXPECT(set_data(iso, target, "a", smi(iso, 1), 0));
  Handle p = runtime_proxy_create(iso, target, handler);
  EXPECT(H(get(iso, p, "a")) == smi_from_int(1));
  EXPECT(runtime_set_property(iso, p, key(iso, "b"), smi(iso, 2), true) && H(get(iso, target, "b")) == smi_from_int(2));
  EXPECT(runtime_has_property(iso, p, key(iso, "b")) == RT_TRUE);
  EXPECT(runtime_delete(iso, p, key(iso, "a")) == RT_TRUE && runtime_has_property(iso, target, key(iso, "a")) == RT_FALSE);
  Handle keys = runtime_own_property_keys(iso, p);
  EXPECT(fixed_array_length(H(keys)) == 1 && fixed_array_get(H(keys), 0) == H(key(iso, "b")));
  EXPECT(runtime_typeof(iso, H(p)) == ROOT(iso, object_string));
  /* inherited through a proxy on the chain */
  Handle o = runtime_object_create(iso, p);
  EXPECT(H(get(iso, o, "b")) == smi_from_int(2));
  EXPECT(runtime_set_property(iso, o, key(iso, "c"), smi(iso, 3), true));
  EXPECT(runtime_has_own_property(iso, o, key(iso, "c")) == RT_TRUE && runtime_has_own_property(iso, target, key(iso, "c")) == RT_FALSE);
  /* IsArray through proxies, and revocation */
  Handle pa = runtime_proxy_create(iso, make_array(iso, 1), handler);
  EXPECT(runtime_is_array(iso, pa) == RT_TRUE && runtime_is_array(iso, p) == RT_FALSE);
  runtime_proxy_revoke(iso, pa);
  EXPECT(runtime_is_array(iso, pa) == RT_EXCEPTION && took_error(iso, kError_TYPE_ERROR));
  EXPECT(handle_is_null(get(iso, pa, "x")) && took_error(iso, kError_TYPE_ERROR));
  EXPECT(handle_is_null(runtime_proxy_create(iso, smi(iso, 1), handler)) && took_error(iso, kError_TYPE_ERROR));
  END();
}

TEST(runtime, proxy_traps_and_invariants) {
  SCOPE();
  Handle target = js_object_new(iso), handler = js_object_new(iso);
  EXPECT(set_data(iso, handler, "get", fn(iso, bi_return_data, smi(iso, 99)), 0));
  Handle p = runtime_proxy_create(iso, target, handler);
  EXPECT(H(get(iso, p, "anything")) == smi_from_int(99));
  EXPECT(set_data(iso, target, "fixed", smi(iso, 1), READ_ONLY | DONT_DELETE));
  EXPECT(handle_is_null(get(iso, p, "fixed")) && took_error(iso, kError_TYPE_ERROR));
  /* has: false for a non-configurable property is a lie */
  EXPECT(set_data(iso, handler, "has", fn(iso, bi_return_data, ROOT_HANDLE(iso, false_value)), 0));
  EXPECT(runtime_has_property(iso, p, key(iso, "other")) == RT_FALSE);
  EXPECT(runtime_has_property(iso, p, key(iso, "fixed")) == RT_EXCEPTION && took_error(iso, kError_TYPE_ERROR));
  /* ownKeys: duplicates and missing non-configurable keys */
  Handle dup[2] = {key(iso, "x"), key(iso, "x")};
  EXPECT(set_data(iso, handler, "ownKeys", fn(iso, bi_return_data, runtime_create_array_from_list(iso, 2, dup)), 0));
  EXPECT(handle_is_null(runtime_own_property_keys(iso, p)) && took_error(iso, kError_TYPE_ERROR));
  Handle some[1] = {key(iso, "x")};
  EXPECT(set_data(iso, handler, "ownKeys", fn(iso, bi_return_data, runtime_create_array_from_list(iso, 1, some)), 0));
  EXPECT(handle_is_null(runtime_own_property_keys(iso, p)) && took_error(iso, kError_TYPE_ERROR));
  Handle ok_keys[2] = {str(iso, "fixed"), key(iso, "x")}; /* a non-internalized string is fine */
  EXPECT(set_data(iso, handler, "ownKeys", fn(iso, bi_return_data, runtime_create_array_from_list(iso, 2, ok_keys)), 0));
  Handle keys = runtime_own_property_keys(iso, p);
  EXPECT(!handle_is_null(keys) && fixed_array_get(H(keys), 0) == H(key(iso, "fixed")));
  /* defineProperty trap returning true for a property it could not add to a sealed target */
  EXPECT(set_data(iso, handler, "defineProperty", fn(iso, bi_return_data, ROOT_HANDLE(iso, true_value)), 0));
  EXPECT(set_data(iso, p, "new", smi(iso, 1), 0)); /* extensible target: fine */
  EXPECT(runtime_prevent_extensions(iso, target) == RT_TRUE);
  EXPECT(define(iso, p, "new2", PD_HAS_VALUE, smi(iso, 1)) == RT_EXCEPTION && took_error(iso, kError_TYPE_ERROR));
  /* getPrototypeOf must report the truth for a non-extensible target */
  EXPECT(set_data(iso, handler, "getPrototypeOf", fn(iso, bi_return_data, js_object_new(iso)), 0));
  EXPECT(handle_is_null(runtime_get_prototype_of(iso, p)) && took_error(iso, kError_TYPE_ERROR));
  /* isExtensible must match */
  EXPECT(set_data(iso, handler, "isExtensible", fn(iso, bi_return_data, ROOT_HANDLE(iso, true_value)), 0));
  EXPECT(runtime_is_extensible(iso, p) == RT_EXCEPTION && took_error(iso, kError_TYPE_ERROR));
  /* a trap that is not callable */
  EXPECT(set_data(iso, handler, "deleteProperty", smi(iso, 1), 0));
  EXPECT(runtime_delete(iso, p, key(iso, "x")) == RT_EXCEPTION && took_error(iso, kError_TYPE_ERROR));
  END();
}

TEST(runtime, proxy_get_own_property_descriptor_checks) {
  SCOPE();
  Handle target = js_object_new(iso), handler = js_object_new(iso);
  EXPECT(set_data(iso, target, "nc", smi(iso, 1), DONT_DELETE));
  Handle desc_obj = js_object_new(iso);
  EXPECT(set_data(iso, desc_obj, "value", smi(iso, 1), 0) && set_data(iso, desc_obj, "configurable", ROOT_HANDLE(iso, true_value), 0));
  EXPECT(set_data(iso, handler, "getOwnPropertyDescriptor", fn(iso, bi_return_data, desc_obj), 0));
  Handle p = runtime_proxy_create(iso, target, handler);
  PropertyDescriptor d;
  /* reporting a non-configurable target property as configurable is incompatible */
  EXPECT(runtime_get_own_property(iso, p, key(iso, "nc"), &d) == RT_EXCEPTION && took_error(iso, kError_TYPE_ERROR));
  /* an absent target property reported as configurable: fine, completed with defaults */
  EXPECT(runtime_get_own_property(iso, p, key(iso, "zz"), &d) == RT_TRUE && H(d.value) == smi_from_int(1) &&
         !(d.flags & PD_WRITABLE) && (d.flags & PD_HAS_WRITABLE));
  /* the trap returning undefined for a non-configurable property */
  EXPECT(set_data(iso, handler, "getOwnPropertyDescriptor", fn(iso, bi_return_data, undef(iso)), 0));
  EXPECT(runtime_get_own_property(iso, p, key(iso, "nc"), &d) == RT_EXCEPTION && took_error(iso, kError_TYPE_ERROR));
  EXPECT(runtime_get_own_property(iso, p, key(iso, "zz"), &d) == RT_FALSE);
  END();
}

TEST(runtime, callable_proxies) {
  SCOPE();
  Handle target = fn(iso, bi_return_data, smi(iso, 5));
  Handle handler = js_object_new(iso);
  Handle p = runtime_proxy_create(iso, target, handler);
  EXPECT(runtime_is_callable(H(p)) && !runtime_is_constructor(H(p)));
  EXPECT(runtime_typeof(iso, H(p)) == ROOT(iso, function_string));
  EXPECT(H(runtime_proxy_call(iso, p, undef(iso), 0, NULL)) == smi_from_int(5));
  /* apply trap gets (target, this, args array) */
  EXPECT(set_data(iso, handler, "apply", fn(iso, bi_return_arg0, undef(iso)), 0));
  EXPECT(H(execution_call(iso, p, undef(iso), 0, NULL)) == H(target));
  Handle ctor = builtin_fn(iso, bi_return_data, js_object_new(iso), true);
  Handle pc = runtime_proxy_create(iso, ctor, js_object_new(iso));
  EXPECT(runtime_is_constructor(H(pc)));
  EXPECT(set_data(iso, handler, "construct", fn(iso, bi_return_data, smi(iso, 1)), 0));
  Handle pc2 = runtime_proxy_create(iso, ctor, handler);
  EXPECT(handle_is_null(runtime_proxy_construct(iso, pc2, 0, NULL, pc2)) && took_error(iso, kError_TYPE_ERROR));
  END();
}

/* ---- arguments ---- */

TEST(runtime, mapped_arguments_alias_context_slots) {
  SCOPE();
  Handle ctx = factory_new_raw(iso, Context_kHeaderSize + 2 * kTaggedSize, ROOT(iso, context_map), ALLOCATE_YOUNG);
  fixed_array_set_length(H(ctx), 2);
  for (size_t off = Context_scope_info_offset; off < Context_kHeaderSize + 2 * kTaggedSize; off += kTaggedSize) {
    field_write_no_barrier(H(ctx), off, ROOT(iso, undefined_value));
  }
  Handle a0 = smi(iso, 10), a1 = smi(iso, 11), a2 = smi(iso, 12);
  Tagged argv[3] = {H(a0), H(a1), H(a2)};
  context_set(H(ctx), 0, argv[0]);
  context_set(H(ctx), 1, argv[1]);
  int slots[2] = {0, 1};
  Handle callee = fn(iso, bi_return_this, undef(iso));
  Handle args = runtime_new_mapped_arguments(iso, callee, ctx, 3, argv, 2, slots);
  EXPECT(H(get(iso, args, "length")) == smi_from_int(3) && H(get(iso, args, "callee")) == H(callee));
  context_set(H(ctx), 0, smi_from_int(100)); /* the parameter changes: arguments[0] follows */
  EXPECT(H(get(iso, args, "0")) == smi_from_int(100) && H(get(iso, args, "2")) == smi_from_int(12));
  PropertyDescriptor d;
  EXPECT(own_desc(iso, args, "0", &d) && H(d.value) == smi_from_int(100));
  EXPECT(runtime_set_property(iso, args, key(iso, "1"), smi(iso, 111), true));
  EXPECT(context_get(H(ctx), 1) == smi_from_int(111)); /* and the other way */
  /* making it non-writable unmaps it, keeping the current value */
  EXPECT(define(iso, args, "0", PD_HAS_WRITABLE, undef(iso)) == RT_TRUE);
  context_set(H(ctx), 0, smi_from_int(5));
  EXPECT(H(get(iso, args, "0")) == smi_from_int(100));
  /* deleting unmaps too */
  EXPECT(runtime_delete(iso, args, key(iso, "1")) == RT_TRUE);
  EXPECT(runtime_set_property(iso, args, key(iso, "1"), smi(iso, 7), true));
  EXPECT(context_get(H(ctx), 1) == smi_from_int(111));
  Handle keys = runtime_own_property_keys(iso, args);
  EXPECT(fixed_array_length(H(keys)) == 5); /* 0 1 2 length callee */
  /* unmapped: callee throws (no realm: an accessor without functions) */
  Handle strict = runtime_new_unmapped_arguments(iso, 3, argv);
  EXPECT(H(get(iso, strict, "1")) == smi_from_int(11) && own_desc(iso, strict, "callee", &d) &&
         (d.flags & PD_HAS_GET) && !(d.flags & PD_CONFIGURABLE));
  END();
}

/* ---- iterators ---- */

static Handle make_iterable(Isolate *iso, int n, Handle record_return) {
  Handle it = js_object_new(iso);
  set_data(iso, it, "i", smi(iso, 0), 0);
  set_data(iso, it, "n", smi(iso, n), 0);
  set_data(iso, it, "next", fn(iso, bi_next, undef(iso)), 0);
  if (!handle_is_null(record_return)) set_data(iso, it, "return", fn(iso, bi_record, record_return), 0);
  runtime_create_data_property(iso, it, ROOT_HANDLE(iso, iterator_symbol), fn(iso, bi_return_this, undef(iso)));
  return it;
}

TEST(runtime, iterators) {
  SCOPE();
  Handle list = runtime_iterable_to_list(iso, make_iterable(iso, 3, HANDLE_NULL));
  EXPECT(!handle_is_null(list) && fixed_array_length(H(list)) == 3 && fixed_array_get(H(list), 2) == smi_from_int(2));
  Handle record = factory_new_fixed_array(iso, 2);
  Handle it = make_iterable(iso, 5, record);
  IteratorRecord rec;
  EXPECT(runtime_get_iterator(iso, it, &rec));
  bool done;
  EXPECT(H(runtime_iterator_step_value(iso, &rec, &done)) == smi_from_int(0) && !done);
  EXPECT(runtime_iterator_close(iso, &rec, false) && fixed_array_get(H(record), 0) == H(it));
  /* a throw completion wins over return()'s own error */
  Handle it2 = make_iterable(iso, 5, HANDLE_NULL);
  set_data(iso, it2, "return", fn(iso, bi_throw, undef(iso)), 0);
  EXPECT(runtime_get_iterator(iso, it2, &rec));
  Handle mine = str(iso, "mine");
  isolate_throw(iso, H(mine));
  EXPECT(!runtime_iterator_close(iso, &rec, true) && iso->pending_exception == H(mine));
  isolate_clear_pending_exception(iso);
  /* a normal completion reports return()'s error */
  EXPECT(!runtime_iterator_close(iso, &rec, false) && took_error(iso, kError_TYPE_ERROR));
  EXPECT(!runtime_get_iterator(iso, js_object_new(iso), &rec) && took_error(iso, kError_TYPE_ERROR));
  Handle r = runtime_create_iter_result(iso, smi(iso, 1), true);
  EXPECT(H(get(iso, r, "value")) == smi_from_int(1) && H(get(iso, r, "done")) == ROOT(iso, true_value));
  END();
}

/* ---- errors ---- */

static Handle fake_stack(Isolate *iso) { return str(iso, "    at f (a.js:1:2)"); }

TEST(runtime, errors_have_message_stack_and_realm_prototype) {
  SCOPE();
  Handle e = runtime_new_error(iso, kError_TYPE_ERROR, str(iso, "bad"));
  PropertyDescriptor d;
  EXPECT(own_desc(iso, e, "message", &d) && str_is(H(d.value), "bad") && !(d.flags & PD_ENUMERABLE));
  EXPECT(own_desc(iso, e, "stack", &d) && str_is(H(d.value), "TypeError: bad"));
  EXPECT(js_error_kind(H(e)) == kError_TYPE_ERROR);
  iso->capture_stack_trace = fake_stack;
  make_realm(iso);
  Handle ctor = js_object_new(iso), proto = js_object_new(iso);
  EXPECT(set_data(iso, proto, "name", str(iso, "RangeError"), DONT_ENUM));
  EXPECT(set_data(iso, ctor, "prototype", proto, 0));
  realm_set(iso, NATIVE_CONTEXT_range_error_function, ctor);
  Handle r = runtime_new_error_fmt(iso, kError_RANGE_ERROR, "n=%d", 5);
  EXPECT(js_object_get_prototype(H(r)) == H(proto) && js_error_kind(H(r)) == kError_RANGE_ERROR);
  EXPECT(str_is(H(get(iso, r, "stack")), "RangeError: n=5\n    at f (a.js:1:2)"));
  Handle r2 = runtime_new_error(iso, kError_RANGE_ERROR, undef(iso));
  EXPECT(heap_object_map(H(r2)) == heap_object_map(H(r)) || js_object_get_prototype(H(r2)) == H(proto));
  EXPECT(runtime_has_own_property(iso, r2, key(iso, "message")) == RT_FALSE);
  isolate_throw_error(iso, kError_RANGE_ERROR, "thrown %s", "here");
  Handle thrown = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  EXPECT(js_object_get_prototype(H(thrown)) == H(proto));
  EXPECT(str_is(H(get(iso, thrown, "message")), "thrown here"));
  iso->capture_stack_trace = NULL;
  END();
}

/* ---- 7.3 operations ---- */

TEST(runtime, object_operations) {
  SCOPE();
  Handle proto = js_object_new(iso);
  EXPECT(set_data(iso, proto, "inherited", smi(iso, 1), 0) && set_data(iso, proto, "shadowed", smi(iso, 1), 0));
  Handle o = runtime_object_create(iso, proto);
  EXPECT(set_data(iso, o, "own", smi(iso, 1), 0) && set_data(iso, o, "shadowed", smi(iso, 2), DONT_ENUM));
  EXPECT(set_data(iso, o, "1", smi(iso, 1), 0));
  Handle keys = runtime_for_in_keys(iso, o);
  EXPECT(fixed_array_length(H(keys)) == 3);
  EXPECT(fixed_array_get(H(keys), 0) == H(key(iso, "1")) && fixed_array_get(H(keys), 1) == H(key(iso, "own")) &&
         fixed_array_get(H(keys), 2) == H(key(iso, "inherited")));
  Handle entries = runtime_enumerable_own_properties(iso, o, 2);
  EXPECT(js_array_length_value(H(entries)) == 2);
  Handle target = js_object_new(iso);
  Handle excluded[1] = {key(iso, "own")};
  EXPECT(runtime_copy_data_properties(iso, target, o, 1, excluded));
  Handle tk = runtime_own_property_keys(iso, target);
  EXPECT(fixed_array_length(H(tk)) == 1 && fixed_array_get(H(tk), 0) == H(key(iso, "1")));
  Handle like = js_object_new(iso);
  EXPECT(set_data(iso, like, "length", str(iso, "2"), 0) && set_data(iso, like, "0", smi(iso, 7), 0));
  Handle list = runtime_create_list_from_array_like(iso, like);
  EXPECT(fixed_array_length(H(list)) == 2 && fixed_array_get(H(list), 0) == smi_from_int(7) &&
         is_undefined(iso, fixed_array_get(H(list), 1)));
  Handle desc = js_object_new(iso);
  EXPECT(set_data(iso, desc, "get", smi(iso, 1), 0));
  PropertyDescriptor pd;
  EXPECT(!runtime_to_property_descriptor(iso, desc, &pd) && took_error(iso, kError_TYPE_ERROR));
  Handle desc2 = js_object_new(iso);
  EXPECT(set_data(iso, desc2, "value", smi(iso, 1), 0) && set_data(iso, desc2, "get", undef(iso), 0));
  EXPECT(!runtime_to_property_descriptor(iso, desc2, &pd) && took_error(iso, kError_TYPE_ERROR));
  EXPECT(!runtime_define_property_or_throw(iso, js_object_new(iso), key(iso, "x"), &pd) || true);
  isolate_clear_pending_exception(iso);
  Handle back = runtime_from_property_descriptor(iso, &(PropertyDescriptor){PD_HAS_VALUE | PD_HAS_WRITABLE, smi(iso, 3), undef(iso), undef(iso)});
  EXPECT(H(get(iso, back, "value")) == smi_from_int(3) && H(get(iso, back, "writable")) == ROOT(iso, false_value));
  EXPECT(runtime_has_own_property(iso, back, key(iso, "enumerable")) == RT_FALSE);
  EXPECT(H(runtime_invoke(iso, o, key(iso, "nope"), 0, NULL).loc ? ROOT_HANDLE(iso, true_value) : ROOT_HANDLE(iso, false_value)) ==
         ROOT(iso, false_value) && took_error(iso, kError_TYPE_ERROR));
  EXPECT(runtime_in(iso, key(iso, "inherited"), o) == RT_TRUE && runtime_in(iso, smi(iso, 1), o) == RT_TRUE);
  EXPECT(runtime_in(iso, key(iso, "x"), smi(iso, 1)) == RT_EXCEPTION && took_error(iso, kError_TYPE_ERROR));
  EXPECT(runtime_delete_property(iso, o, smi(iso, 1), true) == RT_TRUE);
  END();
}

/* ---- with the bootstrapper's realm ---- */

#include "execution/bootstrapper.h"

TEST(runtime, realm_objects_arrays_errors_and_wrappers) {
  SCOPE();
  EXPECT(bootstrapper_init_isolate(iso));
  Tagged nc = iso->native_context;
  Handle o = runtime_new_object(iso);
  EXPECT(js_object_get_prototype(H(o)) == context_get(nc, NATIVE_CONTEXT_object_prototype));
  Handle a = runtime_new_array(iso, 3);
  EXPECT(js_object_get_prototype(H(a)) == context_get(nc, NATIVE_CONTEXT_array_prototype));
  EXPECT(js_array_length_value(H(a)) == 3 && runtime_is_array(iso, a) == RT_TRUE);
  Handle items[2] = {smi(iso, 1), str(iso, "x")};
  Handle list = runtime_create_array_from_list(iso, 2, items);
  EXPECT(js_object_get_prototype(H(list)) == context_get(nc, NATIVE_CONTEXT_array_prototype));
  EXPECT(str_is(H(runtime_get_index(iso, list, 1)), "x"));
  isolate_throw_error(iso, kError_TYPE_ERROR, "boom");
  Handle e = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  Tagged maps = context_get(nc, NATIVE_CONTEXT_error_maps);
  EXPECT(js_object_get_prototype(H(e)) == map_prototype(fixed_array_get(maps, kError_TYPE_ERROR)));
  EXPECT(str_is(H(get(iso, e, "stack")), "TypeError: boom"));
  EXPECT(str_is(H(get(iso, e, "name")), "TypeError"));
  Handle r = runtime_create_iter_result(iso, smi(iso, 1), false);
  EXPECT(js_object_get_prototype(H(r)) == context_get(nc, NATIVE_CONTEXT_object_prototype));
  Handle w = runtime_to_object(iso, str(iso, "ab"));
  Tagged sp = context_get(iso->native_context, NATIVE_CONTEXT_string_prototype);
  EXPECT(js_object_get_prototype(H(w)) == (is_js_receiver(sp) ? sp : ROOT(iso, null_value)));
  END();
}
