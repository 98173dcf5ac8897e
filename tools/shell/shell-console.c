/*
 * shell-console.c: Node's util.inspect and util.format, which console.log and the REPL
 * print with. The algorithm follows Node's lib/internal/util/inspect.js (formatValue,
 * formatRaw, reduceToSingleString, groupArrayElements) so that output matches Node's for the
 * values Kiln has:
 *
 *   'str'  (quoted and escaped below the top level)   -0   Symbol(desc)   undefined
 *   [ 1, 2, <1 empty item>, ... 3 more items ]        { a: 1, 'b-c': 2, [Symbol(x)]: 3 }
 *   Foo { x: 1 }   [Object: null prototype] {}          [Function: f]   [class B extends A]
 *   [Number: 3]    [Getter/Setter]    <ref *1> { self: [Circular *1] }   [Arguments] { ... }
 *   nesting deeper than `depth` (2) as [Object] / [Array] / [Foo]
 *
 * Line breaking: an object's entries go on one line when they fit in break_length (80)
 * less Node's allowances (entry count, indentation, 10); arrays of more than 6 short
 * entries are grouped into aligned columns.
 *
 * Property reads go through the object internal methods without calling getters (they
 * show as [Getter]); a Proxy is shown as its target, as Node does, so no trap runs. User
 * code runs only where Node's does: "name" and "constructor" lookups, instanceof, and
 * %j / %d / %i / %f conversions. An exception from it aborts the formatting (the caller
 * sees NULL and the pending exception).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "execution/contexts.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "objects/bigint.h"
#include "objects/js-function.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "shell.h"

enum {
  kInspectMaxArray = 100,    /* array entries shown before "... n more items" */
  kInspectMaxString = 10000, /* characters shown before "... n more characters" */
  kInspectMinLine = 16,      /* strings this short are never split */
  kCompact = 3,             /* Node's `compact`: innermost levels kept on one line */
};

/* ---- the output of one object: a list of entry texts --------------------------------- */

typedef struct {
  char **items;
  int count, capacity;
} Entries;

static void entries_push(Entries *e, char *text) {
  if (e->count == e->capacity) {
    e->capacity = e->capacity ? 2 * e->capacity : 8;
    e->items = realloc(e->items, (size_t)e->capacity * sizeof *e->items);
    if (e->items == NULL) FATAL("kiln: out of memory");
  }
  e->items[e->count++] = text;
}

static void entries_free(Entries *e) {
  for (int i = 0; i < e->count; i++) free(e->items[i]);
  free(e->items);
  *e = (Entries){NULL, 0, 0};
}

static char *text_dup(const char *s) {
  char *d = strdup(s);
  if (d == NULL) FATAL("kiln: out of memory");
  return d;
}

static char *text_printf(const char *fmt, ...) KILN_PRINTF(1, 2);
static char *text_printf(const char *fmt, ...) {
  Buffer b;
  buffer_init(&b);
  va_list ap;
  va_start(ap, fmt);
  char tmp[256];
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n >= (int)sizeof tmp) {
    char *big = malloc((size_t)n + 1);
    if (big == NULL) FATAL("kiln: out of memory");
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return big;
  }
  buffer_append(&b, tmp, (size_t)n);
  return buffer_take(&b);
}

/* ---- the inspector's state (Node's ctx) --------------------------------------------- */

typedef struct {
  Handle object; /* a global handle */
  int index;
} CircularRef;

typedef struct {
  Isolate *iso;
  InspectOptions opts;
  int indentation;       /* ctx.indentationLvl */
  int current_depth;     /* ctx.currentDepth: the depth of the object last entered */
  Handle *seen;          /* the objects being formatted, outermost first */
  int seen_count, seen_capacity;
  CircularRef *circular; /* objects met again while formatting them: <ref *n> */
  int circular_count;
} Inspector;

static char *format_value(Inspector *ins, Handle value, int recurse_times);

static void inspector_dispose(Inspector *ins) {
  for (int i = 0; i < ins->circular_count; i++)
    global_handle_free(ins->iso, ins->circular[i].object);
  free(ins->circular);
  free(ins->seen);
}

static bool inspector_is_seen(Inspector *ins, Tagged obj) {
  for (int i = 0; i < ins->seen_count; i++)
    if (H(ins->seen[i]) == obj) return true;
  return false;
}

static void inspector_push_seen(Inspector *ins, Handle obj) {
  if (ins->seen_count == ins->seen_capacity) {
    ins->seen_capacity = ins->seen_capacity ? 2 * ins->seen_capacity : 16;
    ins->seen = realloc(ins->seen, (size_t)ins->seen_capacity * sizeof *ins->seen);
    if (ins->seen == NULL) FATAL("kiln: out of memory");
  }
  ins->seen[ins->seen_count++] = obj;
}

/* The <ref *n> number of obj, 0 when it has none (and add is false). */
static int inspector_circular_index(Inspector *ins, Tagged obj, bool add) {
  for (int i = 0; i < ins->circular_count; i++)
    if (H(ins->circular[i].object) == obj) return ins->circular[i].index;
  if (!add) return 0;
  ins->circular = realloc(ins->circular, (size_t)(ins->circular_count + 1) * sizeof(CircularRef));
  if (ins->circular == NULL) FATAL("kiln: out of memory");
  int index = ins->circular_count + 1;
  ins->circular[ins->circular_count++] = (CircularRef){global_handle_new(ins->iso, obj), index};
  return index;
}

/* ---- engine helpers ------------------------------------------------------------------ */

static Handle name_key(Isolate *iso, const char *name) {
  return string_internalize_utf8(iso, name, strlen(name));
}

char *console_string_utf8(Isolate *iso, Tagged string) {
  size_t length;
  char *s = string_to_utf8(iso, string, &length);
  if (s == NULL) FATAL("kiln: out of memory");
  return s;
}

/* true when s is an array index ("0" ... "4294967294"); *index gets its value. */
static bool key_is_array_index(Tagged s, uint32_t *index) {
  if (!is_string(s)) return false;
  int64_t n = string_length(s);
  if (n == 0 || n > 10) return false;
  char digits[11];
  StringIterator it;
  StringView piece;
  int64_t k = 0;
  string_iterator_init(&it, s);
  while (string_iterator_next(&it, &piece))
    for (int64_t i = 0; i < piece.length; i++) {
      uint16_t c = string_view_get(piece, i);
      digits[k++] = c >= '0' && c <= '9' ? (char)c : 'x';
    }
  string_iterator_dispose(&it);
  digits[k] = '\0';
  if (strspn(digits, "0123456789") != (size_t)n || (digits[0] == '0' && n > 1)) return false;
  uint64_t v = strtoull(digits, NULL, 10);
  if (v > 4294967294u) return false;
  *index = (uint32_t)v;
  return true;
}

/* The Proxy chain followed to its final target (Node shows a proxy as its target, without
 * running traps); *revoked when a proxy on the way was revoked. */
