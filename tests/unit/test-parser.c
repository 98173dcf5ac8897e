/* test-parser.c: the parser (parsing/parser.c): ASTs, early errors, scopes. */
#include <stdlib.h>
#include <string.h>

#include "parsing/ast.h"
#include "parsing/parser.h"
#include "parsing/zone.h"
#include "test.h"

enum { F_MODULE = 1, F_STRICT = 2 };

/* Parses src; on success returns the AST dump (malloc'd), else NULL with *info filled. */
static char *parse_dump(const char *src, int flags, ParseInfo *info) {
  memset(info, 0, sizeof *info);
  info->source = src;
  info->length = strlen(src);
  info->is_module = flags & F_MODULE;
  info->is_strict = flags & F_STRICT;
  Zone *zone = zone_new();
  char *out = NULL;
  if (parser_parse(zone, info)) {
    size_t size;
    FILE *f = open_memstream(&out, &size);
    ast_print(f, info->program);
    fclose(f);
  }
  zone_free(zone);
  return out;
}

/* The dump of the program's statements, without "(PROGRAM [" and "])". */
static bool check_ast(const char *src, const char *expected) {
  ParseInfo info;
  char *out = parse_dump(src, 0, &info);
  if (!out) {
    fprintf(stderr, "  %s: %d:%d %s\n", src, info.error.line, info.error.column, info.error.message);
    return false;
  }
  size_t n = strlen(out);
  bool ok = n > 12 && strncmp(out + 10, expected, n - 12) == 0 && strlen(expected) == n - 12;
  if (!ok) fprintf(stderr, "  %s\n    got      %.*s\n    expected %s\n", src, (int)(n - 12), out + 10, expected);
  free(out);
  return ok;
}

static bool check_error(const char *src, int flags, int line, int column, const char *message) {
  ParseInfo info;
  char *out = parse_dump(src, flags, &info);
  if (out) {
    fprintf(stderr, "  %s: parsed, expected error '%s'\n", src, message);
    free(out);
    return false;
  }
  bool ok = (line == 0 || (info.error.line == line && info.error.column == column)) &&
            strstr(info.error.message, message) != NULL;
  if (!ok)
    fprintf(stderr, "  %s: got %d:%d '%s', expected %d:%d '%s'\n", src, info.error.line,
            info.error.column, info.error.message, line, column, message);
  return ok;
}

static bool check_ok(const char *src, int flags) {
  ParseInfo info;
  char *out = parse_dump(src, flags, &info);
  if (!out) fprintf(stderr, "  %s: %d:%d %s\n", src, info.error.line, info.error.column, info.error.message);
  free(out);
  return out != NULL;
}

TEST(parser, expressions_precedence) {
  EXPECT(check_ast("a + b * c - d;", "(EXPRESSION_STMT (BINARY - (BINARY + a (BINARY * b c)) d))"));
  EXPECT(check_ast("a ** b ** c;", "(EXPRESSION_STMT (BINARY ** a (BINARY ** b c)))"));
  EXPECT(check_ast("(-a) ** b;", "(EXPRESSION_STMT (BINARY ** (UNARY - a) b))"));
  EXPECT(check_ast("a || b && c | d ^ e & f;",
                   "(EXPRESSION_STMT (LOGICAL || a (LOGICAL && b (BINARY | c (BINARY ^ d (BINARY & e f))))))"));
  EXPECT(check_ast("a ?? (b || c);", "(EXPRESSION_STMT (LOGICAL ?? a (LOGICAL || b c)))"));
  EXPECT(check_ast("a < b == c instanceof d;", "(EXPRESSION_STMT (BINARY == (BINARY < a b) (BINARY instanceof c d)))"));
  EXPECT(check_ast("a = b ? c : d = e;", "(EXPRESSION_STMT (ASSIGN = a (CONDITIONAL b c (ASSIGN = d e))))"));
  EXPECT(check_ast("x &&= y; x ||= y; x ?\?= y; x >>>= 1;",
                   "(EXPRESSION_STMT (ASSIGN &&= x y)) (EXPRESSION_STMT (ASSIGN ||= x y)) "
                   "(EXPRESSION_STMT (ASSIGN ?\?= x y)) (EXPRESSION_STMT (ASSIGN >>>= x 1))"));
  EXPECT(check_ast("typeof void !~+-x;", "(EXPRESSION_STMT (UNARY typeof (UNARY void (UNARY ! (UNARY ~ (UNARY + (UNARY - x)))))))"));
  EXPECT(check_ast("++a.b; c--;", "(EXPRESSION_STMT (UPDATE prefix++ (MEMBER a b))) (EXPRESSION_STMT (UPDATE postfix-- c))"));
  EXPECT(check_ast("a, b, c;", "(EXPRESSION_STMT (SEQUENCE [a b c]))"));
  EXPECT(check_ast("new a.b(c).d;", "(EXPRESSION_STMT (MEMBER (NEW (MEMBER a b) [c]) d))"));
  EXPECT(check_ast("new new a()();", "(EXPRESSION_STMT (NEW (NEW a []) []))"));
  EXPECT(check_error("#x in o;", 0, 1, 1, "Private field '#x' must be declared"));
  EXPECT(check_ast("class C { #x; m(o) { #x in o; } }",
                   "(CLASS_DECL C (field (PRIVATE_NAME #x) _) (method m (FUNCTION method strict m [o] [(EXPRESSION_STMT (BINARY in (PRIVATE_NAME #x) o))])))"));
}

TEST(parser, member_call_optional_chain) {
  EXPECT(check_ast("a?.b.c;", "(EXPRESSION_STMT (OPTIONAL_CHAIN (MEMBER (MEMBER optional a b) c)))"));
  EXPECT(check_ast("(a?.b).c;", "(EXPRESSION_STMT (MEMBER (OPTIONAL_CHAIN (MEMBER optional a b)) c))"));
  EXPECT(check_ast("a?.[0]?.(1);", "(EXPRESSION_STMT (OPTIONAL_CHAIN (CALL optional (MEMBER optional computed a 0) [1])))"));
  EXPECT(check_ast("f(...a, b,);", "(EXPRESSION_STMT (CALL f [(SPREAD a) b]))"));
  EXPECT(check_ast("eval(x); (eval)(y); (0, eval)(z); eval?.(w);",
                   "(EXPRESSION_STMT (CALL eval eval [x])) (EXPRESSION_STMT (CALL eval eval [y])) "
                   "(EXPRESSION_STMT (CALL (SEQUENCE [0 eval]) [z])) (EXPRESSION_STMT (OPTIONAL_CHAIN (CALL optional eval [w])))"));
  EXPECT(check_ast("tag`a${b}c`;", "(EXPRESSION_STMT (TAGGED_TEMPLATE tag (TEMPLATE_LITERAL \"a\" b \"c\")))"));
  EXPECT(check_ast("tag`\\unicode`;", "(EXPRESSION_STMT (TAGGED_TEMPLATE tag (TEMPLATE_LITERAL <invalid>)))"));
  EXPECT(check_ast("a.if.class;", "(EXPRESSION_STMT (MEMBER (MEMBER a if) class))"));
}

