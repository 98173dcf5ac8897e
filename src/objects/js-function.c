/*
 * js-function.c: function objects and the realm's function maps. See js-function.h.
 */
#include "objects/js-function.h"

#include <math.h>
#include <string.h>

#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"

enum { kInitialMapInObjectSlots = 8 };

/* ---- SharedFunctionInfo flags ----------------------------------------------------------
 * The code generator's objects/shared-function-info.h owns the layout (SFI_FLAG_LIST; the
 * kind in bits 24..27). Until that header is in main, the same bit positions are read by
 * hand: is_strict bit 0, is_constructor bit 1, is_generator bit 8, is_async bit 9. */

#if __has_include("objects/shared-function-info.h")
#include "objects/shared-function-info.h"

FunctionKind js_function_sfi_kind(Tagged sfi) { return (FunctionKind)sfi_kind(sfi); }
bool js_function_sfi_is_strict(Tagged sfi) { return sfi_is_strict(sfi); }
bool js_function_sfi_is_generator(Tagged sfi) { return sfi_is_generator(sfi); }
bool js_function_sfi_is_async(Tagged sfi) { return sfi_is_async(sfi); }
static void js_function_sfi_mark_builtin(Tagged sfi, bool is_constructor) {
  sfi_set_is_strict(sfi, true);
  if (is_constructor) sfi_set_is_constructor(sfi, true);
}
_Static_assert((int)SFI_KIND_CLASS_STATIC_INIT == (int)FUNCTION_KIND_CLASS_STATIC_INIT,
               "FunctionKind follows SfiKind");
#else
enum {
  kSfiStrictBit = 1 << 0,
  kSfiConstructorBit = 1 << 1,
  kSfiGeneratorBit = 1 << 8,
  kSfiAsyncBit = 1 << 9,
  kSfiKindBitsShift = 24,
  kSfiKindBitsMask = 0xf,
};

FunctionKind js_function_sfi_kind(Tagged sfi) {
  return (FunctionKind)((sfi_flags(sfi) >> kSfiKindBitsShift) & kSfiKindBitsMask);
}
bool js_function_sfi_is_strict(Tagged sfi) { return (sfi_flags(sfi) & kSfiStrictBit) != 0; }
bool js_function_sfi_is_generator(Tagged sfi) {
  return (sfi_flags(sfi) & kSfiGeneratorBit) != 0;
}
bool js_function_sfi_is_async(Tagged sfi) { return (sfi_flags(sfi) & kSfiAsyncBit) != 0; }
static void js_function_sfi_mark_builtin(Tagged sfi, bool is_constructor) {
  sfi_set_flags(sfi, sfi_flags(sfi) | kSfiStrictBit | (is_constructor ? kSfiConstructorBit : 0));
}
#endif

/* ---- maps ------------------------------------------------------------------------------ */

/* Appends a data field descriptor (the next field) to map. May allocate. */
static bool function_map_add_field(Isolate *iso, Handle map, Handle name, int attributes) {
  int nof = map_own_descriptors(H(map));
  int field = map_number_of_fields(H(map));
  PropertyDetails details = property_details_make(PROPERTY_DATA, PROPERTY_FIELD, attributes,
                                                  (uint32_t)field);
  Handle old = handle_new(iso, map_instance_descriptors(H(map)));
  Handle index = handle_new(iso, smi_from_int(field));
  Handle da = descriptor_array_copy_add(iso, old, nof, name, details, index);
  if (handle_is_null(da)) return false;
  map_set_instance_descriptors(H(map), H(da));
  map_set_own_descriptors(H(map), nof + 1);
  map_set_number_of_fields(H(map), field + 1);
  return true;
}

/* A function map; legacy adds the sloppy "arguments" and "caller" fields after
 * "prototype". May allocate. */
