package dev.aegan.trainer.studies;

import dev.aegan.contracts.events.StudyEvent;
import dev.aegan.contracts.events.StudyEvent.Rejection;
import dev.aegan.rest.ApiException;

/** Why a study request is refused; {@code study} and {@code profile} are null where the request did not say. */
public class StudyRejectedException extends RuntimeException {
    private final Rejection code;
    private final String study;
    private final String profile;

    public StudyRejectedException(Rejection code, String study, String profile, String message) {
        super(message);
        this.code = code;
        this.study = study;
        this.profile = profile;
    }

    public Rejection code() {
        return code;
    }

    /** The rejected event, keyed by the study's name or, when the request names none, by {@code recordKey}. */
    public StudyEvent event(String recordKey) {
        String name = study != null ? study : recordKey != null ? recordKey : "";
        return StudyEvent.rejected(name, profile, code, getMessage());
    }

    /** POST /studies' answer: 409 when runs exist, else 400. */
    public ApiException toApi() {
        return new ApiException(code == Rejection.RUNS_EXIST ? 409 : 400, code.name(), getMessage());
    }
}