TEST(parser, regexp_versus_division_and_asi) {
  EXPECT(check_ast("a = b / c / d;", "(EXPRESSION_STMT (ASSIGN = a (BINARY / (BINARY / b c) d)))"));
  EXPECT(check_ast("x = y\n/re/g.exec(z)", "(EXPRESSION_STMT (ASSIGN = x (BINARY / (BINARY / y re) (CALL (MEMBER g exec) [z]))))"));
  EXPECT(check_ast("{}/1/g", "(BLOCK []) (EXPRESSION_STMT (REGEXP_LITERAL /1/g))"));
  EXPECT(check_ast("a++ /b/ c", "(EXPRESSION_STMT (BINARY / (BINARY / (UPDATE postfix++ a) b) c))"));
  EXPECT(check_ast("a\n++b", "(EXPRESSION_STMT a) (EXPRESSION_STMT (UPDATE prefix++ b))"));
  EXPECT(check_ast("x = /[/]/.source", "(EXPRESSION_STMT (ASSIGN = x (MEMBER (REGEXP_LITERAL /[/]/) source)))"));
  EXPECT(check_ast("(a) /=/b/", "(EXPRESSION_STMT (ASSIGN /= a (REGEXP_LITERAL /b/)))"));
  EXPECT(check_ast("function f() { return\n1 }", "(FUNCTION_DECL normal f [] [(RETURN) (EXPRESSION_STMT 1)])"));
  EXPECT(check_ast("do x; while (0) y", "(DO_WHILE (EXPRESSION_STMT x) 0) (EXPRESSION_STMT y)"));
  EXPECT(check_ast("a\n(b)", "(EXPRESSION_STMT (CALL a [b]))"));
  EXPECT(check_ast("let\nx = 1", "(VAR_DECL let (x 1))"));
  EXPECT(check_error("a b", 0, 1, 3, "Unexpected identifier 'b'"));
  EXPECT(check_error("throw\n1", 0, 2, 1, "Illegal newline after throw"));
  EXPECT(check_error("x\n=>1", 0, 2, 1, "Unexpected token '=>'"));
  EXPECT(check_ok("for (;;) break\nfoo: ;", 0));
}

TEST(parser, literals_and_templates) {
  EXPECT(check_ast("[1, , ...a, ];", "(EXPRESSION_STMT (ARRAY_LITERAL [1 _ (SPREAD a)]))"));
  EXPECT(check_ast("({a, b: 1, [c]: 2, d() {}, get e() {}, set e(v) {}, ...f, __proto__: g, 1: h, 'i': j});",
                   "(EXPRESSION_STMT (OBJECT_LITERAL (init shorthand a a) (init b 1) (init computed c 2) "
                   "(method d (FUNCTION method d [] [])) (get e (FUNCTION getter e [] [])) "
                   "(set e (FUNCTION setter e [v] [])) (spread f) (proto __proto__ g) (init 1 h) (init \"i\" j)))"));
  EXPECT(check_ast("`a${1}b${2}c`;", "(EXPRESSION_STMT (TEMPLATE_LITERAL \"a\" 1 \"b\" 2 \"c\"))"));
  EXPECT(check_ast("0x10n; 1e3; .5;", "(EXPRESSION_STMT (BIGINT_LITERAL 10 radix 16)) (EXPRESSION_STMT 1000) (EXPRESSION_STMT 0.5)"));
  EXPECT(check_ast("({__proto__: a, __proto__: b} = c);",
                   "(EXPRESSION_STMT (ASSIGN = (OBJECT_PATTERN (init __proto__ a) (init __proto__ b)) c))"));
  EXPECT(check_ast("({__proto__: a, __proto__() {}, ['__proto__']: b});",
                   "(EXPRESSION_STMT (OBJECT_LITERAL (proto __proto__ a) (method __proto__ (FUNCTION method __proto__ [] [])) (init computed \"__proto__\" b)))"));
}

TEST(parser, destructuring_and_arrows) {
  EXPECT(check_ast("[a, [b], {c: d = 1, ...e}, ...f] = x;",
                   "(EXPRESSION_STMT (ASSIGN = (ARRAY_PATTERN [a (ARRAY_PATTERN [b]) (OBJECT_PATTERN (init c (ASSIGN_PATTERN d 1)) (spread e)) (REST_ELEMENT f)]) x))"));
  EXPECT(check_ast("({a = 1, b: c.d} = x);",
                   "(EXPRESSION_STMT (ASSIGN = (OBJECT_PATTERN (init shorthand a (ASSIGN_PATTERN a 1)) (init b (MEMBER c d))) x))"));
  EXPECT(check_ast("(a, {b}, [c] = d, ...e) => a;",
                   "(EXPRESSION_STMT (FUNCTION arrow [a (OBJECT_PATTERN (init shorthand b b)) (ASSIGN_PATTERN (ARRAY_PATTERN [c]) d) (REST_ELEMENT e)] [(RETURN a)]))"));
  EXPECT(check_ast("async (a) => await a; async x => x; async () => {};",
                   "(EXPRESSION_STMT (FUNCTION arrow async [a] [(RETURN (AWAIT a))])) "
                   "(EXPRESSION_STMT (FUNCTION arrow async [x] [(RETURN x)])) (EXPRESSION_STMT (FUNCTION arrow async [] []))"));
  EXPECT(check_ast("async(a, b);", "(EXPRESSION_STMT (CALL async [a b]))"));
  EXPECT(check_ast("x => y => x + y;", "(EXPRESSION_STMT (FUNCTION arrow [x] [(RETURN (FUNCTION arrow [y] [(RETURN (BINARY + x y))]))]))"));
  EXPECT(check_ast("let {a, b: [c]} = o, [d = 1] = p;",
                   "(VAR_DECL let ((OBJECT_PATTERN (init shorthand a a) (init b (ARRAY_PATTERN [c]))) o) ((ARRAY_PATTERN [(ASSIGN_PATTERN d 1)]) p))"));
  EXPECT(check_ok("for ([a, b] of c); for ({a} in b); for (let [a] of x); for (var {b} in y);", 0));
}

