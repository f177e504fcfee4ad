using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sessions.Storage;

/// <summary>
/// The configured key-encryption keys (<c>KeyEncryption</c>): the current one, which seals, and earlier ones, which only
/// open. A sealed value is an envelope <c>"GSE" 1 | key id (8) | nonce (12) | ciphertext | tag (16)</c> (40 bytes more
/// than the plaintext), AES-256-GCM under a key derived from the KEK for one purpose (HKDF-SHA256), so the session-key
/// secret, the key ring and session state never share a key; the caller's associated data binds a value to its place.
/// </summary>
internal sealed class KeyEncryptionKeys
{
    public const int Overhead = HeaderBytes + NonceBytes + TagBytes;
    private const int IdBytes = 8;
    private const int HeaderBytes = 4 + IdBytes;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Magic = "GSE"u8.ToArray();
    private const byte Version = 1;

    private readonly Key _current;
    private readonly Dictionary<ulong, Key> _byId;

    public KeyEncryptionKeys(byte[] current, IEnumerable<byte[]> previous)
    {
        _current = new Key(current);
        _byId = new() { [_current.Id] = _current };
        foreach (var key in previous.Select(k => new Key(k)))
        {
            _byId.TryAdd(key.Id, key);
        }
    }

    /// <summary>The current key's id as hex: safe to log, it names the key without revealing it.</summary>
    public string CurrentKeyId => _current.Id.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The keys of <paramref name="options"/>, paths relative to <paramref name="contentRoot"/>; null when no KEK is configured.</summary>
    public static KeyEncryptionKeys? Load(KeyEncryptionOptions options, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(options.KeyPath))
        {
            return null;
        }

        static byte[] Read(string path, string root) =>
            KeyEncryptionKeyFile.TryRead(Path.GetFullPath(path, root)) ?? throw new StartupException($"The key file {path} does not hold a 256-bit key.");
        return new KeyEncryptionKeys(Read(options.KeyPath, contentRoot), options.PreviousKeyPaths.Select(p => Read(p, contentRoot)));
    }

    /// <summary>Whether <paramref name="value"/> has the envelope's header (anything else is a value stored before encryption).</summary>
    public static bool IsSealed(ReadOnlySpan<byte> value) =>
        value.Length >= Overhead && value[..3].SequenceEqual(Magic) && value[3] == Version;

    /// <summary>Whether <paramref name="envelope"/> was sealed under the current key.</summary>
    public bool IsCurrent(ReadOnlySpan<byte> envelope) => IsSealed(envelope) && KeyIdOf(envelope) == _current.Id;

    public byte[] Seal(string purpose, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var envelope = new byte[Overhead + plaintext.Length];
        Magic.CopyTo(envelope, 0);
        envelope[3] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(envelope.AsSpan(4, IdBytes), _current.Id);
        var nonce = envelope.AsSpan(HeaderBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_current.For(purpose), TagBytes);
        aes.Encrypt(nonce, plaintext, envelope.AsSpan(HeaderBytes + NonceBytes, plaintext.Length), envelope.AsSpan(envelope.Length - TagBytes), associatedData);
        return envelope;
    }

    /// <summary>The plaintext of <paramref name="envelope"/>.</summary>
    /// <exception cref="CryptographicException">Sealed under a key that is not configured, for other associated data, or altered.</exception>
    public byte[] Open(string purpose, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        if (!IsSealed(envelope))
        {
            throw new CryptographicException("The value is not an encrypted envelope.");
        }

        var id = KeyIdOf(envelope);
        if (!_byId.TryGetValue(id, out var key))
        {
            throw new CryptographicException(
                $"The value was encrypted under key-encryption key {id:x16}, which is neither KeyEncryption:KeyPath ({CurrentKeyId}) nor one of KeyEncryption:PreviousKeyPaths.");
        }

        var plaintext = new byte[envelope.Length - Overhead];
        using var aes = new AesGcm(key.For(purpose), TagBytes);
        aes.Decrypt(envelope.Slice(HeaderBytes, NonceBytes), envelope.Slice(HeaderBytes + NonceBytes, plaintext.Length),
            envelope[^TagBytes..], plaintext, associatedData);
        return plaintext;
    }

    private static ulong KeyIdOf(ReadOnlySpan<byte> envelope) => BinaryPrimitives.ReadUInt64BigEndian(envelope.Slice(4, IdBytes));

    private sealed class Key(byte[] material)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _derived = new(StringComparer.Ordinal);

        // Names the key without revealing it: a MAC of a constant under it.
        public ulong Id { get; } = BinaryPrimitives.ReadUInt64BigEndian(HMACSHA256.HashData(material, "sessions key id"u8));

        public byte[] For(string purpose) =>
            _derived.GetOrAdd(purpose, p => HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, salt: [], info: Encoding.UTF8.GetBytes(p)));
    }
}
