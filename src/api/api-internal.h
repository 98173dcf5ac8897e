/*
 * api-internal.h: what the files of src/api share: the API's per-isolate state, the
 * conversions between public handles and internal Handles (V8's ToLocal / OpenHandle), and
 * the entry/exit discipline of calls that run JS.
 *
 * Representation (seeds 002 and 004): a kiln_value, kiln_context or kiln_template is the
 * Tagged* of a handle slot, exactly an internal Handle's loc, so the conversions are casts.
 * A kiln_context is a handle to a NativeContext; a kiln_template a handle to a template
 * (api-templates.c). kiln_isolate is a malloc'd ApiIsolate that owns the Isolate; the
 * Isolate points back through iso->api_data, and any heap object finds its Isolate through
 * its page header (page->heap->isolate), so calls taking only a value need no isolate.
 *
 * Exceptions (kiln.h "Errors"): every public call that may throw ends with
 * api_handle_exception, which moves a pending exception to the innermost kiln_try_catch
 * opened at the current callback level, else to the running C callback (rethrown into JS
 * when it returns: V8's "scheduled exception"), else to the message callback. So no
 * exception is ever left pending when control returns to the embedder.
 */
#ifndef KILN_API_API_INTERNAL_H_
#define KILN_API_API_INTERNAL_H_

#include "kiln.h"

#include <pthread.h>

#include "builtins/builtins.h"
#include "execution/isolate.h"
#include "heap/heap.h"

typedef struct ApiTryCatch ApiTryCatch;
typedef struct ApiPointerSet {   /* the slots kiln_pointer_alloc handed out (open hashing) */
  uintptr_t *slots;              /* 0: empty, 1: deleted */
  size_t capacity, count, used;
} ApiPointerSet;

struct kiln_isolate {
  Isolate *iso;
  kiln_message_callback message_callback;
  void *message_data;
  ApiTryCatch *try_catch;          /* the innermost open kiln_try_catch */
  kiln_callback_info *callback;    /* the innermost running C callback, or NULL */
  int entry_depth;                 /* API calls into JS in progress */
  size_t stack_size;               /* C stack JS may use below the outermost entry */
  uintptr_t stack_low;             /* the lowest address of stack_thread's stack (0: unknown) */
  pthread_t stack_thread;          /* the thread stack_low was measured on */
  void *embedder_data;
  ApiPointerSet pointers;
};

/* A C callback in progress (function, getter or setter). Its slots are local handles of
 * the builtin's HandleScope. */
struct kiln_callback_info {
  kiln_isolate *api;
  kiln_callback_info *prev;
  int argc;
  Tagged *argv;
  Tagged *self;        /* this */
  Tagged *result;      /* the return value */
  Tagged *context;     /* the NativeContext the callback runs in */
  Tagged *scheduled;   /* the exception to rethrow when the callback returns */
  bool has_scheduled;
  bool construct;
  void *data;
};

/* The internal layout of kiln_try_catch (kiln.h declares private words). */
struct ApiTryCatch {
  kiln_isolate *api;
  ApiTryCatch *prev;
  kiln_callback_info *level;  /* the callback running when it opened (NULL: top level) */
  Tagged *exception;          /* a slot in the scope open at kiln_try_catch_open */
  bool caught, terminated;
};
_Static_assert(sizeof(ApiTryCatch) <= sizeof(kiln_try_catch), "kiln_try_catch too small");

/* ---- conversions ---------------------------------------------------------------------- */

KILN_INLINE Handle api_open(kiln_value v) { return (Handle){(Tagged *)v}; }
KILN_INLINE Handle api_open_context(kiln_context c) { return (Handle){(Tagged *)c}; }
KILN_INLINE Handle api_open_template(kiln_template t) { return (Handle){(Tagged *)t}; }
KILN_INLINE kiln_value api_local(Handle h) { return (kiln_value)h.loc; }
KILN_INLINE kiln_context api_local_context(Handle h) { return (kiln_context)h.loc; }
KILN_INLINE kiln_template api_local_template(Handle h) { return (kiln_template)h.loc; }

/* The isolate that owns heap object o (its page's heap). */
KILN_INLINE Isolate *api_isolate_of(Tagged o) {
  return page_of(heap_object_address(o))->heap->isolate;
}
KILN_INLINE kiln_isolate *api_of(Isolate *iso) { return (kiln_isolate *)iso->api_data; }
KILN_INLINE kiln_isolate *api_of_context(kiln_context ctx) {
  return api_of(api_isolate_of(*(Tagged *)ctx));
}

/* Misuse checks (kiln.h): fatal with KILN_DEBUG_CHECKS, else a TypeError and the caller
 * returns its failure value. */
bool api_check_failed(kiln_isolate *api, const char *what);
#define API_CHECK(api, cond, what) (KILN_LIKELY(cond) || api_check_failed((api), (what)))

/* ---- entering JS (api-isolate.c) ------------------------------------------------------ */

typedef struct {
  kiln_isolate *api;
  Handle saved_context;
  uintptr_t saved_stack_limit;
} ApiEntry;

/* Enters ctx's realm (and, at the outermost entry, sets the C stack limit). */
void api_enter(ApiEntry *e, kiln_context ctx);
/* Leaves it, then api_handle_exception. */
void api_leave(ApiEntry *e);

/* ---- exceptions (api-errors.c) --------------------------------------------------------- */

/* Routes a pending exception as described at the top; no-op when none is pending. */
void api_handle_exception(kiln_isolate *api);
/* The termination contract (isolate.h); see api-errors.c. */
bool api_is_terminating(Isolate *iso);
void api_cancel_termination(Isolate *iso);

/* ---- objects and templates ------------------------------------------------------------ */

/* The map of externals is a JS_OBJECT_TYPE map whose first embedder field holds a Foreign;
 * template instances keep their internal fields in the same embedder-field region:
 *   | map | properties | elements | field 0 ... field N-1 | in-object properties ... |
 * The number of embedder fields of obj (0 unless obj is such a JSObject). */
int api_embedder_field_count(Tagged obj);
KILN_INLINE Tagged *api_embedder_field_slot(Tagged obj, int index) {
  return field_slot(obj, JSObject_kHeaderSize + (size_t)index * kTaggedSize);
}
/* A new object of map with embedder fields (kiln_external_new, templates). */
Handle api_new_object_map(Isolate *iso, Handle prototype, int embedder_fields, int inobject);

/* A heap string for a NUL-terminated or sized UTF-8 text. */
Handle api_string_utf8(Isolate *iso, const char *s, ssize_t len);
/* A property key made from v (internalized strings; symbols as they are). May throw. */
Handle api_property_key(Isolate *iso, Handle v);

/* ---- modules (api-modules.c) ----------------------------------------------------------- */

/* Frees the module loader's state (before the isolate is freed). */
void api_modules_free(kiln_isolate *api);

#endif /* KILN_API_API_INTERNAL_H_ */
