// Where the last frame drew the things tests click: Diagnosis rows, findings-lane markers, session rows, the
// overview strip, disclosure triangles, the find box. Screen rectangles in logical pixels, rewritten every
// frame; read by the native scripted clicks and the web page's window.agentreel.state. Plain data, no ImGui.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace agentreel::viewer {

struct ProbeRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return !(x1 > x0 && y1 > y0); }
};

struct UiProbe {
  std::vector<ProbeRect> finding_rows;     // by finding index of the shown session; empty rect: scrolled away
  std::vector<ProbeRect> finding_markers;  // by finding index; empty rect: outside the visible time window
  std::vector<std::pair<uint32_t, ProbeRect>> session_rows;  // (session index, row) for the rows on screen
  std::vector<std::pair<uint32_t, ProbeRect>> disclosures;   // (span, triangle) for collapsible bars on screen
  ProbeRect overview;                                        // the whole-session overview strip
  ProbeRect find_box;
  ProbeRect copy_button;                                          // the details panel's Copy (record or words)
  ProbeRect record_tab;                                           // its "Begin record" tab
  std::vector<std::pair<uint32_t, ProbeRect>> conversation_rows;  // (row index, row) for the rows on screen

  void clear() {
    finding_rows.clear();
    finding_markers.clear();
    session_rows.clear();
    disclosures.clear();
    overview = {};
    find_box = {};
    copy_button = {};
    record_tab = {};
    conversation_rows.clear();
  }
  // "finding:N", "marker:N", "session:N", "disclosure:SPAN", "overview", "find", "copy", "record_tab", "row:N"; an
  // empty rect if not drawn.
  ProbeRect lookup(const std::string& target) const;
};

}  // namespace agentreel::viewer
