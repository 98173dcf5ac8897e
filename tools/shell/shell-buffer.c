/*
 * shell-buffer.c: the growable text buffer the shell formats into. Out of memory is fatal:
 * the shell has no way left to report anything.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

void buffer_init(Buffer *b) { *b = (Buffer){NULL, 0, 0}; }

void buffer_free(Buffer *b) {
  free(b->data);
  buffer_init(b);
}

static void buffer_reserve(Buffer *b, size_t extra) {
  if (b->length + extra + 1 <= b->capacity) return;
  size_t cap = b->capacity ? b->capacity : 64;
  while (cap < b->length + extra + 1) cap *= 2;
  char *data = realloc(b->data, cap);
  if (data == NULL) FATAL("kiln: out of memory (%zu bytes of output)", cap);
  b->data = data;
  b->capacity = cap;
}

void buffer_append(Buffer *b, const char *s, size_t n) {
  buffer_reserve(b, n);
  memcpy(b->data + b->length, s, n);
  b->length += n;
  b->data[b->length] = '\0';
}

void buffer_puts(Buffer *b, const char *s) { buffer_append(b, s, strlen(s)); }
void buffer_putc(Buffer *b, char c) { buffer_append(b, &c, 1); }

void buffer_repeat(Buffer *b, char c, int n) {
  if (n <= 0) return;
  buffer_reserve(b, (size_t)n);
  memset(b->data + b->length, c, (size_t)n);
  b->length += (size_t)n;
  b->data[b->length] = '\0';
}

void buffer_printf(Buffer *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n > 0) {
    buffer_reserve(b, (size_t)n);
    vsnprintf(b->data + b->length, (size_t)n + 1, fmt, again);
    b->length += (size_t)n;
  }
  va_end(again);
}

char *buffer_take(Buffer *b) {
  if (b->data == NULL) buffer_reserve(b, 0), b->data[0] = '\0';
  char *s = b->data;
  buffer_init(b);
  return s;
}

size_t buffer_text_width(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xc0) != 0x80;
  return n;
}
