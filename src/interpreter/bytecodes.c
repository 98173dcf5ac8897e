/*
 * bytecodes.c: the tables bytecodes.h declares, generated from BYTECODE_LIST.
 */
#include "interpreter/bytecodes.h"

#include "base/globals.h"

typedef struct {
  const char *name;
  uint8_t operand_count;
  uint8_t accumulator_use;
  uint8_t operands[kMaxBytecodeOperands];
} BytecodeInfo;

#define OPERAND_ARRAY(...) {__VA_ARGS__}
#define OPERAND_COUNT(...) (sizeof((uint8_t[]){0, __VA_ARGS__}) - 1)
#define PREFIX_OPERANDS(...) OPERAND_ARRAY(__VA_ARGS__)
#define INFO(name, acc, ...)                                                         \
  [Bytecode_##name] = {#name, OPERAND_COUNT(BYTECODE_OPERANDS(__VA_ARGS__)), ACC_##acc, \
                       OPERAND_ARRAY(BYTECODE_OPERANDS(__VA_ARGS__))},

/* Maps the operand type names of the list to OperandType values. */
#define Reg OPERAND_Reg
#define RegList OPERAND_RegList
#define RegCount OPERAND_RegCount
#define Idx OPERAND_Idx
#define Slot OPERAND_Slot
#define Imm OPERAND_Imm
#define UImm OPERAND_UImm
#define Flag OPERAND_Flag
#define Jmp OPERAND_Jmp
#define RtId OPERAND_RtId
#define Depth OPERAND_Depth
#define BYTECODE_OPERANDS(...) __VA_ARGS__

static const BytecodeInfo kBytecodeInfo[kBytecodeCount] = {BYTECODE_LIST(INFO)};

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

const char *bytecode_name(Bytecode b) {
  return (unsigned)b < kBytecodeCount ? kBytecodeInfo[b].name : "<bad bytecode>";
}
int bytecode_operand_count(Bytecode b) { return kBytecodeInfo[b].operand_count; }
OperandType bytecode_operand_type(Bytecode b, int i) {
  DCHECK(i >= 0 && i < kBytecodeInfo[b].operand_count);
  return (OperandType)kBytecodeInfo[b].operands[i];
}
AccumulatorUse bytecode_accumulator_use(Bytecode b) {
  return (AccumulatorUse)kBytecodeInfo[b].accumulator_use;
}
bool bytecode_is_jump(Bytecode b) {
  return kBytecodeInfo[b].operand_count > 0 &&
         kBytecodeInfo[b].operands[kBytecodeInfo[b].operand_count - 1] == OPERAND_Jmp;
}
bool bytecode_is_prefix(Bytecode b) { return b == Bytecode_Wide || b == Bytecode_ExtraWide; }

/* Every operand has the same width: 1 byte, or 2/4 after a Wide/ExtraWide prefix. */
int bytecode_instruction_size(const uint8_t *pc) {
  int scale = 1, prefix = 0;
  if (*pc == Bytecode_Wide) scale = 2, prefix = 1;
  else if (*pc == Bytecode_ExtraWide) scale = 4, prefix = 1;
  Bytecode b = (Bytecode)pc[prefix];
  return prefix + 1 + scale * bytecode_operand_count(b);
}
