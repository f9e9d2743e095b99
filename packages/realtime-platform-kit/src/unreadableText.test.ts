import { app, check } from './__fixtures__/testing';

jest.setTimeout(60_000);

const platformApp = (properties: object) =>
  app('x', [{ name: 'p', type: 'realtime-platform', properties }]);

describe('text cue cannot read', () => {
  it('fails its own application, naming the field, and the rest of the batch still validates', async () => {
    const [bom, surrogate, good] = await check([
      platformApp({ topics: [{ name: 'orders\uFEFF' }] }),
      platformApp({ topics: [{ name: 'orders\uD800' }] }),
      platformApp({ topics: [{ name: 'orders' }] }),
    ]);
    expect(bom.valid).toBe(false);
    expect(bom.issues[0]).toMatchObject({
      component: 'p',
      field: 'topics[0].name',
      message: 'contains a byte order mark (U+FEFF), which cue cannot read',
    });
    expect(surrogate.issues[0]).toMatchObject({
      field: 'topics[0].name',
      message: 'contains an unpaired UTF-16 surrogate, which cue cannot read',
    });
    expect(good.valid).toBe(true);
  });
});

describe("text cue escapes in a rule's message", () => {
  it('a control character in a value a rule quotes comes back in the message, not as a crash', async () => {
    const [fv] = await check([
      platformApp({
        topics: [{ name: 'a' }],
        mqtt: {
          bridges: [{ mqttTopic: 'd/#', kafkaTopic: 'b\u0007\u000bc' }],
        },
      }),
    ]);
    expect(fv.valid).toBe(false);
    expect(fv.issues.map(i => i.message).join('\n')).toContain(
      'b\u0007\u000bc',
    );
  });
});
