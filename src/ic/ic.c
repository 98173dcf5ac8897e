/*
 * ic.c: the inline caches' slow paths: do the generic operation, and teach the slot the
 * receiver's map when the access is a plain field access (handlers: see ic.h).
 */
#include "ic/ic.h"

#include "execution/contexts.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/map.h"
#include "objects/string-hash.h"
#include "runtime/runtime.h"

/* Objects whose named properties are what their fast-mode map describes: their fields can
 * be cached by map. */
static bool ic_is_simple_receiver(Tagged o) {
  return map_is_cacheable_prototype(o) && !map_is_dictionary(heap_object_map(o));
}

static Tagged ic_field_handler(const LookupResult *lookup) {
  if (lookup->state == LOOKUP_IN_OBJECT) {
    return smi_from_int(lookup->offset << kICKindBits | IC_FIELD_IN_OBJECT);
  }
  if (lookup->state == LOOKUP_BACKING_STORE) {
    return smi_from_int(lookup->index << kICKindBits | IC_FIELD_BACKING);
  }
  return 0;
}

/* Adds (map, handler) to slot: monomorphic, then polymorphic, then megamorphic. handler
 * and map are Handles. May allocate. */
static void ic_update(Isolate *iso, Handle fv, int slot, Handle map, Handle handler) {
  if (!ic_has_vector(H(fv))) return;
  Tagged *s = feedback_vector_slot(H(fv), slot);
  if (s[0] == kFeedbackMegamorphic) return;
  if (is_undefined(iso, s[0]) || s[0] == H(map)) {
    feedback_vector_set(H(fv), slot, 0, H(map));
    feedback_vector_set(H(fv), slot, 1, H(handler));
    return;
  }
  int64_t old = ic_is_fixed_array(s[0]) ? fixed_array_length(s[0]) : 2;
  if (old >= kMaxPolymorphism * 2) {
    feedback_vector_set(H(fv), slot, 0, kFeedbackMegamorphic);
    feedback_vector_set(H(fv), slot, 1, ROOT(iso, undefined_value));
    return;
  }
  Handle poly = factory_new_fixed_array(iso, old + 2);
  if (handle_is_null(poly)) {
    isolate_clear_pending_exception(iso);
    return;
  }
  s = feedback_vector_slot(H(fv), slot);
  if (ic_is_fixed_array(s[0])) {
    for (int64_t i = 0; i < old; i++) fixed_array_set(H(poly), i, fixed_array_get(s[0], i));
  } else {
    fixed_array_set(H(poly), 0, s[0]);
    fixed_array_set(H(poly), 1, s[1]);
  }
  fixed_array_set(H(poly), old, H(map));
  fixed_array_set(H(poly), old + 1, H(handler));
  feedback_vector_set(H(fv), slot, 0, H(poly));
  feedback_vector_set(H(fv), slot, 1, ROOT(iso, undefined_value));
}

/* A FixedArray of the n values. May allocate; empty on failure (no exception left
 * pending). */
static Handle ic_tuple(Isolate *iso, int n, const Tagged *values) {
  Handle h[3];
  for (int i = 0; i < n; i++) h[i] = handle_new(iso, values[i]);
  Handle tuple = factory_new_fixed_array(iso, n);
  if (handle_is_null(tuple)) {
    isolate_clear_pending_exception(iso);
    return tuple;
  }
  for (int i = 0; i < n; i++) fixed_array_set(H(tuple), i, H(h[i]));
  return tuple;
}

static bool ic_is_index(Tagged name) {
  uint32_t index;
  return is_string(name) && string_to_array_index(name, &index);
}

/* Whether o has an own property name that its map does not describe: a String wrapper's
 * "length" (runtime/runtime-object.c finds it). */
static bool ic_hides_name(Isolate *iso, Tagged o, Tagged name) {
  return name == ROOT(iso, length_string) && is_js_primitive_wrapper(o) &&
         is_string(js_primitive_wrapper_value(o));
}

/* The handler of a data property found on a prototype-chain holder, dictionary entries
 * included (the chain's validity cell keeps the entry in place), or 0. */
