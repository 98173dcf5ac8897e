/*
 * ast.h: the abstract syntax tree the parser builds and the bytecode generator reads
 * (seed 004's pipeline: scanner -> parser -> AST -> bytecode).
 *
 * Memory: every node, list, string and scope lives in one Zone (parsing/zone.h), an arena
 * freed in one go after the bytecode is generated. Nothing here points into the JS heap, so
 * the collector may run while an AST exists.
 *
 * Shape: ESTree's, with V8's names where V8 has one. A node is an AstNode: a kind, a source
 * position and a union member chosen by the kind (AST_NODE_LIST says which). Lists are
 * AstList (a zone array of node pointers). Strings are AstStrings, interned per parse: two
 * identifiers with the same name have the same AstString pointer, so name comparison is a
 * pointer comparison.
 *
 * Scopes: the parser builds the scope tree as it goes (AstScope, below), declaring every
 * binding where the spec puts it (var hoisting to the function scope, let/const/class in
 * their block, parameters, catch parameters, function names, annex B block functions).
 * It checks the early errors about duplicates. The scope resolver (parsing/scopes.c) then
 * binds each AST_IDENTIFIER to its AstVariable and allocates every variable a location
 * (register, parameter, context slot, global, or dynamic lookup).
 */
#ifndef KILN_PARSING_AST_H_
#define KILN_PARSING_AST_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct AstNode AstNode;
typedef struct AstScope AstScope;
typedef struct AstVariable AstVariable;

/* ---- Strings ------------------------------------------------------------------------ */

/* A string literal's cooked value or an identifier's name, as WTF-8 (lone surrogates are
 * kept, encoded as 3-byte sequences) with its UTF-16 length. Interned per parse. */
typedef struct AstString {
  uint32_t hash;
  uint32_t byte_length;    /* bytes of WTF-8 in data */
  uint32_t utf16_length;   /* the JS string's length */
  bool is_array_index;     /* "0".."4294967294": an element key */
  uint32_t array_index;
  char data[];             /* NUL-terminated */
} AstString;

/* ---- Lists -------------------------------------------------------------------------- */

typedef struct AstList {
  int length;
  int capacity;
  AstNode **items;  /* an entry may be NULL where the grammar allows a hole: [a, , b] */
} AstList;

/* ---- Operators ---------------------------------------------------------------------- */

/* V(name, text, precedence) for the binary operators (precedence as in the grammar, higher
 * binds tighter; logical ones are AST_LOGICAL, not here). */
#define AST_BINARY_OP_LIST(V)    \
  V(ADD, "+", 12)                \
  V(SUB, "-", 12)                \
  V(MUL, "*", 13)                \
  V(DIV, "/", 13)                \
  V(MOD, "%", 13)                \
  V(EXP, "**", 14)               \
  V(SHL, "<<", 11)               \
  V(SAR, ">>", 11)               \
  V(SHR, ">>>", 11)              \
  V(BIT_AND, "&", 8)             \
  V(BIT_OR, "|", 6)              \
  V(BIT_XOR, "^", 7)             \
  V(EQ, "==", 9)                 \
  V(NE, "!=", 9)                 \
  V(EQ_STRICT, "===", 9)         \
  V(NE_STRICT, "!==", 9)         \
  V(LT, "<", 10)                 \
  V(GT, ">", 10)                 \
  V(LTE, "<=", 10)               \
  V(GTE, ">=", 10)               \
  V(INSTANCEOF, "instanceof", 10) \
  V(IN, "in", 10)

typedef enum {
#define V(name, text, prec) AST_OP_##name,
  AST_BINARY_OP_LIST(V)
#undef V
  kAstBinaryOpCount
} AstBinaryOp;

#define AST_UNARY_OP_LIST(V) \
  V(NEG, "-") V(PLUS, "+") V(NOT, "!") V(BIT_NOT, "~") V(TYPEOF, "typeof") \
  V(VOID, "void") V(DELETE, "delete")
typedef enum {
#define V(name, text) AST_UNARY_##name,
  AST_UNARY_OP_LIST(V)
#undef V
} AstUnaryOp;

typedef enum { AST_LOGICAL_AND, AST_LOGICAL_OR, AST_LOGICAL_NULLISH } AstLogicalOp;

