/*
 * global-handles.h: handles that outlive every HandleScope (V8's Persistent, seed 004).
 *
 * A global handle is a node in a block of nodes; its address never changes while it lives,
 * which is what type-pointer hands out. Strong nodes are GC roots. Weak nodes are not: when
 * the collector finds their object dead it clears the node and queues its callback, and the
 * callbacks run after the collection, outside the GC (so they may allocate).
 */
#ifndef KILN_HANDLES_GLOBAL_HANDLES_H_
#define KILN_HANDLES_GLOBAL_HANDLES_H_

#include "handles/handles.h"

typedef void (*WeakCallback)(void *data);

typedef struct GlobalHandles GlobalHandles;

GlobalHandles *global_handles_new(void);
void global_handles_free(GlobalHandles *gh);

/* A new strong global handle holding v. Its slot is at a stable address. */
Handle global_handle_new(struct Isolate *iso, Tagged v);
void global_handle_free(struct Isolate *iso, Handle h);
/* Makes h weak: after its object dies, the handle is cleared and callback(data) runs. */
void global_handle_make_weak(struct Isolate *iso, Handle h, WeakCallback cb, void *data);
void global_handle_clear_weak(struct Isolate *iso, Handle h);
bool global_handle_is_weak(Handle h);
/* true once a weak handle's object has died (its slot then holds 0). */
bool global_handle_is_cleared(Handle h);
/* true if slot is the slot of a live global handle of this isolate. Never reads memory
 * outside the isolate's own blocks, so any number may be asked about. */
bool global_handle_is_live(struct Isolate *iso, uintptr_t slot);
int global_handles_count(struct Isolate *iso);

/* GC interface. */
void global_handles_iterate_strong(GlobalHandles *gh, RootVisitor visit, void *ctx);
/* For each weak node: is_live(slot, ctx) updates the slot (if the object moved) and says
 * whether the object survived; dead nodes are cleared and their callbacks queued. */
typedef bool (*WeakSlotUpdater)(Tagged *slot, void *ctx);
void global_handles_process_weak(GlobalHandles *gh, WeakSlotUpdater is_live, void *ctx);
/* Runs the queued weak callbacks. Called after a GC, outside it. */
void global_handles_run_callbacks(struct Isolate *iso);

#endif /* KILN_HANDLES_GLOBAL_HANDLES_H_ */
