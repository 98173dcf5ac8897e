/*
 * bytecode-generator-patterns.c: assignment, update, and destructuring of every target kind
 * (identifiers, members, super members, private members, object and array patterns).
 */
#include <string.h>

#include "interpreter/bytecode-generator-internal.h"

static AstNode *strip(AstNode *n) {
  while (n && n->kind == AST_PAREN) n = n->u.unary.operand;
  return n;
}

/* ES2025 B.3.7: a call as the target of `=`, `op=`, `++`/`--` or for-in/of (sloppy code
 * only; the parser allows nothing else): the call is evaluated, then a ReferenceError is
 * thrown before the right-hand side or any GetValue (13.15.2 step 1.a). The code after it
 * is unreachable; acc is left as the call's result. */
static bool gen_call_target_error(Gen *g, AstNode *target) {
  if (target->kind != AST_CALL) return false;
  gen_expr(g, target);
  int mark = gen_reg_mark(g), r = gen_new_reg(g);
  gen_load_cstring(g, "Invalid left-hand side in assignment");
  EMIT(g, Star, r);
  gen_call_runtime(g, Runtime_ThrowReferenceError, r, 1);
  gen_reg_release(g, mark);
  return true;
}

/* ---- References: a target evaluated into registers, then read or written ------------- */

typedef enum {
  REF_VAR, REF_LOOKUP, REF_NAMED, REF_KEYED, REF_PRIVATE, REF_SUPER_NAMED, REF_SUPER_KEYED
} RefKind;

typedef struct {
  RefKind kind;
  AstNode *node;
  int obj;        /* object / receiver (this for super) */
  int key;        /* key register (keyed, private), or home object for super */
  int home;
  int name_idx;   /* constant index of the name */
} Reference;

/* Evaluates the parts of a target that come before the value (ES2025 13.15.2 step 1).
 * read_too: the reference is read before it is written (compound assignment, update):
 * a computed key is then converted once, after the base is checked (13.15.2 step 2,
 * EvaluatePropertyAccessWithExpressionKey's delayed ToPropertyKey). */
static void gen_reference(Gen *g, AstNode *t, Reference *ref, bool read_too) {
  memset(ref, 0, sizeof *ref);
  ref->node = t;
  switch (t->kind) {
    case AST_IDENTIFIER:
      if (t->u.ident.var && t->u.ident.var->location == VAR_LOCATION_LOOKUP) {
        /* Resolve the binding now (9.1.2.1 ResolveBinding): a `with` object or a context
         * found here is the one assigned to, even if the right-hand side adds a closer
         * binding (a sloppy eval's var) or removes the property. ref->obj: the holder,
         * ref->key: the name. */
        ref->kind = REF_LOOKUP;
        ref->obj = gen_new_reg(g);
        ref->key = gen_new_reg(g);
        ref->name_idx = gen_name(g, t->u.ident.name);
        EMIT(g, LdaConstant, ref->name_idx);
        EMIT(g, Star, ref->key);
        gen_call_runtime(g, Runtime_ResolveLookupBinding, ref->key, 1);
        EMIT(g, Star, ref->obj);
      } else {
        ref->kind = REF_VAR;
      }
      break;
    case AST_MEMBER: {
      AstNode *p = t->u.member.property;
      ref->obj = gen_new_reg(g);
      gen_expr_to(g, t->u.member.object, ref->obj);
      if (t->u.member.computed) {
        ref->kind = REF_KEYED;
        ref->key = gen_new_reg(g);
        gen_expr(g, p);
        EMIT(g, Star, ref->key);
        if (read_too) {
          int ok = gen_label(g);
          EMIT(g, Ldar, ref->obj);
          gen_jump(g, Bytecode_JumpIfNotUndefinedOrNull, ok);
          gen_throw_type_error(g, "Cannot read properties of null or undefined");
          gen_bind(g, ok);
          EMIT(g, Ldar, ref->key);
          EMIT(g, ToName);
          EMIT(g, Star, ref->key);
        }
      } else if (p->kind == AST_PRIVATE_NAME) {
        ref->kind = REF_PRIVATE;
        ref->key = gen_new_reg(g);
        gen_load_var(g, p->u.ident.var, p->u.ident.name, false);
        EMIT(g, Star, ref->key);
      } else {
        ref->kind = REF_NAMED;
        ref->name_idx = gen_name(g, p->u.ident.name);
      }
      break;
    }
    case AST_SUPER_MEMBER:
      ref->obj = gen_new_reg(g);
      ref->home = gen_new_reg(g);
      gen_load_this(g);
      EMIT(g, Star, ref->obj);
      if (t->u.member.computed) {
        ref->kind = REF_SUPER_KEYED;
        ref->key = gen_new_reg(g);
        gen_expr(g, t->u.member.property);
        EMIT(g, Star, ref->key);
      } else {
        ref->kind = REF_SUPER_NAMED;
        ref->name_idx = gen_name(g, t->u.member.property->u.ident.name);
      }
      gen_load_home_object(g);
      EMIT(g, Star, ref->home);
      break;
    default:
      ref->kind = REF_VAR;
      break;
  }
}

