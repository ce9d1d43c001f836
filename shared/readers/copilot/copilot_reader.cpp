// Copilot CLI session reader (see copilot_reader.h): the event log here, the older document in
// copilot_history.cpp. No file I/O, no platform code (compiles with emcc). One line = one event; the line itself is
// every span's payload.
//
// Span model of the event log. Events carry {id, parentId (the previous event), timestamp, type, data} and, for a
// subagent's own events, agentId.
//   agent  One root per file: from session.start (else the first event) to session.shutdown (else the last
//          event). Session: data.sessionId, else the session folder's (or file's) name. Attributes cwd and
//          git_branch from data.context; title fact from session.title_changed; summary fact from
//          session.task_complete; goal = the first prompt (300 bytes). session.shutdown's per-model totals
//          (modelMetrics) become total_input_tokens (input not read from the cache), total_output_tokens,
//          total_cache_read_tokens, total_cache_creation_tokens, total_reasoning_tokens on the root: the log
//          keeps no per-call input counts.
//          A subagent (subagent.started -> subagent.completed / .failed, by toolCallId) is an agent span under
//          the tool call that started it, named by agentName; attribute total_tokens. Its own events carry an
//          agentId; its turns nest under it once one of its messages names that call (parentToolCallId).
//   human  user.message with content, from the end of the previous turn to it; prompt fact content. Empty
//          content (an autopilot continuation the harness sends) is context.
//   model  assistant.turn_start -> assistant.turn_end: one model request and the tool calls it made (a turn
//          covers its tools). Named by the turn's model, else the session's current one (session.start's
//          selectedModel, session.model_change). Reply fact per assistant.message content, thinking from
//          reasoningText and assistant.reasoning. output_tokens = the turn's assistant.message outputTokens;
//          when the log kept assistant.usage events, all token classes from them (inputTokens counts cache reads
//          and writes, so they are taken out of input_tokens).
//   tool   tool.execution_start -> tool.execution_complete by toolCallId, under the turn whose assistant.message
//          requested it (a subagent's calls: under the subagent, via parentToolCallId). Status from success;
//          an error whose code or message says the user rejected or denied it: denied. Facts from arguments
//          (tool_facts.h; an MCP tool's action is "mcp"); output from result.content, error / reason from
//          error.message. abort cancels open turns and calls; with neither completion nor abort a call stays
//          open (the builder marks it unfinished). A completion without its start: an unpaired-end span.
//   hook   hook.start -> hook.end by hookInvocationId, named by hookType; error when not success.
//   event  Instants named by type (session.model_change, session.info, session.resume, abort (cancelled), …);
//          session.compaction_start -> session.compaction_complete as "compaction" (summary fact).
//   error  session.error and model.call_failure; error fact from their message.
// Counted but no span: system.message, deltas, progress and partial results, idle and usage-info markers.
#include "readers/copilot/copilot_reader.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/json_extents.h"
#include "core/text.h"
#include "core/timestamp.h"
#include "readers/copilot/copilot_history.h"
#include "readers/json_line.h"
#include "readers/jsonl_reader.h"
#include "readers/tool_facts.h"

namespace agentreel {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr size_t kGoalBytes = 300;
constexpr size_t kTextBytes = 512;
constexpr int64_t kNever = std::numeric_limits<int64_t>::min();

int64_t int_field(object record, std::string_view key) {
  int64_t value = 0;
  if (!record[key].get_int64().get(value)) return value;
  double real = 0;
  if (!record[key].get_double().get(real) && real >= 0 && real < 9.2e18) return int64_t(real);
  return 0;
}

// ".../session-state/<id>/events.jsonl" -> "<id>"; ".../<id>.jsonl" -> "<id>".
std::string session_from_path(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name == "events.jsonl" && slash != std::string_view::npos) {
    std::string_view folder = path.substr(0, slash);
    const size_t up = folder.find_last_of("/\\");
    return std::string(up == std::string_view::npos ? folder : folder.substr(up + 1));
  }
  if (name.ends_with(".jsonl")) name.remove_suffix(6);
  return name.empty() ? std::string("copilot") : std::string(name);
}

