/*
 * bytecode-generator-classes.c: ES2025 15.7.14 ClassDefinitionEvaluation, instance
 * initialization (private methods, fields) and the field initializer functions.
 *
 * A class evaluation, in the class scope (whose context holds the private names and the
 * synthetic bindings of scopes.h):
 *   1. each private name gets a new private symbol (CreatePrivateName);
 *   2. heritage, the constructor closure, CreateClass (prototype in a register);
 *   3. members in order: computed keys (field keys are kept in ".class_field_<i>"),
 *      public methods/accessors defined (non-enumerable), static private methods defined on
 *      the constructor, instance private methods' closures kept in ".private_method_<i>";
 *   4. the instance field initializer closure into ".fields_init";
 *   5. the inner name binding initialized; then the static initializer (static fields and
 *      blocks) runs with this = the constructor.
 * Constructors run InitializeInstanceElements: base ones on entry, derived ones after each
 * super() returns (gen_instance_initialization).
 */
#include <string.h>

#include "interpreter/bytecode-generator-internal.h"

static bool is_private_method_kind(AstClassMember *m) {
  return m->is_private && (m->kind == AST_CLASS_METHOD || m->kind == AST_CLASS_GETTER ||
                           m->kind == AST_CLASS_SETTER);
}

/* The setter member that pairs with private getter i (same name and placement), or -1. */
static int find_private_pair(AstClass *cls, int i, AstClassMemberKind want) {
  AstClassMember *m = &cls->members[i];
  for (int j = 0; j < cls->member_count; j++) {
    AstClassMember *o = &cls->members[j];
    if (j != i && o->kind == want && o->is_private && o->is_static == m->is_static &&
        o->private_var == m->private_var)
      return j;
  }
  return -1;
}

static void load_member_var(Gen *g, const char *prefix, int i) {
  char buf[32];
  gen_load_named_var(g, scopes_member_name(buf, prefix, i));
}

/* ES2025 7.3.34 InitializeInstanceElements(receiver, constructor of cls). */
void gen_instance_initialization(Gen *g, AstClass *cls, int receiver) {
  if (cls == NULL) return;
  for (int i = 0; i < cls->member_count; i++) {
    AstClassMember *m = &cls->members[i];
    if (!is_private_method_kind(m) || m->is_static) continue;
    int mark = gen_reg_mark(g);
    if (m->kind == AST_CLASS_METHOD) {
      int regs = gen_new_regs(g, 3);
      EMIT(g, Mov, receiver, regs);
      gen_load_var_raw(g, m->private_var);
      EMIT(g, Star, regs + 1);
      load_member_var(g, ".private_method_", i);
      EMIT(g, Star, regs + 2);
      gen_call_runtime(g, Runtime_DefinePrivateMethod, regs, 3);
    } else {
      int getter = m->kind == AST_CLASS_GETTER ? i : find_private_pair(cls, i, AST_CLASS_GETTER);
      int setter = m->kind == AST_CLASS_SETTER ? i : find_private_pair(cls, i, AST_CLASS_SETTER);
      if (m->kind == AST_CLASS_SETTER && getter >= 0) { gen_reg_release(g, mark); continue; }
      int regs = gen_new_regs(g, 4);
      EMIT(g, Mov, receiver, regs);
      gen_load_var_raw(g, m->private_var);
      EMIT(g, Star, regs + 1);
      if (getter >= 0) load_member_var(g, ".private_method_", getter); else EMIT(g, LdaUndefined);
      EMIT(g, Star, regs + 2);
      if (setter >= 0) load_member_var(g, ".private_method_", setter); else EMIT(g, LdaUndefined);
      EMIT(g, Star, regs + 3);
      gen_call_runtime(g, Runtime_DefinePrivateAccessor, regs, 4);
    }
    gen_reg_release(g, mark);
  }
  if (cls->instance_fields_init) {
    int mark = gen_reg_mark(g);
    int f = gen_new_reg(g), recv = gen_new_reg(g);
    gen_load_named_var(g, ".fields_init");
    EMIT(g, Star, f);
    EMIT(g, Mov, receiver, recv);
    gen_call_property_noargs(g, f, recv);
    gen_reg_release(g, mark);
  }
}

/* The key of member m into reg; the compile-time name when there is one. */
static const AstString *gen_member_key(Gen *g, AstClassMember *m, int reg) {
  AstNode *key = m->key;
  if (!m->computed && key && (key->kind == AST_IDENTIFIER || key->kind == AST_STRING_LITERAL)) {
    const AstString *name = key->kind == AST_IDENTIFIER ? key->u.ident.name : key->u.string.value;
    EMIT(g, LdaConstant, gen_name(g, name));
    EMIT(g, Star, reg);
    return name;
  }
  gen_expr(g, key);
  EMIT(g, ToName);
  EMIT(g, Star, reg);
  return NULL;
}

