package dev.berth.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/** The answers {@link FolderRegistry} gives, shaped as a Distribution registry shapes them (headers, error bodies, paging). */
final class RegistryAnswers {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private RegistryAnswers() {}

    static Response json(Request request, int code, JsonNode body) {
        return builder(request, code).body(ResponseBody.create(StoreJson.write(body), JSON)).build();
    }

    /** An OCI error body: {@code {"errors":[{"code":…,"message":…}]}}. */
    static Response error(Request request, int status, String code, String message) {
        ObjectNode body = StoreJson.MAPPER.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message);
        return json(request, status, body);
    }

    static Response empty(Request request, int code) {
        return builder(request, code).header("Content-Length", "0").body(ResponseBody.create(new byte[0], null)).build();
    }

    static Response created(Request request, String location, Digest digest) {
        return builder(request, 201).header("Location", location).header("Docker-Content-Digest", digest.toString())
                .header("Content-Length", "0").body(ResponseBody.create(new byte[0], null)).build();
    }

    /** A manifest: its bytes for GET, only the headers for HEAD. */
    static Response content(Request request, byte[] bytes, String mediaType, Digest digest) {
        boolean head = request.method().equals("HEAD");
        return builder(request, 200).header("Content-Type", mediaType).header("Docker-Content-Digest", digest.toString())
                .header("Content-Length", Long.toString(bytes.length))
                .body(ResponseBody.create(head ? new byte[0] : bytes, MediaType.get(mediaType))).build();
    }

    /** A blob, streamed from its file; a {@code Range: bytes=N-[M]} request gets a 206 from N on. */
    static Response file(Request request, Path file, Digest digest) throws IOException {
        long size = Files.size(file);
        Optional<long[]> range = range(request.header("Range"), size);
        if (request.header("Range") != null && range.isEmpty()) {
            return builder(request, 416).header("Content-Range", "bytes */" + size).body(ResponseBody.create(new byte[0], null)).build();
        }
        long start = range.map(r -> r[0]).orElse(0L);
        long length = range.map(r -> r[1] - r[0] + 1).orElse(size);
        Response.Builder answer = builder(request, range.isPresent() ? 206 : 200)
                .header("Docker-Content-Digest", digest.toString())
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", Long.toString(length));
        range.ifPresent(r -> answer.header("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + size));
        if (request.method().equals("HEAD")) return answer.body(ResponseBody.create(new byte[0], OCTET_STREAM)).build();
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(start);
        BufferedSource source = Okio.buffer(limited(Okio.source(in), length));
        return answer.body(ResponseBody.create(source, OCTET_STREAM, length)).build();
    }

    /** The items after {@code last}, at most {@code n} of them (all when n is absent). */
    static List<String> page(List<String> sorted, HttpUrl url) {
        String last = url.queryParameter("last");
        List<String> after = last == null ? sorted : sorted.stream().filter(s -> s.compareTo(last) > 0).toList();
        int n = pageSize(url);
        return n < 0 || n >= after.size() ? after : after.subList(0, n);
    }

    /** The page, with a {@code Link: <…?last=…&n=…>; rel="next"} header when more follow. */
    static Response paged(Request request, ObjectNode body, List<String> page, List<String> all) {
        Response answer = json(request, 200, body);
        int n = pageSize(request.url());
        if (n <= 0 || page.isEmpty() || page.size() < n || page.getLast().equals(all.getLast())) return answer;
        HttpUrl next = request.url().newBuilder().setQueryParameter("n", Integer.toString(n))
                .setQueryParameter("last", page.getLast()).build();
        return answer.newBuilder().header("Link", "<" + next.encodedPath() + "?" + next.encodedQuery() + ">; rel=\"next\"").build();
    }

    private static int pageSize(HttpUrl url) {
        String n = url.queryParameter("n");
        try {
            return n == null ? -1 : Math.max(0, Integer.parseInt(n));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<long[]> range(String header, long size) {
        if (header == null || !header.startsWith("bytes=")) return Optional.empty();
        String[] parts = header.substring(6).trim().split("-", 2);
        try {
            long start = Long.parseLong(parts[0].trim());
            long end = parts.length < 2 || parts[1].isBlank() ? size - 1 : Math.min(size - 1, Long.parseLong(parts[1].trim()));
            return start >= 0 && start <= end ? Optional.of(new long[] {start, end}) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static okio.Source limited(okio.Source source, long length) {
        return new ForwardingSource(source) {
            private long left = length;

            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                if (left <= 0) return -1;
                long read = super.read(sink, Math.min(byteCount, left));
                if (read > 0) left -= read;
                return read;
            }
        };
    }

    private static Response.Builder builder(Request request, int code) {
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(code).message(message(code))
                .header("Docker-Distribution-API-Version", "registry/2.0");
    }

    private static String message(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 416 -> "Range Not Satisfiable";
            default -> "Error";
        };
    }
}
