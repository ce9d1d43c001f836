// One simulated coding-agent session: a root agent working through an agenda of steps (survey, reproduce, fix,
// verify, wrap up), maybe a subagent, hooks, errors, pauses and humans. Emits AgentEye lines in causal order.
// Implementation is split by feature: agent_session.cpp (planning), agent_session_steps.cpp (what each step
// does), agent_session_mechanics.cpp (model calls, tool calls, hooks, incidents). No I/O; writes to a queue.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "agenteye_gen/agenteye_events.h"
#include "agenteye_gen/assistant_text.h"
#include "agenteye_gen/conversation.h"
#include "agenteye_gen/ids.h"
#include "agenteye_gen/policy_hooks.h"
#include "agenteye_gen/project_profile.h"
#include "agenteye_gen/random.h"
#include "agenteye_gen/tool_call.h"

namespace agentreel::gen {

// Every third session showcases one theme, so even a three-run demo shows all of them.
enum class SessionFlavor { delegating, policy_guarded, troubled };

struct SessionPlan {
  uint64_t number = 0;        // global session number; number % 3 picks the flavor
  uint64_t target_spans = 0;  // approximate; the session wraps up when it gets close
  double payload_scale = 1.0;
  bool cut_off = false;  // stop in the middle of the last step: an open tool call, no agent_end
  Micros start = 0;
};

class AgentSession {
 public:
  AgentSession(const SessionPlan& plan, Rng& rng, EventQueue& queue);
  AgentSession(const AgentSession&) = delete;  // events hold views of its ids and prompts
  AgentSession& operator=(const AgentSession&) = delete;

  bool finished() const { return finished_; }
  void emit_next_step();  // appends at least one line to the queue unless finished
  Micros clock() const { return clock_; }

 private:
  enum class Step {
    survey_files,
    search_code,
    read_code_and_test,
    read_source,
    install_deps,
    install_with_sudo,
    clean_reinstall_risky,
    clean_reinstall_safe,
    run_all_tests,
    run_focused_test,
    edit_source,
    write_regression_test,
    lint,
    inspect_repo,
    review_diff,
    commit,
    push,
    force_push,
    delegate,
    finish,
    subagent_finish,
    crash_in_sandbox,
    cancel_by_user,
    cut_off_mid_tool,
  };
  // What goes wrong during one tool call, decided before it runs.
  enum class Mishap { none, timeout, interrupt, sandbox_crash, cut_off };
  enum class ToolEnd { completed, denied, timed_out, interrupted, crashed, cut_off };

  struct Agent {
    Agent(size_t history_messages, size_t history_message_bytes)
        : conversation(history_messages, history_message_bytes) {}

    Id id;
    bool is_subagent = false;
    std::string_view model;
    std::string_view tools_json;
    const std::string* system_prompt = nullptr;
    Conversation conversation;
    std::deque<Step> agenda;
    int64_t context_tokens = 0;
  };

  // agent_session.cpp: lifecycle and planning.
  void start();
  void plan_next_cycle();
  void plan_wrap_up();
  void plan_subagent();
  uint64_t spans_used() const;
  AgentEyeEventWriter writer_for(const Agent& agent);

  // agent_session_steps.cpp: one step = one model turn and its tool calls.
  void execute(Agent& agent, Step step);
  void run_all_tests(Agent& agent);
  void run_focused_test(Agent& agent);
  void edit_source(Agent& agent);
  void delegate(Agent& agent);
  void finish_subagent();
  void finish_root(AgentOutcome outcome);

