/*
 * isolate.c: creating and destroying an isolate, and bootstrapping its roots.
 *
 * Bootstrap order matters because the first objects refer to each other:
 *   1. the meta map (its own map is itself), then the maps of MAP_ROOT_LIST;
 *   2. the empty FixedArray and the oddballs, after which the maps' prototype and
 *      descriptor fields can be given real values;
 *   3. the string table and the internalized strings of STRING_ROOT_LIST, and the
 *      oddballs' to_string and type_of;
 *   4. the object model's roots (objects_setup_roots): descriptor arrays, dictionaries,
 *      the initial maps of {} and [], the out-of-memory error;
 *   5. the runtime's roots (runtime_setup_roots): well-known symbols, proxy maps.
 * Roots are allocated in old space: they never move and need no write barrier.
 */
#include "execution/isolate.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "debug/debug-print.h"
#include "heap/factory.h"
#include "interpreter/frames.h"
#include "objects/js-objects.h"
#include "objects/string-table.h"
#include "objects/string.h"
#include "runtime/runtime.h"

static Tagged bootstrap_allocate(Isolate *iso, size_t size, Tagged map) {
  Tagged o = heap_allocate(&iso->heap, size, ALLOCATE_OLD);
  if (o == 0) return 0;
  field_write_no_barrier(o, 0, map ? map : o);
  return o;
}

static Tagged bootstrap_map(Isolate *iso, InstanceType type) {
  Tagged m = bootstrap_allocate(iso, Map_kHeaderSize, ROOT(iso, meta_map));
  if (m == 0) return 0;
  size_t size = kBodyDescriptors[type].body == BODY_FIXED
                    ? (size_t)kBodyDescriptors[type].header_words * kTaggedSize : 0;
  map_set_bits(m, (uint64_t)type << kMapInstanceTypeShift);
  map_set_bits2(m, 0);
  map_set_instance_size(m, size);
  for (size_t off = Map_prototype_offset; off < Map_kHeaderSize; off += kTaggedSize) {
    field_write_no_barrier(m, off, smi_from_int(0));
  }
  return m;
}

static bool bootstrap_maps(Isolate *iso) {
  Tagged meta = bootstrap_allocate(iso, Map_kHeaderSize, 0);
  if (meta == 0) return false;
  ROOT(iso, meta_map) = meta;
  map_set_bits(meta, (uint64_t)MAP_TYPE << kMapInstanceTypeShift);
  map_set_instance_size(meta, Map_kHeaderSize);
  for (size_t off = Map_prototype_offset; off < Map_kHeaderSize; off += kTaggedSize) {
    field_write_no_barrier(meta, off, smi_from_int(0));
  }
#define V(name, type) \
  if ((ROOT(iso, name) = bootstrap_map(iso, type)) == 0) return false;
  MAP_ROOT_LIST(V)
#undef V
  return true;
}

static bool bootstrap_oddballs(Isolate *iso) {
  Tagged empty = bootstrap_allocate(iso, FixedArray_kHeaderSize, ROOT(iso, fixed_array_map));
  if (empty == 0) return false;
  fixed_array_set_length(empty, 0);
  ROOT(iso, empty_fixed_array) = empty;
  static const RootIndex kOddballMaps[] = {ROOT_undefined_map, ROOT_null_map, ROOT_boolean_map,
                                           ROOT_boolean_map, ROOT_the_hole_map};
#define V(name, kind, str, type_of)                                                   \
  {                                                                                   \
    Tagged o = bootstrap_allocate(iso, Oddball_kHeaderSize, iso->roots[kOddballMaps[kind]]); \
    if (o == 0) return false;                                                         \
    for (size_t off = kTaggedSize; off < Oddball_kHeaderSize; off += kTaggedSize)     \
      field_write_no_barrier(o, off, smi_from_int(0));                                \
    oddball_set_kind(o, kind);                                                        \
    ROOT(iso, name) = o;                                                              \
  }
  ODDBALL_ROOT_LIST(V)
#undef V
  return true;
}