/* REF_LOOKUP: GetValue / PutValue through the holder found at resolution. The holder and
 * name registers are consecutive (gen_reference). */
static void gen_lookup_reference_load(Gen *g, Reference *ref) {
  gen_call_runtime(g, Runtime_LoadLookupBinding, ref->obj, 2);
}

static void gen_lookup_reference_store(Gen *g, Reference *ref) {
  int mark = gen_reg_mark(g);
  int args = gen_new_regs(g, 3);
  EMIT(g, Star, args + 2);
  EMIT(g, Ldar, ref->obj);
  EMIT(g, Star, args);
  EMIT(g, Ldar, ref->key);
  EMIT(g, Star, args + 1);
  gen_call_runtime(g, Runtime_StoreLookupBinding, args, 3);
  gen_reg_release(g, mark);
}

static void gen_reference_load(Gen *g, Reference *ref) {
  switch (ref->kind) {
    case REF_VAR: {
      AstVariable *v = ref->node->u.ident.var ? ref->node->u.ident.var : g->job->res.global_var;
      gen_load_var(g, v, ref->node->u.ident.name, false);
      break;
    }
    case REF_LOOKUP: gen_lookup_reference_load(g, ref); break;
    case REF_NAMED: EMIT(g, GetNamedProperty, ref->obj, ref->name_idx, SLOT(g)); break;
    case REF_KEYED:
      EMIT(g, Ldar, ref->key);
      EMIT(g, GetKeyedProperty, ref->obj, SLOT(g));
      break;
    case REF_PRIVATE: EMIT(g, GetPrivateField, ref->obj, ref->key); break;
    case REF_SUPER_NAMED:
      EMIT(g, Ldar, ref->home);
      EMIT(g, GetNamedPropertyFromSuper, ref->obj, ref->name_idx, SLOT(g));
      break;
    case REF_SUPER_KEYED:
      EMIT(g, Ldar, ref->home);
      EMIT(g, GetKeyedPropertyFromSuper, ref->obj, ref->key);
      break;
  }
}

/* Stores acc into the reference; acc keeps the value. */
static void gen_reference_store(Gen *g, Reference *ref, StoreMode mode) {
  switch (ref->kind) {
    case REF_VAR: {
      AstVariable *v = ref->node->u.ident.var ? ref->node->u.ident.var : g->job->res.global_var;
      gen_store_var(g, v, ref->node->u.ident.name, mode);
      break;
    }
    case REF_LOOKUP: gen_lookup_reference_store(g, ref); break;
    case REF_NAMED: EMIT(g, SetNamedProperty, ref->obj, ref->name_idx, SLOT(g)); break;
    case REF_KEYED: EMIT(g, SetKeyedProperty, ref->obj, ref->key, SLOT(g)); break;
    case REF_PRIVATE: EMIT(g, SetPrivateField, ref->obj, ref->key); break;
    case REF_SUPER_NAMED: EMIT(g, SetNamedPropertyToSuper, ref->home, ref->obj, ref->name_idx); break;
    case REF_SUPER_KEYED: EMIT(g, SetKeyedPropertyToSuper, ref->home, ref->obj, ref->key); break;
  }
}