/* Assignment: `=`, a compound `op=` (op is an AstBinaryOp) or a logical `&&=`, `||=`, `??=`. */
typedef enum { AST_ASSIGN_PLAIN, AST_ASSIGN_COMPOUND, AST_ASSIGN_LOGICAL } AstAssignKind;

/* ---- Node kinds --------------------------------------------------------------------- */

/* AST_NODE_LIST(V): V(KIND, union member) for every node kind. */
#define AST_EXPRESSION_LIST(V)                                                           \
  V(NUMBER_LITERAL, number)         /* 1.5, 0x10 */                                       \
  V(STRING_LITERAL, string)         /* "a" (also directives' text) */                     \
  V(BIGINT_LITERAL, bigint)         /* 10n (digits as written, radix) */                  \
  V(REGEXP_LITERAL, regexp)         /* /a+/g */                                           \
  V(TEMPLATE_LITERAL, template_lit) /* `a${b}c` */                                        \
  V(TAGGED_TEMPLATE, tagged_template) /* tag`a${b}` */                                    \
  V(NULL_LITERAL, none)                                                                  \
  V(TRUE_LITERAL, none)                                                                  \
  V(FALSE_LITERAL, none)                                                                 \
  V(IDENTIFIER, ident)              /* a reference or a binding name */                   \
  V(PRIVATE_NAME, ident)            /* #x: name includes the '#' (member key, `#x in o`) */ \
  V(THIS, none)                                                                          \
  V(SUPER_MEMBER, member)           /* super.x, super[x] (object field unused) */         \
  V(SUPER_CALL, call)               /* super(...) (callee unused) */                      \
  V(NEW_TARGET, none)                                                                    \
  V(IMPORT_META, none)                                                                   \
  V(IMPORT_CALL, import_call)       /* import(x) */                                       \
  V(ARRAY_LITERAL, array)           /* [a, , ...b] */                                     \
  V(OBJECT_LITERAL, object)         /* {a: 1, get b() {}, ...c} */                        \
  V(FUNCTION, function)             /* function expressions, arrows, methods */           \
  V(CLASS, class_lit)               /* class expressions */                               \
  V(UNARY, unary)                                                                        \
  V(UPDATE, update)                 /* ++x, x-- */                                        \
  V(BINARY, binary)                                                                      \
  V(LOGICAL, logical)                                                                    \
  V(ASSIGN, assign)                                                                      \
  V(CONDITIONAL, conditional)                                                            \
  V(CALL, call)                                                                          \
  V(NEW, call)                                                                           \
  V(MEMBER, member)                 /* a.b, a[b], a.#b, and their ?. forms */             \
  V(OPTIONAL_CHAIN, optional_chain) /* the boundary of a ?. chain's short-circuit */      \
  V(SEQUENCE, sequence)             /* a, b */                                            \
  V(SPREAD, unary)                  /* ...x in calls, arrays, objects */                  \
  V(YIELD, yield)                                                                        \
  V(AWAIT, unary)                                                                        \
  V(PAREN, unary)                   /* (x): kept only where it matters (see below) */     \
  /* Patterns (binding and assignment targets) */                                        \
  V(ARRAY_PATTERN, array)           /* [a, , b = 1, ...c] */                              \
  V(OBJECT_PATTERN, object)         /* {a, b: c, d = 1, ...e} */                          \
  V(ASSIGN_PATTERN, assign)         /* target = default, inside a pattern */              \
  V(REST_ELEMENT, unary)            /* ...target, last in a pattern or parameter list */

#define AST_STATEMENT_LIST(V)                                                            \
  V(PROGRAM, program)                                                                    \
  V(VAR_DECL, var_decl)             /* var/let/const a = 1, b */                          \
  V(FUNCTION_DECL, function)                                                             \
  V(CLASS_DECL, class_lit)                                                               \
  V(EXPRESSION_STMT, unary)                                                              \
  V(BLOCK, block)                                                                        \
  V(EMPTY, none)                                                                         \
  V(IF, if_stmt)                                                                         \
  V(FOR, for_stmt)                                                                       \
  V(FOR_IN, for_each)                                                                    \
  V(FOR_OF, for_each)               /* also for await (is_await) */                       \
  V(WHILE, while_stmt)                                                                   \
  V(DO_WHILE, while_stmt)                                                                \
  V(CONTINUE, jump)                                                                      \
  V(BREAK, jump)                                                                         \
  V(RETURN, unary)                  /* operand may be NULL */                             \
  V(WITH, with_stmt)                                                                     \
  V(SWITCH, switch_stmt)                                                                 \
  V(LABELED, labeled)                                                                    \
  V(THROW, unary)                                                                        \
  V(TRY, try_stmt)                                                                       \
  V(DEBUGGER, none)                                                                      \
  V(IMPORT_DECL, module_decl)                                                            \
  V(EXPORT_DECL, module_decl)                                                            \
  V(CLASS_FIELD_INIT, field_init)   /* in a FIELDS_INIT/STATIC_INIT body: see AstFieldInit */

