/* class.c: a JavaScript class backed by a C struct: a constructor (function template), an
 * internal field holding the C pointer (an external), accessors and a prototype method.
 * A weak persistent frees the struct once the object is garbage. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kiln.h"

typedef struct {
  double x, y;
  kiln_persistent *self;  /* weak: tells us when the JS object dies */
} Point;
static int points_freed;

static Point *unwrap(kiln_value self) {
  if (kiln_object_internal_field_count(self) < 1) return NULL;
  return kiln_external_value(kiln_object_get_internal_field(self, 0));
}

/* The weak callback: the object died. Free the handle record and the struct (a weak
 * callback may free C memory and persistents, nothing else). */
static void point_free(void *data) {
  Point *p = data;
  kiln_persistent_free(p->self);
  free(p);
  points_freed++;
}

/* new Point(x, y) */
static void point_new(kiln_callback_info *info) {
  kiln_isolate *iso = kiln_callback_isolate(info);
  kiln_context ctx = kiln_callback_context(info);
  if (!kiln_callback_is_construct_call(info)) {
    kiln_throw(iso, kiln_error_new(iso, KILN_TYPE_ERROR, "Point must be called with new"));
    return;
  }
  Point *p = malloc(sizeof *p);
  p->x = kiln_to_number(ctx, kiln_callback_arg(info, 0));
  p->y = kiln_to_number(ctx, kiln_callback_arg(info, 1));
  kiln_value self = kiln_callback_this(info);
  kiln_object_set_internal_field(self, 0, kiln_external_new(iso, p));
  p->self = kiln_persistent_new(iso, self);
  kiln_persistent_set_weak(p->self, point_free, p);
}

static void get_coord(kiln_value self, kiln_value name, kiln_callback_info *info) {
  Point *p = unwrap(self);
  if (p == NULL) return;
  kiln_context ctx = kiln_callback_context(info);
  char *n = kiln_to_utf8(ctx, name, NULL);
  double v = n[0] == 'x' ? p->x : p->y;
  kiln_free(kiln_callback_isolate(info), n);
  kiln_callback_return(info, kiln_number_new(kiln_callback_isolate(info), v));
}

static void set_coord(kiln_value self, kiln_value name, kiln_value value, kiln_callback_info *info) {
  Point *p = unwrap(self);
  if (p == NULL) return;
  kiln_context ctx = kiln_callback_context(info);
  char *n = kiln_to_utf8(ctx, name, NULL);
  *(n[0] == 'x' ? &p->x : &p->y) = kiln_to_number(ctx, value);
  kiln_free(kiln_callback_isolate(info), n);
}

/* point.length(): distance from the origin */
static void point_length(kiln_callback_info *info) {
  Point *p = unwrap(kiln_callback_this(info));
  kiln_isolate *iso = kiln_callback_isolate(info);
  if (p == NULL) {
    kiln_throw(iso, kiln_error_new(iso, KILN_TYPE_ERROR, "not a Point"));
    return;
  }
  kiln_callback_return(info, kiln_number_new(iso, hypot(p->x, p->y)));
}

int main(void) {
  kiln_isolate *iso = kiln_isolate_new(NULL);
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);

  kiln_template point = kiln_function_template_new(iso, point_new, NULL);
  kiln_function_template_set_class_name(point, kiln_string_new_utf8(iso, "Point", -1));
  kiln_template instance = kiln_function_template_instance_template(point);
  kiln_object_template_set_internal_field_count(instance, 1);
  kiln_object_template_set_accessor(instance, kiln_string_new_utf8(iso, "x", -1), get_coord, set_coord);
  kiln_object_template_set_accessor(instance, kiln_string_new_utf8(iso, "y", -1), get_coord, set_coord);
  kiln_template_set_method(kiln_function_template_prototype_template(point),
                           kiln_string_new_utf8(iso, "length", -1),
                           kiln_function_template_new(iso, point_length, NULL));
  kiln_object_set_named(ctx, kiln_context_global(ctx), "Point", kiln_template_get_function(ctx, point));

  kiln_value r = kiln_eval(ctx,
                           "let p = new Point(3, 4);"
                           "p.x = 6; p.y = 8;"
                           "`${p instanceof Point} ${p.x},${p.y} length ${p.length()}`",
                           -1, "class.js");
  char *s = kiln_to_utf8(ctx, r, NULL);
  printf("%s\n", s);
  kiln_free(iso, s);

  kiln_eval(ctx, "for (let i = 0; i < 1000; i++) new Point(i, i); p = undefined; 'done'", -1, "garbage.js");
  kiln_collect_garbage(iso);
  printf("freed %s\n", points_freed == 1001 ? "all 1001 points" : "too few points");

  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
  return points_freed == 1001 ? 0 : 1;
}
