package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Overrides;
import dev.aegan.ingest.domain.Rejection;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a first read of an upload found, with nothing decoded yet: how many images it holds, the
 * IDX files and which labels belong to which images, the label names of its folders and the
 * archive entries it leaves out. Everything about the upload's structure is checked by then, and
 * the labels are the only content kept (one byte per image).
 */
public final class UploadSurvey {
    /** Skipped entries listed in an answer; the rest are only counted. */
    static final int LISTED_SKIPS = 100;
    /** Longest folder name taken as a label name. */
    static final int MAX_LABEL_NAME_LENGTH = 255;

    private final List<UploadFile> files;
    private final List<IdxFile.Images> idxImages = new ArrayList<>();
    private final List<IdxFile.Labels> idxLabels = new ArrayList<>();
    private final SortedSet<String> labelNames = new TreeSet<>();
    private final List<SkippedEntry> skipped = new ArrayList<>();
    private List<IdxFile.Labels> pairedLabels;
    private long skippedCount;
    private long imageCount;
    private long labelCount;

    UploadSurvey(List<UploadFile> files) {
        this.files = List.copyOf(files);
    }

    public long imageCount() {
        return imageCount;
    }

    /** The distinct folder names of the upload's images, sorted. */
    public List<String> labelNames() {
        return List.copyOf(labelNames);
    }

    /** The first {@value #LISTED_SKIPS} entries left out. */
    public List<SkippedEntry> skipped() {
        return List.copyOf(skipped);
    }

    public long skippedCount() {
        return skippedCount;
    }

    List<UploadFile> files() {
        return files;
    }

    /** The labels of the {@code index}-th IDX images file of the upload, or null if it has none. */
    IdxFile.Labels labelsOf(int index) {
        return pairedLabels.get(index);
    }

    void addImages(long count, String name, int maxImages) {
        imageCount += count;
        if (imageCount > maxImages) {
            throw new Rejection(RejectionCode.UPLOAD_TOO_LARGE, "the upload holds more than " + maxImages
                    + " images (limit per upload), reached at " + name);
        }
    }

    void addIdxImages(IdxFile.Images images, int maxImages) {
        addImages(images.count(), images.name(), maxImages);
        idxImages.add(images);
    }

    /** Remaining room for labels: more labels than images an upload may hold cannot all pair. */
    int labelRoom(int maxImages) {
        return (int) Math.max(0, maxImages - labelCount);
    }

    void addIdxLabels(IdxFile.Labels labels) {
        labelCount += labels.count();
        idxLabels.add(labels);
    }

    void addEncodedImage(String name, String folder, int maxImages) {
        addImages(1, name, maxImages);
        if (folder == null || labelNames.contains(folder)) {
            return;
        }
        if (folder.length() > MAX_LABEL_NAME_LENGTH) {
            throw new Rejection(RejectionCode.INVALID_LABEL, name + ": a folder name of " + folder.length()
                    + " characters is too long for a label name (at most " + MAX_LABEL_NAME_LENGTH + ")");
        }
        if (labelNames.size() > Overrides.MAX_LABEL) {
            throw new Rejection(RejectionCode.INVALID_LABEL, name + ": more than " + (Overrides.MAX_LABEL + 1)
                    + " folders, each a label");
        }
        labelNames.add(folder);
    }

    void skip(SkippedEntry entry) {
        skippedCount++;
        if (skipped.size() < LISTED_SKIPS) {
            skipped.add(entry);
        }
    }

    /** Pairs the IDX files and refuses an upload without images. */
    void finish() {
        pairedLabels = IdxPairing.pair(idxImages, idxLabels);
        if (imageCount == 0) {
            throw new Rejection(RejectionCode.EMPTY_UPLOAD, skippedCount == 0 ? "the upload holds no images"
                    : "the upload holds no images once " + skippedCount + " archive entries are left out, e.g. "
                    + skipped.get(0).entry() + " (" + skipped.get(0).reason() + ")");
        }
    }
}
