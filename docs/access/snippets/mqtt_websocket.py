"""The same publish/subscribe over the WebSocket listener (MQTT_WS_URL), paho-mqtt 2."""
import os
import threading
import uuid
from urllib.parse import urlsplit

import paho.mqtt.client as mqtt

url = urlsplit(os.environ["MQTT_WS_URL"])  # ws://host:9001/
topic = "factory/press/1/telemetry"
payload = f"ws-{uuid.uuid4()}"
done = threading.Event()
failure = []


def on_connect(client, userdata, flags, reason_code, properties):
    if reason_code.is_failure:
        failure.append(str(reason_code))
        done.set()
        return
    client.subscribe(topic, qos=1)


def on_subscribe(client, userdata, mid, reason_code_list, properties):
    client.publish(topic, payload, qos=1)


def on_message(client, userdata, message):
    print(f"received over websocket on {message.topic}: {message.payload.decode()}")
    done.set()


client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, transport="websockets")
client.ws_set_options(path=url.path or "/")
client.username_pw_set(os.environ["MQTT_USERNAME"], os.environ["MQTT_PASSWORD"])
client.on_connect, client.on_subscribe, client.on_message = on_connect, on_subscribe, on_message
client.connect(url.hostname, url.port or 80, keepalive=30)
client.loop_start()
ok = done.wait(15)
client.disconnect()
client.loop_stop()
if failure:
    raise SystemExit(f"connection refused: {failure[0]}")
if not ok:
    raise SystemExit("no message within 15 s")
