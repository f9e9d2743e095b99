"""Publish and subscribe over MQTT/TCP with the platform's app user (paho-mqtt 2)."""
import json
import os
import threading
import uuid

import paho.mqtt.client as mqtt

topic = "factory/press/1/telemetry"
payload = json.dumps({"id": str(uuid.uuid4()), "machine": "press-1", "temperature": 71.5})
done = threading.Event()
failure = []


def on_connect(client, userdata, flags, reason_code, properties):
    if reason_code.is_failure:  # e.g. "Bad user name or password", "Not authorized"
        failure.append(str(reason_code))
        done.set()
        return
    client.subscribe(topic, qos=1)


def on_subscribe(client, userdata, mid, reason_code_list, properties):
    client.publish(topic, payload, qos=1)


def on_message(client, userdata, message):
    print(f"received on {message.topic}: {message.payload.decode()}")
    done.set()


client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"docs-example-{uuid.uuid4().hex[:8]}")
client.username_pw_set(os.environ["MQTT_USERNAME"], os.environ["MQTT_PASSWORD"])
client.on_connect, client.on_subscribe, client.on_message = on_connect, on_subscribe, on_message
client.connect(os.environ["MQTT_HOST"], int(os.environ["MQTT_PORT"]), keepalive=30)
client.loop_start()
ok = done.wait(15)
client.disconnect()
client.loop_stop()
if failure:
    raise SystemExit(f"connection refused: {failure[0]}")
if not ok:
    raise SystemExit("no message within 15 s")
