/*
 * handles.c: local handles in blocks, and the scopes that release them (seed 002).
 *
 * Invariant: slots [block start, next) of the current block, and every slot of the earlier
 * blocks, are live handles; the collector visits exactly those.
 */
#include "handles/handles.h"

#include <stdlib.h>
#include <string.h>

#include "execution/isolate.h"

void handle_scope_data_init(HandleScopeData *d) { memset(d, 0, sizeof *d); }

void handle_scope_data_free(HandleScopeData *d) {
  for (int i = 0; i < d->block_count; i++) free(d->blocks[i]);
  free(d->blocks);
  free(d->spare);
  memset(d, 0, sizeof *d);
}

/* Starts a new block when the current one is full. */
static void handle_scope_extend(HandleScopeData *d) {
  if (d->level == 0) FATAL("handle created with no HandleScope open");
  if (d->block_count == d->block_capacity) {
    d->block_capacity = d->block_capacity ? d->block_capacity * 2 : 8;
    d->blocks = realloc(d->blocks, (size_t)d->block_capacity * sizeof(Tagged *));
    if (d->blocks == NULL) FATAL("out of memory for handle blocks");
  }
  Tagged *block = d->spare ? d->spare : malloc(kHandleBlockSize * sizeof(Tagged));
  if (block == NULL) FATAL("out of memory for a handle block");
  d->spare = NULL;
  d->blocks[d->block_count++] = block;
  d->next = block;
  d->limit = block + kHandleBlockSize;
}

Handle handle_new(Isolate *iso, Tagged v) {
  HandleScopeData *d = &iso->handle_scope_data;
  if (KILN_UNLIKELY(d->next == d->limit)) handle_scope_extend(d);
  Tagged *slot = d->next++;
  *slot = v;
  return (Handle){slot};
}

void handle_scope_open(Isolate *iso, HandleScope *scope) {
  HandleScopeData *d = &iso->handle_scope_data;
  scope->isolate = iso;
  scope->prev_next = d->next;
  scope->prev_limit = d->limit;
  scope->prev_block_count = d->block_count;
  scope->escape_slot = NULL;
  d->level++;
}

void handle_scope_open_escapable(Isolate *iso, HandleScope *scope) {
  Tagged *slot = handle_new(iso, ROOT(iso, the_hole_value)).loc;
  handle_scope_open(iso, scope);
  scope->escape_slot = slot;
}

Handle handle_scope_escape(HandleScope *scope, Handle v) {
  if (scope->escape_slot == NULL) FATAL("handle_scope_escape: not escapable, or escaped twice");
  Tagged *slot = scope->escape_slot;
  scope->escape_slot = NULL;
  *slot = handle_is_null(v) ? ROOT(scope->isolate, undefined_value) : H(v);
  return handle_is_null(v) ? HANDLE_NULL : (Handle){slot};
}

/* Releases the blocks added since the scope opened (V8's "extensions"), keeping one spare.
 * Under --zap, every popped slot is poisoned so a stale Handle reads garbage loudly. */
void handle_scope_close(HandleScope *scope) {
  Isolate *iso = scope->isolate;
  HandleScopeData *d = &iso->handle_scope_data;
  bool zap = iso->flags.zap;
  if (zap && scope->prev_next) {
    Tagged *end = d->block_count == scope->prev_block_count ? d->next : scope->prev_limit;
    for (Tagged *p = scope->prev_next; p < end; p++) *p = KILN_ZAP_VALUE;
  }
  while (d->block_count > scope->prev_block_count) {
    Tagged *block = d->blocks[--d->block_count];
    if (zap) {
      for (int i = 0; i < kHandleBlockSize; i++) block[i] = KILN_ZAP_VALUE;
    }
    if (d->spare == NULL) d->spare = block; else free(block);
  }
  d->next = scope->prev_next;
  d->limit = scope->prev_limit;
  d->level--;
}

static Tagged *handle_block_end(HandleScopeData *d, int i) {
  return i == d->block_count - 1 ? d->next : d->blocks[i] + kHandleBlockSize;
}

void handle_scope_iterate(HandleScopeData *d, RootVisitor visit, void *ctx) {
  for (int i = 0; i < d->block_count; i++) {
    for (Tagged *p = d->blocks[i], *end = handle_block_end(d, i); p < end; p++) visit(p, ctx);
  }
}

int handle_scope_count_handles(Isolate *iso) {
  HandleScopeData *d = &iso->handle_scope_data;
  int n = 0;
  for (int i = 0; i < d->block_count; i++) n += (int)(handle_block_end(d, i) - d->blocks[i]);
  return n;
}
