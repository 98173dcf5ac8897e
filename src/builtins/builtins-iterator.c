/*
 * builtins-iterator.c: ES2025 27.1.3 Iterator objects: the abstract %Iterator% constructor,
 * Iterator.from with %WrapForValidIteratorPrototype%, the iterator helpers on
 * %Iterator.prototype% (map, filter, take, drop, flatMap, reduce, toArray, forEach, some,
 * every, find), its "constructor" and @@toStringTag accessors, %IteratorHelperPrototype%,
 * and the later additions that are stage 4 at the vendored test262: Iterator.concat
 * (iterator sequencing), Iterator.zip / zipKeyed (joint iteration), Iterator.prototype.
 * chunks / windows (iterator chunking) and includes. Iterator.prototype.join (stage 3)
 * is not here.
 *
 * An iterator helper is a generator in the spec (CreateIteratorFromClosure). Here it is a
 * JSIteratorHelper (objects/objects.h) whose closure is a C state machine: each next()
 * runs iterator_helper_step, which does the closure's work up to its next Yield (returning
 * the value) or its end (done). The fields hold what the closure's locals would: the
 * counter, take/drop's remaining count and flatMap/concat's inner iterator. The
 * [[GeneratorState]] field gives the re-entrancy rule: a helper is `executing` while its
 * closure (or a return() closing it) runs, and next/return then throw a TypeError.
 *
 * Closing follows the spec's IfAbruptCloseIterator: an abrupt completion of the mapper,
 * predicate or GetIteratorFlattenable closes the underlying iterator (with the throw
 * winning); an abrupt completion of the underlying iterator's own next() does not.
 */
#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"

#include <math.h>

/* What the closure of a helper does (JSIteratorHelper kind). */
typedef enum {
  ITERATOR_HELPER_MAP,
  ITERATOR_HELPER_FILTER,
  ITERATOR_HELPER_TAKE,
  ITERATOR_HELPER_DROP,
  ITERATOR_HELPER_FLAT_MAP,
  ITERATOR_HELPER_CONCAT,
  ITERATOR_HELPER_CHUNKS,
  ITERATOR_HELPER_WINDOWS,
  ITERATOR_HELPER_ZIP,
} IteratorHelperKind;

/* Iterator.zip's modes (the ZIP helper's remaining field). */
typedef enum { ZIP_SHORTEST, ZIP_LONGEST, ZIP_STRICT } ZipMode;

/* [[GeneratorState]] (ES2025 27.5.3). */
typedef enum {
  ITERATOR_HELPER_SUSPENDED_START,
  ITERATOR_HELPER_SUSPENDED_YIELD,
  ITERATOR_HELPER_EXECUTING,
  ITERATOR_HELPER_COMPLETED,
} IteratorHelperState;

#define ITERATOR_BUILTINS(V)  \
  V(IteratorFrom, "from", 1)  \
  V(IteratorConcat, "concat", 0) \
  V(IteratorZip, "zip", 1)        \
  V(IteratorZipKeyed, "zipKeyed", 1)

#define ITERATOR_PROTOTYPE_BUILTINS(V)                  \
  V(IteratorPrototypeMap, "map", 1)                     \
  V(IteratorPrototypeFilter, "filter", 1)               \
  V(IteratorPrototypeTake, "take", 1)                   \
  V(IteratorPrototypeDrop, "drop", 1)                   \
  V(IteratorPrototypeFlatMap, "flatMap", 1)             \
  V(IteratorPrototypeReduce, "reduce", 1)               \
  V(IteratorPrototypeToArray, "toArray", 0)             \
  V(IteratorPrototypeForEach, "forEach", 1)             \
  V(IteratorPrototypeSome, "some", 1)                   \
  V(IteratorPrototypeEvery, "every", 1)                 \
  V(IteratorPrototypeFind, "find", 1)                   \
  V(IteratorPrototypeIncludes, "includes", 1)           \
  V(IteratorPrototypeChunks, "chunks", 1)               \
  V(IteratorPrototypeWindows, "windows", 1)

#define ITERATOR_HELPER_PROTOTYPE_BUILTINS(V)      \
  V(IteratorHelperPrototypeNext, "next", 0)        \
  V(IteratorHelperPrototypeReturn, "return", 0)

#define WRAP_FOR_VALID_ITERATOR_PROTOTYPE_BUILTINS(V)   \
  V(WrapForValidIteratorPrototypeNext, "next", 0)       \
  V(WrapForValidIteratorPrototypeReturn, "return", 0)

ITERATOR_BUILTINS(BUILTIN_DECLARE)
ITERATOR_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
ITERATOR_HELPER_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
WRAP_FOR_VALID_ITERATOR_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)

/* ---- abstract operations ------------------------------------------------------------- */

/* ES2025 7.4.3 GetIteratorDirect(obj): obj must be an object. Calls user code. */
static bool iterator_get_direct(Isolate *iso, Handle obj, IteratorRecord *out) {
  Handle next = runtime_get(iso, obj, ROOT_HANDLE(iso, next_string), obj);
  if (handle_is_null(next)) return false;
  *out = (IteratorRecord){obj, next, false};
  return true;
}

/* ES2025 7.4.4 GetIteratorFlattenable(obj, primitiveHandling): strings are iterated when
 * allow_strings (iterate-string-primitives), every other primitive is a TypeError. Calls
 * user code. */
static bool iterator_get_flattenable(Isolate *iso, Handle obj, bool allow_strings,
                                     IteratorRecord *out) {
  if (!is_js_receiver(H(obj)) && !(allow_strings && is_string(H(obj)))) {
    builtins_throw_type_error(iso, "%s is not an object",
                              allow_strings ? "Iterator.from argument" : "flatMap result");
    return false;
  }
  Handle method = runtime_get_method(iso, obj, ROOT_HANDLE(iso, iterator_symbol));
  if (handle_is_null(method)) return false;
  Handle iterator = obj;
  if (!is_undefined(iso, H(method))) {
    iterator = execution_call(iso, method, obj, 0, NULL);
    if (handle_is_null(iterator)) return false;
  }
  if (!is_js_receiver(H(iterator))) {
    builtins_throw_type_error(iso, "Result of the Symbol.iterator method is not an object");
    return false;
  }
  return iterator_get_direct(iso, iterator, out);
}

/* ES2025 7.4.7 IteratorStep without reading "value": *done at the end. Calls user code. */
static bool iterator_step(Isolate *iso, IteratorRecord *rec, bool *done) {
  Handle result = execution_call(iso, rec->next, rec->iterator, 0, NULL);
  if (handle_is_null(result)) return false;
  if (!is_js_receiver(H(result))) {
    builtins_throw_type_error(iso, "Iterator result is not an object");
    return false;
  }
  Handle d = runtime_get(iso, result, ROOT_HANDLE(iso, done_string), result);
  if (handle_is_null(d)) return false;
  *done = runtime_to_boolean(iso, H(d));
  return true;
}

/* IfAbruptCloseIterator with the exception pending: closes rec (keeping the exception) and
 * returns the empty Handle. */
static Handle iterator_close_on_throw(Isolate *iso, IteratorRecord *rec) {
  runtime_iterator_close(iso, rec, true);
  return HANDLE_NULL;
}

/* The start of every %Iterator.prototype% method taking a function (ES2025 27.1.4.x steps
 * 1-5): this must be an object; a non-callable fn closes it with a TypeError; then
 * GetIteratorDirect. Calls user code. */
static bool iterator_prologue(Isolate *iso, BuiltinArgs *args, Handle fn, const char *method,
                              IteratorRecord *rec) {
  Handle o = builtin_receiver(args);
  if (!is_js_receiver(H(o))) {
    builtins_throw_type_error(iso, "Iterator.prototype.%s called on a non-object", method);
    return false;
  }
  *rec = (IteratorRecord){o, BUILTIN_UNDEFINED, false};
  if (!handle_is_null(fn) && !runtime_is_callable(H(fn))) {
    builtins_throw_type_error(iso, "Iterator.prototype.%s: the argument is not a function",
                              method);
    iterator_close_on_throw(iso, rec);
    return false;
  }
  return iterator_get_direct(iso, o, rec);
}

