// Session lifecycle and planning: flavor and outcome choice, the root agent's agenda (one "cycle" = survey,
// reproduce, fix loop, verify), wrap-up when the span budget runs low, and the subagent's short agenda.
// What each step emits lives in agent_session_steps.cpp.
#include "agenteye_gen/agent_session.h"

#include <bit>

namespace agentreel::gen {
namespace {

constexpr uint64_t kWrapUpReserveSpans = 10;  // spans a wrap-up takes: diff, commit, push, final answer
constexpr size_t kHistoryMessages = 6;        // model_request carries the goal plus at most this many messages
constexpr size_t kHistoryMessageBytes = 700;  // each cut to this size (times --payload-scale)

constexpr std::string_view kRootTools = R"(["Task","Bash","Glob","Grep","Read","Edit","Write"])";
constexpr std::string_view kSubagentTools = R"(["Bash","Glob","Grep","Read"])";

SessionFlavor flavor_of(uint64_t number) { return static_cast<SessionFlavor>(number % 3); }

std::string_view pick_environment(Rng& rng) {
  const uint64_t roll = rng.below(10);
  return roll < 5 ? "production" : roll < 8 ? "staging" : "dev";
}

// The first three sessions are the demo's showcase: fixed outcomes; later ones draw theirs.
AgentOutcome pick_outcome(SessionFlavor flavor, uint64_t number, Rng& rng) {
  if (number < 3) return flavor == SessionFlavor::troubled ? AgentOutcome::failure : AgentOutcome::success;
  const uint64_t roll = rng.below(100);
  if (flavor == SessionFlavor::troubled) {
    return roll < 25   ? AgentOutcome::success
           : roll < 65 ? AgentOutcome::failure
           : roll < 85 ? AgentOutcome::error
                       : AgentOutcome::cancelled;
  }
  return roll < 78   ? AgentOutcome::success
         : roll < 90 ? AgentOutcome::failure
         : roll < 95 ? AgentOutcome::error
                     : AgentOutcome::cancelled;
}

}  // namespace

AgentSession::AgentSession(const SessionPlan& plan, Rng& rng, EventQueue& queue)
    : plan_(plan),
      rng_(rng),
      queue_(queue),
      profile_(plan.number < all_profiles().size() ? *all_profiles()[plan.number] : *rng.pick(all_profiles())),
      flavor_(flavor_of(plan.number)),
      sizes_{plan.payload_scale},
      session_id_(make_uuid(rng)),
      environment_(pick_environment(rng)),
      root_(kHistoryMessages, sizes_.scaled(kHistoryMessageBytes)),
      subagent_(kHistoryMessages, sizes_.scaled(kHistoryMessageBytes)),
      clock_(plan.start) {
  const Goal& goal = rng_.pick(profile_.goals);
  goal_.assign(goal.text);
  focus_failure_ = goal.focus_failure;
  append_system_prompt(system_prompt_, profile_, environment_, false);
  append_system_prompt(subagent_system_prompt_, profile_, environment_, true);

  root_.id = make_agent_id(rng_);
  root_.model = rng_.chance(0.7) ? "claude-sonnet-4-5" : "claude-opus-4-1";
  root_.tools_json = kRootTools;
  root_.system_prompt = &system_prompt_;
  subagent_.is_subagent = true;
  subagent_.model = "claude-haiku-4-5";
  subagent_.tools_json = kSubagentTools;
  subagent_.system_prompt = &subagent_system_prompt_;

  planned_outcome_ = pick_outcome(flavor_, plan.number, rng_);
  const bool showcase = plan.number < 3 || rng_.chance(0.5);
  total_tests_ = static_cast<int>(static_cast<double>(rng_.between(30, 90)) * plan.payload_scale);
  if (total_tests_ < 8) total_tests_ = 8;

  // Hooks: policy sessions guard Bash with two or three policies; others sometimes with one.
  if (flavor_ == SessionFlavor::policy_guarded && showcase) {
    policies_[policy_count_++] = BashPolicy::block_sudo;
    policies_[policy_count_++] = BashPolicy::block_force_push;
    if (rng_.chance(0.5)) policies_[policy_count_++] = BashPolicy::block_rm_rf;
  } else if (rng_.chance(0.4)) {
    policies_[policy_count_++] = static_cast<BashPolicy>(rng_.below(3));
  }
  format_hook_ = flavor_ == SessionFlavor::policy_guarded || rng_.chance(0.3);
  prompt_hook_ = rng_.chance(0.25);

  if (flavor_ == SessionFlavor::troubled && showcase) {
    approvals_ = true;
    rate_limit_at_request_ = 3;
    human_pause_at_step_ = 6;
    timeout_first_test_run_ = true;
    interrupt_second_test_run_ = true;
  } else {
    approvals_ = rng_.chance(0.2);
  }

  if (planned_outcome_ == AgentOutcome::error || planned_outcome_ == AgentOutcome::cancelled) {
    end_incident_at_spans_ = plan.target_spans * static_cast<uint64_t>(rng_.between(40, 85)) / 100;
  }
}

bool AgentSession::has_policy(BashPolicy policy) const {
  for (int i = 0; i < policy_count_; ++i) {
    if (policies_[i] == policy) return true;
  }
  return false;
}

uint64_t AgentSession::spans_used() const { return queue_.spans_emitted() - spans_at_start_; }

AgentEyeEventWriter AgentSession::writer_for(const Agent& agent) {
  return AgentEyeEventWriter(queue_, EventSource{session_id_.view(), agent.id.view(), environment_});
}

void AgentSession::start() {
  started_ = true;
  spans_at_start_ = queue_.spans_emitted();
  root_.conversation.restart(goal_);
  root_.context_tokens = static_cast<int64_t>(system_prompt_.size() + goal_.size()) / 4 + 2400;  // + tool specs
  clock_ = writer_for(root_).agent_start(clock_, goal_, std::nullopt);
  if (prompt_hook_) run_prompt_hook(root_);
}

void AgentSession::emit_next_step() {
  if (finished_) return;
  if (!started_) {
    start();
    return;
  }
  if (subagent_active_) {
    if (subagent_.agenda.empty()) plan_subagent();
    const Step step = subagent_.agenda.front();
    subagent_.agenda.pop_front();
    execute(subagent_, step);
    return;
  }
  ++steps_;
  if (steps_ == human_pause_at_step_ || (steps_ > 2 && rng_.chance(0.008))) {
    human_pause_incident(root_);
    return;
  }
  if (root_.context_tokens > 150000) {
    compact_context(root_);
    return;
  }
  if (end_incident_at_spans_ != 0 && spans_used() >= end_incident_at_spans_ && !wrapping_up_) {
    wrapping_up_ = true;
    root_.agenda.assign({planned_outcome_ == AgentOutcome::error ? Step::crash_in_sandbox : Step::cancel_by_user});
  } else if (!wrapping_up_ && spans_used() + kWrapUpReserveSpans >= plan_.target_spans) {
    plan_wrap_up();
  }
  if (root_.agenda.empty()) plan_next_cycle();
  const Step step = root_.agenda.front();
  root_.agenda.pop_front();
  execute(root_, step);
}

void AgentSession::plan_next_cycle() {
  if (wrapping_up_) {  // a wrap-up step re-planned nothing: the session is over
    root_.agenda.push_back(Step::finish);
    return;
  }
  ++cycle_;
  auto& agenda = root_.agenda;
  if (cycle_ == 1) {
    const int failure_count = static_cast<int>(profile_.failures.size());
    const int first = focus_failure_;
    failing_mask_ = 1u << first;
    if (rng_.chance(0.4)) failing_mask_ |= 1u << ((first + 1) % failure_count);
    if (planned_outcome_ == AgentOutcome::failure) stubborn_failure_ = first;
    seen_failures_ = failing_mask_;

    agenda.push_back(rng_.chance(0.5) ? Step::survey_files : Step::search_code);
    agenda.push_back(Step::read_code_and_test);
    if (has_policy(BashPolicy::block_sudo) && (flavor_ == SessionFlavor::policy_guarded || rng_.chance(0.5))) {
      agenda.push_back(Step::install_with_sudo);
    } else if (approvals_ || rng_.chance(0.25)) {
      agenda.push_back(Step::install_deps);
    }
    if (flavor_ == SessionFlavor::delegating || rng_.chance(0.1)) agenda.push_back(Step::delegate);
    agenda.push_back(Step::run_all_tests);
    return;
  }
  // A later cycle: the next problem surfaces (another failing test), found by searching and reading again.
  // Once every known failure was seen, one comes back (a regression), so long sessions keep a fix loop going.
  const uint32_t all = (1u << profile_.failures.size()) - 1;
  const uint32_t fresh = all & ~failing_mask_ & ~seen_failures_;
  int next = fresh != 0 ? std::countr_zero(fresh) : static_cast<int>(rng_.below(profile_.failures.size()));
  if (next == stubborn_failure_) next = (next + 1) % static_cast<int>(profile_.failures.size());
  failing_mask_ |= 1u << next;
  seen_failures_ |= failing_mask_;
  agenda.push_back(rng_.chance(0.6) ? Step::search_code : Step::inspect_repo);
  agenda.push_back(Step::read_source);
  if (has_policy(BashPolicy::block_rm_rf) && rng_.chance(0.3)) agenda.push_back(Step::clean_reinstall_risky);
  if (rng_.chance(0.08)) agenda.push_back(Step::delegate);
  agenda.push_back(Step::run_all_tests);
}

void AgentSession::plan_wrap_up() {
  wrapping_up_ = true;
  auto& agenda = root_.agenda;
  agenda.clear();
  if (plan_.cut_off) {
    agenda.push_back(Step::cut_off_mid_tool);
    return;
  }
  if (cycle_ == 0) {  // budget too small for any work
    agenda.push_back(Step::finish);
    return;
  }
  if (failing_mask_ != 0 && stubborn_failure_ >= 0) {
    agenda.push_back(Step::run_all_tests);  // shows the failure that remains
    agenda.push_back(Step::finish);
    return;
  }
  if (failing_mask_ != 0) {  // the budget ran out mid-fix: assume the fix landed and verify it
    failing_mask_ = 0;
    agenda.push_back(Step::run_all_tests);
  }
  if (rng_.chance(0.4)) agenda.push_back(Step::lint);
  agenda.push_back(Step::review_diff);
  agenda.push_back(Step::commit);
  if (has_policy(BashPolicy::block_force_push) && (flavor_ == SessionFlavor::policy_guarded || rng_.chance(0.5))) {
    agenda.push_back(Step::force_push);
  } else if (rng_.chance(0.7)) {
    agenda.push_back(Step::push);
  }
  agenda.push_back(Step::finish);
}

void AgentSession::plan_subagent() {
  auto& agenda = subagent_.agenda;
  agenda.push_back(Step::search_code);
  agenda.push_back(Step::read_source);
  if (rng_.chance(0.5)) agenda.push_back(Step::read_source);
  if (rng_.chance(0.3)) agenda.push_back(Step::inspect_repo);
  agenda.push_back(Step::subagent_finish);
}

}  // namespace agentreel::gen
