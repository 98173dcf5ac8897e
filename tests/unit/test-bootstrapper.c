/* test-bootstrapper.c: realms, function objects and their maps. */
#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "heap/factory.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "test.h"

static Handle key(Isolate *iso, const char *s) { return string_internalize_utf8(iso, s, strlen(s)); }

static Tagged intrinsic(Isolate *iso, int slot) { return context_get(iso->native_context, slot); }

/* The attributes of own property name of obj, or -1 when absent. */
static int own_attributes(Isolate *iso, Handle obj, const char *name) {
  LookupResult r;
  if (!property_lookup_own(iso, obj, key(iso, name), &r)) return -1;
  return (int)property_details_attributes(r.details);
}

static Handle Builtin_Answer(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(args);
  return handle_new(iso, smi_from_int(42));
}

TEST(bootstrapper, realm_has_object_and_function_prototypes) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  EXPECT(is_native_context(iso->native_context));
  Tagged object_proto = intrinsic(iso, NATIVE_CONTEXT_object_prototype);
  Tagged function_proto = intrinsic(iso, NATIVE_CONTEXT_function_prototype);
  EXPECT(is_js_object(object_proto));
  EXPECT(is_null(iso, js_object_get_prototype(object_proto)));
  EXPECT(is_js_function(function_proto));
  EXPECT_EQ(js_object_get_prototype(function_proto), object_proto);
  EXPECT(map_has_flag(heap_object_map(function_proto), MAP_IS_CALLABLE));
  EXPECT(!map_has_flag(heap_object_map(function_proto), MAP_IS_CONSTRUCTOR));
  EXPECT_EQ(js_function_native_context(function_proto), iso->native_context);
  /* {} and [] made through the root maps belong to the first realm. */
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle o = js_object_new(iso);
  Handle a = js_array_new(iso, PACKED_ELEMENTS, 3, 3);
  EXPECT_EQ(js_object_get_prototype(H(o)), object_proto);
  EXPECT_EQ(js_object_get_prototype(H(a)), intrinsic(iso, NATIVE_CONTEXT_array_prototype));
  EXPECT(is_js_array(intrinsic(iso, NATIVE_CONTEXT_array_prototype)));
  handle_scope_close(&scope);
}

TEST(bootstrapper, global_object_is_dictionary_with_global_this) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle global = handle_new(iso, intrinsic(iso, NATIVE_CONTEXT_global_object));
  EXPECT(map_is_dictionary(heap_object_map(H(global))));
  EXPECT_EQ(js_object_get_prototype(H(global)), intrinsic(iso, NATIVE_CONTEXT_object_prototype));
  EXPECT_EQ(H(js_object_get_property(iso, global, key(iso, "globalThis"))), H(global));
  EXPECT_EQ(own_attributes(iso, global, "globalThis"), DONT_ENUM);
  EXPECT(is_context(intrinsic(iso, NATIVE_CONTEXT_script_context)));
  EXPECT(is_name_dictionary(intrinsic(iso, NATIVE_CONTEXT_script_scope_names)));
  handle_scope_close(&scope);
}

TEST(bootstrapper, second_realm_has_its_own_intrinsics) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle other = bootstrapper_create_realm(iso);
  EXPECT(!handle_is_null(other));
  EXPECT(H(other) != iso->native_context);
  Tagged p1 = intrinsic(iso, NATIVE_CONTEXT_object_prototype);
  Tagged p2 = context_get(H(other), NATIVE_CONTEXT_object_prototype);
  EXPECT(p1 != p2);
  EXPECT_EQ(map_prototype(context_get(H(other), NATIVE_CONTEXT_object_map)), p2);
  EXPECT_EQ(map_prototype(context_get(H(other), NATIVE_CONTEXT_sloppy_function_map)),
            context_get(H(other), NATIVE_CONTEXT_function_prototype));
  handle_scope_close(&scope);
}

