package io.clewdr.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads a {@code multipart/form-data} body with exactly one part, strictly, as the upload fake needs. */
final class FakeMultipart {
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");

    private FakeMultipart() {}

    /**
     * The one part of {@code body}.
     *
     * @param body the body bytes
     * @param boundary the boundary from the content type
     * @param org the organization of the upload path
     * @return the upload, or null when the body is not one well-formed part
     */
    static FakeClaudeWeb.@Nullable Upload single(byte[] body, String boundary, String org) {
        // ISO-8859-1 maps every byte to one char, so indexes into the text are indexes into the bytes.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String open = "--" + boundary + "\r\n";
        String close = "\r\n--" + boundary + "--";
        if (!text.startsWith(open)) {
            return null;
        }
        int headersEnd = text.indexOf("\r\n\r\n", open.length());
        int end = text.indexOf(close, Math.max(headersEnd, 0));
        if (headersEnd < 0 || end < 0 || text.indexOf("\r\n--" + boundary + "\r\n", open.length()) >= 0) {
            return null; // no headers, no closing boundary, or a second part
        }
        String disposition = null;
        String contentType = "application/octet-stream";
        for (String line : text.substring(open.length(), headersEnd).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Disposition")) {
                disposition = value;
            } else if (name.equalsIgnoreCase("Content-Type")) {
                contentType = value;
            }
        }
        if (disposition == null || !disposition.startsWith("form-data")) {
            return null;
        }
        Matcher name = NAME.matcher(disposition);
        Matcher fileName = FILE_NAME.matcher(disposition);
        byte[] bytes = Arrays.copyOfRange(body, headersEnd + 4, end);
        return new FakeClaudeWeb.Upload(
                org,
                name.find() ? name.group(1) : "",
                fileName.find() ? fileName.group(1) : "",
                contentType,
                bytes,
                UUID.randomUUID().toString());
    }
}
