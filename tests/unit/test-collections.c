/* test-collections.c: the ordered hash table of Map/Set, identity hashes, and the weak
 * containers' GC behaviour (ephemerons, WeakFixedArray). Meaningful under
 * --gc-interval=1 --verify-heap too: every allocation there collects. */
#include <math.h>
#include <string.h>

#include "heap/factory.h"
#include "objects/ephemeron-table.h"
#include "objects/identity-hash.h"
#include "objects/js-objects.h"
#include "objects/ordered-hash-table.h"
#include "objects/string.h"
#include "test.h"

static Handle str(Isolate *iso, const char *s) { return string_new_utf8(iso, s, strlen(s)); }
static Handle num(Isolate *iso, double d) { return factory_new_number(iso, d); }
static Handle smi(Isolate *iso, int v) { return handle_new(iso, smi_from_int(v)); }

/* put, keeping the table handle current. */
static bool put(Isolate *iso, Handle table, Handle key, Handle value) {
  Handle t = ordered_hash_table_put(iso, table, key, value);
  if (handle_is_null(t)) return false;
  *table.loc = H(t);
  return true;
}

static bool del(Isolate *iso, Handle table, Handle key) {
  bool removed;
  Handle t = ordered_hash_table_remove(iso, table, key, &removed);
  *table.loc = H(t);
  return removed;
}

TEST(ordered_hash_table, same_value_zero_keys) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle t = ordered_hash_table_new(iso, true, 0);
  EXPECT(put(iso, t, smi(iso, 0), smi(iso, 10)));
  EXPECT(put(iso, t, num(iso, NAN), smi(iso, 11)));
  EXPECT(put(iso, t, str(iso, "key"), smi(iso, 12)));
  EXPECT(put(iso, t, num(iso, 2.5), smi(iso, 13)));
  /* -0 finds +0; a NaN finds every NaN; a HeapNumber 7 and the Smi 7 are one key. */
  EXPECT(ordered_hash_table_find(iso, H(t), H(factory_new_heap_number(iso, -0.0))) == 0);
  EXPECT(ordered_hash_table_find(iso, H(t), H(factory_new_heap_number(iso, -NAN))) == 1);
  EXPECT(put(iso, t, factory_new_heap_number(iso, 7), smi(iso, 14)));
  EXPECT(ordered_hash_table_find(iso, H(t), smi_from_int(7)) == 4);
  /* Strings by content: a rope and a flat string with the same characters. */
  Handle rope = string_concat(iso, str(iso, "k"), str(iso, "ey"));
  EXPECT(ordered_hash_table_find(iso, H(t), H(rope)) == 2);
  EXPECT(ordered_hash_table_find(iso, H(t), H(num(iso, 2.5))) == 3);
  EXPECT(ordered_hash_table_find(iso, H(t), H(str(iso, "kez"))) == -1);
  EXPECT(ordered_hash_table_find(iso, H(t), ROOT(iso, undefined_value)) == -1);
  /* Replacing a value keeps the entry. */
  EXPECT(put(iso, t, str(iso, "key"), smi(iso, 99)));
  EXPECT(ordered_hash_table_count(H(t)) == 5);
  EXPECT(ordered_hash_table_value_at(H(t), 2) == smi_from_int(99));
  handle_scope_close(&scope);
}

TEST(ordered_hash_table, insertion_order_holes_and_growth) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle t = ordered_hash_table_new(iso, false, 0);
  int n = test_scale(1000);
  for (int i = 0; i < n; i++) EXPECT(put(iso, t, smi(iso, i), smi(iso, i)));
  EXPECT(ordered_hash_table_count(H(t)) == n);
  for (int i = 0; i < n; i += 2) EXPECT(del(iso, t, smi(iso, i)));
  EXPECT(!del(iso, t, smi(iso, 0)));
  EXPECT(ordered_hash_table_count(H(t)) == n / 2);
  /* A walk sees the odd numbers in insertion order. */
  Tagged table = H(t);
  int64_t index = 0, expect = 1;
  for (;;) {
    int64_t e = ordered_hash_table_advance(iso, &table, index);
    if (e < 0) break;
    EXPECT(ordered_hash_table_key_at(table, e) == smi_from_int((int32_t)expect));
    expect += 2;
    index = e + 1;
  }
  EXPECT(expect == n + 1);
  handle_scope_close(&scope);
}

