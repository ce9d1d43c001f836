// Scripted input (see scripted_input.h). A click is: move (frame 1), press (2), release (3), settle (4), so
// ImGui sees hover, activation and release on separate frames as it would from a mouse.
#include "app/automation/scripted_input.h"

#include <cstdlib>

#include "app/viewer_app.h"
#include "imgui.h"

namespace agentreel::viewer {
namespace {

constexpr int kMaxWaitFrames = 600;

ImGuiKey key_from_name(const std::string& name) {
  if (name.size() == 1) {
    const char c = name[0];
    if (c >= 'a' && c <= 'z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'a'));
    if (c >= 'A' && c <= 'Z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'A'));
    if (c >= '0' && c <= '9') return static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'));
  }
  if (name == "Enter") return ImGuiKey_Enter;
  if (name == "Escape") return ImGuiKey_Escape;
  if (name == "Left") return ImGuiKey_LeftArrow;
  if (name == "Right") return ImGuiKey_RightArrow;
  if (name == "Up") return ImGuiKey_UpArrow;
  if (name == "Down") return ImGuiKey_DownArrow;
  if (name == "Space") return ImGuiKey_Space;
  if (name == "Slash") return ImGuiKey_Slash;
  if (name == "F1") return ImGuiKey_F1;
  return ImGuiKey_None;
}

}  // namespace

bool ScriptedInput::add(const std::string& step, std::string& error) {
  Step s;
  if (step.rfind("click:", 0) == 0) {
    s.kind = Step::click;
    s.target = step.substr(6);
    const size_t at = s.target.find('@');
    if (at != std::string::npos) {
      s.fraction = static_cast<float>(std::atof(s.target.c_str() + at + 1));
      s.target.resize(at);
    }
  } else if (step.rfind("key:", 0) == 0) {
    s.kind = Step::key;
    s.target = step.substr(4);
    if (key_from_name(s.target) == ImGuiKey_None) {
      error = "unknown key '" + s.target + "'";
      return false;
    }
  } else if (step.rfind("type:", 0) == 0) {
    s.kind = Step::type;
    s.target = step.substr(5);
  } else {
    error = "a step is click:TARGET, key:NAME or type:TEXT, got '" + step + "'";
    return false;
  }
  steps_.push_back(std::move(s));
  return true;
}

void ScriptedInput::before_new_frame(const ViewerApp& app) {
  if (done() || !error_.empty()) return;
  ImGuiIO& io = ImGui::GetIO();
  const Step& step = steps_[next_];
  auto finish = [&] {
    ++next_;
    phase_ = 0;
    waited_ = 0;
    last_ = ProbeRect{};
  };
  if (step.kind == Step::key) {
    const ImGuiKey key = key_from_name(step.target);
    if (phase_ == 0) io.AddKeyEvent(key, true);
    if (phase_ == 1) io.AddKeyEvent(key, false);
    if (++phase_ > 3) finish();
    return;
  }
  if (step.kind == Step::type) {
    if (phase_ == 0) io.AddInputCharactersUTF8(step.target.c_str());
    if (++phase_ > 2) finish();
    return;
  }
  if (phase_ == 0) {
    // Aim once the target has stood still for a frame: a list still scrolling to a selection made at start
    // (--span) moves its rows between the frame that drew them and the frame that gets the click.
    const ProbeRect r = app.view().probe.lookup(step.target);
    const bool settled = !r.empty() && r.x0 == last_.x0 && r.y0 == last_.y0 && r.x1 == last_.x1 && r.y1 == last_.y1;
    last_ = r;
    if (!settled || app.state() != LoadState::loaded) {
      if (++waited_ > kMaxWaitFrames) error_ = "click target '" + step.target + "' never appeared";
      return;
    }
    x_ = r.x0 + (r.x1 - r.x0) * step.fraction;
    y_ = (r.y0 + r.y1) * 0.5f;
  }
  io.AddMousePosEvent(x_, y_);
  if (phase_ == 1) io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
  if (phase_ == 2) io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
  if (++phase_ > 3) finish();
}

}  // namespace agentreel::viewer
