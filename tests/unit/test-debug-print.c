/* test-debug-print.c: the natives' parser gate (%Name(args)), the natives table, and the
 * printers of debug/debug-print.c (issue 9). */
#include <stdlib.h>
#include <string.h>

#include "debug/debug-print.h"
#include "heap/factory.h"
#include "objects/string.h"
#include "parsing/parser.h"
#include "runtime/runtime-functions.h"
#include "test.h"

/* Parses src with or without the natives flag; returns whether it parsed, and the error
 * message (or the AST dump) in out (at least 512 bytes). */
static bool parse_natives(const char *src, bool natives, char *out) {
  ParseInfo info;
  memset(&info, 0, sizeof info);
  info.source = src;
  info.length = strlen(src);
  info.allow_natives_syntax = natives;
  Zone *zone = zone_new();
  bool ok = parser_parse(zone, &info);
  if (ok) {
    char *dump = NULL;
    size_t size;
    FILE *f = open_memstream(&dump, &size);
    ast_print(f, info.program);
    fclose(f);
    snprintf(out, 512, "%s", dump);
    free(dump);
  } else {
    snprintf(out, 512, "%s", info.error.message);
  }
  zone_free(zone);
  return ok;
}

TEST(natives, parser_accepts_them_only_under_the_flag) {
  char out[512];
  EXPECT(!parse_natives("%DebugPrint(1)", false, out));
  EXPECT(parse_natives("%DebugPrint(1)", true, out));
  EXPECT(strstr(out, "CALL") != NULL && strstr(out, "DebugPrint") != NULL);
  EXPECT(parse_natives("x = 7 % %GetElementsKind([]).length", true, out));
  EXPECT(parse_natives("%CollectGarbage(); %CollectGarbage(1, 2)", true, out));
}

TEST(natives, unknown_names_counts_and_spreads_are_syntax_errors) {
  char out[512];
  EXPECT(!parse_natives("%NoSuchThing(1)", true, out));
  EXPECT(strstr(out, "Unknown native function %NoSuchThing") != NULL);
  EXPECT(!parse_natives("%DebugPrint()", true, out));
  EXPECT(strstr(out, "%DebugPrint takes 1 argument") != NULL);
  EXPECT(!parse_natives("%HaveSameMap(a)", true, out));
  EXPECT(!parse_natives("%DebugPrint(...a)", true, out));
  EXPECT(!parse_natives("%ThrowTypeError('x')", true, out)); /* internal: not a native */
  EXPECT(!parse_natives("% DebugPrint", true, out));
}

TEST(natives, lookup_table) {
  int argc = 99;
  EXPECT_EQ(runtime_native_lookup("DebugPrint", 10, &argc), (int)Runtime_DebugPrint);
  EXPECT_EQ(argc, 1);
  EXPECT_EQ(runtime_native_lookup("DebugDumpMemory", 15, &argc), (int)Runtime_DebugDumpMemory);
  EXPECT_EQ(argc, 2);
  EXPECT_EQ(runtime_native_lookup("DebugPrintX", 10, &argc), (int)Runtime_DebugPrint);
  EXPECT_EQ(runtime_native_lookup("Debug", 5, &argc), -1);
  EXPECT_EQ(runtime_native_lookup("DisposeEnd", 10, &argc), -1);
}

/* What a printer writes, as a malloc'd string. */
#define CAPTURE(var, call)                          \
  char *var = NULL;                                 \
  do {                                              \
    size_t size_;                                   \
    FILE *out = open_memstream(&var, &size_);       \
    call;                                           \
    fclose(out);                                    \
  } while (0)

TEST(debug_print, smi_shows_its_word) {
  Isolate *iso = test_isolate();
  CAPTURE(text, debug_print(iso, smi_from_int(5), out));
  EXPECT(strcmp(text, "DebugPrint: Smi: 0x5 (5)\n - tagged word: 0x0000000500000000 "
                      "(Smi 5: value in the upper 32 bits, low bit 0)\n") == 0);
  free(text);
}

TEST(debug_print, heap_number_and_string) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle n = factory_new_heap_number(iso, 1.5);
  CAPTURE(text, debug_print(iso, H(n), out));
  EXPECT(strstr(text, ": [HeapNumber]") != NULL);
  EXPECT(strstr(text, " - IEEE-754 bits: 0x3ff8000000000000 (sign 0, exponent 0x3ff = 2^0") != NULL);
  free(text);
  Handle s = string_new_utf8(iso, "a\"b\n", 4);
  CAPTURE(brief, debug_print_brief(iso, H(s), out));
  EXPECT(strcmp(brief, "<String[4]: a\\x22b\\x0a>") == 0);
  free(brief);
  handle_scope_close(&scope);
}

TEST(debug_print, dump_memory_stops_at_the_object) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle a = factory_new_fixed_array(iso, 2);
  fixed_array_set(H(a), 0, smi_from_int(7));
  CAPTURE(text, debug_dump_memory(iso, H(a), 100, out));
  EXPECT(strstr(text, "FIXED_ARRAY_TYPE at ") == text);
  EXPECT(strstr(text, "(4 words, showing 4):") != NULL);
  EXPECT(strstr(text, "0x0000000200000000  Smi 2\n") != NULL);   /* the length */
  EXPECT(strstr(text, "0x0000000700000000  Smi 7\n") != NULL);
  EXPECT(strstr(text, "pointer to <undefined>\n") != NULL);
  free(text);
  handle_scope_close(&scope);
}
