/*
 * regexp-printer.c: the disassembler behind --print-regexp-code (regexp_print_code in
 * regexp.h). Operands print by the format letters of REGEXP_BYTECODE_LIST, so a new
 * instruction needs no printer code.
 */
#include "regexp/regexp-compiler.h"

static void print_char(FILE *out, uint32_t c) {
  if (c >= 0x20 && c < 0x7F && c != '\'') fprintf(out, "'%c'", (int)c);
  else fprintf(out, "U+%04X", c);
}

/* The class's ranges, "[a-z U+0100-U+017F ...]", at most a few dozen shown. */
static void print_class(FILE *out, const RegExpCode *code, uint32_t k) {
  const RegExpClass *cls = &regexp_code_classes(code)[k];
  fprintf(out, "%u[", k);
  int shown = 0;
  for (uint32_t c = 0; c < 256 && shown < 24; c++) {
    if (!regexp_class_contains(code, cls, c)) continue;
    uint32_t end = c;
    while (end + 1 < 256 && regexp_class_contains(code, cls, end + 1)) end++;
    if (shown++) fputc(' ', out);
    print_char(out, c);
    if (end > c) { fputc('-', out); print_char(out, end); }
    c = end;
  }
  for (uint32_t i = 0; i < cls->range_count && shown < 24; i++, shown++) {
    const uint32_t *r = regexp_code_ranges(code) + 2 * (cls->range_start + i);
    if (shown) fputc(' ', out);
    print_char(out, r[0]);
    if (r[1] > r[0]) { fputc('-', out); print_char(out, r[1]); }
  }
  if (shown >= 24) fputs(" ...", out);
  fputc(']', out);
}

static void print_string(FILE *out, const RegExpCode *code, uint32_t at, uint32_t n) {
  fputc('"', out);
  for (uint32_t i = 0; i < n; i++) {
    uint16_t c = regexp_code_strings(code)[at + i];
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') fputc(c, out);
    else fprintf(out, "\\u%04X", c);
  }
  fputc('"', out);
}

static void print_instruction(FILE *out, const RegExpCode *code, uint32_t pc) {
  const uint32_t *ins = regexp_code_words(code) + pc;
  RegExpOpcode op = (RegExpOpcode)ins[0];
  const char *format = regexp_opcode_format(op);
  fprintf(out, "%5u  %-16s", pc, regexp_opcode_name(op));
  for (uint32_t i = 0; format[i]; i++) {
    uint32_t v = ins[1 + i];
    fputc(' ', out);
    switch (format[i]) {
      case 'c': print_char(out, v); break;
      case 'k': print_class(out, code, v); break;
      case 'r': fprintf(out, "r%d", (int32_t)v); break;
      case 't': fprintf(out, "->%u", v); break;
      case 's': print_string(out, code, v, ins[2 + i]); i++; break;
      case 'g':
        for (uint32_t g = 0; g < v; g++) fprintf(out, "%s$%u", g ? "," : "", ins[2 + i + g]);
        break;
      default:
        if (v == UINT32_MAX) fputs("inf", out); else fprintf(out, "%u", v);
        break;
    }
  }
  fputc('\n', out);
}

void regexp_print_code(const RegExpCode *code, FILE *out) {
  char flags[9];
  regexp_flags_to_string(code->flags, flags);
  fprintf(out, "regexp code: %u words, %d captures, %d registers, flags '%s'%s\n",
          code->code_length, code->capture_count, code->register_count, flags,
          code->anchored ? ", anchored" : "");
  if (code->prefix_length) {
    fputs("  literal prefix ", out);
    for (uint32_t i = 0; i < code->prefix_length; i++) print_char(out, regexp_code_prefix(code)[i]);
    fputc('\n', out);
  }
  const uint32_t *words = regexp_code_words(code);
  for (uint32_t pc = 0; pc < code->code_length; pc += regexp_instruction_length(words, pc)) {
    print_instruction(out, code, pc);
  }
}
