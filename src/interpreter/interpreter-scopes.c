/*
 * interpreter-scopes.c: the slow paths of names: globals (the script scope, then the
 * global object), context creation, and dynamic lookups through the context chain (with,
 * sloppy direct eval).
 */
#include <stdlib.h>

#include "ic/ic.h"
#include "interpreter/interpreter-internal.h"
#include "objects/dictionary.h"
#include "objects/map.h"
#include "objects/scope-info.h"
#include "objects/string.h"

/* The name as UTF-8 for messages (static fallback on failure); free with name_free. */
static char *name_text(Isolate *iso, Tagged name) {
  if (!is_string(name)) return NULL;
  size_t n;
  return string_to_utf8(iso, name, &n);
}

static void throw_with_name(Isolate *iso, ErrorKind kind, const char *fmt, Tagged name) {
  char *text = name_text(iso, name);
  isolate_throw_error(iso, kind, fmt, text ? text : "?");
  free(text);
}

static bool throw_tdz(Isolate *iso, Tagged name) {
  throw_with_name(iso, kError_REFERENCE_ERROR, "Cannot access '%s' before initialization", name);
  return false;
}

static bool throw_not_defined(Isolate *iso, Tagged name) {
  throw_with_name(iso, kError_REFERENCE_ERROR, "%s is not defined", name);
  return false;
}

static bool throw_const_assignment(Isolate *iso) {
  isolate_throw_error(iso, kError_TYPE_ERROR, "Assignment to constant variable.");
  return false;
}

static Handle global_object(Isolate *iso) {
  return handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_global_object));
}

/* ---- globals ------------------------------------------------------------------------ */

/* Reads global name (script scope, then global object) into f's accumulator. */
static bool load_global(Isolate *iso, JSFrame *f, Handle name, bool inside_typeof) {
  int slot = context_script_scope_lookup(iso, iso->native_context, H(name), NULL);
  if (slot >= 0) {
    Tagged v = context_get(context_get(iso->native_context, NATIVE_CONTEXT_script_context), slot);
    if (is_the_hole(iso, v)) return throw_tdz(iso, H(name));
    frame_set_acc(f, v);
    return true;
  }
  Handle global = global_object(iso);
  RuntimeMaybeBool has = runtime_has_property(iso, global, name);
  if (has == RT_EXCEPTION) return false;
  if (has == RT_FALSE) {
    if (inside_typeof) {
      frame_set_acc(f, ROOT(iso, undefined_value));
      return true;
    }
    return throw_not_defined(iso, H(name));
  }
  Handle v = runtime_get(iso, global, name, global);
  if (handle_is_null(v)) return false;
  frame_set_acc_h(f, v);
  return true;
}

bool op_lda_global(Isolate *iso, JSFrame *f, uint32_t name_idx, uint32_t slot, bool inside_typeof) {
  Handle name = handle_new(iso, frame_constant(f, name_idx));
  if (!load_global(iso, f, name, inside_typeof)) return false;
  ic_load_global_record(iso, f->fp[kFrameFeedback], (int)slot, H(name));
  return true;
}

/* Writes global name = value (script scope, then global object). */
static bool store_global(Isolate *iso, Handle name, Handle value, bool strict) {
  bool is_const = false;
  int slot = context_script_scope_lookup(iso, iso->native_context, H(name), &is_const);
  if (slot >= 0) {
    Tagged sc = context_get(iso->native_context, NATIVE_CONTEXT_script_context);
    if (is_the_hole(iso, context_get(sc, slot))) return throw_tdz(iso, H(name));
    if (is_const) return throw_const_assignment(iso);
    context_set(sc, slot, H(value));
    return true;
  }
  Handle global = global_object(iso);
  /* Fast path: a writable data property of the dictionary-mode global object. */
  if (map_is_dictionary(heap_object_map(H(global)))) {
    Tagged dict = js_object_properties(H(global));
    int entry = name_dictionary_find(iso, dict, H(name));
    if (entry >= 0) {
      PropertyDetails d = dictionary_details_at(dict, entry);
      if (property_details_kind(d) == PROPERTY_DATA &&
          !(property_details_attributes(d) & READ_ONLY)) {
        dictionary_set_value_at(dict, entry, H(value));
        return true;
      }
    }
  }
  if (strict) {
    RuntimeMaybeBool has = runtime_has_property(iso, global, name);
    if (has == RT_EXCEPTION) return false;
    if (has == RT_FALSE) return throw_not_defined(iso, H(name));
  }
  return runtime_set_property(iso, global, name, value, strict);
}

