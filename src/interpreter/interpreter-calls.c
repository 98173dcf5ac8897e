/*
 * interpreter-calls.c: [[Call]] and [[Construct]] of every kind of function, pushing and
 * popping interpreted frames, and the call bytecodes' slow paths.
 *
 * Every call checks the C stack (execution_stack_ok) and reserves its frame on the JS stack
 * (frames_reserve); either failing throws "RangeError: Maximum call stack size exceeded",
 * and unwinding restores the JS stack's top, so the isolate stays usable.
 */
#include <stdlib.h>
#include <string.h>

#include "builtins/builtins.h"
#include "execution/execution.h"
#include "ic/feedback-vector.h"
#include "interpreter/compiler.h"
#include "interpreter/interpreter-internal.h"
#include "objects/js-function.h"
#include "objects/map.h"
#include "objects/scope-info.h"
#include "objects/shared-function-info.h"
#include "objects/string.h"
#include "runtime/runtime-functions.h"

enum { kMaxInlineHandles = 16 };

/* ES2025 10.2.1.2 OrdinaryCallBindThis for sloppy functions: undefined/null become the
 * realm's global this, primitives are wrapped. The receiver is in its frame slot. */
static bool bind_sloppy_this(Isolate *iso, JSFrame *f) {
  Tagged *slot = frame_receiver_slot(f);
  if (is_js_receiver(*slot)) return true;
  if (is_undefined(iso, *slot) || is_null(iso, *slot)) {
    *slot = context_get(iso->native_context, NATIVE_CONTEXT_global_this);
    return true;
  }
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle wrapped = runtime_to_object(iso, (Handle){slot});
  if (!handle_is_null(wrapped)) *slot = H(wrapped);
  handle_scope_close(&scope);
  return !handle_is_null(wrapped);
}

/* Creates the closure's feedback vector on its first call. */
static bool ensure_feedback_vector(Isolate *iso, JSFrame *f) {
  int slots = (int)bytecode_array_feedback_slot_count(f->fp[kFrameBytecode]);
  if (slots == 0) return true;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle fv = feedback_vector_new(iso, slots);
  if (!handle_is_null(fv)) {
    js_function_set_feedback_vector(f->fp[kFrameClosure], H(fv));
    f->fp[kFrameFeedback] = H(fv);
  }
  handle_scope_close(&scope);
  return !handle_is_null(fv);
}

/* 10.2.2 [[Construct]] steps 10-12 for the value a constructor frame returned. */
static Tagged construct_result(Isolate *iso, JSFrame *f, Tagged result) {
  if (is_js_receiver(result)) return result;
  Tagged sfi = js_function_shared(f->fp[kFrameClosure]);
  if (sfi_is_derived_constructor(sfi) && is_the_hole(iso, result)) {
    /* A derived constructor returns its this binding for `return;` (still the hole if
     * super() was never called). */
    isolate_throw_error(iso, kError_REFERENCE_ERROR,
                        "Must call super constructor in derived class before accessing "
                        "'this' or returning from derived constructor");
    return kException;
  }
  if (sfi_is_derived_constructor(sfi) && !is_undefined(iso, result)) {
    isolate_throw_error(iso, kError_TYPE_ERROR,
                        "Derived constructors may only return object or undefined");
    return kException;
  }
  Tagged self = *frame_receiver_slot(f);
  if (is_the_hole(iso, self)) {
    isolate_throw_error(iso, kError_REFERENCE_ERROR,
                        "Must call super constructor in derived class before accessing "
                        "'this' or returning from derived constructor");
    return kException;
  }
  return self;
}

/* Runs the bytecode of JSFunction *callee in a new frame. kTailCall when the frame ended
 * in a proper tail call (JSStack.tail_call). */
