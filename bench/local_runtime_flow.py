"""Figures of the data path of a platform on the local runtime, run inside one of its pods
(`realtime-kit local exec`) with the pod's composed environment. Prints one JSON object.

  platform: MQTT publish -> bridge -> Kafka -> sink -> PostgreSQL row (latency per message from
            the publish to the row's insert, taken by PostgreSQL's clock_timestamp(); sustained
            rate to Kafka and to PostgreSQL)
  baseline: the same Mosquitto and Kafka without the bridge: MQTT publish -> MQTT subscriber,
            Kafka produce -> Kafka consumer

Usage: local_runtime_flow.py platform|baseline <mqtt topic> <kafka topic> <table> <latency n> <rate n>
"""

import json
import os
import statistics
import sys
import threading
import time
import uuid

import paho.mqtt.client as mqtt
import psycopg
from confluent_kafka import Consumer, Producer

MODE, MQTT_TOPIC, KAFKA_TOPIC, TABLE = sys.argv[1:5]
LATENCY_N, RATE_N = int(sys.argv[5]), int(sys.argv[6])
RUN = uuid.uuid4().hex[:8]
now_ms = lambda: time.time() * 1000


def mqtt_client(on_message=None):
    c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"bench-{uuid.uuid4().hex[:8]}")
    c.username_pw_set(os.environ["MQTT_USERNAME"], os.environ["MQTT_PASSWORD"])
    c.max_inflight_messages_set(100)
    if on_message:
        c.on_message = on_message
    c.connect(os.environ["MQTT_HOST"], int(os.environ["MQTT_PORT"]))
    c.loop_start()
    return c


def publish(c, topic, n, tag, pace):
    for i in range(n):
        c.publish(topic, json.dumps({"run": RUN, "tag": tag, "i": i, "t": now_ms()}), qos=1)
        if pace:
            time.sleep(pace)


def percentiles(values):
    v = sorted(values)
    return {"median_ms": round(statistics.median(v), 1), "p99_ms": round(v[int(0.99 * (len(v) - 1))], 1), "n": len(v)}


def kafka_count(tag, n, seconds=180):
    c = Consumer({"bootstrap.servers": os.environ["KAFKA_BOOTSTRAP_SERVERS"], "group.id": f"bench-{uuid.uuid4().hex}",
                  "auto.offset.reset": "earliest"})
    c.subscribe([KAFKA_TOPIC])
    seen, deadline, last = 0, time.time() + seconds, None
    while seen < n and time.time() < deadline:
        for m in c.consume(500, 1.0):
            if not m.error() and f'"{tag}"' in m.value().decode("utf-8", "replace") and RUN in m.value().decode():
                seen += 1
                last = time.time()
    c.close()
    return seen, last


def platform():
    db = psycopg.connect(os.environ["POSTGRES_URL"], autocommit=True)
    pub = mqtt_client()
    # The sink creates the table on its first record; the insert time is a column default.
    # Until the bridge's task has subscribed, a publish is lost (MQTT clean session): repeat.
    deadline = time.time() + 180
    while not db.execute("SELECT to_regclass(%s)", (f'"{TABLE}"',)).fetchone()[0]:
        if time.time() > deadline:
            sys.exit(f"no row in {TABLE} within 180 s of publishing to {MQTT_TOPIC}")
        publish(pub, MQTT_TOPIC, 1, "warmup", 0)
        time.sleep(2)
    db.execute(f'ALTER TABLE "{TABLE}" ADD COLUMN IF NOT EXISTS arrived timestamptz DEFAULT clock_timestamp()')
    time.sleep(1)
    publish(pub, MQTT_TOPIC, LATENCY_N, "latency", 0.005)
    rows = []
    deadline = time.time() + 180
    while time.time() < deadline and len(rows) < LATENCY_N:
        time.sleep(1)
        rows = db.execute(
            f"""SELECT (payload::jsonb->>'t')::float8, extract(epoch from arrived)::float8 * 1000 FROM "{TABLE}"
                WHERE payload::jsonb->>'run' = %s AND payload::jsonb->>'tag' = 'latency' AND arrived IS NOT NULL""",
            (RUN,),
        ).fetchall()
    latency = percentiles([a - t for t, a in rows])
    start = time.time()
    publish(pub, MQTT_TOPIC, RATE_N, "rate", 0)
    seen, last = kafka_count("rate", RATE_N)
    bridge_rate = seen / (last - start) if last else 0
    deadline, count = time.time() + 300, 0
    while time.time() < deadline and count < RATE_N:
        time.sleep(0.5)
        count, end = db.execute(
            f"""SELECT count(*), extract(epoch from max(arrived)) FROM "{TABLE}"
                WHERE payload::jsonb->>'run' = %s AND payload::jsonb->>'tag' = 'rate'""", (RUN,)).fetchone()
    sink_rate = count / (float(end) - start) if count else 0
    pub.loop_stop()
    print(json.dumps({"latency": latency, "bridge_msgs_per_s": round(bridge_rate), "sink_msgs_per_s": round(sink_rate),
                      "complete": seen == RATE_N and count == RATE_N}))


