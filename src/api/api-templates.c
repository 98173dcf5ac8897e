/*
 * api-templates.c: function and object templates, and the builtins that run their C
 * callbacks (kiln.h).
 *
 * A template is a FixedArray of the isolate's heap, held by handles like any value:
 *   | map | length | kind | properties | cache | fields | callback | data | other | proto |
 *   | class_name |
 * kind:       kTemplateFunction or kTemplateObject (a Smi), checked on every use;
 * properties: FixedArray of (name, TemplatePropertyKind, a, b) quadruples, in order:
 *               VALUE     a = the value
 *               METHOD    a = a function template
 *               ACCESSOR  a, b = Foreign getter / setter (or undefined)
 * cache:      FixedArray of (NativeContext, entry) pairs: what the template made in each
 *             context. Function templates: the function. Object templates: a FixedArray
 *             | instance map | value of property 0 | ... | (functions and AccessorPairs
 *             made once per context, so every instance walks the same map transitions).
 * fields:     object templates: the internal field count (a Smi).
 * callback, data: function templates: Foreign C pointers.
 * other:      function template: its instance template (or undefined until asked for);
 *             object template: the function template it is the instance template of.
 * proto:      function template: its prototype template (or undefined).
 * class_name: function template: the function's "name" (a String), or undefined.
 *
 * Calling a function made from a template runs api_function_builtin: it builds a
 * kiln_callback_info on the C stack, whose slots are handles of the builtin's scope, makes
 * it the innermost running callback (so API calls inside route their exceptions to it) and
 * runs the C callback. An exception the callback scheduled is thrown when it returns.
 * Accessors are AccessorPairs of two builtins (api_accessor_get / api_accessor_set) whose
 * builtin data is | getter | setter | name |.
 */
#include <string.h>

#include "api/api-internal.h"
#include "execution/contexts.h"
#include "heap/factory.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "runtime/runtime.h"

enum {
  kTemplateKind, kTemplateProperties, kTemplateCache, kTemplateFields, kTemplateCallback,
  kTemplateData, kTemplateOther, kTemplateProto, kTemplateClassName, kTemplateSlots
};
enum { kTemplateFunction = 0x4b46, kTemplateObject = 0x4b4f };
typedef enum { TEMPLATE_VALUE, TEMPLATE_METHOD, TEMPLATE_ACCESSOR } TemplatePropertyKind;
enum { kPropertyEntry = 4, kMaxInternalFields = 64, kMaxInObjectProperties = 16 };
enum { kAccessorGetter, kAccessorSetter, kAccessorName, kAccessorSlots };

static Tagged slot_get(Handle t, int i) { return fixed_array_get(H(t), i); }
static void slot_set(Handle t, int i, Tagged v) { fixed_array_set(H(t), i, v); }

static bool api_is_template(Tagged t, int kind) {
  return is_fixed_array(t) && fixed_array_length(t) == kTemplateSlots &&
         fixed_array_get(t, kTemplateKind) == smi_from_int(kind);
}

/* Checks t (a template handle of the given kind, 0 = either); *iso gets its isolate. */
static bool api_check_template(kiln_template t, int kind, Isolate **iso) {
  if (t == NULL) return false;
  Tagged v = *(Tagged *)t;
  if (!is_heap_object(v)) return API_CHECK(NULL, false, "not a template");
  *iso = api_isolate_of(v);
  bool ok = kind ? api_is_template(v, kind)
                 : api_is_template(v, kTemplateFunction) || api_is_template(v, kTemplateObject);
  return API_CHECK(api_of(*iso), ok, "not a template of the right kind");
}

static Handle api_template_new(Isolate *iso, int kind) {
  Handle t = factory_new_fixed_array(iso, kTemplateSlots);
  if (handle_is_null(t)) return t;
  slot_set(t, kTemplateKind, smi_from_int(kind));
  slot_set(t, kTemplateProperties, ROOT(iso, empty_fixed_array));
  slot_set(t, kTemplateCache, ROOT(iso, empty_fixed_array));
  slot_set(t, kTemplateFields, smi_from_int(0));
  return t;
}

