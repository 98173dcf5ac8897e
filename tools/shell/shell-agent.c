/*
 * shell-agent.c: $262.agent (test262's INTERPRETING.md) on real threads.
 *
 * start(source) makes a new isolate on a new thread (an agent) that runs source as a
 * script with its own $262 (so its own $262.agent); broadcast(sab, num) hands the
 * SharedArrayBuffer's memory (heap/backing-store.h's SharedMemory, reference counted) and
 * num to every agent's receiveBroadcast callback and blocks until each running agent has
 * taken it; report(value) queues ToString(value) for the main agent's getReport (null when
 * the queue is empty). Agents share no heap: only the hub below (one mutex, one condition
 * variable) and the SharedArrayBuffers' memory, whose Atomics.wait/notify meet in the
 * process-wide waiter list (builtins-atomics.c).
 *
 * An agent's life: run its script (and its jobs); if it registered a broadcast callback,
 * wait for broadcasts and call it for each (then run jobs and timers), until it calls
 * leaving() or the shell exits. At exit agents_shutdown terminates every agent still
 * running (isolate_request_termination: one stuck in a loop or in Atomics.wait stops) and
 * joins the threads.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "builtins/builtins-utils.h"
#include "execution/contexts.h"
#include "execution/execution.h"
#include "heap/backing-store.h"
#include "heap/factory.h"
#include "objects/bigint.h"
#include "objects/js-array-buffer.h"
#include "objects/string.h"
#include "runtime/runtime.h"
#include "shell.h"

typedef struct Report {
  struct Report *next;
  char *text;                 /* UTF-8, malloc'd */
  size_t length;
} Report;

typedef struct Agent {
  struct Agent *next;
  pthread_t thread;
  char *source;               /* the script, UTF-8, malloc'd */
  Isolate *iso;               /* while it lives (under the hub's mutex) */
  bool alive;                 /* started and not yet exited (under the mutex) */
  uint64_t seen;              /* the last broadcast generation taken */
} Agent;

/* The agent cluster: everything threads share, under mutex. */
static struct {
  pthread_mutex_t mutex;
  pthread_cond_t cond;        /* any change: a broadcast, a take, an exit, shutdown */
  Agent *agents;
  Report *reports, **reports_tail;
  Flags flags;                /* the main isolate's, for the agents' isolates */
  /* The last broadcast; generation counts them. */
  uint64_t generation;
  SharedMemory *memory;
  uint64_t byte_length, max_byte_length;
  bool growable;
  bool num_is_bigint, num_is_undefined;
  double num;
  int64_t num_bigint;
  bool shutdown;
} hub = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};

/* The agent running on this thread (NULL on the main thread). */
static _Thread_local Agent *current_agent;
/* This agent's receiveBroadcast callback (a global handle of its isolate), or empty. */
static _Thread_local Handle current_callback;
static _Thread_local bool current_leaving;

static Handle agent_undefined(Isolate *iso) { return ROOT_HANDLE(iso, undefined_value); }

/* ---- the agent thread --------------------------------------------------------------- */

/* An agent's uncaught exception goes to stderr, except the termination agents_shutdown
 * asked for (the shell is exiting: nothing to report). */
static void agent_report_failure(Isolate *iso) {
  if (isolate_is_terminating(iso)) isolate_cancel_termination(iso);
  else run_report_exception(iso);
}

/* The SharedArrayBuffer of the current broadcast, in this agent's isolate. */
static Handle agent_take_buffer(Isolate *iso, SharedMemory *memory, uint64_t length,
                                bool growable, uint64_t max) {
  Tagged map = context_get(iso->native_context, NATIVE_CONTEXT_shared_array_buffer_map);
  Handle buffer = js_array_buffer_new_on_shared(iso, handle_new(iso, map), memory, length,
                                                growable, max);
  shared_memory_release(memory);  /* the reference broadcast took for this agent */
  return buffer;
}

/* Waits for the next broadcast and calls the callback with it. false when the agent is
 * done (shutdown) or the callback threw (reported). */
static bool agent_receive_one(Isolate *iso, Agent *self) {
  pthread_mutex_lock(&hub.mutex);
  while (!hub.shutdown && hub.generation == self->seen) {
    pthread_cond_wait(&hub.cond, &hub.mutex);
  }
  if (hub.shutdown) {
    pthread_mutex_unlock(&hub.mutex);
    return false;
  }
  self->seen = hub.generation;
  SharedMemory *memory = hub.memory ? shared_memory_retain(hub.memory) : NULL;
  uint64_t length = hub.byte_length, max = hub.max_byte_length;
  bool growable = hub.growable, is_big = hub.num_is_bigint, is_undef = hub.num_is_undefined;
  double num = hub.num;
  int64_t big = hub.num_bigint;
  pthread_cond_broadcast(&hub.cond);
  pthread_mutex_unlock(&hub.mutex);

  HandleScope scope;
  handle_scope_open(iso, &scope);
  Handle argv[2];
  argv[0] = memory ? agent_take_buffer(iso, memory, length, growable, max) : agent_undefined(iso);
  argv[1] = is_undef ? agent_undefined(iso)
            : is_big ? bigint_from_int64(iso, big)
                     : factory_new_number(iso, num);
  bool ok = !handle_is_null(argv[0]) && !handle_is_null(argv[1]) &&
            !handle_is_null(execution_call(iso, current_callback, agent_undefined(iso), 2, argv)) &&
            execution_run_microtasks(iso) && timers_run_loop(iso, true);
  if (!ok) agent_report_failure(iso);
  handle_scope_close(&scope);
  return ok;
}

