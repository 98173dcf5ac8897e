/*
 * runtime-descriptors.c: the Property Descriptor specification type (ES2025 6.2.6) and the
 * validation half of ValidateAndApplyPropertyDescriptor (10.1.6.3), which ordinary objects,
 * string wrappers and the Proxy invariants (IsCompatiblePropertyDescriptor) share.
 */
#include "heap/factory.h"
#include "runtime/runtime-internal.h"

void property_descriptor_init(Isolate *iso, PropertyDescriptor *desc) {
  desc->flags = 0;
  desc->value = desc->get = desc->set = rt_undefined(iso);
}

void pd_data(Isolate *iso, PropertyDescriptor *d, Handle value, int attributes) {
  property_descriptor_init(iso, d);
  d->flags = PD_HAS_VALUE | PD_HAS_WRITABLE | PD_HAS_ENUMERABLE | PD_HAS_CONFIGURABLE;
  if (!(attributes & READ_ONLY)) d->flags |= PD_WRITABLE;
  if (!(attributes & DONT_ENUM)) d->flags |= PD_ENUMERABLE;
  if (!(attributes & DONT_DELETE)) d->flags |= PD_CONFIGURABLE;
  d->value = value;
}

int pd_attributes(const PropertyDescriptor *d) {
  int attributes = 0;
  if (!pd_is_accessor(d) && !pd_writable(d)) attributes |= READ_ONLY;
  if (!pd_enumerable(d)) attributes |= DONT_ENUM;
  if (!pd_configurable(d)) attributes |= DONT_DELETE;
  return attributes;
}

void pd_complete(Isolate *iso, PropertyDescriptor *d) {
  if (pd_is_generic(d) || pd_is_data(d)) {
    if (!(d->flags & PD_HAS_VALUE)) d->value = rt_undefined(iso);
    d->flags |= PD_HAS_VALUE | PD_HAS_WRITABLE;
  } else {
    if (!(d->flags & PD_HAS_GET)) d->get = rt_undefined(iso);
    if (!(d->flags & PD_HAS_SET)) d->set = rt_undefined(iso);
    d->flags |= PD_HAS_GET | PD_HAS_SET;
  }
  d->flags |= PD_HAS_ENUMERABLE | PD_HAS_CONFIGURABLE;
}

/* 10.1.6.3 steps 2.a (absent), 4 and 5 (non-configurable current). */
bool pd_is_compatible(bool extensible, const PropertyDescriptor *desc,
                      const PropertyDescriptor *current) {
  if (current == NULL) return extensible;
  if (desc->flags == 0) return true;
  if (pd_configurable(current)) return true;
  if ((desc->flags & PD_HAS_CONFIGURABLE) && pd_configurable(desc)) return false;
  if ((desc->flags & PD_HAS_ENUMERABLE) && pd_enumerable(desc) != pd_enumerable(current)) {
    return false;
  }
  if (!pd_is_generic(desc) && pd_is_accessor(desc) != pd_is_accessor(current)) return false;
  if (pd_is_accessor(current)) {
    if ((desc->flags & PD_HAS_GET) && !runtime_same_value(H(desc->get), H(current->get))) {
      return false;
    }
    if ((desc->flags & PD_HAS_SET) && !runtime_same_value(H(desc->set), H(current->set))) {
      return false;
    }
  } else if (!pd_writable(current)) {
    if ((desc->flags & PD_HAS_WRITABLE) && pd_writable(desc)) return false;
    if ((desc->flags & PD_HAS_VALUE) && !runtime_same_value(H(desc->value), H(current->value))) {
      return false;
    }
  }
  return true;
}

/* 10.1.6.3 step 6, computed as a complete descriptor. */
void pd_merge(Isolate *iso, const PropertyDescriptor *current, const PropertyDescriptor *desc,
              PropertyDescriptor *out) {
  property_descriptor_init(iso, out);
  int keep = PD_HAS_ENUMERABLE | PD_HAS_CONFIGURABLE;
  out->flags = current->flags & (keep | PD_ENUMERABLE | PD_CONFIGURABLE);
  if (desc->flags & PD_HAS_ENUMERABLE) {
    out->flags = (out->flags & ~PD_ENUMERABLE) | (desc->flags & PD_ENUMERABLE);
  }
  if (desc->flags & PD_HAS_CONFIGURABLE) {
    out->flags = (out->flags & ~PD_CONFIGURABLE) | (desc->flags & PD_CONFIGURABLE);
  }
  bool to_accessor = pd_is_accessor(desc) || (pd_is_generic(desc) && pd_is_accessor(current));
  if (to_accessor) {
    bool same_kind = pd_is_accessor(current);
    out->flags |= PD_HAS_GET | PD_HAS_SET;
    out->get = (desc->flags & PD_HAS_GET) ? desc->get : same_kind ? current->get : rt_undefined(iso);
    out->set = (desc->flags & PD_HAS_SET) ? desc->set : same_kind ? current->set : rt_undefined(iso);
  } else {
    bool same_kind = !pd_is_accessor(current);
    out->flags |= PD_HAS_VALUE | PD_HAS_WRITABLE;
    out->value = (desc->flags & PD_HAS_VALUE) ? desc->value
                 : same_kind                 ? current->value
                                             : rt_undefined(iso);
    bool writable = (desc->flags & PD_HAS_WRITABLE) ? pd_writable(desc)
                    : same_kind                     ? pd_writable(current)
                                                    : false;
    if (writable) out->flags |= PD_WRITABLE;
  }
}

