package dev.aegan.ingest.messaging;

import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.DatasetName;
import dev.aegan.ingest.domain.Rejection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the dataset a record's {@code dataset} header names. The records of a batch mostly name
 * one dataset: a header equal to the previous record's is neither decoded nor validated again,
 * and yields the same String, whose hash the batch's per-dataset maps then compute once.
 */
final class DatasetHeader {
    private byte[] lastBytes;
    private String lastName;

    /** The record's dataset name; a {@link Rejection} when it is missing or invalid. */
    String of(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(IngestHeaders.DATASET);
        byte[] bytes = header == null ? null : header.value();
        if (lastBytes != null && Arrays.equals(bytes, lastBytes)) {
            return lastName;
        }
        String name = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        if (name == null || name.isBlank()) {
            throw new Rejection(RejectionCode.MISSING_DATASET, "record has no '" + IngestHeaders.DATASET
                    + "' header naming its dataset");
        }
        DatasetName.requireValid("header '" + IngestHeaders.DATASET + "'", name);
        lastBytes = bytes;
        lastName = name;
        return name;
    }
}
