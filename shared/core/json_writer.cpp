// JsonWriter's number formatting (see json_writer.h).
#include "core/json_writer.h"

#include <cmath>
#include <cstdio>

namespace agentreel {

JsonWriter& JsonWriter::value(double number) {
  comma();
  if (!std::isfinite(number)) {
    out_ += "null";
    return *this;
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", number);
  out_ += buffer;
  return *this;
}

}  // namespace agentreel
