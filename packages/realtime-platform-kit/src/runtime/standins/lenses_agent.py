"""Stand-in for the Lenses Agent 6.1 (lensting/lenses-agent): the local runtime runs it in place of
the image. It is not the Agent. It reads the provisioning the way the Agent's documentation says,
refuses what the Agent refuses, uses the Kafka, Schema Registry and Connect it is given, and
connects to HQ. Each behaviour names the page it follows:

  [prov]   https://docs.lenses.io/latest/devx/6.1/deployment/configuration/agent/automation/overview
  [fw]     https://docs.lenses.io/latest/deployment/installation/automation/file-watcher-provisioning
  [hqconn] https://docs.lenses.io/latest/devx/6.1/deployment/configuration/agent/automation/hq.md
  [schema] github.com/lensesio/json-schemas agent/provisioning.schema-6.1.json (and, for connect,
           agent/provisioning.kafka-connect.schema.json)
  [conf]   https://docs.lenses.io/latest/devx/6.3/deployment/configuration/agent/configuration-reference
  [env]    https://docs.lenses.io/5.0/installation/docker/ (LENSES_* variables become lenses.* keys)
  [chart]  github.com/lensesio/lenses-helm-charts charts/lenses-agent (deployment.yaml)
  [kafka]  https://docs.lenses.io/latest/devx/6.1/deployment/configuration/agent/automation/kafka/apache-kafka

The connection to HQ uses the stand-in's own line protocol (the real one is not public; see
lenses_hq.py): `AGENT_KEY <key>`, then HQ's `OK`/`DENIED`, then one JSON line per change of what
the agent is connected to. The agent retries HQ and every service every 5 s and never exits for
them, as the Agent keeps running while its connections are down.
"""

import json
import os
import re
import select
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lenses_hq import YamlError, parse_yaml, substitute  # noqa: E402  (shared YAML subset reader)

RETRY = 5.0
# [hqconn] "Environment variables are supported": `value: "${LENSES_HQ_AGENT_KEY}"`.
AGENT_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
# [schema] patterns, verbatim.
BOOTSTRAP = re.compile(r"^((SASL_PLAINTEXT|SASL_SSL|PLAINTEXT|SSL)://)?[a-zA-Z0-9.-]+:[0-9]{1,5}$")
REGISTRY = re.compile(r"^(http|https)://([a-zA-Z0-9._%+-]+:[a-zA-Z0-9._%+-]+@)?[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*(:[0-9]+)?(/.*)?$")
WORKER = re.compile(r"^(http|https)://[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*:[0-9]+(/.*)?$")
PROTOCOLS = ("SASL_PLAINTEXT", "SASL_SSL", "PLAINTEXT", "SSL")


def log(msg):
    sys.stderr.write("lenses-agent stand-in: %s\n" % msg)
    sys.stderr.flush()


def fail(msg):
    log(msg)
    sys.exit(1)


def boolean(name):
    """HOCON booleans (lenses.conf is HOCON; [env] maps LENSES_X_Y to lenses.x.y)."""
    return os.environ.get(name, "").strip().lower() in ("true", "yes", "on")


# ---------------------------------------------------------------- provisioning


def field(conn, where, key, kind, required=True):
    cfg = conn["configuration"]
    ent = cfg.get(key)
    if ent is None:
        if required:
            fail("provisioning.yaml: %s.configuration.%s is required" % (where, key))
        return None
    if not isinstance(ent, dict) or "value" not in ent:
        fail("provisioning.yaml: %s.configuration.%s must have a value" % (where, key))
    v = ent["value"]
    if kind is list:
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            fail("provisioning.yaml: %s.configuration.%s.value must be a list of strings" % (where, key))
    elif not isinstance(v, kind) or (kind is int and isinstance(v, bool)):
        fail("provisioning.yaml: %s.configuration.%s.value must be %s" % (
            where, key, {str: "a string", int: "an integer", bool: "a boolean"}[kind]))
    return v


