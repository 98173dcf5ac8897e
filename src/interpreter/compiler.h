/*
 * compiler.h: the compiler's entry points: source text -> SharedFunctionInfo.
 *
 * Pipeline: parser (parsing/parser.h) -> scope resolver (parsing/scopes.h) -> bytecode
 * generator (interpreter/bytecode-generator.h). Every nested function is compiled eagerly:
 * its SFI sits in the constant pool of the enclosing function's BytecodeArray.
 *
 * Errors: a parse error throws a SyntaxError (or a RangeError when nesting is too deep)
 * whose message is the parser's message; the error object also gets the own,
 * non-enumerable properties "fileName" (the script name, when it has one), "lineNumber"
 * and "columnNumber" (1-based; the column in UTF-16 units) so the shell can print
 * "file:line:column". All entry points return an empty Handle with the exception pending
 * on failure. All may allocate.
 *
 * What the interpreter must provide to run the result (the contracts the generator
 * relies on):
 *  - registers are undefined when a frame starts; register -1 holds the receiver, bound as
 *    OrdinaryCallBindThis does (sloppy functions: undefined -> global this, primitives
 *    wrapped); -2-i holds formal parameter i (undefined when missing);
 *  - a script's top-level SFI (kind SFI_KIND_SCRIPT) runs with receiver = the realm's
 *    global this and the realm's native context as the closure's context;
 *  - eval code (SFI_KIND_EVAL) runs with the caller's context as the closure's context and
 *    any receiver: `this`, new.target and the home object inside direct eval code are read
 *    by name ("this", "new.target", ".home_object", ".function": LdaLookupSlot) from the
 *    caller's contexts, where the caller keeps them because it calls eval; these names must
 *    not be looked up on `with` objects or sloppy-eval var objects;
 *  - derived constructors (sfi_is_derived_constructor) return their final result
 *    themselves (checks included): `this` is a variable the bytecode initializes to the
 *    hole and binds after super(); super() compiles to GetSuperConstructor +
 *    ThrowIfNotSuperConstructor + Construct (new.target in acc), not SuperCall;
 *  - base class constructors run the instance initializer (private methods, then the
 *    ".fields_init" closure) themselves, in their prologue.
 */
#ifndef KILN_INTERPRETER_COMPILER_H_
#define KILN_INTERPRETER_COMPILER_H_

#include "execution/isolate.h"

/* ES2025 16.1.6 ParseScript + the top-level code of ScriptEvaluation: the SFI of a
 * function of no parameters to be called with the realm's global this as receiver.
 * filename: a String or undefined. */
Handle compiler_compile_script(Isolate *iso, Handle source, Handle filename);

/* ES2025 19.2.1.1 PerformEval for a direct eval. outer_sfi: the caller's
 * SharedFunctionInfo; context: the caller's current Context (its scope chain, also read for
 * what the code may use: new.target, super, arguments, enclosing private names); strict:
 * the caller is strict code. eval_position: the call's source position (unused for now).
 * The result is called with context as its closure context. */
Handle compiler_compile_eval(Isolate *iso, Handle source, Handle outer_sfi, Handle context,
                             bool strict, int eval_position);

/* PerformEval for an indirect eval (the global eval function called normally): global
 * scope, sloppy unless the code says "use strict". Run it with the realm's native context
 * and global this. */
Handle compiler_compile_indirect_eval(Isolate *iso, Handle source);

/* ES2025 20.2.1.1.1 CreateDynamicFunction: params and body are Strings; kind: 0 normal,
 * 1 generator, 2 async, 3 async generator. Returns the function's SFI (its script is the
 * assembled "function anonymous(...\n) {\n...\n}" text); the closure's context is the
 * realm's native context. */
Handle compiler_compile_dynamic_function(Isolate *iso, Handle params, Handle body, int kind);

/* ES2025 16.2.1.7 ParseModule: a SourceTextModule (objects/source-text-module.h) in status
 * new, whose function (see execution/modules.h) is compiled. filename names the script
 * (stack traces, SyntaxError positions); host_defined is kept for the host. */
Handle compiler_compile_module(Isolate *iso, Handle source, Handle filename, Handle host_defined);

#endif /* KILN_INTERPRETER_COMPILER_H_ */
