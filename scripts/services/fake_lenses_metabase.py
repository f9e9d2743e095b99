"""Local stand-in for the Lenses HQ and Metabase HTTP endpoints that the docs' examples call.

Lenses HQ and Metabase cannot run on the test machines, so the examples in docs/access/snippets
are executed against this server. It implements exactly these documented endpoints and nothing
else (anything else answers 404):

Lenses HQ 6 (auth: ``Authorization: Bearer <service-account key>``; a missing or wrong key
answers 401 with an RFC 7807 error body of type ``unauthorised``):
  GET /api/v1/environments            list environments
  GET /api/v1/environments/{name}     one environment (404 ``not_found`` if unknown)

Metabase (auth: ``x-api-key: <API key>`` or ``X-Metabase-Session: <session id>``; a missing or
wrong credential answers 401 ``Unauthenticated``):
  GET  /api/health                    {"status": "ok"}, no auth
  POST /api/session                   {"username", "password"} -> {"id": <session id>}
  GET  /api/database                  {"data": [...databases], "total": n}
  GET  /api/permissions/group         [...groups with member_count]

Credentials come from the environment (generated per test run by scripts/services/services.sh):
LENSES_HQ_TOKEN, METABASE_API_KEY, METABASE_USERNAME, METABASE_PASSWORD. Listens on
127.0.0.1:$FAKE_PORT. Every request is logged to stdout as one JSON line (method, path, status,
auth scheme used) so the tests can assert what the examples sent.
"""

import hmac
import json
import os
import secrets
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LENSES_TOKEN = os.environ["LENSES_HQ_TOKEN"]
MB_API_KEY = os.environ["METABASE_API_KEY"]
MB_USER = os.environ["METABASE_USERNAME"]
MB_PASSWORD = os.environ["METABASE_PASSWORD"]
SESSIONS: set[str] = set()

ENVIRONMENTS = [
    {
        "name": "factory-telemetry",
        "display_name": "factory / telemetry",
        "tier": "production",
        "lrn": "environment:factory-telemetry",
    }
]
DATABASES = [{"id": 2, "name": "factory", "engine": "postgres", "is_sample": False}]
GROUPS = [
    {"id": 1, "name": "All Users", "member_count": 3},
    {"id": 2, "name": "Administrators", "member_count": 1},
    {"id": 3, "name": "Analytics readers", "member_count": 2},
]


def same(a: str | None, b: str) -> bool:
    return a is not None and hmac.compare_digest(a.encode(), b.encode())


class Handler(BaseHTTPRequestHandler):
    server_version = "docs-fake-lenses-metabase/1"

    def log_message(self, *args):  # replaced by one JSON line per request
        pass

    def reply(self, status: int, body, auth: str = "none", content_type="application/json"):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        print(json.dumps({"method": self.command, "path": self.path, "status": status, "auth": auth}), flush=True)

    # --- Lenses HQ -------------------------------------------------------------------------
    def lenses(self):
        header = self.headers.get("Authorization", "")
        token = header[7:] if header.startswith("Bearer ") else None
        if not same(token, LENSES_TOKEN):
            return self.reply(
                401,
                {"type": "unauthorised", "title": "Authentication is required.", "status": 401},
                "bearer-invalid" if token else "none",
            )
        parts = self.path.split("?")[0].rstrip("/").split("/")  # ['', 'api', 'v1', 'environments', name?]
        if self.command == "GET" and len(parts) == 4:
            return self.reply(200, {"items": ENVIRONMENTS}, "bearer")
        if self.command == "GET" and len(parts) == 5:
            env = next((e for e in ENVIRONMENTS if e["name"] == parts[4]), None)
            if env:
                return self.reply(200, env, "bearer")
            return self.reply(404, {"type": "not_found", "title": "Environment not found.", "status": 404}, "bearer")
        return self.reply(404, {"type": "not_found", "title": "Not found.", "status": 404}, "bearer")

    # --- Metabase --------------------------------------------------------------------------
    def metabase_auth(self) -> str | None:
        if same(self.headers.get("x-api-key"), MB_API_KEY):
            return "api-key"
        session = self.headers.get("X-Metabase-Session")
        if session and session in SESSIONS:
            return "session"
        return None

    def metabase(self):
        path = self.path.split("?")[0].rstrip("/")
        if path == "/api/health" and self.command == "GET":
            return self.reply(200, {"status": "ok"})
        if path == "/api/session" and self.command == "POST":
            try:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
            except ValueError:
                return self.reply(400, {"errors": {"username": "value must be a non-blank string."}})
            if same(body.get("username"), MB_USER) and same(body.get("password"), MB_PASSWORD):
                sid = secrets.token_hex(16)
                SESSIONS.add(sid)
                return self.reply(200, {"id": sid}, "password")
            return self.reply(401, {"errors": {"password": "did not match stored password"}}, "password-invalid")
        auth = self.metabase_auth()
        if not auth:
            return self.reply(401, "Unauthenticated", "none", "text/plain")
        if path == "/api/database" and self.command == "GET":
            return self.reply(200, {"data": DATABASES, "total": len(DATABASES)}, auth)
        if path == "/api/permissions/group" and self.command == "GET":
            return self.reply(200, GROUPS, auth)
        return self.reply(404, "API endpoint does not exist.", auth, "text/plain")

    def route(self):
        if self.path.startswith("/api/v1/"):  # HQ's API; Metabase has no /api/v1
            return self.lenses()
        if self.path.startswith("/api/"):
            return self.metabase()
        return self.reply(404, {"error": "not found"})

    do_GET = route
    do_POST = route
    do_PUT = route
    do_DELETE = route


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["FAKE_PORT"])), Handler)
    print(json.dumps({"listening": server.server_address[1]}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.exit(0)
