// The one-pass scanner (see scanner.h).
#include "secrets/scanner.h"

#include <algorithm>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "secrets/byte_classes.h"
#include "secrets/escapes.h"

namespace agentreel::secrets {

const RuleInfo kCustomPatternRule{"custom-pattern", SecretKind::custom, "", kRankCustom};

namespace {

// A prefix rule at `at` (a token boundary): the prefix, a greedy body of the rule's bytes within its length range,
// nothing of the token's alphabet right after it, and the rule's own check.
bool match_token_rule(std::string_view text, size_t at, const TokenRule& rule, Finding& finding) {
  if (text.size() - at < rule.prefix.size()) return false;
  for (size_t i = 2; i < rule.prefix.size(); ++i) {  // the pair that dispatched here is the prefix's first two bytes
    if (text[at + i] != rule.prefix[i]) return false;
  }
  const size_t body_start = at + rule.prefix.size();
  size_t end = body_start;
  const size_t max_scan = size_t(rule.max_body) + 1;
  while (end < text.size() && end - body_start < max_scan && in_class(uint8_t(text[end]), rule.body_class)) ++end;
  while (rule.trim_class && end > body_start && in_class(uint8_t(text[end - 1]), rule.trim_class)) --end;
  const size_t body = end - body_start;
  if (body < rule.min_body || body > rule.max_body) return false;
  if (end < text.size() && in_class(uint8_t(text[end]), kAlnum | (rule.trim_class ? 0 : rule.body_class))) return false;
  const std::string_view token = text.substr(at, end - at);
  if (rule.check && !rule.check(token)) return false;
  finding.begin = at;
  finding.end = end;
  finding.rule = &rule.info;
  finding.value = std::string(token);
  return true;
}

bool better(const Finding& a, const Finding& b) {
  if (a.rule->rank != b.rule->rank) return a.rule->rank > b.rule->rank;
  if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
  return a.begin < b.begin;
}

}  // namespace

Scanner::Scanner(ScanOptions options)
    : options_(std::move(options)),
      pair_bits_(65536 / 64, 0),
      boundary_bits_(65536 / 64, 0),
      assignment_bits_(65536 / 64, 0),
      pair_handlers_(65536, 0),
      handlers_(1) {
  // Per pair, the handlers in the order they are tried; built as lists, then laid out back to back.
  std::vector<std::vector<Handler>> by_pair(65536);
  const auto add = [&](uint8_t first, uint8_t second, Handler handler) {
    by_pair[first | second << 8].push_back(handler);
  };
  for (const TokenRule& rule : provider_rules())
    add(uint8_t(rule.prefix[0]), uint8_t(rule.prefix[1]), {&rule, nullptr});
  add('-', '-', {nullptr, detect_key_block});
  add(':', '/', {nullptr, detect_url_credentials});
  add(':', '\\', {nullptr, detect_url_credentials});  // ":\/\/" from JSON writers that escape '/'
  for (uint8_t b : {'B', 'b'}) {
    for (uint8_t second : {'e', 'E', 'a', 'A'}) add(b, second, {nullptr, detect_auth_header});
  }
  add('A', 'K', {nullptr, detect_aws_key});
  add('A', 'S', {nullptr, detect_aws_key});
  add(':', 'A', {nullptr, detect_telegram_token});
  add('Q', '~', {nullptr, detect_azure_secret});
  for (int second = 0; second < 256; ++second) {
    if (in_class(uint8_t(second), kTokenBody)) {
      for (uint8_t first : {'M', 'N', 'O'}) add(first, uint8_t(second), {nullptr, detect_discord_token});
    }
    add('=', uint8_t(second), {nullptr, detect_assignment});
  }
  for (uint8_t second : {'"', ' ', '\t', '\'', '\\'}) add(':', second, {nullptr, detect_assignment});

  // Detectors that, like prefix rules, only start at a token boundary: the scan loop checks it for them.
  const auto needs_boundary = [](const Handler& handler) {
    return handler.rule || handler.detector == detect_auth_header || handler.detector == detect_aws_key ||
           handler.detector == detect_discord_token;
  };
  for (uint32_t pair = 0; pair < 65536; ++pair) {
    if (by_pair[pair].empty()) continue;
    pair_bits_[pair >> 6] |= uint64_t(1) << (pair & 63);
    if (std::all_of(by_pair[pair].begin(), by_pair[pair].end(), needs_boundary)) {
      boundary_bits_[pair >> 6] |= uint64_t(1) << (pair & 63);
    }
    if (by_pair[pair].size() == 1 && by_pair[pair][0].detector == detect_assignment) {
      assignment_bits_[pair >> 6] |= uint64_t(1) << (pair & 63);
    }
    if (!std::all_of(by_pair[pair].begin(), by_pair[pair].end(), needs_boundary)) {
      const uint8_t first = uint8_t(pair & 0xFF);
      simd_triggers_ &= first == ':' || first == '=' || first == '-' || first == 'Q';
    }
    pair_handlers_[pair] = uint32_t(handlers_.size());
    handlers_.insert(handlers_.end(), by_pair[pair].begin(), by_pair[pair].end());
    handlers_.push_back(Handler{});
  }
}

void Scanner::dispatch(std::string_view text, size_t at, uint32_t pair, std::vector<Finding>& out, int depth) const {
  // The detector sees only its reach around the trigger (detectors.h), whatever the caller holds.
  const size_t lo = at > kLookbehind ? at - kLookbehind : 0;
  const size_t hi = std::min(text.size(), at + kLookahead);
  const std::string_view view = text.substr(lo, hi - lo);
  const size_t local = at - lo;
  const size_t first_new = out.size();
  bool boundary_known = false, boundary = false;
  for (const Handler* handler = &handlers_[pair_handlers_[pair]]; handler->rule || handler->detector; ++handler) {
    if (handler->rule) {
      if (!boundary_known) {
        boundary = token_boundary_before(view, local);
        boundary_known = true;
      }
      Finding finding;
      if (boundary && match_token_rule(view, local, *handler->rule, finding)) {
        out.push_back(std::move(finding));
        // The first (most specific) prefix rule that matches names the token; detectors still run.
        while (handler[1].rule) ++handler;
      }
    } else {
      handler->detector(DetectInput{view, local, this, depth}, out);
    }
  }
  for (size_t i = first_new; i < out.size(); ++i) {
    out[i].begin += lo;
    out[i].end += lo;
  }
}

void Scanner::find_candidates(std::string_view text, size_t from, size_t to, std::vector<Finding>& out,
                              int depth) const {
  const uint8_t* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const size_t last = std::min(to, text.size() > 0 ? text.size() - 1 : 0);  // every trigger is two bytes
  const uint64_t* bits = pair_bits_.data();
  const uint64_t* boundary_bits = boundary_bits_.data();
  const uint64_t* assignment_bits = assignment_bits_.data();
  const auto visit = [&](size_t i) {
    const uint32_t pair = uint32_t(bytes[i]) | uint32_t(bytes[i + 1]) << 8;
    if (!((bits[pair >> 6] >> (pair & 63)) & 1)) return;
    // Every key of every JSON object ends in ':': most are rejected on their last letters, before the call.
    if (((assignment_bits[pair >> 6] >> (pair & 63)) & 1) && !assignment_may_follow(text, i)) return;
    // Most hits are inside words ("se" of "user"): reject them here, before the call.
    if (((boundary_bits[pair >> 6] >> (pair & 63)) & 1) && i > 0 && in_class(bytes[i - 1], kWord) &&
        !token_boundary_before(text, i)) {
      return;
    }
    dispatch(text, i, pair, out, depth);
  };
  size_t i = from;
#if defined(__SSE2__)
  // 16 positions at a time: only word starts, the bytes that begin an unanchored trigger (':', '=', '-', 'Q') and
  // the byte after an escape letter ("\nsk-...") can trigger (the constructor checked that the table agrees), so
  // visit just those. Text is mostly inside words, so this skips most of it without a table lookup.
  if (simd_triggers_ && i < last) {
    const __m128i letter_base = _mm_set1_epi8('a'), digit_base = _mm_set1_epi8('0');
    const __m128i letters_span = _mm_set1_epi8(25), digits_span = _mm_set1_epi8(9), case_bit = _mm_set1_epi8(0x20);
    const __m128i underscore = _mm_set1_epi8('_'), backslash = _mm_set1_epi8('\\');
    const __m128i colon = _mm_set1_epi8(':'), equals = _mm_set1_epi8('='), dash = _mm_set1_epi8('-'),
                  q = _mm_set1_epi8('Q');
    const auto in_span = [](__m128i offset, __m128i span) {
      return _mm_cmpeq_epi8(_mm_min_epu8(offset, span), offset);
    };
    uint32_t previous_word = i > 0 && in_class(bytes[i - 1], kWord) ? 1 : 0;
    uint32_t previous_backslash = (i > 1 && bytes[i - 2] == '\\' ? 1 : 0) | (i > 0 && bytes[i - 1] == '\\' ? 2 : 0);
    for (; i + 16 <= last; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
      const __m128i letter = in_span(_mm_sub_epi8(_mm_or_si128(v, case_bit), letter_base), letters_span);
      const __m128i digit = in_span(_mm_sub_epi8(v, digit_base), digits_span);
      const __m128i word = _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmpeq_epi8(v, underscore));
      const __m128i punct = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, equals)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, dash), _mm_cmpeq_epi8(v, q)));
      const uint32_t words = uint32_t(_mm_movemask_epi8(word));
      const uint32_t backslashes = uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash)));
      const uint32_t word_starts = words & ~((words << 1) | previous_word);
      const uint32_t after_escape = ((backslashes << 2) | previous_backslash) & 0xFFFF;
      uint32_t candidates = word_starts | after_escape | uint32_t(_mm_movemask_epi8(punct));
      previous_word = (words >> 15) & 1;
      previous_backslash = (backslashes >> 14) & 3;
      // Test every candidate's pair without a branch (the outcome is unpredictable: a mispredicted branch per
      // word start cost more than all the rest), then visit the few that have handlers.
      uint32_t hits = 0;
      while (candidates) {
        const unsigned j = unsigned(__builtin_ctz(candidates));
        const uint32_t pair = uint32_t(bytes[i + j]) | uint32_t(bytes[i + j + 1]) << 8;
        hits |= uint32_t((bits[pair >> 6] >> (pair & 63)) & 1) << j;
        candidates &= candidates - 1;
      }
      while (hits) {
        visit(i + size_t(__builtin_ctz(hits)));
        hits &= hits - 1;
      }
    }
  }
