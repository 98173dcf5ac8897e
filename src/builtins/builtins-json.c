/*
 * builtins-json.c: the JSON object (ES2025 25.5): parse (a recursive-descent parser over
 * the text's UTF-16 code units, then InternalizeJSONProperty for a reviver) and stringify
 * (SerializeJSONProperty into a BuiltinsBuffer, with the cycle stack as a FixedArray).
 * Both recurse on nesting and check execution_stack_ok, so deep input gives a RangeError.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins-utils.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "numbers/dtoa.h"
#include "numbers/conversions.h"
#include "objects/js-objects.h"
#include "objects/string.h"

BUILTIN_DECLARE(JsonParse, "parse", 2)
BUILTIN_DECLARE(JsonStringify, "stringify", 3)
BUILTIN_DECLARE(JsonRawJson, "rawJSON", 1)
BUILTIN_DECLARE(JsonIsRawJson, "isRawJSON", 1)

static Handle json_stack_overflow(Isolate *iso) {
  return builtins_throw_range_error(iso, "Maximum call stack size exceeded");
}

/* ---- parse ---------------------------------------------------------------------------- */

/* records: when a reviver will run, the parser also builds a JSON Parse Record for every
 * value (json_record_new), from which the reviver's context argument gets the source text
 * (JSON.parse source text access). text: the source String. */
typedef struct {
  Isolate *iso;
  const uint16_t *s;
  size_t len, pos;
  bool records;
  Handle text;
} JsonParser;

/* A JSON Parse Record: a FixedArray | value | start | end | children |: the parsed value,
 * its source text's code-unit range, and its children: for an array, a JS array of the
 * elements' records; for an object, a JS array of (key, record) pairs in source order (a
 * duplicate key's last pair is the one that counts); undefined for a primitive. */
enum { kJsonRecordValue, kJsonRecordStart, kJsonRecordEnd, kJsonRecordChildren, kJsonRecordSize };

static Handle json_syntax_error(JsonParser *p, const char *what) {
  if (p->pos >= p->len) {
    isolate_throw_error(p->iso, kError_SYNTAX_ERROR, "Unexpected end of JSON input");
  } else {
    isolate_throw_error(p->iso, kError_SYNTAX_ERROR, "%s in JSON at position %zu", what, p->pos);
  }
  return HANDLE_NULL;
}

static void json_skip_space(JsonParser *p) {
  while (p->pos < p->len) {
    uint16_t c = p->s[p->pos];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    p->pos++;
  }
}

static bool json_consume(JsonParser *p, const char *word) {
  size_t n = strlen(word);
  if (p->pos + n > p->len) return false;
  for (size_t i = 0; i < n; i++) {
    if (p->s[p->pos + i] != (uint8_t)word[i]) return false;
  }
  p->pos += n;
  return true;
}

static int json_hex(uint16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* A JSON string starting at the opening quote. */
static Handle json_parse_string(JsonParser *p) {
  p->pos++;
  BuiltinsBuffer b;
  builtins_buffer_init(&b);
  while (p->pos < p->len) {
    uint16_t c = p->s[p->pos++];
    if (c == '"') return builtins_buffer_finish(p->iso, &b);
    if (c < 0x20) {
      p->pos--;
      break;
    }
    if (c != '\\') {
      builtins_buffer_append_unit(&b, c);
      continue;
    }
    if (p->pos >= p->len) break;
    uint16_t e = p->s[p->pos++];
    static const char kFrom[] = "\"\\/bfnrt", kTo[] = "\"\\/\b\f\n\r\t";
    const char *hit = e < 128 ? strchr(kFrom, (char)e) : NULL;
    if (hit != NULL && e != 0) {
      builtins_buffer_append_unit(&b, (uint8_t)kTo[hit - kFrom]);
      continue;
    }
    if (e != 'u' || p->pos + 4 > p->len) {
      p->pos--;
      break;
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int h = json_hex(p->s[p->pos + i]);
      if (h < 0) {
        v = -1;
        break;
      }
      v = v * 16 + h;
    }
    if (v < 0) break;
    p->pos += 4;
    builtins_buffer_append_unit(&b, (uint16_t)v);
  }
  builtins_buffer_free(&b);
  return json_syntax_error(p, "Bad string");
}

/* A JSON number (the grammar of 25.5.1 JSONNumber). */
static Handle json_parse_number(JsonParser *p) {
  size_t start = p->pos;
  if (p->s[p->pos] == '-') p->pos++;
  if (p->pos < p->len && p->s[p->pos] == '0') {
    p->pos++;
  } else if (p->pos < p->len && p->s[p->pos] >= '1' && p->s[p->pos] <= '9') {
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') p->pos++;
  } else {
    return json_syntax_error(p, "No number after minus sign");
  }
  if (p->pos < p->len && p->s[p->pos] == '.') {
    p->pos++;
    size_t digits = p->pos;
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') p->pos++;
    if (p->pos == digits) return json_syntax_error(p, "Unterminated fractional number");
  }
  if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
    p->pos++;
    if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-')) p->pos++;
    size_t digits = p->pos;
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') p->pos++;
    if (p->pos == digits) return json_syntax_error(p, "Exponent part is missing a number");
  }
  double d = conversions_string_to_number(p->s + start, p->pos - start, true);
  return builtins_number(p->iso, d);
}

