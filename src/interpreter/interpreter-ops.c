/*
 * interpreter-ops.c: the slow paths of the bytecodes about values: property access,
 * private names, operators, conversions, literals, closures, arguments objects, classes,
 * for-in and the iteration protocol (see interpreter-internal.h for the conventions).
 */
#include <stdlib.h>

#include "heap/factory.h"
#include "ic/ic.h"
#include "interpreter/interpreter-internal.h"
#include "objects/js-function.h"
#include "objects/dictionary.h"
#include "objects/map.h"
#include "objects/scope-info.h"
#include "objects/shared-function-info.h"
#include "objects/string.h"

static Handle frame_feedback(JSFrame *f) { return (Handle){&f->fp[kFrameFeedback]}; }

static bool set_acc(JSFrame *f, Handle h) {
  if (handle_is_null(h)) return false;
  frame_set_acc_h(f, h);
  return true;
}

static bool set_acc_bool(Isolate *iso, JSFrame *f, RuntimeMaybeBool r) {
  if (r == RT_EXCEPTION) return false;
  frame_set_acc(f, isolate_boolean(iso, r == RT_TRUE));
  return true;
}

/* ---- named and keyed properties ----------------------------------------------------- */

bool op_get_named(Isolate *iso, JSFrame *f, int reg, uint32_t name_idx, uint32_t slot) {
  Handle name = handle_new(iso, frame_constant(f, name_idx));
  return set_acc(f, ic_load_named_miss(iso, frame_feedback(f), (int)slot, frame_reg(f, reg), name));
}

bool op_set_named(Isolate *iso, JSFrame *f, int reg, uint32_t name_idx, uint32_t slot) {
  Handle name = handle_new(iso, frame_constant(f, name_idx));
  return ic_store_named_miss(iso, frame_feedback(f), (int)slot, frame_reg(f, reg), name,
                             frame_acc(f), frame_is_strict(f));
}

bool op_define_named(Isolate *iso, JSFrame *f, int reg, uint32_t name_idx, uint32_t slot) {
  Handle name = handle_new(iso, frame_constant(f, name_idx));
  return ic_define_named_miss(iso, frame_feedback(f), (int)slot, frame_reg(f, reg), name,
                              frame_acc(f));
}

bool op_get_keyed(Isolate *iso, JSFrame *f, int reg, uint32_t slot) {
  ic_record_keyed(iso, f->fp[kFrameFeedback], (int)slot, f->regs[reg]);
  return set_acc(f, runtime_get_property(iso, frame_reg(f, reg), frame_acc(f)));
}

bool op_set_keyed(Isolate *iso, JSFrame *f, int obj_reg, int key_reg, uint32_t slot) {
  ic_record_keyed(iso, f->fp[kFrameFeedback], (int)slot, f->regs[obj_reg]);
  return runtime_set_property(iso, frame_reg(f, obj_reg), frame_reg(f, key_reg), frame_acc(f),
                              frame_is_strict(f));
}

bool op_define_keyed(Isolate *iso, JSFrame *f, int obj_reg, int key_reg, int flag) {
  Handle key = runtime_to_property_key(iso, frame_reg(f, key_reg));
  if (handle_is_null(key)) return false;
  if ((flag & 1) && is_js_function(f->fp[kFrameAccumulator]) &&
      !js_function_set_name(iso, frame_acc(f), key, NULL)) {
    return false;
  }
  return runtime_create_data_property_or_throw(iso, frame_reg(f, obj_reg), key, frame_acc(f));
}

bool op_sta_in_array_literal(Isolate *iso, JSFrame *f, int obj_reg, int key_reg) {
  Tagged key = f->regs[key_reg];
  if (is_js_array(f->regs[obj_reg]) && is_smi(key) && smi_value(key) >= 0) {
    if (elements_define(iso, frame_reg(f, obj_reg), (uint32_t)smi_value(key), frame_acc(f),
                        PROPERTY_ATTRIBUTES_NONE)) {
      return true;
    }
    if (isolate_has_pending_exception(iso)) return false;
  }
  Handle k = runtime_to_property_key(iso, frame_reg(f, key_reg));
  if (handle_is_null(k)) return false;
  return runtime_create_data_property_or_throw(iso, frame_reg(f, obj_reg), k, frame_acc(f));
}

