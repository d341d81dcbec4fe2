package dev.aegan.ingest.endpoint;

import dev.aegan.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.aegan.contracts.ErrorBody;
import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.RejectionCode;
import dev.aegan.contracts.Split;
import dev.aegan.ingest.IngestConfig;
import dev.aegan.ingest.catalog.DatasetCatalog;
import dev.aegan.ingest.catalog.DatasetChange;
import dev.aegan.ingest.catalog.HeldOutSplit;
import dev.aegan.ingest.catalog.IngestPlan;
import dev.aegan.ingest.decode.UploadFile;
import dev.aegan.ingest.decode.UploadReader;
import dev.aegan.ingest.decode.UploadSurvey;
import dev.aegan.ingest.domain.Candidate;
import dev.aegan.ingest.domain.DatasetName;
import dev.aegan.ingest.domain.Overrides;
import dev.aegan.ingest.domain.Rejection;
import dev.aegan.ingest.domain.ResizePolicy;
import dev.aegan.ingest.messaging.DatasetPublisher;
import dev.aegan.rest.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Dataset uploads and the datasets known so far. An upload is all or nothing: every image in it
 * is published (transaction committed) before the answer, or none is and the answer is an error
 * whose {@code code} is a {@link RejectionCode} name.
 */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class DatasetResource {
    @Inject
    DatasetCatalog catalog;
    @Inject
    DatasetPublisher publisher;
    @Inject
    IngestConfig config;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "quarkus.http.body.uploads-directory")
    String uploadsDirectory;

    private static final String LABEL_NAMES = "class names of labels 0, 1, ... separated by commas, e.g. "
            + "T-shirt/top,Trouser,...: for IDX uploads, whose labels are numbers; every label must be below their "
            + "count, and a dataset that already names its labels takes only those names (INVALID_LABEL_NAMES)";
    private static final String UPLOAD_SUMMARY = "Add images to a dataset, all or nothing";
    private static final String UPLOAD_DESCRIPTION = "Either multipart/form-data with any number of file parts "
            + "(any part names) or one file as the raw body. Files are recognised by content: IDX images and labels "
            + "(gzipped or not; several pairs pair by name prefix, e.g. train-images... with train-labels...), PNG, "
            + "JPEG, or a zip of images labelled by their folder (hidden entries, __MACOSX and paths with '..' are "
            + "skipped and listed in the answer). 201 when the upload created the dataset, 200 when it extended it; "
            + "errors carry a stable code (RejectionCode names, MALFORMED_MULTIPART, INGEST_UNAVAILABLE).";

    @POST
    @RolesAllowed(Roles.TRAINER)
    @Path("/{name}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = UPLOAD_SUMMARY, description = UPLOAD_DESCRIPTION)
    @APIResponse(responseCode = "201", description = "dataset created",
            content = @Content(schema = @Schema(implementation = UploadResult.class)))
    @APIResponse(responseCode = "200", description = "dataset extended",
            content = @Content(schema = @Schema(implementation = UploadResult.class)))
    @APIResponse(responseCode = "400", description = "refused; nothing was published",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response uploadForm(@RestPath String name, @RestQuery @Parameter(description = "train | heldout") String split,
                               @RestQuery @Parameter(description = "reject (default) | fit") String resize,
                               @RestQuery @Parameter(description = "label 0..65535 for images without one") String label,
                               @RestQuery @Parameter(description = LABEL_NAMES) String labelNames,
                               @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
                               @RestForm(FileUpload.ALL) List<FileUpload> files) {
        return refusalsAsErrors(() -> {
            UploadOptions options = UploadOptions.parse(name, split, resize, label, labelNames);
            MultipartBodies.requireBoundary(contentType);
            if (files.isEmpty()) {
                throw new Rejection(RejectionCode.EMPTY_UPLOAD, "the multipart body holds no file parts: send each "
                        + "file as a part with a file name (curl -F files=@train-images-idx3-ubyte.gz); parts "
                        + "without one are not read");
            }
            requireWithinLimit(files.stream().mapToLong(FileUpload::size).sum());
            return upload(options, files.stream()
                    .map(file -> UploadFile.onDisk(file.fileName() == null ? file.name() : file.fileName(),
                            file.uploadedFile()))
                    .toList());
        });
    }

    @POST
    @RolesAllowed(Roles.TRAINER)
    @Path("/{name}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = UPLOAD_SUMMARY, description = UPLOAD_DESCRIPTION)
    public Response uploadBody(@RestPath String name, @RestQuery String split, @RestQuery String resize,
                               @RestQuery String label, @RestQuery String labelNames, InputStream body) {
        return refusalsAsErrors(() -> {
            UploadOptions options = UploadOptions.parse(name, split, resize, label, labelNames);
            try (BodySpool spool = BodySpool.of(body, uploadsDirectory, config.maxUploadBytes().asLongValue())) {
                return upload(options, List.of(UploadFile.onDisk("request body", spool.file())));
            }
        });
    }

    /**
     * Only the multipart parser and the request body's stream throw these here: a body that does not
     * parse is the client's to fix; anything else is answered and logged under one error id.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException error, HttpHeaders headers) {
        return MultipartBodies.isMultipart(headers.getMediaType())
                ? MultipartBodies.malformed(headers.getMediaType(), error)
                : InternalErrors.logged(error);
    }

    @ServerExceptionMapper
    public Response unreadableFile(UncheckedIOException error) {
        return InternalErrors.logged(error);
    }

    @GET
    @Operation(summary = "Every dataset: shape, totals per split, label names")
    public List<DatasetTotals> list() {
        return catalog.all().stream().map(DatasetTotals::of).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One dataset: shape, totals per split, label names")
    public DatasetTotals get(@RestPath String name) {
        Identifiers.require(Identifiers.Kind.DATASET, "name", name);
        return catalog.get(name).map(DatasetTotals::of).orElseThrow(() ->
                ApiException.notFound("DATASET_NOT_FOUND", "no dataset '" + name + "' has been ingested"));
    }

    private record UploadOptions(String dataset, Optional<Split> split, ResizePolicy resize, OptionalInt label,
                                 Optional<List<String>> labelNames) {
        static UploadOptions parse(String dataset, String split, String resize, String label, String labelNames) {
            return new UploadOptions(DatasetName.requireValid("name", dataset), Overrides.split(split),
                    ResizePolicy.parse(resize), Overrides.label(label), Overrides.labelNames(labelNames));
        }

        Candidate apply(Candidate candidate) {
            Candidate out = candidate.withResize(resize).withSplit(split.or(candidate::split));
            return label.isPresent() && !candidate.hasLabel() ? out.withLabel(label.getAsInt()) : out;
        }
    }

    /**
     * Reads the upload twice: a survey that refuses a malformed upload before anything is published,
     * then, holding the catalog's write lock, decoding and publishing image by image in one
     * transaction, aborted if any image is refused.
     */
    private Response upload(UploadOptions options, List<UploadFile> files) {
        UploadReader reader = new UploadReader(config.maxImageWidth(), config.maxImageHeight(),
                config.maxImagesPerUpload(), config.maxExpandedBytes().asLongValue());
        UploadSurvey survey = reader.survey(files);
        String dataset = options.dataset();
        DatasetChange change = publishAll(() -> catalog.exclusively(() -> publisher.publish(writer -> {
            IngestPlan plan = new IngestPlan(catalog::get, new HeldOutSplit(config.heldoutFraction()));
            plan.registerLabelNames(dataset, survey.labelNames());
            options.labelNames().ifPresent(names -> {
                if (!survey.labelNames().isEmpty()) {
                    throw new Rejection(RejectionCode.INVALID_LABEL_NAMES, "the upload's folders name its labels "
                            + survey.labelNames() + "; labelNames is for uploads whose labels are numbers (IDX)");
                }
                plan.nameLabels(dataset, names);
            });
            reader.read(survey, candidate -> {
                try {
                    writer.add(plan.accept(dataset, options.apply(candidate)));
                } catch (Rejection rejection) {
                    throw rejection.at(candidate.origin());
                }
            });
            return plan.changes();
        }).get(0), List::of));
        metrics.counter("aegan.ingest.images.accepted", "path", "rest").increment(change.acceptedTotal());
        UploadResult result = new UploadResult(dataset, change.created(), DatasetTotals.bySplit(change.accepted()),
                change.after().shape().channels(), change.after().shape().height(), change.after().shape().width(),
                DatasetTotals.bySplit(change.after().counts()), change.after().total(), change.after().labelNames(),
                survey.skipped(), survey.skippedCount());
        return change.created()
                ? Response.created(URI.create("/datasets/" + dataset)).entity(result).build()
                : Response.ok(result).build();
    }

    /**
     * A refusal passes through; any other failure (broker unreachable, transaction aborted) means
     * nothing of the upload was committed, and the client may send it again.
     */
    private static DatasetChange publishAll(Supplier<DatasetChange> write) {
        try {
            return write.get();
        } catch (Rejection rejection) {
            throw rejection;
        } catch (RuntimeException e) {
            throw new ApiException(503, "INGEST_UNAVAILABLE", "the upload could not be published, so none of it "
                    + "was accepted; send it again later (" + e.getMessage() + ")");
        }
    }

    private Response refusalsAsErrors(Supplier<Response> upload) {
        try {
            return upload.get();
        } catch (Rejection rejection) {
            metrics.counter("aegan.ingest.uploads.rejected", "code", rejection.code().name()).increment();
            throw new ApiException(status(rejection.code()), rejection.code().name(), rejection.getMessage());
        }
    }

    static int status(RejectionCode code) {
        return switch (code) {
            case UPLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_FORMAT -> 415;
            case WRONG_SHAPE, DATASET_SEALED -> 409;
            default -> 400;
        };
    }

    private void requireWithinLimit(long size) {
        long limit = config.maxUploadBytes().asLongValue();
        if (size > limit) {
            throw new Rejection(RejectionCode.UPLOAD_TOO_LARGE, "the upload holds " + size
                    + " bytes, more than the limit of " + limit + " bytes");
        }
    }
}
