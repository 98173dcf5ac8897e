/*
 * interpreter-internal.h: what the dispatch loop (interpreter.c) shares with its slow paths
 * (interpreter-ops.c, interpreter-calls.c) and the runtime functions that read frames.
 *
 * Every op_* function is the slow path of one bytecode (or a family). They run with the
 * frame's accumulator spilled to its slot (f->fp[kFrameAccumulator]) and the pc saved, and
 * they leave their result in that slot. They return false with an exception pending. The
 * dispatch loop opens a HandleScope around each call, so they make handles freely.
 */
#ifndef KILN_INTERPRETER_INTERPRETER_INTERNAL_H_
#define KILN_INTERPRETER_INTERPRETER_INTERNAL_H_

#include "execution/contexts.h"
#include "interpreter/bytecodes.h"
#include "objects/js-objects.h"
#include "interpreter/interpreter.h"
#include "runtime/runtime.h"

KILN_INLINE Handle frame_acc(JSFrame *f) { return (Handle){&f->fp[kFrameAccumulator]}; }
KILN_INLINE Handle frame_reg(JSFrame *f, int r) { return (Handle){&f->regs[r]}; }
KILN_INLINE Tagged frame_closure(const JSFrame *f) { return f->fp[kFrameClosure]; }
KILN_INLINE Tagged frame_context(const JSFrame *f) { return f->fp[kFrameContext]; }
KILN_INLINE Tagged frame_bytecode(const JSFrame *f) { return f->fp[kFrameBytecode]; }
KILN_INLINE Tagged frame_constant(const JSFrame *f, uint32_t i) {
  return fixed_array_get(bytecode_array_constant_pool(frame_bytecode(f)), i);
}
KILN_INLINE void frame_set_acc(JSFrame *f, Tagged v) { f->fp[kFrameAccumulator] = v; }
KILN_INLINE void frame_set_acc_h(JSFrame *f, Handle v) { f->fp[kFrameAccumulator] = H(v); }
KILN_INLINE const uint8_t *bytecode_array_start(Tagged bytecode) {
  return (const uint8_t *)field_slot(bytecode, BytecodeArray_kHeaderSize);
}
bool frame_is_strict(const JSFrame *f);

/* ---- globals, contexts, lookups (interpreter-ops.c) ---- */
bool op_lda_global(Isolate *iso, JSFrame *f, uint32_t name_idx, uint32_t slot, bool inside_typeof);
bool op_sta_global(Isolate *iso, JSFrame *f, uint32_t name_idx, uint32_t slot);
bool op_create_context(Isolate *iso, JSFrame *f, Tagged scope_info_raw, int slots,
                       int extension_reg, Bytecode kind);
bool op_lda_lookup(Isolate *iso, JSFrame *f, uint32_t name_idx, bool inside_typeof);
bool op_sta_lookup(Isolate *iso, JSFrame *f, uint32_t name_idx, bool strict);
bool op_lda_lookup_this(Isolate *iso, JSFrame *f, uint32_t name_idx);
bool op_delete_lookup(Isolate *iso, JSFrame *f, uint32_t name_idx);
/* A dynamic name's reference, resolved once and used later (ES2025 9.1.2.1 ResolveBinding,
 * then GetValue / PutValue after the right-hand side ran): the holder is the Context
 * whose slot binds name, the object of a with statement or sloppy eval var scope, or
 * undefined for the global environment. Each calls user code (with objects) and may throw
 * (empty Handle / false). */
Handle interpreter_resolve_binding(Isolate *iso, JSFrame *f, Handle name);
Handle interpreter_get_binding(Isolate *iso, JSFrame *f, Handle holder, Handle name);
bool interpreter_set_binding(Isolate *iso, JSFrame *f, Handle holder, Handle name,
                             Handle value, bool strict);

/* ---- properties ---- */
bool op_get_named(Isolate *iso, JSFrame *f, int reg, uint32_t name_idx, uint32_t slot);
bool op_set_named(Isolate *iso, JSFrame *f, int reg, uint32_t name_idx, uint32_t slot);
bool op_define_named(Isolate *iso, JSFrame *f, int reg, uint32_t name_idx, uint32_t slot);
bool op_get_keyed(Isolate *iso, JSFrame *f, int reg, uint32_t slot);
bool op_set_keyed(Isolate *iso, JSFrame *f, int obj_reg, int key_reg, uint32_t slot);
bool op_define_keyed(Isolate *iso, JSFrame *f, int obj_reg, int key_reg, int flag);
bool op_sta_in_array_literal(Isolate *iso, JSFrame *f, int obj_reg, int key_reg);
bool op_define_getter_setter(Isolate *iso, JSFrame *f, int obj, int key, int getter,
                             int setter, int flag);
