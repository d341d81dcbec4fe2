package dev.aegan.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.Channels;
import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.PlatformAccess;
import dev.aegan.k8s.Workloads.Container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every rendered overlay keeps. Each rule returns its violations, one line each, so a
 * test can show that a mutation of the manifests is caught by the rule meant to catch it.
 */
final class ManifestPolicy {
    private static final Pattern SECRET_LOOKING = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|JAAS|CREDENTIAL|ACCESS_KEY).*");
    private static final String RUN_REQUESTS_CHANNEL = "mp.messaging.incoming." + Channels.RUN_REQUESTS_IN + ".";

    /** {@code ${name}} or {@code ${name:default}} in a property value: the name. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)[^}]*}");
    private static final Pattern PROJECT_VERSION = Pattern.compile("\n  <version>(.+)</version>");

    private final Path repository;
    private final String projectVersion;
    private final Map<String, ServiceConfigCatalog> catalogs = new HashMap<>();

    ManifestPolicy(Path repository) {
        this.repository = repository;
        try {
            Matcher version = PROJECT_VERSION.matcher(Files.readString(repository.resolve("pom.xml")));
            this.projectVersion = version.find() ? version.group(1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule, by name. */
    Map<String, Function<List<JsonNode>, List<String>>> rules() {
        Map<String, Function<List<JsonNode>, List<String>>> rules = new LinkedHashMap<>();
        rules.put("probes", ManifestPolicy::probes);
        rules.put("resources", ManifestPolicy::resources);
        rules.put("pinned images", this::pinnedImages);
        rules.put("restricted security context", ManifestPolicy::restrictedSecurityContext);
        rules.put("writable paths on emptyDir", ManifestPolicy::writablePaths);
        rules.put("no literal secrets", ManifestPolicy::noLiteralSecrets);
        rules.put("configuration the service reads", this::configurationIsRead);
        rules.put("trainer grace period", this::trainerGracePeriod);
        rules.put("topics and ACLs", ManifestPolicy::topicsAndAcls);
        rules.put("KEDA scaling", this::kedaScaling);
        rules.put("Kafka credentials", ManifestPolicy::kafkaCredentials);
        rules.put("transactional ids per replica", this::transactionalIdsPerReplica);
        return rules;
    }

    static List<String> probes(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (Container c : Workloads.containers(objects)) {
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                if (!c.container().has(probe)) {
                    violations.add(c.where() + " has no " + probe);
                }
            }
        }
        return violations;
    }

    static List<String> resources(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (Container c : Workloads.containers(objects)) {
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (c.container().path("resources").path(bound).path(resource).asText().isEmpty()) {
                        violations.add(c.where() + " has no " + bound + "." + resource);
                    }
                }
            }
        }
        return violations;
    }

    /** A tag, never latest; the project's images at the project's version (the CUDA trainer: {@code -cuda}). */
    List<String> pinnedImages(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (Container c : Workloads.containers(objects)) {
            String image = c.image();
            int slash = image.lastIndexOf('/');
            int colon = image.lastIndexOf(':');
            String tag = colon > slash ? image.substring(colon + 1) : "";
            if (tag.isEmpty() || tag.equals("latest")) {
                violations.add(c.where() + " runs " + image + " without a pinned tag");
            } else if (c.service().isPresent() && !Set.of(projectVersion, projectVersion + "-cuda").contains(tag)) {
                violations.add(c.where() + " runs " + image + ", not the project version " + projectVersion);
            }
        }
        return violations;
    }

    /** The restricted Pod Security Standard, read-only root file system, and no service account token or service links. */
    static List<String> restrictedSecurityContext(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (Container c : Workloads.containers(objects)) {
            JsonNode pod = c.pod().path("securityContext");
            JsonNode own = c.container().path("securityContext");
            if (!own.path("runAsNonRoot").asBoolean(pod.path("runAsNonRoot").asBoolean(false))) {
                violations.add(c.where() + " may run as root (runAsNonRoot)");
            }
            if (own.path("runAsUser").asInt(pod.path("runAsUser").asInt(-1)) == 0) {
                violations.add(c.where() + " runs as user 0");
            }
            String seccomp = own.path("seccompProfile").path("type").asText(pod.path("seccompProfile").path("type").asText(""));
            if (!Set.of("RuntimeDefault", "Localhost").contains(seccomp)) {
                violations.add(c.where() + " has no RuntimeDefault seccomp profile");
            }
            if (own.path("allowPrivilegeEscalation").asBoolean(true)) {
                violations.add(c.where() + " allows privilege escalation");
            }
            if (own.path("privileged").asBoolean(false)) {
                violations.add(c.where() + " is privileged");
            }
            if (!own.path("readOnlyRootFilesystem").asBoolean(false)) {
                violations.add(c.where() + " writes its root file system");
            }
            List<String> dropped = new ArrayList<>();
            own.path("capabilities").path("drop").forEach(cap -> dropped.add(cap.asText()));
            if (!dropped.contains("ALL") || own.path("capabilities").has("add")) {
                violations.add(c.where() + " keeps capabilities (drop " + dropped + ", add " + own.path("capabilities").path("add") + ")");
            }
        }
        for (JsonNode workload : objects) {
            if (!Workloads.WORKLOAD_KINDS.contains(workload.path("kind").asText())) {
                continue;
            }
            JsonNode pod = workload.path("spec").path("template").path("spec");
            String name = workload.path("kind").asText() + " " + workload.path("metadata").path("name").asText();
            for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (pod.path(host).asBoolean(false)) {
                    violations.add(name + " sets " + host);
                }
            }
            pod.path("volumes").forEach(volume -> {
                if (volume.has("hostPath")) {
                    violations.add(name + " mounts hostPath " + volume.path("name").asText());
                }
            });
            if (pod.path("automountServiceAccountToken").asBoolean(true)) {
                violations.add(name + " mounts a service account token it does not use");
            }
            if (pod.path("enableServiceLinks").asBoolean(true)) {
                violations.add(name + " gets service-link variables (KAFKA_PORT=tcp://... reaches the Kafka clients)");
            }
        }
        return violations;
    }

    /** Where the service image writes (/tmp: Vert.x, uploads, DJL's cache DJL_CACHE_DIR=/tmp/djl) is an emptyDir. */
    static List<String> writablePaths(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (Container c : Workloads.containers(objects)) {
            if (c.service().isEmpty()) {
                continue;
            }
            Set<String> emptyDirs = new TreeSet<>();
            c.pod().path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.path("name").asText());
                }
            });
            boolean tmp = false;
            for (JsonNode mount : c.container().path("volumeMounts")) {
                tmp |= mount.path("mountPath").asText().equals("/tmp") && emptyDirs.contains(mount.path("name").asText());
            }
            if (!tmp) {
                violations.add(c.where() + " has no emptyDir at /tmp (Vert.x, uploads, DJL's cache)");
            }
        }
        return violations;
    }

    static List<String> noLiteralSecrets(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (JsonNode secret : Workloads.ofKind(objects, "Secret")) {
            if (secret.has("data") || secret.has("stringData")) {
                violations.add("Secret " + secret.path("metadata").path("name").asText() + " carries values");
            }
        }
        for (Container c : Workloads.containers(objects)) {
            for (JsonNode variable : c.container().path("env")) {
                if (variable.has("value") && SECRET_LOOKING.matcher(variable.path("name").asText()).matches()) {
                    violations.add(c.where() + " sets " + variable.path("name").asText() + " to a literal value");
                }
            }
        }
        return violations;
    }

    /** Every variable of a service container, and every key of a ConfigMap it takes whole, is a setting it reads. */
    List<String> configurationIsRead(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        Set<String> referencedConfigMaps = new TreeSet<>();
        for (Container c : Workloads.containers(objects)) {
            for (JsonNode source : c.container().path("envFrom")) {
                String name = source.path("configMapRef").path("name").asText();
                if (!name.isEmpty()) {
                    referencedConfigMaps.add(name);
                    Optional<JsonNode> configMap = Workloads.named(objects, "ConfigMap", name);
                    if (configMap.isEmpty()) {
                        violations.add(c.where() + " takes ConfigMap " + name + ", which the overlay lacks");
                    }
                    c.service().ifPresent(service -> configMap.ifPresent(map -> map.path("data").fieldNames().forEachRemaining(key -> {
                        if (!catalog(service).reads(key)) {
                            violations.add(c.where() + ": ConfigMap " + name + " key " + key + " is no setting " + service + " reads");
                        }
                    })));
                }
                if (source.has("secretRef")) {
                    violations.add(c.where() + " takes a whole Secret: name each variable instead");
                }
            }
            for (JsonNode variable : c.container().path("env")) {
                String name = variable.path("name").asText();
                JsonNode configMapKey = variable.path("valueFrom").path("configMapKeyRef");
                if (configMapKey.has("name")) {
                    referencedConfigMaps.add(configMapKey.path("name").asText());
                }
                if (c.service().isPresent() && !catalog(c.service().get()).reads(name)) {
                    violations.add(c.where() + ": " + name + " is no setting " + c.service().get() + " reads");
                }
            }
        }
        for (JsonNode authentication : Workloads.ofKind(objects, "TriggerAuthentication")) {
            authentication.path("spec").path("configMapTargetRef").forEach(ref -> referencedConfigMaps.add(ref.path("name").asText()));
        }
        for (JsonNode configMap : Workloads.ofKind(objects, "ConfigMap")) {
            String name = configMap.path("metadata").path("name").asText();
            if (!referencedConfigMaps.contains(name)) {
                violations.add("ConfigMap " + name + " is read by nothing");
            }
        }
        return violations;
    }

    /** A stopped trainer has its release timeout to checkpoint and let go; Kubernetes must wait longer. */
    List<String> trainerGracePeriod(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (Container c : Workloads.containers(objects)) {
            if (!c.service().equals(Optional.of("trainer"))) {
                continue;
            }
            Duration release = duration(c.env("AEGAN_TRAINER_RELEASE_TIMEOUT")
                    .orElse(applicationProperties("trainer").getProperty("aegan.trainer.release-timeout")));
            long grace = c.pod().path("terminationGracePeriodSeconds").asLong(30);
            if (grace <= release.toSeconds()) {
                violations.add(c.where() + ": terminationGracePeriodSeconds " + grace + " does not exceed the release timeout "
                        + release.toSeconds() + " s");
            }
        }
        return violations;
    }

    /**
     * KafkaTopics and ACLs name exactly the topics contracts defines; the users' topic rights are those of the
     * services' provisioning mode; every Strimzi resource belongs to the Kafka here.
     */
    static List<String> topicsAndAcls(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        List<JsonNode> topics = Workloads.ofKind(objects, "KafkaTopic");
        List<JsonNode> users = Workloads.ofKind(objects, "KafkaUser");
        if (topics.isEmpty() && users.isEmpty()) {
            return violations;
        }
        Set<String> topicNames = new TreeSet<>();
        topics.forEach(t -> topicNames.add(t.path("spec").path("topicName").asText(t.path("metadata").path("name").asText())));
        Set<String> aclTopics = new TreeSet<>();
        users.forEach(u -> u.path("spec").path("authorization").path("acls").forEach(acl -> {
            if (acl.path("resource").path("type").asText().equals("topic")) {
                aclTopics.add(acl.path("resource").path("name").asText());
            }
        }));
        Set<String> contract = new TreeSet<>(Topics.ALL);
        for (var named : Map.of("KafkaTopic", topicNames, "ACL", aclTopics).entrySet()) {
            for (String topic : named.getValue()) {
                if (!contract.contains(topic)) {
                    violations.add(named.getKey() + " topic " + topic + " is not defined in contracts");
                }
            }
            for (String topic : contract) {
                if (!named.getValue().contains(topic)) {
                    violations.add("contract topic " + topic + " has no " + named.getKey());
                }
            }
        }
        String provisioning = Workloads.named(objects, "ConfigMap", "aegan-settings")
                .map(map -> map.path("data").path("AEGAN_TOPICS_PROVISIONING").asText("")).orElse("");
        if (!users.isEmpty() && !provisioning.equalsIgnoreCase(StrimziResources.PROVISIONING.name())) {
            violations.add("the KafkaUsers grant topic provisioning's rights in "
                    + StrimziResources.PROVISIONING.name().toLowerCase(Locale.ROOT) + " mode, but the "
                    + "services provision in mode '" + provisioning + "' (AEGAN_TOPICS_PROVISIONING)");
        }
        Set<String> clusters = new TreeSet<>();
        Workloads.ofKind(objects, "Kafka").forEach(k -> clusters.add(k.path("metadata").path("name").asText()));
        for (JsonNode resource : objects) {
            if (resource.path("apiVersion").asText().startsWith("kafka.strimzi.io/") && !resource.path("kind").asText().equals("Kafka")) {
                String cluster = resource.path("metadata").path("labels").path("strimzi.io/cluster").asText();
                if (!clusters.contains(cluster)) {
                    violations.add(resource.path("kind").asText() + " " + resource.path("metadata").path("name").asText()
                            + " belongs to Kafka '" + cluster + "', not one of " + clusters);
                }
            }
        }
        return violations;
    }

    /** KEDA scales trainer workers on their own group and topic, one worker per concurrency's worth of lag, never past the partitions. */
    List<String> kedaScaling(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        Properties trainer = applicationProperties("trainer");
        for (JsonNode scaled : Workloads.ofKind(objects, "ScaledObject")) {
            String target = scaled.path("spec").path("scaleTargetRef").path("name").asText();
            Optional<Container> worker = Workloads.named(objects, "Deployment", target).flatMap(d ->
                    Workloads.containers(List.of(d)).stream().filter(c -> c.service().equals(Optional.of("trainer"))).findFirst());
            if (worker.isEmpty()) {
                violations.add("ScaledObject " + scaled.path("metadata").path("name").asText() + " scales " + target
                        + ", which runs no trainer");
                continue;
            }
            int concurrency = Integer.parseInt(worker.get().env("AEGAN_TRAINER_CONCURRENCY")
                    .orElse(trainer.getProperty("aegan.trainer.concurrency")));
            int partitions = runRequestPartitions(objects);
            int maxReplicas = scaled.path("spec").path("maxReplicaCount").asInt(100);
            if (maxReplicas * concurrency > partitions) {
                violations.add("ScaledObject " + target + ": maxReplicaCount " + maxReplicas + " x concurrency " + concurrency
                        + " exceeds the " + partitions + " partitions of " + Topics.RUN_REQUESTS);
            }
            for (JsonNode trigger : scaled.path("spec").path("triggers")) {
                JsonNode metadata = trigger.path("metadata");
                if (!trigger.path("type").asText().equals("kafka")) {
                    violations.add("ScaledObject " + target + " scales on " + trigger.path("type").asText() + ", not Kafka lag");
                    continue;
                }
                if (metadata.path("lagThreshold").asInt(-1) != concurrency) {
                    violations.add("ScaledObject " + target + ": lagThreshold " + metadata.path("lagThreshold").asText()
                            + " is not the workers' concurrency " + concurrency);
                }
                if (!metadata.path("consumerGroup").asText().equals(trainer.getProperty(RUN_REQUESTS_CHANNEL + "group.id"))
                        || !metadata.path("topic").asText().equals(Channels.topicOf(Channels.RUN_REQUESTS_IN).orElseThrow())) {
                    violations.add("ScaledObject " + target + " reads the lag of " + metadata.path("consumerGroup").asText() + " on "
                            + metadata.path("topic").asText() + ", not the trainers' group and topic");
                }
            }
        }
        return violations;
    }

    /**
     * Each service signs in to Kafka as its principal of contracts' PlatformAccess (its module's name): Secret
     * {@code <service>-service}, and in Strimzi the KafkaUser of that name.
     */
    static List<String> kafkaCredentials(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        boolean strimzi = !Workloads.ofKind(objects, "Kafka").isEmpty();
        for (Container c : Workloads.containers(objects)) {
            if (c.service().isEmpty()) {
                continue;
            }
            String principal = c.service().get() + "-service";
            if (PlatformAccess.SERVICES.stream().noneMatch(access -> access.principal().equals(principal))) {
                violations.add(c.where() + ": " + principal + " is no service principal of PlatformAccess");
            }
            String secret = "";
            for (JsonNode variable : c.container().path("env")) {
                if (variable.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) {
                    secret = variable.path("valueFrom").path("secretKeyRef").path("name").asText();
                }
            }
            if (!secret.equals(principal)) {
                violations.add(c.where() + " takes its Kafka credentials from '" + secret + "', not " + principal);
            }
            if (strimzi && Workloads.named(objects, "KafkaUser", principal).isEmpty()) {
                violations.add(c.where() + ": no KafkaUser " + principal);
            }
        }
        return violations;
    }

    /**
     * A transactional producer's id ({@code aegan-<service>-<instance id>}) is unique per replica, or replicas
     * fence each other. The instance ids default to the pod name (HOSTNAME), unique per pod: a pod template
     * must not give its pods one host name, and an instance id (or HOSTNAME) set to a fixed value is for a
     * single-replica Deployment that stops the old pod before starting the new one (Recreate), and that
     * nothing scales.
     */
    List<String> transactionalIdsPerReplica(List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        Set<String> scaled = new TreeSet<>();
        for (String kind : List.of("ScaledObject", "HorizontalPodAutoscaler")) {
            Workloads.ofKind(objects, kind).forEach(s -> scaled.add(s.path("spec").path("scaleTargetRef").path("name").asText()));
        }
        for (Container c : Workloads.containers(objects)) {
            Set<String> instanceIds = c.service().map(this::transactionalInstanceIdVariables).orElse(Set.of());
            if (instanceIds.isEmpty()) {
                continue;
            }
            if (c.pod().has("hostname")) {
                violations.add(c.where() + ": every pod gets host name " + c.pod().path("hostname").asText()
                        + ", which names its transactional producer");
            }
            for (String variable : instanceIds) {
                if (c.env(variable).isEmpty()) {
                    continue;
                }
                JsonNode spec = c.workload().path("spec");
                String name = c.workload().path("metadata").path("name").asText();
                boolean single = c.workload().path("kind").asText().equals("Deployment") && spec.path("replicas").asInt(1) == 1
                        && spec.path("strategy").path("type").asText().equals("Recreate") && !scaled.contains(name);
                if (!single) {
                    violations.add(c.where() + " fixes " + variable + "=" + c.env(variable).get()
                            + " but may run several pods at once (replicas, strategy or autoscaling)");
                }
            }
        }
        return violations;
    }

    /**
     * The variables that set a part of the service's transactional ids: each {@code ${property}} of an
     * outgoing channel's {@code transactional.id}, and HOSTNAME where such a property defaults to it.
     */
    private Set<String> transactionalInstanceIdVariables(String service) {
        Properties properties = applicationProperties(service);
        Set<String> variables = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".transactional.id")) {
                Matcher expression = EXPRESSION.matcher(properties.getProperty(key));
                while (expression.find()) {
                    String property = expression.group(1);
                    variables.add(ServiceConfigCatalog.environmentName(property));
                    Matcher fallback = EXPRESSION.matcher(properties.getProperty(property, ""));
                    while (fallback.find()) {
                        variables.add(fallback.group(1));
                    }
                }
            }
        }
        return variables;
    }

    private int runRequestPartitions(List<JsonNode> objects) {
        for (JsonNode topic : Workloads.ofKind(objects, "KafkaTopic")) {
            if (topic.path("metadata").path("name").asText().equals(Topics.RUN_REQUESTS)) {
                return topic.path("spec").path("partitions").asInt();
            }
        }
        String override = Workloads.named(objects, "ConfigMap", "aegan-settings")
                .map(map -> map.path("data").path("AEGAN_TOPICS__RUNS_REQUESTS__PARTITIONS").asText("")).orElse("");
        return override.isEmpty() ? TopicDefinitions.of(Topics.RUN_REQUESTS).partitions() : Integer.parseInt(override);
    }

    private ServiceConfigCatalog catalog(String service) {
        return catalogs.computeIfAbsent(service, name -> ServiceConfigCatalog.of(repository, name));
    }

    private Properties applicationProperties(String service) {
        return ServiceConfigCatalog.applicationProperties(repository, service);
    }

    /** Quarkus' duration forms: {@code 60s}, {@code 5m}, {@code PT1M}, or seconds. */
    static Duration duration(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        if (value.startsWith("P")) {
            return Duration.parse(value);
        }
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        return Duration.parse(value.endsWith("D") ? "P" + value : "PT" + value);
    }
}
