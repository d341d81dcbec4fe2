package dev.aegan.ingest.domain;

import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.RejectionCode;

/** Dataset names are Kafka keys, object-store prefixes and URL segments: they follow {@link Identifiers}' rule. */
public final class DatasetName {

    private DatasetName() {
    }

    /** @param parameter where the name came from: the upload's path, the record's {@code dataset} header */
    public static String requireValid(String parameter, String name) {
        if (!Identifiers.isValid(name)) {
            throw new Rejection(RejectionCode.INVALID_DATASET_NAME, Identifiers.problem(Identifiers.Kind.DATASET,
                    parameter, name));
        }
        return name;
    }
}
