/*
 * builtins-string.c: the String constructor, String.prototype (ES2025 22.1) and
 * %StringIteratorPrototype% (22.1.5).
 *
 * Methods work on a malloc'd copy of the string's code units (builtins_string_units) when
 * they scan it, so no GC can invalidate what they read; results are built in a
 * BuiltinsBuffer or cut with string_substring. RegExp-based paths (match, search, a RegExp
 * split/replace separator) go through the Symbol.* methods of their argument, as the spec
 * says, so they work once RegExp exists.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "numbers/conversions.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"

#define STRING_BUILTINS(V)                      \
  V(StringFromCharCode, "fromCharCode", 1)      \
  V(StringFromCodePoint, "fromCodePoint", 1)    \
  V(StringRaw, "raw", 1)

#define STRING_PROTOTYPE_BUILTINS(V)                          \
  V(StringPrototypeAt, "at", 1)                               \
  V(StringPrototypeCharAt, "charAt", 1)                       \
  V(StringPrototypeCharCodeAt, "charCodeAt", 1)               \
  V(StringPrototypeCodePointAt, "codePointAt", 1)             \
  V(StringPrototypeConcat, "concat", 1)                       \
  V(StringPrototypeEndsWith, "endsWith", 1)                   \
  V(StringPrototypeIncludes, "includes", 1)                   \
  V(StringPrototypeIndexOf, "indexOf", 1)                     \
  V(StringPrototypeIsWellFormed, "isWellFormed", 0)           \
  V(StringPrototypeLastIndexOf, "lastIndexOf", 1)             \
  V(StringPrototypeLocaleCompare, "localeCompare", 1)         \
  V(StringPrototypeMatch, "match", 1)                         \
  V(StringPrototypeMatchAll, "matchAll", 1)                   \
  V(StringPrototypeNormalize, "normalize", 0)                 \
  V(StringPrototypePadEnd, "padEnd", 1)                       \
  V(StringPrototypePadStart, "padStart", 1)                   \
  V(StringPrototypeRepeat, "repeat", 1)                       \
  V(StringPrototypeReplace, "replace", 2)                     \
  V(StringPrototypeReplaceAll, "replaceAll", 2)               \
  V(StringPrototypeSearch, "search", 1)                       \
  V(StringPrototypeSlice, "slice", 2)                         \
  V(StringPrototypeSplit, "split", 2)                         \
  V(StringPrototypeStartsWith, "startsWith", 1)               \
  V(StringPrototypeSubstr, "substr", 2)                       \
  V(StringPrototypeSubstring, "substring", 2)                 \
  V(StringPrototypeToLocaleLowerCase, "toLocaleLowerCase", 0) \
  V(StringPrototypeToLocaleUpperCase, "toLocaleUpperCase", 0) \
  V(StringPrototypeToLowerCase, "toLowerCase", 0)             \
  V(StringPrototypeToString, "toString", 0)                   \
  V(StringPrototypeToUpperCase, "toUpperCase", 0)             \
  V(StringPrototypeToWellFormed, "toWellFormed", 0)           \
  V(StringPrototypeTrim, "trim", 0)                           \
  V(StringPrototypeValueOf, "valueOf", 0)                     \
  V(StringPrototypeIterator, "@@iterator", 0)

STRING_BUILTINS(BUILTIN_DECLARE)
STRING_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(StringConstructor, "String", 1)
BUILTIN_DECLARE(StringPrototypeTrimStart, "trimStart", 0)
BUILTIN_DECLARE(StringPrototypeTrimEnd, "trimEnd", 0)
BUILTIN_DECLARE(StringIteratorPrototypeNext, "next", 0)

/* ---- helpers --------------------------------------------------------------------------- */

/* RequireObjectCoercible(this) then ToString(this): steps 1-2 of most methods. */
static Handle string_this(Isolate *iso, BuiltinArgs *args, const char *method) {
  Handle receiver = builtin_receiver(args);
  if (is_undefined(iso, H(receiver)) || is_null(iso, H(receiver))) {
    return builtins_throw_type_error(iso, "String.prototype.%s called on null or undefined",
                                     method);
  }
  return runtime_to_string(iso, receiver);
}

/* ES2025 22.1.3.35.1 thisStringValue ( value ) */
static Handle string_this_value(Isolate *iso, BuiltinArgs *args, const char *method) {
  Tagged v = *args->receiver;
  if (is_string(v)) return builtin_receiver(args);
  if (is_js_primitive_wrapper(v) && is_string(js_primitive_wrapper_value(v))) {
    return handle_new(iso, js_primitive_wrapper_value(v));
  }
  return builtins_throw_type_error(iso, "String.prototype.%s requires that 'this' be a String",
                                   method);
}

/* The code unit at i of s (flattening it first if needed). May allocate. */
static bool string_unit_at(Isolate *iso, Handle *s, int64_t i, uint16_t *out) {
  if (!string_is_flat(H(*s))) {
    *s = string_flatten(iso, *s);
    if (handle_is_null(*s)) return false;
  }
  *out = string_get(H(*s), i);
  return true;
}

/* ES2025 11.1.4 CodePointAt ( string, position ) over a unit array. */
static uint32_t string_code_point_at(const uint16_t *u, size_t len, size_t pos, int *count) {
  uint16_t first = u[pos];
  *count = 1;
  if (first < 0xD800 || first > 0xDFFF || first >= 0xDC00 || pos + 1 == len) return first;
  uint16_t second = u[pos + 1];
  if (second < 0xDC00 || second > 0xDFFF) return first;
  *count = 2;
  return 0x10000 + (((uint32_t)first - 0xD800) << 10) + (second - 0xDC00);
}

