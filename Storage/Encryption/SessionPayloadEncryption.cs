namespace Sessions.Storage;

/// <summary>
/// Encryption of stored session state (<c>KeyEncryption:EncryptPayloads</c>): each payload sealed under the data key
/// derived from the current KEK (purpose <c>session-payload</c>), its key id in the envelope so rows under an earlier
/// KEK stay readable, and the row's grain key as associated data so a payload copied into another row does not open.
/// Rows written before encryption was on are read as they are and sealed on their next write. Only the payload is
/// covered: the columns the purge, the user index and events read (user id, times, handle, counts) stay readable.
/// </summary>
internal sealed class SessionPayloadEncryption(KeyEncryptionKeys keys)
{
    private const string Purpose = "session-payload";

    public byte[] Seal(string grainKey, byte[] payload) => keys.Seal(Purpose, payload, System.Text.Encoding.UTF8.GetBytes(grainKey));

    /// <exception cref="System.Security.Cryptography.CryptographicException">Sealed under an unknown key, for another row, or altered.</exception>
    public byte[] Open(string grainKey, byte[] stored) =>
        KeyEncryptionKeys.IsSealed(stored) ? keys.Open(Purpose, stored, System.Text.Encoding.UTF8.GetBytes(grainKey)) : stored;
}
