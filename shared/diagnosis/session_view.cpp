#include "diagnosis/session_view.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "diagnosis/finding_words.h"
#include "diagnosis/text_features.h"
#include "model/call_features.h"

namespace agentreel::diagnosis {

int64_t add_ns(int64_t a, int64_t b) {
  int64_t out;
  return __builtin_add_overflow(a, b, &out) ? (b > 0 ? INT64_MAX : INT64_MIN) : out;
}

int64_t sub_ns(int64_t a, int64_t b) {
  int64_t out;
  return __builtin_sub_overflow(a, b, &out) ? (b < 0 ? INT64_MAX : INT64_MIN) : out;
}

bool CallKey::operator<(const CallKey& o) const {
  return std::tie(tool, arguments, unknown_span) < std::tie(o.tool, o.arguments, o.unknown_span);
}

SessionView::SessionView(const Trace& trace_in, uint32_t session_index, const RecordReader& payload,
                         const DiagnosisOptions& options_in)
    : trace(trace_in),
      session(trace_in.sessions[session_index]),
      options(options_in),
      spans(trace_in.spans),
      reader_(payload) {
  begin = session.first_span;
  end = session.first_span + session.span_count;
  load_facts();
  // The record columns are delta-coded in groups: decoded here once, in order, not span by span.
  payload_refs_.assign(end - begin, RecordRef{});
  one_record_.assign(end - begin, 0);
  spans.begin_record.for_each(begin, end, [&](size_t i, RecordRef ref) { payload_refs_[i - begin] = ref; });
  spans.end_record.for_each(begin, end, [&](size_t i, RecordRef ref) {
    RecordRef& opened = payload_refs_[i - begin];
    one_record_[i - begin] =
        ref.length == 0 || opened.length == 0 || (opened.offset == ref.offset && opened.length == ref.length);
    if (opened.length == 0) opened = ref;
  });
  for (uint32_t i = begin; i < end; ++i) {
    const SpanKind k = spans.kind[i];
    if (root == kNoSpan && k == SpanKind::agent && spans.parent[i] == kNoSpan) root = i;
    if (k == SpanKind::tool) steps_by_agent_[agent_of(i)].push_back(i);
    has_model_spans_ = has_model_spans_ || k == SpanKind::model;
  }
}

// One pass over the session's attribute rows: the detectors ask these of span after span. As
// Trace::find_attribute, the first row of a key counts, and only when it has the expected type.
void SessionView::load_facts() {
  facts_.assign(end - begin, SpanFacts{});
  enum Slot : int {
    kOther = -1,
    kArgs,
    kTarget,
    kWrite,
    kFlags,
    kOutputTokens,
    kError,
    kStopReason,
    kModel,
    kCompaction,
    kAction
  };
  std::unordered_map<StringId, int> slot_of_key;
  std::vector<uint16_t> seen(end - begin, 0);  // bit per slot
  trace.attributes.for_each_in(begin, end, [&](const Attribute& row) {
    auto [it, inserted] = slot_of_key.try_emplace(row.key, kOther);
    if (inserted) {
      const std::string_view key = trace.strings.get(row.key);
      it->second = key == "args_hash"       ? kArgs
                   : key == "target_hash"   ? kTarget
                   : key == "write_hash"    ? kWrite
                   : key == "call_flags"    ? kFlags
                   : key == "output_tokens" ? kOutputTokens
                   : key == "error"         ? kError
                   : key == "stop_reason"   ? kStopReason
                   : key == "model"         ? kModel
                   : key == "compaction"    ? kCompaction
                   : key == "action"        ? kAction
                                            : kOther;
    }
    const int slot = it->second;
    if (slot == kOther) return;
    uint16_t& seen_bits = seen[row.span - begin];
    const bool first = (seen_bits & (1u << slot)) == 0;
    seen_bits |= uint16_t(1u << slot);
    SpanFacts& f = facts_[row.span - begin];
    const bool integer = row.type == AttrType::integer, text = row.type == AttrType::string;
    switch (slot) {
      // Call features: the last row wins, as readers write each once.
      case kArgs: f.args_hash = integer ? row.value : f.args_hash; break;
      case kTarget: f.target_hash = integer ? row.value : f.target_hash; break;
      case kWrite: f.write_hash = integer ? row.value : f.write_hash; break;
      case kFlags: f.flags = integer ? static_cast<uint32_t>(row.value) : f.flags; break;
      case kOutputTokens:
        if (first && integer) f.output_tokens = row.value;
        break;
      case kError:
        if (first && text) f.error = StringId(row.value);
        break;
      case kStopReason:
        if (first && text) f.stop_reason = StringId(row.value);
        break;
      case kModel:
        if (first && text) f.model = StringId(row.value);
        break;
      case kAction:
        if (first && text) f.action = StringId(row.value);
        break;
      case kCompaction: f.compaction = f.compaction || (integer && row.value != 0); break;
      default: break;
    }
  });
}

std::string SessionView::attr_string(uint32_t span, std::string_view key) const {
  const std::optional<Attribute> a = trace.find_attribute(span, key);
  if (!a || a->type != AttrType::string) return {};
  return std::string(trace.strings.get(StringId(a->value)));
}

int64_t SessionView::attr_int(uint32_t span, std::string_view key) const {
  const std::optional<Attribute> a = trace.find_attribute(span, key);
  return a && a->type == AttrType::integer ? a->value : 0;
}

std::string SessionView::error_text(uint32_t span) const { return std::string(trace.strings.get(facts(span).error)); }

uint32_t SessionView::agent_of(uint32_t span) const {
  uint32_t p = spans.parent[span];
  for (int guard = 0; p != kNoSpan && guard < 64; ++guard) {
    if (spans.kind[p] == SpanKind::agent) return p;
    p = spans.parent[p];
  }
  return kNoSpan;
}

const std::vector<uint32_t>* SessionView::steps_of(uint32_t agent) const {
  auto found = steps_by_agent_.find(agent);
  return found == steps_by_agent_.end() ? nullptr : &found->second;
}

bool SessionView::refused(uint32_t tool) const {
  return spans.status[tool] == SpanStatus::denied || denying_hook_child(tool) != kNoSpan;
}

uint32_t SessionView::denying_hook_child(uint32_t tool) const {
  for (uint32_t c = tool + 1; c < end && c < tool + 32; ++c) {
    if (spans.parent[c] == tool && spans.kind[c] == SpanKind::hook && spans.status[c] == SpanStatus::denied) return c;
  }
  return kNoSpan;
}

bool SessionView::asks_user(uint32_t call) const { return (facts(call).flags & kCallAsksUser) != 0; }

// A human span of one record; one opened by the agent's own question or approval request and closed by the
// answer is inside the agent's turn.
bool SessionView::is_prompt(uint32_t span) const {
  if (spans.kind[span] != SpanKind::human) return false;
  const RecordRef opened = spans.begin_record[span], closed = spans.end_record[span];
  return closed.length == 0 || opened.length == 0 || (opened.offset == closed.offset && opened.length == closed.length);
}

bool SessionView::ends_turn(uint32_t model) const {
  const std::string_view stop = trace.strings.get(facts(model).stop_reason);
  if (stop != "end_turn" && stop != "stop" && stop != "STOP" && stop != "stop_sequence") return false;
  for (uint32_t j = model + 1; j < end && j < model + 64; ++j)
    if (spans.parent[j] == model && spans.kind[j] == SpanKind::tool) return false;
  return true;
}

// A model call is work for output_tokens / min_output_tokens_per_s before its own end (its first call, or its
// end), an hour of writing at most; with no output count, all of it is work.
int64_t SessionView::model_work_start(uint32_t model) const {
  const int64_t start = spans.start_ns[model];
  int64_t own_end = add_ns(start, spans.duration_ns[model]);
  for (uint32_t j = model + 1; j < end && j < model + 64; ++j) {
    if (spans.parent[j] == model && spans.kind[j] == SpanKind::tool) {
      own_end = std::min(own_end, spans.start_ns[j]);
      break;
    }
  }
  const int64_t tokens = facts(model).output_tokens;
  if (tokens <= 0) return start;
  const double work_s = std::min(double(tokens) / options.min_output_tokens_per_s, 3600.0);
  return std::max(start, sub_ns(own_end, int64_t(work_s * 1e9)));
}

bool SessionView::wrap_up_call(uint32_t call) const {
  const std::string_view action = trace.strings.get(facts(call).action);
  return action == "think" || action == "finish";
}

bool SessionView::only_wrap_up_after(uint32_t span) const {
  for (uint32_t i = span + 1; i < end; ++i) {
    const SpanKind k = spans.kind[i];
    if (k == SpanKind::tool && wrap_up_call(i) && spans.status[i] != SpanStatus::error) continue;
    if (k == SpanKind::tool || k == SpanKind::error) return false;
    if (k == SpanKind::model && spans.status[i] == SpanStatus::error) return false;
  }
  return true;
}

const std::string& SessionView::payload(uint32_t span) {
  auto it = payload_cache_.find(span);
  if (it != payload_cache_.end()) return it->second;
  std::string bytes;
  RecordRef ref = payload_ref(span);
  if (ref.length > 0 && reader_) {
    ref.length = std::min(ref.length, options.max_payload_bytes * 4);
    bytes = reader_(ref);
  }
  return payload_cache_.emplace(span, std::move(bytes)).first->second;
}

void SessionView::prefetch(std::vector<uint32_t> wanted) {
  std::sort(wanted.begin(), wanted.end(),
            [&](uint32_t a, uint32_t b) { return payload_ref(a).offset < payload_ref(b).offset; });
  for (const uint32_t span : wanted) payload(span);
}

const CallKey& SessionView::call_key(uint32_t span) {
  auto it = key_cache_.find(span);
  if (it != key_cache_.end()) return it->second;
  // The reader's identity hash of the arguments (prose left out), when it stored one: no payload read.
  if (const int64_t hash = facts(span).args_hash; hash != 0) {
    char hex[24];
    std::snprintf(hex, sizeof hex, "#%llx", static_cast<unsigned long long>(hash));
    return key_cache_.emplace(span, CallKey{std::string(name(span)), hex, kNoSpan}).first->second;
  }
  const std::string& record = payload(span);
  if (record.empty()) return key_cache_.emplace(span, CallKey{{}, {}, span}).first->second;
  std::string_view args = call_arguments_text(record);
  if (args.size() > options.max_payload_bytes) args = args.substr(0, options.max_payload_bytes);
  CallKey key{std::string(name(span)), normalize_text(args), kNoSpan};
  return key_cache_.emplace(span, std::move(key)).first->second;
}

void add_finding(std::vector<Finding>& findings, Finding f) {
  if (f.spans.size() > kMaxListedSpans) f.spans.resize(kMaxListedSpans);
  // One line each: a reason's line breaks and a payload's JSON escapes (\n) read as spaces.
  f.summary = words::one_line(f.summary);
  for (std::string& e : f.evidence) e = words::one_line(e);
  findings.push_back(std::move(f));
}

Finding* loop_holding(std::vector<Finding>& findings, uint32_t span) {
  for (Finding& f : findings) {
    if (f.kind != FindingKind::loop || span < f.first_span || span > f.last_span) continue;
    if (std::binary_search(f.spans.begin(), f.spans.end(), span) || f.spans.size() >= kMaxListedSpans) return &f;
  }
  return nullptr;
}

}  // namespace agentreel::diagnosis
