/*
 * builtins-regexp.c: the RegExp constructor, RegExp.prototype and
 * %RegExpStringIteratorPrototype% (ES2025 22.2.4 - 22.2.9), over the engine of src/regexp/.
 *
 * A RegExp is a JSRegExp (objects.h): its compiled code lives in a ByteArray (the engine's
 * code is one position-independent block, so the GC owns it like any other bytes), with
 * [[OriginalSource]] and [[OriginalFlags]] beside it; lastIndex is an ordinary own data
 * property. Matching never allocates on the JS heap: the subject is flattened first, the
 * engine writes capture positions into a C array, and the result objects are built after.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "regexp/regexp.h"

#define REGEXP_BUILTINS(V)                 \
  V(RegExpEscape, "escape", 1)

#define REGEXP_PROTOTYPE_BUILTINS(V)                         \
  V(RegExpPrototypeExec, "exec", 1)                          \
  V(RegExpPrototypeTest, "test", 1)                          \
  V(RegExpPrototypeToString, "toString", 0)                  \
  V(RegExpPrototypeCompile, "compile", 2)                    \
  V(RegExpPrototypeMatch, "@@match", 1)                      \
  V(RegExpPrototypeMatchAll, "@@matchAll", 1)                \
  V(RegExpPrototypeReplace, "@@replace", 2)                  \
  V(RegExpPrototypeSearch, "@@search", 1)                    \
  V(RegExpPrototypeSplit, "@@split", 2)

/* V(Name, key, flag): the flag accessors of 22.2.6 (RegExpHasFlag). */
#define REGEXP_FLAG_GETTERS(V)                      \
  V(HasIndices, "hasIndices", RE_FLAG_D)            \
  V(Global, "global", RE_FLAG_G)                    \
  V(IgnoreCase, "ignoreCase", RE_FLAG_I)            \
  V(Multiline, "multiline", RE_FLAG_M)              \
  V(DotAll, "dotAll", RE_FLAG_S)                    \
  V(Unicode, "unicode", RE_FLAG_U)                  \
  V(UnicodeSets, "unicodeSets", RE_FLAG_V)          \
  V(Sticky, "sticky", RE_FLAG_Y)

REGEXP_BUILTINS(BUILTIN_DECLARE)
REGEXP_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)

/* ---- helpers ----------------------------------------------------------------------------- */

/* JSRegExp.flags holds RegExpFlags and, above them, [[LegacyFeaturesEnabled]] (Annex B
 * legacy RegExp features: set when the RegExp was made by %RegExp% itself, not a subclass). */
enum { kLegacyFeaturesBit = 1 << 8, kFlagsMask = 0xFF };

static Handle last_index_key(Isolate *iso) { return ROOT_HANDLE(iso, last_index_string); }

static bool set_last_index(Isolate *iso, Handle rx, double value) {
  Handle v = builtins_number(iso, value);
  if (handle_is_null(v)) return false;
  return runtime_set_property(iso, rx, last_index_key(iso), v, true);
}

/* ToLength(Get(rx, "lastIndex")). Calls user code. */
static bool get_last_index(Isolate *iso, Handle rx, double *out) {
  Handle v = runtime_get(iso, rx, last_index_key(iso), rx);
  return !handle_is_null(v) && runtime_to_length(iso, v, out);
}

static bool is_object(Tagged v) { return is_heap_object(v) && is_js_receiver(v); }

/* ES2025 22.2.7.3 AdvanceStringIndex. */
static double advance_string_index(Tagged s, double index, bool unicode) {
  int64_t length = string_length(s);
  if (!unicode || index + 1 >= (double)length) return index + 1;
  uint16_t a = string_get(s, (int64_t)index), b = string_get(s, (int64_t)index + 1);
  return (a & 0xFC00) == 0xD800 && (b & 0xFC00) == 0xDC00 ? index + 2 : index + 1;
}

/* ---- creation ---------------------------------------------------------------------------- */

/* ES2025 22.2.3.2 RegExpAlloc: an object with lastIndex defined first. Calls user code. */
static Handle regexp_alloc(Isolate *iso, Handle new_target, Handle realm) {
  Handle o = builtins_create_from_constructor(
      iso, new_target, NATIVE_CONTEXT_regexp_prototype,
      builtins_intrinsic(iso, realm, NATIVE_CONTEXT_js_regexp_map));
  if (handle_is_null(o)) return o;
  js_regexp_set_data(H(o), H(ROOT_HANDLE(iso, undefined_value)));
  js_regexp_set_source(H(o), H(ROOT_HANDLE(iso, empty_string)));
  js_regexp_set_flags(H(o), 0);
  Handle key = last_index_key(iso);
  if (handle_is_null(key) ||
      !js_object_define_own_property(iso, o, key, ROOT_HANDLE(iso, undefined_value),
                                     DONT_ENUM | DONT_DELETE)) {
    return HANDLE_NULL;
  }
  return o;
}

/* ---- the compilation cache ---------------------------------------------------------------- */

/* Compiled code is immutable, so RegExps with the same source and flags share one ByteArray:
 * a direct-mapped cache of kRegExpCacheSize (source, flags, code) entries in the realm,
 * keyed by a hash of the source's first units (a collision only costs a recompile). */
enum { kRegExpCacheSize = 128 };

static uint32_t cache_index(Tagged flat_source, RegExpFlags flags) {
  uint32_t h = 2166136261u ^ (uint32_t)flags;
  int64_t n = string_length(flat_source);
  for (int64_t i = 0; i < n && i < 256; i++) h = (h ^ string_get(flat_source, i)) * 16777619u;
  h ^= (uint32_t)n;
  return h % kRegExpCacheSize;
}

/* The cached code for (source, flags), or 0. */
static Tagged cache_lookup(Isolate *iso, Handle source, RegExpFlags flags) {
  Tagged cache = context_get(iso->native_context, NATIVE_CONTEXT_regexp_cache);
  if (!is_heap_object(cache) || !is_fixed_array(cache)) return 0;
  uint32_t i = 3 * cache_index(H(source), flags);
  Tagged s = fixed_array_get(cache, i);
  if (!is_heap_object(s) || !is_string(s) || smi_value(fixed_array_get(cache, i + 1)) != (int32_t)flags ||
      !string_equals(s, H(source))) {
    return 0;
  }
  return fixed_array_get(cache, i + 2);
}

/* Remembers code for (source, flags). May allocate (the cache itself, once). */
static bool cache_store(Isolate *iso, Handle source, RegExpFlags flags, Handle code) {
  Tagged cache = context_get(iso->native_context, NATIVE_CONTEXT_regexp_cache);
  if (!is_heap_object(cache) || !is_fixed_array(cache)) {
    Handle fresh = factory_new_fixed_array(iso, 3 * kRegExpCacheSize);
    if (handle_is_null(fresh)) return false;
    context_set(iso->native_context, NATIVE_CONTEXT_regexp_cache, H(fresh));
    cache = H(fresh);
  }
  uint32_t i = 3 * cache_index(H(source), flags);
  fixed_array_set(cache, i, H(source));
  fixed_array_set(cache, i + 1, smi_from_int((int32_t)flags));
  fixed_array_set(cache, i + 2, H(code));
  return true;
}

/* --print-regexp-code: "--- regexp /source/flags ---", then the disassembly, on stdout. */
static void print_regexp_code(Isolate *iso, Handle source, RegExpFlags flags,
                              const RegExpCode *code) {
  char text[9];
  regexp_flags_to_string(flags, text);
  char *utf8 = string_to_utf8(iso, H(source), NULL);
  printf("--- regexp /%s/%s ---\n", utf8 ? utf8 : "?", text);
  free(utf8);
  regexp_print_code(code, stdout);
  fflush(stdout);
}

/* Compiles pattern P (a String) with flags F (a String) into o. */
static bool regexp_compile_into(Isolate *iso, Handle o, Handle p, Handle f) {
  size_t flen, plen;
  uint16_t *fu = builtins_string_units(iso, H(f), &flen);
  if (!fu) return false;
  RegExpFlags flags;
  bool flags_ok = regexp_parse_flags(fu, flen, true, &flags);
  free(fu);
  if (!flags_ok) {
    char *text = string_to_utf8(iso, H(f), NULL);
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "Invalid flags supplied to RegExp constructor '%s'",
                        text ? text : "");
    free(text);
    return false;
  }
  p = string_flatten(iso, p);
  if (handle_is_null(p)) return false;
  Tagged cached = cache_lookup(iso, p, flags);
  if (cached != 0) {
    js_regexp_set_data(H(o), cached);
    js_regexp_set_source(H(o), H(p));
    js_regexp_set_flags(H(o), (int64_t)flags | (js_regexp_flags(H(o)) & kLegacyFeaturesBit));
    return true;
  }
  uint16_t *pu = builtins_string_units(iso, H(p), &plen);
  if (!pu) return false;
  char err[256];
  RegExpCode *code = regexp_compile(pu, plen, true, flags, err, sizeof err);
  free(pu);
  if (!code) {
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "%s", err);
    return false;
  }
  if (iso->flags.print_regexp_code) print_regexp_code(iso, p, flags, code);
  Handle data = factory_new_byte_array(iso, (int64_t)regexp_code_size(code));
  if (handle_is_null(data)) { regexp_free(code); return false; }
  memcpy(byte_array_data(H(data)), code, regexp_code_size(code));
  regexp_free(code);
  if (!cache_store(iso, p, flags, data)) return false;
  js_regexp_set_data(H(o), H(data));
  js_regexp_set_source(H(o), H(p));
  js_regexp_set_flags(H(o), (int64_t)flags | (js_regexp_flags(H(o)) & kLegacyFeaturesBit));
  return true;
}

/* ES2025 22.2.3.3 RegExpInitialize. Calls user code. */
static Handle regexp_initialize(Isolate *iso, Handle o, Handle pattern, Handle flags) {
  Handle p = is_undefined(iso, H(pattern)) ? ROOT_HANDLE(iso, empty_string)
                                           : runtime_to_string(iso, pattern);
  BUILTIN_TRY(p);
  Handle f = is_undefined(iso, H(flags)) ? ROOT_HANDLE(iso, empty_string)
                                         : runtime_to_string(iso, flags);
  BUILTIN_TRY(f);
  BUILTIN_CHECK(regexp_compile_into(iso, o, p, f));
  BUILTIN_CHECK(set_last_index(iso, o, 0));
  return o;
}

