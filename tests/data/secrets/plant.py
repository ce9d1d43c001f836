#!/usr/bin/env python3
"""Plants fake secrets into copies of real agent-log samples (tests/data/<format>/) and writes what a scanner must
find: planted/<format>/<file> and expected.tsv. Run it by hand after changing it: python3 plant.py

Every secret is generated here from a fixed seed in the documented format of its provider; none is real. The
expected byte ranges are computed here, from where each secret was inserted and how the surrounding format escapes
it (JSON strings, JSON inside JSON strings, base64 payloads), without agentreel's code. expected.tsv columns:

  file  begin  end  rule  kind  label  encoding  decoded_begin  decoded_end  value_base64

begin/end: the byte range the scanner reports (the secret's escaped bytes; for a base64 payload, the base64 quads
that carry it, with decoded_begin/decoded_end the secret's place in those quads' decoded bytes). value_base64: the
secret as the scanner compares it (escapes undone; a private key's base64 body; a basic credential decoded), so the
tests can number placeholders the way redaction must: the same value always the same number.
"""
import base64
import json
import os
import random
import string
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
OUT = os.path.join(HERE, "planted")
R = random.Random(19)

UPPER, LOWER, DIGITS = string.ascii_uppercase, string.ascii_lowercase, string.digits
ALNUM = UPPER + LOWER + DIGITS
B64URL = ALNUM + "-_"
HEX = "0123456789abcdef"


def rand(chars, n):
    return "".join(R.choice(chars) for _ in range(n))


def mixed(chars, n):
    """A random string with at least one upper-case letter, lower-case letter and digit where the alphabet has them."""
    while True:
        s = rand(chars, n)
        classes = sum(any(c in group for c in s) for group in (UPPER, LOWER, DIGITS) if any(c in group for c in chars))
        wanted = sum(1 for group in (UPPER, LOWER, DIGITS) if any(c in group for c in chars))
        if classes == wanted and s[-1] not in "-_." and s[0] not in "-_.":
            return s


# ---- secrets by rule: (kind slug, provider, generator). Formats from the providers' documentation. ----------------
def discord_token():
    user_id = str(R.randrange(10**17, 10**18))
    first = base64.urlsafe_b64encode(user_id.encode()).decode().rstrip("=")
    return first + "." + mixed(B64URL, 6) + "." + mixed(B64URL, 38)


def jwt_token():
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    payload = base64.urlsafe_b64encode(
        json.dumps({"sub": str(R.randrange(10**9)), "name": "ci-bot", "iat": 1767225600}).encode()).decode().rstrip("=")
    return header + "." + payload + "." + mixed(B64URL, 43)


