/* test-objects.c: maps, transitions, slack tracking, dictionary mode, named properties. */
#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "test.h"

static Handle name(Isolate *iso, const char *s) {
  return string_internalize_utf8(iso, s, strlen(s));
}

static Handle smi(Isolate *iso, int v) { return handle_new(iso, smi_from_int(v)); }

/* obj.<key> = value, expecting success. */
static bool set(Isolate *iso, Handle obj, const char *key, int value) {
  return js_object_set_property(iso, obj, name(iso, key), smi(iso, value));
}

static Tagged get(Isolate *iso, Handle obj, const char *key) {
  return H(js_object_get_property(iso, obj, name(iso, key)));
}

TEST(objects, same_shape_shares_map_and_back_pointers_lead_to_root) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = js_object_new(iso), b = js_object_new(iso), c = js_object_new(iso);
  EXPECT(set(iso, a, "x", 1) && set(iso, a, "y", 2));
  EXPECT(set(iso, b, "x", 3) && set(iso, b, "y", 4));
  EXPECT(set(iso, c, "y", 5) && set(iso, c, "x", 6));
  EXPECT_EQ(heap_object_map(H(a)), heap_object_map(H(b)));
  EXPECT(heap_object_map(H(a)) != heap_object_map(H(c)));
  EXPECT_EQ(get(iso, b, "x"), smi_from_int(3));
  EXPECT_EQ(get(iso, c, "x"), smi_from_int(6));
  Tagged m = heap_object_map(H(a));
  EXPECT_EQ(map_own_descriptors(m), 2);
  Tagged back = map_back_pointer(m);
  EXPECT(is_map(back) && map_own_descriptors(back) == 1);
  EXPECT_EQ(map_back_pointer(back), ROOT(iso, initial_object_map));
  EXPECT_EQ(map_find_root(iso, heap_object_map(H(c))), ROOT(iso, initial_object_map));
  EXPECT_EQ(map_transition_count(iso, ROOT(iso, initial_object_map)), 2); /* "x" and "y" */
  handle_scope_close(&scope);
}

TEST(objects, fifth_property_goes_to_backing_store) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle o = js_object_new(iso);
  const char *keys[] = {"p0", "p1", "p2", "p3", "p4", "p5"};
  for (int i = 0; i < 6; i++) EXPECT(set(iso, o, keys[i], 100 + i));
  Tagged map = heap_object_map(H(o));
  EXPECT_EQ(map_inobject_properties(map), 4);
  EXPECT_EQ(map_number_of_fields(map), 6);
  EXPECT(heap_object_type(js_object_properties(H(o))) == PROPERTY_ARRAY_TYPE);
  EXPECT(fixed_array_length(js_object_properties(H(o))) >= 2);
  LookupResult r;
  EXPECT(property_lookup(iso, o, name(iso, "p0"), &r));
  EXPECT(r.state == LOOKUP_IN_OBJECT && r.offset == JSObject_kHeaderSize);
  EXPECT(property_lookup(iso, o, name(iso, "p5"), &r));
  EXPECT(r.state == LOOKUP_BACKING_STORE && r.index == 1);
  EXPECT_EQ(H(r.holder_map), map);
  for (int i = 0; i < 6; i++) EXPECT_EQ(get(iso, o, keys[i]), smi_from_int(100 + i));
  handle_scope_close(&scope);
}

