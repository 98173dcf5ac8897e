/*
 * descriptors.c: DescriptorArray construction and search. See descriptors.h.
 */
#include "objects/descriptors.h"

#include <string.h>

#include "heap/factory.h"

/* Linear: maps hold at most kMaxFastProperties descriptors and most hold a handful. */
int descriptor_array_search(Tagged da, int nof, Tagged name) {
  const Tagged *data = fixed_array_data(da);
  for (int i = nof - 1; i >= 0; i--) {
    if (data[i * kDescriptorEntrySize + kDescriptorKey] == name) return i;
  }
  return -1;
}

static Handle descriptor_array_allocate(Isolate *iso, int count) {
  return factory_new_fixed_array_with_map(iso, ROOT_descriptor_array_map,
                                          (int64_t)count * kDescriptorEntrySize,
                                          ROOT(iso, undefined_value));
}

/* Copies the first nof entries of src into dst (no allocation). */
static void descriptor_array_copy_entries(Tagged dst, Tagged src, int nof) {
  for (int64_t i = 0; i < (int64_t)nof * kDescriptorEntrySize; i++) {
    fixed_array_set(dst, i, fixed_array_get(src, i));
  }
}

Handle descriptor_array_copy(Isolate *iso, Handle da, int nof) {
  Handle result = descriptor_array_allocate(iso, nof);
  if (handle_is_null(result)) return result;
  descriptor_array_copy_entries(H(result), H(da), nof);
  return result;
}

Handle descriptor_array_copy_add(Isolate *iso, Handle da, int nof, Handle key,
                                 PropertyDetails details, Handle value) {
  DCHECK(descriptor_array_search(H(da), nof, H(key)) < 0);
  Handle result = descriptor_array_allocate(iso, nof + 1);
  if (handle_is_null(result)) return result;
  Tagged dst = H(result);
  descriptor_array_copy_entries(dst, H(da), nof);
  int base = nof * kDescriptorEntrySize;
  fixed_array_set(dst, base + kDescriptorKey, H(key));
  fixed_array_set(dst, base + kDescriptorDetails, property_details_to_smi(details));
  fixed_array_set(dst, base + kDescriptorValue, H(value));
  return result;
}
