// Codex rollout reader (see codex_reader.h). Bytes in, sink calls out: no file I/O, no platform code (compiles
// with emcc). One line = one record; the line itself is every span's payload.
//
// Span model. Every span's RecordRefs are exact lines of this file.
//   agent  One root per file (a rollout is one thread), opened at its first record, closed at its last. Session:
//          session_meta's id; a thread spawned by another (source.subagent.thread_spawn) joins its parent's
//          session instead and link_parent()s "agent:<its id>", which the parent's spawn call publishes at
//          collab_agent_spawn_end. Named "main", or the spawned agent's nickname / role ("subagent"), or
//          "review" / "compact" for those side threads. Attributes cwd and git_branch (session_meta), goal
//          (the first prompt, after the IDE's "## My request for Codex:" marker, cut to 300 bytes).
//   human  event_msg user_message: from the end of the previous turn to the prompt. (The response_item copy of
//          the prompt, and the environment context and instructions written as user messages, are context.)
//   model  One model call: a run of model output records (reasoning, assistant message, function / custom /
//          local shell / web search calls, agent_message / agent_reasoning events, a token_count reporting a
//          call) with no input between them (a prompt, a tool output, an abort). It starts at the input it
//          answers and ends at its last record or when the last tool call it made returned, whichever is
//          later. Named by turn_context's model. Tokens from token_count, as the growth of the session total
//          since the previous event (see codex_records.h): input_tokens (input not read from the cache),
//          cache_read_tokens, output_tokens (including reasoning), reasoning_tokens. A second token_count in
//          one run is a second call (a retry or a compaction request) and starts a new model span.
//   tool   function_call / custom_tool_call / local_shell_call -> the *_output with the same call_id, under the
//          model call that made it. Status from the output (codex_records.h classify_output), or from
//          exec_command_end's exit code, patch_apply_end's success, mcp_tool_call_end's result when the rollout
//          kept those events; cancelled at turn_aborted when it never returned; with neither result nor abort it
//          stays open (the builder marks it unfinished). An output without its call: an unpaired-end span named
//          "unknown". web_search_call: an instant "web_search" call. A user's own shell command (an
//          exec_command_end without a call): a "shell" call under the root.
//   event  Instants: a compaction ("compaction", summary: the compacted record and the context_compacted
//          event Codex writes beside it are one), turn_aborted (cancelled, reason),
//          review mode, undo and rollback events, and types this reader does not know, named by type.
//   error  event_msg error.
// Counted but no span: turn_context (it sets the model name and working directory that follow), task and turn
// start/complete markers, the *_begin events, deltas, ghost snapshots, and the "record_type: state" lines of
// old rollouts. Those old rollouts (before 0.30) have no times: their records are laid one step apart
// (kFlagOrdinalTime), the header at step 0.
#include "readers/codex/codex_reader.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "core/timestamp.h"
#include "readers/codex/codex_records.h"
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
constexpr int64_t kStep = 1000000000LL;  // one record of an untimed rollout
constexpr int64_t kNever = std::numeric_limits<int64_t>::min();
constexpr size_t kNone = std::numeric_limits<size_t>::max();

int64_t int_field(object record, std::string_view key, int64_t fallback) {
  int64_t value = 0;
  if (!record[key].get_int64().get(value)) return value;
  return fallback;
}

// "…/rollout-2025-09-19T09-02-12-01996135-afde-7911-97f0-d863511eca56.jsonl" -> the id after the time.
std::string session_id_from_path(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name.ends_with(".jsonl")) name.remove_suffix(6);
  if (name.starts_with("rollout-") && name.size() > 8 + 20) return std::string(name.substr(8 + 20));
  return name.empty() ? std::string("codex") : std::string(name);
}

// The VS Code extension wraps the request: "# Context from my IDE setup: … ## My request for Codex:\n<request>".
std::string_view request_text(std::string_view message) {
  constexpr std::string_view kMarker = "## My request for Codex:";
  const size_t at = message.find(kMarker);
  if (at != std::string_view::npos) message.remove_prefix(at + kMarker.size());
  const size_t start = message.find_first_not_of(" \t\r\n");
  return start == std::string_view::npos ? std::string_view() : message.substr(start);
}

// A std::time::Duration as serde writes it ({"secs": S, "nanos": N}), in ns; -1 when absent.
int64_t duration_ns(object payload) {
  object duration;
  if (payload["duration"].get_object().get(duration)) return -1;
  const int64_t secs = int_field(duration, "secs", -1);
  const int64_t nanos = int_field(duration, "nanos", 0);
  if (secs < 0 || secs > 100000000) return -1;
  return secs * kStep + nanos;
}

