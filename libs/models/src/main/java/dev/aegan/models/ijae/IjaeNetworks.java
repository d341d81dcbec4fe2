package dev.aegan.models.ijae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.aegan.models.nn.CompositeBlock;
import dev.aegan.models.nn.Layers;
import dev.aegan.models.nn.ResampledConvolution;

/**
 * The five networks of Appendix D, for a canvas of {@code P x Q} pixels (32 x 32 for CIFAR-10;
 * smaller images are padded onto it, see {@link Canvas}) and a width {@code c} (the paper: 128).
 *
 * <p>Appendix D's tables are garbled in the text we have; its printed weight counts pin the reading.
 * The residual blocks are those of Gulrajani et al. (2017), the "standard ResNet" Section 5 cites:
 * <ul>
 *   <li>downsampling block: ReLU, conv3x3, ReLU, conv3x3, 2x2 mean pool; shortcut 2x2 mean pool
 *       then conv1x1 (when it resamples); the first block of a network skips the first ReLU (no
 *       activation on raw pixels). Biased convolutions, no normalisation.</li>
 *   <li>upsampling block: BN, ReLU, nearest x2, conv3x3, BN, ReLU, conv3x3; shortcut nearest x2
 *       (identity otherwise, "as in the original ResNet" since the widths agree). Convolutions
 *       without bias (each feeds a batch norm or a sum that does).</li>
 * </ul>
 * With c = 128, latent 128 and 3 x 32 x 32 this gives D_psi 1,053,825 weights, D_zeta
 * 4,526,273 and G 1,154,179: exactly the paper's counts. D_tau has 1,053,953 (paper 1,054,081,
 * 128 more than any reading we found). The encoder has 1,201,920 with noise injected as
 * {@code Linear(noiseDim, c)(xi)} broadcast over the feature map, as Table 3's header prints it; the
 * paper's 6,436,224 is what per-position injections {@code Linear(128, c * h * w)} after the first
 * two blocks (and none after the last ReLU) would give, the only reading we found that matches. We
 * follow the printed header and the design notes (per channel) by default; {@code noisePerPosition}
 * selects the other reading. See models/README.md.
 *
 * <p>DJL's PyTorch engine has no transposed convolution; the paper's generator upsamples and
 * convolves anyway (no deconvolution needed).
 */
final class IjaeNetworks {

    /** Noise injections of the encoder, each with its own xi (Table 3: two after blocks, one after the ReLU). */
    static final int NOISE_INJECTIONS = 3;

    private IjaeNetworks() {
    }

    /**
     * E(x, xi): inputs canvas images N x C x P x Q and noise N x 3 x noiseDim; output N x latentDim. Each xi
     * is added per channel, or per position of the first two blocks' P/2 x Q/2 and P/4 x Q/4 maps.
     */
    static Block encoder(int width, int latentDim, boolean noisePerPosition, long canvasHeight, long canvasWidth) {
        return new Encoder(width, latentDim, noisePerPosition, canvasHeight, canvasWidth);
    }

    /** G(z): input N x latentDim; output N x C x P x Q canvas images in [-1, 1] (tanh). */
    static Block generator(int imageChannels, int width, long canvasHeight, long canvasWidth) {
        return new Generator(imageChannels, width, canvasHeight / 8, canvasWidth / 8);
    }

    /** D_psi(x): input N x C x P x Q; output N x 1 logits. */
    static Block imageDiscriminator(int width) {
        return new ImageDiscriminator(width);
    }

    /** D_tau(x, z, y): inputs N x C x P x Q twice and N x latentDim; output N x 1 logits. */
    static Block pairDiscriminator(int width) {
        return new PairDiscriminator(width);
    }

    /** D_zeta(x, z): inputs N x C x P x Q and N x latentDim; output N x 1 logits. */
    static Block codeDiscriminator(int width) {
        return new CodeDiscriminator(width);
    }

    static Block conv3x3(int filters, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .optBias(bias).build();
    }

    static NDArray upsample(NDArray x) {
        return Layers.upsampleNearest(x, 2);
    }

