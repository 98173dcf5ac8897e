/*
 * interpreter-generators.c: suspending and resuming interpreted frames (generators, async
 * functions, async generators). The protocol is described in objects/js-generator.h.
 *
 * A suspended frame costs no C stack and no JS stack: its parameters and registers live in
 * the generator object's parameters_and_registers FixedArray (laid out as
 * | param 0 | ... | param n-1 | reg 0 | ... | reg frame_size-1 |), made with the object, so
 * the collector sees and updates them like any other field.
 */
#include "interpreter/interpreter-generators.h"

#include "execution/execution.h"
#include "interpreter/interpreter-internal.h"
#include "objects/shared-function-info.h"

/* The number of parameter slots saved for gen (n in frames.h). */
static int saved_param_count(Tagged gen, Tagged bytecode) {
  Tagged saved = js_generator_object_parameters_and_registers(gen);
  return (int)(fixed_array_length(saved) - bytecode_array_frame_size(bytecode));
}

void op_suspend_generator(Isolate *iso, JSFrame *f, int gen_reg, int first, int count,
                          int suspend_id) {
  KILN_UNUSED(iso);
  Tagged gen = f->regs[gen_reg];
  Tagged saved = js_generator_object_parameters_and_registers(gen);
  int n = saved_param_count(gen, frame_bytecode(f));
  if (n != f->param_slots || first < 0 || n + first + count > fixed_array_length(saved)) {
    FATAL("SuspendGenerator: the save area does not match the frame");
  }
  for (int i = 0; i < n; i++) fixed_array_set(saved, i, *frame_param_slot(f, i));
  for (int r = first; r < first + count; r++) fixed_array_set(saved, n + r, f->regs[r]);
  js_generator_object_set_context(gen, frame_context(f));
  js_generator_object_set_continuation(gen, suspend_id);
}

Tagged op_resume_generator(Isolate *iso, JSFrame *f, int gen_reg, int first, int count) {
  Tagged gen = f->regs[gen_reg];
  Tagged saved = js_generator_object_parameters_and_registers(gen);
  int n = f->param_slots;
  Tagged undefined = ROOT(iso, undefined_value);
  for (int r = first; r < first + count; r++) {
    f->regs[r] = fixed_array_get(saved, n + r);
    fixed_array_set(saved, n + r, undefined); /* the frame owns them again */
  }
  f->regs[gen_reg] = gen;
  return js_generator_object_input_or_debug_pos(gen);
}

int op_switch_on_generator_state(Isolate *iso, JSFrame *f, int gen_reg, uint32_t table,
                                 uint32_t size) {
  Tagged gen = f->fp[kFrameNewTarget];
  if (!is_js_generator_object(gen)) {
    f->regs[gen_reg] = ROOT(iso, undefined_value);
    return -1;
  }
  f->fp[kFrameNewTarget] = ROOT(iso, undefined_value);
  f->regs[gen_reg] = gen;
  int64_t id = js_generator_object_continuation(gen);
  if (id < 0 || (uint64_t)id >= size) FATAL("SwitchOnGeneratorState: bad continuation");
  js_generator_object_set_continuation(gen, kGeneratorExecuting);
  return smi_value(frame_constant(f, table + (uint32_t)id));
}

/* Pushes gen's frame (parameters restored, registers undefined until ResumeGenerator) and
 * runs it. */
static Tagged resume_frame(Isolate *iso, Tagged *gen_slot) {
  JSStack *s = iso->js_stack;
  Tagged gen = *gen_slot, fn = js_generator_object_function(gen);
  Tagged bytecode = sfi_function_data(js_function_shared(fn));
  if (KILN_UNLIKELY(!execution_stack_ok(iso))) {
    frames_throw_stack_overflow(iso);
    return kException;
  }
  int n = saved_param_count(gen, bytecode);
  int frame_size = (int)bytecode_array_frame_size(bytecode);
  Tagged *saved_top = s->top;
  Tagged *fp = frames_reserve(iso, (size_t)(kFrameFixedSlots + n + 1 + frame_size));
  if (fp == NULL) return kException;
  Tagged undefined = ROOT(iso, undefined_value);
  Tagged saved = js_generator_object_parameters_and_registers(gen);
  fp[kFrameClosure] = fn;
  fp[kFrameContext] = js_generator_object_context(gen);
  fp[kFrameBytecode] = bytecode;
  fp[kFrameNewTarget] = gen;
  fp[kFrameAccumulator] = undefined;
  fp[kFrameFeedback] = js_function_feedback_vector(fn);
  fp[kFrameArgc] = smi_from_int(n);
  Tagged *params = fp + kFrameFixedSlots;
  for (int i = 0; i < n; i++) params[n - 1 - i] = fixed_array_get(saved, i);
  Tagged *regs = params + n + 1;
  regs[-1] = js_generator_object_receiver(gen);
  for (int r = 0; r < frame_size; r++) regs[r] = undefined;

  JSFrame frame = {s->current, fp, regs, NULL, n, n, false};
  s->current = &frame;
  s->depth++;
  Tagged saved_realm = iso->native_context;
  iso->native_context = interpreter_native_context_of(fp[kFrameContext]);
  Tagged result = interpreter_run(iso, &frame);
  iso->native_context = saved_realm;
  s->current = frame.caller;
  s->depth--;
  s->top = saved_top;
  return result;
}

Handle interpreter_generator_resume(Isolate *iso, Handle gen, Handle value,
                                    JSGeneratorResumeMode mode) {
  DCHECK(js_generator_is_suspended(H(gen)));
  js_generator_object_set_resume_mode(H(gen), mode);
  js_generator_object_set_input_or_debug_pos(H(gen), H(value));
  Tagged result = resume_frame(iso, gen.loc);
  js_generator_object_set_input_or_debug_pos(H(gen), ROOT(iso, undefined_value));
  /* A frame that returned or threw (rather than suspended) is done for good. */
  if (result == kException || js_generator_is_executing(H(gen))) {
    js_generator_object_set_continuation(H(gen), kGeneratorClosed);
  }
  return result == kException ? HANDLE_NULL : handle_new(iso, result);
}
