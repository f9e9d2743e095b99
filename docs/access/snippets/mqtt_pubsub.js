// Publish and subscribe over MQTT/TCP with the platform's app user (mqtt.js).
const { randomUUID } = require('node:crypto');
const mqtt = require('mqtt');

const url = `mqtt://${process.env.MQTT_HOST}:${process.env.MQTT_PORT}`;
const topic = 'factory/press/1/telemetry';
const payload = JSON.stringify({
  id: randomUUID(),
  machine: 'press-1',
  temperature: 71.5,
});

const client = mqtt.connect(url, {
  username: process.env.MQTT_USERNAME,
  password: process.env.MQTT_PASSWORD,
  clientId: `docs-example-${randomUUID().slice(0, 8)}`,
  reconnectPeriod: 0, // fail instead of retrying (a service keeps the default)
  connectTimeout: 10_000,
});
const timer = setTimeout(
  () => fail(new Error('no message within 15 s')),
  15_000,
);
function fail(err) {
  console.error(`MQTT error: ${err.message}`); // e.g. "Connection refused: Not authorized"
  client.end(true);
  process.exit(1);
}

client.on('error', fail);
client.on('connect', async () => {
  await client.subscribeAsync(topic, { qos: 1 });
  await client.publishAsync(topic, payload, { qos: 1 });
});
client.on('message', (t, message) => {
  console.log(`received on ${t}: ${message.toString()}`);
  clearTimeout(timer);
  client.end();
});
