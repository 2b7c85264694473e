# Compiles the mustache templates in templates/ into the binary, so that one file is all a
# user installs. The generated source defines caws::report::embedded_template(name).
set(CAWS_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_templates_script.cmake)

function(caws_embed_templates output)
  set(templates ${ARGN})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} "-DTEMPLATES=${templates}"
            -P ${CAWS_EMBED_SCRIPT}
    DEPENDS ${templates} ${CAWS_EMBED_SCRIPT}
    COMMENT "Embedding report templates"
    VERBATIM)
endfunction()
