/*
 * bytecodes.h: the one list of Kiln's bytecodes (V8's Ignition design).
 *
 * The machine: an accumulator (acc) and a register file per frame. Most bytecodes take one
 * input in acc and leave their result there; the rest of their inputs are registers.
 *
 * Encoding: one opcode byte, then the operands. Every operand is 1 byte; after a Wide
 * prefix every operand of the next bytecode is 2 bytes, after ExtraWide 4 bytes (little
 * endian; Reg, Imm and Jmp operands are signed, the rest unsigned). The builder picks the
 * smallest scale that fits all operands of an instruction.
 *
 * Operand types:
 *   Reg      a register: r >= 0 is local register r; r < 0 is a parameter: -1 is the
 *            receiver (this), -2 - i is formal parameter i.
 *   RegList  the first of `RegCount` consecutive registers (the next operand is the count).
 *   RegCount the number of registers in the RegList before it.
 *   Idx      an index into the constant pool.
 *   Slot     a feedback slot index (each slot: the inline cache of one site).
 *   Imm      a signed immediate; UImm unsigned; Flag a small set of flags.
 *   Jmp      a signed byte offset, relative to the first byte of the jump instruction
 *            (its prefix when it has one).
 *   RtId     a RuntimeFunctionId (runtime/runtime.h).
 *   Depth    how many contexts up the chain (0 = the current context).
 *
 * Semantics below use: acc, r (a register operand), k[i] (constant i), ctx (the current
 * context), fv[slot] (the feedback slot). "throws" marks what can raise an exception;
 * anything that calls into JS (getters, valueOf, ...) can also throw.
 *
 * Frames may suspend (generators, async functions): SuspendGenerator saves the registers
 * into the generator object and ResumeGenerator restores them, so nothing here may keep
 * state in C locals across bytecodes beyond the frame's registers and acc.
 */
#ifndef KILN_INTERPRETER_BYTECODES_H_
#define KILN_INTERPRETER_BYTECODES_H_

#include <stdbool.h>
#include <stdint.h>

/* V(Name, accumulator use, operand types...): accumulator use is NONE, READ, WRITE or
 * READ_WRITE. */
