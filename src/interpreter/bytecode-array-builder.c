/*
 * bytecode-array-builder.c: instruction buffer, labels, constant pool, encoding.
 */
#include "interpreter/bytecode-array-builder.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heap/factory.h"
#include "objects/string.h"

/* Grows a malloc'd array so that it has room for one more element. */
static void bab_grow(void **data, int *capacity, int count, size_t elem) {
  if (count < *capacity) return;
  int cap = *capacity ? *capacity * 2 : 64;
  void *p = realloc(*data, (size_t)cap * elem);
  if (p == NULL) FATAL("out of memory in the bytecode builder");
  *data = p;
  *capacity = cap;
}
#define BAB_GROW(arr, cap, count) bab_grow((void **)&(arr), &(cap), (count), sizeof *(arr))

bool bab_init(BytecodeArrayBuilder *b, Isolate *iso) {
  memset(b, 0, sizeof *b);
  b->iso = iso;
  b->pending_position = -1;
  b->constants = factory_new_fixed_array(iso, 16);
  if (handle_is_null(b->constants)) { b->failed = true; return false; }
  return true;
}

void bab_dispose(BytecodeArrayBuilder *b) {
  free(b->instrs);
  free(b->labels);
  free(b->keys);
  free(b->handlers);
  free(b->jump_entries);
  memset(b, 0, sizeof *b);
}

void bab_emit(BytecodeArrayBuilder *b, Bytecode bc, int n, const int32_t *ops) {
  DCHECK(n == bytecode_operand_count(bc));
  BAB_GROW(b->instrs, b->capacity, b->count);
  BcInstruction *in = &b->instrs[b->count++];
  in->bytecode = (uint8_t)bc;
  in->operand_count = (uint8_t)n;
  for (int i = 0; i < n; i++) in->operands[i] = ops[i];
  in->source_pos = b->pending_position;
  b->pending_position = -1;
}

int bab_new_label(BytecodeArrayBuilder *b) {
  BAB_GROW(b->labels, b->label_capacity, b->label_count);
  b->labels[b->label_count] = -1;
  return b->label_count++;
}

void bab_bind(BytecodeArrayBuilder *b, int label) {
  DCHECK(label >= 0 && label < b->label_count && b->labels[label] == -1);
  b->labels[label] = b->count;
}

bool bab_label_is_here(BytecodeArrayBuilder *b, int label) {
  return b->labels[label] == b->count;
}

int bab_last_bytecode(BytecodeArrayBuilder *b) {
  return b->count ? b->instrs[b->count - 1].bytecode : -1;
}

int bab_instruction_count(BytecodeArrayBuilder *b) { return b->count; }

/* ---- Constant pool ---------------------------------------------------------------- */

static int bab_find_key(BytecodeArrayBuilder *b, int kind, const void *ptr, uint64_t bits) {
  for (int i = 0; i < b->key_count; i++) {
    BcConstantKey *k = &b->keys[i];
    if (k->kind != kind) continue;
    if (kind == 1 ? k->bits == bits
                  : kind == 2 ? strcmp(k->ptr, ptr) == 0 : k->ptr == ptr) {
      return k->index;
    }
  }
  return -1;
}

static void bab_add_key(BytecodeArrayBuilder *b, int kind, const void *ptr, uint64_t bits,
                        int index) {
  BAB_GROW(b->keys, b->key_capacity, b->key_count);
  b->keys[b->key_count++] = (BcConstantKey){kind, ptr, bits, index};
}

int bab_constant_handle(BytecodeArrayBuilder *b, Handle value) {
  if (b->failed) return -1;
  if (b->constant_count == fixed_array_length(H(b->constants))) {
    Handle bigger = factory_copy_fixed_array(b->iso, b->constants, b->constant_count * 2,
                                             isolate_undefined(b->iso));
    if (handle_is_null(bigger)) { b->failed = true; return -1; }
    b->constants = bigger;
  }
  fixed_array_set(H(b->constants), b->constant_count, H(value));
  return b->constant_count++;
}