static Handle function_map_build(Isolate *iso, InstanceType type, Handle proto, int map_flags,
                                 bool with_prototype, int prototype_attributes, bool legacy) {
  int inobject = (with_prototype ? 3 : 2) + (legacy ? 2 : 0);
  size_t header = (size_t)kBodyDescriptors[type].header_words * kTaggedSize;
  Handle map = factory_new_map(iso, type, header + (size_t)inobject * kTaggedSize, inobject);
  if (handle_is_null(map)) return map;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(proto));
  if (map_flags & MAP_IS_CALLABLE) map_set_flag(H(map), MAP_IS_CALLABLE, true);
  if (map_flags & MAP_IS_CONSTRUCTOR) map_set_flag(H(map), MAP_IS_CONSTRUCTOR, true);
  int attrs = READ_ONLY | DONT_ENUM;
  if (!function_map_add_field(iso, map, ROOT_HANDLE(iso, length_string), attrs) ||
      !function_map_add_field(iso, map, ROOT_HANDLE(iso, name_string), attrs)) {
    return HANDLE_NULL;
  }
  if (with_prototype && !function_map_add_field(iso, map, ROOT_HANDLE(iso, prototype_string),
                                                prototype_attributes)) {
    return HANDLE_NULL;
  }
  if (legacy) {
    static const char *const kLegacy[] = {"arguments", "caller"};
    for (size_t i = 0; i < KILN_ARRAY_SIZE(kLegacy); i++) {
      Handle key = string_internalize_utf8(iso, kLegacy[i], strlen(kLegacy[i]));
      if (handle_is_null(key) ||
          !function_map_add_field(iso, map, key, READ_ONLY | DONT_ENUM | DONT_DELETE)) {
        return HANDLE_NULL;
      }
    }
  }
  return map;
}

Handle js_function_map_new(Isolate *iso, InstanceType type, Handle proto, int map_flags,
                           bool with_prototype, int prototype_attributes) {
  return function_map_build(iso, type, proto, map_flags, with_prototype, prototype_attributes,
                            false);
}

typedef struct {
  int slot;              /* NATIVE_CONTEXT_* */
  InstanceType type;
  int map_flags;
  bool with_prototype;
  int prototype_attributes;
} FunctionMapSpec;

#define CALL MAP_IS_CALLABLE
#define CTOR (MAP_IS_CALLABLE | MAP_IS_CONSTRUCTOR)
static const FunctionMapSpec kFunctionMaps[] = {
    {NATIVE_CONTEXT_sloppy_function_map, JS_FUNCTION_TYPE, CTOR, true, DONT_ENUM | DONT_DELETE},
    {NATIVE_CONTEXT_strict_function_map, JS_FUNCTION_TYPE, CTOR, true, DONT_ENUM | DONT_DELETE},
    {NATIVE_CONTEXT_method_map, JS_FUNCTION_TYPE, CALL, false, 0},
    {NATIVE_CONTEXT_class_constructor_map, JS_FUNCTION_TYPE, CTOR, true,
     READ_ONLY | DONT_ENUM | DONT_DELETE},
    {NATIVE_CONTEXT_generator_function_map, JS_FUNCTION_TYPE, CALL, true,
     DONT_ENUM | DONT_DELETE},
    {NATIVE_CONTEXT_builtin_function_map, JS_FUNCTION_TYPE, CALL, false, 0},
    {NATIVE_CONTEXT_builtin_constructor_map, JS_FUNCTION_TYPE, CTOR, true,
     READ_ONLY | DONT_ENUM | DONT_DELETE},
    {NATIVE_CONTEXT_bound_function_map, JS_BOUND_FUNCTION_TYPE, CALL, false, 0},
    {NATIVE_CONTEXT_bound_constructor_map, JS_BOUND_FUNCTION_TYPE, CTOR, false, 0},
};
#undef CALL
#undef CTOR

bool js_function_setup_maps(Isolate *iso, Handle native_context) {
  Handle proto = handle_new(iso, context_get(H(native_context),
                                             NATIVE_CONTEXT_function_prototype));
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kFunctionMaps); i++) {
    const FunctionMapSpec *s = &kFunctionMaps[i];
    Handle map = function_map_build(iso, s->type, proto, s->map_flags, s->with_prototype,
                                    s->prototype_attributes,
                                    s->slot == NATIVE_CONTEXT_sloppy_function_map);
    if (handle_is_null(map)) return false;
    context_set(H(native_context), s->slot, H(map));
  }
  return true;
}

/* ---- creation -------------------------------------------------------------------------- */