bool says_refused(std::string_view text) {
  for (std::string_view word : {"rejected", "denied", "declined"}) {
    if (text.find(word) != std::string_view::npos) return true;
  }
  return false;
}

// Events that repeat what others say, or mark progress: counted, no span.
bool is_quiet(std::string_view type) {
  if (type.ends_with("_delta") || type.ends_with(".delta")) return true;
  for (std::string_view quiet :
       {"system.message", "tool.execution_partial_result", "tool.execution_progress", "session.idle", "assistant.idle",
        "session.usage_info", "assistant.intent", "pending_messages.modified", "session.usage_checkpoint",
        "assistant.message_start", "hook.progress", "session.context_changed"}) {
    if (type == quiet) return true;
  }
  return false;
}

struct Turn {  // one assistant turn (a model request and its tool calls)
  SpanHandle span = kNoSpan;
  int64_t end_ns = kNever;
  bool has_usage = false;  // assistant.usage seen: it, not outputTokens, counts
  int64_t output_tokens = 0;
  bool has_output_tokens = false;
  int64_t input = 0, cache_read = 0, cache_write = 0, output = 0, reasoning = 0;
  SpanStatus status = SpanStatus::ok;
  bool closed = false;
  bool model_known = false;  // its "model" attribute is written (turn_start may name none; a later event does)
};

struct Call {  // one toolCallId
  SpanHandle span = kNoSpan;
  size_t turn = SIZE_MAX;  // the turn whose message requested it
  int64_t start_ns = 0;
  bool closed = false;
  SpanHandle subagent = kNoSpan;
};

// The JSON lines skeleton, taking the one-document layout too (the older session document is read in
// on_document).
class CopilotReader final : public JsonlReader {
 public:
  explicit CopilotReader(const ReaderContext& context)
      : JsonlReader(context, DocumentLayouts{.single_object = true, .record_array = false, .array_keys = {}}),
        path_(context.path) {}

 private:
  struct Current {
    object data;
    std::string_view type;
    std::string_view agent;  // agentId: a subagent's own event
    int64_t ns = 0;
    RecordRef ref;
  };

  bool on_record(object record, const Line& line, RecordRef ref) override;
  bool on_document(element root, const Line& document, RecordRef ref) override;
  void on_finish() override { settle(); }

  void open_root(const Current& c);
  SpanOpen span_at(const Current& c, SpanKind kind, std::string_view name) const;
  SpanHandle instant(const Current& c, SpanKind kind, std::string_view name, SpanStatus status = SpanStatus::ok);
  Turn* open_turn(std::string_view agent);
  size_t start_turn(const Current& c, std::string_view model);
  void name_model(Turn& turn, std::string_view model);  // writes its "model" attribute once, when known
  void end_turn(size_t index, int64_t ns, RecordRef ref);
  SpanHandle parent_for_call(const Current& c, std::string_view call_id, size_t& turn);

  void on_message(const Current& c);
  void on_tool_start(const Current& c);
  void on_tool_complete(const Current& c);
  void on_abort(const Current& c);
  void on_shutdown(const Current& c);
  void settle();

  std::string path_;
  SpanHandle root_ = kNoSpan;
  uint32_t session_ = 0;
  bool has_goal_ = false;
  bool shut_down_ = false;
  int64_t root_end_ns_ = kNever;
  RecordRef root_end_record_;
  int64_t idle_since_ns_ = kNever;
  std::string model_;  // the session's current model: session.start/model_change/tools_updated; "" unknown
  std::vector<Turn> turns_;
  std::unordered_map<std::string, size_t> open_turn_;        // agentId ("" = main) -> turns_
  std::unordered_map<std::string, Call> calls_;              // toolCallId
  std::unordered_map<std::string, SpanHandle> hooks_;        // hookInvocationId
  std::unordered_map<std::string, SpanHandle> agent_spans_;  // a subagent's agentId -> its agent span
  bool compaction_pending_ = false;                          // a session.compaction_start waits for its completion
  int64_t compaction_start_ns_ = 0;
};

