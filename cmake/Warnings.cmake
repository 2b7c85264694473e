# Warnings for our own targets only: linked as an INTERFACE target so that they never
# leak into GoogleTest or other third-party code.
add_library(caws_gate_warnings INTERFACE)
target_compile_options(caws_gate_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CAWS_GATE_WERROR)
  target_compile_options(caws_gate_warnings INTERFACE -Werror)
  # GCC 12 at -O2/-O3 reports bogus -Wrestrict and -Wstringop-overflow inside libstdc++'s
  # std::string (memcpy inlined from operator+ and assign; GCC bugs 105329, 105651 and their kin). They stay
  # warnings, printed, but do not fail the build; every other warning does.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(caws_gate_warnings INTERFACE
      -Wno-error=restrict -Wno-error=stringop-overflow)
  endif()
endif()

if(CAWS_GATE_SANITIZE)
  # Sanitizers must be on for every object that is linked together.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