static Handle unwrap_proxy(Isolate *iso, Handle value, bool *revoked) {
  *revoked = false;
  while (is_heap_object(H(value)) && heap_object_type(H(value)) == JS_PROXY_TYPE) {
    Tagged target = js_proxy_target(H(value));
    if (!is_js_receiver(target)) {
      *revoked = true;
      return value;
    }
    value = handle_new(iso, target);
  }
  return value;
}

/* [[GetOwnProperty]] without user code for ordinary objects. */
static RuntimeMaybeBool own_property(Isolate *iso, Handle obj, Handle key,
                                     PropertyDescriptor *desc) {
  property_descriptor_init(iso, desc);
  return runtime_get_own_property(iso, obj, key, desc);
}

/* The own keys Node lists: enumerable string keys then enumerable symbols (all of them
 * with show_hidden), private names never. A FixedArray handle; empty on exception. */
/* true for a JSArray whose elements are a fast store and whose properties are fast: its
 * keys come from its map and its elements are read by index, never as one string per
 * element (console.log of a million-element array shows 100). */
static bool is_fast_array(Tagged obj) {
  return is_js_array(obj) && !map_is_dictionary(heap_object_map(obj)) &&
         elements_kind_is_fast(js_object_elements_kind(obj));
}

/* The named own keys of a fast array: "length", then its map's descriptors, strings before
 * symbols (the order of [[OwnPropertyKeys]]). */
static Handle fast_array_named_keys(Isolate *iso, Handle obj) {
  int n = map_own_descriptors(heap_object_map(H(obj)));
  Handle keys = factory_new_fixed_array(iso, n + 1);
  if (handle_is_null(keys)) return keys;
  Tagged da = map_instance_descriptors(heap_object_map(H(obj)));
  int count = 0;
  fixed_array_set(H(keys), count++, ROOT(iso, length_string));
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < n; i++) {
      Tagged key = descriptor_array_key(da, i);
      if (is_symbol(key) == (pass == 1)) fixed_array_set(H(keys), count++, key);
    }
  return keys;
}

static Handle own_keys(Inspector *ins, Handle obj, bool skip_indexes) {
  Isolate *iso = ins->iso;
  Handle all = skip_indexes && is_fast_array(H(obj)) ? fast_array_named_keys(iso, obj)
                                                     : runtime_own_property_keys(iso, obj);
  if (handle_is_null(all)) return all;
  int64_t n = fixed_array_length(H(all));
  Handle out = factory_new_fixed_array(iso, n);
  if (handle_is_null(out)) return out;
  int64_t count = 0;
  for (int64_t i = 0; i < n; i++) {
    Handle key = handle_new(iso, fixed_array_get(H(all), i));
    uint32_t index;
    if (is_symbol(H(key)) && symbol_has_flag(H(key), SYMBOL_IS_PRIVATE)) continue;
    if (skip_indexes && key_is_array_index(H(key), &index)) continue;
    PropertyDescriptor desc;
    RuntimeMaybeBool found = own_property(iso, obj, key, &desc);
    if (found == RT_EXCEPTION) return HANDLE_NULL;
    if (found == RT_FALSE) continue;
    if (!ins->opts.show_hidden && !(desc.flags & PD_ENUMERABLE)) continue;
    fixed_array_set(H(out), count++, H(key));
  }
  /* Node lists symbols after strings: [[OwnPropertyKeys]] already orders them so. */
  Handle trimmed = factory_copy_fixed_array(iso, out, count, isolate_undefined(iso));
  return trimmed;
}

/* obj.name as Node reads it (a [[Get]]), as UTF-8; "" when not a string. NULL on throw. */
static char *get_name(Isolate *iso, Handle obj) {
  Handle name = runtime_get_named(iso, obj, "name");
  if (handle_is_null(name)) return NULL;
  if (!is_string(H(name))) return text_dup("");
  return console_string_utf8(iso, H(name));
}

/* Node's getConstructorName: the name of the first "constructor" own data property on the
 * chain (obj first) that is a named function obj is an instance of. *name = NULL when the
 * chain ends at null without one ("null prototype"). false on exception. */
static bool constructor_name(Inspector *ins, Handle obj, char **name) {
  Isolate *iso = ins->iso;
  Handle key = name_key(iso, "constructor");
  Handle current = obj;
  *name = NULL;
  for (int steps = 0; is_js_receiver(H(current)) && steps < 10000; steps++) {
    PropertyDescriptor desc;
    RuntimeMaybeBool found = own_property(iso, current, key, &desc);
    if (found == RT_EXCEPTION) return false;
    if (found == RT_TRUE && (desc.flags & PD_HAS_VALUE) && runtime_is_callable(H(desc.value))) {
      char *fname = get_name(iso, desc.value);
      if (fname == NULL) return false;
      if (fname[0] != '\0') {
        RuntimeMaybeBool inst = runtime_ordinary_has_instance(iso, desc.value, obj);
        if (inst == RT_EXCEPTION) return free(fname), false;
        if (inst == RT_TRUE) return *name = fname, true;
      }
      free(fname);
    }
    current = runtime_get_prototype_of(iso, current);
    if (handle_is_null(current)) return false;
  }
  if (current.loc == obj.loc) return true; /* obj's own prototype is null */
  /* A prototype chain without a usable constructor that does not start with null: Node
   * prints "Object <Complex prototype>"-like names; Kiln says "Object". */
  Handle proto = runtime_get_prototype_of(iso, obj);
  if (handle_is_null(proto)) return false;
  if (!is_null(iso, H(proto))) *name = text_dup("Object");
  return true;
}

/* The value of obj[Symbol.toStringTag] when it is a non-empty string that is not an own
 * enumerable property (Node prints those once, as a key). "" otherwise. NULL on throw. */
static char *to_string_tag(Inspector *ins, Handle obj) {
  Isolate *iso = ins->iso;
  Handle key = ROOT_HANDLE(iso, to_string_tag_symbol);
  Handle tag = runtime_get(iso, obj, key, obj);
  if (handle_is_null(tag)) return NULL;
  if (!is_string(H(tag)) || string_length(H(tag)) == 0) return text_dup("");
  PropertyDescriptor desc;
  RuntimeMaybeBool own = own_property(iso, obj, key, &desc);
  if (own == RT_EXCEPTION) return NULL;
  bool listed = own == RT_TRUE && (ins->opts.show_hidden || (desc.flags & PD_ENUMERABLE));
  return listed ? text_dup("") : console_string_utf8(iso, H(tag));
}

/* ---- primitives ---------------------------------------------------------------------- */

