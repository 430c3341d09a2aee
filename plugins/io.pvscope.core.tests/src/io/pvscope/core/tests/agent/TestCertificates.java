package io.pvscope.core.tests.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and certificates signed by it for 127.0.0.1, made with the system's {@code openssl} at
 * test time, so that no private key is ever committed.
 *
 * @param ca         the CA certificate (PEM), to trust
 * @param serverCert the agent's certificate for 127.0.0.1
 * @param serverKey  its PKCS#8 key
 * @param clientCert a client certificate for mutual TLS
 * @param clientKey  its PKCS#8 key
 */
public record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Path caKey = dir.resolve("ca.key");
        Path ca = dir.resolve("ca.pem");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", ca.toString(), "-subj", "/CN=PvScope test CA", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
        Path serverKey = dir.resolve("server.key");
        Path serverCert = dir.resolve("server.pem");
        sign(dir, ca, caKey, "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
                serverKey, serverCert);
        Path clientKey = dir.resolve("client.key");
        Path clientCert = dir.resolve("client.pem");
        sign(dir, ca, caKey, "/CN=pvscope-test-client", "extendedKeyUsage=clientAuth\n", clientKey, clientCert);
        return new TestCertificates(ca, serverCert, serverKey, clientCert, clientKey);
    }

    private static void sign(Path dir, Path ca, Path caKey, String subject, String extensions, Path key, Path cert)
            throws IOException, InterruptedException {
        Path request = Files.createTempFile(dir, "req", ".csr");
        Path ext = Files.writeString(Files.createTempFile(dir, "ext", ".cnf"),
                "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n" + extensions, StandardCharsets.UTF_8);
        openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", request.toString(), "-subj", subject);
        openssl(dir, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
    }

    private static void openssl(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(dir, "openssl", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("openssl " + arguments[0] + " failed: " + Files.readString(log));
        }
    }
}