/* ---- Destructuring ---------------------------------------------------------------------- */

/* Is target's reference evaluated before its value is produced (13.15.5.5 / 13.15.5.6
 * step 1, 8.6.2 KeyedBindingInitialization step 2): member targets, and names resolved at
 * run time (with, sloppy eval), whose binding is found first. */
static bool is_early_reference(AstNode *target) {
  if (target == NULL) return false;
  if (target->kind == AST_MEMBER || target->kind == AST_SUPER_MEMBER) return true;
  return target->kind == AST_IDENTIFIER && target->u.ident.var &&
         target->u.ident.var->location == VAR_LOCATION_LOOKUP;
}

/* The default of an early-reference target: elem = value when elem is undefined (an
 * anonymous function gets the target's name when it is an identifier). */
static void gen_early_reference_default(Gen *g, AstNode *e, AstNode *target, int elem) {
  if (e->kind != AST_ASSIGN_PATTERN) return;
  int have = gen_label(g);
  EMIT(g, Ldar, elem);
  gen_jump(g, Bytecode_JumpIfNotUndefined, have);
  gen_expr_named(g, e->u.assign.value,
                 target->kind == AST_IDENTIFIER ? target->u.ident.name : NULL);
  EMIT(g, Star, elem);
  gen_bind(g, have);
}

static void gen_require_object_coercible(Gen *g, int value) {
  int ok = gen_label(g);
  EMIT(g, Ldar, value);
  gen_jump(g, Bytecode_JumpIfNotUndefinedOrNull, ok);
  gen_throw_type_error(g, "Cannot destructure 'undefined' or 'null'");
  gen_bind(g, ok);
}

static void gen_object_pattern(Gen *g, AstObject *o, int value, StoreMode mode) {
  gen_require_object_coercible(g, value);
  bool has_rest = o->count > 0 && o->properties[o->count - 1].kind == AST_PROP_SPREAD;
  int mark = gen_reg_mark(g);
  int keys = has_rest ? gen_new_regs(g, o->count > 1 ? o->count - 1 : 1) : -1;
  for (int i = 0; i < o->count; i++) {
    AstProperty *p = &o->properties[i];
    int inner = gen_reg_mark(g);
    int elem = gen_new_reg(g);
    if (p->kind == AST_PROP_SPREAD) {
      EMIT(g, CreateEmptyObjectLiteral);
      EMIT(g, Star, elem);
      EMIT(g, CopyDataProperties, elem, value, keys, o->count - 1);
      gen_assign_target(g, p->value, elem, mode);
      gen_reg_release(g, inner);
      continue;
    }
    AstNode *key = p->key;
    const AstString *name = NULL;
    int k = -1;
    if (!p->computed && (key->kind == AST_IDENTIFIER || key->kind == AST_STRING_LITERAL)) {
      name = key->kind == AST_IDENTIFIER ? key->u.ident.name : key->u.string.value;
      if (has_rest) {
        EMIT(g, LdaConstant, gen_name(g, name));
        EMIT(g, Star, keys + i);
      }
    } else {
      k = has_rest ? keys + i : gen_new_reg(g);
      gen_expr(g, key);
      EMIT(g, ToName);
      EMIT(g, Star, k);
    }
    /* A member target is evaluated before the property is read (13.15.5.6 step 1). */
    AstNode *e = strip(p->value);
    AstNode *target = e && e->kind == AST_ASSIGN_PATTERN ? strip(e->u.assign.target) : e;
    bool is_ref = is_early_reference(target);
    Reference ref;
    if (is_ref) gen_reference(g, target, &ref, false);
    if (name) {
      EMIT(g, GetNamedProperty, value, gen_name(g, name), SLOT(g));
    } else {
      EMIT(g, Ldar, k);
      EMIT(g, GetKeyedProperty, value, SLOT(g));
    }
    EMIT(g, Star, elem);
    if (is_ref) {
      gen_early_reference_default(g, e, target, elem);
      EMIT(g, Ldar, elem);
      gen_reference_store(g, &ref, mode);
    } else {
      gen_assign_target(g, p->value, elem, mode);
    }
    gen_reg_release(g, inner);
  }
  gen_reg_release(g, mark);
}

