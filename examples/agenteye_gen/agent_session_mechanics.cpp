// Event sequences shared by all steps: a model turn (request, rate-limit retries, response), a tool call
// (use, policy hooks, human approval, mishaps, result, format hook), pauses and context compaction.
// Timing lives here: model latency grows with output size, tool time comes from the ToolCall builders.
#include <algorithm>

#include "agenteye_gen/agent_session.h"
#include "agenteye_gen/json_writer.h"
#include "agenteye_gen/number_text.h"

namespace agentreel::gen {
namespace {

constexpr int64_t kToolTimeoutMs = 120000;

constexpr std::string_view kRateLimitTraceback = R"~(Traceback (most recent call last):
  File "/opt/agenteye/runtime/loop.py", line 214, in _call_model
    response = await self._client.messages.create(**request)
  File "/opt/agenteye/.venv/lib/python3.12/site-packages/anthropic/resources/messages.py", line 904, in create
    return await self._post("/v1/messages", body=body, options=options, cast_to=Message)
  File "/opt/agenteye/.venv/lib/python3.12/site-packages/anthropic/_base_client.py", line 1634, in _request
    raise self._make_status_error_from_response(err.response) from None
anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error', 'message': 'This request would exceed the rate limit for your organization of 80,000 input tokens per minute.'}})~";

constexpr std::string_view kOverloadedTraceback = R"~(Traceback (most recent call last):
  File "/opt/agenteye/runtime/loop.py", line 214, in _call_model
    response = await self._client.messages.create(**request)
  File "/opt/agenteye/.venv/lib/python3.12/site-packages/anthropic/_base_client.py", line 1634, in _request
    raise self._make_status_error_from_response(err.response) from None
anthropic.InternalServerError: Error code: 529 - {'type': 'error', 'error': {'type': 'overloaded_error', 'message': 'Overloaded'}})~";

constexpr std::string_view kSandboxTraceback = R"~(Traceback (most recent call last):
  File "/opt/agenteye/runtime/tools/bash.py", line 88, in run
    result = await self._sandbox.exec(command, timeout=timeout_s)
  File "/opt/agenteye/runtime/sandbox/docker.py", line 141, in exec
    raise SandboxTerminated(container=self.container_id, exit_code=state["ExitCode"], oom_killed=state["OOMKilled"])
agenteye.runtime.sandbox.SandboxTerminated: container 3f9c1b2a7d4e exited with code 137 (OOMKilled=True))~";

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

void AgentSession::model_turn(Agent& agent, StopReason stop_reason, size_t tool_input_bytes) {
  AgentEyeEventWriter writer = writer_for(agent);
  auto request = [&](Micros at) {
    ++requests_;
    messages_json_.clear();
    agent.conversation.append_messages_json(messages_json_);
    Micros sent = writer.model_request(at, agent.model, messages_json_, *agent.system_prompt, agent.tools_json);
    if (requests_ == rate_limit_at_request_ || rng_.chance(0.012)) sent = rate_limit_incident(agent, sent);
    return sent;
  };
  auto latency = [&](int64_t output_tokens) {
    const double seconds = 0.45 + static_cast<double>(output_tokens) * rng_.between(12, 30) / 1000.0 +
                           static_cast<double>(agent.context_tokens) * 4e-6;
    return static_cast<Micros>(std::clamp(seconds, 0.5, 20.0) * kMicrosPerSecond) + rng_.between(0, 999);
  };

  Micros time = request(clock_ + rng_.between(4, 60) * kMicrosPerMilli);
  if (!agent.is_subagent && stop_reason == StopReason::tool_use && rng_.chance(0.01)) {
    // The answer ran into max_tokens; the agent asks again with the partial answer in the history.
    note_.clear();
    append_utterance(note_, Utterance::max_tokens_cut_off, vars_, rng_);
    time = writer.model_response(time + latency(4096), agent.model, StopReason::max_tokens, agent.context_tokens, 4096,
                                 note_);
    agent.conversation.add(Role::assistant, note_);
    agent.context_tokens += 4096;
    clock_ = time;
    time = request(clock_ + rng_.between(4, 40) * kMicrosPerMilli);
  }
  const int64_t output_tokens = static_cast<int64_t>(text_.size() / 4 + tool_input_bytes / 4) + rng_.between(12, 90);
  time = writer.model_response(time + latency(output_tokens), agent.model, stop_reason, agent.context_tokens,
                               output_tokens, text_);
  agent.context_tokens += output_tokens;
  agent.conversation.add(Role::assistant, text_);
  clock_ = time;
}

