package dev.aegan.local;

import dev.aegan.infra.Await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's log file read from a mark on: the moment a fault is injected is a line appearing there. */
final class LogLines {
    private final Path log;
    private long mark;

    LogLines(Path log) {
        this.log = log;
        this.mark = size();
    }

    /** Waits for a line matching {@code pattern} written after the mark, and moves the mark past it. */
    Matcher await(Pattern pattern, Duration timeout, String what) {
        return Await.until(what + " in " + log, timeout, () -> {
            String text = readFromMark();
            Matcher matcher = pattern.matcher(text);
            if (!matcher.find()) {
                return null;
            }
            mark += text.substring(0, matcher.end()).getBytes(StandardCharsets.UTF_8).length;
            return matcher;
        });
    }

    private String readFromMark() {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long size() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
