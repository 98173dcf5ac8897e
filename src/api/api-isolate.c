/*
 * api-isolate.c: isolates, flags, handle scopes, contexts and running scripts (kiln.h).
 *
 * kiln_isolate owns an Isolate (iso->api_data points back). Its first context is the
 * isolate's first realm (bootstrapper_init_isolate); later ones are new realms sharing
 * nothing JS can see. A call that runs JS enters its context (iso->native_context) for its
 * duration: ApiEntry saves the previous realm in a handle and restores it.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-internal.h"
#include "builtins/builtins-weak.h"
#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "execution/execution.h"

_Static_assert(sizeof(HandleScope) <= sizeof(kiln_handle_scope), "kiln_handle_scope too small");

const char *kiln_version(void) { return KILN_VERSION_STRING; }

/* ---- flags ---------------------------------------------------------------------------- */

/* Parses space-separated flags into *flags; false (flags half-parsed) on the first bad one. */
static bool api_parse_flags(Flags *flags, const char *text) {
  char word[256], err[256];
  const char *p = text;
  while (p && *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    size_t n = strcspn(p, " \t\n");
    if (n == 0) break;
    if (n >= sizeof word) return false;
    memcpy(word, p, n);
    word[n] = '\0';
    if (!flags_parse_one(flags, word, err, sizeof err)) return false;
    p += n;
  }
  return true;
}

bool kiln_set_flags_from_string(kiln_isolate *api, const char *text) {
  if (api == NULL || text == NULL) return false;
  Flags copy = api->iso->flags;
  if (!api_parse_flags(&copy, text)) return false;
  api->iso->flags = copy;
  return true;
}

/* ---- isolates ------------------------------------------------------------------------- */

/* The C stack the first thread gets (frames_setup computed iso->c_stack_limit from it). */
static size_t api_default_stack_size(Isolate *iso) {
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  return iso->c_stack_limit != 0 && here > iso->c_stack_limit ? here - iso->c_stack_limit
                                                                : (size_t)1 << 20;
}

kiln_isolate *kiln_isolate_new(const kiln_isolate_params *params) {
  Flags flags;
  flags_init_defaults(&flags);
  if (params && params->flags && !api_parse_flags(&flags, params->flags)) return NULL;
  const char *env = getenv("KILN_FLAGS"); /* testing any embedder under GC stress */
  if (env && !api_parse_flags(&flags, env)) return NULL;
  kiln_isolate *api = calloc(1, sizeof *api);
  if (api == NULL) return NULL;
  api->iso = isolate_new(&flags);
  if (api->iso == NULL) {
    free(api);
    return NULL;
  }
  api->iso->api_data = api;
  if (params && params->heap_limit) api->iso->heap.limit = params->heap_limit;
  api->stack_size = params && params->stack_limit ? params->stack_limit
                                                  : api_default_stack_size(api->iso);
  return api;
}

void kiln_isolate_free(kiln_isolate *api) {
  if (api == NULL) return;
  DCHECK(api->entry_depth == 0 && api->callback == NULL);
  api_modules_free(api);
  isolate_free(api->iso);
  free(api->pointers.slots);
  free(api);
}

void kiln_isolate_terminate(kiln_isolate *api) {
  if (api) isolate_request_termination(api->iso);
}

void kiln_collect_garbage(kiln_isolate *api) {
  if (api) heap_collect_full(&api->iso->heap);
}

void kiln_run_microtasks(kiln_isolate *api) {
  if (api == NULL || api->iso->native_context == 0) return;
  HandleScope scope;
  handle_scope_open(api->iso, &scope);
  ApiEntry e;
  api_enter(&e, api_local_context(handle_new(api->iso, api->iso->native_context)));
  if (execution_run_microtasks(api->iso)) builtins_weak_host_turn_ended(api->iso);
  api_leave(&e);
  handle_scope_close(&scope);
}

void kiln_free(kiln_isolate *api, void *p) {
  KILN_UNUSED(api);
  free(p);
}

void kiln_set_message_callback(kiln_isolate *api, kiln_message_callback cb, void *data) {
  if (api == NULL) return;
  api->message_callback = cb;
  api->message_data = data;
}

void kiln_isolate_set_data(kiln_isolate *api, void *data) {
  if (api) api->embedder_data = data;
}

void *kiln_isolate_get_data(kiln_isolate *api) { return api ? api->embedder_data : NULL; }

bool api_check_failed(kiln_isolate *api, const char *what) {
#ifdef KILN_DEBUG
  FATAL("kiln API misuse: %s", what);
#else
  if (api != NULL) {
    isolate_throw_error(api->iso, kError_TYPE_ERROR, "kiln API misuse: %s", what);
    api_handle_exception(api);
  }
  return false;
#endif
}

/* ---- handle scopes --------------------------------------------------------------------- */

