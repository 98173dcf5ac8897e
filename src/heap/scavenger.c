/*
 * scavenger.c: the young generation's copying collector (Cheney's algorithm).
 *
 * The semispaces swap roles; every young object reachable from the roots or from a
 * remembered old→young slot is copied into the new to-space (or promoted into old space if
 * it already survived one scavenge, i.e. lies below the age mark), and its old copy's map
 * word is overwritten with the forwarding address. A forwarding address is untagged (low
 * bit 0), a map pointer is tagged (low bit 1): that is how the two are told apart.
 *
 * Cheney's scan pointer walks the new to-space; promoted objects go on a worklist instead,
 * and each of their slots that still points into the young generation is remembered.
 * The scan needs no recursion, so deep object graphs cannot overflow the C stack.
 *
 * Weak containers (heap/weak-objects.c) are old and never scanned: their slots leave the
 * remembered set before it is visited, then ephemeron values are evacuated once their key
 * survived (to a fixpoint), dead keys and dead weak elements are cleared, and the slots
 * still pointing into the young generation are remembered again.
 */
#include <stdlib.h>
#include <string.h>

#include "execution/isolate.h"
#include "heap/backing-store.h"
#include "heap/heap-internal.h"
#include "objects/string-table.h"

typedef struct {
  Heap *heap;
  bool promote_all;
  Tagged *promoted;             /* worklist of promoted objects to scan */
  size_t promoted_count, promoted_capacity;
} Scavenger;

KILN_INLINE bool in_from_space(Tagged v) {
  return is_heap_object(v) && (page_of(v)->flags & PAGE_FROM_SPACE);
}

static bool below_age_mark(Heap *heap, uintptr_t address) {
  Page *p = page_of(address);
  if (p->index != heap->age_mark_page->index) return p->index < heap->age_mark_page->index;
  return address < heap->age_mark;
}

static void scavenger_push_promoted(Scavenger *s, Tagged o) {
  if (s->promoted_count == s->promoted_capacity) {
    s->promoted_capacity = s->promoted_capacity ? s->promoted_capacity * 2 : 256;
    s->promoted = realloc(s->promoted, s->promoted_capacity * sizeof(Tagged));
    if (s->promoted == NULL) FATAL("out of memory in the scavenger's worklist");
  }
  s->promoted[s->promoted_count++] = o;
}

/* Copies one from-space object (if not done yet) and returns its new tagged address. */
static Tagged scavenger_evacuate(Scavenger *s, Tagged o) {
  Tagged map_word = heap_object_map(o);
  if (is_smi(map_word)) return heap_object_from_address(map_word); /* forwarded */
  size_t size = heap_object_size_with_map(o, map_word);
  Heap *heap = s->heap;
  uintptr_t target = 0;
  bool promote = s->promote_all || below_age_mark(heap, heap_object_address(o));
  if (!promote) target = semispace_allocate(heap, &heap->to_space, size);
  if (target == 0) {
    target = old_space_allocate(heap, size, true);
    if (target == 0) FATAL("out of memory while promoting (the OS refused memory)");
    promote = true;
  }
  memcpy((void *)target, (void *)heap_object_address(o), size);
  *field_slot(o, 0) = (Tagged)target; /* the forwarding address */
  Tagged copy = heap_object_from_address(target);
  if (promote) scavenger_push_promoted(s, copy);
  return copy;
}

static void scavenger_visit_slot(Tagged *slot, void *ctx) {
  if (in_from_space(*slot)) *slot = scavenger_evacuate(ctx, *slot);
}

/* A remembered slot: update it, and keep it while it still points into the young gen. */
static bool scavenger_visit_remembered(Tagged *slot, void *ctx) {
  scavenger_visit_slot(slot, ctx);
  return is_heap_object(*slot) && page_is_young(*slot);
}

