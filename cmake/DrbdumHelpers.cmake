# Helpers shared by all CMakeLists.

# drbdum_host_target(tgt): our own code compiled against libc ("host world": mte/, tools/,
# fuse-frontend/, tests of mte).
function(drbdum_host_target tgt)
  target_compile_options(${tgt} PRIVATE ${DRBDUM_WARNINGS})
endfunction()

# drbdum_kernel_flags(tgt): a target compiled in the "kernel world": no libc headers, only
# umc/include (plus mte/include for sys_service.h), as the kernel builds with -nostdinc.
# Used by umc/src, the extracted DRBD files and the umc unit tests.
set(DRBDUM_KERNEL_INCLUDES ${CMAKE_SOURCE_DIR}/umc/include ${CMAKE_SOURCE_DIR}/mte/include)
set(DRBDUM_KERNEL_FLAGS -nostdinc -D__KERNEL__ -fno-strict-aliasing -fno-common
    -include ${CMAKE_SOURCE_DIR}/umc/include/linux/kconfig.h)
function(drbdum_kernel_flags tgt)
  target_include_directories(${tgt} BEFORE PRIVATE ${DRBDUM_KERNEL_INCLUDES})
  target_compile_options(${tgt} PRIVATE ${DRBDUM_KERNEL_FLAGS})
endfunction()

# drbdum_add_unit_test(NAME name SOURCES ... LIBS ... [KERNEL]): a cmocka test, labelled "unit",
# plus the same binary under valgrind labelled "valgrind" (default build only).
function(drbdum_add_unit_test)
  cmake_parse_arguments(T "KERNEL" "NAME;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} PkgConfig::CMOCKA)
  if(T_KERNEL)
    # Kernel-API tests include cmocka's libc headers first, then umc headers: no -nostdinc.
    target_include_directories(${T_NAME} BEFORE PRIVATE ${DRBDUM_KERNEL_INCLUDES})
    target_compile_options(${T_NAME} PRIVATE -D__KERNEL__ -DUMC_HOSTED_TEST
        -include ${CMAKE_SOURCE_DIR}/umc/include/linux/kconfig.h ${DRBDUM_WARNINGS})
  else()
    drbdum_host_target(${T_NAME})
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES LABELS unit TIMEOUT ${T_TIMEOUT}
                       ENVIRONMENT "${DRBDUM_SANITIZER_ENV}")
  if(VALGRIND AND DRBDUM_SANITIZE STREQUAL "")
    add_test(NAME ${T_NAME}.valgrind COMMAND ${VALGRIND} ${DRBDUM_VALGRIND_ARGS} $<TARGET_FILE:${T_NAME}>)
    math(EXPR vt "${T_TIMEOUT} * 4")
    set_tests_properties(${T_NAME}.valgrind PROPERTIES LABELS valgrind TIMEOUT ${vt}
                         ENVIRONMENT "DRBDUM_UNDER_VALGRIND=1")
  endif()
endfunction()

# drbdum_link_drbd(tgt): link the extracted DRBD objects, the kernel library objects it
# selects (lru_cache, rbtree), umc and the mte provider into an executable.
function(drbdum_link_drbd tgt)
  target_sources(${tgt} PRIVATE $<TARGET_OBJECTS:drbd_objs> $<TARGET_OBJECTS:drbd_lib_objs>)
  target_link_libraries(${tgt} PRIVATE umc mte sysservice)
endfunction()

# Environment for tests in sanitizer builds: suppressions live in tests/*.supp, each entry
# explained there.
set(DRBDUM_SANITIZER_ENV
    "TSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/tsan.supp halt_on_error=1 second_deadlock_stack=1"
    "ASAN_OPTIONS=detect_leaks=1 abort_on_error=1"
    "UBSAN_OPTIONS=print_stacktrace=1 halt_on_error=1 suppressions=${CMAKE_SOURCE_DIR}/tests/ubsan.supp"
    "LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/lsan.supp")
