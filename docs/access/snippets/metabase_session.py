"""Call the Metabase API with a session (POST /api/session, then X-Metabase-Session)."""
import os

import requests

mb = os.environ["METABASE_URL"]
login = requests.post(
    f"{mb}/api/session",
    json={"username": os.environ["METABASE_USERNAME"], "password": os.environ["METABASE_PASSWORD"]},
    timeout=10,
)
login.raise_for_status()
headers = {"X-Metabase-Session": login.json()["id"]}  # valid for 14 days by default

dbs = requests.get(f"{mb}/api/database", headers=headers, timeout=10)
dbs.raise_for_status()
print(f"session ok, {dbs.json()['total']} database(s): " + ", ".join(d["name"] for d in dbs.json()["data"]))
