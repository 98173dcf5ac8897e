/*
 * test-interpreter.c: the interpreter on hand-assembled bytecode (the code generator's
 * BytecodeArrayBuilder): arithmetic, calls, recursion, exceptions and handler tables,
 * stack overflow, construct, globals, contexts. Run also with --gc-interval=1 --verify-heap.
 */
#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "interpreter/bytecode-array-builder.h"
#include "interpreter/interpreter.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/shared-function-info.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "test.h"

/* A closure over the realm for the bytecode in b. */
static Handle make_function(Isolate *iso, BytecodeArrayBuilder *b, const char *name,
                            int frame_size, int params, bool strict) {
  Handle bytecode = bab_finish(b, frame_size, params + 1);
  bab_dispose(b);
  if (handle_is_null(bytecode)) return bytecode;
  Handle n = string_internalize_utf8(iso, name, strlen(name));
  Handle sfi = shared_function_info_new(iso, n);
  if (handle_is_null(sfi)) return sfi;
  sfi_set_function_data(H(sfi), H(bytecode));
  sfi_set_formal_parameter_count(H(sfi), params);
  sfi_set_length(H(sfi), params);
  sfi_set_is_strict(H(sfi), strict);
  sfi_set_is_constructor(H(sfi), true);
  sfi_set_has_prototype_property(H(sfi), true);
  return js_function_new_closure(iso, sfi, handle_new(iso, iso->native_context));
}

static Isolate *realm_isolate(void) {
  Isolate *iso = test_isolate();
  if (!bootstrapper_init_isolate(iso)) return NULL;
  return iso;
}

static Handle call0(Isolate *iso, Handle fn) {
  return execution_call(iso, fn, ROOT_HANDLE(iso, undefined_value), 0, NULL);
}

/* Sets global name = value. */
static bool set_global(Isolate *iso, const char *name, Handle value) {
  Handle global = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_global_object));
  Handle key = string_internalize_utf8(iso, name, strlen(name));
  return runtime_set_property(iso, global, key, value, true);
}

TEST(interpreter, loop_sums_with_smi_fast_paths) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  /* r0 = 0 (sum); r1 = 0 (i); while (i < 1000) { sum = sum + i; i++ } return sum */
  int loop = bab_new_label(&b), done = bab_new_label(&b);
  int s1 = bab_feedback_slot(&b), s2 = bab_feedback_slot(&b), s3 = bab_feedback_slot(&b);
  BAB_EMIT(&b, LdaZero);
  BAB_EMIT(&b, Star, 0);
  BAB_EMIT(&b, Star, 1);
  bab_bind(&b, loop);
  BAB_EMIT(&b, LdaSmi, 1000);
  BAB_EMIT(&b, TestLessThan, 1, s1);
  BAB_EMIT(&b, JumpIfFalse, done);
  BAB_EMIT(&b, Ldar, 1);
  BAB_EMIT(&b, Add, 0, s2);
  BAB_EMIT(&b, Star, 0);
  BAB_EMIT(&b, Ldar, 1);
  BAB_EMIT(&b, Inc, s3);
  BAB_EMIT(&b, Star, 1);
  BAB_EMIT(&b, JumpLoop, loop);
  bab_bind(&b, done);
  BAB_EMIT(&b, Ldar, 0);
  BAB_EMIT(&b, Return);
  Handle fn = make_function(iso, &b, "sum", 2, 0, false);
  EXPECT(!handle_is_null(fn));
  Handle r = call0(iso, fn);
  EXPECT(!handle_is_null(r));
  EXPECT(is_smi(H(r)) && smi_value(H(r)) == 499500);
  handle_scope_close(&scope);
}

TEST(interpreter, overflowing_add_makes_a_heap_number) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  int k = bab_constant_number(&b, 2147483647.0);
  int slot = bab_feedback_slot(&b);
  BAB_EMIT(&b, LdaConstant, k);
  BAB_EMIT(&b, Star, 0);
  BAB_EMIT(&b, LdaSmi, 1);
  BAB_EMIT(&b, Add, 0, slot);
  BAB_EMIT(&b, Return);
  Handle fn = make_function(iso, &b, "f", 1, 0, false);
  Handle r = call0(iso, fn);
  EXPECT(!handle_is_null(r));
  EXPECT(is_heap_number(H(r)) && heap_number_value(H(r)) == 2147483648.0);
  handle_scope_close(&scope);
}

/* fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2), calling itself through the global "fib". */
static Handle make_fib(Isolate *iso) {
  BytecodeArrayBuilder b;
  if (!bab_init(&b, iso)) return HANDLE_NULL;
  int name = bab_constant_cstring(&b, "fib");
  int small = bab_new_label(&b);
  int s[8];
  for (int i = 0; i < 8; i++) s[i] = bab_feedback_slot(&b);
  BAB_EMIT(&b, LdaSmi, 2);
  BAB_EMIT(&b, TestLessThan, -2, s[0]);
  BAB_EMIT(&b, JumpIfTrue, small);
  BAB_EMIT(&b, LdaGlobal, name, s[1]);
  BAB_EMIT(&b, Star, 0);
  BAB_EMIT(&b, Ldar, -2);
  BAB_EMIT(&b, SubSmi, 1, s[2]);
  BAB_EMIT(&b, Star, 1);
  BAB_EMIT(&b, CallUndefinedReceiver, 0, 1, 1, s[3]);
  BAB_EMIT(&b, Star, 2);
  BAB_EMIT(&b, Ldar, -2);
  BAB_EMIT(&b, SubSmi, 2, s[4]);
  BAB_EMIT(&b, Star, 1);
  BAB_EMIT(&b, CallUndefinedReceiver, 0, 1, 1, s[5]);
  BAB_EMIT(&b, Add, 2, s[6]);
  BAB_EMIT(&b, Return);
  bab_bind(&b, small);
  BAB_EMIT(&b, Ldar, -2);
  BAB_EMIT(&b, Return);
  return make_function(iso, &b, "fib", 3, 1, true);
}

TEST(interpreter, recursive_calls_through_a_global) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle fib = make_fib(iso);
  EXPECT(!handle_is_null(fib));
  EXPECT(set_global(iso, "fib", fib));
  Handle n = handle_new(iso, smi_from_int(test_scale(20) < 20 ? 12 : 20));
  Handle r = execution_call(iso, fib, ROOT_HANDLE(iso, undefined_value), 1, &n);
  EXPECT(!handle_is_null(r));
  EXPECT(smi_value(H(r)) == (smi_value(H(n)) == 20 ? 6765 : 144));
  /* Missing arguments are undefined: fib() compares undefined < 2 (false) and recurses
   * into NaN arithmetic, returning NaN. */
  handle_scope_close(&scope);
}

TEST(interpreter, unbounded_recursion_is_a_range_error_and_the_isolate_survives) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  int name = bab_constant_cstring(&b, "down");
  int s1 = bab_feedback_slot(&b), s2 = bab_feedback_slot(&b);
  BAB_EMIT(&b, LdaGlobal, name, s1);
  BAB_EMIT(&b, Star, 0);
  BAB_EMIT(&b, CallUndefinedReceiver, 0, 1, 0, s2);
  BAB_EMIT(&b, Return);
  Handle fn = make_function(iso, &b, "down", 1, 0, false);
  EXPECT(set_global(iso, "down", fn));
  Handle r = call0(iso, fn);
  EXPECT(handle_is_null(r));
  EXPECT(isolate_has_pending_exception(iso));
  Tagged e = iso->pending_exception;
  EXPECT(heap_object_type(e) == JS_ERROR_TYPE && js_error_kind(e) == kError_RANGE_ERROR);
  isolate_clear_pending_exception(iso);
  EXPECT(iso->js_stack->top == iso->js_stack->base);
  EXPECT(iso->js_stack->current == NULL);
  Handle fib = make_fib(iso);
  EXPECT(set_global(iso, "fib", fib));
  Handle n = handle_new(iso, smi_from_int(10));
  r = execution_call(iso, fib, ROOT_HANDLE(iso, undefined_value), 1, &n);
  EXPECT(!handle_is_null(r) && smi_value(H(r)) == 55);
  handle_scope_close(&scope);
}

