/*
 * parser.c: the ES2025 recursive-descent parser (see parser.h).
 *
 * Layout: state and tokens; errors; scopes and declarations (with the redeclaration early
 * errors); expressions (the cover grammars: parenthesized expressions / arrow parameters,
 * object and array literals / destructuring patterns, async calls / async arrow heads);
 * functions and classes; statements; modules; the entry points.
 *
 * Cover grammars (ES2025 13.2.5, 13.15.1, 15.3): an expression is parsed first, then
 * reinterpreted as a pattern or arrow parameters when `=` / `=>` follows. Errors that hold
 * only if no reinterpretation happens ({a = 1}, duplicate __proto__) are recorded in
 * AstNode.cover_flags (propagated to enclosing literals) and reported when the expression is
 * used as an expression. For arrows, the scopes and identifiers created while parsing the
 * parameters as an expression are moved under the arrow's scope (see arrow_adopt).
 */
#include "parsing/parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "parsing/regexp-syntax.h"
#include "parsing/scanner.h"
#include "runtime/runtime-test.h"

/* ---- State ------------------------------------------------------------------------------ */

enum {
  COVER_INIT_NAME = 1,         /* object literal holds {a = 1} (CoverInitializedName) */
  COVER_SPREAD_COMMA = 2,      /* array literal has a comma after a spread: [...a, ] */
  COVER_DUPLICATE_PROTO = 4,   /* object literal has two __proto__: v */
};

/* Entries of the declaration table: what a name is in a scope (for early errors). */
enum {
  DECL_LEXICAL = 1,            /* let/const/class, or a function declaration in a block */
  DECL_VAR = 2,                /* var or function-level function, in its var scope */
  DECL_VAR_THROUGH = 4,        /* a var of an inner block hoisted through this scope */
  DECL_PARAM = 8,              /* a parameter (function scope) */
  DECL_PARAM_SHADOW = 16,      /* the body block of a catch/non-simple function: the name
                                  is a parameter next door (conflicts with lexical only) */
  DECL_SLOPPY_FUNCTION = 32,   /* a sloppy block function: may be redeclared by another */
  DECL_CATCH_SIMPLE = 64,      /* catch (e): a var e may redeclare it (annex B.3.4) */
  DECL_FUNCTION = 128,         /* a function declaration */
};

typedef struct {
  const AstScope *scope;
  const AstString *name;
  unsigned flags;
  AstVariable *var;
} DeclEntry;

typedef struct Label {
  const AstString *name;
  bool is_loop;
  struct Label *outer;
  int32_t label_pos, body_pos;  /* where the label and its statement start */
} Label;

/* An annex B.3.2 candidate: a sloppy function declaration in a block. */
typedef struct AnnexB {
  AstNode *decl;
  AstScope *block;
  struct AnnexB *next;
} AnnexB;

typedef struct FunctionState {
  struct FunctionState *outer;
  AstFunction *func;           /* NULL for the program */
  AstScope *var_scope;         /* where var declarations go */
  bool is_arrow;
  bool allow_super_property, allow_super_call, allow_new_target, allow_arguments;
  bool allow_return;
  bool is_static_block;
  int32_t dup_param_pos;       /* the first repeated parameter name, or -1 */
  Label *labels;
  int breakable_depth, loop_depth;
  AnnexB *annexb;
} FunctionState;

/* An unresolved private name reference (#x) waiting for its class. */
typedef struct PrivateRef {
  const AstString *name;
  int32_t pos;
  struct PrivateRef *next;
} PrivateRef;

typedef struct ClassState {
  struct ClassState *outer;
  AstScope *scope;
  PrivateRef *refs;            /* #x used in this class body, not yet checked */
} ClassState;

typedef struct Parser {
  Zone *zone;
  ParseInfo *info;
  Scanner scanner;
  Token tok;                   /* the current token */
  Token ahead;                 /* the next one, when has_ahead */
  bool has_ahead;
  int32_t prev_end;            /* end of the previous token */
  bool failed;
  int depth;
  FunctionState *fs;
  ClassState *cls;
  AstScope *scope;             /* the innermost scope */
  bool strict;
  bool in_generator;           /* yield is an operator */
  bool in_async;               /* await is an operator */
  bool module_awaits;          /* the module's own body has an await (top-level await) */
  bool await_reserved;         /* await may not be an identifier (module, async, static
                                  block) */
  bool in_params;              /* parsing formal parameters: yield/await expressions are
                                  errors */
  bool in_field_init;          /* `arguments` is an error (class field / static block) */
  bool in_statement_list;      /* the statement being parsed is a StatementListItem (a
                                  labelled function declaration is allowed, annex B.3.1) */
  bool allow_in;               /* the [In] grammar parameter */
  AstScope *case_scope;        /* the innermost switch's case block (using declarations may
                                  not be its direct items) */
  /* Cover grammar bookkeeping: counts of things seen, compared around a parenthesized
   * expression that becomes arrow parameters. */
  int yield_count, await_count, await_ident_count;
  int this_count, arguments_count, eval_count, super_property_count, super_call_count,
      new_target_count;
  /* Every IDENTIFIER reference node, in creation order (arrow_adopt rescopes them). */
  AstNode **idents;
  int ident_count, ident_capacity;
  /* The declaration table: (scope, name) -> DeclEntry, open addressing. */
  DeclEntry *decls;
  uint32_t decl_capacity, decl_count;
  int function_id;
  int template_site;
  /* Interned names the grammar looks for. */
  const AstString *s_let, *s_static, *s_yield, *s_await, *s_async, *s_of, *s_get, *s_set,
      *s_target, *s_meta, *s_from, *s_as, *s_eval, *s_arguments, *s_constructor, *s_proto,
      *s_prototype, *s_default, *s_implements, *s_interface, *s_package, *s_private,
      *s_protected, *s_public, *s_private_constructor, *s_star_default, *s_using,
      *s_source, *s_defer;
} Parser;

/* ---- Errors ----------------------------------------------------------------------------- */

static void error_at_kind(Parser *p, int32_t pos, ParseErrorKind kind, const char *fmt,
                          va_list ap) {
  if (p->failed) return;
  p->failed = true;
  ParseInfo *info = p->info;
  info->error.kind = kind;
  info->error.pos = pos;
  vsnprintf(info->error.message, sizeof info->error.message, fmt, ap);
  parser_line_column(info->source, info->length, pos, &info->error.line, &info->error.column);
}

KILN_PRINTF(3, 4) static void error_at(Parser *p, int32_t pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  error_at_kind(p, pos, PARSE_ERROR_SYNTAX, fmt, ap);
  va_end(ap);
}

KILN_PRINTF(3, 4) static void range_error_at(Parser *p, int32_t pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  error_at_kind(p, pos, PARSE_ERROR_RANGE, fmt, ap);
  va_end(ap);
}

/* "Unexpected token" style message for the current token. */
static void error_unexpected(Parser *p) {
  Token *t = &p->tok;
  if (t->type == TOKEN_ILLEGAL) {
    if (p->scanner.out_of_memory) range_error_at(p, p->scanner.error_pos, "out of memory");
    else error_at(p, p->scanner.error_pos, "%s", p->scanner.error_message);
    return;
  }
  switch (t->type) {
    case TOKEN_EOS: error_at(p, t->pos, "Unexpected end of input"); break;
    case TOKEN_NUMBER: case TOKEN_BIGINT: error_at(p, t->pos, "Unexpected number"); break;
    case TOKEN_STRING: error_at(p, t->pos, "Unexpected string"); break;
    case TOKEN_TEMPLATE_SPAN: case TOKEN_TEMPLATE_TAIL:
      error_at(p, t->pos, "Unexpected template string");
      break;
    case TOKEN_IDENTIFIER: error_at(p, t->pos, "Unexpected identifier '%s'", t->value->data); break;
    case TOKEN_ESCAPED_KEYWORD:
      error_at(p, t->pos, "Keyword must not contain escaped characters");
      break;
    default: error_at(p, t->pos, "Unexpected token '%s'", token_text(t->type)); break;
  }
}

/* ---- Tokens ----------------------------------------------------------------------------- */

static void next(Parser *p) {
  p->prev_end = p->tok.end;
  if (p->has_ahead) {
    p->tok = p->ahead;
    p->has_ahead = false;
  } else {
    scanner_next(&p->scanner, &p->tok);
  }
  if (p->zone->failed && !p->failed) range_error_at(p, p->tok.pos, "out of memory");
}

static Token *peek(Parser *p) {
  if (!p->has_ahead) {
    scanner_next(&p->scanner, &p->ahead);
    p->has_ahead = true;
  }
  return &p->ahead;
}

/* The token after the peeked one (scans ahead and rewinds the scanner). */
static Token peek2_token(Parser *p) {
  peek(p);
  Scanner saved = p->scanner;
  Token t;
  scanner_next(&p->scanner, &t);
  p->scanner.pos = saved.pos;
  p->scanner.has_error = saved.has_error;
  p->scanner.error_pos = saved.error_pos;
  memcpy(p->scanner.error_message, saved.error_message, sizeof saved.error_message);
  return t;
}

static TokenType peek2(Parser *p) { return peek2_token(p).type; }

static bool at(Parser *p, TokenType t) { return p->tok.type == t; }

static bool accept(Parser *p, TokenType t) {
  if (p->tok.type != t) return false;
  next(p);
  return true;
}

static bool expect(Parser *p, TokenType t) {
  if (p->tok.type == t) { next(p); return true; }
  error_unexpected(p);
  return false;
}

/* An identifier token with this name and no escapes (a contextual keyword). */
static bool at_contextual(Parser *p, const AstString *name) {
  return p->tok.type == TOKEN_IDENTIFIER && p->tok.value == name && !p->tok.escaped;
}

/* ES2025 12.10 automatic semicolon insertion. */
static void consume_semicolon(Parser *p) {
  if (accept(p, TOKEN_SEMICOLON)) return;
  if (at(p, TOKEN_RBRACE) || at(p, TOKEN_EOS) || p->tok.newline_before) return;
  error_unexpected(p);
}

/* ---- Nodes and depth -------------------------------------------------------------------- */

static AstNode *node_new(Parser *p, AstNodeKind kind, int32_t pos) {
  return ast_node_new(p->zone, kind, pos);
}

static void list_push(Parser *p, AstList *list, AstNode *node) {
  ast_list_push(p->zone, list, node);
}

static bool enter(Parser *p) {
  if (++p->depth > kParserMaxDepth) {
    range_error_at(p, p->tok.pos, "Maximum call stack size exceeded");
    return false;
  }
  return true;
}

static void leave(Parser *p) { p->depth--; }

static AstNode *identifier_new(Parser *p, const AstString *name, int32_t pos) {
  AstNode *n = node_new(p, AST_IDENTIFIER, pos);
  n->u.ident.name = name;
  n->u.ident.scope = p->scope;
  if (p->ident_count == p->ident_capacity) {
    int capacity = p->ident_capacity ? p->ident_capacity * 2 : 256;
    AstNode **idents = realloc(p->idents, sizeof(AstNode *) * (size_t)capacity);
    if (!idents) { range_error_at(p, pos, "out of memory"); return n; }
    p->idents = idents;
    p->ident_capacity = capacity;
  }
  p->idents[p->ident_count++] = n;
  return n;
}

/* ---- Scopes ----------------------------------------------------------------------------- */

static AstScope *scope_new(Parser *p, AstScopeKind kind) {
  AstScope *s = zone_alloc_zeroed(p->zone, sizeof(AstScope));
  s->kind = kind;
  s->outer = p->scope;
  s->is_strict = p->strict;
  s->start = p->tok.pos;
  s->is_declaration_scope = kind == SCOPE_SCRIPT || kind == SCOPE_MODULE ||
                            kind == SCOPE_EVAL || kind == SCOPE_FUNCTION;
  s->function = p->fs ? p->fs->func : NULL;
  if (p->scope) {
    if (p->scope->last_inner) p->scope->last_inner->next_sibling = s;
    else p->scope->first_inner = s;
    p->scope->last_inner = s;
  }
  return s;
}

static void scope_enter(Parser *p, AstScope *s) { p->scope = s; }

static void scope_leave(Parser *p, AstScope *s) {
  s->end = p->prev_end;
  p->scope = s->outer;
}

/* Moves the inner scopes of from created after `after` (NULL: all) to the end of to's. */
static void scope_move_inner(AstScope *from, AstScope *after, AstScope *to) {
  AstScope *first = after ? after->next_sibling : from->first_inner;
  if (!first) return;
  if (after) after->next_sibling = NULL;
  else from->first_inner = NULL;
  AstScope *last = from->last_inner;
  from->last_inner = after;
  for (AstScope *s = first; s; s = s->next_sibling) s->outer = to;
  if (to->last_inner) to->last_inner->next_sibling = first;
  else to->first_inner = first;
  to->last_inner = last;
}

static AstVariable *variable_new(Parser *p, AstScope *scope, const AstString *name,
                                 AstVarMode mode, int32_t pos) {
  AstVariable *v = zone_alloc_zeroed(p->zone, sizeof(AstVariable));
  v->name = name;
  v->mode = mode;
  v->scope = scope;
  v->declaration_pos = pos;
  if (scope->last_variable) scope->last_variable->next = v;
  else scope->variables = v;
  scope->last_variable = v;
  return v;
}

/* ---- The declaration table ------------------------------------------------------------- */

static uint32_t decl_hash(const AstScope *scope, const AstString *name) {
  uint64_t h = ((uint64_t)(uintptr_t)scope * 0x9E3779B97F4A7C15ull) ^ name->hash;
  return (uint32_t)(h ^ (h >> 29));
}

static bool decl_grow(Parser *p) {
  uint32_t capacity = p->decl_capacity ? p->decl_capacity * 2 : 256;
  DeclEntry *decls = calloc(capacity, sizeof(DeclEntry));
  if (!decls) return false;
  for (uint32_t i = 0; i < p->decl_capacity; i++) {
    DeclEntry *e = &p->decls[i];
    if (!e->scope) continue;
    uint32_t j = decl_hash(e->scope, e->name) & (capacity - 1);
    while (decls[j].scope) j = (j + 1) & (capacity - 1);
    decls[j] = *e;
  }
  free(p->decls);
  p->decls = decls;
  p->decl_capacity = capacity;
  return true;
}

/* The entry for (scope, name); creates an empty one when create. NULL if absent (or out of
 * memory, reported). */
static DeclEntry *decl_lookup(Parser *p, const AstScope *scope, const AstString *name,
                              bool create) {
  if (create && (p->decl_count + 1) * 2 > p->decl_capacity && !decl_grow(p)) {
    range_error_at(p, p->tok.pos, "out of memory");
    return NULL;
  }
  if (!p->decl_capacity) return NULL;
  uint32_t i = decl_hash(scope, name) & (p->decl_capacity - 1);
  for (;;) {
    DeclEntry *e = &p->decls[i];
    if (!e->scope) break;
    if (e->scope == scope && e->name == name) return e;
    i = (i + 1) & (p->decl_capacity - 1);
  }
  if (!create) return NULL;
  DeclEntry *e = &p->decls[i];
  e->scope = scope;
  e->name = name;
  e->flags = 0;
  e->var = NULL;
  p->decl_count++;
  return e;
}

static void error_redeclared(Parser *p, const AstString *name, int32_t pos) {
  error_at(p, pos, "Identifier '%s' has already been declared", name->data);
}

/* Declares a lexical binding (let, const, class, block function) in scope. */
static AstVariable *declare_lexical(Parser *p, AstScope *scope, const AstString *name,
                                    AstVarMode mode, int32_t pos, unsigned extra_flags) {
  if (name == p->s_let && (mode == VAR_MODE_LET || mode == VAR_MODE_CONST)) {
    error_at(p, pos, "let is disallowed as a lexically bound name");
    return NULL;
  }
  DeclEntry *e = decl_lookup(p, scope, name, true);
  if (!e) return NULL;
  if (e->flags) {
    /* ES2025 B.3.2.4: sloppy duplicate function declarations in a block are allowed. */
    bool both_sloppy_functions = (e->flags & DECL_SLOPPY_FUNCTION) &&
                                 (extra_flags & DECL_SLOPPY_FUNCTION);
    if (!both_sloppy_functions) {
      error_redeclared(p, name, pos);
      return NULL;
    }
    return e->var;
  }
  e->flags = DECL_LEXICAL | extra_flags;
  e->var = variable_new(p, scope, name, mode, pos);
  return e->var;
}

/* Declares a var (or function-level function) binding: in the current var scope, checking
 * every scope on the way for a lexical binding of the same name (ES2025 14.3.2.1, 8.2.x
 * "It is a Syntax Error if any element of the LexicallyDeclaredNames ... also occurs in the
 * VarDeclaredNames"). */
static AstVariable *declare_var(Parser *p, const AstString *name, int32_t pos,
                                unsigned extra_flags) {
  AstScope *var_scope = p->fs->var_scope;
  for (AstScope *s = p->scope;; s = s->outer) {
    DeclEntry *e = decl_lookup(p, s, name, s != var_scope);
    if (p->failed) return NULL;
    if (e && (e->flags & DECL_LEXICAL) && !(e->flags & DECL_CATCH_SIMPLE)) {
      error_redeclared(p, name, pos);
      return NULL;
    }
    if (s == var_scope) break;
    if (e) e->flags |= DECL_VAR_THROUGH;
    if (!s->outer) break;
  }
  DeclEntry *e = decl_lookup(p, var_scope, name, true);
  if (!e) return NULL;
  if (e->flags & DECL_LEXICAL) {
    error_redeclared(p, name, pos);
    return NULL;
  }
  e->flags |= DECL_VAR | extra_flags;
  if (!e->var) e->var = variable_new(p, var_scope, name, VAR_MODE_VAR, pos);
  return e->var;
}

/* A parameter of the function whose scope is current. Duplicates are checked later (they
 * are allowed only in sloppy functions with simple parameter lists). */
static AstVariable *declare_param(Parser *p, const AstString *name, int32_t pos) {
  DeclEntry *e = decl_lookup(p, p->scope, name, true);
  if (!e) return NULL;
  if (!e->var) e->var = variable_new(p, p->scope, name, VAR_MODE_PARAM, pos);
  else if ((e->flags & DECL_PARAM) && p->fs->dup_param_pos < 0) p->fs->dup_param_pos = pos;
  e->flags |= DECL_PARAM;
  return e->var;
}

/* Adds name as a PARAM_SHADOW entry in scope (catch body / non-simple function body). */
static void declare_shadow(Parser *p, AstScope *scope, const AstString *name) {
  DeclEntry *e = decl_lookup(p, scope, name, true);
  if (e) e->flags |= DECL_PARAM_SHADOW;
}

/* ---- Names and reserved words ---------------------------------------------------------- */

static bool is_strict_reserved(Parser *p, const AstString *name) {
  return name == p->s_implements || name == p->s_interface || name == p->s_let ||
         name == p->s_package || name == p->s_private || name == p->s_protected ||
         name == p->s_public || name == p->s_static || name == p->s_yield;
}

/* ES2025 13.1.1 early errors of an Identifier used as a binding or reference: reserved
 * words by context. is_binding adds the eval/arguments rule of strict code. */
static bool check_identifier(Parser *p, const AstString *name, int32_t pos, bool is_binding) {
  if (p->strict && is_strict_reserved(p, name)) {
    error_at(p, pos, "Unexpected strict mode reserved word '%s'", name->data);
    return false;
  }
  if (name == p->s_yield && (p->in_generator || p->strict)) {
    error_at(p, pos, "Unexpected identifier 'yield'");
    return false;
  }
  if (name == p->s_await) {
    if (p->await_reserved || p->in_async || p->info->is_module) {
      error_at(p, pos, "Unexpected reserved word 'await'");
      return false;
    }
    p->await_ident_count++;
  }
  if (is_binding && p->strict && (name == p->s_eval || name == p->s_arguments)) {
    error_at(p, pos, "Unexpected eval or arguments in strict mode");
    return false;
  }
  return true;
}

/* The current token as a BindingIdentifier / IdentifierReference / LabelIdentifier. */
static const AstString *parse_identifier_name_checked(Parser *p, bool is_binding) {
  if (p->tok.type != TOKEN_IDENTIFIER) {
    error_unexpected(p);
    return NULL;
  }
  const AstString *name = p->tok.value;
  if (!check_identifier(p, name, p->tok.pos, is_binding)) return NULL;
  next(p);
  return name;
}

/* ---- Forward declarations --------------------------------------------------------------- */

static AstNode *parse_assignment(Parser *p, bool allow_pattern);
static AstNode *parse_expression(Parser *p);
static AstNode *parse_unary(Parser *p);
static AstNode *parse_statement(Parser *p);
static AstNode *parse_statement_list_item(Parser *p);
static AstNode *parse_function(Parser *p, int32_t start, AstNodeKind node_kind,
                               AstFunctionKind kind, bool is_async, bool is_generator,
                               const AstString *name, bool is_named_expression);
static AstNode *parse_class(Parser *p, bool is_declaration, bool name_optional);
static AstNode *parse_binding_target(Parser *p, int decl_kind);
static AstNode *to_target(Parser *p, AstNode *n, bool binding);
static void parse_template_parts(Parser *p, AstNode *node, bool tagged);
static void use_private_name(Parser *p, const AstString *name, int32_t pos);

/* Binding kinds for parse_binding_target (what declares the names). */
enum { BIND_VAR, BIND_LET, BIND_CONST, BIND_PARAM, BIND_CATCH, BIND_NONE };

/* ---- Function-context marks (this, arguments, eval, super, new.target) ----------------- */

/* The nearest enclosing non-arrow function state (or the program's). */
static FunctionState *closure_state(Parser *p) {
  FunctionState *fs = p->fs;
  while (fs->is_arrow && fs->outer) fs = fs->outer;
  return fs;
}

static void mark_this(Parser *p) {
  p->this_count++;
  for (FunctionState *fs = p->fs; fs; fs = fs->outer) {
    if (fs->func) fs->func->uses_this = true;
    if (!fs->is_arrow) break;
  }
}

