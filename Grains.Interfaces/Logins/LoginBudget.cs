namespace Sessions.Grains.Interfaces;

/// <summary>Which budget of an account's login throttle refused an attempt.</summary>
[GenerateSerializer, Alias("sessions.LoginBudget")]
public enum LoginBudget
{
    /// <summary>None: the attempt was allowed.</summary>
    None = 0,

    /// <summary>The budget of the client's address prefix on this account.</summary>
    Address = 1,

    /// <summary>The account-wide budget of the prefixes that have not signed in to it recently.</summary>
    Account = 2,
}