/* Call(fn, undefined, « value, 𝔽(counter) »). Calls user code. */
static Handle iterator_call_with_counter(Isolate *iso, Handle fn, Handle value, double counter) {
  Handle n = builtins_number(iso, counter);
  if (handle_is_null(n)) return n;
  Handle argv[2] = {value, n};
  return execution_call(iso, fn, BUILTIN_UNDEFINED, 2, argv);
}

/* ---- %IteratorHelperPrototype% ------------------------------------------------------- */

static IteratorRecord helper_underlying(Isolate *iso, Handle helper) {
  return (IteratorRecord){handle_new(iso, js_iterator_helper_underlying(H(helper))),
                          handle_new(iso, js_iterator_helper_next_method(H(helper))), false};
}

static IteratorRecord helper_inner(Isolate *iso, Handle helper) {
  return (IteratorRecord){handle_new(iso, js_iterator_helper_inner(H(helper))),
                          handle_new(iso, js_iterator_helper_inner_next(H(helper))), false};
}

static void helper_clear_inner(Isolate *iso, Handle helper) {
  js_iterator_helper_set_inner(H(helper), ROOT(iso, undefined_value));
  js_iterator_helper_set_inner_next(H(helper), ROOT(iso, undefined_value));
}

static double helper_number(Tagged n) { return runtime_number_value(n); }

/* counter += 1 (or remaining -= 1 when which is 1). May allocate. */
static bool helper_bump(Isolate *iso, Handle helper, bool remaining, double delta) {
  Tagged field = remaining ? js_iterator_helper_remaining(H(helper))
                           : js_iterator_helper_counter(H(helper));
  Handle n = builtins_number(iso, helper_number(field) + delta);
  if (handle_is_null(n)) return false;
  if (remaining) {
    js_iterator_helper_set_remaining(H(helper), H(n));
  } else {
    js_iterator_helper_set_counter(H(helper), H(n));
  }
  return true;
}

/* map (27.1.4.8 step 5): Yield(Call(mapper, undefined, « value, counter »)). */
static Handle helper_step_map(Isolate *iso, Handle helper, bool *done) {
  IteratorRecord rec = helper_underlying(iso, helper);
  Handle value = runtime_iterator_step_value(iso, &rec, done);
  if (handle_is_null(value) || *done) return value;
  Handle fn = handle_new(iso, js_iterator_helper_fn(H(helper)));
  Handle mapped = iterator_call_with_counter(
      iso, fn, value, helper_number(js_iterator_helper_counter(H(helper))));
  if (handle_is_null(mapped)) return iterator_close_on_throw(iso, &rec);
  return helper_bump(iso, helper, false, 1) ? mapped : HANDLE_NULL;
}

/* filter (27.1.4.5 step 5): yields the values the predicate selects. */
static Handle helper_step_filter(Isolate *iso, Handle helper, bool *done) {
  IteratorRecord rec = helper_underlying(iso, helper);
  Handle fn = handle_new(iso, js_iterator_helper_fn(H(helper)));
  for (;;) {
    Handle value = runtime_iterator_step_value(iso, &rec, done);
    if (handle_is_null(value) || *done) return value;
    Handle selected = iterator_call_with_counter(
        iso, fn, value, helper_number(js_iterator_helper_counter(H(helper))));
    if (handle_is_null(selected)) return iterator_close_on_throw(iso, &rec);
    if (!helper_bump(iso, helper, false, 1)) return HANDLE_NULL;
    if (runtime_to_boolean(iso, H(selected))) return value;
  }
}

/* take (27.1.4.10 step 10): remaining hits 0 => close the underlying iterator, done. */
static Handle helper_step_take(Isolate *iso, Handle helper, bool *done) {
  IteratorRecord rec = helper_underlying(iso, helper);
  double remaining = helper_number(js_iterator_helper_remaining(H(helper)));
  if (remaining == 0) {
    *done = true;
    return runtime_iterator_close(iso, &rec, false) ? BUILTIN_UNDEFINED : HANDLE_NULL;
  }
  if (remaining != INFINITY && !helper_bump(iso, helper, true, -1)) return HANDLE_NULL;
  return runtime_iterator_step_value(iso, &rec, done);
}

/* drop (27.1.4.3 step 10): skips `remaining` results (IteratorStep: their values are not
 * read), then yields the rest. */
static Handle helper_step_drop(Isolate *iso, Handle helper, bool *done) {
  IteratorRecord rec = helper_underlying(iso, helper);
  while (helper_number(js_iterator_helper_remaining(H(helper))) > 0) {
    if (helper_number(js_iterator_helper_remaining(H(helper))) != INFINITY &&
        !helper_bump(iso, helper, true, -1)) {
      return HANDLE_NULL;
    }
    if (!iterator_step(iso, &rec, done)) return HANDLE_NULL;
    if (*done) return BUILTIN_UNDEFINED;
  }
  return runtime_iterator_step_value(iso, &rec, done);
}

/* flatMap (27.1.4.7 step 5): each mapped value is flattened (GetIteratorFlattenable with
 * reject-primitives); an error in the mapper, in flattening or in the inner iterator's
 * next closes the outer iterator. */
static Handle helper_step_flat_map(Isolate *iso, Handle helper, bool *done) {
  IteratorRecord rec = helper_underlying(iso, helper);
  Handle fn = handle_new(iso, js_iterator_helper_fn(H(helper)));
  for (;;) {
    if (is_undefined(iso, js_iterator_helper_inner(H(helper)))) {
      Handle value = runtime_iterator_step_value(iso, &rec, done);
      if (handle_is_null(value) || *done) return value;
      Handle mapped = iterator_call_with_counter(
          iso, fn, value, helper_number(js_iterator_helper_counter(H(helper))));
      if (handle_is_null(mapped)) return iterator_close_on_throw(iso, &rec);
      IteratorRecord inner;
      if (!iterator_get_flattenable(iso, mapped, false, &inner)) {
        return iterator_close_on_throw(iso, &rec);
      }
      js_iterator_helper_set_inner(H(helper), H(inner.iterator));
      js_iterator_helper_set_inner_next(H(helper), H(inner.next));
    }
    IteratorRecord inner = helper_inner(iso, helper);
    bool inner_done;
    Handle value = runtime_iterator_step_value(iso, &inner, &inner_done);
    if (handle_is_null(value)) return iterator_close_on_throw(iso, &rec);
    if (!inner_done) return value;
    helper_clear_inner(iso, helper);
    if (!helper_bump(iso, helper, false, 1)) return HANDLE_NULL;
  }
}

/* Iterator.concat's closure: opens each iterable in turn (its @@iterator method, read
 * once by Iterator.concat) and yields its values. */
static Handle helper_step_concat(Isolate *iso, Handle helper, bool *done) {
  Handle list = handle_new(iso, js_iterator_helper_underlying(H(helper)));
  for (;;) {
    if (is_undefined(iso, js_iterator_helper_inner(H(helper)))) {
      double index = helper_number(js_iterator_helper_counter(H(helper)));
      if (index * 2 >= fixed_array_length(H(list))) {
        *done = true;
        return BUILTIN_UNDEFINED;
      }
      if (!helper_bump(iso, helper, false, 1)) return HANDLE_NULL;
      Handle iterable = handle_new(iso, fixed_array_get(H(list), (int64_t)index * 2));
      Handle method = handle_new(iso, fixed_array_get(H(list), (int64_t)index * 2 + 1));
      Handle iter = execution_call(iso, method, iterable, 0, NULL);
      if (handle_is_null(iter)) return iter;
      if (!is_js_receiver(H(iter))) {
        return builtins_throw_type_error(iso, "Iterator.concat: the iterator is not an object");
      }
      IteratorRecord inner;
      if (!iterator_get_direct(iso, iter, &inner)) return HANDLE_NULL;
      js_iterator_helper_set_inner(H(helper), H(inner.iterator));
      js_iterator_helper_set_inner_next(H(helper), H(inner.next));
    }
    IteratorRecord inner = helper_inner(iso, helper);
    bool inner_done;
    Handle value = runtime_iterator_step_value(iso, &inner, &inner_done);
    if (handle_is_null(value) || !inner_done) return value;
    helper_clear_inner(iso, helper);
  }
}

/* Appends value to the chunks / windows buffer (inner: a FixedArray, counter: its count),
 * growing it. May allocate. */
