# DRBD 8.4.11 compiled unmodified from a Linux 6.1 source (see drbd-src/README.md).
#
# Configure time: the needed paths are extracted from DRBD_KERNEL_SOURCE (a linux-source
#   tarball, or an unpacked kernel tree) into ${CMAKE_BINARY_DIR}/drbd-src/kernel, the
#   version is checked, and a sha256 manifest of every extracted file is written.
#   Re-extraction happens when the source path, size or modification time changes (the
#   tarball is a configure dependency, so a new tarball re-runs CMake by itself).
# Build time: the custom target drbd_verify checks the extracted tree against the manifest
#   before anything of it is compiled; a modified, added or removed file fails the build.
# Targets:
#   drbd_objs      every drivers/block/drbd/*.c except drbd_debugfs.c (CONFIG_DEBUG_FS off)
#   drbd_lib_objs  lib/lru_cache.c and lib/rbtree.c (the kernel library code DRBD selects)

set(DRBD_KERNEL_SOURCE "/usr/src/linux-source-6.1.tar.xz" CACHE PATH
    "Linux source holding DRBD 8.4.11: a linux-source tarball (.tar.xz) or an unpacked tree")
set(DRBD_REL_VERSION "8.4.11")

set(DRBD_KDIR ${CMAKE_BINARY_DIR}/drbd-src/kernel)
set(DRBD_MANIFEST ${CMAKE_BINARY_DIR}/drbd-src/manifest.sha256)
set(DRBD_SOURCE_STAMP ${CMAKE_BINARY_DIR}/drbd-src/source.stamp)

# Paths taken from the kernel source, relative to its top directory. Directories are taken
# whole (only their direct files).
set(DRBD_KERNEL_PATHS
    drivers/block/drbd
    include/linux/drbd.h
    include/linux/drbd_genl.h
    include/linux/drbd_genl_api.h
    include/linux/drbd_limits.h
    include/linux/genl_magic_func.h
    include/linux/genl_magic_struct.h
    include/linux/lru_cache.h
    include/linux/rbtree.h
    include/linux/rbtree_augmented.h
    include/linux/rbtree_types.h
    lib/lru_cache.c
    lib/rbtree.c)

if(NOT EXISTS "${DRBD_KERNEL_SOURCE}")
  message(FATAL_ERROR "DRBD_KERNEL_SOURCE=${DRBD_KERNEL_SOURCE} does not exist. Install the "
          "Debian package linux-source-6.1 (tools/install-deps) or pass "
          "-DDRBD_KERNEL_SOURCE=<linux-source tarball or unpacked kernel tree>.")
endif()

# Identity of the source: path + size + mtime (a tarball), path (a tree: copied files keep
# their timestamps, and file(COPY) refreshes changed ones on every configure).
if(IS_DIRECTORY "${DRBD_KERNEL_SOURCE}")
  set(_drbd_src_id "tree:${DRBD_KERNEL_SOURCE}")
else()
  file(SIZE "${DRBD_KERNEL_SOURCE}" _drbd_size)
  file(TIMESTAMP "${DRBD_KERNEL_SOURCE}" _drbd_mtime "%s" UTC)
  set(_drbd_src_id "tarball:${DRBD_KERNEL_SOURCE}:${_drbd_size}:${_drbd_mtime}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${DRBD_KERNEL_SOURCE}")
endif()
set(_drbd_old_id "")
if(EXISTS ${DRBD_SOURCE_STAMP})
  file(READ ${DRBD_SOURCE_STAMP} _drbd_old_id)
endif()

