package dev.aegan.ingest.messaging;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.dataset.ImageBatchCodec;
import dev.aegan.ingest.domain.Shape;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetWriterTest {

    private static int encodedSize(String dataset, Shape shape, int count) {
        ImageBatch batch = new ImageBatch(dataset, Split.TRAIN, shape.channels(), shape.height(), shape.width(),
                new byte[count * shape.imageSize()], new int[count]);
        return ImageBatchCodec.encode(batch).length;
    }

    @Test
    void recordsHoldTheBatchSizeUnlessThatWouldExceedTheRecordLimit() {
        String dataset = "fashion-mnist";
        int name = dataset.getBytes(StandardCharsets.UTF_8).length;
        Shape small = new Shape(1, 28, 28);
        assertEquals(256, DatasetWriter.imagesPerRecord(small, name, 256, 1_000_000));

        Shape large = new Shape(3, 64, 64);
        int capped = DatasetWriter.imagesPerRecord(large, name, 256, 1_000_000);
        assertTrue(capped < 256);
        assertTrue(encodedSize(dataset, large, capped) <= 1_000_000, "record within the limit");
        assertTrue(encodedSize(dataset, large, capped + 1) > 1_000_000, "no room for one more image");

        assertEquals(1, DatasetWriter.imagesPerRecord(new Shape(3, 1024, 1024), name, 256, 1_000_000),
                "an image larger than the limit still goes out, alone");
    }
}
