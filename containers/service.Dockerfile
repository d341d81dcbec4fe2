# One image recipe for all five services. Build context: a service module after `mvn package`
# (its target/quarkus-app, Quarkus' fast-jar layout); ./build-images builds them all.
#
#   target service (default)  libtorch 2.7.1 for CPU, from DJL's pytorch-native-cpu jar (Maven Central)
#   target service-cuda       libtorch from LIBTORCH_ARCHIVE (a pytorch.org zip: URL, or a file in the
#                             build context) with DJL's JNI library for LIBTORCH_FLAVOR (cu128)
#
# libtorch is unpacked here, at build time, to /opt/libtorch/lib beside DJL's JNI library of the
# matching flavour, and DJL is pointed at it (PYTORCH_LIBRARY_PATH) and kept offline: a container
# downloads and writes nothing at start, so its root file system can be read-only (only /tmp must
# be writable: Vert.x, uploads). Two layers: dependencies with libtorch (they change rarely), then
# the application.
ARG BASE_IMAGE=eclipse-temurin:17.0.15_6-jre-jammy

FROM ${BASE_IMAGE} AS app
COPY target/quarkus-app/ /layers/app/deployments/
RUN mkdir -p /layers/lib/deployments /layers/lib/opt/libtorch/lib \
    && mv /layers/app/deployments/lib /layers/lib/deployments/lib

FROM app AS natives-jar
RUN set -e; native=$(ls /layers/lib/deployments/lib/main/ai.djl.pytorch.pytorch-native-cpu-*.jar 2>/dev/null || true); \
    if [ -n "$native" ]; then \
      java -cp '/layers/lib/deployments/lib/main/*' dev.aegan.models.runtime.LibtorchInstaller /layers/lib/opt/libtorch/lib cpu "$native" "$native"; \
    fi

FROM app AS natives-archive
# DJL 0.35.1's JNI needs libtorch 2.7.1; its CUDA build is for CUDA 12.8 with the C++11 ABI. pytorch.org
# publishes that libtorch (it is not on Maven Central), with the CUDA runtime libraries inside.
ARG LIBTORCH_ARCHIVE=https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip
ARG LIBTORCH_FLAVOR=cu128
ADD ${LIBTORCH_ARCHIVE} /tmp/libtorch.zip
RUN java -cp '/layers/lib/deployments/lib/main/*' dev.aegan.models.runtime.LibtorchInstaller \
      /layers/lib/opt/libtorch/lib ${LIBTORCH_FLAVOR} /tmp/libtorch.zip /layers/lib/deployments/lib/main/ai.djl.pytorch.pytorch-native-cpu-*.jar \
    && rm /tmp/libtorch.zip

FROM ${BASE_IMAGE} AS runtime
# Every service listens on 8080 inside its container; docker-compose.yml maps it to each host port.
ENV LANG=C.UTF-8 \
    QUARKUS_HTTP_PORT=8080 \
    PYTORCH_LIBRARY_PATH=/opt/libtorch/lib \
    PYTORCH_VERSION=2.7.1 \
    PYTORCH_FLAVOR=cpu \
    LD_LIBRARY_PATH=/opt/libtorch/lib \
    DJL_CACHE_DIR=/tmp/djl \
    JAVA_OPTS="-XX:MaxRAMPercentage=25 -XX:+ExitOnOutOfMemoryError"
WORKDIR /deployments
USER 185
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /q/health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/bin/sh", "-c", "exec java -Dai.djl.offline=true $JAVA_OPTS -jar /deployments/quarkus-run.jar"]

FROM runtime AS service-cuda
ARG LIBTORCH_FLAVOR=cu128
ENV PYTORCH_FLAVOR=${LIBTORCH_FLAVOR}
COPY --from=natives-archive /layers/lib/ /
COPY --from=natives-archive /layers/app/ /

FROM runtime AS service
COPY --from=natives-jar /layers/lib/ /
COPY --from=natives-jar /layers/app/ /
