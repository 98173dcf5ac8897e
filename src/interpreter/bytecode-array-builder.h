/*
 * bytecode-array-builder.h: assembles one function's bytecode (V8's BytecodeArrayBuilder).
 *
 * The generator appends instructions with symbolic operands (registers, constant indices,
 * feedback slots, labels for jumps); bab_finish encodes them into a BytecodeArray:
 *
 *  - Operand scaling: every operand of an instruction has the same width, 1 byte, or 2/4
 *    bytes after a Wide/ExtraWide prefix (bytecodes.h). The builder picks the smallest
 *    scale that fits all operands of each instruction.
 *  - Jumps: a jump's operand is the signed distance from the jump's first byte (its prefix
 *    if any) to the label's instruction. Sizes and offsets are found by relaxation: every
 *    jump starts at scale 1 and only grows until all distances fit.
 *  - Constant pool: strings (internalized) and numbers are deduplicated; other constants
 *    (SFIs, ScopeInfos, boilerplates) get an entry each.
 *  - Handler table: a FixedArray of Smi quadruples (try_start, try_end, handler_offset,
 *    context_register), in the order bab_add_handler was called. The generator registers a
 *    try statement's entry when the statement ends, so inner trys come first: the first
 *    entry whose [try_start, try_end) covers a pc is the one to use. context_register is
 *    the register holding the context to restore before running the handler, or
 *    kHandlerFunctionContext: restore the closure's own context (the context the frame
 *    started with).
 *  - Source positions: a ByteArray of 8-byte entries (uint32 bytecode offset, int32 source
 *    position, little endian), sorted by offset; the position of the instruction at pc is
 *    the one of the last entry with offset <= pc (bytecode_source_position).
 *
 * Memory: instructions and labels live in malloc'd arrays owned by the builder; the
 * constant pool is a FixedArray held by a Handle in the caller's HandleScope.
 */
#ifndef KILN_INTERPRETER_BYTECODE_ARRAY_BUILDER_H_
#define KILN_INTERPRETER_BYTECODE_ARRAY_BUILDER_H_

#include "execution/isolate.h"
#include "interpreter/bytecodes.h"
#include "parsing/ast.h"

enum { kHandlerFunctionContext = INT32_MIN };

typedef struct {
  uint8_t bytecode;
  uint8_t operand_count;
  int32_t operands[kMaxBytecodeOperands];
  int32_t source_pos;       /* -1: none */
} BcInstruction;

typedef struct {
  int start_label, end_label, handler_label;
  int32_t context_register;
} BcHandler;

typedef struct {
  int kind;                 /* 0 string by AstString pointer, 1 number bits, 2 C string */
  const void *ptr;
  uint64_t bits;
  int index;
} BcConstantKey;

typedef struct {
  int constant_index, label;
  int relative_to;          /* an instruction index, or -1: the offset is absolute */
} BcJumpTableEntry;

typedef struct BytecodeArrayBuilder {
  Isolate *iso;
  BcInstruction *instrs;
  int count, capacity;
  int *labels;              /* label -> instruction index it is bound before; -1 unbound */
  int label_count, label_capacity;
  Handle constants;         /* FixedArray, capacity >= constant_count */
  int constant_count;
  BcConstantKey *keys;
  int key_count, key_capacity;
  BcHandler *handlers;
  int handler_count, handler_capacity;
  int feedback_slot_count;
  BcJumpTableEntry *jump_entries;
  int jump_entry_count, jump_entry_capacity;
  int32_t pending_position; /* attached to the next instruction */
  bool failed;              /* an allocation failed: the exception is pending */
} BytecodeArrayBuilder;

/* May allocate (the constant pool). false with the exception pending on failure. */
bool bab_init(BytecodeArrayBuilder *b, Isolate *iso);
void bab_dispose(BytecodeArrayBuilder *b);

/* Appends an instruction. ops: its operands, in BYTECODE_LIST order; a Jmp operand is a
 * label id. */
void bab_emit(BytecodeArrayBuilder *b, Bytecode bc, int n, const int32_t *ops);
#define BAB_EMIT(b, name, ...)                                                          \
  bab_emit((b), Bytecode_##name,                                                         \
           (int)(sizeof((int32_t[]){0, ##__VA_ARGS__}) / sizeof(int32_t)) - 1,           \
           (const int32_t[]){0, ##__VA_ARGS__} + 1)

/* The next instruction gets source position pos (an expression or statement start). */
KILN_INLINE void bab_set_position(BytecodeArrayBuilder *b, int32_t pos) {
  b->pending_position = pos;
}

/* Labels: made unbound; bound once, before the instruction emitted next. */
int bab_new_label(BytecodeArrayBuilder *b);
void bab_bind(BytecodeArrayBuilder *b, int label);
/* Is label bound to the current end (nothing emitted since)? */
bool bab_label_is_here(BytecodeArrayBuilder *b, int label);
/* The index of the last instruction's bytecode, or -1. */
int bab_last_bytecode(BytecodeArrayBuilder *b);
/* Was anything emitted since label was bound? (used to drop dead code after returns) */
int bab_instruction_count(BytecodeArrayBuilder *b);

/* Constant pool. All may allocate; -1 on failure (b->failed). */
int bab_constant_ast_string(BytecodeArrayBuilder *b, const AstString *s);
int bab_constant_cstring(BytecodeArrayBuilder *b, const char *ascii); /* static storage */
int bab_constant_number(BytecodeArrayBuilder *b, double value);
int bab_constant_handle(BytecodeArrayBuilder *b, Handle value);     /* no dedup */
/* Replaces constant idx (for entries reserved before their value exists). */
void bab_set_constant(BytecodeArrayBuilder *b, int idx, Tagged value);

/* Jump tables (SwitchOnSmi, SwitchOnGeneratorState): `size` consecutive constant pool
 * entries, reserved now (first index returned, -1 on failure), each filled by bab_finish
 * with the Smi bytecode offset of a label: relative to the first byte of instruction
 * `relative_to` (an index as bab_instruction_count gives before emitting it), or absolute
 * when relative_to is -1. May allocate. */
int bab_reserve_jump_table(BytecodeArrayBuilder *b, int size);
void bab_set_jump_table_entry(BytecodeArrayBuilder *b, int constant_index, int label,
                              int relative_to);

KILN_INLINE int bab_feedback_slot(BytecodeArrayBuilder *b) { return b->feedback_slot_count++; }

void bab_add_handler(BytecodeArrayBuilder *b, int start_label, int end_label,
                     int handler_label, int32_t context_register);

/* Encodes everything into a new BytecodeArray (old space). May allocate; empty Handle
 * with the exception pending on failure. */
Handle bab_finish(BytecodeArrayBuilder *b, int frame_size, int parameter_count);

/* The source position of the instruction at offset, or -1 (reads the ByteArray of
 * bytecode_array's source_positions). Never allocates. */
int bytecode_source_position(Tagged bytecode_array, int offset);

/* Reads operand i of the instruction at pc (after its prefix, if any): the bytes of the
 * BytecodeArray, decoded with the operand's signedness. Used by the disassembler and the
 * interpreter's helpers. */
int32_t bytecode_read_operand(const uint8_t *pc, int i);

#endif /* KILN_INTERPRETER_BYTECODE_ARRAY_BUILDER_H_ */