/* ES2025 7.2.8 IsRegExp. Calls user code. */
static RuntimeMaybeBool is_regexp(Isolate *iso, Handle arg) {
  if (!is_object(H(arg))) return RT_FALSE;
  Handle matcher = runtime_get(iso, arg, ROOT_HANDLE(iso, match_symbol), arg);
  if (handle_is_null(matcher)) return RT_EXCEPTION;
  if (!is_undefined(iso, H(matcher))) return runtime_to_boolean(iso, H(matcher)) ? RT_TRUE : RT_FALSE;
  return is_js_regexp(H(arg)) ? RT_TRUE : RT_FALSE;
}

/* ES2025 22.2.4.1 RegExp ( pattern, flags ) */
static Handle BUILTIN_NAME(RegExpConstructor)(Isolate *iso, BuiltinArgs *args) {
  Handle pattern = BUILTIN_ARG(0), flags = BUILTIN_ARG(1);
  RuntimeMaybeBool pattern_is_regexp = is_regexp(iso, pattern);
  if (pattern_is_regexp == RT_EXCEPTION) return HANDLE_NULL;
  Handle new_target = builtin_new_target(args);
  if (!builtin_is_construct_call(iso, args)) {
    new_target = builtin_target(args);
    if (pattern_is_regexp == RT_TRUE && is_undefined(iso, H(flags))) {
      Handle ctor = builtins_get(iso, pattern, "constructor");
      BUILTIN_TRY(ctor);
      if (runtime_same_value(H(ctor), H(new_target))) return pattern;
    }
  }
  Handle p, f;
  if (is_heap_object(H(pattern)) && is_js_regexp(H(pattern))) {
    p = handle_new(iso, js_regexp_source(H(pattern)));
    if (is_undefined(iso, H(flags))) {
      char text[9];
      regexp_flags_to_string((RegExpFlags)js_regexp_flags(H(pattern)), text);
      f = builtins_string(iso, text);
      BUILTIN_TRY(f);
    } else {
      f = flags;
    }
  } else if (pattern_is_regexp == RT_TRUE) {
    p = builtins_get(iso, pattern, "source");
    BUILTIN_TRY(p);
    f = is_undefined(iso, H(flags)) ? runtime_get(iso, pattern, ROOT_HANDLE(iso, flags_string), pattern) : flags;
    BUILTIN_TRY(f);
  } else {
    p = pattern;
    f = flags;
  }
  Handle realm = builtins_realm(iso, args);
  Handle o = regexp_alloc(iso, new_target, realm);
  BUILTIN_TRY(o);
  /* Annex B legacy RegExp features: only RegExps %RegExp% itself makes have them. */
  if (H(new_target) == context_get(H(realm), NATIVE_CONTEXT_regexp_function)) {
    js_regexp_set_flags(H(o), kLegacyFeaturesBit);
  }
  return regexp_initialize(iso, o, p, f);
}

/* ---- exec ------------------------------------------------------------------------------ */

/* Creates data property key (a root string) on obj. */
static bool define(Isolate *iso, Handle obj, Handle key, Handle value) {
  return runtime_create_data_property_or_throw(iso, obj, key, value);
}

/* CreateDataPropertyOrThrow(a, index, value) for an array this file made: an ordinary
 * extensible array, where [[Set]] of an absent index (the element fast path, taken when
 * nothing on the chain has elements) defines the same data property. */
static bool define_index(Isolate *iso, Handle a, double index, Handle value) {
  ElementResult r = runtime_fast_set_element(iso, a, index, value);
  if (r != ELEMENT_ABSENT) return r == ELEMENT_FOUND;
  return builtins_create_data_index(iso, a, index, value);
}

/* The substring for capture i, or undefined. */
static Handle capture_value(Isolate *iso, Handle s, const int *caps, int i) {
  if (caps[2 * i] < 0) return ROOT_HANDLE(iso, undefined_value);
  return string_substring(iso, s, caps[2 * i], caps[2 * i + 1]);
}

/* [start, end] as an array, or undefined (22.2.7.7 GetMatchIndexPair). */
static Handle index_pair(Isolate *iso, const int *caps, int i) {
  if (caps[2 * i] < 0) return ROOT_HANDLE(iso, undefined_value);
  Handle a = runtime_new_array(iso, 0);
  if (handle_is_null(a)) return a;
  Handle s = builtins_number(iso, caps[2 * i]);
  if (handle_is_null(s) || !define_index(iso, a, 0, s)) return HANDLE_NULL;
  Handle e = builtins_number(iso, caps[2 * i + 1]);
  if (handle_is_null(e) || !define_index(iso, a, 1, e)) return HANDLE_NULL;
  return a;
}

/* Is group i's name the same as that of an earlier group j < i that matched? (Duplicate
 * names: only the participating group sets the property.) */
static bool name_taken(const RegExpCode *code, const int *caps, int i) {
  size_t len;
  const uint16_t *name = regexp_capture_name(code, i, &len);
  for (int j = 1; j < i; j++) {
    size_t jl;
    const uint16_t *other = regexp_capture_name(code, j, &jl);
    if (other && jl == len && memcmp(other, name, len * 2) == 0 && caps[2 * j] >= 0) return true;
  }
  return false;
}

/* The `groups` object (null prototype) of a match: each name maps to its group's value
 * (value_of 0) or index pair (1). */
static Handle make_groups(Isolate *iso, Handle rx, Handle s, const int *caps, int n, int kind) {
  Handle groups = runtime_object_create(iso, ROOT_HANDLE(iso, null_value));
  if (handle_is_null(groups)) return groups;
  for (int i = 1; i < n; i++) {
    /* The code moves with its ByteArray when the GC runs: copy the name out first. */
    const RegExpCode *code = (const RegExpCode *)byte_array_data(js_regexp_data(H(rx)));
    size_t len;
    const uint16_t *name = regexp_capture_name(code, i, &len);
    if (!name || name_taken(code, caps, i)) continue;
    uint16_t *copy = malloc((len + 1) * sizeof(uint16_t));
    if (!copy) return builtins_throw_range_error(iso, "out of memory");
    memcpy(copy, name, len * sizeof(uint16_t));
    Handle key = builtins_string_from_units(iso, copy, len);
    free(copy);
    if (handle_is_null(key)) return key;
    key = string_internalize(iso, key);
    if (handle_is_null(key)) return key;
    Handle v = kind == 0 ? capture_value(iso, s, caps, i) : index_pair(iso, caps, i);
    if (handle_is_null(v) || !runtime_create_data_property_or_throw(iso, groups, key, v)) {
      return HANDLE_NULL;
    }
  }
  return groups;
}

/* The match array of 22.2.7.2 steps 20-36. */
static Handle match_result(Isolate *iso, Handle rx, Handle s, const int *caps, int n,
                           bool named, bool has_indices) {
  Handle a = runtime_new_array(iso, 0);
  BUILTIN_TRY(a);
  Handle index = builtins_number(iso, caps[0]);
  BUILTIN_TRY(index);
  BUILTIN_CHECK(define(iso, a, ROOT_HANDLE(iso, index_string), index) &&
                define(iso, a, ROOT_HANDLE(iso, input_string), s));
  for (int i = 0; i < n; i++) {
    Handle v = capture_value(iso, s, caps, i);
    BUILTIN_TRY(v);
    BUILTIN_CHECK(define_index(iso, a, i, v));
  }
  Handle groups = named ? make_groups(iso, rx, s, caps, n, 0) : ROOT_HANDLE(iso, undefined_value);
  BUILTIN_TRY(groups);
  BUILTIN_CHECK(define(iso, a, ROOT_HANDLE(iso, groups_string), groups));
  if (has_indices) {
    Handle indices = runtime_new_array(iso, 0);
    BUILTIN_TRY(indices);
    for (int i = 0; i < n; i++) {
      Handle pair = index_pair(iso, caps, i);
      BUILTIN_TRY(pair);
      BUILTIN_CHECK(define_index(iso, indices, i, pair));
    }
    Handle igroups = named ? make_groups(iso, rx, s, caps, n, 1) : ROOT_HANDLE(iso, undefined_value);
    BUILTIN_TRY(igroups);
    BUILTIN_CHECK(define(iso, indices, ROOT_HANDLE(iso, groups_string), igroups) &&
                  define(iso, a, ROOT_HANDLE(iso, indices_string), indices));
  }
  return a;
}

/* The matcher's interrupt callback: stop when the isolate is asked to terminate. */
static bool regexp_interrupt(void *data) { return isolate_interrupt_requested(data); }

/* Runs rx's code on the flat string s from start. No JS allocation happens while the
 * engine holds pointers into s and the code. Throws a RangeError past the stack limit;
 * a termination request stops the match with the termination pending. */
static RegExpResult run_engine(Isolate *iso, Handle rx, Handle flat, size_t start, int *caps) {
  StringView v = string_view_of(H(flat));
  const RegExpCode *code = (const RegExpCode *)byte_array_data(js_regexp_data(H(rx)));
  RegExpExecLimits limits = {0, regexp_interrupt, iso, 0};
  RegExpResult r = regexp_exec(code, v.two_byte ? (const void *)v.two_byte : (const void *)v.one_byte,
                               (size_t)v.length, v.two_byte != NULL, start, caps, &limits);
  if (r == RE_ERROR_MEMORY) {
    builtins_throw_range_error(iso, "Maximum call stack size exceeded (regular expression backtracking)");
  } else if (r == RE_ERROR_INTERRUPTED && isolate_handle_interrupts(iso)) {
    builtins_throw_range_error(iso, "regular expression interrupted");
  }
  return r;
}

/* ---- Annex B legacy static properties (RegExp.$1, lastMatch, ...) ---------------------------- */

enum { kLegacyValid, kLegacyInput, kLegacyPairs, kLegacyCaptures = 10,
       kLegacyLength = kLegacyPairs + 2 * kLegacyCaptures };

/* After a successful RegExpBuiltinExec: the realm's legacy match state becomes this match
 * (input and the first ten captures), or is invalidated for a RegExp without legacy
 * features (a subclass instance). May allocate. */