static void mark_arguments(Parser *p) {
  p->arguments_count++;
  for (FunctionState *fs = p->fs; fs; fs = fs->outer) {
    if (fs->func) fs->func->uses_arguments = true;
    if (!fs->is_arrow) break;
  }
}

static void mark_eval(Parser *p) {
  p->eval_count++;
  for (FunctionState *fs = p->fs; fs; fs = fs->outer) {
    if (fs->func) fs->func->calls_eval = true;
    if (!fs->is_arrow) break;
  }
  p->scope->calls_eval = true;
  if (!p->strict) p->scope->calls_sloppy_eval = true;
  for (AstScope *s = p->scope->outer; s; s = s->outer) s->inner_calls_eval = true;
}

static void mark_super_property(Parser *p) {
  p->super_property_count++;
  p->this_count++;
  for (FunctionState *fs = p->fs; fs; fs = fs->outer) {
    /* super.x reads the home object and uses `this` as the receiver. */
    if (fs->func) fs->func->uses_super_property = fs->func->uses_this = true;
    if (!fs->is_arrow) break;
  }
}

static void mark_new_target(Parser *p) {
  p->new_target_count++;
  for (FunctionState *fs = p->fs; fs; fs = fs->outer) {
    if (fs->func) fs->func->uses_new_target = true;
    if (!fs->is_arrow) break;
  }
}

static void mark_super_call(Parser *p) {
  p->super_call_count++;
  for (FunctionState *fs = p->fs; fs; fs = fs->outer) {
    if (fs->func) { fs->func->uses_super_call = true; fs->func->uses_this = true; }
    if (!fs->is_arrow) break;
  }
}

/* ---- Cover grammar helpers -------------------------------------------------------------- */

typedef struct {
  AstScope *scope, *last_inner;
  int ident_index;
  int yield_count, await_count, await_ident_count;
  int this_count, arguments_count, eval_count, super_property_count, super_call_count,
      new_target_count;
} CoverMark;

static CoverMark cover_mark(Parser *p) {
  return (CoverMark){p->scope, p->scope->last_inner, p->ident_count, p->yield_count,
                     p->await_count, p->await_ident_count, p->this_count, p->arguments_count,
                     p->eval_count, p->super_property_count, p->super_call_count,
                     p->new_target_count};
}

static bool is_literal_with_pending_error(const AstNode *n) {
  return n && (n->kind == AST_OBJECT_LITERAL || n->kind == AST_ARRAY_LITERAL) &&
         (n->cover_flags & (COVER_INIT_NAME | COVER_DUPLICATE_PROTO));
}

/* Finds the position of the first cover error inside a literal with pending errors. */
static int32_t cover_error_pos(const AstNode *n, const char **message) {
  if (n->kind == AST_OBJECT_LITERAL) {
    int protos = 0;
    for (int i = 0; i < n->u.object.count; i++) {
      const AstProperty *prop = &n->u.object.properties[i];
      if (prop->kind == AST_PROP_PROTO && ++protos == 2 &&
          (n->cover_flags & COVER_DUPLICATE_PROTO)) {
        *message = "Duplicate __proto__ fields are not allowed in object literals";
        return prop->key->pos;
      }
      if (prop->shorthand && prop->value && prop->value->kind == AST_ASSIGN_PATTERN) {
        *message = "Invalid shorthand property initializer";
        return prop->value->pos;
      }
      if (is_literal_with_pending_error(prop->value)) return cover_error_pos(prop->value, message);
    }
  } else {
    for (int i = 0; i < n->u.array.elements.length; i++) {
      AstNode *e = n->u.array.elements.items[i];
      if (e && e->kind == AST_SPREAD) e = e->u.unary.operand;
      if (is_literal_with_pending_error(e)) return cover_error_pos(e, message);
    }
  }
  *message = "Invalid shorthand property initializer";
  return n->pos;
}

/* The expression is used as an expression, not a pattern: report its cover errors. */
static void check_cover(Parser *p, AstNode *n) {
  if (p->failed || !is_literal_with_pending_error(n)) return;
  const char *message = NULL;
  int32_t pos = cover_error_pos(n, &message);
  error_at(p, pos, "%s", message);
}

/* A literal with pending errors may still become a pattern only if what follows allows it
 * (`=`, or an enclosing literal / parameter list / for head continues). */
static void check_cover_follow(Parser *p, AstNode *n) {
  if (!is_literal_with_pending_error(n)) return;
  switch (p->tok.type) {
    case TOKEN_ASSIGN: case TOKEN_COMMA: case TOKEN_RPAREN: case TOKEN_RBRACK:
    case TOKEN_RBRACE: case TOKEN_IN:
      return;
    case TOKEN_IDENTIFIER:
      if (at_contextual(p, p->s_of)) return;
      break;
    default: break;
  }
  check_cover(p, n);
}

static bool is_bare_arrow(const AstNode *n) {
  return n && n->kind == AST_FUNCTION && n->u.function.kind == AST_FUNC_ARROW &&
         !n->parenthesized;
}

/* An arrow function cannot be an operand: `() => {} + 1`, `x => x.y()` is fine (body). */
static bool check_not_arrow_operand(Parser *p, AstNode *n) {
  if (!is_bare_arrow(n)) return true;
  error_unexpected(p);
  return false;
}

/* ---- Targets ---------------------------------------------------------------------------- */

static bool is_eval_or_arguments(Parser *p, const AstNode *n) {
  return n->kind == AST_IDENTIFIER &&
         (n->u.ident.name == p->s_eval || n->u.ident.name == p->s_arguments);
}

/* ES2025 13.15.1 / 13.4.1 / 14.7.5.1: AssignmentTargetType must be simple, or web-compat
 * where allow_call says so: B.3.7 (Runtime Errors for Function Call Assignment Targets)
 * makes a CallExpression `f(...)` web-compat in sloppy code for `=`, `op=`, `++`/`--` and
 * the left side of for-in/of. The generator evaluates the call, then throws a
 * ReferenceError (gen_call_target_error). Logical assignment and destructuring stay
 * early errors. */
static bool check_target(Parser *p, AstNode *n, bool is_update, bool allow_call) {
  switch (n->kind) {
    case AST_CALL:
      if (allow_call && !p->strict && !n->u.call.optional && !n->u.call.native_id) return true;
      break;
    default:
      break;
  }
  switch (n->kind) {
    case AST_IDENTIFIER:
      if (p->strict && is_eval_or_arguments(p, n)) {
        error_at(p, n->pos, "Unexpected eval or arguments in strict mode");
        return false;
      }
      return true;
    case AST_MEMBER: case AST_SUPER_MEMBER:
      return true;
    default:
      error_at(p, n->pos, is_update ? "Invalid left-hand side expression in %s operation"
                                    : "Invalid left-hand side in assignment%s",
               is_update ? "update" : "");
      return false;
  }
}

static bool check_simple_target(Parser *p, AstNode *n, bool is_update) {
  return check_target(p, n, is_update, false);
}

static bool check_simple_or_call_target(Parser *p, AstNode *n, bool is_update) {
  return check_target(p, n, is_update, true);
}

static AstNode *to_array_pattern(Parser *p, AstNode *n, bool binding) {
  if (n->cover_flags & COVER_SPREAD_COMMA) {
    error_at(p, n->pos, "Rest element must be last element");
    return NULL;
  }
  n->kind = AST_ARRAY_PATTERN;
  n->cover_flags = 0;
  AstList *elements = &n->u.array.elements;
  for (int i = 0; i < elements->length && !p->failed; i++) {
    AstNode *e = elements->items[i];
    if (!e) continue;
    if (e->kind == AST_SPREAD || e->kind == AST_REST_ELEMENT) {
      if (i != elements->length - 1) {
        error_at(p, e->pos, "Rest element must be last element");
        return NULL;
      }
      AstNode *operand = e->u.unary.operand;
      if (operand->kind == AST_ASSIGN || operand->kind == AST_ASSIGN_PATTERN) {
        error_at(p, operand->pos, "Rest element may not have a default initializer");
        return NULL;
      }
      e->kind = AST_REST_ELEMENT;
      e->u.unary.operand = to_target(p, operand, binding);
      continue;
    }
    elements->items[i] = to_target(p, e, binding);
  }
  return n;
}

static AstNode *to_object_pattern(Parser *p, AstNode *n, bool binding) {
  if (n->cover_flags & COVER_SPREAD_COMMA) {
    error_at(p, n->pos, "Rest element must be last element");
    return NULL;
  }
  n->kind = AST_OBJECT_PATTERN;
  n->cover_flags = 0;
  for (int i = 0; i < n->u.object.count && !p->failed; i++) {
    AstProperty *prop = &n->u.object.properties[i];
    switch (prop->kind) {
      case AST_PROP_PROTO:
        prop->kind = AST_PROP_INIT;
        /* fall through */
      case AST_PROP_INIT:
        prop->value = to_target(p, prop->value, binding);
        break;
      case AST_PROP_SPREAD: {
        if (i != n->u.object.count - 1) {
          error_at(p, prop->value->pos, "Rest element must be last element");
          return NULL;
        }
        AstNode *v = prop->value;
        bool ok = v->kind == AST_IDENTIFIER || (!binding && (v->kind == AST_MEMBER ||
                                                              v->kind == AST_SUPER_MEMBER));
        if (!ok || (binding && v->parenthesized)) {
          error_at(p, v->pos, "`...` must be followed by an assignable reference in assignment contexts");
          return NULL;
        }
        prop->value = to_target(p, v, binding);
        break;
      }
      default:
        error_at(p, prop->value ? prop->value->pos : n->pos, "Invalid destructuring assignment target");
        return NULL;
    }
  }
  return n;
}

/* Reinterprets an expression as a DestructuringAssignmentTarget (binding = false) or as a
 * binding element of arrow parameters (binding = true). Patterns already converted are
 * validated again (binding forbids member targets). */
static AstNode *to_target(Parser *p, AstNode *n, bool binding) {
  if (!n || p->failed) return n;
  switch (n->kind) {
    case AST_IDENTIFIER:
      if (binding && n->parenthesized) break;
      if (p->strict && is_eval_or_arguments(p, n)) {
        error_at(p, n->pos, "Unexpected eval or arguments in strict mode");
        return NULL;
      }
      return n;
    case AST_MEMBER: case AST_SUPER_MEMBER:
      if (binding) break;
      return n;
    case AST_ARRAY_LITERAL: case AST_ARRAY_PATTERN:
      if (n->parenthesized) break;
      return to_array_pattern(p, n, binding);
    case AST_OBJECT_LITERAL: case AST_OBJECT_PATTERN:
      if (n->parenthesized) break;
      return to_object_pattern(p, n, binding);
    case AST_ASSIGN:
      if (n->parenthesized || n->u.assign.kind != AST_ASSIGN_PLAIN) break;
      n->kind = AST_ASSIGN_PATTERN;
      /* fall through */
    case AST_ASSIGN_PATTERN:
      n->u.assign.target = to_target(p, n->u.assign.target, binding);
      return n;
    default:
      break;
  }
  error_at(p, n->pos, "Invalid destructuring assignment target");
  return NULL;
}

/* ---- Literals --------------------------------------------------------------------------- */

static AstNode *parse_number(Parser *p) {
  if (p->tok.octal_pos >= 0 && p->strict) {
    bool octal = true;
    for (int32_t i = p->tok.pos + 1; i < p->tok.end; i++)
      if (p->info->source[i] == '8' || p->info->source[i] == '9' || p->info->source[i] == '.' ||
          p->info->source[i] == 'e' || p->info->source[i] == 'E')
        octal = false;
    error_at(p, p->tok.pos, octal ? "Octal literals are not allowed in strict mode."
                                  : "Decimals with leading zeros are not allowed in strict mode.");
    return NULL;
  }
  AstNode *n = node_new(p, AST_NUMBER_LITERAL, p->tok.pos);
  n->u.number.value = p->tok.number;
  next(p);
  return n;
}

static AstNode *parse_string(Parser *p) {
  if (p->tok.octal_pos >= 0 && p->strict) {
    error_at(p, p->tok.octal_pos, "Octal escape sequences are not allowed in strict mode.");
    return NULL;
  }
  AstNode *n = node_new(p, AST_STRING_LITERAL, p->tok.pos);
  n->u.string.value = p->tok.value;
  next(p);
  return n;
}

static AstNode *parse_regexp(Parser *p) {
  p->has_ahead = false;
  scanner_rescan_regexp(&p->scanner, &p->tok);
  if (p->tok.type != TOKEN_REGEXP) { error_unexpected(p); return NULL; }
  char message[200];
  int offset;
  if (!regexp_syntax_check(p->tok.value->data, p->tok.value->byte_length, p->tok.raw->data,
                           message, sizeof message, &offset)) {
    error_at(p, p->tok.pos + 1 + offset, "%s", message);
    return NULL;
  }
  AstNode *n = node_new(p, AST_REGEXP_LITERAL, p->tok.pos);
  n->u.regexp.pattern = p->tok.value;
  n->u.regexp.flags = p->tok.raw;
  next(p);
  return n;
}

static void parse_template_parts(Parser *p, AstNode *node, bool tagged) {
  AstTemplateLit *t = &node->u.template_lit;
  int capacity = 0;
  for (;;) {
    if (!tagged && p->tok.invalid_escape_pos >= 0) {
      error_at(p, p->tok.invalid_escape_pos, "%s", p->tok.invalid_escape_message);
      return;
    }
    if (t->quasi_count == capacity) {
      capacity = capacity ? capacity * 2 : 4;
      AstTemplateQuasi *q = zone_alloc(p->zone, sizeof(AstTemplateQuasi) * (size_t)capacity);
      if (!q) return;
      if (t->quasi_count) memcpy(q, t->quasis, sizeof(AstTemplateQuasi) * (size_t)t->quasi_count);
      t->quasis = q;
    }
    t->quasis[t->quasi_count].cooked = p->tok.value;
    t->quasis[t->quasi_count].raw = p->tok.raw;
    t->quasi_count++;
    if (p->tok.type == TOKEN_TEMPLATE_TAIL) { next(p); return; }
    next(p);
    bool allow_in = p->allow_in;
    p->allow_in = true;
    AstNode *e = parse_expression(p);
    p->allow_in = allow_in;
    if (p->failed) return;
    list_push(p, &t->expressions, e);
    if (!at(p, TOKEN_RBRACE)) { error_unexpected(p); return; }
    p->has_ahead = false;
    scanner_rescan_template(&p->scanner, &p->tok);
    if (p->tok.type == TOKEN_ILLEGAL) { error_unexpected(p); return; }
  }
}

static AstNode *parse_template(Parser *p, bool tagged) {
  AstNode *n = node_new(p, AST_TEMPLATE_LITERAL, p->tok.pos);
  parse_template_parts(p, n, tagged);
  return n;
}

static AstNode *parse_array_literal(Parser *p) {
  AstNode *n = node_new(p, AST_ARRAY_LITERAL, p->tok.pos);
  next(p);
  bool allow_in = p->allow_in;
  p->allow_in = true;
  while (!at(p, TOKEN_RBRACK) && !p->failed) {
    if (at(p, TOKEN_COMMA)) {
      next(p);
      list_push(p, &n->u.array.elements, NULL);
      continue;
    }
    AstNode *e;
    if (at(p, TOKEN_ELLIPSIS)) {
      e = node_new(p, AST_SPREAD, p->tok.pos);
      next(p);
      e->u.unary.operand = parse_assignment(p, true);
      if (e->u.unary.operand && is_literal_with_pending_error(e->u.unary.operand))
        n->cover_flags |= e->u.unary.operand->cover_flags & (COVER_INIT_NAME | COVER_DUPLICATE_PROTO);
      if (at(p, TOKEN_COMMA)) n->cover_flags |= COVER_SPREAD_COMMA;
    } else {
      e = parse_assignment(p, true);
      if (is_literal_with_pending_error(e))
        n->cover_flags |= e->cover_flags & (COVER_INIT_NAME | COVER_DUPLICATE_PROTO);
    }
    list_push(p, &n->u.array.elements, e);
    if (!at(p, TOKEN_RBRACK) && !expect(p, TOKEN_COMMA)) break;
  }
  p->allow_in = allow_in;
  expect(p, TOKEN_RBRACK);
  return n;
}

/* PropertyName (ES2025 13.2.6): identifier names, strings, numbers, computed. Returns the
 * key node; *computed says which; *name is the key's string value when it has one. */
static AstNode *parse_property_key(Parser *p, bool *computed, bool allow_private) {
  *computed = false;
  int32_t pos = p->tok.pos;
  AstNode *key = NULL;
  switch (p->tok.type) {
    case TOKEN_STRING: return parse_string(p);
    case TOKEN_NUMBER: return parse_number(p);
    case TOKEN_BIGINT:
      key = node_new(p, AST_BIGINT_LITERAL, pos);
      key->u.bigint.digits = p->tok.value;
      key->u.bigint.radix = p->tok.radix;
      next(p);
      return key;
    case TOKEN_LBRACK: {
      next(p);
      *computed = true;
      bool allow_in = p->allow_in;
      p->allow_in = true;
      key = parse_assignment(p, false);
      p->allow_in = allow_in;
      expect(p, TOKEN_RBRACK);
      return key;
    }
    case TOKEN_PRIVATE_NAME:
      if (!allow_private) break;
      key = node_new(p, AST_PRIVATE_NAME, pos);
      key->u.ident.name = p->tok.value;
      key->u.ident.scope = p->scope;
      next(p);
      return key;
    case TOKEN_IDENTIFIER: case TOKEN_ESCAPED_KEYWORD:
      key = node_new(p, AST_IDENTIFIER, pos);
      key->u.ident.name = p->tok.value;
      next(p);
      return key;
    default:
      if (token_is_keyword(p->tok.type)) {
        key = node_new(p, AST_IDENTIFIER, pos);
        key->u.ident.name = scanner_intern(&p->scanner, token_text(p->tok.type),
                                           strlen(token_text(p->tok.type)));
        next(p);
        return key;
      }
      break;
  }
  error_unexpected(p);
  return NULL;
}

static bool key_is(const AstNode *key, bool computed, const AstString *name) {
  if (computed || !key) return false;
  if (key->kind == AST_IDENTIFIER) return key->u.ident.name == name;
  if (key->kind == AST_STRING_LITERAL) return key->u.string.value == name;
  return false;
}

/* Whether the token after a get/set/async/static/accessor word makes that word itself the
 * property name (`get() {}`, `get: 1`, `{get}`, `get = 1` in classes). */
static bool word_is_name(Parser *p) {
  TokenType t = peek(p)->type;
  return t == TOKEN_LPAREN || t == TOKEN_COLON || t == TOKEN_COMMA || t == TOKEN_RBRACE ||
         t == TOKEN_ASSIGN || t == TOKEN_SEMICOLON || t == TOKEN_EOS;
}

static AstNode *parse_method(Parser *p, int32_t start, AstFunctionKind kind, bool is_async,
                             bool is_generator, const AstNode *key, bool computed) {
  const AstString *name = NULL;
  if (!computed && key) {
    if (key->kind == AST_IDENTIFIER || key->kind == AST_PRIVATE_NAME) name = key->u.ident.name;
    else if (key->kind == AST_STRING_LITERAL) name = key->u.string.value;
  }
  return parse_function(p, start, AST_FUNCTION, kind, is_async, is_generator, name, false);
}

typedef struct {
  AstProperty *items;
  int count, capacity;
} PropertyVec;

static AstProperty *property_push(Parser *p, PropertyVec *v) {
  if (v->count == v->capacity) {
    int capacity = v->capacity ? v->capacity * 2 : 8;
    AstProperty *items = zone_alloc(p->zone, sizeof(AstProperty) * (size_t)capacity);
    if (!items) return NULL;
    if (v->count) memcpy(items, v->items, sizeof(AstProperty) * (size_t)v->count);
    v->items = items;
    v->capacity = capacity;
  }
  AstProperty *prop = &v->items[v->count++];
  memset(prop, 0, sizeof *prop);
  return prop;
}

/* One PropertyDefinition of an object literal (ES2025 13.2.5). */
static void parse_object_property(Parser *p, AstNode *obj, PropertyVec *props, bool *has_proto) {
  int32_t start = p->tok.pos;
  AstProperty *prop = property_push(p, props);
  if (!prop) return;
  if (accept(p, TOKEN_ELLIPSIS)) {
    prop->kind = AST_PROP_SPREAD;
    prop->value = parse_assignment(p, true);
    if (at(p, TOKEN_COMMA)) obj->cover_flags |= COVER_SPREAD_COMMA;
    return;
  }
  bool is_async = false, is_generator = false;
  AstPropertyKind kind = AST_PROP_INIT;
  if (at_contextual(p, p->s_async) && !word_is_name(p) && !peek(p)->newline_before) {
    next(p);
    is_async = true;
  }
  if (accept(p, TOKEN_MUL)) is_generator = true;
  if (!is_async && !is_generator && (at_contextual(p, p->s_get) || at_contextual(p, p->s_set)) &&
      !word_is_name(p)) {
    kind = p->tok.value == p->s_get ? AST_PROP_GET : AST_PROP_SET;
    next(p);
  }
  bool computed;
  Token key_tok = p->tok;
  AstNode *key = parse_property_key(p, &computed, false);
  if (p->failed) return;
  prop->key = key;
  prop->computed = computed;
  if (kind == AST_PROP_GET || kind == AST_PROP_SET) {
    prop->kind = kind;
    prop->value = parse_method(p, start, kind == AST_PROP_GET ? AST_FUNC_GETTER : AST_FUNC_SETTER,
                               false, false, key, computed);
    return;
  }
  if (is_async || is_generator || at(p, TOKEN_LPAREN)) {
    prop->kind = AST_PROP_METHOD;
    prop->value = parse_method(p, start, AST_FUNC_METHOD, is_async, is_generator, key, computed);
    return;
  }
  if (accept(p, TOKEN_COLON)) {
    prop->value = parse_assignment(p, true);
    if (is_literal_with_pending_error(prop->value))
      obj->cover_flags |= prop->value->cover_flags & (COVER_INIT_NAME | COVER_DUPLICATE_PROTO);
    if (key_is(key, computed, p->s_proto)) {
      prop->kind = AST_PROP_PROTO;
      if (*has_proto) obj->cover_flags |= COVER_DUPLICATE_PROTO;
      *has_proto = true;
    }
    return;
  }
  /* Shorthand: IdentifierReference, or CoverInitializedName `a = 1`. */
  if (key_tok.type != TOKEN_IDENTIFIER) {
    if (key_tok.type == TOKEN_ESCAPED_KEYWORD) error_at(p, key_tok.pos, "Keyword must not contain escaped characters");
    else error_unexpected(p);
    return;
  }
  if (!check_identifier(p, key_tok.value, key_tok.pos, false)) return;
  if (key_tok.value == p->s_arguments) {
    if (p->in_field_init) {
      error_at(p, key_tok.pos, "'arguments' is not allowed in class field initializer or static initialization block");
      return;
    }
    mark_arguments(p);
  }
  prop->shorthand = true;
  AstNode *ref = identifier_new(p, key_tok.value, key_tok.pos);
  if (at(p, TOKEN_ASSIGN)) {
    AstNode *assign = node_new(p, AST_ASSIGN_PATTERN, p->tok.pos);
    next(p);
    assign->u.assign.target = ref;
    assign->u.assign.value = parse_assignment(p, false);
    prop->value = assign;
    obj->cover_flags |= COVER_INIT_NAME;
    return;
  }
  prop->value = ref;
}

