# Dependencies.cmake: defines dep::zstd, dep::xxhash, dep::simdjson, dep::pcre2, dep::sdl2, dep::gl, dep::imgui (both
# builds) and dep::catch2 (native only). Native: Debian -dev packages. EMSCRIPTEN: Debian source packages.
# Sources come from scripts/deps.sh, which writes <cache>/deps.cmake; the cache is -DAGENTREEL_DEPS_DIR=..., else
# $AGENTREEL_CACHE, else $HOME/.cache/agentreel (remembered in CMakeCache). Dependency code builds with -w.

set(_deps_default "$ENV{AGENTREEL_CACHE}")
if(NOT _deps_default)
  set(_deps_default "$ENV{HOME}/.cache/agentreel")
endif()
set(AGENTREEL_DEPS_DIR "${_deps_default}" CACHE PATH "Dependency cache written by scripts/deps.sh")
if(NOT EXISTS "${AGENTREEL_DEPS_DIR}/deps.cmake")
  message(FATAL_ERROR "No ${AGENTREEL_DEPS_DIR}/deps.cmake: run scripts/deps.sh first "
                      "(or pass -DAGENTREEL_DEPS_DIR=<its cache>).")
endif()
include("${AGENTREEL_DEPS_DIR}/deps.cmake")

# Compiler launchers. Under Emscripten every emcc/em++ call also gets the writable config (deps.sh made it) and
# Node's module path, so `cmake --build build/wasm` works from any shell; ccache wraps clang inside emcc.
find_program(AGENTREEL_CCACHE ccache)
if(EMSCRIPTEN)
  set(_em_launcher "${CMAKE_COMMAND}" -E env "EM_CONFIG=${AGENTREEL_EM_CONFIG}"
                   "NODE_PATH=${AGENTREEL_EM_NODE_PATH}")
  if(AGENTREEL_CCACHE)
    list(APPEND _em_launcher "EM_COMPILER_WRAPPER=${AGENTREEL_CCACHE}")
  endif()
  foreach(_kind C_COMPILER CXX_COMPILER C_LINKER CXX_LINKER)
    if(NOT CMAKE_${_kind}_LAUNCHER)
      set(CMAKE_${_kind}_LAUNCHER ${_em_launcher})
    endif()
  endforeach()
elseif(AGENTREEL_CCACHE)
  foreach(_lang C CXX)
    if(NOT CMAKE_${_lang}_COMPILER_LAUNCHER)
      set(CMAKE_${_lang}_COMPILER_LAUNCHER "${AGENTREEL_CCACHE}")
    endif()
  endforeach()
endif()

# Wraps a target under a dep:: name (ALIAS of an INTERFACE target works for imported and built targets alike).
function(agentreel_dep name)
  add_library(agentreel_dep_${name} INTERFACE)
  target_link_libraries(agentreel_dep_${name} INTERFACE ${ARGN})
  add_library(dep::${name} ALIAS agentreel_dep_${name})
endfunction()