static bool record_legacy_match(Isolate *iso, Handle rx, Handle s, const int *caps, int n) {
  Tagged info = context_get(iso->native_context, NATIVE_CONTEXT_regexp_last_match);
  if (!is_heap_object(info) || !is_fixed_array(info)) {
    Handle fresh = factory_new_fixed_array(iso, kLegacyLength);
    if (handle_is_null(fresh)) return false;
    context_set(iso->native_context, NATIVE_CONTEXT_regexp_last_match, H(fresh));
    info = H(fresh);
  }
  bool legacy = (js_regexp_flags(H(rx)) & kLegacyFeaturesBit) != 0;
  fixed_array_set(info, kLegacyValid, smi_from_int(legacy ? 1 : 0));
  fixed_array_set(info, kLegacyInput, H(s));
  for (int i = 0; i < kLegacyCaptures; i++) {
    bool set = i < n && caps[2 * i] >= 0;
    fixed_array_set(info, kLegacyPairs + 2 * i, smi_from_int(set ? caps[2 * i] : -1));
    fixed_array_set(info, kLegacyPairs + 2 * i + 1, smi_from_int(set ? caps[2 * i + 1] : -1));
  }
  return true;
}

/* V(Name, kind): the legacy accessors; kind >= 1 is $kind, 0 lastMatch, -1 lastParen,
 * -2 leftContext, -3 rightContext, -4 input. */
#define REGEXP_LEGACY_GETTERS(V)                                                        \
  V(Paren1, 1) V(Paren2, 2) V(Paren3, 3) V(Paren4, 4) V(Paren5, 5) V(Paren6, 6)          \
  V(Paren7, 7) V(Paren8, 8) V(Paren9, 9) V(LastMatch, 0) V(LastParen, -1)                \
  V(LeftContext, -2) V(RightContext, -3) V(Input, -4)

/* GetLegacyRegExpStaticProperty (proposal-regexp-legacy-features). */
static Handle legacy_get(Isolate *iso, BuiltinArgs *args, int kind) {
  Handle realm = builtins_realm(iso, args);
  if (H(builtin_receiver(args)) != context_get(H(realm), NATIVE_CONTEXT_regexp_function)) {
    return builtins_throw_type_error(iso, "RegExp legacy static property read on a receiver other than RegExp");
  }
  Tagged info = context_get(H(realm), NATIVE_CONTEXT_regexp_last_match);
  if (!is_heap_object(info) || !is_fixed_array(info)) return ROOT_HANDLE(iso, empty_string);
  if (smi_value(fixed_array_get(info, kLegacyValid)) == 0) {
    return builtins_throw_type_error(iso, "RegExp legacy static properties were invalidated by a subclass match");
  }
  Handle input = handle_new(iso, fixed_array_get(info, kLegacyInput));
  if (kind == -4) return input;
  int group = kind;
  int64_t start, end;
  if (kind == -1) {          /* the last group that exists (set or not) */
    group = 0;
    for (int i = 1; i < kLegacyCaptures; i++) {
      if (smi_value(fixed_array_get(info, kLegacyPairs + 2 * i)) >= 0) group = i;
    }
    if (group == 0) return ROOT_HANDLE(iso, empty_string);
  }
  if (kind == -2) { start = 0; end = smi_value(fixed_array_get(info, kLegacyPairs)); }
  else if (kind == -3) { start = smi_value(fixed_array_get(info, kLegacyPairs + 1)); end = string_length(H(input)); }
  else {
    start = smi_value(fixed_array_get(info, kLegacyPairs + 2 * group));
    end = smi_value(fixed_array_get(info, kLegacyPairs + 2 * group + 1));
    if (start < 0) return ROOT_HANDLE(iso, empty_string);
  }
  return string_substring(iso, input, start, end);
}

#define LEGACY_GETTER(Name, kind) \
  BUILTIN(RegExpLegacyGet##Name) { return legacy_get(iso, args, kind); }
REGEXP_LEGACY_GETTERS(LEGACY_GETTER)
#undef LEGACY_GETTER

/* SetLegacyRegExpStaticProperty for RegExp.input / RegExp.$_. */
BUILTIN(RegExpLegacySetInput) {
  Handle realm = builtins_realm(iso, args);
  if (H(builtin_receiver(args)) != context_get(H(realm), NATIVE_CONTEXT_regexp_function)) {
    return builtins_throw_type_error(iso, "RegExp.input set on a receiver other than RegExp");
  }
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  Tagged info = context_get(H(realm), NATIVE_CONTEXT_regexp_last_match);
  if (!is_heap_object(info) || !is_fixed_array(info)) {
    Handle fresh = factory_new_fixed_array(iso, kLegacyLength);
    BUILTIN_TRY(fresh);
    for (int i = 0; i < kLegacyLength; i++) fixed_array_set(H(fresh), i, smi_from_int(-1));
    fixed_array_set(H(fresh), kLegacyValid, smi_from_int(1));
    context_set(H(realm), NATIVE_CONTEXT_regexp_last_match, H(fresh));
    info = H(fresh);
  }
  fixed_array_set(info, kLegacyInput, H(s));
  return BUILTIN_UNDEFINED;
}

static bool install_legacy_accessors(Isolate *iso, Handle nc, Handle ctor) {
  static const struct { const char *key; BuiltinFunction get; bool settable; } kLegacy[] = {
    {"$1", BUILTIN_NAME(RegExpLegacyGetParen1), false}, {"$2", BUILTIN_NAME(RegExpLegacyGetParen2), false},
    {"$3", BUILTIN_NAME(RegExpLegacyGetParen3), false}, {"$4", BUILTIN_NAME(RegExpLegacyGetParen4), false},
    {"$5", BUILTIN_NAME(RegExpLegacyGetParen5), false}, {"$6", BUILTIN_NAME(RegExpLegacyGetParen6), false},
    {"$7", BUILTIN_NAME(RegExpLegacyGetParen7), false}, {"$8", BUILTIN_NAME(RegExpLegacyGetParen8), false},
    {"$9", BUILTIN_NAME(RegExpLegacyGetParen9), false},
    {"input", BUILTIN_NAME(RegExpLegacyGetInput), true}, {"$_", BUILTIN_NAME(RegExpLegacyGetInput), true},
    {"lastMatch", BUILTIN_NAME(RegExpLegacyGetLastMatch), false}, {"$&", BUILTIN_NAME(RegExpLegacyGetLastMatch), false},
    {"lastParen", BUILTIN_NAME(RegExpLegacyGetLastParen), false}, {"$+", BUILTIN_NAME(RegExpLegacyGetLastParen), false},
    {"leftContext", BUILTIN_NAME(RegExpLegacyGetLeftContext), false}, {"$`", BUILTIN_NAME(RegExpLegacyGetLeftContext), false},
    {"rightContext", BUILTIN_NAME(RegExpLegacyGetRightContext), false}, {"$'", BUILTIN_NAME(RegExpLegacyGetRightContext), false},
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kLegacy); i++) {
    if (!builtins_install_accessor(iso, nc, ctor, kLegacy[i].key, kLegacy[i].get,
                                   kLegacy[i].settable ? BUILTIN_NAME(RegExpLegacySetInput) : NULL,
                                   DONT_ENUM)) {
      return false;
    }
  }
  return true;
}

/* Captures of up to kInlineCaptures groups live on the C stack; more are malloc'd. */
enum { kInlineCaptures = 16 };

typedef struct {
  int *caps;
  int inline_caps[2 * kInlineCaptures];
  int count;        /* capture groups including group 0 */
} CaptureBuffer;

static bool capture_buffer_init(Isolate *iso, CaptureBuffer *b, Handle rx) {
  const RegExpCode *code = (const RegExpCode *)byte_array_data(js_regexp_data(H(rx)));
  b->count = regexp_capture_count(code);
  b->caps = b->count <= kInlineCaptures ? b->inline_caps : malloc(2 * (size_t)b->count * sizeof(int));
  if (!b->caps) builtins_throw_range_error(iso, "out of memory");
  return b->caps != NULL;
}

/* Grows b to the capture count of rx's current code. User code run by ToLength(lastIndex)
 * may have recompiled rx (RegExp.prototype.compile) after b was sized, and the spec runs
 * the new matcher. */
static bool capture_buffer_fit(Isolate *iso, CaptureBuffer *b, Handle rx) {
  const RegExpCode *code = (const RegExpCode *)byte_array_data(js_regexp_data(H(rx)));
  int count = regexp_capture_count(code);
  if (count <= b->count) { b->count = count; return true; }
  int *caps = malloc(2 * (size_t)count * sizeof(int));
  if (!caps) { builtins_throw_range_error(iso, "out of memory"); return false; }
  if (b->caps != b->inline_caps) free(b->caps);
  b->caps = caps;
  b->count = count;
  return true;
}

static void capture_buffer_free(CaptureBuffer *b) {
  if (b->caps != b->inline_caps) free(b->caps);
}

/* ES2025 22.2.7.2 RegExpBuiltinExec ( R, S ) steps 1-19 and 21-ish: reads lastIndex, runs
 * the engine from it, records the legacy match and updates lastIndex, without building the
 * result. caps holds 2 * capture count ints (the caller's); *flat_out gets S flattened.
 * Returns RE_MATCH, RE_NO_MATCH, or an error value with the exception pending (also for a
 * throwing lastIndex conversion). Calls user code (ToLength(lastIndex)). */
static RegExpResult builtin_exec_raw(Isolate *iso, Handle rx, Handle s, CaptureBuffer *cb,
                                     Handle *flat_out) {
  double last_index;
  if (!get_last_index(iso, rx, &last_index)) return RE_ERROR_INTERRUPTED;
  if (!capture_buffer_fit(iso, cb, rx)) return RE_ERROR_INTERRUPTED;
  int *caps = cb->caps;
  RegExpFlags flags = (RegExpFlags)js_regexp_flags(H(rx));
  bool global = flags & RE_FLAG_G, sticky = flags & RE_FLAG_Y;
  if (!global && !sticky) last_index = 0;
  Handle flat = string_flatten(iso, s);
  if (handle_is_null(flat)) return RE_ERROR_MEMORY;
  *flat_out = flat;
  int64_t length = string_length(H(flat));
  if (last_index > (double)length) {
    if ((global || sticky) && !set_last_index(iso, rx, 0)) return RE_ERROR_INTERRUPTED;
    return RE_NO_MATCH;
  }
  const RegExpCode *code = (const RegExpCode *)byte_array_data(js_regexp_data(H(rx)));
  int n = regexp_capture_count(code);
  RegExpResult r = run_engine(iso, rx, flat, (size_t)last_index, caps);
  if (r == RE_MATCH) {
    if (!record_legacy_match(iso, rx, flat, caps, n)) return RE_ERROR_MEMORY;
    if ((global || sticky) && !set_last_index(iso, rx, caps[1])) return RE_ERROR_INTERRUPTED;
  } else if (r == RE_NO_MATCH) {
    if ((global || sticky) && !set_last_index(iso, rx, 0)) return RE_ERROR_INTERRUPTED;
  }
  return r;
}