bool AgentSession::needs_approval(const ToolCall& call) const {
  return call.tool_name == "Bash" &&
         (call.command == profile_.install_command || call.command == profile_.safe_cleanup_command ||
          contains(call.command, "git push") || contains(call.command, "rm -rf"));
}

AgentSession::ToolEnd AgentSession::run_tool(Agent& agent, ToolCall& call, Mishap mishap) {
  AgentEyeEventWriter writer = writer_for(agent);
  const Micros started = writer.tool_use(clock_ + rng_.between(2, 20) * kMicrosPerMilli, call.tool_name,
                                         call.call_id.view(), call.input_json);
  Micros time = started;
  ToolEnd end = ToolEnd::completed;
  if (call.tool_name == "Bash" && policy_count_ > 0 && !run_policy_hooks(agent, call, time)) end = ToolEnd::denied;

  Micros result_at = 0;
  int64_t duration_ms = call.duration_ms;
  if (end == ToolEnd::denied) {
    result_at = time + rng_.between(1, 4) * kMicrosPerMilli;
    duration_ms = (result_at - started) / kMicrosPerMilli;
  } else {
    if (approvals_ && needs_approval(call)) ask_human_approval(agent, call, time);
    switch (mishap) {
      case Mishap::none: result_at = time + call.duration_ms * kMicrosPerMilli + rng_.between(0, 999); break;
      case Mishap::timeout: {
        std::string message = "Bash command timed out after 120000 ms: ";
        message.append(call.command);
        const Micros timed_out =
            writer.error(time + kToolTimeoutMs * kMicrosPerMilli, "timeout_error", message, std::nullopt);
        call.output.resize(utf8_prefix(call.output, call.output.size() / 3).size());
        call.failed = true;
        call.error = "Command timed out after 2m 0.0s";
        duration_ms = kToolTimeoutMs;
        result_at = timed_out + rng_.between(2, 30) * kMicrosPerMilli;
        end = ToolEnd::timed_out;
        break;
      }
      case Mishap::interrupt: {
        const Micros interrupted =
            writer.human_interrupt(time + rng_.between(2000, 9000) * kMicrosPerMilli, interrupt_reason_);
        call.output.resize(utf8_prefix(call.output, call.output.size() / 4).size());
        call.failed = true;
        call.error = "Interrupted by user";
        result_at = interrupted + rng_.between(20, 200) * kMicrosPerMilli;
        duration_ms = (result_at - started) / kMicrosPerMilli;
        end = ToolEnd::interrupted;
        agent.conversation.add(Role::user, interrupt_reason_);
        break;
      }
      case Mishap::sandbox_crash: {
        std::string message = "Sandbox container exited unexpectedly (OOMKilled, exit code 137) while running `";
        message.append(call.command);
        message.append("`");
        const Micros crashed = writer.error(time + rng_.between(3000, 15000) * kMicrosPerMilli, "sandbox_error",
                                            message, kSandboxTraceback);
        call.output.clear();
        call.failed = true;
        call.error = "Sandbox terminated (exit code 137)";
        result_at = crashed + rng_.between(5, 50) * kMicrosPerMilli;
        duration_ms = (result_at - started) / kMicrosPerMilli;
        end = ToolEnd::crashed;
        break;
      }
      case Mishap::cut_off:  // the process died: no tool_result, no agent_end
        clock_ = time;
        finished_ = true;
        return ToolEnd::cut_off;
    }
  }
  const std::optional<std::string_view> error =
      call.failed ? std::optional<std::string_view>(call.error) : std::nullopt;
  time = writer.tool_result(result_at, call.tool_name, call.call_id.view(), call.output, error, duration_ms);
  if (end == ToolEnd::completed && format_hook_ && (call.tool_name == "Edit" || call.tool_name == "Write")) {
    run_format_hook(agent, call, time);
  }
  clock_ = time;
  remember_tool_result(agent, call);
  return end;
}

void AgentSession::run_parallel_reads(Agent& agent, ToolCall& first, ToolCall& second) {
  AgentEyeEventWriter writer = writer_for(agent);
  const Micros first_started = writer.tool_use(clock_ + rng_.between(1, 6) * kMicrosPerMilli, first.tool_name,
                                               first.call_id.view(), first.input_json);
  const Micros second_started = writer.tool_use(first_started + rng_.between(1, 6) * kMicrosPerMilli, second.tool_name,
                                                second.call_id.view(), second.input_json);
  // Results are written in completion order so that timestamps keep increasing.
  const Micros first_done = first_started + first.duration_ms * kMicrosPerMilli;
  const Micros second_done = second_started + second.duration_ms * kMicrosPerMilli;
  ToolCall* earlier = first_done <= second_done ? &first : &second;
  ToolCall* later = earlier == &first ? &second : &first;
  for (ToolCall* call : {earlier, later}) {
    clock_ = writer.tool_result(call == &first ? first_done : second_done, call->tool_name, call->call_id.view(),
                                call->output, std::nullopt, call->duration_ms);
    remember_tool_result(agent, *call);
  }
}