bool CopilotReader::on_record(object record, const Line& line, RecordRef ref) {
  Current c;
  if (record["type"].get_string().get(c.type)) {
    return skip(line, SkipReason::missing_field,
                "expected string field \"type\" (session.start, user.message, tool.execution_start, ...)");
  }
  std::string_view timestamp;
  if (record["timestamp"].get_string().get(timestamp)) {
    return skip(line, SkipReason::missing_field, "expected string field \"timestamp\" (RFC 3339)");
  }
  const auto ns = parse_rfc3339_ns(timestamp);
  if (!ns) {
    return skip(line, SkipReason::bad_timestamp,
                "expected an RFC 3339 timestamp like 2026-04-23T17:08:08.908Z, got \"" +
                    std::string(utf8_prefix(timestamp, 64)) + "\"");
  }
  if (record["data"].get_object().get(c.data)) {
    return skip(line, SkipReason::wrong_type, "expected object field \"data\"");
  }
  count_record();
  c.agent = string_field(record, "agentId");
  c.ns = *ns;
  c.ref = ref;
  if (root_ == kNoSpan) open_root(c);
  if (!shut_down_) {
    root_end_ns_ = std::max(root_end_ns_, c.ns);
    root_end_record_ = ref;
  }

  const std::string_view type = c.type;
  if (type == "session.start") return true;  // read by open_root
  if (type == "user.message") {
    std::string_view content = string_field(c.data, "content");
    if (content.find_first_not_of(" \t\r\n") == std::string_view::npos) return true;  // an autopilot continuation
    SpanOpen span = span_at(c, SpanKind::human, "human input");
    if (idle_since_ns_ != kNever) span.start_ns = std::min(c.ns, idle_since_ns_);
    const SpanHandle h = sink().add_span(span, c.ns, SpanStatus::ok);
    sink().text(h, TextRole::prompt, c.ref, "/data/content");
    if (!has_goal_) {
      has_goal_ = true;
      sink().attribute(root_, "goal", utf8_prefix(content, kGoalBytes));
      sink().text(root_, TextRole::prompt, c.ref, "/data/content");
    }
    idle_since_ns_ = c.ns;
    return true;
  }
  idle_since_ns_ = c.ns;
  if (type == "assistant.turn_start") {
    start_turn(c, string_field(c.data, "model"));
  } else if (type == "assistant.turn_end") {
    auto it = open_turn_.find(std::string(c.agent));
    if (it != open_turn_.end()) end_turn(it->second, c.ns, c.ref);
  } else if (type == "assistant.message") {
    on_message(c);
  } else if (type == "model.call_start") {
    if (Turn* turn = open_turn(c.agent)) name_model(*turn, string_field(c.data, "model"));
  } else if (type == "assistant.reasoning") {
    Turn* turn = open_turn(c.agent);
    if (turn && !c.data["content"].get_string().error())
      sink().text(turn->span, TextRole::thinking, c.ref, "/data/content");
  } else if (type == "assistant.usage") {
    Turn* turn = open_turn(c.agent);
    if (!turn && !turns_.empty()) turn = &turns_.back();
    if (turn) {
      turn->has_usage = true;
      turn->input += int_field(c.data, "inputTokens");
      turn->cache_read += int_field(c.data, "cacheReadTokens");
      turn->cache_write += int_field(c.data, "cacheWriteTokens");
      turn->output += int_field(c.data, "outputTokens");
      turn->reasoning += int_field(c.data, "reasoningTokens");
    }
  } else if (type == "tool.execution_start") {
    on_tool_start(c);
  } else if (type == "tool.execution_complete") {
    on_tool_complete(c);
  } else if (type == "subagent.started") {
    const std::string call_id(string_field(c.data, "toolCallId"));
    std::string_view name = string_field(c.data, "agentName");
    if (name.empty()) name = string_field(c.data, "agentDisplayName");
    SpanOpen span = span_at(c, SpanKind::agent, name.empty() ? std::string_view("subagent") : name);
    auto call = calls_.find(call_id);
    if (call != calls_.end()) span.parent = call->second.span;
    const SpanHandle h = sink().open_span(span);
    sink().attribute(h, "agent_id", call_id);
    if (!c.data["agentDescription"].get_string().error()) {
      sink().text(h, TextRole::description, c.ref, "/data/agentDescription");
    }
    calls_[call_id].subagent = h;
  } else if (type == "subagent.completed" || type == "subagent.failed") {
    auto call = calls_.find(std::string(string_field(c.data, "toolCallId")));
    if (call == calls_.end() || call->second.subagent == kNoSpan) {
      instant(c, SpanKind::event, type, type == "subagent.failed" ? SpanStatus::error : SpanStatus::ok);
      return true;
    }
    bool cancelled = false;
    if (c.data["cancelled"].get_bool().get(cancelled)) cancelled = false;
    const SpanStatus status = type == "subagent.failed" ? SpanStatus::error
                              : cancelled               ? SpanStatus::cancelled
                                                        : SpanStatus::ok;
    const SpanHandle h = call->second.subagent;
    sink().close_span(h, c.ns, status, c.ref);
    if (int64_t tokens = int_field(c.data, "totalTokens"); tokens > 0) sink().attribute(h, "total_tokens", tokens);
    if (type == "subagent.failed" && !c.data["error"].get_string().error()) {
      sink().text(h, TextRole::error, c.ref, "/data/error");
      sink().attribute(h, "error", first_line(string_field(c.data, "error"), kTextBytes));
    }
    call->second.subagent = kNoSpan;
  } else if (type == "hook.start") {
    std::string_view name = string_field(c.data, "hookType");
    hooks_[std::string(string_field(c.data, "hookInvocationId"))] =
        sink().open_span(span_at(c, SpanKind::hook, name.empty() ? std::string_view("hook") : name));
  } else if (type == "hook.end") {
    auto hook = hooks_.find(std::string(string_field(c.data, "hookInvocationId")));
    bool success = true;
    if (c.data["success"].get_bool().get(success)) success = true;
    if (hook != hooks_.end()) {
      sink().close_span(hook->second, c.ns, success ? SpanStatus::ok : SpanStatus::error, c.ref);
      hooks_.erase(hook);
    } else {
      SpanOpen span = span_at(c, SpanKind::hook, string_field(c.data, "hookType"));
      if (span.name.empty()) span.name = "hook";
      span.flags |= kFlagUnpairedEnd;
      sink().add_span(span, c.ns, success ? SpanStatus::ok : SpanStatus::error);
    }
  } else if (type == "abort") {
    on_abort(c);
  } else if (type == "session.error" || type == "model.call_failure") {
    const SpanHandle h =
        instant(c, SpanKind::error, type == "session.error" ? "error" : "model_call_failure", SpanStatus::error);
    const char* key = type == "session.error" ? "message" : "errorMessage";
    if (auto message = string_field(c.data, key); !message.empty()) {
      sink().attribute(h, "message", utf8_prefix(message, kTextBytes));
      sink().text(h, TextRole::error, c.ref, std::string("/data/") + key);
    }
  } else if (type == "session.compaction_start") {
    compaction_pending_ = true;  // the span is made at the completion
    compaction_start_ns_ = c.ns;
  } else if (type == "session.compaction_complete") {
    SpanOpen span = span_at(c, SpanKind::event, "compaction");
    if (compaction_pending_) span.start_ns = std::min(c.ns, compaction_start_ns_);
    bool success = true;
    if (c.data["success"].get_bool().get(success)) success = true;
    const SpanHandle h = sink().add_span(span, c.ns, success ? SpanStatus::ok : SpanStatus::error);
    if (!c.data["summaryContent"].get_string().error())
      sink().text(h, TextRole::summary, c.ref, "/data/summaryContent");
    compaction_pending_ = false;
  } else if (type == "session.model_change") {
    if (auto model = string_field(c.data, "newModel"); !model.empty()) model_ = model;
    instant(c, SpanKind::event, type);
  } else if (type == "session.tools_updated") {
    if (auto model = string_field(c.data, "model"); !model.empty()) model_ = model;
  } else if (type == "session.title_changed") {
    if (!c.data["title"].get_string().error()) sink().text(root_, TextRole::title, c.ref, "/data/title");
    instant(c, SpanKind::event, type);
  } else if (type == "session.task_complete") {
    const SpanHandle h = instant(c, SpanKind::event, type);
    if (!c.data["summary"].get_string().error()) {
      sink().text(h, TextRole::summary, c.ref, "/data/summary");
      sink().text(root_, TextRole::summary, c.ref, "/data/summary");
    }
  } else if (type == "session.shutdown") {
    on_shutdown(c);
  } else if (!is_quiet(type)) {
    instant(c, SpanKind::event, type);
  }
  return true;
}

