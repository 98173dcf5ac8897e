/* ast.c: AST construction helpers and the S-expression printer (see ast.h). */
#include "parsing/ast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parsing/zone.h"

static const char *const kNodeKindNames[] = {
#define V(kind, member) #kind,
    AST_NODE_LIST(V)
#undef V
};

static const char *const kBinaryOpTexts[] = {
#define V(name, text, prec) text,
    AST_BINARY_OP_LIST(V)
#undef V
};

static const char *const kUnaryOpTexts[] = {
#define V(name, text) text,
    AST_UNARY_OP_LIST(V)
#undef V
};

AstNode *ast_node_new(struct Zone *zone, AstNodeKind kind, int32_t pos) {
  AstNode *node = zone_alloc_zeroed(zone, sizeof(AstNode));
  node->kind = kind;
  node->pos = pos;
  return node;
}

void ast_list_push(struct Zone *zone, AstList *list, AstNode *node) {
  if (list->length == list->capacity) {
    int capacity = list->capacity ? list->capacity * 2 : 4;
    AstNode **items = zone_alloc(zone, sizeof(AstNode *) * (size_t)capacity);
    if (!items) return;  /* the zone failed: the parse is being abandoned */
    if (list->length) memcpy(items, list->items, sizeof(AstNode *) * (size_t)list->length);
    list->items = items;
    list->capacity = capacity;
  }
  list->items[list->length++] = node;
}

const char *ast_node_kind_name(AstNodeKind kind) {
  return (unsigned)kind < kAstNodeKindCount ? kNodeKindNames[kind] : "?";
}

const char *ast_binary_op_text(AstBinaryOp op) {
  return (unsigned)op < kAstBinaryOpCount ? kBinaryOpTexts[op] : "?";
}

/* ---- Printer ----------------------------------------------------------------------------
 * One S-expression per node: (KIND fields children...). Identifiers print as their name,
 * literals as their value; lists as [a b c]. */

