package io.pvscope.agent.server.security;

import io.grpc.Context;

/**
 * Who made the current call, as authentication established it, and what it may do. {@code accountable} is
 * whom the per-client limits count it against: the identity, except for the local client on loopback TCP,
 * which every local user is, and which is counted per user there so that one cannot starve the others.
 * {@code systemUser} is that local user's uid when the system's own permissions on a store apply to it (see
 * {@link SystemGuard}); -1 when they do not (a remote caller, the Unix socket, or a configuration that gives
 * every local user the local client's grant).
 */
public record Caller(String identity, String peer, Grant grant, String accountable, int systemUser) {

    static final Context.Key<Caller> KEY = Context.key("pvscope-caller");

    private static final Caller NOBODY = new Caller("", "", Grant.NOTHING, "", -1);

    /** The caller of the call this thread serves; nobody (with no rights) outside an authenticated call. */
    public static Caller current() {
        Caller caller = KEY.get();
        return caller == null ? NOBODY : caller;
    }

    public Context attach(Context context) {
        return context.withValue(KEY, this);
    }
}
