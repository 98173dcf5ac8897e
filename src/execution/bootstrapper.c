/*
 * bootstrapper.c: creating realms. See bootstrapper.h for the order of the steps.
 */
#include "execution/bootstrapper.h"

#include "builtins/builtins-utils.h"
#include "execution/contexts.h"
#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"

enum { kGlobalDictionaryCapacity = 128 };

/* %Function.prototype% itself: accepts any arguments and returns undefined (20.2.3). */
static Handle Builtin_FunctionPrototype(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(args);
  return ROOT_HANDLE(iso, undefined_value);
}

/* A NativeContext with every slot undefined. */
static Handle bootstrapper_new_native_context(Isolate *iso) {
  size_t size = Context_kHeaderSize + (size_t)kNativeContextSlotCount * kTaggedSize;
  Handle nc = factory_new_raw(iso, size, ROOT(iso, native_context_map), ALLOCATE_OLD);
  if (handle_is_null(nc)) return nc;
  Tagged c = H(nc), undefined = ROOT(iso, undefined_value);
  field_write_no_barrier(c, Context_length_offset, smi_from_int(kNativeContextSlotCount));
  for (size_t off = Context_scope_info_offset; off < size; off += kTaggedSize) {
    field_write_no_barrier(c, off, undefined);
  }
  context_set_extension(c, c);
  return nc;
}

/* A JS map for `type` with `inobject` in-object slots and the given prototype. */
static Handle bootstrapper_new_map(Isolate *iso, InstanceType type, int inobject,
                                   Handle proto) {
  size_t header = (size_t)kBodyDescriptors[type].header_words * kTaggedSize;
  Handle map = factory_new_map(iso, type, header + (size_t)inobject * kTaggedSize, inobject);
  if (handle_is_null(map)) return map;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(proto));
  return map;
}

/* Gives every map of root's transition tree the prototype proto. Does not allocate. */
static void bootstrapper_set_tree_prototype(Tagged map, Tagged proto) {
  map_set_prototype(map, proto);
  Tagged t = map_transitions(map);
  if (is_map(t)) {
    bootstrapper_set_tree_prototype(t, proto);
  } else if (is_heap_object(t) && heap_object_type(t) == TRANSITION_ARRAY_TYPE) {
    for (int64_t i = 1; i < fixed_array_length(t); i += 2) {
      bootstrapper_set_tree_prototype(fixed_array_get(t, i), proto);
    }
  }
}

/* Step 2: %Object.prototype% and the map of {}. */
static bool bootstrapper_object_prototype(Isolate *iso, Handle nc, bool first) {
  Handle map = bootstrapper_new_map(iso, JS_OBJECT_TYPE, 0, ROOT_HANDLE(iso, null_value));
  if (handle_is_null(map)) return false;
  Handle proto = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(proto)) return false;
  map_set_flag(H(map), MAP_IS_PROTOTYPE, true);
  context_set(H(nc), NATIVE_CONTEXT_object_prototype, H(proto));
  Handle object_map;
  if (first) {
    object_map = ROOT_HANDLE(iso, initial_object_map);
    bootstrapper_set_tree_prototype(H(object_map), H(proto));
  } else {
    object_map = bootstrapper_new_map(iso, JS_OBJECT_TYPE, 4, proto);
    if (handle_is_null(object_map)) return false;
    map_start_slack_tracking(H(object_map));
  }
  context_set(H(nc), NATIVE_CONTEXT_object_map, H(object_map));
  return true;
}

/* Step 3: %Function.prototype% and the function maps. */
static bool bootstrapper_function_prototype(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle map = js_function_map_new(iso, JS_FUNCTION_TYPE, object_proto, MAP_IS_CALLABLE,
                                   false, 0);
  if (handle_is_null(map)) return false;
  Handle sfi = js_function_new_builtin_sfi(iso, ROOT_HANDLE(iso, empty_string), 0,
                                           Builtin_FunctionPrototype,
                                           ROOT_HANDLE(iso, undefined_value));
  if (handle_is_null(sfi)) return false;
  Handle fn = js_function_new_with_map(iso, map, sfi, nc);
  if (handle_is_null(fn)) return false;
  map_set_flag(H(map), MAP_IS_PROTOTYPE, true);
  context_set(H(nc), NATIVE_CONTEXT_function_prototype, H(fn));
  return js_function_setup_maps(iso, nc);
}