static Tagged run_bytecode_frame(Isolate *iso, Tagged *callee, Tagged *receiver, int argc,
                                 Tagged *argv, Tagged new_target, bool construct) {
  JSStack *s = iso->js_stack;
  Tagged fn = *callee, sfi = js_function_shared(fn), bytecode = sfi_function_data(sfi);
  if (KILN_UNLIKELY(!is_bytecode_array(bytecode) || sfi_not_supported(sfi))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "%s functions are not supported yet",
                        sfi_is_generator(sfi) ? "generator" : sfi_is_async(sfi) ? "async" : "these");
    return kException;
  }
  if (KILN_UNLIKELY(isolate_interrupt_requested(iso)) && !isolate_handle_interrupts(iso)) {
    return kException;  /* terminated: the poll at every call (isolate.h) */
  }
  if (KILN_UNLIKELY(!execution_stack_ok(iso))) {
    frames_throw_stack_overflow(iso);
    return kException;
  }
  int formal = (int)bytecode_array_parameter_count(bytecode) - 1;
  int n = argc > formal ? argc : formal;
  int frame_size = (int)bytecode_array_frame_size(bytecode);
  Tagged *saved_top = s->top;
  Tagged *fp = frames_reserve(iso, (size_t)(kFrameFixedSlots + n + 1 + frame_size));
  if (fp == NULL) return kException;
  Tagged undefined = ROOT(iso, undefined_value);
  fp[kFrameClosure] = fn;
  fp[kFrameContext] = js_function_context(fn);
  fp[kFrameBytecode] = bytecode;
  fp[kFrameNewTarget] = new_target;
  fp[kFrameAccumulator] = undefined;
  fp[kFrameFeedback] = js_function_feedback_vector(fn);
  fp[kFrameArgc] = smi_from_int(argc);
  Tagged *params = fp + kFrameFixedSlots;
  for (int i = 0; i < argc; i++) params[n - 1 - i] = argv[i];
  for (int i = argc; i < n; i++) params[n - 1 - i] = undefined;
  Tagged *regs = params + n + 1;
  regs[-1] = receiver ? *receiver : undefined;
  for (int r = 0; r < frame_size; r++) regs[r] = undefined;

  JSFrame frame = {s->current, fp, regs, NULL, argc, n, construct};
  s->current = &frame;
  s->depth++;
  Tagged saved_realm = iso->native_context;
  Tagged realm = interpreter_native_context_of(fp[kFrameContext]);
  if (realm != saved_realm) iso->native_context = realm;
  Tagged result = kException;
  if ((!is_undefined(iso, fp[kFrameFeedback]) || ensure_feedback_vector(iso, &frame)) &&
      (construct || sfi_is_strict(sfi) || sfi_is_arrow(sfi) || bind_sloppy_this(iso, &frame))) {
    result = interpreter_run(iso, &frame);
  }
  /* [[Construct]] checks the result in the caller's execution context (10.2.2 step 10),
   * so its errors belong to the caller's realm. */
  iso->native_context = saved_realm;
  if (result != kException && construct) result = construct_result(iso, &frame, result);
  s->current = frame.caller;
  s->depth--;
  s->top = saved_top;
  return result;
}

/* Runs *callee's bytecode, then each proper tail call its frames leave behind, in place of
 * the frame that made it (ES2025 15.10.3 PrepareForTailCall): the C and JS stacks do not
 * grow with a chain of tail calls. */
static Tagged call_bytecode(Isolate *iso, Tagged *callee, Tagged *receiver, int argc,
                            Tagged *argv, Tagged new_target, bool construct) {
  JSStack *s = iso->js_stack;
  Tagged *saved_top = s->top;
  Tagged result = run_bytecode_frame(iso, callee, receiver, argc, argv, new_target, construct);
  while (result == kTailCall) {
    /* The call sits in slots above the popped frame; nothing allocated since. */
    int n = s->tail_call_length;
    Tagged *from = s->tail_call;
    s->tail_call = NULL;
    s->top = saved_top;
    Tagged *slots = frames_reserve(iso, (size_t)n);
    if (slots == NULL) return kException;
    memmove(slots, from, sizeof(Tagged) * (size_t)n);
    result = run_bytecode_frame(iso, &slots[0], &slots[1], n - 2, slots + 2,
                                ROOT(iso, undefined_value), false);
  }
  s->top = saved_top;
  return result;
}

/* Calls a C builtin. All slots are GC-visible. */
static Tagged call_builtin(Isolate *iso, BuiltinFunction fn, Tagged *target, Tagged *receiver,
                           int argc, Tagged *argv, Tagged *new_target) {
  if (KILN_UNLIKELY(isolate_interrupt_requested(iso)) && !isolate_handle_interrupts(iso)) {
    return kException;
  }
  if (KILN_UNLIKELY(!execution_stack_ok(iso))) {
    frames_throw_stack_overflow(iso);
    return kException;
  }
  BuiltinArgs args = {receiver, target, new_target, argc, argv};
  Tagged saved_realm = iso->native_context;
  Tagged fn_context = js_function_context(*target);
  /* A builtin made outside any realm (bare isolates in tests) keeps the caller's realm. */
  if (is_context(fn_context)) iso->native_context = interpreter_native_context_of(fn_context);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle r = fn(iso, &args);
  Tagged result = handle_is_null(r) ? kException : H(r);
  handle_scope_close(&scope);
  iso->native_context = saved_realm;
  return result;
}

