package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Candidate;
import dev.aegan.ingest.domain.Rejection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Turns the files of one upload into decoded images. Every file is recognised by its content:
 * gzip is unwrapped, a zip is opened (an image's label is the name of the folder it sits in),
 * IDX image files are paired with IDX label files, PNG and JPEG are decoded. Any file that
 * cannot be read refuses the whole upload: uploads are all or nothing.
 */
public final class UploadReader {
    /** gzip in zip in gzip is plausible; deeper nesting is not a dataset. */
    private static final int MAX_NESTING = 4;
    private static final Pattern IDX_ROLE = Pattern.compile("^(.*?)[-_.]?(images|labels)([-_.].*)?$");

    private final ImageDecoder decoder;
    private final int maxWidth;
    private final int maxHeight;
    private final int maxImages;
    private final long maxExpandedBytes;

    public UploadReader(int maxWidth, int maxHeight, int maxImages, long maxExpandedBytes) {
        this.decoder = new ImageDecoder(maxWidth, maxHeight);
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
        this.maxImages = maxImages;
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /** One uploaded file; {@code name} is used for messages and for pairing IDX files. */
    public record UploadFile(String name, byte[] bytes) {
    }

    /** The upload's images in upload order; every label name found, for the dataset's name table. */
    public record Contents(List<Candidate> images, List<String> labelNames) {
    }

    public Contents read(List<UploadFile> files) {
        Unpacked unpacked = new Unpacked();
        for (UploadFile file : files) {
            if (file.bytes().length == 0) {
                throw new Rejection(RejectionCode.EMPTY_UPLOAD, file.name() + " is empty");
            }
            unpack(file.name(), file.bytes(), null, 0, unpacked);
        }
        List<Candidate> images = new ArrayList<>();
        Map<IdxFile.Images, IdxFile.Labels> pairs = pair(unpacked.idxImages, unpacked.idxLabels);
        for (Object item : unpacked.items) {
            if (item instanceof IdxFile.Images idx) {
                IdxFile.Labels labels = pairs.get(idx);
                for (int i = 0; i < idx.count(); i++) {
                    Candidate candidate = Candidate.unlabelled(idx.image(i), idx.name() + "[" + i + "]");
                    images.add(labels == null ? candidate : candidate.withLabel(labels.label(i)));
                }
            } else if (item instanceof EncodedImage encoded) {
                Candidate candidate;
                try {
                    candidate = Candidate.unlabelled(decoder.decode(encoded.bytes), encoded.name);
                } catch (Rejection rejection) {
                    throw rejection.at(encoded.name);
                }
                images.add(encoded.folder == null ? candidate : candidate.withLabelName(encoded.folder));
            }
        }
        if (images.isEmpty()) {
            throw new Rejection(RejectionCode.EMPTY_UPLOAD, "the upload holds no images");
        }
        List<String> labelNames = images.stream().flatMap(c -> c.labelName().stream()).distinct().sorted().toList();
        return new Contents(images, labelNames);
    }

    private record EncodedImage(String name, byte[] bytes, String folder) {
    }

    private final class Unpacked {
        final List<Object> items = new ArrayList<>();
        final List<IdxFile.Images> idxImages = new ArrayList<>();
        final List<IdxFile.Labels> idxLabels = new ArrayList<>();
        long expandedBytes;
        long imageCount;

        void countImages(long n, String name) {
            imageCount += n;
            if (imageCount > maxImages) {
                throw new Rejection(RejectionCode.UPLOAD_TOO_LARGE, "the upload holds more than " + maxImages
                        + " images (limit per upload), reached at " + name);
            }
        }
    }

    private void unpack(String name, byte[] bytes, String folder, int depth, Unpacked out) {
        if (depth > MAX_NESTING) {
            throw new Rejection(RejectionCode.MALFORMED_ARCHIVE, name + ": archives nested deeper than " + MAX_NESTING);
        }
        switch (FileKind.detect(bytes)) {
            case GZIP -> unpack(stripGz(name), gunzip(name, bytes, out), folder, depth + 1, out);
            case ZIP -> unzip(name, bytes, depth, out);
            case IDX_IMAGES -> {
                IdxFile.Images images = IdxFile.images(name, bytes, maxWidth, maxHeight, maxImages);
                out.countImages(images.count(), name);
                out.idxImages.add(images);
                out.items.add(images);
            }
            case IDX_LABELS -> out.idxLabels.add(IdxFile.labels(name, bytes));
            case IDX_OTHER -> throw new Rejection(RejectionCode.MALFORMED_IDX, name
                    + ": only unsigned-byte IDX images (magic 00000803) and labels (00000801) are accepted, got magic "
                    + FileKind.head(bytes).substring(0, Math.min(8, 2 * bytes.length)));
            case PNG, JPEG -> {
                out.countImages(1, name);
                out.items.add(new EncodedImage(name, bytes, folder));
            }
            case UNKNOWN -> throw new Rejection(RejectionCode.UNSUPPORTED_FORMAT, name
                    + " is not an IDX, gzip, zip, PNG or JPEG file (first bytes " + FileKind.head(bytes) + ")");
        }
    }

    private byte[] gunzip(String name, byte[] bytes, Unpacked out) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return readExpanded(name, in, out);
        } catch (IOException e) {
            throw new Rejection(RejectionCode.MALFORMED_ARCHIVE, name + ": broken or truncated gzip data ("
                    + e.getMessage() + ")");
        }
    }

    private void unzip(String name, byte[] bytes, int depth, Unpacked out) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String path = entry.getName();
                if (entry.isDirectory() || isMetadata(path)) {
                    continue;
                }
                byte[] content = readExpanded(name + "!/" + path, zip, out);
                unpack(name + "!/" + path, content, parentFolder(path), depth + 1, out);
            }
        } catch (ZipException e) {
            throw new Rejection(RejectionCode.MALFORMED_ARCHIVE, name + ": broken zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new Rejection(RejectionCode.MALFORMED_ARCHIVE, name + ": broken or truncated zip archive ("
                    + e.getMessage() + ")");
        }
    }

    private byte[] readExpanded(String name, InputStream in, Unpacked out) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = in.read(chunk)) > 0) {
            out.expandedBytes += n;
            if (out.expandedBytes > maxExpandedBytes) {
                throw new Rejection(RejectionCode.UPLOAD_TOO_LARGE, "the upload expands to more than "
                        + maxExpandedBytes + " bytes once unpacked (limit), reached at " + name);
            }
            buffer.write(chunk, 0, n);
        }
        return buffer.toByteArray();
    }

    /** Folders and files that archivers add beside the content (macOS resource forks, .DS_Store). */
    private static boolean isMetadata(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return path.startsWith("__MACOSX/") || path.contains("/__MACOSX/") || base.startsWith(".");
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

    /**
     * One images file and one labels file belong together; with more, each pairs with the labels
     * file whose name has the same prefix before "images"/"labels" (train-images-idx3-ubyte with
     * train-labels-idx1-ubyte, t10k-images... with t10k-labels...). Without label files, images are
     * unlabelled; label files that match no images file refuse the upload.
     */
    private static Map<IdxFile.Images, IdxFile.Labels> pair(List<IdxFile.Images> images, List<IdxFile.Labels> labels) {
        Map<IdxFile.Images, IdxFile.Labels> pairs = new LinkedHashMap<>();
        if (labels.isEmpty()) {
            return pairs;
        }
        if (images.isEmpty()) {
            throw new Rejection(RejectionCode.LABEL_COUNT_MISMATCH, "the upload holds IDX labels ("
                    + labels.get(0).name() + ") but no IDX images file");
        }
        if (images.size() == 1 && labels.size() == 1) {
            pairs.put(images.get(0), checkCount(images.get(0), labels.get(0)));
            return pairs;
        }
        Map<String, IdxFile.Labels> labelsByPrefix = new LinkedHashMap<>();
        for (IdxFile.Labels file : labels) {
            IdxFile.Labels previous = labelsByPrefix.put(prefix(file.name(), "labels"), file);
            if (previous != null) {
                throw new Rejection(RejectionCode.LABEL_COUNT_MISMATCH, "two label files, " + previous.name()
                        + " and " + file.name() + ", claim the same images");
            }
        }
        for (IdxFile.Images file : images) {
            IdxFile.Labels match = labelsByPrefix.remove(prefix(file.name(), "images"));
            if (match == null) {
                throw new Rejection(RejectionCode.LABEL_COUNT_MISMATCH, "no labels file for " + file.name()
                        + ": with several IDX files, name them <prefix>-images... and <prefix>-labels...");
            }
            pairs.put(file, checkCount(file, match));
        }
        if (!labelsByPrefix.isEmpty()) {
            throw new Rejection(RejectionCode.LABEL_COUNT_MISMATCH, "no images file for "
                    + labelsByPrefix.values().iterator().next().name());
        }
        return pairs;
    }

    private static String prefix(String name, String role) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('!')) + 1)
                .toLowerCase(Locale.ROOT);
        Matcher matcher = IDX_ROLE.matcher(base);
        if (!matcher.matches() || !matcher.group(2).equals(role)) {
            throw new Rejection(RejectionCode.LABEL_COUNT_MISMATCH, "cannot tell which IDX file " + name
                    + " pairs with: with several IDX files, name them <prefix>-images... and <prefix>-labels...");
        }
        return matcher.group(1);
    }

    private static IdxFile.Labels checkCount(IdxFile.Images images, IdxFile.Labels labels) {
        if (images.count() != labels.count()) {
            throw new Rejection(RejectionCode.LABEL_COUNT_MISMATCH, images.name() + " holds " + images.count()
                    + " images but " + labels.name() + " holds " + labels.count() + " labels");
        }
        return labels;
    }
}
