// The load both server benches drive: `count` requests from `concurrency` clients, each sending
// its next request when its last one is answered; throughput, latency percentiles, failures, and
// the CPU the load generator itself used (it shares the machine with the server).

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

export async function load(count, concurrency, request) {
  const latencies = [];
  let next = 0;
  let failures = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const t = performance.now();
        try {
          const response = await request();
          await response.arrayBuffer();
          if (!response.ok) failures++;
        } catch {
          // A connection reset under load is a failure of this request, not of the run.
          failures++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return { perSecond: count / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), failures, clientCpuMs: (used.user + used.system) / 1000 };
}
