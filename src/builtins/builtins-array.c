/*
 * builtins-array.c: the Array constructor and Array.prototype (ES2025 23.1), and
 * %ArrayIteratorPrototype% (23.1.5).
 *
 * Every method is written against the generic algorithm of the spec (Get/Set/HasProperty
 * through runtime.h, so proxies, accessors and holes behave), with a few fast paths for
 * JSArrays with fast elements whose prototypes have no elements ("simple" arrays below):
 * reading them cannot run user code, so a loop over the store is equivalent.
 *
 * Lengths and indexes are doubles (up to 2^53 - 1, ES2025 7.1.20 ToLength).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-array-buffer.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"

#define kMaxSafeInteger 9007199254740991.0

#define ARRAY_BUILTINS(V)        \
  V(ArrayFrom, "from", 1)        \
  V(ArrayIsArray, "isArray", 1)  \
  V(ArrayOf, "of", 0)

#define ARRAY_PROTOTYPE_BUILTINS(V)                     \
  V(ArrayPrototypeAt, "at", 1)                          \
  V(ArrayPrototypeConcat, "concat", 1)                  \
  V(ArrayPrototypeCopyWithin, "copyWithin", 2)          \
  V(ArrayPrototypeEntries, "entries", 0)                \
  V(ArrayPrototypeEvery, "every", 1)                    \
  V(ArrayPrototypeFill, "fill", 1)                      \
  V(ArrayPrototypeFilter, "filter", 1)                  \
  V(ArrayPrototypeFind, "find", 1)                      \
  V(ArrayPrototypeFindIndex, "findIndex", 1)            \
  V(ArrayPrototypeFindLast, "findLast", 1)              \
  V(ArrayPrototypeFindLastIndex, "findLastIndex", 1)    \
  V(ArrayPrototypeFlat, "flat", 0)                      \
  V(ArrayPrototypeFlatMap, "flatMap", 1)                \
  V(ArrayPrototypeForEach, "forEach", 1)                \
  V(ArrayPrototypeIncludes, "includes", 1)              \
  V(ArrayPrototypeIndexOf, "indexOf", 1)                \
  V(ArrayPrototypeJoin, "join", 1)                      \
  V(ArrayPrototypeKeys, "keys", 0)                      \
  V(ArrayPrototypeLastIndexOf, "lastIndexOf", 1)        \
  V(ArrayPrototypeMap, "map", 1)                        \
  V(ArrayPrototypePop, "pop", 0)                        \
  V(ArrayPrototypePush, "push", 1)                      \
  V(ArrayPrototypeReduce, "reduce", 1)                  \
  V(ArrayPrototypeReduceRight, "reduceRight", 1)        \
  V(ArrayPrototypeReverse, "reverse", 0)                \
  V(ArrayPrototypeShift, "shift", 0)                    \
  V(ArrayPrototypeSlice, "slice", 2)                    \
  V(ArrayPrototypeSome, "some", 1)                      \
  V(ArrayPrototypeSort, "sort", 1)                      \
  V(ArrayPrototypeSplice, "splice", 2)                  \
  V(ArrayPrototypeToLocaleString, "toLocaleString", 0)  \
  V(ArrayPrototypeToReversed, "toReversed", 0)          \
  V(ArrayPrototypeToSorted, "toSorted", 1)              \
  V(ArrayPrototypeToSpliced, "toSpliced", 2)            \
  V(ArrayPrototypeToString, "toString", 0)              \
  V(ArrayPrototypeUnshift, "unshift", 1)                \
  V(ArrayPrototypeWith, "with", 2)

ARRAY_BUILTINS(BUILTIN_DECLARE)
ARRAY_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(ArrayConstructor, "Array", 1)
BUILTIN_DECLARE(ArrayPrototypeValues, "values", 0)
BUILTIN_DECLARE(ArraySpecies, "@@species", 0)
BUILTIN_DECLARE(ArrayIteratorPrototypeNext, "next", 0)
BUILTIN_DECLARE(IteratorPrototypeIterator, "@@iterator", 0)

/* ---- helpers ------------------------------------------------------------------------- */

/* true when reading obj's elements cannot run user code or see inherited elements: obj is
 * a JSArray with fast elements and every object on its prototype chain is an ordinary
 * object or array without elements. Does not allocate. */
static bool array_is_simple(Isolate *iso, Tagged obj) {
  if (!is_js_array(obj) || !elements_kind_is_fast(js_object_elements_kind(obj))) return false;
  for (Tagged p = js_object_get_prototype(obj); !is_null(iso, p); p = js_object_get_prototype(p)) {
    InstanceType t = heap_object_type(p);
    if (t != JS_OBJECT_TYPE && t != JS_ARRAY_TYPE) return false;
    if (fixed_array_length(js_object_elements(p)) != 0) return false;
  }
  return true;
}

/* The receiver as an object and its length (ES2025 steps 1-2 of most methods). */
static Handle array_this(Isolate *iso, BuiltinArgs *args, double *len) {
  Handle obj = runtime_to_object(iso, builtin_receiver(args));
  if (handle_is_null(obj)) return obj;
  if (!runtime_length_of_array_like(iso, obj, len)) return HANDLE_NULL;
  return obj;
}

/* A relative index argument (at, slice, fill, ...): ToIntegerOrInfinity, negative from the
 * end, clamped to [0, len]. undefined gives dflt. */
static bool array_relative_index(Isolate *iso, Handle arg, double len, double dflt,
                                 double *out) {
  if (is_undefined(iso, H(arg))) {
    *out = dflt;
    return true;
  }
  double rel;
  if (!runtime_to_integer_or_infinity(iso, arg, &rel)) return false;
  if (rel < 0) *out = len + rel < 0 ? 0 : len + rel;
  else *out = rel < len ? rel : len;
  return true;
}

/* Set(O, "length", len, true). */
static bool array_set_length(Isolate *iso, Handle obj, double len) {
  Handle value = builtins_number(iso, len);
  return !handle_is_null(value) &&
         runtime_set_property(iso, obj, ROOT_HANDLE(iso, length_string), value, true);
}

/* ArrayCreate(length) in the current realm (RangeError above 2^32 - 1). */
static Handle array_create(Isolate *iso, double length) {
  if (length > KILN_MAX_ARRAY_LENGTH) {
    return builtins_throw_range_error(iso, "Invalid array length");
  }
  return runtime_new_array(iso, length);
}

/* A list of Handles for argv-style calls. */
static Handle array_call3(Isolate *iso, Handle fn, Handle this_arg, Handle a, double k,
                          Handle o) {
  Handle index = builtins_number(iso, k);
  if (handle_is_null(index)) return index;
  Handle argv[3] = {a, index, o};
  return builtins_call(iso, fn, this_arg, 3, argv);
}

/* ES2025 23.1.3.37.1 ArraySpeciesCreate ( originalArray, length ) */
static Handle array_species_create(Isolate *iso, Handle original, double length) {
  RuntimeMaybeBool is_array = runtime_is_array(iso, original);
  if (is_array == RT_EXCEPTION) return HANDLE_NULL;
  if (is_array == RT_FALSE) return array_create(iso, length);
  Handle c = runtime_get(iso, original, ROOT_HANDLE(iso, constructor_string), original);
  if (handle_is_null(c)) return c;
  if (runtime_is_constructor(H(c))) {
    Tagged realm_c = runtime_get_function_realm(iso, c);
    if (realm_c == 0) return HANDLE_NULL;
    if (realm_c != iso->native_context &&
        H(c) == context_get(realm_c, NATIVE_CONTEXT_array_function)) {
      c = ROOT_HANDLE(iso, undefined_value);
    }
  }
  if (is_js_receiver(H(c))) {
    c = runtime_get(iso, c, ROOT_HANDLE(iso, species_symbol), c);
    if (handle_is_null(c)) return c;
    if (is_null(iso, H(c))) c = ROOT_HANDLE(iso, undefined_value);
  }
  if (is_undefined(iso, H(c))) return array_create(iso, length);
  if (!runtime_is_constructor(H(c))) {
    return builtins_throw_type_error(iso, "object.constructor[Symbol.species] is not a constructor");
  }
  Handle len = builtins_number(iso, length);
  if (handle_is_null(len)) return len;
  return execution_construct(iso, c, 1, &len, HANDLE_NULL);
}

