/*
 * contexts.c: creating Contexts, and the realm's script scope (top-level lexical bindings).
 */
#include "execution/contexts.h"

#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/scope-info.h"

Handle context_new(Isolate *iso, Handle scope_info, Handle previous, Handle extension,
                   int slots) {
  Handle h = factory_new_raw(iso, Context_kHeaderSize + (size_t)slots * kTaggedSize,
                             ROOT(iso, context_map), ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  Tagged c = H(h), undefined = ROOT(iso, undefined_value);
  field_write_no_barrier(c, Context_length_offset, smi_from_int(slots));
  field_write_no_barrier(c, Context_scope_info_offset, H(scope_info));
  field_write_no_barrier(c, Context_previous_offset, H(previous));
  field_write_no_barrier(c, Context_extension_offset, H(extension));
  for (int i = 0; i < slots; i++) *context_slot(c, i) = undefined;
  Tagged si = H(scope_info);
  if (is_heap_object(si) && heap_object_type(si) == SCOPE_INFO_TYPE) {
    int n = scope_info_context_local_count(si);
    for (int i = 0; i < n && i < slots; i++) {
      if (scope_info_mode_has_tdz(scope_info_context_local_mode(si, i))) {
        *context_slot(c, i) = ROOT(iso, the_hole_value);
      }
    }
  }
  return h;
}

int context_script_scope_lookup(Isolate *iso, Tagged native_context, Tagged name,
                                bool *is_const) {
  Tagged names = context_get(native_context, NATIVE_CONTEXT_script_scope_names);
  if (!is_name_dictionary(names)) return -1;
  int entry = name_dictionary_find(iso, names, name);
  if (entry < 0) return -1;
  if (is_const) {
    *is_const = (property_details_attributes(dictionary_details_at(names, entry)) & READ_ONLY) != 0;
  }
  return smi_value(dictionary_value_at(names, entry));
}

int context_script_scope_add(Isolate *iso, Handle native_context, Handle name, bool is_const) {
  Tagged old = context_get(H(native_context), NATIVE_CONTEXT_script_context);
  int count = is_context(old) ? (int)context_length(old) : 0;
  Handle old_h = handle_new(iso, old);
  Handle undefined = ROOT_HANDLE(iso, undefined_value);
  Handle grown = context_new(iso, undefined, native_context, native_context, count + 1);
  if (handle_is_null(grown)) return -1;
  for (int i = 0; i < count; i++) context_set(H(grown), i, context_get(H(old_h), i));
  context_set(H(grown), count, ROOT(iso, the_hole_value));
  Handle names = handle_new(iso, context_get(H(native_context), NATIVE_CONTEXT_script_scope_names));
  if (!is_name_dictionary(H(names))) {
    names = name_dictionary_new(iso, 8);
    if (handle_is_null(names)) return -1;
  }
  PropertyDetails details =
      property_details_make(PROPERTY_DATA, PROPERTY_FIELD, is_const ? READ_ONLY : 0, 0);
  Handle slot = handle_new(iso, smi_from_int(count));
  names = name_dictionary_add(iso, names, name, slot, details);
  if (handle_is_null(names)) return -1;
  context_set(H(native_context), NATIVE_CONTEXT_script_scope_names, H(names));
  context_set(H(native_context), NATIVE_CONTEXT_script_context, H(grown));
  return count;
}