bool op_define_getter_setter(Isolate *iso, JSFrame *f, int obj, int key, int getter,
                             int setter, int flag) {
  Handle k = runtime_to_property_key(iso, frame_reg(f, key));
  if (handle_is_null(k)) return false;
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  desc.flags = PD_HAS_ENUMERABLE | PD_HAS_CONFIGURABLE | PD_CONFIGURABLE |
               ((flag & 1) ? PD_ENUMERABLE : 0);
  if (!is_undefined(iso, f->regs[getter])) {
    desc.flags |= PD_HAS_GET;
    desc.get = frame_reg(f, getter);
  }
  if (!is_undefined(iso, f->regs[setter])) {
    desc.flags |= PD_HAS_SET;
    desc.set = frame_reg(f, setter);
  }
  return runtime_define_property_or_throw(iso, frame_reg(f, obj), k, &desc);
}

/* The object `super` refers to: [[HomeObject]].[[GetPrototypeOf]](). */
static Handle super_base(Isolate *iso, Handle home) {
  if (!is_js_receiver(H(home))) {
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "'super' keyword unexpected here");
    return HANDLE_NULL;
  }
  Handle base = runtime_get_prototype_of(iso, home);
  if (handle_is_null(base)) return base;
  if (!is_js_receiver(H(base))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot access a property of null (super)");
    return HANDLE_NULL;
  }
  return base;
}

/* ES2025 13.3.7.1 super[expr]: GetSuperBase comes before ToPropertyKey (13.3.7.3
 * MakeSuperPropertyReference, then GetValue/PutValue convert the key). */
bool op_super_get(Isolate *iso, JSFrame *f, Handle receiver, Handle key) {
  Handle home = handle_new(iso, f->fp[kFrameAccumulator]);
  Handle base = super_base(iso, home);
  if (handle_is_null(base)) return false;
  Handle k = runtime_to_property_key(iso, key);
  if (handle_is_null(k)) return false;
  return set_acc(f, runtime_get(iso, base, k, receiver));
}

bool op_super_set(Isolate *iso, JSFrame *f, Handle home, Handle receiver, Handle key) {
  Handle base = super_base(iso, home);
  if (handle_is_null(base)) return false;
  Handle k = runtime_to_property_key(iso, key);
  if (handle_is_null(k)) return false;
  RuntimeMaybeBool r = runtime_set(iso, base, k, frame_acc(f), receiver);
  if (r == RT_EXCEPTION) return false;
  if (r == RT_FALSE && frame_is_strict(f)) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot assign to read only property");
    return false;
  }
  return true;
}

bool op_delete_property(Isolate *iso, JSFrame *f, int reg, bool strict) {
  return set_acc_bool(iso, f, runtime_delete_property(iso, frame_reg(f, reg), frame_acc(f), strict));
}

/* ---- private names (ES2025 7.3.26-7.3.32) ------------------------------------------- */

static bool throw_private(Isolate *iso, const char *what, Tagged key) {
  Tagged d = is_symbol(key) ? symbol_description(key) : 0;
  size_t n = 0;
  char *text = d && is_string(d) ? string_to_utf8(iso, d, &n) : NULL;
  isolate_throw_error(iso, kError_TYPE_ERROR, what, text ? text : "#<private>");
  free(text);
  return false;
}

/* ES2025 7.3.31 PrivateFieldAdd / 7.3.32 PrivateMethodOrAccessorAdd, with the
 * non-extensible check of test262's current expectations: a TypeError when obj is not
 * extensible. A Proxy holds its private elements itself (no trap runs): they go straight
 * into its property dictionary. value is the field value, method, or AccessorPair. */
bool interpreter_private_add(Isolate *iso, Handle obj, Handle key, Handle value,
                             int attributes, bool accessor) {
  if (is_js_proxy(H(obj))) {
    if (!map_is_dictionary(heap_object_map(H(obj))) && !js_object_normalize_properties(iso, obj)) {
      return false;
    }
    PropertyDetails details = property_details_make(
        accessor ? PROPERTY_ACCESSOR : PROPERTY_DATA, PROPERTY_FIELD, attributes, 0);
    Handle dict = handle_new(iso, js_object_properties(H(obj)));
    dict = name_dictionary_add(iso, dict, key, value, details);
    if (handle_is_null(dict)) return false;
    js_object_set_properties(H(obj), H(dict));
    return true;
  }
  bool ok = js_object_is_extensible(H(obj)) &&
            (accessor ? js_object_define_accessor(iso, obj, key, value, attributes)
                      : js_object_define_own_property(iso, obj, key, value, attributes));
  if (ok || isolate_has_pending_exception(iso)) return ok;
  return throw_private(iso, "Cannot add private member %s to a non-extensible object", H(key));
}