enum class Layout : uint8_t { unknown, envelope, legacy };

struct Model {  // one model call
  SpanHandle span = kNoSpan;
  int64_t end_ns = kNever;
  RecordRef first_record, last_record;
  bool has_usage = false;
  codex::TokenUsage usage;
  SpanStatus status = SpanStatus::ok;
};

struct Tool {  // one call_id
  std::string id;
  SpanHandle span = kNoSpan;
  size_t model = kNone;
  int64_t start_ns = 0;
  int64_t end_ns = kNever;  // grown by exec/patch end events
  bool has_result = false;
  bool closed = false;  // closed early (an abort): later results are ignored
  RecordRef result_record;
  codex::ToolOutcome outcome;        // read from the output
  codex::ToolOutcome event_outcome;  // from exec_command_end / patch_apply_end / mcp_tool_call_end
  std::string output_pointer;        // where the output sits in result_record ("" = none)
  std::string agent_id;              // the thread a spawn call started
};

class CodexReader final : public JsonlReader {
 public:
  explicit CodexReader(const ReaderContext& context) : JsonlReader(context), path_(context.path) {}

 private:
  struct Current {
    object payload;         // the envelope's payload, or the bare record of an old rollout
    std::string_view type;  // the envelope's type ("response_item" for a bare item)
    std::string_view item;  // the payload's own "type"
    std::string base;       // JSON pointer of the payload in the record: "/payload" or ""
    int64_t ns = 0;
    RecordRef ref;
  };

  bool on_record(object record, const Line& line, RecordRef ref) override;
  void on_finish() override { settle(); }
  bool on_envelope(object record, const Line& line, RecordRef ref);
  bool on_legacy(object record, const Line& line, RecordRef ref);

  void open_root(const Current& c, const object* meta);  // meta: session_meta or the old header, if any
  SpanOpen span_at(const Current& c, SpanKind kind, std::string_view name) const;
  SpanHandle instant(const Current& c, SpanKind kind, std::string_view name, SpanStatus status = SpanStatus::ok);
  Model& model_for(const Current& c);  // the open model call, opened on its first output record
  void end_model_call() { open_model_ = kNone; }
  Tool& tool_for(std::string_view id);

  void on_response_item(const Current& c);
  void on_event(const Current& c);
  void on_prompt(const Current& c, const std::string& pointer, std::string_view text);
  void on_call(const Current& c);
  void on_output(const Current& c);
  void on_abort(const Current& c);
  void on_tool_end_event(const Current& c);
  void settle();

  std::string path_;
  Layout layout_ = Layout::unknown;
  int64_t ordinal_ns_ = 0;  // untimed rollouts: the current record's step
  uint16_t flags_ = 0;      // kFlagOrdinalTime on every span of an untimed rollout

  SpanHandle root_ = kNoSpan;
  uint32_t session_ = 0;
  std::string root_cwd_;
  bool has_goal_ = false;
  int64_t root_end_ns_ = kNever;
  RecordRef root_end_record_;
  std::string agent_id_;  // this thread's id when another thread spawned it

  std::string model_name_ = "model";  // from turn_context
  std::string cwd_;                   // likewise
  int64_t last_input_ns_ = kNever;    // the latest input a model call answers
  int64_t idle_since_ns_ = kNever;    // the end of the previous turn, for a prompt's wait
  // Codex writes one compaction twice: the `compacted` record (or a `compaction` item) and the
  // `context_compacted` event beside it. The second of the pair joins the first's span.
  enum class CompactionSource : uint8_t { none, record, event };
  CompactionSource last_compaction_ = CompactionSource::none;
  SpanHandle last_compaction_span_ = kNoSpan;
  SpanHandle compaction(const Current& c, CompactionSource source);
  size_t open_model_ = kNone;
  std::vector<Model> models_;
  std::vector<Tool> tools_;
  std::unordered_map<std::string, size_t> tool_index_;
  codex::TokenCounter tokens_;
  simdjson::dom::parser output_parser_;  // for outputs that are JSON in a string
};

