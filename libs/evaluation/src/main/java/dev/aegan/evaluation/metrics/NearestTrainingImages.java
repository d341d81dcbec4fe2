package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.MemorisationScores;
import dev.aegan.evaluation.images.Images;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The nearest training images of the first {@code queries} samples, {@code neighbours} each, for
 * the gallery's memorisation view ({@link NearestNeighbours}).
 */
public final class NearestTrainingImages {
    private final int queries;
    private final int neighbours;

    public NearestTrainingImages(int queries, int neighbours) {
        this.queries = queries;
        this.neighbours = neighbours;
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
                    .map(n -> new NearestNeighbours.Neighbour(n.index(), n.distance(), trainingImages.pixelsOf(n.index())))
                    .toList();
            result.add(new NearestNeighbours.Query(i, generatedImages.pixelsOf(i), list));
        }
        return new NearestNeighbours.Space(space, result);
    }
}
