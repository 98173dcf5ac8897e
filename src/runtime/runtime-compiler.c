/*
 * runtime-compiler.c: runtime functions the code generator added to RUNTIME_FUNCTION_LIST.
 */
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