RULES = {
    "openai-project-key": ("api-key", "openai", lambda: "sk-proj-" + mixed(B64URL, 120)),
    "openai-service-account-key": ("api-key", "openai", lambda: "sk-svcacct-" + mixed(B64URL, 100)),
    "openai-admin-key": ("api-key", "openai", lambda: "sk-admin-" + mixed(B64URL, 80)),
    "openai-user-key": ("api-key", "openai", lambda: "sk-None-" + mixed(B64URL, 80)),
    "openai-legacy-key": ("api-key", "openai", lambda: "sk-" + mixed(ALNUM, 20) + "T3BlbkFJ" + mixed(ALNUM, 20)),
    "sk-style-key": ("api-key", "sk", lambda: "sk-" + mixed(ALNUM, 32)),
    "openrouter-key": ("api-key", "openrouter", lambda: "sk-or-v1-" + rand(HEX, 64)),
    "anthropic-key": ("api-key", "anthropic", lambda: "sk-ant-api03-" + mixed(B64URL, 93) + "AA"),
    "stripe-live-secret-key": ("api-key", "stripe", lambda: "sk_live_" + mixed(ALNUM, 99)),
    "stripe-test-secret-key": ("api-key", "stripe", lambda: "sk_test_" + mixed(ALNUM, 24)),
    "stripe-live-restricted-key": ("api-key", "stripe", lambda: "rk_live_" + mixed(ALNUM, 99)),
    "stripe-webhook-secret": ("api-key", "stripe", lambda: "whsec_" + mixed(ALNUM, 32)),
    "elevenlabs-key": ("api-key", "elevenlabs", lambda: "sk_" + rand(HEX, 48)),
    "github-personal-token": ("access-token", "github", lambda: "ghp_" + mixed(ALNUM, 36)),
    "github-oauth-token": ("access-token", "github", lambda: "gho_" + mixed(ALNUM, 36)),
    "github-server-token": ("access-token", "github", lambda: "ghs_" + mixed(ALNUM, 36)),
    "github-fine-grained-token": ("access-token", "github",
                                  lambda: "github_pat_" + mixed(ALNUM, 22) + "_" + mixed(ALNUM, 59)),
    "gitlab-personal-token": ("access-token", "gitlab", lambda: "glpat-" + mixed(B64URL, 20)),
    "gitlab-runner-token": ("access-token", "gitlab", lambda: "glrt-" + mixed(B64URL, 20)),
    "slack-bot-token": ("access-token", "slack",
                        lambda: "xoxb-" + rand(DIGITS, 12) + "-" + rand(DIGITS, 13) + "-" + mixed(ALNUM, 24)),
    "slack-user-token": ("access-token", "slack",
                         lambda: "xoxp-" + rand(DIGITS, 12) + "-" + rand(DIGITS, 12) + "-" + rand(DIGITS, 13) + "-" +
                         rand(HEX, 32)),
    "slack-app-token": ("access-token", "slack", lambda: "xapp-1-A" + rand(UPPER + DIGITS, 10) + "-" +
                        rand(DIGITS, 13) + "-" + rand(HEX, 64)),
    "slack-webhook": ("webhook-url", "slack",
                      lambda: "T" + rand(UPPER + DIGITS, 8) + "/B" + rand(UPPER + DIGITS, 8) + "/" + mixed(ALNUM, 24)),
    "discord-webhook": ("webhook-url", "discord", lambda: rand(DIGITS, 18) + "/" + mixed(B64URL, 68)),
    "google-api-key": ("api-key", "google", lambda: "AIza" + mixed(B64URL, 35)),
    "google-oauth-client-secret": ("api-key", "google", lambda: "GOCSPX-" + mixed(B64URL, 28)),
    "google-oauth-access-token": ("access-token", "google", lambda: "ya29." + mixed(B64URL, 120)),
    "huggingface-token": ("access-token", "huggingface", lambda: "hf_" + mixed(UPPER + LOWER, 34)),
    "npm-token": ("access-token", "npm", lambda: "npm_" + mixed(ALNUM, 36)),
    "pypi-token": ("access-token", "pypi", lambda: "pypi-AgEIcHlwaS5vcmc" + mixed(B64URL, 140)),
    "docker-hub-token": ("access-token", "docker", lambda: "dckr_pat_" + mixed(B64URL, 27)),
    "twilio-api-key": ("api-key", "twilio", lambda: "SK" + rand(HEX, 32)),
    "sendgrid-api-key": ("api-key", "sendgrid", lambda: "SG." + mixed(B64URL, 22) + "." + mixed(B64URL, 43)),
    "mailgun-api-key": ("api-key", "mailgun", lambda: "key-" + mixed(LOWER + DIGITS, 32)),
    "groq-api-key": ("api-key", "groq", lambda: "gsk_" + mixed(ALNUM, 52)),
    "xai-api-key": ("api-key", "xai", lambda: "xai-" + mixed(ALNUM, 80)),
    "perplexity-api-key": ("api-key", "perplexity", lambda: "pplx-" + mixed(ALNUM, 48)),
    "replicate-token": ("api-key", "replicate", lambda: "r8_" + mixed(ALNUM, 37)),
    "langsmith-personal-key": ("api-key", "langsmith", lambda: "lsv2_pt_" + rand(HEX, 32) + "_" + rand(HEX, 10)),
    "pinecone-api-key": ("api-key", "pinecone", lambda: "pcsk_" + mixed(B64URL, 70)),
    "tavily-api-key": ("api-key", "tavily", lambda: "tvly-" + mixed(ALNUM, 32)),
    "firecrawl-api-key": ("api-key", "firecrawl", lambda: "fc-" + rand(HEX, 32)),
    "shopify-access-token": ("access-token", "shopify", lambda: "shpat_" + rand(HEX, 32)),
    "digitalocean-token": ("access-token", "digitalocean", lambda: "dop_v1_" + rand(HEX, 64)),
    "linear-api-key": ("api-key", "linear", lambda: "lin_api_" + mixed(ALNUM, 40)),
    "notion-token": ("access-token", "notion", lambda: "ntn_" + mixed(ALNUM, 46)),
    "postman-api-key": ("api-key", "postman", lambda: "PMAK-" + rand(HEX, 24) + "-" + rand(HEX, 34)),
    "databricks-token": ("access-token", "databricks", lambda: "dapi" + rand(HEX, 32)),
    "vault-service-token": ("access-token", "vault", lambda: "hvs." + mixed(B64URL, 95)),
    "atlassian-api-token": ("api-key", "atlassian", lambda: "ATATT3" + mixed(B64URL, 180)),
    "grafana-service-account-token": ("access-token", "grafana", lambda: "glsa_" + mixed(ALNUM, 32) + "_" +
                                      rand(HEX, 8)),
    "newrelic-user-key": ("api-key", "newrelic", lambda: "NRAK-" + rand(UPPER + DIGITS, 27)),
    "sentry-user-token": ("access-token", "sentry", lambda: "sntryu_" + rand(HEX, 64)),
    "supabase-access-token": ("access-token", "supabase", lambda: "sbp_" + rand(HEX, 40)),
    "netlify-token": ("access-token", "netlify", lambda: "nfp_" + mixed(ALNUM, 36)),
    "heroku-api-key": ("api-key", "heroku", lambda: "HRKU-" + mixed(B64URL, 60)),
    "doppler-token": ("access-token", "doppler", lambda: "dp.pt." + mixed(ALNUM, 43)),
    "square-access-token": ("access-token", "square", lambda: "sq0atp-" + mixed(B64URL, 22)),
    "age-secret-key": ("private-key", "age", lambda: "AGE-SECRET-KEY-1" + rand(UPPER + DIGITS, 58)),
    "jwt": ("jwt", "", jwt_token),
    "aws-access-key-id": ("cloud-credential", "aws", lambda: "AKIA" + rand(UPPER + DIGITS, 16)),
    "aws-secret-access-key": ("cloud-credential", "aws", lambda: mixed(ALNUM + "+/", 40)),
    "azure-ad-client-secret": ("cloud-credential", "azure", lambda: mixed(ALNUM, 3) + R.choice(DIGITS) + "Q~" +
                               mixed(ALNUM + "_~.-", 34)),
    "azure-storage-account-key": ("cloud-credential", "azure", lambda: mixed(ALNUM + "+/", 86) + "=="),
    "gcp-private-key-id": ("cloud-credential", "gcp", lambda: rand(HEX, 40)),
    "telegram-bot-token": ("access-token", "telegram", lambda: str(R.randrange(10**8, 10**9)) + ":AA" +
                           mixed(B64URL, 33)),
    "discord-bot-token": ("access-token", "discord", discord_token),
    "bearer-token": ("bearer-token", "", lambda: mixed(ALNUM, 40)),
    "env-secret-value": ("env-value", "", lambda: mixed(ALNUM, 14)),
    "password-field": ("secret-field", "password", lambda: mixed(ALNUM + "!@#%^", 14)),
    "secret-field": ("secret-field", "secret", lambda: mixed(ALNUM, 32)),
    "token-field": ("secret-field", "token", lambda: rand(HEX, 40)),
    "key-field": ("secret-field", "key", lambda: rand(HEX, 32)),
    "url-password-postgres": ("connection-string", "postgres", lambda: mixed(ALNUM, 16)),
    "url-password-mongodb": ("connection-string", "mongodb", lambda: mixed(ALNUM, 16)),
    "url-password-redis": ("connection-string", "redis", lambda: mixed(ALNUM, 16)),
    "url-password-amqp": ("connection-string", "amqp", lambda: mixed(ALNUM, 16)),
    "url-password-mysql": ("connection-string", "mysql", lambda: mixed(ALNUM, 16)),
    "aws-session-token": ("cloud-credential", "aws", lambda: mixed(ALNUM + "+/", 356)),
    "azure-sas-signature": ("cloud-credential", "azure", lambda: mixed(ALNUM, 30) + "%2B" + mixed(ALNUM, 10) + "%3D"),
}


