package io.pvscope.agent.devices;

/**
 * Something in a device's protocol state a driver developer should look at.
 *
 * @param code   stable, for scripts: "stuck", "not-driver-ok", "backend-missing"...
 * @param reason one sentence for people, naming the states or bits involved
 */
public record DeviceProblem(String code, String reason) {
}
