/*
 * bytecode-generator.c: functions, variables, contexts and control-flow commands.
 * See bytecode-generator-internal.h for the shared conventions.
 */
#include "interpreter/bytecode-generator.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heap/factory.h"
#include "interpreter/bytecode-generator-internal.h"
#include "objects/scope-info.h"
#include "objects/shared-function-info.h"
#include "objects/string.h"

/* ---- Registers, labels, constants ---------------------------------------------------- */

int gen_new_reg(Gen *g) {
  int r = g->reg_top++;
  if (g->reg_top > g->reg_max) g->reg_max = g->reg_top;
  return r;
}

int gen_new_regs(Gen *g, int n) {
  int first = g->reg_top;
  g->reg_top += n;
  if (g->reg_top > g->reg_max) g->reg_max = g->reg_top;
  return first;
}

void gen_jump(Gen *g, Bytecode bc, int label) {
  int32_t op = label;
  bab_emit(&g->b, bc, 1, &op);
}

void gen_fail(Gen *g, ErrorKind kind, const char *message) {
  if (!g->job->failed && !isolate_has_pending_exception(g->iso))
    isolate_throw_error(g->iso, kind, "%s", message);
  g->job->failed = true;
  g->b.failed = true;
}

int gen_name(Gen *g, const AstString *s) {
  int idx = bab_constant_ast_string(&g->b, s);
  if (idx < 0) g->job->failed = true;
  return idx < 0 ? 0 : idx;
}

int gen_cname(Gen *g, const char *s) {
  int idx = bab_constant_cstring(&g->b, s);
  if (idx < 0) g->job->failed = true;
  return idx < 0 ? 0 : idx;
}

void gen_load_smi_or_number(Gen *g, double v) {
  if (v == 0 && !signbit(v)) {
    EMIT(g, LdaZero);
  } else if (v >= INT32_MIN && v <= INT32_MAX && v == (double)(int32_t)v &&
             !(v == 0 && signbit(v))) {
    EMIT(g, LdaSmi, (int32_t)v);
  } else {
    int idx = bab_constant_number(&g->b, v);
    if (idx < 0) { g->job->failed = true; idx = 0; }
    EMIT(g, LdaConstant, idx);
  }
}

void gen_load_cstring(Gen *g, const char *s) { EMIT(g, LdaConstant, gen_cname(g, s)); }

void gen_call_runtime(Gen *g, RuntimeFunctionId id, int first, int n) {
  EMIT(g, CallRuntime, (int32_t)id, n ? first : 0, n);
}

void gen_throw_type_error(Gen *g, const char *message) {
  int mark = gen_reg_mark(g);
  int r = gen_new_reg(g);
  gen_load_cstring(g, message);
  EMIT(g, Star, r);
  gen_call_runtime(g, Runtime_ThrowTypeError, r, 1);
  gen_reg_release(g, mark);
}

/* ---- Variables ----------------------------------------------------------------------- */

static int context_depth(Gen *g, AstScope *target) {
  int depth = 0;
  for (AstScope *s = g->scope; s && s != target; s = s->outer) {
    if (s->needs_context) depth++;
  }
  return depth;
}

static bool needs_tdz_check(AstVariable *v) {
  if (v->location != VAR_LOCATION_REGISTER && v->location != VAR_LOCATION_CONTEXT)
    return false;
  switch (v->mode) {
    case VAR_MODE_LET: case VAR_MODE_CONST: case VAR_MODE_CLASS: case VAR_MODE_CLASS_INNER:
      return true;
    case VAR_MODE_PARAM:
      return v->scope->function && !v->scope->function->has_simple_params;
    default:
      return false;
  }
}

/* A named import (VAR_LOCATION_MODULE, index: its import entry): the live binding of the
 * exporting module, with its TDZ check, read by the runtime (execution/modules.h). */
static void gen_load_module_import(Gen *g, AstVariable *v) {
  int mark = gen_reg_mark(g), r = gen_new_reg(g);
  EMIT(g, LdaSmi, v->index);
  EMIT(g, Star, r);
  gen_call_runtime(g, Runtime_LoadModuleImport, r, 1);
  gen_reg_release(g, mark);
}

void gen_load_var_raw(Gen *g, AstVariable *v) {
  switch (v->location) {
    case VAR_LOCATION_MODULE: gen_load_module_import(g, v); break;
    case VAR_LOCATION_PARAMETER: EMIT(g, Ldar, -2 - v->index); break;
    case VAR_LOCATION_REGISTER: EMIT(g, Ldar, v->index); break;
    case VAR_LOCATION_CONTEXT: {
      int depth = context_depth(g, v->scope);
      if (depth == 0) EMIT(g, LdaCurrentContextSlot, v->index);
      else EMIT(g, LdaContextSlot, v->index, depth);
      break;
    }
    case VAR_LOCATION_GLOBAL: EMIT(g, LdaGlobal, gen_name(g, v->name), SLOT(g)); break;
    case VAR_LOCATION_LOOKUP: EMIT(g, LdaLookupSlot, gen_name(g, v->name)); break;
    default:
      if (v->mode == VAR_MODE_THIS) EMIT(g, Ldar, -1); else EMIT(g, LdaUndefined);
      break;
  }
}

