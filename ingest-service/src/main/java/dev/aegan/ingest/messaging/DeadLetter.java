package dev.aegan.ingest.messaging;

import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * A refused {@code ingest.images} record as it goes to {@code ingest.dead-letter}: the original
 * key, value and headers untouched, plus the {@link DeadLetterHeaders} saying why and where from.
 */
public record DeadLetter(byte[] key, byte[] value, Headers headers, RejectionCode code) {

    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, Rejection rejection) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header.key(), header.value());
        }
        headers.add(DeadLetterHeaders.REASON_CODE, utf8(rejection.code().name()));
        headers.add(DeadLetterHeaders.REASON, utf8(rejection.getMessage()));
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
        return new DeadLetter(record.key(), record.value(), headers, rejection.code());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
