/* test-heap.c: tagging, allocation, the scavenger, mark-sweep, large objects, limits. */
#include <math.h>

#include "heap/factory.h"
#include "test.h"

TEST(values, smi_encoding_matches_seed_001) {
  EXPECT_EQ(smi_from_int(5), (Tagged)0x0000000500000000ULL);
  EXPECT_EQ(smi_from_int(-1), (Tagged)0xffffffff00000000ULL);
  EXPECT_EQ(smi_value(smi_from_int(KILN_SMI_MIN)), KILN_SMI_MIN);
  EXPECT_EQ(smi_value(smi_from_int(KILN_SMI_MAX)), KILN_SMI_MAX);
  EXPECT(is_smi(smi_from_int(123)));
  EXPECT(!is_heap_object(smi_from_int(123)));
}

TEST(values, heap_pointers_are_tagged_and_numbers_pick_a_representation) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle n = factory_new_number(iso, 1.5);
  EXPECT((H(n) & 1) == 1);
  EXPECT(is_heap_number(H(n)));
  EXPECT(heap_number_value(H(n)) == 1.5);
  EXPECT(is_smi(H(factory_new_number(iso, 42))));
  EXPECT(is_heap_number(H(factory_new_number(iso, -0.0))));      /* -0 is not a Smi */
  EXPECT(is_heap_number(H(factory_new_number(iso, 4294967296.0)))); /* 2**32 > int32 */
  EXPECT(heap_object_map(ROOT(iso, undefined_value)) == ROOT(iso, undefined_map));
  EXPECT(heap_object_map(ROOT(iso, null_value)) == ROOT(iso, null_map));
  EXPECT(heap_object_map(ROOT(iso, meta_map)) == ROOT(iso, meta_map));
  EXPECT(heap_object_type(ROOT(iso, true_value)) == ODDBALL_TYPE);
  handle_scope_close(&scope);
}

/* A list of n cells: cell = [HeapNumber i + 0.5, next]. */
static Handle make_list(Isolate *iso, int n) {
  Handle head = handle_new(iso, ROOT(iso, undefined_value));
  for (int i = 0; i < n; i++) {
    HandleScope inner;
    handle_scope_open(iso, &inner);
    Handle cell = factory_new_fixed_array(iso, 2);
    Handle num = factory_new_heap_number(iso, i + 0.5);
    if (handle_is_null(cell) || handle_is_null(num)) FATAL("make_list: out of memory");
    fixed_array_set(H(cell), 0, H(num));
    fixed_array_set(H(cell), 1, H(head));
    *head.loc = H(cell);
    handle_scope_close(&inner);
  }
  return head;
}

static bool check_list(Isolate *iso, Tagged cell, int n) {
  for (int i = n - 1; i >= 0; i--) {
    if (!is_fixed_array(cell)) return false;
    Tagged num = fixed_array_get(cell, 0);
    if (!is_heap_number(num) || heap_number_value(num) != i + 0.5) return false;
    cell = fixed_array_get(cell, 1);
  }
  return is_undefined(iso, cell);
}

TEST(heap, object_graph_survives_scavenges_and_full_gcs) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  int n = test_scale(5000);
  Handle list = make_list(iso, n);
  EXPECT(check_list(iso, H(list), n));
  heap_collect_young(&iso->heap);
  EXPECT(check_list(iso, H(list), n));
  heap_collect_young(&iso->heap);
  heap_collect_young(&iso->heap);
  EXPECT(!page_is_young(H(list)));  /* promoted after surviving twice */
  EXPECT(check_list(iso, H(list), n));
  heap_collect_full(&iso->heap);
  EXPECT(check_list(iso, H(list), n));
  handle_scope_close(&scope);
}

TEST(heap, objects_move_and_handles_follow) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = factory_new_fixed_array(iso, 3);
  Tagged before = H(a);
  heap_collect_young(&iso->heap);
  EXPECT(H(a) != before);  /* copied to the other semispace */
  EXPECT(is_fixed_array(H(a)) && fixed_array_length(H(a)) == 3);
  handle_scope_close(&scope);
}

TEST(heap, old_to_young_pointers_are_remembered) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle holder = factory_new_fixed_array(iso, 1);
  heap_collect_young(&iso->heap);
  heap_collect_young(&iso->heap);
  EXPECT(!page_is_young(H(holder)));
  {
    HandleScope inner;
    handle_scope_open(iso, &inner);
    Handle young = factory_new_heap_number(iso, 7.25);
    EXPECT(page_is_young(H(young)));
    fixed_array_set(H(holder), 0, H(young));  /* only the holder keeps it alive now */
    handle_scope_close(&inner);
  }
  heap_collect_young(&iso->heap);
  Tagged n = fixed_array_get(H(holder), 0);
  EXPECT(is_heap_number(n) && heap_number_value(n) == 7.25);
  heap_collect_young(&iso->heap);
  heap_collect_full(&iso->heap);
  n = fixed_array_get(H(holder), 0);
  EXPECT(is_heap_number(n) && heap_number_value(n) == 7.25);
  handle_scope_close(&scope);
}

