package io.pvscope.agent.tree;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The {@code tree --json} document. */
public final class DeviceTreeJson {

    private DeviceTreeJson() {
    }

    public static String render(DeviceNode root) {
        JsonObject json = new JsonObject();
        json.addProperty("version", Long.toUnsignedString(DeviceTreeText.versionStamp(root)));
        json.add("root", node(root));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json);
    }

    private static JsonObject node(DeviceNode node) {
        JsonObject json = new JsonObject();
        json.addProperty("name", node.name());
        json.addProperty("driver", node.driver());
        json.addProperty("unit", node.unit());
        json.addProperty("source", node.source());
        JsonObject attributes = new JsonObject();
        node.attributes().forEach(attributes::addProperty);
        json.add("attributes", attributes);
        JsonArray children = new JsonArray();
        node.children().forEach(child -> children.add(node(child)));
        json.add("children", children);
        return json;
    }
}
