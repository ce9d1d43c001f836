// Stored input path rule (see input_path.h).
#include "bundle/input_path.h"

#include <algorithm>

namespace agentreel {

std::string unsafe_input_path_reason(std::string_view path) {
  if (path.empty()) return "is empty";
  if (path.front() == '/') return "is absolute";
  if (path.find('\0') != std::string_view::npos) return "holds a NUL byte";
  size_t begin = 0;
  while (true) {
    const size_t end = std::min(path.find('/', begin), path.size());
    const std::string_view part = path.substr(begin, end - begin);
    if (part.empty()) return "has an empty component";
    if (part == ".") return "has a '.' component";
    if (part == "..") return "has a '..' component";
    if (end == path.size()) return "";
    begin = end + 1;
  }
}

}  // namespace agentreel
