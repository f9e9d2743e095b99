/**
 * Generated applications of the shapes the kit's guarantee tests render (lists of 0, 1 and many
 * items; every optional part on), each in an application namespace of its own.
 */
import {
  PLATFORM_COMPONENT_TYPE,
  SERVICE_COMPONENT_TYPE,
} from '@internal/realtime-platform-contract';
import { ApplicationDocument } from '../application';

const image = 'ghcr.io/example/svc:1.2.3';

function listShape(n: number, namespace: string): ApplicationDocument {
  const topics = Array.from({ length: Math.max(n, 1) }, (_, i) => ({
    name: `t${i}`,
  }));
  const declared = n === 0 ? [] : topics.map(t => t.name);
  return {
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name: `lists-${n}`, namespace },
    spec: {
      components: [
        {
          name: 'p',
          type: PLATFORM_COMPONENT_TYPE,
          properties: {
            topics: n === 0 ? [] : topics,
            mqtt: {
              users: Array.from({ length: n }, (_, i) => ({
                name: `u${i}`,
                topics: [`d${i}/#`],
              })),
              bridges: Array.from({ length: n }, (_, i) => ({
                mqttTopic: `d${i}/+/x`,
                kafkaTopic: `t${i}`,
              })),
            },
            postgresql: { sink: { topics: declared } },
          },
        },
        {
          name: 'w',
          type: SERVICE_COMPONENT_TYPE,
          properties: {
            image,
            env: Array.from({ length: n }, (_, i) => ({
              name: `E${i}`,
              value: `${i}`,
            })),
            realtime: 'p',
            produces: declared,
            consumes: declared,
          },
        },
      ],
    },
  };
}

function fullShape(namespace: string): ApplicationDocument {
  return {
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name: 'full', namespace },
    spec: {
      components: [
        {
          name: 'platform',
          type: PLATFORM_COMPONENT_TYPE,
          properties: {
            kafka: { replicas: 3 },
            topics: [{ name: 'a', replicationFactor: 2 }, { name: 'b.c-d' }],
            mqtt: {
              users: [{ name: 'u1', topics: ['d/#'] }],
              bridges: [{ mqttTopic: 'd/+/t', kafkaTopic: 'a' }],
              tls: { secretName: 'mqtt-server-tls' },
            },
            lenses: { acceptEULA: true, metricsNamespace: 'monitoring' },
            postgresql: { sink: { topics: ['a'], insertMode: 'upsert' } },
            resources: {
              size: 'medium',
              schemaRegistryReplicas: 2,
              connectReplicas: 2,
            },
          },
        },
        {
          name: 'svc',
          type: SERVICE_COMPONENT_TYPE,
          properties: {
            image,
            replicas: 2,
            realtime: 'platform',
            produces: ['a'],
            consumes: ['b.c-d'],
          },
        },
      ],
    },
  };
}

/** Label → application object. */
export const GENERATED_SHAPES: [string, ApplicationDocument][] = [
  ['lists of 0', listShape(0, 'shape-0')],
  ['lists of 1', listShape(1, 'shape-1')],
  ['lists of 3', listShape(3, 'shape-3')],
  ['every part, 3 Kafka nodes', fullShape('shape-full')],
];