Handle js_function_new_builtin_sfi(Isolate *iso, Handle name, int length, BuiltinFunction fn,
                                   Handle data) {
  Handle sfi = factory_new_raw(iso, SharedFunctionInfo_kHeaderSize,
                               ROOT(iso, shared_function_info_map), ALLOCATE_OLD);
  if (handle_is_null(sfi)) return sfi;
  Tagged s = H(sfi), undefined = ROOT(iso, undefined_value);
  sfi_set_name(s, H(name));
  sfi_set_function_data(s, undefined);
  sfi_set_scope_info(s, undefined);
  sfi_set_script(s, undefined);
  sfi_set_flags(s, 0);
  js_function_sfi_mark_builtin(s, false); /* builtins behave as strict functions */
  sfi_set_formal_parameter_count(s, length);
  sfi_set_length(s, length);
  sfi_set_start_position(s, -1);
  sfi_set_end_position(s, -1);
  sfi_set_function_id(s, -1);
  sfi_set_builtin(s, (void *)fn);
  sfi_set_builtin_data(s, H(data));
  return sfi;
}

/* Writes in-object field `field` of a function just made from its map. No allocation. */
static void js_function_init_field(Tagged fn, int field, Tagged value) {
  Tagged map = heap_object_map(fn);
  field_write(fn, map_inobject_start(map) + (size_t)field * kTaggedSize, value);
}

Handle js_function_new_with_map(Isolate *iso, Handle map, Handle sfi, Handle context) {
  Handle fn = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(fn)) return fn;
  Tagged f = H(fn);
  js_function_set_shared(f, H(sfi));
  js_function_set_context(f, H(context));
  js_function_set_feedback_vector(f, ROOT(iso, undefined_value));
  js_function_set_prototype_or_initial_map(f, ROOT(iso, the_hole_value));
  js_function_init_field(f, kFunctionLengthField, smi_from_int((int32_t)sfi_length(H(sfi))));
  js_function_init_field(f, kFunctionNameField, sfi_name(H(sfi)));
  return fn;
}

Handle js_function_new_builtin(Isolate *iso, Handle native_context, Handle sfi,
                               bool is_constructor) {
  int slot = is_constructor ? NATIVE_CONTEXT_builtin_constructor_map
                            : NATIVE_CONTEXT_builtin_function_map;
  Handle map = handle_new(iso, context_get(H(native_context), slot));
  if (is_constructor) js_function_sfi_mark_builtin(H(sfi), true);
  Handle fn = js_function_new_with_map(iso, map, sfi, native_context);
  if (!handle_is_null(fn) && is_constructor) {
    js_function_init_field(H(fn), kFunctionPrototypeField, ROOT(iso, undefined_value));
  }
  return fn;
}

Handle js_function_new_builtin_named(Isolate *iso, Handle native_context, const char *name,
                                     int length, BuiltinFunction fn, bool is_constructor) {
  Handle str = string_internalize_utf8(iso, name, strlen(name));
  if (handle_is_null(str)) return str;
  Handle sfi = js_function_new_builtin_sfi(iso, str, length, fn,
                                           ROOT_HANDLE(iso, undefined_value));
  if (handle_is_null(sfi)) return sfi;
  return js_function_new_builtin(iso, native_context, sfi, is_constructor);
}

Tagged js_function_native_context(Tagged fn) {
  Tagged c = js_function_context(fn);
  while (!is_native_context(c)) c = context_previous(c);
  return c;
}

/* The realm map a closure of sfi gets. */
static int js_function_closure_map_slot(Tagged sfi) {
  if (js_function_sfi_is_generator(sfi)) {
    return js_function_sfi_is_async(sfi) ? NATIVE_CONTEXT_async_generator_function_map
                                         : NATIVE_CONTEXT_generator_function_map;
  }
  if (js_function_sfi_is_async(sfi)) return NATIVE_CONTEXT_async_function_map;
  switch (js_function_sfi_kind(sfi)) {
    case FUNCTION_KIND_NORMAL:
      return js_function_sfi_is_strict(sfi) ? NATIVE_CONTEXT_strict_function_map
                                            : NATIVE_CONTEXT_sloppy_function_map;
    case FUNCTION_KIND_CLASS_CONSTRUCTOR:
    case FUNCTION_KIND_DERIVED_CONSTRUCTOR:
      return NATIVE_CONTEXT_class_constructor_map;
    default:
      return NATIVE_CONTEXT_method_map;
  }
}

