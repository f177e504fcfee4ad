using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Sessions.Hosting;

internal static class ClusterTlsSiloBuilderExtensions
{
    /// <summary>
    /// Mutual TLS on every silo connection (silo to silo both ways, client to gateway): this silo presents its
    /// certificate and requires one from every peer, accepted only by <see cref="ClusterTlsCertificates.IsTrustedPeer"/>.
    /// </summary>
    public static ISiloBuilder UseSessionsClusterTls(this ISiloBuilder silo, ClusterTlsCertificates certificates) =>
        silo.UseTls(certificates.LocalCertificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (peer, _, _) => certificates.IsTrustedPeer(peer);
        });
}
