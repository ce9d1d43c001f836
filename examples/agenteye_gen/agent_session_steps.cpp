// What each agenda step emits: the assistant's line, one model turn and its tool call(s), and the reaction it
// schedules (a fix loop after a failing run, a retry after a policy denial, the verify run after a fix).
// The event mechanics (hooks, approvals, mishaps) are in agent_session_mechanics.cpp.
#include <bit>

#include "agenteye_gen/agent_session.h"
#include "agenteye_gen/number_text.h"

namespace agentreel::gen {
namespace {

constexpr int kMaxAttemptsPerFailure = 3;

void replace_placeholder(std::string& out, std::string_view text, std::string_view value) {
  const size_t at = text.find("{test}");
  out.append(text.substr(0, at));
  if (at == std::string_view::npos) return;
  out.append(value);
  out.append(text.substr(at + 6));
}

}  // namespace

void AgentSession::say(Utterance utterance) {
  text_.clear();
  if (next_utterance_) {
    utterance = *next_utterance_;
    next_utterance_.reset();
  }
  append_utterance(text_, utterance, vars_, rng_);
}

void AgentSession::choose_fix_target() {
  if (fix_target_ >= 0 && (failing_mask_ >> fix_target_ & 1u)) return;
  uint32_t candidates = failing_mask_;
  if (stubborn_failure_ >= 0 && (candidates & ~(1u << stubborn_failure_)) != 0) {
    candidates &= ~(1u << stubborn_failure_);  // fix what can be fixed first
  }
  fix_target_ = candidates == 0 ? -1 : std::countr_zero(candidates);
  fix_attempts_ = 0;
}

std::string_view AgentSession::test_file_for(int failure) const {
  const std::string_view test_id = profile_.failures[static_cast<size_t>(failure)].test_id;
  for (const std::string_view file : profile_.test_files) {
    std::string_view stem = file.substr(file.rfind('/') + 1);
    stem = stem.substr(0, stem.find('.'));
    if (test_id.find(stem) != std::string_view::npos) return file;
  }
  return profile_.edits[static_cast<size_t>(failure)].file_path;  // unit tests live next to the code
}

void AgentSession::set_focused_test(int failure) {
  test_target_.clear();
  if (failure < 0) {
    test_target_.assign(profile_.test_files[0]);
    return;
  }
  const std::string_view test_id = profile_.failures[static_cast<size_t>(failure)].test_id;
  if (profile_.runner != TestRunner::jest) {
    test_target_.assign(test_id);  // a pytest node id or a cargo test filter
    return;
  }
  test_target_.assign(test_file_for(failure));  // Jest selects by file
}

AgentSession::ToolEnd AgentSession::run_bash_step(Agent& agent, Utterance utterance, std::string_view command,
                                                  std::string_view description, std::string_view output, int64_t min_ms,
                                                  int64_t max_ms) {
  vars_.command = command;
  say(utterance);
  build_bash(calls_[0], command, description, rng_);
  finish_bash(calls_[0], output, rng_.between(min_ms, max_ms), 0);
  model_turn(agent, StopReason::tool_use, calls_[0].input_json.size());
  return run_tool(agent, calls_[0]);
}

void AgentSession::execute(Agent& agent, Step step) {
  vars_.branch = profile_.branch;
  switch (step) {
    case Step::survey_files: {
      const SearchExample& glob = rng_.pick(profile_.globs);
      vars_.pattern = glob.pattern;
      say(Utterance::survey_files);
      build_glob(calls_[0], glob, rng_);
      model_turn(agent, StopReason::tool_use, calls_[0].input_json.size());
      run_tool(agent, calls_[0]);
      return;
    }
    case Step::search_code: {
      const SearchExample& grep = rng_.pick(profile_.greps);
      vars_.pattern = grep.pattern;
      say(agent.is_subagent ? Utterance::subagent_start : Utterance::search_code);  // a subagent's first step
      build_grep(calls_[0], grep, rng_);
      model_turn(agent, StopReason::tool_use, calls_[0].input_json.size());
      run_tool(agent, calls_[0]);
      return;
    }
    case Step::read_code_and_test: {
      const std::string_view source = profile_.edits[static_cast<size_t>(focus_failure_)].file_path;
      vars_.file = source;
      say(Utterance::read_code_and_test);
      build_read(calls_[0], profile_, source, false, sizes_, rng_);
      build_read(calls_[1], profile_, test_file_for(focus_failure_), true, sizes_, rng_);
      model_turn(agent, StopReason::tool_use, calls_[0].input_json.size() + calls_[1].input_json.size());
      run_parallel_reads(agent, calls_[0], calls_[1]);
      return;
    }
    case Step::read_source: {
      const size_t file_count = profile_.source_files.size();
      std::string_view source = rng_.pick(profile_.source_files);
      if (agent.is_subagent) {  // a survey reads different files
        subagent_reads_ += 1 + static_cast<size_t>(rng_.below(2));
        source = profile_.source_files[subagent_reads_ % file_count];
      } else if (fix_target_ >= 0) {  // the file the fix for the current failure touches
        source = profile_.edits[static_cast<size_t>(fix_target_)].file_path;
      }
      vars_.file = source;
      say(Utterance::read_source);
      build_read(calls_[0], profile_, source, false, sizes_, rng_);
      model_turn(agent, StopReason::tool_use, calls_[0].input_json.size());
      run_tool(agent, calls_[0]);
      return;
    }
    case Step::install_deps:
      run_bash_step(agent, Utterance::install_deps, profile_.install_command, "Install dependencies",
                    profile_.install_output, 4000, 30000);
      return;
    case Step::install_with_sudo:
      if (run_bash_step(agent, Utterance::install_deps, profile_.sudo_install_command, "Install dependencies",
                        profile_.install_output, 6000, 30000) == ToolEnd::denied) {
        agent.agenda.push_front(Step::install_deps);
      }
      return;
    case Step::clean_reinstall_risky:
      if (run_bash_step(agent, Utterance::clean_reinstall, profile_.risky_cleanup_command, "Clear caches and reinstall",
                        profile_.install_output, 8000, 40000) == ToolEnd::denied) {
        agent.agenda.push_front(Step::clean_reinstall_safe);
      }
      return;
    case Step::clean_reinstall_safe:
      run_bash_step(agent, Utterance::clean_reinstall, profile_.safe_cleanup_command, "Reinstall without the cache",
                    profile_.install_output, 8000, 40000);
      return;
    case Step::run_all_tests: run_all_tests(agent); return;
    case Step::run_focused_test: run_focused_test(agent); return;
    case Step::edit_source: edit_source(agent); return;
    case Step::write_regression_test:
      say(Utterance::write_regression_test);
      build_write(calls_[0], profile_, profile_.regression_test_file, rng_);
      model_turn(agent, StopReason::tool_use, calls_[0].input_json.size());
      run_tool(agent, calls_[0]);
      return;
    case Step::lint:
      run_bash_step(agent, Utterance::lint, profile_.lint_command, "Run linters and type checks",
                    profile_.lint_clean_output, 1500, 12000);
      return;
    case Step::inspect_repo: {
      const CannedCommand& canned = rng_.pick(profile_.commands);
      run_bash_step(agent, Utterance::inspect_repo, canned.command, canned.description, canned.output, canned.min_ms,
                    canned.max_ms);
      return;
    }
    case Step::review_diff: {
      std::string diff;
      append_unified_diff(diff, last_edit_ ? *last_edit_ : profile_.edits[0], static_cast<int>(rng_.between(20, 90)));
      run_bash_step(agent, Utterance::review_diff, "git diff", "Show the full diff", diff, 15, 90);
      return;
    }
    case Step::commit: {
      std::string command = "git add -A && git commit -m \"";
      command.append(last_edit_ ? "Fix " : "Update ");
      command.append(last_edit_ ? last_edit_->file_path : profile_.source_files[0]);
      command.append("\n\nCo-authored-by: agent <agent@example.com>\"");
      std::string output = "[";
      output.append(profile_.branch);
      output.append(" 4e1f0a2] Fix ");
      output.append(last_edit_ ? last_edit_->file_path : profile_.source_files[0]);
      output.append("\n 2 files changed, 14 insertions(+), 5 deletions(-)\n");
      run_bash_step(agent, Utterance::commit, command, "Commit the fix", output, 40, 400);
      return;
    }
    case Step::push:
    case Step::force_push: {
      std::string command = step == Step::force_push ? "git push --force origin " : "git push -u origin ";
      command.append(profile_.branch);
      std::string output = "To github.com:acme/";
      output.append(profile_.name);
      output.append(".git\n * [new branch]      ");
      output.append(profile_.branch);
      output.append(" -> ");
      output.append(profile_.branch);
      output.append("\nbranch '");
      output.append(profile_.branch);
      output.append("' set up to track 'origin/");
      output.append(profile_.branch);
      output.append("'.\n");
      if (run_bash_step(agent, step == Step::force_push ? Utterance::force_push : Utterance::push, command,
                        "Push the branch", output, 600, 3500) == ToolEnd::denied) {
        agent.agenda.push_front(Step::push);
      }
      return;
    }
    case Step::delegate: delegate(agent); return;
    case Step::finish: finish_root(failing_mask_ != 0 ? AgentOutcome::failure : AgentOutcome::success); return;
    case Step::subagent_finish: finish_subagent(); return;
    case Step::crash_in_sandbox:
    case Step::cancel_by_user:
    case Step::cut_off_mid_tool: {
      say(Utterance::verify_all_tests);
      const TestRun run{failing_mask_, total_tests_, rng_.between(2000, 20000)};
      build_test_run(calls_[0], profile_, profile_.test_command, "Run the full test suite", run, rng_);
      model_turn(agent, StopReason::tool_use, calls_[0].input_json.size());
      if (step == Step::cut_off_mid_tool) {
        run_tool(agent, calls_[0], Mishap::cut_off);
        return;
      }
      if (step == Step::cancel_by_user) interrupt_reason_ = "Cancelling this run — I'll take it from here myself.";
      run_tool(agent, calls_[0], step == Step::crash_in_sandbox ? Mishap::sandbox_crash : Mishap::interrupt);
      std::string summary = step == Step::crash_in_sandbox
                                ? "Aborted: the sandbox container was OOM-killed while running `"
                                : "Cancelled by the user while running `";
      summary.append(profile_.test_command);
      summary.append("`");
      clock_ = writer_for(root_).agent_end(
          clock_ + rng_.between(5, 40) * kMicrosPerMilli,
          step == Step::crash_in_sandbox ? AgentOutcome::error : AgentOutcome::cancelled, summary);
      finished_ = true;
      return;
    }
  }
}

void AgentSession::run_all_tests(Agent& agent) {
  ++all_test_runs_;
  Mishap mishap = Mishap::none;
  if (timeout_first_test_run_ && all_test_runs_ == 1) {
    mishap = Mishap::timeout;
  } else if (interrupt_second_test_run_ && all_test_runs_ == 2) {
    mishap = Mishap::interrupt;
  } else if (rng_.chance(0.01)) {
    mishap = Mishap::timeout;
  }
  const bool verifying = edited_since_full_run_;
  edited_since_full_run_ = false;
  say(verifying ? Utterance::verify_all_tests : Utterance::run_all_tests);
  const TestRun run{failing_mask_, total_tests_, rng_.between(1500, 25000)};
  build_test_run(calls_[0], profile_, profile_.test_command, "Run the full test suite", run, rng_);
  model_turn(agent, StopReason::tool_use, calls_[0].input_json.size());
  choose_fix_target();
  set_focused_test(fix_target_);
  vars_.test = test_target_;
  if (mishap == Mishap::interrupt) {
    interrupt_reason_.clear();
    append_utterance(interrupt_reason_, Utterance::interrupted_by_user, vars_, rng_);
  }
  const ToolEnd end = run_tool(agent, calls_[0], mishap);
  if (end == ToolEnd::timed_out || end == ToolEnd::interrupted) {
    next_utterance_ =
        end == ToolEnd::timed_out ? Utterance::run_tests_after_timeout : Utterance::continue_after_interrupt;
    agent.agenda.push_front(Step::run_focused_test);
    return;
  }
  if (wrapping_up_) return;
  if (failing_mask_ == 0) {
    if (rng_.chance(0.3)) agent.agenda.push_front(Step::write_regression_test);
    return;
  }
  if (fix_target_ < 0 || (fix_target_ == stubborn_failure_ && stubborn_given_up_)) return;  // nothing left to try
  agent.agenda.push_front(Step::run_focused_test);
  agent.agenda.push_front(Step::edit_source);
  if (rng_.chance(0.6)) agent.agenda.push_front(Step::read_source);
}

void AgentSession::run_focused_test(Agent& agent) {
  choose_fix_target();
  set_focused_test(fix_target_);
  vars_.test = test_target_;
  const bool attempted = edited_since_focused_run_;
  const bool fixed = attempted && last_edit_fixes_target_;
  edited_since_focused_run_ = false;
  if (fixed) failing_mask_ &= ~(1u << fix_target_);

  say(Utterance::run_focused_test);
  std::string command;
  replace_placeholder(command, profile_.focused_test_command, test_target_);
  const TestRun run{fixed || fix_target_ < 0 ? 0u : 1u << fix_target_, static_cast<int>(rng_.between(3, 14)),
                    rng_.between(300, 4000)};
  build_test_run(calls_[0], profile_, command, "Run the failing test", run, rng_);
  model_turn(agent, StopReason::tool_use, calls_[0].input_json.size());
  run_tool(agent, calls_[0]);

  if (fix_target_ < 0 || fixed) {
    next_utterance_ = Utterance::focused_test_passes;
    fix_target_ = -1;
    agent.agenda.push_front(Step::run_all_tests);
    return;
  }
  vars_.reason = profile_.failures[static_cast<size_t>(fix_target_)].short_reason;
  if (attempted) {
    next_utterance_ = Utterance::fix_still_failing;
    if (++fix_attempts_ >= kMaxAttemptsPerFailure) {  // give up on this one; the cycle ends
      if (fix_target_ == stubborn_failure_) stubborn_given_up_ = true;
      return;
    }
  }
  agent.agenda.push_front(Step::run_focused_test);
  agent.agenda.push_front(Step::edit_source);
  if (rng_.chance(0.4)) agent.agenda.push_front(Step::read_source);
}

void AgentSession::edit_source(Agent& agent) {
  choose_fix_target();
  // The right edit for failures[i] is edits[i]. The first attempt is sometimes a wrong guess, the second is
  // right, except for a stubborn failure where every guess is wrong.
  const size_t edit_count = profile_.edits.size();
  const bool fixable = fix_target_ >= 0 && fix_target_ != stubborn_failure_;
  last_edit_fixes_target_ = fixable && (fix_attempts_ >= 1 || rng_.chance(0.55));
  size_t edit_index = fix_target_ >= 0 ? static_cast<size_t>(fix_target_) : 0;
  if (!last_edit_fixes_target_) edit_index = (edit_index + 1 + wrong_guesses_++ % (edit_count - 1)) % edit_count;
  const SourceEdit& edit = profile_.edits[edit_index];
  vars_.file = edit.file_path;
  text_.clear();
  if (next_utterance_) {
    append_utterance(text_, *next_utterance_, vars_, rng_);
    next_utterance_.reset();
    text_.append("\n\n");
  }
  text_.append(edit.explanation);
  build_edit(calls_[0], profile_, edit, rng_);
  model_turn(agent, StopReason::tool_use, calls_[0].input_json.size());
  run_tool(agent, calls_[0]);
  last_edit_ = &edit;
  edited_since_focused_run_ = true;
  edited_since_full_run_ = true;
}

void AgentSession::delegate(Agent& agent) {
  delegation_ = &rng_.pick(profile_.delegations);
  vars_.detail = delegation_->description;
  say(Utterance::delegate);
  build_task(task_call_, *delegation_, rng_);
  model_turn(agent, StopReason::tool_use, task_call_.input_json.size());
  task_started_ = writer_for(agent).tool_use(clock_ + rng_.between(2, 15) * kMicrosPerMilli, task_call_.tool_name,
                                             task_call_.call_id.view(), task_call_.input_json);
  do {
    subagent_.id = make_agent_id(rng_);
  } while (subagent_.id.view() == root_.id.view());
  subagent_.conversation.restart(delegation_->prompt);
  subagent_.context_tokens =
      static_cast<int64_t>(subagent_system_prompt_.size() + delegation_->prompt.size()) / 4 + 1200;
  subagent_.agenda.clear();
  clock_ = writer_for(subagent_).agent_start(task_started_ + rng_.between(30, 150) * kMicrosPerMilli,
                                             delegation_->prompt, root_.id.view());
  subagent_active_ = true;
  plan_subagent();
}

void AgentSession::finish_subagent() {
  text_.assign(delegation_->summary);
  model_turn(subagent_, StopReason::end_turn, 0);
  std::string summary(delegation_->description);
  summary.append(": done");
  const Micros ended =
      writer_for(subagent_).agent_end(clock_ + rng_.between(2, 12) * kMicrosPerMilli, AgentOutcome::success, summary);
  task_call_.output.assign(delegation_->summary);
  const Micros result_at = ended + rng_.between(3, 20) * kMicrosPerMilli;
  clock_ = writer_for(root_).tool_result(result_at, task_call_.tool_name, task_call_.call_id.view(), task_call_.output,
                                         std::nullopt, (result_at - task_started_) / kMicrosPerMilli);
  remember_tool_result(root_, task_call_);
  subagent_active_ = false;
}

void AgentSession::finish_root(AgentOutcome outcome) {
  count_text_.clear();
  append_int(count_text_, total_tests_);
  vars_.count = count_text_;
  detail_.clear();
  if (last_edit_) {
    detail_.append("- `");
    detail_.append(last_edit_->file_path);
    detail_.append("`: ");
    detail_.append(last_edit_->explanation);
  } else {
    detail_.append("No code changes were needed.");
  }
  if (outcome == AgentOutcome::failure && stubborn_failure_ >= 0) {
    const TestFailure& failure = profile_.failures[static_cast<size_t>(stubborn_failure_)];
    vars_.test = failure.test_id;
    vars_.reason = failure.short_reason;
  }
  vars_.detail = detail_;
  next_utterance_.reset();
  say(outcome == AgentOutcome::success ? Utterance::finish_success : Utterance::finish_failure);
  model_turn(root_, StopReason::end_turn, 0);

  std::string summary;
  if (outcome == AgentOutcome::success) {
    summary = "Done: ";
    summary.append(goal_);
    summary.append(". ");
    summary.append(count_text_);
    summary.append(" tests pass.");
  } else {
    summary = "Gave up: ";
    summary.append(vars_.test);
    summary.append(" still fails (");
    summary.append(vars_.reason);
    summary.append(")");
  }
  clock_ = writer_for(root_).agent_end(clock_ + rng_.between(2, 30) * kMicrosPerMilli, outcome, summary);
  finished_ = true;
}

}  // namespace agentreel::gen