void gen_store_var_raw(Gen *g, AstVariable *v) {
  switch (v->location) {
    case VAR_LOCATION_PARAMETER: EMIT(g, Star, -2 - v->index); break;
    case VAR_LOCATION_REGISTER: EMIT(g, Star, v->index); break;
    case VAR_LOCATION_CONTEXT: {
      int depth = context_depth(g, v->scope);
      if (depth == 0) EMIT(g, StaCurrentContextSlot, v->index);
      else EMIT(g, StaContextSlot, v->index, depth);
      break;
    }
    case VAR_LOCATION_GLOBAL: EMIT(g, StaGlobal, gen_name(g, v->name), SLOT(g)); break;
    case VAR_LOCATION_LOOKUP:
      EMIT(g, StaLookupSlot, gen_name(g, v->name), g->is_strict ? 1 : 0);
      break;
    default: break;
  }
}

void gen_load_var(Gen *g, AstVariable *v, const AstString *name, bool inside_typeof) {
  if (v->location == VAR_LOCATION_GLOBAL) {
    int idx = gen_name(g, name);
    if (inside_typeof) EMIT(g, LdaGlobalInsideTypeof, idx, SLOT(g));
    else EMIT(g, LdaGlobal, idx, SLOT(g));
    return;
  }
  if (v->location == VAR_LOCATION_LOOKUP) {
    int idx = gen_name(g, name);
    if (inside_typeof) EMIT(g, LdaLookupSlotInsideTypeof, idx);
    else EMIT(g, LdaLookupSlot, idx);
    return;
  }
  gen_load_var_raw(g, v);
  if (needs_tdz_check(v)) EMIT(g, ThrowReferenceErrorIfHole, gen_name(g, v->name));
}

static bool is_lexical_mode(AstVarMode m) {
  return m == VAR_MODE_LET || m == VAR_MODE_CONST || m == VAR_MODE_CLASS;
}

/* Top-level let/const/class initialization: InitializeLexicalGlobal(name, value). */
static void gen_init_lexical_global(Gen *g, AstVariable *v) {
  int mark = gen_reg_mark(g);
  int regs = gen_new_regs(g, 2);
  EMIT(g, Star, regs + 1);
  EMIT(g, LdaConstant, gen_name(g, v->name));
  EMIT(g, Star, regs);
  gen_call_runtime(g, Runtime_InitializeLexicalGlobal, regs, 2);
  EMIT(g, Ldar, regs + 1);
  gen_reg_release(g, mark);
}

void gen_store_var(Gen *g, AstVariable *v, const AstString *name, StoreMode mode) {
  if (v->location == VAR_LOCATION_GLOBAL && v->mode != VAR_MODE_DYNAMIC) {
    if (mode == STORE_INIT && is_lexical_mode(v->mode)) { gen_init_lexical_global(g, v); return; }
    if (mode == STORE_ASSIGN && v->mode == VAR_MODE_CONST) {
      int mark = gen_reg_mark(g), t = gen_new_reg(g);
      EMIT(g, Star, t);
      EMIT(g, LdaGlobal, gen_name(g, v->name), SLOT(g));  /* TDZ first */
      EMIT(g, Ldar, t);
      EMIT(g, ThrowConstAssignment, gen_name(g, v->name));
      gen_reg_release(g, mark);
      return;
    }
  }
  if (v->location == VAR_LOCATION_GLOBAL || v->location == VAR_LOCATION_LOOKUP) {
    int idx = gen_name(g, v->mode == VAR_MODE_DYNAMIC ? name : v->name);
    if (v->location == VAR_LOCATION_GLOBAL) EMIT(g, StaGlobal, idx, SLOT(g));
    else EMIT(g, StaLookupSlot, idx, g->is_strict ? 1 : 0);
    return;
  }
  if (v->location == VAR_LOCATION_MODULE) {  /* imports are immutable: TDZ, then TypeError */
    int mark = gen_reg_mark(g), t = gen_new_reg(g);
    EMIT(g, Star, t);
    gen_load_module_import(g, v);
    EMIT(g, Ldar, t);
    EMIT(g, ThrowConstAssignment, gen_name(g, v->name));
    gen_reg_release(g, mark);
    return;
  }
  if (mode == STORE_ASSIGN) {
    if (needs_tdz_check(v)) {
      int mark = gen_reg_mark(g), t = gen_new_reg(g);
      EMIT(g, Star, t);
      gen_load_var_raw(g, v);
      EMIT(g, ThrowReferenceErrorIfHole, gen_name(g, v->name));
      EMIT(g, Ldar, t);
      gen_reg_release(g, mark);
    }
    if (v->mode == VAR_MODE_CONST || v->mode == VAR_MODE_CLASS_INNER) {
      EMIT(g, ThrowConstAssignment, gen_name(g, v->name));
      return;
    }
    if (v->mode == VAR_MODE_FUNCTION_NAME) {
      if (g->is_strict) EMIT(g, ThrowConstAssignment, gen_name(g, v->name));
      return;  /* sloppy: silently ignored */
    }
  }
  gen_store_var_raw(g, v);
}

void gen_load_named_var(Gen *g, const char *name) {
  AstVariable *v = scopes_lookup(&g->job->res, g->scope, name);
  if (v->location == VAR_LOCATION_GLOBAL) { EMIT(g, LdaUndefined); return; }
  if (v->location == VAR_LOCATION_LOOKUP) { EMIT(g, LdaLookupSlot, gen_cname(g, name)); return; }
  gen_load_var_raw(g, v);
}

void gen_store_named_var(Gen *g, const char *name) {
  AstVariable *v = scopes_lookup(&g->job->res, g->scope, name);
  if (v->location == VAR_LOCATION_GLOBAL) return;
  if (v->location == VAR_LOCATION_LOOKUP) {
    EMIT(g, StaLookupSlot, gen_cname(g, name), 1);
    return;
  }
  gen_store_var_raw(g, v);
}

