/*
 * remembered-set.c: the old→young slots, one bit per word of each old or large chunk.
 *
 * The write barrier inserts slots; a scavenge visits them as roots and drops those that no
 * longer point into the young generation. A full GC empties the young generation first, so
 * after it every set is empty. Freed memory clears its bits (heap_create_filler), so a slot
 * bit never points into memory that was reused for raw data.
 */
#include <stdlib.h>

#include "heap/heap-internal.h"

static size_t slot_bit(Page *p, uintptr_t slot) {
  return (slot - (uintptr_t)p) / kTaggedSize;
}

void remembered_set_insert(Page *p, uintptr_t slot) {
  if (p->slot_set == NULL) {
    p->slot_set = calloc(heap_bitmap_words(p), sizeof(uint64_t));
    if (p->slot_set == NULL) FATAL("out of memory for the remembered set");
  }
  size_t bit = slot_bit(p, slot);
  p->slot_set[bit / 64] |= UINT64_C(1) << (bit % 64);
}

bool remembered_set_contains(Page *p, uintptr_t slot) {
  if (p->slot_set == NULL) return false;
  size_t bit = slot_bit(p, slot);
  return (p->slot_set[bit / 64] >> (bit % 64)) & 1;
}

void remembered_set_clear_range(Page *p, uintptr_t start, uintptr_t end) {
  if (p->slot_set == NULL) return;
  for (size_t bit = slot_bit(p, start), last = slot_bit(p, end); bit < last; bit++) {
    p->slot_set[bit / 64] &= ~(UINT64_C(1) << (bit % 64));
  }
}

void remembered_set_clear_page(Page *p) {
  free(p->slot_set);
  p->slot_set = NULL;
}

static void remembered_set_iterate_page(Page *p, RememberedSlotFn fn, void *ctx) {
  if (p->slot_set == NULL) return;
  size_t words = heap_bitmap_words(p);
  for (size_t w = 0; w < words; w++) {
    uint64_t bits = p->slot_set[w];
    while (bits) {
      int b = __builtin_ctzll(bits);
      bits &= bits - 1;
      Tagged *slot = (Tagged *)((uintptr_t)p + (w * 64 + (size_t)b) * kTaggedSize);
      if (!fn(slot, ctx)) p->slot_set[w] &= ~(UINT64_C(1) << b);
    }
  }
  /* fn may have inserted slots anywhere in this page (promotion), so look again. */
  for (size_t w = 0; w < words; w++) {
    if (p->slot_set[w]) return;
  }
  remembered_set_clear_page(p);
}

void remembered_set_iterate(Heap *heap, RememberedSlotFn fn, void *ctx) {
  for (Page *p = heap->old_space.first; p; p = p->next) remembered_set_iterate_page(p, fn, ctx);
  for (Page *p = heap->large_pages; p; p = p->next) remembered_set_iterate_page(p, fn, ctx);
}

static void remembered_set_record_slot(Tagged *slot, void *ctx) {
  Tagged host = (Tagged)ctx;
  if (is_heap_object(*slot) && page_is_young(*slot)) {
    remembered_set_insert(page_of(host), (uintptr_t)slot);
  }
}

void heap_write_barrier_object(Tagged host) {
  if (page_is_young(host)) return;
  remembered_set_record_slot(field_slot(host, 0), (void *)host);
  heap_object_visit_slots(host, heap_object_map(host), remembered_set_record_slot, (void *)host);
}