/* A Foreign for a C function pointer (or undefined for NULL). */
static Handle api_foreign_fn(Isolate *iso, void (*fn)(void)) {
  if (fn == NULL) return ROOT_HANDLE(iso, undefined_value);
  return factory_new_foreign(iso, (void *)(uintptr_t)fn);
}

/* Appends a property to t. May allocate. */
static bool api_template_add(Isolate *iso, Handle t, Handle name, TemplatePropertyKind kind,
                             Handle a, Handle b) {
  Handle key = api_property_key(iso, name);
  if (handle_is_null(key)) return false;
  Handle props = handle_new(iso, slot_get(t, kTemplateProperties));
  int64_t n = fixed_array_length(H(props));
  Handle grown = factory_copy_fixed_array(iso, props, n + kPropertyEntry,
                                          isolate_undefined(iso));
  if (handle_is_null(grown)) return false;
  fixed_array_set(H(grown), n, H(key));
  fixed_array_set(H(grown), n + 1, smi_from_int(kind));
  fixed_array_set(H(grown), n + 2, H(a));
  fixed_array_set(H(grown), n + 3, H(b));
  slot_set(t, kTemplateProperties, H(grown));
  return true;
}

/* ---- the per-context cache ------------------------------------------------------------- */

static Tagged api_cache_find(Handle t, Tagged context) {
  Tagged cache = slot_get(t, kTemplateCache);
  for (int64_t i = fixed_array_length(cache) - 2; i >= 0; i -= 2) {
    if (fixed_array_get(cache, i) == context) return fixed_array_get(cache, i + 1);
  }
  return 0;
}

static bool api_cache_add(Isolate *iso, Handle t, Handle context, Handle entry) {
  Handle cache = handle_new(iso, slot_get(t, kTemplateCache));
  int64_t n = fixed_array_length(H(cache));
  Handle grown = factory_copy_fixed_array(iso, cache, n + 2, isolate_undefined(iso));
  if (handle_is_null(grown)) return false;
  fixed_array_set(H(grown), n, H(context));
  fixed_array_set(H(grown), n + 1, H(entry));
  slot_set(t, kTemplateCache, H(grown));
  return true;
}

/* ---- running callbacks ----------------------------------------------------------------- */

static void api_callback_begin(Isolate *iso, kiln_callback_info *info, Handle self,
                               Handle result, void *data) {
  info->api = api_of(iso);
  info->self = self.loc;
  info->result = result.loc;
  info->context = handle_new(iso, iso->native_context).loc;
  info->scheduled = handle_new(iso, isolate_undefined(iso)).loc;
  info->has_scheduled = false;
  info->data = data;
  info->prev = info->api->callback;
  info->api->callback = info;
}

/* Ends a callback: its scheduled exception becomes pending. false when one was. */
static bool api_callback_end(Isolate *iso, kiln_callback_info *info) {
  info->api->callback = info->prev;
  if (info->has_scheduled) {
    isolate_throw(iso, *info->scheduled);
    return false;
  }
  return !isolate_has_pending_exception(iso);
}

static Handle api_function_for(Isolate *iso, Handle ft, Handle context);
static Handle api_object_instance(Isolate *iso, Handle ot, Handle context);

/* `this` for `new F()`: an instance of F's instance template, or an ordinary object,
 * inheriting new_target.prototype. */
static Handle api_construct_receiver(Isolate *iso, Handle ft, BuiltinArgs *args) {
  Handle context = handle_new(iso, iso->native_context);
  Handle it = handle_new(iso, slot_get(ft, kTemplateOther));
  Handle proto = runtime_get_named(iso, builtin_new_target(args), "prototype");
  if (handle_is_null(proto)) return proto;
  if (!is_js_receiver(H(proto))) {
    proto = handle_new(iso, context_get(H(context), NATIVE_CONTEXT_object_prototype));
  }
  if (!api_is_template(H(it), kTemplateObject)) return runtime_object_create(iso, proto);
  Handle obj = api_object_instance(iso, it, context);
  if (handle_is_null(obj) || js_object_get_prototype(H(obj)) == H(proto)) return obj;
  return js_object_set_prototype(iso, obj, proto) ? obj : HANDLE_NULL;
}