static Handle json_parse_value(JsonParser *p, Handle *record);

/* A JS array to collect child records in, or undefined when records are off. */
static Handle json_children_new(JsonParser *p) {
  return p->records ? runtime_new_array(p->iso, 0) : ROOT_HANDLE(p->iso, undefined_value);
}

static bool json_children_add(JsonParser *p, Handle children, Handle key, Handle record) {
  if (!p->records) return true;
  return (handle_is_null(key) || js_array_push(p->iso, children, key)) &&
         js_array_push(p->iso, children, record);
}

static Handle json_parse_array(JsonParser *p, Handle children) {
  Isolate *iso = p->iso;
  p->pos++;
  Handle array = runtime_new_array(iso, 0);
  if (handle_is_null(array)) return array;
  json_skip_space(p);
  if (p->pos < p->len && p->s[p->pos] == ']') {
    p->pos++;
    return array;
  }
  for (;;) {
    Handle record;
    Handle v = json_parse_value(p, &record);
    if (handle_is_null(v) || !js_array_push(iso, array, v) ||
        !json_children_add(p, children, HANDLE_NULL, record)) {
      return HANDLE_NULL;
    }
    json_skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == ',') {
      p->pos++;
      continue;
    }
    if (p->pos < p->len && p->s[p->pos] == ']') {
      p->pos++;
      return array;
    }
    return json_syntax_error(p, "Expected ',' or ']' after array element");
  }
}

static Handle json_parse_object(JsonParser *p, Handle children) {
  Isolate *iso = p->iso;
  p->pos++;
  Handle obj = runtime_new_object(iso);
  if (handle_is_null(obj)) return obj;
  json_skip_space(p);
  if (p->pos < p->len && p->s[p->pos] == '}') {
    p->pos++;
    return obj;
  }
  for (;;) {
    json_skip_space(p);
    if (p->pos >= p->len || p->s[p->pos] != '"') {
      return json_syntax_error(p, "Expected double-quoted property name");
    }
    Handle key = json_parse_string(p);
    if (handle_is_null(key)) return key;
    key = string_internalize(iso, key);
    if (handle_is_null(key)) return key;
    json_skip_space(p);
    if (p->pos >= p->len || p->s[p->pos] != ':') {
      return json_syntax_error(p, "Expected ':' after property name");
    }
    p->pos++;
    Handle record;
    Handle v = json_parse_value(p, &record);
    if (handle_is_null(v) || !runtime_create_data_property_or_throw(iso, obj, key, v) ||
        !json_children_add(p, children, key, record)) {
      return HANDLE_NULL;
    }
    json_skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == ',') {
      p->pos++;
      continue;
    }
    if (p->pos < p->len && p->s[p->pos] == '}') {
      p->pos++;
      return obj;
    }
    return json_syntax_error(p, "Expected ',' or '}' after property value");
  }
}

