package dev.aegan.local.hostile;

import java.util.List;

/**
 * What a command of README.md's client block must show when run against a fresh stack, in the
 * block's order, from a folder holding {@code shirt.png} and the first {@link #SESSION_IMAGES}
 * Fashion-MNIST training images and labels. Every command of the block needs exactly one, so a
 * command added to the README is run and checked too.
 *
 * @param commandPart what identifies the command
 * @param eventually  whether it shows something that appears later (a consumer, a listing): it is
 *                    run again until it does
 * @param outputParts what its output must contain (its exit status must be 0)
 */
record ReadmeExpectation(String commandPart, String what, boolean eventually, List<String> outputParts) {
    static final int SESSION_IMAGES = 1000;

    private static final List<ReadmeExpectation> ALL = List.of(
            new ReadmeExpectation("-P -t ingest.images -k shirt-1", "the image sent", false, List.of()),
            new ReadmeExpectation("-t datasets.events", "my-set's dataset event", true,
                    List.of("\"dataset\":\"my-set\"")),
            new ReadmeExpectation("/datasets/my-set", "the upload's summary, the pushed image counted", false,
                    List.of("\"dataset\":\"my-set\"", "\"total\":" + (SESSION_IMAGES + 1))),
            new ReadmeExpectation("/runs\n", "the queued run", false, List.of("\"runId\":\"my-run\"")),
            new ReadmeExpectation(" ls --recursive s3://checkpoints/my-run/", "the first checkpoint's objects", true,
                    List.of("s3://checkpoints/my-run/spec.json", "s3://checkpoints/my-run/step-00000030/checkpoint.json",
                            "s3://checkpoints/my-run/step-00000030/networks/")),
            new ReadmeExpectation(" get s3://checkpoints/my-run/step-00000030/checkpoint.json -", "the checkpoint event",
                    false, List.of("\"runId\":\"my-run\"", "\"step\":30")),
            new ReadmeExpectation("-t evaluations", "an evaluation of my-run", true, List.of("\"runId\":\"my-run\"")),
            new ReadmeExpectation("/runs/my-run/stop", "the run stopping (or already ended)", false,
                    List.of("my-run")),
            new ReadmeExpectation("-P -t ingest.images -k no-dataset", "the record sent", false, List.of()),
            new ReadmeExpectation("-t ingest.dead-letter", "the record without a dataset, refused with its reason",
                    true, List.of("no-dataset", "reason-code=MISSING_DATASET")));

    static ReadmeExpectation of(String command) {
        List<ReadmeExpectation> matching = ALL.stream()
                .filter(expectation -> (command + "\n").contains(expectation.commandPart())).toList();
        if (matching.size() != 1) {
            throw new IllegalStateException(matching.size() + " expectations for the README command " + command
                    + "; each needs exactly one in ReadmeExpectation");
        }
        return matching.get(0);
    }

    boolean isMet(Shell.Result result) {
        return result.exitCode() == 0 && outputParts.stream().allMatch(result.output()::contains);
    }
}