bool op_super_get(Isolate *iso, JSFrame *f, Handle receiver, Handle key);
bool op_super_set(Isolate *iso, JSFrame *f, Handle home, Handle receiver, Handle key);
bool op_delete_property(Isolate *iso, JSFrame *f, int reg, bool strict);
bool op_private(Isolate *iso, JSFrame *f, Bytecode op, int obj_reg, int key_reg);

/* ---- operators and conversions ---- */
bool op_binary(Isolate *iso, JSFrame *f, RuntimeBinaryOp op, Handle left, Handle right);
/* The accumulator becomes the Number value (a Smi when it is one). May allocate. */
bool op_number_result(Isolate *iso, JSFrame *f, double value);
bool op_unary(Isolate *iso, JSFrame *f, RuntimeUnaryOp op);
bool op_compare(Isolate *iso, JSFrame *f, Bytecode op, int reg);
bool op_convert(Isolate *iso, JSFrame *f, Bytecode op);

/* ---- literals, closures, arguments, classes ---- */
bool op_create_literal(Isolate *iso, JSFrame *f, Bytecode op, uint32_t idx, uint32_t slot,
                       int flag);
bool op_clone_object(Isolate *iso, JSFrame *f, int reg);
bool op_create_closure(Isolate *iso, JSFrame *f, uint32_t idx);
bool op_create_arguments(Isolate *iso, JSFrame *f, Bytecode op);
bool op_create_class(Isolate *iso, JSFrame *f, int first_reg);
bool op_class_misc(Isolate *iso, JSFrame *f, Bytecode op, int reg, int flag);
bool op_copy_data_properties(Isolate *iso, JSFrame *f, int target, int source, int first,
                             int count);

/* ---- for-in and iteration ---- */
bool op_for_in_enumerate(Isolate *iso, JSFrame *f, int reg);
bool op_for_in_next(Isolate *iso, JSFrame *f, int receiver, int index, int list);
bool op_get_iterator(Isolate *iso, JSFrame *f, int reg);
bool op_iterator_next(Isolate *iso, JSFrame *f, int iterator, int next);
bool op_iterator_close(Isolate *iso, JSFrame *f, int iterator);

/* typeof value == TypeOfLiteral(flag) (TestTypeOf). Never allocates. */
bool interpreter_typeof_is(Isolate *iso, Tagged value, int flag);
/* Adds a private element to obj (TypeError when obj is not extensible; a Proxy stores it
 * itself). value: the field value or method, or an AccessorPair when accessor. */
bool interpreter_private_add(Isolate *iso, Handle obj, Handle key, Handle value,
                             int attributes, bool accessor);
/* A function's [[HomeObject]]: kept as a private-symbol property of the closure. */
bool interpreter_set_home_object(Isolate *iso, Handle closure, Handle home);
Tagged interpreter_home_object(Isolate *iso, Tagged closure);

/* ---- errors ---- */
bool op_throw_hole_error(Isolate *iso, JSFrame *f, Bytecode op, uint32_t idx);

/* ---- calls (interpreter-calls.c) ---- */
/* The Call* bytecodes: callee register, the first register of the list, its length;
 * with_receiver: list[0] is the receiver. */
bool op_call(Isolate *iso, JSFrame *f, int callee, int first, int count, bool with_receiver,
             bool spread);
bool op_call_direct_eval(Isolate *iso, JSFrame *f, int callee, int first, int count,
                         int position);
bool op_construct(Isolate *iso, JSFrame *f, int callee, int first, int count, bool spread);
bool op_super_call(Isolate *iso, JSFrame *f, int first, int count, bool spread);
bool op_call_runtime(Isolate *iso, JSFrame *f, int id, int first, int count);

/* Runs an interpreted frame that interpreter-calls.c has pushed. */
Tagged interpreter_run(Isolate *iso, JSFrame *f);
/* What interpreter_run returns when the frame ended in a proper tail call (op_tail_call):
 * the call waits in JSStack.tail_call for the frame's call_bytecode to run it. Never a
 * valid value (a heap pointer to address 8). */
#define kTailCall ((Tagged)(kHeapObjectTag + 8))
/* TailCall: *tail set when the frame must return kTailCall. */
bool op_tail_call(Isolate *iso, JSFrame *f, int callee, int first, int count, int flags,
                  bool *tail);

#endif /* KILN_INTERPRETER_INTERPRETER_INTERNAL_H_ */
