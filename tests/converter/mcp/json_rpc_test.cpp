// The MCP server's JSON-RPC framing (converter/mcp/json_rpc.h): requests answered by id, notifications never,
// malformed input answered with JSON-RPC's error codes and a message, batches only where the revision has them, and
// the line transport (serve_lines) over a pipe, overlong lines included.
#include "mcp/json_rpc.h"

#include <simdjson.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace agentreel::mcp;

namespace {

RpcDispatcher echo_dispatcher(bool batches = false) {
  RpcDispatcher dispatcher;
  dispatcher.on("echo", [](const RpcRequest& r) {
    return RpcReply::result(r.has_params ? simdjson::minify(r.params) : std::string("null"));
  });
  dispatcher.on("fail", [](const RpcRequest&) { return RpcReply::error(kInvalidParams, "bad \"x\""); });
  dispatcher.on("throw", [](const RpcRequest&) -> RpcReply { throw std::runtime_error("boom"); });
  dispatcher.set_batch_policy([batches] { return batches; });
  return dispatcher;
}

}  // namespace

TEST_CASE("a request is answered with its id, string or number, and its result", "[mcp]") {
  RpcDispatcher d = echo_dispatcher();
  CHECK(d.handle(R"({"jsonrpc":"2.0","id":7,"method":"echo","params":{"a":[1,2]}})") ==
        R"({"jsonrpc":"2.0","id":7,"result":{"a":[1,2]}})");
  CHECK(d.handle(R"({"jsonrpc":"2.0","id":"r-1","method":"echo"})") == R"({"jsonrpc":"2.0","id":"r-1","result":null})");
  CHECK(d.handle("  {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[]}\r") ==
        R"({"jsonrpc":"2.0","id":1,"result":[]})");
}

TEST_CASE("malformed JSON is a parse error with a null id and a message", "[mcp]") {
  RpcDispatcher d = echo_dispatcher();
  for (const char* bad : {"not json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"", "{\"a\":1}}", "\xFF\xFE"}) {
    const auto reply = d.handle(bad);
    REQUIRE(reply);
    CHECK(reply->starts_with(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error: )"));
  }
  CHECK_FALSE(d.handle(""));
  CHECK_FALSE(d.handle("   \r"));
}

TEST_CASE("a message that is not a request object is an invalid request", "[mcp]") {
  RpcDispatcher d = echo_dispatcher();
  CHECK(d.handle("42") == R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request: a )"
                          R"(message must be a JSON object"}})");
  CHECK(d.handle(R"({"jsonrpc":"1.0","id":3,"method":"echo"})")->find(R"("id":3,"error":{"code":-32600)") !=
        std::string::npos);
  CHECK(d.handle(R"({"jsonrpc":"2.0","id":3,"method":7})")->find("\"method\\\" must be a string") != std::string::npos);
  CHECK(d.handle(R"({"jsonrpc":"2.0","id":3})")->find("no \\\"method\\\"") != std::string::npos);
  CHECK(d.handle(R"({"jsonrpc":"2.0","id":null,"method":"echo"})")->find("-32600") != std::string::npos);
  CHECK(d.handle(R"({"jsonrpc":"2.0","id":1.5,"method":"echo"})")->find("-32600") != std::string::npos);
  CHECK(d.handle(R"({"jsonrpc":"2.0","id":{},"method":"echo"})")->find("-32600") != std::string::npos);
  CHECK(
      d.handle(R"({"jsonrpc":"2.0","id":4,"method":"echo","params":"x"})")->find(R"("id":4,"error":{"code":-32600)") !=
      std::string::npos);
}

TEST_CASE("an unknown method is method-not-found, a handler's error and exception come back as errors", "[mcp]") {
  RpcDispatcher d = echo_dispatcher();
  CHECK(d.handle(R"({"jsonrpc":"2.0","id":9,"method":"tools/nothing"})") ==
        R"({"jsonrpc":"2.0","id":9,"error":{"code":-32601,"message":"method not found: tools/nothing"}})");
  CHECK(d.handle(R"({"jsonrpc":"2.0","id":9,"method":"fail"})") ==
        R"({"jsonrpc":"2.0","id":9,"error":{"code":-32602,"message":"bad \"x\""}})");
  CHECK(d.handle(R"({"jsonrpc":"2.0","id":9,"method":"throw"})") ==
        R"({"jsonrpc":"2.0","id":9,"error":{"code":-32603,"message":"internal error: boom"}})");
}

