// `agentreel audit BUNDLE|LOGS... [--config FILE]... [--policies LIST] [--what-if] [--session ID] [--json]`:
// every recorded tool call replayed through failproofai's built-in policies (shared/policy/audit_replay.h), per
// session the calls each policy would have denied or instructed on, and how the replay compares with the
// denials the recording holds. Exit 0: nothing would be denied; 4: some call would be; 1: an error.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include "commands.h"
#include "core/text.h"
#include "json_out.h"
#include "model/session_select.h"
#include "model/span_text.h"
#include "open_run.h"
#include "policy/audit_replay.h"
#include "policy/policy_suggestion.h"
#include "thread_parallel_for.h"

namespace agentreel::cli {
namespace {

using namespace agentreel::policy;

constexpr int kExitWouldDeny = 4;

using Totals = AuditTally;

void write_counts(JsonOut& out, const Totals& t, bool what_if) {
  out.key("calls").value(t.calls);
  out.key("mapped_calls").value(t.mapped);
  out.key("post_calls").value(t.post_calls);
  out.key("denied_calls").value(t.denied);
  out.key("post_denied_calls").value(t.post_denied);
  out.key("instructed_calls").value(t.instructed);
  if (what_if) out.key("what_if_calls").value(t.what_if);
  out.key("uncertain_calls").value(t.uncertain);
  out.key("recorded_denial_counts").begin_object();
  out.key("count").value(t.recorded);
  out.key("agree").value(t.agree);
  out.key("differs").value(t.differs);
  out.key("missed").value(t.missed);
  out.end_object();
}

std::string short_name(PolicyId id) { return std::string(policy_info(id).short_name); }
std::string short_name(std::string_view canonical) {
  return canonical.starts_with("failproofai/") ? std::string(canonical.substr(12)) : std::string(canonical);
}

// Where --policies and --config leave the selection: a list names it; otherwise the configuration's
// enabledPolicies (failproofai's own rule); with neither, the 11 policies failproofai enables on install.
Result<PolicySelection> select_policies(const std::string& list, bool has_config, const PolicyConfig& config,
                                        std::string& described) {
  if (!list.empty()) {
    std::string normalized;
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string item = list.substr(start, comma - start);
      if (item == "default") item = "defaults";
      if (!normalized.empty()) normalized += ',';
      normalized += item;
      start = comma + 1;
    }
    PolicySelection selection = PolicySelection::parse_list(normalized);
    if (!selection.unknown_names.empty()) {
      std::string names;
      for (const std::string& n : selection.unknown_names) names += (names.empty() ? "" : ", ") + ("\"" + n + "\"");
      return Status(ErrorCode::invalid_argument,
                    "--policies: no built-in policy named " + names +
                        " (names are failproofai's, e.g. block-sudo; or the keywords default and all)");
    }
    described = list;
    return selection;
  }
  if (has_config) {
    described = "enabledPolicies of the configuration";
    return PolicySelection::from_names(config.enabled_policies);
  }
  described = "default";
  return PolicySelection::defaults();
}

Result<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::io, path + ": cannot open the configuration file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status(ErrorCode::io, path + ": cannot read the configuration file");
  return bytes.str();
}

std::string one_line(std::string_view text, size_t max_bytes) {
  std::string line(utf8_prefix(text, max_bytes));
  for (char& c : line) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return line + (line.size() < text.size() ? "\xE2\x80\xA6" : "");
}