static AstNode *parse_object_literal(Parser *p) {
  AstNode *n = node_new(p, AST_OBJECT_LITERAL, p->tok.pos);
  next(p);
  bool allow_in = p->allow_in;
  p->allow_in = true;
  PropertyVec props = {0};
  bool has_proto = false;
  while (!at(p, TOKEN_RBRACE) && !p->failed) {
    parse_object_property(p, n, &props, &has_proto);
    if (!at(p, TOKEN_RBRACE) && !expect(p, TOKEN_COMMA)) break;
  }
  p->allow_in = allow_in;
  expect(p, TOKEN_RBRACE);
  n->u.object.properties = props.items;
  n->u.object.count = props.count;
  return n;
}

/* ---- Function contexts ------------------------------------------------------------------ */

typedef struct {
  FunctionState *fs;
  AstScope *scope;
  bool strict, in_generator, in_async, await_reserved, in_params, in_field_init, allow_in;
  int yield_count, await_count, await_ident_count;
  int this_count, arguments_count, eval_count, super_property_count, super_call_count,
      new_target_count;
} SavedContext;

static void save_context(Parser *p, SavedContext *s) {
  *s = (SavedContext){p->fs, p->scope, p->strict, p->in_generator, p->in_async,
                      p->await_reserved, p->in_params, p->in_field_init, p->allow_in,
                      p->yield_count, p->await_count, p->await_ident_count, p->this_count,
                      p->arguments_count, p->eval_count, p->super_property_count,
                      p->super_call_count, p->new_target_count};
}

/* Restores the context after a function. The yield/await counts always come back (what an
 * inner function contains does not make the outer parameters invalid); the this/arguments
 * counts only after a non-arrow function (an arrow's uses are its outer function's). */
static void restore_context(Parser *p, const SavedContext *s, bool was_arrow) {
  p->fs = s->fs;
  p->scope = s->scope;
  p->strict = s->strict;
  p->in_generator = s->in_generator;
  p->in_async = s->in_async;
  p->await_reserved = s->await_reserved;
  p->in_params = s->in_params;
  p->in_field_init = s->in_field_init;
  p->allow_in = s->allow_in;
  p->yield_count = s->yield_count;
  p->await_count = s->await_count;
  p->await_ident_count = s->await_ident_count;
  if (!was_arrow) {
    p->this_count = s->this_count;
    p->arguments_count = s->arguments_count;
    p->eval_count = s->eval_count;
    p->super_property_count = s->super_property_count;
    p->super_call_count = s->super_call_count;
    p->new_target_count = s->new_target_count;
  }
}

/* Calls fn for every IDENTIFIER bound by a pattern (params, declarations). */
static void for_each_bound_name(Parser *p, AstNode *n, void (*fn)(Parser *, AstNode *, void *),
                                void *data) {
  if (!n || p->failed) return;
  switch (n->kind) {
    case AST_IDENTIFIER: fn(p, n, data); break;
    case AST_ASSIGN_PATTERN: for_each_bound_name(p, n->u.assign.target, fn, data); break;
    case AST_REST_ELEMENT: for_each_bound_name(p, n->u.unary.operand, fn, data); break;
    case AST_ARRAY_PATTERN:
      for (int i = 0; i < n->u.array.elements.length; i++)
        for_each_bound_name(p, n->u.array.elements.items[i], fn, data);
      break;
    case AST_OBJECT_PATTERN:
      for (int i = 0; i < n->u.object.count; i++)
        for_each_bound_name(p, n->u.object.properties[i].value, fn, data);
      break;
    default: break;
  }
}

static void check_strict_param(Parser *p, AstNode *id, void *data) {
  const AstString *name = id->u.ident.name;
  if (name == p->s_eval || name == p->s_arguments) {
    error_at(p, id->pos, "Unexpected eval or arguments in strict mode");
  } else if (is_strict_reserved(p, name)) {
    error_at(p, id->pos, "Unexpected strict mode reserved word '%s'", name->data);
  }
}

/* The early errors checked once the function's strictness is known (a "use strict" in the
 * body applies to its parameters and name: ES2025 15.2.1, 15.1.1). */
static void finish_function(Parser *p, AstNode *node, int32_t name_pos) {
  AstFunction *fn = &node->u.function;
  if (p->failed) return;
  if (fn->is_strict && fn->has_use_strict_directive) {
    for (int i = 0; i < fn->params.length; i++)
      for_each_bound_name(p, fn->params.items[i], check_strict_param, NULL);
    if (fn->name && name_pos >= 0 && fn->kind == AST_FUNC_NORMAL &&
        (fn->name == p->s_eval || fn->name == p->s_arguments || is_strict_reserved(p, fn->name)))
      error_at(p, name_pos, "Unexpected eval or arguments in strict mode");
  }
  bool unique_params = fn->is_strict || !fn->has_simple_params || fn->kind != AST_FUNC_NORMAL;
  if (unique_params && p->fs->func == fn && p->fs->dup_param_pos >= 0)
    error_at(p, p->fs->dup_param_pos, "Duplicate parameter name not allowed in this context");
}

static void apply_annexb(Parser *p, FunctionState *fs);

/* The directive prologue (ES2025 11.2.1) then the statements up to `}` or the end. */
static void parse_body_statements(Parser *p, AstList *body, AstFunction *fn, AstScope *scope,
                                  TokenType end) {
  int32_t octal_pos = -1;
  while (at(p, TOKEN_STRING) && !p->failed) {
    Token t = p->tok;
    AstNode *stmt = parse_statement_list_item(p);
    list_push(p, body, stmt);
    if (!stmt || stmt->kind != AST_EXPRESSION_STMT || !stmt->u.unary.operand ||
        stmt->u.unary.operand->kind != AST_STRING_LITERAL ||
        stmt->u.unary.operand->pos != t.pos || stmt->u.unary.operand->parenthesized)
      break;
    if (t.octal_pos >= 0 && octal_pos < 0) octal_pos = t.octal_pos;
    if (t.end - t.pos == 12 && memcmp(p->info->source + t.pos + 1, "use strict", 10) == 0) {
      if (fn && !fn->has_simple_params) {
        error_at(p, t.pos, "Illegal 'use strict' directive in function with non-simple parameter list");
        return;
      }
      if (fn) fn->has_use_strict_directive = true;
      p->strict = true;
      if (fn) fn->is_strict = true;
      for (AstScope *s = scope; s; s = s->outer) {
        s->is_strict = true;
        if (s->kind == SCOPE_FUNCTION || s->is_declaration_scope) {
          if (!fn || s == fn->scope) break;
        }
      }
      if (fn) fn->scope->is_strict = true;
      if (octal_pos >= 0) {
        error_at(p, octal_pos, "Octal escape sequences are not allowed in strict mode.");
        return;
      }
    }
  }
  while (!at(p, end) && !at(p, TOKEN_EOS) && !p->failed) {
    AstNode *stmt = parse_statement_list_item(p);
    if (stmt) list_push(p, body, stmt);
  }
}

static void declare_shadow_cb(Parser *p, AstNode *id, void *data) {
  declare_shadow(p, (AstScope *)data, id->u.ident.name);
}

/* `{ FunctionBody }` of fn (current token `{`), with the function's scope current. */
static void parse_function_body(Parser *p, AstNode *node) {
  AstFunction *fn = &node->u.function;
  if (!expect(p, TOKEN_LBRACE)) return;
  AstScope *body_scope = fn->scope;
  if (!fn->has_simple_params) {
    /* ES2025 10.2.11 step 28: a separate var environment for the body. */
    body_scope = scope_new(p, SCOPE_BLOCK);
    body_scope->is_declaration_scope = true;
    for (int i = 0; i < fn->params.length; i++)
      for_each_bound_name(p, fn->params.items[i], declare_shadow_cb, body_scope);
    scope_enter(p, body_scope);
    p->fs->var_scope = body_scope;
  }
  fn->body_scope = body_scope;
  parse_body_statements(p, &fn->body, fn, body_scope, TOKEN_RBRACE);
  if (!p->failed && !at(p, TOKEN_RBRACE)) error_unexpected(p);
  next(p);
  fn->end = p->prev_end;
  if (body_scope != fn->scope) scope_leave(p, body_scope);
  apply_annexb(p, p->fs);
}

static void parse_formal_params(Parser *p, AstFunction *fn) {
  bool allow_in = p->allow_in;
  p->allow_in = true;
  p->in_params = true;
  bool seen_default = false;
  fn->has_simple_params = true;
  while (!at(p, TOKEN_RPAREN) && !p->failed) {
    int32_t pos = p->tok.pos;
    if (accept(p, TOKEN_ELLIPSIS)) {
      AstNode *rest = node_new(p, AST_REST_ELEMENT, pos);
      rest->u.unary.operand = parse_binding_target(p, BIND_PARAM);
      fn->has_simple_params = false;
      list_push(p, &fn->params, rest);
      if (at(p, TOKEN_ASSIGN)) error_at(p, p->tok.pos, "Rest parameter may not have a default initializer");
      else if (!at(p, TOKEN_RPAREN)) error_at(p, p->tok.pos, "Rest parameter must be last formal parameter");
      break;
    }
    AstNode *target = parse_binding_target(p, BIND_PARAM);
    if (!target) break;
    if (target->kind != AST_IDENTIFIER) fn->has_simple_params = false;
    if (at(p, TOKEN_ASSIGN)) {
      AstNode *assign = node_new(p, AST_ASSIGN_PATTERN, p->tok.pos);
      next(p);
      assign->u.assign.target = target;
      assign->u.assign.value = parse_assignment(p, false);
      target = assign;
      fn->has_simple_params = false;
      seen_default = true;
    }
    if (!seen_default) fn->length++;
    list_push(p, &fn->params, target);
    if (!at(p, TOKEN_RPAREN) && !expect(p, TOKEN_COMMA)) break;
  }
  p->in_params = false;
  p->allow_in = allow_in;
}

static AstNode *function_node_new(Parser *p, AstNodeKind node_kind, int32_t start,
                                  AstFunctionKind kind, bool is_async, bool is_generator) {
  AstNode *node = node_new(p, node_kind, start);
  AstFunction *fn = &node->u.function;
  fn->kind = kind;
  fn->is_async = is_async;
  fn->is_generator = is_generator;
  fn->start = start;
  fn->function_id = p->function_id++;
  return node;
}

static void function_state_init(Parser *p, FunctionState *fs, AstFunction *fn, bool is_arrow) {
  memset(fs, 0, sizeof *fs);
  fs->dup_param_pos = -1;
  fs->outer = p->fs;
  fs->func = fn;
  fs->var_scope = fn->scope;
  fs->is_arrow = is_arrow;
  fs->allow_return = true;
  if (is_arrow) {
    fs->allow_super_property = p->fs->allow_super_property;
    fs->allow_super_call = p->fs->allow_super_call;
    fs->allow_new_target = p->fs->allow_new_target;
    fs->allow_arguments = p->fs->allow_arguments;
  } else {
    AstFunctionKind k = fn->kind;
    fs->allow_super_property = k != AST_FUNC_NORMAL && k != AST_FUNC_ARROW;
    fs->allow_super_call = k == AST_FUNC_DERIVED_CONSTRUCTOR;
    fs->allow_new_target = true;
    fs->allow_arguments = true;
  }
}

/* A function's parameters and body from `(` (declarations, expressions, methods,
 * accessors, constructors). name is the function's name (NULL if anonymous). */
static AstNode *parse_function(Parser *p, int32_t start, AstNodeKind node_kind,
                               AstFunctionKind kind, bool is_async, bool is_generator,
                               const AstString *name, bool is_named_expression) {
  if (!enter(p)) return NULL;
  AstNode *node = function_node_new(p, node_kind, start, kind, is_async, is_generator);
  AstFunction *fn = &node->u.function;
  fn->name = name;
  fn->is_named_expression = is_named_expression;
  SavedContext saved;
  save_context(p, &saved);
  fn->scope = scope_new(p, SCOPE_FUNCTION);
  fn->scope->start = start;
  scope_enter(p, fn->scope);
  FunctionState fs;
  function_state_init(p, &fs, fn, false);
  p->fs = &fs;
  p->in_generator = is_generator;
  p->in_async = is_async;
  p->await_reserved = is_async || p->info->is_module;
  p->in_field_init = false;
  fn->is_strict = p->strict;
  if (is_named_expression && name) {
    AstVariable *v = zone_alloc_zeroed(p->zone, sizeof(AstVariable));
    v->name = name;
    v->mode = VAR_MODE_FUNCTION_NAME;
    v->scope = fn->scope;
    v->declaration_pos = start;
    fn->name_var = v;
  }
  if (expect(p, TOKEN_LPAREN)) {
    int32_t params_pos = p->tok.pos;
    parse_formal_params(p, fn);
    expect(p, TOKEN_RPAREN);
    if (kind == AST_FUNC_GETTER && fn->params.length != 0)
      error_at(p, params_pos, "Getter must not have any formal parameters.");
    if (kind == AST_FUNC_SETTER &&
        (fn->params.length != 1 || fn->params.items[0]->kind == AST_REST_ELEMENT))
      error_at(p, params_pos, "Setter must have exactly one formal parameter.");
    parse_function_body(p, node);
  }
  finish_function(p, node, -1);
  scope_leave(p, fn->scope);
  fn->scope->end = fn->end;
  restore_context(p, &saved, false);
  leave(p);
  return node;
}

/* ---- Arrow functions -------------------------------------------------------------------- */

static void declare_param_cb(Parser *p, AstNode *id, void *data) {
  id->u.ident.scope = p->scope;
  declare_param(p, id->u.ident.name, id->pos);
}

/* Moves what the cover parse created after mark under the arrow's scope: inner scopes and
 * identifier references (they were parsed before we knew they were parameters). */
static void arrow_adopt(Parser *p, const CoverMark *m, AstScope *scope, AstFunction *fn) {
  scope_move_inner(m->scope, m->last_inner, scope);
  for (int i = m->ident_index; i < p->ident_count; i++)
    if (p->idents[i]->u.ident.scope == m->scope) p->idents[i]->u.ident.scope = scope;
  if (p->this_count != m->this_count) fn->uses_this = true;
  if (p->arguments_count != m->arguments_count) fn->uses_arguments = true;
  if (p->super_property_count != m->super_property_count) fn->uses_super_property = true;
  if (p->new_target_count != m->new_target_count) fn->uses_new_target = true;
  if (p->super_call_count != m->super_call_count) fn->uses_super_call = true;
  if (p->eval_count != m->eval_count) {
    fn->calls_eval = true;
    scope->calls_eval = true;
    if (!p->strict) scope->calls_sloppy_eval = true;
  }
}

/* ArrowFunction / AsyncArrowFunction once `=>` is the current token: params are the
 * covered expressions (a SPREAD last for a rest parameter). */
static AstNode *parse_arrow(Parser *p, int32_t start, AstList *params, const CoverMark *m,
                            bool is_async) {
  if (p->tok.newline_before) { error_unexpected(p); return NULL; }
  if (p->yield_count != m->yield_count) {
    error_at(p, start, "Yield expression not allowed in formal parameter");
    return NULL;
  }
  if (p->await_count != m->await_count || (is_async && p->await_ident_count != m->await_ident_count)) {
    error_at(p, start, "Illegal await-expression in formal parameters of async function");
    return NULL;
  }
  if (!enter(p)) return NULL;
  next(p);  /* => */
  AstNode *node = function_node_new(p, AST_FUNCTION, start, AST_FUNC_ARROW, is_async, false);
  AstFunction *fn = &node->u.function;
  AstScope *outer = p->scope;
  /* Create the scope unlinked, adopt the cover's scopes, then link it last. */
  AstScope *last = outer->last_inner;
  AstScope *scope = scope_new(p, SCOPE_FUNCTION);
  if (last) last->next_sibling = NULL; else outer->first_inner = NULL;
  outer->last_inner = last;
  scope->start = start;
  arrow_adopt(p, m, scope, fn);
  if (outer->last_inner) outer->last_inner->next_sibling = scope; else outer->first_inner = scope;
  outer->last_inner = scope;
  fn->scope = scope;
  fn->is_strict = p->strict;
  SavedContext saved;
  save_context(p, &saved);
  FunctionState fs;
  function_state_init(p, &fs, fn, true);
  p->fs = &fs;
  scope_enter(p, scope);
  /* Parameters. */
  fn->has_simple_params = true;
  bool seen_default = false;
  for (int i = 0; i < params->length && !p->failed; i++) {
    AstNode *e = params->items[i];
    if (e->kind == AST_SPREAD) {
      if (i != params->length - 1 || (e->cover_flags & COVER_SPREAD_COMMA)) {
        error_at(p, e->pos, "Rest parameter must be last formal parameter");
        break;
      }
      AstNode *operand = e->u.unary.operand;
      if (operand->kind == AST_ASSIGN) { error_at(p, operand->pos, "Rest parameter may not have a default initializer"); break; }
      e->kind = AST_REST_ELEMENT;
      e->u.unary.operand = to_target(p, operand, true);
      fn->has_simple_params = false;
    } else {
      e = to_target(p, e, true);
      if (!e) break;
      if (e->kind != AST_IDENTIFIER) fn->has_simple_params = false;
      if (e->kind == AST_ASSIGN_PATTERN) seen_default = true;
      if (!seen_default) fn->length++;
    }
    list_push(p, &fn->params, e);
    for_each_bound_name(p, e, declare_param_cb, NULL);
  }
  p->in_generator = false;
  p->in_async = is_async;
  p->await_reserved = is_async || p->info->is_module;  /* ConciseBody has no [Await] */
  if (at(p, TOKEN_LBRACE)) {
    p->allow_in = true;
    parse_function_body(p, node);
  } else {
    AstNode *ret = node_new(p, AST_RETURN, p->tok.pos);
    ret->u.unary.operand = parse_assignment(p, false);
    list_push(p, &fn->body, ret);
    fn->is_expression_body = true;
    fn->body_scope = scope;
    fn->end = p->prev_end;
  }
  finish_function(p, node, -1);
  scope_leave(p, scope);
  scope->end = fn->end;
  restore_context(p, &saved, true);
  leave(p);
  return node;
}

/* ---- Primary expressions ---------------------------------------------------------------- */

/* `(` Expression `)` or arrow parameters (CoverParenthesizedExpressionAndArrowParameterList,
 * ES2025 13.2.1 / 15.3). */
static AstNode *parse_paren(Parser *p) {
  int32_t start = p->tok.pos;
  CoverMark m = cover_mark(p);
  next(p);
  bool allow_in = p->allow_in;
  p->allow_in = true;
  AstList items = {0};
  bool arrow_only = false;
  int32_t arrow_only_pos = -1;
  while (!at(p, TOKEN_RPAREN) && !p->failed) {
    if (at(p, TOKEN_ELLIPSIS)) {
      AstNode *spread = node_new(p, AST_SPREAD, p->tok.pos);
      if (!arrow_only) arrow_only_pos = p->tok.pos;
      arrow_only = true;
      next(p);
      spread->u.unary.operand = parse_binding_target(p, BIND_NONE);
      list_push(p, &items, spread);
      if (!at(p, TOKEN_RPAREN)) error_unexpected(p);
      break;
    }
    list_push(p, &items, parse_assignment(p, true));
    if (!accept(p, TOKEN_COMMA)) break;
    if (at(p, TOKEN_RPAREN)) {
      if (!arrow_only) arrow_only_pos = p->tok.pos;
      arrow_only = true;
    }
  }
  p->allow_in = allow_in;
  if (items.length == 0 && !arrow_only) arrow_only_pos = p->tok.pos;
  if (!expect(p, TOKEN_RPAREN) || p->failed) return NULL;
  if (at(p, TOKEN_ARROW)) return parse_arrow(p, start, &items, &m, false);
  if (items.length == 0 || arrow_only) {
    if (items.length == 0) error_unexpected(p);
    else error_at(p, arrow_only_pos, "Unexpected token '%s'",
                  p->info->source[arrow_only_pos] == '.' ? "..." : ")");
    return NULL;
  }
  AstNode *result;
  if (items.length == 1) {
    result = items.items[0];
  } else {
    result = node_new(p, AST_SEQUENCE, items.items[0]->pos);
    result->u.sequence.expressions = items;
  }
  for (int i = 0; i < items.length; i++) check_cover(p, items.items[i]);
  result->parenthesized = true;
  return result;
}

