"""End-to-end checks of a platform the local runtime runs, executed inside a pod of the run
(`realtime-kit local exec`), so they use the pod's composed environment and the cluster's
names. Each subcommand prints one JSON object on stdout and exits 0; a failed check exits 1
with the reason in that object. Run by localRuntime.local.ts.
"""

import argparse
import json
import os
import sys
import time
import uuid

import requests


def out(ok, **fields):
    print(json.dumps({"ok": ok, **fields}))
    sys.exit(0 if ok else 1)


def kafka_config(**extra):
    """A librdkafka client's settings from the connection secret's KAFKA_* keys."""
    return {
        "bootstrap.servers": os.environ["KAFKA_BOOTSTRAP_SERVERS"],
        "security.protocol": os.environ["KAFKA_SECURITY_PROTOCOL"],
        "sasl.mechanism": os.environ["KAFKA_SASL_MECHANISM"],
        "sasl.username": os.environ["KAFKA_USERNAME"],
        "sasl.password": os.environ["KAFKA_PASSWORD"],
        **extra,
    }


def kafka_produce_error(config, topic):
    """Produces one message; returns the first error a client sees (None when delivered)."""
    from confluent_kafka import Producer

    errors = []
    p = Producer({**config, "message.timeout.ms": 10000, "log_level": 0,
                  "error_cb": lambda e: errors.append(e.str())})
    p.produce(topic, value=b"refused-check", on_delivery=lambda e, _m: errors.append(e.str() if e else None))
    p.flush(15)
    return next((e for e in errors if e), None) if errors else "no delivery report"


def consume_until(consumer, wanted, seconds):
    """Polls until every value in `wanted` was seen; returns the messages seen."""
    seen, deadline = {}, time.time() + seconds
    while time.time() < deadline and not wanted <= set(seen):
        m = consumer.poll(1.0)
        if m is None or m.error():
            continue
        seen[m.value().decode("utf-8", "replace")] = m
    return seen


def webservice(args):
    """Produces to each declared `produces` topic and consumes each `consumes` topic with the
    connection secret's KAFKA_* keys (principal `app`); registers and reads back a schema."""
    from confluent_kafka import Consumer, Producer, TopicPartition

    run = uuid.uuid4().hex
    producer = Producer(kafka_config(acks="all", **{"enable.idempotence": True}))
    topics = sorted(set(args.produces + args.consumes))
    delivered = {}
    for t in topics:
        producer.produce(t, key=args.service, value=f"{args.service}-{run}-{t}",
                         on_delivery=lambda err, msg: delivered.__setitem__(msg.topic(), err))
    producer.flush(30)
    failed = {t: str(e) for t, e in delivered.items() if e is not None}
    if failed or len(delivered) != len(topics):
        out(False, stage="produce", failed=failed, delivered=sorted(delivered))
    consumed = {}
    for t in args.consumes:
        c = Consumer(kafka_config(**{"group.id": args.service, "auto.offset.reset": "earliest"}))
        c.subscribe([t])
        got = consume_until(c, {f"{args.service}-{run}-{t}"}, 60)
        c.close()
        consumed[t] = f"{args.service}-{run}-{t}" in got
    if not all(consumed.values()):
        out(False, stage="consume", consumed=consumed)
    url = os.environ["SCHEMA_REGISTRY_URL"]
    subject = f"{(args.produces or ['probe'])[0]}-value"
    schema = {"type": "record", "name": "Probe", "fields": [{"name": "id", "type": "string"}]}
    r = requests.post(f"{url}/subjects/{subject}/versions", json={"schema": json.dumps(schema)},
                      headers={"Content-Type": "application/vnd.schemaregistry.v1+json"}, timeout=20)
    if r.status_code != 200:
        out(False, stage="register schema", status=r.status_code, body=r.text[:300])
    sid = r.json()["id"]
    back = requests.get(f"{url}/schemas/ids/{sid}", timeout=20)
    out(back.status_code == 200 and json.loads(back.json()["schema"]) == schema,
        produced=sorted(delivered), consumed=consumed, schema_subject=subject, schema_id=sid)


