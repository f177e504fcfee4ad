namespace Sessions.Configuration;

/// <summary>
/// TLS with mutual authentication on the cluster's own network: silo to silo and frontend (Orleans client) to gateway.
/// Every silo and every client-mode frontend presents <see cref="CertificatePath"/> and accepts only a peer whose
/// certificate chains to <see cref="CaCertificatePath"/> or whose SHA-256 fingerprint is in
/// <see cref="TrustedThumbprints"/>; nothing else is ever accepted. Bound from the <c>ClusterTls</c> section; off by
/// default (Development, embedded mode). docs/key-management.md describes the trust model.
/// </summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo | ConfigurationReaders.Frontend)]
public sealed class ClusterTlsOptions
{
    public const string SectionName = "ClusterTls";

    /// <summary>Whether silo-to-silo and client-to-gateway connections use mutual TLS. Silos and frontends must agree; turn it on in every deployment whose cluster network another host can reach.</summary>
    public bool Enabled { get; set; }

    /// <summary>This process's certificate: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>) or a PEM certificate whose key is in <see cref="CertificateKeyPath"/>. It is presented both as server and as client, so if it lists extended key usages it needs serverAuth and clientAuth. Relative paths are from the content root.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/> (unused for PKCS#12).</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The password of the PKCS#12 file or of an encrypted PEM key; empty when there is none. Supply it from a secret store or an environment variable, not a checked-in file.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>A PEM or DER CA certificate: a peer is accepted when its certificate chains to it (this CA alone is trusted, the system store is not consulted; the host name is not checked, peers are addressed by IP). Set this, <see cref="TrustedThumbprints"/>, or both.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>SHA-256 fingerprints (hex, colons allowed, as <c>openssl x509 -noout -fingerprint -sha256</c> prints them) of certificates accepted as peers whatever their issuer: pinning for self-signed certificates.</summary>
    public List<string> TrustedThumbprints { get; set; } = [];
}