TEST(objects, slack_tracking_shrinks_maps_and_old_objects_stay_valid) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Tagged root = ROOT(iso, initial_object_map);
  size_t big = map_instance_size(root);
  Handle early[kSlackTrackingCounterStart];
  for (int i = 0; i < kSlackTrackingCounterStart; i++) {
    EXPECT(map_is_slack_tracking(ROOT(iso, initial_object_map)));
    early[i] = js_object_new(iso);
    EXPECT(set(iso, early[i], "a", i) && set(iso, early[i], "b", i * 10));
  }
  root = ROOT(iso, initial_object_map);
  EXPECT(!map_is_slack_tracking(root));
  EXPECT_EQ(map_inobject_properties(root), 2);
  EXPECT_EQ(map_instance_size(root), big - 2 * kTaggedSize);
  EXPECT_EQ(map_instance_size(heap_object_map(H(early[0]))), big - 2 * kTaggedSize);
  /* A later object is smaller; its third property goes out of object. */
  Handle late = js_object_new(iso);
  EXPECT(set(iso, late, "a", 1) && set(iso, late, "b", 2) && set(iso, late, "c", 3));
  LookupResult r;
  EXPECT(property_lookup(iso, late, name(iso, "c"), &r) && r.state == LOOKUP_BACKING_STORE);
  EXPECT(set(iso, early[0], "c", 77)); /* an early object grows the same way */
  heap_collect_young(&iso->heap);
  heap_collect_full(&iso->heap);
  heap_collect_young(&iso->heap);
  for (int i = 0; i < kSlackTrackingCounterStart; i++) {
    EXPECT_EQ(get(iso, early[i], "a"), smi_from_int(i));
    EXPECT_EQ(get(iso, early[i], "b"), smi_from_int(i * 10));
  }
  EXPECT_EQ(get(iso, early[0], "c"), smi_from_int(77));
  EXPECT_EQ(get(iso, late, "c"), smi_from_int(3));
  handle_scope_close(&scope);
}

TEST(objects, delete_last_goes_back_delete_other_goes_to_dictionary) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle ab = js_object_new(iso), o = js_object_new(iso);
  EXPECT(set(iso, ab, "a", 1) && set(iso, ab, "b", 2));
  EXPECT(set(iso, o, "a", 1) && set(iso, o, "b", 2) && set(iso, o, "c", 3));
  EXPECT(js_object_delete_property(iso, o, name(iso, "c")));
  EXPECT_EQ(heap_object_map(H(o)), heap_object_map(H(ab)));
  EXPECT(is_undefined(iso, get(iso, o, "c")));
  EXPECT(set(iso, o, "c", 3) && set(iso, o, "d", 4));
  EXPECT(js_object_delete_property(iso, o, name(iso, "b")));
  EXPECT(map_is_dictionary(heap_object_map(H(o))));
  EXPECT(is_name_dictionary(js_object_properties(H(o))));
  EXPECT(is_undefined(iso, get(iso, o, "b")));
  EXPECT_EQ(get(iso, o, "a"), smi_from_int(1));
  EXPECT_EQ(get(iso, o, "d"), smi_from_int(4));
  EXPECT(set(iso, o, "b", 20) && set(iso, o, "a", 10));
  Handle keys = js_object_own_property_keys(iso, o);
  const char *want[] = {"a", "c", "d", "b"};
  EXPECT_EQ(fixed_array_length(H(keys)), 4);
  for (int i = 0; i < 4; i++) EXPECT(string_equals_ascii(fixed_array_get(H(keys), i), want[i]));
  EXPECT_EQ(get(iso, o, "a"), smi_from_int(10));
  /* The dictionary map keeps prototype, type and elements kind. */
  EXPECT_EQ(map_elements_kind(heap_object_map(H(o))), map_elements_kind(heap_object_map(H(ab))));
  handle_scope_close(&scope);
}

TEST(objects, many_properties_go_to_dictionary_in_order) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle o = js_object_new(iso);
  enum { kCount = kMaxFastProperties + 72 };
  char key[16];
  for (int i = 0; i < kCount; i++) {
    snprintf(key, sizeof key, "k%d", i);
    EXPECT(set(iso, o, key, i));
    if (i < kMaxFastProperties) EXPECT(!map_is_dictionary(heap_object_map(H(o))));
  }
  EXPECT(map_is_dictionary(heap_object_map(H(o))));
  EXPECT_EQ(dictionary_count(js_object_properties(H(o))), kCount);
  heap_collect_full(&iso->heap);
  Handle keys = js_object_own_property_keys(iso, o);
  EXPECT_EQ(fixed_array_length(H(keys)), kCount);
  for (int i = 0; i < kCount; i++) {
    snprintf(key, sizeof key, "k%d", i);
    EXPECT(string_equals_ascii(fixed_array_get(H(keys), i), key));
    EXPECT_EQ(get(iso, o, key), smi_from_int(i));
  }
  LookupResult r;
  EXPECT(property_lookup(iso, o, name(iso, "k7"), &r) && r.state == LOOKUP_DICTIONARY);
  handle_scope_close(&scope);
}

