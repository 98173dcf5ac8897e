/*
 * compiler.c: parse, resolve scopes, generate bytecode (see compiler.h).
 */
#include "interpreter/compiler.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interpreter/bytecode-array-printer.h"
#include "interpreter/bytecode-generator.h"
#include "objects/js-objects.h"
#include "objects/scope-info.h"
#include "objects/script.h"
#include "objects/source-text-module.h"
#include "heap/factory.h"
#include "objects/string.h"
#include "parsing/parser.h"
#include "runtime/runtime.h"

/* runtime_new_error makes errors with the current realm's prototypes; until the runtime
 * is linked in (unit tests of the compiler alone), the isolate's plain errors do. */
extern Handle runtime_new_error(Isolate *iso, ErrorKind kind, Handle message)
    __attribute__((weak));

static void compiler_set_property(Isolate *iso, Handle obj, const char *name, Handle value) {
  Handle key = string_internalize_utf8(iso, name, strlen(name));
  if (handle_is_null(key) || handle_is_null(value)) return;
  js_object_define_own_property(iso, obj, key, value, DONT_ENUM);
}

/* Throws the parser's error with its position attached (see compiler.h). */
static void compiler_throw_parse_error(Isolate *iso, ParseInfo *info, Handle filename) {
  ErrorKind kind = info->error.kind == PARSE_ERROR_RANGE ? kError_RANGE_ERROR
                                                         : kError_SYNTAX_ERROR;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle message = string_new_utf8(iso, info->error.message, strlen(info->error.message));
  Handle error = HANDLE_NULL;
  if (!handle_is_null(message)) {
    if (runtime_new_error && iso->native_context) {
      error = runtime_new_error(iso, kind, message);
    } else {
      isolate_throw_error(iso, kind, "%s", info->error.message);
      if (isolate_has_pending_exception(iso)) error = handle_new(iso, iso->pending_exception);
      isolate_clear_pending_exception(iso);
    }
  }
  if (!handle_is_null(error) && is_js_object(H(error))) {
    if (is_string(H(filename))) compiler_set_property(iso, error, "fileName", filename);
    compiler_set_property(iso, error, "lineNumber",
                          handle_new(iso, smi_from_int(info->error.line)));
    compiler_set_property(iso, error, "columnNumber",
                          handle_new(iso, smi_from_int(info->error.column)));
    isolate_clear_pending_exception(iso);
    isolate_throw(iso, H(error));
  } else if (!isolate_has_pending_exception(iso)) {
    isolate_throw_out_of_memory(iso);
  }
  handle_scope_close(&scope);
}

static char *filename_utf8(Isolate *iso, Handle filename) {
  if (!is_string(H(filename))) return NULL;
  size_t len;
  return string_to_utf8(iso, H(filename), &len);
}

/* Resolves and generates a parsed program. */
static Handle compiler_generate(Isolate *iso, Zone *zone, AstNode *program, Handle script,
                                bool is_eval, bool is_direct_eval) {
  CompileJob job;
  memset(&job, 0, sizeof job);
  job.iso = iso;
  job.zone = zone;
  job.script = script;
  job.is_eval = is_eval;
  job.is_direct_eval = is_direct_eval;
  job.res.stack_limit = iso->c_stack_limit;
  scopes_resolve(&job.res, zone, program, is_direct_eval);
  if (job.res.too_deep) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Maximum call stack size exceeded");
    return HANDLE_NULL;
  }
  Handle sfi = gen_compile_program(&job, program);
  if (handle_is_null(sfi) && !isolate_has_pending_exception(iso))
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "compilation failed");
  return sfi;
}