bool CodexReader::on_record(object record, const Line& line, RecordRef ref) {
  if (layout_ == Layout::unknown) {
    std::string_view type;
    object payload;
    if (!record["type"].get_string().get(type) && !record["payload"].get_object().get(payload)) {
      layout_ = Layout::envelope;
    } else if (!record["id"].get_string().error() || !record["record_type"].error() || !type.empty()) {
      layout_ = Layout::legacy;
      flags_ = kFlagOrdinalTime;
    } else {
      return skip(line, SkipReason::missing_field,
                  "expected a rollout line {timestamp, type, payload} or an old rollout's session header {id, "
                  "timestamp}");
    }
  }
  return layout_ == Layout::envelope ? on_envelope(record, line, ref) : on_legacy(record, line, ref);
}

bool CodexReader::on_envelope(object record, const Line& line, RecordRef ref) {
  Current c;
  if (record["type"].get_string().get(c.type)) {
    return skip(line, SkipReason::missing_field,
                "expected string field \"type\" (session_meta, turn_context, response_item, event_msg, compacted)");
  }
  std::string_view timestamp;
  if (record["timestamp"].get_string().get(timestamp)) {
    return skip(line, SkipReason::missing_field, "expected string field \"timestamp\" (RFC 3339)");
  }
  const auto ns = parse_rfc3339_ns(timestamp);
  if (!ns) {
    return skip(line, SkipReason::bad_timestamp,
                "expected an RFC 3339 timestamp like 2025-09-19T09:02:12.457Z, got \"" +
                    std::string(utf8_prefix(timestamp, 64)) + "\"");
  }
  if (record["payload"].get_object().get(c.payload)) {
    return skip(line, SkipReason::wrong_type, "expected object field \"payload\"");
  }
  count_record();
  c.item = string_field(c.payload, "type");
  c.base = "/payload";
  c.ns = *ns;
  c.ref = ref;

  if (root_ == kNoSpan) open_root(c, c.type == "session_meta" ? &c.payload : nullptr);
  root_end_ns_ = std::max(root_end_ns_, c.ns);
  root_end_record_ = ref;

  if (c.type == "session_meta") {
    return true;  // read by open_root; a second one (a resumed thread) adds nothing
  }
  if (c.type == "turn_context") {
    if (auto model = string_field(c.payload, "model"); !model.empty()) model_name_ = model;
    if (auto cwd = string_field(c.payload, "cwd"); !cwd.empty()) cwd_ = cwd;
    return true;
  }
  if (c.type == "response_item") {
    on_response_item(c);
  } else if (c.type == "event_msg") {
    on_event(c);
  } else if (c.type == "compacted") {
    const SpanHandle h = compaction(c, CompactionSource::record);
    if (!c.payload["message"].get_string().error()) sink().text(h, TextRole::summary, c.ref, "/payload/message");
    end_model_call();
    idle_since_ns_ = last_input_ns_ = c.ns;
  } else {
    instant(c, SpanKind::event, c.type);  // a record type this reader does not know: kept, placed
  }
  return true;
}

bool CodexReader::on_legacy(object record, const Line& line, RecordRef ref) {
  if (!record["record_type"].error()) {  // {"record_type":"state"} markers
    count_record();
    return true;
  }
  Current c;
  c.payload = record;
  c.type = "response_item";
  c.ref = ref;
  if (record["type"].get_string().get(c.item)) {
    if (root_ == kNoSpan && !record["id"].get_string().error()) {  // the session header
      count_record();
      open_root(c, &record);
      root_end_ns_ = 0;
      root_end_record_ = ref;
      return true;
    }
    return skip(line, SkipReason::missing_field,
                "expected string field \"type\" (a response item: message, reasoning, function_call, ...)");
  }
  count_record();
  ordinal_ns_ += kStep;
  c.ns = ordinal_ns_;
  if (root_ == kNoSpan) open_root(c, nullptr);
  root_end_ns_ = std::max(root_end_ns_, c.ns);
  root_end_record_ = ref;
  on_response_item(c);
  return true;
}