/* ---- the constructor and statics ---------------------------------------------------- */

/* ES2025 23.1.1.1 Array ( ...values ) */
BUILTIN(ArrayConstructor) {
  Handle new_target = builtin_new_target(args);
  if (is_undefined(iso, H(new_target))) new_target = builtin_target(args);
  Handle proto = runtime_get_prototype_from_constructor(iso, new_target,
                                                        NATIVE_CONTEXT_array_prototype);
  BUILTIN_TRY(proto);
  double length = args->argc == 1 ? 0 : args->argc;
  Handle array = array_create(iso, length);
  BUILTIN_TRY(array);
  if (js_object_get_prototype(H(array)) != H(proto)) {
    BUILTIN_CHECK(js_object_set_prototype(iso, array, proto));
  }
  if (args->argc == 1) {
    Handle len = BUILTIN_ARG(0);
    if (!is_number(H(len))) {
      BUILTIN_CHECK(builtins_create_data_index(iso, array, 0, len));
      return array;
    }
    double d = runtime_number_value(H(len));
    uint32_t int_len;
    BUILTIN_CHECK(runtime_to_uint32(iso, len, &int_len));
    if ((double)int_len != d) return builtins_throw_range_error(iso, "Invalid array length");
    BUILTIN_CHECK(js_array_set_length_value(iso, array, d));
    return array;
  }
  for (int i = 0; i < args->argc; i++) {
    BUILTIN_CHECK(builtins_create_data_index(iso, array, i, BUILTIN_ARG(i)));
  }
  return array;
}

/* Construct(C, «len») when C is a constructor, else ArrayCreate(len) (from/of). */
static Handle array_construct_or_create(Isolate *iso, Handle c, bool with_length, double len) {
  if (!runtime_is_constructor(H(c))) return array_create(iso, with_length ? len : 0);
  if (!with_length) return execution_construct(iso, c, 0, NULL, HANDLE_NULL);
  Handle l = builtins_number(iso, len);
  if (handle_is_null(l)) return l;
  return execution_construct(iso, c, 1, &l, HANDLE_NULL);
}

/* Array.from's iterator branch (23.1.2.1 step 5). */
static Handle array_from_iterable(Isolate *iso, Handle c, Handle items, Handle mapfn,
                                  Handle this_arg) {
  Handle a = array_construct_or_create(iso, c, false, 0);
  BUILTIN_TRY(a);
  IteratorRecord rec;
  BUILTIN_CHECK(runtime_get_iterator(iso, items, &rec));
  for (double k = 0;; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false, abrupt = false;
    Handle next = runtime_iterator_step_value(iso, &rec, &done);
    bool ok = !handle_is_null(next) || done;
    if (ok && done) ok = array_set_length(iso, a, k);
    if (ok && !done) {
      Handle mapped = next;
      if (!is_undefined(iso, H(mapfn))) {
        Handle index = builtins_number(iso, k);
        Handle argv[2] = {next, index};
        mapped = handle_is_null(index) ? index : builtins_call(iso, mapfn, this_arg, 2, argv);
      }
      abrupt = handle_is_null(mapped) || !builtins_create_data_index(iso, a, k, mapped);
      if (abrupt) runtime_iterator_close(iso, &rec, true);
    }
    handle_scope_close(&scope);
    if (!ok || abrupt) return HANDLE_NULL;
    if (done) return a;
  }
}

/* ES2025 23.1.2.1 Array.from ( items [ , mapfn [ , thisArg ] ] ) */
BUILTIN(ArrayFrom) {
  Handle c = builtin_receiver(args), items = BUILTIN_ARG(0), mapfn = BUILTIN_ARG(1);
  Handle this_arg = BUILTIN_ARG(2);
  if (!is_undefined(iso, H(mapfn)) && !runtime_is_callable(H(mapfn))) {
    return runtime_throw_not_callable(iso, mapfn);
  }
  Handle using_iterator = runtime_get_method(iso, items, ROOT_HANDLE(iso, iterator_symbol));
  BUILTIN_TRY(using_iterator);
  if (!is_undefined(iso, H(using_iterator))) {
    return array_from_iterable(iso, c, items, mapfn, this_arg);
  }
  Handle array_like = runtime_to_object(iso, items);
  BUILTIN_TRY(array_like);
  double len;
  BUILTIN_CHECK(runtime_length_of_array_like(iso, array_like, &len));
  Handle a = array_construct_or_create(iso, c, true, len);
  BUILTIN_TRY(a);
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = builtins_get_index(iso, array_like, k);
    if (!handle_is_null(value) && !is_undefined(iso, H(mapfn))) {
      Handle index = builtins_number(iso, k);
      Handle argv[2] = {value, index};
      value = handle_is_null(index) ? index : builtins_call(iso, mapfn, this_arg, 2, argv);
    }
    bool ok = !handle_is_null(value) && builtins_create_data_index(iso, a, k, value);
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
  }
  BUILTIN_CHECK(array_set_length(iso, a, len));
  return a;
}

/* ES2025 23.1.2.2 Array.isArray ( arg ) */
BUILTIN(ArrayIsArray) {
  RuntimeMaybeBool r = runtime_is_array(iso, BUILTIN_ARG(0));
  if (r == RT_EXCEPTION) return HANDLE_NULL;
  return builtins_boolean(iso, r == RT_TRUE);
}

/* ES2025 23.1.2.3 Array.of ( ...items ) */
BUILTIN(ArrayOf) {
  Handle a = array_construct_or_create(iso, builtin_receiver(args), true, args->argc);
  BUILTIN_TRY(a);
  for (int k = 0; k < args->argc; k++) {
    BUILTIN_CHECK(builtins_create_data_index(iso, a, k, BUILTIN_ARG(k)));
  }
  BUILTIN_CHECK(array_set_length(iso, a, args->argc));
  return a;
}

/* ES2025 23.1.2.5 get Array [ @@species ] */
BUILTIN(ArraySpecies) { return builtin_receiver(args); }

/* ---- access -------------------------------------------------------------------------- */

/* ES2025 23.1.3.1 Array.prototype.at ( index ) */
BUILTIN(ArrayPrototypeAt) {
  double len, rel;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &rel));
  double k = rel >= 0 ? rel : len + rel;
  if (k < 0 || k >= len) return BUILTIN_UNDEFINED;
  return builtins_get_index(iso, o, k);
}

/* ES2025 23.1.3.2.1 IsConcatSpreadable ( O ) */
static RuntimeMaybeBool array_is_concat_spreadable(Isolate *iso, Handle o) {
  if (!is_js_receiver(H(o))) return RT_FALSE;
  Handle spreadable = runtime_get(iso, o, ROOT_HANDLE(iso, is_concat_spreadable_symbol), o);
  if (handle_is_null(spreadable)) return RT_EXCEPTION;
  if (!is_undefined(iso, H(spreadable))) {
    return runtime_to_boolean(iso, H(spreadable)) ? RT_TRUE : RT_FALSE;
  }
  return runtime_is_array(iso, o);
}

