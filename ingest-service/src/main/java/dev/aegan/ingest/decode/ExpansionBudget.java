package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes one upload unpacks to, over all its gzip and zip layers, counted as they flow: the
 * upload is refused with UPLOAD_TOO_LARGE the moment they pass the limit, however little of it
 * was compressed. Streams it watches also report broken compressed data as MALFORMED_ARCHIVE.
 */
final class ExpansionBudget {
    private final long limit;
    private long used;

    ExpansionBudget(long limit) {
        this.limit = limit;
    }

    /**
     * {@code unpacked} as seen by the reader of {@code name}: counted, and with its read errors
     * (truncated or corrupt {@code format} data) turned into refusals.
     */
    InputStream watch(String name, String format, InputStream unpacked) {
        return new Watched(name, format, unpacked);
    }

    private void spend(long bytes, String name) {
        used += bytes;
        if (used > limit) {
            throw new Rejection(RejectionCode.UPLOAD_TOO_LARGE, "the upload expands to more than " + limit
                    + " bytes once unpacked (aegan.ingest.max-expanded-bytes), reached at " + name);
        }
    }

    private final class Watched extends FilterInputStream {
        private final String name;
        private final String format;

        Watched(String name, String format, InputStream in) {
            super(in);
            this.name = name;
            this.format = format;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException e) {
                throw new Rejection(RejectionCode.MALFORMED_ARCHIVE, name + ": broken or truncated " + format
                        + " data (" + e.getMessage() + ")");
            }
            if (n > 0) {
                spend(n, name);
            }
            return n;
        }

        /** Skipped bytes are unpacked too: read them, so that they count. */
        @Override
        public long skip(long n) {
            byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
            long skipped = 0;
            while (skipped < n) {
                int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
