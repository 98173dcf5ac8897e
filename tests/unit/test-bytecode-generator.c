/* test-bytecode-generator.c: the compiler's output, checked through the disassembler. */
#include <stdlib.h>
#include <string.h>

#include "interpreter/bytecode-array-printer.h"
#include "interpreter/compiler.h"
#include "objects/js-objects.h"
#include "objects/shared-function-info.h"
#include "objects/string.h"
#include "test.h"

/* The disassembly of every function of src (malloc'd), or "error: <message>". */
static char *disassemble(Isolate *iso, const char *src) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&buf, &size);
  Handle source = string_new_utf8(iso, src, strlen(src));
  Handle name = string_new_utf8(iso, "test.js", 7);
  Handle sfi = compiler_compile_script(iso, source, name);
  if (handle_is_null(sfi)) {
    fprintf(out, "error");
    Tagged e = iso->pending_exception;
    if (e && is_js_object(e)) {
      Handle msg = js_object_get_property(iso, handle_new(iso, e),
                                          ROOT_HANDLE(iso, message_string));
      size_t len;
      char *m = is_string(H(msg)) ? string_to_utf8(iso, H(msg), &len) : NULL;
      fprintf(out, ": %s", m ? m : "?");
      free(m);
    }
    isolate_clear_pending_exception(iso);
  } else {
    bytecode_print_function(iso, H(sfi), out);
  }
  fclose(out);
  handle_scope_close(&scope);
  if (getenv("KILN_TEST_VERBOSE")) printf("%s\n", buf);
  return buf;
}

static bool contains(const char *text, const char *needle) { return strstr(text, needle) != NULL; }

#define EXPECT_DISASM(src, ...)                                        \
  do {                                                                  \
    char *text_ = disassemble(iso, src);                                \
    const char *needles_[] = {__VA_ARGS__};                             \
    for (size_t i_ = 0; i_ < KILN_ARRAY_SIZE(needles_); i_++) {        \
      if (!contains(text_, needles_[i_])) {                             \
        fprintf(stderr, "missing '%s' in:\n%s\n", needles_[i_], text_); \
        free(text_);                                                    \
        EXPECT(false);                                                  \
      }                                                                 \
    }                                                                   \
    free(text_);                                                        \
  } while (0)

TEST(bytecode_generator, small_integers_use_lda_smi) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("1 + 2; x = 7;", "LdaSmi 3", "LdaSmi 7", "StaGlobal [");
}

TEST(bytecode_generator, functions_are_declared_globally_and_compiled_eagerly) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("function f(a, b) { return a + b; }", "CallRuntime DeclareGlobals",
                "CallRuntime DeclareGlobalFunction", "[bytecode for f]", "Ldar a1",
                "Add r", "Return");
}

TEST(bytecode_generator, captured_variables_live_in_contexts) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("function f() { let x = 1; return () => x; }", "CreateFunctionContext",
                "StaCurrentContextSlot [0]", "LdaCurrentContextSlot [0]",
                "ThrowReferenceErrorIfHole");
}

TEST(bytecode_generator, arrows_read_this_from_the_enclosing_context) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("function f() { return () => this.x; }", "Ldar <this>",
                "StaCurrentContextSlot", "LdaCurrentContextSlot", "GetNamedProperty");
}

TEST(bytecode_generator, try_finally_has_a_handler_and_rethrows) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("try { f(); } finally { g(); }", "Handler table (size = 1)", "ReThrow",
                "TestEqualStrict");
}

TEST(bytecode_generator, for_of_closes_iterators_on_break_and_throw) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("for (const x of a) { if (x) break; }", "GetIterator", "IteratorNext",
                "IteratorClose", "CallRuntime IteratorCloseQuiet", "JumpLoop");
}

TEST(bytecode_generator, per_iteration_contexts_for_captured_loop_bindings) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("for (let i = 0; i < 3; i++) { f(() => i); }", "CreateBlockContext",
                "PopContext", "PushContext", "JumpLoop");
}

TEST(bytecode_generator, classes_define_methods_fields_and_private_names) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("class A extends B { #p = 1; static s = 2; m() { return super.m(); } }",
                "CreateClass", "CallRuntime CreatePrivateName", "CallRuntime DefineClassMethod",
                "DefinePrivateField", "GetNamedPropertyFromSuper", "[bytecode for A]",
                "GetSuperConstructor", "Construct");
}

TEST(bytecode_generator, optional_chains_short_circuit) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("a?.b.c();", "JumpIfUndefinedOrNull", "CallProperty", "LdaUndefined");
}

TEST(bytecode_generator, with_and_sloppy_eval_use_dynamic_lookups) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("function f(o) { with (o) { x = y; } }", "CreateWithContext",
                "LdaLookupSlot", "CallRuntime ResolveLookupBinding",
                "CallRuntime StoreLookupBinding");
  EXPECT_DISASM("function g() { var v = 1; eval('v'); return v; }", "CallDirectEval",
                "LdaLookupSlot");
}

TEST(bytecode_generator, destructuring_and_spread) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("var {a, ...r} = o; var [b = 1, ...c] = d; f(...c);", "CopyDataProperties",
                "GetIterator", "JumpIfNotUndefined", "CallWithSpread");
}

TEST(bytecode_generator, typeof_of_an_undeclared_global_does_not_throw) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("typeof zz;", "LdaGlobalInsideTypeof", "TypeOf");
  EXPECT_DISASM("typeof zz === 'undefined';", "TestTypeOf 5");
}

TEST(bytecode_generator, syntax_errors_are_thrown_with_the_parser_message) {
  Isolate *iso = test_isolate();
  char *text = disassemble(iso, "var 1;");
  EXPECT(strncmp(text, "error", 5) == 0);
  free(text);
}

TEST(bytecode_generator, function_names_are_inferred) {
  Isolate *iso = test_isolate();
  EXPECT_DISASM("var f = function() {}; let o = {g: () => 1, get h() { return 1; }};",
                "<SharedFunctionInfo f>", "<SharedFunctionInfo g>",
                "<SharedFunctionInfo get h>");
}
