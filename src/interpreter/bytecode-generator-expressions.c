/*
 * bytecode-generator-expressions.c: expressions (the result is always left in acc).
 */
#include <math.h>
#include <string.h>

#include "heap/factory.h"
#include "interpreter/bytecode-generator-internal.h"
#include "objects/bigint.h"
#include "objects/string.h"

static AstNode *strip_parens(AstNode *n) {
  while (n && n->kind == AST_PAREN) n = n->u.unary.operand;
  return n;
}

void gen_expr_to(Gen *g, AstNode *n, int reg) {
  gen_expr(g, n);
  EMIT(g, Star, reg);
}

bool gen_is_anonymous_function(AstNode *n) {
  n = strip_parens(n);
  if (n == NULL) return false;
  if (n->kind == AST_FUNCTION) return n->u.function.name == NULL;
  if (n->kind == AST_CLASS) return n->u.class_lit.name == NULL;
  return false;
}

void gen_expr_named(Gen *g, AstNode *n, const AstString *name) {
  AstNode *s = strip_parens(n);
  if (name && s && s->kind == AST_FUNCTION && s->u.function.name == NULL) {
    gen_closure(g, &s->u.function, name, NULL);
  } else if (name && s && s->kind == AST_CLASS && s->u.class_lit.name == NULL) {
    gen_class(g, &s->u.class_lit, name);
  } else {
    gen_expr(g, n);
  }
}

void gen_call_property_noargs(Gen *g, int callee, int receiver) {
  int mark = gen_reg_mark(g);
  if (receiver < 0) {  /* a register list is never a parameter register */
    int r = gen_new_reg(g);
    EMIT(g, Mov, receiver, r);
    receiver = r;
  }
  EMIT(g, CallProperty, callee, receiver, 1, SLOT(g));
  gen_reg_release(g, mark);
}

/* ---- Literals ------------------------------------------------------------------------ */

static int regexp_flags(const AstString *flags) {
  int bits = 0;
  for (uint32_t i = 0; flags && i < flags->byte_length; i++) {
    switch (flags->data[i]) {
      case 'g': bits |= 1; break;
      case 'i': bits |= 2; break;
      case 'm': bits |= 4; break;
      case 's': bits |= 8; break;
      case 'u': bits |= 16; break;
      case 'y': bits |= 32; break;
      case 'd': bits |= 64; break;
      case 'v': bits |= 128; break;
      default: break;
    }
  }
  return bits;
}

static void gen_template_literal(Gen *g, AstTemplateLit *t) {
  int mark = gen_reg_mark(g);
  int acc_reg = gen_new_reg(g);
  const AstString *first = t->quasis[0].cooked;
  if (first) EMIT(g, LdaConstant, gen_name(g, first)); else gen_load_cstring(g, "");
  EMIT(g, Star, acc_reg);
  for (int i = 0; i < t->expressions.length; i++) {
    gen_expr(g, t->expressions.items[i]);
    EMIT(g, ToString);
    EMIT(g, Add, acc_reg, SLOT(g));
    EMIT(g, Star, acc_reg);
    const AstString *q = t->quasis[i + 1].cooked;
    if (q && q->byte_length > 0) {
      EMIT(g, LdaConstant, gen_name(g, q));
      EMIT(g, Add, acc_reg, SLOT(g));
      EMIT(g, Star, acc_reg);
    }
  }
  EMIT(g, Ldar, acc_reg);
  gen_reg_release(g, mark);
}

/* The template description of a tagged template: a FixedArray [cooked strings (undefined
 * for invalid escapes), raw strings, the cached template object (undefined until
 * GetTemplateObject makes it)]. One per site, so its identity is the site's cache key. */
static void gen_template_object(Gen *g, AstTemplateLit *t) {
  Isolate *iso = g->iso;
  int n = t->quasi_count;
  Handle desc = factory_new_fixed_array(iso, 3);
  Handle cooked = handle_is_null(desc) ? desc : factory_new_fixed_array(iso, n);
  Handle raw = handle_is_null(cooked) ? cooked : factory_new_fixed_array(iso, n);
  if (handle_is_null(raw)) { g->job->failed = g->b.failed = true; return; }
  for (int i = 0; i < n; i++) {
    const AstString *c = t->quasis[i].cooked, *r = t->quasis[i].raw;
    if (c) {
      Handle s = string_internalize_utf8(iso, c->data, c->byte_length);
      if (handle_is_null(s)) { g->job->failed = g->b.failed = true; return; }
      fixed_array_set(H(cooked), i, H(s));
    }
    Handle s = string_internalize_utf8(iso, r ? r->data : "", r ? r->byte_length : 0);
    if (handle_is_null(s)) { g->job->failed = g->b.failed = true; return; }
    fixed_array_set(H(raw), i, H(s));
  }
  fixed_array_set(H(desc), 0, H(cooked));
  fixed_array_set(H(desc), 1, H(raw));
  int idx = bab_constant_handle(&g->b, desc);
  EMIT(g, GetTemplateObject, idx < 0 ? 0 : idx, SLOT(g));
}

static bool is_constant_element(AstNode *n) {
  return n && (n->kind == AST_NUMBER_LITERAL || n->kind == AST_STRING_LITERAL);
}