/* Handles for argv (slots), for the Handle-based runtime entry points. */
static Handle *argv_handles(Tagged *argv, int argc, Handle *inline_buf) {
  Handle *h = argc <= kMaxInlineHandles ? inline_buf : malloc(sizeof(Handle) * (size_t)argc);
  if (h == NULL) FATAL("out of C memory");
  for (int i = 0; i < argc; i++) h[i] = (Handle){&argv[i]};
  return h;
}

static Tagged call_proxy(Isolate *iso, Tagged *proxy, Tagged *receiver, int argc, Tagged *argv,
                         Tagged *new_target) {
  Handle buf[kMaxInlineHandles];
  Handle *h = argv_handles(argv, argc, buf);
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle r = new_target
                 ? runtime_proxy_construct(iso, (Handle){proxy}, argc, h, (Handle){new_target})
                 : runtime_proxy_call(iso, (Handle){proxy},
                                      receiver ? (Handle){receiver}
                                               : ROOT_HANDLE(iso, undefined_value),
                                      argc, h);
  Tagged result = handle_is_null(r) ? kException : H(r);
  handle_scope_close(&scope);
  if (h != buf) free(h);
  return result;
}

/* Bound functions (ES2025 10.4.1.1/10.4.1.2): [target | this or new.target | args]. */
static Tagged call_bound(Isolate *iso, Tagged *callee, Tagged *receiver, int argc, Tagged *argv,
                         Tagged *new_target) {
  JSStack *s = iso->js_stack;
  Tagged *saved_top = s->top;
  Tagged fn = *callee, bound = js_bound_function_bound_arguments(fn);
  int nb = is_fixed_array(bound) ? (int)fixed_array_length(bound) : 0;
  Tagged *slots = frames_reserve(iso, (size_t)(2 + nb + argc));
  if (slots == NULL) return kException;
  slots[0] = js_bound_function_target(fn);
  for (int i = 0; i < nb; i++) slots[2 + i] = fixed_array_get(bound, i);
  for (int i = 0; i < argc; i++) slots[2 + nb + i] = argv[i];
  Tagged result;
  KILN_UNUSED(receiver);
  if (new_target == NULL) {
    slots[1] = js_bound_function_bound_this(fn);
    result = interpreter_call(iso, &slots[0], &slots[1], nb + argc, &slots[2]);
  } else {
    slots[1] = *new_target == fn ? slots[0] : *new_target;
    result = interpreter_construct(iso, &slots[0], nb + argc, &slots[2], &slots[1]);
  }
  s->top = saved_top;
  return result;
}

static Tagged throw_not_callable(Isolate *iso, Tagged *callee) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  runtime_throw_not_callable(iso, (Handle){callee});
  handle_scope_close(&scope);
  return kException;
}

Tagged interpreter_call(Isolate *iso, Tagged *callee, Tagged *receiver, int argc,
                        Tagged *argv) {
  Tagged fn = *callee;
  if (KILN_LIKELY(is_js_function(fn))) {
    Tagged sfi = js_function_shared(fn);
    BuiltinFunction builtin = (BuiltinFunction)sfi_builtin(sfi);
    if (builtin == NULL) {
      if (KILN_UNLIKELY(sfi_is_class_constructor(sfi))) {
        /* 10.2.1 [[Call]] step 2: the TypeError comes from F's realm. */
        Tagged saved_realm = iso->native_context;
        iso->native_context = interpreter_native_context_of(js_function_context(fn));
        isolate_throw_error(iso, kError_TYPE_ERROR,
                            "Class constructor cannot be invoked without 'new'");
        iso->native_context = saved_realm;
        return kException;
      }
      return call_bytecode(iso, callee, receiver, argc, argv, ROOT(iso, undefined_value),
                           false);
    }
    JSStack *s = iso->js_stack;
    Tagged *saved_top = s->top;
    Tagged *tmp = frames_reserve(iso, 2);
    if (tmp == NULL) return kException;
    tmp[0] = receiver ? *receiver : ROOT(iso, undefined_value);
    tmp[1] = ROOT(iso, undefined_value);
    Tagged result = call_builtin(iso, builtin, callee, &tmp[0], argc, argv, &tmp[1]);
    s->top = saved_top;
    return result;
  }
  if (is_js_bound_function(fn)) return call_bound(iso, callee, receiver, argc, argv, NULL);
  if (is_js_proxy(fn) && runtime_is_callable(fn)) {
    return call_proxy(iso, callee, receiver, argc, argv, NULL);
  }
  return throw_not_callable(iso, callee);
}

