// The price table: what each model the formats we read name costs, in USD per million tokens by token class,
// with the page each price was read from and the date. Data only, in one place (price_table.cpp); the name
// rule and the arithmetic are model/model_cost.h's. docs/pricing.md gives the sources and the rules.
#pragma once

#include <cstdint>
#include <span>

namespace agentreel {

constexpr double kNoPrice = -1;  // the provider does not sell this class for the model (or no source says)

// USD per million tokens. Cache writes are priced per cache lifetime (Anthropic: 5 minutes and 1 hour);
// providers that bill no write surcharge (OpenAI, Google) carry their input price there.
struct TokenRates {
  double input = kNoPrice;   // input not read from a cache
  double output = kNoPrice;  // output, reasoning included
  double cache_read = kNoPrice;
  double cache_write_5m = kNoPrice;
  double cache_write_1h = kNoPrice;
};

struct ModelPrice {
  const char* model;  // the provider's model id, matched by model_cost.h's rule
  TokenRates rates;
  // Prompts (input + cache read + cache write) above this many tokens pay `long_rates` for every token of
  // the call, output included; 0 when the model has one tier.
  int64_t long_prompt_above;
  TokenRates long_rates;
  const char* source;   // the page the prices were read from
  const char* read_on;  // YYYY-MM-DD
};

std::span<const ModelPrice> price_table();

}  // namespace agentreel
