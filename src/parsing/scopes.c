/*
 * scopes.c: the scope resolver (see scopes.h).
 */
#include "parsing/scopes.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  ScopeResolution *res;
  AstScope *scope;        /* the innermost scope of the node being visited */
  bool pre_pass;          /* only find direct evals and declare class synthetics */
  AstFunction *fn;        /* the function being walked (NULL: top level) */
} Resolver;

/* ---- Names and variables ------------------------------------------------------------ */

static bool name_equals(const AstString *a, const char *name, size_t len) {
  return a->byte_length == len && memcmp(a->data, name, len) == 0;
}

AstVariable *scopes_find_local(AstScope *scope, const char *name) {
  size_t len = strlen(name);
  for (AstVariable *v = scope->variables; v; v = v->next) {
    if (name_equals(v->name, name, len)) return v;
  }
  return NULL;
}

static AstVariable *find_local_ast(AstScope *scope, const AstString *name) {
  for (AstVariable *v = scope->variables; v; v = v->next) {
    if (v->name == name || (v->name->byte_length == name->byte_length &&
                            memcmp(v->name->data, name->data, name->byte_length) == 0))
      return v;
  }
  return NULL;
}

AstVariable *scopes_find_mode(AstScope *scope, AstVarMode mode) {
  for (AstVariable *v = scope->variables; v; v = v->next) {
    if (v->mode == mode) return v;
  }
  return NULL;
}

static const AstString *make_string(Zone *zone, const char *text) {
  size_t len = strlen(text);
  AstString *s = zone_alloc_zeroed(zone, sizeof(AstString) + len + 1);
  memcpy(s->data, text, len + 1);
  s->byte_length = (uint32_t)len;
  s->utf16_length = (uint32_t)len;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ (uint8_t)text[i]) * 16777619u;
  s->hash = h;
  return s;
}

/* Declares a variable at the end of scope's list. */
static AstVariable *declare(Zone *zone, AstScope *scope, const char *name, AstVarMode mode) {
  AstVariable *v = zone_alloc_zeroed(zone, sizeof *v);
  v->name = make_string(zone, name);
  v->mode = mode;
  v->scope = scope;
  v->location = VAR_LOCATION_UNALLOCATED;
  v->index = -1;
  v->declaration_pos = scope->start;
  if (scope->last_variable) scope->last_variable->next = v; else scope->variables = v;
  scope->last_variable = v;
  return v;
}

static AstVariable *declare_once(Zone *zone, AstScope *scope, const char *name,
                                 AstVarMode mode) {
  AstVariable *v = scopes_find_local(scope, name);
  return v ? v : declare(zone, scope, name, mode);
}

const char *scopes_member_name(char *buf, const char *prefix, int member_index) {
  snprintf(buf, 32, "%s%d", prefix, member_index);
  return buf;
}

/* ---- Lookup ------------------------------------------------------------------------- */

static bool is_arguments_owner(AstScope *s) {
  AstFunction *f = s->function;
  return s->kind == SCOPE_FUNCTION && f && f->scope == s && f->kind != AST_FUNC_ARROW &&
         f->kind != AST_FUNC_CLASS_FIELDS_INIT && f->kind != AST_FUNC_CLASS_STATIC_INIT;
}

/* The resolution walk shared by references and by the generator's lookups. declare: may
 * declare `arguments` and mark captures. */
static AstVariable *lookup(ScopeResolution *res, AstScope *scope, const AstString *name,
                           bool declare_and_mark) {
  bool dynamic = false, crossed = false;
  for (AstScope *s = scope; s; s = s->outer) {
    AstVariable *v = find_local_ast(s, name);
    if (v == NULL && s->kind == SCOPE_FUNCTION && s->function && s->function->scope == s &&
        s->function->is_named_expression && s->function->name_var) {
      AstVariable *nv = s->function->name_var;  /* the funcEnv outside the parameters */
      if (nv->name == name || (nv->name->byte_length == name->byte_length &&
                               memcmp(nv->name->data, name->data, name->byte_length) == 0))
        v = nv;
    }
    if (v == NULL && is_arguments_owner(s) && name_equals(name, "arguments", 9)) {
      if (!declare_and_mark) return res->lookup_var; /* not expected: resolved already */
      v = declare(res->zone, s, "arguments", VAR_MODE_ARGUMENTS);
    }
    if (v) {
      if (declare_and_mark) {
        v->is_used = true;
        if (crossed || dynamic) v->is_captured = true;
      }
      return dynamic ? res->lookup_var : v;
    }
    if (s->kind == SCOPE_WITH) dynamic = true;
    if (s->calls_sloppy_eval) dynamic = true;
    if (s->outer && s->outer->function != s->function) crossed = true;
  }
  return (dynamic || res->is_direct_eval) ? res->lookup_var : res->global_var;
}

