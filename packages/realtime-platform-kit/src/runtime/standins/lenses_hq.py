"""Stand-in for Lenses HQ 6.1 (lensting/lenses-hq): the local runtime runs it in place of the image.
It is not Lenses HQ. It reads config.yaml, refuses it and the database the way HQ's documentation
says HQ does, and listens where the file says. Each behaviour names the page it follows:

  [hq]    https://docs.lenses.io/latest/devx/6.1/deployment/configuration/hq.md (6.1 reference)
  [hq63]  https://docs.lenses.io/latest/deployment/configuration/hq.md (newest page)
  [ref]   https://docs.lenses.io/latest/deployment/configuration/hq/configuration-reference
  [docker] https://docs.lenses.io/latest/devx/6.1/deployment/installation/docker/hq
  [pwd]   https://docs.lenses.io/latest/devx/6.1/deployment/configuration/authentication/pwd-based-authentication.md
  [chart] github.com/lensesio/lenses-helm-charts charts/lenses-hq (templates/_helper.tpl, deployment.yaml)

The agents port speaks the stand-in's own line protocol, not HQ's (HQ's agent protocol is not
public): the agent sends `AGENT_KEY <key>`, HQ answers `OK` or `DENIED`, then each further line is
a JSON object describing what the agent is connected to (the latest one is kept).

Also home of the minimal YAML reader both Lenses stand-ins use (the snippets venv has no PyYAML).
"""

import json
import os
import re
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# ---------------------------------------------------------------- minimal YAML (block subset)


class YamlError(ValueError):
    pass


def parse_yaml(text):
    """Block mappings and sequences, plain/quoted scalars, `[a, b]` flow lists and comments: the
    subset the Composition writes. Anything else (anchors, tags, multi-line scalars) is refused."""
    lines = []
    for n, raw in enumerate(text.splitlines(), 1):
        body = raw.rstrip()
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        stripped = body.lstrip(" ")
        if stripped.startswith("\t") or "\t" in body[: len(body) - len(stripped)]:
            raise YamlError("line %d: tab in indentation" % n)
        if stripped in ("---", "...") or stripped[0] in "&*!|>%@`":
            raise YamlError("line %d: unsupported YAML: %s" % (n, stripped))
        lines.append([len(body) - len(stripped), stripped, n])
    if not lines:
        return {}
    value, i = _block(lines, 0, lines[0][0])
    if i < len(lines):
        raise YamlError("line %d: unexpected indentation" % lines[i][2])
    return value


def _is_item(s):
    return s == "-" or s.startswith("- ")


def _split_key(s, n):
    m = re.match(r"""^("[^"]*"|'[^']*'|[^\s#'"][^#]*?)\s*:(\s+|$)(.*)$""", s)
    if not m:
        raise YamlError("line %d: expected `key: value`: %s" % (n, s))
    key = m.group(1)
    if key[0] in "\"'":
        key = key[1:-1]
    return key, m.group(3)


def _block(lines, i, indent):
    if _is_item(lines[i][1]):
        return _sequence(lines, i, indent)
    return _mapping(lines, i, indent)


def _mapping(lines, i, indent):
    out = {}
    while i < len(lines) and lines[i][0] == indent and not _is_item(lines[i][1]):
        _, text, n = lines[i]
        key, rest = _split_key(text, n)
        if key in out:
            raise YamlError("line %d: duplicate key %s" % (n, key))
        i += 1
        if rest.strip() and not rest.lstrip().startswith("#"):
            out[key] = _scalar(rest, n)
        elif i < len(lines) and lines[i][0] > indent:
            out[key], i = _block(lines, i, lines[i][0])
        elif i < len(lines) and lines[i][0] == indent and _is_item(lines[i][1]):
            out[key], i = _sequence(lines, i, indent)
        else:
            out[key] = None
    if i < len(lines) and lines[i][0] > indent:
        raise YamlError("line %d: unexpected indentation" % lines[i][2])
    return out, i


