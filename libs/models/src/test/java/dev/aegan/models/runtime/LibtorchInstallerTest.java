package dev.aegan.models.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibtorchInstallerTest {

    @TempDir
    Path directory;

    @Test
    void unpacksOnlyTheSharedLibrariesOfAPytorchOrgArchiveAndLinksTheCudaRuntime() throws IOException {
        Path archive = zip("libtorch.zip", Map.of(
                "libtorch/lib/libtorch.so", "torch",
                "libtorch/lib/libtorch_cuda.so", "cuda",
                "libtorch/lib/libcudart-218eec4c.so.12", "cudart",
                "libtorch/lib/libkineto.a", "static",
                "libtorch/include/torch/torch.h", "header"));
        Path lib = directory.resolve("lib");

        List<String> written = LibtorchInstaller.install(lib, "cpu", archive);

        assertEquals(Set.of("libcudart-218eec4c.so.12", "libcudart.so", "libdjl_torch.so", "libtorch.so", "libtorch_cuda.so"),
                Set.copyOf(written));
        assertEquals("torch", Files.readString(lib.resolve("libtorch.so")));
        assertFalse(Files.exists(lib.resolve("libkineto.a")), "static libraries are not loaded: not unpacked");
        assertFalse(Files.exists(lib.resolve("torch.h")));
        assertTrue(Files.isSymbolicLink(lib.resolve("libcudart.so")));
        assertEquals("cudart", Files.readString(lib.resolve("libcudart.so")));
        assertArrayEquals(jniOfFlavour("cpu"), Files.readAllBytes(lib.resolve("libdjl_torch.so")));
    }

    @Test
    void unpacksTheLibrariesOfDjlsNativeJarForThisPlatform() throws IOException {
        Path jar = zip("pytorch-native-cpu.jar", Map.of(
                "pytorch/cpu/linux-x86_64/libtorch.so", "torch",
                "pytorch/cpu/linux-x86_64/libgomp-98b21ff3.so.1", "gomp",
                "pytorch/cpu/osx-aarch64/libtorch.dylib", "mac",
                "native/lib/pytorch.properties", "version=2.7.1"));

        List<String> written = LibtorchInstaller.install(directory.resolve("lib"), "cu128", jar);

        assertEquals(Set.of("libdjl_torch.so", "libgomp-98b21ff3.so.1", "libtorch.so"), Set.copyOf(written));
        assertArrayEquals(jniOfFlavour("cu128"), Files.readAllBytes(directory.resolve("lib/libdjl_torch.so")));
    }

    @Test
    void aStrippedNativeJarKeepsEverythingButItsLibraries() throws IOException {
        Path jar = zip("pytorch-native-cpu.jar", Map.of(
                "pytorch/cpu/linux-x86_64/libtorch.so", "torch",
                "native/lib/pytorch.properties", "version=2.7.1",
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0"));
        var readableByAll = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(jar, readableByAll);

        LibtorchInstaller.stripLibraries(jar);

        assertEquals(readableByAll, Files.getPosixFilePermissions(jar), "the service's user still reads it");
        try (var stripped = new java.util.zip.ZipFile(jar.toFile())) {
            assertEquals(Set.of("native/lib/pytorch.properties", "META-INF/MANIFEST.MF"),
                    stripped.stream().map(ZipEntry::getName).collect(java.util.stream.Collectors.toSet()));
            assertEquals("version=2.7.1", new String(stripped.getInputStream(stripped.getEntry("native/lib/pytorch.properties"))
                    .readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void refusesAnArchiveWithoutLibtorchAndAnUnknownFlavour() throws IOException {
        Path empty = zip("other.zip", Map.of("README", "nothing here"));
        var noLibtorch = assertThrows(IllegalArgumentException.class,
                () -> LibtorchInstaller.install(directory.resolve("a"), "cpu", empty));
        assertTrue(noLibtorch.getMessage().contains("holds no libtorch.so"), noLibtorch.getMessage());

        Path archive = zip("libtorch.zip", Map.of("libtorch/lib/libtorch.so", "torch"));
        var unknownFlavour = assertThrows(IllegalArgumentException.class,
                () -> LibtorchInstaller.install(directory.resolve("b"), "cu999", archive));
        assertTrue(unknownFlavour.getMessage().contains("cu999"), unknownFlavour.getMessage());
    }

    private static byte[] jniOfFlavour(String flavour) throws IOException {
        try (var in = LibtorchInstaller.class.getClassLoader()
                .getResourceAsStream("jnilib/linux-x86_64/" + flavour + "/libdjl_torch.so")) {
            return in.readAllBytes();
        }
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path file = directory.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
