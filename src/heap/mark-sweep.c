/*
 * mark-sweep.c: the full collector.
 *
 *  1. A scavenge that promotes every survivor empties the young generation, so marking
 *     only deals with objects that do not move, and every remembered set ends up empty.
 *  2. Mark: from the roots, with an explicit worklist (no recursion). Old objects keep a
 *     mark bit per object start in their page's bitmap; a large object, one flag per page.
 *     Weak references (string table, weak global handles, the bodies of weak containers)
 *     are not traced.
 *  3. Ephemerons: a WeakMap/WeakSet value becomes live once its key is; this iterates to a
 *     fixpoint (heap/weak-objects.c).
 *  4. Weak processing: dead string-table entries are removed, dead weak handles cleared and
 *     their callbacks queued, dead keys of weak containers cleared, dead containers dropped.
 *  5. Sweep: on each old page, the gaps between marked objects become free-list blocks, and
 *     pages with nothing marked go back to the OS; unmarked large objects are freed.
 * Objects are not compacted; a compactor would reuse the same visitors to update slots.
 */
#include <stdlib.h>
#include <string.h>

#include "execution/isolate.h"
#include "heap/backing-store.h"
#include "heap/heap-internal.h"
#include "objects/string-table.h"

typedef struct {
  Tagged *items;
  size_t count, capacity;
} MarkWorklist;

static size_t mark_bit_index(Page *p, Tagged o) {
  return (heap_object_address(o) - (uintptr_t)p) / kTaggedSize;
}

static bool mark_is_marked(Tagged o) {
  Page *p = page_of(o);
  if (p->flags & PAGE_LARGE) return (p->flags & PAGE_LARGE_MARKED) != 0;
  size_t bit = mark_bit_index(p, o);
  return (p->mark_bits[bit / 64] >> (bit % 64)) & 1;
}

/* Sets the mark; returns false if it was already set. */
static bool mark_set(Tagged o) {
  Page *p = page_of(o);
  if (p->flags & PAGE_LARGE) {
    if (p->flags & PAGE_LARGE_MARKED) return false;
    p->flags |= PAGE_LARGE_MARKED;
    return true;
  }
  DCHECK(p->flags & PAGE_OLD);
  size_t bit = mark_bit_index(p, o);
  uint64_t m = UINT64_C(1) << (bit % 64);
  if (p->mark_bits[bit / 64] & m) return false;
  p->mark_bits[bit / 64] |= m;
  return true;
}

static void mark_push(MarkWorklist *w, Tagged o) {
  if (w->count == w->capacity) {
    w->capacity = w->capacity ? w->capacity * 2 : 1024;
    w->items = realloc(w->items, w->capacity * sizeof(Tagged));
    if (w->items == NULL) FATAL("out of memory in the marking worklist");
  }
  w->items[w->count++] = o;
}

static void mark_visit_slot(Tagged *slot, void *ctx) {
  Tagged v = *slot;
  if (!is_heap_object(v)) return;
  DCHECK(!page_is_young(v));
  if (mark_set(v)) mark_push(ctx, v);
}

/* Weak containers' bodies are not traced: their header words are Smis. */
static void mark_drain(MarkWorklist *w) {
  while (w->count > 0) {
    Tagged o = w->items[--w->count];
    mark_visit_slot(field_slot(o, 0), w);
    Tagged map = heap_object_map(o);
    if (!weak_objects_is_container(map)) heap_object_visit_slots(o, map, mark_visit_slot, w);
  }
}

static bool mark_container_is_live(Tagged container) { return mark_is_marked(container); }

/* Makes an ephemeron's value live; true when it was not marked yet. */
static bool mark_ephemeron_value(Tagged *slot, void *ctx) {
  if (!mark_set(*slot)) return false;
  mark_push(ctx, *slot);
  return true;
}

static bool mark_weak_is_live(Tagged *slot, void *ctx) {
  return !is_heap_object(*slot) || mark_is_marked(*slot);
}

static bool page_has_marks(Page *p) {
  for (size_t w = 0, n = heap_bitmap_words(p); w < n; w++) {
    if (p->mark_bits[w]) return true;
  }
  return false;
}

/* Sweeps a page with live objects: the gaps between marked objects become free blocks. */
static void sweep_page(Heap *heap, Page *p) {
  uintptr_t cursor = p->area_start;
  size_t words = heap_bitmap_words(p);
  for (size_t w = 0; w < words; w++) {
    uint64_t bits = p->mark_bits[w];
    while (bits) {
      int b = __builtin_ctzll(bits);
      bits &= bits - 1;
      uintptr_t a = (uintptr_t)p + (w * 64 + (size_t)b) * kTaggedSize;
      if (a > cursor) old_space_free_region(heap, cursor, a - cursor);
      cursor = a + heap_object_size(heap_object_from_address(a));
    }
  }
  if (cursor < p->area_end) old_space_free_region(heap, cursor, p->area_end - cursor);
  memset(p->mark_bits, 0, words * sizeof(uint64_t));
}

/* Sweeps every old page; pages with nothing live go back to the OS. */
static void sweep_old_space(Heap *heap) {
  OldSpace *s = &heap->old_space;
  old_space_reset_free_lists(heap);
  Page **link = &s->first;
  s->last = NULL;
  s->page_count = 0;
  while (*link) {
    Page *p = *link;
    if (!page_has_marks(p)) {
      *link = p->next;
      heap_page_free(p);
      continue;
    }
    sweep_page(heap, p);
    p->index = (uint32_t)s->page_count++;
    s->last = p;
    link = &p->next;
  }
}

static void sweep_large_objects(Heap *heap) {
  for (Page **link = &heap->large_pages; *link;) {
    Page *p = *link;
    if (p->flags & PAGE_LARGE_MARKED) {
      p->flags &= ~(uintptr_t)PAGE_LARGE_MARKED;
      link = &p->next;
    } else {
      *link = p->next;
      heap->large_bytes -= p->chunk_size;
      heap_page_free(p);
    }
  }
}

void mark_sweep_run(Heap *heap) {
  Isolate *iso = heap->isolate;
  scavenger_run(heap, true);
  old_space_make_iterable(heap);
  MarkWorklist w = {0};
  isolate_iterate_roots(iso, mark_visit_slot, &w);
  mark_drain(&w);
  while (weak_objects_trace_ephemerons(heap, mark_container_is_live, mark_weak_is_live,
                                       mark_ephemeron_value, &w)) {
    mark_drain(&w);
  }
  free(w.items);
  weak_objects_clear_dead(heap, mark_container_is_live, mark_weak_is_live, NULL);
  weak_objects_prune(heap, mark_container_is_live);
  string_table_process_weak(iso->string_table, mark_weak_is_live, NULL);
  global_handles_process_weak(iso->global_handles, mark_weak_is_live, NULL);
  backing_stores_process_weak(heap, mark_weak_is_live, NULL);
  sweep_old_space(heap);
  sweep_large_objects(heap);
  for (Page *p = heap->old_space.first; p; p = p->next) remembered_set_clear_page(p);
  for (Page *p = heap->large_pages; p; p = p->next) remembered_set_clear_page(p);
}