/* The binding of an implicit name ("this", "new.target", ...) of the receiver function
 * fn (NULL: top level), or NULL when it has none. */
static AstVariable *implicit_var(Gen *g, AstFunction *fn, const char *name) {
  AstScope *s = fn ? fn->scope : g->job->res.program->u.program.scope;
  AstVariable *v = scopes_find_local(s, name);
  if (v == NULL || v->location == VAR_LOCATION_UNALLOCATED) return NULL;
  return v;
}

void gen_load_this(Gen *g) {
  bool crossed;
  AstFunction *f = scopes_receiver_function(g->scope, &crossed);
  if (f == NULL && g->job->is_direct_eval) { EMIT(g, LdaLookupSlot, gen_cname(g, "this")); return; }
  AstVariable *v = implicit_var(g, f, "this");
  bool derived = f && f->kind == AST_FUNC_DERIVED_CONSTRUCTOR;
  if (v == NULL || (!crossed && !derived)) { EMIT(g, Ldar, -1); return; }
  gen_load_var_raw(g, v);
  if (derived) EMIT(g, ThrowSuperNotCalledIfHole);
}

static void gen_load_implicit(Gen *g, const char *name) {
  bool crossed;
  AstFunction *f = scopes_receiver_function(g->scope, &crossed);
  if (f == NULL) {
    if (g->job->is_direct_eval) EMIT(g, LdaLookupSlot, gen_cname(g, name));
    else EMIT(g, LdaUndefined);
    return;
  }
  AstVariable *v = implicit_var(g, f, name);
  if (v == NULL) { EMIT(g, LdaUndefined); return; }
  gen_load_var_raw(g, v);
}

void gen_load_new_target(Gen *g) { gen_load_implicit(g, "new.target"); }
void gen_load_home_object(Gen *g) { gen_load_implicit(g, ".home_object"); }
void gen_load_active_function(Gen *g) { gen_load_implicit(g, ".function"); }

/* ---- Scopes -------------------------------------------------------------------------- */

void gen_init_tdz(Gen *g, AstScope *scope) {
  for (AstVariable *v = scope->variables; v; v = v->next) {
    bool tdz = v->mode == VAR_MODE_LET || v->mode == VAR_MODE_CONST ||
               v->mode == VAR_MODE_CLASS || v->mode == VAR_MODE_CLASS_INNER;
    if (!tdz) continue;
    if (v->location != VAR_LOCATION_REGISTER && v->location != VAR_LOCATION_CONTEXT) continue;
    EMIT(g, LdaTheHole);
    gen_store_var_raw(g, v);
  }
}

int gen_scope_info_constant(Gen *g, AstScope *scope) {
  Handle si = scope_info_new(g->iso, scope, ROOT_HANDLE(g->iso, undefined_value));
  if (handle_is_null(si)) { g->job->failed = true; g->b.failed = true; return 0; }
  int idx = bab_constant_handle(&g->b, si);
  return idx < 0 ? 0 : idx;
}

/* Pushes scope's context (acc must hold a new context when with_object >= -1... see
 * callers): records it in cs so commands leaving the scope pop it. */
static void gen_push_context(Gen *g, ControlScope *cs) {
  int ctx = gen_new_reg(g);
  int saved = gen_new_reg(g);
  EMIT(g, Star, ctx);
  EMIT(g, PushContext, saved);
  gen_push_control(g, cs, CS_CONTEXT);
  cs->saved_context_reg = saved;
  cs->prev_context_reg = g->context_reg;
  g->context_reg = ctx;
}

void gen_enter_scope(Gen *g, AstScope *scope, ControlScope *cs) {
  memset(cs, 0, sizeof *cs);
  cs->prev_scope = g->scope;
  cs->saved_context_reg = -1;
  if (scope == NULL) return;
  if (scope->needs_context && scope->kind != SCOPE_WITH) {
    int si = gen_scope_info_constant(g, scope);
    if (scope->is_declaration_scope) EMIT(g, CreateFunctionContext, si, scope->context_slot_count);
    else EMIT(g, CreateBlockContext, si);
    gen_push_context(g, cs);
  }
  g->scope = scope;
  gen_init_tdz(g, scope);
}

/* `with (obj)`: obj is in object_reg. */
static void gen_enter_with_scope(Gen *g, AstScope *scope, int object_reg, ControlScope *cs) {
  memset(cs, 0, sizeof *cs);
  cs->prev_scope = g->scope;
  int si = gen_scope_info_constant(g, scope);
  EMIT(g, CreateWithContext, object_reg, si);
  gen_push_context(g, cs);
  g->scope = scope;
}

void gen_exit_scope(Gen *g, AstScope *scope, ControlScope *cs) {
  if (scope == NULL) return;
  if (cs->saved_context_reg >= 0 && cs->kind == CS_CONTEXT) {
    EMIT(g, PopContext, cs->saved_context_reg);
    gen_pop_control(g, cs);
    g->context_reg = cs->prev_context_reg;
  }
  g->scope = cs->prev_scope;
}

void gen_with_statement(Gen *g, AstNode *n) {
  int mark = gen_reg_mark(g);
  int obj = gen_new_reg(g);
  gen_expr_to(g, n->u.with_stmt.object, obj);
  if (g->completion_reg >= 0) { EMIT(g, LdaUndefined); EMIT(g, Star, g->completion_reg); }
  ControlScope cs;
  gen_enter_with_scope(g, n->u.with_stmt.scope, obj, &cs);
  gen_statement(g, n->u.with_stmt.body);
  gen_exit_scope(g, n->u.with_stmt.scope, &cs);
  gen_reg_release(g, mark);
}

