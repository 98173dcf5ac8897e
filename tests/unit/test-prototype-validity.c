/*
 * test-prototype-validity.c: prototype maps and validity cells (objects/map.h): a cell is
 * made for a chain, reused while valid, and invalidated by every change of shape of any
 * object on the chain, but not by a new value in an existing property.
 */
#include "execution/bootstrapper.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "test.h"

static Handle pv_key(Isolate *iso, const char *name) {
  return string_internalize_utf8(iso, name, strlen(name));
}

static Handle pv_smi(Isolate *iso, int v) { return handle_new(iso, smi_from_int(v)); }

/* grand <- proto: two fresh objects. */
static void pv_chain(Isolate *iso, Handle *proto, Handle *grand) {
  *grand = js_object_new(iso);
  *proto = js_object_new(iso);
  EXPECT(js_object_set_prototype(iso, *proto, *grand));
}

TEST(prototype_validity, cell_is_made_once_and_links_up) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle proto, grand;
  pv_chain(iso, &proto, &grand);
  Tagged shared = heap_object_map(H(js_object_new(iso)));
  Handle cell = map_prototype_chain_validity_cell(iso, proto);
  EXPECT(!handle_is_null(cell));
  EXPECT(is_validity_cell(H(cell)));
  EXPECT(validity_cell_chain_valid(H(cell)));
  /* Both objects on the chain now have prototype maps of their own. */
  EXPECT(map_is_prototype_map(heap_object_map(H(proto))));
  EXPECT(map_is_prototype_map(heap_object_map(H(grand))));
  EXPECT(!map_is_prototype_map(shared));
  EXPECT(validity_cell_parent(H(cell)) ==
         map_prototype_validity_cell(heap_object_map(H(grand))));
  Handle again = map_prototype_chain_validity_cell(iso, proto);
  EXPECT(H(again) == H(cell));
  EXPECT(is_smi(H(map_prototype_chain_validity_cell(iso, ROOT_HANDLE(iso, null_value)))));
  handle_scope_close(&scope);
}

TEST(prototype_validity, shape_changes_above_invalidate) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle proto, grand;
  pv_chain(iso, &proto, &grand);
  EXPECT(js_object_set_property(iso, grand, pv_key(iso, "a"), pv_smi(iso, 1)));
  Handle cell = map_prototype_chain_validity_cell(iso, proto);
  /* A new value is not a new shape. */
  EXPECT(js_object_set_property(iso, grand, pv_key(iso, "a"), pv_smi(iso, 2)));
  EXPECT(validity_cell_chain_valid(H(cell)));
  /* A property added on the grand-prototype invalidates the chain from proto. */
  EXPECT(js_object_set_property(iso, grand, pv_key(iso, "b"), pv_smi(iso, 3)));
  EXPECT(!validity_cell_chain_valid(H(cell)));
  Handle fresh = map_prototype_chain_validity_cell(iso, proto);
  EXPECT(H(fresh) != H(cell) && validity_cell_chain_valid(H(fresh)));
  /* Deleting, dictionary mode, then a dictionary-mode add and delete. */
  EXPECT(js_object_delete_property(iso, grand, pv_key(iso, "a")));
  EXPECT(!validity_cell_chain_valid(H(fresh)));
  EXPECT(map_is_dictionary(heap_object_map(H(grand))));
  fresh = map_prototype_chain_validity_cell(iso, proto);
  EXPECT(js_object_set_property(iso, grand, pv_key(iso, "c"), pv_smi(iso, 4)));
  EXPECT(!validity_cell_chain_valid(H(fresh)));
  fresh = map_prototype_chain_validity_cell(iso, proto);
  EXPECT(js_object_delete_property(iso, grand, pv_key(iso, "c")));
  EXPECT(!validity_cell_chain_valid(H(fresh)));
  /* A new prototype for proto, and preventExtensions. */
  fresh = map_prototype_chain_validity_cell(iso, proto);
  EXPECT(js_object_set_prototype(iso, proto, ROOT_HANDLE(iso, null_value)));
  EXPECT(!validity_cell_chain_valid(H(fresh)));
  fresh = map_prototype_chain_validity_cell(iso, proto);
  EXPECT(is_smi(validity_cell_parent(H(fresh))));
  EXPECT(js_object_prevent_extensions(iso, proto));
  EXPECT(!validity_cell_chain_valid(H(fresh)));
  handle_scope_close(&scope);
}

TEST(prototype_validity, exotic_objects_are_not_cached) {
  Isolate *iso = test_isolate();
  EXPECT(bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle proto = js_object_new(iso);
  /* A chain through a non-receiver-like heap object (a FixedArray stands in for any
   * kind the caches do not understand) is refused, with nothing pending. */
  EXPECT(!map_is_cacheable_prototype(ROOT(iso, empty_fixed_array)));
  EXPECT(map_is_cacheable_prototype(H(proto)));
  handle_scope_close(&scope);
}
