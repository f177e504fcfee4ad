using System.Collections.Immutable;

namespace Sessions.Grains.Interfaces;

/// <summary>The whole of a live session as read by a frontend.</summary>
/// <remarks>
/// Immutable for Orleans: a co-hosted silo passes the grain's own items by reference instead of copying the whole
/// session on every load, so they are reachable only through the read-only <see cref="Items"/>. The serialized fields
/// are those of the previous release (the same ids and types), so frontends and silos of both releases understand
/// each other during a rolling upgrade.
/// </remarks>
// The previous release was a record, which Orleans writes with a (here empty) section of primary-constructor fields:
// IncludePrimaryConstructorParameters keeps that section, so both releases read each other.
[GenerateSerializer(IncludePrimaryConstructorParameters = true), Immutable, Alias("sessions.SessionSnapshot")]
public sealed class SessionSnapshot
{
    [Id(0)]
    private readonly SessionInfo _info;

    [Id(1)]
    private readonly ImmutableDictionary<string, byte[]> _items;

    /// <summary>A snapshot over <paramref name="items"/>, which it takes over: the arrays must never change afterwards.</summary>
    public SessionSnapshot(SessionInfo info, ImmutableDictionary<string, byte[]> items)
    {
        _info = info;
        _items = items;
    }

    public SessionInfo Info => _info;

    public SessionItems Items => new(_items);

    /// <summary>The same items described by <paramref name="info"/> (the session's metadata after a change such as a principal re-validation).</summary>
    public SessionSnapshot WithInfo(SessionInfo info) => new(info, _items);
}
