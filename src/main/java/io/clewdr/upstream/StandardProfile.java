package io.clewdr.upstream;

/** The plain client: every {@link ClientProfile} default. */
record StandardProfile() implements ClientProfile {

    /** The one instance callers get from {@link ClientProfile#standard()}. */
    static final StandardProfile INSTANCE = new StandardProfile();

    @Override
    public String name() {
        return "standard";
    }
}
