/*
 * builtins-dispose.c: explicit resource management's built-ins (ES2026): SuppressedError,
 * DisposableStack, AsyncDisposableStack, %IteratorPrototype%[@@dispose] and
 * %AsyncIteratorPrototype%[@@asyncDispose]. Symbol.dispose and Symbol.asyncDispose are
 * well-known symbols (roots.h), installed on Symbol with the others.
 *
 * Both stack kinds are JSDisposableStack objects (objects.h) of their own instance type:
 * state is [[DisposableState]] (0 pending, 1 disposed), capability the
 * [[DisposeCapability]] runtime/runtime-dispose.h describes.
 */
#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/js-promise.h"
#include "objects/map.h"
#include "runtime/runtime-dispose.h"

enum { kStackPending = 0, kStackDisposed = 1 };

#define SUPPRESSED_ERROR_BUILTINS(V) V(SuppressedErrorConstructor, "SuppressedError", 3)

#define DISPOSABLE_STACK_PROTOTYPE_BUILTINS(V)              \
  V(DisposableStackPrototypeUse, "use", 1)                  \
  V(DisposableStackPrototypeAdopt, "adopt", 2)              \
  V(DisposableStackPrototypeDefer, "defer", 1)              \
  V(DisposableStackPrototypeMove, "move", 0)

#define ASYNC_DISPOSABLE_STACK_PROTOTYPE_BUILTINS(V)        \
  V(AsyncDisposableStackPrototypeUse, "use", 1)             \
  V(AsyncDisposableStackPrototypeAdopt, "adopt", 2)         \
  V(AsyncDisposableStackPrototypeDefer, "defer", 1)         \
  V(AsyncDisposableStackPrototypeMove, "move", 0)

SUPPRESSED_ERROR_BUILTINS(BUILTIN_DECLARE)
DISPOSABLE_STACK_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
ASYNC_DISPOSABLE_STACK_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(DisposableStackConstructor, "DisposableStack", 0)
BUILTIN_DECLARE(AsyncDisposableStackConstructor, "AsyncDisposableStack", 0)
BUILTIN_DECLARE(DisposableStackPrototypeDispose, "dispose", 0)
BUILTIN_DECLARE(DisposableStackPrototypeGetDisposed, "disposed", 0)
BUILTIN_DECLARE(AsyncDisposableStackPrototypeGetDisposed, "disposed", 0)
BUILTIN_DECLARE(IteratorPrototypeDispose, "@@dispose", 0)
BUILTIN_DECLARE(AsyncDisposableStackPrototypeDisposeAsync, "disposeAsync", 0)
BUILTIN_DECLARE(AsyncIteratorPrototypeAsyncDispose, "@@asyncDispose", 0)
BUILTIN_DECLARE(DisposeAsyncFulfilled, "", 1)
BUILTIN_DECLARE(DisposeAsyncRejected, "", 1)
BUILTIN_DECLARE(AsyncIteratorUnwrap, "", 1)

/* ---- SuppressedError ------------------------------------------------------------------- */

/* CreateNonEnumerableDataPropertyOrThrow(O, name, value). */
static bool dispose_define_hidden(Isolate *iso, Handle obj, const char *name, Handle value) {
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  desc.flags = PD_HAS_VALUE | PD_HAS_WRITABLE | PD_WRITABLE | PD_HAS_ENUMERABLE |
               PD_HAS_CONFIGURABLE | PD_CONFIGURABLE;
  desc.value = value;
  Handle key = builtins_string(iso, name);
  return !handle_is_null(key) && runtime_define_property_or_throw(iso, obj, key, &desc);
}

/* SuppressedError ( error, suppressed, message ) */
BUILTIN(SuppressedErrorConstructor) {
  Handle realm = builtins_realm(iso, args);
  Handle new_target = builtin_new_target(args);
  if (is_undefined(iso, H(new_target))) new_target = builtin_target(args);
  Handle base = builtins_intrinsic(iso, realm, NATIVE_CONTEXT_suppressed_error_map);
  Handle map = builtins_map_from_constructor(iso, new_target,
                                             NATIVE_CONTEXT_suppressed_error_prototype, base);
  BUILTIN_TRY(map);
  Handle error = factory_new_js_object_from_map(iso, map);
  BUILTIN_TRY(error);
  field_write(H(error), map_inobject_start(H(map)), smi_from_int((int32_t)kError_ERROR));
  Handle message = BUILTIN_ARG(2);
  if (!is_undefined(iso, H(message))) {
    Handle msg = runtime_to_string(iso, message);
    BUILTIN_TRY(msg);
    BUILTIN_CHECK(dispose_define_hidden(iso, error, "message", msg));
  }
  BUILTIN_CHECK(dispose_define_hidden(iso, error, "error", BUILTIN_ARG(0)));
  BUILTIN_CHECK(dispose_define_hidden(iso, error, "suppressed", BUILTIN_ARG(1)));
  BUILTIN_CHECK(runtime_install_error_stack(iso, error));
  return error;
}

