/*
 * interpreter.c: the dispatch loop. Computed-goto dispatch through a table generated from
 * BYTECODE_LIST (a bytecode without a handler label fails to compile). Handlers do the fast
 * paths inline (Smi arithmetic and comparisons, monomorphic IC hits, fast elements) and
 * call the op_* slow paths (interpreter-ops.c, interpreter-calls.c) for everything else.
 *
 * GC discipline: `acc` is a raw local. Before any call that may allocate, SYNC() spills it
 * to the frame's accumulator slot (a GC root) and saves pc (stack traces and handler
 * lookup read it); slow paths leave their result in the slot and the handler reloads it.
 * Registers live on the JS stack, so `regs` stays valid. The BytecodeArray is in old space
 * and never moves, so `pc` and `bytecode` may be held; the constant pool and feedback
 * vector are re-read from the frame each time.
 *
 * Operands: 1 byte each, or 2/4 after Wide/ExtraWide. `scale` is 1 except for the one
 * instruction after a prefix; the operand macros test it (always-predicted branch).
 */
#include "interpreter/interpreter.h"

#include <math.h>
#include <string.h>

#include "heap/factory.h"
#include "ic/ic.h"
#include "interpreter/bytecode-array-builder.h"
#include "interpreter/interpreter-generators.h"
#include "interpreter/interpreter-internal.h"
#include "objects/elements.h"
#include "objects/shared-function-info.h"
#include "objects/string.h"
#include "runtime/runtime-functions.h"

/* kOperands_<name>: the operand count of each bytecode, from the list. */
#define Reg 0
#define RegList 0
#define RegCount 0
#define Idx 0
#define Slot 0
#define Imm 0
#define UImm 0
#define Flag 0
#define Jmp 0
#define RtId 0
#define Depth 0
#define OPERAND_COUNT_OF(name, acc, ...) \
  kOperands_##name = sizeof((char[]){0, __VA_ARGS__}) - 1,
enum { BYTECODE_LIST(OPERAND_COUNT_OF) };
#undef OPERAND_COUNT_OF
#undef Reg
#undef RegList
#undef RegCount
#undef Idx
#undef Slot
#undef Imm
#undef UImm
#undef Flag
#undef Jmp
#undef RtId
#undef Depth