/* Calls the getter or setter of an AccessorPair found for a private name. */
static bool private_accessor(Isolate *iso, JSFrame *f, Handle obj, Handle pair, bool set,
                             Tagged key) {
  Handle fn = handle_new(iso, set ? accessor_pair_setter(H(pair)) : accessor_pair_getter(H(pair)));
  if (!runtime_is_callable(H(fn))) {
    return throw_private(iso, set ? "'%s' was defined without a setter"
                                  : "'%s' was defined without a getter", key);
  }
  Tagged *argv = set ? &f->fp[kFrameAccumulator] : NULL;
  Tagged r = interpreter_call(iso, fn.loc, obj.loc, set ? 1 : 0, argv);
  if (r == kException) return false;
  if (!set) frame_set_acc(f, r);
  return true;
}

bool op_private(Isolate *iso, JSFrame *f, Bytecode op, int obj_reg, int key_reg) {
  bool in = op == Bytecode_TestPrivateIn;
  Handle obj = in ? frame_acc(f) : frame_reg(f, obj_reg);
  Handle key = in ? frame_reg(f, obj_reg) : frame_reg(f, key_reg);
  if (!is_js_receiver(H(obj))) {
    if (in) return throw_private(iso, "Cannot use 'in' operator to search for '%s' in a non-object", H(key));
    return throw_private(iso, "Cannot access private member %s of a non-object", H(key));
  }
  LookupResult lookup;
  bool found = property_lookup_own(iso, obj, key, &lookup);
  switch (op) {
    case Bytecode_TestPrivateIn:
      frame_set_acc(f, isolate_boolean(iso, found));
      return true;
    case Bytecode_DefinePrivateField:
      if (found) return throw_private(iso, "Cannot initialize %s twice on the same object", H(key));
      return interpreter_private_add(iso, obj, key, frame_acc(f), PROPERTY_ATTRIBUTES_NONE, false);
    default:
      break;
  }
  if (!found) {
    return throw_private(iso, "Cannot access private member %s from an object whose class did "
                              "not declare it", H(key));
  }
  bool set = op == Bytecode_SetPrivateField;
  if (property_details_kind(lookup.details) == PROPERTY_ACCESSOR) {
    Handle pair = lookup_result_value(iso, &lookup);
    if (handle_is_null(pair)) return false;
    return private_accessor(iso, f, obj, pair, set, H(key));
  }
  if (!set) return set_acc(f, lookup_result_value(iso, &lookup));
  if (property_details_attributes(lookup.details) & READ_ONLY) {
    return throw_private(iso, "Private method %s is not writable", H(key));
  }
  if (lookup.state == LOOKUP_DICTIONARY) { /* also a Proxy's own private elements */
    dictionary_set_value_at(js_object_properties(H(obj)), lookup.index, H(frame_acc(f)));
    return true;
  }
  return js_object_define_own_property(iso, obj, key, frame_acc(f),
                                       (int)property_details_attributes(lookup.details));
}

/* ---- operators and conversions ------------------------------------------------------ */

bool op_binary(Isolate *iso, JSFrame *f, RuntimeBinaryOp op, Handle left, Handle right) {
  return set_acc(f, runtime_binary_op(iso, op, left, right));
}

bool op_number_result(Isolate *iso, JSFrame *f, double value) {
  return set_acc(f, factory_new_number(iso, value));
}

bool op_unary(Isolate *iso, JSFrame *f, RuntimeUnaryOp op) {
  return set_acc(f, runtime_unary_op(iso, op, frame_acc(f)));
}

bool op_compare(Isolate *iso, JSFrame *f, Bytecode op, int reg) {
  Handle left = frame_reg(f, reg), right = frame_acc(f);
  switch (op) {
    case Bytecode_TestEqual: return set_acc_bool(iso, f, runtime_loose_equals(iso, left, right));
    case Bytecode_TestLessThan:
      return set_acc_bool(iso, f, runtime_compare(iso, left, right, COMPARE_LT));
    case Bytecode_TestGreaterThan:
      return set_acc_bool(iso, f, runtime_compare(iso, left, right, COMPARE_GT));
    case Bytecode_TestLessThanOrEqual:
      return set_acc_bool(iso, f, runtime_compare(iso, left, right, COMPARE_LTE));
    case Bytecode_TestGreaterThanOrEqual:
      return set_acc_bool(iso, f, runtime_compare(iso, left, right, COMPARE_GTE));
    case Bytecode_TestInstanceOf:
      return set_acc_bool(iso, f, runtime_instance_of(iso, left, right));
    case Bytecode_TestIn: return set_acc_bool(iso, f, runtime_in(iso, left, right));
    default: UNREACHABLE();
  }
}