AstVariable *scopes_lookup(ScopeResolution *res, AstScope *scope, const char *name) {
  const AstString *s = make_string(res->zone, name);
  return lookup(res, scope, s, false);
}

AstFunction *scopes_receiver_function(AstScope *scope, bool *crossed) {
  *crossed = false;
  AstFunction *f = scope ? scope->function : NULL;
  while (f && f->kind == AST_FUNC_ARROW) {
    AstScope *outer = f->scope->outer;
    *crossed = true;
    f = outer ? outer->function : NULL;
  }
  return f;
}

/* ---- Implicit bindings -------------------------------------------------------------- */

static AstScope *program_scope(Resolver *r) { return r->res->program->u.program.scope; }

static AstVariable *implicit_var(Resolver *r, AstFunction *f, const char *name,
                                 AstVarMode mode, bool captured) {
  AstVariable *v = declare_once(r->res->zone, f->scope, name, mode);
  v->is_used = true;
  if (captured) v->is_captured = true;
  return v;
}

static void resolve_this(Resolver *r) {
  bool crossed;
  AstFunction *f = scopes_receiver_function(r->scope, &crossed);
  if (f == NULL) {
    if (r->res->is_direct_eval) return;     /* looked up by name at run time */
    if (crossed) {
      AstVariable *v = declare_once(r->res->zone, program_scope(r), "this", VAR_MODE_THIS);
      v->is_used = v->is_captured = true;
    }
    return;
  }
  if (crossed || f->kind == AST_FUNC_DERIVED_CONSTRUCTOR)
    implicit_var(r, f, "this", VAR_MODE_THIS, crossed);
}

static void resolve_new_target(Resolver *r) {
  bool crossed;
  AstFunction *f = scopes_receiver_function(r->scope, &crossed);
  if (f) implicit_var(r, f, "new.target", VAR_MODE_NEW_TARGET, crossed);
}

static void resolve_home_object(Resolver *r) {
  bool crossed;
  AstFunction *f = scopes_receiver_function(r->scope, &crossed);
  if (f) implicit_var(r, f, ".home_object", VAR_MODE_HOME_OBJECT, crossed);
  resolve_this(r);
}

static void resolve_name_cstr(Resolver *r, const char *name) {
  lookup(r->res, r->scope, make_string(r->res->zone, name), true);
}

/* Instance elements a constructor installs: the fields initializer and the closures of
 * private methods (ES2025 7.3.34 InitializeInstanceElements). */
static void resolve_instance_elements(Resolver *r, AstClass *c) {
  if (c == NULL) return;
  if (c->instance_fields_init) resolve_name_cstr(r, ".fields_init");
  char buf[32];
  for (int i = 0; i < c->member_count; i++) {
    AstClassMember *m = &c->members[i];
    if (!m->is_private || m->is_static || m->kind == AST_CLASS_FIELD) continue;
    if (m->kind == AST_CLASS_STATIC_BLOCK || m->kind == AST_CLASS_ACCESSOR) continue;
    resolve_name_cstr(r, scopes_member_name(buf, ".private_method_", i));
    if (m->private_var) {
      m->private_var->is_used = true;
      lookup(r->res, r->scope, m->private_var->name, true);
    }
  }
}

static void resolve_super_call(Resolver *r) {
  bool crossed;
  AstFunction *f = scopes_receiver_function(r->scope, &crossed);
  if (f == NULL) return;
  implicit_var(r, f, "this", VAR_MODE_THIS, crossed);
  implicit_var(r, f, "new.target", VAR_MODE_NEW_TARGET, crossed);
  implicit_var(r, f, ".function", VAR_MODE_VAR, crossed);
  resolve_instance_elements(r, f->home_class);
}

