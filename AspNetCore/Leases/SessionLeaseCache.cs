using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// The frontend's sessions held under read leases, by grain key: reads are served from here while a lease lasts; the
/// grain's revocations (<see cref="SessionLeaseHolder"/>) drop them before any change is acknowledged.
/// </summary>
/// <remarks>
/// <para>Ordering: Orleans does not order a grant and a revocation sent to one frontend, so a revocation leaves a
/// tombstone for as long as a grant sent before it could still arrive and be valid, and a grant at or below a revoked
/// version (any version, after an end) is refused; a grant older than the entry held is refused too (the fencing of a
/// stale duplicate activation).</para>
/// <para>Time: only the lease clock's monotonic timestamps; a lease is counted from before its request was sent, for
/// <see cref="SessionLease.HolderValidity"/> of its duration. A watchdog ticks every <see cref="WatchdogPeriod"/>: a gap
/// longer than <see cref="PauseLimit"/> on the monotonic clock, or the wall clock running ahead of it by as much (a
/// suspended machine whose monotonic clock stood still), drops every lease before the next read is served.</para>
/// <para>Bounds: entries count their item bytes plus <see cref="EntryOverhead"/>; past <c>ReadLeases:CacheSizeBytes</c>
/// the entries read least recently go.</para>
/// </remarks>
internal sealed class SessionLeaseCache : IDisposable
{
    /// <summary>What an entry costs beyond its items: key, snapshot, metadata, dictionary node.</summary>
    public const long EntryOverhead = 512;

    public static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan PauseLimit = TimeSpan.FromMilliseconds(750);

    private readonly ConcurrentDictionary<string, LeasedSession> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Tombstone> _tombstones = new(StringComparer.Ordinal);
    private readonly Lock _gate = new(); // grants and revocations of all keys: rare beside reads, which take no lock
    private readonly TimeProvider _clock;
    private readonly TimeProvider _wallClock;
    private readonly long _maxBytes;
    private readonly long _pauseLimitTicks;
    private readonly ITimer _watchdog;
    private long _hits; // counted here and observed by the meter: an instrument's Add per read costs more than the read
    private long _misses;
    private readonly Counter<long> _revocations;
    private readonly Counter<long> _refusedGrants;
    private readonly Counter<long> _pauses;
    private TimeSpan _longestLease;
    private long _bytes;
    private long _lastTick;
    private long _lastTickWallTicks; // UTC ticks, written with the monotonic tick, read without the gate
    private int _ticks;

    public SessionLeaseCache(
        IOptions<ReadLeaseOptions> options, [FromKeyedServices(ReadLeaseOptions.TimeProviderKey)] TimeProvider clock, TimeProvider wallClock,
        IMeterFactory meters)
    {
        (_clock, _wallClock, _maxBytes, _longestLease) = (clock, wallClock, options.Value.CacheSizeBytes, options.Value.Duration);
        _pauseLimitTicks = Ticks(PauseLimit);
        (_lastTick, _lastTickWallTicks) = (clock.GetTimestamp(), wallClock.GetUtcNow().UtcTicks);
        var meter = meters.Create(SessionsMeter.Name);
        meter.CreateObservableCounter(
            "sessions.frontend.lease_reads",
            () => new[] { new Measurement<long>(Interlocked.Read(ref _hits), Hit), new Measurement<long>(Interlocked.Read(ref _misses), Miss) },
            "{read}", "Session loads by where they were served: hit (the frontend's memory, under a lease) or miss (a grain call).");
        _revocations = meter.CreateCounter<long>("sessions.frontend.lease_revocations", "{revocation}", "Lease revocations this frontend confirmed.");
        _refusedGrants = meter.CreateCounter<long>(
            "sessions.frontend.lease_grants_refused", "{grant}", "Grants not taken: at or below a revoked version, older than the one held, or run out on arrival.");
        _pauses = meter.CreateCounter<long>("sessions.frontend.lease_pauses", "{pause}", "Times the watchdog found the process paused or suspended and dropped every lease.");
        meter.CreateObservableGauge("sessions.frontend.lease_cache.entries", () => (long)_entries.Count, "{session}", "Sessions held in the lease cache.");
        meter.CreateObservableGauge("sessions.frontend.lease_cache.bytes", () => Interlocked.Read(ref _bytes), "By", "Bytes the lease cache counts against ReadLeases:CacheSizeBytes.");
        _watchdog = clock.CreateTimer(static state => ((SessionLeaseCache)state!).Tick(), this, WatchdogPeriod, WatchdogPeriod);
    }

