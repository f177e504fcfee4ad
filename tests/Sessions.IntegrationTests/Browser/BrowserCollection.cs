namespace Sessions.Tests.Browser;

/// <summary>The browser tests share one running demo site and one Chromium, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DemoSiteFixture>
{
    public const string Name = "Browser";
}
