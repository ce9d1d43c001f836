// Interned string table (see string_table.h).
#include "core/string_table.h"

namespace agentreel {

StringTable::StringTable() : offsets_{0} {
  index_.emplace(std::string(), 0);
  offsets_.push_back(0);
}

StringId StringTable::intern(std::string_view text) {
  if (index_.empty()) {  // loaded from flat form: index on first intern only
    for (StringId id = 0; id < size(); ++id) index_.emplace(std::string(get(id)), id);
  }
  auto found = index_.find(std::string(text));
  if (found != index_.end()) return found->second;
  const auto id = static_cast<StringId>(size());
  blob_.append(text);
  offsets_.push_back(static_cast<uint32_t>(blob_.size()));
  index_.emplace(std::string(text), id);
  return id;
}

std::string_view StringTable::get(StringId id) const {
  if (id >= size()) return {};
  return std::string_view(blob_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
}

StringTable StringTable::from_flat(std::vector<uint32_t> offsets, std::string blob) {
  StringTable table;
  table.offsets_ = std::move(offsets);
  table.blob_ = std::move(blob);
  table.index_.clear();  // rebuilt by the first intern(): a loaded table is usually only read
  return table;
}

}  // namespace agentreel