static Handle compiler_compile_toplevel(Isolate *iso, Handle source, Handle filename,
                                        ParseInfo *info, bool is_eval, bool is_direct) {
  HandleScope scope;
  handle_scope_open_escapable(iso, &scope);
  Handle result = HANDLE_NULL;
  size_t len = 0;
  char *text = string_to_utf8(iso, H(source), &len);
  char *fname = filename_utf8(iso, filename);
  Zone *zone = zone_new();
  if (text == NULL || zone == NULL) {
    isolate_throw_out_of_memory(iso);
  } else {
    info->source = text;
    info->length = len;
    info->filename = fname;
    info->allow_natives_syntax = iso->flags.allow_natives_syntax;
    if (!parser_parse(zone, info)) {
      compiler_throw_parse_error(iso, info, filename);
    } else {
      Handle script = script_new(iso, source, filename, is_eval ? SCRIPT_IS_EVAL : 0);
      if (!handle_is_null(script)) {
        Handle sfi = compiler_generate(iso, zone, info->program, script, is_eval, is_direct);
        if (!handle_is_null(sfi) && iso->flags.print_bytecode)
          bytecode_print_function(iso, H(sfi), stdout);
        if (!handle_is_null(sfi)) result = handle_scope_escape(&scope, sfi);
      }
    }
  }
  if (zone) zone_free(zone);
  free(text);
  free(fname);
  handle_scope_close(&scope);
  return result;
}

Handle compiler_compile_script(Isolate *iso, Handle source, Handle filename) {
  ParseInfo info;
  memset(&info, 0, sizeof info);
  return compiler_compile_toplevel(iso, source, filename, &info, false, false);
}

Handle compiler_compile_indirect_eval(Isolate *iso, Handle source) {
  ParseInfo info;
  memset(&info, 0, sizeof info);
  info.is_eval = true;
  return compiler_compile_toplevel(iso, source, ROOT_HANDLE(iso, undefined_value), &info,
                                   true, false);
}

/* What the code around a direct eval allows (ES2025 19.2.1.1 steps 5-8): read from the
 * ScopeInfo of the nearest non-arrow function scope on the context chain. Also collects
 * the private names of enclosing classes. */
typedef struct {
  char *names[64];
  int count;
} PrivateNames;

static void eval_context_flags(Isolate *iso, Tagged context, ParseInfo *info,
                               PrivateNames *privates) {
  bool found_function = false;
  for (Tagged c = context; is_heap_object(c) && is_context(c) && !is_native_context(c);
       c = context_previous(c)) {
    Tagged si = context_scope_info(c);
    if (!is_heap_object(si) || heap_object_type(si) != SCOPE_INFO_TYPE) continue;
    int n = scope_info_context_local_count(si);
    for (int i = 0; i < n && privates->count < 64; i++) {
      if (scope_info_context_local_mode(si, i) != VAR_MODE_PRIVATE_NAME) continue;
      size_t len;
      char *name = string_to_utf8(iso, scope_info_context_local_name(si, i), &len);
      if (name) privates->names[privates->count++] = name;
    }
    if (found_function || scope_info_kind(si) != SCOPE_FUNCTION) continue;
    if (scope_info_flags(si) & SCOPE_INFO_ARROW) continue;
    found_function = true;
    AstFunctionKind kind = (AstFunctionKind)scope_info_function_kind(si);
    info->allow_new_target = true;
    info->allow_arguments = true;
    switch (kind) {
      case AST_FUNC_METHOD: case AST_FUNC_GETTER: case AST_FUNC_SETTER:
      case AST_FUNC_CLASS_CONSTRUCTOR:
        info->allow_super_property = true;
        break;
      case AST_FUNC_DERIVED_CONSTRUCTOR:
        info->allow_super_property = info->allow_super_call = true;
        break;
      case AST_FUNC_CLASS_FIELDS_INIT:
      case AST_FUNC_CLASS_STATIC_INIT:
        info->allow_super_property = true;
        info->in_class_field_initializer = true;
        info->allow_arguments = false;
        break;
      default: break;
    }
  }
}

Handle compiler_compile_eval(Isolate *iso, Handle source, Handle outer_sfi, Handle context,
                             bool strict, int eval_position) {
  (void)outer_sfi;
  (void)eval_position;
  ParseInfo info;
  memset(&info, 0, sizeof info);
  info.is_eval = true;
  info.is_strict = strict;
  PrivateNames privates;
  privates.count = 0;
  eval_context_flags(iso, H(context), &info, &privates);
  info.outer_private_name_count = privates.count;
  info.outer_private_names = (const char *const *)privates.names;
  Handle result = compiler_compile_toplevel(iso, source, ROOT_HANDLE(iso, undefined_value),
                                            &info, true, true);
  for (int i = 0; i < privates.count; i++) free(privates.names[i]);
  return result;
}

