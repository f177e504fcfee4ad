namespace Sessions.Grains;

/// <summary>
/// A budget of attempts that refills evenly with time, up to its capacity; it starts full. Refilled lazily on each use
/// from the time elapsed, so no timer or sweep keeps it.
/// </summary>
internal sealed class TokenBucket(int capacity, int perHour, DateTimeOffset now)
{
    private double _tokens = capacity;
    private DateTimeOffset _updatedAt = now;

    /// <summary>Takes one attempt; false, taking nothing, when less than one is left.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        if (!HasOne(now))
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }

    /// <summary>Whether one attempt is left now.</summary>
    public bool HasOne(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= 1;
    }

    /// <summary>How long until one attempt is left; zero when one is.</summary>
    public TimeSpan WaitForOne(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromHours((1 - _tokens) / perHour);
    }

    /// <summary>Gives one attempt back (not beyond the capacity).</summary>
    public void GiveBack(DateTimeOffset now)
    {
        Refill(now);
        _tokens = Math.Min(capacity, _tokens + 1);
    }

    /// <summary>Fills the budget to its capacity.</summary>
    public void Fill(DateTimeOffset now) => (_tokens, _updatedAt) = (capacity, now);

    private void Refill(DateTimeOffset now)
    {
        if (now > _updatedAt)
        {
            _tokens = Math.Min(capacity, _tokens + (now - _updatedAt).TotalHours * perHour);
            _updatedAt = now;
        }
    }
}