/* ES2025 22.2.7.2 RegExpBuiltinExec ( R, S ). Calls user code (lastIndex). */
static Handle regexp_builtin_exec(Isolate *iso, Handle rx, Handle s) {
  CaptureBuffer cb;
  if (!capture_buffer_init(iso, &cb, rx)) return HANDLE_NULL;
  Handle flat = s;
  RegExpResult r = builtin_exec_raw(iso, rx, s, &cb, &flat);
  Handle result;
  if (r == RE_MATCH) {
    const RegExpCode *code = (const RegExpCode *)byte_array_data(js_regexp_data(H(rx)));
    bool named = regexp_has_named_groups(code);
    bool indices = js_regexp_flags(H(rx)) & RE_FLAG_D;
    result = match_result(iso, rx, flat, cb.caps, cb.count, named, indices);
  } else {
    result = r == RE_NO_MATCH ? ROOT_HANDLE(iso, null_value) : HANDLE_NULL;
  }
  capture_buffer_free(&cb);
  return result;
}

/* ---- the unmodified fast path --------------------------------------------------------- */

/* Does rx follow the built-in RegExp protocol, so that skipping the observable Gets of
 * "exec", "flags", the flag getters, "constructor" and @@species changes nothing? True
 * when rx is a RegExp of the current realm whose only own property is lastIndex (its map
 * is the lastIndex transition of the realm's RegExp map), %RegExp.prototype% still has the
 * map it had after setup (accessors live in descriptors, so redefining one, or any
 * reconfiguration, changes the map; adding a property too), and its "exec" (a data field,
 * which can change without a map change) is still %RegExp.prototype.exec%. */
static bool regexp_is_pristine(Isolate *iso, Handle rx) {
  Tagged o = H(rx);
  if (!is_heap_object(o) || !is_js_regexp(o)) return false;
  Tagged nc = iso->native_context;
  Tagged map = heap_object_map(o);
  Tagged proto = context_get(nc, NATIVE_CONTEXT_regexp_prototype);
  if (map_back_pointer(map) != context_get(nc, NATIVE_CONTEXT_js_regexp_map) ||
      map_is_dictionary(map) || map_own_descriptors(map) != 1 || map_prototype(map) != proto ||
      heap_object_map(proto) != context_get(nc, NATIVE_CONTEXT_regexp_prototype_map)) {
    return false;
  }
  LookupResult lookup;
  if (!property_lookup_own(iso, handle_new(iso, proto), ROOT_HANDLE(iso, exec_string), &lookup) ||
      lookup.state == LOOKUP_DESCRIPTOR) {
    return false;
  }
  Handle exec = lookup_result_value(iso, &lookup);
  return !handle_is_null(exec) &&
         H(exec) == context_get(iso->native_context, NATIVE_CONTEXT_regexp_exec_function);
}

/* ES2025 22.2.7.1 RegExpExec ( R, S ). Calls user code. */
static Handle regexp_exec_abstract(Isolate *iso, Handle rx, Handle s) {
  if (regexp_is_pristine(iso, rx)) return regexp_builtin_exec(iso, rx, s);
  Handle exec = runtime_get(iso, rx, ROOT_HANDLE(iso, exec_string), rx);
  BUILTIN_TRY(exec);
  if (runtime_is_callable(H(exec))) {
    Handle result = builtins_call(iso, exec, rx, 1, &s);
    BUILTIN_TRY(result);
    if (!is_object(H(result)) && !is_null(iso, H(result))) {
      return builtins_throw_type_error(iso, "exec result must be an object or null");
    }
    return result;
  }
  if (!is_heap_object(H(rx)) || !is_js_regexp(H(rx))) {
    return builtins_throw_type_error(iso, "RegExp exec called on an incompatible receiver");
  }
  return regexp_builtin_exec(iso, rx, s);
}

static bool require_regexp(Isolate *iso, Handle rx, const char *method) {
  if (is_heap_object(H(rx)) && is_js_regexp(H(rx))) return true;
  builtins_throw_type_error(iso, "RegExp.prototype.%s requires that 'this' be a RegExp object",
                            method);
  return false;
}

static bool require_object(Isolate *iso, Handle rx, const char *method) {
  if (is_object(H(rx))) return true;
  builtins_throw_type_error(iso, "RegExp.prototype.%s called on a non-object", method);
  return false;
}

/* ES2025 22.2.6.2 RegExp.prototype.exec ( string ) */
BUILTIN(RegExpPrototypeExec) {
  Handle rx = builtin_receiver(args);
  BUILTIN_CHECK(require_regexp(iso, rx, "exec"));
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  return regexp_builtin_exec(iso, rx, s);
}

/* ES2025 22.2.6.16 RegExp.prototype.test ( S ) */
BUILTIN(RegExpPrototypeTest) {
  Handle rx = builtin_receiver(args);
  BUILTIN_CHECK(require_object(iso, rx, "test"));
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  if (regexp_is_pristine(iso, rx)) {  /* no result array: only the match state changes */
    CaptureBuffer cb;
    BUILTIN_CHECK(capture_buffer_init(iso, &cb, rx));
    Handle flat = s;
    RegExpResult r = builtin_exec_raw(iso, rx, s, &cb, &flat);
    capture_buffer_free(&cb);
    if (r != RE_MATCH && r != RE_NO_MATCH) return HANDLE_NULL;
    return builtins_boolean(iso, r == RE_MATCH);
  }
  Handle match = regexp_exec_abstract(iso, rx, s);
  BUILTIN_TRY(match);
  return builtins_boolean(iso, !is_null(iso, H(match)));
}

/* ES2025 22.2.6.17 RegExp.prototype.toString ( ) */
BUILTIN(RegExpPrototypeToString) {
  Handle rx = builtin_receiver(args);
  BUILTIN_CHECK(require_object(iso, rx, "toString"));
  Handle source = builtins_get(iso, rx, "source");
  BUILTIN_TRY(source);
  source = runtime_to_string(iso, source);
  BUILTIN_TRY(source);
  Handle flags = runtime_get(iso, rx, ROOT_HANDLE(iso, flags_string), rx);
  BUILTIN_TRY(flags);
  flags = runtime_to_string(iso, flags);
  BUILTIN_TRY(flags);
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  builtins_buffer_append_unit(&b, '/');
  builtins_buffer_append_string(&b, H(source));
  builtins_buffer_append_unit(&b, '/');
  builtins_buffer_append_string(&b, H(flags));
  return builtins_buffer_finish(iso, &b);
}

/* Annex B.2.4.1 RegExp.prototype.compile ( pattern, flags ) */
BUILTIN(RegExpPrototypeCompile) {
  Handle rx = builtin_receiver(args);
  BUILTIN_CHECK(require_regexp(iso, rx, "compile"));
  if (!(js_regexp_flags(H(rx)) & kLegacyFeaturesBit)) {
    return builtins_throw_type_error(iso, "RegExp.prototype.compile called on a RegExp subclass instance");
  }
  Handle pattern = BUILTIN_ARG(0), flags = BUILTIN_ARG(1);
  if (is_heap_object(H(pattern)) && is_js_regexp(H(pattern))) {
    if (!is_undefined(iso, H(flags))) {
      return builtins_throw_type_error(iso, "RegExp.prototype.compile: flags must be undefined");
    }
    char text[9];
    regexp_flags_to_string((RegExpFlags)js_regexp_flags(H(pattern)), text);
    flags = builtins_string(iso, text);
    BUILTIN_TRY(flags);
    pattern = handle_new(iso, js_regexp_source(H(pattern)));
  }
  return regexp_initialize(iso, rx, pattern, flags);
}

/* ---- accessors ------------------------------------------------------------------------ */

/* ES2025 22.2.6.4.1 RegExpHasFlag ( R, codeUnit ) */
static Handle regexp_has_flag(Isolate *iso, BuiltinArgs *args, RegExpFlags flag, const char *name) {
  Handle rx = builtin_receiver(args);
  if (!is_object(H(rx))) {
    return builtins_throw_type_error(iso, "RegExp.prototype.%s getter called on a non-object", name);
  }
  if (!is_js_regexp(H(rx))) {
    Handle proto = builtins_intrinsic(iso, builtins_realm(iso, args), NATIVE_CONTEXT_regexp_prototype);
    if (H(proto) == H(rx)) return ROOT_HANDLE(iso, undefined_value);
    return builtins_throw_type_error(iso, "RegExp.prototype.%s getter called on a non-RegExp", name);
  }
  return builtins_boolean(iso, (js_regexp_flags(H(rx)) & flag) != 0);
}

#define FLAG_GETTER(Name, key, flag) \
  BUILTIN(RegExpPrototypeGet##Name) { return regexp_has_flag(iso, args, flag, key); }
REGEXP_FLAG_GETTERS(FLAG_GETTER)
#undef FLAG_GETTER

/* ES2025 22.2.6.4 get RegExp.prototype.flags */
BUILTIN(RegExpPrototypeGetFlags) {
  Handle rx = builtin_receiver(args);
  BUILTIN_CHECK(require_object(iso, rx, "flags"));
  char text[9];
  if (regexp_is_pristine(iso, rx)) {  /* the flag getters are the built-in ones */
    regexp_flags_to_string((RegExpFlags)(js_regexp_flags(H(rx)) & kFlagsMask), text);
    return builtins_string(iso, text);
  }
  static const struct { const char *name; char letter; } kFlags[] = {
    {"hasIndices", 'd'}, {"global", 'g'}, {"ignoreCase", 'i'}, {"multiline", 'm'},
    {"dotAll", 's'}, {"unicode", 'u'}, {"unicodeSets", 'v'}, {"sticky", 'y'},
  };
  int n = 0;
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kFlags); i++) {
    Handle v = builtins_get(iso, rx, kFlags[i].name);
    BUILTIN_TRY(v);
    if (runtime_to_boolean(iso, H(v))) text[n++] = kFlags[i].letter;
  }
  text[n] = 0;
  return builtins_string(iso, text);
}

/* ES2025 22.2.6.13.1 EscapeRegExpPattern: '/' and line terminators escaped so the result
 * reads back as the same pattern in a literal; "(?:)" for the empty pattern. */
