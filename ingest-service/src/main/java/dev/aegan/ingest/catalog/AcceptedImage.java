package dev.aegan.ingest.catalog;

import dev.aegan.contracts.Split;
import dev.aegan.ingest.domain.Shape;

/** One image as it will be published: normalised (and fitted) to its dataset's shape, with its label and split. */
public record AcceptedImage(String dataset, Shape shape, Split split, byte[] pixels, int label) {
}
