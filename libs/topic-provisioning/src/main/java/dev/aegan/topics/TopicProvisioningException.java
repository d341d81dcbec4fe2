package dev.aegan.topics;

import java.util.List;

/** The topics could not be brought in line, or (verify mode) are not in line; the message says what to do. */
public class TopicProvisioningException extends RuntimeException {
    private final List<String> problems;

    public TopicProvisioningException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    public TopicProvisioningException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    /** Each missing topic or differing setting, one sentence each (verify mode). */
    public List<String> problems() {
        return problems;
    }
}
