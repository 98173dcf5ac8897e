/*
 * bytecode-generator-statements.c: statements, loops, switch, labels, try/catch/finally.
 *
 * Completion values (script and eval code, g->completion_reg >= 0): expression
 * statements store their value; the statements whose completion is
 * UpdateEmpty(..., undefined) in the spec (if, loops, switch, with, try) first reset it to
 * undefined; a finally block's normal completion does not change it.
 */
#include <string.h>

#include "interpreter/bytecode-generator-internal.h"

static void reset_completion(Gen *g) {
  if (g->completion_reg < 0) return;
  EMIT(g, LdaUndefined);
  EMIT(g, Star, g->completion_reg);
}

void gen_statements(Gen *g, AstList *list) {
  for (int i = 0; i < list->length && !g->job->failed; i++) {
    AstNode *n = list->items[i];
    if (n == NULL) continue;
    gen_statement(g, n);
    /* Code after an unconditional jump out is dead. */
    if (n->kind == AST_RETURN || n->kind == AST_THROW || n->kind == AST_BREAK ||
        n->kind == AST_CONTINUE)
      break;
  }
}

/* ---- Declarations -------------------------------------------------------------------- */

static void gen_var_decl(Gen *g, AstNode *n) {
  AstVarDecl *d = &n->u.var_decl;
  if (d->kind == AST_USING || d->kind == AST_AWAIT_USING) {
    gen_using_declaration(g, n);
    return;
  }
  StoreMode mode = d->kind == AST_VAR ? STORE_ASSIGN : STORE_INIT;
  for (int i = 0; i < d->count; i++) {
    AstDeclarator *dc = &d->declarators[i];
    if (dc->target->kind == AST_IDENTIFIER && dc->init && d->kind == AST_VAR &&
        dc->target->u.ident.var && dc->target->u.ident.var->location == VAR_LOCATION_LOOKUP) {
      gen_assign_lookup_identifier(g, dc->target, dc->init);
      continue;
    }
    if (dc->target->kind == AST_IDENTIFIER) {
      AstIdent *id = &dc->target->u.ident;
      if (dc->init == NULL) {
        if (d->kind == AST_VAR) continue;
        EMIT(g, LdaUndefined);
      } else {
        gen_expr_named(g, dc->init, id->name);
      }
      bab_set_position(&g->b, dc->target->pos);
      gen_store_var(g, id->var, id->name, mode);
      continue;
    }
    int mark = gen_reg_mark(g);
    int r = gen_new_reg(g);
    if (dc->init) gen_expr_to(g, dc->init, r);
    else { EMIT(g, LdaUndefined); EMIT(g, Star, r); }
    gen_assign_target(g, dc->target, r, mode);
    gen_reg_release(g, mark);
  }
}

static void gen_function_decl(Gen *g, AstNode *n) {
  AstFunction *fn = &n->u.function;
  if (!fn->is_annexb_hoisted || fn->annexb_var == NULL || fn->decl_var == NULL) return;
  /* Annex B.3.2.1: evaluating the declaration copies the block binding to the var. */
  gen_load_var_raw(g, fn->decl_var);
  if (fn->annexb_var->location == VAR_LOCATION_LOOKUP) {
    /* A sloppy eval's var (B.3.2.3): set in the eval's var scope, past the block's own
     * binding of the name, which a lookup from here would find. */
    int mark = gen_reg_mark(g);
    int regs = gen_new_regs(g, 2);
    EMIT(g, Star, regs + 1);
    EMIT(g, LdaConstant, gen_name(g, fn->annexb_var->name));
    EMIT(g, Star, regs);
    gen_call_runtime(g, Runtime_SetEvalVar, regs, 2);
    gen_reg_release(g, mark);
    return;
  }
  gen_store_var(g, fn->annexb_var, fn->annexb_var->name, STORE_ASSIGN);
}

static void gen_class_decl(Gen *g, AstNode *n) {
  AstClass *c = &n->u.class_lit;
  gen_class(g, c, NULL);
  AstVariable *v = c->decl_var;
  if (v) gen_store_var(g, v, v->name, STORE_INIT);
}