static void *agent_main(void *arg) {
  Agent *self = arg;
  current_agent = self;
  current_callback = HANDLE_NULL;
  current_leaving = false;
  run_ignore_unhandled_rejections();
  Isolate *iso = isolate_new(&hub.flags);
  HostOptions opts = {true};
  if (iso != NULL && host_setup(iso, &opts)) {
    pthread_mutex_lock(&hub.mutex);
    self->iso = iso;
    bool stop = hub.shutdown;
    pthread_mutex_unlock(&hub.mutex);
    HandleScope scope;
    handle_scope_open(iso, &scope);
    Handle r = stop ? HANDLE_NULL : run_source(iso, self->source, strlen(self->source), "agent.js");
    bool ok = !handle_is_null(r) && timers_run_loop(iso, true);
    if (!ok && !stop) agent_report_failure(iso);
    handle_scope_close(&scope);
    while (ok && !handle_is_null(current_callback) && !current_leaving) {
      ok = agent_receive_one(iso, self);
    }
    if (!handle_is_null(current_callback)) global_handle_free(iso, current_callback);
  } else if (iso != NULL) {
    run_report_exception(iso);
  }
  pthread_mutex_lock(&hub.mutex);
  self->alive = false;
  self->iso = NULL;
  pthread_cond_broadcast(&hub.cond);
  pthread_mutex_unlock(&hub.mutex);
  isolate_free(iso);
  return NULL;
}

/* ---- $262.agent: the main agent's side ------------------------------------------------- */

/* $262.agent.start(source) */
Handle agent_start(Isolate *iso, BuiltinArgs *args) {
  Handle source = runtime_to_string(iso, builtin_arg(iso, args, 0));
  if (handle_is_null(source)) return source;
  Agent *agent = calloc(1, sizeof *agent);
  if (agent == NULL) return builtins_throw_range_error(iso, "$262.agent.start: out of memory");
  agent->source = console_string_utf8(iso, H(source));
  pthread_mutex_lock(&hub.mutex);
  if (hub.agents == NULL && hub.reports_tail == NULL) hub.reports_tail = &hub.reports;
  hub.flags = iso->flags;
  hub.flags.dump_maps = NULL; /* only the main isolate writes the --dump-maps file */
  agent->seen = hub.generation;
  agent->alive = true;
  agent->next = hub.agents;
  hub.agents = agent;
  int rc = pthread_create(&agent->thread, NULL, agent_main, agent);
  if (rc != 0) hub.agents = agent->next;
  pthread_mutex_unlock(&hub.mutex);
  if (rc != 0) {
    free(agent->source);
    free(agent);
    return builtins_throw_type_error(iso, "$262.agent.start: cannot start a thread");
  }
  return agent_undefined(iso);
}

/* How many live agents have not taken the last broadcast (under the mutex). */
static int agent_untaken(void) {
  int n = 0;
  for (Agent *a = hub.agents; a; a = a->next) n += a->alive && a->seen != hub.generation;
  return n;
}

/* $262.agent.broadcast(sab, num): blocks until every waiting agent has the message. */
Handle agent_broadcast(Isolate *iso, BuiltinArgs *args) {
  Tagged sab = H(builtin_arg(iso, args, 0));
  if (!is_js_array_buffer(sab) || !js_array_buffer_is_shared(sab)) {
    return builtins_throw_type_error(iso, "$262.agent.broadcast: not a SharedArrayBuffer");
  }
  Tagged num = H(builtin_arg(iso, args, 1));
  bool is_big = is_bigint(num), is_undef = is_undefined(iso, num);
  double d = 0;
  if (!is_big && !is_undef && !runtime_to_number_double(iso, builtin_arg(iso, args, 1), &d)) {
    return HANDLE_NULL;
  }
  sab = H(builtin_arg(iso, args, 0));
  pthread_mutex_lock(&hub.mutex);
  /* One broadcast at a time: the previous one is fully taken when broadcast returned. */
  if (hub.memory) shared_memory_release(hub.memory);
  SharedMemory *memory = js_array_buffer_shared_memory(sab);
  hub.memory = memory ? shared_memory_retain(memory) : NULL;
  hub.byte_length = js_array_buffer_byte_length(sab);
  hub.max_byte_length = js_array_buffer_max_byte_length(sab);
  hub.growable = js_array_buffer_is_resizable(sab);
  hub.num_is_bigint = is_big;
  hub.num_is_undefined = is_undef;
  hub.num = d;
  hub.num_bigint = is_big ? bigint_to_int64(num) : 0;
  hub.generation++;
  pthread_cond_broadcast(&hub.cond);
  /* Wait (waking every 20 ms to honour a termination) until no live agent lacks it. */
  while (agent_untaken() > 0 && !hub.shutdown && !isolate_interrupt_requested(iso)) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20 * 1000000L;
    if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
    pthread_cond_timedwait(&hub.cond, &hub.mutex, &ts);
  }
  pthread_mutex_unlock(&hub.mutex);
  if (!isolate_poll_interrupts(iso)) return HANDLE_NULL;
  return agent_undefined(iso);
}

