// Model call costs (see model_cost.h).
#include "model/model_cost.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace agentreel {
namespace {

bool same_char(char a, char b) { return a == b || ((a == '.' || a == '-') && (b == '.' || b == '-')); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Nothing, "-latest", or a snapshot's date or version: '-' or '@', a run of three or more digits, then
// more '-'-separated digit runs ("-20250929", "-2024-08-06", "-001", "@20250929"). A short number is a
// model generation ("claude-opus-4" + "-9"), not a snapshot.
bool snapshot_suffix(std::string_view rest) {
  if (rest.empty() || rest == "-latest") return true;
  if (rest[0] != '-' && rest[0] != '@') return false;
  size_t leading = 0;
  while (1 + leading < rest.size() && is_digit(rest[1 + leading])) ++leading;
  if (leading < 3) return false;
  for (size_t i = 1 + leading; i < rest.size(); ++i) {
    if (!is_digit(rest[i]) && !(rest[i] == '-' && i + 1 < rest.size() && is_digit(rest[i + 1]))) return false;
  }
  return true;
}

std::optional<int64_t> integer_attribute(const Trace& trace, uint32_t span, std::string_view key) {
  const std::optional<Attribute> a = trace.find_attribute(span, key);
  if (!a || a->type != AttrType::integer) return std::nullopt;
  return a->value;
}

// 1234567 -> "1,234,567".
std::string with_thousands(uint64_t value) {
  char digits[32], out[48];
  const int n = std::snprintf(digits, sizeof digits, "%llu", static_cast<unsigned long long>(value));
  int o = 0;
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out[o++] = ',';
    out[o++] = digits[i];
  }
  return std::string(out, size_t(o));
}

}  // namespace

std::string normalize_model_name(std::string_view name) {
  if (const size_t slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  if (!name.empty() && name.back() == ']') {
    if (const size_t open = name.rfind('['); open != std::string_view::npos) name = name.substr(0, open);
  }
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return out;
}

const ModelPrice* find_model_price(std::string_view name) {
  const std::string normalized = normalize_model_name(name);
  const ModelPrice* best = nullptr;
  size_t best_size = 0;
  for (const ModelPrice& row : price_table()) {
    const std::string_view id = row.model;
    if (id.size() > normalized.size() || id.size() <= best_size) continue;
    bool prefix = true;
    for (size_t i = 0; i < id.size() && prefix; ++i) prefix = same_char(id[i], normalized[i]);
    if (prefix && snapshot_suffix(std::string_view(normalized).substr(id.size()))) {
      best = &row;
      best_size = id.size();
    }
  }
  return best;
}

std::optional<double> call_cost_usd(const ModelPrice& price, const CallTokens& tokens) {
  const int64_t prompt = tokens.input + tokens.cache_read + tokens.cache_creation;
  const bool long_prompt = price.long_prompt_above > 0 && prompt > price.long_prompt_above;
  const TokenRates& rates = long_prompt ? price.long_rates : price.rates;
  const int64_t written_1h = std::min(std::max<int64_t>(tokens.cache_creation_1h, 0), tokens.cache_creation);
  const std::pair<int64_t, double> parts[] = {{tokens.input, rates.input},
                                              {tokens.output, rates.output},
                                              {tokens.cache_read, rates.cache_read},
                                              {tokens.cache_creation - written_1h, rates.cache_write_5m},
                                              {written_1h, rates.cache_write_1h}};
  double usd = 0;
  for (const auto& [count, per_million] : parts) {
    if (count <= 0) continue;
    if (per_million < 0) return std::nullopt;
    usd += double(count) * per_million / 1e6;
  }
  return usd;
}

std::optional<double> span_cost_usd(const Trace& trace, uint32_t span) {
  const std::optional<Attribute> model = trace.find_attribute(span, "model");
  if (!model || model->type != AttrType::string) return std::nullopt;
  const std::string_view name = trace.strings.get(StringId(model->value));
  if (name == "<synthetic>") return 0.0;
  const ModelPrice* price = find_model_price(name);
  if (!price) return std::nullopt;
  const auto input = integer_attribute(trace, span, "input_tokens");
  const auto output = integer_attribute(trace, span, "output_tokens");
  const auto cache_read = integer_attribute(trace, span, "cache_read_tokens");
  const auto cache_creation = integer_attribute(trace, span, "cache_creation_tokens");
  if (!input && !output && !cache_read && !cache_creation) return std::nullopt;
  CallTokens tokens;
  tokens.input = input.value_or(0);
  tokens.output = output.value_or(0);
  tokens.cache_read = cache_read.value_or(0);
  tokens.cache_creation = cache_creation.value_or(0);
  tokens.cache_creation_1h = integer_attribute(trace, span, "cache_creation_1h_tokens").value_or(0);
  return call_cost_usd(*price, tokens);
}

CostTotal session_cost(const Trace& trace, uint32_t session) {
  CostTotal out;
  if (session >= trace.sessions.size()) return out;
  const Session& s = trace.sessions[session];
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
    if (trace.spans.kind[i] != SpanKind::model) continue;
    if (const std::optional<double> usd = span_cost_usd(trace, i)) {
      out.usd += *usd;
      ++out.priced_calls;
    } else {
      ++out.unknown_calls;
    }
  }
  return out;
}

std::string usd_text(double usd) {
  char buffer[64];
  if (usd == 0) return "$0";
  if (usd >= 1000) {
    std::snprintf(buffer, sizeof buffer, "$%s", with_thousands(uint64_t(usd + 0.5)).c_str());
  } else {
    std::snprintf(buffer, sizeof buffer, usd < 0.01 ? "$%.4f" : "$%.2f", usd);
  }
  return buffer;
}

std::string cost_text(const CostTotal& cost) {
  if (cost.unknown_calls == 0) return cost.priced_calls == 0 ? std::string() : usd_text(cost.usd);
  char buffer[128];
  const char* calls = cost.unknown_calls == 1 ? "call" : "calls";
  if (cost.priced_calls == 0) {
    std::snprintf(buffer, sizeof buffer, "unknown (%llu %s of unknown price)",
                  static_cast<unsigned long long>(cost.unknown_calls), calls);
  } else {
    std::snprintf(buffer, sizeof buffer, "\xE2\x89\xA5 %s (%llu %s of unknown price)", usd_text(cost.usd).c_str(),
                  static_cast<unsigned long long>(cost.unknown_calls), calls);
  }
  return buffer;
}

}  // namespace agentreel
