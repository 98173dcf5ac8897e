/*
 * builtins-collections.c: Map (ES2025 24.1), Set (24.2, with the set methods of 24.2.4 and
 * GetSetRecord), %MapIteratorPrototype% (24.1.5) and %SetIteratorPrototype% (24.2.6), and
 * Map.groupBy (24.1.2.1).
 *
 * A Map or Set is a JSCollection whose table is an OrderedHashTable
 * (objects/ordered-hash-table.h): the spec's [[MapData]] / [[SetData]] List, with deleted
 * entries left as holes. Everything that walks the List while user code runs (forEach, the
 * iterators, the set methods) keeps a cursor of (table, index) and moves it along the
 * table's transition chain with ordered_hash_table_advance, so rehashing and clear() during
 * the walk behave as the spec's List does.
 */
#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/ordered-hash-table.h"

#define MAP_BUILTINS(V) V(MapGroupBy, "groupBy", 2)

#define MAP_PROTOTYPE_BUILTINS(V)      \
  V(MapPrototypeClear, "clear", 0)     \
  V(MapPrototypeDelete, "delete", 1)   \
  V(MapPrototypeForEach, "forEach", 1) \
  V(MapPrototypeGet, "get", 1)         \
  V(MapPrototypeGetOrInsert, "getOrInsert", 2) \
  V(MapPrototypeGetOrInsertComputed, "getOrInsertComputed", 2) \
  V(MapPrototypeHas, "has", 1)         \
  V(MapPrototypeKeys, "keys", 0)       \
  V(MapPrototypeSet, "set", 2)         \
  V(MapPrototypeValues, "values", 0)

#define SET_PROTOTYPE_BUILTINS(V)                              \
  V(SetPrototypeAdd, "add", 1)                                 \
  V(SetPrototypeClear, "clear", 0)                             \
  V(SetPrototypeDelete, "delete", 1)                           \
  V(SetPrototypeDifference, "difference", 1)                   \
  V(SetPrototypeEntries, "entries", 0)                         \
  V(SetPrototypeForEach, "forEach", 1)                         \
  V(SetPrototypeHas, "has", 1)                                 \
  V(SetPrototypeIntersection, "intersection", 1)               \
  V(SetPrototypeIsDisjointFrom, "isDisjointFrom", 1)           \
  V(SetPrototypeIsSubsetOf, "isSubsetOf", 1)                   \
  V(SetPrototypeIsSupersetOf, "isSupersetOf", 1)               \
  V(SetPrototypeSymmetricDifference, "symmetricDifference", 1) \
  V(SetPrototypeUnion, "union", 1)

MAP_BUILTINS(BUILTIN_DECLARE)
MAP_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
SET_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(MapConstructor, "Map", 0)
BUILTIN_DECLARE(SetConstructor, "Set", 0)
BUILTIN_DECLARE(CollectionSpecies, "@@species", 0)
BUILTIN_DECLARE(MapPrototypeEntries, "entries", 0)
BUILTIN_DECLARE(MapPrototypeSize, "size", 0)
BUILTIN_DECLARE(SetPrototypeValues, "values", 0)
BUILTIN_DECLARE(SetPrototypeSize, "size", 0)
BUILTIN_DECLARE(MapIteratorPrototypeNext, "next", 0)
BUILTIN_DECLARE(SetIteratorPrototypeNext, "next", 0)

enum { ITERATE_KEYS = 0, ITERATE_VALUES = 1, ITERATE_ENTRIES = 2 };

/* ---- shared helpers --------------------------------------------------------------------- */

/* RequireInternalSlot(this, [[MapData]] / [[SetData]]): the receiver, or a TypeError. */
static Handle collection_this(Isolate *iso, BuiltinArgs *args, InstanceType type,
                              const char *method) {
  Handle o = builtin_receiver(args);
  if (is_heap_object(H(o)) && heap_object_type(H(o)) == type) return o;
  return builtins_throw_type_error(iso, "Method %s.prototype.%s called on incompatible receiver",
                                   type == JS_MAP_TYPE ? "Map" : "Set", method);
}

/* ES2025 24.5.1 CanonicalizeKeyedCollectionKey: -0 becomes +0. */
static Handle collection_canonical_key(Isolate *iso, Handle key) {
  if (is_heap_number(H(key)) && heap_number_value(H(key)) == 0) {
    return handle_new(iso, smi_from_int(0));
  }
  return key;
}

static Handle collection_table(Isolate *iso, Handle collection) {
  return handle_new(iso, js_collection_table(H(collection)));
}

/* Adds key (-> value) to the collection's table. May allocate. */
static bool collection_put(Isolate *iso, Handle collection, Handle key, Handle value) {
  Handle table = ordered_hash_table_put(iso, collection_table(iso, collection),
                                        collection_canonical_key(iso, key), value);
  if (handle_is_null(table)) return false;
  js_collection_set_table(H(collection), H(table));
  return true;
}

static bool collection_has(Isolate *iso, Handle collection, Tagged key) {
  return ordered_hash_table_find(iso, js_collection_table(H(collection)), key) >= 0;
}

/* A cursor over a collection's entries that survives mutation (see the file comment). */
typedef struct {
  Handle table;
  int64_t index;
} CollectionCursor;

static void cursor_init(Isolate *iso, CollectionCursor *c, Handle collection) {
  c->table = collection_table(iso, collection);
  c->index = 0;
}