void CodexReader::open_root(const Current& c, const object* meta) {
  std::string id;
  std::string name = "main";
  std::string session_key;
  if (meta) {
    id = string_field(*meta, "id");
    element source;
    if (!(*meta)["source"].get(source)) {
      element subagent;
      if (!source["subagent"].get(subagent)) {
        std::string_view kind;
        object spawn;
        if (!subagent.get_string().get(kind)) {
          name = kind;  // "review", "compact"
        } else if (!subagent["thread_spawn"].get_object().get(spawn)) {
          session_key = string_field(spawn, "parent_thread_id");
          std::string_view label = string_field(spawn, "agent_nickname");
          if (label.empty()) label = string_field(spawn, "agent_role");
          name = label.empty() ? std::string("subagent") : std::string(label);
          agent_id_ = id;
        } else {
          name = "subagent";
        }
      }
    }
  }
  if (id.empty()) id = session_id_from_path(path_);
  if (session_key.empty()) session_key = id;
  session_ = sink().session(session_key);
  SpanOpen span;
  span.session = session_;
  span.start_ns = c.ns;
  span.kind = SpanKind::agent;
  span.name = name;
  span.record = c.ref;
  span.flags = flags_;
  root_ = sink().open_span(span);
  root_end_ns_ = c.ns;
  last_input_ns_ = idle_since_ns_ = c.ns;
  if (!meta) return;
  root_cwd_ = string_field(*meta, "cwd");
  cwd_ = root_cwd_;
  if (!root_cwd_.empty()) sink().attribute(root_, "cwd", root_cwd_);
  std::string_view branch;
  if (!(*meta)["git"]["branch"].get_string().get(branch) && !branch.empty())
    sink().attribute(root_, "git_branch", branch);
  if (!agent_id_.empty()) sink().attribute(root_, "agent_id", agent_id_);
}

SpanOpen CodexReader::span_at(const Current& c, SpanKind kind, std::string_view name) const {
  SpanOpen span;
  span.session = session_;
  span.start_ns = c.ns;
  span.kind = kind;
  span.name = name;
  span.parent = root_;
  span.record = c.ref;
  span.flags = flags_;
  return span;
}

SpanHandle CodexReader::instant(const Current& c, SpanKind kind, std::string_view name, SpanStatus status) {
  return sink().add_span(span_at(c, kind, name), c.ns, status);
}

Model& CodexReader::model_for(const Current& c) {
  if (open_model_ == kNone) {
    SpanOpen span = span_at(c, SpanKind::model, model_name_);
    if (last_input_ns_ != kNever) span.start_ns = std::min(c.ns, last_input_ns_);
    Model model;
    model.span = sink().open_span(span);
    model.first_record = c.ref;
    if (model_name_ != "model") sink().attribute(model.span, "model", model_name_);  // named by a turn_context
    open_model_ = models_.size();
    models_.push_back(model);
  }
  Model& model = models_[open_model_];
  model.last_record = c.ref;
  model.end_ns = std::max(model.end_ns, c.ns);
  idle_since_ns_ = c.ns;
  return model;
}

Tool& CodexReader::tool_for(std::string_view id) {
  auto [slot, inserted] = tool_index_.try_emplace(std::string(id), tools_.size());
  if (inserted) {
    tools_.emplace_back();
    tools_.back().id = id;
  }
  return tools_[slot->second];
}

SpanHandle CodexReader::compaction(const Current& c, CompactionSource source) {
  const bool other_half = last_compaction_ != CompactionSource::none && last_compaction_ != source;
  last_compaction_ = other_half ? CompactionSource::none : source;
  if (other_half) return last_compaction_span_;
  last_compaction_span_ = instant(c, SpanKind::event, "compaction");
  return last_compaction_span_;
}

void CodexReader::on_response_item(const Current& c) {
  if (c.item != "compaction" && c.item != "compaction_summary") last_compaction_ = CompactionSource::none;
  if (c.item == "message") {
    const std::string_view role = string_field(c.payload, "role");
    if (role == "assistant") {
      Model& model = model_for(c);
      array blocks;
      if (c.payload["content"].get_array().get(blocks)) return;
      size_t index = 0;
      for (element block : blocks) {
        const size_t at = index++;
        if (block["text"].get_string().error()) continue;
        sink().text(model.span, TextRole::reply, c.ref, c.base + "/content/" + std::to_string(at) + "/text");
      }
    } else if (role == "user" && layout_ == Layout::legacy) {
      // Old rollouts have no user_message events: the user message is the prompt, unless the harness wrote it.
      element content;
      if (c.payload["content"].get(content)) return;
      const std::string text = codex::content_text(content);
      if (!codex::is_injected_context(text)) on_prompt(c, c.base + "/content", text);
    }
    return;  // the prompt's copy, injected context, developer and system messages: context, no span
  }
  if (c.item == "reasoning") {
    Model& model = model_for(c);
    for (std::string_view key : {"summary", "content"}) {
      if (!c.payload[key].get_string().error()) {  // some writers keep the summary as one string
        sink().text(model.span, TextRole::thinking, c.ref, c.base + "/" + std::string(key));
        continue;
      }
      array blocks;
      if (c.payload[key].get_array().get(blocks)) continue;
      size_t index = 0;
      for (element block : blocks) {
        const size_t at = index++;
        if (block["text"].get_string().error()) continue;
        sink().text(model.span, TextRole::thinking, c.ref,
                    c.base + "/" + std::string(key) + "/" + std::to_string(at) + "/text");
      }
    }
    return;
  }
  if (c.item == "function_call" || c.item == "custom_tool_call" || c.item == "local_shell_call") {
    on_call(c);
    return;
  }
  if (c.item == "function_call_output" || c.item == "custom_tool_call_output") {
    on_output(c);
    return;
  }
  if (c.item == "web_search_call") {
    Model& model = model_for(c);
    SpanOpen span = span_at(c, SpanKind::tool, "web_search");
    span.parent = model.span;
    const std::string_view status = string_field(c.payload, "status");
    const SpanHandle h = sink().add_span(span, c.ns, status == "failed" ? SpanStatus::error : SpanStatus::ok);
    sink().attribute(h, "action", "web_search");
    if (!c.payload["action"].error()) sink().text(h, TextRole::input, c.ref, c.base + "/action");
    if (!c.payload["action"]["query"].get_string().error()) {
      sink().text(h, TextRole::query, c.ref, c.base + "/action/query");
    }
    if (!c.payload["action"]["url"].get_string().error()) sink().text(h, TextRole::url, c.ref, c.base + "/action/url");
    return;
  }
  if (c.item == "compaction" || c.item == "compaction_summary") {
    compaction(c, CompactionSource::record);
    end_model_call();
    idle_since_ns_ = last_input_ns_ = c.ns;
  }
  // ghost_snapshot and items of types this reader does not know: counted, no span
}

