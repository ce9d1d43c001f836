// JSON-RPC 2.0 framing for the MCP stdio transport (see json_rpc.h).
#include "mcp/json_rpc.h"

#include <unistd.h>

#include <cerrno>
#include <exception>
#include <vector>

#include "core/json_writer.h"

namespace agentreel::mcp {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

}  // namespace

std::string rpc_result_line(std::string_view id_json, std::string_view result_json) {
  std::string line = "{\"jsonrpc\":\"2.0\",\"id\":";
  line += id_json.empty() ? "null" : id_json;
  line += ",\"result\":";
  line += result_json;
  line += '}';
  return line;
}

std::string rpc_error_line(std::string_view id_json, int code, std::string_view message) {
  JsonWriter out;
  out.begin_object().key("jsonrpc").value("2.0").key("id").raw(id_json.empty() ? "null" : id_json);
  out.key("error").begin_object().key("code").value(code).key("message").value(message).end_object();
  out.end_object();
  return out.take();
}

std::optional<std::string> RpcDispatcher::handle(std::string_view message) {
  message = trim(message);
  if (message.empty()) return std::nullopt;
  simdjson::dom::element document;
  if (const auto error = parser_.parse(message.data(), message.size()).get(document); error) {
    return rpc_error_line("", kParseError,
                          std::string("parse error: the message is not valid JSON (") + simdjson::error_message(error) +
                              "); send one JSON-RPC object per line");
  }
  if (document.type() != simdjson::dom::element_type::ARRAY) return handle_one(document);

  const simdjson::dom::array batch = document.get_array().value_unsafe();
  if (batch.size() == 0) return rpc_error_line("", kInvalidRequest, "invalid request: an empty batch");
  if (!batches_allowed_ || !batches_allowed_()) {
    return rpc_error_line("", kInvalidRequest,
                          "invalid request: JSON-RPC batches are not accepted under the negotiated MCP revision "
                          "(2025-06-18 removed them); send one message per line");
  }
  std::vector<std::string> replies;
  for (simdjson::dom::element element : batch) {
    if (auto reply = handle_one(element)) replies.push_back(std::move(*reply));
  }
  if (replies.empty()) return std::nullopt;
  std::string line = "[";
  for (size_t i = 0; i < replies.size(); ++i) line += (i ? "," : "") + replies[i];
  return line + "]";
}

std::optional<std::string> RpcDispatcher::handle_one(simdjson::dom::element message) {
  using simdjson::dom::element_type;
  if (message.type() != element_type::OBJECT) {
    return rpc_error_line("", kInvalidRequest, "invalid request: a message must be a JSON object");
  }
  const simdjson::dom::object object = message.get_object().value_unsafe();
  RpcRequest request;
  simdjson::dom::element id;
  const bool has_id = object.at_key("id").get(id) == simdjson::SUCCESS;
  if (has_id) {
    const element_type type = id.type();
    if (type != element_type::STRING && type != element_type::INT64 && type != element_type::UINT64) {
      return rpc_error_line("", kInvalidRequest, "invalid request: \"id\" must be a string or an integer");
    }
    request.id_json = simdjson::minify(id);
  }
  simdjson::dom::element method;
  if (object.at_key("method").get(method) != simdjson::SUCCESS) {
    // A response to a request of ours: this server sends none, so there is nothing to match it with.
    if (object.at_key("result").error() == simdjson::SUCCESS || object.at_key("error").error() == simdjson::SUCCESS) {
      std::fprintf(stderr, "agentreel mcp: ignoring a response to id %s (this server sends no requests)\n",
                   has_id ? request.id_json.c_str() : "null");
      return std::nullopt;
    }
    return rpc_error_line(request.id_json, kInvalidRequest, "invalid request: no \"method\"");
  }
  std::string_view version;
  if (object.at_key("jsonrpc").get(version) != simdjson::SUCCESS || version != "2.0") {
    if (!has_id) return std::nullopt;
    return rpc_error_line(request.id_json, kInvalidRequest, "invalid request: \"jsonrpc\" must be \"2.0\"");
  }
  std::string_view method_name;
  if (method.get(method_name) != simdjson::SUCCESS) {
    if (!has_id) return std::nullopt;
    return rpc_error_line(request.id_json, kInvalidRequest, "invalid request: \"method\" must be a string");
  }
  request.method = std::string(method_name);
  if (object.at_key("params").get(request.params) == simdjson::SUCCESS) {
    const element_type type = request.params.type();
    if (type != element_type::OBJECT && type != element_type::ARRAY) {
      if (!has_id) return std::nullopt;
      return rpc_error_line(request.id_json, kInvalidRequest,
                            "invalid request: \"params\" must be an object or an array");
    }
    request.has_params = true;
  }

  const auto handler = handlers_.find(request.method);
  if (handler == handlers_.end()) {
    if (!has_id) return std::nullopt;  // an unknown notification is ignored, as the specification asks
    return rpc_error_line(request.id_json, kMethodNotFound, "method not found: " + request.method);
  }
  RpcReply reply;
  try {
    reply = handler->second(request);
  } catch (const std::exception& e) {
    reply = RpcReply::error(kInternalError, std::string("internal error: ") + e.what());
  }
  if (!has_id) return std::nullopt;
  if (!reply.ok) return rpc_error_line(request.id_json, reply.code, reply.message);
  return rpc_result_line(request.id_json, reply.result_json);
}

void serve_lines(RpcDispatcher& dispatcher, std::FILE* in, std::FILE* out, size_t max_message_bytes) {
  const int fd = fileno(in);
  std::string line;
  bool overlong = false;  // dropping the rest of a line that passed max_message_bytes
  const auto send = [out](const std::string& reply) {
    std::fwrite(reply.data(), 1, reply.size(), out);
    std::fputc('\n', out);
    std::fflush(out);
  };
  std::vector<char> buffer(1 << 16);
  for (;;) {
    // read(), not fread(): a pipe's next message must be answered before the client sends another.
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    std::string_view chunk(buffer.data(), size_t(got));
    while (!chunk.empty()) {
      const size_t newline = chunk.find('\n');
      const std::string_view piece = chunk.substr(0, newline);
      if (!overlong) {
        line.append(piece);
        if (line.size() > max_message_bytes) {
          overlong = true;
          line.clear();
          line.shrink_to_fit();
        }
      }
      if (newline == std::string_view::npos) break;
      chunk.remove_prefix(newline + 1);
      if (overlong) {
        send(rpc_error_line(
            "", kInvalidRequest,
            "invalid request: a message longer than " + std::to_string(max_message_bytes) + " bytes was dropped"));
        overlong = false;
      } else if (auto reply = dispatcher.handle(line)) {
        send(*reply);
      }
      line.clear();
    }
  }
  if (!overlong && !line.empty()) {
    if (auto reply = dispatcher.handle(line)) send(*reply);  // a last message without its newline
  }
}

}  // namespace agentreel::mcp