/* The next live entry's number in *c->table, or -1 at the end. Never allocates. */
static int64_t cursor_next(Isolate *iso, CollectionCursor *c) {
  Tagged t = H(c->table);
  int64_t entry = ordered_hash_table_advance(iso, &t, c->index);
  *c->table.loc = t;
  if (entry >= 0) c->index = entry + 1;
  return entry;
}

/* A new collection of the current realm with the given table (Set methods' results,
 * groupBy's Map). May allocate. */
static Handle collection_new_with_table(Isolate *iso, Handle realm, int map_slot, Handle table) {
  Handle map = builtins_intrinsic(iso, realm, map_slot);
  Handle o = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(o)) return o;
  js_collection_set_table(H(o), H(table));
  return o;
}

/* Steps 1-3 of the Map and Set constructors: the new object with an empty table. */
static Handle collection_construct(Isolate *iso, BuiltinArgs *args, bool is_map) {
  const char *name = is_map ? "Map" : "Set";
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Constructor %s requires 'new'", name);
  }
  Handle realm = builtins_realm(iso, args);
  Handle base = builtins_intrinsic(iso, realm, is_map ? NATIVE_CONTEXT_js_map_map
                                                      : NATIVE_CONTEXT_js_set_map);
  Handle o = builtins_create_from_constructor(
      iso, builtin_new_target(args),
      is_map ? NATIVE_CONTEXT_map_prototype : NATIVE_CONTEXT_set_prototype, base);
  BUILTIN_TRY(o);
  Handle table = ordered_hash_table_new(iso, is_map, 0);
  BUILTIN_TRY(table);
  js_collection_set_table(H(o), H(table));
  return o;
}

/* The adder of ES2025 24.1.1.1 / 24.2.1.1 steps 5-6: Get(o, name), callable. */
static Handle collection_adder(Isolate *iso, Handle o, const char *name) {
  Handle adder = builtins_get(iso, o, name);
  BUILTIN_TRY(adder);
  if (!runtime_is_callable(H(adder))) {
    return builtins_throw_type_error(iso, "'%s' of the new collection is not a function", name);
  }
  return adder;
}

/* ---- Map ------------------------------------------------------------------------------- */

/* ES2025 24.1.1.2 AddEntriesFromIterable ( target, iterable, adder ) */
static bool map_add_entries_from_iterable(Isolate *iso, Handle target, Handle iterable,
                                          Handle adder) {
  IteratorRecord rec;
  if (!runtime_get_iterator(iso, iterable, &rec)) return false;
  for (;;) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle next = runtime_iterator_step_value(iso, &rec, &done);
    bool ok = !handle_is_null(next) || done;
    if (ok && !done) {
      if (!is_js_receiver(H(next))) {
        builtins_throw_type_error(iso, "Iterator value %s is not an entry object", "item");
        ok = false;
      } else {
        Handle k = builtins_get_index(iso, next, 0);
        Handle v = handle_is_null(k) ? k : builtins_get_index(iso, next, 1);
        Handle kv[2] = {k, v};
        ok = !handle_is_null(v) && !handle_is_null(builtins_call(iso, adder, target, 2, kv));
      }
      if (!ok) runtime_iterator_close(iso, &rec, true);
    }
    handle_scope_close(&scope);
    if (!ok) return false;
    if (done) return true;
  }
}

/* ES2025 24.1.1.1 Map ( [ iterable ] ) */
BUILTIN(MapConstructor) {
  Handle map = collection_construct(iso, args, true);
  BUILTIN_TRY(map);
  Handle iterable = BUILTIN_ARG(0);
  if (is_undefined(iso, H(iterable)) || is_null(iso, H(iterable))) return map;
  Handle adder = collection_adder(iso, map, "set");
  BUILTIN_TRY(adder);
  BUILTIN_CHECK(map_add_entries_from_iterable(iso, map, iterable, adder));
  return map;
}

/* ES2025 24.1.2.1 Map.groupBy ( items, callback ), with 7.3.35 GroupBy (keyCoercion zero):
 * each group's List is a JS array filled as the groups are found. */
BUILTIN(MapGroupBy) {
  Handle items = BUILTIN_ARG(0), callback = BUILTIN_ARG(1);
  if (is_undefined(iso, H(items)) || is_null(iso, H(items))) {
    return builtins_throw_type_error(iso, "Map.groupBy called on null or undefined");
  }
  if (!runtime_is_callable(H(callback))) {
    return builtins_throw_type_error(iso, "Map.groupBy: callback is not a function");
  }
  Handle table = ordered_hash_table_new(iso, true, 0);
  BUILTIN_TRY(table);
  Handle result = collection_new_with_table(iso, builtins_realm(iso, args),
                                            NATIVE_CONTEXT_js_map_map, table);
  BUILTIN_TRY(result);
  IteratorRecord rec;
  BUILTIN_CHECK(runtime_get_iterator(iso, items, &rec));
  for (double k = 0;; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false, ok = true;
    if (k >= 9007199254740991.0) {
      builtins_throw_type_error(iso, "Map.groupBy: too many elements");
      runtime_iterator_close(iso, &rec, true);
      ok = false;
    }
    Handle value = ok ? runtime_iterator_step_value(iso, &rec, &done) : HANDLE_NULL;
    ok = ok && (!handle_is_null(value) || done);
    if (ok && !done) {
      Handle index = builtins_number(iso, k);
      Handle call_args[2] = {value, index};
      Handle key = handle_is_null(index) ? index
                                         : builtins_call(iso, callback, BUILTIN_UNDEFINED, 2, call_args);
      if (handle_is_null(key)) {
        runtime_iterator_close(iso, &rec, true);
        ok = false;
      } else {
        key = collection_canonical_key(iso, key);
        int64_t entry = ordered_hash_table_find(iso, js_collection_table(H(result)), H(key));
        Handle group;
        if (entry >= 0) {
          group = handle_new(iso, ordered_hash_table_value_at(js_collection_table(H(result)), entry));
        } else {
          group = runtime_new_array(iso, 0);
          ok = !handle_is_null(group) && collection_put(iso, result, key, group);
        }
        ok = ok && js_array_push(iso, group, value);
      }
    }
    handle_scope_close(&scope);
    if (!ok) return HANDLE_NULL;
    if (done) return result;
  }
}

