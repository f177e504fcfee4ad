using Orleans.Runtime;

namespace Sessions.AspNetCore;

/// <summary>
/// The one place in the frontend that maps a session id to its grain: every grain call of a request goes through
/// <see cref="For"/>. The grain is keyed by a keyed hash of the id under a session-key secret
/// (<see cref="SessionSecret.GrainKeyOf"/>), never the id: under the secret its cookie names (a previous one during a
/// secret rollover), else the current one.
/// </summary>
public sealed class SessionGrains(IGrainFactory grains, SessionSecrets secrets)
{
    // GetGrain<T>(string) resolves the grain and interface types through reflection on every call (about 6 % of a
    // session read's CPU in a profile); they never change, so they are taken from the first reference handed out.
    private (GrainType Grain, GrainInterfaceType Interface)? _types;

    /// <summary>The grain of <paramref name="sessionId"/> under <paramref name="secret"/>, or the current secret when null.</summary>
    public ISessionGrain For(string sessionId, SessionSecret? secret = null) => ForKey(KeyOf(sessionId, secret));

    /// <summary>The grain key of <paramref name="sessionId"/> under <paramref name="secret"/> (null: the current one): a keyed hash, safe to log or store.</summary>
    public string KeyOf(string sessionId, SessionSecret? secret = null) => (secret ?? secrets.Current).GrainKeyOf(sessionId);

    /// <summary>The grain of an already hashed key (<see cref="KeyOf"/>).</summary>
    public ISessionGrain ForKey(string key)
    {
        if (_types is var (grainType, interfaceType))
        {
            return (ISessionGrain)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
        }

        var grain = grains.GetGrain<ISessionGrain>(key);
        if (grain is GrainReference reference)
        {
            _types = (reference.GrainId.Type, reference.InterfaceType);
        }

        return grain;
    }

    /// <summary>The index of <paramref name="userId"/>'s sessions.</summary>
    public IUserSessionsGrain Users(string userId) => grains.GetGrain<IUserSessionsGrain>(userId);

    /// <summary>
    /// Signs <paramref name="userId"/> out everywhere: ends every session of the user (but <paramref name="exceptHandle"/>,
    /// the handle of the session that asked, when it should stay), server-side, through the user's session index. The one
    /// call for a password change, a disabled account or a "sign out everywhere" button; returns how many sessions ended.
    /// </summary>
    public ValueTask<int> EndUserSessionsAsync(
        string userId, string? exceptHandle = null, SessionEndReason reason = SessionEndReason.Revoked, CancellationToken cancellationToken = default) =>
        Users(userId).EndAllAsync(exceptHandle, reason, cancellationToken);

    /// <summary>The deployment's end-all epoch.</summary>
    public IDeploymentEpochGrain Epoch() => grains.GetGrain<IDeploymentEpochGrain>(0);
}