void bab_set_constant(BytecodeArrayBuilder *b, int idx, Tagged value) {
  if (b->failed || idx < 0) return;
  fixed_array_set(H(b->constants), idx, value);
}

int bab_constant_ast_string(BytecodeArrayBuilder *b, const AstString *s) {
  int idx = bab_find_key(b, 0, s, 0);
  if (idx >= 0) return idx;
  Handle str = string_internalize_utf8(b->iso, s->data, s->byte_length);
  if (handle_is_null(str)) { b->failed = true; return -1; }
  idx = bab_constant_handle(b, str);
  if (idx >= 0) bab_add_key(b, 0, s, 0, idx);
  return idx;
}

int bab_constant_cstring(BytecodeArrayBuilder *b, const char *ascii) {
  int idx = bab_find_key(b, 2, ascii, 0);
  if (idx >= 0) return idx;
  Handle str = string_internalize_utf8(b->iso, ascii, strlen(ascii));
  if (handle_is_null(str)) { b->failed = true; return -1; }
  idx = bab_constant_handle(b, str);
  if (idx >= 0) bab_add_key(b, 2, ascii, 0, idx);
  return idx;
}

int bab_constant_number(BytecodeArrayBuilder *b, double value) {
  uint64_t bits;
  memcpy(&bits, &value, sizeof bits);
  int idx = bab_find_key(b, 1, NULL, bits);
  if (idx >= 0) return idx;
  Handle num = factory_new_number(b->iso, value);
  if (handle_is_null(num)) { b->failed = true; return -1; }
  idx = bab_constant_handle(b, num);
  if (idx >= 0) bab_add_key(b, 1, NULL, bits, idx);
  return idx;
}

void bab_add_handler(BytecodeArrayBuilder *b, int start_label, int end_label,
                     int handler_label, int32_t context_register) {
  BAB_GROW(b->handlers, b->handler_capacity, b->handler_count);
  b->handlers[b->handler_count++] =
      (BcHandler){start_label, end_label, handler_label, context_register};
}

int bab_reserve_jump_table(BytecodeArrayBuilder *b, int size) {
  int first = -1;
  for (int i = 0; i < size; i++) {
    int idx = bab_constant_handle(b, ROOT_HANDLE(b->iso, undefined_value));
    if (idx < 0) return -1;
    if (i == 0) first = idx;
  }
  return first;
}

void bab_set_jump_table_entry(BytecodeArrayBuilder *b, int constant_index, int label,
                              int relative_to) {
  BAB_GROW(b->jump_entries, b->jump_entry_capacity, b->jump_entry_count);
  b->jump_entries[b->jump_entry_count++] = (BcJumpTableEntry){constant_index, label, relative_to};
}

/* Writes the jump tables' offsets into the constant pool once the layout is known. */
static void bab_fill_jump_tables(BytecodeArrayBuilder *b, const int *offsets) {
  for (int i = 0; i < b->jump_entry_count; i++) {
    BcJumpTableEntry *e = &b->jump_entries[i];
    int target = offsets[b->labels[e->label]];
    if (e->relative_to >= 0) target -= offsets[e->relative_to];
    bab_set_constant(b, e->constant_index, smi_from_int(target));
  }
}

/* ---- Encoding --------------------------------------------------------------------- */

static bool operand_is_signed(OperandType t) {
  return t == OPERAND_Reg || t == OPERAND_Imm || t == OPERAND_Jmp;
}

static int operand_scale(OperandType t, int64_t v) {
  if (operand_is_signed(t)) {
    if (v >= INT8_MIN && v <= INT8_MAX) return 1;
    if (v >= INT16_MIN && v <= INT16_MAX) return 2;
    return 4;
  }
  if (v >= 0 && v <= UINT8_MAX) return 1;
  if (v >= 0 && v <= UINT16_MAX) return 2;
  return 4;
}

/* The scale of instruction i given the current jump distances in jump_value. */
static int instr_scale(const BcInstruction *in, int64_t jump_value) {
  int scale = 1;
  for (int k = 0; k < in->operand_count; k++) {
    OperandType t = bytecode_operand_type((Bytecode)in->bytecode, k);
    int64_t v = t == OPERAND_Jmp ? jump_value : in->operands[k];
    int s = operand_scale(t, v);
    if (s > scale) scale = s;
  }
  return scale;
}