/* ES2025 24.1.3.1 Map.prototype.clear ( ) (and 24.2.4.2 for Set) */
static Handle collection_clear(Isolate *iso, BuiltinArgs *args, InstanceType type) {
  Handle o = collection_this(iso, args, type, "clear");
  BUILTIN_TRY(o);
  Handle table = ordered_hash_table_clear(iso, collection_table(iso, o));
  BUILTIN_TRY(table);
  js_collection_set_table(H(o), H(table));
  return BUILTIN_UNDEFINED;
}

/* ES2025 24.1.3.3 Map.prototype.delete ( key ) (and 24.2.4.5 for Set) */
static Handle collection_delete(Isolate *iso, BuiltinArgs *args, InstanceType type) {
  Handle o = collection_this(iso, args, type, "delete");
  BUILTIN_TRY(o);
  bool removed;
  Handle table = ordered_hash_table_remove(iso, collection_table(iso, o), BUILTIN_ARG(0), &removed);
  BUILTIN_TRY(table);
  js_collection_set_table(H(o), H(table));
  return builtins_boolean(iso, removed);
}

/* ES2025 24.1.3.5 Map.prototype.forEach (and 24.2.4.7 for Set): callback(value, key, o). */
static Handle collection_for_each(Isolate *iso, BuiltinArgs *args, InstanceType type) {
  Handle o = collection_this(iso, args, type, "forEach");
  BUILTIN_TRY(o);
  Handle callback = BUILTIN_ARG(0), this_arg = BUILTIN_ARG(1);
  if (!runtime_is_callable(H(callback))) return runtime_throw_not_callable(iso, callback);
  CollectionCursor c;
  cursor_init(iso, &c, o);
  for (;;) {
    int64_t entry = cursor_next(iso, &c);
    if (entry < 0) return BUILTIN_UNDEFINED;
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle call_args[3] = {handle_new(iso, ordered_hash_table_value_at(H(c.table), entry)),
                           handle_new(iso, ordered_hash_table_key_at(H(c.table), entry)), o};
    bool ok = !handle_is_null(builtins_call(iso, callback, this_arg, 3, call_args));
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
  }
}

static Handle collection_size(Isolate *iso, BuiltinArgs *args, InstanceType type) {
  Handle o = collection_this(iso, args, type, "size");
  BUILTIN_TRY(o);
  return handle_new(iso, smi_from_int((int32_t)ordered_hash_table_count(js_collection_table(H(o)))));
}

BUILTIN(MapPrototypeClear) { return collection_clear(iso, args, JS_MAP_TYPE); }
BUILTIN(MapPrototypeDelete) { return collection_delete(iso, args, JS_MAP_TYPE); }
BUILTIN(MapPrototypeForEach) { return collection_for_each(iso, args, JS_MAP_TYPE); }
/* ES2025 24.1.3.11 get Map.prototype.size */
BUILTIN(MapPrototypeSize) { return collection_size(iso, args, JS_MAP_TYPE); }

/* ES2025 24.1.3.6 Map.prototype.get ( key ) */
BUILTIN(MapPrototypeGet) {
  Handle o = collection_this(iso, args, JS_MAP_TYPE, "get");
  BUILTIN_TRY(o);
  Tagged table = js_collection_table(H(o));
  int64_t entry = ordered_hash_table_find(iso, table, H(BUILTIN_ARG(0)));
  return entry < 0 ? BUILTIN_UNDEFINED : handle_new(iso, ordered_hash_table_value_at(table, entry));
}

/* Map.prototype.getOrInsert ( key, value ) (the upsert proposal, stage 3) */
BUILTIN(MapPrototypeGetOrInsert) {
  Handle o = collection_this(iso, args, JS_MAP_TYPE, "getOrInsert");
  BUILTIN_TRY(o);
  Handle key = collection_canonical_key(iso, BUILTIN_ARG(0));
  Tagged table = js_collection_table(H(o));
  int64_t entry = ordered_hash_table_find(iso, table, H(key));
  if (entry >= 0) return handle_new(iso, ordered_hash_table_value_at(table, entry));
  BUILTIN_CHECK(collection_put(iso, o, key, BUILTIN_ARG(1)));
  return BUILTIN_ARG(1);
}

/* Map.prototype.getOrInsertComputed ( key, callbackfn ) (the upsert proposal): the
 * callback's result is stored even when the callback itself added key. */
