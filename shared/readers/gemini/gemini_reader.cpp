// Gemini CLI session reader (see gemini_reader.h). No file I/O, no platform code (compiles with emcc).
//
// What a session file holds, in both layouts: a header {sessionId, projectHash, startTime, lastUpdated, kind
// main|subagent, summary?, directories?} and messages {id, timestamp, type user|gemini|info|warning|error,
// content, displayContent?} where a gemini message adds model, tokens {input, output, cached, thoughts, tool,
// total}, thoughts [{subject, description, timestamp}] and toolCalls [{id, name, args, result, status,
// timestamp (when it completed), agentId?, resultDisplay?}]. In the JSON lines layout the harness appends a
// message again, whole, each time it changes (its tool calls and their results arrive after it was first
// written), merges {"$set": {…}} into the header (a "messages" array there is the history rewritten after a
// compression or masking), and marks a rewind with {"$rewindTo": id}. The last version of each message is the
// one read; messages a rewind or a compression removed from the harness's memory are kept, since they ran and
// cost tokens; messages that appear only in a rewritten history are the harness's own (a compression summary)
// and make no span. Everything is settled at the end.
//
// Span model. A span's record is the record its message was last written in: in the JSON lines layout that
// line (a message inside a "$set" checkpoint points into it), in the document layout the message's own extent.
//   agent  One root per file, from startTime to the later of lastUpdated and its last message or tool call.
//          Session: sessionId; a subagent's file (kind "subagent", in a folder named by its parent's session
//          id) joins its parent's session, is named by its own id and link_parent()s "agent:<id>", which the
//          parent's tool call with that agentId publishes. Attributes goal (the first prompt, 300 bytes), cwd
//          (the first of directories, when recorded); summary fact from "summary".
//   human  A user message, from the previous message to it (the time the agent waited), unless the harness
//          wrote it: empty, <session_context> / <hook_context>, or its "Please continue." after a
//          next-speaker check. Prompt fact: content.
//   model  A gemini message: from the previous message (the request) to the message, grown over its tool
//          calls. Named by model. Tokens: input_tokens = input - cached + tool (the tool-use prompt is input
//          the prompt count leaves out), cache_read_tokens = cached, output_tokens = output + thoughts (Gemini
//          counts thoughts apart from candidates), reasoning_tokens = thoughts. Reply fact content; a thinking
//          fact per thought's description.
//   tool   Each of a gemini message's toolCalls, under it: from the message to the call's timestamp. Status
//          success ok, error error, cancelled cancelled; any other status (still executing, awaiting
//          approval) leaves it open. Facts from args (tool_facts.h); output from the functionResponse's
//          output (else resultDisplay); error from its error. agentId: published as "agent:<agentId>".
//   event  info and warning messages ("Request cancelled." is cancelled); "rewind" at each $rewindTo.
//   error  error messages, error fact content.
#include "readers/gemini/gemini_reader.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/json_extents.h"
#include "core/text.h"
#include "core/timestamp.h"
#include "readers/json_line.h"
#include "readers/jsonl_reader.h"
#include "readers/tool_facts.h"

