// ViewerProbe (see viewer_probe.h): the automation's reach into the app. state_json is in viewer_state_json.cpp.
#include "app/automation/viewer_probe.h"

#include "app/diagnosis/finding_look.h"

namespace agentreel::viewer {

void ViewerProbe::analyse_session(uint32_t session) {
  if (!app_.doc_) return;
  app_.diagnosis_.analyse_now(*app_.doc_, session);
  app_.secrets_.scan_now(*app_.doc_, session);  // so no worker scans while the bench times frames
  app_.audit_.audit_now(*app_.doc_, session);
}

bool ViewerProbe::focus_finding(int index) {
  if (!app_.doc_) return false;
  const diagnosis::SessionDiagnosis* d = app_.diagnosis_.get(app_.view_.session);
  if (!d || index < 0 || static_cast<size_t>(index) >= d->findings.size()) return false;
  viewer::focus_finding(app_.doc_->trace(), *d, index, app_.view_);
  return app_.view_.focused_finding == index;
}

}  // namespace agentreel::viewer