BUILTIN(MapPrototypeGetOrInsertComputed) {
  Handle o = collection_this(iso, args, JS_MAP_TYPE, "getOrInsertComputed");
  BUILTIN_TRY(o);
  Handle callback = BUILTIN_ARG(1);
  if (!runtime_is_callable(H(callback))) return runtime_throw_not_callable(iso, callback);
  Handle key = collection_canonical_key(iso, BUILTIN_ARG(0));
  Tagged table = js_collection_table(H(o));
  int64_t entry = ordered_hash_table_find(iso, table, H(key));
  if (entry >= 0) return handle_new(iso, ordered_hash_table_value_at(table, entry));
  Handle value = builtins_call(iso, callback, BUILTIN_UNDEFINED, 1, &key);
  BUILTIN_TRY(value);
  BUILTIN_CHECK(collection_put(iso, o, key, value));
  return value;
}

/* ES2025 24.1.3.7 Map.prototype.has ( key ) */
BUILTIN(MapPrototypeHas) {
  Handle o = collection_this(iso, args, JS_MAP_TYPE, "has");
  BUILTIN_TRY(o);
  return builtins_boolean(iso, collection_has(iso, o, H(BUILTIN_ARG(0))));
}

/* ES2025 24.1.3.9 Map.prototype.set ( key, value ) */
BUILTIN(MapPrototypeSet) {
  Handle o = collection_this(iso, args, JS_MAP_TYPE, "set");
  BUILTIN_TRY(o);
  BUILTIN_CHECK(collection_put(iso, o, BUILTIN_ARG(0), BUILTIN_ARG(1)));
  return o;
}

/* ---- iterators -------------------------------------------------------------------------- */

/* ES2025 24.1.5.1 CreateMapIterator / 24.2.6.1 CreateSetIterator. */
static Handle collection_iterator(Isolate *iso, BuiltinArgs *args, InstanceType type,
                                  const char *method, int kind) {
  Handle o = collection_this(iso, args, type, method);
  BUILTIN_TRY(o);
  Handle map = builtins_intrinsic(iso, builtins_realm(iso, args),
                                  type == JS_MAP_TYPE ? NATIVE_CONTEXT_map_iterator_map
                                                      : NATIVE_CONTEXT_set_iterator_map);
  Handle it = factory_new_js_object_from_map(iso, map);
  BUILTIN_TRY(it);
  js_collection_iterator_set_table(H(it), js_collection_table(H(o)));
  js_collection_iterator_set_index(H(it), 0);
  js_collection_iterator_set_kind(H(it), kind);
  return it;
}

BUILTIN(MapPrototypeEntries) {
  return collection_iterator(iso, args, JS_MAP_TYPE, "entries", ITERATE_ENTRIES);
}
BUILTIN(MapPrototypeKeys) { return collection_iterator(iso, args, JS_MAP_TYPE, "keys", ITERATE_KEYS); }
BUILTIN(MapPrototypeValues) {
  return collection_iterator(iso, args, JS_MAP_TYPE, "values", ITERATE_VALUES);
}

/* The next step of a Map or Set iterator: the generator bodies of 24.1.5.1 / 24.2.6.1 as a
 * state machine. Once exhausted the iterator forgets its table and stays done. */
static Handle collection_iterator_next(Isolate *iso, BuiltinArgs *args, InstanceType type) {
  Handle it = builtin_receiver(args);
  if (!is_heap_object(H(it)) || heap_object_type(H(it)) != type) {
    return builtins_throw_type_error(iso, "%s Iterator.prototype.next called on incompatible receiver",
                                     type == JS_MAP_ITERATOR_TYPE ? "Map" : "Set");
  }
  Tagged table = js_collection_iterator_table(H(it));
  if (is_undefined(iso, table)) return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
  int64_t entry = ordered_hash_table_advance(iso, &table, js_collection_iterator_index(H(it)));
  if (entry < 0) {
    js_collection_iterator_set_table(H(it), ROOT(iso, undefined_value));
    return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
  }
  js_collection_iterator_set_table(H(it), table);
  js_collection_iterator_set_index(H(it), entry + 1);
  Handle key = handle_new(iso, ordered_hash_table_key_at(table, entry));
  Handle value = handle_new(iso, ordered_hash_table_value_at(table, entry));
  int kind = (int)js_collection_iterator_kind(H(it));
  if (kind == ITERATE_KEYS) return runtime_create_iter_result(iso, key, false);
  if (kind == ITERATE_VALUES) return runtime_create_iter_result(iso, value, false);
  Handle pair[2] = {key, value};
  Handle entry_array = runtime_create_array_from_list(iso, 2, pair);
  BUILTIN_TRY(entry_array);
  return runtime_create_iter_result(iso, entry_array, false);
}

/* ES2025 24.1.5.2.1 %MapIteratorPrototype%.next ( ) */
BUILTIN(MapIteratorPrototypeNext) { return collection_iterator_next(iso, args, JS_MAP_ITERATOR_TYPE); }
/* ES2025 24.2.6.2.1 %SetIteratorPrototype%.next ( ) */
BUILTIN(SetIteratorPrototypeNext) { return collection_iterator_next(iso, args, JS_SET_ITERATOR_TYPE); }

/* ES2025 24.1.2.2 get Map [ @@species ], 24.2.3.2 get Set [ @@species ] */
BUILTIN(CollectionSpecies) { return builtin_receiver(args); }