#define AST_NODE_LIST(V) AST_EXPRESSION_LIST(V) AST_STATEMENT_LIST(V)

typedef enum {
#define V(kind, member) AST_##kind,
  AST_NODE_LIST(V)
#undef V
  kAstNodeKindCount
} AstNodeKind;

/* ---- Node payloads ------------------------------------------------------------------ */

typedef struct { double value; } AstNumber;
typedef struct { const AstString *value; } AstStringLit;
typedef struct { const AstString *digits; int radix; } AstBigInt;  /* digits without 0x, _ */
typedef struct { const AstString *pattern, *flags; } AstRegExp;   /* as written */

/* A template's i-th quasi: cooked is NULL when it has an invalid escape (allowed only in a
 * tagged template); raw is the source text with \r\n normalised to \n. */
typedef struct { const AstString *cooked, *raw; } AstTemplateQuasi;
typedef struct {
  int quasi_count;             /* expressions.length + 1 */
  AstTemplateQuasi *quasis;
  AstList expressions;
} AstTemplateLit;
typedef struct {
  AstNode *tag;
  AstNode *quasi;              /* an AST_TEMPLATE_LITERAL */
  int site_id;                 /* unique per parse: the cache key of the template object */
} AstTaggedTemplate;

typedef struct {
  const AstString *name;
  AstVariable *var;            /* set by the scope resolver; NULL = not yet, or a global */
  AstScope *scope;             /* the scope the reference appears in (set by the parser) */
} AstIdent;

/* import(x), import.source(x), import.defer(x): phase is an AstImportPhase. */
typedef enum { AST_PHASE_EVALUATION, AST_PHASE_SOURCE, AST_PHASE_DEFER } AstImportPhase;
typedef struct { AstNode *source, *options; int phase; } AstImportCall;

typedef struct { AstList elements; } AstArray;  /* items may be NULL (holes), AST_SPREAD */

/* Object literal and object pattern properties. */
typedef enum {
  AST_PROP_INIT,          /* key: value, and shorthand {a} (shorthand = true) */
  AST_PROP_METHOD,        /* m() {} (value is an AST_FUNCTION) */
  AST_PROP_GET,
  AST_PROP_SET,
  AST_PROP_SPREAD,        /* ...x (key NULL; value the operand); rest in patterns */
  AST_PROP_PROTO,         /* __proto__: v (non-computed, non-shorthand): sets the prototype */
} AstPropertyKind;
typedef struct {
  AstPropertyKind kind;
  bool computed;          /* [key]: value */
  bool shorthand;         /* {a} or {a = 1} in patterns (value then is the target) */
  AstNode *key;           /* IDENTIFIER (the name), STRING/NUMBER/BIGINT literal, or any
                             expression when computed */
  AstNode *value;
} AstProperty;
typedef struct {
  int count;
  AstProperty *properties;
} AstObject;

/* Functions. */
typedef enum {
  AST_FUNC_NORMAL,            /* function declarations and expressions */
  AST_FUNC_ARROW,
  AST_FUNC_METHOD,            /* object and class methods (have a home object) */
  AST_FUNC_GETTER,
  AST_FUNC_SETTER,
  AST_FUNC_CLASS_CONSTRUCTOR, /* base class constructor */
  AST_FUNC_DERIVED_CONSTRUCTOR,
  AST_FUNC_CLASS_FIELDS_INIT, /* the synthetic initializer of instance fields */
  AST_FUNC_CLASS_STATIC_INIT, /* static fields and static blocks, run once */
} AstFunctionKind;

