#!/usr/bin/env python3
"""Labeled corpus for `agentreel why`: agent logs with injected failure shapes and clean runs, in AgentEye
and Claude Code form.

--form agenteye (default): OUT/logs/*.jsonl (runs interleaved by timestamp, several per file; cut-off runs in
files of their own, ending mid-record), OUT/labels.json ({session_id: [kinds]}, [] for a clean run) and the
same as OUT/labels.txt.
--form claude: the same runs as Claude Code writes them (claude_corpus.py): OUT/logs/projects/<project>/
<session>.jsonl transcripts, plus the hook logs that show policy denials (OUT/logs/hooks/: failproofai hook
activity, Claude Code hook payloads), each holding the rows of many sessions interleaved.
--form both: OUT/agenteye/ and OUT/claude/, each laid out as above.
Deterministic for a --seed. Score with examples/corpus/score.py. Standard library only.
"""
import argparse
import datetime
import json
import os
import random

PROJECTS = [
    {
        "root": "/home/dev/billing-service",
        "goal": "Fix the failing test in tests/test_invoice.py: invoice totals are rounded per line instead of per invoice",
        "on": ["src/billing/invoice.py", "tests/test_invoice.py", "src/billing/rounding.py", "src/billing/invoice_line.py"],
        "test": "pytest tests/test_invoice.py -q",
        "off": ["deploy/k8s/ingress.yaml", "scripts/migrate_accounts.sql", "src/auth/oauth_client.py",
                "docs/onboarding/laptop_setup.md", "src/notifications/slack_webhook.py"],
        "off_cmd": ["kubectl describe ingress storefront", "psql -f scripts/migrate_accounts.sql", "grep -rn oauth src/auth"],
    },
    {
        "root": "/home/dev/storefront-web",
        "goal": "Make CartSummary show the French locale price format (42,00 €) and fix its failing test",
        "on": ["src/components/CartSummary.tsx", "src/components/__tests__/CartSummary.test.tsx", "src/lib/money.ts",
               "src/lib/locale.ts"],
        "test": "npx jest src/components/__tests__/CartSummary.test.tsx",
        "off": ["src/pages/admin/Dashboard.tsx", "webpack.config.js", "src/analytics/segment.ts", ".github/workflows/release.yml",
                "src/styles/theme.css"],
        "off_cmd": ["npx webpack --profile", "git log --oneline .github/workflows", "npx eslint src/analytics"],
    },
    {
        "root": "/home/dev/logtail",
        "goal": "Stop logtail from dropping the last line when a rotated file has no trailing newline (src/reader.rs)",
        "on": ["src/reader.rs", "src/rotation.rs", "tests/rotation_test.rs", "src/line_buffer.rs"],
        "test": "cargo test --test rotation_test",
        "off": ["benches/throughput.rs", "Cargo.lock", "src/metrics/prometheus.rs", "docs/packaging/debian.md",
                "src/config/yaml_loader.rs"],
        "off_cmd": ["cargo bench --bench throughput", "cargo tree -d", "cargo doc --open"],
    },
]