/* Function declarations of a statement list: closures made on entry (hoisting). */
void gen_hoist_functions(Gen *g, AstList *body) {
  for (int i = 0; i < body->length; i++) {
    AstNode *n = body->items[i];
    if (n && n->kind == AST_EXPORT_DECL) n = n->u.module_decl.declaration;  /* export function */
    if (n == NULL || n->kind != AST_FUNCTION_DECL) continue;
    AstFunction *fn = &n->u.function;
    AstVariable *v = fn->decl_var;
    if (v == NULL) continue;
    gen_closure(g, fn, NULL, NULL);
    if (v->location == VAR_LOCATION_LOOKUP) {  /* sloppy eval: a var of the caller */
      int mark = gen_reg_mark(g);
      int regs = gen_new_regs(g, 2);
      EMIT(g, Star, regs + 1);
      EMIT(g, LdaConstant, gen_name(g, v->name));
      EMIT(g, Star, regs);
      gen_call_runtime(g, Runtime_DeclareEvalFunction, regs, 2);
      gen_reg_release(g, mark);
    } else if (v->location == VAR_LOCATION_GLOBAL) {
      int mark = gen_reg_mark(g);
      int regs = gen_new_regs(g, 2);
      EMIT(g, Star, regs + 1);
      EMIT(g, LdaConstant, gen_name(g, v->name));
      EMIT(g, Star, regs);
      gen_call_runtime(g, Runtime_DeclareGlobalFunction, regs, 2);
      gen_reg_release(g, mark);
    } else {
      gen_store_var_raw(g, v);
    }
  }
}

/* ---- Control flow -------------------------------------------------------------------- */

void gen_push_control(Gen *g, ControlScope *cs, ControlKind kind) {
  cs->kind = kind;
  cs->outer = g->control;
  cs->iterator_reg = cs->iterator_reg ? cs->iterator_reg : -1;
  g->control = cs;
}

void gen_pop_control(Gen *g, ControlScope *cs) {
  DCHECK(g->control == cs);
  g->control = cs->outer;
}

/* Closes cs's iterator unless it is done (a destructuring pattern's may be, when a yield
 * in a default value is resumed with return()). */
static void gen_close_iterator(Gen *g, ControlScope *cs, bool keep_acc) {
  int mark = gen_reg_mark(g);
  int t = -1, skip = gen_label(g);
  if (keep_acc) { t = gen_new_reg(g); EMIT(g, Star, t); }
  EMIT(g, Ldar, cs->done_reg);
  gen_jump(g, Bytecode_JumpIfTrue, skip);
  EMIT(g, LdaTrue);
  EMIT(g, Star, cs->done_reg);
  if (cs->iterator_is_async) gen_async_iterator_close(g, cs->iterator_reg, false);
  else EMIT(g, IteratorClose, cs->iterator_reg);
  gen_bind(g, skip);
  if (keep_acc) EMIT(g, Ldar, t);
  gen_reg_release(g, mark);
}

static bool finally_outside(ControlScope *cs) {
  for (; cs; cs = cs->outer) {
    if (cs->kind == CS_TRY_FINALLY) return true;
  }
  return false;
}

void gen_command(Gen *g, CommandKind kind, ControlScope *target) {
  /* A return leaves the frame: contexts need popping only for a finally on the way. */
  bool pop_contexts = kind != CMD_RETURN || finally_outside(g->control);
  for (ControlScope *cs = g->control; cs; cs = cs->outer) {
    if (cs == target && kind != CMD_RETURN) {
      if (kind == CMD_BREAK && cs->iterator_reg >= 0) gen_close_iterator(g, cs, false);
      gen_jump(g, Bytecode_Jump, kind == CMD_BREAK ? cs->break_label : cs->continue_label);
      return;
    }
    switch (cs->kind) {
      case CS_CONTEXT:
        if (pop_contexts) EMIT(g, PopContext, cs->saved_context_reg);
        break;
      case CS_BREAKABLE:
        if (cs->iterator_reg >= 0) gen_close_iterator(g, cs, kind == CMD_RETURN);
        break;
      case CS_TRY_FINALLY: {
        if (cs->command_count == (int)KILN_ARRAY_SIZE(cs->commands)) {
          gen_fail(g, kError_SYNTAX_ERROR, "too many jumps out of a try block");
          return;
        }
        int token = cs->command_count + 1;
        cs->commands[cs->command_count++] = (FinallyCommand){kind, target, token};
        if (kind == CMD_RETURN) EMIT(g, Star, cs->result_reg);
        EMIT(g, LdaSmi, token);
        EMIT(g, Star, cs->token_reg);
        gen_jump(g, Bytecode_Jump, cs->finally_label);
        return;
      }
      case CS_TRY_CATCH: break;
    }
  }
  if (kind == CMD_RETURN) gen_return(g);
}