/* ES2025 6.1.4.1 StringIndexOf ( string, searchValue, fromIndex ); -1 when absent. */
static int64_t string_index_of(const uint16_t *s, size_t len, const uint16_t *p, size_t plen,
                               size_t from) {
  if (plen == 0 && from <= len) return (int64_t)from;
  if (plen > len) return -1;
  for (size_t i = from; i + plen <= len; i++) {
    if (s[i] == p[0] && memcmp(s + i, p, plen * sizeof *p) == 0) return (int64_t)i;
  }
  return -1;
}

/* The units of a String handle; NULL with an exception pending. */
static uint16_t *string_units(Isolate *iso, Handle s, size_t *len) {
  return builtins_string_units(iso, H(s), len);
}

/* ES2025 7.2.8 IsRegExp ( argument ): true only through @@match until RegExp exists. */
static RuntimeMaybeBool string_is_regexp(Isolate *iso, Handle arg) {
  if (!is_js_receiver(H(arg))) return RT_FALSE;
  Handle matcher = runtime_get(iso, arg, ROOT_HANDLE(iso, match_symbol), arg);
  if (handle_is_null(matcher)) return RT_EXCEPTION;
  if (!is_undefined(iso, H(matcher))) return runtime_to_boolean(iso, H(matcher)) ? RT_TRUE : RT_FALSE;
  return RT_FALSE;
}

/* ---- the constructor and statics ------------------------------------------------------- */

/* ES2025 22.1.1.1 String ( value ) */
BUILTIN(StringConstructor) {
  Handle s = ROOT_HANDLE(iso, empty_string);
  Handle new_target = builtin_new_target(args);
  if (args->argc > 0) {
    Handle value = BUILTIN_ARG(0);
    if (is_undefined(iso, H(new_target)) && is_symbol(H(value))) {
      return runtime_invoke(iso, value, ROOT_HANDLE(iso, to_string_string), 0, NULL);
    }
    s = runtime_to_string(iso, value);
    BUILTIN_TRY(s);
  }
  if (is_undefined(iso, H(new_target))) return s;
  Handle proto = runtime_get_prototype_from_constructor(iso, new_target,
                                                        NATIVE_CONTEXT_string_prototype);
  BUILTIN_TRY(proto);
  return runtime_new_primitive_wrapper(iso, s, proto);
}

/* ES2025 22.1.2.1 String.fromCharCode ( ...codeUnits ) */
BUILTIN(StringFromCharCode) {
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  for (int i = 0; i < args->argc; i++) {
    double d;
    if (!runtime_to_number_double(iso, BUILTIN_ARG(i), &d)) {
      builtins_buffer_free(&b);
      return HANDLE_NULL;
    }
    builtins_buffer_append_unit(&b, conversions_double_to_uint16(d));
  }
  return builtins_buffer_finish(iso, &b);
}

/* ES2025 22.1.2.2 String.fromCodePoint ( ...codePoints ) */
BUILTIN(StringFromCodePoint) {
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  for (int i = 0; i < args->argc; i++) {
    double d;
    if (!runtime_to_number_double(iso, BUILTIN_ARG(i), &d)) {
      builtins_buffer_free(&b);
      return HANDLE_NULL;
    }
    if (!(d >= 0 && d <= 0x10FFFF) || d != floor(d)) {
      builtins_buffer_free(&b);
      return builtins_throw_range_error(iso, "Invalid code point %g", d);
    }
    builtins_buffer_append_code_point(&b, (uint32_t)d);
  }
  return builtins_buffer_finish(iso, &b);
}

/* ES2025 22.1.2.4 String.raw ( template, ...substitutions ) */
BUILTIN(StringRaw) {
  Handle cooked = runtime_to_object(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(cooked);
  Handle raw_value = builtins_get(iso, cooked, "raw");
  BUILTIN_TRY(raw_value);
  Handle literals = runtime_to_object(iso, raw_value);
  BUILTIN_TRY(literals);
  double count;
  BUILTIN_CHECK(runtime_length_of_array_like(iso, literals, &count));
  Handle r = handle_new(iso, ROOT(iso, empty_string));
  for (double i = 0; i < count; i++) {
    Handle seg = builtins_get_index(iso, literals, i);
    BUILTIN_TRY(seg);
    seg = runtime_to_string(iso, seg);
    BUILTIN_TRY(seg);
    Handle next = string_concat(iso, r, seg);
    BUILTIN_TRY(next);
    *r.loc = H(next);
    if (i + 1 == count) break;
    if (i + 1 < args->argc) {
      Handle sub = runtime_to_string(iso, BUILTIN_ARG((int)i + 1));
      BUILTIN_TRY(sub);
      next = string_concat(iso, r, sub);
      BUILTIN_TRY(next);
      *r.loc = H(next);
    }
  }
  return string_flatten(iso, r);
}

/* ---- character access ------------------------------------------------------------------ */

/* ES2025 22.1.3.1 String.prototype.at ( index ) */
BUILTIN(StringPrototypeAt) {
  Handle s = string_this(iso, args, "at");
  BUILTIN_TRY(s);
  double rel, len = (double)string_length(H(s));
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &rel));
  double k = rel >= 0 ? rel : len + rel;
  if (k < 0 || k >= len) return BUILTIN_UNDEFINED;
  return string_substring(iso, s, (int64_t)k, (int64_t)k + 1);
}

/* ES2025 22.1.3.2 String.prototype.charAt ( pos ) */
BUILTIN(StringPrototypeCharAt) {
  Handle s = string_this(iso, args, "charAt");
  BUILTIN_TRY(s);
  double pos;
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &pos));
  if (pos < 0 || pos >= (double)string_length(H(s))) return ROOT_HANDLE(iso, empty_string);
  return string_substring(iso, s, (int64_t)pos, (int64_t)pos + 1);
}

