package dev.aegan.metrics.evaluation;

import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.MemorisationScores;
import dev.aegan.metrics.domain.Images;
import dev.aegan.metrics.domain.NearestNeighbours;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.aegan.metrics.evaluation.MetricNames.of;

/**
 * The memorisation stage: FlexAE's pixel and feature memorisation scores (PMS, IMS: mean distance
 * of each generated sample to its nearest training image, see {@code MemorisationScores}) and the
 * nearest training images of the first few samples.
 */
public final class MemorisationStage {
    private final int queries;
    private final int neighbours;

    public MemorisationStage(int queries, int neighbours) {
        this.queries = queries;
        this.neighbours = neighbours;
    }

    public MetricValue pixelScore(Images generated, Images training) {
        double pms = MemorisationScores.pixelScore(generated.toUnitBatch(), training.toUnitBatch());
        return new MetricValue(MetricNames.PIXEL_MEMORISATION, pms, MetricNames.PIXELS, generated.count());
    }

    public MetricValue featureScore(String extractor, FeatureMatrix generated, FeatureMatrix training) {
        return new MetricValue(of(MetricNames.FEATURE_MEMORISATION, extractor),
                MemorisationScores.featureScore(generated, training), extractor, generated.rows());
    }

    /** In pixel space ([0, 1] values) when {@code space} is {@value MetricNames#PIXELS}. */
    public NearestNeighbours.Space nearest(String space, FeatureMatrix generated, FeatureMatrix training,
                                           Images generatedImages, Images trainingImages) {
        int q = Math.min(queries, generated.rows());
        int k = Math.min(neighbours, training.rows());
        if (q == 0) {
            return new NearestNeighbours.Space(space, List.of());
        }
        int[] first = IntStream.range(0, q).toArray();
        List<List<MemorisationScores.Neighbour>> found = MemorisationScores.nearestNeighbours(generated.select(first),
                training, k);
        List<NearestNeighbours.Query> result = new ArrayList<>(q);
        for (int i = 0; i < q; i++) {
            List<NearestNeighbours.Neighbour> list = found.get(i).stream()
                    .map(n -> new NearestNeighbours.Neighbour(n.index(), n.distance(), bytes(trainingImages, n.index())))
                    .toList();
            result.add(new NearestNeighbours.Query(i, bytes(generatedImages, i), list));
        }
        return new NearestNeighbours.Space(space, result);
    }

    private static byte[] bytes(Images images, int index) {
        return images.pixelsOf(index);
    }
}
