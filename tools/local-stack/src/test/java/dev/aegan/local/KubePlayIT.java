package dev.aegan.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aegan.infra.Await;
import dev.aegan.local.compose.Command;
import dev.aegan.local.compose.Podman;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local Kubernetes overlay ({@code k8s/overlays/local}, rendered by {@code kubectl kustomize}) run
 * by {@code podman kube play}: its five service Deployments, with their ConfigMaps, Secrets, security
 * contexts, emptyDirs and resource limits, on the images of {@code ./build-images}, reach ready. And
 * overlays/local-gpu's trainer API Deployment, whose runs.requests consumer is switched off, answers
 * but never joins the trainers' group. Every service knows the API tokens of the Secret it is given.
 * <p>
 * What podman 4.3 cannot run is stood in for, the way Kubernetes would provide it: Kafka's and MinIO's
 * StatefulSets run as Deployments of the same pod template (emptyDirs for their claims) on the
 * stand-in images of the compose scenario; the Services' names resolve through hostAliases to the pod
 * addresses; the Secrets, which the overlay only names, are created as podman secrets (named, like the
 * service images' tag, after this run, so that runs side by side on one podman stay apart); container ports
 * are not declared to podman, which would publish each on the host; each emptyDir is a folder of the
 * test's, group-owned by the pod's fsGroup as the kubelet makes it (podman makes an emptyDir a named
 * volume of the volume's name, shared by all pods that use that name, and owned by root where the
 * image has the folder); and since podman
 * ignores readiness and startup probes (it turns a liveness probe into a curl health check, which needs
 * systemd timers here), this test calls each probe of the manifest as the kubelet would.
 */
class KubePlayIT {
    private static final Duration PATIENCE = Duration.ofMinutes(8);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "aegan-kube-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String NETWORK = PREFIX;
    /**
     * The service images are built under a tag of this run's own (the manifests' project-version tag is
     * replaced, as a kustomization's {@code images:} would), so that concurrent runs on one podman
     * never play each other's images; the layers are podman's cache, shared by every build.
     */
    private static final String TAG = PREFIX;
    private static final List<String> SERVICES = List.of("ingest", "trainer", "metrics", "critic", "gallery");
    private static final String TRAINER_API = "trainer-api";
    private static final String SERVICE_IMAGE = "aegan/";
    /** A read of each service's API: open to anyone, but a token sent with it is checked. */
    private static final Map<String, String> API_READS = Map.of("ingest", "/datasets", "trainer", "/runs",
            "metrics", "/evaluations/skipped", "critic", "/evaluations/skipped", "gallery", "/api/runs", TRAINER_API, "/runs");
    /** The secret of the admin token in Secret aegan-api-tokens. */
    private static final String API_TOKEN = UUID.randomUUID().toString();
    private static final Map<String, String> REPORT = new LinkedHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private static Podman podman;
    private static final List<Path> PLAYED = new ArrayList<>();
    private static final Set<String> SECRETS = new TreeSet<>();
    private static Path work;
    private static Map<String, JsonNode> deployments;
    /** Everything played, by its name in the overlay: the service Deployments and the infrastructure stand-ins. */
    private static final Map<String, JsonNode> WORKLOADS = new LinkedHashMap<>();
    private static final Map<String, String> POD_ADDRESSES = new LinkedHashMap<>();

    @BeforeAll
    static void playTheLocalOverlay() throws Exception {
        podman = Podman.start(REPOSITORY);
        work = Files.createTempDirectory(PREFIX);
        Instant standInBuild = Instant.now();
        Map<String, String> environment = new LinkedHashMap<>(podman.clientEnvironment());
        environment.putAll(Map.of("BUILDER", "podman", "SKIP_MAVEN", "1", "AEGAN_VERSION", TAG));
        run(environment, "containers/standins/build-standins.sh");
        REPORT.put("stand-in images built", seconds(standInBuild));
        Instant serviceBuild = Instant.now();
        run(environment, "./build-images"); // the images the manifests name, aegan/<service>, at this run's tag
        REPORT.put("5 service images built (podman's layer cache reused)", seconds(serviceBuild));

        List<JsonNode> local = render("k8s/overlays/local");
        deployments = new LinkedHashMap<>();
        for (JsonNode object : local) {
            if (object.path("kind").asText().equals("Deployment")) {
                deployments.put(object.path("metadata").path("name").asText(), object);
            }
        }
        assertEquals(Set.copyOf(SERVICES), deployments.keySet());
        JsonNode trainerApi = render("k8s/overlays/local-gpu").stream()
                .filter(o -> o.path("kind").asText().equals("Deployment") && o.path("metadata").path("name").asText().equals("trainer"))
                .findFirst().orElseThrow();
        deployments.put(TRAINER_API, trainerApi);

        createSecrets();
        podman.run(Duration.ofMinutes(1), "network", "create", NETWORK);

        Instant up = Instant.now();
        Map<String, String> standIns = standInImages();
        List<JsonNode> infrastructure = new ArrayList<>();
        for (JsonNode object : local) {
            if (object.path("kind").asText().equals("StatefulSet")) {
                infrastructure.add(asDeployment(object, standIns));
            }
        }
        for (JsonNode statefulSet : infrastructure) {
            String name = statefulSet.path("metadata").path("name").asText();
            // kafka advertises kafka:9092, which its own tools (the readiness probe) resolve too
            addHostAliases(statefulSet, Map.of("127.0.0.1", name));
            WORKLOADS.put(name, statefulSet);
            play(name, statefulSet, List.of());
            POD_ADDRESSES.put(name, podAddress(name));
        }
        Map<String, String> services = Map.of(POD_ADDRESSES.get("kafka"), "kafka", POD_ADDRESSES.get("minio"), "minio");
        awaitProbe("kafka", "readinessProbe");
        awaitProbe("minio", "readinessProbe");

        for (String name : deployments.keySet()) {
            JsonNode deployment = deployments.get(name).deepCopy();
            addHostAliases(deployment, services);
            WORKLOADS.put(name, deployment);
            play(name, deployment, local.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")).toList());
            POD_ADDRESSES.put(name, podAddress(name));
        }
        for (String name : deployments.keySet()) {
            awaitProbe(name, "startupProbe");
            awaitProbe(name, "readinessProbe");
        }
        REPORT.put("kube play to every service ready", seconds(up));
    }

    @AfterAll
    static void removeEverything() {
        if (podman == null) {
            return;
        }
        try {
            for (Path file : PLAYED) {
                ignoringFailure("kube", "down", file.toString());
            }
            ignoringFailure("network", "rm", "-f", NETWORK);
            for (String secret : SECRETS) {
                ignoringFailure("secret", "rm", secret);
            }
            for (String service : SERVICES) {
                ignoringFailure("rmi", "-f", SERVICE_IMAGE + service + "-service:" + TAG);
            }
            deleteWorkFolder();
        } finally {
            podman.close();
            REPORT.forEach((key, value) -> System.out.println("[kube] " + key + ": " + value));
        }
    }

    @Test
    void everyServiceIsLiveAndReadyUnderItsSecurityContext() throws Exception {
        for (String name : deployments.keySet()) {
            awaitProbe(name, "livenessProbe");
            JsonNode container = WORKLOADS.get(name).path("spec").path("template").path("spec").path("containers").get(0);
            JsonNode inspected = JSON.readTree(podman.run(Duration.ofSeconds(30), "inspect", containerName(name, container)));
            JsonNode host = inspected.get(0).path("HostConfig");
            assertTrue(host.path("ReadonlyRootfs").asBoolean(), name + " has a writable root file system");
            assertEquals("185:185", inspected.get(0).path("Config").path("User").asText(), name + " runs as another user");
            long limit = host.path("Memory").asLong();
            assertTrue(limit > 0, name + " runs without a memory limit");
            REPORT.put(name + " memory limit", limit / (1024 * 1024) + " MiB");
        }
        REPORT.put("pod addresses", POD_ADDRESSES.toString());
    }

    /** Every service took the tokens of Secret aegan-api-tokens: it accepts that token, and refuses another (401). */
    @Test
    void everyServiceKnowsTheTokensOfTheSecret() throws Exception {
        for (String name : deployments.keySet()) {
            assertEquals(200, apiRead(name, API_TOKEN).statusCode(), name + " refused the Secret's token");
            HttpResponse<String> unknown = apiRead(name, UUID.randomUUID().toString());
            assertEquals(401, unknown.statusCode(), name + " accepted an unknown token: " + unknown.body());
            assertTrue(unknown.body().contains("INVALID_TOKEN"), unknown.body());
        }
    }

    @Test
    void theTrainerApiOfTheGpuOverlayNeverJoinsTheTrainersGroup() {
        String kafka = containerName("kafka", WORKLOADS.get("kafka").path("spec").path("template").path("spec").path("containers").get(0));
        String members = Await.until("the trainer's consumer in group trainer", PATIENCE, () -> {
            String described = podman.run(Duration.ofMinutes(1), "exec", kafka, "/opt/kafka/bin/kafka-consumer-groups.sh",
                    "--bootstrap-server", "localhost:9092", "--describe", "--group", "trainer", "--members");
            return described.contains("/" + POD_ADDRESSES.get("trainer")) ? described : null;
        });
        assertTrue(!members.contains("/" + POD_ADDRESSES.get(TRAINER_API) + " "),
                "the API-only trainer joined group trainer:\n" + members);
        REPORT.put("group trainer", members.strip().replace("\n", " | "));
    }

    private static HttpResponse<String> apiRead(String name, String token) throws IOException, InterruptedException {
        JsonNode container = WORKLOADS.get(name).path("spec").path("template").path("spec").path("containers").get(0);
        URI uri = URI.create("http://" + POD_ADDRESSES.get(name) + ":" + port(container, TextNode.valueOf("http")) + API_READS.get(name));
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> render(String overlay) throws IOException {
        String yaml = Command.run(REPOSITORY, Map.of(), Duration.ofMinutes(2), List.of("kubectl", "kustomize", overlay));
        return YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll().stream().filter(n -> !n.isNull()).toList();
    }

    /**
     * The overlay's Secrets, named but not shipped, as podman 4.3 reads them (JSON of key to base64 value), under
     * this run's prefix.
     */
    private static void createSecrets() throws IOException {
        Map<String, Map<String, String>> secrets = Map.of(
                "aegan-s3-credentials", Map.of("access-key", "aegan-kube", "secret-key", UUID.randomUUID().toString()),
                "aegan-api-tokens", Map.of("tokens", "kube-it:admin:" + API_TOKEN));
        for (var secret : secrets.entrySet()) {
            ObjectNode data = JSON.createObjectNode();
            secret.getValue().forEach((key, value) ->
                    data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
            Path file = work.resolve(secret.getKey() + ".json");
            Files.writeString(file, JSON.writeValueAsString(data));
            String name = PREFIX + "-" + secret.getKey();
            podman.run(Duration.ofSeconds(30), "secret", "create", name, file.toString());
            SECRETS.add(name);
        }
    }

    /** The stand-in images of the compose scenario, by the image they replace (containers/standins). */
    private static Map<String, String> standInImages() throws IOException {
        JsonNode override = YAML.readTree(REPOSITORY.resolve("containers/standins/docker-compose.standins.yml").toFile());
        JsonNode compose = YAML.readTree(REPOSITORY.resolve("docker-compose.yml").toFile());
        Map<String, String> images = new LinkedHashMap<>();
        for (String service : List.of("kafka", "minio")) {
            images.put(compose.path("services").path(service).path("image").asText(),
                    override.path("services").path(service).path("image").asText());
        }
        return images;
    }

    /** A StatefulSet as the Deployment of its pod template (podman plays no StatefulSet), its claims as emptyDirs. */
    private static JsonNode asDeployment(JsonNode statefulSet, Map<String, String> standIns) {
        ObjectNode deployment = statefulSet.deepCopy();
        deployment.put("kind", "Deployment");
        ObjectNode spec = (ObjectNode) deployment.path("spec");
        spec.remove("serviceName");
        JsonNode claims = spec.remove("volumeClaimTemplates");
        ObjectNode pod = (ObjectNode) spec.path("template").path("spec");
        ArrayNode volumes = pod.has("volumes") ? (ArrayNode) pod.path("volumes") : pod.putArray("volumes");
        claims.forEach(claim -> volumes.addObject().put("name", claim.path("metadata").path("name").asText()).putObject("emptyDir"));
        for (JsonNode container : pod.path("containers")) {
            String image = container.path("image").asText();
            assertTrue(standIns.containsKey(image), "no stand-in for " + image + " (the overlay and docker-compose.yml disagree)");
            ((ObjectNode) container).put("image", standIns.get(image));
        }
        return deployment;
    }

    private static void addHostAliases(JsonNode workload, Map<String, String> hostnamesByAddress) {
        ObjectNode pod = (ObjectNode) workload.path("spec").path("template").path("spec");
        ArrayNode aliases = pod.putArray("hostAliases");
        hostnamesByAddress.forEach((address, hostname) -> aliases.addObject().put("ip", address).putArray("hostnames").add(hostname));
    }

    private static void play(String name, JsonNode workload, List<JsonNode> configMaps) throws IOException {
        ObjectNode renamed = workload.deepCopy();
        ((ObjectNode) renamed.path("metadata")).put("name", PREFIX + "-" + name);
        JsonNode pod = renamed.path("spec").path("template").path("spec");
        // podman 4.3 publishes every containerPort on the host; the pods are reached at their own addresses
        pod.path("containers").forEach(c -> ((ObjectNode) c).remove("ports"));
        // this run's images and secrets, never those of a run beside it on the same podman
        for (JsonNode container : pod.path("containers")) {
            String image = container.path("image").asText();
            if (image.startsWith(SERVICE_IMAGE)) {
                ((ObjectNode) container).put("image", image.substring(0, image.lastIndexOf(':') + 1) + TAG);
            }
            for (JsonNode variable : container.path("env")) {
                JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
                if (secret.has("name")) {
                    ((ObjectNode) secret).put("name", PREFIX + "-" + secret.path("name").asText());
                }
            }
        }
        // and makes each emptyDir a named volume of the volume's name, shared by every pod that names it so,
        // owned by root where the image has the folder: each becomes a folder of its own, group-owned by
        // the pod's fsGroup as the kubelet makes an emptyDir
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.has("emptyDir")) {
                Path folder = Files.createDirectory(work.resolve(name + "-" + volume.path("name").asText()));
                Files.setAttribute(folder, "unix:uid", pod.path("securityContext").path("runAsUser").asInt(0));
                Files.setAttribute(folder, "unix:gid", pod.path("securityContext").path("fsGroup").asInt(0));
                Files.setAttribute(folder, "unix:mode", 02775);
                ((ObjectNode) volume).remove("emptyDir");
                ((ObjectNode) volume).putObject("hostPath").put("path", folder.toString()).put("type", "Directory");
            }
        }
        StringBuilder yaml = new StringBuilder();
        for (JsonNode document : configMaps) {
            yaml.append(YAML.writeValueAsString(document));
        }
        yaml.append(YAML.writeValueAsString(renamed));
        Path file = work.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        PLAYED.add(file);
        System.out.println(podman.run(Duration.ofMinutes(3), "kube", "play", "--network", NETWORK, file.toString()));
    }

    /** podman names a Deployment's pod {@code <name>-pod-0} and its containers {@code <pod>-<container>}. */
    private static String containerName(String name, JsonNode container) {
        return PREFIX + "-" + name + "-pod-0-" + container.path("name").asText();
    }

    private static String podAddress(String name) throws IOException {
        JsonNode infra = JSON.readTree(podman.run(Duration.ofSeconds(30), "pod", "inspect", PREFIX + "-" + name + "-pod-0"));
        String infraId = (infra.isArray() ? infra.get(0) : infra).path("InfraContainerID").asText();
        JsonNode networks = JSON.readTree(podman.run(Duration.ofSeconds(30), "inspect", infraId))
                .get(0).path("NetworkSettings").path("Networks");
        return networks.path(NETWORK).path("IPAddress").asText();
    }

    /** Runs the manifest's probe of {@code name}'s first container, as the kubelet does, until it succeeds. */
    private static void awaitProbe(String name, String probeName) {
        JsonNode container = WORKLOADS.get(name).path("spec").path("template").path("spec").path("containers").get(0);
        JsonNode probe = container.path(probeName);
        assertTrue(probe.isObject(), name + " has no " + probeName);
        Await.until(name + " " + probeName, PATIENCE, () -> passes(name, container, probe) ? name : null);
    }

    /** httpGet: a 2xx or 3xx answer; tcpSocket: a connection; exec: exit status 0 inside the container. */
    private static boolean passes(String name, JsonNode container, JsonNode probe) {
        String address = POD_ADDRESSES.get(name);
        int timeout = probe.path("timeoutSeconds").asInt(1);
        try {
            if (probe.has("httpGet")) {
                JsonNode get = probe.path("httpGet");
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + ":"
                                + port(container, get.path("port")) + get.path("path").asText()))
                        .timeout(Duration.ofSeconds(timeout)).build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() >= 200 && response.statusCode() < 400;
            }
            if (probe.has("tcpSocket")) {
                try (var socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(address, port(container, probe.path("tcpSocket").path("port"))),
                            timeout * 1000);
                    return true;
                }
            }
            List<String> command = new ArrayList<>(List.of("exec", containerName(name, container)));
            probe.path("exec").path("command").forEach(part -> command.add(part.asText()));
            podman.run(Duration.ofSeconds(timeout + 30), command.toArray(String[]::new));
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int port(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new IllegalStateException("no port " + port + " in " + container.path("name"));
    }

    private static void deleteWorkFolder() {
        if (work == null) {
            return;
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("[kube] " + work + " stays: " + e.getMessage());
        }
    }

    private static void ignoringFailure(String... arguments) {
        try {
            podman.run(Duration.ofMinutes(2), arguments);
        } catch (IllegalStateException e) {
            System.err.println("[kube] " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static void run(Map<String, String> environment, String... command) {
        System.out.println(Command.run(REPOSITORY, environment, BUILD_TIMEOUT, List.of(command)));
    }

    private static String seconds(Instant since) {
        return Duration.between(since, Instant.now()).toSeconds() + " s";
    }
}