/* ES2025 22.1.3.3 String.prototype.charCodeAt ( pos ) */
BUILTIN(StringPrototypeCharCodeAt) {
  Handle s = string_this(iso, args, "charCodeAt");
  BUILTIN_TRY(s);
  double pos;
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &pos));
  if (pos < 0 || pos >= (double)string_length(H(s))) return handle_new(iso, ROOT(iso, nan_value));
  uint16_t unit;
  BUILTIN_CHECK(string_unit_at(iso, &s, (int64_t)pos, &unit));
  return handle_new(iso, smi_from_int(unit));
}

/* ES2025 22.1.3.4 String.prototype.codePointAt ( pos ) */
BUILTIN(StringPrototypeCodePointAt) {
  Handle s = string_this(iso, args, "codePointAt");
  BUILTIN_TRY(s);
  double pos;
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &pos));
  int64_t len = string_length(H(s));
  if (pos < 0 || pos >= (double)len) return BUILTIN_UNDEFINED;
  uint16_t first, second = 0;
  BUILTIN_CHECK(string_unit_at(iso, &s, (int64_t)pos, &first));
  if ((int64_t)pos + 1 < len) BUILTIN_CHECK(string_unit_at(iso, &s, (int64_t)pos + 1, &second));
  uint16_t pair[2] = {first, second};
  int count;
  uint32_t cp = string_code_point_at(pair, (int64_t)pos + 1 < len ? 2 : 1, 0, &count);
  return handle_new(iso, smi_from_int((int32_t)cp));
}

/* ES2025 22.1.3.5 String.prototype.concat ( ...args ) */
BUILTIN(StringPrototypeConcat) {
  Handle s = string_this(iso, args, "concat");
  BUILTIN_TRY(s);
  for (int i = 0; i < args->argc; i++) {
    Handle next = runtime_to_string(iso, BUILTIN_ARG(i));
    BUILTIN_TRY(next);
    s = string_concat(iso, s, next);
    BUILTIN_TRY(s);
  }
  return s;
}

/* ---- searching ------------------------------------------------------------------------- */

typedef enum { MATCH_STARTS, MATCH_ENDS, MATCH_INCLUDES } StringMatchKind;

/* startsWith, endsWith, includes (22.1.3.24, 22.1.3.7, 22.1.3.8). */
static Handle string_match_at(Isolate *iso, BuiltinArgs *args, StringMatchKind kind) {
  static const char *const kNames[] = {"startsWith", "endsWith", "includes"};
  Handle s = string_this(iso, args, kNames[kind]);
  BUILTIN_TRY(s);
  RuntimeMaybeBool is_regexp = string_is_regexp(iso, BUILTIN_ARG(0));
  if (is_regexp == RT_EXCEPTION) return HANDLE_NULL;
  if (is_regexp == RT_TRUE) {
    return builtins_throw_type_error(iso, "First argument to String.prototype.%s must not be a "
                                          "regular expression", kNames[kind]);
  }
  Handle search = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(search);
  double len = (double)string_length(H(s)), pos;
  double dflt = kind == MATCH_ENDS ? len : 0;
  if (is_undefined(iso, H(BUILTIN_ARG(1)))) {
    pos = dflt;
  } else {
    BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(1), &pos));
  }
  pos = fmin(fmax(pos, 0), len);
  size_t slen, plen;
  uint16_t *su = string_units(iso, s, &slen);
  if (su == NULL) return HANDLE_NULL;
  uint16_t *pu = string_units(iso, search, &plen);
  if (pu == NULL) {
    free(su);
    return HANDLE_NULL;
  }
  bool result;
  if (kind == MATCH_INCLUDES) {
    result = string_index_of(su, slen, pu, plen, (size_t)pos) >= 0;
  } else {
    double start = kind == MATCH_ENDS ? pos - (double)plen : pos;
    result = start >= 0 && start + (double)plen <= (double)slen &&
             memcmp(su + (size_t)start, pu, plen * sizeof *pu) == 0;
  }
  free(su);
  free(pu);
  return builtins_boolean(iso, result);
}

BUILTIN(StringPrototypeStartsWith) { return string_match_at(iso, args, MATCH_STARTS); }
BUILTIN(StringPrototypeEndsWith) { return string_match_at(iso, args, MATCH_ENDS); }
BUILTIN(StringPrototypeIncludes) { return string_match_at(iso, args, MATCH_INCLUDES); }

/* ES2025 22.1.3.9 indexOf, 22.1.3.11 lastIndexOf */
static Handle string_search_index(Isolate *iso, BuiltinArgs *args, bool last) {
  Handle s = string_this(iso, args, last ? "lastIndexOf" : "indexOf");
  BUILTIN_TRY(s);
  Handle search = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(search);
  double pos;
  size_t slen, plen;
  if (last) {
    double num;
    BUILTIN_CHECK(runtime_to_number_double(iso, BUILTIN_ARG(1), &num));
    pos = isnan(num) ? INFINITY : trunc(num);
  } else {
    BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(1), &pos));
  }
  uint16_t *su = string_units(iso, s, &slen);
  if (su == NULL) return HANDLE_NULL;
  uint16_t *pu = string_units(iso, search, &plen);
  if (pu == NULL) {
    free(su);
    return HANDLE_NULL;
  }
  double start = fmin(fmax(pos, 0), (double)slen);
  int64_t result = -1;
  if (!last) {
    result = string_index_of(su, slen, pu, plen, (size_t)start);
  } else if (plen <= slen) {
    for (int64_t i = (int64_t)fmin(start, (double)(slen - plen)); i >= 0; i--) {
      if (memcmp(su + i, pu, plen * sizeof *pu) == 0) {
        result = i;
        break;
      }
    }
  }
  free(su);
  free(pu);
  return builtins_number(iso, (double)result);
}

BUILTIN(StringPrototypeIndexOf) { return string_search_index(iso, args, false); }
BUILTIN(StringPrototypeLastIndexOf) { return string_search_index(iso, args, true); }

/* ES2025 22.1.3.12 String.prototype.localeCompare ( that ): code-unit order (the
 * implementation-defined collation of an engine without Intl). */