/* The value of fn's own "prototype" when it is a data field of a fast-mode function (the
 * usual case), read without a lookup that allocates; false otherwise. */
static bool function_prototype_field(Isolate *iso, Tagged fn, Tagged *out) {
  Tagged map = heap_object_map(fn);
  if (map_is_dictionary(map)) return false;
  Tagged descriptors = map_instance_descriptors(map);
  int d = descriptor_array_search(descriptors, map_own_descriptors(map),
                                  ROOT(iso, prototype_string));
  if (d < 0) return false;
  PropertyDetails details = descriptor_array_details(descriptors, d);
  if (property_details_kind(details) != PROPERTY_DATA ||
      property_details_location(details) != PROPERTY_FIELD) {
    return false;
  }
  int field = (int)property_details_index(details), inobject = map_inobject_properties(map);
  *out = field < inobject
             ? field_read(fn, map_inobject_start(map) + (size_t)field * kTaggedSize)
             : fixed_array_get(js_object_properties(fn), field - inobject);
  return true;
}

/* 10.1.13 OrdinaryCreateFromConstructor(newTarget, "%Object.prototype%") into *out. */
static bool create_receiver(Isolate *iso, Tagged *new_target, Tagged *out) {
  if (is_js_function(*new_target)) {
    /* Fast path: the initial map cached for the current "prototype". */
    Tagged cached = js_function_prototype_or_initial_map(*new_target), proto;
    if (is_map(cached) && function_prototype_field(iso, *new_target, &proto) &&
        proto == map_prototype(cached)) {
      HandleScope scope;
      handle_scope_open(iso, &scope);
      Handle obj = js_object_new_with_map(iso, handle_new(iso, cached));
      if (!handle_is_null(obj)) *out = H(obj);
      handle_scope_close(&scope);
      return !handle_is_null(obj);
    }
  }
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle nt = {new_target}, obj = HANDLE_NULL;
  if (is_js_function(*new_target)) {
    Handle proto = runtime_get(iso, nt, ROOT_HANDLE(iso, prototype_string), nt);
    if (!handle_is_null(proto) && is_js_receiver(H(proto))) {
      Handle map = js_function_initial_map(iso, nt, proto);
      if (!handle_is_null(map)) obj = js_object_new_with_map(iso, map);
    } else if (!handle_is_null(proto)) {
      Tagged realm = js_function_native_context(*new_target);
      Handle p = handle_new(iso, context_get(realm, NATIVE_CONTEXT_object_prototype));
      obj = runtime_object_create(iso, p);
    }
  } else {
    Handle proto = runtime_get_prototype_from_constructor(iso, nt, NATIVE_CONTEXT_object_prototype);
    if (!handle_is_null(proto)) obj = runtime_object_create(iso, proto);
  }
  if (!handle_is_null(obj)) *out = H(obj);
  handle_scope_close(&scope);
  return !handle_is_null(obj);
}

static Tagged throw_not_constructor(Isolate *iso) {
  isolate_throw_error(iso, kError_TYPE_ERROR, "not a constructor");
  return kException;
}

Tagged interpreter_construct(Isolate *iso, Tagged *constructor, int argc, Tagged *argv,
                             Tagged *new_target) {
  Tagged fn = *constructor;
  if (!runtime_is_constructor(fn)) return throw_not_constructor(iso);
  if (new_target == NULL) new_target = constructor;
  if (is_js_bound_function(fn)) return call_bound(iso, constructor, NULL, argc, argv, new_target);
  if (is_js_proxy(fn)) return call_proxy(iso, constructor, NULL, argc, argv, new_target);
  if (!is_js_function(fn)) return throw_not_constructor(iso);
  JSStack *s = iso->js_stack;
  Tagged *saved_top = s->top;
  Tagged *tmp = frames_reserve(iso, 1);
  if (tmp == NULL) return kException;
  tmp[0] = ROOT(iso, the_hole_value);
  Tagged sfi = js_function_shared(fn), result = kException;
  BuiltinFunction builtin = (BuiltinFunction)sfi_builtin(sfi);
  if (builtin != NULL) {
    result = call_builtin(iso, builtin, constructor, &tmp[0], argc, argv, new_target);
  } else if (sfi_is_derived_constructor(sfi) || create_receiver(iso, new_target, &tmp[0])) {
    result = call_bytecode(iso, constructor, &tmp[0], argc, argv, *new_target, true);
  }
  s->top = saved_top;
  return result;
}

