"""Stand-in for Metabase (metabase/metabase v0.56): the local runtime runs it in place of the
image, so the composed Deployment's env and the setup Job run against the endpoints they call.
It is not Metabase: it implements only those endpoints, following Metabase's own handlers
(each named below), including the fields they ignore and the errors they return. Its state
(the admin user, sessions, registered databases) lives in the composed application database
(MB_DB_*), as Metabase's does, so it survives a restart of the pod.
"""

import json
import os
import re
import sys
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg

PORT = int(os.environ.get("MB_JETTY_PORT", "3000"))
STARTED = time.time()
# Metabase answers 503 on /api/health until init! finishes (server/routes.clj health-handler).
INIT_SECONDS = 2.0


def app_db():
    """src/metabase/app_db/env.clj: MB_DB_TYPE (default h2) and the broken-out MB_DB_* details."""
    if os.environ.get("MB_DB_TYPE", "h2") != "postgres":
        sys.exit("stand-in: only MB_DB_TYPE=postgres is implemented")
    return psycopg.connect(
        host=os.environ.get("MB_DB_HOST", "localhost"),
        port=int(os.environ.get("MB_DB_PORT", "5432")),
        dbname=os.environ["MB_DB_DBNAME"],
        user=os.environ["MB_DB_USER"],
        password=os.environ["MB_DB_PASS"],
        autocommit=True,
        connect_timeout=10,
    )


