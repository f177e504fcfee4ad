using System.Text.Json;

namespace Sessions.Tests.Packaging;

/// <summary>
/// The GC mode each executable runs with, as its built runtimeconfig.json says (copied next to the tests): an MSBuild
/// property with a wrong name is silently ignored, and the silo ran workstation GC for a week that way.
/// </summary>
public sealed class GarbageCollectorSettingsTests
{
    [Theory]
    [InlineData("Sessions.Silo")]
    [InlineData("Sessions.WebFrontend")]
    public void TheExecutable_RunsServerGc(string assembly)
    {
        Assert.True(GcSetting(assembly, "System.GC.Server")?.GetBoolean());
    }

    /// <summary>Uncapped, server GC keeps its gen0 budget committed: 1.3 KiB more RSS per active session (docs/operations.md).</summary>
    [Theory]
    [InlineData("Sessions.Silo")]
    [InlineData("Sessions.WebFrontend")]
    public void TheExecutable_CapsTheGen0Budget(string assembly)
    {
        Assert.Equal(32L * 1024 * 1024, GcSetting(assembly, "System.GC.Gen0MaxBudget")?.GetInt64());
    }

    private static JsonElement? GcSetting(string assembly, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").TryGetProperty(name, out var value)
            ? value.Clone()
            : null;
    }
}