bool op_convert(Isolate *iso, JSFrame *f, Bytecode op) {
  Handle v = frame_acc(f);
  switch (op) {
    case Bytecode_ToName: return set_acc(f, runtime_to_property_key(iso, v));
    case Bytecode_ToNumber: return set_acc(f, runtime_to_number(iso, v));
    case Bytecode_ToNumeric: return set_acc(f, runtime_to_numeric(iso, v));
    case Bytecode_ToObject: return set_acc(f, runtime_to_object(iso, v));
    case Bytecode_ToString: return set_acc(f, runtime_to_string(iso, v));
    default: UNREACHABLE();
  }
}

bool interpreter_typeof_is(Isolate *iso, Tagged value, int flag) {
  static const char *const kLiterals[] = {
#define V(name, text) text,
      TYPEOF_LITERAL_LIST(V)
#undef V
  };
  if (flag < 0 || flag >= (int)KILN_ARRAY_SIZE(kLiterals)) return false;
  return string_equals_ascii(runtime_typeof(iso, value), kLiterals[flag]);
}

/* ---- literals ----------------------------------------------------------------------- */

/* An array from a boilerplate FixedArray of constants (holes stay holes). */
static Handle array_from_boilerplate(Isolate *iso, Handle boilerplate) {
  int64_t n = fixed_array_length(H(boilerplate));
  bool smis = true, holes = false;
  for (int64_t i = 0; i < n; i++) {
    Tagged v = fixed_array_get(H(boilerplate), i);
    if (is_the_hole(iso, v)) holes = true;
    else if (!is_smi(v)) smis = false;
  }
  ElementsKind kind = smis ? PACKED_SMI_ELEMENTS : PACKED_ELEMENTS;
  if (holes) kind = elements_kind_to_holey(kind);
  Handle array = runtime_new_array(iso, 0);
  if (handle_is_null(array) || n == 0) return array;
  Handle store = factory_copy_fixed_array(iso, boilerplate, n, ROOT(iso, the_hole_value));
  if (handle_is_null(store)) return store;
  if (kind != js_object_elements_kind(H(array)) && !elements_transition(iso, array, kind)) {
    return HANDLE_NULL;
  }
  js_object_set_elements(H(array), H(store));
  js_array_set_length(H(array), smi_from_int((int32_t)n));
  return array;
}

/* An object from a boilerplate FixedArray of (name, value) constant pairs. */
static Handle object_from_boilerplate(Isolate *iso, Handle boilerplate) {
  Handle obj = runtime_new_object(iso);
  if (handle_is_null(obj)) return obj;
  int64_t n = fixed_array_length(H(boilerplate));
  for (int64_t i = 0; i + 1 < n; i += 2) {
    Handle key = handle_new(iso, fixed_array_get(H(boilerplate), i));
    Handle value = handle_new(iso, fixed_array_get(H(boilerplate), i + 1));
    if (!is_name(H(key)) || (is_string(H(key)) && !string_is_internalized(H(key)))) {
      key = runtime_to_property_key(iso, key);
      if (handle_is_null(key)) return key;
    }
    if (!runtime_create_data_property_or_throw(iso, obj, key, value)) return HANDLE_NULL;
  }
  return obj;
}

/* RegExp flags: bit i of the Flag operand is the i-th letter of kRegExpFlagLetters (the
 * code generator's encoding). */
static const char kRegExpFlagLetters[] = "gimsuydv";

static Handle regexp_literal(Isolate *iso, Handle pattern, int flags) {
  /* A handle before anything allocates: a scavenge may move the constructor. */
  Handle c = handle_new(iso, context_get(iso->native_context, NATIVE_CONTEXT_regexp_function));
  if (!runtime_is_constructor(H(c))) {
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "RegExp not supported yet");
    return HANDLE_NULL;
  }
  char text[16];
  int n = 0;
  for (int i = 0; kRegExpFlagLetters[i]; i++) {
    if (flags & (1 << i)) text[n++] = kRegExpFlagLetters[i];
  }
  Handle flag_string = string_new_utf8(iso, text, (size_t)n);
  if (handle_is_null(flag_string)) return flag_string;
  JSStack *s = iso->js_stack;
  Tagged *saved = s->top;
  Tagged *slots = frames_reserve(iso, 2);
  if (slots == NULL) return HANDLE_NULL;
  slots[0] = H(pattern);
  slots[1] = H(flag_string);
  Tagged r = interpreter_construct(iso, c.loc, 2, slots, NULL);
  s->top = saved;
  return r != kException ? handle_new(iso, r) : HANDLE_NULL;
}

