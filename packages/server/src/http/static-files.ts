// The widget's files, from the server's own origin: what packages/signup's Vite builds write
// (the script-tag builds, their chunks, the frame page and its assets, the frame host script),
// so that an organization pastes two lines and nothing else. The TypeScript library output in
// the same folder (files with a .d.ts beside them) is not served. A file whose name carries a
// content hash is cached for a year; the others (entry points with stable names) for five
// minutes, with an ETag.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * `frame-BKM76WTT.js`, `name.3f9a1c2e.css`: a content hash (8 or more characters, at least one
 * digit or capital, unlike a word such as `.classic`) before the extension.
 */
const hashed = /[.-](?=[A-Za-z0-9_]*[A-Z0-9])[A-Za-z0-9_]{8,}\.[a-z0-9]+(\.map)?$/;

interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

export class WidgetFiles {
  readonly #root: string;
  readonly #cache = new Map<string, StaticFile | null>();

  constructor(root: string) {
    // Without its trailing separator: paths inside are checked to start with `root + sep`.
    this.#root = normalize(root).replace(/[\\/]+$/, '');
  }

  get available(): boolean {
    return existsSync(join(this.#root, 'membership-signup.js'));
  }

  /** The file at URL path `path`, or null: not one of the widget's files. */
  read(path: string): StaticFile | null {
    if (this.#cache.has(path)) return this.#cache.get(path)!;
    const file = this.#resolve(path);
    const found = file ? this.#load(file) : null;
    // Entry files may be rebuilt under a running server (npm start --no-build, tests): only
    // hashed files, which never change, are kept.
    if (found && hashed.test(path)) this.#cache.set(path, found);
    return found;
  }

  #resolve(path: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const file = normalize(join(this.#root, decoded));
    if (!file.startsWith(this.#root + sep)) return undefined;
    const extension = extname(file);
    if (!Object.hasOwn(types, extension)) return undefined;
    if (file.endsWith('.d.ts') || file.endsWith('.d.ts.map')) return undefined;
    // tsc's output (each module with its declaration file) is the npm package, not the widget.
    const script = extension === '.map' ? file.slice(0, -4) : file;
    if (script.endsWith('.js') && existsSync(script.replace(/\.js$/, '.d.ts'))) return undefined;
    try {
      if (!statSync(file).isFile()) return undefined;
    } catch {
      return undefined;
    }
    return file;
  }

  #load(file: string): StaticFile {
    const body = new Uint8Array(readFileSync(file));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    return {
      body,
      headers: {
        'Content-Type': types[extname(file)]!,
        'Cache-Control': hashed.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        ETag: etag,
        'X-Content-Type-Options': 'nosniff',
        // The widget's scripts are loaded cross-origin by organizations' pages.
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Access-Control-Allow-Origin': '*',
      },
    };
  }
}