/* Appends the elements of spreadable e to a from index *n (concat step 5.b.iii). */
static bool array_concat_spread(Isolate *iso, Handle a, Handle e, double *n) {
  double len;
  if (!runtime_length_of_array_like(iso, e, &len)) return false;
  if (*n + len > kMaxSafeInteger) {
    builtins_throw_type_error(iso, "Array length exceeds the maximum safe integer");
    return false;
  }
  for (double k = 0; k < len; k++, (*n)++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    RuntimeMaybeBool exists = builtins_has_index(iso, e, k);
    bool ok = exists != RT_EXCEPTION;
    if (exists == RT_TRUE) {
      Handle v = builtins_get_index(iso, e, k);
      ok = !handle_is_null(v) && builtins_create_data_index(iso, a, *n, v);
    }
    handle_scope_close(&scope);
    if (!ok) return false;
  }
  return true;
}

/* ES2025 23.1.3.2 Array.prototype.concat ( ...items ) */
BUILTIN(ArrayPrototypeConcat) {
  Handle o = runtime_to_object(iso, builtin_receiver(args));
  BUILTIN_TRY(o);
  Handle a = array_species_create(iso, o, 0);
  BUILTIN_TRY(a);
  double n = 0;
  for (int i = -1; i < args->argc; i++) {
    Handle e = i < 0 ? o : BUILTIN_ARG(i);
    RuntimeMaybeBool spreadable = array_is_concat_spreadable(iso, e);
    if (spreadable == RT_EXCEPTION) return HANDLE_NULL;
    if (spreadable == RT_TRUE) {
      BUILTIN_CHECK(array_concat_spread(iso, a, e, &n));
      continue;
    }
    if (n >= kMaxSafeInteger) {
      return builtins_throw_type_error(iso, "Array length exceeds the maximum safe integer");
    }
    BUILTIN_CHECK(builtins_create_data_index(iso, a, n, e));
    n++;
  }
  BUILTIN_CHECK(array_set_length(iso, a, n));
  return a;
}

/* Moves O[from] to O[to] or deletes O[to] when from is absent (copyWithin, shift, splice,
 * unshift). */
static bool array_move_element(Isolate *iso, Handle o, double from, double to) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  RuntimeMaybeBool exists = builtins_has_index(iso, o, from);
  bool ok = exists != RT_EXCEPTION;
  if (exists == RT_TRUE) {
    Handle v = builtins_get_index(iso, o, from);
    ok = !handle_is_null(v) && builtins_set_index(iso, o, to, v);
  } else if (ok) {
    ok = builtins_delete_index(iso, o, to);
  }
  handle_scope_close(&scope);
  return ok;
}

/* ES2025 23.1.3.4 Array.prototype.copyWithin ( target, start [ , end ] ) */
BUILTIN(ArrayPrototypeCopyWithin) {
  double len, to, from, final;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  BUILTIN_CHECK(array_relative_index(iso, BUILTIN_ARG(0), len, 0, &to));
  BUILTIN_CHECK(array_relative_index(iso, BUILTIN_ARG(1), len, 0, &from));
  BUILTIN_CHECK(array_relative_index(iso, BUILTIN_ARG(2), len, len, &final));
  double count = fmin(final - from, len - to);
  int direction = 1;
  if (from < to && to < from + count) {
    direction = -1;
    from = from + count - 1;
    to = to + count - 1;
  }
  for (; count > 0; count--, from += direction, to += direction) {
    BUILTIN_CHECK(array_move_element(iso, o, from, to));
  }
  return o;
}

/* ES2025 23.1.3.7 Array.prototype.fill ( value [ , start [ , end ] ] ) */
BUILTIN(ArrayPrototypeFill) {
  double len, k, final;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  BUILTIN_CHECK(array_relative_index(iso, BUILTIN_ARG(1), len, 0, &k));
  BUILTIN_CHECK(array_relative_index(iso, BUILTIN_ARG(2), len, len, &final));
  Handle value = BUILTIN_ARG(0);
  for (; k < final; k++) BUILTIN_CHECK(builtins_set_index(iso, o, k, value));
  return o;
}

/* ---- iteration with a callback ------------------------------------------------------- */

typedef enum { ITER_FOR_EACH, ITER_MAP, ITER_FILTER, ITER_SOME, ITER_EVERY } ArrayIterKind;

/* forEach, map, filter, some and every (23.1.3.15, .21, .8, .29, .6): visit the present
 * elements in order, calling callback(kValue, k, O) with thisArg. */
static Handle array_iterate(Isolate *iso, BuiltinArgs *args, ArrayIterKind kind) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  Handle callback = BUILTIN_ARG(0), this_arg = BUILTIN_ARG(1);
  if (!runtime_is_callable(H(callback))) return runtime_throw_not_callable(iso, callback);
  Handle a = BUILTIN_UNDEFINED;
  if (kind == ITER_MAP || kind == ITER_FILTER) {
    a = array_species_create(iso, o, kind == ITER_MAP ? len : 0);
    BUILTIN_TRY(a);
  }
  double to = 0;
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    RuntimeMaybeBool exists = builtins_has_index(iso, o, k);
    int stop = exists == RT_EXCEPTION ? -1 : 0; /* -1: throw, 1: return early */
    if (exists == RT_TRUE) {
      Handle value = builtins_get_index(iso, o, k);
      Handle r = handle_is_null(value) ? value : array_call3(iso, callback, this_arg, value, k, o);
      if (handle_is_null(r)) {
        stop = -1;
      } else if (kind == ITER_MAP) {
        if (!builtins_create_data_index(iso, a, k, r)) stop = -1;
      } else if (kind == ITER_FILTER) {
        if (runtime_to_boolean(iso, H(r)) && !builtins_create_data_index(iso, a, to++, value)) {
          stop = -1;
        }
      } else if (kind == ITER_SOME && runtime_to_boolean(iso, H(r))) {
        stop = 1;
      } else if (kind == ITER_EVERY && !runtime_to_boolean(iso, H(r))) {
        stop = 1;
      }
    }
    handle_scope_close(&scope);
    if (stop < 0) return HANDLE_NULL;
    if (stop > 0) return builtins_boolean(iso, kind == ITER_SOME);
  }
  if (kind == ITER_SOME) return ROOT_HANDLE(iso, false_value);
  if (kind == ITER_EVERY) return ROOT_HANDLE(iso, true_value);
  return a;
}

BUILTIN(ArrayPrototypeForEach) { return array_iterate(iso, args, ITER_FOR_EACH); }
BUILTIN(ArrayPrototypeMap) { return array_iterate(iso, args, ITER_MAP); }
BUILTIN(ArrayPrototypeFilter) { return array_iterate(iso, args, ITER_FILTER); }
BUILTIN(ArrayPrototypeSome) { return array_iterate(iso, args, ITER_SOME); }
BUILTIN(ArrayPrototypeEvery) { return array_iterate(iso, args, ITER_EVERY); }

/* find, findIndex, findLast, findLastIndex (23.1.3.9-12: 23.1.3.12.1 FindViaPredicate):
 * every index, present or not. */