def pem_body(n_bytes):
    body = base64.b64encode(bytes(R.randrange(256) for _ in range(n_bytes))).decode()
    return "\n".join(body[i:i + 64] for i in range(0, len(body), 64))


class Secret:
    """A secret to plant: `text` is what goes into the log, `value` what the scanner compares (value_base64)."""

    def __init__(self, rule, text=None, value=None, kind=None, provider=None, escaped=False):
        k, p, make = RULES.get(rule, (kind, provider, None))
        self.rule, self.kind, self.provider = rule, kind or k, provider if provider is not None else p
        self.text = text if text is not None else make()
        self.value = value if value is not None else self.text
        self.escaped = escaped  # `text` is already as the log spells it: inserted without escaping

    @property
    def label(self):
        return self.kind + (" " + self.provider if self.provider else "")


def private_key(label, rule, provider, n_bytes=1190):
    body = pem_body(n_bytes)
    text = "-----BEGIN %s-----\n%s\n-----END %s-----" % (label, body, label)
    return Secret(rule, text=text, value=body.replace("\n", ""), kind="private-key", provider=provider)


def basic_auth(user, password):
    credential = user + ":" + password
    return Secret("basic-auth", text=base64.b64encode(credential.encode()).decode(), value=credential,
                  kind="basic-auth", provider="")


