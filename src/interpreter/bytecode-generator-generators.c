/*
 * bytecode-generator-generators.c: resumable functions: generators (ES2025 15.5, 27.5),
 * async functions (15.8, 27.7) and async generators (15.6, 27.6). The run-time protocol is
 * in objects/js-generator.h; in bytecode:
 *
 *   SwitchOnGeneratorState gen, table, N   first instruction: a resumption jumps to the
 *                                          resume point of its suspend id
 *   ... FunctionDeclarationInstantiation ...
 *   generators:      CallRuntime CreateGeneratorObject; Star gen
 *                    SuspendGenerator gen, r0.., 0    (the call returns the object)
 *                    ResumeGenerator gen, r0..        (resume point 0: suspended-start)
 *   async functions: the object is made before the parameters (their errors reject the
 *                    promise): the whole body is in a try whose handler rejects it
 *   ... body ...
 *
 * Each yield/await is a suspend point: SuspendGenerator saves the registers live there (all
 * below reg_top) and returns the accumulator from the frame; its resume point restores them
 * (ResumeGenerator: acc = the sent value) and dispatches on the resume mode: next continues
 * with the value, throw throws it, return returns it through the enclosing finally blocks
 * and iterator closes (gen_command). The suspend ids index a jump table of absolute
 * offsets, filled when the function ends.
 */
#include <stdlib.h>

#include "interpreter/bytecode-generator-internal.h"
#include "objects/js-generator.h"

/* A new suspend id whose resume point is label. */
static int gen_new_suspend_id(Gen *g, int label) {
  if (g->suspend_count == g->resume_capacity) {
    int cap = g->resume_capacity ? g->resume_capacity * 2 : 8;
    int *labels = realloc(g->resume_labels, sizeof(int) * (size_t)cap);
    if (labels == NULL) FATAL("out of memory in the bytecode generator");
    g->resume_labels = labels;
    g->resume_capacity = cap;
  }
  g->resume_labels[g->suspend_count] = label;
  return g->suspend_count++;
}

/* Suspends with acc as the value the frame gives back; after the resume, acc is the value
 * sent by the resumer. */
static void gen_suspend(Gen *g) {
  int label = gen_label(g);
  int id = gen_new_suspend_id(g, label);
  int count = g->reg_top;
  EMIT(g, SuspendGenerator, g->generator_reg, 0, count, id);
  gen_bind(g, label);
  EMIT(g, ResumeGenerator, g->generator_reg, 0, count);
}

/* Emits `SwitchOnSmi` on acc for the resume modes return and throw (next falls through). */
static void gen_switch_on_resume_mode(Gen *g, int return_label, int throw_label) {
  int table = bab_reserve_jump_table(&g->b, 2);
  if (table < 0) { g->job->failed = true; table = 0; }
  int at = bab_instruction_count(&g->b);
  EMIT(g, SwitchOnSmi, table, 2, kGeneratorReturn);
  bab_set_jump_table_entry(&g->b, table, return_label, at);
  bab_set_jump_table_entry(&g->b, table + 1, throw_label, at);
}

/* After a resume (acc = the sent value): next leaves the value in acc, throw throws it,
 * return returns it. */
static void gen_resume_dispatch(Gen *g) {
  int mark = gen_reg_mark(g);
  int input = gen_new_reg(g);
  int ret = gen_label(g), thr = gen_label(g), done = gen_label(g);
  EMIT(g, Star, input);
  gen_call_runtime(g, Runtime_GeneratorGetResumeMode, g->generator_reg, 1);
  gen_switch_on_resume_mode(g, ret, thr);
  EMIT(g, Ldar, input);
  gen_jump(g, Bytecode_Jump, done);
  gen_bind(g, ret);
  EMIT(g, Ldar, input);
  gen_command(g, CMD_RETURN, NULL);
  gen_bind(g, thr);
  EMIT(g, Ldar, input);
  EMIT(g, Throw);
  gen_bind(g, done);
  gen_reg_release(g, mark);
}

/* ---- the function's frame ----------------------------------------------------------- */

void gen_resumable_begin(Gen *g) {
  g->generator_reg = gen_new_reg(g);
  g->switch_index = bab_instruction_count(&g->b);
  EMIT(g, SwitchOnGeneratorState, g->generator_reg, 0, 0);
  if (g->fn->is_async && !g->fn->is_generator) {
    gen_call_runtime(g, Runtime_CreateAsyncFunctionObject, 0, 0);
    EMIT(g, Star, g->generator_reg);
    g->async_try_start = gen_label(g);
    gen_bind(g, g->async_try_start);
  }
}

