namespace Sessions.AspNetCore;

internal static class SessionArgumentLimits
{
    /// <summary>What <see cref="ISession.Set"/> refuses before anything is sent, as the built-in session refuses keys that are too long.</summary>
    public static void ThrowIfOutside(this SessionLimitsOptions limits, string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!SessionKeyRules.IsWithinLimits(key, limits.MaxKeyLength))
        {
            throw new ArgumentOutOfRangeException(nameof(key), $"Session keys are 1 to {limits.MaxKeyLength} characters.");
        }

        if (value.Length > limits.MaxValueBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"Session values are limited to {limits.MaxValueBytes} bytes.");
        }
    }
}
