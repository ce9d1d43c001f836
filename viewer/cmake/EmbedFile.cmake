# agentreel_embed_file(OUT_CPP SYMBOL INPUT): at build time, turns INPUT's bytes into a C++ source defining
# `const unsigned char agentreel::viewer::embedded::SYMBOL[]` and `const size_t SYMBOL_size`.
# Pure CMake (script mode), so it runs the same for native and Emscripten builds.
set(AGENTREEL_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_file_script.cmake)

function(agentreel_embed_file out_cpp symbol input)
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${out_cpp} -DSYMBOL=${symbol} -P ${AGENTREEL_EMBED_SCRIPT}
    DEPENDS ${input} ${AGENTREEL_EMBED_SCRIPT}
    COMMENT "Embedding ${symbol}"
    VERBATIM)
endfunction()