static Tagged ic_holder_handler(const LookupResult *lookup) {
  if (property_details_kind(lookup->details) != PROPERTY_DATA) return 0;
  if (lookup->state == LOOKUP_DICTIONARY) {
    return smi_from_int(lookup->index << kICKindBits | IC_FIELD_DICTIONARY);
  }
  return ic_field_handler(lookup);
}

/* What a load handler keeps for the accessor property a lookup found: its getter when
 * that is a JSFunction or undefined, else 0. Does not allocate. */
static Tagged ic_getter_handler(Isolate *iso, const LookupResult *lookup) {
  Tagged pair;
  if (lookup->state == LOOKUP_DESCRIPTOR) {
    pair = descriptor_array_value(map_instance_descriptors(H(lookup->holder_map)),
                                  lookup->descriptor);
  } else if (lookup->state == LOOKUP_DICTIONARY) {
    pair = dictionary_value_at(js_object_properties(H(lookup->holder)), lookup->index);
  } else {
    return 0;
  }
  if (!is_accessor_pair(pair)) return 0;
  Tagged getter = accessor_pair_getter(pair);
  if (is_heap_object(getter) && heap_object_type(getter) == JS_FUNCTION_TYPE) return getter;
  return is_undefined(iso, getter) ? getter : 0;
}

/* The load handler for name on the chain that starts at start (ic.h): [cell, holder,
 * handler or getter], or [cell, Smi 0, undefined] when no object on the chain has name.
 * Empty when not cacheable. May allocate. */
static Handle ic_chain_load_handler(Isolate *iso, Handle start, Handle name) {
  Handle cell = map_prototype_chain_validity_cell(iso, start);
  if (handle_is_null(cell)) return cell;
  /* The cell's making gave the chain's objects their own maps; nothing moves below. */
  Tagged values[3] = {H(cell), smi_from_int(0), ROOT(iso, undefined_value)};
  for (Tagged o = H(start); !is_null(iso, o); o = map_prototype(heap_object_map(o))) {
    if (ic_hides_name(iso, o, H(name))) return HANDLE_NULL;
    LookupResult lookup;
    if (!property_lookup_own(iso, handle_new(iso, o), name, &lookup)) continue;
    values[1] = o;
    values[2] = property_details_kind(lookup.details) == PROPERTY_ACCESSOR
                    ? ic_getter_handler(iso, &lookup)
                    : ic_holder_handler(&lookup);
    if (values[2] == 0) return HANDLE_NULL;
    break;
  }
  return ic_tuple(iso, 3, values);
}

/* The handler for loading name from receiver, or empty if not cacheable. May allocate. */
static Handle ic_compute_load_handler(Isolate *iso, Handle receiver, Handle name) {
  if (ic_is_index(H(name))) return HANDLE_NULL;
  if (is_string(H(receiver))) {
    Tagged sp = context_get(iso->native_context, NATIVE_CONTEXT_string_prototype);
    return ic_chain_load_handler(iso, handle_new(iso, sp), name);
  }
  if (!ic_is_simple_receiver(H(receiver)) || ic_hides_name(iso, H(receiver), H(name))) {
    return HANDLE_NULL;
  }
  LookupResult lookup;
  if (property_lookup_own(iso, receiver, name, &lookup)) {
    if (property_details_kind(lookup.details) != PROPERTY_DATA) return HANDLE_NULL;
    Tagged h = ic_field_handler(&lookup);
    return h ? handle_new(iso, h) : HANDLE_NULL;
  }
  Handle proto = handle_new(iso, map_prototype(heap_object_map(H(receiver))));
  return ic_chain_load_handler(iso, proto, name);
}

/* The getter a valid load handler for receiver's map names (ic.h), or 0. */
static Tagged ic_cached_getter(Tagged fv, int slot, Tagged receiver) {
  if (!is_heap_object(receiver) || !ic_has_vector(fv)) return 0;
  Tagged handler = ic_find_handler(feedback_vector_slot(fv, slot), heap_object_map(receiver));
  if (handler == 0 || is_smi(handler) || fixed_array_length(handler) != 3) return 0;
  if (!validity_cell_chain_valid(fixed_array_get(handler, 0))) return 0;
  Tagged getter = fixed_array_get(handler, 2);
  return is_heap_object(getter) && heap_object_type(getter) == JS_FUNCTION_TYPE ? getter : 0;
}

