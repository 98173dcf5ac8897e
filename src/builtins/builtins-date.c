/*
 * builtins-date.c: the Date constructor and Date.prototype (ES2025 21.4), with Annex B's
 * getYear, setYear and toGMTString (B.2.3).
 *
 * A Date is a JSDate whose raw double field holds the time value ([[DateValue]]). The
 * calendar arithmetic, local time, parsing and formatting live in base/date.c; this file does
 * the spec's argument handling: the order in which arguments are converted (every ToNumber
 * runs before a NaN time value short-circuits, and [[DateValue]] is read first), the
 * defaults of omitted arguments, and TimeClip.
 */
#include <math.h>
#include <stdlib.h>

#include "base/date.h"
#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/string.h"

/* The fields of a time value a setter can replace, in MakeDay/MakeTime order. */
enum { F_YEAR, F_MONTH, F_DATE, F_HOUR, F_MIN, F_SEC, F_MS, F_COUNT };

/* V(Name, key, field, local): the getters of 21.4.4 (field -1: special cases below). */
#define DATE_GETTER_LIST(V)                                   \
  V(GetDate, "getDate", F_DATE, true)                         \
  V(GetFullYear, "getFullYear", F_YEAR, true)                 \
  V(GetHours, "getHours", F_HOUR, true)                       \
  V(GetMilliseconds, "getMilliseconds", F_MS, true)           \
  V(GetMinutes, "getMinutes", F_MIN, true)                    \
  V(GetMonth, "getMonth", F_MONTH, true)                      \
  V(GetSeconds, "getSeconds", F_SEC, true)                    \
  V(GetUTCDate, "getUTCDate", F_DATE, false)                  \
  V(GetUTCFullYear, "getUTCFullYear", F_YEAR, false)          \
  V(GetUTCHours, "getUTCHours", F_HOUR, false)                \
  V(GetUTCMilliseconds, "getUTCMilliseconds", F_MS, false)    \
  V(GetUTCMinutes, "getUTCMinutes", F_MIN, false)             \
  V(GetUTCMonth, "getUTCMonth", F_MONTH, false)               \
  V(GetUTCSeconds, "getUTCSeconds", F_SEC, false)

/* V(Name, key, first field, argument count, local): the setters of 21.4.4. */
#define DATE_SETTER_LIST(V)                                          \
  V(SetDate, "setDate", F_DATE, 1, true)                             \
  V(SetFullYear, "setFullYear", F_YEAR, 3, true)                     \
  V(SetHours, "setHours", F_HOUR, 4, true)                           \
  V(SetMilliseconds, "setMilliseconds", F_MS, 1, true)               \
  V(SetMinutes, "setMinutes", F_MIN, 3, true)                        \
  V(SetMonth, "setMonth", F_MONTH, 2, true)                          \
  V(SetSeconds, "setSeconds", F_SEC, 2, true)                        \
  V(SetUTCDate, "setUTCDate", F_DATE, 1, false)                      \
  V(SetUTCFullYear, "setUTCFullYear", F_YEAR, 3, false)              \
  V(SetUTCHours, "setUTCHours", F_HOUR, 4, false)                    \
  V(SetUTCMilliseconds, "setUTCMilliseconds", F_MS, 1, false)        \
  V(SetUTCMinutes, "setUTCMinutes", F_MIN, 3, false)                 \
  V(SetUTCMonth, "setUTCMonth", F_MONTH, 2, false)                   \
  V(SetUTCSeconds, "setUTCSeconds", F_SEC, 2, false)

/* V(Name, key, format): the string conversions (Invalid Date for NaN). */
#define DATE_FORMAT_LIST(V)                                          \
  V(ToDateString, "toDateString", DATE_FORMAT_DATE)                  \
  V(ToLocaleDateString, "toLocaleDateString", DATE_FORMAT_LOCALE_DATE) \
  V(ToLocaleString, "toLocaleString", DATE_FORMAT_LOCALE)            \
  V(ToLocaleTimeString, "toLocaleTimeString", DATE_FORMAT_LOCALE_TIME) \
  V(ToString, "toString", DATE_FORMAT_TO_STRING)                     \
  V(ToTimeString, "toTimeString", DATE_FORMAT_TIME)

