package dev.aegan.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes k8s/overlays/strimzi/topics.yaml and users.yaml from contracts (topic definitions, principals' access):
 * {@code mvn -pl tools/k8s-manifests -am -DskipTests install && mvn -pl tools/k8s-manifests exec:java}, from the
 * repository root. {@code StrimziResourcesTest} fails while the committed files differ.
 */
public final class GenerateStrimziResources {
    public static final Path TOPICS = Path.of("k8s/overlays/strimzi/topics.yaml");
    public static final Path USERS = Path.of("k8s/overlays/strimzi/users.yaml");

    private GenerateStrimziResources() {
    }

    public static void main(String[] args) throws IOException {
        Path repository = repositoryRoot(Path.of("").toAbsolutePath());
        Files.writeString(repository.resolve(TOPICS), StrimziResources.topicsYaml());
        Files.writeString(repository.resolve(USERS), StrimziResources.usersYaml());
        System.out.println("wrote " + repository.resolve(TOPICS) + " and " + repository.resolve(USERS));
    }

    /** The folder holding k8s/, from the repository root or any folder below it. */
    public static Path repositoryRoot(Path start) {
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("k8s/overlays")) && Files.isRegularFile(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no k8s/overlays above " + start);
    }
}
