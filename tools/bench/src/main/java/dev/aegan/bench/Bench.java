package dev.aegan.bench;

import java.util.Arrays;

/** Entry point of {@code ./run-bench <name> [options]}: runs one benchmark and prints its figures. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "" : args[0];
        String[] options = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (name) {
            case "ijae-step" -> IjaeStepBenchmark.run(BenchOptions.parse(options));
            case "ijae-confidence" -> IjaeConfidenceBenchmark.run(BenchOptions.parse(options));
            case "evaluation-math" -> EvaluationMathBenchmark.run(BenchOptions.parse(options));
            case "evaluation" -> EvaluationBenchmark.run(options);
            case "ingest" -> IngestBenchmark.run(BenchOptions.parse(options));
            case "trainer-overhead" -> TrainerOverheadBenchmark.run(BenchOptions.parse(options));
            case "gallery-latency" -> GalleryLatencyBenchmark.run(BenchOptions.parse(options));
            default -> {
                System.err.println("""
                        usage: ./run-bench <benchmark> [--option value ...]
                          ijae-step         one lambda-IJAE training step (all five updates) in this project and in
                                            two PyTorch references (plain, and fused as the Java networks), same
                                            machine, threads and device; prints the ratios, images/s, GFLOP/s
                                            against the GEMM peak and a per-layer table.
                                            options: --threads 1 --channels 32 --batch 64 --shape 3x32x32
                                                     --warmup 2 --steps 3 --rounds 9 --python /usr/bin/python3
                                                     --device cpu (or gpu)
                          ijae-confidence   steps until ./run-local's lambda-IJAE run (in this JVM) draws samples whose
                                            classifier_confidence under Fashion-MNIST's classifier reaches --target;
                                            prints the curve; exits 1 if not reached within --steps.
                                            options: --threads 2 --steps 1500 --every <checkpoint interval>
                                                     --samples 1000 --target 0.7 --classifier-steps 1500
                                                     --classifier tools/bench/target/fashion-mnist-classifier.params
                                                     --channels, --learning-rate, --batch (run-local's)
                          evaluation-math   every metric of the evaluation library at one checkpoint's size
                                            (synthetic features and images), seconds per stage.
                                            options: --dimension 128 --samples 10000
                          evaluation        metrics-service's full evaluation (every registered metric, the
                                            service's default sizes) of one Fashion-MNIST checkpoint, by stage.
                                            arguments: [vae steps, 300] [classifier steps, 1500]
                          ingest            ingest-service alone on a real broker and S3 server: images/s and MB/s
                                            of the ingest.images topic path and of a REST upload, each beside a raw
                                            producer on the same broker; checks every image arrived exactly once.
                                            options: --images 20000 --seed 1 --jfr <file, a JFR recording of ingest>
                                                     --work-dir tools/bench/target/ingest-work
                          trainer-overhead  images/s of a lambda-IJAE run through trainer-service (its training.metrics,
                                            after the warm-up steps) over images/s of the same step in-process, same
                                            width, batch, 1x28x28 and threads. Starts Kafka, S3, ingest-service and
                                            trainer-service (from <module>/target/quarkus-app), ingests Fashion-MNIST.
                                            options: --threads 1 --channels 16 --batch 64 --steps 200 --warmup 20
                                                     --checkpoint-every 100 --bench-steps 20 (in-process, before and after)
                                                     --dataset-dir /usr/share/datasets/fashion-mnist
                                                     --jfr <folder for the services' flight recordings>
                          gallery-latency   time from each checkpoint event on Kafka to the gallery serving that
                                            checkpoint's sample and reconstruction grids, and their median and max.
                                            Starts Kafka, S3, ingest-service, trainer-service and gallery-service,
                                            ingests Fashion-MNIST. options: --threads 1 --model vae --steps 600
                                                     --checkpoint-every 100 --batch 64 --dataset-dir <as above>
                                                     --jfr <folder, as above>""");
                System.exit(name.isEmpty() || name.equals("--help") ? 0 : 2);
            }
        }
    }
}