#endif
  for (; i < last; ++i) visit(i);
  std::vector<std::pair<size_t, size_t>> matches;
  for (const auto& pattern : options_.redact_patterns) {
    matches.clear();
    pattern->find_all(text, from, std::min(to, text.size()), matches);
    for (const auto& [begin, end] : matches) {
      if (end <= begin || end - begin > kMaxFindingBytes) continue;
      Finding finding;
      finding.begin = begin;
      finding.end = end;
      finding.rule = &kCustomPatternRule;
      finding.value = unescape_value(text.substr(begin, end - begin));
      out.push_back(std::move(finding));
    }
  }
}

void Scanner::drop_allowed(std::vector<Finding>& findings) const {
  if (options_.allow_patterns.empty()) return;
  std::erase_if(findings, [&](const Finding& finding) {
    for (const auto& pattern : options_.allow_patterns) {
      if (pattern->search(finding.value)) return true;
    }
    return false;
  });
}

std::vector<Finding> Scanner::find_secrets(std::string_view bytes) const {
  std::vector<Finding> findings;
  find_candidates(bytes, 0, bytes.size(), findings);
  merge_overlaps(findings);
  drop_allowed(findings);
  return findings;
}

std::vector<Finding> Scanner::scan_payload(std::string_view decoded, int depth) const {
  std::vector<Finding> findings;
  find_candidates(decoded, 0, decoded.size(), findings, depth);
  merge_overlaps(findings);
  std::erase_if(findings, [](const Finding& finding) { return finding.encoding != Encoding::plain; });
  return findings;
}

