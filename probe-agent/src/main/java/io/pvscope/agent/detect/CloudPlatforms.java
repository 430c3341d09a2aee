package io.pvscope.agent.detect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the cloud or virtualisation platform from the DMI strings, as systemd-detect-virt and facter do.
 * Each rule is a fact the platform documents or shows in every guest; the first that matches wins.
 */
final class CloudPlatforms {

    /** Azure's fixed chassis asset tag (Microsoft's documentation for detecting Azure from inside a VM). */
    static final String AZURE_ASSET_TAG = "7783-7084-3265-9085-8269-3286-77";

    /** The DMI strings a rule looks at. */
    record Dmi(String sysVendor, String productName, String biosVersion, String chassisAssetTag) {
    }

    private record Rule(String name, java.util.function.Predicate<Dmi> matches) {
    }

    private static final List<Rule> RULES = List.of(
            // Nitro instances (KVM-based) and .metal ones say so in both strings; Xen-based ones only in the
            // BIOS version ("4.11.amazon").
            new Rule("Amazon EC2", dmi -> dmi.sysVendor().startsWith("Amazon EC2")
                    || dmi.productName().startsWith("Amazon EC2")
                    || dmi.biosVersion().toLowerCase(Locale.ROOT).contains("amazon")),
            new Rule("Google Compute Engine", dmi -> dmi.productName().equals("Google Compute Engine")
                    || dmi.sysVendor().equals("Google")),
            new Rule("Microsoft Azure", dmi -> dmi.chassisAssetTag().equals(AZURE_ASSET_TAG)),
            new Rule("Oracle Cloud Infrastructure", dmi -> dmi.chassisAssetTag().equals("OracleCloud.com")),
            new Rule("OpenStack", dmi -> dmi.sysVendor().startsWith("OpenStack")
                    || dmi.productName().startsWith("OpenStack")),
            new Rule("KubeVirt", dmi -> dmi.sysVendor().equals("KubeVirt") || dmi.productName().equals("KubeVirt")),
            new Rule("Parallels", dmi -> dmi.sysVendor().startsWith("Parallels")),
            new Rule("Apple Virtualization", dmi -> dmi.productName().startsWith("Apple Virtualization")),
            new Rule("DigitalOcean", dmi -> dmi.sysVendor().equals("DigitalOcean")),
            new Rule("Hetzner Cloud", dmi -> dmi.sysVendor().equals("Hetzner")),
            new Rule("Alibaba Cloud", dmi -> dmi.sysVendor().startsWith("Alibaba Cloud")));

    private CloudPlatforms() {
    }

    static Optional<String> name(Dmi dmi) {
        return RULES.stream().filter(rule -> rule.matches().test(dmi)).map(Rule::name).findFirst();
    }
}