TEST(parser, statements) {
  EXPECT(check_ast("if (a) b; else if (c) d; else e;", "(IF a (EXPRESSION_STMT b) (IF c (EXPRESSION_STMT d) (EXPRESSION_STMT e)))"));
  EXPECT(check_ast("for (var i = 0; i < 3; i++) ;", "(FOR (VAR_DECL var (i 0)) (BINARY < i 3) (UPDATE postfix++ i) (EMPTY))"));
  EXPECT(check_ast("for (x in y) ; for (const z of w) ;", "(FOR_IN x y (EMPTY)) (FOR_OF (VAR_DECL const (z)) w (EMPTY))"));
  EXPECT(check_ast("for (var x = 1 in o);", "(FOR_IN (VAR_DECL var (x 1)) o (EMPTY))"));
  EXPECT(check_ast("switch (a) { case 1: b; default: c }", "(SWITCH a (case 1 [(EXPRESSION_STMT b)]) (default [(EXPRESSION_STMT c)]))"));
  EXPECT(check_ast("try { a } catch ({b}) { c } finally { d }",
                   "(TRY (BLOCK [(EXPRESSION_STMT a)]) (catch (OBJECT_PATTERN (init shorthand b b)) (BLOCK [(EXPRESSION_STMT c)])) (finally (BLOCK [(EXPRESSION_STMT d)])))"));
  EXPECT(check_ast("try {} catch {}", "(TRY (BLOCK []) (catch _ (BLOCK [])))"));
  EXPECT(check_ast("a: b: for (;;) continue a;", "(LABELED a (LABELED b (FOR _ _ _ (CONTINUE a))))"));
  EXPECT(check_ast("with (o) x; debugger;", "(WITH o (EXPRESSION_STMT x)) (DEBUGGER)"));
  EXPECT(check_ast("while (a) break; do ; while (b)", "(WHILE a (BREAK)) (DO_WHILE (EMPTY) b)"));
  EXPECT(check_ast("'use strict'; x;", "(EXPRESSION_STMT \"use strict\") (EXPRESSION_STMT x)"));
}

TEST(parser, functions_and_classes) {
  EXPECT(check_ast("function* g(a = 1) { yield a; yield* b; yield; }",
                   "(FUNCTION_DECL normal generator g [(ASSIGN_PATTERN a 1)] [(EXPRESSION_STMT (YIELD a)) (EXPRESSION_STMT (YIELD * b)) (EXPRESSION_STMT (YIELD))])"));
  EXPECT(check_ast("async function f() { for await (x of y); }",
                   "(FUNCTION_DECL normal async f [] [(FOR_OF await x y (EMPTY))])"));
  EXPECT(check_ast("class A extends B { constructor() { super(); } static #p = 1; m() { return super.x; } static { this; } }",
                   "(CLASS_DECL A (extends B) (field static (PRIVATE_NAME #p) 1) (method m (FUNCTION method strict m [] [(RETURN (SUPER_MEMBER x))])) "
                   "(static-block static (FUNCTION static-init strict [] [(EXPRESSION_STMT this)])))"));
  EXPECT(check_ast("(class { 'constructor'() {} get [a]() {} static async *m() {} });",
                   "(EXPRESSION_STMT (CLASS (get computed a (FUNCTION getter strict [] [])) (method static m (FUNCTION method async generator strict m [] []))))"));
  EXPECT(check_ast("class C { get\n*a() {} }", "(CLASS_DECL C (field get _) (method a (FUNCTION method generator strict a [] [])))"));
  EXPECT(check_ast("class C { static\nx }", "(CLASS_DECL C (field static x _))"));
  EXPECT(check_error("new.target", 0, 1, 1, "new.target expression is not allowed here"));
  EXPECT(check_ok("function f() { new.target; () => new.target; }", 0));
}

TEST(parser, modules) {
  ParseInfo info;
  char *out = parse_dump("import a, {b as c, 'd' as e} from 'm'; import * as ns from 'n'; "
                         "export {a as default2, c}; export * from 'x'; export const k = 1; "
                         "export default function () {} import 'side' with {type: 'json'};",
                         F_MODULE, &info);
  EXPECT(out != NULL);
  EXPECT(strstr(out, "(IMPORT_DECL (default a) (b c) (d e) from \"m\")") != NULL);
  EXPECT(strstr(out, "(IMPORT_DECL * (* ns) from \"n\")") != NULL);
  EXPECT(strstr(out, "(EXPORT_DECL (a default2) (c c))") != NULL);
  EXPECT(strstr(out, "(EXPORT_DECL default (FUNCTION_DECL normal strict default [] []))") != NULL);
  free(out);
  EXPECT(check_ok("await x; import.meta.url; export default 1 + 2;", F_MODULE));
  EXPECT(check_error("export {x};", F_MODULE, 1, 9, "Export 'x' is not defined"));
  EXPECT(check_error("export var a; export let a2; export {a};", F_MODULE, 1, 38, "Duplicate export of 'a'"));
  EXPECT(check_error("import {a} from 'm'; let a;", F_MODULE, 1, 26, "already been declared"));
  EXPECT(check_error("import x from 'm';", 0, 1, 1, "Cannot use import statement outside a module"));
  EXPECT(check_error("import.meta", 0, 1, 1, "Cannot use 'import.meta' outside a module"));
  EXPECT(check_error("function f() { export var x; }", F_MODULE, 1, 16, "Unexpected token 'export'"));
  EXPECT(check_error("var await;", F_MODULE, 1, 5, "Unexpected reserved word 'await'"));
  EXPECT(check_error("with (a) b;", F_MODULE, 1, 1, "with statement"));
  EXPECT(check_error("a\n--> b", F_MODULE, 2, 3, "Unexpected token '>'"));
  EXPECT(check_ok("a\n--> b", 0));
}

/* Early errors: source, flags, line, column, message fragment. */
typedef struct { const char *src; int flags, line, column; const char *message; } ErrorCase;

