/**
 * Loaded into a benchmarked server with `--expose-gc --require`: asked over the IPC channel, it collects garbage and
 * answers with the heap still in use, the memory the server really holds (RSS also counts what V8 keeps in reserve).
 */
process.on('message', (message) => {
  if (message !== 'live-heap') return;
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('heapProbe needs node --expose-gc');
  collect();
  process.send?.({ liveHeap: process.memoryUsage().heapUsed });
});
// The channel must not keep the server alive once it is told to stop.
process.channel?.unref();
