# FUSE baselines (issue 6): bench-fuse-noop, the no-op FUSE file server with the front end's
# options and request loop; bench/run-standalone.sh runs fio on it beside the raw backing
# file and a drbd-usermode device file.
if(TARGET fuse_loop)
  add_executable(bench-fuse-noop ${CMAKE_CURRENT_SOURCE_DIR}/fuse_noop.c)
  drbdum_host_target(bench-fuse-noop)
  target_link_libraries(bench-fuse-noop PRIVATE fuse_loop)
endif()