/* A scope opened inside another reserves a slot there for kiln_handle_scope_escape; the
 * outermost one cannot escape (its parent slot would never be freed). */
void kiln_handle_scope_open(kiln_isolate *api, kiln_handle_scope *scope) {
  HandleScope *s = (HandleScope *)scope;
  if (api->iso->handle_scope_data.level > 0) {
    handle_scope_open_escapable(api->iso, s);
  } else {
    handle_scope_open(api->iso, s);
  }
}

void kiln_handle_scope_close(kiln_handle_scope *scope) {
  handle_scope_close((HandleScope *)scope);
}

kiln_value kiln_handle_scope_escape(kiln_handle_scope *scope, kiln_value v) {
  HandleScope *s = (HandleScope *)scope;
  kiln_isolate *api = api_of(s->isolate);
  if (!API_CHECK(api, s->escape_slot != NULL, "escape from an outermost scope, or twice")) {
    return NULL;
  }
  return api_local(handle_scope_escape(s, api_open(v)));
}

/* ---- entering JS ----------------------------------------------------------------------- */

enum { kStackGuard = 128 << 10 };

/* The lowest address of the calling thread's stack (glibc's pthread_getattr_np), measured
 * once per thread change; 0 when unknown. */
static uintptr_t api_thread_stack_low(kiln_isolate *api) {
  pthread_t self = pthread_self();
  if (api->stack_low != 0 && pthread_equal(api->stack_thread, self)) return api->stack_low;
  pthread_attr_t attr;
  void *addr = NULL;
  size_t size = 0;
  api->stack_low = 0;
  if (pthread_getattr_np(self, &attr) == 0) {
    if (pthread_attr_getstack(&attr, &addr, &size) == 0) api->stack_low = (uintptr_t)addr;
    pthread_attr_destroy(&attr);
  }
  api->stack_thread = self;
  return api->stack_low;
}

void api_enter(ApiEntry *e, kiln_context ctx) {
  Isolate *iso = api_isolate_of(*(Tagged *)ctx);
  kiln_isolate *api = api_of(iso);
  e->api = api;
  e->saved_context = handle_new(iso, iso->native_context);
  e->saved_stack_limit = iso->c_stack_limit;
  if (api->entry_depth++ == 0 && api->callback == NULL) {
    /* The outermost entry: JS may use stack_size bytes below here, on whatever thread
     * this is, but never the last kStackGuard bytes of that thread's stack. */
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    uintptr_t limit = here > api->stack_size ? here - api->stack_size : 0;
    uintptr_t low = api_thread_stack_low(api);
    if (low != 0 && limit < low + kStackGuard) limit = low + kStackGuard;
    iso->c_stack_limit = limit;
  }
  iso->native_context = *(Tagged *)ctx;
}

void api_leave(ApiEntry *e) {
  Isolate *iso = e->api->iso;
  iso->native_context = H(e->saved_context);
  iso->c_stack_limit = e->saved_stack_limit;
  e->api->entry_depth--;
  api_handle_exception(e->api);
}

/* ---- contexts and scripts --------------------------------------------------------------- */

kiln_context kiln_context_new(kiln_isolate *api) {
  if (api == NULL) return NULL;
  Isolate *iso = api->iso;
  Handle realm;
  if (iso->native_context == 0) {
    realm = bootstrapper_init_isolate(iso) ? handle_new(iso, iso->native_context) : HANDLE_NULL;
  } else {
    realm = bootstrapper_create_realm(iso);
  }
  if (handle_is_null(realm) && !isolate_has_pending_exception(iso)) {
    isolate_throw_out_of_memory(iso);
  }
  api_handle_exception(api);
  return api_local_context(realm);
}

kiln_isolate *kiln_context_isolate(kiln_context ctx) {
  return ctx ? api_of_context(ctx) : NULL;
}

kiln_value kiln_context_global(kiln_context ctx) {
  if (ctx == NULL) return NULL;
  Tagged realm = *(Tagged *)ctx;
  Isolate *iso = api_isolate_of(realm);
  if (!API_CHECK(api_of(iso), is_native_context(realm), "not a context")) return NULL;
  return api_local(handle_new(iso, context_get(realm, NATIVE_CONTEXT_global_this)));
}

kiln_value kiln_eval(kiln_context ctx, const char *src, ssize_t len, const char *filename) {
  if (ctx == NULL) return NULL;
  kiln_isolate *api = api_of_context(ctx);
  if (!API_CHECK(api, src != NULL, "kiln_eval: NULL source")) return NULL;
  size_t length = len < 0 ? strlen(src) : (size_t)len;
  ApiEntry e;
  api_enter(&e, ctx);
  Handle result = execution_run_script(api->iso, src, length, filename ? filename : "<eval>");
  api_leave(&e);
  return api_local(result);
}