Handle compiler_compile_dynamic_function(Isolate *iso, Handle params, Handle body, int kind) {
  HandleScope scope;
  handle_scope_open_escapable(iso, &scope);
  Handle result = HANDLE_NULL;
  size_t plen = 0, blen = 0;
  char *ptext = string_to_utf8(iso, H(params), &plen);
  char *btext = string_to_utf8(iso, H(body), &blen);
  Zone *zone = zone_new();
  ParseInfo info;
  memset(&info, 0, sizeof info);
  AstNode *fn_node = NULL;
  if (!ptext || !btext || !zone) {
    isolate_throw_out_of_memory(iso);
  } else if (!parser_parse_dynamic_function(zone, &info, ptext, plen, btext, blen,
                                            kind == 2 || kind == 3, kind == 1 || kind == 3,
                                            &fn_node)) {
    compiler_throw_parse_error(iso, &info, ROOT_HANDLE(iso, undefined_value));
  } else {
    Handle src = string_new_utf8(iso, info.source, info.length);
    Handle script = handle_is_null(src) ? src
                    : script_new(iso, src, ROOT_HANDLE(iso, undefined_value), SCRIPT_IS_EVAL);
    if (!handle_is_null(script)) {
      CompileJob job;
      memset(&job, 0, sizeof job);
      job.iso = iso;
      job.zone = zone;
      job.script = script;
      job.res.stack_limit = iso->c_stack_limit;
      scopes_resolve(&job.res, zone, info.program, false);
      Handle sfi = job.res.too_deep ? HANDLE_NULL
                                    : gen_compile_function(&job, &fn_node->u.function, NULL, NULL);
      if (job.res.too_deep)
        isolate_throw_error(iso, kError_RANGE_ERROR, "Maximum call stack size exceeded");
      if (!handle_is_null(sfi) && iso->flags.print_bytecode)
        bytecode_print_function(iso, H(sfi), stdout);
      if (!handle_is_null(sfi)) result = handle_scope_escape(&scope, sfi);
      else if (!isolate_has_pending_exception(iso))
        isolate_throw_error(iso, kError_SYNTAX_ERROR, "compilation failed");
    }
  }
  if (zone) zone_free(zone);
  free(ptext);
  free(btext);
  handle_scope_close(&scope);
  return result;
}

/* ---- modules (ES2025 16.2.1.7 ParseModule) ---------------------------------------------- */

/* The module record's entry lists, built from the AST (see SOURCE_TEXT_MODULE_FIELDS). */
typedef struct {
  Isolate *iso;
  Handle requests, imports, local_exports, indirect_exports, star_exports;
  int request_count, import_count, local_count, indirect_count, star_count;
  bool failed;
} ModuleLists;

static Handle ast_name(Isolate *iso, const AstString *s) {
  if (s == NULL) return ROOT_HANDLE(iso, undefined_value);
  return string_internalize_utf8(iso, s->data, s->byte_length);
}

/* Appends values to the list *arr (count in *count entries of stride values). */
static void lists_append(ModuleLists *l, Handle *arr, int *count, int stride, const Handle *values) {
  if (l->failed) return;
  int64_t need = (int64_t)(*count + 1) * stride;
  if (need > fixed_array_length(H(*arr))) {
    Handle grown = factory_copy_fixed_array(l->iso, *arr, need * 2, ROOT(l->iso, undefined_value));
    if (handle_is_null(grown)) { l->failed = true; return; }
    *arr = grown;
  }
  for (int i = 0; i < stride; i++) {
    if (handle_is_null(values[i])) { l->failed = true; return; }
    fixed_array_set(H(*arr), (int64_t)*count * stride + i, H(values[i]));
  }
  (*count)++;
}

