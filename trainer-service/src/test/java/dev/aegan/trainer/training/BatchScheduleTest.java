package dev.aegan.trainer.training;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
