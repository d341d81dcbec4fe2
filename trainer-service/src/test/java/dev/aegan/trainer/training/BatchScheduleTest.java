package dev.aegan.trainer.training;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchScheduleTest {

    @Test
    void everyEpochVisitsEveryImageOnceInItsOwnOrder() {
        BatchSchedule schedule = new BatchSchedule(42, 12, 4);
        int[] epoch0 = IntStream.range(0, 3).flatMap(step -> Arrays.stream(schedule.batch(step))).toArray();
        int[] epoch1 = IntStream.range(3, 6).flatMap(step -> Arrays.stream(schedule.batch(step))).toArray();
        assertArrayEquals(IntStream.range(0, 12).toArray(), Arrays.stream(epoch0).sorted().toArray());
        assertArrayEquals(IntStream.range(0, 12).toArray(), Arrays.stream(epoch1).sorted().toArray());
        assertFalse(Arrays.equals(epoch0, epoch1), "epochs should be shuffled differently");
        assertFalse(Arrays.equals(epoch0, IntStream.range(0, 12).toArray()), "an epoch should be shuffled");
    }

    @Test
    void aBatchIsAPureFunctionOfSeedAndStep() {
        BatchSchedule walked = new BatchSchedule(7, 10, 3);
        for (int step = 0; step < 9; step++) {
            walked.batch(step);
        }
        // A fresh schedule (a resumed run) jumping straight to step 9 sees the same batch.
        assertArrayEquals(walked.batch(9), new BatchSchedule(7, 10, 3).batch(9));
        assertFalse(Arrays.equals(new BatchSchedule(7, 10, 3).batch(9), new BatchSchedule(8, 10, 3).batch(9)));
    }

    @Test
    void batchesLargerThanTheDatasetSpanEpochs() {
        int[] batch = new BatchSchedule(1, 3, 7).batch(0);
        assertArrayEquals(new int[] {0, 1, 2}, Arrays.stream(batch, 0, 3).sorted().toArray());
        assertArrayEquals(new int[] {0, 1, 2}, Arrays.stream(batch, 3, 6).sorted().toArray());
    }

    @Test
    void fromAnArrivalOnEpochsStartAfreshOverTheLargerPrefix() {
        List<BatchSchedule.Prefix> prefixes = List.of(new BatchSchedule.Prefix(0, 8), new BatchSchedule.Prefix(5, 12));
        BatchSchedule following = new BatchSchedule(42, prefixes, 4);
        BatchSchedule unchanged = new BatchSchedule(42, 8, 4);
        for (int step = 0; step < 5; step++) {
            assertArrayEquals(unchanged.batch(step), following.batch(step), "before the arrival, step " + step);
        }
        int[] epoch = IntStream.range(5, 8).flatMap(step -> Arrays.stream(following.batch(step))).toArray();
        assertArrayEquals(IntStream.range(0, 12).toArray(), Arrays.stream(epoch).sorted().toArray(),
                "the first epoch after the arrival visits every image of the larger prefix once");
        assertArrayEquals(following.batch(7), new BatchSchedule(42, prefixes, 4).batch(7));
    }

    @Test
    void prefixesMustStartAtStepZeroAndGrow() {
        assertThrows(IllegalArgumentException.class, () -> new BatchSchedule(1, List.of(new BatchSchedule.Prefix(3, 8)), 4));
        assertThrows(IllegalArgumentException.class, () -> new BatchSchedule(1,
                List.of(new BatchSchedule.Prefix(0, 8), new BatchSchedule.Prefix(4, 6)), 4));
    }
}