static const ErrorCase kEarlyErrors[] = {
  /* redeclarations */
  {"let a; let a;", 0, 1, 12, "Identifier 'a' has already been declared"},
  {"let a; var a;", 0, 1, 12, "already been declared"},
  {"var a; let a;", 0, 1, 12, "already been declared"},
  {"{ var a; } let a;", 0, 1, 16, "already been declared"},
  {"let a; { var a; }", 0, 1, 14, "already been declared"},
  {"{ let a; { var a; } }", 0, 1, 16, "already been declared"},
  {"const a = 1; function a() {}", 0, 1, 23, "already been declared"},
  {"function a() {} let a;", 0, 1, 21, "already been declared"},
  {"{ function a() {} let a; }", 0, 1, 23, "already been declared"},
  {"'use strict'; { function a() {} function a() {} }", 0, 1, 42, "already been declared"},
  {"try {} catch (e) { let e; }", 0, 1, 24, "already been declared"},
  {"try {} catch ([e]) { var e; }", 0, 1, 26, "already been declared"},
  {"function f(a) { let a; }", 0, 1, 21, "already been declared"},
  {"function f(a = 1) { let a; }", 0, 1, 25, "already been declared"},
  {"for (let i;;) { var i; }", 0, 1, 21, "already been declared"},
  {"let [a, a] = b;", 0, 1, 9, "already been declared"},
  {"switch (x) { case 1: let a; case 2: let a; }", 0, 1, 41, "already been declared"},
  {"let let = 1;", 0, 1, 5, "let is disallowed as a lexically bound name"},
  {"class C { #a; #a; }", 0, 1, 15, "Identifier '#a' has already been declared"},
  {"class C { get #a() {} static set #a(v) {} }", 0, 1, 34, "already been declared"},
  /* strict mode */
  {"'use strict'; with (a) b;", 0, 1, 15, "Strict mode code may not include a with statement"},
  {"'use strict'; 010;", 0, 1, 15, "Octal literals are not allowed in strict mode"},
  {"'use strict'; 08;", 0, 1, 15, "Decimals with leading zeros"},
  {"'use strict'; '\\07';", 0, 1, 16, "Octal escape sequences"},
  {"'\\07'; 'use strict';", 0, 1, 2, "Octal escape sequences"},
  {"function f() { '\\8'; 'use strict'; }", 0, 1, 17, "Octal escape sequences"},
  {"'use strict'; delete x;", 0, 1, 15, "Delete of an unqualified identifier"},
  {"'use strict'; delete (x);", 0, 1, 15, "Delete of an unqualified identifier"},
  {"'use strict'; eval = 1;", 0, 1, 15, "Unexpected eval or arguments"},
  {"'use strict'; arguments++;", 0, 1, 15, "Unexpected eval or arguments"},
  {"'use strict'; var eval;", 0, 1, 19, "Unexpected eval or arguments"},
  {"'use strict'; ({a: eval} = b);", 0, 1, 20, "Unexpected eval or arguments"},
  {"function eval() { 'use strict'; }", 0, 1, 10, "eval or arguments"},
  {"function f(arguments) { 'use strict'; }", 0, 1, 12, "Unexpected eval or arguments"},
  {"function f(a, a) { 'use strict'; }", 0, 1, 15, "Duplicate parameter name"},
  {"(a, a) => 1;", 0, 1, 5, "Duplicate parameter name"},
  {"function f(a, [a]) {}", 0, 1, 16, "Duplicate parameter name"},
  {"({ m(a, a) {} });", 0, 1, 9, "Duplicate parameter name"},
  {"function f(a = 1) { 'use strict'; }", 0, 1, 21, "Illegal 'use strict' directive"},
  {"var implements;", F_STRICT, 1, 5, "Unexpected strict mode reserved word"},
  {"var interface, package, private, protected, public, static, let;", F_STRICT, 1, 5, "reserved word"},
  {"var yield;", F_STRICT, 1, 5, "Unexpected strict mode reserved word"},
  {"function f(static) { 'use strict'; }", 0, 1, 12, "Unexpected strict mode reserved word"},
  {"class C { m() { var public; } }", 0, 1, 21, "reserved word"},
  /* targets */
  {"1 = 2;", 0, 1, 1, "Invalid left-hand side in assignment"},
  {"a + b = c;", 0, 1, 1, "Invalid left-hand side"},
  {"f() = 1;", F_STRICT, 1, 1, "Invalid left-hand side"},  /* sloppy: B.3.7, a runtime error */
  {"f()++;", F_STRICT, 1, 1, "Invalid left-hand side expression in update"},
  {"f() &&= 1;", 0, 1, 1, "Invalid left-hand side"},
  {"[f()] = 1;", 0, 1, 2, "Invalid destructuring assignment target"},
  {"++a++;", 0, 1, 3, "Invalid left-hand side expression in update"},
  {"a?.b = 1;", 0, 1, 1, "Invalid left-hand side"},
  {"({a}) = 1;", 0, 1, 2, "Invalid left-hand side"},
  {"([a]) = 1;", 0, 1, 2, "Invalid left-hand side"},
  {"[a + 1] = b;", 0, 1, 2, "Invalid destructuring assignment target"},
  {"[...a, b] = c;", 0, 1, 1, "Rest element must be last element"},
  {"[...a,] = c;", 0, 1, 1, "Rest element must be last element"},
  {"({...{a}} = c);", 0, 1, 6, "must be followed by an assignable reference"},
  {"({a = 1});", 0, 1, 5, "Invalid shorthand property initializer"},
  {"({a = 1}).b;", 0, 1, 5, "Invalid shorthand property initializer"},
  {"[{a = 1}];", 0, 1, 5, "Invalid shorthand property initializer"},
  {"f({a = 1});", 0, 1, 6, "Invalid shorthand property initializer"},
  {"({__proto__: 1, __proto__: 2});", 0, 1, 17, "Duplicate __proto__"},
  {"({ get a() {} } = b);", 0, 1, 4, "Invalid destructuring assignment target"},
  {"for (a + b of c);", 0, 1, 6, "Invalid left-hand side"},
  {"for (let a = 1 of b);", 0, 1, 6, "may not have an initializer"},
  {"for (var [a] = 1 in b);", 0, 1, 6, "may not have an initializer"},
  {"'use strict'; for (var a = 1 in b);", 0, 1, 20, "may not have an initializer"},
  {"for (let a, b of c);", 0, 1, 6, "Must have a single binding"},
  {"for (let of x);", 0, 1, 13, "Unexpected identifier 'x'"},
  {"for (async of x);", 0, 1, 6, "may not be 'async'"},
  {"const a;", 0, 1, 8, "Missing initializer in const declaration"},
  {"let [a];", 0, 1, 8, "Missing initializer in destructuring declaration"},
  /* jumps, labels, return */
  {"break;", 0, 1, 1, "Illegal break statement"},
  {"continue;", 0, 1, 1, "Illegal continue statement"},
  {"while (1) { function f() { break; } }", 0, 1, 28, "Illegal break statement"},
  {"a: { continue a; }", 0, 1, 15, "does not denote an iteration statement"},
  {"a: { b: while (1) continue a; }", 0, 1, 28, "does not denote an iteration statement"},
  {"break a;", 0, 1, 7, "Undefined label 'a'"},
  {"a: a: ;", 0, 1, 4, "Label 'a' has already been declared"},
  {"return;", 0, 1, 1, "Illegal return statement"},
  {"class C { static { return; } }", 0, 1, 20, "Illegal return statement"},
  /* yield / await */
  {"function* g() { var yield; }", 0, 1, 21, "Unexpected identifier 'yield'"},
  {"function* g(a = yield) {}", 0, 1, 17, "Yield expression not allowed in formal parameter"},
  {"function* g() { (a = yield) => 1; }", 0, 1, 17, "Yield expression not allowed in formal parameter"},
  {"async function f() { var await; }", 0, 1, 26, "Unexpected reserved word 'await'"},
  {"async function f(a = await 1) {}", 0, 1, 22, "Illegal await-expression"},
  {"async (a = await 1) => 1;", 0, 1, 18, "Unexpected number"},
  {"async function f() { (a = await 1) => 1; }", 0, 1, 22, "Illegal await-expression"},
  {"async (await) => 1;", 0, 1, 1, "Illegal await-expression"},
  {"async await => 1;", 0, 1, 7, "Unexpected reserved word 'await'"},
  {"class C { static { await; } }", 0, 1, 20, "Unexpected reserved word 'await'"},
  {"function f() { await 1; }", 0, 1, 22, "Unexpected number"},
  {"-a ** 2;", 0, 1, 4, "Unary operator used immediately before exponentiation"},
  {"async function f() { await a ** 2; }", 0, 1, 30, "Unary operator used immediately"},
  {"a ?? b || c;", 0, 1, 8, "Unexpected token '||'"},
  {"a || b ?? c;", 0, 1, 8, "Unexpected token '?\?'"},
  {"a ?? b && c;", 0, 1, 3, "Unexpected token '?\?'"},
  /* classes, super, new.target */
  {"class A { constructor() {} constructor() {} }", 0, 1, 28, "A class may only have one constructor"},
  {"class A { get constructor() {} }", 0, 1, 15, "Class constructor may not be an accessor"},
  {"class A { *constructor() {} }", 0, 1, 12, "Class constructor may not be a generator"},
  {"class A { async constructor() {} }", 0, 1, 17, "Class constructor may not be an async method"},
  {"class A { constructor = 1; }", 0, 1, 11, "Classes may not have a field named 'constructor'"},
  {"class A { #constructor() {} }", 0, 1, 11, "#constructor"},
  {"class A { static prototype() {} }", 0, 1, 18, "static property named 'prototype'"},
  {"class A { constructor() { super(); } }", 0, 1, 27, "'super' keyword unexpected here"},
  {"function f() { super.x; }", 0, 1, 16, "'super' keyword unexpected here"},
  {"({ m: function() { super.x; } });", 0, 1, 20, "'super' keyword unexpected here"},
  {"class A { m() { this.#x; } }", 0, 1, 22, "Private field '#x' must be declared"},
  {"class A { x = arguments; }", 0, 1, 15, "'arguments' is not allowed in class field"},
  {"class A { x = () => arguments; }", 0, 1, 21, "'arguments' is not allowed in class field"},
  {"class A { static { arguments; } }", 0, 1, 20, "'arguments' is not allowed"},
  {"class A { #x; m() { delete this.#x; } }", 0, 1, 21, "Private fields can not be deleted"},
  {"class A extends B { x = super(); }", 0, 1, 25, "'super' keyword unexpected here"},
  {"new.target;", 0, 1, 1, "new.target expression is not allowed here"},
  {"() => new.target;", 0, 1, 7, "new.target expression is not allowed here"},
  {"class let {}", 0, 1, 7, "reserved word"},
  /* statement contexts */
  {"if (a) let b;", 0, 1, 12, "Unexpected identifier 'b'"},
  {"if (a) const b = 1;", 0, 1, 8, "Lexical declaration cannot appear in a single-statement context"},
  {"while (a) class C {}", 0, 1, 11, "Lexical declaration cannot appear"},
  {"if (a) let [b] = c;", 0, 1, 8, "Lexical declaration cannot appear"},
  {"while (a) function f() {}", 0, 1, 11, "functions can only be declared"},
  {"'use strict'; if (a) function f() {}", 0, 1, 22, "functions can only be declared"},
  {"'use strict'; a: function f() {}", 0, 1, 18, "functions can only be declared"},
  {"while (1) a: function f() {}", 0, 1, 14, "functions can only be declared"},
  {"if (a) function* g() {}", 0, 1, 8, "Generators can only be declared"},
  {"switch (a) { default: default: }", 0, 1, 23, "More than one default clause"},
  {"try {}", 0, 1, 7, "Missing catch or finally after try"},
  /* tokens */
  {"`a${b`", 0, 1, 6, "Unterminated template literal"},
  {"`\\unicode`", 0, 1, 2, "Invalid Unicode escape sequence"},
  {"`\\07`", 0, 1, 2, "Octal escape sequences are not allowed in template strings"},
  {"a?.b`c`", 0, 1, 5, "Invalid tagged template on optional chain"},
  {"new a?.b();", 0, 1, 6, "Invalid optional chain from new expression"},
  {"/a/gg;", 0, 1, 1, "Invalid regular expression flags"},
  {"x = /a", 0, 1, 5, "Invalid regular expression: missing /"},
  {"1_;", 0, 1, 2, "Numeric separators are not allowed here"},
  {"3in x;", 0, 1, 2, "Invalid or unexpected token"},
  {"v\\u0061r x;", 0, 1, 1, "Keyword must not contain escaped characters"},
  {"({ \\u0061sync m() {} });", 0, 1, 15, "Unexpected identifier 'm'"},
  {"\"\\u{110000}\"", 0, 1, 2, "Invalid Unicode escape sequence"},
  {"a\n@", 0, 2, 1, "Invalid or unexpected token"},
  {"(a, ...b);", 0, 1, 5, "Unexpected token '...'"},
  {"();", 0, 1, 3, "Unexpected token ';'"},
  {"(a,);", 0, 1, 4, "Unexpected token ')'"},
  {"() => {} + 1;", 0, 1, 10, "Unexpected token '+'"},
  {"a\n=> 1", 0, 2, 1, "Unexpected token '=>'"},
  {"'\xF0\x9F\x98\x80' @", 0, 1, 6, "Invalid or unexpected token"},
};

