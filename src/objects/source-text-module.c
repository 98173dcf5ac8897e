/*
 * source-text-module.c: module records and module namespace exotic objects (see the
 * header). The graph algorithms are in execution/modules.c.
 */
#include "objects/source-text-module.h"

#include <stdlib.h>

#include "execution/contexts.h"
#include "execution/modules.h"
#include "heap/factory.h"
#include "objects/descriptors.h"
#include "objects/js-objects.h"
#include "objects/map.h"
#include "objects/string.h"
#include "runtime/runtime-internal.h"

Handle source_text_module_new(Isolate *iso, Handle sfi, Handle requests, Handle imports,
                              Handle local_exports, Handle indirect_exports,
                              Handle star_exports, bool has_tla, Handle host_defined) {
  Handle loaded = factory_new_fixed_array(iso, fixed_array_length(H(requests)) / kRequestStride);
  if (handle_is_null(loaded)) return loaded;
  Handle m = factory_new_raw(iso, SourceTextModule_kHeaderSize, ROOT(iso, source_text_module_map),
                             ALLOCATE_OLD);
  if (handle_is_null(m)) return m;
  Tagged o = H(m), undef = ROOT(iso, undefined_value);
  /* Fill every field before the next allocation (factory_new_raw's contract). */
  source_text_module_set_status(o, MODULE_NEW);
  source_text_module_set_sfi(o, H(sfi));
  source_text_module_set_environment(o, undef);
  source_text_module_set_generator(o, undef);
  source_text_module_set_requests(o, H(requests));
  source_text_module_set_loaded(o, H(loaded));
  source_text_module_set_imports(o, H(imports));
  source_text_module_set_local_exports(o, H(local_exports));
  source_text_module_set_indirect_exports(o, H(indirect_exports));
  source_text_module_set_star_exports(o, H(star_exports));
  source_text_module_set_import_bindings(o, undef);
  source_text_module_set_namespace(o, undef);
  source_text_module_set_exception(o, undef);
  source_text_module_set_dfs_index(o, -1);
  source_text_module_set_dfs_ancestor_index(o, -1);
  source_text_module_set_cycle_root(o, undef);
  source_text_module_set_async_order(o, 0);
  source_text_module_set_pending_deps(o, 0);
  source_text_module_set_async_parents(o, undef);
  source_text_module_set_has_tla(o, has_tla ? 1 : 0);
  source_text_module_set_capability(o, undef);
  source_text_module_set_import_meta(o, undef);
  source_text_module_set_host_defined(o, H(host_defined));
  source_text_module_set_deferred_namespace(o, undef);
  source_text_module_set_module_source(o, undef);
  return m;
}

Handle source_text_module_binding(Isolate *iso, Handle module, int slot) {
  Handle pair = factory_new_fixed_array(iso, 2);
  if (handle_is_null(pair)) return pair;
  fixed_array_set(H(pair), 0, H(module));
  fixed_array_set(H(pair), 1, smi_from_int(slot));
  return pair;
}

static void throw_uninitialized(Isolate *iso, Handle name) {
  size_t n = 0;
  char *text = is_string(H(name)) ? string_to_utf8(iso, H(name), &n) : NULL;
  isolate_throw_error(iso, kError_REFERENCE_ERROR, "Cannot access '%s' before initialization",
                      text ? text : "binding");
  free(text);
}

Handle source_text_module_binding_value(Isolate *iso, Handle binding, Handle name) {
  Handle module = handle_new(iso, fixed_array_get(H(binding), 0));
  int slot = smi_value(fixed_array_get(H(binding), 1));
  if (slot == kBindingNamespace) return source_text_module_get_namespace(iso, module);
  Tagged env = source_text_module_environment(H(module));
  if (!is_context(env)) { throw_uninitialized(iso, name); return HANDLE_NULL; }
  Tagged value = context_get(env, slot);
  if (is_the_hole(iso, value)) { throw_uninitialized(iso, name); return HANDLE_NULL; }
  return handle_new(iso, value);
}

/* ---- GetModuleNamespace (ES2025 16.2.1.10) ------------------------------------------- */

static int compare_names(const void *a, const void *b) {
  return string_compare(*(const Tagged *)a, *(const Tagged *)b);
}

Tagged source_text_module_new_namespace_map(Isolate *iso) {
  /* Extensible until its @@toStringTag is defined (source_text_module_get_namespace). */
  Handle map = factory_new_map(iso, JS_MODULE_NAMESPACE_TYPE, JSModuleNamespace_kHeaderSize, 0);
  return handle_is_null(map) ? 0 : H(map);
}

