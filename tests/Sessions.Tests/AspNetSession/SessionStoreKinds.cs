namespace Sessions.Tests.AspNetSession;

/// <summary>The stores a behaviour test runs against (xunit member data).</summary>
public static class SessionStoreKinds
{
    /// <summary>The built-in session and both ways of using Sessions.</summary>
    public static TheoryData<SessionStoreKind> All => [SessionStoreKind.BuiltIn, SessionStoreKind.Orleans, SessionStoreKind.OrleansStockMiddleware];

    /// <summary>Both ways of using Sessions, for behaviour the built-in session does not have.</summary>
    public static TheoryData<SessionStoreKind> Sessions => [SessionStoreKind.Orleans, SessionStoreKind.OrleansStockMiddleware];
}