function(_drbd_write_manifest)
  file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE ${DRBD_KDIR} ${DRBD_KDIR}/*)
  list(SORT files)
  set(text "")
  foreach(f ${files})
    file(SHA256 ${DRBD_KDIR}/${f} h)
    string(APPEND text "${h}  ${f}\n")
  endforeach()
  file(WRITE ${DRBD_MANIFEST} "${text}")
endfunction()

if(IS_DIRECTORY "${DRBD_KERNEL_SOURCE}")
  if(NOT _drbd_old_id STREQUAL _drbd_src_id)
    file(REMOVE_RECURSE ${DRBD_KDIR})
  endif()
  foreach(p ${DRBD_KERNEL_PATHS})
    get_filename_component(dir ${p} DIRECTORY)
    if(IS_DIRECTORY "${DRBD_KERNEL_SOURCE}/${p}")
      file(GLOB files LIST_DIRECTORIES false "${DRBD_KERNEL_SOURCE}/${p}/*")
      file(COPY ${files} DESTINATION ${DRBD_KDIR}/${p})
    elseif(EXISTS "${DRBD_KERNEL_SOURCE}/${p}")
      file(COPY "${DRBD_KERNEL_SOURCE}/${p}" DESTINATION ${DRBD_KDIR}/${dir})
    else()
      message(FATAL_ERROR "${DRBD_KERNEL_SOURCE} lacks ${p}: not a Linux 6.1 tree")
    endif()
  endforeach()
  _drbd_write_manifest()
  file(WRITE ${DRBD_SOURCE_STAMP} "${_drbd_src_id}")
elseif(NOT _drbd_old_id STREQUAL _drbd_src_id OR NOT EXISTS ${DRBD_MANIFEST})
  # One tar pass. The members sit below one top directory (linux-source-6.1/); the patterns
  # match exactly one leading component (--no-wildcards-match-slash) which is stripped.
  set(patterns "")
  foreach(p ${DRBD_KERNEL_PATHS})
    if(p MATCHES "\\.[ch]$")
      list(APPEND patterns "*/${p}")
    else()
      list(APPEND patterns "*/${p}/*")
    endif()
  endforeach()
  message(STATUS "DRBD: extracting ${DRBD_KERNEL_PATHS} from ${DRBD_KERNEL_SOURCE}")
  file(REMOVE_RECURSE ${DRBD_KDIR})
  file(REMOVE ${DRBD_SOURCE_STAMP} ${DRBD_MANIFEST})
  file(MAKE_DIRECTORY ${DRBD_KDIR})
  execute_process(
    COMMAND tar -xJf ${DRBD_KERNEL_SOURCE} -C ${DRBD_KDIR} --strip-components=1
            --wildcards --no-wildcards-match-slash ${patterns}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "DRBD: extracting from ${DRBD_KERNEL_SOURCE} failed (${rc}): ${err}")
  endif()
  foreach(p ${DRBD_KERNEL_PATHS})
    if(NOT EXISTS ${DRBD_KDIR}/${p})
      message(FATAL_ERROR "DRBD: ${DRBD_KERNEL_SOURCE} lacks ${p}: not a Linux 6.1 source")
    endif()
  endforeach()
  _drbd_write_manifest()
  file(WRITE ${DRBD_SOURCE_STAMP} "${_drbd_src_id}")
endif()

# The version this project emulates the kernel for.
file(STRINGS ${DRBD_KDIR}/include/linux/drbd.h _drbd_rel REGEX "^#define REL_VERSION ")
if(NOT _drbd_rel MATCHES "\"${DRBD_REL_VERSION}\"")
  message(FATAL_ERROR "DRBD: ${DRBD_KERNEL_SOURCE} holds DRBD '${_drbd_rel}', but "
          "drbd-usermode supports exactly REL_VERSION \"${DRBD_REL_VERSION}\" (Linux 6.1).")
endif()

# Build-time check of the extracted tree against the manifest.
file(STRINGS ${DRBD_MANIFEST} _drbd_manifest_lines)
set(_drbd_all_files "")
foreach(l ${_drbd_manifest_lines})
  string(SUBSTRING "${l}" 66 -1 f)
  list(APPEND _drbd_all_files ${DRBD_KDIR}/${f})