def bridge(args):
    """Publishes with MQTT credentials and waits for the message in the bridged Kafka topic,
    keyed by its MQTT topic (the composed Camel source). Until the bridge's task has subscribed,
    a publish is lost (MQTT clean session), so a message that does not arrive is published again,
    three times at most, each with a new payload."""
    import paho.mqtt.client as mqtt
    from confluent_kafka import Consumer

    c = Consumer(kafka_config(**{"group.id": f"check-{uuid.uuid4().hex}", "auto.offset.reset": "latest"}))
    c.subscribe([args.kafka_topic])
    deadline = time.time() + 30
    while not c.assignment() and time.time() < deadline:
        c.poll(0.5)
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"check-{uuid.uuid4().hex[:8]}")
    client.username_pw_set(args.user, os.environ["CHECK_PASSWORD"])
    client.connect(os.environ["MQTT_HOST"], int(os.environ["MQTT_PORT"]))
    client.loop_start()
    for attempt in range(1, 4):
        payload = json.dumps({"check": uuid.uuid4().hex, "temperature": 21.5})
        client.publish(args.mqtt_topic, payload, qos=1).wait_for_publish(10)
        started = time.time()
        m = consume_until(c, {payload}, 20).get(payload)
        if m:
            break
    client.loop_stop()
    client.disconnect()
    c.close()
    if not m:
        out(False, stage="bridge", mqtt_topic=args.mqtt_topic, kafka_topic=args.kafka_topic, attempts=attempt)
    out(True, payload=payload, key=m.key().decode() if m.key() else None, attempts=attempt,
        seconds=round(time.time() - started, 2))


def pg_row(args):
    """Waits for the sink's row: the payload in column `payload` of the topic's table."""
    import psycopg

    deadline, last = time.time() + args.seconds, None
    while time.time() < deadline:
        try:
            with psycopg.connect(os.environ["POSTGRES_URL"], connect_timeout=5) as db:
                row = db.execute(f'SELECT payload, kafka_topic, kafka_offset FROM "{args.table}" WHERE payload = %s',
                                 (args.payload,)).fetchone()
                if row:
                    out(True, table=args.table, kafka_topic=row[1], kafka_offset=row[2])
        except psycopg.Error as e:
            last = str(e).strip().splitlines()[0]
        time.sleep(1)
    out(False, table=args.table, last_error=last)


def refused(args):
    """A wrong password is refused by MQTT, PostgreSQL and Kafka; Kafka refuses a client without
    credentials, and `app` on a topic it has no ACL for (--undeclared-topic)."""
    import paho.mqtt.client as mqtt
    import psycopg

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    client.username_pw_set(os.environ["MQTT_USERNAME"], "wrong-" + uuid.uuid4().hex)
    mqtt_error = None
    try:
        client.connect(os.environ["MQTT_HOST"], int(os.environ["MQTT_PORT"]))
        rc = client.loop(timeout=5)
        client.loop(timeout=5)
        mqtt_error = None if client.is_connected() else f"refused (loop rc {rc})"
    except Exception as e:  # a refused CONNACK surfaces as an error
        mqtt_error = str(e)
    pg_error = None
    try:
        psycopg.connect(host=os.environ["POSTGRES_HOST"], port=os.environ["POSTGRES_PORT"],
                        dbname=os.environ["POSTGRES_DB"], user=os.environ["POSTGRES_USER"],
                        password="wrong-" + uuid.uuid4().hex, connect_timeout=5).close()
    except psycopg.Error as e:
        pg_error = str(e).strip().splitlines()[-1]
    topic = args.declared_topic
    kafka = {
        "no_credentials": kafka_produce_error({"bootstrap.servers": os.environ["KAFKA_BOOTSTRAP_SERVERS"]}, topic),
        "wrong_password": kafka_produce_error(kafka_config(**{"sasl.password": "wrong-" + uuid.uuid4().hex}), topic),
    }
    if args.undeclared_topic:
        kafka["undeclared_topic"] = kafka_produce_error(kafka_config(), args.undeclared_topic)
    out(bool(mqtt_error) and bool(pg_error) and all(kafka.values()), mqtt=mqtt_error, postgresql=pg_error, kafka=kafka)


