/*
 * source-text-module.h: the Source Text Module Record (ES2025 16.2.1.6) as a heap object,
 * and the module namespace exotic object (10.4.6). The layouts are SOURCE_TEXT_MODULE_FIELDS
 * and JS_MODULE_NAMESPACE_FIELDS in objects/objects.h; the algorithms that walk the module
 * graph (Link, Evaluate, top-level await, dynamic import) are in execution/modules.c.
 *
 * Invariants:
 *  - every name a module record holds (specifiers, import/export/local names) is an
 *    internalized String, so names compare by identity;
 *  - a "binding" (what ResolveExport finds, as stored in import_bindings and in a
 *    namespace's exports) is a FixedArray pair (module, Smi slot): the value is slot `slot`
 *    of module's environment, or, when slot is kBindingNamespace, module's namespace
 *    object. Bindings name the module, not its environment, because an importer in a
 *    cycle may be initialized before the module it imports from;
 *  - a synthetic module (a JSON module) has sfi undefined, status evaluated from the start,
 *    and its environment is a one-slot Context holding the default export.
 */
#ifndef KILN_OBJECTS_SOURCE_TEXT_MODULE_H_
#define KILN_OBJECTS_SOURCE_TEXT_MODULE_H_

#include "execution/isolate.h"
#include "runtime/runtime.h"

/* ES2025 16.2.1.6 [[Status]]. */
typedef enum {
  MODULE_NEW,             /* created; requested modules not loaded yet */
  MODULE_UNLINKED,
  MODULE_LINKING,
  MODULE_LINKED,
  MODULE_EVALUATING,
  MODULE_EVALUATING_ASYNC,
  MODULE_EVALUATED,       /* exception says whether it threw */
} ModuleStatus;

enum { kBindingNamespace = -1 };
/* The strides of the entry lists drawn in objects.h. */
enum { kRequestStride = 3, kImportStride = 3, kLocalExportStride = 2, kIndirectExportStride = 3 };

KILN_INLINE bool is_source_text_module(Tagged v) {
  return is_heap_object(v) && heap_object_type(v) == SOURCE_TEXT_MODULE_TYPE;
}
KILN_INLINE bool is_js_module_namespace(Tagged v) {
  return is_heap_object(v) && heap_object_type(v) == JS_MODULE_NAMESPACE_TYPE;
}
KILN_INLINE bool source_text_module_is_synthetic(Isolate *iso, Tagged m) {
  return is_undefined(iso, source_text_module_sfi(m));
}

/* A new module record in status new: every list is given (FixedArrays, possibly empty);
 * loaded gets one undefined entry per request. sfi: the module function (undefined for a
 * synthetic module). May allocate. */
Handle source_text_module_new(Isolate *iso, Handle sfi, Handle requests, Handle imports,
                              Handle local_exports, Handle indirect_exports,
                              Handle star_exports, bool has_tla, Handle host_defined);
/* A binding pair (module, slot). May allocate. */
Handle source_text_module_binding(Isolate *iso, Handle module, int slot);
/* The value of a binding pair; ReferenceError naming `name` while it is uninitialized
 * (its module's environment does not exist yet, or the slot holds the hole). May allocate
 * (a namespace object on first use). */
Handle source_text_module_binding_value(Isolate *iso, Handle binding, Handle name);

/* ES2025 16.2.1.10 GetModuleNamespace: the module's namespace object, made on first use
 * (its exports are GetExportedNames' names that resolve, sorted). The module is linked.
 * May allocate; throws only on out-of-memory. */
Handle source_text_module_get_namespace(Isolate *iso, Handle module);
/* The same for `import defer` (the import defer proposal's GetModuleNamespace(module,
 * defer)): a distinct object whose string-keyed accesses evaluate the module first. */
Handle source_text_module_get_deferred_namespace(Isolate *iso, Handle module);

/* The namespace object's internal methods (ES2025 10.4.6), for runtime-object.c. key: an
 * internalized string or a symbol. The ones not here are ordinary: its map is not
 * extensible and its prototype is null. */
RuntimeMaybeBool module_namespace_get_own_property(Isolate *iso, Handle ns, Handle key,
                                                   PropertyDescriptor *desc);
RuntimeMaybeBool module_namespace_define_own_property(Isolate *iso, Handle ns, Handle key,
                                                      const PropertyDescriptor *desc);
RuntimeMaybeBool module_namespace_has_property(Isolate *iso, Handle ns, Handle key);
Handle module_namespace_get(Isolate *iso, Handle ns, Handle key, Handle receiver);
RuntimeMaybeBool module_namespace_delete(Isolate *iso, Handle ns, Handle key);
Handle module_namespace_own_property_keys(Isolate *iso, Handle ns);

/* The root map of namespace objects (roots.h module_namespace_map): made at bootstrap. */
Tagged source_text_module_new_namespace_map(Isolate *iso);

#endif /* KILN_OBJECTS_SOURCE_TEXT_MODULE_H_ */