static AstNode *parse_function_expression(Parser *p) {
  int32_t start = p->tok.pos;
  bool is_async = false;
  if (at_contextual(p, p->s_async)) { is_async = true; next(p); }
  next(p);  /* function */
  bool is_generator = accept(p, TOKEN_MUL);
  const AstString *name = NULL;
  int32_t name_pos = -1;
  if (!at(p, TOKEN_LPAREN)) {
    /* The name is bound in the function's own context: its yield/await rules apply. */
    bool g = p->in_generator, a = p->in_async, r = p->await_reserved;
    p->in_generator = is_generator;
    p->in_async = is_async;
    p->await_reserved = is_async || p->info->is_module;
    name_pos = p->tok.pos;
    name = parse_identifier_name_checked(p, true);
    p->in_generator = g;
    p->in_async = a;
    p->await_reserved = r;
    if (!name) return NULL;
  }
  AstNode *n = parse_function(p, start, AST_FUNCTION, AST_FUNC_NORMAL, is_async, is_generator,
                              name, name != NULL);
  if (n && name) finish_function(p, n, name_pos);
  return n;
}

static AstNode *parse_identifier_reference(Parser *p) {
  int32_t pos = p->tok.pos;
  const AstString *name = p->tok.value;
  if (!check_identifier(p, name, pos, false)) return NULL;
  next(p);
  if (name == p->s_arguments) {
    if (p->in_field_init) {
      error_at(p, pos, "'arguments' is not allowed in class field initializer or static initialization block");
      return NULL;
    }
    mark_arguments(p);
  }
  return identifier_new(p, name, pos);
}

static void parse_arguments(Parser *p, AstList *args, bool allow_pattern);

/* An identifier in primary position: a reference, or the start of an arrow function or
 * an async function / async arrow. */
static AstNode *parse_identifier_primary(Parser *p) {
  int32_t start = p->tok.pos;
  if (at_contextual(p, p->s_async)) {
    Token *ahead = peek(p);
    if (!ahead->newline_before) {
      if (ahead->type == TOKEN_FUNCTION) return parse_function_expression(p);
      if (ahead->type == TOKEN_IDENTIFIER &&
          !(!p->allow_in && ahead->value == p->s_of && !ahead->escaped &&
            peek2(p) != TOKEN_ARROW)) {
        /* async x => ... (but `for (async of` is the identifier async) */
        CoverMark m = cover_mark(p);
        next(p);
        bool ra = p->await_reserved;
        p->await_reserved = true;  /* `async await => 1` is an error */
        AstNode *param = parse_identifier_reference(p);
        p->await_reserved = ra;
        if (!param) return NULL;
        if (!at(p, TOKEN_ARROW)) { error_unexpected(p); return NULL; }
        AstList params = {0};
        list_push(p, &params, param);
        return parse_arrow(p, start, &params, &m, true);
      }
      if (ahead->type == TOKEN_LPAREN) {
        /* async(...) : a call, or the head of an async arrow. */
        CoverMark m = cover_mark(p);
        AstNode *callee = identifier_new(p, p->tok.value, start);
        next(p);
        AstList args = {0};
        parse_arguments(p, &args, true);
        if (p->failed) return NULL;
        if (at(p, TOKEN_ARROW) && !p->tok.newline_before)
          return parse_arrow(p, start, &args, &m, true);
        for (int i = 0; i < args.length; i++) check_cover(p, args.items[i]);
        AstNode *call = node_new(p, AST_CALL, start);
        call->u.call.callee = callee;
        call->u.call.arguments = args;
        return call;
      }
    }
  }
  CoverMark m = cover_mark(p);
  AstNode *id = parse_identifier_reference(p);
  if (!id) return NULL;
  if (at(p, TOKEN_ARROW)) {
    AstList params = {0};
    list_push(p, &params, id);
    return parse_arrow(p, start, &params, &m, false);
  }
  return id;
}

/* `%Name(args)` under --allow-natives-syntax (runtime/runtime-test.h): a CALL whose callee
 * is the name as a string literal and whose native_id says which runtime function to call.
 * An unknown name, a wrong argument count or a spread argument is a SyntaxError. */
static AstNode *parse_native_call(Parser *p) {
  int32_t pos = p->tok.pos;
  next(p);
  if (!at(p, TOKEN_IDENTIFIER)) { error_unexpected(p); return NULL; }
  const AstString *name = p->tok.value;
  int arity;
  int id = runtime_native_lookup(name->data, name->byte_length, &arity);
  if (id < 0) {
    error_at(p, p->tok.pos, "Unknown native function %%%s", name->data);
    return NULL;
  }
  AstNode *callee = node_new(p, AST_STRING_LITERAL, p->tok.pos);
  callee->u.string.value = name;
  next(p);
  AstNode *call = node_new(p, AST_CALL, pos);
  call->u.call.callee = callee;
  call->u.call.native_id = id + 1;
  parse_arguments(p, &call->u.call.arguments, false);
  if (p->failed) return NULL;
  AstList *args = &call->u.call.arguments;
  for (int i = 0; i < args->length; i++) {
    if (args->items[i]->kind != AST_SPREAD) continue;
    error_at(p, args->items[i]->pos, "Spread is not allowed in a native call");
    return NULL;
  }
  if (arity >= 0 && args->length != arity) {
    error_at(p, pos, "%%%s takes %d argument%s", name->data, arity, arity == 1 ? "" : "s");
    return NULL;
  }
  return call;
}

static AstNode *parse_primary(Parser *p) {
  int32_t pos = p->tok.pos;
  AstNode *n;
  switch (p->tok.type) {
    case TOKEN_THIS:
      next(p);
      mark_this(p);
      return node_new(p, AST_THIS, pos);
    case TOKEN_NULL: next(p); return node_new(p, AST_NULL_LITERAL, pos);
    case TOKEN_TRUE: next(p); return node_new(p, AST_TRUE_LITERAL, pos);
    case TOKEN_FALSE: next(p); return node_new(p, AST_FALSE_LITERAL, pos);
    case TOKEN_NUMBER: return parse_number(p);
    case TOKEN_STRING: return parse_string(p);
    case TOKEN_BIGINT:
      n = node_new(p, AST_BIGINT_LITERAL, pos);
      n->u.bigint.digits = p->tok.value;
      n->u.bigint.radix = p->tok.radix;
      next(p);
      return n;
    case TOKEN_TEMPLATE_SPAN: case TOKEN_TEMPLATE_TAIL:
      return parse_template(p, false);
    case TOKEN_DIV: case TOKEN_ASSIGN_DIV:
      return parse_regexp(p);
    case TOKEN_LBRACK:
      n = parse_array_literal(p);
      check_cover_follow(p, n);
      return n;
    case TOKEN_LBRACE:
      n = parse_object_literal(p);
      check_cover_follow(p, n);
      return n;
    case TOKEN_LPAREN: return parse_paren(p);
    case TOKEN_FUNCTION: return parse_function_expression(p);
    case TOKEN_CLASS: return parse_class(p, false, true);
    case TOKEN_IDENTIFIER: return parse_identifier_primary(p);
    case TOKEN_MOD:
      if (p->info->allow_natives_syntax) return parse_native_call(p);
      error_unexpected(p);
      return NULL;
    case TOKEN_PRIVATE_NAME:
      /* `#x in obj`: checked by the binary operator parser. */
      n = node_new(p, AST_PRIVATE_NAME, pos);
      n->u.ident.name = p->tok.value;
      n->u.ident.scope = p->scope;
      use_private_name(p, p->tok.value, pos);
      next(p);
      if (!at(p, TOKEN_IN)) { error_unexpected(p); return NULL; }
      return n;
    default:
      error_unexpected(p);
      return NULL;
  }
}

/* ---- Member, call, new, super, import ----------------------------------------------------- */

static void parse_arguments(Parser *p, AstList *args, bool allow_pattern) {
  expect(p, TOKEN_LPAREN);
  bool allow_in = p->allow_in;
  p->allow_in = true;
  while (!at(p, TOKEN_RPAREN) && !p->failed) {
    if (at(p, TOKEN_ELLIPSIS)) {
      AstNode *spread = node_new(p, AST_SPREAD, p->tok.pos);
      next(p);
      spread->u.unary.operand = parse_assignment(p, allow_pattern);
      if (at(p, TOKEN_COMMA)) spread->cover_flags |= COVER_SPREAD_COMMA;
      list_push(p, args, spread);
    } else {
      list_push(p, args, parse_assignment(p, allow_pattern));
    }
    if (!at(p, TOKEN_RPAREN) && !expect(p, TOKEN_COMMA)) break;
  }
  p->allow_in = allow_in;
  expect(p, TOKEN_RPAREN);
}

static void use_private_name(Parser *p, const AstString *name, int32_t pos) {
  if (p->cls) {
    PrivateRef *ref = zone_alloc(p->zone, sizeof(PrivateRef));
    ref->name = name;
    ref->pos = pos;
    ref->next = p->cls->refs;
    p->cls->refs = ref;
    return;
  }
  for (int i = 0; i < p->info->outer_private_name_count; i++)
    if (strcmp(p->info->outer_private_names[i], name->data) == 0) return;
  error_at(p, pos, "Private field '%s' must be declared in an enclosing class", name->data);
}

/* The property after `.` or `?.`: an IdentifierName or a PrivateIdentifier. */
static AstNode *parse_member_name(Parser *p) {
  int32_t pos = p->tok.pos;
  AstNode *name;
  if (at(p, TOKEN_PRIVATE_NAME)) {
    name = node_new(p, AST_PRIVATE_NAME, pos);
    name->u.ident.name = p->tok.value;
    name->u.ident.scope = p->scope;
    use_private_name(p, p->tok.value, pos);
    next(p);
    return name;
  }
  if (at(p, TOKEN_IDENTIFIER) || at(p, TOKEN_ESCAPED_KEYWORD) || token_is_keyword(p->tok.type)) {
    name = node_new(p, AST_IDENTIFIER, pos);
    name->u.ident.name = p->tok.type == TOKEN_IDENTIFIER || p->tok.type == TOKEN_ESCAPED_KEYWORD
                             ? p->tok.value
                             : scanner_intern(&p->scanner, token_text(p->tok.type),
                                              strlen(token_text(p->tok.type)));
    next(p);
    return name;
  }
  error_unexpected(p);
  return NULL;
}

static AstNode *member_new(Parser *p, AstNode *object, AstNode *property, bool computed,
                           bool optional) {
  AstNode *n = node_new(p, AST_MEMBER, object->pos);
  n->u.member.object = object;
  n->u.member.property = property;
  n->u.member.computed = computed;
  n->u.member.optional = optional;
  return n;
}

static AstNode *parse_computed_property(Parser *p) {
  next(p);  /* [ */
  bool allow_in = p->allow_in;
  p->allow_in = true;
  AstNode *e = parse_expression(p);
  p->allow_in = allow_in;
  expect(p, TOKEN_RBRACK);
  return e;
}

static AstNode *call_new(Parser *p, AstNode *callee, bool optional) {
  AstNode *call = node_new(p, AST_CALL, callee->pos);
  call->u.call.callee = callee;
  call->u.call.optional = optional;
  if (!optional && callee->kind == AST_IDENTIFIER && callee->u.ident.name == p->s_eval) {
    call->u.call.is_possibly_direct_eval = true;
    mark_eval(p);
  }
  parse_arguments(p, &call->u.call.arguments, false);
  return call;
}

/* The suffixes of a MemberExpression / CallExpression / OptionalExpression: .x [x] `t` (args)
 * ?. (calls only when allow_call: not inside `new X`). */
static AstNode *parse_suffixes(Parser *p, AstNode *expr, bool allow_call) {
  bool optional_chain = false;
  /* `() => {}` then a new line: automatic semicolon insertion ends the expression. */
  if (is_bare_arrow(expr) && p->tok.newline_before) return expr;
  while (expr && !p->failed) {
    switch (p->tok.type) {
      case TOKEN_DOT:
        if (!check_not_arrow_operand(p, expr)) return NULL;
        next(p);
        expr = member_new(p, expr, parse_member_name(p), false, false);
        break;
      case TOKEN_LBRACK:
        if (!check_not_arrow_operand(p, expr)) return NULL;
        expr = member_new(p, expr, parse_computed_property(p), true, false);
        break;
      case TOKEN_TEMPLATE_SPAN: case TOKEN_TEMPLATE_TAIL: {
        if (!check_not_arrow_operand(p, expr)) return NULL;
        if (optional_chain) {
          error_at(p, p->tok.pos, "Invalid tagged template on optional chain");
          return NULL;
        }
        AstNode *t = node_new(p, AST_TAGGED_TEMPLATE, expr->pos);
        t->u.tagged_template.tag = expr;
        t->u.tagged_template.quasi = parse_template(p, true);
        t->u.tagged_template.site_id = p->template_site++;
        expr = t;
        break;
      }
      case TOKEN_LPAREN:
        if (!allow_call) goto done;
        if (!check_not_arrow_operand(p, expr)) return NULL;
        expr = call_new(p, expr, false);
        break;
      case TOKEN_QUESTION_DOT:
        if (!check_not_arrow_operand(p, expr)) return NULL;
        if (!allow_call) {
          error_at(p, p->tok.pos, "Invalid optional chain from new expression");
          return NULL;
        }
        next(p);
        optional_chain = true;
        if (at(p, TOKEN_LPAREN)) expr = call_new(p, expr, true);
        else if (at(p, TOKEN_LBRACK)) expr = member_new(p, expr, parse_computed_property(p), true, true);
        else if (at(p, TOKEN_TEMPLATE_SPAN) || at(p, TOKEN_TEMPLATE_TAIL)) {
          error_at(p, p->tok.pos, "Invalid tagged template on optional chain");
          return NULL;
        } else expr = member_new(p, expr, parse_member_name(p), false, true);
        break;
      default:
        goto done;
    }
  }
done:
  if (optional_chain && expr) {
    AstNode *chain = node_new(p, AST_OPTIONAL_CHAIN, expr->pos);
    chain->u.optional_chain.expression = expr;
    expr = chain;
  }
  return expr;
}

static AstNode *parse_super(Parser *p) {
  int32_t pos = p->tok.pos;
  next(p);
  FunctionState *fs = closure_state(p);
  if (at(p, TOKEN_LPAREN)) {
    bool ok = fs->func ? fs->allow_super_call : p->info->allow_super_call;
    if (!ok) { error_at(p, pos, "'super' keyword unexpected here"); return NULL; }
    mark_super_call(p);
    AstNode *n = node_new(p, AST_SUPER_CALL, pos);
    parse_arguments(p, &n->u.call.arguments, false);
    return n;
  }
  if (at(p, TOKEN_DOT) || at(p, TOKEN_LBRACK)) {
    bool ok = fs->func ? fs->allow_super_property : p->info->allow_super_property;
    if (!ok) { error_at(p, pos, "'super' keyword unexpected here"); return NULL; }
    mark_super_property(p);
    AstNode *n = node_new(p, AST_SUPER_MEMBER, pos);
    if (at(p, TOKEN_LBRACK)) {
      n->u.member.property = parse_computed_property(p);
      n->u.member.computed = true;
    } else {
      next(p);
      if (at(p, TOKEN_PRIVATE_NAME)) { error_at(p, p->tok.pos, "Unexpected private field"); return NULL; }
      n->u.member.property = parse_member_name(p);
    }
    return n;
  }
  error_at(p, pos, "'super' keyword unexpected here");
  return NULL;
}

static AstNode *parse_new_target(Parser *p, int32_t pos) {
  next(p);  /* . */
  if (!at_contextual(p, p->s_target)) { error_unexpected(p); return NULL; }
  next(p);
  FunctionState *fs = closure_state(p);
  bool ok = fs->func ? fs->allow_new_target : p->info->allow_new_target;
  if (!ok) { error_at(p, pos, "new.target expression is not allowed here"); return NULL; }
  mark_new_target(p);
  return node_new(p, AST_NEW_TARGET, pos);
}

static AstNode *parse_import_expression(Parser *p, bool in_new) {
  int32_t pos = p->tok.pos;
  next(p);
  int phase = AST_PHASE_EVALUATION;
  if (at(p, TOKEN_DOT)) {
    next(p);
    if (at_contextual(p, p->s_source) || at_contextual(p, p->s_defer)) {
      /* import.source(x) / import.defer(x): source phase imports, import defer */
      phase = at_contextual(p, p->s_source) ? AST_PHASE_SOURCE : AST_PHASE_DEFER;
      next(p);
      if (!at(p, TOKEN_LPAREN) || in_new) { error_unexpected(p); return NULL; }
    } else {
      if (!at_contextual(p, p->s_meta)) { error_unexpected(p); return NULL; }
      next(p);
      if (!p->info->is_module) {
        error_at(p, pos, "Cannot use 'import.meta' outside a module");
        return NULL;
      }
      return node_new(p, AST_IMPORT_META, pos);
    }
  }
  if (at(p, TOKEN_LPAREN) && !in_new) {
    next(p);
    AstNode *n = node_new(p, AST_IMPORT_CALL, pos);
    n->u.import_call.phase = phase;
    if (at(p, TOKEN_RPAREN)) { error_unexpected(p); return NULL; }
    bool allow_in = p->allow_in;
    p->allow_in = true;
    n->u.import_call.source = parse_assignment(p, false);
    if (accept(p, TOKEN_COMMA) && !at(p, TOKEN_RPAREN)) {
      n->u.import_call.options = parse_assignment(p, false);
      accept(p, TOKEN_COMMA);
    }
    p->allow_in = allow_in;
    expect(p, TOKEN_RPAREN);
    return n;
  }
  error_unexpected(p);
  return NULL;
}

/* MemberExpression after `new` (no calls), then the new's arguments. */
static AstNode *parse_new(Parser *p) {
  int32_t pos = p->tok.pos;
  if (!enter(p)) return NULL;
  next(p);
  AstNode *callee;
  if (at(p, TOKEN_DOT)) {
    callee = parse_new_target(p, pos);
    leave(p);
    return callee;
  }
  if (at(p, TOKEN_NEW)) callee = parse_new(p);
  else if (at(p, TOKEN_SUPER)) callee = parse_super(p);
  else if (at(p, TOKEN_IMPORT)) callee = parse_import_expression(p, true);
  else callee = parse_primary(p);
  if (callee && callee->kind == AST_SUPER_CALL) { error_at(p, pos, "'super' keyword unexpected here"); }
  callee = parse_suffixes(p, callee, false);
  AstNode *n = node_new(p, AST_NEW, pos);
  n->u.call.callee = callee;
  if (at(p, TOKEN_LPAREN)) parse_arguments(p, &n->u.call.arguments, false);
  leave(p);
  return n;
}

/* LeftHandSideExpression (ES2025 13.3). */
static AstNode *parse_lhs(Parser *p) {
  AstNode *expr;
  switch (p->tok.type) {
    case TOKEN_NEW: expr = parse_new(p); break;
    case TOKEN_SUPER: expr = parse_super(p); break;
    case TOKEN_IMPORT: expr = parse_import_expression(p, false); break;
    default: expr = parse_primary(p); break;
  }
  return parse_suffixes(p, expr, true);
}

/* ---- Unary and update ------------------------------------------------------------------- */

static bool is_private_member(const AstNode *n) {
  while (n && n->kind == AST_OPTIONAL_CHAIN) n = n->u.optional_chain.expression;
  return n && n->kind == AST_MEMBER && n->u.member.property &&
         n->u.member.property->kind == AST_PRIVATE_NAME;
}

static AstNode *parse_postfix(Parser *p) {
  AstNode *expr = parse_lhs(p);
  if (!expr || p->failed) return expr;
  if ((at(p, TOKEN_INC) || at(p, TOKEN_DEC)) && !p->tok.newline_before) {
    if (!check_not_arrow_operand(p, expr)) return NULL;
    if (!check_simple_or_call_target(p, expr, true)) return NULL;
    AstNode *n = node_new(p, AST_UPDATE, expr->pos);
    n->u.update.is_increment = at(p, TOKEN_INC);
    n->u.update.target = expr;
    next(p);
    return n;
  }
  return expr;
}

static bool at_await_expression(Parser *p) {
  return p->in_async && at_contextual(p, p->s_await);
}

static AstNode *parse_unary(Parser *p) {
  int32_t pos = p->tok.pos;
  AstUnaryOp op;
  switch (p->tok.type) {
    case TOKEN_NOT: op = AST_UNARY_NOT; break;
    case TOKEN_BIT_NOT: op = AST_UNARY_BIT_NOT; break;
    case TOKEN_ADD: op = AST_UNARY_PLUS; break;
    case TOKEN_SUB: op = AST_UNARY_NEG; break;
    case TOKEN_TYPEOF: op = AST_UNARY_TYPEOF; break;
    case TOKEN_VOID: op = AST_UNARY_VOID; break;
    case TOKEN_DELETE: op = AST_UNARY_DELETE; break;
    case TOKEN_INC: case TOKEN_DEC: {
      bool inc = at(p, TOKEN_INC);
      if (!enter(p)) return NULL;
      next(p);
      AstNode *target = parse_unary(p);
      leave(p);
      if (!target || !check_simple_or_call_target(p, target, true)) return NULL;
      AstNode *n = node_new(p, AST_UPDATE, pos);
      n->u.update.is_increment = inc;
      n->u.update.is_prefix = true;
      n->u.update.target = target;
      return n;
    }
    default:
      if (at_await_expression(p)) {
        if (p->in_params || p->in_field_init) {
          error_at(p, pos, "Illegal await-expression in formal parameters of async function");
          return NULL;
        }
        if (!enter(p)) return NULL;
        next(p);
        p->await_count++;
        if (p->fs->func == NULL) p->module_awaits = true;
        AstNode *n = node_new(p, AST_AWAIT, pos);
        n->u.unary.operand = parse_unary(p);
        leave(p);
        return n;
      }
      return parse_postfix(p);
  }
  if (!enter(p)) return NULL;
  next(p);
  AstNode *operand = parse_unary(p);
  leave(p);
  if (!operand) return NULL;
  if (op == AST_UNARY_DELETE) {
    if (p->strict && operand->kind == AST_IDENTIFIER) {
      error_at(p, pos, "Delete of an unqualified identifier in strict mode.");
      return NULL;
    }
    if (is_private_member(operand)) {
      error_at(p, pos, "Private fields can not be deleted");
      return NULL;
    }
  }
  AstNode *n = node_new(p, AST_UNARY, pos);
  n->u.unary.op = op;
  n->u.unary.operand = operand;
  return n;
}

