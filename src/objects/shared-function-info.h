/*
 * shared-function-info.h: the flags of a SharedFunctionInfo, and SFI creation.
 *
 * SharedFunctionInfo layout: objects.h SHARED_FUNCTION_INFO_FIELDS. Its `flags` Smi holds
 * the bits of SFI_FLAG_LIST (bit i for the i-th entry) and, in bits 24..27, the function's
 * kind (SfiKind, the AstFunctionKind of the literal). Accessors are generated from the list:
 *   sfi_is_strict(sfi) / sfi_set_is_strict(sfi, bool)     and so on.
 *
 * What the interpreter reads:
 *   is_strict                 strict code: `this` is not coerced (OrdinaryCallBindThis)
 *   is_constructor            [[Construct]] exists (normal functions, classes)
 *   is_class_constructor      [[Call]] throws TypeError (class constructors)
 *   is_derived_constructor    [[Construct]] does not allocate `this`: the bytecode
 *                             binds it through SuperCall and returns the final object
 *                             itself (it applies ES2025 10.2.2 steps 10-12)
 *   is_arrow                  lexical this/arguments/new.target (kept in contexts)
 *   has_prototype_property    closures get a fresh "prototype" object (normal functions,
 *                             generators, classes)
 *   uses_sloppy_arguments     (informational) a mapped arguments object is created
 *   not_supported             the body could not be compiled (generators/async for now):
 *                             calling the function throws a TypeError "not supported yet"
 *   is_toplevel / is_eval     script and eval top-level code
 *   needs_home_object         methods that use super: the closure needs [[HomeObject]]
 */
#ifndef KILN_OBJECTS_SHARED_FUNCTION_INFO_H_
#define KILN_OBJECTS_SHARED_FUNCTION_INFO_H_

#include "execution/isolate.h"

#define SFI_FLAG_LIST(V)          \
  V(is_strict)                    \
  V(is_constructor)               \
  V(is_class_constructor)         \
  V(is_derived_constructor)       \
  V(is_arrow)                     \
  V(is_method)                    \
  V(is_getter)                    \
  V(is_setter)                    \
  V(is_generator)                 \
  V(is_async)                     \
  V(has_prototype_property)       \
  V(has_simple_parameters)        \
  V(uses_sloppy_arguments)        \
  V(not_supported)                \
  V(is_toplevel)                  \
  V(is_eval)                      \
  V(needs_home_object)            \
  V(is_class_fields_init)         \
  V(is_anonymous)

enum {
#define V(name) SFI_FLAG_BIT_##name,
  SFI_FLAG_LIST(V)
#undef V
  kSfiFlagCount
};
_Static_assert(kSfiFlagCount <= 24, "SFI flags overlap the kind bits");
enum { kSfiKindShift = 24, kSfiKindMask = 0xf };

#define V(name)                                                                     \
  KILN_INLINE bool sfi_##name(Tagged sfi) {                                          \
    return (sfi_flags(sfi) >> SFI_FLAG_BIT_##name) & 1;                              \
  }                                                                                 \
  KILN_INLINE void sfi_set_##name(Tagged sfi, bool on) {                             \
    int64_t f = sfi_flags(sfi);                                                      \
    f = on ? (f | ((int64_t)1 << SFI_FLAG_BIT_##name))                               \
           : (f & ~((int64_t)1 << SFI_FLAG_BIT_##name));                             \
    sfi_set_flags(sfi, f);                                                           \
  }
SFI_FLAG_LIST(V)
#undef V

/* The function kind: the parser's AstFunctionKind values (parsing/ast.h), plus the
 * top-level code of scripts and evals. */
typedef enum {
  SFI_KIND_NORMAL, SFI_KIND_ARROW, SFI_KIND_METHOD, SFI_KIND_GETTER, SFI_KIND_SETTER,
  SFI_KIND_CLASS_CONSTRUCTOR, SFI_KIND_DERIVED_CONSTRUCTOR, SFI_KIND_CLASS_FIELDS_INIT,
  SFI_KIND_CLASS_STATIC_INIT, SFI_KIND_SCRIPT, SFI_KIND_EVAL,
} SfiKind;

KILN_INLINE SfiKind sfi_kind(Tagged sfi) {
  return (SfiKind)((sfi_flags(sfi) >> kSfiKindShift) & kSfiKindMask);
}
KILN_INLINE void sfi_set_kind(Tagged sfi, SfiKind kind) {
  int64_t f = sfi_flags(sfi) & ~((int64_t)kSfiKindMask << kSfiKindShift);
  sfi_set_flags(sfi, f | ((int64_t)kind << kSfiKindShift));
}

/* A new SharedFunctionInfo: name (a String, may be the empty string), every other field
 * zero/undefined/NULL. May allocate. */
Handle shared_function_info_new(Isolate *iso, Handle name);

#endif /* KILN_OBJECTS_SHARED_FUNCTION_INFO_H_ */