static bool helper_buffer_push(Isolate *iso, Handle helper, Handle value) {
  Handle buffer = handle_new(iso, js_iterator_helper_inner(H(helper)));
  int64_t count = (int64_t)helper_number(js_iterator_helper_counter(H(helper)));
  if (!is_fixed_array(H(buffer)) || count == fixed_array_length(H(buffer))) {
    int64_t capacity = count < 4 ? 8 : count * 2;
    Handle grown = is_fixed_array(H(buffer))
                       ? factory_copy_fixed_array(iso, buffer, capacity, ROOT(iso, undefined_value))
                       : factory_new_fixed_array(iso, capacity);
    if (handle_is_null(grown)) return false;
    js_iterator_helper_set_inner(H(helper), H(grown));
    buffer = grown;
  }
  fixed_array_set(H(buffer), count, H(value));
  return helper_bump(iso, helper, false, 1);
}

/* CreateArrayFromList(buffer). May allocate. */
static Handle helper_buffer_array(Isolate *iso, Handle helper) {
  Handle buffer = handle_new(iso, js_iterator_helper_inner(H(helper)));
  int count = (int)helper_number(js_iterator_helper_counter(H(helper)));
  Handle array = runtime_new_array(iso, 0);
  for (int i = 0; !handle_is_null(array) && i < count; i++) {
    Handle v = handle_new(iso, fixed_array_get(H(buffer), i));
    if (!js_array_push(iso, array, v)) return HANDLE_NULL;
  }
  return array;
}

/* chunks / windows after the underlying iterator is done: a last partial buffer is yielded
 * once (chunks: when not empty; windows: with "allow-partial", when shorter than the
 * window); inner_next = true marks that final Yield, whose abrupt completion is ignored. */
static Handle helper_final_buffer(Isolate *iso, Handle helper, bool *done) {
  double count = helper_number(js_iterator_helper_counter(H(helper)));
  bool partial = js_iterator_helper_kind(H(helper)) == ITERATOR_HELPER_CHUNKS
                     ? count > 0
                     : js_iterator_helper_fn(H(helper)) == ROOT(iso, true_value) && count > 0 &&
                           count < helper_number(js_iterator_helper_remaining(H(helper)));
  if (!partial || js_iterator_helper_inner_next(H(helper)) == ROOT(iso, true_value)) {
    *done = true;
    return BUILTIN_UNDEFINED;
  }
  js_iterator_helper_set_inner_next(H(helper), ROOT(iso, true_value));
  return helper_buffer_array(iso, helper);
}

/* chunks (iterator chunking 6.a) and windows (8.a): buffer values; yield the buffer when it
 * holds `remaining` of them (chunks then start a new one; windows slide by one). */
static Handle helper_step_buffered(Isolate *iso, Handle helper, bool *done) {
  if (js_iterator_helper_inner_next(H(helper)) == ROOT(iso, true_value)) {
    *done = true; /* resumed after the final partial Yield */
    return BUILTIN_UNDEFINED;
  }
  IteratorRecord rec = helper_underlying(iso, helper);
  bool chunks = js_iterator_helper_kind(H(helper)) == ITERATOR_HELPER_CHUNKS;
  double size = helper_number(js_iterator_helper_remaining(H(helper)));
  if (chunks && helper_number(js_iterator_helper_counter(H(helper))) == size) {
    js_iterator_helper_set_counter(H(helper), smi_from_int(0)); /* the chunk was yielded */
  }
  for (;;) {
    Handle value = runtime_iterator_step_value(iso, &rec, done);
    if (handle_is_null(value)) return value;
    if (*done) {
      *done = false;
      return helper_final_buffer(iso, helper, done);
    }
    double count = helper_number(js_iterator_helper_counter(H(helper)));
    if (!chunks && count == size) { /* drop the window's first value */
      Tagged buffer = js_iterator_helper_inner(H(helper));
      for (int64_t i = 1; i < (int64_t)count; i++) {
        fixed_array_set(buffer, i - 1, fixed_array_get(buffer, i));
      }
      count--;
    }
    Handle n = builtins_number(iso, count);
    if (handle_is_null(n)) return n;
    js_iterator_helper_set_counter(H(helper), H(n));
    if (!helper_buffer_push(iso, helper, value)) return HANDLE_NULL;
    if (count + 1 == size) return helper_buffer_array(iso, helper);
  }
}

/* ---- Iterator.zip / zipKeyed (joint iteration) ----
 * The ZIP helper's underlying is a FixedArray of (iterator, next) pairs, the iterator
 * null once it left openIters; fn: the padding (a FixedArray, longest mode); inner: the
 * keys for zipKeyed (a FixedArray) or undefined; remaining: the ZipMode. */

/* IteratorCloseAll(openIters, completion) over the pairs of list, last first; is_throw:
 * the completion is a throw (pending). Every iterator leaves the list. Returns false when
 * an exception is pending at the end. Calls user code. */
static bool zip_close_all(Isolate *iso, Handle list, bool is_throw) {
  for (int64_t i = fixed_array_length(H(list)) / 2 - 1; i >= 0; i--) {
    if (is_null(iso, fixed_array_get(H(list), 2 * i))) continue;
    IteratorRecord rec = {handle_new(iso, fixed_array_get(H(list), 2 * i)),
                          handle_new(iso, fixed_array_get(H(list), 2 * i + 1)), false};
    fixed_array_set(H(list), 2 * i, ROOT(iso, null_value));
    if (!runtime_iterator_close(iso, &rec, is_throw)) is_throw = true;
  }
  return !is_throw;
}

static bool zip_any_open(Isolate *iso, Handle list) {
  for (int64_t i = 0; i < fixed_array_length(H(list)); i += 2) {
    if (!is_null(iso, fixed_array_get(H(list), i))) return true;
  }
  return false;
}

/* Throws a TypeError and closes every open iterator; returns the empty Handle. */
static Handle zip_fail(Isolate *iso, Handle list, const char *message) {
  builtins_throw_type_error(iso, "%s", message);
  zip_close_all(iso, list, true);
  return HANDLE_NULL;
}

/* IteratorZip's strict mode after iterator 0 finished first: every other one must be done
 * too (IteratorStep, no value read). */
static Handle zip_strict_finish(Isolate *iso, Handle list, bool *done) {
  for (int64_t k = 1; k < fixed_array_length(H(list)) / 2; k++) {
    IteratorRecord rec = {handle_new(iso, fixed_array_get(H(list), 2 * k)),
                          handle_new(iso, fixed_array_get(H(list), 2 * k + 1)), false};
    bool k_done = false;
    bool ok = iterator_step(iso, &rec, &k_done);
    if (!ok || k_done) fixed_array_set(H(list), 2 * k, ROOT(iso, null_value));
    if (!ok) {
      zip_close_all(iso, list, true);
      return HANDLE_NULL;
    }
    if (!k_done) return zip_fail(iso, list, "Iterator.zip: the iterators have different lengths");
  }
  *done = true;
  return BUILTIN_UNDEFINED;
}

/* finishResults: an array, or for zipKeyed a null-prototype object keyed like the input. */
static Handle zip_finish(Isolate *iso, Handle helper, Handle results) {
  Handle keys = handle_new(iso, js_iterator_helper_inner(H(helper)));
  int n = (int)fixed_array_length(H(results));
  if (!is_fixed_array(H(keys))) {
    Handle array = runtime_new_array(iso, 0);
    for (int i = 0; !handle_is_null(array) && i < n; i++) {
      if (!js_array_push(iso, array, handle_new(iso, fixed_array_get(H(results), i)))) {
        return HANDLE_NULL;
      }
    }
    return array;
  }
  Handle obj = builtins_new_object_with_proto(iso, handle_new(iso, iso->native_context),
                                              ROOT_HANDLE(iso, null_value));
  for (int i = 0; !handle_is_null(obj) && i < n; i++) {
    Handle key = handle_new(iso, fixed_array_get(H(keys), i));
    Handle value = handle_new(iso, fixed_array_get(H(results), i));
    if (!runtime_create_data_property_or_throw(iso, obj, key, value)) return HANDLE_NULL;
  }
  return obj;
}

/* IteratorZip's closure (joint iteration): one value from each open iterator; what happens
 * when one finishes depends on the mode. */