/* Appends code point cp as UTF-8 (cp < 0x110000; lone surrogates as 3 bytes, WTF-8). */
static void append_code_point(Buffer *b, uint32_t cp) {
  char s[4];
  if (cp < 0x80) {
    buffer_putc(b, (char)cp);
  } else if (cp < 0x800) {
    s[0] = (char)(0xc0 | (cp >> 6)), s[1] = (char)(0x80 | (cp & 0x3f));
    buffer_append(b, s, 2);
  } else if (cp < 0x10000) {
    s[0] = (char)(0xe0 | (cp >> 12)), s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
    s[2] = (char)(0x80 | (cp & 0x3f));
    buffer_append(b, s, 3);
  } else {
    s[0] = (char)(0xf0 | (cp >> 18)), s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    s[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), s[3] = (char)(0x80 | (cp & 0x3f));
    buffer_append(b, s, 4);
  }
}

/* The code units of a string, copied out (no GC may move them while we escape). */
static uint16_t *string_units(Tagged s, int64_t *length) {
  int64_t n = string_length(s);
  uint16_t *units = malloc((size_t)(n + 1) * sizeof *units);
  if (units == NULL) FATAL("kiln: out of memory");
  StringIterator it;
  StringView piece;
  int64_t k = 0;
  string_iterator_init(&it, s);
  while (string_iterator_next(&it, &piece))
    for (int64_t i = 0; i < piece.length; i++) units[k++] = string_view_get(piece, i);
  string_iterator_dispose(&it);
  *length = n;
  return units;
}

static bool units_contain(const uint16_t *u, int64_t n, const char *ascii) {
  size_t m = strlen(ascii);
  for (int64_t i = 0; i + (int64_t)m <= n; i++) {
    size_t j = 0;
    while (j < m && u[i + (int64_t)j] == (uint8_t)ascii[j]) j++;
    if (j == m) return true;
  }
  return false;
}

/* Node's strEscape: the quote is ' unless the text has one (then ", else `), and control
 * characters, the quote, backslash, C1 controls and lone surrogates are escaped. */
static void append_quoted(Buffer *b, const uint16_t *u, int64_t from, int64_t to,
                          const uint16_t *whole, int64_t whole_length) {
  char quote = '\'';
  if (units_contain(whole, whole_length, "'")) {
    if (!units_contain(whole, whole_length, "\"")) quote = '"';
    else if (!units_contain(whole, whole_length, "`") && !units_contain(whole, whole_length, "${"))
      quote = '`';
  }
  static const char *const kNamed[32] = {
      [8] = "\\b", [9] = "\\t", [10] = "\\n", [12] = "\\f", [13] = "\\r"};
  buffer_putc(b, quote);
  for (int64_t i = from; i < to; i++) {
    uint32_t c = u[i];
    if (c < 32 && kNamed[c]) {
      buffer_puts(b, kNamed[c]);
    } else if (c < 32 || (c >= 0x7f && c < 0xa0)) {
      buffer_printf(b, "\\x%02X", c);
    } else if (c == (uint32_t)quote || c == '\\') {
      buffer_putc(b, '\\'), buffer_putc(b, (char)c);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && u[i + 1] >= 0xdc00 && u[i + 1] <= 0xdfff) {
      append_code_point(b, 0x10000 + ((c - 0xd800) << 10) + (u[i + 1] - 0xdc00));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      buffer_printf(b, "\\u%x", c);
    } else {
      append_code_point(b, c);
    }
  }
  buffer_putc(b, quote);
}

/* A string below the top level: quoted; long multi-line strings are split after each
 * newline into 'line\n' + pieces; longer than kInspectMaxString is cut. */
static char *format_string(Inspector *ins, Tagged s) {
  int64_t n;
  uint16_t *u = string_units(s, &n);
  int64_t shown = n > kInspectMaxString ? kInspectMaxString : n;
  Buffer b;
  buffer_init(&b);
  bool split = n > kInspectMinLine && n > ins->opts.break_length - ins->indentation - 4;
  int64_t start = 0;
  for (int64_t i = 0; i < shown; i++) {
    if (!split || u[i] != '\n' || i + 1 == shown) continue;
    append_quoted(&b, u, start, i + 1, u, n);
    buffer_puts(&b, " +\n");
    buffer_repeat(&b, ' ', ins->indentation + 2);
    start = i + 1;
  }
  append_quoted(&b, u, start, shown, u, n);
  if (n > shown)
    buffer_printf(&b, "... %lld more character%s", (long long)(n - shown), n - shown > 1 ? "s" : "");
  free(u);
  return buffer_take(&b);
}

static char *format_number(Isolate *iso, Tagged number) {
  if (is_smi(number)) return text_printf("%d", smi_value(number));
  double d = heap_number_value(number);
  if (d == 0 && signbit(d)) return text_dup("-0");
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle s = runtime_number_to_string(iso, number);
  char *text = handle_is_null(s) ? NULL : console_string_utf8(iso, H(s));
  handle_scope_close(&scope);
  return text;
}

/* 12n, as Node prints a BigInt. */
static char *format_bigint(Isolate *iso, Tagged value) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle s = bigint_to_string(iso, handle_new(iso, value), 10);
  char *digits = handle_is_null(s) ? NULL : console_string_utf8(iso, H(s));
  handle_scope_close(&scope);
  char *text = digits == NULL ? NULL : text_printf("%sn", digits);
  free(digits);
  return text;
}

static char *format_symbol(Isolate *iso, Tagged sym) {
  Tagged desc = symbol_description(sym);
  if (!is_string(desc)) return text_dup("Symbol()");
  char *d = console_string_utf8(iso, desc);
  char *text = text_printf("Symbol(%s)", d);
  free(d);
  return text;
}

static char *format_primitive(Inspector *ins, Tagged v) {
  Isolate *iso = ins->iso;
  if (is_string(v)) return format_string(ins, v);
  if (is_number(v)) return format_number(iso, v);
  if (is_symbol(v)) return format_symbol(iso, v);
  if (is_bigint(v)) return format_bigint(iso, v);
  if (is_oddball(v)) return console_string_utf8(iso, oddball_to_string(v));
  return text_printf("<%s>", instance_type_name(heap_object_type(v)));
}

/* ---- properties ---------------------------------------------------------------------- */

typedef enum { kObjectType, kArrayExtrasType } ExtrasType;

/* A key as Node prints it: name, 'quoted-name', [Symbol(x)], or [hidden]. */
static void append_key(Inspector *ins, Buffer *b, Tagged key, bool enumerable) {
  Isolate *iso = ins->iso;
  if (is_symbol(key)) {
    char *s = format_symbol(iso, key);
    buffer_printf(b, "[%s]", s);
    free(s);
    return;
  }
  char *s = console_string_utf8(iso, key);
  bool identifier = (s[0] && !(s[0] >= '0' && s[0] <= '9'));
  for (char *p = s; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
          (*p >= '0' && *p <= '9')))
      identifier = false;
  if (strcmp(s, "__proto__") == 0) {
    buffer_puts(b, "['__proto__']");
  } else if (!enumerable) {
    buffer_printf(b, "[%s]", s);
  } else if (identifier) {
    buffer_puts(b, s);
  } else {
    int64_t n;
    uint16_t *u = string_units(key, &n);
    Buffer q;
    buffer_init(&q);
    append_quoted(&q, u, 0, n, u, n);
    buffer_puts(b, q.data);
    buffer_free(&q);
    free(u);
  }
  free(s);
}

