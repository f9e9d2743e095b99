"""Register an Avro schema for the telemetry topic's values and fetch it back."""
import json
import os

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient

client = SchemaRegistryClient({"url": os.environ["SCHEMA_REGISTRY_URL"]})
subject = f"{os.environ['TOPIC_MACHINES_TELEMETRY']}-value"  # TopicNameStrategy

schema = Schema(json.dumps({
    "type": "record",
    "name": "Telemetry",
    "namespace": "org.example.factory",
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "machine", "type": "string"},
        {"name": "temperature", "type": "double"},
    ],
}, separators=(",", ":")), schema_type="AVRO")

schema_id = client.register_schema(subject, schema)  # idempotent: same schema, same id
latest = client.get_latest_version(subject)
fetched = client.get_schema(schema_id)
fields = [f["name"] for f in json.loads(fetched.schema_str)["fields"]]
print(f"registered {subject} id={schema_id} version={latest.version}")
print(f"fetched id={latest.schema_id} type={fetched.schema_type} fields={','.join(fields)}")