static Handle array_find(Isolate *iso, BuiltinArgs *args, bool ascending, bool want_index) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  Handle predicate = BUILTIN_ARG(0), this_arg = BUILTIN_ARG(1);
  if (!runtime_is_callable(H(predicate))) return runtime_throw_not_callable(iso, predicate);
  Handle found = handle_new(iso, 0);
  for (double i = 0; i < len; i++) {
    double k = ascending ? i : len - 1 - i;
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = builtins_get_index(iso, o, k);
    Handle r = handle_is_null(value) ? value : array_call3(iso, predicate, this_arg, value, k, o);
    int stop = handle_is_null(r) ? -1 : runtime_to_boolean(iso, H(r)) ? 1 : 0;
    if (stop > 0) *found.loc = H(value);
    handle_scope_close(&scope);
    if (stop < 0) return HANDLE_NULL;
    if (stop > 0) return want_index ? builtins_number(iso, k) : found;
  }
  return want_index ? handle_new(iso, smi_from_int(-1)) : BUILTIN_UNDEFINED;
}

BUILTIN(ArrayPrototypeFind) { return array_find(iso, args, true, false); }
BUILTIN(ArrayPrototypeFindIndex) { return array_find(iso, args, true, true); }
BUILTIN(ArrayPrototypeFindLast) { return array_find(iso, args, false, false); }
BUILTIN(ArrayPrototypeFindLastIndex) { return array_find(iso, args, false, true); }

/* reduce and reduceRight (23.1.3.24, 23.1.3.25). */
static Handle array_reduce(Isolate *iso, BuiltinArgs *args, bool right) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  Handle callback = BUILTIN_ARG(0);
  if (!runtime_is_callable(H(callback))) return runtime_throw_not_callable(iso, callback);
  Handle acc = handle_new(iso, 0);
  double i = 0;
  if (args->argc >= 2) {
    *acc.loc = H(BUILTIN_ARG(1));
  } else {
    bool present = false;
    for (; !present && i < len; i++) {
      double k = right ? len - 1 - i : i;
      RuntimeMaybeBool exists = builtins_has_index(iso, o, k);
      if (exists == RT_EXCEPTION) return HANDLE_NULL;
      if (exists == RT_TRUE) {
        Handle v = builtins_get_index(iso, o, k);
        BUILTIN_TRY(v);
        *acc.loc = H(v);
        present = true;
      }
    }
    if (!present) return builtins_throw_type_error(iso, "Reduce of empty array with no initial value");
  }
  for (; i < len; i++) {
    double k = right ? len - 1 - i : i;
    HandleScope scope;
    handle_scope_open(iso, &scope);
    RuntimeMaybeBool exists = builtins_has_index(iso, o, k);
    bool ok = exists != RT_EXCEPTION;
    if (exists == RT_TRUE) {
      Handle v = builtins_get_index(iso, o, k);
      Handle index = handle_is_null(v) ? v : builtins_number(iso, k);
      Handle argv[4] = {acc, v, index, o};
      Handle r = handle_is_null(index) ? index : builtins_call(iso, callback, BUILTIN_UNDEFINED, 4, argv);
      ok = !handle_is_null(r);
      if (ok) *acc.loc = H(r);
    }
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
  }
  return acc;
}

BUILTIN(ArrayPrototypeReduce) { return array_reduce(iso, args, false); }
BUILTIN(ArrayPrototypeReduceRight) { return array_reduce(iso, args, true); }

/* ---- flat ------------------------------------------------------------------------------ */

/* ES2025 23.1.3.13.1 FlattenIntoArray; returns the next target index, or -1 on throw. */
static double array_flatten_into(Isolate *iso, Handle target, Handle source, double source_len,
                                 double start, double depth, Handle mapper, Handle this_arg) {
  double target_index = start;
  for (double k = 0; k < source_len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    RuntimeMaybeBool exists = builtins_has_index(iso, source, k);
    bool ok = exists != RT_EXCEPTION;
    if (exists == RT_TRUE) {
      Handle element = builtins_get_index(iso, source, k);
      if (!handle_is_null(element) && !handle_is_null(mapper)) {
        element = array_call3(iso, mapper, this_arg, element, k, source);
      }
      RuntimeMaybeBool flatten = handle_is_null(element) ? RT_EXCEPTION : RT_FALSE;
      if (!handle_is_null(element) && depth > 0) flatten = runtime_is_array(iso, element);
      ok = flatten != RT_EXCEPTION;
      if (flatten == RT_TRUE) {
        double len;
        ok = execution_stack_ok(iso) && runtime_length_of_array_like(iso, element, &len);
        if (!ok && !isolate_has_pending_exception(iso)) {
          builtins_throw_range_error(iso, "Maximum call stack size exceeded");
        }
        if (ok) {
          target_index = array_flatten_into(iso, target, element, len, target_index, depth - 1,
                                            HANDLE_NULL, HANDLE_NULL);
          ok = target_index >= 0;
        }
      } else if (ok) {
        if (target_index >= kMaxSafeInteger) {
          builtins_throw_type_error(iso, "Array length exceeds the maximum safe integer");
          ok = false;
        } else {
          ok = builtins_create_data_index(iso, target, target_index++, element);
        }
      }
    }
    handle_scope_close(&scope);
    if (!ok) return -1;
  }
  return target_index;
}

/* ES2025 23.1.3.13 Array.prototype.flat ( [ depth ] ) */
BUILTIN(ArrayPrototypeFlat) {
  double len, depth = 1;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  if (!is_undefined(iso, H(BUILTIN_ARG(0)))) {
    BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &depth));
    if (depth < 0) depth = 0;
  }
  Handle a = array_species_create(iso, o, 0);
  BUILTIN_TRY(a);
  BUILTIN_CHECK(array_flatten_into(iso, a, o, len, 0, depth, HANDLE_NULL, HANDLE_NULL) >= 0);
  return a;
}

/* ES2025 23.1.3.14 Array.prototype.flatMap ( mapperFunction [ , thisArg ] ) */
BUILTIN(ArrayPrototypeFlatMap) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  Handle mapper = BUILTIN_ARG(0);
  if (!runtime_is_callable(H(mapper))) return runtime_throw_not_callable(iso, mapper);
  Handle a = array_species_create(iso, o, 0);
  BUILTIN_TRY(a);
  BUILTIN_CHECK(array_flatten_into(iso, a, o, len, 0, 1, mapper, BUILTIN_ARG(1)) >= 0);
  return a;
}

/* ---- search ---------------------------------------------------------------------------- */

typedef enum { SEARCH_INDEX_OF, SEARCH_LAST_INDEX_OF, SEARCH_INCLUDES } ArraySearchKind;

/* indexOf / lastIndexOf / includes on a simple array: comparisons run no user code, so
 * the array stays simple; indexes past its current store are absent (holes read as
 * undefined for includes, as Get would). */
static Handle array_search_simple(Isolate *iso, Handle o, double len, double from,
                                  Handle target, ArraySearchKind kind) {
  int step = kind == SEARCH_LAST_INDEX_OF ? -1 : 1;
  for (double k = from; k >= 0 && k < len; k += step) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value;
    ElementResult r = elements_get_own(iso, o, (uint32_t)k, &value);
    bool hit = false;
    if (r == ELEMENT_FOUND) {
      hit = kind == SEARCH_INCLUDES ? runtime_same_value_zero(H(value), H(target))
                                    : runtime_strict_equals(H(value), H(target));
    } else if (r == ELEMENT_ABSENT) {
      hit = kind == SEARCH_INCLUDES && is_undefined(iso, H(target));
    }
    handle_scope_close(&scope);
    if (r == ELEMENT_EXCEPTION) return HANDLE_NULL;
    if (hit) return kind == SEARCH_INCLUDES ? ROOT_HANDLE(iso, true_value) : builtins_number(iso, k);
  }
  return kind == SEARCH_INCLUDES ? ROOT_HANDLE(iso, false_value)
                                 : handle_new(iso, smi_from_int(-1));
}