TEST(parser, early_errors) {
  int failures = 0;
  for (size_t i = 0; i < sizeof kEarlyErrors / sizeof kEarlyErrors[0]; i++) {
    const ErrorCase *c = &kEarlyErrors[i];
    if (!check_error(c->src, c->flags, c->line, c->column, c->message)) failures++;
  }
  EXPECT_EQ(failures, 0);
}

static const char *const kValid[] = {
  /* sloppy-mode allowances and annex B */
  "var a; var a; function a() {} function a() {}",
  "{ function f() {} function f() {} }",
  "try {} catch (e) { var e; }",
  "if (a) function f() {} else function g() {}",
  "a: function f() {}",
  "for (var x = 1 in o);",
  "x <!-- comment\n--> also a comment\n",
  "var yield, let, static, implements, await, async, of, get, set;",
  "let\n{a} = b",
  "yield: for (;;) break yield;",
  "eval = 1; arguments = 2;",
  "function f(a, a) {}",
  "var \\u{64}ata = 1; data;",
  "a = { if: 1, class: 2, \\u0069n: 3 }.if;",
  "0x1F; 0o17; 0b11; 1_000; 010; 09; .5e-3; 5n;",
  "'\\101\\8';",
  /* grammar corners */
  "async\nfunction f() {}",
  "var async; async\n(x);",
  "let async = 1; async = 2;",
  "(async function* () { yield* x; for await (const y of z); });",
  "({ async *[x]() {}, get() {}, set() {}, async() {}, get: 1, static() {} });",
  "class C { static async *#m() {} get #a() {} set #a(v) {} static #s; #f = this.#a; static { var await2; } }",
  "class C extends D { constructor() { (() => super())(); } m() { return () => super.m(); } }",
  "class C { 'constructor'() {} static constructor() {} static ['prototype'] = 1 }",
  "class C { accessor = 1; static = 2; get = 3; set; async; }",
  "a?.b?.(c)?.[d];",
  "function f() { new new.target.x; }",
  "x = y ?? (z || w);",
  "(a, b) => {}; ((a)) ; ([a]) => a; ({a}) => a; (...a) => a; (a = 1, {b} = {}, [c] = []) => a;",
  "label: { break label; }",
  "switch (x) { case 1: let a = 1; break; default: }",
  "for (let [a, b] of c) ; for (const {a} of b) ; for (let in x) ; for (let.x in y) ;",
  "`${a}${b}${`${c}`}`;",
  "x = function eval() {}; (function arguments() {});",
  "function f() { return /re/.test(x) / 2; }",
  "if (a) {} /foo/.test(b);",
  "#!/usr/bin/env kiln\nx;",
  "a = b\n++c",
  "var \xC3\xA9t\xC3\xA9 = '\xE2\x80\xA8';",
  "function f() { 'use strict'; return this; }",
  "({ __proto__: a, ['__proto__']: b, __proto__() {} });",
  "[a, , b] = [, , ];",
  "(function () { 'use strict'; }); x = 010;",
  "class C { static { let await2; } } class D { [await] = 1 }",
};

