// Hook decision log reader (see hooks_reader.h), on the JSON-lines skeleton (jsonl_reader.h), which also takes
// the one pretty-printed record of a file and a pretty-printed array of records.
#include "readers/hooks/hooks_reader.h"

#include <limits>

#include "readers/hooks/hook_record.h"
#include "readers/json_line.h"
#include "readers/jsonl_reader.h"

namespace agentreel {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

class HooksReader final : public JsonlReader {
 public:
  explicit HooksReader(const ReaderContext& context) : JsonlReader(context, kHookLayouts) {}

 private:
  // One record per line; one pretty-printed record; or one pretty-printed array of records (a hooks template's
  // logs/<event>.json, rewritten whole on every call).
  static inline const DocumentLayouts kHookLayouts{.single_object = true, .record_array = true, .array_keys = {}};

  bool on_record(object record, const Line& line, RecordRef ref) override;
  void emit(const HookRecord& record, object root, const Line& line, RecordRef ref);

  JsonLineParser stdout_parser_;  // a response's "stdout" JSON text, parsed beside the record
  uint64_t elements_ = 0;         // records read from a document's array so far
};

bool HooksReader::on_record(object record, const Line& line, RecordRef ref) {
  ++elements_;
  HookRecord hook;
  HookRecordError error;
  if (!read_hook_record(record, stdout_parser_, hook, error)) return skip(line, error.reason, std::move(error.detail));
  count_record();
  emit(hook, record, line, ref);
  return true;
}

void HooksReader::emit(const HookRecord& record, object root, const Line& line, RecordRef ref) {
  SpanOpen span;
  span.session = sink().session(record.session_id);
  span.kind = SpanKind::hook;
  span.name = record.name;
  span.record = ref;
  int64_t end_ns = 0;
  if (record.time_ns) {
    span.start_ns = record.time_marks_end ? *record.time_ns - record.duration_ns : *record.time_ns;
    end_ns = span.start_ns > std::numeric_limits<int64_t>::max() - record.duration_ns
                 ? std::numeric_limits<int64_t>::max()
                 : span.start_ns + record.duration_ns;
  } else {
    // Ordinal: the record's line, or its place in a document's array.
    span.start_ns = int64_t(reading_document() ? elements_ : line.number) * 1'000'000'000;
    end_ns = span.start_ns;
    span.flags |= kFlagOrdinalTime;
  }
  const SpanHandle h = sink().add_span(span, end_ns, record.status);
  if (!record.decision.empty()) sink().attribute(h, "decision", record.decision);
  if (!record.reason.empty()) sink().attribute(h, "reason", record.reason);
  if (!record.policy.empty()) sink().attribute(h, "policy", record.policy);
  if (!record.tool_name.empty()) sink().attribute(h, "tool_name", record.tool_name);
  if (!record.event.empty()) sink().attribute(h, "trigger_event", record.event);
  if (!record.error.empty()) sink().attribute(h, "error", record.error);
  if (!record.cwd.empty()) sink().attribute(h, "cwd", record.cwd);
  record_hook_facts(sink(), h, record, root, ref);
  if (!record.time_ns) return;
  if (!record.tool_use_id.empty()) {
    sink().link_parent(h, record.tool_use_id);
  } else if (!record.tool_name.empty()) {
    sink().link_parent_nearest(h, SpanKind::tool, record.tool_name, span.start_ns, kHookJoinWindowNs);
  }
}

}  // namespace

std::unique_ptr<FormatReader> make_hooks_reader(const ReaderContext& context) {
  return std::make_unique<HooksReader>(context);
}

std::string hooks_sniff(std::string_view head) {
  const std::optional<FirstJsonRecord> first = first_json_record(head);
  if (!first) return "no complete record in the first bytes";
  JsonLineParser parser;
  element root;
  if (!first->complete || parser.parse(first->text, root)) {
    if (!first->in_document) return "the first record is not valid JSON";
    return "the first record is not valid JSON (nor is the input one JSON document within its first " +
           std::to_string(head.size()) + " bytes)";
  }
  object record;
  if (root.get_object().get(record)) return "the first record is not a JSON object";
  std::string_view ignored;
  if (!record["type"].get_string().get(ignored) &&
      (!record["session_id"].get_string().get(ignored) || !record["sessionId"].get_string().get(ignored))) {
    return "the first record has \"type\" and a session id (an AgentEye event or a Claude Code transcript record)";
  }
  if (classify_hook_record(record) == HookForm::none) {
    return "the first record has neither \"eventType\" + \"decision\" (failproofai hook activity) nor "
           "\"hook_event_name\" (a Claude Code hook payload)";
  }
  return {};
}

}  // namespace agentreel
