/*
 * runtime-internal.h: what the runtime's own files share and nobody else uses: the ordinary
 * internal methods the exotic ones fall back to, property descriptor helpers, and the
 * per-kind internal methods (proxy, arguments, string wrappers, arrays).
 *
 * Naming: ordinary_* are ES2025 10.1's Ordinary* operations; proxy_* (runtime-proxy.c) the
 * Proxy's 10.5; arguments_* (runtime-arguments.c) 10.4.4's; pd_* descriptor helpers.
 */
#ifndef KILN_RUNTIME_RUNTIME_INTERNAL_H_
#define KILN_RUNTIME_RUNTIME_INTERNAL_H_

#include "execution/contexts.h"
#include "objects/js-objects.h"
#include "objects/string.h"
#include "runtime/runtime.h"

/* ---- small helpers ---- */

KILN_INLINE Handle rt_undefined(Isolate *iso) { return ROOT_HANDLE(iso, undefined_value); }
KILN_INLINE Handle rt_boolean(Isolate *iso, bool b) {
  return b ? ROOT_HANDLE(iso, true_value) : ROOT_HANDLE(iso, false_value);
}
KILN_INLINE bool rt_is_private_symbol(Tagged key) {
  return is_symbol(key) && symbol_has_flag(key, SYMBOL_IS_PRIVATE);
}
/* Is key (an internalized string or a symbol) an array index? */
bool rt_key_is_array_index(Tagged key, uint32_t *index);
/* Throws a TypeError with the message and returns RT_EXCEPTION. */
RuntimeMaybeBool rt_throw_type_error(Isolate *iso, const char *fmt, ...) KILN_PRINTF(2, 3);
/* A short printable form of a value for error messages ("undefined", "'abc'", "#<Object>")
 * into buf. Never allocates. */
const char *rt_describe(Isolate *iso, Tagged value, char *buf, size_t size);
/* The key as text for messages ("x", "Symbol(y)"). */
const char *rt_describe_key(Isolate *iso, Tagged key, char *buf, size_t size);

/* ---- property descriptors (runtime-descriptors.c) ---- */

KILN_INLINE bool pd_is_accessor(const PropertyDescriptor *d) {
  return (d->flags & (PD_HAS_GET | PD_HAS_SET)) != 0;
}
KILN_INLINE bool pd_is_data(const PropertyDescriptor *d) {
  return (d->flags & (PD_HAS_VALUE | PD_HAS_WRITABLE)) != 0;
}
KILN_INLINE bool pd_is_generic(const PropertyDescriptor *d) {
  return !pd_is_accessor(d) && !pd_is_data(d);
}
KILN_INLINE bool pd_configurable(const PropertyDescriptor *d) {
  return (d->flags & PD_CONFIGURABLE) != 0;
}
KILN_INLINE bool pd_enumerable(const PropertyDescriptor *d) {
  return (d->flags & PD_ENUMERABLE) != 0;
}
KILN_INLINE bool pd_writable(const PropertyDescriptor *d) {
  return (d->flags & PD_WRITABLE) != 0;
}
/* A complete data descriptor. */
void pd_data(Isolate *iso, PropertyDescriptor *d, Handle value, int attributes);
/* The object model's attributes (READ_ONLY, DONT_ENUM, DONT_DELETE) of a complete
 * descriptor. */
int pd_attributes(const PropertyDescriptor *d);
/* Fills the absent fields of desc with the defaults (undefined, false). */
void pd_complete(Isolate *iso, PropertyDescriptor *d);
/* 10.1.6.3 ValidateAndApplyPropertyDescriptor's checks (steps 1-5) with O undefined:
 * IsCompatiblePropertyDescriptor. current is NULL when the property is absent. */
bool pd_is_compatible(bool extensible, const PropertyDescriptor *desc,
                      const PropertyDescriptor *current);
/* Steps 6: the complete descriptor that results from applying desc to current. */
void pd_merge(Isolate *iso, const PropertyDescriptor *current, const PropertyDescriptor *desc,
              PropertyDescriptor *out);

/* ---- ordinary internal methods (runtime-object.c) ---- */

