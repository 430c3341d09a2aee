package io.pvscope.agent.devices.xenbus;

import java.util.List;
import java.util.Map;

/**
 * Which backend node offers what a frontend node requests or acknowledges, per device type (Xen's
 * public/io/netif.h and blkif.h, and the keys Linux's netfront/netback and blkfront/blkback use): the rows
 * of the negotiation table. A row with only one side is a capability that side states alone.
 */
public final class XenbusNegotiation {

    /**
     * One row.
     *
     * @param feature     what it is about, for people
     * @param backendKey  the node the backend writes to offer it, or empty
     * @param frontendKey the node the frontend writes to request or acknowledge it, or empty
     */
    public record Row(String feature, String backendKey, String frontendKey) {
    }

    private static final List<Row> VIF = List.of(
            new Row("receive by copy", "feature-rx-copy", "request-rx-copy"),
            new Row("scatter/gather", "feature-sg", "feature-sg"),
            new Row("TCPv4 segmentation offload", "feature-gso-tcpv4", "feature-gso-tcpv4"),
            new Row("TCPv6 segmentation offload", "feature-gso-tcpv6", "feature-gso-tcpv6"),
            new Row("IPv6 checksum offload", "feature-ipv6-csum-offload", "feature-ipv6-csum-offload"),
            new Row("no IPv4 checksum offload", "", "feature-no-csum-offload"),
            new Row("receive notifications", "", "feature-rx-notify"),
            new Row("split event channels", "feature-split-event-channels", "event-channel-tx"),
            new Row("queues", "multi-queue-max-queues", "multi-queue-num-queues"),
            new Row("multicast control", "feature-multicast-control", "request-multicast-control"),
            new Row("control ring", "feature-ctrl-ring", "ctrl-ring-ref"),
            new Row("XDP headroom", "feature-xdp-headroom", "xdp-headroom"));

    private static final List<Row> VBD = List.of(
            new Row("ring pages (log2)", "max-ring-page-order", "ring-page-order"),
            new Row("ring pages (deprecated)", "max-ring-pages", "num-ring-pages"),
            new Row("queues", "multi-queue-max-queues", "multi-queue-num-queues"),
            new Row("persistent grants", "feature-persistent", "feature-persistent"),
            new Row("indirect segments", "feature-max-indirect-segments", ""),
            new Row("write barrier", "feature-barrier", ""),
            new Row("flush cache", "feature-flush-cache", ""),
            new Row("discard", "feature-discard", ""),
            new Row("ring protocol (ABI)", "", "protocol"));

    private static final List<Row> VKBD = List.of(
            new Row("absolute pointer", "feature-abs-pointer", "request-abs-pointer"),
            new Row("raw pointer", "feature-raw-pointer", "request-raw-pointer"),
            new Row("multi-touch", "feature-multi-touch", "request-multi-touch"));

    private static final Map<String, List<Row>> BY_TYPE = Map.of("vif", VIF, "vbd", VBD, "vkbd", VKBD);

    /** Frontend nodes that hold grant references of rings and event channel ports, per type. */
    private static final Map<String, List<String>> RINGS = Map.of(
            "vif", List.of("tx-ring-ref", "rx-ring-ref", "event-channel", "event-channel-tx", "event-channel-rx"),
            "vbd", List.of("ring-ref", "ring-ref0", "event-channel"),
            "console", List.of("ring-ref", "port"),
            "vkbd", List.of("page-gref", "page-ref", "event-channel"),
            "vfb", List.of("page-ref", "event-channel"));

    private XenbusNegotiation() {
    }

    /** The negotiation rows of a frontend type; empty for types without a table here. */
    public static List<Row> rows(String frontendType) {
        return BY_TYPE.getOrDefault(frontendType, List.of());
    }

    /** The frontend nodes that publish rings and event channels; the generic two for other types. */
    public static List<String> ringNodes(String frontendType) {
        return RINGS.getOrDefault(frontendType, List.of("ring-ref", "event-channel"));
    }
}