/* ---- the call bytecodes ------------------------------------------------------------- */

/* Expands the last of argc arguments (an iterable) into the JS stack: *argv_out, *argc_out
 * describe the new argument list. The caller restores the stack top. */
static bool spread_arguments(Isolate *iso, Tagged *argv, int argc, Tagged **argv_out,
                             int *argc_out) {
  Handle list = runtime_iterable_to_list(iso, (Handle){&argv[argc - 1]});
  if (handle_is_null(list)) return false;
  int n = (int)fixed_array_length(H(list));
  Tagged *slots = frames_reserve(iso, (size_t)(argc - 1 + n));
  if (slots == NULL) return false;
  for (int i = 0; i < argc - 1; i++) slots[i] = argv[i];
  for (int i = 0; i < n; i++) slots[argc - 1 + i] = fixed_array_get(H(list), i);
  *argv_out = slots;
  *argc_out = argc - 1 + n;
  return true;
}

bool op_call(Isolate *iso, JSFrame *f, int callee, int first, int count, bool with_receiver,
             bool spread) {
  Tagged *list = &f->regs[first];
  Tagged *receiver = with_receiver ? list : NULL;
  Tagged *argv = with_receiver ? list + 1 : list;
  int argc = with_receiver ? count - 1 : count;
  JSStack *s = iso->js_stack;
  Tagged *saved_top = s->top;
  if (spread && argc > 0 && !spread_arguments(iso, argv, argc, &argv, &argc)) return false;
  Tagged r = interpreter_call(iso, &f->regs[callee], receiver, argc, argv);
  s->top = saved_top;
  if (r == kException) return false;
  frame_set_acc(f, r);
  return true;
}

bool op_construct(Isolate *iso, JSFrame *f, int callee, int first, int count, bool spread) {
  Tagged *argv = &f->regs[first];
  int argc = count;
  JSStack *s = iso->js_stack;
  Tagged *saved_top = s->top;
  if (spread && argc > 0 && !spread_arguments(iso, argv, argc, &argv, &argc)) return false;
  Tagged r = interpreter_construct(iso, &f->regs[callee], argc, argv, &f->fp[kFrameAccumulator]);
  s->top = saved_top;
  if (r == kException) return false;
  frame_set_acc(f, r);
  return true;
}

/* new.target for super() in f: the frame's own, or for an arrow function the "new.target"
 * binding its enclosing constructor keeps in a context. */
static Tagged super_call_new_target(Isolate *iso, JSFrame *f) {
  Tagged sfi = js_function_shared(frame_closure(f));
  if (!sfi_is_arrow(sfi)) return f->fp[kFrameNewTarget];
  Handle name = string_internalize_utf8(iso, "new.target", 10);
  if (handle_is_null(name)) return kException;
  for (Tagged c = frame_context(f); !is_native_context(c); c = context_previous(c)) {
    Tagged si = context_scope_info(c);
    if (!is_heap_object(si) || heap_object_type(si) != SCOPE_INFO_TYPE) continue;
    int slot = scope_info_context_slot_index(si, H(name), NULL);
    if (slot >= 0) return context_get(c, slot);
  }
  return ROOT(iso, undefined_value);
}

bool op_super_call(Isolate *iso, JSFrame *f, int first, int count, bool spread) {
  Tagged active = f->fp[kFrameAccumulator];
  Tagged super_ctor = is_js_receiver(active) ? js_object_get_prototype(active) : 0;
  if (!runtime_is_constructor(super_ctor)) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Super constructor is not a constructor");
    return false;
  }
  Tagged nt = super_call_new_target(iso, f);
  if (nt == kException) return false;
  if (!runtime_is_constructor(nt)) {
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "'super' keyword unexpected here");
    return false;
  }
  JSStack *s = iso->js_stack;
  Tagged *saved_top = s->top;
  Tagged *tmp = frames_reserve(iso, 2);
  if (tmp == NULL) return false;
  tmp[0] = super_ctor;
  tmp[1] = nt;
  Tagged *argv = &f->regs[first];
  int argc = count;
  Tagged r = kException;
  if (!spread || argc == 0 || spread_arguments(iso, argv, argc, &argv, &argc)) {
    r = interpreter_construct(iso, &tmp[0], argc, argv, &tmp[1]);
  }
  s->top = saved_top;
  if (r == kException) return false;
  frame_set_acc(f, r);
  return true;
}

