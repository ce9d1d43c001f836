// path.resolve / path.join / path.dirname for POSIX paths (see posix_path.h). Standard library only.
#include "policy/posix_path.h"

#include <vector>

namespace agentreel::policy {
namespace {

// Normalises a relative path's segments ('..' that cannot be removed stays).
std::string normalize_relative(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t at = 0;
  while (at <= path.size()) {
    size_t end = path.find('/', at);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(at, end - at);
    at = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == ".." && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
    } else {
      parts.push_back(part);
    }
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.push_back('/');
    out += parts[i];
  }
  return out;
}

// Normalises `path`; an absolute path's '..' never climbs above the root. The absolute case (every resolve) builds
// the result in place: `out` holds "/a/b" with the root as "", and '..' cuts the last "/segment".
std::string normalize(std::string_view path, bool absolute) {
  if (!absolute) return normalize_relative(path);
  std::string out;
  out.reserve(path.size());
  size_t at = 0;
  while (at <= path.size()) {
    size_t end = path.find('/', at);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(at, end - at);
    at = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!out.empty()) out.resize(out.rfind('/'));
      continue;
    }
    out.push_back('/');
    out += part;
  }
  return out.empty() ? "/" : out;
}

}  // namespace

std::string resolve_path(std::string_view base, std::string_view path) {
  if (!path.empty() && path[0] == '/') return normalize(path, true);
  std::string joined(base);
  joined.push_back('/');
  joined += path;
  return normalize(joined, true);
}

std::string join_path(std::string_view a, std::string_view b) {
  std::string joined(a);
  if (!joined.empty() && !b.empty()) joined.push_back('/');
  joined += b;
  if (joined.empty()) return ".";
  const bool absolute = joined[0] == '/';
  std::string out = normalize(joined, absolute);
  // path.join keeps a trailing slash of the last part ("a/b/" stays "a/b/").
  if (!out.empty() && out != "/" && joined.back() == '/') out.push_back('/');
  return out.empty() ? "." : out;
}

std::string_view parent_path(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace agentreel::policy