static Handle helper_step_zip(Isolate *iso, Handle helper, bool *done) {
  Handle list = handle_new(iso, js_iterator_helper_underlying(H(helper)));
  Handle padding = handle_new(iso, js_iterator_helper_fn(H(helper)));
  ZipMode mode = (ZipMode)smi_value(js_iterator_helper_remaining(H(helper)));
  int64_t n = fixed_array_length(H(list)) / 2;
  if (n == 0) {
    *done = true;
    return BUILTIN_UNDEFINED;
  }
  Handle results = factory_new_fixed_array(iso, n);
  if (handle_is_null(results)) return results;
  for (int64_t i = 0; i < n; i++) {
    Handle result;
    if (is_null(iso, fixed_array_get(H(list), 2 * i))) {
      result = handle_new(iso, fixed_array_get(H(padding), i));
    } else {
      IteratorRecord rec = {handle_new(iso, fixed_array_get(H(list), 2 * i)),
                            handle_new(iso, fixed_array_get(H(list), 2 * i + 1)), false};
      bool d = false;
      result = runtime_iterator_step_value(iso, &rec, &d);
      if (handle_is_null(result) || d) fixed_array_set(H(list), 2 * i, ROOT(iso, null_value));
      if (handle_is_null(result)) {
        zip_close_all(iso, list, true);
        return HANDLE_NULL;
      }
      if (d && mode == ZIP_SHORTEST) {
        *done = true;
        return zip_close_all(iso, list, false) ? BUILTIN_UNDEFINED : HANDLE_NULL;
      }
      if (d && mode == ZIP_STRICT) {
        if (i != 0) return zip_fail(iso, list, "Iterator.zip: the iterators have different lengths");
        return zip_strict_finish(iso, list, done);
      }
      if (d && !zip_any_open(iso, list)) {
        *done = true;
        return BUILTIN_UNDEFINED;
      }
      if (d) result = handle_new(iso, fixed_array_get(H(padding), i));
    }
    fixed_array_set(H(results), i, H(result));
  }
  return zip_finish(iso, helper, results);
}

/* Runs the helper's closure from where it stopped to its next Yield (the value) or its end
 * (*done). Calls user code. */
static Handle iterator_helper_step(Isolate *iso, Handle helper, bool *done) {
  *done = false;
  switch ((IteratorHelperKind)js_iterator_helper_kind(H(helper))) {
    case ITERATOR_HELPER_MAP: return helper_step_map(iso, helper, done);
    case ITERATOR_HELPER_FILTER: return helper_step_filter(iso, helper, done);
    case ITERATOR_HELPER_TAKE: return helper_step_take(iso, helper, done);
    case ITERATOR_HELPER_DROP: return helper_step_drop(iso, helper, done);
    case ITERATOR_HELPER_FLAT_MAP: return helper_step_flat_map(iso, helper, done);
    case ITERATOR_HELPER_CONCAT: return helper_step_concat(iso, helper, done);
    case ITERATOR_HELPER_CHUNKS:
    case ITERATOR_HELPER_WINDOWS: return helper_step_buffered(iso, helper, done);
    case ITERATOR_HELPER_ZIP: return helper_step_zip(iso, helper, done);
  }
  UNREACHABLE();
}

/* Resuming a helper suspended at a Yield with a return completion: every closure answers
 * with IteratorClose of what it iterates. flatMap closes its inner iterator first, then
 * the outer one (with a throw from the inner close winning); concat closes only the
 * current inner iterator. Calls user code. */
static bool iterator_helper_close_at_yield(Isolate *iso, Handle helper) {
  IteratorHelperKind kind = (IteratorHelperKind)js_iterator_helper_kind(H(helper));
  if (kind == ITERATOR_HELPER_ZIP) {
    return zip_close_all(iso, handle_new(iso, js_iterator_helper_underlying(H(helper))), false);
  }
  if (kind == ITERATOR_HELPER_CONCAT || kind == ITERATOR_HELPER_FLAT_MAP) {
    IteratorRecord inner = helper_inner(iso, helper);
    bool ok = is_undefined(iso, H(inner.iterator)) || runtime_iterator_close(iso, &inner, false);
    if (kind == ITERATOR_HELPER_CONCAT) return ok;
    IteratorRecord rec = helper_underlying(iso, helper);
    if (!ok) return !handle_is_null(iterator_close_on_throw(iso, &rec));
    return runtime_iterator_close(iso, &rec, false);
  }
  if ((kind == ITERATOR_HELPER_CHUNKS || kind == ITERATOR_HELPER_WINDOWS) &&
      js_iterator_helper_inner_next(H(helper)) == ROOT(iso, true_value)) {
    return true; /* the final partial Yield: "Perform Completion(Yield(...))" ignores it */
  }
  IteratorRecord rec = helper_underlying(iso, helper);
  return runtime_iterator_close(iso, &rec, false);
}

/* GeneratorValidate(O, "Iterator Helper"): the state, or -1 with a TypeError pending. */
static int iterator_helper_validate(Isolate *iso, Handle o, const char *method) {
  if (!is_js_iterator_helper(H(o))) {
    builtins_throw_type_error(iso, "Iterator Helper.prototype.%s called on an incompatible "
                              "receiver", method);
    return -1;
  }
  int state = (int)js_iterator_helper_state(H(o));
  if (state == ITERATOR_HELPER_EXECUTING) {
    builtins_throw_type_error(iso, "Iterator Helper is already running");
    return -1;
  }
  return state;
}

/* ES2025 27.1.2.1.1 %IteratorHelperPrototype%.next ( ): GeneratorResume. */
BUILTIN(IteratorHelperPrototypeNext) {
  Handle o = builtin_receiver(args);
  int state = iterator_helper_validate(iso, o, "next");
  if (state < 0) return HANDLE_NULL;
  if (state == ITERATOR_HELPER_COMPLETED) {
    return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
  }
  js_iterator_helper_set_state(H(o), ITERATOR_HELPER_EXECUTING);
  bool done = false;
  Handle value = iterator_helper_step(iso, o, &done);
  bool finished = handle_is_null(value) || done;
  js_iterator_helper_set_state(H(o), finished ? ITERATOR_HELPER_COMPLETED
                                              : ITERATOR_HELPER_SUSPENDED_YIELD);
  if (finished) helper_clear_inner(iso, o);
  BUILTIN_TRY(value);
  return runtime_create_iter_result(iso, done ? BUILTIN_UNDEFINED : value, done);
}

/* ES2025 27.1.2.1.2 %IteratorHelperPrototype%.return ( ) */
BUILTIN(IteratorHelperPrototypeReturn) {
  Handle o = builtin_receiver(args);
  if (!is_js_iterator_helper(H(o))) {
    return builtins_throw_type_error(iso, "Iterator Helper.prototype.return called on an "
                                     "incompatible receiver");
  }
  if (js_iterator_helper_state(H(o)) == ITERATOR_HELPER_SUSPENDED_START) {
    js_iterator_helper_set_state(H(o), ITERATOR_HELPER_COMPLETED);
    /* IteratorCloseAll([[UnderlyingIterators]]): Iterator.concat's is empty (nothing is
     * open yet), Iterator.zip's holds every iterator. */
    if (js_iterator_helper_kind(H(o)) == ITERATOR_HELPER_ZIP) {
      BUILTIN_CHECK(zip_close_all(iso, handle_new(iso, js_iterator_helper_underlying(H(o))), false));
    } else if (js_iterator_helper_kind(H(o)) != ITERATOR_HELPER_CONCAT) {
      IteratorRecord rec = helper_underlying(iso, o);
      BUILTIN_CHECK(runtime_iterator_close(iso, &rec, false));
    }
    return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
  }
  /* GeneratorResumeAbrupt(O, return completion, "Iterator Helper") */
  int state = iterator_helper_validate(iso, o, "return");
  if (state < 0) return HANDLE_NULL;
  if (state == ITERATOR_HELPER_SUSPENDED_YIELD) {
    js_iterator_helper_set_state(H(o), ITERATOR_HELPER_EXECUTING);
    bool ok = iterator_helper_close_at_yield(iso, o);
    js_iterator_helper_set_state(H(o), ITERATOR_HELPER_COMPLETED);
    helper_clear_inner(iso, o);
    BUILTIN_CHECK(ok);
  }
  return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
}