/* ES2025 13.2.8.4 GetTemplateObject. The description (one per site, from the code
 * generator) is a FixedArray [cooked strings (undefined for invalid escapes), raw strings,
 * the template object once made]: the cache of the site. A site belongs to one script and
 * so to one realm. */
static Handle template_object(Isolate *iso, Handle description) {
  Tagged cached = fixed_array_get(H(description), 2);
  if (is_js_array(cached)) return handle_new(iso, cached);
  Handle cooked_list = handle_new(iso, fixed_array_get(H(description), 0));
  Handle raw_list = handle_new(iso, fixed_array_get(H(description), 1));
  int64_t n = fixed_array_length(H(raw_list));
  Handle raw = runtime_new_array(iso, 0), cooked = runtime_new_array(iso, 0);
  if (handle_is_null(raw) || handle_is_null(cooked)) return HANDLE_NULL;
  for (int64_t i = 0; i < n; i++) {
    if (!elements_define(iso, raw, (uint32_t)i, handle_new(iso, fixed_array_get(H(raw_list), i)),
                         PROPERTY_ATTRIBUTES_NONE) ||
        !elements_define(iso, cooked, (uint32_t)i,
                         handle_new(iso, fixed_array_get(H(cooked_list), i)),
                         PROPERTY_ATTRIBUTES_NONE)) {
      return HANDLE_NULL;
    }
  }
  if (!runtime_set_integrity_level(iso, raw, true)) return HANDLE_NULL;
  Handle raw_name = string_internalize_utf8(iso, "raw", 3);
  if (handle_is_null(raw_name)) return raw_name;
  if (!js_object_define_own_property(iso, cooked, raw_name, raw, READ_ONLY | DONT_ENUM | DONT_DELETE)) {
    return HANDLE_NULL;
  }
  if (!runtime_set_integrity_level(iso, cooked, true)) return HANDLE_NULL;
  fixed_array_set(H(description), 2, H(cooked));
  return cooked;
}

bool op_create_literal(Isolate *iso, JSFrame *f, Bytecode op, uint32_t idx, uint32_t slot,
                       int flag) {
  KILN_UNUSED(slot);
  switch (op) {
    case Bytecode_CreateEmptyArrayLiteral: return set_acc(f, runtime_new_array(iso, 0));
    case Bytecode_CreateEmptyObjectLiteral: return set_acc(f, runtime_new_object(iso));
    default: break;
  }
  Handle constant = handle_new(iso, frame_constant(f, idx));
  switch (op) {
    case Bytecode_CreateArrayLiteral: return set_acc(f, array_from_boilerplate(iso, constant));
    case Bytecode_CreateObjectLiteral: return set_acc(f, object_from_boilerplate(iso, constant));
    case Bytecode_CreateRegExpLiteral: return set_acc(f, regexp_literal(iso, constant, flag));
    case Bytecode_GetTemplateObject: return set_acc(f, template_object(iso, constant));
    default: UNREACHABLE();
  }
}

bool op_clone_object(Isolate *iso, JSFrame *f, int reg) {
  Handle obj = runtime_new_object(iso);
  if (handle_is_null(obj)) return false;
  if (!runtime_copy_data_properties(iso, obj, frame_reg(f, reg), 0, NULL)) return false;
  return set_acc(f, obj);
}

bool op_create_closure(Isolate *iso, JSFrame *f, uint32_t idx) {
  Handle sfi = handle_new(iso, frame_constant(f, idx));
  Handle context = handle_new(iso, frame_context(f));
  return set_acc(f, js_function_new_closure(iso, sfi, context));
}

/* ---- arguments objects and rest parameters ------------------------------------------ */

