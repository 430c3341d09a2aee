package io.pvscope.agent.kv.guestinfo;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs open-vm-tools' {@code vmware-rpctool "<command>"} with a deadline and collects what it said. */
final class RpcTool {

    /** Exit status, standard output and standard error of one run. */
    record Reply(int exit, byte[] out, String err) {
    }

    private final Path tool;
    private final Duration deadline;

    RpcTool(Path tool, Duration deadline) {
        this.tool = tool;
        this.deadline = deadline;
    }

    Path path() {
        return tool;
    }

    Reply run(String command) throws StoreException {
        Process process;
        try {
            process = new ProcessBuilder(List.of(tool.toString(), command)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new StoreException(Errno.EIO, "cannot run " + tool + ": " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StoreException(Errno.ETIMEDOUT, tool + " did not answer within " + deadline.toMillis() + " ms");
            }
            return new Reply(process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StoreException(Errno.EIO, "interrupted while waiting for " + tool, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StoreException(Errno.EIO, "reading from " + tool + ": " + e.getCause(), e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