typedef struct AstFunction {
  AstFunctionKind kind;
  bool is_async, is_generator;
  bool is_strict;              /* strict code (inherited, "use strict", class or module) */
  bool has_simple_params;      /* no defaults, rest or patterns */
  bool is_expression_body;     /* arrow with an expression body: body has one RETURN */
  bool is_named_expression;    /* function f() {} as an expression: f binds in its own scope */
  bool uses_arguments, uses_this, uses_super_property, uses_new_target, calls_eval;
  const AstString *name;       /* NULL when anonymous (the generator may infer one) */
  AstList params;              /* patterns: IDENTIFIER, ASSIGN_PATTERN, REST_ELEMENT, ... */
  int length;                  /* the function's "length": params before the first default/rest */
  AstList body;                /* statements */
  AstScope *scope;             /* the function scope (parameters and vars) */
  AstScope *body_scope;        /* the lexical scope of the body when parameters are not
                                  simple (a separate var scope, ES2025 10.2.11 step 28):
                                  a SCOPE_BLOCK with is_declaration_scope set, holding the
                                  body's vars and lexical declarations; else == scope */
  AstVariable *name_var;       /* is_named_expression: its self binding. It is not in
                                  scope->variables: a parameter or var of the same name
                                  shadows it; the resolver looks at it after the function
                                  scope's own variables (as V8's function_var) */
  int start, end;              /* source range, for Function.prototype.toString */
  int function_id;             /* unique per parse (0..ParseInfo.function_count-1), in the
                                  order functions start; an arrow gets its id at `=>` (after
                                  functions in its parameters), synthesized class functions
                                  when the class body needs them */
  struct AstClass *home_class; /* constructors and field initializers: their class */
  /* Added by the parser owner: */
  bool is_default_constructor; /* synthesized `constructor() {}` / derived
                                  `constructor(...args) { super(...args) }`: body is empty;
                                  the generator emits the super call forwarding the
                                  arguments directly (no %Array.prototype%[@@iterator]) */
  bool has_use_strict_directive; /* the body's prologue has "use strict" */
  bool uses_super_call;        /* super(...) appears (also inside arrows) */
  /* Annex B.3.2 (sloppy block-level function): this FUNCTION_DECL in a block also has a
   * var binding annexb_var in the enclosing function/script/eval var scope; when the
   * declaration is evaluated, the generator copies the block binding's value to it. */
  bool is_annexb_hoisted;
  AstVariable *annexb_var;
  AstVariable *decl_var;       /* FUNCTION_DECL: the binding it initializes (block lexical
                                  or var/function-level) */
} AstFunction;

/* Classes. */
typedef enum {
  AST_CLASS_METHOD, AST_CLASS_GETTER, AST_CLASS_SETTER,
  AST_CLASS_FIELD,          /* x = v; (value may be NULL) */
  AST_CLASS_STATIC_BLOCK,   /* static { } (value is an AST_FUNCTION of kind STATIC_INIT) */
  AST_CLASS_ACCESSOR,       /* accessor x = v; (decorators proposal; optional) */
} AstClassMemberKind;
typedef struct {
  AstClassMemberKind kind;
  bool is_static, computed, is_private;
  AstNode *key;             /* IDENTIFIER, literal, PRIVATE_NAME, or an expression */
  AstNode *value;           /* AST_FUNCTION for methods/accessors; field initializer expr */
  AstVariable *private_var; /* private members: the class scope's binding of #name */
} AstClassMember;
typedef struct AstClass {
  const AstString *name;    /* NULL when anonymous */
  AstVariable *name_var;    /* the inner, immutable binding of the name (class scope) */
  AstNode *heritage;        /* extends expression, or NULL */
  AstNode *constructor;     /* an AST_FUNCTION (synthesized by the parser when absent) */
  int member_count;
  AstClassMember *members;
  AstScope *scope;          /* the class scope: name binding and private names */
  AstNode *instance_fields_init; /* AST_FUNCTION CLASS_FIELDS_INIT, or NULL */
  AstNode *static_init;     /* AST_FUNCTION CLASS_STATIC_INIT, or NULL */
  int start, end;
  AstVariable *decl_var;    /* CLASS_DECL: the outer (let-like) binding of the name */
} AstClass;

