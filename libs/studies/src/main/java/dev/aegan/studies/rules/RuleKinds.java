package dev.aegan.studies.rules;

import dev.aegan.studies.json.Field;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Every rule a claim may name, by its {@code rule} field. A new rule adds one line here. */
public final class RuleKinds {

    private static final Map<String, Function<Field, Rule>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("ordering", OrderingRule::parse);
        KINDS.put("monotone", MonotoneRule::parse);
        KINDS.put("flat", FlatRule::parse);
        KINDS.put("front-dominates", FrontDominatesRule::parse);
        KINDS.put("within", WithinRule::parse);
    }

    private RuleKinds() {
    }

    /** The rule a claim declares (its {@code rule} field and that rule's own fields). */
    public static Rule parse(Field claim) {
        Field kind = claim.child("rule");
        Function<Field, Rule> parser = KINDS.get(kind.text());
        if (parser == null) {
            throw kind.problem("unknown rule '" + kind.text() + "'; known: " + String.join(", ", KINDS.keySet()));
        }
        return parser.apply(claim);
    }
}