/* The root locale's collation order of a and b (ICU's UCA, so canonically equivalent
 * strings are equal); code-unit order if ICU cannot open a collator. INT32_MIN with an
 * exception pending when out of memory. */
static int string_collate(Isolate *iso, Handle a, Handle b) {
  size_t alen, blen;
  uint16_t *au = builtins_string_units(iso, H(a), &alen);
  uint16_t *bu = au == NULL ? NULL : builtins_string_units(iso, H(b), &blen);
  if (bu == NULL) {
    free(au);
    return INT32_MIN;
  }
  UErrorCode status = U_ZERO_ERROR;
  UCollator *collator = ucol_open("", &status);
  ucol_setAttribute(collator, UCOL_NORMALIZATION_MODE, UCOL_ON, &status);
  int c;
  if (U_SUCCESS(status) && alen <= INT32_MAX && blen <= INT32_MAX) {
    c = (int)ucol_strcoll(collator, (const UChar *)au, (int32_t)alen, (const UChar *)bu,
                          (int32_t)blen);
  } else {
    c = string_compare(H(a), H(b));
  }
  if (collator != NULL) ucol_close(collator);
  free(au);
  free(bu);
  return c;
}

BUILTIN(StringPrototypeLocaleCompare) {
  Handle s = string_this(iso, args, "localeCompare");
  BUILTIN_TRY(s);
  Handle that = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(that);
  int c = string_collate(iso, s, that);
  if (c == INT32_MIN) return HANDLE_NULL;
  return handle_new(iso, smi_from_int(c < 0 ? -1 : c > 0 ? 1 : 0));
}

/* ES2025 22.1.3.14 String.prototype.matchAll step 2.b: a RegExp argument must be global. */
static bool string_match_all_flags_ok(Isolate *iso, Handle regexp) {
  RuntimeMaybeBool is_regexp = string_is_regexp(iso, regexp);
  if (is_regexp != RT_TRUE) return is_regexp != RT_EXCEPTION;
  Handle flags = builtins_get(iso, regexp, "flags");
  if (handle_is_null(flags)) return false;
  if (is_undefined(iso, H(flags)) || is_null(iso, H(flags))) {
    builtins_throw_type_error(iso, "String.prototype.matchAll: flags is null or undefined");
    return false;
  }
  flags = runtime_to_string(iso, flags);
  if (handle_is_null(flags)) return false;
  flags = string_flatten(iso, flags);
  if (handle_is_null(flags)) return false;
  for (int64_t i = 0; i < string_length(H(flags)); i++) {
    if (string_get(H(flags), i) == 'g') return true;
  }
  builtins_throw_type_error(iso, "String.prototype.matchAll called with a non-global RegExp");
  return false;
}

/* match, matchAll, search (22.1.3.13, .14, .23): delegate to the argument's @@match /
 * @@matchAll / @@search, else to a RegExp made from it. */
static Handle string_regexp_delegate(Isolate *iso, BuiltinArgs *args, RootIndex symbol,
                                     const char *method) {
  Handle receiver = builtin_receiver(args);
  if (is_undefined(iso, H(receiver)) || is_null(iso, H(receiver))) {
    return builtins_throw_type_error(iso, "String.prototype.%s called on null or undefined",
                                     method);
  }
  Handle regexp = BUILTIN_ARG(0);
  if (is_heap_object(H(regexp)) && is_js_receiver(H(regexp))) {
    if (symbol == ROOT_match_all_symbol && !string_match_all_flags_ok(iso, regexp)) {
      return HANDLE_NULL;
    }
    Handle fn = runtime_get_method(iso, regexp, root_handle(iso, symbol));
    BUILTIN_TRY(fn);
    if (!is_undefined(iso, H(fn))) return builtins_call(iso, fn, regexp, 1, &receiver);
  }
  Handle s = runtime_to_string(iso, receiver);
  BUILTIN_TRY(s);
  Tagged regexp_ctor = context_get(iso->native_context, NATIVE_CONTEXT_regexp_function);
  if (!runtime_is_constructor(regexp_ctor)) {
    return builtins_throw_type_error(iso, "String.prototype.%s needs RegExp, not available yet",
                                     method);
  }
  Handle ctor = handle_new(iso, regexp_ctor);
  Handle cargs[2] = {regexp, ROOT_HANDLE(iso, undefined_value)};
  if (symbol == ROOT_match_all_symbol) {
    cargs[1] = builtins_string(iso, "g");
    BUILTIN_TRY(cargs[1]);
  }
  Handle rx = execution_construct(iso, ctor, 2, cargs, HANDLE_NULL);
  BUILTIN_TRY(rx);
  return runtime_invoke(iso, rx, root_handle(iso, symbol), 1, &s);
}

BUILTIN(StringPrototypeMatch) {
  return string_regexp_delegate(iso, args, ROOT_match_symbol, "match");
}
BUILTIN(StringPrototypeMatchAll) {
  return string_regexp_delegate(iso, args, ROOT_match_all_symbol, "matchAll");
}
BUILTIN(StringPrototypeSearch) {
  return string_regexp_delegate(iso, args, ROOT_search_symbol, "search");
}

/* ---- transformations ------------------------------------------------------------------- */