endforeach()
set(DRBD_VERIFIED_STAMP ${CMAKE_BINARY_DIR}/drbd-src/verified.stamp)
add_custom_command(
  OUTPUT ${DRBD_VERIFIED_STAMP}
  COMMAND ${CMAKE_COMMAND} -DKDIR=${DRBD_KDIR} -DMANIFEST=${DRBD_MANIFEST}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/verify-manifest.cmake
  COMMAND ${CMAKE_COMMAND} -E touch ${DRBD_VERIFIED_STAMP}
  DEPENDS ${_drbd_all_files} ${DRBD_MANIFEST} ${CMAKE_CURRENT_SOURCE_DIR}/verify-manifest.cmake
  COMMENT "DRBD: verifying the extracted kernel files against ${DRBD_MANIFEST}"
  VERBATIM)
add_custom_target(drbd_verify DEPENDS ${DRBD_VERIFIED_STAMP})

# Warnings inherent to kernel code compiled with a userland warning set; not errors.
# Missing declarations are errors: an implicit prototype would silently miscompile calls.
set(DRBD_KERNEL_CODE_WARNINGS -Wall -Wno-unused-parameter -Wno-sign-compare
    -Wno-missing-field-initializers -Wno-unused-function -Wno-pointer-sign
    -Wno-address-of-packed-member -Werror=implicit-function-declaration
    -Werror=incompatible-pointer-types -Werror=int-conversion -Werror=return-type)

function(_drbd_kernel_objects tgt)
  drbdum_kernel_flags(${tgt})
  # umc/include first (from drbdum_kernel_flags), then the extracted headers.
  target_include_directories(${tgt} PRIVATE ${DRBD_KDIR}/include ${DRBD_KDIR}/drivers/block/drbd)
  target_compile_options(${tgt} PRIVATE ${DRBD_KERNEL_CODE_WARNINGS})
  add_dependencies(${tgt} drbd_verify)
endfunction()

# ASan+UBSan and fuzz builds: UBSan findings inside DRBD's unmodified code are recoverable, so that the
# few that are DRBD's own (not ours) can be named in tests/ubsan.supp; any other one still
# stops the process (halt_on_error=1 in the tests' UBSAN_OPTIONS and the daemon's defaults).
if(DRBDUM_SANITIZE STREQUAL "address" OR DRBDUM_FUZZ)
  list(APPEND DRBD_KERNEL_CODE_WARNINGS -fsanitize-recover=undefined)
endif()

file(GLOB DRBD_SOURCES ${DRBD_KDIR}/drivers/block/drbd/*.c)
list(REMOVE_ITEM DRBD_SOURCES ${DRBD_KDIR}/drivers/block/drbd/drbd_debugfs.c)
add_library(drbd_objs OBJECT ${DRBD_SOURCES})
_drbd_kernel_objects(drbd_objs)
# MODULE stays undefined: DRBD is "built-in" (drbd_buildtag says so).
target_compile_definitions(drbd_objs PRIVATE KBUILD_MODNAME="drbd")
foreach(src ${DRBD_SOURCES})
  get_filename_component(base ${src} NAME_WE)
  set_source_files_properties(${src} PROPERTIES COMPILE_DEFINITIONS KBUILD_BASENAME="${base}")
endforeach()

set(DRBD_LIB_SOURCES ${DRBD_KDIR}/lib/lru_cache.c ${DRBD_KDIR}/lib/rbtree.c)
add_library(drbd_lib_objs OBJECT ${DRBD_LIB_SOURCES})
_drbd_kernel_objects(drbd_lib_objs)
foreach(src ${DRBD_LIB_SOURCES})
  get_filename_component(base ${src} NAME_WE)
  set_source_files_properties(${src} PROPERTIES
      COMPILE_DEFINITIONS "KBUILD_MODNAME=\"${base}\";KBUILD_BASENAME=\"${base}\"")
endforeach()