/* ES2025 23.1.3.16 includes, 23.1.3.17 indexOf, 23.1.3.20 lastIndexOf */
static Handle array_search(Isolate *iso, BuiltinArgs *args, ArraySearchKind kind) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  Handle miss = kind == SEARCH_INCLUDES ? ROOT_HANDLE(iso, false_value)
                                        : handle_new(iso, smi_from_int(-1));
  if (len == 0) return miss;
  double n = kind == SEARCH_LAST_INDEX_OF ? len - 1 : 0;
  if (kind == SEARCH_LAST_INDEX_OF ? args->argc > 1 : !is_undefined(iso, H(BUILTIN_ARG(1)))) {
    BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(1), &n));
  }
  double k;
  if (kind == SEARCH_LAST_INDEX_OF) {
    if (n == -INFINITY) return miss;
    k = n >= 0 ? fmin(n, len - 1) : len + n;
  } else {
    if (n == INFINITY) return miss;
    k = n >= 0 ? n : fmax(len + n, 0);
  }
  Handle target = BUILTIN_ARG(0);
  if (array_is_simple(iso, H(o))) return array_search_simple(iso, o, len, k, target, kind);
  for (; kind == SEARCH_LAST_INDEX_OF ? k >= 0 : k < len; k += kind == SEARCH_LAST_INDEX_OF ? -1 : 1) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    RuntimeMaybeBool exists = kind == SEARCH_INCLUDES ? RT_TRUE : builtins_has_index(iso, o, k);
    int hit = exists == RT_EXCEPTION ? -1 : 0;
    if (exists == RT_TRUE) {
      Handle v = builtins_get_index(iso, o, k);
      if (handle_is_null(v)) hit = -1;
      else if (kind == SEARCH_INCLUDES) hit = runtime_same_value_zero(H(v), H(target));
      else hit = runtime_strict_equals(H(v), H(target));
    }
    handle_scope_close(&scope);
    if (hit < 0) return HANDLE_NULL;
    if (hit) return kind == SEARCH_INCLUDES ? ROOT_HANDLE(iso, true_value) : builtins_number(iso, k);
  }
  return miss;
}

BUILTIN(ArrayPrototypeIncludes) { return array_search(iso, args, SEARCH_INCLUDES); }
BUILTIN(ArrayPrototypeIndexOf) { return array_search(iso, args, SEARCH_INDEX_OF); }
BUILTIN(ArrayPrototypeLastIndexOf) { return array_search(iso, args, SEARCH_LAST_INDEX_OF); }

/* ---- join and friends ------------------------------------------------------------------ */

/* A growable string builder over Handles (concatenation makes ropes; flattened at the end
 * by whoever reads the result). */
static Handle array_append(Isolate *iso, Handle acc, Handle piece) {
  if (string_length(H(piece)) == 0) return acc;
  return string_concat(iso, acc, piece);
}

/* ES2025 23.1.3.18 Array.prototype.join ( separator ), and toLocaleString's loop when
 * locale is set (each element's toLocaleString()). */
static Handle array_join(Isolate *iso, Handle o, double len, Handle sep, bool locale) {
  if (!execution_stack_ok(iso)) return builtins_throw_range_error(iso, "Maximum call stack size exceeded");
  Handle result = handle_new(iso, ROOT(iso, empty_string));
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle r = k > 0 ? array_append(iso, result, sep) : result;
    if (!handle_is_null(r)) *result.loc = H(r);
    Handle element = handle_is_null(r) ? r : builtins_get_index(iso, o, k);
    Handle next = element;
    if (!handle_is_null(element) && !is_undefined(iso, H(element)) && !is_null(iso, H(element))) {
      Handle s = locale ? runtime_invoke(iso, element, builtins_string(iso, "toLocaleString"), 0, NULL)
                        : element;
      s = handle_is_null(s) ? s : runtime_to_string(iso, s);
      next = handle_is_null(s) ? s : array_append(iso, result, s);
      if (!handle_is_null(next)) *result.loc = H(next);
    }
    handle_scope_close(&scope);
    BUILTIN_TRY(next);
  }
  return string_flatten(iso, result);
}

BUILTIN(ArrayPrototypeJoin) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  Handle sep = BUILTIN_ARG(0);
  sep = is_undefined(iso, H(sep)) ? builtins_string(iso, ",") : runtime_to_string(iso, sep);
  BUILTIN_TRY(sep);
  return array_join(iso, o, len, sep, false);
}

/* ES2025 23.1.3.32 Array.prototype.toLocaleString ( ) */
BUILTIN(ArrayPrototypeToLocaleString) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  Handle sep = builtins_string(iso, ",");
  BUILTIN_TRY(sep);
  return array_join(iso, o, len, sep, true);
}

/* ES2025 23.1.3.36 Array.prototype.toString ( ) */
BUILTIN(ArrayPrototypeToString) {
  Handle array = runtime_to_object(iso, builtin_receiver(args));
  BUILTIN_TRY(array);
  Handle func = builtins_get(iso, array, "join");
  BUILTIN_TRY(func);
  if (!runtime_is_callable(H(func))) return builtins_object_prototype_to_string(iso, array);
  return builtins_call(iso, func, array, 0, NULL);
}

/* ---- stack and queue operations ------------------------------------------------------- */

/* Whether an array's "length" is writable. Does not allocate on the JS heap. */
static bool array_length_is_writable(Isolate *iso, Handle array) {
  LookupResult r;
  return property_lookup_own(iso, array, ROOT_HANDLE(iso, length_string), &r) &&
         !(property_details_attributes(r.details) & READ_ONLY);
}

/* ES2025 23.1.3.23 Array.prototype.push ( ...items ) */
BUILTIN(ArrayPrototypePush) {
  Handle receiver = builtin_receiver(args);
  if (array_is_simple(iso, H(receiver)) && js_object_is_extensible(H(receiver)) &&
      array_length_is_writable(iso, receiver) &&
      (double)js_array_length_value(H(receiver)) + args->argc <= KILN_MAX_ARRAY_LENGTH) {
    for (int i = 0; i < args->argc; i++) {
      BUILTIN_CHECK(js_array_push(iso, receiver, BUILTIN_ARG(i)));
    }
    return builtins_number(iso, js_array_length_value(H(receiver)));
  }
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  if (len + args->argc > kMaxSafeInteger) {
    return builtins_throw_type_error(iso, "Pushing %d elements on an array-like of length %.0f "
                                          "is disallowed", args->argc, len);
  }
  for (int i = 0; i < args->argc; i++) {
    BUILTIN_CHECK(builtins_set_index(iso, o, len++, BUILTIN_ARG(i)));
  }
  BUILTIN_CHECK(array_set_length(iso, o, len));
  return builtins_number(iso, len);
}

/* ES2025 23.1.3.22 Array.prototype.pop ( ) */
BUILTIN(ArrayPrototypePop) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  if (len == 0) {
    BUILTIN_CHECK(array_set_length(iso, o, 0));
    return BUILTIN_UNDEFINED;
  }
  Handle element = builtins_get_index(iso, o, len - 1);
  BUILTIN_TRY(element);
  BUILTIN_CHECK(builtins_delete_index(iso, o, len - 1));
  BUILTIN_CHECK(array_set_length(iso, o, len - 1));
  return element;
}

