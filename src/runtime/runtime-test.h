/*
 * runtime-test.h: the natives, V8's %Name(args) intrinsics for tests and for looking inside
 * the heap (runtime/runtime-test.c). The parser accepts `%Name(args)` only under
 * --allow-natives-syntax, and only for a name in NATIVES_LIST with the right argument count
 * (anything else is a SyntaxError); the call compiles to CallRuntime Runtime_Name, since
 * runtime/runtime-functions.h appends NATIVES_LIST to RUNTIME_FUNCTION_LIST.
 *
 * This header is read by the parser, so it names no heap type.
 */
#ifndef KILN_RUNTIME_RUNTIME_TEST_H_
#define KILN_RUNTIME_RUNTIME_TEST_H_

#include <stddef.h>

/* V(Name, argument count (-1: any)) */
#define NATIVES_LIST(V)                                                                 \
  V(DebugPrint, 1)        /* (v): prints v's tagged word and layout (debug/debug-print.h) \
                             on stdout; returns v */                                    \
  V(DebugDumpMemory, 2)   /* (heap object, words): a raw dump of its first words, each  \
                             decoded; returns undefined */                              \
  V(HaveSameMap, 2)       /* (a, b): true when both are heap objects with one Map */    \
  V(HasFastProperties, 1) /* (o): true unless o's properties are a dictionary */         \
  V(GetElementsKind, 1)   /* (o): "PACKED_SMI_ELEMENTS" ... (undefined for non-objects) */ \
  V(CollectGarbage, -1)   /* (): a full collection; returns undefined */                \
  V(DumpMaps, 0)          /* (): writes the map transition tree to the --dump-maps file \
                             now; returns true if written */

/* The RuntimeFunctionId of the native called name (len bytes, not NUL-terminated), with its
 * argument count in *argc (-1: any); -1 when there is no such native. */
int runtime_native_lookup(const char *name, size_t len, int *argc);

#endif /* KILN_RUNTIME_RUNTIME_TEST_H_ */
