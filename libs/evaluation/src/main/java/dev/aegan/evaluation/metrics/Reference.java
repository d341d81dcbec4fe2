package dev.aegan.evaluation.metrics;

/**
 * What a metric compares a model's output with, which also says in which stage of an evaluation it
 * runs and when it runs at all.
 */
public enum Reference {
    /** Nothing but the samples themselves (e.g. their diversity); every model. */
    NONE(Stage.GENERATION),
    /** The held-out images: in an extractor's space their features, statistics and k-NN radii; every model. */
    HELD_OUT(Stage.GENERATION),
    /** Held-out images and the model's reconstructions of them; only models with an encoder. */
    RECONSTRUCTIONS(Stage.RECONSTRUCTION),
    /** The memorisation training images (and their features); only datasets with training images. */
    TRAINING_IMAGES(Stage.MEMORISATION);

    private final Stage stage;

    Reference(Stage stage) {
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }

    /** The stages of an evaluation after sampling and feature extraction, in the order they run. */
    public enum Stage {
        GENERATION("generation metrics"),
        RECONSTRUCTION("reconstruction metrics"),
        MEMORISATION("memorisation");

        private final String title;

        Stage(String title) {
            this.title = title;
        }

        /** The stage's name in {@link StageTimings}. */
        public String title() {
            return title;
        }
    }
}