TEST(parser, valid_programs) {
  int failures = 0;
  for (size_t i = 0; i < sizeof kValid / sizeof kValid[0]; i++)
    if (!check_ok(kValid[i], 0)) failures++;
  EXPECT_EQ(failures, 0);
}

/* ---- Scopes and function flags ---- */

typedef struct { Zone *zone; ParseInfo info; AstNode *program; } Parsed;

static bool parse_into(Parsed *r, const char *src, int flags) {
  memset(r, 0, sizeof *r);
  r->zone = zone_new();
  r->info.source = src;
  r->info.length = strlen(src);
  r->info.is_module = flags & F_MODULE;
  if (!parser_parse(r->zone, &r->info)) {
    fprintf(stderr, "  %s: %s\n", src, r->info.error.message);
    return false;
  }
  r->program = r->info.program;
  return true;
}

static AstVariable *find_var(AstScope *scope, const char *name) {
  for (AstVariable *v = scope->variables; v; v = v->next)
    if (strcmp(v->name->data, name) == 0) return v;
  return NULL;
}

static AstNode *stmt(AstNode *program, int i) { return program->u.program.body.items[i]; }

TEST(parser, scopes_var_let_and_annexb) {
  Parsed r;
  EXPECT(parse_into(&r, "function f(p) { var a; let b; { var c; let d; function e() {} } }", 0));
  AstFunction *f = &stmt(r.program, 0)->u.function;
  AstScope *s = f->scope;
  EXPECT(find_var(r.program->u.program.scope, "f") != NULL);
  EXPECT_EQ(find_var(s, "p")->mode, VAR_MODE_PARAM);
  EXPECT_EQ(find_var(s, "a")->mode, VAR_MODE_VAR);
  EXPECT_EQ(find_var(s, "b")->mode, VAR_MODE_LET);
  EXPECT_EQ(find_var(s, "c")->mode, VAR_MODE_VAR);
  EXPECT(find_var(s, "d") == NULL);
  EXPECT(f->body_scope == s);
  AstNode *block = f->body.items[2];
  AstScope *bs = block->u.block.scope;
  EXPECT(bs != NULL && bs->kind == SCOPE_BLOCK && bs->outer == s);
  EXPECT_EQ(find_var(bs, "d")->mode, VAR_MODE_LET);
  AstNode *e = block->u.block.body.items[2];
  EXPECT_EQ(e->kind, AST_FUNCTION_DECL);
  EXPECT(e->u.function.decl_var == find_var(bs, "e"));
  /* Annex B.3.2: e also has a var binding in f's scope. */
  EXPECT(e->u.function.is_annexb_hoisted);
  EXPECT(e->u.function.annexb_var == find_var(s, "e"));
  EXPECT_EQ(find_var(s, "e")->mode, VAR_MODE_VAR);
  zone_free(r.zone);
  /* Not hoisted when a let of the name is in the way, or in strict code. */
  EXPECT(parse_into(&r, "function g() { let e; { function e() {} } } function h() { 'use strict'; { function e() {} } }", 0));
  AstFunction *g = &stmt(r.program, 0)->u.function;
  AstNode *inner = g->body.items[1]->u.block.body.items[0];
  EXPECT(!inner->u.function.is_annexb_hoisted);
  AstFunction *h = &stmt(r.program, 1)->u.function;
  inner = h->body.items[1]->u.block.body.items[0];
  EXPECT(!inner->u.function.is_annexb_hoisted);
  zone_free(r.zone);
}