/* Node's formatProperty: "key: value" (or just the value for array entries). */
static char *format_property(Inspector *ins, Handle obj, Handle key, int recurse_times,
                             ExtrasType type) {
  Isolate *iso = ins->iso;
  PropertyDescriptor desc;
  RuntimeMaybeBool found = own_property(iso, obj, key, &desc);
  if (found == RT_EXCEPTION) return NULL;
  char *str;
  if (found == RT_FALSE || (desc.flags & PD_HAS_VALUE)) {
    Handle value = found == RT_FALSE ? ROOT_HANDLE(iso, undefined_value) : desc.value;
    ins->indentation += 2;
    str = format_value(ins, value, recurse_times);
    ins->indentation -= 2;
    if (str == NULL) return NULL;
  } else {
    bool get = (desc.flags & PD_HAS_GET) && !is_undefined(iso, H(desc.get));
    bool set = (desc.flags & PD_HAS_SET) && !is_undefined(iso, H(desc.set));
    str = text_dup(get ? (set ? "[Getter/Setter]" : "[Getter]") : set ? "[Setter]" : "undefined");
  }
  if (type == kArrayExtrasType) return str;
  Buffer b;
  buffer_init(&b);
  append_key(ins, &b, H(key), found == RT_FALSE || (desc.flags & PD_ENUMERABLE));
  buffer_puts(&b, ": ");
  buffer_puts(&b, str);
  free(str);
  return buffer_take(&b);
}

static void push_more_items(Entries *out, double remaining) {
  entries_push(out, text_printf("... %.0f more item%s", remaining, remaining > 1 ? "s" : ""));
}

static void push_empty_items(Entries *out, double count) {
  entries_push(out, text_printf("<%.0f empty item%s>", count, count > 1 ? "s" : ""));
}

/* Node's formatArray / formatSpecialArray: entries for indexes 0..length-1 with runs of
 * holes as <n empty items>, at most kInspectMaxArray entries. */
/* Entry i of an array: its formatted value. NULL on throw. */
static char *format_index(Inspector *ins, Handle obj, uint32_t i, int recurse_times) {
  char digits[16];
  int n = snprintf(digits, sizeof digits, "%u", i);
  Handle key = string_internalize_utf8(ins->iso, digits, (size_t)n);
  if (handle_is_null(key)) return NULL;
  return format_property(ins, obj, key, recurse_times, kArrayExtrasType);
}

/* format_array_entries for a fast array: walks indexes, and past the end of the store
 * every index is a hole. */
static bool format_fast_array_entries(Inspector *ins, Handle obj, double length,
                                      int recurse_times, Entries *out) {
  Isolate *iso = ins->iso;
  double i = 0;
  while (i < length && out->count < kInspectMaxArray) {
    double store = (double)fixed_array_length(js_object_elements(H(obj)));
    if (i < store && elements_has_own(iso, H(obj), (uint32_t)i)) {
      char *s = format_index(ins, obj, (uint32_t)i, recurse_times);
      if (s == NULL) return false;
      entries_push(out, s);
      i++;
      continue;
    }
    double j = i + 1;
    while (j < length && j < store && !elements_has_own(iso, H(obj), (uint32_t)j)) j++;
    if (j >= store) j = length;
    push_empty_items(out, j - i);
    i = j;
  }
  if (length > i) push_more_items(out, length - i);
  return true;
}

static bool format_array_entries(Inspector *ins, Handle obj, double length, int recurse_times,
                                 Entries *out) {
  Isolate *iso = ins->iso;
  if (is_fast_array(H(obj))) return format_fast_array_entries(ins, obj, length, recurse_times, out);
  Handle keys = runtime_own_property_keys(iso, obj);
  if (handle_is_null(keys)) return false;
  double index = 0;  /* the next index to show */
  int64_t n = fixed_array_length(H(keys));
  for (int64_t k = 0; k < n && out->count < kInspectMaxArray; k++) {
    Handle key = handle_new(iso, fixed_array_get(H(keys), k));
    uint32_t i;
    if (!key_is_array_index(H(key), &i) || i >= length) break;
    PropertyDescriptor desc;
    RuntimeMaybeBool found = own_property(iso, obj, key, &desc);
    if (found == RT_EXCEPTION) return false;
    if (found == RT_FALSE || !(desc.flags & PD_ENUMERABLE)) continue;
    if (i > index) {
      push_empty_items(out, i - index);
      index = i;
      if (out->count == kInspectMaxArray) break;
    }
    char *s = format_property(ins, obj, key, recurse_times, kArrayExtrasType);
    if (s == NULL) return false;
    entries_push(out, s);
    index++;
  }
  double remaining = length - index;
  if (remaining > 0) {
    if (out->count != kInspectMaxArray) push_empty_items(out, remaining);
    else push_more_items(out, remaining);
  }
  return true;
}

/* ---- functions, errors, boxed primitives ------------------------------------------------ */

/* Node's getPrefix: "Foo ", "Foo [tag] ", "[Object: null prototype] ". */
static void append_prefix(Buffer *b, const char *ctor, const char *tag, const char *fallback,
                          const char *size) {
  if (ctor == NULL) {
    buffer_printf(b, "[%s%s: null prototype] ", fallback, size);
    if (tag[0] && strcmp(tag, fallback) != 0) buffer_printf(b, "[%s] ", tag);
    return;
  }
  buffer_printf(b, "%s%s ", ctor, size);
  if (tag[0] && strcmp(ctor, tag) != 0) buffer_printf(b, "[%s] ", tag);
}

