/*
 * bootstrapper.h: creating realms (ES2025 9.3.1 CreateRealm, 9.3.3 SetDefaultGlobalBindings).
 *
 * A realm is a NativeContext (execution/contexts.h) whose slots hold its intrinsics. The
 * bootstrapper builds them in dependency order:
 *   1. the NativeContext itself (extension: itself; previous: undefined);
 *   2. %Object.prototype% (prototype null) and the map of {};
 *   3. %Function.prototype% (a builtin that returns undefined, prototype %Object.prototype%)
 *      and the realm's function maps (objects/js-function.h);
 *   4. %Array.prototype% (an Array exotic object) and the map of [];
 *   5. the global object (a JSObject in dictionary mode inheriting %Object.prototype%),
 *      the script context and its name table;
 *   6. every builtin family of BUILTIN_FAMILY_LIST (builtins/builtins-utils.h), then
 *      globalThis.
 * The first realm of an isolate also gives the isolate's root maps of {}, [] (and their
 * elements-kind transitions) its prototypes, so js_object_new and js_array_new make objects
 * of the main realm.
 */
#ifndef KILN_EXECUTION_BOOTSTRAPPER_H_
#define KILN_EXECUTION_BOOTSTRAPPER_H_

#include "execution/isolate.h"

/* A new realm: its NativeContext, or an empty Handle (out of memory pending). Does not
 * change iso->native_context. May allocate. */
Handle bootstrapper_create_realm(Isolate *iso);

/* Creates the isolate's first realm and makes it current (iso->native_context). Call once,
 * after isolate_new; isolates without it have no realm (bare object-model tests). */
bool bootstrapper_init_isolate(Isolate *iso);

#endif /* KILN_EXECUTION_BOOTSTRAPPER_H_ */
