package dev.aegan.studies.rules;

import java.util.Optional;

/** A rule that follows one metric of one group along the hyperparameter the group varies. */
interface SweptRule extends OneGroupRule {

    String parameterName();

    @Override
    default Optional<String> parameter() {
        return Optional.of(parameterName());
    }
}
