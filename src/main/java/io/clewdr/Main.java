package io.clewdr;

/** The composition root: reads the configuration, builds every part by hand and starts the server. */
public final class Main {
    private Main() {}

    /**
     * Starts ClewdR.
     *
     * @param args command-line flags
     */
    public static void main(String[] args) {
        // replaced by the real composition root
    }
}