/* Step 4: %Array.prototype% (an Array exotic object of length 0) and the map of []. */
static bool bootstrapper_array_prototype(Isolate *iso, Handle nc, bool first) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle map = map_copy_with_prototype(iso, ROOT_HANDLE(iso, initial_array_map), object_proto);
  if (handle_is_null(map)) return false;
  map_set_elements_kind(H(map), HOLEY_SMI_ELEMENTS);
  Handle proto = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(proto)) return false;
  js_array_set_length(H(proto), smi_from_int(0));
  map_set_flag(H(map), MAP_IS_PROTOTYPE, true);
  context_set(H(nc), NATIVE_CONTEXT_array_prototype, H(proto));
  Handle array_map;
  if (first) {
    array_map = ROOT_HANDLE(iso, initial_array_map);
    bootstrapper_set_tree_prototype(H(array_map), H(proto));
  } else {
    array_map = map_copy_with_prototype(iso, ROOT_HANDLE(iso, initial_array_map), proto);
    if (handle_is_null(array_map)) return false;
  }
  context_set(H(nc), NATIVE_CONTEXT_array_map, H(array_map));
  return true;
}

/* Step 5: the global object, the script context and its name table. */
static bool bootstrapper_global_object(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle map = bootstrapper_new_map(iso, JS_OBJECT_TYPE, 0, object_proto);
  if (handle_is_null(map)) return false;
  map_set_flag(H(map), MAP_IS_DICTIONARY, true);
  Handle dict = name_dictionary_new(iso, kGlobalDictionaryCapacity);
  if (handle_is_null(dict)) return false;
  Handle global = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(global)) return false;
  js_object_set_properties(H(global), H(dict));
  context_set(H(nc), NATIVE_CONTEXT_global_object, H(global));
  context_set(H(nc), NATIVE_CONTEXT_global_this, H(global));

  Handle names = name_dictionary_new(iso, 8);
  if (handle_is_null(names)) return false;
  context_set(H(nc), NATIVE_CONTEXT_script_scope_names, H(names));
  Handle script_context = factory_new_raw(iso, Context_kHeaderSize, ROOT(iso, context_map),
                                          ALLOCATE_OLD);
  if (handle_is_null(script_context)) return false;
  Tagged sc = H(script_context);
  field_write_no_barrier(sc, Context_length_offset, smi_from_int(0));
  context_set_scope_info(sc, ROOT(iso, undefined_value));
  context_set_previous(sc, H(nc));
  context_set_extension(sc, H(nc));
  context_set(H(nc), NATIVE_CONTEXT_script_context, sc);
  Handle template_map = factory_new_fixed_array(iso, 0);
  if (handle_is_null(template_map)) return false;
  context_set(H(nc), NATIVE_CONTEXT_template_map, H(template_map));
  return true;
}

static bool bootstrapper_install_families(Isolate *iso, Handle nc) {
#define V(family) \
  if (!builtins_install_##family(iso, nc)) return false;
  BUILTIN_FAMILY_LIST(V)
#undef V
  Handle global = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_global_object);
  /* ES2025 19.1.1 globalThis: writable, non-enumerable, configurable. */
  return builtins_define_value(iso, global, "globalThis", global, DONT_ENUM);
}

/* Builds a realm; first says it is the isolate's first (see bootstrapper.h). */
static Handle bootstrapper_build(Isolate *iso, bool first) {
  Handle nc = bootstrapper_new_native_context(iso);
  if (handle_is_null(nc)) return nc;
  /* Helpers that read "the current realm" see the one being built. */
  Handle saved = handle_new(iso, iso->native_context);
  if (H(saved) != 0) {
    /* Shared by every realm of the isolate (the agent's GlobalSymbolRegistry). */
    context_set(H(nc), NATIVE_CONTEXT_symbol_registry,
                context_get(H(saved), NATIVE_CONTEXT_symbol_registry));
  }
  iso->native_context = H(nc);
  bool ok = bootstrapper_object_prototype(iso, nc, first) &&
            bootstrapper_function_prototype(iso, nc) &&
            bootstrapper_array_prototype(iso, nc, first) &&
            bootstrapper_global_object(iso, nc) && bootstrapper_install_families(iso, nc);
  iso->native_context = H(saved);
  return ok ? nc : HANDLE_NULL;
}

Handle bootstrapper_create_realm(Isolate *iso) {
  HandleScope scope;
  handle_scope_open_escapable(iso, &scope);
  Handle nc = bootstrapper_build(iso, iso->native_context == 0);
  Handle result = handle_is_null(nc) ? nc : handle_scope_escape(&scope, nc);
  handle_scope_close(&scope);
  return result;
}

bool bootstrapper_init_isolate(Isolate *iso) {
  if (iso->native_context != 0) return true;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle nc = bootstrapper_create_realm(iso);
  if (!handle_is_null(nc)) iso->native_context = H(nc);
  handle_scope_close(&scope);
  return iso->native_context != 0;
}
