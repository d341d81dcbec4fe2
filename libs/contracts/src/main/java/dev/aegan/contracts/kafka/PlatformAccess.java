package dev.aegan.contracts.kafka;

import java.util.List;

import static dev.aegan.contracts.Topics.CHECKPOINTS;
import static dev.aegan.contracts.Topics.DATASET_BATCHES;
import static dev.aegan.contracts.Topics.DATASET_EVENTS;
import static dev.aegan.contracts.Topics.EVALUATIONS;
import static dev.aegan.contracts.Topics.INGEST_DEAD_LETTER;
import static dev.aegan.contracts.Topics.INGEST_IMAGES;
import static dev.aegan.contracts.Topics.RUN_EVENTS;
import static dev.aegan.contracts.Topics.RUN_REQUESTS;
import static dev.aegan.contracts.Topics.STUDY_EVENTS;
import static dev.aegan.contracts.Topics.STUDY_REQUESTS;
import static dev.aegan.contracts.Topics.TRAINING_METRICS;

/**
 * Who may do what on the platform's Kafka cluster, stated once: one principal per service (its
 * SCRAM user name, or the name a TLS client certificate maps to), and a user's client. A broker that
 * authorizes (no ACL, no access) grants each exactly {@link PrincipalAccess#aclBindings}; then only
 * metrics-service and critic-service can put an evaluation on {@code evaluations}.
 * <p>
 * The groups and transactional ids are those the services' configuration uses: a name ending in
 * {@code *} is a prefix, for names that end in a per-instance part ({@code ${quarkus.uuid}},
 * {@code aegan.ingest.instance-id}).
 */
public final class PlatformAccess {
    public static final PrincipalAccess INGEST = new PrincipalAccess("ingest-service",
            List.of(INGEST_IMAGES, DATASET_EVENTS),
            List.of(DATASET_BATCHES, DATASET_EVENTS, INGEST_DEAD_LETTER),
            List.of("aegan-ingest"),
            List.of("aegan-ingest-*"),
            true);

    public static final PrincipalAccess TRAINER = new PrincipalAccess("trainer-service",
            List.of(RUN_REQUESTS, RUN_EVENTS, DATASET_EVENTS, DATASET_BATCHES, STUDY_REQUESTS, CHECKPOINTS,
                    TRAINING_METRICS),
            List.of(RUN_REQUESTS, RUN_EVENTS, TRAINING_METRICS, CHECKPOINTS, STUDY_REQUESTS, STUDY_EVENTS),
            List.of("trainer", "trainer-view-*", "trainer-studies"),
            List.of(),
            true);

    public static final PrincipalAccess METRICS = judge("metrics");

    public static final PrincipalAccess CRITIC = judge("critic");

    public static final PrincipalAccess GALLERY = new PrincipalAccess("gallery-service",
            List.of(DATASET_EVENTS, INGEST_DEAD_LETTER, RUN_EVENTS, TRAINING_METRICS, CHECKPOINTS, EVALUATIONS,
                    DATASET_BATCHES, STUDY_EVENTS),
            List.of(),
            List.of("gallery-datasets-*", "gallery-rejections-*", "gallery-runs-*", "gallery-metrics-*",
                    "gallery-checkpoints-*", "gallery-evaluations-*", "gallery-studies-*"),
            List.of(),
            true);

    /**
     * A user's own client (the README's {@code kcat} examples): pushes images, run and study requests, and
     * reads what became of them by assigning partitions, without a consumer group.
     */
    public static final PrincipalAccess USER = new PrincipalAccess("user",
            List.of(INGEST_DEAD_LETTER, DATASET_EVENTS, RUN_EVENTS, TRAINING_METRICS, CHECKPOINTS, EVALUATIONS,
                    STUDY_EVENTS),
            List.of(INGEST_IMAGES, RUN_REQUESTS, STUDY_REQUESTS),
            List.of(),
            List.of(),
            false);

    public static final List<PrincipalAccess> SERVICES = List.of(INGEST, TRAINER, METRICS, CRITIC, GALLERY);

    public static final List<PrincipalAccess> ALL = List.of(INGEST, TRAINER, METRICS, CRITIC, GALLERY, USER);

    private PlatformAccess() {
    }

    /**
     * A service that judges checkpoints (checkpoint-judging): reads checkpoints, the held-out images and
     * what it published before, and publishes evaluations transactionally.
     */
    private static PrincipalAccess judge(String name) {
        return new PrincipalAccess(name + "-service",
                List.of(CHECKPOINTS, EVALUATIONS, DATASET_EVENTS, DATASET_BATCHES),
                List.of(EVALUATIONS),
                List.of(name + "-service", name + "-datasets-*"),
                List.of("aegan-" + name + "-*"),
                true);
    }

    /** The principal called {@code name}. */
    public static PrincipalAccess of(String name) {
        return ALL.stream().filter(access -> access.principal().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no platform principal '" + name + "'; there are "
                        + ALL.stream().map(PrincipalAccess::principal).toList()));
    }
}