/* The index of the request (specifier, type), added when new. */
static int module_request(ModuleLists *l, const AstModuleDecl *m) {
  Isolate *iso = l->iso;
  Handle spec = ast_name(iso, m->specifier), type = ast_name(iso, m->attr_type);
  if (handle_is_null(spec) || handle_is_null(type)) { l->failed = true; return 0; }
  Tagged phase = smi_from_int(m->phase);
  for (int i = 0; i < l->request_count; i++) {
    if (fixed_array_get(H(l->requests), i * 3) == H(spec) &&
        fixed_array_get(H(l->requests), i * 3 + 1) == H(type) &&
        fixed_array_get(H(l->requests), i * 3 + 2) == phase)
      return i;
  }
  Handle values[3] = {spec, type, handle_new(iso, phase)};
  lists_append(l, &l->requests, &l->request_count, 3, values);
  return l->request_count - 1;
}

static void add_local_export(ModuleLists *l, const AstString *exported, const AstString *local) {
  Handle values[2] = {ast_name(l->iso, exported), ast_name(l->iso, local)};
  lists_append(l, &l->local_exports, &l->local_count, 2, values);
}

static void bound_names_export(ModuleLists *l, AstNode *n) {
  if (n == NULL) return;
  switch (n->kind) {
    case AST_IDENTIFIER: add_local_export(l, n->u.ident.name, n->u.ident.name); break;
    case AST_ARRAY_PATTERN:
      for (int i = 0; i < n->u.array.elements.length; i++)
        bound_names_export(l, n->u.array.elements.items[i]);
      break;
    case AST_OBJECT_PATTERN:
      for (int i = 0; i < n->u.object.count; i++) bound_names_export(l, n->u.object.properties[i].value);
      break;
    case AST_ASSIGN_PATTERN: bound_names_export(l, n->u.assign.target); break;
    case AST_REST_ELEMENT: bound_names_export(l, n->u.unary.operand); break;
    default: break;
  }
}

/* The import entry binding local, or -1. */
static int find_import(ModuleLists *l, Handle local) {
  for (int i = 0; i < l->import_count; i++)
    if (fixed_array_get(H(l->imports), (int64_t)i * 3 + 2) == H(local)) return i;
  return -1;
}

static void collect_import(ModuleLists *l, AstModuleDecl *m) {
  int request = module_request(l, m);
  for (int i = 0; i < m->entry_count; i++) {
    Handle values[3] = {handle_new(l->iso, smi_from_int(request)),
                        ast_name(l->iso, m->entries[i].import_name),
                        ast_name(l->iso, m->entries[i].local_name)};
    lists_append(l, &l->imports, &l->import_count, 3, values);
  }
}

static void collect_export_declaration(ModuleLists *l, AstModuleDecl *m) {
  AstNode *d = m->declaration;
  if (m->is_default) {
    const AstString *local = NULL;
    if (d->kind == AST_FUNCTION_DECL && d->u.function.decl_var == NULL) local = d->u.function.name;
    else if (d->kind == AST_FUNCTION_DECL) local = d->u.function.decl_var->name;
    else if (d->kind == AST_CLASS_DECL && d->u.class_lit.name) local = d->u.class_lit.name;
    else if (d->kind == AST_CLASS_DECL && d->u.class_lit.decl_var) local = d->u.class_lit.decl_var->name;
    Handle values[2] = {string_internalize_utf8(l->iso, "default", 7),
                        local ? ast_name(l->iso, local)
                              : string_internalize_utf8(l->iso, "*default*", 9)};
    lists_append(l, &l->local_exports, &l->local_count, 2, values);
    return;
  }
  if (d->kind == AST_VAR_DECL) {
    for (int i = 0; i < d->u.var_decl.count; i++) bound_names_export(l, d->u.var_decl.declarators[i].target);
  } else if (d->kind == AST_FUNCTION_DECL) {
    add_local_export(l, d->u.function.name, d->u.function.name);
  } else if (d->kind == AST_CLASS_DECL) {
    add_local_export(l, d->u.class_lit.name, d->u.class_lit.name);
  }
}

/* `export { a as b }` (no from): a local export, or re-exports of an import (16.2.1.7.1
 * ParseModule step 10.b). Imports are all collected first. */
