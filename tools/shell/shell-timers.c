/*
 * shell-timers.c: setTimeout, setInterval, clearTimeout, clearInterval, and the shell's
 * event loop that runs them (the library itself has no I/O and no clock: timers are the
 * host's, as in d8 and Node).
 *
 * A timer is a callback with its arguments, held by global handles (the collector sees
 * them), and a due time on the monotonic clock. timers_run_loop runs due timers in order of
 * due time, then of creation; after each callback it performs a microtask checkpoint, as
 * Node does. A callback that throws ends the loop with the exception pending (the shell
 * reports it and exits 1).
 */
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "builtins/builtins-utils.h"
#include "builtins/builtins-weak.h"
#include "execution/execution.h"
#include "heap/factory.h"
#include "shell.h"

typedef struct {
  int id;
  double due;        /* ms on the monotonic clock */
  double interval;   /* ms; < 0 for a one-shot timer */
  Handle callback;   /* global handles */
  Handle arguments;  /* a FixedArray of the extra arguments */
} Timer;

/* The list is the shell's (not the library's) state, one per thread: each agent
 * (shell-agent.c) runs its own isolate and event loop. */
static _Thread_local Timer *timers;
static _Thread_local int timer_count, timer_capacity, next_timer_id = 1;

static double timers_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void timers_remove(Isolate *iso, int index) {
  global_handle_free(iso, timers[index].callback);
  global_handle_free(iso, timers[index].arguments);
  timers[index] = timers[--timer_count];
}

/* setTimeout / setInterval ( callback, delay, ...args ): the timer's id. */
static Handle timers_add(Isolate *iso, BuiltinArgs *args, bool repeat) {
  Handle callback = builtin_arg(iso, args, 0);
  if (!runtime_is_callable(H(callback))) {
    return builtins_throw_type_error(iso, "The \"callback\" argument must be of type function");
  }
  double delay = 0;
  if (args->argc > 1 && !runtime_to_number_double(iso, builtin_arg(iso, args, 1), &delay))
    return HANDLE_NULL;
  if (!(delay >= 1) || delay > 2147483647.0) delay = 1;  /* Node: NaN, < 1, too big: 1 */
  int extra = args->argc > 2 ? args->argc - 2 : 0;
  Handle list = factory_new_fixed_array(iso, extra);
  if (handle_is_null(list)) return list;
  for (int i = 0; i < extra; i++) fixed_array_set(H(list), i, args->argv[i + 2]);
  if (timer_count == timer_capacity) {
    timer_capacity = timer_capacity ? timer_capacity * 2 : 16;
    timers = realloc(timers, sizeof *timers * (size_t)timer_capacity);
    if (timers == NULL) FATAL("kiln: out of memory");
  }
  Timer *t = &timers[timer_count++];
  t->id = next_timer_id++;
  t->due = timers_now() + floor(delay);
  t->interval = repeat ? floor(delay) : -1;
  t->callback = global_handle_new(iso, H(callback));
  t->arguments = global_handle_new(iso, H(list));
  return handle_new(iso, smi_from_int(t->id));
}

static Handle host_set_timeout(Isolate *iso, BuiltinArgs *args) { return timers_add(iso, args, false); }
static Handle host_set_interval(Isolate *iso, BuiltinArgs *args) { return timers_add(iso, args, true); }

/* clearTimeout / clearInterval ( id ): anything that is not a live timer's id is ignored. */
static Handle host_clear_timer(Isolate *iso, BuiltinArgs *args) {
  Tagged id = *builtin_arg(iso, args, 0).loc;
  for (int i = 0; is_smi(id) && i < timer_count; i++) {
    if (timers[i].id == smi_value(id)) {
      timers_remove(iso, i);
      break;
    }
  }
  return ROOT_HANDLE(iso, undefined_value);
}

bool timers_install(Isolate *iso, Handle native_context, Handle global) {
  return !handle_is_null(builtins_install_method(iso, native_context, global, "setTimeout",
                                                 host_set_timeout, 2)) &&
         !handle_is_null(builtins_install_method(iso, native_context, global, "setInterval",
                                                 host_set_interval, 2)) &&
         !handle_is_null(builtins_install_method(iso, native_context, global, "clearTimeout",
                                                 host_clear_timer, 1)) &&
         !handle_is_null(builtins_install_method(iso, native_context, global, "clearInterval",
                                                 host_clear_timer, 1));
}

/* The index of the timer to run next: the earliest due, the oldest among equals. */
static int timers_next(void) {
  int best = -1;
  for (int i = 0; i < timer_count; i++) {
    if (best < 0 || timers[i].due < timers[best].due ||
        (timers[i].due == timers[best].due && timers[i].id < timers[best].id))
      best = i;
  }
  return best;
}

/* Runs timer i (removed first when it is a one-shot), then the microtasks. */
static bool timers_fire(Isolate *iso, int i) {
  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle callback = handle_new(iso, H(timers[i].callback));
  Handle list = handle_new(iso, H(timers[i].arguments));
  if (timers[i].interval < 0) timers_remove(iso, i);
  else timers[i].due = timers_now() + (timers[i].interval < 1 ? 1 : timers[i].interval);
  int argc = (int)fixed_array_length(H(list));
  Handle *argv = malloc(sizeof(Handle) * (size_t)(argc + 1));
  if (argv == NULL) FATAL("kiln: out of memory");
  for (int k = 0; k < argc; k++) argv[k] = handle_new(iso, fixed_array_get(H(list), k));
  bool ok = !handle_is_null(execution_call(iso, callback, ROOT_HANDLE(iso, undefined_value),
                                           argc, argv)) &&
            execution_run_microtasks(iso) && builtins_weak_host_turn_ended(iso);
  free(argv);
  handle_scope_close(&scope);
  return ok;
}

bool timers_run_loop(Isolate *iso, bool wait) {
  for (int i; (i = timers_next()) >= 0;) {
    double delay = timers[i].due - timers_now();
    if (delay > 0) {
      if (!wait) return true;
      /* Sleep in slices of at most 10 ms so a termination (--timeout) ends the wait. */
      if (!isolate_poll_interrupts(iso)) return false;
      double slice = delay < 10 ? delay : 10;
      struct timespec ts = {(time_t)(slice / 1e3), (long)(fmod(slice, 1e3) * 1e6)};
      nanosleep(&ts, NULL);
      continue;
    }
    if (!timers_fire(iso, i)) return false;
  }
  return true;
}
