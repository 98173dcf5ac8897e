/*
 * runtime-scopes.c: declaring globals (ES2025 16.1.7 GlobalDeclarationInstantiation) and a
 * sloppy direct eval's var and function declarations (19.2.1.3 EvalDeclarationInstantiation).
 *
 * Top-level let/const/class live in the realm's script scope (execution/contexts.h); var
 * and function declarations are properties of the global object, non-configurable for
 * scripts and configurable (deletable) for eval code.
 */
#include <stdlib.h>

#include "interpreter/interpreter-internal.h"
#include "objects/scope-info.h"
#include "objects/string.h"
#include "runtime/runtime-functions.h"

enum { kDeclVar = 0, kDeclFunction = 1, kDeclLet = 2, kDeclConst = 3, kDeclClass = 4 };

static Handle throw_named(Isolate *iso, ErrorKind kind, const char *fmt, Tagged name) {
  size_t n;
  char *text = is_string(name) ? string_to_utf8(iso, name, &n) : NULL;
  isolate_throw_error(iso, kind, fmt, text ? text : "?");
  free(text);
  return HANDLE_NULL;
}

static Handle global_object(Isolate *iso) {
  return handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_global_object));
}

/* The own property descriptor of name on the global object: RT_FALSE when absent. */
static RuntimeMaybeBool global_own(Isolate *iso, Handle global, Handle name,
                                   PropertyDescriptor *desc) {
  property_descriptor_init(iso, desc);
  return runtime_get_own_property(iso, global, name, desc);
}

/* 9.1.1.4.15 CanDeclareGlobalVar / 9.1.1.4.16 CanDeclareGlobalFunction. */
static bool can_declare(Isolate *iso, Handle global, Handle name, bool function) {
  PropertyDescriptor desc;
  RuntimeMaybeBool own = global_own(iso, global, name, &desc);
  if (own == RT_EXCEPTION) return false;
  bool ok;
  if (own == RT_TRUE) {
    ok = !function || (desc.flags & PD_CONFIGURABLE) ||
         ((desc.flags & PD_HAS_VALUE) && (desc.flags & PD_WRITABLE) &&
          (desc.flags & PD_ENUMERABLE));
  } else {
    RuntimeMaybeBool ext = runtime_is_extensible(iso, global);
    if (ext == RT_EXCEPTION) return false;
    ok = ext == RT_TRUE;
  }
  if (!ok) throw_named(iso, kError_TYPE_ERROR, "Cannot declare global '%s'", H(name));
  return ok;
}

/* 9.1.1.4.17 CreateGlobalVarBinding. */
static bool create_global_var(Isolate *iso, Handle global, Handle name, bool deletable) {
  PropertyDescriptor desc;
  RuntimeMaybeBool own = global_own(iso, global, name, &desc);
  if (own != RT_FALSE) return own == RT_TRUE;
  RuntimeMaybeBool ext = runtime_is_extensible(iso, global);
  if (ext != RT_TRUE) return ext == RT_FALSE;
  property_descriptor_init(iso, &desc);
  desc.flags = PD_HAS_VALUE | PD_HAS_WRITABLE | PD_WRITABLE | PD_HAS_ENUMERABLE | PD_ENUMERABLE |
               PD_HAS_CONFIGURABLE | (deletable ? PD_CONFIGURABLE : 0);
  desc.value = ROOT_HANDLE(iso, undefined_value);
  return runtime_define_property_or_throw(iso, global, name, &desc);
}

/* 9.1.1.4.18 CreateGlobalFunctionBinding. */
static bool create_global_function(Isolate *iso, Handle name, Handle value, bool deletable) {
  Handle global = global_object(iso);
  PropertyDescriptor desc;
  RuntimeMaybeBool own = global_own(iso, global, name, &desc);
  if (own == RT_EXCEPTION) return false;
  bool full = own == RT_FALSE || (desc.flags & PD_CONFIGURABLE);
  property_descriptor_init(iso, &desc);
  desc.value = value;
  desc.flags = PD_HAS_VALUE;
  if (full) {
    desc.flags |= PD_HAS_WRITABLE | PD_WRITABLE | PD_HAS_ENUMERABLE | PD_ENUMERABLE |
                  PD_HAS_CONFIGURABLE | (deletable ? PD_CONFIGURABLE : 0);
  }
  return runtime_define_property_or_throw(iso, global, name, &desc);
}

