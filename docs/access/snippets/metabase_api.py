"""Call the Metabase API with an API key (header x-api-key)."""
import os

import requests

mb = os.environ["METABASE_URL"]
headers = {"x-api-key": os.environ["METABASE_API_KEY"]}  # not in <platform>-conn: see the page

health = requests.get(f"{mb}/api/health", timeout=10)  # no auth needed
print(f"health: {health.json()['status']}")

dbs = requests.get(f"{mb}/api/database", headers=headers, timeout=10)
dbs.raise_for_status()  # 401 = missing or revoked key
for db in dbs.json()["data"]:
    print(f"database {db['id']}: {db['name']} ({db['engine']})")

groups = requests.get(f"{mb}/api/permissions/group", headers=headers, timeout=10)
groups.raise_for_status()  # 403 = the key's group may not manage groups
print("groups: " + ", ".join(f"{g['name']} ({g['member_count']})" for g in groups.json()))