/* Visits the map word first: the map may itself move, and its new copy tells the size. */
static void scavenger_scan_object(Scavenger *s, Tagged o) {
  scavenger_visit_slot(field_slot(o, 0), s);
  heap_object_visit_slots(o, heap_object_map(o), scavenger_visit_slot, s);
}

static void scavenger_scan_promoted(Scavenger *s, Tagged o) {
  scavenger_scan_object(s, o);
  heap_write_barrier_object(o); /* remember the slots that still point into young */
}

/* Cheney's loop: scan to-space behind the allocation top, and the promoted worklist,
 * until neither has anything left. */
static void scavenger_drain(Scavenger *s) {
  SemiSpace *to = &s->heap->to_space;
  Page *scan_page = to->first;
  uintptr_t scan = scan_page->area_start;
  for (;;) {
    bool progress = false;
    while (scan_page != to->current || scan < to->top) {
      uintptr_t end = scan_page == to->current ? to->top : scan_page->area_end;
      if (scan >= end) {
        scan_page = scan_page->next;
        scan = scan_page->area_start;
        continue;
      }
      Tagged o = heap_object_from_address(scan);
      scavenger_scan_object(s, o);
      scan += heap_object_size(o);
      progress = true;
    }
    while (s->promoted_count > 0) {
      scavenger_scan_promoted(s, s->promoted[--s->promoted_count]);
      progress = true;
    }
    if (!progress) break;
  }
}

/* Weak references into the young generation: survivors are updated, the dead cleared. */
static bool scavenger_update_weak(Tagged *slot, void *ctx) {
  if (!in_from_space(*slot)) return true;
  Tagged map_word = heap_object_map(*slot);
  if (!is_smi(map_word)) return false;
  *slot = heap_object_from_address(map_word);
  return true;
}

/* An ephemeron value whose key survived: evacuate it; true when it was not copied yet. */
static bool scavenger_ephemeron_value(Tagged *slot, void *ctx) {
  if (!in_from_space(*slot)) return false;
  bool fresh = !is_smi(heap_object_map(*slot));
  *slot = scavenger_evacuate(ctx, *slot);
  return fresh;
}

static void scavenger_swap_semispaces(Heap *heap) {
  SemiSpace tmp = heap->from_space;
  heap->from_space = heap->to_space;
  heap->to_space = tmp;
  for (Page *p = heap->from_space.first; p; p = p->next) p->flags |= PAGE_FROM_SPACE;
  semispace_reset(&heap->to_space);
}

static void scavenger_release_from_space(Heap *heap) {
  for (Page *p = heap->from_space.first; p; p = p->next) {
    p->flags &= ~(uintptr_t)PAGE_FROM_SPACE;
    if (heap->isolate->flags.zap) {
      for (Tagged *w = (Tagged *)p->area_start; w < (Tagged *)p->area_end; w++) {
        *w = KILN_ZAP_VALUE;
      }
    }
  }
}

void scavenger_run(Heap *heap, bool promote_all) {
  Isolate *iso = heap->isolate;
  Scavenger s = {.heap = heap, .promote_all = promote_all};
  scavenger_swap_semispaces(heap);
  weak_objects_forget_remembered(heap);
  isolate_iterate_roots(iso, scavenger_visit_slot, &s);
  remembered_set_iterate(heap, scavenger_visit_remembered, &s);
  scavenger_drain(&s);
  while (weak_objects_trace_ephemerons(heap, NULL, scavenger_update_weak,
                                       scavenger_ephemeron_value, &s)) {
    scavenger_drain(&s);
  }
  weak_objects_clear_dead(heap, NULL, scavenger_update_weak, NULL);
  weak_objects_remember_young(heap);
  string_table_process_weak_young(iso->string_table, scavenger_update_weak, NULL);
  global_handles_process_weak(iso->global_handles, scavenger_update_weak, NULL);
  backing_stores_process_weak(heap, scavenger_update_weak, NULL);
  scavenger_release_from_space(heap);
  heap->age_mark_page = heap->to_space.current;
  heap->age_mark = heap->to_space.top;
  free(s.promoted);
}
