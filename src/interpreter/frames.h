/*
 * frames.h: the JS stack and the frames of the interpreter (interpreter/frames.c).
 *
 * The isolate owns one JSStack: a big array of Tagged slots (mmap'ed lazily, kJSStackSlots
 * of them) that holds every interpreted frame's fixed part, receiver, arguments and
 * registers. Its used part [base, top) is a GC root, so registers and the spilled
 * accumulator are updated when objects move; raw pointers *to slots* stay valid (the array
 * itself never moves). Builtins and runtime functions get Handles that point at slots.
 *
 * An interpreted frame on the JS stack (addresses grow to the right):
 *
 *   fp: | closure | context | bytecode | new.target | acc | feedback | argc |
 *       | param n-1 | ... | param 0 | receiver | reg 0 | reg 1 | ... | reg frame_size-1 |
 *                                              ^ regs
 *
 * n = max(actual argument count, formal parameter count): missing arguments are padded
 * with undefined, and the extra ones stay reachable for `arguments` and rest parameters.
 * So register r < 0 is regs[r]: -1 the receiver, -2 - i parameter i (bytecodes.h).
 *
 * Each activation also has a JSFrame struct on the C stack (the interpreter recurses in C
 * once per JS call) with what the collector need not see: the caller link, the pc of the
 * current instruction (saved before anything that may throw or call, for stack traces and
 * handler lookup), the argument count. JSStack.current is the innermost one.
 */
#ifndef KILN_INTERPRETER_FRAMES_H_
#define KILN_INTERPRETER_FRAMES_H_

#include "execution/isolate.h"

enum {
  kFrameClosure = 0,
  kFrameContext = 1,
  kFrameBytecode = 2,
  kFrameNewTarget = 3,
  kFrameAccumulator = 4,
  kFrameFeedback = 5,
  kFrameArgc = 6,
  kFrameFixedSlots = 7,
  kJSStackSlots = 1 << 20,       /* 8 MiB of slots, reserved lazily */
  kJSStackReserve = 1 << 10,     /* slots kept free for error objects after an overflow */
};

typedef struct JSFrame {
  struct JSFrame *caller;
  Tagged *fp;               /* the fixed part */
  Tagged *regs;             /* register 0 */
  const uint8_t *pc;        /* the current instruction (its opcode byte) when saved */
  int argc;                 /* the actual argument count */
  int param_slots;          /* n above */
  bool is_construct;        /* [[Construct]]: the return value gets 10.2.2 steps 8-12 */
} JSFrame;

typedef struct JSStack {
  Tagged *base, *limit, *top;   /* slots in use: [base, top) */
  JSFrame *current;             /* innermost interpreted frame, or NULL */
  Tagged pending_message;       /* SetPendingMessage's register (a GC root) */
  Tagged last_lookup_name;      /* the name the last LdaLookupSlot resolved, and the `this`  */
  Tagged last_lookup_this;      /* it implies (with object or undefined), so the LdaLookupThis
                                   of a call does not run the lookup (and its traps) again;
                                   GC roots, 0 when unset */
  Tagged home_object_symbol;    /* the private key of [[HomeObject]] (a GC root; 0 until
                                   first needed) */
  int depth;                    /* interpreted frames on the stack */
  Tagged *tail_call;            /* a proper tail call in flight: callee, receiver, arguments */
  int tail_call_length;         /* (slots above the returning frame; interpreter-calls.c) */
} JSStack;

/* Creates the isolate's JS stack (if needed) and installs the GC root and stack-trace
 * hooks and the C stack limit. Idempotent. false if memory is short. */
bool frames_setup(Isolate *iso);
/* Releases the isolate's JS stack. */
void frames_teardown(Isolate *iso);

KILN_INLINE JSStack *frames_stack(Isolate *iso) { return iso->js_stack; }

/* Reserves n slots on top of the JS stack, or NULL (and a RangeError pending) when the
 * stack is exhausted. The slots are not initialised: fill them before the next GC. */
Tagged *frames_reserve(Isolate *iso, size_t n);

/* The receiver and argument i of a frame. */
KILN_INLINE Tagged *frame_receiver_slot(const JSFrame *f) { return f->regs - 1; }
KILN_INLINE Tagged *frame_param_slot(const JSFrame *f, int i) { return f->regs - 2 - i; }

/* The source position of the instruction f is at (-1 if unknown). */
int frames_source_position(Isolate *iso, const JSFrame *f);

/* The current JS stack as text: one "    at name (file:line:column)" line per frame,
 * innermost first (iso->capture_stack_trace). May allocate. */
Handle frames_capture_stack_trace(Isolate *iso);

/* Throws "RangeError: Maximum call stack size exceeded". */
void frames_throw_stack_overflow(Isolate *iso);

#endif /* KILN_INTERPRETER_FRAMES_H_ */
