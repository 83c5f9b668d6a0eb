# mte: the Linux/POSIX provider of struct sys_service_ops (included from mte/CMakeLists.txt).
# Host world: libc, liburcu-memb, libaio, pthreads.
add_library(mte STATIC
  ${CMAKE_CURRENT_LIST_DIR}/mte_init.c
  ${CMAKE_CURRENT_LIST_DIR}/memory.c
  ${CMAKE_CURRENT_LIST_DIR}/log.c
  ${CMAKE_CURRENT_LIST_DIR}/thread.c
  ${CMAKE_CURRENT_LIST_DIR}/futex_time.c
  ${CMAKE_CURRENT_LIST_DIR}/fd_wait.c
  ${CMAKE_CURRENT_LIST_DIR}/rcu.c
  ${CMAKE_CURRENT_LIST_DIR}/event_loop.c
  ${CMAKE_CURRENT_LIST_DIR}/timer.c
  ${CMAKE_CURRENT_LIST_DIR}/bdev.c
  ${CMAKE_CURRENT_LIST_DIR}/bdev_aio.c
  ${CMAKE_CURRENT_LIST_DIR}/bdev_pool.c
  ${CMAKE_CURRENT_LIST_DIR}/socket.c
  ${CMAKE_CURRENT_LIST_DIR}/proc.c
  ${CMAKE_CURRENT_LIST_DIR}/fs_util.c
)
target_include_directories(mte PUBLIC ${CMAKE_CURRENT_LIST_DIR}/../include)
drbdum_host_target(mte)
target_compile_definitions(mte PRIVATE _GNU_SOURCE)
target_link_libraries(mte PUBLIC sysservice PkgConfig::URCU ${LIBAIO} Threads::Threads)