/* Now that null, undefined and the empty array exist, give every root map its fields. */
static void bootstrap_fix_maps(Isolate *iso) {
  for (int i = 0; i < kRootCount; i++) {
    Tagged m = iso->roots[i];
    if (m == 0 || !is_heap_object(m) || heap_object_map(m) != ROOT(iso, meta_map)) continue;
    field_write_no_barrier(m, Map_prototype_offset, ROOT(iso, null_value));
    field_write_no_barrier(m, Map_constructor_or_back_pointer_offset, ROOT(iso, undefined_value));
    field_write_no_barrier(m, Map_instance_descriptors_offset, ROOT(iso, empty_fixed_array));
    field_write_no_barrier(m, Map_transitions_offset, ROOT(iso, undefined_value));
  }
}

static bool bootstrap_strings(Isolate *iso) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  bool ok = true;
#define V(name, text)                                                        \
  if (ok) {                                                                  \
    Handle h = string_internalize_utf8(iso, text, sizeof(text) - 1);         \
    if (handle_is_null(h)) ok = false; else ROOT(iso, name) = H(h);          \
  }
  STRING_ROOT_LIST(V)
#undef V
  handle_scope_close(&scope);
  return ok;
}

/* The numbers the oddballs convert to, and the heap-number roots. */
static bool bootstrap_numbers(Isolate *iso) {
  Tagged nan = bootstrap_allocate(iso, HeapNumber_kHeaderSize, ROOT(iso, heap_number_map));
  Tagged mzero = bootstrap_allocate(iso, HeapNumber_kHeaderSize, ROOT(iso, heap_number_map));
  if (!nan || !mzero) return false;
  heap_number_set_value(nan, NAN);
  heap_number_set_value(mzero, -0.0);
  ROOT(iso, nan_value) = nan;
  ROOT(iso, minus_zero_value) = mzero;
  return true;
}

static void bootstrap_oddball_strings(Isolate *iso) {
  static const RootIndex kToString[] = {ROOT_undefined_string, ROOT_null_string,
                                        ROOT_true_string, ROOT_false_string, ROOT_hole_string};
  static const RootIndex kTypeOf[] = {ROOT_undefined_string, ROOT_object_string,
                                      ROOT_boolean_string, ROOT_boolean_string,
                                      ROOT_undefined_string};
  static const int kToNumber[] = {-1, 0, 1, 0, -1}; /* -1: NaN */
  for (int i = ROOT_undefined_value; i <= ROOT_the_hole_value; i++) {
    Tagged o = iso->roots[i];
    int kind = (int)oddball_kind(o);
    oddball_set_to_string(o, iso->roots[kToString[kind]]);
    oddball_set_type_of(o, iso->roots[kTypeOf[kind]]);
    oddball_set_to_number(o, kToNumber[kind] < 0 ? ROOT(iso, nan_value)
                                                 : smi_from_int(kToNumber[kind]));
  }
}

/* The termination sentinel: an oddball of its own (the hole's map and kind, never seen by
 * JS: no catch handler receives it and the embedder is told by isolate_is_terminating). */
static bool bootstrap_termination_exception(Isolate *iso) {
  Tagged o = bootstrap_allocate(iso, Oddball_kHeaderSize, ROOT(iso, the_hole_map));
  if (o == 0) return false;
  for (size_t off = kTaggedSize; off < Oddball_kHeaderSize; off += kTaggedSize)
    field_write_no_barrier(o, off, smi_from_int(0));
  oddball_set_kind(o, ODDBALL_THE_HOLE);
  oddball_set_to_string(o, ROOT(iso, hole_string));
  oddball_set_type_of(o, ROOT(iso, undefined_string));
  oddball_set_to_number(o, ROOT(iso, nan_value));
  ROOT(iso, termination_exception) = o;
  return true;
}

static uint64_t isolate_random_seed(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  uint64_t x = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ULL ^ (uint64_t)ts.tv_sec;
  FILE *f = fopen("/dev/urandom", "rb");
  if (f) {
    uint64_t r;
    if (fread(&r, sizeof r, 1, f) == 1) x ^= r;
    fclose(f);
  }
  return x ? x : 0x1234567;
}

static bool isolate_bootstrap(Isolate *iso) {
  if (!bootstrap_maps(iso) || !bootstrap_oddballs(iso)) return false;
  bootstrap_fix_maps(iso);
  iso->string_table = string_table_new();
  if (iso->string_table == NULL || !bootstrap_strings(iso)) return false;
  if (!bootstrap_numbers(iso)) return false;
  bootstrap_oddball_strings(iso);
  if (!bootstrap_termination_exception(iso)) return false;
  return objects_setup_roots(iso) && runtime_setup_roots(iso);
}

