package dev.aegan.local;

import java.util.List;
import java.util.Properties;

/**
 * How the machine's cores are shared between the trainer and the judges (metrics, critic): each judge's
 * CPU priority ({@code aegan.local.judge-niceness}, 0 unless given) and, with {@code
 * aegan.local.share-cores=true}, each service's libtorch thread count. Shared, the trainer gets half the
 * cores (at least one) and each judge half of the rest (at least one): on two cores the trainer keeps one
 * for itself and the judges, niced, take turns on the other, so evaluations arrive while the run trains
 * instead of after it. Unshared, every service's libtorch uses every core, as in the system tests.
 *
 * @param judgeNiceness the {@code nice} level of metrics-service and critic-service
 * @param trainerThreads libtorch threads of trainer-service; 0: libtorch's default (one per core)
 * @param judgeThreads   libtorch threads of each judge; 0: libtorch's default
 */
record CoreShare(int judgeNiceness, int trainerThreads, int judgeThreads) {

    static CoreShare of(Properties launcher, int cores) {
        int niceness = Integer.parseInt(launcher.getProperty("aegan.local.judge-niceness", "0"));
        if (!Boolean.parseBoolean(launcher.getProperty("aegan.local.share-cores", "false"))) {
            return new CoreShare(niceness, 0, 0);
        }
        int trainer = Math.max(1, cores / 2);
        return new CoreShare(niceness, trainer, Math.max(1, (cores - trainer) / 2));
    }

    int niceness(Service service) {
        return judges(service) ? judgeNiceness : 0;
    }

    /** The JVM options that size {@code service}'s libtorch thread pool; none when unshared. */
    List<String> jvmOptions(Service service) {
        if (service != Service.TRAINER && !judges(service)) {
            return List.of();
        }
        int threads = service == Service.TRAINER ? trainerThreads : judgeThreads;
        return threads == 0 ? List.of() : List.of("-Dai.djl.pytorch.num_threads=" + threads,
                "-Dai.djl.pytorch.num_interop_threads=1");
    }

    private static boolean judges(Service service) {
        return service == Service.METRICS || service == Service.CRITIC;
    }
}