bool AgentSession::run_policy_hooks(Agent& agent, ToolCall& call, Micros& time) {
  AgentEyeEventWriter writer = writer_for(agent);
  for (int i = 0; i < policy_count_; ++i) {
    const BashPolicy policy = policies_[i];
    const Id hook_id = make_uuid(rng_);
    json_.clear();
    JsonWriter(json_)
        .begin_object()
        .field("tool_name", call.tool_name)
        .field("tool_call_id", call.call_id.view())
        .key("tool_input")
        .raw_json(call.input_json)
        .end_object();
    time = writer.hook_triggered(time + rng_.between(1, 3) * kMicrosPerMilli, hook_name(policy), hook_id.view(),
                                 HookTrigger::pre_tool_use, json_);
    const PolicyVerdict verdict = evaluate_policy(policy, call.command);
    const int64_t duration_ms = rng_.between(6, 150);
    json_.clear();
    std::optional<std::string_view> hook_error;
    if (verdict.denied) {
      JsonWriter(json_)
          .begin_object()
          .field("reason", verdict.reason)
          .field("policy", hook_name(policy))
          .field("matched", verdict.matched)
          .end_object();
    } else {
      json_.append("\"\"");
      if (rng_.chance(0.01)) hook_error = "hook script exited with status 127: jq: command not found (failing open)";
    }
    time =
        writer.hook_completed(time + duration_ms * kMicrosPerMilli, hook_name(policy), hook_id.view(),
                              verdict.denied ? HookOutcome::deny : HookOutcome::allow, json_, hook_error, duration_ms);
    if (verdict.denied) {
      call.output.clear();
      call.failed = true;
      call.error = "Blocked by hook ";
      call.error.append(hook_name(policy));
      call.error.append(": ");
      call.error.append(verdict.reason);
      vars_.pattern = hook_name(policy);
      vars_.reason = verdict.reason;
      next_utterance_ = Utterance::retry_after_denial;
      return false;
    }
  }
  return true;
}

void AgentSession::run_format_hook(Agent& agent, const ToolCall& call, Micros& time) {
  AgentEyeEventWriter writer = writer_for(agent);
  const Id hook_id = make_uuid(rng_);
  json_.clear();
  JsonWriter(json_)
      .begin_object()
      .field("tool_name", call.tool_name)
      .field("tool_call_id", call.call_id.view())
      .key("tool_input")
      .begin_object()
      .field("file_path", call.file_path)
      .end_object()
      .end_object();
  time = writer.hook_triggered(time + rng_.between(1, 4) * kMicrosPerMilli, "format-on-save", hook_id.view(),
                               HookTrigger::post_tool_use, json_);
  const int64_t duration_ms = rng_.between(120, 900);
  const bool reformatted = rng_.chance(0.6);
  json_.clear();
  if (reformatted) {
    std::string reason = "Reformatted ";
    reason.append(call.file_path);
    reason.append(profile_.runner == TestRunner::pytest ? " with ruff format"
                  : profile_.runner == TestRunner::jest ? " with prettier"
                                                        : " with rustfmt");
    JsonWriter(json_).begin_object().field("reason", reason).field("changed_lines", rng_.between(1, 12)).end_object();
  } else {
    json_.append("\"\"");
  }
  time =
      writer.hook_completed(time + duration_ms * kMicrosPerMilli, "format-on-save", hook_id.view(),
                            reformatted ? HookOutcome::modify : HookOutcome::allow, json_, std::nullopt, duration_ms);
}

void AgentSession::run_prompt_hook(Agent& agent) {
  AgentEyeEventWriter writer = writer_for(agent);
  const Id hook_id = make_uuid(rng_);
  json_.clear();
  JsonWriter(json_).begin_object().field("prompt", goal_).end_object();
  Micros time = writer.hook_triggered(clock_ + rng_.between(1, 5) * kMicrosPerMilli, "inject-repo-conventions",
                                      hook_id.view(), HookTrigger::user_prompt_submit, json_);
  const int64_t duration_ms = rng_.between(15, 120);
  json_.clear();
  JsonWriter(json_)
      .begin_object()
      .field("reason", "Added 4 lines of repository conventions from CLAUDE.md")
      .field("additional_context",
             "- Run the focused test before the full suite.\n- Money is never a float.\n- Branch names: fix/<topic>.\n"
             "- Commit messages in English; code comments may be in French (équipe Lyon) or Japanese (東京チーム).")
      .end_object();
  clock_ = writer.hook_completed(time + duration_ms * kMicrosPerMilli, "inject-repo-conventions", hook_id.view(),
                                 HookOutcome::modify, json_, std::nullopt, duration_ms);
}

