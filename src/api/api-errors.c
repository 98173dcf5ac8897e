/*
 * api-errors.c: where exceptions go when an API call returns (api-internal.h), error
 * objects, kiln_throw and kiln_try_catch.
 *
 * Termination (kiln_isolate_terminate) is not an exception JS can catch: inside a C
 * callback it stays scheduled (even when a try_catch at that level sees it) so the whole
 * script unwinds; at the top level it is cancelled, so the isolate runs code again, and a
 * try_catch open there records has_terminated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api-internal.h"
#include "objects/js-objects.h"
#include "objects/string.h"
#include "runtime/runtime.h"

/* The termination contract is isolate.h's (isolate_is_terminating and friends). */
bool api_is_terminating(Isolate *iso) { return isolate_is_terminating(iso); }
void api_cancel_termination(Isolate *iso) { isolate_cancel_termination(iso); }

/* ---- reporting ------------------------------------------------------------------------- */

/* "Uncaught " + ToString(exception) (an Error gives "TypeError: message"); when ToString
 * throws, the value's type. Runs user code with its exceptions swallowed. */
static char *api_describe(Isolate *iso, Handle exception) {
  Handle text = runtime_to_string(iso, exception);
  char *s = NULL;
  if (!handle_is_null(text)) s = string_to_utf8(iso, H(text), NULL);
  isolate_clear_pending_exception(iso);
  const char *body = s ? s : kiln_value_type_name(api_local(exception));
  size_t n = strlen(body) + sizeof "Uncaught ";
  char *out = malloc(n);
  if (out) snprintf(out, n, "Uncaught %s", body);
  free(s);
  return out;
}

static void api_report(kiln_isolate *api, Handle exception) {
  if (api->message_callback == NULL) return;
  Isolate *iso = api->iso;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  char *message = api_describe(iso, exception);
  api->message_callback(api, api_local(exception), message ? message : "Uncaught exception",
                        api->message_data);
  free(message);
  isolate_clear_pending_exception(iso); /* the callback may have failed calls of its own */
  handle_scope_close(&scope);
}

/* Takes the pending exception. The preallocated out-of-memory error is made before any
 * realm exists (no prototype, so not even ToString works on it): once the failed script
 * has unwound, its garbage is collectable, so it is replaced by a RangeError of the
 * current realm when one can be allocated. */
static Tagged api_replace_out_of_memory(Isolate *iso) {
  Tagged exception = iso->pending_exception;
  isolate_clear_pending_exception(iso);
  if (exception != ROOT(iso, out_of_memory_error) || iso->native_context == 0) return exception;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle error = runtime_new_error(iso, kError_RANGE_ERROR, ROOT_HANDLE(iso, out_of_memory_string));
  /* Re-read the root on failure: the attempt may have scavenged and moved it. */
  exception = handle_is_null(error) ? ROOT(iso, out_of_memory_error) : H(error);
  isolate_clear_pending_exception(iso);
  handle_scope_close(&scope);
  return exception;
}

void api_handle_exception(kiln_isolate *api) {
  Isolate *iso = api->iso;
  if (!isolate_has_pending_exception(iso)) return;
  bool terminating = api_is_terminating(iso);
  ApiTryCatch *tc = api->try_catch;
  bool here = tc != NULL && tc->level == api->callback;
  kiln_callback_info *cb = api->callback;
  if (terminating && cb != NULL) {
    if (here) tc->caught = tc->terminated = true;
    *cb->scheduled = iso->pending_exception;  /* unwinds the script when cb returns */
    cb->has_scheduled = true;
    iso->pending_exception = 0;
    return;
  }
  if (terminating) {
    api_cancel_termination(iso);
    isolate_clear_pending_exception(iso);
    if (here) tc->caught = tc->terminated = true;
    return;
  }
  Tagged exception = api_replace_out_of_memory(iso);
  if (here) {
    *tc->exception = exception;
    tc->caught = true;
  } else if (cb != NULL) {
    *cb->scheduled = exception;
    cb->has_scheduled = true;
  } else {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    api_report(api, handle_new(iso, exception));
    handle_scope_close(&scope);
  }
}

/* ---- errors ---------------------------------------------------------------------------- */

static const ErrorKind kApiErrorKinds[] = {
    [KILN_ERROR] = kError_ERROR,
    [KILN_TYPE_ERROR] = kError_TYPE_ERROR,
    [KILN_RANGE_ERROR] = kError_RANGE_ERROR,
    [KILN_SYNTAX_ERROR] = kError_SYNTAX_ERROR,
    [KILN_REFERENCE_ERROR] = kError_REFERENCE_ERROR,
};

/* An error object of the current realm (the first context's when no call is running). */
kiln_value kiln_error_new(kiln_isolate *api, kiln_error_kind kind, const char *message) {
  if (api == NULL) return NULL;
  Isolate *iso = api->iso;
  if (!API_CHECK(api, (unsigned)kind < KILN_ARRAY_SIZE(kApiErrorKinds), "bad error kind") ||
      !API_CHECK(api, iso->native_context != 0, "kiln_error_new before any context")) {
    return NULL;
  }
  Handle text = api_string_utf8(iso, message ? message : "", -1);
  Handle error = handle_is_null(text) ? HANDLE_NULL
                                      : runtime_new_error(iso, kApiErrorKinds[kind], text);
  api_handle_exception(api);
  return api_local(error);
}

void kiln_throw(kiln_isolate *api, kiln_value exception) {
  if (api == NULL) return;
  Isolate *iso = api->iso;
  isolate_throw(iso, exception ? *(Tagged *)exception : isolate_undefined(iso));
  api_handle_exception(api);
}

/* ---- try/catch ------------------------------------------------------------------------- */

void kiln_try_catch_open(kiln_isolate *api, kiln_try_catch *tc_) {
  ApiTryCatch *tc = (ApiTryCatch *)tc_;
  tc->api = api;
  tc->prev = api->try_catch;
  tc->level = api->callback;
  tc->exception = handle_new(api->iso, isolate_undefined(api->iso)).loc;
  tc->caught = tc->terminated = false;
  api->try_catch = tc;
}

bool kiln_try_catch_has_caught(kiln_try_catch *tc) { return ((ApiTryCatch *)tc)->caught; }

bool kiln_try_catch_has_terminated(kiln_try_catch *tc) {
  return ((ApiTryCatch *)tc)->terminated;
}

kiln_value kiln_try_catch_exception(kiln_try_catch *tc_) {
  ApiTryCatch *tc = (ApiTryCatch *)tc_;
  if (!tc->caught || tc->terminated) return NULL;
  return api_local(handle_new(tc->api->iso, *tc->exception));
}

void kiln_try_catch_reset(kiln_try_catch *tc_) {
  ApiTryCatch *tc = (ApiTryCatch *)tc_;
  tc->caught = tc->terminated = false;
  *tc->exception = isolate_undefined(tc->api->iso);
}

void kiln_try_catch_close(kiln_try_catch *tc_) {
  ApiTryCatch *tc = (ApiTryCatch *)tc_;
  kiln_isolate *api = tc->api;
  if (!API_CHECK(api, api->try_catch == tc, "kiln_try_catch closed out of order")) return;
  api->try_catch = tc->prev;
}
