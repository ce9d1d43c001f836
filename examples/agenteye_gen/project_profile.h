// A fictional repository an agent works on: its files, code, commands, test runner and typical failures.
// Pure data (string literals in static storage); the simulator picks from it, tool_outputs.cpp formats it.
// Profiles: profile_billing_python.cpp, profile_storefront_typescript.cpp, profile_logtail_rust.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace agentreel::gen {

enum class TestRunner { pytest, jest, cargo_test };

struct TestFailure {
  std::string_view test_id;       // as the runner names it, e.g. "tests/test_invoice.py::test_total_rounds"
  std::string_view short_reason;  // one line, for summaries
  std::string_view detail;        // the runner's multi-line failure report
};

struct Goal {
  std::string_view text;
  int focus_failure;  // index into failures: the test that shows the problem
};

// failures[i] is fixed by edits[i]; any other edit is a wrong guess for it.
struct SourceEdit {
  std::string_view file_path;  // relative to the repository root
  std::string_view old_string;
  std::string_view new_string;
  std::string_view explanation;  // what the assistant says before editing
};

struct CannedCommand {
  std::string_view command;
  std::string_view description;
  std::string_view output;
  int64_t min_ms;
  int64_t max_ms;
};

struct SearchExample {
  std::string_view pattern;
  std::string_view matches;  // one match per line, as Grep or Glob print them
};

struct Delegation {
  std::string_view description;  // Task tool "description": three to five words
  std::string_view prompt;       // becomes the subagent's goal
  std::string_view summary;      // what the subagent reports back
};

struct ProjectProfile {
  std::string_view name;
  std::string_view root;
  std::string_view language;
  std::string_view branch;  // the agent's working branch
  TestRunner runner;
  std::string_view test_command;
  std::string_view focused_test_command;  // "{test}" is replaced by a test file
  std::string_view lint_command;
  std::string_view lint_clean_output;
  std::string_view install_command;
  std::string_view install_output;
  std::string_view sudo_install_command;   // what a careless agent tries first; block-sudo denies it
  std::string_view risky_cleanup_command;  // block-rm-rf denies it
  std::string_view safe_cleanup_command;
  std::span<const Goal> goals;
  std::span<const std::string_view> source_files;
  std::span<const std::string_view> test_files;
  std::string_view regression_test_file;          // where the agent writes a new regression test
  std::span<const std::string_view> code_blocks;  // joined to make plausible source files
  std::span<const std::string_view> test_code_blocks;
  std::span<const std::string_view> passing_tests;
  std::span<const TestFailure> failures;
  std::span<const SourceEdit> edits;
  std::span<const CannedCommand> commands;
  std::span<const SearchExample> greps;
  std::span<const SearchExample> globs;
  std::span<const Delegation> delegations;
};

const ProjectProfile& billing_python_profile();
const ProjectProfile& storefront_typescript_profile();
const ProjectProfile& logtail_rust_profile();
std::span<const ProjectProfile* const> all_profiles();

}  // namespace agentreel::gen
