/*
 * runtime-setup.c: the runtime's roots, made once during isolate bootstrap: the
 * well-known symbols (roots.h WELL_KNOWN_SYMBOL_LIST) and the three proxy maps.
 */
#include "heap/factory.h"
#include "objects/source-text-module.h"
#include "runtime/runtime-internal.h"

static Tagged setup_new_proxy_map(Isolate *iso, bool callable, bool constructor) {
  Handle map = factory_new_map(iso, JS_PROXY_TYPE, JSProxy_kHeaderSize, 0);
  if (handle_is_null(map)) return 0;
  map_set_flag(H(map), MAP_IS_CALLABLE, callable);
  map_set_flag(H(map), MAP_IS_CONSTRUCTOR, constructor);
  map_set_flag(H(map), MAP_IS_EXTENSIBLE, false); /* no own storage: every method traps */
  return H(map);
}

bool runtime_setup_roots(Isolate *iso) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  bool ok = true;
#define V(name, text)                                                           \
  if (ok) {                                                                     \
    Handle d = string_internalize_utf8(iso, text, sizeof(text) - 1);            \
    Handle s = handle_is_null(d) ? d : symbol_new(iso, d, false);               \
    if (handle_is_null(s)) {                                                    \
      ok = false;                                                               \
    } else {                                                                    \
      symbol_set_flags(H(s), symbol_flags(H(s)) | SYMBOL_IS_WELL_KNOWN);        \
      ROOT(iso, name) = H(s);                                                   \
    }                                                                           \
  }
  WELL_KNOWN_SYMBOL_LIST(V)
#undef V
  if (ok) ok = (ROOT(iso, proxy_map) = setup_new_proxy_map(iso, false, false)) != 0;
  if (ok) ok = (ROOT(iso, callable_proxy_map) = setup_new_proxy_map(iso, true, false)) != 0;
  if (ok) ok = (ROOT(iso, constructor_proxy_map) = setup_new_proxy_map(iso, true, true)) != 0;
  if (ok) ok = (ROOT(iso, module_namespace_map) = source_text_module_new_namespace_map(iso)) != 0;
  handle_scope_close(&scope);
  return ok;
}
