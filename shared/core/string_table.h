// Interned strings: each distinct string stored once, referred to by a 32-bit id. Id 0 is "".
// Used for span names, session ids, attribute keys and values; the bundle stores the table as is.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace agentreel {

using StringId = uint32_t;

class StringTable {
 public:
  StringTable();
  StringId intern(std::string_view text);
  std::string_view get(StringId id) const;
  size_t size() const { return offsets_.size() - 1; }

  // Flat form: offsets (size()+1 entries) into one blob; what the bundle stores.
  const std::vector<uint32_t>& offsets() const { return offsets_; }
  const std::string& blob() const { return blob_; }
  // Rebuilds from the flat form; offsets must be non-decreasing and end at blob.size() (checked by the caller).
  static StringTable from_flat(std::vector<uint32_t> offsets, std::string blob);

 private:
  std::vector<uint32_t> offsets_;
  std::string blob_;
  // Keys view into a separate copy so blob_ reallocation cannot invalidate them.
  std::unordered_map<std::string, StringId> index_;
};

}  // namespace agentreel
