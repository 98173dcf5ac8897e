/*
 * bytecode-generator-internal.h: what the bytecode generator's files share (not an API).
 *
 * The generator turns one function literal (or a program's top level) into a BytecodeArray
 * and its SharedFunctionInfo; nested function literals are compiled eagerly, recursively,
 * when the outer function reaches them (their SFIs go into its constant pool).
 *
 * Files: bytecode-generator.c (functions, variables, contexts, control flow commands),
 * -statements.c, -expressions.c, -patterns.c (destructuring and assignment targets),
 * -classes.c.
 *
 * Registers: variables the resolver put in registers take 0..local_count-1; temporaries are
 * allocated above them in stack order (gen_reg_mark / gen_reg_release).
 *
 * Contexts: g->scope is the innermost scope entered at the current point of the code. A
 * scope with needs_context has its Context pushed for exactly the code inside it, so the
 * depth of a context variable is the number of needs_context scopes between g->scope and
 * the variable's scope. g->context_reg holds the register with the current context (or
 * kHandlerFunctionContext when it is the closure's), for exception handlers.
 */
#ifndef KILN_INTERPRETER_BYTECODE_GENERATOR_INTERNAL_H_
#define KILN_INTERPRETER_BYTECODE_GENERATOR_INTERNAL_H_

#include "interpreter/bytecode-array-builder.h"
#include "parsing/scopes.h"
#include "runtime/runtime-functions.h"

typedef struct CompileJob {
  Isolate *iso;
  Zone *zone;
  ScopeResolution res;
  Handle script;
  bool is_eval;            /* the program is eval code */
  bool is_direct_eval;
  bool failed;             /* an exception is pending */
} CompileJob;

typedef enum { CS_BREAKABLE, CS_CONTEXT, CS_TRY_FINALLY, CS_TRY_CATCH } ControlKind;
typedef enum { CMD_BREAK, CMD_CONTINUE, CMD_RETURN } CommandKind;

typedef struct FinallyCommand {
  CommandKind kind;
  struct ControlScope *target;
  int token;
} FinallyCommand;

typedef struct ControlScope {
  ControlKind kind;
  struct ControlScope *outer;
  /* CS_BREAKABLE */
  const AstString **labels;
  int label_count;
  bool is_loop, is_switch;
  int break_label, continue_label;
  int iterator_reg, done_reg;   /* for-of: the iterator to close on break/return (-1 none) */
  bool iterator_is_async;       /* for await: closing awaits return()'s result */
  /* CS_CONTEXT */
  int saved_context_reg;
  AstScope *prev_scope;
  int32_t prev_context_reg;
  /* CS_TRY_FINALLY */
  int token_reg, result_reg, finally_label;
  FinallyCommand commands[32];
  int command_count;
  /* CS_TRY_FINALLY of a scope with using declarations (bytecode-generator-using.c): its
   * DisposeCapability register, just below token_reg and result_reg */
  bool is_dispose;
  int dispose_reg;
} ControlScope;

/* The token a finally's token_reg holds: 0 fell through, -1 rethrow result_reg, else the
 * 1-based index of a FinallyCommand. */
enum { kTokenFallThrough = 0, kTokenRethrow = -1 };

typedef struct Gen {
  CompileJob *job;
  Isolate *iso;
  BytecodeArrayBuilder b;
  AstFunction *fn;             /* NULL for the program's top level */
  AstScope *closure_scope;
  AstScope *scope;             /* innermost entered scope */
  int32_t context_reg;
  int local_count;
  int reg_top, reg_max;
  ControlScope *control;
  int completion_reg;          /* script/eval completion value, or -1 */
  const AstString **pending_labels;
  int pending_label_count;
  int optional_chain_label;    /* where a ?. short-circuit jumps, or -1 */
  bool is_strict;
  /* Resumable functions (generators, async; bytecode-generator-generators.c): */
  int generator_reg;           /* the register holding the generator object, or -1 */
  int switch_index;            /* the instruction index of SwitchOnGeneratorState */
  int *resume_labels;          /* suspend id -> the label of its resume point (malloc'd) */
  int suspend_count, resume_capacity;
  int async_try_start;         /* async functions: the label starting the body's try */
  /* Proper tail calls (ES2025 15.10): the calls in tail position of the return being
   * generated (gen_tail_calls_begin), emitted as TailCall. */
  AstNode *tail_calls[8];
  int tail_call_count;
} Gen;

#define EMIT(g, ...) BAB_EMIT(&(g)->b, __VA_ARGS__)

