package dev.aegan.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * The machine's single-precision GEMM rate through DJL (libtorch's matmul) on the run's threads and
 * device: the peak the step's achieved GFLOP/s is measured against.
 */
final class GemmPeak {
    static final int SIZE = 2048;
    private static final int REPEATS = 5;

    private GemmPeak() {
    }

    /** GFLOP/s of SIZE x SIZE float32 matMul, the median of REPEATS after one warm-up. */
    static double gflops(Device device) {
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray a = manager.randomNormal(new Shape(SIZE, SIZE));
            NDArray b = manager.randomNormal(new Shape(SIZE, SIZE));
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i <= REPEATS; i++) {
                long start = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    // reading an element back waits for an asynchronous (CUDA) matmul to finish
                    c.get(0, 0).getFloat();
                }
                if (i > 0) {
                    seconds.add((System.nanoTime() - start) / 1e9);
                }
            }
            return 2.0 * SIZE * SIZE * SIZE / Statistics.median(seconds) / 1e9;
        }
    }
}