/* One IteratorStep + IteratorValue into elem (undefined once done). */
static void gen_iterator_step(Gen *g, int iter, int next, int done, int elem) {
  int is_done = gen_label(g), have = gen_label(g);
  int mark = gen_reg_mark(g), result = gen_new_reg(g);
  EMIT(g, Ldar, done);
  gen_jump(g, Bytecode_JumpIfTrue, is_done);
  EMIT(g, LdaTrue);
  EMIT(g, Star, done);
  EMIT(g, IteratorNext, iter, next, SLOT(g));
  EMIT(g, Star, result);
  EMIT(g, GetNamedProperty, result, gen_cname(g, "done"), SLOT(g));
  gen_jump(g, Bytecode_JumpIfToBooleanTrue, is_done);
  EMIT(g, GetNamedProperty, result, gen_cname(g, "value"), SLOT(g));
  EMIT(g, Star, elem);
  EMIT(g, LdaFalse);
  EMIT(g, Star, done);
  gen_jump(g, Bytecode_Jump, have);
  gen_bind(g, is_done);
  EMIT(g, LdaUndefined);
  EMIT(g, Star, elem);
  gen_bind(g, have);
  gen_reg_release(g, mark);
}

/* `...target` (13.15.5.5 AssignmentRestElement): a member target's reference is evaluated
 * before the remaining values are collected. */
static void gen_array_rest(Gen *g, AstNode *target, int iter, int next, int done, StoreMode mode) {
  int mark = gen_reg_mark(g);
  target = strip(target);
  Reference ref;
  bool is_ref = is_early_reference(target);
  if (is_ref) gen_reference(g, target, &ref, false);
  int arr = gen_new_reg(g), index = gen_new_reg(g), result = gen_new_reg(g);
  EMIT(g, CreateEmptyArrayLiteral, SLOT(g));
  EMIT(g, Star, arr);
  EMIT(g, LdaZero);
  EMIT(g, Star, index);
  int loop = gen_label(g), end = gen_label(g);
  gen_bind(g, loop);
  EMIT(g, Ldar, done);
  gen_jump(g, Bytecode_JumpIfTrue, end);
  EMIT(g, LdaTrue);
  EMIT(g, Star, done);
  EMIT(g, IteratorNext, iter, next, SLOT(g));
  EMIT(g, Star, result);
  EMIT(g, GetNamedProperty, result, gen_cname(g, "done"), SLOT(g));
  gen_jump(g, Bytecode_JumpIfToBooleanTrue, end);
  EMIT(g, GetNamedProperty, result, gen_cname(g, "value"), SLOT(g));
  EMIT(g, StaInArrayLiteral, arr, index, SLOT(g));
  EMIT(g, Ldar, index);
  EMIT(g, Inc, SLOT(g));
  EMIT(g, Star, index);
  EMIT(g, LdaFalse);
  EMIT(g, Star, done);
  gen_jump(g, Bytecode_JumpLoop, loop);
  gen_bind(g, end);
  if (is_ref) {
    EMIT(g, Ldar, arr);
    gen_reference_store(g, &ref, mode);
  } else {
    gen_assign_target(g, target, arr, mode);
  }
  gen_reg_release(g, mark);
}

/* ES2025 8.6.2 IteratorBindingInitialization / 13.15.5.5 IteratorDestructuringAssignment,
 * closing the iterator on abrupt completion (quietly when a throw is in flight). */