static bool gen_array_boilerplate(Gen *g, AstArray *a) {
  if (a->elements.length == 0 || a->elements.length > 1000) return false;
  for (int i = 0; i < a->elements.length; i++) {
    if (!is_constant_element(a->elements.items[i])) return false;
  }
  Handle elems = factory_new_fixed_array(g->iso, a->elements.length);
  if (handle_is_null(elems)) { g->job->failed = g->b.failed = true; return true; }
  for (int i = 0; i < a->elements.length; i++) {
    AstNode *e = a->elements.items[i];
    Handle v = e->kind == AST_NUMBER_LITERAL
                   ? factory_new_number(g->iso, e->u.number.value)
                   : string_internalize_utf8(g->iso, e->u.string.value->data,
                                             e->u.string.value->byte_length);
    if (handle_is_null(v)) { g->job->failed = g->b.failed = true; return true; }
    fixed_array_set(H(elems), i, H(v));
  }
  int idx = bab_constant_handle(&g->b, elems);
  EMIT(g, CreateArrayLiteral, idx < 0 ? 0 : idx, SLOT(g), 0);
  return true;
}

static void gen_array_literal(Gen *g, AstArray *a) {
  if (gen_array_boilerplate(g, a)) return;
  int mark = gen_reg_mark(g);
  int arr = gen_new_reg(g), index = gen_new_reg(g), pair = gen_new_regs(g, 2);
  EMIT(g, CreateEmptyArrayLiteral, SLOT(g));
  EMIT(g, Star, arr);
  bool dynamic = false;
  int n = a->elements.length;
  for (int i = 0; i < n; i++) {
    AstNode *e = a->elements.items[i];
    if (e && e->kind == AST_SPREAD) {
      EMIT(g, Mov, arr, pair);
      gen_expr_to(g, e->u.unary.operand, pair + 1);
      gen_call_runtime(g, Runtime_ArrayPushSpread, pair, 2);
      EMIT(g, GetNamedProperty, arr, gen_cname(g, "length"), SLOT(g));
      EMIT(g, Star, index);
      dynamic = true;
      continue;
    }
    if (!dynamic) { EMIT(g, LdaSmi, i); EMIT(g, Star, index); }
    if (e) {
      gen_expr(g, e);
      EMIT(g, StaInArrayLiteral, arr, index, SLOT(g));
    }
    if (dynamic) { EMIT(g, Ldar, index); EMIT(g, Inc, SLOT(g)); EMIT(g, Star, index); }
  }
  if (n > 0 && a->elements.items[n - 1] == NULL) {  /* trailing holes count in length */
    if (dynamic) EMIT(g, Ldar, index); else EMIT(g, LdaSmi, n);
    EMIT(g, SetNamedProperty, arr, gen_cname(g, "length"), SLOT(g));
  }
  EMIT(g, Ldar, arr);
  gen_reg_release(g, mark);
}

/* A property key into reg: names as constants, numbers converted, computed via ToName.
 * Returns the AstString when the key is a compile-time name, else NULL. */
