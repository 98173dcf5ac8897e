/*
 * builtins-weak.c: WeakMap (ES2025 24.3), WeakSet (24.4), WeakRef (26.1) and
 * FinalizationRegistry (26.2), and the host's end-of-turn hook (builtins-weak.h).
 *
 * WeakMap and WeakSet are JSCollections over an EphemeronHashTable
 * (objects/ephemeron-table.h): the collectors give it ephemeron semantics. A WeakRef holds
 * its target in a one-element WeakFixedArray. A FinalizationRegistry's cells are a
 * WeakFixedArray of (target, unregister token) pairs beside a strong FixedArray of held
 * values (layout in objects.h); when a GC clears a cell's target, the cell waits for
 * builtins_weak_run_finalization_cleanups.
 */
#include "builtins/builtins-weak.h"

#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "objects/ephemeron-table.h"
#include "objects/js-objects.h"

#define WEAK_MAP_PROTOTYPE_BUILTINS(V)                              \
  V(WeakMapPrototypeDelete, "delete", 1)                            \
  V(WeakMapPrototypeGet, "get", 1)                                  \
  V(WeakMapPrototypeGetOrInsert, "getOrInsert", 2)                  \
  V(WeakMapPrototypeGetOrInsertComputed, "getOrInsertComputed", 2)  \
  V(WeakMapPrototypeHas, "has", 1)                                  \
  V(WeakMapPrototypeSet, "set", 2)

#define WEAK_SET_PROTOTYPE_BUILTINS(V)     \
  V(WeakSetPrototypeAdd, "add", 1)         \
  V(WeakSetPrototypeDelete, "delete", 1)   \
  V(WeakSetPrototypeHas, "has", 1)

#define WEAK_REF_PROTOTYPE_BUILTINS(V) V(WeakRefPrototypeDeref, "deref", 0)

#define FINALIZATION_REGISTRY_PROTOTYPE_BUILTINS(V)            \
  V(FinalizationRegistryPrototypeRegister, "register", 2)      \
  V(FinalizationRegistryPrototypeUnregister, "unregister", 1)

WEAK_MAP_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
WEAK_SET_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
WEAK_REF_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
FINALIZATION_REGISTRY_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(WeakMapConstructor, "WeakMap", 0)
BUILTIN_DECLARE(WeakSetConstructor, "WeakSet", 0)
BUILTIN_DECLARE(WeakRefConstructor, "WeakRef", 1)
BUILTIN_DECLARE(FinalizationRegistryConstructor, "FinalizationRegistry", 1)

enum { kInitialRegistryCells = 4 };

/* RequireInternalSlot: the receiver when it has the given type, else a TypeError. */
static Handle weak_this(Isolate *iso, BuiltinArgs *args, InstanceType type, const char *what) {
  Handle o = builtin_receiver(args);
  if (is_heap_object(H(o)) && heap_object_type(H(o)) == type) return o;
  return builtins_throw_type_error(iso, "%s called on incompatible receiver", what);
}

/* OrdinaryCreateFromConstructor(NewTarget, proto_slot) with the realm's map in map_slot,
 * after the NewTarget check of every constructor here. */
static Handle weak_construct(Isolate *iso, BuiltinArgs *args, const char *name, int map_slot,
                             int proto_slot) {
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Constructor %s requires 'new'", name);
  }
  Handle base = builtins_intrinsic(iso, builtins_realm(iso, args), map_slot);
  return builtins_create_from_constructor(iso, builtin_new_target(args), proto_slot, base);
}

/* ---- WeakMap and WeakSet ----------------------------------------------------------------- */

static Handle weak_collection_table(Isolate *iso, Handle o) {
  return handle_new(iso, js_collection_table(H(o)));
}

/* Stores key -> value (CanBeHeldWeakly checked by the caller). May allocate. */
static bool weak_collection_put(Isolate *iso, Handle o, Handle key, Handle value) {
  Handle table = ephemeron_table_put(iso, weak_collection_table(iso, o), key, value);
  if (handle_is_null(table)) return false;
  js_collection_set_table(H(o), H(table));
  return true;
}