/* A chain of count arrays of `length` elements: array[0] links to the previous one. */
static Handle make_chain(Isolate *iso, int count, int length) {
  Handle chain = handle_new(iso, ROOT(iso, undefined_value));
  for (int i = 0; i < count; i++) {
    HandleScope inner;
    handle_scope_open(iso, &inner);
    Handle cell = factory_new_fixed_array(iso, length);
    if (handle_is_null(cell)) FATAL("make_chain: out of memory");
    fixed_array_set(H(cell), 0, H(chain));
    *chain.loc = H(cell);
    handle_scope_close(&inner);
  }
  return chain;
}

TEST(heap, full_gc_frees_unreachable_old_objects) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  heap_collect_full(&iso->heap);
  size_t base = heap_old_generation_size(&iso->heap);
  {
    HandleScope inner;
    handle_scope_open(iso, &inner);
    Handle chain = make_chain(iso, 64, 4000); /* 64 x 32 KB */
    heap_collect_full(&iso->heap);
    int links = 0;
    for (Tagged c = H(chain); is_fixed_array(c); c = fixed_array_get(c, 0)) links++;
    EXPECT_EQ(links, 64);
    EXPECT(heap_old_generation_size(&iso->heap) >= base + 4 * kPageSize);
    handle_scope_close(&inner);
  }
  heap_collect_full(&iso->heap);
  EXPECT(heap_old_generation_size(&iso->heap) <= base + kPageSize);
  handle_scope_close(&scope);
}

TEST(heap, large_objects_live_and_die) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle big = factory_new_fixed_array(iso, 100000);
  EXPECT(page_of(H(big))->flags & PAGE_LARGE);
  Handle num = factory_new_heap_number(iso, 3.5);
  fixed_array_set(H(big), 99999, H(num));  /* old (large) -> young: remembered */
  heap_collect_young(&iso->heap);
  Tagged n = fixed_array_get(H(big), 99999);
  EXPECT(is_heap_number(n) && heap_number_value(n) == 3.5);
  heap_collect_full(&iso->heap);
  EXPECT(iso->heap.large_bytes > 0);
  *big.loc = ROOT(iso, undefined_value);
  heap_collect_full(&iso->heap);
  EXPECT_EQ(iso->heap.large_bytes, 0);
  handle_scope_close(&scope);
}

TEST(heap, limit_gives_out_of_memory_and_isolate_recovers) {
  Flags flags = *test_flags();
  flags.heap_limit_mb = flags.gc_interval ? 2 : 8;
  Isolate *iso = isolate_new(&flags);
  EXPECT(iso != NULL);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle chain = handle_new(iso, ROOT(iso, undefined_value));
  bool failed = false;
  for (int i = 0; i < 100000 && !failed; i++) {
    HandleScope inner;
    handle_scope_open(iso, &inner);
    Handle cell = factory_new_fixed_array(iso, 1000);
    if (handle_is_null(cell)) {
      failed = true;
    } else {
      fixed_array_set(H(cell), 0, H(chain));
      *chain.loc = H(cell);
    }
    handle_scope_close(&inner);
  }
  bool oom = failed && iso->pending_exception == ROOT(iso, out_of_memory_error);
  isolate_clear_pending_exception(iso);
  *chain.loc = ROOT(iso, undefined_value);
  heap_collect_full(&iso->heap);
  Handle after = make_list(iso, 1000);
  bool usable = check_list(iso, H(after), 1000) && !isolate_has_pending_exception(iso);
  handle_scope_close(&scope);
  isolate_free(iso);
  EXPECT(failed);
  EXPECT(oom);
  EXPECT(usable);
}

TEST(heap, gc_interval_forces_collections) {
  Flags flags = *test_flags();
  flags.gc_interval = 10;
  Isolate *iso = isolate_new(&flags);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  uint64_t before = iso->heap.stats.scavenges + iso->heap.stats.full_gcs;
  Handle list = make_list(iso, 100);
  uint64_t after = iso->heap.stats.scavenges + iso->heap.stats.full_gcs;
  bool ok = check_list(iso, H(list), 100);
  handle_scope_close(&scope);
  isolate_free(iso);
  EXPECT(ok);
  EXPECT(after - before >= 15);  /* 200 allocations, one forced GC per 10 */
}

static void count_object(Tagged o, void *ctx) { (*(int *)ctx)++; }

TEST(heap, spaces_stay_iterable) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  int n = test_scale(2000);
  Handle list = make_list(iso, n);
  heap_collect_full(&iso->heap);
  make_list(iso, 100);  /* fresh young objects after the sweep */
  int objects = 0;
  heap_iterate_objects(&iso->heap, count_object, &objects);
  EXPECT(objects >= 2 * n);
  EXPECT(check_list(iso, H(list), n));
  handle_scope_close(&scope);
}
