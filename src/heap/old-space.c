/*
 * old-space.c: the old generation's pages, free lists and linear allocation area.
 *
 * Free memory is always covered by filler objects (FreeSpace or a one-word filler), so a
 * page can be walked object by object. FreeSpace blocks of 3 words or more are linked into
 * the free list bucket of floor(log2(words)); allocation takes a block into the linear
 * area [top, limit) and bumps through it.
 */
#include <string.h>

#include "execution/isolate.h"
#include "heap/heap-internal.h"

static int old_space_bucket(size_t bytes) {
  size_t words = bytes / kTaggedSize;
  int b = 63 - __builtin_clzll(words);
  return b < kFreeListBuckets ? b : kFreeListBuckets - 1;
}

void old_space_free_region(Heap *heap, uintptr_t start, size_t size) {
  if (size == 0) return;
  OldSpace *s = &heap->old_space;
  heap_create_filler(heap, start, size);
  if (heap->isolate->flags.zap && size > 3 * kTaggedSize) {
    memset((void *)(start + 3 * kTaggedSize), 0xcd, size - 3 * kTaggedSize);
  }
  if (size < 3 * kTaggedSize) return;
  Tagged o = heap_object_from_address(start);
  int b = old_space_bucket(size);
  free_space_set_next(o, s->free_heads[b]);
  s->free_heads[b] = start;
  s->free_bytes += size;
}

void old_space_reset_free_lists(Heap *heap) {
  memset(heap->old_space.free_heads, 0, sizeof heap->old_space.free_heads);
  heap->old_space.free_bytes = 0;
  heap->old_space.top = heap->old_space.limit = 0;
}

void old_space_make_iterable(Heap *heap) {
  OldSpace *s = &heap->old_space;
  if (s->top < s->limit) old_space_free_region(heap, s->top, s->limit - s->top);
  s->top = s->limit = 0;
}

/* Unlinks a free block of at least size bytes. First fit in size's own bucket, then the
 * head of any larger bucket (whose blocks are all big enough). */
static uintptr_t old_space_take_free_block(OldSpace *s, size_t size, size_t *block_size) {
  int b = old_space_bucket(size);
  for (uintptr_t *link = &s->free_heads[b]; *link;) {
    Tagged o = heap_object_from_address(*link);
    if (free_space_size(o) >= size) {
      uintptr_t a = *link;
      *link = free_space_next(o);
      *block_size = free_space_size(o);
      return a;
    }
    link = (uintptr_t *)field_slot(o, FreeSpace_next_offset);
  }
  for (int i = b + 1; i < kFreeListBuckets; i++) {
    if (s->free_heads[i] == 0) continue;
    uintptr_t a = s->free_heads[i];
    Tagged o = heap_object_from_address(a);
    s->free_heads[i] = free_space_next(o);
    *block_size = free_space_size(o);
    return a;
  }
  return 0;
}

static bool old_space_add_page(Heap *heap) {
  Page *p = heap_page_new(heap, kPageSize, PAGE_OLD);
  if (p == NULL) return false;
  OldSpace *s = &heap->old_space;
  p->index = (uint32_t)s->page_count++;
  if (s->last) s->last->next = p; else s->first = p;
  s->last = p;
  heap_create_filler(heap, p->area_start, p->area_end - p->area_start);
  old_space_free_region(heap, p->area_start, p->area_end - p->area_start);
  return true;
}

/* Refills the linear area with a block of at least size bytes. */
static bool old_space_refill(Heap *heap, size_t size, bool ignore_limit) {
  OldSpace *s = &heap->old_space;
  old_space_make_iterable(heap);
  size_t block = 0;
  uintptr_t a = old_space_take_free_block(s, size, &block);
  if (a == 0) {
    if (!ignore_limit && heap_old_generation_size(heap) + kPageSize > heap->limit) return false;
    if (!old_space_add_page(heap)) return false;
    a = old_space_take_free_block(s, size, &block);
    if (a == 0) return false;
  }
  s->free_bytes -= block;
  s->top = a;
  s->limit = a + block;
  return true;
}

uintptr_t old_space_allocate(Heap *heap, size_t size, bool ignore_limit) {
  OldSpace *s = &heap->old_space;
  if (s->top + size > s->limit || s->top == 0) {
    if (!old_space_refill(heap, size, ignore_limit)) return 0;
  }
  uintptr_t result = s->top;
  s->top += size;
  return result;
}
