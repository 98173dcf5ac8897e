/*
 * api-pointer.c: type-pointer's C half (issue 9, kiln.h): a value's address as a number.
 *
 * kiln_pointer_alloc hands out the address of a new strong global handle slot. Every other
 * call first checks that the address is one this isolate handed out and has not freed (the
 * set below), and that global_handle_is_live agrees, before touching the slot: a freed or
 * made-up address, or one of another isolate, throws TypeError and is never dereferenced.
 * The set is an open-addressing hash set of addresses (0 empty, 1 a deleted entry).
 */
#include <stdlib.h>

#include "api/api-internal.h"

enum { kPointerEmpty = 0, kPointerDeleted = 1, kPointerSetInitial = 16 };

static size_t pointer_hash(uintptr_t a, size_t capacity) {
  uint64_t h = (uint64_t)a * UINT64_C(0x9e3779b97f4a7c15);
  return (size_t)(h >> 32) & (capacity - 1);
}

/* The index of a in the set, or -1. */
static ssize_t pointer_find(const ApiPointerSet *s, uintptr_t a) {
  if (s->capacity == 0) return -1;
  for (size_t i = pointer_hash(a, s->capacity), n = 0; n < s->capacity;
       i = (i + 1) & (s->capacity - 1), n++) {
    if (s->slots[i] == a) return (ssize_t)i;
    if (s->slots[i] == kPointerEmpty) return -1;
  }
  return -1;
}

static bool pointer_insert(ApiPointerSet *s, uintptr_t a);

static bool pointer_grow(ApiPointerSet *s) {
  size_t capacity = s->capacity ? s->capacity * 2 : kPointerSetInitial;
  if (s->count * 4 < s->capacity) capacity = s->capacity; /* mostly deleted: rehash only */
  ApiPointerSet grown = {calloc(capacity, sizeof(uintptr_t)), capacity, 0, 0};
  if (grown.slots == NULL) return false;
  for (size_t i = 0; i < s->capacity; i++) {
    if (s->slots[i] > kPointerDeleted) pointer_insert(&grown, s->slots[i]);
  }
  free(s->slots);
  *s = grown;
  return true;
}

static bool pointer_insert(ApiPointerSet *s, uintptr_t a) {
  if ((s->used + 1) * 4 > s->capacity * 3 && !pointer_grow(s)) return false;
  size_t i = pointer_hash(a, s->capacity);
  while (s->slots[i] > kPointerDeleted) i = (i + 1) & (s->capacity - 1);
  if (s->slots[i] == kPointerEmpty) s->used++;
  s->slots[i] = a;
  s->count++;
  return true;
}

/* The slot at addr, or NULL with a TypeError handled (never reads addr otherwise). */
static Tagged *pointer_slot(kiln_isolate *api, uintptr_t addr) {
  if (pointer_find(&api->pointers, addr) >= 0 && global_handle_is_live(api->iso, addr)) {
    return (Tagged *)addr;
  }
  isolate_throw_error(api->iso, kError_TYPE_ERROR,
                      "0x%llx is not a live pointer of this isolate (freed, or never allocated)",
                      (unsigned long long)addr);
  api_handle_exception(api);
  return NULL;
}

uintptr_t kiln_pointer_alloc(kiln_isolate *api, kiln_value v) {
  if (api == NULL || !API_CHECK(api, v != NULL, "kiln_pointer_alloc: empty value")) return 0;
  Handle h = global_handle_new(api->iso, *(Tagged *)v);
  if (!pointer_insert(&api->pointers, (uintptr_t)h.loc)) {
    global_handle_free(api->iso, h);
    isolate_throw_out_of_memory(api->iso);
    api_handle_exception(api);
    return 0;
  }
  return (uintptr_t)h.loc;
}

kiln_value kiln_pointer_read(kiln_isolate *api, uintptr_t addr) {
  if (api == NULL) return NULL;
  Tagged *slot = pointer_slot(api, addr);
  return slot ? api_local(handle_new(api->iso, *slot)) : NULL;
}

/* A global handle slot is a root, not a heap slot: no write barrier. */
bool kiln_pointer_write(kiln_isolate *api, uintptr_t addr, kiln_value v) {
  if (api == NULL || !API_CHECK(api, v != NULL, "kiln_pointer_write: empty value")) return false;
  Tagged *slot = pointer_slot(api, addr);
  if (slot == NULL) return false;
  *slot = *(Tagged *)v;
  return true;
}

bool kiln_pointer_free(kiln_isolate *api, uintptr_t addr) {
  if (api == NULL) return false;
  Tagged *slot = pointer_slot(api, addr);
  if (slot == NULL) return false;
  api->pointers.slots[pointer_find(&api->pointers, addr)] = kPointerDeleted;
  api->pointers.count--;
  global_handle_free(api->iso, (Handle){slot});
  return true;
}