#define DATE_BUILTINS(V)         \
  V(DateNow, "now", 0)           \
  V(DateParse, "parse", 1)       \
  V(DateUTC, "UTC", 7)

#define DATE_PROTOTYPE_BUILTINS(V)                          \
  V(DatePrototypeGetDay, "getDay", 0)                       \
  V(DatePrototypeGetTime, "getTime", 0)                     \
  V(DatePrototypeGetTimezoneOffset, "getTimezoneOffset", 0) \
  V(DatePrototypeGetUTCDay, "getUTCDay", 0)                 \
  V(DatePrototypeGetYear, "getYear", 0)                     \
  V(DatePrototypeSetTime, "setTime", 1)                     \
  V(DatePrototypeSetYear, "setYear", 1)                     \
  V(DatePrototypeToISOString, "toISOString", 0)             \
  V(DatePrototypeToJSON, "toJSON", 1)                       \
  V(DatePrototypeValueOf, "valueOf", 0)

#define DECLARE_GETTER(Name, key, field, local) BUILTIN_DECLARE(DatePrototype##Name, key, 0)
#define DECLARE_SETTER(Name, key, field, count, local) \
  BUILTIN_DECLARE(DatePrototype##Name, key, count)
#define DECLARE_FORMAT(Name, key, format) BUILTIN_DECLARE(DatePrototype##Name, key, 0)
DATE_GETTER_LIST(DECLARE_GETTER)
DATE_SETTER_LIST(DECLARE_SETTER)
DATE_FORMAT_LIST(DECLARE_FORMAT)
DATE_BUILTINS(BUILTIN_DECLARE)
DATE_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(DateConstructor, "Date", 7)
BUILTIN_DECLARE(DatePrototypeToUTCString, "toUTCString", 0)
BUILTIN_DECLARE(DatePrototypeToPrimitive, "@@toPrimitive", 1)

/* ---- helpers ------------------------------------------------------------------------------ */

/* thisTimeValue's receiver check: the Date, or a TypeError. */
static Handle date_this(Isolate *iso, BuiltinArgs *args, const char *method) {
  Handle o = builtin_receiver(args);
  if (is_js_date(H(o))) return o;
  return builtins_throw_type_error(iso, "Date.prototype.%s: this is not a Date object", method);
}

/* A string of ASCII text. May allocate. */
static Handle date_ascii(Isolate *iso, const char *text, size_t length) {
  return string_new_one_byte(iso, (const uint8_t *)text, length);
}

/* tv in the given format, or "Invalid Date". May allocate. */
static Handle date_to_string(Isolate *iso, double tv, DateFormat format) {
  if (isnan(tv)) return date_ascii(iso, "Invalid Date", 12);
  char buf[128];
  size_t n = date_format(tv, format, buf, sizeof buf);
  return date_ascii(iso, buf, n);
}

/* One field of time value t (finite). */
static double date_field(double t, int field) {
  switch (field) {
    case F_YEAR: return date_year_from_time(t);
    case F_MONTH: return date_month_from_time(t);
    case F_DATE: return date_date_from_time(t);
    case F_HOUR: return date_hour_from_time(t);
    case F_MIN: return date_min_from_time(t);
    case F_SEC: return date_sec_from_time(t);
    default: return date_ms_from_time(t);
  }
}

/* ToNumber of args 0..count-1 into fields[first..]; the first argument always (undefined
 * gives NaN), the others only when present. Calls user code. */
static bool date_argument_numbers(Isolate *iso, BuiltinArgs *args, int first, int count,
                                  double *fields, bool *given) {
  for (int i = 0; i < count; i++) {
    given[first + i] = i == 0 || i < args->argc;
    if (given[first + i] && !runtime_to_number_double(iso, BUILTIN_ARG(i), &fields[first + i])) {
      return false;
    }
  }
  return true;
}

/* MakeDate(MakeDay(year, month, date), MakeTime(hour, min, sec, ms)). */
static double date_from_fields(const double *f) {
  return date_make_date(date_make_day(f[F_YEAR], f[F_MONTH], f[F_DATE]),
                        date_make_time(f[F_HOUR], f[F_MIN], f[F_SEC], f[F_MS]));
}

/* ---- the constructor and statics ------------------------------------------------------------ */

/* The time value of `new Date(value)` (21.4.2.1 step 4). Calls user code. */
static bool date_single_value(Isolate *iso, Handle value, double *tv) {
  if (is_js_date(H(value))) {
    *tv = js_date_value(H(value));
    return true;
  }
  Handle v = runtime_to_primitive(iso, value, HINT_DEFAULT);
  if (handle_is_null(v)) return false;
  if (is_string(H(v))) {
    size_t length;
    uint16_t *units = builtins_string_units(iso, H(v), &length);
    if (units == NULL) return false;
    *tv = date_parse(units, length);
    free(units);
    return true;
  }
  if (!runtime_to_number_double(iso, v, tv)) return false;
  *tv = date_time_clip(*tv);
  return true;
}

/* The time value of `new Date(y, m, ...)` (21.4.2.1 step 5), and of Date.UTC without the
 * local-time step. Calls user code. */
static bool date_from_arguments(Isolate *iso, BuiltinArgs *args, double *out) {
  static const double kDefaults[F_COUNT] = {NAN, 0, 1, 0, 0, 0, 0};
  double f[F_COUNT];
  bool given[F_COUNT];
  int count = args->argc < F_COUNT ? args->argc : F_COUNT;
  for (int i = 0; i < F_COUNT; i++) f[i] = kDefaults[i];
  if (!date_argument_numbers(iso, args, 0, count < 1 ? 1 : count, f, given)) return false;
  f[F_YEAR] = date_make_full_year(f[F_YEAR]);
  *out = date_from_fields(f);
  return true;
}

/* ES2025 21.4.2.1 Date ( ...values ) */
BUILTIN(DateConstructor) {
  if (!builtin_is_construct_call(iso, args)) {
    return date_to_string(iso, date_now(), DATE_FORMAT_TO_STRING);
  }
  double tv;
  if (args->argc == 0) {
    tv = date_now();
  } else if (args->argc == 1) {
    BUILTIN_CHECK(date_single_value(iso, BUILTIN_ARG(0), &tv));
  } else {
    BUILTIN_CHECK(date_from_arguments(iso, args, &tv));
    tv = date_time_clip(date_utc(tv));
  }
  Handle realm = builtins_realm(iso, args);
  Handle o = builtins_create_from_constructor(iso, builtin_new_target(args),
                                              NATIVE_CONTEXT_date_prototype,
                                              builtins_intrinsic(iso, realm, NATIVE_CONTEXT_js_date_map));
  BUILTIN_TRY(o);
  js_date_set_value(H(o), tv);
  return o;
}

/* ES2025 21.4.3.1 Date.now ( ) */
BUILTIN(DateNow) { return builtins_number(iso, date_now()); }

/* ES2025 21.4.3.2 Date.parse ( string ) */
BUILTIN(DateParse) {
  Handle s = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(s);
  size_t length;
  uint16_t *units = builtins_string_units(iso, H(s), &length);
  if (units == NULL) return HANDLE_NULL;
  double tv = date_parse(units, length);
  free(units);
  return builtins_number(iso, tv);
}

/* ES2025 21.4.3.4 Date.UTC ( year [ , month [ , date [ , hours [ , minutes [ , seconds
 * [ , ms ] ] ] ] ] ] ) */
BUILTIN(DateUTC) {
  double tv;
  BUILTIN_CHECK(date_from_arguments(iso, args, &tv));
  return builtins_number(iso, date_time_clip(tv));
}

/* ---- getters ------------------------------------------------------------------------------- */

/* The getters' common steps: thisTimeValue, NaN through, LocalTime when local. */
static Handle date_getter(Isolate *iso, BuiltinArgs *args, const char *method, int field,
                          bool local) {
  Handle o = date_this(iso, args, method);
  BUILTIN_TRY(o);
  double t = js_date_value(H(o));
  if (isnan(t)) return builtins_number(iso, NAN);
  return builtins_number(iso, date_field(local ? date_local_time(t) : t, field));
}

#define DEFINE_GETTER(Name, key, field, local) \
  BUILTIN(DatePrototype##Name) { return date_getter(iso, args, key, field, local); }
DATE_GETTER_LIST(DEFINE_GETTER)
#undef DEFINE_GETTER

/* ES2025 21.4.4.3 Date.prototype.getDay ( ), 21.4.4.11 getUTCDay ( ) */
static Handle date_get_day(Isolate *iso, BuiltinArgs *args, const char *method, bool local) {
  Handle o = date_this(iso, args, method);
  BUILTIN_TRY(o);
  double t = js_date_value(H(o));
  if (isnan(t)) return builtins_number(iso, NAN);
  return builtins_number(iso, date_week_day(local ? date_local_time(t) : t));
}
BUILTIN(DatePrototypeGetDay) { return date_get_day(iso, args, "getDay", true); }
BUILTIN(DatePrototypeGetUTCDay) { return date_get_day(iso, args, "getUTCDay", false); }

/* ES2025 21.4.4.10 Date.prototype.getTime ( ) */
BUILTIN(DatePrototypeGetTime) {
  Handle o = date_this(iso, args, "getTime");
  BUILTIN_TRY(o);
  return builtins_number(iso, js_date_value(H(o)));
}

/* ES2025 21.4.4.44 Date.prototype.valueOf ( ) */
BUILTIN(DatePrototypeValueOf) {
  Handle o = date_this(iso, args, "valueOf");
  BUILTIN_TRY(o);
  return builtins_number(iso, js_date_value(H(o)));
}

/* ES2025 21.4.4.11 Date.prototype.getTimezoneOffset ( ) */
BUILTIN(DatePrototypeGetTimezoneOffset) {
  Handle o = date_this(iso, args, "getTimezoneOffset");
  BUILTIN_TRY(o);
  double t = js_date_value(H(o));
  if (isnan(t)) return builtins_number(iso, NAN);
  return builtins_number(iso, (t - date_local_time(t)) / 60000.0);
}

/* ES2025 B.2.3.1 Date.prototype.getYear ( ) */
BUILTIN(DatePrototypeGetYear) {
  Handle o = date_this(iso, args, "getYear");
  BUILTIN_TRY(o);
  double t = js_date_value(H(o));
  if (isnan(t)) return builtins_number(iso, NAN);
  return builtins_number(iso, date_year_from_time(date_local_time(t)) - 1900);
}

/* ---- setters ------------------------------------------------------------------------------- */

/* The setters of 21.4.4.20-21.4.4.34: read [[DateValue]], convert the given arguments (in
 * order), return NaN for an invalid date (setFullYear/setUTCFullYear start from +0 instead),
 * fill the other fields from the (local) time, store TimeClip(UTC(new date)). */
static Handle date_setter(Isolate *iso, BuiltinArgs *args, const char *method, int first,
                          int count, bool local) {
  Handle o = date_this(iso, args, method);
  BUILTIN_TRY(o);
  double t = js_date_value(H(o));
  double f[F_COUNT];
  bool given[F_COUNT] = {false};
  BUILTIN_CHECK(date_argument_numbers(iso, args, first, count, f, given));
  if (isnan(t)) {
    if (first != F_YEAR) return builtins_number(iso, NAN);
    t = 0;
  } else if (local) {
    t = date_local_time(t);
  }
  for (int i = 0; i < F_COUNT; i++) {
    if (!given[i]) f[i] = date_field(t, i);
  }
  double date = date_from_fields(f);
  double u = date_time_clip(local ? date_utc(date) : date);
  js_date_set_value(H(o), u);
  return builtins_number(iso, u);
}

#define DEFINE_SETTER(Name, key, first, count, local) \
  BUILTIN(DatePrototype##Name) { return date_setter(iso, args, key, first, count, local); }
DATE_SETTER_LIST(DEFINE_SETTER)
#undef DEFINE_SETTER

/* ES2025 21.4.4.27 Date.prototype.setTime ( time ) */
BUILTIN(DatePrototypeSetTime) {
  Handle o = date_this(iso, args, "setTime");
  BUILTIN_TRY(o);
  double t;
  BUILTIN_CHECK(runtime_to_number_double(iso, BUILTIN_ARG(0), &t));
  double v = date_time_clip(t);
  js_date_set_value(H(o), v);
  return builtins_number(iso, v);
}

/* ES2025 B.2.3.2 Date.prototype.setYear ( year ) */
BUILTIN(DatePrototypeSetYear) {
  Handle o = date_this(iso, args, "setYear");
  BUILTIN_TRY(o);
  double t = js_date_value(H(o)), y;
  BUILTIN_CHECK(runtime_to_number_double(iso, BUILTIN_ARG(0), &y));
  t = isnan(t) ? 0 : date_local_time(t);
  double day = date_make_day(date_make_full_year(y), date_month_from_time(t), date_date_from_time(t));
  double v = date_time_clip(date_utc(date_make_date(day, date_time_within_day(t))));
  js_date_set_value(H(o), v);
  return builtins_number(iso, v);
}

/* ---- string conversions ------------------------------------------------------------------------ */

#define DEFINE_FORMAT(Name, key, format)                    \
  BUILTIN(DatePrototype##Name) {                            \
    Handle o = date_this(iso, args, key);                   \
    BUILTIN_TRY(o);                                         \
    return date_to_string(iso, js_date_value(H(o)), format); \
  }
DATE_FORMAT_LIST(DEFINE_FORMAT)
#undef DEFINE_FORMAT

/* ES2025 21.4.4.43 Date.prototype.toUTCString ( ) (also B.2.3.3 toGMTString) */
BUILTIN(DatePrototypeToUTCString) {
  Handle o = date_this(iso, args, "toUTCString");
  BUILTIN_TRY(o);
  return date_to_string(iso, js_date_value(H(o)), DATE_FORMAT_UTC);
}

/* ES2025 21.4.4.36 Date.prototype.toISOString ( ) */
BUILTIN(DatePrototypeToISOString) {
  Handle o = date_this(iso, args, "toISOString");
  BUILTIN_TRY(o);
  double tv = js_date_value(H(o));
  if (!isfinite(tv)) return builtins_throw_range_error(iso, "Invalid time value");
  return date_to_string(iso, tv, DATE_FORMAT_ISO);
}

/* ES2025 21.4.4.37 Date.prototype.toJSON ( key ) */
BUILTIN(DatePrototypeToJSON) {
  Handle o = runtime_to_object(iso, builtin_receiver(args));
  BUILTIN_TRY(o);
  Handle tv = runtime_to_primitive(iso, o, HINT_NUMBER);
  BUILTIN_TRY(tv);
  if (is_number(H(tv)) && !isfinite(runtime_number_value(H(tv)))) {
    return ROOT_HANDLE(iso, null_value);
  }
  Handle key = builtins_string(iso, "toISOString");
  BUILTIN_TRY(key);
  return runtime_invoke(iso, o, key, 0, NULL);
}

/* ES2025 7.1.1.1 OrdinaryToPrimitive ( O, hint ). Calls user code. */
static Handle date_ordinary_to_primitive(Isolate *iso, Handle o, bool string_first) {
  const char *names[2] = {string_first ? "toString" : "valueOf",
                          string_first ? "valueOf" : "toString"};
  for (int i = 0; i < 2; i++) {
    Handle method = builtins_get(iso, o, names[i]);
    BUILTIN_TRY(method);
    if (!runtime_is_callable(H(method))) continue;
    Handle result = builtins_call(iso, method, o, 0, NULL);
    BUILTIN_TRY(result);
    if (!is_js_receiver(H(result))) return result;
  }
  return builtins_throw_type_error(iso, "Cannot convert object to primitive value");
}

/* ES2025 21.4.4.45 Date.prototype [ @@toPrimitive ] ( hint ) */
BUILTIN(DatePrototypeToPrimitive) {
  Handle o = builtin_receiver(args);
  if (!is_js_receiver(H(o))) {
    return builtins_throw_type_error(iso, "Date.prototype[Symbol.toPrimitive] called on non-object");
  }
  Tagged hint = H(BUILTIN_ARG(0));
  bool string_first;
  if (is_string(hint) && (string_equals_ascii(hint, "string") || string_equals_ascii(hint, "default"))) {
    string_first = true;
  } else if (is_string(hint) && string_equals_ascii(hint, "number")) {
    string_first = false;
  } else {
    return builtins_throw_type_error(iso, "Invalid hint");
  }
  return date_ordinary_to_primitive(iso, o, string_first);
}

/* ---- installation ---------------------------------------------------------------------------- */

#define GETTER_SPEC(Name, key, field, local) {key, BUILTIN_NAME(DatePrototype##Name), 0},
#define SETTER_SPEC(Name, key, first, count, local) {key, BUILTIN_NAME(DatePrototype##Name), count},
#define FORMAT_SPEC(Name, key, format) {key, BUILTIN_NAME(DatePrototype##Name), 0},
static const BuiltinSpec kDatePrototypeBuiltins[] = {
    DATE_GETTER_LIST(GETTER_SPEC) DATE_SETTER_LIST(SETTER_SPEC) DATE_FORMAT_LIST(FORMAT_SPEC)
        DATE_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kDateBuiltins[] = {DATE_BUILTINS(BUILTIN_SPEC)};

bool builtins_install_date(Isolate *iso, Handle nc) {
  date_init();
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, "Date", 7, Builtin_DateConstructor, proto,
                                             NATIVE_CONTEXT_date_function,
                                             NATIVE_CONTEXT_date_prototype);
  if (handle_is_null(ctor) ||
      !builtins_install_methods(iso, nc, ctor, kDateBuiltins, KILN_ARRAY_SIZE(kDateBuiltins)) ||
      !builtins_install_methods(iso, nc, proto, kDatePrototypeBuiltins,
                                KILN_ARRAY_SIZE(kDatePrototypeBuiltins))) {
    return false;
  }
  Handle utc = builtins_install_method(iso, nc, proto, "toUTCString", Builtin_DatePrototypeToUTCString, 0);
  Handle gmt_key = handle_is_null(utc) ? utc : builtins_key(iso, "toGMTString");
  Handle prim_key = handle_is_null(gmt_key) ? gmt_key : builtins_key(iso, "@@toPrimitive");
  Handle prim = handle_is_null(prim_key)
                    ? prim_key
                    : builtins_new_function(iso, nc, prim_key, 1, Builtin_DatePrototypeToPrimitive);
  if (handle_is_null(prim) ||
      !js_object_define_own_property(iso, proto, gmt_key, utc, DONT_ENUM) ||
      !js_object_define_own_property(iso, proto, prim_key, prim, READ_ONLY | DONT_ENUM)) {
    return false;
  }
  Handle map = factory_new_map(iso, JS_DATE_TYPE, JSDate_kHeaderSize, 0);
  if (handle_is_null(map)) return false;
  map_set_elements_kind(H(map), HOLEY_ELEMENTS);
  map_set_prototype(H(map), H(proto));
  context_set(H(nc), NATIVE_CONTEXT_js_date_map, H(map));
  return true;
}
