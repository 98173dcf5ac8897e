/*
 * ic.h: inline caches for property access, keyed by Map (ic/ic.c).
 *
 * Named loads (GetNamedProperty) and stores (SetNamedProperty, DefineNamedOwnProperty)
 * keep, in their feedback slot (ic/feedback-vector.h):
 *
 *   word 0: undefined | Map (monomorphic) | FixedArray [map, handler, ...] (polymorphic,
 *           up to kMaxPolymorphism pairs) | kFeedbackMegamorphic
 *   word 1: the handler of the monomorphic map
 *
 * A handler is a Smi `payload << 2 | kind`:
 *   IC_FIELD_IN_OBJECT   payload = the byte offset of an own data field in the object;
 *   IC_FIELD_BACKING     payload = the index of an own data field in the PropertyArray;
 *   IC_FIELD_DICTIONARY  payload = the entry of a data property in the NameDictionary
 *                        (prototype-chain holders only);
 * or, for loads, a FixedArray [cell, holder, Smi handler]: the property is a data property
 * of holder, an object on the receiver's prototype chain; or [cell, holder, getter]: it is
 * an accessor of holder whose getter is a JSFunction (the miss path calls it without a
 * lookup) or undefined; or [cell, Smi 0, undefined]: no object on the chain has the
 * property. The receiver's map fixes its prototype and the
 * absence of an own property of that name; cell, the ValidityCell of the chain above the
 * receiver (objects/map.h, "prototype validity"), vouches for the rest: while it is valid
 * no object on the chain has changed shape, so the holder still has the property at the
 * same place and the objects below it still lack it. For a string receiver the chain
 * starts at the realm's %String.prototype% (a site runs in one realm, the realm of its
 * closure);
 * or, for stores, a FixedArray [cell, holder, setter]: the chain's first property of that
 * name is an accessor of holder with a JSFunction setter, which the miss path calls
 * without a lookup;
 * or, for stores, a FixedArray [cell, new map, Smi offset handler]: a transition that adds
 * the property in an in-object slot (the hit re-checks the slot still lies in-object),
 * cached when the chain had no setter, read-only property or exotic object for that name;
 * cell is the chain's ValidityCell (Smi 0 for DefineNamedOwnProperty, which ignores the
 * chain), so a setter or read-only property added on the chain later is noticed.
 *
 * Stores into existing fields are only cached for writable fields.
 *
 * Global loads (LdaGlobal) keep word 0 = the realm's script context and word 1 = Smi slot
 * for a top-level let/const/class, or word 0 = the global object's NameDictionary and word
 * 1 = Smi entry for a data property of the global object (valid while the dictionary is
 * the same object and the entry still holds that key).
 *
 * Binary operations record the kinds of operands seen (IC_BINARY_* bits in word 0), calls
 * their target (word 0: the JSFunction, or megamorphic).
 */
#ifndef KILN_IC_IC_H_
#define KILN_IC_IC_H_

#include "ic/feedback-vector.h"
#include "execution/contexts.h"
#include "objects/dictionary.h"
#include "objects/js-objects.h"
#include "objects/map.h"

enum { IC_FIELD_IN_OBJECT = 0, IC_FIELD_BACKING = 1, IC_FIELD_DICTIONARY = 2, kICKindBits = 2 };

enum {
  IC_BINARY_SMI = 1, IC_BINARY_NUMBER = 2, IC_BINARY_STRING = 4, IC_BINARY_BIGINT = 8,
  IC_BINARY_ANY = 16,
};

KILN_INLINE bool ic_is_fixed_array(Tagged v) {
  return is_heap_object(v) && heap_object_type(v) == FIXED_ARRAY_TYPE;
}

KILN_INLINE bool ic_has_vector(Tagged fv) {
  return is_heap_object(fv) && heap_object_type(fv) == FEEDBACK_VECTOR_TYPE;
}

/* Applies a Smi field handler to obj. */
KILN_INLINE Tagged ic_field_load(Tagged obj, Tagged handler) {
  int32_t h = smi_value(handler);
  if ((h & 3) == IC_FIELD_IN_OBJECT) return field_read(obj, (size_t)(h >> kICKindBits));
  if ((h & 3) == IC_FIELD_BACKING) {
    return fixed_array_get(js_object_properties(obj), h >> kICKindBits);
  }
  return dictionary_value_at(js_object_properties(obj), h >> kICKindBits);
}