static void gen_public_method(Gen *g, AstClassMember *m, int target) {
  int mark = gen_reg_mark(g);
  AstFunction *fn = &m->value->u.function;
  if (m->kind == AST_CLASS_METHOD) {
    int regs = gen_new_regs(g, 3);
    EMIT(g, Mov, target, regs);
    const AstString *name = gen_member_key(g, m, regs + 1);
    gen_closure(g, fn, name, NULL);
    EMIT(g, SetHomeObject, target);
    if (name == NULL) EMIT(g, SetFunctionName, regs + 1, 0);
    EMIT(g, Star, regs + 2);
    gen_call_runtime(g, Runtime_DefineClassMethod, regs, 3);
  } else {
    bool getter = m->kind == AST_CLASS_GETTER;
    int regs = gen_new_regs(g, 3);
    const AstString *name = gen_member_key(g, m, regs);
    gen_closure(g, fn, name, getter ? "get " : "set ");
    EMIT(g, SetHomeObject, target);
    if (name == NULL) EMIT(g, SetFunctionName, regs, getter ? 1 : 2);
    EMIT(g, Star, getter ? regs + 1 : regs + 2);
    EMIT(g, LdaUndefined);
    EMIT(g, Star, getter ? regs + 2 : regs + 1);
    EMIT(g, DefineGetterSetter, target, regs, regs + 1, regs + 2, 0);
  }
  gen_reg_release(g, mark);
}

static void gen_private_method(Gen *g, AstClass *cls, int i, int proto, int ctor, bool *done) {
  AstClassMember *m = &cls->members[i];
  const AstString *name = m->private_var ? m->private_var->name : NULL;
  const char *prefix = m->kind == AST_CLASS_GETTER ? "get " : m->kind == AST_CLASS_SETTER ? "set " : NULL;
  if (!m->is_static) {
    char buf[32];
    gen_closure(g, &m->value->u.function, name, prefix);
    EMIT(g, SetHomeObject, proto);
    gen_store_named_var(g, scopes_member_name(buf, ".private_method_", i));
    return;
  }
  int mark = gen_reg_mark(g);
  if (m->kind == AST_CLASS_METHOD) {
    int regs = gen_new_regs(g, 3);
    EMIT(g, Mov, ctor, regs);
    gen_load_var_raw(g, m->private_var);
    EMIT(g, Star, regs + 1);
    gen_closure(g, &m->value->u.function, name, prefix);
    EMIT(g, SetHomeObject, ctor);
    EMIT(g, Star, regs + 2);
    gen_call_runtime(g, Runtime_DefinePrivateMethod, regs, 3);
  } else if (!done[i]) {
    int getter = m->kind == AST_CLASS_GETTER ? i : find_private_pair(cls, i, AST_CLASS_GETTER);
    int setter = m->kind == AST_CLASS_SETTER ? i : find_private_pair(cls, i, AST_CLASS_SETTER);
    int regs = gen_new_regs(g, 4);
    EMIT(g, Mov, ctor, regs);
    gen_load_var_raw(g, m->private_var);
    EMIT(g, Star, regs + 1);
    for (int k = 0; k < 2; k++) {
      int idx = k == 0 ? getter : setter;
      if (idx >= 0) {
        gen_closure(g, &cls->members[idx].value->u.function, name, k == 0 ? "get " : "set ");
        EMIT(g, SetHomeObject, ctor);
        done[idx] = true;
      } else {
        EMIT(g, LdaUndefined);
      }
      EMIT(g, Star, regs + 2 + k);
    }
    gen_call_runtime(g, Runtime_DefinePrivateAccessor, regs, 4);
  }
  gen_reg_release(g, mark);
}

static void gen_create_private_names(Gen *g, AstScope *scope) {
  for (AstVariable *v = scope->variables; v; v = v->next) {
    if (v->mode != VAR_MODE_PRIVATE_NAME || v->location == VAR_LOCATION_UNALLOCATED) continue;
    int mark = gen_reg_mark(g), r = gen_new_reg(g);
    EMIT(g, LdaConstant, gen_name(g, v->name));
    EMIT(g, Star, r);
    gen_call_runtime(g, Runtime_CreatePrivateName, r, 1);
    gen_store_var_raw(g, v);
    gen_reg_release(g, mark);
  }
}