/* ---- DisposableStack and AsyncDisposableStack ------------------------------------------ */

/* The stack-kind constants a builtin works with. */
typedef struct {
  const char *name;
  InstanceType type;
  int proto_slot, map_slot;
  int hint;   /* DisposeHint of use() */
} StackKind;

static const StackKind kSyncStack = {"DisposableStack", JS_DISPOSABLE_STACK_TYPE,
                                     NATIVE_CONTEXT_disposable_stack_prototype,
                                     NATIVE_CONTEXT_js_disposable_stack_map, 0};
static const StackKind kAsyncStack = {"AsyncDisposableStack", JS_ASYNC_DISPOSABLE_STACK_TYPE,
                                      NATIVE_CONTEXT_async_disposable_stack_prototype,
                                      NATIVE_CONTEXT_js_async_disposable_stack_map,
                                      DISPOSE_HINT_ASYNC};

/* OrdinaryCreateFromConstructor(newTarget, proto) of a pending stack with an empty
 * capability. Calls user code (newTarget's "prototype"). */
static Handle stack_create(Isolate *iso, BuiltinArgs *args, const StackKind *k,
                           Handle new_target) {
  Handle realm = builtins_realm(iso, args);
  Handle base = builtins_intrinsic(iso, realm, k->map_slot);
  Handle stack = builtins_create_from_constructor(iso, new_target, k->proto_slot, base);
  if (handle_is_null(stack)) return stack;
  js_disposable_stack_set_state(H(stack), kStackPending);
  js_disposable_stack_set_capability(H(stack), ROOT(iso, undefined_value));
  return stack;
}

static Handle stack_construct(Isolate *iso, BuiltinArgs *args, const StackKind *k) {
  if (!builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Constructor %s requires 'new'", k->name);
  }
  return stack_create(iso, args, k, builtin_new_target(args));
}

/* RequireInternalSlot(this, [[DisposableState]]) for the kind; with pending_only, a
 * ReferenceError when already disposed. */
static Handle stack_this(Isolate *iso, BuiltinArgs *args, const StackKind *k,
                         const char *method, bool pending_only) {
  Handle stack = builtin_receiver(args);
  if (!is_heap_object(H(stack)) || map_instance_type(heap_object_map(H(stack))) != k->type) {
    return builtins_throw_type_error(iso, "%s.prototype.%s called on an incompatible receiver",
                                     k->name, method);
  }
  if (pending_only && js_disposable_stack_state(H(stack)) == kStackDisposed) {
    isolate_throw_error(iso, kError_REFERENCE_ERROR, "%s already disposed", k->name);
    return HANDLE_NULL;
  }
  return stack;
}

/* Adds to the stack's capability (AddDisposableResource), storing back the list. */
static bool stack_add(Isolate *iso, Handle stack, Handle value, Handle method, int hint) {
  Handle cap = handle_new(iso, js_disposable_stack_capability(H(stack)));
  cap = handle_is_null(method) ? runtime_dispose_add(iso, cap, value, hint)
                               : runtime_dispose_add_method(iso, cap, value, method, hint);
  if (handle_is_null(cap)) return false;
  js_disposable_stack_set_capability(H(stack), H(cap));
  return true;
}

/* use ( value ) */
static Handle stack_use(Isolate *iso, BuiltinArgs *args, const StackKind *k) {
  Handle stack = stack_this(iso, args, k, "use", true);
  BUILTIN_TRY(stack);
  Handle value = BUILTIN_ARG(0);
  BUILTIN_CHECK(stack_add(iso, stack, value, HANDLE_NULL, k->hint));
  return value;
}

