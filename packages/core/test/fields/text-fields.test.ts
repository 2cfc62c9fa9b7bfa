import { describe, expect, it } from 'vitest';
import { getFieldType } from '../../src/fields/index.ts';
import { type AcceptRow, expectAccepted, expectInvalid, fieldOf } from './field-test-helpers.ts';

describe.each(['SingleLineText', 'LongText'] as const)('%s', (uidt) => {
  const field = fieldOf(uidt);
  const accepted: AcceptRow[] = [
    { input: 'hello', canonical: 'hello' },
    { input: '  padded  ', canonical: '  padded  ' },
    { input: 'line one\nline two', canonical: 'line one\nline two' },
    { input: '', canonical: '' },
    { input: 12.5, canonical: '12.5' },
    { input: -3, canonical: '-3' },
    { input: true, canonical: 'true' },
    { input: false, canonical: 'false' },
    { input: null, canonical: null },
    { input: undefined, canonical: null },
    { input: 'ünïcødé ✓', canonical: 'ünïcødé ✓' },
    { input: ['a', 'b', 1], canonical: 'a,b,1', typecast: true },
    { input: { a: 1 }, canonical: '{"a":1}', typecast: true },
    { input: [{ a: 1 }], canonical: '[{"a":1}]', typecast: true },
  ];
  it.each(accepted)('accepts $input', (row) => expectAccepted(field, row));

  it.each([
    [{ a: 1 }, 'Expected text, got an object'],
    [['a'], 'Expected text, got an array'],
    [Number.NaN, 'Expected text, got NaN'],
    [Number.POSITIVE_INFINITY, 'Expected text, got Infinity'],
  ])('rejects %s', (value, message) => expectInvalid(field, value, message));

  it('keeps meta keys the UI sends and checks richMode', () => {
    expect(getFieldType(uidt).normaliseMeta({ foo: 1 })).toStrictEqual({ foo: 1 });
    if (uidt === 'LongText') {
      expect(getFieldType(uidt).normaliseMeta({ richMode: true })).toStrictEqual({ richMode: true });
      expect(() => getFieldType(uidt).normaliseMeta({ richMode: 'yes' })).toThrow(
        'meta.richMode must be true or false, got "yes"',
      );
    }
  });
});

describe('Email', () => {
  const field = fieldOf('Email');
  it.each([
    ['ann@example.com', 'ann@example.com'],
    ['  Ann.Lee+tag@Sub.Example.co.uk ', 'Ann.Lee+tag@Sub.Example.co.uk'],
    ["o'brien!#$%&*/=?^_`{|}~-@example.org", "o'brien!#$%&*/=?^_`{|}~-@example.org"],
    ['jörg@bücher.de', 'jörg@bücher.de'],
    ['x@xn--80ak6aa92e.com', 'x@xn--80ak6aa92e.com'],
    ['', null],
    ['   ', null],
    [null, null],
  ])('accepts %s', (input, canonical) => expectAccepted(field, { input, canonical }));

  it.each([
    'plainaddress',
    '@example.com',
    'ann@',
    'ann@example',
    'ann@example.c',
    'ann@@example.com',
    'ann@exa mple.com',
    'ann lee@example.com',
    '.ann@example.com',
    'ann.@example.com',
    'an..n@example.com',
    'ann@-example.com',
    'ann@example-.com',
    'ann@example..com',
    'ann@example.123',
    `${'a'.repeat(65)}@example.com`,
    'a@b.com, c@d.com',
  ])('rejects %s', (input) => expectInvalid(field, input, 'Expected an email address, got'));

  it('names the rejected value and rejects objects', () => {
    expectInvalid(field, 'nope', 'Expected an email address, got "nope"');
    expectInvalid(field, { a: 1 }, 'Expected text, got an object');
  });
});

describe('URL', () => {
  const field = fieldOf('URL');
  it.each([
    'https://example.com',
    'http://example.com/path?q=1#frag',
    'https://sub.example.co.uk:8443/a/b',
    'HTTPS://EXAMPLE.COM',
    'http://localhost:3000/x',
    'http://127.0.0.1:8080',
    'http://[::1]/',
    'ftp://files.example.org/pub/file.txt',
    'mailto:ann@example.com',
    'mailto:ann@example.com,bob@example.org?subject=Hi%20there',
    'example.com',
    'example.com/path',
    'www.example.com:8080/a?b=c',
    'https://münchen.de',
    'https://user:pw@example.com',
    'https://my_host.example.com',
  ])('accepts %s', (input) => expectAccepted(field, { input, canonical: input }));

  it('trims and treats blank as empty', () => {
    expectAccepted(field, { input: '  https://example.com ', canonical: 'https://example.com' });
    expectAccepted(field, { input: '', canonical: null });
  });

  it.each([
    ['not a url', 'Expected a URL, got "not a url"'],
    ['https://exa mple.com', 'Expected a URL'],
    ['garbage', 'Expected a URL, got "garbage"'],
    ['http://', 'Expected a URL'],
    ['http:example.com', 'Expected a URL'],
    ['https://example', 'Expected a URL'],
    ['example', 'Expected a URL'],
    ['/relative/path', 'Expected a URL'],
    ['mailto:not-an-address', 'Expected a URL'],
    ['javascript:alert(1)', "Unsupported URL scheme 'javascript:'"],
    ['file:///etc/passwd', "Unsupported URL scheme 'file:'"],
    ['data:text/html,hi', "Unsupported URL scheme 'data:'"],
    ['localhost:3000', "Unsupported URL scheme 'localhost:'"],
    ['ann@example.com', 'Expected a URL'],
    ['http://999.1.1.1', 'Expected a URL'],
  ])('rejects %s', (input, message) => expectInvalid(field, input, message));
});

describe('PhoneNumber', () => {
  const field = fieldOf('PhoneNumber');
  it.each([
    ['+1 (555) 123-4567', '+1 (555) 123-4567'],
    ['555.123.4567', '555.123.4567'],
    ['  +44 20 7946 0958 ', '+44 20 7946 0958'],
    ['12345', '12345'],
    ['12345678901234567890', '12345678901234567890'],
    [5551234, '5551234'],
    ['', null],
  ])('accepts %s', (input, canonical) => expectAccepted(field, { input, canonical }));

  it.each([
    ['1234', '5 to 20 digits'],
    ['123456789012345678901', '5 to 20 digits'],
    ['555-CALL-NOW', 'got "555-CALL-NOW"'],
    ['+', 'Expected a phone number'],
    ['12+345678', 'Expected a phone number'],
    ['(555) 123 4567 ext 9', 'Expected a phone number'],
    [true, 'Expected a phone number'],
    [[5551234], 'Expected text, got an array'],
  ])('rejects %s', (input, message) => expectInvalid(field, input, message));
});