bool CopilotReader::on_document(element root_value, const Line& document, RecordRef) {
  object root;
  if (root_value.get_object().get(root)) {
    return skip(document, SkipReason::wrong_type, "expected a Copilot CLI session {sessionId, startTime, timeline}");
  }
  const std::string_view text = document.text;  // the document, from its first byte to its last
  copilot::HistoryDocument history{root, text, 0, context().stream_offset + document.offset, path_};
  return copilot::read_history(
      sink(), history,
      [&](size_t offset, SkipReason reason, std::string detail) {
        return skip_at(document.number + json_extents::line_of(text, offset) - 1, document.offset + offset, reason,
                       std::move(detail));
      },
      [this] { count_record(); });
}

void CopilotReader::open_root(const Current& c) {
  std::string_view id;
  if (c.type == "session.start") id = string_field(c.data, "sessionId");
  session_ = sink().session(id.empty() ? std::string_view(session_from_path(path_)) : id);
  SpanOpen span;
  span.session = session_;
  span.start_ns = c.ns;
  span.kind = SpanKind::agent;
  span.name = "main";
  span.record = c.ref;
  root_ = sink().open_span(span);
  root_end_ns_ = idle_since_ns_ = c.ns;
  if (c.type != "session.start") return;
  if (auto model = string_field(c.data, "selectedModel"); !model.empty()) model_ = model;
  object context;
  if (c.data["context"].get_object().get(context)) return;
  if (auto cwd = string_field(context, "cwd"); !cwd.empty()) sink().attribute(root_, "cwd", cwd);
  if (auto branch = string_field(context, "branch"); !branch.empty()) sink().attribute(root_, "git_branch", branch);
}

