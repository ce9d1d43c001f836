// Formatting of tool output text. Runner reports imitate the real tools' layout closely enough that a person
// skimming the viewer recognises them; exact byte-for-byte fidelity is not the aim.
#include "agenteye_gen/tool_outputs.h"

#include <bit>
#include <charconv>

#include "agenteye_gen/number_text.h"

namespace agentreel::gen {
namespace {

void append_padded_int(std::string& out, int64_t value, size_t width) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  const size_t length = static_cast<size_t>(result.ptr - digits);
  if (length < width) out.append(width - length, ' ');
  out.append(digits, length);
}

void append_seconds(std::string& out, int64_t milliseconds) {
  append_int(out, milliseconds / 1000);
  out.push_back('.');
  const int64_t hundredths = milliseconds % 1000 / 10;
  if (hundredths < 10) out.push_back('0');
  append_int(out, hundredths);
  out.push_back('s');
}

void append_banner(std::string& out, std::string_view text, char fill) {
  constexpr size_t kWidth = 80;
  const size_t inner = text.empty() ? 0 : text.size() + 2;
  const size_t left = inner >= kWidth ? 0 : (kWidth - inner) / 2;
  const size_t right = inner >= kWidth ? 0 : kWidth - inner - left;
  out.append(left, fill);
  if (!text.empty()) {
    out.push_back(' ');
    out.append(text);
    out.push_back(' ');
  }
  out.append(right, fill);
  out.push_back('\n');
}

// Calls `line` for each line of `text`, without the newline.
template <class LineFn>
void for_each_line(std::string_view text, LineFn&& line) {
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    line(text.substr(0, newline));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
}

int line_count(std::string_view text) {
  int lines = 0;
  for_each_line(text, [&](std::string_view) { ++lines; });
  return lines;
}

void append_numbered_lines(std::string& out, std::string_view text, int& line_number) {
  for_each_line(text, [&](std::string_view line) {
    append_padded_int(out, line_number++, 6);
    out.push_back('\t');
    out.append(line);
    out.push_back('\n');
  });
}

// The suite part of a runner's test id: "tests/test_tax.py" of "tests/test_tax.py::test_x", "CartSummary" of
// "CartSummary › shows …". A failure belongs to every test file whose path contains its suite.
bool failure_in_file(std::string_view test_id, std::string_view file) {
  std::string_view suite = test_id.substr(0, test_id.find("::"));
  suite = suite.substr(0, suite.find(" › "));
  return file.find(suite) != std::string_view::npos;
}

void append_pytest_report(std::string& out, const ProjectProfile& profile, const TestRun& run) {
  const int failing = count_failing(run.failing_mask);
  append_banner(out, "test session starts", '=');
  out.append("platform linux -- Python 3.12.3, pytest-8.2.1, pluggy-1.5.0\nrootdir: ");
  out.append(profile.root);
  out.append("\nconfigfile: pyproject.toml\nplugins: cov-5.0.0, xdist-3.6.1\ncollected ");
  append_int(out, run.total_tests);
  out.append(" items\n\n");

  const int file_count = static_cast<int>(profile.test_files.size());
  int done = 0;
  for (int file = 0; file < file_count; ++file) {
    const int in_file = run.total_tests / file_count + (file < run.total_tests % file_count ? 1 : 0);
    const size_t line_start = out.size();
    out.append(profile.test_files[static_cast<size_t>(file)]);
    out.push_back(' ');
    const std::string_view name = profile.test_files[static_cast<size_t>(file)];
    int failures_here = 0;
    for (size_t i = 0; i < profile.failures.size(); ++i) {
      if ((run.failing_mask >> i & 1u) && failure_in_file(profile.failures[i].test_id, name)) ++failures_here;
    }
    for (int test = 0; test < in_file; ++test) out.push_back(test % 3 == 1 && test / 3 < failures_here ? 'F' : '.');
    done += in_file;
    const size_t used = out.size() - line_start;
    if (used < 73) out.append(73 - used, ' ');
    out.append("[");
    append_padded_int(out, run.total_tests ? done * 100 / run.total_tests : 100, 3);
    out.append("%]\n");
  }
  out.push_back('\n');
  if (failing > 0) {
    append_banner(out, "FAILURES", '=');
    for (size_t i = 0; i < profile.failures.size(); ++i) {
      if (!(run.failing_mask >> i & 1u)) continue;
      out.append(profile.failures[i].detail);
      out.push_back('\n');
    }
    append_banner(out, "short test summary info", '=');
    for (size_t i = 0; i < profile.failures.size(); ++i) {
      if (!(run.failing_mask >> i & 1u)) continue;
      out.append("FAILED ");
      out.append(profile.failures[i].test_id);
      out.append(" - ");
      out.append(profile.failures[i].short_reason);
      out.push_back('\n');
    }
  }
  std::string summary;
  if (failing > 0) {
    append_int(summary, failing);
    summary.append(" failed, ");
  }
  append_int(summary, run.total_tests - failing);
  summary.append(" passed in ");
  append_seconds(summary, run.duration_ms);
  append_banner(out, summary, '=');
}

void append_jest_report(std::string& out, const ProjectProfile& profile, const TestRun& run) {
  const int failing = count_failing(run.failing_mask);
  int failed_suites = 0;
  for (const std::string_view file : profile.test_files) {
    bool suite_fails = false;
    for (size_t i = 0; i < profile.failures.size(); ++i) {
      suite_fails |= (run.failing_mask >> i & 1u) && failure_in_file(profile.failures[i].test_id, file);
    }
    failed_suites += suite_fails;
    out.append(suite_fails ? " \x1b[1m\x1b[41m FAIL \x1b[49m\x1b[22m " : " \x1b[1m\x1b[42m PASS \x1b[49m\x1b[22m ");
    out.append(file);
    out.push_back('\n');
    if (!suite_fails) continue;
    out.push_back('\n');
    for (size_t i = 0; i < profile.failures.size(); ++i) {
      if (!(run.failing_mask >> i & 1u) || !failure_in_file(profile.failures[i].test_id, file)) continue;
      out.append(profile.failures[i].detail);
      out.append("\n\n");
    }
  }
  const int suites = static_cast<int>(profile.test_files.size());
  out.append("\n\x1b[1mTest Suites: \x1b[22m");
  if (failed_suites > 0) {
    out.append("\x1b[1m\x1b[31m");
    append_int(out, failed_suites);
    out.append(" failed\x1b[39m\x1b[22m, ");
  }
  out.append("\x1b[1m\x1b[32m");
  append_int(out, suites - failed_suites > 0 ? suites - failed_suites : 0);
  out.append(" passed\x1b[39m\x1b[22m, ");
  append_int(out, suites);
  out.append(" total\n\x1b[1mTests:       \x1b[22m");
  if (failing > 0) {
    out.append("\x1b[1m\x1b[31m");
    append_int(out, failing);
    out.append(" failed\x1b[39m\x1b[22m, ");
  }
  out.append("\x1b[1m\x1b[32m");
  append_int(out, run.total_tests - failing);
  out.append(" passed\x1b[39m\x1b[22m, ");
  append_int(out, run.total_tests);
  out.append(
      " total\n\x1b[1mSnapshots:   \x1b[22m\x1b[1m\x1b[32m4 passed\x1b[39m\x1b[22m, 4 total\n\x1b[1mTime:\x1b[22m      "
      "  ");
  append_seconds(out, run.duration_ms);
  out.append("\n\x1b[2mRan all test suites.\x1b[22m\n");
}

void append_cargo_report(std::string& out, const ProjectProfile& profile, const TestRun& run) {
  const int failing = count_failing(run.failing_mask);
  out.append("   Compiling ");
  out.append(profile.name);
  out.append(" v0.4.2 (");
  out.append(profile.root);
  out.append(
      ")\n    Finished `test` profile [unoptimized + debuginfo] target(s) in 3.41s\n"
      "     Running unittests src/main.rs (target/debug/deps/");
  out.append(profile.name);
  out.append("-3f9c1b2a7d4e8f60)\n\nrunning ");
  append_int(out, run.total_tests);
  out.append(" tests\n");
  const int named = static_cast<int>(profile.passing_tests.size());
  for (int test = 0; test < run.total_tests - failing; ++test) {
    out.append("test ");
    if (test < named) {
      out.append(profile.passing_tests[static_cast<size_t>(test)]);
    } else {
      out.append("parser::corpus::line_");
      append_int(out, 1000 + test);
    }
    out.append(" ... ok\n");
  }
  for (size_t i = 0; i < profile.failures.size(); ++i) {
    if (!(run.failing_mask >> i & 1u)) continue;
    out.append("test ");
    out.append(profile.failures[i].test_id);
    out.append(" ... FAILED\n");
  }
  if (failing > 0) {
    out.append("\nfailures:\n\n");
    for (size_t i = 0; i < profile.failures.size(); ++i) {
      if (!(run.failing_mask >> i & 1u)) continue;
      out.append(profile.failures[i].detail);
      out.append("\n\n");
    }
    out.append("\nfailures:\n");
    for (size_t i = 0; i < profile.failures.size(); ++i) {
      if (!(run.failing_mask >> i & 1u)) continue;
      out.append("    ");
      out.append(profile.failures[i].test_id);
      out.push_back('\n');
    }
  }
  out.append(failing > 0 ? "\ntest result: FAILED. " : "\ntest result: ok. ");
  append_int(out, run.total_tests - failing);
  out.append(" passed; ");
  append_int(out, failing);
  out.append(" failed; 0 ignored; 0 measured; 0 filtered out; finished in ");
  append_seconds(out, run.duration_ms / 40 + 10);
  out.append("\n\n");
  if (failing > 0) {
    out.append("error: test failed, to rerun pass `--bin ");
    out.append(profile.name);
    out.append("`\n");
  }
}

}  // namespace

