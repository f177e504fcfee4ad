using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sessions.Configuration;

/// <summary>
/// The certificates of <see cref="ClusterTlsOptions"/>, loaded once: this process's own certificate and the rule that
/// decides whether a peer is one of the cluster (chains to the configured CA alone, or its SHA-256 fingerprint is
/// pinned). The same rule judges silos, gateways and clients; the platform's policy errors are not consulted, so a
/// certificate trusted by the system store but not by this rule is refused.
/// </summary>
public sealed class ClusterTlsCertificates
{
    private readonly X509Certificate2? _authority;
    private readonly HashSet<string> _thumbprints;

    private ClusterTlsCertificates(X509Certificate2 local, X509Certificate2? authority, IEnumerable<string> thumbprints)
    {
        LocalCertificate = local;
        _authority = authority;
        _thumbprints = thumbprints.Select(NormalizeThumbprint).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The certificate this process presents, with its private key.</summary>
    public X509Certificate2 LocalCertificate { get; }

    /// <summary>Loads the certificates named by <paramref name="options"/> (validated), paths relative to <paramref name="contentRoot"/>.</summary>
    /// <exception cref="StartupException">A file cannot be read as a certificate (a wrong password, a key that does not match).</exception>
    public static ClusterTlsCertificates Load(ClusterTlsOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificatePath = Path.GetFullPath(options.CertificatePath ?? "", contentRoot);
        X509Certificate2 local;
        try
        {
            local = IsPem(certificatePath)
                ? LoadPem(certificatePath, Path.GetFullPath(options.CertificateKeyPath ?? "", contentRoot), options.CertificatePassword)
                : X509CertificateLoader.LoadPkcs12FromFile(certificatePath, options.CertificatePassword);
        }
        catch (CryptographicException e)
        {
            throw new StartupException($"ClusterTls:CertificatePath cannot be loaded with its key and ClusterTls:CertificatePassword ({e.Message}).", e);
        }

        if (!local.HasPrivateKey)
        {
            throw new StartupException("ClusterTls:CertificatePath has no private key (a PKCS#12 file with the key, or a PEM certificate with ClusterTls:CertificateKeyPath).");
        }

        X509Certificate2? authority = null;
        if (!string.IsNullOrWhiteSpace(options.CaCertificatePath))
        {
            try
            {
                authority = X509CertificateLoader.LoadCertificateFromFile(Path.GetFullPath(options.CaCertificatePath, contentRoot));
            }
            catch (CryptographicException e)
            {
                throw new StartupException($"ClusterTls:CaCertificatePath is not a PEM or DER certificate ({e.Message}).", e);
            }
        }

        return new ClusterTlsCertificates(local, authority, options.TrustedThumbprints);
    }

    /// <summary>Whether <paramref name="peer"/> belongs to the cluster: its fingerprint is pinned, or it chains to the configured CA (validity dates checked, revocation not).</summary>
    public bool IsTrustedPeer(X509Certificate2 peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (_thumbprints.Contains(Convert.ToHexString(peer.GetCertHash(HashAlgorithmName.SHA256))))
        {
            return true;
        }

        if (_authority is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer);
    }

    /// <summary>A fingerprint as compared: upper-case hex without colons or spaces.</summary>
    public static string NormalizeThumbprint(string thumbprint) =>
        string.Concat((thumbprint ?? "").Where(c => c is not (':' or ' '))).ToUpperInvariant();

    internal static bool IsPem(string path) =>
        path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase);

    private static X509Certificate2 LoadPem(string certificatePath, string keyPath, string? password)
    {
        using var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath);
        // SslStream wants a key it can hand to the platform's TLS; a PKCS#12 round trip gives one on every OS.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