/* 10.1.5.1 OrdinaryGetOwnProperty (elements, array length and accessors included). */
RuntimeMaybeBool ordinary_get_own_property(Isolate *iso, Handle obj, Handle key,
                                           PropertyDescriptor *desc);
/* 10.1.6.1 OrdinaryDefineOwnProperty. */
RuntimeMaybeBool ordinary_define_own_property(Isolate *iso, Handle obj, Handle key,
                                              const PropertyDescriptor *desc);
/* 10.1.6.3 with O given and current already known (NULL when absent). */
RuntimeMaybeBool ordinary_validate_and_apply(Isolate *iso, Handle obj, Handle key,
                                             bool extensible, const PropertyDescriptor *desc,
                                             const PropertyDescriptor *current);
/* 10.1.9.2 OrdinarySetWithOwnDescriptor; own_desc NULL means absent on obj. */
RuntimeMaybeBool ordinary_set_with_own_descriptor(Isolate *iso, Handle obj, Handle key,
                                                  Handle value, Handle receiver,
                                                  const PropertyDescriptor *own_desc);
/* 10.1.10.1 OrdinaryDelete. */
RuntimeMaybeBool ordinary_delete(Isolate *iso, Handle obj, Handle key);
/* 10.1.11.1 OrdinaryOwnPropertyKeys without private symbols: a FixedArray. */
Handle ordinary_own_property_keys(Isolate *iso, Handle obj);
/* Calls an accessor's getter with receiver (undefined when it has none). */
Handle rt_call_getter(Isolate *iso, Handle getter, Handle receiver);

/* ---- exotic objects ---- */

/* Proxy (runtime-proxy.c): the internal methods, each throwing on a revoked proxy. */
Handle proxy_get_prototype_of(Isolate *iso, Handle proxy);
RuntimeMaybeBool proxy_set_prototype_of(Isolate *iso, Handle proxy, Handle proto);
RuntimeMaybeBool proxy_is_extensible(Isolate *iso, Handle proxy);
RuntimeMaybeBool proxy_prevent_extensions(Isolate *iso, Handle proxy);
RuntimeMaybeBool proxy_get_own_property(Isolate *iso, Handle proxy, Handle key,
                                        PropertyDescriptor *desc);
RuntimeMaybeBool proxy_define_own_property(Isolate *iso, Handle proxy, Handle key,
                                           const PropertyDescriptor *desc);
RuntimeMaybeBool proxy_has_property(Isolate *iso, Handle proxy, Handle key);
Handle proxy_get(Isolate *iso, Handle proxy, Handle key, Handle receiver);
RuntimeMaybeBool proxy_set(Isolate *iso, Handle proxy, Handle key, Handle value,
                           Handle receiver);
RuntimeMaybeBool proxy_delete(Isolate *iso, Handle proxy, Handle key);
Handle proxy_own_property_keys(Isolate *iso, Handle proxy);

/* Mapped arguments (runtime-arguments.c). is_mapped: mapping is a FixedArray. */
KILN_INLINE bool arguments_is_mapped(Tagged obj) {
  return is_js_arguments_object(obj) && is_fixed_array(js_arguments_object_mapping(obj));
}
RuntimeMaybeBool arguments_get_own_property(Isolate *iso, Handle obj, Handle key,
                                            PropertyDescriptor *desc);
RuntimeMaybeBool arguments_define_own_property(Isolate *iso, Handle obj, Handle key,
                                               const PropertyDescriptor *desc);
Handle arguments_get(Isolate *iso, Handle obj, Handle key, Handle receiver);
RuntimeMaybeBool arguments_set(Isolate *iso, Handle obj, Handle key, Handle value,
                               Handle receiver);
RuntimeMaybeBool arguments_delete(Isolate *iso, Handle obj, Handle key);

/* String wrappers (runtime-object.c). */
KILN_INLINE bool rt_is_string_wrapper(Tagged obj) {
  return is_js_primitive_wrapper(obj) && is_string(js_primitive_wrapper_value(obj));
}

/* Arrays (runtime-object.c): 10.4.2.1 [[DefineOwnProperty]]. */
RuntimeMaybeBool array_define_own_property(Isolate *iso, Handle array, Handle key,
                                           const PropertyDescriptor *desc);

#endif /* KILN_RUNTIME_RUNTIME_INTERNAL_H_ */
