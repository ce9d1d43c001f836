// The scripted bench session (see bench_script.h). The steps go through the same state a person's input
// changes (the rail viewport, the playhead, the selection and its zoom request), so the frames timed are
// the frames a person would see.
#include "app/automation/bench_script.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/automation/viewer_probe.h"

namespace agentreel::viewer {
namespace {

struct Phase {
  const char* name;
  int frames;
};
constexpr Phase kPhases[] = {{"fit", 40}, {"zoom", 120}, {"pan", 120}, {"scrub", 120}, {"select", 80}};

int phase_index(int frame, int& within) {
  int start = 0;
  for (int p = 0; p < 5; ++p) {
    if (frame < start + kPhases[p].frames) {
      within = frame - start;
      return p;
    }
    start += kPhases[p].frames;
  }
  within = 0;
  return 4;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t i = std::min(values.size() - 1, static_cast<size_t>(std::ceil(p * values.size())) - (p > 0 ? 1 : 0));
  return values[i];
}

}  // namespace

BenchScript::BenchScript(ViewerApp& app) : app_(app) {
  const Document* doc = app.document();
  if (!doc) return;
  const Trace& trace = doc->trace();
  for (uint32_t i = 0; i < trace.sessions.size(); ++i) {
    if (trace.sessions[i].span_count > trace.sessions[session_].span_count) session_ = i;
  }
  if (trace.sessions.empty()) return;
  // The frames time the UI: the benched session is analysed before them, the others not at all.
  ViewerProbe probe(app);
  probe.set_background_analysis(false);
  probe.analyse_session(session_);
  const Session& s = trace.sessions[session_];
  duration_ns_ = std::max(1.0, static_cast<double>(s.end_ns - s.start_ns));
  // A typical span: the median duration of up to 1001 spans sampled evenly.
  std::vector<int64_t> sample;
  const uint32_t step = std::max<uint32_t>(1, s.span_count / 1001);
  for (uint32_t k = 0; k < s.span_count; k += step) sample.push_back(trace.spans.duration_ns[s.first_span + k]);
  double typical = 1e6;
  if (!sample.empty()) {
    std::nth_element(sample.begin(), sample.begin() + sample.size() / 2, sample.end());
    typical = std::max<double>(1e3, static_cast<double>(sample[sample.size() / 2]));
  }
  single_span_ns_per_px_ = typical / 300;
  ViewerProbe(app_).view().session = session_;
  ViewerProbe(app_).view().fit_session = true;
}

const char* BenchScript::phase_of(int frame) {
  int within = 0;
  return kPhases[phase_index(frame, within)].name;
}

void BenchScript::before_frame(int frame) {
  const Document* doc = app_.document();
  if (!doc || doc->trace().sessions.empty()) return;
  const Trace& trace = doc->trace();
  const Session& s = trace.sessions[session_];
  ViewerProbe probe(app_);
  ViewState& view = probe.view();
  RailViewport& vp = probe.rail().viewport();
  const double width = std::max(100.0f, probe.rail().last_width());
  const double fit_ns_per_px = duration_ns_ * 1.04 / width;
  int t = 0;
  switch (phase_index(frame, t)) {
    case 0:  // fully zoomed out
      if (t == 0) view.fit_session = true;
      break;
    case 1: {  // zoom step by step from the whole run to single spans, around the middle of the run
      const double f = static_cast<double>(t + 1) / kPhases[1].frames;
      vp.ns_per_px = fit_ns_per_px * std::pow(single_span_ns_per_px_ / fit_ns_per_px, f);
      vp.start_ns = duration_ns_ * 0.5 - width * 0.5 * vp.ns_per_px;
      break;
    }
    case 2: {  // pan across the whole run at 1/100 of it per screen
      const double f = static_cast<double>(t) / (kPhases[2].frames - 1);
      vp.ns_per_px = std::max(fit_ns_per_px / 100, single_span_ns_per_px_);
      vp.start_ns = f * (duration_ns_ - width * vp.ns_per_px);
      break;
    }
    case 3: {  // scrub the playhead end to end on the whole run
      if (t == 0) view.fit_session = true;
      view.playhead_ns = duration_ns_ * t / (kPhases[3].frames - 1);
      break;
    }
    case 4: {  // select spans one after another from the middle of the run; every 8th: expand (zoom to it)
      if (t == 0) {
        view.playhead_ns = -1;
        app_.select_span(s.first_span + s.span_count / 2);
      } else {
        app_.step_span(+1);
      }
      if (t % 8 == 7) view.zoom_to_span = view.selected_span;
      break;
    }
  }
}

std::string bench_report_json(const BenchTimings& timings) {
  const std::vector<double>& ms = timings.frame_ms;
  std::string phases;
  int start = 0;
  for (const Phase& phase : kPhases) {
    const int end = std::min<int>(start + phase.frames, static_cast<int>(ms.size()));
    if (end > start) {
      std::vector<double> part(ms.begin() + start, ms.begin() + end);
      const auto worst = std::max_element(part.begin(), part.end());
      char item[160];
      std::snprintf(item, sizeof item, "%s\"%s\":{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f,\"max_frame\":%d}",
                    phases.empty() ? "" : ",", phase.name, percentile(part, 0.5), percentile(part, 0.99), *worst,
                    start + static_cast<int>(worst - part.begin()));
      phases += item;
    }
    start += phase.frames;
  }
  const double max = ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
  const uint64_t grown =
      timings.memory_bytes > timings.memory_before_open ? timings.memory_bytes - timings.memory_before_open : 0;
  char out[768];
  std::snprintf(out, sizeof out,
                "{\"spans\":%llu,\"frames\":%zu,\"frame_ms\":{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f},\"phases\":{%s},"
                "\"open_ms\":%.1f,\"first_frame_ms\":%.1f,\"memory_kind\":\"%s\",\"memory_bytes\":%llu,"
                "\"memory_growth_bytes\":%llu,\"bytes_per_span\":%.1f}",
                static_cast<unsigned long long>(timings.spans), ms.size(), percentile(ms, 0.5), percentile(ms, 0.99),
                max, phases.c_str(), timings.open_ms, timings.first_frame_ms, timings.memory_kind,
                static_cast<unsigned long long>(timings.memory_bytes), static_cast<unsigned long long>(grown),
                timings.spans ? static_cast<double>(grown) / static_cast<double>(timings.spans) : 0.0);
  std::string report = out;
  // ,"name":{"p50":..,"p99":..,"max":..} for per-frame millisecond series.
  const auto summary = [](const char* name, const std::vector<double>& v) {
    char item[128];
    std::snprintf(item, sizeof item, ",\"%s\":{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f}", name, percentile(v, 0.5),
                  percentile(v, 0.99), *std::max_element(v.begin(), v.end()));
    return std::string(item);
  };
  if (timings.hot.total() > 0) {
    const HotMemory& hot = timings.hot;
    char item[320];
    std::snprintf(item, sizeof item,
                  ",\"hot_bytes\":{\"span_columns\":%llu,\"record_refs\":%llu,\"attributes\":%llu,\"strings\":%llu,"
                  "\"layout\":%llu,\"per_span\":%.1f}",
                  static_cast<unsigned long long>(hot.span_columns), static_cast<unsigned long long>(hot.record_refs),
                  static_cast<unsigned long long>(hot.attributes), static_cast<unsigned long long>(hot.strings),
                  static_cast<unsigned long long>(hot.layout),
                  timings.spans ? static_cast<double>(hot.total()) / static_cast<double>(timings.spans) : 0.0);
    report.insert(report.size() - 1, item);
  }
  if (timings.gl_ms.size() == ms.size() && !ms.empty()) {
    std::vector<double> ui(ms.size());
    for (size_t i = 0; i < ms.size(); ++i) ui[i] = ms[i] - timings.gl_ms[i];
    report.insert(report.size() - 1, summary("ui_ms", ui) + summary("gl_ms", timings.gl_ms));
  }
  if (timings.cpu_ms.size() == ms.size() && !ms.empty()) {
    report.insert(report.size() - 1, summary("cpu_ms", timings.cpu_ms));
  }
  for (const auto& [name, values] : {std::pair{"vertices", &timings.vertices}, {"draw_calls", &timings.draw_calls}}) {
    if (values->empty()) continue;
    char item[96];
    std::snprintf(item, sizeof item, ",\"%s\":{\"p50\":%.0f,\"max\":%.0f}", name, percentile(*values, 0.5),
                  *std::max_element(values->begin(), values->end()));
    report.insert(report.size() - 1, item);
  }
  return report;
}

}  // namespace agentreel::viewer
