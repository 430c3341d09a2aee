package io.pvscope.agent.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system's own permissions on a store's file, applied to local users: real files with their modes,
 * users and groups from passwd and group files written as the system writes them.
 */
class SystemGuardTest {

    private static final int USER = 4242;
    private static final int OPERATOR = 4343;
    private static final int XEN_GROUP = 4444;
    private static final int AGENT_GROUP = 4545;

    @TempDir
    Path dir;

    private Path guard;
    private int owner;
    private SystemGuard system;

    @BeforeEach
    void files() throws Exception {
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), String.join("\n",
                "root:x:0:0:root:/root:/bin/bash",
                "user:x:" + USER + ":" + USER + "::/home/user:/bin/sh",
                "operator:x:" + OPERATOR + ":" + OPERATOR + "::/home/operator:/bin/sh", ""));
        Files.writeString(etc.resolve("group"), String.join("\n",
                "root:x:0:",
                "xen:x:" + XEN_GROUP + ":someone,user",
                "pvscope:x:" + AGENT_GROUP + ":operator", ""));
        guard = Files.createFile(dir.resolve("socket"));
        owner = (Integer) Files.getAttribute(guard, "unix:uid");
        system = new SystemGuard(etc, AGENT_GROUP);
    }

    private void mode(String permissions) throws Exception {
        Files.setPosixFilePermissions(guard, PosixFilePermissions.fromString(permissions));
    }

    @Test
    void aFileOnlyItsOwnerMayUseKeepsOtherUsersOutButNotRootOrTheOwner() throws Exception {
        mode("rw-------");

        assertThat(system.refusal(USER, guard)).contains(guard + " is mode 0600")
                .contains("keeps uid " + USER + " out");
        assertThat(system.refusal(0, guard)).isNull();
        assertThat(system.refusal(owner, guard)).isNull();
    }

    @Test
    void theAgentsOwnGroupIsLetIn() throws Exception {
        mode("rw-------");

        assertThat(system.refusal(OPERATOR, guard)).as("operator is in the agent's group").isNull();
    }

    @Test
    void aFileItsGroupMayWriteLetsTheGroupsMembersIn() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "giving a file to another group needs root");
        mode("rw-rw----");
        Files.setAttribute(guard, "unix:gid", XEN_GROUP);

        assertThat(system.refusal(USER, guard)).as("user is listed in the xen group").isNull();
        Files.setAttribute(guard, "unix:gid", 4646);
        assertThat(system.refusal(USER, guard)).isNotNull();
    }

    @Test
    void aGroupFileReplacedIsReadAgain() throws Exception {
        mode("rw-------");
        Path group = dir.resolve("etc/group");
        assertThat(system.refusal(OPERATOR, guard)).as("operator is in the agent's group").isNull();

        // As usermod does: a new file put in place of the old one, the operator left out.
        Path next = Files.writeString(dir.resolve("etc/group+"), String.join("\n",
                "root:x:0:", "xen:x:" + XEN_GROUP + ":someone,user", "pvscope:x:" + AGENT_GROUP + ":", ""));
        Files.move(next, group, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertThat(system.refusal(OPERATOR, guard)).as("operator left the agent's group").isNotNull();
    }

    @Test
    void aFileAnyoneMayWriteLetsEveryoneIn() throws Exception {
        mode("rw-rw-rw-");

        assertThat(system.refusal(USER, guard)).isNull();
    }
}