/* One step of a class's field initialization, in source order: the statements of the
 * CLASS_FIELDS_INIT function (instance fields) and of the class's CLASS_STATIC_INIT
 * function (static fields and static blocks). members[member_index] says what to do:
 *   AST_CLASS_FIELD: define the field on `this` (the instance, or the constructor for
 *     static ones) with the value of member.value evaluated in this init function (or
 *     undefined when NULL). Its key: member.private_var for #x; for a computed key the
 *     value the class definition computed for this member (computed keys of methods and
 *     fields are evaluated once, in member order, when the class is defined: the generator
 *     keeps each field's key, e.g. in a context slot per member_index); else member.key.
 *   AST_CLASS_STATIC_BLOCK: call member.value (a CLASS_STATIC_INIT function with its own
 *     var scope) with `this` = the constructor.
 * Private methods/accessors are not listed: they are installed on the instance before the
 * fields (ES2025 7.3.34 InitializeInstanceElements step 1-2). */
typedef struct { struct AstClass *cls; int member_index; } AstFieldInit;

typedef struct { AstUnaryOp op; AstNode *operand; } AstUnary;  /* also one-operand kinds */
typedef struct { bool is_increment, is_prefix; AstNode *target; } AstUpdate;
typedef struct { AstBinaryOp op; AstNode *left, *right; } AstBinary;
typedef struct { AstLogicalOp op; AstNode *left, *right; } AstLogical;
typedef struct {
  AstAssignKind kind;
  int op;                   /* AstBinaryOp for COMPOUND, AstLogicalOp for LOGICAL */
  AstNode *target;          /* IDENTIFIER, MEMBER, SUPER_MEMBER, or a pattern for PLAIN */
  AstNode *value;
} AstAssign;
typedef struct { AstNode *test, *consequent, *alternate; } AstConditional;
typedef struct {
  AstNode *callee;
  AstList arguments;        /* may contain AST_SPREAD */
  bool optional;            /* f?.() */
  bool is_possibly_direct_eval; /* callee is the identifier `eval`, not optional */
  int native_id;            /* %Name(args): 1 + the RuntimeFunctionId (callee is the name,
                               a STRING_LITERAL); 0 for every other call */
} AstCall;
typedef struct {
  AstNode *object;
  AstNode *property;        /* IDENTIFIER (a.b), PRIVATE_NAME (a.#b) or an expression */
  bool computed;            /* a[b] */
  bool optional;            /* a?.b (this link starts the short-circuit) */
} AstMember;
typedef struct { AstNode *expression; } AstOptionalChain;
typedef struct { AstList expressions; } AstSequence;
typedef struct { AstNode *argument; bool delegate; } AstYield;  /* argument may be NULL */

/* Statements. */
typedef struct {
  AstList body;
  AstScope *scope;          /* the script/module/eval scope */
  bool is_strict;
  bool is_module;
  bool has_top_level_await;   /* a module whose own body (not a function's) awaits: it is
                                 compiled as an async module (ES2025 16.2.1.6 [[HasTLA]]) */
} AstProgram;

typedef enum { AST_VAR, AST_LET, AST_CONST, AST_USING, AST_AWAIT_USING } AstDeclKind;
typedef struct {
  AstNode *target;          /* IDENTIFIER or pattern */
  AstNode *init;            /* may be NULL */
} AstDeclarator;
typedef struct {
  AstDeclKind kind;
  int count;
  AstDeclarator *declarators;
} AstVarDecl;

/* A block's scope is NULL when it declares nothing; the (empty) SCOPE_BLOCK still exists in
 * the scope tree, and identifiers inside point into it: resolve through ->outer. */
typedef struct { AstList body; AstScope *scope; /* NULL when it declares nothing */ } AstBlock;
typedef struct { AstNode *test, *consequent, *alternate; } AstIf;
typedef struct {
  AstNode *init;            /* VAR_DECL, an expression, or NULL */
  AstNode *test, *update;   /* may be NULL */
  AstNode *body;
  AstScope *scope;          /* for (let ...): the loop's scope, copied per iteration when
                               its bindings are captured (ES2025 14.7.4.4
                               CreatePerIterationEnvironment); else NULL */
} AstFor;
typedef struct {
  AstNode *left;            /* VAR_DECL with one declarator (no init, except annex B
                               `for (var x = 1 in o)`), or an assignment target */
  AstNode *right;
  AstNode *body;
  bool is_await;
  AstScope *scope;          /* for (let/const ...): the per-iteration scope; else NULL */
} AstForEach;
typedef struct { AstNode *test, *body; } AstWhile;
typedef struct { const AstString *label; } AstJump;  /* label may be NULL */
typedef struct { AstNode *object, *body; AstScope *scope; /* SCOPE_WITH */ } AstWith;
typedef struct { AstNode *test; AstList body; } AstSwitchCase;  /* test NULL = default */
typedef struct {
  AstNode *discriminant;
  int case_count;
  AstSwitchCase *cases;
  AstScope *scope;          /* the block scope of the case clauses, or NULL */
} AstSwitch;
typedef struct { const AstString *label; AstNode *body; } AstLabeled;
typedef struct {
  AstNode *block;           /* AST_BLOCK */
  AstNode *param;           /* catch (param): IDENTIFIER or pattern; NULL for `catch {` */
  AstNode *handler;         /* AST_BLOCK, or NULL */
  AstScope *catch_scope;    /* SCOPE_CATCH holding the parameter's bindings */
  AstNode *finalizer;       /* AST_BLOCK, or NULL */
} AstTry;