bool op_sta_global(Isolate *iso, JSFrame *f, uint32_t name_idx, uint32_t slot) {
  Handle name = handle_new(iso, frame_constant(f, name_idx));
  if (!store_global(iso, name, frame_acc(f), frame_is_strict(f))) return false;
  ic_store_global_record(iso, f->fp[kFrameFeedback], (int)slot, H(name));
  return true;
}

/* ---- contexts ----------------------------------------------------------------------- */

bool op_create_context(Isolate *iso, JSFrame *f, Tagged scope_info_raw, int slots,
                       int extension_reg, Bytecode kind) {
  Handle scope_info = handle_new(iso, scope_info_raw);
  Handle previous = handle_new(iso, frame_context(f));
  Handle extension = handle_new(iso, iso->native_context);
  if (kind == Bytecode_CreateBlockContext) {
    slots = is_heap_object(H(scope_info)) && heap_object_type(H(scope_info)) == SCOPE_INFO_TYPE
                ? scope_info_context_local_count(H(scope_info))
                : 0;
  } else if (kind == Bytecode_CreateWithContext) {
    extension = runtime_to_object(iso, frame_reg(f, extension_reg));
    if (handle_is_null(extension)) return false;
  }
  Handle c = context_new(iso, scope_info, previous, extension, slots);
  if (handle_is_null(c)) return false;
  if (kind == Bytecode_CreateCatchContext) context_set(H(c), 0, f->regs[extension_reg]);
  frame_set_acc_h(f, c);
  return true;
}

/* ---- dynamic lookups ---------------------------------------------------------------- */

typedef enum { DYN_NONE, DYN_CONTEXT, DYN_OBJECT, DYN_GLOBAL } DynKind;

typedef struct {
  DynKind kind;
  Handle holder;    /* the Context (DYN_CONTEXT) or the object (DYN_OBJECT) */
  int slot, mode;   /* DYN_CONTEXT */
  bool is_with;     /* DYN_OBJECT: a with statement's object (it is `this` for calls) */
} DynLookup;

KILN_INLINE bool is_scope_info(Tagged v) {
  return is_heap_object(v) && heap_object_type(v) == SCOPE_INFO_TYPE;
}

/* The implicit bindings eval code reads by name from its caller's contexts ("this",
 * "new.target", ".home_object", ".function"): never properties of with objects or
 * sloppy-eval var objects (compiler.h). */
static bool is_implicit_name(Tagged name) {
  if (!is_string(name) || string_length(name) == 0) return false;
  Tagged flat = string_as_sequential(name);
  if (flat != 0 && string_get(flat, 0) == '.') return true;
  return string_equals_ascii(name, "this") || string_equals_ascii(name, "new.target");
}

/* ES2025 9.1.2.1 GetIdentifierReference over the context chain. For a with object:
 * HasProperty, then the @@unscopables check (9.1.1.2.1 HasBinding). Calls user code. */
static bool dyn_lookup(Isolate *iso, JSFrame *f, Handle name, DynLookup *out) {
  Handle c = handle_new(iso, frame_context(f));
  bool implicit = is_implicit_name(H(name));
  *out = (DynLookup){.kind = DYN_NONE};
  for (; !is_native_context(H(c)); *c.loc = context_previous(H(c))) {
    Tagged si = context_scope_info(H(c));
    if (!is_scope_info(si)) continue;
    bool with = scope_info_kind(si) == SCOPE_WITH;
    if (implicit && with) continue;
    if (!with) {
      int mode;
      int slot = scope_info_context_slot_index(si, H(name), &mode);
      if (slot >= 0) {
        *out = (DynLookup){DYN_CONTEXT, c, slot, mode, false};
        return true;
      }
      if (implicit || !scope_info_calls_sloppy_eval(si) ||
          !is_js_receiver(context_extension(H(c)))) {
        continue;
      }
    }
    Handle obj = handle_new(iso, context_extension(H(c)));
    if (!is_js_receiver(H(obj))) continue;
    RuntimeMaybeBool has = runtime_has_property(iso, obj, name);
    if (has == RT_EXCEPTION) return false;
    if (has == RT_FALSE) continue;
    if (with) {
      Handle unscopables = runtime_get(iso, obj, ROOT_HANDLE(iso, unscopables_symbol), obj);
      if (handle_is_null(unscopables)) return false;
      if (is_js_receiver(H(unscopables))) {
        Handle blocked = runtime_get(iso, unscopables, name, unscopables);
        if (handle_is_null(blocked)) return false;
        if (runtime_to_boolean(iso, H(blocked))) continue;
      }
    }
    *out = (DynLookup){DYN_OBJECT, obj, 0, 0, with};
    return true;
  }
  out->kind = DYN_GLOBAL;
  return true;
}

