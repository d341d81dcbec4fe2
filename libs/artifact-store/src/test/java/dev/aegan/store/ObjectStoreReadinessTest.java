package dev.aegan.store;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectStoreReadinessTest {

    /** A frozen S3 server (SIGSTOP) still accepts connections; it just never answers. */
    @Test
    void aServerThatAcceptsButNeverAnswersIsNotReady() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket frozen = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(frozen.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            HealthCheckResponse response = readiness("http://127.0.0.1:" + frozen.getLocalPort()).call();
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertTrue(response.getData().orElseThrow().get("reason").toString().contains("no answer within"),
                    response.getData().toString());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void anUnreachableServerIsNotReady() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        HealthCheckResponse response = readiness("http://127.0.0.1:" + port).call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
    }

    private static ObjectStoreReadiness readiness(String endpoint) {
        ArtifactStore store = new ArtifactStore(new S3Settings() {
            public String endpoint() { return endpoint; }
            public String accessKey() { return "probe"; }
            public String secretKey() { return "probe-secret"; }
            public String region() { return "us-east-1"; }
        });
        return new ObjectStoreReadiness(store, Duration.ofSeconds(2));
    }
}