void gen_resumable_after_declarations(Gen *g) {
  if (g->fn->is_async && !g->fn->is_generator) return;
  /* ES2025 15.5.2 EvaluateGeneratorBody steps 2-4: the object, then GeneratorStart. */
  gen_call_runtime(g, Runtime_CreateGeneratorObject, 0, 0);
  EMIT(g, Star, g->generator_reg);
  gen_suspend(g);  /* suspend id 0: suspended-start; only `next` resumes here */
}

/* The async function body's catch-all: reject the promise and return it. */
static void gen_async_function_catch(Gen *g) {
  int end = gen_label(g), handler = gen_label(g);
  gen_bind(g, end);
  gen_bind(g, handler);
  int mark = gen_reg_mark(g);
  int args = gen_new_regs(g, 2);
  EMIT(g, Star, args + 1);
  EMIT(g, Mov, g->generator_reg, args);
  gen_call_runtime(g, Runtime_AsyncFunctionReject, args, 2);
  EMIT(g, Return);
  gen_reg_release(g, mark);
  bab_add_handler(&g->b, g->async_try_start, end, handler, kHandlerFunctionContext);
}

void gen_resumable_end(Gen *g) {
  if (g->async_try_start >= 0) gen_async_function_catch(g);
  int table = g->suspend_count ? bab_reserve_jump_table(&g->b, g->suspend_count) : 0;
  if (table < 0) { g->job->failed = true; return; }
  for (int i = 0; i < g->suspend_count; i++)
    bab_set_jump_table_entry(&g->b, table + i, g->resume_labels[i], -1);
  BcInstruction *sw = &g->b.instrs[g->switch_index];
  sw->operands[1] = table;
  sw->operands[2] = g->suspend_count;
}

void gen_resumable_return(Gen *g) {
  if (g->fn->is_async && !g->fn->is_generator) {
    int mark = gen_reg_mark(g);
    int args = gen_new_regs(g, 2);
    EMIT(g, Star, args + 1);
    EMIT(g, Mov, g->generator_reg, args);
    gen_call_runtime(g, Runtime_AsyncFunctionResolve, args, 2);
    gen_reg_release(g, mark);
  }
  EMIT(g, Return);
}

/* ---- yield ------------------------------------------------------------------------------ */

/* Loads result.<name> into acc. */
static void gen_load_field(Gen *g, int obj, const char *name) {
  EMIT(g, GetNamedProperty, obj, gen_cname(g, name), SLOT(g));
}

/* Calls iter.<method>(input) into result when the method exists; jumps to absent when it
 * is undefined or null. */
static void gen_call_iterator_method(Gen *g, int iter, const char *name, int input,
                                     int absent) {
  int mark = gen_reg_mark(g);
  int method = gen_new_reg(g), args = gen_new_regs(g, 2);
  gen_load_field(g, iter, name);
  gen_jump(g, Bytecode_JumpIfUndefinedOrNull, absent);
  EMIT(g, Star, method);
  EMIT(g, Mov, iter, args);
  EMIT(g, Mov, input, args + 1);
  EMIT(g, CallProperty, method, args, 2, SLOT(g));
  gen_reg_release(g, mark);
}

/* ES2025 15.5.5 yield* in a generator: the delegation loop of steps 7.a-7.c. The inner
 * results are yielded as they are (no re-wrapping). */