void merge_overlaps(std::vector<Finding>& findings) {
  if (findings.size() < 2) return;
  std::sort(findings.begin(), findings.end(),
            [](const Finding& a, const Finding& b) { return a.begin != b.begin ? a.begin < b.begin : a.end > b.end; });
  std::vector<Finding> merged;
  merged.reserve(findings.size());
  size_t group = 0;
  while (group < findings.size()) {
    size_t next = group + 1;
    uint64_t end = findings[group].end;
    size_t best = group;
    bool all_base64 = findings[group].encoding == Encoding::base64;
    while (next < findings.size() && findings[next].begin < end) {
      end = std::max(end, findings[next].end);
      if (better(findings[next], findings[best])) best = next;
      all_base64 &= findings[next].encoding == Encoding::base64;
      ++next;
    }
    Finding result = std::move(findings[best]);
    const uint64_t begin = findings[group].begin;
    if (next - group > 1 && (result.begin != begin || result.end != end || all_base64)) {
      if (all_base64) {
        // One payload: rebase every member's decoded range onto the union's first quad and cover them all.
        uint64_t decoded_begin = UINT64_MAX, decoded_end = 0;
        bool aligned = true;
        for (size_t i = group; i < next; ++i) {
          const Finding& member = i == best ? result : findings[i];
          aligned &= (member.begin - begin) % 4 == 0;
          const uint64_t shift = (member.begin - begin) / 4 * 3;
          decoded_begin = std::min(decoded_begin, shift + member.decoded_begin);
          decoded_end = std::max(decoded_end, shift + member.decoded_end);
        }
        if (aligned) {
          result.decoded_begin = uint32_t(decoded_begin);
          result.decoded_end = uint32_t(decoded_end);
        } else {
          result.encoding = Encoding::plain;
        }
      } else {
        result.encoding = Encoding::plain;  // a plain match over a payload's text: the raw bytes go
      }
      result.begin = begin;
      result.end = end;
    }
    merged.push_back(std::move(result));
    group = next;
  }
  findings = std::move(merged);
}

}  // namespace agentreel::secrets
