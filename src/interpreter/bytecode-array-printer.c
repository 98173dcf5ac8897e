/* bytecode-array-printer.c: the disassembler (see bytecode-array-printer.h). */
#include "interpreter/bytecode-array-printer.h"

#include <stdlib.h>

#include "interpreter/bytecode-array-builder.h"
#include "interpreter/bytecodes.h"
#include "objects/shared-function-info.h"
#include "objects/string.h"
#include "runtime/runtime-functions.h"

static const char *const kRuntimeNames[] = {
#define V(name, argc) #name,
    RUNTIME_FUNCTION_LIST(V)
#undef V
};

static void print_register(FILE *out, int32_t r) {
  if (r >= 0) fprintf(out, "r%d", r);
  else if (r == -1) fputs("<this>", out);
  else fprintf(out, "a%d", -2 - r);
}

static void print_operand(const uint8_t *pc, int offset, int i, FILE *out) {
  Bytecode bc = (Bytecode)pc[bytecode_is_prefix((Bytecode)pc[0]) ? 1 : 0];
  OperandType t = bytecode_operand_type(bc, i);
  int32_t v = bytecode_read_operand(pc, i);
  switch (t) {
    case OPERAND_Reg: print_register(out, v); break;
    case OPERAND_RegList: {
      int32_t count = i + 1 < bytecode_operand_count(bc) ? bytecode_read_operand(pc, i + 1) : 1;
      if (bc == Bytecode_ForInPrepare) count = 3;
      print_register(out, v);
      fputc('-', out);
      if (count > 0) print_register(out, v + count - 1);
      break;
    }
    case OPERAND_RegCount: fprintf(out, "#%d", v); break;
    case OPERAND_Idx: fprintf(out, "[%d]", v); break;
    case OPERAND_Slot: fprintf(out, "s%d", v); break;
    case OPERAND_Jmp: fprintf(out, "@%d", offset + v); break;
    case OPERAND_RtId:
      if (v >= 0 && v < (int32_t)KILN_ARRAY_SIZE(kRuntimeNames)) fputs(kRuntimeNames[v], out);
      else fprintf(out, "<runtime %d>", v);
      break;
    default: fprintf(out, "%d", v); break;
  }
}

void bytecode_print_instruction(const uint8_t *pc, int offset, FILE *out) {
  int prefix = bytecode_is_prefix((Bytecode)pc[0]) ? 1 : 0;
  Bytecode bc = (Bytecode)pc[prefix];
  fputs(bytecode_name(bc), out);
  if (prefix) fputs(pc[0] == Bytecode_Wide ? ".Wide" : ".ExtraWide", out);
  int n = bytecode_operand_count(bc);
  for (int i = 0; i < n; i++) {
    fputs(i ? ", " : " ", out);
    print_operand(pc, offset, i, out);
  }
}

static void print_constant(Isolate *iso, Tagged v, FILE *out) {
  if (is_smi(v)) { fprintf(out, "%d", smi_value(v)); return; }
  if (is_heap_number(v)) { fprintf(out, "%.17g", heap_number_value(v)); return; }
  if (is_string(v)) {
    size_t len;
    char *s = string_to_utf8(iso, v, &len);
    fprintf(out, "\"%s\"", s ? s : "?");
    free(s);
    return;
  }
  if (is_shared_function_info(v)) {
    size_t len;
    char *s = is_string(sfi_name(v)) ? string_to_utf8(iso, sfi_name(v), &len) : NULL;
    fprintf(out, "<SharedFunctionInfo %s>", s && *s ? s : "(anonymous)");
    free(s);
    return;
  }
  if (is_heap_object(v) && heap_object_type(v) == SCOPE_INFO_TYPE) { fputs("<ScopeInfo>", out); return; }
  if (is_fixed_array(v)) { fprintf(out, "<FixedArray[%d]>", (int)fixed_array_length(v)); return; }
  if (is_heap_object(v)) { fprintf(out, "<%s>", instance_type_name(heap_object_type(v))); return; }
  fputs("?", out);
}

void bytecode_array_print(Isolate *iso, Tagged ba, FILE *out) {
  const uint8_t *bytes = (const uint8_t *)field_slot(ba, BytecodeArray_kHeaderSize);
  int length = (int)bytecode_array_length(ba);
  fprintf(out, "Parameter count %d\nRegister count %d\nFeedback slots %d\nBytecode length %d\n",
          (int)bytecode_array_parameter_count(ba), (int)bytecode_array_frame_size(ba),
          (int)bytecode_array_feedback_slot_count(ba), length);
  for (int off = 0; off < length;) {
    fprintf(out, "%5d: ", off);
    bytecode_print_instruction(bytes + off, off, out);
    fputc('\n', out);
    off += bytecode_instruction_size(bytes + off);
  }
  Tagged pool = bytecode_array_constant_pool(ba);
  int n = is_fixed_array(pool) ? (int)fixed_array_length(pool) : 0;
  fprintf(out, "Constant pool (size = %d)\n", n);
  for (int i = 0; i < n; i++) {
    fprintf(out, "%5d: ", i);
    print_constant(iso, fixed_array_get(pool, i), out);
    fputc('\n', out);
  }
  Tagged handlers = bytecode_array_handler_table(ba);
  int h = is_fixed_array(handlers) ? (int)fixed_array_length(handlers) / 4 : 0;
  if (h) fprintf(out, "Handler table (size = %d)\n", h);
  for (int i = 0; i < h; i++) {
    int ctx = smi_value(fixed_array_get(handlers, 4 * i + 3));
    fprintf(out, "  [%d, %d) -> %d (context ", smi_value(fixed_array_get(handlers, 4 * i)),
            smi_value(fixed_array_get(handlers, 4 * i + 1)),
            smi_value(fixed_array_get(handlers, 4 * i + 2)));
    if (ctx == kHandlerFunctionContext) fputs("<closure>", out); else print_register(out, ctx);
    fputs(")\n", out);
  }
}

void bytecode_print_function(Isolate *iso, Tagged sfi, FILE *out) {
  size_t len;
  char *name = is_string(sfi_name(sfi)) ? string_to_utf8(iso, sfi_name(sfi), &len) : NULL;
  fprintf(out, "[bytecode for %s]\n",
          sfi_is_toplevel(sfi) ? "<toplevel>" : name && *name ? name : "(anonymous)");
  free(name);
  Tagged ba = sfi_function_data(sfi);
  if (!is_bytecode_array(ba)) { fputs("  (no bytecode)\n", out); return; }
  bytecode_array_print(iso, ba, out);
  Tagged pool = bytecode_array_constant_pool(ba);
  for (int i = 0; is_fixed_array(pool) && i < fixed_array_length(pool); i++) {
    Tagged v = fixed_array_get(pool, i);
    if (is_shared_function_info(v)) bytecode_print_function(iso, v, out);
  }
}