void gen_return(Gen *g) {
  if (gen_is_resumable(g)) {
    gen_resumable_return(g);
    return;
  }
  if (g->fn && g->fn->kind == AST_FUNC_DERIVED_CONSTRUCTOR) {
    /* ES2025 10.2.2 [[Construct]] steps 10-12 run once the frame is gone, so the function's
     * own handlers cannot catch their errors: undefined becomes the this binding as is
     * (the hole when super() was never called), and the caller's construct_result
     * (interpreter-calls.c) throws the TypeError / ReferenceError. */
    int ret = gen_label(g);
    AstVariable *v = implicit_var(g, g->fn, "this");
    gen_jump(g, Bytecode_JumpIfNotUndefined, ret);
    if (v) gen_load_var_raw(g, v); else EMIT(g, Ldar, -1);
    gen_bind(g, ret);
  }
  EMIT(g, Return);
}

/* ---- Functions ----------------------------------------------------------------------- */

static Handle make_name(Isolate *iso, const AstString *name, const char *prefix) {
  char buf[256];
  const char *text = name ? name->data : "";
  size_t len = name ? name->byte_length : 0;
  if (prefix && *prefix) {
    size_t plen = strlen(prefix);
    char *tmp = plen + len + 1 <= sizeof buf ? buf : malloc(plen + len + 1);
    if (tmp == NULL) FATAL("out of memory");
    memcpy(tmp, prefix, plen);
    memcpy(tmp + plen, text, len);
    Handle h = string_internalize_utf8(iso, tmp, plen + len);
    if (tmp != buf) free(tmp);
    return h;
  }
  return string_internalize_utf8(iso, text, len);
}

static int formal_parameter_count(AstFunction *fn) {
  int n = fn->params.length;
  if (n > 0 && fn->params.items[n - 1] && fn->params.items[n - 1]->kind == AST_REST_ELEMENT) n--;
  return n;
}

/* The implicit bindings of the prologue: this, new.target, the active function, the home
 * object, arguments, a named function expression's own name. */
static void gen_prologue_implicits(Gen *g) {
  AstFunction *fn = g->fn;
  AstScope *s = fn->scope;
  AstVariable *v;
  if ((v = scopes_find_local(s, "this")) && v->location != VAR_LOCATION_UNALLOCATED &&
      v->mode == VAR_MODE_THIS) {
    if (fn->kind == AST_FUNC_DERIVED_CONSTRUCTOR) EMIT(g, LdaTheHole); else EMIT(g, Ldar, -1);
    gen_store_var_raw(g, v);
  }
  if ((v = scopes_find_local(s, "new.target")) && v->location != VAR_LOCATION_UNALLOCATED) {
    gen_call_runtime(g, Runtime_GetNewTarget, 0, 0);
    gen_store_var_raw(g, v);
  }
  if ((v = scopes_find_local(s, ".function")) && v->location != VAR_LOCATION_UNALLOCATED) {
    gen_call_runtime(g, Runtime_GetActiveFunction, 0, 0);
    gen_store_var_raw(g, v);
  }
  if ((v = scopes_find_local(s, ".home_object")) && v->location != VAR_LOCATION_UNALLOCATED) {
    int mark = gen_reg_mark(g), r = gen_new_reg(g);
    gen_call_runtime(g, Runtime_GetActiveFunction, 0, 0);
    EMIT(g, Star, r);
    gen_call_runtime(g, Runtime_GetHomeObject, r, 1);
    gen_store_var_raw(g, v);
    gen_reg_release(g, mark);
  }
  if ((v = scopes_find_mode(s, VAR_MODE_ARGUMENTS)) && v->location != VAR_LOCATION_UNALLOCATED) {
    if (!fn->is_strict && fn->has_simple_params) EMIT(g, CreateMappedArguments);
    else EMIT(g, CreateUnmappedArguments);
    gen_store_var_raw(g, v);
  }
  v = fn->name_var;
  if (v && fn->is_named_expression && v->location != VAR_LOCATION_UNALLOCATED &&
      v->location != VAR_LOCATION_GLOBAL && v->location != VAR_LOCATION_LOOKUP) {
    gen_call_runtime(g, Runtime_GetActiveFunction, 0, 0);
    gen_store_var_raw(g, v);
  }
}

static void gen_parameters(Gen *g) {
  AstFunction *fn = g->fn;
  if (fn->has_simple_params) {
    for (int i = 0; i < fn->params.length; i++) {  /* captured parameters: to their slots */
      AstNode *p = fn->params.items[i];
      if (!p || p->kind != AST_IDENTIFIER || !p->u.ident.var) continue;
      AstVariable *v = p->u.ident.var;
      if (v->location != VAR_LOCATION_CONTEXT) continue;
      EMIT(g, Ldar, -2 - i);
      gen_store_var_raw(g, v);
    }
    return;
  }
  for (AstVariable *v = fn->scope->variables; v; v = v->next) {  /* parameters' TDZ */
    if (v->mode != VAR_MODE_PARAM) continue;
    if (v->location != VAR_LOCATION_REGISTER && v->location != VAR_LOCATION_CONTEXT) continue;
    EMIT(g, LdaTheHole);
    gen_store_var_raw(g, v);
  }
  for (int i = 0; i < fn->params.length; i++) {
    AstNode *p = fn->params.items[i];
    if (p == NULL) continue;
    int mark = gen_reg_mark(g);
    if (p->kind == AST_REST_ELEMENT) {
      int r = gen_new_reg(g);
      EMIT(g, CreateRestParameter);
      EMIT(g, Star, r);
      gen_assign_target(g, p->u.unary.operand, r, STORE_INIT);
    } else {
      gen_assign_target(g, p, -2 - i, STORE_INIT);
    }
    gen_reg_release(g, mark);
  }
}

/* The body's separate var scope (non-simple parameters): vars named like a parameter (or
 * `arguments`, when the function has the object) start with its value (ES2025 10.2.11
 * step 28.f.i.4). */