/* An AstString "default" (for NamedEvaluation of `export default` values, ES2025 16.2.3.7). */
static const AstString *default_name(Gen *g) {
  AstString *s = zone_alloc_zeroed(g->job->zone, sizeof(AstString) + 8);
  memcpy(s->data, "default", 8);
  s->byte_length = 7;
  s->utf16_length = 7;
  return s;
}

/* ES2025 16.2.3.7: an exported declaration runs as itself; `export default expr` binds
 * "*default*" to the value (anonymous functions and classes are named "default"). */
static void gen_export(Gen *g, AstNode *n) {
  AstModuleDecl *m = &n->u.module_decl;
  AstNode *d = m->declaration;
  if (d == NULL) return;
  if (!m->is_default || d->kind == AST_FUNCTION_DECL) { gen_statement(g, d); return; }
  if (d->kind == AST_CLASS_DECL) {
    AstClass *c = &d->u.class_lit;
    if (c->name) { gen_statement(g, d); return; }
    gen_class(g, c, default_name(g));
    if (c->decl_var) gen_store_var(g, c->decl_var, c->decl_var->name, STORE_INIT);
    return;
  }
  AstVariable *v = scopes_find_local(g->job->res.program->u.program.scope, "*default*");
  gen_expr_named(g, d, default_name(g));
  if (v) gen_store_var(g, v, v->name, STORE_INIT);
}

static void gen_block(Gen *g, AstNode *n) {
  ControlScope cs;
  int mark = gen_reg_mark(g);
  gen_enter_scope(g, n->u.block.scope, &cs);
  if (n->u.block.scope) gen_hoist_functions(g, &n->u.block.body);
  DisposeScope ds;
  gen_dispose_scope_begin(g, &ds, gen_list_using_kind(&n->u.block.body));
  gen_statements(g, &n->u.block.body);
  gen_dispose_scope_end(g, &ds);
  gen_exit_scope(g, n->u.block.scope, &cs);
  gen_reg_release(g, mark);
}

/* ---- Branches ------------------------------------------------------------------------ */

static bool is_comparison(AstNode *n) {
  if (n->kind != AST_BINARY) return false;
  switch (n->u.binary.op) {
    case AST_OP_EQ: case AST_OP_NE: case AST_OP_EQ_STRICT: case AST_OP_NE_STRICT:
    case AST_OP_LT: case AST_OP_GT: case AST_OP_LTE: case AST_OP_GTE:
    case AST_OP_INSTANCEOF: case AST_OP_IN:
      return true;
    default:
      return false;
  }
}

/* Jumps to label when ToBoolean(n) == when_true, else falls through. */
static void gen_branch(Gen *g, AstNode *n, int label, bool when_true) {
  while (n->kind == AST_PAREN) n = n->u.unary.operand;
  if (n->kind == AST_UNARY && n->u.unary.op == AST_UNARY_NOT) {
    gen_branch(g, n->u.unary.operand, label, !when_true);
    return;
  }
  if (n->kind == AST_LOGICAL && n->u.logical.op != AST_LOGICAL_NULLISH) {
    bool is_and = n->u.logical.op == AST_LOGICAL_AND;
    if (is_and != when_true) {  /* and/false, or/true: either side decides */
      gen_branch(g, n->u.logical.left, label, when_true);
      gen_branch(g, n->u.logical.right, label, when_true);
    } else {
      int skip = gen_label(g);
      gen_branch(g, n->u.logical.left, skip, !when_true);
      gen_branch(g, n->u.logical.right, label, when_true);
      gen_bind(g, skip);
    }
    return;
  }
  if (n->kind == AST_TRUE_LITERAL || n->kind == AST_FALSE_LITERAL) {
    if ((n->kind == AST_TRUE_LITERAL) == when_true) gen_jump(g, Bytecode_Jump, label);
    return;
  }
  gen_expr(g, n);
  if (is_comparison(n))
    gen_jump(g, when_true ? Bytecode_JumpIfTrue : Bytecode_JumpIfFalse, label);
  else
    gen_jump(g, when_true ? Bytecode_JumpIfToBooleanTrue : Bytecode_JumpIfToBooleanFalse, label);
}

void gen_test(Gen *g, AstNode *n, int false_label) { gen_branch(g, n, false_label, false); }

