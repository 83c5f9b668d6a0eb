# bench-mte: micro-benchmark of the mte provider (timer latency, task hand-off, futex wake,
# 4 KiB aio round trips). Not a test: run build/bin/bench-mte by hand or from `make bench`.
if(TARGET mte)
  add_executable(bench-mte ${CMAKE_CURRENT_LIST_DIR}/mte_bench.c)
  target_link_libraries(bench-mte PRIVATE mte)
  drbdum_host_target(bench-mte)
  target_compile_definitions(bench-mte PRIVATE _GNU_SOURCE)
endif()
