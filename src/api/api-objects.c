/*
 * api-objects.c: objects, arrays, property access, calls, internal fields and externals
 * (kiln.h).
 *
 * Embedder fields. Objects that carry C data reserve words between the JSObject header and
 * their in-object properties (V8's embedder fields):
 *   | map | properties | elements | field 0 | ... | field N-1 | in-object property 0 | ... |
 * The map says how many: instance size - in-object properties - header. Map copies keep
 * instance size and in-object count, so the count survives transitions, dictionary mode and
 * freezing. The collector visits the fields as tagged slots (a JS body).
 * An external is such an object with one field holding a Foreign (the C pointer) and
 * prototype null; no other object keeps a Foreign in an embedder field.
 */
#include <stdlib.h>

#include "api/api-internal.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "runtime/runtime.h"

enum { kApiInlineArgs = 8 };

/* ---- embedder fields -------------------------------------------------------------------- */

int api_embedder_field_count(Tagged obj) {
  if (!is_heap_object(obj) || heap_object_type(obj) != JS_OBJECT_TYPE) return 0;
  Tagged map = heap_object_map(obj);
  return (int)((map_inobject_start(map) - JSObject_kHeaderSize) / kTaggedSize);
}

Handle api_new_object_map(Isolate *iso, Handle prototype, int embedder_fields, int inobject) {
  size_t size = JSObject_kHeaderSize + (size_t)(embedder_fields + inobject) * kTaggedSize;
  Handle map = factory_new_map(iso, JS_OBJECT_TYPE, size, inobject);
  if (handle_is_null(map)) return map;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(prototype));
  return map;
}

/* obj (a value) checked as an object with more than index embedder fields. */
static bool api_check_field(kiln_value obj, int index, Isolate **out) {
  if (obj == NULL) return false;
  Tagged o = *(Tagged *)obj;
  if (!is_heap_object(o)) return API_CHECK(NULL, false, "internal field of a non-object");
  *out = api_isolate_of(o);
  return API_CHECK(api_of(*out), index >= 0 && index < api_embedder_field_count(o),
                   "internal field index out of range");
}

void kiln_object_set_internal_field(kiln_value obj, int index, kiln_value v) {
  Isolate *iso = NULL;
  if (!api_check_field(obj, index, &iso)) return;
  Tagged o = *(Tagged *)obj;
  Tagged value = v ? *(Tagged *)v : isolate_undefined(iso);
  Tagged *slot = api_embedder_field_slot(o, index);
  *slot = value;
  heap_write_barrier(o, slot, value);
}

kiln_value kiln_object_get_internal_field(kiln_value obj, int index) {
  Isolate *iso = NULL;
  if (!api_check_field(obj, index, &iso)) return NULL;
  return api_local(handle_new(iso, *api_embedder_field_slot(*(Tagged *)obj, index)));
}

int kiln_object_internal_field_count(kiln_value obj) {
  return obj ? api_embedder_field_count(*(Tagged *)obj) : 0;
}

/* ---- externals ------------------------------------------------------------------------- */

kiln_value kiln_external_new(kiln_isolate *api, void *ptr) {
  if (api == NULL) return NULL;
  Isolate *iso = api->iso;
  HandleScope scope;
  handle_scope_open_escapable(iso, &scope);
  Handle result = HANDLE_NULL;
  Handle foreign = factory_new_foreign(iso, ptr);
  Handle map = handle_is_null(foreign)
                   ? HANDLE_NULL
                   : api_new_object_map(iso, ROOT_HANDLE(iso, null_value), 1, 0);
  if (!handle_is_null(map)) {
    map_set_flag(H(map), MAP_IS_EXTENSIBLE, false);
    Handle obj = factory_new_js_object_from_map(iso, map);
    if (!handle_is_null(obj)) {
      Tagged *slot = api_embedder_field_slot(H(obj), 0);
      *slot = H(foreign);
      heap_write_barrier(H(obj), slot, H(foreign));
      result = obj;
    }
  }
  result = handle_scope_escape(&scope, result);
  handle_scope_close(&scope);
  api_handle_exception(api);
  return api_local(result);
}

bool kiln_is_external(kiln_value v) {
  if (v == NULL) return false;
  Tagged o = *(Tagged *)v;
  return api_embedder_field_count(o) == 1 && is_foreign(*api_embedder_field_slot(o, 0));
}

void *kiln_external_value(kiln_value external) {
  if (!kiln_is_external(external)) return NULL;
  return foreign_address(*api_embedder_field_slot(*(Tagged *)external, 0));
}

/* ---- objects and arrays ----------------------------------------------------------------- */

kiln_value kiln_object_new(kiln_context ctx) {
  if (ctx == NULL) return NULL;
  ApiEntry e;
  api_enter(&e, ctx);
  Handle obj = runtime_new_object(e.api->iso);
  api_leave(&e);
  return api_local(obj);
}

kiln_value kiln_array_new(kiln_context ctx, uint32_t length) {
  if (ctx == NULL) return NULL;
  ApiEntry e;
  api_enter(&e, ctx);
  Handle array = runtime_new_array(e.api->iso, (double)length);
  api_leave(&e);
  return api_local(array);
}

uint32_t kiln_array_length(kiln_value array) {
  if (!kiln_is_array(array)) return 0;
  return (uint32_t)runtime_number_value(js_array_length(*(Tagged *)array));
}

/* Checks the arguments every property call needs. Get and set take any value (a
 * primitive is wrapped, undefined and null throw TypeError); has and delete need objects. */
static bool api_check_key(kiln_context ctx, kiln_value obj, kiln_value key) {
  if (ctx == NULL) return false;
  return API_CHECK(api_of_context(ctx), obj != NULL && key != NULL, "empty object or key");
}

