package io.pvscope.agent.detect;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;

/** The {@code detect --json} document: one object with units, platform, role, container and confidential. */
public final class DetectionJson {

    private DetectionJson() {
    }

    public static String render(DetectionReport report) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create()
                .toJson(toJson(report));
    }

    static JsonObject toJson(DetectionReport report) {
        JsonObject json = new JsonObject();
        JsonArray units = new JsonArray();
        report.units().forEach(u -> units.add(unit(u)));
        json.add("units", units);
        json.add("platform", platform(report.platform()));
        json.add("role", role(report.role()));
        json.add("container", container(report.container()));
        json.add("confidential", confidential(report.confidential()));
        json.add("evidence", evidence(report.evidence()));
        json.addProperty("detected", report.detected().toString());
        return json;
    }

    private static JsonObject unit(DetectedUnit unit) {
        JsonObject json = new JsonObject();
        json.addProperty("unit", unit.unit());
        json.addProperty("device", "/dev/pvbus" + unit.unit());
        json.addProperty("name", unit.name());
        json.addProperty("signature", unit.signature());
        json.addProperty("base", UnitFactory.hex(unit.base()));
        json.addProperty("maxLeaf", UnitFactory.hex(unit.maxLeaf()));
        json.addProperty("features", UnitFactory.hex(unit.features()));
        if (unit.version().isPresent()) {
            json.addProperty("version", unit.version().get().toString());
        } else {
            json.add("version", JsonNull.INSTANCE);
        }
        json.addProperty("foundBy", unit.foundBy());
        json.add("evidence", evidence(unit.evidence()));
        return json;
    }

    private static JsonObject platform(Platform platform) {
        JsonObject json = new JsonObject();
        json.addProperty("vendor", platform.vendor());
        json.addProperty("product", platform.product());
        json.addProperty("version", platform.version());
        json.addProperty("biosVendor", platform.biosVendor());
        json.addProperty("boardVendor", platform.boardVendor());
        json.addProperty("cloud", platform.cloud());
        json.addProperty("smbiosVmBit", platform.vmBit().name().toLowerCase(Locale.ROOT));
        json.addProperty("metal", platform.metal());
        return json;
    }

    private static com.google.gson.JsonElement role(GuestRole role) {
        if (role.equals(GuestRole.UNSPECIFIED)) {
            return JsonNull.INSTANCE;
        }
        JsonObject json = new JsonObject();
        json.addProperty("domain", role.domain() == GuestRole.Domain.DOM0 ? "dom0"
                : role.domain() == GuestRole.Domain.DOMU ? "domU" : null);
        json.addProperty("mode", role.mode() == GuestRole.Mode.UNSPECIFIED ? null
                : role.mode().name().toLowerCase(Locale.ROOT));
        return json;
    }

    private static JsonObject confidential(ConfidentialGuest guest) {
        JsonObject json = new JsonObject();
        json.addProperty("technology", guest.technology());
        json.addProperty("paravisor", guest.paravisor());
        json.add("evidence", evidence(guest.evidence()));
        return json;
    }

    private static JsonObject container(ContainerInfo container) {
        JsonObject json = new JsonObject();
        json.addProperty("detected", container.detected());
        json.addProperty("kind", container.kind());
        json.add("evidence", evidence(container.evidence()));
        return json;
    }

    private static JsonArray evidence(List<Evidence> items) {
        JsonArray array = new JsonArray();
        for (Evidence item : items) {
            JsonObject json = new JsonObject();
            json.addProperty("source", item.source());
            json.addProperty("subject", item.subject());
            json.addProperty("seen", item.seen());
            if (item.conflict()) {
                json.addProperty("conflict", true);
            }
            array.add(json);
        }
        return array;
    }
}
