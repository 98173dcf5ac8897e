/* test-handles.c: handle scopes, escapable scopes, global and weak handles. */
#include "heap/factory.h"
#include "test.h"

TEST(handles, scopes_release_their_handles) {
  Isolate *iso = test_isolate();
  HandleScope outer;
  handle_scope_open(iso, &outer);
  handle_new(iso, smi_from_int(1));
  int base = handle_scope_count_handles(iso);
  {
    HandleScope inner;
    handle_scope_open(iso, &inner);
    for (int i = 0; i < 3 * kHandleBlockSize; i++) handle_new(iso, smi_from_int(i));
    EXPECT_EQ(handle_scope_count_handles(iso), base + 3 * kHandleBlockSize);
    handle_scope_close(&inner);
  }
  EXPECT_EQ(handle_scope_count_handles(iso), base);
  handle_scope_close(&outer);
  EXPECT_EQ(handle_scope_count_handles(iso), 0);
}

static Handle make_escaped(Isolate *iso) {
  HandleScope scope;
  handle_scope_open_escapable(iso, &scope);
  Handle n = factory_new_heap_number(iso, 2.5);
  for (int i = 0; i < 2000; i++) handle_new(iso, smi_from_int(i));
  Handle out = handle_scope_escape(&scope, n);
  handle_scope_close(&scope);
  return out;
}

TEST(handles, escapable_scope_moves_one_handle_out) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  int base = handle_scope_count_handles(iso);
  Handle n = make_escaped(iso);
  EXPECT_EQ(handle_scope_count_handles(iso), base + 1);
  heap_collect_young(&iso->heap);
  heap_collect_full(&iso->heap);
  EXPECT(is_heap_number(H(n)) && heap_number_value(H(n)) == 2.5);
  handle_scope_close(&scope);
}

TEST(handles, global_handles_keep_objects_alive) {
  Isolate *iso = test_isolate();
  Handle g;
  {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    g = global_handle_new(iso, H(factory_new_heap_number(iso, 9.5)));
    handle_scope_close(&scope);
  }
  heap_collect_young(&iso->heap);
  heap_collect_young(&iso->heap);
  heap_collect_full(&iso->heap);
  EXPECT(is_heap_number(H(g)) && heap_number_value(H(g)) == 9.5);
  EXPECT(global_handle_is_live(iso, (uintptr_t)g.loc));
  EXPECT(!global_handle_is_live(iso, (uintptr_t)g.loc + 8));  /* not a node start */
  EXPECT(!global_handle_is_live(iso, (uintptr_t)0x1234));
  global_handle_free(iso, g);
  EXPECT(!global_handle_is_live(iso, (uintptr_t)g.loc));
  EXPECT_EQ(global_handles_count(iso), 0);
}

static void weak_callback(void *data) { (*(int *)data)++; }

/* Globals for: a young object, an object promoted while held strongly, and one kept
 * alive by a local handle until its scope closes. */
static void make_weak_targets(Isolate *iso, Handle *young, Handle *old, Handle *kept,
                              int *young_calls, int *old_calls, int *kept_calls) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  {
    HandleScope inner;
    handle_scope_open(iso, &inner);
    *young = global_handle_new(iso, H(factory_new_fixed_array(iso, 4)));
    global_handle_make_weak(iso, *young, weak_callback, young_calls);
    handle_scope_close(&inner);
  }
  *old = global_handle_new(iso, H(factory_new_fixed_array(iso, 4)));
  Handle kept_local = factory_new_fixed_array(iso, 4);
  *kept = global_handle_new(iso, H(kept_local));
  global_handle_make_weak(iso, *kept, weak_callback, kept_calls);
  heap_collect_young(&iso->heap);  /* young dies here; kept survives through kept_local */
  heap_collect_young(&iso->heap);  /* old's object is promoted */
  global_handle_make_weak(iso, *old, weak_callback, old_calls);
  handle_scope_close(&scope);
}

TEST(handles, weak_handles_get_their_callback_after_gc) {
  Isolate *iso = test_isolate();
  int young_calls = 0, old_calls = 0, kept_calls = 0;
  Handle young, old, kept;
  make_weak_targets(iso, &young, &old, &kept, &young_calls, &old_calls, &kept_calls);
  EXPECT_EQ(young_calls, 1);
  EXPECT(global_handle_is_cleared(young));
  EXPECT_EQ(kept_calls, 0);
  EXPECT_EQ(old_calls, 0);
  heap_collect_full(&iso->heap);
  EXPECT_EQ(old_calls, 1);
  EXPECT_EQ(kept_calls, 1);
  EXPECT(global_handle_is_cleared(old) && global_handle_is_cleared(kept));
  global_handle_free(iso, young);
  global_handle_free(iso, old);
  global_handle_free(iso, kept);
  EXPECT_EQ(global_handles_count(iso), 0);
}

TEST(handles, weak_handle_to_live_object_is_updated_not_cleared) {
  Isolate *iso = test_isolate();
  int calls = 0;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle local = factory_new_heap_number(iso, 1.25);
  Handle weak = global_handle_new(iso, H(local));
  global_handle_make_weak(iso, weak, weak_callback, &calls);
  heap_collect_young(&iso->heap);
  heap_collect_full(&iso->heap);
  EXPECT_EQ(calls, 0);
  EXPECT(H(weak) == H(local));
  EXPECT(heap_number_value(H(weak)) == 1.25);
  global_handle_free(iso, weak);
  handle_scope_close(&scope);
}
