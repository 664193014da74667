/**
 * Runs callbacks `delayMs` later, as a distant server would answer; cancel()
 * drops the ones still waiting (a benchmark server closing).
 */
export function delayer(delayMs: number): { later(fn: () => void): void; cancel(): void } {
  const timers = new Set<NodeJS.Timeout>();
  return {
    later(fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, delayMs);
      timers.add(timer);
    },
    cancel() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
