// Reader for OpenTelemetry SDK span JSON: spans as the SDK serializes them itself (Python's
// ReadableSpan.to_json(), the ConsoleSpanExporter's output, agent frameworks that save traces that way), not OTLP:
//   {"name", "context": {"trace_id", "span_id"}, "kind", "parent_id" | "parent": {"trace_id", "span_id"} | null,
//    "start_time", "end_time", "status": {"status_code", "description"}, "attributes": {key: value}, "events",
//    "links", "resource"}
// with ids as "0x"-prefixed hex, plain hex or decimal integers (128-bit trace ids beyond what a JSON parser's
// integers hold), times as ISO 8601 text or integer nanoseconds. A file holds one span, an array of spans,
// {"spans": [...]}, spans one per line, or pretty-printed spans one after another (the console exporter).
// Typed and named from the GenAI semantic conventions exactly as OTLP spans are (readers/otlp/genai_attributes.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

// Span model: one span per span object (its exact bytes the payload), in the session of its trace id (lowercase
// hex), published under its span id and linked to its parent's (deferred: parents may come later or in another
// file); kind, name, attributes and text facts from the GenAI conventions (genai_attributes.h); status error when
// status_code is ERROR (attribute error: the description, else an "exception" event's exception.message; error
// fact); a span without an end time stays open (unfinished). records() counts spans.
std::unique_ptr<FormatReader> make_otel_sdk_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not OpenTelemetry SDK span JSON, or empty if it looks like it.
std::string otel_sdk_sniff(std::string_view head);

}  // namespace agentreel
