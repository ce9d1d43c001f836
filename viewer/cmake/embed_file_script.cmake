# Script mode helper of EmbedFile.cmake: cmake -DINPUT=file -DOUTPUT=out.cpp -DSYMBOL=name -P this-file
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# 24 bytes per line.
string(REGEX REPLACE "((0x..,){24})" "\\1\n  " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by viewer/cmake/embed_file_script.cmake. Do not edit.\n"
  "#include <cstddef>\n"
  "namespace agentreel::viewer::embedded {\n"
  "extern const unsigned char ${SYMBOL}[];\n"
  "extern const size_t ${SYMBOL}_size;\n"
  "alignas(4) const unsigned char ${SYMBOL}[] = {\n  ${bytes}\n};\n"
  "const size_t ${SYMBOL}_size = ${size};\n"
  "}  // namespace agentreel::viewer::embedded\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
