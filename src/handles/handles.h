/*
 * handles.h: handles, handle scopes and global (persistent) handles, as in seed 002.
 *
 * A Handle points at a slot that holds a tagged value. The collector knows every slot, so
 * when it moves an object it rewrites the slot and the Handle stays valid. C code holds
 * Handles, never raw Tagged values, across anything that may allocate.
 *
 * Local handles live in handle blocks owned by the isolate. A HandleScope, declared on the
 * C stack, remembers `next` and `limit` when it opens and restores them when it closes; the
 * slots handed out in between (and any extension blocks) are released together:
 *
 *   block: | slot | slot | slot | ... | slot |
 *                        ^next         ^limit
 *
 * A Handle with loc == NULL is empty: the operation that returned it threw (the exception is
 * pending on the isolate), as V8's MaybeHandle.
 *
 * Global handles (handles/global-handles.c) live outside any scope, at stable addresses,
 * until freed; a weak one does not keep its object alive and gets a callback when it dies.
 */
#ifndef KILN_HANDLES_HANDLES_H_
#define KILN_HANDLES_HANDLES_H_

#include "base/globals.h"

struct Isolate;

typedef struct { Tagged *loc; } Handle;

#define HANDLE_NULL ((Handle){NULL})
KILN_INLINE bool handle_is_null(Handle h) { return h.loc == NULL; }
/* The value behind a handle. Valid until the next allocation; do not keep it. */
KILN_INLINE Tagged H(Handle h) { return *h.loc; }
KILN_INLINE bool handle_is_identical(Handle a, Handle b) { return *a.loc == *b.loc; }

enum { kHandleBlockSize = 1022 };

typedef struct {
  Tagged *next;
  Tagged *limit;
  int level;           /* open scopes */
  Tagged **blocks;     /* every block in use, the current one last; a scope that closes
                          frees those added since it opened (seed 002's extensions) */
  int block_count, block_capacity;
  Tagged *spare;       /* one released block kept to avoid malloc churn */
} HandleScopeData;

typedef struct HandleScope {
  struct Isolate *isolate;
  Tagged *prev_next;
  Tagged *prev_limit;
  int prev_block_count;
  Tagged *escape_slot;  /* for escapable scopes: a slot reserved in the parent scope */
} HandleScope;

/* Opens a scope. Every handle made until handle_scope_close belongs to it. */
void handle_scope_open(struct Isolate *iso, HandleScope *scope);
void handle_scope_close(HandleScope *scope);
/* An escapable scope reserves one slot in the enclosing scope for handle_scope_escape. */
void handle_scope_open_escapable(struct Isolate *iso, HandleScope *scope);
/* Copies v into the reserved slot of the enclosing scope; returns that handle. Once. */
Handle handle_scope_escape(HandleScope *scope, Handle v);

/* A new handle for v in the innermost scope. Needs an open scope. Never allocates on the
 * JS heap (it may malloc a handle block; failure there is fatal). */
Handle handle_new(struct Isolate *iso, Tagged v);

/* Number of live local handles (for tests and leak checks). */
int handle_scope_count_handles(struct Isolate *iso);

void handle_scope_data_init(HandleScopeData *data);
void handle_scope_data_free(HandleScopeData *data);

/* Visits every live local handle slot (a GC root). */
typedef void (*RootVisitor)(Tagged *slot, void *ctx);
void handle_scope_iterate(HandleScopeData *data, RootVisitor visit, void *ctx);

#endif /* KILN_HANDLES_HANDLES_H_ */