def connections(prov, kind, names=None, max_items=None):
    """[prov] each connection needs name, version (1) and configuration; [schema] maxItems, names."""
    items = prov.get(kind)
    if items is None:
        return []
    if not isinstance(items, list):
        fail("provisioning.yaml: %s must be a list of connections" % kind)
    if max_items is not None and len(items) > max_items:
        fail("provisioning.yaml: %s allows at most %d connection" % (kind, max_items))
    for k, c in enumerate(items):
        where = "%s[%d]" % (kind, k)
        if not isinstance(c, dict):
            fail("provisioning.yaml: %s must be a mapping" % where)
        for key in ("name", "version", "configuration"):
            if c.get(key) is None:
                fail("provisioning.yaml: %s.%s is required" % (where, key))
        if not isinstance(c["name"], str) or (names and c["name"] not in names):
            fail("provisioning.yaml: %s.name must be %s" % (where, " or ".join(names) if names else "a string"))
        if kind == "connect" and not re.fullmatch(r"[a-zA-Z0-9-]+", c["name"]):
            fail("provisioning.yaml: %s.name must contain only letters, digits and hyphens" % where)
        if c["version"] != 1 or isinstance(c["version"], bool):
            fail("provisioning.yaml: %s.version must be 1" % where)
        tags = c.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            fail("provisioning.yaml: %s.tags must be a list of strings" % where)
        if not isinstance(c["configuration"], dict):
            fail("provisioning.yaml: %s.configuration must be a mapping" % where)
        c["_where"] = where
    return items


# A JAAS option (`username="x"`), as the SCRAM and PLAIN login modules read it.
JAAS_OPTION = r'\b%s="([^"]*)"'
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")


def sasl(k):
    """[kafka] "SASL_SSL and SASL_PLAINTEXT ... both require SASL mechanism and JAAS Configuration
    values" (saslMechanism, saslJaasConfig); librdkafka takes the JAAS options as sasl.username
    and sasl.password."""
    mechanism = field(k, k["_where"], "saslMechanism", str)
    if mechanism not in SASL_MECHANISMS:
        fail("provisioning.yaml: %s.configuration.saslMechanism %s is not implemented by this stand-in (%s)" % (
            k["_where"], mechanism, ", ".join(SASL_MECHANISMS)))
    jaas = field(k, k["_where"], "saslJaasConfig", str)
    creds = {}
    for option in ("username", "password"):
        m = re.search(JAAS_OPTION % option, jaas)
        if not m:
            fail("provisioning.yaml: %s.configuration.saslJaasConfig has no %s=\"...\" option" % (k["_where"], option))
        creds["sasl." + option] = m.group(1)
    return {"sasl.mechanism": mechanism, **creds}


def load_provisioning():
    """[fw] LENSES_PROVISIONING_PATH is a directory holding provisioning.yaml (and files/)."""
    base = os.environ.get("LENSES_PROVISIONING_PATH")
    if not base:
        fail("LENSES_PROVISIONING_PATH is not set (this stand-in implements file provisioning only)")
    path = os.path.join(base, "provisioning.yaml")
    try:
        with open(path, encoding="utf-8") as f:
            prov = parse_yaml(f.read())
    except OSError as e:
        fail("cannot read %s: %s" % (path, e.strerror))
    except YamlError as e:
        fail("%s: %s" % (path, e))
    if not isinstance(prov, dict):
        fail("provisioning.yaml: not a mapping")
    prov = substitute(prov, AGENT_REF, lambda ref: log("warning: provisioning.yaml references %s, which is not set; kept as written" % ref))

    out = {}
    # [prov] "The minimum configuration needed is a configuration for Lenses HQ."
    hq = connections(prov, "lensesHq", ["lenses-hq"], 1)
    if not hq:
        fail("provisioning.yaml: lensesHq is required (the Agent connects to HQ)")
    h = hq[0]
    out["hq"] = {
        "server": field(h, h["_where"], "server", str),
        "port": field(h, h["_where"], "port", int),
        "agentKey": field(h, h["_where"], "agentKey", str),
        "sslEnabled": field(h, h["_where"], "sslEnabled", bool, required=False) or False,
    }
    if not out["hq"]["agentKey"]:
        fail("provisioning.yaml: lensesHq[0].configuration.agentKey.value must not be empty")
    if out["hq"]["sslEnabled"]:
        fail("provisioning.yaml: lensesHq[0].configuration.sslEnabled true is not implemented by this stand-in")

    kafka = connections(prov, "kafka", ["kafka"], 1)
    out["kafka"] = None
    if kafka:
        k = kafka[0]
        servers = field(k, k["_where"], "kafkaBootstrapServers", list)
        for s in servers:
            if not BOOTSTRAP.match(s):
                fail("provisioning.yaml: %s.configuration.kafkaBootstrapServers: %s is not host:port" % (k["_where"], s))
        protocol = field(k, k["_where"], "protocol", str, required=False) or "PLAINTEXT"
        if protocol not in PROTOCOLS:
            fail("provisioning.yaml: %s.configuration.protocol must be one of %s" % (k["_where"], ", ".join(PROTOCOLS)))
        if protocol not in ("PLAINTEXT", "SASL_PLAINTEXT"):
            fail("provisioning.yaml: %s.configuration.protocol %s is not implemented by this stand-in" % (k["_where"], protocol))
        out["kafka"] = {"name": k["name"], "bootstrap": servers, "protocol": protocol}
        if protocol.startswith("SASL_"):
            out["kafka"].update(sasl(k))

    sr = connections(prov, "confluentSchemaRegistry", ["schema-registry"], 1)
    out["registry"] = None
    if sr:
        r = sr[0]
        urls = field(r, r["_where"], "schemaRegistryUrls", list)
        for u in urls:
            if not REGISTRY.match(u):
                fail("provisioning.yaml: %s.configuration.schemaRegistryUrls: %s is not an http(s) URL" % (r["_where"], u))
        out["registry"] = {"name": r["name"], "urls": urls}

    out["connect"] = []
    for c in connections(prov, "connect"):
        workers = field(c, c["_where"], "workers", list)
        for w in workers:
            if not WORKER.match(w):
                fail("provisioning.yaml: %s.configuration.workers: %s is not an http(s) URL with a port" % (c["_where"], w))
        # [schema] provisioning.kafka-connect.schema.json: username and password (each non-empty)
        # for the workers' HTTP Basic authentication.
        user = field(c, c["_where"], "username", str, required=False)
        password = field(c, c["_where"], "password", str, required=False)
        if (user is None) != (password is None) or user == "" or password == "":
            fail("provisioning.yaml: %s.configuration needs both username and password, non-empty, or neither" % c["_where"])
        out["connect"].append({"name": c["name"], "workers": workers,
                               "auth": (user, password) if user is not None else None})
    return out