static void gen_yield_star(Gen *g, AstNode *argument) {
  int mark = gen_reg_mark(g);
  int obj = gen_new_reg(g), iter = gen_new_reg(g), next = gen_new_reg(g);
  int input = gen_new_reg(g), mode = gen_new_reg(g), result = gen_new_reg(g);
  int args = gen_new_regs(g, 2);
  int loop = gen_label(g), ret = gen_label(g), thr = gen_label(g), check = gen_label(g);
  int no_throw = gen_label(g), no_return = gen_label(g), yield = gen_label(g);
  int done = gen_label(g);
  int not_object = gen_cname(g, "iterator result is not an object");
  gen_expr_to(g, argument, obj);
  int s1 = SLOT(g), s2 = SLOT(g);
  EMIT(g, GetIterator, obj, s1, s2);
  EMIT(g, Star, iter);
  gen_load_field(g, iter, "next");
  EMIT(g, Star, next);
  EMIT(g, LdaUndefined);
  EMIT(g, Star, input);
  EMIT(g, LdaZero);
  EMIT(g, Star, mode);
  gen_bind(g, loop);
  EMIT(g, Ldar, mode);
  gen_switch_on_resume_mode(g, ret, thr);
  /* next: innerResult = Call(next, iterator, « received ») */
  EMIT(g, Mov, iter, args);
  EMIT(g, Mov, input, args + 1);
  EMIT(g, CallProperty, next, args, 2, SLOT(g));
  gen_jump(g, Bytecode_Jump, check);
  /* throw: forwarded to iterator.throw, or close the iterator and throw a TypeError */
  gen_bind(g, thr);
  gen_call_iterator_method(g, iter, "throw", input, no_throw);
  gen_jump(g, Bytecode_Jump, check);
  gen_bind(g, no_throw);
  EMIT(g, IteratorClose, iter);
  gen_throw_type_error(g, "The iterator does not provide a 'throw' method");
  /* return: forwarded to iterator.return, or returned as is */
  gen_bind(g, ret);
  gen_call_iterator_method(g, iter, "return", input, no_return);
  EMIT(g, Star, result);
  EMIT(g, ThrowIfNotObject, not_object);
  gen_load_field(g, result, "done");
  gen_jump(g, Bytecode_JumpIfToBooleanFalse, yield);
  gen_load_field(g, result, "value");
  gen_command(g, CMD_RETURN, NULL);
  gen_bind(g, no_return);
  EMIT(g, Ldar, input);
  gen_command(g, CMD_RETURN, NULL);
  /* the inner result: done ends the loop with its value, else it is yielded */
  gen_bind(g, check);
  EMIT(g, Star, result);
  EMIT(g, ThrowIfNotObject, not_object);
  gen_load_field(g, result, "done");
  gen_jump(g, Bytecode_JumpIfToBooleanTrue, done);
  gen_bind(g, yield);
  EMIT(g, Ldar, result);
  gen_suspend(g);
  EMIT(g, Star, input);
  gen_call_runtime(g, Runtime_GeneratorGetResumeMode, g->generator_reg, 1);
  EMIT(g, Star, mode);
  gen_jump(g, Bytecode_JumpLoop, loop);
  gen_bind(g, done);
  gen_load_field(g, result, "value");
  gen_reg_release(g, mark);
}

void gen_yield(Gen *g, AstNode *n) {
  AstYield *y = &n->u.yield;
  if (g->fn == NULL || !g->fn->is_generator) {
    gen_fail(g, kError_SYNTAX_ERROR, "yield outside a generator");
    return;
  }
  if (g->fn->is_async) {
    gen_fail(g, kError_SYNTAX_ERROR, "async generators are not supported yet");
    return;
  }
  if (y->delegate) {
    gen_yield_star(g, y->argument);
    return;
  }
  /* ES2025 27.5.3.7 Yield: GeneratorYield(CreateIterResultObject(value, false)). */
  int mark = gen_reg_mark(g);
  int args = gen_new_regs(g, 2);
  if (y->argument) gen_expr(g, y->argument); else EMIT(g, LdaUndefined);
  EMIT(g, Star, args);
  EMIT(g, LdaFalse);
  EMIT(g, Star, args + 1);
  gen_call_runtime(g, Runtime_CreateIterResultObject, args, 2);
  gen_reg_release(g, mark);
  gen_suspend(g);
  gen_resume_dispatch(g);
}

/* After an await's resume (acc = the sent value): a fulfilled promise's value continues,
 * a rejected one's reason is thrown. */
static void gen_await_resume_dispatch(Gen *g) {
  int mark = gen_reg_mark(g);
  int input = gen_new_reg(g);
  int thr = gen_label(g), done = gen_label(g);
  EMIT(g, Star, input);
  gen_call_runtime(g, Runtime_GeneratorGetResumeMode, g->generator_reg, 1);
  gen_switch_on_resume_mode(g, done, thr);  /* (an await is never resumed with return) */
  gen_jump(g, Bytecode_Jump, done);
  gen_bind(g, thr);
  EMIT(g, Ldar, input);
  EMIT(g, Throw);
  gen_bind(g, done);
  EMIT(g, Ldar, input);
  gen_reg_release(g, mark);
}

/* ES2025 27.7.5.3 Await(acc): PerformPromiseThen(PromiseResolve(%Promise%, value)) with the
 * generator object as both reactions, then suspend; acc = the fulfilled value after. */
void gen_await_value(Gen *g) {
  int mark = gen_reg_mark(g);
  int args = gen_new_regs(g, 2);
  EMIT(g, Star, args + 1);
  EMIT(g, Mov, g->generator_reg, args);
  gen_call_runtime(g, Runtime_AsyncFunctionAwait, args, 2);
  gen_reg_release(g, mark);
  gen_suspend(g);
  gen_await_resume_dispatch(g);
}

void gen_await(Gen *g, AstNode *n) {
  if (g->fn == NULL || !g->fn->is_async) {
    gen_fail(g, kError_SYNTAX_ERROR, "await is only valid in async functions");
    return;
  }
  gen_expr(g, n->u.unary.operand);
  gen_await_value(g);
}