class Raw:
    """Text inserted as is (JSON structure around a planted string), not escaped."""

    def __init__(self, text):
        self.text = text


class Base64Payload:
    """A base64 string whose decoded text holds secrets (OTLP bytesValue, a Claude document block)."""

    def __init__(self, parts):
        self.parts = parts


def escape(text, levels):
    for _ in range(levels):
        text = json.dumps(text, ensure_ascii=False)[1:-1]
    return text


def render(parts, levels):
    """The parts as one string escaped `levels` times (JSON escaping is per character, so pieces concatenate), and
    each secret's (secret, start, end, encoding, decoded range) within it."""
    out, spans = "", []
    for part in parts:
        if isinstance(part, Raw):
            out += part.text
        elif isinstance(part, Secret):
            piece = part.text if part.escaped else escape(part.text, levels)
            spans.append((part, len(out), len(out) + len(piece), "plain", 0, 0))
            out += piece
        elif isinstance(part, Base64Payload):
            decoded, inner = "", []
            for p in part.parts:
                if isinstance(p, Secret):
                    inner.append((p, len(decoded.encode()), len((decoded + p.text).encode())))
                    decoded += p.text
                else:
                    decoded += p
            raw = decoded.encode()
            encoded = base64.b64encode(raw).decode()
            for secret, a, b in inner:
                quad_a, quad_b = a // 3 * 3, min(len(raw), (b + 2) // 3 * 3)
                start = quad_a // 3 * 4
                end = len(encoded) if quad_b == len(raw) else quad_b // 3 * 4
                spans.append((secret, len(out) + start, len(out) + end, "base64", a - quad_a, b - quad_a))
            out += encoded
        else:
            piece = escape(part, levels)
            out += piece
    return out, spans


class PlantedFile:
    def __init__(self, source, target, text=None):
        self.target = target
        if text is None:
            with open(os.path.join(DATA, source), encoding="utf-8", newline="") as f:
                text = f.read()
        self.text = text
        self.spans = []  # (secret, start char, end char, encoding, decoded_begin, decoded_end)

    @staticmethod
    def new(target, text):
        """A file written here from scratch (a file an agent read, found next to the logs)."""
        return PlantedFile(None, target, text)

    def first_line_only(self):
        self.text = self.text[:self.text.index("\n") + 1]
        return self

    def plant(self, anchor, parts, levels=1, occurrence=0):
        """Inserts the parts right after the `occurrence`-th appearance of `anchor`."""
        at = -1
        for _ in range(occurrence + 1):
            at = self.text.index(anchor, at + 1)
        at += len(anchor)
        rendered, spans = render(parts, levels)
        self.text = self.text[:at] + rendered + self.text[at:]
        moved = []
        for s in self.spans:
            shift = len(rendered) if s[1] >= at else 0
            moved.append((s[0], s[1] + shift, s[2] + shift) + s[3:])
        self.spans = moved + [(s[0], s[1] + at, s[2] + at) + s[3:] for s in spans]
        return self

    def append(self, parts, levels=0):
        rendered, spans = render(parts, levels)
        at = len(self.text)
        self.text += rendered
        self.spans += [(sp[0], sp[1] + at, sp[2] + at) + sp[3:] for sp in spans]
        return self

    def write(self, rows):
        path = os.path.join(OUT, self.target)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = self.text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        for secret, start, end, encoding, da, db in sorted(self.spans, key=lambda s: s[1]):
            begin, stop = len(self.text[:start].encode()), len(self.text[:end].encode())
            rows.append((self.target, begin, stop, secret.rule, secret.kind, secret.label, encoding, da, db,
                         base64.b64encode(secret.value.encode()).decode()))


