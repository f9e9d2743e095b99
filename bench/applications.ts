/**
 * Generated OAM application `i` of the benches: 0-5 topics, bridges and device users, a size,
 * Lenses on every fifth, a sink on odd ones with topics, 1-3 services producing and consuming.
 */
export function application(i: number) {
  const topics = Array.from({ length: i % 6 }, (_, t) => ({
    name: `team${i % 10}.app${i}.topic-${t}`,
    partitions: 1 + ((i + t) % 4),
  }));
  const bridges = topics
    .slice(0, i % 3)
    .map((t, b) => ({ mqttTopic: `devices/+/s${b}`, kafkaTopic: t.name }));
  const users = Array.from({ length: i % 4 }, (_, u) => ({
    name: `device-${u}`,
    topics: [`devices/${u}/#`],
  }));
  const platform: any = {
    name: `stream-${i % 7}`,
    type: 'realtime-platform',
    properties: {
      topics,
      mqtt: { users, bridges },
      resources: { size: ['small', 'medium', 'large'][i % 3] },
    },
  };
  if (i % 5 === 0) platform.properties.lenses = { acceptEULA: true };
  if (topics.length && i % 2)
    platform.properties.postgresql = { sink: { topics: [topics[0].name] } };
  const services = Array.from({ length: 1 + (i % 3) }, (_, s) => ({
    name: `svc-${s}`,
    type: 'realtime-webservice',
    properties: {
      image: `ghcr.io/example/svc-${s}:1.${i}.0`,
      realtime: platform.name,
      produces: topics.slice(0, 1).map(t => t.name),
      consumes: topics.slice(1, 3).map(t => t.name),
      env: [{ name: 'INDEX', value: String(i) }],
    },
  }));
  return {
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name: `app-${i}`, namespace: `team-${i % 10}` },
    spec: { components: [platform, ...services] },
  };
}
