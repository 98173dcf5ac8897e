/*
 * flags.h: the engine's flags, one list. Each isolate has its own copy (no global mutable
 * state); the shell parses them from the command line and embedders set them through
 * kiln_isolate_params. A flag `gc_interval` is written --gc-interval on the command line.
 */
#ifndef KILN_BASE_FLAGS_H_
#define KILN_BASE_FLAGS_H_

#include "base/globals.h"

/* V(type, name, default, help): type is BOOL, INT or STRING (a pointer to the argument's
 * text, which must outlive the isolate: the shell's argv does). */
#define FLAG_LIST(V)                                                                     \
  V(INT, gc_interval, 0, "force a GC every N allocations (1: before every allocation)")   \
  V(BOOL, stress_scavenge, false, "forced GCs are all scavenges (default: every 4th is full)") \
  V(BOOL, verify_heap, false, "check every slot and the remembered set around each GC")  \
  V(BOOL, zap, false, "poison from-space and popped handle slots")                       \
  V(BOOL, trace_gc, false, "print one line per GC: kind, sizes before -> after, ms")      \
  V(INT, heap_limit_mb, 0, "old-generation limit in MiB (0: the default, 1024)")         \
  V(INT, semi_space_pages, 0, "pages of 256 KiB per semispace (0: the default, 8)")        \
  V(BOOL, print_bytecode, false, "print the bytecode of every function the compiler makes") \
  V(BOOL, allow_natives_syntax, false, "accept %Name(...) runtime calls (%DebugPrint, ...)") \
  V(BOOL, trace_maps, false, "log map creation and transitions on stderr")                 \
  V(STRING, dump_maps, NULL, "write the map transition trees as Graphviz DOT to FILE at exit") \
  V(BOOL, print_regexp_code, false, "print the bytecode of every regular expression compiled")

#define FLAG_TYPE_BOOL bool
#define FLAG_TYPE_INT int64_t
#define FLAG_TYPE_STRING const char *

typedef struct {
#define V(type, name, def, help) FLAG_TYPE_##type name;
  FLAG_LIST(V)
#undef V
} Flags;

void flags_init_defaults(Flags *flags);

/* Parses one "--name", "--no-name" or "--name=value" argument. Returns false, with a
 * message in err (size errlen), if the argument is not a known flag or has a bad value. */
bool flags_parse_one(Flags *flags, const char *arg, char *err, size_t errlen);

/* Prints one line per flag: name, default and help. */
void flags_print_help(void *file);

#endif /* KILN_BASE_FLAGS_H_ */
