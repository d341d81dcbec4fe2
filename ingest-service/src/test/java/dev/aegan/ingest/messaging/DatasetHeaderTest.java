package dev.aegan.ingest.messaging;

import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetHeaderTest {

    private static ConsumerRecord<byte[], byte[]> record(String dataset) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("ingest.images", 0, 0, null, new byte[0]);
        if (dataset != null) {
            record.headers().add(IngestHeaders.DATASET, dataset.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static RejectionCode refusal(DatasetHeader datasets, ConsumerRecord<byte[], byte[]> record) {
        return assertThrows(Rejection.class, () -> datasets.of(record)).code();
    }

    @Test
    void aRepeatedHeaderGivesTheSameNameAndABadOneIsRefusedWhateverCameBefore() {
        DatasetHeader datasets = new DatasetHeader();
        String first = datasets.of(record("fashion-mnist"));
        assertEquals("fashion-mnist", first);
        assertSame(first, datasets.of(record("fashion-mnist")));
        assertEquals(RejectionCode.INVALID_DATASET_NAME, refusal(datasets, record("Not A Name")));
        assertEquals(RejectionCode.MISSING_DATASET, refusal(datasets, record(null)));
        assertEquals(RejectionCode.MISSING_DATASET, refusal(datasets, record(" ")));
        assertEquals("mnist", datasets.of(record("mnist")));
        assertEquals(RejectionCode.INVALID_DATASET_NAME, refusal(datasets, record("Not A Name")));
    }
}
