// The MCP methods (see mcp_server.h).
#include "mcp/mcp_server.h"

#include <cstdio>

#include "core/json_writer.h"
#include "mcp/tool.h"

namespace agentreel::mcp {
namespace {

constexpr std::string_view kInstructions =
    "agentreel serves recorded AI-agent runs (Claude Code, Codex, Gemini, Copilot, OpenHands, SWE-agent, OTLP... "
    "logs or agentreel bundles). Start with list_sessions; session_summary gives one session's diagnosis (why it "
    "went wrong: loops, blocks, errors, stalls) with the spans involved; find searches spans with the find "
    "language (words, \"phrases\", tool:NAME, kind:tool, status:error, file:PART, cmd:PART, dur>5s, -negation, "
    "OR); span_records shows a span's raw records, paged; audit replays the tool calls through failproofai's "
    "policies. Span numbers are global indices into the run's span table.";

std::string tool_result(const ToolResult& result) {
  JsonWriter out;
  out.begin_object().key("content").begin_array().begin_object().key("type").value("text");
  out.key("text").value(result.error.empty() ? std::string_view(result.json) : std::string_view(result.error));
  out.end_object().end_array();
  if (result.error.empty()) out.key("structuredContent").raw(result.json);
  out.key("isError").value(!result.error.empty());
  out.end_object();
  return out.take();
}

// params.KEY of a request whose params are an object; false when absent.
bool param(const RpcRequest& request, std::string_view key, simdjson::dom::element& value) {
  simdjson::dom::object params;
  if (!request.has_params || request.params.get_object().get(params) != simdjson::SUCCESS) return false;
  return params.at_key(key).get(value) == simdjson::SUCCESS;
}

}  // namespace

McpServer::McpServer(ServedRun& run, std::string version) : run_(run), version_(std::move(version)) {
  dispatcher_.on("initialize", [this](const RpcRequest& r) { return initialize(r); });
  dispatcher_.on("ping", [](const RpcRequest&) { return RpcReply::result("{}"); });
  dispatcher_.on("tools/list", [this](const RpcRequest& r) { return list_tools(r); });
  dispatcher_.on("tools/call", [this](const RpcRequest& r) { return call_tool(r); });
  dispatcher_.on("notifications/initialized", [](const RpcRequest&) { return RpcReply::result("{}"); });
  // Calls are answered one at a time, so by the time a cancellation is read its request has been answered.
  dispatcher_.on("notifications/cancelled", [](const RpcRequest&) { return RpcReply::result("{}"); });
  // Batches exist in 2024-11-05 and 2025-03-26 only.
  dispatcher_.set_batch_policy([this] { return revision_ == "2025-03-26" || revision_ == "2024-11-05"; });
}

RpcReply McpServer::initialize(const RpcRequest& request) {
  std::string_view asked;
  simdjson::dom::element asked_element;
  if (!param(request, "protocolVersion", asked_element) || asked_element.get(asked) != simdjson::SUCCESS) {
    return RpcReply::error(kInvalidParams, "initialize needs params.protocolVersion (a string such as \"" +
                                               std::string(kProtocolRevisions[0]) + "\")");
  }
  revision_ = std::string(kProtocolRevisions[0]);
  for (std::string_view known : kProtocolRevisions) {
    if (known == asked) revision_ = std::string(known);
  }
  std::string_view client = "an unnamed client";
  simdjson::dom::element info;
  if (param(request, "clientInfo", info) && info.type() == simdjson::dom::element_type::OBJECT)
    if (info["name"].get(client) != simdjson::SUCCESS) client = "an unnamed client";
  std::fprintf(stderr, "agentreel mcp: %.*s asked for revision %.*s; speaking %s\n", int(client.size()), client.data(),
               int(asked.size()), asked.data(), revision_.c_str());
  JsonWriter out;
  out.begin_object().key("protocolVersion").value(revision_);
  out.key("capabilities").begin_object().key("tools").begin_object().key("listChanged").value(false);
  out.end_object().end_object();
  out.key("serverInfo").begin_object().key("name").value("agentreel").key("title").value("agentreel");
  out.key("version").value(version_).end_object();
  out.key("instructions").value(kInstructions);
  out.end_object();
  return RpcReply::result(out.take());
}

RpcReply McpServer::list_tools(const RpcRequest&) const {
  JsonWriter out;
  out.begin_object().key("tools").begin_array();
  for (const Tool& tool : all_tools()) {
    out.begin_object().key("name").value(tool.name).key("title").value(tool.title);
    // Schemas are written over several lines for people; a message must stay on one.
    std::string schema(tool.input_schema);
    for (char& c : schema) c = c == '\n' ? ' ' : c;
    out.key("description").value(tool.description).key("inputSchema").raw(schema);
    out.key("annotations").begin_object().key("title").value(tool.title).key("readOnlyHint").value(true);
    out.key("openWorldHint").value(false).end_object();
    out.end_object();
  }
  out.end_array().end_object();
  return RpcReply::result(out.take());
}

RpcReply McpServer::call_tool(const RpcRequest& request) {
  std::string_view name;
  simdjson::dom::element name_element;
  if (!param(request, "name", name_element) || name_element.get(name) != simdjson::SUCCESS) {
    return RpcReply::error(kInvalidParams, "tools/call needs params.name (a string: one of tools/list's names)");
  }
  const Tool* tool = nullptr;
  for (const Tool& t : all_tools()) {
    if (t.name == name) tool = &t;
  }
  if (!tool) {
    std::string names;
    for (const Tool& t : all_tools()) names += (names.empty() ? "" : ", ") + std::string(t.name);
    return RpcReply::error(kInvalidParams, "unknown tool \"" + std::string(name) + "\"; the tools are " + names);
  }
  simdjson::dom::element arguments;
  const bool present =
      param(request, "arguments", arguments) && arguments.type() != simdjson::dom::element_type::NULL_VALUE;
  if (present && arguments.type() != simdjson::dom::element_type::OBJECT)
    return RpcReply::error(kInvalidParams, "tools/call: params.arguments must be an object");
  ToolArgs args(arguments, present);
  ToolResult result;
  if (auto opened = run_.bundle(); !opened.is_ok()) {
    result = ToolResult::failure("cannot open what this server serves: " + opened.status().message());
  } else {
    result = tool->call(run_, args);
    if (result.error.empty() && !args.error().empty()) result = ToolResult::failure(args.error());
  }
  std::fprintf(
      stderr, "agentreel mcp: %.*s: %s\n", int(tool->name.size()), tool->name.data(),
      result.error.empty() ? ("ok, " + std::to_string(result.json.size()) + " bytes").c_str() : result.error.c_str());
  return RpcReply::result(tool_result(result));
}

}  // namespace agentreel::mcp
