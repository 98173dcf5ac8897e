/*
 * builtins-error.c: Error, the NativeErrors and AggregateError (ES2025 20.5).
 *
 * Each kind has a constructor, a prototype object (an ordinary object, not an error
 * instance) with "name" and "message", and an initial map in the realm's error_maps
 * (indexed by ErrorKind; objects/js-objects.h explains the hidden kind field) that
 * runtime_new_error uses so the engine's own errors belong to the realm.
 */
#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"

/* The prototype of kind's prototype: Error.prototype, or Object.prototype for Error. */
static Handle error_parent_prototype(Isolate *iso, Handle nc, Handle error_proto) {
  return handle_is_null(error_proto)
             ? builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype)
             : error_proto;
}

/* %NativeError.prototype% for kind, and its initial map in error_maps. */
static Handle error_install_prototype(Isolate *iso, Handle nc, ErrorKind kind,
                                      Handle error_proto, Handle maps) {
  Handle parent = error_parent_prototype(iso, nc, error_proto);
  Handle proto = builtins_new_object_with_proto(iso, nc, parent);
  if (handle_is_null(proto)) return proto;
  Handle name = builtins_string(iso, error_kind_name(kind));
  if (handle_is_null(name) ||
      !builtins_define_value(iso, proto, "name", name, DONT_ENUM) ||
      !builtins_define_value(iso, proto, "message", ROOT_HANDLE(iso, empty_string),
                             DONT_ENUM)) {
    return HANDLE_NULL;
  }
  Handle map = map_copy_with_prototype(iso, ROOT_HANDLE(iso, error_map), proto);
  if (handle_is_null(map)) return map;
  fixed_array_set(H(maps), kind, H(map));
  return proto;
}

bool builtins_install_error(Isolate *iso, Handle nc) {
  Handle maps = factory_new_fixed_array(iso, kErrorKindCount);
  if (handle_is_null(maps)) return false;
  context_set(H(nc), NATIVE_CONTEXT_error_maps, H(maps));
  Handle error_proto = error_install_prototype(iso, nc, kError_ERROR, HANDLE_NULL, maps);
  if (handle_is_null(error_proto)) return false;
  context_set(H(nc), NATIVE_CONTEXT_error_prototype, H(error_proto));
  for (int kind = kError_ERROR + 1; kind < kErrorKindCount; kind++) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle proto = error_install_prototype(iso, nc, (ErrorKind)kind, error_proto, maps);
    handle_scope_close(&scope);
    if (handle_is_null(proto)) return false;
  }
  return true;
}
