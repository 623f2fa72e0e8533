// Types of demo/server.mjs (a plain Node module so `npm start` needs no TypeScript loader).
import type { Server } from 'node:http';

export declare const repositoryRoot: string;

export interface ServeOptions {
  port?: number;
  host?: string;
  routes?: Record<string, string | { body: string | Uint8Array; type?: string }>;
  headers?: (urlPath: string) => Record<string, string> | undefined;
  sandbox?: { handlers: unknown[] };
}

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
  server: Server;
}

export declare function serve(options?: ServeOptions): Promise<RunningServer>;
