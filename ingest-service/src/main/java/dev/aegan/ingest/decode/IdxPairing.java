package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which IDX labels file belongs to which images file. One images file and one labels file belong
 * together; with more, each pairs with the labels file whose name has the same prefix before
 * "images"/"labels" (train-images-idx3-ubyte with train-labels-idx1-ubyte, t10k-images... with
 * t10k-labels...). Without label files, images are unlabelled; label files that match no images
 * file refuse the upload.
 */
final class IdxPairing {
    private static final Pattern IDX_ROLE = Pattern.compile("^(.*?)[-_.]?(images|labels)([-_.].*)?$");

    private IdxPairing() {
    }

    /** The labels of each images file, in the images files' order; null for unlabelled images. */
    static List<IdxFile.Labels> pair(List<IdxFile.Images> images, List<IdxFile.Labels> labels) {
        if (labels.isEmpty()) {
            return Collections.nCopies(images.size(), null);
        }
        if (images.isEmpty()) {
            throw new Rejection(RejectionCode.LABEL_COUNT_MISMATCH, "the upload holds IDX labels ("
                    + labels.get(0).name() + ") but no IDX images file");
        }
        if (images.size() == 1 && labels.size() == 1) {
            return List.of(checkCount(images.get(0), labels.get(0)));
        }
        Map<String, IdxFile.Labels> labelsByPrefix = new LinkedHashMap<>();
        for (IdxFile.Labels file : labels) {
            IdxFile.Labels previous = labelsByPrefix.put(prefix(file.name(), "labels"), file);
            if (previous != null) {
                throw new Rejection(RejectionCode.LABEL_COUNT_MISMATCH, "two label files, " + previous.name()
                        + " and " + file.name() + ", claim the same images");
            }
        }
        List<IdxFile.Labels> pairs = new ArrayList<>();
        for (IdxFile.Images file : images) {
            IdxFile.Labels match = labelsByPrefix.remove(prefix(file.name(), "images"));
            if (match == null) {
                throw new Rejection(RejectionCode.LABEL_COUNT_MISMATCH, "no labels file for " + file.name()
                        + ": with several IDX files, name them <prefix>-images... and <prefix>-labels...");
            }
            pairs.add(checkCount(file, match));
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