/* The handler for map in slot words s, or 0. */
KILN_INLINE Tagged ic_find_handler(const Tagged *s, Tagged map) {
  if (s[0] == map) return s[1];
  if (!ic_is_fixed_array(s[0])) return 0;
  Tagged poly = s[0];
  int64_t n = fixed_array_length(poly);
  for (int64_t i = 0; i < n; i += 2) {
    if (fixed_array_get(poly, i) == map) return fixed_array_get(poly, i + 1);
  }
  return 0;
}

/* The hit path of a named load: true with *out set when slot has a handler for receiver's
 * map. Does not allocate. */
KILN_INLINE bool ic_load_named_hit(Tagged fv, int slot, Tagged receiver, Tagged *out) {
  if (!is_heap_object(receiver) || !ic_has_vector(fv)) return false;
  Tagged map = heap_object_map(receiver);
  Tagged handler = ic_find_handler(feedback_vector_slot(fv, slot), map);
  if (handler == 0) return false;
  if (is_smi(handler)) {
    *out = ic_field_load(receiver, handler);
    return true;
  }
  if (!validity_cell_chain_valid(fixed_array_get(handler, 0))) return false;
  Tagged h = fixed_array_get(handler, 2);
  if (is_smi(h)) {
    *out = ic_field_load(fixed_array_get(handler, 1), h);
    return true;
  }
  if (heap_object_type(h) == JS_FUNCTION_TYPE) return false; /* a getter: the miss calls it */
  *out = h; /* undefined: absent, or an accessor without a getter */
  return true;
}

/* The hit path of a named store: true when done. Does not allocate. */
KILN_INLINE bool ic_store_named_hit(Tagged fv, int slot, Tagged receiver, Tagged value) {
  if (!is_heap_object(receiver) || !ic_has_vector(fv)) return false;
  Tagged map = heap_object_map(receiver);
  Tagged handler = ic_find_handler(feedback_vector_slot(fv, slot), map);
  if (handler == 0) return false;
  if (is_smi(handler)) {
    int32_t h = smi_value(handler);
    if ((h & 3) == IC_FIELD_IN_OBJECT) {
      field_write(receiver, (size_t)(h >> kICKindBits), value);
    } else {
      fixed_array_set(js_object_properties(receiver), h >> kICKindBits, value);
    }
    return true;
  }
  if (!is_smi(fixed_array_get(handler, 2))) return false; /* a setter: the miss calls it */
  if (!validity_cell_chain_valid(fixed_array_get(handler, 0))) return false;
  Tagged new_map = fixed_array_get(handler, 1);
  size_t offset = (size_t)(smi_value(fixed_array_get(handler, 2)) >> kICKindBits);
  if (offset >= map_instance_size(new_map)) return false;
  field_write(receiver, offset, value);
  heap_object_set_map(receiver, new_map);
  return true;
}

/* The slow paths: the generic operation, then the slot learns the receiver's map when the
 * access is cacheable. fv is the frame's feedback vector slot (undefined: no feedback).
 * Call user code (getters, setters, proxies): may GC and throw. */
Handle ic_load_named_miss(Isolate *iso, Handle fv, int slot, Handle receiver, Handle name);
bool ic_store_named_miss(Isolate *iso, Handle fv, int slot, Handle receiver, Handle name,
                         Handle value, bool strict);
/* DefineNamedOwnProperty: CreateDataPropertyOrThrow(receiver, name, value). */
bool ic_define_named_miss(Isolate *iso, Handle fv, int slot, Handle receiver, Handle name,
                          Handle value);

/* Records the map of a keyed access's receiver (monomorphic, else megamorphic). */
void ic_record_keyed(Isolate *iso, Tagged fv, int slot, Tagged receiver);
/* The IC_BINARY_* kind of an operand. */
KILN_INLINE int ic_binary_kind(Tagged v) {
  if (is_smi(v)) return IC_BINARY_SMI;
  if (is_heap_number(v)) return IC_BINARY_NUMBER;
  if (is_string(v)) return IC_BINARY_STRING;
  if (is_bigint(v)) return IC_BINARY_BIGINT;
  return IC_BINARY_ANY;
}

/* Records the operand kinds of a binary operation (word 0 accumulates IC_BINARY_* bits).
 * Does not allocate. */
