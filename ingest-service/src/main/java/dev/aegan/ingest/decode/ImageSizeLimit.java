package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;

/** The largest image ingest takes (aegan.ingest.max-image-width / -height); larger is IMAGE_TOO_LARGE. */
public record ImageSizeLimit(int maxWidth, int maxHeight) {

    /** @param subject what is measured, e.g. "image is" or "t.idx: images are" */
    void require(String subject, long width, long height) {
        if (width > maxWidth || height > maxHeight) {
            throw new Rejection(RejectionCode.IMAGE_TOO_LARGE, subject + " " + width + "x" + height
                    + " pixels, larger than the limit " + maxWidth + "x" + maxHeight);
        }
    }
}
