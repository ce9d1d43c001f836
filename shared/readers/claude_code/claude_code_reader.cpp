// Claude Code transcript reader (see claude_code_reader.h). Bytes in, sink calls out: no file I/O, no
// platform code (compiles with emcc). One line = one record; the line itself is every span's payload.
//
// Span model. Every span's RecordRefs are exact lines of this file.
//   agent  One root per session id in the file, opened at its first timestamped record that is not an
//          isMeta user record, closed at its last record. Named "main", or the agentId in a subagent file
//          (the records' agentId; else, for sidechain records, the file name agent-<id>.jsonl).
//          Attribute goal = the first prompt (a slash command as "/name args"), cut to 300 bytes.
//          A subagent root link_parent()s "agent:<agentId>", which the Task call publishes once its
//          tool_result carries toolUseResult.agentId (the files may come in any order). An auto-compaction
//          agent ("acompact-...") links to "compaction:<uuid>" instead, published by the compact_boundary
//          whose logicalParentUuid is the last parentUuid in the side agent's file that points outside it.
//   model  One per API message (message.id, streamed as several records). Begins at its first record;
//          its start is the time of the record it answers: the nearest user ancestor in the uuid tree,
//          walking through progress/system records (after a compact_boundary, through
//          logicalParentUuid), else the tree parent, else the previous record of the file. It ends at the
//          last record of the message or when the last tool call it requested returned, whichever is
//          later: a turn covers its tool calls, so the builder does not flag every turn "clock repaired";
//          the end record stays the message's last record. Attributes model, stop_reason (when not null),
//          input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens (cache_creation_1h_tokens: its
//          1-hour part, when the usage splits it) from the usage of the
//          message's last record in file order (streamed records repeat it, growing output_tokens), so
//          each message counts once.
//   tool   tool_use block -> the tool_result block with the same id, under the model turn that requested
//          it; published under the raw tool_use id ("toolu_...") for hook readers. Status error
//          (is_error; attribute error), denied (user rejection; attribute reason), cancelled (an
//          interrupt as the result, or no result and an interrupt later in the file); with neither result
//          nor interrupt it stays open (the builder marks it unfinished). A result whose tool_use is not
//          in the file becomes an unpaired-end span named "unknown". A result carrying
//          toolUseResult.agentId (Task) publishes "agent:<agentId>" (attributes agent_id, total_tokens).
//          A tool call ends at its result or at its last hook/progress record, whichever is later.
//   hook   Each hook_progress record: an instant named by hookName (attributes trigger_event, command)
//          under the tool call of its parentToolUseID when that call is in the file, else the root.
//   event  Instants: other progress records named by data.type (bash_progress; agent_progress, a
//          subagent's messages mirrored inline, kept as events and never as model turns;
//          waiting_for_task), under their tool call like hooks; system records named by subtype
//          (stop_hook_summary, turn_duration, local_command, ...), compact_boundary as "compaction"
//          (spanning from its logical parent record to the boundary: the time spent compacting;
//          attributes trigger, pre_tokens); turn_duration (duration_ms), stop_hook_summary (hook_count;
//          error when hookErrors is not empty); queue-operation (operation); "interrupt" (cancelled);
//          local_command output and task_notification user records; timestamped records of unknown
//          types, named by type.
//   human  A person's prompt or slash command in a main file: "human input", from its parent record (the
//          end of the previous turn; isMeta context written with the prompt skipped) to the prompt, i.e. the
//          time the agent waited for the person.
//   error  system api_error records; assistant records with isApiErrorMessage.
// Counted as records but no span: file-history-snapshot, summary, isMeta / isCompactSummary user
// records, a subagent's prompt. Pairing and nesting inside the file are settled in finish(), so records
// out of file order (a hook before its tool_use, a result before its call) still nest; ordering and clock
// repair across the trace are the builder's.
#include "readers/claude_code/claude_code_reader.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "core/timestamp.h"
#include "readers/claude_code/claude_code_records.h"
#include "readers/json_line.h"
#include "readers/jsonl_reader.h"
#include "readers/tool_facts.h"

