import {
  CONNECTION_KEYS,
  envNameViolations,
  envOverrideViolations,
  isConnectionSecretKeyName,
  mqttUserViolations,
  PlatformCheckParameter,
  platformParameterViolations,
  realtimeViolations,
  replicationViolations,
  ServiceCheckParameter,
  serviceNameViolations,
  serviceParameterViolations,
  TOPIC_KEY_PREFIX,
  topicKey,
  topicKeyViolations,
  topicNameViolations,
  undeclaredTopicViolations,
} from '.';

/** A valid platform parameter with the definition's defaults, changed by `over`. */
function platform(
  over: Partial<PlatformCheckParameter> = {},
): PlatformCheckParameter {
  return {
    topics: [
      { name: 'orders', replicationFactor: 1 },
      { name: 'payments', replicationFactor: 1 },
    ],
    kafka: { replicas: 1 },
    mqtt: { users: [], bridges: [] },
    postgresql: { sink: { topics: [] } },
    ...over,
  };
}

/** A valid service parameter with the definition's defaults, changed by `over`. */
function service(
  over: Partial<ServiceCheckParameter> = {},
): ServiceCheckParameter {
  return { env: [], produces: [], consumes: [], ...over };
}

describe('TOPIC_KEY_PREFIX', () => {
  it('starts every topic key', () => {
    expect(TOPIC_KEY_PREFIX).toBe('TOPIC_');
    expect(topicKey('orders.created')).toBe(
      `${TOPIC_KEY_PREFIX}ORDERS_CREATED`,
    );
  });
});

describe('realtime-platform _checks', () => {
  it('topics: passes unique names, fails a duplicate', () => {
    expect(topicNameViolations(platform())).toEqual([]);
    expect(
      topicNameViolations(
        platform({ topics: [{ name: 'orders' }, { name: 'orders' }] }),
      ),
    ).toEqual([
      ['topics', 'topics: topic names must be unique: remove the duplicate'],
    ]);
  });

  it('topics: like cue, one missing name is not a duplicate, two are', () => {
    expect(
      topicNameViolations(platform({ topics: [{}, { name: 'a' }] })),
    ).toEqual([]);
    expect(topicNameViolations(platform({ topics: [{}, {}] }))).toHaveLength(1);
  });

  it('topicKeys: passes names with distinct keys, fails two that normalise alike', () => {
    expect(topicKeyViolations(platform())).toEqual([]);
    expect(
      topicKeyViolations(
        platform({ topics: [{ name: 'orders.new' }, { name: 'orders-new' }] }),
      ),
    ).toEqual([
      [
        'topicKeys',
        'topics: two topic names normalise to the same secret key (TOPIC_ORDERS_NEW, TOPIC_ORDERS_NEW): rename one',
      ],
    ]);
  });

  it('topicKeys: like cue, says nothing while a topic name is missing', () => {
    expect(
      topicKeyViolations(
        platform({
          topics: [{ name: 'a.b' }, { name: 'a_b' }, { replicationFactor: 1 }],
        }),
      ),
    ).toEqual([]);
  });

  it('users: passes unique MQTT user names, fails a duplicate', () => {
    const users = (...names: string[]) =>
      platform({ mqtt: { users: names.map(name => ({ name })), bridges: [] } });
    expect(mqttUserViolations(users('device', 'gateway'))).toEqual([]);
    expect(mqttUserViolations(users('device', 'device'))).toEqual([
      ['users', 'mqtt.users: user names must be unique: remove the duplicate'],
    ]);
  });

  it('replication<i>: passes a factor up to kafka.replicas, fails one above', () => {
    const topics = [
      { name: 'a', replicationFactor: 3 },
      { name: 'b', replicationFactor: 1 },
      { name: 'c', replicationFactor: 4 },
    ];
    expect(
      replicationViolations(platform({ topics, kafka: { replicas: 4 } })),
    ).toEqual([]);
    expect(
      replicationViolations(platform({ topics, kafka: { replicas: 3 } })),
    ).toEqual([
      [
        'replication2',
        'topics[2].replicationFactor: 4 exceeds kafka.replicas (3): lower it or add Kafka nodes',
      ],
    ]);
  });

  it('bridge<i>: passes a bridge to a declared topic, fails one to an undeclared topic', () => {
    const bridges = (...kafkaTopics: string[]) =>
      platform({
        mqtt: {
          users: [],
          bridges: kafkaTopics.map(kafkaTopic => ({ kafkaTopic })),
        },
      });
    expect(undeclaredTopicViolations(bridges('orders'))).toEqual([]);
    expect(undeclaredTopicViolations(bridges('orders', 'telemetry'))).toEqual([
      [
        'bridge1',
        'mqtt.bridges[1].kafkaTopic: "telemetry" is not a declared topic: add it to topics',
      ],
    ]);
  });

  it('bridge<i>: like cue, says nothing while a bridge has no kafkaTopic', () => {
    expect(
      undeclaredTopicViolations(
        platform({
          mqtt: { users: [], bridges: [{ kafkaTopic: 'telemetry' }, {}] },
        }),
      ),
    ).toEqual([]);
  });

  it('sink<i>: passes sink topics that are declared, fails one that is not', () => {
    const sink = (...topics: string[]) =>
      platform({ postgresql: { sink: { topics } } });
    expect(undeclaredTopicViolations(sink('payments', 'orders'))).toEqual([]);
    expect(undeclaredTopicViolations(sink('clicks', 'orders'))).toEqual([
      [
        'sink0',
        'postgresql.sink.topics[0]: "clicks" is not a declared topic: add it to topics',
      ],
    ]);
  });

  it('reports every rule, in the definition order', () => {
    expect(platformParameterViolations(platform())).toEqual([]);
    const checks = platformParameterViolations({
      topics: [
        { name: 'a.b', replicationFactor: 2 },
        { name: 'a.b', replicationFactor: 1 },
      ],
      kafka: { replicas: 1 },
      mqtt: {
        users: [{ name: 'u' }, { name: 'u' }],
        bridges: [{ kafkaTopic: 'x' }],
      },
      postgresql: { sink: { topics: ['y'] } },
    }).map(([check]) => check);
    expect(checks).toEqual([
      'topics',
      'topicKeys',
      'users',
      'replication0',
      'bridge0',
      'sink0',
    ]);
  });
});

