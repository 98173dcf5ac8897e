/*
 * debug-print.h: the heap seen from inside, as d8 shows it (seed 001): %DebugPrint,
 * %DebugDumpMemory, --trace-maps and --dump-maps (debug/debug-print.c, debug/debug-maps.c).
 *
 * Every value is printed with its tagged word, so the encoding of seed 001 is visible:
 *
 *   Smi 5          0x0000000500000000   payload in the upper 32 bits, low bit 0
 *   heap object    0x00007f0012345679   the object's address + 1 (kHeapObjectTag)
 *
 * and every heap object through its layout in objects/objects.h: a JSObject as
 * | map | properties | elements | in-object property 0 | ... |, its map's descriptors
 * naming the fields. None of these functions allocates, so none moves an object: they
 * may be called with raw Tagged values.
 */
#ifndef KILN_DEBUG_DEBUG_PRINT_H_
#define KILN_DEBUG_DEBUG_PRINT_H_

#include <stdio.h>

#include "execution/isolate.h"

/* %DebugPrint(v): a header line, the tagged word, then the fields of v's kind; for a
 * JS object also its map (printed as debug_print_map does). Never allocates. */
void debug_print(Isolate *iso, Tagged v, FILE *out);
/* A Map: type, instance size, in-object count, elements kind, descriptors, transitions,
 * back pointer, prototype. Never allocates. */
void debug_print_map(Isolate *iso, Tagged map, FILE *out);
/* V8's ShortPrint: "5", "<String[4]: #test>", "<Map[32](PACKED_ELEMENTS)>", ... */
void debug_print_brief(Isolate *iso, Tagged v, FILE *out);
/* A debugger's `dq`: the first `words` words of heap object o (at most its size), one a
 * line: address, raw word, what it decodes to. Never allocates. */
void debug_dump_memory(Isolate *iso, Tagged o, int64_t words, FILE *out);

/* ---- maps (debug/debug-maps.c) ---- */

/* --trace-maps: one line on stderr per map made by a transition or a copy while JS code
 * runs; under --trace-maps or --dump-maps the new map is also marked MAP_IS_TRACED.
 * reason: "Transition", "CopyForDictionary", "CopyWithPrototype", "Copy". key: the
 * transition's property name, elements_transition_symbol, or 0. Never allocates. */
void debug_maps_trace(Isolate *iso, const char *reason, Tagged from, Tagged to, Tagged key);
/* --dump-maps=FILE: writes the maps marked MAP_IS_TRACED, with the transition paths from
 * their roots, to path as a Graphviz digraph. false (errno set) when the file cannot be
 * written. Walks the heap; never allocates. */
bool debug_maps_dump(Isolate *iso, const char *path);

#endif /* KILN_DEBUG_DEBUG_PRINT_H_ */
