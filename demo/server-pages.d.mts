/** The demo's pages on memberkit-server: path → response. */
export declare const serverDemoPages: Record<string, (request: Request) => Response>;