static void gen_if(Gen *g, AstNode *n) {
  reset_completion(g);
  AstIf *s = &n->u.if_stmt;
  int else_label = gen_label(g), end = gen_label(g);
  gen_test(g, s->test, else_label);
  gen_statement(g, s->consequent);
  if (s->alternate) {
    gen_jump(g, Bytecode_Jump, end);
    gen_bind(g, else_label);
    gen_statement(g, s->alternate);
  } else {
    gen_bind(g, else_label);
  }
  gen_bind(g, end);
}

/* ---- Loops and labels ---------------------------------------------------------------- */

static void gen_begin_breakable(Gen *g, ControlScope *cs, bool is_loop) {
  memset(cs, 0, sizeof *cs);
  cs->labels = g->pending_labels;
  cs->label_count = g->pending_label_count;
  g->pending_labels = NULL;
  g->pending_label_count = 0;
  cs->is_loop = is_loop;
  cs->break_label = gen_label(g);
  cs->continue_label = gen_label(g);
  cs->iterator_reg = -1;
  gen_push_control(g, cs, CS_BREAKABLE);
}

static void gen_end_breakable(Gen *g, ControlScope *cs) {
  gen_pop_control(g, cs);
  gen_bind(g, cs->break_label);
}

static bool has_label(ControlScope *cs, const AstString *label) {
  for (int i = 0; i < cs->label_count; i++) {
    const AstString *l = cs->labels[i];
    if (l == label || (l->byte_length == label->byte_length &&
                       memcmp(l->data, label->data, l->byte_length) == 0))
      return true;
  }
  return false;
}

static ControlScope *find_target(Gen *g, const AstString *label, bool is_continue) {
  for (ControlScope *cs = g->control; cs; cs = cs->outer) {
    if (cs->kind != CS_BREAKABLE) continue;
    if (label) {
      if (has_label(cs, label)) return cs;
    } else if (is_continue ? cs->is_loop : (cs->is_loop || cs->is_switch)) {
      return cs;
    }
  }
  return NULL;
}

static void gen_jump_statement(Gen *g, AstNode *n) {
  bool is_continue = n->kind == AST_CONTINUE;
  ControlScope *target = find_target(g, n->u.jump.label, is_continue);
  if (target == NULL) { gen_fail(g, kError_SYNTAX_ERROR, "Illegal break or continue"); return; }
  gen_command(g, is_continue ? CMD_CONTINUE : CMD_BREAK, target);
}

static bool is_loop_kind(AstNodeKind k) {
  return k == AST_FOR || k == AST_FOR_IN || k == AST_FOR_OF || k == AST_WHILE ||
         k == AST_DO_WHILE;
}

static void gen_labeled(Gen *g, AstNode *n) {
  const AstString *labels[64];
  int count = 0;
  for (int i = 0; i < g->pending_label_count && count < 64; i++) labels[count++] = g->pending_labels[i];
  while (n->kind == AST_LABELED) {
    if (count < 64) labels[count++] = n->u.labeled.label;
    n = n->u.labeled.body;
  }
  const AstString **stored = zone_alloc(g->job->zone, sizeof(*stored) * (size_t)(count ? count : 1));
  memcpy(stored, labels, sizeof(*stored) * (size_t)count);
  g->pending_labels = stored;
  g->pending_label_count = count;
  if (is_loop_kind(n->kind) || n->kind == AST_SWITCH) {
    gen_statement(g, n);
    return;
  }
  ControlScope cs;
  gen_begin_breakable(g, &cs, false);
  gen_statement(g, n);
  gen_end_breakable(g, &cs);
}

static void gen_while(Gen *g, AstNode *n) {
  reset_completion(g);
  ControlScope cs;
  gen_begin_breakable(g, &cs, true);
  int header = gen_label(g);
  gen_bind(g, header);
  gen_test(g, n->u.while_stmt.test, cs.break_label);
  gen_statement(g, n->u.while_stmt.body);
  gen_bind(g, cs.continue_label);
  gen_jump(g, Bytecode_JumpLoop, header);
  gen_end_breakable(g, &cs);
}

