/*
 * scope-info.h: ScopeInfo, the run-time description of a scope that has a Context.
 *
 * Every Context's scope_info field is a ScopeInfo (or, for the native context, undefined).
 * The interpreter's dynamic lookups (LdaLookupSlot: with, sloppy direct eval) and the eval
 * compiler read the names of a context's slots from it.
 *
 * Layout: a FixedArray of SCOPE_INFO_TYPE (map scope_info_map):
 *   [0] flags (Smi): bits 0..3 the AstScopeKind; then the ScopeInfoFlag bits below;
 *       for function scopes, bits 8..11 the AstFunctionKind
 *   [1] n, the number of context slots (after the Context header)
 *   [2] the function name of a named function expression (its self binding is one of
 *       the slots, mode VAR_MODE_FUNCTION_NAME), else undefined
 *   [3] the outer ScopeInfo (the next scope out that has a context), or undefined
 *   [4 .. 4+n)     the name of slot i (an internalized string)
 *   [4+n .. 4+2n)  the AstVarMode of slot i (Smi)
 *
 * Names of the implicit bindings kept in slots (none is a valid identifier, so none can
 * clash with a user's name): "this", "new.target", ".home_object" (a method's
 * [[HomeObject]]), ".function" (the active function, for super() inside arrows),
 * ".fields_init" (a class's instance-field initializer), ".class_field_N" (a computed
 * field key), ".private_method_N" (a private method's closure). "arguments" is the
 * ordinary name with mode VAR_MODE_ARGUMENTS.
 */
#ifndef KILN_OBJECTS_SCOPE_INFO_H_
#define KILN_OBJECTS_SCOPE_INFO_H_

#include "execution/isolate.h"
#include "parsing/ast.h"

typedef enum {
  SCOPE_INFO_STRICT = 1 << 4,
  SCOPE_INFO_CALLS_SLOPPY_EVAL = 1 << 5, /* the context's extension may hold eval vars */
  SCOPE_INFO_DECLARATION_SCOPE = 1 << 6, /* a var scope: function, eval, script */
  SCOPE_INFO_ARROW = 1 << 7,             /* a function scope of an arrow function */
  /* A function scope whose body has its own var scope (non-simple parameters, ES2025
   * 10.2.11 step 28): a sloppy eval that reaches this scope as its var scope runs in the
   * parameter expressions. Bit 12, above the function kind. */
  SCOPE_INFO_HAS_BODY_SCOPE = 1 << 12,
} ScopeInfoFlag;
enum { kScopeInfoFunctionKindShift = 8 };

enum {
  kScopeInfoFlagsIndex = 0,
  kScopeInfoCountIndex = 1,
  kScopeInfoFunctionNameIndex = 2,
  kScopeInfoOuterIndex = 3,
  kScopeInfoNamesStart = 4,
};

/* Builds the ScopeInfo of a resolved scope (parsing/scopes.c has allocated its context
 * slots). outer: the enclosing ScopeInfo or undefined. May allocate. */
Handle scope_info_new(Isolate *iso, const AstScope *scope, Handle outer);
/* A ScopeInfo built from C: kind, flags, names (internalized strings) and modes. */
Handle scope_info_new_raw(Isolate *iso, AstScopeKind kind, int flags, int count,
                          const Handle *names, const int *modes);

KILN_INLINE int scope_info_flags(Tagged si) { return smi_value(fixed_array_get(si, 0)); }
KILN_INLINE AstScopeKind scope_info_kind(Tagged si) {
  return (AstScopeKind)(scope_info_flags(si) & 0xf);
}
KILN_INLINE bool scope_info_is_strict(Tagged si) {
  return (scope_info_flags(si) & SCOPE_INFO_STRICT) != 0;
}
KILN_INLINE bool scope_info_calls_sloppy_eval(Tagged si) {
  return (scope_info_flags(si) & SCOPE_INFO_CALLS_SLOPPY_EVAL) != 0;
}
KILN_INLINE bool scope_info_has_body_scope(Tagged si) {
  return (scope_info_flags(si) & SCOPE_INFO_HAS_BODY_SCOPE) != 0;
}
KILN_INLINE bool scope_info_is_declaration_scope(Tagged si) {
  return (scope_info_flags(si) & SCOPE_INFO_DECLARATION_SCOPE) != 0;
}
/* The AstFunctionKind of a SCOPE_FUNCTION scope. */
KILN_INLINE int scope_info_function_kind(Tagged si) {
  return (scope_info_flags(si) >> kScopeInfoFunctionKindShift) & 0xf;
}
KILN_INLINE int scope_info_context_local_count(Tagged si) {
  return smi_value(fixed_array_get(si, kScopeInfoCountIndex));
}
KILN_INLINE Tagged scope_info_context_local_name(Tagged si, int i) {
  return fixed_array_get(si, kScopeInfoNamesStart + i);
}
KILN_INLINE AstVarMode scope_info_context_local_mode(Tagged si, int i) {
  return (AstVarMode)smi_value(
      fixed_array_get(si, kScopeInfoNamesStart + scope_info_context_local_count(si) + i));
}
KILN_INLINE Tagged scope_info_function_name(Tagged si) {
  return fixed_array_get(si, kScopeInfoFunctionNameIndex);
}
KILN_INLINE Tagged scope_info_outer(Tagged si) {
  return fixed_array_get(si, kScopeInfoOuterIndex);
}

/* The context slot index of name (an internalized string) in scope_info, or -1; *mode
 * (if not NULL) gets its AstVarMode. Never allocates. */
int scope_info_context_slot_index(Tagged scope_info, Tagged name, int *mode);

/* Is a binding of this mode in its temporal dead zone when its slot holds the hole? */
KILN_INLINE bool scope_info_mode_has_tdz(int mode) {
  return mode == VAR_MODE_LET || mode == VAR_MODE_CONST || mode == VAR_MODE_CLASS ||
         mode == VAR_MODE_CLASS_INNER;
}
/* Is assignment to a binding of this mode an error (const, class inner name)? */
KILN_INLINE bool scope_info_mode_is_immutable(int mode) {
  return mode == VAR_MODE_CONST || mode == VAR_MODE_CLASS_INNER;
}

#endif /* KILN_OBJECTS_SCOPE_INFO_H_ */