/* CreateIteratorFromClosure(closure, "Iterator Helper", %IteratorHelperPrototype%) with
 * [[UnderlyingIterator]] rec. May allocate. */
static Handle iterator_helper_new(Isolate *iso, BuiltinArgs *args, IteratorHelperKind kind,
                                  IteratorRecord *rec, Handle fn, double remaining) {
  Handle nc = builtins_realm(iso, args);
  Handle map = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_iterator_helper_map);
  Handle rem = builtins_number(iso, remaining);
  BUILTIN_TRY(rem);
  Handle helper = factory_new_js_object_from_map(iso, map);
  BUILTIN_TRY(helper);
  js_iterator_helper_set_underlying(H(helper), H(rec->iterator));
  js_iterator_helper_set_next_method(H(helper), H(rec->next));
  js_iterator_helper_set_fn(H(helper), H(fn));
  js_iterator_helper_set_inner(H(helper), ROOT(iso, undefined_value));
  js_iterator_helper_set_inner_next(H(helper), ROOT(iso, undefined_value));
  js_iterator_helper_set_counter(H(helper), smi_from_int(0));
  js_iterator_helper_set_remaining(H(helper), H(rem));
  js_iterator_helper_set_kind(H(helper), kind);
  js_iterator_helper_set_state(H(helper), ITERATOR_HELPER_SUSPENDED_START);
  return helper;
}

/* ---- %Iterator.prototype% methods ---------------------------------------------------- */

static Handle iterator_function_helper(Isolate *iso, BuiltinArgs *args, IteratorHelperKind kind,
                                       const char *method) {
  Handle fn = BUILTIN_ARG(0);
  IteratorRecord rec;
  BUILTIN_CHECK(iterator_prologue(iso, args, fn, method, &rec));
  return iterator_helper_new(iso, args, kind, &rec, fn, 0);
}

/* ES2025 27.1.4.8 Iterator.prototype.map ( mapper ) */
BUILTIN(IteratorPrototypeMap) {
  return iterator_function_helper(iso, args, ITERATOR_HELPER_MAP, "map");
}
/* ES2025 27.1.4.5 Iterator.prototype.filter ( predicate ) */
BUILTIN(IteratorPrototypeFilter) {
  return iterator_function_helper(iso, args, ITERATOR_HELPER_FILTER, "filter");
}
/* ES2025 27.1.4.7 Iterator.prototype.flatMap ( mapper ) */
BUILTIN(IteratorPrototypeFlatMap) {
  return iterator_function_helper(iso, args, ITERATOR_HELPER_FLAT_MAP, "flatMap");
}

/* take / drop (27.1.4.10, 27.1.4.3) steps 1-10: the limit is ToNumber'd before next is
 * read; NaN, a finite limit above 2^53 - 1 or a negative one is a RangeError; each
 * failure closes this. */
static Handle iterator_limit_helper(Isolate *iso, BuiltinArgs *args, IteratorHelperKind kind,
                                    const char *method) {
  Handle o = builtin_receiver(args);
  if (!is_js_receiver(H(o))) {
    return builtins_throw_type_error(iso, "Iterator.prototype.%s called on a non-object",
                                     method);
  }
  IteratorRecord rec = {o, BUILTIN_UNDEFINED, false};
  Handle num = runtime_to_number(iso, BUILTIN_ARG(0));
  if (handle_is_null(num)) return iterator_close_on_throw(iso, &rec);
  double limit = runtime_number_value(H(num));
  if (isnan(limit) || (isfinite(limit) && limit > 9007199254740991.0)) {
    builtins_throw_range_error(iso, "Iterator.prototype.%s: the limit is NaN or too large",
                               method);
    return iterator_close_on_throw(iso, &rec);
  }
  limit = isinf(limit) ? limit : trunc(limit);
  if (limit < 0) {
    builtins_throw_range_error(iso, "Iterator.prototype.%s: the limit is negative", method);
    return iterator_close_on_throw(iso, &rec);
  }
  BUILTIN_CHECK(iterator_get_direct(iso, o, &rec));
  return iterator_helper_new(iso, args, kind, &rec, BUILTIN_UNDEFINED, limit + 0.0);
}

/* ES2025 27.1.4.10 Iterator.prototype.take ( limit ) */
BUILTIN(IteratorPrototypeTake) { return iterator_limit_helper(iso, args, ITERATOR_HELPER_TAKE, "take"); }
/* ES2025 27.1.4.3 Iterator.prototype.drop ( limit ) */
BUILTIN(IteratorPrototypeDrop) { return iterator_limit_helper(iso, args, ITERATOR_HELPER_DROP, "drop"); }

/* ES2025 27.1.4.9 Iterator.prototype.reduce ( reducer [ , initialValue ] ) */
BUILTIN(IteratorPrototypeReduce) {
  Handle reducer = BUILTIN_ARG(0);
  IteratorRecord rec;
  BUILTIN_CHECK(iterator_prologue(iso, args, reducer, "reduce", &rec));
  Handle acc = handle_new(iso, H(BUILTIN_ARG(1)));
  double counter = 0;
  bool done = false;
  if (args->argc < 2) {
    Handle first = runtime_iterator_step_value(iso, &rec, &done);
    BUILTIN_TRY(first);
    if (done) return builtins_throw_type_error(iso, "Reduce of an empty iterator with no initial value");
    *acc.loc = H(first);
    counter = 1;
  }
  for (;; counter++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle value = runtime_iterator_step_value(iso, &rec, &done);
    Handle result = value;
    if (!handle_is_null(value) && !done) {
      Handle n = builtins_number(iso, counter);
      Handle argv[3] = {acc, value, n};
      result = handle_is_null(n) ? n : execution_call(iso, reducer, BUILTIN_UNDEFINED, 3, argv);
      if (handle_is_null(result)) iterator_close_on_throw(iso, &rec);
    }
    if (!handle_is_null(result) && !done) *acc.loc = H(result);
    handle_scope_close(&scope);
    BUILTIN_TRY(result);
    if (done) return acc;
  }
}

/* ES2025 27.1.4.12 Iterator.prototype.toArray ( ) */
BUILTIN(IteratorPrototypeToArray) {
  IteratorRecord rec;
  BUILTIN_CHECK(iterator_prologue(iso, args, HANDLE_NULL, "toArray", &rec));
  Handle array = runtime_create_array_from_list(iso, 0, NULL);
  BUILTIN_TRY(array);
  for (double k = 0;; k++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle value = runtime_iterator_step_value(iso, &rec, &done);
    bool ok = !handle_is_null(value) && (done || builtins_create_data_index(iso, array, k, value));
    handle_scope_close(&scope);
    BUILTIN_CHECK(ok);
    if (done) return array;
  }
}

/* The size argument of chunks / windows (iterator chunking steps 4-6): a Number, integral,
 * in [1, 2^32 - 1], without coercion; a bad one closes this. -1 with the error pending. */
static double iterator_size_argument(Isolate *iso, IteratorRecord *rec, Handle arg,
                                     const char *method) {
  double size = is_number(H(arg)) ? runtime_number_value(H(arg)) : NAN;
  if (!isfinite(size) || size != trunc(size)) { /* not a Number, NaN, infinite, fractional */
    builtins_throw_type_error(iso, "Iterator.prototype.%s: the size is not an integral Number",
                              method);
    iterator_close_on_throw(iso, rec);
    return -1;
  }
  if (!(size >= 1 && size <= 4294967295.0)) {
    builtins_throw_range_error(iso, "Iterator.prototype.%s: the size must be in [1, 2^32 - 1]",
                               method);
    iterator_close_on_throw(iso, rec);
    return -1;
  }
  return size;
}

/* Iterator.prototype.chunks ( chunkSize ) (iterator chunking) */
BUILTIN(IteratorPrototypeChunks) {
  Handle o = builtin_receiver(args);
  if (!is_js_receiver(H(o))) {
    return builtins_throw_type_error(iso, "Iterator.prototype.chunks called on a non-object");
  }
  IteratorRecord rec = {o, BUILTIN_UNDEFINED, false};
  double size = iterator_size_argument(iso, &rec, BUILTIN_ARG(0), "chunks");
  if (size < 0) return HANDLE_NULL;
  BUILTIN_CHECK(iterator_get_direct(iso, o, &rec));
  return iterator_helper_new(iso, args, ITERATOR_HELPER_CHUNKS, &rec, BUILTIN_UNDEFINED, size);
}

