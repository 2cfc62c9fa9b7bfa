import { attachmentKeyOf } from '@tessera/core';
import type { DownloadLinks } from './download-links.ts';

type Item = Record<string, unknown>;

/**
 * A stored attachment item as the API answers it (NocoDB's shape): an uploaded file gets its
 * absolute `url` and an expiring `signedUrl`, and each thumbnail a `signedUrl`; links (`url`
 * items) are answered as stored.
 */
export function attachmentView(item: Item, links: DownloadLinks, nowMs = Date.now()): Item {
  const key = typeof item.path === 'string' ? attachmentKeyOf(item.path) : undefined;
  if (key === undefined) return item;
  const view: Item = { ...item, url: links.url(key), signedUrl: links.signedUrl(key, nowMs) };
  const thumbnails = item.thumbnails;
  if (typeof thumbnails === 'object' && thumbnails !== null) {
    const signed: Item = {};
    for (const [name, thumbnail] of Object.entries(thumbnails as Item)) {
      const path = (thumbnail as { path?: unknown } | null)?.path;
      const thumbnailKey = typeof path === 'string' ? attachmentKeyOf(path) : undefined;
      if (thumbnailKey !== undefined) signed[name] = { signedUrl: links.signedUrl(thumbnailKey, nowMs) };
    }
    view.thumbnails = signed;
  }
  return view;
}
