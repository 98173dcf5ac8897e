/*
 * shell-watchdog.c: --timeout=MS. A thread that waits MS milliseconds on the monotonic
 * clock and then asks the isolate to terminate (isolate_request_termination, safe from any
 * thread); stopping it early wakes it through a condition variable and joins it.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "shell.h"

struct Watchdog {
  Isolate *iso;
  struct timespec deadline;   /* CLOCK_MONOTONIC */
  pthread_mutex_t mutex;
  pthread_cond_t cond;        /* signalled by watchdog_stop */
  bool stopping;              /* under mutex */
  atomic_bool fired;
  pthread_t thread;
};

static void *watchdog_main(void *arg) {
  Watchdog *w = arg;
  pthread_mutex_lock(&w->mutex);
  int rc = 0;
  while (!w->stopping && rc != ETIMEDOUT) {
    rc = pthread_cond_timedwait(&w->cond, &w->mutex, &w->deadline);
  }
  bool fire = !w->stopping;
  pthread_mutex_unlock(&w->mutex);
  if (fire) {
    atomic_store(&w->fired, true);
    isolate_request_termination(w->iso);
  }
  return NULL;
}

Watchdog *watchdog_start(Isolate *iso, long ms) {
  Watchdog *w = calloc(1, sizeof *w);
  if (w == NULL) return NULL;
  w->iso = iso;
  clock_gettime(CLOCK_MONOTONIC, &w->deadline);
  w->deadline.tv_sec += ms / 1000;
  w->deadline.tv_nsec += (ms % 1000) * 1000000L;
  if (w->deadline.tv_nsec >= 1000000000L) {
    w->deadline.tv_sec++;
    w->deadline.tv_nsec -= 1000000000L;
  }
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&w->cond, &attr);
  pthread_condattr_destroy(&attr);
  pthread_mutex_init(&w->mutex, NULL);
  if (pthread_create(&w->thread, NULL, watchdog_main, w) != 0) {
    pthread_cond_destroy(&w->cond);
    pthread_mutex_destroy(&w->mutex);
    free(w);
    return NULL;
  }
  return w;
}

bool watchdog_stop(Watchdog *w) {
  if (w == NULL) return false;
  pthread_mutex_lock(&w->mutex);
  w->stopping = true;
  pthread_cond_signal(&w->cond);
  pthread_mutex_unlock(&w->mutex);
  pthread_join(w->thread, NULL);
  bool fired = atomic_load(&w->fired);
  pthread_cond_destroy(&w->cond);
  pthread_mutex_destroy(&w->mutex);
  free(w);
  return fired;
}
