package io.pvscope.agent.server.security;

import io.pvscope.agent.server.AuditLog;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Checks client certificates against the client CA, and audits the ones it rejects: those handshakes never
 * become calls, so no interceptor would see them.
 */
final class AuditingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final AuditLog audit;

    AuditingTrustManager(X509ExtendedTrustManager delegate, AuditLog audit) {
        this.delegate = delegate;
        this.audit = audit;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            // The server's engines are made without the peer's address: an empty peer, never "/null:-1".
            String peer = engine == null || engine.getPeerHost() == null ? ""
                    : "/" + engine.getPeerHost() + ":" + engine.getPeerPort();
            audited(chain, peer, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            audited(chain, socket == null ? "" : String.valueOf(socket.getRemoteSocketAddress()), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            audited(chain, "", e);
        }
    }

    /**
     * The subject is what the rejected certificate claims, not who the caller is: the identity says
     * "unverified:" so that no reader of the audit takes it for an authenticated name.
     */
    private void audited(X509Certificate[] chain, String peer, CertificateException e) throws CertificateException {
        String subject = chain.length == 0 ? "" : chain[0].getSubjectX500Principal().getName(X500Principal.RFC2253);
        audit.authFailure(peer, UNVERIFIED + subject, "client certificate rejected: " + e.getMessage());
        throw e;
    }

    static final String UNVERIFIED = "unverified:";

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager checks clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager checks clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager checks clients only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
