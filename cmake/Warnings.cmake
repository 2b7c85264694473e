# Warnings for our own targets only: linked as an INTERFACE target so that they never
# leak into Eigen, GoogleTest or other third-party code.
add_library(caws_gate_warnings INTERFACE)
target_compile_options(caws_gate_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CAWS_GATE_WERROR)
  target_compile_options(caws_gate_warnings INTERFACE -Werror)
endif()

if(CAWS_GATE_SANITIZE)
  # Sanitizers must be on for every object that is linked together.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