/* ES2025 22.1.3.15 String.prototype.normalize ( [ form ] ) through ICU's normalizers. */
BUILTIN(StringPrototypeNormalize) {
  Handle s = string_this(iso, args, "normalize");
  BUILTIN_TRY(s);
  const char *form = "NFC";
  char buf[8] = "NFC";
  if (!is_undefined(iso, H(BUILTIN_ARG(0)))) {
    Handle f = runtime_to_string(iso, BUILTIN_ARG(0));
    BUILTIN_TRY(f);
    if (string_length(H(f)) > 4) return builtins_throw_range_error(iso, "Invalid normalization form");
    size_t n;
    char *text = string_to_utf8(iso, H(f), &n);
    snprintf(buf, sizeof buf, "%s", text ? text : "");
    free(text);
    form = buf;
  }
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *norm;
  if (strcmp(form, "NFC") == 0) norm = unorm2_getNFCInstance(&status);
  else if (strcmp(form, "NFD") == 0) norm = unorm2_getNFDInstance(&status);
  else if (strcmp(form, "NFKC") == 0) norm = unorm2_getNFKCInstance(&status);
  else if (strcmp(form, "NFKD") == 0) norm = unorm2_getNFKDInstance(&status);
  else return builtins_throw_range_error(iso, "The normalization form should be one of NFC, NFD, NFKC, NFKD.");
  size_t len;
  uint16_t *units = string_units(iso, s, &len);
  if (units == NULL) return HANDLE_NULL;
  int32_t cap = (int32_t)len * 4 + 16;
  UChar *out = malloc((size_t)cap * sizeof *out);
  int32_t n = out ? unorm2_normalize(norm, (const UChar *)units, (int32_t)len, out, cap, &status) : 0;
  free(units);
  if (out == NULL || U_FAILURE(status)) {
    free(out);
    return builtins_throw_range_error(iso, "normalize failed");
  }
  Handle result = builtins_string_from_units(iso, (const uint16_t *)out, (size_t)n);
  free(out);
  return result;
}

/* ES2025 22.1.3.17.1 StringPaddingBuiltinsImpl ( O, maxLength, fillString, placement ) */
static Handle string_pad(Isolate *iso, BuiltinArgs *args, bool at_start) {
  Handle s = string_this(iso, args, at_start ? "padStart" : "padEnd");
  BUILTIN_TRY(s);
  double max_length;
  BUILTIN_CHECK(runtime_to_length(iso, BUILTIN_ARG(0), &max_length));
  double len = (double)string_length(H(s));
  if (max_length <= len) return s;
  Handle fill = builtins_string(iso, " ");
  if (!is_undefined(iso, H(BUILTIN_ARG(1)))) fill = runtime_to_string(iso, BUILTIN_ARG(1));
  BUILTIN_TRY(fill);
  if (string_length(H(fill)) == 0) return s;
  if (max_length > kMaxStringLength) return builtins_throw_range_error(iso, "Invalid string length");
  size_t flen;
  uint16_t *fu = string_units(iso, fill, &flen);
  if (fu == NULL) return HANDLE_NULL;
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  size_t fill_len = (size_t)(max_length - len);
  if (!at_start) builtins_buffer_append_string(&b, H(s));
  for (size_t i = 0; i < fill_len; i++) builtins_buffer_append_unit(&b, fu[i % flen]);
  if (at_start) builtins_buffer_append_string(&b, H(s));
  free(fu);
  return builtins_buffer_finish(iso, &b);
}

BUILTIN(StringPrototypePadEnd) { return string_pad(iso, args, false); }
BUILTIN(StringPrototypePadStart) { return string_pad(iso, args, true); }

/* ES2025 22.1.3.18 String.prototype.repeat ( count ) */
BUILTIN(StringPrototypeRepeat) {
  Handle s = string_this(iso, args, "repeat");
  BUILTIN_TRY(s);
  double n;
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &n));
  if (n < 0 || n == INFINITY) return builtins_throw_range_error(iso, "Invalid count value: %g", n);
  int64_t len = string_length(H(s));
  if (n == 0 || len == 0) return ROOT_HANDLE(iso, empty_string);
  if (n * (double)len > kMaxStringLength) return builtins_throw_range_error(iso, "Invalid string length");
  /* Doubling: the result is a rope of O(log n) pieces. */
  Handle result = ROOT_HANDLE(iso, empty_string), piece = s;
  for (int64_t count = (int64_t)n; count > 0; count >>= 1) {
    if (count & 1) {
      result = string_concat(iso, result, piece);
      BUILTIN_TRY(result);
    }
    if (count > 1) {
      piece = string_concat(iso, piece, piece);
      BUILTIN_TRY(piece);
    }
  }
  return result;
}

/* ES2025 22.1.3.19.1 GetSubstitution for a string search value (no captures). */
static void string_get_substitution(BuiltinsBuffer *b, const uint16_t *str, size_t slen,
                                    size_t position, size_t matched_len, const uint16_t *rep,
                                    size_t rlen) {
  for (size_t i = 0; i < rlen; i++) {
    uint16_t c = rep[i];
    if (c != '$' || i + 1 >= rlen) {
      builtins_buffer_append_unit(b, c);
      continue;
    }
    uint16_t next = rep[i + 1];
    if (next == '$') {
      builtins_buffer_append_unit(b, '$');
    } else if (next == '&') {
      for (size_t k = 0; k < matched_len; k++) builtins_buffer_append_unit(b, str[position + k]);
    } else if (next == '`') {
      for (size_t k = 0; k < position; k++) builtins_buffer_append_unit(b, str[k]);
    } else if (next == '\'') {
      for (size_t k = position + matched_len; k < slen; k++) builtins_buffer_append_unit(b, str[k]);
    } else {
      builtins_buffer_append_unit(b, c);
      continue;
    }
    i++;
  }
}

