# Host-world helpers of umc: pure-computation adapters over host libraries, linked into umc.
# digest_openssl.c: md5/sha* for umc's shash crypto (umc/src/crypto_digest.c).
add_library(umc_host STATIC ${CMAKE_CURRENT_LIST_DIR}/digest_openssl.c)
drbdum_host_target(umc_host)
target_link_libraries(umc_host PUBLIC PkgConfig::LIBCRYPTO)