void CodexReader::on_prompt(const Current& c, const std::string& pointer, std::string_view text) {
  end_model_call();
  SpanOpen span = span_at(c, SpanKind::human, "human input");
  if (idle_since_ns_ != kNever) span.start_ns = std::min(c.ns, idle_since_ns_);
  const SpanHandle h = sink().add_span(span, c.ns, SpanStatus::ok);
  if (text.empty()) {  // a user_message without its message (images only, or a writer that left it out)
    last_input_ns_ = idle_since_ns_ = c.ns;
    return;
  }
  sink().text(h, TextRole::prompt, c.ref, pointer);
  if (!has_goal_) {
    has_goal_ = true;
    sink().attribute(root_, "goal", utf8_prefix(request_text(text), kGoalBytes));
    sink().text(root_, TextRole::prompt, c.ref, pointer);
  }
  last_input_ns_ = idle_since_ns_ = c.ns;
}

void CodexReader::on_call(const Current& c) {
  std::string_view id = string_field(c.payload, "call_id");
  if (id.empty()) id = string_field(c.payload, "id");  // local_shell_call over the chat completions API
  model_for(c);
  const size_t model_at = open_model_;
  std::string_view name =
      c.item == "local_shell_call" ? std::string_view("local_shell") : string_field(c.payload, "name");
  if (name.empty()) name = "unknown";
  SpanOpen span = span_at(c, SpanKind::tool, name);
  span.parent = models_[model_at].span;
  SpanHandle h = kNoSpan;
  if (!id.empty()) {
    Tool& tool = tool_for(id);
    if (tool.span != kNoSpan) return;  // the same call twice (a resumed rollout replays it): the first stands
    tool.span = h = sink().open_span(span);
    tool.model = model_at;
    tool.start_ns = c.ns;
  } else {
    h = sink().open_span(span);  // no id: nothing can pair with it, it stays open
  }
  if (const std::string_view action = tool_action(name); !action.empty()) sink().attribute(h, "action", action);

  if (c.item == "local_shell_call") {
    object action;
    if (c.payload["action"].get_object().get(action)) return;
    sink().text(h, TextRole::input, c.ref, c.base + "/action");
    array argv;
    if (!action["command"].get_array().get(argv)) {
      const int script = codex::argv_script_index(argv);
      sink().text(h, TextRole::command, c.ref,
                  c.base + "/action/command" + (script >= 0 ? "/" + std::to_string(script) : std::string()));
    }
    if (auto dir = string_field(action, "working_directory"); !dir.empty() && dir != root_cwd_) {
      sink().attribute(h, "cwd", dir);
    }
    return;
  }
  const std::string key = c.item == "custom_tool_call" ? "input" : "arguments";
  object arguments;
  if (!c.payload[key].get_object().get(arguments)) {
    // Arguments already an object (some proxies write them so): the well-known keys become facts too.
    record_tool_call_facts(sink(), h, name, c.ref, c.base + "/" + key, arguments);
    return;
  }
  // Usually the arguments are the model's JSON text in a string: the input fact reads that text.
  if (!c.payload[key].get_string().error()) sink().text(h, TextRole::input, c.ref, c.base + "/" + key);
  if (!cwd_.empty() && cwd_ != root_cwd_) sink().attribute(h, "cwd", cwd_);
}

