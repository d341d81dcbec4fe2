package dev.aegan.studies.rules;

import dev.aegan.studies.results.ResultTable;

import java.util.List;
import java.util.Optional;

/**
 * A verdict rule, declared in the study file before anything runs. The study validates what it
 * names ({@link #groups}, {@link #metrics}, {@link #parameter}); {@link #judge} reads the results.
 * A new rule is one class here and one line in {@link RuleKinds}.
 */
public interface Rule {

    /** The groups the rule reads; each must be a group of the study. */
    List<String> groups();

    /** The metrics the rule reads; each must be one the study's runs publish. */
    List<String> metrics();

    /** The hyperparameter the rule follows, which each of its groups must vary; empty for none. */
    default Optional<String> parameter() {
        return Optional.empty();
    }

    /** Whether each group the rule reads must stand for one run per seed (one variant). */
    default boolean needsSingleVariants() {
        return false;
    }

    Judgement judge(ResultTable table, PaperValues paper);
}
