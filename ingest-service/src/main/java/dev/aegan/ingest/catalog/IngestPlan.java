package dev.aegan.ingest.catalog;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.ingest.decode.ImageFitter;
import dev.aegan.ingest.domain.Candidate;
import dev.aegan.ingest.domain.DatasetState;
import dev.aegan.ingest.domain.Image;
import dev.aegan.ingest.domain.Overrides;
import dev.aegan.ingest.domain.Rejection;
import dev.aegan.ingest.domain.ResizePolicy;
import dev.aegan.ingest.domain.Shape;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks images against their datasets, one at a time, and keeps count of what they change: it
 * hands each accepted image back to be published and keeps none. A dataset's shape is fixed by
 * its first accepted image; label names keep the index they were first given, and names new to
 * a dataset are appended in sorted order. {@link #accept} either takes an image whole or refuses
 * it without changing the plan.
 */
public final class IngestPlan {
    private final Function<String, Optional<DatasetState>> committed;
    private final HeldOutSplit heldOut;
    private final Map<String, Draft> drafts = new LinkedHashMap<>();

    public IngestPlan(Function<String, Optional<DatasetState>> committed, HeldOutSplit heldOut) {
        this.committed = committed;
        this.heldOut = heldOut;
    }

    /** Gives each name not yet known to the dataset the next label index, in sorted order. */
    public void registerLabelNames(String dataset, Collection<String> names) {
        Draft draft = draft(dataset);
        names.stream().distinct().sorted().forEach(draft::labelIndex);
    }

    /**
     * Names the dataset's labels in the given order (label i is {@code names.get(i)}): refused unless the
     * dataset has no names yet or exactly these, and unless every label it holds is below their count.
     */
    public void nameLabels(String dataset, List<String> names) {
        Draft draft = draft(dataset);
        if (!draft.labelNames.isEmpty() && !draft.labelNames.equals(names)) {
            throw new Rejection(RejectionCode.INVALID_LABEL_NAMES, "dataset '" + dataset + "' already names its "
                    + draft.labelNames.size() + " labels " + draft.labelNames + "; labelNames must be exactly those");
        }
        draft.labelCounts.keySet().stream().filter(label -> label >= names.size()).findFirst().ifPresent(label -> {
            throw new Rejection(RejectionCode.INVALID_LABEL_NAMES, "dataset '" + dataset + "' holds images of label "
                    + label + " but labelNames names " + names.size() + " labels (0.." + (names.size() - 1) + ")");
        });
        names.forEach(draft::labelIndex);
    }

    public AcceptedImage accept(String dataset, Candidate candidate) {
        Draft draft = draft(dataset);
        if (draft.sealed) {
            throw new Rejection(RejectionCode.DATASET_SEALED, "dataset '" + dataset + "' is sealed and takes no more images");
        }
        Image image = candidate.image();
        if (draft.shape != null && !image.shape().equals(draft.shape)) {
            if (candidate.resize() != ResizePolicy.FIT) {
                throw new Rejection(RejectionCode.WRONG_SHAPE, "image is " + image.shape() + " (CxHxW) but dataset '"
                        + dataset + "' holds " + draft.shape + " images; convert it, or send resize=fit to have it fitted");
            }
            image = ImageFitter.fit(image, draft.shape);
        }
        int label = label(draft, candidate);
        Image published = image;
        Split split = candidate.split().orElseGet(() -> heldOut.of(published.pixels()));
        if (draft.shape == null) {
            draft.shape = image.shape();
        }
        draft.counts.merge(split, 1L, Long::sum);
        if (label != ImageBatch.UNLABELLED) {
            draft.labelCounts.merge(label, 1L, Long::sum);
        }
        draft.accepted.merge(split, 1L, Long::sum);
        return new AcceptedImage(dataset, image.shape(), split, image.pixels(), label);
    }

    private static int label(Draft draft, Candidate candidate) {
        if (candidate.labelName().isPresent()) {
            return draft.labelIndex(candidate.labelName().get());
        }
        int label = candidate.label();
        if (label == ImageBatch.UNLABELLED) {
            return label;
        }
        if (label < 0 || label > Overrides.MAX_LABEL) {
            throw new Rejection(RejectionCode.INVALID_LABEL, "label " + label + " is outside 0.." + Overrides.MAX_LABEL);
        }
        if (!draft.labelNames.isEmpty() && label >= draft.labelNames.size()) {
            throw new Rejection(RejectionCode.INVALID_LABEL, "label " + label + " is not among the "
                    + draft.labelNames.size() + " named labels of dataset '" + draft.name + "' " + draft.labelNames);
        }
        return label;
    }

    /** Datasets that received images, in the order they were first seen. */
    public List<DatasetChange> changes() {
        List<DatasetChange> changes = new ArrayList<>();
        for (Draft draft : drafts.values()) {
            if (draft.accepted.isEmpty()) {
                continue;
            }
            DatasetState after = new DatasetState(draft.name, draft.shape, draft.counts, draft.labelNames, false,
                    draft.labelCounts);
            changes.add(new DatasetChange(draft.name, draft.before, after, draft.accepted));
        }
        return changes;
    }

    private Draft draft(String dataset) {
        return drafts.computeIfAbsent(dataset, name -> new Draft(name, committed.apply(name)));
    }

    private static final class Draft {
        final String name;
        final Optional<DatasetState> before;
        final boolean sealed;
        final List<String> labelNames;
        final Map<String, Integer> labelIndices = new HashMap<>();
        final EnumMap<Split, Long> counts = new EnumMap<>(Split.class);
        final EnumMap<Split, Long> accepted = new EnumMap<>(Split.class);
        final Map<Integer, Long> labelCounts = new HashMap<>();
        Shape shape;

        Draft(String name, Optional<DatasetState> before) {
            this.name = name;
            this.before = before;
            this.sealed = before.map(DatasetState::sealed).orElse(false);
            this.labelNames = new ArrayList<>(before.map(DatasetState::labelNames).orElse(List.of()));
            this.shape = before.map(DatasetState::shape).orElse(null);
            before.ifPresent(state -> counts.putAll(state.counts()));
            before.ifPresent(state -> labelCounts.putAll(state.countsByLabel()));
            for (int i = 0; i < labelNames.size(); i++) {
                labelIndices.putIfAbsent(labelNames.get(i), i);
            }
        }

        /** The index of label {@code name}, the next free one if the dataset does not know it yet. */
        int labelIndex(String name) {
            return labelIndices.computeIfAbsent(name, added -> {
                labelNames.add(added);
                return labelNames.size() - 1;
            });
        }
    }
}
