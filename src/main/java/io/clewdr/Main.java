package io.clewdr;

import io.clewdr.config.BuildInfo;
import io.clewdr.config.CliOptions;
import io.clewdr.config.ConfigException;
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
            System.exit(2);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("clewdr-shutdown").unstarted(clewdr::close));
        System.out.print(Banner.render(clewdr));
    }
}