// One session's object of audit --json (written on the thread that replayed it; the document joins them in order).
std::string session_json(const Trace& trace, const SessionAudit& a, const std::vector<PolicyId>& enabled,
                         bool what_if) {
  JsonOut out;
  const Session& s = trace.sessions[a.session];
  Totals t;
  t.add(a);
  out.begin_object();
  out.key("session").value(trace.strings.get(s.id));
  out.key("session_number").value(a.session + 1);
  out.key("project_dir").value(a.project_dir);
  write_counts(out, t, what_if);
  out.key("by_policy").begin_array();
  for (PolicyId id : enabled) {
    uint64_t deny = 0, instruct = 0;
    for (const AuditFinding& f : a.findings) {
      if (f.policy != id) continue;
      deny += f.kind == VerdictKind::deny;
      instruct += f.kind == VerdictKind::instruct;
    }
    if (deny + instruct == 0) continue;
    out.begin_object().key("policy").value(canonical_policy_name(id));
    out.key("deny").value(deny).key("instruct").value(instruct).end_object();
  }
  out.end_array();
  out.key("findings").begin_array();
  for (const AuditFinding& f : a.findings) {
    out.begin_object();
    out.key("policy").value(canonical_policy_name(f.policy));
    out.key("span").value(f.span);
    out.key("span_in_session").value(f.span - s.first_span);
    out.key("tool").value(trace.name_of(f.span));
    out.key("event").value(f.post_tool_use ? "PostToolUse" : "PreToolUse");
    out.key("decision").value(verdict_kind_name(f.kind));
    out.key("live").value(f.live);
    out.key("reason").value(f.reason);
    out.end_object();
  }
  out.end_array();
  out.key("not_replayable").begin_array();
  for (PolicyId id : enabled) {
    const uint32_t n = a.not_replayable[static_cast<size_t>(id)];
    if (n) out.begin_object().key("policy").value(canonical_policy_name(id)).key("calls").value(n).end_object();
  }
  out.end_array();
  out.key("recorded_denials").begin_array();
  for (const RecordedDenial& d : a.recorded) {
    out.begin_object();
    out.key("span").value(d.span).key("span_in_session").value(d.span - s.first_span);
    out.key("denied_by").value(d.denied_by).key("policy").value(d.recorded_policy);
    out.key("replay_policy").value(d.replay_policy).key("agreement").value(agreement_name(d.agreement));
    out.end_object();
  }
  out.end_array();
  out.end_object();
  return out.str();
}

}  // namespace