Handle ic_load_named_miss(Isolate *iso, Handle fv, int slot, Handle receiver, Handle name) {
  Tagged getter = ic_cached_getter(H(fv), slot, H(receiver));
  if (getter != 0) return execution_call(iso, handle_new(iso, getter), receiver, 0, NULL);
  if (ic_has_vector(H(fv)) && feedback_vector_get(H(fv), slot, 0) != kFeedbackMegamorphic &&
      is_heap_object(H(receiver))) {
    Handle handler = ic_compute_load_handler(iso, receiver, name);
    if (!handle_is_null(handler)) {
      Handle map = handle_new(iso, heap_object_map(H(receiver)));
      ic_update(iso, fv, slot, map, handler);
      Tagged out;
      if (ic_load_named_hit(H(fv), slot, H(receiver), &out)) return handle_new(iso, out);
      getter = ic_cached_getter(H(fv), slot, H(receiver));
      if (getter != 0) return execution_call(iso, handle_new(iso, getter), receiver, 0, NULL);
    }
  }
  return runtime_get_property(iso, receiver, name);
}

/* Whether an ordinary [[Set]] of name on receiver (simple, fast) adds an own data
 * property: no own property, nothing read-only or an accessor on the chain. Does not
 * allocate on the JS heap. */
typedef enum { IC_SET_OTHER, IC_SET_ADDS, IC_SET_SETTER } IcSetKind;

/* What an ordinary [[Set]] of name on receiver (simple, fast, without an own property of
 * that name) does, when it is cacheable: adds an own data property (nothing read-only or an
 * accessor on the chain), or calls a JSFunction setter found on the chain (*holder and
 * *setter set). Does not allocate on the JS heap. */
static IcSetKind ic_set_kind(Isolate *iso, Handle receiver, Handle name, Tagged *holder,
                             Tagged *setter) {
  if (ic_is_index(H(name))) return IC_SET_OTHER;
  for (Tagged o = H(receiver); is_js_receiver(o); o = js_object_get_prototype(o)) {
    /* an exotic object on the chain, or a property the map does not show */
    if (!map_is_cacheable_prototype(o) || ic_hides_name(iso, o, H(name))) return IC_SET_OTHER;
    LookupResult lookup;
    Handle h = handle_new(iso, o);
    if (!property_lookup_own(iso, h, name, &lookup)) continue;
    if (o == H(receiver)) return IC_SET_OTHER;
    if (property_details_kind(lookup.details) == PROPERTY_ACCESSOR) {
      Tagged pair = lookup.state == LOOKUP_DESCRIPTOR
                        ? descriptor_array_value(map_instance_descriptors(H(lookup.holder_map)),
                                                 lookup.descriptor)
                        : dictionary_value_at(js_object_properties(o), lookup.index);
      Tagged fn = is_accessor_pair(pair) ? accessor_pair_setter(pair) : 0;
      if (fn == 0 || !is_heap_object(fn) || heap_object_type(fn) != JS_FUNCTION_TYPE) {
        return IC_SET_OTHER;
      }
      *holder = o;
      *setter = fn;
      return IC_SET_SETTER;
    }
    bool writable = !(property_details_attributes(lookup.details) & READ_ONLY);
    return writable && js_object_is_extensible(H(receiver)) ? IC_SET_ADDS : IC_SET_OTHER;
  }
  return js_object_is_extensible(H(receiver)) ? IC_SET_ADDS : IC_SET_OTHER;
}

/* The setter a valid store handler for receiver's map names (ic.h), or 0. */
static Tagged ic_cached_setter(Tagged fv, int slot, Tagged receiver) {
  if (!is_heap_object(receiver) || !ic_has_vector(fv)) return 0;
  Tagged handler = ic_find_handler(feedback_vector_slot(fv, slot), heap_object_map(receiver));
  if (handler == 0 || is_smi(handler)) return 0;
  Tagged setter = fixed_array_get(handler, 2);
  if (!is_heap_object(setter) || heap_object_type(setter) != JS_FUNCTION_TYPE) return 0;
  return validity_cell_chain_valid(fixed_array_get(handler, 0)) ? setter : 0;
}