void AgentSession::ask_human_approval(Agent& agent, const ToolCall& call, Micros& time) {
  AgentEyeEventWriter writer = writer_for(agent);
  const Id input_id = make_uuid(rng_);
  note_ = "Allow this Bash command?\n\n  ";
  note_.append(call.command);
  note_.append("\n\nRequested by ");
  note_.append(agent.id.view());
  note_.append(" in ");
  note_.append(environment_);
  note_.append(". [y/N]");
  time = writer.human_wait(time + rng_.between(1, 4) * kMicrosPerMilli, input_id.view(), note_);
  std::string response;
  append_utterance(response, Utterance::approval_granted, vars_, rng_);
  const Micros waited = static_cast<Micros>(rng_.log_uniform(3.0, 180.0) * kMicrosPerSecond);
  time = writer.human_input(time + waited, input_id.view(), note_, response);
}

Micros AgentSession::rate_limit_incident(Agent& agent, Micros time) {
  AgentEyeEventWriter writer = writer_for(agent);
  const bool overloaded = rng_.chance(0.25);
  const int64_t backoff_s = overloaded ? rng_.between(2, 8) : rng_.between(8, 45);
  time = writer.error(time + rng_.between(200, 900) * kMicrosPerMilli,
                      overloaded ? "overloaded_error" : "rate_limit_error",
                      overloaded ? "529 Overloaded: the API is temporarily overloaded"
                                 : "429 Too Many Requests: this request would exceed the rate limit for your "
                                   "organization of 80,000 input tokens per minute",
                      overloaded ? kOverloadedTraceback : kRateLimitTraceback);
  const Id pause_id = make_uuid(rng_);
  note_ = overloaded ? "API overloaded (529): backing off " : "Rate limited (429): backing off ";
  append_int(note_, backoff_s);
  note_.append(" s before retrying");
  time = writer.agent_pause(time + rng_.between(2, 10) * kMicrosPerMilli, pause_id.view(), note_);
  return writer.agent_resume(time + backoff_s * kMicrosPerSecond, pause_id.view(),
                             "Backoff elapsed; retrying the request");
}

void AgentSession::human_pause_incident(Agent& agent) {
  AgentEyeEventWriter writer = writer_for(agent);
  note_.clear();
  append_utterance(note_, Utterance::pause_by_user, vars_, rng_);
  Micros time = writer.human_pause(clock_ + rng_.between(500, 30000) * kMicrosPerMilli, note_);
  const Id pause_id = make_uuid(rng_);
  time = writer.agent_pause(time + rng_.between(20, 200) * kMicrosPerMilli, pause_id.view(), "Paused by user");
  const Micros paused = static_cast<Micros>(rng_.log_uniform(20.0, 360.0) * kMicrosPerSecond);
  clock_ = writer.agent_resume(time + paused, pause_id.view(), "Resumed by user");
}

void AgentSession::compact_context(Agent& agent) {
  AgentEyeEventWriter writer = writer_for(agent);
  const Id pause_id = make_uuid(rng_);
  const int64_t before = agent.context_tokens;
  const int64_t after = rng_.between(14000, 26000);
  note_ = "Compacting conversation: ";
  append_grouped_int(note_, before);
  note_.append(" tokens in context (limit 200,000)");
  const Micros time = writer.agent_pause(clock_ + rng_.between(5, 50) * kMicrosPerMilli, pause_id.view(), note_);
  note_ = "Compaction finished: ";
  append_grouped_int(note_, before);
  note_.append(" → ");
  append_grouped_int(note_, after);
  note_.append(" tokens");
  clock_ = writer.agent_resume(time + rng_.between(4000, 15000) * kMicrosPerMilli, pause_id.view(), note_);
  agent.context_tokens = after;
}

void AgentSession::remember_tool_result(Agent& agent, const ToolCall& call) {
  note_ = "[tool_result ";
  note_.append(call.tool_name);
  note_.append("]\n");
  if (call.failed) {
    note_.append("Error: ");
    note_.append(call.error);
    note_.push_back('\n');
  }
  note_.append(utf8_prefix(call.output, 1600));
  agent.conversation.add(Role::user, note_);
  agent.context_tokens += static_cast<int64_t>(call.output.size() * 2 / 7) + 24;  // about 3.5 bytes per token
}

}  // namespace agentreel::gen
