/*
 * scopes.h: the scope resolver. Runs between the parser and the bytecode generator.
 *
 * scopes_resolve walks a whole program once (every nested function included) and
 *  1. binds every AST_IDENTIFIER reference to its AstVariable (AstIdent.var), or to one of
 *     two per-program stand-ins: a variable of location VAR_LOCATION_GLOBAL (a name not
 *     declared anywhere: the global object / script scope) or VAR_LOCATION_LOOKUP (a name
 *     that must be looked up at run time by name: inside `with`, under a sloppy direct
 *     eval that may add a var, or any free name of direct eval code);
 *  2. marks variables referenced from an inner function (is_captured), and declares the
 *     implicit bindings a function needs: `arguments` (VAR_MODE_ARGUMENTS), and, when an
 *     arrow function or eval needs them, "this" (VAR_MODE_THIS), "new.target"
 *     (VAR_MODE_NEW_TARGET), ".home_object" (VAR_MODE_HOME_OBJECT) and ".function" (the
 *     active function, for super() in arrows). Derived constructors always have a "this"
 *     variable (it starts as the hole);
 *  3. declares per-class synthetic bindings in the class scope: ".fields_init" (the
 *     instance field initializer closure), ".class_field_<i>" (the key of computed field
 *     member i), ".private_method_<i>" / ".private_setter_<i>" (the closures of instance
 *     private methods and accessors of member i);
 *  4. marks every scope that contains a direct eval, and every scope around it, so that all
 *     their variables live in contexts (the eval code reads them by name).
 *
 * scopes_allocate then gives every variable of one function a location: a parameter
 * register, a local register, a context slot (scope->needs_context and
 * context_slot_count are set), a global, or a dynamic lookup. The generator calls it when it
 * starts the function (outer functions first).
 */
#ifndef KILN_PARSING_SCOPES_H_
#define KILN_PARSING_SCOPES_H_

#include "parsing/ast.h"
#include "parsing/zone.h"

typedef struct ScopeResolution {
  Zone *zone;
  AstNode *program;
  bool is_direct_eval;       /* free names of the program are dynamic lookups */
  AstVariable *global_var;   /* the stand-ins described above */
  AstVariable *lookup_var;
  uintptr_t stack_limit;     /* in: the lowest C stack address the walk may use (0: none) */
  bool too_deep;             /* out: the tree was too deep for the C stack; the caller
                                throws "RangeError: Maximum call stack size exceeded" */
} ScopeResolution;

/* Resolves program (AST_PROGRAM). is_direct_eval: the program is direct eval code. */
void scopes_resolve(ScopeResolution *res, Zone *zone, AstNode *program, bool is_direct_eval);

/* Allocates the variables of every scope that belongs to function fn (NULL: the top level
 * of the program), starting at closure_scope. Returns the number of local registers. */
int scopes_allocate(ScopeResolution *res, AstScope *closure_scope, AstFunction *fn);

/* The variable named name (NUL-terminated) declared in scope itself, or NULL. */
AstVariable *scopes_find_local(AstScope *scope, const char *name);
/* The first variable of the given mode declared in scope itself, or NULL. */
AstVariable *scopes_find_mode(AstScope *scope, AstVarMode mode);

/* Resolves name from scope outwards without side effects, as scopes_resolve did for
 * references: the variable, or res->lookup_var / res->global_var. */
AstVariable *scopes_lookup(ScopeResolution *res, AstScope *scope, const char *name);

/* The function whose `this` (new.target, home object) code in scope sees: the nearest
 * enclosing non-arrow function, or NULL for the program's top level. *crossed: an arrow
 * boundary was crossed on the way. */
AstFunction *scopes_receiver_function(AstScope *scope, bool *crossed);

/* The synthetic names of class members (buf of 32 bytes). */
const char *scopes_member_name(char *buf, const char *prefix, int member_index);

#endif /* KILN_PARSING_SCOPES_H_ */
