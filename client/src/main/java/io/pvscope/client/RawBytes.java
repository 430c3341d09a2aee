package io.pvscope.client;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Messages as their encoded bytes: for calls made without generated classes (health checks, raw requests). */
public final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {

    public static final RawBytes MARSHALLER = new RawBytes();

    private RawBytes() {
    }

    @Override
    public InputStream stream(byte[] value) {
        return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
