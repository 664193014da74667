/** What a process has used so far, read from /proc (Linux). */
import { readFileSync } from 'node:fs';

export interface Memory {
  /** Peak resident set (VmHWM), MB (10^6 bytes). */
  peakMB: number;
  /** Current resident set (VmRSS), MB. */
  rssMB: number;
}

/** A process's peak and current resident memory, from /proc (Linux). */
export function memoryOf(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const mb = (k: number) => Math.round((k * 1024) / 1e5) / 10;
    return { peakMB: mb(kb('VmHWM')), rssMB: mb(kb('VmRSS')) };
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc
 * (Linux, clock ticks of 10 ms). Per request, it compares servers even when
 * other work on the machine slows them all down.
 */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
    return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS);
  } catch {
    return undefined;
  }
}
/** USER_HZ: 100 on every mainstream Linux. */
const CLOCK_TICKS = 100;
