# CAWS_GATE_UNITY_BUILD: compile the sources of a directory of src/ a few at a time, as
# one translation unit per group (CMake's unity build, mode GROUP), instead of one by one.
# A heavy header-only dependency then compiles once per group rather than once per source:
# CLI11 in every source of src/cli, nlohmann/json in those of src/app and src/report,
# simdjson in the readers of src/ingest (docs/performance.md, "The first run").
#
# Groups never cross a directory: the sources of one directory share their headers. A
# directory of n sources makes ceil(n / CAWS_GATE_UNITY_GROUP_SIZE) groups of near equal
# size, in the order of the file names, so that both cores of a small machine keep busy
# with several groups per heavy header rather than one large unit. A directory with a
# single source, and a source with compile options of its own (stats/newey_west.cpp),
# stay alone.
#
# The sources of a group share one unit, so the names of their anonymous namespaces must
# be distinct within a directory (a reader's class is `HyperfineReader`, not `Reader`).
option(CAWS_GATE_UNITY_BUILD
       "Compile the sources of each directory of src/ in a few groups (faster cold builds)" OFF)
set(CAWS_GATE_UNITY_GROUP_SIZE 10 CACHE STRING
    "The largest number of sources in a group of CAWS_GATE_UNITY_BUILD")

# Groups the sources of `target` by directory (see above); nothing without the option.
function(caws_gate_unity_groups target)
  if(NOT CAWS_GATE_UNITY_BUILD)
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  set(directories "")
  foreach(source IN LISTS sources)
    get_filename_component(directory ${source} DIRECTORY)
    string(MAKE_C_IDENTIFIER "${directory}" key)
    list(APPEND directories ${directory})
    list(APPEND "sources_${key}" ${source})
  endforeach()
  list(REMOVE_DUPLICATES directories)
  foreach(directory IN LISTS directories)
    string(MAKE_C_IDENTIFIER "${directory}" key)
    caws_gate_unity_group_directory(${target} "${directory}" ${sources_${key}})
  endforeach()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
endfunction()

# Splits the sources of one directory into groups named after the directory.
function(caws_gate_unity_group_directory target directory)
  set(sources ${ARGN})
  list(SORT sources)
  list(LENGTH sources count)
  if(count LESS 2)
    return()
  endif()
  math(EXPR groups "(${count} + ${CAWS_GATE_UNITY_GROUP_SIZE} - 1) / ${CAWS_GATE_UNITY_GROUP_SIZE}")
  get_filename_component(name ${directory} NAME)
  set(index 0)
  foreach(source IN LISTS sources)
    math(EXPR group "${index} * ${groups} / ${count}")
    set_source_files_properties(${source} TARGET_DIRECTORY ${target} PROPERTIES
                                UNITY_GROUP "${name}_${group}")
    math(EXPR index "${index} + 1")
  endforeach()
endfunction()
