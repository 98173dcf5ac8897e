/*
 * runtime.c: the table of RUNTIME_FUNCTION_LIST (CallRuntime's dispatch).
 */
#include "runtime/runtime-functions.h"

typedef struct {
  const char *name;
  int arity;
  RuntimeFunction fn;
} RuntimeFunctionInfo;

static const RuntimeFunctionInfo kRuntimeFunctions[kRuntimeFunctionCount] = {
#define V(name, argc) [Runtime_##name] = {#name, argc, runtime_fn_##name},
    RUNTIME_FUNCTION_LIST(V)
#undef V
};

const char *runtime_function_name(RuntimeFunctionId id) {
  return (unsigned)id < kRuntimeFunctionCount ? kRuntimeFunctions[id].name : "<bad runtime id>";
}

int runtime_function_arity(RuntimeFunctionId id) { return kRuntimeFunctions[id].arity; }

RuntimeFunction runtime_function(RuntimeFunctionId id) { return kRuntimeFunctions[id].fn; }
