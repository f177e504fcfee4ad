using System.Security.Cryptography;

namespace Sessions.Storage;

/// <summary>The session-key secret as a file in the cookie key ring's folder, readable by its owner only.</summary>
public sealed class FileSessionKeySecretStore(string folder) : ISessionKeySecretStore
{
    public const string FileName = "session-key-secret";

    public async Task<byte[]> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using var file = new FileStream(path, options);
                await file.WriteAsync(RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes), cancellationToken);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        var secret = await File.ReadAllBytesAsync(path, cancellationToken);
        return secret.Length >= SessionKeySecret.Bytes
            ? secret
            : throw new InvalidOperationException($"The session-key secret in '{path}' is shorter than {SessionKeySecret.Bytes} bytes.");
    }
}
