package dev.aegan.ingest.domain;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.ImageBatch;

import java.util.Optional;

/**
 * A decoded image offered to a dataset, before its shape, label and split are checked against
 * the dataset. Its label is either a number ({@code label}, {@link ImageBatch#UNLABELLED} if
 * none) or a name ({@code labelName}, e.g. a zip folder) that the dataset maps to a number.
 *
 * @param origin where it came from (file name, zip entry, record offset), for error messages
 */
public record Candidate(Image image, int label, Optional<String> labelName, Optional<Split> split,
                        ResizePolicy resize, String origin) {

    public static Candidate unlabelled(Image image, String origin) {
        return new Candidate(image, ImageBatch.UNLABELLED, Optional.empty(), Optional.empty(), ResizePolicy.REJECT,
                origin);
    }

    public Candidate withLabel(int newLabel) {
        return new Candidate(image, newLabel, Optional.empty(), split, resize, origin);
    }

    public Candidate withLabelName(String name) {
        return new Candidate(image, ImageBatch.UNLABELLED, Optional.of(name), split, resize, origin);
    }

    public Candidate withSplit(Optional<Split> newSplit) {
        return new Candidate(image, label, labelName, newSplit, resize, origin);
    }

    public Candidate withResize(ResizePolicy policy) {
        return new Candidate(image, label, labelName, split, policy, origin);
    }

    public boolean hasLabel() {
        return label != ImageBatch.UNLABELLED || labelName.isPresent();
    }
}
