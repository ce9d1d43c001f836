#!/usr/bin/env python3
"""Independent expectations for tests/cli/secrets.sh, computed from tests/data/secrets/expected.tsv (what plant.py
planted) without agentreel's code:

  redacted PLANTED EXPECTED_TSV OUT      the planted files as redaction must leave them, written under OUT
  summary EXPECTED_TSV                   the warning's "N secrets found (...)" sentence
  findings EXPECTED_TSV PREFIX JSON      `secrets --json` lists exactly the planted secrets, located in their inputs
  json-intact BEFORE AFTER               every JSON document or line that parsed before still parses after
"""
import base64
import json
import os
import sys

# The words a warning uses for each kind (docs/cli.md, "agentreel secrets").
PHRASES = {
    "api-key": ("API key", "API keys"),
    "access-token": ("access token", "access tokens"),
    "bearer-token": ("bearer token", "bearer tokens"),
    "basic-auth": ("basic-auth credential", "basic-auth credentials"),
    "jwt": ("JWT", "JWTs"),
    "private-key": ("private key", "private keys"),
    "connection-string": ("connection string with a password", "connection strings with passwords"),
    "cloud-credential": ("cloud credential", "cloud credentials"),
    "webhook-url": ("webhook URL", "webhook URLs"),
    "env-value": (".env value", ".env values"),
    "secret-field": ("password or token field", "password or token fields"),
    "custom": ("custom-pattern match", "custom-pattern matches"),
}
KIND_ORDER = list(PHRASES)


def rows(tsv):
    out = []
    for line in open(tsv, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        out.append({"file": f[0], "begin": int(f[1]), "end": int(f[2]), "rule": f[3], "kind": f[4], "label": f[5],
                    "encoding": f[6], "db": int(f[7]), "de": int(f[8]), "value": base64.b64decode(f[9])})
    return out


def numbering(all_rows):
    """Placeholder number and label of each value: in stream order (files sorted by path, as a directory input is
    walked), the first occurrence of a value takes the next number and names it."""
    numbers = {}
    for r in sorted(all_rows, key=lambda r: (r["file"], r["begin"])):
        if r["value"] not in numbers:
            numbers[r["value"]] = (len(numbers) + 1, r["label"])
    return numbers


def redacted(planted, tsv, out):
    all_rows = rows(tsv)
    numbers = numbering(all_rows)
    for root, _, names in os.walk(planted):
        for name in names:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, planted).replace(os.sep, "/")
            data = open(path, "rb").read()
            result, copied = b"", 0
            for r in sorted((r for r in all_rows if r["file"] == rel), key=lambda r: r["begin"]):
                number, label = numbers[r["value"]]
                placeholder = ("[REDACTED %s #%d]" % (label, number)).encode()
                if r["encoding"] == "base64":
                    quads = data[r["begin"]:r["end"]]
                    decoded = base64.b64decode(quads)
                    text = decoded[:r["db"]] + placeholder
                    tail = decoded[r["de"]:]
                    if not quads.endswith(b"="):
                        while (len(text) + len(tail)) % 3:
                            text += b" "
                    replacement = base64.b64encode(text + tail)
                else:
                    replacement = placeholder
                result += data[copied:r["begin"]] + replacement
                copied = r["end"]
            result += data[copied:]
            target = os.path.join(out, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            open(target, "wb").write(result)


def summary(tsv):
    all_rows = rows(tsv)
    first_kind = {}
    for r in sorted(all_rows, key=lambda r: (r["file"], r["begin"])):
        first_kind.setdefault(r["value"], r["kind"])
    counts = {}
    for kind in first_kind.values():
        counts[kind] = counts.get(kind, 0) + 1
    kinds = sorted(counts, key=lambda k: (-counts[k], KIND_ORDER.index(k)))
    total = len(first_kind)
    words = ", ".join("%d %s" % (counts[k], PHRASES[k][counts[k] != 1]) for k in kinds)
    print("%d secret%s found (%s)" % (total, "" if total == 1 else "s", words))


def findings(tsv, prefix, json_path):
    doc = json.load(open(json_path, encoding="utf-8"))
    expected = {(prefix + r["file"], r["begin"], r["end"], r["rule"]) for r in rows(tsv)}
    got = {(f["input"], f["byte_offset"], f["byte_end"], f["rule"]) for f in doc["findings"]}
    if got != expected:
        print("missing:", sorted(expected - got)[:5], "unexpected:", sorted(got - expected)[:5], file=sys.stderr)
        sys.exit(1)
    if doc["occurrences"] != len(expected) or doc["secrets"] != len({r["value"] for r in rows(tsv)}):
        print("counts:", doc["secrets"], doc["occurrences"], file=sys.stderr)
        sys.exit(1)
    for f in doc["findings"]:
        preview = f["preview"]
        # Masked: at most a quarter of the value beyond its public prefix, never the value itself.
        if len(preview.split(" (")[0]) >= f["value_length"] or "\u2026" not in preview:
            print("preview shows too much:", preview, file=sys.stderr)
            sys.exit(1)
        in_logs = not f["input"].startswith(prefix + "claude-code/project/")
        if in_logs != ("span" in f):
            print("span expected only for findings in parsed logs:", f, file=sys.stderr)
            sys.exit(1)
    print("findings ok: %d secrets in %d places" % (doc["secrets"], doc["occurrences"]))


def parse_count(path):
    data = open(path, "rb").read()
    try:
        json.loads(data)
        return "document", 1
    except ValueError:
        pass
    ok = set()
    for i, line in enumerate(data.split(b"\n")):
        try:
            json.loads(line)
            ok.add(i)
        except ValueError:
            pass
    return "lines", ok


def json_intact(before, after):
    for root, _, names in os.walk(before):
        for name in names:
            rel = os.path.relpath(os.path.join(root, name), before)
            kind_before, ok_before = parse_count(os.path.join(before, rel))
            kind_after, ok_after = parse_count(os.path.join(after, rel))
            if kind_before == "document" and kind_after != "document":
                print("%s no longer parses as JSON" % rel, file=sys.stderr)
                sys.exit(1)
            if kind_before == "lines" and kind_after == "lines" and not ok_before <= ok_after:
                print("%s: lines %s no longer parse" % (rel, sorted(ok_before - ok_after)[:5]), file=sys.stderr)
                sys.exit(1)
    print("json intact")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"redacted": redacted, "summary": summary, "findings": findings, "json-intact": json_intact}[command](*args)