def migrate(db):
    """Metabase runs its migrations at startup and exits 1 when the app database is unreachable."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS standin_metabase (kind text, id text, body jsonb, PRIMARY KEY (kind, id))"
    )
    if not rows(db, "setting"):
        # setup/settings.clj setup-token: a UUID made once on a new install, never cleared.
        put(db, "setting", "setup-token", {"value": str(uuid.uuid4())})


def rows(db, kind):
    return [r[0] for r in db.execute("SELECT body FROM standin_metabase WHERE kind = %s ORDER BY id", (kind,))]


def put(db, kind, id_, body):
    db.execute(
        "INSERT INTO standin_metabase VALUES (%s, %s, %s) ON CONFLICT (kind, id) DO UPDATE SET body = EXCLUDED.body",
        (kind, str(id_), json.dumps(body)),
    )


def setup_token(db):
    return rows(db, "setting")[0]["value"]


def valid_password(pw):
    """util/password.clj is-valid? with MB_PASSWORD_COMPLEXITY normal: >= 6 chars, >= 1 digit."""
    return isinstance(pw, str) and len(pw) >= 6 and re.search(r"[0-9]", pw) is not None


def test_connection(details):
    """warehouses/api.clj test-connection-details: the postgres driver connects with the details."""
    try:
        psycopg.connect(
            host=details.get("host"),
            port=int(details.get("port", 5432)),
            dbname=details.get("dbname"),
            user=details.get("user"),
            password=details.get("password"),
            connect_timeout=10,
        ).close()
        return None
    except Exception as e:  # the driver's message, as Metabase returns it
        return str(e).strip().splitlines()[0]


class Handler(BaseHTTPRequestHandler):
    db = None

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.command, self.path))

    def send(self, status, body, plain=False):
        # Compact, as Metabase (Cheshire) writes it: clients that grep its JSON rely on that.
        data = (body if plain else json.dumps(body, separators=(",", ":"))).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if plain else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        try:
            return json.loads(self.rfile.read(n) or b"{}")
        except ValueError:
            return None

    def user(self):
        """request/session.clj: X-Metabase-Session header or the metabase.SESSION cookie."""
        sid = self.headers.get("X-Metabase-Session")
        cookie = re.search(r"metabase\.SESSION=([^;]+)", self.headers.get("Cookie", ""))
        sid = sid or (cookie and cookie.group(1))
        return next((s["email"] for s in rows(self.db, "session") if s["id"] == sid), None)

    def initializing(self):
        if time.time() - STARTED < INIT_SECONDS:
            if self.path == "/api/health":
                self.send(503, {"status": "initializing", "progress": 0.5})
            else:
                self.send(503, "Metabase is still initializing. Please sit tight...", plain=True)
            return True
        return False

    def do_GET(self):
        if self.initializing():
            return
        if self.path == "/api/health":  # server/routes.clj health-handler
            return self.send(200, {"status": "ok"})
        if self.path == "/api/session/properties":  # session/api.clj GET /properties (public settings)
            return self.send(
                200,
                {
                    "setup-token": setup_token(self.db),
                    "has-user-setup": bool(rows(self.db, "user")),
                    "site-name": next(iter(rows(self.db, "site")), {}).get("name", "Metabase"),
                },
            )
        if self.path == "/api/database":  # warehouses/api.clj GET /: {"data": [...], "total": N}
            if not self.user():
                return self.send(401, "Unauthenticated", plain=True)
            data = rows(self.db, "database")
            return self.send(200, {"data": data, "total": len(data)})
        self.send(404, "API endpoint does not exist.", plain=True)

    def do_POST(self):
        if self.initializing():
            return
        body = self.body()
        if body is None:
            return self.send(400, {"message": "Malformed JSON in request body."})
        if self.path == "/api/setup":
            return self.handle_setup(body)
        if self.path == "/api/session":  # session/api.clj POST /: {"id": <session>}
            u = next((u for u in rows(self.db, "user") if u["email"] == body.get("username")), None)
            if not u or u["password"] != body.get("password"):
                return self.send(401, {"errors": {"password": "did not match stored password"}})
            return self.send(200, {"id": self.new_session(u["email"])})
        if self.path == "/api/database":
            return self.add_database(body)
        self.send(404, "API endpoint does not exist.", plain=True)

    def new_session(self, email):
        sid = str(uuid.uuid4())
        put(self.db, "session", sid, {"id": sid, "email": email})
        return sid

    def handle_setup(self, body):
        """setup/api.clj POST /: an open map; `database` and prefs.allow_tracking are accepted and ignored."""
        if body.get("token") != setup_token(self.db):
            return self.send(400, {"errors": {"token": "Token does not match the setup token."}})
        user, prefs = body.get("user") or {}, body.get("prefs") or {}
        errors = {}
        if not isinstance(user.get("email"), str) or "@" not in user["email"]:
            errors["user"] = {"email": "value must be a valid email address."}
        elif not valid_password(user.get("password")):
            errors["user"] = {"password": "password is too common."}
        if not prefs.get("site_name"):
            errors["prefs"] = "missing required key"
        if errors:
            return self.send(400, {"errors": errors})
        if rows(self.db, "user"):  # setup-create-user!: 403, plain text
            return self.send(
                403,
                "The /api/setup route can only be used to create the first user, however a user currently exists.",
                plain=True,
            )
        put(self.db, "user", user["email"], {"email": user["email"], "password": user["password"], "is_superuser": True})
        put(self.db, "site", "site", {"name": prefs["site_name"]})
        self.send(200, {"id": self.new_session(user["email"])})

    def add_database(self, body):
        """warehouses/api.clj POST /: superuser; name, engine, details; the connection is tested first."""
        if not self.user():
            return self.send(401, "Unauthenticated", plain=True)
        if not str(body.get("name") or "").strip():
            return self.send(400, {"errors": {"name": "value must be a non-blank string."}})
        if body.get("engine") != "postgres":  # the only driver this stand-in has
            return self.send(400, {"errors": {"engine": "value must be a valid database engine."}})
        if not isinstance(body.get("details"), dict):
            return self.send(400, {"errors": {"details": "Value must be a map."}})
        failure = test_connection(body["details"])
        if failure:
            return self.send(400, {"message": failure})
        existing = rows(self.db, "database")
        record = {
            "id": len(existing) + 1,
            "name": body["name"],
            "engine": "postgres",
            "details": {**body["details"], "password": "**MetabasePass**"},
            "is_full_sync": body.get("is_full_sync", True),
            "is_on_demand": body.get("is_on_demand", False),
            "is_sample": False,
        }
        put(self.db, "database", f"{record['id']:06d}", record)
        self.send(200, record)


def main():
    try:
        db = app_db()
        migrate(db)
    except psycopg.Error as e:
        sys.exit("stand-in: cannot use the application database (MB_DB_*): %s" % e)
    Handler.db = db
    server = ThreadingHTTPServer(("0.0.0.0", PORT), Handler)
    sys.stderr.write("Metabase stand-in listening on %d\n" % PORT)
    server.serve_forever()


if __name__ == "__main__":
    main()
