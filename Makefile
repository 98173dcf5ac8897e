# Kiln: the two commands are `make run` and `make test` (see README.md).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
WERROR ?= OFF
CMAKE_COMMON = -DKILN_WERROR=$(WERROR)

.PHONY: all run test asan stress clean check-deps install test262 test262-dir

all: check-deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=Release $(CMAKE_COMMON) > build.log 2>&1 || { cat build.log; exit 1; }
	@cmake --build build -j$(JOBS) >> build.log 2>&1 || { grep -E 'error|warning' -A5 build.log | head -60; echo "build failed: see build.log"; exit 1; }
	@echo "built build/kiln, build/libkiln.a, build/libkiln.so"

# The demo: the C tour of the object model, the JavaScript tour (docs/shell.md), then seed
# 001's walk through the heap with %DebugPrint (docs/tour-of-the-heap.md).
run: all
	./build/kiln-tour
	./build/kiln examples/tour.js
	./build/kiln --allow-natives-syntax examples/tour-natives.js

# Every test: unit tests, examples and the Node add-on. Last line: "N passed, N failed".
test: all
	@tests/run.sh build --with-node

# AddressSanitizer + UndefinedBehaviorSanitizer, with DCHECKs on.
asan: check-deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKILN_SANITIZE=ON \
	  -DKILN_DEBUG_CHECKS=ON $(CMAKE_COMMON) > build-asan.log 2>&1 || { cat build-asan.log; exit 1; }
	@cmake --build build-asan -j$(JOBS) >> build-asan.log 2>&1 || { grep -E 'error|warning' -A5 build-asan.log | head -60; echo "build failed: see build-asan.log"; exit 1; }
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  tests/run.sh build-asan
	@echo "fuzzing the RegExp engine for 2 minutes (tests/fuzz/run.sh)"
	@FUZZ_OUT=build-fuzz tests/fuzz/run.sh 120 > build-fuzz.log 2>&1 || { tail -40 build-fuzz.log; exit 1; }

# The tests again with a GC before every allocation, heap verification and zapping.
# A collection before every allocation makes JS tests ~50x slower: a hang still fails, later.
stress: all
	@KILN_JS_TIMEOUT=300 tests/run.sh build --gc-interval=1 --verify-heap --zap

# test262 conformance (docs/test262.md): make test262 TEST262_DIR=vendor/test262 [TEST262_ARGS="..."]
test262: test262-dir all
	@python3 tools/test262/run.py --test262-dir "$(TEST262_DIR)" $(TEST262_ARGS)

test262-dir:
	@if [ -z "$(TEST262_DIR)" ]; then \
	  echo "make test262: set TEST262_DIR to a test262 checkout, e.g." \
	    "git clone --depth 1 https://github.com/tc39/test262 vendor/test262 &&" \
	    "make test262 TEST262_DIR=vendor/test262 (docs/test262.md)"; exit 2; fi

check-deps:
	@tools/check-deps.sh

install: all
	cmake --install build --prefix $(or $(PREFIX),/usr/local)

clean:
	rm -rf build build-asan build-dbg build-fuzz build.log build-asan.log build-fuzz.log
