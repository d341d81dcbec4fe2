package dev.aegan.contracts.events;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka (de)serializers for the JSON events, named by class in {@code application.properties}
 * (e.g. {@code value.deserializer=dev.aegan.contracts.events.EventSerde$RunEvents}).
 */
public final class EventSerde {
    private EventSerde() {
    }

    public static class JsonSerializer implements Serializer<Object> {
        @Override
        public byte[] serialize(String topic, Object event) {
            return event == null ? null : EventJson.write(event);
        }
    }

    abstract static class JsonDeserializer<T> implements Deserializer<T> {
        private final Class<T> type;

        JsonDeserializer(Class<T> type) {
            this.type = type;
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            return data == null ? null : EventJson.read(data, type);
        }
    }

    public static class DatasetEvents extends JsonDeserializer<DatasetEvent> {
        public DatasetEvents() {
            super(DatasetEvent.class);
        }
    }

    public static class RunSpecs extends JsonDeserializer<RunSpec> {
        public RunSpecs() {
            super(RunSpec.class);
        }
    }

    public static class RunEvents extends JsonDeserializer<RunEvent> {
        public RunEvents() {
            super(RunEvent.class);
        }
    }

    public static class TrainingMetrics extends JsonDeserializer<TrainingMetricEvent> {
        public TrainingMetrics() {
            super(TrainingMetricEvent.class);
        }
    }

    public static class Checkpoints extends JsonDeserializer<CheckpointEvent> {
        public Checkpoints() {
            super(CheckpointEvent.class);
        }
    }

    public static class Evaluations extends JsonDeserializer<EvaluationEvent> {
        public Evaluations() {
            super(EvaluationEvent.class);
        }
    }

    public static class StudyRequests extends JsonDeserializer<StudyRequest> {
        public StudyRequests() {
            super(StudyRequest.class);
        }
    }

    public static class StudyEvents extends JsonDeserializer<StudyEvent> {
        public StudyEvents() {
            super(StudyEvent.class);
        }
    }
}