    private static Shape halved(Shape s) {
        return new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2);
    }

    /** Gulrajani et al.'s discriminator block (ResidualBlock / OptimizedResBlockDisc1). */
    static final class DownBlock extends CompositeBlock {
        private final int width;
        private final boolean first;
        private final boolean downsample;
        private final Block conv1;
        private final Block conv2;
        private final Block shortcut;

        DownBlock(int width, boolean first, boolean downsample) {
            this.width = width;
            this.first = first;
            this.downsample = downsample;
            this.conv1 = addChildBlock("conv1", conv3x3(width, true));
            this.conv2 = addChildBlock("conv2", conv3x3(width, true));
            this.shortcut = first || downsample ? addChildBlock("shortcut", Layers.conv(width, 1, 1, 0)) : null;
        }

        @Override
        protected NDArray compute(ParameterStore parameters, NDList inputs, boolean training) {
            NDArray x = inputs.singletonOrThrow();
            NDArray h = apply(conv1, parameters, first ? x : Activation.relu(x), training);
            if (!downsample) {
                h = apply(conv2, parameters, Activation.relu(h), training);
                return h.add(shortcut == null ? x : apply(shortcut, parameters, x, training));
            }
            // meanpool(conv(.)) on both paths as one stride-2 convolution each: the same function, no pooling
            // pass, 2.25x fewer multiply-adds for conv2.
            NDArray pooled = ResampledConvolution.beforeMeanPooling(Activation.relu(h),
                    parameter(conv2, "weight", parameters, x, training),
                    parameter(conv2, "bias", parameters, x, training));
            NDArray skip = ResampledConvolution.beforeMeanPooling(x,
                    parameter(shortcut, "weight", parameters, x, training),
                    parameter(shortcut, "bias", parameters, x, training));
            return pooled.add(skip);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape in = inputShapes[0];
            Shape mid = initChild(conv1, manager, dataType, in);
            initChild(conv2, manager, dataType, mid);
            if (shortcut != null) {
                initChild(shortcut, manager, dataType, downsample ? halved(in) : in);
            }
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape in = inputShapes[0];
            Shape out = new Shape(in.get(0), width, in.get(2), in.get(3));
            return new Shape[] {downsample ? halved(out) : out};
        }
    }

    /** Gulrajani et al.'s generator block (ResidualBlock, resample='up') with an identity shortcut. */
    static final class UpBlock extends CompositeBlock {
        private final int width;
        private final Block norm1;
        private final Block conv1;
        private final Block norm2;
        private final Block conv2;

        UpBlock(int width) {
            this.width = width;
            this.norm1 = addChildBlock("norm1", BatchNorm.builder().build());
            this.conv1 = addChildBlock("conv1", conv3x3(width, false));
            this.norm2 = addChildBlock("norm2", BatchNorm.builder().build());
            this.conv2 = addChildBlock("conv2", conv3x3(width, false));
        }

        @Override
        protected NDArray compute(ParameterStore parameters, NDList inputs, boolean training) {
            NDArray x = inputs.singletonOrThrow();
            NDArray h = Activation.relu(apply(norm1, parameters, x, training));
            // conv1(upsample(h)), computed at h's resolution (ResampledConvolution): the same function, 2.25x fewer
            // multiply-adds.
            h = ResampledConvolution.afterUpsampling(h, parameter(conv1, "weight", parameters, h, training), null);
            h = Activation.relu(apply(norm2, parameters, h, training));
            h = apply(conv2, parameters, h, training);
            return h.add(upsample(x));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape in = inputShapes[0];
            initChild(norm1, manager, dataType, in);
            Shape up = new Shape(in.get(0), in.get(1), in.get(2) * 2, in.get(3) * 2);
            Shape mid = initChild(conv1, manager, dataType, up);
            initChild(norm2, manager, dataType, mid);
            initChild(conv2, manager, dataType, mid);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape in = inputShapes[0];
            return new Shape[] {new Shape(in.get(0), width, in.get(2) * 2, in.get(3) * 2)};
        }
    }

    /** Table 3. The noise is {@code Linear(noiseDim, c)(xi_k)} added to every position of the map. */
    static final class Encoder extends CompositeBlock {
        private final int latentDim;
        private final boolean noisePerPosition;
        private final Block block1;
        private final Block noise1;
        private final Block block2;
        private final Block noise2;
        private final Block block3;
        private final Block block4;
        private final Block noise3;
        private final Block project;

        Encoder(int width, int latentDim, boolean noisePerPosition, long canvasHeight, long canvasWidth) {
            this.latentDim = latentDim;
            this.noisePerPosition = noisePerPosition;
            long positions1 = noisePerPosition ? canvasHeight / 2 * (canvasWidth / 2) : 1;
            long positions2 = noisePerPosition ? canvasHeight / 4 * (canvasWidth / 4) : 1;
            block1 = addChildBlock("block1", new DownBlock(width, true, true));
            noise1 = addChildBlock("noise1", Layers.linear(width * positions1));
            block2 = addChildBlock("block2", new DownBlock(width, false, true));
            noise2 = addChildBlock("noise2", Layers.linear(width * positions2));
            block3 = addChildBlock("block3", new DownBlock(width, false, true));
            block4 = addChildBlock("block4", new DownBlock(width, false, true));
            noise3 = noisePerPosition ? null : addChildBlock("noise3", Layers.linear(width));
            project = addChildBlock("project", Layers.linear(latentDim));
        }

        @Override
        protected NDArray compute(ParameterStore parameters, NDList inputs, boolean training) {
            NDArray x = inputs.get(0);
            NDArray xi = inputs.get(1);
            NDArray h = apply(block1, parameters, x, training);
            h = inject(noise1, parameters, h, xi.get(":, 0, :"), training);
            h = apply(block2, parameters, h, training);
            h = inject(noise2, parameters, h, xi.get(":, 1, :"), training);
            h = apply(block3, parameters, h, training);
            h = Activation.relu(apply(block4, parameters, h, training));
            if (noise3 != null) {
                h = inject(noise3, parameters, h, xi.get(":, 2, :"), training);
            }
            return apply(project, parameters, h.reshape(h.getShape().get(0), -1), training);
        }

        /** map + Linear(xi), reshaped to N x c x 1 x 1 (per channel) or to the map's N x c x h x w (per position). */
        private NDArray inject(Block noise, ParameterStore parameters, NDArray map, NDArray xi, boolean training) {
            NDArray added = apply(noise, parameters, xi, training);
            Shape shape = map.getShape();
            return map.add(noisePerPosition ? added.reshape(shape) : added.reshape(shape.get(0), shape.get(1), 1, 1));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape xi = new Shape(inputShapes[1].get(0), inputShapes[1].get(2));
            Shape h = initChild(block1, manager, dataType, inputShapes[0]);
            initChild(noise1, manager, dataType, xi);
            h = initChild(block2, manager, dataType, h);
            initChild(noise2, manager, dataType, xi);
            h = initChild(block3, manager, dataType, h);
            h = initChild(block4, manager, dataType, h);
            if (noise3 != null) {
                initChild(noise3, manager, dataType, xi);
            }
            initChild(project, manager, dataType, new Shape(h.get(0), h.size() / h.get(0)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), latentDim)};
        }
    }

    /** Table 4: Linear, reshape, three upsampling blocks, BN, ReLU, conv3x3, tanh. */
    static final class Generator extends CompositeBlock {
        private final int imageChannels;
        private final int width;
        private final long baseHeight;
        private final long baseWidth;
        private final Block project;
        private final Block block1;
        private final Block block2;
        private final Block block3;
        private final Block norm;
        private final Block toImage;

        Generator(int imageChannels, int width, long baseHeight, long baseWidth) {
            this.imageChannels = imageChannels;
            this.width = width;
            this.baseHeight = baseHeight;
            this.baseWidth = baseWidth;
            project = addChildBlock("project", Layers.linear(width * baseHeight * baseWidth));
            block1 = addChildBlock("block1", new UpBlock(width));
            block2 = addChildBlock("block2", new UpBlock(width));
            block3 = addChildBlock("block3", new UpBlock(width));
            norm = addChildBlock("norm", BatchNorm.builder().build());
            toImage = addChildBlock("toImage", conv3x3(imageChannels, true));
        }

        @Override
        protected NDArray compute(ParameterStore parameters, NDList inputs, boolean training) {
            NDArray z = inputs.singletonOrThrow();
            NDArray h = apply(project, parameters, z, training).reshape(-1, width, baseHeight, baseWidth);
            h = apply(block1, parameters, h, training);
            h = apply(block2, parameters, h, training);
            h = apply(block3, parameters, h, training);
            h = Activation.relu(apply(norm, parameters, h, training));
            return apply(toImage, parameters, h, training).tanh();
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            long n = inputShapes[0].get(0);
            initChild(project, manager, dataType, inputShapes[0]);
            Shape h = initChild(block1, manager, dataType, new Shape(n, width, baseHeight, baseWidth));
            h = initChild(block2, manager, dataType, h);
            h = initChild(block3, manager, dataType, h);
            initChild(norm, manager, dataType, h);
            initChild(toImage, manager, dataType, h);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), imageChannels, baseHeight * 8, baseWidth * 8)};
        }
    }

    /**
     * Gulrajani et al.'s CIFAR discriminator trunk (Tables 5 and 6): two downsampling blocks, two
     * plain ones, ReLU, global average pooling; N x c features.
     */
    static final class Trunk extends CompositeBlock {
        private final int width;
        private final Block[] blocks;

        Trunk(int width) {
            this.width = width;
            blocks = new Block[] {
                addChildBlock("block1", new DownBlock(width, true, true)),
                addChildBlock("block2", new DownBlock(width, false, true)),
                addChildBlock("block3", new DownBlock(width, false, false)),
                addChildBlock("block4", new DownBlock(width, false, false))};
        }

        @Override
        protected NDArray compute(ParameterStore parameters, NDList inputs, boolean training) {
            NDArray h = inputs.singletonOrThrow();
            for (Block block : blocks) {
                h = apply(block, parameters, h, training);
            }
            Shape shape = h.getShape();
            return Activation.relu(h).reshape(shape.get(0), shape.get(1), -1).mean(new int[] {2});
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape h = inputShapes[0];
            for (Block block : blocks) {
                h = initChild(block, manager, dataType, h);
            }
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), width)};
        }
    }

    /** Table 5: the trunk and Linear(c, 1). */
    static final class ImageDiscriminator extends CompositeBlock {
        private final Block trunk;
        private final Block logit;

        ImageDiscriminator(int width) {
            trunk = addChildBlock("trunk", new Trunk(width));
            logit = addChildBlock("logit", Layers.linear(1));
        }

        @Override
        protected NDArray compute(ParameterStore parameters, NDList inputs, boolean training) {
            return apply(logit, parameters, apply(trunk, parameters, inputs.singletonOrThrow(), training), training);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            initChild(logit, manager, dataType, initChild(trunk, manager, dataType, inputShapes[0]));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
        }
    }

    /**
     * Table 6: x and y side by side (x left, y right: "stack images, orient = horizontal"), the trunk,
     * the latent code concatenated to the pooled features, Linear(c + latentDim, 1).
     */
    static final class PairDiscriminator extends CompositeBlock {
        private final Block trunk;
        private final Block logit;

        PairDiscriminator(int width) {
            trunk = addChildBlock("trunk", new Trunk(width));
            logit = addChildBlock("logit", Layers.linear(1));
        }

        @Override
        protected NDArray compute(ParameterStore parameters, NDList inputs, boolean training) {
            NDArray pair = inputs.get(0).concat(inputs.get(2), 3);
            NDArray features = apply(trunk, parameters, pair, training);
            return apply(logit, parameters, features.concat(inputs.get(1), 1), training);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape x = inputShapes[0];
            Shape pair = new Shape(x.get(0), x.get(1), x.get(2), x.get(3) * 2);
            Shape features = initChild(trunk, manager, dataType, pair);
            initChild(logit, manager, dataType, new Shape(x.get(0), features.get(1) + inputShapes[1].get(1)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
        }
    }

    /**
     * Table 7: conv4x4/2 (c/2), LeakyReLU(0.2), conv4x4/2 (c), LeakyReLU(0.2), flatten, concatenate
     * z, Linear(4c), LeakyReLU(0.2), Linear(2c), LeakyReLU(0.2), Linear(1). The table prints
     * "in features 512, out 256" twice; the count (4,526,273) says the last is Linear(256, 1).
     */
    static final class CodeDiscriminator extends CompositeBlock {
        private final Block conv1;
        private final Block conv2;
        private final Block hidden1;
        private final Block hidden2;
        private final Block logit;

        CodeDiscriminator(int width) {
            conv1 = addChildBlock("conv1", Layers.conv((width + 1) / 2, 4, 2, 1));
            conv2 = addChildBlock("conv2", Layers.conv(width, 4, 2, 1));
            hidden1 = addChildBlock("hidden1", Layers.linear(4L * width));
            hidden2 = addChildBlock("hidden2", Layers.linear(2L * width));
            logit = addChildBlock("logit", Layers.linear(1));
        }

        @Override
        protected NDArray compute(ParameterStore parameters, NDList inputs, boolean training) {
            NDArray h = Activation.leakyRelu(apply(conv1, parameters, inputs.get(0), training), 0.2f);
            h = Activation.leakyRelu(apply(conv2, parameters, h, training), 0.2f);
            h = h.reshape(h.getShape().get(0), -1).concat(inputs.get(1), 1);
            h = Activation.leakyRelu(apply(hidden1, parameters, h, training), 0.2f);
            h = Activation.leakyRelu(apply(hidden2, parameters, h, training), 0.2f);
            return apply(logit, parameters, h, training);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape h = initChild(conv1, manager, dataType, inputShapes[0]);
            h = initChild(conv2, manager, dataType, h);
            long n = h.get(0);
            h = initChild(hidden1, manager, dataType, new Shape(n, h.size() / n + inputShapes[1].get(1)));
            h = initChild(hidden2, manager, dataType, h);
            initChild(logit, manager, dataType, h);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
        }
    }
}