/* ---- Binary operators (iterative precedence climbing) ----------------------------------- */

enum { PREC_NONE = 0, PREC_NULLISH = 3, PREC_OR = 4, PREC_RELATIONAL = 10, PREC_EXP = 14 };

/* The precedence of the binary operator token t (0 if none); *op the AstBinaryOp or
 * AstLogicalOp, *logical whether it is && || ??. */
static int binary_precedence(Parser *p, TokenType t, int *op, bool *logical) {
  *logical = false;
  switch (t) {
    case TOKEN_NULLISH: *logical = true; *op = AST_LOGICAL_NULLISH; return PREC_OR;
    case TOKEN_OR: *logical = true; *op = AST_LOGICAL_OR; return PREC_OR;
    case TOKEN_AND: *logical = true; *op = AST_LOGICAL_AND; return 5;
#define B(tok, name, prec) case TOKEN_##tok: *op = AST_OP_##name; return prec;
    B(BIT_OR, BIT_OR, 6) B(BIT_XOR, BIT_XOR, 7) B(BIT_AND, BIT_AND, 8)
    B(EQ, EQ, 9) B(NE, NE, 9) B(EQ_STRICT, EQ_STRICT, 9) B(NE_STRICT, NE_STRICT, 9)
    B(LT, LT, 10) B(GT, GT, 10) B(LTE, LTE, 10) B(GTE, GTE, 10)
    B(INSTANCEOF, INSTANCEOF, 10)
    B(SHL, SHL, 11) B(SAR, SAR, 11) B(SHR, SHR, 11)
    B(ADD, ADD, 12) B(SUB, SUB, 12)
    B(MUL, MUL, 13) B(DIV, DIV, 13) B(MOD, MOD, 13)
    B(EXP, EXP, 14)
#undef B
    case TOKEN_IN:
      if (!p->allow_in) return PREC_NONE;
      *op = AST_OP_IN;
      return PREC_RELATIONAL;
    default:
      return PREC_NONE;
  }
}

typedef struct {
  int prec, op;
  bool logical;
  int32_t pos;
} PendingOp;

static bool is_unparenthesized_logical(const AstNode *n, bool nullish) {
  if (!n || n->kind != AST_LOGICAL || n->parenthesized) return false;
  return nullish ? n->u.logical.op == AST_LOGICAL_NULLISH
                 : n->u.logical.op != AST_LOGICAL_NULLISH;
}

static AstNode *binary_node(Parser *p, const PendingOp *op, AstNode *left, AstNode *right) {
  if (op->logical) {
    bool nullish = op->op == AST_LOGICAL_NULLISH;
    /* ES2025 13.13: ?? cannot be mixed with && or || without parentheses. */
    if (is_unparenthesized_logical(left, !nullish) || is_unparenthesized_logical(right, !nullish)) {
      error_at(p, op->pos, "Unexpected token '%s'", nullish ? "??" : op->op == AST_LOGICAL_AND ? "&&" : "||");
      return NULL;
    }
    AstNode *n = node_new(p, AST_LOGICAL, left->pos);
    n->u.logical.op = (AstLogicalOp)op->op;
    n->u.logical.left = left;
    n->u.logical.right = right;
    return n;
  }
  if (right && right->kind == AST_PRIVATE_NAME) {
    error_at(p, right->pos, "Unexpected private name");
    return NULL;
  }
  if (left->kind == AST_PRIVATE_NAME && op->op != AST_OP_IN) {
    error_at(p, left->pos, "Unexpected private name");
    return NULL;
  }
  AstNode *n = node_new(p, AST_BINARY, left->pos);
  n->u.binary.op = (AstBinaryOp)op->op;
  n->u.binary.left = left;
  n->u.binary.right = right;
  return n;
}

/* ShortCircuitExpression: operands and operators on explicit stacks, so chains of any
 * length use no C stack. ** is right-associative; `-x ** y` is an error (ES2025 13.6). */
static AstNode *parse_binary(Parser *p) {
  AstNode *operand_buf[32];
  PendingOp op_buf[32];
  AstNode **operands = operand_buf;
  PendingOp *ops = op_buf;
  int capacity = 32, n_ops = 0, n_operands = 0;
  operands[n_operands++] = parse_unary(p);
  while (!p->failed) {
    AstNode *last = operands[n_operands - 1];
    if (!last) return NULL;
    PendingOp op;
    op.pos = p->tok.pos;
    op.prec = binary_precedence(p, p->tok.type, &op.op, &op.logical);
    if (op.prec == PREC_NONE) break;
    if (is_bare_arrow(last) && p->tok.newline_before) break;  /* ASI after an arrow */
    if (!check_not_arrow_operand(p, last)) return NULL;
    check_cover(p, last);
    if (op.prec == PREC_EXP && !last->parenthesized &&
        (last->kind == AST_UNARY || last->kind == AST_AWAIT)) {
      error_at(p, op.pos, "Unary operator used immediately before exponentiation expression. "
                          "Parenthesis must be used to disambiguate operator precedence");
      return NULL;
    }
    /* Reduce while the stacked operator binds at least as tightly (left-assoc), or more
     * tightly for the right-associative **. */
    while (n_ops > 0 && (ops[n_ops - 1].prec > op.prec ||
                         (ops[n_ops - 1].prec == op.prec && op.prec != PREC_EXP))) {
      AstNode *right = operands[--n_operands];
      AstNode *left = operands[--n_operands];
      operands[n_operands++] = binary_node(p, &ops[--n_ops], left, right);
      if (!operands[n_operands - 1]) return NULL;
    }
    if (operands[n_operands - 1]->kind == AST_PRIVATE_NAME &&
        (op.op != AST_OP_IN || op.logical || (n_ops > 0 && ops[n_ops - 1].prec >= PREC_RELATIONAL))) {
      error_at(p, operands[n_operands - 1]->pos, "Unexpected private name");
      return NULL;
    }
    if (n_ops + 1 >= capacity) {
      int new_capacity = capacity * 2;
      AstNode **o = zone_alloc(p->zone, sizeof(AstNode *) * (size_t)new_capacity);
      PendingOp *q = zone_alloc(p->zone, sizeof(PendingOp) * (size_t)new_capacity);
      if (!o || !q) return NULL;
      memcpy(o, operands, sizeof(AstNode *) * (size_t)n_operands);
      memcpy(q, ops, sizeof(PendingOp) * (size_t)n_ops);
      operands = o;
      ops = q;
      capacity = new_capacity;
    }
    ops[n_ops++] = op;
    next(p);
    operands[n_operands++] = parse_unary(p);
  }
  if (p->failed) return NULL;
  if (n_ops > 0) {
    if (!check_not_arrow_operand(p, operands[n_operands - 1])) return NULL;
    check_cover(p, operands[n_operands - 1]);
  }
  while (n_ops > 0) {
    AstNode *right = operands[--n_operands];
    AstNode *left = operands[--n_operands];
    operands[n_operands++] = binary_node(p, &ops[--n_ops], left, right);
    if (!operands[n_operands - 1]) return NULL;
  }
  return operands[0];
}

static AstNode *parse_conditional(Parser *p) {
  AstNode *test = parse_binary(p);
  if (!test || !at(p, TOKEN_QUESTION)) return test;
  if (!check_not_arrow_operand(p, test)) return NULL;
  check_cover(p, test);
  next(p);
  AstNode *n = node_new(p, AST_CONDITIONAL, test->pos);
  n->u.conditional.test = test;
  bool allow_in = p->allow_in;
  p->allow_in = true;
  n->u.conditional.consequent = parse_assignment(p, false);
  p->allow_in = allow_in;
  expect(p, TOKEN_COLON);
  n->u.conditional.alternate = parse_assignment(p, false);
  return n;
}

/* ---- Yield, assignment, expression ------------------------------------------------------ */

static AstNode *parse_yield(Parser *p) {
  int32_t pos = p->tok.pos;
  if (p->in_params) {
    error_at(p, pos, "Yield expression not allowed in formal parameter");
    return NULL;
  }
  next(p);
  p->yield_count++;
  AstNode *n = node_new(p, AST_YIELD, pos);
  if (p->tok.newline_before) return n;
  if (accept(p, TOKEN_MUL)) {
    n->u.yield.delegate = true;
    n->u.yield.argument = parse_assignment(p, false);
    return n;
  }
  switch (p->tok.type) {
    case TOKEN_RPAREN: case TOKEN_RBRACK: case TOKEN_RBRACE: case TOKEN_COMMA:
    case TOKEN_SEMICOLON: case TOKEN_COLON: case TOKEN_EOS: case TOKEN_IN: case TOKEN_QUESTION:
      return n;
    default:
      n->u.yield.argument = parse_assignment(p, false);
      return n;
  }
}

/* The AstBinaryOp of a compound assignment token. */
static int compound_op(TokenType t) {
  switch (t) {
    case TOKEN_ASSIGN_ADD: return AST_OP_ADD;
    case TOKEN_ASSIGN_SUB: return AST_OP_SUB;
    case TOKEN_ASSIGN_MUL: return AST_OP_MUL;
    case TOKEN_ASSIGN_DIV: return AST_OP_DIV;
    case TOKEN_ASSIGN_MOD: return AST_OP_MOD;
    case TOKEN_ASSIGN_EXP: return AST_OP_EXP;
    case TOKEN_ASSIGN_SHL: return AST_OP_SHL;
    case TOKEN_ASSIGN_SAR: return AST_OP_SAR;
    case TOKEN_ASSIGN_SHR: return AST_OP_SHR;
    case TOKEN_ASSIGN_BIT_AND: return AST_OP_BIT_AND;
    case TOKEN_ASSIGN_BIT_OR: return AST_OP_BIT_OR;
    case TOKEN_ASSIGN_BIT_XOR: return AST_OP_BIT_XOR;
    default: return -1;
  }
}

/* AssignmentExpression (ES2025 13.15). allow_pattern: the caller may still reinterpret an
 * object/array literal result as a pattern, so its cover errors stay pending. */
static AstNode *parse_assignment(Parser *p, bool allow_pattern) {
  if (!enter(p)) return NULL;
  if (p->in_generator && at_contextual(p, p->s_yield)) {
    AstNode *y = parse_yield(p);
    leave(p);
    return y;
  }
  AstNode *expr = parse_conditional(p);
  if (!expr || p->failed) { leave(p); return NULL; }
  TokenType t = p->tok.type;
  if (!token_is_assign_op(t)) {
    if (!allow_pattern) check_cover(p, expr);
    leave(p);
    return expr;
  }
  if (!check_not_arrow_operand(p, expr)) { leave(p); return NULL; }
  AstNode *n = node_new(p, AST_ASSIGN, expr->pos);
  if (t == TOKEN_ASSIGN) {
    n->u.assign.kind = AST_ASSIGN_PLAIN;
    if ((expr->kind == AST_OBJECT_LITERAL || expr->kind == AST_ARRAY_LITERAL) && !expr->parenthesized)
      expr = to_target(p, expr, false);
    else if (!check_simple_or_call_target(p, expr, false)) expr = NULL;
  } else if (t == TOKEN_ASSIGN_AND || t == TOKEN_ASSIGN_OR || t == TOKEN_ASSIGN_NULLISH) {
    n->u.assign.kind = AST_ASSIGN_LOGICAL;
    n->u.assign.op = t == TOKEN_ASSIGN_AND ? AST_LOGICAL_AND
                     : t == TOKEN_ASSIGN_OR ? AST_LOGICAL_OR : AST_LOGICAL_NULLISH;
    if (!check_simple_target(p, expr, false)) expr = NULL;
  } else {
    n->u.assign.kind = AST_ASSIGN_COMPOUND;
    n->u.assign.op = compound_op(t);
    if (!check_simple_or_call_target(p, expr, false)) expr = NULL;
  }
  if (!expr) { leave(p); return NULL; }
  next(p);
  n->u.assign.target = expr;
  n->u.assign.value = parse_assignment(p, false);
  leave(p);
  return n;
}

static AstNode *parse_expression(Parser *p) {
  AstNode *first = parse_assignment(p, false);
  if (!first || !at(p, TOKEN_COMMA)) return first;
  AstNode *seq = node_new(p, AST_SEQUENCE, first->pos);
  list_push(p, &seq->u.sequence.expressions, first);
  while (accept(p, TOKEN_COMMA) && !p->failed)
    list_push(p, &seq->u.sequence.expressions, parse_assignment(p, false));
  return seq;
}

/* ---- Classes ---------------------------------------------------------------------------- */

typedef struct {
  AstClassMember *items;
  int count, capacity;
} MemberVec;

/* State of a class body being parsed. */
typedef struct {
  AstNode *node;
  MemberVec members;
  FunctionState *instance_fs, *static_fs;  /* the field initializer functions' states */
  bool has_constructor;
} ClassParse;

static AstClassMember *member_push(Parser *p, MemberVec *v) {
  if (v->count == v->capacity) {
    int capacity = v->capacity ? v->capacity * 2 : 8;
    AstClassMember *items = zone_alloc(p->zone, sizeof(AstClassMember) * (size_t)capacity);
    if (!items) return NULL;
    if (v->count) memcpy(items, v->items, sizeof(AstClassMember) * (size_t)v->count);
    v->items = items;
    v->capacity = capacity;
  }
  AstClassMember *m = &v->items[v->count++];
  memset(m, 0, sizeof *m);
  return m;
}

/* A synthetic function of the class (constructor, field initializers), scoped in the class
 * scope (current). */
static AstNode *class_synthetic_function(Parser *p, AstClass *c, AstFunctionKind kind) {
  AstNode *node = function_node_new(p, AST_FUNCTION, c->start, kind, false, false);
  AstFunction *fn = &node->u.function;
  fn->scope = scope_new(p, SCOPE_FUNCTION);
  fn->scope->is_strict = true;
  fn->body_scope = fn->scope;
  fn->is_strict = true;
  fn->has_simple_params = true;
  fn->home_class = c;
  fn->start = c->start;
  return node;
}

/* The FunctionState through which field initializers of one kind are parsed. */
static FunctionState *class_init_state(Parser *p, ClassParse *cp, bool is_static) {
  FunctionState **slot = is_static ? &cp->static_fs : &cp->instance_fs;
  if (*slot) return *slot;
  AstClass *c = &cp->node->u.class_lit;
  AstNode *fn_node = class_synthetic_function(
      p, c, is_static ? AST_FUNC_CLASS_STATIC_INIT : AST_FUNC_CLASS_FIELDS_INIT);
  if (is_static) c->static_init = fn_node;
  else c->instance_fields_init = fn_node;
  FunctionState *fs = zone_alloc_zeroed(p->zone, sizeof(FunctionState));
  fs->dup_param_pos = -1;
  fs->outer = p->fs;
  fs->func = &fn_node->u.function;
  fs->var_scope = fs->func->scope;
  fs->allow_super_property = true;
  fs->allow_new_target = true;
  *slot = fs;
  return fs;
}

static void add_field_init(Parser *p, ClassParse *cp, bool is_static, int member_index) {
  FunctionState *fs = class_init_state(p, cp, is_static);
  AstNode *init = node_new(p, AST_CLASS_FIELD_INIT, cp->members.items[member_index].key
                                                        ? cp->members.items[member_index].key->pos
                                                        : p->tok.pos);
  init->u.field_init.cls = &cp->node->u.class_lit;
  init->u.field_init.member_index = member_index;
  list_push(p, &fs->func->body, init);
}

/* Declares #name in the class scope; a getter and a setter of the same staticness may
 * share a name (ES2025 15.7.1 early errors). */
static AstVariable *declare_private(Parser *p, const AstString *name, AstClassMemberKind kind,
                                    bool is_static, int32_t pos) {
  AstScope *scope = p->cls->scope;
  DeclEntry *e = decl_lookup(p, scope, name, true);
  if (!e) return NULL;
  if (e->flags) {
    AstVariable *v = e->var;
    bool pair = v->private_kind == AST_CLASS_GETTER && v->is_private_static == is_static &&
                ((kind == AST_CLASS_GETTER && !v->private_has_getter && v->private_has_setter) ||
                 (kind == AST_CLASS_SETTER && !v->private_has_setter && v->private_has_getter));
    if (!pair) { error_redeclared(p, name, pos); return NULL; }
    if (kind == AST_CLASS_GETTER) v->private_has_getter = true;
    else v->private_has_setter = true;
    return v;
  }
  e->flags = DECL_LEXICAL;
  AstVariable *v = variable_new(p, scope, name, VAR_MODE_PRIVATE_NAME, pos);
  v->is_private_static = is_static;
  v->private_kind = kind == AST_CLASS_SETTER ? AST_CLASS_GETTER : kind;
  v->private_has_getter = kind == AST_CLASS_GETTER;
  v->private_has_setter = kind == AST_CLASS_SETTER;
  e->var = v;
  return v;
}

static void parse_static_block(Parser *p, ClassParse *cp, int32_t start) {
  next(p);  /* static */
  AstClass *c = &cp->node->u.class_lit;
  AstClassMember *m = member_push(p, &cp->members);
  if (!m) return;
  m->kind = AST_CLASS_STATIC_BLOCK;
  m->is_static = true;
  int index = cp->members.count - 1;
  AstNode *node = function_node_new(p, AST_FUNCTION, start, AST_FUNC_CLASS_STATIC_INIT, false, false);
  AstFunction *fn = &node->u.function;
  fn->is_strict = true;
  fn->has_simple_params = true;
  fn->home_class = c;
  SavedContext saved;
  save_context(p, &saved);
  fn->scope = scope_new(p, SCOPE_FUNCTION);
  fn->body_scope = fn->scope;
  scope_enter(p, fn->scope);
  FunctionState fs;
  memset(&fs, 0, sizeof fs);
  fs.dup_param_pos = -1;
  fs.outer = p->fs;
  fs.func = fn;
  fs.var_scope = fn->scope;
  fs.allow_super_property = true;
  fs.allow_new_target = true;
  fs.is_static_block = true;
  p->fs = &fs;
  p->in_generator = false;
  p->in_async = false;
  p->await_reserved = true;
  p->in_field_init = true;
  p->allow_in = true;
  if (expect(p, TOKEN_LBRACE)) {
    while (!at(p, TOKEN_RBRACE) && !at(p, TOKEN_EOS) && !p->failed) {
      AstNode *stmt = parse_statement_list_item(p);
      if (stmt) list_push(p, &fn->body, stmt);
    }
    expect(p, TOKEN_RBRACE);
  }
  fn->end = p->prev_end;
  apply_annexb(p, &fs);
  scope_leave(p, fn->scope);
  restore_context(p, &saved, false);
  m->value = node;
  add_field_init(p, cp, true, index);
}

/* A field's initializer, parsed as the body of the class's field-initializer function:
 * `this` is the instance (or the class), `arguments` is an error. */
static AstNode *parse_field_initializer(Parser *p, ClassParse *cp, bool is_static) {
  FunctionState *fs = class_init_state(p, cp, is_static);
  SavedContext saved;
  save_context(p, &saved);
  p->fs = fs;
  p->scope = fs->func->scope;
  p->in_generator = false;
  p->in_async = false;
  p->await_reserved = p->info->is_module;  /* an Initializer has no [Await] */
  p->in_field_init = true;
  p->allow_in = true;
  AstNode *value = parse_assignment(p, false);
  restore_context(p, &saved, false);
  return value;
}

static bool is_class_element_end(TokenType t) {
  return t == TOKEN_LPAREN || t == TOKEN_ASSIGN || t == TOKEN_SEMICOLON || t == TOKEN_RBRACE ||
         t == TOKEN_EOS;
}

