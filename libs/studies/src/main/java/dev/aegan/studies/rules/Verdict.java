package dev.aegan.studies.rules;

/** What a claim's rule concludes from the study's results. */
public enum Verdict {
    REPRODUCED("reproduced"),
    NOT_REPRODUCED("not reproduced"),
    /** Too few seeds with every value the rule needs, or no paper value to compare with. */
    INCONCLUSIVE("inconclusive at this budget");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
