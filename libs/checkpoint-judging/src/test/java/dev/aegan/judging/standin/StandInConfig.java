package dev.aegan.judging.standin;

import dev.aegan.judging.JudgingConfig;
import io.smallrye.config.ConfigMapping;

/** The judging knobs of this module's test application ({@code aegan.judging-test.*}), as a service maps its own. */
@ConfigMapping(prefix = "aegan.judging-test")
public interface StandInConfig extends JudgingConfig {
}
