/*
 * builtins-symbol.c: the Symbol constructor and Symbol.prototype (ES2025 20.4).
 *
 * The GlobalSymbolRegistry of Symbol.for is a NameDictionary (internalized key -> symbol)
 * held in a one-element FixedArray in the native context's symbol_registry slot; every
 * realm of an isolate shares the first realm's holder (the spec's registry is per agent),
 * so a dictionary that grows is replaced in one place.
 */
#include <string.h>

#include "builtins/builtins-utils.h"
#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/js-objects.h"
#include "objects/string.h"

#define SYMBOL_BUILTINS(V)      \
  V(SymbolFor, "for", 1)        \
  V(SymbolKeyFor, "keyFor", 1)

#define SYMBOL_PROTOTYPE_BUILTINS(V)          \
  V(SymbolPrototypeToString, "toString", 0)   \
  V(SymbolPrototypeValueOf, "valueOf", 0)

SYMBOL_BUILTINS(BUILTIN_DECLARE)
SYMBOL_PROTOTYPE_BUILTINS(BUILTIN_DECLARE)
BUILTIN_DECLARE(SymbolConstructor, "Symbol", 0)
BUILTIN_DECLARE(SymbolPrototypeDescription, "description", 0)
BUILTIN_DECLARE(SymbolPrototypeToPrimitive, "@@toPrimitive", 1)

/* ES2025 20.4.1.1 Symbol ( [ description ] ) */
BUILTIN(SymbolConstructor) {
  if (builtin_is_construct_call(iso, args)) {
    return builtins_throw_type_error(iso, "Symbol is not a constructor");
  }
  Handle desc = BUILTIN_ARG(0);
  if (!is_undefined(iso, H(desc))) {
    desc = runtime_to_string(iso, desc);
    BUILTIN_TRY(desc);
  }
  return symbol_new(iso, desc, false);
}

/* The registry's holder (a FixedArray of length 1). */
static Handle symbol_registry_holder(Isolate *iso, BuiltinArgs *args) {
  return builtins_intrinsic(iso, builtins_realm(iso, args), NATIVE_CONTEXT_symbol_registry);
}

/* ES2025 20.4.2.2 Symbol.for ( key ) */
BUILTIN(SymbolFor) {
  Handle key = runtime_to_string(iso, BUILTIN_ARG(0));
  BUILTIN_TRY(key);
  key = string_internalize(iso, key);
  BUILTIN_TRY(key);
  Handle holder = symbol_registry_holder(iso, args);
  Handle registry = handle_new(iso, fixed_array_get(H(holder), 0));
  int entry = name_dictionary_find(iso, H(registry), H(key));
  if (entry >= 0) return handle_new(iso, dictionary_value_at(H(registry), entry));
  Handle sym = symbol_new(iso, key, false);
  BUILTIN_TRY(sym);
  Handle grown = name_dictionary_add(iso, registry, key, sym,
                                     property_details_make(PROPERTY_DATA, PROPERTY_FIELD, 0, 0));
  BUILTIN_TRY(grown);
  fixed_array_set(H(holder), 0, H(grown));
  return sym;
}

/* ES2025 20.4.2.6 Symbol.keyFor ( sym ) */
BUILTIN(SymbolKeyFor) {
  Handle sym = BUILTIN_ARG(0);
  if (!is_symbol(H(sym))) return builtins_throw_type_error(iso, "Symbol.keyFor: not a symbol");
  Tagged registry = fixed_array_get(H(symbol_registry_holder(iso, args)), 0);
  for (int i = 0; i < dictionary_capacity(registry); i++) {
    if (dictionary_is_live_entry(iso, registry, i) && dictionary_value_at(registry, i) == H(sym)) {
      return handle_new(iso, dictionary_key_at(registry, i));
    }
  }
  return BUILTIN_UNDEFINED;
}

/* ES2025 20.4.3 thisSymbolValue ( value ) */
static Handle symbol_this_value(Isolate *iso, BuiltinArgs *args, const char *method) {
  Tagged v = *args->receiver;
  if (is_symbol(v)) return builtin_receiver(args);
  if (is_js_primitive_wrapper(v) && is_symbol(js_primitive_wrapper_value(v))) {
    return handle_new(iso, js_primitive_wrapper_value(v));
  }
  return builtins_throw_type_error(iso, "Symbol.prototype.%s requires a Symbol", method);
}

/* ES2025 20.4.3.3.1 SymbolDescriptiveString ( sym ) */
static Handle symbol_descriptive_string(Isolate *iso, Handle sym) {
  Handle desc = handle_new(iso, symbol_description(H(sym)));
  if (!is_string(H(desc))) desc = ROOT_HANDLE(iso, empty_string);
  Handle open = builtins_string(iso, "Symbol(");
  Handle close = handle_is_null(open) ? open : builtins_string(iso, ")");
  if (handle_is_null(close)) return close;
  Handle s = string_concat(iso, open, desc);
  return handle_is_null(s) ? s : string_concat(iso, s, close);
}

