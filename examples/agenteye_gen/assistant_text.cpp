// Template corpus for assistant messages and human replies, with a tiny {placeholder} expander.
// A few lines carry emoji or French on purpose; keep every literal valid UTF-8.
#include "agenteye_gen/assistant_text.h"

#include <span>

namespace agentreel::gen {
namespace {

std::span<const std::string_view> templates_for(Utterance utterance) {
  static constexpr std::string_view kSurveyFiles[] = {
      "Let me get an overview of the repository layout first.",
      "I'll start by listing the relevant files.",
  };
  static constexpr std::string_view kSearchCode[] = {
      "Let me search for `{pattern}` to see where this is handled.",
      "I'll grep for `{pattern}` across the codebase.",
  };
  static constexpr std::string_view kReadCodeAndTest[] = {
      "Let me read the failing test and the code it exercises side by side.",
      "I'll open `{file}` and the corresponding test file.",
  };
  static constexpr std::string_view kReadSource[] = {
      "Let me read `{file}` to understand the current implementation.",
      "Looking at `{file}` more closely.",
  };
  static constexpr std::string_view kInstallDeps[] = {
      "The test dependencies don't seem to be installed. Installing them first.",
      "I'll install the project's dependencies before running anything.",
  };
  static constexpr std::string_view kRetryAfterDenial[] = {
      "The `{pattern}` hook blocked that: {reason} I'll do it the allowed way instead.",
      "Blocked by policy ({pattern}). Understood — switching to `{command}`.",
  };
  static constexpr std::string_view kCleanReinstall[] = {
      "The install looks corrupted (stale cache). I'll clear it and reinstall.",
  };
  static constexpr std::string_view kRunAllTests[] = {
      "Let me run the test suite to see the failure.",
      "Running the full suite to get a baseline.",
  };
  static constexpr std::string_view kVerifyAllTests[] = {
      "Now the whole suite, to make sure nothing else broke.",
      "Running the full suite once more.",
  };
  static constexpr std::string_view kRunTestsAfterTimeout[] = {
      "The run timed out after 2 minutes — probably the integration tests waiting on the network. I'll run only "
      "`{test}`.",
  };
  static constexpr std::string_view kRunFocusedTest[] = {
      "Let me run `{test}` to check the fix.",
      "Re-running just `{test}`.",
  };
  static constexpr std::string_view kFixStillFailing[] = {
      "Still failing: {reason}. The first change was only part of it; let me look again.",
      "Hmm, `{test}` still fails ({reason}). Let me re-read the code around it.",
  };
  static constexpr std::string_view kFocusedTestPasses[] = {
      "`{test}` passes now. Let me run the whole suite.",
      "That fixed it 🎉 Running everything to check for regressions.",
  };
  static constexpr std::string_view kDelegate[] = {
      "This touches several modules. I'll have a subagent do the survey ({detail}) while I keep the context "
      "focused on the fix.",
  };
  static constexpr std::string_view kWriteRegressionTest[] = {
      "I'll add a regression test so this doesn't come back.",
  };
  static constexpr std::string_view kLint[] = {
      "Running the linters before committing.",
  };
  static constexpr std::string_view kInspectRepo[] = {
      "Let me check something quickly: `{command}`.",
      "Quick look: `{command}`.",
  };
  static constexpr std::string_view kReviewDiff[] = {
      "Let me review the full diff before committing.",
  };
  static constexpr std::string_view kCommit[] = {
      "Committing the fix on `{branch}`.",
  };
  static constexpr std::string_view kPush[] = {
      "Pushing `{branch}` so it can be reviewed.",
  };
  static constexpr std::string_view kForcePush[] = {
      "I rebased `{branch}` onto main, so I'll force-push it.",
  };
  static constexpr std::string_view kContinueAfterInterrupt[] = {
      "Understood — I'll stop running the whole suite and only run `{test}` from now on.",
      "D'accord, je m'arrête là et je ne lance que `{test}`.",
  };
  static constexpr std::string_view kMaxTokensCutOff[] = {
      "Here is my analysis of the failure. The function computes the total in three steps: first it maps every "
      "line to a rounded amount, then it adds the taxes, each of which is rounded again, and finally it",
  };
  static constexpr std::string_view kFinishSuccess[] = {
      "Done ✅\n\n{detail}\n\nAll {count} tests pass. Changes are committed on `{branch}`.",
      "Fixed.\n\n{detail}\n\nFull suite: {count} passed. Branch `{branch}` is pushed and ready for review.",
  };
  static constexpr std::string_view kFinishFailure[] = {
      "I wasn't able to make `{test}` pass.\n\nIt still fails with: {reason}\n\n{detail} I've left the work "
      "uncommitted on `{branch}` so someone can pick it up.",
  };
  static constexpr std::string_view kSubagentStart[] = {
      "I'll search first, then read the matches.",
  };
  static constexpr std::string_view kSubagentFinish[] = {
      "{detail}",
  };
  static constexpr std::string_view kApprovalGranted[] = {
      "yes", "y", "yes, go ahead", "ok but don't touch the lockfile", "Oui, vas-y 👍", "はい、どうぞ",
  };
  static constexpr std::string_view kInterruptedByUser[] = {
      "Stop — the full suite takes minutes. Only run {test} for now.",
      "Arrête, ne lance pas toute la suite : seulement {test}.",
  };
  static constexpr std::string_view kPauseByUser[] = {
      "Paused from the dashboard to review the diff so far",
      "User paused the session (stand-up meeting) ☕",
  };
  switch (utterance) {
    case Utterance::survey_files: return kSurveyFiles;
    case Utterance::search_code: return kSearchCode;
    case Utterance::read_code_and_test: return kReadCodeAndTest;
    case Utterance::read_source: return kReadSource;
    case Utterance::install_deps: return kInstallDeps;
    case Utterance::retry_after_denial: return kRetryAfterDenial;
    case Utterance::clean_reinstall: return kCleanReinstall;
    case Utterance::run_all_tests: return kRunAllTests;
    case Utterance::verify_all_tests: return kVerifyAllTests;
    case Utterance::run_tests_after_timeout: return kRunTestsAfterTimeout;
    case Utterance::run_focused_test: return kRunFocusedTest;
    case Utterance::fix_still_failing: return kFixStillFailing;
    case Utterance::focused_test_passes: return kFocusedTestPasses;
    case Utterance::delegate: return kDelegate;
    case Utterance::write_regression_test: return kWriteRegressionTest;
    case Utterance::lint: return kLint;
    case Utterance::inspect_repo: return kInspectRepo;
    case Utterance::review_diff: return kReviewDiff;
    case Utterance::commit: return kCommit;
    case Utterance::push: return kPush;
    case Utterance::force_push: return kForcePush;
    case Utterance::continue_after_interrupt: return kContinueAfterInterrupt;
    case Utterance::max_tokens_cut_off: return kMaxTokensCutOff;
    case Utterance::finish_success: return kFinishSuccess;
    case Utterance::finish_failure: return kFinishFailure;
    case Utterance::subagent_start: return kSubagentStart;
    case Utterance::subagent_finish: return kSubagentFinish;
    case Utterance::approval_granted: return kApprovalGranted;
    case Utterance::interrupted_by_user: return kInterruptedByUser;
    case Utterance::pause_by_user: return kPauseByUser;
  }
  return kSurveyFiles;
}

std::string_view value_of(std::string_view name, const TextVars& vars) {
  if (name == "file") return vars.file;
  if (name == "test") return vars.test;
  if (name == "command") return vars.command;
  if (name == "pattern") return vars.pattern;
  if (name == "branch") return vars.branch;
  if (name == "count") return vars.count;
  if (name == "reason") return vars.reason;
  if (name == "detail") return vars.detail;
  return {};
}

}  // namespace

void append_expanded(std::string& out, std::string_view text_template, const TextVars& vars) {
  while (!text_template.empty()) {
    const size_t open = text_template.find('{');
    const size_t close = open == std::string_view::npos ? open : text_template.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text_template.substr(0, open));
    out.append(value_of(text_template.substr(open + 1, close - open - 1), vars));
    text_template.remove_prefix(close + 1);
  }
  out.append(text_template);
}

