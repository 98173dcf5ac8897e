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

#include "builtins/builtins.h"
#include "execution/isolate.h"

/* [[GeneratorState]] beyond the suspend ids. kGeneratorDrainingQueue: an async generator
 * whose body has completed while requests are still being answered (27.6.3.10). */
enum { kGeneratorDrainingQueue = -3, kGeneratorExecuting = -2, kGeneratorClosed = -1 };

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

/* ---- async generators (ES2025 27.6.3; objects/js-generator.c) ------------------------
 * The [[AsyncGeneratorState]] of a JSAsyncGeneratorObject: suspended-start and
 * suspended-yield are a continuation >= 0 with is_awaiting 0; executing is
 * kGeneratorExecuting or a continuation >= 0 with is_awaiting 1 (suspended at an await);
 * draining-queue is kGeneratorDrainingQueue; completed is kGeneratorClosed.
 * The queue: undefined or the first AsyncGeneratorRequest, a FixedArray
 * | next | mode (JSGeneratorResumeMode) | value | capability |. All may allocate and run
 * user code (through the capabilities' promises' reactions only: nothing synchronous). */
enum { kRequestNext, kRequestMode, kRequestValue, kRequestCapability, kRequestSize };

KILN_INLINE bool js_async_generator_is_suspended(Tagged gen) {
  return js_generator_is_suspended(gen) && js_async_generator_object_is_awaiting(gen) == 0;
}
/* 27.6.3.4 AsyncGeneratorEnqueue. */
bool js_async_generator_enqueue(Isolate *iso, Handle gen, JSGeneratorResumeMode mode,
                                Handle value, Handle capability);
/* 27.6.3.6 AsyncGeneratorResume, and what follows it: runs the body with (mode, value)
 * until it awaits, completes, or yields with no request waiting (a yield with requests
 * waiting continues at once with the next one, 27.6.3.8 step 10). Also resumes an await.
 * false only when memory runs out or the frame could not be entered. */
bool js_async_generator_resume(Isolate *iso, Handle gen, Handle value,
                               JSGeneratorResumeMode mode);
/* 27.6.3.5 AsyncGeneratorCompleteStep: answers the first request with value (a throw
 * completion when is_throw) and done. */
bool js_async_generator_complete_step(Isolate *iso, Handle gen, Handle value, bool is_throw,
                                      bool done);
/* The body completed (27.6.3.2 step 4.c-g): draining-queue, answer the first request, drain. */
bool js_async_generator_body_complete(Isolate *iso, Handle gen, Handle value, bool is_throw);
/* 27.6.3.9 AsyncGeneratorAwaitReturn (state draining-queue, a return request first). */
bool js_async_generator_await_return(Isolate *iso, Handle gen);
/* 27.6.3.10 AsyncGeneratorDrainQueue. */
bool js_async_generator_drain_queue(Isolate *iso, Handle gen);
/* AsyncGeneratorAwaitReturn's closures (PROMISE_CLOSURE_LIST: context slot 0 = generator). */
Handle js_async_generator_return_fulfilled(Isolate *iso, BuiltinArgs *args);
Handle js_async_generator_return_rejected(Isolate *iso, BuiltinArgs *args);

#endif /* KILN_OBJECTS_JS_GENERATOR_H_ */
