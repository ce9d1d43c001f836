// Chrome trace event export (see chrome_trace_export.h; the mapping is documented in docs/export.md).
#include "export/chrome_trace_export.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "export/chrome_trace_lanes.h"
#include "export/json_stream.h"
#include "model/session_summary.h"

namespace agentreel {
namespace {

// Nanoseconds as microseconds with up to three decimals, exactly ("1234.5", "-0.001").
std::string microseconds(int64_t ns) {
  const bool negative = ns < 0;
  const uint64_t magnitude = negative ? uint64_t(0) - uint64_t(ns) : uint64_t(ns);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / 1000);
  if (const uint64_t fraction = magnitude % 1000; fraction != 0) {
    char digits[5];
    std::snprintf(digits, sizeof digits, ".%03u", unsigned(fraction));
    size_t length = 4;
    while (digits[length - 1] == '0') --length;
    out.append(digits, length);
  }
  return out;
}

void metadata(JsonWriter& json, std::string_view name, uint32_t pid, uint32_t tid, std::string_view arg_key,
              std::string_view text) {
  json.begin_object().key("name").value(name).key("ph").value("M").key("pid").value(pid).key("tid").value(tid);
  json.key("args").begin_object().key(arg_key).value(text).end_object().end_object();
}

void sort_index(JsonWriter& json, std::string_view name, uint32_t pid, uint32_t tid, uint32_t index) {
  json.begin_object().key("name").value(name).key("ph").value("M").key("pid").value(pid).key("tid").value(tid);
  json.key("args").begin_object().key("sort_index").value(index).end_object().end_object();
}

class ChromeWriter {
 public:
  ChromeWriter(const Trace& trace, const RecordReader& read, ByteSink& out)
      : trace_(trace), read_(read), stream_(out), json_(stream_.json()) {}

  Status write() {
    // The earliest wall-clock session's start is time 0 for every wall-clock session: small numbers keep
    // nanoseconds exact in a viewer's doubles, and the sessions keep their places relative to each other.
    int64_t origin = std::numeric_limits<int64_t>::max();
    for (const Session& session : trace_.sessions) {
      if (session.span_count && session_clock(session.flags) == SessionClock::wall) {
        origin = std::min(origin, session.start_ns);
      }
    }
    if (origin == std::numeric_limits<int64_t>::max()) origin = 0;
    json_.begin_object();
    json_.key("displayTimeUnit").value("ms");
    json_.key("otherData").begin_object().key("producer").value("agentreel");
    json_.key("time_origin_unix_ns").value(std::to_string(origin)).end_object();
    json_.key("traceEvents").begin_array();
    for (uint32_t s = 0; s < trace_.sessions.size(); ++s) {
      if (trace_.sessions[s].span_count == 0) continue;
      const int64_t session_origin = session_clock(trace_.sessions[s].flags) == SessionClock::wall ? origin : 0;
      AGENTREEL_TRY(write_session(s, session_origin));
    }
    json_.end_array().end_object();
    return stream_.finish();
  }

 private:
  Status write_session(uint32_t s, int64_t origin) {
    const Session& session = trace_.sessions[s];
    const uint32_t pid = s + 1;
    const std::string title = session_title(trace_, read_, s);
    const std::string_view id = trace_.strings.get(session.id);
    metadata(json_, "process_name", pid, 0, "name", title.empty() ? id : std::string_view(title));
    sort_index(json_, "process_sort_index", pid, 0, s);
    if (!title.empty()) metadata(json_, "process_labels", pid, 0, "labels", id);  // the id beside the title

    const std::vector<uint32_t> lanes = assign_chrome_lanes(trace_, s);
    uint32_t lane_count = 0;
    for (uint32_t i = 0; i < session.span_count; ++i) {
      const uint32_t span = session.first_span + i;
      lane_count = std::max(lane_count, lanes[i] + 1);
      write_span(span, pid, lanes[i] + 1, origin);
      AGENTREEL_TRY(stream_.maybe_flush());
    }
    for (uint32_t lane = 0; lane < lane_count; ++lane) {
      metadata(json_, "thread_name", pid, lane + 1, "name", "lane " + std::to_string(lane + 1));
      sort_index(json_, "thread_sort_index", pid, lane + 1, lane);
    }
    return stream_.maybe_flush();
  }

  void write_span(uint32_t span, uint32_t pid, uint32_t tid, int64_t origin) {
    const SpanColumns& spans = trace_.spans;
    json_.begin_object();
    json_.key("name").value(trace_.name_of(span));
    json_.key("cat").value(span_kind_name(spans.kind[span]));
    json_.key("ph").value("X");
    json_.key("ts").raw(microseconds(spans.start_ns[span] - origin));
    json_.key("dur").raw(microseconds(spans.duration_ns[span]));
    json_.key("pid").value(pid).key("tid").value(tid);
    json_.key("args").begin_object();
    json_.key("status").value(span_status_name(spans.status[span]));
    seen_keys_.clear();
    trace_.attributes.for_each_of(span, [&](const Attribute& row) {
      // One value a key (the first), and none named like the status above: args is a JSON object.
      if (trace_.strings.get(row.key) == "status" ||
          std::find(seen_keys_.begin(), seen_keys_.end(), row.key) != seen_keys_.end()) {
        return;
      }
      seen_keys_.push_back(row.key);
      json_.key(trace_.strings.get(row.key));
      switch (row.type) {
        case AttrType::integer: json_.value(row.value); break;
        case AttrType::string: json_.value(trace_.strings.get(StringId(row.value))); break;
        case AttrType::real: {
          double value;
          std::memcpy(&value, &row.value, sizeof value);
          json_.value(value);
          break;
        }
      }
    });
    json_.end_object().end_object();
  }

  const Trace& trace_;
  const RecordReader& read_;
  JsonStream stream_;
  JsonWriter& json_;
  std::vector<StringId> seen_keys_;
};

}  // namespace

Status write_chrome_trace(const Trace& trace, const RecordReader& read, ByteSink& out) {
  return ChromeWriter(trace, read, out).write();
}

}  // namespace agentreel