namespace agentreel {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
namespace je = json_extents;

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

std::optional<int64_t> time_field(object record, std::string_view key) {
  std::string_view text;
  if (record[key].get_string().get(text)) return std::nullopt;
  return parse_rfc3339_ns(text);
}

// A message's content as text: a string, or parts [{text}, …] joined by blank lines.
std::string content_text(element content) {
  std::string_view text;
  if (!content.get_string().get(text)) return std::string(text);
  array parts;
  if (content.get_array().get(parts)) return {};
  std::string out;
  for (element part : parts) {
    std::string_view piece;
    if (part["text"].get_string().get(piece)) continue;
    if (!out.empty()) out += "\n\n";
    out += piece;
  }
  return out;
}

// User messages the harness wrote, not the person (see the span model).
bool is_injected(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return true;
  text.remove_prefix(start);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text.starts_with("<session_context>") || text.starts_with("<hook_context>") || text == "Please continue." ||
         text == "System: Please continue.";
}

// ".../chats/<parent session id>/<agent id>.jsonl" -> "<parent session id>"; "" when the file sits in chats/.
std::string_view parent_folder(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  if (slash == std::string_view::npos) return {};
  std::string_view folder = path.substr(0, slash);
  const size_t up = folder.find_last_of("/\\");
  if (up != std::string_view::npos) folder.remove_prefix(up + 1);
  return folder == "chats" ? std::string_view() : folder;
}

// "session-2026-04-23T12-52-0ab84937.jsonl" -> "session-2026-04-23T12-52-0ab84937": a name for a file without a
// header.
std::string file_stem(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.find('.');
  if (dot != std::string_view::npos) name = name.substr(0, dot);
  return name.empty() ? std::string("gemini") : std::string(name);
}

struct Message {       // the last version of one message id
  std::string json;    // its JSON text, parsed again when settling
  RecordRef record;    // the record it was last written in
  std::string prefix;  // its JSON pointer inside that record ("" = the record itself)
  // Known only from a "$set" messages checkpoint: the harness made it up when it rewrote its history (a
  // compression summary, an acknowledgement), since every message it records is first appended on its own line.
  bool synthetic = false;
};

// The JSON lines skeleton, taking the one-document layout too (a pretty-printed session is read in on_document).
class GeminiReader final : public JsonlReader {
 public:
  explicit GeminiReader(const ReaderContext& context)
      : JsonlReader(context, DocumentLayouts{.single_object = true, .record_array = false, .array_keys = {}}),
        path_(context.path) {}

 private:
  bool on_record(object record, const Line& line, RecordRef ref) override;
  bool on_document(element root, const Line& document, RecordRef ref) override;
  void on_finish() override { settle(); }

  void read_header(object header, RecordRef ref, const std::string& prefix);
  void keep(std::string_view id, std::string json, RecordRef record, std::string prefix, bool from_checkpoint = false);
  void settle();
  void emit(object message, const Message& where, int64_t& previous_ns);
  void emit_tools(object message, const Message& where, SpanHandle model, int64_t start_ns, int64_t& end_ns);

  SpanOpen span_at(SpanKind kind, std::string_view name, int64_t ns, RecordRef record) const {
    SpanOpen span;
    span.session = session_;
    span.start_ns = ns;
    span.kind = kind;
    span.name = name;
    span.parent = root_;
    span.record = record;
    return span;
  }

  std::string path_;
  std::string session_id_, kind_, cwd_;
  int64_t start_ns_ = kNever, last_updated_ns_ = kNever;
  RecordRef header_record_, last_record_;
  RecordRef summary_record_;
  std::string summary_pointer_;
  std::vector<Message> messages_;
  std::unordered_map<std::string, size_t> message_index_;  // id -> messages_
  struct Rewind {
    RecordRef record;
    size_t before;  // messages_ known when it came
  };
  std::vector<Rewind> rewinds_;