static Handle escape_pattern(Isolate *iso, Handle source) {
  if (string_length(H(source)) == 0) return builtins_string(iso, "(?:)");
  Handle flat = string_flatten(iso, source);
  BUILTIN_TRY(flat);
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  bool in_class = false;
  int64_t n = string_length(H(flat));
  for (int64_t i = 0; i < n; i++) {
    uint16_t c = string_get(H(flat), i);
    if (c == '\\' && i + 1 < n) {
      builtins_buffer_append_unit(&b, c);
      c = string_get(H(flat), ++i);
      if (c == '\n') { builtins_buffer_append_ascii(&b, "n"); continue; }
      if (c == '\r') { builtins_buffer_append_ascii(&b, "r"); continue; }
      if (c == 0x2028) { builtins_buffer_append_ascii(&b, "u2028"); continue; }
      if (c == 0x2029) { builtins_buffer_append_ascii(&b, "u2029"); continue; }
      builtins_buffer_append_unit(&b, c);
      continue;
    }
    if (c == '[') in_class = true;
    else if (c == ']') in_class = false;
    if (c == '/' && !in_class) builtins_buffer_append_ascii(&b, "\\/");
    else if (c == '\n') builtins_buffer_append_ascii(&b, "\\n");
    else if (c == '\r') builtins_buffer_append_ascii(&b, "\\r");
    else if (c == 0x2028) builtins_buffer_append_ascii(&b, "\\u2028");
    else if (c == 0x2029) builtins_buffer_append_ascii(&b, "\\u2029");
    else builtins_buffer_append_unit(&b, c);
  }
  return builtins_buffer_finish(iso, &b);
}

/* ES2025 22.2.6.13 get RegExp.prototype.source */
BUILTIN(RegExpPrototypeGetSource) {
  Handle rx = builtin_receiver(args);
  if (!is_object(H(rx))) return builtins_throw_type_error(iso, "RegExp.prototype.source getter called on a non-object");
  if (!is_js_regexp(H(rx))) {
    Handle proto = builtins_intrinsic(iso, builtins_realm(iso, args), NATIVE_CONTEXT_regexp_prototype);
    if (H(proto) == H(rx)) return builtins_string(iso, "(?:)");
    return builtins_throw_type_error(iso, "RegExp.prototype.source getter called on a non-RegExp");
  }
  return escape_pattern(iso, handle_new(iso, js_regexp_source(H(rx))));
}

/* ES2025 22.2.5.2 get RegExp [ @@species ] */
BUILTIN(RegExpGetSpecies) { return builtin_receiver(args); }

/* ---- @@match, @@search, @@matchAll ------------------------------------------------------------- */

/* The flags string of rx: ToString(Get(rx, "flags")), and whether it has g and u/v. */
static Handle flags_of(Isolate *iso, Handle rx, bool *global, bool *unicode) {
  if (regexp_is_pristine(iso, rx)) {  /* the "flags" getter and those it calls are built-in */
    RegExpFlags flags = (RegExpFlags)(js_regexp_flags(H(rx)) & kFlagsMask);
    *global = (flags & RE_FLAG_G) != 0;
    *unicode = (flags & (RE_FLAG_U | RE_FLAG_V)) != 0;
    char text[9];
    regexp_flags_to_string(flags, text);
    return builtins_string(iso, text);
  }
  Handle f = runtime_get(iso, rx, ROOT_HANDLE(iso, flags_string), rx);
  BUILTIN_TRY(f);
  f = runtime_to_string(iso, f);
  BUILTIN_TRY(f);
  Handle flat = string_flatten(iso, f);
  BUILTIN_TRY(flat);
  *global = *unicode = false;
  for (int64_t i = 0; i < string_length(H(flat)); i++) {
    uint16_t c = string_get(H(flat), i);
    if (c == 'g') *global = true;
    if (c == 'u' || c == 'v') *unicode = true;
  }
  return flat;
}

/* After an empty match: lastIndex = AdvanceStringIndex(S, ToLength(lastIndex)). */
static bool advance_after_empty(Isolate *iso, Handle rx, Handle s, bool unicode) {
  double this_index;
  if (!get_last_index(iso, rx, &this_index)) return false;
  return set_last_index(iso, rx, advance_string_index(H(s), this_index, unicode));
}

/* 22.2.6.8 step 6 for a pristine global rx: the matched substrings straight from the
 * capture positions, into the fresh array a; null when nothing matched. */
static Handle match_all_fast(Isolate *iso, Handle rx, Handle s, Handle a, bool unicode) {
  CaptureBuffer cb;
  if (!capture_buffer_init(iso, &cb, rx)) return HANDLE_NULL;
  Handle out = HANDLE_NULL;
  for (double n = 0;; n++) {
    Handle flat = s;
    RegExpResult r = builtin_exec_raw(iso, rx, s, &cb, &flat);
    if (r == RE_NO_MATCH) { out = n == 0 ? ROOT_HANDLE(iso, null_value) : a; break; }
    if (r != RE_MATCH) break;
    Handle m = capture_value(iso, s, cb.caps, 0);
    if (handle_is_null(m) || !define_index(iso, a, n, m)) break;
    if (cb.caps[0] == cb.caps[1] && !advance_after_empty(iso, rx, s, unicode)) break;
  }
  capture_buffer_free(&cb);
  return out;
}

/* ES2025 22.2.6.8 RegExp.prototype [ @@match ] ( string ) */
BUILTIN(RegExpPrototypeMatch) {
  Handle rx = builtin_receiver(args);
  BUILTIN_CHECK(require_object(iso, rx, "[Symbol.match]"));
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  s = string_flatten(iso, s);
  BUILTIN_TRY(s);
  bool global, unicode;
  BUILTIN_TRY(flags_of(iso, rx, &global, &unicode));
  if (!global) return regexp_exec_abstract(iso, rx, s);
  BUILTIN_CHECK(set_last_index(iso, rx, 0));
  Handle a = runtime_new_array(iso, 0);
  BUILTIN_TRY(a);
  if (regexp_is_pristine(iso, rx)) return match_all_fast(iso, rx, s, a, unicode);
  for (double n = 0;; n++) {
    Handle result = regexp_exec_abstract(iso, rx, s);
    BUILTIN_TRY(result);
    if (is_null(iso, H(result))) return n == 0 ? ROOT_HANDLE(iso, null_value) : a;
    Handle m = builtins_get_index(iso, result, 0);
    BUILTIN_TRY(m);
    m = runtime_to_string(iso, m);
    BUILTIN_TRY(m);
    BUILTIN_CHECK(define_index(iso, a, n, m));
    if (string_length(H(m)) == 0) BUILTIN_CHECK(advance_after_empty(iso, rx, s, unicode));
  }
}

/* ES2025 22.2.6.12 RegExp.prototype [ @@search ] ( string ) */
BUILTIN(RegExpPrototypeSearch) {
  Handle rx = builtin_receiver(args);
  BUILTIN_CHECK(require_object(iso, rx, "[Symbol.search]"));
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  Handle previous = runtime_get(iso, rx, ROOT_HANDLE(iso, last_index_string), rx);
  BUILTIN_TRY(previous);
  if (!runtime_same_value(H(previous), smi_from_int(0))) BUILTIN_CHECK(set_last_index(iso, rx, 0));
  Handle result = regexp_exec_abstract(iso, rx, s);
  BUILTIN_TRY(result);
  Handle current = runtime_get(iso, rx, ROOT_HANDLE(iso, last_index_string), rx);
  BUILTIN_TRY(current);
  if (!runtime_same_value(H(current), H(previous))) {
    BUILTIN_CHECK(runtime_set_property(iso, rx, last_index_key(iso), previous, true));
  }
  if (is_null(iso, H(result))) return builtins_number(iso, -1);
  return runtime_get(iso, result, ROOT_HANDLE(iso, index_string), result);
}

/* ES2025 22.2.6.9 RegExp.prototype [ @@matchAll ] ( string ) */
BUILTIN(RegExpPrototypeMatchAll) {
  Handle rx = builtin_receiver(args);
  BUILTIN_CHECK(require_object(iso, rx, "[Symbol.matchAll]"));
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  Handle realm = builtins_realm(iso, args);
  Handle ctor = runtime_species_constructor(iso, rx, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_regexp_function));
  BUILTIN_TRY(ctor);
  Handle flags = runtime_get(iso, rx, ROOT_HANDLE(iso, flags_string), rx);
  BUILTIN_TRY(flags);
  flags = runtime_to_string(iso, flags);
  BUILTIN_TRY(flags);
  Handle cargs[2] = {rx, flags};
  Handle matcher = execution_construct(iso, ctor, 2, cargs, HANDLE_NULL);
  BUILTIN_TRY(matcher);
  double last_index;
  BUILTIN_CHECK(get_last_index(iso, rx, &last_index));
  BUILTIN_CHECK(set_last_index(iso, matcher, last_index));
  bool global = false, unicode = false;
  Handle flat = string_flatten(iso, flags);
  BUILTIN_TRY(flat);
  for (int64_t i = 0; i < string_length(H(flat)); i++) {
    uint16_t c = string_get(H(flat), i);
    if (c == 'g') global = true;
    if (c == 'u' || c == 'v') unicode = true;
  }
  Handle it = factory_new_js_object_from_map(
      iso, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_js_regexp_string_iterator_map));
  BUILTIN_TRY(it);
  js_regexp_string_iterator_set_regexp(H(it), H(matcher));
  js_regexp_string_iterator_set_string(H(it), H(s));
  js_regexp_string_iterator_set_state(H(it), (global ? 1 : 0) | (unicode ? 2 : 0));
  return it;
}

/* ES2025 22.2.9.2.1 %RegExpStringIteratorPrototype%.next ( ) */
BUILTIN(RegExpStringIteratorNext) {
  Handle it = builtin_receiver(args);
  if (!is_heap_object(H(it)) || !is_js_regexp_string_iterator(H(it))) {
    return builtins_throw_type_error(iso, "%%RegExpStringIterator%%.next called on an incompatible receiver");
  }
  int64_t state = js_regexp_string_iterator_state(H(it));
  if (state & 4) return runtime_create_iter_result(iso, ROOT_HANDLE(iso, undefined_value), true);
  Handle rx = handle_new(iso, js_regexp_string_iterator_regexp(H(it)));
  Handle s = handle_new(iso, js_regexp_string_iterator_string(H(it)));
  Handle match = regexp_exec_abstract(iso, rx, s);
  BUILTIN_TRY(match);
  if (is_null(iso, H(match))) {
    js_regexp_string_iterator_set_state(H(it), state | 4);
    return runtime_create_iter_result(iso, ROOT_HANDLE(iso, undefined_value), true);
  }
  if (!(state & 1)) {
    js_regexp_string_iterator_set_state(H(it), state | 4);
    return runtime_create_iter_result(iso, match, false);
  }
  Handle m = builtins_get_index(iso, match, 0);
  BUILTIN_TRY(m);
  m = runtime_to_string(iso, m);
  BUILTIN_TRY(m);
  if (string_length(H(m)) == 0) {
    Handle flat = string_flatten(iso, s);
    BUILTIN_TRY(flat);
    BUILTIN_CHECK(advance_after_empty(iso, rx, flat, (state & 2) != 0));
  }
  return runtime_create_iter_result(iso, match, false);
}

