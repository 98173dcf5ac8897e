/*
 * runtime-test.c: the natives of NATIVES_LIST (runtime/runtime-test.h), reached from
 * `%Name(args)` under --allow-natives-syntax. The printers live in debug/debug-print.c.
 */
#include "runtime/runtime-test.h"

#include <errno.h>
#include <string.h>

#include "debug/debug-print.h"
#include "heap/heap.h"
#include "objects/elements.h"
#include "objects/map.h"
#include "objects/string.h"
#include "runtime/runtime-functions.h"

int runtime_native_lookup(const char *name, size_t len, int *argc) {
#define V(n, count)                                              \
  if (len == sizeof(#n) - 1 && memcmp(name, #n, len) == 0) {     \
    *argc = count;                                               \
    return Runtime_##n;                                          \
  }
  NATIVES_LIST(V)
#undef V
  return -1;
}

RUNTIME_FUNCTION(DebugPrint) {
  KILN_UNUSED(argc);
  debug_print(iso, args[0], stdout);
  return handle_new(iso, args[0]);
}

/* (object, words): words is a Smi or HeapNumber, clamped to the object's size. */
RUNTIME_FUNCTION(DebugDumpMemory) {
  KILN_UNUSED(argc);
  if (!is_heap_object(args[0]) || !is_number(args[1])) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "%%DebugDumpMemory(object, words): "
                        "expected a heap object and a number");
    return HANDLE_NULL;
  }
  double words = is_smi(args[1]) ? smi_value(args[1]) : heap_number_value(args[1]);
  if (!(words >= 0)) words = 0;
  debug_dump_memory(iso, args[0], words > 1e9 ? (int64_t)1e9 : (int64_t)words, stdout);
  return ROOT_HANDLE(iso, undefined_value);
}

RUNTIME_FUNCTION(HaveSameMap) {
  KILN_UNUSED(argc);
  bool same = is_heap_object(args[0]) && is_heap_object(args[1]) &&
              heap_object_map(args[0]) == heap_object_map(args[1]);
  return handle_new(iso, isolate_boolean(iso, same));
}

RUNTIME_FUNCTION(HasFastProperties) {
  KILN_UNUSED(argc);
  bool fast = is_js_receiver(args[0]) && !map_is_dictionary(heap_object_map(args[0]));
  return handle_new(iso, isolate_boolean(iso, fast));
}

RUNTIME_FUNCTION(GetElementsKind) {
  KILN_UNUSED(argc);
  if (!is_js_receiver(args[0])) return ROOT_HANDLE(iso, undefined_value);
  const char *name = elements_kind_name((ElementsKind)map_elements_kind(heap_object_map(args[0])));
  return string_internalize_utf8(iso, name, strlen(name));
}

RUNTIME_FUNCTION(CollectGarbage) {
  KILN_UNUSED(argc);
  KILN_UNUSED(args);
  heap_collect_full(&iso->heap);
  return ROOT_HANDLE(iso, undefined_value);
}

/* Writes the transition trees to the --dump-maps file now (it is written again, with what
 * the heap then holds, when the isolate is freed). */
RUNTIME_FUNCTION(DumpMaps) {
  KILN_UNUSED(argc);
  KILN_UNUSED(args);
  const char *path = iso->flags.dump_maps;
  if (path == NULL || *path == '\0') return handle_new(iso, isolate_boolean(iso, false));
  if (!debug_maps_dump(iso, path)) {
    isolate_throw_error(iso, kError_ERROR, "cannot write %s: %s", path, strerror(errno));
    return HANDLE_NULL;
  }
  return handle_new(iso, isolate_boolean(iso, true));
}