  uint32_t session_ = 0;
  SpanHandle root_ = kNoSpan;
  bool has_goal_ = false;
  int64_t root_end_ns_ = kNever;
  simdjson::dom::parser parser_;  // messages, parsed again when settling
};

void GeminiReader::keep(std::string_view id, std::string json, RecordRef record, std::string prefix,
                        bool from_checkpoint) {
  auto [slot, inserted] = message_index_.try_emplace(std::string(id), messages_.size());
  if (inserted) {
    messages_.emplace_back();
    messages_.back().synthetic = from_checkpoint;
  }
  Message& message = messages_[slot->second];
  if (!from_checkpoint) message.synthetic = false;
  message.json = std::move(json);
  message.record = record;
  message.prefix = std::move(prefix);
}

void GeminiReader::read_header(object header, RecordRef ref, const std::string& prefix) {
  if (auto id = string_field(header, "sessionId"); !id.empty()) session_id_ = id;
  if (auto kind = string_field(header, "kind"); !kind.empty()) kind_ = kind;
  if (auto ns = time_field(header, "startTime")) start_ns_ = *ns;
  if (auto ns = time_field(header, "lastUpdated")) last_updated_ns_ = std::max(last_updated_ns_, *ns);
  if (!header["summary"].get_string().error()) {
    summary_record_ = ref;
    summary_pointer_ = prefix + "/summary";
  }
  std::string_view directory;
  if (!header["directories"].at(0).get_string().get(directory) && !directory.empty()) cwd_ = directory;
}

bool GeminiReader::on_record(object record, const Line& line, RecordRef ref) {
  last_record_ = ref;
  std::string_view rewind;
  object set;
  if (!record["$rewindTo"].get_string().get(rewind)) {
    count_record();
    rewinds_.push_back({ref, messages_.size()});
    return true;
  }
  if (!record["$set"].get_object().get(set)) {
    count_record();
    read_header(set, ref, "/$set");
    array checkpoint;
    if (!set["messages"].get_array().get(checkpoint)) {  // replaces every message
      size_t index = 0;
      for (element message : checkpoint) {
        const size_t at = index++;
        std::string_view id;
        if (message["id"].get_string().get(id)) continue;
        keep(id, simdjson::to_string(message), ref, "/$set/messages/" + std::to_string(at), true);
      }
    }
    return true;
  }
  std::string_view id;
  if (!record["id"].get_string().get(id)) {
    count_record();
    keep(id, std::string(line.text), ref, "");
    return true;
  }
  if (!record["sessionId"].get_string().error()) {
    count_record();
    if (header_record_.length == 0) header_record_ = ref;
    read_header(record, ref, "");
    array messages;  // a whole legacy session written as one of the lines
    if (!record["messages"].get_array().get(messages)) {
      size_t index = 0;
      for (element message : messages) {
        const size_t at = index++;
        if (message["id"].get_string().get(id)) continue;
        keep(id, simdjson::to_string(message), ref, "/messages/" + std::to_string(at));
      }
    }
    return true;
  }
  return skip(line, SkipReason::missing_field,
              "expected a Gemini CLI session line: a header {sessionId, projectHash}, a message {id, timestamp, "
              "type}, {\"$set\": {…}} or {\"$rewindTo\": id}");
}

bool GeminiReader::on_document(element root_value, const Line& document, RecordRef ref) {
  const std::string_view text = document.text;  // the document, from its first byte to its last
  auto at = [&](size_t offset) { return document.number + je::line_of(text, offset) - 1; };
  object root;
  if (root_value.get_object().get(root) || root["sessionId"].get_string().error()) {
    return skip(document, SkipReason::missing_field,
                "expected a Gemini CLI session {sessionId, projectHash, startTime, messages}");
  }
  header_record_ = ref;
  count_record();
  read_header(root, header_record_, "");
  array messages;
  if (root["messages"].get_array().get(messages)) return true;
  const std::vector<je::Member> members = je::object_members(text, 0);
  const je::Member* member = je::find_member(members, "messages");
  if (!member) return true;
  const std::vector<je::Extent> extents = je::array_elements(text, member->value.begin);
  size_t index = 0;
  for (element message : messages) {
    // The scanner and simdjson read the same validated text, so their element counts agree.
    if (index >= extents.size() || !extents[index].complete()) break;
    const je::Extent extent = extents[index++];
    std::string_view id;
    if (message["id"].get_string().get(id)) {
      if (!skip_at(at(extent.begin), document.offset + extent.begin, SkipReason::missing_field,
                   "expected a message with string field \"id\"")) {
        return false;
      }
      continue;
    }
    count_record();
    keep(id, std::string(text.substr(extent.begin, extent.size())),
         ref_of(document.offset + extent.begin, extent.size()), "");
  }
  return true;
}

void GeminiReader::settle() {
  if (session_id_.empty() && messages_.empty()) return;  // nothing of a session
  const std::string own_id = session_id_.empty() ? file_stem(path_) : session_id_;
  const bool is_subagent = kind_ == "subagent";
  const std::string_view parent = is_subagent ? parent_folder(path_) : std::string_view();
  session_ = sink().session(parent.empty() ? std::string_view(own_id) : parent);

  // The root opens at startTime, else at the first message.
  int64_t start = start_ns_;
  if (start == kNever) {
    for (const Message& message : messages_) {
      object fields;
      if (parser_.parse(message.json).get_object().get(fields)) continue;
      if (auto ns = time_field(fields, "timestamp")) {
        start = *ns;
        break;
      }
    }
  }
  if (start == kNever) start = 0;
  SpanOpen span = span_at(SpanKind::agent, is_subagent ? std::string_view(own_id) : std::string_view("main"), start,
                          header_record_.length ? header_record_
                          : messages_.empty()   ? last_record_
                                                : messages_.front().record);
  span.parent = kNoSpan;
  root_ = sink().open_span(span);
  root_end_ns_ = std::max(start, last_updated_ns_);
  if (!cwd_.empty()) sink().attribute(root_, "cwd", cwd_);
  if (!summary_pointer_.empty()) sink().text(root_, TextRole::summary, summary_record_, summary_pointer_);

  int64_t previous_ns = start;
  size_t next_rewind = 0;
  for (size_t i = 0; i < messages_.size(); ++i) {
    for (; next_rewind < rewinds_.size() && rewinds_[next_rewind].before <= i; ++next_rewind) {
      sink().add_span(span_at(SpanKind::event, "rewind", previous_ns, rewinds_[next_rewind].record), previous_ns,
                      SpanStatus::ok);
    }
    object message;
    if (messages_[i].synthetic || parser_.parse(messages_[i].json).get_object().get(message)) continue;
    emit(message, messages_[i], previous_ns);
  }
  for (; next_rewind < rewinds_.size(); ++next_rewind) {
    sink().add_span(span_at(SpanKind::event, "rewind", previous_ns, rewinds_[next_rewind].record), previous_ns,
                    SpanStatus::ok);
  }
  root_end_ns_ = std::max(root_end_ns_, previous_ns);
  sink().close_span(root_, root_end_ns_, SpanStatus::ok, last_record_);
  if (is_subagent) sink().link_parent(root_, "agent:" + own_id);
}

void GeminiReader::emit(object message, const Message& where, int64_t& previous_ns) {
  const std::optional<int64_t> at = time_field(message, "timestamp");
  const int64_t ns = at ? *at : previous_ns;  // a message without a usable time sits after the previous one
  const std::string_view type = string_field(message, "type");
  const std::string content = where.prefix + "/content";
  element content_value;
  const bool has_content = !message["content"].get(content_value);

  if (type == "user") {
    const std::string text = has_content ? content_text(content_value) : std::string();
    if (!is_injected(text)) {
      SpanOpen span = span_at(SpanKind::human, "human input", std::min(previous_ns, ns), where.record);
      const SpanHandle h = sink().add_span(span, ns, SpanStatus::ok);
      sink().text(h, TextRole::prompt, where.record, content);
      if (!has_goal_) {
        has_goal_ = true;
        sink().attribute(root_, "goal", utf8_prefix(text, kGoalBytes));
        sink().text(root_, TextRole::prompt, where.record, content);
      }
    }
  } else if (type == "gemini") {
    std::string_view model_name = string_field(message, "model");
    if (model_name.empty()) model_name = "model";
    SpanOpen span = span_at(SpanKind::model, model_name, std::min(previous_ns, ns), where.record);
    const SpanHandle h = sink().open_span(span);
    if (model_name != "model") sink().attribute(h, "model", model_name);
    object tokens;
    if (!message["tokens"].get_object().get(tokens)) {
      const int64_t input = int_field(tokens, "input"), cached = int_field(tokens, "cached");
      const int64_t thoughts = int_field(tokens, "thoughts");
      sink().attribute(h, "input_tokens", std::max<int64_t>(0, input - cached) + int_field(tokens, "tool"));
      sink().attribute(h, "cache_read_tokens", cached);
      sink().attribute(h, "output_tokens", int_field(tokens, "output") + thoughts);
      sink().attribute(h, "reasoning_tokens", thoughts);
    }
    if (has_content && !content_text(content_value).empty()) sink().text(h, TextRole::reply, where.record, content);
    array thoughts;
    if (!message["thoughts"].get_array().get(thoughts)) {
      size_t index = 0;
      for (element thought : thoughts) {
        const size_t t = index++;
        if (thought["description"].get_string().error()) continue;
        sink().text(h, TextRole::thinking, where.record,
                    where.prefix + "/thoughts/" + std::to_string(t) + "/description");
      }
    }
    int64_t end = ns;
    emit_tools(message, where, h, ns, end);
    sink().close_span(h, end, SpanStatus::ok, RecordRef{});
    previous_ns = std::max(previous_ns, end);
  } else if (type == "error") {
    const SpanHandle h = sink().add_span(span_at(SpanKind::error, "error", ns, where.record), ns, SpanStatus::error);
    if (has_content) {
      sink().text(h, TextRole::error, where.record, content);
      const std::string text = content_text(content_value);
      if (!text.empty()) sink().attribute(h, "message", utf8_prefix(text, kTextBytes));
    }
  } else {
    const bool cancelled = type == "info" && has_content && content_text(content_value) == "Request cancelled.";
    sink().add_span(span_at(SpanKind::event, type.empty() ? std::string_view("message") : type, ns, where.record), ns,
                    cancelled ? SpanStatus::cancelled : SpanStatus::ok);
  }
  previous_ns = std::max(previous_ns, ns);
  root_end_ns_ = std::max(root_end_ns_, previous_ns);
}

void GeminiReader::emit_tools(object message, const Message& where, SpanHandle model, int64_t start_ns,
                              int64_t& end_ns) {
  array calls;
  if (message["toolCalls"].get_array().get(calls)) return;
  size_t index = 0;
  for (element value : calls) {
    const std::string base = where.prefix + "/toolCalls/" + std::to_string(index++);
    object call;
    if (value.get_object().get(call)) continue;
    std::string_view name = string_field(call, "name");
    if (name.empty()) name = "unknown";
    SpanOpen span = span_at(SpanKind::tool, name, start_ns, where.record);
    span.parent = model;
    const SpanHandle h = sink().open_span(span);
    object args;
    if (!call["args"].get_object().get(args)) {
      record_tool_call_facts(sink(), h, name, where.record, base + "/args", args);
    } else if (const std::string_view action = tool_action(name); !action.empty()) {
      sink().attribute(h, "action", action);
    }
    // The result as the model saw it: [{functionResponse: {response: {output | error}}}].
    std::string output, error;
    std::string_view error_text;
    object response;
    if (!call["result"].at(0)["functionResponse"]["response"].get_object().get(response)) {
      const std::string response_pointer = base + "/result/0/functionResponse/response";
      if (!response["output"].error()) output = response_pointer + "/output";
      if (!response["error"].get_string().get(error_text)) error = response_pointer + "/error";
    }
    if (output.empty() && !call["resultDisplay"].get_string().error()) output = base + "/resultDisplay";
    if (output.empty() && !call["result"].get_string().error()) output = base + "/result";
    if (!output.empty()) sink().text(h, TextRole::output, where.record, output);
    if (auto agent = string_field(call, "agentId"); !agent.empty()) {
      sink().publish(h, "agent:" + std::string(agent));
      sink().attribute(h, "agent_id", agent);
    }

    const std::string_view status = string_field(call, "status");
    const std::optional<int64_t> done = time_field(call, "timestamp");
    const int64_t end = std::max(start_ns, done ? *done : start_ns);
    SpanStatus outcome = SpanStatus::ok;
    if (status == "error") {
      outcome = SpanStatus::error;
    } else if (status == "cancelled") {
      outcome = SpanStatus::cancelled;
    } else if (status != "success") {
      continue;  // still executing or awaiting approval when the file was written: left open
    }
    if (outcome == SpanStatus::error) {
      const std::string& pointer = error.empty() ? output : error;
      if (!pointer.empty()) sink().text(h, TextRole::error, where.record, pointer);
      if (!error_text.empty()) sink().attribute(h, "error", first_line(error_text, kTextBytes));
    }
    sink().close_span(h, end, outcome, RecordRef{});
    end_ns = std::max(end_ns, end);
  }
}

}  // namespace

std::unique_ptr<FormatReader> make_gemini_reader(const ReaderContext& context) {
  return std::make_unique<GeminiReader>(context);
}

std::string gemini_sniff(std::string_view head) {
  // Both layouts begin with an object holding the header's keys: the whole session (pretty-printed or on one
  // line) or the JSON lines header. The scanner reads keys of a truncated head too.
  const size_t begin = je::skip_whitespace(head, 0);
  if (begin >= head.size() || head[begin] != '{') return "the input does not begin with a JSON object";
  const std::vector<je::Member> members = je::object_members(head, begin);
  bool session_id = false, project_hash = false;
  for (const je::Member& member : members) {
    session_id = session_id || member.key == "sessionId";
    project_hash = project_hash || member.key == "projectHash";
  }
  if (session_id && project_hash) return {};
  return "the first object has not both \"sessionId\" and \"projectHash\" (a Gemini CLI session header)";
}

}  // namespace agentreel