static int instr_size(const BcInstruction *in, int scale) {
  return (scale > 1 ? 1 : 0) + 1 + scale * in->operand_count;
}

/* Finds offsets of every instruction (offsets has count+1 entries) by relaxation. */
static void bab_layout(BytecodeArrayBuilder *b, int *offsets, uint8_t *scales) {
  for (int i = 0; i < b->count; i++) {  /* jumps start small and only grow */
    const BcInstruction *in = &b->instrs[i];
    scales[i] = bytecode_is_jump((Bytecode)in->bytecode) ? 1 : (uint8_t)instr_scale(in, 0);
  }
  for (bool changed = true; changed;) {
    changed = false;
    int off = 0;
    for (int i = 0; i < b->count; i++) {
      offsets[i] = off;
      off += instr_size(&b->instrs[i], scales[i]);
    }
    offsets[b->count] = off;
    for (int i = 0; i < b->count; i++) {
      const BcInstruction *in = &b->instrs[i];
      if (!bytecode_is_jump((Bytecode)in->bytecode)) continue;
      int label = in->operands[in->operand_count - 1];
      int64_t delta = (int64_t)offsets[b->labels[label]] - offsets[i];
      int s = instr_scale(in, delta);
      if (s > scales[i]) { scales[i] = (uint8_t)s; changed = true; }
    }
  }
}

static uint8_t *put_operand(uint8_t *p, int scale, int32_t v) {
  for (int i = 0; i < scale; i++) *p++ = (uint8_t)((uint32_t)v >> (8 * i));
  return p;
}

static void bab_encode(BytecodeArrayBuilder *b, const int *offsets, const uint8_t *scales,
                       uint8_t *out) {
  uint8_t *p = out;
  for (int i = 0; i < b->count; i++) {
    const BcInstruction *in = &b->instrs[i];
    if (scales[i] == 2) *p++ = Bytecode_Wide;
    if (scales[i] == 4) *p++ = Bytecode_ExtraWide;
    *p++ = in->bytecode;
    for (int k = 0; k < in->operand_count; k++) {
      int32_t v = in->operands[k];
      if (bytecode_operand_type((Bytecode)in->bytecode, k) == OPERAND_Jmp) {
        v = offsets[b->labels[v]] - offsets[i];
      }
      p = put_operand(p, scales[i], v);
    }
  }
}

static Handle bab_handler_table(BytecodeArrayBuilder *b, const int *offsets) {
  if (b->handler_count == 0) return ROOT_HANDLE(b->iso, empty_fixed_array);
  Handle table = factory_new_fixed_array(b->iso, 4 * b->handler_count);
  if (handle_is_null(table)) return table;
  for (int i = 0; i < b->handler_count; i++) {
    BcHandler *h = &b->handlers[i];
    fixed_array_set(H(table), 4 * i, smi_from_int(offsets[b->labels[h->start_label]]));
    fixed_array_set(H(table), 4 * i + 1, smi_from_int(offsets[b->labels[h->end_label]]));
    fixed_array_set(H(table), 4 * i + 2, smi_from_int(offsets[b->labels[h->handler_label]]));
    fixed_array_set(H(table), 4 * i + 3, smi_from_int(h->context_register));
  }
  return table;
}

static Handle bab_source_positions(BytecodeArrayBuilder *b, const int *offsets) {
  int n = 0;
  int32_t last = -1;
  for (int i = 0; i < b->count; i++) {
    int32_t pos = b->instrs[i].source_pos;
    if (pos >= 0 && pos != last) { n++; last = pos; }
  }
  Handle table = factory_new_byte_array(b->iso, (int64_t)n * 8);
  if (handle_is_null(table)) return table;
  uint8_t *p = byte_array_data(H(table));
  last = -1;
  for (int i = 0; i < b->count; i++) {
    int32_t pos = b->instrs[i].source_pos;
    if (pos < 0 || pos == last) continue;
    p = put_operand(p, 4, offsets[i]);
    p = put_operand(p, 4, pos);
    last = pos;
  }
  return table;
}

