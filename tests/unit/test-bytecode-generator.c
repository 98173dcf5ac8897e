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
