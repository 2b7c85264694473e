# Writes caws-gate's man page (section 1, gzip-compressed) from the help texts of the built
# program: `caws-gate --help` and `caws-gate COMMAND --help` for each command it lists.
#   cmake -DCAWS_GATE=path/to/caws-gate -DOUTPUT=caws-gate.1.gz -DVERSION=x.y.z -P man_page_script.cmake
cmake_minimum_required(VERSION 3.22)

# Help text as roff: literal lines (.nf) with backslashes and leading dots escaped.
function(caws_roff_literal text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} ".nf\n${text}\n.fi\n" PARENT_SCOPE)
endfunction()

execute_process(COMMAND ${CAWS_GATE} --help OUTPUT_VARIABLE main_help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${CAWS_GATE} --help failed (${status})")
endif()
# The commands: the indented words under "Subcommands:".
string(REGEX REPLACE ".*\nSubcommands:\n" "" command_block "${main_help}")
string(REGEX MATCHALL "(^|\n)  [a-z][a-z-]*" commands "${command_block}")
caws_roff_literal("${main_help}" main_roff)
set(page ".TH CAWS-GATE 1 \"\" \"caws-gate ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\ncaws-gate \\- performance as a gate in continuous integration\n")
string(APPEND page ".SH SYNOPSIS\n.B caws-gate\n.I COMMAND\n[\n.I OPTIONS\n]\n")
string(APPEND page ".SH DESCRIPTION\n${main_roff}")
string(APPEND page ".SH EXIT STATUS\n0 the gate passed (warnings allowed); 1 the gate failed;\n")
string(APPEND page "2 bad input, configuration or command line, nothing written; 3 an internal error.\n")
string(APPEND page ".SH COMMANDS\n")
foreach(command IN LISTS commands)
  string(STRIP "${command}" command)
  execute_process(COMMAND ${CAWS_GATE} ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${CAWS_GATE} ${command} --help failed (${status})")
  endif()
  caws_roff_literal("${help}" help_roff)
  string(APPEND page ".SS ${command}\n${help_roff}")
endforeach()
string(APPEND page ".SH SEE ALSO\nThe manual in /usr/share/doc/caws-gate/README.md and docs/.\n")

get_filename_component(dir "${OUTPUT}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
string(REGEX REPLACE "\\.gz$" "" plain "${OUTPUT}")
file(WRITE "${plain}" "${page}")
# gzip -n: no name or time stamp in the header, so the same page gives the same bytes.
execute_process(COMMAND gzip -n -9 -f "${plain}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip failed on ${plain}")
endif()
