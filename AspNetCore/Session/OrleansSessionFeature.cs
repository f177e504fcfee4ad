using Microsoft.AspNetCore.Http.Features;

namespace Sessions.AspNetCore;

/// <summary>
/// The <see cref="ISessionFeature"/> of <c>UseOrleansSessions()</c>: a request that never touches its session creates
/// none (unless it is preloaded).
/// </summary>
internal sealed class OrleansSessionFeature(OrleansSessionFactory sessions, HttpContext http) : ISessionFeature
{
    private ISession? _session;

    public ISession Session
    {
        get => _session ??= sessions.Create(http);
        set => _session = value;
    }

    /// <summary>The session, if one was created.</summary>
    public ISession? Created => _session;
}