static void print_string(FILE *f, const AstString *s) {
  if (!s) { fputs("<invalid>", f); return; }
  fputc('"', f);
  for (uint32_t i = 0; i < s->byte_length; i++) {
    unsigned char c = (unsigned char)s->data[i];
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c == '\n') fputs("\\n", f);
    else if (c < 0x20) fprintf(f, "\\x%02x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

static void print_number(FILE *f, double v) {
  if (isnan(v)) { fputs("NaN", f); return; }
  if (isinf(v)) { fputs(v < 0 ? "-Infinity" : "Infinity", f); return; }
  char buf[40];
  if (v == (double)(int64_t)v && fabs(v) < 1e18) {
    fprintf(f, "%lld", (long long)v);
    return;
  }
  for (int precision = 1; precision <= 17; precision++) {
    snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (strtod(buf, NULL) == v) break;
  }
  fputs(buf, f);
}

static void print_node(FILE *f, const AstNode *n);

static void print_list(FILE *f, const AstList *list) {
  fputc('[', f);
  for (int i = 0; i < list->length; i++) {
    if (i) fputc(' ', f);
    print_node(f, list->items[i]);
  }
  fputc(']', f);
}

static void print_properties(FILE *f, const AstObject *o) {
  static const char *const kinds[] = {"init", "method", "get", "set", "spread", "proto"};
  for (int i = 0; i < o->count; i++) {
    const AstProperty *p = &o->properties[i];
    fprintf(f, " (%s%s%s ", kinds[p->kind], p->computed ? " computed" : "",
            p->shorthand ? " shorthand" : "");
    if (p->key) { print_node(f, p->key); fputc(' ', f); }
    print_node(f, p->value);
    fputc(')', f);
  }
}

static void print_function(FILE *f, const AstFunction *fn) {
  static const char *const kinds[] = {"normal", "arrow", "method", "getter", "setter",
                                      "constructor", "derived-constructor", "fields-init",
                                      "static-init"};
  fprintf(f, " %s", kinds[fn->kind]);
  if (fn->is_async) fputs(" async", f);
  if (fn->is_generator) fputs(" generator", f);
  if (fn->is_strict) fputs(" strict", f);
  if (fn->name) fprintf(f, " %s", fn->name->data);
  fputc(' ', f);
  print_list(f, &fn->params);
  fputc(' ', f);
  print_list(f, &fn->body);
}

static void print_class(FILE *f, const AstClass *c) {
  static const char *const kinds[] = {"method", "get", "set", "field", "static-block",
                                      "accessor"};
  if (c->name) fprintf(f, " %s", c->name->data);
  if (c->heritage) { fputs(" (extends ", f); print_node(f, c->heritage); fputc(')', f); }
  for (int i = 0; i < c->member_count; i++) {
    const AstClassMember *m = &c->members[i];
    fprintf(f, " (%s%s%s ", kinds[m->kind], m->is_static ? " static" : "",
            m->computed ? " computed" : "");
    if (m->key) { print_node(f, m->key); fputc(' ', f); }
    print_node(f, m->value);
    fputc(')', f);
  }
}

static void print_var_decl(FILE *f, const AstVarDecl *d) {
  static const char *const kinds[] = {"var", "let", "const", "using", "await-using"};
  fprintf(f, " %s", kinds[d->kind]);
  for (int i = 0; i < d->count; i++) {
    fputs(" (", f);
    print_node(f, d->declarators[i].target);
    if (d->declarators[i].init) { fputc(' ', f); print_node(f, d->declarators[i].init); }
    fputc(')', f);
  }
}

static void print_template(FILE *f, const AstTemplateLit *t) {
  for (int i = 0; i < t->quasi_count; i++) {
    fputc(' ', f);
    print_string(f, t->quasis[i].cooked);
    if (i < t->expressions.length) { fputc(' ', f); print_node(f, t->expressions.items[i]); }
  }
}

static void print_children(FILE *f, const AstNode *n) {
  switch (n->kind) {
    case AST_BIGINT_LITERAL: fprintf(f, " %s radix %d", n->u.bigint.digits->data, n->u.bigint.radix); break;
    case AST_REGEXP_LITERAL:
      fprintf(f, " /%s/%s", n->u.regexp.pattern->data, n->u.regexp.flags->data);
      break;
    case AST_TEMPLATE_LITERAL: print_template(f, &n->u.template_lit); break;
    case AST_TAGGED_TEMPLATE:
      fputc(' ', f); print_node(f, n->u.tagged_template.tag);
      fputc(' ', f); print_node(f, n->u.tagged_template.quasi);
      break;
    case AST_PRIVATE_NAME: fprintf(f, " %s", n->u.ident.name->data); break;
    case AST_SUPER_MEMBER: case AST_MEMBER:
      if (n->u.member.optional) fputs(" optional", f);
      if (n->u.member.computed) fputs(" computed", f);
      if (n->u.member.object) { fputc(' ', f); print_node(f, n->u.member.object); }
      fputc(' ', f); print_node(f, n->u.member.property);
      break;
    case AST_SUPER_CALL: case AST_CALL: case AST_NEW:
      if (n->u.call.optional) fputs(" optional", f);
      if (n->u.call.is_possibly_direct_eval) fputs(" eval", f);
      if (n->u.call.callee) { fputc(' ', f); print_node(f, n->u.call.callee); }
      fputc(' ', f); print_list(f, &n->u.call.arguments);
      break;
    case AST_IMPORT_CALL:
      fputc(' ', f); print_node(f, n->u.import_call.source);
      if (n->u.import_call.options) { fputc(' ', f); print_node(f, n->u.import_call.options); }
      break;
    case AST_ARRAY_LITERAL: case AST_ARRAY_PATTERN:
      fputc(' ', f); print_list(f, &n->u.array.elements); break;
    case AST_OBJECT_LITERAL: case AST_OBJECT_PATTERN: print_properties(f, &n->u.object); break;
    case AST_FUNCTION: case AST_FUNCTION_DECL: print_function(f, &n->u.function); break;
    case AST_CLASS: case AST_CLASS_DECL: print_class(f, &n->u.class_lit); break;
    case AST_UNARY:
      fprintf(f, " %s ", kUnaryOpTexts[n->u.unary.op]); print_node(f, n->u.unary.operand); break;
    case AST_UPDATE:
      fprintf(f, " %s%s ", n->u.update.is_prefix ? "prefix" : "postfix",
              n->u.update.is_increment ? "++" : "--");
      print_node(f, n->u.update.target);
      break;
    case AST_BINARY:
      fprintf(f, " %s ", kBinaryOpTexts[n->u.binary.op]);
      print_node(f, n->u.binary.left); fputc(' ', f); print_node(f, n->u.binary.right);
      break;
    case AST_LOGICAL:
      fprintf(f, " %s ", n->u.logical.op == AST_LOGICAL_AND ? "&&"
                         : n->u.logical.op == AST_LOGICAL_OR ? "||" : "??");
      print_node(f, n->u.logical.left); fputc(' ', f); print_node(f, n->u.logical.right);
      break;
    case AST_ASSIGN: case AST_ASSIGN_PATTERN: {
      const AstAssign *a = &n->u.assign;
      if (n->kind == AST_ASSIGN) {
        if (a->kind == AST_ASSIGN_PLAIN) fputs(" =", f);
        else if (a->kind == AST_ASSIGN_COMPOUND) fprintf(f, " %s=", kBinaryOpTexts[a->op]);
        else fprintf(f, " %s=", a->op == AST_LOGICAL_AND ? "&&" : a->op == AST_LOGICAL_OR ? "||" : "??");
      }
      fputc(' ', f); print_node(f, a->target); fputc(' ', f); print_node(f, a->value);
      break;
    }
    case AST_CONDITIONAL: case AST_IF:
      fputc(' ', f); print_node(f, n->u.conditional.test);
      fputc(' ', f); print_node(f, n->u.conditional.consequent);
      if (n->u.conditional.alternate) { fputc(' ', f); print_node(f, n->u.conditional.alternate); }
      break;
    case AST_OPTIONAL_CHAIN: fputc(' ', f); print_node(f, n->u.optional_chain.expression); break;
    case AST_SEQUENCE: fputc(' ', f); print_list(f, &n->u.sequence.expressions); break;
    case AST_SPREAD: case AST_AWAIT: case AST_PAREN: case AST_REST_ELEMENT:
    case AST_EXPRESSION_STMT: case AST_RETURN: case AST_THROW:
      if (n->u.unary.operand) { fputc(' ', f); print_node(f, n->u.unary.operand); }
      break;
    case AST_YIELD:
      if (n->u.yield.delegate) fputs(" *", f);
      if (n->u.yield.argument) { fputc(' ', f); print_node(f, n->u.yield.argument); }
      break;
    case AST_PROGRAM: fputc(' ', f); print_list(f, &n->u.program.body); break;
    case AST_VAR_DECL: print_var_decl(f, &n->u.var_decl); break;
    case AST_BLOCK: fputc(' ', f); print_list(f, &n->u.block.body); break;
    case AST_FOR:
      fputs(" ", f); print_node(f, n->u.for_stmt.init);
      fputs(" ", f); print_node(f, n->u.for_stmt.test);
      fputs(" ", f); print_node(f, n->u.for_stmt.update);
      fputs(" ", f); print_node(f, n->u.for_stmt.body);
      break;
    case AST_FOR_IN: case AST_FOR_OF:
      if (n->u.for_each.is_await) fputs(" await", f);
      fputs(" ", f); print_node(f, n->u.for_each.left);
      fputs(" ", f); print_node(f, n->u.for_each.right);
      fputs(" ", f); print_node(f, n->u.for_each.body);
      break;
    case AST_WHILE:
      fputs(" ", f); print_node(f, n->u.while_stmt.test);
      fputs(" ", f); print_node(f, n->u.while_stmt.body);
      break;
    case AST_DO_WHILE:
      fputs(" ", f); print_node(f, n->u.while_stmt.body);
      fputs(" ", f); print_node(f, n->u.while_stmt.test);
      break;
    case AST_CONTINUE: case AST_BREAK:
      if (n->u.jump.label) fprintf(f, " %s", n->u.jump.label->data);
      break;
    case AST_WITH:
      fputs(" ", f); print_node(f, n->u.with_stmt.object);
      fputs(" ", f); print_node(f, n->u.with_stmt.body);
      break;
    case AST_SWITCH:
      fputs(" ", f); print_node(f, n->u.switch_stmt.discriminant);
      for (int i = 0; i < n->u.switch_stmt.case_count; i++) {
        const AstSwitchCase *c = &n->u.switch_stmt.cases[i];
        fputs(c->test ? " (case " : " (default", f);
        if (c->test) print_node(f, c->test);
        fputc(' ', f);
        print_list(f, &c->body);
        fputc(')', f);
      }
      break;
    case AST_LABELED:
      fprintf(f, " %s ", n->u.labeled.label->data); print_node(f, n->u.labeled.body); break;
    case AST_TRY:
      fputc(' ', f); print_node(f, n->u.try_stmt.block);
      if (n->u.try_stmt.handler) {
        fputs(" (catch ", f); print_node(f, n->u.try_stmt.param);
        fputc(' ', f); print_node(f, n->u.try_stmt.handler); fputc(')', f);
      }
      if (n->u.try_stmt.finalizer) {
        fputs(" (finally ", f); print_node(f, n->u.try_stmt.finalizer); fputc(')', f);
      }
      break;
    case AST_IMPORT_DECL: case AST_EXPORT_DECL: {
      const AstModuleDecl *m = &n->u.module_decl;
      if (m->is_default) fputs(" default", f);
      if (m->is_star) fputs(" *", f);
      for (int i = 0; i < m->entry_count; i++)
        fprintf(f, " (%s %s)", m->entries[i].import_name ? m->entries[i].import_name->data : "*",
                m->entries[i].local_name ? m->entries[i].local_name->data : "-");
      if (m->specifier) { fputs(" from ", f); print_string(f, m->specifier); }
      if (m->declaration) { fputc(' ', f); print_node(f, m->declaration); }
      break;
    }
    case AST_CLASS_FIELD_INIT: fprintf(f, " %d", n->u.field_init.member_index); break;
    default: break;
  }
}

static bool is_binary_like(const AstNode *n) {
  return n && (n->kind == AST_BINARY || n->kind == AST_LOGICAL);
}

static const char *binary_like_text(const AstNode *n) {
  if (n->kind == AST_BINARY) return kBinaryOpTexts[n->u.binary.op];
  return n->u.logical.op == AST_LOGICAL_AND ? "&&" : n->u.logical.op == AST_LOGICAL_OR ? "||" : "??";
}

/* A left-nested chain a+b+c+... is printed without recursing down its left spine (the
 * parser builds such chains of any length). */
static void print_binary_chain(FILE *f, const AstNode *n) {
  size_t depth = 0;
  for (const AstNode *m = n; is_binary_like(m); m = m->u.binary.left) {
    fprintf(f, "(%s %s ", kNodeKindNames[m->kind], binary_like_text(m));
    depth++;
  }
  const AstNode **spine = malloc(sizeof(AstNode *) * depth);
  if (!spine) return;
  size_t i = depth;
  const AstNode *m = n;
  for (; is_binary_like(m); m = m->u.binary.left) spine[--i] = m;
  print_node(f, m);
  for (i = 0; i < depth; i++) {
    fputc(' ', f);
    print_node(f, spine[i]->u.binary.right);
    fputc(')', f);
  }
  free(spine);
}

static void print_node(FILE *f, const AstNode *n) {
  if (!n) { fputs("_", f); return; }
  if (is_binary_like(n)) { print_binary_chain(f, n); return; }
  switch (n->kind) {
    case AST_NUMBER_LITERAL: print_number(f, n->u.number.value); return;
    case AST_STRING_LITERAL: print_string(f, n->u.string.value); return;
    case AST_IDENTIFIER: fputs(n->u.ident.name->data, f); return;
    case AST_NULL_LITERAL: fputs("null", f); return;
    case AST_TRUE_LITERAL: fputs("true", f); return;
    case AST_FALSE_LITERAL: fputs("false", f); return;
    case AST_THIS: fputs("this", f); return;
    case AST_EMPTY: fputs("(EMPTY)", f); return;
    default: break;
  }
  fprintf(f, "(%s", kNodeKindNames[n->kind]);
  print_children(f, n);
  fputc(')', f);
}

void ast_print(FILE *f, const AstNode *node) { print_node(f, node); }
