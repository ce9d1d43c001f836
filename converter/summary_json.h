// A session summary's token classes and cost as --json writes them (info and why share the shape, docs/cli.md).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "diagnosis/diagnosis.h"
#include "json_out.h"
#include "model/session_summary.h"

namespace agentreel::cli {

// "tokens": {input, output, cache_read, cache_creation, reasoning}, "cost_usd" (the priced calls' sum, a lower
// bound when some call's price is unknown; null when none is priced) and "cost_unknown_calls".
void write_tokens_and_cost(JsonOut& out, const SessionSummary& summary);

// A finding's fields as why --json writes them (kind ... evidence, docs/cli.md), inside an object the caller opened
// and closes. `text` passes each free text (action, reason, evidence) through, e.g. to bound it; none: as it is.
void write_finding_fields(JsonOut& out, const diagnosis::Finding& f,
                          const std::function<std::string(std::string_view)>& text = {});

}  // namespace agentreel::cli
