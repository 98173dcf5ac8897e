/*
 * zone.h: an arena allocator for the front end (V8's Zone). The AST, its strings, lists and
 * scopes all live in one Zone that is freed in one go with zone_free.
 *
 * Allocation never returns NULL for requests up to kZoneReserveSize bytes: when malloc
 * fails the zone records the failure (zone->failed, checked by the parser, which then
 * reports "RangeError: out of memory") and hands out memory from a reserve block that it
 * recycles, so the caller can unwind normally; what it wrote there is garbage and the
 * parse is abandoned. Larger requests may return NULL once the zone has failed: the few
 * callers that make them (list growth, string buffers) check.
 */
#ifndef KILN_PARSING_ZONE_H_
#define KILN_PARSING_ZONE_H_

#include <stdbool.h>
#include <stddef.h>

enum {
  kZoneBlockSize = 64 * 1024,    /* the usual block; bigger requests get their own */
  kZoneReserveSize = 16 * 1024,  /* the emergency block used after malloc fails */
};

typedef struct ZoneBlock ZoneBlock;

typedef struct Zone {
  ZoneBlock *blocks;     /* newest first */
  char *top, *limit;     /* the free part of the newest block */
  char *reserve;         /* malloc'd at zone_new */
  size_t reserve_used;
  size_t allocated;      /* bytes obtained from malloc, for statistics */
  bool failed;           /* some malloc failed: the results are unusable */
  size_t max_bytes;      /* 0, or a budget beyond which allocation fails as if malloc did
                            (for tests of the out-of-memory paths) */
} Zone;

/* A new zone, or NULL when even its small header cannot be allocated. */
Zone *zone_new(void);
/* size bytes aligned to 8, uninitialised. See above about failure. */
void *zone_alloc(Zone *zone, size_t size);
/* zone_alloc then memset 0. */
void *zone_alloc_zeroed(Zone *zone, size_t size);
/* A copy of s[0..len) with a NUL after it. */
char *zone_strndup(Zone *zone, const char *s, size_t len);
/* Frees every block and the zone itself. */
void zone_free(Zone *zone);

#endif /* KILN_PARSING_ZONE_H_ */
