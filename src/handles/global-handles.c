/*
 * global-handles.c: persistent handles in blocks of nodes.
 *
 *   block: | node | node | ... | node |     node: | value | state | callback | data | next |
 *
 * A Handle to a global points at node->value, the node's first field, so the node is found
 * from the Handle. Free nodes are chained on a free list; blocks are never freed before the
 * isolate, so a node's address stays valid (and checkable) for the isolate's life.
 */
#include "handles/global-handles.h"

#include <stdlib.h>
#include <string.h>

#include "execution/isolate.h"

enum { kGlobalBlockNodes = 256 };

/* NODE_CLEARED: was weak, and its object died; the value is 0 until freed. */
typedef enum { NODE_FREE, NODE_STRONG, NODE_WEAK, NODE_CLEARED } NodeState;

typedef struct Node {
  Tagged value;          /* first: a Handle's loc points here */
  uint8_t state;
  WeakCallback callback;
  void *data;
  struct Node *next_free;
} Node;

typedef struct { WeakCallback callback; void *data; } PendingCallback;

struct GlobalHandles {
  Node **blocks;
  int block_count;
  Node *free_list;
  int live;
  PendingCallback *pending;
  int pending_count, pending_capacity;
};

GlobalHandles *global_handles_new(void) { return calloc(1, sizeof(GlobalHandles)); }

void global_handles_free(GlobalHandles *gh) {
  if (gh == NULL) return;
  for (int i = 0; i < gh->block_count; i++) free(gh->blocks[i]);
  free(gh->blocks);
  free(gh->pending);
  free(gh);
}

static bool global_handles_add_block(GlobalHandles *gh) {
  Node *block = calloc(kGlobalBlockNodes, sizeof(Node));
  Node **blocks = realloc(gh->blocks, (size_t)(gh->block_count + 1) * sizeof(Node *));
  if (block == NULL || blocks == NULL) { free(block); if (blocks) gh->blocks = blocks; return false; }
  gh->blocks = blocks;
  gh->blocks[gh->block_count++] = block;
  for (int i = kGlobalBlockNodes - 1; i >= 0; i--) {
    block[i].next_free = gh->free_list;
    gh->free_list = &block[i];
  }
  return true;
}

Handle global_handle_new(Isolate *iso, Tagged v) {
  GlobalHandles *gh = iso->global_handles;
  if (gh->free_list == NULL && !global_handles_add_block(gh)) FATAL("out of memory for global handles");
  Node *n = gh->free_list;
  gh->free_list = n->next_free;
  n->value = v;
  n->state = NODE_STRONG;
  n->callback = NULL;
  n->data = NULL;
  n->next_free = NULL;
  gh->live++;
  return (Handle){&n->value};
}

static Node *node_of(Handle h) { return (Node *)h.loc; }

void global_handle_free(Isolate *iso, Handle h) {
  GlobalHandles *gh = iso->global_handles;
  Node *n = node_of(h);
  DCHECK(n->state != NODE_FREE);
  n->state = NODE_FREE;
  n->value = iso->flags.zap ? KILN_ZAP_VALUE : 0;
  n->callback = NULL;
  n->next_free = gh->free_list;
  gh->free_list = n;
  gh->live--;
}

void global_handle_make_weak(Isolate *iso, Handle h, WeakCallback cb, void *data) {
  Node *n = node_of(h);
  n->state = NODE_WEAK;
  n->callback = cb;
  n->data = data;
}

void global_handle_clear_weak(Isolate *iso, Handle h) {
  Node *n = node_of(h);
  if (n->state == NODE_WEAK) n->state = NODE_STRONG;
  n->callback = NULL;
}

bool global_handle_is_weak(Handle h) { return node_of(h)->state == NODE_WEAK; }

bool global_handle_is_cleared(Handle h) { return node_of(h)->state == NODE_CLEARED; }

bool global_handle_is_live(Isolate *iso, uintptr_t slot) {
  GlobalHandles *gh = iso->global_handles;
  for (int i = 0; i < gh->block_count; i++) {
    uintptr_t start = (uintptr_t)gh->blocks[i];
    uintptr_t end = start + kGlobalBlockNodes * sizeof(Node);
    if (slot < start || slot >= end) continue;
    if ((slot - start) % sizeof(Node) != 0) return false;
    return ((Node *)slot)->state != NODE_FREE;
  }
  return false;
}

int global_handles_count(Isolate *iso) { return iso->global_handles->live; }

void global_handles_iterate_strong(GlobalHandles *gh, RootVisitor visit, void *ctx) {
  for (int i = 0; i < gh->block_count; i++) {
    for (int j = 0; j < kGlobalBlockNodes; j++) {
      Node *n = &gh->blocks[i][j];
      if (n->state == NODE_STRONG) visit(&n->value, ctx);
    }
  }
}

static void global_handles_queue(GlobalHandles *gh, Node *n) {
  if (n->callback == NULL) return;
  if (gh->pending_count == gh->pending_capacity) {
    gh->pending_capacity = gh->pending_capacity ? gh->pending_capacity * 2 : 16;
    gh->pending = realloc(gh->pending, (size_t)gh->pending_capacity * sizeof(PendingCallback));
    if (gh->pending == NULL) FATAL("out of memory for weak callbacks");
  }
  gh->pending[gh->pending_count++] = (PendingCallback){n->callback, n->data};
  n->callback = NULL;
}

void global_handles_process_weak(GlobalHandles *gh, WeakSlotUpdater is_live, void *ctx) {
  for (int i = 0; i < gh->block_count; i++) {
    for (int j = 0; j < kGlobalBlockNodes; j++) {
      Node *n = &gh->blocks[i][j];
      if (n->state != NODE_WEAK) continue;
      if (!is_live(&n->value, ctx)) {
        n->value = 0;
        n->state = NODE_CLEARED;
        global_handles_queue(gh, n);
      }
    }
  }
}

/* The callbacks may create or free handles and allocate: take the queue first. */
void global_handles_run_callbacks(Isolate *iso) {
  GlobalHandles *gh = iso->global_handles;
  while (gh->pending_count > 0) {
    PendingCallback cb = gh->pending[--gh->pending_count];
    cb.callback(cb.data);
  }
}
