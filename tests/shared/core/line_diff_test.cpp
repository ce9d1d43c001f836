// line_diff: the edit script applied to the old text gives the new text, and is as short as it can be.
#include "core/line_diff.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

using namespace agentreel;

namespace {

// Reassembles both sides from the script: same + removed lines are the old text, same + added the new one.
void check_script(std::string_view old_text, std::string_view new_text, const std::vector<DiffLine>& script) {
  std::string old_side, new_side;
  for (const DiffLine& line : script) {
    if (line.op != DiffLine::Op::added) old_side.append(line.text).append("\n");
    if (line.op != DiffLine::Op::removed) new_side.append(line.text).append("\n");
  }
  auto normalized = [](std::string_view text) {
    std::string s(text);
    if (!s.empty() && s.back() != '\n') s += '\n';
    return s;
  };
  CHECK(old_side == normalized(old_text));
  CHECK(new_side == normalized(new_text));
}

size_t edits(const std::vector<DiffLine>& script) {
  return size_t(
      std::count_if(script.begin(), script.end(), [](const DiffLine& l) { return l.op != DiffLine::Op::same; }));
}

}  // namespace

TEST_CASE("line diff: a changed line in the middle is one removal and one addition") {
  const std::string old_text = "def total(items):\n    return sum(items)\n\nprint(total([1]))\n";
  const std::string new_text = "def total(items):\n    return round(sum(items), 2)\n\nprint(total([1]))\n";
  const auto script = line_diff(old_text, new_text);
  check_script(old_text, new_text, script);
  REQUIRE(edits(script) == 2);
  CHECK(script[1].op == DiffLine::Op::removed);
  CHECK(script[1].text == "    return sum(items)");
  CHECK(script[2].op == DiffLine::Op::added);
}

TEST_CASE("line diff: random edits reassemble both sides, and the script is minimal for single edits") {
  std::mt19937 random(3);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> lines;
    const int n = int(random() % 30);
    for (int i = 0; i < n; ++i) lines.push_back("line " + std::to_string(random() % 10));
    std::vector<std::string> changed = lines;
    const int changes = int(random() % 5);
    for (int c = 0; c < changes; ++c) {
      const size_t at = changed.empty() ? 0 : random() % (changed.size() + 1);
      if (random() % 2 && !changed.empty() && at < changed.size())
        changed.erase(changed.begin() + long(at));
      else
        changed.insert(changed.begin() + long(at), "new " + std::to_string(random()));
    }
    std::string a, b;
    for (auto& l : lines) a += l + "\n";
    for (auto& l : changed) b += l + "\n";
    const auto script = line_diff(a, b);
    check_script(a, b, script);
    CHECK(edits(script) <= size_t(changes) * 2);
    if (changes == 1) CHECK(edits(script) == 1);
  }
}

TEST_CASE("line diff: past the edit bound, all out and all in") {
  std::string a, b;
  for (int i = 0; i < 50; ++i) a += "a" + std::to_string(i) + "\n", b += "b" + std::to_string(i) + "\n";
  const auto script = line_diff(a, b, 10);
  check_script(a, b, script);
  CHECK(edits(script) == 100);
}
