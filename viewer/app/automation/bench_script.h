// The scripted session behind `agentreel-viewer BUNDLE --bench` and window.agentreel.bench(): on the session
// with the most spans, fully zoomed out, then zoom step by step down to single spans, pan across the run,
// scrub the playhead end to end, then select and expand spans one after another. The platform runs one frame
// per step and times it; this file only drives the app's state and summarises the timings. No platform code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/automation/hot_memory.h"

namespace agentreel::viewer {

class ViewerApp;

class BenchScript {
 public:
  static constexpr int kFrames = 480;  // 40 fit + 120 zoom + 120 pan + 120 scrub + 80 select

  explicit BenchScript(ViewerApp& app);
  // Applies step `frame` (0 <= frame < kFrames) to the app before that frame is drawn.
  void before_frame(int frame);
  static const char* phase_of(int frame);

 private:
  ViewerApp& app_;
  uint32_t session_ = 0;
  double duration_ns_ = 1;
  double single_span_ns_per_px_ = 1;  // deepest zoom of the script: a typical span spans ~300 px
};

struct BenchTimings {
  std::vector<double> frame_ms;    // wall time inside the frame function of each scripted frame
  std::vector<double> cpu_ms;      // the frame thread's CPU time in it (natively; empty on the web)
  std::vector<double> gl_ms;       // the part of it spent in GL submission (SdlGlApp::last_gl_ms); may be empty
  std::vector<double> vertices;    // vertices drawn per frame; may be empty
  std::vector<double> draw_calls;  // draw commands per frame; may be empty
  double open_ms = 0;              // reading + opening the bundle
  double first_frame_ms = 0;       // open started -> first frame done
  uint64_t spans = 0;
  uint64_t memory_bytes = 0;  // RSS natively, the wasm heap on the web
  uint64_t memory_before_open = 0;
  const char* memory_kind = "rss";
  HotMemory hot;  // the opened bundle's arrays (hot_memory.h)
};

// {"spans":..,"frames":..,"frame_ms":{"p50":..,"p99":..,"max":..},"phases":{...p99 per phase},"open_ms":..,
//  "first_frame_ms":..,"memory_bytes":..,"memory_kind":"rss","bytes_per_span":..,
//  "ui_ms":{p50,p99,max} (frame minus GL submission),"gl_ms":{...},"vertices":{"p50":..,"max":..},
//  "draw_calls":{"p50":..,"max":..},
//  "cpu_ms":{"p50":..,"p99":..,"max":..} (natively),
//  "hot_bytes":{"span_columns":..,"record_refs":..,"attributes":..,"strings":..,"layout":..,"per_span":..}}
std::string bench_report_json(const BenchTimings& timings);

}  // namespace agentreel::viewer