/* The lexical-declaration checks of 16.1.7 steps 3-4 for one name. */
static bool check_global_name(Isolate *iso, Handle global, Handle name, int kind) {
  if (context_script_scope_lookup(iso, iso->native_context, H(name), NULL) >= 0) {
    throw_named(iso, kError_SYNTAX_ERROR, "Identifier '%s' has already been declared", H(name));
    return false;
  }
  if (kind < kDeclLet) return true;
  PropertyDescriptor desc;
  RuntimeMaybeBool own = global_own(iso, global, name, &desc);
  if (own == RT_EXCEPTION) return false;
  if (own == RT_TRUE && !(desc.flags & PD_CONFIGURABLE)) {
    throw_named(iso, kError_SYNTAX_ERROR, "Identifier '%s' has already been declared", H(name));
    return false;
  }
  return true;
}

RUNTIME_FUNCTION(DeclareGlobals) {
  Handle decls = {&args[0]};
  Handle global = global_object(iso);
  Handle nc = handle_new(iso, iso->native_context);
  int64_t n = fixed_array_length(H(decls));
  for (int64_t i = 0; i + 1 < n; i += 2) {
    Handle name = handle_new(iso, fixed_array_get(H(decls), i));
    int kind = smi_value(fixed_array_get(H(decls), i + 1));
    if (!check_global_name(iso, global, name, kind)) return HANDLE_NULL;
  }
  for (int64_t i = 0; i + 1 < n; i += 2) {
    Handle name = handle_new(iso, fixed_array_get(H(decls), i));
    int kind = smi_value(fixed_array_get(H(decls), i + 1));
    if (kind <= kDeclFunction && !can_declare(iso, global, name, kind == kDeclFunction)) {
      return HANDLE_NULL;
    }
  }
  for (int64_t i = 0; i + 1 < n; i += 2) {
    Handle name = handle_new(iso, fixed_array_get(H(decls), i));
    int kind = smi_value(fixed_array_get(H(decls), i + 1));
    if (kind >= kDeclLet) {
      if (context_script_scope_add(iso, nc, name, kind == kDeclConst) < 0) return HANDLE_NULL;
    } else if (kind == kDeclVar) {
      if (!create_global_var(iso, global, name, false)) return HANDLE_NULL;
    }
  }
  return ROOT_HANDLE(iso, undefined_value);
}

RUNTIME_FUNCTION(DeclareGlobalFunction) {
  if (!create_global_function(iso, (Handle){&args[0]}, (Handle){&args[1]}, false)) {
    return HANDLE_NULL;
  }
  return ROOT_HANDLE(iso, undefined_value);
}

RUNTIME_FUNCTION(InitializeLexicalGlobal) {
  int slot = context_script_scope_lookup(iso, iso->native_context, args[0], NULL);
  if (slot < 0) {
    return throw_named(iso, kError_REFERENCE_ERROR, "%s is not defined", args[0]);
  }
  context_set(context_get(iso->native_context, NATIVE_CONTEXT_script_context), slot, args[1]);
  return ROOT_HANDLE(iso, undefined_value);
}

/* ES2025 9.1.1.4.1 HasBinding(N) of the global Environment Record: the declarative part
 * (script-scope let/const/class), then HasProperty(globalObject, N). */
RUNTIME_FUNCTION(HasGlobalBinding) {
  if (context_script_scope_lookup(iso, iso->native_context, args[0], NULL) >= 0) {
    return ROOT_HANDLE(iso, true_value);
  }
  RuntimeMaybeBool has = runtime_has_property(iso, global_object(iso), (Handle){&args[0]});
  if (has == RT_EXCEPTION) return HANDLE_NULL;
  return has == RT_TRUE ? ROOT_HANDLE(iso, true_value) : ROOT_HANDLE(iso, false_value);
}

/* PutValue of an unresolvable Reference in strict code (6.2.5.6 step 3.a). */
RUNTIME_FUNCTION(ThrowNotDefined) {
  return throw_named(iso, kError_REFERENCE_ERROR, "%s is not defined", args[0]);
}

/* ---- sloppy direct eval ------------------------------------------------------------- */