/* replace and replaceAll (22.1.3.19, 22.1.3.20) for a non-RegExp search value. */
static Handle string_replace(Isolate *iso, BuiltinArgs *args, bool all) {
  const char *method = all ? "replaceAll" : "replace";
  Handle receiver = builtin_receiver(args);
  if (is_undefined(iso, H(receiver)) || is_null(iso, H(receiver))) {
    return builtins_throw_type_error(iso, "String.prototype.%s called on null or undefined", method);
  }
  Handle search = BUILTIN_ARG(0), replace = BUILTIN_ARG(1);
  if (is_heap_object(H(search)) && is_js_receiver(H(search))) {
    if (all) {
      RuntimeMaybeBool is_regexp = string_is_regexp(iso, search);
      if (is_regexp == RT_EXCEPTION) return HANDLE_NULL;
      if (is_regexp == RT_TRUE) {
        Handle flags = builtins_get(iso, search, "flags");
        BUILTIN_TRY(flags);
        if (is_undefined(iso, H(flags)) || is_null(iso, H(flags))) {
          return builtins_throw_type_error(iso, "replaceAll: flags is null or undefined");
        }
        flags = runtime_to_string(iso, flags);
        BUILTIN_TRY(flags);
        size_t n;
        uint16_t *fu = string_units(iso, flags, &n);
        if (fu == NULL) return HANDLE_NULL;
        bool global = false;
        for (size_t i = 0; i < n; i++) global |= fu[i] == 'g';
        free(fu);
        if (!global) return builtins_throw_type_error(iso, "replaceAll must be called with a global RegExp");
      }
    }
    Handle replacer = runtime_get_method(iso, search, ROOT_HANDLE(iso, replace_symbol));
    BUILTIN_TRY(replacer);
    if (!is_undefined(iso, H(replacer))) {
      Handle argv[2] = {receiver, replace};
      return builtins_call(iso, replacer, search, 2, argv);
    }
  }
  Handle s = runtime_to_string(iso, receiver);
  BUILTIN_TRY(s);
  Handle search_str = runtime_to_string(iso, search);
  BUILTIN_TRY(search_str);
  bool functional = runtime_is_callable(H(replace));
  if (!functional) {
    replace = runtime_to_string(iso, replace);
    BUILTIN_TRY(replace);
  }
  size_t slen, plen, rlen = 0;
  uint16_t *su = string_units(iso, s, &slen);
  if (su == NULL) return HANDLE_NULL;
  uint16_t *pu = string_units(iso, search_str, &plen);
  uint16_t *ru = pu == NULL || functional ? NULL : string_units(iso, replace, &rlen);
  if (pu == NULL || (!functional && ru == NULL)) {
    free(su);
    free(pu);
    return HANDLE_NULL;
  }
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  size_t end_of_last = 0, advance = plen > 0 ? plen : 1;
  int64_t pos = string_index_of(su, slen, pu, plen, 0);
  bool ok = true;
  while (pos >= 0 && ok) {
    for (size_t k = end_of_last; k < (size_t)pos; k++) builtins_buffer_append_unit(&b, su[k]);
    if (functional) {
      Handle position = builtins_number(iso, (double)pos);
      Handle argv[3] = {search_str, position, s};
      Handle r = handle_is_null(position) ? position
                                          : builtins_call(iso, replace, BUILTIN_UNDEFINED, 3, argv);
      r = handle_is_null(r) ? r : runtime_to_string(iso, r);
      ok = !handle_is_null(r);
      if (ok) builtins_buffer_append_string(&b, H(r));
    } else {
      string_get_substitution(&b, su, slen, (size_t)pos, plen, ru, rlen);
    }
    end_of_last = (size_t)pos + plen;
    if (!all) break;
    pos = (size_t)pos + advance <= slen ? string_index_of(su, slen, pu, plen, (size_t)pos + advance)
                                        : -1;
  }
  for (size_t k = end_of_last; ok && k < slen; k++) builtins_buffer_append_unit(&b, su[k]);
  free(su);
  free(pu);
  free(ru);
  if (!ok) {
    builtins_buffer_free(&b);
    return HANDLE_NULL;
  }
  if (end_of_last == 0 && pos < 0 && !all) {
    builtins_buffer_free(&b);
    return s;
  }
  return builtins_buffer_finish(iso, &b);
}

BUILTIN(StringPrototypeReplace) { return string_replace(iso, args, false); }
BUILTIN(StringPrototypeReplaceAll) { return string_replace(iso, args, true); }

/* ES2025 22.1.3.22 String.prototype.slice ( start, end ) */
BUILTIN(StringPrototypeSlice) {
  Handle s = string_this(iso, args, "slice");
  BUILTIN_TRY(s);
  double len = (double)string_length(H(s)), start, end = len;
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &start));
  if (!is_undefined(iso, H(BUILTIN_ARG(1)))) {
    BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(1), &end));
  }
  double from = start < 0 ? fmax(len + start, 0) : fmin(start, len);
  double to = end < 0 ? fmax(len + end, 0) : fmin(end, len);
  if (from >= to) return ROOT_HANDLE(iso, empty_string);
  return string_substring(iso, s, (int64_t)from, (int64_t)to);
}

