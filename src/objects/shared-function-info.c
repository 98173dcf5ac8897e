/* shared-function-info.c: creating SharedFunctionInfos. */
#include "objects/shared-function-info.h"

#include "heap/factory.h"

/* May allocate. */
Handle shared_function_info_new(Isolate *iso, Handle name) {
  Handle sfi = factory_new_raw(iso, SharedFunctionInfo_kHeaderSize,
                               ROOT(iso, shared_function_info_map), ALLOCATE_OLD);
  if (handle_is_null(sfi)) return sfi;
  Tagged s = H(sfi);
  Tagged undefined = isolate_undefined(iso);
  sfi_set_name(s, H(name));
  sfi_set_function_data(s, undefined);
  sfi_set_scope_info(s, undefined);
  sfi_set_script(s, undefined);
  sfi_set_flags(s, 0);
  sfi_set_formal_parameter_count(s, 0);
  sfi_set_length(s, 0);
  sfi_set_start_position(s, 0);
  sfi_set_end_position(s, 0);
  sfi_set_function_id(s, 0);
  sfi_set_builtin(s, NULL);
  sfi_set_builtin_data(s, undefined);
  return sfi;
}
