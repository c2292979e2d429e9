package io.clewdr;

import io.clewdr.config.BuildInfo;
import io.clewdr.config.CliOptions;
import io.clewdr.config.ConfigException;
import io.clewdr.observe.LogSetup;
import io.clewdr.server.ListenException;
import java.time.Clock;

/** The command line: parses the flags, starts ClewdR, prints the banner and stops on SIGTERM. */
public final class Main {
    private Main() {}

    /**
     * Starts ClewdR.
     *
     * @param args command-line flags ({@code -c}, {@code -l}, {@code -f}, {@code -V}, {@code -h})
     */
    public static void main(String[] args) {
        // Netty's buffer allocator registers Flight Recorder events on first use unless told not to:
        // that starts the recorder's machinery, a tenth of a second and several megabytes we never use.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        CliOptions cli;
        try {
            cli = CliOptions.parse(args);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println(CliOptions.usage());
            System.exit(2);
            return;
        }
        if (cli.help()) {
            System.out.println(CliOptions.usage());
            return;
        }
        if (cli.version()) {
            System.out.print(BuildInfo.current().versionBlock(false));
            return;
        }
        Clewdr clewdr;
        try {
            clewdr = Clewdr.start(cli, System.getenv(), Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println("ClewdR cannot start: " + e.getMessage());
            LogSetup.flush();
            System.exit(2);
            return;
        } catch (ListenException e) {
            System.err.println("ClewdR cannot start: " + e.getMessage());
            LogSetup.flush();
            System.exit(1);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("clewdr-shutdown").unstarted(() -> {
                    clewdr.close();
                    LogSetup.flush();
                }));
        LogSetup.drain();
        System.out.print(Banner.render(clewdr));
    }
}