/* ES2025 22.1.3.23 String.prototype.split ( separator, limit ) */
BUILTIN(StringPrototypeSplit) {
  Handle receiver = builtin_receiver(args);
  if (is_undefined(iso, H(receiver)) || is_null(iso, H(receiver))) {
    return builtins_throw_type_error(iso, "String.prototype.split called on null or undefined");
  }
  Handle separator = BUILTIN_ARG(0), limit = BUILTIN_ARG(1);
  if (is_heap_object(H(separator)) && is_js_receiver(H(separator))) {
    Handle splitter = runtime_get_method(iso, separator, ROOT_HANDLE(iso, split_symbol));
    BUILTIN_TRY(splitter);
    if (!is_undefined(iso, H(splitter))) {
      Handle argv[2] = {receiver, limit};
      return builtins_call(iso, splitter, separator, 2, argv);
    }
  }
  Handle s = runtime_to_string(iso, receiver);
  BUILTIN_TRY(s);
  uint32_t lim = 0xFFFFFFFFu;
  if (!is_undefined(iso, H(limit))) BUILTIN_CHECK(runtime_to_uint32(iso, limit, &lim));
  Handle r = runtime_to_string(iso, separator);
  BUILTIN_TRY(r);
  Handle a = runtime_new_array(iso, 0);
  BUILTIN_TRY(a);
  if (lim == 0) return a;
  if (is_undefined(iso, H(separator))) {
    BUILTIN_CHECK(js_array_push(iso, a, s));
    return a;
  }
  int64_t slen = string_length(H(s)), rlen = string_length(H(r));
  if (slen == 0) {
    if (rlen != 0) BUILTIN_CHECK(js_array_push(iso, a, s));
    return a;
  }
  size_t sl, rl;
  uint16_t *su = string_units(iso, s, &sl);
  if (su == NULL) return HANDLE_NULL;
  uint16_t *ru = string_units(iso, r, &rl);
  if (ru == NULL) {
    free(su);
    return HANDLE_NULL;
  }
  bool ok = true;
  uint32_t count = 0;
  if (rl == 0) {
    for (size_t i = 0; ok && i < sl && count < lim; i++, count++) {
      Handle piece = builtins_string_from_units(iso, su + i, 1);
      ok = !handle_is_null(piece) && js_array_push(iso, a, piece);
    }
  } else {
    size_t p = 0;
    int64_t q;
    while (ok && count < lim && (q = string_index_of(su, sl, ru, rl, p)) >= 0) {
      Handle piece = builtins_string_from_units(iso, su + p, (size_t)q - p);
      ok = !handle_is_null(piece) && js_array_push(iso, a, piece);
      count++;
      p = (size_t)q + rl;
    }
    if (ok && count < lim) {
      Handle piece = builtins_string_from_units(iso, su + p, sl - p);
      ok = !handle_is_null(piece) && js_array_push(iso, a, piece);
    }
  }
  free(su);
  free(ru);
  BUILTIN_CHECK(ok);
  return a;
}

/* ES2025 B.2.2.1 String.prototype.substr ( start, length ) */
BUILTIN(StringPrototypeSubstr) {
  Handle s = string_this(iso, args, "substr");
  BUILTIN_TRY(s);
  double size = (double)string_length(H(s)), start, length;
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &start));
  if (start == -INFINITY) start = 0;
  else if (start < 0) start = fmax(size + start, 0);
  else start = fmin(start, size);
  if (is_undefined(iso, H(BUILTIN_ARG(1)))) {
    length = size;
  } else {
    BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(1), &length));
  }
  double end = fmin(start + length, size);
  if (start >= end) return ROOT_HANDLE(iso, empty_string);
  return string_substring(iso, s, (int64_t)start, (int64_t)end);
}

/* ES2025 22.1.3.25 String.prototype.substring ( start, end ) */
BUILTIN(StringPrototypeSubstring) {
  Handle s = string_this(iso, args, "substring");
  BUILTIN_TRY(s);
  double len = (double)string_length(H(s)), start, end = len;
  BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(0), &start));
  if (!is_undefined(iso, H(BUILTIN_ARG(1)))) {
    BUILTIN_CHECK(runtime_to_integer_or_infinity(iso, BUILTIN_ARG(1), &end));
  }
  double a = fmin(fmax(start, 0), len), b = fmin(fmax(end, 0), len);
  return string_substring(iso, s, (int64_t)fmin(a, b), (int64_t)fmax(a, b));
}

/* Case mapping with ICU's full (context-sensitive) mappings in the root locale. */
static Handle string_change_case(Isolate *iso, BuiltinArgs *args, bool upper, const char *method) {
  Handle s = string_this(iso, args, method);
  BUILTIN_TRY(s);
  size_t len;
  uint16_t *units = string_units(iso, s, &len);
  if (units == NULL) return HANDLE_NULL;
  int32_t cap = (int32_t)len * 3 + 16;
  UChar *out = malloc((size_t)cap * sizeof *out);
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = 0;
  if (out != NULL) {
    n = upper ? u_strToUpper(out, cap, (const UChar *)units, (int32_t)len, "", &status)
              : u_strToLower(out, cap, (const UChar *)units, (int32_t)len, "", &status);
  }
  free(units);
  if (out == NULL || U_FAILURE(status)) {
    free(out);
    return builtins_throw_range_error(iso, "case conversion failed");
  }
  Handle result = builtins_string_from_units(iso, (const uint16_t *)out, (size_t)n);
  free(out);
  return result;
}

BUILTIN(StringPrototypeToLowerCase) { return string_change_case(iso, args, false, "toLowerCase"); }
BUILTIN(StringPrototypeToUpperCase) { return string_change_case(iso, args, true, "toUpperCase"); }
BUILTIN(StringPrototypeToLocaleLowerCase) {
  return string_change_case(iso, args, false, "toLocaleLowerCase");
}
BUILTIN(StringPrototypeToLocaleUpperCase) {
  return string_change_case(iso, args, true, "toLocaleUpperCase");
}

/* ES2025 22.1.3.10 isWellFormed, 22.1.3.31 toWellFormed */
static Handle string_well_formed(Isolate *iso, BuiltinArgs *args, bool fix) {
  Handle s = string_this(iso, args, fix ? "toWellFormed" : "isWellFormed");
  BUILTIN_TRY(s);
  size_t len;
  uint16_t *u = string_units(iso, s, &len);
  if (u == NULL) return HANDLE_NULL;
  bool well_formed = true;
  for (size_t i = 0; i < len;) {
    int count;
    uint32_t cp = string_code_point_at(u, len, i, &count);
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      well_formed = false;
      u[i] = 0xFFFD;
    }
    i += (size_t)count;
  }
  Handle result = !fix ? builtins_boolean(iso, well_formed)
                       : well_formed ? s : builtins_string_from_units(iso, u, len);
  free(u);
  return result;
}

BUILTIN(StringPrototypeIsWellFormed) { return string_well_formed(iso, args, false); }
BUILTIN(StringPrototypeToWellFormed) { return string_well_formed(iso, args, true); }

