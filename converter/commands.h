// The CLI's subcommands. Each takes its arguments (after the subcommand name) and returns the
// process exit code: 0 ok, 1 the input or bundle is bad, 2 usage error.
#pragma once

#include <string>
#include <vector>

namespace agentreel::cli {

using Args = std::vector<std::string>;

int run_convert(const Args& args);
int run_info(const Args& args);
int run_verify(const Args& args);
int run_export(const Args& args);
int run_html(const Args& args);
int run_why(const Args& args);
int run_find(const Args& args);
int run_secrets(const Args& args);
int run_redact(const Args& args);
int run_audit(const Args& args);
int run_pull(const Args& args);
int run_mcp(const Args& args);

int fail(const std::string& message);   // prints "agentreel: error: ..." and returns 1
int usage(const std::string& message);  // prints the usage error and returns 2

}  // namespace agentreel::cli
