// A WebSocket client written out by hand over TCP, for what a browser cannot do on purpose:
// stop reading (a slow consumer) or never answer pings (a dead peer).
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawFeedEnd {
  /** Code of the server's close frame, if one was read. */
  readonly closeCode: number | undefined;
  /** Text frames read, parsed. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON messages
  readonly messages: Record<string, any>[];
  readonly pings: number;
}

export interface RawFeedSocket {
  sendJson(message: unknown): void;
  /** Stops reading: the kernel's buffers fill, then the server's. */
  pause(): void;
  resume(): void;
  /** Resolves when the server ends the connection. */
  readonly ended: Promise<RawFeedEnd>;
  destroy(): void;
}

function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length > 65_535) throw new Error('test frames stay small');
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.alloc(4);
  if (payload.length >= 126) {
    header[0] = 0x81;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(payload.length, 2);
  }
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([header, mask, masked]);
}

/** Opens `/api/v2/realtime` with the given headers; resolves after the 101 answer. */
export function rawFeedSocket(port: number, headers: Record<string, string>): Promise<RawFeedSocket> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const messages: RawFeedEnd['messages'] = [];
    let pings = 0;
    let closeCode: number | undefined;
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    let endResolve: (end: RawFeedEnd) => void = () => {};
    const ended = new Promise<RawFeedEnd>((r) => {
      endResolve = r;
    });
    const parseFrames = () => {
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = (buffer[0] as number) & 0x0f;
        let length = (buffer[1] as number) & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        const payload = buffer.subarray(offset, offset + length);
        buffer = buffer.subarray(offset + length);
        if (opcode === 0x1) messages.push(JSON.parse(payload.toString('utf8')));
        else if (opcode === 0x8) {
          closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
          // No closing handshake needed here: hang up.
          socket.destroy();
          return;
        } else if (opcode === 0x9) pings++;
      }
    };
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString();
        buffer = buffer.subarray(end + 4);
        if (!head.startsWith('HTTP/1.1 101')) {
          reject(new Error(`no upgrade: ${head.split('\r\n')[0]}`));
          socket.destroy();
          return;
        }
        upgraded = true;
        resolve({
          sendJson: (message) => socket.write(frame(JSON.stringify(message))),
          pause: () => socket.pause(),
          resume: () => socket.resume(),
          ended,
          destroy: () => socket.destroy(),
        });
      }
      parseFrames();
    });
    socket.on('error', () => {});
    socket.on('close', () => endResolve({ closeCode, messages, pings }));
    const lines = [
      'GET /api/v2/realtime HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}
