/* test-typed-arrays.c: ArrayBuffer backing stores and the GC, bounds arithmetic, binary16,
 * CanonicalNumericIndexString and the TypedArray exotic internal methods. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "execution/bootstrapper.h"
#include "execution/contexts.h"
#include "heap/backing-store.h"
#include "heap/factory.h"
#include "objects/js-array-buffer.h"
#include "objects/js-objects.h"
#include "objects/string.h"
#include "runtime/runtime-typed-array.h"
#include "test.h"

static Isolate *realm_isolate(void) {
  Isolate *iso = test_isolate();
  return bootstrapper_init_isolate(iso) ? iso : NULL;
}

static Handle nc_slot(Isolate *iso, int slot) {
  return handle_new(iso, context_get(iso->native_context, slot));
}

static Handle new_buffer(Isolate *iso, uint64_t length, bool resizable, uint64_t max) {
  return js_array_buffer_new(iso, nc_slot(iso, NATIVE_CONTEXT_array_buffer_map), length,
                             resizable, max, false);
}

static Handle kind_map(Isolate *iso, TypedArrayKind kind) {
  Tagged table = context_get(iso->native_context, NATIVE_CONTEXT_typed_array_constructors);
  return handle_new(iso, fixed_array_get(table, (int64_t)kind * 3 + 2));
}

static Handle key(Isolate *iso, const char *s) { return string_internalize_utf8(iso, s, strlen(s)); }

static size_t store_count(Isolate *iso) {
  size_t n = 0;
  for (BackingStore *s = iso->heap.backing_stores; s; s = s->next) n++;
  return n;
}

TEST(typed_arrays, backing_store_dies_with_its_buffer) {
  Isolate *iso = realm_isolate();
  EXPECT(iso != NULL);
  size_t base_bytes = iso->heap.external_bytes, base_count = store_count(iso);
  HandleScope outer;
  handle_scope_open(iso, &outer);
  Handle kept = new_buffer(iso, 4096, false, 0);
  EXPECT(!handle_is_null(kept));
  js_array_buffer_data(H(kept))[4095] = 7;
  for (int i = 0; i < 20; i++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    EXPECT(!handle_is_null(new_buffer(iso, 100000, false, 0)));
    handle_scope_close(&scope);
  }
  heap_collect_young(&iso->heap); /* young garbage buffers: freed by the scavenger */
  heap_collect_young(&iso->heap); /* kept is promoted now: its owner slot follows */
  heap_collect_full(&iso->heap);
  EXPECT_EQ(store_count(iso), base_count + 1);
  EXPECT_EQ(iso->heap.external_bytes, base_bytes + 4096);
  EXPECT_EQ(((BackingStore *)js_array_buffer_backing_store(H(kept)))->owner, H(kept));
  EXPECT_EQ(js_array_buffer_data(H(kept))[4095], 7);
  handle_scope_close(&outer);
  heap_collect_full(&iso->heap);
  EXPECT_EQ(store_count(iso), base_count);
  EXPECT_EQ(iso->heap.external_bytes, base_bytes);
}

TEST(typed_arrays, external_bytes_count_toward_the_heap_limit) {
  Flags flags = *test_flags();
  flags.heap_limit_mb = 16;
  Isolate *iso = isolate_new(&flags);
  EXPECT(iso != NULL && bootstrapper_init_isolate(iso));
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle big = new_buffer(iso, (uint64_t)64 << 20, false, 0); /* past the 16 MiB limit */
  bool threw = handle_is_null(big) && isolate_has_pending_exception(iso);
  isolate_clear_pending_exception(iso);
  /* The limit applies to the sum: 3 x 6 MiB fail on the third, and dropping one helps. */
  Handle a = new_buffer(iso, 6 << 20, false, 0), b = new_buffer(iso, 6 << 20, false, 0);
  Handle c = new_buffer(iso, 6 << 20, false, 0);
  bool third_failed = handle_is_null(c) && isolate_has_pending_exception(iso);
  isolate_clear_pending_exception(iso);
  *a.loc = ROOT(iso, undefined_value);
  Handle d = new_buffer(iso, 6 << 20, false, 0); /* a full GC frees a's store first */
  bool ok = !handle_is_null(a) && !handle_is_null(b) && !handle_is_null(d);
  Handle huge = new_buffer(iso, JS_ARRAY_BUFFER_MAX_BYTE_LENGTH + 1, false, 0);
  bool huge_threw = handle_is_null(huge) && isolate_has_pending_exception(iso);
  isolate_clear_pending_exception(iso);
  handle_scope_close(&scope);
  isolate_free(iso);
  EXPECT(threw);
  EXPECT(third_failed);
  EXPECT(ok);
  EXPECT(huge_threw);
}