/* ES2025 9.1.1.2.6 GetBindingValue / 9.1.1.2.5 SetMutableBinding of a with object: the
 * binding may have gone (stillExists = HasProperty): strict code gets a ReferenceError,
 * sloppy reads get undefined. RT_FALSE: gone (and reported if strict). */
static RuntimeMaybeBool with_binding_still_exists(Isolate *iso, Handle obj, Handle name,
                                                  bool strict) {
  RuntimeMaybeBool has = runtime_has_property(iso, obj, name);
  if (has == RT_FALSE && strict) {
    throw_not_defined(iso, H(name));
    return RT_EXCEPTION;
  }
  return has;
}

bool op_lda_lookup(Isolate *iso, JSFrame *f, uint32_t name_idx, bool inside_typeof) {
  Handle name = handle_new(iso, frame_constant(f, name_idx));
  DynLookup lookup;
  JSStack *s = iso->js_stack;
  s->last_lookup_name = 0;
  if (!dyn_lookup(iso, f, name, &lookup)) return false;
  if (lookup.kind == DYN_GLOBAL && is_implicit_name(H(name))) {
    /* Top-level code keeps none of them: `this` is the global this. */
    bool is_this = string_equals_ascii(H(name), "this");
    frame_set_acc(f, is_this ? context_get(iso->native_context, NATIVE_CONTEXT_global_this)
                             : ROOT(iso, undefined_value));
    return true;
  }
  s->last_lookup_name = H(name);
  s->last_lookup_this = lookup.kind == DYN_OBJECT && lookup.is_with ? H(lookup.holder)
                                                                     : ROOT(iso, undefined_value);
  if (lookup.kind == DYN_CONTEXT) {
    Tagged v = context_get(H(lookup.holder), lookup.slot);
    if (is_the_hole(iso, v) && scope_info_mode_has_tdz(lookup.mode)) return throw_tdz(iso, H(name));
    frame_set_acc(f, v);
    return true;
  }
  if (lookup.kind == DYN_OBJECT) {
    if (lookup.is_with) {
      RuntimeMaybeBool still = with_binding_still_exists(iso, lookup.holder, name, frame_is_strict(f));
      if (still == RT_EXCEPTION) return false;
      if (still == RT_FALSE) {
        frame_set_acc(f, ROOT(iso, undefined_value));
        return true;
      }
    }
    Handle v = runtime_get(iso, lookup.holder, name, lookup.holder);
    if (handle_is_null(v)) return false;
    frame_set_acc_h(f, v);
    return true;
  }
  return load_global(iso, f, name, inside_typeof);
}

bool op_sta_lookup(Isolate *iso, JSFrame *f, uint32_t name_idx, bool strict) {
  Handle name = handle_new(iso, frame_constant(f, name_idx));
  DynLookup lookup;
  if (!dyn_lookup(iso, f, name, &lookup)) return false;
  Handle value = frame_acc(f);
  if (lookup.kind == DYN_CONTEXT) {
    Tagged c = H(lookup.holder);
    if (is_the_hole(iso, context_get(c, lookup.slot)) && scope_info_mode_has_tdz(lookup.mode)) {
      return throw_tdz(iso, H(name));
    }
    if (scope_info_mode_is_immutable(lookup.mode)) return throw_const_assignment(iso);
    if (lookup.mode == VAR_MODE_FUNCTION_NAME) {
      if (strict) return throw_const_assignment(iso);
      return true;
    }
    context_set(c, lookup.slot, H(value));
    return true;
  }
  if (lookup.kind == DYN_OBJECT) {
    if (lookup.is_with &&
        with_binding_still_exists(iso, lookup.holder, name, strict) == RT_EXCEPTION) {
      return false;
    }
    return runtime_set_property(iso, lookup.holder, name, value, strict);
  }
  return store_global(iso, name, value, strict);
}

