import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';

/** Uploads hold personal data (rosters, photos): folders 0700, files 0600, whatever the umask. */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Content-addressed file store on the local disk: a file's name is the sha256 of its bytes,
 * so the same upload is stored once. (An S3-compatible bucket can implement the same interface.)
 */
export class FileStore {
  constructor(private readonly root: string) {}

  private pathOf(hash: string) {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('bad file hash');
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  /** Streams `input` to the store, enforcing a size limit. */
  async put(input: Readable, maxBytes: number): Promise<{ hash: string; size: number }> {
    await mkdir(path.join(this.root, 'tmp'), { recursive: true, mode: DIR_MODE });
    const tmp = path.join(this.root, 'tmp', randomUUID());
    const sha = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
        sha.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(tmp, { mode: FILE_MODE }));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    const hash = sha.digest('hex');
    const final = this.pathOf(hash);
    await mkdir(path.dirname(final), { recursive: true, mode: DIR_MODE });
    if (existsSync(final)) await rm(tmp, { force: true });
    else await rename(tmp, final);
    return { hash, size };
  }

  read(hash: string): Readable {
    return createReadStream(this.pathOf(hash));
  }

  localPath(hash: string): string {
    return this.pathOf(hash);
  }

  async exists(hash: string): Promise<boolean> {
    try {
      await stat(this.pathOf(hash));
      return true;
    } catch {
      return false;
    }
  }

  async remove(hash: string): Promise<void> {
    await rm(this.pathOf(hash), { force: true });
  }
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
  }
}