/* Steps 1-4 of WeakMap ( [ iterable ] ) / WeakSet ( [ iterable ] ): the object with an empty
 * table, and the adder when there is an iterable (else *adder is empty). */
static Handle weak_collection_construct(Isolate *iso, BuiltinArgs *args, bool is_map,
                                        Handle *adder) {
  Handle o = weak_construct(iso, args, is_map ? "WeakMap" : "WeakSet",
                            is_map ? NATIVE_CONTEXT_js_weak_map_map : NATIVE_CONTEXT_js_weak_set_map,
                            is_map ? NATIVE_CONTEXT_weak_map_prototype
                                   : NATIVE_CONTEXT_weak_set_prototype);
  BUILTIN_TRY(o);
  Handle table = ephemeron_table_new(iso, 0);
  BUILTIN_TRY(table);
  js_collection_set_table(H(o), H(table));
  *adder = HANDLE_NULL;
  Handle iterable = BUILTIN_ARG(0);
  if (is_undefined(iso, H(iterable)) || is_null(iso, H(iterable))) return o;
  const char *name = is_map ? "set" : "add";
  Handle fn = builtins_get(iso, o, name);
  BUILTIN_TRY(fn);
  if (!runtime_is_callable(H(fn))) {
    return builtins_throw_type_error(iso, "'%s' of a %s is not a function", name,
                                     is_map ? "WeakMap" : "WeakSet");
  }
  *adder = fn;
  return o;
}

/* Feeds every value of iterable to adder (entries as (k, v) pairs when pairs), closing the
 * iterator on an abrupt completion: 24.1.1.2 AddEntriesFromIterable and 24.4.1.1 step 7. */
static bool weak_add_from_iterable(Isolate *iso, Handle target, Handle iterable, Handle adder,
                                   bool pairs) {
  IteratorRecord rec;
  if (!runtime_get_iterator(iso, iterable, &rec)) return false;
  for (;;) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle next = runtime_iterator_step_value(iso, &rec, &done);
    bool ok = !handle_is_null(next) || done;
    if (ok && !done) {
      Handle call_args[2] = {next, next};
      if (pairs && !is_js_receiver(H(next))) {
        builtins_throw_type_error(iso, "Iterator value is not an entry object");
        ok = false;
      } else if (pairs) {
        call_args[0] = builtins_get_index(iso, next, 0);
        call_args[1] = handle_is_null(call_args[0]) ? call_args[0] : builtins_get_index(iso, next, 1);
        ok = !handle_is_null(call_args[1]);
      }
      ok = ok && !handle_is_null(builtins_call(iso, adder, target, pairs ? 2 : 1, call_args));
      if (!ok) runtime_iterator_close(iso, &rec, true);
    }
    handle_scope_close(&scope);
    if (!ok) return false;
    if (done) return true;
  }
}

/* ES2025 24.3.1.1 WeakMap ( [ iterable ] ) */
BUILTIN(WeakMapConstructor) {
  Handle adder;
  Handle o = weak_collection_construct(iso, args, true, &adder);
  BUILTIN_TRY(o);
  if (!handle_is_null(adder)) BUILTIN_CHECK(weak_add_from_iterable(iso, o, BUILTIN_ARG(0), adder, true));
  return o;
}

/* ES2025 24.4.1.1 WeakSet ( [ iterable ] ) */
BUILTIN(WeakSetConstructor) {
  Handle adder;
  Handle o = weak_collection_construct(iso, args, false, &adder);
  BUILTIN_TRY(o);
  if (!handle_is_null(adder)) BUILTIN_CHECK(weak_add_from_iterable(iso, o, BUILTIN_ARG(0), adder, false));
  return o;
}

/* ES2025 24.3.3.2 WeakMap.prototype.delete ( key ), 24.4.3.3 WeakSet.prototype.delete */
static Handle weak_collection_delete(Isolate *iso, BuiltinArgs *args, InstanceType type,
                                     const char *what) {
  Handle o = weak_this(iso, args, type, what);
  BUILTIN_TRY(o);
  Tagged key = H(BUILTIN_ARG(0));
  if (!ephemeron_can_be_held_weakly(iso, key)) return builtins_boolean(iso, false);
  return builtins_boolean(iso, ephemeron_table_remove(iso, js_collection_table(H(o)), key));
}