/* ---- Set ------------------------------------------------------------------------------- */

/* ES2025 24.2.1.1 Set ( [ iterable ] ) */
BUILTIN(SetConstructor) {
  Handle set = collection_construct(iso, args, false);
  BUILTIN_TRY(set);
  Handle iterable = BUILTIN_ARG(0);
  if (is_undefined(iso, H(iterable)) || is_null(iso, H(iterable))) return set;
  Handle adder = collection_adder(iso, set, "add");
  BUILTIN_TRY(adder);
  IteratorRecord rec;
  BUILTIN_CHECK(runtime_get_iterator(iso, iterable, &rec));
  for (;;) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle next = runtime_iterator_step_value(iso, &rec, &done);
    bool ok = !handle_is_null(next) || done;
    if (ok && !done && handle_is_null(builtins_call(iso, adder, set, 1, &next))) {
      runtime_iterator_close(iso, &rec, true);
      ok = false;
    }
    handle_scope_close(&scope);
    if (!ok) return HANDLE_NULL;
    if (done) return set;
  }
}

/* ES2025 24.2.4.1 Set.prototype.add ( value ) */
BUILTIN(SetPrototypeAdd) {
  Handle o = collection_this(iso, args, JS_SET_TYPE, "add");
  BUILTIN_TRY(o);
  BUILTIN_CHECK(collection_put(iso, o, BUILTIN_ARG(0), BUILTIN_ARG(0)));
  return o;
}

BUILTIN(SetPrototypeClear) { return collection_clear(iso, args, JS_SET_TYPE); }
BUILTIN(SetPrototypeDelete) { return collection_delete(iso, args, JS_SET_TYPE); }
BUILTIN(SetPrototypeForEach) { return collection_for_each(iso, args, JS_SET_TYPE); }
/* ES2025 24.2.4.14 get Set.prototype.size */
BUILTIN(SetPrototypeSize) { return collection_size(iso, args, JS_SET_TYPE); }

/* ES2025 24.2.4.8 Set.prototype.has ( value ) */
BUILTIN(SetPrototypeHas) {
  Handle o = collection_this(iso, args, JS_SET_TYPE, "has");
  BUILTIN_TRY(o);
  return builtins_boolean(iso, collection_has(iso, o, H(BUILTIN_ARG(0))));
}

BUILTIN(SetPrototypeEntries) {
  return collection_iterator(iso, args, JS_SET_TYPE, "entries", ITERATE_ENTRIES);
}
BUILTIN(SetPrototypeValues) {
  return collection_iterator(iso, args, JS_SET_TYPE, "values", ITERATE_VALUES);
}

/* ---- the set methods (ES2025 24.2.4) ----------------------------------------------------- */

/* ES2025 24.2.1.2 Set Records. */
typedef struct {
  Handle set;
  double size;
  Handle has, keys;
} SetRecord;

/* ES2025 24.2.1.3 GetSetRecord ( obj ). Calls user code. */
static bool set_get_record(Isolate *iso, Handle obj, SetRecord *rec) {
  if (!is_js_receiver(H(obj))) {
    builtins_throw_type_error(iso, "The argument of a Set method must be an object");
    return false;
  }
  Handle raw_size = builtins_get(iso, obj, "size");
  if (handle_is_null(raw_size)) return false;
  double num_size;
  if (!runtime_to_number_double(iso, raw_size, &num_size)) return false;
  if (num_size != num_size) {
    builtins_throw_type_error(iso, "The 'size' of a set-like object must be a number");
    return false;
  }
  Handle num = builtins_number(iso, num_size);
  if (handle_is_null(num) || !runtime_to_integer_or_infinity(iso, num, &rec->size)) return false;
  if (rec->size < 0) {
    builtins_throw_range_error(iso, "The 'size' of a set-like object must not be negative");
    return false;
  }
  rec->has = builtins_get(iso, obj, "has");
  if (handle_is_null(rec->has)) return false;
  if (!runtime_is_callable(H(rec->has))) {
    builtins_throw_type_error(iso, "The 'has' of a set-like object must be a function");
    return false;
  }
  rec->keys = builtins_get(iso, obj, "keys");
  if (handle_is_null(rec->keys)) return false;
  if (!runtime_is_callable(H(rec->keys))) {
    builtins_throw_type_error(iso, "The 'keys' of a set-like object must be a function");
    return false;
  }
  rec->set = obj;
  return true;
}

/* ES2025 7.4.4 GetIteratorFromMethod ( setRec.[[SetObject]], setRec.[[Keys]] ). */
static bool set_keys_iterator(Isolate *iso, const SetRecord *rec, IteratorRecord *out) {
  Handle it = builtins_call(iso, rec->keys, rec->set, 0, NULL);
  if (handle_is_null(it)) return false;
  if (!is_js_receiver(H(it))) {
    builtins_throw_type_error(iso, "The 'keys' of a set-like object must return an object");
    return false;
  }
  Handle next = builtins_get(iso, it, "next");
  if (handle_is_null(next)) return false;
  *out = (IteratorRecord){it, next, false};
  return true;
}

/* ToBoolean(? Call(setRec.[[Has]], setRec.[[SetObject]], « value »)). Calls user code. */
static RuntimeMaybeBool set_record_has(Isolate *iso, const SetRecord *rec, Tagged value) {
  Handle v = handle_new(iso, value);
  Handle r = builtins_call(iso, rec->has, rec->set, 1, &v);
  if (handle_is_null(r)) return RT_EXCEPTION;
  return runtime_to_boolean(iso, H(r)) ? RT_TRUE : RT_FALSE;
}