SpanOpen CopilotReader::span_at(const Current& c, SpanKind kind, std::string_view name) const {
  SpanOpen span;
  span.session = session_;
  span.start_ns = c.ns;
  span.kind = kind;
  span.name = name;
  span.parent = root_;
  span.record = c.ref;
  return span;
}

SpanHandle CopilotReader::instant(const Current& c, SpanKind kind, std::string_view name, SpanStatus status) {
  return sink().add_span(span_at(c, kind, name), c.ns, status);
}

Turn* CopilotReader::open_turn(std::string_view agent) {
  auto it = open_turn_.find(std::string(agent));
  return it == open_turn_.end() ? nullptr : &turns_[it->second];
}

size_t CopilotReader::start_turn(const Current& c, std::string_view model) {
  auto it = open_turn_.find(std::string(c.agent));
  if (it != open_turn_.end()) end_turn(it->second, c.ns, RecordRef{});  // its turn_end never came
  if (model.empty()) model = model_;
  SpanOpen span = span_at(c, SpanKind::model, model.empty() ? std::string_view("model") : model);
  if (auto agent = agent_spans_.find(std::string(c.agent)); agent != agent_spans_.end()) span.parent = agent->second;
  Turn turn;
  turn.span = sink().open_span(span);
  turn.end_ns = c.ns;
  name_model(turn, model);
  open_turn_[std::string(c.agent)] = turns_.size();
  turns_.push_back(turn);
  return turns_.size() - 1;
}

