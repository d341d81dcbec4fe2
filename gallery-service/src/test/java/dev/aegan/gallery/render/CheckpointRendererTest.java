package dev.aegan.gallery.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckpointRendererTest {

    @Test
    void aConditionalModelsSampleGridHasARowForEveryClass() {
        assertEquals(64, CheckpointRenderer.sampleTiles(64, 8, 0), "an unconditional model: sample-count tiles");
        assertEquals(80, CheckpointRenderer.sampleTiles(64, 8, 10), "ten classes: ten rows of eight");
        assertEquals(64, CheckpointRenderer.sampleTiles(64, 8, 3), "three classes fit in eight rows, which cycle them");
        assertEquals(72, CheckpointRenderer.sampleTiles(70, 8, 2), "rows are whole");
        assertEquals(CheckpointRenderer.MAX_CLASS_ROWS * 8, CheckpointRenderer.sampleTiles(64, 8, 1000));
    }
}