/* ES2025 24.3.3.4 WeakMap.prototype.has ( key ), 24.4.3.4 WeakSet.prototype.has */
static Handle weak_collection_has(Isolate *iso, BuiltinArgs *args, InstanceType type,
                                  const char *what) {
  Handle o = weak_this(iso, args, type, what);
  BUILTIN_TRY(o);
  Tagged key = H(BUILTIN_ARG(0));
  if (!ephemeron_can_be_held_weakly(iso, key)) return builtins_boolean(iso, false);
  return builtins_boolean(iso, ephemeron_table_lookup(iso, js_collection_table(H(o)), key, NULL));
}

BUILTIN(WeakMapPrototypeDelete) {
  return weak_collection_delete(iso, args, JS_WEAK_MAP_TYPE, "WeakMap.prototype.delete");
}
BUILTIN(WeakMapPrototypeHas) {
  return weak_collection_has(iso, args, JS_WEAK_MAP_TYPE, "WeakMap.prototype.has");
}
BUILTIN(WeakSetPrototypeDelete) {
  return weak_collection_delete(iso, args, JS_WEAK_SET_TYPE, "WeakSet.prototype.delete");
}
BUILTIN(WeakSetPrototypeHas) {
  return weak_collection_has(iso, args, JS_WEAK_SET_TYPE, "WeakSet.prototype.has");
}

/* ES2025 24.3.3.3 WeakMap.prototype.get ( key ) */
BUILTIN(WeakMapPrototypeGet) {
  Handle o = weak_this(iso, args, JS_WEAK_MAP_TYPE, "WeakMap.prototype.get");
  BUILTIN_TRY(o);
  Tagged key = H(BUILTIN_ARG(0));
  if (!ephemeron_can_be_held_weakly(iso, key)) return BUILTIN_UNDEFINED;
  Tagged value;
  if (!ephemeron_table_lookup(iso, js_collection_table(H(o)), key, &value)) return BUILTIN_UNDEFINED;
  return handle_new(iso, value);
}

/* The receiver and a key that CanBeHeldWeakly, or a TypeError. */
static Handle weak_map_key_check(Isolate *iso, BuiltinArgs *args, InstanceType type,
                                 const char *what) {
  Handle o = weak_this(iso, args, type, what);
  BUILTIN_TRY(o);
  if (!ephemeron_can_be_held_weakly(iso, H(BUILTIN_ARG(0)))) {
    return builtins_throw_type_error(iso, "Invalid value used as weak %s key",
                                     type == JS_WEAK_MAP_TYPE ? "map" : "set");
  }
  return o;
}

/* ES2025 24.3.3.5 WeakMap.prototype.set ( key, value ) */
BUILTIN(WeakMapPrototypeSet) {
  Handle o = weak_map_key_check(iso, args, JS_WEAK_MAP_TYPE, "WeakMap.prototype.set");
  BUILTIN_TRY(o);
  BUILTIN_CHECK(weak_collection_put(iso, o, BUILTIN_ARG(0), BUILTIN_ARG(1)));
  return o;
}

/* WeakMap.prototype.getOrInsert ( key, value ) (the upsert proposal, stage 3) */
BUILTIN(WeakMapPrototypeGetOrInsert) {
  Handle o = weak_map_key_check(iso, args, JS_WEAK_MAP_TYPE, "WeakMap.prototype.getOrInsert");
  BUILTIN_TRY(o);
  Tagged found;
  if (ephemeron_table_lookup(iso, js_collection_table(H(o)), H(BUILTIN_ARG(0)), &found)) {
    return handle_new(iso, found);
  }
  BUILTIN_CHECK(weak_collection_put(iso, o, BUILTIN_ARG(0), BUILTIN_ARG(1)));
  return BUILTIN_ARG(1);
}