/* A direct eval in the current scope: everything visible must be reachable by name. */
static void resolve_direct_eval(Resolver *r) {
  AstScope *s = r->scope;
  s->calls_eval = true;
  if (!s->is_strict) {
    AstScope *d = s;
    while (d && !d->is_declaration_scope) d = d->outer;
    if (d) d->calls_sloppy_eval = true;
  }
  for (AstScope *o = s->outer; o; o = o->outer) o->inner_calls_eval = true;
  bool crossed;
  AstFunction *f = scopes_receiver_function(s, &crossed);
  if (f == NULL) {
    if (!r->res->is_direct_eval) {
      AstVariable *v = declare_once(r->res->zone, program_scope(r), "this", VAR_MODE_THIS);
      v->is_used = v->is_captured = true;
    }
    return;
  }
  implicit_var(r, f, "this", VAR_MODE_THIS, true);
  implicit_var(r, f, "new.target", VAR_MODE_NEW_TARGET, true);
  bool has_home = f->kind == AST_FUNC_METHOD || f->kind == AST_FUNC_GETTER ||
                  f->kind == AST_FUNC_SETTER || f->kind == AST_FUNC_CLASS_CONSTRUCTOR ||
                  f->kind == AST_FUNC_DERIVED_CONSTRUCTOR ||
                  f->kind == AST_FUNC_CLASS_FIELDS_INIT ||
                  f->kind == AST_FUNC_CLASS_STATIC_INIT;
  if (has_home) implicit_var(r, f, ".home_object", VAR_MODE_HOME_OBJECT, true);
  if (f->kind == AST_FUNC_DERIVED_CONSTRUCTOR) {
    implicit_var(r, f, ".function", VAR_MODE_VAR, true);
    resolve_instance_elements(r, f->home_class);
  }
  if (is_arguments_owner(f->scope))
    implicit_var(r, f, "arguments", VAR_MODE_ARGUMENTS, true);
}

/* ---- The walk ----------------------------------------------------------------------- */

static void visit(Resolver *r, AstNode *n);
static void visit_function_implicits(Resolver *r, AstFunction *f);

static void visit_list(Resolver *r, AstList *l) {
  for (int i = 0; i < l->length; i++) visit(r, l->items[i]);
}

/* Makes scope current, recording which function it belongs to. */
static AstScope *enter(Resolver *r, AstScope *scope) {
  AstScope *saved = r->scope;
  if (scope) {
    scope->function = r->fn;
    r->scope = scope;
  }
  return saved;
}

static void visit_in_scope(Resolver *r, AstScope *scope, AstNode *n) {
  AstScope *saved = enter(r, scope);
  visit(r, n);
  r->scope = saved;
}

static void visit_function(Resolver *r, AstFunction *f) {
  AstScope *saved = r->scope;
  AstFunction *saved_fn = r->fn;
  r->fn = f;
  f->scope->function = f;  /* the parser may record the enclosing function here */
  if (f->body_scope) f->body_scope->function = f;
  r->scope = f->scope;
  if (!r->pre_pass) visit_function_implicits(r, f);
  visit_list(r, &f->params);
  r->scope = f->body_scope ? f->body_scope : f->scope;
  visit_list(r, &f->body);
  r->scope = saved;
  r->fn = saved_fn;
}

/* `var arguments` in a function that has an arguments object names that object (ES2025
 * 10.2.11 steps 15-18, 22: only a parameter, or without parameter expressions a function
 * or lexical declaration, called arguments replaces it): the var takes its mode. */
static void adopt_arguments_var(AstFunction *f) {
  if (!is_arguments_owner(f->scope)) return;
  AstVariable *v = scopes_find_local(f->scope, "arguments");
  if (v == NULL || v->mode != VAR_MODE_VAR) return;
  for (int i = 0; i < f->body.length; i++) {
    AstNode *n = f->body.items[i];
    if (n && n->kind == AST_FUNCTION_DECL && n->u.function.decl_var == v) return;
  }
  v->mode = VAR_MODE_ARGUMENTS;
}

