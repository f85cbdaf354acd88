// Peak memory of one synchronous run: the JavaScript heap plus array buffers (typed arrays live outside the
// heap). The process's maxRSS only ever grows (reading the large CSV sets it for the whole bench), and the
// resident set hides allocations that reuse pages V8 kept after an earlier collection. Without a collection
// the heap only grows, so its peak is the highest figure seen just before a collection or at the end.
import { GCProfiler, getHeapStatistics } from 'node:v8';

const MB = 2 ** 20;

export function measurePeakHeap(run: () => void): { peakMb: number; addedMb: number } {
  const now = getHeapStatistics();
  const startMb = (now.used_heap_size + now.external_memory) / MB;
  const profiler = new GCProfiler();
  profiler.start();
  run();
  const end = getHeapStatistics();
  let peak = end.used_heap_size + end.external_memory;
  for (const { beforeGC } of profiler.stop().statistics) {
    peak = Math.max(peak, beforeGC.heapStatistics.usedHeapSize + beforeGC.heapStatistics.externalMemory);
  }
  return { peakMb: peak / MB, addedMb: peak / MB - startMb };
}
