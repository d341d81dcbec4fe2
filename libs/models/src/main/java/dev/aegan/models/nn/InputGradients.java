package dev.aegan.models.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Gradients of a network's output with respect to its input that are themselves differentiable:
 * torch's {@code autograd.grad(y.sum(), x, create_graph=True)}, for gradient penalties (WGAN-GP, R1)
 * whose backward must reach the network's parameters (second order).
 *
 * <p>DJL 0.35.1's {@code GradientCollector.backward} has no create_graph, and
 * {@code JniUtils.backward(..., createGraph=true)} leaks about 3 MB per call (GradientPenaltyMemoryTest measures it). Instead a
 * parameter-free TorchScript module ({@code input-gradient.pt}, written by
 * {@code libs/models/src/main/python/input_gradient_module.py} with torch 1.13) computes the gradient;
 * it is loaded once per process and runs in the caller's open GradientCollector, on the caller's
 * device, with its result on the input's manager.
 */
public final class InputGradients {

    private static final String MODULE = "input-gradient.pt";

    private InputGradients() {
    }

    /**
     * {@code x}'s values as a leaf of the autograd graph that requires a gradient: what a network
     * whose input gradient is wanted must be run on. A graph that produced {@code x} (a frozen
     * generator's, say) is cut off: the penalty differentiates with respect to x alone.
     */
    public static NDArray differentiableInput(NDArray x) {
        NDArray leaf = x.stopGradient();
        leaf.setRequiresGradient(true);
        return leaf;
    }

    /**
     * d(sum of {@code y})/d{@code x}, shaped like x, differentiable with respect to everything y
     * depends on. Call inside an open GradientCollector, with y computed from x in training mode.
     *
     * @param x a tensor that requires a gradient (see {@link #differentiableInput})
     * @throws ai.djl.engine.EngineException if y does not depend on x or x requires no gradient
     */
    public static NDArray of(NDArray y, NDArray x) {
        return Module.INSTANCE.forward(new ParameterStore(x.getManager(), false), new NDList(y, x), true)
                .singletonOrThrow();
    }

    /** Loaded on first use; lives as long as the process (it holds no tensors). */
    private static final class Module {
        private static final PtSymbolBlock INSTANCE = load();

        private static PtSymbolBlock load() {
            NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
            try (InputStream in = InputGradients.class.getResourceAsStream(MODULE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + MODULE + " is missing beside " + InputGradients.class);
                }
                return JniUtils.loadModule((PtNDManager) manager, in, false, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + MODULE, e);
            }
        }
    }
}