class Run:
    def __init__(self, rng, start, index):
        self.rng = rng
        self.t = start
        self.sid = "run-%04d-%08x" % (index, rng.getrandbits(32))
        self.agent = "agent-%04x" % rng.getrandbits(16)
        self.events = []
        self.project = rng.choice(PROJECTS)

    def ts(self):
        return datetime.datetime.fromtimestamp(self.t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def emit(self, type_, **fields):
        rec = {"timestamp": self.ts(), "session_id": self.sid, "agent_id": self.agent, "type": type_,
               "environment": "dev"}
        rec.update(fields)
        self.events.append((self.t, len(self.events), json.dumps(rec, ensure_ascii=False)))

    def advance(self, lo, hi):
        self.t += self.rng.uniform(lo, hi)

    def call_id(self):
        return "toolu_01" + "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789")
                                    for _ in range(22))

    def model(self, text="Next step."):
        p = self.project
        self.emit("model_request", model="claude-sonnet-4-5", messages=[{"role": "user", "content": p["goal"]}],
                  system="You are an autonomous coding agent working in " + p["root"] + ".",
                  tools=["Bash", "Read", "Edit", "Grep"])
        self.advance(1.0, 4.0)
        self.emit("model_response", model="claude-sonnet-4-5", stop_reason="tool_use",
                  input_tokens=self.rng.randint(2000, 9000), output_tokens=self.rng.randint(20, 300), content=text,
                  role="assistant")
        self.advance(0.01, 0.05)

    def tool(self, name, input_, output="ok", error=None, hook=None):
        cid = self.call_id()
        self.emit("tool_use", tool_name=name, tool_call_id=cid, input=input_)
        self.advance(0.005, 0.02)
        if hook:
            hid = "%08x-%04x-4%03x-8%03x-%012x" % (self.rng.getrandbits(32), self.rng.getrandbits(16),
                                                 self.rng.getrandbits(12), self.rng.getrandbits(12),
                                                 self.rng.getrandbits(48))
            self.emit("hook_triggered", hook_name=hook[0], hook_id=hid, trigger_event="pre_tool_use",
                      input={"tool_name": name, "tool_call_id": cid, "tool_input": input_})
            self.advance(0.02, 0.08)
            outcome = hook[1]
            out = {"reason": hook[2], "policy": hook[0]} if outcome == "deny" else ""
            self.emit("hook_completed", hook_name=hook[0], hook_id=hid, outcome=outcome, output=out, error=None,
                      duration_ms=40)
            self.advance(0.001, 0.005)
            if outcome == "deny":
                output, error = "", "Blocked by hook %s: %s" % (hook[0], hook[2])
        else:
            self.advance(0.2, 3.0)
        self.emit("tool_result", tool_name=name, tool_call_id=cid, output=output, error=error,
                  duration_ms=self.rng.randint(5, 3000))
        self.advance(0.02, 0.2)

    # ---- step kinds ----
    def on_task_step(self, k):
        p = self.project
        f = p["on"][k % len(p["on"])]
        choice = k % 4
        self.model("Looking at %s." % f)
        if choice == 0:
            self.tool("Read", {"file_path": p["root"] + "/" + f}, output="line 1\nline 2\n")
        elif choice == 1:
            self.tool("Grep", {"pattern": os.path.splitext(os.path.basename(f))[0], "path": p["root"] + "/src"},
                      output=f + ":12: match")
        elif choice == 2:
            self.tool("Edit", {"file_path": p["root"] + "/" + f, "old_string": "a = 1", "new_string": "a = %d" % k})
        else:
            self.tool("Bash", {"command": p["test"], "description": "Run the tests"}, output="passed")

    def off_task_step(self, k):
        p = self.project
        self.model("Let me also look at this.")
        if k % 3 == 2:
            self.tool("Bash", {"command": p["off_cmd"][k % len(p["off_cmd"])]}, output="...")
        else:
            f = p["off"][k % len(p["off"])]
            self.tool("Read" if k % 2 else "Edit",
                      {"file_path": p["root"] + "/" + f} if k % 2 else
                      {"file_path": p["root"] + "/" + f, "old_string": "x", "new_string": "y"}, output="...")

    def start(self, goal=None):
        self.emit("agent_start", goal=goal or self.project["goal"], parent_id=None)
        self.advance(0.05, 0.2)

    def end(self, outcome="success", summary="Done."):
        self.model("Done.")
        self.emit("agent_end", outcome=outcome, summary=summary)

    # ---- injected shapes, as AgentEye records them ----
    NOISE = ["fail_once", "approval", "one_rate_limit"]

    def compaction(self):
        pid = "%032x" % self.rng.getrandbits(128)
        self.emit("agent_pause", pause_id=pid, reason="Context compaction: conversation summarised at 180k tokens")
        self.advance(5, 20)
        self.emit("agent_resume", pause_id=pid, reason="Compaction done")
        self.advance(0.1, 0.5)

    def fatal_error(self):
        rng = self.rng
        self.model("Running the full suite.")
        cid = self.call_id()
        self.emit("tool_use", tool_name="Bash", tool_call_id=cid, input={"command": self.project["test"]})
        self.advance(1, 3)
        kind = rng.choice(["sandbox_error", "overloaded_error", "timeout_error"])
        self.emit("error", error_type=kind, message={"sandbox_error": "Sandbox container exited with code 137 (OOM)",
                                                      "overloaded_error": "Overloaded: the API is temporarily overloaded",
                                                      "timeout_error": "Tool call exceeded the 10 minute limit"}[kind],
                  traceback=None)
        self.advance(0.01, 0.1)
        self.emit("tool_result", tool_name="Bash", tool_call_id=cid, output="", error="aborted: " + kind,
                  duration_ms=1200)
        self.advance(0.05, 0.1)
        self.emit("agent_end", outcome="error", summary="Stopped by " + kind)

    def open_call(self, name, input_):
        self.emit("tool_use", tool_name=name, tool_call_id=self.call_id(), input=input_)

    def retry_loop(self, count):
        p = self.project
        self.emit("model_request", model="claude-sonnet-4-5", messages=[{"role": "user", "content": p["goal"]}],
                  system="", tools=["Bash"])
        for _ in range(count):
            self.advance(1, 5)
            self.emit("error", error_type="rate_limit_error", message="Rate limited: retry after 30s", traceback=None)
        self.advance(1, 3)
        self.emit("model_response", model="claude-sonnet-4-5", stop_reason="tool_use", input_tokens=3000,
                  output_tokens=40, content="Retrying.", role="assistant")
        self.advance(0.01, 0.05)

    def benign(self, what):
        """Things a clean run may hold: a test failing once and then passing, an approval wait, a retried
        rate limit, an allowed hook."""
        p, rng = self.project, self.rng
        if what == "fail_once":
            self.model("Running the tests.")
            self.tool("Bash", {"command": p["test"]}, output="FAILED", error="exit code 1")
            self.model("Fixing.")
            self.tool("Edit", {"file_path": p["root"] + "/" + p["on"][0], "old_string": "q", "new_string": "r"})
        elif what == "approval":
            iid = "%032x" % rng.getrandbits(128)
            self.emit("human_wait", input_id=iid, prompt="Allow this Bash command?")
            self.advance(300, 900)
            self.emit("human_input", input_id=iid, prompt="Allow this Bash command?", response="yes")
            self.advance(0.1, 0.3)
        else:
            self.emit("model_request", model="claude-sonnet-4-5", messages=[], system="", tools=[])
            self.advance(1, 3)
            self.emit("error", error_type="rate_limit_error", message="Rate limited: retry after 5s", traceback=None)
            self.advance(5, 6)
            self.emit("model_response", model="claude-sonnet-4-5", stop_reason="tool_use", input_tokens=10,
                      output_tokens=5, content="ok", role="assistant")
            self.advance(0.01, 0.05)



