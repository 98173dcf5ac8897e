/* test-bytecode-array-builder.c: encoding, operand scaling, jumps, pools, tables. */
#include <string.h>

#include "interpreter/bytecode-array-builder.h"
#include "objects/script.h"
#include "objects/string.h"
#include "test.h"

static const uint8_t *bytes_of(Tagged ba) {
  return (const uint8_t *)field_slot(ba, BytecodeArray_kHeaderSize);
}

TEST(bytecode_array_builder, operands_scale_with_wide_prefixes) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  BAB_EMIT(&b, LdaSmi, 5);
  BAB_EMIT(&b, LdaSmi, 1000);
  BAB_EMIT(&b, LdaSmi, -100000);
  BAB_EMIT(&b, Return);
  Handle ba = bab_finish(&b, 0, 1);
  bab_dispose(&b);
  EXPECT(!handle_is_null(ba));
  const uint8_t *p = bytes_of(H(ba));
  EXPECT_EQ(p[0], Bytecode_LdaSmi);
  EXPECT_EQ(bytecode_read_operand(p, 0), 5);
  p += bytecode_instruction_size(p);
  EXPECT_EQ(p[0], Bytecode_Wide);
  EXPECT_EQ(bytecode_read_operand(p, 0), 1000);
  p += bytecode_instruction_size(p);
  EXPECT_EQ(p[0], Bytecode_ExtraWide);
  EXPECT_EQ(bytecode_read_operand(p, 0), -100000);
  EXPECT_EQ(bytecode_array_length(H(ba)), 2 + 4 + 6 + 1);
  handle_scope_close(&scope);
}

TEST(bytecode_array_builder, long_jumps_are_relaxed_and_patched) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  int end = bab_new_label(&b), top = bab_new_label(&b);
  bab_bind(&b, top);
  int32_t l = end;
  bab_emit(&b, Bytecode_JumpIfTrue, 1, &l);
  for (int i = 0; i < 200; i++) BAB_EMIT(&b, LdaZero);
  l = top;
  bab_emit(&b, Bytecode_JumpLoop, 1, &l);
  bab_bind(&b, end);
  BAB_EMIT(&b, Return);
  Handle ba = bab_finish(&b, 0, 1);
  bab_dispose(&b);
  EXPECT(!handle_is_null(ba));
  const uint8_t *p = bytes_of(H(ba));
  EXPECT_EQ(p[0], Bytecode_Wide);  /* +208 does not fit a signed byte */
  int first = bytecode_instruction_size(p);
  int target = bytecode_read_operand(p, 0);
  const uint8_t *loop = p + first + 200;
  EXPECT_EQ(loop[0], Bytecode_Wide);
  EXPECT_EQ(bytecode_read_operand(loop, 0), -(first + 200));
  EXPECT_EQ(p[target], Bytecode_Return);
  handle_scope_close(&scope);
}

TEST(bytecode_array_builder, constants_are_deduplicated) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  int a = bab_constant_cstring(&b, "next");
  int n1 = bab_constant_number(&b, 1.5);
  EXPECT_EQ(bab_constant_cstring(&b, "next"), a);
  EXPECT_EQ(bab_constant_number(&b, 1.5), n1);
  EXPECT(bab_constant_number(&b, -0.0) != bab_constant_number(&b, 0.0));
  for (int i = 0; i < 40; i++) bab_constant_number(&b, i + 0.25);  /* grows the pool */
  BAB_EMIT(&b, LdaConstant, a);
  BAB_EMIT(&b, Return);
  Handle ba = bab_finish(&b, 0, 1);
  bab_dispose(&b);
  EXPECT(!handle_is_null(ba));
  Tagged pool = bytecode_array_constant_pool(H(ba));
  EXPECT_EQ(fixed_array_length(pool), 44);
  EXPECT(string_equals_ascii(fixed_array_get(pool, a), "next"));
  handle_scope_close(&scope);
}

TEST(bytecode_array_builder, handler_and_source_position_tables) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  BytecodeArrayBuilder b;
  EXPECT(bab_init(&b, iso));
  int start = bab_new_label(&b), end = bab_new_label(&b), handler = bab_new_label(&b);
  bab_bind(&b, start);
  bab_set_position(&b, 7);
  BAB_EMIT(&b, LdaZero);
  BAB_EMIT(&b, Throw);
  bab_bind(&b, end);
  bab_bind(&b, handler);
  bab_set_position(&b, 20);
  BAB_EMIT(&b, Return);
  bab_add_handler(&b, start, end, handler, 3);
  Handle ba = bab_finish(&b, 4, 1);
  bab_dispose(&b);
  EXPECT(!handle_is_null(ba));
  Tagged table = bytecode_array_handler_table(H(ba));
  EXPECT_EQ(fixed_array_length(table), 4);
  EXPECT_EQ(smi_value(fixed_array_get(table, 0)), 0);
  EXPECT_EQ(smi_value(fixed_array_get(table, 1)), 2);
  EXPECT_EQ(smi_value(fixed_array_get(table, 2)), 2);
  EXPECT_EQ(smi_value(fixed_array_get(table, 3)), 3);
  EXPECT_EQ(bytecode_source_position(H(ba), 0), 7);
  EXPECT_EQ(bytecode_source_position(H(ba), 1), 7);
  EXPECT_EQ(bytecode_source_position(H(ba), 2), 20);
  EXPECT_EQ(bytecode_array_frame_size(H(ba)), 4);
  handle_scope_close(&scope);
}

TEST(script, line_and_column_of_positions) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  const char *text = "ab\ncd\r\nef\xe2\x80\xa8g\xc3\xa9h";
  Handle src = string_new_utf8(iso, text, strlen(text));
  Handle script = script_new(iso, src, ROOT_HANDLE(iso, undefined_value), 0);
  EXPECT(!handle_is_null(script));
  int line, col;
  EXPECT(script_line_column(iso, script, 0, &line, &col));
  EXPECT(line == 1 && col == 1);
  EXPECT(script_line_column(iso, script, 4, &line, &col));
  EXPECT(line == 2 && col == 2);
  EXPECT(script_line_column(iso, script, 7, &line, &col));
  EXPECT(line == 3 && col == 1);
  EXPECT(script_line_column(iso, script, 15, &line, &col)); /* the h after é */
  EXPECT(line == 4 && col == 3);
  handle_scope_close(&scope);
}
