// find: the spans a find-language query matches (the code paths of `agentreel find`), with the same snippets.
#include "find/find_scan.h"
#include "find_snippet.h"
#include "mcp/tool.h"
#include "mcp/tool_common.h"

namespace agentreel::mcp {
namespace {

constexpr std::string_view kSchema = R"schema({"type":"object","properties":{
"query":{"type":"string","description":"the find language: words and \"phrases\" (names, attributes, the records' text), text:\"...\", tool:NAME, name:PART, kind:agent|model|tool|hook|human|pause|error|event, status:ok|error|denied|cancelled|unfinished, action:ACTION, file:PART, cmd:PART, attr:KEY=VALUE, dur>5s, dur<=200ms; -x or NOT x; a b (both), a OR b, ( ... )"
}
, "session" : {
  "type" : "string",
  "description" : "search this session only: its id, a unique prefix, or #N; all sessions when absent"
},
              "limit"
    : {"type" : "integer", "minimum" : 1, "maximum" : 500, "default" : 50, "description" : "matches returned at most"},
      "offset" : {
  "type" : "integer",
           "minimum" : 0,
           "default" : 0,
           "description" : "skip this many matches (paging: the previous answer's next_offset)"
}
}
, "required" : ["query"], "additionalProperties" : false
})schema";

ToolResult find(ServedRun& run, ToolArgs& args) {
  if (auto unknown = args.unknown_argument({"query", "session", "limit", "offset"}); !unknown.empty())
    return ToolResult::failure(unknown);
  const std::string query_text = args.text("query"), session_name = args.text("session");
  const int64_t limit = args.integer("limit", 50, 1, 500), offset = args.integer("offset", 0, 0, INT32_MAX);
  if (!args.error().empty()) return ToolResult::failure(args.error());
  if (query_text.empty()) return ToolResult::failure("query is required (e.g. \"status:error kind:tool\")");
  auto query = FindQuery::parse(query_text);
  if (!query.is_ok()) return ToolResult::failure("query: " + query.status().message());
  const Bundle& bundle = run.opened();
  const Trace& trace = bundle.trace();
  std::vector<uint32_t> sessions;
  if (!session_name.empty()) {
    auto s = session_argument(trace, session_name);
    if (!s.is_ok()) return ToolResult::failure(s.status().message());
    sessions.push_back(s.value());
  } else {
    for (uint32_t s = 0; s < trace.sessions.size(); ++s) sessions.push_back(s);
  }
  const StreamReader stream = [&bundle](uint64_t at, uint64_t size, std::string& out) {
    return bundle.read_stream(at, size, out);
  };
  struct Match {
    uint32_t session, span;
  };
  std::vector<Match> matches;
  for (uint32_t s : sessions) {
    FindOptions options;
    options.index = &bundle.find_index();
    auto found = find_in_session(trace, s, query.value(), stream, options);
    if (!found.is_ok()) return ToolResult::failure(found.status().to_string());
    for (uint32_t span : found.value()) matches.push_back({s, span});
  }
  const size_t first = std::min<size_t>(size_t(offset), matches.size());
  const size_t last = std::min<size_t>(first + size_t(limit), matches.size());
  const RecordReader read = run.reader();

  JsonWriter out;
  out.begin_object();
  out.key("query").value(query.value().describe());
  out.key("count").value(uint64_t(matches.size()));
  out.key("offset").value(uint64_t(first));
  out.key("matches").begin_array();
  for (size_t i = first; i < last; ++i) {
    const Match& m = matches[i];
    const Session& s = trace.sessions[m.session];
    out.begin_object();
    out.key("session").value(trace.strings.get(s.id));
    out.key("session_number").value(m.session + 1);
    out.key("span").value(m.span);
    out.key("span_in_session").value(m.span - s.first_span);
    out.key("offset_ns").value(trace.spans.start_ns[m.span] - s.start_ns);
    out.key("duration_ns").value(trace.spans.duration_ns[m.span]);
    out.key("kind").value(span_kind_name(trace.spans.kind[m.span]));
    out.key("name").value(trace.name_of(m.span));
    out.key("status").value(span_status_name(trace.spans.status[m.span]));
    out.key("snippet").value(cli::find_snippet(trace, read, m.span, query.value()));
    out.end_object();
  }
  out.end_array();
  if (last < matches.size()) {
    out.key("next_offset").value(uint64_t(last));
    out.key("note").value("showing " + std::to_string(last - first) + " of " + std::to_string(matches.size()) +
                          " matches; call again with offset=" + std::to_string(last) +
                          " for more, or narrow the query or the session");
  } else {
    out.key("next_offset").null();
  }
  out.end_object();
  return ToolResult::ok(out.take());
}

}  // namespace

const Tool kFindTool = {
    "find", "Find spans",
    "Spans matching a query in the find language of agentreel's viewer and `agentreel find` (names, attributes and "
    "the records' text: prompts, replies, commands, outputs, edits), in span order, each with its session, global "
    "span number, kind, name, status, start from the session's start, duration and a snippet around the match.",
    kSchema, find};

}  // namespace agentreel::mcp