TEST(objects, read_only_and_dont_delete_are_respected) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle o = js_object_new(iso);
  Handle ro = name(iso, "ro"), fixed = name(iso, "fixed");
  EXPECT(js_object_define_own_property(iso, o, ro, smi(iso, 1), READ_ONLY));
  EXPECT(js_object_define_own_property(iso, o, fixed, smi(iso, 2), DONT_DELETE));
  EXPECT(!js_object_set_property(iso, o, ro, smi(iso, 9)));
  EXPECT(!isolate_has_pending_exception(iso));
  EXPECT_EQ(get(iso, o, "ro"), smi_from_int(1));
  EXPECT(js_object_set_property(iso, o, fixed, smi(iso, 3)));
  EXPECT_EQ(get(iso, o, "fixed"), smi_from_int(3));
  EXPECT(!js_object_delete_property(iso, o, fixed));
  EXPECT_EQ(get(iso, o, "fixed"), smi_from_int(3));
  EXPECT(!js_object_define_own_property(iso, o, fixed, smi(iso, 3), READ_ONLY | DONT_DELETE));
  EXPECT(js_object_delete_property(iso, o, ro)); /* read-only but configurable */
  EXPECT(is_undefined(iso, get(iso, o, "ro")));
  /* Redefining attributes of a configurable property works (dictionary mode). */
  EXPECT(set(iso, o, "w", 5));
  EXPECT(js_object_define_own_property(iso, o, name(iso, "w"), smi(iso, 6), READ_ONLY));
  EXPECT(!set(iso, o, "w", 7));
  EXPECT_EQ(get(iso, o, "w"), smi_from_int(6));
  EXPECT(!js_object_delete_property(iso, o, fixed));
  /* An inherited read-only property blocks creating an own one. */
  Handle child = js_object_new(iso), proto = js_object_new(iso);
  EXPECT(js_object_define_own_property(iso, proto, ro, smi(iso, 1), READ_ONLY));
  EXPECT(js_object_set_prototype(iso, child, proto));
  EXPECT(!js_object_set_property(iso, child, ro, smi(iso, 2)));
  EXPECT(js_object_define_own_property(iso, child, ro, smi(iso, 2), 0));
  EXPECT_EQ(get(iso, child, "ro"), smi_from_int(2));
  handle_scope_close(&scope);
}

TEST(objects, own_keys_are_indexes_then_strings_then_symbols) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle o = js_object_new(iso);
  Handle sym1 = symbol_new(iso, ROOT_HANDLE(iso, undefined_value), false);
  Handle sym2 = symbol_new(iso, ROOT_HANDLE(iso, undefined_value), false);
  EXPECT(js_object_set_property(iso, o, sym2, smi(iso, 0)));
  EXPECT(set(iso, o, "b", 1) && set(iso, o, "10", 2));
  EXPECT(js_object_set_property(iso, o, sym1, smi(iso, 3)));
  EXPECT(set(iso, o, "a", 4) && set(iso, o, "2", 5) && set(iso, o, "0", 6));
  for (int pass = 0; pass < 2; pass++) {
    Handle keys = js_object_own_property_keys(iso, o);
    EXPECT_EQ(fixed_array_length(H(keys)), 7);
    const char *want[] = {"0", "2", "10", "b", "a"};
    for (int i = 0; i < 5; i++) EXPECT(string_equals_ascii(fixed_array_get(H(keys), i), want[i]));
    EXPECT_EQ(fixed_array_get(H(keys), 5), H(sym2));
    EXPECT_EQ(fixed_array_get(H(keys), 6), H(sym1));
    EXPECT_EQ(H(js_object_get_property(iso, o, sym1)), smi_from_int(3));
    EXPECT(js_object_normalize_properties(iso, o)); /* same order in dictionary mode */
  }
  Handle arr = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  EXPECT(js_array_push(iso, arr, smi(iso, 1)) && set(iso, arr, "x", 1));
  Handle keys = js_object_own_property_keys(iso, arr);
  EXPECT_EQ(fixed_array_length(H(keys)), 3);
  EXPECT(string_equals_ascii(fixed_array_get(H(keys), 0), "0"));
  EXPECT(string_equals_ascii(fixed_array_get(H(keys), 1), "length"));
  EXPECT(string_equals_ascii(fixed_array_get(H(keys), 2), "x"));
  handle_scope_close(&scope);
}

