# Crypto throughput (umc-lib): bench-crypto hashes 4 KiB blocks with every shash umc offers
# and both crc32c implementations. Kernel-world code on the real mte provider.
if(TARGET umc AND TARGET mte)
  add_executable(bench-crypto ${CMAKE_CURRENT_SOURCE_DIR}/crypto_bench.c)
  target_include_directories(bench-crypto BEFORE PRIVATE ${DRBDUM_KERNEL_INCLUDES})
  target_compile_options(bench-crypto PRIVATE -D__KERNEL__ -DUMC_HOSTED_TEST
      -include ${CMAKE_SOURCE_DIR}/umc/include/linux/kconfig.h ${DRBDUM_WARNINGS})
  target_link_libraries(bench-crypto PRIVATE umc mte)
endif()
