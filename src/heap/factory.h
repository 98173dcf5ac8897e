/*
 * factory.h: allocation of initialised heap objects (V8's Factory, seed 002).
 *
 * Every function here may allocate, and so may GC: arguments are Handles and results are
 * Handles in the current HandleScope. An empty result means the heap limit was reached and
 * "RangeError: out of memory" is pending on the isolate.
 */
#ifndef KILN_HEAP_FACTORY_H_
#define KILN_HEAP_FACTORY_H_

#include "execution/isolate.h"

/* size bytes with the given map; the body is left for the caller to fill (before the next
 * allocation: until then the object is not iterable). */
Handle factory_new_raw(Isolate *iso, size_t size, Tagged map, AllocationType type);

Handle factory_new_fixed_array(Isolate *iso, int64_t length);            /* undefined */
Handle factory_new_fixed_array_with_holes(Isolate *iso, int64_t length); /* the hole */
Handle factory_new_fixed_array_with_map(Isolate *iso, RootIndex map, int64_t length,
                                        Tagged fill);
Handle factory_new_fixed_double_array(Isolate *iso, int64_t length);     /* holes */
Handle factory_new_byte_array(Isolate *iso, int64_t length);             /* zeroes */
/* A copy of a FixedArray with new_length (padded with fill, or truncated). */
Handle factory_copy_fixed_array(Isolate *iso, Handle array, int64_t new_length, Tagged fill);
Handle factory_copy_fixed_double_array(Isolate *iso, Handle array, int64_t new_length);

Handle factory_new_heap_number(Isolate *iso, double value);
/* A Smi when the value is an int32 (and not -0), else a HeapNumber. */
Handle factory_new_number(Isolate *iso, double value);
/* factory_new_number without a Handle: a Smi or a new HeapNumber, or 0 with OOM pending.
 * May collect, so the caller keeps every live value where the GC sees it (handles, frame
 * slots). For the interpreter's inline double arithmetic, which has no handle scope. */
Tagged factory_number_or_zero(Isolate *iso, double value);

/* A map for instance_type. JS maps get instance_size bytes, with inobject_properties
 * in-object slots at the end. Prototype null, no descriptors, no transitions, extensible. */
Handle factory_new_map(Isolate *iso, InstanceType type, size_t instance_size,
                       int inobject_properties);
/* A JSObject with the given map: empty properties and elements, in-object slots
 * undefined (or one-word fillers while the map's slack tracking is in progress). */
Handle factory_new_js_object_from_map(Isolate *iso, Handle map);

Handle factory_new_accessor_pair(Isolate *iso, Handle getter, Handle setter);
Handle factory_new_foreign(Isolate *iso, void *address);

/* The largest length of a FixedArray (its size must fit the heap limit arithmetic). */
enum { kMaxFixedArrayLength = (1 << 27) - 1 };
#define FIXED_DOUBLE_HOLE_NAN_BITS UINT64_C(0x7ff7fff7fff7fff7)

#endif /* KILN_HEAP_FACTORY_H_ */