static bool ic_call_setter(Isolate *iso, Tagged setter, Handle receiver, Handle value) {
  Handle argv[1] = {value};
  return !handle_is_null(execution_call(iso, handle_new(iso, setter), receiver, 1, argv));
}

/* Caches [cell, holder, setter] for receiver's map. May allocate. */
static void ic_record_setter(Isolate *iso, Handle fv, int slot, Handle receiver, Tagged holder,
                             Tagged setter) {
  Handle h = handle_new(iso, holder), fn = handle_new(iso, setter);
  Handle map = handle_new(iso, heap_object_map(H(receiver)));
  Handle cell = map_prototype_chain_validity_cell(iso, handle_new(iso, map_prototype(H(map))));
  if (handle_is_null(cell)) return;
  Tagged values[3] = {H(cell), H(h), H(fn)};
  Handle handler = ic_tuple(iso, 3, values);
  if (!handle_is_null(handler)) ic_update(iso, fv, slot, map, handler);
}

/* After an add: if receiver went from old_map to a new map by adding name as an
 * in-object field, caches the transition, guarded by the validity cell of the chain above
 * (with_chain: a [[Set]]) or by none (Smi 0: a define). A prototype's transitions are not
 * cached: the hit path does not invalidate chains (objects/map.h's invariant). May
 * allocate. */
static void ic_record_transition(Isolate *iso, Handle fv, int slot, Handle receiver,
                                 Handle old_map, Handle name, bool with_chain) {
  if (map_is_prototype_map(H(old_map))) return;
  Handle map = handle_new(iso, heap_object_map(H(receiver)));
  if (map_back_pointer(H(map)) != H(old_map) || map_is_dictionary(H(map))) return;
  LookupResult lookup;
  if (!property_lookup_own(iso, receiver, name, &lookup)) return;
  if (lookup.state != LOOKUP_IN_OBJECT ||
      property_details_attributes(lookup.details) != PROPERTY_ATTRIBUTES_NONE) {
    return;
  }
  Tagged h = ic_field_handler(&lookup);
  Handle cell = handle_new(iso, smi_from_int(0));
  if (with_chain) {
    cell = map_prototype_chain_validity_cell(iso, handle_new(iso, map_prototype(H(old_map))));
    if (handle_is_null(cell)) return;
  }
  Tagged values[3] = {H(cell), H(map), h};
  Handle handler = ic_tuple(iso, 3, values);
  if (!handle_is_null(handler)) ic_update(iso, fv, slot, old_map, handler);
}

/* Caches a store into an existing own writable field. true if it did (and stored). */
static bool ic_store_existing(Isolate *iso, Handle fv, int slot, Handle receiver, Handle name,
                              Handle value, bool define) {
  LookupResult lookup;
  if (!property_lookup_own(iso, receiver, name, &lookup)) return false;
  if (property_details_kind(lookup.details) != PROPERTY_DATA) return false;
  uint32_t attributes = property_details_attributes(lookup.details);
  if (define ? attributes != PROPERTY_ATTRIBUTES_NONE : (attributes & READ_ONLY) != 0) {
    return false;
  }
  Tagged h = ic_field_handler(&lookup);
  if (h == 0) return false;
  Handle handler = handle_new(iso, h);
  ic_update(iso, fv, slot, lookup.holder_map, handler);
  return ic_store_named_hit(H(fv), slot, H(receiver), H(value));
}

bool ic_store_named_miss(Isolate *iso, Handle fv, int slot, Handle receiver, Handle name,
                         Handle value, bool strict) {
  bool learn = ic_has_vector(H(fv)) &&
               feedback_vector_get(H(fv), slot, 0) != kFeedbackMegamorphic &&
               ic_is_simple_receiver(H(receiver));
  Tagged setter = ic_cached_setter(H(fv), slot, H(receiver)), holder = 0;
  if (setter != 0) return ic_call_setter(iso, setter, receiver, value);
  if (learn && ic_store_existing(iso, fv, slot, receiver, name, value, false)) return true;
  IcSetKind kind = learn ? ic_set_kind(iso, receiver, name, &holder, &setter) : IC_SET_OTHER;
  if (kind == IC_SET_SETTER) {
    ic_record_setter(iso, fv, slot, receiver, holder, setter);
    setter = ic_cached_setter(H(fv), slot, H(receiver));
    if (setter != 0) return ic_call_setter(iso, setter, receiver, value);
  }
  bool adds = kind == IC_SET_ADDS;
  Handle old_map = handle_new(iso, is_heap_object(H(receiver)) ? heap_object_map(H(receiver))
                                                                : ROOT(iso, undefined_value));
  if (!runtime_set_property(iso, receiver, name, value, strict)) return false;
  if (adds) ic_record_transition(iso, fv, slot, receiver, old_map, name, true);
  return true;
}