/* exports: (name, binding) pairs sorted by name, for the names that resolve. */
static Handle namespace_exports(Isolate *iso, Handle module) {
  Handle names = modules_get_exported_names(iso, module);
  if (handle_is_null(names)) return names;
  int64_t n = fixed_array_length(H(names));
  Handle pairs = factory_new_fixed_array(iso, n * 2);
  if (handle_is_null(pairs)) return pairs;
  int64_t count = 0;
  for (int64_t i = 0; i < n; i++) {
    Handle name = handle_new(iso, fixed_array_get(H(names), i));
    Handle binding = modules_resolve_export_binding(iso, module, name);
    if (isolate_has_pending_exception(iso)) return HANDLE_NULL;
    if (handle_is_null(binding)) continue;  /* unresolvable or ambiguous: not exported */
    fixed_array_set(H(pairs), count * 2, H(name));
    fixed_array_set(H(pairs), count * 2 + 1, H(binding));
    count++;
  }
  Handle out = factory_copy_fixed_array(iso, pairs, count * 2, ROOT(iso, undefined_value));
  if (handle_is_null(out)) return out;
  /* Sort the pairs by name: raw values are read, sorted and written back with no
   * allocation in between (no GC can move them). Names are distinct. */
  typedef struct { Tagged name, binding; } Pair;
  Pair *sorted = malloc(sizeof(Pair) * (size_t)(count ? count : 1));
  if (sorted == NULL) { isolate_throw_out_of_memory(iso); return HANDLE_NULL; }
  for (int64_t i = 0; i < count; i++) {
    sorted[i].name = fixed_array_get(H(out), i * 2);
    sorted[i].binding = fixed_array_get(H(out), i * 2 + 1);
  }
  qsort(sorted, (size_t)count, sizeof(Pair), compare_names);
  for (int64_t i = 0; i < count; i++) {
    fixed_array_set(H(out), i * 2, sorted[i].name);
    fixed_array_set(H(out), i * 2 + 1, sorted[i].binding);
  }
  free(sorted);
  return out;
}

static void set_namespace_field(Tagged module, bool deferred, Tagged ns) {
  if (deferred) source_text_module_set_deferred_namespace(module, ns);
  else source_text_module_set_namespace(module, ns);
}

static Handle make_namespace(Isolate *iso, Handle module, bool deferred) {
  Tagged existing = deferred ? source_text_module_deferred_namespace(H(module))
                             : source_text_module_namespace(H(module));
  if (!is_undefined(iso, existing)) return handle_new(iso, existing);
  Handle map = ROOT_HANDLE(iso, module_namespace_map);
  Handle ns = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(ns)) return ns;
  js_module_namespace_set_module(H(ns), H(module));
  js_module_namespace_set_exports(H(ns), ROOT(iso, empty_fixed_array));
  js_module_namespace_set_deferred(H(ns), deferred ? 1 : 0);
  /* Recorded first: a namespace binding of a cycle (export * as ns) finds it. */
  set_namespace_field(H(module), deferred, H(ns));
  Handle exports = namespace_exports(iso, module);
  if (handle_is_null(exports)) {
    set_namespace_field(H(module), deferred, ROOT(iso, undefined_value));
    return HANDLE_NULL;
  }
  js_module_namespace_set_exports(H(ns), H(exports));
  /* 10.4.6.12 step 10: @@toStringTag { [[Value]]: "Module", all false }, defined while the
   * object is still extensible (the root map is), then 10.4.6.4: never extensible. */
  Handle tag = deferred ? string_internalize_utf8(iso, "Deferred Module", 15)
                        : string_internalize_utf8(iso, "Module", 6);
  if (handle_is_null(tag)) return HANDLE_NULL;
  if (!js_object_define_own_property(iso, ns, ROOT_HANDLE(iso, to_string_tag_symbol), tag,
                                     READ_ONLY | DONT_ENUM | DONT_DELETE) ||
      !js_object_prevent_extensions(iso, ns))
    return HANDLE_NULL;
  return ns;
}

Handle source_text_module_get_namespace(Isolate *iso, Handle module) {
  return make_namespace(iso, module, false);
}

Handle source_text_module_get_deferred_namespace(Isolate *iso, Handle module) {
  return make_namespace(iso, module, true);
}

/* ---- the exotic internal methods (ES2025 10.4.6) -------------------------------------- */

/* The import defer proposal's IsSymbolLikeNamespaceKey: symbols, and "then" of a deferred
 * namespace (so that awaiting one does not evaluate its module). */
static bool symbol_like_key(Tagged ns, Tagged key) {
  if (is_symbol(key)) return true;
  return js_module_namespace_deferred(ns) && string_equals_ascii(key, "then");
}

/* GetModuleExportsList's EnsureDeferredNamespaceEvaluation: a deferred namespace's module
 * runs (synchronously) on first use. false with the exception pending. */
static bool ensure_evaluated(Isolate *iso, Handle ns) {
  if (!js_module_namespace_deferred(H(ns))) return true;
  return modules_evaluate_deferred(iso, handle_new(iso, js_module_namespace_module(H(ns))));
}

