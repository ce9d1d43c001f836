// Token classes and cost in --json (see summary_json.h).
#include "summary_json.h"

namespace agentreel::cli {

void write_tokens_and_cost(JsonOut& out, const SessionSummary& summary) {
  out.key("tokens").begin_object();
  out.key("input").value(summary.tokens.input);
  out.key("output").value(summary.tokens.output);
  out.key("cache_read").value(summary.tokens.cache_read);
  out.key("cache_creation").value(summary.tokens.cache_creation);
  out.key("reasoning").value(summary.tokens.reasoning);
  out.end_object();
  if (summary.cost.priced_calls > 0) {
    out.key("cost_usd").value(summary.cost.usd);
  } else {
    out.key("cost_usd").null();
  }
  out.key("cost_unknown_calls").value(summary.cost.unknown_calls);
}

void write_finding_fields(JsonOut& out, const diagnosis::Finding& f,
                          const std::function<std::string(std::string_view)>& text) {
  const auto free_text = [&](std::string_view t) { return text ? text(t) : std::string(t); };
  out.key("kind").value(diagnosis::finding_kind_name(f.kind));
  out.key("severity").value(diagnosis::severity_name(f.severity));
  out.key("first_span").value(f.first_span);
  out.key("last_span").value(f.last_span);
  out.key("spans").begin_array();
  for (uint32_t span : f.spans) out.value(span);
  out.end_array();
  out.key("count").value(f.count);
  if (f.cause_span != kNoSpan)
    out.key("cause_span").value(f.cause_span);
  else
    out.key("cause_span").null();
  out.key("gap_ns").value(f.gap_ns);
  out.key("ended_run").value(f.ended_run);
  out.key("action").value(free_text(f.action));
  out.key("policy").value(f.policy);
  out.key("reason").value(free_text(f.reason));
  out.key("summary").value(f.summary);
  out.key("evidence").begin_array();
  for (const std::string& e : f.evidence) out.value(free_text(e));
  out.end_array();
}

}  // namespace agentreel::cli
