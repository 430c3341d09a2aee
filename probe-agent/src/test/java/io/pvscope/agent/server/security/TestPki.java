package io.pvscope.agent.server.security;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificate authorities and certificates made at test time (EC P-256), written as PEM files: nothing
 * secret is ever committed.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A certificate, its key and the PEM files holding them. */
    public record Issued(X509Certificate certificate, KeyPair keys, Path certificatePem, Path keyPem) {
    }

    private TestPki() {
    }

    public static Issued authority(Path dir, String name) throws Exception {
        KeyPair keys = keyPair();
        X500Name subject = name("CN=" + name + ",O=PvScope tests");
        X509v3CertificateBuilder builder = builder(subject, subject, keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return write(dir, name, sign(builder, keys), keys);
    }

    /** A server certificate for localhost and 127.0.0.1. */
    public static Issued server(Path dir, Issued ca) throws Exception {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder builder = builder(issuer(ca), name("CN=localhost,O=PvScope tests"), keys)
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return write(dir, "server", sign(builder, ca.keys()), keys);
    }

    /** A client certificate whose subject is "CN=name,O=PvScope tests". */
    public static Issued client(Path dir, Issued ca, String name) throws Exception {
        return client(dir, ca, name, Instant.now().plus(1, ChronoUnit.DAYS));
    }

    /** A client certificate valid until the given time (in the past for an expired one). */
    public static Issued client(Path dir, Issued ca, String name, Instant notAfter) throws Exception {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer(ca),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notAfter.minus(2, ChronoUnit.DAYS)),
                Date.from(notAfter), name("CN=" + name + ",O=PvScope tests"), keys.getPublic());
        return write(dir, "client-" + name, sign(builder, ca.keys()), keys);
    }

    private static X500Name issuer(Issued ca) {
        return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    /** Parsed as RFC 2253 reads, so that the agent reports the subject exactly as written here. */
    private static X500Name name(String rfc2253) {
        return X500Name.getInstance(new X500Principal(rfc2253).getEncoded());
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static Issued write(Path dir, String name, X509Certificate certificate, KeyPair keys)
            throws IOException, GeneralSecurityException {
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
        // PKCS#8, as openssl genpkey writes it and as the agent asks for.
        Files.writeString(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        return new Issued(certificate, keys, cert, key);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
