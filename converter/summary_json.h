// A session summary's token classes and cost as --json writes them (info and why share the shape, docs/cli.md).
#pragma once

#include "json_out.h"
#include "model/session_summary.h"

namespace agentreel::cli {

// "tokens": {input, output, cache_read, cache_creation, reasoning}, "cost_usd" (the priced calls' sum, a lower
// bound when some call's price is unknown; null when none is priced) and "cost_unknown_calls".
void write_tokens_and_cost(JsonOut& out, const SessionSummary& summary);

}  // namespace agentreel::cli
