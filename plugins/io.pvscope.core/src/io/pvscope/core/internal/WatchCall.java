package io.pvscope.core.internal;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.pvscope.core.KeyWatch;
import io.pvscope.core.WatchListener;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;

/** Passes a Watch stream's events on until the stream ends or the owner cancels it. */
public final class WatchCall implements ClientResponseObserver<WatchRequest, WatchEvent>, KeyWatch {

    private final WatchListener listener;
    private ClientCallStreamObserver<WatchRequest> call;
    private boolean cancelled;

    public WatchCall(WatchListener listener) {
        this.listener = listener;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
        boolean cancelNow;
        synchronized (this) {
            call = requestStream;
            cancelNow = cancelled;
        }
        if (cancelNow) {
            requestStream.cancel("cancelled before it started", null);
        }
    }

    @Override
    public void cancel() {
        ClientCallStreamObserver<WatchRequest> started;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            started = call;
        }
        if (started != null) {
            started.cancel("closed by the client", null);
        }
    }

    @Override
    public void onNext(WatchEvent event) {
        if (!isCancelled()) {
            listener.event(event);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!isCancelled()) {
            listener.failed(error);
        }
    }

    @Override
    public void onCompleted() {
        if (!isCancelled()) {
            listener.ended();
        }
    }

    private synchronized boolean isCancelled() {
        return cancelled;
    }
}