static void collect_export_list(ModuleLists *l, AstModuleDecl *m) {
  Isolate *iso = l->iso;
  for (int i = 0; i < m->entry_count; i++) {
    Handle local = ast_name(iso, m->entries[i].import_name);
    Handle exported = ast_name(iso, m->entries[i].local_name);
    if (handle_is_null(local) || handle_is_null(exported)) { l->failed = true; return; }
    int ie = find_import(l, local);
    /* A re-exported namespace import is an indirect export of the whole namespace (as
     * `export * as x from`), so both resolve to the same binding, never ambiguously; a
     * deferred namespace or a module source stays a local binding. */
    bool other_phase = false;
    if (ie >= 0 && is_undefined(iso, fixed_array_get(H(l->imports), (int64_t)ie * 3 + 1))) {
      int request = smi_value(fixed_array_get(H(l->imports), (int64_t)ie * 3));
      other_phase = smi_value(fixed_array_get(H(l->requests), (int64_t)request * 3 + 2)) != AST_PHASE_EVALUATION;
    }
    if (ie < 0 || other_phase) {
      Handle values[2] = {exported, local};
      lists_append(l, &l->local_exports, &l->local_count, 2, values);
    } else {
      Handle values[3] = {exported, handle_new(iso, fixed_array_get(H(l->imports), (int64_t)ie * 3)),
                          handle_new(iso, fixed_array_get(H(l->imports), (int64_t)ie * 3 + 1))};
      lists_append(l, &l->indirect_exports, &l->indirect_count, 3, values);
    }
  }
}

static void collect_export_from(ModuleLists *l, AstModuleDecl *m) {
  int request = module_request(l, m);
  Handle req = handle_new(l->iso, smi_from_int(request));
  if (m->is_star && m->entry_count == 0) {
    lists_append(l, &l->star_exports, &l->star_count, 1, &req);
    return;
  }
  for (int i = 0; i < m->entry_count; i++) {  /* export * as ns / export { a as b } from */
    Handle values[3] = {ast_name(l->iso, m->entries[i].local_name), req,
                        ast_name(l->iso, m->entries[i].import_name)};
    lists_append(l, &l->indirect_exports, &l->indirect_count, 3, values);
  }
}

static bool collect_module_lists(Isolate *iso, AstProgram *p, ModuleLists *l) {
  memset(l, 0, sizeof *l);
  l->iso = iso;
  Handle *arrays[5] = {&l->requests, &l->imports, &l->local_exports, &l->indirect_exports,
                       &l->star_exports};
  for (int i = 0; i < 5; i++) {
    *arrays[i] = factory_new_fixed_array(iso, 8);
    if (handle_is_null(*arrays[i])) return false;
  }
  /* Requests in source order (ModuleRequests), then entries by kind. */
  for (int i = 0; i < p->body.length; i++) {
    AstNode *n = p->body.items[i];
    if (n && (n->kind == AST_IMPORT_DECL || n->kind == AST_EXPORT_DECL) && n->u.module_decl.specifier)
      module_request(l, &n->u.module_decl);
  }
  for (int i = 0; i < p->body.length; i++) {
    AstNode *n = p->body.items[i];
    if (n && n->kind == AST_IMPORT_DECL) collect_import(l, &n->u.module_decl);
  }
  for (int i = 0; i < p->body.length && !l->failed; i++) {
    AstNode *n = p->body.items[i];
    if (n == NULL || n->kind != AST_EXPORT_DECL) continue;
    AstModuleDecl *m = &n->u.module_decl;
    if (m->declaration) collect_export_declaration(l, m);
    else if (m->specifier) collect_export_from(l, m);
    else collect_export_list(l, m);
  }
  /* Trim to the exact lengths. */
  int counts[5] = {l->request_count * 3, l->import_count * 3, l->local_count * 2,
                   l->indirect_count * 3, l->star_count};
  for (int i = 0; i < 5 && !l->failed; i++) {
    *arrays[i] = factory_copy_fixed_array(iso, *arrays[i], counts[i], ROOT(iso, undefined_value));
    if (handle_is_null(*arrays[i])) l->failed = true;
  }
  return !l->failed;
}