TEST(objects, prototype_chain_lookup_and_cycles) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle proto = js_object_new(iso), o = js_object_new(iso), other = js_object_new(iso);
  EXPECT(set(iso, proto, "inherited", 42));
  Tagged before = heap_object_map(H(o));
  EXPECT(js_object_set_prototype(iso, o, proto));
  EXPECT(heap_object_map(H(o)) != before);
  EXPECT_EQ(js_object_get_prototype(H(o)), H(proto));
  EXPECT_EQ(js_object_get_prototype(H(other)), ROOT(iso, null_value));
  LookupResult r;
  EXPECT(property_lookup(iso, o, name(iso, "inherited"), &r));
  EXPECT_EQ(H(r.holder), H(proto));
  EXPECT(!property_lookup_own(iso, o, name(iso, "inherited"), &r));
  EXPECT_EQ(get(iso, o, "inherited"), smi_from_int(42));
  EXPECT(set(iso, o, "inherited", 7)); /* shadows */
  EXPECT_EQ(get(iso, o, "inherited"), smi_from_int(7));
  EXPECT_EQ(get(iso, proto, "inherited"), smi_from_int(42));
  EXPECT(!js_object_set_prototype(iso, proto, o)); /* cycle */
  EXPECT(js_object_prevent_extensions(iso, other));
  EXPECT(!set(iso, other, "new", 1));
  EXPECT(!js_object_set_prototype(iso, other, proto));
  EXPECT(is_undefined(iso, get(iso, other, "new")));
  handle_scope_close(&scope);
}

TEST(objects, accessor_properties_are_descriptor_constants) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle o = js_object_new(iso);
  Handle pair = factory_new_accessor_pair(iso, ROOT_HANDLE(iso, null_value),
                                          ROOT_HANDLE(iso, null_value));
  EXPECT(js_object_define_accessor(iso, o, name(iso, "acc"), pair, 0));
  EXPECT(set(iso, o, "data", 1));
  LookupResult r;
  EXPECT(property_lookup(iso, o, name(iso, "acc"), &r));
  EXPECT(r.state == LOOKUP_DESCRIPTOR && property_details_kind(r.details) == PROPERTY_ACCESSOR);
  EXPECT_EQ(get(iso, o, "acc"), H(pair));
  EXPECT(!set(iso, o, "acc", 5)); /* the interpreter calls the setter */
  EXPECT(property_lookup(iso, o, name(iso, "data"), &r) && r.state == LOOKUP_IN_OBJECT);
  EXPECT(r.offset == JSObject_kHeaderSize); /* accessors take no field */
  handle_scope_close(&scope);
}

TEST(objects, graph_of_objects_and_arrays_survives_gc) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle next = name(iso, "next"), value = name(iso, "value"), items = name(iso, "items");
  Handle head = ROOT_HANDLE(iso, null_value);
  const int kNodes = test_scale(10000);
  for (int i = 0; i < kNodes; i++) {
    HandleScope inner;
    handle_scope_open_escapable(iso, &inner);
    Handle node = js_object_new(iso);
    Handle arr = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
    EXPECT(!handle_is_null(node) && !handle_is_null(arr));
    EXPECT(js_array_push(iso, arr, smi(iso, i)) && js_array_push(iso, arr, smi(iso, -i)));
    EXPECT(js_object_set_property(iso, node, value, smi(iso, i)));
    EXPECT(js_object_set_property(iso, node, items, arr));
    EXPECT(js_object_set_property(iso, node, next, head));
    head = handle_scope_escape(&inner, node);
    handle_scope_close(&inner);
  }
  heap_collect_young(&iso->heap);
  heap_collect_full(&iso->heap);
  heap_collect_young(&iso->heap);
  int expected = kNodes - 1, seen = 0;
  HandleScope walk;
  handle_scope_open(iso, &walk);
  for (Tagged n = H(head); !is_null(iso, n); n = H(js_object_get_property(iso, handle_new(iso, n), next))) {
    Handle node = handle_new(iso, n);
    EXPECT_EQ(H(js_object_get_property(iso, node, value)), smi_from_int(expected));
    Handle arr = js_object_get_property(iso, node, items);
    EXPECT(is_js_array(H(arr)) && js_array_length_value(H(arr)) == 2);
    EXPECT_EQ(H(js_object_get_element(iso, arr, 1)), smi_from_int(-expected));
    expected--;
    seen++;
  }
  handle_scope_close(&walk);
  EXPECT_EQ(seen, kNodes);
  handle_scope_close(&scope);
}

