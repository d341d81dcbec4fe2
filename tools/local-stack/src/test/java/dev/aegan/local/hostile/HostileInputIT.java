package dev.aegan.local.hostile;

import dev.aegan.contracts.Topics;
import dev.aegan.infra.Await;
import dev.aegan.local.FashionMnistSample;
import dev.aegan.local.LocalStack;
import dev.aegan.local.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The system against what a careless or hostile client sends: the README's own client commands
 * (kcat, curl, s3cmd) exactly as printed; every endpoint the services' OpenAPI documents list, called
 * by every kind of caller; and the committed corpus of malformed REST requests and
 * {@code ingest.images} records, each of which must get a coded JSON error or a dead letter with
 * its reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    /** How long a service may take to be back after a case took it down (restart back-off included). */
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final Corpus CORPUS = Corpus.load(Corpus.RESOURCE);

    private static LocalStack stack;
    private static StackHttp http;
    private static Path workDir;

    @BeforeAll
    static void startStack() throws Exception {
        workDir = Files.createTempDirectory("aegan-hostile-");
        stack = LocalStack.start(REPOSITORY, workDir, false, true);
        http = new StackHttp(stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void readmeClientCommandsWorkAsPrinted() throws Exception {
        Path session = Files.createDirectories(workDir.resolve("readme-session"));
        Files.write(session.resolve("shirt.png"), Payloads.generate("png", "28x28"));
        int images = ReadmeExpectation.SESSION_IMAGES;
        Files.write(session.resolve("train-images-idx3-ubyte.gz"), FashionMnistSample.images(images));
        Files.write(session.resolve("train-labels-idx1-ubyte.gz"), FashionMnistSample.labels(images));
        Map<String, String> environment = Map.of("AEGAN_TOKEN", stack.apiTokens().trainer(),
                "AEGAN_KCAT_CONFIG", workDir.resolve(LocalStack.KCAT_CONFIG).toString());

        List<String> commands = ReadmeCommands.read(REPOSITORY.resolve("README.md"));
        assertTrue(commands.size() >= 8, "the README's client block: " + commands);
        for (String command : commands) {
            ReadmeExpectation expectation = ReadmeExpectation.of(command);
            String localised = ReadmeCommands.localised(command, readmeAddresses());
            Shell.Result result = run(expectation, localised, session, environment);
            assertTrue(expectation.isMet(result), "README command: " + command + "\nexpected " + expectation.what()
                    + ", got exit " + result.exitCode() + " (kcat, s3cmd and curl come with "
                    + "scripts/install-prerequisites.sh --with-clients):\n" + result.output());
            System.out.println("[readme] ok: " + command);
        }
    }

    /** Runs a command once, or, when what it shows appears later, until it shows it; the last result. */
    private static Shell.Result run(ReadmeExpectation expectation, String command, Path dir, Map<String, String> env) {
        AtomicReference<Shell.Result> last = new AtomicReference<>(Shell.run(command, dir, env));
        if (expectation.eventually() && !expectation.isMet(last.get())) {
            try {
                Await.until(expectation.what(), PATIENCE, () -> {
                    last.set(Shell.run(command, dir, env));
                    return expectation.isMet(last.get()) ? last.get() : null;
                });
            } catch (AssertionError timedOut) {
                // the caller's assertion shows the last output
            }
        }
        return last.get();
    }

    /** The README's addresses (those of ./run-local) and this stack's. */
    private static Map<String, String> readmeAddresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("127.0.0.1:9092", stack.bootstrapServers());
        addresses.put("127.0.0.1:9000", URI.create(stack.s3Endpoint()).getAuthority());
        for (Service service : Service.values()) {
            addresses.put("127.0.0.1:" + service.defaultPort(), URI.create(stack.url(service)).getAuthority());
        }
        return addresses;
    }

    @Test
    @Order(2)
    void everyEndpointAnswersEachCallerAsItsRoleAllows() throws Exception {
        Map<Service, List<OpenApiEndpoints.Endpoint>> endpoints = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            endpoints.put(service, OpenApiEndpoints.of(stack.url(service)));
        }
        AuthMatrix matrix = AuthMatrix.measure(http, endpoints);
        String table = matrix.table();
        Path report = Path.of("target", "hostile", "auth-matrix.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);
        System.out.println("[auth matrix] " + matrix.endpointCount() + " endpoints (also in " + report + ")\n" + table);
        assertTrue(matrix.problems().isEmpty(), "callers answered against their role:\n" + String.join("\n",
                matrix.problems().stream().map(cell -> cell.service().module() + " " + cell.endpoint() + " as "
                        + cell.caller().label() + ": " + cell.problem()).toList()));
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> everyHostileRequestGetsACodedJsonError() {
        return CORPUS.restCases().stream().map(hostile -> DynamicTest.dynamicTest(hostile.id(), () -> {
            // a case before may have taken the service down: that is its failure, not this one's
            http.awaitReady(hostile.service(), RECOVERY);
            HttpAnswer answer;
            try {
                answer = http.send(hostile.service(), hostile.caller(), hostile.method(),
                        Template.expandText(hostile.pathTemplate()), hostile.headers(),
                        Template.expand(hostile.bodyTemplate()));
            } catch (UncheckedIOException e) {
                fail(hostile.id() + ": no answer from " + hostile.service().module() + " (" + e.getCause().getMessage()
                        + "); its log: " + stack.process(hostile.service()).log());
                return;
            }
            System.out.println("[corpus] " + hostile.id() + " -> " + answer);
            assertTrue(answer.status() == hostile.expectedStatus() && hostile.expectedCodes().contains(answer.errorCode()),
                    hostile.id() + ": expected " + hostile.expectedStatus() + " " + hostile.expectedCodes() + ", got "
                            + answer);
        }));
    }

    @TestFactory
    @Order(4)
    Stream<DynamicTest> everyHostileImageRecordIsDeadLetteredWithItsReason() {
        List<Corpus.TopicCase> cases = CORPUS.topicCases();
        // ingest.images has one partition, taken in order: once a record sent after all the cases has its
        // dead letter, every case has been decided, so a case without a dead letter was accepted
        String sentinel = "sentinel-" + UUID.randomUUID();
        http.awaitReady(Service.INGEST, RECOVERY);
        try (ImageRecords records = new ImageRecords(stack.kafkaClientSettings())) {
            for (Corpus.TopicCase hostile : cases) {
                records.send(hostile.topic(), hostile.id(), hostile.headers(),
                        hostile.valueTemplate() == null ? null : Template.expand(hostile.valueTemplate()));
            }
            records.send(Topics.INGEST_IMAGES, sentinel, Map.of(), Payloads.generate("png", "28x28"));
        }
        Instant deadline = Instant.now().plus(PATIENCE);
        DeadLetters deadLetters = new DeadLetters(stack.kafkaClientSettings());
        return cases.stream().map(hostile -> DynamicTest.dynamicTest(hostile.id(), () -> {
            Await.until("ingest to refuse a record without a dataset sent after the corpus", remaining(deadline),
                    () -> deadLetters.reasonFor(sentinel));
            DeadLetters.Reason reason = deadLetters.reasonFor(hostile.id());
            System.out.println("[corpus] " + hostile.id() + " -> " + (reason == null ? "accepted" : reason.code()));
            assertNotNull(reason, hostile.id() + ": no dead letter, so ingest accepted it; expected "
                    + hostile.expectedReasonCodes());
            assertTrue(hostile.expectedReasonCodes().contains(reason.code()), hostile.id() + ": expected "
                    + hostile.expectedReasonCodes() + ", got " + reason);
            assertNotNull(reason.text(), "a dead letter says why in its reason header");
        })).onClose(deadLetters::close);
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
