package io.pvscope.core.commands;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.stream.JsonWriter;

import io.pvscope.core.Target;
import io.pvscope.core.TargetSecurity;

/**
 * Shell commands that read one key of a target's store outside Eclipse: with the agent's
 * {@code hostctl -H} and with {@code grpcurl} (the agent serves reflection). Each reaches the target the
 * way PvScope does: plaintext or TLS with the same CA and client certificate files. A bearer token is
 * never copied: it stays in secure storage, and the command takes it from the environment instead.
 */
public final class KeyCommands {

    /** The environment variable the hostctl command reads the token file's path from. */
    public static final String TOKEN_FILE_VARIABLE = "PVSCOPE_TOKEN_FILE";
    /** The environment variable the grpcurl command reads the token from. */
    public static final String TOKEN_VARIABLE = "PVSCOPE_TOKEN";
    public static final String READ_METHOD = "pvscope.v1.PvBus/KvRead";

    private KeyCommands() {
    }

    /**
     * {@code hostctl -H host:port [TLS options] -f /dev/pvbusN key}, as docs/hostctl.md describes it.
     *
     * @param withToken the target needs a bearer token
     */
    public static String hostctl(Target target, int unit, String key, boolean withToken) {
        List<String> line = new ArrayList<>();
        line.add("hostctl");
        line.add("-H");
        line.add(ShellWords.quote(target.address()));
        TargetSecurity security = target.security();
        if (security.tls()) {
            if (security.caFile().isEmpty() && security.certFile().isEmpty()) {
                line.add("--tls");
            }
            option(line, "--ca", security.caFile());
            option(line, "--cert", security.certFile());
            option(line, "--key", security.keyFile());
        }
        if (withToken) {
            line.add("--token-file");
            line.add("\"$" + TOKEN_FILE_VARIABLE + "\"");
        }
        line.add("-f");
        line.add(ShellWords.quote("/dev/pvbus" + unit));
        // getopt(3) would take a key that starts with '-' for an option.
        if (key.startsWith("-")) {
            line.add("--");
        }
        line.add(ShellWords.quote(key));
        return String.join(" ", line);
    }

    /** {@code grpcurl [-plaintext | TLS options] -d '{"unit":N,"key":"…"}' host:port pvscope.v1.PvBus/KvRead}. */
    public static String grpcurl(Target target, int unit, String key, boolean withToken) {
        List<String> line = new ArrayList<>();
        line.add("grpcurl");
        TargetSecurity security = target.security();
        if (!security.tls()) {
            line.add("-plaintext");
        } else {
            option(line, "-cacert", security.caFile());
            option(line, "-cert", security.certFile());
            option(line, "-key", security.keyFile());
        }
        if (withToken) {
            line.add("-H");
            line.add("\"authorization: Bearer $" + TOKEN_VARIABLE + "\"");
        }
        line.add("-d");
        line.add(ShellWords.quote(readRequest(unit, key)));
        line.add(ShellWords.quote(target.address()));
        line.add(READ_METHOD);
        return String.join(" ", line);
    }

    /** The KvRead request in protobuf's JSON mapping. */
    static String readRequest(int unit, String key) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            json.beginObject().name("unit").value(unit).name("key").value(key).endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void option(List<String> line, String option, String file) {
        if (!file.isEmpty()) {
            line.add(option);
            line.add(ShellWords.quote(file));
        }
    }
}