/* An iterator's position survives deletions that shrink the table and a clear(). */
TEST(ordered_hash_table, iterators_follow_transitions) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle t = ordered_hash_table_new(iso, false, 0);
  for (int i = 0; i < 64; i++) EXPECT(put(iso, t, smi(iso, i), smi(iso, i)));
  Handle old = handle_new(iso, H(t));
  /* The iterator has visited 0..9; now delete everything below 60 but 12: the table
   * shrinks (rehashes) several times. */
  int64_t it_index = 10;
  for (int i = 0; i < 60; i++) {
    if (i != 12) del(iso, t, smi(iso, i));
  }
  EXPECT(H(old) != H(t)); /* the table was replaced: old is a transition record */
  Tagged table = H(old);
  int64_t e = ordered_hash_table_advance(iso, &table, it_index);
  EXPECT(table == H(t));
  EXPECT(e >= 0 && ordered_hash_table_key_at(table, e) == smi_from_int(12));
  it_index = e + 1;
  e = ordered_hash_table_advance(iso, &table, it_index);
  EXPECT(e >= 0 && ordered_hash_table_key_at(table, e) == smi_from_int(60));
  /* clear(): the iterator restarts at the new entries. */
  Handle before_clear = handle_new(iso, H(t));
  Handle cleared = ordered_hash_table_clear(iso, t);
  *t.loc = H(cleared);
  EXPECT(put(iso, t, smi(iso, 500), smi(iso, 500)));
  table = H(before_clear);
  e = ordered_hash_table_advance(iso, &table, e + 1);
  EXPECT(e == 0 && ordered_hash_table_key_at(table, e) == smi_from_int(500));
  handle_scope_close(&scope);
}

TEST(identity_hash, stable_across_gc_and_on_frozen_objects) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = js_object_new(iso), b = js_object_new(iso);
  uint32_t ha, hb, again;
  EXPECT(!identity_hash_lookup(iso, H(a), &ha)); /* none until asked for */
  EXPECT(identity_hash_get_or_create(iso, a, &ha));
  EXPECT(js_object_prevent_extensions(iso, b));
  EXPECT(identity_hash_get_or_create(iso, b, &hb));
  heap_collect_young(&iso->heap);
  heap_collect_full(&iso->heap);
  EXPECT(identity_hash_lookup(iso, H(a), &again) && again == ha);
  EXPECT(identity_hash_lookup(iso, H(b), &again) && again == hb);
  EXPECT(!js_object_is_extensible(H(b)));
  /* The hidden key is not an own key anyone can see. */
  Handle keys = js_object_own_property_keys(iso, a);
  EXPECT(!handle_is_null(keys));
  for (int64_t i = 0; i < fixed_array_length(H(keys)); i++) {
    Tagged k = fixed_array_get(H(keys), i);
    EXPECT(!(is_symbol(k) && symbol_has_flag(k, SYMBOL_IS_PRIVATE)) ||
           k == ROOT(iso, identity_hash_symbol));
  }
  handle_scope_close(&scope);
}

/* ---- ephemerons ------------------------------------------------------------------------------ */

static bool eput(Isolate *iso, Handle table, Handle key, Handle value) {
  Handle t = ephemeron_table_put(iso, table, key, value);
  if (handle_is_null(t)) return false;
  *table.loc = H(t);
  return true;
}

/* A new {}. */
static Handle fresh_object(Isolate *iso) { return js_object_new(iso); }

static void collect_all(Isolate *iso) {
  heap_collect_young(&iso->heap);
  heap_collect_full(&iso->heap);
}

/* Keys are made unreachable only after a full GC promoted everything, so the marker (not the
 * scavenger) must find them dead; temps[i] is set to undefined to drop a reference. */
TEST(ephemeron, value_lives_while_key_lives) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle table = ephemeron_table_new(iso, 0);
  Handle key = fresh_object(iso);
  Handle dead_key = fresh_object(iso);
  EXPECT(eput(iso, table, key, factory_new_heap_number(iso, 42.5)));
  EXPECT(eput(iso, table, dead_key, factory_new_heap_number(iso, 1.5)));
  heap_collect_full(&iso->heap); /* everything old now */
  EXPECT(ephemeron_table_count(H(table)) == 2);
  *dead_key.loc = ROOT(iso, undefined_value);
  heap_collect_full(&iso->heap);
  Tagged v;
  EXPECT(ephemeron_table_lookup(iso, H(table), H(key), &v));
  EXPECT(is_heap_number(v) && heap_number_value(v) == 42.5);
  EXPECT(ephemeron_table_count(H(table)) == 1); /* the dead key's entry is gone */
  handle_scope_close(&scope);
}

/* A chain k0 -> k1 -> ... -> k19 -> 2.5 where each key is the previous entry's value: the
 * whole chain lives because k0 does, which needs the fixpoint (entries sit in hash order, so
 * one pass in table order is very unlikely to resolve 20 links). A key reachable only from
 * its own value dies: an ephemeron cycle keeps nothing alive. Checked for the marker
 * (everything old) and for the scavenger (everything young). */
enum { kChain = 20 };

