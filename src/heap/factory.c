/*
 * factory.c: allocation of initialised heap objects. See factory.h.
 */
#include "heap/factory.h"

#include <math.h>
#include <string.h>

#include "objects/map.h"

Handle factory_new_raw(Isolate *iso, size_t size, Tagged map, AllocationType type) {
  Handle map_handle = handle_new(iso, map);
  Tagged o = heap_allocate(&iso->heap, size, type);
  if (o == 0) {
    isolate_throw_out_of_memory(iso);
    return HANDLE_NULL;
  }
  field_write_no_barrier(o, 0, H(map_handle));
  *map_handle.loc = o; /* reuse the slot for the result */
  return map_handle;
}

static bool factory_check_length(Isolate *iso, int64_t length, int64_t max) {
  if (length >= 0 && length <= max) return true;
  isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid array length");
  return false;
}

Handle factory_new_fixed_array_with_map(Isolate *iso, RootIndex map, int64_t length,
                                        Tagged fill) {
  if (!factory_check_length(iso, length, kMaxFixedArrayLength)) return HANDLE_NULL;
  Handle fill_handle = handle_new(iso, fill);
  size_t size = FixedArray_kHeaderSize + (size_t)length * kTaggedSize;
  Handle h = factory_new_raw(iso, size, iso->roots[map], ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  Tagged a = H(h);
  fixed_array_set_length(a, length);
  Tagged *data = fixed_array_data(a);
  Tagged value = H(fill_handle);
  for (int64_t i = 0; i < length; i++) data[i] = value;
  if (!page_is_young(a)) heap_write_barrier_object(a); /* a large array of young values */
  return h;
}

Handle factory_new_fixed_array(Isolate *iso, int64_t length) {
  if (length == 0) return ROOT_HANDLE(iso, empty_fixed_array);
  return factory_new_fixed_array_with_map(iso, ROOT_fixed_array_map, length,
                                          ROOT(iso, undefined_value));
}

Handle factory_new_fixed_array_with_holes(Isolate *iso, int64_t length) {
  if (length == 0) return ROOT_HANDLE(iso, empty_fixed_array);
  return factory_new_fixed_array_with_map(iso, ROOT_fixed_array_map, length,
                                          ROOT(iso, the_hole_value));
}

Handle factory_new_fixed_double_array(Isolate *iso, int64_t length) {
  if (!factory_check_length(iso, length, kMaxFixedArrayLength)) return HANDLE_NULL;
  size_t size = FixedDoubleArray_kHeaderSize + (size_t)length * sizeof(double);
  Handle h = factory_new_raw(iso, size, ROOT(iso, fixed_double_array_map), ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  fixed_double_array_set_length(H(h), length);
  uint64_t hole = FIXED_DOUBLE_HOLE_NAN_BITS;
  double *data = fixed_double_array_data(H(h));
  for (int64_t i = 0; i < length; i++) memcpy(&data[i], &hole, sizeof hole);
  return h;
}

Handle factory_new_byte_array(Isolate *iso, int64_t length) {
  if (!factory_check_length(iso, length, (int64_t)1 << 30)) return HANDLE_NULL;
  size_t size = round_up(ByteArray_kHeaderSize + (size_t)length, kObjectAlignment);
  Handle h = factory_new_raw(iso, size, ROOT(iso, byte_array_map), ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  byte_array_set_length(H(h), length);
  memset(byte_array_data(H(h)), 0, size - ByteArray_kHeaderSize);
  return h;
}

Handle factory_copy_fixed_array(Isolate *iso, Handle array, int64_t new_length, Tagged fill) {
  Handle h = factory_new_fixed_array_with_map(iso, ROOT_fixed_array_map, new_length, fill);
  if (handle_is_null(h) || new_length == 0) return h;
  Tagged dst = H(h), src = H(array);
  field_write_no_barrier(dst, 0, heap_object_map(src));
  int64_t n = fixed_array_length(src) < new_length ? fixed_array_length(src) : new_length;
  memcpy(fixed_array_data(dst), fixed_array_data(src), (size_t)n * kTaggedSize);
  if (!page_is_young(dst)) heap_write_barrier_object(dst);
  return h;
}

Handle factory_copy_fixed_double_array(Isolate *iso, Handle array, int64_t new_length) {
  Handle h = factory_new_fixed_double_array(iso, new_length);
  if (handle_is_null(h)) return h;
  int64_t old = fixed_double_array_length(H(array));
  int64_t n = old < new_length ? old : new_length;
  memcpy(fixed_double_array_data(H(h)), fixed_double_array_data(H(array)),
         (size_t)n * sizeof(double));
  return h;
}

/* A new HeapNumber, no handle made (the map is a root, read after the allocation, which
 * may have collected). 0 with OOM pending on failure. */
static Tagged factory_heap_number_raw(Isolate *iso, double value) {
  Tagged o = heap_allocate(&iso->heap, HeapNumber_kHeaderSize, ALLOCATE_YOUNG);
  if (o == 0) {
    isolate_throw_out_of_memory(iso);
    return 0;
  }
  field_write_no_barrier(o, 0, ROOT(iso, heap_number_map));
  heap_number_set_value(o, value);
  return o;
}

Handle factory_new_heap_number(Isolate *iso, double value) {
  Tagged o = factory_heap_number_raw(iso, value);
  return o ? handle_new(iso, o) : HANDLE_NULL;
}

static bool double_is_smi(double value, int32_t *out) {
  if (!(value >= KILN_SMI_MIN && value <= KILN_SMI_MAX)) return false;
  int32_t i = (int32_t)value;
  if ((double)i != value || (i == 0 && signbit(value))) return false;
  *out = i;
  return true;
}

Handle factory_new_number(Isolate *iso, double value) {
  int32_t i;
  if (double_is_smi(value, &i)) return handle_new(iso, smi_from_int(i));
  return factory_new_heap_number(iso, value);
}

Tagged factory_number_or_zero(Isolate *iso, double value) {
  int32_t i;
  if (double_is_smi(value, &i)) return smi_from_int(i);
  return factory_heap_number_raw(iso, value);
}

Handle factory_new_map(Isolate *iso, InstanceType type, size_t instance_size,
                       int inobject_properties) {
  Handle h = factory_new_raw(iso, Map_kHeaderSize, ROOT(iso, meta_map), ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  Tagged m = H(h);
  map_set_bits(m, (uint64_t)type << kMapInstanceTypeShift);
  map_set_bits2(m, 0);
  map_set_instance_size(m, instance_size);
  map_set_inobject_properties(m, inobject_properties);
  map_set_flag(m, MAP_IS_EXTENSIBLE, true);
  field_write_no_barrier(m, Map_prototype_offset, ROOT(iso, null_value));
  field_write_no_barrier(m, Map_constructor_or_back_pointer_offset, ROOT(iso, undefined_value));
  field_write_no_barrier(m, Map_instance_descriptors_offset, ROOT(iso, empty_descriptor_array));
  field_write_no_barrier(m, Map_transitions_offset, ROOT(iso, undefined_value));
  field_write_no_barrier(m, Map_enum_cache_offset, ROOT(iso, undefined_value));
  field_write_no_barrier(m, Map_prototype_validity_cell_offset, smi_from_int(0));
  return h;
}

Handle factory_new_js_object_from_map(Isolate *iso, Handle map) {
  size_t size = map_instance_size(H(map));
  Handle h = factory_new_raw(iso, size, H(map), ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  Tagged o = H(h);
  field_write_no_barrier(o, JSObject_properties_offset, ROOT(iso, empty_fixed_array));
  field_write_no_barrier(o, JSObject_elements_offset, ROOT(iso, empty_fixed_array));
  Tagged fill = map_slack_tracking_filler(iso, H(map));
  size_t header = kBodyDescriptors[map_instance_type(H(map))].header_words * kTaggedSize;
  for (size_t off = JSObject_kHeaderSize; off < size; off += kTaggedSize) {
    field_write_no_barrier(o, off, off < header ? ROOT(iso, undefined_value) : fill);
  }
  if (!page_is_young(o)) heap_write_barrier_object(o);
  return h;
}

Handle factory_new_accessor_pair(Isolate *iso, Handle getter, Handle setter) {
  Handle h = factory_new_raw(iso, AccessorPair_kHeaderSize, ROOT(iso, accessor_pair_map),
                             ALLOCATE_YOUNG);
  if (handle_is_null(h)) return h;
  accessor_pair_set_getter(H(h), H(getter));
  accessor_pair_set_setter(H(h), H(setter));
  return h;
}

Handle factory_new_foreign(Isolate *iso, void *address) {
  Handle h = factory_new_raw(iso, Foreign_kHeaderSize, ROOT(iso, foreign_map), ALLOCATE_YOUNG);
  if (!handle_is_null(h)) foreign_set_address(H(h), address);
  return h;
}
