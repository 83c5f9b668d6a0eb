# Top-level driver for drbd-usermode. CMake does the real work; see README.md.
#   make            build into build/
#   make check      install missing deps, build, run every test (unit, valgrind, TSan, integration)
#   make check-asan / check-tsan   the test suite in a sanitizer build
#   make demo       two-node demo (issue 7)
#   make bench      benchmarks (bench/)
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build check check-unit check-valgrind check-asan check-tsan demo bench install clean

all: build

deps:
	@tools/install-deps

build/CMakeCache.txt:
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: build/CMakeCache.txt
	cmake --build build -j$(JOBS)

check: deps
	@$(MAKE) --no-print-directory build
	cd build && ctest --output-on-failure -j$(JOBS) -LE 'valgrind|slow'
	cd build && ctest --output-on-failure -j$(JOBS) -L valgrind
	@$(MAKE) --no-print-directory check-tsan

check-unit: build
	cd build && ctest --output-on-failure -j$(JOBS) -L unit

check-valgrind: build
	cd build && ctest --output-on-failure -j$(JOBS) -L valgrind

build-asan/CMakeCache.txt:
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDRBDUM_SANITIZE=address $(CMAKE_FLAGS)

check-asan: deps build-asan/CMakeCache.txt
	cmake --build build-asan -j$(JOBS)
	cd build-asan && ctest --output-on-failure -j$(JOBS) -LE 'valgrind|slow'

build-tsan/CMakeCache.txt:
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DDRBDUM_SANITIZE=thread $(CMAKE_FLAGS)

check-tsan: deps build-tsan/CMakeCache.txt
	cmake --build build-tsan -j$(JOBS)
	cd build-tsan && ctest --output-on-failure -j$(JOBS) -L unit

demo: deps
	@$(MAKE) --no-print-directory build
	@tools/demo.sh build/bin

bench: deps build
	@if [ -x bench/run ]; then bench/run; else \
	  echo "make bench: the benchmark suite arrives with issue 9; only micro-benchmarks exist (build/bin/bench-*)." >&2; exit 2; fi

install: build
	cmake --install build --prefix $(or $(PREFIX),/usr/local)

clean:
	rm -rf build build-asan build-tsan