static void visit_function_implicits(Resolver *r, AstFunction *f) {
  adopt_arguments_var(f);
  if (f->kind == AST_FUNC_DERIVED_CONSTRUCTOR) implicit_var(r, f, "this", VAR_MODE_THIS, false);
  if (f->kind == AST_FUNC_DERIVED_CONSTRUCTOR && f->is_default_constructor)
    resolve_super_call(r);
  if (f->kind == AST_FUNC_CLASS_CONSTRUCTOR) resolve_instance_elements(r, f->home_class);
  if (f->uses_arguments || f->calls_eval) {
    if (is_arguments_owner(f->scope)) resolve_name_cstr(r, "arguments");
  }
}

static void declare_class_synthetics(Resolver *r, AstClass *c) {
  Zone *zone = r->res->zone;
  char buf[32];
  if (c->instance_fields_init) declare_once(zone, c->scope, ".fields_init", VAR_MODE_VAR);
  for (int i = 0; i < c->member_count; i++) {
    AstClassMember *m = &c->members[i];
    if (m->kind == AST_CLASS_FIELD && m->computed)
      declare_once(zone, c->scope, scopes_member_name(buf, ".class_field_", i), VAR_MODE_VAR);
    if (m->is_private && !m->is_static &&
        (m->kind == AST_CLASS_METHOD || m->kind == AST_CLASS_GETTER ||
         m->kind == AST_CLASS_SETTER))
      declare_once(zone, c->scope, scopes_member_name(buf, ".private_method_", i),
                   VAR_MODE_VAR);
  }
}

static void visit_field_init(Resolver *r, AstFieldInit *fi) {
  AstClassMember *m = &fi->cls->members[fi->member_index];
  char buf[32];
  if (r->pre_pass) {
    visit(r, m->value);
  } else if (m->kind == AST_CLASS_FIELD) {
    if (m->computed) resolve_name_cstr(r, scopes_member_name(buf, ".class_field_", fi->member_index));
    if (m->is_private && m->private_var) lookup(r->res, r->scope, m->private_var->name, true);
    if (m->value) visit(r, m->value);
  } else if (m->value) {
    visit(r, m->value);  /* a static block's function */
  }
}

static void visit_class(Resolver *r, AstClass *c) {
  AstScope *saved = enter(r, c->scope);
  if (c->scope) declare_class_synthetics(r, c);
  if (c->heritage) visit(r, c->heritage);
  for (int i = 0; i < c->member_count; i++) {
    AstClassMember *m = &c->members[i];
    if (m->computed && m->key) visit(r, m->key);
    if (m->kind != AST_CLASS_FIELD && m->kind != AST_CLASS_STATIC_BLOCK && m->value)
      visit(r, m->value);
    if (m->is_private && m->private_var) m->private_var->is_used = true;
  }
  if (c->constructor) visit(r, c->constructor);
  if (c->instance_fields_init) visit(r, c->instance_fields_init);
  if (c->static_init) visit(r, c->static_init);
  r->scope = saved;
}

static void visit_properties(Resolver *r, AstObject *o) {
  for (int i = 0; i < o->count; i++) {
    AstProperty *p = &o->properties[i];
    if (p->key && (p->computed)) visit(r, p->key);
    if (p->value) visit(r, p->value);
  }
}

static void visit_ident(Resolver *r, AstNode *n) {
  AstScope *scope = n->u.ident.scope ? n->u.ident.scope : r->scope;
  n->u.ident.var = lookup(r->res, scope, n->u.ident.name, true);
}

static void visit_member(Resolver *r, AstNode *n) {
  visit(r, n->u.member.object);
  AstNode *p = n->u.member.property;
  if (n->u.member.computed) {
    visit(r, p);
  } else if (p && p->kind == AST_PRIVATE_NAME) {
    visit_ident(r, p);
  }
}

