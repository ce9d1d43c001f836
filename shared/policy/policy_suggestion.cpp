// Policy suggestions from audits (see policy_suggestion.h).
#include "policy/policy_suggestion.h"

#include <algorithm>

#include "core/json_string.h"
#include "policy/json_stringify.h"

namespace agentreel::policy {

std::vector<PolicyObjections> policy_objections(const std::vector<SessionAudit>& audits) {
  std::array<std::vector<std::pair<uint32_t, bool>>, kPolicyCount> calls;  // (span, denies) per finding
  for (const SessionAudit& audit : audits) {
    for (const AuditFinding& f : audit.findings) {
      calls[static_cast<size_t>(f.policy)].emplace_back(f.span, f.kind == VerdictKind::deny);
    }
  }
  std::vector<PolicyObjections> out;
  for (size_t i = 0; i < kPolicyCount; ++i) {
    auto& list = calls[i];
    if (list.empty()) continue;
    std::sort(list.begin(), list.end());
    PolicyObjections o;
    o.policy = static_cast<PolicyId>(i);
    for (size_t j = 0; j < list.size();) {
      const uint32_t span = list[j].first;
      bool denies = false;
      for (; j < list.size() && list[j].first == span; ++j) denies |= list[j].second;
      o.spans.push_back(span);
      (denies ? o.denied_calls : o.instructed_calls) += 1;
    }
    out.push_back(std::move(o));
  }
  return out;
}

StoppedCalls stopped_calls(const std::vector<SessionAudit>& audits) {
  StoppedCalls out;
  for (const SessionAudit& audit : audits) {
    std::vector<std::pair<uint32_t, bool>> calls;
    for (const AuditFinding& f : audit.findings) calls.emplace_back(f.span, f.kind == VerdictKind::deny);
    std::sort(calls.begin(), calls.end());
    for (size_t j = 0; j < calls.size();) {
      const uint32_t span = calls[j].first;
      bool denies = false;
      for (; j < calls.size() && calls[j].first == span; ++j) denies |= calls[j].second;
      ++out.calls;
      (denies ? out.denied : out.instructed) += 1;
    }
  }
  return out;
}

std::vector<std::string> default_policy_names() {
  std::vector<std::string> names;
  for (const PolicyInfo& info : policy_catalog()) {
    if (info.default_enabled) names.emplace_back(info.short_name);
  }
  return names;
}

std::string suggested_config_json(const std::vector<std::string>& base, const std::vector<PolicyId>& add,
                                  const JsonValue& params) {
  std::vector<std::string> names = base;
  for (const PolicyId id : add) {
    const bool named = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
      const std::optional<PolicyId> builtin = find_builtin_policy(n);
      return builtin && *builtin == id;
    });
    if (!named) names.emplace_back(policy_info(id).short_name);
  }
  std::string out = "{\n  \"enabledPolicies\": [";
  for (size_t i = 0; i < names.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    append_json_string(out, names[i]);
  }
  out += names.empty() ? "]" : "\n  ]";
  if (params.is_object() && !params.members().empty()) {
    out += ",\n  \"policyParams\": {";
    for (size_t i = 0; i < params.members().size(); ++i) {
      const JsonMember& m = params.members()[i];
      out += i ? ",\n    " : "\n    ";
      append_json_string(out, m.key);
      out += ": ";
      json_stringify_append(m.value, out);
    }
    out += "\n  }";
  }
  out += "\n}\n";
  return out;
}

}  // namespace agentreel::policy
