import { parseMermaid } from './mermaid';

describe('parseMermaid', () => {
  it('reads nodes, labels, subgraphs and edges (not layout links)', () => {
    const d = parseMermaid(
      [
        'flowchart LR',
        '  subgraph stack[Platform]',
        '    kafka[(Kafka)]',
        '    mqtt([MQTT])',
        '  end',
        '  devices((Devices)) -->|publish| mqtt',
        '  mqtt -.-> kafka ~~~ devices',
        '  stack --- devices',
      ].join('\n'),
      'x.mmd',
    );
    expect(d.errors).toEqual([]);
    expect(d.nodes.get('kafka')).toEqual({
      id: 'kafka',
      label: 'Kafka',
      group: 'stack',
    });
    expect(d.nodes.get('devices')?.label).toBe('Devices');
    expect([...d.groups.keys()]).toEqual(['stack']);
    expect(d.nodes.has('stack')).toBe(false);
    expect(
      d.edges.map(e => `${e.from} ${e.op} ${e.to} ${e.label ?? ''} ${e.line}`),
    ).toEqual([
      'devices --> mqtt publish 6',
      'mqtt -.-> kafka  7',
      'stack --- devices  8',
    ]);
  });

  it('rejects what the cross-check would silently miss', () => {
    const d = parseMermaid(
      'flowchart LR\n  a & b --> c\n  a -- text --> b\n',
      'y.mmd',
    );
    expect(d.errors).toEqual([
      'y.mmd:2: "&" chains are not supported by the cross-check; write one edge per line',
      expect.stringMatching(/^y\.mmd:3: cannot read node/),
    ]);
  });
});