TEST(js_function, builtin_has_length_and_name_shared_map) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle nc = handle_new(iso, iso->native_context);
  Handle f = js_function_new_builtin_named(iso, nc, "answer", 2, Builtin_Answer, false);
  Handle g = js_function_new_builtin_named(iso, nc, "other", 0, Builtin_Answer, false);
  EXPECT(!handle_is_null(f) && !handle_is_null(g));
  EXPECT_EQ(heap_object_map(H(f)), heap_object_map(H(g)));
  EXPECT_EQ(H(js_object_get_property(iso, f, key(iso, "length"))), smi_from_int(2));
  EXPECT(string_equals_ascii(H(js_object_get_property(iso, f, key(iso, "name"))), "answer"));
  EXPECT_EQ(own_attributes(iso, f, "length"), READ_ONLY | DONT_ENUM);
  EXPECT_EQ(own_attributes(iso, f, "name"), READ_ONLY | DONT_ENUM);
  EXPECT_EQ(own_attributes(iso, f, "prototype"), -1);
  EXPECT(js_function_builtin(H(f)) == Builtin_Answer);
  EXPECT_EQ(js_object_get_prototype(H(f)), intrinsic(iso, NATIVE_CONTEXT_function_prototype));
  /* SetFunctionName with a prefix; the map stays shared with g (same attributes). */
  EXPECT(js_function_set_name(iso, f, key(iso, "x"), "get"));
  EXPECT(string_equals_ascii(H(js_object_get_property(iso, f, key(iso, "name"))), "get x"));
  EXPECT_EQ(heap_object_map(H(f)), heap_object_map(H(g)));
  Handle sym = symbol_new(iso, key(iso, "desc"), false);
  EXPECT(js_function_set_name(iso, g, sym, NULL));
  EXPECT(string_equals_ascii(H(js_object_get_property(iso, g, key(iso, "name"))), "[desc]"));
  EXPECT(js_function_set_length(iso, g, 7));
  EXPECT_EQ(H(js_object_get_property(iso, g, key(iso, "length"))), smi_from_int(7));
  handle_scope_close(&scope);
}

TEST(js_function, builtin_constructor_has_readonly_prototype) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle nc = handle_new(iso, iso->native_context);
  Handle f = js_function_new_builtin_named(iso, nc, "Thing", 1, Builtin_Answer, true);
  EXPECT(map_has_flag(heap_object_map(H(f)), MAP_IS_CONSTRUCTOR));
  Handle proto = js_object_new(iso);
  EXPECT(js_function_set_prototype_property(iso, f, proto));
  EXPECT_EQ(H(js_object_get_property(iso, f, key(iso, "prototype"))), H(proto));
  EXPECT_EQ(own_attributes(iso, f, "prototype"), READ_ONLY | DONT_ENUM | DONT_DELETE);
  /* The initial map follows the prototype and is cached while it stays. */
  Handle m1 = js_function_initial_map(iso, f, proto);
  Handle m2 = js_function_initial_map(iso, f, proto);
  EXPECT_EQ(H(m1), H(m2));
  EXPECT_EQ(map_prototype(H(m1)), H(proto));
  Handle other = js_object_new(iso);
  Handle m3 = js_function_initial_map(iso, f, other);
  EXPECT(H(m3) != H(m1) && map_prototype(H(m3)) == H(other));
  handle_scope_close(&scope);
}

TEST(js_function, closure_gets_realm_map_and_prototype_object) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle nc = handle_new(iso, iso->native_context);
  /* A builtin SFI stands in for a compiled one: the map depends only on the flags. */
  Handle sfi = js_function_new_builtin_sfi(iso, key(iso, "f"), 1, Builtin_Answer,
                                           ROOT_HANDLE(iso, undefined_value));
  sfi_set_flags(H(sfi), 0); /* sloppy, FUNCTION_KIND_NORMAL */
  Handle f = js_function_new_closure(iso, sfi, nc);
  EXPECT_EQ(heap_object_map(H(f)), intrinsic(iso, NATIVE_CONTEXT_sloppy_function_map));
  Handle proto = js_object_get_property(iso, f, key(iso, "prototype"));
  EXPECT(is_js_object(H(proto)));
  EXPECT_EQ(H(js_object_get_property(iso, proto, key(iso, "constructor"))), H(f));
  EXPECT_EQ(own_attributes(iso, proto, "constructor"), DONT_ENUM);
  EXPECT_EQ(own_attributes(iso, f, "prototype"), DONT_ENUM | DONT_DELETE);
  sfi_set_flags(H(sfi), 1 | (FUNCTION_KIND_ARROW << 24)); /* a strict arrow */
  Handle arrow = js_function_new_closure(iso, sfi, nc);
  EXPECT_EQ(heap_object_map(H(arrow)), intrinsic(iso, NATIVE_CONTEXT_method_map));
  EXPECT(!map_has_flag(heap_object_map(H(arrow)), MAP_IS_CONSTRUCTOR));
  EXPECT_EQ(own_attributes(iso, arrow, "prototype"), -1);
  sfi_set_flags(H(sfi), 1 | (FUNCTION_KIND_CLASS_CONSTRUCTOR << 24));
  Handle cls = js_function_new_closure(iso, sfi, nc);
  EXPECT_EQ(heap_object_map(H(cls)), intrinsic(iso, NATIVE_CONTEXT_class_constructor_map));
  EXPECT(js_function_is_class_constructor(H(cls)));
  EXPECT_EQ(own_attributes(iso, cls, "prototype"), READ_ONLY | DONT_ENUM | DONT_DELETE);
  handle_scope_close(&scope);
}