void CodexReader::on_output(const Current& c) {
  end_model_call();
  last_input_ns_ = idle_since_ns_ = c.ns;
  const std::string_view id = string_field(c.payload, "call_id");
  element output;
  const bool has_output = !c.payload["output"].get(output);
  std::string pointer = has_output ? c.base + "/output" : std::string();
  std::string_view text;
  std::string joined;  // content items [{type: input_text, text}] (custom tools, MCP results), as one text
  if (has_output && output.is_object()) {  // {content, success} in some versions
    if (!output["content"].get_string().get(text)) pointer += "/content";
  } else if (has_output && output.is_array()) {
    joined = codex::content_text(output);
    text = joined;
  } else if (has_output) {
    if (output.get_string().get(text)) text = {};
  }
  codex::ToolOutcome outcome = codex::classify_output(text, output_parser_);
  if (has_output && output.is_object()) {
    bool success = true;
    if (!output["success"].get_bool().get(success) && !success && outcome.status == SpanStatus::ok) {
      outcome = {SpanStatus::error, std::string(first_line(text, kTextBytes))};
    }
  }
  auto found = id.empty() ? tool_index_.end() : tool_index_.find(std::string(id));
  if (found == tool_index_.end() || tools_[found->second].span == kNoSpan) {
    SpanOpen span = span_at(c, SpanKind::tool, "unknown");
    span.flags |= kFlagUnpairedEnd;
    const SpanHandle h = sink().add_span(span, c.ns, outcome.status);
    if (!pointer.empty()) sink().text(h, TextRole::output, c.ref, pointer);
    return;
  }
  Tool& tool = tools_[found->second];
  if (tool.has_result || tool.closed) return;  // a second output for one call: the first stands
  tool.has_result = true;
  tool.result_record = c.ref;
  tool.end_ns = std::max(tool.end_ns, c.ns);
  tool.outcome = std::move(outcome);
  tool.output_pointer = pointer;
}

void CodexReader::on_abort(const Current& c) {
  const SpanHandle h = instant(c, SpanKind::event, "turn_aborted", SpanStatus::cancelled);
  if (auto reason = string_field(c.payload, "reason"); !reason.empty()) sink().attribute(h, "reason", reason);
  if (open_model_ != kNone) models_[open_model_].status = SpanStatus::cancelled;
  for (Tool& tool : tools_) {
    if (tool.span == kNoSpan || tool.has_result || tool.closed) continue;
    tool.closed = true;
    tool.end_ns = std::max(tool.end_ns, c.ns);
    sink().close_span(tool.span, std::max(tool.start_ns, tool.end_ns), SpanStatus::cancelled, c.ref);
    if (tool.model != kNone) models_[tool.model].end_ns = std::max(models_[tool.model].end_ns, tool.end_ns);
  }
  end_model_call();
  last_input_ns_ = idle_since_ns_ = c.ns;
}