/* ES2025 23.1.3.28 Array.prototype.shift ( ) */
BUILTIN(ArrayPrototypeShift) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  if (len == 0) {
    BUILTIN_CHECK(array_set_length(iso, o, 0));
    return BUILTIN_UNDEFINED;
  }
  Handle first = builtins_get_index(iso, o, 0);
  BUILTIN_TRY(first);
  for (double k = 1; k < len; k++) BUILTIN_CHECK(array_move_element(iso, o, k, k - 1));
  BUILTIN_CHECK(builtins_delete_index(iso, o, len - 1));
  BUILTIN_CHECK(array_set_length(iso, o, len - 1));
  return first;
}

/* ES2025 23.1.3.38 Array.prototype.unshift ( ...items ) */
BUILTIN(ArrayPrototypeUnshift) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  int count = args->argc;
  if (count > 0) {
    if (len + count > kMaxSafeInteger) {
      return builtins_throw_type_error(iso, "Array length exceeds the maximum safe integer");
    }
    for (double k = len; k > 0; k--) BUILTIN_CHECK(array_move_element(iso, o, k - 1, k + count - 1));
    for (int j = 0; j < count; j++) BUILTIN_CHECK(builtins_set_index(iso, o, j, BUILTIN_ARG(j)));
  }
  BUILTIN_CHECK(array_set_length(iso, o, len + count));
  return builtins_number(iso, len + count);
}

/* ES2025 23.1.3.26 Array.prototype.reverse ( ) */
BUILTIN(ArrayPrototypeReverse) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  double middle = floor(len / 2);
  for (double lower = 0; lower != middle; lower++) {
    double upper = len - lower - 1;
    HandleScope scope;
    handle_scope_open(iso, &scope);
    RuntimeMaybeBool lower_exists = builtins_has_index(iso, o, lower);
    Handle lower_value = lower_exists == RT_TRUE ? builtins_get_index(iso, o, lower) : BUILTIN_UNDEFINED;
    RuntimeMaybeBool upper_exists = lower_exists == RT_EXCEPTION || handle_is_null(lower_value)
                                        ? RT_EXCEPTION : builtins_has_index(iso, o, upper);
    Handle upper_value = upper_exists == RT_TRUE ? builtins_get_index(iso, o, upper) : BUILTIN_UNDEFINED;
    bool ok = upper_exists != RT_EXCEPTION && !handle_is_null(upper_value);
    if (ok && lower_exists == RT_TRUE && upper_exists == RT_TRUE) {
      ok = builtins_set_index(iso, o, lower, upper_value) &&
           builtins_set_index(iso, o, upper, lower_value);
    } else if (ok && upper_exists == RT_TRUE) {
      ok = builtins_set_index(iso, o, lower, upper_value) && builtins_delete_index(iso, o, upper);
    } else if (ok && lower_exists == RT_TRUE) {
      ok = builtins_delete_index(iso, o, lower) && builtins_set_index(iso, o, upper, lower_value);
    }
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
  }
  return o;
}

/* ES2025 23.1.3.27 Array.prototype.slice ( start, end ) */
BUILTIN(ArrayPrototypeSlice) {
  double len, k, final;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  BUILTIN_CHECK(array_relative_index(iso, BUILTIN_ARG(0), len, 0, &k));
  BUILTIN_CHECK(array_relative_index(iso, BUILTIN_ARG(1), len, len, &final));
  double count = final - k > 0 ? final - k : 0;
  Handle a = array_species_create(iso, o, count);
  BUILTIN_TRY(a);
  double n = 0;
  for (; k < final; k++, n++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    RuntimeMaybeBool exists = builtins_has_index(iso, o, k);
    bool ok = exists != RT_EXCEPTION;
    if (exists == RT_TRUE) {
      Handle v = builtins_get_index(iso, o, k);
      ok = !handle_is_null(v) && builtins_create_data_index(iso, a, n, v);
    }
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
  }
  BUILTIN_CHECK(array_set_length(iso, a, n));
  return a;
}

/* The start and delete count of splice/toSpliced (steps 3-9). */
static bool array_splice_range(Isolate *iso, BuiltinArgs *args, double len, double *start,
                               double *delete_count) {
  if (!array_relative_index(iso, BUILTIN_ARG(0), len, 0, start)) return false;
  if (args->argc == 0) {
    *delete_count = 0;
  } else if (args->argc == 1) {
    *delete_count = len - *start;
  } else {
    double dc;
    if (!runtime_to_integer_or_infinity(iso, BUILTIN_ARG(1), &dc)) return false;
    *delete_count = fmin(fmax(dc, 0), len - *start);
  }
  return true;
}

/* ES2025 23.1.3.31 Array.prototype.splice ( start, deleteCount, ...items ) */
BUILTIN(ArrayPrototypeSplice) {
  double len, start, delete_count;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  BUILTIN_CHECK(array_splice_range(iso, args, len, &start, &delete_count));
  int item_count = args->argc > 2 ? args->argc - 2 : 0;
  if (len + item_count - delete_count > kMaxSafeInteger) {
    return builtins_throw_type_error(iso, "Array length exceeds the maximum safe integer");
  }
  Handle a = array_species_create(iso, o, delete_count);
  BUILTIN_TRY(a);
  for (double k = 0; k < delete_count; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    RuntimeMaybeBool exists = builtins_has_index(iso, o, start + k);
    bool ok = exists != RT_EXCEPTION;
    if (exists == RT_TRUE) {
      Handle v = builtins_get_index(iso, o, start + k);
      ok = !handle_is_null(v) && builtins_create_data_index(iso, a, k, v);
    }
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
  }
  BUILTIN_CHECK(array_set_length(iso, a, delete_count));
  if (item_count < delete_count) {
    for (double k = start; k < len - delete_count; k++) {
      BUILTIN_CHECK(array_move_element(iso, o, k + delete_count, k + item_count));
    }
    for (double k = len; k > len - delete_count + item_count; k--) {
      BUILTIN_CHECK(builtins_delete_index(iso, o, k - 1));
    }
  } else if (item_count > delete_count) {
    for (double k = len - delete_count; k > start; k--) {
      BUILTIN_CHECK(array_move_element(iso, o, k + delete_count - 1, k + item_count - 1));
    }
  }
  for (int i = 0; i < item_count; i++) {
    BUILTIN_CHECK(builtins_set_index(iso, o, start + i, BUILTIN_ARG(i + 2)));
  }
  BUILTIN_CHECK(array_set_length(iso, o, len - delete_count + item_count));
  return a;
}

/* ---- sort ------------------------------------------------------------------------------ */

/* ES2025 23.1.3.30.2 CompareArrayElements with a comparator: <0, 0, >0 in *out. */
static bool array_compare(Isolate *iso, Handle comparefn, Handle x, Handle y, double *out) {
  if (is_undefined(iso, H(x))) {
    *out = is_undefined(iso, H(y)) ? 0 : 1;
    return true;
  }
  if (is_undefined(iso, H(y))) {
    *out = -1;
    return true;
  }
  if (!is_undefined(iso, H(comparefn))) {
    Handle argv[2] = {x, y};
    Handle r = builtins_call(iso, comparefn, ROOT_HANDLE(iso, undefined_value), 2, argv);
    if (handle_is_null(r) || !runtime_to_number_double(iso, r, out)) return false;
    if (isnan(*out)) *out = 0;
    return true;
  }
  *out = string_compare(H(x), H(y)); /* both converted to strings beforehand */
  return true;
}

/* A stable bottom-up merge sort of items[0, n) (a FixedArray; with a comparator the values,
 * else their strings, paired in keys). Comparator errors propagate. May run user code. */
