// JSON-RPC 2.0 as the Model Context Protocol's stdio transport carries it: one message per line, requests answered
// by id, notifications never answered, malformed input answered with the specification's error codes and a message
// saying what was wrong (never a crash). Knows nothing of MCP's methods (mcp_server.h registers them). Depends on
// simdjson for reading and core/json_writer.h for writing; no I/O except serve_lines.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace agentreel::mcp {

// JSON-RPC 2.0's error codes (section 5.1).
enum RpcErrorCode : int {
  kParseError = -32700,      // not JSON
  kInvalidRequest = -32600,  // JSON, but not a request object
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
};

// One request or notification, valid while its handler runs (the element points into the dispatcher's parser).
struct RpcRequest {
  std::string method;
  std::string id_json;            // the id as JSON text ("7", "\"a\""); empty for a notification
  simdjson::dom::element params;  // an object or an array; check has_params first
  bool has_params = false;
  bool is_notification() const { return id_json.empty(); }
};

// What a method answers: a result (JSON text) or an error.
struct RpcReply {
  bool ok = true;
  std::string result_json;  // ok: the result, an object as JSON text
  int code = 0;             // !ok: the error code and message
  std::string message;
  static RpcReply result(std::string json) { return {true, std::move(json), 0, {}}; }
  static RpcReply error(int code, std::string message) { return {false, {}, code, std::move(message)}; }
};

// The reply line for a request id (JSON text, "null" when the id could not be read).
std::string rpc_result_line(std::string_view id_json, std::string_view result_json);
std::string rpc_error_line(std::string_view id_json, int code, std::string_view message);

class RpcDispatcher {
 public:
  using Handler = std::function<RpcReply(const RpcRequest&)>;

  void on(std::string method, Handler handler) { handlers_[std::move(method)] = std::move(handler); }
  // Whether an array of messages (a JSON-RPC batch) is taken: MCP 2025-03-26 requires it, 2025-06-18 removed it.
  // Asked per message, so it can follow the negotiated protocol revision. Default: refused.
  void set_batch_policy(std::function<bool()> allowed) { batches_allowed_ = std::move(allowed); }

  // One message in; the line to send back (without its newline), or nothing: a notification, a batch of
  // notifications, a response from the client (this server sends no requests) or a blank line.
  std::optional<std::string> handle(std::string_view message);

 private:
  // One element of a message: a request object. Nothing for a notification or a client's response.
  std::optional<std::string> handle_one(simdjson::dom::element message);

  std::map<std::string, Handler, std::less<>> handlers_;
  std::function<bool()> batches_allowed_;
  simdjson::dom::parser parser_;
};

// Reads newline-delimited messages from `in` until end of input, answering each on `out` (one line, flushed). A
// line longer than max_message_bytes is dropped (read to its end) and answered with an invalid-request error.
void serve_lines(RpcDispatcher& dispatcher, std::FILE* in, std::FILE* out, size_t max_message_bytes = 64u << 20);

}  // namespace agentreel::mcp