/* adopt ( value, onDispose ): the resource calls onDispose(value). */
static Handle stack_adopt(Isolate *iso, BuiltinArgs *args, const StackKind *k) {
  Handle stack = stack_this(iso, args, k, "adopt", true);
  BUILTIN_TRY(stack);
  Handle value = BUILTIN_ARG(0), on_dispose = BUILTIN_ARG(1);
  if (!runtime_is_callable(H(on_dispose))) {
    return builtins_throw_type_error(iso, "%s.prototype.adopt: onDispose is not callable",
                                     k->name);
  }
  BUILTIN_CHECK(stack_add(iso, stack, value, on_dispose,
                          (k->hint & DISPOSE_HINT_ASYNC) | DISPOSE_HINT_ADOPT));
  return value;
}

/* defer ( onDispose ) */
static Handle stack_defer(Isolate *iso, BuiltinArgs *args, const StackKind *k) {
  Handle stack = stack_this(iso, args, k, "defer", true);
  BUILTIN_TRY(stack);
  Handle on_dispose = BUILTIN_ARG(0);
  if (!runtime_is_callable(H(on_dispose))) {
    return builtins_throw_type_error(iso, "%s.prototype.defer: onDispose is not callable",
                                     k->name);
  }
  BUILTIN_CHECK(stack_add(iso, stack, ROOT_HANDLE(iso, undefined_value), on_dispose, k->hint));
  return BUILTIN_UNDEFINED;
}

/* move ( ): a new stack of the intrinsic constructor takes over the resources. */
static Handle stack_move(Isolate *iso, BuiltinArgs *args, const StackKind *k) {
  Handle stack = stack_this(iso, args, k, "move", true);
  BUILTIN_TRY(stack);
  /* OrdinaryCreateFromConstructor(%DisposableStack%, ...): the realm's own map. */
  Handle base = builtins_intrinsic(iso, builtins_realm(iso, args), k->map_slot);
  Handle moved = factory_new_js_object_from_map(iso, base);
  BUILTIN_TRY(moved);
  js_disposable_stack_set_state(H(moved), kStackPending);
  js_disposable_stack_set_capability(H(moved), js_disposable_stack_capability(H(stack)));
  js_disposable_stack_set_capability(H(stack), ROOT(iso, undefined_value));
  js_disposable_stack_set_state(H(stack), kStackDisposed);
  return moved;
}

static Handle stack_get_disposed(Isolate *iso, BuiltinArgs *args, const StackKind *k) {
  Handle stack = stack_this(iso, args, k, "disposed", false);
  BUILTIN_TRY(stack);
  return builtins_boolean(iso, js_disposable_stack_state(H(stack)) == kStackDisposed);
}

BUILTIN(DisposableStackConstructor) { return stack_construct(iso, args, &kSyncStack); }
BUILTIN(DisposableStackPrototypeUse) { return stack_use(iso, args, &kSyncStack); }
BUILTIN(DisposableStackPrototypeAdopt) { return stack_adopt(iso, args, &kSyncStack); }
BUILTIN(DisposableStackPrototypeDefer) { return stack_defer(iso, args, &kSyncStack); }
BUILTIN(DisposableStackPrototypeMove) { return stack_move(iso, args, &kSyncStack); }
BUILTIN(DisposableStackPrototypeGetDisposed) {
  return stack_get_disposed(iso, args, &kSyncStack);
}

/* DisposableStack.prototype.dispose ( ) (also its @@dispose) */
BUILTIN(DisposableStackPrototypeDispose) {
  Handle stack = stack_this(iso, args, &kSyncStack, "dispose", false);
  BUILTIN_TRY(stack);
  if (js_disposable_stack_state(H(stack)) == kStackDisposed) return BUILTIN_UNDEFINED;
  js_disposable_stack_set_state(H(stack), kStackDisposed);
  Handle cap = handle_new(iso, js_disposable_stack_capability(H(stack)));
  js_disposable_stack_set_capability(H(stack), ROOT(iso, undefined_value));
  BUILTIN_CHECK(runtime_dispose_resources_sync(iso, cap, false, BUILTIN_UNDEFINED));
  return BUILTIN_UNDEFINED;
}

BUILTIN(AsyncDisposableStackConstructor) { return stack_construct(iso, args, &kAsyncStack); }
BUILTIN(AsyncDisposableStackPrototypeUse) { return stack_use(iso, args, &kAsyncStack); }
BUILTIN(AsyncDisposableStackPrototypeAdopt) { return stack_adopt(iso, args, &kAsyncStack); }
BUILTIN(AsyncDisposableStackPrototypeDefer) { return stack_defer(iso, args, &kAsyncStack); }
BUILTIN(AsyncDisposableStackPrototypeMove) { return stack_move(iso, args, &kAsyncStack); }
BUILTIN(AsyncDisposableStackPrototypeGetDisposed) {
  return stack_get_disposed(iso, args, &kAsyncStack);
}

