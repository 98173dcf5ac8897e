/*
 * body.c: what the collector knows of each object kind, generated from INSTANCE_TYPE_LIST
 * and the layouts of objects.h. Nothing here is written by hand per type.
 */
#include "objects/objects.h"

#define BODY_ENTRY(TYPE, Layout, body, elem_size) \
  [TYPE] = {Layout##_kHeaderWords, BODY_##body, elem_size, Layout##_kTaggedMask},
const BodyDescriptor kBodyDescriptors[kInstanceTypeCount] = {INSTANCE_TYPE_LIST(BODY_ENTRY)};
#undef BODY_ENTRY

static const char *const kInstanceTypeNames[kInstanceTypeCount] = {
#define NAME_ENTRY(TYPE, Layout, body, elem_size) [TYPE] = #TYPE,
    INSTANCE_TYPE_LIST(NAME_ENTRY)
#undef NAME_ENTRY
};

const char *instance_type_name(InstanceType type) {
  return (unsigned)type < kInstanceTypeCount ? kInstanceTypeNames[type] : "<bad instance type>";
}

void map_set_bits_field(Tagged map, int shift, int width, uint64_t value) {
  uint64_t mask = ((UINT64_C(1) << width) - 1) << shift;
  DCHECK((value << shift & ~mask) == 0);
  map_set_bits(map, (map_bits(map) & ~mask) | ((value << shift) & mask));
}

/* Invariant: the map is still valid (live, or forwarded-from but not yet overwritten). */
size_t heap_object_size_with_map(Tagged o, Tagged map) {
  const BodyDescriptor *d = &kBodyDescriptors[map_instance_type(map)];
  switch ((BodyKind)d->body) {
    case BODY_FIXED:
      return (size_t)d->header_words * kTaggedSize;
    case BODY_TAGGED_TAIL:
      return (size_t)(d->header_words + fixed_array_length(o)) * kTaggedSize;
    case BODY_RAW_TAIL:
      return round_up((size_t)d->header_words * kTaggedSize +
                          (size_t)fixed_array_length(o) * d->elem_size,
                      kObjectAlignment);
    case BODY_JS:
      return map_instance_size(map);
    case BODY_FREE:
      return free_space_size(o);
  }
  UNREACHABLE();
}

void heap_object_visit_slots(Tagged o, Tagged map, SlotVisitor visit, void *ctx) {
  const BodyDescriptor *d = &kBodyDescriptors[map_instance_type(map)];
  Tagged *words = field_slot(o, 0);
  for (unsigned i = 1; i < d->header_words; i++) {
    if (d->tagged_mask & (1u << i)) visit(&words[i], ctx);
  }
  if (d->body == BODY_TAGGED_TAIL || d->body == BODY_JS) {
    size_t end = heap_object_size_with_map(o, map) / kTaggedSize;
    for (size_t i = d->header_words; i < end; i++) visit(&words[i], ctx);
  }
}
