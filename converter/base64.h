// Standard base64 (RFC 4648, with padding) for embedding a bundle in HTML.
#pragma once

#include <string>
#include <string_view>

namespace agentreel::cli {

std::string base64_encode(std::string_view bytes);

}  // namespace agentreel::cli
