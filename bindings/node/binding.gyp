{
  "targets": [
    {
      "target_name": "type_pointer",
      "sources": ["src/type_pointer.c"],
      "cflags_c": ["-std=c11", "-Wall", "-Wextra"],
      "xcode_settings": {
        "OTHER_CFLAGS": ["-std=c11", "-Wall", "-Wextra"]
      }
    }
  ]
}