static void gen_array_pattern(Gen *g, AstArray *a, int value, StoreMode mode) {
  int mark = gen_reg_mark(g);
  int iter = gen_new_reg(g), next = gen_new_reg(g), done = gen_new_reg(g), exc = gen_new_reg(g);
  int s1 = SLOT(g), s2 = SLOT(g);
  EMIT(g, GetIterator, value, s1, s2);
  EMIT(g, Star, iter);
  EMIT(g, GetNamedProperty, iter, gen_cname(g, "next"), SLOT(g));
  EMIT(g, Star, next);
  EMIT(g, LdaFalse);
  EMIT(g, Star, done);
  int try_start = gen_label(g), try_end = gen_label(g), handler = gen_label(g);
  int after = gen_label(g), rethrow = gen_label(g), closed = gen_label(g);
  int32_t context_at_try = g->context_reg;
  gen_bind(g, try_start);
  /* In a generator, a yield inside the pattern may be resumed with return(): the return
   * closes the iterator (gen_command) unless it is done. */
  ControlScope cs;
  memset(&cs, 0, sizeof cs);
  if (g->generator_reg >= 0) {
    gen_push_control(g, &cs, CS_BREAKABLE);
    cs.iterator_reg = iter;
    cs.done_reg = done;
  }
  for (int i = 0; i < a->elements.length; i++) {
    AstNode *e = strip(a->elements.items[i]);
    if (e && e->kind == AST_REST_ELEMENT) {
      gen_array_rest(g, e->u.unary.operand, iter, next, done, mode);
      continue;
    }
    int inner = gen_reg_mark(g), elem = gen_new_reg(g);
    /* Member targets are evaluated before the step (13.15.5.5 step 1). */
    AstNode *target = e && e->kind == AST_ASSIGN_PATTERN ? strip(e->u.assign.target) : e;
    Reference ref;
    bool is_ref = is_early_reference(target);
    if (is_ref) gen_reference(g, target, &ref, false);
    gen_iterator_step(g, iter, next, done, elem);
    if (e && is_ref) {
      gen_early_reference_default(g, e, target, elem);
      EMIT(g, Ldar, elem);
      gen_reference_store(g, &ref, mode);
    } else if (e) {
      gen_assign_target(g, e, elem, mode);
    }
    gen_reg_release(g, inner);
  }
  if (g->generator_reg >= 0) gen_pop_control(g, &cs);
  gen_bind(g, try_end);
  EMIT(g, Ldar, done);
  gen_jump(g, Bytecode_JumpIfTrue, closed);
  EMIT(g, IteratorClose, iter);
  gen_bind(g, closed);
  gen_jump(g, Bytecode_Jump, after);
  gen_bind(g, handler);
  EMIT(g, Star, exc);
  EMIT(g, Ldar, done);
  gen_jump(g, Bytecode_JumpIfTrue, rethrow);
  gen_call_runtime(g, Runtime_IteratorCloseQuiet, iter, 1);
  gen_bind(g, rethrow);
  EMIT(g, Ldar, exc);
  EMIT(g, ReThrow);
  gen_bind(g, after);
  bab_add_handler(&g->b, try_start, try_end, handler, context_at_try);
  gen_reg_release(g, mark);
}