/* The JSON Parse Record of a value parsed from [start, end) with children. May allocate. */
static Handle json_record_new(JsonParser *p, Handle value, size_t start, Handle children) {
  Handle record = factory_new_fixed_array(p->iso, kJsonRecordSize);
  if (handle_is_null(record)) return record;
  fixed_array_set(H(record), kJsonRecordValue, H(value));
  fixed_array_set(H(record), kJsonRecordStart, smi_from_int((int32_t)start));
  fixed_array_set(H(record), kJsonRecordEnd, smi_from_int((int32_t)p->pos));
  fixed_array_set(H(record), kJsonRecordChildren, H(children));
  return record;
}

/* A JSON value; with records on, *record is its JSON Parse Record. */
static Handle json_parse_value(JsonParser *p, Handle *record) {
  Isolate *iso = p->iso;
  if (!execution_stack_ok(iso)) return json_stack_overflow(iso);
  json_skip_space(p);
  if (p->pos >= p->len) return json_syntax_error(p, "Unexpected end");
  HandleScope scope;
  handle_scope_open_escapable(iso, &scope);
  size_t start = p->pos;
  uint16_t c = p->s[p->pos];
  Handle children = c == '{' || c == '[' ? json_children_new(p) : ROOT_HANDLE(iso, undefined_value);
  Handle v;
  if (handle_is_null(children)) v = children;
  else if (c == '{') v = json_parse_object(p, children);
  else if (c == '[') v = json_parse_array(p, children);
  else if (c == '"') v = json_parse_string(p);
  else if (c == '-' || (c >= '0' && c <= '9')) v = json_parse_number(p);
  else if (json_consume(p, "true")) v = ROOT_HANDLE(iso, true_value);
  else if (json_consume(p, "false")) v = ROOT_HANDLE(iso, false_value);
  else if (json_consume(p, "null")) v = ROOT_HANDLE(iso, null_value);
  else v = json_syntax_error(p, "Unexpected token");
  *record = ROOT_HANDLE(iso, undefined_value);
  if (!handle_is_null(v) && p->records) {
    /* Escape the value and its record together, as the record (which holds the value). */
    v = json_record_new(p, v, start, children);
  }
  if (!handle_is_null(v)) v = handle_scope_escape(&scope, v);
  handle_scope_close(&scope);
  if (handle_is_null(v) || !p->records) return v;
  *record = v;
  return handle_new(iso, fixed_array_get(H(v), kJsonRecordValue));
}

/* The record of child `key` (a string; for arrays an index) among a record's children, or
 * undefined: arrays by position, objects by the last pair with that key. */
static Handle json_record_child(Isolate *iso, Handle children, bool is_array, Handle key,
                                double index) {
  if (!is_js_array(H(children))) return ROOT_HANDLE(iso, undefined_value);
  double len = js_array_length_value(H(children));
  if (is_array) {
    return index < len ? builtins_get_index(iso, children, index) : ROOT_HANDLE(iso, undefined_value);
  }
  for (double i = len - 2; i >= 0; i -= 2) {
    Handle k = builtins_get_index(iso, children, i);
    if (handle_is_null(k)) return k;
    if (string_equals(H(k), H(key))) return builtins_get_index(iso, children, i + 1);
  }
  return ROOT_HANDLE(iso, undefined_value);
}

/* The reviver's context argument: { source } for a primitive that is still the parsed
 * value, {} otherwise; *children gets the record's children when it applies to val. */
static Handle json_reviver_context(Isolate *iso, Handle text, Handle record, Handle val,
                                   Handle *children) {
  Handle context = runtime_new_object(iso);
  *children = ROOT_HANDLE(iso, undefined_value);
  if (handle_is_null(context) || !is_fixed_array(H(record)) ||
      !runtime_same_value(fixed_array_get(H(record), kJsonRecordValue), H(val))) {
    return context;
  }
  *children = handle_new(iso, fixed_array_get(H(record), kJsonRecordChildren));
  if (is_js_receiver(H(val))) return context;
  Handle source = string_substring(iso, text, smi_value(fixed_array_get(H(record), kJsonRecordStart)),
                                   smi_value(fixed_array_get(H(record), kJsonRecordEnd)));
  Handle key = handle_is_null(source) ? source : builtins_string(iso, "source");
  if (handle_is_null(key) || !runtime_create_data_property_or_throw(iso, context, key, source)) {
    return HANDLE_NULL;
  }
  return context;
}

/* ES2025 25.5.1.1 InternalizeJSONProperty ( holder, name, reviver ), with the JSON Parse
 * Record of JSON.parse source text access (record: undefined when none applies). */
