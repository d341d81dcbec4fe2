package dev.aegan.studies.spec;

import dev.aegan.studies.rules.PaperValues;

import java.util.List;
import java.util.Map;

/**
 * A validated study file: what runs it stands for ({@link #groups}, each run once per seed of a
 * profile), who runs them ({@link #runner}), the metrics of its table, the paper's values, the
 * claims with their rules, and the figure its report draws. {@link StudyFiles} reads one.
 */
public record Study(String name, String title, String paper, Runner runner, String dataset, List<Group> groups,
                    Map<String, Profile> profiles, List<String> metrics, PaperValues paperValues, List<Claim> claims,
                    Figure figure) {

    /** The two budgets every study declares. */
    public static final List<String> PROFILES = List.of("local", "paper");

    public Profile profile(String name) {
        Profile profile = profiles.get(name);
        if (profile == null) {
            throw new IllegalArgumentException("study " + this.name + " has no profile '" + name + "'; it has " + PROFILES);
        }
        return profile;
    }

    public Group group(String name) {
        return groups.stream().filter(group -> group.name().equals(name)).findFirst().orElseThrow();
    }
}