int run_audit(const Args& args) {
  std::vector<std::string> inputs, config_paths;
  std::string session_name, format, policy_list;
  bool json = false, what_if = false, suggest = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--what-if") {
      what_if = true;
    } else if (a == "--suggest-config") {
      suggest = true;
    } else if (a == "--session" || a == "--format" || a == "--policies" || a == "--config") {
      if (i + 1 >= args.size()) return usage("audit: " + a + " needs a value");
      const std::string& v = args[++i];
      if (a == "--session") {
        session_name = v;
      } else if (a == "--format") {
        format = v;
      } else if (a == "--policies") {
        policy_list = v;
      } else {
        config_paths.push_back(v);
      }
    } else if (a.size() > 1 && a[0] == '-') {
      return usage("audit: unknown option " + a);
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) return usage("audit needs a BUNDLE (or logs)");
  if (config_paths.size() > 3) {
    return usage("audit: at most three --config files (project, local, global, in that priority order)");
  }

  // failproofai's three scopes, in the order given: project, local, global.
  ConfigFiles files;
  std::optional<ConfigFile>* scopes[3] = {&files.project, &files.local, &files.global};
  for (size_t i = 0; i < config_paths.size(); ++i) {
    auto bytes = read_whole_file(config_paths[i]);
    if (!bytes.is_ok()) return fail(bytes.status().message());
    *scopes[i] = ConfigFile{config_paths[i], bytes.take()};
  }
  const ConfigLoad load = merge_policy_config(files);
  for (const Status& problem : load.problems) {
    std::fprintf(stderr, "agentreel: warning: %s\n", problem.message().c_str());
  }
  std::string described;
  // --suggest-config asks which policies would fire: every built-in (or the --policies list), each on its own.
  if (suggest && policy_list.empty()) policy_list = "all";
  if (suggest) what_if = true;
  auto selection = select_policies(policy_list, !config_paths.empty(), load.config, described);
  if (!selection.is_ok()) return fail("audit: " + selection.status().message());
  auto engine = PolicyEngine::create(selection.value(), load.config);
  if (!engine.is_ok()) return fail("audit: " + engine.status().message());

  auto opened = open_run(inputs, format, "agentreel audit");
  if (!opened.is_ok()) return fail(opened.status().message());
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  std::vector<uint32_t> sessions;
  if (!session_name.empty()) {
    auto s = resolve_session(trace, session_name);
    if (!s.is_ok()) return fail(inputs[0] + ": " + s.status().message());
    sessions.push_back(s.value());
  } else {
    for (uint32_t s = 0; s < trace.sessions.size(); ++s) sessions.push_back(s);
  }

  AuditOptions options;
  options.mode = what_if ? EvaluationMode::what_if : EvaluationMode::live;
  options.call_summaries = !json;  // the text names each call; read while its records are at hand
  // Sessions side by side, one block cache and record buffer per thread (the bundle's sources read with pread or
  // from memory: safe across threads); results merged in session order, so the output is the same on any count.
  const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  const auto make_reader = [&bundle] {
    auto cache = std::make_shared<RawBlockCache>(
        8);  // 4 blocks of 8 MiB: each inflated once (a session's records lie close together)
    return RecordBytesReader([&bundle, cache](RecordRef ref, std::string& out) {
      out.clear();
      return bundle.read_stream(ref.offset, ref.length, out, *cache).is_ok();
    });
  };
  const std::vector<SessionAudit> audits =
      audit_sessions(engine.value(), trace, sessions, make_reader,
                     threads > 1 ? native::thread_parallel_for() : ParallelFor(), threads, options);
  Totals totals;
  for (const SessionAudit& a : audits) totals.add(a);
  const std::vector<PolicyId> enabled = engine.value().enabled_policies();
  std::vector<PolicyId> stop_policies;  // need live git / GitHub state: never replayed from a recording
  for (PolicyId id : enabled) {
    if (policy_info(id).events == kStop) stop_policies.push_back(id);
  }
  const int exit_code = totals.denied + totals.post_denied > 0 ? kExitWouldDeny : 0;

  if (suggest) {
    // failproofai's policies-config.json: what the configuration (or, without one, failproofai's defaults) enables,
    // plus every policy that would have denied or instructed on some call. Only the JSON goes to stdout.
    std::vector<PolicyId> fired;
    std::string words;
    for (const PolicyObjections& o : policy_objections(audits)) {
      fired.push_back(o.policy);
      words += (words.empty() ? "" : ", ") + short_name(o.policy) + " (" + count_text(o.spans.size(), "call") + ")";
    }
    const std::vector<std::string> base = config_paths.empty() ? default_policy_names() : load.config.enabled_policies;
    std::fputs(
        suggested_config_json(base, fired, config_paths.empty() ? JsonValue::object() : load.config.policy_params)
            .c_str(),
        stdout);
    std::fprintf(stderr, "agentreel: suggested: %s, plus the policies that would have fired: %s\n",
                 config_paths.empty() ? "failproofai's defaults" : "the configuration's enabledPolicies",
                 words.empty() ? "none" : words.c_str());
    return 0;
  }

  if (json) {
    JsonOut out;
    out.begin_object();
    out.key("mode").value(what_if ? "what_if" : "live");
    out.key("selection").value(described);
    out.key("policies").begin_array();
    for (PolicyId id : enabled) out.value(canonical_policy_name(id));
    out.end_array();
    out.key("not_replayable_policies").begin_array();
    for (PolicyId id : stop_policies) out.value(canonical_policy_name(id));
    out.end_array();
    out.key("sessions").begin_array();
    // Each session's object on the thread pool (74 MB of JSON for a 1M-span run), then written in session order:
    // the same bytes as one writer would give.
    std::vector<std::string> parts(audits.size());
    run_tasks(threads > 1 ? native::thread_parallel_for() : ParallelFor(), threads, [&](size_t task) {
      for (size_t i = task; i < audits.size(); i += threads)
        parts[i] = session_json(trace, audits[i], enabled, what_if);
    });
    std::fputs(out.str().c_str(), stdout);
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i) std::fputc(',', stdout);
      std::fwrite(parts[i].data(), 1, parts[i].size(), stdout);
    }
    JsonOut tail;  // `],"totals":{...},"exit_code":N}`: a writer of its own, its opening brace dropped
    tail.begin_object();
    tail.key("totals").begin_object();
    write_counts(tail, totals, what_if);
    tail.end_object();
    tail.key("exit_code").value(exit_code);
    tail.end_object();
    std::printf("],%s\n", tail.str().c_str() + 1);
    return exit_code;
  }

  std::printf("audit: %zu %s (%s), %s\n", enabled.size(), enabled.size() == 1 ? "policy" : "policies",
              described.c_str(), what_if ? "live and what-if (each policy on its own)" : "live semantics");
  for (const SessionAudit& a : audits) {
    const Session& s = trace.sessions[a.session];
    std::printf("%s\n", session_label(trace, a.session).c_str());
    std::printf("  %s replayed (%llu mapped onto Claude Code's tools, %llu after they ran)\n",
                count_text(a.calls, "tool call").c_str(), static_cast<unsigned long long>(a.mapped_calls),
                static_cast<unsigned long long>(a.post_calls));
    for (PolicyId id : enabled) {
      bool header = false;
      for (const AuditFinding& f : a.findings) {
        if (f.policy != id) continue;
        if (!header) {
          std::printf("  %s\n", short_name(id).c_str());
          header = true;
        }
        std::printf("    span %u (#%u in session) %s %s%s%s: %s\n", f.span, f.span - s.first_span,
                    std::string(verdict_kind_name(f.kind)).c_str(), f.post_tool_use ? "after " : "",
                    one_line(f.call, 60).c_str(), f.live ? "" : " [what-if]", one_line(f.reason, 200).c_str());
      }
    }
    for (PolicyId id : enabled) {
      const uint32_t n = a.not_replayable[static_cast<size_t>(id)];
      if (n) {
        std::printf("  %s: not replayable on %s (the recording lacks the state it needs)\n", short_name(id).c_str(),
                    count_text(n, "call").c_str());
      }
    }
    Totals t;
    t.add(a);
    std::printf("  would deny %llu, deny after running %llu, instruct %llu", static_cast<unsigned long long>(t.denied),
                static_cast<unsigned long long>(t.post_denied), static_cast<unsigned long long>(t.instructed));
    if (what_if) std::printf(", some policy objects on its own to %llu", static_cast<unsigned long long>(t.what_if));
    std::printf("\n");
    if (t.recorded) {
      std::printf("  recorded denials %llu: the replay reproduces %llu, denies by another policy %llu, allows %llu\n",
                  static_cast<unsigned long long>(t.recorded), static_cast<unsigned long long>(t.agree),
                  static_cast<unsigned long long>(t.differs), static_cast<unsigned long long>(t.missed));
      for (const RecordedDenial& d : a.recorded) {
        if (d.agreement == RecordedDenial::Agreement::agree) continue;
        std::printf("    span %u (#%u in session) denied by %s%s%s: replay %s\n", d.span, d.span - s.first_span,
                    d.denied_by.empty() ? "?" : d.denied_by.c_str(), d.recorded_policy.empty() ? "" : " ",
                    short_name(d.recorded_policy).c_str(),
                    d.replay_policy.empty() ? "allows" : ("denies by " + short_name(d.replay_policy)).c_str());
      }
    }
  }
  if (!stop_policies.empty()) {
    std::string names;
    for (PolicyId id : stop_policies) names += (names.empty() ? "" : ", ") + short_name(id);
    std::printf("not replayable from a recording (git and GitHub state at stop time): %s\n", names.c_str());
  }
  std::printf("total: %s, %llu would be denied, %llu denied after running, %llu instructed\n",
              count_text(totals.calls, "call").c_str(), static_cast<unsigned long long>(totals.denied),
              static_cast<unsigned long long>(totals.post_denied), static_cast<unsigned long long>(totals.instructed));
  return exit_code;
}

}  // namespace agentreel::cli
