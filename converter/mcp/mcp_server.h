// The Model Context Protocol methods of `agentreel mcp` on a JSON-RPC dispatcher: initialize (protocol revision
// negotiation, the tools capability), ping, tools/list and tools/call over the tools of tool.h. Knows nothing of
// stdio (json_rpc.h's serve_lines carries the messages).
#pragma once

#include <string>
#include <string_view>

#include "mcp/json_rpc.h"
#include "mcp/served_run.h"

namespace agentreel::mcp {

// The revisions this server speaks, newest first; an initialize asking for another gets the newest.
inline constexpr std::string_view kProtocolRevisions[] = {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"};

class McpServer {
 public:
  McpServer(ServedRun& run, std::string version);
  RpcDispatcher& dispatcher() { return dispatcher_; }
  // The revision initialize agreed on; "" before it.
  const std::string& protocol_revision() const { return revision_; }

 private:
  RpcReply initialize(const RpcRequest& request);
  RpcReply list_tools(const RpcRequest& request) const;
  RpcReply call_tool(const RpcRequest& request);

  ServedRun& run_;
  std::string version_;
  std::string revision_;
  RpcDispatcher dispatcher_;
};

}  // namespace agentreel::mcp
