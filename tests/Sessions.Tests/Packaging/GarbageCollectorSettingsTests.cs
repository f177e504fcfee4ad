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

    private static JsonElement? GcSetting(string assembly, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").TryGetProperty(name, out var value)
            ? value.Clone()
            : null;
    }
}
