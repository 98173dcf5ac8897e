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

static bool gen_is_async_generator(Gen *g) { return g->fn->is_async && g->fn->is_generator; }

void gen_resumable_after_declarations(Gen *g) {
  if (g->fn->is_async && !g->fn->is_generator) return;
  /* ES2025 15.5.2 EvaluateGeneratorBody steps 2-4 (15.6.2 for async generators): the
   * object, then GeneratorStart. */
  gen_call_runtime(g, Runtime_CreateGeneratorObject, 0, 0);
  EMIT(g, Star, g->generator_reg);
  gen_suspend(g);  /* suspend id 0: suspended-start; only `next` resumes here */
  if (gen_is_async_generator(g)) {  /* the body's completion answers the queue */
    g->async_try_start = gen_label(g);
    gen_bind(g, g->async_try_start);
  }
}

/* The async body's completion with value in acc (is_throw: it threw): an async function
 * resolves or rejects its promise and returns it; an async generator answers its queue
 * (27.6.3.2 step 4). */
static void gen_async_body_complete(Gen *g, bool is_throw) {
  int mark = gen_reg_mark(g);
  int args = gen_new_regs(g, 3);
  EMIT(g, Star, args + 1);
  EMIT(g, Mov, g->generator_reg, args);
  if (gen_is_async_generator(g)) {
    if (is_throw) EMIT(g, LdaTrue); else EMIT(g, LdaFalse);
    EMIT(g, Star, args + 2);
    gen_call_runtime(g, Runtime_AsyncGeneratorBodyComplete, args, 3);
  } else {
    gen_call_runtime(g, is_throw ? Runtime_AsyncFunctionReject : Runtime_AsyncFunctionResolve,
                     args, 2);
  }
  EMIT(g, Return);
  gen_reg_release(g, mark);
}

/* The async body's catch-all. */
static void gen_async_function_catch(Gen *g) {
  int end = gen_label(g), handler = gen_label(g);
  gen_bind(g, end);
  gen_bind(g, handler);
  gen_async_body_complete(g, true);
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
  if (g->fn->is_async) gen_async_body_complete(g, false);
  else EMIT(g, Return);
}

/* ---- await -------------------------------------------------------------------------- */

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
void gen_await_acc(Gen *g) {
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
  gen_await_acc(g);
}

void gen_return_value(Gen *g) {
  /* ES2025 14.10.1 step 3: in an async generator, `return expr` awaits the value. */
  if (g->fn && gen_is_async_generator(g)) gen_await_acc(g);
}

/* ---- async iterators ------------------------------------------------------------------- */

/* Loads obj.<name> into acc. */
static void gen_load_field(Gen *g, int obj, const char *name) {
  EMIT(g, GetNamedProperty, obj, gen_cname(g, name), SLOT(g));
}

/* Calls iter.<method>(input) (no argument when input < 0) into acc when the method exists;
 * jumps to absent when it is undefined or null. */
static void gen_call_iterator_method(Gen *g, int iter, const char *name, int input,
                                     int absent) {
  int mark = gen_reg_mark(g);
  int method = gen_new_reg(g), args = gen_new_regs(g, 2);
  gen_load_field(g, iter, name);
  gen_jump(g, Bytecode_JumpIfUndefinedOrNull, absent);
  EMIT(g, Star, method);
  EMIT(g, Mov, iter, args);
  if (input >= 0) EMIT(g, Mov, input, args + 1);
  EMIT(g, CallProperty, method, args, input >= 0 ? 2 : 1, SLOT(g));
  gen_reg_release(g, mark);
}

void gen_async_iterator_next(Gen *g, int iter, int next) {
  int mark = gen_reg_mark(g);
  int args = gen_new_reg(g);
  EMIT(g, Mov, iter, args);
  EMIT(g, CallProperty, next, args, 1, SLOT(g));
  gen_reg_release(g, mark);
  gen_await_acc(g);
  EMIT(g, ThrowIfNotObject, gen_cname(g, "iterator result is not an object"));
}

/* ES2025 7.4.13 AsyncIteratorClose: await iter.return(); for a normal completion its result
 * must be an object, for a throw completion (quiet) anything it throws is ignored. */
void gen_async_iterator_close(Gen *g, int iter, bool quiet) {
  int end = gen_label(g);
  if (!quiet) {
    gen_call_iterator_method(g, iter, "return", -1, end);
    gen_await_acc(g);
    EMIT(g, ThrowIfNotObject, gen_cname(g, "iterator result is not an object"));
    gen_bind(g, end);
    return;
  }
  int start = gen_label(g), stop = gen_label(g), handler = gen_label(g);
  gen_bind(g, start);
  gen_call_iterator_method(g, iter, "return", -1, end);
  gen_await_acc(g);
  gen_bind(g, stop);
  gen_jump(g, Bytecode_Jump, end);
  gen_bind(g, handler);  /* the exception is dropped */
  gen_bind(g, end);
  bab_add_handler(&g->b, start, stop, handler, g->context_reg);
}

/* ---- yield ------------------------------------------------------------------------------ */

/* After a yield's resume (acc = the sent value): next leaves the value in acc, throw
 * throws it, return returns it (an async generator awaits it first: 27.6.3.7
 * AsyncGeneratorUnwrapYieldResumption). */
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
  if (g->fn->is_async) gen_await_acc(g);
  gen_command(g, CMD_RETURN, NULL);
  gen_bind(g, thr);
  EMIT(g, Ldar, input);
  EMIT(g, Throw);
  gen_bind(g, done);
  gen_reg_release(g, mark);
}

