import { cueQuote, isCueInt, re2ToJs } from './cueText';

describe('cue text', () => {
  it('quotes strings as cue prints them in errors', () => {
    // What cue v0.17 printed for these values (checked with realtime-kit validate).
    expect(
      [
        'a"b',
        'a\\b',
        '\x07\b\f\v\t\n\r',
        'é😀\u0300',
        '\u0001\u007f\u00a0\u200b',
        '\u{e0001}',
      ].map(cueQuote),
    ).toEqual([
      '"a\\"b"',
      '"a\\\\b"',
      '"\\a\\b\\f\\v\\t\\n\\r"',
      '"é😀\u0300"',
      '"\\u0001\\u007f\\u00a0\\u200b"',
      '"\\U000e0001"',
    ]);
  });

  it('reads numbers as cue reads the JSON the kit hands over', () => {
    expect([2 ** 63, 1e20, -3, 0].every(isCueInt)).toBe(true);
    expect([1e21, -1e21, 1.5, 1e-7].some(isCueInt)).toBe(false);
  });

  it('gives RE2 patterns their RE2 meaning', () => {
    const re = (p: string) => new RegExp(re2ToJs(p), 'u');
    expect(re('^[^\\s]*$').test('a\u00a0b')).toBe(true);
    expect(re('^[^\\s]*$').test('a b')).toBe(false);
    expect(re('^\\s$').test('\u2028')).toBe(false);
    expect(re('^a.b$').test('a\u2028b')).toBe(true);
    expect(re('^a.b$').test('a\nb')).toBe(false);
    expect(re('^[.]$').test('x')).toBe(false);
    expect(re('^[]a]$').test(']')).toBe(true);
  });
});
