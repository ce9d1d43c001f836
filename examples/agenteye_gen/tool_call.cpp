// Builders for each tool's input and output. Inputs mirror Claude Code's tool schemas (file_path, old_string,
// command, pattern, …) so logs look like what real coding agents emit. Durations are drawn per tool kind.
#include "agenteye_gen/tool_call.h"

#include <algorithm>
#include <string>

#include "agenteye_gen/json_writer.h"

namespace agentreel::gen {

void ToolCall::reset(std::string_view name, Rng& rng) {
  tool_name = name;
  call_id = make_tool_call_id(rng);
  input_json.clear();
  command.clear();
  file_path.clear();
  output.clear();
  error.clear();
  failed = false;
  duration_ms = 0;
}

size_t PayloadSizes::scaled(size_t bytes) const {
  const double value = static_cast<double>(bytes) * payload_scale;
  return value < 64.0 ? 64 : static_cast<size_t>(value);
}

namespace {

void set_absolute_path(ToolCall& call, const ProjectProfile& profile, std::string_view relative) {
  call.file_path.assign(profile.root);
  call.file_path.push_back('/');
  call.file_path.append(relative);
}

}  // namespace

void build_glob(ToolCall& call, const SearchExample& search, Rng& rng) {
  call.reset("Glob", rng);
  JsonWriter(call.input_json).begin_object().field("pattern", search.pattern).end_object();
  call.output.assign(search.matches);
  call.duration_ms = rng.between(5, 60);
}

void build_grep(ToolCall& call, const SearchExample& search, Rng& rng) {
  call.reset("Grep", rng);
  JsonWriter(call.input_json)
      .begin_object()
      .field("pattern", search.pattern)
      .field("output_mode", "content")
      .key("-n")
      .boolean(true)
      .end_object();
  call.output.assign(search.matches);
  call.duration_ms = rng.between(20, 400);
}

void build_read(ToolCall& call, const ProjectProfile& profile, std::string_view path, bool test_file,
                const PayloadSizes& sizes, Rng& rng) {
  call.reset("Read", rng);
  set_absolute_path(call, profile, path);
  JsonWriter(call.input_json).begin_object().field("file_path", call.file_path).end_object();
  const auto& blocks = test_file ? profile.test_code_blocks : profile.code_blocks;
  const size_t target = sizes.scaled(static_cast<size_t>(rng.between(1200, 6000)));
  append_source_listing(call.output, blocks, target, 1, rng);
  call.duration_ms = rng.between(4, 40);
}

void build_edit(ToolCall& call, const ProjectProfile& profile, const SourceEdit& edit, Rng& rng) {
  call.reset("Edit", rng);
  set_absolute_path(call, profile, edit.file_path);
  JsonWriter(call.input_json)
      .begin_object()
      .field("file_path", call.file_path)
      .field("old_string", edit.old_string)
      .field("new_string", edit.new_string)
      .end_object();
  append_edit_confirmation(call.output, profile.root, edit, static_cast<int>(rng.between(20, 120)));
  call.duration_ms = rng.between(10, 80);
}

void build_write(ToolCall& call, const ProjectProfile& profile, std::string_view path, Rng& rng) {
  call.reset("Write", rng);
  std::string content;
  for (const std::string_view block : profile.test_code_blocks) {
    content.append(block);
    content.append("\n\n");
  }
  set_absolute_path(call, profile, path);
  JsonWriter(call.input_json).begin_object().field("file_path", call.file_path).field("content", content).end_object();
  call.output.append("File created successfully at: ");
  call.output.append(call.file_path);
  call.duration_ms = rng.between(8, 60);
}

void build_bash(ToolCall& call, std::string_view command, std::string_view description, Rng& rng) {
  call.reset("Bash", rng);
  call.command.assign(command);
  JsonWriter(call.input_json)
      .begin_object()
      .field("command", command)
      .field("description", description)
      .key("timeout")
      .integer(120000)
      .end_object();
}

void finish_bash(ToolCall& call, std::string_view output, int64_t duration_ms, int exit_code) {
  call.output.assign(output);
  call.duration_ms = duration_ms;
  call.failed = exit_code != 0;
  if (call.failed) call.error = "exit code " + std::to_string(exit_code);
}

void build_test_run(ToolCall& call, const ProjectProfile& profile, std::string_view command,
                    std::string_view description, const TestRun& run, Rng& rng) {
  build_bash(call, command, description, rng);
  append_test_report(call.output, profile, run);
  call.duration_ms = run.duration_ms + rng.between(300, 1500);  // runner start-up on top of the tests
  call.failed = run.failing_mask != 0;
  if (call.failed) call.error = "exit code 1";
}

void build_task(ToolCall& call, const Delegation& delegation, Rng& rng) {
  call.reset("Task", rng);
  JsonWriter(call.input_json)
      .begin_object()
      .field("description", delegation.description)
      .field("prompt", delegation.prompt)
      .field("subagent_type", "general-purpose")
      .end_object();
}

}  // namespace agentreel::gen