/* Proper tail calls (bytecode-generator-statements.c): records the calls in tail position
 * of a returned expression (ES2025 15.10.2 HasCallInTailPosition) when the function and
 * the statements around allow them; gen_tail_calls_end forgets them. */
void gen_tail_calls_begin(Gen *g, AstNode *expr);
void gen_tail_calls_end(Gen *g);
bool gen_is_tail_call(Gen *g, AstNode *call);
#define SLOT(g) bab_feedback_slot(&(g)->b)

/* ---- bytecode-generator.c ------------------------------------------------------------ */

int gen_new_reg(Gen *g);
int gen_new_regs(Gen *g, int n);           /* n consecutive registers: the first */
KILN_INLINE int gen_reg_mark(Gen *g) { return g->reg_top; }
KILN_INLINE void gen_reg_release(Gen *g, int mark) { g->reg_top = mark; }
KILN_INLINE int gen_label(Gen *g) { return bab_new_label(&g->b); }
KILN_INLINE void gen_bind(Gen *g, int label) { bab_bind(&g->b, label); }
void gen_jump(Gen *g, Bytecode bc, int label);
void gen_fail(Gen *g, ErrorKind kind, const char *message);

int gen_name(Gen *g, const AstString *s);      /* constant pool index of a name */
int gen_cname(Gen *g, const char *s);
void gen_load_smi_or_number(Gen *g, double v);
void gen_load_cstring(Gen *g, const char *s);
/* acc = runtime function(args in regs first..first+n). */
void gen_call_runtime(Gen *g, RuntimeFunctionId id, int first, int n);
void gen_throw_type_error(Gen *g, const char *message);

/* Variables. */
typedef enum { STORE_ASSIGN, STORE_INIT } StoreMode;
void gen_load_var(Gen *g, AstVariable *v, const AstString *name, bool inside_typeof);
void gen_store_var(Gen *g, AstVariable *v, const AstString *name, StoreMode mode);
void gen_load_var_raw(Gen *g, AstVariable *v);      /* no TDZ check */
void gen_store_var_raw(Gen *g, AstVariable *v);
void gen_load_named_var(Gen *g, const char *name);  /* a synthetic binding by name */
void gen_store_named_var(Gen *g, const char *name);
void gen_load_this(Gen *g);
void gen_load_new_target(Gen *g);
void gen_load_home_object(Gen *g);
void gen_load_active_function(Gen *g);

/* Scopes. */
void gen_enter_scope(Gen *g, AstScope *scope, ControlScope *cs);
void gen_exit_scope(Gen *g, AstScope *scope, ControlScope *cs);
void gen_init_tdz(Gen *g, AstScope *scope);
int gen_scope_info_constant(Gen *g, AstScope *scope);
void gen_hoist_functions(Gen *g, AstList *body);
void gen_with_statement(Gen *g, AstNode *n);

/* Control flow. */
void gen_push_control(Gen *g, ControlScope *cs, ControlKind kind);
void gen_pop_control(Gen *g, ControlScope *cs);
void gen_command(Gen *g, CommandKind kind, ControlScope *target);
/* After a finally's body: the jumps its recorded commands continue with, then the rethrow
 * of token kTokenRethrow (bytecode-generator-statements.c). */
void gen_finally_dispatch(Gen *g, ControlScope *cs);
void gen_return(Gen *g);   /* return acc, with a derived constructor's checks */

/* Functions: acc = a new closure; name: the inferred name (NULL: the literal's own). */
void gen_closure(Gen *g, AstFunction *fn, const AstString *name, const char *prefix);
Handle gen_compile_function(CompileJob *job, AstFunction *fn, const AstString *name,
                            const char *prefix);
/* The top-level SFI of a script or eval program (job->res resolved). */
Handle gen_compile_program(CompileJob *job, AstNode *program);

/* ---- bytecode-generator-statements.c ------------------------------------------------- */

void gen_statement(Gen *g, AstNode *n);
void gen_statements(Gen *g, AstList *list);

/* ---- bytecode-generator-expressions.c ------------------------------------------------ */

void gen_expr(Gen *g, AstNode *n);                   /* acc = value */
/* False, with "RangeError: Maximum call stack size exceeded" pending and the job failed,
 * when the C stack is too deep to go on recursing (left-deep chains of any length). */