static void parse_class_member(Parser *p, ClassParse *cp) {
  AstClass *c = &cp->node->u.class_lit;
  int32_t start = p->tok.pos;
  bool is_static = false;
  if (at_contextual(p, p->s_static)) {
    Token *ahead = peek(p);
    if (ahead->type == TOKEN_LBRACE) { parse_static_block(p, cp, start); return; }
    if (!is_class_element_end(ahead->type)) {
      next(p);
      is_static = true;
      start = p->tok.pos;
    }
  }
  bool is_async = false, is_generator = false;
  AstClassMemberKind kind = AST_CLASS_METHOD;
  if (at_contextual(p, p->s_async) && !is_class_element_end(peek(p)->type) &&
      !peek(p)->newline_before) {
    next(p);
    is_async = true;
  }
  if (accept(p, TOKEN_MUL)) is_generator = true;
  if (!is_async && !is_generator && (at_contextual(p, p->s_get) || at_contextual(p, p->s_set)) &&
      !is_class_element_end(peek(p)->type) && peek(p)->type != TOKEN_MUL) {
    kind = p->tok.value == p->s_get ? AST_CLASS_GETTER : AST_CLASS_SETTER;
    next(p);
  }
  bool computed;
  AstNode *key = parse_property_key(p, &computed, true);
  if (!key || p->failed) return;
  bool is_private = key->kind == AST_PRIVATE_NAME;
  if (is_private && key->u.ident.name == p->s_private_constructor) {
    error_at(p, key->pos, "Classes may not have a private field named '#constructor'");
    return;
  }
  bool named_constructor = !computed && !is_private && key_is(key, false, p->s_constructor);
  bool named_prototype = !computed && !is_private && key_is(key, false, p->s_prototype);
  if (at(p, TOKEN_LPAREN)) {
    if (named_constructor && !is_static) {
      if (kind != AST_CLASS_METHOD || is_async || is_generator) {
        error_at(p, key->pos, "Class constructor may not be a%s",
                 kind == AST_CLASS_GETTER ? "n accessor" : kind == AST_CLASS_SETTER ? " setter"
                 : is_async ? "n async method" : " generator");
        return;
      }
      if (cp->has_constructor) {
        error_at(p, key->pos, "A class may only have one constructor");
        return;
      }
      cp->has_constructor = true;
      AstNode *ctor = parse_function(p, start, AST_FUNCTION,
                                     c->heritage ? AST_FUNC_DERIVED_CONSTRUCTOR
                                                 : AST_FUNC_CLASS_CONSTRUCTOR,
                                     false, false, c->name, false);
      if (ctor) ctor->u.function.home_class = c;
      c->constructor = ctor;
      return;
    }
    if (is_static && named_prototype) {
      error_at(p, key->pos, "Classes may not have a static property named 'prototype'");
      return;
    }
    AstFunctionKind fkind = kind == AST_CLASS_GETTER ? AST_FUNC_GETTER
                            : kind == AST_CLASS_SETTER ? AST_FUNC_SETTER : AST_FUNC_METHOD;
    AstNode *fn = parse_method(p, start, fkind, is_async, is_generator, key, computed);
    AstClassMember *m = member_push(p, &cp->members);
    if (!m) return;
    *m = (AstClassMember){kind, is_static, computed, is_private, key, fn, NULL};
    if (is_private) m->private_var = declare_private(p, key->u.ident.name, kind, is_static, key->pos);
    return;
  }
  /* A field. */
  if (is_async || is_generator || kind != AST_CLASS_METHOD) { error_unexpected(p); return; }
  if (named_constructor || (is_static && named_prototype)) {
    error_at(p, key->pos, named_constructor ? "Classes may not have a field named 'constructor'"
                                            : "Classes may not have a static property named 'prototype'");
    return;
  }
  AstClassMember *m = member_push(p, &cp->members);
  if (!m) return;
  int index = cp->members.count - 1;
  *m = (AstClassMember){AST_CLASS_FIELD, is_static, computed, is_private, key, NULL, NULL};
  if (is_private)
    m->private_var = declare_private(p, key->u.ident.name, AST_CLASS_FIELD, is_static, key->pos);
  if (accept(p, TOKEN_ASSIGN)) {
    AstNode *value = parse_field_initializer(p, cp, is_static);
    cp->members.items[index].value = value;
  }
  add_field_init(p, cp, is_static, index);
  consume_semicolon(p);
}

/* AllPrivateIdentifiersValid (ES2025 15.7.1): names used in the class body must be declared
 * by it or an enclosing class (or be visible to the eval). */
static void check_private_refs(Parser *p, ClassState *cs) {
  for (PrivateRef *r = cs->refs; r && !p->failed; r = r->next) {
    if (decl_lookup(p, cs->scope, r->name, false)) continue;
    if (cs->outer) {
      PrivateRef *copy = zone_alloc(p->zone, sizeof(PrivateRef));
      *copy = *r;
      copy->next = cs->outer->refs;
      cs->outer->refs = copy;
      continue;
    }
    bool found = false;
    for (int i = 0; i < p->info->outer_private_name_count && !found; i++)
      found = strcmp(p->info->outer_private_names[i], r->name->data) == 0;
    if (!found)
      error_at(p, r->pos, "Private field '%s' must be declared in an enclosing class", r->name->data);
  }
}

static AstNode *parse_class(Parser *p, bool is_declaration, bool name_optional) {
  int32_t start = p->tok.pos;
  if (!enter(p)) return NULL;
  next(p);  /* class */
  bool saved_strict = p->strict;
  p->strict = true;
  AstNode *node = node_new(p, is_declaration ? AST_CLASS_DECL : AST_CLASS, start);
  AstClass *c = &node->u.class_lit;
  c->start = start;
  int32_t name_pos = p->tok.pos;
  if (at(p, TOKEN_IDENTIFIER)) {
    c->name = parse_identifier_name_checked(p, true);
    if (c->name && is_declaration)
      c->decl_var = declare_lexical(p, p->scope, c->name, VAR_MODE_CLASS, name_pos, 0);
  } else if (!name_optional) {
    error_unexpected(p);
  }
  AstScope *scope = scope_new(p, SCOPE_CLASS);
  scope->is_strict = true;
  scope_enter(p, scope);
  c->scope = scope;
  if (c->name) {
    c->name_var = variable_new(p, scope, c->name, VAR_MODE_CLASS_INNER, name_pos);
  }
  ClassParse cp;
  memset(&cp, 0, sizeof cp);
  cp.node = node;
  /* The heritage sees the outer private environment (ES2025 15.7.14 step 8). */
  if (accept(p, TOKEN_EXTENDS)) {
    c->heritage = parse_lhs(p);
    if (c->heritage && is_bare_arrow(c->heritage)) error_unexpected(p);
  }
  ClassState cs = {p->cls, scope, NULL};
  p->cls = &cs;
  bool allow_in = p->allow_in;
  p->allow_in = true;
  if (expect(p, TOKEN_LBRACE)) {
    while (!at(p, TOKEN_RBRACE) && !at(p, TOKEN_EOS) && !p->failed) {
      if (accept(p, TOKEN_SEMICOLON)) continue;
      parse_class_member(p, &cp);
    }
    expect(p, TOKEN_RBRACE);
  }
  p->allow_in = allow_in;
  c->end = p->prev_end;
  c->members = cp.members.items;
  c->member_count = cp.members.count;
  if (!c->constructor && !p->failed) {
    AstNode *ctor = class_synthetic_function(
        p, c, c->heritage ? AST_FUNC_DERIVED_CONSTRUCTOR : AST_FUNC_CLASS_CONSTRUCTOR);
    ctor->u.function.is_default_constructor = true;
    ctor->u.function.name = c->name;
    ctor->u.function.end = c->end;
    ctor->u.function.scope->start = c->start;
    ctor->u.function.scope->end = c->end;
    c->constructor = ctor;
  }
  if (c->instance_fields_init) c->instance_fields_init->u.function.end = c->end;
  if (c->static_init) c->static_init->u.function.end = c->end;
  check_private_refs(p, &cs);
  p->cls = cs.outer;
  scope_leave(p, scope);
  p->strict = saved_strict;
  leave(p);
  return node;
}

/* ---- Binding patterns ------------------------------------------------------------------- */

static void declare_binding(Parser *p, AstNode *id, int decl_kind) {
  const AstString *name = id->u.ident.name;
  switch (decl_kind) {
    case BIND_VAR: declare_var(p, name, id->pos, 0); break;
    case BIND_LET: declare_lexical(p, p->scope, name, VAR_MODE_LET, id->pos, 0); break;
    case BIND_CONST: declare_lexical(p, p->scope, name, VAR_MODE_CONST, id->pos, 0); break;
    case BIND_PARAM: declare_param(p, name, id->pos); break;
    case BIND_CATCH: declare_lexical(p, p->scope, name, VAR_MODE_CATCH, id->pos, 0); break;
    default: break;
  }
}

static AstNode *parse_binding_element(Parser *p, int decl_kind) {
  AstNode *target = parse_binding_target(p, decl_kind);
  if (!target || !at(p, TOKEN_ASSIGN)) return target;
  AstNode *assign = node_new(p, AST_ASSIGN_PATTERN, p->tok.pos);
  next(p);
  assign->u.assign.target = target;
  bool allow_in = p->allow_in;
  p->allow_in = true;
  assign->u.assign.value = parse_assignment(p, false);
  p->allow_in = allow_in;
  return assign;
}

static AstNode *parse_array_binding(Parser *p, int decl_kind) {
  AstNode *n = node_new(p, AST_ARRAY_PATTERN, p->tok.pos);
  next(p);
  while (!at(p, TOKEN_RBRACK) && !p->failed) {
    if (accept(p, TOKEN_COMMA)) { list_push(p, &n->u.array.elements, NULL); continue; }
    if (at(p, TOKEN_ELLIPSIS)) {
      AstNode *rest = node_new(p, AST_REST_ELEMENT, p->tok.pos);
      next(p);
      rest->u.unary.operand = parse_binding_target(p, decl_kind);
      list_push(p, &n->u.array.elements, rest);
      if (!at(p, TOKEN_RBRACK)) error_at(p, p->tok.pos, "Rest element must be last element");
      break;
    }
    list_push(p, &n->u.array.elements, parse_binding_element(p, decl_kind));
    if (!at(p, TOKEN_RBRACK) && !expect(p, TOKEN_COMMA)) break;
  }
  expect(p, TOKEN_RBRACK);
  return n;
}

static AstNode *parse_object_binding(Parser *p, int decl_kind) {
  AstNode *n = node_new(p, AST_OBJECT_PATTERN, p->tok.pos);
  next(p);
  PropertyVec props = {0};
  while (!at(p, TOKEN_RBRACE) && !p->failed) {
    AstProperty *prop = property_push(p, &props);
    if (!prop) break;
    if (at(p, TOKEN_ELLIPSIS)) {
      next(p);
      prop->kind = AST_PROP_SPREAD;
      if (!at(p, TOKEN_IDENTIFIER)) { error_unexpected(p); break; }
      prop->value = parse_binding_target(p, decl_kind);
      if (!at(p, TOKEN_RBRACE)) error_at(p, p->tok.pos, "Rest element must be last element");
      break;
    }
    Token key_tok = p->tok;
    bool computed;
    AstNode *key = parse_property_key(p, &computed, false);
    if (!key) break;
    prop->key = key;
    prop->computed = computed;
    if (accept(p, TOKEN_COLON)) {
      prop->value = parse_binding_element(p, decl_kind);
    } else {
      if (key_tok.type != TOKEN_IDENTIFIER) {
        if (key_tok.type == TOKEN_ESCAPED_KEYWORD) error_at(p, key_tok.pos, "Keyword must not contain escaped characters");
        else error_at(p, key_tok.pos, "Unexpected token '%s'", token_text(key_tok.type));
        break;
      }
      if (!check_identifier(p, key_tok.value, key_tok.pos, true)) break;
      prop->shorthand = true;
      AstNode *id = identifier_new(p, key_tok.value, key_tok.pos);
      declare_binding(p, id, decl_kind);
      if (at(p, TOKEN_ASSIGN)) {
        AstNode *assign = node_new(p, AST_ASSIGN_PATTERN, p->tok.pos);
        next(p);
        assign->u.assign.target = id;
        bool allow_in = p->allow_in;
        p->allow_in = true;
        assign->u.assign.value = parse_assignment(p, false);
        p->allow_in = allow_in;
        id = assign;
      }
      prop->value = id;
    }
    if (!at(p, TOKEN_RBRACE) && !expect(p, TOKEN_COMMA)) break;
  }
  expect(p, TOKEN_RBRACE);
  n->u.object.properties = props.items;
  n->u.object.count = props.count;
  return n;
}

/* BindingIdentifier or BindingPattern (ES2025 14.3.3); declares the names per decl_kind. */
static AstNode *parse_binding_target(Parser *p, int decl_kind) {
  if (!enter(p)) return NULL;
  AstNode *n = NULL;
  if (at(p, TOKEN_LBRACK)) {
    n = parse_array_binding(p, decl_kind);
  } else if (at(p, TOKEN_LBRACE)) {
    n = parse_object_binding(p, decl_kind);
  } else {
    int32_t pos = p->tok.pos;
    const AstString *name = parse_identifier_name_checked(p, true);
    if (name) {
      n = identifier_new(p, name, pos);
      declare_binding(p, n, decl_kind);
    }
  }
  leave(p);
  return n;
}

/* ---- Declarations ----------------------------------------------------------------------- */

/* var/let/const declarations; in_for: the head of a for statement (no initializer
 * required, `in` not an operator). */
static AstNode *parse_variable_declarations(Parser *p, AstDeclKind kind, bool in_for) {
  AstNode *n = node_new(p, AST_VAR_DECL, p->tok.pos);
  if (kind == AST_AWAIT_USING) {
    if (p->fs->func == NULL) p->module_awaits = true;
    next(p);  /* await */
  }
  next(p);  /* var / let / const / using */
  bool is_using = kind == AST_USING || kind == AST_AWAIT_USING;
  int bind = kind == AST_VAR ? BIND_VAR : kind == AST_LET ? BIND_LET : BIND_CONST;
  int capacity = 0;
  AstVarDecl *d = &n->u.var_decl;
  d->kind = kind;
  do {
    if (d->count == capacity) {
      capacity = capacity ? capacity * 2 : 2;
      AstDeclarator *items = zone_alloc(p->zone, sizeof(AstDeclarator) * (size_t)capacity);
      if (!items) return n;
      if (d->count) memcpy(items, d->declarators, sizeof(AstDeclarator) * (size_t)d->count);
      d->declarators = items;
    }
    AstDeclarator *decl = &d->declarators[d->count++];
    decl->init = NULL;
    if (is_using && (at(p, TOKEN_LBRACK) || at(p, TOKEN_LBRACE))) {
      /* ES2026 14.3.1: a using declaration binds identifiers only. */
      error_at(p, p->tok.pos, "using declarations may not contain binding patterns");
      break;
    }
    decl->target = parse_binding_target(p, bind);
    if (!decl->target) break;
    if (accept(p, TOKEN_ASSIGN)) {
      decl->init = parse_assignment(p, false);
    } else if (!in_for) {
      if (kind != AST_VAR && kind != AST_LET) {
        error_at(p, p->tok.pos, "Missing initializer in %s declaration",
                 kind == AST_CONST ? "const" : "using");
        break;
      }
      if (decl->target->kind != AST_IDENTIFIER) {
        error_at(p, p->tok.pos, "Missing initializer in destructuring declaration");
        break;
      }
    }
  } while (accept(p, TOKEN_COMMA) && !p->failed);
  return n;
}

/* Whether the current token starts a UsingDeclaration (ES2026 14.3.1): `using` [no
 * LineTerminator here] BindingIdentifier. in_for: a for head, where `using of` starts the
 * left-hand side `using` of a for-of unless a declaration's `=`, `;` or `,` follows. */
static bool at_using_declaration(Parser *p, bool in_for) {
  if (!at_contextual(p, p->s_using)) return false;
  Token *t = peek(p);
  if (t->newline_before) return false;
  if (t->type != TOKEN_IDENTIFIER && t->type != TOKEN_ESCAPED_KEYWORD) return false;
  if (in_for && t->type == TOKEN_IDENTIFIER && t->value == p->s_of && !t->escaped) {
    TokenType after = peek2(p);
    return after == TOKEN_ASSIGN || after == TOKEN_SEMICOLON || after == TOKEN_COMMA;
  }
  return true;
}

/* `await` [no LineTerminator here] `using` [no LineTerminator here] BindingIdentifier,
 * where await is an operator (AwaitUsingDeclaration, ES2026 14.3.1). */
static bool at_await_using_declaration(Parser *p) {
  if (!p->in_async || p->in_params || !at_contextual(p, p->s_await)) return false;
  Token *t = peek(p);
  if (t->newline_before || t->type != TOKEN_IDENTIFIER || t->value != p->s_using || t->escaped)
    return false;
  Token t2 = peek2_token(p);
  return !t2.newline_before && (t2.type == TOKEN_IDENTIFIER || t2.type == TOKEN_ESCAPED_KEYWORD);
}

/* A using / await using declaration as a StatementListItem: not directly in a script's
 * top level (nor eval code's) nor a case clause (ES2026 14.3.1.1, 14.12.1). */
static AstNode *parse_using_declaration(Parser *p, AstDeclKind kind) {
  if (!p->info->is_module && !p->fs->func && p->scope == p->fs->var_scope) {
    error_at(p, p->tok.pos, "using declarations are not allowed at the top level of a script");
    return NULL;
  }
  if (p->scope == p->case_scope) {
    error_at(p, p->tok.pos, "using declarations are not allowed directly in a case clause");
    return NULL;
  }
  AstNode *n = parse_variable_declarations(p, kind, false);
  if (!p->failed) consume_semicolon(p);
  return n;
}

/* Whether `let` at the current token starts a LexicalDeclaration (ES2025 14.3.1, 14.7.5:
 * let followed by an identifier, [ or {). */
static bool at_let_declaration(Parser *p) {
  if (!at_contextual(p, p->s_let)) return false;
  Token *t = peek(p);
  if (t->type == TOKEN_LBRACK || t->type == TOKEN_LBRACE) return true;
  if (t->type == TOKEN_IDENTIFIER) return true;
  /* `let yield`, `let await` and keywords used as names are errors reported later. */
  return t->type == TOKEN_ESCAPED_KEYWORD;
}

static void annexb_record(Parser *p, AstNode *decl) {
  AnnexB *a = zone_alloc(p->zone, sizeof(AnnexB));
  a->decl = decl;
  a->block = p->scope;
  a->next = p->fs->annexb;
  p->fs->annexb = a;
}

/* Annex B.3.2.1/2/3: a sloppy block function also gets a var binding in the var scope if
 * that causes no conflict with a lexical binding on the way (or a parameter name). */
static void apply_annexb(Parser *p, FunctionState *fs) {
  for (AnnexB *a = fs->annexb; a && !p->failed; a = a->next) {
    AstFunction *fn = &a->decl->u.function;
    const AstString *name = fn->name;
    /* B.3.2.1 step 22.a.ii in function code: never a var named "arguments". */
    if (fs->func && name->byte_length == 9 && memcmp(name->data, "arguments", 9) == 0)
      continue;
    bool conflict = false;
    for (AstScope *s = a->block->outer; s; s = s->outer) {
      DeclEntry *e = decl_lookup(p, s, name, false);
      if (e && (e->flags & DECL_LEXICAL) && !(e->flags & DECL_CATCH_SIMPLE)) conflict = true;
      if (e && s == fs->var_scope && (e->flags & (DECL_PARAM | DECL_PARAM_SHADOW))) conflict = true;
      if (conflict || s == fs->var_scope) break;
    }
    if (conflict) continue;
    DeclEntry *e = decl_lookup(p, fs->var_scope, name, true);
    if (!e) return;
    e->flags |= DECL_VAR;
    if (!e->var) e->var = variable_new(p, fs->var_scope, name, VAR_MODE_VAR, a->decl->pos);
    fn->is_annexb_hoisted = true;
    fn->annexb_var = e->var;
  }
  fs->annexb = NULL;
}

/* FunctionDeclaration / GeneratorDeclaration / AsyncFunctionDeclaration. */
static AstNode *parse_function_declaration(Parser *p, bool in_block, bool name_optional) {
  int32_t start = p->tok.pos;
  bool is_async = false;
  if (at_contextual(p, p->s_async)) { is_async = true; next(p); }
  next(p);  /* function */
  bool is_generator = accept(p, TOKEN_MUL);
  const AstString *name = NULL;
  int32_t name_pos = p->tok.pos;
  if (!(name_optional && at(p, TOKEN_LPAREN))) {
    name = parse_identifier_name_checked(p, true);
    if (!name) return NULL;
  }
  AstVariable *var = NULL;
  if (name) {
    bool module_top = p->info->is_module && p->scope == p->fs->var_scope && !p->fs->func;
    if (in_block || module_top) {
      unsigned flags = DECL_FUNCTION;
      if (!p->strict && !is_async && !is_generator) flags |= DECL_SLOPPY_FUNCTION;
      var = declare_lexical(p, p->scope, name, VAR_MODE_LET, name_pos, flags);
    } else {
      var = declare_var(p, name, name_pos, DECL_FUNCTION);
    }
  }
  AstNode *n = parse_function(p, start, AST_FUNCTION_DECL, AST_FUNC_NORMAL, is_async,
                              is_generator, name, false);
  if (!n) return NULL;
  n->u.function.decl_var = var;
  finish_function(p, n, name ? name_pos : -1);
  if (in_block && !p->strict && !is_async && !is_generator && name) annexb_record(p, n);
  return n;
}

/* ---- Statements ------------------------------------------------------------------------- */

/* Statements in a { } block (current token `{`), with a new block scope. */
static AstNode *parse_block(Parser *p, AstScope *scope) {
  AstNode *n = node_new(p, AST_BLOCK, p->tok.pos);
  if (!expect(p, TOKEN_LBRACE)) return n;
  if (!scope) scope = scope_new(p, SCOPE_BLOCK);
  scope_enter(p, scope);
  while (!at(p, TOKEN_RBRACE) && !at(p, TOKEN_EOS) && !p->failed) {
    AstNode *stmt = parse_statement_list_item(p);
    if (stmt) list_push(p, &n->u.block.body, stmt);
  }
  expect(p, TOKEN_RBRACE);
  scope_leave(p, scope);
  n->u.block.scope = scope->variables ? scope : NULL;
  return n;
}

/* The body of if/while/for/with/labelled statements: a Statement, not a declaration. */
static AstNode *parse_substatement(Parser *p) {
  p->in_statement_list = false;
  switch (p->tok.type) {
    case TOKEN_CLASS: case TOKEN_CONST:
      error_at(p, p->tok.pos, "Lexical declaration cannot appear in a single-statement context");
      return NULL;
    case TOKEN_FUNCTION:
      error_at(p, p->tok.pos, p->strict ? "In strict mode code, functions can only be declared at top level or inside a block."
                                        : "In non-strict mode code, functions can only be declared at top level, inside a block, or as the body of an if statement.");
      return NULL;
    default:
      break;
  }
  if (at_contextual(p, p->s_let) && peek(p)->type == TOKEN_LBRACK) {
    error_at(p, p->tok.pos, "Lexical declaration cannot appear in a single-statement context");
    return NULL;
  }
  return parse_statement(p);
}

