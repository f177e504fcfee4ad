namespace Sessions.Grains.Interfaces;

/// <summary>The answer to <see cref="ILoginThrottleGrain.ReserveAsync"/>: allowed, or how long to wait and which budget ran out.</summary>
[GenerateSerializer, Immutable, Alias("sessions.LoginReservation")]
public sealed record LoginReservation(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] TimeSpan RetryAfter,
    [property: Id(2)] LoginBudget Exhausted)
{
    /// <summary>One password check taken.</summary>
    public static LoginReservation Granted { get; } = new(true, TimeSpan.Zero, LoginBudget.None);
}
