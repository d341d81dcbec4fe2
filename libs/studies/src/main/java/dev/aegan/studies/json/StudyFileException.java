package dev.aegan.studies.json;

/** A study file that cannot be used: which file, where in it, and what is wrong. */
public final class StudyFileException extends RuntimeException {
    public StudyFileException(String file, String path, String problem) {
        super(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }
}