/* The actual arguments of f, ascending, copied to the JS stack (the caller pops). */
static Tagged *frame_arguments(Isolate *iso, JSFrame *f, int from, int *count) {
  int n = f->argc > from ? f->argc - from : 0;
  Tagged *slots = frames_reserve(iso, (size_t)(n > 0 ? n : 1));
  if (slots == NULL) return NULL;
  slots[0] = smi_from_int(0);  /* the GC scans the reserved slot even when n == 0 */
  for (int i = 0; i < n; i++) slots[i] = *frame_param_slot(f, from + i);
  *count = n;
  return slots;
}

/* The context slots the first `count` parameters of f live in (mapped arguments), from the
 * function context's ScopeInfo: its VAR_MODE_PARAM slots in order, when there is one per
 * formal parameter; otherwise no argument is mapped (-1). */
static void mapped_parameter_slots(Isolate *iso, JSFrame *f, int formal, int count, int *slots) {
  for (int i = 0; i < count; i++) slots[i] = -1;
  Tagged c = frame_context(f);
  if (!is_context(c) || is_native_context(c)) return;
  Tagged si = context_scope_info(c);
  if (!is_heap_object(si) || heap_object_type(si) != SCOPE_INFO_TYPE) return;
  int n = scope_info_context_local_count(si), found = 0;
  for (int i = 0; i < n; i++) {
    if (scope_info_context_local_mode(si, i) == VAR_MODE_PARAM) found++;
  }
  if (found != formal) return;
  for (int i = 0, p = 0; i < n && p < count; i++) {
    if (scope_info_context_local_mode(si, i) == VAR_MODE_PARAM) slots[p++] = i;
  }
  KILN_UNUSED(iso);
}

bool op_create_arguments(Isolate *iso, JSFrame *f, Bytecode op) {
  Tagged bytecode = frame_bytecode(f);
  int formal = (int)bytecode_array_parameter_count(bytecode) - 1;
  JSStack *s = iso->js_stack;
  Tagged *saved = s->top;
  int count = 0;
  Tagged *argv = frame_arguments(iso, f, op == Bytecode_CreateRestParameter ? formal : 0, &count);
  if (argv == NULL) return false;
  Handle result;
  if (op == Bytecode_CreateRestParameter) {
    Handle array = runtime_new_array(iso, 0);
    for (int i = 0; !handle_is_null(array) && i < count; i++) {
      if (!elements_define(iso, array, (uint32_t)i, (Handle){&argv[i]}, PROPERTY_ATTRIBUTES_NONE)) {
        array = HANDLE_NULL;
      }
    }
    result = array;
  } else if (op == Bytecode_CreateUnmappedArguments) {
    result = runtime_new_unmapped_arguments(iso, count, argv);
  } else {
    int mapped = count < formal ? count : formal;
    int buf[16];
    int *slots = mapped <= 16 ? buf : malloc(sizeof(int) * (size_t)mapped);
    if (slots == NULL) FATAL("out of C memory");
    mapped_parameter_slots(iso, f, formal, mapped, slots);
    result = runtime_new_mapped_arguments(iso, handle_new(iso, frame_closure(f)),
                                          handle_new(iso, frame_context(f)), count, argv,
                                          mapped, slots);
    if (slots != buf) free(slots);
  }
  s->top = saved;
  return set_acc(f, result);
}

/* ---- classes ------------------------------------------------------------------------ */

/* ES2025 15.7.14 ClassDefinitionEvaluation steps 8-9 and 14-16: the prototype chain of the
 * constructor (list[0]) and its prototype object (left in list[1]), from the heritage
 * (list[1]: the hole when there is no extends clause). */
bool op_create_class(Isolate *iso, JSFrame *f, int first) {
  Handle ctor = frame_reg(f, first), heritage = frame_reg(f, first + 1);
  Tagged realm = iso->native_context;
  Handle proto_parent = handle_new(iso, context_get(realm, NATIVE_CONTEXT_object_prototype));
  Handle ctor_parent = handle_new(iso, context_get(realm, NATIVE_CONTEXT_function_prototype));
  if (is_null(iso, H(heritage))) {
    proto_parent = ROOT_HANDLE(iso, null_value);
  } else if (!is_the_hole(iso, H(heritage))) {
    if (!runtime_is_constructor(H(heritage))) {
      isolate_throw_error(iso, kError_TYPE_ERROR, "Class extends value is not a constructor or null");
      return false;
    }
    proto_parent = runtime_get(iso, heritage, ROOT_HANDLE(iso, prototype_string), heritage);
    if (handle_is_null(proto_parent)) return false;
    if (!is_js_receiver(H(proto_parent)) && !is_null(iso, H(proto_parent))) {
      isolate_throw_error(iso, kError_TYPE_ERROR,
                          "Class extends value does not have valid prototype property");
      return false;
    }
    ctor_parent = heritage;
  }
  Handle proto = runtime_object_create(iso, proto_parent);
  if (handle_is_null(proto)) return false;
  if (js_object_get_prototype(H(ctor)) != H(ctor_parent) &&
      !js_object_set_prototype(iso, ctor, ctor_parent)) {
    if (!isolate_has_pending_exception(iso)) {
      isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot set the class's prototype");
    }
    return false;
  }
  if (!js_function_set_prototype_property(iso, ctor, proto)) return false;
  if (!js_object_define_own_property(iso, proto, ROOT_HANDLE(iso, constructor_string), ctor,
                                     DONT_ENUM)) {
    return false;
  }
  f->regs[first + 1] = H(proto);
  frame_set_acc(f, H(ctor));
  return true;
}