/* WeakMap.prototype.getOrInsertComputed ( key, callbackfn ) (the upsert proposal) */
BUILTIN(WeakMapPrototypeGetOrInsertComputed) {
  Handle o = weak_map_key_check(iso, args, JS_WEAK_MAP_TYPE,
                                "WeakMap.prototype.getOrInsertComputed");
  BUILTIN_TRY(o);
  Handle key = BUILTIN_ARG(0), callback = BUILTIN_ARG(1);
  if (!runtime_is_callable(H(callback))) return runtime_throw_not_callable(iso, callback);
  Tagged found;
  if (ephemeron_table_lookup(iso, js_collection_table(H(o)), H(key), &found)) {
    return handle_new(iso, found);
  }
  Handle value = builtins_call(iso, callback, BUILTIN_UNDEFINED, 1, &key);
  BUILTIN_TRY(value);
  BUILTIN_CHECK(weak_collection_put(iso, o, key, value));
  return value;
}

/* ES2025 24.4.3.1 WeakSet.prototype.add ( value ) */
BUILTIN(WeakSetPrototypeAdd) {
  Handle o = weak_map_key_check(iso, args, JS_WEAK_SET_TYPE, "WeakSet.prototype.add");
  BUILTIN_TRY(o);
  BUILTIN_CHECK(weak_collection_put(iso, o, BUILTIN_ARG(0), ROOT_HANDLE(iso, true_value)));
  return o;
}

/* ---- WeakRef ----------------------------------------------------------------------------- */

/* ES2025 9.10.3 AddToKeptObjects ( value ): appends to the isolate's kept list (a FixedArray
 * whose element 0 is the count). May allocate. */
static bool weak_add_to_kept_objects(Isolate *iso, Handle value) {
  Handle list = handle_new(iso, ROOT(iso, weak_ref_kept_objects));
  if (H(list) == 0) {
    list = factory_new_fixed_array(iso, 8);
    if (handle_is_null(list)) return false;
    fixed_array_set(H(list), 0, smi_from_int(0));
    ROOT(iso, weak_ref_kept_objects) = H(list);
  }
  int64_t count = smi_value(fixed_array_get(H(list), 0));
  if (count + 1 >= fixed_array_length(H(list))) {
    Handle grown = factory_copy_fixed_array(iso, list, fixed_array_length(H(list)) * 2,
                                            ROOT(iso, undefined_value));
    if (handle_is_null(grown)) return false;
    list = grown;
    ROOT(iso, weak_ref_kept_objects) = H(list);
  }
  fixed_array_set(H(list), count + 1, H(value));
  fixed_array_set(H(list), 0, smi_from_int((int32_t)count + 1));
  return true;
}

void builtins_weak_clear_kept_objects(Isolate *iso) { ROOT(iso, weak_ref_kept_objects) = 0; }

/* ES2025 26.1.1.1 WeakRef ( target ) */
BUILTIN(WeakRefConstructor) {
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Constructor WeakRef requires 'new'");
  }
  Handle target = BUILTIN_ARG(0);
  if (!ephemeron_can_be_held_weakly(iso, H(target))) {
    return builtins_throw_type_error(iso, "WeakRef: invalid target");
  }
  Handle o = weak_construct(iso, args, "WeakRef", NATIVE_CONTEXT_js_weak_ref_map,
                            NATIVE_CONTEXT_weak_ref_prototype);
  BUILTIN_TRY(o);
  Handle cell = weak_fixed_array_new(iso, 1, H(target));
  BUILTIN_TRY(cell);
  BUILTIN_CHECK(weak_add_to_kept_objects(iso, target));
  js_weak_ref_set_target(H(o), H(cell));
  return o;
}

/* ES2025 26.1.3.2 WeakRef.prototype.deref ( ), with 26.1.4.1 WeakRefDeref. */
BUILTIN(WeakRefPrototypeDeref) {
  Handle o = weak_this(iso, args, JS_WEAK_REF_TYPE, "WeakRef.prototype.deref");
  BUILTIN_TRY(o);
  Handle target = handle_new(iso, fixed_array_get(js_weak_ref_target(H(o)), 0));
  if (is_undefined(iso, H(target))) return target;
  BUILTIN_CHECK(weak_add_to_kept_objects(iso, target));
  return target;
}

/* ---- FinalizationRegistry ------------------------------------------------------------------ */

