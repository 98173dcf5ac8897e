/*
 * test-threads.c: isolates share no mutable state. Four isolates on four threads run JS at
 * the same time (objects, strings, regexps with case folding, JSON, Dates, Maps, promises,
 * with frequent forced GCs) and each gets the result a lone isolate gets.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "execution/bootstrapper.h"
#include "execution/execution.h"
#include "objects/string.h"
#include "test.h"

enum { kThreads = 4 };

/* Every thread runs this; the result depends only on the thread's seed. */
static const char kWorkload[] =
    "var seed = SEED, out = [];\n"
    "function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; }\n"
    "for (var round = 0; round < ROUNDS; round++) {\n"
    "  var objs = [];\n"
    "  for (var i = 0; i < 200; i++) objs.push({k: 'key' + rnd() % 97, v: i, a: [i, i * 2]});\n"
    "  objs.sort(function (x, y) { return x.k < y.k ? -1 : x.k > y.k ? 1 : x.v - y.v; });\n"
    "  var text = JSON.stringify(objs.slice(0, 20));\n"
    "  var back = JSON.parse(text);\n"
    "  var m = new Map();\n"
    "  for (var o of objs) m.set(o.k, (m.get(o.k) || 0) + o.v);\n"
    "  var words = text.match(/KEY\\d+/gi).length;\n"
    "  var d = new Date(Date.UTC(2020, rnd() % 12, 1 + rnd() % 28)).toISOString();\n"
    "  var sym = Symbol('s' + round), holder = {}; holder[sym] = round;\n"
    "  out.push(m.size + ':' + words + ':' + back.length + ':' + d.slice(0, 10) +\n"
    "           ':' + holder[sym] + ':' + 'abc'.toUpperCase().repeat(2));\n"
    "}\n"
    "var settled = 0;\n"
    "Promise.all([1, 2, 3].map(function (x) { return Promise.resolve(x * seed % 1000); }))\n"
    "  .then(function (v) { settled = v.reduce(function (a, b) { return a + b; }, 0); });\n"
    "out.join('|')";

typedef struct {
  int seed;
  int rounds;
  char *result;   /* malloc'd: the completion value, then ";settled" */
  bool ok;
} Job;

static void *thread_main(void *arg) {
  Job *job = arg;
  Flags flags = *test_flags();
  /* Frequent GCs in every thread; under --gc-interval=1 (stress) not quite every
   * allocation, or eight bootstraps take minutes. */
  flags.gc_interval = flags.gc_interval == 0 ? 211 : flags.gc_interval < 37 ? 37 : flags.gc_interval;
  Isolate *iso = isolate_new(&flags);
  if (iso == NULL) return NULL;
  if (bootstrapper_init_isolate(iso)) {
    HandleScope scope;
    handle_scope_open(iso, &scope);
    char source[sizeof kWorkload + 64];
    char *p = source;
    const char *seed = strstr(kWorkload, "SEED"), *rounds = strstr(kWorkload, "ROUNDS");
    p += sprintf(p, "%.*s%d", (int)(seed - kWorkload), kWorkload, job->seed);
    p += sprintf(p, "%.*s%d", (int)(rounds - seed - 4), seed + 4, job->rounds);
    strcpy(p, rounds + 6);
    Handle r = execution_run_script(iso, source, strlen(source), "thread.js");
    heap_collect_full(&iso->heap);
    bool jobs = !handle_is_null(r) && execution_run_microtasks(iso);
    Handle settled = jobs ? execution_run_script(iso, "settled", 7, "settled.js") : HANDLE_NULL;
    if (!handle_is_null(settled) && is_string(H(r)) && is_smi(H(settled))) {
      size_t n;
      char *text = string_to_utf8(iso, H(r), &n);
      if (text) {
        job->result = malloc(n + 32);
        if (job->result) {
          snprintf(job->result, n + 32, "%s;%d", text, (int)smi_value(H(settled)));
          job->ok = true;
        }
        free(text);
      }
    }
    handle_scope_close(&scope);
  }
  isolate_free(iso);
  return NULL;
}

TEST(threads, four_isolates_run_js_concurrently) {
  int rounds = test_scale(30);
  /* The expected results: each workload alone on one thread, one after another. */
  Job alone[kThreads], together[kThreads];
  for (int i = 0; i < kThreads; i++) {
    alone[i] = (Job){1000 + i, rounds, NULL, false};
    together[i] = alone[i];
    pthread_t t;
    EXPECT(pthread_create(&t, NULL, thread_main, &alone[i]) == 0);
    pthread_join(t, NULL);
    EXPECT(alone[i].ok);
  }
  pthread_t threads[kThreads];
  for (int i = 0; i < kThreads; i++) {
    EXPECT(pthread_create(&threads[i], NULL, thread_main, &together[i]) == 0);
  }
  for (int i = 0; i < kThreads; i++) pthread_join(threads[i], NULL);
  bool all_ok = true;
  for (int i = 0; i < kThreads; i++) {
    all_ok = all_ok && together[i].ok && strcmp(alone[i].result, together[i].result) == 0;
  }
  /* Different seeds give different results: the comparison can tell threads apart. */
  bool distinct = alone[0].result && alone[1].result && strcmp(alone[0].result, alone[1].result) != 0;
  for (int i = 0; i < kThreads; i++) {
    free(alone[i].result);
    free(together[i].result);
  }
  EXPECT(all_ok);
  EXPECT(distinct);
}