bool ic_define_named_miss(Isolate *iso, Handle fv, int slot, Handle receiver, Handle name,
                          Handle value) {
  bool learn = ic_has_vector(H(fv)) &&
               feedback_vector_get(H(fv), slot, 0) != kFeedbackMegamorphic &&
               ic_is_simple_receiver(H(receiver)) && js_object_is_extensible(H(receiver));
  if (learn && ic_store_existing(iso, fv, slot, receiver, name, value, true)) return true;
  LookupResult lookup;
  bool adds = learn && !property_lookup_own(iso, receiver, name, &lookup);
  Handle old_map = handle_new(iso, heap_object_map(H(receiver)));
  if (!runtime_create_data_property_or_throw(iso, receiver, name, value)) return false;
  if (adds) ic_record_transition(iso, fv, slot, receiver, old_map, name, false);
  return true;
}

/* ---- feedback only ------------------------------------------------------------------ */

void ic_record_keyed(Isolate *iso, Tagged fv, int slot, Tagged receiver) {
  if (!ic_has_vector(fv) || !is_heap_object(receiver)) return;
  Tagged *s = feedback_vector_slot(fv, slot);
  Tagged map = heap_object_map(receiver);
  if (is_undefined(iso, s[0])) feedback_vector_set(fv, slot, 0, map);
  else if (s[0] != map) s[0] = kFeedbackMegamorphic;
}

void ic_record_call_slow(Isolate *iso, Tagged fv, int slot, Tagged target) {
  Tagged *s = feedback_vector_slot(fv, slot);
  if (is_undefined(iso, s[0]) && is_js_function(target)) feedback_vector_set(fv, slot, 0, target);
  else s[0] = kFeedbackMegamorphic;
}

/* ---- globals ------------------------------------------------------------------------ */

void ic_load_global_record(Isolate *iso, Tagged fv, int slot, Tagged name) {
  if (!ic_has_vector(fv)) return;
  Tagged nc = iso->native_context;
  Tagged names = context_get(nc, NATIVE_CONTEXT_script_scope_names);
  if (is_name_dictionary(names)) {
    int entry = name_dictionary_find(iso, names, name);
    if (entry >= 0) {
      feedback_vector_set(fv, slot, 0, context_get(nc, NATIVE_CONTEXT_script_context));
      feedback_vector_set(fv, slot, 1, dictionary_value_at(names, entry));
      return;
    }
  }
  Tagged global = context_get(nc, NATIVE_CONTEXT_global_object);
  if (!is_heap_object(global) || !map_is_dictionary(heap_object_map(global))) return;
  Tagged dict = js_object_properties(global);
  int entry = name_dictionary_find(iso, dict, name);
  if (entry < 0) return;
  feedback_vector_set(fv, slot, 0, dict);
  feedback_vector_set(fv, slot, 1, smi_from_int(entry));
}

void ic_store_global_record(Isolate *iso, Tagged fv, int slot, Tagged name) {
  if (!ic_has_vector(fv)) return;
  Tagged nc = iso->native_context;
  Tagged names = context_get(nc, NATIVE_CONTEXT_script_scope_names);
  if (is_name_dictionary(names)) {
    int entry = name_dictionary_find(iso, names, name);
    if (entry >= 0) {
      if (property_details_attributes(dictionary_details_at(names, entry)) & READ_ONLY) return;
      feedback_vector_set(fv, slot, 0, context_get(nc, NATIVE_CONTEXT_script_context));
      feedback_vector_set(fv, slot, 1, dictionary_value_at(names, entry));
      return;
    }
  }
  ic_load_global_record(iso, fv, slot, name);
}