/* Steps 1-2 of every set method: this and GetSetRecord(other). */
static Handle set_method_prologue(Isolate *iso, BuiltinArgs *args, const char *method,
                                  SetRecord *rec) {
  Handle o = collection_this(iso, args, JS_SET_TYPE, method);
  if (handle_is_null(o) || !set_get_record(iso, BUILTIN_ARG(0), rec)) return HANDLE_NULL;
  return o;
}

static Handle set_result(Isolate *iso, BuiltinArgs *args, Handle table) {
  return collection_new_with_table(iso, builtins_realm(iso, args), NATIVE_CONTEXT_js_set_map,
                                   table);
}

static int64_t set_size(Handle set) { return ordered_hash_table_count(js_collection_table(H(set))); }

/* Walks keysIter, calling step(value) for each canonicalized value until it returns
 * false (stop: *stopped set) or the iterator is done. Calls user code. */
typedef RuntimeMaybeBool (*SetKeyStep)(Isolate *iso, Handle value, void *ctx);
static bool set_walk_keys(Isolate *iso, const SetRecord *rec, SetKeyStep step, void *ctx,
                          bool *stopped) {
  IteratorRecord it;
  if (!set_keys_iterator(iso, rec, &it)) return false;
  *stopped = false;
  for (;;) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle next = runtime_iterator_step_value(iso, &it, &done);
    RuntimeMaybeBool r = RT_TRUE;
    if (!done) {
      r = handle_is_null(next) ? RT_EXCEPTION : step(iso, collection_canonical_key(iso, next), ctx);
    }
    handle_scope_close(&scope);
    if (r == RT_EXCEPTION) return false;
    if (done) return true;
    if (r == RT_FALSE) {
      *stopped = true;
      return runtime_iterator_close(iso, &it, false);
    }
  }
}

/* Walks this set's entries (the cursor follows what has() does to the set), calling
 * setRec.[[Has]](e) for each: stops at the first answer equal to stop_on (1 true, 0 false,
 * -1 never) with *stopped set; adds each e answered true to the table in result_holder when
 * that is not empty. Calls user code. */
static bool set_walk_this(Isolate *iso, Handle o, const SetRecord *rec, int stop_on,
                          bool *stopped, Handle result_holder) {
  CollectionCursor c;
  cursor_init(iso, &c, o);
  *stopped = false;
  for (;;) {
    int64_t entry = cursor_next(iso, &c);
    if (entry < 0) return true;
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle e = handle_new(iso, ordered_hash_table_key_at(H(c.table), entry));
    RuntimeMaybeBool in_other = set_record_has(iso, rec, H(e));
    bool ok = in_other != RT_EXCEPTION;
    if (ok && in_other == RT_TRUE && !handle_is_null(result_holder)) {
      Handle t = ordered_hash_table_put(iso, handle_new(iso, H(result_holder)), e, e);
      ok = !handle_is_null(t);
      if (ok) *result_holder.loc = H(t);
    }
    handle_scope_close(&scope);
    if (!ok) return false;
    if (stop_on >= 0 && (in_other == RT_TRUE) == (stop_on == 1)) {
      *stopped = true;
      return true;
    }
  }
}

typedef struct {
  Handle this_set;
  Handle result; /* a slot holding the result table */
} SetStepContext;

static RuntimeMaybeBool set_step_union(Isolate *iso, Handle value, void *ctx) {
  SetStepContext *c = ctx;
  Handle t = ordered_hash_table_put(iso, handle_new(iso, H(c->result)), value, value);
  if (handle_is_null(t)) return RT_EXCEPTION;
  *c->result.loc = H(t);
  return RT_TRUE;
}

/* ES2025 24.2.4.17 Set.prototype.union ( other ) */
BUILTIN(SetPrototypeUnion) {
  SetRecord rec;
  Handle o = set_method_prologue(iso, args, "union", &rec);
  BUILTIN_TRY(o);
  Handle result = ordered_hash_table_copy(iso, collection_table(iso, o));
  BUILTIN_TRY(result);
  SetStepContext c = {o, result};
  bool stopped;
  BUILTIN_CHECK(set_walk_keys(iso, &rec, set_step_union, &c, &stopped));
  return set_result(iso, args, result);
}

static RuntimeMaybeBool set_step_intersection(Isolate *iso, Handle value, void *ctx) {
  SetStepContext *c = ctx;
  if (!collection_has(iso, c->this_set, H(value))) return RT_TRUE;
  return set_step_union(iso, value, ctx);
}

/* ES2025 24.2.4.9 Set.prototype.intersection ( other ) */
BUILTIN(SetPrototypeIntersection) {
  SetRecord rec;
  Handle o = set_method_prologue(iso, args, "intersection", &rec);
  BUILTIN_TRY(o);
  Handle result = ordered_hash_table_new(iso, false, 0);
  BUILTIN_TRY(result);
  bool stopped;
  if ((double)set_size(o) <= rec.size) {
    BUILTIN_CHECK(set_walk_this(iso, o, &rec, -1, &stopped, result));
  } else {
    SetStepContext c = {o, result};
    BUILTIN_CHECK(set_walk_keys(iso, &rec, set_step_intersection, &c, &stopped));
  }
  return set_result(iso, args, result);
}

