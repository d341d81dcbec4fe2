package dev.aegan.models.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns torch's autograd off on the calling thread until closed, then restores what was there.
 *
 * <p>DJL turns grad mode off only on the thread that loaded the engine; libtorch's grad mode is
 * thread-local and on by default, so on any other thread plain inference would record graphs and
 * in-place updates of parameters would fail. Every inference path and every optimizer update runs
 * inside one of these.
 */
public final class NoGrad implements AutoCloseable {

    private final boolean previous;

    private NoGrad() {
        previous = JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
    }

    public static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        if (previous) {
            JniUtils.setGradMode(true);
        }
    }
}
