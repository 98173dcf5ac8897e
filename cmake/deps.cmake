# deps.cmake: find the libraries Kiln builds on; stop with the Debian package to install.
find_package(PkgConfig QUIET)

function(kiln_require_header header package)
  find_path(_kiln_found_${package} ${header})
  if(NOT _kiln_found_${package})
    message(FATAL_ERROR "Kiln needs ${header}: install the Debian package ${package} "
                        "(apt-get install ${package})")
  endif()
endfunction()

kiln_require_header(unicode/uchar.h libicu-dev)
kiln_require_header(gmp.h libgmp-dev)
kiln_require_header(readline/readline.h libreadline-dev)

find_library(KILN_ICUUC icuuc)
find_library(KILN_ICUI18N icui18n)
find_library(KILN_GMP gmp)
find_library(KILN_READLINE readline)
foreach(lib KILN_ICUUC KILN_ICUI18N KILN_GMP KILN_READLINE)
  if(NOT ${lib})
    message(FATAL_ERROR "Kiln could not find the library for ${lib}: install libicu-dev, "
                        "libgmp-dev and libreadline-dev")
  endif()
endforeach()

set(KILN_DEP_LIBS ${KILN_ICUUC} ${KILN_ICUI18N} ${KILN_GMP})
set(KILN_READLINE_LIBS ${KILN_READLINE})

# Threads: Atomics.wait's waiter list and the shell's watchdog and $262.agent threads.
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
list(APPEND KILN_DEP_LIBS Threads::Threads)