Isolate *isolate_new(const Flags *flags) {
  Isolate *iso = calloc(1, sizeof *iso);
  if (iso == NULL) return NULL;
  if (flags) iso->flags = *flags; else flags_init_defaults(&iso->flags);
  iso->hash_seed = isolate_random_seed();
  handle_scope_data_init(&iso->handle_scope_data);
  iso->global_handles = global_handles_new();
  size_t limit = (size_t)iso->flags.heap_limit_mb << 20;
  if (iso->global_handles == NULL ||
      !heap_setup(&iso->heap, iso, limit, (int)iso->flags.semi_space_pages)) {
    isolate_free(iso);
    return NULL;
  }
  /* No GC may run before the roots exist. */
  int64_t gc_interval = iso->flags.gc_interval;
  iso->flags.gc_interval = 0;
  iso->heap.in_gc = true;
  bool ok = isolate_bootstrap(iso);
  iso->heap.in_gc = false;
  iso->flags.gc_interval = gc_interval;
  if (!ok || !frames_setup(iso)) {
    isolate_free(iso);
    return NULL;
  }
  return iso;
}

void isolate_free(Isolate *iso) {
  if (iso == NULL) return;
  /* --dump-maps: the transition trees as they are at the end (debug/debug-maps.c). */
  if (iso->flags.dump_maps && iso->native_context && !debug_maps_dump(iso, iso->flags.dump_maps))
    fprintf(stderr, "kiln: cannot write %s: %s\n", iso->flags.dump_maps, strerror(errno));
  frames_teardown(iso);
  heap_teardown(&iso->heap);
  string_table_free(iso->string_table);
  global_handles_free(iso->global_handles);
  handle_scope_data_free(&iso->handle_scope_data);
  free(iso);
}

void isolate_iterate_roots(Isolate *iso, RootVisitor visit, void *ctx) {
  for (int i = 0; i < kRootCount; i++) {
    if (iso->roots[i]) visit(&iso->roots[i], ctx);
  }
  handle_scope_iterate(&iso->handle_scope_data, visit, ctx);
  global_handles_iterate_strong(iso->global_handles, visit, ctx);
  if (iso->pending_exception) visit(&iso->pending_exception, ctx);
  if (iso->native_context) visit(&iso->native_context, ctx);
  if (iso->iterate_extra_roots) iso->iterate_extra_roots(iso, visit, ctx);
}

/* ---- Exceptions --------------------------------------------------------------------- */

static const char *const kErrorKindNames[] = {
#define V(kind, name) name,
    ERROR_KIND_LIST(V)
#undef V
};

const char *error_kind_name(ErrorKind kind) { return kErrorKindNames[kind]; }

void isolate_throw(Isolate *iso, Tagged exception) { iso->pending_exception = exception; }

void isolate_clear_pending_exception(Isolate *iso) { iso->pending_exception = 0; }

void isolate_throw_out_of_memory(Isolate *iso) {
  iso->pending_exception = ROOT(iso, out_of_memory_error);
}

/* ---- Interrupts ------------------------------------------------------------------------ */
/* The polling and the unwinding that honour these are the interpreter's; see isolate.h. */

void isolate_request_termination(Isolate *iso) {
  atomic_fetch_or(&iso->interrupt_requested, kInterruptTerminate);
}

bool isolate_handle_interrupts(Isolate *iso) {
  if (!(atomic_load(&iso->interrupt_requested) & kInterruptTerminate)) return true;
  /* The request stays set until the outermost execution cancels it, so code that C
   * runs while the stack unwinds (iterator closing, promise jobs) stops at once too. */
  iso->pending_exception = ROOT(iso, termination_exception);
  return false;
}

bool isolate_is_terminating(Isolate *iso) {
  return iso->pending_exception == ROOT(iso, termination_exception);
}

void isolate_cancel_termination(Isolate *iso) {
  atomic_fetch_and(&iso->interrupt_requested, ~kInterruptTerminate);
  if (isolate_is_terminating(iso)) iso->pending_exception = 0;
}

void isolate_leave_outermost_execution(Isolate *iso) {
  /* Cancel the request only: the sentinel stays pending so the caller still sees a
   * failed call, and the host tells a termination from a throw (isolate.h). */
  if (isolate_is_terminating(iso)) {
    atomic_fetch_and(&iso->interrupt_requested, ~kInterruptTerminate);
  }
}