static Handle json_internalize(Isolate *iso, Handle text, Handle holder, Handle name,
                               Handle reviver, Handle record) {
  if (!execution_stack_ok(iso)) return json_stack_overflow(iso);
  Handle val = runtime_get(iso, holder, name, holder);
  BUILTIN_TRY(val);
  Handle children;
  Handle context = json_reviver_context(iso, text, record, val, &children);
  BUILTIN_TRY(context);
  if (is_js_receiver(H(val))) {
    RuntimeMaybeBool is_array = runtime_is_array(iso, val);
    if (is_array == RT_EXCEPTION) return HANDLE_NULL;
    Handle keys;
    double len = 0;
    if (is_array == RT_TRUE) {
      BUILTIN_CHECK(runtime_length_of_array_like(iso, val, &len));
      keys = HANDLE_NULL;
    } else {
      keys = runtime_enumerable_own_properties(iso, val, 0);
      BUILTIN_TRY(keys);
      BUILTIN_CHECK(runtime_length_of_array_like(iso, keys, &len));
    }
    for (double i = 0; i < len; i++) {
      HandleScope scope;
      handle_scope_open(iso, &scope);
      Handle key = is_array == RT_TRUE ? builtins_index_key(iso, i) : builtins_get_index(iso, keys, i);
      if (!handle_is_null(key) && is_array != RT_TRUE) key = runtime_to_property_key(iso, key);
      Handle child = handle_is_null(key) ? key
                     : json_record_child(iso, children, is_array == RT_TRUE, key, i);
      Handle element = handle_is_null(child) ? child
                       : json_internalize(iso, text, val, key, reviver, child);
      bool ok = !handle_is_null(element);
      if (ok && is_undefined(iso, H(element))) {
        ok = runtime_delete(iso, val, key) != RT_EXCEPTION;
      } else if (ok) {
        ok = runtime_create_data_property(iso, val, key, element) != RT_EXCEPTION;
      }
      handle_scope_close(&scope);
      BUILTIN_CHECK(ok);
    }
  }
  Handle argv[3] = {name, val, context};
  return builtins_call(iso, reviver, holder, 3, argv);
}

/* Parses all of text (nothing but whitespace may follow the value); with records, *record
 * gets the root's JSON Parse Record. */
static Handle json_parse_text(Isolate *iso, Handle text, bool records, Handle *record) {
  size_t len;
  uint16_t *units = builtins_string_units(iso, H(text), &len);
  if (units == NULL) return HANDLE_NULL;
  JsonParser p = {iso, units, len, 0, records, text};
  Handle result = json_parse_value(&p, record);
  if (!handle_is_null(result)) {
    json_skip_space(&p);
    if (p.pos < p.len) result = json_syntax_error(&p, "Unexpected non-whitespace character");
  }
  free(units);
  return result;
}

/* ES2025 25.5.1 JSON.parse ( text [ , reviver ] ) */
BUILTIN(JsonParse) {
  Handle text = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(text);
  Handle reviver = BUILTIN_ARG(1);
  bool revive = runtime_is_callable(H(reviver));
  Handle record;
  Handle result = json_parse_text(iso, text, revive, &record);
  BUILTIN_TRY(result);
  if (!revive) return result;
  Handle realm = builtins_realm(iso, args);
  Handle root = factory_new_js_object_from_map(
      iso, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_object_map));
  BUILTIN_TRY(root);
  Handle empty = ROOT_HANDLE(iso, empty_string);
  BUILTIN_CHECK(runtime_create_data_property_or_throw(iso, root, empty, result));
  return json_internalize(iso, text, root, empty, reviver, record);
}

/* JSON.rawJSON ( text ) (JSON.parse source text access): a frozen null-prototype object
 * with [[IsRawJSON]] (a JS_RAW_JSON_TYPE object) whose "rawJSON" is text, which must be
 * the JSON text of a primitive without leading or trailing whitespace. */