def mqtt_session(transport, host, port, ca=None, path="/"):
    """One MQTT session as the connection secret's `app` user: TLS verifying the broker against
    `ca` when given ("" for the system store), else plain. Returns "round trip" when a QoS 1
    publish comes back on a subscription, else how it failed."""
    import paho.mqtt.client as mqtt

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"check-{uuid.uuid4().hex[:8]}",
                         transport=transport)
    client.username_pw_set(os.environ["MQTT_USERNAME"], os.environ["MQTT_PASSWORD"])
    if transport == "websockets":
        client.ws_set_options(path=path)
    if ca is not None:
        client.tls_set(ca_certs=ca or None)
    topic, payload, got = f"checks/tls/{uuid.uuid4().hex}", uuid.uuid4().hex.encode(), []
    client.on_message = lambda c, u, m: got.append(m.payload)
    try:
        client.connect(host, port, keepalive=10)
    except Exception as e:  # a TLS handshake that fails surfaces here
        return f"refused: {e}"
    client.loop_start()
    try:
        deadline = time.time() + 8
        while not client.is_connected() and time.time() < deadline:
            time.sleep(0.1)
        if not client.is_connected():
            return "refused: no CONNACK"
        client.subscribe(topic, qos=1)
        time.sleep(0.5)
        client.publish(topic, payload, qos=1).wait_for_publish(5)
        while payload not in got and time.time() < deadline + 5:
            time.sleep(0.1)
        return "round trip" if payload in got else "no message"
    finally:
        client.loop_stop()
        client.disconnect()


def mqtt_tls(args):
    """With mqtt.tls: MQTT over TLS on MQTT_HOST:MQTT_PORT and over wss on MQTT_WS_URL, each a
    round trip, the broker verified against --ca (its certificate names MQTT_HOST); the TLS port
    refuses a plain client, and a client that trusts only the system store refuses the broker."""
    from urllib.parse import urlsplit

    host, port = os.environ["MQTT_HOST"], int(os.environ["MQTT_PORT"])
    ws = urlsplit(os.environ["MQTT_WS_URL"])
    sessions = {
        "tls": mqtt_session("tcp", host, port, ca=args.ca),
        "wss": mqtt_session("websockets", ws.hostname, ws.port, ca=args.ca, path=ws.path or "/"),
        "plain_on_tls_port": mqtt_session("tcp", host, port),
        "untrusted": mqtt_session("tcp", host, port, ca=""),
    }
    ok = (sessions["tls"] == sessions["wss"] == "round trip"
          and sessions["plain_on_tls_port"].startswith("refused")
          and sessions["untrusted"].startswith("refused"))
    out(ok, mqtt_tls=os.environ["MQTT_TLS"], port=port, ws_scheme=ws.scheme, **sessions)


def produce_acked(args):
    """Produces N messages with acks=all; prints how many the brokers acknowledged."""
    from confluent_kafka import Producer

    p = Producer(kafka_config(acks="all", **{"enable.idempotence": True}))
    acked = []
    for i in range(args.count):
        p.produce(args.topic, value=f"{args.tag}-{i}",
                  on_delivery=lambda err, msg: err is None and acked.append(msg.value().decode()))
    p.flush(60)
    out(len(acked) == args.count, acked=len(acked))


