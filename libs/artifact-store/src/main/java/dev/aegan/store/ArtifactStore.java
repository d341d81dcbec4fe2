package dev.aegan.store;

import dev.aegan.contracts.events.StoredObject;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Objects on MinIO or any S3-compatible server. Every write is verified by reading the object
 * back and comparing size and SHA-256, so a caller may announce it (e.g. in a checkpoint event)
 * as soon as {@link #putVerified} returns.
 */
public class ArtifactStore implements AutoCloseable {
    private final MinioClient client;

    public ArtifactStore(S3Settings settings) {
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .build();
    }

    /** Asks the server about a bucket: it answers, and accepts these credentials, or this throws. */
    public String probe(String bucket) {
        boolean exists = call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()),
                "look up bucket " + bucket);
        return "bucket " + bucket + (exists ? " exists" : " does not exist yet");
    }

    public void ensureBucket(String bucket) {
        call(() -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                        throw e;
                    }
                }
            }
            return null;
        }, "create bucket " + bucket);
    }

    /** Writes, reads back and checks the object; throws if what is stored differs. */
    public StoredObject putVerified(String bucket, String key, byte[] content, String contentType) {
        String sha256 = sha256(content);
        call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .data(content, content.length).contentType(contentType).build()), "write " + bucket + "/" + key);
        byte[] stored = get(bucket, key).orElseThrow(
                () -> new ArtifactStoreException("object " + bucket + "/" + key + " missing right after writing it"));
        if (stored.length != content.length || !sha256.equals(sha256(stored))) {
            throw new ArtifactStoreException("object " + bucket + "/" + key + " differs from what was written ("
                    + stored.length + " bytes read back, " + content.length + " written)");
        }
        return new StoredObject(key, content.length, sha256);
    }

    /** The object's bytes, or empty when it does not exist. */
    public Optional<byte[]> get(String bucket, String key) {
        return call(() -> {
            try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return Optional.of(in.readAllBytes());
            } catch (ErrorResponseException e) {
                if (notFound(e)) {
                    return Optional.<byte[]>empty();
                }
                throw e;
            }
        }, "read " + bucket + "/" + key);
    }

    /** Reads an object and checks it against what a checkpoint event says of it. */
    public byte[] getVerified(String bucket, StoredObject expected) {
        byte[] content = get(bucket, expected.key()).orElseThrow(
                () -> new ArtifactStoreException("object " + bucket + "/" + expected.key() + " does not exist"));
        if (content.length != expected.size() || !expected.sha256().equals(sha256(content))) {
            throw new ArtifactStoreException("object " + bucket + "/" + expected.key()
                    + " does not match its recorded size and SHA-256");
        }
        return content;
    }

    public boolean exists(String bucket, String key) {
        return call(() -> {
            try {
                client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                return true;
            } catch (ErrorResponseException e) {
                if (notFound(e)) {
                    return false;
                }
                throw e;
            }
        }, "stat " + bucket + "/" + key);
    }

    /** Keys under {@code prefix}, recursively, in lexical order. */
    public List<String> list(String bucket, String prefix) {
        return call(() -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> item : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(item.get().objectName());
            }
            return keys;
        }, "list " + bucket + "/" + prefix);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean notFound(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NoSuchBucket".equals(code);
    }

    private interface S3Call<T> {
        T run() throws MinioException, IOException;
    }

    private static <T> T call(S3Call<T> action, String what) {
        try {
            return action.run();
        } catch (MinioException | IOException e) {
            throw new ArtifactStoreException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
