/*
 * runtime-modules.c: the runtime functions of module code (execution/modules.h): named
 * imports' live bindings, import.meta and import(). The running module is found through
 * the frame's contexts (its environment's extension slot names it).
 */
#include "execution/modules.h"
#include "interpreter/frames.h"
#include "interpreter/interpreter-internal.h"
#include "objects/js-function.h"
#include "objects/script.h"
#include "objects/shared-function-info.h"
#include "objects/source-text-module.h"
#include "runtime/runtime-functions.h"

static Handle running_module(Isolate *iso) {
  Tagged m = modules_current_module(iso);
  if (m == 0) {
    isolate_throw_error(iso, kError_SYNTAX_ERROR, "Not in a module");
    return HANDLE_NULL;
  }
  return handle_new(iso, m);
}

RUNTIME_FUNCTION(LoadModuleImport) {
  KILN_UNUSED(argc);
  int index = smi_value(args[0]);
  Handle module = running_module(iso);
  if (handle_is_null(module)) return module;
  Handle binding = handle_new(iso, fixed_array_get(source_text_module_import_bindings(H(module)), index));
  if (is_js_module_namespace(H(binding))) return binding;  /* (not reached: ns imports are slots) */
  Tagged imports = source_text_module_imports(H(module));
  Handle name = handle_new(iso, fixed_array_get(imports, (int64_t)index * kImportStride + 2));
  return source_text_module_binding_value(iso, binding, name);
}

RUNTIME_FUNCTION(GetImportMeta) {
  KILN_UNUSED(argc);
  KILN_UNUSED(args);
  Handle module = running_module(iso);
  if (handle_is_null(module)) return module;
  return modules_import_meta(iso, module);
}

/* The referrer of import(): the running module, else the running script's name. */
static Handle import_referrer(Isolate *iso) {
  Tagged m = modules_current_module(iso);
  if (m != 0) return handle_new(iso, m);
  JSFrame *f = interpreter_current_frame(iso);
  if (f != NULL) {
    Tagged script = sfi_script(js_function_shared(frame_closure(f)));
    if (is_script(script)) return handle_new(iso, script_name(script));
  }
  return ROOT_HANDLE(iso, undefined_value);
}

RUNTIME_FUNCTION(DynamicImport) {
  KILN_UNUSED(argc);
  Handle specifier = {&args[0]}, options = {&args[1]};
  return modules_dynamic_import(iso, import_referrer(iso), specifier, options, smi_value(args[2]));
}
