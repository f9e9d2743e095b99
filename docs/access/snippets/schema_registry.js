// Register an Avro schema for the telemetry topic's values and fetch it back (@confluentinc/schemaregistry).
const { SchemaRegistryClient } = require('@confluentinc/schemaregistry');

async function main() {
  const client = new SchemaRegistryClient({
    baseURLs: [process.env.SCHEMA_REGISTRY_URL],
  });
  const subject = `${process.env.TOPIC_MACHINES_TELEMETRY}-value`; // TopicNameStrategy
  const schema = {
    schemaType: 'AVRO',
    schema: JSON.stringify({
      type: 'record',
      name: 'Telemetry',
      namespace: 'org.example.factory',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'machine', type: 'string' },
        { name: 'temperature', type: 'double' },
      ],
    }),
  };

  const id = await client.register(subject, schema); // idempotent: same schema, same id
  const latest = await client.getLatestSchemaMetadata(subject);
  const fetched = await client.getBySubjectAndId(subject, id);
  const fields = JSON.parse(fetched.schema).fields.map(f => f.name);
  console.log(`registered ${subject} id=${id} version=${latest.version}`);
  console.log(`fetched id=${latest.id} fields=${fields.join(',')}`);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