KILN_INLINE void ic_record_binary(Tagged fv, int slot, Tagged left, Tagged right) {
  if (!ic_has_vector(fv)) return;
  Tagged *s = feedback_vector_slot(fv, slot);
  int bits = is_smi(s[0]) ? smi_value(s[0]) : 0;
  if (bits < 0) bits = 0;
  int seen = bits | ic_binary_kind(left) | ic_binary_kind(right);
  if (seen != bits || !is_smi(s[0])) s[0] = smi_from_int(seen);
}
/* Records a call's target: the slot learns the first JSFunction, and goes megamorphic on a
 * second target. */
void ic_record_call_slow(Isolate *iso, Tagged fv, int slot, Tagged target);
/* The common case inline: the slot already holds this target, or is megamorphic. */
KILN_INLINE void ic_record_call(Isolate *iso, Tagged fv, int slot, Tagged target) {
  if (!ic_has_vector(fv)) return;
  Tagged seen = feedback_vector_slot(fv, slot)[0];
  if (seen == target || seen == kFeedbackMegamorphic) return;
  ic_record_call_slow(iso, fv, slot, target);
}

/* LdaGlobal's hit: true with *out set. Does not allocate. */
KILN_INLINE bool ic_load_global_hit(Isolate *iso, Tagged fv, int slot, Tagged name, Tagged *out) {
  if (!ic_has_vector(fv)) return false;
  Tagged *s = feedback_vector_slot(fv, slot);
  if (!is_smi(s[1]) || !is_heap_object(s[0])) return false;
  int64_t index = smi_value(s[1]);
  Tagged nc = iso->native_context;
  Tagged *nc_slots = field_slot(nc, Context_kHeaderSize);
  if (s[0] == nc_slots[NATIVE_CONTEXT_script_context]) {
    Tagged v = field_slot(s[0], Context_kHeaderSize)[index];
    if (v == ROOT(iso, the_hole_value)) return false;
    *out = v;
    return true;
  }
  Tagged global = nc_slots[NATIVE_CONTEXT_global_object];
  if (s[0] != js_object_properties(global)) return false;
  Tagged *entry = fixed_array_data(s[0]) + dictionary_slot((int)index, 0);
  if (entry + 2 >= fixed_array_data(s[0]) + fixed_array_length(s[0]) || entry[0] != name) {
    return false;
  }
  if (property_details_kind(property_details_from_smi(entry[2])) != PROPERTY_DATA) return false;
  *out = entry[1];
  return true;
}
/* Records where a global load found name (after a successful slow lookup). */
void ic_load_global_record(Isolate *iso, Tagged fv, int slot, Tagged name);
/* StaGlobal's hit: a cached mutable script-scope binding (initialised) or writable data
 * property of the global object; true when stored. Does not allocate. Inline: top-level
 * `var` loops store a global on every iteration. */
KILN_INLINE bool ic_store_global_hit(Isolate *iso, Tagged fv, int slot, Tagged name,
                                     Tagged value) {
  if (!ic_has_vector(fv)) return false;
  Tagged *s = feedback_vector_slot(fv, slot);
  if (!is_heap_object(s[0]) || !is_smi(s[1])) return false;
  int32_t index = smi_value(s[1]);
  Tagged *nc_slots = field_slot(iso->native_context, Context_kHeaderSize);
  if (s[0] == nc_slots[NATIVE_CONTEXT_script_context]) {
    Tagged *slot_p = field_slot(s[0], Context_kHeaderSize) + index;
    if (*slot_p == ROOT(iso, the_hole_value)) return false;
    context_set(s[0], index, value);
    return true;
  }
  if (s[0] != js_object_properties(nc_slots[NATIVE_CONTEXT_global_object])) return false;
  Tagged *entry = fixed_array_data(s[0]) + dictionary_slot(index, 0);
  if (entry + 2 >= fixed_array_data(s[0]) + fixed_array_length(s[0]) || entry[0] != name) {
    return false;
  }
  PropertyDetails d = property_details_from_smi(entry[2]);
  if (property_details_kind(d) != PROPERTY_DATA || (property_details_attributes(d) & READ_ONLY)) {
    return false;
  }
  dictionary_set_value_at(s[0], index, value);
  return true;
}
/* Records a global store's target (mutable bindings and writable data properties only). */
void ic_store_global_record(Isolate *iso, Tagged fv, int slot, Tagged name);

#endif /* KILN_IC_IC_H_ */