TEST(parser, scopes_params_catch_for_class) {
  Parsed r;
  EXPECT(parse_into(&r, "function f(a = 1, {b}) { var c; let d; }", 0));
  AstFunction *f = &stmt(r.program, 0)->u.function;
  EXPECT(!f->has_simple_params);
  EXPECT_EQ(f->length, 0);
  EXPECT(f->body_scope != f->scope && f->body_scope->is_declaration_scope);
  EXPECT(find_var(f->scope, "b") != NULL);
  EXPECT(find_var(f->body_scope, "c") != NULL && find_var(f->scope, "c") == NULL);
  EXPECT(find_var(f->body_scope, "d") != NULL);
  zone_free(r.zone);

  EXPECT(parse_into(&r, "try {} catch ([e]) { let x; } for (let i = 0;;) { i; } (function g() { g; });", 0));
  AstNode *t = stmt(r.program, 0);
  EXPECT_EQ(t->u.try_stmt.catch_scope->kind, SCOPE_CATCH);
  EXPECT_EQ(find_var(t->u.try_stmt.catch_scope, "e")->mode, VAR_MODE_CATCH);
  EXPECT(t->u.try_stmt.handler->u.block.scope->outer == t->u.try_stmt.catch_scope);
  AstNode *loop = stmt(r.program, 1);
  EXPECT(loop->u.for_stmt.scope != NULL);
  EXPECT_EQ(find_var(loop->u.for_stmt.scope, "i")->mode, VAR_MODE_LET);
  /* The reference i in the body block: its scope is the body block (no bindings: NULL in
   * the AST but still in the tree), whose outer is the loop scope. */
  AstNode *body = loop->u.for_stmt.body;
  EXPECT(body->u.block.scope == NULL);
  AstNode *ref = body->u.block.body.items[0]->u.unary.operand;
  EXPECT(ref->u.ident.scope->outer == loop->u.for_stmt.scope);
  AstNode *g = stmt(r.program, 2)->u.unary.operand;
  EXPECT(g->parenthesized);
  EXPECT(g->u.function.is_named_expression);
  EXPECT(g->u.function.name_var != NULL && g->u.function.name_var->mode == VAR_MODE_FUNCTION_NAME);
  EXPECT(find_var(g->u.function.scope, "g") == NULL);
  zone_free(r.zone);

  EXPECT(parse_into(&r, "class A extends B { #p; static s = 1; x = this.#p; static { } m() {} }", 0));
  AstClass *c = &stmt(r.program, 0)->u.class_lit;
  EXPECT(c->decl_var != NULL && c->decl_var->mode == VAR_MODE_CLASS);
  EXPECT(c->name_var != NULL && c->name_var->mode == VAR_MODE_CLASS_INNER);
  EXPECT_EQ(c->scope->kind, SCOPE_CLASS);
  EXPECT_EQ(find_var(c->scope, "#p")->mode, VAR_MODE_PRIVATE_NAME);
  EXPECT(c->members[0].private_var == find_var(c->scope, "#p"));
  AstFunction *ctor = &c->constructor->u.function;
  EXPECT_EQ(ctor->kind, AST_FUNC_DERIVED_CONSTRUCTOR);
  EXPECT(ctor->is_default_constructor);
  EXPECT(ctor->home_class == c);
  AstFunction *init = &c->instance_fields_init->u.function;
  EXPECT_EQ(init->kind, AST_FUNC_CLASS_FIELDS_INIT);
  EXPECT_EQ(init->body.length, 2);  /* #p and x */
  EXPECT_EQ(init->body.items[0]->u.field_init.member_index, 0);
  EXPECT_EQ(init->body.items[1]->u.field_init.member_index, 2);
  EXPECT(init->uses_this);
  AstFunction *sinit = &c->static_init->u.function;
  EXPECT_EQ(sinit->body.length, 2);  /* s and the static block */
  EXPECT_EQ(c->members[3].kind, AST_CLASS_STATIC_BLOCK);
  EXPECT_EQ(c->members[3].value->u.function.kind, AST_FUNC_CLASS_STATIC_INIT);
  /* The field initializer's `this` reference lives in the init function's scope. */
  EXPECT(c->members[2].value->u.member.object->kind == AST_THIS);
  zone_free(r.zone);
}

TEST(parser, function_flags_and_arrow_adoption) {
  Parsed r;
  EXPECT(parse_into(&r, "function f() { return () => this + arguments.length; }"
                        "function g() { eval('x'); { let y; } }"
                        "function h(a, b = 1, c) {} var k = (a, b) => a;"
                        "var m = (a = function () {}, b = () => a) => a + b;", 0));
  AstFunction *f = &stmt(r.program, 0)->u.function;
  EXPECT(f->uses_this && f->uses_arguments && !f->calls_eval);
  AstFunction *arrow = &f->body.items[0]->u.unary.operand->u.function;
  EXPECT(arrow->kind == AST_FUNC_ARROW && arrow->uses_this && arrow->uses_arguments);
  EXPECT(arrow->is_expression_body);
  AstFunction *g = &stmt(r.program, 1)->u.function;
  EXPECT(g->calls_eval);
  EXPECT(g->scope->calls_eval && g->scope->calls_sloppy_eval);
  EXPECT(r.program->u.program.scope->inner_calls_eval);
  EXPECT(!g->uses_this);
  AstFunction *h = &stmt(r.program, 2)->u.function;
  EXPECT_EQ(h->length, 1);
  AstFunction *k = &stmt(r.program, 3)->u.var_decl.declarators[0].init->u.function;
  EXPECT_EQ(k->length, 2);
  /* Scopes created while the parameters were parsed as an expression belong to m. */
  AstNode *m_node = stmt(r.program, 4)->u.var_decl.declarators[0].init;
  AstFunction *m = &m_node->u.function;
  EXPECT_EQ(m->kind, AST_FUNC_ARROW);
  EXPECT(m->scope->first_inner != NULL);
  for (AstScope *s = m->scope->first_inner; s; s = s->next_sibling) EXPECT(s->outer == m->scope);
  AstNode *b_default = m->params.items[1]->u.assign.value;      /* () => a */
  AstNode *a_ref = b_default->u.function.body.items[0]->u.unary.operand;
  EXPECT(a_ref->u.ident.scope == b_default->u.function.scope);
  EXPECT(b_default->u.function.scope->outer == m->scope);
  EXPECT(m->params.items[0]->u.assign.target->u.ident.scope == m->scope);
  EXPECT(find_var(m->scope, "a") != NULL && find_var(m->scope, "a")->mode == VAR_MODE_PARAM);
  /* function ids in source order for declarations. */
  EXPECT(f->function_id < g->function_id && g->function_id < h->function_id);
  EXPECT_EQ(f->start, 0);
  EXPECT_EQ(r.info.source[f->end - 1], '}');
  zone_free(r.zone);
}

TEST(parser, deep_nesting_is_an_error_not_a_crash) {
  const int n = 100000;
  char *src = malloc((size_t)n * 2 + 16);
  const char *opens[] = {"(", "[", "{", "-", "function f(){"};
  const char *closes[] = {")", "]", "}", "", "}"};
  for (int k = 0; k < 5; k++) {
    size_t len = 0;
    int depth = k == 4 ? n / 20 : n;
    for (int i = 0; i < depth; i++) { strcpy(src + len, opens[k]); len += strlen(opens[k]); }
    src[len++] = 'a';
    for (int i = 0; i < depth; i++) { strcpy(src + len, closes[k]); len += strlen(closes[k]); }
    src[len] = 0;
    ParseInfo info;
    char *out = parse_dump(src, 0, &info);
    EXPECT(out == NULL);
    EXPECT_EQ(info.error.kind, PARSE_ERROR_RANGE);
    if (k == 4) src = realloc(src, (size_t)n * 2 + 16);
  }
  /* Long binary chains, else-if chains and statement lists are fine. */
  size_t len = 0;
  src = realloc(src, (size_t)n * 16);
  len += (size_t)sprintf(src + len, "x = a");
  for (int i = 0; i < n; i++) len += (size_t)sprintf(src + len, "+a");
  len += (size_t)sprintf(src + len, ";\nif (a) b;");
  for (int i = 0; i < n / 10; i++) len += (size_t)sprintf(src + len, " else if (a) b;");
  for (int i = 0; i < n; i++) len += (size_t)sprintf(src + len, "\nc;");
  EXPECT(check_ok(src, 0));
  free(src);
}

