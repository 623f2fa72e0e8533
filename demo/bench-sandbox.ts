// For bench/element.bench.mjs: starts the in-browser sandbox (as the demo does), then loads the
// module named by <meta name="then" content="…">, so the element page and the bare page pay the
// same sandbox start-up before their first request.
import { startSandbox } from '@memberkit/sandbox/browser';

await startSandbox({ baseUrl: 'https://api.memberkit.test/v1' });
const next = document.querySelector('meta[name="then"]')?.getAttribute('content');
if (next) {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = next;
  document.head.append(script);
}