/* thrower(x) { throw x }  catcher() { try { thrower(7) } catch (e) { return e + 1 } } */
TEST(interpreter, exceptions_unwind_frames_to_the_handler) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  BAB_EMIT(&b, Ldar, -2);
  BAB_EMIT(&b, Throw);
  Handle thrower = make_function(iso, &b, "thrower", 0, 1, false);
  EXPECT(set_global(iso, "thrower", thrower));

  EXPECT(bab_init(&b, iso));
  int name = bab_constant_cstring(&b, "thrower");
  int s1 = bab_feedback_slot(&b), s2 = bab_feedback_slot(&b);
  int start = bab_new_label(&b), end = bab_new_label(&b), handler = bab_new_label(&b);
  BAB_EMIT(&b, Mov, -1, 3); /* r3: unused; keeps a negative register operand exercised */
  bab_bind(&b, start);
  BAB_EMIT(&b, LdaGlobal, name, s1);
  BAB_EMIT(&b, Star, 0);
  BAB_EMIT(&b, LdaSmi, 7);
  BAB_EMIT(&b, Star, 1);
  BAB_EMIT(&b, CallUndefinedReceiver, 0, 1, 1, s2);
  BAB_EMIT(&b, LdaUndefined);
  BAB_EMIT(&b, Return);
  bab_bind(&b, end);
  bab_bind(&b, handler);
  BAB_EMIT(&b, AddSmi, 1, s2);
  BAB_EMIT(&b, Return);
  bab_add_handler(&b, start, end, handler, kHandlerFunctionContext);
  Handle catcher = make_function(iso, &b, "catcher", 4, 0, false);
  Handle r = call0(iso, catcher);
  EXPECT(!handle_is_null(r));
  EXPECT(smi_value(H(r)) == 8);
  EXPECT(!isolate_has_pending_exception(iso));
  /* Uncaught: the exception reaches the C caller. */
  Handle arg = handle_new(iso, smi_from_int(3));
  r = execution_call(iso, thrower, ROOT_HANDLE(iso, undefined_value), 1, &arg);
  EXPECT(handle_is_null(r) && iso->pending_exception == smi_from_int(3));
  isolate_clear_pending_exception(iso);
  handle_scope_close(&scope);
}

/* function P(v) { this.x = v; this.y = v + 1 }  then sum of o.x + o.y over new objects. */
TEST(interpreter, construct_and_named_property_ics) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  int x = bab_constant_cstring(&b, "x"), y = bab_constant_cstring(&b, "y");
  int s1 = bab_feedback_slot(&b), s2 = bab_feedback_slot(&b), s3 = bab_feedback_slot(&b);
  BAB_EMIT(&b, Ldar, -2);
  BAB_EMIT(&b, SetNamedProperty, -1, x, s1);
  BAB_EMIT(&b, AddSmi, 1, s2);
  BAB_EMIT(&b, SetNamedProperty, -1, y, s3);
  BAB_EMIT(&b, LdaUndefined);
  BAB_EMIT(&b, Return);
  Handle p = make_function(iso, &b, "P", 0, 1, false);
  EXPECT(set_global(iso, "P", p));

  /* total = 0; for (i = 0; i < 100; i++) { o = new P(i); total += o.x + o.y } */
  EXPECT(bab_init(&b, iso));
  int pn = bab_constant_cstring(&b, "P");
  x = bab_constant_cstring(&b, "x");
  y = bab_constant_cstring(&b, "y");
  int loop = bab_new_label(&b), done = bab_new_label(&b);
  int f[8];
  for (int i = 0; i < 8; i++) f[i] = bab_feedback_slot(&b);
  BAB_EMIT(&b, LdaZero);
  BAB_EMIT(&b, Star, 0); /* total */
  BAB_EMIT(&b, Star, 1); /* i */
  bab_bind(&b, loop);
  BAB_EMIT(&b, LdaSmi, 100);
  BAB_EMIT(&b, TestLessThan, 1, f[0]);
  BAB_EMIT(&b, JumpIfFalse, done);
  BAB_EMIT(&b, LdaGlobal, pn, f[1]);
  BAB_EMIT(&b, Star, 2);
  BAB_EMIT(&b, Ldar, 1);
  BAB_EMIT(&b, Star, 3);
  BAB_EMIT(&b, Ldar, 2);
  BAB_EMIT(&b, Construct, 2, 3, 1, f[2]);
  BAB_EMIT(&b, Star, 4);
  BAB_EMIT(&b, GetNamedProperty, 4, x, f[3]);
  BAB_EMIT(&b, Star, 5);
  BAB_EMIT(&b, GetNamedProperty, 4, y, f[4]);
  BAB_EMIT(&b, Add, 5, f[5]);
  BAB_EMIT(&b, Add, 0, f[5]);
  BAB_EMIT(&b, Star, 0);
  BAB_EMIT(&b, Ldar, 1);
  BAB_EMIT(&b, Inc, f[6]);
  BAB_EMIT(&b, Star, 1);
  BAB_EMIT(&b, JumpLoop, loop);
  bab_bind(&b, done);
  BAB_EMIT(&b, Ldar, 0);
  BAB_EMIT(&b, Return);
  Handle main_fn = make_function(iso, &b, "main", 6, 0, false);
  Handle r = call0(iso, main_fn);
  EXPECT(!handle_is_null(r));
  EXPECT(smi_value(H(r)) == 2 * 4950 + 100);
  /* The loads learned one map: monomorphic. */
  Tagged fv = js_function_feedback_vector(H(main_fn));
  EXPECT(is_heap_object(fv) && heap_object_type(fv) == FEEDBACK_VECTOR_TYPE);
  EXPECT(is_map(fixed_array_get(fv, f[3] * 2)));
  EXPECT(is_map(fixed_array_get(fv, f[4] * 2)));
  handle_scope_close(&scope);
}

