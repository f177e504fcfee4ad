namespace Sessions.Tests.AspNetSession;

/// <summary>Which store and middleware back <c>HttpContext.Session</c> in the behaviour suite.</summary>
public enum SessionStoreKind
{
    /// <summary>ASP.NET Core's own session over the distributed memory cache, behind <c>app.UseSession()</c>.</summary>
    BuiltIn,

    /// <summary>Sessions as recommended: <c>AddOrleansSessions()</c> and <c>app.UseOrleansSessions()</c>.</summary>
    Orleans,

    /// <summary>Sessions behind the stock middleware: <c>AddOrleansSessions()</c> and <c>app.UseSession()</c>.</summary>
    OrleansStockMiddleware,
}