/* Adds registry to the isolate's weak list of registries. May allocate. */
static bool weak_track_registry(Isolate *iso, Handle registry) {
  Handle list = handle_new(iso, ROOT(iso, finalization_registries));
  if (H(list) == 0) {
    list = ephemeron_table_new(iso, 8);
    if (handle_is_null(list)) return false;
    ROOT(iso, finalization_registries) = H(list);
  }
  Handle grown = ephemeron_table_put(iso, list, registry, ROOT_HANDLE(iso, true_value));
  if (handle_is_null(grown)) return false;
  ROOT(iso, finalization_registries) = H(grown);
  return true;
}

/* ES2025 26.2.1.1 FinalizationRegistry ( cleanupCallback ) */
BUILTIN(FinalizationRegistryConstructor) {
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Constructor FinalizationRegistry requires 'new'");
  }
  Handle cleanup = BUILTIN_ARG(0);
  if (!runtime_is_callable(H(cleanup))) {
    return builtins_throw_type_error(iso, "FinalizationRegistry: cleanup must be callable");
  }
  Handle o = weak_construct(iso, args, "FinalizationRegistry",
                            NATIVE_CONTEXT_js_finalization_registry_map,
                            NATIVE_CONTEXT_finalization_registry_prototype);
  BUILTIN_TRY(o);
  Handle cells = weak_fixed_array_new(iso, 2 * kInitialRegistryCells, ROOT(iso, the_hole_value));
  BUILTIN_TRY(cells);
  Handle holdings = factory_new_fixed_array_with_holes(iso, kInitialRegistryCells);
  BUILTIN_TRY(holdings);
  js_finalization_registry_set_cleanup(H(o), H(cleanup));
  js_finalization_registry_set_cells(H(o), H(cells));
  js_finalization_registry_set_holdings(H(o), H(holdings));
  js_finalization_registry_set_realm(H(o), H(builtins_realm(iso, args)));
  js_finalization_registry_set_first_free(H(o), 0);
  BUILTIN_CHECK(weak_track_registry(iso, o));
  return o;
}

/* A free cell of registry, growing its arrays when all are in use. -1 with an exception
 * pending. May allocate. */
static int64_t weak_registry_free_cell(Isolate *iso, Handle registry) {
  Tagged holdings = js_finalization_registry_holdings(H(registry));
  Tagged cells = js_finalization_registry_cells(H(registry));
  int64_t n = fixed_array_length(holdings);
  for (int64_t i = js_finalization_registry_first_free(H(registry)); i < n; i++) {
    if (is_the_hole(iso, fixed_array_get(holdings, i)) &&
        is_the_hole(iso, fixed_array_get(cells, 2 * i))) {
      js_finalization_registry_set_first_free(H(registry), i + 1);
      return i;
    }
  }
  Handle old_cells = handle_new(iso, cells), old_holdings = handle_new(iso, holdings);
  Handle new_cells = weak_fixed_array_new(iso, 4 * n, ROOT(iso, the_hole_value));
  if (handle_is_null(new_cells)) return -1;
  Handle new_holdings = factory_copy_fixed_array(iso, old_holdings, 2 * n, ROOT(iso, the_hole_value));
  if (handle_is_null(new_holdings)) return -1;
  for (int64_t i = 0; i < 2 * n; i++) fixed_array_set(H(new_cells), i, fixed_array_get(H(old_cells), i));
  js_finalization_registry_set_cells(H(registry), H(new_cells));
  js_finalization_registry_set_holdings(H(registry), H(new_holdings));
  js_finalization_registry_set_first_free(H(registry), n + 1);
  return n;
}

/* ES2025 26.2.3.2 FinalizationRegistry.prototype.register ( target, heldValue
 * [ , unregisterToken ] ) */