void append_utterance(std::string& out, Utterance utterance, const TextVars& vars, Rng& rng) {
  append_expanded(out, rng.pick(templates_for(utterance)), vars);
}

void append_system_prompt(std::string& out, const ProjectProfile& profile, std::string_view environment,
                          bool subagent) {
  if (subagent) {
    out.append(
        "You are a research subagent. Answer the task you are given using only read-only tools (Grep, Glob, "
        "Read, and Bash for inspection). Do not modify files. Reply with a concise report: file paths with "
        "line numbers, and what you found. Repository: ");
    out.append(profile.root);
    out.push_back('.');
    return;
  }
  out.append("You are an autonomous coding agent working in the ");
  out.append(profile.name);
  out.append(" repository at ");
  out.append(profile.root);
  out.append(" (");
  out.append(profile.language);
  out.append("). Environment: ");
  out.append(environment);
  out.append(R"~(. Today is 2026-03-04.

# Working rules
- Read code before changing it; prefer small, focused edits with the Edit tool over rewriting files.
- Run the relevant tests after every change and report honestly whether they pass.
- Never force-push, never use sudo, never delete files outside the repository. Policy hooks enforce this and
  will deny such commands; when a hook denies a command, follow its advice instead of retrying.
- Use the Task tool to delegate broad, read-only searches to a subagent.
- When you are done, summarise what you changed, why, and the final test results.

# Tone
Be concise. Use Markdown code spans for paths and identifiers.)~");
}

}  // namespace agentreel::gen
