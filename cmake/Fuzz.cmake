# CAWS_GATE_FUZZ: every object is built with libFuzzer's coverage instrumentation and
# ASan + UBSan; the fuzz targets link libFuzzer itself (tests/fuzz/CMakeLists.txt).
# Use a separate build directory:
#   CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCAWS_GATE_FUZZ=ON
if(CAWS_GATE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CAWS_GATE_FUZZ needs clang (libFuzzer): CXX=clang++-14")
  endif()
  # -O1 as OSS-Fuzz builds, without NDEBUG: assertions stay on while fuzzing. Line tables
  # are enough for symbolized stack traces and build much faster than -g.
  foreach(config RELEASE RELWITHDEBINFO MINSIZEREL)
    set(CMAKE_CXX_FLAGS_${config} "-O1")
  endforeach()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all -gline-tables-only)
  add_link_options(-fsanitize=address,undefined)
endif()