BUILTIN(JsonRawJson) {
  Handle text = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(text);
  text = string_flatten(iso, text);
  BUILTIN_TRY(text);
  int64_t len = string_length(H(text));
  uint16_t first = len > 0 ? string_get(H(text), 0) : 0;
  uint16_t last = len > 0 ? string_get(H(text), len - 1) : 0;
  static const char kBad[] = "\t\n\r {[";
  if (len == 0 || (first < 128 && strchr(kBad, first) != NULL) ||
      (last < 128 && strchr("\t\n\r ", last) != NULL)) {
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "JSON.rawJSON: invalid raw JSON text");
    return HANDLE_NULL;
  }
  Handle record;
  BUILTIN_TRY(json_parse_text(iso, text, false, &record));
  Handle map = builtins_intrinsic(iso, builtins_realm(iso, args), NATIVE_CONTEXT_raw_json_map);
  Handle obj = factory_new_js_object_from_map(iso, map);
  BUILTIN_TRY(obj);
  Handle key = builtins_string(iso, "rawJSON");
  BUILTIN_TRY(key);
  BUILTIN_CHECK(runtime_create_data_property_or_throw(iso, obj, key, text));
  BUILTIN_CHECK(runtime_set_integrity_level(iso, obj, true));
  return obj;
}

/* JSON.isRawJSON ( O ) */
BUILTIN(JsonIsRawJson) {
  Tagged o = H(BUILTIN_ARG(0));
  return builtins_boolean(iso, is_heap_object(o) && heap_object_type(o) == JS_RAW_JSON_TYPE);
}

/* ---- stringify ------------------------------------------------------------------------- */

typedef struct {
  Isolate *iso;
  BuiltinsBuffer out;
  Handle replacer;       /* a function, or empty */
  Handle property_list;  /* a FixedArray of keys, or empty */
  Handle stack;          /* a FixedArray whose first stack_len slots are the objects being
                            serialized (it grows by doubling) */
  int64_t stack_len;
  int depth;
  uint16_t gap[10];
  int gap_len;
} JsonWriter;

/* ES2025 25.5.2.3 QuoteJSONString ( value ) */
static void json_quote(BuiltinsBuffer *b, Tagged string, Isolate *iso) {
  size_t len;
  uint16_t *u = builtins_string_units(iso, string, &len);
  if (u == NULL) {
    b->failed = true;
    return;
  }
  builtins_buffer_append_unit(b, '"');
  for (size_t i = 0; i < len; i++) {
    uint16_t c = u[i];
    const char *esc = c == '\b' ? "\\b" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\f' ? "\\f"
                    : c == '\r' ? "\\r" : c == '"' ? "\\\"" : c == '\\' ? "\\\\" : NULL;
    if (esc != NULL) {
      builtins_buffer_append_ascii(b, esc);
      continue;
    }
    bool lone = false;
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (i + 1 < len && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
        builtins_buffer_append_unit(b, c);
        builtins_buffer_append_unit(b, u[++i]);
        continue;
      }
      lone = true;
    } else if (c >= 0xDC00 && c <= 0xDFFF) {
      lone = true;
    }
    if (c < 0x20 || lone) {
      char hex[8];
      snprintf(hex, sizeof hex, "\\u%04x", c);
      builtins_buffer_append_ascii(b, hex);
    } else {
      builtins_buffer_append_unit(b, c);
    }
  }
  builtins_buffer_append_unit(b, '"');
  free(u);
}

static void json_newline(JsonWriter *w) {
  if (w->gap_len == 0) return;
  builtins_buffer_append_unit(&w->out, '\n');
  for (int d = 0; d < w->depth; d++) {
    for (int i = 0; i < w->gap_len; i++) builtins_buffer_append_unit(&w->out, w->gap[i]);
  }
}

/* 1: wrote something; 0: undefined (nothing written); -1: exception. */
static int json_serialize_property(JsonWriter *w, Handle holder, Handle key, Handle value);

/* Pushes value on the cycle stack (TypeError when already there). */
static bool json_push(JsonWriter *w, Handle value) {
  Isolate *iso = w->iso;
  int64_t n = w->stack_len;
  for (int64_t i = 0; i < n; i++) {
    if (fixed_array_get(H(w->stack), i) == H(value)) {
      builtins_throw_type_error(iso, "Converting circular structure to JSON");
      return false;
    }
  }
  if (!execution_stack_ok(iso)) {
    json_stack_overflow(iso);
    return false;
  }
  if (n == fixed_array_length(H(w->stack))) {
    Handle grown = factory_copy_fixed_array(iso, w->stack, n < 8 ? 8 : n * 2,
                                            ROOT(iso, undefined_value));
    if (handle_is_null(grown)) return false;
    *w->stack.loc = H(grown);
  }
  fixed_array_set(H(w->stack), n, H(value));
  w->stack_len = n + 1;
  return true;
}