static RuntimeMaybeBool set_step_difference(Isolate *iso, Handle value, void *ctx) {
  SetStepContext *c = ctx;
  bool removed;
  Handle t = ordered_hash_table_remove(iso, handle_new(iso, H(c->result)), value, &removed);
  if (handle_is_null(t)) return RT_EXCEPTION;
  *c->result.loc = H(t);
  return RT_TRUE;
}

/* ES2025 24.2.4.5 Set.prototype.difference ( other ) */
BUILTIN(SetPrototypeDifference) {
  SetRecord rec;
  Handle o = set_method_prologue(iso, args, "difference", &rec);
  BUILTIN_TRY(o);
  Handle result = ordered_hash_table_copy(iso, collection_table(iso, o));
  BUILTIN_TRY(result);
  SetStepContext c = {o, result};
  if ((double)set_size(o) <= rec.size) {
    /* Step 4: walk a snapshot of this set's elements (resultSetData, which user code cannot
     * reach), removing those other has. */
    Handle snapshot = ordered_hash_table_copy(iso, result);
    BUILTIN_TRY(snapshot);
    for (int64_t e = 0, n = ordered_hash_table_used(H(snapshot)); e < n; e++) {
      HandleScope scope;
      handle_scope_open(iso, &scope);
      Handle v = handle_new(iso, ordered_hash_table_key_at(H(snapshot), e));
      RuntimeMaybeBool in_other = set_record_has(iso, &rec, H(v));
      bool ok = in_other != RT_EXCEPTION &&
                (in_other == RT_FALSE || set_step_difference(iso, v, &c) != RT_EXCEPTION);
      handle_scope_close(&scope);
      BUILTIN_CHECK(ok);
    }
  } else {
    bool stopped;
    BUILTIN_CHECK(set_walk_keys(iso, &rec, set_step_difference, &c, &stopped));
  }
  return set_result(iso, args, result);
}

static RuntimeMaybeBool set_step_symmetric_difference(Isolate *iso, Handle value, void *ctx) {
  SetStepContext *c = ctx;
  if (collection_has(iso, c->this_set, H(value))) return set_step_difference(iso, value, ctx);
  if (ordered_hash_table_find(iso, H(c->result), H(value)) >= 0) return RT_TRUE;
  return set_step_union(iso, value, ctx);
}

/* ES2025 24.2.4.15 Set.prototype.symmetricDifference ( other ) */
BUILTIN(SetPrototypeSymmetricDifference) {
  SetRecord rec;
  Handle o = set_method_prologue(iso, args, "symmetricDifference", &rec);
  BUILTIN_TRY(o);
  IteratorRecord it;
  BUILTIN_CHECK(set_keys_iterator(iso, &rec, &it));
  Handle result = ordered_hash_table_copy(iso, collection_table(iso, o));
  BUILTIN_TRY(result);
  SetStepContext c = {o, result};
  for (;;) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle next = runtime_iterator_step_value(iso, &it, &done);
    bool ok = done || (!handle_is_null(next) &&
                       set_step_symmetric_difference(iso, collection_canonical_key(iso, next),
                                                     &c) != RT_EXCEPTION);
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
    if (done) return set_result(iso, args, result);
  }
}

/* ES2025 24.2.4.11 Set.prototype.isSubsetOf ( other ) */
BUILTIN(SetPrototypeIsSubsetOf) {
  SetRecord rec;
  Handle o = set_method_prologue(iso, args, "isSubsetOf", &rec);
  BUILTIN_TRY(o);
  if ((double)set_size(o) > rec.size) return builtins_boolean(iso, false);
  bool stopped;
  BUILTIN_CHECK(set_walk_this(iso, o, &rec, 0, &stopped, HANDLE_NULL));
  return builtins_boolean(iso, !stopped);
}

static RuntimeMaybeBool set_step_in_this(Isolate *iso, Handle value, void *ctx) {
  SetStepContext *c = ctx;
  return collection_has(iso, c->this_set, H(value)) ? RT_TRUE : RT_FALSE;
}

static RuntimeMaybeBool set_step_not_in_this(Isolate *iso, Handle value, void *ctx) {
  SetStepContext *c = ctx;
  return collection_has(iso, c->this_set, H(value)) ? RT_FALSE : RT_TRUE;
}

/* ES2025 24.2.4.12 Set.prototype.isSupersetOf ( other ) */
BUILTIN(SetPrototypeIsSupersetOf) {
  SetRecord rec;
  Handle o = set_method_prologue(iso, args, "isSupersetOf", &rec);
  BUILTIN_TRY(o);
  if ((double)set_size(o) < rec.size) return builtins_boolean(iso, false);
  SetStepContext c = {o, HANDLE_NULL};
  bool stopped;
  BUILTIN_CHECK(set_walk_keys(iso, &rec, set_step_in_this, &c, &stopped));
  return builtins_boolean(iso, !stopped);
}

/* ES2025 24.2.4.10 Set.prototype.isDisjointFrom ( other ) */
BUILTIN(SetPrototypeIsDisjointFrom) {
  SetRecord rec;
  Handle o = set_method_prologue(iso, args, "isDisjointFrom", &rec);
  BUILTIN_TRY(o);
  bool stopped;
  if ((double)set_size(o) <= rec.size) {
    BUILTIN_CHECK(set_walk_this(iso, o, &rec, 1, &stopped, HANDLE_NULL));
  } else {
    SetStepContext c = {o, HANDLE_NULL};
    BUILTIN_CHECK(set_walk_keys(iso, &rec, set_step_not_in_this, &c, &stopped));
  }
  return builtins_boolean(iso, !stopped);
}