bool op_class_misc(Isolate *iso, JSFrame *f, Bytecode op, int reg, int flag) {
  switch (op) {
    case Bytecode_SetHomeObject:
      return interpreter_set_home_object(iso, frame_acc(f), frame_reg(f, reg));
    case Bytecode_SetFunctionName: {
      const char *prefix = flag == 1 ? "get" : flag == 2 ? "set" : NULL;
      Handle key = runtime_to_property_key(iso, frame_reg(f, reg));
      if (handle_is_null(key)) return false;
      if (!is_js_function(f->fp[kFrameAccumulator])) return true;
      return js_function_set_name(iso, frame_acc(f), key, prefix);
    }
    case Bytecode_GetSuperConstructor:
      return set_acc(f, runtime_get_prototype_of(iso, frame_reg(f, reg)));
    case Bytecode_ThrowIfNotSuperConstructor:
      isolate_throw_error(iso, kError_TYPE_ERROR, "Super constructor is not a constructor");
      return false;
    default: UNREACHABLE();
  }
}

bool op_copy_data_properties(Isolate *iso, JSFrame *f, int target, int source, int first,
                             int count) {
  Handle buf[16];
  Handle *excluded = count <= 16 ? buf : malloc(sizeof(Handle) * (size_t)count);
  if (excluded == NULL) FATAL("out of C memory");
  for (int i = 0; i < count; i++) excluded[i] = frame_reg(f, first + i);
  bool ok = runtime_copy_data_properties(iso, frame_reg(f, target), frame_reg(f, source), count,
                                         count > 0 ? excluded : NULL);
  if (excluded != buf) free(excluded);
  return ok;
}

/* ---- for-in ------------------------------------------------------------------------- */

bool op_for_in_enumerate(Isolate *iso, JSFrame *f, int reg) {
  return set_acc(f, runtime_for_in_keys(iso, frame_reg(f, reg)));
}

bool op_for_in_next(Isolate *iso, JSFrame *f, int receiver, int index, int list) {
  Tagged keys = f->regs[list + 1];
  Handle key = handle_new(iso, fixed_array_get(keys, smi_value(f->regs[index])));
  Handle obj = frame_reg(f, receiver);
  if (is_js_receiver(H(obj))) {
    RuntimeMaybeBool has = runtime_has_property(iso, obj, key);
    if (has == RT_EXCEPTION) return false;
    if (has == RT_FALSE) {
      frame_set_acc(f, ROOT(iso, undefined_value));
      return true;
    }
  }
  frame_set_acc_h(f, key);
  return true;
}

/* ---- iteration ---------------------------------------------------------------------- */

static bool call_method(Isolate *iso, JSFrame *f, Handle method, Handle receiver) {
  Tagged r = interpreter_call(iso, method.loc, receiver.loc, 0, NULL);
  if (r == kException) return false;
  frame_set_acc(f, r);
  return true;
}

bool op_get_iterator(Isolate *iso, JSFrame *f, int reg) {
  Handle obj = frame_reg(f, reg);
  Handle method = runtime_get_method(iso, obj, ROOT_HANDLE(iso, iterator_symbol));
  if (handle_is_null(method)) return false;
  if (is_undefined(iso, H(method))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "object is not iterable");
    return false;
  }
  if (!call_method(iso, f, method, obj)) return false;
  if (!is_js_receiver(f->fp[kFrameAccumulator])) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Result of the Symbol.iterator method is not an object");
    return false;
  }
  return true;
}

