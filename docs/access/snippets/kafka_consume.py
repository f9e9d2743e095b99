"""Consume the telemetry topic in a consumer group and print each event (confluent-kafka)."""
import json
import os
import time

from confluent_kafka import Consumer, KafkaException

topic = os.environ["TOPIC_MACHINES_TELEMETRY"]
consumer = Consumer({
    "bootstrap.servers": os.environ["KAFKA_BOOTSTRAP_SERVERS"],
    "security.protocol": os.environ["KAFKA_SECURITY_PROTOCOL"],  # SASL_PLAINTEXT
    "sasl.mechanism": os.environ["KAFKA_SASL_MECHANISM"],  # SCRAM-SHA-512
    "sasl.username": os.environ["KAFKA_USERNAME"],
    "sasl.password": os.environ["KAFKA_PASSWORD"],
    "group.id": "docs-example-python",  # one group per application: it owns the offsets
    "auto.offset.reset": "earliest",  # a new group starts at the oldest retained event
    "enable.auto.commit": False,
})
consumer.subscribe([topic])

received, deadline, idle_since = 0, time.monotonic() + 60, None
try:
    while time.monotonic() < deadline:
        msg = consumer.poll(1.0)
        if msg is None:
            # stop 3 s after the last event (an example; a service keeps polling)
            if received and time.monotonic() - idle_since > 3:
                break
            continue
        if msg.error():
            raise KafkaException(msg.error())
        event = json.loads(msg.value())
        print(f"consumed {event['id']} key={msg.key().decode()} partition={msg.partition()} offset={msg.offset()}")
        consumer.commit(message=msg, asynchronous=False)
        received, idle_since = received + 1, time.monotonic()
finally:
    consumer.close()  # leaves the group cleanly, so a rebalance is immediate
if not received:
    raise SystemExit("no event received within 60 s")
