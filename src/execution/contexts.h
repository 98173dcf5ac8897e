/*
 * contexts.h: Contexts (run-time scopes) and the NativeContext of a realm.
 *
 * Context layout (objects.h CONTEXT_FIELDS):
 *   | map | length | scope_info | previous | extension | slot 0 | ... | slot length-1 |
 * A function's captured variables, a block's captured let/const, a catch parameter that is
 * captured: each scope that needs one gets a Context at run time whose slots the bytecode
 * reads by index (LdaContextSlot). `previous` links to the enclosing context, ending at the
 * realm's NativeContext.
 *
 * The NativeContext is a realm (ES2025 9.3): its slots hold the realm's intrinsics, listed
 * once here. `isolate->context` (execution/isolate.h) is the current realm's native context.
 */
#ifndef KILN_EXECUTION_CONTEXTS_H_
#define KILN_EXECUTION_CONTEXTS_H_

#include "execution/isolate.h"

/* V(slot name): the intrinsics of a realm. Builtins add their own here, in one place. */
#define NATIVE_CONTEXT_LIST(V)                                                          \
  V(global_object)             /* the global object (a JSObject in dictionary mode) */   \
  V(global_this)               /* the value of `this` at top level: the global object */ \
  V(script_context)            /* the Context holding top-level let/const/class */      \
  V(script_scope_names)        /* a NameDictionary: name -> slot of script_context */    \
  V(object_function)           /* %Object% */                                            \
  V(object_prototype)                                                                  \
  V(function_function)                                                                 \
  V(function_prototype)                                                                \
  V(array_function)                                                                    \
  V(array_prototype)                                                                   \
  V(string_function)                                                                   \
  V(string_prototype)                                                                  \
  V(number_function)                                                                   \
  V(number_prototype)                                                                  \
  V(boolean_function)                                                                  \
  V(boolean_prototype)                                                                 \
  V(symbol_function)                                                                   \
  V(symbol_prototype)                                                                  \
  V(bigint_function)                                                                   \
  V(bigint_prototype)                                                                  \
  V(error_function)                                                                    \
  V(error_prototype)                                                                   \
  V(type_error_function)                                                               \
  V(range_error_function)                                                              \
  V(syntax_error_function)                                                             \
  V(reference_error_function)                                                          \
  V(eval_error_function)                                                               \
  V(uri_error_function)                                                                \
  V(aggregate_error_function)                                                          \
  V(iterator_prototype)        /* %IteratorPrototype% */                                 \
  V(array_iterator_prototype)                                                          \
  V(string_iterator_prototype)                                                         \
  V(generator_function_prototype)                                                      \
  V(generator_prototype)                                                               \
  V(async_function_prototype)                                                          \
  V(promise_function)                                                                  \
  V(promise_prototype)                                                                 \
  V(regexp_function)                                                                   \
  V(regexp_prototype)                                                                  \
  V(proxy_function)                                                                    \
  V(eval_function)             /* %eval%: direct eval is a call of this exact function */ \
  V(throw_type_error)          /* %ThrowTypeError% */                                    \
  V(array_prototype_values)    /* %Array.prototype.values% (arguments[@@iterator]) */     \
  V(template_map)              /* site id -> template object cache (a FixedArray) */    \
  /* Maps of the realm's objects */                                                    \
  V(object_map)                /* {} with %Object.prototype% */                          \
  V(array_map)                 /* [] */                                                  \
  V(sloppy_function_map)       /* function(){} : length, name, prototype */              \
  V(strict_function_map)       /* strict functions: length, name, prototype */          \
  V(method_map)                /* methods, arrows, accessors: length, name */            \
  V(class_constructor_map)     /* class constructors: length, name, prototype (RO) */    \
  V(builtin_function_map)      /* builtins: length, name */                              \
  V(bound_function_map)                                                                \
  V(sloppy_arguments_map)                                                              \
  V(strict_arguments_map)                                                              \
  V(iterator_result_map)       /* { value, done } */                                     \
  V(error_maps)                /* FixedArray: the initial map of each ErrorKind */       \
  V(primitive_wrapper_map)                                                             \
  V(generator_function_map)    /* generators: length, name, prototype; not constructors */ \
  V(builtin_constructor_map)   /* builtin constructors: length, name, prototype (RO) */  \
  V(bound_constructor_map)     /* bound functions whose target is a constructor */       \
  V(math_random_state)         /* ByteArray: Math.random's xorshift128+ state */        \
  V(type_error_prototype)                                                              \
  V(range_error_prototype)                                                             \
  V(syntax_error_prototype)                                                            \
  V(reference_error_prototype)                                                         \
  V(eval_error_prototype)                                                              \
  V(uri_error_prototype)                                                               \
  V(aggregate_error_prototype)                                                         \
  V(generator_function_function) /* %GeneratorFunction% (for CreateDynamicFunction) */ \
  V(array_iterator_map)        /* Array Iterator objects */                              \
  V(string_iterator_map)       /* String Iterator objects */                            \
  V(string_wrapper_map)        /* Object("s"): made on first use by the runtime */       \
  V(number_wrapper_map)                                                                \
  V(boolean_wrapper_map)                                                               \
  V(symbol_wrapper_map)                                                                \
  V(symbol_registry)           /* FixedArray[1] holding a NameDictionary: Symbol.for's   \
                                  GlobalSymbolRegistry, shared by every realm */ \
  V(array_buffer_function)     /* %ArrayBuffer% (builtins-arraybuffer.c) */              \
  V(array_buffer_prototype)                                                            \
  V(array_buffer_map)          /* ArrayBuffer objects with %ArrayBuffer.prototype% */    \
  V(shared_array_buffer_function)                                                      \
  V(shared_array_buffer_prototype)                                                     \
  V(shared_array_buffer_map)                                                           \
  V(data_view_function)                                                                \
  V(data_view_prototype)                                                               \
  V(data_view_map)                                                                     \
  V(typed_array_function)      /* %TypedArray% */                                        \
  V(typed_array_prototype)     /* %TypedArray.prototype% */                              \
  V(typed_array_constructors)  /* FixedArray: (constructor, prototype, map) per kind */ \
  V(map_function)                                                                      \
  V(map_prototype)                                                                     \
  V(set_function)                                                                      \
  V(set_prototype)                                                                     \
  V(map_iterator_prototype)                                                            \
  V(set_iterator_prototype)                                                            \
  V(js_map_map)                /* Map objects */                                         \
  V(js_set_map)                /* Set objects */                                         \
  V(map_iterator_map)                                                                  \
  V(set_iterator_map)                                                                  \
  V(weak_map_prototype)                                                                \
  V(weak_set_prototype)                                                                \
  V(weak_ref_prototype)                                                                \
  V(finalization_registry_prototype)                                                   \
  V(js_weak_map_map)                                                                   \
  V(js_weak_set_map)                                                                   \
  V(js_weak_ref_map)                                                                   \
  V(js_finalization_registry_map)                                                      \
  V(date_function)                                                                     \
  V(date_prototype)                                                                    \
  V(js_date_map) \
  /* Generators, promises, async functions (builtins-generator.c, -promise.c, -async.c) */ \
  V(generator_object_map)      /* generator objects inheriting %GeneratorPrototype% */    \
  V(async_function_object_map) /* the (internal) objects of running async functions */   \
  V(async_generator_object_map) /* async generator objects */                           \
  V(async_function_function)   /* %AsyncFunction% */                                     \
  V(async_function_map)        /* async functions: length, name; not constructors */     \
  V(async_generator_function_function) /* %AsyncGeneratorFunction% */                   \
  V(async_generator_function_prototype)                                                \
  V(async_generator_prototype) /* %AsyncGeneratorPrototype% */                           \
  V(async_generator_function_map) /* async generators: length, name, prototype */       \
  V(async_iterator_prototype)  /* %AsyncIteratorPrototype% */                            \
  V(async_from_sync_iterator_prototype)                                                \
  V(async_from_sync_iterator_map)                                                      \
  V(promise_map)               /* Promise objects inheriting %Promise.prototype% */      \
  V(promise_then)              /* %Promise.prototype.then% */                            \
  V(promise_builtin_sfis)      /* FixedArray: the SFIs of the promise closures */ \
  V(bigint_wrapper_map)        /* Object(1n): made on first use by the runtime */ \
  /* Explicit resource management (builtins-dispose.c) */                            \
  V(suppressed_error_function)                                                       \
  V(suppressed_error_prototype)                                                      \
  V(suppressed_error_map)      /* SuppressedError objects the runtime makes */       \
  V(disposable_stack_prototype)                                                      \
  V(async_disposable_stack_prototype)                                                \
  V(js_disposable_stack_map)                                                         \
  V(js_async_disposable_stack_map) \
  V(js_regexp_map)             /* RegExp objects (builtins-regexp.c) */                  \
  V(regexp_exec_function)      /* %RegExp.prototype.exec%, for the unmodified fast path */ \
  V(regexp_string_iterator_prototype) /* %RegExpStringIteratorPrototype% */             \
  V(js_regexp_string_iterator_map)                                                     \
  V(regexp_cache)              /* FixedArray of (source, flags, code) triples, or undefined */ \
  V(regexp_last_match)         /* legacy RegExp.$1...: FixedArray (valid, input, 10 pairs) */ \
  V(regexp_prototype_map)      /* %RegExp.prototype%'s map after setup: unmodified check */ \
  V(generator_prototype_object_map) /* the map of a generator function's own "prototype" \
                                  object (inherits %GeneratorPrototype%), made on use */ \
  V(async_generator_prototype_object_map) /* the same for async generator functions */ \
  V(shadow_realm_prototype)    /* %ShadowRealm.prototype% */                            \
  V(shadow_realm_map)          /* the map of ShadowRealm instances (ordinary objects) */ \
  /* Iterator helpers (builtins-iterator.c) */                                         \
  V(iterator_function)         /* %Iterator% */                                          \
  V(iterator_helper_map)       /* %IteratorHelperPrototype% objects */                   \
  V(wrap_for_valid_iterator_map) /* %WrapForValidIteratorPrototype% objects */ \
  V(raw_json_map)              /* JSON.rawJSON objects ([[IsRawJSON]]; builtins-json.c) */ \
  V(abstract_module_source_function) /* %AbstractModuleSource% (source phase imports;     \
                                        execution/modules.c), made on first use */       \
  V(module_source_class_symbol)  /* the private key of [[ModuleSourceClassName]] */ \
  V(null_prototype_object_map) /* the map of OrdinaryObjectCreate(null) objects, made on   \
                                  first use (runtime_object_create) */

