package dev.aegan.critic.judge;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.checkpoints.InferenceModels;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.critic.CriticConfig;
import dev.aegan.critic.store.CriticStore;
import dev.aegan.critic.store.CriticStore.CriticState;
import dev.aegan.critic.store.CriticStore.SavedCritic;
import dev.aegan.evaluation.images.SampleDrawing;
import dev.aegan.evaluation.metrics.MetricNames;
import dev.aegan.judging.CheckpointJudge;
import dev.aegan.judging.UnevaluableCheckpointException;
import dev.aegan.judging.domain.SkipReason;
import dev.aegan.judging.heldout.HeldOutImages;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.Pixels;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.checkpoint.RestoredModel;
import dev.aegan.models.core.OwnedArrays;
import dev.aegan.models.phase.AdamSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Judges each checkpoint with the run's independent critic (alpha-GAN, Section 5): the held-out
 * split is halved (even positions: the critic's training half, odd: its test half); the critic
 * continues from the run's previous checkpoint, trains {@code updates-per-checkpoint} updates on
 * the training half against samples of this checkpoint, is saved, and then estimates the
 * Wasserstein distance on fresh samples against each half. Published, higher is better as in the
 * paper: {@value MetricNames#CRITIC_NEGATIVE_WASSERSTEIN} (test half), {@value MetricNames#CRITIC_NEGATIVE_WASSERSTEIN_FIT} (training
 * half) and {@value MetricNames#CRITIC_GENERALISATION_GAP}, the training-half distance minus the test-half one: a gap well above 0
 * means the critic overfits its half of the held-out data (the paper's Appendix E check).
 *
 * <p>A checkpoint judged again (a redelivery after a crash between saving and acknowledging) is not
 * trained on twice: the saved critic already covers its step, and only the estimates are repeated.
 */
@ApplicationScoped
public class CriticJudge implements CheckpointJudge {
    public static final String PRODUCER = "critic-service";
    public static final String EXTRACTOR = "independent-wgan-gp-critic";
    private static final Logger LOG = Logger.getLogger(CriticJudge.class);
    private static final int SAMPLE_BATCH = 500;

    private final InferenceModels models;
    private final HeldOutImages heldOut;
    private final CriticStore critics;
    private final CriticConfig config;
    private final SampleDrawing drawing = new SampleDrawing(SAMPLE_BATCH);

    CriticJudge(InferenceModels models, HeldOutImages heldOut, CriticStore critics, CriticConfig config) {
        this.models = models;
        this.heldOut = heldOut;
        this.critics = critics;
        this.config = config;
    }

    @Override
    public String producer() {
        return PRODUCER;
    }

    @Override
    public List<EvaluationEvent> judge(CheckpointEvent event) {
        DatasetImages images = heldOut.all(event.spec().dataset());
        RandomStream stream = RandomStream.of(event.spec().seed(), event.step()).child("critic");
        Optional<SavedCritic> saved = critics.load(event.runId());
        try (RestoredModel restored = models.restore(event, images);
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             IndependentCritic critic = critic(restored.model().shape(), saved, event)) {
            GenerativeModel model = restored.model();
            NDArray fitHalf = half(images, 0, manager);
            NDArray testHalf = half(images, 1, manager);
            if (saved.isEmpty() || saved.get().state().lastStep() < event.step()) {
                NDArray trainingSamples = samples(model, stream.child("training-samples"), manager);
                train(critic, fitHalf, trainingSamples, stream.child("updates"));
                CriticState state = critics.save(event.runId(), event.step(), critic.updates(), config.channels(),
                        critic.parameters(), critic.optimizerState());
                LOG.infof("critic of %s trained to %d updates at step %d", event.runId(), state.updates(), event.step());
            }
            NDArray estimateSamples = samples(model, stream.child("estimate-samples"), manager);
            double fit = critic.wassersteinEstimate(fitHalf, estimateSamples);
            double test = critic.wassersteinEstimate(testHalf, estimateSamples);
            long count = estimateSamples.getShape().get(0);
            Instant at = Instant.now();
            return List.of(evaluation(event, MetricNames.CRITIC_NEGATIVE_WASSERSTEIN, -test, EXTRACTOR, count, at),
                    evaluation(event, MetricNames.CRITIC_NEGATIVE_WASSERSTEIN_FIT, -fit, EXTRACTOR, count, at),
                    evaluation(event, MetricNames.CRITIC_GENERALISATION_GAP, fit - test, EXTRACTOR, count, at));
        }
    }

    private IndependentCritic critic(ImageShape shape, Optional<SavedCritic> saved, CheckpointEvent event) {
        AdamSettings adam = new AdamSettings(config.learningRate(), config.beta1(), config.beta2());
        float penalty = (float) config.gradientPenalty();
        if (saved.isPresent() && saved.get().state().channels() == config.channels()) {
            SavedCritic critic = saved.get();
            return IndependentCritic.restore(shape, config.channels(), adam, penalty, critic.network(),
                    critic.optimizer(), critic.state().updates());
        }
        return IndependentCritic.create(shape, config.channels(), adam, penalty,
                RandomStream.of(event.spec().seed()).child(event.runId()).nextLong());
    }

    private void train(IndependentCritic critic, NDArray real, NDArray fake, RandomStream stream) {
        int batch = config.batchSize();
        long realCount = real.getShape().get(0);
        long fakeCount = fake.getShape().get(0);
        for (int u = 0; u < config.updatesPerCheckpoint(); u++) {
            RandomStream update = stream.child(critic.updates());
            try (NDArray realIndex = indices(update.child("real"), realCount, batch, real.getManager());
                 NDArray fakeIndex = indices(update.child("fake"), fakeCount, batch, fake.getManager());
                 NDArray realBatch = real.get(realIndex);
                 NDArray fakeBatch = fake.get(fakeIndex)) {
                critic.update(realBatch, fakeBatch, update.child("penalty"));
            }
        }
    }

    private static NDArray indices(RandomStream stream, long bound, int n, NDManager manager) {
        long[] indices = new long[n];
        for (int i = 0; i < n; i++) {
            indices[i] = stream.nextInt(Math.toIntExact(bound));
        }
        return OwnedArrays.of(manager, indices, new Shape(n));
    }

    /** Held-out images at positions {@code parity}, {@code parity + 2}, ..., at most {@code sample-count}. */
    private NDArray half(DatasetImages images, int parity, NDManager manager) {
        int perImage = images.channels() * images.height() * images.width();
        int n = Math.min(config.sampleCount(), (images.count() - parity + 1) / 2);
        if (n == 0) {
            throw new UnevaluableCheckpointException(SkipReason.NO_HELDOUT_IMAGES,
                    "dataset '" + images.dataset() + "' has " + images.count() + " held-out image(s); the critic needs "
                    + "at least 2, one for each half");
        }
        ByteArrayOutputStream pixels = new ByteArrayOutputStream(n * perImage);
        for (int i = 0; i < n; i++) {
            pixels.writeBytes(images.pixelsOf(parity + 2 * i, 1));
        }
        return Pixels.toTensor(manager, pixels.toByteArray(), n, InferenceModels.shapeOf(images));
    }

    private NDArray samples(GenerativeModel model, RandomStream stream, NDManager manager) {
        return drawing.samples(model, stream, config.sampleCount()).tensor(manager, 0, config.sampleCount());
    }
}