static void gen_copy_params_to_body(Gen *g, AstScope *body) {
  for (AstVariable *v = body->variables; v; v = v->next) {
    if (v->mode != VAR_MODE_VAR) continue;
    AstVariable *p = NULL;
    for (AstVariable *q = g->fn->scope->variables; q; q = q->next) {
      bool param = q->mode == VAR_MODE_PARAM ||
                   (q->mode == VAR_MODE_ARGUMENTS && q->location != VAR_LOCATION_UNALLOCATED);
      if (param && q->name->byte_length == v->name->byte_length &&
          memcmp(q->name->data, v->name->data, v->name->byte_length) == 0) p = q;
    }
    if (p == NULL) continue;
    gen_load_var_raw(g, p);
    gen_store_var_raw(g, v);
  }
}

static void gen_function_body(Gen *g) {
  AstFunction *fn = g->fn;
  AstScope *start = fn->scope;
  while (start->outer && start->outer->function == fn) start = start->outer;
  /* Scopes of the function outside its own (a named expression's name scope). */
  ControlScope outer_cs[4];
  AstScope *chain[4];
  int outer_count = 0;
  for (AstScope *s = fn->scope->outer; s && s->function == fn && outer_count < 4; s = s->outer)
    chain[outer_count++] = s;
  g->scope = start->outer;
  if (gen_is_resumable(g)) gen_resumable_begin(g);
  for (int i = outer_count - 1; i >= 0; i--) gen_enter_scope(g, chain[i], &outer_cs[i]);
  ControlScope fcs;
  gen_enter_scope(g, fn->scope, &fcs);
  gen_prologue_implicits(g);
  if (fn->kind == AST_FUNC_CLASS_CONSTRUCTOR) gen_instance_initialization(g, fn->home_class, -1);
  gen_parameters(g);
  ControlScope bcs;
  AstScope *body = fn->body_scope && fn->body_scope != fn->scope ? fn->body_scope : NULL;
  if (body) {
    gen_enter_scope(g, body, &bcs);
    gen_copy_params_to_body(g, body);
  }
  gen_hoist_functions(g, &fn->body);
  if (gen_is_resumable(g)) gen_resumable_after_declarations(g);
  if (fn->kind == AST_FUNC_DERIVED_CONSTRUCTOR && fn->is_default_constructor)
    gen_super_call_forwarding_arguments(g);
  if (fn->is_expression_body && fn->body.length == 1 && fn->body.items[0]->kind == AST_RETURN) {
    gen_tail_calls_begin(g, fn->body.items[0]->u.unary.operand);
    gen_expr(g, fn->body.items[0]->u.unary.operand);
    gen_tail_calls_end(g);
    gen_return(g);
  } else {
    DisposeScope ds;
    gen_dispose_scope_begin(g, &ds, gen_list_using_kind(&fn->body));
    gen_statements(g, &fn->body);
    gen_dispose_scope_end(g, &ds);
    if (fn->kind == AST_FUNC_DERIVED_CONSTRUCTOR) {
      gen_load_this(g);
      EMIT(g, Return);
    } else {
      EMIT(g, LdaUndefined);
      gen_return(g);
    }
  }
  if (gen_is_resumable(g)) gen_resumable_end(g);
}

static SfiKind sfi_kind_of(AstFunctionKind k) { return (SfiKind)k; }

static void set_function_flags(Tagged sfi, AstFunction *fn) {
  sfi_set_kind(sfi, sfi_kind_of(fn->kind));
  sfi_set_is_strict(sfi, fn->is_strict);
  sfi_set_is_arrow(sfi, fn->kind == AST_FUNC_ARROW);
  bool is_method = fn->kind == AST_FUNC_METHOD || fn->kind == AST_FUNC_GETTER ||
                   fn->kind == AST_FUNC_SETTER;
  sfi_set_is_method(sfi, is_method);
  sfi_set_is_getter(sfi, fn->kind == AST_FUNC_GETTER);
  sfi_set_is_setter(sfi, fn->kind == AST_FUNC_SETTER);
  sfi_set_is_generator(sfi, fn->is_generator);
  sfi_set_is_async(sfi, fn->is_async);
  bool is_class = fn->kind == AST_FUNC_CLASS_CONSTRUCTOR ||
                  fn->kind == AST_FUNC_DERIVED_CONSTRUCTOR;
  sfi_set_is_class_constructor(sfi, is_class);
  sfi_set_is_derived_constructor(sfi, fn->kind == AST_FUNC_DERIVED_CONSTRUCTOR);
  bool ctor = is_class || (fn->kind == AST_FUNC_NORMAL && !fn->is_async && !fn->is_generator);
  sfi_set_is_constructor(sfi, ctor);
  sfi_set_has_prototype_property(sfi, (fn->kind == AST_FUNC_NORMAL && !fn->is_async) ||
                                          (fn->is_generator && fn->kind != AST_FUNC_ARROW) ||
                                          is_class);
  sfi_set_has_simple_parameters(sfi, fn->has_simple_params);
  sfi_set_uses_sloppy_arguments(sfi, !fn->is_strict && fn->has_simple_params &&
                                         scopes_find_mode(fn->scope, VAR_MODE_ARGUMENTS));
  sfi_set_needs_home_object(sfi, scopes_find_local(fn->scope, ".home_object") != NULL);
  sfi_set_is_class_fields_init(sfi, fn->kind == AST_FUNC_CLASS_FIELDS_INIT);
  sfi_set_not_supported(sfi, false);
}