/* Modules (for the modules issue; the parser may leave these unparsed until then). */
/* IMPORT_DECL: import_name is the imported name ("default", a name, or NULL for `* as ns`)
 * and local_name the local binding. EXPORT_DECL `export { a as b }`: import_name is the
 * local binding a (or, with `from`, the imported name), local_name the exported name b;
 * `export * as ns from`: import_name NULL, local_name ns. `export default <expression>`
 * binds the module scope's "*default*" (const); an anonymous default function/class binds
 * "*default*" through its decl_var. */
typedef struct {
  const AstString *import_name;
  const AstString *local_name;
} AstModuleEntry;
typedef struct {
  const AstString *specifier;    /* from "x", or NULL */
  int entry_count;
  AstModuleEntry *entries;
  AstNode *declaration;          /* export var/function/class/default expression */
  bool is_default, is_star;
  /* Import attributes (`with { type: "json" }`): the value of the "type" key or NULL, and
   * the first key other than "type" (NULL when none): the host supports only "type". */
  const AstString *attr_type;
  const AstString *attr_unsupported_key;
  int phase;                     /* AstImportPhase: `import source x from`, `import defer * as
                                    ns from` (proposals; see docs/modules.md) */
} AstModuleDecl;

struct AstNode {
  AstNodeKind kind;
  int32_t pos;                   /* byte offset of the node's first token in the source */
  bool parenthesized;            /* written inside ( ): for early errors only; the parser
                                    never emits PAREN nodes (see below) */
  uint8_t cover_flags;           /* parser-private (cover grammar bookkeeping) */
  union {
    AstNumber number;
    AstStringLit string;
    AstBigInt bigint;
    AstRegExp regexp;
    AstTemplateLit template_lit;
    AstTaggedTemplate tagged_template;
    AstIdent ident;
    AstImportCall import_call;
    AstArray array;
    AstObject object;
    AstFunction function;
    AstClass class_lit;
    AstUnary unary;
    AstUpdate update;
    AstBinary binary;
    AstLogical logical;
    AstAssign assign;
    AstConditional conditional;
    AstCall call;
    AstMember member;
    AstOptionalChain optional_chain;
    AstSequence sequence;
    AstYield yield;
    AstProgram program;
    AstVarDecl var_decl;
    AstBlock block;
    AstIf if_stmt;
    AstFor for_stmt;
    AstForEach for_each;
    AstWhile while_stmt;
    AstJump jump;
    AstWith with_stmt;
    AstSwitch switch_stmt;
    AstLabeled labeled;
    AstTry try_stmt;
    AstModuleDecl module_decl;
    AstFieldInit field_init;
    char none;
  } u;
};

/* PAREN: the parser does not emit it: parentheses never change run-time meaning once the
 * early errors are checked (`(a.b)()` still passes a as this, `(function(){})` is still
 * named; the one case, `(a?.b).c`, is an OPTIONAL_CHAIN boundary). The parser records
 * them in AstNode.parenthesized. The generator should still treat PAREN as its operand. */

/* ---- Scopes and variables ----------------------------------------------------------- */

typedef enum {
  SCOPE_SCRIPT,    /* a classic script's top level: var/functions are global properties,
                      let/const/class live in the realm's script context */
  SCOPE_MODULE,
  SCOPE_EVAL,      /* an eval's top level: var scope is the caller's in sloppy eval */
  SCOPE_FUNCTION,  /* parameters and vars (also arrows) */
  SCOPE_BLOCK,     /* let/const/class/function-in-block; also for-let and switch */
  SCOPE_CATCH,
  SCOPE_CLASS,     /* the class name's inner binding and its private names */
  SCOPE_WITH,      /* `with (o)`: every name inside may resolve to a property of o */
} AstScopeKind;