TEST(js_function, bound_function_follows_target_constructor_bit) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle nc = handle_new(iso, iso->native_context);
  Handle f = js_function_new_builtin_named(iso, nc, "f", 0, Builtin_Answer, false);
  Handle c = js_function_new_builtin_named(iso, nc, "C", 0, Builtin_Answer, true);
  Handle fp = handle_new(iso, intrinsic(iso, NATIVE_CONTEXT_function_prototype));
  Handle args[2] = {handle_new(iso, smi_from_int(1)), handle_new(iso, smi_from_int(2))};
  Handle bf = js_bound_function_new(iso, f, fp, ROOT_HANDLE(iso, null_value), 2, args);
  Handle bc = js_bound_function_new(iso, c, fp, ROOT_HANDLE(iso, null_value), 0, NULL);
  EXPECT(is_js_bound_function(H(bf)));
  EXPECT(map_has_flag(heap_object_map(H(bf)), MAP_IS_CALLABLE));
  EXPECT(!map_has_flag(heap_object_map(H(bf)), MAP_IS_CONSTRUCTOR));
  EXPECT(map_has_flag(heap_object_map(H(bc)), MAP_IS_CONSTRUCTOR));
  EXPECT_EQ(js_bound_function_target(H(bf)), H(f));
  EXPECT_EQ(fixed_array_length(js_bound_function_bound_arguments(H(bf))), 2);
  EXPECT_EQ(fixed_array_get(js_bound_function_bound_arguments(H(bf)), 1), smi_from_int(2));
  /* A different prototype gets a map of its own. */
  Handle op = handle_new(iso, intrinsic(iso, NATIVE_CONTEXT_object_prototype));
  Handle bo = js_bound_function_new(iso, f, op, ROOT_HANDLE(iso, null_value), 0, NULL);
  EXPECT_EQ(js_object_get_prototype(H(bo)), H(op));
  handle_scope_close(&scope);
}

TEST(bootstrapper, error_maps_have_realm_prototypes) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  Tagged maps = intrinsic(iso, NATIVE_CONTEXT_error_maps);
  EXPECT_EQ(fixed_array_length(maps), kErrorKindCount);
  Tagged error_proto = intrinsic(iso, NATIVE_CONTEXT_error_prototype);
  EXPECT_EQ(map_prototype(fixed_array_get(maps, kError_ERROR)), error_proto);
  Tagged type_proto = map_prototype(fixed_array_get(maps, kError_TYPE_ERROR));
  EXPECT_EQ(js_object_get_prototype(type_proto), error_proto);
  EXPECT_EQ(map_instance_type(fixed_array_get(maps, kError_TYPE_ERROR)), JS_ERROR_TYPE);
}

TEST(bootstrapper, engine_errors_belong_to_the_current_realm) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  isolate_throw_error(iso, kError_RANGE_ERROR, "boom %d", 1);
  Tagged e = iso->pending_exception;
  isolate_clear_pending_exception(iso);
  EXPECT(heap_object_type(e) == JS_ERROR_TYPE);
  EXPECT_EQ(js_error_kind(e), kError_RANGE_ERROR);
  Tagged proto = js_object_get_prototype(e);
  EXPECT_EQ(js_object_get_prototype(proto), intrinsic(iso, NATIVE_CONTEXT_error_prototype));
}
