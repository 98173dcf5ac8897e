/* test-elements.c: elements kinds, their transitions, sparse arrays and array length. */
#include <math.h>
#include <string.h>

#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "test.h"

static Handle smi(Isolate *iso, int v) { return handle_new(iso, smi_from_int(v)); }
static ElementsKind kind_of(Handle h) { return js_object_elements_kind(H(h)); }
static double number_at(Isolate *iso, Handle a, uint32_t i) {
  Tagged v = H(js_object_get_element(iso, a, i));
  return is_smi(v) ? smi_value(v) : heap_number_value(v);
}

TEST(elements, kinds_go_smi_double_object_and_share_maps) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  Handle b = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  EXPECT(js_array_push(iso, a, smi(iso, 1)) && js_array_push(iso, a, smi(iso, 2)));
  EXPECT(kind_of(a) == PACKED_SMI_ELEMENTS);
  EXPECT(js_array_push(iso, a, factory_new_heap_number(iso, 1.5)));
  EXPECT(kind_of(a) == PACKED_DOUBLE_ELEMENTS);
  EXPECT(is_fixed_double_array(js_object_elements(H(a))));
  EXPECT(number_at(iso, a, 0) == 1 && number_at(iso, a, 2) == 1.5);
  EXPECT(js_array_push(iso, b, factory_new_heap_number(iso, 2.5)));
  EXPECT_EQ(heap_object_map(H(a)), heap_object_map(H(b))); /* one transition, one map */
  EXPECT(js_array_push(iso, a, ROOT_HANDLE(iso, length_string)));
  EXPECT(kind_of(a) == PACKED_ELEMENTS);
  EXPECT(number_at(iso, a, 1) == 2 && number_at(iso, a, 2) == 1.5);
  EXPECT_EQ(H(js_object_get_element(iso, a, 3)), ROOT(iso, length_string));
  EXPECT_EQ(js_array_length_value(H(a)), 4u);
  Tagged back = map_back_pointer(heap_object_map(H(a)));
  EXPECT(is_map(back) && map_elements_kind(back) == PACKED_DOUBLE_ELEMENTS);
  heap_collect_full(&iso->heap);
  EXPECT(number_at(iso, a, 2) == 1.5 && number_at(iso, b, 0) == 2.5);
  handle_scope_close(&scope);
}

TEST(elements, holes_make_kinds_holey) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  EXPECT(js_array_push(iso, a, smi(iso, 1)) && js_array_push(iso, a, smi(iso, 2)));
  EXPECT(js_object_set_element(iso, a, 5, smi(iso, 6)));
  EXPECT(kind_of(a) == HOLEY_SMI_ELEMENTS);
  EXPECT_EQ(js_array_length_value(H(a)), 6u);
  EXPECT(is_undefined(iso, H(js_object_get_element(iso, a, 3))));
  EXPECT(!elements_has_own(iso, H(a), 3) && elements_has_own(iso, H(a), 5));
  EXPECT(js_object_set_element(iso, a, 3, factory_new_heap_number(iso, NAN)));
  EXPECT(kind_of(a) == HOLEY_DOUBLE_ELEMENTS);
  EXPECT(elements_has_own(iso, H(a), 3) && isnan(number_at(iso, a, 3))); /* not a hole */
  EXPECT(!elements_has_own(iso, H(a), 4));
  Handle b = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  EXPECT(js_array_push(iso, b, smi(iso, 1)) && js_array_push(iso, b, smi(iso, 2)));
  EXPECT(js_object_delete_property(iso, b, string_internalize_utf8(iso, "0", 1)));
  EXPECT(kind_of(b) == HOLEY_SMI_ELEMENTS && !elements_has_own(iso, H(b), 0));
  EXPECT_EQ(js_array_length_value(H(b)), 2u);
  handle_scope_close(&scope);
}

TEST(elements, far_stores_go_to_dictionary_elements) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  EXPECT(js_array_push(iso, a, smi(iso, 7)));
  EXPECT(js_object_set_element(iso, a, 100000, smi(iso, 1)));
  EXPECT(kind_of(a) == DICTIONARY_ELEMENTS && is_number_dictionary(js_object_elements(H(a))));
  EXPECT_EQ(js_array_length_value(H(a)), 100001u);
  EXPECT(js_object_set_element(iso, a, 4000000000u, smi(iso, 2)));
  EXPECT_EQ(js_array_length_value(H(a)), 4000000001u);
  heap_collect_full(&iso->heap);
  EXPECT(number_at(iso, a, 0) == 7 && number_at(iso, a, 100000) == 1);
  EXPECT(number_at(iso, a, 4000000000u) == 2);
  EXPECT(is_undefined(iso, H(js_object_get_element(iso, a, 5))));
  Handle keys = js_object_own_property_keys(iso, a);
  EXPECT_EQ(fixed_array_length(H(keys)), 4);
  EXPECT(string_equals_ascii(fixed_array_get(H(keys), 2), "4000000000"));
  EXPECT(js_array_set_length_value(iso, a, 5));
  EXPECT_EQ(dictionary_count(js_object_elements(H(a))), 1);
  EXPECT(is_undefined(iso, H(js_object_get_element(iso, a, 100000))));
  /* Plain objects too: o[1e9] is sparse. */
  Handle o = js_object_new(iso);
  EXPECT(js_object_set_element(iso, o, 1000000000u, smi(iso, 3)));
  EXPECT(kind_of(o) == DICTIONARY_ELEMENTS && number_at(iso, o, 1000000000u) == 3);
  handle_scope_close(&scope);
}

