package dev.aegan.metrics.features;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.datasets.FashionMnist;
import dev.aegan.evaluation.features.FeatureExtractor;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.metrics.store.ClassifierCard;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A dataset's classifier is trained once on its first judged checkpoint; when a later checkpoint saw
 * training images of classes it does not know (a followed dataset got new classes), a second
 * version is trained on them, names the evaluations from then on, and is what S3's card describes.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class ClassifierVersionsTest {
    private static final String DATASET = "classes-grow";

    @Inject
    ExtractorRegistry extractors;

    @Test
    void aClassifierIsTrainedAgainWhenTheTrainingImagesHoldNewClasses() {
        DatasetImages all = FashionMnist.training(DATASET, Split.TRAIN, 0, 1200);
        DatasetImages firstFive = only(all, 5);
        DatasetImages heldOut = FashionMnist.test(DATASET, Split.HELDOUT, 200);
        AtomicInteger reads = new AtomicInteger();

        FeatureExtractor first = classifierOf(extractors.forDataset(heldOut, () -> {
            reads.incrementAndGet();
            return Optional.of(firstFive);
        }, firstFive.count()));
        assertEquals(DATASET + "-classifier", first.name());
        assertEquals(5, extractors.card(DATASET).map(ClassifierCard::classes).orElseThrow());

        FeatureExtractor second = classifierOf(extractors.forDataset(heldOut, () -> {
            reads.incrementAndGet();
            return Optional.of(all);
        }, all.count()));
        assertEquals(DATASET + "-classifier-v2", second.name());
        ClassifierCard card = extractors.card(DATASET).orElseThrow();
        assertEquals(List.of(10, 2), List.of(card.classes(), card.versionOrFirst()));

        int readsBefore = reads.get();
        assertEquals(second.name(), classifierOf(extractors.forDataset(heldOut, () -> {
            reads.incrementAndGet();
            return Optional.of(all);
        }, all.count())).name());
        assertEquals(readsBefore, reads.get(), "the same training images are not checked twice");
    }

    private static FeatureExtractor classifierOf(List<FeatureExtractor> list) {
        return list.get(0);
    }

    private static DatasetImages only(DatasetImages images, int classes) {
        return images.rows(IntStream.range(0, images.count()).filter(i -> images.labels()[i] < classes).toArray());
    }
}
