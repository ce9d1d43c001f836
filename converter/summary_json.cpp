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

}  // namespace agentreel::cli