static void gen_do_while(Gen *g, AstNode *n) {
  reset_completion(g);
  ControlScope cs;
  gen_begin_breakable(g, &cs, true);
  int body = gen_label(g), exit = gen_label(g);
  gen_bind(g, body);
  gen_statement(g, n->u.while_stmt.body);
  gen_bind(g, cs.continue_label);
  gen_test(g, n->u.while_stmt.test, exit);
  gen_jump(g, Bytecode_JumpLoop, body);
  gen_bind(g, exit);
  gen_end_breakable(g, &cs);
}

/* ES2025 14.7.4.4 CreatePerIterationEnvironment: a fresh copy of the loop scope's context. */
static void gen_copy_iteration_context(Gen *g, AstScope *scope, ControlScope *scs) {
  int n = scope->context_slot_count;
  int mark = gen_reg_mark(g);
  int temps = gen_new_regs(g, n);
  for (int i = 0; i < n; i++) {
    EMIT(g, LdaCurrentContextSlot, i);
    EMIT(g, Star, temps + i);
  }
  EMIT(g, PopContext, scs->saved_context_reg);
  EMIT(g, CreateBlockContext, gen_scope_info_constant(g, scope));
  EMIT(g, Star, g->context_reg);
  EMIT(g, PushContext, scs->saved_context_reg);
  for (int i = 0; i < n; i++) {
    EMIT(g, Ldar, temps + i);
    EMIT(g, StaCurrentContextSlot, i);
  }
  gen_reg_release(g, mark);
}

static void gen_for(Gen *g, AstNode *n) {
  reset_completion(g);
  AstFor *f = &n->u.for_stmt;
  int mark = gen_reg_mark(g);
  ControlScope scs;
  gen_enter_scope(g, f->scope, &scs);
  DisposeScope ds;
  AstDeclKind init_kind = f->init && f->init->kind == AST_VAR_DECL ? f->init->u.var_decl.kind
                                                                    : AST_VAR;
  gen_dispose_scope_begin(g, &ds, init_kind >= AST_USING ? (int)init_kind : 0);
  if (f->init) {
    if (f->init->kind == AST_VAR_DECL) gen_var_decl(g, f->init);
    else gen_expr(g, f->init);
  }
  bool per_iteration = f->scope && f->scope->needs_context && f->scope->context_slot_count > 0;
  if (per_iteration) gen_copy_iteration_context(g, f->scope, &scs);
  ControlScope cs;
  gen_begin_breakable(g, &cs, true);
  int header = gen_label(g);
  gen_bind(g, header);
  if (f->test) gen_test(g, f->test, cs.break_label);
  gen_statement(g, f->body);
  gen_bind(g, cs.continue_label);
  if (per_iteration) gen_copy_iteration_context(g, f->scope, &scs);
  if (f->update) gen_expr(g, f->update);
  gen_jump(g, Bytecode_JumpLoop, header);
  gen_end_breakable(g, &cs);
  gen_dispose_scope_end(g, &ds);
  gen_exit_scope(g, f->scope, &scs);
  gen_reg_release(g, mark);
}

/* for-in/of heads: the binding (declaration or assignment target) of each value. */
static void gen_for_each_bind(Gen *g, AstNode *left, int value_reg) {
  if (left->kind == AST_VAR_DECL) {
    AstVarDecl *d = &left->u.var_decl;
    gen_assign_target(g, d->declarators[0].target, value_reg,
                      d->kind == AST_VAR ? STORE_ASSIGN : STORE_INIT);
  } else {
    gen_assign_target(g, left, value_reg, STORE_ASSIGN);
  }
}

/* The right side, evaluated with the head's lexical bindings in their TDZ. */
static void gen_for_each_subject(Gen *g, AstNode *n, int reg) {
  AstForEach *f = &n->u.for_each;
  if (f->left->kind == AST_VAR_DECL && f->left->u.var_decl.kind == AST_VAR &&
      f->left->u.var_decl.declarators[0].init) {  /* annex B for (var x = 1 in o) */
    AstDeclarator *dc = &f->left->u.var_decl.declarators[0];
    gen_expr_named(g, dc->init, dc->target->kind == AST_IDENTIFIER ? dc->target->u.ident.name : NULL);
    int t = gen_new_reg(g);
    EMIT(g, Star, t);
    gen_assign_target(g, dc->target, t, STORE_ASSIGN);
  }
  ControlScope tdz;
  gen_enter_scope(g, f->scope, &tdz);
  gen_expr_to(g, f->right, reg);
  gen_exit_scope(g, f->scope, &tdz);
}

