// One tool invocation as the simulator builds it: name, id, rendered input object, output text and timing.
// Builders fill a reused ToolCall for each tool the agents use (Bash, Read, Edit, Write, Grep, Glob, Task);
// they decide content and duration, never when events are emitted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "agenteye_gen/ids.h"
#include "agenteye_gen/project_profile.h"
#include "agenteye_gen/random.h"
#include "agenteye_gen/tool_outputs.h"

namespace agentreel::gen {

struct ToolCall {
  std::string_view tool_name;
  Id call_id;
  std::string input_json;  // the tool_use "input" object
  std::string command;     // Bash only: what policy hooks inspect
  std::string file_path;   // Read, Edit and Write only: the absolute path
  std::string output;      // raw text of tool_result "output"
  std::string error;       // tool_result "error"; meaningful only when failed
  bool failed = false;
  int64_t duration_ms = 0;

  void reset(std::string_view name, Rng& rng);
};

// Size knobs shared by the builders; `payload_scale` multiplies every generated payload.
struct PayloadSizes {
  double payload_scale = 1.0;
  size_t scaled(size_t bytes) const;
};

void build_glob(ToolCall& call, const SearchExample& search, Rng& rng);
void build_grep(ToolCall& call, const SearchExample& search, Rng& rng);
void build_read(ToolCall& call, const ProjectProfile& profile, std::string_view path, bool test_file,
                const PayloadSizes& sizes, Rng& rng);
void build_edit(ToolCall& call, const ProjectProfile& profile, const SourceEdit& edit, Rng& rng);
void build_write(ToolCall& call, const ProjectProfile& profile, std::string_view path, Rng& rng);
void build_bash(ToolCall& call, std::string_view command, std::string_view description, Rng& rng);
void build_test_run(ToolCall& call, const ProjectProfile& profile, std::string_view command,
                    std::string_view description, const TestRun& run, Rng& rng);
void build_task(ToolCall& call, const Delegation& delegation, Rng& rng);  // output filled by the subagent

// Output and timing for a Bash command built with build_bash; `exit_code` != 0 marks the call failed.
void finish_bash(ToolCall& call, std::string_view output, int64_t duration_ms, int exit_code);

}  // namespace agentreel::gen
