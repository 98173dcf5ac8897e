/*
 * api-persistent.c: persistent handles (kiln.h), V8's Persistent / Global (seed 004).
 *
 * A kiln_persistent is a small malloc'd record around one global handle
 * (handles/global-handles.h): a strong global handle is a GC root; a weak one is cleared
 * when its object dies and its callback runs after that collection.
 */
#include <stdlib.h>

#include "api/api-internal.h"

struct kiln_persistent {
  kiln_isolate *api;
  Handle global;
};

kiln_persistent *kiln_persistent_new(kiln_isolate *api, kiln_value v) {
  if (api == NULL || !API_CHECK(api, v != NULL, "kiln_persistent_new: empty value")) return NULL;
  kiln_persistent *p = malloc(sizeof *p);
  if (p == NULL) return NULL;
  p->api = api;
  p->global = global_handle_new(api->iso, *(Tagged *)v);
  return p;
}

kiln_value kiln_persistent_get(kiln_isolate *api, kiln_persistent *p) {
  if (api == NULL || p == NULL) return NULL;
  if (!API_CHECK(api, p->api == api, "a persistent of another isolate")) return NULL;
  if (global_handle_is_cleared(p->global)) return NULL;
  return api_local(handle_new(api->iso, H(p->global)));
}

void kiln_persistent_set_weak(kiln_persistent *p, void (*callback)(void *data), void *data) {
  if (p == NULL || global_handle_is_cleared(p->global)) return;
  global_handle_make_weak(p->api->iso, p->global, callback, data);
}

void kiln_persistent_free(kiln_persistent *p) {
  if (p == NULL) return;
  global_handle_free(p->api->iso, p->global);
  free(p);
}