static Handle bab_trimmed_constants(BytecodeArrayBuilder *b) {
  if (b->constant_count == 0) return ROOT_HANDLE(b->iso, empty_fixed_array);
  return factory_copy_fixed_array(b->iso, b->constants, b->constant_count,
                                  isolate_undefined(b->iso));
}

Handle bab_finish(BytecodeArrayBuilder *b, int frame_size, int parameter_count) {
  if (b->failed) return HANDLE_NULL;
  for (int i = 0; i < b->label_count; i++) {
    if (b->labels[i] < 0) b->labels[i] = b->count; /* unbound labels: the end */
  }
  int *offsets = malloc(sizeof(int) * (size_t)(b->count + 1));
  uint8_t *scales = malloc((size_t)b->count + 1);
  if (!offsets || !scales) FATAL("out of memory in the bytecode builder");
  bab_layout(b, offsets, scales);
  int length = offsets[b->count];
  bab_fill_jump_tables(b, offsets);
  Handle result = HANDLE_NULL;
  Handle pool = bab_trimmed_constants(b);
  Handle handlers = handle_is_null(pool) ? pool : bab_handler_table(b, offsets);
  Handle positions = handle_is_null(handlers) ? handlers : bab_source_positions(b, offsets);
  size_t size = round_up(BytecodeArray_kHeaderSize + (size_t)length, kObjectAlignment);
  if (!handle_is_null(positions)) {
    result = factory_new_raw(b->iso, size, ROOT(b->iso, bytecode_array_map), ALLOCATE_OLD);
  }
  if (!handle_is_null(result)) {
    Tagged ba = H(result);
    bytecode_array_set_length(ba, length);
    bytecode_array_set_constant_pool(ba, H(pool));
    bytecode_array_set_handler_table(ba, H(handlers));
    bytecode_array_set_source_positions(ba, H(positions));
    bytecode_array_set_frame_size(ba, frame_size);
    bytecode_array_set_parameter_count(ba, parameter_count);
    bytecode_array_set_feedback_slot_count(ba, b->feedback_slot_count);
    bytecode_array_set_flags(ba, 0);
    uint8_t *bytes = (uint8_t *)field_slot(ba, BytecodeArray_kHeaderSize);
    memset(bytes, 0, size - BytecodeArray_kHeaderSize);
    bab_encode(b, offsets, scales, bytes);
  }
  free(offsets);
  free(scales);
  return result;
}

int bytecode_source_position(Tagged bytecode_array, int offset) {
  Tagged table = bytecode_array_source_positions(bytecode_array);
  if (!is_heap_object(table) || heap_object_type(table) != BYTE_ARRAY_TYPE) return -1;
  const uint8_t *p = byte_array_data(table);
  int64_t n = byte_array_length(table) / 8;
  int result = -1;
  for (int64_t i = 0; i < n; i++, p += 8) {
    uint32_t off = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                   (uint32_t)p[3] << 24;
    if ((int)off > offset) break;
    result = (int32_t)((uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 |
                       (uint32_t)p[7] << 24);
  }
  return result;
}

int32_t bytecode_read_operand(const uint8_t *pc, int i) {
  int scale = 1;
  if (*pc == Bytecode_Wide) scale = 2, pc++;
  else if (*pc == Bytecode_ExtraWide) scale = 4, pc++;
  Bytecode bc = (Bytecode)*pc;
  const uint8_t *p = pc + 1 + scale * i;
  bool is_signed = operand_is_signed(bytecode_operand_type(bc, i));
  switch (scale) {
    case 1: return is_signed ? (int32_t)(int8_t)p[0] : (int32_t)p[0];
    case 2: {
      uint16_t v = (uint16_t)(p[0] | p[1] << 8);
      return is_signed ? (int32_t)(int16_t)v : (int32_t)v;
    }
    default:
      return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                       (uint32_t)p[3] << 24);
  }
}
