/* scope-info.c: building ScopeInfos and looking names up in them. */
#include "objects/scope-info.h"

#include <stdlib.h>

#include "heap/factory.h"
#include "objects/string.h"

static int scope_info_flags_for(const AstScope *scope) {
  int flags = (int)scope->kind;
  if (scope->is_strict) flags |= SCOPE_INFO_STRICT;
  if (scope->calls_sloppy_eval && scope->is_declaration_scope)
    flags |= SCOPE_INFO_CALLS_SLOPPY_EVAL;
  if (scope->is_declaration_scope) flags |= SCOPE_INFO_DECLARATION_SCOPE;
  if (scope->function && scope->function->kind == AST_FUNC_ARROW && scope->kind == SCOPE_FUNCTION)
    flags |= SCOPE_INFO_ARROW;
  if (scope->function && scope->kind == SCOPE_FUNCTION)
    flags |= (int)scope->function->kind << kScopeInfoFunctionKindShift;
  if (scope->function && scope->kind == SCOPE_FUNCTION && scope->function->scope == scope &&
      scope->function->body_scope && scope->function->body_scope != scope)
    flags |= SCOPE_INFO_HAS_BODY_SCOPE;
  return flags;
}

Handle scope_info_new_raw(Isolate *iso, AstScopeKind kind, int flags, int count,
                          const Handle *names, const int *modes) {
  Handle si = factory_new_fixed_array_with_map(iso, ROOT_scope_info_map,
                                               kScopeInfoNamesStart + 2 * count,
                                               isolate_undefined(iso));
  if (handle_is_null(si)) return si;
  fixed_array_set(H(si), kScopeInfoFlagsIndex, smi_from_int((int)kind | flags));
  fixed_array_set(H(si), kScopeInfoCountIndex, smi_from_int(count));
  for (int i = 0; i < count; i++) {
    fixed_array_set(H(si), kScopeInfoNamesStart + i, H(names[i]));
    fixed_array_set(H(si), kScopeInfoNamesStart + count + i, smi_from_int(modes[i]));
  }
  return si;
}

/* Records v's name and mode if it lives in one of the n slots. May allocate. */
static bool scope_info_put(Isolate *iso, Handle si, int n, const AstVariable *v) {
  if (v->location != VAR_LOCATION_CONTEXT || v->index < 0 || v->index >= n) return true;
  Handle name = string_internalize_utf8(iso, v->name->data, v->name->byte_length);
  if (handle_is_null(name)) return false;
  fixed_array_set(H(si), kScopeInfoNamesStart + v->index, H(name));
  fixed_array_set(H(si), kScopeInfoNamesStart + n + v->index, smi_from_int((int)v->mode));
  if (v->mode == VAR_MODE_FUNCTION_NAME)
    fixed_array_set(H(si), kScopeInfoFunctionNameIndex, H(name));
  return true;
}

/* May allocate. */
Handle scope_info_new(Isolate *iso, const AstScope *scope, Handle outer) {
  int n = scope->context_slot_count;
  Handle si = factory_new_fixed_array_with_map(iso, ROOT_scope_info_map,
                                               kScopeInfoNamesStart + 2 * n,
                                               isolate_undefined(iso));
  if (handle_is_null(si)) return si;
  fixed_array_set(H(si), kScopeInfoFlagsIndex, smi_from_int(scope_info_flags_for(scope)));
  fixed_array_set(H(si), kScopeInfoCountIndex, smi_from_int(n));
  fixed_array_set(H(si), kScopeInfoOuterIndex, H(outer));
  for (int i = 0; i < n; i++) {  /* slots without a variable (reserved) get "" */
    fixed_array_set(H(si), kScopeInfoNamesStart + i, ROOT(iso, empty_string));
    fixed_array_set(H(si), kScopeInfoNamesStart + n + i, smi_from_int(VAR_MODE_VAR));
  }
  for (const AstVariable *v = scope->variables; v; v = v->next) {
    if (!scope_info_put(iso, si, n, v)) return HANDLE_NULL;
  }
  /* A named function expression's own name (kept outside the scope's list). */
  const AstFunction *fn = scope->function;
  if (fn && fn->scope == scope && fn->is_named_expression && fn->name_var &&
      !scope_info_put(iso, si, n, fn->name_var))
    return HANDLE_NULL;
  return si;
}

int scope_info_context_slot_index(Tagged scope_info, Tagged name, int *mode) {
  if (!is_heap_object(scope_info) || heap_object_type(scope_info) != SCOPE_INFO_TYPE)
    return -1;
  int n = scope_info_context_local_count(scope_info);
  for (int i = 0; i < n; i++) {
    Tagged slot_name = scope_info_context_local_name(scope_info, i);
    if (slot_name == name || (is_string(name) && !string_is_internalized(name) &&
                              string_equals(slot_name, name))) {
      if (mode) *mode = (int)scope_info_context_local_mode(scope_info, i);
      return i;
    }
  }
  return -1;
}