/* ---- 6.2.6.5 ToPropertyDescriptor, 6.2.6.4 FromPropertyDescriptor ---------------------- */

/* Reads field `name` of obj into *out when present; 0 absent, 1 present, -1 exception. */
static int descriptors_read_field(Isolate *iso, Handle obj, Handle name, Handle *out) {
  RuntimeMaybeBool has = runtime_has_property(iso, obj, name);
  if (has != RT_TRUE) return has == RT_FALSE ? 0 : -1;
  *out = runtime_get(iso, obj, name, obj);
  return handle_is_null(*out) ? -1 : 1;
}

/* Reads a boolean field: sets has_flag, and value_flag when true. false on exception. */
static bool descriptors_read_bool(Isolate *iso, Handle obj, Handle name, PropertyDescriptor *d,
                                  int has_flag, int value_flag) {
  Handle v;
  int r = descriptors_read_field(iso, obj, name, &v);
  if (r < 0) return false;
  if (r == 1) {
    d->flags |= has_flag;
    if (runtime_to_boolean(iso, H(v))) d->flags |= value_flag;
  }
  return true;
}

/* Reads get or set: it must be callable or undefined. */
static bool descriptors_read_accessor(Isolate *iso, Handle obj, Handle name, int flag,
                                      Handle *slot, PropertyDescriptor *d) {
  Handle v;
  int r = descriptors_read_field(iso, obj, name, &v);
  if (r < 0) return false;
  if (r == 0) return true;
  if (!runtime_is_callable(H(v)) && !is_undefined(iso, H(v))) {
    char buf[128];
    rt_throw_type_error(iso, "%s must be a function: %s", flag == PD_HAS_GET ? "Getter" : "Setter",
                        rt_describe(iso, H(v), buf, sizeof buf));
    return false;
  }
  d->flags |= flag;
  *slot = v;
  return true;
}

bool runtime_to_property_descriptor(Isolate *iso, Handle obj, PropertyDescriptor *out) {
  property_descriptor_init(iso, out);
  if (!is_js_receiver(H(obj))) {
    rt_throw_type_error(iso, "Property description must be an object");
    return false;
  }
  if (!descriptors_read_bool(iso, obj, ROOT_HANDLE(iso, enumerable_string), out,
                             PD_HAS_ENUMERABLE, PD_ENUMERABLE) ||
      !descriptors_read_bool(iso, obj, ROOT_HANDLE(iso, configurable_string), out,
                             PD_HAS_CONFIGURABLE, PD_CONFIGURABLE)) {
    return false;
  }
  Handle v;
  int r = descriptors_read_field(iso, obj, ROOT_HANDLE(iso, value_string), &v);
  if (r < 0) return false;
  if (r == 1) {
    out->flags |= PD_HAS_VALUE;
    out->value = v;
  }
  if (!descriptors_read_bool(iso, obj, ROOT_HANDLE(iso, writable_string), out, PD_HAS_WRITABLE,
                             PD_WRITABLE) ||
      !descriptors_read_accessor(iso, obj, ROOT_HANDLE(iso, get_string), PD_HAS_GET, &out->get,
                                 out) ||
      !descriptors_read_accessor(iso, obj, ROOT_HANDLE(iso, set_string), PD_HAS_SET, &out->set,
                                 out)) {
    return false;
  }
  if (pd_is_accessor(out) && pd_is_data(out)) {
    rt_throw_type_error(iso, "Invalid property descriptor. Cannot both specify accessors and "
                             "a value or writable attribute");
    return false;
  }
  return true;
}

/* CreateDataProperty on a fresh ordinary object: never fails except on OOM. */
static bool descriptors_put(Isolate *iso, Handle obj, Handle key, Handle value) {
  return js_object_define_own_property(iso, obj, key, value, PROPERTY_ATTRIBUTES_NONE);
}

Handle runtime_from_property_descriptor(Isolate *iso, const PropertyDescriptor *desc) {
  if (desc == NULL) return rt_undefined(iso);
  Handle obj = runtime_new_object(iso);
  if (handle_is_null(obj)) return obj;
  int f = desc->flags;
  bool ok = true;
  if (f & PD_HAS_VALUE) ok = ok && descriptors_put(iso, obj, ROOT_HANDLE(iso, value_string), desc->value);
  if (f & PD_HAS_WRITABLE) {
    ok = ok && descriptors_put(iso, obj, ROOT_HANDLE(iso, writable_string),
                               rt_boolean(iso, f & PD_WRITABLE));
  }
  if (f & PD_HAS_GET) ok = ok && descriptors_put(iso, obj, ROOT_HANDLE(iso, get_string), desc->get);
  if (f & PD_HAS_SET) ok = ok && descriptors_put(iso, obj, ROOT_HANDLE(iso, set_string), desc->set);
  if (f & PD_HAS_ENUMERABLE) {
    ok = ok && descriptors_put(iso, obj, ROOT_HANDLE(iso, enumerable_string),
                               rt_boolean(iso, f & PD_ENUMERABLE));
  }
  if (f & PD_HAS_CONFIGURABLE) {
    ok = ok && descriptors_put(iso, obj, ROOT_HANDLE(iso, configurable_string),
                               rt_boolean(iso, f & PD_CONFIGURABLE));
  }
  return ok ? obj : HANDLE_NULL;
}