def build(rng, index, start, kinds, run_class=None):
    r = (run_class or Run)(rng, start, index)
    r.start()
    n = rng.randint(10, 18)
    inject_at = {}
    for kind in kinds:
        # With drift the second half is off task: put the other injection before it.
        inject_at[kind] = rng.randint(3, n // 2 - 1) if "drift" in kinds else rng.randint(3, n - 4)
    k = 0
    drift_from = None
    while k < n:
        if "drift" in kinds and k == n // 2 and drift_from is None:
            drift_from = k
            for j in range(rng.randint(8, 12)):
                r.off_task_step(j)
            break
        if "loop" in kinds and k == inject_at["loop"]:
            inject_loop(r, rng)
        if "blocked" in kinds and k == inject_at["blocked"]:
            inject_blocked(r, rng)
        if "stall" in kinds and k == inject_at["stall"]:
            r.advance(15 * 60, 40 * 60)
        if "compaction" in kinds and k == inject_at["compaction"]:
            r.compaction()
        if not kinds and k == 4 and rng.random() < 0.5:
            r.benign(rng.choice(r.NOISE))
        r.on_task_step(k)
        k += 1
    if "error" in kinds:
        r.fatal_error()
    elif "unfinished" in kinds:
        r.model("Running the tests again.")
        r.open_call("Bash", {"command": r.project["test"]})
    else:
        r.end()
    return r


def inject_loop(r, rng):
    shape = rng.choice(["same_fail", "same_fail", "cycle", "retry"])
    p = r.project
    if shape == "same_fail":
        for i in range(rng.randint(3, 7)):
            r.model("The test still fails; running it again.")
            spaces = " " * (1 + i % 2)
            r.tool("Bash", {"command": p["test"].replace(" ", spaces, 1), "description": "Run the tests"},
                   output="FAILED 1 test", error="exit code 1")
    elif shape == "cycle":
        for _ in range(rng.randint(3, 4)):
            r.model("Checking the file again.")
            r.tool("Read", {"file_path": p["root"] + "/" + p["on"][0]}, output="same content")
            r.model("Running the test again.")
            r.tool("Bash", {"command": p["test"]}, output="FAILED", error="exit code 1")
    else:
        r.retry_loop(rng.randint(3, 6))


def inject_blocked(r, rng):
    p = r.project
    policy, command, reason = rng.choice([
        ("block-force-push", "git push --force origin fix/branch", "Force-pushing is not allowed."),
        ("block-sudo", "sudo apt-get install -y libssl-dev", "sudo is not available to agents."),
        ("block-rm-rf", "rm -rf " + p["root"] + "/build", "Recursive force deletes are blocked."),
    ])
    for _ in range(rng.randint(1, 3)):
        r.model("Trying that.")
        r.tool("Bash", {"command": command}, hook=(policy, "deny", reason))
    r.model("Blocked; doing it another way.")
    r.tool("Bash", {"command": "git status --short"}, output=" M src/x", hook=("audit-log", "allow", ""))


def make_runs(seed, count, per_file, run_class):
    """The runs and their labels (a seed gives the same corpus each time; the two forms draw differently)."""
    rng = random.Random(seed)
    singles = ["loop", "drift", "blocked", "error", "unfinished", "stall", "compaction"]
    labels = {}
    plain, cut = [], []
    base = 1772000000.0
    for i in range(count):
        roll = rng.random()
        if roll < 0.30:
            kinds = []
        elif roll < 0.85:
            kinds = [rng.choice(singles)]
        else:
            kinds = sorted(set(rng.sample(["loop", "blocked", "stall", "compaction", "drift"], 2)))
        cut_log = kinds == ["unfinished"] and rng.random() < 0.5
        run = build(rng, i, base + (i // per_file) * 7200 + rng.uniform(0, 60), kinds, run_class)
        labels[run.sid] = kinds
        (cut if cut_log else plain).append(run)
    return labels, plain, cut


def write_agenteye(out, plain, cut, per_file):
    logs = os.path.join(out, "logs")
    os.makedirs(logs, exist_ok=True)
    for f in range(0, len(plain), per_file):
        group = plain[f:f + per_file]
        events = sorted(e for r in group for e in r.events)
        with open(os.path.join(logs, "batch-%03d.jsonl" % (f // per_file)), "w", encoding="utf-8") as out_file:
            for _, _, line in events:
                out_file.write(line + "\n")
    for r in cut:
        lines = [line for _, _, line in sorted(r.events)]
        with open(os.path.join(logs, "cut-%s.jsonl" % r.sid), "w", encoding="utf-8") as out_file:
            for line in lines[:-1]:
                out_file.write(line + "\n")
            out_file.write(lines[-1][: len(lines[-1]) // 2])  # the process died mid-write
    return logs


def write_labels(out, labels):
    with open(os.path.join(out, "labels.json"), "w") as out_file:
        json.dump(labels, out_file, indent=1, sort_keys=True)
    # The same labels for readers without JSON (the C++ tests): "SESSION_ID kind kind..." per line.
    with open(os.path.join(out, "labels.txt"), "w") as out_file:
        for sid in sorted(labels):
            out_file.write(" ".join([sid] + labels[sid]) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--runs", type=int, default=240)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-file", type=int, default=8)
    ap.add_argument("--form", choices=["agenteye", "claude", "both"], default="agenteye")
    args = ap.parse_args()
    forms = ["agenteye", "claude"] if args.form == "both" else [args.form]
    for form in forms:
        out = os.path.join(args.out, form) if args.form == "both" else args.out
        if form == "agenteye":
            labels, plain, cut = make_runs(args.seed, args.runs, args.per_file, Run)
            logs = write_agenteye(out, plain, cut, args.per_file)
        else:
            import claude_corpus  # beside this file
            labels, plain, cut = make_runs(args.seed, args.runs, args.per_file, claude_corpus.ClaudeRun)
            logs = claude_corpus.write_claude(out, plain, cut, args.per_file)
        write_labels(out, labels)
        print("%s: %d runs (%d clean) in %s" % (form, len(labels), sum(1 for k in labels.values() if not k), logs))


if __name__ == "__main__":
    main()
