// span_records: one span's begin and end records, the bytes the log holds, paged by offset and max_bytes.
#include "core/text.h"
#include "mcp/tool.h"
#include "mcp/tool_common.h"

namespace agentreel::mcp {
namespace {

constexpr std::string_view kSchema = R"schema({"type":"object","properties":{
"span":{"type":"integer","minimum":0,"description":"the global span number (as find, session_summary and list_sessions' first_span give it)"
}
, "session" : {
  "type" : "string",
  "description" : "with span_in_session instead of span: the session's id, unique prefix or #N"
},
              "span_in_session"
    : {"type" : "integer", "minimum" : 0, "description" : "with session: the span's index within its session"},
      "record" : {
        "type" : "string",
        "enum" : [ "begin", "end", "both" ],
        "default" : "both",
        "description" : "the record that opened the span, the one that closed it, or both"
      },
                 "offset" : {
                   "type" : "integer",
                   "minimum" : 0,
                   "default" : 0,
                   "description" : "the first byte of each record to return (paging: a record's next_offset)"
                 },
                            "max_bytes" : {
  "type" : "integer",
           "minimum" : 256,
           "maximum" : 262144,
           "default" : 16384,
           "description" : "bytes returned at most per record"
}
}
, "additionalProperties" : false
})schema";

ToolResult span_records(ServedRun& run, ToolArgs& args) {
  if (auto unknown = args.unknown_argument({"span", "session", "span_in_session", "record", "offset", "max_bytes"});
      !unknown.empty())
    return ToolResult::failure(unknown);
  const Bundle& bundle = run.opened();
  const Trace& trace = bundle.trace();
  const int64_t span_arg = args.integer("span", -1, 0, INT64_MAX);
  const std::string session_name = args.text("session");
  const int64_t in_session = args.integer("span_in_session", -1, 0, INT64_MAX);
  const std::string which = args.text("record", "both");
  const int64_t offset = args.integer("offset", 0, 0, INT64_MAX);
  const int64_t max_bytes = args.integer("max_bytes", 16384, 256, 262144);
  if (!args.error().empty()) return ToolResult::failure(args.error());
  if (which != "begin" && which != "end" && which != "both")
    return ToolResult::failure("record must be \"begin\", \"end\" or \"both\"");

  uint32_t span = 0;
  if (span_arg >= 0) {
    if (!session_name.empty() || in_session >= 0)
      return ToolResult::failure("give span, or session with span_in_session, not both");
    if (uint64_t(span_arg) >= trace.spans.size())
      return ToolResult::failure("span " + std::to_string(span_arg) + " does not exist: the run has " +
                                 std::to_string(trace.spans.size()) + " spans (0 to " +
                                 std::to_string(trace.spans.size() - 1) + ")");
    span = uint32_t(span_arg);
  } else if (!session_name.empty() && in_session >= 0) {
    auto s = session_argument(trace, session_name);
    if (!s.is_ok()) return ToolResult::failure(s.status().message());
    const Session& session = trace.sessions[s.value()];
    if (uint64_t(in_session) >= session.span_count)
      return ToolResult::failure("session #" + std::to_string(s.value() + 1) + " has " +
                                 std::to_string(session.span_count) + " spans (0 to " +
                                 std::to_string(session.span_count - 1) + ")");
    span = session.first_span + uint32_t(in_session);
  } else {
    return ToolResult::failure("give span (a global span number), or session with span_in_session");
  }

  const uint32_t s = trace.session_of(span);
  const Session& session = trace.sessions[s];
  JsonWriter out;
  out.begin_object();
  out.key("span").value(span);
  out.key("session").value(trace.strings.get(session.id));
  out.key("session_number").value(s + 1);
  out.key("span_in_session").value(span - session.first_span);
  out.key("kind").value(span_kind_name(trace.spans.kind[span]));
  out.key("name").value(trace.name_of(span));
  out.key("status").value(span_status_name(trace.spans.status[span]));
  out.key("offset_ns").value(trace.spans.start_ns[span] - session.start_ns);
  out.key("duration_ns").value(trace.spans.duration_ns[span]);
  if (trace.spans.parent[span] != kNoSpan) {
    out.key("parent_span").value(trace.spans.parent[span]);
  } else {
    out.key("parent_span").null();
  }
  bool complete = true;
  out.key("records").begin_array();
  for (const std::string_view role : {std::string_view("begin"), std::string_view("end")}) {
    if (which != "both" && which != role) continue;
    const RecordRef ref = role == "begin" ? trace.spans.begin_record[span] : trace.spans.end_record[span];
    out.begin_object().key("role").value(role);
    if (ref.length == 0) {
      out.key("bytes").value(0).key("present").value(false).end_object();
      continue;
    }
    const uint64_t from = std::min<uint64_t>(uint64_t(offset), ref.length);
    const uint64_t size = std::min<uint64_t>(uint64_t(max_bytes), ref.length - from);
    // A few bytes past the page show whether it ends inside a UTF-8 character: it then ends before it, and the
    // next page starts there.
    const uint64_t peek = std::min<uint64_t>(3, ref.length - from - size);
    std::string text;
    if (const Status read = bundle.read_stream(ref.offset + from, size + peek, text); !read.is_ok())
      return ToolResult::failure("cannot read span " + std::to_string(span) + "'s " + std::string(role) +
                                 " record: " + read.to_string());
    const size_t whole = utf8_prefix(text, size_t(size)).size();
    text.resize(whole > 0 ? whole : size_t(size));
    const uint64_t next = from + text.size();
    out.key("bytes").value(uint64_t(ref.length)).key("present").value(true);
    out.key("offset").value(from).key("text").value(text);
    if (next < ref.length) {
      complete = false;
      out.key("next_offset").value(next);
    } else {
      out.key("next_offset").null();
    }
    out.end_object();
  }
  out.end_array();
  out.key("complete").value(complete);
  if (!complete)
    out.key("note").value(
        "a record was cut at max_bytes: call again with record set to its role and offset to its next_offset for "
        "the rest");
  out.end_object();
  return ToolResult::ok(out.take());
}

}  // namespace

const Tool kSpanRecordsTool = {
    "span_records", "A span's records",
    "The exact records (JSON lines as the log wrote them) that opened and closed one span: the tool call and its "
    "result, the prompt, the model's reply. Paged: each record gives its size in bytes and next_offset while more "
    "is left.",
    kSchema, span_records};

}  // namespace agentreel::mcp
