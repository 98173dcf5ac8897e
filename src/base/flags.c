/* flags.c: parsing and help for FLAG_LIST. */
#include "base/flags.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void flags_init_defaults(Flags *flags) {
#define V(type, name, def, help) flags->name = def;
  FLAG_LIST(V)
#undef V
}

/* Compares a command-line name (dashes) with a C flag name (underscores). */
static bool flags_name_equals(const char *arg, size_t len, const char *name) {
  if (strlen(name) != len) return false;
  for (size_t i = 0; i < len; i++) {
    char c = arg[i] == '-' ? '_' : arg[i];
    if (c != name[i]) return false;
  }
  return true;
}

static bool flags_set_bool(bool *out, bool negated, const char *value, char *err, size_t n) {
  if (value == NULL) { *out = !negated; return true; }
  if (!negated && (!strcmp(value, "true") || !strcmp(value, "1"))) { *out = true; return true; }
  if (!negated && (!strcmp(value, "false") || !strcmp(value, "0"))) { *out = false; return true; }
  snprintf(err, n, "bad boolean value '%s'", value);
  return false;
}

static bool flags_set_int(int64_t *out, bool negated, const char *value, char *err, size_t n) {
  if (negated || value == NULL) { snprintf(err, n, "the flag needs =N"); return false; }
  char *end;
  errno = 0;
  long long v = strtoll(value, &end, 10);
  if (errno || *end || end == value || v < 0) {
    snprintf(err, n, "bad number '%s'", value);
    return false;
  }
  *out = v;
  return true;
}

static bool flags_set_string(const char **out, bool negated, const char *value, char *err,
                             size_t n) {
  if (negated) { *out = NULL; return true; }
  if (value == NULL || *value == '\0') { snprintf(err, n, "the flag needs =FILE"); return false; }
  *out = value;
  return true;
}

#define FLAG_SETTER_BOOL flags_set_bool
#define FLAG_SETTER_INT flags_set_int
#define FLAG_SETTER_STRING flags_set_string

bool flags_parse_one(Flags *flags, const char *arg, char *err, size_t errlen) {
  if (strncmp(arg, "--", 2) != 0) { snprintf(err, errlen, "not a flag: %s", arg); return false; }
  const char *name = arg + 2;
  bool negated = strncmp(name, "no-", 3) == 0 && strchr(name, '=') == NULL;
  if (negated) name += 3;
  const char *eq = strchr(name, '=');
  size_t len = eq ? (size_t)(eq - name) : strlen(name);
  const char *value = eq ? eq + 1 : NULL;
#define V(type, fname, def, help)                                           \
  if (flags_name_equals(name, len, #fname))                                 \
    return FLAG_SETTER_##type(&flags->fname, negated, value, err, errlen);
  FLAG_LIST(V)
#undef V
  snprintf(err, errlen, "unknown flag: %s", arg);
  return false;
}

static void flags_print_name(FILE *f, const char *name) {
  fputs("  --", f);
  for (const char *p = name; *p; p++) fputc(*p == '_' ? '-' : *p, f);
}

void flags_print_help(void *file) {
  FILE *f = file;
#define V(type, fname, def, help)                                        \
  flags_print_name(f, #fname);                                           \
  fprintf(f, "%s\n      %s (default: %s)\n",                        \
          #type[0] == 'I' ? "=N" : #type[0] == 'S' ? "=FILE" : "", help, #def);
  FLAG_LIST(V)
#undef V
}