/* ---- @@replace ---------------------------------------------------------------------------- */

/* ES2025 22.1.3.19.1 GetSubstitution ( matched, str, position, captures, namedCaptures,
 * replacementTemplate ), appending to b. captures[i] is a String or undefined. */
static bool get_substitution(Isolate *iso, BuiltinsBuffer *b, Handle matched, Handle str,
                             int64_t position, Handle *captures, int m, Handle named,
                             Handle replacement) {
  int64_t rlen = string_length(H(replacement)), slen = string_length(H(str));
  int64_t tail = position + string_length(H(matched));
  for (int64_t i = 0; i < rlen; i++) {
    uint16_t c = string_get(H(replacement), i);
    if (c != '$' || i + 1 >= rlen) { builtins_buffer_append_unit(b, c); continue; }
    uint16_t d = string_get(H(replacement), i + 1);
    if (d == '$') { builtins_buffer_append_unit(b, '$'); i++; continue; }
    if (d == '&') { builtins_buffer_append_string(b, H(matched)); i++; continue; }
    if (d == '`') {
      for (int64_t k = 0; k < position && k < slen; k++) builtins_buffer_append_unit(b, string_get(H(str), k));
      i++;
      continue;
    }
    if (d == '\'') {
      for (int64_t k = tail; k < slen; k++) builtins_buffer_append_unit(b, string_get(H(str), k));
      i++;
      continue;
    }
    if (d >= '0' && d <= '9') {
      int digits = 1, index = d - '0';
      if (i + 2 < rlen) {
        uint16_t e = string_get(H(replacement), i + 2);
        if (e >= '0' && e <= '9' && index * 10 + (e - '0') >= 1 && index * 10 + (e - '0') <= m) {
          index = index * 10 + (e - '0');
          digits = 2;
        }
      }
      if (index < 1 || index > m) { builtins_buffer_append_unit(b, c); continue; }
      if (!is_undefined(iso, H(captures[index - 1]))) builtins_buffer_append_string(b, H(captures[index - 1]));
      i += digits;
      continue;
    }
    if (d == '<' && !is_undefined(iso, H(named))) {
      int64_t close = -1;
      for (int64_t k = i + 2; k < rlen; k++) {
        if (string_get(H(replacement), k) == '>') { close = k; break; }
      }
      if (close < 0) { builtins_buffer_append_unit(b, c); continue; }
      Handle name = string_substring(iso, replacement, i + 2, close);
      if (handle_is_null(name)) return false;
      name = string_internalize(iso, name);
      if (handle_is_null(name)) return false;
      Handle v = runtime_get(iso, named, name, named);
      if (handle_is_null(v)) return false;
      if (!is_undefined(iso, H(v))) {
        v = runtime_to_string(iso, v);
        if (handle_is_null(v)) return false;
        builtins_buffer_append_string(b, H(v));
      }
      i = close;
      continue;
    }
    builtins_buffer_append_unit(b, c);
  }
  return true;
}

/* The replacement for one match result (22.2.6.11 steps 14.a-14.p). */
static Handle replacement_for(Isolate *iso, Handle result, Handle s, Handle replace_value,
                              bool functional, int64_t *position_out, int64_t *matched_length) {
  Handle ncap_h = runtime_get(iso, result, ROOT_HANDLE(iso, length_string), result);
  BUILTIN_TRY(ncap_h);
  double ncap;
  BUILTIN_CHECK(runtime_to_length(iso, ncap_h, &ncap));
  int n = ncap - 1 < 0 ? 0 : (int)(ncap - 1 > 1000000 ? 1000000 : ncap - 1);
  Handle matched = builtins_get_index(iso, result, 0);
  BUILTIN_TRY(matched);
  matched = runtime_to_string(iso, matched);
  BUILTIN_TRY(matched);
  Handle pos_h = runtime_get(iso, result, ROOT_HANDLE(iso, index_string), result);
  BUILTIN_TRY(pos_h);
  double pos;
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, pos_h, &pos));
  int64_t slen = string_length(H(s));
  int64_t position = pos < 0 ? 0 : pos > (double)slen ? slen : (int64_t)pos;
  Handle *captures = calloc((size_t)n + 3, sizeof(Handle));
  if (!captures) return builtins_throw_range_error(iso, "out of memory");
  Handle out = HANDLE_NULL;
  for (int i = 1; i <= n; i++) {
    Handle c = builtins_get_index(iso, result, i);
    if (handle_is_null(c)) goto done;
    if (!is_undefined(iso, H(c))) {
      c = runtime_to_string(iso, c);
      if (handle_is_null(c)) goto done;
    }
    captures[i - 1] = c;
  }
  Handle named = runtime_get(iso, result, ROOT_HANDLE(iso, groups_string), result);
  if (handle_is_null(named)) goto done;
  if (functional) {
    int argc = n + 3 + (is_undefined(iso, H(named)) ? 0 : 1);
    Handle *argv = calloc((size_t)argc, sizeof(Handle));
    if (!argv) { builtins_throw_range_error(iso, "out of memory"); goto done; }
    argv[0] = matched;
    for (int i = 0; i < n; i++) argv[i + 1] = captures[i];
    argv[n + 1] = builtins_number(iso, (double)position);
    argv[n + 2] = s;
    if (argc > n + 3) argv[n + 3] = named;
    Handle r = handle_is_null(argv[n + 1]) ? HANDLE_NULL
               : builtins_call(iso, replace_value, ROOT_HANDLE(iso, undefined_value), argc, argv);
    free(argv);
    out = handle_is_null(r) ? r : runtime_to_string(iso, r);
  } else {
    if (!is_undefined(iso, H(named))) {
      named = runtime_to_object(iso, named);
      if (handle_is_null(named)) goto done;
    }
    BuiltinsBuffer b;
    builtins_buffer_init(&b);
    if (!get_substitution(iso, &b, matched, s, position, captures, n, named, replace_value)) {
      builtins_buffer_free(&b);
      goto done;
    }
    out = builtins_buffer_finish(iso, &b);
  }
  *position_out = position;
  *matched_length = string_length(H(matched));
done:
  free(captures);
  return out;
}

/* ---- the fast paths of @@replace, @@split and @@match ---------------------------------- */

/* Appends the units [start, end) of the flat string s: straight into the buffer's spare
 * capacity, one builtins_buffer_append_unit (which grows it) when there is none. */
static void append_slice(BuiltinsBuffer *b, Tagged s, int64_t start, int64_t end) {
  StringView v = string_view_of(s);
  while (start < end && !b->failed) {
    size_t room = b->capacity - b->length;
    if (room == 0) {
      builtins_buffer_append_unit(b, string_view_get(v, start++));
      continue;
    }
    size_t n = (size_t)(end - start) < room ? (size_t)(end - start) : room;
    uint16_t *out = b->data + b->length;
    if (v.one_byte) {
      for (size_t i = 0; i < n; i++) out[i] = v.one_byte[start + (int64_t)i];
    } else {
      memcpy(out, v.two_byte + start, n * sizeof(uint16_t));
    }
    b->length += n;
    start += (int64_t)n;
  }
}

/* GetSubstitution (22.1.3.19.1) over capture positions, for a pattern without named
 * groups (so "$<" is literal): caps holds groups 0..m of one match of the flat string s;
 * tmpl is the flat replacement template. The same cases as get_substitution. */
static void substitute_positions(BuiltinsBuffer *b, Tagged s, const int *caps, int m,
                                 Tagged tmpl) {
  int64_t rlen = string_length(tmpl), slen = string_length(s);
  for (int64_t i = 0; i < rlen; i++) {
    uint16_t c = string_get(tmpl, i);
    if (c != '$' || i + 1 >= rlen) { builtins_buffer_append_unit(b, c); continue; }
    uint16_t d = string_get(tmpl, i + 1);
    if (d == '$') { builtins_buffer_append_unit(b, '$'); i++; continue; }
    if (d == '&') { append_slice(b, s, caps[0], caps[1]); i++; continue; }
    if (d == '`') { append_slice(b, s, 0, caps[0]); i++; continue; }
    if (d == '\'') { append_slice(b, s, caps[1] < slen ? caps[1] : slen, slen); i++; continue; }
    if (d >= '0' && d <= '9') {
      int digits = 1, index = d - '0';
      if (i + 2 < rlen) {
        uint16_t e = string_get(tmpl, i + 2);
        if (e >= '0' && e <= '9' && index * 10 + (e - '0') >= 1 && index * 10 + (e - '0') <= m) {
          index = index * 10 + (e - '0');
          digits = 2;
        }
      }
      if (index < 1 || index > m) { builtins_buffer_append_unit(b, c); continue; }
      if (caps[2 * index] >= 0) append_slice(b, s, caps[2 * index], caps[2 * index + 1]);
      i += digits;
      continue;
    }
    builtins_buffer_append_unit(b, c);
  }
}

/* A growable array of match positions: `width` ints (2 * capture count) per match. */
typedef struct {
  int *data;
  size_t count, capacity, width;
} MatchList;

static bool match_list_push(MatchList *l, const int *caps) {
  if (l->count == l->capacity) {
    size_t capacity = l->capacity ? 2 * l->capacity : 8;
    int *data = realloc(l->data, capacity * l->width * sizeof(int));
    if (!data) return false;
    l->data = data;
    l->capacity = capacity;
  }
  memcpy(l->data + l->count++ * l->width, caps, l->width * sizeof(int));
  return true;
}

/* The function replacer's result for one match (22.2.6.11 steps 14.k-14.m without the
 * groups argument): ToString(Call(fn, undefined, matched, captures..., position, s)). */