if(NOT EMSCRIPTEN)
  # ---- native: Debian packages ------------------------------------------------------------------------------
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(AGENTREEL_ZSTD REQUIRED IMPORTED_TARGET libzstd)
  find_package(simdjson 3.0.1 REQUIRED CONFIG)
  pkg_check_modules(AGENTREEL_PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
  find_package(SDL2 REQUIRED CONFIG)
  find_package(OpenGL REQUIRED)
  find_package(Catch2 2.13 REQUIRED CONFIG)
  list(APPEND CMAKE_MODULE_PATH "${Catch2_DIR}")  # Debian keeps Catch.cmake next to Catch2Config.cmake
  include(Catch)                                  # catch_discover_tests()
  find_path(AGENTREEL_XXHASH_INCLUDE xxhash.h REQUIRED)

  agentreel_dep(zstd PkgConfig::AGENTREEL_ZSTD)
  agentreel_dep(simdjson simdjson::simdjson)
  agentreel_dep(pcre2 PkgConfig::AGENTREEL_PCRE2)
  agentreel_dep(sdl2 SDL2::SDL2)
  agentreel_dep(gl OpenGL::GL)
  agentreel_dep(catch2 Catch2::Catch2)
  set(_xxhash_include "${AGENTREEL_XXHASH_INCLUDE}")
else()
  # ---- wasm: compiled from the Debian source packages ---------------------------------------------------------
  file(GLOB _zstd_sources "${AGENTREEL_ZSTD_DIR}/lib/common/*.c" "${AGENTREEL_ZSTD_DIR}/lib/compress/*.c"
                          "${AGENTREEL_ZSTD_DIR}/lib/decompress/*.c")
  add_library(agentreel_zstd STATIC ${_zstd_sources})
  target_include_directories(agentreel_zstd SYSTEM PUBLIC "${AGENTREEL_ZSTD_DIR}/lib")
  target_compile_definitions(agentreel_zstd PRIVATE ZSTD_DISABLE_ASM)  # ZSTD_MULTITHREAD stays off
  target_compile_options(agentreel_zstd PRIVATE -w)
  agentreel_dep(zstd agentreel_zstd)

  add_library(agentreel_simdjson STATIC "${AGENTREEL_SIMDJSON_DIR}/singleheader/simdjson.cpp")
  target_include_directories(agentreel_simdjson SYSTEM PUBLIC "${AGENTREEL_SIMDJSON_DIR}/singleheader")
  target_compile_options(agentreel_simdjson PRIVATE -w)
  agentreel_dep(simdjson agentreel_simdjson)

  # PCRE2's 8-bit library with Unicode support and no JIT (none exists for wasm): the library sources of the
  # upstream build, with the shipped generic config.h, pcre2.h and default character tables.
  set(_pcre2_src "${AGENTREEL_PCRE2_DIR}/src")
  set(_pcre2_gen "${CMAKE_BINARY_DIR}/_deps/pcre2")
  configure_file("${_pcre2_src}/config.h.generic" "${_pcre2_gen}/config.h" COPYONLY)
  configure_file("${_pcre2_src}/pcre2.h.generic" "${_pcre2_gen}/pcre2.h" COPYONLY)
  configure_file("${_pcre2_src}/pcre2_chartables.c.dist" "${_pcre2_gen}/pcre2_chartables.c" COPYONLY)
  set(_pcre2_sources "${_pcre2_gen}/pcre2_chartables.c")
  foreach(_f auto_possess compile config context convert dfa_match error extuni find_bracket jit_compile maketables
             match match_data newline ord2utf pattern_info script_run serialize string_utils study substitute
             substring tables ucd valid_utf xclass)
    list(APPEND _pcre2_sources "${_pcre2_src}/pcre2_${_f}.c")
  endforeach()
  add_library(agentreel_pcre2 STATIC ${_pcre2_sources})
  target_include_directories(agentreel_pcre2 SYSTEM PUBLIC "${_pcre2_gen}" PRIVATE "${_pcre2_src}")
  target_compile_definitions(agentreel_pcre2 PUBLIC PCRE2_STATIC
                             PRIVATE HAVE_CONFIG_H PCRE2_CODE_UNIT_WIDTH=8 SUPPORT_UNICODE HAVE_MEMMOVE)
  target_compile_options(agentreel_pcre2 PRIVATE -w)
  agentreel_dep(pcre2 agentreel_pcre2)

  add_library(agentreel_sdl2 STATIC IMPORTED)
  set_target_properties(agentreel_sdl2 PROPERTIES
    IMPORTED_LOCATION "${AGENTREEL_SDL2_WASM_DIR}/lib/libSDL2.a"
    INTERFACE_INCLUDE_DIRECTORIES "${AGENTREEL_SDL2_WASM_DIR}/include/SDL2")  # holds the generated SDL_config.h
  agentreel_dep(sdl2 agentreel_sdl2)
  agentreel_dep(gl)  # WebGL comes with -sMAX_WEBGL_VERSION=2 -sMIN_WEBGL_VERSION=2 on the viewer's link

  # zstd ships xxhash.h (0.8.1, XXH3 left out) among its private headers; copy it with the one header it includes
  # (zstd_deps.h: libc only), so lib/common itself is not on anyone's include path.
  foreach(_h xxhash.h zstd_deps.h)
    configure_file("${AGENTREEL_ZSTD_DIR}/lib/common/${_h}" "${CMAKE_BINARY_DIR}/_deps/xxhash/${_h}" COPYONLY)
  endforeach()
  set(_xxhash_include "${CMAKE_BINARY_DIR}/_deps/xxhash")
endif()

# ---- both: xxhash (header-only, inlined: no symbol clash with zstd's own copy) and Dear ImGui -----------------
add_library(agentreel_xxhash INTERFACE)
target_include_directories(agentreel_xxhash SYSTEM INTERFACE "${_xxhash_include}")
target_compile_definitions(agentreel_xxhash INTERFACE XXH_INLINE_ALL)
add_library(dep::xxhash ALIAS agentreel_xxhash)

set(_imgui "${AGENTREEL_IMGUI_DIR}")
add_library(agentreel_imgui STATIC
  "${_imgui}/imgui.cpp" "${_imgui}/imgui_draw.cpp" "${_imgui}/imgui_tables.cpp" "${_imgui}/imgui_widgets.cpp"
  "${_imgui}/imgui_demo.cpp"  # only linked in if something calls ShowDemoWindow/ShowStyleEditor
  "${_imgui}/backends/imgui_impl_sdl2.cpp" "${_imgui}/backends/imgui_impl_opengl3.cpp")
target_include_directories(agentreel_imgui SYSTEM PUBLIC "${_imgui}" "${_imgui}/backends")
target_link_libraries(agentreel_imgui PUBLIC dep::sdl2 dep::gl)
target_compile_options(agentreel_imgui PRIVATE -w)
# 32-bit ImWchar: glyphs beyond U+FFFF (emoji, historic scripts) reach the font atlas. PUBLIC, since imgui.h's
# types must agree between the library and everything that includes it.
target_compile_definitions(agentreel_imgui PUBLIC IMGUI_USE_WCHAR32)
add_library(dep::imgui ALIAS agentreel_imgui)
