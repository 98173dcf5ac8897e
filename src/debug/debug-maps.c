/*
 * debug-maps.c: --trace-maps and --dump-maps (debug/debug-print.h): how hidden classes grow.
 *
 * --trace-maps prints, on stderr, one line per map objects/map.c makes:
 *   [TraceMaps: Transition from= 0x... to= 0x... name= color ]
 *   [TraceMaps: Transition from= 0x... to= 0x... elements= PACKED_DOUBLE_ELEMENTS ]
 *   [TraceMaps: CopyForDictionary from= 0x... to= 0x... ]
 *
 * --dump-maps=FILE writes, when the isolate is freed or when %DumpMaps() asks, a Graphviz
 * digraph of the maps made while JS code ran (marked MAP_IS_TRACED when made) and the
 * transition paths that lead to them from their root maps: one node per map (address,
 * instance type, in-object count, fields, elements kind; roots in bold) and one edge per
 * transition, labelled with the property name or the new elements kind. Maps the
 * bootstrapper made are left out unless on such a path. The heap is walked, so only live
 * maps appear.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "debug/debug-print.h"
#include "interpreter/frames.h"
#include "objects/map.h"
#include "objects/string.h"

enum { kMaxLabelChars = 40 };

/* A property name for a label: the characters of a string (DOT-escaped), or a symbol's
 * description in brackets. */
static void dm_name(Isolate *iso, FILE *out, Tagged key) {
  if (is_symbol(key)) {
    Tagged d = symbol_description(key);
    fputc('[', out);
    if (is_string(d)) dm_name(iso, out, d);
    fputc(']', out);
    return;
  }
  StringIterator it;
  StringView piece;
  int printed = 0;
  string_iterator_init(&it, key);
  while (printed < kMaxLabelChars && string_iterator_next(&it, &piece)) {
    for (int64_t i = 0; i < piece.length && printed < kMaxLabelChars; i++, printed++) {
      uint16_t c = string_view_get(piece, i);
      if (c == '"' || c == '\\') fputc('\\', out);
      if (c >= 0x20 && c < 0x7f) fputc(c, out);
      else fputc('?', out);
    }
  }
  string_iterator_dispose(&it);
}

/* The transition's label: the property name, or the elements kind it moved to. */
static void dm_transition_label(Isolate *iso, FILE *out, Tagged key, Tagged target) {
  if (key == ROOT(iso, elements_transition_symbol)) {
    fputs(elements_kind_name((ElementsKind)map_elements_kind(target)), out);
  } else {
    dm_name(iso, out, key);
  }
}

/* Maps made while JS code runs (not by the bootstrapper or the host setting up globals). */
static bool dm_js_is_running(Isolate *iso) {
  return iso->js_stack != NULL && iso->js_stack->current != NULL;
}

void debug_maps_trace(Isolate *iso, const char *reason, Tagged from, Tagged to, Tagged key) {
  if (!(iso->flags.trace_maps || iso->flags.dump_maps) || !dm_js_is_running(iso)) return;
  map_set_flag(to, MAP_IS_TRACED, true);
  if (!iso->flags.trace_maps) return;
  fflush(stdout);
  fprintf(stderr, "[TraceMaps: %s from= 0x%" PRIxPTR " to= 0x%" PRIxPTR, reason,
          (uintptr_t)from, (uintptr_t)to);
  if (key != 0 && key == ROOT(iso, elements_transition_symbol)) {
    fprintf(stderr, " elements= %s",
            elements_kind_name((ElementsKind)map_elements_kind(to)));
  } else if (key != 0) {
    fputs(" name= ", stderr);
    dm_name(iso, stderr, key);
  }
  fputs(" ]\n", stderr);
}

/* ---- the DOT file ---------------------------------------------------------------------- */

typedef struct {
  Isolate *iso;
  FILE *out;
} DumpState;

/* The key of the transition map --> target (as objects/map.c files it). */
static Tagged dm_key_of(Isolate *iso, Tagged target) {
  Tagged source = map_back_pointer(target);
  int nof = map_own_descriptors(target);
  if (!is_map(source) || nof == map_own_descriptors(source)) {
    return ROOT(iso, elements_transition_symbol);
  }
  return descriptor_array_key(map_instance_descriptors(target), nof - 1);
}

static void dm_node(DumpState *st, Tagged map) {
  int fields = map_number_of_fields(map);
  fprintf(st->out, "  m%" PRIxPTR " [label=\"0x%" PRIxPTR "\\n%s\\n%d in-object, %d field%s\\n%s%s\"",
          (uintptr_t)map, (uintptr_t)map, instance_type_name(map_instance_type(map)),
          map_inobject_properties(map), fields, fields == 1 ? "" : "s",
          elements_kind_name((ElementsKind)map_elements_kind(map)),
          map_is_dictionary(map) ? "\\ndictionary properties" : "");
  if (!is_map(map_back_pointer(map))) fputs(", style=bold", st->out);
  fputs("];\n", st->out);
}

/* Every map made while JS ran: a node, and the path of transitions from its root (strict
 * digraph: a node or edge written twice is drawn once). */
static void dm_visit(Tagged o, void *ctx) {
  DumpState *st = ctx;
  if (heap_object_type(o) != MAP_TYPE || !map_has_flag(o, MAP_IS_TRACED)) return;
  dm_node(st, o);
  for (Tagged m = o, back; is_map(back = map_back_pointer(m)); m = back) {
    dm_node(st, back);
    fprintf(st->out, "  m%" PRIxPTR " -> m%" PRIxPTR " [label=\"", (uintptr_t)back,
            (uintptr_t)m);
    dm_transition_label(st->iso, st->out, dm_key_of(st->iso, m), m);
    fputs("\"];\n", st->out);
  }
}

bool debug_maps_dump(Isolate *iso, const char *path) {
  FILE *out = fopen(path, "w");
  if (out == NULL) return false;
  fputs("strict digraph maps {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n", out);
  DumpState st = {iso, out};
  heap_iterate_objects(&iso->heap, dm_visit, &st);
  fputs("}\n", out);
  bool ok = !ferror(out);
  int saved = errno;
  if (fclose(out) != 0) ok = false;
  else errno = saved;
  return ok;
}
