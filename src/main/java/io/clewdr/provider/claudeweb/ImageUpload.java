package io.clewdr.provider.claudeweb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * One inline image ready for {@code POST api/{org}/upload} (clewdr-behaviour.md §5.9): its decoded
 * bytes, the file name Claude.ai expects for its media type, and the multipart body with the single
 * part {@code file}.
 *
 * @param bytes the decoded image
 * @param mediaType the media type without parameters, lower case
 * @param fileName the file name of the part
 */
record ImageUpload(byte[] bytes, String mediaType, String fileName) {

    /**
     * Decodes an image collected by {@link PromptFlattener}.
     *
     * @return empty when the base64 does not decode (the original skips such images)
     */
    static Optional<ImageUpload> from(PromptFlattener.Image image) {
        byte[] bytes;
        try {
            // Clients wrap long base64 lines; whitespace is not data.
            bytes = Base64.getDecoder().decode(image.base64().replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String type = image.mediaType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Optional.of(new ImageUpload(bytes, type, fileName(type)));
    }

    /** The file name for a media type, as the original names them. */
    static String fileName(String mediaType) {
        return switch (mediaType) {
            case "image/png" -> "image.png";
            case "image/jpeg", "image/jpg" -> "image.jpg";
            case "image/gif" -> "image.gif";
            case "image/webp" -> "image.webp";
            case "application/pdf" -> "document.pdf";
            default -> "file";
        };
    }

    /**
     * The {@code multipart/form-data} body.
     *
     * @param boundary the boundary (also in the {@code Content-Type} header)
     */
    byte[] multipart(String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 256);
        // The media type comes from the client: anything but a plain token could forge part headers.
        String type = mediaType.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") ? mediaType : "application/octet-stream";
        out.writeBytes(("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                        + "Content-Type: " + type + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A boundary that cannot occur in base64-decoded data by accident (random, long). */
    static String boundary() {
        return "----ClewdRFormBoundary" + UUID.randomUUID().toString().replace("-", "");
    }
}
