using System.Globalization;

namespace Sessions.Tests.Samples;

/// <summary>
/// samples/ExistingApp built from our packages only: the built libraries packed (no rebuild) into a folder feed with a
/// version unique to this run, so a copy in the NuGet cache from an earlier run can never stand in for them, and the
/// sample restored and built against that feed into a folder of its own.
/// </summary>
public sealed class ExistingAppPackages : IAsyncLifetime
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(5);
    private readonly string _root = Directory.CreateTempSubdirectory("sessions-existing-app-").FullName;

    /// <summary>The package version of this run.</summary>
    public string Version { get; } = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    public string Feed => Path.Combine(_root, "feed");

    public string AppDll => Path.Combine(_root, "app", "ExistingApp.dll");

    /// <summary>A new empty folder for one process's content root (its SQLite file, its logs).</summary>
    public string NewContentRoot() => Directory.CreateDirectory(Path.Combine(_root, "run-" + Guid.NewGuid().ToString("N"))).FullName;

    public async ValueTask InitializeAsync()
    {
        string[] noServers = ["-nodeReuse:false", "-p:UseSharedCompilation=false", "--disable-build-servers"];
        var root = BuiltApps.RepositoryRoot;
        // The folder the sample's nuget.config names must exist for restore, even when this run uses its own feed.
        Directory.CreateDirectory(Path.Combine(root, "artifacts", "packages"));
        await ExternalProcess.RunAsync("dotnet",
            ["pack", "Sessions.sln", "--no-build", "-c", BuiltApps.Configuration, $"-p:Version={Version}", "-o", Feed, .. noServers],
            root, BuildLimit);
        Assert.Equal(6, Directory.GetFiles(Feed, $"GrainSessions.*.{Version}.nupkg").Length);
        await ExternalProcess.RunAsync("dotnet",
            ["build", Path.Combine("samples", "ExistingApp", "ExistingApp.csproj"), "-c", BuiltApps.Configuration,
             $"-p:GrainSessionsVersion={Version}", $"-p:RestoreAdditionalProjectSources={Feed}", "-o", Path.GetDirectoryName(AppDll)!,
             .. noServers],
            root, BuildLimit);
        Assert.True(File.Exists(AppDll), "The sample did not build: " + AppDll);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
