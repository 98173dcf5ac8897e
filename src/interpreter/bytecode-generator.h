/*
 * bytecode-generator.h: AST -> bytecode (V8's BytecodeGenerator), used by compiler.c.
 *
 * The generator's conventions (registers, contexts, completion values, exception
 * handlers, class evaluation) are described in bytecode-generator-internal.h and in the
 * headers of its files; what the interpreter must know is in interpreter/compiler.h.
 */
#ifndef KILN_INTERPRETER_BYTECODE_GENERATOR_H_
#define KILN_INTERPRETER_BYTECODE_GENERATOR_H_

#include "interpreter/bytecode-generator-internal.h"

#endif /* KILN_INTERPRETER_BYTECODE_GENERATOR_H_ */