void CopilotReader::name_model(Turn& turn, std::string_view model) {
  if (turn.model_known || model.empty()) return;
  sink().attribute(turn.span, "model", model);
  turn.model_known = true;
}

void CopilotReader::end_turn(size_t index, int64_t ns, RecordRef ref) {
  Turn& turn = turns_[index];
  if (turn.closed) return;
  turn.closed = true;
  turn.end_ns = std::max(turn.end_ns, ns);
  sink().close_span(turn.span, turn.end_ns, turn.status, ref);
  for (auto it = open_turn_.begin(); it != open_turn_.end(); ++it) {
    if (it->second == index) {
      open_turn_.erase(it);
      break;
    }
  }
}

void CopilotReader::on_message(const Current& c) {
  Turn* turn = open_turn(c.agent);
  if (!turn) turn = &turns_[start_turn(c, string_field(c.data, "model"))];  // a message outside turn markers
  name_model(*turn, string_field(c.data, "model"));
  const size_t turn_index = size_t(turn - turns_.data());
  turn->end_ns = std::max(turn->end_ns, c.ns);
  // A subagent's turn: its messages name the call that started the subagent, so the turn nests under it.
  if (auto parent = string_field(c.data, "parentToolCallId"); !parent.empty() && !c.agent.empty()) {
    auto call = calls_.find(std::string(parent));
    if (call != calls_.end() && call->second.subagent != kNoSpan &&
        agent_spans_.try_emplace(std::string(c.agent), call->second.subagent).second) {
      sink().set_parent(turn->span, call->second.subagent);
    }
  }
  std::string_view content;
  if (!c.data["content"].get_string().get(content) && !content.empty()) {
    sink().text(turn->span, TextRole::reply, c.ref, "/data/content");
  }
  std::string_view reasoning;
  if (!c.data["reasoningText"].get_string().get(reasoning) && !reasoning.empty()) {
    sink().text(turn->span, TextRole::thinking, c.ref, "/data/reasoningText");
  }
  int64_t tokens = 0;
  if (!c.data["outputTokens"].get_int64().get(tokens)) {
    turn->output_tokens += tokens;
    turn->has_output_tokens = true;
  }
  array requests;
  if (c.data["toolRequests"].get_array().get(requests)) return;
  for (element request : requests) {
    std::string_view id;
    if (request["toolCallId"].get_string().get(id)) continue;
    Call& call = calls_[std::string(id)];
    if (call.turn == SIZE_MAX) call.turn = turn_index;
  }
}

// A call's parent: the turn that requested it, a subagent (or the call) named by parentToolCallId, the agent's
// open turn, the root.
SpanHandle CopilotReader::parent_for_call(const Current& c, std::string_view call_id, size_t& turn) {
  auto requested = calls_.find(std::string(call_id));
  if (requested != calls_.end() && requested->second.turn != SIZE_MAX) {
    turn = requested->second.turn;
    return turns_[turn].span;
  }
  if (auto parent = string_field(c.data, "parentToolCallId"); !parent.empty()) {
    auto it = calls_.find(std::string(parent));
    if (it != calls_.end()) return it->second.subagent != kNoSpan ? it->second.subagent : it->second.span;
  }
  auto open = open_turn_.find(std::string(c.agent));
  if (open != open_turn_.end()) {
    turn = open->second;
    return turns_[turn].span;
  }
  return root_;
}