static void visit_statement_parts(Resolver *r, AstNode *n) {
  switch (n->kind) {
    case AST_VAR_DECL:
      for (int i = 0; i < n->u.var_decl.count; i++) {
        visit(r, n->u.var_decl.declarators[i].target);
        visit(r, n->u.var_decl.declarators[i].init);
      }
      break;
    case AST_BLOCK: {
        AstScope *saved = enter(r, n->u.block.scope);
        visit_list(r, &n->u.block.body);
        r->scope = saved;
      }
      break;
    case AST_IF:
      visit(r, n->u.if_stmt.test);
      visit(r, n->u.if_stmt.consequent);
      visit(r, n->u.if_stmt.alternate);
      break;
    case AST_FOR: {
      AstScope *saved = enter(r, n->u.for_stmt.scope);
      visit(r, n->u.for_stmt.init);
      visit(r, n->u.for_stmt.test);
      visit(r, n->u.for_stmt.update);
      visit(r, n->u.for_stmt.body);
      r->scope = saved;
      break;
    }
    case AST_FOR_IN:
    case AST_FOR_OF: {
      /* The right side sees the TDZ of the head's bindings (ES2025 14.7.5.6 step 2). */
      AstScope *saved = enter(r, n->u.for_each.scope);
      visit(r, n->u.for_each.right);
      visit(r, n->u.for_each.left);
      visit(r, n->u.for_each.body);
      r->scope = saved;
      break;
    }
    case AST_WHILE:
    case AST_DO_WHILE:
      visit(r, n->u.while_stmt.test);
      visit(r, n->u.while_stmt.body);
      break;
    case AST_WITH:
      visit(r, n->u.with_stmt.object);
      visit_in_scope(r, n->u.with_stmt.scope, n->u.with_stmt.body);
      break;
    case AST_SWITCH: {
      visit(r, n->u.switch_stmt.discriminant);
      AstScope *saved = enter(r, n->u.switch_stmt.scope);
      for (int i = 0; i < n->u.switch_stmt.case_count; i++) {
        visit(r, n->u.switch_stmt.cases[i].test);
        visit_list(r, &n->u.switch_stmt.cases[i].body);
      }
      r->scope = saved;
      break;
    }
    case AST_LABELED: visit(r, n->u.labeled.body); break;
    case AST_TRY: {
      visit(r, n->u.try_stmt.block);
      AstScope *saved = enter(r, n->u.try_stmt.catch_scope);
      visit(r, n->u.try_stmt.param);
      visit(r, n->u.try_stmt.handler);
      r->scope = saved;
      visit(r, n->u.try_stmt.finalizer);
      break;
    }
    case AST_PROGRAM: visit_list(r, &n->u.program.body); break;
    case AST_CLASS_FIELD_INIT: visit_field_init(r, &n->u.field_init); break;
    case AST_EXPORT_DECL:
    case AST_IMPORT_DECL:
      visit(r, n->u.module_decl.declaration);
      break;
    default: break;
  }
}

