import {
  CONNECTION_KEYS,
  connectionKeyGroup,
  isCredentialKey,
  topicKey,
} from './connectionKeys';

describe('connection key groups', () => {
  it('every fixed key and a topic key fall in a named group', () => {
    const keys = [...CONNECTION_KEYS.map(k => k.key), topicKey('orders.v1')];
    expect(keys.filter(k => connectionKeyGroup(k) === 'Other')).toEqual([]);
    expect(connectionKeyGroup('TOPIC_ORDERS_V1')).toBe('Topics');
    expect(connectionKeyGroup('SCHEMA_REGISTRY_URL')).toBe('Schema registry');
  });

  it('negative control: a key the contract does not know is Other, and counts as a credential', () => {
    expect(connectionKeyGroup('CUSTOM_TOKEN')).toBe('Other');
    expect(isCredentialKey('CUSTOM_TOKEN')).toBe(true);
  });

  it('credentials are exactly the keys marked so; topic keys are not', () => {
    expect(CONNECTION_KEYS.map(k => k.key).filter(isCredentialKey)).toEqual(
      CONNECTION_KEYS.filter(k => k.credential).map(k => k.key),
    );
    expect(isCredentialKey(topicKey('a'))).toBe(false);
  });
});