void gen_class(Gen *g, AstClass *cls, const AstString *name) {
  int mark = gen_reg_mark(g);
  const AstString *class_name = cls->name ? cls->name : name;
  ControlScope scs;
  gen_enter_scope(g, cls->scope, &scs);
  if (cls->scope) gen_create_private_names(g, cls->scope);
  int regs = gen_new_regs(g, 2), ctor = gen_new_reg(g);
  int proto = regs + 1;
  if (cls->heritage) {
    gen_expr_to(g, cls->heritage, regs + 1);
  } else {
    EMIT(g, LdaTheHole);
    EMIT(g, Star, regs + 1);
  }
  gen_closure(g, &cls->constructor->u.function, class_name, NULL);
  EMIT(g, Star, regs);
  bab_set_position(&g->b, cls->start);
  EMIT(g, CreateClass, regs, 2);
  EMIT(g, Star, ctor);
  EMIT(g, SetHomeObject, proto);
  bool *done = zone_alloc_zeroed(g->job->zone, sizeof(bool) * (size_t)(cls->member_count + 1));
  for (int i = 0; i < cls->member_count && !g->job->failed; i++) {
    AstClassMember *m = &cls->members[i];
    int target = m->is_static ? ctor : proto;
    if (m->kind == AST_CLASS_FIELD) {
      if (m->computed) {
        char buf[32];
        gen_expr(g, m->key);
        EMIT(g, ToName);
        gen_store_named_var(g, scopes_member_name(buf, ".class_field_", i));
      }
    } else if (m->kind == AST_CLASS_STATIC_BLOCK || m->kind == AST_CLASS_ACCESSOR) {
      continue;
    } else if (m->is_private) {
      gen_private_method(g, cls, i, proto, ctor, done);
    } else {
      gen_public_method(g, m, target);
    }
  }
  if (cls->instance_fields_init) {
    gen_closure(g, &cls->instance_fields_init->u.function, NULL, NULL);
    EMIT(g, SetHomeObject, proto);
    gen_store_named_var(g, ".fields_init");
  }
  if (cls->name_var && cls->name_var->location != VAR_LOCATION_UNALLOCATED) {
    EMIT(g, Ldar, ctor);
    gen_store_var_raw(g, cls->name_var);
  }
  if (cls->static_init) {
    int f = gen_new_reg(g);
    gen_closure(g, &cls->static_init->u.function, NULL, NULL);
    EMIT(g, SetHomeObject, ctor);
    EMIT(g, Star, f);
    gen_call_property_noargs(g, f, ctor);
  }
  gen_exit_scope(g, cls->scope, &scs);
  EMIT(g, Ldar, ctor);
  gen_reg_release(g, mark);
}

/* One step of a field initializer function (see AstFieldInit in ast.h); this = r-1. */
void gen_field_init(Gen *g, AstFieldInit *fi) {
  AstClassMember *m = &fi->cls->members[fi->member_index];
  int mark = gen_reg_mark(g);
  if (m->kind == AST_CLASS_STATIC_BLOCK) {
    int f = gen_new_reg(g);
    gen_closure(g, &m->value->u.function, NULL, NULL);
    EMIT(g, SetHomeObject, -1);
    EMIT(g, Star, f);
    gen_call_property_noargs(g, f, -1);
    gen_reg_release(g, mark);
    return;
  }
  if (m->kind != AST_CLASS_FIELD) return;
  int key = gen_new_reg(g);
  const AstString *name = NULL;
  if (m->is_private) {
    gen_load_var_raw(g, m->private_var);
    EMIT(g, Star, key);
    name = m->private_var->name;
  } else if (m->computed) {
    char buf[32];
    gen_load_named_var(g, scopes_member_name(buf, ".class_field_", fi->member_index));
    EMIT(g, Star, key);
  } else if (m->key->kind == AST_IDENTIFIER || m->key->kind == AST_STRING_LITERAL) {
    name = m->key->kind == AST_IDENTIFIER ? m->key->u.ident.name : m->key->u.string.value;
  } else {
    gen_expr(g, m->key);
    EMIT(g, ToName);
    EMIT(g, Star, key);
  }
  if (m->value) gen_expr_named(g, m->value, name); else EMIT(g, LdaUndefined);
  if (m->is_private) {
    EMIT(g, DefinePrivateField, -1, key);
  } else if (name) {
    EMIT(g, DefineNamedOwnProperty, -1, gen_name(g, name), SLOT(g));
  } else {
    EMIT(g, DefineKeyedOwnProperty, -1, key, gen_is_anonymous_function(m->value) ? 1 : 0, SLOT(g));
  }
  gen_reg_release(g, mark);
}
