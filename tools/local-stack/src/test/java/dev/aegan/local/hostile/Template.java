package dev.aegan.local.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The corpus' shorthand for inputs too long or too binary to write out: {@code ${repeat:text:n}}
 * is {@code text} n times, {@code ${gen:name[:argument]}} the bytes {@link Payloads} makes. Anything
 * else is taken literally, as UTF-8.
 */
final class Template {
    private static final Map<String, byte[]> GENERATED = new ConcurrentHashMap<>();

    private Template() {
    }

    static byte[] expand(String template) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < template.length()) {
            int start = template.indexOf("${", at);
            if (start < 0) {
                out.writeBytes(template.substring(at).getBytes(StandardCharsets.UTF_8));
                break;
            }
            int end = template.indexOf('}', start);
            out.writeBytes(template.substring(at, start).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(placeholder(template.substring(start + 2, end)));
            at = end + 1;
        }
        return out.toByteArray();
    }

    static String expandText(String template) {
        return new String(expand(template), StandardCharsets.UTF_8);
    }

    private static byte[] placeholder(String spec) {
        if (spec.startsWith("repeat:")) {
            int lastColon = spec.lastIndexOf(':');
            String text = spec.substring("repeat:".length(), lastColon);
            return text.repeat(Integer.parseInt(spec.substring(lastColon + 1))).getBytes(StandardCharsets.UTF_8);
        }
        if (spec.startsWith("gen:")) {
            return GENERATED.computeIfAbsent(spec, key -> {
                String[] parts = key.substring("gen:".length()).split(":", 2);
                return Payloads.generate(parts[0], parts.length > 1 ? parts[1] : null);
            });
        }
        throw new IllegalArgumentException("unknown placeholder ${" + spec + "}");
    }
}
