package io.pvscope.agent.kv.guestinfo;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * VMware guestinfo through open-vm-tools' vmware-rpctool, with the semantics of OpenBSD's vmt(4): the key is
 * passed verbatim ("guestinfo." is the host's convention, not added), "info-get KEY" and "info-set KEY VALUE"
 * commands of at most 4095 bytes, a host refusal (unknown key) is EINVAL, a failed RPC is EIO, and there is
 * no listing. Unlike vmt, a key with white space is refused: the host would split it and write another key.
 */
public final class GuestinfoStore implements KvStore {

    /** VMT_RPC_BUFLEN: vmt formats commands into a 4096-byte buffer, NUL included. */
    static final int COMMAND_BUFFER = 4096;

    private final RpcTool tool;

    public GuestinfoStore(Path tool, Duration deadline) {
        this.tool = new RpcTool(tool, deadline);
    }

    /** Why the tool cannot reach the host, if it cannot (outside VMware it says so and exits non-zero). */
    public Optional<String> unavailableReason() {
        try {
            RpcTool.Reply reply = tool.run("info-get guestinfo.pvscope.probe");
            // Inside VMware an unknown key is exit 1 "No value found"; anything else is the tool refusing.
            return reply.exit() <= 1 ? Optional.empty()
                    : Optional.of(tool.path() + ": " + (reply.err().isEmpty() ? "exit " + reply.exit() : reply.err()));
        } catch (StoreException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo("guestinfo", "VMware", false, false, tool.path().toString());
    }

    @Override
    public KvValue read(String key) throws StoreException {
        checkKey(key);
        String command = "info-get " + key;
        checkLength(command);
        RpcTool.Reply reply = tool.run(command);
        if (reply.exit() == 1) {
            throw new StoreException(Errno.EINVAL, "the host has no value for '" + key + "'"
                    + (reply.err().isEmpty() ? "" : ": " + reply.err()));
        }
        if (reply.exit() != 0) {
            throw new StoreException(Errno.EIO, "info-get failed: " + reply.err());
        }
        return KvValue.of(withoutTrailingNewline(reply.out()));
    }

    @Override
    public byte[] write(String key, byte[] value) throws StoreException {
        checkKey(key);
        for (byte b : value) {
            if (b == 0) {
                throw new StoreException(Errno.EINVAL, "a guestinfo value cannot hold a NUL byte");
            }
        }
        String command = "info-set " + key + " " + new String(value, StandardCharsets.UTF_8);
        checkLength(command);
        RpcTool.Reply reply = tool.run(command);
        if (reply.exit() == 1) {
            throw new StoreException(Errno.EINVAL, "the host refused '" + key + "': " + reply.err());
        }
        if (reply.exit() != 0) {
            throw new StoreException(Errno.EIO, "info-set failed: " + reply.err());
        }
        return new byte[0];
    }

    @Override
    public List<String> list(String key) throws StoreException {
        throw new StoreException(Errno.EOPNOTSUPP, "VMware guestinfo cannot list keys");
    }

    @Override
    public boolean hasChildren(String key) {
        return false;
    }

    static void checkKey(String key) throws StoreException {
        if (key.isEmpty() || key.chars().anyMatch(c -> Character.isWhitespace(c) || c == 0)) {
            throw new StoreException(Errno.EINVAL, "a guestinfo key must be non-empty, without white space: '"
                    + key + "'");
        }
    }

    private static void checkLength(String command) throws StoreException {
        int length = command.getBytes(StandardCharsets.UTF_8).length;
        if (length >= COMMAND_BUFFER) {
            throw new StoreException(Errno.EINVAL, "command of " + length + " bytes does not fit vmt's "
                    + COMMAND_BUFFER + "-byte buffer");
        }
    }

    private static byte[] withoutTrailingNewline(byte[] out) {
        return out.length > 0 && out[out.length - 1] == '\n' ? Arrays.copyOf(out, out.length - 1) : out;
    }
}
