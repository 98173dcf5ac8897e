/* zone.c: the front end's arena allocator (see zone.h). */
#include "parsing/zone.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ZoneBlock {
  ZoneBlock *next;
  size_t size;       /* usable bytes after the header */
  _Alignas(8) char data[];
};

Zone *zone_new(void) {
  Zone *zone = calloc(1, sizeof(Zone));
  if (!zone) return NULL;
  zone->reserve = malloc(kZoneReserveSize);
  if (!zone->reserve) { free(zone); return NULL; }
  return zone;
}

/* Memory after a failed malloc: recycled reserve space (see zone.h). */
static void *zone_alloc_reserve(Zone *zone, size_t size) {
  zone->failed = true;
  if (size > kZoneReserveSize) return NULL;
  if (zone->reserve_used + size > kZoneReserveSize) zone->reserve_used = 0;
  void *result = zone->reserve + zone->reserve_used;
  zone->reserve_used += size;
  return result;
}

/* A block of size usable bytes, linked into the zone; NULL when malloc fails. */
static ZoneBlock *zone_new_block(Zone *zone, size_t size) {
  if (zone->max_bytes && zone->allocated + size > zone->max_bytes) return NULL;
  ZoneBlock *block = malloc(sizeof(ZoneBlock) + size);
  if (!block) return NULL;
  block->size = size;
  zone->allocated += size;
  return block;
}

/* A request bigger than half a block gets a block of its own, linked behind the current
 * one so bump allocation continues where it was. */
static void *zone_alloc_big(Zone *zone, size_t size) {
  ZoneBlock *block = zone_new_block(zone, size);
  if (!block) return zone_alloc_reserve(zone, size);
  if (zone->blocks) {
    block->next = zone->blocks->next;
    zone->blocks->next = block;
  } else {
    block->next = NULL;
    zone->blocks = block;
    zone->top = zone->limit = block->data + size;
  }
  return block->data;
}

void *zone_alloc(Zone *zone, size_t size) {
  size = (size + 7) & ~(size_t)7;
  if (size == 0) size = 8;
  if (zone->failed) return zone_alloc_reserve(zone, size);
  if ((size_t)(zone->limit - zone->top) < size) {
    if (size > kZoneBlockSize / 2) return zone_alloc_big(zone, size);
    ZoneBlock *block = zone_new_block(zone, kZoneBlockSize);
    if (!block) return zone_alloc_reserve(zone, size);
    block->next = zone->blocks;
    zone->blocks = block;
    zone->top = block->data;
    zone->limit = block->data + kZoneBlockSize;
  }
  void *result = zone->top;
  zone->top += size;
  return result;
}

void *zone_alloc_zeroed(Zone *zone, size_t size) {
  void *p = zone_alloc(zone, size);
  if (p) memset(p, 0, size);
  return p;
}

char *zone_strndup(Zone *zone, const char *s, size_t len) {
  char *p = zone_alloc(zone, len + 1);
  if (!p) return NULL;
  memcpy(p, s, len);
  p[len] = 0;
  return p;
}

void zone_free(Zone *zone) {
  if (!zone) return;
  ZoneBlock *b = zone->blocks;
  while (b) {
    ZoneBlock *next = b->next;
    free(b);
    b = next;
  }
  free(zone->reserve);
  free(zone);
}
