using System.Security.Cryptography;

namespace Sessions.Storage;

/// <summary>
/// How the secret stores keep the session-key secret under the KEK: sealed for the purpose <c>session-key-secret</c>
/// with the store's name of the secret as associated data. A secret stored in plaintext before a KEK was configured is
/// read and re-sealed (compatibility); one sealed under a key that is not configured fails the start in one line.
/// </summary>
internal static class SessionKeySecretEnvelope
{
    private const string Purpose = "session-key-secret";

    public static byte[] Seal(KeyEncryptionKeys? keys, byte[] secret, string name) =>
        keys is null ? secret : keys.Seal(Purpose, secret, System.Text.Encoding.UTF8.GetBytes(name));

    /// <summary>The secret in <paramref name="stored"/>, and whether it should be stored again sealed under the current KEK.</summary>
    public static (byte[] Secret, bool Reseal) Open(KeyEncryptionKeys? keys, byte[] stored, string name, string where)
    {
        if (!KeyEncryptionKeys.IsSealed(stored))
        {
            return (stored, keys is not null);
        }

        if (keys is null)
        {
            throw new StartupException($"The session-key secret in {where} is encrypted, but KeyEncryption:KeyPath is not set.");
        }

        try
        {
            return (keys.Open(Purpose, stored, System.Text.Encoding.UTF8.GetBytes(name)), !keys.IsCurrent(stored));
        }
        catch (CryptographicException e)
        {
            throw new StartupException($"The session-key secret in {where} cannot be decrypted with KeyEncryption:KeyPath or KeyEncryption:PreviousKeyPaths: {e.Message}", e);
        }
    }
}