bool op_iterator_next(Isolate *iso, JSFrame *f, int iterator, int next) {
  if (!call_method(iso, f, frame_reg(f, next), frame_reg(f, iterator))) return false;
  if (!is_js_receiver(f->fp[kFrameAccumulator])) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Iterator result is not an object");
    return false;
  }
  return true;
}

/* ES2025 7.4.11 IteratorClose for a normal/break/return completion: the accumulator is
 * kept. */
bool op_iterator_close(Isolate *iso, JSFrame *f, int iterator) {
  Handle saved = handle_new(iso, f->fp[kFrameAccumulator]);
  Handle method = runtime_get_method(iso, frame_reg(f, iterator), ROOT_HANDLE(iso, return_string));
  if (handle_is_null(method)) return false;
  if (!is_undefined(iso, H(method))) {
    if (!call_method(iso, f, method, frame_reg(f, iterator))) return false;
    if (!is_js_receiver(f->fp[kFrameAccumulator])) {
      isolate_throw_error(iso, kError_TYPE_ERROR, "Iterator result is not an object");
      return false;
    }
  }
  frame_set_acc_h(f, saved);
  return true;
}

/* ---- errors ------------------------------------------------------------------------- */

bool op_throw_hole_error(Isolate *iso, JSFrame *f, Bytecode op, uint32_t idx) {
  size_t n;
  char *text = NULL;
  if (op == Bytecode_ThrowReferenceErrorIfHole || op == Bytecode_ThrowIfNotObject ||
      op == Bytecode_ThrowConstAssignment) {
    Tagged k = frame_constant(f, idx);
    if (is_string(k)) text = string_to_utf8(iso, k, &n);
  }
  const char *t = text ? text : "";
  switch (op) {
    case Bytecode_ThrowReferenceErrorIfHole:
      isolate_throw_error(iso, kError_REFERENCE_ERROR, "Cannot access '%s' before initialization", t);
      break;
    case Bytecode_ThrowSuperNotCalledIfHole:
      isolate_throw_error(iso, kError_REFERENCE_ERROR,
                          "Must call super constructor in derived class before accessing "
                          "'this' or returning from derived constructor");
      break;
    case Bytecode_ThrowSuperAlreadyCalledIfNotHole:
      isolate_throw_error(iso, kError_REFERENCE_ERROR, "Super constructor may only be called once");
      break;
    case Bytecode_ThrowIfNotObject:
      isolate_throw_error(iso, kError_TYPE_ERROR, "%s", *t ? t : "value is not an object");
      break;
    case Bytecode_ThrowConstAssignment:
      isolate_throw_error(iso, kError_TYPE_ERROR, "Assignment to constant variable.");
      break;
    default:
      UNREACHABLE();  /* the five Throw* bytecodes above are its only callers */
  }
  free(text);
  return false;
}

/* ---- [[HomeObject]] ----------------------------------------------------------------- */

static Handle home_object_key(Isolate *iso) {
  JSStack *s = iso->js_stack;
  if (s->home_object_symbol == 0) {
    Handle sym = symbol_new(iso, ROOT_HANDLE(iso, undefined_value), true);
    if (handle_is_null(sym)) return sym;
    s->home_object_symbol = H(sym);
  }
  return (Handle){&s->home_object_symbol};
}

bool interpreter_set_home_object(Isolate *iso, Handle closure, Handle home) {
  if (!is_js_function(H(closure))) return true;
  Handle key = home_object_key(iso);
  if (handle_is_null(key)) return false;
  if (!js_object_define_own_property(iso, closure, key, home, DONT_ENUM)) {
    return isolate_has_pending_exception(iso) ? false : true;
  }
  return true;
}

Tagged interpreter_home_object(Isolate *iso, Tagged closure) {
  JSStack *s = iso->js_stack;
  if (s->home_object_symbol == 0 || !is_js_function(closure)) return ROOT(iso, undefined_value);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  LookupResult lookup;
  Tagged result = ROOT(iso, undefined_value);
  Handle c = handle_new(iso, closure);
  if (property_lookup_own(iso, c, (Handle){&s->home_object_symbol}, &lookup) &&
      (lookup.state == LOOKUP_IN_OBJECT || lookup.state == LOOKUP_BACKING_STORE ||
       lookup.state == LOOKUP_DICTIONARY)) {
    Handle v = lookup_result_value(iso, &lookup);
    if (!handle_is_null(v)) result = H(v);
  }
  handle_scope_close(&scope);
  return result;
}
