namespace Sessions.Configuration;

/// <summary>The name of the meter that silos (sessions created, ended, storage writes) and frontends (grain calls) report on.</summary>
public static class SessionsMeter
{
    public const string Name = "Sessions";
}
