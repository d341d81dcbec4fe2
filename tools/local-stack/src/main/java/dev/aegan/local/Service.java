package dev.aegan.local;

/** The platform's services as the local stack runs them: module folder and default HTTP port. */
public enum Service {
    INGEST("ingest-service", 8081),
    TRAINER("trainer-service", 8082),
    METRICS("metrics-service", 8083),
    CRITIC("critic-service", 8084),
    GALLERY("gallery-service", 8080);

    private final String module;
    private final int defaultPort;

    Service(String module, int defaultPort) {
        this.module = module;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