void CopilotReader::on_tool_start(const Current& c) {
  const std::string_view id = string_field(c.data, "toolCallId");
  std::string_view name = string_field(c.data, "toolName");
  if (name.empty()) name = "unknown";
  size_t turn = SIZE_MAX;
  SpanOpen span = span_at(c, SpanKind::tool, name);
  span.parent = parent_for_call(c, id, turn);
  if (auto known = calls_.find(std::string(id));
      !id.empty() && known != calls_.end() && known->second.span != kNoSpan) {
    return;  // started twice: the first stands
  }
  const SpanHandle h = sink().open_span(span);
  if (!id.empty()) {
    Call& call = calls_[std::string(id)];
    call.span = h;
    call.turn = turn;
    call.start_ns = c.ns;
  }
  const std::string_view action = tool_action(name);
  object arguments;
  if (!c.data["arguments"].get_object().get(arguments)) {
    record_tool_call_facts(sink(), h, name, c.ref, "/data/arguments", arguments);  // records the action too
  } else if (!action.empty()) {
    sink().attribute(h, "action", action);
  }
  if (action.empty() && !c.data["mcpServerName"].get_string().error()) sink().attribute(h, "action", "mcp");
}

void CopilotReader::on_tool_complete(const Current& c) {
  const std::string id(string_field(c.data, "toolCallId"));
  bool success = false;
  if (c.data["success"].get_bool().get(success)) success = false;
  SpanStatus status = success ? SpanStatus::ok : SpanStatus::error;
  std::string_view error_message, error_code;
  object error;
  if (!c.data["error"].get_object().get(error)) {
    error_message = string_field(error, "message");
    error_code = string_field(error, "code");
    if (!success && (says_refused(error_code) || says_refused(error_message))) status = SpanStatus::denied;
  }
  auto found = calls_.find(id);
  SpanHandle h = kNoSpan;
  if (found == calls_.end() || found->second.span == kNoSpan) {
    size_t turn = SIZE_MAX;
    SpanOpen span = span_at(c, SpanKind::tool, "unknown");
    span.parent = parent_for_call(c, id, turn);
    span.flags |= kFlagUnpairedEnd;
    h = sink().add_span(span, c.ns, status);
  } else {
    Call& call = found->second;
    if (call.closed) return;  // completed twice (or after an abort): the first stands
    call.closed = true;
    h = call.span;
    sink().close_span(h, std::max(call.start_ns, c.ns), status, c.ref);
    if (call.turn != SIZE_MAX) turns_[call.turn].end_ns = std::max(turns_[call.turn].end_ns, c.ns);
  }
  if (!c.data["result"]["content"].get_string().error()) {
    sink().text(h, TextRole::output, c.ref, "/data/result/content");
  } else if (!c.data["result"].error()) {
    sink().text(h, TextRole::output, c.ref, "/data/result");
  }
  if (!error_message.empty()) {
    sink().text(h, status == SpanStatus::denied ? TextRole::reason : TextRole::error, c.ref, "/data/error/message");
    sink().attribute(h, status == SpanStatus::denied ? "reason" : "error", first_line(error_message, kTextBytes));
  }
}

void CopilotReader::on_abort(const Current& c) {
  const SpanHandle h = instant(c, SpanKind::event, "abort", SpanStatus::cancelled);
  if (auto reason = string_field(c.data, "reason"); !reason.empty()) sink().attribute(h, "reason", reason);
  for (auto& [id, call] : calls_) {
    if (call.span == kNoSpan || call.closed) continue;
    call.closed = true;
    sink().close_span(call.span, std::max(call.start_ns, c.ns), SpanStatus::cancelled, c.ref);
  }
  std::vector<size_t> open;
  for (const auto& [agent, index] : open_turn_) open.push_back(index);
  for (size_t index : open) {
    turns_[index].status = SpanStatus::cancelled;
    end_turn(index, c.ns, c.ref);
  }
}