TEST(typed_arrays, detach_transfer_and_resize) {
  Isolate *iso = realm_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle buf = new_buffer(iso, 8, true, 32);
  js_array_buffer_data(H(buf))[7] = 42;
  Handle key_obj = js_object_new(iso);
  js_array_buffer_set_detach_key(H(buf), H(key_obj));
  EXPECT(!js_array_buffer_detach(iso, buf, ROOT_HANDLE(iso, undefined_value)));
  EXPECT(isolate_has_pending_exception(iso));
  isolate_clear_pending_exception(iso);
  js_array_buffer_set_detach_key(H(buf), ROOT(iso, undefined_value));
  EXPECT(js_array_buffer_resize(iso, buf, 32));
  EXPECT_EQ(js_array_buffer_data(H(buf))[7], 42);
  EXPECT_EQ(js_array_buffer_data(H(buf))[31], 0);
  BackingStore *store = js_array_buffer_backing_store(H(buf));
  Handle moved = js_array_buffer_transfer(iso, buf, nc_slot(iso, NATIVE_CONTEXT_array_buffer_map),
                                          4, false, 0);
  EXPECT(!handle_is_null(moved));
  EXPECT(js_array_buffer_is_detached(H(buf)));
  EXPECT_EQ(js_array_buffer_byte_length(H(buf)), 0);
  EXPECT_EQ(js_array_buffer_backing_store(H(moved)), (void *)store);
  EXPECT_EQ(store->owner, H(moved));
  EXPECT_EQ(js_array_buffer_byte_length(H(moved)), 4);
  *buf.loc = ROOT(iso, undefined_value);
  heap_collect_full(&iso->heap); /* the old owner's death does not free the moved store */
  EXPECT_EQ(store->owner, H(moved));
  EXPECT(js_array_buffer_detach(iso, moved, ROOT_HANDLE(iso, undefined_value)));
  EXPECT(js_array_buffer_data(H(moved)) == NULL);
  /* an immutable buffer holds its copy and refuses to detach */
  static const uint8_t bytes[3] = {1, 2, 3};
  Handle frozen = js_array_buffer_new_immutable(iso, nc_slot(iso, NATIVE_CONTEXT_array_buffer_map),
                                                4, bytes, 3);
  EXPECT(!handle_is_null(frozen) && js_array_buffer_is_immutable(H(frozen)));
  EXPECT(memcmp(js_array_buffer_data(H(frozen)), "\1\2\3\0", 4) == 0);
  EXPECT(!js_array_buffer_detach(iso, frozen, ROOT_HANDLE(iso, undefined_value)));
  EXPECT(isolate_has_pending_exception(iso));
  isolate_clear_pending_exception(iso);
  handle_scope_close(&scope);
}

TEST(typed_arrays, views_follow_their_buffer) {
  Isolate *iso = realm_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle buf = new_buffer(iso, 16, true, 64);
  Handle tracking = js_typed_array_new(iso, kind_map(iso, TYPED_ARRAY_UINT32), TYPED_ARRAY_UINT32,
                                       buf, 4, 0, true);
  Handle fixed = js_typed_array_new(iso, kind_map(iso, TYPED_ARRAY_UINT32), TYPED_ARRAY_UINT32,
                                    buf, 8, 2, false);
  EXPECT_EQ(js_typed_array_length(H(tracking)), 3);
  EXPECT_EQ(js_view_byte_length(H(tracking)), 12);
  EXPECT(js_array_buffer_resize(iso, buf, 63));
  EXPECT_EQ(js_typed_array_length(H(tracking)), 14); /* floor(59 / 4) */
  EXPECT_EQ(js_view_byte_length(H(tracking)), 56);
  EXPECT(js_array_buffer_resize(iso, buf, 15));
  EXPECT(js_view_is_out_of_bounds(H(fixed)));       /* 8 + 8 > 15 */
  EXPECT_EQ(js_typed_array_length(H(fixed)), 0);
  EXPECT(!js_typed_array_is_valid_index(H(fixed), 0));
  EXPECT_EQ(js_typed_array_length(H(tracking)), 2);
  EXPECT(js_typed_array_is_valid_index(H(tracking), 1));
  EXPECT(!js_typed_array_is_valid_index(H(tracking), 2));
  EXPECT(!js_typed_array_is_valid_index(H(tracking), -0.0));
  EXPECT(!js_typed_array_is_valid_index(H(tracking), 0.5));
  EXPECT(!js_typed_array_is_valid_index(H(tracking), NAN));
  EXPECT(!js_typed_array_is_valid_index(H(tracking), INFINITY));
  EXPECT(js_array_buffer_resize(iso, buf, 3));
  EXPECT(js_view_is_out_of_bounds(H(tracking)));    /* offset 4 > 3 */
  EXPECT(js_array_buffer_detach(iso, buf, ROOT_HANDLE(iso, undefined_value)));
  EXPECT(js_view_is_out_of_bounds(H(tracking)) && js_view_is_out_of_bounds(H(fixed)));
  EXPECT_EQ(js_view_byte_length(H(fixed)), 0);
  handle_scope_close(&scope);
}