/* The binding of export `key` of ns, or 0 when it is not an export. Never allocates. */
static Tagged namespace_find(Tagged ns, Tagged key) {
  Tagged exports = js_module_namespace_exports(ns);
  int64_t lo = 0, hi = fixed_array_length(exports) / 2;
  while (lo < hi) {
    int64_t mid = (lo + hi) / 2;
    int c = string_compare(fixed_array_get(exports, mid * 2), key);
    if (c == 0) return fixed_array_get(exports, mid * 2 + 1);
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  return 0;
}

/* 10.4.6.8 [[Get]] for a string key. */
Handle module_namespace_get(Isolate *iso, Handle ns, Handle key, Handle receiver) {
  KILN_UNUSED(receiver);
  if (symbol_like_key(H(ns), H(key))) {  /* an own data property (@@toStringTag) or nothing: proto null */
    PropertyDescriptor desc;
    RuntimeMaybeBool r = ordinary_get_own_property(iso, ns, key, &desc);
    if (r == RT_EXCEPTION) return HANDLE_NULL;
    if (r == RT_FALSE) return ROOT_HANDLE(iso, undefined_value);
    return desc.value;
  }
  if (!ensure_evaluated(iso, ns)) return HANDLE_NULL;
  Tagged binding = namespace_find(H(ns), H(key));
  if (binding == 0) return ROOT_HANDLE(iso, undefined_value);
  return source_text_module_binding_value(iso, handle_new(iso, binding), key);
}

/* 10.4.6.5 [[GetOwnProperty]]. */
RuntimeMaybeBool module_namespace_get_own_property(Isolate *iso, Handle ns, Handle key,
                                                   PropertyDescriptor *desc) {
  if (symbol_like_key(H(ns), H(key))) return ordinary_get_own_property(iso, ns, key, desc);
  if (!ensure_evaluated(iso, ns)) return RT_EXCEPTION;
  Tagged binding = namespace_find(H(ns), H(key));
  if (binding == 0) return RT_FALSE;
  Handle value = source_text_module_binding_value(iso, handle_new(iso, binding), key);
  if (handle_is_null(value)) return RT_EXCEPTION;
  property_descriptor_init(iso, desc);
  desc->flags = PD_HAS_VALUE | PD_HAS_WRITABLE | PD_HAS_ENUMERABLE | PD_HAS_CONFIGURABLE |
                PD_WRITABLE | PD_ENUMERABLE;
  desc->value = value;
  return RT_TRUE;
}

/* 10.4.6.6 [[DefineOwnProperty]]. */
RuntimeMaybeBool module_namespace_define_own_property(Isolate *iso, Handle ns, Handle key,
                                                      const PropertyDescriptor *desc) {
  if (symbol_like_key(H(ns), H(key))) return ordinary_define_own_property(iso, ns, key, desc);
  PropertyDescriptor current;
  RuntimeMaybeBool r = module_namespace_get_own_property(iso, ns, key, &current);
  if (r != RT_TRUE) return r;
  int f = desc->flags;
  if ((f & PD_HAS_CONFIGURABLE) && (f & PD_CONFIGURABLE)) return RT_FALSE;
  if ((f & PD_HAS_ENUMERABLE) && !(f & PD_ENUMERABLE)) return RT_FALSE;
  if (f & (PD_HAS_GET | PD_HAS_SET)) return RT_FALSE;
  if ((f & PD_HAS_WRITABLE) && !(f & PD_WRITABLE)) return RT_FALSE;
  if (f & PD_HAS_VALUE) return runtime_same_value(H(desc->value), H(current.value)) ? RT_TRUE : RT_FALSE;
  return RT_TRUE;
}

/* 10.4.6.7 [[HasProperty]]. */
RuntimeMaybeBool module_namespace_has_property(Isolate *iso, Handle ns, Handle key) {
  if (symbol_like_key(H(ns), H(key))) {
    PropertyDescriptor desc;
    return ordinary_get_own_property(iso, ns, key, &desc);
  }
  if (!ensure_evaluated(iso, ns)) return RT_EXCEPTION;
  return namespace_find(H(ns), H(key)) ? RT_TRUE : RT_FALSE;
}

/* 10.4.6.10 [[Delete]]. */
RuntimeMaybeBool module_namespace_delete(Isolate *iso, Handle ns, Handle key) {
  if (symbol_like_key(H(ns), H(key))) return ordinary_delete(iso, ns, key);
  if (!ensure_evaluated(iso, ns)) return RT_EXCEPTION;
  return namespace_find(H(ns), H(key)) ? RT_FALSE : RT_TRUE;
}

/* 10.4.6.11 [[OwnPropertyKeys]]: the exports (sorted), then the symbol keys. */
Handle module_namespace_own_property_keys(Isolate *iso, Handle ns) {
  if (!ensure_evaluated(iso, ns)) return HANDLE_NULL;
  Handle symbols = ordinary_own_property_keys(iso, ns);
  if (handle_is_null(symbols)) return symbols;
  Handle exports = handle_new(iso, js_module_namespace_exports(H(ns)));
  int64_t n = fixed_array_length(H(exports)) / 2, s = fixed_array_length(H(symbols));
  Handle out = factory_new_fixed_array(iso, n + s);
  if (handle_is_null(out)) return out;
  for (int64_t i = 0; i < n; i++) fixed_array_set(H(out), i, fixed_array_get(H(exports), i * 2));
  for (int64_t i = 0; i < s; i++) fixed_array_set(H(out), n + i, fixed_array_get(H(symbols), i));
  return out;
}