KILN_INLINE bool gen_stack_ok(Gen *g) {
  if ((uintptr_t)__builtin_frame_address(0) >= g->job->iso->c_stack_limit) return true;
  isolate_throw_error(g->job->iso, kError_RANGE_ERROR, "Maximum call stack size exceeded");
  g->job->failed = true;
  return false;
}
void gen_expr_to(Gen *g, AstNode *n, int reg);       /* reg = value */
/* Named evaluation: anonymous functions/classes get name. */
void gen_expr_named(Gen *g, AstNode *n, const AstString *name);
bool gen_is_anonymous_function(AstNode *n);
/* Branch on ToBoolean(n): jumps to false_label when false, falls through when true. */
void gen_test(Gen *g, AstNode *n, int false_label);
void gen_delete_member(Gen *g, AstNode *member);
Bytecode gen_binary_bytecode(AstBinaryOp op);
void gen_call_property_noargs(Gen *g, int callee, int receiver);
/* super(...args) of a default derived constructor: the frame's arguments forwarded as
 * they are; binds this. acc = this. */
void gen_super_call_forwarding_arguments(Gen *g);

/* ---- bytecode-generator-patterns.c --------------------------------------------------- */

/* Binds/assigns the value in reg to the target (IDENTIFIER, MEMBER, pattern...). */
void gen_assign_target(Gen *g, AstNode *target, int value_reg, StoreMode mode);
/* Assignment expression `target = value` (any kind): acc = result. */
void gen_assignment(Gen *g, AstNode *n);
void gen_update(Gen *g, AstNode *n);
void gen_assign_lookup_identifier(Gen *g, AstNode *ident, AstNode *value);

/* ---- bytecode-generator-generators.c ------------------------------------------------ */

/* Is the function being generated a generator, an async function or both? */
KILN_INLINE bool gen_is_resumable(Gen *g) { return g->fn && (g->fn->is_generator || g->fn->is_async); }
/* The first instruction of a resumable function: SwitchOnGeneratorState (and, for async
 * functions, the async function object and the start of the try that rejects its
 * promise). Call before anything else is emitted. */
void gen_resumable_begin(Gen *g);
/* After FunctionDeclarationInstantiation: generators create their object and suspend
 * (the initial yield: the call returns the object). */
void gen_resumable_after_declarations(Gen *g);
/* At the end of the body: the async functions' catch-all, and the resume jump table. */
void gen_resumable_end(Gen *g);
/* `return acc` of a resumable function (gen_return calls it): async functions resolve
 * their promise and return it. */
void gen_resumable_return(Gen *g);
/* yield, yield*, await expressions: acc = their value. */
void gen_yield(Gen *g, AstNode *n);
void gen_await(Gen *g, AstNode *n);

/* ---- bytecode-generator-using.c ------------------------------------------------------ */

/* A scope whose resources (using declarations) are disposed however control leaves it
 * (ES2026 DisposeResources at the end of a Block, FunctionBody, ForStatement and each
 * ForIn/OfBodyEvaluation iteration): a try-finally whose finally runs DisposeResources. */
typedef struct {
  ControlScope cs;
  int mark, start, end, handler;
  int32_t context_at_try;
  bool active, is_async;
} DisposeScope;

/* What the statement list declares directly: AST_AWAIT_USING when it has an await using,
 * else AST_USING when it has a using, else 0. */
int gen_list_using_kind(AstList *list);
/* Starts the try region of a scope's resources: kind AST_USING (sync disposal),
 * AST_AWAIT_USING (disposal with awaits) or 0 (nothing to do). */
void gen_dispose_scope_begin(Gen *g, DisposeScope *ds, int kind);
/* Ends it: the finally that disposes the resources and continues the completion. */
void gen_dispose_scope_end(Gen *g, DisposeScope *ds);
/* A using / await using declaration (AST_VAR_DECL of kind AST_USING or AST_AWAIT_USING). */
void gen_using_declaration(Gen *g, AstNode *n);
/* for (using x of ...): adds the iteration's value in value_reg as a resource. */
void gen_add_disposable(Gen *g, int value_reg, AstDeclKind kind);
/* acc = Await(acc) (async functions and async generators). */
void gen_await_acc(Gen *g);
/* The value of `return expr` in acc: an async generator awaits it. */
void gen_return_value(Gen *g);
/* for await: acc = Await(iter.next()), checked to be an object. */
void gen_async_iterator_next(Gen *g, int iter, int next);
/* AsyncIteratorClose(iter) for a normal completion (quiet: a throw completion, whose
 * errors are dropped). Clobbers acc. */
void gen_async_iterator_close(Gen *g, int iter, bool quiet);

/* ---- bytecode-generator-classes.c ---------------------------------------------------- */

void gen_class(Gen *g, AstClass *cls, const AstString *name);
void gen_instance_initialization(Gen *g, AstClass *cls, int receiver_reg);
void gen_field_init(Gen *g, AstFieldInit *fi);

#endif /* KILN_INTERPRETER_BYTECODE_GENERATOR_INTERNAL_H_ */