static void visit(Resolver *r, AstNode *n) {
  if (n == NULL || r->res->too_deep) return;
  /* Left-deep chains (a + b + ..., else-if ladders) recurse once per link. */
  if ((uintptr_t)__builtin_frame_address(0) < r->res->stack_limit) {
    r->res->too_deep = true;
    return;
  }
  if (r->pre_pass) {
    switch (n->kind) {
      case AST_IDENTIFIER: case AST_PRIVATE_NAME: case AST_THIS: case AST_NEW_TARGET:
        return;
      case AST_SUPER_MEMBER:
        if (n->u.member.computed) visit(r, n->u.member.property);
        return;
      case AST_SUPER_CALL:
        visit_list(r, &n->u.call.arguments);
        return;
      case AST_CALL:
        if (n->u.call.is_possibly_direct_eval) resolve_direct_eval(r);
        visit(r, n->u.call.callee);
        visit_list(r, &n->u.call.arguments);
        return;
      default: break;
    }
  }
  switch (n->kind) {
    case AST_IDENTIFIER:
    case AST_PRIVATE_NAME: visit_ident(r, n); break;
    case AST_THIS: resolve_this(r); break;
    case AST_NEW_TARGET: resolve_new_target(r); break;
    case AST_SUPER_MEMBER:
      resolve_home_object(r);
      if (n->u.member.computed) visit(r, n->u.member.property);
      break;
    case AST_SUPER_CALL:
      resolve_super_call(r);
      visit_list(r, &n->u.call.arguments);
      break;
    case AST_TEMPLATE_LITERAL: visit_list(r, &n->u.template_lit.expressions); break;
    case AST_TAGGED_TEMPLATE:
      visit(r, n->u.tagged_template.tag);
      visit(r, n->u.tagged_template.quasi);
      break;
    case AST_IMPORT_CALL:
      visit(r, n->u.import_call.source);
      visit(r, n->u.import_call.options);
      break;
    case AST_ARRAY_LITERAL:
    case AST_ARRAY_PATTERN: visit_list(r, &n->u.array.elements); break;
    case AST_OBJECT_LITERAL:
    case AST_OBJECT_PATTERN: visit_properties(r, &n->u.object); break;
    case AST_FUNCTION:
    case AST_FUNCTION_DECL: visit_function(r, &n->u.function); break;
    case AST_CLASS:
    case AST_CLASS_DECL: visit_class(r, &n->u.class_lit); break;
    case AST_UNARY:
    case AST_SPREAD:
    case AST_AWAIT:
    case AST_PAREN:
    case AST_REST_ELEMENT:
    case AST_EXPRESSION_STMT:
    case AST_RETURN:
    case AST_THROW: visit(r, n->u.unary.operand); break;
    case AST_UPDATE: visit(r, n->u.update.target); break;
    case AST_BINARY:
      visit(r, n->u.binary.left);
      visit(r, n->u.binary.right);
      break;
    case AST_LOGICAL:
      visit(r, n->u.logical.left);
      visit(r, n->u.logical.right);
      break;
    case AST_ASSIGN:
    case AST_ASSIGN_PATTERN:
      visit(r, n->u.assign.target);
      visit(r, n->u.assign.value);
      break;
    case AST_CONDITIONAL:
      visit(r, n->u.conditional.test);
      visit(r, n->u.conditional.consequent);
      visit(r, n->u.conditional.alternate);
      break;
    case AST_CALL:
    case AST_NEW:
      visit(r, n->u.call.callee);
      visit_list(r, &n->u.call.arguments);
      break;
    case AST_MEMBER: visit_member(r, n); break;
    case AST_OPTIONAL_CHAIN: visit(r, n->u.optional_chain.expression); break;
    case AST_SEQUENCE: visit_list(r, &n->u.sequence.expressions); break;
    case AST_YIELD: visit(r, n->u.yield.argument); break;
    default: visit_statement_parts(r, n); break;
  }
}

/* Direct evals anywhere must be known before any reference is resolved (a reference
 * before the eval call in source order is dynamic too), so a first pass (pre_pass) walks
 * the tree marking only the eval calls and the class synthetics. */
void scopes_resolve(ScopeResolution *res, Zone *zone, AstNode *program, bool is_direct_eval) {
  uintptr_t stack_limit = res->stack_limit;
  memset(res, 0, sizeof *res);
  res->stack_limit = stack_limit;
  res->zone = zone;
  res->program = program;
  res->is_direct_eval = is_direct_eval;
  res->global_var = zone_alloc_zeroed(zone, sizeof(AstVariable));
  res->global_var->location = VAR_LOCATION_GLOBAL;
  res->global_var->mode = VAR_MODE_DYNAMIC;
  res->lookup_var = zone_alloc_zeroed(zone, sizeof(AstVariable));
  res->lookup_var->location = VAR_LOCATION_LOOKUP;
  res->lookup_var->mode = VAR_MODE_DYNAMIC;
  Resolver r = {res, program->u.program.scope, true};
  visit(&r, program);
  r.scope = program->u.program.scope;
  r.pre_pass = false;
  visit(&r, program);
}

/* ---- Allocation --------------------------------------------------------------------- */

/* Does v's function have a mapped arguments object (ES2025 10.2.11 step 22: sloppy, simple
 * parameters)? Its parameters then live in context slots, which the object aliases. */
static bool is_mapped_parameter(const AstVariable *v) {
  const AstFunction *fn = v->scope->function;
  if (v->mode != VAR_MODE_PARAM || fn == NULL || fn->scope != v->scope) return false;
  if (fn->is_strict || !fn->has_simple_params) return false;
  const AstVariable *args = scopes_find_mode(v->scope, VAR_MODE_ARGUMENTS);
  return args != NULL && args->is_used;
}