TEST(elements, array_length_grows_shrinks_and_is_validated) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  for (int i = 0; i < 100; i++) EXPECT(js_array_push(iso, a, smi(iso, i)));
  EXPECT(kind_of(a) == PACKED_SMI_ELEMENTS && js_array_length_value(H(a)) == 100);
  EXPECT(js_array_set_length_value(iso, a, 60));
  EXPECT(js_array_length_value(H(a)) == 60 && !elements_has_own(iso, H(a), 60));
  EXPECT(number_at(iso, a, 59) == 59);
  EXPECT(js_array_set_length_value(iso, a, 3));
  EXPECT(fixed_array_length(js_object_elements(H(a))) == 3); /* copied down */
  EXPECT(js_array_set_length_value(iso, a, 10));
  EXPECT(kind_of(a) == HOLEY_SMI_ELEMENTS && is_undefined(iso, H(js_object_get_element(iso, a, 5))));
  EXPECT(js_array_push(iso, a, smi(iso, 10)) && js_array_length_value(H(a)) == 11);
  EXPECT(!js_array_set_length_value(iso, a, 4294967296.0));
  EXPECT(isolate_has_pending_exception(iso));
  EXPECT(js_error_kind(iso->pending_exception) == kError_RANGE_ERROR);
  isolate_clear_pending_exception(iso);
  EXPECT(!js_array_set_length_value(iso, a, 1.5) && isolate_has_pending_exception(iso));
  isolate_clear_pending_exception(iso);
  EXPECT(js_array_set_length_value(iso, a, 4294967295.0));
  EXPECT_EQ(js_array_length_value(H(a)), 4294967295u);
  Handle len = js_object_get_property(iso, a, ROOT_HANDLE(iso, length_string));
  EXPECT(is_heap_number(H(len)) && heap_number_value(H(len)) == 4294967295.0);
  EXPECT(!js_array_push(iso, a, smi(iso, 1)) && isolate_has_pending_exception(iso));
  isolate_clear_pending_exception(iso);
  EXPECT(js_object_set_property(iso, a, ROOT_HANDLE(iso, length_string), smi(iso, 0)));
  EXPECT_EQ(js_array_length_value(H(a)), 0u);
  EXPECT(!js_object_delete_property(iso, a, ROOT_HANDLE(iso, length_string)));
  handle_scope_close(&scope);
}

TEST(elements, index_names_are_elements_and_attributes_hold) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle o = js_object_new(iso);
  Handle three = string_internalize_utf8(iso, "3", 1);
  EXPECT(js_object_set_property(iso, o, three, smi(iso, 33)));
  EXPECT(elements_has_own(iso, H(o), 3) && map_own_descriptors(heap_object_map(H(o))) == 0);
  EXPECT_EQ(H(js_object_get_property(iso, o, three)), smi_from_int(33));
  LookupResult r;
  EXPECT(property_lookup(iso, o, three, &r) && r.state == LOOKUP_ELEMENT && r.element == 3);
  EXPECT(js_object_define_own_property(iso, o, three, smi(iso, 34), READ_ONLY | DONT_DELETE));
  EXPECT(kind_of(o) == DICTIONARY_ELEMENTS);
  EXPECT(!js_object_set_element(iso, o, 3, smi(iso, 35)));
  EXPECT(!js_object_delete_property(iso, o, three));
  EXPECT_EQ(H(js_object_get_element(iso, o, 3)), smi_from_int(34));
  /* Elements are found through the prototype chain. */
  Handle child = js_object_new(iso);
  EXPECT(js_object_set_prototype(iso, child, o));
  EXPECT_EQ(H(js_object_get_element(iso, child, 3)), smi_from_int(34));
  /* A non-extensible object takes no new elements but updates old ones. */
  Handle arr = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  EXPECT(js_array_push(iso, arr, smi(iso, 1)) && js_object_prevent_extensions(iso, arr));
  EXPECT(!js_array_push(iso, arr, smi(iso, 2)) && !isolate_has_pending_exception(iso));
  EXPECT(js_object_set_element(iso, arr, 0, smi(iso, 5)));
  EXPECT_EQ(H(js_object_get_element(iso, arr, 0)), smi_from_int(5));
  handle_scope_close(&scope);
}
