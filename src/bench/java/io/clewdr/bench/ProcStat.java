package io.clewdr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process from {@code /proc}: utime+stime of {@code /proc/PID/stat}
 * (in clock ticks of 10 ms, so only differences over seconds of load are meaningful) and VmRSS of
 * {@code /proc/PID/status}.
 */
final class ProcStat {
    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux we meet. */
    static final long TICKS_PER_SECOND = 100;

    private ProcStat() {}

    /** CPU time used so far, in nanoseconds. */
    static long cpuNanos(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may contain spaces; fields after its closing parenthesis are plain.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** Resident set size in KiB. */
    static long rssKib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** CPU time of the whole machine that was not idle, in nanoseconds summed over cores. */
    static long machineBusyNanos() {
        String[] f = read(Path.of("/proc/stat")).split("\n")[0].trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length; i++) {
            if (i != 4 && i != 5) { // idle and iowait
                busy += Long.parseLong(f[i]);
            }
        }
        return busy * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /**
     * The machine's CPU time so far, in clock ticks summed over cores: {@code {total, steal}}. Steal is
     * time in which a core had work but the hypervisor ran something else: a virtual machine's own
     * stall, which no process on it can see in its own CPU time.
     */
    static long[] machineTicks() {
        String[] f = read(Path.of("/proc/stat")).split("\n")[0].trim().split("\\s+");
        // user nice system idle iowait irq softirq steal; the guest columns after them are already
        // counted in user and nice.
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, f.length > 8 ? Long.parseLong(f[8]) : 0};
    }

    /** Busy time of one core, in nanoseconds. */
    static long coreBusyNanos(int core) {
        for (String line : read(Path.of("/proc/stat")).split("\n")) {
            if (line.startsWith("cpu" + core + " ")) {
                String[] f = line.trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < f.length; i++) {
                    if (i != 4 && i != 5) {
                        busy += Long.parseLong(f[i]);
                    }
                }
                return busy * (1_000_000_000L / TICKS_PER_SECOND);
            }
        }
        return 0;
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