static void gen_init(Gen *g, CompileJob *job, AstFunction *fn, AstScope *closure_scope) {
  memset(g, 0, sizeof *g);
  g->job = job;
  g->iso = job->iso;
  g->fn = fn;
  g->closure_scope = closure_scope;
  g->scope = closure_scope->outer;
  g->context_reg = kHandlerFunctionContext;
  g->completion_reg = -1;
  g->optional_chain_label = -1;
  g->generator_reg = -1;
  g->async_try_start = -1;
  g->is_strict = fn ? fn->is_strict : closure_scope->is_strict;
}

/* Fills sfi's code fields from g. */
static bool gen_finish(Gen *g, Handle sfi, AstScope *scope, int param_count) {
  Handle ba = bab_finish(&g->b, g->reg_max, param_count + 1);
  if (handle_is_null(ba)) return false;
  Handle si = scope_info_new(g->iso, scope, ROOT_HANDLE(g->iso, undefined_value));
  if (handle_is_null(si)) return false;
  sfi_set_function_data(H(sfi), H(ba));
  sfi_set_scope_info(H(sfi), H(si));
  sfi_set_script(H(sfi), H(g->job->script));
  return true;
}

Handle gen_compile_function(CompileJob *job, AstFunction *fn, const AstString *name,
                            const char *prefix) {
  if (job->failed) return HANDLE_NULL;
  Isolate *iso = job->iso;
  HandleScope hs;
  handle_scope_open_escapable(iso, &hs);
  Handle result = HANDLE_NULL;
  Gen *g = calloc(1, sizeof *g);
  if (g == NULL) FATAL("out of memory");
  gen_init(g, job, fn, fn->scope);
  bool is_ctor = fn->kind == AST_FUNC_CLASS_CONSTRUCTOR || fn->kind == AST_FUNC_DERIVED_CONSTRUCTOR;
  const AstString *fname = is_ctor ? name : fn->name ? fn->name : name;
  Handle sfi = HANDLE_NULL;
  Handle hname = make_name(iso, fname, fname ? prefix : NULL);
  if (!handle_is_null(hname)) sfi = shared_function_info_new(iso, hname);
  if (!handle_is_null(sfi) && bab_init(&g->b, iso)) {
    g->local_count = scopes_allocate(&job->res, fn->scope, fn);
    g->reg_top = g->reg_max = g->local_count;
    Tagged s = H(sfi);
    set_function_flags(s, fn);
    sfi_set_is_anonymous(s, fname == NULL);
    sfi_set_formal_parameter_count(s, formal_parameter_count(fn));
    sfi_set_length(s, fn->length);
    sfi_set_start_position(s, fn->start);
    sfi_set_end_position(s, fn->end);
    sfi_set_function_id(s, fn->function_id);
    gen_function_body(g);
    if (!job->failed && gen_finish(g, sfi, fn->scope, formal_parameter_count(fn)))
      result = handle_scope_escape(&hs, sfi);
    else
      job->failed = true;
  } else {
    job->failed = true;
  }
  bab_dispose(&g->b);
  free(g->resume_labels);
  free(g);
  handle_scope_close(&hs);
  return result;
}

void gen_closure(Gen *g, AstFunction *fn, const AstString *name, const char *prefix) {
  Handle sfi = gen_compile_function(g->job, fn, name, prefix);
  if (handle_is_null(sfi)) {
    g->job->failed = true;
    g->b.failed = true;
    EMIT(g, LdaUndefined);
    return;
  }
  int idx = bab_constant_handle(&g->b, sfi);
  EMIT(g, CreateClosure, idx < 0 ? 0 : idx, SLOT(g), 0);
}

/* ---- Programs (scripts and eval code) ------------------------------------------------- */

/* DeclareGlobals' kinds. */
enum { DECL_VAR = 0, DECL_FUNCTION = 1, DECL_LET = 2, DECL_CONST = 3, DECL_CLASS = 4 };

static bool is_toplevel_function_var(AstList *body, AstVariable *v) {
  for (int i = 0; i < body->length; i++) {
    AstNode *n = body->items[i];
    if (n && n->kind == AST_FUNCTION_DECL && n->u.function.decl_var == v) return true;
  }
  return false;
}

static void gen_declare_globals(Gen *g, AstScope *scope, AstList *body) {
  int count = 0;
  for (AstVariable *v = scope->variables; v; v = v->next) {
    if (v->location == VAR_LOCATION_GLOBAL) count++;
  }
  if (count == 0) return;
  Handle decls = factory_new_fixed_array(g->iso, 2 * count);
  if (handle_is_null(decls)) { g->job->failed = true; g->b.failed = true; return; }
  int i = 0;
  for (AstVariable *v = scope->variables; v; v = v->next) {
    if (v->location != VAR_LOCATION_GLOBAL) continue;
    int kind = DECL_VAR;
    switch (v->mode) {
      case VAR_MODE_LET: kind = DECL_LET; break;
      case VAR_MODE_CONST: kind = DECL_CONST; break;
      case VAR_MODE_CLASS: kind = DECL_CLASS; break;
      default: kind = is_toplevel_function_var(body, v) ? DECL_FUNCTION : DECL_VAR; break;
    }
    Handle name = string_internalize_utf8(g->iso, v->name->data, v->name->byte_length);
    if (handle_is_null(name)) { g->job->failed = true; g->b.failed = true; return; }
    fixed_array_set(H(decls), 2 * i, H(name));
    fixed_array_set(H(decls), 2 * i + 1, smi_from_int(kind));
    i++;
  }
  int idx = bab_constant_handle(&g->b, decls);
  int mark = gen_reg_mark(g), r = gen_new_reg(g);
  EMIT(g, LdaConstant, idx < 0 ? 0 : idx);
  EMIT(g, Star, r);
  gen_call_runtime(g, Runtime_DeclareGlobals, r, 1);
  gen_reg_release(g, mark);
}