/* [Function: f], [Function (anonymous)], [class A], [class B extends A]. NULL on throw. */
static char *function_base(Inspector *ins, Handle fn, const char *ctor, const char *tag) {
  Isolate *iso = ins->iso;
  char *name = get_name(iso, fn);
  if (name == NULL) return NULL;
  Buffer b;
  buffer_init(&b);
  if (is_js_function(H(fn)) && js_function_is_class_constructor(H(fn))) {
    buffer_printf(&b, "[class %s", name[0] ? name : "(anonymous)");
    if (ctor && strcmp(ctor, "Function") != 0) buffer_printf(&b, " [%s]", ctor);
    if (tag[0] && (!ctor || strcmp(ctor, tag) != 0)) buffer_printf(&b, " [%s]", tag);
    if (ctor == NULL) {
      buffer_puts(&b, " extends [null prototype]");
    } else {
      Handle super = runtime_get_prototype_of(iso, fn);
      char *super_name = handle_is_null(super) ? NULL
                         : is_js_receiver(H(super)) ? get_name(iso, super) : text_dup("");
      if (super_name == NULL) return free(name), buffer_free(&b), NULL;
      if (super_name[0]) buffer_printf(&b, " extends %s", super_name);
      free(super_name);
    }
    buffer_putc(&b, ']');
    free(name);
    return buffer_take(&b);
  }
  const char *type = "Function";
  if (is_js_function(H(fn))) {
    Tagged sfi = js_function_shared(H(fn));
    bool gen = js_function_sfi_is_generator(sfi), async = js_function_sfi_is_async(sfi);
    type = gen ? (async ? "AsyncGeneratorFunction" : "GeneratorFunction")
               : async ? "AsyncFunction" : "Function";
  }
  buffer_printf(&b, "[%s", type);
  if (ctor == NULL) buffer_puts(&b, " (null prototype)");
  if (name[0] == '\0') buffer_puts(&b, " (anonymous)");
  else buffer_printf(&b, ": %s", name);
  buffer_putc(&b, ']');
  /* Kiln has no %AsyncFunction% / %GeneratorFunction% constructors with those names yet:
   * their functions inherit "Function", which is not worth a [Function] suffix. */
  if (ctor && strcmp(ctor, type) != 0 && strcmp(ctor, "Function") != 0)
    buffer_printf(&b, " [%s]", ctor);
  if (tag[0] && (!ctor || strcmp(ctor, tag) != 0)) buffer_printf(&b, " [%s]", tag);
  free(name);
  return buffer_take(&b);
}

