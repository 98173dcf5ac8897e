/*
 * runtime-compiler.c: runtime functions the code generator added to RUNTIME_FUNCTION_LIST.
 */
#include "interpreter/interpreter-internal.h"
#include "runtime/runtime-functions.h"
#include "runtime/runtime.h"

/* (object, key, closure): ES2025 10.2.8 DefineMethodProperty for class elements: a
 * writable, non-enumerable, configurable data property (DefinePropertyOrThrow). */
Handle runtime_fn_DefineClassMethod(Isolate *iso, int argc, Tagged *args) {
  if (argc < 3) FATAL("DefineClassMethod needs 3 arguments");
  PropertyDescriptor desc;
  property_descriptor_init(iso, &desc);
  desc.flags = PD_HAS_VALUE | PD_HAS_WRITABLE | PD_HAS_ENUMERABLE | PD_HAS_CONFIGURABLE |
               PD_WRITABLE | PD_CONFIGURABLE;
  desc.value = (Handle){&args[2]};
  if (!runtime_define_property_or_throw(iso, (Handle){&args[0]}, (Handle){&args[1]}, &desc))
    return HANDLE_NULL;
  return (Handle){&args[2]};
}

/* (constructor, new.target): the default derived constructor's super(...args) (ES2025
 * 15.7.14 step 14.a): Construct(constructor, the calling frame's arguments, new.target),
 * with no iteration of an arguments array. */
Handle runtime_fn_ConstructForwardingArguments(Isolate *iso, int argc, Tagged *args) {
  if (argc < 2) FATAL("ConstructForwardingArguments needs 2 arguments");
  JSFrame *f = interpreter_current_frame(iso);
  JSStack *s = iso->js_stack;
  Tagged *saved_top = s->top;
  int n = f->argc;
  Tagged *argv = frames_reserve(iso, (size_t)(n > 0 ? n : 1));
  if (argv == NULL) return HANDLE_NULL;
  argv[0] = smi_from_int(0);  /* scanned by the GC even when n == 0 */
  for (int i = 0; i < n; i++) argv[i] = *frame_param_slot(f, i);
  Tagged r = interpreter_construct(iso, &args[0], n, argv, &args[1]);
  s->top = saved_top;
  if (r == kException) return HANDLE_NULL;
  return handle_new(iso, r);
}
