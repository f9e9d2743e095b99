"""List Lenses HQ environments with a service-account key (Bearer token)."""
import os

import requests

hq = os.environ["LENSES_HQ_URL"]
headers = {"Authorization": f"Bearer {os.environ['LENSES_HQ_TOKEN']}"}  # not in <platform>-conn: see the page

resp = requests.get(f"{hq}/api/v1/environments", headers=headers, timeout=10)
resp.raise_for_status()  # 401 = missing, wrong or expired key
for env in resp.json()["items"]:
    print(f"environment {env['name']} ({env['display_name']})")

one = requests.get(f"{hq}/api/v1/environments/{env['name']}", headers=headers, timeout=10)
one.raise_for_status()
print(f"fetched {one.json()['name']}: HTTP {one.status_code}")