/* ToString of a value with a fallback when it throws. */
static char *to_string_or(Isolate *iso, Handle v, const char *fallback) {
  Handle s = runtime_to_string(iso, v);
  if (handle_is_null(s)) {
    isolate_clear_pending_exception(iso);
    return text_dup(fallback);
  }
  return console_string_utf8(iso, H(s));
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The name an error's stack starts with when its prototype is null: a leading capitalised
 * word run before ':' or a newline (Node's regular expressions), else "". */
static size_t stack_leading_name(const char *stack) {
  size_t n = 0;
  if (!(stack[0] >= 'A' && stack[0] <= 'Z')) return 0;
  while (stack[n] && (strchr("_ []()-", stack[n]) || (stack[n] >= 'a' && stack[n] <= 'z') ||
                      (stack[n] >= 'A' && stack[n] <= 'Z') || (stack[n] >= '0' && stack[n] <= '9')))
    n++;
  return n > 1 && (stack[n] == ':' || stack[n] == '\n') ? n : 0;
}

/* Node's improveStack: a stack that starts with the error's name gets the constructor's
 * name in front when they differ ("Foo [Error]: x", "BarError: y"). Takes stack. */
static char *improve_stack(char *stack, const char *ctor, const char *name, const char *tag) {
  size_t len = strlen(name);
  bool regular = ctor == NULL ||
                 (ends_with(name, "Error") && starts_with(stack, name) &&
                  (stack[len] == '\0' || stack[len] == ':' || stack[len] == '\n'));
  if (!regular) return stack;
  char fallback[128] = "Error";
  if (ctor == NULL) {
    len = stack_leading_name(stack);
    if (len > 0 && len < sizeof fallback) memcpy(fallback, stack, len), fallback[len] = '\0';
    if (len >= sizeof fallback) len = 0;
  }
  Buffer b;
  buffer_init(&b);
  append_prefix(&b, ctor, tag, fallback, "");
  b.data[--b.length] = '\0';
  if (strcmp(name, b.data) == 0) return buffer_free(&b), stack;
  if (strstr(b.data, name) != NULL) {
    buffer_puts(&b, len == 0 ? ": " : "");
    buffer_puts(&b, stack + len);
  } else {
    buffer_printf(&b, " [%s]%s", name, stack + len);
  }
  free(stack);
  return buffer_take(&b);
}

/* Which of the keys name, message and stack Node leaves out of an error's listing: those
 * whose value's text is already in the stack. */
enum { kSkipName = 1, kSkipMessage = 2, kSkipStack = 4 };

static int error_duplicate_keys(Isolate *iso, Handle err, const char *stack) {
  static const char *const kKeys[] = {"name", "message", "stack"};
  int skip = 0;
  for (int i = 0; i < 3; i++) {
    Handle v = runtime_get_named(iso, err, kKeys[i]);
    if (handle_is_null(v)) return -1;
    if (!is_string(H(v))) continue;
    char *text = console_string_utf8(iso, H(v));
    if (strstr(stack, text) != NULL) skip |= 1 << i;
    free(text);
  }
  return skip;
}

/* Node's formatError: the stack (or "Name: message" in brackets when it has no frames),
 * improved with the constructor's name, each line indented to the current level. *skip
 * gets the keys not to list. NULL on throw. */
static char *error_base(Inspector *ins, Handle err, const char *ctor, const char *tag,
                        int *skip) {
  Isolate *iso = ins->iso;
  Handle name_value = runtime_get_named(iso, err, "name");
  Handle stack = handle_is_null(name_value) ? name_value : runtime_get_named(iso, err, "stack");
  if (handle_is_null(stack)) return NULL;
  char *name = is_undefined(iso, H(name_value)) || is_null(iso, H(name_value))
                   ? text_dup("Error") : to_string_or(iso, name_value, "Error");
  char *text = is_string(H(stack)) && string_length(H(stack)) > 0
                   ? console_string_utf8(iso, H(stack)) : to_string_or(iso, err, "Error");
  *skip = ins->opts.show_hidden ? 0 : error_duplicate_keys(iso, err, text);
  if (*skip < 0) return free(name), free(text), NULL;
  text = improve_stack(text, ctor, name, tag);
  free(name);
  Buffer b;
  buffer_init(&b);
  bool has_frames = strstr(text, "\n    at") != NULL;
  if (!has_frames) buffer_putc(&b, '[');
  for (const char *p = text; *p; p++) {
    buffer_putc(&b, *p);
    if (*p == '\n') buffer_repeat(&b, ' ', ins->indentation);
  }
  if (!has_frames) buffer_putc(&b, ']');
  free(text);
  return buffer_take(&b);
}

/* [Number: 3], [String: 'ab'], [Boolean: true], [Symbol: Symbol(x)]. */
static char *boxed_base(Inspector *ins, Handle obj, const char *ctor, const char *tag) {
  Tagged value = js_primitive_wrapper_value(H(obj));
  const char *type = is_number(value) ? "Number" : is_string(value) ? "String"
                     : is_symbol(value) ? "Symbol" : is_oddball(value) ? "Boolean" : "BigInt";
  char *inner = format_primitive(ins, value);
  if (inner == NULL) return NULL;
  Buffer b;
  buffer_init(&b);
  buffer_printf(&b, "[%s", type);
  if (ctor == NULL) buffer_puts(&b, " (null prototype)");
  else if (strcmp(ctor, type) != 0) buffer_printf(&b, " (%s)", ctor);
  buffer_printf(&b, ": %s]", inner);
  if (tag[0] && (!ctor || strcmp(tag, ctor) != 0)) buffer_printf(&b, " [%s]", tag);
  free(inner);
  return buffer_take(&b);
}

/* ---- line breaking (Node's reduceToSingleString and groupArrayElements) ---------------- */

static bool is_below_break_length(Inspector *ins, Entries *out, size_t start, const char *base) {
  size_t total = (size_t)out->count + start;
  if (total + (size_t)out->count > (size_t)ins->opts.break_length) return false;
  for (int i = 0; i < out->count; i++) {
    total += buffer_text_width(out->items[i]);
    if (total > (size_t)ins->opts.break_length) return false;
  }
  return base[0] == '\0' || strchr(base, '\n') == NULL;
}

static void append_padded(Buffer *b, const char *s, size_t width, bool pad_start) {
  size_t w = buffer_text_width(s);
  if (pad_start) buffer_repeat(b, ' ', (int)(width > w ? width - w : 0));
  buffer_puts(b, s);
  if (!pad_start) buffer_repeat(b, ' ', (int)(width > w ? width - w : 0));
}

/* Groups many short array entries into aligned columns. numeric: every shown entry is a
 * number (they are right-aligned then). Replaces out's entries when it groups. */
static void group_array_elements(Inspector *ins, Entries *out, bool has_more, bool numeric) {
  int output_length = has_more ? out->count - 1 : out->count;
  size_t total = 0, max_length = 0, separator = 2;
  size_t *len = malloc((size_t)(output_length + 1) * sizeof *len);
  if (len == NULL) FATAL("kiln: out of memory");
  for (int i = 0; i < output_length; i++) {
    len[i] = buffer_text_width(out->items[i]);
    total += len[i] + separator;
    if (max_length < len[i]) max_length = len[i];
  }
  size_t actual_max = max_length + separator;
  if (actual_max * 3 + (size_t)ins->indentation < (size_t)ins->opts.break_length &&
      ((double)total / (double)actual_max > 5 || max_length <= 6)) {
    double average_bias = sqrt((double)actual_max - (double)total / (double)out->count);
    double biased_max = fmax((double)actual_max - 3 - average_bias, 1);
    double columns = fmin(fmin(round(sqrt(2.5 * biased_max * output_length) / biased_max),
                               floor((double)(ins->opts.break_length - ins->indentation) /
                                     (double)actual_max)),
                          fmin(kCompact * 4, 15));
    if (columns > 1) {
      int cols = (int)columns;
      size_t *max_line = calloc((size_t)cols, sizeof *max_line);
      if (max_line == NULL) FATAL("kiln: out of memory");
      for (int i = 0; i < cols; i++) {
        size_t line_length = 0;
        for (int j = i; j < output_length; j += cols)
          if (len[j] > line_length) line_length = len[j];
        max_line[i] = line_length + separator;
      }
      Entries grouped = {NULL, 0, 0};
      for (int i = 0; i < output_length; i += cols) {
        int max = i + cols < output_length ? i + cols : output_length;
        Buffer b;
        buffer_init(&b);
        int j = i;
        for (; j < max - 1; j++) {
          char *cell = text_printf("%s, ", out->items[j]);
          append_padded(&b, cell, max_line[j - i], numeric);
          free(cell);
        }
        if (numeric) append_padded(&b, out->items[j], max_line[j - i] - separator, true);
        else buffer_puts(&b, out->items[j]);
        entries_push(&grouped, buffer_take(&b));
      }
      if (has_more) entries_push(&grouped, text_dup(out->items[out->count - 1]));
      entries_free(out);
      *out = grouped;
      free(max_line);
    }
  }
  free(len);
}

/* Joins the entries: "base { a, b }" on one line when they fit, else one entry per line
 * (or grouped rows) indented two spaces past the current level. */
static char *reduce_to_single_string(Inspector *ins, Entries *out, const char *base,
                                     const char *open, const char *close, ExtrasType type,
                                     int recurse_times, bool has_more, bool numeric) {
  int entries = out->count;
  if (type == kArrayExtrasType && entries > 6) group_array_elements(ins, out, has_more, numeric);
  Buffer b;
  buffer_init(&b);
  if (ins->current_depth - recurse_times < kCompact && entries == out->count) {
    size_t start = (size_t)out->count + (size_t)ins->indentation + strlen(open) +
                   buffer_text_width(base) + 10;
    if (is_below_break_length(ins, out, start, base)) {
      Buffer joined;
      buffer_init(&joined);
      for (int i = 0; i < out->count; i++) {
        if (i) buffer_puts(&joined, ", ");
        buffer_puts(&joined, out->items[i]);
      }
      if (joined.data == NULL || strchr(joined.data, '\n') == NULL) {
        if (base[0]) buffer_printf(&b, "%s ", base);
        buffer_printf(&b, "%s %s %s", open, joined.data ? joined.data : "", close);
        buffer_free(&joined);
        return buffer_take(&b);
      }
      buffer_free(&joined);
    }
  }
  if (base[0]) buffer_printf(&b, "%s ", base);
  buffer_puts(&b, open);
  for (int i = 0; i < out->count; i++) {
    buffer_putc(&b, '\n');
    buffer_repeat(&b, ' ', ins->indentation + 2);
    buffer_puts(&b, out->items[i]);
    if (i + 1 < out->count) buffer_putc(&b, ',');
  }
  buffer_putc(&b, '\n');
  buffer_repeat(&b, ' ', ins->indentation);
  buffer_puts(&b, close);
  return buffer_take(&b);
}

/* ---- objects (Node's formatRaw) --------------------------------------------------------- */

typedef enum { KIND_OBJECT, KIND_ARRAY, KIND_ARGUMENTS, KIND_FUNCTION, KIND_ERROR,
               KIND_BOXED } ObjectKind;

static ObjectKind object_kind(Isolate *iso, Handle obj) {
  InstanceType t = heap_object_type(H(obj));
  if (t == JS_ARRAY_TYPE) return KIND_ARRAY;
  if (t == JS_ARGUMENTS_OBJECT_TYPE) return KIND_ARGUMENTS;
  if (t == JS_ERROR_TYPE) return KIND_ERROR;
  if (t == JS_PRIMITIVE_WRAPPER_TYPE) return KIND_BOXED;
  if (runtime_is_callable(H(obj))) return KIND_FUNCTION;
  return KIND_OBJECT;
}


/* What an object is shown as past the depth limit: [Object], [Array], [Foo]. */
static char *depth_marker(const char *ctor, const char *tag) {
  Buffer b;
  buffer_init(&b);
  append_prefix(&b, ctor, tag, "Object", "");
  b.data[--b.length] = '\0'; /* drop the trailing space */
  char *inner = buffer_take(&b);
  if (ctor == NULL) return inner;
  char *text = text_printf("[%s]", inner);
  free(inner);
  return text;
}

typedef struct {
  ObjectKind kind;
  char *ctor, *tag;   /* ctor NULL: null prototype */
  char *base;         /* the text before the braces ("[Function: f]", an error's stack) */
  Buffer open;        /* the opening brace with its prefix */
  const char *close;
  Handle keys;        /* the keys listed as "key: value" */
  double length;      /* arrays: their length */
  int skip_error_keys; /* errors: kSkipName | kSkipMessage | kSkipStack */
} RawParts;

static void raw_parts_free(RawParts *p) {
  free(p->ctor), free(p->tag), free(p->base);
  buffer_free(&p->open);
}

/* true when an error's key is left out because the stack shows it already. */
static bool raw_key_skipped(const RawParts *p, Tagged key) {
  if (p->kind != KIND_ERROR || p->skip_error_keys == 0 || !is_string(key)) return false;
  return ((p->skip_error_keys & kSkipName) && string_equals_ascii(key, "name")) ||
         ((p->skip_error_keys & kSkipMessage) && string_equals_ascii(key, "message")) ||
         ((p->skip_error_keys & kSkipStack) && string_equals_ascii(key, "stack"));
}

static int64_t raw_listed_key_count(Inspector *ins, const RawParts *p) {
  KILN_UNUSED(ins);
  int64_t n = 0;
  for (int64_t i = 0; i < fixed_array_length(H(p->keys)); i++)
    n += !raw_key_skipped(p, fixed_array_get(H(p->keys), i));
  return n;
}

/* Decides the braces, the base and the keys (the first half of Node's formatRaw). Sets
 * *done to a complete text when the object needs no entries ("{}", "[Function: f]").
 * false on exception. */
static bool raw_prepare(Inspector *ins, Handle obj, RawParts *p, char **done) {
  Isolate *iso = ins->iso;
  *done = NULL;
  p->kind = object_kind(iso, obj);
  if (!constructor_name(ins, obj, &p->ctor)) return false;
  if ((p->tag = to_string_tag(ins, obj)) == NULL) return false;
  p->close = "}";
  if (p->kind == KIND_ARRAY) {
    p->length = runtime_number_value(js_array_length(H(obj)));
    p->keys = own_keys(ins, obj, true);
    if (handle_is_null(p->keys)) return false;
    if (p->ctor == NULL || strcmp(p->ctor, "Array") != 0 || p->tag[0]) {
      char size[40];
      snprintf(size, sizeof size, "(%.0f)", p->length);
      append_prefix(&p->open, p->ctor, p->tag, "Array", size);
    }
    buffer_putc(&p->open, '[');
    p->close = "]";
    if (p->length == 0 && fixed_array_length(H(p->keys)) == 0)
      *done = text_printf("%s]", p->open.data);
    return true;
  }
  p->keys = own_keys(ins, obj, p->kind == KIND_BOXED);
  if (handle_is_null(p->keys)) return false;
  bool no_keys = fixed_array_length(H(p->keys)) == 0;
  if (p->kind == KIND_ARGUMENTS) {
    buffer_puts(&p->open, "[Arguments] {");
  } else if (p->kind == KIND_FUNCTION) {
    if ((p->base = function_base(ins, obj, p->ctor, p->tag)) == NULL) return false;
    buffer_putc(&p->open, '{');
  } else if (p->kind == KIND_ERROR) {
    if ((p->base = error_base(ins, obj, p->ctor, p->tag, &p->skip_error_keys)) == NULL)
      return false;
    no_keys = no_keys || raw_listed_key_count(ins, p) == 0;
    buffer_putc(&p->open, '{');
  } else if (p->kind == KIND_BOXED) {
    if ((p->base = boxed_base(ins, obj, p->ctor, p->tag)) == NULL) return false;
    buffer_putc(&p->open, '{');
  } else {
    if (p->ctor == NULL || strcmp(p->ctor, "Object") != 0 || p->tag[0])
      append_prefix(&p->open, p->ctor, p->tag, "Object", "");
    buffer_putc(&p->open, '{');
  }
  if (no_keys) *done = p->base ? text_dup(p->base) : text_printf("%s}", p->open.data);
  return true;
}

static char *format_raw(Inspector *ins, Handle obj, int recurse_times) {
  RawParts p = {0};
  buffer_init(&p.open);
  char *done;
  if (!raw_prepare(ins, obj, &p, &done)) return raw_parts_free(&p), NULL;
  if (done) return raw_parts_free(&p), done;
  if (ins->opts.depth >= 0 && recurse_times > ins->opts.depth) {
    char *marker = depth_marker(p.ctor, p.tag);
    raw_parts_free(&p);
    return marker;
  }
  recurse_times++;
  inspector_push_seen(ins, obj);
  ins->current_depth = recurse_times;
  Entries out = {NULL, 0, 0};
  ExtrasType type = p.kind == KIND_ARRAY ? kArrayExtrasType : kObjectType;
  bool ok = p.kind != KIND_ARRAY || format_array_entries(ins, obj, p.length, recurse_times, &out);
  bool has_more = out.count > 0 && strncmp(out.items[out.count - 1], "... ", 4) == 0;
  bool numeric = p.kind == KIND_ARRAY;
  for (int64_t i = 0; ok && i < fixed_array_length(H(p.keys)); i++) {
    if (raw_key_skipped(&p, fixed_array_get(H(p.keys), i))) continue;
    Handle key = handle_new(ins->iso, fixed_array_get(H(p.keys), i));
    char *s = format_property(ins, obj, key, recurse_times, kObjectType);
    if (s == NULL) ok = false;
    else entries_push(&out, s);
  }
  ins->seen_count--;
  if (!ok) return entries_free(&out), raw_parts_free(&p), NULL;
  if (numeric) {
    for (int i = 0; i < out.count - (has_more ? 1 : 0) && numeric; i++) {
      const char *s = out.items[i];
      numeric = (s[0] >= '0' && s[0] <= '9') || (s[0] == '-' && s[1] != '\0') ||
                strcmp(s, "NaN") == 0 || strcmp(s, "Infinity") == 0;
      numeric = numeric && strchr(s, ' ') == NULL && strchr(s, '\'') == NULL;
    }
  }
  Buffer base;
  buffer_init(&base);
  int ref = inspector_circular_index(ins, H(obj), false);
  if (ref) buffer_printf(&base, "<ref *%d>%s", ref, p.base ? " " : "");
  if (p.base) buffer_puts(&base, p.base);
  char *res = reduce_to_single_string(ins, &out, base.data ? base.data : "", p.open.data,
                                      p.close, type, recurse_times, has_more, numeric);
  buffer_free(&base);
  entries_free(&out);
  raw_parts_free(&p);
  return res;
}

/* Node's formatValue. */
static char *format_value(Inspector *ins, Handle value, int recurse_times) {
  Isolate *iso = ins->iso;
  if (!is_js_receiver(H(value))) return format_primitive(ins, H(value));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  char *text;
  bool revoked;
  Handle obj = unwrap_proxy(iso, value, &revoked);
  if (revoked) {
    text = text_dup("<Revoked Proxy>");
  } else if (inspector_is_seen(ins, H(obj))) {
    text = text_printf("[Circular *%d]", inspector_circular_index(ins, H(obj), true));
  } else if (!execution_stack_ok(iso)) {
    text = text_dup("[Object: Inspection interrupted prematurely. Maximum call stack size exceeded.]");
  } else {
    text = format_raw(ins, obj, recurse_times);
  }
  handle_scope_close(&scope);
  return text;
}

/* ---- the API --------------------------------------------------------------------------- */

void console_default_options(InspectOptions *opts) {
  *opts = (InspectOptions){.depth = 2, .show_hidden = false, .break_length = 80};
}

char *console_inspect(Isolate *iso, Handle value, const InspectOptions *opts) {
  Inspector ins = {.iso = iso, .opts = *opts};
  char *text = format_value(&ins, value, 0);
  inspector_dispose(&ins);
  return text;
}

/* ---- util.format ------------------------------------------------------------------------ */

/* global[name](arg), for parseInt / parseFloat / JSON.stringify. Empty on throw. */
static Handle call_global(Isolate *iso, const char *holder, const char *name, Handle arg) {
  Handle global = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_global_object));
  Handle target = global;
  if (holder != NULL) {
    target = runtime_get_named(iso, global, holder);
    if (handle_is_null(target)) return target;
  }
  Handle fn = runtime_get_named(iso, target, name);
  if (handle_is_null(fn)) return fn;
  return execution_call(iso, fn, target, 1, &arg);
}