/* ---- installation ------------------------------------------------------------------------ */

static const BuiltinSpec kMapBuiltins[] = {MAP_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kMapPrototypeBuiltins[] = {MAP_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kSetPrototypeBuiltins[] = {SET_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

/* A JS map for instances of type whose prototype is proto, stored in slot. */
static bool collection_install_map(Isolate *iso, Handle nc, InstanceType type, size_t size,
                                   Handle proto, int slot) {
  Handle map = factory_new_map(iso, type, size, 0);
  if (handle_is_null(map)) return false;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(proto));
  context_set(H(nc), slot, H(map));
  return true;
}

/* A data property key = the function already installed under name (Map.prototype
 * [ @@iterator ] is entries, Set.prototype.keys and [ @@iterator ] are values). */
static bool collection_alias(Isolate *iso, Handle holder, const char *key, Handle fn) {
  Handle k = builtins_key(iso, key);
  return !handle_is_null(k) && js_object_define_own_property(iso, holder, k, fn, DONT_ENUM);
}

/* %MapIteratorPrototype% or %SetIteratorPrototype% and the iterators' map. */
static bool collection_install_iterator(Isolate *iso, Handle nc, bool is_map) {
  Handle iterator_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_iterator_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, iterator_proto);
  Handle tag = handle_is_null(proto) ? proto
                                     : builtins_string(iso, is_map ? "Map Iterator" : "Set Iterator");
  if (handle_is_null(tag) ||
      handle_is_null(builtins_install_method(
          iso, nc, proto, "next",
          is_map ? Builtin_MapIteratorPrototypeNext : Builtin_SetIteratorPrototypeNext, 0)) ||
      !builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM)) {
    return false;
  }
  context_set(H(nc), is_map ? NATIVE_CONTEXT_map_iterator_prototype
                            : NATIVE_CONTEXT_set_iterator_prototype, H(proto));
  return collection_install_map(iso, nc, is_map ? JS_MAP_ITERATOR_TYPE : JS_SET_ITERATOR_TYPE,
                                JSCollectionIterator_kHeaderSize, proto,
                                is_map ? NATIVE_CONTEXT_map_iterator_map
                                       : NATIVE_CONTEXT_set_iterator_map);
}

static bool collection_install_map_family(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, "Map", 0, Builtin_MapConstructor, proto,
                                             NATIVE_CONTEXT_map_function,
                                             NATIVE_CONTEXT_map_prototype);
  Handle tag = handle_is_null(ctor) ? ctor : builtins_string(iso, "Map");
  if (handle_is_null(tag) ||
      !builtins_install_methods(iso, nc, ctor, kMapBuiltins, KILN_ARRAY_SIZE(kMapBuiltins)) ||
      !builtins_install_accessor(iso, nc, ctor, "@@species", Builtin_CollectionSpecies, NULL, 0) ||
      !builtins_install_methods(iso, nc, proto, kMapPrototypeBuiltins,
                                KILN_ARRAY_SIZE(kMapPrototypeBuiltins)) ||
      !builtins_install_accessor(iso, nc, proto, "size", Builtin_MapPrototypeSize, NULL, 0) ||
      !builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM)) {
    return false;
  }
  Handle entries = builtins_install_method(iso, nc, proto, "entries", Builtin_MapPrototypeEntries, 0);
  return !handle_is_null(entries) && collection_alias(iso, proto, "@@iterator", entries) &&
         collection_install_map(iso, nc, JS_MAP_TYPE, JSCollection_kHeaderSize, proto,
                                NATIVE_CONTEXT_js_map_map) &&
         collection_install_iterator(iso, nc, true);
}

static bool collection_install_set_family(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, "Set", 0, Builtin_SetConstructor, proto,
                                             NATIVE_CONTEXT_set_function,
                                             NATIVE_CONTEXT_set_prototype);
  Handle tag = handle_is_null(ctor) ? ctor : builtins_string(iso, "Set");
  if (handle_is_null(tag) ||
      !builtins_install_accessor(iso, nc, ctor, "@@species", Builtin_CollectionSpecies, NULL, 0) ||
      !builtins_install_methods(iso, nc, proto, kSetPrototypeBuiltins,
                                KILN_ARRAY_SIZE(kSetPrototypeBuiltins)) ||
      !builtins_install_accessor(iso, nc, proto, "size", Builtin_SetPrototypeSize, NULL, 0)) {
    return false;
  }
  Handle values = builtins_install_method(iso, nc, proto, "values", Builtin_SetPrototypeValues, 0);
  return !handle_is_null(values) && collection_alias(iso, proto, "keys", values) &&
         collection_alias(iso, proto, "@@iterator", values) &&
         builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM) &&
         collection_install_map(iso, nc, JS_SET_TYPE, JSCollection_kHeaderSize, proto,
                                NATIVE_CONTEXT_js_set_map) &&
         collection_install_iterator(iso, nc, false);
}

bool builtins_install_collections(Isolate *iso, Handle nc) {
  return collection_install_map_family(iso, nc) && collection_install_set_family(iso, nc);
}
