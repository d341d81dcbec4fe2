package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.ingest.domain.Candidate;
import dev.aegan.ingest.domain.Image;
import dev.aegan.ingest.domain.Rejection;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the files of one upload into decoded images, as streams, in two reads. {@link #survey}
 * walks every file (gzip unwrapped, zip entries opened, IDX files checked against their headers,
 * IDX label files read and paired with their images) and refuses a malformed upload before
 * anything is decoded or published. {@link #read} walks them again and hands over one image at a
 * time, decoded: an IDX image as its pixels are read, a PNG or JPEG (labelled by the zip folder it
 * sits in) once its own bytes are in. Memory holds one encoded image and the labels, whatever the
 * size of the upload.
 */
public final class UploadReader {
    /** Largest encoded image: what one ingest.images record may hold. */
    static final int MAX_ENCODED_IMAGE_BYTES = TopicDefinitions.IMAGE_RECORD_MAX_BYTES;

    private final ImageSizeLimit limit;
    private final ImageDecoder decoder;
    private final int maxImages;
    private final long maxExpandedBytes;

    public UploadReader(int maxWidth, int maxHeight, int maxImages, long maxExpandedBytes) {
        this.limit = new ImageSizeLimit(maxWidth, maxHeight);
        this.decoder = new ImageDecoder(maxWidth, maxHeight);
        this.maxImages = maxImages;
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /** The first read: checks the upload's structure and limits; throws a {@code Rejection} if it is refused. */
    public UploadSurvey survey(List<UploadFile> files) {
        UploadSurvey survey = new UploadSurvey(files);
        ArchiveWalker walker = new ArchiveWalker(new ExpansionBudget(maxExpandedBytes), survey::skip);
        for (UploadFile file : files) {
            walker.walk(file, leaf -> {
                switch (leaf.kind()) {
                    case IDX_IMAGES -> {
                        IdxFile.Images images = IdxFile.readImagesHeader(leaf.name(), leaf.content(), limit, maxImages);
                        survey.addIdxImages(images, maxImages);
                        IdxFile.skipImages(images, leaf.content());
                    }
                    case IDX_LABELS -> survey.addIdxLabels(
                            IdxFile.readLabels(leaf.name(), leaf.content(), survey.labelRoom(maxImages)));
                    default -> survey.addEncodedImage(leaf.name(), leaf.folder(), maxImages);
                }
            });
        }
        survey.finish();
        return survey;
    }

    /** The second read: every image of a surveyed upload, decoded, in upload order. */
    public void read(UploadSurvey survey, Consumer<Candidate> images) {
        ArchiveWalker walker = new ArchiveWalker(new ExpansionBudget(maxExpandedBytes), skipped -> { });
        int[] idxFiles = {0};
        for (UploadFile file : survey.files()) {
            walker.walk(file, leaf -> {
                switch (leaf.kind()) {
                    case IDX_IMAGES -> readIdx(leaf, survey.labelsOf(idxFiles[0]++), images);
                    case IDX_LABELS -> {
                        // paired in the survey
                    }
                    default -> images.accept(decode(leaf));
                }
            });
        }
    }

    private void readIdx(ArchiveWalker.Leaf leaf, IdxFile.Labels labels, Consumer<Candidate> images)
            throws IOException {
        IdxFile.Images idx = IdxFile.readImagesHeader(leaf.name(), leaf.content(), limit, maxImages);
        for (int i = 0; i < idx.count(); i++) {
            Image image = new Image(idx.shape(), IdxFile.readImage(idx, leaf.content(), i));
            Candidate candidate = Candidate.unlabelled(image, idx.name() + "[" + i + "]");
            images.accept(labels == null ? candidate : candidate.withLabel(labels.label(i)));
        }
    }

    private Candidate decode(ArchiveWalker.Leaf leaf) throws IOException {
        Candidate candidate;
        try {
            candidate = Candidate.unlabelled(decoder.decode(readEncoded(leaf.content())), leaf.name());
        } catch (Rejection rejection) {
            throw rejection.at(leaf.name());
        }
        return leaf.folder() == null ? candidate : candidate.withLabelName(leaf.folder());
    }

    private static byte[] readEncoded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_ENCODED_IMAGE_BYTES + 1);
        if (bytes.length > MAX_ENCODED_IMAGE_BYTES) {
            throw new Rejection(RejectionCode.IMAGE_TOO_LARGE, "an encoded image of more than "
                    + MAX_ENCODED_IMAGE_BYTES + " bytes (the most an ingest.images record holds)");
        }
        return bytes;
    }
}
