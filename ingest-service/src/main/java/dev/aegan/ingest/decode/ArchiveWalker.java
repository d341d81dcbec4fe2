package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Walks an uploaded file as a stream: gzip is unwrapped and zip entries are opened one after the
 * other, however they nest, and every file inside is handed to a visitor while it is read, so
 * nothing is ever held whole. What comes out of an archive is counted against the upload's
 * {@link ExpansionBudget}. Every file is recognised by its first bytes; one that is neither an
 * archive nor an IDX, PNG or JPEG file refuses the upload.
 */
final class ArchiveWalker {
    /** gzip in zip in gzip is plausible; deeper nesting is not a dataset. */
    static final int MAX_NESTING = 4;
    private static final int BUFFER = 64 * 1024;
    private static final int HEAD = 8;

    /** A file to decode: its kind (IDX images or labels, PNG or JPEG) and its content, from its first byte. */
    record Leaf(String name, String folder, FileKind kind, InputStream content) {
    }

    @FunctionalInterface
    interface Visitor {
        /** Reads what it needs of {@code leaf}; the walker reads the rest, so that it counts. */
        void visit(Leaf leaf) throws IOException;
    }

    private final ExpansionBudget budget;
    private final Consumer<SkippedEntry> skipped;

    ArchiveWalker(ExpansionBudget budget, Consumer<SkippedEntry> skipped) {
        this.budget = budget;
        this.skipped = skipped;
    }

    void walk(UploadFile file, Visitor visitor) {
        try (InputStream in = new BufferedInputStream(file.open(), BUFFER)) {
            if (head(in).length == 0) {
                throw new Rejection(RejectionCode.EMPTY_UPLOAD, file.name() + " is empty");
            }
            walk(file.name(), in, null, 0, visitor);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded file " + file.name(), e);
        }
    }

    /** {@code in} supports mark/reset; it is read to its end. */
    private void walk(String name, InputStream in, String folder, int depth, Visitor visitor) throws IOException {
        if (depth > MAX_NESTING) {
            throw new Rejection(RejectionCode.MALFORMED_ARCHIVE, name + ": archives nested deeper than " + MAX_NESTING);
        }
        byte[] head = head(in);
        FileKind kind = FileKind.detect(head);
        switch (kind) {
            case GZIP -> gunzip(name, in, folder, depth, visitor);
            case ZIP -> unzip(name, in, depth, visitor);
            case IDX_IMAGES, IDX_LABELS, PNG, JPEG -> visitor.visit(new Leaf(name, folder, kind, in));
            case IDX_OTHER -> throw new Rejection(RejectionCode.MALFORMED_IDX, name
                    + ": only unsigned-byte IDX images (magic 00000803) and labels (00000801) are accepted, got magic "
                    + FileKind.head(head).substring(0, Math.min(8, 2 * head.length)));
            case UNKNOWN -> throw new Rejection(RejectionCode.UNSUPPORTED_FORMAT, name
                    + " is not an IDX, gzip, zip, PNG or JPEG file (first bytes " + FileKind.head(head) + ")");
        }
        drain(in);
    }

    private void gunzip(String name, InputStream in, String folder, int depth, Visitor visitor) throws IOException {
        GZIPInputStream gzip;
        try {
            gzip = new GZIPInputStream(unclosable(in), BUFFER);
        } catch (IOException e) {
            throw new Rejection(RejectionCode.MALFORMED_ARCHIVE, name + ": broken gzip header (" + e.getMessage() + ")");
        }
        try (gzip) {
            InputStream unpacked = new BufferedInputStream(budget.watch(name, "gzip", gzip), BUFFER);
            walk(stripGz(name), unpacked, folder, depth + 1, visitor);
        }
    }

    private void unzip(String name, InputStream in, int depth, Visitor visitor) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(unclosable(in))) {
            InputStream entries = budget.watch(name, "zip", unclosable(zip));
            ZipEntry entry;
            while ((entry = nextEntry(name, zip)) != null) {
                String path = entry.getName();
                String entryName = name + "!/" + path;
                Optional<String> reason = skipReason(path);
                if (entry.isDirectory()) {
                    drain(entries);
                } else if (reason.isPresent()) {
                    skipped.accept(new SkippedEntry(entryName, reason.get()));
                    drain(entries);
                } else {
                    walk(entryName, new BufferedInputStream(entries, BUFFER), parentFolder(path), depth + 1, visitor);
                }
            }
        }
    }

    private static ZipEntry nextEntry(String name, ZipInputStream zip) {
        try {
            return zip.getNextEntry();
        } catch (IOException e) {
            throw new Rejection(RejectionCode.MALFORMED_ARCHIVE, name + ": broken or truncated zip archive ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Entries that are not part of a dataset: archivers' metadata (macOS' __MACOSX folder, .DS_Store
     * and other hidden files or folders) and paths that climb out of the archive with "..", whose
     * folder would otherwise become a label.
     */
    static Optional<String> skipReason(String path) {
        String[] segments = path.split("/");
        for (String segment : segments) {
            if (segment.equals("..")) {
                return Optional.of("its path climbs out of the archive with '..'");
            }
        }
        for (String segment : segments) {
            if (segment.equals("__MACOSX")) {
                return Optional.of("macOS archive metadata (__MACOSX)");
            }
            if (segment.startsWith(".")) {
                return Optional.of("hidden: '" + segment + "' starts with '.'");
            }
        }
        return Optional.empty();
    }

    private static String parentFolder(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            return null;
        }
        String parent = path.substring(0, slash);
        return parent.substring(parent.lastIndexOf('/') + 1);
    }

    private static String stripGz(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    private static byte[] head(InputStream in) throws IOException {
        in.mark(HEAD);
        byte[] head = in.readNBytes(HEAD);
        in.reset();
        return head;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] scratch = new byte[BUFFER];
        while (in.read(scratch) >= 0) {
            // read to the end: archive checksums are verified there, and every unpacked byte counts
        }
    }

    /** {@code in} for a reader whose close must leave it open (a decompressor over an enclosing archive). */
    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the enclosing stream is closed by whoever opened it
            }
        };
    }
}