KILN_INLINE bool is_scope_info(Tagged v) {
  return is_heap_object(v) && heap_object_type(v) == SCOPE_INFO_TYPE;
}

KILN_INLINE bool mode_is_lexical(int mode) {
  return mode == VAR_MODE_LET || mode == VAR_MODE_CONST || mode == VAR_MODE_CLASS;
}

/* Does a binding of this mode in a function scope with a separate body var scope stand
 * between a parameter expression's eval and its var scope (ES2025 10.2.11 step 20: the
 * parameters and `arguments` live in an environment inside the function's)? */
KILN_INLINE bool mode_is_parameter_env(int mode) {
  return mode == VAR_MODE_PARAM || mode == VAR_MODE_ARGUMENTS;
}

/* Is this context's scope a var scope of a sloppy eval: a function scope, or a function
 * body's own var scope (non-simple parameters)? */
KILN_INLINE bool is_eval_var_scope(Tagged si) {
  return scope_info_is_declaration_scope(si) &&
         (scope_info_kind(si) == SCOPE_FUNCTION || scope_info_kind(si) == SCOPE_BLOCK);
}

static Tagged throw_redeclared(Isolate *iso, Tagged name) {
  throw_named(iso, kError_SYNTAX_ERROR, "Identifier '%s' has already been declared", name);
  return 0;
}

/* The context of the eval's var scope (the nearest function or function-body var scope),
 * or the native context for a global eval; 0 with a SyntaxError pending when a lexical
 * binding of name sits in between (19.2.1.3 step 3), or when the eval runs in parameter
 * expressions and name is a parameter or `arguments`. When the var scope already has a
 * slot for name, *has_slot. */
static Tagged eval_var_scope_checked(Isolate *iso, Tagged name, bool *has_slot, bool check) {
  JSFrame *f = interpreter_current_frame(iso);
  *has_slot = false;
  for (Tagged c = frame_context(f); !is_native_context(c); c = context_previous(c)) {
    Tagged si = context_scope_info(c);
    if (!is_scope_info(si) || scope_info_kind(si) == SCOPE_EVAL) continue;
    if (scope_info_kind(si) == SCOPE_WITH) continue;
    int mode;
    int slot = scope_info_context_slot_index(si, name, &mode);
    if (check && slot >= 0 && mode_is_lexical(mode)) return throw_redeclared(iso, name);
    if (is_eval_var_scope(si)) {
      if (check && slot >= 0 && scope_info_has_body_scope(si) && mode_is_parameter_env(mode))
        return throw_redeclared(iso, name);
      *has_slot = slot >= 0;
      return c;
    }
  }
  if (check && context_script_scope_lookup(iso, iso->native_context, name, NULL) >= 0)
    return throw_redeclared(iso, name);
  return iso->native_context;
}

static Tagged eval_var_scope(Isolate *iso, Tagged name, bool *has_slot) {
  return eval_var_scope_checked(iso, name, has_slot, true);
}

/* The var object of a function context (its extension), created on first use. */
static Handle eval_var_object(Isolate *iso, Handle context) {
  Tagged ext = context_extension(H(context));
  if (is_js_receiver(ext)) return handle_new(iso, ext);
  Handle obj = runtime_object_create(iso, ROOT_HANDLE(iso, null_value));
  if (handle_is_null(obj)) return obj;
  context_set_extension(H(context), H(obj));
  return obj;
}

/* Declares name (value: undefined for a var unless present, or the closure). */
static Handle eval_declare(Isolate *iso, Handle name, Handle value, bool function) {
  bool has_slot;
  Tagged scope = eval_var_scope(iso, H(name), &has_slot);
  if (scope == 0) return HANDLE_NULL;
  Handle c = handle_new(iso, scope);
  if (is_native_context(H(c))) {
    Handle global = global_object(iso);
    if (!can_declare(iso, global, name, function)) return HANDLE_NULL;
    bool ok = function ? create_global_function(iso, name, value, true)
                       : create_global_var(iso, global, name, true);
    return ok ? ROOT_HANDLE(iso, undefined_value) : HANDLE_NULL;
  }
  if (has_slot) {
    if (function) {
      int slot = scope_info_context_slot_index(context_scope_info(H(c)), H(name), NULL);
      context_set(H(c), slot, H(value));
    }
    return ROOT_HANDLE(iso, undefined_value);
  }
  Handle obj = eval_var_object(iso, c);
  if (handle_is_null(obj)) return obj;
  if (!function) {
    RuntimeMaybeBool has = runtime_has_own_property(iso, obj, name);
    if (has != RT_FALSE) return has == RT_TRUE ? ROOT_HANDLE(iso, undefined_value) : HANDLE_NULL;
  }
  if (!runtime_create_data_property_or_throw(iso, obj, name, value)) return HANDLE_NULL;
  return ROOT_HANDLE(iso, undefined_value);
}