// exec_command_end, patch_apply_end, mcp_tool_call_end: the call's own account of how it ran, kept by rollouts
// written in extended mode (and by some versions always).
void CodexReader::on_tool_end_event(const Current& c) {
  const std::string_view id = string_field(c.payload, "call_id");
  codex::ToolOutcome outcome;
  if (c.item == "exec_command_end") {
    int64_t code = 0;
    if (!c.payload["exit_code"].get_int64().get(code) && code != 0) {
      outcome = {SpanStatus::error, "exit code " + std::to_string(code)};
    }
  } else if (c.item == "patch_apply_end") {
    bool success = true;
    if (!c.payload["success"].get_bool().get(success) && !success) {
      outcome = {SpanStatus::error, std::string(first_line(string_field(c.payload, "stderr"), kTextBytes))};
      if (outcome.text.empty()) outcome.text = "the patch did not apply";
    }
  } else {  // mcp_tool_call_end: result {"Ok": CallToolResult} or {"Err": message}
    object result;
    if (!c.payload["result"].get_object().get(result)) {
      std::string_view error;
      bool is_error = false;
      if (!result["Err"].get_string().get(error)) {
        outcome = {SpanStatus::error, std::string(first_line(error, kTextBytes))};
      } else if ((!result["Ok"]["isError"].get_bool().get(is_error) ||
                  !result["Ok"]["is_error"].get_bool().get(is_error)) &&
                 is_error) {
        outcome = {SpanStatus::error, "the MCP tool reported an error"};
      }
    }
  }
  auto found = id.empty() ? tool_index_.end() : tool_index_.find(std::string(id));
  SpanHandle h = kNoSpan;
  if (found != tool_index_.end() && tools_[found->second].span != kNoSpan) {
    Tool& tool = tools_[found->second];
    h = tool.span;
    tool.end_ns = std::max(tool.end_ns, c.ns);
    if (outcome.status != SpanStatus::ok) tool.event_outcome = outcome;
  } else if (c.item == "exec_command_end") {
    // A command the person ran themselves ("!cmd"): no model asked for it.
    SpanOpen span = span_at(c, SpanKind::tool, "shell");
    if (const int64_t took = duration_ns(c.payload); took > 0 && c.ns - took >= 0) span.start_ns = c.ns - took;
    h = sink().add_span(span, c.ns, outcome.status);
    sink().attribute(h, "action", "shell");
    if (outcome.status != SpanStatus::ok) sink().attribute(h, "error", outcome.text);
  } else {
    return;
  }
  if (c.item == "exec_command_end") {
    array argv;
    if (!c.payload["command"].get_array().get(argv)) {
      const int script = codex::argv_script_index(argv);
      sink().text(h, TextRole::command, c.ref,
                  "/payload/command" + (script >= 0 ? "/" + std::to_string(script) : std::string()));
    }
    if (int64_t code = 0; !c.payload["exit_code"].get_int64().get(code)) sink().attribute(h, "exit_code", code);
  }
  for (auto [key, role] : {std::pair{"stdout", TextRole::stdout_text}, std::pair{"stderr", TextRole::stderr_text}}) {
    std::string_view text;
    if (!c.payload[key].get_string().get(text) && !text.empty()) {
      sink().text(h, role, c.ref, std::string("/payload/") + key);
    }
  }
}

void CodexReader::on_event(const Current& c) {
  const std::string_view type = c.item;
  if (type == "user_message") {
    on_prompt(c, "/payload/message", string_field(c.payload, "message"));
    return;
  }
  if (type == "agent_message" || type == "agent_reasoning" || type == "agent_reasoning_raw_content") {
    model_for(c);  // the same words as the response items that follow or precede it: no second fact
    return;
  }
  if (type == "token_count") {
    const std::optional<codex::TokenUsage> usage = tokens_.call_usage(c.payload);
    if (!usage) return;  // rate limits only, or the same total again
    if (open_model_ != kNone && models_[open_model_].has_usage) end_model_call();  // a second call in one run
    Model& model = model_for(c);
    model.has_usage = true;
    model.usage = *usage;
    return;
  }
  if (type == "turn_aborted") {
    on_abort(c);
    return;
  }
  if (type == "error") {
    const SpanHandle h = instant(c, SpanKind::error, "error", SpanStatus::error);
    if (auto message = string_field(c.payload, "message"); !message.empty()) {
      sink().attribute(h, "message", utf8_prefix(message, kTextBytes));
      sink().text(h, TextRole::error, c.ref, "/payload/message");
    }
    return;
  }
  if (type == "exec_command_end" || type == "patch_apply_end" || type == "mcp_tool_call_end") {
    on_tool_end_event(c);
    return;
  }
  if (type == "collab_agent_spawn_end") {
    const std::string_view id = string_field(c.payload, "call_id");
    const std::string_view thread = string_field(c.payload, "new_thread_id");
    if (!id.empty() && !thread.empty()) tool_for(id).agent_id = thread;
    return;
  }
  if (type == "context_compacted") {
    compaction(c, CompactionSource::event);
    return;
  }
  for (std::string_view quiet : {"task_started",
                                 "task_complete",
                                 "turn_started",
                                 "turn_complete",
                                 "exec_command_begin",
                                 "patch_apply_begin",
                                 "mcp_tool_call_begin",
                                 "web_search_begin",
                                 "web_search_end",
                                 "collab_agent_spawn_begin",
                                 "item_completed",
                                 "item_started",
                                 "plan_update",
                                 "turn_diff",
                                 "agent_message_delta",
                                 "agent_reasoning_delta",
                                 "thread_context_usage_updated",
                                 "thread_goal_updated",
                                 "thread_skills_updated",
                                 "view_image_tool_call"}) {
    if (type == quiet) return;  // counted: markers and what the response items already say
  }
  instant(c, SpanKind::event, type.empty() ? std::string_view("event_msg") : type);
}