BUILTIN(FinalizationRegistryPrototypeRegister) {
  Handle o = weak_this(iso, args, JS_FINALIZATION_REGISTRY_TYPE,
                       "FinalizationRegistry.prototype.register");
  BUILTIN_TRY(o);
  Handle target = BUILTIN_ARG(0), held = BUILTIN_ARG(1), token = BUILTIN_ARG(2);
  if (!ephemeron_can_be_held_weakly(iso, H(target))) {
    return builtins_throw_type_error(iso, "FinalizationRegistry.prototype.register: invalid target");
  }
  if (runtime_same_value(H(target), H(held))) {
    return builtins_throw_type_error(iso, "FinalizationRegistry.prototype.register: target and "
                                          "held value must not be the same");
  }
  if (!ephemeron_can_be_held_weakly(iso, H(token)) && !is_undefined(iso, H(token))) {
    return builtins_throw_type_error(iso, "FinalizationRegistry.prototype.register: invalid "
                                          "unregister token");
  }
  int64_t cell = weak_registry_free_cell(iso, o);
  if (cell < 0) return HANDLE_NULL;
  Tagged cells = js_finalization_registry_cells(H(o));
  fixed_array_set(cells, 2 * cell, H(target));
  fixed_array_set(cells, 2 * cell + 1, H(token));
  fixed_array_set(js_finalization_registry_holdings(H(o)), cell, H(held));
  return BUILTIN_UNDEFINED;
}

/* Frees cell i of a registry. Never allocates. */
static void weak_registry_free(Isolate *iso, Tagged registry, int64_t i) {
  Tagged hole = ROOT(iso, the_hole_value), cells = js_finalization_registry_cells(registry);
  fixed_array_set(cells, 2 * i, hole);
  fixed_array_set(cells, 2 * i + 1, hole);
  fixed_array_set(js_finalization_registry_holdings(registry), i, hole);
  if (i < js_finalization_registry_first_free(registry)) {
    js_finalization_registry_set_first_free(registry, i);
  }
}

/* ES2025 26.2.3.3 FinalizationRegistry.prototype.unregister ( unregisterToken ) */
BUILTIN(FinalizationRegistryPrototypeUnregister) {
  Handle o = weak_this(iso, args, JS_FINALIZATION_REGISTRY_TYPE,
                       "FinalizationRegistry.prototype.unregister");
  BUILTIN_TRY(o);
  Tagged token = H(BUILTIN_ARG(0));
  if (!ephemeron_can_be_held_weakly(iso, token)) {
    return builtins_throw_type_error(iso, "FinalizationRegistry.prototype.unregister: invalid "
                                          "unregister token");
  }
  Tagged holdings = js_finalization_registry_holdings(H(o));
  Tagged cells = js_finalization_registry_cells(H(o));
  bool removed = false;
  for (int64_t i = 0, n = fixed_array_length(holdings); i < n; i++) {
    if (!is_the_hole(iso, fixed_array_get(holdings, i)) && fixed_array_get(cells, 2 * i + 1) == token) {
      weak_registry_free(iso, H(o), i);
      removed = true;
    }
  }
  return builtins_boolean(iso, removed);
}

/* ES2025 26.2.1.1 CleanupFinalizationRegistry ( finalizationRegistry ): calls the callback
 * for each cell whose target was collected, removing the cell first. Calls user code. */
static bool weak_cleanup_registry(Isolate *iso, Handle registry) {
  Handle callback = handle_new(iso, js_finalization_registry_cleanup(H(registry)));
  for (int64_t i = 0; i < fixed_array_length(js_finalization_registry_holdings(H(registry))); i++) {
    Tagged holdings = js_finalization_registry_holdings(H(registry));
    Tagged cells = js_finalization_registry_cells(H(registry));
    if (is_the_hole(iso, fixed_array_get(holdings, i)) ||
        !is_undefined(iso, fixed_array_get(cells, 2 * i))) {
      continue;
    }
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle held = handle_new(iso, fixed_array_get(holdings, i));
    weak_registry_free(iso, H(registry), i);
    bool ok = !handle_is_null(builtins_call(iso, callback, BUILTIN_UNDEFINED, 1, &held));
    handle_scope_close(&scope);
    if (!ok) return false;
  }
  return true;
}