# ---------------------------------------------------------------- storage


def storage():
    """[conf] lenses.storage.postgres.* (as LENSES_STORAGE_POSTGRES_* [env]); without a host the
    Agent uses its embedded database. Unreachable PostgreSQL: the Agent does not start."""
    env = os.environ.get
    if not env("LENSES_STORAGE_POSTGRES_HOST"):
        log("no LENSES_STORAGE_POSTGRES_HOST: embedded database (the stand-in keeps nothing)")
        return None
    import psycopg

    kw = {
        "host": env("LENSES_STORAGE_POSTGRES_HOST"),
        "port": int(env("LENSES_STORAGE_POSTGRES_PORT") or 5432),
        "dbname": env("LENSES_STORAGE_POSTGRES_DATABASE"),
        "user": env("LENSES_STORAGE_POSTGRES_USERNAME"),
        "password": env("LENSES_STORAGE_POSTGRES_PASSWORD"),
        "options": "-c search_path=%s" % (env("LENSES_STORAGE_POSTGRES_SCHEMA") or "public"),
        "connect_timeout": 10,
        "autocommit": True,
    }
    try:
        db = psycopg.connect(**kw)
        db.execute("CREATE TABLE IF NOT EXISTS standin_lenses_agent (kind text PRIMARY KEY, body jsonb)")
        return db
    except psycopg.Error as e:
        fail("cannot use the database (LENSES_STORAGE_POSTGRES_*) %s@%s:%s/%s: %s" % (
            kw["user"], kw["host"], kw["port"], kw["dbname"], str(e).strip().splitlines()[0]))


# ---------------------------------------------------------------- services and HQ


class Status:
    lock = threading.Lock()
    changed = threading.Event()
    values = {}  # "kafka" / "schemaRegistry" / "connect:<name>" / "hq" -> "ok" or an error line

    @classmethod
    def set(cls, key, value):
        with cls.lock:
            old = cls.values.get(key)
            cls.values[key] = value
        if old != value:
            log("%s: %s" % (key, "connected" if value == "ok" else value + " (retrying every 5 s)"))
            cls.changed.set()


def check_kafka(k):
    from confluent_kafka import KafkaException
    from confluent_kafka.admin import AdminClient

    # The Agent takes the protocol from the `PLAINTEXT://` prefix or from `protocol` [schema].
    servers = ",".join(re.sub(r"^[A-Z_]+://", "", s) for s in k["bootstrap"])
    try:
        client = {"bootstrap.servers": servers, "security.protocol": k["protocol"], "log_level": 0}
        client.update({key: v for key, v in k.items() if key.startswith("sasl.")})
        AdminClient(client).list_topics(timeout=5)
        return "ok"
    except KafkaException as e:
        return "cannot list topics at %s: %s" % (servers, e.args[0].str() if e.args else e)