TEST(parser, line_column_and_positions) {
  int line, column;
  const char *src = "a\nb\r\nc\xE2\x80\xA8\xF0\x9F\x98\x80x";
  parser_line_column(src, strlen(src), 0, &line, &column);
  EXPECT(line == 1 && column == 1);
  parser_line_column(src, strlen(src), 5, &line, &column);
  EXPECT(line == 3 && column == 1);
  parser_line_column(src, strlen(src), (int)strlen(src) - 1, &line, &column);
  EXPECT(line == 4 && column == 3);  /* the emoji is two UTF-16 units */
  EXPECT(check_error("\n\n  foo bar", 0, 3, 7, "Unexpected identifier 'bar'"));
}

TEST(parser, dynamic_function) {
  Zone *zone = zone_new();
  ParseInfo info;
  memset(&info, 0, sizeof info);
  AstNode *fn;
  EXPECT(parser_parse_dynamic_function(zone, &info, "a, b", 4, "return a + b", 12, false, false, &fn));
  EXPECT(fn != NULL && fn->u.function.params.length == 2);
  EXPECT(strcmp(fn->u.function.name->data, "anonymous") == 0);
  EXPECT(strncmp(info.source, "function anonymous(a, b\n) {\nreturn a + b\n}", info.length) == 0);
  memset(&info, 0, sizeof info);
  EXPECT(!parser_parse_dynamic_function(zone, &info, "a) { return a; } (function (", 28, "", 0, false, false, &fn));
  memset(&info, 0, sizeof info);
  EXPECT(!parser_parse_dynamic_function(zone, &info, "", 0, "}); (function() {", 17, false, false, &fn));
  memset(&info, 0, sizeof info);
  EXPECT(parser_parse_dynamic_function(zone, &info, "x", 1, "yield x", 7, false, true, &fn));
  EXPECT(fn->u.function.is_generator);
  memset(&info, 0, sizeof info);
  EXPECT(!parser_parse_dynamic_function(zone, &info, "", 0, "super()", 7, false, false, &fn));
  zone_free(zone);
}

TEST(parser, eval_contexts) {
  Zone *zone = zone_new();
  ParseInfo info;
  memset(&info, 0, sizeof info);
  info.source = "new.target; super.x; super(); arguments;";
  info.length = strlen(info.source);
  info.is_eval = true;
  info.allow_new_target = info.allow_super_property = info.allow_super_call = true;
  EXPECT(parser_parse(zone, &info));
  EXPECT_EQ(info.program->u.program.scope->kind, SCOPE_EVAL);
  info.in_class_field_initializer = true;
  EXPECT(!parser_parse(zone, &info));
  EXPECT(strstr(info.error.message, "arguments") != NULL);
  memset(&info, 0, sizeof info);
  info.source = "this.#x";
  info.length = 7;
  const char *names[] = {"#x"};
  info.outer_private_names = names;
  info.outer_private_name_count = 1;
  EXPECT(parser_parse(zone, &info));
  info.source = "this.#y";
  EXPECT(!parser_parse(zone, &info));
  memset(&info, 0, sizeof info);
  info.source = "var x = 010;";
  info.length = strlen(info.source);
  info.is_strict = true;
  EXPECT(!parser_parse(zone, &info));
  zone_free(zone);
}

TEST(parser, regexp_pattern_early_errors) {
  const char *valid[] = {
    "/a|b*c+?d{2,3}e{2,}?/", "/[a-z\\d-]/", "/(?<year>\\d{4})-\\k<year>/u", "/\\1(a)/",
    "/(?:x)(?=y)(?!z)(?<=w)(?<!v)/", "/{/", "/a{/", "/]/", "/\\c/", "/[\\c_]/", "/\\8/",
    "/(?<a>x)|(?<a>y)/", "/\\p{L}\\P{Script=Greek}\\p{ASCII_Hex_Digit}/u", "/(?i:a)(?-s:b)(?m-i:c)/",
    "/[\\p{L}--[a-z]]/v", "/[[a-z]&&[aeiou]]/v", "/[\\q{abc|d}]/v", "/\\k/", "/(?=a)*/",
    "/\\u{1F600}/u", "/\\uD83D\\uDE00/u", "/[\\12-\\14]/", "/x{2,1/",
  };
  const char *invalid[] = {
    "/?/", "/a**/", "/{2}/", "/a{3,2}/", "/(?<=a)*/", "/(?=a)*/u", "/(/", "/)/", "/[b-a]/",
    "/\\k<a>(?<b>x)/", "/(?<a>x)(?<a>y)/", "/\\p{Foo}/u", "/\\p{L/u", "/\\2(a)/u", "/\\-/u",
    "/{/u", "/]/u", "/\\u{110000}/u", "/[\\d-a]/u", "/(?<>a)/", "/(?ii:a)/", "/(?i-i:a)/",
    "/(?-:a)/", "/(?x:a)/", "/[a&&&b]/v", "/[(]/v", "/[^\\q{ab}]/v", "/\\c0/u", "/\\00/u",
  };
  int failures = 0;
  for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
    if (!check_ok(valid[i], 0)) failures++;
  for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
    if (!check_error(invalid[i], 0, 0, 0, "Invalid regular expression")) failures++;
  EXPECT_EQ(failures, 0);
  EXPECT(check_error("x = /a(?<=b)+/;", 0, 1, 13, "Nothing to repeat"));
}

TEST(parser, out_of_memory_is_a_range_error) {
  size_t n = 20000, len = 0;
  char *src = malloc(n * 64);
  for (size_t i = 0; i < n; i++)
    len += (size_t)sprintf(src + len, "function f%zu(a) { return [a, {b: a}]; }\n", i);
  for (size_t budget = 64 * 1024; budget <= 1024 * 1024; budget *= 4) {
    Zone *zone = zone_new();
    zone->max_bytes = budget;
    ParseInfo info;
    memset(&info, 0, sizeof info);
    info.source = src;
    info.length = len;
    EXPECT(!parser_parse(zone, &info));
    EXPECT_EQ(info.error.kind, PARSE_ERROR_RANGE);
    EXPECT(strstr(info.error.message, "out of memory") != NULL);
    zone_free(zone);
  }
  Zone *zone = zone_new();
  ParseInfo info;
  memset(&info, 0, sizeof info);
  info.source = src;
  info.length = len;
  EXPECT(parser_parse(zone, &info));
  EXPECT_EQ(info.program->u.program.body.length, (int)n);
  zone_free(zone);
  free(src);
}
