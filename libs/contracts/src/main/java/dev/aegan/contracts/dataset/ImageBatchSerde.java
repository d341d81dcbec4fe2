package dev.aegan.contracts.dataset;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka (de)serializers for {@link ImageBatch} values. */
public final class ImageBatchSerde {
    private ImageBatchSerde() {
    }

    public static class BatchSerializer implements Serializer<ImageBatch> {
        @Override
        public byte[] serialize(String topic, ImageBatch batch) {
            return batch == null ? null : ImageBatchCodec.encode(batch);
        }
    }

    public static class BatchDeserializer implements Deserializer<ImageBatch> {
        @Override
        public ImageBatch deserialize(String topic, byte[] data) {
            return data == null ? null : ImageBatchCodec.decode(data);
        }
    }
}
