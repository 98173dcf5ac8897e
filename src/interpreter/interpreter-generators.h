/*
 * interpreter-generators.h: frames that suspend and resume (interpreter-generators.c): the
 * bodies of the SuspendGenerator, ResumeGenerator and SwitchOnGeneratorState bytecodes, and
 * resuming a suspended generator object from C (objects/js-generator.h explains the
 * protocol between them).
 */
#ifndef KILN_INTERPRETER_INTERPRETER_GENERATORS_H_
#define KILN_INTERPRETER_INTERPRETER_GENERATORS_H_

#include "interpreter/frames.h"
#include "objects/js-generator.h"

/* SuspendGenerator gen, regs first..first+count, suspend_id: saves the frame's parameters,
 * registers [first, first+count) and context into the generator object in register
 * gen_reg and records suspend_id. Never allocates (the save area was made with the
 * object); the dispatch loop then returns the accumulator from the frame. */
void op_suspend_generator(Isolate *iso, JSFrame *f, int gen_reg, int first, int count,
                          int suspend_id);
/* ResumeGenerator gen, regs: copies the saved registers back; returns the value sent by
 * the resumer (the new accumulator). Never allocates. */
Tagged op_resume_generator(Isolate *iso, JSFrame *f, int gen_reg, int first, int count);
/* SwitchOnGeneratorState gen, table, size: when the frame is a resumption (new.target holds
 * a generator object), stores the object in gen_reg, marks it executing and returns the
 * bytecode offset to jump to (constant table + continuation); otherwise stores undefined in
 * gen_reg and returns -1 (the first run: fall through). Never allocates. */
int op_switch_on_generator_state(Isolate *iso, JSFrame *f, int gen_reg, uint32_t table,
                                 uint32_t size);

/* Runs the suspended generator object gen (any of the three kinds) from its suspend point
 * with the given resume mode and sent value. The caller has checked that gen is suspended.
 * Returns what the frame gave back: the value it suspended with (the generator's
 * continuation is then >= 0 again) or the value it returned (the continuation is then
 * kGeneratorClosed). Empty with the exception pending when the body threw (closed too).
 * Runs any code. */
Handle interpreter_generator_resume(Isolate *iso, Handle gen, Handle value,
                                    JSGeneratorResumeMode mode);

#endif /* KILN_INTERPRETER_INTERPRETER_GENERATORS_H_ */