void gen_assign_target(Gen *g, AstNode *target, int value_reg, StoreMode mode) {
  target = strip(target);
  if (gen_call_target_error(g, target)) return;
  switch (target->kind) {
    case AST_IDENTIFIER: {
      AstVariable *v = target->u.ident.var ? target->u.ident.var : g->job->res.global_var;
      EMIT(g, Ldar, value_reg);
      gen_store_var(g, v, target->u.ident.name, mode);
      break;
    }
    case AST_ASSIGN_PATTERN: {  /* target = default */
      int mark = gen_reg_mark(g), v = gen_new_reg(g);
      int have = gen_label(g), done = gen_label(g);
      EMIT(g, Ldar, value_reg);
      gen_jump(g, Bytecode_JumpIfNotUndefined, have);
      AstNode *inner = strip(target->u.assign.target);
      gen_expr_named(g, target->u.assign.value,
                     inner->kind == AST_IDENTIFIER ? inner->u.ident.name : NULL);
      gen_jump(g, Bytecode_Jump, done);
      gen_bind(g, have);
      EMIT(g, Ldar, value_reg);
      gen_bind(g, done);
      EMIT(g, Star, v);
      gen_assign_target(g, inner, v, mode);
      gen_reg_release(g, mark);
      break;
    }
    case AST_OBJECT_PATTERN:
    case AST_OBJECT_LITERAL: gen_object_pattern(g, &target->u.object, value_reg, mode); break;
    case AST_ARRAY_PATTERN:
    case AST_ARRAY_LITERAL: gen_array_pattern(g, &target->u.array, value_reg, mode); break;
    case AST_MEMBER:
    case AST_SUPER_MEMBER: {
      int mark = gen_reg_mark(g);
      Reference ref;
      gen_reference(g, target, &ref, false);
      EMIT(g, Ldar, value_reg);
      gen_reference_store(g, &ref, mode);
      gen_reg_release(g, mark);
      break;
    }
    default:
      gen_fail(g, kError_SYNTAX_ERROR, "Invalid destructuring assignment target");
      break;
  }
}

/* `x = value` for an identifier resolved at run time (a var in `with` or sloppy eval
 * code): the binding is resolved before the value is evaluated. acc = the value. */
void gen_assign_lookup_identifier(Gen *g, AstNode *ident, AstNode *value) {
  int mark = gen_reg_mark(g);
  Reference ref;
  gen_reference(g, ident, &ref, false);
  gen_expr_named(g, value, ident->u.ident.name);
  gen_reference_store(g, &ref, STORE_ASSIGN);
  gen_reg_release(g, mark);
}

/* ---- Assignment expressions -------------------------------------------------------------- */

/* Whether evaluating n can run no code that might create or delete a global binding. */
static bool is_effect_free(AstNode *n) {
  n = strip(n);
  switch (n->kind) {
    case AST_NUMBER_LITERAL: case AST_STRING_LITERAL: case AST_BIGINT_LITERAL:
    case AST_NULL_LITERAL: case AST_TRUE_LITERAL: case AST_FALSE_LITERAL:
    case AST_FUNCTION: case AST_THIS:
      return true;
    case AST_IDENTIFIER: {  /* a local read: no getter, no with object */
      AstVariable *v = n->u.ident.var;
      return v && v->location != VAR_LOCATION_GLOBAL && v->location != VAR_LOCATION_LOOKUP;
    }
    default:
      return false;
  }
}

/* Strict `name = value` where name is declared nowhere in this program (the global
 * stand-in): ES2025 13.15.2 resolves the reference before value is evaluated, so a binding
 * the value creates (`x = (this.x = 1)`) leaves the reference unresolvable and PutValue
 * throws (6.2.5.6 step 3.a). A binding deleted meanwhile makes StaGlobal throw (the object
 * record's SetMutableBinding, 9.1.1.2.5 step 2). Only when value may run code. */
static bool gen_strict_undeclared_assignment(Gen *g, AstNode *n, AstNode *target) {
  AstAssign *a = &n->u.assign;
  AstVariable *v = target->u.ident.var ? target->u.ident.var : g->job->res.global_var;
  if (!g->is_strict || a->kind != AST_ASSIGN_PLAIN || v->location != VAR_LOCATION_GLOBAL ||
      v->mode != VAR_MODE_DYNAMIC || is_effect_free(a->value))
    return false;
  int mark = gen_reg_mark(g), name = gen_new_reg(g), had = gen_new_reg(g);
  int value = gen_new_reg(g), store = gen_label(g);
  int idx = gen_name(g, target->u.ident.name);
  EMIT(g, LdaConstant, idx);
  EMIT(g, Star, name);
  gen_call_runtime(g, Runtime_HasGlobalBinding, name, 1);
  EMIT(g, Star, had);
  gen_expr_named(g, a->value, target->parenthesized ? NULL : target->u.ident.name);
  EMIT(g, Star, value);
  EMIT(g, Ldar, had);
  gen_jump(g, Bytecode_JumpIfTrue, store);
  bab_set_position(&g->b, n->pos);
  gen_call_runtime(g, Runtime_ThrowNotDefined, name, 1);
  gen_bind(g, store);
  EMIT(g, Ldar, value);
  bab_set_position(&g->b, n->pos);
  gen_store_var(g, v, target->u.ident.name, STORE_ASSIGN);
  gen_reg_release(g, mark);
  return true;
}