static bool json_pop(JsonWriter *w) {
  w->stack_len--;
  fixed_array_set(H(w->stack), w->stack_len, ROOT(w->iso, undefined_value));
  return true;
}

/* ES2025 25.5.2.5 SerializeJSONObject ( state, value ) */
static bool json_serialize_object(JsonWriter *w, Handle value) {
  Isolate *iso = w->iso;
  if (!json_push(w, value)) return false;
  Handle keys = handle_is_null(w->property_list) ? runtime_enumerable_own_properties(iso, value, 0)
                                                 : HANDLE_NULL;
  double len = 0;
  if (handle_is_null(w->property_list)) {
    if (handle_is_null(keys) || !runtime_length_of_array_like(iso, keys, &len)) return false;
  } else {
    len = (double)fixed_array_length(H(w->property_list));
  }
  builtins_buffer_append_unit(&w->out, '{');
  w->depth++;
  bool any = false;
  for (double i = 0; i < len; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle key = handle_is_null(w->property_list)
                     ? builtins_get_index(iso, keys, i)
                     : handle_new(iso, fixed_array_get(H(w->property_list), (int64_t)i));
    if (!handle_is_null(key)) key = runtime_to_property_key(iso, key);
    size_t mark = w->out.length;
    int r = -1;
    if (!handle_is_null(key)) {
      if (any) builtins_buffer_append_unit(&w->out, ',');
      json_newline(w);
      json_quote(&w->out, H(key), iso);
      builtins_buffer_append_unit(&w->out, ':');
      if (w->gap_len > 0) builtins_buffer_append_unit(&w->out, ' ');
      r = json_serialize_property(w, value, key, HANDLE_NULL);
      if (r == 0) w->out.length = mark; /* undefined: drop the key */
      if (r == 1) any = true;
    }
    handle_scope_close(&scope);
    if (r < 0) return false;
  }
  w->depth--;
  if (any) json_newline(w);
  builtins_buffer_append_unit(&w->out, '}');
  return json_pop(w);
}

/* ES2025 25.5.2.6 SerializeJSONArray ( state, value ) */
static bool json_serialize_array(JsonWriter *w, Handle value) {
  Isolate *iso = w->iso;
  if (!json_push(w, value)) return false;
  double len;
  if (!runtime_length_of_array_like(iso, value, &len)) return false;
  builtins_buffer_append_unit(&w->out, '[');
  w->depth++;
  for (double i = 0; i < len; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    if (i > 0) builtins_buffer_append_unit(&w->out, ',');
    json_newline(w);
    Handle key = builtins_index_key(iso, i);
    int r = handle_is_null(key) ? -1 : json_serialize_property(w, value, key, HANDLE_NULL);
    if (r == 0) builtins_buffer_append_ascii(&w->out, "null");
    handle_scope_close(&scope);
    if (r < 0) return false;
  }
  w->depth--;
  if (len > 0) json_newline(w);
  builtins_buffer_append_unit(&w->out, ']');
  return json_pop(w);
}

/* The toJSON / replacer steps (25.5.2.2 steps 1-3): the value to serialize. */
static Handle json_prepare_value(JsonWriter *w, Handle holder, Handle key, Handle value) {
  Isolate *iso = w->iso;
  if (handle_is_null(value)) value = runtime_get(iso, holder, key, holder);
  if (handle_is_null(value)) return value;
  if (is_js_receiver(H(value)) || !(is_number(H(value)) || is_string(H(value)) ||
                                    is_oddball(H(value)) || is_symbol(H(value)))) {
    Handle to_json = runtime_get_named(iso, value, "toJSON");
    if (handle_is_null(to_json)) return to_json;
    if (runtime_is_callable(H(to_json))) {
      value = builtins_call(iso, to_json, value, 1, &key);
      if (handle_is_null(value)) return value;
    }
  }
  if (!handle_is_null(w->replacer)) {
    Handle argv[2] = {key, value};
    value = builtins_call(iso, w->replacer, holder, 2, argv);
  }
  return value;
}

