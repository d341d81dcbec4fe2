package dev.aegan.evaluation.features;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A user's {@code torch.jit.save}'d network loaded into libtorch, with the fingerprint of its file's bytes. */
record TorchScriptFile(NDManager manager, PtSymbolBlock module, String fingerprint) implements AutoCloseable {

    /**
     * @param setting the configuration key that names the file, for the error messages
     * @param what    what the network is, for the error messages
     * @throws IllegalArgumentException when the file is missing or is not TorchScript
     */
    static TorchScriptFile load(Path file, String setting, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(setting + " is " + file.toAbsolutePath()
                    + ", which is not a file; point it at a torch.jit.save'd network");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " from " + file, e);
        }
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            PtSymbolBlock module = JniUtils.loadModule((PtNDManager) manager, in, false, false);
            return new TorchScriptFile(manager, module, FeatureExtractor.fingerprintOf(bytes));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException(what + " (" + file + ") does not load: " + e.getMessage()
                    + "; save it with torch.jit.save (torch.jit.script or torch.jit.trace)", e);
        }
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
