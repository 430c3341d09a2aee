package io.pvscope.core.internal;

import java.util.List;

import io.pvscope.core.BusNode;
import io.pvscope.core.BusTree;
import io.pvscope.core.DeviceStates;
import io.pvscope.proto.v1.DeviceProblem;
import io.pvscope.proto.v1.DeviceTree;
import io.pvscope.proto.v1.ListDevicesResponse;
import io.pvscope.proto.v1.ListUnitsResponse;

/**
 * One device tree per answer: while the agent's tree is the same answer and its devices' states show alike,
 * the same nodes are handed out again, so that a viewer keeps its items, expansion and selection.
 */
public final class BusTreeCache {

    private DeviceTree lastAnswer;
    private ListDevicesResponse lastDevices;
    private BusNode lastTree;

    public synchronized BusNode of(DeviceTree tree, ListUnitsResponse units, ListDevicesResponse devices) {
        if (tree != lastAnswer || !(lastDevices != null && alike(lastDevices, devices))) {
            lastAnswer = tree;
            lastDevices = devices;
            lastTree = BusTree.of(tree, units, devices);
        }
        return lastTree;
    }

    /** Whether two answers show alike: the same devices, states and kinds of problem (durations aside). */
    public static boolean alike(ListDevicesResponse before, ListDevicesResponse after) {
        return before != null && shown(before).equals(shown(after));
    }

    private static List<String> shown(ListDevicesResponse devices) {
        return devices.getDevicesList().stream().map(device -> device.getSource() + " " + DeviceStates.summary(
                device.getState()) + " " + device.getState().getProblemsList().stream()
                        .map(DeviceProblem::getCode).toList()).toList();
    }
}