static void gen_for_in(Gen *g, AstNode *n) {
  reset_completion(g);
  AstForEach *f = &n->u.for_each;
  int mark = gen_reg_mark(g);
  int obj = gen_new_reg(g), triple = gen_new_regs(g, 3), index = gen_new_reg(g);
  int key = gen_new_reg(g);
  gen_for_each_subject(g, n, obj);
  int end = gen_label(g);
  EMIT(g, Ldar, obj);
  gen_jump(g, Bytecode_JumpIfUndefinedOrNull, end);
  EMIT(g, ForInEnumerate, obj);
  EMIT(g, ForInPrepare, triple, SLOT(g));
  EMIT(g, LdaZero);
  EMIT(g, Star, index);
  ControlScope cs;
  gen_begin_breakable(g, &cs, true);
  int header = gen_label(g);
  gen_bind(g, header);
  EMIT(g, ForInContinue, index, triple + 2);
  gen_jump(g, Bytecode_JumpIfFalse, cs.break_label);
  EMIT(g, ForInNext, obj, index, triple, SLOT(g));
  gen_jump(g, Bytecode_JumpIfUndefined, cs.continue_label);
  EMIT(g, Star, key);
  ControlScope scs;
  gen_enter_scope(g, f->scope, &scs);
  gen_for_each_bind(g, f->left, key);
  gen_statement(g, f->body);
  gen_exit_scope(g, f->scope, &scs);
  gen_bind(g, cs.continue_label);
  EMIT(g, ForInStep, index);
  gen_jump(g, Bytecode_JumpLoop, header);
  gen_end_breakable(g, &cs);
  gen_bind(g, end);
  gen_reg_release(g, mark);
}

static void gen_for_of(Gen *g, AstNode *n) {
  reset_completion(g);
  AstForEach *f = &n->u.for_each;
  int mark = gen_reg_mark(g);
  int obj = gen_new_reg(g), iter = gen_new_reg(g), next = gen_new_reg(g);
  int done = gen_new_reg(g), result = gen_new_reg(g), value = gen_new_reg(g);
  int exc = gen_new_reg(g);
  gen_for_each_subject(g, n, obj);
  if (f->is_await) {  /* for await: an async iterator, each result awaited */
    EMIT(g, GetAsyncIterator, obj, SLOT(g));
  } else {
    int s1 = SLOT(g), s2 = SLOT(g);
    EMIT(g, GetIterator, obj, s1, s2);
  }
  EMIT(g, Star, iter);
  EMIT(g, GetNamedProperty, iter, gen_cname(g, "next"), SLOT(g));
  EMIT(g, Star, next);
  ControlScope cs;
  gen_begin_breakable(g, &cs, true);
  cs.iterator_reg = iter;
  cs.done_reg = done;
  cs.iterator_is_async = f->is_await;
  int header = gen_label(g), try_start = gen_label(g), try_end = gen_label(g);
  int handler = gen_label(g), rethrow = gen_label(g);
  int32_t context_at_try = g->context_reg;
  gen_bind(g, header);
  EMIT(g, LdaTrue);
  EMIT(g, Star, done);
  if (f->is_await) gen_async_iterator_next(g, iter, next);
  else EMIT(g, IteratorNext, iter, next, SLOT(g));
  EMIT(g, Star, result);
  EMIT(g, GetNamedProperty, result, gen_cname(g, "done"), SLOT(g));
  gen_jump(g, Bytecode_JumpIfToBooleanTrue, cs.break_label);
  EMIT(g, GetNamedProperty, result, gen_cname(g, "value"), SLOT(g));
  EMIT(g, Star, value);
  EMIT(g, LdaFalse);
  EMIT(g, Star, done);
  gen_bind(g, try_start);
  ControlScope scs;
  gen_enter_scope(g, f->scope, &scs);
  DisposeScope ds;
  AstDeclKind decl_kind = f->left->kind == AST_VAR_DECL ? f->left->u.var_decl.kind : AST_VAR;
  gen_dispose_scope_begin(g, &ds, decl_kind >= AST_USING ? (int)decl_kind : 0);
  gen_for_each_bind(g, f->left, value);
  if (ds.active) gen_add_disposable(g, value, decl_kind);
  gen_statement(g, f->body);
  gen_dispose_scope_end(g, &ds);
  gen_exit_scope(g, f->scope, &scs);
  gen_bind(g, try_end);
  gen_bind(g, cs.continue_label);
  gen_jump(g, Bytecode_JumpLoop, header);
  /* A throw from the binding or the body closes the iterator unless it is done. */
  gen_bind(g, handler);
  EMIT(g, Star, exc);
  EMIT(g, Ldar, done);
  gen_jump(g, Bytecode_JumpIfTrue, rethrow);
  if (f->is_await) gen_async_iterator_close(g, iter, true);
  else gen_call_runtime(g, Runtime_IteratorCloseQuiet, iter, 1);
  gen_bind(g, rethrow);
  EMIT(g, Ldar, exc);
  EMIT(g, ReThrow);
  bab_add_handler(&g->b, try_start, try_end, handler, context_at_try);
  gen_end_breakable(g, &cs);
  gen_reg_release(g, mark);
}

