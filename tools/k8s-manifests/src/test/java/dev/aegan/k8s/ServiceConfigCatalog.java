package dev.aegan.k8s;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration one service really reads, as the environment variables that set it:
 * <ul>
 *   <li>its {@code @ConfigMapping} interfaces and {@code @ConfigProperty} names, in its module and the
 *       project modules it depends on (found in the sources, walked by reflection as SmallRye maps them);</li>
 *   <li>the keys of its {@code application.properties} (a variable reaches a key with dashes only
 *       when the key exists: SmallRye reads MP_MESSAGING_INCOMING_RUN_REQUESTS_IN_ENABLED as channel
 *       {@code run}, so a channel switch that no key declares is no setting here);</li>
 *   <li>{@code kafka.*} client settings, which Quarkus hands to every Kafka client of the service;</li>
 *   <li>what its image reads: the variables {@code containers/service.Dockerfile} declares with ENV
 *       ({@code JAVA_OPTS}, {@code DJL_CACHE_DIR}, ...).</li>
 * </ul>
 * An environment variable matches a property when it is the property's environment form (SmallRye:
 * every character but letters and digits becomes '_', upper case); a map key matches any name.
 */
public final class ServiceConfigCatalog {
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern ROOT_MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern PROJECT_DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>dev\\.aegan</groupId>\\s*<artifactId>([\\w-]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern DOCKERFILE_ENV = Pattern.compile("(?:^ENV|\\\\\\n)\\s+([A-Z_][A-Z0-9_]*)=", Pattern.MULTILINE);

    private final String service;
    private final Set<String> properties;
    private final List<Pattern> environmentForms;
    private final Set<String> imageVariables;

    private ServiceConfigCatalog(String service, Set<String> properties, Set<String> imageVariables) {
        this.service = service;
        this.properties = properties;
        this.environmentForms = properties.stream().map(ServiceConfigCatalog::environmentForm).toList();
        this.imageVariables = imageVariables;
    }

    /** The catalog of {@code <service>-service}, with the variables its image reads. */
    public static ServiceConfigCatalog of(Path repository, String service) {
        Set<String> properties = new TreeSet<>();
        for (Path module : moduleClosure(repository, service + "-service")) {
            properties.addAll(declaredInSources(module));
        }
        properties.addAll(applicationProperties(repository, service).stringPropertyNames());
        Stream.of(ConsumerConfig.configNames(), ProducerConfig.configNames(), AdminClientConfig.configNames())
                .flatMap(Set::stream).forEach(name -> properties.add("kafka." + name));
        return new ServiceConfigCatalog(service, properties, imageVariables(repository));
    }

    /** The {@code application.properties} of {@code <service>-service}, profile-specific ({@code %test.}) keys left out. */
    public static Properties applicationProperties(Path repository, String service) {
        Path file = repository.resolve(service + "-service/src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        properties.stringPropertyNames().stream().filter(key -> key.startsWith("%")).forEach(properties::remove);
        return properties;
    }

    /** Whether the service (or its image) reads the environment variable {@code name}. */
    public boolean reads(String name) {
        return imageVariables.contains(name) || environmentForms.stream().anyMatch(form -> form.matcher(name).matches());
    }

    public String service() {
        return service;
    }

    public Set<String> properties() {
        return properties;
    }

    /** SmallRye's environment form of a property name, {@code *} standing for any map key. */
    static Pattern environmentForm(String property) {
        StringBuilder regex = new StringBuilder();
        for (String part : property.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(environmentName(part)));
        }
        return Pattern.compile(regex.toString());
    }

    /** SmallRye's environment form of a property name: {@code aegan.metrics.instance-id} is {@code AEGAN_METRICS_INSTANCE_ID}. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Set<String> imageVariables(Path repository) {
        Set<String> names = new TreeSet<>();
        try {
            Matcher env = DOCKERFILE_ENV.matcher(Files.readString(repository.resolve("containers/service.Dockerfile")));
            while (env.find()) {
                names.add(env.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The module and the project modules it depends on (not for tests), transitively. */
    static List<Path> moduleClosure(Path repository, String module) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(List.of(module));
        while (!pending.isEmpty()) {
            String next = pending.remove(0);
            if (!seen.add(next)) {
                continue;
            }
            try {
                Matcher dependency = PROJECT_DEPENDENCY.matcher(Files.readString(moduleFolder(repository, next).resolve("pom.xml")));
                while (dependency.find()) {
                    if (!dependency.group(2).contains("<scope>test</scope>")) {
                        pending.add(dependency.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seen.stream().map(artifactId -> moduleFolder(repository, artifactId)).toList();
    }

    /** The folder of the root pom's module whose artifact id (its folder's name) is {@code artifactId}. */
    private static Path moduleFolder(Path repository, String artifactId) {
        try {
            Matcher module = ROOT_MODULE.matcher(Files.readString(repository.resolve("pom.xml")));
            while (module.find()) {
                Path folder = repository.resolve(module.group(1));
                if (folder.getFileName().toString().equals(artifactId)) {
                    return folder;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no module of the root pom is named " + artifactId);
    }

    private static Set<String> declaredInSources(Path module) {
        Path sources = module.resolve("src/main/java");
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher property = CONFIG_PROPERTY.matcher(source);
                while (property.find()) {
                    names.add(property.group(1));
                }
                Matcher mapping = CONFIG_MAPPING.matcher(source);
                if (mapping.find()) {
                    Matcher pkg = PACKAGE.matcher(source);
                    String className = (pkg.find() ? pkg.group(1) + "." : "")
                            + file.getFileName().toString().replace(".java", "");
                    Class<?> root = Class.forName(className);
                    walk(root, root.getAnnotation(ConfigMapping.class).prefix(), names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a @ConfigMapping of " + module + " is not on k8s-manifests' test class path", e);
        }
        return names;
    }

    /** The property names of a mapping interface, as SmallRye derives them (kebab-case, groups, maps). */
    private static void walk(Class<?> group, String prefix, Set<String> names) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String path = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + Optional.ofNullable(method.getAnnotation(WithName.class)).map(WithName::value)
                    .orElseGet(() -> kebab(method.getName()));
            leafOrGroup(method.getGenericReturnType(), path, names);
        }
    }

    private static void leafOrGroup(Type type, String path, Set<String> names) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == Optional.class) {
                leafOrGroup(arguments[0], path, names);
                return;
            }
            if (raw == java.util.Map.class) {
                leafOrGroup(arguments[1], path + ".*", names);
                return;
            }
        }
        if (type instanceof Class<?> cls && cls.isInterface() && !cls.getName().startsWith("java.")) {
            walk(cls, path, names);
        } else {
            names.add(path);
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
