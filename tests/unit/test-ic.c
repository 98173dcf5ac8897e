/*
 * test-ic.c: the property inline caches: monomorphic -> polymorphic -> megamorphic,
 * prototype loads that see the prototype change, transitioning stores, and that
 * read-only properties are never cached as writable.
 */
#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "ic/ic.h"
#include "interpreter/bytecode-array-builder.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/shared-function-info.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "test.h"

static Handle ic_function(Isolate *iso, BytecodeArrayBuilder *b, int params, bool strict) {
  Handle bytecode = bab_finish(b, 1, params + 1);
  bab_dispose(b);
  Handle sfi = shared_function_info_new(iso, ROOT_HANDLE(iso, empty_string));
  sfi_set_function_data(H(sfi), H(bytecode));
  sfi_set_formal_parameter_count(H(sfi), params);
  sfi_set_is_strict(H(sfi), strict);
  return js_function_new_closure(iso, sfi, handle_new(iso, iso->native_context));
}

/* get(o) { return o.<name> } */
static Handle make_getter(Isolate *iso, const char *name) {
  BytecodeArrayBuilder b;
  if (!bab_init(&b, iso)) return HANDLE_NULL;
  int k = bab_constant_cstring(&b, name), s = bab_feedback_slot(&b);
  BAB_EMIT(&b, GetNamedProperty, -2, k, s);
  BAB_EMIT(&b, Return);
  return ic_function(iso, &b, 1, false);
}

/* set(o, v) { o.<name> = v } (strict) */
static Handle make_setter(Isolate *iso, const char *name) {
  BytecodeArrayBuilder b;
  if (!bab_init(&b, iso)) return HANDLE_NULL;
  int k = bab_constant_cstring(&b, name), s = bab_feedback_slot(&b);
  BAB_EMIT(&b, Ldar, -3);
  BAB_EMIT(&b, SetNamedProperty, -2, k, s);
  BAB_EMIT(&b, Return);
  return ic_function(iso, &b, 2, true);
}

static Handle key(Isolate *iso, const char *name) {
  return string_internalize_utf8(iso, name, strlen(name));
}

static Handle call1(Isolate *iso, Handle fn, Handle a) {
  return execution_call(iso, fn, ROOT_HANDLE(iso, undefined_value), 1, &a);
}

static Handle call2(Isolate *iso, Handle fn, Handle a, Handle b) {
  Handle argv[2] = {a, b};
  return execution_call(iso, fn, ROOT_HANDLE(iso, undefined_value), 2, argv);
}

static Tagged slot0(Handle fn) { return fixed_array_get(js_function_feedback_vector(H(fn)), 0); }

/* An object {<extra>: 0, x: value}: a different map per extra name. */
static Handle object_with(Isolate *iso, const char *extra, int value) {
  Handle o = js_object_new(iso);
  if (extra) js_object_set_property(iso, o, key(iso, extra), handle_new(iso, smi_from_int(0)));
  js_object_set_property(iso, o, key(iso, "x"), handle_new(iso, smi_from_int(value)));
  return o;
}

TEST(ic, load_goes_monomorphic_polymorphic_megamorphic) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle get = make_getter(iso, "x");
  static const char *const kExtras[] = {NULL, "a", "b", "c", "d", "e"};
  for (int i = 0; i < 6; i++) {
    Handle o = object_with(iso, kExtras[i], 10 + i);
    for (int round = 0; round < 2; round++) { /* miss, then hit */
      Handle r = call1(iso, get, o);
      EXPECT(!handle_is_null(r) && smi_value(H(r)) == 10 + i);
    }
    Tagged state = slot0(get);
    if (i == 0) EXPECT(is_map(state));
    if (i >= 1 && i <= 3) EXPECT(is_fixed_array(state) && fixed_array_length(state) == 2 * (i + 1));
    if (i >= 4) EXPECT(state == kFeedbackMegamorphic);
  }
  /* Megamorphic sites still answer correctly. */
  Handle r = call1(iso, get, object_with(iso, "a", 99));
  EXPECT(smi_value(H(r)) == 99);
  handle_scope_close(&scope);
}

TEST(ic, prototype_loads_see_prototype_changes) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle proto = js_object_new(iso);
  EXPECT(js_object_set_property(iso, proto, key(iso, "m"), handle_new(iso, smi_from_int(1))));
  Handle obj = js_object_new(iso);
  EXPECT(js_object_set_prototype(iso, obj, proto));
  Handle get = make_getter(iso, "m");
  Handle r = call1(iso, get, obj);
  EXPECT(smi_value(H(r)) == 1);
  EXPECT(is_map(slot0(get)));
  EXPECT(smi_value(H(call1(iso, get, obj))) == 1); /* a prototype hit */
  /* The prototype's value changes in place: the hit reads it. */
  EXPECT(js_object_set_property(iso, proto, key(iso, "m"), handle_new(iso, smi_from_int(2))));
  EXPECT(smi_value(H(call1(iso, get, obj))) == 2);
  /* The prototype changes shape (m deleted): the handler no longer applies. */
  EXPECT(js_object_delete_property(iso, proto, key(iso, "m")));
  r = call1(iso, get, obj);
  EXPECT(!handle_is_null(r) && is_undefined(iso, H(r)));
  /* An own property shadows: the receiver's map changes, so no stale hit. */
  EXPECT(js_object_set_property(iso, proto, key(iso, "m"), handle_new(iso, smi_from_int(3))));
  EXPECT(smi_value(H(call1(iso, get, obj))) == 3);
  EXPECT(js_object_set_property(iso, obj, key(iso, "m"), handle_new(iso, smi_from_int(4))));
  EXPECT(smi_value(H(call1(iso, get, obj))) == 4);
  handle_scope_close(&scope);
}

TEST(ic, stores_cache_fields_and_transitions) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle set = make_setter(iso, "y");
  Handle first = js_object_new(iso);
  EXPECT(!handle_is_null(call2(iso, set, first, handle_new(iso, smi_from_int(1)))));
  EXPECT(is_map(slot0(set))); /* the transition {} -> {y} was learned */
  int n = test_scale(50);
  for (int i = 0; i < n; i++) {
    Handle o = js_object_new(iso);
    EXPECT(!handle_is_null(call2(iso, set, o, handle_new(iso, smi_from_int(i)))));
    EXPECT(heap_object_map(H(o)) == heap_object_map(H(first)));
    Handle v = js_object_get_property(iso, o, key(iso, "y"));
    EXPECT(smi_value(H(v)) == i);
    /* A store to the now existing field (a second handler, same site). */
    EXPECT(!handle_is_null(call2(iso, set, o, handle_new(iso, smi_from_int(i + 1)))));
    v = js_object_get_property(iso, o, key(iso, "y"));
    EXPECT(smi_value(H(v)) == i + 1);
  }
  handle_scope_close(&scope);
}

TEST(ic, read_only_properties_are_not_cached_as_writable) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle set = make_setter(iso, "z");
  Handle o = js_object_new(iso);
  EXPECT(js_object_define_own_property(iso, o, key(iso, "z"), handle_new(iso, smi_from_int(1)),
                                       READ_ONLY));
  for (int round = 0; round < 3; round++) {
    Handle r = call2(iso, set, o, handle_new(iso, smi_from_int(2)));
    EXPECT(handle_is_null(r));
    EXPECT(js_error_kind(iso->pending_exception) == kError_TYPE_ERROR);
    isolate_clear_pending_exception(iso);
  }
  Handle v = js_object_get_property(iso, o, key(iso, "z"));
  EXPECT(smi_value(H(v)) == 1);
  handle_scope_close(&scope);
}
