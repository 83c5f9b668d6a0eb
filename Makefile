# Top-level driver for drbd-usermode. CMake does the real work; see README.md.
#   make            build into build/
#   make check      install missing deps, build, run every test: unit + integration (plain
#                   build), valgrind, 60 s of fuzzing, then check-asan and check-tsan
#   make check-asan / check-tsan   unit + integration tests in an ASan+UBSan / TSan build
#   make fuzz       libFuzzer on the control socket for FUZZ_SECONDS (default 300; clang build
#                   in build-fuzz/, tests/fuzz/); `make check` runs 60 s of it
#   make demo       two-node demo (issue 7)
#   make bench      benchmarks (bench/)
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

FUZZ_SECONDS ?= 300
FUZZ_SEEDS = tests/fuzz/corpus/control tests/fuzz/corpus/control-valid

.PHONY: all deps build check check-unit check-valgrind check-asan check-tsan fuzz fuzz-build demo bench install clean

all: build

deps:
	@tools/install-deps

build/CMakeCache.txt:
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: build/CMakeCache.txt
	cmake --build build -j$(JOBS)

check: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory fuzz-build
	cd build && ctest --output-on-failure -j$(JOBS) -LE 'valgrind|slow'
	@tools/ctest-skip-report build
	cd build && ctest --output-on-failure -j$(JOBS) -L valgrind
	@tools/ctest-skip-report build
	@$(MAKE) --no-print-directory check-asan
	@$(MAKE) --no-print-directory check-tsan

check-unit: build
	cd build && ctest --output-on-failure -j$(JOBS) -L unit

check-valgrind: build
	cd build && ctest --output-on-failure -j$(JOBS) -L valgrind

build-asan/CMakeCache.txt:
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDRBDUM_SANITIZE=address $(CMAKE_FLAGS)

# Sanitizer builds run the unit tests and the integration tests (daemons on loopback: two
# nodes, faults, control plane, FUSE); a finding in a daemon's log fails its test
# (tests/integration/sanitizer_scan.sh). Interop (kernel DRBD in UML) runs in the plain build.
SAN_CTEST = ctest --output-on-failure -j$(JOBS) -LE 'valgrind|slow|fuzz|interop'

check-asan: deps build-asan/CMakeCache.txt
	cmake --build build-asan -j$(JOBS)
	cd build-asan && $(SAN_CTEST)
	@tools/ctest-skip-report build-asan

build-tsan/CMakeCache.txt:
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DDRBDUM_SANITIZE=thread $(CMAKE_FLAGS)

check-tsan: deps build-tsan/CMakeCache.txt
	cmake --build build-tsan -j$(JOBS)
	cd build-tsan && $(SAN_CTEST)
	@tools/ctest-skip-report build-tsan

# The fuzz harness: a clang build of DRBD+umc+mte with libFuzzer/ASan/UBSan (about a minute on
# 2 cores); the ctest "fuzz_control" (label fuzz) of every build dir runs it for 60 s.
build-fuzz/CMakeCache.txt:
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRBDUM_FUZZ=ON $(CMAKE_FLAGS)

fuzz-build: deps build-fuzz/CMakeCache.txt
	cmake --build build-fuzz -j$(JOBS) --target fuzz_control

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/fuzz/run_fuzz.sh build-fuzz/bin/fuzz_control $(FUZZ_SEEDS)

demo: deps
	@$(MAKE) --no-print-directory build
	@tools/demo.sh build/bin

bench: deps build
	@if [ -x bench/run ]; then bench/run; else \
	  echo "make bench: the benchmark suite arrives with issue 9; only micro-benchmarks exist (build/bin/bench-*)." >&2; exit 2; fi

install: build
	cmake --install build --prefix $(or $(PREFIX),/usr/local)

clean:
	rm -rf build build-asan build-tsan build-fuzz