bool op_lda_lookup_this(Isolate *iso, JSFrame *f, uint32_t name_idx) {
  Handle name = handle_new(iso, frame_constant(f, name_idx));
  JSStack *s = iso->js_stack;
  if (s->last_lookup_name == H(name)) { /* the callee's lookup just ran */
    s->last_lookup_name = 0;
    frame_set_acc(f, s->last_lookup_this);
    return true;
  }
  DynLookup lookup;
  if (!dyn_lookup(iso, f, name, &lookup)) return false;
  frame_set_acc(f, lookup.kind == DYN_OBJECT && lookup.is_with ? H(lookup.holder)
                                                                : ROOT(iso, undefined_value));
  return true;
}

bool op_delete_lookup(Isolate *iso, JSFrame *f, uint32_t name_idx) {
  Handle name = handle_new(iso, frame_constant(f, name_idx));
  DynLookup lookup;
  if (!dyn_lookup(iso, f, name, &lookup)) return false;
  RuntimeMaybeBool r = RT_FALSE;
  if (lookup.kind == DYN_OBJECT) {
    r = runtime_delete(iso, lookup.holder, name);
  } else if (lookup.kind == DYN_GLOBAL) {
    if (context_script_scope_lookup(iso, iso->native_context, H(name), NULL) >= 0) {
      r = RT_FALSE;
    } else {
      r = runtime_delete(iso, global_object(iso), name);
    }
  }
  if (r == RT_EXCEPTION) return false;
  frame_set_acc(f, isolate_boolean(iso, r == RT_TRUE));
  return true;
}

/* ---- references resolved before their value (13.15.2 step 1.a) ---------------------- */

Handle interpreter_resolve_binding(Isolate *iso, JSFrame *f, Handle name) {
  DynLookup lookup;
  if (!dyn_lookup(iso, f, name, &lookup)) return HANDLE_NULL;
  if (lookup.kind == DYN_CONTEXT || lookup.kind == DYN_OBJECT) return lookup.holder;
  return ROOT_HANDLE(iso, undefined_value);
}

/* The slot and mode of name in a holder Context. */
static int holder_slot(Tagged context, Tagged name, int *mode) {
  return scope_info_context_slot_index(context_scope_info(context), name, mode);
}

Handle interpreter_get_binding(Isolate *iso, JSFrame *f, Handle holder, Handle name) {
  int mode;
  if (is_context(H(holder))) {
    int slot = holder_slot(H(holder), H(name), &mode);
    if (slot < 0) return ROOT_HANDLE(iso, undefined_value);
    Tagged v = context_get(H(holder), slot);
    if (is_the_hole(iso, v) && scope_info_mode_has_tdz(mode)) {
      throw_tdz(iso, H(name));
      return HANDLE_NULL;
    }
    return handle_new(iso, v);
  }
  if (is_js_receiver(H(holder))) {  /* 9.1.1.2.6 GetBindingValue of an object record */
    RuntimeMaybeBool still = with_binding_still_exists(iso, holder, name, frame_is_strict(f));
    if (still == RT_EXCEPTION) return HANDLE_NULL;
    if (still == RT_FALSE) return ROOT_HANDLE(iso, undefined_value);
    return runtime_get(iso, holder, name, holder);
  }
  if (!load_global(iso, f, name, false)) return HANDLE_NULL;
  return handle_new(iso, H(frame_acc(f)));
}

bool interpreter_set_binding(Isolate *iso, JSFrame *f, Handle holder, Handle name,
                             Handle value, bool strict) {
  (void)f;
  int mode;
  if (is_context(H(holder))) {
    int slot = holder_slot(H(holder), H(name), &mode);
    if (slot < 0) return store_global(iso, name, value, strict);
    if (is_the_hole(iso, context_get(H(holder), slot)) && scope_info_mode_has_tdz(mode))
      return throw_tdz(iso, H(name));
    if (scope_info_mode_is_immutable(mode)) return throw_const_assignment(iso);
    if (mode == VAR_MODE_FUNCTION_NAME) return strict ? throw_const_assignment(iso) : true;
    context_set(H(holder), slot, H(value));
    return true;
  }
  if (is_js_receiver(H(holder))) {  /* 9.1.1.2.5 SetMutableBinding of an object record */
    if (with_binding_still_exists(iso, holder, name, strict) == RT_EXCEPTION) return false;
    return runtime_set_property(iso, holder, name, value, strict);
  }
  return store_global(iso, name, value, strict);
}
