package dev.aegan.infra;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs {@link LocalInfra} until its standard input closes: the child side of {@link LocalInfraProcess}.
 * Argument: the S3 data folder.
 */
public final class LocalInfraServer {
    static final String SETTING = "aegan-infra-setting: ";
    static final String READY = "aegan-infra-ready";

    private LocalInfraServer() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalInfra infra = LocalInfra.start(0, 0, Path.of(args[0]))) {
            infra.serviceConfig(null).forEach((key, value) -> System.out.println(SETTING + key + "=" + value));
            System.out.println(READY);
            System.out.flush();
            waitForStdinToClose();
        }
    }

    private static void waitForStdinToClose() throws IOException {
        while (System.in.read() >= 0) {
            // the parent never writes; end of input means it is done with us (or gone)
        }
    }
}
