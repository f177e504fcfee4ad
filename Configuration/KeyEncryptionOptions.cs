namespace Sessions.Configuration;

/// <summary>
/// The key-encryption key (KEK): a key file kept apart from the data (a mounted secret, not the database or the key-ring
/// folder) under which the session-key secret, the Data Protection key ring and, when <see cref="EncryptPayloads"/> is
/// on, stored session state are encrypted (AES-256-GCM). Bound from the <c>KeyEncryption</c> section; without
/// <see cref="KeyPath"/> they are stored as before, with a warning at start outside Development. docs/key-management.md
/// describes it and its rollover.
/// </summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo | ConfigurationReaders.Frontend)]
public sealed class KeyEncryptionOptions
{
    public const string SectionName = "KeyEncryption";

    /// <summary>The current KEK: a file holding 32 random bytes, raw or as base64 text (e.g. from <c>openssl rand -base64 32</c>). New encryptions use it. Relative paths are from the content root.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Earlier KEK files, still accepted for reading after a rollover: what they protect is read and, for the session-key secret, re-encrypted under <see cref="KeyPath"/>. Remove one once nothing encrypted under it remains.</summary>
    public List<string> PreviousKeyPaths { get; set; } = [];

    /// <summary>Silos encrypt stored session state (items, roles, tickets) under a data key derived from the KEK, with the row's key as associated data; rows written before stay readable. Needs <see cref="KeyPath"/>.</summary>
    public bool EncryptPayloads { get; set; }
}