/* ---- AsyncDisposableStack.prototype.disposeAsync ------------------------------------------
 * DisposeResources with Awaits, driven from C: each Await is PerformPromiseThen on
 * PromiseResolve(%Promise%, value) with two builtin closures whose data is the pair
 * | capability | promise capability | and which continue the disposal. */

static void dispose_async_run(Isolate *iso, Handle pair);

/* A builtin closure of the current realm with data. May allocate. */
static Handle dispose_new_closure(Isolate *iso, BuiltinFunction fn, Handle data) {
  Handle sfi = js_function_new_builtin_sfi(iso, ROOT_HANDLE(iso, empty_string), 1, fn, data);
  if (handle_is_null(sfi)) return sfi;
  return js_function_new_builtin(iso, handle_new(iso, iso->native_context), sfi, false);
}

/* Await(value) for the disposal in pair: false when PromiseResolve threw (the exception
 * pending). Calls user code. */
static bool dispose_async_await(Isolate *iso, Handle pair, Handle value) {
  Handle promise_fn = handle_new(iso, runtime_realm_intrinsic(iso, NATIVE_CONTEXT_promise_function));
  Handle promise = js_promise_promise_resolve(iso, promise_fn, value);
  if (handle_is_null(promise)) return false;
  Handle on_fulfilled = dispose_new_closure(iso, Builtin_DisposeAsyncFulfilled, pair);
  if (handle_is_null(on_fulfilled)) return false;
  Handle on_rejected = dispose_new_closure(iso, Builtin_DisposeAsyncRejected, pair);
  if (handle_is_null(on_rejected)) return false;
  return !handle_is_null(js_promise_perform_then(iso, promise, on_fulfilled, on_rejected,
                                                 ROOT_HANDLE(iso, undefined_value)));
}

/* Runs resources until an Await is pending or the disposal ends (settling the promise). */
static void dispose_async_run(Isolate *iso, Handle pair) {
  Handle cap = handle_new(iso, fixed_array_get(H(pair), 0));
  Handle pcap = handle_new(iso, fixed_array_get(H(pair), 1));
  for (;;) {
    Handle next = runtime_dispose_step(iso, cap);
    if (handle_is_null(next)) break;
    if (is_the_hole(iso, H(next))) {
      if (runtime_dispose_end(iso, cap)) {
        js_promise_capability_resolve(iso, pcap, ROOT_HANDLE(iso, undefined_value));
        return;
      }
      break;
    }
    if (dispose_async_await(iso, pair, next)) return;
    /* Await threw (PromiseResolve): as a rejection of the awaited value. */
    if (isolate_exception_is_uncatchable(iso)) return;
    Handle error = handle_new(iso, iso->pending_exception);
    isolate_clear_pending_exception(iso);
    if (!runtime_dispose_after_await(iso, cap, true, error)) break;
  }
  if (isolate_has_pending_exception(iso)) js_promise_reject_with_pending(iso, pcap);
}

static Handle dispose_async_resume(Isolate *iso, BuiltinArgs *args, bool is_throw) {
  Handle pair = handle_new(iso, js_function_builtin_data(*args->target));
  Handle cap = handle_new(iso, fixed_array_get(H(pair), 0));
  if (!runtime_dispose_after_await(iso, cap, is_throw, BUILTIN_ARG(0))) return HANDLE_NULL;
  dispose_async_run(iso, pair);
  if (isolate_has_pending_exception(iso)) return HANDLE_NULL;
  return BUILTIN_UNDEFINED;
}

BUILTIN(DisposeAsyncFulfilled) { return dispose_async_resume(iso, args, false); }
BUILTIN(DisposeAsyncRejected) { return dispose_async_resume(iso, args, true); }

/* A new capability of the realm's %Promise%. */
static Handle dispose_new_promise_capability(Isolate *iso, BuiltinArgs *args) {
  Handle realm = builtins_realm(iso, args);
  return js_promise_new_capability(iso, builtins_intrinsic(iso, realm,
                                                           NATIVE_CONTEXT_promise_function));
}