static Handle call_replacer(Isolate *iso, Handle fn, Handle s, const int *caps, int n) {
  Handle *argv = calloc((size_t)n + 2, sizeof(Handle));
  if (!argv) return builtins_throw_range_error(iso, "out of memory");
  Handle out = HANDLE_NULL;
  for (int i = 0; i < n; i++) {
    argv[i] = capture_value(iso, s, caps, i);
    if (handle_is_null(argv[i])) goto done;
  }
  argv[n] = builtins_number(iso, caps[0]);
  argv[n + 1] = s;
  if (handle_is_null(argv[n])) goto done;
  out = builtins_call(iso, fn, ROOT_HANDLE(iso, undefined_value), n + 2, argv);
  if (!handle_is_null(out)) out = runtime_to_string(iso, out);
done:
  free(argv);
  return out;
}

/* 22.2.6.11 steps 8-16 for an unmodified RegExp without named groups: the matches are
 * collected as positions (no result objects; nothing observable runs while matching), then
 * the replacements are made in order, calling fn (if functional) once per match. s is
 * flat; tmpl is the flat template when !functional. */
static Handle replace_fast(Isolate *iso, Handle rx, Handle s, Handle replacer, bool functional,
                           bool global, bool unicode) {
  CaptureBuffer cb;
  if (!capture_buffer_init(iso, &cb, rx)) return HANDLE_NULL;
  MatchList list = {NULL, 0, 0, 2 * (size_t)cb.count};
  Handle out = HANDLE_NULL;
  if (global && !set_last_index(iso, rx, 0)) goto done;
  for (;;) {
    Handle flat = s;
    RegExpResult r = builtin_exec_raw(iso, rx, s, &cb, &flat);
    if (r == RE_NO_MATCH) break;
    if (r != RE_MATCH) goto done;
    if (list.width != 2 * (size_t)cb.count) {  /* lastIndex's valueOf recompiled rx */
      builtins_throw_type_error(iso, "RegExp recompiled during String.prototype.replace");
      goto done;
    }
    if (!match_list_push(&list, cb.caps)) { builtins_throw_range_error(iso, "out of memory"); goto done; }
    if (!global) break;
    if (cb.caps[0] == cb.caps[1] && !advance_after_empty(iso, rx, s, unicode)) goto done;
  }
  if (list.count == 0) { out = s; goto done; }
  BuiltinsBuffer acc;
  builtins_buffer_init(&acc);
  int64_t next = 0;
  for (size_t k = 0; k < list.count; k++) {
    const int *caps = list.data + k * list.width;
    Handle replacement = HANDLE_NULL;
    if (functional) {
      HandleScope scope;
      handle_scope_open(iso, &scope);
      replacement = call_replacer(iso, replacer, s, caps, cb.count);
      if (handle_is_null(replacement)) {
        handle_scope_close(&scope);
        builtins_buffer_free(&acc);
        goto done;
      }
      if (caps[0] >= next) {
        append_slice(&acc, H(s), next, caps[0]);
        builtins_buffer_append_string(&acc, H(replacement));
        next = caps[1];
      }
      handle_scope_close(&scope);
    } else if (caps[0] >= next) {
      append_slice(&acc, H(s), next, caps[0]);
      substitute_positions(&acc, H(s), caps, cb.count - 1, H(replacer));
      next = caps[1];
    }
  }
  append_slice(&acc, H(s), next, string_length(H(s)));
  out = builtins_buffer_finish(iso, &acc);
done:
  free(list.data);
  capture_buffer_free(&cb);
  return out;
}

/* ES2025 22.2.6.11 RegExp.prototype [ @@replace ] ( string, replaceValue ) */
BUILTIN(RegExpPrototypeReplace) {
  Handle rx = builtin_receiver(args);
  BUILTIN_CHECK(require_object(iso, rx, "[Symbol.replace]"));
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  s = string_flatten(iso, s);
  BUILTIN_TRY(s);
  Handle replace_value = BUILTIN_ARG(1);
  bool functional = runtime_is_callable(H(replace_value));
  if (!functional) {
    replace_value = runtime_to_string(iso, replace_value);
    BUILTIN_TRY(replace_value);
    replace_value = string_flatten(iso, replace_value);
    BUILTIN_TRY(replace_value);
  }
  bool global, unicode;
  if (regexp_is_pristine(iso, rx) &&
      !regexp_has_named_groups((const RegExpCode *)byte_array_data(js_regexp_data(H(rx))))) {
    RegExpFlags flags = (RegExpFlags)js_regexp_flags(H(rx));
    return replace_fast(iso, rx, s, replace_value, functional, (flags & RE_FLAG_G) != 0,
                        (flags & (RE_FLAG_U | RE_FLAG_V)) != 0);
  }
  BUILTIN_TRY(flags_of(iso, rx, &global, &unicode));
  if (global) BUILTIN_CHECK(set_last_index(iso, rx, 0));
  /* The results, kept in a JS array so the GC sees them. */
  Handle results = runtime_new_array(iso, 0);
  BUILTIN_TRY(results);
  double count = 0;
  for (;;) {
    Handle result = regexp_exec_abstract(iso, rx, s);
    BUILTIN_TRY(result);
    if (is_null(iso, H(result))) break;
    BUILTIN_CHECK(define_index(iso, results, count++, result));
    if (!global) break;
    Handle m = builtins_get_index(iso, result, 0);
    BUILTIN_TRY(m);
    m = runtime_to_string(iso, m);
    BUILTIN_TRY(m);
    if (string_length(H(m)) == 0) BUILTIN_CHECK(advance_after_empty(iso, rx, s, unicode));
  }
  BuiltinsBuffer acc;
  builtins_buffer_init(&acc);
  int64_t next_source_position = 0, slen = string_length(H(s));
  for (double i = 0; i < count; i++) {
    Handle result = builtins_get_index(iso, results, i);
    int64_t position = 0, matched_length = 0;
    Handle replacement = handle_is_null(result) ? result
        : replacement_for(iso, result, s, replace_value, functional, &position, &matched_length);
    if (handle_is_null(replacement)) { builtins_buffer_free(&acc); return HANDLE_NULL; }
    if (position >= next_source_position) {
      for (int64_t k = next_source_position; k < position; k++) {
        builtins_buffer_append_unit(&acc, string_get(H(s), k));
      }
      builtins_buffer_append_string(&acc, H(replacement));
      next_source_position = position + matched_length;
    }
  }
  for (int64_t k = next_source_position; k < slen; k++) builtins_buffer_append_unit(&acc, string_get(H(s), k));
  return builtins_buffer_finish(iso, &acc);
}

/* ---- @@split ------------------------------------------------------------------------------ */

/* Does SpeciesConstructor(rx, %RegExp%) give %RegExp% without observable steps? (rx is
 * pristine, so "constructor" is %RegExp.prototype%'s own data property.) */
static bool regexp_species_is_default(Isolate *iso, Handle rx) {
  Tagged nc = iso->native_context;
  Handle proto = handle_new(iso, map_prototype(heap_object_map(H(rx))));
  Handle ctor = handle_new(iso, context_get(nc, NATIVE_CONTEXT_regexp_function));
  LookupResult lookup;
  if (!property_lookup_own(iso, proto, ROOT_HANDLE(iso, constructor_string), &lookup) ||
      lookup.state == LOOKUP_DESCRIPTOR) {
    return false;
  }
  Handle c = lookup_result_value(iso, &lookup);
  if (handle_is_null(c) || H(c) != H(ctor)) return false;
  if (!property_lookup_own(iso, ctor, ROOT_HANDLE(iso, species_symbol), &lookup)) return false;
  Handle pair = lookup_result_value(iso, &lookup);
  if (handle_is_null(pair) || !is_heap_object(H(pair)) || !is_accessor_pair(H(pair))) return false;
  Tagged getter = accessor_pair_getter(H(pair));
  return is_heap_object(getter) && is_js_function(getter) &&
         js_function_builtin(getter) == BUILTIN_NAME(RegExpGetSpecies);
}

/* 22.2.6.14 steps 4-25 for a pristine rx with the default species: the splitter would be
 * a fresh copy of rx with "y" added, whose lastIndex nobody else sees, so the sticky
 * attempts at q, q+1, ... are one forward search of rx's own code from q (or, when rx is
 * sticky itself, the attempts one by one). Each accepted match is recorded as the legacy
 * last match, as the splitter's exec would. s is flat; lim > 0. */
static Handle split_fast(Isolate *iso, Handle rx, Handle s, double lim) {
  CaptureBuffer cb;
  if (!capture_buffer_init(iso, &cb, rx)) return HANDLE_NULL;
  RegExpFlags flags = (RegExpFlags)js_regexp_flags(H(rx));
  bool unicode = (flags & (RE_FLAG_U | RE_FLAG_V)) != 0, sticky = (flags & RE_FLAG_Y) != 0;
  Handle a = runtime_new_array(iso, 0);
  Handle out = HANDLE_NULL;
  if (handle_is_null(a)) goto done;
  int64_t size = string_length(H(s)), p = 0, q = 0;
  double length_a = 0;
  if (size == 0) {
    RegExpResult r = run_engine(iso, rx, s, 0, cb.caps);
    if (r == RE_MATCH && !record_legacy_match(iso, rx, s, cb.caps, cb.count)) goto done;
    if (r == RE_MATCH || (r == RE_NO_MATCH && define_index(iso, a, 0, s))) out = a;
    goto done;
  }
  while (q < size) {
    RegExpResult r = run_engine(iso, rx, s, (size_t)q, cb.caps);
    if (r != RE_MATCH && r != RE_NO_MATCH) goto done;
    if (r == RE_NO_MATCH) {
      if (!sticky) break;
      q = (int64_t)advance_string_index(H(s), (double)q, unicode);
      continue;
    }
    if (cb.caps[0] >= size) break;  /* the spec's loop never tries q = size */
    if (!record_legacy_match(iso, rx, s, cb.caps, cb.count)) goto done;
    int64_t e = cb.caps[1] < size ? cb.caps[1] : size;
    q = cb.caps[0];
    if (e == p) { q = (int64_t)advance_string_index(H(s), (double)q, unicode); continue; }
    Handle t = string_substring(iso, s, p, q);
    if (handle_is_null(t) || !define_index(iso, a, length_a++, t)) goto done;
    if (length_a == lim) { out = a; goto done; }
    p = e;
    for (int i = 1; i < cb.count; i++) {
      Handle cap = capture_value(iso, s, cb.caps, i);
      if (handle_is_null(cap) || !define_index(iso, a, length_a++, cap)) goto done;
      if (length_a == lim) { out = a; goto done; }
    }
    q = p;
  }
  Handle t = string_substring(iso, s, p, size);
  if (!handle_is_null(t) && define_index(iso, a, length_a, t)) out = a;
done:
  capture_buffer_free(&cb);
  return out;
}

