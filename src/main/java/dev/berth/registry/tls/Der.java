package dev.berth.registry.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough ASN.1 DER to rewrap PKCS#1 and SEC1 private keys as PKCS#8, which is the only
 * encoding the JDK's {@code KeyFactory} reads. Not a general parser: it reads definite lengths and
 * single-byte tags, which is all those structures use.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    static final int CONTEXT_0 = 0xA0;

    /** One tag-length-value element; {@code encoded} is the whole element, header included. */
    record Element(int tag, byte[] content, byte[] encoded) {}

    /** Reads consecutive elements from a byte range. */
    static final class Reader {
        private final byte[] data;
        private int position;
        private final int end;

        Reader(byte[] data) {
            this(data, 0, data.length);
        }

        private Reader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        Element next() {
            int start = position;
            int tag = read();
            if ((tag & 0x1F) == 0x1F) throw new IllegalArgumentException("multi-byte DER tags are not supported");
            int length = read();
            if (length == 0x80) throw new IllegalArgumentException("indefinite DER length");
            if (length > 0x80) {
                int count = length & 0x7F;
                if (count > 3) throw new IllegalArgumentException("DER length too large");
                length = 0;
                for (int i = 0; i < count; i++) length = (length << 8) | read();
            }
            if (length > end - position) throw new IllegalArgumentException("truncated DER element");
            byte[] content = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return new Element(tag, content, Arrays.copyOfRange(data, start, position));
        }

        /** The next element, which must have {@code tag}. */
        Element next(int tag, String what) {
            if (!hasMore()) throw new IllegalArgumentException("missing " + what);
            Element element = next();
            if (element.tag() != tag) throw new IllegalArgumentException("unexpected DER element where " + what + " belongs");
            return element;
        }

        private int read() {
            if (position >= end) throw new IllegalArgumentException("truncated DER element");
            return data[position++] & 0xFF;
        }
    }

    /** A reader over the contents of a constructed element (e.g. a SEQUENCE). */
    static Reader inside(Element element) {
        return new Reader(element.content());
    }

    static byte[] element(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) content.writeBytes(part);
        byte[] body = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else if (length <= 0xFFFF) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] oid(int... encodedBytes) {
        byte[] content = new byte[encodedBytes.length];
        for (int i = 0; i < encodedBytes.length; i++) content[i] = (byte) encodedBytes[i];
        return element(OID, content);
    }

    private Der() {}
}
