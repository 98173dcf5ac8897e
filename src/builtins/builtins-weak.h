/*
 * builtins-weak.h: what the host needs from the weak collections family
 * (builtins/builtins-weak.c: WeakMap, WeakSet, WeakRef, FinalizationRegistry).
 *
 * Kiln has no job queue yet (the jobs issue brings one). Until then the host (the kiln shell
 * after each script it runs) calls builtins_weak_host_turn_ended, which does the two things
 * the spec ties to the end of a job:
 *   1. ClearKeptObjects (ES2025 9.10.4.1): the targets that WeakRef construction and deref
 *      kept alive during the turn (ROOT(weak_ref_kept_objects), a strong list) may die at
 *      the next GC;
 *   2. the cleanup jobs of HostEnqueueFinalizationRegistryCleanupJob (9.10.4.3): every live
 *      FinalizationRegistry (ROOT(finalization_registries), a weak list) that has cells whose
 *      target a GC collected runs CleanupFinalizationRegistry (26.2.1.1), calling its
 *      callback once per such cell with the cell's held value.
 * So a WeakRef target stays alive at least until the script turn ends and a GC
 * ($262.gc(), or any full GC) runs after that; the registries' callbacks run at the end of
 * the turn that follows the GC that collected their targets.
 */
#ifndef KILN_BUILTINS_BUILTINS_WEAK_H_
#define KILN_BUILTINS_BUILTINS_WEAK_H_

#include "execution/isolate.h"

/* ClearKeptObjects. Never allocates. */
void builtins_weak_clear_kept_objects(Isolate *iso);
/* Runs the pending FinalizationRegistry cleanups. false with the exception pending when a
 * callback threw (the remaining cleanups run at the next call). Calls user code. */
bool builtins_weak_run_finalization_cleanups(Isolate *iso);
/* Both, in that order: the host's end-of-turn hook. Calls user code. */
bool builtins_weak_host_turn_ended(Isolate *iso);

#endif /* KILN_BUILTINS_BUILTINS_WEAK_H_ */