static void ephemeron_chain(Isolate *iso, bool old) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle table = ephemeron_table_new(iso, 0);
  Handle k0 = handle_new(iso, ROOT(iso, undefined_value));
  {
    HandleScope inner; /* every other reference to the keys dies with it */
    handle_scope_open(iso, &inner);
    Handle keys = factory_new_fixed_array(iso, kChain);
    for (int i = 0; i < kChain; i++) fixed_array_set(H(keys), i, H(fresh_object(iso)));
    *k0.loc = fixed_array_get(H(keys), 0);
    Handle self = fresh_object(iso), cell = factory_new_fixed_array(iso, 1);
    fixed_array_set(H(cell), 0, H(self));
    bool ok = eput(iso, table, self, cell);
    for (int i = kChain - 1; ok && i >= 0; i--) {
      Handle k = handle_new(iso, fixed_array_get(H(keys), i));
      Handle v = i + 1 < kChain ? handle_new(iso, fixed_array_get(H(keys), i + 1))
                                : factory_new_heap_number(iso, 2.5);
      ok = eput(iso, table, k, v);
    }
    if (!ok) FATAL("ephemeron_chain: out of memory");
    if (old) heap_collect_full(&iso->heap);
    handle_scope_close(&inner);
  }
  if (old) {
    heap_collect_full(&iso->heap);
  } else {
    heap_collect_young(&iso->heap);
  }
  bool ok = ephemeron_table_count(H(table)) == kChain;
  Tagged k = H(k0), v = 0;
  for (int i = 0; ok && i < kChain; i++, k = v) ok = ephemeron_table_lookup(iso, H(table), k, &v);
  ok = ok && is_heap_number(v) && heap_number_value(v) == 2.5;
  handle_scope_close(&scope);
  if (!ok) FATAL("ephemeron_chain(%s) failed", old ? "old" : "young");
}

TEST(ephemeron, fixpoint_and_self_cycles) {
  Isolate *iso = test_isolate();
  ephemeron_chain(iso, true);
  if (iso->flags.gc_interval == 0) ephemeron_chain(iso, false);
}

/* An old table holding young keys and values: scavenges keep and update the live ones
 * (their slots are outside the remembered set) and drop the dead. */
TEST(ephemeron, scavenge_updates_young_entries) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle table = ephemeron_table_new(iso, 0);
  EXPECT(!page_is_young(H(table)));
  int n = test_scale(200);
  Handle keep = factory_new_fixed_array(iso, n);
  for (int i = 0; i < n; i++) {
    HandleScope inner;
    handle_scope_open(iso, &inner);
    Handle k = fresh_object(iso);
    if (i % 2 == 0) fixed_array_set(H(keep), i, H(k));
    EXPECT(eput(iso, table, k, factory_new_heap_number(iso, i + 0.5)));
    handle_scope_close(&inner);
  }
  heap_collect_young(&iso->heap);
  heap_collect_young(&iso->heap);
  /* Under --gc-interval some keys were promoted before they died: only a full GC finds those. */
  if (iso->flags.gc_interval == 0) EXPECT(ephemeron_table_count(H(table)) == (n + 1) / 2);
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < n; i += 2) {
      Tagged v;
      EXPECT(ephemeron_table_lookup(iso, H(table), fixed_array_get(H(keep), i), &v));
      EXPECT(is_heap_number(v) && heap_number_value(v) == i + 0.5);
    }
    heap_collect_full(&iso->heap);
    EXPECT(ephemeron_table_count(H(table)) == (n + 1) / 2);
  }
  handle_scope_close(&scope);
}

TEST(ephemeron, weak_fixed_array_clears_dead_elements) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle live = fresh_object(iso);
  Handle array = weak_fixed_array_new(iso, 3, H(live));
  {
    HandleScope inner;
    handle_scope_open(iso, &inner);
    fixed_array_set(H(array), 1, H(fresh_object(iso)));
    handle_scope_close(&inner);
  }
  fixed_array_set(H(array), 2, smi_from_int(7));
  collect_all(iso);
  EXPECT(fixed_array_get(H(array), 0) == H(live));
  EXPECT(is_undefined(iso, fixed_array_get(H(array), 1)));
  EXPECT(fixed_array_get(H(array), 2) == smi_from_int(7));
  handle_scope_close(&scope);
}

TEST(ephemeron, can_be_held_weakly) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  EXPECT(ephemeron_can_be_held_weakly(iso, H(fresh_object(iso))));
  EXPECT(ephemeron_can_be_held_weakly(iso, H(symbol_new(iso, str(iso, "s"), false))));
  EXPECT(!ephemeron_can_be_held_weakly(iso, H(symbol_new(iso, str(iso, "p"), true))));
  EXPECT(!ephemeron_can_be_held_weakly(iso, smi_from_int(1)));
  EXPECT(!ephemeron_can_be_held_weakly(iso, H(str(iso, "s"))));
  EXPECT(!ephemeron_can_be_held_weakly(iso, ROOT(iso, undefined_value)));
  handle_scope_close(&scope);
}