/* Contexts: an inner closure reads and writes a captured variable. */
TEST(interpreter, closures_share_context_slots) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  /* inner() { return ++ctx[0] } */
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  int s = bab_feedback_slot(&b);
  BAB_EMIT(&b, LdaCurrentContextSlot, 0);
  BAB_EMIT(&b, Inc, s);
  BAB_EMIT(&b, StaCurrentContextSlot, 0);
  BAB_EMIT(&b, Return);
  Handle inner_code = bab_finish(&b, 0, 1);
  bab_dispose(&b);
  Handle inner_sfi = shared_function_info_new(iso, ROOT_HANDLE(iso, empty_string));
  sfi_set_function_data(H(inner_sfi), H(inner_code));
  /* outer() { ctx = new context(1 slot); ctx[0] = 40; f = closure(inner); f(); return f() } */
  EXPECT(bab_init(&b, iso));
  int k = bab_constant_handle(&b, inner_sfi);
  int none = bab_constant_handle(&b, ROOT_HANDLE(iso, undefined_value));
  int c1 = bab_feedback_slot(&b), c2 = bab_feedback_slot(&b), c3 = bab_feedback_slot(&b);
  BAB_EMIT(&b, CreateFunctionContext, none, 1);
  BAB_EMIT(&b, PushContext, 0);
  BAB_EMIT(&b, LdaSmi, 40);
  BAB_EMIT(&b, StaCurrentContextSlot, 0);
  BAB_EMIT(&b, CreateClosure, k, c1, 0);
  BAB_EMIT(&b, Star, 1);
  BAB_EMIT(&b, CallUndefinedReceiver, 1, 2, 0, c2);
  BAB_EMIT(&b, CallUndefinedReceiver, 1, 2, 0, c3);
  BAB_EMIT(&b, Return);
  Handle outer = make_function(iso, &b, "outer", 3, 0, false);
  Handle r = call0(iso, outer);
  EXPECT(!handle_is_null(r) && smi_value(H(r)) == 42);
  handle_scope_close(&scope);
}

/* Globals: an absent name is a ReferenceError; a sloppy store creates it. */
TEST(interpreter, global_loads_and_stores) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  int name = bab_constant_cstring(&b, "nowhere");
  int s1 = bab_feedback_slot(&b);
  BAB_EMIT(&b, LdaGlobal, name, s1);
  BAB_EMIT(&b, Return);
  Handle load = make_function(iso, &b, "load", 0, 0, false);
  Handle r = call0(iso, load);
  EXPECT(handle_is_null(r));
  EXPECT(js_error_kind(iso->pending_exception) == kError_REFERENCE_ERROR);
  isolate_clear_pending_exception(iso);

  EXPECT(bab_init(&b, iso));
  name = bab_constant_cstring(&b, "nowhere");
  s1 = bab_feedback_slot(&b);
  BAB_EMIT(&b, LdaSmi, 5);
  BAB_EMIT(&b, StaGlobal, name, s1);
  BAB_EMIT(&b, Return);
  Handle store = make_function(iso, &b, "store", 0, 0, false);
  EXPECT(!handle_is_null(call0(iso, store)));
  for (int i = 0; i < 3; i++) { /* the second and third loads hit the global IC */
    r = call0(iso, load);
    EXPECT(!handle_is_null(r) && smi_value(H(r)) == 5);
  }
  handle_scope_close(&scope);
}

TEST(interpreter, calling_a_non_callable_is_a_type_error) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle r = execution_call(iso, handle_new(iso, smi_from_int(1)),
                            ROOT_HANDLE(iso, undefined_value), 0, NULL);
  EXPECT(handle_is_null(r));
  EXPECT(js_error_kind(iso->pending_exception) == kError_TYPE_ERROR);
  isolate_clear_pending_exception(iso);
  handle_scope_close(&scope);
}