/* An async generator's yield* resumed with return: received becomes Await(value) as a
 * return, or a throw completion when that await throws (27.6.3.7). */
static void gen_async_unwrap_return(Gen *g, int input, int mode) {
  int cont = gen_label(g), start = gen_label(g), stop = gen_label(g), handler = gen_label(g);
  EMIT(g, LdaSmi, kGeneratorReturn);
  EMIT(g, TestEqualStrict, mode, SLOT(g));
  gen_jump(g, Bytecode_JumpIfFalse, cont);
  gen_bind(g, start);
  EMIT(g, Ldar, input);
  gen_await_acc(g);
  EMIT(g, Star, input);
  gen_bind(g, stop);
  gen_jump(g, Bytecode_Jump, cont);
  gen_bind(g, handler);
  EMIT(g, Star, input);
  EMIT(g, LdaSmi, kGeneratorThrow);
  EMIT(g, Star, mode);
  gen_bind(g, cont);
  bab_add_handler(&g->b, start, stop, handler, g->context_reg);
}

/* ES2025 15.5.5 yield*: the delegation loop of steps 7.a-7.c, for generators (the inner
 * results are yielded as they are) and async generators (each inner result awaited, its
 * value yielded). */
static void gen_yield_star(Gen *g, AstNode *argument) {
  bool async = g->fn->is_async;
  int mark = gen_reg_mark(g);
  int obj = gen_new_reg(g), iter = gen_new_reg(g), next = gen_new_reg(g);
  int input = gen_new_reg(g), mode = gen_new_reg(g), result = gen_new_reg(g);
  int args = gen_new_regs(g, 2);
  int loop = gen_label(g), ret = gen_label(g), thr = gen_label(g), check = gen_label(g);
  int no_throw = gen_label(g), no_return = gen_label(g), yield = gen_label(g);
  int done = gen_label(g);
  int not_object = gen_cname(g, "iterator result is not an object");
  gen_expr_to(g, argument, obj);
  if (async) {
    EMIT(g, GetAsyncIterator, obj, SLOT(g));
  } else {
    int s1 = SLOT(g), s2 = SLOT(g);
    EMIT(g, GetIterator, obj, s1, s2);
  }
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
  if (async) gen_await_acc(g);
  gen_jump(g, Bytecode_Jump, check);
  /* throw: forwarded to iterator.throw, or close the iterator and throw a TypeError */
  gen_bind(g, thr);
  gen_call_iterator_method(g, iter, "throw", input, no_throw);
  if (async) gen_await_acc(g);
  gen_jump(g, Bytecode_Jump, check);
  gen_bind(g, no_throw);
  if (async) gen_async_iterator_close(g, iter, false); else EMIT(g, IteratorClose, iter);
  gen_throw_type_error(g, "The iterator does not provide a 'throw' method");
  /* return: forwarded to iterator.return, or returned as is */
  gen_bind(g, ret);
  gen_call_iterator_method(g, iter, "return", input, no_return);
  if (async) gen_await_acc(g);
  EMIT(g, Star, result);
  EMIT(g, ThrowIfNotObject, not_object);
  gen_load_field(g, result, "done");
  gen_jump(g, Bytecode_JumpIfToBooleanFalse, yield);
  gen_load_field(g, result, "value");
  if (async) gen_await_acc(g);
  gen_command(g, CMD_RETURN, NULL);
  gen_bind(g, no_return);
  EMIT(g, Ldar, input);
  if (async) gen_await_acc(g);
  gen_command(g, CMD_RETURN, NULL);
  /* the inner result: done ends the loop with its value, else it is yielded */
  gen_bind(g, check);
  EMIT(g, Star, result);
  EMIT(g, ThrowIfNotObject, not_object);
  gen_load_field(g, result, "done");
  gen_jump(g, Bytecode_JumpIfToBooleanTrue, done);
  gen_bind(g, yield);
  if (async) {
    gen_load_field(g, result, "value");
    EMIT(g, Star, args + 1);
    EMIT(g, Mov, g->generator_reg, args);
    gen_call_runtime(g, Runtime_AsyncGeneratorYield, args, 2);
  } else {
    EMIT(g, Ldar, result);
  }
  gen_suspend(g);
  EMIT(g, Star, input);
  gen_call_runtime(g, Runtime_GeneratorGetResumeMode, g->generator_reg, 1);
  EMIT(g, Star, mode);
  if (async) gen_async_unwrap_return(g, input, mode);
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
  if (y->delegate) {
    gen_yield_star(g, y->argument);
    return;
  }
  int mark = gen_reg_mark(g);
  int args = gen_new_regs(g, 2);
  if (y->argument) gen_expr(g, y->argument); else EMIT(g, LdaUndefined);
  if (g->fn->is_async) {
    /* 27.6.3.8 AsyncGeneratorYield(? Await(value)) */
    gen_await_acc(g);
    EMIT(g, Star, args + 1);
    EMIT(g, Mov, g->generator_reg, args);
    gen_call_runtime(g, Runtime_AsyncGeneratorYield, args, 2);
  } else {
    /* 27.5.3.7 Yield: GeneratorYield(CreateIterResultObject(value, false)) */
    EMIT(g, Star, args);
    EMIT(g, LdaFalse);
    EMIT(g, Star, args + 1);
    gen_call_runtime(g, Runtime_CreateIterResultObject, args, 2);
  }
  gen_reg_release(g, mark);
  gen_suspend(g);
  gen_resume_dispatch(g);
}
