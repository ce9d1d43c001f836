// `agentreel mcp [PATH...] [--format NAME]`: a Model Context Protocol server on stdin/stdout (newline-delimited
// JSON-RPC 2.0) serving bundles or logs to an editor's agent: list_sessions, session_summary, find, span_records and
// audit (converter/mcp/). Only protocol messages go to stdout; everything else goes to stderr.
#include <unistd.h>

#include <csignal>
#include <cstdio>

#include "commands.h"
#include "mcp/json_rpc.h"
#include "mcp/mcp_server.h"
#include "mcp/served_run.h"

#ifndef AGENTREEL_VERSION
#define AGENTREEL_VERSION "0.1.0"
#endif

namespace agentreel::cli {

int run_mcp(const Args& args) {
  std::vector<std::string> inputs;
  std::string format;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--format") {
      if (i + 1 >= args.size()) return usage("mcp: --format needs a value");
      format = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      return usage("mcp: unknown option " + a);
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) inputs.push_back(mcp::default_claude_projects_dir());

  // The protocol owns stdout: it gets a descriptor of its own, and descriptor 1 becomes stderr, so a stray print
  // anywhere below can never corrupt the message stream.
  const int protocol_fd = ::dup(STDOUT_FILENO);
  std::FILE* protocol = protocol_fd >= 0 ? ::fdopen(protocol_fd, "w") : nullptr;
  if (!protocol || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) return fail("mcp: cannot set up stdout for the protocol");

  std::signal(SIGPIPE, SIG_IGN);  // a client that goes away ends the server at its next read, not by a signal
  std::string described;
  for (const std::string& input : inputs) described += (described.empty() ? "" : ", ") + input;
  std::fprintf(stderr, "agentreel mcp: serving %s over stdio (MCP %s)\n", described.c_str(),
               std::string(mcp::kProtocolRevisions[0]).c_str());
  mcp::ServedRun run(std::move(inputs), format);
  mcp::McpServer server(run, AGENTREEL_VERSION);
  mcp::serve_lines(server.dispatcher(), stdin, protocol);
  std::fclose(protocol);
  return 0;
}

}  // namespace agentreel::cli