static AstNode *parse_if_body(Parser *p) {
  /* Annex B.3.3: `if (x) function f() {}` in sloppy code, as if in a block. */
  if (at(p, TOKEN_FUNCTION) && !p->strict) {
    AstNode *block = node_new(p, AST_BLOCK, p->tok.pos);
    AstScope *scope = scope_new(p, SCOPE_BLOCK);
    scope_enter(p, scope);
    int32_t pos = p->tok.pos;
    AstNode *fn = parse_function_declaration(p, true, false);
    if (fn && (fn->u.function.is_generator || fn->u.function.is_async))
      error_at(p, pos, "Generators can only be declared at the top level or inside a block.");
    list_push(p, &block->u.block.body, fn);
    scope_leave(p, scope);
    block->u.block.scope = scope;
    return block;
  }
  return parse_substatement(p);
}

static AstNode *parse_if(Parser *p) {
  /* else-if chains are iterative: each alternate if is linked in a loop. */
  AstNode *first = NULL, *last = NULL;
  do {
    AstNode *n = node_new(p, AST_IF, p->tok.pos);
    next(p);  /* if */
    expect(p, TOKEN_LPAREN);
    n->u.if_stmt.test = parse_expression(p);
    expect(p, TOKEN_RPAREN);
    n->u.if_stmt.consequent = parse_if_body(p);
    if (last) last->u.if_stmt.alternate = n;
    else first = n;
    last = n;
    if (!accept(p, TOKEN_ELSE)) break;
    if (!at(p, TOKEN_IF)) {
      n->u.if_stmt.alternate = parse_if_body(p);
      break;
    }
  } while (!p->failed);
  return first;
}

static AstNode *parse_loop_body(Parser *p) {
  p->fs->loop_depth++;
  p->fs->breakable_depth++;
  AstNode *body = parse_substatement(p);
  p->fs->loop_depth--;
  p->fs->breakable_depth--;
  return body;
}

static AstNode *parse_while(Parser *p) {
  AstNode *n = node_new(p, AST_WHILE, p->tok.pos);
  next(p);
  expect(p, TOKEN_LPAREN);
  n->u.while_stmt.test = parse_expression(p);
  expect(p, TOKEN_RPAREN);
  n->u.while_stmt.body = parse_loop_body(p);
  return n;
}

static AstNode *parse_do_while(Parser *p) {
  AstNode *n = node_new(p, AST_DO_WHILE, p->tok.pos);
  next(p);
  n->u.while_stmt.body = parse_loop_body(p);
  expect(p, TOKEN_WHILE);
  expect(p, TOKEN_LPAREN);
  n->u.while_stmt.test = parse_expression(p);
  expect(p, TOKEN_RPAREN);
  accept(p, TOKEN_SEMICOLON);  /* ES2025 12.10.1: a ; is inserted after do-while's ) */
  return n;
}

/* The left side of for-in/of given as an expression: a pattern or a simple target. */
static AstNode *for_each_target(Parser *p, AstNode *e) {
  if ((e->kind == AST_OBJECT_LITERAL || e->kind == AST_ARRAY_LITERAL) && !e->parenthesized)
    return to_target(p, e, false);
  if (!check_simple_or_call_target(p, e, false)) return NULL;
  return e;
}

static AstNode *parse_for(Parser *p) {
  int32_t pos = p->tok.pos;
  next(p);  /* for */
  bool is_await = false;
  if (at_await_expression(p)) {
    if (p->in_params) { error_unexpected(p); return NULL; }
    is_await = true;
    if (p->fs->func == NULL) p->module_awaits = true;
    next(p);
  }
  if (!expect(p, TOKEN_LPAREN)) return NULL;
  AstScope *scope = NULL;
  AstNode *init = NULL;
  bool init_is_decl = false, init_is_expr = false;
  bool allow_in = p->allow_in;
  p->allow_in = false;
  Token init_tok = p->tok;
  if (at(p, TOKEN_VAR)) {
    init = parse_variable_declarations(p, AST_VAR, true);
    init_is_decl = true;
  } else if (at(p, TOKEN_CONST) || at_let_declaration(p) || at_using_declaration(p, true) ||
             at_await_using_declaration(p)) {
    AstDeclKind kind = at(p, TOKEN_CONST) ? AST_CONST
                       : at_contextual(p, p->s_let) ? AST_LET
                       : at_contextual(p, p->s_using) ? AST_USING : AST_AWAIT_USING;
    scope = scope_new(p, SCOPE_BLOCK);
    scope_enter(p, scope);
    init = parse_variable_declarations(p, kind, true);
    init_is_decl = true;
  } else if (!at(p, TOKEN_SEMICOLON)) {
    init = parse_assignment(p, true);
    if (init && at(p, TOKEN_COMMA)) {
      AstNode *seq = node_new(p, AST_SEQUENCE, init->pos);
      list_push(p, &seq->u.sequence.expressions, init);
      check_cover(p, init);
      while (accept(p, TOKEN_COMMA) && !p->failed)
        list_push(p, &seq->u.sequence.expressions, parse_assignment(p, false));
      init = seq;
    }
    init_is_expr = true;
  }
  p->allow_in = allow_in;
  if (p->failed) return NULL;
  bool is_of = at_contextual(p, p->s_of);
  if (at(p, TOKEN_IN) || is_of) {
    AstNode *n = node_new(p, is_of ? AST_FOR_OF : AST_FOR_IN, pos);
    if (!is_of && is_await) { error_unexpected(p); return NULL; }
    if (init_is_decl) {
      AstVarDecl *d = &init->u.var_decl;
      if (!is_of && (d->kind == AST_USING || d->kind == AST_AWAIT_USING)) {
        error_at(p, init->pos, "for-in loop variable may not be a using declaration");
        return NULL;
      }
      if (d->count != 1) {
        error_at(p, init->pos, "Invalid left-hand side in %s loop: Must have a single binding.", is_of ? "for-of" : "for-in");
        return NULL;
      }
      if (d->declarators[0].init) {
        /* Annex B.3.5: for (var x = 1 in o) in sloppy code, simple binding only. */
        bool ok = !is_of && !p->strict && d->kind == AST_VAR &&
                  d->declarators[0].target->kind == AST_IDENTIFIER;
        if (!ok) {
          error_at(p, init->pos, "%s loop variable declaration may not have an initializer.", is_of ? "for-of" : "for-in");
          return NULL;
        }
      }
    } else if (init_is_expr) {
      if (is_of && init_tok.type == TOKEN_IDENTIFIER && !init_tok.escaped &&
          init->kind == AST_IDENTIFIER && !init->parenthesized &&
          (init->u.ident.name == p->s_let || (init->u.ident.name == p->s_async && !is_await))) {
        error_at(p, init->pos, "The left-hand side of a for-of loop may not be '%s'.", init->u.ident.name->data);
        return NULL;
      }
      if (init_tok.type == TOKEN_IDENTIFIER && init_tok.value == p->s_let && !init_tok.escaped &&
          is_of) {
        error_at(p, init->pos, "The left-hand side of a for-of loop may not start with 'let'.");
        return NULL;
      }
      init = for_each_target(p, init);
      if (!init) return NULL;
    } else {
      error_unexpected(p);
      return NULL;
    }
    next(p);  /* in / of */
    n->u.for_each.left = init;
    n->u.for_each.is_await = is_await;
    p->allow_in = true;
    n->u.for_each.right = is_of ? parse_assignment(p, false) : parse_expression(p);
    p->allow_in = allow_in;
    expect(p, TOKEN_RPAREN);
    n->u.for_each.body = parse_loop_body(p);
    if (scope) {
      scope_leave(p, scope);
      n->u.for_each.scope = scope;
    }
    return n;
  }
  if (is_await) { error_unexpected(p); return NULL; }
  if (init_is_expr) check_cover(p, init);
  if (init_is_decl) {
    AstVarDecl *d = &init->u.var_decl;
    for (int i = 0; i < d->count; i++) {
      if (d->declarators[i].init) continue;
      if (d->kind != AST_VAR && d->kind != AST_LET) {
        error_at(p, d->declarators[i].target->pos, "Missing initializer in %s declaration",
                 d->kind == AST_CONST ? "const" : "using");
        return NULL;
      }
      if (d->declarators[i].target->kind != AST_IDENTIFIER) {
        error_at(p, d->declarators[i].target->pos, "Missing initializer in destructuring declaration");
        return NULL;
      }
    }
  }
  AstNode *n = node_new(p, AST_FOR, pos);
  n->u.for_stmt.init = init;
  expect(p, TOKEN_SEMICOLON);
  if (!at(p, TOKEN_SEMICOLON)) n->u.for_stmt.test = parse_expression(p);
  expect(p, TOKEN_SEMICOLON);
  if (!at(p, TOKEN_RPAREN)) n->u.for_stmt.update = parse_expression(p);
  expect(p, TOKEN_RPAREN);
  n->u.for_stmt.body = parse_loop_body(p);
  if (scope) {
    scope_leave(p, scope);
    n->u.for_stmt.scope = scope;
  }
  return n;
}

static Label *find_label(Parser *p, const AstString *name) {
  for (Label *l = p->fs->labels; l; l = l->outer)
    if (l->name == name) return l;
  return NULL;
}

static AstNode *parse_jump(Parser *p, bool is_break) {
  AstNode *n = node_new(p, is_break ? AST_BREAK : AST_CONTINUE, p->tok.pos);
  next(p);
  if (at(p, TOKEN_IDENTIFIER) && !p->tok.newline_before) {
    int32_t pos = p->tok.pos;
    const AstString *label = parse_identifier_name_checked(p, false);
    if (!label) return NULL;
    Label *l = find_label(p, label);
    if (!l || (!is_break && !l->is_loop)) {
      error_at(p, pos, is_break ? "Undefined label '%s'" : "Illegal continue statement: '%s' does not denote an iteration statement",
               label->data);
      return NULL;
    }
    n->u.jump.label = label;
  } else if (is_break ? p->fs->breakable_depth == 0 : p->fs->loop_depth == 0) {
    error_at(p, n->pos, is_break ? "Illegal break statement" : "Illegal continue statement: no surrounding iteration statement");
    return NULL;
  }
  consume_semicolon(p);
  return n;
}

static AstNode *parse_return(Parser *p) {
  AstNode *n = node_new(p, AST_RETURN, p->tok.pos);
  if (!p->fs->func || !p->fs->allow_return) {
    error_at(p, n->pos, "Illegal return statement");
    return NULL;
  }
  next(p);
  if (!at(p, TOKEN_SEMICOLON) && !at(p, TOKEN_RBRACE) && !at(p, TOKEN_EOS) &&
      !p->tok.newline_before)
    n->u.unary.operand = parse_expression(p);
  consume_semicolon(p);
  return n;
}

static AstNode *parse_with(Parser *p) {
  AstNode *n = node_new(p, AST_WITH, p->tok.pos);
  if (p->strict) {
    error_at(p, n->pos, "Strict mode code may not include a with statement");
    return NULL;
  }
  next(p);
  expect(p, TOKEN_LPAREN);
  n->u.with_stmt.object = parse_expression(p);
  expect(p, TOKEN_RPAREN);
  AstScope *scope = scope_new(p, SCOPE_WITH);
  scope_enter(p, scope);
  n->u.with_stmt.body = parse_substatement(p);
  scope_leave(p, scope);
  n->u.with_stmt.scope = scope;
  return n;
}

static AstNode *parse_switch(Parser *p) {
  AstNode *n = node_new(p, AST_SWITCH, p->tok.pos);
  next(p);
  expect(p, TOKEN_LPAREN);
  n->u.switch_stmt.discriminant = parse_expression(p);
  expect(p, TOKEN_RPAREN);
  if (!expect(p, TOKEN_LBRACE)) return n;
  AstScope *scope = scope_new(p, SCOPE_BLOCK);
  scope_enter(p, scope);
  AstScope *outer_case_scope = p->case_scope;
  p->case_scope = scope;
  p->fs->breakable_depth++;
  int capacity = 0;
  bool has_default = false;
  AstSwitch *sw = &n->u.switch_stmt;
  while (!at(p, TOKEN_RBRACE) && !at(p, TOKEN_EOS) && !p->failed) {
    if (sw->case_count == capacity) {
      capacity = capacity ? capacity * 2 : 4;
      AstSwitchCase *cases = zone_alloc(p->zone, sizeof(AstSwitchCase) * (size_t)capacity);
      if (!cases) break;
      if (sw->case_count) memcpy(cases, sw->cases, sizeof(AstSwitchCase) * (size_t)sw->case_count);
      sw->cases = cases;
    }
    AstSwitchCase *c = &sw->cases[sw->case_count++];
    memset(c, 0, sizeof *c);
    if (accept(p, TOKEN_CASE)) {
      c->test = parse_expression(p);
    } else if (at(p, TOKEN_DEFAULT)) {
      if (has_default) {
        error_at(p, p->tok.pos, "More than one default clause in switch statement");
        break;
      }
      has_default = true;
      next(p);
    } else {
      error_unexpected(p);
      break;
    }
    expect(p, TOKEN_COLON);
    while (!at(p, TOKEN_CASE) && !at(p, TOKEN_DEFAULT) && !at(p, TOKEN_RBRACE) &&
           !at(p, TOKEN_EOS) && !p->failed) {
      AstNode *stmt = parse_statement_list_item(p);
      if (stmt) list_push(p, &c->body, stmt);
    }
  }
  p->fs->breakable_depth--;
  p->case_scope = outer_case_scope;
  expect(p, TOKEN_RBRACE);
  scope_leave(p, scope);
  sw->scope = scope->variables ? scope : NULL;
  return n;
}

static AstNode *parse_throw(Parser *p) {
  AstNode *n = node_new(p, AST_THROW, p->tok.pos);
  next(p);
  if (p->tok.newline_before) {
    error_at(p, p->tok.pos, "Illegal newline after throw");
    return NULL;
  }
  n->u.unary.operand = parse_expression(p);
  consume_semicolon(p);
  return n;
}

static void declare_shadow_catch(Parser *p, AstNode *id, void *data) {
  declare_shadow(p, (AstScope *)data, id->u.ident.name);
}

static AstNode *parse_try(Parser *p) {
  AstNode *n = node_new(p, AST_TRY, p->tok.pos);
  next(p);
  if (!at(p, TOKEN_LBRACE)) { error_unexpected(p); return NULL; }
  n->u.try_stmt.block = parse_block(p, NULL);
  if (accept(p, TOKEN_CATCH)) {
    AstScope *catch_scope = scope_new(p, SCOPE_CATCH);
    scope_enter(p, catch_scope);
    n->u.try_stmt.catch_scope = catch_scope;
    if (accept(p, TOKEN_LPAREN)) {
      AstNode *param = parse_binding_target(p, BIND_CATCH);
      n->u.try_stmt.param = param;
      if (param && param->kind == AST_IDENTIFIER) {
        DeclEntry *e = decl_lookup(p, catch_scope, param->u.ident.name, false);
        if (e) e->flags |= DECL_CATCH_SIMPLE;
      }
      expect(p, TOKEN_RPAREN);
    }
    if (!at(p, TOKEN_LBRACE)) { error_unexpected(p); return NULL; }
    AstScope *body_scope = scope_new(p, SCOPE_BLOCK);
    if (n->u.try_stmt.param)
      for_each_bound_name(p, n->u.try_stmt.param, declare_shadow_catch, body_scope);
    n->u.try_stmt.handler = parse_block(p, body_scope);
    scope_leave(p, catch_scope);
  }
  if (accept(p, TOKEN_FINALLY)) {
    if (!at(p, TOKEN_LBRACE)) { error_unexpected(p); return NULL; }
    n->u.try_stmt.finalizer = parse_block(p, NULL);
  }
  if (!n->u.try_stmt.handler && !n->u.try_stmt.finalizer) {
    error_at(p, p->tok.pos, "Missing catch or finally after try");
    return NULL;
  }
  return n;
}

/* LabelledStatement (ES2025 14.13): the current token is the label, followed by `:`. */
static AstNode *parse_labelled(Parser *p) {
  AstNode *n = node_new(p, AST_LABELED, p->tok.pos);
  const AstString *name = p->tok.value;
  if (!check_identifier(p, name, p->tok.pos, false)) return NULL;
  if (find_label(p, name)) {
    error_at(p, p->tok.pos, "Label '%s' has already been declared", name->data);
    return NULL;
  }
  next(p);
  next(p);  /* : */
  Label label = {name, false, p->fs->labels, n->pos, p->tok.pos};
  p->fs->labels = &label;
  /* Labels directly on a loop (possibly through other labels) may be continue targets. */
  if (at(p, TOKEN_FOR) || at(p, TOKEN_WHILE) || at(p, TOKEN_DO)) {
    for (Label *l = &label; l; l = l->outer) {
      l->is_loop = true;
      if (!l->outer || l->outer->body_pos != l->label_pos) break;
    }
  }
  n->u.labeled.label = name;
  bool fn_ok = p->in_statement_list;
  if (at(p, TOKEN_FUNCTION)) {
    /* Annex B.3.1: labelled function declarations in sloppy code. */
    if (p->strict || !fn_ok) {
      error_at(p, p->tok.pos, "In strict mode code, functions can only be declared at top level or inside a block.");
    } else {
      int32_t pos = p->tok.pos;
      n->u.labeled.body = parse_function_declaration(p, p->scope != p->fs->var_scope, false);
      if (n->u.labeled.body && (n->u.labeled.body->u.function.is_generator ||
                                n->u.labeled.body->u.function.is_async))
        error_at(p, pos, "Generators can only be declared at the top level or inside a block.");
    }
  } else if (at(p, TOKEN_IDENTIFIER) && peek(p)->type == TOKEN_COLON) {
    n->u.labeled.body = parse_statement(p);  /* another label: same context */
  } else {
    n->u.labeled.body = parse_substatement(p);
  }
  p->fs->labels = label.outer;
  return n;
}

static AstNode *parse_expression_statement(Parser *p) {
  AstNode *n = node_new(p, AST_EXPRESSION_STMT, p->tok.pos);
  n->u.unary.operand = parse_expression(p);
  if (!p->failed) consume_semicolon(p);
  return n;
}

static AstNode *parse_statement(Parser *p) {
  if (!enter(p)) return NULL;
  AstNode *n = NULL;
  int32_t pos = p->tok.pos;
  switch (p->tok.type) {
    case TOKEN_LBRACE: n = parse_block(p, NULL); break;
    case TOKEN_SEMICOLON: next(p); n = node_new(p, AST_EMPTY, pos); break;
    case TOKEN_VAR:
      n = parse_variable_declarations(p, AST_VAR, false);
      if (!p->failed) consume_semicolon(p);
      break;
    case TOKEN_IF: n = parse_if(p); break;
    case TOKEN_FOR: n = parse_for(p); break;
    case TOKEN_WHILE: n = parse_while(p); break;
    case TOKEN_DO: n = parse_do_while(p); break;
    case TOKEN_CONTINUE: n = parse_jump(p, false); break;
    case TOKEN_BREAK: n = parse_jump(p, true); break;
    case TOKEN_RETURN: n = parse_return(p); break;
    case TOKEN_WITH: n = parse_with(p); break;
    case TOKEN_SWITCH: n = parse_switch(p); break;
    case TOKEN_THROW: n = parse_throw(p); break;
    case TOKEN_TRY: n = parse_try(p); break;
    case TOKEN_DEBUGGER:
      next(p);
      consume_semicolon(p);
      n = node_new(p, AST_DEBUGGER, pos);
      break;
    case TOKEN_FUNCTION: case TOKEN_CLASS: case TOKEN_CONST:
      n = parse_substatement(p);  /* reports the error */
      break;
    case TOKEN_IDENTIFIER:
      if (peek(p)->type == TOKEN_COLON && !(p->in_generator && p->tok.value == p->s_yield) &&
          !(p->in_async && p->tok.value == p->s_await)) {
        n = parse_labelled(p);
        break;
      }
      if (at_contextual(p, p->s_async) && peek(p)->type == TOKEN_FUNCTION &&
          !peek(p)->newline_before) {
        error_at(p, pos, "Async functions can only be declared at the top level or inside a block.");
        break;
      }
      if (at_contextual(p, p->s_let) && peek(p)->type == TOKEN_LBRACK) {
        error_at(p, pos, "Lexical declaration cannot appear in a single-statement context");
        break;
      }
      n = parse_expression_statement(p);
      break;
    default:
      n = parse_expression_statement(p);
      break;
  }
  leave(p);
  return n;
}

static AstNode *parse_module_item(Parser *p);

/* StatementListItem: a Statement or a Declaration (ES2025 14). */
static AstNode *parse_statement_list_item(Parser *p) {
  bool in_block = p->scope != p->fs->var_scope;
  p->in_statement_list = true;
  switch (p->tok.type) {
    case TOKEN_FUNCTION:
      return parse_function_declaration(p, in_block, false);
    case TOKEN_CLASS:
      return parse_class(p, true, false);
    case TOKEN_CONST: {
      AstNode *n = parse_variable_declarations(p, AST_CONST, false);
      if (!p->failed) consume_semicolon(p);
      return n;
    }
    case TOKEN_IMPORT: {
      TokenType t = peek(p)->type;
      if (t == TOKEN_LPAREN || t == TOKEN_DOT) return parse_statement(p);
      if (!p->info->is_module || p->fs->func || p->scope != p->fs->var_scope) {
        error_at(p, p->tok.pos, "Cannot use import statement outside a module");
        return NULL;
      }
      return parse_module_item(p);
    }
    case TOKEN_EXPORT:
      if (!p->info->is_module || p->fs->func || p->scope != p->fs->var_scope) {
        error_unexpected(p);
        return NULL;
      }
      return parse_module_item(p);
    case TOKEN_IDENTIFIER:
      if (at_let_declaration(p)) {
        AstNode *n = parse_variable_declarations(p, AST_LET, false);
        if (!p->failed) consume_semicolon(p);
        return n;
      }
      if (at_using_declaration(p, false)) return parse_using_declaration(p, AST_USING);
      if (at_await_using_declaration(p)) return parse_using_declaration(p, AST_AWAIT_USING);
      if (at_contextual(p, p->s_async) && peek(p)->type == TOKEN_FUNCTION &&
          !peek(p)->newline_before)
        return parse_function_declaration(p, in_block, false);
      return parse_statement(p);
    default:
      return parse_statement(p);
  }
}

