package dev.aegan.models.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Puts libtorch and DJL's matching JNI library into one folder at image build time, so that a
 * container points DJL at it ({@code PYTORCH_LIBRARY_PATH}) and neither downloads nor unpacks
 * anything at start: its root file system can be read-only.
 *
 * <pre>
 * java -cp 'lib/*' dev.aegan.models.runtime.LibtorchInstaller DEST FLAVOR SOURCE [NATIVE_JAR]
 * </pre>
 * {@code SOURCE} is DJL's {@code pytorch-native-cpu} jar (libraries under {@code pytorch/<flavor>/<platform>/})
 * or a libtorch archive as pytorch.org publishes it (libraries under {@code libtorch/lib/});
 * {@code FLAVOR} picks the JNI build in DJL's {@code pytorch-jni} jar on the class path
 * ({@code cpu} or {@code cu128}). The source archive is read as a stream: only the shared libraries
 * are written, never the whole archive. {@code NATIVE_JAR}, DJL's native jar in the application, then
 * loses its libraries (hundreds of MB the image need not hold twice) but keeps its other entries:
 * the jar must stay, since Quarkus' class-path index names it and DJL reads its properties.
 */
public final class LibtorchInstaller {
    static final String PLATFORM = "linux-x86_64";
    static final String JNI_LIBRARY = "libdjl_torch.so";
    static final String CUDA_RUNTIME_LINK = "libcudart.so";

    private LibtorchInstaller() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: LibtorchInstaller DEST FLAVOR SOURCE(.jar|.zip) [NATIVE_JAR]");
            System.exit(2);
        }
        Path destination = Path.of(args[0]);
        List<String> written = install(destination, args[1], Path.of(args[2]));
        System.out.println("libtorch: " + written.size() + " libraries and the " + args[1] + " JNI in " + destination);
        if (args.length == 4) {
            stripLibraries(Path.of(args[3]));
        }
    }

    /**
     * Rewrites {@code jar} without the shared libraries {@link #install} takes from such a jar,
     * keeping its file permissions (the service's user must still read it).
     */
    public static void stripLibraries(Path jar) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(jar);
        Path stripped = Files.createTempFile(jar.toAbsolutePath().getParent(), "stripped", ".jar");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(stripped))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (libraryName(entry) == null) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.setPosixFilePermissions(stripped, permissions);
        Files.move(stripped, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return the file names written to {@code destination} */
    public static List<String> install(Path destination, String flavor, Path source) throws IOException {
        Files.createDirectories(destination);
        List<String> written = new ArrayList<>(unpackSharedLibraries(source, destination));
        if (written.stream().noneMatch(name -> name.equals("libtorch.so"))) {
            throw new IllegalArgumentException(source + " holds no libtorch.so under pytorch/<flavor>/" + PLATFORM
                    + "/ (a DJL native jar) or libtorch/lib/ (a pytorch.org libtorch archive)");
        }
        String jni = "jnilib/" + PLATFORM + "/" + flavor + "/" + JNI_LIBRARY;
        try (InputStream in = LibtorchInstaller.class.getClassLoader().getResourceAsStream(jni)) {
            if (in == null) {
                throw new IllegalArgumentException("DJL's pytorch-jni jar on the class path has no " + jni
                        + " (flavors it has for " + PLATFORM + ": cpu, cu128)");
            }
            Files.copy(in, destination.resolve(JNI_LIBRARY), StandardCopyOption.REPLACE_EXISTING);
        }
        written.add(JNI_LIBRARY);
        linkCudaRuntime(destination, written);
        return written;
    }

    /**
     * pytorch.org's CUDA archives ship the CUDA runtime as {@code libcudart-<hash>.so.<major>}; DJL
     * counts GPUs (and so picks its default device) by loading {@code libcudart.so} by that name.
     */
    private static void linkCudaRuntime(Path destination, List<String> written) throws IOException {
        String cudaRuntime = written.stream().filter(name -> name.startsWith("libcudart")).findFirst().orElse(null);
        Path link = destination.resolve(CUDA_RUNTIME_LINK);
        if (cudaRuntime != null && !cudaRuntime.equals(CUDA_RUNTIME_LINK)) {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(cudaRuntime));
            written.add(CUDA_RUNTIME_LINK);
        }
    }

    private static List<String> unpackSharedLibraries(Path archive, Path destination) throws IOException {
        List<String> written = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = libraryName(entry);
                if (name != null) {
                    Files.copy(zip, destination.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    written.add(name);
                }
            }
        }
        return written;
    }

    /** The file name of a shared library the engine loads, or null for any other entry. */
    static String libraryName(ZipEntry entry) {
        String path = entry.getName();
        String name = path.substring(path.lastIndexOf('/') + 1);
        boolean sharedLibrary = !entry.isDirectory() && name.contains(".so");
        boolean djlNativeJar = path.startsWith("pytorch/") && path.contains("/" + PLATFORM + "/");
        boolean libtorchArchive = path.startsWith("libtorch/lib/");
        return sharedLibrary && (djlNativeJar || libtorchArchive) ? name : null;
    }
}
