package dev.aegan.studies.rules;

import java.util.List;

/** A rule that reads one metric of one group. */
interface OneGroupRule extends Rule {

    String group();

    String metric();

    @Override
    default List<String> groups() {
        return List.of(group());
    }

    @Override
    default List<String> metrics() {
        return List.of(metric());
    }
}