#define BYTECODE_LIST(V)                                                                 \
  /* Prefixes */                                                                         \
  V(Wide, NONE)                          /* next instruction's operands are 2 bytes */    \
  V(ExtraWide, NONE)                     /* ... 4 bytes */                                \
  /* Loading the accumulator */                                                          \
  V(LdaZero, WRITE)                      /* acc = 0 */                                    \
  V(LdaSmi, WRITE, Imm)                  /* acc = Smi(imm) */                             \
  V(LdaUndefined, WRITE)                                                                 \
  V(LdaNull, WRITE)                                                                      \
  V(LdaTheHole, WRITE)                                                                   \
  V(LdaTrue, WRITE)                                                                      \
  V(LdaFalse, WRITE)                                                                     \
  V(LdaConstant, WRITE, Idx)             /* acc = k[idx] */                               \
  /* Registers */                                                                        \
  V(Ldar, WRITE, Reg)                    /* acc = r */                                    \
  V(Star, READ, Reg)                     /* r = acc */                                    \
  V(Mov, NONE, Reg, Reg)                 /* r2 = r1 */                                    \
  /* Globals: the global object, and the script context's let/const/class */             \
  V(LdaGlobal, WRITE, Idx, Slot)         /* acc = global name k[idx]; ReferenceError if   \
                                            absent (throws) */                            \
  V(LdaGlobalInsideTypeof, WRITE, Idx, Slot) /* same, but undefined if absent */          \
  V(StaGlobal, READ, Idx, Slot)          /* global name k[idx] = acc; strict code: a      \
                                            ReferenceError if absent (throws) */          \
  /* Contexts */                                                                         \
  V(PushContext, READ, Reg)              /* r = ctx; ctx = acc */                         \
  V(PopContext, NONE, Reg)               /* ctx = r */                                    \
  V(LdaContextSlot, WRITE, Idx, Depth)   /* acc = (ctx up depth)[idx] (Idx: slot) */      \
  V(StaContextSlot, READ, Idx, Depth)    /* (ctx up depth)[idx] = acc */                  \
  V(LdaCurrentContextSlot, WRITE, Idx)   /* acc = ctx[idx] */                             \
  V(StaCurrentContextSlot, READ, Idx)    /* ctx[idx] = acc */                             \
  V(CreateFunctionContext, WRITE, Idx, UImm) /* acc = new context (scope info k[idx],     \
                                            uimm slots, previous ctx) */                  \
  V(CreateBlockContext, WRITE, Idx)      /* acc = new context for scope info k[idx] */    \
  V(CreateCatchContext, WRITE, Reg, Idx) /* acc = catch context holding r, k[idx] */      \
  V(CreateWithContext, WRITE, Reg, Idx)  /* acc = with context over ToObject(r) (throws) */ \
  V(CreateEvalContext, WRITE, Idx, UImm) /* acc = context for a sloppy eval's vars */     \
  /* Dynamic name lookup (with, sloppy direct eval) */                                   \
  V(LdaLookupSlot, WRITE, Idx)           /* acc = resolve name k[idx] through ctx chain;  \
                                            ReferenceError if absent (throws) */          \
  V(LdaLookupSlotInsideTypeof, WRITE, Idx) /* same, undefined if absent */                \
  V(StaLookupSlot, READ_WRITE, Idx, Flag) /* name k[idx] = acc through the chain; flag 1: \
                                            strict (ReferenceError if absent) */          \
  V(LdaLookupThis, WRITE, Idx)           /* acc = the `this` of the object the name is    \
                                            found on: with-object or undefined (for calls)*/ \
  /* Property access (ICs: fv[slot] caches map -> offset) */                             \
  V(GetNamedProperty, WRITE, Reg, Idx, Slot)  /* acc = r[k[idx]] (throws) */              \
  V(GetKeyedProperty, READ_WRITE, Reg, Slot)  /* acc = r[acc] (throws) */                 \
  V(SetNamedProperty, READ, Reg, Idx, Slot)   /* r[k[idx]] = acc; strict: TypeError when  \
                                                 refused (throws); acc unchanged */        \
  V(SetKeyedProperty, READ, Reg, Reg, Slot)   /* r1[r2] = acc (throws) */                 \
  V(DefineNamedOwnProperty, READ, Reg, Idx, Slot) /* CreateDataProperty(r, k[idx], acc) */ \
  V(DefineKeyedOwnProperty, READ, Reg, Reg, Flag, Slot) /* CreateDataProperty(r1, r2,     \
                                                 acc); flag 1: SetFunctionName(acc, key) */ \
  V(StaInArrayLiteral, READ, Reg, Reg, Slot)  /* r1[r2] = acc as CreateDataProperty */     \
  V(DefineGetterSetter, NONE, Reg, Reg, Reg, Reg, Flag) /* on object r1, key r2: getter   \
                                                 r3, setter r4 (either may be undefined); \
                                                 flag 1: enumerable */                     \
  V(GetNamedPropertyFromSuper, READ_WRITE, Reg, Idx, Slot) /* acc = super[k[idx]] with    \
                                                 home object acc, receiver r */            \
  V(GetKeyedPropertyFromSuper, READ_WRITE, Reg, Reg) /* acc = super[r2], home acc,        \
                                                 receiver r1 */                           \
  V(SetNamedPropertyToSuper, READ, Reg, Reg, Idx) /* super[k[idx]] = acc, home r1,        \
                                                 receiver r2 */                           \
  V(SetKeyedPropertyToSuper, READ, Reg, Reg, Reg) /* super[r3] = acc, home r1, recv r2 */ \
  V(DeletePropertyStrict, READ_WRITE, Reg)    /* acc = delete r[acc]; TypeError when      \
                                                 refused (throws) */                      \
  V(DeletePropertySloppy, READ_WRITE, Reg)    /* acc = delete r[acc] (false when refused) */ \
  V(DeleteLookupSlot, WRITE, Idx)             /* acc = delete name k[idx] (sloppy) */      \
  /* Private names (#x): k[idx] or r is the private name symbol */                       \
  V(GetPrivateField, WRITE, Reg, Reg)         /* acc = r1.#r2; TypeError if absent */      \
  V(SetPrivateField, READ, Reg, Reg)          /* r1.#r2 = acc; TypeError if absent or     \
                                                 not writable */                          \
  V(DefinePrivateField, READ, Reg, Reg)       /* add r1.#r2 = acc; TypeError if present */ \
  V(TestPrivateIn, READ_WRITE, Reg)           /* acc = #r in acc (TypeError if acc is not \
                                                 an object) */                            \
  /* Binary operators: acc = r OP acc (throws: ToPrimitive, BigInt mixing) */            \
  V(Add, READ_WRITE, Reg, Slot)                                                          \
  V(Sub, READ_WRITE, Reg, Slot)                                                          \
  V(Mul, READ_WRITE, Reg, Slot)                                                          \
  V(Div, READ_WRITE, Reg, Slot)                                                          \
  V(Mod, READ_WRITE, Reg, Slot)                                                          \
  V(Exp, READ_WRITE, Reg, Slot)                                                          \
  V(BitwiseOr, READ_WRITE, Reg, Slot)                                                    \
  V(BitwiseXor, READ_WRITE, Reg, Slot)                                                   \
  V(BitwiseAnd, READ_WRITE, Reg, Slot)                                                   \
  V(ShiftLeft, READ_WRITE, Reg, Slot)                                                    \
  V(ShiftRight, READ_WRITE, Reg, Slot)                                                   \
  V(ShiftRightLogical, READ_WRITE, Reg, Slot)                                            \
  V(AddSmi, READ_WRITE, Imm, Slot)            /* acc = acc + imm */                       \
  V(SubSmi, READ_WRITE, Imm, Slot)            /* acc = acc - imm */                       \
  /* Unary operators */                                                                  \
  V(Inc, READ_WRITE, Slot)                    /* acc = ToNumeric(acc) + 1 */              \
  V(Dec, READ_WRITE, Slot)                                                               \
  V(Negate, READ_WRITE, Slot)                                                            \
  V(BitwiseNot, READ_WRITE, Slot)                                                        \
  V(ToBooleanLogicalNot, READ_WRITE)          /* acc = !ToBoolean(acc) */                 \
  V(LogicalNot, READ_WRITE)                   /* acc = !acc (acc is a boolean) */          \
  V(TypeOf, READ_WRITE)                       /* acc = typeof acc */                       \
  /* Comparisons: acc = r OP acc, a boolean */                                           \
  V(TestEqual, READ_WRITE, Reg, Slot)                                                    \
  V(TestEqualStrict, READ_WRITE, Reg, Slot)                                              \
  V(TestLessThan, READ_WRITE, Reg, Slot)                                                 \
  V(TestGreaterThan, READ_WRITE, Reg, Slot)                                              \
  V(TestLessThanOrEqual, READ_WRITE, Reg, Slot)                                          \
  V(TestGreaterThanOrEqual, READ_WRITE, Reg, Slot)                                       \
  V(TestInstanceOf, READ_WRITE, Reg, Slot)    /* acc = r instanceof acc (throws) */        \
  V(TestIn, READ_WRITE, Reg, Slot)            /* acc = r in acc (TypeError if acc is not  \
                                                 an object) */                            \
  V(TestUndetectable, READ_WRITE)             /* acc = acc == null */                      \
  V(TestNull, READ_WRITE)                     /* acc = acc === null */                     \
  V(TestUndefined, READ_WRITE)                /* acc = acc === undefined */                \
  V(TestTypeOf, READ_WRITE, Flag)             /* acc = typeof acc == TypeOfLiteral(flag) */ \
  /* Conversions */                                                                      \
  V(ToName, READ_WRITE)                       /* acc = ToPropertyKey(acc) (throws) */      \
  V(ToNumber, READ_WRITE, Slot)               /* acc = ToNumber(acc) (throws) */           \
  V(ToNumeric, READ_WRITE, Slot)              /* acc = ToNumeric(acc) (throws) */          \
  V(ToObject, READ_WRITE)                     /* acc = ToObject(acc) (TypeError) */        \
  V(ToString, READ_WRITE)                     /* acc = ToString(acc) (throws) */           \
  V(ToBoolean, READ_WRITE)                    /* acc = ToBoolean(acc) */                   \
  /* Literals and closures */                                                            \
  V(CreateRegExpLiteral, WRITE, Idx, Slot, Flag) /* acc = new RegExp(k[idx], flags) */     \
  V(CreateArrayLiteral, WRITE, Idx, Slot, Flag)  /* acc = a copy of boilerplate k[idx]    \
                                                    (a FixedArray of constant elements;   \
                                                    holes as the hole) */                 \
  V(CreateEmptyArrayLiteral, WRITE, Slot)     /* acc = [] */                               \
  V(CreateObjectLiteral, WRITE, Idx, Slot, Flag) /* acc = an object from boilerplate      \
                                                    k[idx] (FixedArray of name, value     \
                                                    pairs of constants) */               \
  V(CreateEmptyObjectLiteral, WRITE)          /* acc = {} */                               \
  V(CloneObject, WRITE, Reg, Flag, Slot)      /* acc = {...r} */                           \
  V(GetTemplateObject, WRITE, Idx, Slot)      /* acc = the cached template object for     \
                                                 description k[idx] (throws) */           \
  V(CreateClosure, WRITE, Idx, Slot, Flag)    /* acc = new closure of SFI k[idx] in ctx */ \
  V(CreateMappedArguments, WRITE)             /* acc = sloppy arguments object */          \
  V(CreateUnmappedArguments, WRITE)           /* acc = strict arguments object */          \
  V(CreateRestParameter, WRITE)               /* acc = array of the extra arguments */     \
  /* Classes */                                                                          \
  V(CreateClass, WRITE, RegList, RegCount)    /* acc = class constructor: r0 the          \
                                                 constructor closure, r1 the heritage    \
                                                 (or the hole); r0.prototype set up; the \
                                                 prototype object is left in r1 (throws)*/ \
  V(SetHomeObject, READ, Reg)                 /* acc (a method closure).home = r */        \
  V(SetFunctionName, READ, Reg, Flag)         /* SetFunctionName(acc, key r, flag: 0 none, \
                                                 1 "get", 2 "set") */                     \
  V(GetSuperConstructor, WRITE, Reg)          /* acc = r.[[GetPrototypeOf]]() */           \
  V(ThrowIfNotSuperConstructor, NONE, Reg)    /* TypeError unless r is a constructor */    \
  V(CopyDataProperties, NONE, Reg, Reg, RegList, RegCount) /* copy r2's own enumerable   \
                                                 props onto r1, except the keys in the   \
                                                 list (object rest) */                    \
  /* Calls: args are a RegList: receiver first for CallProperty/CallAnyReceiver */        \
  V(CallProperty, WRITE, Reg, RegList, RegCount, Slot) /* acc = r.call(list[0], list[1..])*/ \
  V(CallUndefinedReceiver, WRITE, Reg, RegList, RegCount, Slot) /* acc = r(list...) */    \
  V(CallAnyReceiver, WRITE, Reg, RegList, RegCount, Slot) /* like CallProperty */         \
  V(CallWithSpread, WRITE, Reg, RegList, RegCount, Slot) /* like CallProperty; the last   \
                                                 argument is iterated and spread */       \
  V(CallDirectEval, WRITE, Reg, RegList, RegCount, UImm) /* a call of the identifier eval:\
                                                 direct eval when r is %eval%; uimm:     \
                                                 source position * 2, + 1 when the last  \
                                                 argument is spread */                    \
  V(TailCall, WRITE, Reg, RegList, RegCount, Flag) /* `return r.call(list[0], list[1..])` \
                                                 in strict code (ES2025 15.10.3            \
                                                 PrepareForTailCall): an ordinary function \
                                                 replaces the frame (which returns); else a \
                                                 normal call (acc = result). flag 1: a     \
                                                 direct-eval site: %eval% gets list[1..]  \
                                                 as a direct eval */                       \
  V(Construct, READ_WRITE, Reg, RegList, RegCount, Slot) /* acc = new r(list...) with      \
                                                 new.target acc */                        \
  V(ConstructWithSpread, READ_WRITE, Reg, RegList, RegCount, Slot)                       \
  V(SuperCall, READ_WRITE, RegList, RegCount) /* acc = super(list...), acc the active     \
                                                 function; binds this (throws) */         \
  V(SuperCallWithSpread, READ_WRITE, RegList, RegCount)                                   \
  V(CallRuntime, WRITE, RtId, RegList, RegCount) /* acc = runtime function(list...) */    \
  /* `this`, new.target, home object (ordinary frames keep them in registers set by the  \
     generator; these throw for derived constructors) */                                 \
  V(ThrowReferenceErrorIfHole, READ, Idx)     /* TDZ: ReferenceError naming k[idx] */      \
  V(ThrowSuperNotCalledIfHole, READ)          /* `this` before super(): ReferenceError */  \
  V(ThrowSuperAlreadyCalledIfNotHole, READ)                                              \
  V(ThrowIfNotObject, READ, Idx)              /* TypeError (message k[idx]) unless acc is \
                                                 an object (iterator results) */          \
  V(ThrowConstAssignment, NONE, Idx)          /* TypeError: assignment to constant k[idx] */ \
  /* Control flow */                                                                     \
  V(Jump, NONE, Jmp)                                                                     \
  V(JumpLoop, NONE, Jmp)                      /* a back edge: checks interrupts / stack */ \
  V(JumpIfTrue, READ, Jmp)                    /* acc is a boolean */                       \
  V(JumpIfFalse, READ, Jmp)                                                              \
  V(JumpIfToBooleanTrue, READ, Jmp)                                                      \
  V(JumpIfToBooleanFalse, READ, Jmp)                                                     \
  V(JumpIfNull, READ, Jmp)                                                               \
  V(JumpIfNotNull, READ, Jmp)                                                            \
  V(JumpIfUndefined, READ, Jmp)                                                          \
  V(JumpIfNotUndefined, READ, Jmp)                                                       \
  V(JumpIfUndefinedOrNull, READ, Jmp)                                                    \
  V(JumpIfNotUndefinedOrNull, READ, Jmp)                                                 \
  V(JumpIfJSReceiver, READ, Jmp)                                                         \
  V(JumpIfNotHole, READ, Jmp)                                                            \
  V(SwitchOnSmi, READ, Idx, UImm, Imm)        /* jump table: k[idx..idx+uimm) are Smi    \
                                                 offsets; case acc - imm; else fall */    \
  /* for-in */                                                                           \
  V(ForInEnumerate, WRITE, Reg)               /* acc = the enumeration state of r (an enum \
                                                 cache from the map, or the key list) */  \
  V(ForInPrepare, READ, RegList, Slot)        /* from acc: list[0] = cache type, list[1] = \
                                                 keys array, list[2] = length (RegCount 3 \
                                                 implied: RegList names the first) */     \
  V(ForInNext, WRITE, Reg, Reg, RegList, Slot) /* acc = key #r2 of receiver r1 from the   \
                                                 prepared list, or undefined if deleted */ \
  V(ForInContinue, WRITE, Reg, Reg)           /* acc = r1 < r2 (index < length) */         \
  V(ForInStep, NONE, Reg)                     /* r = r + 1 */                             \
  /* Iteration protocol */                                                               \
  V(GetIterator, WRITE, Reg, Slot, Slot)      /* acc = r[Symbol.iterator]() checked to be \
                                                 an object (throws) */                    \
  V(GetAsyncIterator, WRITE, Reg, Slot)       /* (async iteration issue) */                \
  V(IteratorNext, WRITE, Reg, Reg, Slot)      /* acc = r2.call(r1) checked object */       \
  V(IteratorClose, NONE, Reg)                 /* IteratorClose(r) for abrupt completion;   \
                                                 errors from return() are swallowed when  \
                                                 a throw is in flight (see generator) */  \
  /* Exceptions */                                                                       \
  V(Throw, READ)                              /* throw acc */                              \
  V(ReThrow, READ)                            /* rethrow acc (keeps its original stack) */ \
  V(SetPendingMessage, READ_WRITE)            /* swap acc with the pending message (for   \
                                                 finally) */                              \
  V(Return, READ)                             /* return acc */                             \
  /* Generators (the generators issue) */                                                \
  V(SuspendGenerator, READ, Reg, RegList, RegCount, UImm) /* save regs into generator r,  \
                                                 return acc; uimm = suspend id */         \
  V(ResumeGenerator, WRITE, Reg, RegList, RegCount) /* restore regs from generator r;     \
                                                 acc = the sent value */                  \
  V(SwitchOnGeneratorState, NONE, Reg, Idx, UImm) /* resume point dispatch */             \
  /* Misc */                                                                             \
  V(Debugger, NONE)                                                                      \
  V(Nop, NONE)                                                                           \
  V(Illegal, NONE)