/* ---- Modules ---------------------------------------------------------------------------- */

static const AstScope kExportNames;   /* the declaration-table "scope" of exported names */
static const AstScope kLocalExports;  /* export { x }: x must be declared (checked at the end) */

typedef struct {
  AstModuleEntry *items;
  int count, capacity;
} EntryVec;

static void entry_push(Parser *p, EntryVec *v, const AstString *import_name,
                       const AstString *local_name) {
  if (v->count == v->capacity) {
    int capacity = v->capacity ? v->capacity * 2 : 4;
    AstModuleEntry *items = zone_alloc(p->zone, sizeof(AstModuleEntry) * (size_t)capacity);
    if (!items) return;
    if (v->count) memcpy(items, v->items, sizeof(AstModuleEntry) * (size_t)v->count);
    v->items = items;
    v->capacity = capacity;
  }
  v->items[v->count++] = (AstModuleEntry){import_name, local_name};
}

static void add_export_name(Parser *p, const AstString *name, int32_t pos) {
  DeclEntry *e = decl_lookup(p, &kExportNames, name, true);
  if (!e) return;
  if (e->flags) { error_at(p, pos, "Duplicate export of '%s'", name->data); return; }
  e->flags = DECL_LEXICAL;
}

static void export_bound_name(Parser *p, AstNode *id, void *data) {
  add_export_name(p, id->u.ident.name, id->pos);
}

/* ModuleExportName: an IdentifierName or a well-formed string literal. */
static const AstString *parse_module_export_name(Parser *p, bool *is_string) {
  *is_string = at(p, TOKEN_STRING);
  const AstString *name = NULL;
  if (*is_string) {
    name = p->tok.value;
    for (uint32_t i = 0; i + 1 < name->byte_length; i++) {
      if ((uint8_t)name->data[i] == 0xED && ((uint8_t)name->data[i + 1] & 0xE0) == 0xA0) {
        error_at(p, p->tok.pos, "Invalid module export name: contains unpaired surrogate");
        return NULL;
      }
    }
  } else if (at(p, TOKEN_IDENTIFIER) || at(p, TOKEN_ESCAPED_KEYWORD)) {
    name = p->tok.value;
  } else if (token_is_keyword(p->tok.type)) {
    name = scanner_intern(&p->scanner, token_text(p->tok.type), strlen(token_text(p->tok.type)));
  } else {
    error_unexpected(p);
    return NULL;
  }
  next(p);
  return name;
}

/* Import attributes: `with { type: "json" }` (ES2025 16.2.2); keys must be unique. */
static void parse_with_clause(Parser *p, AstModuleDecl *m) {
  if (!at(p, TOKEN_WITH)) return;
  next(p);
  expect(p, TOKEN_LBRACE);
  const AstString *keys[16];
  int key_count = 0;
  while (!at(p, TOKEN_RBRACE) && !p->failed) {
    int32_t pos = p->tok.pos;
    bool is_string;
    const AstString *key = parse_module_export_name(p, &is_string);
    if (!key) return;
    for (int i = 0; i < key_count; i++)
      if (keys[i] == key) { error_at(p, pos, "Import attribute has duplicate key '%s'", key->data); return; }
    if (key_count < 16) keys[key_count++] = key;
    expect(p, TOKEN_COLON);
    if (!at(p, TOKEN_STRING)) { error_unexpected(p); return; }
    if (key->byte_length == 4 && memcmp(key->data, "type", 4) == 0) m->attr_type = p->tok.value;
    else if (!m->attr_unsupported_key) m->attr_unsupported_key = key;
    next(p);
    if (!at(p, TOKEN_RBRACE)) expect(p, TOKEN_COMMA);
  }
  expect(p, TOKEN_RBRACE);
}

static void parse_from_clause(Parser *p, AstModuleDecl *m) {
  if (!at_contextual(p, p->s_from)) { error_unexpected(p); return; }
  next(p);
  if (!at(p, TOKEN_STRING)) { error_unexpected(p); return; }
  m->specifier = p->tok.value;
  next(p);
  parse_with_clause(p, m);
}

static void declare_import(Parser *p, const AstString *name, int32_t pos) {
  declare_lexical(p, p->scope, name, VAR_MODE_CONST, pos, 0);
}

static AstNode *parse_import_declaration(Parser *p) {
  AstNode *n = node_new(p, AST_IMPORT_DECL, p->tok.pos);
  AstModuleDecl *m = &n->u.module_decl;
  next(p);  /* import */
  EntryVec entries = {0};
  if (at(p, TOKEN_STRING)) {
    m->specifier = p->tok.value;
    next(p);
    parse_with_clause(p, m);
    consume_semicolon(p);
    return n;
  }
  bool need_more = true;
  if (at_contextual(p, p->s_source) && peek(p)->type == TOKEN_IDENTIFIER &&
      peek(p)->value != p->s_from) {
    /* import source x from "m" (source phase imports): a binding of the module source */
    next(p);
    m->phase = AST_PHASE_SOURCE;
    int32_t pos = p->tok.pos;
    const AstString *local = parse_identifier_name_checked(p, true);
    if (!local) return NULL;
    declare_import(p, local, pos);
    entry_push(p, &entries, NULL, local);
    need_more = false;
  } else if (at_contextual(p, p->s_defer) && peek(p)->type == TOKEN_MUL) {
    next(p);  /* import defer * as ns from "m": a deferred namespace */
    m->phase = AST_PHASE_DEFER;
  } else if (at(p, TOKEN_IDENTIFIER)) {
    int32_t pos = p->tok.pos;
    const AstString *local = parse_identifier_name_checked(p, true);
    if (!local) return NULL;
    declare_import(p, local, pos);
    entry_push(p, &entries, p->s_default, local);
    need_more = accept(p, TOKEN_COMMA);
  }
  if (need_more) {
    if (accept(p, TOKEN_MUL)) {
      if (!at_contextual(p, p->s_as)) { error_unexpected(p); return NULL; }
      next(p);
      int32_t pos = p->tok.pos;
      const AstString *local = parse_identifier_name_checked(p, true);
      if (!local) return NULL;
      declare_import(p, local, pos);
      entry_push(p, &entries, NULL, local);
      m->is_star = true;
    } else if (accept(p, TOKEN_LBRACE)) {
      while (!at(p, TOKEN_RBRACE) && !p->failed) {
        Token t = p->tok;
        bool is_string;
        const AstString *imported = parse_module_export_name(p, &is_string);
        if (!imported) return NULL;
        const AstString *local = imported;
        int32_t pos = t.pos;
        if (at_contextual(p, p->s_as)) {
          next(p);
          pos = p->tok.pos;
          local = parse_identifier_name_checked(p, true);
          if (!local) return NULL;
        } else if (is_string || t.type != TOKEN_IDENTIFIER) {
          error_at(p, t.pos, "Unexpected token");
          return NULL;
        } else if (!check_identifier(p, local, t.pos, true)) {
          return NULL;
        }
        declare_import(p, local, pos);
        entry_push(p, &entries, imported, local);
        if (!at(p, TOKEN_RBRACE)) expect(p, TOKEN_COMMA);
      }
      expect(p, TOKEN_RBRACE);
    } else {
      error_unexpected(p);
      return NULL;
    }
  }
  parse_from_clause(p, m);
  consume_semicolon(p);
  m->entries = entries.items;
  m->entry_count = entries.count;
  return n;
}

static AstNode *parse_export_default(Parser *p, AstNode *n) {
  AstModuleDecl *m = &n->u.module_decl;
  m->is_default = true;
  add_export_name(p, p->s_default, p->tok.pos);
  next(p);  /* default */
  int32_t pos = p->tok.pos;
  if (at(p, TOKEN_FUNCTION) ||
      (at_contextual(p, p->s_async) && peek(p)->type == TOKEN_FUNCTION && !peek(p)->newline_before)) {
    AstNode *fn = parse_function_declaration(p, false, true);
    if (fn && !fn->u.function.name) {
      fn->u.function.name = p->s_default;
      fn->u.function.decl_var = declare_lexical(p, p->scope, p->s_star_default, VAR_MODE_LET, pos, 0);
    }
    m->declaration = fn;
    return n;
  }
  if (at(p, TOKEN_CLASS)) {
    AstNode *cls = parse_class(p, true, true);
    if (cls && !cls->u.class_lit.name)
      cls->u.class_lit.decl_var = declare_lexical(p, p->scope, p->s_star_default, VAR_MODE_CLASS, pos, 0);
    m->declaration = cls;
    return n;
  }
  bool allow_in = p->allow_in;
  p->allow_in = true;
  m->declaration = parse_assignment(p, false);
  p->allow_in = allow_in;
  declare_lexical(p, p->scope, p->s_star_default, VAR_MODE_CONST, pos, 0);
  consume_semicolon(p);
  return n;
}

static AstNode *parse_export_declaration(Parser *p) {
  AstNode *n = node_new(p, AST_EXPORT_DECL, p->tok.pos);
  AstModuleDecl *m = &n->u.module_decl;
  next(p);  /* export */
  if (at(p, TOKEN_DEFAULT)) return parse_export_default(p, n);
  EntryVec entries = {0};
  if (accept(p, TOKEN_MUL)) {
    m->is_star = true;
    if (at_contextual(p, p->s_as)) {
      next(p);
      int32_t pos = p->tok.pos;
      bool is_string;
      const AstString *exported = parse_module_export_name(p, &is_string);
      if (!exported) return NULL;
      add_export_name(p, exported, pos);
      entry_push(p, &entries, NULL, exported);
    }
    parse_from_clause(p, m);
    consume_semicolon(p);
  } else if (accept(p, TOKEN_LBRACE)) {
    typedef struct { const AstString *name; int32_t pos; bool bad; } Local;
    Local locals_buf[16];
    Local *locals = locals_buf;
    int local_count = 0, local_capacity = 16;
    while (!at(p, TOKEN_RBRACE) && !p->failed) {
      Token t = p->tok;
      bool is_string;
      const AstString *local = parse_module_export_name(p, &is_string);
      if (!local) return NULL;
      const AstString *exported = local;
      int32_t pos = t.pos;
      if (at_contextual(p, p->s_as)) {
        next(p);
        pos = p->tok.pos;
        bool s2;
        exported = parse_module_export_name(p, &s2);
        if (!exported) return NULL;
      }
      add_export_name(p, exported, pos);
      entry_push(p, &entries, local, exported);
      if (local_count == local_capacity) {
        Local *grown = zone_alloc(p->zone, sizeof(Local) * (size_t)local_capacity * 2);
        if (!grown) return NULL;
        memcpy(grown, locals, sizeof(Local) * (size_t)local_count);
        locals = grown;
        local_capacity *= 2;
      }
      locals[local_count++] = (Local){local, t.pos, is_string || t.type != TOKEN_IDENTIFIER ||
                                                        is_strict_reserved(p, local) ||
                                                        local == p->s_await};
      if (!at(p, TOKEN_RBRACE)) expect(p, TOKEN_COMMA);
    }
    expect(p, TOKEN_RBRACE);
    if (at_contextual(p, p->s_from)) {
      parse_from_clause(p, m);
    } else {
      for (int i = 0; i < local_count && !p->failed; i++) {
        if (locals[i].bad) { error_at(p, locals[i].pos, "Unexpected reserved word"); break; }
        DeclEntry *e = decl_lookup(p, &kLocalExports, locals[i].name, true);
        if (e && !e->flags) { e->flags = DECL_LEXICAL; e->var = (AstVariable *)(intptr_t)(locals[i].pos + 1); }
      }
    }
    consume_semicolon(p);
  } else if (at(p, TOKEN_VAR) || at(p, TOKEN_CONST) || at_let_declaration(p) ||
             at(p, TOKEN_FUNCTION) || at(p, TOKEN_CLASS) ||
             (at_contextual(p, p->s_async) && peek(p)->type == TOKEN_FUNCTION)) {
    AstNode *decl = parse_statement_list_item(p);
    m->declaration = decl;
    if (!decl) return NULL;
    if (decl->kind == AST_VAR_DECL) {
      for (int i = 0; i < decl->u.var_decl.count; i++)
        for_each_bound_name(p, decl->u.var_decl.declarators[i].target, export_bound_name, NULL);
    } else if (decl->kind == AST_FUNCTION_DECL && decl->u.function.name) {
      add_export_name(p, decl->u.function.name, decl->pos);
    } else if (decl->kind == AST_CLASS_DECL && decl->u.class_lit.name) {
      add_export_name(p, decl->u.class_lit.name, decl->pos);
    }
  } else {
    error_unexpected(p);
    return NULL;
  }
  m->entries = entries.items;
  m->entry_count = entries.count;
  return n;
}

static AstNode *parse_module_item(Parser *p) {
  return at(p, TOKEN_IMPORT) ? parse_import_declaration(p) : parse_export_declaration(p);
}

/* ES2025 16.2.1.1: every `export { x }` names a declared binding. */
static void check_local_exports(Parser *p, AstScope *module_scope) {
  for (uint32_t i = 0; i < p->decl_capacity && !p->failed; i++) {
    DeclEntry *e = &p->decls[i];
    if (e->scope != &kLocalExports) continue;
    DeclEntry *d = decl_lookup(p, module_scope, e->name, false);
    if (!d || !(d->flags & (DECL_LEXICAL | DECL_VAR)))
      error_at(p, (int32_t)(intptr_t)e->var - 1, "Export '%s' is not defined in module", e->name->data);
  }
}

/* ---- Entry points ----------------------------------------------------------------------- */

static void parser_init_names(Parser *p) {
#define N(field, text) p->field = scanner_intern(&p->scanner, text, sizeof(text) - 1);
  N(s_let, "let") N(s_static, "static") N(s_yield, "yield") N(s_await, "await")
  N(s_async, "async") N(s_of, "of") N(s_get, "get") N(s_set, "set") N(s_target, "target")
  N(s_meta, "meta") N(s_from, "from") N(s_as, "as") N(s_eval, "eval")
  N(s_arguments, "arguments") N(s_constructor, "constructor") N(s_proto, "__proto__")
  N(s_prototype, "prototype") N(s_default, "default")
  N(s_implements, "implements") N(s_interface, "interface") N(s_package, "package")
  N(s_private, "private") N(s_protected, "protected") N(s_public, "public")
  N(s_private_constructor, "#constructor") N(s_star_default, "*default*")
  N(s_using, "using") N(s_source, "source") N(s_defer, "defer")
#undef N
}

static bool parser_setup(Parser *p, Zone *zone, ParseInfo *info) {
  memset(p, 0, sizeof *p);
  p->zone = zone;
  p->info = info;
  memset(&info->error, 0, sizeof info->error);
  info->program = NULL;
  p->allow_in = true;
  if (!scanner_init(&p->scanner, zone, info->source, info->length, info->is_module)) {
    range_error_at(p, 0, "out of memory");
    return false;
  }
  parser_init_names(p);
  return true;
}

static void parser_teardown(Parser *p) {
  scanner_free(&p->scanner);
  free(p->idents);
  free(p->decls);
}

/* Script, Module or eval code: the whole of p's source. */
static AstNode *parse_program(Parser *p) {
  ParseInfo *info = p->info;
  AstNode *n = node_new(p, AST_PROGRAM, 0);
  p->strict = info->is_strict || info->is_module;
  AstScope *scope = scope_new(p, info->is_module ? SCOPE_MODULE
                                 : info->is_eval ? SCOPE_EVAL : SCOPE_SCRIPT);
  scope->start = 0;
  scope_enter(p, scope);
  FunctionState fs;
  memset(&fs, 0, sizeof fs);
  fs.dup_param_pos = -1;
  fs.var_scope = scope;
  fs.allow_super_property = info->allow_super_property;
  fs.allow_super_call = info->allow_super_call;
  fs.allow_new_target = info->allow_new_target;
  fs.allow_arguments = !info->in_class_field_initializer;
  p->fs = &fs;
  p->in_async = info->is_module;
  p->await_reserved = info->is_module;
  p->in_field_init = info->in_class_field_initializer;
  n->u.program.scope = scope;
  n->u.program.is_module = info->is_module;
  next(p);
  parse_body_statements(p, &n->u.program.body, NULL, scope, TOKEN_EOS);
  if (!p->failed && !at(p, TOKEN_EOS)) error_unexpected(p);
  if (!p->failed) apply_annexb(p, &fs);
  if (!p->failed && info->is_module) check_local_exports(p, scope);
  n->u.program.is_strict = p->strict;
  n->u.program.has_top_level_await = info->is_module && p->module_awaits;
  scope->is_strict = p->strict;
  scope_leave(p, scope);
  scope->end = (int)info->length;
  p->fs = NULL;
  return n;
}

bool parser_parse(Zone *zone, ParseInfo *info) {
  Parser p;
  if (!parser_setup(&p, zone, info)) { parser_teardown(&p); return false; }
  AstNode *program = parse_program(&p);
  if (!p.failed && (zone->failed || p.scanner.out_of_memory))
    range_error_at(&p, 0, "out of memory");
  info->function_count = p.function_id;
  parser_teardown(&p);
  if (p.failed) return false;
  info->program = program;
  return true;
}

/* Parses text alone as a check (ES2025 20.2.1.1.1 steps 17-19: parameters and body must each
 * be valid on their own), with the same info flags. */
static bool dynamic_check(Zone *zone, ParseInfo *info, const char *text, size_t length) {
  ParseInfo check = *info;
  check.source = text;
  check.length = length;
  if (parser_parse(zone, &check)) return true;
  info->error = check.error;
  return false;
}

bool parser_parse_dynamic_function(Zone *zone, ParseInfo *info, const char *params,
                                   size_t params_length, const char *body, size_t body_length,
                                   bool is_async, bool is_generator, AstNode **function_out) {
  *function_out = NULL;
  const char *prefix = is_async ? (is_generator ? "async function* anonymous("
                                                : "async function anonymous(")
                                : (is_generator ? "function* anonymous(" : "function anonymous(");
  /* Parameters alone: "(" params "\n) => {}" would accept arrow-only forms, so check them
   * inside a function head with an empty body; the body alone inside a function with no
   * parameters. */
  size_t prefix_length = strlen(prefix);
  const char *mid = "\n) {\n";
  const char *suffix = "\n}";
  size_t total = prefix_length + params_length + strlen(mid) + body_length + strlen(suffix);
  char *text = zone_alloc(zone, total + 1);
  if (!text) {
    info->error.kind = PARSE_ERROR_RANGE;
    snprintf(info->error.message, sizeof info->error.message, "out of memory");
    return false;
  }
  ParseInfo base = *info;
  base.is_module = false;
  base.is_eval = false;
  /* Parameters: "function anonymous(" params "\n) {\n}" must parse, and params must not
   * close the list early: checked by requiring the head to end exactly at our ")". */
  size_t n = 0;
  memcpy(text + n, prefix, prefix_length); n += prefix_length;
  memcpy(text + n, params, params_length); n += params_length;
  memcpy(text + n, "\n) {\n}", 6);
  size_t params_text_length = n + 6;
  text[params_text_length] = 0;
  char *params_text = zone_strndup(zone, text, params_text_length);
  if (!params_text) return false;
  if (!dynamic_check(zone, &base, params_text, params_text_length)) {
    info->error = base.error;
    return false;
  }
  /* Body: "function anonymous(\n) {\n" body "\n}". */
  size_t body_prefix = prefix_length + strlen(mid);
  char *body_text = zone_alloc(zone, body_prefix + body_length + strlen(suffix) + 1);
  if (!body_text) return false;
  memcpy(body_text, prefix, prefix_length);
  memcpy(body_text + prefix_length, mid, strlen(mid));
  memcpy(body_text + body_prefix, body, body_length);
  memcpy(body_text + body_prefix + body_length, suffix, strlen(suffix) + 1);
  if (!dynamic_check(zone, &base, body_text, body_prefix + body_length + strlen(suffix))) {
    info->error = base.error;
    return false;
  }
  /* The assembled source. */
  n = 0;
  memcpy(text + n, prefix, prefix_length); n += prefix_length;
  memcpy(text + n, params, params_length); n += params_length;
  memcpy(text + n, mid, strlen(mid)); n += strlen(mid);
  memcpy(text + n, body, body_length); n += body_length;
  memcpy(text + n, suffix, strlen(suffix)); n += strlen(suffix);
  text[n] = 0;
  info->source = text;
  info->length = n;
  info->is_module = false;
  info->is_eval = false;
  if (!parser_parse(zone, info)) return false;
  AstList *body_list = &info->program->u.program.body;
  if (body_list->length != 1 || body_list->items[0]->kind != AST_FUNCTION_DECL) {
    info->error.kind = PARSE_ERROR_SYNTAX;
    snprintf(info->error.message, sizeof info->error.message, "Unexpected token ')'");
    info->program = NULL;
    return false;
  }
  *function_out = body_list->items[0];
  return true;
}

void parser_line_column(const char *source, size_t length, int pos, int *line, int *column) {
  int l = 1, c = 1;
  const uint8_t *s = (const uint8_t *)source;
  size_t end = pos < 0 ? 0 : (size_t)pos > length ? length : (size_t)pos;
  size_t i = 0;
  while (i < end) {
    uint8_t b = s[i];
    if (b == '\n') { l++; c = 1; i++; continue; }
    if (b == '\r') {
      l++; c = 1; i++;
      if (i < end && s[i] == '\n') i++;
      continue;
    }
    if (b < 0x80) { c++; i++; continue; }
    size_t q = i;
    uint32_t cp = utf8_decode_next(s, length, &q);
    i = q;
    if (cp == 0x2028 || cp == 0x2029) { l++; c = 1; continue; }
    c += cp >= 0x10000 ? 2 : 1;
  }
  *line = l;
  *column = c;
}