namespace agentreel {
namespace {

using claude_code::ToolOutcome;
using claude_code::UserRecord;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr size_t kGoalBytes = 300;
constexpr size_t kTextBytes = 512;
constexpr int kMaxAncestorWalk = 64;
constexpr int64_t kNever = std::numeric_limits<int64_t>::min();

bool bool_field(object record, std::string_view key) {
  bool value = false;
  return !record[key].get_bool().get(value) && value;
}

int64_t int_field(object record, std::string_view key, int64_t fallback = 0) {
  int64_t value = 0;
  if (!record[key].get_int64().get(value)) return value;
  uint64_t unsigned_value = 0;
  if (!record[key].get_uint64().get(unsigned_value)) return int64_t(std::min<uint64_t>(unsigned_value, INT64_MAX));
  return fallback;
}

// The file name of a path ("a/b/agent-x.jsonl" -> "agent-x.jsonl").
std::string_view base_name(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// "agent-<id>.jsonl" -> "<id>", else empty.
std::string_view agent_id_from_file_name(std::string_view path) {
  std::string_view name = base_name(path);
  if (!name.starts_with("agent-") || !name.ends_with(".jsonl")) return {};
  return name.substr(6, name.size() - 6 - 6);
}

enum class NodeKind : uint8_t { user, meta_user, assistant, other };  // meta_user: isMeta (injected context)

// One record of the uuid tree: what the walks for "the record this answers" need.
struct TreeNode {
  int64_t ns = 0;
  std::string parent;  // parentUuid, or logicalParentUuid across a compact_boundary
  NodeKind kind = NodeKind::other;
};

struct Root {  // the agent span of one session id in this file
  SpanHandle span = kNoSpan;
  uint32_t session = 0;
  std::string name;
  int64_t end_ns = kNever;
  RecordRef end_record;
  bool has_goal = false;
  std::string cwd, git_branch;  // of its first record (attributes "cwd", "git_branch")
};

struct Model {  // one API message
  SpanHandle span = kNoSpan;
  Root* root = nullptr;
  RecordRef first_record, last_record;
  int64_t end_ns = kNever;  // its last record, then grown over its tool calls
  std::string stop_reason;
  bool has_usage = false;
  int64_t input_tokens = 0, output_tokens = 0, cache_read_tokens = 0, cache_creation_tokens = 0;
  int64_t cache_creation_1h_tokens = -1;  // the 1-hour part of cache_creation_tokens; -1: the log has no split
  // Bytes the model wrote (text, thinking, tool arguments): a transcript's output_tokens are often a streaming
  // snapshot's (1 or 8 for a long answer), so how much work a slow answer was is read from its size.
  int64_t output_chars = 0;
};

constexpr size_t kNoModel = std::numeric_limits<size_t>::max();

struct Tool {  // one tool_use id
  std::string id;
  SpanHandle span = kNoSpan;  // kNoSpan while only its result is known
  Root* root = nullptr;
  size_t model = kNoModel;
  uint64_t use_line = 0;
  int64_t start_ns = 0;
  int64_t end_ns = kNever;  // grown over its hooks and progress records
  bool has_result = false;
  int64_t result_ns = 0;
  RecordRef result_record;
  ToolOutcome outcome;
  std::string agent_id;
  int64_t total_tokens = -1;
  std::string result_pointer;                   // the tool_result block's content in result_record ("" = none)
  bool has_stdout = false, has_stderr = false;  // toolUseResult keeps them apart
};

struct Interrupt {
  uint64_t line = 0;
  int64_t ns = 0;
  RecordRef record;
};

struct PendingParent {  // a hook/progress record whose tool call was not (yet) in the file
  SpanHandle span = kNoSpan;
  std::string tool_id;
  int64_t ns = 0;
};

class ClaudeCodeReader final : public JsonlReader {
 public:
  explicit ClaudeCodeReader(const ReaderContext& context) : JsonlReader(context, kExportLayouts), path_(context.path) {}

 private:
  // The record being dispatched.
  struct Current {
    object record;
    std::string_view type;
    std::string_view session_id;
    uint32_t session = 0;
    int64_t ns = 0;
    RecordRef ref;
    uint64_t line = 0;
    Root* root = nullptr;
  };

  bool on_record(object record, const Line& line, RecordRef ref) override;
  void on_finish() override { settle(); }
  Root& root_for(const Current& c, bool is_sidechain, std::string_view agent_id);
  SpanOpen span_at(const Current& c, SpanKind kind, std::string_view name) const;
  SpanHandle instant(const Current& c, SpanKind kind, std::string_view name, SpanStatus status = SpanStatus::ok);
  int64_t answered_ns(std::string_view parent_uuid, int64_t own_ns) const;
  int64_t parent_ns(std::string_view parent_uuid, int64_t own_ns) const;
  int64_t waited_since_ns(std::string_view parent_uuid, int64_t own_ns) const;
  void under_tool(SpanHandle span, std::string_view tool_id, int64_t ns);
  Tool& tool_for(std::string_view tool_id);  // created on first mention (tool_use or tool_result)

  void on_assistant(const Current& c);
  void on_user(const Current& c);
  void on_progress(const Current& c);
  void on_system(const Current& c);
  void settle();  // end of input: close and link everything

  // Besides JSON lines, the same records kept as one JSON array (a Stop hook's dump) or as a web session
  // export {"loglines": [...]}, whose records carry no sessionId: the file is their session.
  static inline const DocumentLayouts kExportLayouts{
      .single_object = false, .record_array = true, .array_keys = {"loglines"}};
  std::string path_;  // the input's path: a subagent file's name carries its agent id

  std::string last_session_id_;  // for records that carry none
  uint32_t last_session_ = 0;
  int64_t previous_ns_ = kNever;                    // the previous timestamped record, in file order
  std::unordered_map<std::string, TreeNode> tree_;  // uuid -> record
  std::string external_parent_;                     // last parentUuid not (yet) in this file
  std::unordered_map<std::string, Root> roots_;     // session id -> root (references stay valid)
  std::vector<Root*> root_order_;
  std::vector<Model> models_;
  std::unordered_map<std::string, size_t> model_index_;  // message.id -> models_
  std::vector<Tool> tools_;
  std::unordered_map<std::string, size_t> tool_index_;  // tool_use id -> tools_
  std::vector<Interrupt> interrupts_;
  std::vector<PendingParent> pending_parents_;
  std::vector<std::pair<SpanHandle, std::string>> compactions_;  // span, logicalParentUuid
  SpanHandle last_compaction_ = kNoSpan;  // the compact summary that follows belongs to it (until one does)
  int64_t last_prompt_ns_ = kNever;       // the last person's prompt or slash command (a manual /compact)
  // The working directory and git branch a call ran in, when they differ from its root's (the policy audit
  // replays each call with its own).
  void record_place(const Root* root, SpanHandle call, object record);
};

bool ClaudeCodeReader::on_record(object record, const Line& line, RecordRef ref) {
  Current c;
  c.record = record;
  if (c.record["type"].get_string().get(c.type)) {
    return skip(line, SkipReason::missing_field,
                "expected string field \"type\" (user, assistant, system, progress...)");
  }
  // Records that never become spans only count.
  const bool known = claude_code::is_transcript_type(c.type);
  if (claude_code::is_untimed_type(c.type)) {
    count_record();
    return true;
  }
  std::string_view timestamp;
  if (c.record["timestamp"].get_string().get(timestamp)) {
    if (!known) {  // an unknown record type without a time: kept, not placed
      count_record();
      return true;
    }
    return skip(line, SkipReason::missing_field, "expected string field \"timestamp\" (RFC 3339)");
  }
  const auto ns = parse_rfc3339_ns(timestamp);
  if (!ns) {
    return skip(line, SkipReason::bad_timestamp,
                "expected an RFC 3339 timestamp like 2026-02-10T21:11:56.846Z, got \"" +
                    std::string(utf8_prefix(timestamp, 64)) + "\"");
  }
  if (c.record["sessionId"].get_string().get(c.session_id) || c.session_id.empty()) {
    if (last_session_id_.empty() && reading_document()) {  // an export without ids: the file names the session
      last_session_id_ = claude_code::export_session_id(path_);
      last_session_ = sink().session(last_session_id_);
    }
    if (last_session_id_.empty()) {
      if (!known) {
        count_record();
        return true;
      }
      return skip(line, SkipReason::missing_field, "expected string field \"sessionId\"");
    }
    c.session_id = last_session_id_;
    c.session = last_session_;
  } else if (c.session_id == last_session_id_) {
    c.session = last_session_;
  } else {
    c.session = sink().session(c.session_id);
    last_session_id_ = c.session_id;
    last_session_ = c.session;
    c.session_id = last_session_id_;
  }
  count_record();
  c.ns = *ns;
  c.line = line.number;
  c.ref = ref;

  // The uuid tree, and the last parent that points outside this file (a side agent's anchor).
  std::string_view uuid = string_field(c.record, "uuid");
  std::string_view parent = string_field(c.record, "parentUuid");
  if (parent.empty()) parent = string_field(c.record, "logicalParentUuid");
  if (!parent.empty() && !tree_.contains(std::string(parent))) external_parent_ = parent;
  const bool is_meta_user = c.type == "user" && bool_field(c.record, "isMeta");
  if (!uuid.empty()) {
    const NodeKind kind = is_meta_user            ? NodeKind::meta_user
                          : c.type == "user"      ? NodeKind::user
                          : c.type == "assistant" ? NodeKind::assistant
                                                  : NodeKind::other;
    tree_.try_emplace(std::string(uuid), TreeNode{c.ns, std::string(parent), kind});
  }

  auto found = roots_.find(std::string(c.session_id));
  if (found != roots_.end()) {
    c.root = &found->second;
  } else if (!is_meta_user) {
    c.root = &root_for(c, bool_field(c.record, "isSidechain"), string_field(c.record, "agentId"));
  }
  if (c.root) {
    c.root->end_ns = std::max(c.root->end_ns, c.ns);
    c.root->end_record = c.ref;
  }

  if (c.type == "assistant") {
    on_assistant(c);
  } else if (c.type == "user") {
    on_user(c);
  } else if (c.type == "progress") {
    on_progress(c);
  } else if (c.type == "system") {
    on_system(c);
  } else if (c.type == "queue-operation") {
    const SpanHandle h = instant(c, SpanKind::event, "queue-operation");
    if (auto operation = string_field(c.record, "operation"); !operation.empty())
      sink().attribute(h, "operation", operation);
  } else {
    instant(c, SpanKind::event, c.type);  // a record type this reader does not know, named by its type
  }
  previous_ns_ = c.ns;
  return true;
}

Root& ClaudeCodeReader::root_for(const Current& c, bool is_sidechain, std::string_view agent_id) {
  Root& root = roots_[std::string(c.session_id)];
  root.session = c.session;
  root.name = !agent_id.empty()                                         ? std::string(agent_id)
              : is_sidechain && !agent_id_from_file_name(path_).empty() ? std::string(agent_id_from_file_name(path_))
                                                                        : std::string("main");
  SpanOpen span;
  span.session = c.session;
  span.start_ns = c.ns;
  span.kind = SpanKind::agent;
  span.name = root.name;
  span.record = c.ref;
  root.span = sink().open_span(span);
  root.end_ns = c.ns;
  root.cwd = string_field(c.record, "cwd");
  root.git_branch = string_field(c.record, "gitBranch");
  if (!root.cwd.empty()) sink().attribute(root.span, "cwd", root.cwd);
  if (!root.git_branch.empty()) sink().attribute(root.span, "git_branch", root.git_branch);
  root_order_.push_back(&root);
  return root;
}

void ClaudeCodeReader::record_place(const Root* root, SpanHandle call, object record) {
  const std::string_view cwd = string_field(record, "cwd");
  const std::string_view branch = string_field(record, "gitBranch");
  if (!cwd.empty() && (!root || cwd != root->cwd)) sink().attribute(call, "cwd", cwd);
  if (!branch.empty() && (!root || branch != root->git_branch)) sink().attribute(call, "git_branch", branch);
}

SpanOpen ClaudeCodeReader::span_at(const Current& c, SpanKind kind, std::string_view name) const {
  SpanOpen span;
  span.session = c.session;
  span.start_ns = c.ns;
  span.kind = kind;
  span.name = name;
  span.parent = c.root ? c.root->span : kNoSpan;
  span.record = c.ref;
  return span;
}

SpanHandle ClaudeCodeReader::instant(const Current& c, SpanKind kind, std::string_view name, SpanStatus status) {
  return sink().add_span(span_at(c, kind, name), c.ns, status);
}

// The time of the record `parent_uuid` points to, else the previous record's, else own_ns.
int64_t ClaudeCodeReader::parent_ns(std::string_view parent_uuid, int64_t own_ns) const {
  if (!parent_uuid.empty()) {
    auto it = tree_.find(std::string(parent_uuid));
    if (it != tree_.end()) return it->second.ns;
  }
  return previous_ns_ != kNever ? previous_ns_ : own_ns;
}

// When the request a message answers was sent: the nearest user ancestor (prompt or tool_result),
// through progress and system records; stopping at an assistant record, its direct parent's time.
int64_t ClaudeCodeReader::answered_ns(std::string_view parent_uuid, int64_t own_ns) const {
  std::string_view at = parent_uuid;
  for (int depth = 0; depth < kMaxAncestorWalk && !at.empty(); ++depth) {
    auto it = tree_.find(std::string(at));
    if (it == tree_.end()) break;
    if (it->second.kind == NodeKind::user || it->second.kind == NodeKind::meta_user) return it->second.ns;
    if (it->second.kind == NodeKind::assistant) break;
    at = it->second.parent;
  }
  return parent_ns(parent_uuid, own_ns);
}

Tool& ClaudeCodeReader::tool_for(std::string_view tool_id) {
  auto [slot, inserted] = tool_index_.try_emplace(std::string(tool_id), tools_.size());
  if (inserted) {
    tools_.emplace_back();
    tools_.back().id = tool_id;
  }
  return tools_[slot->second];
}

// Since when a prompt was waited for: its tree parent, skipping injected context written with the prompt
// (a slash command's isMeta caveat), else the previous record.
int64_t ClaudeCodeReader::waited_since_ns(std::string_view parent_uuid, int64_t own_ns) const {
  std::string_view at = parent_uuid;
  for (int depth = 0; depth < kMaxAncestorWalk && !at.empty(); ++depth) {
    auto it = tree_.find(std::string(at));
    if (it == tree_.end()) break;
    if (it->second.kind != NodeKind::meta_user) return it->second.ns;
    at = it->second.parent;
  }
  return parent_ns(parent_uuid, own_ns);
}

// Nests a hook/progress span under its tool call now if the call is known, else at finish().
void ClaudeCodeReader::under_tool(SpanHandle span, std::string_view tool_id, int64_t ns) {
  if (tool_id.empty()) return;
  auto it = tool_index_.find(std::string(tool_id));
  if (it != tool_index_.end() && tools_[it->second].span != kNoSpan) {
    Tool& tool = tools_[it->second];
    sink().set_parent(span, tool.span);
    tool.end_ns = std::max(tool.end_ns, ns);
  } else {
    pending_parents_.push_back({span, std::string(tool_id), ns});
  }
}

void ClaudeCodeReader::on_assistant(const Current& c) {
  object message;
  if (c.record["message"].get_object().get(message)) {
    instant(c, SpanKind::event, "assistant");  // no message: kept as an event
    return;
  }
  if (bool_field(c.record, "isApiErrorMessage")) {
    element content;
    const SpanHandle h = instant(c, SpanKind::error, "api_error", SpanStatus::error);
    if (!message["content"].get(content)) {
      const std::string text = claude_code::content_text(content);
      if (!text.empty()) sink().attribute(h, "message", utf8_prefix(text, kTextBytes));
      sink().text(h, TextRole::error, c.ref, "/message/content");
    }
    return;
  }
  std::string_view id = string_field(message, "id");
  if (id.empty()) id = string_field(c.record, "uuid");
  const std::string own_id = "@" + std::to_string(c.ref.offset);  // an export's record without ids is its own turn
  if (id.empty()) id = own_id;
  auto [entry, inserted] = model_index_.try_emplace(std::string(id), models_.size());
  if (inserted) {
    Model model;
    const std::string_view name = string_field(message, "model");
    SpanOpen span = span_at(c, SpanKind::model, name.empty() ? std::string_view("model") : name);
    span.start_ns = std::min(c.ns, answered_ns(string_field(c.record, "parentUuid"), c.ns));
    model.span = sink().open_span(span);
    model.root = c.root;
    model.first_record = c.ref;
    if (!name.empty()) sink().attribute(model.span, "model", name);
    models_.push_back(std::move(model));
  }
  const size_t model_at = entry->second;
  Model& model = models_[model_at];
  model.last_record = c.ref;
  model.end_ns = std::max(model.end_ns, c.ns);
  if (auto stop = string_field(message, "stop_reason"); !stop.empty()) model.stop_reason = stop;
  object usage;
  if (!message["usage"].get_object().get(usage)) {  // the last record's usage is the message's
    model.has_usage = true;
    model.input_tokens = int_field(usage, "input_tokens");
    model.output_tokens = int_field(usage, "output_tokens");
    model.cache_read_tokens = int_field(usage, "cache_read_input_tokens");
    model.cache_creation_tokens = int_field(usage, "cache_creation_input_tokens");
    object split;  // a 1-hour cache write costs more than a 5-minute one (docs/pricing.md)
    model.cache_creation_1h_tokens =
        usage["cache_creation"].get_object().get(split) ? -1 : int_field(split, "ephemeral_1h_input_tokens");
  }
  array blocks;
  if (message["content"].get_array().get(blocks)) {
    if (!message["content"].get_string().error()) sink().text(model.span, TextRole::reply, c.ref, "/message/content");
    return;
  }
  size_t index = 0;
  for (element block : blocks) {
    const std::string pointer = "/message/content/" + std::to_string(index++);
    object b;
    if (block.get_object().get(b)) continue;
    const std::string_view block_type = string_field(b, "type");
    if (block_type == "text") {
      sink().text(model.span, TextRole::reply, c.ref, pointer + "/text");
      model.output_chars += int64_t(string_field(b, "text").size());
      continue;
    }
    if (block_type == "thinking") {
      sink().text(model.span, TextRole::thinking, c.ref, pointer + "/thinking");
      model.output_chars += int64_t(string_field(b, "thinking").size());
      continue;
    }
    if (block_type != "tool_use") continue;
    if (element arguments; !b["input"].get(arguments))
      model.output_chars += int64_t(simdjson::minify(arguments).size());
    const std::string_view tool_id = string_field(b, "id");
    if (tool_id.empty()) continue;
    Tool& tool = tool_for(tool_id);
    if (tool.span != kNoSpan) continue;  // the same call twice: the first one stands
    SpanOpen span = span_at(c, SpanKind::tool, string_field(b, "name"));
    if (span.name.empty()) span.name = "unknown";
    span.parent = model.span;
    tool.span = sink().open_span(span);
    tool.root = c.root;
    tool.model = model_at;
    tool.use_line = c.line;
    tool.start_ns = c.ns;
    sink().publish(tool.span, tool_id);
    object input;
    if (!b["input"].get_object().get(input)) {
      record_tool_call_facts(sink(), tool.span, span.name, c.ref, pointer + "/input", input);
    }
    record_place(c.root, tool.span, c.record);
  }
}

void ClaudeCodeReader::on_user(const Current& c) {
  element content;
  if (c.record["message"]["content"].get(content)) {
    instant(c, SpanKind::event, "user");  // no message content: kept as an event
    return;
  }
  bool had_results = false;
  array blocks;
  if (!content.get_array().get(blocks)) {
    size_t index = 0;
    for (element block : blocks) {
      const size_t block_index = index++;
      object b;
      if (block.get_object().get(b) || string_field(b, "type") != "tool_result") continue;
      had_results = true;
      const std::string_view tool_id = string_field(b, "tool_use_id");
      Tool& tool = tool_for(tool_id);
      if (tool.has_result) continue;  // a second result for one call: the first one stands
      tool.has_result = true;
      tool.result_ns = c.ns;
      tool.result_record = c.ref;
      tool.outcome = claude_code::classify_tool_result(b);
      tool.result_pointer = "/message/content/" + std::to_string(block_index) + "/content";
      if (b["content"].error()) tool.result_pointer.clear();
      if (!tool.root) tool.root = c.root;
      object result;
      if (!c.record["toolUseResult"].get_object().get(result)) {
        tool.agent_id = string_field(result, "agentId");
        tool.total_tokens = int_field(result, "totalTokens", -1);
        tool.has_stdout = !result["stdout"].get_string().error();
        tool.has_stderr = !result["stderr"].get_string().error();
      }
    }
  }
  if (had_results) return;

  if (bool_field(c.record, "isCompactSummary")) {
    // The summary a compaction left: it belongs to the compact_boundary before it. A log that kept the summary but
    // not the boundary (a web session's export) still shows that a compaction happened here.
    if (last_compaction_ == kNoSpan) {
      last_compaction_ = instant(c, SpanKind::event, "compaction");
      sink().attribute(last_compaction_, "compaction", int64_t(1));
    }
    sink().text(last_compaction_, TextRole::summary, c.ref, "/message/content");
    last_compaction_ = kNoSpan;  // a later summary without a boundary is another compaction
  }
  const std::string text = claude_code::content_text(content);
  const UserRecord kind =
      claude_code::classify_user_text(text, bool_field(c.record, "isMeta"), bool_field(c.record, "isCompactSummary"),
                                      bool_field(c.record, "isSidechain"));
  switch (kind) {
    case UserRecord::context: return;
    case UserRecord::interrupt:
      instant(c, SpanKind::event, "interrupt", SpanStatus::cancelled);
      interrupts_.push_back({c.line, c.ns, c.ref});
      return;
    case UserRecord::local_command: instant(c, SpanKind::event, "local_command"); return;
    case UserRecord::task_notification: instant(c, SpanKind::event, "task_notification"); return;
    case UserRecord::subagent_prompt:
    case UserRecord::prompt: break;
  }
  if (c.root && !c.root->has_goal) {
    c.root->has_goal = true;
    const std::string goal = claude_code::goal_text(text);
    sink().attribute(c.root->span, "goal", utf8_prefix(goal, kGoalBytes));
    sink().text(c.root->span, TextRole::prompt, c.ref, "/message/content");
  }
  if (kind == UserRecord::prompt) {
    last_prompt_ns_ = c.ns;
    SpanOpen span = span_at(c, SpanKind::human, "human input");
    span.start_ns = std::min(c.ns, waited_since_ns(string_field(c.record, "parentUuid"), c.ns));
    const SpanHandle h = sink().add_span(span, c.ns, SpanStatus::ok);
    sink().text(h, TextRole::prompt, c.ref, "/message/content");
  }
}

void ClaudeCodeReader::on_progress(const Current& c) {
  object data;
  std::string_view data_type;
  // `data` stays a null object when "data" is absent or not an object: it must not be read then.
  const bool has_data = !c.record["data"].get_object().get(data);
  if (has_data) data_type = string_field(data, "type");
  const std::string_view tool_id = string_field(c.record, "parentToolUseID");
  SpanHandle h = kNoSpan;
  if (data_type == "hook_progress") {
    std::string_view name = string_field(data, "hookName");
    const std::string_view event = string_field(data, "hookEvent");
    h = instant(c, SpanKind::hook, !name.empty() ? name : !event.empty() ? event : std::string_view("hook"));
    if (!event.empty()) sink().attribute(h, "trigger_event", event);
    if (auto command = string_field(data, "command"); !command.empty()) {
      sink().attribute(h, "command", utf8_prefix(command, kTextBytes));
    }
  } else {
    h = instant(c, SpanKind::event, data_type.empty() ? std::string_view("progress") : data_type);
    if (auto agent = has_data ? string_field(data, "agentId") : std::string_view(); !agent.empty()) {
      sink().attribute(h, "agent_id", agent);
    }
  }
  under_tool(h, tool_id, c.ns);
}

void ClaudeCodeReader::on_system(const Current& c) {
  const std::string_view subtype = string_field(c.record, "subtype");
  const std::string_view level = string_field(c.record, "level");
  if (subtype == "compact_boundary") {
    const std::string_view logical_parent = string_field(c.record, "logicalParentUuid");
    SpanOpen span = span_at(c, SpanKind::event, "compaction");
    object metadata;
    const bool has_metadata = !c.record["compactMetadata"].get_object().get(metadata);
    const std::string_view trigger = has_metadata ? string_field(metadata, "trigger") : std::string_view();
    const int64_t duration_ms = has_metadata ? int_field(metadata, "durationMs", -1) : -1;
    // The compaction's own time. Its length when the record says it; an automatic one starts at the record it
    // follows (the context filled up there); a manual one (/compact) at the command, when that came before
    // the boundary: the record it follows may be the end of a turn the user walked away from hours earlier.
    if (duration_ms >= 0 && duration_ms < int64_t(86'400'000)) {
      span.start_ns = c.ns - duration_ms * 1'000'000;
    } else if (trigger == "manual") {
      if (last_prompt_ns_ != kNever && last_prompt_ns_ <= c.ns) span.start_ns = last_prompt_ns_;
    } else if (!logical_parent.empty()) {
      auto it = tree_.find(std::string(logical_parent));
      if (it != tree_.end()) span.start_ns = std::min(c.ns, it->second.ns);
    }
    const SpanHandle h = sink().add_span(span, c.ns, SpanStatus::ok);
    sink().attribute(h, "compaction", int64_t(1));
    if (has_metadata) {
      if (!trigger.empty()) sink().attribute(h, "trigger", trigger);
      if (int64_t tokens = int_field(metadata, "preTokens", -1); tokens >= 0) sink().attribute(h, "pre_tokens", tokens);
    }
    if (!logical_parent.empty()) compactions_.emplace_back(h, std::string(logical_parent));
    last_compaction_ = h;
    return;
  }
  if (subtype == "api_error") {
    const SpanHandle h = instant(c, SpanKind::error, "api_error", SpanStatus::error);
    if (auto message = string_field(c.record, "content"); !message.empty()) {
      sink().attribute(h, "message", utf8_prefix(message, kTextBytes));
      sink().text(h, TextRole::error, c.ref, "/content");
    }
    return;
  }
  array hook_errors;
  const bool failed =
      level == "error" || (!c.record["hookErrors"].get_array().get(hook_errors) && hook_errors.size() > 0);
  const SpanHandle h = instant(c, SpanKind::event, subtype.empty() ? std::string_view("system") : subtype,
                               failed ? SpanStatus::error : SpanStatus::ok);
  if (subtype == "turn_duration") {
    if (int64_t ms = int_field(c.record, "durationMs", -1); ms >= 0) sink().attribute(h, "duration_ms", ms);
  } else if (subtype == "stop_hook_summary") {
    if (int64_t count = int_field(c.record, "hookCount", -1); count >= 0) sink().attribute(h, "hook_count", count);
  }
}

void ClaudeCodeReader::settle() {
  // Hooks and progress records whose tool call came later in the file.
  for (const PendingParent& pending : pending_parents_) {
    auto it = tool_index_.find(pending.tool_id);
    if (it == tool_index_.end() || tools_[it->second].span == kNoSpan)
      continue;  // not a tool call: stays under the root
    Tool& tool = tools_[it->second];
    sink().set_parent(pending.span, tool.span);
    tool.end_ns = std::max(tool.end_ns, pending.ns);
  }
  // Tool calls: close at their result (or a later interrupt), grow their model turn over them.
  for (Tool& tool : tools_) {
    SpanHandle h = tool.span;
    int64_t end = std::max(tool.end_ns, tool.start_ns);
    if (h != kNoSpan && tool.has_result) {
      end = std::max(end, tool.result_ns);
      sink().close_span(h, end, tool.outcome.status, tool.result_record);
    } else if (h != kNoSpan) {
      auto interrupt = std::find_if(interrupts_.begin(), interrupts_.end(),
                                    [&](const Interrupt& i) { return i.line > tool.use_line; });
      if (interrupt != interrupts_.end()) {
        end = std::max(end, interrupt->ns);
        sink().close_span(h, end, SpanStatus::cancelled, interrupt->record);
        sink().attribute(h, "cancelled_by", "user");
      }
    } else if (tool.has_result && tool.root) {  // a result without its call
      SpanOpen span;
      span.session = tool.root->session;
      span.start_ns = tool.result_ns;
      span.kind = SpanKind::tool;
      span.name = "unknown";
      span.parent = tool.root->span;
      span.record = tool.result_record;
      span.flags = kFlagUnpairedEnd;
      h = sink().add_span(span, tool.result_ns, tool.outcome.status);
      if (!tool.id.empty()) sink().publish(h, tool.id);
      end = tool.result_ns;
    }
    if (h == kNoSpan) continue;
    if (tool.has_result && !tool.result_pointer.empty()) {
      const TextRole role = tool.outcome.status == SpanStatus::error    ? TextRole::error
                            : tool.outcome.status == SpanStatus::denied ? TextRole::reason
                                                                        : TextRole::output;
      sink().text(h, TextRole::output, tool.result_record, tool.result_pointer);
      if (role != TextRole::output) sink().text(h, role, tool.result_record, tool.result_pointer);
      if (tool.has_stdout) sink().text(h, TextRole::stdout_text, tool.result_record, "/toolUseResult/stdout");
      if (tool.has_stderr) sink().text(h, TextRole::stderr_text, tool.result_record, "/toolUseResult/stderr");
    }
    if (tool.has_result && !tool.outcome.text.empty()) {
      if (tool.outcome.status == SpanStatus::error) {
        sink().attribute(h, "error", utf8_prefix(tool.outcome.text, kTextBytes));
      } else if (tool.outcome.status == SpanStatus::denied) {
        // A hook's output starts with its progress; its reason is the lines that say what failed.
        const std::string& reason = tool.outcome.reason.empty() ? tool.outcome.text : tool.outcome.reason;
        sink().attribute(h, "reason", utf8_prefix(reason, kTextBytes));
      }
    }
    if (tool.has_result) {
      const ToolOutcome& o = tool.outcome;
      if (!o.denied_by.empty()) sink().attribute(h, "denied_by", o.denied_by);
      if (!o.hook.empty()) sink().attribute(h, "hook", utf8_prefix(o.hook, kTextBytes));
      if (o.user_guidance) sink().attribute(h, "user_guidance", int64_t(1));
      if (!o.cancelled_by.empty()) sink().attribute(h, "cancelled_by", o.cancelled_by);
    }
    if (!tool.agent_id.empty()) {
      sink().publish(h, "agent:" + tool.agent_id);
      sink().attribute(h, "agent_id", tool.agent_id);
      if (tool.total_tokens >= 0) sink().attribute(h, "total_tokens", tool.total_tokens);
    }
    if (tool.model != kNoModel) models_[tool.model].end_ns = std::max(models_[tool.model].end_ns, end);
    if (tool.root) tool.root->end_ns = std::max(tool.root->end_ns, end);
  }
  // Model turns, counted once each.
  for (Model& model : models_) {
    const bool one_record = model.last_record.offset == model.first_record.offset;
    sink().close_span(model.span, model.end_ns, SpanStatus::ok, one_record ? RecordRef{} : model.last_record);
    if (!model.stop_reason.empty()) sink().attribute(model.span, "stop_reason", model.stop_reason);
    if (model.output_chars > 0) sink().attribute(model.span, "output_chars", model.output_chars);
    if (model.has_usage) {
      sink().attribute(model.span, "input_tokens", model.input_tokens);
      sink().attribute(model.span, "output_tokens", model.output_tokens);
      sink().attribute(model.span, "cache_read_tokens", model.cache_read_tokens);
      sink().attribute(model.span, "cache_creation_tokens", model.cache_creation_tokens);
      if (model.cache_creation_1h_tokens >= 0) {
        sink().attribute(model.span, "cache_creation_1h_tokens", model.cache_creation_1h_tokens);
      }
    }
    if (model.root) model.root->end_ns = std::max(model.root->end_ns, model.end_ns);
  }
  for (const auto& [span, logical_parent] : compactions_) sink().publish(span, "compaction:" + logical_parent);
  // Agents: closed at their last record; subagents linked to the call (or compaction) that made them.
  const bool anchored_outside = !external_parent_.empty() && !tree_.contains(external_parent_);
  for (Root* root : root_order_) {
    sink().close_span(root->span, root->end_ns, SpanStatus::ok, root->end_record);
    if (root->name == "main") continue;
    if (root->name.starts_with("acompact")) {
      if (anchored_outside) sink().link_parent(root->span, "compaction:" + external_parent_);
    } else {
      sink().link_parent(root->span, "agent:" + root->name);
    }
  }
}

}  // namespace

std::unique_ptr<FormatReader> make_claude_code_reader(const ReaderContext& context) {
  return std::make_unique<ClaudeCodeReader>(context);
}

std::string claude_code_sniff(std::string_view head) {
  // The first record (a line, or the first element of an exported array); Claude Code writes camelCase ids
  // (sessionId, parentUuid), other formats in this family (AgentEye, hook payloads) snake_case session_id.
  const std::optional<FirstJsonRecord> first = first_json_record(head, {"loglines"});
  if (!first) return "no complete record in the first bytes";
  const std::string_view line = first->text;
  JsonLineParser parser;
  element root;
  if (!first->complete || parser.parse(line, root)) {
    // A first record longer than the head: judge its beginning by the keys every transcript record has.
    if (!first->complete && line.front() == '{' && line.find("\"parentUuid\"") != std::string_view::npos &&
        line.find("\"sessionId\"") != std::string_view::npos) {
      return {};
    }
    return "the first record is not valid JSON";
  }
  object record;
  if (root.get_object().get(record)) return "the first record is not a JSON object";
  std::string_view type;
  if (record["type"].get_string().get(type)) return "the first record has no string field \"type\"";
  if (!claude_code::is_transcript_type(type)) {
    return "the first record's type \"" + std::string(utf8_prefix(type, 40)) +
           "\" is not a transcript record type (user, assistant, system, progress, summary, "
           "file-history-snapshot, queue-operation)";
  }
  // Gemini CLI's prompt log (~/.gemini/tmp/<hash>/logs.json) is an array of {sessionId, messageId, type: "user",
  // message: "text", timestamp}: a Claude Code user or assistant record's message is an object.
  if ((type == "user" || type == "assistant") && !record["message"].is_object()) {
    return "the first record's \"message\" is not an object {role, content}";
  }
  for (const char* key : {"sessionId", "uuid", "messageId", "leafUuid"}) {
    std::string_view value;
    if (!record[key].get_string().get(value)) return {};
  }
  // A web session export's records carry no ids: a timed message is enough inside an exported document.
  if (first->in_document && record["message"].is_object() && record["timestamp"].is_string()) return {};
  return "the first record has none of the string fields \"sessionId\", \"uuid\", \"messageId\", \"leafUuid\"";
}

}  // namespace agentreel