typedef enum {
#define V(name, ...) Bytecode_##name,
  BYTECODE_LIST(V)
#undef V
  kBytecodeCount
} Bytecode;

typedef enum {
  OPERAND_NONE, OPERAND_Reg, OPERAND_RegList, OPERAND_RegCount, OPERAND_Idx, OPERAND_Slot,
  OPERAND_Imm, OPERAND_UImm, OPERAND_Flag, OPERAND_Jmp, OPERAND_RtId, OPERAND_Depth,
} OperandType;

typedef enum { ACC_NONE, ACC_READ, ACC_WRITE, ACC_READ_WRITE } AccumulatorUse;

enum { kMaxBytecodeOperands = 6 };

/* TestTypeOf's flag: the literal compared against. */
#define TYPEOF_LITERAL_LIST(V) \
  V(NUMBER, "number") V(STRING, "string") V(SYMBOL, "symbol") V(BOOLEAN, "boolean") \
  V(BIGINT, "bigint") V(UNDEFINED, "undefined") V(FUNCTION, "function") V(OBJECT, "object")
typedef enum {
#define V(name, text) TYPEOF_LITERAL_##name,
  TYPEOF_LITERAL_LIST(V)
#undef V
} TypeOfLiteral;

/* Tables generated from BYTECODE_LIST (interpreter/bytecodes.c). */
const char *bytecode_name(Bytecode b);
int bytecode_operand_count(Bytecode b);
OperandType bytecode_operand_type(Bytecode b, int i);
AccumulatorUse bytecode_accumulator_use(Bytecode b);
bool bytecode_is_jump(Bytecode b);
bool bytecode_is_prefix(Bytecode b);
/* The size in bytes of the instruction at pc, including its prefix if any. */
int bytecode_instruction_size(const uint8_t *pc);

#endif /* KILN_INTERPRETER_BYTECODES_H_ */
