/*
 * parser.h: the ES2025 recursive-descent parser: source text -> AST (parsing/ast.h) with its
 * scope tree, checking the early errors of the spec (ECMA-262 "Static Semantics: Early
 * Errors") and reporting the first one as a SyntaxError with a position.
 *
 * Usage:
 *   Zone *zone = zone_new();
 *   ParseInfo info = {.source = text, .length = n, .filename = "a.js"};
 *   if (!parser_parse(zone, &info)) report(info.error);   // SyntaxError or RangeError
 *   else generate(info.program);                         // AST_PROGRAM
 *   zone_free(zone);                                      // frees the whole AST
 *
 * Nesting is limited (kParserMaxDepth levels of expressions/statements): deeper input gives
 * "RangeError: Maximum call stack size exceeded" instead of exhausting the C stack. Binary
 * operator chains, else-if chains and statement lists are iterative and unlimited.
 *
 * Positions are byte offsets into the UTF-8 source; parser_line_column converts one to a
 * 1-based line and a 1-based column counted in UTF-16 code units (as JS engines report).
 */
#ifndef KILN_PARSING_PARSER_H_
#define KILN_PARSING_PARSER_H_

#include <stdbool.h>
#include <stddef.h>

#include "parsing/ast.h"
#include "parsing/zone.h"

enum { kParserMaxDepth = 1500 };

typedef enum {
  PARSE_ERROR_NONE,
  PARSE_ERROR_SYNTAX,  /* SyntaxError */
  PARSE_ERROR_RANGE,   /* RangeError: nesting too deep or out of memory */
} ParseErrorKind;

typedef struct ParseInfo {
  /* Inputs */
  const char *source;          /* UTF-8 (WTF-8 allowed); need not be NUL-terminated */
  size_t length;
  const char *filename;        /* for messages; may be NULL */
  bool is_module;              /* Module goal: strict, import/export, top-level await */
  bool is_strict;              /* start in strict mode (strict direct eval) */
  bool allow_natives_syntax;   /* %Name(args) calls a native (runtime/runtime-test.h) */
  /* Direct eval: what the code around the eval allows (ES2025 19.2.1.1 PerformEval steps
   * 5-8 and the class-field rules of 19.2.1.1 step 11 / 15.7.1). With is_eval the
   * program's scope is SCOPE_EVAL. An indirect eval is a plain script (is_eval may be
   * set with all the allow_ flags false: then new.target/super are errors). */
  bool is_eval;
  bool allow_new_target, allow_super_property, allow_super_call, allow_arguments;
  bool in_class_field_initializer;  /* eval inside a field initializer: `arguments` error */
  /* Private names (with their '#') visible from enclosing classes (direct eval in a class
   * body), for AllPrivateIdentifiersValid. */
  int outer_private_name_count;
  const char *const *outer_private_names;

  /* Results */
  AstNode *program;            /* AST_PROGRAM on success */
  int function_count;          /* function_ids are 0..function_count-1 */
  struct {
    ParseErrorKind kind;
    char message[256];         /* without the "SyntaxError: " prefix */
    int line, column;          /* 1-based; column in UTF-16 units */
    int pos;                   /* byte offset */
  } error;
} ParseInfo;

/* Parses info->source as a Script (or Module / eval code per the flags). On success sets
 * info->program and returns true; on failure fills info->error and returns false. Every
 * node lives in zone. */
bool parser_parse(Zone *zone, ParseInfo *info);

/* ES2025 20.2.1.1.1 CreateDynamicFunction steps 13-26: parses params and body separately
 * (each must be valid on its own: a body cannot close the parameter list, and so on), then
 * the assembled "(async) function(*) anonymous(params\n) {\nbody\n}" source. info->source
 * is ignored on input; on success info->source/length point at the assembled text (zone
 * memory, kept for Function.prototype.toString), info->program holds the wrapping program
 * and *function_out the AST_FUNCTION (named "anonymous"). */
bool parser_parse_dynamic_function(Zone *zone, ParseInfo *info, const char *params,
                                   size_t params_length, const char *body, size_t body_length,
                                   bool is_async, bool is_generator, AstNode **function_out);

/* The 1-based line and column (UTF-16 units) of byte offset pos. Line terminators are LF,
 * CR, CR LF, U+2028 and U+2029. */
void parser_line_column(const char *source, size_t length, int pos, int *line, int *column);

#endif /* KILN_PARSING_PARSER_H_ */