describe('realtime-webservice _checks', () => {
  it('name: passes a DNS-1035 label of at most 63 characters, fails others', () => {
    expect(serviceNameViolations('api-2')).toEqual([]);
    expect(serviceNameViolations('a'.repeat(63))).toEqual([]);
    const message = (name: string) =>
      `component name "${name}" must be a DNS-1035 label of at most 63 characters (it names the Service): shorten or rename it`;
    for (const name of ['2api', 'api-', 'Api', 'a'.repeat(64)]) {
      expect(serviceNameViolations(name)).toEqual([['name', message(name)]]);
    }
  });

  it('env: passes unique variable names, fails a duplicate', () => {
    expect(
      envNameViolations(service({ env: [{ name: 'A' }, { name: 'B' }] })),
    ).toEqual([]);
    expect(
      envNameViolations(service({ env: [{ name: 'A' }, { name: 'A' }] })),
    ).toEqual([
      ['env', 'env: variable names must be unique: remove the duplicate'],
    ]);
  });

  it('env<i>: passes other names, fails a fixed connection key and a topic key', () => {
    expect(
      envOverrideViolations(
        service({ env: [{ name: 'LOG_LEVEL' }, { name: 'KAFKA_GROUP' }] }),
      ),
    ).toEqual([]);
    expect(
      envOverrideViolations(
        service({
          env: [
            { name: 'LOG_LEVEL' },
            { name: 'MQTT_PASSWORD' },
            { name: `${TOPIC_KEY_PREFIX}ANYTHING` },
          ],
        }),
      ),
    ).toEqual([
      [
        'env1',
        'env[1].name: MQTT_PASSWORD is a key of the platform connection secret and would override it: rename the variable',
      ],
      [
        'env2',
        'env[2].name: TOPIC_ANYTHING is a key of the platform connection secret and would override it: rename the variable',
      ],
    ]);
  });

  it('env<i>: like cue, says nothing while an env entry has no name', () => {
    expect(
      envOverrideViolations(service({ env: [{ name: 'MQTT_HOST' }, {}] })),
    ).toEqual([]);
  });

  it('isConnectionSecretKeyName: every fixed key and topic key, nothing else', () => {
    for (const { key } of CONNECTION_KEYS) {
      expect(isConnectionSecretKeyName(key)).toBe(true);
    }
    expect(isConnectionSecretKeyName(topicKey('orders'))).toBe(true);
    expect(isConnectionSecretKeyName('KAFKA_GROUP_ID')).toBe(false);
  });

  it('realtime: passes produces/consumes with realtime or none at all, fails them without', () => {
    expect(realtimeViolations(service())).toEqual([]);
    expect(
      realtimeViolations(service({ realtime: 'events', produces: ['orders'] })),
    ).toEqual([]);
    const expected = [
      [
        'realtime',
        'produces/consumes need realtime: set realtime to the platform component name',
      ],
    ];
    expect(realtimeViolations(service({ produces: ['orders'] }))).toEqual(
      expected,
    );
    expect(realtimeViolations(service({ consumes: ['orders'] }))).toEqual(
      expected,
    );
  });

  it('reports every rule, in the definition order', () => {
    expect(serviceParameterViolations(service())).toEqual([]);
    expect(
      serviceParameterViolations(
        service({
          env: [{ name: 'POSTGRES_URL' }, { name: 'POSTGRES_URL' }],
          consumes: ['orders'],
        }),
      ).map(([check]) => check),
    ).toEqual(['env', 'env0', 'env1', 'realtime']);
  });
});