def S(rule, **kw):
    return Secret(rule, **kw)


def env_file(entries):
    """Lines NAME=value of an .env file; entries are (name, Secret or str)."""
    parts = []
    for name, value in entries:
        parts += [name + "=", value, "\n"]
    return parts


def main():
    rows = []
    files = []

    # AgentEye: a user pastes an .env file into the prompt; a tool result prints a key block and a webhook.
    f = PlantedFile("agenteye/interleaved.jsonl", "agenteye/interleaved.jsonl")
    f.plant('"content":"Fix it', ["\n\nHere is my .env:\n"] + env_file([
        ("OPENAI_API_KEY", S("openai-project-key")),
        ("DB_PASSWORD", S("env-secret-value")),
        ("JWT_SECRET", S("env-secret-value")),
        ("STRIPE_KEY", S("stripe-live-secret-key")),
    ]) + ["DATABASE_URL=postgres://app:", S("url-password-postgres"), "@db.internal:5432/app\n"])
    f.plant('"output":"1 failed', ["\n$ cat deploy/id_rsa\n", private_key("RSA PRIVATE KEY", "private-key-rsa", "rsa"),
                                   "\nnotify: https://hooks.slack.com/services/", S("slack-webhook"), "\n"])
    files.append(f)

    # Claude Code: a Bash call with a bearer token and a PGPASSWORD assignment, a Read result with line numbers
    # (written twice, in message.content and toolUseResult, as Claude Code does), a JWT in the assistant's text,
    # and a text document attached as base64.
    f = PlantedFile("claude-code/short.jsonl", "claude-code/short.jsonl")
    bearer = S("bearer-token")
    f.plant('"command":"mix phx.server 2>&1 | head -80', [
        " && curl -s -H 'Authorization: Bearer ", bearer, "' https://api.internal.test/v1/me && PGPASSWORD=",
        S("password-field"), " psql -h db -U app"])
    read_result = ["\n     1\u2192# deploy settings\n     2\u2192ANTHROPIC_API_KEY=", S("anthropic-key"),
                   "\n     3\u2192GITHUB_TOKEN=", S("github-personal-token"),
                   "\n     4\u2192MONGO_URL=mongodb+srv://svc:", S("url-password-mongodb"),
                   "@cluster0.abcde.mongodb.net/prod\n     5\u2192HF_TOKEN=", S("huggingface-token"), "\n"]
    f.plant('STOP what you are doing and wait for the user to tell you how to proceed.', read_result)
    f.plant('"toolUseResult":"User rejected tool use', read_result)  # the same secrets again: same placeholders
    f.plant('"content":[{"type":"tool_result","content":"', [
        Raw(""), "Session cookie: ", S("jwt"), " (expires tomorrow) "], occurrence=1)
    f.plant('"message":{"role":"user","content":[', [
        Raw('{"type":"document","source":{"type":"base64","media_type":"text/plain","data":"'),
        Base64Payload(["# .env.production\nSENDGRID_API_KEY=", S("sendgrid-api-key"), "\nCACHE=on\nTWILIO_KEY_SID=",
                       S("twilio-api-key"), "\nREGION=eu-west-1\n"]),
        Raw('"}},')], occurrence=2)
    files.append(f)

    # Claude Code hook log: an exported token in a command, JSON inside a JSON string (a hook's stdout) holding an
    # API key and a password with an escaped quote, AWS credentials in stderr.
    f = PlantedFile("hooks/hand-written/claude-hook-log.jsonl", "hooks/claude-hook-log.jsonl")
    f.plant('"command":"rm -rf build', ["; export GH_TOKEN=", S("github-fine-grained-token")])
    f.plant('"stdout":"{', [Raw('\\"apiKey\\":\\"'), S("key-field"), Raw('\\",\\"password\\":\\"'),
                            S("password-field", text='Sup3r"Secret!x9'), Raw('\\",')], levels=2)
    # Fields named like secrets, and URLs from a JSON writer that escapes '/' (PHP's json_encode).
    webhook = RULES["slack-webhook"][2]()
    f.plant('"tool_input":{"file_path":"/home/u/project/README.md"', [
        Raw(',"client_secret":"'), S("secret-field"), Raw('","access_token":"'), S("token-field"),
        Raw('","callback":"https:\\/\\/hooks.slack.com\\/services\\/'),
        S("slack-webhook", text=webhook.replace("/", "\\/"), value=webhook, escaped=True),
        Raw('","db":"postgres:\\/\\/app:'), S("url-password-postgres"), Raw('@db\\/app"')])
    f.plant('"stderr":"sudo commands are blocked', [
        "\n[default]\naws_access_key_id = ", S("aws-access-key-id"), "\naws_secret_access_key = ",
        S("aws-secret-access-key"), "\n"])
    files.append(f)

    # OTLP/JSON: attributes with a password (the name in "key", the value in "stringValue"), an authorization
    # header, a config file as bytesValue (base64) and a prompt (JSON inside a JSON string) with a token.
    f = PlantedFile("otlp/genai_semconv.jsonl", "otlp/genai_semconv.jsonl")
    f.plant('{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}}', [
        Raw(',{"key":"db.password","value":{"stringValue":"'), S("password-field"), Raw('"}}'),
        Raw(',{"key":"http.request.header.authorization","value":{"stringValue":"Bearer '), S("openai-legacy-key"),
        Raw('"}}'),
        Raw(',{"key":"app.config","value":{"bytesValue":"'),
        Base64Payload(["[service]\nname = travel\n[auth]\nslack = ", S("slack-bot-token"),
                       "\nlinear = ", S("linear-api-key"), "\n"]), Raw('"}}')], occurrence=0)
    f.plant('"stringValue":"[{\\"', [Raw('role\\":\\"user\\",\\"note\\":\\"use '), S("gitlab-personal-token"),
                                      Raw(' for the mirror\\",\\"')], levels=2, occurrence=0)
    files.append(f)

    f = PlantedFile("otlp/trace.json", "otlp/trace.json")
    f.plant('"stringValue": "some value', [" (connected with amqp://worker:", S("url-password-amqp"),
                                           "@mq.internal:5672/jobs)"])
    files.append(f)

    # SWE-agent (pretty-printed JSON): a credentials file and an OpenSSH key in an observation, a git remote with a
    # token as password in an action, and a tool call's arguments (JSON inside a JSON string).
    f = PlantedFile("swe-agent/marshmallow-code__marshmallow-1867.traj", "swe-agent/marshmallow-code__marshmallow-1867.traj")
    f.plant('"observation": "344', [
        "\n$ cat ~/.aws/credentials\n[default]\naws_access_key_id=", S("aws-access-key-id"),
        "\naws_secret_access_key=", S("aws-secret-access-key"), "\n$ cat ~/.ssh/id_ed25519\n",
        private_key("OPENSSH PRIVATE KEY", "private-key-openssh", "openssh", 400), "\n"])
    f.plant('"action": "python reproduce.py', [" && git remote add origin https://x-access-token:",
                                               S("github-server-token"), "@github.com/acme/api.git"])
    f.plant('"arguments": "{\\"filename\\":\\"reproduce.py\\"', [
        Raw(',\\"db_password\\":\\"'), S("password-field"), Raw('\\"')], levels=1, occurrence=0)
    files.append(f)

    # OpenHands: an environment dump in a command's output, one assignment per provider.
    f = PlantedFile("openhands/resolver_mock/output.jsonl", "openhands/output.jsonl").first_line_only()
    dump = ["\n$ printenv | sort\n"] + env_file([
        ("AZURE_CLIENT_SECRET", S("azure-ad-client-secret")),
        ("AZURE_STORAGE_CONNECTION_STRING", ""),
    ])
    dump[-2:] = ["DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=", S("azure-storage-account-key"),
                 ";EndpointSuffix=core.windows.net\n"]
    dump += env_file([
        ("DISCORD_BOT_TOKEN", S("discord-bot-token")),
        ("DOCKER_TOKEN", S("docker-hub-token")),
        ("GOOGLE_API_KEY", S("google-api-key")),
        ("GROQ_API_KEY", S("groq-api-key")),
        ("NPM_TOKEN", S("npm-token")),
        ("OPENROUTER_API_KEY", S("openrouter-key")),
        ("PYPI_TOKEN", S("pypi-token")),
        ("SLACK_APP_TOKEN", S("slack-app-token")),
        ("TELEGRAM_BOT_TOKEN", S("telegram-bot-token")),
        ("XAI_API_KEY", S("xai-api-key")),
        ("AWS_SESSION_TOKEN", S("aws-session-token")),
    ]) + ["BLOB_URL=https://acme.blob.core.windows.net/backups?sv=2022-11-02&sp=rl&se=2026-12-31T00:00:00Z&sig=",
          S("azure-sas-signature"), "\n",
          "REDIS_URL=redis://:", S("url-password-redis"), "@cache:6379/0\n",
          "MYSQL_URL=mysql://shop:", S("url-password-mysql"), "@10.0.0.7/shop\n"]
    f.plant('"content":"MIT License\\r\\n', dump)
    f.plant('"command":"touch LICENSE', [" && curl -u deploy:x https://ci.internal.test -H 'Authorization: Basic ",
                                         basic_auth("deploy", "Corr3ct-Horse-9"), "'"], occurrence=0)
    files.append(f)

    # A credentials file found in a run's directory (no reader knows it: kept as is, scanned all the same), one key
    # per line in the form people keep them, and a GCP service-account key as the console downloads it.
    more = ["openai-service-account-key", "openai-admin-key", "openai-user-key", "sk-style-key",
            "stripe-test-secret-key", "stripe-live-restricted-key", "stripe-webhook-secret", "elevenlabs-key",
            "github-oauth-token", "gitlab-runner-token", "slack-user-token", "google-oauth-client-secret",
            "google-oauth-access-token", "mailgun-api-key", "perplexity-api-key", "replicate-token",
            "langsmith-personal-key", "pinecone-api-key", "tavily-api-key", "firecrawl-api-key",
            "shopify-access-token", "digitalocean-token", "notion-token", "postman-api-key", "databricks-token",
            "vault-service-token", "atlassian-api-token", "grafana-service-account-token", "newrelic-user-key",
            "sentry-user-token", "supabase-access-token", "netlify-token", "heroku-api-key", "doppler-token",
            "square-access-token", "age-secret-key"]
    creds = PlantedFile.new("claude-code/project/credentials.txt", "# keys for the staging stack (rotate monthly)\n")
    for rule in more:
        creds.append([rule.split("-")[0] + ": ", S(rule), "\n"])
    creds.append(["discord hook: https://discord.com/api/webhooks/", S("discord-webhook"), "\n"])
    files.append(creds)

    sa = PlantedFile.new("claude-code/project/service-account.json",
                         '{\n  "type": "service_account",\n  "project_id": "acme-staging",\n  "private_key_id": "')
    sa.append([S("gcp-private-key-id"), Raw('",\n  "private_key": "'),
               private_key("PRIVATE KEY", "private-key-gcp-service-account", "gcp-service-account"),
               Raw('\\n",\n  "client_email": "ci@acme-staging.iam.gserviceaccount.com",\n  "client_id": "1"\n}\n')],
              levels=1)
    files.append(sa)

    for planted in files:
        planted.write(rows)
    rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(HERE, "expected.tsv"), "w", encoding="utf-8") as out:
        out.write("# file\tbegin\tend\trule\tkind\tlabel\tencoding\tdecoded_begin\tdecoded_end\tvalue_base64\n")
        for row in rows:
            out.write("\t".join(str(x) for x in row) + "\n")
    planted_rules = {r[3] for r in rows}
    print("%d secrets planted in %d files, %d rules" % (len(rows), len(files), len(planted_rules)), file=sys.stderr)


if __name__ == "__main__":
    main()
