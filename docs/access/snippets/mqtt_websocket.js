// The same publish/subscribe over the WebSocket listener (MQTT_WS_URL), mqtt.js.
const { randomUUID } = require('node:crypto');
const mqtt = require('mqtt');

const topic = 'factory/press/1/telemetry';
const payload = `ws-${randomUUID()}`;
const client = mqtt.connect(process.env.MQTT_WS_URL, {
  username: process.env.MQTT_USERNAME,
  password: process.env.MQTT_PASSWORD,
  reconnectPeriod: 0,
  connectTimeout: 10_000,
});
const timer = setTimeout(
  () => fail(new Error('no message within 15 s')),
  15_000,
);
function fail(err) {
  console.error(`MQTT error: ${err.message}`);
  client.end(true);
  process.exit(1);
}

client.on('error', fail);
client.on('connect', async () => {
  await client.subscribeAsync(topic, { qos: 1 });
  await client.publishAsync(topic, payload, { qos: 1 });
});
client.on('message', (t, message) => {
  console.log(`received over websocket on ${t}: ${message.toString()}`);
  clearTimeout(timer);
  client.end();
});
