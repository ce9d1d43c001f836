// Reader for OTLP/JSON traces: one TracesData document, an array of them,
// or one per line as the OpenTelemetry file exporter writes. Each span object becomes one span (its
// exact bytes are the payload), typed from the OpenTelemetry GenAI and OpenInference attributes,
// and nested under its parentSpanId through the sink's deferred links (across batches and lines).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

std::unique_ptr<FormatReader> make_otlp_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not OTLP/JSON traces, or empty if it looks like it:
// the first top-level JSON object (or the first element of a top-level array) has a
// "resourceSpans" member within `head`.
std::string otlp_sniff(std::string_view head);

}  // namespace agentreel