static KILN_NOINLINE uint32_t read_wide_u(const uint8_t *p, int scale) {
  if (scale == 2) return (uint32_t)p[0] | (uint32_t)p[1] << 8;
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static KILN_NOINLINE int32_t read_wide_s(const uint8_t *p, int scale) {
  if (scale == 2) return (int16_t)((uint32_t)p[0] | (uint32_t)p[1] << 8);
  return (int32_t)read_wide_u(p, 4);
}

#define UOP(i) \
  (KILN_LIKELY(scale == 1) ? (uint32_t)pc[1 + (i)] : read_wide_u(pc + 1 + (i) * scale, scale))
#define SOP(i)                                                   \
  (KILN_LIKELY(scale == 1) ? (int32_t)(int8_t)pc[1 + (i)]        \
                           : read_wide_s(pc + 1 + (i) * scale, scale))
#define REG(i) regs[SOP(i)]
#define CONST(i) fixed_array_get(bytecode_array_constant_pool(bytecode), (i))
#define FV (fp[kFrameFeedback])
#define CTX (fp[kFrameContext])
#define DISPATCH() goto *kDispatch[*pc]
#define NEXT(name)                        \
  do {                                    \
    pc += 1 + kOperands_##name * scale;   \
    scale = 1;                            \
    DISPATCH();                           \
  } while (0)
#define INSN_START() (scale == 1 ? pc : pc - 1)
#define JUMP_BY(offset)                   \
  do {                                    \
    pc = INSN_START() + (offset);         \
    scale = 1;                            \
    DISPATCH();                           \
  } while (0)
#define SYNC() (f->pc = pc, fp[kFrameAccumulator] = acc)
/* Runs a slow path (inside a HandleScope); on failure goes to the exception handler. */
#define SLOW(call)                                  \
  do {                                              \
    SYNC();                                         \
    handle_scope_open(iso, &slow_scope);            \
    bool slow_ok_ = (call);                         \
    handle_scope_close(&slow_scope);                \
    if (KILN_UNLIKELY(!slow_ok_)) goto exception;   \
    acc = fp[kFrameAccumulator];                    \
  } while (0)
#define TRUE_VALUE ROOT(iso, true_value)
#define FALSE_VALUE ROOT(iso, false_value)
#define UNDEFINED ROOT(iso, undefined_value)
#define BOOL(b) ((b) ? TRUE_VALUE : FALSE_VALUE)

bool frame_is_strict(const JSFrame *f) {
  return sfi_is_strict(js_function_shared(frame_closure(f)));
}

/* Smi fast paths of the binary operators: true with *out set when both are Smis and the
 * result is a Smi. */
KILN_INLINE bool smi_binary(RuntimeBinaryOp op, Tagged l, Tagged r, Tagged *out) {
  if (!is_smi(l) || !is_smi(r)) return false;
  int64_t a = smi_value(l), b = smi_value(r), v;
  switch (op) {
    case RT_OP_ADD: v = a + b; break;
    case RT_OP_SUB: v = a - b; break;
    case RT_OP_MUL:
      v = a * b;
      if (v == 0 && (a < 0 || b < 0)) return false; /* -0 */
      break;
    case RT_OP_DIV:
      if (b == 0 || a % b != 0 || (a == 0 && b < 0)) return false;
      v = a / b;
      break;
    case RT_OP_MOD:
      if (a < 0 || b <= 0) return false;
      v = a % b;
      break;
    case RT_OP_BIT_OR: v = (int32_t)(a | b); break;
    case RT_OP_BIT_XOR: v = (int32_t)(a ^ b); break;
    case RT_OP_BIT_AND: v = (int32_t)(a & b); break;
    case RT_OP_SHL: v = (int32_t)((uint32_t)a << (b & 31)); break;
    case RT_OP_SAR: v = (int32_t)a >> (b & 31); break;
    case RT_OP_SHR: v = (uint32_t)a >> (b & 31); break;
    default: return false;
  }
  if (!smi_is_valid(v)) return false;
  *out = smi_from_int((int32_t)v);
  return true;
}

/* The Number value of a Smi or HeapNumber in *out; false for anything else. */
KILN_INLINE bool number_value(Tagged v, double *out) {
  if (is_smi(v)) {
    *out = (double)smi_value(v);
    return true;
  }
  if (!is_heap_number(v)) return false;
  *out = heap_number_value(v);
  return true;
}

/* ES2025 6.1.6.1 Number::add, ::subtract, ::multiply, ::divide, ::remainder on two Numbers
 * (what the Smi path left: a HeapNumber operand or an overflow): true with *out set. */
KILN_INLINE bool number_binary(RuntimeBinaryOp op, Tagged l, Tagged r, double *out) {
  double a, b;
  if (!number_value(l, &a) || !number_value(r, &b)) return false;
  switch (op) {
    case RT_OP_ADD: *out = a + b; return true;
    case RT_OP_SUB: *out = a - b; return true;
    case RT_OP_MUL: *out = a * b; return true;
    case RT_OP_DIV: *out = a / b; return true;
    case RT_OP_MOD: *out = fmod(a, b); return true; /* C's fmod is Number::remainder */
    default: return false;
  }
}

/* Number relational comparison (ES2025 7.2.13 IsLessThan on Numbers): true with *out set
 * when both operands are Numbers. NaN compares false. */
KILN_INLINE bool number_compare(Bytecode op, Tagged l, Tagged r, bool *out) {
  double a, b;
  if (!number_value(l, &a) || !number_value(r, &b)) return false;
  switch (op) {
    case Bytecode_TestLessThan: *out = a < b; return true;
    case Bytecode_TestGreaterThan: *out = a > b; return true;
    case Bytecode_TestLessThanOrEqual: *out = a <= b; return true;
    case Bytecode_TestGreaterThanOrEqual: *out = a >= b; return true;
    default: return false;
  }
}

/* Fast keyed load: a Smi index into fast elements. */
KILN_INLINE bool fast_keyed_load(Isolate *iso, Tagged obj, Tagged key, Tagged *out) {
  if (!is_smi(key) || !is_heap_object(obj)) return false;
  InstanceType t = heap_object_type(obj);
  if (t != JS_ARRAY_TYPE && t != JS_OBJECT_TYPE) return false;
  int32_t i = smi_value(key);
  ElementsKind kind = js_object_elements_kind(obj);
  if (i < 0 || !elements_kind_is_fast(kind) || elements_kind_is_double(kind)) return false;
  Tagged elements = js_object_elements(obj);
  if (i >= fixed_array_length(elements)) return false;
  Tagged v = fixed_array_data(elements)[i];
  if (is_the_hole(iso, v)) return false;
  *out = v;
  return true;
}

/* Fast keyed load from double elements: a Smi index to an element that is not the hole.
 * Sets *out and returns true when the value is a Smi; returns true with *out = 0 and *d set
 * when it must be boxed (the caller allocates). */
KILN_INLINE bool fast_keyed_load_double(Tagged obj, Tagged key, Tagged *out, double *d) {
  if (!is_smi(key) || !is_heap_object(obj)) return false;
  InstanceType t = heap_object_type(obj);
  if (t != JS_ARRAY_TYPE && t != JS_OBJECT_TYPE) return false;
  int32_t i = smi_value(key);
  ElementsKind kind = js_object_elements_kind(obj);
  if (i < 0 || !elements_kind_is_double(kind)) return false;
  Tagged elements = js_object_elements(obj);
  if (i >= fixed_array_length(elements)) return false;
  double v = fixed_double_array_data(elements)[i];
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  if (bits == FIXED_DOUBLE_HOLE_NAN_BITS) return false;
  *out = 0;
  *d = v;
  if (v >= KILN_SMI_MIN && v <= KILN_SMI_MAX && v == (double)(int32_t)v &&
      !(v == 0 && signbit(v))) {
    *out = smi_from_int((int32_t)v);
  }
  return true;
}

/* Whether the prototype chain of an array has no elements (so storing into a hole
 * cannot meet an inherited setter or read-only element): the common
 * [] -> Array.prototype -> Object.prototype -> null. */
KILN_INLINE bool chain_has_no_elements(Isolate *iso, Tagged map) {
  Tagged empty = ROOT(iso, empty_fixed_array);
  for (int depth = 0; depth < 3; depth++) {
    Tagged proto = map_prototype(map);
    if (proto == ROOT(iso, null_value)) return true;
    if (!is_heap_object(proto) || heap_object_type(proto) > JS_ARRAY_TYPE ||
        js_object_elements(proto) != empty) {
      return false;
    }
    map = heap_object_map(proto);
  }
  return false;
}

/* Whether a store of the element at i (a hole of obj's fast elements) may append it: obj
 * is an extensible array of length i, its length writable, nothing on its chain with
 * elements. Then the length grows by one. */
KILN_INLINE bool fast_append(Isolate *iso, Tagged obj, Tagged map, int32_t i) {
  if (heap_object_type(obj) != JS_ARRAY_TYPE || js_array_length(obj) != smi_from_int(i) ||
      !map_has_flag(map, MAP_IS_EXTENSIBLE) || map_has_flag(map, MAP_HAS_READ_ONLY_LENGTH) ||
      !chain_has_no_elements(iso, map)) {
    return false;
  }
  js_array_set_length(obj, smi_from_int(i + 1));
  return true;
}

/* Fast keyed store of a Number into double elements, unboxed (NaNs canonicalised, so no
 * value reads as the hole). */
KILN_INLINE bool fast_keyed_store_double(Isolate *iso, Tagged obj, Tagged key, Tagged value) {
  if (!is_smi(key) || !is_heap_object(obj)) return false;
  InstanceType t = heap_object_type(obj);
  if (t != JS_ARRAY_TYPE && t != JS_OBJECT_TYPE) return false;
  int32_t i = smi_value(key);
  Tagged map = heap_object_map(obj);
  double v;
  if (i < 0 || !elements_kind_is_double((ElementsKind)map_elements_kind(map)) ||
      !number_value(value, &v)) {
    return false;
  }
  Tagged elements = js_object_elements(obj);
  if (i >= fixed_array_length(elements)) return false;
  double *slot = fixed_double_array_data(elements) + i;
  uint64_t bits;
  memcpy(&bits, slot, sizeof bits);
  if (bits == FIXED_DOUBLE_HOLE_NAN_BITS && !fast_append(iso, obj, map, i)) return false;
  *slot = v != v ? NAN : v;
  return true;
}

/* Fast keyed store: overwrite an existing element of fast elements, or append to an
 * array with spare capacity. */
KILN_INLINE bool fast_keyed_store(Isolate *iso, Tagged obj, Tagged key, Tagged value) {
  if (!is_smi(key) || !is_heap_object(obj)) return false;
  InstanceType t = heap_object_type(obj);
  if (t != JS_ARRAY_TYPE && t != JS_OBJECT_TYPE) return false;
  int32_t i = smi_value(key);
  Tagged map = heap_object_map(obj);
  ElementsKind kind = (ElementsKind)map_elements_kind(map);
  if (i < 0 || kind > HOLEY_ELEMENTS || elements_kind_is_double(kind)) return false;
  if (elements_kind_is_smi(kind) && !is_smi(value)) return false;
  Tagged elements = js_object_elements(obj);
  if (i >= fixed_array_length(elements)) return false;
  Tagged *slot = fixed_array_data(elements) + i;
  /* Appending at length: stays packed; the length grows by one. */
  if (is_the_hole(iso, *slot) && !fast_append(iso, obj, map, i)) return false;
  *slot = value;
  heap_write_barrier(elements, slot, value);
  return true;
}

Tagged interpreter_run(Isolate *iso, JSFrame *f) {
#define LABEL_ADDRESS(name, ...) &&L_##name,
  static const void *const kDispatch[kBytecodeCount] = {BYTECODE_LIST(LABEL_ADDRESS)};
#undef LABEL_ADDRESS
  Tagged *const fp = f->fp;
  Tagged *const regs = f->regs;
  const Tagged bytecode = fp[kFrameBytecode];
  const uint8_t *const start = bytecode_array_start(bytecode);
  const uint8_t *pc = start;
  Tagged acc = UNDEFINED;
  int scale = 1;
  HandleScope slow_scope; /* one scope at a time, reused by every slow path (SLOW) */
  DISPATCH();

  /* ---- prefixes ---- */
L_Wide:
  scale = 2;
  pc++;
  DISPATCH();
L_ExtraWide:
  scale = 4;
  pc++;
  DISPATCH();

  /* ---- loading the accumulator ---- */
L_LdaZero: acc = smi_from_int(0); NEXT(LdaZero);
L_LdaSmi: acc = smi_from_int(SOP(0)); NEXT(LdaSmi);
L_LdaUndefined: acc = UNDEFINED; NEXT(LdaUndefined);
L_LdaNull: acc = ROOT(iso, null_value); NEXT(LdaNull);
L_LdaTheHole: acc = ROOT(iso, the_hole_value); NEXT(LdaTheHole);
L_LdaTrue: acc = TRUE_VALUE; NEXT(LdaTrue);
L_LdaFalse: acc = FALSE_VALUE; NEXT(LdaFalse);
L_LdaConstant: acc = CONST(UOP(0)); NEXT(LdaConstant);

  /* ---- registers ---- */
L_Ldar: acc = REG(0); NEXT(Ldar);
L_Star: REG(0) = acc; NEXT(Star);
L_Mov: REG(1) = REG(0); NEXT(Mov);

  /* ---- globals ---- */
L_LdaGlobal: {
  Tagged v;
  if (ic_load_global_hit(iso, FV, (int)UOP(1), CONST(UOP(0)), &v)) acc = v;
  else SLOW(op_lda_global(iso, f, UOP(0), UOP(1), false));
  NEXT(LdaGlobal);
}
L_LdaGlobalInsideTypeof: {
  Tagged v;
  if (ic_load_global_hit(iso, FV, (int)UOP(1), CONST(UOP(0)), &v)) acc = v;
  else SLOW(op_lda_global(iso, f, UOP(0), UOP(1), true));
  NEXT(LdaGlobalInsideTypeof);
}
L_StaGlobal:
  if (!ic_store_global_hit(iso, FV, (int)UOP(1), CONST(UOP(0)), acc)) {
    SLOW(op_sta_global(iso, f, UOP(0), UOP(1)));
  }
  NEXT(StaGlobal);

  /* ---- contexts ---- */
L_PushContext: REG(0) = CTX; CTX = acc; NEXT(PushContext);
L_PopContext: CTX = REG(0); NEXT(PopContext);
L_LdaContextSlot: {
  Tagged c = CTX;
  for (uint32_t d = UOP(1); d > 0; d--) c = context_previous(c);
  acc = context_get(c, UOP(0));
  NEXT(LdaContextSlot);
}
L_StaContextSlot: {
  Tagged c = CTX;
  for (uint32_t d = UOP(1); d > 0; d--) c = context_previous(c);
  context_set(c, UOP(0), acc);
  NEXT(StaContextSlot);
}
L_LdaCurrentContextSlot: acc = context_get(CTX, UOP(0)); NEXT(LdaCurrentContextSlot);
L_StaCurrentContextSlot: context_set(CTX, UOP(0), acc); NEXT(StaCurrentContextSlot);
L_CreateFunctionContext:
  SLOW(op_create_context(iso, f, CONST(UOP(0)), (int)UOP(1), 0, Bytecode_CreateFunctionContext));
  NEXT(CreateFunctionContext);
L_CreateBlockContext:
  SLOW(op_create_context(iso, f, CONST(UOP(0)), -1, 0, Bytecode_CreateBlockContext));
  NEXT(CreateBlockContext);
L_CreateCatchContext:
  SLOW(op_create_context(iso, f, CONST(UOP(1)), 1, SOP(0), Bytecode_CreateCatchContext));
  NEXT(CreateCatchContext);
L_CreateWithContext:
  SLOW(op_create_context(iso, f, CONST(UOP(1)), 0, SOP(0), Bytecode_CreateWithContext));
  NEXT(CreateWithContext);
L_CreateEvalContext:
  SLOW(op_create_context(iso, f, CONST(UOP(0)), (int)UOP(1), 0, Bytecode_CreateEvalContext));
  NEXT(CreateEvalContext);

  /* ---- dynamic lookups ---- */
L_LdaLookupSlot: SLOW(op_lda_lookup(iso, f, UOP(0), false)); NEXT(LdaLookupSlot);
L_LdaLookupSlotInsideTypeof:
  SLOW(op_lda_lookup(iso, f, UOP(0), true));
  NEXT(LdaLookupSlotInsideTypeof);
L_StaLookupSlot: SLOW(op_sta_lookup(iso, f, UOP(0), UOP(1) & 1)); NEXT(StaLookupSlot);
L_LdaLookupThis: SLOW(op_lda_lookup_this(iso, f, UOP(0))); NEXT(LdaLookupThis);
L_DeleteLookupSlot: SLOW(op_delete_lookup(iso, f, UOP(0))); NEXT(DeleteLookupSlot);

  /* ---- property access ---- */
L_GetNamedProperty: {
  Tagged obj = REG(0), v;
  if (ic_load_named_hit(FV, (int)UOP(2), obj, &v)) {
    acc = v;
  } else if (is_js_array(obj) && CONST(UOP(1)) == ROOT(iso, length_string)) {
    acc = js_array_length(obj);
  } else if (is_string(obj) && CONST(UOP(1)) == ROOT(iso, length_string)) {
    acc = smi_from_int((int32_t)string_length(obj));
  } else {
    SLOW(op_get_named(iso, f, SOP(0), UOP(1), UOP(2)));
  }
  NEXT(GetNamedProperty);
}
L_GetKeyedProperty: {
  Tagged v;
  double d;
  if (fast_keyed_load(iso, REG(0), acc, &v)) {
    acc = v;
  } else if (fast_keyed_load_double(REG(0), acc, &v, &d)) {
    if (v != 0) acc = v;
    else SLOW(op_number_result(iso, f, d));
  } else {
    SLOW(op_get_keyed(iso, f, SOP(0), UOP(1)));
  }
  NEXT(GetKeyedProperty);
}
L_SetNamedProperty:
  if (!ic_store_named_hit(FV, (int)UOP(2), REG(0), acc)) {
    SLOW(op_set_named(iso, f, SOP(0), UOP(1), UOP(2)));
  }
  NEXT(SetNamedProperty);
L_SetKeyedProperty:
  if (!fast_keyed_store(iso, REG(0), REG(1), acc) &&
      !fast_keyed_store_double(iso, REG(0), REG(1), acc)) {
    SLOW(op_set_keyed(iso, f, SOP(0), SOP(1), UOP(2)));
  }
  NEXT(SetKeyedProperty);
L_DefineNamedOwnProperty:
  if (!ic_store_named_hit(FV, (int)UOP(2), REG(0), acc)) {
    SLOW(op_define_named(iso, f, SOP(0), UOP(1), UOP(2)));
  }
  NEXT(DefineNamedOwnProperty);
L_DefineKeyedOwnProperty:
  SLOW(op_define_keyed(iso, f, SOP(0), SOP(1), (int)UOP(2)));
  NEXT(DefineKeyedOwnProperty);
L_StaInArrayLiteral:
  SLOW(op_sta_in_array_literal(iso, f, SOP(0), SOP(1)));
  NEXT(StaInArrayLiteral);
L_DefineGetterSetter:
  SLOW(op_define_getter_setter(iso, f, SOP(0), SOP(1), SOP(2), SOP(3), (int)UOP(4)));
  NEXT(DefineGetterSetter);
L_GetNamedPropertyFromSuper: {
  Tagged *key = &fixed_array_data(bytecode_array_constant_pool(bytecode))[UOP(1)];
  SLOW(op_super_get(iso, f, frame_reg(f, SOP(0)), (Handle){key}));
  NEXT(GetNamedPropertyFromSuper);
}
L_GetKeyedPropertyFromSuper:
  SLOW(op_super_get(iso, f, frame_reg(f, SOP(0)), frame_reg(f, SOP(1))));
  NEXT(GetKeyedPropertyFromSuper);
L_SetNamedPropertyToSuper: {
  Tagged *key = &fixed_array_data(bytecode_array_constant_pool(bytecode))[UOP(2)];
  SLOW(op_super_set(iso, f, frame_reg(f, SOP(0)), frame_reg(f, SOP(1)), (Handle){key}));
  NEXT(SetNamedPropertyToSuper);
}
L_SetKeyedPropertyToSuper:
  SLOW(op_super_set(iso, f, frame_reg(f, SOP(0)), frame_reg(f, SOP(1)), frame_reg(f, SOP(2))));
  NEXT(SetKeyedPropertyToSuper);
L_DeletePropertyStrict: SLOW(op_delete_property(iso, f, SOP(0), true)); NEXT(DeletePropertyStrict);
L_DeletePropertySloppy: SLOW(op_delete_property(iso, f, SOP(0), false)); NEXT(DeletePropertySloppy);

  /* ---- private names ---- */
L_GetPrivateField:
  SLOW(op_private(iso, f, Bytecode_GetPrivateField, SOP(0), SOP(1)));
  NEXT(GetPrivateField);
L_SetPrivateField:
  SLOW(op_private(iso, f, Bytecode_SetPrivateField, SOP(0), SOP(1)));
  NEXT(SetPrivateField);
L_DefinePrivateField:
  SLOW(op_private(iso, f, Bytecode_DefinePrivateField, SOP(0), SOP(1)));
  NEXT(DefinePrivateField);
L_TestPrivateIn:
  SLOW(op_private(iso, f, Bytecode_TestPrivateIn, SOP(0), 0));
  NEXT(TestPrivateIn);

  /* ---- binary operators ---- */
#define BINARY(name, op)                                                              \
  L_##name: {                                                                         \
    Tagged v;                                                                         \
    double d;                                                                         \
    if (smi_binary(op, REG(0), acc, &v)) {                                            \
      acc = v;                                                                        \
    } else if (number_binary(op, REG(0), acc, &d)) {                                  \
      ic_record_binary(FV, (int)UOP(1), REG(0), acc);                                 \
      SLOW(op_number_result(iso, f, d));                                              \
    } else {                                                                          \
      ic_record_binary(FV, (int)UOP(1), REG(0), acc);                                 \
      SLOW(op_binary(iso, f, op, frame_reg(f, SOP(0)), frame_acc(f)));                \
    }                                                                                 \
    NEXT(name);                                                                       \
  }
  BINARY(Add, RT_OP_ADD)
  BINARY(Sub, RT_OP_SUB)
  BINARY(Mul, RT_OP_MUL)
  BINARY(Div, RT_OP_DIV)
  BINARY(Mod, RT_OP_MOD)
  BINARY(Exp, RT_OP_EXP)
  BINARY(BitwiseOr, RT_OP_BIT_OR)
  BINARY(BitwiseXor, RT_OP_BIT_XOR)
  BINARY(BitwiseAnd, RT_OP_BIT_AND)
  BINARY(ShiftLeft, RT_OP_SHL)
  BINARY(ShiftRight, RT_OP_SAR)
  BINARY(ShiftRightLogical, RT_OP_SHR)
#undef BINARY
L_AddSmi: {
  Tagged v;
  if (smi_binary(RT_OP_ADD, acc, smi_from_int(SOP(0)), &v)) {
    acc = v;
  } else {
    Tagged imm = smi_from_int(SOP(0));
    SLOW(op_binary(iso, f, RT_OP_ADD, frame_acc(f), (Handle){&imm}));
  }
  NEXT(AddSmi);
}
L_SubSmi: {
  Tagged v;
  if (smi_binary(RT_OP_SUB, acc, smi_from_int(SOP(0)), &v)) {
    acc = v;
  } else {
    Tagged imm = smi_from_int(SOP(0));
    SLOW(op_binary(iso, f, RT_OP_SUB, frame_acc(f), (Handle){&imm}));
  }
  NEXT(SubSmi);
}

  /* ---- unary operators ---- */
L_Inc:
  if (is_smi(acc) && smi_value(acc) < KILN_SMI_MAX) acc = smi_from_int(smi_value(acc) + 1);
  else SLOW(op_unary(iso, f, RT_UNARY_INC));
  NEXT(Inc);
L_Dec:
  if (is_smi(acc) && smi_value(acc) > KILN_SMI_MIN) acc = smi_from_int(smi_value(acc) - 1);
  else SLOW(op_unary(iso, f, RT_UNARY_DEC));
  NEXT(Dec);
L_Negate:
  if (is_smi(acc) && smi_value(acc) != 0 && smi_value(acc) != KILN_SMI_MIN) {
    acc = smi_from_int(-smi_value(acc));
  } else {
    SLOW(op_unary(iso, f, RT_UNARY_NEG));
  }
  NEXT(Negate);
L_BitwiseNot:
  if (is_smi(acc)) acc = smi_from_int(~smi_value(acc));
  else SLOW(op_unary(iso, f, RT_UNARY_BIT_NOT));
  NEXT(BitwiseNot);
L_ToBooleanLogicalNot: acc = BOOL(!runtime_to_boolean(iso, acc)); NEXT(ToBooleanLogicalNot);
L_LogicalNot: acc = BOOL(acc == FALSE_VALUE); NEXT(LogicalNot);
L_TypeOf: acc = runtime_typeof(iso, acc); NEXT(TypeOf);

  /* ---- comparisons ---- */
L_TestEqual:
  if (is_smi(acc) && is_smi(REG(0))) acc = BOOL(acc == REG(0));
  else SLOW(op_compare(iso, f, Bytecode_TestEqual, SOP(0)));
  NEXT(TestEqual);
L_TestEqualStrict: acc = BOOL(runtime_strict_equals(REG(0), acc)); NEXT(TestEqualStrict);
#define RELATIONAL(name, cop)                                                         \
  L_##name: {                                                                         \
    bool b_;                                                                          \
    if (is_smi(acc) && is_smi(REG(0))) {                                              \
      acc = BOOL(smi_value(REG(0)) cop smi_value(acc));                               \
    } else if (number_compare(Bytecode_##name, REG(0), acc, &b_)) {                   \
      acc = BOOL(b_);                                                                 \
    } else {                                                                          \
      SLOW(op_compare(iso, f, Bytecode_##name, SOP(0)));                              \
    }                                                                                 \
    NEXT(name);                                                                       \
  }
  RELATIONAL(TestLessThan, <)
  RELATIONAL(TestGreaterThan, >)
  RELATIONAL(TestLessThanOrEqual, <=)
  RELATIONAL(TestGreaterThanOrEqual, >=)
#undef RELATIONAL
L_TestInstanceOf: SLOW(op_compare(iso, f, Bytecode_TestInstanceOf, SOP(0))); NEXT(TestInstanceOf);
L_TestIn: SLOW(op_compare(iso, f, Bytecode_TestIn, SOP(0))); NEXT(TestIn);
L_TestUndetectable:
  acc = BOOL(acc == UNDEFINED || acc == ROOT(iso, null_value) ||
             (is_heap_object(acc) && map_has_flag(heap_object_map(acc), MAP_IS_UNDETECTABLE)));
  NEXT(TestUndetectable);
L_TestNull: acc = BOOL(acc == ROOT(iso, null_value)); NEXT(TestNull);
L_TestUndefined: acc = BOOL(acc == UNDEFINED); NEXT(TestUndefined);
L_TestTypeOf: acc = BOOL(interpreter_typeof_is(iso, acc, (int)UOP(0))); NEXT(TestTypeOf);

  /* ---- conversions ---- */
L_ToName:
  if (!is_name(acc) || (is_string(acc) && !string_is_internalized(acc))) {
    SLOW(op_convert(iso, f, Bytecode_ToName));
  }
  NEXT(ToName);
L_ToNumber:
  if (!is_number(acc)) SLOW(op_convert(iso, f, Bytecode_ToNumber));
  NEXT(ToNumber);
L_ToNumeric:
  if (!is_number(acc)) SLOW(op_convert(iso, f, Bytecode_ToNumeric));
  NEXT(ToNumeric);
L_ToObject:
  if (!is_js_receiver(acc)) SLOW(op_convert(iso, f, Bytecode_ToObject));
  NEXT(ToObject);
L_ToString:
  if (!is_string(acc)) SLOW(op_convert(iso, f, Bytecode_ToString));
  NEXT(ToString);
L_ToBoolean: acc = BOOL(runtime_to_boolean(iso, acc)); NEXT(ToBoolean);

  /* ---- literals and closures ---- */
L_CreateRegExpLiteral:
  SLOW(op_create_literal(iso, f, Bytecode_CreateRegExpLiteral, UOP(0), UOP(1), (int)UOP(2)));
  NEXT(CreateRegExpLiteral);
L_CreateArrayLiteral:
  SLOW(op_create_literal(iso, f, Bytecode_CreateArrayLiteral, UOP(0), UOP(1), (int)UOP(2)));
  NEXT(CreateArrayLiteral);
L_CreateEmptyArrayLiteral:
  SLOW(op_create_literal(iso, f, Bytecode_CreateEmptyArrayLiteral, 0, UOP(0), 0));
  NEXT(CreateEmptyArrayLiteral);
L_CreateObjectLiteral:
  SLOW(op_create_literal(iso, f, Bytecode_CreateObjectLiteral, UOP(0), UOP(1), (int)UOP(2)));
  NEXT(CreateObjectLiteral);
L_CreateEmptyObjectLiteral:
  SLOW(op_create_literal(iso, f, Bytecode_CreateEmptyObjectLiteral, 0, 0, 0));
  NEXT(CreateEmptyObjectLiteral);
L_CloneObject: SLOW(op_clone_object(iso, f, SOP(0))); NEXT(CloneObject);
L_GetTemplateObject:
  SLOW(op_create_literal(iso, f, Bytecode_GetTemplateObject, UOP(0), UOP(1), 0));
  NEXT(GetTemplateObject);
L_CreateClosure: SLOW(op_create_closure(iso, f, UOP(0))); NEXT(CreateClosure);
L_CreateMappedArguments:
  SLOW(op_create_arguments(iso, f, Bytecode_CreateMappedArguments));
  NEXT(CreateMappedArguments);
L_CreateUnmappedArguments:
  SLOW(op_create_arguments(iso, f, Bytecode_CreateUnmappedArguments));
  NEXT(CreateUnmappedArguments);
L_CreateRestParameter:
  SLOW(op_create_arguments(iso, f, Bytecode_CreateRestParameter));
  NEXT(CreateRestParameter);

  /* ---- classes ---- */
L_CreateClass: SLOW(op_create_class(iso, f, SOP(0))); NEXT(CreateClass);
L_SetHomeObject: SLOW(op_class_misc(iso, f, Bytecode_SetHomeObject, SOP(0), 0)); NEXT(SetHomeObject);
L_SetFunctionName:
  SLOW(op_class_misc(iso, f, Bytecode_SetFunctionName, SOP(0), (int)UOP(1)));
  NEXT(SetFunctionName);
L_GetSuperConstructor:
  SLOW(op_class_misc(iso, f, Bytecode_GetSuperConstructor, SOP(0), 0));
  NEXT(GetSuperConstructor);
L_ThrowIfNotSuperConstructor:
  if (!runtime_is_constructor(REG(0))) {
    SLOW(op_class_misc(iso, f, Bytecode_ThrowIfNotSuperConstructor, SOP(0), 0));
  }
  NEXT(ThrowIfNotSuperConstructor);
L_CopyDataProperties:
  SLOW(op_copy_data_properties(iso, f, SOP(0), SOP(1), SOP(2), (int)UOP(3)));
  NEXT(CopyDataProperties);

  /* ---- calls ---- */
L_CallProperty:
  ic_record_call(iso, FV, (int)UOP(3), REG(0));
  SLOW(op_call(iso, f, SOP(0), SOP(1), (int)UOP(2), true, false));
  NEXT(CallProperty);
L_CallUndefinedReceiver:
  ic_record_call(iso, FV, (int)UOP(3), REG(0));
  SLOW(op_call(iso, f, SOP(0), SOP(1), (int)UOP(2), false, false));
  NEXT(CallUndefinedReceiver);
L_CallAnyReceiver:
  ic_record_call(iso, FV, (int)UOP(3), REG(0));
  SLOW(op_call(iso, f, SOP(0), SOP(1), (int)UOP(2), true, false));
  NEXT(CallAnyReceiver);
L_CallWithSpread:
  SLOW(op_call(iso, f, SOP(0), SOP(1), (int)UOP(2), true, true));
  NEXT(CallWithSpread);
L_CallDirectEval:
  SLOW(op_call_direct_eval(iso, f, SOP(0), SOP(1), (int)UOP(2), (int)UOP(3)));
  NEXT(CallDirectEval);
L_TailCall: {
  bool tail = false;
  SLOW(op_tail_call(iso, f, SOP(0), SOP(1), (int)UOP(2), (int)UOP(3), &tail));
  if (tail) return kTailCall;  /* call_bytecode runs the call the frame left behind */
  NEXT(TailCall);
}
L_Construct:
  ic_record_call(iso, FV, (int)UOP(3), REG(0));
  SLOW(op_construct(iso, f, SOP(0), SOP(1), (int)UOP(2), false));
  NEXT(Construct);
L_ConstructWithSpread:
  SLOW(op_construct(iso, f, SOP(0), SOP(1), (int)UOP(2), true));
  NEXT(ConstructWithSpread);
L_SuperCall: SLOW(op_super_call(iso, f, SOP(0), (int)UOP(1), false)); NEXT(SuperCall);
L_SuperCallWithSpread:
  SLOW(op_super_call(iso, f, SOP(0), (int)UOP(1), true));
  NEXT(SuperCallWithSpread);
L_CallRuntime:
  SLOW(op_call_runtime(iso, f, (int)UOP(0), SOP(1), (int)UOP(2)));
  NEXT(CallRuntime);

  /* ---- hole checks and early errors ---- */
L_ThrowReferenceErrorIfHole:
  if (KILN_UNLIKELY(is_the_hole(iso, acc))) {
    SLOW(op_throw_hole_error(iso, f, Bytecode_ThrowReferenceErrorIfHole, UOP(0)));
  }
  NEXT(ThrowReferenceErrorIfHole);
L_ThrowSuperNotCalledIfHole:
  if (KILN_UNLIKELY(is_the_hole(iso, acc))) {
    SLOW(op_throw_hole_error(iso, f, Bytecode_ThrowSuperNotCalledIfHole, 0));
  }
  NEXT(ThrowSuperNotCalledIfHole);
L_ThrowSuperAlreadyCalledIfNotHole:
  if (KILN_UNLIKELY(!is_the_hole(iso, acc))) {
    SLOW(op_throw_hole_error(iso, f, Bytecode_ThrowSuperAlreadyCalledIfNotHole, 0));
  }
  NEXT(ThrowSuperAlreadyCalledIfNotHole);
L_ThrowIfNotObject:
  if (KILN_UNLIKELY(!is_js_receiver(acc))) {
    SLOW(op_throw_hole_error(iso, f, Bytecode_ThrowIfNotObject, UOP(0)));
  }
  NEXT(ThrowIfNotObject);
L_ThrowConstAssignment:
  SLOW(op_throw_hole_error(iso, f, Bytecode_ThrowConstAssignment, UOP(0)));
  NEXT(ThrowConstAssignment);

  /* ---- control flow ---- */
L_Jump: JUMP_BY(SOP(0));
L_JumpLoop:
  /* The termination poll of every loop (isolate.h): one relaxed load per back-edge. */
  if (KILN_UNLIKELY(isolate_interrupt_requested(iso))) {
    SYNC();
    if (!isolate_handle_interrupts(iso)) goto exception;
  }
  JUMP_BY(SOP(0));
L_JumpIfTrue: if (acc == TRUE_VALUE) JUMP_BY(SOP(0)); NEXT(JumpIfTrue);
L_JumpIfFalse: if (acc == FALSE_VALUE) JUMP_BY(SOP(0)); NEXT(JumpIfFalse);
L_JumpIfToBooleanTrue:
  if (runtime_to_boolean(iso, acc)) JUMP_BY(SOP(0));
  NEXT(JumpIfToBooleanTrue);
L_JumpIfToBooleanFalse:
  if (!runtime_to_boolean(iso, acc)) JUMP_BY(SOP(0));
  NEXT(JumpIfToBooleanFalse);
L_JumpIfNull: if (acc == ROOT(iso, null_value)) JUMP_BY(SOP(0)); NEXT(JumpIfNull);
L_JumpIfNotNull: if (acc != ROOT(iso, null_value)) JUMP_BY(SOP(0)); NEXT(JumpIfNotNull);
L_JumpIfUndefined: if (acc == UNDEFINED) JUMP_BY(SOP(0)); NEXT(JumpIfUndefined);
L_JumpIfNotUndefined: if (acc != UNDEFINED) JUMP_BY(SOP(0)); NEXT(JumpIfNotUndefined);
L_JumpIfUndefinedOrNull:
  if (acc == UNDEFINED || acc == ROOT(iso, null_value)) JUMP_BY(SOP(0));
  NEXT(JumpIfUndefinedOrNull);
L_JumpIfNotUndefinedOrNull:
  if (acc != UNDEFINED && acc != ROOT(iso, null_value)) JUMP_BY(SOP(0));
  NEXT(JumpIfNotUndefinedOrNull);
L_JumpIfJSReceiver: if (is_js_receiver(acc)) JUMP_BY(SOP(0)); NEXT(JumpIfJSReceiver);
L_JumpIfNotHole: if (!is_the_hole(iso, acc)) JUMP_BY(SOP(0)); NEXT(JumpIfNotHole);
L_SwitchOnSmi:
  if (is_smi(acc)) {
    int64_t c = (int64_t)smi_value(acc) - SOP(2);
    if (c >= 0 && c < (int64_t)UOP(1)) JUMP_BY(smi_value(CONST(UOP(0) + (uint32_t)c)));
  }
  NEXT(SwitchOnSmi);

  /* ---- for-in ---- */
L_ForInEnumerate: SLOW(op_for_in_enumerate(iso, f, SOP(0))); NEXT(ForInEnumerate);
L_ForInPrepare: {
  Tagged *list = &REG(0);
  list[0] = smi_from_int(0);
  list[1] = acc;
  list[2] = smi_from_int((int32_t)fixed_array_length(acc));
  NEXT(ForInPrepare);
}
L_ForInNext: SLOW(op_for_in_next(iso, f, SOP(0), SOP(1), SOP(2))); NEXT(ForInNext);
L_ForInContinue: acc = BOOL(smi_value(REG(0)) < smi_value(REG(1))); NEXT(ForInContinue);
L_ForInStep: REG(0) = smi_from_int(smi_value(REG(0)) + 1); NEXT(ForInStep);

  /* ---- iteration ---- */
L_GetIterator: SLOW(op_get_iterator(iso, f, SOP(0))); NEXT(GetIterator);
L_GetAsyncIterator:
  SLOW(op_call_runtime(iso, f, Runtime_GetAsyncIterator, SOP(0), 1));
  NEXT(GetAsyncIterator);
L_IteratorNext: SLOW(op_iterator_next(iso, f, SOP(0), SOP(1))); NEXT(IteratorNext);
L_IteratorClose: SLOW(op_iterator_close(iso, f, SOP(0))); NEXT(IteratorClose);

  /* ---- exceptions and return ---- */
L_Throw:
L_ReThrow:
  SYNC();
  isolate_throw(iso, acc);
  goto exception;
L_SetPendingMessage: {
  Tagged old = iso->js_stack->pending_message;
  iso->js_stack->pending_message = acc;
  acc = old;
  NEXT(SetPendingMessage);
}
L_Return:
  return acc;

  /* ---- generators (interpreter-generators.c) ---- */
L_SuspendGenerator:
  SYNC();
  op_suspend_generator(iso, f, SOP(0), SOP(1), (int)UOP(2), (int)UOP(3));
  return acc;
L_ResumeGenerator:
  acc = op_resume_generator(iso, f, SOP(0), SOP(1), (int)UOP(2));
  NEXT(ResumeGenerator);
L_SwitchOnGeneratorState: {
  int target = op_switch_on_generator_state(iso, f, SOP(0), UOP(1), UOP(2));
  if (target >= 0) {
    pc = start + target;
    scale = 1;
    DISPATCH();
  }
  NEXT(SwitchOnGeneratorState);
}

  /* ---- misc ---- */
L_Debugger: NEXT(Debugger);
L_Nop: NEXT(Nop);
L_Illegal: FATAL("Illegal bytecode at offset %d", (int)(pc - start));

exception: {
  /* The innermost handler whose range covers this instruction (entries are innermost
   * first); none: the frame is done and the caller sees the exception. */
  f->pc = pc;
  Tagged table = bytecode_array_handler_table(bytecode);
  int offset = (int)(pc - start);
  int64_t n = is_fixed_array(table) ? fixed_array_length(table) : 0;
  for (int64_t i = 0; i + 3 < n; i += 4) {
    int32_t from = smi_value(fixed_array_get(table, i));
    int32_t to = smi_value(fixed_array_get(table, i + 1));
    if (offset < from || offset >= to) continue;
    acc = iso->pending_exception;
    if (isolate_exception_is_uncatchable(iso)) return kException; /* OOM, termination */
    isolate_clear_pending_exception(iso);
    int32_t context_register = smi_value(fixed_array_get(table, i + 3));
    CTX = context_register == kHandlerFunctionContext ? js_function_context(fp[kFrameClosure])
                                                      : regs[context_register];
    pc = start + smi_value(fixed_array_get(table, i + 2));
    scale = 1;
    DISPATCH();
  }
  return kException;
}
}
