/** Answers a person gives on the Create page (the form's values). */

/** The least the form asks for: a name, an owner and one service. */
export const minimalAnswers = {
  name: 'orders',
  owner: 'group:default/realtime-platform-team',
  topics: [],
  includeMqtt: false,
  webservices: [
    { name: 'api', image: 'ghcr.io/example/orders-api:1.0.0', port: 8080 },
  ],
  publish: false,
};

/** Every option: description, topics, MQTT ingestion, three services producing and consuming. */
export const fullAnswers = {
  name: 'factory-floor',
  description:
    'Machine telemetry from the press lines, alerts and a status page.',
  owner: 'user:default/guest',
  topics: ['machines.telemetry', 'machines.alerts', 'machines-state'],
  includeMqtt: true,
  mqttTopic: 'factory/press/+/telemetry',
  mqttKafkaTopic: 'machines.raw',
  webservices: [
    {
      name: 'ingest',
      image: 'ghcr.io/example/telemetry-ingest:2.3.1',
      port: 8080,
      consumes: ['machines.raw'],
      produces: ['machines.telemetry'],
    },
    {
      name: 'alerting',
      image: 'ghcr.io/example/alerting:0.9.4',
      port: 9000,
      consumes: ['machines.telemetry'],
      produces: ['machines.alerts', 'machines-state', 'machines.audit'],
    },
    {
      name: 'status-page',
      image:
        'ghcr.io/example/status-page@sha256:3b1f6a8c2d9e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a',
      port: 3000,
    },
  ],
  publish: false,
};