  // agent_session_mechanics.cpp: the event sequences shared by every step.
  void model_turn(Agent& agent, StopReason stop_reason, size_t tool_input_bytes);
  ToolEnd run_tool(Agent& agent, ToolCall& call, Mishap mishap = Mishap::none);
  ToolEnd run_bash_step(Agent& agent, Utterance utterance, std::string_view command, std::string_view description,
                        std::string_view output, int64_t min_ms, int64_t max_ms);
  void run_parallel_reads(Agent& agent, ToolCall& first, ToolCall& second);
  bool run_policy_hooks(Agent& agent, ToolCall& call, Micros& time);
  void run_format_hook(Agent& agent, const ToolCall& call, Micros& time);
  void run_prompt_hook(Agent& agent);
  void ask_human_approval(Agent& agent, const ToolCall& call, Micros& time);
  Micros rate_limit_incident(Agent& agent, Micros time);
  void human_pause_incident(Agent& agent);
  void compact_context(Agent& agent);
  void remember_tool_result(Agent& agent, const ToolCall& call);
  bool needs_approval(const ToolCall& call) const;

  bool has_policy(BashPolicy policy) const;
  void say(Utterance utterance);  // sets `text_`: the pending reaction if any, else `utterance`
  void choose_fix_target();
  void set_focused_test(int failure);
  std::string_view test_file_for(int failure) const;  // fills test_target_ with what the runner accepts

  const SessionPlan plan_;
  Rng& rng_;
  EventQueue& queue_;
  const ProjectProfile& profile_;
  const SessionFlavor flavor_;
  const PayloadSizes sizes_;
  Id session_id_;
  std::string_view environment_;
  std::string goal_;
  std::string system_prompt_;
  std::string subagent_system_prompt_;
  Agent root_;
  Agent subagent_;
  Micros clock_;

  // Story state.
  AgentOutcome planned_outcome_ = AgentOutcome::success;
  uint64_t spans_at_start_ = 0;
  uint64_t end_incident_at_spans_ = 0;  // for planned Error/Cancelled outcomes
  bool started_ = false;
  bool finished_ = false;
  bool subagent_active_ = false;
  bool wrapping_up_ = false;
  int cycle_ = 0;
  int steps_ = 0;
  int requests_ = 0;
  int all_test_runs_ = 0;
  int total_tests_ = 0;
  uint32_t failing_mask_ = 0;  // bit i: profile_.failures[i] currently fails
  uint32_t seen_failures_ = 0;
  int focus_failure_ = 0;      // the failure the goal is about
  int stubborn_failure_ = -1;  // a failure the agent never fixes (planned Failure outcome)
  bool stubborn_given_up_ = false;
  int fix_target_ = -1;
  int fix_attempts_ = 0;
  size_t wrong_guesses_ = 0;
  size_t subagent_reads_ = 0;
  const SourceEdit* last_edit_ = nullptr;
  const Delegation* delegation_ = nullptr;
  ToolCall task_call_;  // the root's Task call, open while the subagent runs
  Micros task_started_ = 0;
  std::array<ToolCall, 2> calls_;

  // Configured hooks and human involvement.
  std::array<BashPolicy, 3> policies_{};
  int policy_count_ = 0;
  bool format_hook_ = false;
  bool prompt_hook_ = false;
  bool approvals_ = false;

  // Scheduled incidents (Troubled sessions get each once; others by chance).
  int rate_limit_at_request_ = -1;
  int human_pause_at_step_ = -1;
  bool timeout_first_test_run_ = false;
  bool interrupt_second_test_run_ = false;
  std::string interrupt_reason_;

  // What the agent says next. vars_ fields persist across steps on purpose: a reaction ("still failing: {reason}")
  // is spoken in the step after the one that set them.
  std::optional<Utterance> next_utterance_;  // a reaction that replaces the next step's usual line
  bool edited_since_focused_run_ = false;
  bool edited_since_full_run_ = false;
  bool last_edit_fixes_target_ = false;  // decided when editing: right fix, or a wrong guess
  TextVars vars_;
  std::string detail_;
  std::string test_target_;

  // Scratch buffers reused by every step.
  std::string text_;
  std::string note_;
  std::string messages_json_;
  std::string json_;
  std::string count_text_;
};

}  // namespace agentreel::gen
