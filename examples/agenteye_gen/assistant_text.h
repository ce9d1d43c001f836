// What the agents and their humans say: assistant messages for each kind of step, system prompts, human
// replies and end-of-run summaries, as templates with {placeholders}. Text only; no events, no timing.
#pragma once

#include <string>
#include <string_view>

#include "agenteye_gen/project_profile.h"
#include "agenteye_gen/random.h"

namespace agentreel::gen {

enum class Utterance {
  survey_files,
  search_code,
  read_code_and_test,
  read_source,
  install_deps,
  retry_after_denial,
  clean_reinstall,
  run_all_tests,
  verify_all_tests,
  run_tests_after_timeout,
  run_focused_test,
  fix_still_failing,
  focused_test_passes,
  delegate,
  write_regression_test,
  lint,
  inspect_repo,
  review_diff,
  commit,
  push,
  force_push,
  continue_after_interrupt,
  max_tokens_cut_off,
  finish_success,
  finish_failure,
  subagent_start,
  subagent_finish,
  approval_granted,
  interrupted_by_user,
  pause_by_user,
};

// Values substituted for {file}, {test}, {command}, {pattern}, {branch}, {count}, {reason}, {detail}.
struct TextVars {
  std::string_view file;
  std::string_view test;
  std::string_view command;
  std::string_view pattern;
  std::string_view branch;
  std::string_view count;
  std::string_view reason;
  std::string_view detail;
};

void append_expanded(std::string& out, std::string_view text_template, const TextVars& vars);
void append_utterance(std::string& out, Utterance utterance, const TextVars& vars, Rng& rng);
void append_system_prompt(std::string& out, const ProjectProfile& profile, std::string_view environment, bool subagent);

}  // namespace agentreel::gen
