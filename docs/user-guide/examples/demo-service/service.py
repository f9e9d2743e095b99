"""The minimal example's service (image realtime-demo): it produces an event to the platform's
`events` topic every few seconds and consumes that topic in its own group, with nothing but the
environment its connection secret gives it. GET /healthz answers once a produced event has come
back, so the pod is Ready only when its Kafka path works; GET / shows the counts.

    python service.py           serve on $PORT (8080), forever
    python service.py --once    one round trip, then exit 0 (what the tests run)
"""
import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from confluent_kafka import Consumer, KafkaException, Producer

TOPIC = os.environ["TOPIC_EVENTS"]  # the declared topic `events`
LOGIN = {
    "bootstrap.servers": os.environ["KAFKA_BOOTSTRAP_SERVERS"],
    "security.protocol": os.environ["KAFKA_SECURITY_PROTOCOL"],
    "sasl.mechanism": os.environ["KAFKA_SASL_MECHANISM"],
    "sasl.username": os.environ["KAFKA_USERNAME"],
    "sasl.password": os.environ["KAFKA_PASSWORD"],
}
# consumed: its own events that came back; other: messages other producers wrote to the topic
counts = {"produced": 0, "consumed": 0, "other": 0}
sent = set()


def produce(producer):
    event_id = str(uuid.uuid4())
    try:
        producer.produce(TOPIC, key="demo", value=json.dumps({"id": event_id, "at": time.time()}))
    except KafkaException as error:
        # Fatal for this client, e.g. its Kafka user or ACLs do not exist yet: exit so the pod
        # restarts with a new client instead of serving a stale one.
        raise SystemExit(f"Kafka refused the producer: {error.args[0].str()}")
    if producer.flush(15):
        raise SystemExit("an event was not delivered within 15 s")
    sent.add(event_id)
    counts["produced"] += 1
    print(f"produced {event_id} to {TOPIC}", flush=True)


def event_id_of(value):
    """The id of one of this service's events, or None for any other message on the topic."""
    try:
        event = json.loads(value)
    except (TypeError, ValueError):
        return None
    return event.get("id") if isinstance(event, dict) else None


def consume_once(consumer):
    """Polls once: the id of an event of this service that came back, "" for another
    producer's message, None when nothing came."""
    msg = consumer.poll(1.0)
    if msg is None:
        return None
    if msg.error():
        raise KafkaException(msg.error())
    event_id = event_id_of(msg.value())
    if event_id not in sent:
        counts["other"] += 1
        return ""
    counts["consumed"] += 1
    print(f"consumed {event_id} from {TOPIC} offset {msg.offset()}", flush=True)
    return event_id


def clients():
    producer = Producer({**LOGIN, "acks": "all", "enable.idempotence": True})
    consumer = Consumer({**LOGIN, "group.id": os.environ.get("GROUP_ID", "realtime-demo"),
                         "auto.offset.reset": "latest"})
    consumer.subscribe([TOPIC])
    return producer, consumer


def round_trip(producer, consumer, seconds=60):
    """Produces one event and polls until that event comes back."""
    deadline = time.monotonic() + seconds
    # Wait for the group's partitions first: with offsets at `latest`, an event produced before
    # the assignment would be skipped.
    while not consumer.assignment() and time.monotonic() < deadline:
        consumer.poll(0.5)
    produce(producer)
    while time.monotonic() < deadline:
        if consume_once(consumer) in sent:
            return True
    return False


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        ready = counts["consumed"] > 0
        status = 200 if self.path == "/" or ready else 503
        body = json.dumps(counts).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    producer, consumer = clients()
    if "--once" in sys.argv:
        ok = round_trip(producer, consumer)
        consumer.close()
        print(json.dumps({"ok": ok, **counts}))
        sys.exit(0 if ok else 1)
    server = ThreadingHTTPServer(("", int(os.environ.get("PORT", "8080"))), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    round_trip(producer, consumer)
    while True:
        time.sleep(5)
        produce(producer)
        while consume_once(consumer) is not None:
            pass


if __name__ == "__main__":
    main()
