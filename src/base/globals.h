/*
 * globals.h: the word sizes, the tagged-value type and the assertion macros that every
 * other file of Kiln includes.
 *
 * Kiln is a 64-bit engine. A tagged value is one machine word (seed 001):
 *
 *   Smi:         | 32-bit signed payload | 31 zero bits | 0 |
 *   HeapObject:  | address of the object (8-byte aligned)   | 1 |   (kHeapObjectTag)
 *
 * Everything that is not a Smi is a pointer to a heap object whose first word is its Map.
 */
#ifndef KILN_BASE_GLOBALS_H_
#define KILN_BASE_GLOBALS_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

_Static_assert(sizeof(void *) == 8, "Kiln needs a 64-bit target");

/* A raw tagged word. Raw tagged values must not be held across a call that may allocate:
 * the collector moves objects. Hold a Handle (handles/handles.h) instead. */
typedef uintptr_t Tagged;

enum {
  kTaggedSize = 8,
  kTaggedSizeLog2 = 3,
  kHeapObjectTag = 1,
  kHeapObjectTagMask = 1,
  kSmiShift = 32,
  kObjectAlignment = 8,
};

#define KILN_SMI_MAX INT32_MAX
#define KILN_SMI_MIN INT32_MIN

/* Internal symbols stay out of libkiln.so's dynamic symbol table. */
#define KILN_INTERNAL __attribute__((visibility("hidden")))
#define KILN_INLINE static inline __attribute__((always_inline))
#define KILN_NOINLINE __attribute__((noinline))
#define KILN_LIKELY(x) __builtin_expect(!!(x), 1)
#define KILN_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define KILN_UNUSED(x) ((void)(x))
#define KILN_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define KILN_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* A broken engine invariant (never bad input: bad input is an exception). Prints and aborts. */
_Noreturn void kiln_fatal(const char *file, int line, const char *fmt, ...) KILN_PRINTF(3, 4);
#define FATAL(...) kiln_fatal(__FILE__, __LINE__, __VA_ARGS__)
#define UNREACHABLE() FATAL("unreachable code")
#define CHECK(c) \
  do { if (KILN_UNLIKELY(!(c))) FATAL("check failed: %s", #c); } while (0)

#ifdef KILN_DEBUG
#define DCHECK(c) CHECK(c)
#else
#define DCHECK(c) ((void)0)
#endif

KILN_INLINE size_t round_up(size_t x, size_t align) { return (x + align - 1) & ~(align - 1); }

#endif /* KILN_BASE_GLOBALS_H_ */