    public int Count => _entries.Count;

    /// <summary>The session under <paramref name="grainKey"/> from memory, when a lease on it is valid; the read counts as an access.</summary>
    public bool TryRead(string grainKey, out LeasedSessionRead read)
    {
        var now = _clock.GetTimestamp();
        if (_entries.TryGetValue(grainKey, out var entry) && now < entry.ValidUntil)
        {
            var wall = _wallClock.GetUtcNow();
            if (!Paused(now, wall) && entry.Serves(wall))
            {
                entry.Accessed(now);
                entry.Served(wall);
                Interlocked.Increment(ref _hits);
                read = new LeasedSessionRead(entry, wall);
                return true;
            }
        }

        read = default;
        return false;
    }

    /// <summary>The entry held under <paramref name="grainKey"/>, valid or run out: its version makes a renewal carry no items.</summary>
    public LeasedSession? Held(string grainKey) => _entries.GetValueOrDefault(grainKey);

    /// <summary>The lease clock's timestamp now: taken before a leased load is sent, the start of the lease it brings.</summary>
    public long Now() => _clock.GetTimestamp();

    /// <summary>Counts a load that had to call the grain.</summary>
    public void Missed() => Interlocked.Increment(ref _misses);

    /// <summary>
    /// Takes the lease a grain granted on a load sent at <paramref name="requestedAt"/>, over <paramref name="snapshot"/>,
    /// unless it must be refused (see the remarks of the type). False when refused.
    /// </summary>
    public bool Accept(string grainKey, long requestedAt, SessionLease lease, SessionSnapshot snapshot)
    {
        var validUntil = requestedAt + Ticks(SessionLease.HolderValidity(lease.Duration));
        var bytes = snapshot.Info.SizeBytes + grainKey.Length * 2 + EntryOverhead;
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            if (validUntil <= now
                || (_tombstones.TryGetValue(grainKey, out var tombstone) && now < tombstone.Until && (tombstone.Ended || lease.Version <= tombstone.Version))
                || (_entries.TryGetValue(grainKey, out var held) && held.Version > lease.Version))
            {
                _refusedGrants.Add(1);
                return false;
            }

            if (lease.Duration > _longestLease)
            {
                _longestLease = lease.Duration;
            }

            var entry = new LeasedSession(snapshot, lease, requestedAt, validUntil, bytes, _wallClock.GetUtcNow());
            if (_entries.TryGetValue(grainKey, out var replaced))
            {
                entry.Accessed(replaced.LastAccess);
                Interlocked.Add(ref _bytes, -replaced.Bytes);
            }

            _entries[grainKey] = entry;
            if (Interlocked.Add(ref _bytes, bytes) > _maxBytes)
            {
                Evict();
            }

            return true;
        }
    }

    /// <summary>
    /// Drops the lease <paramref name="revocation"/> names and remembers the revocation against grants still on their
    /// way; answers how long ago a read was last served from the dropped lease (null: none).
    /// </summary>
    public TimeSpan? Revoke(SessionLeaseRevocation revocation)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            var until = now + Ticks(SessionLease.HolderValidity(_longestLease));
            var tombstone = _tombstones.TryGetValue(revocation.GrainKey, out var earlier) && now < earlier.Until
                ? new Tombstone(Math.Max(earlier.Version, revocation.Version), earlier.Ended || revocation.Ended, until)
                : new Tombstone(revocation.Version, revocation.Ended, until);
            _tombstones[revocation.GrainKey] = tombstone;
            _revocations.Add(1);
            if (!_entries.TryGetValue(revocation.GrainKey, out var entry) || (!revocation.Ended && entry.Version > revocation.Version))
            {
                return null; // nothing held, or a newer grant arrived before this revocation of an older one
            }

            Remove(revocation.GrainKey, entry);
            return entry.LastAccess == 0 ? null : Elapsed(entry.LastAccess, now);
        }
    }

    /// <summary>The accesses served from leases since the last report, by the silo that granted each.</summary>
    public Dictionary<Orleans.Runtime.SiloAddress, List<SessionAccess>> TakeUnreportedAccesses()
    {
        var now = _clock.GetTimestamp();
        var bySilo = new Dictionary<Orleans.Runtime.SiloAddress, List<SessionAccess>>();
        foreach (var (key, entry) in _entries)
        {
            if (entry.TakeUnreportedAccess() is var accessed and not 0)
            {
                if (!bySilo.TryGetValue(entry.Silo, out var accesses))
                {
                    bySilo[entry.Silo] = accesses = [];
                }

                accesses.Add(new SessionAccess(key, Elapsed(accessed, now)));
            }
        }

        return bySilo;
    }

    public void Dispose() => _watchdog.Dispose();

    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("result", "miss");

    /// <summary>The watchdog missed its ticks (a paused process) or the wall clock ran ahead (a suspended machine): every lease goes.</summary>
    private bool Paused(long now, DateTimeOffset wall)
    {
        if (now - Volatile.Read(ref _lastTick) <= _pauseLimitTicks && wall.UtcTicks - Volatile.Read(ref _lastTickWallTicks) <= PauseLimit.Ticks)
        {
            return false;
        }

        Tick();
        return true;
    }

    private void Tick()
    {
        lock (_gate)
        {
            var (now, wall) = (_clock.GetTimestamp(), _wallClock.GetUtcNow());
            if (now - _lastTick > _pauseLimitTicks || TimeSpan.FromTicks(wall.UtcTicks - _lastTickWallTicks) - Elapsed(_lastTick, now) > PauseLimit)
            {
                _pauses.Add(1);
                foreach (var (key, entry) in _entries)
                {
                    Remove(key, entry);
                }
            }

            Volatile.Write(ref _lastTick, now);
            Volatile.Write(ref _lastTickWallTicks, wall.UtcTicks);
            if (++_ticks % 50 == 0)
            {
                foreach (var (key, tombstone) in _tombstones)
                {
                    if (tombstone.Until <= now)
                    {
                        _tombstones.TryRemove(key, out _);
                    }
                }
            }
        }
    }

    /// <summary>Under the gate: drops run-out leases, then those read least recently, until the cache is 10 % under its bound.</summary>
    private void Evict()
    {
        var now = _clock.GetTimestamp();
        var target = _maxBytes - _maxBytes / 10;
        foreach (var (key, entry) in _entries)
        {
            if (entry.ValidUntil <= now)
            {
                Remove(key, entry);
            }
        }

        if (Interlocked.Read(ref _bytes) <= target)
        {
            return;
        }

        foreach (var (key, entry) in _entries.ToArray().OrderBy(pair => pair.Value.LastUsed))
        {
            Remove(key, entry);
            if (Interlocked.Read(ref _bytes) <= target)
            {
                return;
            }
        }
    }

    private void Remove(string key, LeasedSession entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, LeasedSession>(key, entry)))
        {
            Interlocked.Add(ref _bytes, -entry.Bytes);
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _clock.TimestampFrequency);

    private TimeSpan Elapsed(long from, long to) => _clock.GetElapsedTime(from, to);

    private readonly record struct Tombstone(long Version, bool Ended, long Until);
}