static bool must_be_in_context(const AstVariable *v) {
  return v->is_captured || v->scope->calls_eval || v->scope->inner_calls_eval ||
         is_mapped_parameter(v);
}

static void allocate_context_slot(AstVariable *v) {
  AstScope *s = v->scope;
  v->location = VAR_LOCATION_CONTEXT;
  v->index = s->context_slot_count++;
  s->needs_context = true;
}

static void allocate_variable(AstScope *s, AstVariable *v, int *registers) {
  if (v->location != VAR_LOCATION_UNALLOCATED) return;
  bool in_context = must_be_in_context(v);
  if (s->kind == SCOPE_MODULE && v->mode != VAR_MODE_THIS) {
    /* Every module binding lives in the module environment's context, where importers
     * read it (live bindings, ES2025 16.2.1.6.4 InitializeEnvironment). Named imports were
     * set to VAR_LOCATION_MODULE by the compiler before allocation. */
    allocate_context_slot(v);
    return;
  }
  if (s->kind == SCOPE_SCRIPT) {
    /* Top-level bindings are global properties or script-context entries; only the
     * script's own `this` can need a slot (for arrows). */
    if (v->mode == VAR_MODE_THIS) {
      if (v->is_captured) allocate_context_slot(v);
    } else {
      v->location = VAR_LOCATION_GLOBAL;
    }
    return;
  }
  if (s->kind == SCOPE_EVAL && !s->is_strict && v->mode == VAR_MODE_VAR) {
    v->location = VAR_LOCATION_LOOKUP;  /* declared in the caller's var scope at run time */
    return;
  }
  if (v->mode == VAR_MODE_THIS && !in_context && s->function &&
      s->function->kind != AST_FUNC_DERIVED_CONSTRUCTOR)
    return;  /* the receiver register */
  if (v->mode == VAR_MODE_THIS && !in_context && s->kind == SCOPE_EVAL) return;
  if (in_context) {
    allocate_context_slot(v);
  } else {
    v->location = VAR_LOCATION_REGISTER;
    v->index = (*registers)++;
  }
}

static void allocate_scope(AstScope *s, AstFunction *fn, int *registers) {
  for (AstVariable *v = s->variables; v; v = v->next) allocate_variable(s, v, registers);
  if (s->kind == SCOPE_WITH) s->needs_context = true;
  if (s->kind == SCOPE_MODULE) s->needs_context = true;  /* the module environment, always */
  /* A function's var scope (its own, or its body's when the parameters are not simple):
   * the context's extension receives the eval's vars. */
  if (s->calls_sloppy_eval && s->is_declaration_scope &&
      (s->kind == SCOPE_FUNCTION || s->kind == SCOPE_BLOCK))
    s->needs_context = true;
  for (AstScope *c = s->first_inner; c; c = c->next_sibling) {
    if (c->function == fn) allocate_scope(c, fn, registers);
  }
}

/* Simple parameter lists keep parameters in their argument registers (the last of
 * duplicate names wins, as in sloppy code). */
static void allocate_parameters(AstFunction *fn) {
  if (!fn->has_simple_params) return;
  for (int i = 0; i < fn->params.length; i++) {
    AstNode *p = fn->params.items[i];
    if (p == NULL || p->kind != AST_IDENTIFIER || p->u.ident.var == NULL) continue;
    AstVariable *v = p->u.ident.var;
    if (v->scope != fn->scope || must_be_in_context(v)) continue;
    v->location = VAR_LOCATION_PARAMETER;
    v->index = i;
  }
}

int scopes_allocate(ScopeResolution *res, AstScope *closure_scope, AstFunction *fn) {
  (void)res;
  int registers = 0;
  if (fn) allocate_parameters(fn);
  AstScope *start = closure_scope;
  while (fn && start->outer && start->outer->function == fn) start = start->outer;
  allocate_scope(start, fn, &registers);
  if (fn && fn->is_named_expression && fn->name_var && fn->name_var->is_used)
    allocate_variable(fn->scope, fn->name_var, &registers);
  return registers;
}
