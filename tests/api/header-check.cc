// header-check.cc: kiln.h compiles as C++ (extern "C", no C-only syntax) and links.
#include "kiln.h"

#include <cstdio>
#include <cstring>

static void cpp_callback(kiln_callback_info *info) {
  kiln_callback_return(info, kiln_int32_new(kiln_callback_isolate(info), 7));
}

int main() {
  kiln_isolate *iso = kiln_isolate_new(nullptr);
  if (iso == nullptr) return 1;
  kiln_handle_scope scope;
  kiln_handle_scope_open(iso, &scope);
  kiln_context ctx = kiln_context_new(iso);
  kiln_template ft = kiln_function_template_new(iso, cpp_callback, nullptr);
  kiln_object_set_named(ctx, kiln_context_global(ctx), "seven", kiln_template_get_function(ctx, ft));
  kiln_value v = kiln_eval(ctx, "seven() * 6", -1, "cxx.js");
  int ok = kiln_int32_value(v) == 42 && std::strcmp(kiln_version(), KILN_VERSION_STRING) == 0;
  kiln_handle_scope_close(&scope);
  kiln_isolate_free(iso);
  std::printf("%s\n", ok ? "C++ ok" : "C++ FAILED");
  return ok ? 0 : 1;
}
