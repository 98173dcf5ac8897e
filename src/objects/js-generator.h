/*
 * js-generator.h: generator objects (ES2025 27.5 generators, 27.6 async generators, 27.7
 * async functions): the states a suspended frame can be in and how to resume it.
 *
 * Layouts (objects.h): JSGeneratorObject, and JSAsyncFunctionObject / JSAsyncGeneratorObject
 * that extend it. A generator object is the heap copy of a frame that can suspend:
 *
 *   continuation >= 0          suspended at that suspend id (the bytecode's
 *                              SwitchOnGeneratorState table maps it to a resume point);
 *                              0 is the initial suspend of a generator: [[GeneratorState]]
 *                              suspended-start
 *   kGeneratorExecuting        running (its frame is on the JS stack)
 *   kGeneratorClosed           completed
 *
 * How a resume works (interpreter/interpreter-generators.c): the resumer stores the mode
 * and the sent value in the object and calls interpreter_generator_resume, which pushes a
 * frame for the function (parameters from parameters_and_registers, new.target = the
 * generator object) and runs it from the start. The function's first bytecode,
 * SwitchOnGeneratorState, sees the generator object in new.target and jumps to the resume
 * point of `continuation`; ResumeGenerator there copies the registers back and loads the
 * sent value; the code after it dispatches on the resume mode (next: the value of the yield
 * expression; throw: throw it; return: return it through the finally blocks).
 */
#ifndef KILN_OBJECTS_JS_GENERATOR_H_
#define KILN_OBJECTS_JS_GENERATOR_H_

#include "execution/isolate.h"

/* [[GeneratorState]] beyond the suspend ids. */
enum { kGeneratorExecuting = -2, kGeneratorClosed = -1 };

/* How a generator is resumed: the completion type the yield point sees. Values are the
 * Smis the bytecode's SwitchOnSmi dispatches on. */
typedef enum { kGeneratorNext = 0, kGeneratorReturn = 1, kGeneratorThrow = 2 } JSGeneratorResumeMode;

KILN_INLINE bool js_generator_is_closed(Tagged gen) {
  return js_generator_object_continuation(gen) == kGeneratorClosed;
}
KILN_INLINE bool js_generator_is_executing(Tagged gen) {
  return js_generator_object_continuation(gen) == kGeneratorExecuting;
}
KILN_INLINE bool js_generator_is_suspended(Tagged gen) {
  return js_generator_object_continuation(gen) >= 0;
}
/* suspended-start: not run yet past the initial suspend. */
KILN_INLINE bool js_generator_is_suspended_start(Tagged gen) {
  return js_generator_object_continuation(gen) == 0;
}

#endif /* KILN_OBJECTS_JS_GENERATOR_H_ */