def _sequence(lines, i, indent):
    out = []
    while i < len(lines) and lines[i][0] == indent and _is_item(lines[i][1]):
        _, text, n = lines[i]
        rest = text[1:]
        body = rest.lstrip(" ")
        if not body:
            i += 1
            if i < len(lines) and lines[i][0] > indent:
                value, i = _block(lines, i, lines[i][0])
            else:
                value = None
        elif _is_item(body) or re.match(r"""^("[^"]*"|'[^']*'|[^\s#'"\[{][^#]*?)\s*:(\s|$)""", body):
            # `- key: v` opens a mapping (or `- - x` a sequence) at the item's content column.
            lines[i] = [indent + 1 + len(rest) - len(body), body, n]
            value, i = _block(lines, i, lines[i][0])
        else:
            value, i = _scalar(body, n), i + 1
        out.append(value)
    return out, i


def _scalar(s, n):
    s = s.strip()
    if s[0] == '"':
        m = re.match(r'^"((?:[^"\\]|\\.)*)"\s*(#.*)?$', s)
        if not m:
            raise YamlError("line %d: unterminated string" % n)
        return json.loads('"%s"' % m.group(1))
    if s[0] == "'":
        m = re.match(r"^'((?:[^']|'')*)'\s*(#.*)?$", s)
        if not m:
            raise YamlError("line %d: unterminated string" % n)
        return m.group(1).replace("''", "'")
    s = re.sub(r"\s+#.*$", "", s)
    if s[0] == "[":
        if not s.endswith("]"):
            raise YamlError("line %d: unterminated flow sequence" % n)
        inner = s[1:-1].strip()
        return [_scalar(x, n) for x in inner.split(",")] if inner else []
    if s == "{}":
        return {}
    if s[0] in "{&*!|>%@`":
        raise YamlError("line %d: unsupported YAML: %s" % (n, s))
    if s in ("true", "True", "TRUE"):
        return True
    if s in ("false", "False", "FALSE"):
        return False
    if s in ("null", "Null", "NULL", "~"):
        return None
    if re.fullmatch(r"[-+]?[0-9]+", s):
        return int(s)
    return s


def substitute(value, pattern, warn):
    """Replace `pattern` references in every string value; unset variables stay as written."""

    def one(m):
        name = m.group(1)
        if name in os.environ:
            return os.environ[name]
        warn(m.group(0))
        return m.group(0)

    if isinstance(value, dict):
        return {k: substitute(v, pattern, warn) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, pattern, warn) for v in value]
    if isinstance(value, str):
        return pattern.sub(one, value)
    return value


# ---------------------------------------------------------------- HQ

# [hq63] example: `password: $(HQ_DB_PASSWORD)  # Read from an environment variable.`; [chart] writes
# $(LENSESHQ_PG_PASSWORD), $(LENSESHQ_LICENSE), $(LENSESHQ_HTTP_TLS_KEY)... into the ConfigMap file,
# which Kubernetes never expands: HQ does. Multi-line values (TLS keys, SAML metadata) are
# referenced unquoted there, so HQ substitutes into parsed values, not into the text.
HQ_REF = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")
BCRYPT = re.compile(r"^\$2[abxy]?\$[0-9]{2}\$[./A-Za-z0-9]{53}$")


def fail(msg):
    sys.stderr.write("lenses-hq stand-in: %s\n" % msg)
    sys.exit(1)


def get(cfg, path, kind=None, required=True):
    cur = cfg
    for part in path.split("."):
        if not isinstance(cur, dict) or cur.get(part) is None:
            if required:
                fail("config.yaml: missing required key %s" % path)
            return None
        cur = cur[part]
    if kind is not None and not isinstance(cur, kind):
        fail("config.yaml: %s must be a %s" % (path, {str: "string", bool: "boolean", dict: "mapping", list: "list"}[kind]))
    return cur


