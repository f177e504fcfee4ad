using System.Diagnostics.CodeAnalysis;

namespace Sessions.AspNetCore;

/// <summary>
/// The session-key secrets a frontend accepts: the current one (new cookies, new grain keys) and the previous ones
/// (<c>SessionGrainKey:PreviousSecrets</c>), read during a secret rollover: a cookie under a previous secret still finds
/// its session, which moves to the current secret on that request (an ID rotation). Loaded once at start
/// (<see cref="SessionSecretsLoader"/>), before any request.
/// </summary>
public sealed class SessionSecrets
{
    private SessionSecret? _current;
    private SessionSecret[] _all = [];

    /// <summary>The secret new cookies and new grain keys are made under.</summary>
    public SessionSecret Current => _current ?? throw new InvalidOperationException("The session-key secret is not loaded yet.");

    /// <summary>The current secret first, then the previous ones in the order configured.</summary>
    public IReadOnlyList<SessionSecret> All => _all;

    /// <summary>Sets the secrets; done once at start, before any request. A secret listed twice fails the start.</summary>
    public void Initialize(byte[] current, IEnumerable<byte[]> previous)
    {
        var all = new List<SessionSecret> { new(current) };
        foreach (var secret in previous)
        {
            var candidate = new SessionSecret(secret);
            if (all.Any(known => known.KeyId == candidate.KeyId))
            {
                throw new StartupException(
                    $"SessionGrainKey:PreviousSecrets repeats the current session-key secret or another previous one (key id {candidate}): list each secret once.");
            }

            all.Add(candidate);
        }

        _all = [.. all];
        _current = _all[0];
    }

    /// <summary>The accepted secret named <paramref name="keyId"/>; false for a secret that is unknown or was removed.</summary>
    public bool TryFind(uint keyId, [MaybeNullWhen(false)] out SessionSecret secret)
    {
        foreach (var candidate in _all)
        {
            if (candidate.KeyId == keyId)
            {
                secret = candidate;
                return true;
            }
        }

        secret = null;
        return false;
    }

    /// <summary>Whether <paramref name="secret"/> is a previous one: its sessions move to the current secret.</summary>
    public bool IsPrevious(SessionSecret secret) => !ReferenceEquals(secret, Current);
}