/* ES2025 25.5.2.2 SerializeJSONProperty ( state, key, holder ) */
static int json_serialize_property(JsonWriter *w, Handle holder, Handle key, Handle value) {
  Isolate *iso = w->iso;
  value = json_prepare_value(w, holder, key, value);
  if (handle_is_null(value)) return -1;
  Tagged v = H(value);
  if (is_heap_object(v) && heap_object_type(v) == JS_RAW_JSON_TYPE) {
    /* A frozen "rawJSON" data property holding a String: reading it runs no user code. */
    Handle raw = runtime_get_named(iso, value, "rawJSON");
    if (handle_is_null(raw)) return -1;
    builtins_buffer_append_string(&w->out, H(raw));
    return 1;
  }
  if (is_js_primitive_wrapper(v)) {
    Tagged inner = js_primitive_wrapper_value(v);
    if (is_number(inner)) {
      value = runtime_to_number(iso, value);
    } else if (is_string(inner)) {
      value = runtime_to_string(iso, value);
    } else if (inner == ROOT(iso, true_value) || inner == ROOT(iso, false_value)) {
      value = handle_new(iso, inner);
    } else if (!is_symbol(inner)) {
      value = handle_new(iso, inner); /* BigInt wrapper: its BigInt throws below */
    }
    if (handle_is_null(value)) return -1;
    v = H(value);
  }
  if (is_null(iso, v)) {
    builtins_buffer_append_ascii(&w->out, "null");
    return 1;
  }
  if (v == ROOT(iso, true_value) || v == ROOT(iso, false_value)) {
    builtins_buffer_append_ascii(&w->out, v == ROOT(iso, true_value) ? "true" : "false");
    return 1;
  }
  if (is_string(v)) {
    json_quote(&w->out, v, iso);
    return 1;
  }
  if (is_number(v)) {
    double d = runtime_number_value(v);
    char buf[kDtoaShortestBufferSize];
    if (isfinite(d)) dtoa_shortest(d, buf);
    builtins_buffer_append_ascii(&w->out, isfinite(d) ? buf : "null");
    return 1;
  }
  if (is_undefined(iso, v) || is_symbol(v)) return 0;
  if (!is_js_receiver(v)) {
    builtins_throw_type_error(iso, "Do not know how to serialize a BigInt");
    return -1;
  }
  if (runtime_is_callable(v)) return 0;
  RuntimeMaybeBool is_array = runtime_is_array(iso, value);
  if (is_array == RT_EXCEPTION) return -1;
  bool ok = is_array == RT_TRUE ? json_serialize_array(w, value) : json_serialize_object(w, value);
  return ok ? 1 : -1;
}

/* The PropertyList of an array replacer (25.5.2.1 step 4.b): strings, numbers and their
 * wrappers, converted to strings, without duplicates. */
static Handle json_property_list(Isolate *iso, Handle replacer) {
  double len;
  if (!runtime_length_of_array_like(iso, replacer, &len)) return HANDLE_NULL;
  /* A slot of our own (not the empty_fixed_array root's): it is rewritten as it grows. */
  Handle list = handle_new(iso, ROOT(iso, empty_fixed_array));
  for (double k = 0; k < len; k++) {
    Handle v = builtins_get_index(iso, replacer, k);
    if (handle_is_null(v)) return v;
    Tagged raw = H(v);
    if (is_js_primitive_wrapper(raw)) raw = js_primitive_wrapper_value(raw);
    if (!is_string(raw) && !is_number(raw)) continue;
    Handle item = runtime_to_string(iso, v);
    if (handle_is_null(item) || handle_is_null(item = string_internalize(iso, item))) {
      return HANDLE_NULL;
    }
    bool seen = false;
    for (int64_t i = 0; i < fixed_array_length(H(list)) && !seen; i++) {
      seen = fixed_array_get(H(list), i) == H(item);
    }
    if (seen) continue;
    Handle grown = factory_copy_fixed_array(iso, list, fixed_array_length(H(list)) + 1, H(item));
    if (handle_is_null(grown)) return grown;
    *list.loc = H(grown);
  }
  return list;
}

