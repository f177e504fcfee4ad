using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sessions.Tests.ClientMode;

/// <summary>A throwaway CA for cluster TLS tests: its certificate as a PEM file and leaf certificates as PKCS#12 files it issues.</summary>
public sealed class TestCertificateAuthority
{
    private readonly X509Certificate2 _certificate;
    private readonly string _folder;

    public TestCertificateAuthority(string folder, string name)
    {
        _folder = folder;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CertificatePath = Path.Combine(folder, name + "-ca.pem");
        File.WriteAllText(CertificatePath, _certificate.ExportCertificatePem());
    }

    /// <summary>The CA certificate (PEM, no key): what <c>ClusterTls:CaCertificatePath</c> names.</summary>
    public string CertificatePath { get; }

    /// <summary>Issues a leaf certificate for server and client authentication and writes it with its key as PKCS#12; returns its path.</summary>
    public string Issue(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        // Valid while the CA is: a leaf may not outlive its issuer, and "now + 1 day" read here is later than the CA's.
        using var issued = request.Create(_certificate, _certificate.NotBefore, _certificate.NotAfter, RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, withKey.Export(X509ContentType.Pkcs12));
        return path;
    }
}
