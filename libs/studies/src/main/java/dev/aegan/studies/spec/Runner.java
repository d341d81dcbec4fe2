package dev.aegan.studies.spec;

/** What executes a study's runs. */
public enum Runner {
    /** trainer-service trains each run (a POST /runs body), metrics and critic judge it. */
    SERVICES("services"),
    /** The lambda-IJAE Appendix B toy, fitted in process ({@code InProcessStudies}). */
    APPENDIX_B("appendix-b");

    private final String fileName;

    Runner(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
