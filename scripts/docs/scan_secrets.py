"""Scans docs/ and platform/ for credential-like literals with detect-secrets (Yelp), every plugin
on its default settings, and fails on any finding that is not one of the allowed shapes below.

    .tools/guide-venv/bin/python scripts/docs/scan_secrets.py [paths...]

Allowed, because they are not credentials (each finding is printed with the rule that allowed it):
  reference    the line names a Kubernetes Secret or one of its keys (secretName, secretKeyRef,
               secretRef, --from-literal=KEY="$VAR") instead of holding a value;
  placeholder  the value is a template or variable expansion: $(VAR), ${VAR}, ${env:VAR}, {{ ... }},
               "$VAR", %s, or <something> written in angle brackets;
  redacted     realtime-kit's redaction marker "<redacted: N bytes>";
  shape        the value is the word naming the field, as in postgresql://user:password@host/db;
  template     the line is a Go template action ({{ ... }}) and the value holds no run of 16 or
               more letters and digits (template code such as `append $passwd`, not a key);
  code         the value spans lines: detect-secrets read a YAML block scalar (a definition's CUE
               template, as the generated KubeVela addon files hold it), which no credential is.
Everything else fails, printed as file:line: type (never the value itself).

detect-secrets' keyword plugin does not read `password: value` in every file type (markdown, for
one), so a second rule runs on every line of every file: a credential-named key (password, passwd,
secret, token, api key, access key, private key) assigned a literal of 8 or more characters with a
letter and a digit fails, unless one of the allowed shapes above applies.
"""
import os
import re
import sys

from detect_secrets import SecretsCollection
from detect_secrets.settings import default_settings

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_PATHS = ["docs", "platform"]
SKIP_EXT = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".svg"}

REFERENCE_LINE = re.compile(
    r"secretName\s*:|secretKeyRef|secretRef|--from-literal=[A-Z_]+=\"?\$|\bkind:\s*Secret\b"
)
PLACEHOLDER = re.compile(
    r"^(\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{(env:)?[A-Za-z_][A-Za-z0-9_]*\}|\{\{.*\}\}|\"?\$[A-Za-z_][A-Za-z0-9_]*\"?|%s|<[^<>]+>)$"
)
TEMPLATE_INSIDE = re.compile(r"\{\{|\}\}|\$\(|\$\{|%s")
REDACTED = re.compile(r"^<redacted: \d+ bytes>$")
SHAPE_WORDS = {"password", "passwd", "pass", "secret", "token", "key", "apikey", "api_key"}
TEMPLATE_LINE = re.compile(r"\{\{.*\}\}")
RANDOM_RUN = re.compile(r"[A-Za-z0-9+/=_-]{16,}")


ASSIGNMENT = re.compile(
    r"(?i)\b[\w.-]*(password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[\w.-]*"
    r"[\"']?\s*[:=]\s*[\"']?([^\s\"'`,;)}]{8,})"
)


def assignments(path):
    """(line number, value, line) of credential-named keys assigned a literal, per line."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return
    for n, line in enumerate(lines, 1):
        for m in ASSIGNMENT.finditer(line):
            value = m.group(2)
            if re.search(r"[A-Za-z]", value) and re.search(r"[0-9]", value):
                yield n, value, line


def files(paths):
    for base in paths:
        top = os.path.join(REPO, base)
        if os.path.isfile(top):
            yield top
            continue
        for root, dirs, names in os.walk(top):
            dirs[:] = [d for d in dirs if d not in ("node_modules", "__pycache__", ".git")]
            for name in sorted(names):
                if os.path.splitext(name)[1].lower() not in SKIP_EXT:
                    yield os.path.join(root, name)


def allowed(value, line):
    if value is not None:
        v = value.strip().strip("'\"")
        if REDACTED.match(v):
            return "redacted"
        if "\n" in v:
            return "code"
        if PLACEHOLDER.match(v) or PLACEHOLDER.match(value.strip()):
            return "placeholder"
        if TEMPLATE_INSIDE.search(v):
            return "placeholder"
        if v.lower() in SHAPE_WORDS:
            return "shape"
        if TEMPLATE_LINE.search(line) and not RANDOM_RUN.search(v):
            return "template"
    if REFERENCE_LINE.search(line):
        return "reference"
    return None


def main(argv):
    paths = argv or DEFAULT_PATHS
    collection = SecretsCollection()
    scanned = list(files(paths))
    with default_settings():
        for f in scanned:
            collection.scan_file(f)
    failures = 0
    allowed_count = 0
    for filename, secret in collection:
        rel = os.path.relpath(filename, REPO)
        try:
            with open(filename, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
            line = lines[secret.line_number - 1]
        except (OSError, IndexError):
            lines, line = [], ""
        rule = allowed(secret.secret_value, line)
        # Inside a YAML block scalar detect-secrets reports the block's first line: judge the
        # line of the block that holds the value.
        if not rule and line.rstrip().endswith("|") and secret.secret_value:
            later = lines[secret.line_number :]
            unquoted = lambda l: l.replace('"', "").replace("'", "")  # noqa: E731
            value = unquoted(secret.secret_value.strip())
            holders = [l for l in later if value in unquoted(l)]
            rule = next(filter(None, (allowed(secret.secret_value, l) for l in holders)), None)
        if rule:
            allowed_count += 1
            print(f"allowed ({rule}): {rel}:{secret.line_number}: {secret.type}")
        else:
            failures += 1
            print(f"CREDENTIAL-LIKE LITERAL: {rel}:{secret.line_number}: {secret.type}")
    for f in scanned:
        for n, value, line in assignments(f):
            rel = os.path.relpath(f, REPO)
            rule = allowed(value, line)
            if rule:
                allowed_count += 1
                print(f"allowed ({rule}): {rel}:{n}: credential-named assignment")
            else:
                failures += 1
                print(f"CREDENTIAL-LIKE LITERAL: {rel}:{n}: credential-named assignment")
    print(
        f"detect-secrets + assignment rule: {len(scanned)} files under {', '.join(paths)}; "
        f"{allowed_count} findings allowed by the rules, {failures} failing"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