typedef enum {
  VAR_MODE_VAR,         /* var, and sloppy function declarations at function level */
  VAR_MODE_LET,
  VAR_MODE_CONST,
  VAR_MODE_CLASS,       /* class declarations: like let */
  VAR_MODE_CLASS_INNER, /* a class's own name inside its body: immutable */
  VAR_MODE_FUNCTION_NAME, /* a named function expression's self binding: assignment is
                             silently ignored in sloppy mode, a TypeError in strict */
  VAR_MODE_PARAM,
  VAR_MODE_CATCH,
  VAR_MODE_PRIVATE_NAME, /* #x, #m(), get #a() ... in a class scope */
  VAR_MODE_ARGUMENTS,   /* the implicit `arguments` of a function scope */
  VAR_MODE_THIS,        /* a function's receiver when captured by arrows/eval */
  VAR_MODE_NEW_TARGET,
  VAR_MODE_HOME_OBJECT,
  VAR_MODE_DYNAMIC,     /* a name only found at run time (sloppy eval, with, globals) */
} AstVarMode;

/* Where the resolver put a variable. */
typedef enum {
  VAR_LOCATION_UNALLOCATED,
  VAR_LOCATION_PARAMETER,  /* index: the parameter's position */
  VAR_LOCATION_REGISTER,   /* index: a register of the function's frame */
  VAR_LOCATION_CONTEXT,    /* index: a slot of the scope's context */
  VAR_LOCATION_GLOBAL,     /* a property of the global object / script context lookup */
  VAR_LOCATION_LOOKUP,     /* a dynamic lookup by name (with, sloppy eval) */
  VAR_LOCATION_MODULE,     /* a module binding (later) */
} AstVarLocation;

struct AstVariable {
  const AstString *name;
  AstVarMode mode;
  AstScope *scope;
  AstVarLocation location;
  int index;
  bool is_used;             /* referenced anywhere */
  bool is_captured;         /* referenced from an inner function (needs a context slot) */
  bool maybe_assigned;
  bool needs_hole_check;    /* a TDZ check is needed at some reference (resolver) */
  bool is_private_static;   /* private names: static member */
  int private_kind;         /* private names: AstClassMemberKind of the member(s); a
                               getter+setter pair says AST_CLASS_GETTER with both flags */
  bool private_has_getter, private_has_setter; /* private accessors declared so far */
  int declaration_pos;      /* where it was declared (for error messages) */
  AstVariable *next;        /* the scope's declaration order */
};

struct AstScope {
  AstScopeKind kind;
  AstScope *outer;
  AstScope *first_inner, *next_sibling;  /* inner scopes in source order */
  AstScope *last_inner;
  AstVariable *variables, *last_variable; /* declared here, in declaration order */
  AstFunction *function;    /* the function this scope belongs to (NULL at top level) */
  bool is_strict;
  bool calls_sloppy_eval;   /* contains a direct eval in sloppy code: names inside may be
                               shadowed at run time, and vars may be added to the var scope */
  bool calls_eval;          /* any direct eval (strict too): everything visible must live in
                               contexts so the eval code can reach it */
  bool inner_calls_eval;    /* some inner scope calls eval */
  bool is_declaration_scope;/* a var scope: function, script, module, eval */
  /* Filled by the resolver: */
  bool needs_context;       /* this scope has a context at run time */
  int context_slot_count;   /* slots after the context header */
  int start, end;           /* source range */
};

/* ---- Construction helpers (parsing/ast.c) ------------------------------------------- */

struct Zone;
/* A new node of the given kind at pos, zeroed. Never NULL (zone exhaustion is reported by
 * the zone: see zone.h). */
AstNode *ast_node_new(struct Zone *zone, AstNodeKind kind, int32_t pos);
void ast_list_push(struct Zone *zone, AstList *list, AstNode *node);
/* "NUMBER_LITERAL" etc. */
const char *ast_node_kind_name(AstNodeKind kind);
const char *ast_binary_op_text(AstBinaryOp op);
/* Writes an S-expression dump of the tree to f (for tests and --print-ast). */
#include <stdio.h>
void ast_print(FILE *f, const AstNode *node);

#endif /* KILN_PARSING_AST_H_ */
