package dev.aegan.studies.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The study files of the repository's {@code studies/} folder, which this library carries as
 * resources under {@value #FOLDER}. They are listed from where this class was loaded: a directory
 * ({@code target/classes}) or this library's jar (e.g. under a Quarkus fast-jar's {@code lib/main/}).
 */
public final class ShippedStudies {

    static final String FOLDER = "studies/";
    private static final String SUFFIX = ".json";

    private ShippedStudies() {
    }

    /** The names of the shipped studies, sorted. */
    public static List<String> names() {
        return Listing.NAMES;
    }

    /** Listed once, on first use: what a jar or classes directory carries does not change under a running JVM. */
    private static final class Listing {
        static final List<String> NAMES = listFromCodeSource();
    }

    private static List<String> listFromCodeSource() {
        CodeSource source = ShippedStudies.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalStateException("cannot tell where " + ShippedStudies.class.getName() + " was loaded from");
        }
        try {
            return namesAt(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the shipped studies at " + source.getLocation(), e);
        }
    }

    /** The study file's text, as shipped. */
    public static Optional<String> json(String name) {
        if (!names().contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = ShippedStudies.class.getClassLoader().getResourceAsStream(FOLDER + name + SUFFIX)) {
            if (in == null) {
                throw new IllegalStateException("shipped study " + name + " is listed but cannot be read");
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped study " + name, e);
        }
    }

    /** The shipped study, validated as any study file is. */
    public static Optional<Study> study(String name) {
        return json(name).map(text -> StudyFiles.parse(name + SUFFIX, text));
    }

    /** The studies in {@value #FOLDER} of a classes directory or a jar. */
    static List<String> namesAt(Path location) {
        try {
            if (Files.isDirectory(location)) {
                Path folder = location.resolve(FOLDER);
                if (!Files.isDirectory(folder)) {
                    return List.of();
                }
                try (Stream<Path> files = Files.list(folder)) {
                    return sortedNames(files.map(file -> file.getFileName().toString()));
                }
            }
            try (ZipFile jar = new ZipFile(location.toFile())) {
                return sortedNames(jar.stream().map(ZipEntry::getName)
                        .filter(entry -> entry.startsWith(FOLDER) && entry.indexOf('/', FOLDER.length()) < 0)
                        .map(entry -> entry.substring(FOLDER.length())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the shipped studies in " + location, e);
        }
    }

    private static List<String> sortedNames(Stream<String> fileNames) {
        return fileNames.filter(name -> name.endsWith(SUFFIX))
                .map(name -> name.substring(0, name.length() - SUFFIX.length())).sorted().toList();
    }
}
