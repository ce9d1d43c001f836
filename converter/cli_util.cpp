// Shared exit helpers for the subcommands.
#include <cstdio>

#include "commands.h"

namespace agentreel::cli {

int fail(const std::string& message) {
  std::fprintf(stderr, "agentreel: error: %s\n", message.c_str());
  return 1;
}

int usage(const std::string& message) {
  std::fprintf(stderr, "agentreel: %s (see agentreel --help)\n", message.c_str());
  return 2;
}

}  // namespace agentreel::cli
