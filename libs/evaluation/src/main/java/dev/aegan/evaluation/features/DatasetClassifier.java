package dev.aegan.evaluation.features;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.images.DatasetRows;
import dev.aegan.evaluation.images.Images;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.checkpoint.NetworkParameters;
import dev.aegan.models.nn.Layers;
import dev.aegan.models.nn.LearnedParameters;
import dev.aegan.models.nn.NoGrad;
import dev.aegan.models.core.OwnedArrays;
import dev.aegan.models.nn.TorchInit;
import dev.aegan.models.training.AdamOptimizer;
import dev.aegan.models.phase.AdamSettings;

import java.util.OptionalInt;

/**
 * The in-domain classifier that stands in for Inception where no pretrained weights can be had,
 * as the alpha-GAN paper did for CIFAR-10 (Rosca et al. 2017, Section 5 and Appendix H.5: a VGG-style
 * network trained on the dataset for its Inception score; 5.5% error). Much smaller here, to train
 * in minutes on a CPU: conv 3x3 (16) - ReLU - max-pool 2, conv 3x3 (32) - ReLU -
 * max-pool 2, dense {@value #FEATURES} - ReLU (the features), dense to the classes (logits;
 * softmax gives the class probabilities). Trained with softmax cross-entropy on the dataset's
 * labelled training images; its accuracy on the labelled held-out images says how much its
 * features can be trusted.
 *
 * <p>Deterministic: weights from {@link TorchInit} and batch draws from {@link RandomStream}, both
 * seeded by {@link ClassifierTraining#seed()}. DJL allows one open GradientCollector per JVM:
 * training runs on the calling thread and nothing else in the process trains meanwhile.
 */
public final class DatasetClassifier implements FeatureExtractor {
    public static final int FEATURES = 128;
    private static final String NETWORK = "classifier";

    private final String name;
    private final ImageShape shape;
    private final int classes;
    private final NDManager manager;
    private final SequentialBlock body;
    private final SequentialBlock head;
    private final SequentialBlock network;

    private DatasetClassifier(String name, ImageShape shape, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        this.name = name;
        this.shape = shape;
        this.classes = classes;
        this.manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        this.body = new SequentialBlock()
                .add(Layers.conv(16, 3, 1, 1)).add(Layers.relu()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Layers.conv(32, 3, 1, 1)).add(Layers.relu()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Layers.linear(FEATURES)).add(Layers.relu());
        this.head = new SequentialBlock().add(Layers.linear(classes));
        this.network = new SequentialBlock().add(body).add(head);
        network.setInitializer(Initializer.ZEROS, parameter -> true);
        network.initialize(manager, DataType.FLOAT32, shape.batchShape(1));
    }

    /** The name of a dataset's classifier, e.g. {@code fashion-mnist-classifier}. */
    public static String nameFor(String dataset) {
        return dataset + "-classifier";
    }

    /**
     * A classifier trained on {@code training} with {@code labels[i]} in 0 .. classes - 1 for
     * image i (unlabelled images must be left out by the caller).
     */
    public static DatasetClassifier train(String name, DatasetRows training, int[] labels, int classes,
                                          ClassifierTraining budget) {
        if (labels.length != training.count() || training.count() == 0) {
            throw new IllegalArgumentException(training.count() + " training images but " + labels.length
                    + " labels; a classifier needs labelled images");
        }
        DatasetImages images = training.images();
        DatasetClassifier classifier = new DatasetClassifier(name,
                new ImageShape(images.channels(), images.height(), images.width()), classes);
        try {
            classifier.fit(training, labels, budget);
            return classifier;
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    /** A classifier with the parameters {@link #parameters()} returned. */
    public static DatasetClassifier restore(String name, ImageShape shape, int classes, byte[] parameters) {
        DatasetClassifier classifier = new DatasetClassifier(name, shape, classes);
        try {
            NetworkParameters.load(classifier.network, classifier.manager, NETWORK, parameters);
            return classifier;
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    private void fit(DatasetRows training, int[] labels, ClassifierTraining budget) {
        TorchInit.initialize(network, RandomStream.of(budget.seed()).child(NETWORK));
        AdamSettings adam = new AdamSettings(budget.learningRate(), 0.9, 0.999);
        RandomStream draws = RandomStream.of(budget.seed()).child("batches");
        int batch = budget.batchSize();
        try (AdamOptimizer optimizer = new AdamOptimizer(manager)) {
            for (int step = 0; step < budget.steps(); step++) {
                RandomStream stepDraws = draws.child(step);
                int[] picked = new int[batch];
                float[] oneHot = new float[batch * classes];
                for (int i = 0; i < batch; i++) {
                    picked[i] = stepDraws.nextInt(training.count());
                    oneHot[i * classes + labels[picked[i]]] = 1f;
                }
                try (NDScope ignored = new NDScope()) {
                    LearnedParameters.zeroGradients(network);
                    NDArray x = training.select(picked).tensor(manager, 0, batch);
                    NDArray target = OwnedArrays.of(manager, oneHot, new Shape(batch, classes));
                    ParameterStore parameters = new ParameterStore(manager, false);
                    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                        NDArray logits = network.forward(parameters, new NDList(x), true).singletonOrThrow();
                        NDArray loss = logits.logSoftmax(1).mul(target).sum(new int[] {1}).mean().neg();
                        collector.backward(loss);
                    }
                    optimizer.update(NETWORK, network, adam);
                }
            }
        }
    }

    /** The fraction of {@code images} whose most probable class is {@code labels[i]}. */
    public double accuracy(Images images, int[] labels, int batchSize) {
        int correct = 0;
        for (int from = 0; from < images.count(); from += batchSize) {
            int n = Math.min(batchSize, images.count() - from);
            try (NoGrad ignored = NoGrad.enter(); NDScope scope = new NDScope()) {
                NDArray logits = network.forward(new ParameterStore(manager, false),
                        new NDList(images.tensor(manager, from, n)), false).singletonOrThrow();
                long[] predicted = logits.argMax(1).toLongArray();
                for (int i = 0; i < n; i++) {
                    if (predicted[i] == labels[from + i]) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / images.count();
    }

    @Override
    public BatchFeatures extract(NDArray images) {
        if (!shape.batchShape(images.getShape().get(0)).equals(images.getShape())) {
            throw new IllegalArgumentException("classifier " + name + " takes images of " + shape + ", got "
                    + images.getShape());
        }
        try (NoGrad ignored = NoGrad.enter(); NDScope scope = new NDScope()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray features = body.forward(parameters, new NDList(images), false).singletonOrThrow();
            NDArray logits = head.forward(parameters, new NDList(features), false).singletonOrThrow();
            return new BatchFeatures(features.toFloatArray(), logits.softmax(1).toFloatArray());
        }
    }

    public byte[] parameters() {
        return NetworkParameters.toBytes(network);
    }

    public int classes() {
        return classes;
    }

    public ImageShape shape() {
        return shape;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String fingerprint() {
        return FeatureExtractor.fingerprintOf(parameters());
    }

    @Override
    public ExtractorKind kind() {
        return ExtractorKind.CLASSIFIER;
    }

    @Override
    public OptionalInt featureDimension() {
        return OptionalInt.of(FEATURES);
    }

    @Override
    public void close() {
        manager.close();
    }
}
