# cmake -DVERIFY=<drbd-src/verify-manifest.cmake> -DWORK=<scratch dir> -P test_manifest.cmake
# The extracted-tree verifier accepts an untouched tree and refuses a modified, a missing and
# an added file (drbd-src/README.md, "Integrity").
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/kernel/lib)
file(WRITE ${WORK}/kernel/a.c "int a;\n")
file(WRITE ${WORK}/kernel/lib/b.c "int b;\n")
file(SHA256 ${WORK}/kernel/a.c ha)
file(SHA256 ${WORK}/kernel/lib/b.c hb)
file(WRITE ${WORK}/manifest.sha256 "${ha}  a.c\n${hb}  lib/b.c\n")

function(verify expect what)
  execute_process(COMMAND ${CMAKE_COMMAND} -DKDIR=${WORK}/kernel -DMANIFEST=${WORK}/manifest.sha256
                          -P ${VERIFY} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(expect STREQUAL "ok" AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${what}: refused an untouched tree: ${err}")
  elseif(expect STREQUAL "fail" AND rc EQUAL 0)
    message(FATAL_ERROR "${what}: accepted")
  elseif(expect STREQUAL "fail" AND NOT err MATCHES "${what}")
    message(FATAL_ERROR "${what}: refused without naming it: ${err}")
  endif()
endfunction()

verify(ok "untouched")
file(APPEND ${WORK}/kernel/lib/b.c "/* patched */\n")
verify(fail "modified: lib/b.c")
file(WRITE ${WORK}/kernel/lib/b.c "int b;\n")
verify(ok "restored")
file(WRITE ${WORK}/kernel/extra.h "#define X 1\n")
verify(fail "added: extra.h")
file(REMOVE ${WORK}/kernel/extra.h ${WORK}/kernel/a.c)
verify(fail "missing: a.c")
file(REMOVE_RECURSE ${WORK})