TEST(typed_arrays, canonical_numeric_index_strings) {
  Isolate *iso = test_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  static const struct { const char *text; bool numeric; double value; } cases[] = {
      {"0", true, 0},          {"-0", true, -0.0},       {"1.5", true, 1.5},
      {"-1", true, -1},        {"4294967295", true, 4294967295.0},
      {"Infinity", true, INFINITY}, {"-Infinity", true, -INFINITY}, {"NaN", true, NAN},
      {"1e+21", true, 1e21},   {"1e-7", true, 1e-7},     {"9007199254740993", false, 0},
      {"01", false, 0},        {"1.50", false, 0},       {"+1", false, 0},
      {" 1", false, 0},        {"1e3", false, 0},        {"0x10", false, 0},
      {"infinity", false, 0},  {"", false, 0},           {"length", false, 0},
      {"-", false, 0},         {"0.0000001", false, 0},  {"1e21", false, 0},
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(cases); i++) {
    double v = 12345;
    bool numeric = typed_array_canonical_numeric_index(H(key(iso, cases[i].text)), &v);
    if (numeric != cases[i].numeric) fprintf(stderr, "  case \"%s\"\n", cases[i].text);
    EXPECT_EQ(numeric, cases[i].numeric);
    if (numeric && !isnan(cases[i].value)) {
      EXPECT(v == cases[i].value && signbit(v) == signbit(cases[i].value));
    }
    if (numeric && isnan(cases[i].value)) EXPECT(isnan(v));
  }
  EXPECT(!typed_array_canonical_numeric_index(ROOT(iso, iterator_symbol), &(double){0}));
  handle_scope_close(&scope);
}

/* The nearest binary16 value to x by search over all finite encodings (ties to the even
 * encoding), as the reference for js_float16_from_double. */
static uint16_t reference_float16(double x) {
  if (isnan(x)) return 0x7e00;
  uint16_t sign = signbit(x) ? 0x8000 : 0;
  double a = fabs(x);
  if (a >= 65520.0) return sign | 0x7c00;
  uint16_t best = 0;
  double best_err = INFINITY;
  for (uint16_t bits = 0; bits < 0x7c00; bits++) {
    double err = fabs(js_float16_to_double(bits) - a);
    if (err < best_err || (err == best_err && (bits & 1) == 0)) {
      best = bits;
      best_err = err;
    }
  }
  return sign | best;
}

TEST(typed_arrays, float16_rounds_to_nearest_even) {
  for (uint32_t bits = 0; bits < 0x10000; bits++) { /* every encoding round-trips */
    double d = js_float16_to_double((uint16_t)bits);
    if (isnan(d)) continue;
    EXPECT_EQ(js_float16_from_double(d), (uint16_t)bits);
  }
  srand(4);
  int samples = test_scale(300);
  for (int i = 0; i < samples; i++) {
    /* random doubles spread over the binary16 range, plus exact midpoints */
    double x = ldexp((double)rand() / RAND_MAX + 1.0, rand() % 42 - 26) * (rand() & 1 ? -1 : 1);
    if (i % 3 == 0) {
      uint16_t h = (uint16_t)(rand() % 0x7bff);
      x = (js_float16_to_double(h) + js_float16_to_double((uint16_t)(h + 1))) / 2;
    }
    EXPECT_EQ(js_float16_from_double(x), reference_float16(x));
  }
  EXPECT_EQ(js_float16_from_double(65504.0), 0x7bff);
  EXPECT_EQ(js_float16_from_double(65519.999), 0x7bff);
  EXPECT_EQ(js_float16_from_double(65520.0), 0x7c00);
  EXPECT_EQ(js_float16_from_double(ldexp(1, -25)), 0x0000);
  EXPECT_EQ(js_float16_from_double(ldexp(1.5, -25)), 0x0001);
  EXPECT_EQ(js_float16_from_double(-0.0), 0x8000);
  /* doubles that round differently through float (double rounding): 1 + 2^-11 + 2^-40 is
   * just above a tie, so it rounds up, though as a float it would become the tie. */
  EXPECT_EQ(js_float16_from_double(1 + ldexp(1, -11) + ldexp(1, -40)), 0x3c01);
}