bool op_call_runtime(Isolate *iso, JSFrame *f, int id, int first, int count) {
  if (id < 0 || id >= kRuntimeFunctionCount) FATAL("bad runtime function %d", id);
  Handle r = runtime_function((RuntimeFunctionId)id)(iso, count, &f->regs[first]);
  if (handle_is_null(r)) return false;
  frame_set_acc_h(f, r);
  return true;
}

/* ES2025 19.2.1.1 PerformEval for a direct call: compiled in the caller's context with
 * the caller's strictness; `this` and new.target reach it through the context slots the
 * code generator arranged. */
static bool direct_eval(Isolate *iso, JSFrame *f, Tagged *source, int position) {
  Handle sfi = compiler_compile_eval(iso, (Handle){source},
                                     handle_new(iso, js_function_shared(frame_closure(f))),
                                     handle_new(iso, frame_context(f)), frame_is_strict(f),
                                     position);
  if (handle_is_null(sfi)) return false;
  Handle closure = js_function_new_closure(iso, sfi, handle_new(iso, frame_context(f)));
  if (handle_is_null(closure)) return false;
  Tagged r = call_bytecode(iso, closure.loc, frame_receiver_slot(f), 0, NULL,
                           f->fp[kFrameNewTarget], false);
  if (r == kException) return false;
  frame_set_acc(f, r);
  return true;
}

/* operand: the source position * 2, plus 1 when the last argument is spread. */
bool op_call_direct_eval(Isolate *iso, JSFrame *f, int callee, int first, int count,
                         int operand) {
  bool spread = (operand & 1) != 0;
  int position = operand >> 1;
  Tagged eval = context_get(iso->native_context, NATIVE_CONTEXT_eval_function);
  if (f->regs[callee] != eval || eval == ROOT(iso, undefined_value)) {
    return op_call(iso, f, callee, first, count, false, spread);
  }
  JSStack *s = iso->js_stack;
  Tagged *saved_top = s->top;
  Tagged *argv = &f->regs[first];
  int argc = count;
  if (spread && argc > 0 && !spread_arguments(iso, argv, argc, &argv, &argc)) return false;
  bool ok = true;
  if (argc == 0 || !is_string(argv[0])) {
    frame_set_acc(f, argc == 0 ? ROOT(iso, undefined_value) : argv[0]);
  } else {
    ok = direct_eval(iso, f, &argv[0], position);
  }
  s->top = saved_top;
  return ok;
}

/* Can a tail call of fn replace the calling frame? Ordinary interpreted functions only
 * (builtins, proxies and bound functions take the normal call, as do class constructors,
 * whose [[Call]] throws). */
static bool tail_callable(Tagged fn) {
  if (!is_js_function(fn)) return false;
  Tagged sfi = js_function_shared(fn);
  return is_bytecode_array(sfi_function_data(sfi)) && !sfi_not_supported(sfi) &&
         !sfi_is_class_constructor(sfi);
}

/* TailCall (list[0] the receiver): a constructing frame, or a callee that cannot replace
 * it, makes a normal call; otherwise the callee, receiver and arguments are copied above
 * the frame and *tail tells the dispatch loop to return kTailCall. */
bool op_tail_call(Isolate *iso, JSFrame *f, int callee, int first, int count, int flags,
                  bool *tail) {
  *tail = false;
  Tagged fn = f->regs[callee];
  if (flags & 1) {
    Tagged eval = context_get(iso->native_context, NATIVE_CONTEXT_eval_function);
    if (fn == eval && eval != ROOT(iso, undefined_value))
      return op_call_direct_eval(iso, f, callee, first + 1, count - 1, 0);
  }
  if (f->is_construct || !tail_callable(fn)) return op_call(iso, f, callee, first, count, true, false);
  JSStack *s = iso->js_stack;
  Tagged *slots = frames_reserve(iso, (size_t)count + 1);
  if (slots == NULL) return false;
  slots[0] = fn;
  for (int i = 0; i < count; i++) slots[1 + i] = f->regs[first + i];
  s->tail_call = slots;
  s->tail_call_length = count + 1;
  *tail = true;
  return true;
}