/* Node's hasBuiltInToString: no own toString, and the nearest constructor is a builtin. */
static RuntimeMaybeBool has_builtin_to_string(Isolate *iso, Handle obj) {
  RuntimeMaybeBool own = runtime_has_own_property(iso, obj, name_key(iso, "toString"));
  if (own != RT_FALSE) return own == RT_TRUE ? RT_FALSE : RT_EXCEPTION;
  Handle key = name_key(iso, "constructor");
  Handle current = runtime_get_prototype_of(iso, obj);
  while (!handle_is_null(current) && is_js_receiver(H(current))) {
    PropertyDescriptor desc;
    RuntimeMaybeBool found = own_property(iso, current, key, &desc);
    if (found == RT_EXCEPTION) return RT_EXCEPTION;
    if (found == RT_TRUE) {
      bool builtin = (desc.flags & PD_HAS_VALUE) && is_js_function(H(desc.value)) &&
                     js_function_builtin(H(desc.value)) != NULL;
      return builtin ? RT_TRUE : RT_FALSE;
    }
    current = runtime_get_prototype_of(iso, current);
  }
  return handle_is_null(current) ? RT_EXCEPTION : RT_TRUE;
}

/* A number as %d / %i / %f print it (NaN for symbols). NULL on throw. */
static char *format_numeric(Isolate *iso, Handle v, char spec) {
  if (is_symbol(H(v))) return text_dup("NaN");
  Handle n;
  if (spec == 'd') n = runtime_to_number(iso, v);
  else n = call_global(iso, NULL, spec == 'i' ? "parseInt" : "parseFloat", v);
  if (handle_is_null(n)) return NULL;
  if (!is_number(H(n))) return to_string_or(iso, n, "NaN");
  return format_number(iso, H(n));
}

