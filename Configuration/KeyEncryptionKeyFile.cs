namespace Sessions.Configuration;

/// <summary>The format of a key-encryption key file: 32 bytes, raw or as base64 text.</summary>
public static class KeyEncryptionKeyFile
{
    /// <summary>The length of a key-encryption key (AES-256).</summary>
    public const int KeyBytes = 32;

    /// <summary>The key in the file at <paramref name="path"/>, or null when it holds neither 32 raw bytes nor base64 of 32 bytes.</summary>
    public static byte[]? TryRead(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == KeyBytes)
        {
            return bytes;
        }

        var text = System.Text.Encoding.ASCII.GetString(bytes).Trim();
        var decoded = new byte[KeyBytes + 3];
        return Convert.TryFromBase64String(text, decoded, out var written) && written == KeyBytes ? decoded[..KeyBytes] : null;
    }
}
