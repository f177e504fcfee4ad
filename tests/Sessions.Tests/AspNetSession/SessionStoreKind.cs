namespace Sessions.Tests.AspNetSession;

/// <summary>Which store backs <c>HttpContext.Session</c> in the behaviour suite.</summary>
public enum SessionStoreKind
{
    /// <summary>ASP.NET Core's own session over the distributed memory cache.</summary>
    BuiltIn,

    /// <summary>Sessions: <c>AddOrleansSessions()</c> over the test cluster.</summary>
    Orleans,
}
