using System.Security.Cryptography;

namespace Sessions.Storage;

/// <summary>
/// The session-key secret as a file in the cookie key ring's folder, readable by its owner only; encrypted under the
/// key-encryption key when one is configured (a plaintext file from before is re-encrypted in place at start).
/// </summary>
public sealed class FileSessionKeySecretStore : ISessionKeySecretStore
{
    public const string FileName = "session-key-secret";
    private readonly string _folder;
    private readonly KeyEncryptionKeys? _keys;

    public FileSessionKeySecretStore(string folder)
        : this(folder, null)
    {
    }

    internal FileSessionKeySecretStore(string folder, KeyEncryptionKeys? keys)
    {
        _folder = folder;
        _keys = keys;
    }

    public async Task<byte[]> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(_folder, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(_folder);
            try
            {
                await WriteAsync(path, FileMode.CreateNew, RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes), cancellationToken);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        var (secret, reseal) = SessionKeySecretEnvelope.Open(_keys, await File.ReadAllBytesAsync(path, cancellationToken), FileName, $"'{path}'");
        if (secret.Length < SessionKeySecret.Bytes)
        {
            throw new InvalidOperationException($"The session-key secret in '{path}' is shorter than {SessionKeySecret.Bytes} bytes.");
        }

        if (reseal)
        {
            // Written beside it, then moved over it: a reader sees the old file or the new one, never half of one.
            var next = path + ".new";
            await WriteAsync(next, FileMode.Create, secret, cancellationToken);
            File.Move(next, path, overwrite: true);
        }

        return secret;
    }

    private async Task WriteAsync(string path, FileMode mode, byte[] secret, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await file.WriteAsync(SessionKeySecretEnvelope.Seal(_keys, secret, FileName), cancellationToken);
    }
}
