/*
 * debug-print.c: %DebugPrint and %DebugDumpMemory (debug/debug-print.h).
 *
 * The output follows d8's: "DebugPrint: 0x...: [JSArray]" then " - field: value" lines,
 * with the values other objects hold shown briefly ("<FixedArray[2]>"). Kiln adds what
 * seed 001 had to find with a debugger: every word's raw 64 bits and how it decodes.
 * Nothing here allocates, so raw Tagged values stay valid throughout.
 */
#include "debug/debug-print.h"

#include <inttypes.h>
#include <string.h>

#include "heap/factory.h"
#include "objects/descriptors.h"
#include "objects/dictionary.h"
#include "objects/elements.h"
#include "objects/js-function.h"
#include "objects/map.h"
#include "objects/string.h"
#include "runtime/runtime.h"

enum { kMaxPrintedElements = 64, kMaxPrintedChars = 80 };

/* ---- small pieces ---------------------------------------------------------------------- */

static void dp_word(FILE *out, Tagged v) { fprintf(out, "0x%016" PRIx64, (uint64_t)v); }
static void dp_ptr(FILE *out, Tagged v) { fprintf(out, "0x%" PRIxPTR, (uintptr_t)v); }

/* The characters of a string, quoted, cut after kMaxPrintedChars. */
static void dp_string_chars(FILE *out, Tagged s) {
  StringIterator it;
  StringView piece;
  int64_t printed = 0;
  string_iterator_init(&it, s);
  while (printed < kMaxPrintedChars && string_iterator_next(&it, &piece)) {
    for (int64_t i = 0; i < piece.length && printed < kMaxPrintedChars; i++, printed++) {
      uint16_t c = string_view_get(piece, i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') fputc(c, out);
      else fprintf(out, c < 0x100 ? "\\x%02x" : "\\u%04x", c);
    }
  }
  string_iterator_dispose(&it);
  if (printed < seq_string_length(s)) fputs("...", out);
}

/* The name of a property key: #name for strings, <Symbol: description> for symbols. */
static void dp_key(Isolate *iso, FILE *out, Tagged key) {
  if (is_string(key)) { fputc('#', out); dp_string_chars(out, key); }
  else debug_print_brief(iso, key, out);
}

static const char *dp_tail_name(InstanceType t) {
  switch (t) {
    case FIXED_ARRAY_TYPE: return "FixedArray";
    case PROPERTY_ARRAY_TYPE: return "PropertyArray";
    case DESCRIPTOR_ARRAY_TYPE: return "DescriptorArray";
    case TRANSITION_ARRAY_TYPE: return "TransitionArray";
    case NAME_DICTIONARY_TYPE: return "NameDictionary";
    case NUMBER_DICTIONARY_TYPE: return "NumberDictionary";
    case FIXED_DOUBLE_ARRAY_TYPE: return "FixedDoubleArray";
    case BYTE_ARRAY_TYPE: return "ByteArray";
    case SCOPE_INFO_TYPE: return "ScopeInfo";
    case FEEDBACK_VECTOR_TYPE: return "FeedbackVector";
    case WEAK_FIXED_ARRAY_TYPE: return "WeakFixedArray";
    default: return NULL;
  }
}

/* d8's class name in the header line: [JSArray], [JS_OBJECT_TYPE], [HeapNumber], ... */
static const char *dp_class_name(InstanceType t) {
  switch (t) {
    case JS_ARRAY_TYPE: return "JSArray";
    case JS_FUNCTION_TYPE: return "Function";
    case HEAP_NUMBER_TYPE: return "HeapNumber";
    case MAP_TYPE: return "Map";
    case ODDBALL_TYPE: return "Oddball";
    case SYMBOL_TYPE: return "Symbol";
    default: break;
  }
  if (t <= LAST_STRING_TYPE) return "String";
  const char *tail = dp_tail_name(t);
  return tail ? tail : instance_type_name(t);
}

static void dp_number(FILE *out, double d) {
  char buf[40];
  runtime_double_to_cstring(d, buf);
  fputs(buf, out);
}

/* Whether word i of o is a tagged slot (the map word, a TAGGED/SMI header field, or a
 * tagged tail or in-object word), per the body table objects/body.c derives from the
 * layouts. */
static bool dp_slot_is_tagged(Tagged o, int64_t i) {
  const BodyDescriptor *d = &kBodyDescriptors[heap_object_type(o)];
  if (i < d->header_words) return i == 0 || ((d->tagged_mask >> i) & 1) != 0;
  return d->body == BODY_TAGGED_TAIL || d->body == BODY_JS;
}

static bool dp_tail_is_tagged(Tagged o) {
  return kBodyDescriptors[heap_object_type(o)].body == BODY_TAGGED_TAIL;
}

/* ---- brief ------------------------------------------------------------------------------ */

static void dp_brief_map(FILE *out, Tagged map) {
  InstanceType t = map_instance_type(map);
  fprintf(out, "<Map[%zu](%s)>", map_instance_size(map),
          t >= FIRST_JS_RECEIVER_TYPE ? elements_kind_name((ElementsKind)map_elements_kind(map))
                                      : instance_type_name(t));
}

static void dp_brief_js(Isolate *iso, FILE *out, Tagged o, InstanceType t) {
  if (t == JS_ARRAY_TYPE) {
    fprintf(out, "<JSArray[%" PRIu32 "]>", js_array_length_value(o));
  } else if (t == JS_FUNCTION_TYPE) {
    Tagged name = sfi_name(js_function_shared(o));
    fputs("<JSFunction", out);
    if (is_string(name) && seq_string_length(name) > 0) { fputc(' ', out); dp_string_chars(out, name); }
    fputc('>', out);
  } else if (t == JS_OBJECT_TYPE) {
    fputs("<Object map = ", out);
    dp_ptr(out, heap_object_map(o));
    fputc('>', out);
  } else {
    fprintf(out, "<%s>", instance_type_name(t));
  }
  KILN_UNUSED(iso);
}

void debug_print_brief(Isolate *iso, Tagged v, FILE *out) {
  if (is_smi(v)) { fprintf(out, "%" PRId32, smi_value(v)); return; }
  InstanceType t = heap_object_type(v);
  const char *tail = dp_tail_name(t);
  if (t <= LAST_STRING_TYPE) {
    fprintf(out, "<String[%" PRId64 "]: %s", seq_string_length(v),
            string_is_internalized(v) ? "#" : "");
    dp_string_chars(out, v);
    fputc('>', out);
  } else if (t == SYMBOL_TYPE) {
    fputs("<Symbol", out);
    if (is_string(symbol_description(v))) { fputs(": ", out); dp_string_chars(out, symbol_description(v)); }
    fputc('>', out);
  } else if (t == HEAP_NUMBER_TYPE) {
    fputs("<HeapNumber ", out);
    dp_number(out, heap_number_value(v));
    fputc('>', out);
  } else if (t == ODDBALL_TYPE) {
    fputc('<', out);
    if (v == ROOT(iso, the_hole_value)) fputs("the_hole", out);
    else dp_string_chars(out, oddball_to_string(v));
    fputc('>', out);
  } else if (t == MAP_TYPE) {
    dp_brief_map(out, v);
  } else if (tail) {
    fprintf(out, "<%s[%" PRId64 "]>", tail, fixed_array_length(v));
  } else if (t >= FIRST_JS_RECEIVER_TYPE) {
    dp_brief_js(iso, out, v, t);
  } else {
    fprintf(out, "<%s>", instance_type_name(t));
  }
}

/* " - name: 0x... <brief>\n" */
static void dp_field(Isolate *iso, FILE *out, const char *name, Tagged v) {
  fprintf(out, " - %s: ", name);
  if (is_heap_object(v)) { dp_ptr(out, v); fputc(' ', out); }
  debug_print_brief(iso, v, out);
  fputc('\n', out);
}

/* The word's encoding, as seed 001 explains it. */
static void dp_tagged_word(FILE *out, Tagged v) {
  fputs(" - tagged word: ", out);
  dp_word(out, v);
  if (is_smi(v)) {
    fprintf(out, " (Smi %" PRId32 ": value in the upper 32 bits, low bit 0)\n", smi_value(v));
  } else {
    fputs(" (heap object: address ", out);
    dp_ptr(out, heap_object_address(v));
    fputs(" + tag 1, low bit 1)\n", out);
  }
}

/* ---- elements and properties ------------------------------------------------------------ */

/* One element line: index, raw word, decoded. */
static void dp_element(Isolate *iso, FILE *out, int64_t i, Tagged v) {
  fprintf(out, "    %4" PRId64 ": ", i);
  dp_word(out, v);
  fputs("  ", out);
  debug_print_brief(iso, v, out);
  fputc('\n', out);
}

/* Entries one a line; a run of equal words (the holes past the end) as one "i-j:" line. */
static void dp_fixed_array_entries(Isolate *iso, FILE *out, Tagged a) {
  int64_t n = fixed_array_length(a);
  for (int64_t i = 0, lines = 0; i < n; lines++) {
    if (lines == kMaxPrintedElements) { fprintf(out, "    ... %" PRId64 " more\n", n - i); return; }
    Tagged v = fixed_array_get(a, i);
    int64_t j = i + 1;
    while (j < n && fixed_array_get(a, j) == v) j++;
    if (j - i > 1) {
      fprintf(out, "    %" PRId64 "-%" PRId64 ": ", i, j - 1);
      dp_word(out, v);
      fputs("  ", out);
      debug_print_brief(iso, v, out);
      fputc('\n', out);
    } else {
      dp_element(iso, out, i, v);
    }
    i = j;
  }
}

static void dp_double_entries(FILE *out, Tagged a) {
  int64_t n = fixed_array_length(a);
  for (int64_t i = 0; i < n && i < kMaxPrintedElements; i++) {
    uint64_t bits;
    memcpy(&bits, &fixed_double_array_data(a)[i], sizeof bits);
    fprintf(out, "    %4" PRId64 ": 0x%016" PRIx64 "  ", i, bits);
    if (bits == FIXED_DOUBLE_HOLE_NAN_BITS) fputs("<the_hole>", out);
    else dp_number(out, fixed_double_array_data(a)[i]);
    fputc('\n', out);
  }
  if (n > kMaxPrintedElements) fprintf(out, "    ... %" PRId64 " more\n", n - kMaxPrintedElements);
}

static void dp_dictionary_entries(Isolate *iso, FILE *out, Tagged d) {
  for (int e = 0, n = dictionary_capacity(d); e < n; e++) {
    if (!dictionary_is_live_entry(iso, d, e)) continue;
    PropertyDetails det = dictionary_details_at(d, e);
    fputs("    ", out);
    dp_key(iso, out, dictionary_key_at(d, e));
    fputs(": ", out);
    Tagged v = dictionary_value_at(d, e);
    if (is_heap_object(v)) { dp_ptr(out, v); fputc(' ', out); }
    debug_print_brief(iso, v, out);
    fprintf(out, " (%s, dictionary entry %d, enumeration index %u, raw word ",
            property_details_kind(det) == PROPERTY_DATA ? "data" : "accessor", e,
            property_details_index(det));
    dp_word(out, v);
    fputs(")\n", out);
  }
}

static void dp_elements(Isolate *iso, FILE *out, Tagged o) {
  Tagged e = js_object_elements(o);
  ElementsKind kind = (ElementsKind)map_elements_kind(heap_object_map(o));
  fputs(" - elements: ", out);
  dp_ptr(out, e);
  fputc(' ', out);
  debug_print_brief(iso, e, out);
  fprintf(out, " [%s]", elements_kind_name(kind));
  if (is_fixed_array(e) && fixed_array_length(e) == 0) { fputc('\n', out); return; }
  fputs(" {\n", out);
  if (heap_object_type(e) == FIXED_DOUBLE_ARRAY_TYPE) dp_double_entries(out, e);
  else if (heap_object_type(e) == NUMBER_DICTIONARY_TYPE) dp_dictionary_entries(iso, out, e);
  else if (dp_tail_is_tagged(e)) dp_fixed_array_entries(iso, out, e);
  fputs(" }\n", out);
}

/* The value of field `index` of fast-mode object o, and where it lives. */
static Tagged dp_field_value(Tagged o, Tagged map, int index, char *where, size_t n) {
  int inobject = map_inobject_properties(map);
  if (index < inobject) {
    size_t offset = map_inobject_start(map) + (size_t)index * kTaggedSize;
    snprintf(where, n, "in-object, word %zu", offset / kTaggedSize);
    return field_read(o, offset);
  }
  snprintf(where, n, "backing store [%d]", index - inobject);
  Tagged store = js_object_properties(o);
  int64_t slot = index - inobject;
  return slot < fixed_array_length(store) ? fixed_array_get(store, slot) : 0;
}

static void dp_fast_properties(Isolate *iso, FILE *out, Tagged o, Tagged map) {
  Tagged da = map_instance_descriptors(map);
  for (int i = 0, n = map_own_descriptors(map); i < n; i++) {
    PropertyDetails d = descriptor_array_details(da, i);
    fputs("    ", out);
    dp_key(iso, out, descriptor_array_key(da, i));
    fputs(": ", out);
    char where[64] = "descriptor";
    Tagged v = descriptor_array_value(da, i);
    if (property_details_location(d) == PROPERTY_FIELD) {
      v = dp_field_value(o, map, (int)property_details_index(d), where, sizeof where);
    }
    if (is_heap_object(v)) { dp_ptr(out, v); fputc(' ', out); }
    debug_print_brief(iso, v, out);
    fprintf(out, " (%s %s, %s, raw word ",
            property_details_kind(d) == PROPERTY_DATA ? "data" : "accessor",
            property_details_location(d) == PROPERTY_FIELD ? "field" : "constant", where);
    dp_word(out, v);
    fputs(")\n", out);
  }
}

static void dp_properties(Isolate *iso, FILE *out, Tagged o) {
  Tagged map = heap_object_map(o);
  Tagged p = js_object_properties(o);
  fputs(" - properties: ", out);
  dp_ptr(out, p);
  fputc(' ', out);
  debug_print_brief(iso, p, out);
  if (map_is_dictionary(map)) fputs(" (dictionary: slow properties)\n", out);
  else if (fixed_array_length(p) == 0) fputs(" (empty: no backing store)\n", out);
  else fputs(" (backing store: fast properties past the in-object ones)\n", out);
  fputs(" - All own properties (excluding elements): {\n", out);
  if (map_is_dictionary(map)) dp_dictionary_entries(iso, out, p);
  else dp_fast_properties(iso, out, o, map);
  fputs(" }\n", out);
}

/* ---- per kind --------------------------------------------------------------------------- */

static void dp_header(FILE *out, Tagged v) {
  fputs("DebugPrint: ", out);
  dp_ptr(out, v);
  fprintf(out, ": [%s]", dp_class_name(heap_object_type(v)));
  if (!page_is_young(heap_object_address(v))) fputs(" in OldSpace", out);
  fputc('\n', out);
}

static void dp_js_object(Isolate *iso, FILE *out, Tagged o) {
  Tagged map = heap_object_map(o);
  fputs(" - map: ", out);
  dp_ptr(out, map);
  fputc(' ', out);
  debug_print_brief(iso, map, out);
  fputs(map_is_dictionary(map) ? " [DictionaryProperties]\n" : " [FastProperties]\n", out);
  fprintf(out, " - instance type: %s\n", instance_type_name(map_instance_type(map)));
  dp_field(iso, out, "prototype", map_prototype(map));
  dp_elements(iso, out, o);
  if (is_js_array(o)) dp_field(iso, out, "length", js_array_length(o));
  dp_properties(iso, out, o);
  fputs("\n", out);
  debug_print_map(iso, map, out);
}

static void dp_heap_number(Isolate *iso, FILE *out, Tagged n) {
  double d = heap_number_value(n);
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  dp_field(iso, out, "map", heap_object_map(n));
  fputs(" - value: ", out);
  dp_number(out, d);
  fprintf(out, "\n - IEEE-754 bits: 0x%016" PRIx64 " (sign %d, exponent 0x%03x = 2^%d, "
          "mantissa 0x%013" PRIx64 ")\n", bits, (int)(bits >> 63), (unsigned)(bits >> 52) & 0x7ff,
          (int)((bits >> 52) & 0x7ff) - 1023, bits & ((UINT64_C(1) << 52) - 1));
}

static const char *dp_string_representation(Tagged s) {
  switch (heap_object_type(s)) {
    case INTERNALIZED_ONE_BYTE_STRING_TYPE: return "sequential one-byte, internalized";
    case INTERNALIZED_TWO_BYTE_STRING_TYPE: return "sequential two-byte, internalized";
    case SEQ_ONE_BYTE_STRING_TYPE: return "sequential one-byte";
    case SEQ_TWO_BYTE_STRING_TYPE: return "sequential two-byte";
    case CONS_ONE_BYTE_STRING_TYPE: return "cons (rope), one-byte";
    default: return "cons (rope), two-byte";
  }
}

static void dp_string(Isolate *iso, FILE *out, Tagged s) {
  dp_field(iso, out, "map", heap_object_map(s));
  fprintf(out, " - representation: %s\n", dp_string_representation(s));
  fprintf(out, " - length: %" PRId64 "\n", seq_string_length(s));
  uint64_t hash = seq_string_raw_hash(s);
  if (hash == 0) fputs(" - hash: (not computed yet)\n", out);
  else fprintf(out, " - hash: 0x%" PRIx64 "\n", hash);
  if (string_is_cons(s)) {
    dp_field(iso, out, "first", cons_string_first(s));
    dp_field(iso, out, "second", cons_string_second(s));
  }
  fputs(" - content: \"", out);
  dp_string_chars(out, s);
  fputs("\"\n", out);
}

static void dp_generic(Isolate *iso, FILE *out, Tagged o) {
  InstanceType t = heap_object_type(o);
  dp_field(iso, out, "map", heap_object_map(o));
  fprintf(out, " - instance type: %s\n", instance_type_name(t));
  if (t == ODDBALL_TYPE) {
    fputs(" - value: ", out);
    debug_print_brief(iso, o, out);
    fputc('\n', out);
  } else if (t == SYMBOL_TYPE) {
    dp_field(iso, out, "description", symbol_description(o));
  } else if (t == FIXED_DOUBLE_ARRAY_TYPE) {
    fprintf(out, " - length: %" PRId64 "\n", fixed_array_length(o));
    dp_double_entries(out, o);
  } else if (dp_tail_name(t) && dp_tail_is_tagged(o)) {
    fprintf(out, " - length: %" PRId64 "\n", fixed_array_length(o));
    dp_fixed_array_entries(iso, out, o);
  } else {
    debug_dump_memory(iso, o, (int64_t)(heap_object_size(o) / kTaggedSize), out);
  }
}

void debug_print(Isolate *iso, Tagged v, FILE *out) {
  if (is_smi(v)) {
    fprintf(out, "DebugPrint: Smi: 0x%" PRIx32 " (%" PRId32 ")\n", (uint32_t)smi_value(v),
            smi_value(v));
    dp_tagged_word(out, v);
    fflush(out);
    return;
  }
  InstanceType t = heap_object_type(v);
  if (t == MAP_TYPE) { debug_print_map(iso, v, out); fflush(out); return; }
  dp_header(out, v);
  dp_tagged_word(out, v);
  if (t >= FIRST_JS_RECEIVER_TYPE) dp_js_object(iso, out, v);
  else if (t == HEAP_NUMBER_TYPE) dp_heap_number(iso, out, v);
  else if (t <= LAST_STRING_TYPE) dp_string(iso, out, v);
  else dp_generic(iso, out, v);
  fflush(out);
}

/* ---- maps ------------------------------------------------------------------------------- */

static void dp_map_flags(FILE *out, Tagged map) {
  fputs(" - flags:", out);
  if (map_is_dictionary(map)) fputs(" dictionary_map", out);
  if (map_has_flag(map, MAP_IS_EXTENSIBLE)) fputs(" extensible", out);
  if (map_has_flag(map, MAP_IS_PROTOTYPE)) fputs(" prototype_map", out);
  if (map_has_flag(map, MAP_IS_CALLABLE)) fputs(" callable", out);
  if (map_has_flag(map, MAP_IS_CONSTRUCTOR)) fputs(" constructor", out);
  if (map_has_flag(map, MAP_IS_DEPRECATED)) fputs(" deprecated", out);
  if (map_is_slack_tracking(map)) fputs(" slack_tracking", out);
  fputc('\n', out);
}

static void dp_map_descriptors(Isolate *iso, FILE *out, Tagged map) {
  Tagged da = map_instance_descriptors(map);
  int n = map_own_descriptors(map);
  fprintf(out, " - instance descriptors #%d: ", n);
  dp_ptr(out, da);
  fputc(' ', out);
  debug_print_brief(iso, da, out);
  fputc('\n', out);
  for (int i = 0; i < n; i++) {
    PropertyDetails d = descriptor_array_details(da, i);
    unsigned attrs = property_details_attributes(d);
    fprintf(out, "    [%d] ", i);
    dp_key(iso, out, descriptor_array_key(da, i));
    if (property_details_location(d) == PROPERTY_FIELD) {
      fprintf(out, ": data field %u", property_details_index(d));
    } else {
      fputs(": constant ", out);
      debug_print_brief(iso, descriptor_array_value(da, i), out);
    }
    fprintf(out, ", attrs: [%c%c%c]\n", attrs & READ_ONLY ? '_' : 'W',
            attrs & DONT_ENUM ? '_' : 'E', attrs & DONT_DELETE ? '_' : 'C');
  }
}

static void dp_map_transition(Isolate *iso, FILE *out, Tagged key, Tagged target) {
  fputs("    ", out);
  if (key == ROOT(iso, elements_transition_symbol)) {
    fprintf(out, "(elements kind %s)",
            elements_kind_name((ElementsKind)map_elements_kind(target)));
  } else {
    dp_key(iso, out, key);
  }
  fputs(" -> ", out);
  dp_ptr(out, target);
  fputc(' ', out);
  debug_print_brief(iso, target, out);
  fputc('\n', out);
}

static void dp_map_transitions(Isolate *iso, FILE *out, Tagged map) {
  Tagged t = map_transitions(map);
  int n = map_transition_count(iso, map);
  fprintf(out, " - transitions #%d%s\n", n, n ? ":" : "");
  if (is_map(t)) {
    Tagged key = map_own_descriptors(t) == map_own_descriptors(map)
                     ? ROOT(iso, elements_transition_symbol)
                     : descriptor_array_key(map_instance_descriptors(t), map_own_descriptors(t) - 1);
    dp_map_transition(iso, out, key, t);
    return;
  }
  for (int i = 0; i < n; i++) {
    dp_map_transition(iso, out, fixed_array_get(t, 2 * i), fixed_array_get(t, 2 * i + 1));
  }
}

void debug_print_map(Isolate *iso, Tagged map, FILE *out) {
  dp_ptr(out, map);
  fputs(": [Map]", out);
  if (!page_is_young(heap_object_address(map))) fputs(" in OldSpace", out);
  fputc('\n', out);
  dp_tagged_word(out, map);
  InstanceType t = map_instance_type(map);
  fprintf(out, " - type: %s\n", instance_type_name(t));
  fprintf(out, " - instance size: %zu bytes (%zu words)\n", map_instance_size(map),
          map_instance_size(map) / kTaggedSize);
  if (t < FIRST_JS_RECEIVER_TYPE) { fflush(out); return; }
  fprintf(out, " - inobject properties: %d\n", map_inobject_properties(map));
  fprintf(out, " - elements kind: %s\n",
          elements_kind_name((ElementsKind)map_elements_kind(map)));
  fprintf(out, " - fields: %d\n", map_number_of_fields(map));
  dp_map_flags(out, map);
  Tagged back = map_back_pointer(map);
  if (is_map(back)) dp_field(iso, out, "back pointer", back);
  else fputs(" - back pointer: <undefined> (a root map)\n", out);
  dp_map_descriptors(iso, out, map);
  dp_map_transitions(iso, out, map);
  dp_field(iso, out, "prototype", map_prototype(map));
  if (!is_map(back)) dp_field(iso, out, "constructor", back);
  fflush(out);
}

/* ---- memory dump ------------------------------------------------------------------------ */

/* What a word of o (word index i) decodes to, for debug_dump_memory. */
static void dp_decode_word(Isolate *iso, FILE *out, Tagged o, int64_t i, Tagged w) {
  bool tagged = dp_slot_is_tagged(o, i);
  if (!tagged) { fputs("raw", out); return; }
  if (is_smi(w)) { fprintf(out, "Smi %" PRId32, smi_value(w)); return; }
  fputs("pointer to ", out);
  debug_print_brief(iso, w, out);
}

void debug_dump_memory(Isolate *iso, Tagged o, int64_t words, FILE *out) {
  int64_t size = (int64_t)(heap_object_size(o) / kTaggedSize);
  if (words > size) words = size;
  fprintf(out, "%s at ", instance_type_name(heap_object_type(o)));
  dp_ptr(out, heap_object_address(o));
  fprintf(out, " (%" PRId64 " words, showing %" PRId64 "):\n", size, words);
  Tagged *base = (Tagged *)heap_object_address(o);
  for (int64_t i = 0; i < words; i++) {
    fprintf(out, "  %016" PRIxPTR "  ", (uintptr_t)(base + i));
    dp_word(out, base[i]);
    fputs("  ", out);
    dp_decode_word(iso, out, o, i, base[i]);
    fputc('\n', out);
  }
  fflush(out);
}
