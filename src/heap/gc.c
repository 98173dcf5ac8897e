/*
 * gc.c: the entry points of the two collections, with verification, tracing and the weak
 * callbacks that run once the heap is consistent again.
 */
#include "execution/isolate.h"
#include "heap/heap-internal.h"

static void gc_begin(Heap *heap) {
  if (heap->in_gc) FATAL("GC re-entered");
  heap->in_gc = true;
  if (heap->isolate->flags.verify_heap) heap_verify(heap, "before GC");
}

static void gc_end(Heap *heap) {
  if (heap->isolate->flags.verify_heap) heap_verify(heap, "after GC");
  heap->in_gc = false;
  global_handles_run_callbacks(heap->isolate);
}

void heap_collect_young(Heap *heap) {
  if (heap->in_gc) return;
  double start = heap_now_ms();
  size_t young = heap_young_generation_size(heap), old = heap_old_generation_used(heap);
  gc_begin(heap);
  scavenger_run(heap, false);
  heap->stats.scavenges++;
  heap_trace(heap, "scavenge", young, old, start);
  gc_end(heap);
  /* Promotion may push the old generation past the limit: then collect it fully now;
   * if that is not enough, over_limit makes allocations fail until memory is released. */
  if (heap_old_generation_size(heap) > heap->limit) heap_collect_full(heap);
}

void heap_collect_full(Heap *heap) {
  if (heap->in_gc) return;
  double start = heap_now_ms();
  size_t young = heap_young_generation_size(heap), old = heap_old_generation_used(heap);
  gc_begin(heap);
  mark_sweep_run(heap);
  heap->stats.full_gcs++;
  heap->old_gen_at_last_full_gc = heap_old_generation_size(heap);
  heap->external_bytes_at_last_gc = heap->external_bytes;
  heap->over_limit = heap->old_gen_at_last_full_gc > heap->limit;
  heap_trace(heap, "mark-sweep", young, old, start);
  gc_end(heap);
}