/* ES2025 22.1.3.32.1 TrimString ( string, where ) */
static Handle string_trim(Isolate *iso, BuiltinArgs *args, bool start, bool end,
                          const char *method) {
  Handle s = string_this(iso, args, method);
  BUILTIN_TRY(s);
  size_t len;
  uint16_t *u = string_units(iso, s, &len);
  if (u == NULL) return HANDLE_NULL;
  size_t from = 0, to = len;
  if (start) while (from < to && conversions_is_whitespace(u[from])) from++;
  if (end) while (to > from && conversions_is_whitespace(u[to - 1])) to--;
  free(u);
  if (from == 0 && to == len) return s;
  return string_substring(iso, s, (int64_t)from, (int64_t)to);
}

BUILTIN(StringPrototypeTrim) { return string_trim(iso, args, true, true, "trim"); }
BUILTIN(StringPrototypeTrimStart) { return string_trim(iso, args, true, false, "trimStart"); }
BUILTIN(StringPrototypeTrimEnd) { return string_trim(iso, args, false, true, "trimEnd"); }

/* ES2025 22.1.3.28 toString, 22.1.3.35 valueOf */
BUILTIN(StringPrototypeToString) { return string_this_value(iso, args, "toString"); }
BUILTIN(StringPrototypeValueOf) { return string_this_value(iso, args, "valueOf"); }

/* ---- iteration ------------------------------------------------------------------------- */

/* ES2025 22.1.3.36 String.prototype [ @@iterator ] ( ) */
BUILTIN(StringPrototypeIterator) {
  Handle s = string_this(iso, args, "[Symbol.iterator]");
  BUILTIN_TRY(s);
  Handle realm = builtins_realm(iso, args);
  Handle it = factory_new_js_object_from_map(
      iso, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_string_iterator_map));
  BUILTIN_TRY(it);
  js_string_iterator_set_string(H(it), H(s));
  js_string_iterator_set_next_index(H(it), 0);
  return it;
}

/* ES2025 22.1.5.1.1 %StringIteratorPrototype%.next ( ) */
BUILTIN(StringIteratorPrototypeNext) {
  Handle it = builtin_receiver(args);
  if (!is_js_string_iterator(H(it))) {
    return builtins_throw_type_error(iso, "next method called on incompatible receiver");
  }
  Handle s = handle_new(iso, js_string_iterator_string(H(it)));
  if (is_undefined(iso, H(s))) return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
  int64_t pos = js_string_iterator_next_index(H(it)), len = string_length(H(s));
  if (pos >= len) {
    js_string_iterator_set_string(H(it), ROOT(iso, undefined_value));
    return runtime_create_iter_result(iso, BUILTIN_UNDEFINED, true);
  }
  uint16_t pair[2] = {0, 0};
  BUILTIN_CHECK(string_unit_at(iso, &s, pos, &pair[0]));
  if (pos + 1 < len) BUILTIN_CHECK(string_unit_at(iso, &s, pos + 1, &pair[1]));
  int count;
  string_code_point_at(pair, pos + 1 < len ? 2 : 1, 0, &count);
  js_string_iterator_set_next_index(H(it), pos + count);
  Handle result = string_substring(iso, s, pos, pos + count);
  BUILTIN_TRY(result);
  return runtime_create_iter_result(iso, result, false);
}

/* ---- installation ---------------------------------------------------------------------- */

static const BuiltinSpec kStringBuiltins[] = {STRING_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kStringPrototypeBuiltins[] = {STRING_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

/* trimStart/trimEnd, and their Annex B aliases trimLeft/trimRight (the same objects). */
static bool string_install_trims(Isolate *iso, Handle nc, Handle proto) {
  Handle start = builtins_install_method(iso, nc, proto, "trimStart", Builtin_StringPrototypeTrimStart, 0);
  Handle end = handle_is_null(start) ? start
                                     : builtins_install_method(iso, nc, proto, "trimEnd",
                                                               Builtin_StringPrototypeTrimEnd, 0);
  return !handle_is_null(end) && builtins_define_value(iso, proto, "trimLeft", start, DONT_ENUM) &&
         builtins_define_value(iso, proto, "trimRight", end, DONT_ENUM);
}

static bool string_install_iterator(Isolate *iso, Handle nc) {
  Handle iterator_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_iterator_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, iterator_proto);
  Handle tag = handle_is_null(proto) ? proto : builtins_string(iso, "String Iterator");
  if (handle_is_null(tag) ||
      handle_is_null(builtins_install_method(iso, nc, proto, "next",
                                             Builtin_StringIteratorPrototypeNext, 0)) ||
      !builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM)) {
    return false;
  }
  context_set(H(nc), NATIVE_CONTEXT_string_iterator_prototype, H(proto));
  Handle map = factory_new_map(iso, JS_STRING_ITERATOR_TYPE, JSStringIterator_kHeaderSize, 0);
  if (handle_is_null(map)) return false;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(proto));
  context_set(H(nc), NATIVE_CONTEXT_string_iterator_map, H(map));
  return true;
}

bool builtins_install_string(Isolate *iso, Handle nc) {
  /* %String.prototype% is itself a String exotic object whose value is "" (22.1.3). */
  Handle proto = builtins_new_wrapper_prototype(iso, nc, ROOT_HANDLE(iso, empty_string));
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, "String", 1, Builtin_StringConstructor,
                                             proto, NATIVE_CONTEXT_string_function,
                                             NATIVE_CONTEXT_string_prototype);
  return !handle_is_null(ctor) &&
         builtins_install_methods(iso, nc, ctor, kStringBuiltins, KILN_ARRAY_SIZE(kStringBuiltins)) &&
         builtins_install_methods(iso, nc, proto, kStringPrototypeBuiltins,
                                  KILN_ARRAY_SIZE(kStringPrototypeBuiltins)) &&
         string_install_trims(iso, nc, proto) && string_install_iterator(iso, nc);
}