int count_failing(uint32_t failing_mask) { return std::popcount(failing_mask); }

void append_source_listing(std::string& out, std::span<const std::string_view> blocks, size_t target_bytes,
                           int first_line, Rng& rng) {
  const size_t start = out.size();
  int line_number = first_line;
  size_t block = rng.below(blocks.size());
  do {
    append_numbered_lines(out, blocks[block], line_number);
    append_padded_int(out, line_number++, 6);
    out.append("\t\n");
    block = (block + 1 + rng.below(2)) % blocks.size();
  } while (out.size() - start < target_bytes);
}

void append_test_report(std::string& out, const ProjectProfile& profile, const TestRun& run) {
  switch (profile.runner) {
    case TestRunner::pytest: append_pytest_report(out, profile, run); return;
    case TestRunner::jest: append_jest_report(out, profile, run); return;
    case TestRunner::cargo_test: append_cargo_report(out, profile, run); return;
  }
}

void append_unified_diff(std::string& out, const SourceEdit& edit, int first_line) {
  out.append("diff --git a/");
  out.append(edit.file_path);
  out.append(" b/");
  out.append(edit.file_path);
  out.append("\nindex 3f2a1c9..8be04d2 100644\n--- a/");
  out.append(edit.file_path);
  out.append("\n+++ b/");
  out.append(edit.file_path);
  out.append("\n@@ -");
  append_int(out, first_line);
  out.push_back(',');
  append_int(out, line_count(edit.old_string));
  out.append(" +");
  append_int(out, first_line);
  out.push_back(',');
  append_int(out, line_count(edit.new_string));
  out.append(" @@\n");
  for_each_line(edit.old_string, [&](std::string_view line) {
    out.push_back('-');
    out.append(line);
    out.push_back('\n');
  });
  for_each_line(edit.new_string, [&](std::string_view line) {
    out.push_back('+');
    out.append(line);
    out.push_back('\n');
  });
}

void append_edit_confirmation(std::string& out, std::string_view root, const SourceEdit& edit, int first_line) {
  out.append("The file ");
  out.append(root);
  out.push_back('/');
  out.append(edit.file_path);
  out.append(" has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n");
  int line_number = first_line;
  append_numbered_lines(out, edit.new_string, line_number);
}

}  // namespace agentreel::gen