TEST(typed_arrays, element_conversions) {
  uint8_t b[8];
  js_typed_array_store(TYPED_ARRAY_UINT8_CLAMPED, b, 2.5);
  EXPECT_EQ(b[0], 2);
  js_typed_array_store(TYPED_ARRAY_UINT8_CLAMPED, b, 3.5);
  EXPECT_EQ(b[0], 4);
  js_typed_array_store(TYPED_ARRAY_UINT8_CLAMPED, b, -INFINITY);
  EXPECT_EQ(b[0], 0);
  js_typed_array_store(TYPED_ARRAY_INT16, b, 32768);
  EXPECT_EQ(js_typed_array_load(TYPED_ARRAY_INT16, b), -32768);
  js_typed_array_store(TYPED_ARRAY_UINT32, b, -1);
  EXPECT_EQ(js_typed_array_load(TYPED_ARRAY_UINT32, b), 4294967295.0);
  js_typed_array_store(TYPED_ARRAY_INT32, b, 1e20);
  EXPECT_EQ(js_typed_array_load(TYPED_ARRAY_INT32, b), 1661992960);
  js_typed_array_store(TYPED_ARRAY_FLOAT32, b, 0.1);
  EXPECT_EQ(js_typed_array_load(TYPED_ARRAY_FLOAT32, b), (double)0.1f);
  js_typed_array_store(TYPED_ARRAY_INT8, b, NAN);
  EXPECT_EQ(js_typed_array_load(TYPED_ARRAY_INT8, b), 0);
}

TEST(typed_arrays, exotic_internal_methods) {
  Isolate *iso = realm_isolate();
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle ta = js_typed_array_new_with_length(iso, kind_map(iso, TYPED_ARRAY_INT16),
                                             TYPED_ARRAY_INT16,
                                             nc_slot(iso, NATIVE_CONTEXT_array_buffer_map), 3);
  EXPECT(!handle_is_null(ta));
  Handle v = handle_new(iso, smi_from_int(70000));
  EXPECT(runtime_set(iso, ta, key(iso, "1"), v, ta) == RT_TRUE);
  EXPECT_EQ(H(runtime_get(iso, ta, key(iso, "1"), ta)), smi_from_int(4464));
  EXPECT(runtime_set(iso, ta, key(iso, "3"), v, ta) == RT_TRUE); /* ignored */
  EXPECT(runtime_has_property(iso, ta, key(iso, "3")) == RT_FALSE);
  EXPECT(runtime_has_property(iso, ta, key(iso, "-0")) == RT_FALSE);
  EXPECT(runtime_has_property(iso, ta, key(iso, "2")) == RT_TRUE);
  EXPECT(runtime_delete(iso, ta, key(iso, "2")) == RT_FALSE);
  EXPECT(runtime_delete(iso, ta, key(iso, "7")) == RT_TRUE);
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  desc.flags = PD_HAS_VALUE | PD_HAS_CONFIGURABLE; /* configurable: false */
  desc.value = v;
  EXPECT(runtime_define_own_property(iso, ta, key(iso, "0"), &desc) == RT_FALSE);
  desc.flags = PD_HAS_VALUE;
  EXPECT(runtime_define_own_property(iso, ta, key(iso, "0"), &desc) == RT_TRUE);
  EXPECT(runtime_define_own_property(iso, ta, key(iso, "1.5"), &desc) == RT_FALSE);
  EXPECT(runtime_define_own_property(iso, ta, key(iso, "x"), &desc) == RT_TRUE);
  Handle keys = runtime_own_property_keys(iso, ta);
  EXPECT(!handle_is_null(keys) && fixed_array_length(H(keys)) == 4);
  EXPECT(string_equals_ascii(fixed_array_get(H(keys), 0), "0"));
  EXPECT(string_equals_ascii(fixed_array_get(H(keys), 2), "2"));
  EXPECT(string_equals_ascii(fixed_array_get(H(keys), 3), "x"));
  /* the elements store stays empty: indexes never become ordinary properties */
  EXPECT_EQ(js_object_elements(H(ta)), ROOT(iso, empty_fixed_array));
  EXPECT(js_array_buffer_detach(iso, handle_new(iso, js_array_buffer_view_buffer(H(ta))),
                                ROOT_HANDLE(iso, undefined_value)));
  EXPECT(is_undefined(iso, H(runtime_get(iso, ta, key(iso, "0"), ta))));
  keys = runtime_own_property_keys(iso, ta);
  EXPECT(!handle_is_null(keys) && fixed_array_length(H(keys)) == 1);
  handle_scope_close(&scope);
}
