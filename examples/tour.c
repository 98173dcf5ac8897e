/*
 * tour.c: a walk through Kiln's engine core, redoing seed 001's examples through the internal
 * API (the parser has not landed yet, so this is C, not JavaScript).
 *
 *   - tagged words: a Smi's raw word, a heap pointer's tag bit;
 *   - {color: "yellow", shape: "round"}: in-object properties, a shared hidden class, a
 *     different one for a different order, and dictionary mode after a delete;
 *   - [5, "test"] and its elements kinds as 2**40 and 1.5 are pushed;
 *   - a garbage collection that moves an object under a handle.
 *
 * Usage: kiln-tour [engine flags], e.g. --trace-gc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"

static Handle name(Isolate *iso, const char *s) {
  return string_internalize_utf8(iso, s, strlen(s));
}

static void print_value(Isolate *iso, Tagged v) {
  if (is_smi(v)) { printf("%d", smi_value(v)); return; }
  if (is_heap_number(v)) { printf("%g", heap_number_value(v)); return; }
  if (is_string(v)) {
    char *s = string_to_utf8(iso, v, NULL);
    printf("\"%s\"", s ? s : "?");
    free(s);
    return;
  }
  printf("<%s %p>", instance_type_name(heap_object_type(v)), (void *)v);
}

/* One map, the way %DebugPrint will show it: instance type and size, descriptors, back
 * pointer. */
static void print_map(Isolate *iso, Tagged map) {
  printf("    map %p: %s, instance size %zu, in-object %d, %s, elements %s\n", (void *)map,
         instance_type_name(map_instance_type(map)), map_instance_size(map),
         map_inobject_properties(map), map_is_dictionary(map) ? "dictionary" : "fast",
         elements_kind_name((ElementsKind)map_elements_kind(map)));
  if (map_is_dictionary(map)) return;
  Tagged da = map_instance_descriptors(map);
  int n = map_own_descriptors(map);
  for (int i = 0; i < n; i++) {
    char *key = string_to_utf8(iso, descriptor_array_key(da, i), NULL);
    PropertyDetails d = descriptor_array_details(da, i);
    printf("      #%s: %s %u\n", key ? key : "?",
           property_details_location(d) == PROPERTY_FIELD ? "field" : "descriptor constant",
           property_details_index(d));
    free(key);
  }
  printf("      back pointer: %p\n", (void *)map_back_pointer(map));
}

static Handle make_object(Isolate *iso, const char *k1, const char *v1, const char *k2,
                          const char *v2) {
  Handle o = js_object_new(iso);
  js_object_set_property(iso, o, name(iso, k1), name(iso, v1));
  js_object_set_property(iso, o, name(iso, k2), name(iso, v2));
  return o;
}

static void tour_tagging(Isolate *iso) {
  printf("1. Tagged words (seed 001)\n");
  printf("   Smi 5 is the word 0x%016lx: payload in the upper half, low bit 0\n",
         (unsigned long)smi_from_int(5));
  Handle n = factory_new_number(iso, 1.5);
  printf("   1.5 is a HeapNumber at 0x%016lx: low bit %lu means heap pointer\n",
         (unsigned long)H(n), (unsigned long)(H(n) & 1));
  printf("   undefined is an oddball with a map of its own: %p\n\n",
         (void *)heap_object_map(ROOT(iso, undefined_value)));
}

static void tour_hidden_classes(Isolate *iso) {
  printf("2. Hidden classes\n");
  Handle a = make_object(iso, "color", "yellow", "shape", "round");
  Handle b = make_object(iso, "color", "red", "shape", "square");
  Handle c = make_object(iso, "shape", "round", "color", "yellow");
  printf("   a = {color: \"yellow\", shape: \"round\"}\n");
  print_map(iso, heap_object_map(H(a)));
  printf("   b = {color: \"red\", shape: \"square\"} shares a's map: %s\n",
         heap_object_map(H(a)) == heap_object_map(H(b)) ? "yes" : "no");
  printf("   c = {shape: ..., color: ...} (other order) shares it: %s\n",
         heap_object_map(H(a)) == heap_object_map(H(c)) ? "yes" : "no");
  printf("   a.color is in-object slot 0: ");
  print_value(iso, field_read(H(a), JSObject_kHeaderSize));
  printf("\n   after delete a.color, a goes to dictionary mode:\n");
  js_object_delete_property(iso, a, name(iso, "color"));
  print_map(iso, heap_object_map(H(a)));
  printf("   a.shape is still ");
  print_value(iso, H(js_object_get_property(iso, a, name(iso, "shape"))));
  printf("\n\n");
}

static void tour_elements(Isolate *iso) {
  printf("3. Elements kinds: [5, \"test\"]\n");
  Handle arr = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  js_array_push(iso, arr, handle_new(iso, smi_from_int(5)));
  printf("   [5]              %s\n", elements_kind_name(js_object_elements_kind(H(arr))));
  js_array_push(iso, arr, name(iso, "test"));
  printf("   [5, \"test\"]      %s\n", elements_kind_name(js_object_elements_kind(H(arr))));
  js_array_push(iso, arr, factory_new_number(iso, 1099511627776.0));
  js_array_push(iso, arr, factory_new_number(iso, 1.5));
  printf("   push 2**40, 1.5  %s, length %u\n",
         elements_kind_name(js_object_elements_kind(H(arr))), js_array_length_value(H(arr)));
  Handle nums = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
  js_array_push(iso, nums, handle_new(iso, smi_from_int(1)));
  js_array_push(iso, nums, factory_new_number(iso, 1.5));
  printf("   [1, 1.5]         %s (doubles unboxed)\n",
         elements_kind_name(js_object_elements_kind(H(nums))));
  js_object_set_element(iso, nums, 100000, handle_new(iso, smi_from_int(7)));
  printf("   nums[100000] = 7 %s\n\n", elements_kind_name(js_object_elements_kind(H(nums))));
}

static void tour_gc(Isolate *iso) {
  printf("4. A moving collector\n");
  Handle o = make_object(iso, "x", "1", "y", "2");
  Tagged before = H(o);
  heap_collect_young(&iso->heap);
  printf("   scavenge moved the object %p -> %p; the handle followed\n", (void *)before,
         (void *)H(o));
  heap_collect_young(&iso->heap);
  printf("   after a second scavenge it was promoted: %s\n",
         page_is_young(H(o)) ? "still young" : "old space");
  heap_collect_full(&iso->heap);
  printf("   after a full GC, o.x = ");
  print_value(iso, H(js_object_get_property(iso, o, name(iso, "x"))));
  printf(" (%lu scavenges, %lu full GCs so far)\n", (unsigned long)iso->heap.stats.scavenges,
         (unsigned long)iso->heap.stats.full_gcs);
}

int main(int argc, char **argv) {
  Flags flags;
  flags_init_defaults(&flags);
  for (int i = 1; i < argc; i++) {
    char err[200];
    if (!flags_parse_one(&flags, argv[i], err, sizeof err)) {
      fprintf(stderr, "kiln-tour: %s\n", err);
      return 2;
    }
  }
  Isolate *iso = isolate_new(&flags);
  if (iso == NULL) return 1;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  tour_tagging(iso);
  tour_hidden_classes(iso);
  tour_elements(iso);
  tour_gc(iso);
  bool failed = isolate_has_pending_exception(iso);
  handle_scope_close(&scope);
  isolate_free(iso);
  return failed ? 1 : 0;
}