/* The builtin behind every function made from a function template. */
static Handle api_function_builtin(Isolate *iso, BuiltinArgs *args) {
  Handle ft = handle_new(iso, js_function_builtin_data(*args->target));
  bool construct = builtin_is_construct_call(iso, args);
  Handle self = construct ? api_construct_receiver(iso, ft, args) : builtin_receiver(args);
  if (handle_is_null(self)) return self;
  kiln_callback_info info;
  api_callback_begin(iso, &info, self, handle_new(iso, construct ? H(self) : isolate_undefined(iso)),
                     foreign_address(slot_get(ft, kTemplateData)));
  info.argc = args->argc;
  info.argv = args->argv;
  info.construct = construct;
  kiln_function_callback cb =
      (kiln_function_callback)(uintptr_t)foreign_address(slot_get(ft, kTemplateCallback));
  cb(&info);
  if (!api_callback_end(iso, &info)) return HANDLE_NULL;
  if (construct && !is_js_receiver(*info.result)) return self;
  return (Handle){info.result};
}

static Handle api_accessor_get(Isolate *iso, BuiltinArgs *args) {
  Handle data = handle_new(iso, js_function_builtin_data(*args->target));
  kiln_callback_info info = {0};
  api_callback_begin(iso, &info, builtin_receiver(args), ROOT_HANDLE(iso, undefined_value), NULL);
  info.result = handle_new(iso, isolate_undefined(iso)).loc;
  kiln_getter get = (kiln_getter)(uintptr_t)foreign_address(fixed_array_get(H(data), kAccessorGetter));
  Handle name = handle_new(iso, fixed_array_get(H(data), kAccessorName));
  get(api_local(builtin_receiver(args)), api_local(name), &info);
  if (!api_callback_end(iso, &info)) return HANDLE_NULL;
  return (Handle){info.result};
}