static bool array_merge_sort(Isolate *iso, Handle items, Handle keys, int64_t n,
                             Handle comparefn) {
  Handle tmp_items = factory_new_fixed_array(iso, n);
  Handle tmp_keys = handle_is_null(tmp_items) ? tmp_items : factory_new_fixed_array(iso, n);
  if (handle_is_null(tmp_keys)) return false;
  Handle src_i = items, src_k = keys, dst_i = tmp_items, dst_k = tmp_keys;
  for (int64_t width = 1; width < n; width *= 2) {
    for (int64_t lo = 0; lo < n; lo += 2 * width) {
      if (!isolate_poll_interrupts(iso)) return false;
      int64_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      int64_t i = lo, j = mid, out = lo;
      while (i < mid || j < hi) {
        bool take_left = j >= hi;
        if (i < mid && j < hi) {
          HandleScope scope;
          handle_scope_open(iso, &scope);
          Handle x = handle_new(iso, fixed_array_get(H(src_k), i));
          Handle y = handle_new(iso, fixed_array_get(H(src_k), j));
          double c;
          bool ok = array_compare(iso, comparefn, x, y, &c);
          handle_scope_close(&scope);
          if (!ok) return false;
          take_left = c <= 0;
        } else if (i >= mid) {
          take_left = false;
        }
        int64_t from = take_left ? i++ : j++;
        fixed_array_set(H(dst_i), out, fixed_array_get(H(src_i), from));
        fixed_array_set(H(dst_k), out++, fixed_array_get(H(src_k), from));
      }
    }
    Handle t = src_i; src_i = dst_i; dst_i = t;
    t = src_k; src_k = dst_k; dst_k = t;
  }
  if (H(src_i) != H(items)) {
    for (int64_t i = 0; i < n; i++) fixed_array_set(H(items), i, fixed_array_get(H(src_i), i));
  }
  return true;
}

/* ES2025 23.1.3.30.1 SortIndexedProperties ( obj, len, SortCompare, holes ): the sorted
 * values (a FixedArray; *count of them). skip_holes: only present indexes. */
static Handle array_sort_values(Isolate *iso, Handle o, double len, Handle comparefn,
                                bool skip_holes, int64_t *count) {
  if (len > kMaxFixedArrayLength) return builtins_throw_range_error(iso, "Invalid array length");
  Handle items = factory_new_fixed_array(iso, (int64_t)len);
  if (handle_is_null(items)) return items;
  int64_t n = 0;
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    RuntimeMaybeBool exists = skip_holes ? builtins_has_index(iso, o, k) : RT_TRUE;
    bool ok = exists != RT_EXCEPTION;
    if (exists == RT_TRUE) {
      Handle v = builtins_get_index(iso, o, k);
      ok = !handle_is_null(v);
      if (ok) fixed_array_set(H(items), n++, H(v));
    }
    handle_scope_close(&scope);
    if (!ok) return HANDLE_NULL;
  }
  /* The sort keys: the values themselves, or (default order) their strings. */
  Handle keys = factory_new_fixed_array(iso, n);
  if (handle_is_null(keys)) return keys;
  for (int64_t i = 0; i < n; i++) {
    Tagged v = fixed_array_get(H(items), i);
    if (is_undefined(iso, v) || !is_undefined(iso, H(comparefn))) {
      fixed_array_set(H(keys), i, v);
      continue;
    }
    Handle s = runtime_to_string(iso, handle_new(iso, v));
    if (handle_is_null(s)) return s;
    fixed_array_set(H(keys), i, H(s));
  }
  if (!array_merge_sort(iso, items, keys, n, comparefn)) return HANDLE_NULL;
  *count = n;
  return items;
}

/* ES2025 23.1.3.30 Array.prototype.sort ( comparefn ) */
BUILTIN(ArrayPrototypeSort) {
  Handle comparefn = BUILTIN_ARG(0);
  if (!is_undefined(iso, H(comparefn)) && !runtime_is_callable(H(comparefn))) {
    return builtins_throw_type_error(iso, "The comparison function must be either a function or undefined");
  }
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  int64_t n;
  Handle sorted = array_sort_values(iso, o, len, comparefn, true, &n);
  BUILTIN_TRY(sorted);
  for (int64_t j = 0; j < n; j++) {
    Handle v = handle_new(iso, fixed_array_get(H(sorted), j));
    BUILTIN_CHECK(builtins_set_index(iso, o, (double)j, v));
  }
  for (double j = (double)n; j < len; j++) BUILTIN_CHECK(builtins_delete_index(iso, o, j));
  return o;
}

/* A new array (ArrayCreate) holding the count values of a FixedArray. */
static Handle array_from_fixed(Isolate *iso, Handle values, int64_t count) {
  Handle a = array_create(iso, (double)count);
  BUILTIN_TRY(a);
  for (int64_t i = 0; i < count; i++) {
    Handle v = handle_new(iso, fixed_array_get(H(values), i));
    BUILTIN_CHECK(builtins_create_data_index(iso, a, (double)i, v));
  }
  return a;
}

/* ES2025 23.1.3.35 Array.prototype.toSorted ( comparefn ) */
BUILTIN(ArrayPrototypeToSorted) {
  Handle comparefn = BUILTIN_ARG(0);
  if (!is_undefined(iso, H(comparefn)) && !runtime_is_callable(H(comparefn))) {
    return builtins_throw_type_error(iso, "The comparison function must be either a function or undefined");
  }
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  if (len > KILN_MAX_ARRAY_LENGTH) return builtins_throw_range_error(iso, "Invalid array length");
  int64_t n;
  Handle sorted = array_sort_values(iso, o, len, comparefn, false, &n);
  BUILTIN_TRY(sorted);
  return array_from_fixed(iso, sorted, n);
}

/* ES2025 23.1.3.34 Array.prototype.toReversed ( ) */
BUILTIN(ArrayPrototypeToReversed) {
  double len;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  Handle a = array_create(iso, len);
  BUILTIN_TRY(a);
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle v = builtins_get_index(iso, o, len - k - 1);
    bool ok = !handle_is_null(v) && builtins_create_data_index(iso, a, k, v);
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
  }
  return a;
}

/* ES2025 23.1.3.36 Array.prototype.toSpliced ( start, skipCount, ...items ) */
BUILTIN(ArrayPrototypeToSpliced) {
  double len, start, skip;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  BUILTIN_CHECK(array_splice_range(iso, args, len, &start, &skip));
  int insert = args->argc > 2 ? args->argc - 2 : 0;
  double new_len = len + insert - skip;
  if (new_len > kMaxSafeInteger) {
    return builtins_throw_type_error(iso, "Array length exceeds the maximum safe integer");
  }
  Handle a = array_create(iso, new_len);
  BUILTIN_TRY(a);
  double i = 0, r = start + skip;
  for (; i < start; i++) {
    Handle v = builtins_get_index(iso, o, i);
    BUILTIN_TRY(v);
    BUILTIN_CHECK(builtins_create_data_index(iso, a, i, v));
  }
  for (int j = 0; j < insert; j++, i++) {
    BUILTIN_CHECK(builtins_create_data_index(iso, a, i, BUILTIN_ARG(j + 2)));
  }
  for (; i < new_len; i++, r++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle v = builtins_get_index(iso, o, r);
    bool ok = !handle_is_null(v) && builtins_create_data_index(iso, a, i, v);
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
  }
  return a;
}

