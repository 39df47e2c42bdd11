# iolab_add_bpf(NAME): builds bpf/NAME.bpf.c into the skeleton header
# ${PROJECT_BINARY_DIR}/bpf/NAME.skel.h and defines the INTERFACE target iolab_bpf_NAME. A loader
# linking it can #include "NAME.skel.h" and "bpf/NAME.h", and gets libbpf.
#
# Needs: the imported target PkgConfig::LIBBPF (pkg_check_modules(LIBBPF ... IMPORTED_TARGET)).

find_program(IOLAB_BPF_CLANG NAMES clang-14 clang
  DOC "clang that compiles the BPF programs (the BPF target and CO-RE need clang >= 10)")
if(NOT IOLAB_BPF_CLANG)
  message(FATAL_ERROR "iolab: clang not found; it compiles bpf/*.bpf.c "
    "(apt install clang, or -DIOLAB_BPF_CLANG=/path/to/clang)")
endif()

# bpftool usually lives in an sbin directory, which a non-root PATH may lack.
find_program(IOLAB_BPFTOOL NAMES bpftool PATHS /usr/sbin /usr/local/sbin /sbin
  DOC "bpftool that turns BPF objects into skeleton headers")
if(NOT IOLAB_BPFTOOL)
  message(FATAL_ERROR "iolab: bpftool not found; it generates the BPF skeletons "
    "(apt install bpftool, or -DIOLAB_BPFTOOL=/path/to/bpftool)")
endif()

# The directory holding bpf/bpf_helpers.h. pkg-config hides it when it is a system directory,
# but the BPF compile below uses -nostdinc and so must be told.
find_path(IOLAB_LIBBPF_INCLUDE_DIR NAMES bpf/bpf_helpers.h
  HINTS ${LIBBPF_INCLUDEDIR} ${LIBBPF_INCLUDE_DIRS})
if(NOT IOLAB_LIBBPF_INCLUDE_DIR)
  message(FATAL_ERROR "iolab: bpf/bpf_helpers.h not found (apt install libbpf-dev)")
endif()

# bpf_tracing.h reads registers by the kernel's per-architecture names.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64)$")
  set(IOLAB_BPF_TARGET_ARCH x86)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  set(IOLAB_BPF_TARGET_ARCH arm64)
else()
  message(FATAL_ERROR "iolab: no BPF target architecture known for ${CMAKE_SYSTEM_PROCESSOR}")
endif()

function(iolab_add_bpf name)
  set(source ${PROJECT_SOURCE_DIR}/bpf/${name}.bpf.c)
  set(out_dir ${PROJECT_BINARY_DIR}/bpf)
  set(compiled ${out_dir}/${name}.tmp.bpf.o)
  set(object ${out_dir}/${name}.bpf.o)
  set(depfile ${out_dir}/${name}.bpf.d)
  set(skeleton ${out_dir}/${name}.skel.h)

  # -nostdinc: BPF programs see only bpf/ and libbpf's headers, so an accidental kernel or libc
  # header fails here instead of depending on what the build machine has installed.
  # -Wno-unused-parameter: BPF_PROG() always declares ctx, and tracepoint arguments are
  # positional, so unused parameters are normal.
  add_custom_command(
    OUTPUT ${compiled}
    COMMAND ${IOLAB_BPF_CLANG} -g -O2 -target bpf -D__TARGET_ARCH_${IOLAB_BPF_TARGET_ARCH}
      -Wall -Wextra -Wno-unused-parameter -Werror
      -nostdinc -isystem ${IOLAB_LIBBPF_INCLUDE_DIR} -I${PROJECT_SOURCE_DIR}/bpf
      -MD -MF ${depfile} -MT ${compiled}
      -c ${source} -o ${compiled}
    MAIN_DEPENDENCY ${source}
    DEPFILE ${depfile}
    COMMENT "Compiling BPF program ${name}"
    VERBATIM)

  # The static link drops the DWARF that -g emitted (only BTF is needed at run time), which
  # keeps the object embedded in the skeleton small. The rename keeps a failed bpftool run
  # from leaving a truncated header that looks up to date.
  add_custom_command(
    OUTPUT ${skeleton}
    COMMAND ${IOLAB_BPFTOOL} gen object ${object} ${compiled}
    COMMAND ${IOLAB_BPFTOOL} gen skeleton ${object} name ${name}_bpf > ${skeleton}.tmp
    COMMAND ${CMAKE_COMMAND} -E rename ${skeleton}.tmp ${skeleton}
    DEPENDS ${compiled}
    BYPRODUCTS ${object} ${skeleton}.tmp
    COMMENT "Generating BPF skeleton ${name}.skel.h"
    VERBATIM)

  add_custom_target(iolab_bpf_${name}_skeleton DEPENDS ${skeleton})
  add_library(iolab_bpf_${name} INTERFACE)
  add_dependencies(iolab_bpf_${name} iolab_bpf_${name}_skeleton)
  # SYSTEM: warnings in bpftool's generated code are not ours to fix.
  target_include_directories(iolab_bpf_${name} SYSTEM INTERFACE ${out_dir})
  target_include_directories(iolab_bpf_${name} INTERFACE ${PROJECT_SOURCE_DIR})
  target_link_libraries(iolab_bpf_${name} INTERFACE PkgConfig::LIBBPF)
endfunction()
