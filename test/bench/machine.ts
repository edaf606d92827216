import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

/** CPU counters in clock ticks: the whole machine's busy time and this bench's (itself and its workerd). */
export interface CpuReading {
  total: number;
  busy: number;
  own: number;
}

function procStatTimes(stat: string): {
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
  ppid: number;
} {
  // The command name may hold spaces and parentheses; fields are counted from its closing one.
  const fields = stat
    .slice(stat.lastIndexOf(")") + 2)
    .split(" ")
    .map(Number);
  return { ppid: fields[1], utime: fields[11], stime: fields[12], cutime: fields[13], cstime: fields[14] };
}

function childrenTicks(): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const times = procStatTimes(readFileSync(`/proc/${entry}/stat`, "utf8"));
      if (times.ppid === process.pid) ticks += times.utime + times.stime;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks;
}

/** Undefined where there is no Linux /proc to read. */
export function readCpu(): CpuReading | undefined {
  try {
    const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks;
    const self = procStatTimes(readFileSync("/proc/self/stat", "utf8"));
    return {
      total: user + nice + system + idle + iowait + irq + softirq + steal,
      // Interrupt time is left out: loopback traffic's softirq work is the bench's own but not charged to it.
      busy: user + nice + system,
      own: self.utime + self.stime + self.cutime + self.cstime + childrenTicks(),
    };
  } catch {
    return undefined;
  }
}

/**
 * Cores' worth of CPU that other processes used between two readings: other
 * engineers' test runs share this machine and would depress every figure.
 */
export function foreignCores(start: CpuReading | undefined, end: CpuReading | undefined): number | undefined {
  if (!start || !end || end.total <= start.total) return undefined;
  const foreign = end.busy - start.busy - (end.own - start.own);
  return Math.max(0, (foreign / (end.total - start.total)) * availableParallelism());
}