/* ---- switch ---------------------------------------------------------------------------- */

static void gen_switch(Gen *g, AstNode *n) {
  reset_completion(g);
  AstSwitch *s = &n->u.switch_stmt;
  int mark = gen_reg_mark(g);
  int disc = gen_new_reg(g);
  gen_expr_to(g, s->discriminant, disc);
  ControlScope scs;
  gen_enter_scope(g, s->scope, &scs);
  if (s->scope) {
    for (int i = 0; i < s->case_count; i++) gen_hoist_functions(g, &s->cases[i].body);
  }
  ControlScope cs;
  gen_begin_breakable(g, &cs, false);
  cs.is_switch = true;
  int *labels = zone_alloc(g->job->zone, sizeof(int) * (size_t)(s->case_count + 1));
  int default_index = -1;
  for (int i = 0; i < s->case_count; i++) {
    labels[i] = gen_label(g);
    if (s->cases[i].test == NULL) { default_index = i; continue; }
    gen_expr(g, s->cases[i].test);
    EMIT(g, TestEqualStrict, disc, SLOT(g));
    gen_jump(g, Bytecode_JumpIfTrue, labels[i]);
  }
  gen_jump(g, Bytecode_Jump, default_index >= 0 ? labels[default_index] : cs.break_label);
  for (int i = 0; i < s->case_count; i++) {
    gen_bind(g, labels[i]);
    AstList *body = &s->cases[i].body;
    for (int k = 0; k < body->length; k++) gen_statement(g, body->items[k]);
  }
  gen_end_breakable(g, &cs);
  gen_exit_scope(g, s->scope, &scs);
  gen_reg_release(g, mark);
}

/* ---- try --------------------------------------------------------------------------------- */

static void gen_try_catch(Gen *g, AstTry *t) {
  int start = gen_label(g), end = gen_label(g), handler = gen_label(g), done = gen_label(g);
  int32_t context_at_try = g->context_reg;
  ControlScope cs;
  memset(&cs, 0, sizeof cs);
  cs.iterator_reg = -1;
  gen_bind(g, start);
  gen_push_control(g, &cs, CS_TRY_CATCH);
  gen_statement(g, t->block);
  gen_pop_control(g, &cs);
  gen_bind(g, end);
  gen_jump(g, Bytecode_Jump, done);
  gen_bind(g, handler);
  int mark = gen_reg_mark(g);
  int exc = gen_new_reg(g);
  EMIT(g, Star, exc);
  ControlScope scs;
  gen_enter_scope(g, t->catch_scope, &scs);
  if (t->param) gen_assign_target(g, t->param, exc, STORE_INIT);
  gen_statement(g, t->handler);
  gen_exit_scope(g, t->catch_scope, &scs);
  gen_reg_release(g, mark);
  gen_bind(g, done);
  bab_add_handler(&g->b, start, end, handler, context_at_try);
}

