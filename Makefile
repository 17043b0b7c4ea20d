# Thin wrapper over CMake. `make demo` and `make test` work on a fresh
# Debian 12 machine: `deps` installs whatever Debian packages are missing.
BUILD ?= build
JOBS  ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps build test asan fuzz demo bench eval clean webui

all: build

deps:
	@sh tools/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DIDT_SANITIZE=ON -DIDT_WERROR=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ctest --output-on-failure -j $(JOBS)

fuzz: deps
	@CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DIDT_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

demo: build
	@sh tools/demo.sh $(BUILD)/interdict

bench: build
	@sh bench/run.sh $(BUILD)

# Rebuild the web UI's committed web/dist (needs node and npm; see web/README.md).
webui:
	@cd web && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(BUILD) build-asan build-fuzz
