// Node's path.resolve / path.join on POSIX, which block-read-outside-cwd and the config discovery rely on:
// '.' and '..' resolved, repeated '/' collapsed, a trailing '/' dropped (the root keeps its '/'). Pure string
// work, no file system access.
#pragma once

#include <string>
#include <string_view>

namespace agentreel::policy {

// path.resolve(base, path) when `base` is absolute: `path` if it is absolute, else base + "/" + path, normalised.
// (A relative `base` would make Node prepend the hook's own working directory, which a replay cannot know; it is
// treated as if it started at "/".)
std::string resolve_path(std::string_view base, std::string_view path);

// path.join(a, b): the two joined with '/', normalised; an empty result is ".".
std::string join_path(std::string_view a, std::string_view b);

// path.dirname(p) for an absolute normalised path ("/a/b" -> "/a", "/a" -> "/", "/" -> "/").
std::string_view parent_path(std::string_view path);

}  // namespace agentreel::policy