static void gen_try_finally(Gen *g, AstTry *t) {
  int mark = gen_reg_mark(g);
  ControlScope cs;
  memset(&cs, 0, sizeof cs);
  cs.iterator_reg = -1;
  cs.token_reg = gen_new_reg(g);
  cs.result_reg = gen_new_reg(g);
  cs.finally_label = gen_label(g);
  int start = gen_label(g), end = gen_label(g), handler = gen_label(g);
  int32_t context_at_try = g->context_reg;
  gen_bind(g, start);
  gen_push_control(g, &cs, CS_TRY_FINALLY);
  if (t->handler) gen_try_catch(g, t); else gen_statement(g, t->block);
  gen_pop_control(g, &cs);
  gen_bind(g, end);
  EMIT(g, LdaZero);
  EMIT(g, Star, cs.token_reg);
  gen_jump(g, Bytecode_Jump, cs.finally_label);
  gen_bind(g, handler);
  EMIT(g, Star, cs.result_reg);
  EMIT(g, LdaSmi, kTokenRethrow);
  EMIT(g, Star, cs.token_reg);
  gen_bind(g, cs.finally_label);
  bab_add_handler(&g->b, start, end, handler, context_at_try);
  /* The finally block's own completion counts only when it is abrupt (a break with no
   * value then leaves undefined): start it at undefined, restore on normal exit. */
  int saved_completion = -1;
  if (g->completion_reg >= 0) {
    saved_completion = gen_new_reg(g);
    EMIT(g, Ldar, g->completion_reg);
    EMIT(g, Star, saved_completion);
    EMIT(g, LdaUndefined);
    EMIT(g, Star, g->completion_reg);
  }
  gen_statement(g, t->finalizer);
  if (saved_completion >= 0) {
    EMIT(g, Ldar, saved_completion);
    EMIT(g, Star, g->completion_reg);
  }
  gen_finally_dispatch(g, &cs);
  gen_reg_release(g, mark);
}

void gen_finally_dispatch(Gen *g, ControlScope *cs) {
  for (int i = 0; i < cs->command_count; i++) {
    FinallyCommand *c = &cs->commands[i];
    int next = gen_label(g);
    EMIT(g, LdaSmi, c->token);
    EMIT(g, TestEqualStrict, cs->token_reg, SLOT(g));
    gen_jump(g, Bytecode_JumpIfFalse, next);
    if (c->kind == CMD_RETURN) EMIT(g, Ldar, cs->result_reg);
    gen_command(g, c->kind, c->target);
    gen_bind(g, next);
  }
  int done = gen_label(g);
  EMIT(g, LdaSmi, kTokenRethrow);
  EMIT(g, TestEqualStrict, cs->token_reg, SLOT(g));
  gen_jump(g, Bytecode_JumpIfFalse, done);
  EMIT(g, Ldar, cs->result_reg);
  EMIT(g, ReThrow);
  gen_bind(g, done);
}

static void gen_try(Gen *g, AstNode *n) {
  reset_completion(g);
  AstTry *t = &n->u.try_stmt;
  if (t->finalizer) gen_try_finally(g, t); else gen_try_catch(g, t);
}

/* ---- Dispatch -------------------------------------------------------------------------- */

/* ---- Proper tail calls (ES2025 15.10) ------------------------------------------------ */

/* Strict, ordinary (not resumable, not constructing) function code may tail call. */
static bool function_allows_tail_calls(Gen *g) {
  AstFunction *fn = g->fn;
  if (fn == NULL || !fn->is_strict || fn->is_generator || fn->is_async || g->generator_reg >= 0)
    return false;
  return fn->kind == AST_FUNC_NORMAL || fn->kind == AST_FUNC_ARROW ||
         fn->kind == AST_FUNC_METHOD || fn->kind == AST_FUNC_GETTER ||
         fn->kind == AST_FUNC_SETTER;
}

/* A return here leaves the frame directly: not inside a try block (its handler or
 * finally still runs), nor a for-of (its iterator is closed after the call). */
static bool control_allows_tail_calls(Gen *g) {
  for (ControlScope *cs = g->control; cs; cs = cs->outer) {
    if (cs->kind == CS_TRY_CATCH || cs->kind == CS_TRY_FINALLY) return false;
    if (cs->kind == CS_BREAKABLE && cs->iterator_reg >= 0) return false;
  }
  return true;
}