/* Makes the module scope the body of a synthetic generator function (async with top-level
 * await): the scopes of the top level belong to it, and named imports become
 * VAR_LOCATION_MODULE (index: their import entry). */
static void claim_scopes(AstScope *s, AstFunction *fn) {
  if (s->function == NULL) s->function = fn;
  for (AstScope *c = s->first_inner; c; c = c->next_sibling) {
    if (c->function == NULL) claim_scopes(c, fn);
  }
}

static AstFunction *module_function(Zone *zone, AstNode *program, ModuleLists *l) {
  AstProgram *p = &program->u.program;
  AstFunction *fn = zone_alloc_zeroed(zone, sizeof(AstFunction));
  fn->kind = AST_FUNC_NORMAL;
  fn->is_generator = true;
  fn->is_async = p->has_top_level_await;
  fn->is_strict = true;
  fn->has_simple_params = true;
  fn->body = p->body;
  fn->scope = fn->body_scope = p->scope;
  fn->start = 0;
  fn->end = p->scope->end;
  fn->function_id = -1;
  claim_scopes(p->scope, fn);
  for (int i = 0; i < l->import_count; i++) {
    if (is_undefined(l->iso, fixed_array_get(H(l->imports), (int64_t)i * 3 + 1))) continue;
    size_t n;
    char *local = string_to_utf8(l->iso, fixed_array_get(H(l->imports), (int64_t)i * 3 + 2), &n);
    AstVariable *v = local ? scopes_find_local(p->scope, local) : NULL;
    free(local);
    if (v == NULL) continue;
    v->location = VAR_LOCATION_MODULE;
    v->index = i;
  }
  return fn;
}

Handle compiler_compile_module(Isolate *iso, Handle source, Handle filename, Handle host_defined) {
  HandleScope scope;
  handle_scope_open_escapable(iso, &scope);
  Handle result = HANDLE_NULL;
  size_t len = 0;
  char *text = string_to_utf8(iso, H(source), &len);
  char *fname = filename_utf8(iso, filename);
  Zone *zone = zone_new();
  ParseInfo info;
  memset(&info, 0, sizeof info);
  info.is_module = true;
  ModuleLists lists;
  if (text == NULL || zone == NULL) {
    isolate_throw_out_of_memory(iso);
  } else {
    info.source = text;
    info.length = len;
    info.filename = fname;
    if (!parser_parse(zone, &info)) {
      compiler_throw_parse_error(iso, &info, filename);
    } else if (collect_module_lists(iso, &info.program->u.program, &lists)) {
      Handle script = script_new(iso, source, filename, 0);
      CompileJob job;
      memset(&job, 0, sizeof job);
      job.iso = iso;
      job.zone = zone;
      job.script = script;
      job.res.stack_limit = iso->c_stack_limit;
      Handle sfi = HANDLE_NULL;
      if (!handle_is_null(script)) {
        scopes_resolve(&job.res, zone, info.program, false);
        AstFunction *fn = module_function(zone, info.program, &lists);
        if (job.res.too_deep)
          isolate_throw_error(iso, kError_RANGE_ERROR, "Maximum call stack size exceeded");
        else
          sfi = gen_compile_function(&job, fn, NULL, NULL);
        if (handle_is_null(sfi) && !isolate_has_pending_exception(iso))
          isolate_throw_error(iso, kError_SYNTAX_ERROR, "compilation failed");
      }
      if (!handle_is_null(sfi) && iso->flags.print_bytecode) bytecode_print_function(iso, H(sfi), stdout);
      Handle m = handle_is_null(sfi) ? sfi
                 : source_text_module_new(iso, sfi, lists.requests, lists.imports,
                                          lists.local_exports, lists.indirect_exports,
                                          lists.star_exports,
                                          info.program->u.program.has_top_level_await,
                                          host_defined);
      if (!handle_is_null(m)) result = handle_scope_escape(&scope, m);
    } else if (!isolate_has_pending_exception(iso)) {
      isolate_throw_out_of_memory(iso);
    }
  }
  if (zone) zone_free(zone);
  free(text);
  free(fname);
  handle_scope_close(&scope);
  return result;
}
