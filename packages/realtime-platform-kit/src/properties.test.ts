import { parseProperties } from './properties';

describe('parseProperties', () => {
  it('keeps everything after the first = as the value, and skips comments and blank lines', () => {
    expect(
      parseProperties(
        '# a comment\n\nsasl.jaas.config=Login required password="a=b";\nempty=',
      ),
    ).toEqual({
      'sasl.jaas.config': 'Login required password="a=b";',
      empty: '',
    });
  });
});
