import { maskTable } from './clusterOutputs';

describe('maskTable', () => {
  it('masks ages and pod hashes and re-aligns the columns, keeping empty cells', () => {
    const out = maskTable(
      [
        'NAME                              READY   STATUS      RESTARTS   AGE',
        'kafka-0                           1/1     Running     0          4m12s',
        'metabase-7c9f8d6b5d-x2xkq         1/1     Running     0          4m',
        'topics-f91ca06eaa-m8l4p           0/1     Completed   0          13s',
        '',
      ].join('\n'),
    );
    expect(out).toBe(
      [
        'NAME                   READY   STATUS      RESTARTS   AGE',
        'kafka-0                1/1     Running     0          <age>',
        'metabase-<hash>-<id>   1/1     Running     0          <age>',
        'topics-<hash>-<id>     0/1     Completed   0          <age>',
        '',
      ].join('\n'),
    );
  });

  it('keeps an empty column empty', () => {
    const out = maskTable(
      'NAME     SYNCED   READY   COMPOSITION   AGE\nevents   True     True                  5s\n',
    );
    expect(out).toBe(
      'NAME     SYNCED   READY   COMPOSITION   AGE\nevents   True     True                  <age>\n',
    );
  });
});