static const AstString *gen_property_key(Gen *g, AstNode *key, bool computed, int reg) {
  if (!computed && (key->kind == AST_IDENTIFIER || key->kind == AST_STRING_LITERAL)) {
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

static const AstString *static_key_name(AstNode *key, bool computed) {
  if (computed || key == NULL) return NULL;
  if (key->kind == AST_IDENTIFIER) return key->u.ident.name;
  if (key->kind == AST_STRING_LITERAL) return key->u.string.value;
  return NULL;
}

static void gen_object_accessor(Gen *g, int obj, AstProperty *p) {
  int mark = gen_reg_mark(g);
  int regs = gen_new_regs(g, 3);  /* key, getter, setter */
  const AstString *name = gen_property_key(g, p->key, p->computed, regs);
  bool getter = p->kind == AST_PROP_GET;
  AstFunction *fn = &p->value->u.function;
  gen_closure(g, fn, name, getter ? "get " : "set ");
  EMIT(g, SetHomeObject, obj);
  if (name == NULL) EMIT(g, SetFunctionName, regs, getter ? 1 : 2);
  EMIT(g, Star, getter ? regs + 1 : regs + 2);
  EMIT(g, LdaUndefined);
  EMIT(g, Star, getter ? regs + 2 : regs + 1);
  EMIT(g, DefineGetterSetter, obj, regs, regs + 1, regs + 2, 1);
  gen_reg_release(g, mark);
}

static void gen_object_property(Gen *g, int obj, AstProperty *p) {
  int mark = gen_reg_mark(g);
  const AstString *name = static_key_name(p->key, p->computed);
  if (p->kind == AST_PROP_SPREAD) {
    int src = gen_new_reg(g);
    gen_expr_to(g, p->value, src);
    EMIT(g, CopyDataProperties, obj, src, 0, 0);
  } else if (p->kind == AST_PROP_PROTO) {
    int regs = gen_new_regs(g, 2);
    EMIT(g, Mov, obj, regs);
    gen_expr_to(g, p->value, regs + 1);
    gen_call_runtime(g, Runtime_SetPrototypeForLiteral, regs, 2);
  } else if (p->kind == AST_PROP_GET || p->kind == AST_PROP_SET) {
    gen_object_accessor(g, obj, p);
  } else if (name) {
    if (p->kind == AST_PROP_METHOD) {
      gen_closure(g, &p->value->u.function, name, NULL);
      EMIT(g, SetHomeObject, obj);
    } else {
      gen_expr_named(g, p->value, name);
    }
    EMIT(g, DefineNamedOwnProperty, obj, gen_name(g, name), SLOT(g));
  } else {
    int key = gen_new_reg(g);
    gen_property_key(g, p->key, p->computed, key);
    bool anonymous = p->kind == AST_PROP_METHOD || gen_is_anonymous_function(p->value);
    if (p->kind == AST_PROP_METHOD) {
      gen_closure(g, &p->value->u.function, NULL, NULL);
      EMIT(g, SetHomeObject, obj);
    } else {
      gen_expr(g, p->value);
    }
    EMIT(g, DefineKeyedOwnProperty, obj, key, anonymous ? 1 : 0, SLOT(g));
  }
  gen_reg_release(g, mark);
}

static void gen_object_literal(Gen *g, AstObject *o) {
  int mark = gen_reg_mark(g);
  int obj = gen_new_reg(g);
  EMIT(g, CreateEmptyObjectLiteral);
  EMIT(g, Star, obj);
  for (int i = 0; i < o->count; i++) gen_object_property(g, obj, &o->properties[i]);
  EMIT(g, Ldar, obj);
  gen_reg_release(g, mark);
}

/* ---- Operators ------------------------------------------------------------------------- */

static Bytecode arithmetic_bytecode(AstBinaryOp op) {
  switch (op) {
    case AST_OP_ADD: return Bytecode_Add;
    case AST_OP_SUB: return Bytecode_Sub;
    case AST_OP_MUL: return Bytecode_Mul;
    case AST_OP_DIV: return Bytecode_Div;
    case AST_OP_MOD: return Bytecode_Mod;
    case AST_OP_EXP: return Bytecode_Exp;
    case AST_OP_SHL: return Bytecode_ShiftLeft;
    case AST_OP_SAR: return Bytecode_ShiftRight;
    case AST_OP_SHR: return Bytecode_ShiftRightLogical;
    case AST_OP_BIT_AND: return Bytecode_BitwiseAnd;
    case AST_OP_BIT_OR: return Bytecode_BitwiseOr;
    case AST_OP_BIT_XOR: return Bytecode_BitwiseXor;
    case AST_OP_EQ: case AST_OP_NE: return Bytecode_TestEqual;
    case AST_OP_EQ_STRICT: case AST_OP_NE_STRICT: return Bytecode_TestEqualStrict;
    case AST_OP_LT: return Bytecode_TestLessThan;
    case AST_OP_GT: return Bytecode_TestGreaterThan;
    case AST_OP_LTE: return Bytecode_TestLessThanOrEqual;
    case AST_OP_GTE: return Bytecode_TestGreaterThanOrEqual;
    case AST_OP_INSTANCEOF: return Bytecode_TestInstanceOf;
    case AST_OP_IN: return Bytecode_TestIn;
    default: return Bytecode_Illegal;
  }
}

Bytecode gen_binary_bytecode(AstBinaryOp op) { return arithmetic_bytecode(op); }

static bool fold_numbers(AstBinaryOp op, double a, double b, double *out) {
  switch (op) {
    case AST_OP_ADD: *out = a + b; return true;
    case AST_OP_SUB: *out = a - b; return true;
    case AST_OP_MUL: *out = a * b; return true;
    case AST_OP_DIV: *out = a / b; return true;
    default: return false;
  }
}

static bool is_small_int_literal(AstNode *n, int32_t *v) {
  if (n->kind != AST_NUMBER_LITERAL) return false;
  double d = n->u.number.value;
  if (d < -128 || d > 127 || d != (double)(int32_t)d || (d == 0 && signbit(d))) return false;
  *v = (int32_t)d;
  return true;
}

/* typeof x === "literal" */
static bool gen_typeof_compare(Gen *g, AstBinary *b) {
  if (b->op != AST_OP_EQ_STRICT && b->op != AST_OP_NE_STRICT && b->op != AST_OP_EQ &&
      b->op != AST_OP_NE)
    return false;
  AstNode *l = strip_parens(b->left), *r = strip_parens(b->right);
  if (l->kind != AST_UNARY || l->u.unary.op != AST_UNARY_TYPEOF || r->kind != AST_STRING_LITERAL)
    return false;
  static const char *const kLiterals[] = {
#define V(name, text) text,
      TYPEOF_LITERAL_LIST(V)
#undef V
  };
  for (int i = 0; i < (int)KILN_ARRAY_SIZE(kLiterals); i++) {
    const AstString *s = r->u.string.value;
    if (s->byte_length != strlen(kLiterals[i]) || memcmp(s->data, kLiterals[i], s->byte_length))
      continue;
    AstNode *operand = strip_parens(l->u.unary.operand);
    if (operand->kind == AST_IDENTIFIER && operand->u.ident.var)
      gen_load_var(g, operand->u.ident.var, operand->u.ident.name, true);
    else
      gen_expr(g, operand);
    EMIT(g, TestTypeOf, i);
    if (b->op == AST_OP_NE_STRICT || b->op == AST_OP_NE) EMIT(g, LogicalNot);
    return true;
  }
  return false;
}

static void gen_binary(Gen *g, AstNode *n) {
  AstBinary *b = &n->u.binary;
  AstNode *l = strip_parens(b->left), *r = strip_parens(b->right);
  double folded;
  if (l->kind == AST_NUMBER_LITERAL && r->kind == AST_NUMBER_LITERAL &&
      fold_numbers(b->op, l->u.number.value, r->u.number.value, &folded)) {
    gen_load_smi_or_number(g, folded);
    return;
  }
  if (gen_typeof_compare(g, b)) return;
  if (b->op == AST_OP_IN && l->kind == AST_PRIVATE_NAME) {  /* #x in o */
    int mark = gen_reg_mark(g), name = gen_new_reg(g);
    gen_load_var(g, l->u.ident.var, l->u.ident.name, false);
    EMIT(g, Star, name);
    gen_expr(g, r);
    EMIT(g, TestPrivateIn, name);
    gen_reg_release(g, mark);
    return;
  }
  int32_t imm;
  if ((b->op == AST_OP_ADD || b->op == AST_OP_SUB) && is_small_int_literal(r, &imm)) {
    gen_expr(g, l);
    if (b->op == AST_OP_ADD) EMIT(g, AddSmi, imm, SLOT(g)); else EMIT(g, SubSmi, imm, SLOT(g));
    return;
  }
  if ((b->op == AST_OP_EQ_STRICT || b->op == AST_OP_NE_STRICT) && r->kind == AST_NULL_LITERAL) {
    gen_expr(g, l);
    EMIT(g, TestNull);
    if (b->op == AST_OP_NE_STRICT) EMIT(g, LogicalNot);
    return;
  }
  int mark = gen_reg_mark(g);
  int lhs = gen_new_reg(g);
  gen_expr_to(g, l, lhs);
  gen_expr(g, r);
  bab_set_position(&g->b, n->pos);
  Bytecode bc = arithmetic_bytecode(b->op);
  int32_t ops[2] = {lhs, SLOT(g)};
  bab_emit(&g->b, bc, 2, ops);
  if (b->op == AST_OP_NE || b->op == AST_OP_NE_STRICT) EMIT(g, LogicalNot);
  gen_reg_release(g, mark);
}

static void gen_logical(Gen *g, AstLogical *l) {
  int end = gen_label(g);
  gen_expr(g, l->left);
  Bytecode bc = l->op == AST_LOGICAL_AND ? Bytecode_JumpIfToBooleanFalse
                : l->op == AST_LOGICAL_OR ? Bytecode_JumpIfToBooleanTrue
                                          : Bytecode_JumpIfNotUndefinedOrNull;
  gen_jump(g, bc, end);
  gen_expr(g, l->right);
  gen_bind(g, end);
}

static void gen_conditional(Gen *g, AstConditional *c) {
  int else_label = gen_label(g), end = gen_label(g);
  gen_test(g, c->test, else_label);
  gen_expr(g, c->consequent);
  gen_jump(g, Bytecode_Jump, end);
  gen_bind(g, else_label);
  gen_expr(g, c->alternate);
  gen_bind(g, end);
}

/* ---- Property access ---------------------------------------------------------------------- */

/* acc = obj[prop] for the member expression m, with the object in obj. */
static void gen_property_load(Gen *g, AstNode *m, int obj) {
  AstNode *p = m->u.member.property;
  bab_set_position(&g->b, m->pos);
  if (m->u.member.computed) {
    gen_expr(g, p);
    EMIT(g, GetKeyedProperty, obj, SLOT(g));
  } else if (p->kind == AST_PRIVATE_NAME) {
    int mark = gen_reg_mark(g), name = gen_new_reg(g);
    gen_load_var(g, p->u.ident.var, p->u.ident.name, false);
    EMIT(g, Star, name);
    EMIT(g, GetPrivateField, obj, name);
    gen_reg_release(g, mark);
  } else {
    EMIT(g, GetNamedProperty, obj, gen_name(g, p->u.ident.name), SLOT(g));
  }
}

/* The object of a member expression into reg, with the ?. short-circuit check. */
static void gen_member_object(Gen *g, AstNode *m, int reg) {
  gen_expr_to(g, m->u.member.object, reg);
  if (m->u.member.optional) {
    if (g->optional_chain_label < 0) { gen_fail(g, kError_SYNTAX_ERROR, "bad optional chain"); return; }
    gen_jump(g, Bytecode_JumpIfUndefinedOrNull, g->optional_chain_label);
  }
}

static void gen_member(Gen *g, AstNode *n) {
  int mark = gen_reg_mark(g), obj = gen_new_reg(g);
  gen_member_object(g, n, obj);
  gen_property_load(g, n, obj);
  gen_reg_release(g, mark);
}

/* super.x / super[x]: acc = value; the receiver `this` goes to this_reg. */
static void gen_super_load(Gen *g, AstNode *n, int this_reg) {
  gen_load_this(g);
  EMIT(g, Star, this_reg);
  if (n->u.member.computed) {
    int mark = gen_reg_mark(g), key = gen_new_reg(g);
    gen_expr(g, n->u.member.property);  /* converted after GetSuperBase, by the bytecode */
    EMIT(g, Star, key);
    gen_load_home_object(g);
    EMIT(g, GetKeyedPropertyFromSuper, this_reg, key);
    gen_reg_release(g, mark);
  } else {
    gen_load_home_object(g);
    EMIT(g, GetNamedPropertyFromSuper, this_reg, gen_name(g, n->u.member.property->u.ident.name),
         SLOT(g));
  }
}

static void gen_optional_chain(Gen *g, AstNode *n, bool for_delete) {
  int saved = g->optional_chain_label;
  int short_circuit = gen_label(g), end = gen_label(g);
  g->optional_chain_label = short_circuit;
  AstNode *inner = strip_parens(n->u.optional_chain.expression);
  if (for_delete && (inner->kind == AST_MEMBER || inner->kind == AST_OPTIONAL_CHAIN)) {
    gen_delete_member(g, inner);
  } else {
    gen_expr(g, n->u.optional_chain.expression);
    /* delete of a chain that ends in a call (`delete a?.()`) is not a reference: true */
    if (for_delete) EMIT(g, LdaTrue);
  }
  g->optional_chain_label = saved;
  gen_jump(g, Bytecode_Jump, end);
  gen_bind(g, short_circuit);
  if (for_delete) EMIT(g, LdaTrue); else EMIT(g, LdaUndefined);
  gen_bind(g, end);
}

/* ---- Calls ---------------------------------------------------------------------------- */

static bool has_spread(AstList *args) {
  for (int i = 0; i < args->length; i++) {
    if (args->items[i] && args->items[i]->kind == AST_SPREAD) return true;
  }
  return false;
}

static bool only_last_is_spread(AstList *args) {
  for (int i = 0; i < args->length - 1; i++) {
    if (args->items[i] && args->items[i]->kind == AST_SPREAD) return false;
  }
  return args->length > 0 && args->items[args->length - 1]->kind == AST_SPREAD;
}

/* Arguments into consecutive registers from first (spread: only as the last one, whose
 * operand is stored). extra_first: a register already holding a leading argument (tagged
 * templates), or -1. */
static void gen_args_to(Gen *g, AstList *args, int first) {
  for (int i = 0; i < args->length; i++) {
    AstNode *a = args->items[i];
    gen_expr_to(g, a->kind == AST_SPREAD ? a->u.unary.operand : a, first + i);
  }
}

/* All arguments into one array (spread anywhere): reg = the array. */
static void gen_args_array(Gen *g, AstList *args, int reg) {
  int mark = gen_reg_mark(g);
  int pair = gen_new_regs(g, 2), index = gen_new_reg(g);
  EMIT(g, CreateEmptyArrayLiteral, SLOT(g));
  EMIT(g, Star, reg);
  for (int i = 0; i < args->length; i++) {
    AstNode *a = args->items[i];
    if (a->kind == AST_SPREAD) {
      EMIT(g, Mov, reg, pair);
      gen_expr_to(g, a->u.unary.operand, pair + 1);
      gen_call_runtime(g, Runtime_ArrayPushSpread, pair, 2);
    } else {
      EMIT(g, GetNamedProperty, reg, gen_cname(g, "length"), SLOT(g));
      EMIT(g, Star, index);
      gen_expr(g, a);
      EMIT(g, StaInArrayLiteral, reg, index, SLOT(g));
    }
  }
  gen_reg_release(g, mark);
}

typedef enum { CALL_UNDEFINED_RECEIVER, CALL_WITH_RECEIVER } CallShape;

/* Emits the call of callee with the receiver in list[0] (CALL_WITH_RECEIVER) and args. */
static void gen_emit_call(Gen *g, int callee, int list, CallShape shape, AstList *args,
                          AstNode *template_quasi, bool tail) {
  bool spread = has_spread(args);
  if (spread && !template_quasi) {  /* list[0] holds the receiver (maybe undefined) */
    if (only_last_is_spread(args)) {
      gen_args_to(g, args, list + 1);
      EMIT(g, CallWithSpread, callee, list, 1 + args->length, SLOT(g));
    } else {
      gen_args_array(g, args, list + 1);
      EMIT(g, CallWithSpread, callee, list, 2, SLOT(g));
    }
    return;
  }
  int count = args->length;
  if (template_quasi) {
    gen_template_object(g, &template_quasi->u.template_lit);
    EMIT(g, Star, list + 1);
    AstList *exprs = &template_quasi->u.template_lit.expressions;
    gen_args_to(g, exprs, list + 2);
    count = 1 + exprs->length;
  } else {
    gen_args_to(g, args, list + 1);
  }
  if (tail) EMIT(g, TailCall, callee, list, count + 1, 0);  /* list[0]: the receiver */
  else if (shape == CALL_WITH_RECEIVER) EMIT(g, CallProperty, callee, list, count + 1, SLOT(g));
  else EMIT(g, CallUndefinedReceiver, callee, list + 1, count, SLOT(g));
}

static int arg_count(AstList *args, AstNode *template_quasi) {
  if (template_quasi) return 1 + template_quasi->u.template_lit.expressions.length;
  return has_spread(args) && !only_last_is_spread(args) ? 1 : args->length;
}

/* tail: the call is in tail position (gen_is_tail_call). */
static void gen_call_general(Gen *g, AstNode *callee, AstList *args, bool optional_call,
                             AstNode *template_quasi, int pos, bool tail) {
  callee = strip_parens(callee);
  int mark = gen_reg_mark(g);
  int fn = gen_new_reg(g);
  int n = arg_count(args, template_quasi);
  int list = gen_new_regs(g, n + 1);
  CallShape shape = CALL_WITH_RECEIVER;
  AstNode *chained = callee->kind == AST_OPTIONAL_CHAIN
                         ? strip_parens(callee->u.optional_chain.expression) : NULL;
  if (chained && chained->kind == AST_MEMBER) {
    /* (a?.b)(): the chain's member keeps its receiver; a short circuit calls undefined. */
    int saved = g->optional_chain_label;
    int short_circuit = gen_label(g), done = gen_label(g);
    g->optional_chain_label = short_circuit;
    gen_member_object(g, chained, list);
    gen_property_load(g, chained, list);
    g->optional_chain_label = saved;
    gen_jump(g, Bytecode_Jump, done);
    gen_bind(g, short_circuit);
    EMIT(g, LdaUndefined);
    gen_bind(g, done);
    EMIT(g, Star, fn);
  } else if (callee->kind == AST_MEMBER) {
    gen_member_object(g, callee, list);
    gen_property_load(g, callee, list);
    EMIT(g, Star, fn);
  } else if (callee->kind == AST_SUPER_MEMBER) {
    gen_super_load(g, callee, list);
    EMIT(g, Star, fn);
  } else if (callee->kind == AST_IDENTIFIER && callee->u.ident.var &&
             callee->u.ident.var->location == VAR_LOCATION_LOOKUP) {
    gen_load_var(g, callee->u.ident.var, callee->u.ident.name, false);
    EMIT(g, Star, fn);
    EMIT(g, LdaLookupThis, gen_name(g, callee->u.ident.name));
    EMIT(g, Star, list);
  } else {
    gen_expr_to(g, callee, fn);
    EMIT(g, LdaUndefined);
    EMIT(g, Star, list);
    shape = CALL_UNDEFINED_RECEIVER;
  }
  if (optional_call) {
    EMIT(g, Ldar, fn);
    if (g->optional_chain_label >= 0) gen_jump(g, Bytecode_JumpIfUndefinedOrNull, g->optional_chain_label);
  }
  bab_set_position(&g->b, pos);
  gen_emit_call(g, fn, list, shape, args, template_quasi, tail);
  gen_reg_release(g, mark);
}

/* A call of the identifier eval: CallDirectEval (its last operand: the position * 2, plus 1
 * when the last argument is spread; an argument list spread elsewhere becomes one array,
 * itself spread). */
/* `return eval(...)` in tail position (no spread): TailCall with flag 1, list[0] the
 * receiver (a with object's, for a name resolved at run time). */
static void gen_direct_eval_tail_call(Gen *g, AstNode *n) {
  AstList *args = &n->u.call.arguments;
  AstNode *callee = n->u.call.callee;
  int mark = gen_reg_mark(g);
  int fn = gen_new_reg(g);
  int list = gen_new_regs(g, args->length + 1);
  gen_expr_to(g, callee, fn);
  if (callee->kind == AST_IDENTIFIER && callee->u.ident.var &&
      callee->u.ident.var->location == VAR_LOCATION_LOOKUP) {
    EMIT(g, LdaLookupThis, gen_name(g, callee->u.ident.name));
  } else {
    EMIT(g, LdaUndefined);
  }
  EMIT(g, Star, list);
  gen_args_to(g, args, list + 1);
  bab_set_position(&g->b, n->pos);
  EMIT(g, TailCall, fn, list, args->length + 1, 1);
  gen_reg_release(g, mark);
}

static void gen_direct_eval(Gen *g, AstNode *n) {
  AstList *args = &n->u.call.arguments;
  bool spread = has_spread(args);
  if (!spread && gen_is_tail_call(g, n)) {
    gen_direct_eval_tail_call(g, n);
    return;
  }
  int mark = gen_reg_mark(g);
  int fn = gen_new_reg(g);
  int count = spread && !only_last_is_spread(args) ? 1 : args->length;
  int list = gen_new_regs(g, count > 0 ? count : 1);
  gen_expr_to(g, n->u.call.callee, fn);
  if (count != args->length) gen_args_array(g, args, list);
  else gen_args_to(g, args, list);
  bab_set_position(&g->b, n->pos);
  EMIT(g, CallDirectEval, fn, list, count, n->pos * 2 + (spread ? 1 : 0));
  gen_reg_release(g, mark);
}

static void gen_new(Gen *g, AstNode *n) {
  AstList *args = &n->u.call.arguments;
  int mark = gen_reg_mark(g);
  int ctor = gen_new_reg(g);
  gen_expr_to(g, n->u.call.callee, ctor);
  int count = arg_count(args, NULL);
  int list = gen_new_regs(g, count > 0 ? count : 1);
  bool spread = has_spread(args);
  if (spread && !only_last_is_spread(args)) gen_args_array(g, args, list);
  else gen_args_to(g, args, list);
  EMIT(g, Ldar, ctor);
  bab_set_position(&g->b, n->pos);
  if (spread) EMIT(g, ConstructWithSpread, ctor, list, count, SLOT(g));
  else EMIT(g, Construct, ctor, list, count, SLOT(g));
  gen_reg_release(g, mark);
}

/* After super(): acc = the new object. Binds `this` (ES2025 13.3.7.1 steps 6-8). */
static void gen_bind_this_after_super(Gen *g) {
  bool crossed;
  AstFunction *f = scopes_receiver_function(g->scope, &crossed);
  int mark = gen_reg_mark(g), result = gen_new_reg(g);
  EMIT(g, Star, result);
  AstVariable *this_var = f ? scopes_find_local(f->scope, "this") : NULL;
  if (this_var && this_var->location != VAR_LOCATION_UNALLOCATED) {
    gen_load_var_raw(g, this_var);
    EMIT(g, ThrowSuperAlreadyCalledIfNotHole);
    EMIT(g, Ldar, result);
    gen_store_var_raw(g, this_var);
  } else if (g->job->is_direct_eval) {
    EMIT(g, LdaLookupSlot, gen_cname(g, "this"));
    EMIT(g, ThrowSuperAlreadyCalledIfNotHole);
    EMIT(g, Ldar, result);
    EMIT(g, StaLookupSlot, gen_cname(g, "this"), 1);
  }
  if (f && f->home_class) gen_instance_initialization(g, f->home_class, result);
  EMIT(g, Ldar, result);
  gen_reg_release(g, mark);
}

static void gen_super_call(Gen *g, AstNode *n) {
  AstList *args = &n->u.call.arguments;
  int mark = gen_reg_mark(g);
  int func = gen_new_reg(g), ctor = gen_new_reg(g);
  gen_load_active_function(g);
  EMIT(g, Star, func);
  EMIT(g, GetSuperConstructor, func);
  EMIT(g, Star, ctor);
  int count = arg_count(args, NULL);
  int list = gen_new_regs(g, count > 0 ? count : 1);
  bool spread = has_spread(args);
  if (spread && !only_last_is_spread(args)) gen_args_array(g, args, list);
  else gen_args_to(g, args, list);
  EMIT(g, ThrowIfNotSuperConstructor, ctor);
  gen_load_new_target(g);
  bab_set_position(&g->b, n->pos);
  if (spread) EMIT(g, ConstructWithSpread, ctor, list, count, SLOT(g));
  else EMIT(g, Construct, ctor, list, count, SLOT(g));
  gen_bind_this_after_super(g);
  gen_reg_release(g, mark);
}

/* The default derived constructor's super(...args) (ES2025 15.7.14 step 14.a): the frame's
 * own arguments go to the parent constructor directly, without iterating an array (no
 * %Array.prototype%[@@iterator]). */
void gen_super_call_forwarding_arguments(Gen *g) {
  int mark = gen_reg_mark(g);
  int func = gen_new_reg(g), ctor = gen_new_reg(g), nt = gen_new_reg(g);
  gen_load_active_function(g);
  EMIT(g, Star, func);
  EMIT(g, GetSuperConstructor, func);
  EMIT(g, Star, ctor);
  EMIT(g, ThrowIfNotSuperConstructor, ctor);
  gen_load_new_target(g);
  EMIT(g, Star, nt);
  gen_call_runtime(g, Runtime_ConstructForwardingArguments, ctor, 2);
  gen_bind_this_after_super(g);
  gen_reg_release(g, mark);
}

/* %Name(args): the arguments in consecutive registers, then CallRuntime. */
static void gen_native_call(Gen *g, AstNode *n) {
  AstList *args = &n->u.call.arguments;
  int mark = gen_reg_mark(g);
  int first = gen_new_regs(g, args->length > 0 ? args->length : 1);
  for (int i = 0; i < args->length; i++) gen_expr_to(g, args->items[i], first + i);
  bab_set_position(&g->b, n->pos);
  gen_call_runtime(g, (RuntimeFunctionId)(n->u.call.native_id - 1), first, args->length);
  gen_reg_release(g, mark);
}

static void gen_call(Gen *g, AstNode *n) {
  if (n->u.call.native_id) { gen_native_call(g, n); return; }
  if (n->u.call.is_possibly_direct_eval && !n->u.call.optional) { gen_direct_eval(g, n); return; }
  gen_call_general(g, n->u.call.callee, &n->u.call.arguments, n->u.call.optional, NULL, n->pos,
                   gen_is_tail_call(g, n));
}

static void gen_tagged_template(Gen *g, AstNode *n) {
  AstTaggedTemplate *t = &n->u.tagged_template;
  AstList none = {0, 0, NULL};
  gen_call_general(g, t->tag, &none, false, t->quasi, n->pos, gen_is_tail_call(g, n));
}

/* ---- Unary operators -------------------------------------------------------------------- */

void gen_delete_member(Gen *g, AstNode *m) {
  if (m->kind == AST_OPTIONAL_CHAIN) { gen_optional_chain(g, m, true); return; }
  int mark = gen_reg_mark(g), obj = gen_new_reg(g);
  gen_member_object(g, m, obj);
  if (m->u.member.computed) gen_expr(g, m->u.member.property);
  else EMIT(g, LdaConstant, gen_name(g, m->u.member.property->u.ident.name));
  if (g->is_strict) EMIT(g, DeletePropertyStrict, obj); else EMIT(g, DeletePropertySloppy, obj);
  gen_reg_release(g, mark);
}

static void gen_delete(Gen *g, AstNode *operand) {
  operand = strip_parens(operand);
  switch (operand->kind) {
    case AST_MEMBER: gen_delete_member(g, operand); break;
    case AST_OPTIONAL_CHAIN: gen_optional_chain(g, operand, true); break;
    case AST_SUPER_MEMBER: {
      gen_load_this(g);
      if (operand->u.member.computed) gen_expr(g, operand->u.member.property);
      int mark = gen_reg_mark(g), r = gen_new_reg(g);
      gen_load_cstring(g, "Unsupported reference to 'super'");
      EMIT(g, Star, r);
      gen_call_runtime(g, Runtime_ThrowReferenceError, r, 1);
      gen_reg_release(g, mark);
      break;
    }
    case AST_IDENTIFIER: {
      AstVariable *v = operand->u.ident.var;
      if (v && (v->location == VAR_LOCATION_GLOBAL || v->location == VAR_LOCATION_LOOKUP)) {
        EMIT(g, DeleteLookupSlot, gen_name(g, operand->u.ident.name));
      } else {
        EMIT(g, LdaFalse);
      }
      break;
    }
    default:
      gen_expr(g, operand);
      EMIT(g, LdaTrue);
      break;
  }
}

static void gen_unary(Gen *g, AstNode *n) {
  AstUnary *u = &n->u.unary;
  AstNode *operand = strip_parens(u->operand);
  switch (u->op) {
    case AST_UNARY_NEG:
      if (operand->kind == AST_NUMBER_LITERAL) { gen_load_smi_or_number(g, -operand->u.number.value); return; }
      gen_expr(g, operand);
      EMIT(g, Negate, SLOT(g));
      break;
    case AST_UNARY_PLUS:
      gen_expr(g, operand);
      EMIT(g, ToNumber, SLOT(g));
      break;
    case AST_UNARY_NOT:
      gen_expr(g, operand);
      EMIT(g, ToBooleanLogicalNot);
      break;
    case AST_UNARY_BIT_NOT:
      gen_expr(g, operand);
      EMIT(g, BitwiseNot, SLOT(g));
      break;
    case AST_UNARY_TYPEOF:
      if (operand->kind == AST_IDENTIFIER && operand->u.ident.var)
        gen_load_var(g, operand->u.ident.var, operand->u.ident.name, true);
      else
        gen_expr(g, operand);
      EMIT(g, TypeOf);
      break;
    case AST_UNARY_VOID:
      gen_expr(g, operand);
      EMIT(g, LdaUndefined);
      break;
    case AST_UNARY_DELETE: gen_delete(g, operand); break;
  }
}

/* ---- Dispatch ----------------------------------------------------------------------------- */

static void gen_sequence(Gen *g, AstSequence *s) {
  for (int i = 0; i < s->expressions.length; i++) gen_expr(g, s->expressions.items[i]);
}

/* A BigInt literal: the value is made now and loaded from the constant pool. */
static void gen_bigint_literal(Gen *g, const AstBigInt *b) {
  Handle v = bigint_from_digits(g->iso, b->digits->data, b->digits->byte_length, b->radix, false);
  int idx = handle_is_null(v) ? -1 : bab_constant_handle(&g->b, v);
  if (idx < 0) { g->job->failed = g->b.failed = true; return; }
  EMIT(g, LdaConstant, idx);
}

/* import(source, options): ES2025 13.3.10.1; the runtime does the rest (modules.h). */
static void gen_import_call(Gen *g, AstImportCall *c) {
  int mark = gen_reg_mark(g), args = gen_new_regs(g, 3);
  gen_expr(g, c->source);
  EMIT(g, Star, args);
  if (c->options) gen_expr(g, c->options); else EMIT(g, LdaUndefined);
  EMIT(g, Star, args + 1);
  EMIT(g, LdaSmi, c->phase);
  EMIT(g, Star, args + 2);
  gen_call_runtime(g, Runtime_DynamicImport, args, 3);
  gen_reg_release(g, mark);
}

void gen_expr(Gen *g, AstNode *n) {
  if (n == NULL) { EMIT(g, LdaUndefined); return; }
  if (g->job->failed || !gen_stack_ok(g)) return;
  switch (n->kind) {
    case AST_NUMBER_LITERAL: gen_load_smi_or_number(g, n->u.number.value); break;
    case AST_STRING_LITERAL: EMIT(g, LdaConstant, gen_name(g, n->u.string.value)); break;
    case AST_BIGINT_LITERAL: gen_bigint_literal(g, &n->u.bigint); break;
    case AST_REGEXP_LITERAL:
      EMIT(g, CreateRegExpLiteral, gen_name(g, n->u.regexp.pattern), SLOT(g),
           regexp_flags(n->u.regexp.flags));
      break;
    case AST_TEMPLATE_LITERAL: gen_template_literal(g, &n->u.template_lit); break;
    case AST_TAGGED_TEMPLATE: gen_tagged_template(g, n); break;
    case AST_NULL_LITERAL: EMIT(g, LdaNull); break;
    case AST_TRUE_LITERAL: EMIT(g, LdaTrue); break;
    case AST_FALSE_LITERAL: EMIT(g, LdaFalse); break;
    case AST_IDENTIFIER: {
      AstVariable *v = n->u.ident.var ? n->u.ident.var : g->job->res.global_var;
      bab_set_position(&g->b, n->pos);
      gen_load_var(g, v, n->u.ident.name, false);
      break;
    }
    case AST_THIS: gen_load_this(g); break;
    case AST_SUPER_MEMBER: {
      int mark = gen_reg_mark(g), r = gen_new_reg(g);
      gen_super_load(g, n, r);
      gen_reg_release(g, mark);
      break;
    }
    case AST_SUPER_CALL: gen_super_call(g, n); break;
    case AST_NEW_TARGET: gen_load_new_target(g); break;
    case AST_ARRAY_LITERAL: gen_array_literal(g, &n->u.array); break;
    case AST_OBJECT_LITERAL: gen_object_literal(g, &n->u.object); break;
    case AST_FUNCTION: gen_closure(g, &n->u.function, NULL, NULL); break;
    case AST_CLASS: gen_class(g, &n->u.class_lit, NULL); break;
    case AST_UNARY: gen_unary(g, n); break;
    case AST_UPDATE: gen_update(g, n); break;
    case AST_BINARY: gen_binary(g, n); break;
    case AST_LOGICAL: gen_logical(g, &n->u.logical); break;
    case AST_ASSIGN: gen_assignment(g, n); break;
    case AST_CONDITIONAL: gen_conditional(g, &n->u.conditional); break;
    case AST_CALL: gen_call(g, n); break;
    case AST_NEW: gen_new(g, n); break;
    case AST_MEMBER: gen_member(g, n); break;
    case AST_OPTIONAL_CHAIN: gen_optional_chain(g, n, false); break;
    case AST_SEQUENCE: gen_sequence(g, &n->u.sequence); break;
    case AST_PAREN: gen_expr(g, n->u.unary.operand); break;
    case AST_YIELD: gen_yield(g, n); break;
    case AST_AWAIT: gen_await(g, n); break;
    case AST_IMPORT_META: gen_call_runtime(g, Runtime_GetImportMeta, 0, 0); break;
    case AST_IMPORT_CALL: gen_import_call(g, &n->u.import_call); break;
    default:
      gen_fail(g, kError_SYNTAX_ERROR, "unexpected node in an expression");
      break;
  }
}
