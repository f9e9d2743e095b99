"""Produce one JSON event to the platform's telemetry topic (confluent-kafka)."""
import json
import os
import uuid

from confluent_kafka import Producer

topic = os.environ["TOPIC_MACHINES_TELEMETRY"]  # one TOPIC_* key per declared topic
producer = Producer({
    "bootstrap.servers": os.environ["KAFKA_BOOTSTRAP_SERVERS"],
    "security.protocol": os.environ["KAFKA_SECURITY_PROTOCOL"],  # SASL_PLAINTEXT
    "sasl.mechanism": os.environ["KAFKA_SASL_MECHANISM"],  # SCRAM-SHA-512
    "sasl.username": os.environ["KAFKA_USERNAME"],
    "sasl.password": os.environ["KAFKA_PASSWORD"],
    "client.id": "docs-example-producer",
    "acks": "all",
    "enable.idempotence": True,
})

event = {"id": str(uuid.uuid4()), "machine": "press-1", "temperature": 71.5}
delivered = []


def on_delivery(err, msg):
    if err is not None:
        raise SystemExit(f"delivery failed: {err}")
    delivered.append(msg)


producer.produce(topic, key=event["machine"], value=json.dumps(event), on_delivery=on_delivery)
remaining = producer.flush(15)  # seconds; returns the number of messages still queued
if remaining or not delivered:
    raise SystemExit(f"{remaining} message(s) not delivered")
msg = delivered[0]
print(f"produced {event['id']} to {msg.topic()} partition {msg.partition()} offset {msg.offset()}")