TEST(objects, throw_error_makes_an_error_object) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  isolate_throw_error(iso, kError_TYPE_ERROR, "%s is not a function (%d)", "f", 3);
  EXPECT(isolate_has_pending_exception(iso));
  Handle error = handle_new(iso, iso->pending_exception);
  isolate_clear_pending_exception(iso);
  EXPECT(heap_object_type(H(error)) == JS_ERROR_TYPE);
  EXPECT(js_error_kind(H(error)) == kError_TYPE_ERROR);
  Handle message = js_object_get_property(iso, error, ROOT_HANDLE(iso, message_string));
  EXPECT(string_equals_ascii(H(message), "f is not a function (3)"));
  Tagged oom = ROOT(iso, out_of_memory_error);
  EXPECT(heap_object_type(oom) == JS_ERROR_TYPE && js_error_kind(oom) == kError_RANGE_ERROR);
  Handle oom_message = js_object_get_property(iso, ROOT_HANDLE(iso, out_of_memory_error),
                                              ROOT_HANDLE(iso, message_string));
  EXPECT_EQ(H(oom_message), ROOT(iso, out_of_memory_string));
  /* message is not enumerable; the kind survives dictionary mode. */
  LookupResult r;
  EXPECT(property_lookup_own(iso, error, ROOT_HANDLE(iso, message_string), &r));
  EXPECT(property_details_attributes(r.details) == DONT_ENUM);
  EXPECT(js_object_normalize_properties(iso, error));
  EXPECT(js_error_kind(H(error)) == kError_TYPE_ERROR);
  EXPECT(string_equals_ascii(H(js_object_get_property(iso, error, ROOT_HANDLE(iso, message_string))),
                             "f is not a function (3)"));
  handle_scope_close(&scope);
}

/* Fills the heap through a growing JS array until an operation fails. */
static bool fill_until_oom(Isolate *iso) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle outer = js_array_new(iso, PACKED_ELEMENTS, 0, 0);
  bool failed = false;
  for (int i = 0; i < 100000 && !failed; i++) {
    HandleScope inner;
    handle_scope_open(iso, &inner);
    Handle chunk = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 65536); /* 512 KiB */
    Handle obj = handle_is_null(chunk) ? chunk : js_object_new(iso);
    failed = handle_is_null(obj) || !js_object_set_element(iso, chunk, 0, obj) ||
             !js_array_push(iso, outer, chunk);
    handle_scope_close(&inner);
  }
  handle_scope_close(&scope);
  return failed;
}

TEST(objects, out_of_memory_is_an_exception_and_the_isolate_recovers) {
  Flags flags = *test_flags();
  flags.heap_limit_mb = 16;
  Isolate *iso = isolate_new(&flags);
  EXPECT(iso != NULL);
  bool failed = fill_until_oom(iso);
  bool was_oom = iso->pending_exception == ROOT(iso, out_of_memory_error);
  isolate_clear_pending_exception(iso);
  heap_collect_full(&iso->heap);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle o = js_object_new(iso);
  Handle arr = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  bool works = !handle_is_null(o) && !handle_is_null(arr) && set(iso, o, "after", 5) &&
               js_array_push(iso, arr, o) && get(iso, o, "after") == smi_from_int(5) &&
               H(js_object_get_element(iso, arr, 0)) == H(o);
  handle_scope_close(&scope);
  size_t old_gen = heap_old_generation_size(&iso->heap);
  isolate_free(iso);
  EXPECT(failed);
  EXPECT(was_oom);
  EXPECT(works);
  EXPECT(old_gen < ((size_t)8 << 20)); /* the dropped array was collected */
}