/* $262.agent.getReport(): the oldest report not yet taken, or null. */
Handle agent_get_report(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(args);
  pthread_mutex_lock(&hub.mutex);
  Report *r = hub.reports;
  if (r) {
    hub.reports = r->next;
    if (hub.reports == NULL) hub.reports_tail = &hub.reports;
  }
  pthread_mutex_unlock(&hub.mutex);
  if (r == NULL) return ROOT_HANDLE(iso, null_value);
  Handle s = string_new_utf8(iso, r->text, r->length);
  free(r->text);
  free(r);
  return s;
}

/* ---- $262.agent: an agent's side ------------------------------------------------------- */

/* $262.agent.receiveBroadcast(callback) */
Handle agent_receive_broadcast(Isolate *iso, BuiltinArgs *args) {
  Handle callback = builtin_arg(iso, args, 0);
  if (current_agent == NULL) {
    return builtins_throw_type_error(iso, "$262.agent.receiveBroadcast: only an agent receives");
  }
  if (!runtime_is_callable(H(callback))) {
    return builtins_throw_type_error(iso, "$262.agent.receiveBroadcast: not a function");
  }
  if (!handle_is_null(current_callback)) global_handle_free(iso, current_callback);
  current_callback = global_handle_new(iso, H(callback));
  return agent_undefined(iso);
}

/* $262.agent.report(value) */
Handle agent_report(Isolate *iso, BuiltinArgs *args) {
  Handle s = runtime_to_string(iso, builtin_arg(iso, args, 0));
  if (handle_is_null(s)) return s;
  Report *r = malloc(sizeof *r);
  if (r == NULL) return builtins_throw_range_error(iso, "$262.agent.report: out of memory");
  r->text = console_string_utf8(iso, H(s));
  r->length = strlen(r->text);
  r->next = NULL;
  pthread_mutex_lock(&hub.mutex);
  if (hub.reports_tail == NULL) hub.reports_tail = &hub.reports;
  *hub.reports_tail = r;
  hub.reports_tail = &r->next;
  pthread_mutex_unlock(&hub.mutex);
  return agent_undefined(iso);
}

/* $262.agent.leaving(): the agent stops receiving after the current callback. */
Handle agent_leaving(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(args);
  current_leaving = true;
  return agent_undefined(iso);
}

/* $262.agent.sleep(ms): sleeps, waking early only to honour a termination. */
Handle agent_sleep(Isolate *iso, BuiltinArgs *args) {
  double ms;
  if (!runtime_to_number_double(iso, builtin_arg(iso, args, 0), &ms)) return HANDLE_NULL;
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    if (!isolate_poll_interrupts(iso)) return HANDLE_NULL;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double left = ms - ((double)(now.tv_sec - start.tv_sec) * 1e3 +
                        (double)(now.tv_nsec - start.tv_nsec) / 1e6);
    if (!(left > 0)) break;
    double slice = left < 10 ? left : 10;
    struct timespec ts = {0, (long)(slice * 1e6)};
    nanosleep(&ts, NULL);
  }
  return agent_undefined(iso);
}

/* $262.agent.monotonicNow(): ms on the monotonic clock (shared by all agents). */
Handle agent_monotonic_now(Isolate *iso, BuiltinArgs *args) {
  KILN_UNUSED(args);
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return factory_new_number(iso, (double)ts.tv_sec * 1000 + (double)(ts.tv_nsec / 1000000));
}

/* ---- exit ---------------------------------------------------------------------------- */

void agents_shutdown(void) {
  pthread_mutex_lock(&hub.mutex);
  hub.shutdown = true;
  for (Agent *a = hub.agents; a; a = a->next) {
    if (a->iso) isolate_request_termination(a->iso);
  }
  pthread_cond_broadcast(&hub.cond);
  Agent *agents = hub.agents;
  hub.agents = NULL;
  pthread_mutex_unlock(&hub.mutex);
  while (agents) {
    Agent *next = agents->next;
    pthread_join(agents->thread, NULL);
    free(agents->source);
    free(agents);
    agents = next;
  }
  pthread_mutex_lock(&hub.mutex);
  for (Report *r = hub.reports, *next; r; r = next) {
    next = r->next;
    free(r->text);
    free(r);
  }
  hub.reports = NULL;
  hub.reports_tail = &hub.reports;
  if (hub.memory) shared_memory_release(hub.memory);
  hub.memory = NULL;
  pthread_mutex_unlock(&hub.mutex);
}