void CopilotReader::on_shutdown(const Current& c) {
  shut_down_ = true;
  root_end_ns_ = std::max(root_end_ns_, c.ns);
  root_end_record_ = c.ref;
  object metrics;
  if (c.data["modelMetrics"].get_object().get(metrics)) return;
  int64_t input = 0, output = 0, cache_read = 0, cache_write = 0, reasoning = 0;
  bool any = false;
  for (auto [model, metric] : metrics) {
    object usage;
    if (metric["usage"].get_object().get(usage)) continue;
    any = true;
    const int64_t read = int_field(usage, "cacheReadTokens"), write = int_field(usage, "cacheWriteTokens");
    input += std::max<int64_t>(0, int_field(usage, "inputTokens") - read - write);
    output += int_field(usage, "outputTokens");
    cache_read += read;
    cache_write += write;
    reasoning += int_field(usage, "reasoningTokens");
  }
  if (!any) return;
  sink().attribute(root_, "total_input_tokens", input);
  sink().attribute(root_, "total_output_tokens", output);
  sink().attribute(root_, "total_cache_read_tokens", cache_read);
  sink().attribute(root_, "total_cache_creation_tokens", cache_write);
  sink().attribute(root_, "total_reasoning_tokens", reasoning);
}

void CopilotReader::settle() {
  if (root_ == kNoSpan) return;
  for (Turn& turn : turns_) {
    if (turn.has_usage) {
      sink().attribute(turn.span, "input_tokens",
                       std::max<int64_t>(0, turn.input - turn.cache_read - turn.cache_write));
      sink().attribute(turn.span, "cache_read_tokens", turn.cache_read);
      sink().attribute(turn.span, "cache_creation_tokens", turn.cache_write);
      sink().attribute(turn.span, "output_tokens", turn.output);
      sink().attribute(turn.span, "reasoning_tokens", turn.reasoning);
    } else if (turn.has_output_tokens) {
      sink().attribute(turn.span, "output_tokens", turn.output_tokens);
    }
  }
  // Turns whose turn_end never came are left open (the builder marks them unfinished), as are calls.
  sink().close_span(root_, root_end_ns_, SpanStatus::ok, root_end_record_);
}

}  // namespace

std::unique_ptr<FormatReader> make_copilot_reader(const ReaderContext& context) {
  return std::make_unique<CopilotReader>(context);
}

std::string copilot_sniff(std::string_view head) {
  namespace je = json_extents;
  const size_t begin = je::skip_whitespace(head, 0);
  if (begin >= head.size() || head[begin] != '{') return "the input does not begin with a JSON object";
  // Members of the first object (a whole event line, or the head of a truncated one or of the older document).
  const std::vector<je::Member> members = je::object_members(head, begin);
  const je::Member* type = je::find_member(members, "type");
  if (type && type->value.complete() && type->value.size() > 2) {
    const std::string_view name = head.substr(type->value.begin + 1, type->value.size() - 2);
    const bool dotted = name.starts_with("session.") || name.starts_with("user.") || name.starts_with("assistant.") ||
                        name.starts_with("tool.") || name.starts_with("system.");
    if (dotted && je::find_member(members, "data") && je::find_member(members, "id")) return {};
    return "the first event's type \"" + std::string(utf8_prefix(name, 40)) +
           "\" is not a Copilot CLI event (session.*, user.*, assistant.*, tool.*) with data and id";
  }
  if (je::find_member(members, "sessionId") && je::find_member(members, "startTime") &&
      (je::find_member(members, "timeline") || je::find_member(members, "chatMessages"))) {
    return {};
  }
  return "the first object is neither a Copilot CLI event {type, data, id, timestamp} nor a session document "
         "{sessionId, startTime, timeline}";
}

}  // namespace agentreel
