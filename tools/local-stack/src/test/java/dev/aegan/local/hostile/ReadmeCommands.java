package dev.aegan.local.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The shell commands of README.md's block that starts with {@link #MARKER}: the fenced block right
 * after it, one command per line ({@code \} continues a line), {@code #} lines and blank lines left
 * out. The README shows the local stack's fixed addresses; a test's stack has free ports, so
 * {@link #localised} swaps each address for the test's own and changes nothing else.
 */
final class ReadmeCommands {
    static final String MARKER = "<!-- client-commands";

    private ReadmeCommands() {
    }

    static List<String> read(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int marker = indexOf(lines, 0, line -> line.startsWith(MARKER), readme + " has no " + MARKER + " block");
        int open = indexOf(lines, marker + 1, line -> line.startsWith("```"), "no fenced block after " + MARKER);
        int close = indexOf(lines, open + 1, line -> line.startsWith("```"), "the block after " + MARKER + " never ends");
        List<String> commands = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        for (String line : lines.subList(open + 1, close)) {
            String trimmed = line.strip();
            if (command.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                command.append(trimmed.substring(0, trimmed.length() - 1).strip()).append(' ');
                continue;
            }
            commands.add(command.append(trimmed).toString());
            command.setLength(0);
        }
        return commands;
    }

    /** {@code command} with every {@code host:port} of the README replaced by the address the test's stack has. */
    static String localised(String command, Map<String, String> addresses) {
        String out = command;
        for (Map.Entry<String, String> address : addresses.entrySet()) {
            out = out.replace(address.getKey(), address.getValue());
        }
        return out;
    }

    private static int indexOf(List<String> lines, int from, Predicate<String> match, String missing) {
        for (int i = from; i < lines.size(); i++) {
            if (match.test(lines.get(i).strip())) {
                return i;
            }
        }
        throw new IllegalStateException(missing);
    }
}
