package dev.aegan.ingest.decode;

/** What a file is, told from its first bytes: file names and content types are not trusted. */
public enum FileKind {
    GZIP, ZIP, IDX_IMAGES, IDX_LABELS, IDX_OTHER, PNG, JPEG, UNKNOWN;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public static FileKind detect(byte[] bytes) {
        if (startsWith(bytes, (byte) 0x1f, (byte) 0x8b)) {
            return GZIP;
        }
        if (startsWith(bytes, (byte) 'P', (byte) 'K', (byte) 3, (byte) 4)
                || startsWith(bytes, (byte) 'P', (byte) 'K', (byte) 5, (byte) 6)) {
            return ZIP;
        }
        if (startsWith(bytes, PNG_MAGIC)) {
            return PNG;
        }
        if (startsWith(bytes, (byte) 0xff, (byte) 0xd8, (byte) 0xff)) {
            return JPEG;
        }
        if (bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 0) {
            int type = bytes[2] & 0xff;
            int dims = bytes[3] & 0xff;
            if (type == 0x08 && dims == 3) {
                return IDX_IMAGES;
            }
            if (type == 0x08 && dims == 1) {
                return IDX_LABELS;
            }
            boolean idxType = type == 0x08 || type == 0x09 || (type >= 0x0b && type <= 0x0e);
            if (idxType && dims >= 1 && dims <= 4) {
                return IDX_OTHER;
            }
        }
        return UNKNOWN;
    }

    public boolean isImage() {
        return this == PNG || this == JPEG;
    }

    /** The first bytes in hex, to show a user what was sent instead of what was expected. */
    public static String head(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            out.append(String.format("%02x", bytes[i] & 0xff));
        }
        return bytes.length == 0 ? "(empty)" : out.toString();
    }

    private static boolean startsWith(byte[] bytes, byte... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
