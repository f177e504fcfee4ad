namespace Sessions.Tests.Fixtures;

/// <summary>Awaits a condition that another part of the system makes true asynchronously (e.g. a grain timer tick).</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, TimeSpan? pollInterval = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (limit.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(10), CancellationToken.None);
        }

        return true;
    }
}