/* ES2025 23.1.3.39 Array.prototype.with ( index, value ) */
BUILTIN(ArrayPrototypeWith) {
  double len, rel;
  Handle o = array_this(iso, args, &len);
  BUILTIN_TRY(o);
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &rel));
  double actual = rel >= 0 ? rel : len + rel;
  if (actual >= len || actual < 0) return builtins_throw_range_error(iso, "Invalid index");
  Handle a = array_create(iso, len);
  BUILTIN_TRY(a);
  for (double k = 0; k < len; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle v = k == actual ? BUILTIN_ARG(1) : builtins_get_index(iso, o, k);
    bool ok = !handle_is_null(v) && builtins_create_data_index(iso, a, k, v);
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
  }
  return a;
}

/* ---- iterators ------------------------------------------------------------------------- */

/* ES2025 23.1.5.1 CreateArrayIterator ( array, kind ) */
Handle builtins_create_array_iterator(Isolate *iso, Handle array, int kind) {
  Tagged realm = iso->native_context;
  Handle map = handle_new(iso, context_get(realm, NATIVE_CONTEXT_array_iterator_map));
  Handle it = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(it)) return it;
  js_array_iterator_set_iterated(H(it), H(array));
  js_array_iterator_set_next_index(H(it), smi_from_int(0));
  js_array_iterator_set_kind(H(it), kind);
  return it;
}

static Handle array_iterator(Isolate *iso, BuiltinArgs *args, int kind) {
  Handle o = runtime_to_object(iso, builtin_receiver(args));
  BUILTIN_TRY(o);
  return builtins_create_array_iterator(iso, o, kind);
}

BUILTIN(ArrayPrototypeKeys) { return array_iterator(iso, args, 0); }
BUILTIN(ArrayPrototypeValues) { return array_iterator(iso, args, 1); }
BUILTIN(ArrayPrototypeEntries) { return array_iterator(iso, args, 2); }

/* ES2025 23.1.5.2.1 %ArrayIteratorPrototype%.next ( ) */
BUILTIN(ArrayIteratorPrototypeNext) {
  Handle it = builtin_receiver(args);
  if (!is_js_array_iterator(H(it))) {
    return builtins_throw_type_error(iso, "next method called on incompatible receiver");
  }
  Handle a = handle_new(iso, js_array_iterator_iterated(H(it)));
  if (is_undefined(iso, H(a))) return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
  double index = runtime_number_value(js_array_iterator_next_index(H(it)));
  double len;
  if (is_js_array(H(a))) {
    len = js_array_length_value(H(a));
  } else if (is_js_typed_array(H(a))) { /* TypedArrayLength; out of bounds throws */
    if (js_view_is_out_of_bounds(H(a))) {
      return builtins_throw_type_error(iso, "next: the typed array is detached or out of bounds");
    }
    len = (double)js_typed_array_length(H(a));
  } else {
    BUILTIN_CHECK(runtime_length_of_array_like(iso, a, &len));
  }
  if (index >= len) {
    js_array_iterator_set_iterated(H(it), ROOT(iso, undefined_value));
    return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
  }
  Handle next = builtins_number(iso, index + 1);
  BUILTIN_TRY(next);
  js_array_iterator_set_next_index(H(it), H(next));
  int kind = (int)js_array_iterator_kind(H(it));
  Handle key = builtins_number(iso, index);
  BUILTIN_TRY(key);
  if (kind == 0) return runtime_create_iter_result(iso, key, false);
  Handle value = builtins_get_index(iso, a, index);
  BUILTIN_TRY(value);
  if (kind == 1) return runtime_create_iter_result(iso, value, false);
  Handle pair[2] = {key, value};
  Handle entry = runtime_create_array_from_list(iso, 2, pair);
  BUILTIN_TRY(entry);
  return runtime_create_iter_result(iso, entry, false);
}

/* ES2025 27.1.4.13 %IteratorPrototype% [ @@iterator ] ( ) */
BUILTIN(IteratorPrototypeIterator) { return builtin_receiver(args); }

/* ---- installation ---------------------------------------------------------------------- */

static const BuiltinSpec kArrayBuiltins[] = {ARRAY_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kArrayPrototypeBuiltins[] = {ARRAY_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

/* Array.prototype [ @@unscopables ] (23.1.3.41): a null-prototype object. */
static bool array_install_unscopables(Isolate *iso, Handle nc, Handle proto) {
  static const char *const kNames[] = {
      "at", "copyWithin", "entries", "fill", "find", "findIndex", "findLast", "findLastIndex",
      "flat", "flatMap", "includes", "keys", "toReversed", "toSorted", "toSpliced", "values"};
  Handle list = builtins_new_object_with_proto(iso, nc, ROOT_HANDLE(iso, null_value));
  if (handle_is_null(list)) return false;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kNames); i++) {
    if (!builtins_define_value(iso, list, kNames[i], ROOT_HANDLE(iso, true_value), 0)) return false;
  }
  return builtins_define_value(iso, proto, "@@unscopables", list, READ_ONLY | DONT_ENUM);
}

/* %IteratorPrototype% and %ArrayIteratorPrototype% with the map of Array Iterators. */
static bool array_install_iterators(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle iterator_proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(iterator_proto) ||
      handle_is_null(builtins_install_method(iso, nc, iterator_proto, "@@iterator",
                                             Builtin_IteratorPrototypeIterator, 0))) {
    return false;
  }
  context_set(H(nc), NATIVE_CONTEXT_iterator_prototype, H(iterator_proto));
  Handle proto = builtins_new_object_with_proto(iso, nc, iterator_proto);
  Handle tag = handle_is_null(proto) ? proto : builtins_string(iso, "Array Iterator");
  if (handle_is_null(tag) ||
      handle_is_null(builtins_install_method(iso, nc, proto, "next",
                                             Builtin_ArrayIteratorPrototypeNext, 0)) ||
      !builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM)) {
    return false;
  }
  context_set(H(nc), NATIVE_CONTEXT_array_iterator_prototype, H(proto));
  size_t size = JSArrayIterator_kHeaderSize;
  Handle map = factory_new_map(iso, JS_ARRAY_ITERATOR_TYPE, size, 0);
  if (handle_is_null(map)) return false;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(proto));
  context_set(H(nc), NATIVE_CONTEXT_array_iterator_map, H(map));
  return true;
}

bool builtins_install_array(Isolate *iso, Handle nc) {
  Handle proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_array_prototype);
  Handle ctor = builtins_install_constructor(iso, nc, "Array", 1, Builtin_ArrayConstructor,
                                             proto, NATIVE_CONTEXT_array_function, -1);
  if (handle_is_null(ctor) || !array_install_iterators(iso, nc) ||
      !builtins_install_methods(iso, nc, ctor, kArrayBuiltins, KILN_ARRAY_SIZE(kArrayBuiltins)) ||
      !builtins_install_accessor(iso, nc, ctor, "@@species", Builtin_ArraySpecies, NULL, 0) ||
      !builtins_install_methods(iso, nc, proto, kArrayPrototypeBuiltins,
                                KILN_ARRAY_SIZE(kArrayPrototypeBuiltins))) {
    return false;
  }
  Handle values = builtins_install_method(iso, nc, proto, "values", Builtin_ArrayPrototypeValues, 0);
  if (handle_is_null(values)) return false;
  context_set(H(nc), NATIVE_CONTEXT_array_prototype_values, H(values));
  Handle key = builtins_key(iso, "@@iterator");
  return !handle_is_null(key) && js_object_define_own_property(iso, proto, key, values, DONT_ENUM) &&
         array_install_unscopables(iso, nc, proto);
}
