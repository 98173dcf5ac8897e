/*
 * bytecode-generator-using.c: `using` and `await using` declarations (ES2026 explicit
 * resource management).
 *
 * A scope that declares resources keeps its DisposeCapability in a register (undefined
 * until the first resource; runtime/runtime-dispose.h) and runs as a try-finally: its
 * control scope is a CS_TRY_FINALLY with is_dispose set, so break/continue/return leaving
 * it and exceptions thrown in it all reach the finally, which calls DisposeResources with
 * the completion (token, result) and then continues that completion as a finally block
 * does. The three registers are consecutive, | capability | token | result |, the
 * arguments of Runtime_DisposeResources.
 *
 * A scope with an `await using` disposes with Awaits between resources, in bytecode:
 *
 *   CallRuntime DisposeBegin cap, token, result; Star cap
 *   loop: CallRuntime DisposeStep cap        acc = the value to await, or the hole: done
 *         JumpIfNotHole await; Jump done
 *   await: Await acc                         a rejection: DisposeAwaitRejected cap, reason
 *         JumpLoop loop
 *   done: CallRuntime DisposeEnd cap         throws the completion's error, if any
 */
#include <string.h>

#include "interpreter/bytecode-generator-internal.h"
#include "runtime/runtime-dispose.h"

static bool is_using_kind(AstDeclKind kind) {
  return kind == AST_USING || kind == AST_AWAIT_USING;
}

int gen_list_using_kind(AstList *list) {
  int kind = 0;
  for (int i = 0; i < list->length; i++) {
    AstNode *n = list->items[i];
    if (n && n->kind == AST_VAR_DECL && is_using_kind(n->u.var_decl.kind)) {
      if (n->u.var_decl.kind == AST_AWAIT_USING) return AST_AWAIT_USING;
      kind = AST_USING;
    }
  }
  return kind;
}

void gen_dispose_scope_begin(Gen *g, DisposeScope *ds, int kind) {
  memset(ds, 0, sizeof *ds);
  ds->active = kind == AST_USING || kind == AST_AWAIT_USING;
  ds->is_async = kind == AST_AWAIT_USING;
  if (!ds->active) return;
  ds->mark = gen_reg_mark(g);
  ControlScope *cs = &ds->cs;
  cs->iterator_reg = -1;
  cs->is_dispose = true;
  cs->dispose_reg = gen_new_regs(g, 3);
  cs->token_reg = cs->dispose_reg + 1;
  cs->result_reg = cs->dispose_reg + 2;
  cs->finally_label = gen_label(g);
  ds->start = gen_label(g);
  ds->end = gen_label(g);
  ds->handler = gen_label(g);
  ds->context_at_try = g->context_reg;
  EMIT(g, LdaUndefined);
  EMIT(g, Star, cs->dispose_reg);
  gen_bind(g, ds->start);
  gen_push_control(g, cs, CS_TRY_FINALLY);
}

/* DisposeResources with Awaits (the header's loop); cap, token and result consecutive. */
static void gen_dispose_async(Gen *g, int cap) {
  int loop = gen_label(g), await = gen_label(g), done = gen_label(g);
  int try_start = gen_label(g), try_end = gen_label(g), handler = gen_label(g);
  gen_call_runtime(g, Runtime_DisposeBegin, cap, 3);
  EMIT(g, Star, cap);
  gen_bind(g, loop);
  gen_call_runtime(g, Runtime_DisposeStep, cap, 1);
  gen_jump(g, Bytecode_JumpIfNotHole, await);
  gen_jump(g, Bytecode_Jump, done);
  gen_bind(g, await);
  gen_bind(g, try_start);
  gen_await_acc(g);
  gen_bind(g, try_end);
  gen_jump(g, Bytecode_JumpLoop, loop);
  gen_bind(g, handler);
  int mark = gen_reg_mark(g);
  int args = gen_new_regs(g, 2);
  EMIT(g, Star, args + 1);
  EMIT(g, Mov, cap, args);
  gen_call_runtime(g, Runtime_DisposeAwaitRejected, args, 2);
  gen_reg_release(g, mark);
  gen_jump(g, Bytecode_JumpLoop, loop);
  bab_add_handler(&g->b, try_start, try_end, handler, g->context_reg);
  gen_bind(g, done);
  gen_call_runtime(g, Runtime_DisposeEnd, cap, 1);
}

void gen_dispose_scope_end(Gen *g, DisposeScope *ds) {
  if (!ds->active) return;
  ControlScope *cs = &ds->cs;
  gen_pop_control(g, cs);
  gen_bind(g, ds->end);
  EMIT(g, LdaSmi, kTokenFallThrough);
  EMIT(g, Star, cs->token_reg);
  gen_jump(g, Bytecode_Jump, cs->finally_label);
  gen_bind(g, ds->handler);
  EMIT(g, Star, cs->result_reg);
  EMIT(g, LdaSmi, kTokenRethrow);
  EMIT(g, Star, cs->token_reg);
  gen_bind(g, cs->finally_label);
  bab_add_handler(&g->b, ds->start, ds->end, ds->handler, ds->context_at_try);
  /* Throws the completion's error (or a SuppressedError) when there is one. */
  if (ds->is_async) gen_dispose_async(g, cs->dispose_reg);
  else gen_call_runtime(g, Runtime_DisposeResources, cs->dispose_reg, 3);
  gen_finally_dispatch(g, cs);
  gen_reg_release(g, ds->mark);
}

/* The innermost dispose scope's capability register (the parser allows using declarations
 * only in scopes the generator wraps). */
static int gen_dispose_register(Gen *g) {
  for (ControlScope *cs = g->control; cs; cs = cs->outer) {
    if (cs->kind == CS_TRY_FINALLY && cs->is_dispose) return cs->dispose_reg;
  }
  return -1;
}

void gen_add_disposable(Gen *g, int value_reg, AstDeclKind kind) {
  int cap = gen_dispose_register(g);
  if (cap < 0) { gen_fail(g, kError_SYNTAX_ERROR, "using declaration outside a block"); return; }
  int mark = gen_reg_mark(g);
  int args = gen_new_regs(g, 3);
  EMIT(g, Mov, cap, args);
  EMIT(g, Mov, value_reg, args + 1);
  EMIT(g, LdaSmi, kind == AST_AWAIT_USING ? DISPOSE_HINT_ASYNC : 0);
  EMIT(g, Star, args + 2);
  gen_call_runtime(g, Runtime_AddDisposableResource, args, 3);
  EMIT(g, Star, cap);
  gen_reg_release(g, mark);
}

/* Each binding: its initializer (named evaluation), AddDisposableResource, then the
 * binding's initialization (ES2026 InitializeBinding with a hint adds first). */
void gen_using_declaration(Gen *g, AstNode *n) {
  AstVarDecl *d = &n->u.var_decl;
  for (int i = 0; i < d->count && !g->job->failed; i++) {
    AstDeclarator *dc = &d->declarators[i];
    AstIdent *id = &dc->target->u.ident;
    int mark = gen_reg_mark(g);
    int value = gen_new_reg(g);
    gen_expr_named(g, dc->init, id->name);
    EMIT(g, Star, value);
    bab_set_position(&g->b, dc->target->pos);
    gen_add_disposable(g, value, d->kind);
    EMIT(g, Ldar, value);
    gen_store_var(g, id->var, id->name, STORE_INIT);
    gen_reg_release(g, mark);
  }
}