/* ES2025 22.2.6.14 RegExp.prototype [ @@split ] ( string, limit ) */
BUILTIN(RegExpPrototypeSplit) {
  Handle rx = builtin_receiver(args);
  BUILTIN_CHECK(require_object(iso, rx, "[Symbol.split]"));
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  s = string_flatten(iso, s);
  BUILTIN_TRY(s);
  Handle limit = BUILTIN_ARG(1);
  if ((is_undefined(iso, H(limit)) || is_number(H(limit))) && regexp_is_pristine(iso, rx) &&
      regexp_species_is_default(iso, rx)) {
    uint32_t l = 0xFFFFFFFFu;  /* ToUint32 of a Number runs no user code */
    if (!is_undefined(iso, H(limit))) BUILTIN_CHECK(runtime_to_uint32(iso, limit, &l));
    if (l == 0) return runtime_new_array(iso, 0);
    return split_fast(iso, rx, s, (double)l);
  }
  Handle realm = builtins_realm(iso, args);
  Handle ctor = runtime_species_constructor(iso, rx, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_regexp_function));
  BUILTIN_TRY(ctor);
  bool global, unicode;
  Handle flags = flags_of(iso, rx, &global, &unicode);
  BUILTIN_TRY(flags);
  bool has_y = false;
  for (int64_t i = 0; i < string_length(H(flags)); i++) has_y |= string_get(H(flags), i) == 'y';
  Handle new_flags = flags;
  if (!has_y) {
    Handle y = builtins_string(iso, "y");
    BUILTIN_TRY(y);
    new_flags = string_concat(iso, flags, y);
    BUILTIN_TRY(new_flags);
  }
  Handle cargs[2] = {rx, new_flags};
  Handle splitter = execution_construct(iso, ctor, 2, cargs, HANDLE_NULL);
  BUILTIN_TRY(splitter);
  Handle a = runtime_new_array(iso, 0);
  BUILTIN_TRY(a);
  double lim = 4294967295.0;
  if (!is_undefined(iso, H(BUILTIN_ARG(1)))) {
    uint32_t l;
    BUILTIN_CHECK(runtime_to_uint32(iso, BUILTIN_ARG(1), &l));
    lim = l;
  }
  if (lim == 0) return a;
  int64_t size = string_length(H(s));
  double length_a = 0;
  if (size == 0) {
    Handle z = regexp_exec_abstract(iso, splitter, s);
    BUILTIN_TRY(z);
    if (!is_null(iso, H(z))) return a;
    BUILTIN_CHECK(define_index(iso, a, 0, s));
    return a;
  }
  int64_t p = 0, q = 0;
  while (q < size) {
    BUILTIN_CHECK(set_last_index(iso, splitter, (double)q));
    Handle z = regexp_exec_abstract(iso, splitter, s);
    BUILTIN_TRY(z);
    if (is_null(iso, H(z))) { q = (int64_t)advance_string_index(H(s), (double)q, unicode); continue; }
    double e;
    BUILTIN_CHECK(get_last_index(iso, splitter, &e));
    if (e > (double)size) e = (double)size;
    if ((int64_t)e == p) { q = (int64_t)advance_string_index(H(s), (double)q, unicode); continue; }
    Handle t = string_substring(iso, s, p, q);
    BUILTIN_TRY(t);
    BUILTIN_CHECK(define_index(iso, a, length_a++, t));
    if (length_a == lim) return a;
    p = (int64_t)e;
    Handle ncap_h = runtime_get(iso, z, ROOT_HANDLE(iso, length_string), z);
    BUILTIN_TRY(ncap_h);
    double ncap;
    BUILTIN_CHECK(runtime_to_length(iso, ncap_h, &ncap));
    ncap = ncap - 1 < 0 ? 0 : ncap - 1;
    for (double i = 1; i <= ncap; i++) {
      Handle cap = builtins_get_index(iso, z, i);
      BUILTIN_TRY(cap);
      BUILTIN_CHECK(define_index(iso, a, length_a++, cap));
      if (length_a == lim) return a;
    }
    q = p;
  }
  Handle t = string_substring(iso, s, p, size);
  BUILTIN_TRY(t);
  BUILTIN_CHECK(define_index(iso, a, length_a, t));
  return a;
}

/* ---- RegExp.escape ------------------------------------------------------------------------ */

/* ES2025 22.2.5.1 RegExp.escape ( S ) */
BUILTIN(RegExpEscape) {
  Handle s = BUILTIN_ARG(0);
  if (!is_heap_object(H(s)) || !is_string(H(s))) {
    return builtins_throw_type_error(iso, "RegExp.escape requires a string");
  }
  Handle flat = string_flatten(iso, s);
  BUILTIN_TRY(flat);
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  int64_t n = string_length(H(flat));
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = string_get(H(flat), i);
    if ((c & 0xFC00) == 0xD800 && i + 1 < n && (string_get(H(flat), i + 1) & 0xFC00) == 0xDC00) {
      builtins_buffer_append_unit(&b, (uint16_t)c);
      builtins_buffer_append_unit(&b, string_get(H(flat), ++i));
      continue;
    }
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (i == 0 && alnum) {
      char hex[8];
      snprintf(hex, sizeof hex, "\\x%02x", c);
      builtins_buffer_append_ascii(&b, hex);
      continue;
    }
    const char *esc = NULL;
    switch (c) {
      case '\t': esc = "\\t"; break;
      case '\n': esc = "\\n"; break;
      case '\v': esc = "\\v"; break;
      case '\f': esc = "\\f"; break;
      case '\r': esc = "\\r"; break;
      default: break;
    }
    if (esc) { builtins_buffer_append_ascii(&b, esc); continue; }
    if (c < 128 && c && strchr("^$\\.*+?()[]{}|/", (int)c)) {
      builtins_buffer_append_unit(&b, '\\');
      builtins_buffer_append_unit(&b, (uint16_t)c);
      continue;
    }
    bool other_punct = c < 128 && c && strchr(",-=<>#&!%:;@~'`\"", (int)c);
    bool space = c == ' ' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
                 c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 ||
                 c == 0xFEFF;
    bool lone = c >= 0xD800 && c <= 0xDFFF;
    if (other_punct || space || lone) {
      char hex[16];
      if (c <= 0xFF) snprintf(hex, sizeof hex, "\\x%02x", c);
      else snprintf(hex, sizeof hex, "\\u%04x", c);
      builtins_buffer_append_ascii(&b, hex);
      continue;
    }
    builtins_buffer_append_unit(&b, (uint16_t)c);
  }
  return builtins_buffer_finish(iso, &b);
}

/* ---- installation ------------------------------------------------------------------------- */

static const BuiltinSpec kRegExpBuiltins[] = {REGEXP_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kRegExpPrototypeBuiltins[] = {REGEXP_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

static bool install_accessors(Isolate *iso, Handle nc, Handle proto) {
#define INSTALL_FLAG(Name, key, flag)                                                    \
  if (!builtins_install_accessor(iso, nc, proto, key, BUILTIN_NAME(RegExpPrototypeGet##Name), \
                                 NULL, DONT_ENUM)) {                                      \
    return false;                                                                         \
  }
  REGEXP_FLAG_GETTERS(INSTALL_FLAG)
#undef INSTALL_FLAG
  return builtins_install_accessor(iso, nc, proto, "flags", BUILTIN_NAME(RegExpPrototypeGetFlags),
                                   NULL, DONT_ENUM) &&
         builtins_install_accessor(iso, nc, proto, "source",
                                   BUILTIN_NAME(RegExpPrototypeGetSource), NULL, DONT_ENUM);
}

static bool install_string_iterator(Isolate *iso, Handle nc) {
  Handle iter_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_iterator_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, iter_proto);
  if (handle_is_null(proto) ||
      handle_is_null(builtins_install_method(iso, nc, proto, "next",
                                             BUILTIN_NAME(RegExpStringIteratorNext), 0)) ||
      !builtins_install_to_string_tag(iso, proto, "RegExp String Iterator")) {
    return false;
  }
  context_set(H(nc), NATIVE_CONTEXT_regexp_string_iterator_prototype, H(proto));
  Handle map = builtins_new_internal_map(iso, JS_REG_EXP_STRING_ITERATOR_TYPE, proto);
  if (handle_is_null(map)) return false;
  context_set(H(nc), NATIVE_CONTEXT_js_regexp_string_iterator_map, H(map));
  return true;
}

bool builtins_install_regexp(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, "RegExp", 2, BUILTIN_NAME(RegExpConstructor),
                                             proto, NATIVE_CONTEXT_regexp_function,
                                             NATIVE_CONTEXT_regexp_prototype);
  if (handle_is_null(ctor) ||
      !builtins_install_methods(iso, nc, ctor, kRegExpBuiltins, KILN_ARRAY_SIZE(kRegExpBuiltins)) ||
      !builtins_install_methods(iso, nc, proto, kRegExpPrototypeBuiltins,
                                KILN_ARRAY_SIZE(kRegExpPrototypeBuiltins)) ||
      !builtins_install_accessor(iso, nc, ctor, "@@species", BUILTIN_NAME(RegExpGetSpecies), NULL,
                                 DONT_ENUM) ||
      !install_accessors(iso, nc, proto) || !install_string_iterator(iso, nc) ||
      !install_legacy_accessors(iso, nc, ctor)) {
    return false;
  }
  Handle exec_key = builtins_string(iso, "exec");
  if (handle_is_null(exec_key)) return false;
  Handle exec = runtime_get(iso, proto, exec_key, proto);
  if (handle_is_null(exec)) return false;
  context_set(H(nc), NATIVE_CONTEXT_regexp_exec_function, H(exec));
  Handle map = builtins_new_internal_map(iso, JS_REG_EXP_TYPE, proto);
  if (handle_is_null(map)) return false;
  context_set(H(nc), NATIVE_CONTEXT_js_regexp_map, H(map));
  /* The fast path's check (regexp_is_pristine) needs a fast-mode prototype: in dictionary
   * mode, redefining an accessor would not change its map. */
  Tagged proto_map = heap_object_map(H(proto));
  context_set(H(nc), NATIVE_CONTEXT_regexp_prototype_map,
              map_is_dictionary(proto_map) ? ROOT(iso, undefined_value) : proto_map);
  return true;
}
