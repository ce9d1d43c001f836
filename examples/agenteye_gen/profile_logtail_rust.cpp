// Corpus for "logtail": a Rust command-line log follower tested with cargo test (parsing, offsets, UTF-8).
// Data only. Mixed-language log samples (日本語, é) make the UTF-8 handling of readers visible.
#include <iterator>

#include "agenteye_gen/project_profile.h"

namespace agentreel::gen {
namespace {

constexpr Goal kGoals[] = {
    {"Fix the failing test parser::tests::rejects_truncated_line", 0},
    {"logtail panics on log lines that split a multi-byte UTF-8 character at the 64 KiB buffer edge; fix it", 1},
    {"A line holding only a timestamp parses as an empty Info record; report it as truncated instead", 0},
    {"Make `logtail follow` survive log rotation (file replaced, inode changes) without losing lines", 2},
};

constexpr std::string_view kSourceFiles[] = {
    "src/parser.rs", "src/follow.rs", "src/cli.rs", "src/main.rs", "src/time.rs",
};

constexpr std::string_view kTestFiles[] = {
    "tests/follow_rotation.rs",
    "tests/cli.rs",
    "src/parser.rs",
};

constexpr std::string_view kCodeBlocks[] = {
    R"~(use std::io::{self, BufRead};
use std::ops::Range;

use crate::time::{parse_rfc3339_micros, Micros};

/// One parsed log record; `msg` borrows from the line buffer.
#[derive(Debug, PartialEq, Eq)]
pub struct Record<'a> {
    pub ts: Micros,
    pub level: Level,
    pub msg: &'a str,
})~",
    R"~(#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("line {line}: truncated record at byte {offset}")]
    Truncated { line: u64, offset: usize },
    #[error("line {line}: bad timestamp {text:?}")]
    BadTimestamp { line: u64, text: String },
    #[error("line {line}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { line: u64, offset: usize },
})~",
    R"~(pub fn parse_line(line: &[u8], line_no: u64) -> Result<Record<'_>, ParseError> {
    let text = std::str::from_utf8(line)
        .map_err(|e| ParseError::InvalidUtf8 { line: line_no, offset: e.valid_up_to() })?;
    let (ts, rest) = text.split_once(' ').ok_or(ParseError::Truncated { line: line_no, offset: text.len() })?;
    let ts = parse_rfc3339_micros(ts).map_err(|_| ParseError::BadTimestamp { line: line_no, text: ts.into() })?;
    let (level, msg) = rest.split_once(' ').unwrap_or((rest, ""));
    Ok(Record { ts, level: level.parse().unwrap_or(Level::Info), msg })
})~",
    R"~(/// Reads complete lines; a chunk may end inside a line (or inside a UTF-8 sequence), which is carried over.
pub fn drain_lines(buf: &mut Vec<u8>, mut emit: impl FnMut(&[u8])) -> usize {
    let mut start = 0;
    while let Some(nl) = memchr::memchr(b'\n', &buf[start..]) {
        emit(&buf[start..start + nl]);
        start += nl + 1;
    }
    buf.drain(..start);
    start
})~",
    R"~(pub struct Follower {
    path: PathBuf,
    file: File,
    inode: u64,
    offset: u64,
    carry: Vec<u8>,
}

impl Follower {
    pub fn poll(&mut self) -> io::Result<Vec<String>> {
        let meta = std::fs::metadata(&self.path)?;
        if meta.ino() != self.inode {
            // rotated: finish the old file, then reopen from the start
            self.reopen()?;
        }
        let mut chunk = vec![0u8; 64 * 1024];
        let n = self.file.read(&mut chunk)?;
        self.offset += n as u64;
        self.carry.extend_from_slice(&chunk[..n]);
        let mut lines = Vec::new();
        drain_lines(&mut self.carry, |l| lines.push(String::from_utf8_lossy(l).into_owned()));
        Ok(lines)
    }
})~",
};

constexpr std::string_view kTestCodeBlocks[] = {
    R"~(#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_with_offset() {
        let r = parse_line(b"2026-03-04T10:15:02.123456+09:00 WARN ディスク使用率 91%", 1).unwrap();
        assert_eq!(r.level, Level::Warn);
        assert_eq!(r.msg, "ディスク使用率 91%");
    })~",
    R"~(    #[test]
    fn rejects_truncated_line() {
        assert_eq!(parse_line(b"2026-03-04T10:15:02.123456Z", 7), Err(ParseError::Truncated { line: 7, offset: 27 }));
    }
})~",
};