/* The text one specifier takes from arg; NULL on throw. */
static char *format_specifier(Isolate *iso, char spec, Handle arg) {
  InspectOptions opts;
  console_default_options(&opts);
  switch (spec) {
    case 's': {
      if (is_number(H(arg))) return format_number(iso, H(arg));
      if (is_symbol(H(arg))) return format_symbol(iso, H(arg));
      if (!is_js_receiver(H(arg)) || runtime_is_callable(H(arg))) {
        Handle s = runtime_to_string(iso, arg);
        return handle_is_null(s) ? NULL : console_string_utf8(iso, H(s));
      }
      RuntimeMaybeBool builtin = has_builtin_to_string(iso, arg);
      if (builtin == RT_EXCEPTION) return NULL;
      if (builtin == RT_FALSE) {
        Handle s = runtime_to_string(iso, arg);
        return handle_is_null(s) ? NULL : console_string_utf8(iso, H(s));
      }
      opts.depth = 0;
      return console_inspect(iso, arg, &opts);
    }
    case 'd': case 'i': case 'f':
      return format_numeric(iso, arg, spec);
    case 'j': {
      Handle s = call_global(iso, "JSON", "stringify", arg);
      if (handle_is_null(s)) return NULL;
      return is_string(H(s)) ? console_string_utf8(iso, H(s)) : text_dup("undefined");
    }
    case 'o':
      opts.show_hidden = true;
      opts.depth = 4;
      return console_inspect(iso, arg, &opts);
    case 'O':
      return console_inspect(iso, arg, &opts);
    case 'c':
      return text_dup("");
    default:
      return NULL;
  }
}

/* Appends the format string fmt with its specifiers replaced; *used counts the arguments
 * taken. false on throw. */
static bool format_template(Isolate *iso, const char *fmt, int argc, const Handle *argv,
                            Buffer *out, int *used) {
  size_t n = strlen(fmt), last = 0;
  int a = 0;
  bool replaced = false;
  for (size_t i = 0; i + 1 < n; i++) {
    if (fmt[i] != '%') continue;
    char c = fmt[++i];
    if (a + 1 != argc) {
      if (c == '%') {
        buffer_append(out, fmt + last, i - last);
        last = i + 1;
        replaced = true;
        continue;
      }
      if (!strchr("sdifjoOc", c)) continue;
      char *text = format_specifier(iso, c, argv[++a]);
      if (text == NULL) return false;
      buffer_append(out, fmt + last, i - 1 - last);
      buffer_puts(out, text);
      free(text);
      last = i + 1;
      replaced = true;
    } else if (c == '%') {
      buffer_append(out, fmt + last, i - last);
      last = i + 1;
      replaced = true;
    }
  }
  if (!replaced) return *used = 0, true;
  buffer_puts(out, fmt + last);
  *used = a + 1;
  return true;
}

char *console_format(Isolate *iso, int argc, const Handle *argv) {
  Buffer out;
  buffer_init(&out);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  int a = 0;
  bool ok = true;
  if (argc > 1 && is_string(H(argv[0]))) {
    char *fmt = console_string_utf8(iso, H(argv[0]));
    ok = format_template(iso, fmt, argc, argv, &out, &a);
    free(fmt);
  }
  InspectOptions opts;
  console_default_options(&opts);
  for (; ok && a < argc; a++) {
    if (a > 0) buffer_putc(&out, ' ');
    char *text = is_string(H(argv[a])) ? console_string_utf8(iso, H(argv[a]))
                                       : console_inspect(iso, argv[a], &opts);
    if (text == NULL) ok = false;
    else buffer_puts(&out, text), free(text);
  }
  handle_scope_close(&scope);
  if (!ok) return buffer_free(&out), NULL;
  return buffer_take(&out);
}