/* Iterator.prototype.windows ( windowSize [ , undersized ] ) (iterator chunking) */
BUILTIN(IteratorPrototypeWindows) {
  Handle o = builtin_receiver(args);
  if (!is_js_receiver(H(o))) {
    return builtins_throw_type_error(iso, "Iterator.prototype.windows called on a non-object");
  }
  IteratorRecord rec = {o, BUILTIN_UNDEFINED, false};
  double size = iterator_size_argument(iso, &rec, BUILTIN_ARG(0), "windows");
  if (size < 0) return HANDLE_NULL;
  Tagged undersized = H(BUILTIN_ARG(1));
  bool partial = is_string(undersized) && string_equals_ascii(undersized, "allow-partial");
  if (!is_undefined(iso, undersized) && !partial &&
      !(is_string(undersized) && string_equals_ascii(undersized, "only-full"))) {
    builtins_throw_type_error(iso, "Iterator.prototype.windows: undersized must be "
                              "\"only-full\" or \"allow-partial\"");
    return iterator_close_on_throw(iso, &rec);
  }
  BUILTIN_CHECK(iterator_get_direct(iso, o, &rec));
  return iterator_helper_new(iso, args, ITERATOR_HELPER_WINDOWS, &rec,
                             builtins_boolean(iso, partial), size);
}

/* Iterator.prototype.includes ( searchElement [ , skippedElements ] ) (iterator includes):
 * SameValueZero after skipping skippedElements values (an integral Number or +-Infinity,
 * not coerced); a match closes the iterator. */
BUILTIN(IteratorPrototypeIncludes) {
  Handle o = builtin_receiver(args);
  if (!is_js_receiver(H(o))) {
    return builtins_throw_type_error(iso, "Iterator.prototype.includes called on a non-object");
  }
  IteratorRecord rec = {o, BUILTIN_UNDEFINED, false};
  Tagged skip_arg = H(BUILTIN_ARG(1));
  double to_skip = 0;
  if (!is_undefined(iso, skip_arg)) {
    to_skip = is_number(skip_arg) ? runtime_number_value(skip_arg) : NAN;
    if (isnan(to_skip) || (isfinite(to_skip) && to_skip != trunc(to_skip))) {
      builtins_throw_type_error(iso, "Iterator.prototype.includes: skippedElements is not an "
                                "integral Number");
      return iterator_close_on_throw(iso, &rec);
    }
    if (to_skip < 0 || (isfinite(to_skip) && to_skip > 9007199254740991.0)) {
      builtins_throw_range_error(iso, "Iterator.prototype.includes: skippedElements is out of "
                                 "range");
      return iterator_close_on_throw(iso, &rec);
    }
  }
  BUILTIN_CHECK(iterator_get_direct(iso, o, &rec));
  Handle search = BUILTIN_ARG(0);
  for (double skipped = 0;;) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle value = runtime_iterator_step_value(iso, &rec, &done);
    bool found = !handle_is_null(value) && !done && skipped >= to_skip &&
                 runtime_same_value_zero(H(value), H(search));
    handle_scope_close(&scope);
    if (handle_is_null(value)) return HANDLE_NULL;
    if (done) return builtins_boolean(iso, false);
    if (found) {
      BUILTIN_CHECK(runtime_iterator_close(iso, &rec, false));
      return builtins_boolean(iso, true);
    }
    if (skipped < to_skip) skipped++;
  }
}

/* What forEach, some, every and find do with each predicate result. */
typedef enum { ITERATOR_FOR_EACH, ITERATOR_SOME, ITERATOR_EVERY, ITERATOR_FIND } IteratorVisit;

/* ES2025 27.1.4.6 forEach, 27.1.4.11 some, 27.1.4.4 every, 27.1.4.6 find: call fn on each
 * value with its counter; some/every/find stop early with IteratorClose(normal). */
static Handle iterator_visit(Isolate *iso, BuiltinArgs *args, IteratorVisit visit,
                             const char *method) {
  Handle fn = BUILTIN_ARG(0);
  IteratorRecord rec;
  BUILTIN_CHECK(iterator_prologue(iso, args, fn, method, &rec));
  for (double counter = 0;; counter++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    bool done = false;
    Handle value = runtime_iterator_step_value(iso, &rec, &done);
    if (handle_is_null(value) || done) {
      handle_scope_close(&scope);
      BUILTIN_TRY(value);
      if (visit == ITERATOR_SOME) return builtins_boolean(iso, false);
      if (visit == ITERATOR_EVERY) return builtins_boolean(iso, true);
      return BUILTIN_UNDEFINED;
    }
    Handle result = iterator_call_with_counter(iso, fn, value, counter);
    if (handle_is_null(result)) iterator_close_on_throw(iso, &rec);
    bool stop = !handle_is_null(result) && visit != ITERATOR_FOR_EACH &&
                runtime_to_boolean(iso, H(result)) == (visit != ITERATOR_EVERY);
    Tagged answer = visit == ITERATOR_FIND ? H(value) : ROOT(iso, undefined_value);
    bool failed = handle_is_null(result);
    handle_scope_close(&scope);
    if (failed) return HANDLE_NULL;
    if (stop) {
      Handle keep = handle_new(iso, answer);
      BUILTIN_CHECK(runtime_iterator_close(iso, &rec, false));
      if (visit == ITERATOR_FIND) return keep;
      return builtins_boolean(iso, visit == ITERATOR_SOME);
    }
  }
}

BUILTIN(IteratorPrototypeForEach) { return iterator_visit(iso, args, ITERATOR_FOR_EACH, "forEach"); }
BUILTIN(IteratorPrototypeSome) { return iterator_visit(iso, args, ITERATOR_SOME, "some"); }
BUILTIN(IteratorPrototypeEvery) { return iterator_visit(iso, args, ITERATOR_EVERY, "every"); }
BUILTIN(IteratorPrototypeFind) { return iterator_visit(iso, args, ITERATOR_FIND, "find"); }

/* ---- the constructor and its functions ----------------------------------------------- */

/* ES2025 27.1.3.1 Iterator ( ): abstract; only subclasses construct. */
BUILTIN(IteratorConstructor) {
  Handle nt = builtin_new_target(args);
  if (is_undefined(iso, H(nt)) || H(nt) == *args->target) {
    return builtins_throw_type_error(iso, "Abstract class Iterator not directly constructable");
  }
  Handle nc = builtins_realm(iso, args);
  Handle base = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_map);
  return builtins_create_from_constructor(iso, nt, NATIVE_CONTEXT_iterator_prototype, base);
}

/* ES2025 27.1.3.2.1 Iterator.from ( O ) */
BUILTIN(IteratorFrom) {
  IteratorRecord rec;
  BUILTIN_CHECK(iterator_get_flattenable(iso, BUILTIN_ARG(0), true, &rec));
  Handle nc = builtins_realm(iso, args);
  Handle ctor = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_iterator_function);
  RuntimeMaybeBool has = runtime_ordinary_has_instance(iso, ctor, rec.iterator);
  if (has == RT_EXCEPTION) return HANDLE_NULL;
  if (has == RT_TRUE) return rec.iterator;
  Handle map = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_wrap_for_valid_iterator_map);
  Handle wrapper = factory_new_js_object_from_map(iso, map);
  BUILTIN_TRY(wrapper);
  js_wrap_for_valid_iterator_set_iterated(H(wrapper), H(rec.iterator));
  js_wrap_for_valid_iterator_set_next_method(H(wrapper), H(rec.next));
  return wrapper;
}

/* Iterator.concat ( ...items ) (iterator sequencing): every item must be an object with an
 * @@iterator method, read now; the iterables are opened one at a time by next(). */
