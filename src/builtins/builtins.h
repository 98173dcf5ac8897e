/*
 * builtins.h: functions implemented in C, and how the engine calls them.
 *
 * A builtin is a JSFunction whose SharedFunctionInfo has `builtin` set to a
 * BuiltinFunction. The engine calls it with a BuiltinArgs: the receiver, the arguments, the
 * function object itself and new.target (undefined for a [[Call]], the new.target for a
 * [[Construct]]). All the Tagged slots it points at are visible to the collector, so the
 * Handles returned by builtin_arg and friends stay valid across allocation.
 *
 * A builtin returns a Handle to its result, or an empty Handle with the exception pending.
 * It runs inside a HandleScope the caller opens and closes (the caller copies the result
 * out), so a builtin makes handles freely.
 *
 * Families live one per file (builtins/builtins-object.c, builtins-array.c, ...), each with
 * a BUILTIN_LIST-style table that bootstrapper.c reads to install them; see
 * builtins_install_all.
 */
#ifndef KILN_BUILTINS_BUILTINS_H_
#define KILN_BUILTINS_BUILTINS_H_

#include "execution/isolate.h"

typedef struct BuiltinArgs {
  Tagged *receiver;   /* slot of `this` */
  Tagged *target;     /* slot of the function object being called */
  Tagged *new_target; /* slot of new.target: undefined for [[Call]] */
  int argc;
  Tagged *argv;       /* argc slots */
} BuiltinArgs;

typedef Handle (*BuiltinFunction)(Isolate *iso, BuiltinArgs *args);

/* Argument i, or undefined when i >= argc. */
KILN_INLINE Handle builtin_arg(Isolate *iso, BuiltinArgs *args, int i) {
  return i < args->argc ? (Handle){&args->argv[i]} : ROOT_HANDLE(iso, undefined_value);
}
KILN_INLINE Handle builtin_receiver(BuiltinArgs *args) { return (Handle){args->receiver}; }
KILN_INLINE Handle builtin_target(BuiltinArgs *args) { return (Handle){args->target}; }
KILN_INLINE Handle builtin_new_target(BuiltinArgs *args) { return (Handle){args->new_target}; }
KILN_INLINE bool builtin_is_construct_call(Isolate *iso, BuiltinArgs *args) {
  return !is_undefined(iso, *args->new_target);
}

#endif /* KILN_BUILTINS_BUILTINS_H_ */
