package io.pvscope.agent.kv;

/** One backend the agent looked for: attached, or why not (e.g. "no /dev/xen/xenbus and no xenstored socket"). */
public record StoreStatus(String kind, boolean available, String reason) {

    public static StoreStatus unavailable(String kind, String reason) {
        return new StoreStatus(kind, false, reason);
    }
}
