package dev.aegan.judging.backlog;

/** What becomes of a pending checkpoint: judged, or passed over for the newer one that supersedes it. */
public sealed interface Verdict {

    record Judge() implements Verdict {
    }

    record Supersede(long newerStep) implements Verdict {
        public String message() {
            return "superseded by step " + newerStep;
        }
    }
}