def check_http(url, auth=None):
    import requests

    try:
        r = requests.get(url, timeout=5, auth=auth)
        if r.status_code != 200:
            return "GET %s: HTTP %d" % (url, r.status_code)
        r.json()
        return "ok"
    except requests.ConnectionError:
        return "GET %s: cannot connect" % url
    except requests.Timeout:
        return "GET %s: timed out" % url
    except (requests.RequestException, ValueError) as e:
        return "GET %s: %s" % (url, type(e).__name__)


def checker(prov):
    while True:
        if prov["registry"]:
            results = [check_http(u.rstrip("/") + "/subjects") for u in prov["registry"]["urls"]]
            Status.set("schemaRegistry", "ok" if "ok" in results else results[0])
        for c in prov["connect"]:
            results = [check_http(w.rstrip("/") + "/connectors", c["auth"]) for w in c["workers"]]
            Status.set("connect:" + c["name"], "ok" if "ok" in results else results[0])
        if prov["kafka"]:
            Status.set("kafka", check_kafka(prov["kafka"]))
        time.sleep(RETRY)


def describe(prov):
    with Status.lock:
        v = dict(Status.values)
    return {
        "name": os.environ.get("HOSTNAME") or socket.gethostname(),
        "kafka": ",".join(re.sub(r"^[A-Z_]+://", "", b) for b in prov["kafka"]["bootstrap"]) if prov["kafka"] else None,
        "kafkaStatus": v.get("kafka"),
        "schemaRegistry": prov["registry"]["urls"][0] if prov["registry"] else None,
        "schemaRegistryStatus": v.get("schemaRegistry"),
        "connect": [{"name": c["name"], "workers": c["workers"], "status": v.get("connect:" + c["name"])}
                    for c in prov["connect"]],
    }


def hq_link(prov):
    hq = prov["hq"]
    while True:
        try:
            with socket.create_connection((hq["server"], hq["port"]), timeout=10) as s:
                s.sendall(("AGENT_KEY %s\n" % hq["agentKey"]).encode())
                f = s.makefile("r", encoding="utf-8")
                reply = f.readline().strip()
                if reply != "OK":
                    Status.set("hq", "%s:%d refused the agent key (%s)" % (hq["server"], hq["port"], reply or "closed"))
                    time.sleep(RETRY)
                    continue
                Status.set("hq", "ok")
                s.settimeout(None)
                while True:
                    Status.changed.clear()
                    s.sendall((json.dumps(describe(prov)) + "\n").encode())
                    # Resend on change and every 30 s as a heartbeat; notice at once when HQ goes.
                    for _ in range(30):
                        if select.select([s], [], [], 1.0)[0] and not s.recv(1):
                            raise ConnectionError(0, "HQ closed the connection")
                        if Status.changed.is_set():
                            break
        except OSError as e:
            Status.set("hq", "cannot reach HQ at %s:%d: %s" % (hq["server"], hq["port"], e.strerror or e))
        time.sleep(RETRY)


class Handler(BaseHTTPRequestHandler):
    prov = None

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        if path not in ("/", "/health"):  # [chart] livenessProbe httpGet /; /health for checks
            body, status = {"error": "not found"}, 404
        else:
            with Status.lock:
                v = dict(Status.values)
            body, status = {"status": "UP", "hq": v.get("hq"), "connections": describe(self.prov)}, 200
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    # [conf] lenses.eula.accept, default false, required: "Without accepting the EULA, the Agent will not start."
    if not boolean("LENSES_EULA_ACCEPT"):
        fail("lenses.eula.accept (LENSES_EULA_ACCEPT) is not true: the Agent does not start without accepting the Lenses EULA")
    prov = load_provisioning()
    db = storage()
    if db is not None:  # what the Agent keeps: its provisioned connections (the key left out)
        db.execute(
            "INSERT INTO standin_lenses_agent VALUES ('connections', %s) ON CONFLICT (kind) DO UPDATE SET body = EXCLUDED.body",
            (json.dumps({k: v for k, v in prov.items() if k != "hq"}),),
        )
    # [conf] lenses.ip (0.0.0.0) and lenses.port (9991): HTTP for API, UI and WS.
    port = int(os.environ.get("LENSES_PORT") or 9991)
    try:
        server = ThreadingHTTPServer((os.environ.get("LENSES_IP") or "0.0.0.0", port), Handler)
    except OSError as e:
        fail("cannot listen on %d: %s" % (port, e))
    Handler.prov = prov
    threading.Thread(target=checker, args=(prov,), daemon=True).start()
    threading.Thread(target=hq_link, args=(prov,), daemon=True).start()
    log("listening on %d; HQ %s:%d" % (port, prov["hq"]["server"], prov["hq"]["port"]))
    server.serve_forever()


if __name__ == "__main__":
    main()
