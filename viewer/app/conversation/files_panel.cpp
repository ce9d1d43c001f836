// Files touched, beside the conversation (see files_panel.h).
#include "app/conversation/files_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/conversation/text_cache.h"
#include "app/text/session_clock.h"
#include "core/text.h"
#include "model/span_text.h"

namespace agentreel::viewer {

void FilesPanel::draw(const Document& doc, ViewState& state, const Fonts& fonts) {
  const Trace& trace = doc.trace();
  if (&doc != doc_ || state.session != session_) {  // computed once per shown session
    doc_ = &doc;
    session_ = state.session;
    files_ = files_touched(trace, document_reader(doc), session_);
    open_.assign(files_.size(), 0);
  }
  ImGui::PushFont(fonts.bold);
  ImGui::TextUnformatted("Files touched");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("%s", count_text(files_.size(), "file").c_str());
  if (files_.empty()) {
    ImGui::TextDisabled("No call of this session names a file.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH;
  if (!ImGui::BeginTable("##files", 5, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("File", ImGuiTableColumnFlags_WidthStretch);
  for (const char* name : {"Read", "Edit", "Write", "Other"}) {
    ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Write ").x);
  }
  ImGui::TableHeadersRow();
  const Session& session = trace.sessions[session_];
  for (size_t i = 0; i < files_.size(); ++i) {
    const TouchedFile& f = files_[i];
    ImGui::PushID(int(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool selected_here = std::find(f.calls.begin(), f.calls.end(), state.selected_span) != f.calls.end();
    if (ImGui::Selectable(f.path.c_str(), selected_here, ImGuiSelectableFlags_SpanAllColumns)) open_[i] ^= 1;
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s\n%s%s; click to list them", f.path.c_str(), count_text(f.calls.size(), "call").c_str(),
                        f.failed ? (", " + std::to_string(f.failed) + " failed or denied").c_str() : "");
    }
    for (uint32_t n : {f.reads, f.edits, f.writes, f.other}) {
      ImGui::TableNextColumn();
      if (n) ImGui::Text("%u", n);
    }
    if (open_[i]) {
      for (uint32_t span : f.calls) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(int(span));
        const SpanStatus status = trace.spans.status[span];
        const std::string label =
            "+" + clock_duration_compact(session_clock(session.flags), trace.spans.start_ns[span] - session.start_ns) +
            "  " + std::string(trace.name_of(span)) +
            (status == SpanStatus::error    ? "  failed"
             : status == SpanStatus::denied ? "  denied"
                                            : "");
        ImGui::Indent();
        if (status == SpanStatus::error || status == SpanStatus::denied) {
          ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
        }
        if (ImGui::Selectable(label.c_str(), state.selected_span == span)) state.select(span, session_);
        if (status == SpanStatus::error || status == SpanStatus::denied) ImGui::PopStyleColor();
        ImGui::Unindent();
        ImGui::PopID();
      }
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace agentreel::viewer
