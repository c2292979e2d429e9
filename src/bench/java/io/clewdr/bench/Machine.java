package io.clewdr.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The facts of the machine a run was on: CPU model and count, kernel, memory, the JDK. */
final class Machine {
    private Machine() {}

    static String describe() {
        String cpu = ProcStat.read(Path.of("/proc/cpuinfo"))
                .lines()
                .filter(l -> l.startsWith("model name"))
                .findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse("?");
        String kernel = ProcStat.read(Path.of("/proc/sys/kernel/osrelease")).trim();
        String mem = ProcStat.read(Path.of("/proc/meminfo"))
                .lines()
                .findFirst()
                .orElse("")
                .replaceAll("\\s+", " ");
        Path governor = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
        String gov = Files.exists(governor) ? ProcStat.read(governor).trim() : "n/a (no cpufreq)";
        return cpu + " x" + Runtime.getRuntime().availableProcessors() + " visible to the driver, "
                + ProcStat.read(Path.of("/proc/cpuinfo"))
                        .lines()
                        .filter(l -> l.startsWith("processor"))
                        .count()
                + " cores; kernel " + kernel + "; " + mem + "; governor " + gov + "; JDK "
                + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
    }
}