BUILTIN(IteratorConcat) {
  Handle list = factory_new_fixed_array(iso, (int64_t)args->argc * 2);
  BUILTIN_TRY(list);
  for (int i = 0; i < args->argc; i++) {
    Handle item = BUILTIN_ARG(i);
    if (!is_js_receiver(H(item))) {
      return builtins_throw_type_error(iso, "Iterator.concat: argument %d is not an object", i);
    }
    Handle method = runtime_get_method(iso, item, ROOT_HANDLE(iso, iterator_symbol));
    BUILTIN_TRY(method);
    if (is_undefined(iso, H(method))) {
      return builtins_throw_type_error(iso, "Iterator.concat: argument %d is not iterable", i);
    }
    fixed_array_set(H(list), i * 2, H(item));
    fixed_array_set(H(list), i * 2 + 1, H(method));
  }
  IteratorRecord rec = {list, BUILTIN_UNDEFINED, false};
  return iterator_helper_new(iso, args, ITERATOR_HELPER_CONCAT, &rec, BUILTIN_UNDEFINED, 0);
}

/* Iterator.zip / zipKeyed steps 2-7: GetOptionsObject(options), then "mode" (a String,
 * not coerced) and, for "longest", "padding" (undefined or an object). Calls user code. */
static bool zip_read_options(Isolate *iso, Handle options, ZipMode *mode, Handle *padding) {
  *padding = ROOT_HANDLE(iso, undefined_value);
  *mode = ZIP_SHORTEST;
  if (is_undefined(iso, H(options))) return true;
  if (!is_js_receiver(H(options))) {
    builtins_throw_type_error(iso, "Iterator.zip: options is not an object");
    return false;
  }
  Handle m = builtins_get(iso, options, "mode");
  if (handle_is_null(m)) return false;
  if (is_undefined(iso, H(m))) return true;
  static const char *const kModes[] = {"shortest", "longest", "strict"};
  int found = -1;
  for (int i = 0; i < 3 && is_string(H(m)); i++) {
    if (string_equals_ascii(H(m), kModes[i])) found = i;
  }
  if (found < 0) {
    builtins_throw_type_error(iso, "Iterator.zip: mode must be \"shortest\", \"longest\" or "
                              "\"strict\"");
    return false;
  }
  *mode = (ZipMode)found;
  if (*mode != ZIP_LONGEST) return true;
  *padding = builtins_get(iso, options, "padding");
  if (handle_is_null(*padding)) return false;
  if (!is_undefined(iso, H(*padding)) && !is_js_receiver(H(*padding))) {
    builtins_throw_type_error(iso, "Iterator.zip: padding is not an object");
    return false;
  }
  return true;
}

/* Appends (iterator, next) to the pair list *list holding *count pairs. May allocate. */
static bool zip_list_push(Isolate *iso, Handle list, int64_t *count, IteratorRecord *rec) {
  if (2 * *count + 2 > fixed_array_length(H(list))) {
    Handle grown = factory_copy_fixed_array(iso, list, 4 * *count + 8, ROOT(iso, null_value));
    if (handle_is_null(grown)) return false;
    *list.loc = H(grown);
  }
  fixed_array_set(H(list), 2 * *count, H(rec->iterator));
  fixed_array_set(H(list), 2 * *count + 1, H(rec->next));
  (*count)++;
  return true;
}

/* Iterator.zip's padding (step 14) from the iterable padding_option: its first n values,
 * then undefined; the padding iterator is closed unless it ran out. Errors close list. */
static Handle zip_padding_from_iterable(Isolate *iso, Handle list, Handle padding_option,
                                        int64_t n) {
  Handle padding = factory_new_fixed_array(iso, n);
  if (handle_is_null(padding)) return padding;
  IteratorRecord rec;
  if (!runtime_get_iterator(iso, padding_option, &rec)) {
    zip_close_all(iso, list, true);
    return HANDLE_NULL;
  }
  bool using_iterator = true;
  for (int64_t i = 0; i < n && using_iterator; i++) {
    bool d = false;
    Handle v = runtime_iterator_step_value(iso, &rec, &d);
    if (handle_is_null(v)) {
      zip_close_all(iso, list, true);
      return HANDLE_NULL;
    }
    if (d) using_iterator = false;
    else fixed_array_set(H(padding), i, H(v));
  }
  if (using_iterator && !runtime_iterator_close(iso, &rec, false)) {
    zip_close_all(iso, list, true);
    return HANDLE_NULL;
  }
  return padding;
}

/* IteratorZip(iters, mode, padding, finishResults): the helper. keys: zipKeyed's keys (a
 * FixedArray) or undefined. */
static Handle zip_new_helper(Isolate *iso, BuiltinArgs *args, Handle list, int64_t count,
                             ZipMode mode, Handle padding, Handle keys) {
  Handle exact = factory_copy_fixed_array(iso, list, 2 * count, ROOT(iso, null_value));
  BUILTIN_TRY(exact);
  IteratorRecord rec = {exact, BUILTIN_UNDEFINED, false};
  Handle helper = iterator_helper_new(iso, args, ITERATOR_HELPER_ZIP, &rec, padding, 0);
  BUILTIN_TRY(helper);
  js_iterator_helper_set_remaining(H(helper), smi_from_int(mode));
  js_iterator_helper_set_inner(H(helper), H(keys));
  return helper;
}

/* Iterator.zip ( iterables [ , options ] ) (joint iteration) */
BUILTIN(IteratorZip) {
  Handle iterables = BUILTIN_ARG(0);
  if (!is_js_receiver(H(iterables))) {
    return builtins_throw_type_error(iso, "Iterator.zip: iterables is not an object");
  }
  ZipMode mode;
  Handle padding_option;
  BUILTIN_CHECK(zip_read_options(iso, BUILTIN_ARG(1), &mode, &padding_option));
  Handle list = factory_new_fixed_array(iso, 8);
  BUILTIN_TRY(list);
  int64_t count = 0;
  IteratorRecord input;
  BUILTIN_CHECK(runtime_get_iterator(iso, iterables, &input));
  for (;;) {
    bool d = false;
    Handle next = runtime_iterator_step_value(iso, &input, &d);
    if (handle_is_null(next)) {
      zip_close_all(iso, list, true);
      return HANDLE_NULL;
    }
    if (d) break;
    IteratorRecord rec;
    if (!iterator_get_flattenable(iso, next, false, &rec)) {
      zip_close_all(iso, list, true);
      runtime_iterator_close(iso, &input, true);
      return HANDLE_NULL;
    }
    if (!zip_list_push(iso, list, &count, &rec)) return HANDLE_NULL;
  }
  Handle exact = factory_copy_fixed_array(iso, list, 2 * count, ROOT(iso, null_value));
  BUILTIN_TRY(exact);
  Handle padding = BUILTIN_UNDEFINED;
  if (mode == ZIP_LONGEST) {
    padding = is_undefined(iso, H(padding_option))
                  ? factory_new_fixed_array(iso, count)
                  : zip_padding_from_iterable(iso, exact, padding_option, count);
    BUILTIN_TRY(padding);
  }
  return zip_new_helper(iso, args, exact, count, mode, padding, BUILTIN_UNDEFINED);
}

/* Iterator.zipKeyed ( iterables [ , options ] ) (joint iteration): the iterables are the
 * enumerable own properties of iterables whose values are not undefined. */