typedef enum {
#define V(name) NATIVE_CONTEXT_##name,
  NATIVE_CONTEXT_LIST(V)
#undef V
  kNativeContextSlotCount
} NativeContextSlot;

KILN_INLINE Tagged context_get(Tagged context, int64_t slot) {
  return field_read(context, Context_kHeaderSize + slot * kTaggedSize);
}
KILN_INLINE void context_set(Tagged context, int64_t slot, Tagged value) {
  field_write(context, Context_kHeaderSize + slot * kTaggedSize, value);
}
KILN_INLINE Tagged *context_slot(Tagged context, int64_t slot) {
  return field_slot(context, Context_kHeaderSize + slot * kTaggedSize);
}

#endif /* KILN_EXECUTION_CONTEXTS_H_ */

/* ---- Creating contexts, and the script scope (execution/contexts.c) ------------------- */

/* A new Context: scope_info (a ScopeInfo or undefined), previous, extension, `slots` slots
 * holding undefined, or the hole for the bindings the ScopeInfo marks as having a TDZ
 * (let/const/class). May allocate. */
Handle context_new(Isolate *iso, Handle scope_info, Handle previous, Handle extension,
                   int slots);

/* The realm's script scope (NATIVE_CONTEXT script_scope_names and script_context): the
 * top-level let/const/class bindings of every script. script_scope_names maps a name to
 * its Smi slot in script_context; const bindings have READ_ONLY details. */
/* The slot of name, or -1; *is_const tells a const binding. Never allocates. */
int context_script_scope_lookup(Isolate *iso, Tagged native_context, Tagged name,
                                bool *is_const);
/* Adds name (absent) with a new slot holding the hole; the script context grows (it is
 * replaced by a bigger copy). Returns the slot or -1 (exception pending). May allocate. */
int context_script_scope_add(Isolate *iso, Handle native_context, Handle name, bool is_const);