RUNTIME_FUNCTION(DeclareEvalVar) {
  return eval_declare(iso, (Handle){&args[0]}, ROOT_HANDLE(iso, undefined_value), false);
}

RUNTIME_FUNCTION(DeclareEvalFunction) {
  return eval_declare(iso, (Handle){&args[0]}, (Handle){&args[1]}, true);
}

/* ES2025 19.2.1.3 EvalDeclarationInstantiation steps 3 (SyntaxError: a lexical binding,
 * or a parameter-environment binding, between the eval and its var scope), 10 and 13
 * (TypeError: CanDeclareGlobalFunction / CanDeclareGlobalVar), for every name before the
 * first binding is created (DeclareEvalFunction / DeclareEvalVar then declare them). */
RUNTIME_FUNCTION(CheckEvalDeclarations) {
  Handle decls = {&args[0]};
  int64_t n = fixed_array_length(H(decls));
  bool global = false;
  for (int64_t i = 0; i + 1 < n; i += 2) {
    bool has_slot;
    Tagged scope = eval_var_scope(iso, fixed_array_get(H(decls), i), &has_slot);
    if (scope == 0) return HANDLE_NULL;
    global = is_native_context(scope);
  }
  if (!global) return ROOT_HANDLE(iso, undefined_value);
  Handle global_obj = global_object(iso);
  for (int pass = kDeclFunction; pass >= kDeclVar; pass--) {
    for (int64_t i = 0; i + 1 < n; i += 2) {
      if (smi_value(fixed_array_get(H(decls), i + 1)) != pass) continue;
      Handle name = handle_new(iso, fixed_array_get(H(decls), i));
      if (!can_declare(iso, global_obj, name, pass == kDeclFunction)) return HANDLE_NULL;
    }
  }
  return ROOT_HANDLE(iso, undefined_value);
}

RUNTIME_FUNCTION(ResolveLookupBinding) {
  return interpreter_resolve_binding(iso, interpreter_current_frame(iso), (Handle){&args[0]});
}

RUNTIME_FUNCTION(LoadLookupBinding) {
  return interpreter_get_binding(iso, interpreter_current_frame(iso), (Handle){&args[0]},
                                 (Handle){&args[1]});
}

RUNTIME_FUNCTION(StoreLookupBinding) {
  JSFrame *f = interpreter_current_frame(iso);
  Handle value = {&args[2]};
  if (!interpreter_set_binding(iso, f, (Handle){&args[0]}, (Handle){&args[1]}, value,
                               frame_is_strict(f)))
    return HANDLE_NULL;
  return value;
}

/* (name, value): Annex B.3.2.3 step 1.a.ii (evaluating a block function declaration in
 * sloppy eval code): SetMutableBinding of the eval's var binding of name, past the block's
 * own binding and any lexical one (the var exists: DeclareEvalVar made it). */
RUNTIME_FUNCTION(SetEvalVar) {
  Handle name = {&args[0]}, value = {&args[1]};
  bool has_slot;
  Handle c = handle_new(iso, eval_var_scope_checked(iso, H(name), &has_slot, false));
  if (is_native_context(H(c))) {
    if (!runtime_set_property(iso, global_object(iso), name, value, false)) return HANDLE_NULL;
  } else if (has_slot) {
    context_set(H(c), scope_info_context_slot_index(context_scope_info(H(c)), H(name), NULL),
                H(value));
  } else {
    Handle obj = eval_var_object(iso, c);
    if (handle_is_null(obj) || !runtime_set_property(iso, obj, name, value, false))
      return HANDLE_NULL;
  }
  return value;
}
