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
