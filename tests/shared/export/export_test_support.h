// Helpers for the export tests: a real sample converted to a bundle in memory, and an export of it as text.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "test_support.h"

namespace agentreel::test {

// The bundle of one sample file under tests/data/ (converted in memory, as `agentreel convert` would).
inline std::unique_ptr<Bundle> sample_bundle(const std::string& relative) {
  const std::string bytes = read_file(data_path(relative));
  REQUIRE(!bytes.empty());
  const std::string name = relative.substr(relative.rfind('/') + 1);
  Converted converted = convert_in_memory({{name, bytes}});
  REQUIRE(converted.status.is_ok());
  auto opened = open_bytes(converted.bundle);
  REQUIRE(opened.is_ok());
  return opened.take();
}

inline RecordReader bundle_records(const Bundle& bundle) {
  return [&bundle](RecordRef ref) {
    auto bytes = bundle.read_record(ref);
    return bytes.is_ok() ? bytes.take() : std::string();
  };
}

// The real samples the export tests run over: Claude Code, SWE-agent (no wall clock), OTLP (GenAI, OpenInference).
inline const std::vector<std::string>& export_samples() {
  static const std::vector<std::string> samples = {
      "claude-code/258c7280-ae70-4798-800f-63464d01a85d.jsonl",
      "claude-code/tool_heavy.jsonl",
      "swe-agent/pydicom__pydicom-1458.traj",
      "otlp/genai_semconv.jsonl",
      "otlp/trace.json",
      "otlp/rag_earnings_agent.json",
      "codex/rollout-codex-vscode-0.39.jsonl",
  };
  return samples;
}

}  // namespace agentreel::test