/* The gap from the space argument (25.5.2.1 steps 5-8). */
static bool json_gap(Isolate *iso, Handle space, JsonWriter *w) {
  Tagged s = H(space);
  if (is_js_primitive_wrapper(s)) {
    Tagged inner = js_primitive_wrapper_value(s);
    if (is_number(inner)) {
      space = runtime_to_number(iso, space);
    } else if (is_string(inner)) {
      space = runtime_to_string(iso, space);
    }
    if (handle_is_null(space)) return false;
    s = H(space);
  }
  w->gap_len = 0;
  if (is_number(s)) {
    double n = fmin(10, trunc(runtime_number_value(s)));
    for (int i = 0; i < n; i++) w->gap[w->gap_len++] = ' ';
  } else if (is_string(s)) {
    size_t len;
    uint16_t *u = builtins_string_units(iso, s, &len);
    if (u == NULL) return false;
    for (size_t i = 0; i < len && i < 10; i++) w->gap[w->gap_len++] = u[i];
    free(u);
  }
  return true;
}

/* ES2025 25.5.2 JSON.stringify ( value [ , replacer [ , space ] ] ) */
BUILTIN(JsonStringify) {
  JsonWriter w = {.iso = iso, .replacer = HANDLE_NULL, .property_list = HANDLE_NULL};
  Handle replacer = BUILTIN_ARG(1);
  if (runtime_is_callable(H(replacer))) {
    w.replacer = replacer;
  } else if (is_js_receiver(H(replacer))) {
    RuntimeMaybeBool is_array = runtime_is_array(iso, replacer);
    if (is_array == RT_EXCEPTION) return HANDLE_NULL;
    if (is_array == RT_TRUE) {
      w.property_list = json_property_list(iso, replacer);
      BUILTIN_TRY(w.property_list);
    }
  }
  BUILTIN_CHECK(json_gap(iso, BUILTIN_ARG(2), &w));
  Handle realm = builtins_realm(iso, args);
  Handle wrapper = factory_new_js_object_from_map(
      iso, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_object_map));
  BUILTIN_TRY(wrapper);
  Handle empty = ROOT_HANDLE(iso, empty_string);
  BUILTIN_CHECK(runtime_create_data_property_or_throw(iso, wrapper, empty, BUILTIN_ARG(0)));
  w.stack = handle_new(iso, ROOT(iso, empty_fixed_array)); /* rewritten as it grows */
  builtins_buffer_init(&w.out);
  int r = json_serialize_property(&w, wrapper, empty, HANDLE_NULL);
  if (r <= 0) {
    builtins_buffer_free(&w.out);
    return r < 0 ? HANDLE_NULL : BUILTIN_UNDEFINED;
  }
  return builtins_buffer_finish(iso, &w.out);
}

/* The map of JSON.rawJSON's objects: JS_RAW_JSON_TYPE, prototype null. */
static bool json_install_raw_json_map(Isolate *iso, Handle nc) {
  Handle map = builtins_new_internal_map(iso, JS_RAW_JSON_TYPE, ROOT_HANDLE(iso, null_value));
  if (handle_is_null(map)) return false;
  context_set(H(nc), NATIVE_CONTEXT_raw_json_map, H(map));
  return true;
}

bool builtins_install_json(Isolate *iso, Handle nc) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle json = builtins_new_object_with_proto(iso, nc, object_proto);
  Handle tag = handle_is_null(json) ? json : builtins_string(iso, "JSON");
  Handle global = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_global_object);
  return !handle_is_null(tag) &&
         !handle_is_null(builtins_install_method(iso, nc, json, "parse", Builtin_JsonParse, 2)) &&
         !handle_is_null(builtins_install_method(iso, nc, json, "stringify", Builtin_JsonStringify, 3)) &&
         !handle_is_null(builtins_install_method(iso, nc, json, "rawJSON", Builtin_JsonRawJson, 1)) &&
         !handle_is_null(builtins_install_method(iso, nc, json, "isRawJSON", Builtin_JsonIsRawJson, 1)) &&
         json_install_raw_json_map(iso, nc) &&
         builtins_define_value(iso, json, "@@toStringTag", tag, READ_ONLY | DONT_ENUM) &&
         builtins_define_value(iso, global, "JSON", json, DONT_ENUM);
}