Handle js_function_new_prototype_object(Isolate *iso, Handle fn) {
  Tagged realm = js_function_native_context(H(fn));
  Handle map = handle_new(iso, context_get(realm, NATIVE_CONTEXT_object_map));
  Handle proto = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(proto)) return proto;
  if (!js_object_define_own_property(iso, proto, ROOT_HANDLE(iso, constructor_string), fn,
                                     DONT_ENUM)) {
    return HANDLE_NULL;
  }
  return proto;
}

/* A generator function's prototype: an object inheriting %GeneratorPrototype% (or
 * %Object.prototype% until generators exist), without "constructor". May allocate. */
static Handle js_function_new_generator_prototype(Isolate *iso, Handle fn, int proto_slot) {
  Tagged realm = js_function_native_context(H(fn));
  Handle proto = handle_new(iso, context_get(realm, proto_slot));
  Handle map = handle_new(iso, context_get(realm, NATIVE_CONTEXT_object_map));
  if (!is_js_receiver(H(proto))) return factory_new_js_object_from_map(iso, map);
  /* One map per realm and kind, made on first use (realms live in old space). */
  int cache = proto_slot == NATIVE_CONTEXT_generator_prototype
                  ? NATIVE_CONTEXT_generator_prototype_object_map
                  : NATIVE_CONTEXT_async_generator_prototype_object_map;
  Tagged cached = context_get(realm, cache);
  if (is_map(cached) && map_prototype(cached) == H(proto)) {
    return factory_new_js_object_from_map(iso, handle_new(iso, cached));
  }
  Handle copy = map_copy_with_prototype(iso, map, proto);
  if (handle_is_null(copy)) return copy;
  context_set(js_function_native_context(H(fn)), cache, H(copy));
  return factory_new_js_object_from_map(iso, copy);
}

Handle js_function_new_closure(Isolate *iso, Handle sfi, Handle context) {
  Tagged realm = H(context);
  while (!is_native_context(realm)) realm = context_previous(realm);
  int slot = js_function_closure_map_slot(H(sfi));
  Handle map = handle_new(iso, context_get(realm, slot));
  Handle fn = js_function_new_with_map(iso, map, sfi, context);
  if (handle_is_null(fn)) return fn;
  if (map_inobject_properties(H(map)) > kFunctionCallerField) {
    js_function_init_field(H(fn), kFunctionArgumentsField, ROOT(iso, undefined_value));
    js_function_init_field(H(fn), kFunctionCallerField, ROOT(iso, undefined_value));
  }
  if (map_inobject_properties(H(map)) <= kFunctionPrototypeField) return fn;
  js_function_init_field(H(fn), kFunctionPrototypeField, ROOT(iso, undefined_value));
  if (slot == NATIVE_CONTEXT_class_constructor_map) return fn;
  Handle proto =
      slot == NATIVE_CONTEXT_generator_function_map
          ? js_function_new_generator_prototype(iso, fn, NATIVE_CONTEXT_generator_prototype)
      : slot == NATIVE_CONTEXT_async_generator_function_map
          ? js_function_new_generator_prototype(iso, fn, NATIVE_CONTEXT_async_generator_prototype)
          : js_function_new_prototype_object(iso, fn);
  if (handle_is_null(proto)) return proto;
  js_function_init_field(H(fn), kFunctionPrototypeField, H(proto));
  return fn;
}

Handle js_bound_function_new(Isolate *iso, Handle target, Handle proto, Handle bound_this,
                             int argc, const Handle *argv) {
  Handle args = factory_new_fixed_array(iso, argc);
  if (handle_is_null(args)) return args;
  for (int i = 0; i < argc; i++) fixed_array_set(H(args), i, H(argv[i]));
  Tagged realm = iso->native_context;
  int slot = map_has_flag(heap_object_map(H(target)), MAP_IS_CONSTRUCTOR)
                 ? NATIVE_CONTEXT_bound_constructor_map
                 : NATIVE_CONTEXT_bound_function_map;
  Handle map = handle_new(iso, context_get(realm, slot));
  if (map_prototype(H(map)) != H(proto)) {
    map = map_copy_with_prototype(iso, map, proto);
    if (handle_is_null(map)) return map;
  }
  Handle fn = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(fn)) return fn;
  Tagged f = H(fn);
  js_bound_function_set_target(f, H(target));
  js_bound_function_set_bound_this(f, H(bound_this));
  js_bound_function_set_bound_arguments(f, H(args));
  js_function_init_field(f, kFunctionLengthField, smi_from_int(0));
  js_function_init_field(f, kFunctionNameField, ROOT(iso, empty_string));
  return fn;
}

