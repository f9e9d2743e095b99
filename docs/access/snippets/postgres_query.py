"""Query the analytics database with psycopg 3 (parameters bound by the driver, never formatted)."""
import os

import psycopg

with psycopg.connect(
    host=os.environ["POSTGRES_HOST"],
    port=os.environ["POSTGRES_PORT"],
    dbname=os.environ["POSTGRES_DB"],
    user=os.environ["POSTGRES_USER"],
    password=os.environ["POSTGRES_PASSWORD"],
    connect_timeout=10,
) as conn:
    rows = conn.execute(
        "SELECT machine, count(*), round(avg(temperature)::numeric, 1)"
        " FROM machine_readings WHERE temperature > %s GROUP BY machine ORDER BY machine",
        (50,),
    ).fetchall()
for machine, readings, avg_temp in rows:
    print(f"{machine}: {readings} readings, average {avg_temp}")