static void collect_tail_calls(Gen *g, AstNode *e) {
  while (e && e->kind == AST_PAREN) e = e->u.unary.operand;
  if (e == NULL || g->tail_call_count == (int)KILN_ARRAY_SIZE(g->tail_calls)) return;
  switch (e->kind) {
    case AST_CALL:
      if (!e->u.call.optional && e->u.call.callee->kind != AST_SUPER_CALL)
        g->tail_calls[g->tail_call_count++] = e;
      break;
    case AST_TAGGED_TEMPLATE: g->tail_calls[g->tail_call_count++] = e; break;
    case AST_CONDITIONAL:
      collect_tail_calls(g, e->u.conditional.consequent);
      collect_tail_calls(g, e->u.conditional.alternate);
      break;
    case AST_LOGICAL: collect_tail_calls(g, e->u.logical.right); break;
    case AST_SEQUENCE: {
      AstList *l = &e->u.sequence.expressions;
      if (l->length > 0) collect_tail_calls(g, l->items[l->length - 1]);
      break;
    }
    default: break;
  }
}

void gen_tail_calls_begin(Gen *g, AstNode *expr) {
  g->tail_call_count = 0;
  if (function_allows_tail_calls(g) && control_allows_tail_calls(g))
    collect_tail_calls(g, expr);
}

void gen_tail_calls_end(Gen *g) { g->tail_call_count = 0; }

bool gen_is_tail_call(Gen *g, AstNode *call) {
  for (int i = 0; i < g->tail_call_count; i++) {
    if (g->tail_calls[i] == call) return true;
  }
  return false;
}

void gen_statement(Gen *g, AstNode *n) {
  if (n == NULL || g->job->failed || !gen_stack_ok(g)) return;
  if (n->kind != AST_LABELED && !is_loop_kind(n->kind) && n->kind != AST_SWITCH) {
    g->pending_labels = NULL;
    g->pending_label_count = 0;
  }
  bab_set_position(&g->b, n->pos);
  switch (n->kind) {
    case AST_VAR_DECL: gen_var_decl(g, n); break;
    case AST_FUNCTION_DECL: gen_function_decl(g, n); break;
    case AST_CLASS_DECL: gen_class_decl(g, n); break;
    case AST_EXPRESSION_STMT:
      gen_expr(g, n->u.unary.operand);
      if (g->completion_reg >= 0) EMIT(g, Star, g->completion_reg);
      break;
    case AST_BLOCK: gen_block(g, n); break;
    case AST_EMPTY: break;
    case AST_IF: gen_if(g, n); break;
    case AST_FOR: gen_for(g, n); break;
    case AST_FOR_IN: gen_for_in(g, n); break;
    case AST_FOR_OF: gen_for_of(g, n); break;
    case AST_WHILE: gen_while(g, n); break;
    case AST_DO_WHILE: gen_do_while(g, n); break;
    case AST_CONTINUE:
    case AST_BREAK: gen_jump_statement(g, n); break;
    case AST_RETURN:
      if (n->u.unary.operand) {
        gen_tail_calls_begin(g, n->u.unary.operand);
        gen_expr(g, n->u.unary.operand);
        gen_tail_calls_end(g);
        gen_return_value(g);
      } else {
        EMIT(g, LdaUndefined);
      }
      gen_command(g, CMD_RETURN, NULL);
      break;
    case AST_WITH: gen_with_statement(g, n); break;
    case AST_SWITCH: gen_switch(g, n); break;
    case AST_LABELED: gen_labeled(g, n); break;
    case AST_THROW:
      gen_expr(g, n->u.unary.operand);
      bab_set_position(&g->b, n->pos);
      EMIT(g, Throw);
      break;
    case AST_TRY: gen_try(g, n); break;
    case AST_DEBUGGER: EMIT(g, Debugger); break;
    case AST_CLASS_FIELD_INIT: gen_field_init(g, &n->u.field_init); break;
    case AST_IMPORT_DECL: break;  /* bound when the module was linked */
    case AST_EXPORT_DECL: gen_export(g, n); break;
    default:
      gen_expr(g, n);  /* an expression used as a statement by a synthesized body */
      break;
  }
}