/* ES2025 20.4.3.2 get Symbol.prototype.description */
BUILTIN(SymbolPrototypeDescription) {
  Handle sym = symbol_this_value(iso, args, "description");
  BUILTIN_TRY(sym);
  return handle_new(iso, symbol_description(H(sym)));
}

/* ES2025 20.4.3.3 Symbol.prototype.toString ( ) */
BUILTIN(SymbolPrototypeToString) {
  Handle sym = symbol_this_value(iso, args, "toString");
  BUILTIN_TRY(sym);
  return symbol_descriptive_string(iso, sym);
}

/* ES2025 20.4.3.4 Symbol.prototype.valueOf ( ) */
BUILTIN(SymbolPrototypeValueOf) { return symbol_this_value(iso, args, "valueOf"); }

/* ES2025 20.4.3.5 Symbol.prototype [ @@toPrimitive ] ( hint ) */
BUILTIN(SymbolPrototypeToPrimitive) { return symbol_this_value(iso, args, "[Symbol.toPrimitive]"); }

static const BuiltinSpec kSymbolBuiltins[] = {SYMBOL_BUILTINS(BUILTIN_SPEC)};
static const BuiltinSpec kSymbolPrototypeBuiltins[] = {SYMBOL_PROTOTYPE_BUILTINS(BUILTIN_SPEC)};

/* The well-known symbols as Symbol.asyncIterator and so on (20.4.2): non-writable,
 * non-enumerable, non-configurable. */
static bool symbol_install_well_known(Isolate *iso, Handle ctor) {
  static const struct { const char *description; RootIndex root; } kSymbols[] = {
#define V(root, description) {description, ROOT_##root},
      WELL_KNOWN_SYMBOL_LIST(V)
#undef V
  };
  for (size_t i = 0; i < KILN_ARRAY_SIZE(kSymbols); i++) {
    const char *name = kSymbols[i].description + strlen("Symbol.");
    if (!builtins_define_value(iso, ctor, name, root_handle(iso, kSymbols[i].root),
                               READ_ONLY | DONT_ENUM | DONT_DELETE)) {
      return false;
    }
  }
  return true;
}

/* The realm's registry holder: the bootstrapper has already put the first realm's in the
 * slot of every later realm; the first realm makes it. */
static bool symbol_setup_registry(Isolate *iso, Handle nc) {
  if (is_fixed_array(context_get(H(nc), NATIVE_CONTEXT_symbol_registry))) return true;
  Handle registry = name_dictionary_new(iso, 8);
  Handle holder = handle_is_null(registry) ? registry : factory_new_fixed_array(iso, 1);
  if (handle_is_null(holder)) return false;
  fixed_array_set(H(holder), 0, H(registry));
  context_set(H(nc), NATIVE_CONTEXT_symbol_registry, H(holder));
  return true;
}

bool builtins_install_symbol(Isolate *iso, Handle nc) {
  if (!symbol_setup_registry(iso, nc)) return false;
  Handle object_proto = builtins_intrinsic(iso, nc, NATIVE_CONTEXT_object_prototype);
  Handle proto = builtins_new_object_with_proto(iso, nc, object_proto);
  if (handle_is_null(proto)) return false;
  Handle ctor = builtins_install_constructor(iso, nc, "Symbol", 0, Builtin_SymbolConstructor,
                                             proto, NATIVE_CONTEXT_symbol_function,
                                             NATIVE_CONTEXT_symbol_prototype);
  if (handle_is_null(ctor)) return false;
  Handle tag = builtins_string(iso, "Symbol");
  Handle to_primitive_key = builtins_key(iso, "@@toPrimitive");
  Handle to_primitive =
      handle_is_null(to_primitive_key)
          ? to_primitive_key
          : builtins_new_function(iso, nc, to_primitive_key, 1, Builtin_SymbolPrototypeToPrimitive);
  return !handle_is_null(tag) && !handle_is_null(to_primitive) &&
         builtins_install_methods(iso, nc, ctor, kSymbolBuiltins,
                                  KILN_ARRAY_SIZE(kSymbolBuiltins)) &&
         symbol_install_well_known(iso, ctor) &&
         builtins_install_methods(iso, nc, proto, kSymbolPrototypeBuiltins,
                                  KILN_ARRAY_SIZE(kSymbolPrototypeBuiltins)) &&
         builtins_install_accessor(iso, nc, proto, "description",
                                   Builtin_SymbolPrototypeDescription, NULL, 0) &&
         js_object_define_own_property(iso, proto, to_primitive_key, to_primitive,
                                       READ_ONLY | DONT_ENUM) &&
         builtins_define_value(iso, proto, "@@toStringTag", tag, READ_ONLY | DONT_ENUM);
}