BUILTIN(IteratorZipKeyed) {
  Handle iterables = BUILTIN_ARG(0);
  if (!is_js_receiver(H(iterables))) {
    return builtins_throw_type_error(iso, "Iterator.zipKeyed: iterables is not an object");
  }
  ZipMode mode;
  Handle padding_option;
  BUILTIN_CHECK(zip_read_options(iso, BUILTIN_ARG(1), &mode, &padding_option));
  Handle all_keys = runtime_own_property_keys(iso, iterables);
  BUILTIN_TRY(all_keys);
  int64_t total = fixed_array_length(H(all_keys));
  Handle list = factory_new_fixed_array(iso, 2 * total);
  Handle keys = handle_is_null(list) ? list : factory_new_fixed_array(iso, total);
  BUILTIN_TRY(keys);
  int64_t count = 0;
  for (int64_t i = 0; i < total; i++) {
    Handle key = handle_new(iso, fixed_array_get(H(all_keys), i));
    PropertyDescriptor desc;
    property_descriptor_init(iso, &desc);
    RuntimeMaybeBool has = runtime_get_own_property(iso, iterables, key, &desc);
    bool ok = has != RT_EXCEPTION;
    if (ok && has == RT_TRUE && (desc.flags & PD_ENUMERABLE)) {
      Handle value = runtime_get(iso, iterables, key, iterables);
      ok = !handle_is_null(value);
      if (ok && !is_undefined(iso, H(value))) {
        IteratorRecord rec;
        ok = iterator_get_flattenable(iso, value, false, &rec);
        if (ok) {
          fixed_array_set(H(keys), count, H(key));
          fixed_array_set(H(list), 2 * count, H(rec.iterator));
          fixed_array_set(H(list), 2 * count + 1, H(rec.next));
          count++;
        }
      }
    }
    if (!ok) {
      Handle partial = factory_copy_fixed_array(iso, list, 2 * count, ROOT(iso, null_value));
      if (!handle_is_null(partial)) zip_close_all(iso, partial, true);
      return HANDLE_NULL;
    }
  }
  Handle exact = factory_copy_fixed_array(iso, list, 2 * count, ROOT(iso, null_value));
  Handle exact_keys = handle_is_null(exact) ? exact
                      : factory_copy_fixed_array(iso, keys, count, ROOT(iso, undefined_value));
  BUILTIN_TRY(exact_keys);
  Handle padding = BUILTIN_UNDEFINED;
  if (mode == ZIP_LONGEST) {
    padding = factory_new_fixed_array(iso, count);
    BUILTIN_TRY(padding);
    for (int64_t i = 0; i < count && !is_undefined(iso, H(padding_option)); i++) {
      Handle key = handle_new(iso, fixed_array_get(H(exact_keys), i));
      Handle v = runtime_get(iso, padding_option, key, padding_option);
      if (handle_is_null(v)) {
        zip_close_all(iso, exact, true);
        return HANDLE_NULL;
      }
      fixed_array_set(H(padding), i, H(v));
    }
  }
  return zip_new_helper(iso, args, exact, count, mode, padding, exact_keys);
}

/* ---- %WrapForValidIteratorPrototype% (27.1.3.2.1.1) ---------------------------------- */

static Handle wrap_validate(Isolate *iso, BuiltinArgs *args, const char *method) {
  Handle o = builtin_receiver(args);
  if (!is_js_wrap_for_valid_iterator(H(o))) {
    return builtins_throw_type_error(iso, "%%WrapForValidIteratorPrototype%%.%s called on an "
                                     "incompatible receiver", method);
  }
  return o;
}

/* 27.1.3.2.1.1.1 next ( ): Call([[NextMethod]], [[Iterator]]). */
BUILTIN(WrapForValidIteratorPrototypeNext) {
  Handle o = wrap_validate(iso, args, "next");
  BUILTIN_TRY(o);
  Handle iterator = handle_new(iso, js_wrap_for_valid_iterator_iterated(H(o)));
  Handle next = handle_new(iso, js_wrap_for_valid_iterator_next_method(H(o)));
  return execution_call(iso, next, iterator, 0, NULL);
}

/* 27.1.3.2.1.1.2 return ( ) */
BUILTIN(WrapForValidIteratorPrototypeReturn) {
  Handle o = wrap_validate(iso, args, "return");
  BUILTIN_TRY(o);
  Handle iterator = handle_new(iso, js_wrap_for_valid_iterator_iterated(H(o)));
  Handle method = runtime_get_method(iso, iterator, ROOT_HANDLE(iso, return_string));
  BUILTIN_TRY(method);
  if (is_undefined(iso, H(method))) return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
  return execution_call(iso, method, iterator, 0, NULL);
}

/* ---- Iterator.prototype.constructor and [@@toStringTag] (27.1.4.1, 27.1.4.14) --------- */

/* SetterThatIgnoresPrototypeProperties(this, %Iterator.prototype%, key, v) */
static Handle iterator_setter_ignoring_prototype(Isolate *iso, BuiltinArgs *args,
                                                 const char *name) {
  Handle o = builtin_receiver(args);
  if (!is_js_receiver(H(o))) return builtins_throw_type_error(iso, "%s setter: not an object", name);
  Handle home = builtins_intrinsic(iso, builtins_realm(iso, args), NATIVE_CONTEXT_iterator_prototype);
  if (H(o) == H(home)) {
    return builtins_throw_type_error(iso, "Cannot set %s on Iterator.prototype", name);
  }
  Handle key = builtins_key(iso, name);
  BUILTIN_TRY(key);
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  RuntimeMaybeBool has = runtime_get_own_property(iso, o, key, &desc);
  if (has == RT_EXCEPTION) return HANDLE_NULL;
  if (has == RT_FALSE) {
    BUILTIN_CHECK(runtime_create_data_property_or_throw(iso, o, key, BUILTIN_ARG(0)));
  } else {
    BUILTIN_CHECK(runtime_set_property(iso, o, key, BUILTIN_ARG(0), true));
  }
  return BUILTIN_UNDEFINED;
}

BUILTIN(IteratorPrototypeGetConstructor) {
  return builtins_intrinsic(iso, builtins_realm(iso, args), NATIVE_CONTEXT_iterator_function);
}
BUILTIN(IteratorPrototypeSetConstructor) {
  return iterator_setter_ignoring_prototype(iso, args, "constructor");
}
BUILTIN(IteratorPrototypeGetToStringTag) { return builtins_string(iso, "Iterator"); }
BUILTIN(IteratorPrototypeSetToStringTag) {
  return iterator_setter_ignoring_prototype(iso, args, "@@toStringTag");
}

/* ---- installation -------------------------------------------------------------------- */

static const BuiltinSpec kIteratorBuiltins[] = {ITERATOR_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kIteratorPrototypeBuiltins[] = {ITERATOR_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kIteratorHelperPrototypeBuiltins[] = {
    ITERATOR_HELPER_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kWrapForValidIteratorPrototypeBuiltins[] = {
    WRAP_FOR_VALID_ITERATOR_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

/* A prototype inheriting %Iterator.prototype% with the given methods, and the map of the
 * objects of type that inherit it, stored in map_slot. */
static bool iterator_install_internal_prototype(Isolate *iso, Handle nc, Handle iterator_proto,
                                                const BuiltinSpec *specs, size_t count,
                                                const char *tag, InstanceType type,
                                                int map_slot) {
  Handle proto = builtins_new_object_with_proto(iso, nc, iterator_proto);
  if (handle_is_null(proto) || !builtins_install_methods(iso, nc, proto, specs, count)) return false;
  if (tag != NULL && !builtins_install_to_string_tag(iso, proto, tag)) return false;
  Handle map = builtins_new_internal_map(iso, type, proto);
  if (handle_is_null(map)) return false;
  context_set(H(nc), map_slot, H(map));
  return true;
}

bool builtins_install_iterator(Isolate *iso, Handle nc) {
  Handle proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_iterator_prototype);
  Handle ctor = builtins_install_constructor(iso, nc, "Iterator", 0, Builtin_IteratorConstructor,
                                             proto, NATIVE_CONTEXT_iterator_function, -1);
  if (handle_is_null(ctor) ||
      !builtins_install_methods(iso, nc, ctor, kIteratorBuiltins, KILN_ARRAY_SIZE(kIteratorBuiltins)) ||
      !builtins_install_methods(iso, nc, proto, kIteratorPrototypeBuiltins,
                                KILN_ARRAY_SIZE(kIteratorPrototypeBuiltins)) ||
      !builtins_install_accessor(iso, nc, proto, "constructor", Builtin_IteratorPrototypeGetConstructor,
                                 Builtin_IteratorPrototypeSetConstructor, 0) ||
      !builtins_install_accessor(iso, nc, proto, "@@toStringTag",
                                 Builtin_IteratorPrototypeGetToStringTag,
                                 Builtin_IteratorPrototypeSetToStringTag, 0)) {
    return false;
  }
  return iterator_install_internal_prototype(
             iso, nc, proto, kIteratorHelperPrototypeBuiltins,
             KILN_ARRAY_SIZE(kIteratorHelperPrototypeBuiltins), "Iterator Helper",
             JS_ITERATOR_HELPER_TYPE, NATIVE_CONTEXT_iterator_helper_map) &&
         iterator_install_internal_prototype(
             iso, nc, proto, kWrapForValidIteratorPrototypeBuiltins,
             KILN_ARRAY_SIZE(kWrapForValidIteratorPrototypeBuiltins), NULL,
             JS_WRAP_FOR_VALID_ITERATOR_TYPE, NATIVE_CONTEXT_wrap_for_valid_iterator_map);
}