def validate(cfg):
    """[hq] every top-level group is required; [ref] database.host, database.database and
    license.key are required and license.acceptEULA must be true; [hq] http.address required;
    [chart] agents.address and metrics.prometheusAddress are always written. Unknown keys are
    ignored [ref]."""
    if not isinstance(cfg, dict):
        fail("config.yaml: not a mapping")
    for group in ("http", "agents", "database", "logger", "metrics", "license", "auth"):
        get(cfg, group, dict)
    for path in ("http.address", "agents.address", "metrics.prometheusAddress", "database.host",
                 "database.database", "license.key"):
        if not get(cfg, path, str).strip():
            fail("config.yaml: %s is empty" % path)
    # [hq63] `key: license_key_...`; HQ does not start without a license key.
    if not cfg["license"]["key"].startswith("license_key_"):
        fail("config.yaml: license.key is not a Lenses license key (license_key_...)")
    if get(cfg, "license.acceptEULA", bool, required=False) is not True:
        fail("config.yaml: license.acceptEULA must be true: HQ does not start unless you accept the Lenses EULA")
    for path in ("database.username", "database.password", "database.schema"):
        get(cfg, path, str, required=False)
    get(cfg, "database.params", dict, required=False)
    get(cfg, "database.TLS", bool, required=False)
    mode = get(cfg, "logger.mode", str, required=False)
    if mode not in (None, "text", "json"):
        fail("config.yaml: logger.mode must be text or json")
    admins = get(cfg, "auth.administrators", list, required=False) or []
    if not all(isinstance(a, str) for a in admins):
        fail("config.yaml: auth.administrators must be a list of names")
    for k, u in enumerate(get(cfg, "auth.users", list, required=False) or []):
        if not isinstance(u, dict) or not isinstance(u.get("username"), str):
            fail("config.yaml: missing required key auth.users[%d].username" % k)
        if not isinstance(u.get("password"), str):
            fail("config.yaml: missing required key auth.users[%d].password" % k)
        if not BCRYPT.match(u["password"]):  # [pwd] "Passwords need to [be] bcrypt hashes."
            fail("config.yaml: auth.users[%d].password is not a bcrypt hash" % k)


def address(value, path):
    """Go listen addresses: `:8080` is every interface, `host:port` one [ref HTTPConfig: address]."""
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit():
        fail("config.yaml: %s must be host:port or :port, not %s" % (path, value))
    return (host.strip("[]") or "0.0.0.0", int(port))


def connect_db(db):
    """DatabaseConfig: host is host:port; TLS false is sslmode=disable, true verify-full; params are
    libpq keywords and take precedence; schema is where HQ keeps its tables [chart values.yaml]."""
    import psycopg

    host, _, port = db["host"].rpartition(":") if ":" in db["host"] else (db["host"], "", "5432")
    kw = {
        "host": host,
        "port": int(port or 5432),
        "dbname": db["database"],
        "user": db.get("username") or None,
        "password": db.get("password") or None,
        "sslmode": "verify-full" if db.get("TLS") else "disable",
        "connect_timeout": 10,
        "autocommit": True,
    }
    if db.get("schema"):
        kw["options"] = "-c search_path=%s" % db["schema"]
    kw.update({k: str(v) for k, v in (db.get("params") or {}).items()})
    try:
        conn = psycopg.connect(**kw)
        # HQ migrates its schema at start; a role that cannot create tables fails here as HQ does.
        conn.execute(
            "CREATE TABLE IF NOT EXISTS standin_lenses_hq_agents (name text PRIMARY KEY, info jsonb, seen timestamptz)"
        )
        return conn
    except psycopg.Error as e:
        fail("cannot use the database %s@%s/%s: %s" % (kw["user"], db["host"], db["database"], str(e).strip().splitlines()[0]))


class State:
    lock = threading.Lock()
    agents = {}  # connection id -> latest description
    accepted = 0
    denied = 0
    db = None
    cfg = None


def db_ok():
    try:
        with State.lock:
            State.db.execute("SELECT 1")
        return True
    except Exception:
        return False


class AgentHandler(socketserver.StreamRequestHandler):
    """Stand-in protocol (see module docstring)."""

    def handle(self):
        line = self.rfile.readline(4096).decode("utf-8", "replace").strip()
        key = line[len("AGENT_KEY "):] if line.startswith("AGENT_KEY ") else ""
        # The real HQ checks the key against the environment it issued it for; the stand-in has
        # no environments, so it refuses only what cannot be a key: nothing, or an unexpanded
        # ${...}/$(...) reference that reached the agent unsubstituted.
        if not key or re.search(r"\s|\$\{|\$\(", key):
            with State.lock:
                State.denied += 1
            sys.stderr.write("agents: DENIED %s (key %r)\n" % (self.client_address[0], key[:24]))
            self.wfile.write(b"DENIED\n")
            return
        self.wfile.write(b"OK\n")
        cid = "%s:%d" % self.client_address
        with State.lock:
            State.accepted += 1
            State.agents[cid] = {"name": None, "address": cid}
        sys.stderr.write("agents: OK %s\n" % cid)
        try:
            for raw in self.rfile:
                try:
                    info = json.loads(raw)
                except ValueError:
                    continue
                if not isinstance(info, dict):
                    continue
                info["address"] = cid
                with State.lock:
                    State.agents[cid] = info
                    State.db.execute(
                        "INSERT INTO standin_lenses_hq_agents VALUES (%s, %s, now()) ON CONFLICT (name) "
                        "DO UPDATE SET info = EXCLUDED.info, seen = now()",
                        (str(info.get("name")), json.dumps(info)),
                    )
        except (OSError, ValueError):
            pass
        finally:
            with State.lock:
                State.agents.pop(cid, None)
            sys.stderr.write("agents: %s disconnected\n" % cid)


class AgentServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class HttpHandler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, ctype="application/json"):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/":  # [chart] livenessProbe: httpGet / on the http port
            return self.send(200, "Lenses HQ (stand-in)\n", "text/plain")
        if path == "/standin/state":
            with State.lock:
                agents = [dict(a) for a in State.agents.values()]
            auth = State.cfg.get("auth") or {}
            return self.send(200, {
                "database": "connected" if db_ok() else "disconnected",
                "agents": agents,
                "admin_users": auth.get("administrators") or [],
                "users": [u["username"] for u in auth.get("users") or []],
            })
        self.send(404, {"error": "not found"})


class MetricsHandler(HttpHandler):
    def do_GET(self):
        if self.path.split("?")[0] != "/metrics":
            return self.send(404, "404 page not found\n", "text/plain")
        with State.lock:
            n, ok, no = len(State.agents), State.accepted, State.denied
        text = (
            "# HELP lenses_hq_up Whether the HQ stand-in is running.\n# TYPE lenses_hq_up gauge\nlenses_hq_up 1\n"
            "# HELP lenses_hq_database_connected Whether the database answers.\n# TYPE lenses_hq_database_connected gauge\n"
            "lenses_hq_database_connected %d\n"
            "# HELP lenses_hq_agents_connected Agents connected now.\n# TYPE lenses_hq_agents_connected gauge\n"
            "lenses_hq_agents_connected %d\n"
            "# HELP lenses_hq_agent_connections_total Agent connections by result.\n"
            "# TYPE lenses_hq_agent_connections_total counter\n"
            'lenses_hq_agent_connections_total{result="ok"} %d\nlenses_hq_agent_connections_total{result="denied"} %d\n'
        ) % (1 if db_ok() else 0, n, ok, no)
        self.send(200, text, "text/plain; version=0.0.4")


def serve(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()


def main():
    # [docker] "HQ looks for the config.yaml in the current working directory" (/ in the image);
    # [hq63] on Linux the path is the argument: `lenses-hq config.yaml`; [chart] args: [path].
    path = sys.argv[1] if len(sys.argv) > 1 else "config.yaml"
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        fail("cannot read the configuration file %s: %s" % (path, e.strerror))
    try:
        cfg = parse_yaml(text)
    except YamlError as e:
        fail("%s: %s" % (path, e))
    cfg = substitute(cfg, HQ_REF, lambda ref: sys.stderr.write(
        "lenses-hq stand-in: warning: %s references %s, which is not set; kept as written\n" % (path, ref)))
    validate(cfg)
    State.cfg = cfg
    State.db = connect_db(cfg["database"])
    try:
        http = ThreadingHTTPServer(address(cfg["http"]["address"], "http.address"), HttpHandler)
        agents = AgentServer(address(cfg["agents"]["address"], "agents.address"), AgentHandler)
        metrics = ThreadingHTTPServer(address(cfg["metrics"]["prometheusAddress"], "metrics.prometheusAddress"), MetricsHandler)
    except OSError as e:
        fail("cannot listen: %s" % e)
    for s in (agents, metrics):
        serve(s)
    sys.stderr.write("Lenses HQ stand-in: http %s, agents %s, metrics %s\n" % (
        cfg["http"]["address"], cfg["agents"]["address"], cfg["metrics"]["prometheusAddress"]))
    http.serve_forever()


if __name__ == "__main__":
    main()