TEST_CASE("a notification gets no reply, known, unknown, failing or malformed", "[mcp]") {
  RpcDispatcher d = echo_dispatcher();
  int calls = 0;
  d.on("notifications/initialized", [&calls](const RpcRequest& r) {
    ++calls;
    CHECK(r.is_notification());
    return RpcReply::result("{}");
  });
  CHECK_FALSE(d.handle(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"));
  CHECK(calls == 1);
  CHECK_FALSE(d.handle(R"({"jsonrpc":"2.0","method":"notifications/unknown"})"));
  CHECK_FALSE(d.handle(R"({"jsonrpc":"2.0","method":"fail"})"));
  CHECK_FALSE(d.handle(R"({"jsonrpc":"2.0","method":"throw"})"));
  CHECK_FALSE(d.handle(R"({"jsonrpc":"1.0","method":"echo"})"));
  // A client's response to a request of ours (this server sends none) is not answered either.
  CHECK_FALSE(d.handle(R"({"jsonrpc":"2.0","id":5,"result":{}})"));
}

TEST_CASE("batches are refused by default (MCP 2025-06-18) and answered as arrays where allowed (2025-03-26)",
          "[mcp]") {
  RpcDispatcher refused = echo_dispatcher(false);
  const auto no = refused.handle(R"([{"jsonrpc":"2.0","id":1,"method":"echo"}])");
  REQUIRE(no);
  CHECK(no->starts_with(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request: JSON-RPC )"
                        R"(batches are not accepted)"));

  RpcDispatcher allowed = echo_dispatcher(true);
  CHECK(allowed.handle(R"([{"jsonrpc":"2.0","id":1,"method":"echo","params":[1]},)"
                       R"({"jsonrpc":"2.0","method":"echo"},)"
                       R"({"jsonrpc":"2.0","id":2,"method":"missing"}, 5])") ==
        R"([{"jsonrpc":"2.0","id":1,"result":[1]},)"
        R"({"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"method not found: missing"}},)"
        R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request: a message must be a JSON )"
        R"(object"}}])");
  CHECK_FALSE(allowed.handle(R"([{"jsonrpc":"2.0","method":"echo"}])"));  // notifications only: no reply at all
  CHECK(allowed.handle("[]") ==
        R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request: an empty batch"}})");
}

TEST_CASE("serve_lines answers one line per message over a pipe, drops an overlong line, reads a last line", "[mcp]") {
  int to_server[2], from_server[2];
  REQUIRE(::pipe(to_server) == 0);
  REQUIRE(::pipe(from_server) == 0);
  const std::string input = std::string(R"({"jsonrpc":"2.0","id":1,"method":"echo","params":{"s":"a\nb"}})") + "\n\n" +
                            R"({"jsonrpc":"2.0","method":"echo"})" + "\n" + std::string(3000, 'x') + "\n" +
                            "garbage\n" + R"({"jsonrpc":"2.0","id":2,"method":"echo"})";  // no final newline
  REQUIRE(::write(to_server[1], input.data(), input.size()) == ssize_t(input.size()));
  ::close(to_server[1]);
  std::FILE* in = ::fdopen(to_server[0], "r");
  std::FILE* out = ::fdopen(from_server[1], "w");
  RpcDispatcher d = echo_dispatcher();
  serve_lines(d, in, out, 1024);
  std::fclose(in);
  std::fclose(out);
  std::string output;
  char buffer[4096];
  for (ssize_t n; (n = ::read(from_server[0], buffer, sizeof buffer)) > 0;) output.append(buffer, size_t(n));
  ::close(from_server[0]);
  std::vector<std::string> lines;
  for (size_t start = 0, end; (end = output.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(output.substr(start, end - start));
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == R"({"jsonrpc":"2.0","id":1,"result":{"s":"a\nb"}})");
  CHECK(lines[1] == R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request: a message )"
                    R"(longer than 1024 bytes was dropped"}})");
  CHECK(lines[2].starts_with(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error: )"));
  CHECK(lines[3] == R"({"jsonrpc":"2.0","id":2,"result":null})");
}