constexpr std::string_view kPassingTests[] = {
    "parser::tests::parses_rfc3339_with_offset", "parser::tests::parses_level_names_case_insensitively",
    "parser::tests::keeps_message_with_spaces",  "time::tests::parses_durations",
    "time::tests::rejects_leap_second_61",       "follow::tests::drain_lines_keeps_partial_tail",
    "follow::tests::reads_appended_lines",
};

constexpr TestFailure kFailures[] = {
    {"parser::tests::rejects_truncated_line", "assertion `left == right` failed: Ok(Record { .. }) vs Err(Truncated)",
     R"~(---- parser::tests::rejects_truncated_line stdout ----
thread 'parser::tests::rejects_truncated_line' panicked at src/parser.rs:214:9:
assertion `left == right` failed
  left: Ok(Record { ts: 1772619302123456, level: Info, msg: "" })
 right: Err(Truncated { line: 7, offset: 27 })
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace)~"},
    {"follow::tests::utf8_split_at_chunk_edge", "byte index 65535 is not a char boundary",
     R"~(---- follow::tests::utf8_split_at_chunk_edge stdout ----
thread 'follow::tests::utf8_split_at_chunk_edge' panicked at src/follow.rs:88:41:
byte index 65535 is not a char boundary; it is inside 'é' (bytes 65534..65536) of `…ré résumé`
stack backtrace:
   0: rust_begin_unwind
   1: core::panicking::panic_fmt
   2: core::str::slice_error_fail
   3: logtail::follow::Follower::poll
             at ./src/follow.rs:88:41)~"},
    {"follow_rotation::survives_rename_and_recreate", "expected 3 lines after rotation, got 1",
     R"~(---- survives_rename_and_recreate stdout ----
thread 'survives_rename_and_recreate' panicked at tests/follow_rotation.rs:41:5:
expected 3 lines after rotation, got 1: ["after-rotate-1"])~"},
};

constexpr SourceEdit kEdits[] = {
    {"src/parser.rs", R"~(    let (level, msg) = rest.split_once(' ').unwrap_or((rest, ""));)~",
     R"~(    if rest.is_empty() {
        return Err(ParseError::Truncated { line: line_no, offset: text.len() });
    }
    let (level, msg) = rest.split_once(' ').unwrap_or((rest, ""));)~",
     "A line with only a timestamp has an empty `rest`, and `split_once` hands back `(\"\", \"\")`, so it parses "
     "as an Info record. Reject it as truncated before splitting."},
    {"src/follow.rs",
     R"~(        drain_lines(&mut self.carry, |l| lines.push(String::from_utf8_lossy(l).into_owned()));)~",
     R"~(        // Only complete lines are decoded, so a UTF-8 sequence split across reads stays in `carry`.
        drain_lines(&mut self.carry, |l| lines.push(String::from_utf8_lossy(l).into_owned()));
        debug_assert!(self.carry.len() < 64 * 1024 * 4, "a single line over 256 KiB");)~",
     "The panic comes from slicing the chunk as &str at a fixed 65535 boundary before lines are split. "
     "Decoding only complete lines, after the carry-over, removes the byte slicing."},
    {"src/follow.rs", R"~(            self.reopen()?;)~",
     R"~(            self.drain_rest_of_old_file()?;
            self.reopen()?;)~",
     "On rotation we reopen immediately and lose what was appended to the old file since the last poll. "
     "Read the old handle to EOF first."},
};

static_assert(std::size(kEdits) == std::size(kFailures), "edits[i] fixes failures[i]");

constexpr CannedCommand kCommands[] = {
    {"git status --short", "Show working tree status", " M src/parser.rs\n", 8, 40},
    {"cargo clippy --all-targets -- -D warnings", "Run clippy",
     "    Checking logtail v0.4.2 (/home/dev/logtail)\n    Finished `dev` profile [unoptimized + debuginfo] target(s) "
     "in 2.87s\n",
     2500, 9000},
    {"printf '2026-03-04T10:15:02.123456Z\\n' | cargo run -q -- parse -", "Reproduce with a truncated line",
     "Record { ts: 1772619302123456, level: Info, msg: \"\" }\n", 900, 3000},
    {"wc -c tests/data/rotated.log && file tests/data/rotated.log", "Inspect test data",
     "131072 tests/data/rotated.log\ntests/data/rotated.log: UTF-8 Unicode text, with very long lines\n", 8, 30},
    {"git log --oneline -4", "Show recent commits",
     "77d1e2f follow: 64 KiB read buffer\n3c9a0b1 parser: borrow message instead of allocating\n"
     "e04f5aa cli: add --level filter\n91bc3d2 Initial commit\n",
     10, 40},
};

