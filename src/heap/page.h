/*
 * page.h: the memory chunk every heap object lives in, and the write barrier.
 *
 * The heap is made of chunks aligned to kPageSize. A chunk starts with this Page header;
 * its objects follow from area_start. Any object's header is found by masking the object's
 * address (an object always starts inside its chunk's first kPageSize bytes, also in a
 * large-object chunk), so the write barrier needs no isolate.
 *
 *   | Page header | object | object | ... | free | (area_end)
 *
 * Invariants:
 *  - PAGE_YOUNG is set exactly on the pages of both semispaces.
 *  - Every slot of an old or large object that holds a pointer to a young object is in its
 *    page's slot_set (the remembered set). The write barrier keeps this true for stores;
 *    code that fills old objects in bulk calls heap_write_barrier_object afterwards.
 */
#ifndef KILN_HEAP_PAGE_H_
#define KILN_HEAP_PAGE_H_

#include "base/globals.h"

enum { kPageSizeLog2 = 18, kPageSize = 1 << kPageSizeLog2 };

typedef enum {
  PAGE_YOUNG = 1 << 0,      /* in one of the two semispaces */
  PAGE_FROM_SPACE = 1 << 1, /* in the semispace being evacuated (during a scavenge) */
  PAGE_OLD = 1 << 2,        /* an old-space page, swept by mark-sweep */
  PAGE_LARGE = 1 << 3,      /* holds one large object */
  PAGE_LARGE_MARKED = 1 << 4, /* the large object is marked live */
} PageFlags;

struct Heap;

typedef struct Page {
  uintptr_t flags;
  struct Heap *heap;
  struct Page *next;
  uintptr_t area_start;  /* first object */
  uintptr_t area_end;    /* end of usable memory */
  size_t chunk_size;     /* bytes of the whole chunk, header included */
  uint32_t index;        /* position in its space's page list (for the age mark) */
  uint64_t *slot_set;    /* remembered set: one bit per word of the chunk, NULL if empty */
  uint64_t *mark_bits;   /* old pages: one bit per word of the chunk, set at object starts */
} Page;

KILN_INLINE Page *page_of(uintptr_t address) {
  return (Page *)(address & ~((uintptr_t)kPageSize - 1));
}

KILN_INLINE bool page_is_young(uintptr_t address) {
  return (page_of(address)->flags & PAGE_YOUNG) != 0;
}

/* Records `slot` of `host` in the remembered set (heap/remembered-set.c). */
void remembered_set_insert(Page *page, uintptr_t slot);

/* Records every slot of host that points into the young generation (after a bulk copy). */
void heap_write_barrier_object(Tagged host);

/* The generational write barrier: remember an old→young pointer just stored at slot. */
KILN_INLINE void heap_write_barrier(Tagged host, Tagged *slot, Tagged value) {
  if (!(value & kHeapObjectTag) || !page_is_young(value)) return;
  Page *host_page = page_of(host);
  if (host_page->flags & PAGE_YOUNG) return;
  remembered_set_insert(host_page, (uintptr_t)slot);
}

#endif /* KILN_HEAP_PAGE_H_ */