/* AsyncDisposableStack.prototype.disposeAsync ( ) (also its @@asyncDispose) */
BUILTIN(AsyncDisposableStackPrototypeDisposeAsync) {
  Handle pcap = dispose_new_promise_capability(iso, args);
  BUILTIN_TRY(pcap);
  Handle stack = stack_this(iso, args, &kAsyncStack, "disposeAsync", false);
  if (handle_is_null(stack)) return js_promise_reject_with_pending(iso, pcap);
  Handle cap = handle_new(iso, js_disposable_stack_capability(H(stack)));
  bool was_disposed = js_disposable_stack_state(H(stack)) == kStackDisposed;
  js_disposable_stack_set_state(H(stack), kStackDisposed);
  js_disposable_stack_set_capability(H(stack), ROOT(iso, undefined_value));
  if (was_disposed || !is_fixed_array(H(cap))) {
    BUILTIN_CHECK(js_promise_capability_resolve(iso, pcap, BUILTIN_UNDEFINED));
    return js_promise_capability_promise(iso, pcap);
  }
  Handle pair = factory_new_fixed_array(iso, 2);
  BUILTIN_TRY(pair);
  fixed_array_set(H(pair), 0, H(cap));
  fixed_array_set(H(pair), 1, H(pcap));
  runtime_dispose_begin(iso, cap, false, BUILTIN_UNDEFINED);
  dispose_async_run(iso, pair);
  if (isolate_has_pending_exception(iso)) return HANDLE_NULL;
  return js_promise_capability_promise(iso, pcap);
}

/* The unwrap closure of %AsyncIteratorPrototype%[@@asyncDispose]: returns undefined. */
BUILTIN(AsyncIteratorUnwrap) {
  KILN_UNUSED(args);
  return BUILTIN_UNDEFINED;
}

/* %AsyncIteratorPrototype% [ @@asyncDispose ] ( ) */
BUILTIN(AsyncIteratorPrototypeAsyncDispose) {
  Handle o = builtin_receiver(args);
  Handle pcap = dispose_new_promise_capability(iso, args);
  BUILTIN_TRY(pcap);
  Handle ret = runtime_get_method(iso, o, ROOT_HANDLE(iso, return_string));
  if (handle_is_null(ret)) return js_promise_reject_with_pending(iso, pcap);
  if (is_undefined(iso, H(ret))) {
    BUILTIN_CHECK(js_promise_capability_resolve(iso, pcap, BUILTIN_UNDEFINED));
    return js_promise_capability_promise(iso, pcap);
  }
  Handle undefined = BUILTIN_UNDEFINED;
  Handle result = builtins_call(iso, ret, o, 0, NULL);
  if (handle_is_null(result)) return js_promise_reject_with_pending(iso, pcap);
  Handle realm = builtins_realm(iso, args);
  Handle wrapper = js_promise_promise_resolve(
      iso, builtins_intrinsic(iso, realm, NATIVE_CONTEXT_promise_function), result);
  if (handle_is_null(wrapper)) return js_promise_reject_with_pending(iso, pcap);
  Handle unwrap = dispose_new_closure(iso, Builtin_AsyncIteratorUnwrap, undefined);
  BUILTIN_TRY(unwrap);
  BUILTIN_TRY(js_promise_perform_then(iso, wrapper, unwrap, undefined, pcap));
  return js_promise_capability_promise(iso, pcap);
}

/* %IteratorPrototype% [ @@dispose ] ( ) */
BUILTIN(IteratorPrototypeDispose) {
  Handle o = builtin_receiver(args);
  Handle ret = runtime_get_method(iso, o, ROOT_HANDLE(iso, return_string));
  BUILTIN_TRY(ret);
  if (!is_undefined(iso, H(ret))) BUILTIN_TRY(builtins_call(iso, ret, o, 0, NULL));
  return BUILTIN_UNDEFINED;
}

/* ---- Installation ---------------------------------------------------------------------- */

