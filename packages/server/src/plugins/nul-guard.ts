import { TesseraError } from '@tessera/core';
import type { FastifyRequest } from 'fastify';

/** Deeper request bodies are refused by other limits long before this matters. */
const MAX_DEPTH = 64;

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
}

/**
 * PostgreSQL cannot store a NUL character in text or JSON, so every request carrying one (in
 * its path, query or body) is refused up front, on both databases alike, instead of failing
 * deep inside a write.
 */
export async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body))
    throw new TesseraError(
      'ERR_NUL_CHARACTER',
      'Text in the request may not contain the NUL character (\\u0000)',
    );
}
