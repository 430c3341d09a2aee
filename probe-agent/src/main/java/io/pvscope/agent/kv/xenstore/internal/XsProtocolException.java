package io.pvscope.agent.kv.xenstore.internal;

import java.io.IOException;

/** The daemon sent bytes that are not a XenStore message: the stream can no longer be trusted. */
public final class XsProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public XsProtocolException(String message) {
        super(message);
    }
}
