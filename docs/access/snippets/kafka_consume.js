// Consume the telemetry topic in a consumer group and print each event (KafkaJS-compatible API).
const { Kafka, logLevel } = require('@confluentinc/kafka-javascript').KafkaJS;

async function main() {
  const topic = process.env.TOPIC_MACHINES_TELEMETRY;
  const kafka = new Kafka({
    kafkaJS: {
      brokers: process.env.KAFKA_BOOTSTRAP_SERVERS.split(','),
      ssl: false, // KAFKA_SECURITY_PROTOCOL is SASL_PLAINTEXT
      sasl: {
        mechanism: process.env.KAFKA_SASL_MECHANISM.toLowerCase(), // scram-sha-512
        username: process.env.KAFKA_USERNAME,
        password: process.env.KAFKA_PASSWORD,
      },
      logLevel: logLevel.ERROR,
    },
  });
  const consumer = kafka.consumer({
    kafkaJS: {
      groupId: 'docs-example-javascript', // one group per application: it owns the offsets
      fromBeginning: true, // a new group starts at the oldest retained event
    },
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });

  let received = 0;
  let lastAt = Date.now();
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const event = JSON.parse(message.value.toString());
      console.log(
        `consumed ${
          event.id
        } key=${message.key?.toString()} partition=${partition} offset=${
          message.offset
        }`,
      );
      received += 1;
      lastAt = Date.now();
    },
  });

  // An example stops 3 s after the last event (60 s at most); a service keeps running.
  const started = Date.now();
  while (
    Date.now() - started < 60_000 &&
    !(received && Date.now() - lastAt > 3000)
  ) {
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  await consumer.disconnect(); // commits offsets and leaves the group
  if (!received) throw new Error('no event received within 60 s');
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