constexpr SearchExample kGreps[] = {
    {"split_once",
     "src/parser.rs:47:    let (ts, rest) = text.split_once(' ').ok_or(ParseError::Truncated { line: line_no, offset: "
     "text.len() })?;\n"
     "src/parser.rs:49:    let (level, msg) = rest.split_once(' ').unwrap_or((rest, \"\"));\n"
     "src/cli.rs:112:        let (key, value) = kv.split_once('=').context(\"expected KEY=VALUE\")?;\n"},
    {"from_utf8",
     "src/parser.rs:44:    let text = std::str::from_utf8(line)\n"
     "src/follow.rs:88:        let text = std::str::from_utf8(&chunk[..65535]).unwrap();\n"
     "src/follow.rs:97:        drain_lines(&mut self.carry, |l| "
     "lines.push(String::from_utf8_lossy(l).into_owned()));\n"},
    {"fn reopen", "src/follow.rs:121:    fn reopen(&mut self) -> io::Result<()> {\n"},
};

constexpr SearchExample kGlobs[] = {
    {"**/*.rs",
     "src/cli.rs\nsrc/follow.rs\nsrc/main.rs\nsrc/parser.rs\nsrc/time.rs\ntests/cli.rs\ntests/follow_rotation.rs\n"},
    {"tests/data/*", "tests/data/mixed_utf8.log\ntests/data/rotated.log\ntests/data/truncated.log\n"},
};

constexpr Delegation kDelegations[] = {
    {"Find byte-index slicing",
     "List every place in src/ that slices a &str or String by byte index (s[a..b], split_at, get_unchecked) and say "
     "whether the index is guaranteed to be a char boundary. Read-only.",
     "3 sites. parser.rs:47 and :49 slice at ASCII spaces found by split_once (safe). follow.rs:88 slices the raw "
     "chunk at a fixed 65535 via from_utf8(&chunk[..65535]).unwrap() — not a char boundary in general; that is the "
     "panic."},
    {"Reproduce rotation bug",
     "Write a throwaway script under /tmp that appends to a log, renames it and recreates it while `cargo run -- "
     "follow` "
     "runs, and report which lines are lost. Do not modify the repository.",
     "Reproduced: lines appended between the last poll and the rename are lost (1 to 3 lines per rotation at 100 ms "
     "poll). The follower reopens on inode change without draining the old handle."},
};

constexpr ProjectProfile kProfile{
    .name = "logtail",
    .root = "/home/dev/logtail",
    .language = "Rust 1.79",
    .branch = "fix/parser-truncated-lines",
    .runner = TestRunner::cargo_test,
    .test_command = "cargo test",
    .focused_test_command = "cargo test {test}",
    .lint_command = "cargo clippy --all-targets -- -D warnings && cargo fmt --check",
    .lint_clean_output = "    Finished `dev` profile [unoptimized + debuginfo] target(s) in 0.41s\n",
    .install_command = "cargo fetch",
    .install_output = "    Updating crates.io index\n     Locking 41 packages to latest compatible versions\n",
    .sudo_install_command = "sudo apt-get install -y libssl-dev pkg-config && cargo build",
    .risky_cleanup_command = "rm -rf ~/.cargo/registry target && cargo build",
    .safe_cleanup_command = "cargo clean && cargo build",
    .goals = kGoals,
    .source_files = kSourceFiles,
    .test_files = kTestFiles,
    .regression_test_file = "tests/regressions.rs",
    .code_blocks = kCodeBlocks,
    .test_code_blocks = kTestCodeBlocks,
    .passing_tests = kPassingTests,
    .failures = kFailures,
    .edits = kEdits,
    .commands = kCommands,
    .greps = kGreps,
    .globs = kGlobs,
    .delegations = kDelegations,
};

}  // namespace

const ProjectProfile& logtail_rust_profile() { return kProfile; }

}  // namespace agentreel::gen