void CodexReader::settle() {
  if (root_ == kNoSpan) return;
  for (Tool& tool : tools_) {
    if (tool.span == kNoSpan || tool.closed) continue;
    if (!tool.has_result) {
      if (tool.end_ns != kNever && tool.model != kNone) {
        models_[tool.model].end_ns = std::max(models_[tool.model].end_ns, tool.end_ns);
      }
      continue;  // never returned: left open, the builder marks it unfinished
    }
    const codex::ToolOutcome& outcome = tool.outcome.status != SpanStatus::ok ? tool.outcome : tool.event_outcome;
    const int64_t end = std::max(tool.start_ns, tool.end_ns);
    sink().close_span(tool.span, end, outcome.status, tool.result_record);
    if (!tool.output_pointer.empty()) {
      sink().text(tool.span, TextRole::output, tool.result_record, tool.output_pointer);
      if (outcome.status == SpanStatus::error)
        sink().text(tool.span, TextRole::error, tool.result_record, tool.output_pointer);
      if (outcome.status == SpanStatus::denied)
        sink().text(tool.span, TextRole::reason, tool.result_record, tool.output_pointer);
    }
    if (outcome.status == SpanStatus::error)
      sink().attribute(tool.span, "error", utf8_prefix(outcome.text, kTextBytes));
    if (outcome.status == SpanStatus::denied)
      sink().attribute(tool.span, "reason", utf8_prefix(outcome.text, kTextBytes));
    if (tool.model != kNone) models_[tool.model].end_ns = std::max(models_[tool.model].end_ns, end);
    root_end_ns_ = std::max(root_end_ns_, end);
  }
  for (const Tool& tool : tools_) {
    if (tool.span != kNoSpan && !tool.agent_id.empty()) {
      sink().publish(tool.span, "agent:" + tool.agent_id);
      sink().attribute(tool.span, "agent_id", tool.agent_id);
    }
  }
  for (Model& model : models_) {
    const bool one_record = model.last_record.offset == model.first_record.offset;
    sink().close_span(model.span, model.end_ns, model.status, one_record ? RecordRef{} : model.last_record);
    if (model.has_usage) {
      const codex::TokenUsage& u = model.usage;
      sink().attribute(model.span, "input_tokens", std::max<int64_t>(0, u.input - u.cached_input));
      sink().attribute(model.span, "cache_read_tokens", u.cached_input);
      sink().attribute(model.span, "output_tokens", u.output);
      sink().attribute(model.span, "reasoning_tokens", u.reasoning_output);
    }
    root_end_ns_ = std::max(root_end_ns_, model.end_ns);
  }
  sink().close_span(root_, root_end_ns_, SpanStatus::ok, root_end_record_);
  if (!agent_id_.empty()) sink().link_parent(root_, "agent:" + agent_id_);
}

}  // namespace

std::unique_ptr<FormatReader> make_codex_reader(const ReaderContext& context) {
  return std::make_unique<CodexReader>(context);
}

std::string codex_sniff(std::string_view head) {
  const std::optional<FirstRecordLine> first = first_record_line(head);
  if (!first) return "no complete record in the first bytes";
  const std::string_view line = first->text;
  JsonLineParser parser;
  element root;
  if (parser.parse(line, root)) {
    // A session_meta longer than the head (it may carry the base instructions): judge its beginning.
    if (!first->complete && line.starts_with("{\"timestamp\":\"") &&
        line.substr(0, 96).find("\"type\":\"session_meta\",\"payload\":{") != std::string_view::npos) {
      return {};
    }
    return "the first record is not valid JSON";
  }
  object record;
  if (root.get_object().get(record)) return "the first record is not a JSON object";
  std::string_view type;
  if (!record["type"].get_string().get(type)) {
    object payload;
    if (type == "session_meta" && !record["payload"].get_object().get(payload) &&
        !record["timestamp"].get_string().error()) {
      return {};
    }
    return "the first record is not a Codex session_meta line {timestamp, type: \"session_meta\", payload}";
  }
  // Before 0.30: a bare header {id, timestamp, instructions, git?, cwd?, originator?, cli_version?}.
  if (!record["id"].get_string().error() && !record["timestamp"].get_string().error()) {
    for (const char* key : {"instructions", "git", "originator", "cli_version"}) {
      if (!record[key].error()) return {};
    }
  }
  return "the first record has neither type \"session_meta\" nor an old rollout header's id, timestamp and "
         "instructions";
}

}  // namespace agentreel
