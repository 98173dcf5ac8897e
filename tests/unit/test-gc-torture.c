/*
 * test-gc-torture.c: random mutation of an object graph (properties added and deleted,
 * dictionary mode, arrays of every elements kind, ropes, internalization) mixed with
 * scavenges and full GCs, always with heap verification. Each object carries its slot
 * number in property "id" (arrays: in element 0), set once; at the end every object must
 * still carry the right one. A fixed seed keeps each run the same.
 */
#include <stdio.h>
#include <string.h>

#include "heap/factory.h"
#include "heap/heap-internal.h"
#include "objects/js-objects.h"
#include "objects/string.h"
#include "test.h"

enum { kSlots = 64, kNames = 12 };

typedef struct {
  Isolate *iso;
  Handle slots;          /* FixedArray of kSlots objects or arrays */
  Handle names[kNames];  /* internalized property names, names[0] = "id" */
  uint64_t rng;
} Torture;

static uint32_t torture_random(Torture *t, uint32_t n) {
  t->rng ^= t->rng << 13;
  t->rng ^= t->rng >> 7;
  t->rng ^= t->rng << 17;
  return (uint32_t)(t->rng % n);
}

static Handle torture_random_value(Torture *t) {
  Isolate *iso = t->iso;
  switch (torture_random(t, 5)) {
    case 0: return handle_new(iso, smi_from_int((int32_t)torture_random(t, 1000)));
    case 1: return factory_new_number(iso, torture_random(t, 1000) + 0.25);
    case 2: return t->names[torture_random(t, kNames)];
    case 3: {
      Handle a = t->names[torture_random(t, kNames)], b = t->names[torture_random(t, kNames)];
      Handle ab = string_concat(iso, a, b);
      return handle_is_null(ab) ? ab : string_concat(iso, ab, ab); /* a rope */
    }
    default: return handle_new(iso, fixed_array_get(H(t->slots), torture_random(t, kSlots)));
  }
}

/* Replaces slot i with a fresh object or array that carries id i. */
static bool torture_new_slot(Torture *t, int i) {
  Isolate *iso = t->iso;
  Handle id = handle_new(iso, smi_from_int(i));
  Handle o;
  if (torture_random(t, 2)) {
    o = js_object_new(iso);
    if (handle_is_null(o) || !js_object_set_property(iso, o, t->names[0], id)) return false;
  } else {
    o = js_array_new(iso, PACKED_SMI_ELEMENTS, 0, 0);
    if (handle_is_null(o) || !js_array_push(iso, o, id)) return false;
  }
  fixed_array_set(H(t->slots), i, H(o));
  return true;
}

/* One random mutation of a random slot. */
static bool torture_step(Torture *t) {
  Isolate *iso = t->iso;
  int i = (int)torture_random(t, kSlots);
  Handle o = handle_new(iso, fixed_array_get(H(t->slots), i));
  Handle v = torture_random_value(t);
  if (handle_is_null(v)) return false;
  int name = 1 + (int)torture_random(t, kNames - 1);
  switch (torture_random(t, 6)) {
    case 0: return torture_new_slot(t, i);
    case 1: return js_object_set_property(iso, o, t->names[name], v);
    case 2: js_object_delete_property(iso, o, t->names[name]); return true;
    case 3: return js_object_set_element(iso, o, 1 + torture_random(t, 40), v);
    case 4: return !is_js_array(H(o)) || js_array_push(iso, o, v);
    default:
      if (torture_random(t, 8) == 0) heap_collect_full(&iso->heap);
      else heap_collect_young(&iso->heap);
      return true;
  }
}

static bool torture_check(Torture *t) {
  Isolate *iso = t->iso;
  for (int i = 0; i < kSlots; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle o = handle_new(iso, fixed_array_get(H(t->slots), i));
    Handle id = is_js_array(H(o)) ? js_object_get_element(iso, o, 0)
                                  : js_object_get_property(iso, o, t->names[0]);
    bool ok = !handle_is_null(id) && H(id) == smi_from_int(i);
    handle_scope_close(&scope);
    if (!ok) return false;
  }
  return true;
}

static bool torture_setup(Torture *t, Isolate *iso, uint64_t seed) {
  t->iso = iso;
  t->rng = seed;
  t->slots = factory_new_fixed_array(iso, kSlots);
  for (int n = 0; n < kNames; n++) {
    char buf[16];
    if (n == 0) snprintf(buf, sizeof buf, "id"); else snprintf(buf, sizeof buf, "p%d", n);
    t->names[n] = string_internalize_utf8(iso, buf, strlen(buf));
    if (handle_is_null(t->names[n])) return false;
  }
  for (int i = 0; i < kSlots; i++) {
    if (!torture_new_slot(t, i)) return false;
  }
  return true;
}

TEST(gc, torture_random_graph_mutation) {
  Isolate *iso = test_isolate();
  iso->flags.verify_heap = true;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Torture t;
  EXPECT(torture_setup(&t, iso, 0x9e3779b97f4a7c15ULL));
  int steps = test_scale(6000);
  for (int s = 0; s < steps; s++) {
    HandleScope step;
    handle_scope_open(iso, &step);
    bool ok = torture_step(&t);
    handle_scope_close(&step);
    EXPECT(ok && !isolate_has_pending_exception(iso));
  }
  heap_collect_full(&iso->heap);
  EXPECT(torture_check(&t));
  heap_verify(&iso->heap, "after the torture test");
  handle_scope_close(&scope);
}