/* ---- properties ------------------------------------------------------------------------ */

/* Redefines own key with value, keeping the attributes functions give it. */
static bool js_function_redefine(Isolate *iso, Handle fn, Handle key, Handle value,
                                 int attributes) {
  if (js_object_define_own_property(iso, fn, key, value, attributes)) return true;
  if (!isolate_has_pending_exception(iso)) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot redefine property of a function");
  }
  return false;
}

bool js_function_set_name(Isolate *iso, Handle fn, Handle name, const char *prefix) {
  Handle text = name;
  if (is_symbol(H(name))) {
    Handle desc = handle_new(iso, symbol_description(H(name)));
    if (!is_string(H(desc))) {
      text = ROOT_HANDLE(iso, empty_string);
    } else {
      Handle open = string_new_one_byte(iso, (const uint8_t *)"[", 1);
      Handle close = handle_is_null(open) ? open
                                          : string_new_one_byte(iso, (const uint8_t *)"]", 1);
      if (handle_is_null(close)) return false;
      text = string_concat(iso, open, desc);
      if (handle_is_null(text) || handle_is_null(text = string_concat(iso, text, close))) {
        return false;
      }
    }
  }
  if (prefix != NULL) {
    char buf[16];
    size_t n = strlen(prefix);
    DCHECK(n + 1 < sizeof buf);
    memcpy(buf, prefix, n);
    buf[n++] = ' ';
    Handle p = string_new_one_byte(iso, (const uint8_t *)buf, n);
    if (handle_is_null(p) || handle_is_null(text = string_concat(iso, p, text))) return false;
  }
  return js_function_redefine(iso, fn, ROOT_HANDLE(iso, name_string), text,
                              READ_ONLY | DONT_ENUM);
}

bool js_function_set_length(Isolate *iso, Handle fn, double length) {
  Handle value = factory_new_number(iso, length);
  if (handle_is_null(value)) return false;
  return js_function_redefine(iso, fn, ROOT_HANDLE(iso, length_string), value,
                              READ_ONLY | DONT_ENUM);
}

bool js_function_set_prototype_property(Isolate *iso, Handle fn, Handle prototype) {
  LookupResult lookup;
  if (!property_lookup_own(iso, fn, ROOT_HANDLE(iso, prototype_string), &lookup)) {
    return js_function_redefine(iso, fn, ROOT_HANDLE(iso, prototype_string), prototype,
                                DONT_ENUM | DONT_DELETE);
  }
  /* The engine initializes the property whatever its attributes (it may be read-only and
   * non-configurable): write the slot itself. */
  switch (lookup.state) {
    case LOOKUP_IN_OBJECT:
      field_write(H(fn), (size_t)lookup.offset, H(prototype));
      return true;
    case LOOKUP_BACKING_STORE:
      fixed_array_set(js_object_properties(H(fn)), lookup.index, H(prototype));
      return true;
    case LOOKUP_DICTIONARY:
      dictionary_set_value_at(js_object_properties(H(fn)), lookup.index, H(prototype));
      return true;
    default:
      isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot set a function's prototype");
      return false;
  }
}

bool js_function_is_class_constructor(Tagged fn) {
  if (!is_js_function(fn)) return false;
  FunctionKind kind = js_function_sfi_kind(js_function_shared(fn));
  return kind == FUNCTION_KIND_CLASS_CONSTRUCTOR || kind == FUNCTION_KIND_DERIVED_CONSTRUCTOR;
}

Handle js_function_initial_map(Isolate *iso, Handle fn, Handle prototype) {
  Tagged cached = js_function_prototype_or_initial_map(H(fn));
  if (is_map(cached) && map_prototype(cached) == H(prototype)) return handle_new(iso, cached);
  size_t header = (size_t)kBodyDescriptors[JS_OBJECT_TYPE].header_words * kTaggedSize;
  Handle map = factory_new_map(iso, JS_OBJECT_TYPE,
                               header + kInitialMapInObjectSlots * kTaggedSize,
                               kInitialMapInObjectSlots);
  if (handle_is_null(map)) return map;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(prototype));
  map_start_slack_tracking(H(map));
  js_function_set_prototype_or_initial_map(H(fn), H(map));
  return map;
}