def baseline():
    got, done, last = {}, threading.Event(), {}

    def on_message(_c, _u, m):
        d = json.loads(m.payload)
        if d.get("run") == RUN:
            got.setdefault(d["tag"], []).append(now_ms() - d["t"])
            last[d["tag"]] = time.time()
            if d["tag"] == "rate" and len(got["rate"]) == RATE_N:
                done.set()

    sub = mqtt_client(on_message)
    sub.subscribe("bench/baseline", qos=1)
    time.sleep(1)
    pub = mqtt_client()
    publish(pub, "bench/baseline", LATENCY_N, "latency", 0.005)
    time.sleep(2)
    mqtt_latency = percentiles(got.get("latency", [0]))
    start = time.time()
    publish(pub, "bench/baseline", RATE_N, "rate", 0)
    done.wait(120)
    # A subscriber that falls behind loses messages beyond Mosquitto's queue (max_queued_messages):
    # the rate counts what arrived, up to the last arrival, and the count is printed beside it.
    delivered = len(got.get("rate", []))
    mqtt_rate = delivered / (last.get("rate", time.time()) - start)
    # Kafka alone: produce, then a consumer reads them; latency from produce to consume.
    p = Producer({"bootstrap.servers": os.environ["KAFKA_BOOTSTRAP_SERVERS"], "linger.ms": 0, "acks": "all"})
    c = Consumer({"bootstrap.servers": os.environ["KAFKA_BOOTSTRAP_SERVERS"], "group.id": f"bench-{uuid.uuid4().hex}",
                  "auto.offset.reset": "latest"})
    c.subscribe([KAFKA_TOPIC])
    while not c.assignment():
        c.poll(0.2)
    lat = []

    def consume_latency():
        deadline = time.time() + 90
        while len(lat) < LATENCY_N and time.time() < deadline:
            for m in c.consume(500, 0.2):
                if m.error():
                    continue
                d = json.loads(m.value())
                if d.get("run") == RUN and d["tag"] == "latency":
                    lat.append(now_ms() - d["t"])

    reader = threading.Thread(target=consume_latency)
    reader.start()
    for i in range(LATENCY_N):
        p.produce(KAFKA_TOPIC, json.dumps({"run": RUN, "tag": "latency", "t": now_ms()}))
        p.poll(0)
        time.sleep(0.005)
    p.flush()
    reader.join()
    start = time.time()
    for i in range(RATE_N):
        p.produce(KAFKA_TOPIC, json.dumps({"run": RUN, "tag": "rate", "t": now_ms()}))
        p.poll(0)
    p.flush()
    n = 0
    while n < RATE_N and time.time() - start < 120:
        n += sum(1 for m in c.consume(500, 1.0) if not m.error() and json.loads(m.value()).get("tag") == "rate")
    kafka_rate = n / (time.time() - start)
    c.close()
    print(json.dumps({"mqtt_latency": mqtt_latency, "mqtt_msgs_per_s": round(mqtt_rate), "mqtt_delivered": delivered,
                      "kafka_latency": percentiles(lat or [0]), "kafka_msgs_per_s": round(kafka_rate)}))


{"platform": platform, "baseline": baseline}[MODE]()
