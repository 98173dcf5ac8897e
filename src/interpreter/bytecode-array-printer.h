/*
 * bytecode-array-printer.h: the disassembler behind --print-bytecode.
 *
 * One line per instruction: its offset, its name (".Wide"/".ExtraWide" when prefixed) and
 * its operands: registers as r0, r1 (locals), <this> (the receiver) and a0, a1 (formal
 * parameters); register lists as r3-r5 (or "r3-" for an empty list) with the count after;
 * constant pool indices as [k]; feedback slots as s<n>; jumps as @<target offset>; runtime
 * functions by name; immediates and flags as numbers. Then the constant pool (one entry a
 * line) and the handler table.
 */
#ifndef KILN_INTERPRETER_BYTECODE_ARRAY_PRINTER_H_
#define KILN_INTERPRETER_BYTECODE_ARRAY_PRINTER_H_

#include <stdio.h>

#include "execution/isolate.h"

/* Prints bytecode_array (a BytecodeArray). Never allocates on the JS heap. */
void bytecode_array_print(Isolate *iso, Tagged bytecode_array, FILE *out);
/* Prints the instruction at pc (offset: its offset, for jump targets) without a newline. */
void bytecode_print_instruction(const uint8_t *pc, int offset, FILE *out);
/* Prints sfi's name and bytecode, then those of the SFIs in its constant pool. */
void bytecode_print_function(Isolate *iso, Tagged sfi, FILE *out);

#endif /* KILN_INTERPRETER_BYTECODE_ARRAY_PRINTER_H_ */
