using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sessions.Tests.Configuration;

/// <summary>Who <see cref="ClusterTlsCertificates"/> accepts as a cluster peer: the configured CA's certificates or pinned fingerprints, nothing else.</summary>
public sealed class ClusterTlsCertificatesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sessions-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void OnlyPeersOfTheConfiguredCaOrAPinnedFingerprintAreAccepted()
    {
        using var clusterCa = Authority("cluster-ca");
        using var otherCa = Authority("other-ca");
        using var member = Issue(clusterCa, "member");
        using var stranger = Issue(otherCa, "stranger");
        using var pinned = Issue(otherCa, "pinned");
        using var selfSigned = Authority("self-signed");
        var pin = string.Join(':', Convert.ToHexString(pinned.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)));

        var certificates = ClusterTlsCertificates.Load(new ClusterTlsOptions
        {
            Enabled = true,
            CertificatePath = Pfx(member, "local.pfx"),
            CaCertificatePath = Pem(clusterCa, "ca.pem"),
            TrustedThumbprints = [pin.ToLowerInvariant()],
        }, _folder);

        Assert.True(certificates.IsTrustedPeer(member));
        Assert.True(certificates.IsTrustedPeer(pinned));
        Assert.False(certificates.IsTrustedPeer(stranger));
        Assert.False(certificates.IsTrustedPeer(selfSigned));
        Assert.True(certificates.LocalCertificate.HasPrivateKey);
    }

    [Fact]
    public void APemCertificateWithItsKeyLoads_AndAWrongPasswordFailsTheStartNamingTheKey()
    {
        using var ca = Authority("ca");
        using var member = Issue(ca, "member");
        var certificatePath = Path.Combine(_folder, "member.pem");
        var keyPath = Path.Combine(_folder, "member.key");
        File.WriteAllText(certificatePath, member.ExportCertificatePem());
        File.WriteAllText(keyPath, member.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var fromPem = ClusterTlsCertificates.Load(new ClusterTlsOptions { CertificatePath = certificatePath, CertificateKeyPath = keyPath, TrustedThumbprints = [] }, _folder);
        var failure = Assert.Throws<StartupException>(() => ClusterTlsCertificates.Load(
            new ClusterTlsOptions { CertificatePath = Pfx(member, "member.pfx", "right"), CertificatePassword = "wrong" }, _folder));

        Assert.True(fromPem.LocalCertificate.HasPrivateKey);
        Assert.StartsWith("ClusterTls:CertificatePath cannot be loaded", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TlsOnWithoutAWayToTrustPeersIsRefused()
    {
        using var ca = Authority("ca");
        using var member = Issue(ca, "member");
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = _folder };

        var result = new ClusterTlsOptionsValidator(environment).Validate(null, new ClusterTlsOptions { Enabled = true, CertificatePath = Pfx(member, "m.pfx") });

        Assert.Equal(["ClusterTls:CaCertificatePath or ClusterTls:TrustedThumbprints must be set when ClusterTls:Enabled is true (no peer is trusted otherwise)."], result.Failures);
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(authority, authority.NotBefore, authority.NotAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    private string Pfx(X509Certificate2 certificate, string name, string? password = null)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    private string Pem(X509Certificate2 certificate, string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
