# Installation and packaging: `cmake --install` lays caws-gate out as
#   bin/caws-gate
#   lib/caws-gate/         shared libraries shipped beside it (portable builds only)
#   share/man/man1/caws-gate.1.gz
#   share/doc/caws-gate/   README.md and docs/
# and CPack turns that tree into the release archive (TGZ) and the Debian package (DEB):
# `cpack -G "TGZ;DEB"` in the build directory, or scripts/package.sh for both with checksums.
#
# CAWS_GATE_PORTABLE builds a binary that runs on any x86_64 or aarch64 Linux with glibc
# 2.35 or newer and nothing else installed (docs/install.md): libstdc++ and libgcc are
# linked statically, and so are pugixml and Nettle (Debian ships their static
# libraries). Debian ships
# simdjson as a shared library only, so its libsimdjson.so is shipped in lib/caws-gate/
# and found through a relative run path ($ORIGIN); it needs the system's libstdc++.so.6 and
# libgcc_s.so.1 at symbol versions of GCC 5 (2015), which every glibc system with apt has.
include(GNUInstallDirs)

set(caws_gate_private_libdir ${CMAKE_INSTALL_LIBDIR}/caws-gate)
if(CAWS_GATE_PORTABLE)
  target_link_options(caws-gate PRIVATE -static-libstdc++ -static-libgcc)
  # glibc 2.36's arc4random, which that libstdc++ calls, defined in the binary itself.
  target_sources(caws-gate PRIVATE ${PROJECT_SOURCE_DIR}/src/portable/arc4random.cpp)
  set_target_properties(caws-gate PROPERTIES INSTALL_RPATH "\$ORIGIN/../${caws_gate_private_libdir}"
                                             BUILD_WITH_INSTALL_RPATH OFF)
  # The shared simdjson library under its soname, as the dynamic loader looks for it.
  get_target_property(simdjson_configs simdjson::simdjson IMPORTED_CONFIGURATIONS)
  list(GET simdjson_configs 0 simdjson_config)
  get_target_property(simdjson_file simdjson::simdjson IMPORTED_LOCATION_${simdjson_config})
  get_target_property(simdjson_soname simdjson::simdjson IMPORTED_SONAME_${simdjson_config})
  install(FILES ${simdjson_file} DESTINATION ${caws_gate_private_libdir} RENAME ${simdjson_soname}
          PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endif()

install(TARGETS caws-gate RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The man page: the help texts of the built program, so that it cannot disagree with them.
set(caws_gate_man ${CMAKE_CURRENT_BINARY_DIR}/man/caws-gate.1.gz)
add_custom_command(
  OUTPUT ${caws_gate_man}
  COMMAND ${CMAKE_COMMAND} -DCAWS_GATE=$<TARGET_FILE:caws-gate> -DOUTPUT=${caws_gate_man}
          -DVERSION=${PROJECT_VERSION} -P ${PROJECT_SOURCE_DIR}/cmake/man_page_script.cmake
  DEPENDS caws-gate ${PROJECT_SOURCE_DIR}/cmake/man_page_script.cmake
  COMMENT "Writing the caws-gate man page from its help texts")
add_custom_target(caws_gate_man ALL DEPENDS ${caws_gate_man})
install(FILES ${caws_gate_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)

# --- CPack ------------------------------------------------------------------
string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" caws_gate_arch)
if(caws_gate_arch STREQUAL "amd64")
  set(caws_gate_arch x86_64)
elseif(caws_gate_arch STREQUAL "arm64")
  set(caws_gate_arch aarch64)
endif()
set(CPACK_PACKAGE_NAME caws-gate)
set(CPACK_PACKAGE_VENDOR caws-gate)
set(CPACK_PACKAGE_CONTACT "caws-gate maintainers <caws-gate@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "performance as a gate in continuous integration")
set(CPACK_PACKAGE_DESCRIPTION
    "caws-gate reads benchmark results (Google Benchmark, pytest-benchmark, hyperfine, Go and
more), compares them with baselines committed to the repository, decides with real
statistics whether anything got slower, checks budgets, follows trends, and writes
Markdown, JSON, LaTeX and JUnit reports. Its exit code is the gate.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/caws-gate/caws-gate")
set(CPACK_PACKAGE_FILE_NAME caws-gate-${PROJECT_VERSION}-linux-${caws_gate_arch})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps computes Depends from what the binary and the shipped library need.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS usr/${caws_gate_private_libdir})
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
