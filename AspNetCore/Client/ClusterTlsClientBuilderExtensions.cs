using Orleans.Connections.Security;

namespace Sessions.AspNetCore;

internal static class ClusterTlsClientBuilderExtensions
{
    /// <summary>
    /// Mutual TLS to the gateways: the client presents its certificate and accepts a gateway only by
    /// <see cref="ClusterTlsCertificates.IsTrustedPeer"/> (the cluster's CA or a pinned fingerprint, never the system store).
    /// </summary>
    public static IClientBuilder UseSessionsClusterTls(this IClientBuilder client, ClusterTlsCertificates certificates) =>
        client.UseTls(certificates.LocalCertificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (peer, _, _) => certificates.IsTrustedPeer(peer);
        });
}
