// PolicyParams::resolve (see policy_params.h).
#include "policy/policy_params.h"

#include "policy/js_text.h"
#include "policy/json_parse.h"
#include "policy/json_stringify.h"

namespace agentreel::policy {

PolicyParams PolicyParams::resolve(const PolicyInfo& info, const JsonValue* user_params) {
  PolicyParams params;
  if (user_params != nullptr) {
    if (const std::string* hint = user_params->find_string("hint")) params.hint_ = std::string(js_trim(*hint));
  }
  const bool primitive =
      user_params != nullptr && (user_params->is_string() || user_params->is_number() || user_params->is_bool());
  if (primitive && !info.params.empty()) {
    // V8's TypeError for `"allowPatterns" in "x"`.
    params.handler_crash_ = "Cannot use 'in' operator to search for '" + std::string(info.params[0].name) + "' in " +
                            js_to_string(*user_params);
  }
  for (const ParamSpec& spec : info.params) {
    const JsonValue* user = user_params != nullptr ? user_params->find(spec.name) : nullptr;
    if (user != nullptr && !user->is_null()) {
      params.values_.emplace_back(std::string(spec.name), *user);
      continue;
    }
    auto parsed = parse_json(spec.default_json, "policy_catalog");
    params.values_.emplace_back(std::string(spec.name), parsed.is_ok() ? parsed.take() : JsonValue());
  }
  return params;
}

const JsonValue& PolicyParams::get(std::string_view name) const {
  static const JsonValue kNull;
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return kNull;
}

}  // namespace agentreel::policy
