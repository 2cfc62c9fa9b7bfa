// The signer against AWS's own published examples: if these pass, a request we sign is one
// AWS (and every S3-compatible server following it) computes the same signature for.
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  EMPTY_PAYLOAD_HASH,
  presignUrl,
  type SigV4Scope,
  sha256Hex,
  signature,
  signHeaders,
} from '../../src/attachments/sigv4-signer.ts';

/** Credentials of the S3 examples in "Authenticating Requests: Using the Authorization Header (AWS Signature Version 4)". */
const s3Example: SigV4Scope = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 's3',
};
const may24 = new Date('2013-05-24T00:00:00Z');

describe('SigV4 signer, AWS published examples', () => {
  it('SigV4 test suite "get-vanilla"', () => {
    const scope = {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      service: 'service',
    };
    const { text, signedHeaders } = canonicalRequest({
      method: 'GET',
      url: new URL('https://example.amazonaws.com/'),
      headers: { 'X-Amz-Date': '20150830T123600Z' },
      payloadHash: EMPTY_PAYLOAD_HASH,
    });
    expect(text).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(signedHeaders).toBe('host;x-amz-date');
    expect(signature(scope, new Date('2015-08-30T12:36:00Z'), text)).toBe(
      '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('S3 example: GET Object with a Range header', () => {
    const headers = signHeaders(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { Range: 'bytes=0-9' },
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
      s3Example,
      may24,
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });

  it('S3 example: PUT Object, with a key needing encoding', () => {
    const body = 'Welcome to Amazon S3.';
    const headers = signHeaders(
      {
        method: 'PUT',
        url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash: sha256Hex(body),
      },
      s3Example,
      may24,
    );
    expect(sha256Hex(body)).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    expect(headers.authorization).toContain(
      'SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('S3 example: presigned URL (query string authentication)', () => {
    const url = presignUrl(
      'GET',
      new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      s3Example,
      may24,
      86400,
    );
    expect(url.searchParams.get('X-Amz-Credential')).toBe(
      'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request',
    );
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Signature')).toBe(
      'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });
});