def count_tagged(args):
    """Reads the topic from the beginning; every acknowledged message of the tag must be there."""
    from confluent_kafka import Consumer

    c = Consumer(kafka_config(**{"group.id": f"check-{uuid.uuid4().hex}", "auto.offset.reset": "earliest"}))
    c.subscribe([args.topic])
    wanted = {f"{args.tag}-{i}" for i in range(args.count)}
    got = consume_until(c, wanted, 90)
    c.close()
    missing = sorted(wanted - set(got))
    out(not missing, found=len(wanted) - len(missing), missing=missing[:10])


def connectors(args):
    """Every connector and task RUNNING, as the Connect REST API reports them to --user with
    password CHECK_PASSWORD; a failed task is reported with its trace. The status code of the
    same request without credentials is reported as `anonymous` (401 when REST authenticates)."""
    base = args.url
    auth = (args.user, os.environ["CHECK_PASSWORD"])
    anonymous = requests.get(f"{base}/connectors", timeout=20).status_code
    names = requests.get(f"{base}/connectors", timeout=20, auth=auth).json()
    report, ok = {}, True
    for n in names:
        s = requests.get(f"{base}/connectors/{n}/status", timeout=20, auth=auth).json()
        tasks = s.get("tasks", [])
        failed = [t for t in tasks if t["state"] != "RUNNING"]
        running = s["connector"]["state"] == "RUNNING" and tasks and not failed
        ok = ok and bool(running)
        report[n] = {"connector": s["connector"]["state"],
                     "tasks": [t["state"] for t in tasks],
                     **({"error": (failed[0].get("trace") or "").splitlines()[0:3]} if failed else {})}
    out(ok and bool(names), connectors=report, anonymous=anonymous)


def metabase(args):
    """Logs in as the composed admin and lists the databases Metabase holds (GET /api/database)."""
    r = requests.post(f"{args.url}/api/session", json={"username": args.email, "password": os.environ["CHECK_PASSWORD"]},
                      timeout=20)
    if r.status_code != 200:
        out(False, stage="login", status=r.status_code)
    dbs = requests.get(f"{args.url}/api/database", headers={"X-Metabase-Session": r.json()["id"]}, timeout=20).json()
    names = [d["name"] for d in dbs["data"]]
    out(args.database in names, databases=names)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("webservice")
    s.add_argument("--service", required=True)
    s.add_argument("--produces", type=lambda v: [x for x in v.split(",") if x], default=[])
    s.add_argument("--consumes", type=lambda v: [x for x in v.split(",") if x], default=[])
    s = sub.add_parser("bridge")
    # Passwords come in CHECK_PASSWORD, never as arguments (which the process list shows).
    for a in ("user", "mqtt-topic", "kafka-topic"):
        s.add_argument(f"--{a}", required=True)
    s = sub.add_parser("pg-row")
    s.add_argument("--table", required=True)
    s.add_argument("--payload", required=True)
    s.add_argument("--seconds", type=int, default=60)
    s = sub.add_parser("refused")
    s.add_argument("--declared-topic", required=True)
    s.add_argument("--undeclared-topic")
    for name in ("produce-acked", "count-tagged"):
        s = sub.add_parser(name)
        s.add_argument("--topic", required=True)
        s.add_argument("--tag", required=True)
        s.add_argument("--count", type=int, default=500)
    s = sub.add_parser("mqtt-tls")
    s.add_argument("--ca", required=True)
    s = sub.add_parser("connectors")
    s.add_argument("--url", required=True)
    s.add_argument("--user", required=True)
    s = sub.add_parser("metabase")
    for a in ("url", "email", "database"):
        s.add_argument(f"--{a}", required=True)
    args = ap.parse_args()
    {"webservice": webservice, "bridge": bridge, "pg-row": pg_row, "refused": refused,
     "produce-acked": produce_acked, "count-tagged": count_tagged, "connectors": connectors,
     "metabase": metabase, "mqtt-tls": mqtt_tls}[args.cmd](args)


if __name__ == "__main__":
    main()
