/*
 * runtime-classes.c: runtime functions of object literals and classes: __proto__ in
 * literals, private names and private methods/accessors, [[HomeObject]].
 *
 * Private names are private symbols (SYMBOL_IS_PRIVATE): properties keyed by them live in
 * the object like any other but are never reflected (the runtime's key listing skips them)
 * and never reach a Proxy's traps.
 */
#include <stdlib.h>

#include "heap/factory.h"
#include "interpreter/interpreter-internal.h"
#include "objects/string.h"
#include "runtime/runtime-functions.h"

RUNTIME_FUNCTION(SetPrototypeForLiteral) {
  Handle obj = {&args[0]}, proto = {&args[1]};
  if (!is_js_receiver(H(proto)) && !is_null(iso, H(proto))) return obj;
  if (runtime_set_prototype_of(iso, obj, proto) == RT_EXCEPTION) return HANDLE_NULL;
  return obj;
}

RUNTIME_FUNCTION(CreatePrivateName) {
  return symbol_new(iso, (Handle){&args[0]}, true);
}

static bool private_present(Isolate *iso, Handle obj, Handle key) {
  LookupResult lookup;
  return is_js_receiver(H(obj)) && property_lookup_own(iso, obj, key, &lookup);
}

static Handle throw_private_twice(Isolate *iso, Tagged key) {
  Tagged d = symbol_description(key);
  size_t n;
  char *text = is_string(d) ? string_to_utf8(iso, d, &n) : NULL;
  isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot initialize %s twice on the same object",
                      text ? text : "#<private>");
  free(text);
  return HANDLE_NULL;
}

RUNTIME_FUNCTION(DefinePrivateMethod) {
  Handle obj = {&args[0]}, key = {&args[1]}, fn = {&args[2]};
  if (!is_js_receiver(H(obj))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "private method on a non-object");
    return HANDLE_NULL;
  }
  if (private_present(iso, obj, key)) return throw_private_twice(iso, H(key));
  if (!interpreter_private_add(iso, obj, key, fn, READ_ONLY | DONT_ENUM | DONT_DELETE, false)) {
    return HANDLE_NULL;
  }
  return ROOT_HANDLE(iso, undefined_value);
}

RUNTIME_FUNCTION(DefinePrivateAccessor) {
  Handle obj = {&args[0]}, key = {&args[1]};
  if (!is_js_receiver(H(obj))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "private accessor on a non-object");
    return HANDLE_NULL;
  }
  if (private_present(iso, obj, key)) return throw_private_twice(iso, H(key));
  Handle pair = factory_new_accessor_pair(iso, (Handle){&args[2]}, (Handle){&args[3]});
  if (handle_is_null(pair)) return pair;
  if (!interpreter_private_add(iso, obj, key, pair, DONT_ENUM | DONT_DELETE, true)) {
    return HANDLE_NULL;
  }
  return ROOT_HANDLE(iso, undefined_value);
}

RUNTIME_FUNCTION(SetHomeObject) {
  if (!interpreter_set_home_object(iso, (Handle){&args[0]}, (Handle){&args[1]})) {
    return HANDLE_NULL;
  }
  return (Handle){&args[0]};
}