bool builtins_weak_run_finalization_cleanups(Isolate *iso) {
  if (ROOT(iso, finalization_registries) == 0) return true;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  /* Snapshot the live registries: callbacks may make new ones (and so grow the list). */
  Handle list = handle_new(iso, ROOT(iso, finalization_registries));
  int64_t capacity = ephemeron_table_capacity(H(list));
  Handle live = factory_new_fixed_array(iso, capacity);
  bool ok = !handle_is_null(live);
  for (int64_t e = 0; ok && e < capacity; e++) {
    Tagged key = ephemeron_table_key_at(H(list), e);
    fixed_array_set(H(live), e, is_js_finalization_registry(key) ? key : ROOT(iso, undefined_value));
  }
  for (int64_t e = 0; ok && e < capacity; e++) {
    Tagged registry = fixed_array_get(H(live), e);
    if (is_js_finalization_registry(registry)) ok = weak_cleanup_registry(iso, handle_new(iso, registry));
  }
  handle_scope_close(&scope);
  return ok;
}

bool builtins_weak_host_turn_ended(Isolate *iso) {
  builtins_weak_clear_kept_objects(iso);
  return builtins_weak_run_finalization_cleanups(iso);
}

/* ---- installation -------------------------------------------------------------------------- */

static const BuiltinSpec kWeakMapPrototypeBuiltins[] = {WEAK_MAP_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kWeakSetPrototypeBuiltins[] = {WEAK_SET_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kWeakRefPrototypeBuiltins[] = {WEAK_REF_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kFinalizationRegistryPrototypeBuiltins[] = {
    FINALIZATION_REGISTRY_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

typedef struct {
  const char *name;
  int length;
  BuiltinFunction ctor;
  const BuiltinSpec *methods;
  size_t method_count;
  InstanceType type;
  size_t instance_size;
  int proto_slot, map_slot;
} WeakFamily;

/* One constructor, its prototype with methods and @@toStringTag, and its instances' map. */
static bool weak_install_family(Isolate *iso, Handle nc, const WeakFamily *f) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, f->name, f->length, f->ctor, proto, -1,
                                             f->proto_slot);
  Handle tag = handle_is_null(ctor) ? ctor : builtins_string(iso, f->name);
  if (handle_is_null(tag) ||
      !builtins_install_methods(iso, nc, proto, f->methods, f->method_count) ||
      !builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM)) {
    return false;
  }
  Handle map = factory_new_map(iso, f->type, f->instance_size, 0);
  if (handle_is_null(map)) return false;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(proto));
  context_set(H(nc), f->map_slot, H(map));
  return true;
}

bool builtins_install_weak(Isolate *iso, Handle nc) {
  const WeakFamily families[] = {
      {"WeakMap", 0, Builtin_WeakMapConstructor, kWeakMapPrototypeBuiltins,
       KILN_ARRAY_SIZE(kWeakMapPrototypeBuiltins), JS_WEAK_MAP_TYPE, JSCollection_kHeaderSize,
       NATIVE_CONTEXT_weak_map_prototype, NATIVE_CONTEXT_js_weak_map_map},
      {"WeakSet", 0, Builtin_WeakSetConstructor, kWeakSetPrototypeBuiltins,
       KILN_ARRAY_SIZE(kWeakSetPrototypeBuiltins), JS_WEAK_SET_TYPE, JSCollection_kHeaderSize,
       NATIVE_CONTEXT_weak_set_prototype, NATIVE_CONTEXT_js_weak_set_map},
      {"WeakRef", 1, Builtin_WeakRefConstructor, kWeakRefPrototypeBuiltins,
       KILN_ARRAY_SIZE(kWeakRefPrototypeBuiltins), JS_WEAK_REF_TYPE, JSWeakRef_kHeaderSize,
       NATIVE_CONTEXT_weak_ref_prototype, NATIVE_CONTEXT_js_weak_ref_map},
      {"FinalizationRegistry", 1, Builtin_FinalizationRegistryConstructor,
       kFinalizationRegistryPrototypeBuiltins,
       KILN_ARRAY_SIZE(kFinalizationRegistryPrototypeBuiltins), JS_FINALIZATION_REGISTRY_TYPE,
       JSFinalizationRegistry_kHeaderSize, NATIVE_CONTEXT_finalization_registry_prototype,
       NATIVE_CONTEXT_js_finalization_registry_map},
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(families); i++) {
    if (!weak_install_family(iso, nc, &families[i])) return false;
  }
  return true;
}