static bool is_eval_var(AstVariable *v) {
  return v->location == VAR_LOCATION_LOOKUP && v->mode == VAR_MODE_VAR;
}

/* A sloppy eval's checks of every var and function name before any is declared (ES2025
 * 19.2.1.3 steps 3, 10, 13): CheckEvalDeclarations with (name, DECL_VAR|DECL_FUNCTION). */
static void gen_check_eval_declarations(Gen *g, AstScope *scope, AstList *body) {
  int count = 0;
  for (AstVariable *v = scope->variables; v; v = v->next) count += is_eval_var(v);
  if (count == 0) return;
  Handle decls = factory_new_fixed_array(g->iso, 2 * count);
  if (handle_is_null(decls)) { g->job->failed = true; g->b.failed = true; return; }
  int i = 0;
  for (AstVariable *v = scope->variables; v; v = v->next) {
    if (!is_eval_var(v)) continue;
    Handle name = string_internalize_utf8(g->iso, v->name->data, v->name->byte_length);
    if (handle_is_null(name)) { g->job->failed = true; g->b.failed = true; return; }
    int kind = is_toplevel_function_var(body, v) ? DECL_FUNCTION : DECL_VAR;
    fixed_array_set(H(decls), 2 * i, H(name));
    fixed_array_set(H(decls), 2 * i + 1, smi_from_int(kind));
    i++;
  }
  int idx = bab_constant_handle(&g->b, decls);
  int mark = gen_reg_mark(g), r = gen_new_reg(g);
  EMIT(g, LdaConstant, idx < 0 ? 0 : idx);
  EMIT(g, Star, r);
  gen_call_runtime(g, Runtime_CheckEvalDeclarations, r, 1);
  gen_reg_release(g, mark);
}

/* A sloppy eval's vars go to the caller's var scope (ES2025 19.2.1.3 step 16-17). */
static void gen_declare_eval_vars(Gen *g, AstScope *scope, AstList *body) {
  for (AstVariable *v = scope->variables; v; v = v->next) {
    if (v->location != VAR_LOCATION_LOOKUP || v->mode != VAR_MODE_VAR) continue;
    if (is_toplevel_function_var(body, v)) continue;
    int mark = gen_reg_mark(g), r = gen_new_reg(g);
    EMIT(g, LdaConstant, gen_name(g, v->name));
    EMIT(g, Star, r);
    gen_call_runtime(g, Runtime_DeclareEvalVar, r, 1);
    gen_reg_release(g, mark);
  }
}

Handle gen_compile_program(CompileJob *job, AstNode *program) {
  Isolate *iso = job->iso;
  HandleScope hs;
  handle_scope_open_escapable(iso, &hs);
  Handle result = HANDLE_NULL;
  AstProgram *p = &program->u.program;
  Gen *g = calloc(1, sizeof *g);
  if (g == NULL) FATAL("out of memory");
  gen_init(g, job, NULL, p->scope);
  g->is_strict = p->is_strict;
  Handle sfi = shared_function_info_new(iso, ROOT_HANDLE(iso, empty_string));
  if (!handle_is_null(sfi) && bab_init(&g->b, iso)) {
    g->local_count = scopes_allocate(&job->res, p->scope, NULL);
    g->reg_top = g->reg_max = g->local_count;
    ControlScope cs;
    gen_enter_scope(g, p->scope, &cs);
    AstVariable *this_var = scopes_find_local(p->scope, "this");
    if (this_var && this_var->location == VAR_LOCATION_CONTEXT) {
      EMIT(g, Ldar, -1);
      gen_store_var_raw(g, this_var);
    }
    g->completion_reg = gen_new_reg(g);
    EMIT(g, LdaUndefined);
    EMIT(g, Star, g->completion_reg);
    if (p->scope->kind == SCOPE_SCRIPT) gen_declare_globals(g, p->scope, &p->body);
    if (p->scope->kind == SCOPE_EVAL && !p->scope->is_strict)
      gen_check_eval_declarations(g, p->scope, &p->body);
    gen_hoist_functions(g, &p->body);
    if (p->scope->kind == SCOPE_EVAL && !p->scope->is_strict)
      gen_declare_eval_vars(g, p->scope, &p->body);
    gen_statements(g, &p->body);
    EMIT(g, Ldar, g->completion_reg);
    EMIT(g, Return);
    Tagged s = H(sfi);
    sfi_set_kind(s, job->is_eval ? SFI_KIND_EVAL : SFI_KIND_SCRIPT);
    sfi_set_is_strict(s, p->is_strict);
    sfi_set_is_toplevel(s, true);
    sfi_set_is_eval(s, job->is_eval);
    sfi_set_has_simple_parameters(s, true);
    sfi_set_end_position(s, program->u.program.scope->end);
    if (!job->failed && gen_finish(g, sfi, p->scope, 0)) result = handle_scope_escape(&hs, sfi);
    else job->failed = true;
  } else {
    job->failed = true;
  }
  bab_dispose(&g->b);
  free(g);
  handle_scope_close(&hs);
  return result;
}
