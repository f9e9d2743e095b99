// Produce one JSON event to the platform's telemetry topic (@confluentinc/kafka-javascript, KafkaJS API).
const { randomUUID } = require('node:crypto');
const { Kafka, logLevel } = require('@confluentinc/kafka-javascript').KafkaJS;

async function main() {
  const topic = process.env.TOPIC_MACHINES_TELEMETRY; // one TOPIC_* key per declared topic
  const kafka = new Kafka({
    kafkaJS: {
      brokers: process.env.KAFKA_BOOTSTRAP_SERVERS.split(','),
      ssl: false, // KAFKA_SECURITY_PROTOCOL is SASL_PLAINTEXT
      sasl: {
        mechanism: process.env.KAFKA_SASL_MECHANISM.toLowerCase(), // scram-sha-512
        username: process.env.KAFKA_USERNAME,
        password: process.env.KAFKA_PASSWORD,
      },
      clientId: 'docs-example-producer',
      logLevel: logLevel.ERROR,
    },
  });
  const producer = kafka.producer({ kafkaJS: { idempotent: true, acks: -1 } });
  await producer.connect();
  try {
    const event = { id: randomUUID(), machine: 'press-1', temperature: 71.5 };
    const [report] = await producer.send({
      topic,
      messages: [{ key: event.machine, value: JSON.stringify(event) }],
    });
    console.log(
      `produced ${event.id} to ${report.topicName} partition ${report.partition} offset ${report.baseOffset}`,
    );
  } finally {
    await producer.disconnect();
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