static const BuiltinSpec kSyncStackBuiltins[] = {DISPOSABLE_STACK_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kAsyncStackBuiltins[] = {
    ASYNC_DISPOSABLE_STACK_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

static bool dispose_install_suppressed_error(Isolate *iso, Handle nc) {
  Handle error_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_error_prototype);
  Handle error_ctor = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_error_function);
  Handle proto = builtins_new_object_with_proto(iso, nc, error_proto);
  if (handle_is_null(proto)) return false;
  Handle name = builtins_string(iso, "SuppressedError");
  if (handle_is_null(name) || !builtins_define_value(iso, proto, "name", name, DONT_ENUM) ||
      !builtins_define_value(iso, proto, "message", ROOT_HANDLE(iso, empty_string), DONT_ENUM)) {
    return false;
  }
  Tagged maps = context_get(H(nc), NATIVE_CONTEXT_error_maps);
  Handle error_map = handle_new(iso, fixed_array_get(maps, kError_ERROR));
  Handle map = map_copy_with_prototype(iso, error_map, proto);
  if (handle_is_null(map)) return false;
  context_set(H(nc), NATIVE_CONTEXT_suppressed_error_map, H(map));
  Handle ctor = builtins_install_constructor(iso, nc, "SuppressedError", 3,
                                             Builtin_SuppressedErrorConstructor, proto,
                                             NATIVE_CONTEXT_suppressed_error_function,
                                             NATIVE_CONTEXT_suppressed_error_prototype);
  return !handle_is_null(ctor) && js_object_set_prototype(iso, ctor, error_ctor);
}

/* A stack constructor and prototype: methods, the disposed getter, @@toStringTag and the
 * instances' map. Returns the prototype. */
static Handle dispose_install_stack(Isolate *iso, Handle nc, const StackKind *k,
                                    BuiltinFunction ctor_fn, const BuiltinSpec *methods,
                                    size_t method_count, BuiltinFunction get_disposed) {
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return proto;
  Handle ctor = builtins_install_constructor(iso, nc, k->name, 0, ctor_fn, proto, -1,
                                             k->proto_slot);
  Handle tag = handle_is_null(ctor) ? ctor : builtins_string(iso, k->name);
  if (handle_is_null(tag) || !builtins_install_methods(iso, nc, proto, methods, method_count) ||
      !builtins_install_accessor(iso, nc, proto, "disposed", get_disposed, NULL, DONT_ENUM) ||
      !builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM)) {
    return HANDLE_NULL;
  }
  Handle map = builtins_new_internal_map(iso, k->type, proto);
  if (handle_is_null(map)) return map;
  context_set(H(nc), k->map_slot, H(map));
  return proto;
}

/* A method installed under key and also under the well-known symbol alias (the same
 * function object). */
static bool dispose_install_aliased(Isolate *iso, Handle nc, Handle holder, const char *key,
                                    const char *alias, BuiltinFunction fn) {
  Handle f = builtins_install_method(iso, nc, holder, key, fn, 0);
  return !handle_is_null(f) && builtins_define_value(iso, holder, alias, f, DONT_ENUM);
}

bool builtins_install_dispose(Isolate *iso, Handle nc) {
  if (!dispose_install_suppressed_error(iso, nc)) return false;
  Handle proto = dispose_install_stack(iso, nc, &kSyncStack, Builtin_DisposableStackConstructor,
                                       kSyncStackBuiltins, KILN_ARRAY_SIZE(kSyncStackBuiltins),
                                       Builtin_DisposableStackPrototypeGetDisposed);
  if (handle_is_null(proto) ||
      !dispose_install_aliased(iso, nc, proto, "dispose", "@@dispose",
                               Builtin_DisposableStackPrototypeDispose)) {
    return false;
  }
  proto = dispose_install_stack(iso, nc, &kAsyncStack, Builtin_AsyncDisposableStackConstructor,
                                kAsyncStackBuiltins, KILN_ARRAY_SIZE(kAsyncStackBuiltins),
                                Builtin_AsyncDisposableStackPrototypeGetDisposed);
  if (handle_is_null(proto) ||
      !dispose_install_aliased(iso, nc, proto, "disposeAsync", "@@asyncDispose",
                               Builtin_AsyncDisposableStackPrototypeDisposeAsync)) {
    return false;
  }
  Handle iterator_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_iterator_prototype);
  if (handle_is_null(builtins_install_method(iso, nc, iterator_proto, "@@dispose",
                                             Builtin_IteratorPrototypeDispose, 0))) {
    return false;
  }
  Handle async_iterator_proto =
      builtins_intrinsic(iso, nc, NATIVE_CONTEXT_async_iterator_prototype);
  if (!is_js_receiver(H(async_iterator_proto))) return true;
  return !handle_is_null(builtins_install_method(iso, nc, async_iterator_proto,
                                                 "@@asyncDispose",
                                                 Builtin_AsyncIteratorPrototypeAsyncDispose, 0));
}