static bool api_check_object(kiln_context ctx, kiln_value obj, kiln_value key) {
  return api_check_key(ctx, obj, key) &&
         API_CHECK(api_of_context(ctx), is_js_receiver(*(Tagged *)obj), "not an object");
}

kiln_value kiln_object_get(kiln_context ctx, kiln_value obj, kiln_value key) {
  if (!api_check_key(ctx, obj, key)) return NULL;
  ApiEntry e;
  api_enter(&e, ctx);
  Handle v = runtime_get_property(e.api->iso, api_open(obj), api_open(key));
  api_leave(&e);
  return api_local(v);
}

bool kiln_object_set(kiln_context ctx, kiln_value obj, kiln_value key, kiln_value value) {
  if (!api_check_key(ctx, obj, key)) return false;
  kiln_isolate *api = api_of_context(ctx);
  if (!API_CHECK(api, value != NULL, "kiln_object_set: empty value")) return false;
  ApiEntry e;
  api_enter(&e, ctx);
  bool ok = runtime_set_property(api->iso, api_open(obj), api_open(key), api_open(value), true);
  api_leave(&e);
  return ok;
}

kiln_value kiln_object_get_named(kiln_context ctx, kiln_value obj, const char *name) {
  if (ctx == NULL || name == NULL) return NULL;
  kiln_value key = kiln_string_new_utf8(api_of_context(ctx), name, -1);
  return key ? kiln_object_get(ctx, obj, key) : NULL;
}

bool kiln_object_set_named(kiln_context ctx, kiln_value obj, const char *name, kiln_value value) {
  if (ctx == NULL || name == NULL) return false;
  kiln_value key = kiln_string_new_utf8(api_of_context(ctx), name, -1);
  return key ? kiln_object_set(ctx, obj, key, value) : false;
}

kiln_value kiln_object_get_index(kiln_context ctx, kiln_value obj, uint32_t index) {
  if (ctx == NULL) return NULL;
  kiln_value key = kiln_number_new(api_of_context(ctx), (double)index);
  return key ? kiln_object_get(ctx, obj, key) : NULL;
}

bool kiln_object_set_index(kiln_context ctx, kiln_value obj, uint32_t index, kiln_value value) {
  if (ctx == NULL) return false;
  kiln_value key = kiln_number_new(api_of_context(ctx), (double)index);
  return key ? kiln_object_set(ctx, obj, key, value) : false;
}

bool kiln_object_has(kiln_context ctx, kiln_value obj, kiln_value key) {
  if (!api_check_object(ctx, obj, key)) return false;
  ApiEntry e;
  api_enter(&e, ctx);
  Isolate *iso = e.api->iso;
  Handle k = runtime_to_property_key(iso, api_open(key));
  bool has = !handle_is_null(k) && runtime_has_property(iso, api_open(obj), k) == RT_TRUE;
  api_leave(&e);
  return has;
}

bool kiln_object_delete(kiln_context ctx, kiln_value obj, kiln_value key) {
  if (!api_check_object(ctx, obj, key)) return false;
  ApiEntry e;
  api_enter(&e, ctx);
  Isolate *iso = e.api->iso;
  Handle k = runtime_to_property_key(iso, api_open(key));
  bool ok = !handle_is_null(k) && runtime_delete_property_or_throw(iso, api_open(obj), k);
  api_leave(&e);
  return ok;
}

/* ---- calls ----------------------------------------------------------------------------- */

/* The arguments as Handles (inline or malloc'd); NULL entries become undefined. */
static Handle *api_arguments(Isolate *iso, int argc, kiln_value *argv, Handle *inline_buf) {
  Handle *h = argc <= kApiInlineArgs ? inline_buf : malloc(sizeof(Handle) * (size_t)argc);
  if (h == NULL) return NULL;
  for (int i = 0; i < argc; i++) {
    h[i] = argv[i] ? api_open(argv[i]) : ROOT_HANDLE(iso, undefined_value);
  }
  return h;
}

static bool api_check_call(kiln_context ctx, kiln_value fn, int argc, kiln_value *argv) {
  if (ctx == NULL) return false;
  kiln_isolate *api = api_of_context(ctx);
  return API_CHECK(api, fn != NULL, "call of an empty value") &&
         API_CHECK(api, argc >= 0 && (argc == 0 || argv != NULL), "bad argc/argv");
}

/* Call (self is the receiver; NULL for undefined) or, with construct, [[Construct]]. */
static kiln_value api_invoke(kiln_context ctx, kiln_value fn, kiln_value self, int argc,
                             kiln_value *argv, bool construct) {
  if (!api_check_call(ctx, fn, argc, argv)) return NULL;
  ApiEntry e;
  api_enter(&e, ctx);
  Isolate *iso = e.api->iso;
  Handle inline_buf[kApiInlineArgs], result = HANDLE_NULL;
  Handle *args = api_arguments(iso, argc, argv, inline_buf);
  if (args == NULL) {
    isolate_throw_out_of_memory(iso);
  } else {
    Handle receiver = self ? api_open(self) : ROOT_HANDLE(iso, undefined_value);
    result = construct ? execution_construct(iso, api_open(fn), argc, args, HANDLE_NULL)
                       : execution_call(iso, api_open(fn), receiver, argc, args);
    if (args != inline_buf) free(args);
  }
  api_leave(&e);
  return api_local(result);
}

kiln_value kiln_function_call(kiln_context ctx, kiln_value fn, kiln_value self, int argc,
                              kiln_value *argv) {
  return api_invoke(ctx, fn, self, argc, argv, false);
}

kiln_value kiln_function_new_instance(kiln_context ctx, kiln_value fn, int argc,
                                      kiln_value *argv) {
  return api_invoke(ctx, fn, NULL, argc, argv, true);
}
