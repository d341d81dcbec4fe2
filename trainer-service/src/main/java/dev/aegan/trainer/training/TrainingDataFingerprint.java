package dev.aegan.trainer.training;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.DataSeen.DataArrival;

import java.util.List;
import java.util.Map;

/**
 * A fingerprint of the training data, the trainer's own object in every checkpoint ({@value #OBJECT}):
 * which training images the run has been drawing its batches from. The dataset may have grown since the run started; a resumed
 * run keeps to the same first {@code trainImages} images, checked by their SHA-256, so it sees
 * exactly the batches (and labels) the uninterrupted run would have seen.
 *
 * @param trainImages       how many images of the train split (in topic order) the batches come from
 * @param trainImagesSha256 SHA-256 of those images' pixels (uint8 N x C x H x W)
 * @param trainLabelsSha256 for a conditional model, which trains on the labels too: SHA-256 of those
 *                          images' labels (big-endian int32 each); null otherwise
 * @param device            where the checkpoint was trained, for the record
 * @param arrivals          from which step the batches came from how many images (the first at step 0, the last
 *                          of {@code trainImages}); absent in checkpoints of trainers before runs could follow
 *                          their dataset, which drew from {@code trainImages} throughout
 */
public record TrainingDataFingerprint(String schema, int trainImages, String trainImagesSha256,
                                      String trainLabelsSha256, String device, List<DataArrival> arrivals) {
    public static final String SCHEMA = "aegan.trainer.run-state/v1";
    public static final String OBJECT = "run-state.json";

    /** The arrivals, as recorded or (for an older checkpoint) the one the run started with. */
    public List<DataArrival> arrivalsOrStart() {
        return arrivals != null ? arrivals
                : List.of(new DataArrival(0, Map.of(Split.TRAIN.wireName(), (long) trainImages)));
    }

    /** The batch schedule's prefixes: from each arrival's step, its training images. */
    public List<BatchSchedule.Prefix> prefixes() {
        return arrivalsOrStart().stream()
                .map(a -> new BatchSchedule.Prefix(a.step(), Math.toIntExact(a.countsBySplit().get(Split.TRAIN.wireName()))))
                .toList();
    }

    /** What a checkpoint with this fingerprint says it saw. */
    public DataSeen dataSeen() {
        List<DataArrival> all = arrivalsOrStart();
        return new DataSeen(all.get(all.size() - 1).countsBySplit(), trainImagesSha256, all);
    }
}
