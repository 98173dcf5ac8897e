/*
 * descriptors.h: PropertyDetails and DescriptorArray (objects/descriptors.c).
 *
 * PropertyDetails is a 31-bit field packed into a Smi, laid out by PROPERTY_DETAILS_LIST:
 *
 *   | kind (1) | location (1) | attributes (3) | index (26) |
 *
 *   kind        PROPERTY_DATA or PROPERTY_ACCESSOR;
 *   location    PROPERTY_FIELD (the value is in the object: in-object or backing store)
 *               or PROPERTY_DESCRIPTOR (the value is the descriptor's constant, e.g. an
 *               AccessorPair);
 *   attributes  READ_ONLY | DONT_ENUM | DONT_DELETE, V8's encoding;
 *   index       in a DescriptorArray: the field index of a PROPERTY_FIELD;
 *               in a NameDictionary: the enumeration index (insertion order, from 1).
 *
 * DescriptorArray: FixedArray layout, map descriptor_array_map (DESCRIPTOR_ARRAY_TYPE):
 *
 *   | map | length = 3n | key 0 | details 0 | value 0 | key 1 | details 1 | value 1 | ... |
 *
 * Keys are internalized strings or symbols (compared by pointer); value is the field index
 * (a Smi) for fields, or the constant for descriptor-located properties. Descriptors are in
 * insertion order. A DescriptorArray is never changed once a map points to it, so maps may
 * share one (a prototype change copies the map but not its descriptors).
 */
#ifndef KILN_OBJECTS_DESCRIPTORS_H_
#define KILN_OBJECTS_DESCRIPTORS_H_

#include "execution/isolate.h"

typedef enum {
  PROPERTY_ATTRIBUTES_NONE = 0,
  READ_ONLY = 1,
  DONT_ENUM = 2,
  DONT_DELETE = 4,
  kPropertyAttributesMask = 7,
} PropertyAttributes;

typedef enum { PROPERTY_DATA = 0, PROPERTY_ACCESSOR = 1 } PropertyKind;
typedef enum { PROPERTY_FIELD = 0, PROPERTY_DESCRIPTOR = 1 } PropertyLocation;

/* V(name, shift, width) */
#define PROPERTY_DETAILS_LIST(V) \
  V(kind, 0, 1)                  \
  V(location, 1, 1)              \
  V(attributes, 2, 3)            \
  V(index, 5, 26)

typedef uint32_t PropertyDetails;

#define V(name, shift, width)                                                           \
  KILN_INLINE uint32_t property_details_##name(PropertyDetails d) {                     \
    return (d >> (shift)) & ((1u << (width)) - 1);                                      \
  }                                                                                     \
  KILN_INLINE PropertyDetails property_details_with_##name(PropertyDetails d, uint32_t v) { \
    uint32_t mask = ((1u << (width)) - 1) << (shift);                                   \
    DCHECK((v << (shift) & ~mask) == 0);                                                \
    return (d & ~mask) | ((v << (shift)) & mask);                                       \
  }
PROPERTY_DETAILS_LIST(V)
#undef V

enum { kPropertyDetailsMaxIndex = (1 << 26) - 1 };

KILN_INLINE PropertyDetails property_details_make(PropertyKind kind, PropertyLocation loc,
                                                  int attributes, uint32_t index) {
  PropertyDetails d = 0;
  d = property_details_with_kind(d, kind);
  d = property_details_with_location(d, loc);
  d = property_details_with_attributes(d, (uint32_t)attributes);
  return property_details_with_index(d, index);
}
KILN_INLINE Tagged property_details_to_smi(PropertyDetails d) { return smi_from_int((int32_t)d); }
KILN_INLINE PropertyDetails property_details_from_smi(Tagged s) { return (uint32_t)smi_value(s); }

/* ---- DescriptorArray ---------------------------------------------------------------- */

enum { kDescriptorEntrySize = 3, kDescriptorKey = 0, kDescriptorDetails = 1,
       kDescriptorValue = 2 };

KILN_INLINE int descriptor_array_count(Tagged da) {
  return (int)(fixed_array_length(da) / kDescriptorEntrySize);
}
KILN_INLINE Tagged descriptor_array_key(Tagged da, int i) {
  return fixed_array_get(da, i * kDescriptorEntrySize + kDescriptorKey);
}
KILN_INLINE PropertyDetails descriptor_array_details(Tagged da, int i) {
  return property_details_from_smi(fixed_array_get(da, i * kDescriptorEntrySize +
                                                           kDescriptorDetails));
}
KILN_INLINE Tagged descriptor_array_value(Tagged da, int i) {
  return fixed_array_get(da, i * kDescriptorEntrySize + kDescriptorValue);
}

/* The descriptor of `name` among the first nof descriptors, or -1. Does not allocate. */
int descriptor_array_search(Tagged da, int nof, Tagged name);
/* A new array holding the first nof descriptors of da plus (key, details, value).
 * May allocate. */
Handle descriptor_array_copy_add(Isolate *iso, Handle da, int nof, Handle key,
                                 PropertyDetails details, Handle value);
/* A new array holding the first nof descriptors of da. May allocate. */
Handle descriptor_array_copy(Isolate *iso, Handle da, int nof);

#endif /* KILN_OBJECTS_DESCRIPTORS_H_ */
