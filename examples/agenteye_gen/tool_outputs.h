// Text that tools print: numbered file listings, test-runner reports (pytest, Jest, cargo test), diffs and
// edit confirmations. Each function appends raw (unescaped) UTF-8 to `out`; escaping happens when it is written.
// Depends on project profiles for content; knows nothing about events or JSON.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "agenteye_gen/project_profile.h"
#include "agenteye_gen/random.h"

namespace agentreel::gen {

struct TestRun {
  uint32_t failing_mask = 0;  // bit i set: profile.failures[i] fails
  int total_tests = 0;
  int64_t duration_ms = 0;
};

// "cat -n" style lines ("    12\t...") from shuffled code blocks until about `target_bytes`.
void append_source_listing(std::string& out, std::span<const std::string_view> blocks, size_t target_bytes,
                           int first_line, Rng& rng);
void append_test_report(std::string& out, const ProjectProfile& profile, const TestRun& run);
void append_unified_diff(std::string& out, const SourceEdit& edit, int first_line);
void append_edit_confirmation(std::string& out, std::string_view root, const SourceEdit& edit, int first_line);

int count_failing(uint32_t failing_mask);

}  // namespace agentreel::gen
