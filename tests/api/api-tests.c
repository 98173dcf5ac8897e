/*
 * api-tests.c: the embedding API's tests. Uses include/kiln.h only (it links libkiln.so,
 * so it also checks that everything it needs is exported).
 *
 *   kiln-api-tests [filter]      runs the tests whose name contains filter
 *
 * Engine flags come from the KILN_FLAGS environment variable ("--gc-interval=1
 * --verify-heap": tests/run.sh passes make stress's flags that way). Last line:
 * "N passed, N failed".
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiln.h"

static int g_failures; /* checks failed in the current test */

#define CHECK(c)                                                            \
  do {                                                                      \
    if (!(c)) {                                                             \
      printf("  FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);                 \
      g_failures++;                                                         \
    }                                                                       \
  } while (0)
#define CHECK_STR(got, want)                                                         \
  do {                                                                               \
    const char *g_ = (got), *w_ = (want);                                            \
    if (g_ == NULL || strcmp(g_, w_) != 0) {                                          \
      printf("  FAIL %s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #got, \
             g_ ? g_ : "(null)", w_);                                                \
      g_failures++;                                                                  \
    }                                                                                \
  } while (0)

static const char *engine_flags(void) { return getenv("KILN_FLAGS"); }
static bool under_stress(void) {
  const char *f = engine_flags();
  return f && strstr(f, "gc-interval") != NULL;
}

static kiln_isolate *new_isolate_with(size_t heap_limit, size_t stack_limit) {
  kiln_isolate_params params = {heap_limit, stack_limit, NULL}; /* + KILN_FLAGS */
  kiln_isolate *iso = kiln_isolate_new(&params);
  if (iso == NULL) {
    printf("  cannot create an isolate (bad KILN_FLAGS?)\n");
    exit(1);
  }
  return iso;
}
static kiln_isolate *new_isolate(void) { return new_isolate_with(0, 0); }

/* The value of an expression as UTF-8 text, in a static buffer ("<exception>" on throw). */
static const char *eval_str(kiln_context ctx, const char *src) {
  static char buf[512];
  kiln_try_catch tc;
  kiln_try_catch_open(kiln_context_isolate(ctx), &tc);
  kiln_value v = kiln_eval(ctx, src, -1, "test.js");
  char *s = v ? kiln_to_utf8(ctx, v, NULL) : NULL;
  if (s == NULL) {
    kiln_value e = kiln_try_catch_exception(&tc);
    char *es = e ? kiln_to_utf8(ctx, e, NULL) : NULL;
    snprintf(buf, sizeof buf, "<exception %s>", es ? es : "?");
    kiln_free(NULL, es);
  } else {
    snprintf(buf, sizeof buf, "%s", s);
  }
  kiln_free(NULL, s);
  kiln_try_catch_close(&tc);
  return buf;
}

/* The text of the exception tc caught. */
static const char *caught_str(kiln_context ctx, kiln_try_catch *tc) {
  static char buf[512];
  kiln_value e = kiln_try_catch_exception(tc);
  char *s = e ? kiln_to_utf8(ctx, e, NULL) : NULL;
  snprintf(buf, sizeof buf, "%s", s ? s : "(nothing)");
  kiln_free(NULL, s);
  return buf;
}

/* ---- basics -------------------------------------------------------------------------- */

static void test_version(void) {
  CHECK_STR(kiln_version(), KILN_VERSION_STRING);
  CHECK(KILN_VERSION == KILN_VERSION_MAJOR * 10000 + KILN_VERSION_MINOR * 100 + KILN_VERSION_PATCH);
}

static void test_eval(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  CHECK(ctx != NULL);
  kiln_value v = kiln_eval(ctx, "1 + 2", -1, "a.js");
  CHECK(kiln_is_number(v) && kiln_is_int32(v) && kiln_int32_value(v) == 3);
  v = kiln_eval(ctx, "'abc'.toUpperCase()+1.5xyz", 23, NULL); /* len stops at 1.5 */
  size_t len = 0;
  char *s = kiln_to_utf8(ctx, v, &len);
  CHECK_STR(s, "ABC1.5");
  CHECK(len == 6);
  kiln_free(iso, s);
  CHECK_STR(eval_str(ctx, "[1, 'x', {}, null].map(v => typeof v).join()"),
            "number,string,object,object");
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

static void test_primitives(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_value u = kiln_undefined(iso), n = kiln_null(iso);
  kiln_value t = kiln_boolean_new(iso, true), f = kiln_boolean_new(iso, false);
  kiln_value d = kiln_number_new(iso, 2.5), i = kiln_int32_new(iso, -7);
  kiln_value nz = kiln_number_new(iso, -0.0), nan = kiln_number_new(iso, NAN);
  kiln_value s1 = kiln_string_new_utf8(iso, "h\xc3\xa9llo", -1);
  kiln_value s2 = kiln_eval(ctx, "'h\\u00e9' + 'llo'", -1, NULL);
  CHECK(kiln_is_undefined(u) && !kiln_is_null(u) && !kiln_is_object(u));
  CHECK(kiln_is_null(n) && !kiln_is_undefined(n) && !kiln_is_object(n));
  CHECK(kiln_is_boolean(t) && kiln_boolean_value(t) && kiln_is_boolean(f) && !kiln_boolean_value(f));
  CHECK(kiln_is_number(d) && !kiln_is_int32(d) && kiln_number_value(d) == 2.5);
  CHECK(kiln_is_int32(i) && kiln_int32_value(i) == -7 && kiln_number_value(i) == -7);
  CHECK(kiln_is_number(nz) && !kiln_is_int32(nz));
  CHECK(kiln_is_string(s1) && !kiln_is_number(s1));
  CHECK(isnan(kiln_number_value(s1)));
  CHECK(kiln_strict_equals(s1, s2));
  CHECK(!kiln_strict_equals(nan, nan));
  CHECK(kiln_strict_equals(kiln_number_new(iso, 3), kiln_int32_new(iso, 3)));
  CHECK(!kiln_strict_equals(u, n));
  CHECK_STR(kiln_value_type_name(u), "undefined");
  CHECK_STR(kiln_value_type_name(n), "null");
  CHECK_STR(kiln_value_type_name(t), "boolean");
  CHECK_STR(kiln_value_type_name(d), "number");
  CHECK_STR(kiln_value_type_name(s1), "string");
  CHECK_STR(kiln_value_type_name(kiln_eval(ctx, "Symbol()", -1, NULL)), "symbol");
  CHECK(kiln_is_symbol(kiln_eval(ctx, "Symbol.iterator", -1, NULL)));
  CHECK_STR(kiln_value_type_name(kiln_eval(ctx, "10n", -1, NULL)), "bigint");
  CHECK_STR(kiln_value_type_name(kiln_eval(ctx, "[]", -1, NULL)), "array");
  CHECK_STR(kiln_value_type_name(kiln_eval(ctx, "(()=>1)", -1, NULL)), "function");
  CHECK_STR(kiln_value_type_name(kiln_eval(ctx, "({})", -1, NULL)), "object");
  CHECK(kiln_to_boolean(t) && !kiln_to_boolean(f) && !kiln_to_boolean(u) && !kiln_to_boolean(nz));
  CHECK(kiln_to_boolean(s1) && kiln_to_boolean(i) && !kiln_to_boolean(kiln_string_new_utf8(iso, "", 0)));
  /* an embedded NUL with an explicit length */
  kiln_value z = kiln_string_new_utf8(iso, "a\0b", 3);
  CHECK(kiln_number_value(kiln_object_get_named(ctx, z, "length")) == 3);
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

static void test_conversions(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  CHECK(kiln_to_number(ctx, kiln_string_new_utf8(iso, " 42 ", -1)) == 42);
  CHECK(isnan(kiln_to_number(ctx, kiln_string_new_utf8(iso, "4x", -1))));
  kiln_value obj = kiln_eval(ctx, "({ valueOf() { return 7; }, toString() { return 'seven'; } })",
                             -1, NULL);
  CHECK(kiln_to_number(ctx, obj) == 7);
  char *s = kiln_to_utf8(ctx, obj, NULL);
  CHECK_STR(s, "seven");
  kiln_free(iso, s);
  kiln_value s2 = kiln_to_string(ctx, kiln_number_new(iso, 0.1));
  CHECK(kiln_is_string(s2));
  /* a throwing conversion: NaN / NULL and the exception caught */
  kiln_value bad = kiln_eval(ctx, "({ valueOf() { throw new Error('no'); }, toString() { throw 5; } })",
                             -1, NULL);
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  CHECK(isnan(kiln_to_number(ctx, bad)));
  CHECK(kiln_try_catch_has_caught(&tc));
  CHECK_STR(caught_str(ctx, &tc), "Error: no");
  kiln_try_catch_reset(&tc);
  CHECK(!kiln_try_catch_has_caught(&tc));
  CHECK(kiln_to_utf8(ctx, bad, NULL) == NULL);
  CHECK(kiln_try_catch_has_caught(&tc));
  CHECK(kiln_int32_value(kiln_try_catch_exception(&tc)) == 5);
  kiln_try_catch_reset(&tc);
  CHECK(kiln_to_utf8(ctx, kiln_eval(ctx, "Symbol('q')", -1, NULL), NULL) == NULL); /* TypeError */
  CHECK(kiln_try_catch_has_caught(&tc));
  kiln_try_catch_close(&tc);
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

static void test_objects(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_value o = kiln_object_new(ctx);
  CHECK(kiln_is_object(o) && !kiln_is_function(o) && !kiln_is_array(o));
  kiln_value k = kiln_string_new_utf8(iso, "answer", -1);
  CHECK(kiln_object_set(ctx, o, k, kiln_int32_new(iso, 42)));
  CHECK(kiln_int32_value(kiln_object_get(ctx, o, k)) == 42);
  CHECK(kiln_object_has(ctx, o, k));
  CHECK(kiln_object_set_named(ctx, o, "b", kiln_boolean_new(iso, true)));
  CHECK(kiln_boolean_value(kiln_object_get_named(ctx, o, "b")));
  CHECK(kiln_is_undefined(kiln_object_get_named(ctx, o, "missing")));
  CHECK(kiln_object_set_index(ctx, o, 3, kiln_string_new_utf8(iso, "three", -1)));
  CHECK(kiln_is_string(kiln_object_get_index(ctx, o, 3)));
  CHECK(kiln_object_has(ctx, o, kiln_int32_new(iso, 3)));
  CHECK(kiln_object_delete(ctx, o, k));
  CHECK(!kiln_object_has(ctx, o, k));
  CHECK(kiln_object_has(ctx, o, kiln_string_new_utf8(iso, "toString", -1))); /* inherited */
  kiln_object_set_named(ctx, kiln_context_global(ctx), "o", o);
  CHECK_STR(eval_str(ctx, "JSON.stringify(o)"), "{\"3\":\"three\",\"b\":true}");
  /* a getter runs; a frozen object refuses (strict: TypeError) */
  kiln_value g = kiln_eval(ctx, "Object.freeze({ get x() { return this.y * 2; }, y: 21 })", -1, NULL);
  CHECK(kiln_int32_value(kiln_object_get_named(ctx, g, "x")) == 42);
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  CHECK(!kiln_object_set_named(ctx, g, "y", kiln_int32_new(iso, 1)));
  CHECK(kiln_try_catch_has_caught(&tc));
  kiln_try_catch_reset(&tc);
  CHECK(!kiln_object_delete(ctx, g, kiln_string_new_utf8(iso, "y", -1)));
  CHECK(kiln_try_catch_has_caught(&tc));
  kiln_try_catch_close(&tc);
  /* arrays */
  kiln_value a = kiln_array_new(ctx, 3);
  CHECK(kiln_is_array(a) && kiln_is_object(a) && kiln_array_length(a) == 3);
  CHECK(kiln_object_set_index(ctx, a, 5, kiln_int32_new(iso, 1)));
  CHECK(kiln_array_length(a) == 6);
  CHECK(kiln_array_length(o) == 0);
  CHECK(kiln_is_array(kiln_eval(ctx, "[1,2]", -1, NULL)));
  CHECK(kiln_is_function(kiln_eval(ctx, "Math.max", -1, NULL)));
  CHECK(kiln_is_error(kiln_eval(ctx, "new RangeError('r')", -1, NULL)));
  CHECK(!kiln_is_error(o));
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

static void test_function_call(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_value fn = kiln_eval(ctx, "(function (a, b) { return this.base + a * b; })", -1, NULL);
  kiln_value self = kiln_eval(ctx, "({ base: 100 })", -1, NULL);
  kiln_value argv[2] = {kiln_int32_new(iso, 6), kiln_int32_new(iso, 7)};
  kiln_value r = kiln_function_call(ctx, fn, self, 2, argv);
  CHECK(kiln_int32_value(r) == 142);
  /* many arguments (past the inline buffer) */
  kiln_value sum = kiln_eval(ctx, "(function (...xs) { return xs.reduce((a, b) => a + b, 0); })",
                             -1, NULL);
  kiln_value many[20];
  for (int i = 0; i < 20; i++) many[i] = kiln_int32_new(iso, i);
  CHECK(kiln_int32_value(kiln_function_call(ctx, sum, NULL, 20, many)) == 190);
  /* constructors */
  kiln_value date = kiln_eval(ctx, "Date", -1, NULL);
  kiln_value ms = kiln_number_new(iso, 0);
  kiln_value d = kiln_function_new_instance(ctx, date, 1, &ms);
  CHECK(kiln_is_object(d));
  CHECK(kiln_number_value(kiln_function_call(ctx, kiln_object_get_named(ctx, d, "getTime"), d, 0,
                                             NULL)) == 0);
  /* calling a non-function: TypeError */
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  CHECK(kiln_function_call(ctx, self, NULL, 0, NULL) == NULL);
  CHECK(kiln_try_catch_has_caught(&tc));
  CHECK(kiln_is_error(kiln_try_catch_exception(&tc)));
  kiln_try_catch_close(&tc);
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

/* ---- scopes and contexts --------------------------------------------------------------- */

static kiln_value make_point(kiln_isolate *iso, kiln_context ctx, int x) {
  kiln_handle_scope inner;
  kiln_handle_scope_open(iso, &inner);
  kiln_value o = kiln_object_new(ctx);
  kiln_object_set_named(ctx, o, "x", kiln_int32_new(iso, x));
  int garbage = under_stress() ? 3 : 100;
  for (int i = 0; i < garbage; i++) kiln_object_new(ctx); /* garbage in the inner scope */
  kiln_value out = kiln_handle_scope_escape(&inner, o);
  kiln_handle_scope_close(&inner);
  return out;
}

static void test_scope_escape(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_value p = make_point(iso, ctx, 5);
  kiln_collect_garbage(iso);
  int rounds = under_stress() ? 20 : 1000;
  for (int i = 0; i < rounds; i++) make_point(iso, ctx, i); /* scopes reuse their slots */
  kiln_collect_garbage(iso);
  CHECK(kiln_is_object(p));
  CHECK(kiln_int32_value(kiln_object_get_named(ctx, p, "x")) == 5);
  /* many handles in one scope (past one handle block) stay valid across GCs */
  kiln_handle_scope big;
  kiln_handle_scope_open(iso, &big);
  kiln_value vals[3000];
  int count = under_stress() ? 1100 : 3000;
  for (int i = 0; i < count; i++) vals[i] = kiln_number_new(iso, i + 0.5);
  kiln_collect_garbage(iso);
  int bad = 0;
  for (int i = 0; i < count; i++) bad += kiln_number_value(vals[i]) != i + 0.5;
  CHECK(bad == 0);
  kiln_handle_scope_close(&big);
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

static void test_two_contexts(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context a = kiln_context_new(iso), b = kiln_context_new(iso);
  CHECK(a != NULL && b != NULL);
  kiln_eval(a, "var shared = 'a'; globalThis.only_a = 1; Array.prototype.extra = 1;", -1, NULL);
  CHECK_STR(eval_str(a, "typeof only_a + shared + [].extra"), "numbera1");
  CHECK_STR(eval_str(b, "typeof only_a + typeof shared + [].extra"), "undefinedundefinedundefined");
  CHECK(!kiln_strict_equals(kiln_context_global(a), kiln_context_global(b)));
  CHECK(kiln_strict_equals(kiln_context_global(a), kiln_eval(a, "globalThis", -1, NULL)));
  /* values cross: an object of a seen from b keeps a's prototype */
  kiln_value arr = kiln_eval(a, "[1, 2]", -1, NULL);
  kiln_object_set_named(b, kiln_context_global(b), "fromA", arr);
  CHECK_STR(eval_str(b, "fromA instanceof Array"), "false");
  CHECK_STR(eval_str(b, "Array.isArray(fromA) && fromA.extra"), "1");
  kiln_value oa = kiln_object_new(a), ob = kiln_object_new(b);
  kiln_object_set_named(a, kiln_context_global(a), "oa", oa);
  kiln_object_set_named(b, kiln_context_global(b), "ob", ob);
  CHECK_STR(eval_str(a, "Object.getPrototypeOf(oa) === Object.prototype"), "true");
  CHECK_STR(eval_str(b, "Object.getPrototypeOf(ob) === Object.prototype"), "true");
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

/* ---- function templates ------------------------------------------------------------------ */

static int g_calls;

static void cb_add(kiln_callback_info *info) {
  g_calls++;
  kiln_context ctx = kiln_callback_context(info);
  double sum = 0;
  for (int i = 0; i < kiln_callback_argc(info); i++) {
    sum += kiln_to_number(ctx, kiln_callback_arg(info, i));
  }
  int *scale = kiln_callback_data(info);
  CHECK(kiln_is_undefined(kiln_callback_arg(info, kiln_callback_argc(info))));
  CHECK(kiln_is_undefined(kiln_callback_arg(info, -1)));
  kiln_callback_return(info, kiln_number_new(kiln_callback_isolate(info), sum * *scale));
}

static void cb_this_name(kiln_callback_info *info) {
  kiln_value name = kiln_object_get_named(kiln_callback_context(info), kiln_callback_this(info), "name");
  kiln_callback_return(info, name);
}

static void cb_throw(kiln_callback_info *info) {
  kiln_isolate *iso = kiln_callback_isolate(info);
  kiln_throw(iso, kiln_error_new(iso, KILN_RANGE_ERROR, "from C"));
  kiln_callback_return(info, kiln_int32_new(iso, 1)); /* ignored: the throw wins */
}

/* Calls back into JS; the JS throws; the exception propagates out of the callback. */
static void cb_reenter(kiln_callback_info *info) {
  kiln_context ctx = kiln_callback_context(info);
  kiln_value r = kiln_eval(ctx, "inner()", -1, "reenter.js");
  CHECK(r == NULL);
  CHECK(kiln_eval(ctx, "1", -1, NULL) != NULL); /* the isolate still runs code meanwhile */
}

/* Catches the JS exception itself, so nothing propagates. */
static void cb_catching(kiln_callback_info *info) {
  kiln_context ctx = kiln_callback_context(info);
  kiln_try_catch tc;
  kiln_try_catch_open(kiln_callback_isolate(info), &tc);
  CHECK(kiln_eval(ctx, "inner()", -1, NULL) == NULL);
  CHECK(kiln_try_catch_has_caught(&tc));
  kiln_callback_return(info, kiln_try_catch_exception(&tc));
  kiln_try_catch_close(&tc);
}

static void test_function_template(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  int scale = 10;
  kiln_template ft = kiln_function_template_new(iso, cb_add, &scale);
  kiln_value fn = kiln_template_get_function(ctx, ft);
  CHECK(kiln_is_function(fn));
  CHECK(kiln_strict_equals(fn, kiln_template_get_function(ctx, ft))); /* one per context */
  kiln_value global = kiln_context_global(ctx);
  CHECK(kiln_object_set_named(ctx, global, "add", fn));
  g_calls = 0;
  CHECK_STR(eval_str(ctx, "add(1, 2, 3.5)"), "65");
  CHECK_STR(eval_str(ctx, "let t = 0; for (let i = 0; i < 100; i++) t += add(i); t"), "49500");
  CHECK(g_calls == 101);
  kiln_value args[2] = {kiln_int32_new(iso, 4), kiln_string_new_utf8(iso, "5", -1)};
  CHECK(kiln_number_value(kiln_function_call(ctx, fn, NULL, 2, args)) == 90);
  /* this, and a template property on the function */
  kiln_template named = kiln_function_template_new(iso, cb_this_name, NULL);
  kiln_template_set(named, kiln_string_new_utf8(iso, "version", -1), kiln_int32_new(iso, 3));
  kiln_function_template_set_class_name(named, kiln_string_new_utf8(iso, "whoami", -1));
  kiln_object_set_named(ctx, global, "whoami", kiln_template_get_function(ctx, named));
  CHECK_STR(eval_str(ctx, "whoami.call({ name: 'me' }) + whoami.version + whoami.name"), "me3whoami");
  /* a function in a second context is another function */
  kiln_context ctx2 = kiln_context_new(iso);
  kiln_value fn2 = kiln_template_get_function(ctx2, ft);
  CHECK(kiln_is_function(fn2) && !kiln_strict_equals(fn, fn2));
  CHECK(kiln_strict_equals(fn, kiln_template_get_function(ctx, ft)));
  /* exceptions from callbacks */
  kiln_object_set_named(ctx, global, "thrower",
                        kiln_template_get_function(ctx, kiln_function_template_new(iso, cb_throw, NULL)));
  CHECK_STR(eval_str(ctx, "try { thrower(); 'no' } catch (e) { e instanceof RangeError && e.message }"),
            "from C");
  CHECK_STR(eval_str(ctx, "thrower()"), "<exception RangeError: from C>");
  kiln_eval(ctx, "function inner() { throw new TypeError('inner') }", -1, NULL);
  kiln_object_set_named(ctx, global, "reenter",
                        kiln_template_get_function(ctx, kiln_function_template_new(iso, cb_reenter, NULL)));
  CHECK_STR(eval_str(ctx, "try { reenter(); 'no' } catch (e) { e.message }"), "inner");
  kiln_object_set_named(ctx, global, "catching",
                        kiln_template_get_function(ctx, kiln_function_template_new(iso, cb_catching, NULL)));
  CHECK_STR(eval_str(ctx, "catching().message"), "inner");
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

/* ---- object templates, accessors, internal fields, externals ----------------------------- */

typedef struct { double celsius; int reads, writes; } Thermo;

static void get_celsius(kiln_value self, kiln_value name, kiln_callback_info *info) {
  Thermo *t = kiln_external_value(kiln_object_get_internal_field(self, 0));
  CHECK(t != NULL && kiln_is_string(name));
  if (t == NULL) return;
  t->reads++;
  kiln_callback_return(info, kiln_number_new(kiln_callback_isolate(info), t->celsius));
}

static void set_celsius(kiln_value self, kiln_value name, kiln_value value, kiln_callback_info *info) {
  Thermo *t = kiln_external_value(kiln_object_get_internal_field(self, 0));
  if (t == NULL) return;
  double d = kiln_to_number(kiln_callback_context(info), value);
  if (isnan(d)) {
    kiln_isolate *iso = kiln_callback_isolate(info);
    kiln_throw(iso, kiln_error_new(iso, KILN_TYPE_ERROR, "not a temperature"));
    return;
  }
  t->writes++;
  t->celsius = d;
}

static void get_kelvin(kiln_value self, kiln_value name, kiln_callback_info *info) {
  Thermo *t = kiln_external_value(kiln_object_get_internal_field(self, 0));
  if (t) kiln_callback_return(info, kiln_number_new(kiln_callback_isolate(info), t->celsius + 273.15));
}

static void cb_describe(kiln_callback_info *info) {
  kiln_value self = kiln_callback_this(info);
  kiln_callback_return(info, kiln_object_get_internal_field(self, 1));
}

static void test_object_template(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_template ot = kiln_object_template_new(iso);
  kiln_object_template_set_internal_field_count(ot, 2);
  kiln_object_template_set_accessor(ot, kiln_string_new_utf8(iso, "celsius", -1), get_celsius,
                                    set_celsius);
  kiln_object_template_set_accessor(ot, kiln_string_new_utf8(iso, "kelvin", -1), get_kelvin, NULL);
  kiln_template_set(ot, kiln_string_new_utf8(iso, "unit", -1), kiln_string_new_utf8(iso, "C", -1));
  kiln_template_set_method(ot, kiln_string_new_utf8(iso, "describe", -1),
                           kiln_function_template_new(iso, cb_describe, NULL));
  Thermo t1 = {20, 0, 0}, t2 = {-5, 0, 0};
  kiln_value a = kiln_object_template_new_instance(ctx, ot);
  kiln_value b = kiln_object_template_new_instance(ctx, ot);
  CHECK(kiln_is_object(a) && kiln_object_internal_field_count(a) == 2);
  CHECK(kiln_is_undefined(kiln_object_get_internal_field(a, 0)));
  kiln_object_set_internal_field(a, 0, kiln_external_new(iso, &t1));
  kiln_object_set_internal_field(b, 0, kiln_external_new(iso, &t2));
  kiln_object_set_internal_field(a, 1, kiln_string_new_utf8(iso, "kitchen", -1));
  kiln_object_set_internal_field(b, 1, kiln_string_new_utf8(iso, "garden", -1));
  kiln_collect_garbage(iso);
  kiln_value global = kiln_context_global(ctx);
  kiln_object_set_named(ctx, global, "a", a);
  kiln_object_set_named(ctx, global, "b", b);
  CHECK_STR(eval_str(ctx, "a.celsius + a.unit + ' ' + b.celsius + b.unit"), "20C -5C");
  CHECK_STR(eval_str(ctx, "a.celsius = 30; b.celsius = '12.5'; [a.celsius, b.celsius, b.kelvin].join()"),
            "30,12.5,285.65");
  CHECK(t1.celsius == 30 && t2.celsius == 12.5 && t1.writes == 1 && t2.writes == 1);
  CHECK(t1.reads >= 2);
  CHECK_STR(eval_str(ctx, "a.describe() + ' ' + b.describe() + ' ' + (a.describe === b.describe)"),
            "kitchen garden true");
  CHECK_STR(eval_str(ctx, "try { a.celsius = 'hot'; 'no' } catch (e) { e.message }"), "not a temperature");
  CHECK_STR(eval_str(ctx, "'use strict'; try { a.kelvin = 1; 'no' } catch (e) { e.constructor.name }"),
            "TypeError");
  CHECK_STR(eval_str(ctx, "Object.keys(a).join()"), "celsius,kelvin,unit,describe");
  CHECK_STR(eval_str(ctx, "Object.getPrototypeOf(a) === Object.prototype"), "true");
  /* fields survive dictionary mode and freezing; more instances share the map */
  CHECK_STR(eval_str(ctx, "delete a.unit; a.p1 = 1; delete a.p1; Object.freeze(b); a.celsius + b.celsius"),
            "42.5");
  CHECK(kiln_object_internal_field_count(a) == 2 && kiln_object_internal_field_count(b) == 2);
  CHECK(kiln_external_value(kiln_object_get_internal_field(b, 0)) == &t2);
  for (int i = 0; i < 200; i++) {
    kiln_handle_scope s;
    kiln_handle_scope_open(iso, &s);
    kiln_value o = kiln_object_template_new_instance(ctx, ot);
    kiln_object_set_internal_field(o, 0, kiln_external_new(iso, &t1));
    CHECK(kiln_number_value(kiln_object_get_named(ctx, o, "celsius")) == 30);
    kiln_handle_scope_close(&s);
  }
  /* externals */
  int x;
  kiln_value ext = kiln_external_new(iso, &x);
  CHECK(kiln_is_external(ext) && kiln_external_value(ext) == &x);
  CHECK_STR(kiln_value_type_name(ext), "external");
  CHECK(!kiln_is_external(a) && kiln_external_value(a) == NULL);
  CHECK(kiln_object_internal_field_count(kiln_object_new(ctx)) == 0);
  CHECK(kiln_external_value(kiln_external_new(iso, NULL)) == NULL);
  kiln_object_set_named(ctx, global, "ext", ext);
  CHECK_STR(eval_str(ctx, "ext.foo = 1; typeof ext + Object.keys(ext).length + Object.getPrototypeOf(ext)"),
            "object0null");
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

/* A class: new Counter(start) from JS; methods on the prototype; state in a C struct. */
typedef struct { int value; } Counter;
typedef struct { kiln_persistent *items[100]; int count; } CounterList;
static int g_counters_freed;

static void counter_free(void *data) {
  free(data);
  g_counters_freed++;
}

static void cb_counter_new(kiln_callback_info *info) {
  kiln_isolate *iso = kiln_callback_isolate(info);
  if (!kiln_callback_is_construct_call(info)) {
    kiln_throw(iso, kiln_error_new(iso, KILN_TYPE_ERROR, "Counter needs new"));
    return;
  }
  Counter *c = malloc(sizeof *c);
  c->value = (int)kiln_to_number(kiln_callback_context(info), kiln_callback_arg(info, 0));
  kiln_value self = kiln_callback_this(info);
  kiln_object_set_internal_field(self, 0, kiln_external_new(iso, c));
  kiln_persistent *weak = kiln_persistent_new(iso, self);
  kiln_persistent_set_weak(weak, counter_free, c);
  /* the test frees the persistent records at the end */
  CounterList *list = kiln_callback_data(info);
  if (list->count < (int)(sizeof list->items / sizeof list->items[0])) {
    list->items[list->count++] = weak;
  }
}

static void cb_counter_inc(kiln_callback_info *info) {
  kiln_value self = kiln_callback_this(info);
  if (kiln_object_internal_field_count(self) < 1) {
    kiln_isolate *iso = kiln_callback_isolate(info);
    kiln_throw(iso, kiln_error_new(iso, KILN_TYPE_ERROR, "not a Counter"));
    return;
  }
  Counter *c = kiln_external_value(kiln_object_get_internal_field(self, 0));
  kiln_callback_return(info, kiln_int32_new(kiln_callback_isolate(info), ++c->value));
}

static void test_class(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  CounterList list = {{NULL}, 0};
  kiln_template ft = kiln_function_template_new(iso, cb_counter_new, &list);
  kiln_function_template_set_class_name(ft, kiln_string_new_utf8(iso, "Counter", -1));
  kiln_object_template_set_internal_field_count(kiln_function_template_instance_template(ft), 1);
  kiln_template_set_method(kiln_function_template_prototype_template(ft),
                           kiln_string_new_utf8(iso, "inc", -1),
                           kiln_function_template_new(iso, cb_counter_inc, NULL));
  kiln_object_set_named(ctx, kiln_context_global(ctx), "Counter", kiln_template_get_function(ctx, ft));
  CHECK_STR(eval_str(ctx, "var c = new Counter(41); c.inc(); c.inc()"), "43");
  CHECK_STR(eval_str(ctx, "[c instanceof Counter, Counter.name, typeof Counter.prototype.inc, "
                          "c.constructor === Counter, Object.keys(c).length].join()"),
            "true,Counter,function,true,0");
  CHECK_STR(eval_str(ctx, "class Sub extends Counter { twice() { this.inc(); return this.inc(); } }"
                          "var s = new Sub(1); [s.twice(), s instanceof Sub, s instanceof Counter].join()"),
            "3,true,true");
  CHECK_STR(eval_str(ctx, "try { Counter(1) } catch (e) { e.message }"), "Counter needs new");
  CHECK_STR(eval_str(ctx, "try { Counter.prototype.inc.call({}) } catch (e) { e.message }"),
            "not a Counter");
  /* the weak callbacks free the C state once the objects die */
  g_counters_freed = 0;
  kiln_eval(ctx, "for (let i = 0; i < 50; i++) new Counter(i); c = s = undefined;", -1, NULL);
  kiln_collect_garbage(iso);
  kiln_collect_garbage(iso);
  CHECK(g_counters_freed == 52);
  CHECK(list.count == 52);
  for (int i = 0; i < list.count; i++) kiln_persistent_free(list.items[i]);
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

/* ---- errors ------------------------------------------------------------------------------ */

static char g_message[256];
static int g_messages;
static void on_message(kiln_isolate *iso, kiln_value exception, const char *message, void *data) {
  g_messages++;
  snprintf(g_message, sizeof g_message, "%s", message);
  CHECK(exception != NULL);
  CHECK(data == (void *)&g_messages);
}

static void test_try_catch(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  CHECK(!kiln_try_catch_has_caught(&tc) && kiln_try_catch_exception(&tc) == NULL);
  CHECK(kiln_eval(ctx, "let = = 1", -1, "bad.js") == NULL);
  CHECK(kiln_try_catch_has_caught(&tc) && !kiln_try_catch_has_terminated(&tc));
  kiln_value e = kiln_try_catch_exception(&tc);
  CHECK(kiln_is_error(e));
  CHECK_STR(eval_str(ctx, "1"), "1");
  kiln_object_set_named(ctx, kiln_context_global(ctx), "caught", e);
  CHECK_STR(eval_str(ctx, "caught instanceof SyntaxError"), "true");
  /* nested: the inner one catches, the outer sees nothing more */
  kiln_try_catch_reset(&tc);
  kiln_try_catch inner;
  kiln_try_catch_open(iso, &inner);
  CHECK(kiln_eval(ctx, "null.x", -1, NULL) == NULL);
  CHECK(kiln_try_catch_has_caught(&inner));
  CHECK_STR(caught_str(ctx, &inner), "TypeError: Cannot read properties of null (reading 'x')");
  kiln_try_catch_close(&inner);
  CHECK(!kiln_try_catch_has_caught(&tc));
  /* kiln_throw at the top level goes to the open try_catch */
  kiln_throw(iso, kiln_string_new_utf8(iso, "thrown", -1));
  CHECK_STR(caught_str(ctx, &tc), "thrown");
  kiln_try_catch_close(&tc);
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

static void test_message_callback(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  /* no callback: dropped, the isolate goes on */
  CHECK(kiln_eval(ctx, "throw 1", -1, NULL) == NULL);
  CHECK_STR(eval_str(ctx, "2"), "2");
  g_messages = 0;
  kiln_set_message_callback(iso, on_message, &g_messages);
  CHECK(kiln_eval(ctx, "throw new Error('boom')", -1, NULL) == NULL);
  CHECK(g_messages == 1);
  CHECK_STR(g_message, "Uncaught Error: boom");
  CHECK(kiln_eval(ctx, "undefinedVariable", -1, NULL) == NULL);
  CHECK_STR(g_message, "Uncaught ReferenceError: undefinedVariable is not defined");
  kiln_throw(iso, kiln_error_new(iso, KILN_TYPE_ERROR, "direct"));
  CHECK_STR(g_message, "Uncaught TypeError: direct");
  kiln_eval(ctx, "throw { toString() { throw 1 } }", -1, NULL);
  CHECK_STR(g_message, "Uncaught object");
  kiln_eval(ctx, "Promise.reject(1); 5", -1, NULL);
  CHECK(g_messages == 4);
  /* a try_catch takes precedence */
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  kiln_eval(ctx, "throw 2", -1, NULL);
  kiln_try_catch_close(&tc);
  CHECK(g_messages == 4);
  /* kiln_error_new kinds */
  const char *names[] = {"Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError"};
  for (int k = KILN_ERROR; k <= KILN_REFERENCE_ERROR; k++) {
    kiln_value err = kiln_error_new(iso, (kiln_error_kind)k, "m");
    kiln_value nm = kiln_object_get_named(ctx, kiln_object_get_named(ctx, err, "constructor"), "name");
    char *s = kiln_to_utf8(ctx, nm, NULL);
    CHECK_STR(s, names[k]);
    kiln_free(iso, s);
  }
  kiln_set_message_callback(iso, NULL, NULL);
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

/* ---- persistents and GC --------------------------------------------------------------------- */

static int g_weak_fired;
static void on_weak(void *data) { g_weak_fired += *(int *)data; }

static void test_persistent(void) {
  kiln_isolate *iso = new_isolate();
  kiln_persistent *strong, *weak, *weak_kept;
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context_new(iso); /* the first realm (kept by the isolate) */
  kiln_persistent *pctx = kiln_persistent_new(iso, (kiln_value)kiln_context_new(iso));
  kiln_handle_scope_close(&scope);
  int one = 1;
  {
    kiln_handle_scope s;
    kiln_handle_scope_open(iso, &s);
    kiln_context ctx = (kiln_context)kiln_persistent_get(iso, pctx);
    strong = kiln_persistent_new(iso, kiln_eval(ctx, "({ tag: 'strong' })", -1, NULL));
    weak = kiln_persistent_new(iso, kiln_eval(ctx, "({ tag: 'weak' })", -1, NULL));
    kiln_value kept = kiln_eval(ctx, "globalThis.kept = { tag: 'kept' }", -1, NULL);
    weak_kept = kiln_persistent_new(iso, kept);
    kiln_persistent_set_weak(weak, on_weak, &one);
    kiln_persistent_set_weak(weak_kept, on_weak, &one);
    kiln_handle_scope_close(&s);
  }
  g_weak_fired = 0;
  kiln_collect_garbage(iso);
  kiln_collect_garbage(iso);
  CHECK(g_weak_fired == 1);
  kiln_handle_scope s;
  kiln_handle_scope_open(iso, &s);
  kiln_context ctx = (kiln_context)kiln_persistent_get(iso, pctx);
  CHECK(kiln_persistent_get(iso, weak) == NULL);
  kiln_value v = kiln_persistent_get(iso, strong);
  char *tag = kiln_to_utf8(ctx, kiln_object_get_named(ctx, v, "tag"), NULL);
  CHECK_STR(tag, "strong");
  kiln_free(iso, tag);
  CHECK(kiln_persistent_get(iso, weak_kept) != NULL);
  kiln_handle_scope_close(&s);
  kiln_persistent_free(strong);
  kiln_persistent_free(weak);
  kiln_persistent_free(weak_kept);
  kiln_persistent_free(pctx);
  kiln_isolate_free(iso);
}

static void test_microtasks(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_eval(ctx, "var log = []; Promise.resolve(1).then(v => log.push(v)).then(() => log.push(2));"
                 "(async () => { await null; log.push(3); })();", -1, NULL);
  CHECK_STR(eval_str(ctx, "log.join()"), "");
  kiln_run_microtasks(iso);
  CHECK_STR(eval_str(ctx, "log.join()"), "1,3,2");
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

/* ---- limits and termination ------------------------------------------------------------------ */

static void test_heap_limit(void) {
  kiln_isolate *iso = new_isolate_with((size_t)48 << 20, 0);
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  CHECK(ctx != NULL);
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  const char *grow = under_stress()
      ? "(function () { let a = []; for (;;) a.push(new Array(200000).fill(1.5)); })()"
      : "(function () { let a = []; for (;;) a.push(new Array(10000).fill(1.5)); })()";
  CHECK(kiln_eval(ctx, grow, -1, "grow.js") == NULL);
  CHECK(kiln_try_catch_has_caught(&tc));
  CHECK_STR(caught_str(ctx, &tc), "RangeError: out of memory");
  kiln_try_catch_close(&tc);
  kiln_collect_garbage(iso);
  /* usable afterwards, and can allocate again */
  CHECK_STR(eval_str(ctx, "let big = new Array(100000).fill(2); big.length + big[99999]"), "100002");
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

static void test_stack_limit(void) {
  size_t limits[2] = {1 << 20, 0}; /* 1 MiB: ASan frames are ~4 KiB per JS call */
  for (int i = 0; i < (under_stress() ? 1 : 2); i++) { /* the default: deep, slow under stress */
    kiln_isolate *iso = new_isolate_with(0, limits[i]);
    kiln_handle_scope scope;
    kiln_handle_scope_open(iso, &scope);
    kiln_context ctx = kiln_context_new(iso);
    kiln_try_catch tc;
    kiln_try_catch_open(iso, &tc);
    CHECK(kiln_eval(ctx, "function f(n) { return f(n + 1) + 1; } f(0)", -1, NULL) == NULL);
    CHECK_STR(caught_str(ctx, &tc), "RangeError: Maximum call stack size exceeded");
    kiln_try_catch_reset(&tc);
    /* deep C recursion too: nested arrays through JSON.parse */
    CHECK(kiln_eval(ctx, "JSON.parse('['.repeat(1000000))", -1, NULL) == NULL);
    CHECK(kiln_try_catch_has_caught(&tc));
    kiln_try_catch_close(&tc);
    CHECK_STR(eval_str(ctx, "(function g(n) { return n ? g(n - 1) + 1 : 0; })(100)"), "100");
    kiln_handle_scope_close(&scope);
    kiln_isolate_free(iso);
  }
}

/* An isolate made on the main thread, used on a thread with a small stack and the default
 * stack_limit: the limit follows the thread's real stack, so deep recursion is a
 * RangeError, not a crash. */
static void *small_stack_body(void *arg) {
  kiln_isolate *iso = arg;
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  CHECK(kiln_eval(ctx, "function f() { return f() + 1; } f()", -1, NULL) == NULL);
  CHECK_STR(caught_str(ctx, &tc), "RangeError: Maximum call stack size exceeded");
  kiln_try_catch_close(&tc);
  kiln_handle_scope_close(&scope);
  return NULL;
}

static void test_small_thread_stack(void) {
  kiln_isolate *iso = new_isolate();
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, (size_t)1 << 20);
  pthread_t thread;
  CHECK(pthread_create(&thread, &attr, small_stack_body, iso) == 0);
  pthread_join(thread, NULL);
  pthread_attr_destroy(&attr);
  kiln_isolate_free(iso);
}

static void *terminate_later(void *arg) {
  struct timespec ts = {0, 200 * 1000 * 1000};
  nanosleep(&ts, NULL);
  kiln_isolate_terminate(arg);
  return NULL;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_terminate(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_eval(ctx, "var reached = 'no'", -1, NULL);
  pthread_t thread;
  pthread_create(&thread, NULL, terminate_later, iso);
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  double start = now_s();
  /* Without termination the loop ends by itself after 5 s and the test fails. */
  kiln_value r = kiln_eval(ctx,
                           "const t0 = Date.now();"
                           "try { while (Date.now() - t0 < 5000) {} } finally { reached = 'finally'; }"
                           "reached = 'end'",
                           -1, "spin.js");
  double elapsed = now_s() - start;
  pthread_join(thread, NULL);
  CHECK(r == NULL);
  CHECK(kiln_try_catch_has_caught(&tc) && kiln_try_catch_has_terminated(&tc));
  CHECK(kiln_try_catch_exception(&tc) == NULL);
  CHECK(elapsed < 4);
  kiln_try_catch_close(&tc);
  /* usable again; no catch or finally ran */
  CHECK_STR(eval_str(ctx, "reached"), "no");
  CHECK_STR(eval_str(ctx, "6 * 7"), "42");
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

/* A callback that runs a long script itself: the termination ends the inner script, stays
 * scheduled through the callback (a try_catch there sees it) and ends the outer one too. */
static int g_inner_terminated;
static void cb_spin(kiln_callback_info *info) {
  kiln_try_catch tc;
  kiln_try_catch_open(kiln_callback_isolate(info), &tc);
  kiln_value r = kiln_eval(kiln_callback_context(info),
                           "const t1 = Date.now(); while (Date.now() - t1 < 5000) {} 1", -1, "inner.js");
  g_inner_terminated = r == NULL && kiln_try_catch_has_terminated(&tc);
  kiln_try_catch_close(&tc);
}

static void test_terminate_in_callback(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_object_set_named(ctx, kiln_context_global(ctx), "spin",
                        kiln_template_get_function(ctx, kiln_function_template_new(iso, cb_spin, NULL)));
  kiln_eval(ctx, "var after = 'no'", -1, NULL);
  pthread_t thread;
  pthread_create(&thread, NULL, terminate_later, iso);
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  g_inner_terminated = 0;
  double start = now_s();
  kiln_value r = kiln_eval(ctx, "try { spin(); } catch (e) {} after = 'yes'", -1, "outer.js");
  double elapsed = now_s() - start;
  pthread_join(thread, NULL);
  CHECK(r == NULL && g_inner_terminated);
  CHECK(kiln_try_catch_has_terminated(&tc));
  CHECK(elapsed < 4);
  kiln_try_catch_close(&tc);
  CHECK_STR(eval_str(ctx, "after"), "no");
  /* a request while nothing runs stops the next script at once */
  kiln_isolate_terminate(iso);
  CHECK(kiln_eval(ctx, "after = 'ran'", -1, NULL) == NULL);
  CHECK_STR(eval_str(ctx, "after"), "no");
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

/* Several isolates, one thread each, at the same time. */
static void *thread_body(void *arg) {
  int n = *(int *)arg;
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  char src[128];
  int loops = under_stress() ? 20 : 2000;
  snprintf(src, sizeof src, "let s = 0; for (let i = 0; i < %d; i++) s += [i, %d].length; s", loops, n);
  kiln_value v = kiln_eval(ctx, src, -1, NULL);
  *(int *)arg = v ? kiln_int32_value(v) : -1;
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
  return NULL;
}

static void test_threads(void) {
  pthread_t threads[4];
  int results[4];
  for (int i = 0; i < 4; i++) {
    results[i] = i;
    pthread_create(&threads[i], NULL, thread_body, &results[i]);
  }
  int loops = under_stress() ? 20 : 2000;
  for (int i = 0; i < 4; i++) {
    pthread_join(threads[i], NULL);
    CHECK(results[i] == 2 * loops);
  }
}

/* ---- type-pointer --------------------------------------------------------------------------- */

static void test_pointer(void) {
  kiln_isolate *iso = new_isolate(), *other = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  uintptr_t p;
  {
    kiln_handle_scope s;
    kiln_handle_scope_open(iso, &s);
    p = kiln_pointer_alloc(iso, kiln_eval(ctx, "({ n: 1 })", -1, NULL));
    kiln_handle_scope_close(&s);
  }
  CHECK(p != 0);
  kiln_collect_garbage(iso);
  kiln_value v = kiln_pointer_read(iso, p);
  CHECK(kiln_is_object(v) && kiln_int32_value(kiln_object_get_named(ctx, v, "n")) == 1);
  CHECK(kiln_pointer_write(iso, p, kiln_string_new_utf8(iso, "two", -1)));
  kiln_collect_garbage(iso);
  CHECK(kiln_is_string(kiln_pointer_read(iso, p)));
  uintptr_t q = kiln_pointer_alloc(iso, kiln_int32_new(iso, 3));
  CHECK(q != p && kiln_int32_value(kiln_pointer_read(iso, q)) == 3);
  kiln_try_catch tc;
  kiln_try_catch_open(iso, &tc);
  CHECK(kiln_pointer_free(iso, p));
  CHECK(!kiln_try_catch_has_caught(&tc));
  /* freed, made up, another isolate's: TypeError, no memory touched */
  uintptr_t bad[] = {p, 0, 1, 0x1234, p + 1, (uintptr_t)&tc, ~(uintptr_t)0};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    kiln_try_catch_reset(&tc);
    CHECK(kiln_pointer_read(iso, bad[i]) == NULL);
    CHECK(kiln_try_catch_has_caught(&tc));
    kiln_value e = kiln_try_catch_exception(&tc);
    kiln_value name = kiln_object_get_named(ctx, kiln_object_get_named(ctx, e, "constructor"), "name");
    char *s = kiln_to_utf8(ctx, name, NULL);
    CHECK_STR(s, "TypeError");
    kiln_free(iso, s);
    kiln_try_catch_reset(&tc);
    CHECK(!kiln_pointer_write(iso, bad[i], kiln_null(iso)) && kiln_try_catch_has_caught(&tc));
    kiln_try_catch_reset(&tc);
    CHECK(!kiln_pointer_free(iso, bad[i]) && kiln_try_catch_has_caught(&tc));
  }
  kiln_handle_scope s2;
  kiln_handle_scope_open(other, &s2);
  uintptr_t foreign = kiln_pointer_alloc(other, kiln_int32_new(other, 9));
  kiln_try_catch_reset(&tc);
  CHECK(kiln_pointer_read(iso, foreign) == NULL && kiln_try_catch_has_caught(&tc));
  CHECK(kiln_int32_value(kiln_pointer_read(other, foreign)) == 9);
  CHECK(kiln_pointer_free(other, foreign));
  kiln_handle_scope_close(&s2);
  /* a persistent's slot is not a pointer of the pointer API */
  kiln_persistent *pers = kiln_persistent_new(iso, kiln_int32_new(iso, 1));
  kiln_try_catch_reset(&tc);
  /* many allocations and frees keep the set consistent */
  uintptr_t many[500];
  for (int i = 0; i < 500; i++) many[i] = kiln_pointer_alloc(iso, kiln_int32_new(iso, i));
  for (int i = 0; i < 500; i += 2) CHECK(kiln_pointer_free(iso, many[i]));
  int wrong = 0;
  for (int i = 1; i < 500; i += 2) wrong += kiln_int32_value(kiln_pointer_read(iso, many[i])) != i;
  CHECK(wrong == 0 && !kiln_try_catch_has_caught(&tc));
  for (int i = 1; i < 500; i += 2) kiln_pointer_free(iso, many[i]);
  CHECK(kiln_pointer_free(iso, q));
  kiln_try_catch_close(&tc);
  kiln_persistent_free(pers);
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(other);
  kiln_isolate_free(iso);
}

/* ---- flags and embedder data -------------------------------------------------------------- */

static void test_flags_and_data(void) {
  kiln_isolate *iso = new_isolate();
  CHECK(kiln_set_flags_from_string(iso, "--trace-gc --no-trace-gc"));
  CHECK(!kiln_set_flags_from_string(iso, "--no-such-flag"));
  CHECK(!kiln_set_flags_from_string(iso, "--gc-interval=x"));
  kiln_isolate_params bad = {0, 0, "--bogus"};
  CHECK(kiln_isolate_new(&bad) == NULL);
  int d;
  CHECK(kiln_isolate_get_data(iso) == NULL);
  kiln_isolate_set_data(iso, &d);
  CHECK(kiln_isolate_get_data(iso) == &d);
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  CHECK(kiln_context_isolate(ctx) == iso);
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
  kiln_isolate_free(NULL);
  kiln_isolate_params good = {0, 0, " --stress-scavenge\t--no-stress-scavenge "};
  kiln_isolate *flagged = kiln_isolate_new(&good);
  CHECK(flagged != NULL);
  kiln_isolate_free(flagged);
  kiln_isolate *defaults = kiln_isolate_new(NULL);
  CHECK(defaults != NULL);
  kiln_isolate_free(defaults);
}

/* ---- the runner ----------------------------------------------------------------------------- */

#define TEST_LIST(V)                                                                           \
  V(version) V(eval) V(primitives) V(conversions) V(objects) V(function_call) V(scope_escape) \
  V(two_contexts) V(function_template) V(object_template) V(class) V(try_catch)              \
  V(message_callback) V(persistent) V(microtasks) V(heap_limit) V(stack_limit) V(terminate)  \
  V(terminate_in_callback) V(small_thread_stack) \
  V(threads) V(pointer) V(flags_and_data) V(modules)

/* kiln_set_module_loader: "main" (fetched synchronously) imports "dep" (fetched with a
 * promise) and "data" (a JSON module); kiln_import_module runs the graph. */
static kiln_value test_loader(kiln_context ctx, const char *referrer, const char *specifier,
                              const char *type, char **resolved_name, void *data) {
  int *calls = data;
  (*calls)++;
  *resolved_name = strdup(specifier);
  if (strcmp(specifier, "main") == 0 && (referrer == NULL || strcmp(referrer, "test.js") == 0))
    return kiln_string_new_utf8(kiln_context_isolate(ctx),
                                "import { v } from 'dep'; import d from 'data' with { type: 'json' };"
                                "globalThis.out = v + d.n; export const twice = out * 2;", -1);
  if (strcmp(specifier, "dep") == 0 && strcmp(referrer, "main") == 0)
    return kiln_eval(ctx, "Promise.resolve('export const v = 40;')", -1, "loader.js");
  if (strcmp(specifier, "data") == 0 && type && strcmp(type, "json") == 0)
    return kiln_string_new_utf8(kiln_context_isolate(ctx), "{\"n\": 2}", -1);
  return NULL;  /* a TypeError: no such module */
}

static void test_modules(void) {
  kiln_isolate *iso = new_isolate();
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  int calls = 0;
  kiln_set_module_loader(iso, test_loader, &calls);
  kiln_value p = kiln_import_module(ctx, "main");
  CHECK(p != NULL && kiln_is_object(p));
  kiln_run_microtasks(iso);
  CHECK_STR(eval_str(ctx, "String(out)"), "42");
  CHECK(calls == 3);
  p = kiln_import_module(ctx, "main");  /* the same module: not fetched again */
  kiln_run_microtasks(iso);
  CHECK(calls == 4);
  CHECK_STR(eval_str(ctx, "var r; import('main').then(ns => { r = ns.twice; }); 0"), "0");
  kiln_run_microtasks(iso);
  CHECK_STR(eval_str(ctx, "String(r)"), "84");
  CHECK_STR(eval_str(ctx, "var e; import('nothing').catch(x => { e = x.name; }); 0"), "0");
  kiln_run_microtasks(iso);
  CHECK_STR(eval_str(ctx, "e"), "TypeError");
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
}

int main(int argc, char **argv) {
  static const struct { const char *name; void (*fn)(void); } tests[] = {
#define V(name) {#name, test_##name},
      TEST_LIST(V)
#undef V
  };
  int passed = 0, failed = 0;
  setvbuf(stdout, NULL, _IOLBF, 0);
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
    if (argc > 1 && !strstr(tests[i].name, argv[1])) continue;
    g_failures = 0;
    printf("[ RUN  ] api.%s\n", tests[i].name);
    tests[i].fn();
    if (g_failures == 0) {
      passed++;
    } else {
      failed++;
      printf("FAIL api.%s\n", tests[i].name);
    }
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
