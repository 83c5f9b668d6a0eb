# bench-tcp-loop: loopback TCP bandwidth and round trip, the network baseline of bench/run.
add_executable(bench-tcp-loop ${CMAKE_CURRENT_LIST_DIR}/tcp_loop.c)
drbdum_host_target(bench-tcp-loop)
find_package(Threads REQUIRED)
target_link_libraries(bench-tcp-loop PRIVATE Threads::Threads)