void gen_assignment(Gen *g, AstNode *n) {
  AstAssign *a = &n->u.assign;
  AstNode *target = strip(a->target);
  if (gen_call_target_error(g, target)) return;
  if (target->kind == AST_IDENTIFIER && gen_strict_undeclared_assignment(g, n, target)) return;
  int mark = gen_reg_mark(g);
  const AstString *name = target->kind == AST_IDENTIFIER ? target->u.ident.name : NULL;
  if (a->kind == AST_ASSIGN_PLAIN &&
      (target->kind == AST_OBJECT_PATTERN || target->kind == AST_ARRAY_PATTERN ||
       target->kind == AST_OBJECT_LITERAL || target->kind == AST_ARRAY_LITERAL)) {
    int v = gen_new_reg(g);
    gen_expr_to(g, a->value, v);
    gen_assign_target(g, target, v, STORE_ASSIGN);
    EMIT(g, Ldar, v);
    gen_reg_release(g, mark);
    return;
  }
  Reference ref;
  gen_reference(g, target, &ref, a->kind != AST_ASSIGN_PLAIN);
  if (a->kind == AST_ASSIGN_PLAIN) {
    gen_expr_named(g, a->value, target->parenthesized ? NULL : name);
  } else if (a->kind == AST_ASSIGN_COMPOUND) {
    int old = gen_new_reg(g);
    gen_reference_load(g, &ref);
    EMIT(g, Star, old);
    gen_expr(g, a->value);
    int32_t ops[2] = {old, SLOT(g)};
    bab_set_position(&g->b, n->pos);
    bab_emit(&g->b, gen_binary_bytecode((AstBinaryOp)a->op), 2, ops);
  } else {
    int end = gen_label(g);
    gen_reference_load(g, &ref);
    Bytecode bc = a->op == AST_LOGICAL_AND ? Bytecode_JumpIfToBooleanFalse
                  : a->op == AST_LOGICAL_OR ? Bytecode_JumpIfToBooleanTrue
                                            : Bytecode_JumpIfNotUndefinedOrNull;
    gen_jump(g, bc, end);
    gen_expr_named(g, a->value, target->parenthesized ? NULL : name);
    bab_set_position(&g->b, n->pos);
    gen_reference_store(g, &ref, STORE_ASSIGN);
    gen_bind(g, end);
    gen_reg_release(g, mark);
    return;
  }
  bab_set_position(&g->b, n->pos);
  gen_reference_store(g, &ref, STORE_ASSIGN);
  gen_reg_release(g, mark);
}

void gen_update(Gen *g, AstNode *n) {
  AstUpdate *u = &n->u.update;
  AstNode *target = strip(u->target);
  if (gen_call_target_error(g, target)) return;
  int mark = gen_reg_mark(g);
  Reference ref;
  gen_reference(g, target, &ref, true);
  gen_reference_load(g, &ref);
  EMIT(g, ToNumeric, SLOT(g));
  int old = -1;
  if (!u->is_prefix) { old = gen_new_reg(g); EMIT(g, Star, old); }
  if (u->is_increment) EMIT(g, Inc, SLOT(g)); else EMIT(g, Dec, SLOT(g));
  bab_set_position(&g->b, n->pos);
  gen_reference_store(g, &ref, STORE_ASSIGN);
  if (old >= 0) EMIT(g, Ldar, old);
  gen_reg_release(g, mark);
}
