/*
 * api-values.c: primitive values, type checks and conversions (kiln.h).
 *
 * The type checks read the value's map only (oddballs by their kind), so they need no
 * isolate and never allocate.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "api/api-internal.h"
#include "heap/factory.h"
#include "numbers/conversions.h"
#include "objects/js-objects.h"
#include "objects/string.h"
#include "runtime/runtime.h"

/* ---- helpers shared by the API files ---------------------------------------------------- */

Handle api_string_utf8(Isolate *iso, const char *s, ssize_t len) {
  if (s == NULL) s = "";
  return string_new_utf8(iso, s, len < 0 ? strlen(s) : (size_t)len);
}

Handle api_property_key(Isolate *iso, Handle v) {
  if (is_string(H(v))) return string_internalize(iso, v);
  return runtime_to_property_key(iso, v);
}

/* ---- primitives ------------------------------------------------------------------------ */

kiln_value kiln_undefined(kiln_isolate *api) {
  return api ? api_local(ROOT_HANDLE(api->iso, undefined_value)) : NULL;
}

kiln_value kiln_null(kiln_isolate *api) {
  return api ? api_local(ROOT_HANDLE(api->iso, null_value)) : NULL;
}

kiln_value kiln_boolean_new(kiln_isolate *api, bool b) {
  if (api == NULL) return NULL;
  return api_local(b ? ROOT_HANDLE(api->iso, true_value) : ROOT_HANDLE(api->iso, false_value));
}

kiln_value kiln_number_new(kiln_isolate *api, double d) {
  if (api == NULL) return NULL;
  Handle h = factory_new_number(api->iso, d);
  api_handle_exception(api);
  return api_local(h);
}

kiln_value kiln_int32_new(kiln_isolate *api, int32_t i) {
  return api ? api_local(handle_new(api->iso, smi_from_int(i))) : NULL;
}

kiln_value kiln_string_new_utf8(kiln_isolate *api, const char *s, ssize_t len) {
  if (api == NULL) return NULL;
  if (!API_CHECK(api, s != NULL, "kiln_string_new_utf8: NULL text")) return NULL;
  Handle h = api_string_utf8(api->iso, s, len);
  api_handle_exception(api);
  return api_local(h);
}

/* ---- type checks ----------------------------------------------------------------------- */

static bool api_is_oddball(kiln_value v, int kind) {
  if (v == NULL) return false;
  Tagged t = *(Tagged *)v;
  return is_oddball(t) && oddball_kind(t) == kind;
}

static Tagged api_value(kiln_value v) { return v ? *(Tagged *)v : smi_from_int(0); }

bool kiln_is_undefined(kiln_value v) { return api_is_oddball(v, ODDBALL_UNDEFINED); }
bool kiln_is_null(kiln_value v) { return api_is_oddball(v, ODDBALL_NULL); }
bool kiln_is_boolean(kiln_value v) {
  return api_is_oddball(v, ODDBALL_TRUE) || api_is_oddball(v, ODDBALL_FALSE);
}
bool kiln_is_number(kiln_value v) { return v != NULL && is_number(api_value(v)); }
bool kiln_is_string(kiln_value v) { return v != NULL && is_string(api_value(v)); }
bool kiln_is_symbol(kiln_value v) { return v != NULL && is_symbol(api_value(v)); }
bool kiln_is_object(kiln_value v) { return v != NULL && is_js_receiver(api_value(v)); }
bool kiln_is_function(kiln_value v) { return v != NULL && runtime_is_callable(api_value(v)); }
bool kiln_is_array(kiln_value v) { return v != NULL && is_js_array(api_value(v)); }
bool kiln_is_error(kiln_value v) {
  return v != NULL && is_heap_object(api_value(v)) &&
         heap_object_type(api_value(v)) == JS_ERROR_TYPE;
}

bool kiln_is_int32(kiln_value v) {
  if (v == NULL) return false;
  Tagged t = api_value(v);
  if (is_smi(t)) return true;
  int32_t out;
  return is_heap_number(t) && conversions_double_is_int32(heap_number_value(t), &out) &&
         !(heap_number_value(t) == 0 && signbit(heap_number_value(t)));
}

const char *kiln_value_type_name(kiln_value v) {
  if (v == NULL) return "empty";
  Tagged t = api_value(v);
  if (is_number(t)) return "number";
  if (is_oddball(t)) {
    switch (oddball_kind(t)) {
      case ODDBALL_NULL: return "null";
      case ODDBALL_TRUE: case ODDBALL_FALSE: return "boolean";
      default: return "undefined";
    }
  }
  if (is_string(t)) return "string";
  if (is_symbol(t)) return "symbol";
  if (is_bigint(t)) return "bigint";
  if (runtime_is_callable(t)) return "function";
  if (is_js_array(t)) return "array";
  if (kiln_is_external(v)) return "external";
  return "object";
}

bool kiln_boolean_value(kiln_value v) { return api_is_oddball(v, ODDBALL_TRUE); }

double kiln_number_value(kiln_value v) {
  if (!kiln_is_number(v)) return NAN;
  return runtime_number_value(api_value(v));
}

int32_t kiln_int32_value(kiln_value v) {
  return kiln_is_int32(v) ? (int32_t)kiln_number_value(v) : 0;
}

bool kiln_strict_equals(kiln_value a, kiln_value b) {
  if (a == NULL || b == NULL) return a == b;
  return runtime_strict_equals(api_value(a), api_value(b));
}

/* ---- conversions ----------------------------------------------------------------------- */

bool kiln_to_boolean(kiln_value v) {
  if (v == NULL) return false;
  Tagged t = api_value(v);
  if (is_smi(t)) return smi_value(t) != 0;
  return runtime_to_boolean(api_isolate_of(t), t);
}

double kiln_to_number(kiln_context ctx, kiln_value v) {
  if (ctx == NULL) return NAN;
  kiln_isolate *api = api_of_context(ctx);
  if (!API_CHECK(api, v != NULL, "kiln_to_number: empty value")) return NAN;
  ApiEntry e;
  api_enter(&e, ctx);
  double d;
  if (!runtime_to_number_double(api->iso, api_open(v), &d)) d = NAN;
  api_leave(&e);
  return d;
}

kiln_value kiln_to_string(kiln_context ctx, kiln_value v) {
  if (ctx == NULL) return NULL;
  kiln_isolate *api = api_of_context(ctx);
  if (!API_CHECK(api, v != NULL, "kiln_to_string: empty value")) return NULL;
  ApiEntry e;
  api_enter(&e, ctx);
  Handle s = runtime_to_string(api->iso, api_open(v));
  api_leave(&e);
  return api_local(s);
}

char *kiln_to_utf8(kiln_context ctx, kiln_value v, size_t *len) {
  kiln_value s = kiln_to_string(ctx, v);
  if (s == NULL) return NULL;
  kiln_isolate *api = api_of_context(ctx);
  char *out = string_to_utf8(api->iso, *(Tagged *)s, len);
  if (out == NULL) {
    isolate_throw_out_of_memory(api->iso);
    api_handle_exception(api);
  }
  return out;
}
