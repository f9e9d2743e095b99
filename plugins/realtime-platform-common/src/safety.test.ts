import {
  checkUrl,
  isSafeSecretKeyName,
  isSafeTopicName,
  looksLikeCredential,
  looksLikeSecretValue,
} from './safety';

describe('looksLikeSecretValue', () => {
  it.each([
    'password=hunter2',
    'db token: abc',
    'API_KEY=xyz',
    'c3VwZXJzZWNyZXRwYXNzd29yZDEyMw==',
    'AKIAIOSFODNN7EXAMPLE1234',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
    '-----BEGIN PRIVATE KEY-----',
    'https://admin:pw@lenses.example.com',
    'd41d8cd98f00b204e9800998ecf8427ed41d8cd9',
  ])('flags %s', value => {
    expect(looksLikeSecretValue(value)).toBe(true);
  });

  it.each([
    'kafka.factory--telemetry-realtime.svc.cluster.local',
    'KAFKA_BOOTSTRAP_SERVERS',
    'POSTGRES_PASSWORD',
    'orders.created',
    'factory/telemetry-conn',
    'component:factory/telemetry',
    'file:/work/main/platform/examples/REALTIME-OAM-EXAMPLE.yaml',
    'url:https://github.com/example-org/realtime-platform/tree/main/catalog',
  ])('accepts %s', value => {
    expect(looksLikeSecretValue(value)).toBe(false);
  });
});

describe('looksLikeCredential', () => {
  it('flags only unambiguous credentials, not IDs or hashes', () => {
    expect(looksLikeCredential('db password=hunter2')).toBe(true);
    expect(looksLikeCredential('https://x.example.com/?token=abc')).toBe(true);
    expect(
      looksLikeCredential(
        'url:https://github.com/o/r/blob/d41d8cd98f00b204e9800998ecf8427ed41d8cd9/x',
      ),
    ).toBe(false);
  });
});

describe('checkUrl', () => {
  it('accepts http and https', () => {
    expect(checkUrl('https://lenses.example.com/x')).toEqual({
      url: 'https://lenses.example.com/x',
    });
    expect(checkUrl('http://localhost:3000')).toEqual({
      url: 'http://localhost:3000/',
    });
  });

  it.each([
    // eslint-disable-next-line no-script-url -- refusing these is the point
    ['javascript:alert(1)', 'scheme'],
    // eslint-disable-next-line no-script-url
    ['JavaScript:alert(1)', 'scheme'],
    ['data:text/html,<script>alert(1)</script>', 'scheme'],
    ['ftp://example.com', 'scheme'],
    ['not a url', 'malformed'],
    ['//example.com', 'malformed'],
    ['', 'malformed'],
    [42, 'malformed'],
    ['https://u:p@example.com', 'credentials'],
    ['https://example.com/?token=abc', 'secret-in-url'],
    ['https://example.com/?password=abc', 'secret-in-url'],
  ])('refuses %s as %s', (value, reason) => {
    expect(checkUrl(value)).toEqual({ refused: reason });
  });
});

describe('names', () => {
  it('accepts UPPER_SNAKE keys only, never value-like ones', () => {
    expect(isSafeSecretKeyName('TOPIC_ORDERS_CREATED')).toBe(true);
    expect(isSafeSecretKeyName('kafka_bootstrap')).toBe(false);
    expect(isSafeSecretKeyName('PASSWORD=HUNTER2')).toBe(false);
    expect(isSafeSecretKeyName('KEY_A1B2C3D4E5F6G7H8')).toBe(false);
  });

  it('accepts Kafka topic names, not blobs', () => {
    expect(isSafeTopicName('device.telemetry')).toBe(true);
    expect(isSafeTopicName('a b')).toBe(false);
    expect(isSafeTopicName('aGVsbG8gd29ybGQgc2VjcmV0MTIz')).toBe(false);
  });
});
