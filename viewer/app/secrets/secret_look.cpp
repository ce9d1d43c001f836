// Secret marks (see secret_look.h). The hover list re-scans one span's two records (microseconds) instead of
// keeping previews for every span.
#include "app/secrets/secret_look.h"

#include <algorithm>
#include <vector>

#include "app/secrets/secret_store.h"
#include "app/theme.h"
#include "secrets/finding.h"

namespace agentreel::viewer {
namespace {

constexpr size_t kListedSecrets = 8;

// The masked list of the last span hovered.
struct HoverList {
  const Document* doc = nullptr;
  uint32_t span = kNoSpan;
  std::vector<std::string> lines;
  size_t more = 0;
};

const HoverList& hover_list(const Document& doc, uint32_t span) {
  static HoverList list;
  if (list.doc == &doc && list.span == span) return list;
  list = HoverList();
  list.doc = &doc;
  list.span = span;
  const Trace& trace = doc.trace();
  if (span >= trace.spans.size()) return list;
  const RecordRef refs[2] = {trace.spans.begin_record[span], trace.spans.end_record[span]};
  for (int i = 0; i < 2; ++i) {
    if (!refs[i].length || (i == 1 && refs[1].offset == refs[0].offset && refs[1].length == refs[0].length)) continue;
    auto record = doc.read_record(refs[i]);
    if (!record.is_ok()) continue;
    for (const secrets::Finding& f : SecretStore::scanner().find_secrets(record.value())) {
      if (list.lines.size() == kListedSecrets) {
        ++list.more;
        continue;
      }
      list.lines.push_back(secrets::label(*f.rule) + ": " + secrets::masked_preview(f) +
                           (i == 0 ? "  (opening record)" : "  (closing record)"));
    }
  }
  return list;
}

}  // namespace

std::string secret_kinds_text(uint16_t kinds) {
  std::string out;
  for (int k = 0; k < secrets::kSecretKindCount; ++k) {
    if (!(kinds & (1u << k))) continue;
    if (!out.empty()) out += ", ";
    out += secrets::kind_phrase(secrets::SecretKind(k), 1);
  }
  return out;
}

void paint_secret_key(ImDrawList* draw, ImVec2 min, float size, ImU32 color) {
  // A ring on the left, a shaft to the right with two teeth hanging from its end.
  const float r = size * 0.22f, thick = std::max(1.0f, size * 0.12f);
  const ImVec2 ring(min.x + r + thick, min.y + size * 0.5f);
  draw->AddCircle(ring, r, color, 12, thick * 1.2f);
  const float shaft_end = min.x + size - thick * 0.5f;
  draw->AddLine(ImVec2(ring.x + r, ring.y), ImVec2(shaft_end, ring.y), color, thick);
  draw->AddLine(ImVec2(shaft_end - thick * 0.5f, ring.y), ImVec2(shaft_end - thick * 0.5f, ring.y + size * 0.24f),
                color, thick);
  const float tooth = shaft_end - size * 0.22f;
  draw->AddLine(ImVec2(tooth, ring.y), ImVec2(tooth, ring.y + size * 0.17f), color, thick);
}

void paint_secret_corner(ImDrawList* draw, ImVec2 top_right, float size) {
  const ImVec2 a(top_right.x - size, top_right.y), b = top_right, c(top_right.x, top_right.y + size);
  // A dark edge along the diagonal keeps it apart from a bar of any colour.
  draw->AddTriangleFilled(a, b, c, kSecretColor);
  draw->AddLine(a, c, IM_COL32(20, 10, 24, 230), std::max(1.0f, size * 0.12f));
}

void secret_tooltip_lines(const Document& doc, uint32_t span, uint16_t kinds) {
  const HoverList& list = hover_list(doc, span);
  ImGui::PushStyleColor(ImGuiCol_Text, kSecretColor);
  ImGui::Text("Secrets in its records: %s", secret_kinds_text(kinds).c_str());
  ImGui::PopStyleColor();
  for (const std::string& line : list.lines) ImGui::TextDisabled("  %s", line.c_str());
  if (list.more) ImGui::TextDisabled("  \xE2\x80\xA6 and %zu more", list.more);
  ImGui::TextDisabled("Before sending this run: %s", redact_command(doc).c_str());
}

void secret_key_item(const Document& doc, uint32_t span, uint16_t kinds) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(h * 1.1f, h));
  paint_secret_key(ImGui::GetWindowDrawList(), ImVec2(p.x, p.y + h * 0.05f), h * 0.95f, kSecretColor);
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    secret_tooltip_lines(doc, span, kinds);
    ImGui::EndTooltip();
  }
}

std::string redact_command(const Document& doc) {
  // A name the shell would split (the page's "embedded bundle") is no file name to give.
  const std::string& name = doc.name();
  if (name.empty() || name.find_first_of(" \t'\"") != std::string::npos) return "agentreel redact BUNDLE -o OUT.reel";
  std::string stem = name;
  if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".reel") == 0) stem.resize(stem.size() - 5);
  return "agentreel redact " + name + " -o " + stem + "-redacted.reel";
}

}  // namespace agentreel::viewer