static Handle api_accessor_set(Isolate *iso, BuiltinArgs *args) {
  Handle data = handle_new(iso, js_function_builtin_data(*args->target));
  kiln_callback_info info = {0};
  api_callback_begin(iso, &info, builtin_receiver(args), handle_new(iso, isolate_undefined(iso)),
                     NULL);
  info.argc = args->argc;
  info.argv = args->argv;
  kiln_setter set = (kiln_setter)(uintptr_t)foreign_address(fixed_array_get(H(data), kAccessorSetter));
  Handle name = handle_new(iso, fixed_array_get(H(data), kAccessorName));
  set(api_local(builtin_receiver(args)), api_local(name), api_local(builtin_arg(iso, args, 0)),
      &info);
  if (!api_callback_end(iso, &info)) return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

/* ---- instantiation --------------------------------------------------------------------- */

/* A builtin of realm context running fn with data; named after name (a Name). */
static Handle api_builtin_new(Isolate *iso, Handle context, Handle name, BuiltinFunction fn,
                              Handle data, bool is_constructor) {
  Handle fn_name = is_string(H(name)) ? name : ROOT_HANDLE(iso, empty_string);
  Handle sfi = js_function_new_builtin_sfi(iso, fn_name, 0, fn, data);
  if (handle_is_null(sfi)) return sfi;
  return js_function_new_builtin(iso, context, sfi, is_constructor);
}

/* The AccessorPair for an ACCESSOR entry. */
static Handle api_accessor_pair(Isolate *iso, Handle context, Handle name, Handle get,
                                Handle set) {
  Handle data = factory_new_fixed_array(iso, kAccessorSlots);
  if (handle_is_null(data)) return data;
  fixed_array_set(H(data), kAccessorGetter, H(get));
  fixed_array_set(H(data), kAccessorSetter, H(set));
  fixed_array_set(H(data), kAccessorName, H(name));
  Handle getter = ROOT_HANDLE(iso, undefined_value), setter = getter;
  if (is_foreign(H(get))) getter = api_builtin_new(iso, context, name, api_accessor_get, data, false);
  if (!handle_is_null(getter) && is_foreign(H(set))) {
    setter = api_builtin_new(iso, context, name, api_accessor_set, data, false);
  }
  if (handle_is_null(getter) || handle_is_null(setter)) return HANDLE_NULL;
  return factory_new_accessor_pair(iso, getter, setter);
}

/* What property i of t's list becomes in context: the value, the method's function, or the
 * accessor's AccessorPair. */
static Handle api_property_value(Isolate *iso, Handle t, int64_t i, Handle context) {
  Tagged props = slot_get(t, kTemplateProperties);
  Handle name = handle_new(iso, fixed_array_get(props, i));
  int kind = smi_value(fixed_array_get(props, i + 1));
  Handle a = handle_new(iso, fixed_array_get(props, i + 2));
  Handle b = handle_new(iso, fixed_array_get(props, i + 3));
  if (kind == TEMPLATE_VALUE) return a;
  if (kind == TEMPLATE_METHOD) return api_function_for(iso, a, context);
  return api_accessor_pair(iso, context, name, a, b);
}

static bool api_define(Isolate *iso, Handle obj, Handle name, int kind, Handle value) {
  if (kind == TEMPLATE_ACCESSOR) {
    return js_object_define_accessor(iso, obj, name, value, PROPERTY_ATTRIBUTES_NONE);
  }
  return runtime_create_data_property_or_throw(iso, obj, name, value);
}

/* Gives obj t's properties, made in context (functions, prototypes: made once each). */
static bool api_apply_properties(Isolate *iso, Handle t, Handle obj, Handle context) {
  int64_t n = fixed_array_length(slot_get(t, kTemplateProperties));
  for (int64_t i = 0; i < n; i += kPropertyEntry) {
    Handle value = api_property_value(iso, t, i, context);
    if (handle_is_null(value)) return false;
    Tagged props = slot_get(t, kTemplateProperties);
    Handle name = handle_new(iso, fixed_array_get(props, i));
    if (!api_define(iso, obj, name, smi_value(fixed_array_get(props, i + 1)), value)) {
      return false;
    }
  }
  return true;
}

/* ft's function in context: made (and cached) on first use. May allocate. */
static Handle api_function_for(Isolate *iso, Handle ft, Handle context) {
  Tagged cached = api_cache_find(ft, H(context));
  if (cached != 0) return handle_new(iso, cached);
  Handle name = handle_new(iso, slot_get(ft, kTemplateClassName));
  Handle fn = api_builtin_new(iso, context, name, api_function_builtin, ft, true);
  Handle proto = handle_is_null(fn) ? fn : js_function_new_prototype_object(iso, fn);
  if (handle_is_null(proto) || !js_function_set_prototype_property(iso, fn, proto) ||
      !api_cache_add(iso, ft, context, fn)) {
    return HANDLE_NULL;
  }
  Handle pt = handle_new(iso, slot_get(ft, kTemplateProto));
  if (api_is_template(H(pt), kTemplateObject) && !api_apply_properties(iso, pt, proto, context)) {
    return HANDLE_NULL;
  }
  return api_apply_properties(iso, ft, fn, context) ? fn : HANDLE_NULL;
}

/* The instance entry of ot in context: | map | property values ... |. May allocate. */
static Handle api_instance_entry(Isolate *iso, Handle ot, Handle context) {
  int64_t n = fixed_array_length(slot_get(ot, kTemplateProperties));
  Tagged cached = api_cache_find(ot, H(context));
  if (cached != 0 && fixed_array_length(cached) == 1 + n / kPropertyEntry) {
    return handle_new(iso, cached);
  }
  Handle proto = handle_new(iso, context_get(H(context), NATIVE_CONTEXT_object_prototype));
  Handle ft = handle_new(iso, slot_get(ot, kTemplateOther));
  if (api_is_template(H(ft), kTemplateFunction)) {
    Handle fn = api_function_for(iso, ft, context);
    proto = handle_is_null(fn) ? fn : runtime_get_named(iso, fn, "prototype");
    if (handle_is_null(proto)) return proto;
  }
  int inobject = (int)(n / kPropertyEntry);
  if (inobject > kMaxInObjectProperties) inobject = kMaxInObjectProperties;
  Handle map = api_new_object_map(iso, proto, smi_value(slot_get(ot, kTemplateFields)), inobject);
  Handle entry = handle_is_null(map) ? map : factory_new_fixed_array(iso, 1 + n / kPropertyEntry);
  if (handle_is_null(entry)) return entry;
  fixed_array_set(H(entry), 0, H(map));
  for (int64_t i = 0; i < n; i += kPropertyEntry) {
    Handle value = api_property_value(iso, ot, i, context);
    if (handle_is_null(value)) return value;
    fixed_array_set(H(entry), 1 + i / kPropertyEntry, H(value));
  }
  return api_cache_add(iso, ot, context, entry) ? entry : HANDLE_NULL;
}

static Handle api_object_instance(Isolate *iso, Handle ot, Handle context) {
  Handle entry = api_instance_entry(iso, ot, context);
  if (handle_is_null(entry)) return entry;
  Handle obj = factory_new_js_object_from_map(iso, handle_new(iso, fixed_array_get(H(entry), 0)));
  if (handle_is_null(obj)) return obj;
  int64_t n = fixed_array_length(slot_get(ot, kTemplateProperties));
  for (int64_t i = 0; i < n; i += kPropertyEntry) {
    Tagged props = slot_get(ot, kTemplateProperties);
    Handle name = handle_new(iso, fixed_array_get(props, i));
    Handle value = handle_new(iso, fixed_array_get(H(entry), 1 + i / kPropertyEntry));
    if (!api_define(iso, obj, name, smi_value(fixed_array_get(props, i + 1)), value)) {
      return HANDLE_NULL;
    }
  }
  return obj;
}

/* ---- the public calls ------------------------------------------------------------------ */

kiln_template kiln_function_template_new(kiln_isolate *api, kiln_function_callback cb,
                                         void *data) {
  if (api == NULL || !API_CHECK(api, cb != NULL, "NULL function callback")) return NULL;
  Isolate *iso = api->iso;
  Handle t = api_template_new(iso, kTemplateFunction);
  Handle fcb = handle_is_null(t) ? t : api_foreign_fn(iso, (void (*)(void))cb);
  Handle fdata = handle_is_null(fcb) ? fcb : factory_new_foreign(iso, data);
  if (!handle_is_null(fdata)) {
    slot_set(t, kTemplateCallback, H(fcb));
    slot_set(t, kTemplateData, H(fdata));
  } else {
    t = HANDLE_NULL;
  }
  api_handle_exception(api);
  return api_local_template(t);
}

kiln_template kiln_object_template_new(kiln_isolate *api) {
  if (api == NULL) return NULL;
  Handle t = api_template_new(api->iso, kTemplateObject);
  api_handle_exception(api);
  return api_local_template(t);
}

/* The object template in slot of ft, made on first use. */
static kiln_template api_function_template_part(kiln_template ft, int slot) {
  Isolate *iso = NULL;
  if (!api_check_template(ft, kTemplateFunction, &iso)) return NULL;
  Handle t = api_open_template(ft);
  if (!api_is_template(slot_get(t, slot), kTemplateObject)) {
    Handle ot = api_template_new(iso, kTemplateObject);
    if (handle_is_null(ot)) {
      api_handle_exception(api_of(iso));
      return NULL;
    }
    if (slot == kTemplateOther) slot_set(ot, kTemplateOther, H(t));
    slot_set(t, slot, H(ot));
  }
  return api_local_template(handle_new(iso, slot_get(t, slot)));
}

kiln_template kiln_function_template_instance_template(kiln_template ft) {
  return api_function_template_part(ft, kTemplateOther);
}

kiln_template kiln_function_template_prototype_template(kiln_template ft) {
  return api_function_template_part(ft, kTemplateProto);
}

void kiln_function_template_set_class_name(kiln_template ft, kiln_value name) {
  Isolate *iso = NULL;
  if (!api_check_template(ft, kTemplateFunction, &iso)) return;
  if (!API_CHECK(api_of(iso), name != NULL && is_string(*(Tagged *)name), "class name not a string")) return;
  slot_set(api_open_template(ft), kTemplateClassName, *(Tagged *)name);
}

void kiln_object_template_set_internal_field_count(kiln_template t, int count) {
  Isolate *iso = NULL;
  if (!api_check_template(t, kTemplateObject, &iso)) return;
  if (!API_CHECK(api_of(iso), count >= 0 && count <= kMaxInternalFields,
                 "internal field count out of range")) {
    return;
  }
  slot_set(api_open_template(t), kTemplateFields, smi_from_int(count));
}

static void api_template_add_checked(kiln_template t, int kind, kiln_value name,
                                     TemplatePropertyKind pkind, Handle a, Handle b) {
  Isolate *iso = api_isolate_of(*(Tagged *)t);
  api_template_add(iso, api_open_template(t), api_open(name), pkind, a, b);
  api_handle_exception(api_of(iso));
  KILN_UNUSED(kind);
}

void kiln_object_template_set_accessor(kiln_template t, kiln_value name, kiln_getter get,
                                       kiln_setter set) {
  Isolate *iso = NULL;
  if (!api_check_template(t, kTemplateObject, &iso)) return;
  if (!API_CHECK(api_of(iso), name != NULL && is_name(*(Tagged *)name), "accessor name")) return;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle g = api_foreign_fn(iso, (void (*)(void))get);
  Handle s = handle_is_null(g) ? g : api_foreign_fn(iso, (void (*)(void))set);
  if (!handle_is_null(s)) {
    api_template_add_checked(t, kTemplateObject, name, TEMPLATE_ACCESSOR, g, s);
  } else {
    api_handle_exception(api_of(iso));
  }
  handle_scope_close(&scope);
}

void kiln_template_set(kiln_template t, kiln_value name, kiln_value value) {
  Isolate *iso = NULL;
  if (!api_check_template(t, 0, &iso)) return;
  if (!API_CHECK(api_of(iso), name != NULL && value != NULL, "empty name or value")) return;
  api_template_add_checked(t, 0, name, TEMPLATE_VALUE, api_open(value),
                           ROOT_HANDLE(iso, undefined_value));
}

void kiln_template_set_method(kiln_template t, kiln_value name, kiln_template ft) {
  Isolate *iso = NULL, *iso2 = NULL;
  if (!api_check_template(t, 0, &iso) || !api_check_template(ft, kTemplateFunction, &iso2)) {
    return;
  }
  if (!API_CHECK(api_of(iso), name != NULL, "empty name")) return;
  api_template_add_checked(t, 0, name, TEMPLATE_METHOD, api_open_template(ft),
                           ROOT_HANDLE(iso, undefined_value));
}

kiln_value kiln_template_get_function(kiln_context ctx, kiln_template ft) {
  Isolate *iso = NULL;
  if (ctx == NULL || !api_check_template(ft, kTemplateFunction, &iso)) return NULL;
  ApiEntry e;
  api_enter(&e, ctx);
  Handle fn = api_function_for(iso, api_open_template(ft), api_open_context(ctx));
  api_leave(&e);
  return api_local(fn);
}

kiln_value kiln_object_template_new_instance(kiln_context ctx, kiln_template t) {
  Isolate *iso = NULL;
  if (ctx == NULL || !api_check_template(t, kTemplateObject, &iso)) return NULL;
  ApiEntry e;
  api_enter(&e, ctx);
  Handle obj = api_object_instance(iso, api_open_template(t), api_open_context(ctx));
  api_leave(&e);
  return api_local(obj);
}

/* ---- callback info ---------------------------------------------------------------------- */

int kiln_callback_argc(kiln_callback_info *info) { return info->argc; }

kiln_value kiln_callback_arg(kiln_callback_info *info, int i) {
  Isolate *iso = info->api->iso;
  if (i < 0 || i >= info->argc) return api_local(ROOT_HANDLE(iso, undefined_value));
  return api_local((Handle){&info->argv[i]});
}

kiln_value kiln_callback_this(kiln_callback_info *info) { return api_local((Handle){info->self}); }
void *kiln_callback_data(kiln_callback_info *info) { return info->data; }
kiln_isolate *kiln_callback_isolate(kiln_callback_info *info) { return info->api; }
kiln_context kiln_callback_context(kiln_callback_info *info) {
  return api_local_context((Handle){info->context});
}
bool kiln_callback_is_construct_call(kiln_callback_info *info) { return info->construct; }

void kiln_callback_return(kiln_callback_info *info, kiln_value v) {
  *info->result = v ? *(Tagged *)v : isolate_undefined(info->api->iso);
}
