// The registry of fictional repositories. Sessions 0, 1 and 2 take one each (so a three-run demo shows all
// three), later sessions pick at random.
// Add a profile by writing profile_<name>.cpp and listing it here.
#include "agenteye_gen/project_profile.h"

namespace agentreel::gen {

std::span<const ProjectProfile* const> all_profiles() {
  static const ProjectProfile* const profiles[] = {
      &billing_python_profile(),
      &storefront_typescript_profile(),
      &logtail_rust_profile(),
  };
  return profiles;
}

}  // namespace agentreel::gen
