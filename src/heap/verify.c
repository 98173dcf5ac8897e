/*
 * verify.c: --verify-heap. Walks every object and checks the invariants the collector
 * relies on; the first broken one is fatal, with the object and slot named:
 *  - every object's map is a Map (its map is the meta map);
 *  - every tagged slot holds a Smi or points at the start of an object in a live page
 *    (not from-space, not freed memory);
 *  - every slot of an old or large object that points into the young generation is in
 *    the remembered set;
 *  - in-object slots hold valid values (fillers left by slack tracking are maps, so pass).
 */
#include "execution/isolate.h"
#include "heap/heap-internal.h"

#include <stdlib.h>

typedef struct {
  Heap *heap;
  const char *when;
  Tagged host;
  Page **pages;         /* every live page, sorted by address */
  size_t page_count;
} Verifier;

static int verify_compare_pages(const void *a, const void *b) {
  uintptr_t x = (uintptr_t) * (Page *const *)a, y = (uintptr_t) * (Page *const *)b;
  return x < y ? -1 : x > y;
}

static void verify_collect_pages(Verifier *v) {
  Heap *heap = v->heap;
  size_t n = (size_t)heap->to_space.page_count + (size_t)heap->old_space.page_count;
  for (Page *p = heap->large_pages; p; p = p->next) n++;
  v->pages = malloc((n + 1) * sizeof(Page *));
  if (v->pages == NULL) FATAL("out of memory in --verify-heap");
  v->page_count = 0;
  for (Page *p = heap->to_space.first; p; p = p->next) v->pages[v->page_count++] = p;
  for (Page *p = heap->old_space.first; p; p = p->next) v->pages[v->page_count++] = p;
  for (Page *p = heap->large_pages; p; p = p->next) v->pages[v->page_count++] = p;
  qsort(v->pages, v->page_count, sizeof(Page *), verify_compare_pages);
}

/* true if address lies in the object area of one of the heap's live pages. O(log pages). */
static bool verify_contains(Verifier *v, uintptr_t address) {
  Page *page = page_of(address);
  Page **found = bsearch(&page, v->pages, v->page_count, sizeof(Page *), verify_compare_pages);
  return found && address >= page->area_start && address < page->area_end;
}

static bool verify_is_map(Verifier *v, Tagged m) {
  if (!is_heap_object(m) || !verify_contains(v, heap_object_address(m))) return false;
  return heap_object_map(m) == ROOT(v->heap->isolate, meta_map);
}

static void verify_fail(Verifier *v, Tagged *slot, const char *what) {
  FATAL("--verify-heap (%s): object %p (%s), slot +%ld = %p: %s", v->when, (void *)v->host,
        instance_type_name(heap_object_type(v->host)),
        (long)((uintptr_t)slot - heap_object_address(v->host)), (void *)*slot, what);
}

static void verify_slot(Tagged *slot, void *ctx) {
  Verifier *v = ctx;
  Tagged value = *slot;
  if (is_smi(value)) return;
  if (!verify_contains(v, heap_object_address(value))) {
    verify_fail(v, slot, "points outside the live heap");
  }
  if (!verify_is_map(v, heap_object_map(value))) {
    verify_fail(v, slot, "points at something whose first word is not a map");
  }
  if (page_is_young(value) && !page_is_young(v->host) &&
      !remembered_set_contains(page_of(v->host), (uintptr_t)slot)) {
    verify_fail(v, slot, "old-to-young pointer missing from the remembered set");
  }
}

static void verify_object(Tagged o, void *ctx) {
  Verifier *v = ctx;
  v->host = o;
  Tagged map = heap_object_map(o);
  if (!verify_is_map(v, map)) verify_fail(v, field_slot(o, 0), "bad map");
  heap_object_visit_slots(o, map, verify_slot, v);
}

static void verify_root(Tagged *slot, void *ctx) {
  Verifier *v = ctx;
  Tagged value = *slot;
  if (is_smi(value)) return;
  if (!verify_contains(v, heap_object_address(value)) ||
      !verify_is_map(v, heap_object_map(value))) {
    FATAL("--verify-heap (%s): root slot %p holds %p, not a live object", v->when,
          (void *)slot, (void *)value);
  }
}

void heap_verify(Heap *heap, const char *when) {
  Verifier v = {heap, when, 0, NULL, 0};
  old_space_make_iterable(heap);
  verify_collect_pages(&v);
  heap_iterate_objects(heap, verify_object, &v);
  isolate_iterate_roots(heap->isolate, verify_root, &v);
  free(v.pages);
}
